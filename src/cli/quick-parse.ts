import { indexRules } from "../core/rules-index.js";
import type { Rules } from "../core/rules-schema.js";
import type { RecommendOptions } from "./actions.js";
import { FORMAT_NAMES, type Format } from "./formats.js";
import { COMMON_OPTIONS, RECOMMEND_OPTIONS, type OptionSpec } from "./options.js";

export type QuickCommand = { command: "table"; options: { format: Format } } | { command: "recommend"; options: RecommendOptions };

/** An option as read here: the name it is stored under, and whether it takes a value or answers yes or no. */
interface Known {
  key: string;
  takesValue: boolean;
  yes: boolean;
}

/**
 * Read specially wherever they stand, even as the value of an option: commander answers help and the version
 * (`--profile --help` shows help), and the program sets up no dimension flag after `--` (program.ts).
 */
const ANYWHERE = new Set(["--help", "-h", "--version", "-V", "--"]);

/** recommend's options that need the checks of its commander action (--batch and what goes with it). */
const LEFT_TO_COMMANDER = new Set(["--batch", "--what-if"]);

function known(specs: readonly OptionSpec[]): Map<string, Known> {
  const byFlag = new Map<string, Known>([["--format", { key: "format", takesValue: true, yes: true }]]);
  for (const { flags } of specs) {
    const [flag, value] = flags.split(" ") as [string, string | undefined];
    if (LEFT_TO_COMMANDER.has(flag)) continue;
    const negated = flag.startsWith("--no-");
    byFlag.set(flag, { key: negated ? flag.slice(5) : flag.slice(2), takesValue: value !== undefined, yes: !negated });
  }
  return byFlag;
}

/** A dimension's flag: `--id <value>`, or `--id` and `--no-id` for a yes-or-no question. */
function dimensionFlag(rules: Rules, flag: string): Known | undefined {
  const negated = flag.startsWith("--no-");
  const id = negated ? flag.slice(5) : flag.slice(2);
  const dimension = indexRules(rules).dimensions.get(id);
  if (!dimension || (negated && dimension.type !== "boolean")) return undefined;
  return { key: id, takesValue: dimension.type !== "boolean", yes: !negated };
}

/** The flag of an argument: `--name` of `--name` or `--name=value`. */
const flagOf = (arg: string) => {
  const equals = arg.indexOf("=");
  return equals < 0 ? arg : arg.slice(0, equals);
};

/**
 * Reads the option at argv[at] into `values`; returns where the next one starts, or undefined when commander
 * should read the line (a repeated option, a missing value, `--flag=value` for a flag).
 */
function readOption(argv: readonly string[], at: number, option: Known, values: Map<string, string | boolean>): number | undefined {
  const arg = argv[at]!;
  if (values.has(option.key)) return undefined;
  const equals = arg.indexOf("=");
  if (!option.takesValue) {
    // Commander takes `--name=value` only for an option that takes a value.
    if (equals >= 0) return undefined;
    values.set(option.key, option.yes);
    return at + 1;
  }
  if (equals >= 0) {
    values.set(option.key, arg.slice(equals + 1));
    return at + 1;
  }
  // The next argument is the value, whatever it looks like, as commander takes it.
  if (at + 1 >= argv.length) return undefined;
  values.set(option.key, argv[at + 1]!);
  return at + 2;
}

/**
 * Reads the command lines people and scripts type most, `advise [recommend | table] --option value ...` (with
 * the options every command takes also before the command name), without building the commander program: building and parsing it cost more at start-up than everything a
 * recommendation works out (about 1.4 ms of 7, measured with npm run bench), and commander is then not loaded at
 * all. Whatever it is not sure of (another command, help, the version, a word that is not an option, an unknown
 * or repeated option, `--`, a short option, a missing value, a format that does not exist, --batch) it leaves to
 * commander by returning undefined, so every message and every usage error stays commander's. A property test
 * holds it to what commander reads from the same command lines.
 */
export function quickParse(argv: readonly string[], rules: Rules): QuickCommand | undefined {
  if (argv.some((arg) => ANYWHERE.has(arg))) return undefined;
  const values = new Map<string, string | boolean>();
  // Before the command name, commander reads the program's own options (`advise --format json table`).
  const before = known(COMMON_OPTIONS);
  let at: number | undefined = 0;
  while (at < argv.length && before.has(flagOf(argv[at]!))) {
    at = readOption(argv, at, before.get(flagOf(argv[at]!))!, values);
    if (at === undefined) return undefined;
  }
  const command = argv[at] === "table" ? "table" : "recommend";
  if (argv[at] === command) at++;
  const options = known(command === "table" ? COMMON_OPTIONS : [...COMMON_OPTIONS, ...RECOMMEND_OPTIONS]);
  while (at < argv.length) {
    const arg = argv[at]!;
    if (!arg.startsWith("--")) return undefined;
    const flag = flagOf(arg);
    const option = options.get(flag) ?? (command === "recommend" ? dimensionFlag(rules, flag) : undefined);
    if (!option) return undefined;
    at = readOption(argv, at, option, values);
    if (at === undefined) return undefined;
  }
  const format = values.get("format") ?? "table";
  if (!(FORMAT_NAMES as unknown[]).includes(format)) return undefined;
  if (command === "table") return { command, options: { format: format as Format } };
  const text = (key: string) => values.get(key) as string | undefined;
  // In the rules' order, as commander's action gives them: the order of the answers and of any problems with them.
  const flags: Record<string, unknown> = {};
  for (const { id } of rules.dimensions) if (values.has(id)) flags[id] = values.get(id);
  return {
    command,
    options: {
      profileFile: text("profile"),
      flags,
      format: format as Format,
      explain: values.get("explain") === true,
      input: values.get("input") !== false,
      save: text("save"),
      force: values.get("force") === true,
    },
  };
}
