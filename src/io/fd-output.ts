import { fstatSync, statSync, writeSync, type Stats } from "node:fs";

/** `writesAtOnce`: a write is complete when it returns, so the caller may reuse what it wrote. */
export type Output = NodeJS.WritableStream & { isTTY?: boolean; columns?: number; writesAtOnce?: boolean };

const pause = new Int32Array(new SharedArrayBuffer(4));

/** A pipe's reader closed it (EPIPE); a socket's (Node's child processes get socket pairs) reset it (ECONNRESET). */
const readerGone = (code: string | undefined) => code === "EPIPE" || code === "ECONNRESET";

/** How many bytes of `chunk` went out: none when a non-blocking pipe is full for the moment. */
function writeSome(fd: number, chunk: string | Uint8Array): number {
  try {
    // Two calls for TypeScript: writeSync has one signature for text and another for bytes.
    return typeof chunk === "string" ? writeSync(fd, chunk) : writeSync(fd, chunk);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A reader that went away (`advise table | head -1`) is not an error: stop quietly.
    if (readerGone(code)) process.exit(process.exitCode ?? 0);
    if (code !== "EAGAIN") throw error;
    // A non-blocking pipe that is full: wait a moment for the reader.
    Atomics.wait(pause, 0, 0, 1);
    return 0;
  }
}

function writeAll(fd: number, data: string | Uint8Array): void {
  let buffer: Uint8Array;
  if (typeof data !== "string") buffer = data;
  else {
    // Node encodes a text as it writes it, and a text usually goes out whole in one call (a first write this way
    // also costs less at start-up than encoding into a buffer); what a full pipe leaves is sent from the bytes.
    const written = writeSome(fd, data);
    if (written === Buffer.byteLength(data)) return;
    buffer = Buffer.from(data, "utf8").subarray(written);
  }
  while (buffer.length > 0) buffer = buffer.subarray(writeSome(fd, buffer));
}

/** Whether a character device is /dev/null (`advise ... > /dev/null` in scripts), told apart from a terminal. */
export function isDevNull(stats: Stats): boolean {
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
 * A terminal (or anything else) gets the process's stream, made when it is first used: Node's terminal stream
 * loads its tty and net modules (a few milliseconds), which standard error, written only when something goes
 * wrong, seldom needs (`advise --format json | jq` at a terminal).
 */
export function fdOutput(fd: 1 | 2, stream: () => Output): Output {
  let direct = false;
  try {
    const stats = fstatSync(fd);
    direct = stats.isFIFO() || stats.isFile() || stats.isSocket() || isDevNull(stats);
  } catch {
    direct = false;
  }
  if (!direct) return madeOnFirstUse(stream);
  const output = {
    isTTY: false,
    writesAtOnce: true,
    write(text: string | Uint8Array): boolean {
      writeAll(fd, text);
      return true;
    },
  };
  return output as unknown as Output;
}

/** The stream `make` returns, made (and told what to do when its reader goes away) when first used. */
function madeOnFirstUse(make: () => Output): Output {
  let real: Output | undefined;
  const stream = (): Output => {
    if (!real) {
      real = make();
      real.on("error", (error: NodeJS.ErrnoException) => {
        if (readerGone(error.code)) process.exit(process.exitCode ?? 0);
        throw error;
      });
    }
    return real;
  };
  return new Proxy({} as Output, {
    get(_target, key) {
      const value = Reflect.get(stream(), key) as unknown;
      return typeof value === "function" ? value.bind(stream()) : value;
    },
  });
}
