import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decide } from "../../src/core/decide.js";
import { isAdviseError } from "../../src/core/errors.js";
import { evaluate, summarize } from "../../src/core/evaluate.js";
import { checkRulesText } from "../../src/core/load-rules.js";
import { formatNumber, parseNumber } from "../../src/core/parse-number.js";
import { parseProfile, type Profile } from "../../src/core/parse-profile.js";
import { readDocument } from "../../src/core/read-document.js";
import { candidateAnswers } from "../../src/core/what-if.js";
import { answerFor, DEFAULT_RULES_TEXT, defaultRules } from "../helpers.js";

// Fixed seed and bounded runs in CI; FC_RUNS=5000 (for example) runs longer, FC_SEED picks another seed.
const settings = { seed: Number(process.env.FC_SEED ?? 20261126), numRuns: Number(process.env.FC_RUNS ?? 150) };
// Long opt-in runs need more than the default test time.
const timeout = Math.max(20_000, settings.numRuns * 100);
const rules = defaultRules();

const numbers = fc.oneof(fc.nat(), fc.integer({ min: 0, max: 2e12 }), fc.double({ min: 0, max: 1e13, noNaN: true }));

/** Any profile the rules accept: each question answered or left open. */
const profiles: fc.Arbitrary<Profile> = fc.record(
  Object.fromEntries(rules.dimensions.map((d) => [d.id, answerFor(d, numbers)])),
  { requiredKeys: [] },
) as fc.Arbitrary<Profile>;

describe("properties of the evaluator", () => {
  it(
    "evaluates any valid profile deterministically, ranking every approach once, never recommending an excluded one",
    () => {
      fc.assert(
        fc.property(profiles, (profile) => {
          const result = evaluate(rules, profile);
          expect(JSON.stringify(evaluate(rules, profile))).toBe(JSON.stringify(result));
          expect(result.ranking.map((a) => a.id).sort()).toEqual(rules.approaches.map((a) => a.id).sort());
          for (const id of result.recommendation.approaches)
            expect(result.ranking.find((a) => a.id === id)!.excluded).toBe(false);
          const excludedFrom = result.ranking.findIndex((a) => a.excluded);
          if (excludedFrom !== -1) expect(result.ranking.slice(excludedFrom).every((a) => a.excluded)).toBe(true);
          expect(result.unanswered).toEqual(
            rules.dimensions.map((d) => d.id).filter((id) => profile[id] === undefined),
          );
        }),
        settings,
      );
    },
    timeout,
  );

  it(
    "promises in what-if only changes that really give that recommendation",
    () => {
      fc.assert(
        fc.property(profiles, (profile) => {
          const result = evaluate(rules, profile);
          for (const item of [...result.whatIf, ...result.sharpen.flatMap((q) => q.changes)]) {
            const changed = decide(rules, { ...profile, ...item.change });
            expect(changed.recommendationId).toBe(item.recommendation);
            expect(item.recommendation).not.toBe(result.recommendation.id);
          }
        }),
        { ...settings, numRuns: Math.ceil(settings.numRuns / 3) },
      );
    },
    timeout,
  );

  it(
    "misses no change: every tried answer that gives another recommendation is reported",
    () => {
      // The search re-tests only the rules that read the changed answer; this checks it against deciding afresh.
      fc.assert(
        fc.property(profiles, (profile) => {
          const result = evaluate(rules, profile);
          for (const dimension of rules.dimensions) {
            const current = profile[dimension.id];
            const outcomes = candidateAnswers(rules, dimension, current)
              .filter((value) => value !== current)
              .map((value) => ({
                value,
                outcome: decide(rules, { ...profile, [dimension.id]: value }).recommendationId,
              }))
              .filter(({ outcome }) => outcome !== result.recommendation.id);
            if (current === undefined) {
              const reported = result.sharpen.find((q) => q.dimension === dimension.id)?.changes ?? [];
              expect(reported.map((c) => [c.change[dimension.id], c.recommendation])).toEqual(
                outcomes.map((o) => [o.value, o.outcome]),
              );
            } else {
              const reported = result.whatIf.filter((w) => dimension.id in w.change).map((w) => w.recommendation);
              expect(new Set(reported)).toEqual(new Set(outcomes.map((o) => o.outcome)));
            }
          }
        }),
        { ...settings, numRuns: Math.ceil(settings.numRuns / 3) },
      );
    },
    timeout,
  );

  it(
    "parses any answer it prints back to the same profile",
    () => {
      fc.assert(
        fc.property(profiles, (profile) => {
          const printed = Object.fromEntries(
            Object.entries(profile).map(([k, v]) => [k, typeof v === "number" ? formatNumber(v) : String(v)]),
          );
          expect(parseProfile(rules, { origin: "test", values: printed })).toEqual(profile);
        }),
        settings,
      );
    },
    timeout,
  );
});

describe("properties of numbers", () => {
  it(
    "prints any amount in a suffixed form that parses back to the same value",
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.nat(), fc.integer({ min: 0, max: 9e15 }), fc.double({ min: 0, max: 1e15, noNaN: true })),
          (value) => {
            expect(parseNumber(formatNumber(value))).toBe(value);
          },
        ),
        settings,
      );
    },
    timeout,
  );

  it(
    "reads a suffix as its multiplier, in either case",
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 999_999 }),
          fc.constantFrom(["k", 1e3], ["m", 1e6], ["b", 1e9], ["t", 1e12]),
          fc.boolean(),
          (n, [suffix, scale], upper) => {
            expect(parseNumber(`${n}${upper ? suffix.toUpperCase() : suffix}`)).toBe(n * scale);
          },
        ),
        settings,
      );
    },
    timeout,
  );

  it(
    "rejects negative and non-finite numbers",
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
            fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
          ),
          (value) => {
            expect(parseNumber(value)).toBeUndefined();
            expect(parseNumber(String(value))).toBeUndefined();
          },
        ),
        settings,
      );
    },
    timeout,
  );
});

/** Text that is often almost right: the default rules with characters cut, repeated or replaced. */
const mutatedRules = fc
  .array(
    fc.record({
      at: fc.nat(DEFAULT_RULES_TEXT.length - 1),
      cut: fc.nat(40),
      insert: fc.string({ maxLength: 6, unit: "binary" }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((edits) =>
    edits.reduce((text, e) => text.slice(0, e.at) + e.insert + text.slice(e.at + e.cut), DEFAULT_RULES_TEXT),
  );
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.string({ unit: fc.constantFrom(..."{}[]:-&*!|>'\"#\n ,ab1"), maxLength: 200 }),
  mutatedRules,
);

describe("properties of hostile input", () => {
  it(
    "turns any text given as a rules file into valid rules or located problems, quickly",
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const timed = () => {
            const started = performance.now();
            return { ...checkRulesText(text, "fuzz.yaml"), ms: performance.now() - started };
          };
          // Timed twice when slow: a pathological text is slow both times; a busy machine seldom twice running.
          let check = timed();
          if (check.ms >= 2000) check = timed();
          const { rules: parsed, problems } = check;
          expect(check.ms).toBeLessThan(2000);
          if (parsed) expect(problems).toEqual([]);
          else {
            expect(problems.length).toBeGreaterThan(0);
            for (const problem of problems) {
              expect(problem.message).toMatch(/\S/);
              if (problem.line !== undefined) expect(problem.line).toBeGreaterThan(0);
            }
          }
        }),
        settings,
      );
    },
    timeout,
  );

  it(
    "turns any text given as a profile into a profile or a typed error, never a crash",
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            anyText,
            fc.json().map((j) => j),
          ),
          (text) => {
            const { doc, problems } = readDocument(text, "profile.yaml");
            if (!doc) {
              expect(problems.length).toBeGreaterThan(0);
              return;
            }
            const value = doc.value;
            if (typeof value !== "object" || value === null || Array.isArray(value)) return;
            try {
              const profile = parseProfile(rules, { origin: "fuzz", values: value as Record<string, unknown> });
              expect(evaluate(rules, profile, { search: "open" }).ranking).toHaveLength(4);
            } catch (error) {
              expect(isAdviseError(error)).toBe(true);
            }
          },
        ),
        settings,
      );
    },
    timeout,
  );
});

describe("the lean decision used by batches", () => {
  it(
    "gives the same ranking and recommendation as the full one",
    () => {
      fc.assert(
        fc.property(profiles, (profile) => {
          const full = evaluate(rules, profile, { search: "none" });
          const lean = summarize(rules, profile);
          expect(lean.recommendation).toEqual({
            id: full.recommendation.id,
            approaches: full.recommendation.approaches,
            variant: full.recommendation.variant,
            confidence: full.recommendation.confidence,
          });
          expect(lean.ranking).toEqual(full.ranking.map((a) => ({ id: a.id, score: a.score, excluded: a.excluded })));
          expect(lean.warnings).toEqual(full.warnings.map((w) => w.id));
          expect(lean.unanswered).toEqual(full.unanswered);
        }),
        { ...settings, numRuns: settings.numRuns * 4 },
      );
    },
    timeout,
  );
});
