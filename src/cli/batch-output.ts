import { once } from "node:events";
import { answerClasses } from "../core/answer-classes.js";
import { evaluate, summarize } from "../core/evaluate.js";
import { isAdviseError, type Problem } from "../core/errors.js";
import type { Answer, Profile } from "../core/parse-profile.js";
import type { Rules } from "../core/rules-schema.js";
import type { Output } from "../io/fd-output.js";

// What a batch writes: one JSON line per record, assembled as bytes (see runBatch in batch.ts).

/** The cap on decisions a batch keeps, so memory stays flat however varied the input. */
const KEPT_DECISIONS = 10_000;

/** A level for each dimension, indexed by the class of its answer; the last level holds the decisions. */
type DecisionTree = (DecisionTree | Buffer | undefined)[];

/**
 * Writes one output line: the record's line, the decision (what scripts act on) and the profile. Profiles whose
 * answers no condition tells apart (see answerClasses) share a decision, so each is decided and encoded once; the
 * decisions are kept in a tree with a level for each dimension, branching on the class of its answer.
 */
export function recordWriter(rules: Rules, out: OutputBuffer): (line: number, profile: Profile) => void {
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
export function whatIfRecord(line: number, rules: Rules, profile: Profile) {
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

export type OutputBuffer = ReturnType<typeof outputBuffer>;

/**
 * Collects output as bytes to be written in pieces, respecting back-pressure so memory stays flat.
 * Bytes rather than text: a decision shared by many records is copied, not encoded again for each.
 */
export function outputBuffer(stream: Output) {
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

/** The output line of a bad record: its line and what is wrong with it. Anything but an advise error is rethrown. */
export function errorRecord(line: number, error: unknown) {
  if (!isAdviseError(error)) throw error;
  const problems: Problem[] = error.problems ?? [];
  return { line, error: { message: problems.length === 1 ? problems[0]!.message : error.message, problems: problems.map((p) => p.message) } };
}
