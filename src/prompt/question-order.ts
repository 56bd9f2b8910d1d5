import { dimensionsOf, test } from "../core/condition.js";
import type { Rules } from "../core/rules-schema.js";
import { candidateAnswers } from "../core/what-if.js";

/** How many questions make the first round when the rules file marks none as `core`. */
const CORE_SIZE = 7;
/** An exclusion moves the advice as much as a large score change. */
const EXCLUSION_WEIGHT = 5;

/**
 * Orders the dimensions by how much an answer to them moves the advice, on average over the answers the
 * rules tell apart: for each answer, the score changes and exclusions of the rules it decides on its own, plus
 * a share of those of rules that also need other answers. Ties keep the rules file's order.
 */
function questionOrder(rules: Rules): string[] {
  const weightOf = (rule: Rules["rules"][number]) =>
    Object.values(rule.effects).reduce((sum, effect) => sum + Math.abs(effect), 0) +
    EXCLUSION_WEIGHT * rule.exclude.length;
  const active = rules.rules.filter((rule) => !rule.disabled);
  const movement = new Map<string, number>();
  for (const dimension of rules.dimensions) {
    const reading = active.filter((rule) => dimensionsOf(rule.when).has(dimension.id));
    const answers = candidateAnswers(rules, dimension);
    let total = 0;
    for (const answer of answers) {
      for (const rule of reading) {
        const truth = test(rule.when, { [dimension.id]: answer });
        if (truth === true) total += weightOf(rule);
        else if (truth === undefined) total += weightOf(rule) / dimensionsOf(rule.when).size;
      }
    }
    movement.set(dimension.id, answers.length === 0 ? 0 : total / answers.length);
  }
  const position = new Map(rules.dimensions.map((d, i) => [d.id, i]));
  return rules.dimensions
    .map((d) => d.id)
    .sort((a, b) => movement.get(b)! - movement.get(a)! || position.get(a)! - position.get(b)!);
}

/** The first round (dimensions marked `core`, else the most moving ones) and the rest, each most moving first. */
export function questionRounds(rules: Rules): { core: string[]; rest: string[] } {
  const order = questionOrder(rules);
  const marked = new Set(rules.dimensions.filter((d) => d.core).map((d) => d.id));
  if (marked.size === 0) return { core: order.slice(0, CORE_SIZE), rest: order.slice(CORE_SIZE) };
  return { core: order.filter((id) => marked.has(id)), rest: order.filter((id) => !marked.has(id)) };
}
