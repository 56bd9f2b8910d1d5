import { isAdviseError, placeOf, type Problem } from "../core/errors.js";
import type { Style } from "../render/style.js";

/**
 * The one place errors become text and exit codes. A user's mistake prints what was wrong and what is
 * accepted, never a stack; anything else is a bug, reported in one line (the stack only with ADVISE_DEBUG=1).
 */
export function reportError(error: unknown, stderr: NodeJS.WritableStream, env: Record<string, string | undefined>, style: Style): number {
  const { paint } = style;
  const prefix = paint.bad("advise:");
  if (isAdviseError(error)) {
    const problems: Problem[] = error.problems ?? [];
    if (problems.length === 0) stderr.write(`${prefix} ${error.message}\n`);
    else if (problems.length > 1) stderr.write(`${prefix} ${error.message}\n`);
    for (const problem of problems) {
      const at = placeOf(problem);
      stderr.write(`${problems.length > 1 ? "  " : `${prefix} `}${at ? `${paint.bold(at)}: ` : ""}${problem.message}\n`);
      if (problem.frame) stderr.write(`${problem.frame.replace(/^/gm, "    ")}\n`);
      if (problem.hint) stderr.write(`    ${paint.dim(`hint: ${problem.hint}`)}\n`);
    }
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`${prefix} internal error: ${message}\nThis is a bug in advise; please report it with the command you ran. Set ADVISE_DEBUG=1 to see the stack.\n`);
  if (env.ADVISE_DEBUG === "1" && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  return 3;
}
