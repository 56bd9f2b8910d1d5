import * as z from "zod";
import { evaluate, type Result } from "./evaluate.js";
import { parseProfile } from "./parse-profile.js";
import type { Rules } from "./rules-schema.js";

export const ScenarioFileSchema = z.object({
  scenarios: z.array(
    z.object({
      id: z.string().min(1),
      description: z.string().optional(),
      profile: z.record(z.string(), z.unknown()),
      expect: z.object({
        top: z.string().min(1),
        acceptable: z.array(z.string()).default([]),
        warnings: z.array(z.string()).default([]),
      }),
    }),
  ),
});
export type ScenarioFile = z.output<typeof ScenarioFileSchema>;
export type Scenario = ScenarioFile["scenarios"][number];

export interface ScenarioOutcome {
  id: string;
  pass: boolean;
  expected: { top: string; acceptable: string[]; warnings: string[] };
  got: string;
  missingWarnings: string[];
  result: Result;
}

/**
 * Runs one scenario through the evaluator. It passes when the recommendation is `top` or one of
 * `acceptable`, and every listed warning is raised (contract section 6).
 */
export function runScenario(rules: Rules, scenario: Scenario): ScenarioOutcome {
  const profile = parseProfile(rules, { origin: `scenario ${scenario.id}`, values: scenario.profile });
  const result = evaluate(rules, profile, { search: "none" });
  const got = result.recommendation.id;
  const raised = new Set(result.warnings.map((w) => w.id));
  const missingWarnings = scenario.expect.warnings.filter((id) => !raised.has(id));
  const accepted = got === scenario.expect.top || scenario.expect.acceptable.includes(got);
  return { id: scenario.id, pass: accepted && missingWarnings.length === 0, expected: scenario.expect, got, missingWarnings, result };
}
