import { fdInput, type Input } from "../io/fd-input.js";
import { fdOutput } from "../io/fd-output.js";
import type { CacheVariant } from "./cache-variant.js";
import { main } from "./main.js";

/** The process entry: real streams, real environment, and the exit code set once at the end. */
export async function run(): Promise<void> {
  process.on("SIGINT", () => {
    process.stderr.write("\nadvise: cancelled\n");
    process.exit(130);
  });
  // Stopped by a supervisor or `timeout`: end at once, quietly, with the conventional 128 + 15.
  process.on("SIGTERM", () => process.exit(143));
  // Node's stream objects made for standard output and error (a terminal), whose writes may be pending; and
  // whether the questions were asked (the prompts library tidies the terminal up as the process ends).
  const streams: NodeJS.WriteStream[] = [];
  let asked = false;
  const made = (stream: () => NodeJS.WriteStream) => () => {
    const real = stream();
    streams.push(real);
    return real;
  };
  let stdin: Input | undefined;
  const code = await main({
    argv: process.argv.slice(2),
    env: process.env,
    // Looked at only when a command reads standard input or may ask questions.
    get stdin() {
      return (stdin ??= fdInput(0, () => process.stdin));
    },
    stdout: fdOutput(1, made(() => process.stdout)),
    stderr: fdOutput(2, made(() => process.stderr)),
    asker: async ({ color }) => {
      asked = true;
      // Inquirer decides its colours when it is first loaded, from NO_COLOR among others.
      if (!color) process.env.NO_COLOR = "1";
      const { inquirerAsker } = await import("../lazy/prompt.js");
      return inquirerAsker({ input: process.stdin, output: process.stdout });
    },
  });
  process.exitCode = code;
  // Everything is written (straight to the file descriptors, or by a stream with nothing left to write: a
  // terminal is written synchronously on Linux and macOS), and nothing else is pending: end here. Left to itself,
  // Node turns its event loop once more, where V8 runs the young-generation collection that the run's
  // allocations scheduled, about a millisecond that no output waits for (measured with npm run bench).
  if (!asked && streams.every((stream) => stream.writableLength === 0)) process.exit(code);
}

const PROFILE = ["--need", "knowledge", "--corpus-tokens", "2m", "--citations", "--latency", "strict", "--budget-usd", "50k"];

/**
 * The command line whose run makes each variant of the CLI bundle's code cache (see start.ts and
 * cache-variant.ts): a recommendation reads a profile file (examples/profile.yaml) and flags, as scripts do.
 */
export function variantCommandLine(variant: CacheVariant, profileFile: string): string[] {
  if (variant === "table") return ["table"];
  return ["--profile", profileFile, ...PROFILE, ...(variant === "recommend-json" ? ["--format", "json"] : [])];
}

/**
 * Runs the common commands once with their output discarded, so the code caches written at build time
 * (see start.ts) hold their compiled code too: the CLI bundle's, those of the YAML and validation bundles (a
 * profile file, --format yaml, a rules file of one's own) and the colour bundle's. The prompts bundle is only
 * loaded: answering needs a terminal.
 */
export async function warmUp(rulesFile: string): Promise<void> {
  const sink = { isTTY: false, write: () => true } as unknown as NodeJS.WritableStream;
  const { Readable } = await import("node:stream");
  const runs = [
    ["table"], ["--help"], ["questions"], [...PROFILE], [...PROFILE, "--format", "json"], [...PROFILE, "--format", "yaml"], ["explain", "rag"], ["compare", "rag", "ft"],
    ["--profile", "-", "--format", "json"], ["--rules", rulesFile, "table"], ["rules", "validate", rulesFile], ["rules", "show"],
  ];
  for (const argv of runs) {
    const stdin = Readable.from(["need: knowledge\nlatency: strict\ncorpus-tokens: 2m\n"]);
    await main({ argv, env: { NO_COLOR: "1" }, stdin, stdout: sink, stderr: sink });
  }
  // In colour too, which loads the colour bundle (chalk).
  await main({ argv: ["table"], env: { FORCE_COLOR: "1" }, stdin: Readable.from([]), stdout: sink, stderr: sink });
  await import("../lazy/prompt.js");
}
