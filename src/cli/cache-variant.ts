/**
 * The CLI bundle has a code cache for each of its hottest command lines, besides the general one: a cache holds
 * the compiled code of everything that ran when it was made (a variant's: its command line, run.ts's
 * variantCommandLine), and V8 reads all of it at start, so a cache that holds only
 * what `advise table` (or a recommendation, or one as JSON for a script) needs starts that command sooner. The
 * choice is a guess from the words of the command line; a wrong guess costs a little time, never a wrong result
 * (V8 checks any cache against the bundle, and compiles what a cache lacks).
 */
export type CacheVariant = "table" | "recommend" | "recommend-json";

/** The command names besides recommend and table; a test keeps this list equal to the program's. */
export const OTHER_COMMANDS: readonly string[] = ["questions", "explain", "compare", "rules", "completion", "help"];

/** The options that take a value and may come before the command name; a test keeps this list equal to options.ts. */
export const VALUE_OPTIONS_BEFORE_COMMAND: readonly string[] = ["--format", "--rules"];

export function cacheVariant(argv: readonly string[]): CacheVariant | undefined {
  if (argv.some((arg) => arg === "--help" || arg === "-h" || arg === "--version" || arg === "-V" || arg.startsWith("--batch"))) return undefined;
  // The first word that is neither an option nor the value of one given before the command name: a command
  // name, or else the value of an option given to recommend.
  const word = argv.find((arg, i) => !arg.startsWith("-") && !VALUE_OPTIONS_BEFORE_COMMAND.includes(argv[i - 1]!));
  if (word === "table") return "table";
  if (word !== undefined && OTHER_COMMANDS.includes(word)) return undefined;
  const format = argv.indexOf("--format");
  const json = (format >= 0 && argv[format + 1] === "json") || argv.includes("--format=json");
  return json ? "recommend-json" : "recommend";
}
