import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkScenarioText, runScenario } from "../../src/core/scenarios.js";
import { defaultRules } from "../helpers.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const folders = [join(here, "../scenarios"), join(here, "../../../shared/scenarios")].filter((dir) => existsSync(dir));

const files = folders.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f)),
);

describe("scenario files", () => {
  it("finds the project's own scenarios", () => {
    expect(files.some((f) => f.includes("test/scenarios"))).toBe(true);
  });

  it("checks the optional expectations: forbidden warnings, variants and confidence", () => {
    const text = JSON.stringify({
      scenarios: [
        {
          id: "s",
          profile: { need: "knowledge", "error-cost": "critical" },
          expect: {
            top: "rag",
            forbiddenWarnings: ["human-review-required"],
            variants: ["lora"],
            confidence: ["high"],
          },
        },
      ],
    });
    const { scenarios, problems } = checkScenarioText(defaultRules(), text, "s.json");
    expect(problems).toEqual([]);
    const outcome = runScenario(defaultRules(), scenarios![0]!);
    expect(outcome.forbiddenWarnings).toEqual(["human-review-required"]);
    expect(outcome.variantOk || outcome.got !== "rag").toBe(outcome.got !== "rag");
    expect(outcome.pass).toBe(false);
  });

  it("gives every scenario of the project's own file a rationale and sources", () => {
    for (const file of files.filter((f) => f.includes("test/scenarios"))) {
      for (const s of checkScenarioText(defaultRules(), readFileSync(file, "utf8"), file).scenarios ?? []) {
        expect(s.description && s.rationale, s.id).toBeTruthy();
        expect(s.sources?.length, s.id).toBeGreaterThan(0);
      }
    }
  });

  for (const file of files) {
    const { scenarios = [], problems } = checkScenarioText(defaultRules(), readFileSync(file, "utf8"), file);
    it(`${file.replace(/.*\/(shared|test)\//, "$1/")} is a valid scenario file`, () => expect(problems).toEqual([]));
    describe(file.replace(/.*\/(shared|test)\//, "$1/"), () => {
      it.each(scenarios.map((s) => [s.id, s] as const))("%s", (_id, scenario) => {
        const outcome = runScenario(defaultRules(), scenario);
        const accepted = [scenario.expect.top, ...scenario.expect.acceptable];
        expect(
          accepted,
          `got ${outcome.got}; ranking ${outcome.result.ranking.map((a) => `${a.id}:${a.score}`).join(" ")}`,
        ).toContain(outcome.got);
        expect(outcome.missingWarnings, "warnings the scenario needs").toEqual([]);
        expect(outcome.forbiddenWarnings, "warnings the scenario marks as wrong").toEqual([]);
        if (outcome.got === scenario.expect.top && scenario.expect.variants)
          expect(scenario.expect.variants, "variant").toContain(outcome.variant);
        if (scenario.expect.confidence) expect(scenario.expect.confidence, "confidence").toContain(outcome.confidence);
        expect(outcome.pass).toBe(true);
      });
    });
  }
});
