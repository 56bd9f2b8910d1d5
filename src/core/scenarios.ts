import * as z from "zod";
import { evaluate, type Confidence, type Result } from "./evaluate.js";
import { parseProfile } from "./parse-profile.js";
import type { Rules } from "./rules-schema.js";

/**
 * A scenario file (contract section 6). Besides `top`, `acceptable` and `warnings`, a scenario may say more,
 * all optional and checked only when given:
 * - `variants`: the variant ids that pass when the recommendation is `top` (null for "no variant");
 * - `forbiddenWarnings`: warning ids that must not be raised, because they would contradict the advice;
 * - `confidence`: the confidence levels that pass (e.g. [medium, low] where the guidance is split).
 * `description`, `rationale`, `disagreement` and `sources` document where the expectation comes from; any other
 * key (such as the free-text `variant` of the shared scenarios) is read and ignored.
 */
export const ScenarioFileSchema = z.object({
  scenarios: z.array(
    z.object({
      id: z.string().min(1),
      description: z.string().optional(),
      rationale: z.string().optional(),
      disagreement: z.string().optional(),
      sources: z.array(z.string()).default([]),
      profile: z.record(z.string(), z.unknown()),
      expect: z.object({
        top: z.string().min(1),
        acceptable: z.array(z.string()).default([]),
        warnings: z.array(z.string()).default([]),
        variants: z.array(z.string().nullable()).optional(),
        forbiddenWarnings: z.array(z.string()).default([]),
        confidence: z.array(z.enum(["high", "medium", "low"])).optional(),
      }),
    }),
  ),
});
export type ScenarioFile = z.output<typeof ScenarioFileSchema>;
export type Scenario = ScenarioFile["scenarios"][number];

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
 * Runs one scenario through the evaluator. It passes when the recommendation is `top` or one of
 * `acceptable`, every listed warning is raised (contract section 6), no forbidden warning is raised, and, where
 * the scenario names them, the variant (for `top`) and the confidence are among those it accepts.
 */
export function runScenario(rules: Rules, scenario: Scenario): ScenarioOutcome {
  const profile = parseProfile(rules, { origin: `scenario ${scenario.id}`, values: scenario.profile });
  const result = evaluate(rules, profile, { search: "none" });
  const got = result.recommendation.id;
  const raised = new Set(result.warnings.map((w) => w.id));
  const missingWarnings = scenario.expect.warnings.filter((id) => !raised.has(id));
  const forbiddenWarnings = scenario.expect.forbiddenWarnings.filter((id) => raised.has(id));
  const accepted = got === scenario.expect.top || scenario.expect.acceptable.includes(got);
  const variant = result.recommendation.variant;
  const variantOk = !scenario.expect.variants || got !== scenario.expect.top || scenario.expect.variants.includes(variant);
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
