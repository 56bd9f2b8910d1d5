import input from "@inquirer/input";
import select from "@inquirer/select";
import { render } from "@inquirer/testing";
import { describe, expect, it } from "vitest";
import type { EnumDimension } from "../../src/core/rules-schema.js";
import { booleanPrompt, enumPrompt, numberPrompt, toAnswer } from "../../src/prompt/inquirer-asker.js";
import { defaultRules } from "../helpers.js";

const dimension = (id: string) => defaultRules().dimensions.find((d) => d.id === id)!;

describe("prompts", () => {
  it("an enum is a select with labels, meanings and progress", async () => {
    const latency = dimension("latency") as EnumDimension;
    const { answer, events, getScreen } = await render(select, enumPrompt(latency, { index: 2, total: 8 }));
    expect(getScreen()).toContain("(2/8) What response time do you need?");
    expect(getScreen()).toContain("Under a second.");
    events.keypress("down");
    expect(getScreen()).toContain("One to five seconds");
    events.keypress("enter");
    expect(toAnswer(latency, await answer)).toBe("interactive");
  });

  it("every question can be answered \"not sure\"", async () => {
    const latency = dimension("latency") as EnumDimension;
    const { answer, events } = await render(select, enumPrompt(latency, { index: 1, total: 1 }));
    for (let i = 0; i < latency.values.length; i++) events.keypress("down");
    events.keypress("enter");
    expect(toAnswer(latency, await answer)).toBeUndefined();
  });

  it("a yes/no question answers a boolean", async () => {
    const citations = dimension("citations");
    const { answer, events } = await render(select, booleanPrompt(citations, { index: 1, total: 1 }));
    events.keypress("down");
    events.keypress("enter");
    expect(toAnswer(citations, await answer)).toBe(false);
  });

  it("a number accepts suffixes and explains a bad entry inline", async () => {
    const budget = dimension("budget-usd");
    const { answer, events, getScreen } = await render(input, numberPrompt(budget, { index: 3, total: 8 }));
    events.type("lots");
    events.keypress("enter");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(getScreen()).toMatch(/"lots" is not a valid budget-usd; expected a number ≥ 0/);
    for (let i = 0; i < 4; i++) events.keypress("backspace");
    events.type("2.5m");
    events.keypress("enter");
    expect(toAnswer(budget, await answer)).toBe(2_500_000);
  });

  it("an empty number means not sure", async () => {
    const budget = dimension("budget-usd");
    const { answer, events } = await render(input, numberPrompt(budget, { index: 1, total: 1 }));
    events.keypress("enter");
    expect(toAnswer(budget, await answer)).toBeUndefined();
  });
});
