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

const BRAND = Symbol.for("advise.error");

/** Base of every error the user can cause; the CLI maps `exitCode` and prints `message` without a stack. */
export class AdviseError extends Error {
  readonly exitCode: number = 2;
  readonly [BRAND] = true;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Whether a value is one of our errors. Checked by a registered symbol, not instanceof: the lazily loaded
 * bundles carry their own copy of these classes.
 */
export function isAdviseError(value: unknown): value is AdviseError & { problems?: Problem[] } {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Bad command-line usage: unknown option, missing argument, no terminal for questions. */
export class UsageError extends AdviseError {}

/** A profile (flags, file or answers) that does not fit the dimensions of the rules in use. */
export class ProfileError extends AdviseError {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

/** A rules file that cannot be read, parsed or validated. */
export class RulesError extends AdviseError {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

/** What was checked has problems (an invalid rules file, a failing scenario); the report says which. */
export class CheckFailedError extends AdviseError {
  override readonly exitCode = 1;
}

/** The user cancelled (Ctrl-C, Ctrl-D). */
export class CancelledError extends AdviseError {
  override readonly exitCode = 130;
}
