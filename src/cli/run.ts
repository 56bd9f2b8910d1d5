import { main } from "./main.js";

/** A write after the reader went away (`advise table | head -1`): the output is lost, which is not an error. */
const readerGone = (error: NodeJS.ErrnoException) => error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED";

/** The process entry: real streams, real environment, and the exit code set once at the end. */
export async function run(): Promise<void> {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (!readerGone(error)) throw error;
    });
  }
  // A question being asked is aborted on SIGTERM, so the prompt shows the cursor again before the process ends.
  const terminate = new AbortController();
  let asking = false;
  process.on("SIGINT", () => {
    process.stderr.write("\nadvise: cancelled\n");
    process.exit(130);
  });
  process.on("SIGTERM", () => {
    if (asking) terminate.abort();
    else process.exit(143);
  });
  process.exitCode = await main({
    argv: process.argv.slice(2),
    env: process.env,
    // Opened on first use: a command that reads nothing never sets up standard input.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    asker: async ({ color, bold, output }) => {
      asking = true;
      // Inquirer decides its colours when it is first loaded, from NO_COLOR among others.
      if (!color) process.env.NO_COLOR = "1";
      const { inquirerAsker } = await import("../prompt/inquirer-asker.js");
      return inquirerAsker({ input: process.stdin, output, signal: terminate.signal, bold });
    },
  });
}

void run();
