import { fstatSync, readSync } from "node:fs";
import { isDevNull } from "./fd-output.js";

export type Input = NodeJS.ReadableStream & { isTTY?: boolean };

const CHUNK = 64 * 1024;

/** A file's bytes from its descriptor, a chunk at a time, each in a buffer of its own (readers may keep them). */
async function* chunks(fd: number): AsyncGenerator<Buffer> {
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const count = readSync(fd, buffer, 0, CHUNK, null);
    if (count === 0) return;
    yield buffer.subarray(0, count);
  }
}

/**
 * Standard input. A file or /dev/null (`advise --profile - < answers.yaml`) is read straight from the
 * descriptor, synchronously (a file never keeps a reader waiting): Node's stream for it loads its stream
 * machinery (about 3.5 ms) to read a few bytes. A pipe, a socket or a terminal gets the process's stream, made
 * when first used: a read from one can wait for ever, and only the stream waits in the event loop, where Ctrl-C
 * is still answered (a read waiting in Node's thread pool kept the process from ending: libuv joins its threads
 * as the process exits).
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
