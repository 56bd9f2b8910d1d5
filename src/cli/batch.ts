import { once } from "node:events";
import { createReadStream, statSync } from "node:fs";
import { answerClasses } from "../core/answer-classes.js";
import { evaluate, summarize } from "../core/evaluate.js";
import { AdviseError, isAdviseError, type Problem } from "../core/errors.js";
import { parseProfile, type Profile } from "../core/parse-profile.js";
import type { Rules } from "../core/rules-schema.js";
import { InputError, readInput } from "../io/read-input.js";
import type { Output } from "../io/fd-output.js";
import type { Context } from "./context.js";

export class BatchError extends AdviseError {}

/** The cap on decisions a batch keeps, so memory stays flat however varied the input. */
const KEPT_DECISIONS = 10_000;

type DecisionTree = Map<number, DecisionTree | Buffer>;

/**
 * Writes one output line: the record's line, the decision (what scripts act on) and the profile. Profiles whose
 * answers no condition tells apart (see answerClasses) share a decision, so each is decided and encoded once; the
 * decisions are kept in a tree with a level for each dimension, branching on the class of its answer.
 */
function recordWriter(rules: Rules, out: OutputBuffer): (line: number, profile: Profile) => void {
  const classes = answerClasses(rules);
  const last = classes.dimensions.length - 1;
  const decisions: DecisionTree = new Map();
  let kept = 0;
  const decisionOf = (profile: Profile): Buffer => {
    let node = decisions;
    for (let i = 0; i < last; i++) {
      const answer = classes.classOf(i, profile);
      let next = node.get(answer) as DecisionTree | undefined;
      if (next === undefined) {
        next = new Map();
        if (kept < KEPT_DECISIONS) node.set(answer, next);
      }
      node = next;
    }
    const answer = classes.classOf(last, profile);
    let decision = node.get(answer) as Buffer | undefined;
    if (decision === undefined) {
      // The record is { line, ...summary, profile }: the summary's members, without its braces, between the two.
      decision = Buffer.from(`,${JSON.stringify(summarize(rules, profile)).slice(1, -1)},"profile":`);
      if (kept < KEPT_DECISIONS) {
        node.set(answer, decision);
        kept++;
      }
    }
    return decision;
  };
  return (line, profile) => {
    const decision = decisionOf(profile);
    out.text(`{"line":${line}`);
    out.bytes(decision);
    out.text(`${JSON.stringify(profile)}}\n`);
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
 * Collects output as bytes and writes it about 64 KB at a time, respecting back-pressure so memory stays flat.
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
    bytes(chunk: Buffer) {
      room(chunk.length);
      bytes.set(chunk, used);
      used += chunk.length;
    },
    /** Writes what is collected once there is at least `atLeast` bytes of it. */
    async flush(atLeast = 1) {
      if (used === 0 || used < atLeast) return;
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

/**
 * Reads the records of a batch: JSON Lines, streamed; or a YAML list, read whole. Yields them a chunk of input at
 * a time as [line, value] pairs, so the work per record stays synchronous.
 */
async function* records(ctx: Context, file: string): AsyncGenerator<[number, unknown | Error][]> {
  const yamlList = /\.ya?ml$/i.test(file);
  if (yamlList) {
    const { text, name } = await readInput(file, () => ctx.io.stdin, "batch file");
    const { readDocument } = await import("../lazy/yaml.js");
    const { doc, problems } = readDocument(text, name);
    if (!doc) throw new InputError(`${name}: ${problems[0]?.message ?? "not readable"}${problems[0]?.line ? ` (line ${problems[0].line})` : ""}`);
    if (!Array.isArray(doc.value)) throw new InputError(`${name}: a YAML batch is a list of profiles ("- need: knowledge")`);
    yield doc.value.map((value, index): [number, unknown] => [doc.locate([index]).line ?? index + 1, value]);
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
  const input = file === "-" ? ctx.io.stdin : createReadStream(file);
  let number = 0;
  for await (const chunk of lines(input)) {
    const parsed: [number, unknown | Error][] = [];
    for (const raw of chunk) {
      number++;
      const text = number === 1 ? raw.replace(/^\uFEFF/, "") : raw;
      if (text.trim() === "") continue;
      try {
        parsed.push([number, JSON.parse(text)]);
      } catch (error) {
        parsed.push([number, new Error(`not valid JSON: ${(error as Error).message}`)]);
      }
    }
    yield parsed;
  }
}

/**
 * The lines of a stream, a chunk at a time, read only as fast as they are consumed (readline's async iterator
 * reads ahead without limit, so memory would grow with the input).
 */
async function* lines(input: NodeJS.ReadableStream): AsyncGenerator<string[]> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let rest = "";
  for await (const chunk of input) {
    rest += typeof chunk === "string" ? chunk : decoder.decode(chunk as Buffer, { stream: true });
    const complete: string[] = [];
    let start = 0;
    for (let end = rest.indexOf("\n"); end !== -1; end = rest.indexOf("\n", start)) {
      complete.push(rest.slice(start, end).replace(/\r$/, ""));
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
    for (const [line, value] of chunk) {
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
    }
    await out.flush(65_536);
  }
  await out.flush();
  if (bad > 0) throw new BatchError(`${bad} of ${total} records were bad; each has an "error" line in the output`);
}
