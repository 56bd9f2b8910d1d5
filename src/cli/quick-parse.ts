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

/**
 * Reads the command lines people and scripts type most, `advise [recommend | table] --option value ...`,
 * without building the commander program: building and parsing it cost more at start-up than everything a
 * recommendation works out (about 1.4 ms of 7, measured with npm run bench), and commander is then not loaded at
 * all. Whatever it is not sure of (another command, help, the version, a word that is not an option, an unknown
 * or repeated option, `--`, a short option, a missing value, a format that does not exist, --batch) it leaves to
 * commander by returning undefined, so every message and every usage error stays commander's. A property test
 * holds it to what commander reads from the same command lines.
 */
export function quickParse(argv: readonly string[], rules: Rules): QuickCommand | undefined {
  if (argv.some((arg) => ANYWHERE.has(arg))) return undefined;
  const command = argv[0] === "table" ? "table" : "recommend";
  const options = known(command === "table" ? COMMON_OPTIONS : [...COMMON_OPTIONS, ...RECOMMEND_OPTIONS]);
  const values = new Map<string, string | boolean>();
  for (let i = argv[0] === command ? 1 : 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) return undefined;
    const equals = arg.indexOf("=");
    const flag = equals < 0 ? arg : arg.slice(0, equals);
    const option = options.get(flag) ?? (command === "recommend" ? dimensionFlag(rules, flag) : undefined);
    if (!option || values.has(option.key)) return undefined;
    let value: string | boolean;
    if (!option.takesValue) {
      // Commander takes `--name=value` only for an option that takes a value.
      if (equals >= 0) return undefined;
      value = option.yes;
    } else if (equals >= 0) value = arg.slice(equals + 1);
    else if (i + 1 < argv.length) value = argv[++i]!;
    else return undefined;
    values.set(option.key, value);
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
