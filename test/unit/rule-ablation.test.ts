import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkScenarioText, runScenario, type CheckedScenario } from "../../src/core/scenarios.js";
import type { Rules } from "../../src/core/rules-schema.js";
import { defaultRules } from "../helpers.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const folders = [join(here, "../scenarios"), join(here, "../../../shared/scenarios")].filter((dir) => existsSync(dir));
const scenarios: CheckedScenario[] = folders.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .flatMap((f) => checkScenarioText(defaultRules(), readFileSync(join(dir, f), "utf8"), f).scenarios ?? []),
);

/** What a scenario's reader sees of the decision: the pick, its variant, the warnings and the confidence. */
function outcomes(rules: Rules): string[] {
  return scenarios.map((s) => {
    const { result } = runScenario(rules, s);
    const rec = result.recommendation;
    return `${s.id}: ${rec.id}/${rec.variant ?? "-"}/${rec.confidence}/${result.warnings.map((w) => w.id).join(",")}`;
  });
}

const rules = defaultRules();
const baseline = outcomes(rules);

describe("every scoring rule earns its place", () => {
  it.each(rules.rules.filter((r) => !r.disabled).map((r) => [r.id] as const))(
    "removing %s changes some scenario's outcome",
    (id) => {
      const without: Rules = { ...rules, rules: rules.rules.filter((r) => r.id !== id) };
      const changed = outcomes(without).filter((line, i) => line !== baseline[i]);
      expect(changed.length, `no scenario depends on ${id}`).toBeGreaterThan(0);
    },
  );
});

describe("no scenario is decided by a tie-break or a single point unless its guidance is split", () => {
  it.each(scenarios.map((s) => [s.id, s] as const))("%s", (_id, scenario) => {
    const { result } = runScenario(rules, scenario);
    const rec = result.recommendation;
    const leaderScore = Math.min(...result.ranking.filter((a) => rec.approaches.includes(a.id)).map((a) => a.score));
    const runnerUp = result.ranking.find((a) => !rec.approaches.includes(a.id) && !a.excluded);
    if (!runnerUp || leaderScore - runnerUp.score > 1) return;
    // A narrow lead: the scenario must accept the runner-up too, saying the guidance is split.
    expect(
      [scenario.expect.top, ...scenario.expect.acceptable],
      `${rec.id} leads ${runnerUp.id} by ${leaderScore - runnerUp.score}`,
    ).toContain(runnerUp.id);
  });
});
