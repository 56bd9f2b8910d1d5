import * as z from "../vendor/zod.js";
import type { PathSegment } from "./check-rules.js";
import type { Problem } from "./errors.js";
import { evaluate, type Confidence, type Result } from "./evaluate.js";
import { approachSpellings } from "./normalise-rules.js";
import { isAdviseError } from "./errors.js";
import { parseProfile, type Profile } from "./parse-profile.js";
import { readDocument } from "./read-document.js";
import { describeIssues } from "./rules-issues.js";
import { formatPath, shownProblem } from "./load-rules.js";
import { CONTROL_CHARACTER } from "./rules-schema.js";
import type { Rules } from "./rules-schema.js";
import { didYouMean } from "./check-rules.js";

const Ids = z.array(z.string().min(1)).default([]);

const ScenarioSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(200)
    .refine((id) => !CONTROL_CHARACTER.test(id), "an id without control characters"),
  description: z.string().optional(),
  /** Notes for people: why this is the answer, where guidance disagrees, what it rests on. */
  rationale: z.string().optional(),
  disagreement: z.string().optional(),
  sources: z.array(z.unknown()).optional(),
  profile: z.record(z.string(), z.unknown()),
  expect: z.strictObject({
    top: z.string().min(1),
    acceptable: Ids,
    warnings: Ids,
    /** A note on the refinement the author has in mind, in words; not checked (variant ids vary by rules file). */
    variant: z.string().min(1).optional(),
    /** The variant ids that pass when the recommendation is `top` (null for "no variant"). */
    variants: z.array(z.string().min(1).nullable()).optional(),
    /** Warning ids that must not be raised, because they would contradict the advice. */
    forbiddenWarnings: Ids,
    /** The confidence levels that pass (e.g. [medium, low] where the guidance is split). */
    confidence: z.array(z.enum(["high", "medium", "low"])).optional(),
  }),
});

/** Strict at every level, so a misspelled key (`warning:`, `acceptible:`) is an error rather than ignored. */
const ScenarioFileSchema = z.strictObject({
  $schema: z.string().optional(),
  scenarios: z.array(ScenarioSchema).min(1),
});
export type ScenarioFile = z.output<typeof ScenarioFileSchema>;
export type Scenario = ScenarioFile["scenarios"][number];

/** A scenario checked against the rules: its profile read, its expected ids in their canonical form. */
export interface CheckedScenario extends Scenario {
  answers: Profile;
}

export interface ScenarioOutcome {
  id: string;
  pass: boolean;
  expected: Scenario["expect"];
  got: string;
  missingWarnings: string[];
  /** Warnings raised that the scenario marks as wrong. */
  forbiddenWarnings: string[];
  /** The variant shown, when the scenario lists the variants that pass and the recommendation is `top`. */
  variant: string | null;
  variantOk: boolean;
  confidence: Confidence;
  confidenceOk: boolean;
  result: Result;
}

/**
 * Reads a scenario file and checks it against the rules in use, like a rules file: unknown keys, unknown
 * approach and warning ids, answers the rules do not accept and duplicate ids are problems with their place.
 * Returns the scenarios only when there is none.
 */
export function checkScenarioText(
  rules: Rules,
  text: string,
  file: string,
): { scenarios?: CheckedScenario[]; problems: Problem[] } {
  const { doc, problems: unreadable } = readDocument(text, file);
  if (!doc) return { problems: unreadable.map(shownProblem) };
  const problems: Problem[] = [];
  const at = (path: PathSegment[], message: string, key?: string): Problem => ({
    ...doc.locate(path, key),
    path: formatPath(key ? [...path, key] : path),
    message,
  });
  const parsed = ScenarioFileSchema.safeParse(doc.value);
  if (!parsed.success) {
    const kindOf = (path: readonly PathSegment[]) =>
      path.length === 1 && path[0] === "scenarios" ? "scenario" : undefined;
    const shape =
      "this is not a scenario file as advise reads it: scenarios: is a list, each with id, profile and expect (top, acceptable, warnings)";
    for (const p of describeIssues(parsed.error.issues, doc.value, { schema: ScenarioFileSchema, listKind: kindOf }))
      problems.push({ ...at(p.path, p.message, p.key), hint: p.hint ?? shape });
  }
  // The scenarios the schema accepts are checked against the rules even when others are not, so one run shows
  // every problem.
  const broken = new Set(
    parsed.success
      ? []
      : parsed.error.issues.flatMap((issue) =>
          issue.path[0] === "scenarios" && typeof issue.path[1] === "number" ? [issue.path[1]] : [],
        ),
  );
  const items = parsed.success
    ? parsed.data.scenarios
    : Array.isArray((doc.value as { scenarios?: unknown } | null)?.scenarios)
      ? (doc.value as { scenarios: unknown[] }).scenarios
      : [];
  const spellings = approachSpellings(rules.approaches);
  const combinations = new Set(rules.combinations.map((c) => c.id));
  const recommendations = [...rules.approaches.map((a) => a.id), ...combinations];
  const warningIds = new Set(rules.warnings.map((w) => w.id));
  const variantIds = new Set(rules.variants.map((v) => v.id));
  const recommendation = (path: PathSegment[], name: string): string => {
    const id = spellings.get(name.toLowerCase()) ?? (combinations.has(name) ? name : undefined);
    if (id !== undefined) return id;
    problems.push(
      at(
        path,
        `unknown approach or combination "${name}"${didYouMean(name, [...spellings.keys(), ...combinations])}; known: ${recommendations.join(", ")}`,
      ),
    );
    return name;
  };
  const seen = new Map<string, number>();
  const scenarios: CheckedScenario[] = [];
  const texts = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
  // Each part is checked as far as it has the right shape, so a malformed scenario still gets its other
  // problems reported; only well-formed scenarios run.
  items.forEach((item, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) return;
    const raw = item as Record<string, unknown>;
    const path = ["scenarios", i];
    const id = typeof raw.id === "string" ? raw.id : undefined;
    if (id !== undefined) {
      const first = seen.get(id);
      if (first !== undefined)
        problems.push(
          at(
            [...path, "id"],
            `duplicate scenario id "${id}" (first at scenario ${first + 1}); each id names one scenario`,
          ),
        );
      else seen.set(id, i);
    }
    const expect = (typeof raw.expect === "object" && raw.expect !== null ? raw.expect : {}) as Record<string, unknown>;
    const top = typeof expect.top === "string" ? recommendation([...path, "expect", "top"], expect.top) : "";
    const acceptable = texts(expect.acceptable).map((name, j) =>
      recommendation([...path, "expect", "acceptable", j], name),
    );
    for (const list of ["warnings", "forbiddenWarnings"]) {
      texts(expect[list]).forEach((warning, j) => {
        if (!warningIds.has(warning))
          problems.push(
            at(
              [...path, "expect", list, j],
              `unknown warning "${warning}"${didYouMean(warning, [...warningIds])}; the rules in use define: ${[...warningIds].join(", ")}`,
            ),
          );
      });
    }
    texts(expect.variants).forEach((variant, j) => {
      if (!variantIds.has(variant))
        problems.push(
          at(
            [...path, "expect", "variants", j],
            `unknown variant "${variant}"${didYouMean(variant, [...variantIds])}; the rules in use define: ${[...variantIds].join(", ")}`,
          ),
        );
    });
    let answers: Profile = {};
    const named = id !== undefined ? `scenario "${id}"` : `scenario ${i + 1}`;
    if (typeof raw.profile === "object" && raw.profile !== null && !Array.isArray(raw.profile)) {
      try {
        answers = parseProfile(rules, {
          origin: named,
          values: raw.profile as Record<string, unknown>,
          locate: (key, part) =>
            part === "key" ? doc.locate([...path, "profile"], key) : doc.locate([...path, "profile", key]),
        });
      } catch (error) {
        if (!isAdviseError(error)) throw error;
        const found = (error as { problems?: Problem[] }).problems ?? [];
        for (const problem of found.length > 0 ? found : [{ message: error.message }]) {
          problems.push({ ...doc.locate([...path, "profile"]), ...problem, message: `${named}: ${problem.message}` });
        }
      }
    }
    if (broken.has(i)) return;
    const scenario = ScenarioSchema.parse(item);
    scenarios.push({ ...scenario, expect: { ...scenario.expect, top, acceptable }, answers });
  });
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return problems.length > 0 ? { problems: problems.map(shownProblem) } : { scenarios, problems };
}

/**
 * Runs one checked scenario through the evaluator. It passes when the recommendation is `top` or one of
 * `acceptable`, every listed warning is raised (contract section 6), no forbidden warning is raised, and, where
 * the scenario names them, the variant (for `top`) and the confidence are among those it accepts.
 */
export function runScenario(rules: Rules, scenario: CheckedScenario): ScenarioOutcome {
  const result = evaluate(rules, scenario.answers, { search: "none" });
  const got = result.recommendation.id;
  const raised = new Set(result.warnings.map((w) => w.id));
  const missingWarnings = scenario.expect.warnings.filter((id) => !raised.has(id));
  const forbiddenWarnings = scenario.expect.forbiddenWarnings.filter((id) => raised.has(id));
  const accepted = got === scenario.expect.top || scenario.expect.acceptable.includes(got);
  const variant = result.recommendation.variant;
  const variantOk =
    !scenario.expect.variants || got !== scenario.expect.top || scenario.expect.variants.includes(variant);
  const confidence = result.recommendation.confidence;
  const confidenceOk = !scenario.expect.confidence || scenario.expect.confidence.includes(confidence);
  return {
    id: scenario.id,
    pass: accepted && missingWarnings.length === 0 && forbiddenWarnings.length === 0 && variantOk && confidenceOk,
    expected: scenario.expect,
    got,
    missingWarnings,
    forbiddenWarnings,
    variant,
    variantOk,
    confidence,
    confidenceOk,
    result,
  };
}
