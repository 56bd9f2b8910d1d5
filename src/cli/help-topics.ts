/** Help that belongs to no single command: `advise help <topic>`. */
export const HELP_TOPICS = {
  "exit-codes": `Exit codes:
  0    success
  1    what was checked has problems (a failing rules check or test)
  2    the command could not run as asked: bad usage, a bad answer value, an unreadable or
       invalid profile or rules file, questions needed but no terminal, bad records in a batch
  3    an internal error (a bug): one line asking to report it; ADVISE_DEBUG=1 shows the stack
  130  cancelled with Ctrl-C (or Ctrl-D at a question)
  143  stopped by SIGTERM (a supervisor, or timeout)
`,
  environment: `Environment variables:
  ADVISE_RULES   a rules file to use instead of the built-in one (--rules wins)
  NO_COLOR       set and not empty: no colour (https://no-color.org)
  FORCE_COLOR    1: colour even when not writing to a terminal; 0: never (--no-color wins)
  TERM           dumb: no colour and plain ASCII tables
  COLUMNS        the width to fit when not writing to a terminal (default 80)
  ADVISE_DEBUG   1: print the stack of an internal error
`,
  formats: `Output formats (--format):
  table     for people (the default): tables, colour when on a terminal
  json      one JSON document on stdout (recommend: schema/result.schema.json, schemaVersion 1)
  yaml      the same document as YAML
  markdown  Markdown; for recommend, a decision record a team can commit
recommend --batch FILE writes JSON Lines, one line per input record.
`,
} as const satisfies Record<string, string>;

/** The text of a help topic, or undefined when `argv` does not ask for one. */
export function helpTopic(argv: readonly string[]): string | undefined {
  if (argv[0] !== "help" || argv.length !== 2) return undefined;
  return (HELP_TOPICS as Record<string, string>)[argv[1]!];
}
