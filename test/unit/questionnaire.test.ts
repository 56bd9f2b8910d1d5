import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/core/evaluate.js";
import type { Answer, ProfileAnswers, Profile } from "../../src/core/parse-profile.js";
import type { Dimension } from "../../src/core/rules-schema.js";
import type { Asker, Progress } from "../../src/prompt/asker.js";
import { questionRounds } from "../../src/prompt/question-order.js";
import { askCostQuestions, askQuestions, secondRound } from "../../src/prompt/questionnaire.js";
import { defaultRules } from "../helpers.js";

/** A fake asker: answers from a table (undefined = "not sure"), and records what was asked, in order. */
function fakeAsker(answers: Record<string, Answer | undefined>, more: boolean) {
  const asked: { id: string; progress: Progress }[] = [];
  const confirms: string[] = [];
  const asker: Asker = {
    answer: async (dimension: Dimension, progress) => {
      asked.push({ id: dimension.id, progress });
      return answers[dimension.id];
    },
    confirm: async (message) => {
      confirms.push(message);
      return more;
    },
    text: async () => "",
  };
  return { asker, asked, confirms };
}

describe("the questionnaire", () => {
  const rules = defaultRules();
  const { core, rest } = questionRounds(rules);
  const question = (id: string) => rules.dimensions.find((d) => d.id === id)!.question;

  it("asks the core round (the dimensions marked core), most decisive first", () => {
    expect(new Set(core)).toEqual(new Set(rules.dimensions.filter((d) => d.core).map((d) => d.id)));
    expect(core.length).toBeGreaterThanOrEqual(6);
    expect(core.length).toBeLessThanOrEqual(8);
    expect(core[0]).toBe("need");
    expect([...core, ...rest].sort()).toEqual(rules.dimensions.map((d) => d.id).sort());
  });

  const none = (): ProfileAnswers => ({ profile: {}, open: [] });

  it("stops after the core round unless the user wants more; each question left open is recorded", async () => {
    const { asker, asked, confirms } = fakeAsker({ need: "knowledge" }, false);
    const answers = await askQuestions(rules, none(), asker);
    expect(asked.map((a) => a.id)).toEqual(core);
    expect(asked.map((a) => a.progress)).toEqual(core.map((_, i) => ({ index: i + 1, total: core.length })));
    expect(confirms).toHaveLength(1);
    expect(answers).toEqual({ profile: { need: "knowledge" }, open: core.filter((id) => id !== "need") });
  });

  it("offers first the questions that could change the advice, names them, and says how many of the rest they are", async () => {
    const given: ProfileAnswers = { profile: { need: "behavior" }, open: [] };
    const { asker, asked, confirms } = fakeAsker({}, true);
    const coreLeft = core.filter((id) => given.profile[id] === undefined);
    const answers = await askQuestions(rules, given, asker);
    const changing = evaluate(rules, answers.profile)
      .sharpen.map((q) => q.dimension)
      .filter((id) => rest.includes(id));
    expect(changing.length).toBeGreaterThan(0);
    expect(changing.length).toBeLessThan(rest.length);
    expect(confirms[0]).toBe(
      [
        `${changing.length} of the ${rest.length} other questions could change this advice:`,
        ...changing.slice(0, 4).map((id) => `  - ${question(id)}`),
        ...(changing.length > 4 ? [`  - and ${changing.length - 4} more`] : []),
        `Answer ${changing.length === 1 ? "it" : "them"}?`,
      ].join("\n"),
    );
    // Offered again for the answers given by then: none of the others could change the advice any more.
    expect(confirms[1]).toBe(
      `None of the ${rest.length - changing.length} other questions would change this recommendation. Answer them anyway?`,
    );
    expect(confirms).toHaveLength(2);
    const second = asked.slice(coreLeft.length).map((a) => a.id);
    expect(second.slice(0, changing.length)).toEqual(changing);
    expect(second.slice(changing.length).sort()).toEqual(rest.filter((id) => !changing.includes(id)).sort());
    expect(asked.at(-1)!.progress).toEqual({
      index: coreLeft.length + rest.length,
      total: coreLeft.length + rest.length,
    });
  });

  it("orders the second round by the sharpening questions of the answers given so far", () => {
    const answers: ProfileAnswers = { profile: { need: "knowledge" }, open: [] };
    const round = secondRound(rules, answers, rest);
    const sharpen = evaluate(rules, answers.profile).sharpen.map((q) => q.dimension);
    expect(round.changing).toEqual(sharpen.filter((id) => rest.includes(id)));
    expect([...round.changing, ...round.others].sort()).toEqual([...rest].sort());
  });

  it("says so when none of the rest could change the advice", () => {
    const some = secondRound({ ...rules, rules: [] }, { profile: {}, open: [] }, rest);
    expect(some.changing).toEqual([]);
    expect(some.offer).toBe(
      `None of the ${rest.length} other questions would change this recommendation. Answer them anyway?`,
    );
    expect(secondRound({ ...rules, rules: [] }, { profile: {}, open: [] }, rest.slice(0, 1)).offer).toBe(
      "The other question would not change this recommendation. Answer it anyway?",
    );
  });

  it("says so when every one of the rest could change the advice, and then asks no more", async () => {
    const changing = evaluate(rules, { need: "behavior" })
      .sharpen.map((q) => q.dimension)
      .filter((id) => rest.includes(id));
    const round = secondRound(rules, { profile: { need: "behavior" }, open: [] }, changing);
    expect(round.offer).toBe(
      [
        `All ${changing.length} other questions could change this advice:`,
        ...changing.slice(0, 4).map((id) => `  - ${question(id)}`),
        ...(changing.length > 4 ? [`  - and ${changing.length - 4} more`] : []),
        "Answer them?",
      ].join("\n"),
    );
    expect(round.others).toEqual([]);
    const one = secondRound(rules, { profile: { need: "behavior" }, open: [] }, changing.slice(0, 1));
    expect(one.offer).toBe(`The other question could change this advice:\n  - ${question(changing[0]!)}\nAnswer it?`);
  });

  it("lists four of the questions that could change the advice in their own words, and how many more there are", () => {
    const round = secondRound(rules, none(), [...core, ...rest]);
    expect(round.changing.length).toBeGreaterThan(4);
    const lines = round.offer.split("\n");
    expect(lines.slice(1, 5)).toEqual(round.changing.slice(0, 4).map((id) => `  - ${question(id)}`));
    expect(lines[5]).toBe(`  - and ${round.changing.length - 4} more`);
    expect(lines).toHaveLength(7);
  });

  it("asks the rest on a yes, numbering on from the core round", async () => {
    const { asker, asked } = fakeAsker({ latency: "strict" }, true);
    const answers = await askQuestions(rules, none(), asker);
    expect(asked.map((a) => a.id).sort()).toEqual([...core, ...rest].sort());
    expect(asked.map((a) => a.id).slice(0, core.length)).toEqual(core);
    expect(asked.at(-1)!.progress).toEqual({ index: core.length + rest.length, total: core.length + rest.length });
    expect(answers.profile).toEqual({ latency: "strict" });
  });

  it("never asks again what flags or a profile answered or left open", async () => {
    const given: ProfileAnswers = {
      profile: { need: "behavior", citations: false, "error-cost": "high" },
      open: ["timeline", "budget-usd"],
    };
    const { asker, asked } = fakeAsker({}, true);
    const answers = await askQuestions(rules, given, asker);
    for (const id of ["need", "citations", "error-cost", "timeline", "budget-usd"])
      expect(asked.map((a) => a.id)).not.toContain(id);
    expect(asked).toHaveLength(rules.dimensions.length - 5);
    expect(answers.profile).toEqual(given.profile);
    expect(answers.open.sort()).toEqual(
      rules.dimensions
        .map((d) => d.id)
        .filter((id) => !(id in given.profile))
        .sort(),
    );
  });

  it("asks nothing when every question is answered or left open", async () => {
    const given: ProfileAnswers = {
      profile: { need: "behavior" },
      open: rules.dimensions.map((d) => d.id).filter((id) => id !== "need"),
    };
    const { asker, asked, confirms } = fakeAsker({}, true);
    expect(await askQuestions(rules, given, asker)).toEqual(given);
    expect(asked).toEqual([]);
    expect(confirms).toEqual([]);
  });

  it("offers the rest at once when flags answered the whole core round", async () => {
    const given = Object.fromEntries(
      core.map((id) => [
        id,
        rules.dimensions.find((d) => d.id === id)!.type === "boolean"
          ? true
          : rules.dimensions.find((d) => d.id === id)!.type === "number"
            ? 1
            : (rules.dimensions.find((d) => d.id === id) as { values: { id: string }[] }).values[0]!.id,
      ]),
    );
    const { asker, asked, confirms } = fakeAsker({}, false);
    await askQuestions(rules, { profile: given as Profile, open: [] }, asker);
    expect(asked).toEqual([]);
    expect(confirms).toHaveLength(1);
  });

  it("asks a dimension added in a rules file with no code change", async () => {
    const extended = {
      ...rules,
      dimensions: [
        ...rules.dimensions,
        { id: "team-size", type: "number" as const, question: "How many people?", core: true, sources: [] },
      ],
    };
    const { asker, asked } = fakeAsker({}, false);
    await askQuestions(extended, none(), asker);
    expect(asked.map((a) => a.id)).toContain("team-size");
  });
});

describe("the cost sketch's questions", () => {
  const rules = defaultRules();
  const questions = rules.cost!.questions;

  it("are not offered when there will be no sketch: the volume is not known", async () => {
    const { asker, asked, confirms } = fakeAsker({}, true);
    expect(await askCostQuestions(rules, { profile: { need: "knowledge" }, cost: {} }, asker)).toEqual({});
    expect(confirms).toEqual([]);
    expect(asked).toEqual([]);
  });

  it("are offered in their own words with what the sketch assumes, and asked as numbers when wanted", async () => {
    const { asker, asked, confirms } = fakeAsker({ "prompt-tokens": 2000, "model-size": 7e10 }, true);
    const given = { "answer-tokens": 500 };
    const cost = await askCostQuestions(rules, { profile: { "queries-per-day": 5000 }, cost: given }, asker);
    const waiting = questions.filter((q) => q.id !== "answer-tokens");
    expect(confirms).toEqual([
      [
        `The cost sketch assumes ${waiting.length} figures you can give:`,
        ...waiting.map(
          (q) =>
            `  - ${q.question}${rules.cost!.defaults[q.id] === undefined ? "" : ` (assumed: ${rules.cost!.defaults[q.id]})`}`,
        ),
        "Answer them?",
      ].join("\n"),
    ]);
    expect(asked).toEqual(
      waiting.map((q, i) => ({ id: q.id, progress: { index: i + 1, total: waiting.length, round: "cost" } })),
    );
    // Those left open keep the sketch's assumption and are recorded so; the one given before is kept.
    expect(cost).toEqual({
      "answer-tokens": 500,
      "prompt-tokens": 2000,
      "model-size": 7e10,
      ...Object.fromEntries(
        waiting.filter((q) => !["prompt-tokens", "model-size"].includes(q.id)).map((q) => [q.id, "not-sure"]),
      ),
    });
  });

  it("keep the answers given so far when declined", async () => {
    const { asker, asked } = fakeAsker({ "prompt-tokens": 2000 }, false);
    const cost = await askCostQuestions(
      rules,
      { profile: { "queries-per-day": 5000 }, cost: { "model-size": 8e9 } },
      asker,
    );
    expect(cost).toEqual({ "model-size": 8e9 });
    expect(asked).toEqual([]);
  });
});
