import { evaluate } from "../core/evaluate.js";
import { AdviseError, isAdviseError, type Problem } from "../core/errors.js";
import { MAX_INPUT_BYTES } from "../core/limits.js";
import { decodeText, InputError, inputStream } from "../io/read-input.js";
import { batchProgress } from "./batch-progress.js";
import { resultDocument, sketchFor, today } from "./actions.js";
import type { Context, Output } from "./context.js";
import { parseSource } from "./gather-answers.js";

export class BatchError extends AdviseError {}

/** The longest record a JSON Lines batch reads; a longer line becomes an error line, read past without keeping it. */
const MAX_BATCH_LINE_BYTES = MAX_INPUT_BYTES;

/** Output is written once this much of it is ready (or the input read so far is decided). */
const FLUSH_CHARS = 1 << 16;

/** One input record: the line it starts on, and its answers, or what is wrong with it. */
interface BatchRecord {
  line: number;
  value?: unknown;
  error?: string;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A JSON Lines record from its bytes: an empty line is none; bytes that are not UTF-8 make a bad record. */
function jsonRecord(line: number, bytes: Buffer): BatchRecord | undefined {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { line, error: "not UTF-8 text; save the file as UTF-8" };
  }
  if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.endsWith("\r")) text = text.slice(0, -1);
  if (text.trim() === "") return undefined;
  try {
    return { line, value: JSON.parse(text) };
  } catch (error) {
    return { line, error: `not valid JSON: ${(error as Error).message}` };
  }
}

/**
 * The records of a JSON Lines stream, a chunk of input at a time. Each chunk is searched for line breaks once;
 * a line longer than the limit is skipped to its end without being kept, so memory stays flat.
 */
async function* jsonLines(chunks: AsyncIterator<Buffer>, first: Buffer | undefined): AsyncGenerator<BatchRecord[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let line = 1;
  for (let chunk = first; chunk !== undefined; chunk = (await chunks.next()).value as Buffer | undefined) {
    const records: BatchRecord[] = [];
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      if (!tooLong && pendingBytes + end - start <= MAX_BATCH_LINE_BYTES) {
        const bytes =
          pending.length === 0 ? chunk.subarray(start, end) : Buffer.concat([...pending, chunk.subarray(start, end)]);
        const record = jsonRecord(line, bytes);
        if (record) records.push(record);
      } else
        records.push({
          line,
          error: `the record is longer than ${MAX_BATCH_LINE_BYTES} bytes; a batch reads records up to that size`,
        });
      pending = [];
      pendingBytes = 0;
      tooLong = false;
      start = end + 1;
      line++;
    }
    if (start < chunk.length) {
      pendingBytes += chunk.length - start;
      if (pendingBytes > MAX_BATCH_LINE_BYTES) {
        tooLong = true;
        pending = [];
      } else pending.push(chunk.subarray(start));
    }
    yield records;
  }
  if (tooLong)
    yield [
      { line, error: `the record is longer than ${MAX_BATCH_LINE_BYTES} bytes; a batch reads records up to that size` },
    ];
  else if (pending.length > 0) {
    const record = jsonRecord(line, Buffer.concat(pending));
    if (record) yield [record];
  }
}

/** A YAML list of profiles, read whole. */
async function yamlList(name: string, bytes: Buffer): Promise<BatchRecord[]> {
  const { readDocument } = await import("../core/read-document.js");
  const text = decodeText(bytes, name);
  const { doc, problems } = readDocument(text, name);
  // Pretty-printed JSON (jq's default) is one object over many lines; JSON Lines want each on one line.
  const oneALine = /^[\s\uFEFF]*\{/u.test(text) ? "; JSON Lines hold one profile a line (jq -c writes them)" : "";
  if (!doc)
    throw new InputError(
      `${name}: ${problems[0]?.message ?? "not readable"}${problems[0]?.line ? ` (line ${problems[0].line})` : ""}${oneALine}`,
    );
  if (!Array.isArray(doc.value))
    throw new InputError(
      `${name}: a batch is JSON Lines, a JSON array or a YAML list of profiles ("- need: knowledge")${oneALine}; --profile reads a single profile`,
    );
  return doc.value.map((value, index) => ({ line: doc.locate([index]).line ?? index + 1, value }));
}

/**
 * JSON Lines start with a JSON object on its first line (or a control character: a bad record). Anything else is
 * read whole as a list: YAML, or a JSON array, which is YAML too; so is pretty-printed JSON, whose first line is a
 * lone "{", and the reading then explains that a batch wants one object a line.
 */
function isJsonLines(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096).toString("utf8");
  const at = /[^\s\uFEFF]/u.exec(head);
  if (!at) return true;
  if (at[0] === "{") return (head.slice(at.index).split("\n", 1)[0] ?? "").trim() !== "{";
  return /^[\0-\x1f\x7f]/.test(at[0]);
}

/**
 * The records of a batch, a chunk at a time: JSON Lines streamed as they arrive, or a YAML list read whole (a
 * .yaml or .yml file, or input that does not start with a JSON object).
 */
async function* records(ctx: Context, file: string): AsyncGenerator<BatchRecord[]> {
  const name = file === "-" ? "standard input" : file;
  const stream = inputStream(file, () => ctx.io.stdin, "batch file", "a JSON Lines or YAML file");
  const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const first = (await chunks.next()).value as Buffer | undefined;
  if (first === undefined || (!/\.ya?ml$/i.test(file) && isJsonLines(first))) {
    yield* jsonLines(chunks, first);
    return;
  }
  const parts = [first];
  let size = first.length;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    size += (next.value as Buffer).length;
    if (size > MAX_INPUT_BYTES)
      throw new InputError(
        `${name}: a YAML batch is read whole, and this one is larger than ${MAX_INPUT_BYTES} bytes; use JSON Lines for large batches`,
      );
    parts.push(next.value as Buffer);
  }
  yield await yamlList(name, Buffer.concat(parts));
}

/** The output line of a bad record: its line and what is wrong with it. Anything but an advise error is rethrown. */
function errorRecord(line: number, id: string | number | undefined, error: unknown) {
  if (!isAdviseError(error)) throw error;
  const problems: Problem[] = error.problems ?? [];
  return {
    line,
    ...(id === undefined ? {} : { id }),
    error: {
      message: problems.length === 1 ? problems[0]!.message : error.message,
      problems: problems.map((p) => p.message),
    },
  };
}

/** A record's own `id`, which is echoed in its output line and is not a question; the rest are its answers. */
function splitId(value: unknown): { id?: string | number; answers: Record<string, unknown> } {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new InputError("a record is a JSON object of question ids to answers");
  const { id, ...answers } = value as Record<string, unknown>;
  if (id === undefined) return { answers };
  if (typeof id === "string" || (typeof id === "number" && Number.isFinite(id))) return { id, answers };
  throw new InputError(
    `the record's "id" must be a string or a number, not ${id === null ? "null" : Array.isArray(id) ? "a list" : typeof id}`,
  );
}

/** Writes and waits while the reader is behind, so memory stays flat; false once the reader has gone away. */
async function send(out: Output & { destroyed?: boolean }, text: string): Promise<boolean> {
  if (out.destroyed) return false;
  // Not events.once, which rejects on the stream's error: a reader that went away ends the batch, not the process.
  if (!out.write(text)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off("drain", done).off("close", done);
        resolve();
      };
      out.on("drain", done).on("close", done);
    });
  }
  return !out.destroyed;
}

/**
 * Evaluates every profile of a batch and writes one JSON line per record, in order: the document that
 * `recommend --format json` prints, with the record's `line` and its own `id` when it has one. A bad record
 * becomes an error line and never stops the others; the exit code is 2 if any record was bad.
 * Without `whatIf` the what-if search is skipped (it dominates the time of a batch), so `whatIf` and `sharpen`
 * are empty and confidence rests on the margin and the share of questions answered. With it, each line is the
 * whole document.
 */
export async function runBatch(
  ctx: Context,
  options: { file: string; whatIf: boolean; clock?: () => number },
): Promise<void> {
  const search = options.whatIf ? "all" : "none";
  // One date for the whole batch, so that records are judged alike even when the batch runs past midnight.
  const now = today(ctx);
  const progress = batchProgress(ctx.io.stderr, options.clock ?? (() => performance.now()));
  let bad = 0;
  let total = 0;
  const flush = async (text: string): Promise<boolean> => {
    progress.update(total, bad);
    if (text === "") return true;
    // Output lines on the same terminal would be overwritten by the progress line: it makes way for them.
    if (ctx.io.stdout.isTTY) progress.clear();
    return send(ctx.io.stdout, text);
  };
  try {
    reading: for await (const chunk of records(ctx, options.file)) {
      let text = "";
      for (const { line, value, error } of chunk) {
        total++;
        let id: string | number | undefined;
        try {
          if (error !== undefined) throw new InputError(error);
          const record = splitId(value);
          id = record.id;
          const answers = parseSource(ctx.rules, { origin: `line ${line}`, values: record.answers });
          const result = evaluate(ctx.rules, answers.profile, { search });
          const sketch = sketchFor(ctx, answers, result, now);
          text += `${JSON.stringify({ line, ...(id === undefined ? {} : { id }), ...resultDocument(result, sketch) })}\n`;
        } catch (problem) {
          bad++;
          text += `${JSON.stringify(errorRecord(line, id, problem))}\n`;
        }
        // A full result is several kilobytes: written in pieces of bounded size, so memory stays flat.
        if (text.length >= FLUSH_CHARS) {
          if (!(await flush(text))) break reading;
          text = "";
        }
      }
      // Whatever is decided goes out before more input is awaited: records that arrive slowly get their answers as they come.
      if (!(await flush(text))) break;
    }
  } finally {
    progress.clear();
  }
  if (bad > 0)
    throw new BatchError(
      `${bad} of ${total} record${total === 1 ? "" : "s"} ${bad === 1 ? "was" : "were"} bad; ${bad === 1 ? "it has" : "each has"} an "error" line in the output`,
    );
}
