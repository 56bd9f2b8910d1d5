import { shown } from "../core/shown.js";
import { fenced, mdText } from "./markdown-text.js";
import { placeOf, type Problem } from "../core/errors.js";
import type { ScenarioOutcome } from "../core/scenarios.js";
import type { Style } from "./style.js";

export interface FileCheck {
  file: string;
  valid: boolean;
  problems: Problem[];
  summary?: string;
}

const where = (problem: Problem, file: string) => shown(placeOf(problem, file));

/** `advise rules validate` for people: each file, then each problem with its place, a code frame and a hint. */
export function renderValidation(checks: FileCheck[], style: Style): string {
  const { paint } = style;
  const out: string[] = [];
  for (const check of checks) {
    const warnings = check.problems.filter((p) => p.severity === "warning").length;
    const errors = check.problems.length - warnings;
    const warned = warnings > 0 ? `${warnings} warning${warnings === 1 ? "" : "s"}` : "";
    if (check.valid) {
      out.push(
        `${paint.good(style.unicode ? "✔" : "ok")} ${shown(check.file)}: valid${check.summary ? ` (${check.summary})` : ""}${warned ? `, ${warned}` : ""}`,
      );
    } else {
      out.push(
        `${paint.bad(style.unicode ? "✖" : "x")} ${shown(check.file)}: ${errors} problem${errors === 1 ? "" : "s"}${warned ? `, ${warned}` : ""}`,
      );
    }
    for (const problem of check.problems) {
      out.push(
        `  ${paint.bold(where(problem, check.file))}: ${problem.severity === "warning" ? `${paint.dim("warning:")} ` : ""}${problem.message}`,
      );
      if (problem.frame) out.push(shown(problem.frame).replace(/^/gm, "    "));
      if (problem.hint) out.push(`    ${paint.dim(`hint: ${shown(problem.hint)}`)}`);
    }
  }
  return `${out.join("\n")}\n`;
}

export function validationData(checks: FileCheck[]) {
  return {
    schemaVersion: 1 as const,
    valid: checks.every((c) => c.valid),
    files: checks.map((c) => ({
      file: c.file,
      valid: c.valid,
      problems: c.problems.map((p) => ({
        file: p.file ?? c.file,
        line: p.line ?? null,
        column: p.column ?? null,
        path: p.path ?? null,
        severity: p.severity ?? "error",
        message: p.message,
        hint: p.hint ?? null,
      })),
    })),
  };
}

export interface ScenarioRun extends ScenarioOutcome {
  file: string;
}

const expectedText = (run: ScenarioRun) => [run.expected.top, ...run.expected.acceptable].join(" or ");
const gotText = (run: ScenarioRun) => run.got;

/** `advise rules test` for people: a line per scenario; for a failure, what was expected, what came out, why. */
export function renderScenarioRuns(runs: ScenarioRun[], style: Style): string {
  const { paint } = style;
  const out: string[] = [];
  for (const run of runs) {
    if (run.pass) {
      out.push(`${paint.good("PASS")} ${shown(run.id)} ${paint.dim(`→ ${run.got}`)}`);
      continue;
    }
    out.push(`${paint.bad("FAIL")} ${shown(run.id)} ${paint.dim(`(${shown(run.file)})`)}`);
    out.push(
      `     expected ${expectedText(run)}${run.expected.warnings.length ? ` with warnings ${run.expected.warnings.join(", ")}` : ""}`,
    );
    out.push(
      `     got      ${gotText(run)}${run.missingWarnings.length ? `; missing warnings: ${run.missingWarnings.join(", ")}` : ""}`,
    );
    out.push(
      `     ranking  ${run.result.ranking.map((a) => `${a.id} ${a.score}${a.excluded ? " (excluded)" : ""}`).join(", ")}`,
    );
    const leader = run.result.ranking.find((a) => a.id === run.result.recommendation.approaches[0]);
    for (const reason of (leader?.reasons ?? []).slice(0, 3))
      out.push(`     because  ${reason.effect > 0 ? "+" : ""}${reason.effect} ${reason.rule}: ${reason.because}`);
  }
  const failed = runs.filter((r) => !r.pass).length;
  out.push("", `${runs.length - failed} passed, ${failed} failed`);
  return `${out.join("\n")}\n`;
}

export function scenarioData(runs: ScenarioRun[]) {
  return {
    schemaVersion: 1 as const,
    passed: runs.filter((r) => r.pass).length,
    failed: runs.filter((r) => !r.pass).length,
    scenarios: runs.map((r) => ({
      file: r.file,
      id: r.id,
      pass: r.pass,
      expected: r.expected,
      got: r.got,
      missingWarnings: r.missingWarnings,
      ranking: r.result.ranking.map((a) => ({ id: a.id, score: a.score, excluded: a.excluded })),
      warnings: r.result.warnings.map((w) => w.id),
    })),
  };
}

/** XML 1.0 text: control characters shown as escapes, what XML forbids outright (lone surrogates, U+FFFE, U+FFFF) replaced. */
const xml = (text: string) =>
  shown(text)
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

/** JUnit XML, one test suite per scenario file, for CI systems. */
export function renderJUnit(runs: ScenarioRun[]): string {
  const files = [...new Set(runs.map((r) => r.file))];
  const suites = files.map((file) => {
    const inFile = runs.filter((r) => r.file === file);
    const cases = inFile.map((r) => {
      if (r.pass) return `    <testcase classname="${xml(file)}" name="${xml(r.id)}"/>`;
      const detail = `expected ${expectedText(r)}, got ${gotText(r)}${r.missingWarnings.length ? `; missing warnings: ${r.missingWarnings.join(", ")}` : ""}`;
      return `    <testcase classname="${xml(file)}" name="${xml(r.id)}">\n      <failure message="${xml(detail)}">${xml(detail)}</failure>\n    </testcase>`;
    });
    return `  <testsuite name="${xml(file)}" tests="${inFile.length}" failures="${inFile.filter((r) => !r.pass).length}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="${runs.length}" failures="${runs.filter((r) => !r.pass).length}">\n${suites.join("\n")}\n</testsuites>\n`;
}

/** `advise rules validate --format markdown`: the same report, for a design document or a pull request. */
export function renderValidationMarkdown(checks: FileCheck[]): string {
  const out: string[] = ["# Rules check", ""];
  for (const check of checks) {
    const errors = check.problems.filter((p) => p.severity !== "warning").length;
    out.push(
      `## ${mdText(check.file)}: ${check.valid ? `valid${check.summary ? ` (${mdText(check.summary)})` : ""}` : `${errors} problem${errors === 1 ? "" : "s"}`}`,
      "",
    );
    for (const problem of check.problems) {
      out.push(
        `- **${mdText(where(problem, check.file))}**: ${problem.severity === "warning" ? "warning: " : ""}${mdText(problem.message)}`,
      );
      if (problem.frame) out.push("", fenced(problem.frame).replace(/^/gm, "  "), "");
      if (problem.hint) out.push(`  hint: ${mdText(problem.hint)}`);
    }
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** `advise rules test --format markdown`: one table row per scenario. */
export function renderScenarioRunsMarkdown(runs: ScenarioRun[]): string {
  const failed = runs.filter((r) => !r.pass).length;
  const rows = runs.map(
    (r) =>
      `| ${r.pass ? "pass" : "FAIL"} | ${mdText(r.id)} | ${mdText(expectedText(r))} | ${mdText(gotText(r))} | ${r.missingWarnings.length ? mdText(r.missingWarnings.join(", ")) : ""} |`,
  );
  return `# Scenarios\n\n${runs.length - failed} passed, ${failed} failed\n\n| result | scenario | expected | got | missing warnings |\n|---|---|---|---|---|\n${rows.join("\n")}\n`;
}
