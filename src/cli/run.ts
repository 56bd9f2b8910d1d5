import { fdOutput } from "../io/fd-output.js";
import { main } from "./main.js";

/** The process entry: real streams, real environment, and the exit code set once at the end. */
export async function run(): Promise<void> {
  process.on("SIGINT", () => {
    process.stderr.write("\nadvise: cancelled\n");
    process.exit(130);
  });
  // Stopped by a supervisor or `timeout`: end at once, quietly, with the conventional 128 + 15.
  process.on("SIGTERM", () => process.exit(143));
  process.exitCode = await main({
    argv: process.argv.slice(2),
    env: process.env,
    get stdin() {
      return process.stdin;
    },
    stdout: fdOutput(1, () => process.stdout),
    stderr: fdOutput(2, () => process.stderr),
    asker: async ({ color }) => {
      // Inquirer decides its colours when it is first loaded, from NO_COLOR among others.
      if (!color) process.env.NO_COLOR = "1";
      const { inquirerAsker } = await import("../lazy/prompt.js");
      return inquirerAsker({ input: process.stdin, output: process.stdout });
    },
  });
}

/**
 * Runs the common commands once with their output discarded, so the code cache written at build time
 * (see start.ts) holds their compiled code too.
 */
export async function warmUp(): Promise<void> {
  const sink = { isTTY: false, write: () => true } as unknown as NodeJS.WritableStream;
  const profile = ["--need", "knowledge", "--corpus-tokens", "2m", "--citations", "--latency", "strict", "--budget-usd", "50k"];
  for (const argv of [["table"], ["--help"], ["questions"], [...profile], [...profile, "--format", "json"], ["explain", "rag"], ["compare", "rag", "ft"]]) {
    await main({ argv, env: { NO_COLOR: "1" }, stdin: process.stdin, stdout: sink, stderr: sink });
  }
}
