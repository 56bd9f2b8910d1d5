import { CheckFailedError, RulesError, type Problem } from "../core/errors.js";
import type { Rules } from "../core/rules-schema.js";
import { checkRulesFile } from "../io/rules-source.js";
import { readInput } from "../io/read-input.js";
import { renderJUnit, renderScenarioRuns, renderValidation, scenarioData, validationData, type FileCheck, type ScenarioRun } from "../render/rules-report.js";
import { serialise } from "../render/serialise.js";
import type { Context } from "./context.js";
import type { Format } from "./formats.js";

/** `advise rules validate FILE...`: every problem of every file; exit 1 when any is invalid. */
export async function runRulesValidate(ctx: Context, options: { files: string[]; format: Format }): Promise<void> {
  const checks: FileCheck[] = [];
  for (const file of options.files) {
    const { rules, problems } = await checkRulesFile(file, () => ctx.io.stdin);
    checks.push({
      file,
      valid: rules !== undefined,
      problems,
      summary: rules ? `${rules.approaches.length} approaches, ${rules.dimensions.length} questions, ${rules.rules.length} rules, ${rules.warnings.length} warnings` : undefined,
    });
  }
  const data = validationData(checks);
  ctx.io.stdout.write(options.format === "table" || options.format === "markdown" ? renderValidation(checks, ctx.style) : await serialise(options.format, data));
  const invalid = checks.filter((c) => !c.valid).length;
  if (invalid > 0) throw new CheckFailedError(`${invalid} of ${checks.length} rules file${checks.length === 1 ? " is" : "s are"} invalid`);
}

/** `advise rules show`: the rules in use, with what they extend merged in, as YAML or JSON (valid as a rules file). */
export async function runRulesShow(ctx: Context, options: { format: "yaml" | "json" }): Promise<void> {
  ctx.io.stdout.write(await serialise(options.format, ctx.rules));
}

/** `advise rules schema`: the JSON Schema of rules files, generated from the zod schema. */
export async function runRulesSchema(ctx: Context, options: { layer: boolean }): Promise<void> {
  const { rulesJsonSchema } = await import("../core/rules-json-schema.js");
  ctx.io.stdout.write(`${JSON.stringify(rulesJsonSchema(options.layer ? "layer" : "complete"), null, 2)}\n`);
}

/** `advise rules test FILE...`: every scenario against the rules in use; exit 1 on any failure. */
export async function runRulesTest(ctx: Context, options: { files: string[]; format: Format | "junit" }): Promise<void> {
  const validate = { ...(await import("../core/read-document.js")), ...(await import("../core/scenarios.js")) };
  const runs: ScenarioRun[] = [];
  for (const file of options.files) {
    const { text, name } = await readInput(file, () => ctx.io.stdin, "scenario file");
    const { doc, problems } = validate.readDocument(text, name);
    if (!doc) throw new RulesError(`${name}: not a readable scenario file`, problems);
    const parsed = validate.ScenarioFileSchema.safeParse(doc.value);
    if (!parsed.success) {
      const found: Problem[] = parsed.error.issues.map((issue) => {
        const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
        return { ...doc.locate(path), message: `${path.join(".") || "file"}: ${issue.message}` };
      });
      throw new RulesError(`${name}: not a scenario file (expected "scenarios:" with id, profile and expect.top)`, found);
    }
    for (const scenario of parsed.data.scenarios) runs.push({ file: name, ...runScenarioSafely(validate.runScenario, ctx.rules, scenario) });
  }
  const text =
    options.format === "junit" ? renderJUnit(runs) : options.format === "table" || options.format === "markdown" ? renderScenarioRuns(runs, ctx.style) : await serialise(options.format, scenarioData(runs));
  ctx.io.stdout.write(text);
  const failed = runs.filter((r) => !r.pass).length;
  if (failed > 0) throw new CheckFailedError(`${failed} of ${runs.length} scenarios failed`);
}

/** A scenario whose profile does not fit the rules is a failure of that scenario, not of the run. */
function runScenarioSafely(run: typeof import("../core/scenarios.js").runScenario, rules: Rules, scenario: Parameters<typeof run>[1]) {
  try {
    return run(rules, scenario);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const outcome = run(rules, { ...scenario, profile: {} });
    return { ...outcome, pass: false, got: `invalid profile: ${message}` };
  }
}
