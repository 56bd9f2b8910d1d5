import { decide } from "./decide.js";
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

/** Where a numeric condition can change its answer: x < split on one side, x ≥ split on the other. */
function collectSplits(node: Condition | undefined, dim: string, into: Set<number>): void {
  if (!node) return;
  if (node.dim === dim) {
    if (node.gte !== undefined) into.add(node.gte);
    if (node.lt !== undefined) into.add(node.lt);
    if (node.gt !== undefined) into.add(Math.floor(node.gt) + 1);
    if (node.lte !== undefined) into.add(Math.floor(node.lte) + 1);
    for (const value of [node.is, ...(node.in ?? [])]) {
      if (typeof value === "number") {
        into.add(value);
        into.add(Math.floor(value) + 1);
      }
    }
  }
  node.all?.forEach((child) => collectSplits(child, dim, into));
  node.any?.forEach((child) => collectSplits(child, dim, into));
  collectSplits(node.not, dim, into);
}

/**
 * The answers worth trying for a dimension: every enum value, both booleans, and for numbers one value in
 * each range the rules' comparisons tell apart, the one nearest the current answer (so a what-if is the
 * smallest change that crosses a threshold).
 */
export function candidateAnswers(rules: Rules, dimension: Dimension, current?: Answer): Answer[] {
  if (dimension.type === "enum") return dimension.values.map((v) => v.id);
  if (dimension.type === "boolean") return [true, false];
  const splits = new Set<number>();
  for (const node of [...rules.rules.map((r) => r.when), ...rules.combinations.map((c) => c.when), ...rules.variants.map((v) => v.when)]) {
    collectSplits(node, dimension.id, splits);
  }
  const bounds = [...splits].filter((b) => b > 0).sort((a, b) => a - b);
  const starts = [0, ...bounds];
  const at = typeof current === "number" ? current : undefined;
  return starts.map((start, i) => {
    const end = bounds[i];
    if (at === undefined || at < start) return start;
    if (end !== undefined && at >= end) return end - 1;
    return at;
  });
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
  current: string,
  options: { answered?: boolean } = {},
): { whatIf: WhatIf[]; sharpen: SharpeningQuestion[] } {
  const found: { entry: WhatIf; distance: number; order: number }[] = [];
  const sharpen: SharpeningQuestion[] = [];
  rules.dimensions.forEach((dimension, order) => {
    const answer = profile[dimension.id];
    if (answer !== undefined && options.answered === false) return;
    const candidates = candidateAnswers(rules, dimension, answer).filter((value) => value !== answer);
    const best = new Map<string, { value: Answer; distance: number }>();
    const changes: WhatIf[] = [];
    for (const value of candidates) {
      const outcome = decide(rules, { ...profile, [dimension.id]: value }).recommendationId;
      if (outcome === current) continue;
      changes.push({ change: { [dimension.id]: value }, recommendation: outcome });
      const d = distance(answer, value);
      const previous = best.get(outcome);
      if (!previous || d < previous.distance) best.set(outcome, { value, distance: d });
    }
    if (answer === undefined) {
      if (changes.length > 0) {
        sharpen.push({ dimension: dimension.id, question: dimension.question, changes, decisiveness: changes.length / candidates.length });
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
