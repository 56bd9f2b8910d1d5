import { describeCondition, dimensionsOf, test, type Truth } from "./condition.js";
import type { Answer, Profile } from "./parse-profile.js";
import { indexRules } from "./rules-index.js";
import type { Condition, Rules } from "./rules-schema.js";
import { decide, ruleTruthOf, standingsFor, type RankedApproach, type Standings } from "./decide.js";
import { findWhatIf, type SharpeningQuestion, type WhatIf } from "./what-if.js";

export type { Exclusion, RankedApproach, Reason } from "./decide.js";

export type Confidence = "high" | "medium" | "low";

export interface Recommendation {
  id: string;
  name: string;
  approaches: string[];
  variant: string | null;
  variantLabel: string | null;
  confidence: Confidence;
  confidenceWords: string;
  summary: string;
  because: string[];
  sources: string[];
}

export interface RaisedWarning {
  id: string;
  message: string;
  sources: string[];
}

export interface TraceEntry {
  kind: "rule" | "combination" | "variant" | "warning" | "plan";
  id: string;
  status: "fired" | "not-fired" | "unknown";
  condition: string;
  answers: Record<string, Answer | null>;
}

export interface PlanItem {
  id: string;
  step: string;
  sources: string[];
}

export interface Result {
  schemaVersion: 1;
  recommendation: Recommendation;
  ranking: RankedApproach[];
  warnings: RaisedWarning[];
  whatIf: WhatIf[];
  sharpen: SharpeningQuestion[];
  unanswered: string[];
  plan: PlanItem[];
  nextSteps: string[];
  /** Every rule, combination and warning with its status; only when asked for (`trace: true`). */
  trace?: TraceEntry[];
  profile: Profile;
}

const statusOf = (truth: Truth): TraceEntry["status"] => (truth === undefined ? "unknown" : truth ? "fired" : "not-fired");

function answersFor(node: Condition, profile: Profile): Record<string, Answer | null> {
  return Object.fromEntries([...dimensionsOf(node)].map((dim) => [dim, profile[dim] ?? null]));
}

/**
 * How sure the advice is: the leader's margin over the best approach outside the recommendation, and how
 * much an unanswered question could still move it (the largest share of one open question's answers that
 * would change the recommendation, from the what-if search).
 */
function confidenceOf(rules: Rules, decision: Standings, sharpen: SharpeningQuestion[], answeredShare: number): Confidence {
  const { ranking, approaches } = decision;
  const leaders = ranking.filter((a) => approaches.includes(a.id));
  if (leaders.some((a) => a.excluded)) return "low";
  const leaderScore = Math.min(...leaders.map((a) => a.score));
  const runnerUp = ranking.find((a) => !approaches.includes(a.id) && !a.excluded);
  const margin = runnerUp ? leaderScore - runnerUp.score : Number.POSITIVE_INFINITY;
  const openShare = Math.max(0, ...sharpen.map((q) => q.decisiveness));
  for (const level of ["high", "medium"] as const) {
    const bar = rules.confidence[level];
    if (margin >= bar.minMargin && openShare <= bar.maxUnansweredShare && answeredShare >= bar.minAnsweredShare) return level;
  }
  return "low";
}

/** The decision alone, for batch runs: what `evaluate` decides, without the texts, plan and searches. */
export interface Summary {
  recommendation: { id: string; approaches: string[]; variant: string | null; confidence: Confidence };
  ranking: { id: string; score: number; excluded: boolean }[];
  warnings: string[];
  unanswered: string[];
}

/** Decides like `evaluate` with `search: "none"`, building only what a batch record holds. */
export function summarize(rules: Rules, profile: Profile): Summary {
  const decision = standingsFor(rules, profile, ruleTruthOf(rules, profile));
  const { ranking, recommendationId, approaches } = decision;
  const recommendedIds = [recommendationId, ...approaches];
  const variant = rules.variants.find((v) => v.approach === recommendationId && (v.when === undefined || test(v.when, profile) === true));
  const unanswered = rules.dimensions.filter((d) => profile[d.id] === undefined).map((d) => d.id);
  const answeredShare = (rules.dimensions.length - unanswered.length) / rules.dimensions.length;
  return {
    recommendation: { id: recommendationId, approaches, variant: variant?.id ?? null, confidence: confidenceOf(rules, decision, [], answeredShare) },
    ranking,
    warnings: rules.warnings.filter((w) => test(w.when, profile, recommendedIds) === true).map((w) => w.id),
    unanswered,
  };
}

export interface EvaluateOptions {
  /**
   * How far to search for answers that would change the recommendation: `all` (the default) the given and the
   * open questions; `open` only the open ones (confidence depends on them); `none` skips the search, for batch
   * runs, and confidence then rests on the margin and the share of questions answered.
   */
  search?: "all" | "open" | "none";
  /** Include the trace of every rule (for --explain). */
  trace?: boolean;
}

/** Evaluates a profile against the rules: ranking, recommendation, warnings, plan, what-if and a full trace. */
export function evaluate(rules: Rules, profile: Profile, options: EvaluateOptions = {}): Result {
  const decision = decide(rules, profile);
  const { ranking, recommendationId, approaches } = decision;
  const combination = rules.combinations[decision.combinationIndex];
  const recommendedIds = [recommendationId, ...approaches];
  const variant = rules.variants.find((v) => v.approach === recommendationId && (v.when === undefined || test(v.when, profile) === true));
  const approachInfo = indexRules(rules).approaches;
  const top = ranking.find((a) => a.id === approaches[0])!;
  const name = combination ? combination.name : top.name;
  const because = combination
    ? [combination.because]
    : top.reasons.filter((r) => r.effect > 0).slice(0, 3).map((r) => r.because);
  const depth = options.search ?? "all";
  const search = depth === "none" ? { whatIf: [], sharpen: [] } : findWhatIf(rules, profile, decision, { answered: depth === "all" });
  const answeredShare = rules.dimensions.filter((d) => profile[d.id] !== undefined).length / rules.dimensions.length;
  const confidence = confidenceOf(rules, decision, search.sharpen, answeredShare);
  const summary = `${name}${variant ? `: ${variant.label.charAt(0).toLowerCase()}${variant.label.slice(1)}` : ""}. ${because[0] ?? approachInfo.get(top.id)!.bestUseCase}`;

  const warnings = rules.warnings
    .filter((w) => test(w.when, profile, recommendedIds) === true)
    .map((w) => ({ id: w.id, message: w.message, sources: w.sources }));
  const plan = rules.plan
    .filter((p) => {
      const truth = p.when === undefined ? true : test(p.when, profile, recommendedIds);
      return truth === true || (truth === undefined && p.showWhenUnknown);
    })
    .map((p) => ({ id: p.id, step: p.step, sources: p.sources }));
  const nextSteps = combination ? combination.nextSteps : approachInfo.get(top.id)!.nextSteps;

  const trace: TraceEntry[] | undefined = !options.trace ? undefined : [
    ...rules.rules.map((rule, i) => ({ kind: "rule" as const, id: rule.id, status: statusOf(decision.ruleTruth[i]), condition: describeCondition(rule.when), answers: answersFor(rule.when, profile) })),
    ...rules.combinations.map((c) => ({ kind: "combination" as const, id: c.id, status: statusOf(test(c.when, profile)), condition: describeCondition(c.when), answers: answersFor(c.when, profile) })),
    ...rules.warnings.map((w) => ({ kind: "warning" as const, id: w.id, status: statusOf(test(w.when, profile, recommendedIds)), condition: describeCondition(w.when), answers: answersFor(w.when, profile) })),
  ];
  const unanswered = rules.dimensions.map((d) => d.id).filter((id) => profile[id] === undefined);

  return {
    schemaVersion: 1,
    recommendation: {
      id: recommendationId,
      name,
      approaches,
      variant: variant?.id ?? null,
      variantLabel: variant?.label ?? null,
      confidence,
      confidenceWords: rules.confidence.words[confidence],
      summary,
      because,
      sources: [...new Set([...(combination?.sources ?? []), ...top.reasons.filter((r) => r.effect > 0).flatMap((r) => r.sources), ...(variant?.sources ?? [])])],
    },
    ranking,
    warnings,
    whatIf: search.whatIf,
    sharpen: search.sharpen,
    unanswered,
    plan,
    nextSteps,
    trace,
    profile,
  };
}
