import { CommanderError } from "commander";
import { isAdviseError, RulesError, UsageError } from "../core/errors.js";
import type { Rules } from "../core/rules-schema.js";
import { didYouMean } from "../core/suggest.js";
import { builtinRules, loadRulesSource } from "../io/rules-source.js";
import { chalkPaint, colorFor, styleFor } from "../io/terminal.js";
import { NO_PAINT } from "../render/style.js";
import type { Io, Output } from "./context.js";
import { HELP_TOPICS, helpTopic } from "./help-topics.js";
import { buildProgram } from "./program.js";
import { reportError } from "./report-error.js";

declare const __ADVISE_VERSION__: string | undefined;
const VERSION = typeof __ADVISE_VERSION__ === "string" ? __ADVISE_VERSION__ : "0.0.0-dev";

/** Where the rules in use come from: --rules (the last one given wins), else ADVISE_RULES, else the built-in ones. */
function rulesFileFrom(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { file?: string; from: "--rules" | "ADVISE_RULES" } {
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") break;
    if (arg === "--rules") file = argv[++i];
    else if (arg.startsWith("--rules=")) file = arg.slice("--rules=".length);
  }
  if (file !== undefined) return { file, from: "--rules" };
  return { file: env.ADVISE_RULES || undefined, from: "ADVISE_RULES" };
}

/** Command lines that do not use the rules in use: help, the version, completion and the rules commands that take files. */
function needsNoRules(argv: readonly string[]): boolean {
  const words = argv.filter((arg) => !arg.startsWith("-"));
  if (argv.some((arg) => ["-h", "--help", "-V", "--version"].includes(arg)) || words[0] === "help") return true;
  return words[0] === "completion" || (words[0] === "rules" && (words[1] === "validate" || words[1] === "schema"));
}

/** Options that read standard input for "-": it can be read once, so naming it for two of them is a mistake. */
function checkStandardInputOnce(argv: readonly string[]): void {
  const readers = ["--rules", "--profile", "--batch"].filter((flag) =>
    argv.some((arg, i) => (arg === flag && argv[i + 1] === "-") || arg === `${flag}=-`),
  );
  if (readers.length > 1)
    throw new UsageError(
      `${readers.join(" and ")} both name standard input (-), which can be read once; name a file for one of them`,
    );
}

/** The rules in use; a problem with ADVISE_RULES names the variable, and stops only the commands that use it. */
async function rulesFor(io: Io): Promise<Rules> {
  const { file, from } = rulesFileFrom(io.argv, io.env);
  try {
    return await loadRulesSource(file, () => io.stdin);
  } catch (error) {
    if (from !== "ADVISE_RULES" || !isAdviseError(error)) throw error;
    if (needsNoRules(io.argv)) return builtinRules();
    throw new RulesError(`ADVISE_RULES="${file}" cannot be used: ${error.message}`, error.problems ?? []);
  }
}

/** Runs one command line and returns its exit code; everything from the outside world comes in through `io`. */
export async function main(io: Io): Promise<number> {
  // Style flags are read from argv itself: given before or after the command name, both count.
  const flags = { color: io.argv.includes("--no-color") ? false : undefined, ascii: io.argv.includes("--ascii") };
  const widthOf = (stream: Output) => styleFor(stream, io.env, flags, NO_PAINT).width;
  const styleOf = async (stream: Output) =>
    styleFor(stream, io.env, flags, colorFor(stream, io.env, flags) ? await chalkPaint() : NO_PAINT);
  try {
    const topic = helpTopic(io.argv, widthOf(io.stdout));
    if (topic !== undefined) {
      io.stdout.write(topic);
      return 0;
    }
    checkStandardInputOnce(io.argv);
    const rules = await rulesFor(io);
    const style = await styleOf(io.stdout);
    const program = buildProgram(rules, VERSION, () => ({ io, rules, style }), {
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: () => style.width,
      getErrHelpWidth: () => widthOf(io.stderr),
      getOutHasColors: () => style.color,
      getErrHasColors: () => colorFor(io.stderr, io.env, flags),
    });
    if (io.argv[0] === "help" && io.argv[1] !== undefined && !io.argv[1].startsWith("-")) {
      const commands = program.commands.map((c) => c.name());
      if (!commands.includes(io.argv[1])) {
        const topics = Object.keys(HELP_TOPICS);
        throw new UsageError(
          `no help on "${io.argv[1]}"${didYouMean(io.argv[1], [...commands, ...topics])}; commands: ${commands.join(", ")}; topics: ${topics.join(", ")}`,
        );
      }
    }
    try {
      await program.parseAsync(io.argv, { from: "user" });
      return 0;
    } catch (error) {
      // Commander has already written its message (help and the version exit with 0).
      if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
      throw error;
    }
  } catch (error) {
    return reportError(error, io.stderr, io.env, await styleOf(io.stderr));
  }
}
