import type { Condition, Rules } from "./rules-schema.js";

/** Each spelling of an approach a rules file may use (its id and aliases, in lower case), to its id. */
export function approachSpellings(
  approaches: readonly { id: string; aliases?: readonly string[] }[],
): Map<string, string> {
  const spellings = new Map<string, string>();
  for (const { id, aliases } of approaches) for (const alias of aliases ?? []) spellings.set(alias.toLowerCase(), id);
  // Ids win over aliases.
  for (const { id } of approaches) spellings.set(id.toLowerCase(), id);
  return spellings;
}

const enabled = <T extends { disabled?: boolean }>(items: T[]): T[] => items.filter((item) => item.disabled !== true);

/**
 * Removes what a file disables, with what belongs to it: an approach takes with it the combinations that include
 * it, the variants that refine either, and its entries in effects, exclude and tieBreak; a combination takes its
 * variants; a value takes its aliases. A disabled approach can never be recommended, so `recommended: [a, b]`
 * loses it when another remains. What else mentions a disabled item (a condition on a disabled value, a
 * `recommended` naming only disabled approaches) stays, and the cross-checks report it: only the author can say
 * what such a condition should become.
 */
export function withoutDisabled(rules: Rules): Rules {
  const spellings = approachSpellings(rules.approaches);
  const off = new Set(rules.approaches.filter((a) => a.disabled === true).map((a) => a.id));
  const isOff = (name: string) => off.has(spellings.get(name.toLowerCase()) ?? name);
  const combinations = enabled(rules.combinations).filter((c) => !c.approaches.some(isOff));
  const kept = new Set(combinations.map((c) => c.id));
  const combinationOff = new Set(rules.combinations.map((c) => c.id).filter((id) => !kept.has(id)));
  const gone = (name: string) => isOff(name) || combinationOff.has(name);
  const variants = enabled(rules.variants).filter((v) => !gone(v.approach));
  const variantKept = new Set(variants.map((v) => v.id));
  const variantOff = new Set(rules.variants.map((v) => v.id).filter((id) => !variantKept.has(id)));
  // What an item fits or contradicts loses the approaches, combinations and variants that are gone.
  const fitting = <T extends { fits?: string[]; notWith: string[] }>(item: T): T => ({
    ...item,
    ...(item.fits ? { fits: item.fits.filter((name) => !gone(name) && !variantOff.has(name)) } : {}),
    notWith: item.notWith.filter((name) => !gone(name) && !variantOff.has(name)),
  });
  const condition = (node: Condition): Condition => {
    const possible = node.recommended?.filter((name) => !gone(name));
    return {
      ...node,
      ...(node.all ? { all: node.all.map(condition) } : {}),
      ...(node.any ? { any: node.any.map(condition) } : {}),
      ...(node.not ? { not: condition(node.not) } : {}),
      ...(possible && possible.length > 0 ? { recommended: possible } : {}),
    };
  };
  return {
    ...rules,
    tieBreak: rules.tieBreak.filter((name) => !isOff(name)),
    approaches: enabled(rules.approaches),
    combinations,
    variants,
    dimensions: enabled(rules.dimensions).map((d) => {
      if (d.type !== "enum") return d;
      const values = enabled(d.values);
      const ids = new Set(values.map((v) => v.id));
      return {
        ...d,
        values,
        aliases: Object.fromEntries(Object.entries(d.aliases).filter(([, target]) => ids.has(target))),
      };
    }),
    rules: enabled(rules.rules).map((r) =>
      fitting({
        ...r,
        effects: Object.fromEntries(Object.entries(r.effects).filter(([name]) => !isOff(name))),
        becauseFor: Object.fromEntries(Object.entries(r.becauseFor).filter(([name]) => !isOff(name))),
        exclude: r.exclude.filter((name) => !isOff(name)),
      }),
    ),
    warnings: enabled(rules.warnings).map((w) => fitting({ ...w, when: condition(w.when) })),
    plan: enabled(rules.plan).map((p) => fitting({ ...p, ...(p.when ? { when: condition(p.when) } : {}) })),
    principles: enabled(rules.principles),
    confidence: { ...rules.confidence, caps: enabled(rules.confidence.caps) },
    ...(rules.cost
      ? {
          cost: {
            ...rules.cost,
            plans: rules.cost.plans.filter((plan) => !gone(plan.for) && !variantOff.has(plan.for)),
          },
        }
      : {}),
    sources: Object.fromEntries(Object.entries(rules.sources).filter(([, source]) => source.disabled !== true)),
  };
}

/**
 * The rules as the evaluator reads them: approaches named by an alias (`icl`, `ft`) are named by their id, as on
 * the command line. Run on valid rules from which withoutDisabled has removed what the file disables.
 */
export function normaliseRules(rules: Rules): Rules {
  const spellings = approachSpellings(rules.approaches);
  const id = (name: string) => spellings.get(name.toLowerCase()) ?? name;
  const condition = (node: Condition): Condition => ({
    ...node,
    ...(node.all ? { all: node.all.map(condition) } : {}),
    ...(node.any ? { any: node.any.map(condition) } : {}),
    ...(node.not ? { not: condition(node.not) } : {}),
    ...(node.recommended ? { recommended: node.recommended.map(id) } : {}),
  });
  return {
    ...rules,
    tieBreak: rules.tieBreak.map(id),
    combinations: rules.combinations.map((c) => ({ ...c, approaches: c.approaches.map(id), when: condition(c.when) })),
    variants: rules.variants.map((v) => ({
      ...v,
      approach: id(v.approach),
      ...(v.when ? { when: condition(v.when) } : {}),
    })),
    rules: rules.rules.map((r) => ({
      ...r,
      when: condition(r.when),
      effects: Object.fromEntries(Object.entries(r.effects).map(([name, effect]) => [id(name), effect])),
      exclude: r.exclude.map(id),
    })),
    warnings: rules.warnings.map((w) => ({ ...w, when: condition(w.when) })),
    plan: rules.plan.map((p) => ({ ...p, ...(p.when ? { when: condition(p.when) } : {}) })),
  };
}
