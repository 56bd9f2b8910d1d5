import { isAdviseError, placeOf, type Problem } from "../core/errors.js";
import { shown } from "../core/shown.js";
import type { Style } from "../render/style.js";

/** Problems listed on the terminal at the most; the rest are counted (`rules validate --format json` has them all). */
const SHOWN_PROBLEMS = 50;

/**
 * The one place errors become text and exit codes. A user's mistake prints what was wrong and what is
 * accepted, never a stack; anything else is a bug, reported in one line (the stack only with ADVISE_DEBUG=1).
 * Every text here may quote the input, so each passes shown().
 */
export function reportError(
  error: unknown,
  stderr: NodeJS.WritableStream,
  env: Record<string, string | undefined>,
  style: Style,
): number {
  const { paint } = style;
  const prefix = paint.bad("advise:");
  if (isAdviseError(error)) {
    const problems: Problem[] = error.problems ?? [];
    const out: string[] = [];
    if (problems.length !== 1) out.push(`${prefix} ${shown(error.message)}`);
    for (const problem of problems.slice(0, SHOWN_PROBLEMS)) {
      const at = placeOf(problem);
      out.push(
        `${problems.length > 1 ? "  " : `${prefix} `}${at ? `${paint.bold(shown(at))}: ` : ""}${shown(problem.message)}`,
      );
      if (problem.frame) out.push(shown(problem.frame).replace(/^/gm, "    "));
      if (problem.hint) out.push(`    ${paint.dim(`hint: ${shown(problem.hint)}`)}`);
    }
    if (problems.length > SHOWN_PROBLEMS) out.push(`  … and ${problems.length - SHOWN_PROBLEMS} more problems`);
    stderr.write(`${out.join("\n")}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(
    `${prefix} internal error: ${shown(message)}\nThis is a bug in advise; please report it with the command you ran. Set ADVISE_DEBUG=1 to see the stack.\n`,
  );
  if (env.ADVISE_DEBUG === "1" && error instanceof Error && error.stack) stderr.write(`${shown(error.stack)}\n`);
  return 3;
}
