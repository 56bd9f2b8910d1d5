/**
 * Options as commander declares them (`--name <value>` takes a value, `--name` is a flag, `--no-name` answers
 * no), kept as data so that program.ts and quick-parse.ts read the same list. --format is not here: its
 * description and accepted values differ between commands (see program.ts).
 */
export interface OptionSpec {
  flags: string;
  description: string;
}

/** What every command that prints data takes besides --format. */
export const COMMON_OPTIONS: readonly OptionSpec[] = [
  { flags: "--rules <file>", description: "a rules file to use instead of the built-in one (also ADVISE_RULES)" },
  { flags: "--no-color", description: "no colour, whatever the terminal" },
  { flags: "--ascii", description: "plain ASCII tables and bars" },
];

/** recommend's own options; its dimension flags come from the rules in use. */
export const RECOMMEND_OPTIONS: readonly OptionSpec[] = [
  { flags: "--profile <file>", description: "answers in a YAML or JSON file; - reads standard input" },
  { flags: "--no-input", description: "never ask questions; evaluate what was given" },
  { flags: "--explain", description: "show every rule that raised or lowered each approach, and the open ones" },
  { flags: "--save <file>", description: "save the answers as a profile file (atomically; never overwrites without --force)" },
  { flags: "--force", description: "let --save overwrite an existing file" },
  { flags: "--batch <file>", description: "evaluate many profiles: JSON Lines (or a YAML list) in, JSON Lines out; - reads stdin" },
  { flags: "--what-if", description: "with --batch: also search what-if changes for each record (slower)" },
];
