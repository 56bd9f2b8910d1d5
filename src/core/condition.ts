import type { Answer, Profile } from "./parse-profile.js";
import type { Condition } from "./rules-schema.js";
import { formatNumber } from "./parse-number.js";

/** Three-valued truth: undefined means "unknown", because an answer the condition reads is missing. */
export type Truth = boolean | undefined;

/**
 * Evaluates a condition with Kleene logic: a comparison on an unanswered dimension is unknown, `all` is false
 * as soon as one part is false, `any` true as soon as one part is true. `recommended` is unknown until the
 * recommendation is known (warnings and plan steps are decided after it).
 */
export function test(node: Condition, profile: Profile, recommended?: readonly string[]): Truth {
  if (node.all) {
    let result: Truth = true;
    for (const child of node.all) {
      const value = test(child, profile, recommended);
      if (value === false) return false;
      if (value === undefined) result = undefined;
    }
    return result;
  }
  if (node.any) {
    let result: Truth = false;
    for (const child of node.any) {
      const value = test(child, profile, recommended);
      if (value === true) return true;
      if (value === undefined) result = undefined;
    }
    return result;
  }
  if (node.not) {
    const value = test(node.not, profile, recommended);
    return value === undefined ? undefined : !value;
  }
  if (node.recommended) {
    return recommended === undefined ? undefined : node.recommended.some((id) => recommended.includes(id));
  }
  const answer = profile[node.dim!];
  if (answer === undefined) return undefined;
  return compare(node, answer);
}

function compare(node: Condition, answer: Answer): boolean {
  if (node.is !== undefined) return answer === node.is;
  if (node.in !== undefined) return node.in.includes(answer);
  if (typeof answer !== "number") return false;
  if (node.gt !== undefined) return answer > node.gt;
  if (node.gte !== undefined) return answer >= node.gte;
  if (node.lt !== undefined) return answer < node.lt;
  return answer <= node.lte!;
}

/** Every dimension a condition reads. */
export function dimensionsOf(node: Condition, into: Set<string> = new Set()): Set<string> {
  if (node.dim !== undefined) into.add(node.dim);
  node.all?.forEach((child) => dimensionsOf(child, into));
  node.any?.forEach((child) => dimensionsOf(child, into));
  if (node.not) dimensionsOf(node.not, into);
  return into;
}

const OPERATORS = { gt: ">", gte: "≥", lt: "<", lte: "≤" } as const;

/** A condition as a short readable expression: `need = knowledge and corpus-tokens < 200k`. */
export function describeCondition(node: Condition): string {
  const group = (parts: Condition[], word: string) => {
    const inner = parts.map(describeCondition);
    return inner.length === 1 ? inner[0]! : `(${inner.join(` ${word} `)})`;
  };
  if (node.all) return group(node.all, "and");
  if (node.any) return group(node.any, "or");
  if (node.not) return `not ${describeCondition(node.not)}`;
  if (node.recommended) return `recommendation includes ${node.recommended.join(" or ")}`;
  if (node.is !== undefined) return `${node.dim} = ${String(node.is)}`;
  if (node.in !== undefined) return `${node.dim} in {${node.in.join(", ")}}`;
  for (const [key, symbol] of Object.entries(OPERATORS)) {
    const bound = node[key as keyof typeof OPERATORS];
    if (bound !== undefined) return `${node.dim} ${symbol} ${formatNumber(bound)}`;
  }
  return "?";
}
