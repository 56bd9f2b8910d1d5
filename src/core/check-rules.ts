import { approachSpellings } from "./normalise-rules.js";
import type { Rules } from "./rules-schema.js";
import { COMPARISONS } from "./rules-schema.js";
import { MAX_ID_LENGTH } from "./limits.js";
import { didYouMean as suggestion } from "./suggest.js";

/**
 * Did-you-mean for a name from a rules or scenario file: only for names no longer than an id may be, since
 * nothing longer is a typo of one, and comparing a 200,000-character name with every id takes seconds.
 */
export function didYouMean(input: string, candidates: readonly string[]): string {
  return input.length <= MAX_ID_LENGTH ? suggestion(input, candidates) : "";
}

export type PathSegment = string | number;
export interface RulesIssue {
  path: PathSegment[];
  message: string;
  /** A warning points at something odd that still works; anything else makes the file invalid. */
  severity?: "warning";
}

/**
 * Every question becomes a command-line flag (`--<id>`, and `--no-<id>` for a yes/no question), so its id may not
 * be one of the names advise's own options use. A test keeps this list equal to the program's options.
 */
export const RESERVED_DIMENSION_IDS = [
  "ascii",
  "ask",
  "batch",
  "color",
  "explain",
  "force",
  "format",
  "help",
  "input",
  "profile",
  "rules",
  "save",
  "version",
  "what-if",
] as const;
const RESERVED = new Set<string>(RESERVED_DIMENSION_IDS);

/**
 * The scale of a rule's effect on an approach's score (docs/rules.md, "Weights"): the confidence thresholds of
 * the built-in rules (a margin of 2 for medium, 4 for high) assume effects of 1 to 4 points, 5 at most.
 */
const WEIGHT_SCALE = { min: -5, max: 5 } as const;

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** The items of a list with the index each has in it, without those `disabled: true` removes. */
const live = (value: unknown): [Node, number][] =>
  list(value).flatMap((item, i): [Node, number][] =>
    isNode(item) ? (item.disabled === true ? [] : [[item, i]]) : [[{}, i]],
  );
const nodes = (value: unknown): Node[] => live(value).map(([item]) => item);
const idOf = (item: Node): string | undefined => (typeof item.id === "string" ? item.id : undefined);
const ids = (items: Node[]) => items.map(idOf).filter((id): id is string => id !== undefined);

/**
 * The checks a schema cannot express: every id a rules file refers to must exist, with a value of the right
 * type, and ids must be unique. Returns every problem found, each with the path where it sits. Also run on data
 * that failed the schema (to report every problem at once), so it reads what it finds and skips what it cannot.
 */
export function checkRules(input: Rules): RulesIssue[] {
  const root: Node = isNode(input) ? (input as unknown as Node) : {};
  const issues: RulesIssue[] = [];
  const approaches = nodes(root.approaches);
  const combinations = nodes(root.combinations);
  const dimensionList = nodes(root.dimensions);
  const approachIds = ids(approaches);
  const spellings = approachSpellings(
    approaches.map((a) => ({
      id: idOf(a) ?? "",
      aliases: list(a.aliases).filter((x): x is string => typeof x === "string"),
    })),
  );
  const combinationIds = new Set(ids(combinations));
  const dimensions = new Map(dimensionList.flatMap((d) => (idOf(d) === undefined ? [] : [[idOf(d)!, d] as const])));
  const sourceIds = new Set(
    isNode(root.sources)
      ? Object.keys(root.sources).filter(
          (id) => !(isNode(root.sources) && isNode(root.sources[id]) && root.sources[id].disabled === true),
        )
      : [],
  );

  const unique = (section: string, items: [Node, number][], at: (string | number)[] = []) => {
    const seen = new Set<string>();
    items.forEach(([item, index]) => {
      const id = idOf(item);
      if (id === undefined) return;
      if (seen.has(id))
        issues.push({
          path: [...at, section, index, "id"],
          message: `duplicate id "${id}" in ${section}: each id names one item`,
        });
      seen.add(id);
    });
  };
  unique("approaches", live(root.approaches));
  unique("combinations", live(root.combinations));
  unique("dimensions", live(root.dimensions));
  unique("rules", live(root.rules));
  unique("warnings", live(root.warnings));
  unique("variants", live(root.variants));
  unique("plan", live(root.plan));
  live(root.combinations).forEach(([c, i]) => {
    const id = idOf(c);
    if (id !== undefined && spellings.has(id.toLowerCase()))
      issues.push({ path: ["combinations", i, "id"], message: `"${id}" is both an approach and a combination` });
  });

  // A file without these lists has that reported by the schema; every reference to them would only repeat it.
  const hasApproaches = Array.isArray(root.approaches);
  const hasDimensions = Array.isArray(root.dimensions);
  const approach = (path: PathSegment[], id: unknown, withCombinations = false) => {
    if (typeof id !== "string" || !hasApproaches) return;
    if (spellings.has(id.toLowerCase()) || (withCombinations && combinationIds.has(id))) return;
    const allowed = withCombinations ? [...approachIds, ...combinationIds] : approachIds;
    const what = withCombinations ? "approach or combination" : "approach";
    issues.push({
      path,
      message: `unknown ${what} "${id}"${didYouMean(id, [...spellings.keys(), ...(withCombinations ? combinationIds : [])])}; known: ${allowed.join(", ")}`,
    });
  };
  const sources = (path: PathSegment[], refs: unknown) =>
    list(refs).forEach((id, index) => {
      if (typeof id === "string" && !sourceIds.has(id))
        issues.push({
          path: [...path, index],
          message: `unknown source "${id}"${didYouMean(id, [...sourceIds])}; add it under sources`,
        });
    });

  const condition = (path: PathSegment[], node: unknown, inWarning: boolean, depth = 0): void => {
    // Deeper than any condition a person writes; data nested this far is reported by the reader.
    if (!isNode(node) || depth > 100) return;
    list(node.all).forEach((child, i) => condition([...path, "all", i], child, inWarning, depth + 1));
    list(node.any).forEach((child, i) => condition([...path, "any", i], child, inWarning, depth + 1));
    if (node.not !== undefined) condition([...path, "not"], node.not, inWarning, depth + 1);
    if (node.recommended !== undefined) {
      if (!inWarning)
        issues.push({
          path: [...path, "recommended"],
          message:
            "`recommended` may only be used in warnings and plan steps, which are decided after the recommendation",
        });
      list(node.recommended).forEach((id, i) => approach([...path, "recommended", i], id, true));
    }
    if (typeof node.dim !== "string" || !hasDimensions) return;
    const dimension = dimensions.get(node.dim);
    if (!dimension) {
      issues.push({
        path: [...path, "dim"],
        message: `unknown dimension "${node.dim}"${didYouMean(node.dim, [...dimensions.keys()])}`,
      });
      return;
    }
    const type = dimension.type;
    for (const op of COMPARISONS) {
      if (node[op] === undefined) continue;
      if (type !== "number" && op !== "is" && op !== "in") {
        issues.push({
          path: [...path, op],
          message: `"${op}" compares numbers, but "${node.dim}" is ${type === "enum" ? "an enum" : "a boolean"}; use is or in`,
        });
        continue;
      }
      const values = op === "in" ? list(node.in) : [node[op]];
      const valueIds = type === "enum" ? ids(nodes(dimension.values)) : [];
      const known = new Set(valueIds);
      values.forEach((value, i) => {
        const at = op === "in" ? [...path, op, i] : [...path, op];
        if (type === "enum") {
          if (typeof value !== "string" || !known.has(value)) {
            issues.push({
              path: at,
              message: `"${String(value)}" is not a value of "${node.dim}"${didYouMean(String(value), valueIds)}; allowed: ${valueIds.join(", ")}`,
            });
          }
        } else if (type === "boolean" && typeof value !== "boolean") {
          issues.push({ path: at, message: `"${node.dim}" is a boolean; compare it with true or false` });
        } else if (type === "number" && typeof value !== "number" && typeof value !== "string") {
          issues.push({ path: at, message: `"${node.dim}" is a number; compare it with a number such as 100 or 200k` });
        } else if (type === "number" && (op === "is" || op === "in") && typeof value !== "number") {
          issues.push({ path: at, message: `"${node.dim}" is a number; compare it with a number such as 100 or 200k` });
        }
      });
    }
  };

  list(root.tieBreak).forEach((id, i) => approach(["tieBreak", i], id));
  live(root.approaches).forEach(([a, i]) => sources(["approaches", i, "sources"], a.sources));
  live(root.combinations).forEach(([c, i]) => {
    list(c.approaches).forEach((id, j) => approach(["combinations", i, "approaches", j], id));
    condition(["combinations", i, "when"], c.when, false);
    sources(["combinations", i, "sources"], c.sources);
  });
  live(root.variants).forEach(([v, i]) => {
    approach(["variants", i, "approach"], v.approach, true);
    condition(["variants", i, "when"], v.when, false);
    sources(["variants", i, "sources"], v.sources);
  });
  live(root.dimensions).forEach(([d, i]) => {
    sources(["dimensions", i, "sources"], d.sources);
    const id = idOf(d);
    if (id !== undefined && RESERVED.has(id)) {
      issues.push({
        path: ["dimensions", i, "id"],
        message: `"${id}" cannot be a question id: --${id} is one of advise's own options (reserved: ${RESERVED_DIMENSION_IDS.join(", ")})`,
      });
    } else if (id?.startsWith("no-")) {
      issues.push({
        path: ["dimensions", i, "id"],
        message: `"${id}" cannot be a question id: --no-<id> is how a yes/no question is answered no`,
      });
    }
    if (d.type !== "enum") return;
    unique("values", live(d.values), ["dimensions", i]);
    const valueIds = ids(nodes(d.values));
    const known = new Set(valueIds);
    // An alias of a value switched off goes with it.
    const off = new Set(
      list(d.values).flatMap((v) => (isNode(v) && v.disabled === true && typeof v.id === "string" ? [v.id] : [])),
    );
    if (!isNode(d.aliases)) return;
    for (const alias of Object.keys(d.aliases)) {
      const target = d.aliases[alias];
      if (typeof target === "string" && !known.has(target) && !off.has(target)) {
        issues.push({
          path: ["dimensions", i, "aliases", alias],
          message: `alias "${alias}" points to "${target}", which is not a value of "${id}"${didYouMean(target, valueIds)}`,
        });
      }
    }
  });
  live(root.rules).forEach(([r, i]) => {
    condition(["rules", i, "when"], r.when, false);
    if (isNode(r.effects)) {
      for (const [id, effect] of Object.entries(r.effects)) {
        approach(["rules", i, "effects", id], id);
        if (typeof effect === "number" && (effect < WEIGHT_SCALE.min || effect > WEIGHT_SCALE.max)) {
          issues.push({
            path: ["rules", i, "effects", id],
            severity: "warning",
            message: `effect ${effect} on "${id}" is outside the weight scale ${WEIGHT_SCALE.min}…${WEIGHT_SCALE.max} that the confidence thresholds assume; one rule this strong decides the advice alone (see "Weights" in docs/rules.md)`,
          });
        }
      }
    }
    list(r.exclude).forEach((id, j) => approach(["rules", i, "exclude", j], id));
    sources(["rules", i, "sources"], r.sources);
  });
  live(root.warnings).forEach(([w, i]) => {
    condition(["warnings", i, "when"], w.when, true);
    sources(["warnings", i, "sources"], w.sources);
  });
  live(root.plan).forEach(([p, i]) => {
    condition(["plan", i, "when"], p.when, true);
    sources(["plan", i, "sources"], p.sources);
  });
  return issues;
}
