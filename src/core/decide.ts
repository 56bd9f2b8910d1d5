import { test, type Truth } from "./condition.js";
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
  const ruleTruth = rules.rules.map((rule) => (rule.disabled ? false : test(rule.when, profile)));
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
  const { order } = indexRules(rules);
  const ranking = [...byId.values()].sort(
    (a, b) => Number(a.excluded) - Number(b.excluded) || b.score - a.score || order.get(a.id)! - order.get(b.id)!,
  );
  for (const approach of ranking) approach.reasons.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));

  const combinationIndex = rules.combinations.findIndex(
    (c) =>
      test(c.when, profile) === true &&
      c.approaches.every((id) => {
        const approach = byId.get(id)!;
        return !approach.excluded && approach.score >= c.minComponentScore;
      }),
  );
  const combination = rules.combinations[combinationIndex];
  const top = ranking[0]!;
  return {
    ranking,
    recommendationId: combination ? combination.id : top.id,
    approaches: combination ? [...combination.approaches] : [top.id],
    combinationIndex,
    ruleTruth,
  };
}

