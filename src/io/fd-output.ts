import { fstatSync, statSync, writeSync, type Stats } from "node:fs";

export type Output = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

const pause = new Int32Array(new SharedArrayBuffer(4));

function writeAll(fd: number, text: string): void {
  let buffer = Buffer.from(text, "utf8");
  while (buffer.length > 0) {
    try {
      buffer = buffer.subarray(writeSync(fd, buffer));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A reader that went away (`advise table | head -1`) is not an error: stop quietly.
      if (code === "EPIPE") process.exit(process.exitCode ?? 0);
      // A non-blocking pipe that is full: wait a moment for the reader.
      if (code === "EAGAIN") Atomics.wait(pause, 0, 0, 1);
      else throw error;
    }
  }
}

/** Whether a character device is /dev/null (`advise ... > /dev/null` in scripts), told apart from a terminal. */
function isDevNull(stats: Stats): boolean {
  if (!stats.isCharacterDevice()) return false;
  try {
    const devNull = statSync("/dev/null");
    return devNull.rdev === stats.rdev && devNull.ino === stats.ino;
  } catch {
    return false;
  }
}

/**
 * Standard output or error. For a file, a pipe or /dev/null, text is written straight to the descriptor: that is
 * what Node's own stream does there on Linux (synchronously), without loading the stream machinery at start-up.
 * A terminal (or anything else) gets the process's stream.
 */
export function fdOutput(fd: 1 | 2, stream: () => Output): Output {
  let direct = false;
  try {
    const stats = fstatSync(fd);
    direct = stats.isFIFO() || stats.isFile() || stats.isSocket() || isDevNull(stats);
  } catch {
    direct = false;
  }
  if (!direct) {
    const real = stream();
    real.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
    return real;
  }
  const output = {
    isTTY: false,
    write(text: string | Uint8Array): boolean {
      writeAll(fd, typeof text === "string" ? text : Buffer.from(text).toString("utf8"));
      return true;
    },
  };
  return output as unknown as Output;
}
