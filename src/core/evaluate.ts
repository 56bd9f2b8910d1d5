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

export interface PrincipleItem {
  id: string;
  text: string;
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
  /** Principles that hold whatever the steps (kept apart from them). */
  principles: PrincipleItem[];
  /** Every rule, combination and warning with its status; only when asked for (`trace: true`). */
  trace?: TraceEntry[];
  profile: Profile;
}

const statusOf = (truth: Truth): TraceEntry["status"] =>
  truth === undefined ? "unknown" : truth ? "fired" : "not-fired";

function answersFor(node: Condition, profile: Profile): Record<string, Answer | null> {
  return Object.fromEntries([...dimensionsOf(node)].map((dim) => [dim, profile[dim] ?? null]));
}

/** The ids an item's `fits` and `notWith` are compared with: the recommendation, its approaches and its variant. */
export function shownWith(
  recommendationId: string,
  approaches: readonly string[],
  variant: string | null | undefined,
): string[] {
  return [recommendationId, ...approaches, ...(variant ? [variant] : [])];
}

/** Whether an item declared to fit some recommendations (and to contradict others) may be shown with this one. */
export function fitsWith(item: { fits?: string[]; notWith: string[] }, shown: readonly string[]): boolean {
  if (item.notWith.some((id) => shown.includes(id))) return false;
  return item.fits === undefined || item.fits.some((id) => shown.includes(id));
}

export interface ConfidenceVerdict {
  level: Confidence;
  /** Why, in words that agree with the numbers. */
  words: string;
}

const LEVELS: Confidence[] = ["high", "medium", "low"];
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * How sure the advice is: the leader's margin over the best approach outside the recommendation, how much an
 * unanswered question could still move it (the largest share of one open question's answers that would change
 * the recommendation, from the what-if search), and the share of questions answered. Never high when the leader's
 * own score is 0 or less or when it leads only because everything else was excluded; the rules file's caps can
 * hold it lower. The words state the reason that decided the level.
 */
function confidenceOf(
  rules: Rules,
  decision: Standings,
  sharpen: SharpeningQuestion[],
  answeredShare: number,
  profile: Profile,
  shown: string[],
): ConfidenceVerdict {
  const { ranking, approaches } = decision;
  const names = indexRules(rules).approaches;
  // An approach is named as everywhere else (one display name), mid-sentence too.
  const nameOf = (id: string) => names.get(id)?.shortName ?? names.get(id)?.name ?? id;
  const leaders = ranking.filter((a) => approaches.includes(a.id));
  const answered = Math.round(answeredShare * rules.dimensions.length);
  const answeredWords = `${answered} of ${rules.dimensions.length} questions answered`;
  const say = (level: Confidence, reason: string): ConfidenceVerdict => ({
    level,
    words: `${rules.confidence.words[level]} ${reason}`,
  });
  if (leaders.some((a) => a.excluded))
    return say("low", "Every approach was ruled out by an answer; this is the least excluded, not a fit.");
  const leaderScore = Math.min(...leaders.map((a) => a.score));
  const runnerUp = ranking.find((a) => !approaches.includes(a.id) && !a.excluded);
  const margin = runnerUp ? leaderScore - runnerUp.score : Number.POSITIVE_INFINITY;
  const open = [...sharpen].sort((a, b) => b.decisiveness - a.decisiveness)[0];
  const openShare = open?.decisiveness ?? 0;
  let level: Confidence = "low";
  for (const candidate of ["high", "medium"] as const) {
    const bar = rules.confidence[candidate];
    if (margin >= bar.minMargin && openShare <= bar.maxUnansweredShare && answeredShare >= bar.minAnsweredShare) {
      level = candidate;
      break;
    }
  }
  const lead = runnerUp
    ? margin === 0
      ? `It ties with ${nameOf(runnerUp.id)} and is first only by the tie-break order`
      : `It leads ${nameOf(runnerUp.id)} by ${plural(margin, "point")}`
    : "It is the only approach not ruled out";
  const reasons: string[] = [];
  // A leader whose own score is not positive, or that is left only because the rest were excluded, wins by elimination.
  if (level === "high" && (leaderScore <= 0 || !runnerUp)) {
    level = "medium";
    reasons.push(
      leaderScore <= 0
        ? `Nothing in the answers speaks for it (its score is ${leaderScore}); it wins because the others score lower.`
        : `${lead}: it wins because the others were excluded.`,
    );
  }
  if (leaderScore <= 0 && !runnerUp) level = "low";
  for (const cap of rules.confidence.caps) {
    if (LEVELS.indexOf(level) < LEVELS.indexOf(cap.max) && test(cap.when, profile, shown) === true) {
      level = cap.max;
      reasons.push(cap.because);
    }
  }
  if (reasons.length === 0) {
    const bar = rules.confidence.high;
    if (level === "high") reasons.push(`${lead}, with ${answeredWords}.`);
    else if (margin < rules.confidence[level === "medium" ? "high" : "medium"].minMargin)
      reasons.push(`${lead}, with ${answeredWords}.`);
    else if (open && openShare > rules.confidence[level === "medium" ? "high" : "medium"].maxUnansweredShare)
      reasons.push(`${lead}, but the open question --${open.dimension} could change it.`);
    else if (answeredShare < bar.minAnsweredShare) reasons.push(`${lead}, but only ${answeredWords}.`);
    else reasons.push(`${lead}, with ${answeredWords}.`);
  }
  return { level, words: `${rules.confidence.words[level]} ${reasons.join(" ")}` };
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
  const variant = rules.variants.find(
    (v) => v.approach === recommendationId && (v.when === undefined || test(v.when, profile) === true),
  );
  const shown = shownWith(recommendationId, approaches, variant?.id);
  const unanswered = rules.dimensions.filter((d) => profile[d.id] === undefined).map((d) => d.id);
  const answeredShare = (rules.dimensions.length - unanswered.length) / rules.dimensions.length;
  return {
    recommendation: {
      id: recommendationId,
      approaches,
      variant: variant?.id ?? null,
      confidence: confidenceOf(rules, decision, [], answeredShare, profile, recommendedIds).level,
    },
    ranking,
    warnings: rules.warnings
      .filter((w) => fitsWith(w, shown) && test(w.when, profile, recommendedIds) === true)
      .map((w) => w.id),
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
  const variant = rules.variants.find(
    (v) => v.approach === recommendationId && (v.when === undefined || test(v.when, profile) === true),
  );
  const approachInfo = indexRules(rules).approaches;
  const top = ranking.find((a) => a.id === approaches[0])!;
  const name = combination ? combination.name : top.name;
  const shown = shownWith(recommendationId, approaches, variant?.id);
  const ruleById = new Map(rules.rules.map((r) => [r.id, r]));
  const reasonFits = (r: { rule: string }) => fitsWith(ruleById.get(r.rule)!, shown);
  const because = combination
    ? [combination.because]
    : top.reasons
        .filter((r) => r.effect > 0 && reasonFits(r))
        .slice(0, 3)
        .map((r) => r.because);
  const depth = options.search ?? "all";
  const search =
    depth === "none"
      ? { whatIf: [], sharpen: [] }
      : findWhatIf(rules, profile, decision, { answered: depth === "all" });
  const answeredShare = rules.dimensions.filter((d) => profile[d.id] !== undefined).length / rules.dimensions.length;
  const verdict = confidenceOf(rules, decision, search.sharpen, answeredShare, profile, recommendedIds);
  const confidence = verdict.level;
  const summary = `${name}${variant ? `: ${variant.label.charAt(0).toLowerCase()}${variant.label.slice(1)}` : ""}. ${because[0] ?? approachInfo.get(top.id)!.bestUseCase}`;

  const warnings = rules.warnings
    .filter((w) => fitsWith(w, shown) && test(w.when, profile, recommendedIds) === true)
    .map((w) => ({ id: w.id, message: w.message, sources: w.sources }));
  const plan = rules.plan
    .filter((p) => {
      if (!fitsWith(p, shown)) return false;
      const truth = p.when === undefined ? true : test(p.when, profile, recommendedIds);
      return truth === true || (truth === undefined && p.showWhenUnknown);
    })
    .map((p) => ({ id: p.id, step: p.step, sources: p.sources }));
  const planSteps = new Set(plan.map((p) => p.step));
  const nextSteps = (
    variant?.nextSteps ?? (combination ? combination.nextSteps : approachInfo.get(top.id)!.nextSteps)
  ).filter((step) => !planSteps.has(step));
  const principles = rules.principles.map((p) => ({ id: p.id, text: p.text, sources: p.sources }));

  const trace: TraceEntry[] | undefined = !options.trace
    ? undefined
    : [
        ...rules.rules.map((rule, i) => ({
          kind: "rule" as const,
          id: rule.id,
          status: statusOf(decision.ruleTruth[i]),
          condition: describeCondition(rule.when),
          answers: answersFor(rule.when, profile),
        })),
        ...rules.combinations.map((c) => ({
          kind: "combination" as const,
          id: c.id,
          status: statusOf(test(c.when, profile)),
          condition: describeCondition(c.when),
          answers: answersFor(c.when, profile),
        })),
        ...rules.warnings.map((w) => ({
          kind: "warning" as const,
          id: w.id,
          status: statusOf(test(w.when, profile, recommendedIds)),
          condition: describeCondition(w.when),
          answers: answersFor(w.when, profile),
        })),
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
      confidenceWords: verdict.words,
      summary,
      because,
      sources: [
        ...new Set([
          ...(combination?.sources ?? []),
          ...top.reasons.filter((r) => r.effect > 0 && reasonFits(r)).flatMap((r) => r.sources),
          ...(variant?.sources ?? []),
        ]),
      ],
    },
    ranking,
    warnings,
    whatIf: search.whatIf,
    sharpen: search.sharpen,
    unanswered,
    plan,
    nextSteps,
    principles,
    trace,
    profile,
  };
}
