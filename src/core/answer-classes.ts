import type { Answer, Profile } from "./parse-profile.js";
import type { Condition, Rules } from "./rules-schema.js";

/**
 * Sorts answers into classes that no condition in the rules can tell apart: a question unanswered; the same
 * non-numeric answer; a number on the same side of every bound that a condition compares it with. Everything a
 * decision holds (scores, recommendation, variant, warnings, the unanswered questions, confidence) is read from the
 * profile through conditions or from which questions are answered, so two profiles whose answers fall in the same
 * class for every dimension get the same decision, and a batch decides each combination of classes once.
 */
export interface AnswerClasses {
  /** The rules' dimension ids; `classOf(i, …)` classifies the answer to the i-th. */
  dimensions: string[];
  /** A small whole number naming the class of the profile's answer to dimension i: 0 when unanswered. */
  classOf(i: number, profile: Profile): number;
}

export function answerClasses(rules: Rules): AnswerClasses {
  const bounds = new Map<string, number[]>();
  // Conditions are found wherever they are in the rules (rules, combinations, variants, warnings, plan).
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === "object" && node !== null) {
      const condition = node as Condition;
      if (typeof condition.dim === "string") {
        const numbers = [condition.is, ...(condition.in ?? []), condition.gt, condition.gte, condition.lt, condition.lte].filter((n): n is number => typeof n === "number");
        bounds.set(condition.dim, [...(bounds.get(condition.dim) ?? []), ...numbers]);
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(rules);
  const dimensions = rules.dimensions.map((d) => ({
    id: d.id,
    bounds: [...new Set(bounds.get(d.id) ?? [])].sort((a, b) => a - b),
    // Other answers are told apart by value, numbered as they are first seen.
    others: new Map<Answer, number>(),
  }));
  return {
    dimensions: dimensions.map((d) => d.id),
    classOf(i, profile) {
      const dimension = dimensions[i]!;
      const value = profile[dimension.id];
      if (value === undefined) return 0;
      const { bounds: sorted } = dimension;
      if (typeof value === "number") {
        // How many bounds lie below the number, and whether it equals the next one: 1 to 2 × bounds + 1.
        let below = 0;
        while (below < sorted.length && sorted[below]! < value) below++;
        return 2 * below + (sorted[below] === value ? 2 : 1);
      }
      // Other answers are numbered after the numbers' classes.
      let known = dimension.others.get(value);
      if (known === undefined) {
        known = 2 * sorted.length + 2 + dimension.others.size;
        dimension.others.set(value, known);
      }
      return known;
    },
  };
}
