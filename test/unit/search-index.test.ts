import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/core/evaluate.js";
import { loadRules } from "../../src/core/load-rules.js";
import type { Profile } from "../../src/core/parse-profile.js";
import { searchIndexData, useSearchIndexData } from "../../src/core/what-if.js";
import { DEFAULT_RULES_TEXT, defaultRules } from "../helpers.js";

// The bundle ships the what-if search's index of the built-in rules as JSON (tsup.config.ts); these check that an
// index given that way is the one the search would work out, and that the search really uses it.
const fresh = () => loadRules(DEFAULT_RULES_TEXT, "rules/default.yaml");
const profiles = fc.record(
  { need: fc.constantFrom("knowledge", "behavior", "task-skill", "knowledge-and-behavior"), "corpus-tokens": fc.nat(5e9), "labeled-examples": fc.nat(1e6), citations: fc.boolean() },
  { requiredKeys: [] },
) as fc.Arbitrary<Profile>;

describe("the what-if search's index, shipped as data", () => {
  it("gives the same what-if and sharpening questions as the index worked out from the rules", () => {
    const shipped = fresh();
    useSearchIndexData(shipped, JSON.parse(JSON.stringify(searchIndexData(defaultRules()))));
    fc.assert(
      fc.property(profiles, (profile) => {
        const given = evaluate(shipped, profile);
        const worked = evaluate(defaultRules(), profile);
        expect(given.whatIf).toEqual(worked.whatIf);
        expect(given.sharpen).toEqual(worked.sharpen);
      }),
      { seed: 20261126, numRuns: 40 },
    );
  });

  it("is what the search uses when it is given", () => {
    const blind = fresh();
    useSearchIndexData(blind, { bounds: [], readers: [], combinationDims: [] });
    const profile: Profile = { need: "knowledge", "corpus-tokens": 2_000_000, citations: true };
    expect(evaluate(defaultRules(), profile).whatIf.length).toBeGreaterThan(0);
    // No rule reads any answer, as far as this index says: no change of an answer can move the advice.
    expect(evaluate(blind, profile).whatIf).toEqual([]);
  });
});
