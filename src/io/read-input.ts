import { closeSync, openSync, readFileSync, readSync, statSync, type Stats } from "node:fs";
import { AdviseError } from "../core/errors.js";
import { MAX_INPUT_BYTES } from "../core/limits.js";

export class InputError extends AdviseError {}

const tooLarge = () => new InputError(`standard input is larger than ${MAX_INPUT_BYTES} bytes; that is more than any profile or rules file needs`);

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const add = (chunk: string | Buffer) => {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    chunks.push(buffer);
    return size <= MAX_INPUT_BYTES;
  };
  if (typeof stream.on !== "function") {
    // Standard input read from its descriptor (fd-input.ts).
    for await (const chunk of stream) if (!add(chunk as Buffer)) throw tooLarge();
    return Buffer.concat(chunks);
  }
  // Events rather than `for await`: Node's async iterator over a stream costs about 1 ms more to set up, in a
  // command that reads a few bytes (`echo '{...}' | advise --profile -`).
  return new Promise((resolve, reject) => {
    const onData = (chunk: string | Buffer) => {
      if (add(chunk)) return;
      stream.removeListener("data", onData);
      stream.pause();
      reject(tooLarge());
    };
    stream.on("data", onData);
    stream.once("end", () => resolve(Buffer.concat(chunks)));
    stream.once("error", reject);
  });
}

/** Turns bytes into text, refusing what is not UTF-8 text; a byte-order mark is dropped. */
export function decodeText(bytes: Buffer, name: string): string {
  if (bytes.includes(0)) throw new InputError(`${name}: this is a binary file, not YAML or JSON text`);
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new InputError(`${name}: the file is not UTF-8 text; save it as UTF-8 and try again`);
  }
}

/** The stats of a file named on the command line, or a message for what it is instead (`wanted` names the kind). */
function regularFile(path: string, what: string, wanted: string): Stats {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? `${what} "${path}" does not exist` : `${what} "${path}" cannot be read (${code ?? "unknown error"})`);
  }
  if (stats.isDirectory()) throw new InputError(`${what} "${path}" is a directory; name ${wanted}`);
  // A pipe or device could block forever or never end; "-" is the way to read a stream.
  if (!stats.isFile()) throw new InputError(`${what} "${path}" is not a regular file; use - to read standard input`);
  return stats;
}

/**
 * A file named on the command line, of any size, as its bytes in 64 KB chunks, read synchronously: no stream
 * machinery and no round trips through the thread pool. Checked when called; read as iterated. Each chunk must
 * be used before the next is read, since one buffer serves them all. (Larger chunks keep more of a batch's parsed
 * records alive across a young-generation collection, and were slower.)
 */
export function fileChunks(path: string, what: string, wanted: string): Iterable<Buffer> {
  regularFile(path, what, wanted);
  return (function* () {
    let fd: number;
    try {
      fd = openSync(path, "r");
    } catch (error) {
      throw new InputError(`${what} "${path}" cannot be read (${(error as NodeJS.ErrnoException).code})`);
    }
    try {
      const buffer = Buffer.allocUnsafe(1 << 16);
      for (let read: number; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) yield buffer.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  })();
}

/** Reads a file named on the command line, or standard input for "-", with a clear message for each failure. */
export async function readInput(path: string, stdinOf: () => NodeJS.ReadableStream, what: string): Promise<{ text: string; name: string }> {
  if (path === "-") {
    // Standard input is only touched when it is asked for: creating the stream costs start-up time.
    const stdin = stdinOf();
    if ((stdin as { isTTY?: boolean }).isTTY) throw new InputError(`${what} "-" reads standard input, but standard input is a terminal; pipe a file in or name one`);
    return { text: decodeText(await readStream(stdin), "standard input"), name: "<stdin>" };
  }
  return { text: readTextFile(path, what), name: path };
}

/**
 * A regular file's text, checked before it is opened: not a pipe or device (which could block or never end),
 * not larger than the limit.
 */
export function readTextFile(path: string, what: string): string {
  const stats = regularFile(path, what, "a YAML or JSON file");
  if (stats.size > MAX_INPUT_BYTES) throw new InputError(`${what} "${path}" is ${stats.size} bytes; at most ${MAX_INPUT_BYTES} are read`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === "EACCES" ? `${what} "${path}" is not readable (permission denied)` : `${what} "${path}" cannot be read (${code ?? "unknown error"})`);
  }
  return decodeText(bytes, path);
}
