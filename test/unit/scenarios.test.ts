import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkScenarioText, runScenario } from "../../src/core/scenarios.js";
import { defaultRules } from "../helpers.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const folders = [join(here, "../scenarios"), join(here, "../../../shared/scenarios")].filter((dir) => existsSync(dir));

const files = folders.flatMap((dir) => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f)));

describe("scenario files", () => {
  it("finds the project's own scenarios", () => {
    expect(files.some((f) => f.includes("test/scenarios"))).toBe(true);
  });

  for (const file of files) {
    const { scenarios = [], problems } = checkScenarioText(defaultRules(), readFileSync(file, "utf8"), file);
    it(`${file.replace(/.*\/(shared|test)\//, "$1/")} is a valid scenario file`, () => expect(problems).toEqual([]));
    describe(file.replace(/.*\/(shared|test)\//, "$1/"), () => {
      it.each(scenarios.map((s) => [s.id, s] as const))("%s", (_id, scenario) => {
        const outcome = runScenario(defaultRules(), scenario);
        const accepted = [scenario.expect.top, ...scenario.expect.acceptable];
        expect(accepted, `got ${outcome.got}; ranking ${outcome.result.ranking.map((a) => `${a.id}:${a.score}`).join(" ")}`).toContain(outcome.got);
        expect(outcome.missingWarnings).toEqual([]);
      });
    });
  }
});
