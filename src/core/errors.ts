/** Where in an input file a problem sits (1-based). */
export interface Location {
  file?: string;
  line?: number;
  column?: number;
}

export interface Problem extends Location {
  message: string;
  /** Dotted path inside the document, e.g. `rules[3].when.dim`. */
  path?: string;
  hint?: string;
  frame?: string;
  /** A warning points at something odd that still works; a problem without one is an error. */
  severity?: "warning";
}

/** Where a problem sits, as `file:line:column`, or the file (or path) alone when it has no line. */
export function placeOf(problem: Problem, file?: string): string {
  const name = problem.file ?? file;
  if (problem.line !== undefined) return `${name ?? ""}:${problem.line}:${problem.column ?? 1}`;
  return name ?? problem.path ?? "";
}

/** Base of every error the user can cause; the CLI maps `exitCode` and prints `message` without a stack. */
export class AdviseError extends Error {
  readonly exitCode: number = 2;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Whether a value is one of our errors, with the problems it carries if any. */
export function isAdviseError(value: unknown): value is AdviseError & { problems?: Problem[] } {
  return value instanceof AdviseError;
}

/** Bad command-line usage: unknown option, missing argument, no terminal for questions. */
export class UsageError extends AdviseError {}

/** An error about an input file, with every problem found in it. */
class InputProblemsError extends AdviseError {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

/** A profile (flags, file or answers) that does not fit the dimensions of the rules in use. */
export class ProfileError extends InputProblemsError {}

/** A rules file that cannot be read, parsed or validated. */
export class RulesError extends InputProblemsError {}

/** What was checked has problems (an invalid rules file, a failing scenario); the report says which. */
export class CheckFailedError extends AdviseError {
  override readonly exitCode = 1;
}

/** The user cancelled (Ctrl-C, Ctrl-D). */
export class CancelledError extends AdviseError {
  override readonly exitCode = 130;
}

/** Stopped by SIGTERM (a supervisor, `timeout`): the conventional 128 + 15. */
export class TerminatedError extends AdviseError {
  override readonly exitCode = 143;
}
