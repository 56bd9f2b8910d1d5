import type { Condition, Rules } from "./rules-schema.js";
import { COMPARISONS } from "./rules-schema.js";
import { didYouMean } from "./suggest.js";

export type PathSegment = string | number;
export interface RulesIssue {
  path: PathSegment[];
  message: string;
}

/**
 * Every question becomes a command-line flag (`--<id>`, and `--no-<id>` for a yes/no question), so its id may not
 * be one of the names advise's own options use. A test keeps this list equal to the program's options.
 */
export const RESERVED_DIMENSION_IDS = ["ascii", "ask", "batch", "color", "explain", "force", "format", "help", "input", "profile", "rules", "save", "version", "what-if"] as const;

/**
 * The checks a schema cannot express: every id a rules file refers to must exist, with a value of the
 * right type, and ids must be unique. Returns every problem found, each with the path where it sits.
 */
export function checkRules(input: Rules): RulesIssue[] {
  // Also run on data that failed the schema (to report every problem at once), so absent lists count as empty.
  const rules = withDefaults(input);
  const issues: RulesIssue[] = [];
  const approachIds = rules.approaches.map((a) => a.id);
  const combinationIds = rules.combinations.map((c) => c.id);
  const recommendationIds = [...approachIds, ...combinationIds];
  const dimensions = new Map(rules.dimensions.map((d) => [d.id, d]));
  const sourceIds = Object.keys(rules.sources);

  const unique = (section: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id)) issues.push({ path: [section, index, "id"], message: `duplicate id "${id}" in ${section}` });
      seen.add(id);
    });
  };
  unique("approaches", approachIds);
  unique("combinations", combinationIds);
  unique("dimensions", rules.dimensions.map((d) => d.id));
  unique("rules", rules.rules.map((r) => r.id));
  unique("warnings", rules.warnings.map((w) => w.id));
  unique("variants", rules.variants.map((v) => v.id));
  unique("plan", rules.plan.map((p) => p.id));
  for (const id of combinationIds) {
    if (approachIds.includes(id)) issues.push({ path: ["combinations"], message: `"${id}" is both an approach and a combination` });
  }

  const approach = (path: PathSegment[], id: string, allowed = approachIds, what = "approach") => {
    if (!allowed.includes(id)) {
      issues.push({ path, message: `unknown ${what} "${id}"${didYouMean(id, allowed)}; known: ${allowed.join(", ")}` });
    }
  };
  const sources = (path: PathSegment[], ids: string[]) =>
    ids.forEach((id, index) => {
      if (!sourceIds.includes(id)) issues.push({ path: [...path, index], message: `unknown source "${id}"${didYouMean(id, sourceIds)}; add it under sources` });
    });

  const condition = (path: PathSegment[], node: Condition, inWarning: boolean): void => {
    if (node.all) node.all.forEach((child, i) => condition([...path, "all", i], child, inWarning));
    if (node.any) node.any.forEach((child, i) => condition([...path, "any", i], child, inWarning));
    if (node.not) condition([...path, "not"], node.not, inWarning);
    if (node.recommended) {
      if (!inWarning) issues.push({ path: [...path, "recommended"], message: "`recommended` may only be used in warnings and plan steps, which are decided after the recommendation" });
      node.recommended.forEach((id, i) => approach([...path, "recommended", i], id, recommendationIds, "approach or combination"));
    }
    if (node.dim === undefined) return;
    const dimension = dimensions.get(node.dim);
    if (!dimension) {
      issues.push({ path: [...path, "dim"], message: `unknown dimension "${node.dim}"${didYouMean(node.dim, [...dimensions.keys()])}` });
      return;
    }
    const op = COMPARISONS.find((key) => node[key] !== undefined)!;
    const values = op === "in" ? node.in! : [node[op]!];
    if (dimension.type !== "number" && op !== "is" && op !== "in") {
      issues.push({ path: [...path, op], message: `"${op}" compares numbers, but "${dimension.id}" is ${dimension.type === "enum" ? "an enum" : "a boolean"}; use is or in` });
      return;
    }
    values.forEach((value, i) => {
      const at = op === "in" ? [...path, op, i] : [...path, op];
      if (dimension.type === "enum") {
        const ids = dimension.values.map((v) => v.id);
        if (typeof value !== "string" || !ids.includes(value)) {
          issues.push({ path: at, message: `"${String(value)}" is not a value of "${dimension.id}"${didYouMean(String(value), ids)}; allowed: ${ids.join(", ")}` });
        }
      } else if (dimension.type === "boolean" && typeof value !== "boolean") {
        issues.push({ path: at, message: `"${dimension.id}" is a boolean; compare it with true or false` });
      } else if (dimension.type === "number" && typeof value !== "number") {
        issues.push({ path: at, message: `"${dimension.id}" is a number; compare it with a number such as 100 or 200k` });
      }
    });
  };

  rules.tieBreak.forEach((id, i) => approach(["tieBreak", i], id));
  rules.approaches.forEach((a, i) => sources(["approaches", i, "sources"], a.sources));
  rules.combinations.forEach((c, i) => {
    c.approaches.forEach((id, j) => approach(["combinations", i, "approaches", j], id));
    condition(["combinations", i, "when"], c.when, false);
    sources(["combinations", i, "sources"], c.sources);
  });
  rules.variants.forEach((v, i) => {
    approach(["variants", i, "approach"], v.approach, recommendationIds, "approach or combination");
    if (v.when) condition(["variants", i, "when"], v.when, false);
    sources(["variants", i, "sources"], v.sources);
  });
  rules.dimensions.forEach((d, i) => {
    sources(["dimensions", i, "sources"], d.sources);
    if ((RESERVED_DIMENSION_IDS as readonly string[]).includes(d.id)) {
      issues.push({ path: ["dimensions", i, "id"], message: `"${d.id}" cannot be a question id: --${d.id} is one of advise's own options (reserved: ${RESERVED_DIMENSION_IDS.join(", ")})` });
    } else if (d.id.startsWith("no-")) {
      issues.push({ path: ["dimensions", i, "id"], message: `"${d.id}" cannot be a question id: --no-<id> is how a yes/no question is answered no` });
    }
    if (d.type !== "enum") return;
    const ids = d.values.map((v) => v.id);
    for (const [alias, target] of Object.entries(d.aliases)) {
      if (!ids.includes(target)) issues.push({ path: ["dimensions", i, "aliases", alias], message: `alias "${alias}" points to "${target}", which is not a value of "${d.id}"${didYouMean(target, ids)}` });
    }
  });
  rules.rules.forEach((r, i) => {
    condition(["rules", i, "when"], r.when, false);
    Object.keys(r.effects).forEach((id) => approach(["rules", i, "effects", id], id));
    r.exclude.forEach((id, j) => approach(["rules", i, "exclude", j], id));
    sources(["rules", i, "sources"], r.sources);
  });
  rules.warnings.forEach((w, i) => {
    condition(["warnings", i, "when"], w.when, true);
    sources(["warnings", i, "sources"], w.sources);
  });
  rules.plan.forEach((p, i) => {
    if (p.when) condition(["plan", i, "when"], p.when, true);
    sources(["plan", i, "sources"], p.sources);
  });
  return issues;
}

function withDefaults(rules: Rules): Rules {
  const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);
  const withSources = <T extends { sources?: string[] }>(items: T[] | undefined) => list(items).map((item) => ({ ...item, sources: list(item.sources) }));
  return {
    ...rules,
    tieBreak: list(rules.tieBreak),
    approaches: withSources(rules.approaches),
    combinations: withSources(rules.combinations).map((c) => ({ ...c, approaches: list(c.approaches) })),
    variants: withSources(rules.variants),
    dimensions: withSources(rules.dimensions).map((d) => (d.type === "enum" ? { ...d, values: list(d.values), aliases: d.aliases ?? {} } : d)),
    rules: withSources(rules.rules).map((r) => ({ ...r, effects: r.effects ?? {}, exclude: list(r.exclude) })),
    warnings: withSources(rules.warnings),
    plan: withSources(rules.plan),
    sources: rules.sources ?? {},
  } as Rules;
}
