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
 * Scores every approach and picks the recommendation (standingsFor), with the reasons: every rule that raised or
 * lowered each approach, strongest first, and every exclusion. Ties are broken by the rules file's `tieBreak`
 * order, then by the order of `approaches`; excluded approaches rank last and are recommended only when nothing
 * else is left.
 */
export function decide(rules: Rules, profile: Profile): Decision {
  const ruleTruth = ruleTruthOf(rules, profile);
  const {
    ranking: standings,
    recommendationId,
    approaches,
    combinationIndex,
  } = standingsFor(rules, profile, ruleTruth);
  const names = indexRules(rules).approaches;
  const byId = new Map<string, RankedApproach>(
    standings.map((s) => [
      s.id,
      { id: s.id, name: names.get(s.id)!.name, score: s.score, excluded: s.excluded, reasons: [], excludedBy: [] },
    ]),
  );
  rules.rules.forEach((rule, index) => {
    if (ruleTruth[index] !== true) return;
    for (const [id, effect] of Object.entries(rule.effects))
      byId
        .get(id)!
        .reasons.push({ rule: rule.id, effect, because: rule.becauseFor[id] ?? rule.because, sources: rule.sources });
    for (const id of rule.exclude)
      byId.get(id)!.excludedBy.push({ rule: rule.id, because: rule.because, sources: rule.sources });
  });
  const ranking = [...byId.values()];
  for (const approach of ranking) approach.reasons.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  return { ranking, recommendationId, approaches, combinationIndex, ruleTruth };
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
      effects: rules.rules.map((rule) =>
        Object.entries(rule.effects).map(([id, effect]) => ({ approach: position.get(id)!, effect })),
      ),
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

/** A decision without the reasons: what a batch record holds, and what a what-if search compares. */
export interface Standings {
  ranking: Standing[];
  recommendationId: string;
  approaches: string[];
  combinationIndex: number;
}

/**
 * The decision, given the truth of every rule for the profile: the scores, the ranking and the choice, without
 * the reasons. `decide` adds those; batches call it once per record; the what-if search once for each answer it
 * tries, with only the rules that read the changed answer tested again.
 */
export function standingsFor(rules: Rules, profile: Profile, ruleTruth: readonly Truth[]): Standings {
  const { position, effects, excludes } = tallyOf(rules);
  const standings: Standing[] = rules.approaches.map((a) => ({ id: a.id, score: 0, excluded: false }));
  // Indexed loops: a what-if search runs this some hundred times in a short-lived process, mostly before V8
  // optimises it, and an unoptimised for-of allocates an iterator and a result object per step.
  for (let index = 0; index < ruleTruth.length; index++) {
    if (ruleTruth[index] !== true) continue;
    const raises = effects[index]!;
    for (let i = 0; i < raises.length; i++) standings[raises[i]!.approach]!.score += raises[i]!.effect;
    const excluded = excludes[index]!;
    for (let i = 0; i < excluded.length; i++) standings[excluded[i]!]!.excluded = true;
  }
  const ranking = standings.slice().sort(ranker(rules));
  const combinationIndex = combinationFor(rules, profile, (id) => standings[position.get(id)!]!);
  const combination = rules.combinations[combinationIndex];
  return combination
    ? { ranking, recommendationId: combination.id, approaches: [...combination.approaches], combinationIndex }
    : { ranking, recommendationId: ranking[0]!.id, approaches: [ranking[0]!.id], combinationIndex };
}
