import { wrap } from "../render/style.js";

interface Topic {
  title: string;
  items: [term: string, meaning: string][];
  after?: string;
}

/** Help that belongs to no single command: `advise help <topic>`. */
export const HELP_TOPICS = {
  "exit-codes": {
    title: "Exit codes:",
    items: [
      ["0", "success"],
      ["1", "what was checked has problems (a failing rules check or test)"],
      [
        "2",
        "the command could not run as asked: bad usage, a bad answer value, an unreadable or invalid profile, rules or scenario file, questions needed but no terminal, bad records in a batch",
      ],
      ["3", "an internal error (a bug): one line asking to report it; ADVISE_DEBUG=1 shows the stack"],
      ["130", "cancelled with Ctrl-C (or Ctrl-D at a question)"],
      ["143", "stopped by SIGTERM (a supervisor, or timeout)"],
    ],
  },
  environment: {
    title: "Environment variables:",
    items: [
      [
        "ADVISE_RULES",
        "a rules file to use instead of the built-in one (--rules wins); a relative path is read from the working folder",
      ],
      ["ADVISE_TODAY", "the date (YYYY-MM-DD) the cost sketch judges its prices' age against; default today"],
      ["NO_COLOR", "set and not empty: no colour (https://no-color.org)"],
      ["FORCE_COLOR", "1: colour even when not writing to a terminal; 0: never (--no-color wins)"],
      ["TERM", "dumb: no colour and plain ASCII tables"],
      ["COLUMNS", "the width to fit when not writing to a terminal (default 80)"],
      ["ADVISE_DEBUG", "1: print the stack of an internal error"],
    ],
  },
  formats: {
    title: "Output formats (--format):",
    items: [
      ["table", "for people (the default): tables, colour when on a terminal"],
      ["json", "one JSON document on stdout (recommend: schema/result.schema.json, schemaVersion 1)"],
      ["yaml", "the same document as YAML"],
      ["markdown", "Markdown; for recommend, a decision record a team can commit"],
    ],
    after: "recommend --batch FILE writes JSON Lines, one line per input record.",
  },
} as const satisfies Record<string, Topic>;

/** The text of a help topic wrapped to `width`, or undefined when `argv` does not ask for one. */
export function helpTopic(argv: readonly string[], width: number): string | undefined {
  if (argv[0] !== "help" || argv.length !== 2 || !Object.hasOwn(HELP_TOPICS, argv[1]!)) return undefined;
  const topic: Topic = HELP_TOPICS[argv[1] as keyof typeof HELP_TOPICS];
  const termWidth = Math.max(...topic.items.map(([term]) => term.length)) + 2;
  const indent = " ".repeat(2 + termWidth);
  const lines = topic.items.map(
    ([term, meaning]) =>
      `  ${term.padEnd(termWidth)}${wrap(meaning, width - indent.length).replace(/\n/g, `\n${indent}`)}`,
  );
  return `${[topic.title, ...lines, ...(topic.after ? [wrap(topic.after, width)] : [])].join("\n")}\n`;
}
