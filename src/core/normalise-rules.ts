import type { Condition, Rules } from "./rules-schema.js";

/** Each spelling of an approach a rules file may use (its id and aliases, in lower case), to its id. */
export function approachSpellings(approaches: readonly { id: string; aliases?: readonly string[] }[]): Map<string, string> {
  const spellings = new Map<string, string>();
  for (const { id, aliases } of approaches) for (const alias of aliases ?? []) spellings.set(alias.toLowerCase(), id);
  // Ids win over aliases.
  for (const { id } of approaches) spellings.set(id.toLowerCase(), id);
  return spellings;
}

const enabled = <T extends { disabled?: boolean }>(items: T[]): T[] => items.filter((item) => item.disabled !== true);

/**
 * The rules as the evaluator reads them: items a layer disabled are gone, and approaches named by an alias
 * (`icl`, `ft`) are named by their id, as on the command line. Run after validation, before the cross-checks.
 */
export function normaliseRules(rules: Rules): Rules {
  const approaches = enabled(rules.approaches);
  const spellings = approachSpellings(approaches);
  const id = (name: string) => spellings.get(name.toLowerCase()) ?? name;
  const condition = (node: Condition): Condition => ({
    ...node,
    ...(node.all ? { all: node.all.map(condition) } : {}),
    ...(node.any ? { any: node.any.map(condition) } : {}),
    ...(node.not ? { not: condition(node.not) } : {}),
    ...(node.recommended ? { recommended: node.recommended.map(id) } : {}),
  });
  const sources: Rules["sources"] = {};
  for (const [key, source] of Object.entries(rules.sources)) {
    if (source.disabled !== true) Object.defineProperty(sources, key, { value: source, enumerable: true, writable: true, configurable: true });
  }
  return {
    ...rules,
    tieBreak: rules.tieBreak.map(id),
    approaches,
    combinations: enabled(rules.combinations).map((c) => ({ ...c, approaches: c.approaches.map(id), when: condition(c.when) })),
    variants: enabled(rules.variants).map((v) => ({ ...v, approach: id(v.approach), ...(v.when ? { when: condition(v.when) } : {}) })),
    dimensions: enabled(rules.dimensions).map((d) => {
      if (d.type !== "enum") return d;
      const values = enabled(d.values);
      const kept = new Set(values.map((v) => v.id));
      // An alias of a value switched off goes with it.
      return { ...d, values, aliases: Object.fromEntries(Object.entries(d.aliases).filter(([, target]) => kept.has(target))) };
    }),
    rules: enabled(rules.rules).map((r) => ({
      ...r,
      when: condition(r.when),
      effects: Object.fromEntries(Object.entries(r.effects).map(([name, effect]) => [id(name), effect])),
      exclude: r.exclude.map(id),
    })),
    warnings: enabled(rules.warnings).map((w) => ({ ...w, when: condition(w.when) })),
    plan: enabled(rules.plan).map((p) => ({ ...p, ...(p.when ? { when: condition(p.when) } : {}) })),
    sources,
  };
}
