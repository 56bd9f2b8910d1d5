import input from "@inquirer/input";
import select from "@inquirer/select";
import { render } from "@inquirer/testing";
import { describe, expect, it } from "vitest";
import type { EnumDimension } from "../../src/core/rules-schema.js";
import { booleanPrompt, enumPrompt, numberPrompt, toAnswer, wrapMessage } from "../../src/prompt/inquirer-asker.js";
import { defaultRules } from "../helpers.js";

const dimension = (id: string) => defaultRules().dimensions.find((d) => d.id === id)!;

describe("prompts", () => {
  it("an enum is a select with labels, meanings and progress", async () => {
    const latency = dimension("latency") as EnumDimension;
    const { answer, events, getScreen } = await render(select, enumPrompt(latency, { index: 2, total: 8 }));
    expect(getScreen()).toContain("(2/8) What response time do you need?");
    events.keypress("down");
    expect(getScreen()).toContain("Under a second.");
    events.keypress("down");
    expect(getScreen()).toContain("One to five seconds");
    events.keypress("enter");
    expect(toAnswer(latency, await answer)).toBe("interactive");
  });

  it.each(["latency", "timeline", "retrieval-infra", "need"])(
    'the cursor of %s starts on "Not sure", so Enter leaves it open',
    async (id) => {
      const { answer, events, getScreen } = await render(
        select,
        enumPrompt(dimension(id) as EnumDimension, { index: 1, total: 1 }),
      );
      expect(getScreen()).toMatch(/❯ Not sure — leave open/);
      events.keypress("enter");
      expect(toAnswer(dimension(id), await answer)).toBeUndefined();
    },
  );

  it('the neutral choice and need "unclear" read differently', async () => {
    const { events, getScreen } = await render(
      select,
      enumPrompt(dimension("need") as EnumDimension, { index: 1, total: 1 }),
    );
    events.keypress("up");
    expect(getScreen()).toMatch(/❯ We have not diagnosed it yet/);
    expect(getScreen()).not.toMatch(/Not clear yet/);
  });

  it("shows the question's help under the highlighted choice", async () => {
    const { events, getScreen } = await render(
      select,
      enumPrompt(dimension("need") as EnumDimension, { index: 1, total: 1 }),
    );
    expect(getScreen()).toContain("Diagnose first: missing facts call for retrieval");
    events.keypress("down");
    expect(getScreen()).toContain("It does not know our facts");
    expect(getScreen()).toContain("Diagnose first: missing facts call for retrieval");
  });

  it("shows a number question's help with it", async () => {
    const { getScreen } = await render(input, numberPrompt(dimension("corpus-tokens"), { index: 1, total: 1 }));
    expect(getScreen()).toContain("About 750 words make 1,000 tokens");
    expect(getScreen()).toMatch(/empty: not sure/);
  });

  it("keeps only the question and the answer on screen once a number is answered, as a select does", async () => {
    const corpus = dimension("corpus-tokens");
    const { answer, events, getScreen } = await render(input, numberPrompt(corpus, { index: 2, total: 8 }));
    events.type("2m");
    events.keypress("enter");
    expect(toAnswer(corpus, await answer)).toBe(2_000_000);
    expect(getScreen()).toBe(`✔ (2/8) ${corpus.question} 2m`);
  });

  it("wraps each choice's meaning and the question's help to the terminal, no line starting with a space", () => {
    for (const id of ["knowledge-freshness", "task-kind", "citations"]) {
      const d = dimension(id);
      const prompt =
        d.type === "enum" ? enumPrompt(d, { index: 1, total: 1 }, 40) : booleanPrompt(d, { index: 1, total: 1 }, 40);
      for (const choice of prompt.choices)
        for (const line of choice.description.split("\n")) {
          expect(line.length, line).toBeLessThanOrEqual(40);
          expect(line, line).not.toMatch(/^\s/);
        }
    }
  });

  it("wraps an offer line by line, an item's continuation under its text", () => {
    const message = [
      "The cost sketch assumes 2 figures you can give:",
      "  - How many tokens does a typical request send, instructions and examples included? (assumed: 1000)",
      "  - How many tokens is a typical answer? (assumed: 300)",
      "Answer them?",
    ].join("\n");
    expect(wrapMessage(message, 40).split("\n")).toEqual([
      "The cost sketch assumes 2 figures you",
      "can give:",
      "  - How many tokens does a typical",
      "    request send, instructions and",
      "    examples included? (assumed: 1000)",
      "  - How many tokens is a typical answer?",
      "    (assumed: 300)",
      "Answer them?",
    ]);
  });

  it("names a round counted on its own before its count", async () => {
    const { getScreen } = await render(
      input,
      numberPrompt(dimension("corpus-tokens"), { index: 2, total: 5, round: "cost" }, 120),
    );
    expect(getScreen()).toMatch(/^\? \(cost 2\/5\) How much domain/);
  });

  it("gives example answers in the question's unit", async () => {
    const shownFor = async (id: string) =>
      (await render(input, numberPrompt(dimension(id), { index: 1, total: 1 }, 120))).getScreen();
    expect(await shownFor("budget-usd")).toMatch(/\(e\.g\. \$20k, \$1\.5m; empty: not sure\)/);
    expect(await shownFor("corpus-tokens")).toMatch(/\(e\.g\. 200k, 2m, 300b; empty: not sure\)/);
    expect(await shownFor("labeled-examples")).toMatch(/\(e\.g\. 500, 20k; empty: not sure\)/);
  });

  it("wraps a number question's help to the terminal, indented", async () => {
    const { getScreen } = await render(input, numberPrompt(dimension("corpus-tokens"), { index: 1, total: 1 }, 40));
    const help = getScreen().split("\n").slice(1, -1);
    expect(help.length).toBeGreaterThan(1);
    for (const line of help) {
      expect(line.length).toBeLessThanOrEqual(40);
      expect(line).toMatch(/^  \S/);
    }
  });

  it("makes control characters in a rules file's text visible", async () => {
    const hostile = {
      ...(dimension("latency") as EnumDimension),
      question: "Bad\u001b]0;title\u0007?",
      help: "x\u001b[2Jy",
    };
    const { getScreen } = await render(select, enumPrompt(hostile, { index: 1, total: 1 }));
    expect(getScreen()).toContain("Bad\\x1b]0;title\\x07?");
    expect(getScreen()).toContain("x\\x1b[2Jy");
  });

  it("a yes/no question answers a boolean", async () => {
    const citations = dimension("citations");
    const { answer, events, getScreen } = await render(select, booleanPrompt(citations, { index: 1, total: 1 }));
    expect(getScreen()).toMatch(/❯ Not sure — leave open/);
    events.keypress("up");
    events.keypress("enter");
    expect(toAnswer(citations, await answer)).toBe(false);
  });

  it("a number accepts suffixes and explains a bad entry inline", async () => {
    const budget = dimension("budget-usd");
    const { answer, events, getScreen } = await render(input, numberPrompt(budget, { index: 3, total: 8 }));
    events.type("lots");
    events.keypress("enter");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(getScreen()).toMatch(/"lots" is not a valid answer to budget-usd; expected a number ≥ 0/);
    for (let i = 0; i < 4; i++) events.keypress("backspace");
    events.type("$20,000");
    events.keypress("enter");
    expect(toAnswer(budget, await answer)).toBe(20_000);
  });

  it("an empty number means not sure, and says so once answered", async () => {
    const budget = dimension("budget-usd");
    const { answer, events, getScreen } = await render(input, numberPrompt(budget, { index: 1, total: 1 }));
    events.keypress("enter");
    expect(toAnswer(budget, await answer)).toBeUndefined();
    expect(getScreen().replace(/\s+/g, " ")).toMatch(/Not sure — leave open$/);
  });
});
