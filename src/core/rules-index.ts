import type { CostPrice } from "./cost-schema.js";
import type { Approach, Dimension, Rules } from "./rules-schema.js";

export interface RulesIndex {
  dimensions: Map<string, Dimension>;
  approaches: Map<string, Approach>;
  /** Position of each approach for breaking ties: the `tieBreak` list first, then the file's order. */
  order: Map<string, number>;
  /** The cost section's prices by id; empty without one. */
  prices: Map<string, CostPrice>;
}

const cache = new WeakMap<Rules, RulesIndex>();

/** Look-up tables derived from a rules object, built once per rules object (a batch evaluates thousands). */
export function indexRules(rules: Rules): RulesIndex {
  let index = cache.get(rules);
  if (!index) {
    const order = new Map<string, number>();
    rules.approaches.forEach((a, i) => {
      const listed = rules.tieBreak.indexOf(a.id);
      order.set(a.id, listed === -1 ? rules.tieBreak.length + i : listed);
    });
    index = {
      dimensions: new Map(rules.dimensions.map((d) => [d.id, d])),
      approaches: new Map(rules.approaches.map((a) => [a.id, a])),
      order,
      prices: new Map((rules.cost?.prices ?? []).map((p) => [p.id, p])),
    };
    cache.set(rules, index);
  }
  return index;
}
