import { once } from "node:events";
import { createReadStream, statSync } from "node:fs";
import { evaluate, summarize } from "../core/evaluate.js";
import { AdviseError, isAdviseError, type Problem } from "../core/errors.js";
import { parseProfile, type Profile } from "../core/parse-profile.js";
import type { Rules } from "../core/rules-schema.js";
import { InputError, readInput } from "../io/read-input.js";
import type { Context } from "./context.js";

export class BatchError extends AdviseError {}

/** One output line: the decision (what scripts act on), with the what-if search when asked for. */
function batchRecord(line: number, rules: Rules, profile: Profile, withWhatIf: boolean) {
  if (!withWhatIf) return { line, ...summarize(rules, profile), profile };
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

/** Collects output lines into writes of about 64 KB, respecting back-pressure so memory stays flat. */
function outputBuffer(stream: NodeJS.WritableStream) {
  let pending = "";
  const flush = async () => {
    if (pending === "") return;
    const text = pending;
    pending = "";
    if (!stream.write(text)) await once(stream, "drain");
  };
  return {
    async add(text: string) {
      pending += text;
      if (pending.length >= 65_536) await flush();
    },
    flush,
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
  for await (const chunk of records(ctx, options.file)) {
    let text = "";
    for (const [line, value] of chunk) {
      total++;
      let record: object;
      try {
        if (value instanceof Error) throw new InputError(value.message);
        if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InputError("a record is a JSON object of question ids to answers");
        const profile = parseProfile(ctx.rules, { origin: `line ${line}`, values: value as Record<string, unknown> });
        record = batchRecord(line, ctx.rules, profile, options.whatIf);
      } catch (error) {
        bad++;
        record = errorRecord(line, error);
      }
      text += `${JSON.stringify(record)}\n`;
    }
    await out.add(text);
  }
  await out.flush();
  if (bad > 0) throw new BatchError(`${bad} of ${total} records were bad; each has an "error" line in the output`);
}
