import { evaluate, summarize } from "../core/evaluate.js";
import { AdviseError, isAdviseError, type Problem } from "../core/errors.js";
import { MAX_INPUT_BYTES } from "../core/limits.js";
import { parseProfile, type Profile } from "../core/parse-profile.js";
import type { Rules } from "../core/rules-schema.js";
import { decodeText, InputError, inputStream } from "../io/read-input.js";
import type { Context, Output } from "./context.js";

export class BatchError extends AdviseError {}

/** The longest record a JSON Lines batch reads; a longer line becomes an error line, read past without keeping it. */
export const MAX_BATCH_LINE_BYTES = MAX_INPUT_BYTES;

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
        const bytes = pending.length === 0 ? chunk.subarray(start, end) : Buffer.concat([...pending, chunk.subarray(start, end)]);
        const record = jsonRecord(line, bytes);
        if (record) records.push(record);
      } else records.push({ line, error: `the record is longer than ${MAX_BATCH_LINE_BYTES} bytes; a batch reads records up to that size` });
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
  if (tooLong) yield [{ line, error: `the record is longer than ${MAX_BATCH_LINE_BYTES} bytes; a batch reads records up to that size` }];
  else if (pending.length > 0) {
    const record = jsonRecord(line, Buffer.concat(pending));
    if (record) yield [record];
  }
}

/** A YAML list of profiles, read whole. */
async function yamlList(name: string, bytes: Buffer): Promise<BatchRecord[]> {
  const { readDocument } = await import("../core/read-document.js");
  const { doc, problems } = readDocument(decodeText(bytes, name), name);
  if (!doc) throw new InputError(`${name}: ${problems[0]?.message ?? "not readable"}${problems[0]?.line ? ` (line ${problems[0].line})` : ""}`);
  if (!Array.isArray(doc.value)) throw new InputError(`${name}: a YAML batch is a list of profiles ("- need: knowledge")`);
  return doc.value.map((value, index) => ({ line: doc.locate([index]).line ?? index + 1, value }));
}

/** JSON Lines start with a JSON object (or a bracket or a control character: bad records); anything else is YAML. */
function isJsonLines(bytes: Buffer): boolean {
  const first = /[^\s\uFEFF]/u.exec(bytes.subarray(0, 4096).toString("utf8"))?.[0];
  return first === undefined || /^[{[\0-\x1f\x7f]/.test(first);
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
    if (size > MAX_INPUT_BYTES) throw new InputError(`${name}: a YAML batch is read whole, and this one is larger than ${MAX_INPUT_BYTES} bytes; use JSON Lines for large batches`);
    parts.push(next.value as Buffer);
  }
  yield await yamlList(name, Buffer.concat(parts));
}

/** The output line of a bad record: its line and what is wrong with it. Anything but an advise error is rethrown. */
function errorRecord(line: number, error: unknown) {
  if (!isAdviseError(error)) throw error;
  const problems: Problem[] = error.problems ?? [];
  return { line, error: { message: problems.length === 1 ? problems[0]!.message : error.message, problems: problems.map((p) => p.message) } };
}

/** One output line with the what-if search, which depends on the exact answers. */
function whatIfRecord(line: number, rules: Rules, profile: Profile) {
  const result = evaluate(rules, profile);
  return {
    line,
    recommendation: { id: result.recommendation.id, approaches: result.recommendation.approaches, variant: result.recommendation.variant, confidence: result.recommendation.confidence },
    ranking: result.ranking.map((a) => ({ id: a.id, score: a.score, excluded: a.excluded })),
    warnings: result.warnings.map((w) => w.id),
    unanswered: result.unanswered,
    whatIf: result.whatIf,
    profile,
  };
}

/** Writes and waits while the reader is behind, so memory stays flat; false once the reader has gone away. */
async function send(out: Output & { destroyed?: boolean }, text: string): Promise<boolean> {
  if (out.destroyed) return false;
  // Not events.once, which rejects on the stream's error: a reader that went away ends the batch, not the process.
  if (!out.write(text)) await new Promise((resolve) => out.once("drain", resolve).once("close", resolve));
  return !out.destroyed;
}

/**
 * Evaluates every profile of a batch and writes one JSON line per record, in order. A bad record becomes an
 * error line and never stops the others; the exit code is 2 if any record was bad.
 */
export async function runBatch(ctx: Context, options: { file: string; whatIf: boolean }): Promise<void> {
  let bad = 0;
  let total = 0;
  for await (const chunk of records(ctx, options.file)) {
    let text = "";
    for (const { line, value, error } of chunk) {
      total++;
      try {
        if (error !== undefined) throw new InputError(error);
        if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InputError("a record is a JSON object of question ids to answers");
        const profile = parseProfile(ctx.rules, { origin: `line ${line}`, values: value as Record<string, unknown> });
        text += `${JSON.stringify(options.whatIf ? whatIfRecord(line, ctx.rules, profile) : { line, ...summarize(ctx.rules, profile), profile })}\n`;
      } catch (problem) {
        bad++;
        text += `${JSON.stringify(errorRecord(line, problem))}\n`;
      }
    }
    // Whatever is decided goes out before more input is awaited: records that arrive slowly get their answers as they come.
    if (text !== "" && !(await send(ctx.io.stdout, text))) break;
  }
  if (bad > 0) throw new BatchError(`${bad} of ${total} records were bad; each has an "error" line in the output`);
}
