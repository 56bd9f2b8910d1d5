import { spawn } from "node:child_process";
import { BIN, ROOT } from "./run-cli.js";

export const KEYS = { enter: "\r", down: "\u001b[B", ctrlC: "\u0003", ctrlD: "\u0004" } as const;

/**
 * Runs the built binary in a real pseudo-terminal through util-linux `script`, which every Debian machine
 * has, at a fixed size. `screen` accumulates everything written to the terminal.
 */
export function startInPty(
  args: string[],
  options: { columns?: number; env?: Record<string, string>; stdoutTo?: string } = {},
) {
  // The shell prints its process id, which `exec` hands on to advise, so a test can send it a signal.
  const redirect = options.stdoutTo ? ` > '${options.stdoutTo}'` : "";
  const command = `stty cols ${options.columns ?? 80} rows 40; echo "pid $$"; exec ${process.execPath} ${BIN} ${args.map((a) => `'${a}'`).join(" ")}${redirect}`;
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TERM: "xterm-256color", ...options.env },
  });
  let screen = "";
  child.stdout.on("data", (chunk: Buffer) => (screen += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    get screen() {
      return screen;
    },
    /** Plain text of the screen so far, without escape sequences. */
    get text() {
      return screen.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r/g, "");
    },
    send(keys: string) {
      child.stdin.write(keys);
    },
    async waitFor(pattern: RegExp, from = 0, timeoutMs = 8000): Promise<RegExpMatchArray> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = screen
          .slice(from)
          .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "")
          .match(pattern);
        if (match) return match;
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${pattern}; screen:\n${this.text.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    exited,
    /** Sends a signal to advise itself (not to the terminal). */
    async signal(signal: NodeJS.Signals) {
      process.kill(Number((await this.waitFor(/pid (\d+)/))[1]), signal);
    },
    kill: () => child.kill("SIGKILL"),
  };
}
