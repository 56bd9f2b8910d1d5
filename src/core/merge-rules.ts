import type { PathSegment, RulesIssue } from "./check-rules.js";
import { didYouMean } from "./check-rules.js";

type Json = unknown;
type Item = Record<string, Json>;

export const isObject = (value: Json): value is Item =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The lists whose items have ids, by the key that holds them; `values` only inside a question. */
export const ID_LISTS = {
  approaches: "approach",
  combinations: "combination",
  variants: "variant",
  dimensions: "dimension",
  rules: "rule",
  warnings: "warning",
  plan: "plan step",
  principles: "principle",
  values: "value",
  caps: "confidence cap",
  prices: "price",
  questions: "cost question",
} as const satisfies Record<string, string>;

/** Lists with ids that sit inside a mapping rather than at the root: where each may be. */
const NESTED: Record<string, string> = { values: "dimensions", caps: "confidence", prices: "cost", questions: "cost" };

/** Keys whose value a layer replaces whole: a condition merged key by key could mix two conditions into a third. */
const REPLACED_WHOLE = new Set(["when"]);

/** The kind of item a list holds ("rule"), when `path` ends at a list with ids. */
export function listKind(path: readonly PathSegment[]): string | undefined {
  const key = path[path.length - 1];
  if (typeof key !== "string" || !Object.hasOwn(ID_LISTS, key)) return undefined;
  // `values` are a question's (dimensions[i].values); `caps` the confidence's; `prices` and `questions` the cost
  // sketch's; the other lists sit at the root.
  const parent = NESTED[key];
  if (parent === "dimensions") return path.length === 3 && path[0] === parent ? ID_LISTS.values : undefined;
  if (parent !== undefined)
    return path.length === 2 && path[0] === parent ? ID_LISTS[key as keyof typeof ID_LISTS] : undefined;
  return path.length === 1 ? ID_LISTS[key as keyof typeof ID_LISTS] : undefined;
}

/** Sets a key as an own property, whatever its name (`__proto__`, `constructor`): ids are data, not code. */
function put(target: Item, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function copy(item: Item): Item {
  const out: Item = {};
  for (const key of Object.keys(item)) put(out, key, item[key]);
  return out;
}

export interface Merged {
  value: Json;
  /** Problems of the layer's own making (a `before` naming nothing), at paths within the layer. */
  issues: RulesIssue[];
}

/**
 * Layers a rules file over the one it extends. Mappings merge key by key; a condition (`when`) is replaced
 * whole; lists of items with an id (approaches, questions and their values, rules, warnings, variants,
 * combinations, plan steps) merge by id: an item with a known id overrides the fields it names, a new id is
 * added at the end, or before the item that `before:` names. `disabled: true` is kept here and honoured after
 * validation, so that a disabled id that matches nothing is still reported. Any other value replaces the base's.
 */
export function mergeRules(base: Json, layer: Json): Merged {
  const issues: RulesIssue[] = [];
  const merge = (from: Json, over: Json, path: PathSegment[]): Json => {
    if (isObject(from) && isObject(over)) {
      const out = copy(from);
      for (const key of Object.keys(over)) {
        if (path.length === 0 && key === "extends") continue;
        const value = over[key];
        put(
          out,
          key,
          Object.hasOwn(from, key) && !REPLACED_WHOLE.has(key) ? merge(from[key], value, [...path, key]) : value,
        );
      }
      return out;
    }
    const kind = listKind(path);
    if (kind && Array.isArray(from) && Array.isArray(over)) return mergeList(from, over, path, kind);
    return over;
  };

  const mergeList = (from: Json[], over: Json[], path: PathSegment[], kind: string): Json[] => {
    const out = from.map((item) => (isObject(item) ? copy(item) : item));
    const position = new Map<string, number>();
    out.forEach((item, i) => {
      if (isObject(item) && typeof item.id === "string") position.set(item.id, i);
    });
    const moves: { id: string; before: string; at: PathSegment[] }[] = [];
    over.forEach((item, i) => {
      if (!isObject(item) || typeof item.id !== "string") {
        out.push(item);
        return;
      }
      const at = position.get(item.id);
      const merged = (at === undefined ? copy(item) : merge(out[at], item, [...path, i])) as Item;
      if (typeof item.before === "string") moves.push({ id: item.id, before: item.before, at: [...path, i, "before"] });
      else if (item.before !== undefined)
        issues.push({
          path: [...path, i, "before"],
          message: `before takes the id of another ${kind} of this list, not ${JSON.stringify(item.before)}`,
        });
      delete merged.before;
      if (at === undefined) {
        position.set(item.id, out.length);
        out.push(merged);
      } else out[at] = merged;
    });
    for (const move of moves) {
      const ids = out.map((item) => (isObject(item) ? item.id : undefined));
      const target = ids.indexOf(move.before);
      if (target === -1 || move.before === move.id) {
        const known = ids.filter((id): id is string => typeof id === "string" && id !== move.id);
        issues.push({
          path: move.at,
          message: `before: "${move.before}" is not another ${kind} of this list${didYouMean(move.before, known)}`,
        });
        continue;
      }
      const [item] = out.splice(ids.indexOf(move.id), 1);
      out.splice(
        out.findIndex((other) => isObject(other) && other.id === move.before),
        0,
        item,
      );
    }
    return out;
  };

  return { value: merge(base, layer, []), issues };
}
