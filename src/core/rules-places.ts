import type { PathSegment } from "./check-rules.js";
import type { Problem } from "./errors.js";
import { MAX_NESTING } from "./limits.js";
import { isObject, listKind } from "./merge-rules.js";
import type { ParsedDocument } from "./read-document.js";

// Where the problems of a rules file sit in the file that says them, when what is checked is that file merged
// over the rules it extends.

/** Positions of the items of a list by id, built once per list. */
const positions = new WeakMap<unknown[], Map<string, number>>();
function indexOfId(items: unknown[], id: string): number {
  let index = positions.get(items);
  if (!index) {
    index = new Map();
    items.forEach((item, i) => {
      if (isObject(item) && typeof item.id === "string" && !index!.has(item.id)) index!.set(item.id, i);
    });
    positions.set(items, index);
  }
  return index.get(id) ?? -1;
}

/**
 * Follows a path of the checked data (merged with the base, disabled items removed) through a file's own
 * data: items of lists with ids are matched by id. `own` is false when the path leads into an item the file
 * does not name, i.e. one it inherits; otherwise `path` is where the file says it, as deep as the file goes.
 */
export function pathInFile(
  path: readonly PathSegment[],
  data: unknown,
  file: unknown,
  extending: boolean,
): { path: PathSegment[]; own: boolean } {
  const out: PathSegment[] = [];
  let d = data;
  let f = file;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const item = (d as Record<PathSegment, unknown> | undefined)?.[segment];
    if (
      typeof segment === "number" &&
      Array.isArray(f) &&
      listKind(path.slice(0, i)) &&
      isObject(item) &&
      typeof item.id === "string"
    ) {
      // The same place when it holds the same item (two items may share an id: that is reported at the second).
      const same = isObject(f[segment]) && (f[segment] as Record<string, unknown>).id === item.id;
      const at = same ? segment : indexOfId(f, item.id);
      if (at === -1) return { path: out, own: !extending };
      out.push(at);
      f = f[at];
    } else if (
      (Array.isArray(f) && typeof segment === "number" && segment < f.length) ||
      (isObject(f) && Object.hasOwn(f, segment))
    ) {
      out.push(segment);
      f = (f as Record<PathSegment, unknown>)[segment];
    } else {
      return { path: out, own: !extending || out.length > 0 };
    }
    d = item;
  }
  return { path: out, own: true };
}

/** The ids of the list at `path` (a path of the merged data) in the base, found through the items' ids. */
export function idsInBase(base: unknown, data: unknown) {
  return (path: readonly PathSegment[]): ReadonlySet<string> | undefined => {
    let b = base;
    let d = data;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      const item = (d as Record<PathSegment, unknown> | undefined)?.[segment];
      if (typeof segment === "number" && Array.isArray(b) && isObject(item) && typeof item.id === "string") {
        const at = indexOfId(b, item.id);
        // Inside an item the base does not have, every item is new: no "not in the base" to say.
        if (at === -1) return undefined;
        b = b[at];
      } else b = (b as Record<PathSegment, unknown> | undefined)?.[segment];
      d = item;
    }
    if (!Array.isArray(b)) return undefined;
    return new Set(b.flatMap((item) => (isObject(item) && typeof item.id === "string" ? [item.id] : [])));
  };
}

/**
 * A YAML alias may refer to the mapping that holds it; such data never ends, and nothing reading it would.
 * Returns the path of the first place that loops back or nests too deeply.
 */
export function endless(value: unknown): { path: PathSegment[]; message: string } | undefined {
  const open = new Set<unknown>();
  const path: PathSegment[] = [];
  const walk = (node: unknown): { path: PathSegment[]; message: string } | undefined => {
    if (typeof node !== "object" || node === null) return undefined;
    if (open.has(node))
      return {
        path: [...path],
        message:
          "this alias refers to a mapping or list that contains it, so its value never ends; write the value out instead",
      };
    if (path.length >= MAX_NESTING)
      return { path: [...path], message: `nested more than ${MAX_NESTING} levels deep; no rules file needs that` };
    open.add(node);
    for (const [key, child] of Array.isArray(node) ? node.entries() : Object.entries(node)) {
      path.push(key);
      const found = walk(child);
      path.pop();
      if (found) return found;
    }
    open.delete(node);
    return undefined;
  };
  return walk(value);
}

/** The mappings of a rules file whose keys are ids: sources, a question's aliases, a rule's effects. */
export function recordPaths(own: Record<string, unknown>): PathSegment[][] {
  const paths: PathSegment[][] = [["sources"]];
  const each = (key: string, field: string) => {
    const items = own[key];
    if (Array.isArray(items))
      items.forEach((item, i) => isObject(item) && isObject(item[field]) && paths.push([key, i, field]));
  };
  each("dimensions", "aliases");
  each("rules", "effects");
  return paths.filter((path) => path.length > 1 || isObject(own.sources));
}

/** The ids a file switches off with `disabled: true`, in any list (and sources). */
export function disabledIds(own: Record<string, unknown>): Set<string> {
  const ids = new Set<string>();
  const visit = (items: unknown) => {
    if (!Array.isArray(items)) return;
    for (const item of items) {
      if (!isObject(item) || typeof item.id !== "string") continue;
      if (item.disabled === true) ids.add(item.id);
      visit(item.values);
    }
  };
  for (const key of ["approaches", "combinations", "variants", "dimensions", "rules", "warnings", "plan"])
    visit(own[key]);
  if (isObject(own.sources))
    for (const [id, source] of Object.entries(own.sources))
      if (isObject(source) && source.disabled === true) ids.add(id);
  return ids;
}

/** An inherited item as an author knows it: `rule "x"` rather than `rules[4].effects`. */
export function itemName(path: readonly PathSegment[], data: unknown): string {
  let d = data;
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const item = (d as Record<PathSegment, unknown> | undefined)?.[path[i]!];
    const kind = listKind(path.slice(0, i));
    if (kind && typeof path[i] === "number" && isObject(item) && typeof item.id === "string") {
      parts.push(`${kind} "${item.id}"`);
      // The item is what an author looks for; the rest of the path inside it is detail.
      if (kind !== "dimension") break;
    } else if (i === 0 && !listKind(path.slice(0, 1))) parts.push(String(path[0]));
    d = item;
  }
  return parts.join(" ");
}

/** Problems in what a file inherits, one per message, placed at its `extends`. */
export function inheritedProblems(
  groups: Map<string, { paths: string[]; hint?: string; severity?: "warning" }>,
  doc: ParsedDocument,
): Problem[] {
  return [...groups].map(([key, { paths, hint, severity }]) => {
    const unique = [...new Set(paths)];
    const places = `${unique.slice(0, 4).join(", ")}${unique.length > 4 ? ` and ${unique.length - 4} more` : ""}`;
    const text = key.startsWith("\u0000")
      ? `"${key.slice(1)}" is disabled in this file, but the rules it extends still name it in ${places}; disable or replace those too`
      : `${key} (in the rules it extends: ${places})`;
    return {
      ...doc.locate(["extends"]),
      path: "extends",
      message: text,
      hint:
        hint ??
        "this is in the rules it extends; a change in this file (a disabled or replaced item) no longer fits it",
      ...(severity ? { severity } : {}),
    };
  });
}
