import { describe, expect, it } from "vitest";
import { ProfileError } from "../../src/core/errors.js";
import {
  LEFT_OPEN,
  mergeAnswers,
  mergeProfiles,
  parseAnswers,
  parseProfile,
  recordedProfile,
} from "../../src/core/parse-profile.js";
import { defaultRules } from "../helpers.js";

const parse = (values: Record<string, unknown>) => parseProfile(defaultRules(), { origin: "test", values });
const problemsOf = (values: Record<string, unknown>): string[] => {
  try {
    parse(values);
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileError);
    return (error as ProfileError).problems.map((p) => p.message);
  }
  throw new Error("expected a ProfileError");
};

describe("parseProfile", () => {
  it.each([
    [{ "budget-usd": "50k" }, { "budget-usd": 50_000 }],
    [{ "corpus-tokens": "2.5m" }, { "corpus-tokens": 2_500_000 }],
    [{ "labeled-examples": 120 }, { "labeled-examples": 120 }],
    [{ latency: "interactive" }, { latency: "interactive" }],
    [{ latency: "Interactive" }, { latency: "interactive" }],
    [{ latency: "sub-second" }, { latency: "strict" }],
    [{ citations: true }, { citations: true }],
    [{ citations: "yes" }, { citations: true }],
    [{ citations: "false" }, { citations: false }],
    [{ need: null }, {}],
  ])("%j → %j", (input, expected) => {
    expect(parse(input)).toEqual(expected);
  });

  it.each([
    [{ "budget-usd": -5 }, /not a valid answer to budget-usd \(it must not be negative\)/],
    [{ "budget-usd": "-5" }, /must not be negative/],
    [{ "labeled-examples": "lots" }, /"lots" is not a valid answer to labeled-examples; expected a number ≥ 0/],
    [{ latency: "realtime" }, /allowed: strict, interactive, relaxed, batch/],
    [{ latency: "interactiv" }, /did you mean "interactive"/],
    [{ citations: "maybe" }, /expected true or false/],
    [{ need: 3 }, /3 is not a valid answer to need; allowed: knowledge/],
    [{ budjet: 5 }, /unknown question "budjet"/],
    [{ lateny: "strict" }, /did you mean "latency"/],
    // Names of a plain object's own machinery are not aliases.
    [{ need: "constructor" }, /"constructor" is not a valid answer to need; allowed: knowledge/],
    [{ latency: "__proto__" }, /"__proto__" is not a valid answer to latency/],
    [{ need: "hasOwnProperty" }, /not a valid answer to need/],
  ])("%j is rejected with %s", (input, message) => {
    const problems = problemsOf(input);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it("reports every bad answer at once", () => {
    expect(problemsOf({ latency: "x", "budget-usd": "y", nope: 1 })).toHaveLength(3);
  });
});

describe("mergeProfiles", () => {
  it("lets later layers win", () => {
    expect(mergeProfiles({ need: "knowledge", latency: "batch" }, { latency: "strict" })).toEqual({
      need: "knowledge",
      latency: "strict",
    });
  });
});

describe("mergeAnswers", () => {
  const of = (profile: Record<string, string | boolean>, open: string[] = []) => ({ profile, open });

  it("lets later layers win: file, then flags, then questions", () => {
    expect(
      mergeAnswers(of({ need: "knowledge", latency: "batch" }), of({ latency: "strict" }), of({ citations: true }))
        .profile,
    ).toEqual({
      need: "knowledge",
      latency: "strict",
      citations: true,
    });
  });

  it.each([
    [
      "a later answer closes a question left open",
      [of({}, ["latency"]), of({ latency: "strict" })],
      { latency: "strict" },
      [],
    ],
    ["a later not-sure opens an answered question", [of({ latency: "strict" }), of({}, ["latency"])], {}, ["latency"]],
    [
      "open questions of different layers add up",
      [of({}, ["latency"]), of({}, ["timeline"])],
      {},
      ["latency", "timeline"],
    ],
  ] as const)("%s", (_name, layers, profile, open) => {
    expect(mergeAnswers(...layers.map((l) => ({ profile: { ...l.profile }, open: [...l.open] })))).toEqual({
      profile,
      open,
    });
  });
});

describe('"not sure" in a profile', () => {
  const rules = defaultRules();

  it.each([LEFT_OPEN, "Not-Sure", " not-sure "])(
    "%j is accepted for an enum, a number and a boolean, and left unanswered",
    (value) => {
      const answers = parseAnswers(rules, {
        origin: "test",
        values: { latency: value, "budget-usd": value, citations: value, need: "knowledge" },
      });
      expect(answers).toEqual({ profile: { need: "knowledge" }, open: ["latency", "budget-usd", "citations"] });
      expect(parseProfile(rules, { origin: "test", values: { latency: value } })).toEqual({});
    },
  );

  it("is recorded in the rules' order, beside the answers, and reads back the same", () => {
    const answers = { profile: { "budget-usd": 20_000, need: "knowledge" }, open: ["citations", "latency"] };
    const recorded = recordedProfile(rules, answers);
    const order = rules.dimensions.map((d) => d.id).filter((id) => id in recorded);
    expect(Object.keys(recorded)).toEqual(order);
    expect(recorded).toMatchObject({
      latency: LEFT_OPEN,
      citations: LEFT_OPEN,
      need: "knowledge",
      "budget-usd": 20_000,
    });
    const back = parseAnswers(rules, { origin: "saved", values: recorded });
    expect(back.profile).toEqual(answers.profile);
    expect(back.open.sort()).toEqual(answers.open.sort());
  });
});
