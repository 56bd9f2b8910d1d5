import type { Answer, Profile } from "./parse-profile.js";
import type { Condition } from "./rules-schema.js";
import { formatNumber } from "./parse-number.js";

/** Three-valued truth: undefined means "unknown", because an answer the condition reads is missing. */
export type Truth = boolean | undefined;

export type Compiled = (profile: Profile, recommended: readonly string[] | undefined) => Truth;
const compiled = new WeakMap<Condition, Compiled>();

/**
 * Evaluates a condition with Kleene logic: a comparison on an unanswered dimension is unknown, `all` is false
 * as soon as one part is false, `any` true as soon as one part is true. `recommended` is unknown until the
 * recommendation is known (warnings and plan steps are decided after it). Each condition is compiled into a
 * closure once, since a batch or a what-if search evaluates the same conditions many thousand times.
 */
export function test(node: Condition, profile: Profile, recommended?: readonly string[]): Truth {
  return compiledOf(node)(profile, recommended);
}

/** The compiled form of a condition, for callers that test the same conditions over many profiles. */
export function compiledOf(node: Condition): Compiled {
  let run = compiled.get(node);
  if (!run) {
    run = compile(node);
    compiled.set(node, run);
  }
  return run;
}

function compile(node: Condition): Compiled {
  if (node.all) return combine(node.all.map(compile), false);
  if (node.any) return combine(node.any.map(compile), true);
  if (node.not) {
    const inner = compile(node.not);
    return (profile, recommended) => {
      const value = inner(profile, recommended);
      return value === undefined ? undefined : !value;
    };
  }
  if (node.recommended) {
    const ids = node.recommended;
    return (_profile, recommended) =>
      recommended === undefined ? undefined : ids.some((id) => recommended.includes(id));
  }
  const dim = node.dim!;
  const check = comparison(node);
  return (profile) => {
    const answer = profile[dim];
    return answer === undefined ? undefined : check(answer);
  };
}

/** `all` (decided by the first false part) and `any` (by the first true part); otherwise unknown wins. */
function combine(parts: Compiled[], decisive: boolean): Compiled {
  return (profile, recommended) => {
    let result: Truth = !decisive;
    // Indexed, like the other loops the what-if search runs often while the code is still cold (see decide.ts).
    for (let i = 0; i < parts.length; i++) {
      const value = parts[i]!(profile, recommended);
      if (value === decisive) return decisive;
      if (value === undefined) result = undefined;
    }
    return result;
  };
}

function comparison(node: Condition): (answer: Answer) => boolean {
  if (node.is !== undefined) {
    const expected = node.is;
    return (answer) => answer === expected;
  }
  if (node.in !== undefined) {
    const values = new Set<Answer>(node.in);
    return (answer) => values.has(answer);
  }
  // The first bound given, in this order (the schema allows one).
  const { gt, gte, lt, lte } = node;
  if (gt !== undefined) return (answer) => typeof answer === "number" && answer > gt;
  if (gte !== undefined) return (answer) => typeof answer === "number" && answer >= gte;
  if (lt !== undefined) return (answer) => typeof answer === "number" && answer < lt;
  return (answer) => typeof answer === "number" && answer <= lte!;
}

/** Every dimension a condition reads. */
export function dimensionsOf(node: Condition, into: Set<string> = new Set()): Set<string> {
  if (node.dim !== undefined) into.add(node.dim);
  node.all?.forEach((child) => dimensionsOf(child, into));
  node.any?.forEach((child) => dimensionsOf(child, into));
  if (node.not) dimensionsOf(node.not, into);
  return into;
}

const OPERATORS = { gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;

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
