import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, fitsWith, shownWith, type Result } from "../../src/core/evaluate.js";
import type { Profile } from "../../src/core/parse-profile.js";
import { answerFor, defaultRules } from "../helpers.js";

// Fixed seed and bounded runs, as in properties.test.ts; FC_RUNS and FC_SEED run more or other cases.
const settings = { seed: Number(process.env.FC_SEED ?? 20261130), numRuns: Number(process.env.FC_RUNS ?? 400) };
const timeout = Math.max(30_000, settings.numRuns * 100);
const rules = defaultRules();

/** Numbers near the thresholds the rules test, so that every rule fires in some profiles. */
const thresholds = (): number[] => {
  const found = new Set<number>([0]);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (["gt", "gte", "lt", "lte"].includes(key) && typeof value === "number")
          [value - 1, value, value + 1].forEach((n) => n >= 0 && found.add(n));
        else walk(value);
      }
    }
  };
  walk(rules.rules.map((r) => r.when));
  walk(rules.variants.map((v) => v.when));
  walk(rules.warnings.map((w) => w.when));
  return [...found];
};
const numbers = thresholds();

/** Any profile: each question answered or left open. */
const profiles = fc.record(
  Object.fromEntries(rules.dimensions.map((d) => [d.id, answerFor(d, fc.constantFrom(...numbers))])),
  {
    requiredKeys: [],
  },
) as fc.Arbitrary<Profile>;

const ruleById = new Map(rules.rules.map((r) => [r.id, r]));
const warningById = new Map(rules.warnings.map((w) => [w.id, w]));
const planById = new Map(rules.plan.map((p) => [p.id, p]));

/** Everything a reader sees that could contradict the recommendation, and what it is declared to fit. */
function incoherences(result: Result): string[] {
  const rec = result.recommendation;
  const shown = shownWith(rec.id, rec.approaches, rec.variant);
  const problems: string[] = [];
  for (const w of result.warnings)
    if (!fitsWith(warningById.get(w.id)!, shown)) problems.push(`warning ${w.id} shown with ${shown.join(", ")}`);
  for (const p of result.plan)
    if (!fitsWith(planById.get(p.id)!, shown)) problems.push(`plan step ${p.id} shown with ${shown.join(", ")}`);
  const top = result.ranking.find((a) => a.id === rec.approaches[0])!;
  for (const because of rec.because) {
    const reason = top.reasons.find((r) => r.because === because);
    if (reason && !fitsWith(ruleById.get(reason.rule)!, shown))
      problems.push(`reason ${reason.rule} shown with ${shown.join(", ")}`);
    if (reason && reason.effect <= 0)
      problems.push(`reason ${reason.rule} argues against ${top.id} yet is shown for it`);
  }
  // A variant's steps belong to that variant only; a step is never shown twice.
  const steps = [...result.plan.map((p) => p.step), ...result.nextSteps];
  if (new Set(steps).size !== steps.length) problems.push("a step is repeated");
  for (const v of rules.variants) {
    if (v.id === rec.variant || !v.nextSteps) continue;
    const own = v.nextSteps.filter((s) => !rules.variants.some((o) => o.id !== v.id && o.nextSteps?.includes(s)));
    for (const s of own)
      if (result.nextSteps.includes(s))
        problems.push(`step of variant ${v.id} shown with ${rec.variant ?? "no variant"}`);
  }
  return problems;
}

describe("coherence of the advice over generated profiles", () => {
  it("declares fits and notWith only with known recommendation, approach or variant ids", () => {
    const known = new Set([
      ...rules.approaches.map((a) => a.id),
      ...rules.combinations.map((c) => c.id),
      ...rules.variants.map((v) => v.id),
    ]);
    for (const item of [...rules.rules, ...rules.warnings, ...rules.plan]) {
      for (const id of [...(item.fits ?? []), ...item.notWith]) expect(known.has(id), `${item.id}: ${id}`).toBe(true);
    }
  });

  it(
    "shows nothing declared incompatible with the recommendation or its variant",
    () => {
      fc.assert(
        fc.property(profiles, (profile) => {
          expect(incoherences(evaluate(rules, profile, { search: "none" }))).toEqual([]);
        }),
        settings,
      );
    },
    timeout,
  );

  it(
    "never recommends training a model from scratch that no answer speaks for",
    () => {
      fc.assert(
        fc.property(profiles, (profile) => {
          const result = evaluate(rules, profile, { search: "none" });
          if (!result.recommendation.approaches.includes("pre-training")) return;
          const pt = result.ranking.find((a) => a.id === "pre-training")!;
          expect(pt.reasons.some((r) => r.effect > 0)).toBe(true);
        }),
        settings,
      );
    },
    timeout,
  );

  it(
    "never tells a team to measure a prompt baseline it already measured, nor to use a managed service it cannot reach",
    () => {
      fc.assert(
        fc.property(profiles, (profile) => {
          const result = evaluate(rules, profile, { search: "none" });
          const steps = [...result.plan.map((p) => p.step), ...result.nextSteps];
          if (profile["prompt-baseline"] === "works" || profile["prompt-baseline"] === "plateaued") {
            for (const step of steps) expect(step).not.toMatch(/measure a prompt(-only)? baseline/i);
          }
          if (profile.deployment === "air-gapped" || profile.deployment === "on-device") {
            for (const step of steps) expect(step).not.toMatch(/managed (retrieval )?service/i);
          }
        }),
        settings,
      );
    },
    timeout,
  );

  it(
    "is never highly confident in a winner nothing speaks for, or one left only by exclusions, and states the real margin",
    () => {
      fc.assert(
        fc.property(profiles, (profile) => {
          const result = evaluate(rules, profile, { search: "none" });
          const rec = result.recommendation;
          const leaders = result.ranking.filter((a) => rec.approaches.includes(a.id));
          const leaderScore = Math.min(...leaders.map((a) => a.score));
          const runnerUp = result.ranking.find((a) => !rec.approaches.includes(a.id) && !a.excluded);
          if (rec.confidence === "high") {
            expect(leaderScore).toBeGreaterThan(0);
            expect(runnerUp).toBeDefined();
            expect(leaders.some((a) => a.excluded)).toBe(false);
          }
          const stated = /leads .+ by (\d+) points?/.exec(rec.confidenceWords);
          if (stated && runnerUp) expect(Number(stated[1])).toBe(leaderScore - runnerUp.score);
          if (runnerUp && leaderScore - runnerUp.score < rules.confidence.medium.minMargin)
            expect(rec.confidence).toBe("low");
        }),
        settings,
      );
    },
    timeout,
  );
});
