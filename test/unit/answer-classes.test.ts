import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerClasses } from "../../src/core/answer-classes.js";
import { summarize } from "../../src/core/evaluate.js";
import type { Profile } from "../../src/core/parse-profile.js";
import type { Condition, Rules } from "../../src/core/rules-schema.js";
import { defaultRules } from "../helpers.js";

const settings = { seed: Number(process.env.FC_SEED ?? 20261126), numRuns: Number(process.env.FC_RUNS ?? 150) * 4 };
const rules = defaultRules();

/** Every number a condition compares each dimension with, found by walking the rules independently of the code under test. */
function boundsIn(rules: Rules): Map<string, number[]> {
  const found = new Map<string, number[]>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== "object" || node === null) return;
    const c = node as Condition;
    if (c.dim) for (const n of [c.is, ...(c.in ?? []), c.gt, c.gte, c.lt, c.lte]) if (typeof n === "number") found.set(c.dim, [...(found.get(c.dim) ?? []), n]);
    Object.values(node).forEach(walk);
  };
  walk(rules);
  return found;
}
const bounds = boundsIn(rules);

/** Answers that sit on, just below and just above every bound, and anywhere else. */
const numberNear = (dim: string) => fc.oneof(fc.constantFrom(...(bounds.get(dim) ?? [0]).flatMap((b) => [b, b + 1, Math.max(0, b - 1), b * 1.5, b / 2])), fc.integer({ min: 0, max: 2e12 }));
const profiles = fc.record(
  Object.fromEntries(rules.dimensions.map((d) => [d.id, d.type === "enum" ? fc.constantFrom(...d.values.map((v) => v.id)) : d.type === "boolean" ? fc.boolean() : numberNear(d.id)])),
  { requiredKeys: [] },
) as fc.Arbitrary<Profile>;

const classes = answerClasses(rules);
const path = (profile: Profile) => classes.dimensions.map((_, i) => classes.classOf(i, profile));

describe("answer classes (what a batch decides once)", () => {
  it("tells apart a number below, on and above every bound a condition compares it with", () => {
    expect(bounds.size).toBeGreaterThan(0);
    for (const [dim, values] of bounds) {
      const i = classes.dimensions.indexOf(dim);
      for (const b of values) {
        const at = (value: number) => classes.classOf(i, { [dim]: value });
        expect(new Set([at(b - 0.5), at(b), at(b + 0.5)]).size, `${dim} around ${b}`).toBe(3);
      }
    }
  });

  it("gives profiles whose answers fall in the same classes the same decision", () => {
    fc.assert(
      fc.property(profiles, profiles, (a, b) => {
        // The second profile takes the first one's questions, with numbers of its own where they fall in the same class.
        const moved: Profile = { ...a };
        for (const [id, value] of Object.entries(a)) {
          const other = b[id];
          if (typeof value === "number" && typeof other === "number") {
            const trial = { ...moved, [id]: other };
            if (path(trial).join() === path(moved).join()) moved[id] = other;
          }
        }
        expect(path(moved)).toEqual(path(a));
        expect(summarize(rules, moved)).toEqual(summarize(rules, a));
      }),
      settings,
    );
  });

  it("puts an unanswered question in a class of its own", () => {
    const i = classes.dimensions.indexOf("need");
    expect(classes.classOf(i, {})).toBe(0);
    expect(classes.classOf(i, { need: "knowledge" })).not.toBe(0);
    expect(classes.classOf(i, { need: "knowledge" })).not.toBe(classes.classOf(i, { need: "behavior" }));
  });
});
