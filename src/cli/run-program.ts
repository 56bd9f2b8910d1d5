import { CommanderError } from "commander";
import type { Rules } from "../core/rules-schema.js";
import { UsageError } from "../core/errors.js";
import { didYouMean } from "../core/suggest.js";
import { HELP_TOPICS } from "./help-topics.js";
import { buildProgram, type MakeContext, type ProgramOutput } from "./program.js";

/**
 * Runs a command line through commander: help, the version, the command lines quick-parse.ts leaves alone and
 * every usage error. Loaded only for those (see main.ts). Returns 0 after help or the version, 2 after a usage
 * error commander reported; any other error is thrown, for main to report.
 */
export async function runProgram(rules: Rules, version: string, makeContext: MakeContext, output: ProgramOutput, argv: string[]): Promise<number> {
  const program = buildProgram(rules, version, makeContext, output, argv);
  if (argv[0] === "help" && argv[1] !== undefined && !argv[1].startsWith("-")) {
    const commands = program.commands.map((c) => c.name());
    if (!commands.includes(argv[1])) {
      const topics = Object.keys(HELP_TOPICS);
      throw new UsageError(`no help on "${argv[1]}"${didYouMean(argv[1], [...commands, ...topics])}; commands: ${commands.join(", ")}; topics: ${topics.join(", ")}`);
    }
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
}
