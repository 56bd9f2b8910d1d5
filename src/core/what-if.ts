import { dimensionsOf, test } from "./condition.js";
import { standingsFor, type Decision } from "./decide.js";
import type { Answer, Profile } from "./parse-profile.js";
import type { Condition, Dimension, Rules } from "./rules-schema.js";

export interface WhatIf {
  change: Record<string, Answer>;
  recommendation: string;
}

export interface SharpeningQuestion {
  dimension: string;
  question: string;
  /** Answers that would change the recommendation, and to what. */
  changes: WhatIf[];
  /** Share of the tried answers that would change it: 1 means any answer would. */
  decisiveness: number;
}

/** Where numeric conditions can change their answer, by dimension: x < split on one side, x ≥ split on the other. */
function collectSplits(node: Condition | undefined, into: Map<string, Set<number>>): void {
  if (!node) return;
  if (node.dim !== undefined) {
    let splits = into.get(node.dim);
    if (!splits) into.set(node.dim, (splits = new Set()));
    if (node.gte !== undefined) splits.add(node.gte);
    if (node.lt !== undefined) splits.add(node.lt);
    if (node.gt !== undefined) splits.add(Math.floor(node.gt) + 1);
    if (node.lte !== undefined) splits.add(Math.floor(node.lte) + 1);
    for (const value of [node.is, ...(node.in ?? [])]) {
      if (typeof value === "number") {
        splits.add(value);
        splits.add(Math.floor(value) + 1);
      }
    }
  }
  node.all?.forEach((child) => collectSplits(child, into));
  node.any?.forEach((child) => collectSplits(child, into));
  collectSplits(node.not, into);
}

/** What the search needs to know about a rules object, worked out once per rules object. */
interface SearchIndex {
  /** The thresholds each numeric dimension is compared with, ascending. */
  bounds: Map<string, number[]>;
  /** For each dimension, the (enabled) rules whose condition reads it. */
  readers: Map<string, number[]>;
  /** The dimensions some combination reads. */
  combinationDims: Set<string>;
}

const searchIndexes = new WeakMap<Rules, SearchIndex>();

function searchIndex(rules: Rules): SearchIndex {
  let index = searchIndexes.get(rules);
  if (!index) searchIndexes.set(rules, (index = workOutSearchIndex(rules)));
  return index;
}

function workOutSearchIndex(rules: Rules): SearchIndex {
  const splits = new Map<string, Set<number>>();
  for (const node of [
    ...rules.rules.map((r) => r.when),
    ...rules.combinations.map((c) => c.when),
    ...rules.variants.map((v) => v.when),
  ]) {
    collectSplits(node, splits);
  }
  const readers = new Map<string, number[]>();
  rules.rules.forEach((rule, position) => {
    if (rule.disabled) return;
    for (const dim of dimensionsOf(rule.when)) {
      const known = readers.get(dim);
      if (known) known.push(position);
      else readers.set(dim, [position]);
    }
  });
  const combinationDims = new Set<string>();
  for (const combination of rules.combinations) dimensionsOf(combination.when, combinationDims);
  return {
    bounds: new Map([...splits].map(([id, values]) => [id, [...values].filter((b) => b > 0).sort((a, b) => a - b)])),
    readers,
    combinationDims,
  };
}

/**
 * The answers worth trying for a dimension: every enum value, both booleans, and for numbers one value in
 * each range the rules' comparisons tell apart, the one nearest the current answer (so a what-if is the
 * smallest change that crosses a threshold).
 */
export function candidateAnswers(rules: Rules, dimension: Dimension, current?: Answer): Answer[] {
  if (dimension.type === "enum") return dimension.values.map((v) => v.id);
  if (dimension.type === "boolean") return [true, false];
  const bounds = searchIndex(rules).bounds.get(dimension.id) ?? [];
  const starts = [0, ...bounds];
  const at = typeof current === "number" ? current : undefined;
  return starts.map((start, i) => {
    const end = bounds[i];
    if (at === undefined || at < start) return start;
    if (end !== undefined && at >= end) return roundBelow(end, start);
    return at;
  });
}

/**
 * A round number in [start, end), as close to `end` as two or three significant figures allow (190k below 200k,
 * not 199,999): any number there gives the same outcome, and a person reads and types a round one.
 */
function roundBelow(end: number, start: number): number {
  for (const figures of [2, 3]) {
    const step = 10 ** Math.max(0, Math.floor(Math.log10(end)) + 1 - figures);
    const candidate = Math.floor((end - 1) / step) * step;
    if (candidate >= start && candidate < end) return candidate;
  }
  return end - 1;
}

/**
 * The recommendation after one answer changes. Only the rules that read that answer are tested again, and only
 * a rule that starts or stops firing matters (unknown and false both leave the scores alone); when none does
 * and no combination reads the answer, the recommendation stays as it was. `scratch` is a copy of the profile
 * that the change is made in and taken back from (an undefined answer reads as unanswered).
 */
function outcomeOf(
  rules: Rules,
  scratch: Profile,
  ruleTruth: readonly (boolean | undefined)[],
  current: string,
  dim: string,
  value: Answer,
): string {
  const { readers, combinationDims } = searchIndex(rules);
  const before = scratch[dim];
  scratch[dim] = value;
  try {
    let truth: (boolean | undefined)[] | undefined;
    const reading = readers.get(dim) ?? [];
    // Indexed, like the other loops the search runs often while the code is still cold (see decide.ts).
    for (let i = 0; i < reading.length; i++) {
      const index = reading[i]!;
      const after = test(rules.rules[index]!.when, scratch);
      if ((after === true) === (ruleTruth[index] === true)) continue;
      truth ??= ruleTruth.slice();
      truth[index] = after;
    }
    if (!truth && !combinationDims.has(dim)) return current;
    return standingsFor(rules, scratch, truth ?? ruleTruth).recommendationId;
  } finally {
    (scratch as Record<string, Answer | undefined>)[dim] = before;
  }
}

function distance(from: Answer | undefined, to: Answer): number {
  if (typeof from === "number" && typeof to === "number") return Math.abs(Math.log10(to + 1) - Math.log10(from + 1));
  return 1;
}

/**
 * Searches single-answer changes that change the recommendation. For an answered dimension it keeps, per
 * resulting recommendation, the change closest to the current answer; for an unanswered one it reports which
 * answers would move the advice, most decisive question first.
 */
export function findWhatIf(
  rules: Rules,
  profile: Profile,
  decision: Pick<Decision, "recommendationId" | "ruleTruth">,
  options: { answered?: boolean } = {},
): { whatIf: WhatIf[]; sharpen: SharpeningQuestion[] } {
  const { recommendationId: current, ruleTruth } = decision;
  const found: { entry: WhatIf; distance: number; order: number }[] = [];
  const sharpen: SharpeningQuestion[] = [];
  const scratch: Profile = { ...profile };
  rules.dimensions.forEach((dimension, order) => {
    const answer = profile[dimension.id];
    if (answer !== undefined && options.answered === false) return;
    const candidates = candidateAnswers(rules, dimension, answer).filter((value) => value !== answer);
    const best = new Map<string, { value: Answer; distance: number }>();
    const changes: WhatIf[] = [];
    for (const value of candidates) {
      const outcome = outcomeOf(rules, scratch, ruleTruth, current, dimension.id, value);
      if (outcome === current) continue;
      changes.push({ change: { [dimension.id]: value }, recommendation: outcome });
      const d = distance(answer, value);
      const previous = best.get(outcome);
      if (!previous || d < previous.distance) best.set(outcome, { value, distance: d });
    }
    if (answer === undefined) {
      if (changes.length > 0) {
        sharpen.push({
          dimension: dimension.id,
          question: dimension.question,
          changes,
          decisiveness: changes.length / candidates.length,
        });
      }
      return;
    }
    for (const [recommendation, { value, distance: d }] of best) {
      found.push({ entry: { change: { [dimension.id]: value }, recommendation }, distance: d, order });
    }
  });
  found.sort((a, b) => a.distance - b.distance || a.order - b.order);
  sharpen.sort((a, b) => b.decisiveness - a.decisiveness);
  return { whatIf: found.map((f) => f.entry), sharpen };
}
