import { CheckFailedError, RulesError, UsageError, type Problem } from "../core/errors.js";
import { checkRulesFile } from "../io/rules-source.js";
import { readInput } from "../io/read-input.js";
import { writeNewFiles } from "../io/write-new-files.js";
import { shown } from "../core/shown.js";
import { STARTER_LAYER, STARTER_SCENARIOS } from "./rules-starter.js";
import {
  renderJUnit,
  renderScenarioRuns,
  renderScenarioRunsMarkdown,
  renderValidation,
  renderValidationMarkdown,
  scenarioData,
  validationData,
  type FileCheck,
  type ScenarioRun,
} from "../render/rules-report.js";
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
      summary: rules
        ? `${rules.approaches.length} approaches, ${rules.dimensions.length} questions, ${rules.rules.length} rules, ${rules.warnings.length} warnings`
        : undefined,
    });
  }
  const data = validationData(checks);
  ctx.io.stdout.write(
    options.format === "table"
      ? renderValidation(checks, ctx.style)
      : options.format === "markdown"
        ? renderValidationMarkdown(checks)
        : await serialise(options.format, data),
  );
  const invalid = checks.filter((c) => !c.valid).length;
  if (invalid > 0)
    throw new CheckFailedError(
      `${invalid} of ${checks.length} rules file${checks.length === 1 ? " is" : "s are"} invalid`,
    );
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

/** `advise rules test FILE...`: every scenario against the rules in use; exit 1 on any failure, 2 on a bad scenario file. */
export async function runRulesTest(
  ctx: Context,
  options: { files: string[]; format: Format | "junit" },
): Promise<void> {
  const validate = await import("../core/scenarios.js");
  const runs: ScenarioRun[] = [];
  const problems: Problem[] = [];
  for (const file of options.files) {
    const { text, name } = await readInput(file, () => ctx.io.stdin, "scenario file");
    const checked = validate.checkScenarioText(ctx.rules, text, name);
    problems.push(...checked.problems);
    for (const scenario of checked.scenarios ?? [])
      runs.push({ file: name, ...validate.runScenario(ctx.rules, scenario) });
  }
  // A scenario file with problems would test something other than what its author meant: nothing runs.
  if (problems.length > 0) {
    throw new RulesError(
      `not a valid scenario file: ${problems.length} problem${problems.length === 1 ? "" : "s"} (a scenario file holds scenarios: with id, profile and expect: top, acceptable, warnings)`,
      problems,
    );
  }
  const text =
    options.format === "junit"
      ? renderJUnit(runs)
      : options.format === "table"
        ? renderScenarioRuns(runs, ctx.style)
        : options.format === "markdown"
          ? renderScenarioRunsMarkdown(runs)
          : await serialise(options.format, scenarioData(runs));
  ctx.io.stdout.write(text);
  const failed = runs.filter((r) => !r.pass).length;
  if (failed > 0) throw new CheckFailedError(`${failed} of ${runs.length} scenarios failed`);
}

/** The scenario file written beside a layer: `ours.yaml` → `ours-scenarios.yaml`. */
function scenariosPathFor(file: string): string {
  const match = /^(.*?)(\.ya?ml)?$/i.exec(file)!;
  return `${match[1]}-scenarios${match[2] ?? ".yaml"}`;
}

/** `advise rules init [FILE]`: a starter layer over the built-in rules, and a scenario file beside it that passes. */
export async function runRulesInit(ctx: Context, options: { file: string; force: boolean }): Promise<void> {
  const { file, force } = options;
  if (file === "" || file === "-")
    throw new UsageError(`rules init writes a file: name one, such as ours.yaml (default: ${DEFAULT_INIT_FILE})`);
  if (/\.json$/i.test(file))
    throw new UsageError(`rules init writes YAML with comments: name a .yaml file, not "${file}"`);
  const scenarios = scenariosPathFor(file);
  writeNewFiles(
    [
      { path: file, text: STARTER_LAYER },
      { path: scenarios, text: STARTER_SCENARIOS },
    ],
    force,
  );
  const [shownFile, shownScenarios] = [shown(file), shown(scenarios)];
  ctx.io.stdout.write(
    `wrote ${shownFile} (a layer over the built-in rules) and ${shownScenarios} (scenarios it passes)\nnext: edit ${shownFile}, then\n  advise rules validate ${shownFile}\n  advise rules test ${shownScenarios} --rules ${shownFile}\n`,
  );
}

export const DEFAULT_INIT_FILE = "advise-rules.yaml";
