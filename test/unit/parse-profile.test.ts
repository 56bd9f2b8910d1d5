import { describe, expect, it } from "vitest";
import { ProfileError } from "../../src/core/errors.js";
import { mergeProfiles, parseProfile } from "../../src/core/parse-profile.js";
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
    [{ "budget-usd": -5 }, /not a valid budget-usd \(it must not be negative\)/],
    [{ "budget-usd": "-5" }, /must not be negative/],
    [{ "labeled-examples": "lots" }, /"lots" is not a valid labeled-examples; expected a number ≥ 0/],
    [{ latency: "realtime" }, /allowed: strict, interactive, relaxed, batch/],
    [{ latency: "interactiv" }, /did you mean "interactive"/],
    [{ citations: "maybe" }, /expected true or false/],
    [{ need: 3 }, /3 is not a valid need; allowed: knowledge/],
    [{ budjet: 5 }, /unknown question "budjet"/],
    [{ lateny: "strict" }, /did you mean "latency"/],
    // Names of a plain object's own machinery are not aliases.
    [{ need: "constructor" }, /"constructor" is not a valid need; allowed: knowledge/],
    [{ latency: "__proto__" }, /"__proto__" is not a valid latency/],
    [{ need: "hasOwnProperty" }, /not a valid need/],
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
  it("lets later layers win: file, then flags, then questions", () => {
    expect(mergeProfiles({ need: "knowledge", latency: "batch" }, { latency: "strict" }, { citations: true })).toEqual({
      need: "knowledge",
      latency: "strict",
      citations: true,
    });
  });
});
