import { AdviseError } from "../core/errors.js";
import { parseProfile } from "../core/parse-profile.js";
import { fileChunks, InputError, readInput } from "../io/read-input.js";
import { errorRecord, outputBuffer, recordWriter, whatIfRecord } from "./batch-output.js";
import type { Context } from "./context.js";

export class BatchError extends AdviseError {}

/** Records read from a chunk of input: `values[i]` was on line `lines[i]`; an Error for a line that is not JSON. */
interface Records {
  lines: number[];
  values: unknown[];
}

/**
 * Reads the records of a batch: JSON Lines, streamed; or a YAML list, read whole. Yields them a chunk of input at
 * a time, so the work per record stays synchronous.
 */
async function* records(ctx: Context, file: string): AsyncGenerator<Records> {
  const yamlList = /\.ya?ml$/i.test(file);
  if (yamlList) {
    const { text, name } = await readInput(file, () => ctx.io.stdin, "batch file");
    const { readDocument } = await import("../lazy/yaml.js");
    const { doc, problems } = readDocument(text, name);
    if (!doc) throw new InputError(`${name}: ${problems[0]?.message ?? "not readable"}${problems[0]?.line ? ` (line ${problems[0].line})` : ""}`);
    if (!Array.isArray(doc.value)) throw new InputError(`${name}: a YAML batch is a list of profiles ("- need: knowledge")`);
    yield { lines: doc.value.map((_, index) => doc.locate([index]).line ?? index + 1), values: doc.value };
    return;
  }
  const input = file === "-" ? ctx.io.stdin : fileChunks(file, "batch file", "a JSON Lines or YAML file");
  let number = 0;
  for await (const chunk of lines(input)) {
    const parsed: Records = { lines: [], values: [] };
    for (const raw of chunk) {
      number++;
      const text = number === 1 ? raw.replace(/^\uFEFF/, "") : raw;
      if (text === "" || text.trim() === "") continue;
      parsed.lines.push(number);
      // Bytes that are not UTF-8 were decoded to U+FFFD: that record alone is bad.
      if (text.includes("\uFFFD")) {
        parsed.values.push(new Error("not UTF-8 text; save the file as UTF-8"));
        continue;
      }
      try {
        parsed.values.push(JSON.parse(text));
      } catch (error) {
        parsed.values.push(new Error(`not valid JSON: ${(error as Error).message}`));
      }
    }
    yield parsed;
  }
}

/**
 * The lines of a stream, a chunk at a time, read only as fast as they are consumed (readline's async iterator
 * reads ahead without limit, so memory would grow with the input). Bytes are decoded up to a chunk's last line
 * break, which no character's bytes contain, and what follows it is kept for the next chunk: one decoding a chunk,
 * and no text carried over to be joined again (a streaming TextDecoder and joined text were about 4% of a batch).
 * Bytes that are not UTF-8 decode to U+FFFD, as a TextDecoder's would.
 */
async function* lines(input: AsyncIterable<Buffer | string> | Iterable<Buffer>): AsyncGenerator<string[]> {
  let carried: Buffer | undefined;
  let rest = "";
  for await (const chunk of input) {
    let text: string;
    if (typeof chunk === "string") text = rest + chunk;
    else {
      const bytes = carried ? Buffer.concat([carried, chunk]) : chunk;
      const last = bytes.lastIndexOf(10);
      // Copied: a chunk's buffer may be reused for the next one (fileChunks).
      carried = last + 1 < bytes.length ? Buffer.from(bytes.subarray(last + 1)) : undefined;
      text = rest + bytes.toString("utf8", 0, last + 1);
    }
    const complete: string[] = [];
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      complete.push(text.slice(start, text.charCodeAt(end - 1) === 13 ? end - 1 : end));
      start = end + 1;
    }
    rest = text.slice(start);
    yield complete;
  }
  rest += carried ? carried.toString("utf8") : "";
  if (rest !== "") yield [rest.replace(/\r$/, "")];
}

/**
 * Evaluates every profile of a batch and writes one JSON line per record, in order. A bad record becomes an
 * error line and never stops the others; the exit code is 2 if any record was bad.
 */
export async function runBatch(ctx: Context, options: { file: string; whatIf: boolean }): Promise<void> {
  let bad = 0;
  let total = 0;
  const out = outputBuffer(ctx.io.stdout);
  const writeRecord = recordWriter(ctx.rules, out);
  for await (const chunk of records(ctx, options.file)) {
    for (let i = 0; i < chunk.values.length; i++) {
      const line = chunk.lines[i]!;
      const value = chunk.values[i];
      total++;
      try {
        if (value instanceof Error) throw new InputError(value.message);
        if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InputError("a record is a JSON object of question ids to answers");
        const profile = parseProfile(ctx.rules, { origin: `line ${line}`, values: value as Record<string, unknown> });
        if (options.whatIf) out.text(`${JSON.stringify(whatIfRecord(line, ctx.rules, profile))}\n`);
        else writeRecord(line, profile);
      } catch (error) {
        bad++;
        out.text(`${JSON.stringify(errorRecord(line, error))}\n`);
      }
      // Written in pieces a pipe or socket takes at once, so the reader works while the next records are decided.
      if (out.size() >= 65_536) await out.flush();
    }
    // And whatever is decided goes out before more input is awaited: records that arrive slowly (a producer
    // writing one at a time) get their answers as they come.
    await out.flush();
  }
  if (bad > 0) throw new BatchError(`${bad} of ${total} records were bad; each has an "error" line in the output`);
}
