import { loadRulesSource } from "../io/rules-source.js";
import { colorFor, styleFor } from "../io/terminal.js";
import type { Output } from "../io/fd-output.js";
import { NO_PAINT, type Paint } from "../render/style.js";
import type { Io } from "./context.js";
import { helpTopic } from "./help-topics.js";
import { runRecommend, runTable } from "./actions.js";
import { quickParse } from "./quick-parse.js";
import { reportError } from "./report-error.js";

declare const __ADVISE_VERSION__: string | undefined;
export const VERSION = typeof __ADVISE_VERSION__ === "string" ? __ADVISE_VERSION__ : "0.0.0-dev";

/** The rules file must be known before the program is built, since the dimension flags come from it. */
export function rulesFileFrom(argv: readonly string[], env: Record<string, string | undefined>): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") break;
    if (arg === "--rules") return argv[i + 1];
    if (arg.startsWith("--rules=")) return arg.slice("--rules=".length);
  }
  return env.ADVISE_RULES;
}

/** Runs one command line and returns its exit code; everything from the outside world comes in through `io`. */
export async function main(io: Io): Promise<number> {
  const flags = { color: io.argv.includes("--no-color") ? false : undefined, ascii: io.argv.includes("--ascii") };
  // chalk is loaded only when a stream is painted: scripts and pipes never pay for it.
  let chalkPaint: Paint | undefined;
  const styleOf = async (stream: Output) =>
    styleFor(stream, io.env, flags, colorFor(stream, io.env, flags) ? (chalkPaint ??= (await import("../lazy/color.js")).chalkPaint()) : NO_PAINT);
  try {
    const topic = helpTopic(io.argv);
    if (topic !== undefined) {
      io.stdout.write(topic);
      return 0;
    }
    const rules = await loadRulesSource(rulesFileFrom(io.argv, io.env), () => io.stdin);
    // Style flags are read from argv itself: given before or after the command name, both count.
    const style = await styleOf(io.stdout);
    const makeContext = () => ({ io, rules, style });
    const quick = quickParse(io.argv, rules);
    if (quick) {
      await (quick.command === "table" ? runTable(makeContext(), quick.options) : runRecommend(makeContext(), quick.options));
      return 0;
    }
    // Everything else goes through commander, loaded only now (a dynamic import within the bundle).
    const { runProgram } = await import("./run-program.js");
    return await runProgram(
      rules,
      VERSION,
      makeContext,
      {
        writeOut: (text) => io.stdout.write(text),
        writeErr: (text) => io.stderr.write(text),
        // Asked here rather than by commander, whose defaults read process.stdout and process.stderr: creating
        // Node's stream objects costs several milliseconds, which help and usage errors would otherwise pay.
        getOutHelpWidth: () => (io.stdout.isTTY ? io.stdout.columns : undefined) ?? 80,
        getErrHelpWidth: () => (io.stderr.isTTY ? io.stderr.columns : undefined) ?? 80,
        getOutHasColors: () => style.color,
        getErrHasColors: () => colorFor(io.stderr, io.env, flags),
      },
      io.argv,
    );
  } catch (error) {
    return reportError(error, io.stderr, io.env, await styleOf(io.stderr));
  }
}
