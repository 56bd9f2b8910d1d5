import { once } from "node:events";
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { answerClasses } from "../core/answer-classes.js";
import { evaluate, summarize } from "../core/evaluate.js";
import { AdviseError, isAdviseError, type Problem } from "../core/errors.js";
import { parseProfile, type Answer, type Profile } from "../core/parse-profile.js";
import type { Rules } from "../core/rules-schema.js";
import { InputError, readInput } from "../io/read-input.js";
import type { Output } from "../io/fd-output.js";
import type { Context } from "./context.js";

export class BatchError extends AdviseError {}

/** The cap on decisions a batch keeps, so memory stays flat however varied the input. */
const KEPT_DECISIONS = 10_000;

/** A level for each dimension, indexed by the class of its answer; the last level holds the decisions. */
type DecisionTree = (DecisionTree | Buffer | undefined)[];

/**
 * Writes one output line: the record's line, the decision (what scripts act on) and the profile. Profiles whose
 * answers no condition tells apart (see answerClasses) share a decision, so each is decided and encoded once; the
 * decisions are kept in a tree with a level for each dimension, branching on the class of its answer.
 */
function recordWriter(rules: Rules, out: OutputBuffer): (line: number, profile: Profile) => void {
  const classes = answerClasses(rules);
  const last = classes.dimensions.length - 1;
  const decisions: DecisionTree = [];
  let kept = 0;
  // The record is { line, ...summary, profile }: the summary's members, without its braces, between the two.
  const decide = (profile: Profile) => Buffer.from(`,${JSON.stringify(summarize(rules, profile)).slice(1, -1)},"profile":`);
  const decisionOf = (profile: Profile): Buffer => {
    let node = decisions;
    for (let i = 0; i < last; i++) {
      const answer = classes.classOf(i, profile);
      let next = node[answer] as DecisionTree | undefined;
      if (next === undefined) {
        // Once the tree is full, a new combination is decided without being kept.
        if (kept >= KEPT_DECISIONS) return decide(profile);
        node[answer] = next = [];
      }
      node = next;
    }
    const answer = classes.classOf(last, profile);
    let decision = node[answer] as Buffer | undefined;
    if (decision === undefined) {
      decision = decide(profile);
      if (kept < KEPT_DECISIONS) {
        node[answer] = decision;
        kept++;
      }
    }
    return decision;
  };
  const writeProfile = profileWriter(rules, out);
  const open = Buffer.from('{"line":');
  const close = Buffer.from("}\n");
  return (line, profile) => {
    const decision = decisionOf(profile);
    out.bytes(open);
    out.integer(line);
    out.bytes(decision);
    writeProfile(profile);
    out.bytes(close);
  };
}

/**
 * Writes a profile as JSON.stringify would, without making a string of it (that was a fifth of a batch's time):
 * the JSON of every dimension id and enum answer is made once. Anything else is written by JSON.stringify.
 */
function profileWriter(rules: Rules, out: OutputBuffer): (profile: Profile) => void {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  const keys = new Map(rules.dimensions.map((d) => [d.id, Buffer.from(`${JSON.stringify(d.id)}:`)]));
  const answers = new Map<Answer, Buffer>([[true, json(true)], [false, json(false)]]);
  for (const d of rules.dimensions) if (d.type === "enum") for (const v of d.values) answers.set(v.id, json(v.id));
  return (profile) => {
    out.byte(0x7b); // {
    let first = true;
    for (const key in profile) {
      if (!Object.hasOwn(profile, key)) continue;
      if (!first) out.byte(0x2c); // ,
      first = false;
      const keyJson = keys.get(key);
      if (keyJson) out.bytes(keyJson);
      else out.text(`${JSON.stringify(key)}:`);
      const value = profile[key]!;
      const known = answers.get(value);
      if (known) out.bytes(known);
      else if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) out.integer(value);
      else out.text(JSON.stringify(value));
    }
    out.byte(0x7d); // }
  };
}

/** One output line with the what-if search, which depends on the exact answers: decided for every record. */
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

type OutputBuffer = ReturnType<typeof outputBuffer>;

/**
 * Collects output as bytes to be written in pieces, respecting back-pressure so memory stays flat.
 * Bytes rather than text: a decision shared by many records is copied, not encoded again for each.
 */
function outputBuffer(stream: Output) {
  const size = 1 << 17;
  let bytes = Buffer.allocUnsafe(size);
  let used = 0;
  const room = (needed: number) => {
    if (used + needed <= bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(bytes.length * 2, used + needed));
    bytes.copy(bigger, 0, 0, used);
    bytes = bigger;
  };
  return {
    text(text: string) {
      // Three bytes of UTF-8 at most for each UTF-16 code unit.
      room(text.length * 3);
      used += bytes.write(text, used);
    },
    byte(value: number) {
      room(1);
      bytes[used++] = value;
    },
    /** A whole number ≥ 0 in decimal, written as digits without making a string of it. */
    integer(value: number) {
      let digits = 1;
      for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
      room(digits);
      for (let at = used + digits - 1, rest = value; at >= used; at--, rest = Math.floor(rest / 10)) bytes[at] = 48 + (rest % 10);
      used += digits;
    },
    bytes(chunk: Buffer) {
      room(chunk.length);
      bytes.set(chunk, used);
      used += chunk.length;
    },
    /** How many bytes are collected and not yet written. */
    size: () => used,
    async flush() {
      if (used === 0) return;
      const chunk = bytes.subarray(0, used);
      // A stream may keep the chunk until it is written; then the next output goes to a new buffer.
      if (!stream.writesAtOnce) bytes = Buffer.allocUnsafe(size);
      used = 0;
      if (!stream.write(chunk)) await once(stream, "drain");
    },
  };
}

function errorRecord(line: number, error: unknown) {
  if (!isAdviseError(error)) throw error;
  const problems: Problem[] = error.problems ?? [];
  return { line, error: { message: problems.length === 1 ? problems[0]!.message : error.message, problems: problems.map((p) => p.message) } };
}

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
  if (file !== "-") {
    let stats;
    try {
      stats = statSync(file);
    } catch {
      throw new InputError(`batch file "${file}" does not exist`);
    }
    if (stats.isDirectory()) throw new InputError(`batch file "${file}" is a directory; name a JSON Lines or YAML file`);
    if (!stats.isFile()) throw new InputError(`batch file "${file}" is not a regular file; use - to read standard input`);
  }
  const input = file === "-" ? ctx.io.stdin : fileChunks(file);
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
 * A regular file's bytes in 64 KB chunks, read synchronously: no stream machinery and no round trips through the
 * thread pool. Each chunk is decoded before the next is read, so one buffer serves them all. (Larger chunks keep
 * more parsed records alive across a young-generation collection, and were slower.)
 */
function* fileChunks(path: string): Generator<Buffer> {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new InputError(`batch file "${path}" cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    const buffer = Buffer.allocUnsafe(1 << 16);
    for (let read: number; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) yield buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * The lines of a stream, a chunk at a time, read only as fast as they are consumed (readline's async iterator
 * reads ahead without limit, so memory would grow with the input).
 */
async function* lines(input: AsyncIterable<Buffer | string> | Iterable<Buffer>): AsyncGenerator<string[]> {
  const decoder = new TextDecoder("utf-8");
  let rest = "";
  for await (const chunk of input) {
    rest += typeof chunk === "string" ? chunk : decoder.decode(chunk as Buffer, { stream: true });
    const complete: string[] = [];
    let start = 0;
    for (let end = rest.indexOf("\n"); end !== -1; end = rest.indexOf("\n", start)) {
      complete.push(rest.slice(start, rest.charCodeAt(end - 1) === 13 ? end - 1 : end));
      start = end + 1;
    }
    rest = rest.slice(start);
    yield complete;
  }
  rest += decoder.decode();
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
