import { describe, expect, it } from "vitest";
import type { Answer, Profile } from "../../src/core/parse-profile.js";
import type { Dimension } from "../../src/core/rules-schema.js";
import type { Asker, Progress } from "../../src/prompt/asker.js";
import { questionRounds } from "../../src/prompt/question-order.js";
import { askQuestions } from "../../src/prompt/questionnaire.js";
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

  it("asks the core round (the dimensions marked core), most decisive first", () => {
    expect(new Set(core)).toEqual(new Set(rules.dimensions.filter((d) => d.core).map((d) => d.id)));
    expect(core.length).toBeGreaterThanOrEqual(6);
    expect(core.length).toBeLessThanOrEqual(8);
    expect(core[0]).toBe("need");
    expect([...core, ...rest].sort()).toEqual(rules.dimensions.map((d) => d.id).sort());
  });

  it("stops after the core round unless the user wants more", async () => {
    const { asker, asked, confirms } = fakeAsker({ need: "knowledge" }, false);
    const profile = await askQuestions(rules, {}, asker);
    expect(asked.map((a) => a.id)).toEqual(core);
    expect(asked.map((a) => a.progress)).toEqual(core.map((_, i) => ({ index: i + 1, total: core.length })));
    expect(confirms).toEqual([`Answer ${rest.length} more questions to sharpen the advice?`]);
    expect(profile).toEqual({ need: "knowledge" });
  });

  it("asks the rest on a yes, numbering on from the core round", async () => {
    const { asker, asked } = fakeAsker({ latency: "strict" }, true);
    const profile = await askQuestions(rules, {}, asker);
    expect(asked.map((a) => a.id)).toEqual([...core, ...rest]);
    expect(asked.at(-1)!.progress).toEqual({ index: core.length + rest.length, total: core.length + rest.length });
    expect(profile).toEqual({ latency: "strict" });
  });

  it("never asks again what flags or a profile answered", async () => {
    const given: Profile = { need: "behavior", citations: false, "error-cost": "high" };
    const { asker, asked } = fakeAsker({}, true);
    const profile = await askQuestions(rules, given, asker);
    expect(asked.map((a) => a.id)).not.toContain("need");
    expect(asked.map((a) => a.id)).not.toContain("citations");
    expect(asked.map((a) => a.id)).not.toContain("error-cost");
    expect(asked).toHaveLength(rules.dimensions.length - 3);
    expect(profile).toEqual(given);
  });

  it("offers the rest at once when flags answered the whole core round", async () => {
    const given = Object.fromEntries(core.map((id) => [id, rules.dimensions.find((d) => d.id === id)!.type === "boolean" ? true : rules.dimensions.find((d) => d.id === id)!.type === "number" ? 1 : (rules.dimensions.find((d) => d.id === id) as { values: { id: string }[] }).values[0]!.id]));
    const { asker, asked, confirms } = fakeAsker({}, false);
    await askQuestions(rules, given as Profile, asker);
    expect(asked).toEqual([]);
    expect(confirms).toHaveLength(1);
  });

  it("asks a dimension added in a rules file with no code change", async () => {
    const extended = { ...rules, dimensions: [...rules.dimensions, { id: "team-size", type: "number" as const, question: "How many people?", core: true, sources: [] }] };
    const { asker, asked } = fakeAsker({}, false);
    await askQuestions(extended, {}, asker);
    expect(asked.map((a) => a.id)).toContain("team-size");
  });
});
