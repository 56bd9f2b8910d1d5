import { createReadStream, openSync, readFileSync, statSync, type Stats } from "node:fs";
import { AdviseError } from "../core/errors.js";
import { MAX_INPUT_BYTES } from "../core/limits.js";

export class InputError extends AdviseError {}

const tooLarge = () =>
  new InputError(
    `standard input is larger than ${MAX_INPUT_BYTES} bytes; that is more than any profile or rules file needs`,
  );

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
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
    throw new InputError(
      code === "ENOENT"
        ? `${what} "${path}" does not exist`
        : `${what} "${path}" cannot be read (${code ?? "unknown error"})`,
    );
  }
  if (stats.isDirectory()) throw new InputError(`${what} "${path}" is a directory; name ${wanted}`);
  // A pipe or device could block forever or never end; "-" is the way to read a stream.
  if (!stats.isFile()) throw new InputError(`${what} "${path}" is not a regular file; use - to read standard input`);
  return stats;
}

/** What has read each standard input so far: it can be read once, so naming it twice is a mistake. */
const readers = new WeakMap<object, string>();

function standardInput(stdinOf: () => NodeJS.ReadableStream, what: string): NodeJS.ReadableStream {
  const stdin = stdinOf();
  const earlier = readers.get(stdin);
  if (earlier)
    throw new InputError(
      `${what} "-" would read standard input, which the ${earlier} has already read; it can be read once, so name a file for one of them`,
    );
  readers.set(stdin, what);
  return stdin;
}

/** A file named on the command line as a stream of bytes, of any size, or standard input for "-". */
export function inputStream(
  path: string,
  stdinOf: () => NodeJS.ReadableStream,
  what: string,
  wanted: string,
): NodeJS.ReadableStream {
  if (path === "-") {
    // As readInput does: a batch read from a terminal would wait for typing with no word of why.
    const stdin = standardInput(stdinOf, what);
    if ((stdin as { isTTY?: boolean }).isTTY)
      throw new InputError(
        `${what} "-" reads standard input, but standard input is a terminal; pipe a file in or name one`,
      );
    return stdin;
  }
  regularFile(path, what, wanted);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new InputError(
      `${what} "${path}" cannot be read (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`,
    );
  }
  return createReadStream("", { fd });
}

/** Reads a file named on the command line, or standard input for "-", with a clear message for each failure. */
export async function readInput(
  path: string,
  stdinOf: () => NodeJS.ReadableStream,
  what: string,
): Promise<{ text: string; name: string }> {
  if (path === "-") {
    const stdin = standardInput(stdinOf, what);
    if ((stdin as { isTTY?: boolean }).isTTY)
      throw new InputError(
        `${what} "-" reads standard input, but standard input is a terminal; pipe a file in or name one`,
      );
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
  if (stats.size > MAX_INPUT_BYTES)
    throw new InputError(`${what} "${path}" is ${stats.size} bytes; at most ${MAX_INPUT_BYTES} are read`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === "EACCES"
        ? `${what} "${path}" is not readable (permission denied)`
        : `${what} "${path}" cannot be read (${code ?? "unknown error"})`,
    );
  }
  return decodeText(bytes, path);
}
