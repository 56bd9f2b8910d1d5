import { fstatSync, read } from "node:fs";
import { isDevNull } from "./fd-output.js";

export type Input = NodeJS.ReadableStream & { isTTY?: boolean };

const CHUNK = 64 * 1024;

function readSome(fd: number, buffer: Buffer): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buffer, 0, buffer.length, null, (error, bytes) => (error ? reject(error) : resolve(bytes))));
}

/** The descriptor's bytes, a chunk at a time, each read in Node's thread pool. */
async function* chunks(fd: number): AsyncGenerator<Buffer> {
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const count = await readSome(fd, buffer);
    if (count === 0) return;
    yield buffer.subarray(0, count);
  }
}

/**
 * Standard input. A file or /dev/null (`advise --profile - < answers.yaml`) is read straight from the
 * descriptor: Node's stream for it loads its stream machinery (about 3.5 ms) to read a few bytes. A pipe, a
 * socket or a terminal gets the process's stream, made when first used: a read from one can wait for ever, and
 * a read waiting in Node's thread pool would keep the process from ending on Ctrl-C (libuv joins its threads as
 * the process exits); the stream waits in the event loop instead.
 */
export function fdInput(fd: 0, stream: () => Input): Input {
  let direct = false;
  try {
    const stats = fstatSync(fd);
    direct = stats.isFile() || isDevNull(stats);
  } catch {
    direct = false;
  }
  if (!direct) return stream();
  return { isTTY: false, [Symbol.asyncIterator]: () => chunks(fd) } as unknown as Input;
}
