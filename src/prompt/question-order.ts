import type { Condition, Rules } from "../core/rules-schema.js";
import { dimensionsOf } from "../core/condition.js";

/** How many questions make the short core set asked before offering the rest. */
export const CORE_SIZE = 7;

/**
 * Orders the dimensions by how much they can move the advice: the sum, over every rule that reads a
 * dimension, of the largest score change the rule makes (an exclusion counts as a large one), shared between
 * the dimensions that rule reads. Ties keep the rules file's order.
 */
export function questionOrder(rules: Rules): string[] {
  const weight = new Map(rules.dimensions.map((d) => [d.id, 0]));
  const add = (when: Condition, amount: number) => {
    const dims = [...dimensionsOf(when)];
    for (const dim of dims) weight.set(dim, (weight.get(dim) ?? 0) + amount / dims.length);
  };
  for (const rule of rules.rules) {
    if (rule.disabled) continue;
    const largest = Math.max(0, ...Object.values(rule.effects).map(Math.abs));
    add(rule.when, largest + (rule.exclude.length > 0 ? 5 * rule.exclude.length : 0));
  }
  for (const combination of rules.combinations) add(combination.when, 5);
  const position = new Map(rules.dimensions.map((d, i) => [d.id, i]));
  return [...weight.keys()].sort((a, b) => weight.get(b)! - weight.get(a)! || position.get(a)! - position.get(b)!);
}
