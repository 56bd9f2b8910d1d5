import { compiledOf, test, type Compiled, type Truth } from "./condition.js";
import type { Profile } from "./parse-profile.js";
import { indexRules } from "./rules-index.js";
import type { Rules } from "./rules-schema.js";

export interface Reason {
  rule: string;
  effect: number;
  because: string;
  sources: string[];
}

export interface Exclusion {
  rule: string;
  because: string;
  sources: string[];
}

export interface RankedApproach {
  id: string;
  name: string;
  score: number;
  excluded: boolean;
  reasons: Reason[];
  excludedBy: Exclusion[];
}

/** The part of an evaluation that decides the recommendation; what-if reruns only this. */
export interface Decision {
  ranking: RankedApproach[];
  recommendationId: string;
  approaches: string[];
  combinationIndex: number;
  ruleTruth: Truth[];
}

/**
 * Scores every approach and picks the recommendation. Ties are broken by the rules file's `tieBreak` order,
 * then by the order of `approaches`; excluded approaches rank last and are recommended only when nothing else is
 * left.
 */
export function decide(rules: Rules, profile: Profile): Decision {
  const byId = new Map<string, RankedApproach>(
    rules.approaches.map((a) => [a.id, { id: a.id, name: a.name, score: 0, excluded: false, reasons: [], excludedBy: [] }]),
  );
  const ruleTruth = ruleTruthOf(rules, profile);
  rules.rules.forEach((rule, index) => {
    if (ruleTruth[index] !== true) return;
    for (const [id, effect] of Object.entries(rule.effects)) {
      const approach = byId.get(id)!;
      approach.score += effect;
      approach.reasons.push({ rule: rule.id, effect, because: rule.because, sources: rule.sources });
    }
    for (const id of rule.exclude) {
      const approach = byId.get(id)!;
      approach.excluded = true;
      approach.excludedBy.push({ rule: rule.id, because: rule.because, sources: rule.sources });
    }
  });
  const rank = ranker(rules);
  const ranking = [...byId.values()].sort(rank);
  for (const approach of ranking) approach.reasons.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  const combinationIndex = combinationFor(rules, profile, (id) => byId.get(id)!);
  const combination = rules.combinations[combinationIndex];
  return {
    ranking,
    recommendationId: combination ? combination.id : ranking[0]!.id,
    approaches: combination ? [...combination.approaches] : [ranking[0]!.id],
    combinationIndex,
    ruleTruth,
  };
}

type Standing = Pick<RankedApproach, "id" | "score" | "excluded">;

/** Not excluded before excluded, then the higher score, then the tie-break order. */
function ranker(rules: Rules): (a: Standing, b: Standing) => number {
  const { order } = indexRules(rules);
  return (a, b) => Number(a.excluded) - Number(b.excluded) || b.score - a.score || order.get(a.id)! - order.get(b.id)!;
}

/** The first combination whose condition holds and whose every part is allowed and scores high enough; -1 if none. */
function combinationFor(rules: Rules, profile: Profile, standing: (id: string) => Standing): number {
  return rules.combinations.findIndex(
    (c) =>
      test(c.when, profile) === true &&
      c.approaches.every((id) => {
        const approach = standing(id);
        return !approach.excluded && approach.score >= c.minComponentScore;
      }),
  );
}

/** Each rule's compiled condition, effects and exclusions by approach position: batches and the what-if search add numbers instead of looking up ids. */
interface Tally {
  /** Each rule's compiled condition; undefined for a disabled rule. */
  conditions: (Compiled | undefined)[];
  position: Map<string, number>;
  effects: { approach: number; effect: number }[][];
  excludes: number[][];
}

const tallies = new WeakMap<Rules, Tally>();

function tallyOf(rules: Rules): Tally {
  let tally = tallies.get(rules);
  if (!tally) {
    const position = new Map(rules.approaches.map((a, i) => [a.id, i]));
    tally = {
      conditions: rules.rules.map((rule) => (rule.disabled ? undefined : compiledOf(rule.when))),
      position,
      effects: rules.rules.map((rule) => Object.entries(rule.effects).map(([id, effect]) => ({ approach: position.get(id)!, effect }))),
      excludes: rules.rules.map((rule) => rule.exclude.map((id) => position.get(id)!)),
    };
    tallies.set(rules, tally);
  }
  return tally;
}

/** Whether each rule fires for the profile (false for a disabled rule; unknown when an answer it reads is missing). */
export function ruleTruthOf(rules: Rules, profile: Profile): Truth[] {
  return tallyOf(rules).conditions.map((condition) => (condition ? condition(profile, undefined) : false));
}

/** The part of a decision without reasons: what a batch record holds, and what a what-if search compares. */
export interface Standings {
  ranking: Standing[];
  recommendationId: string;
  approaches: string[];
}

/**
 * What `decide` decides, given the truth of every rule for the profile: the same sums, in the same order, and
 * the same ranking and choice, without the reasons. Batches call it once per record; the what-if search once
 * for each answer it tries, with only the rules that read the changed answer tested again.
 */
export function standingsFor(rules: Rules, profile: Profile, ruleTruth: readonly Truth[]): Standings {
  const { position, effects, excludes } = tallyOf(rules);
  const standings: Standing[] = rules.approaches.map((a) => ({ id: a.id, score: 0, excluded: false }));
  for (let index = 0; index < ruleTruth.length; index++) {
    if (ruleTruth[index] !== true) continue;
    for (const { approach, effect } of effects[index]!) standings[approach]!.score += effect;
    for (const approach of excludes[index]!) standings[approach]!.excluded = true;
  }
  const ranking = standings.slice().sort(ranker(rules));
  const combination = rules.combinations[combinationFor(rules, profile, (id) => standings[position.get(id)!]!)];
  return combination
    ? { ranking, recommendationId: combination.id, approaches: [...combination.approaches] }
    : { ranking, recommendationId: ranking[0]!.id, approaches: [ranking[0]!.id] };
}
