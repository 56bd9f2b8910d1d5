import { checkRules, type PathSegment } from "./check-rules.js";
import { visible } from "./code-frame.js";
import { isAdviseError, RulesError, type Problem } from "./errors.js";
import { MAX_NESTING } from "./limits.js";
import { isObject, listKind, mergeRules } from "./merge-rules.js";
import { normaliseRules } from "./normalise-rules.js";
import { readDocument, type ParsedDocument } from "./read-document.js";
import { describeIssues } from "./rules-issues.js";
import { RulesSchema, type Rules } from "./rules-schema.js";

export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, segment) => (typeof segment === "number" ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment), "");
}

export interface LoadOptions {
  /**
   * Returns the valid rules that `extends: REF` names, relative to the extending file; throws a RulesError
   * saying why when it cannot (without the base file's content). Without it, `extends` is an error.
   */
  resolveBase?: (ref: string, from: string | undefined) => Rules;
}

export interface RulesCheck {
  rules?: Rules;
  /** Every problem; those with `severity: "warning"` do not make the file invalid. */
  problems: Problem[];
}

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
function pathInFile(path: readonly PathSegment[], data: unknown, file: unknown, extending: boolean): { path: PathSegment[]; own: boolean } {
  const out: PathSegment[] = [];
  let d = data;
  let f = file;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const item = (d as Record<PathSegment, unknown> | undefined)?.[segment];
    if (typeof segment === "number" && Array.isArray(f) && listKind(path.slice(0, i)) && isObject(item) && typeof item.id === "string") {
      // The same place when it holds the same item (two items may share an id: that is reported at the second).
      const same = isObject(f[segment]) && (f[segment] as Record<string, unknown>).id === item.id;
      const at = same ? segment : indexOfId(f, item.id);
      if (at === -1) return { path: out, own: !extending };
      out.push(at);
      f = f[at];
    } else if ((Array.isArray(f) && typeof segment === "number" && segment < f.length) || (isObject(f) && Object.hasOwn(f, segment))) {
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
function idsInBase(base: unknown, data: unknown) {
  return (path: readonly PathSegment[]): ReadonlySet<string> | undefined => {
    let b = base;
    let d = data;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i]!;
      const item = (d as Record<PathSegment, unknown> | undefined)?.[segment];
      if (typeof segment === "number" && Array.isArray(b) && isObject(item) && typeof item.id === "string") {
        const at = indexOfId(b, item.id);
        if (at === -1) return new Set();
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
function endless(value: unknown): { path: PathSegment[]; message: string } | undefined {
  const open = new Set<unknown>();
  const path: PathSegment[] = [];
  const walk = (node: unknown): { path: PathSegment[]; message: string } | undefined => {
    if (typeof node !== "object" || node === null) return undefined;
    if (open.has(node)) return { path: [...path], message: "this alias refers to a mapping or list that contains it, so its value never ends; write the value out instead" };
    if (path.length >= MAX_NESTING) return { path: [...path], message: `nested more than ${MAX_NESTING} levels deep; no rules file needs that` };
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
function recordPaths(own: Record<string, unknown>): PathSegment[][] {
  const paths: PathSegment[][] = [["sources"]];
  const each = (key: string, field: string) => {
    const items = own[key];
    if (Array.isArray(items)) items.forEach((item, i) => isObject(item) && isObject(item[field]) && paths.push([key, i, field]));
  };
  each("dimensions", "aliases");
  each("rules", "effects");
  return paths.filter((path) => path.length > 1 || isObject(own.sources));
}

/** The ids a file switches off with `disabled: true`, in any list (and sources). */
function disabledIds(own: Record<string, unknown>): Set<string> {
  const ids = new Set<string>();
  const visit = (items: unknown) => {
    if (!Array.isArray(items)) return;
    for (const item of items) {
      if (!isObject(item) || typeof item.id !== "string") continue;
      if (item.disabled === true) ids.add(item.id);
      visit(item.values);
    }
  };
  for (const key of ["approaches", "combinations", "variants", "dimensions", "rules", "warnings", "plan"]) visit(own[key]);
  if (isObject(own.sources)) for (const [id, source] of Object.entries(own.sources)) if (isObject(source) && source.disabled === true) ids.add(id);
  return ids;
}

/** An inherited item as an author knows it: `rule "x"` rather than `rules[4].effects`. */
function itemName(path: readonly PathSegment[], data: unknown): string {
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
function inheritedProblems(groups: Map<string, { paths: string[]; hint?: string; severity?: "warning" }>, doc: ParsedDocument): Problem[] {
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
      hint: hint ?? "this is in the rules it extends; a change in this file (a disabled or replaced item) no longer fits it",
      ...(severity ? { severity } : {}),
    };
  });
}

/** In the order of the file, so a report reads top to bottom. */
const byPlace = (a: Problem, b: Problem) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);

function validate(own: Record<string, unknown>, doc: ParsedDocument, base: Rules | undefined): RulesCheck {
  const check = validateUnsorted(own, doc, base);
  check.problems.sort(byPlace);
  return check;
}

function validateUnsorted(own: Record<string, unknown>, doc: ParsedDocument, base: Rules | undefined): RulesCheck {
  const { value: data, issues: layerIssues } = base ? mergeRules(base, own) : { value: own, issues: [] };
  const problems: Problem[] = [];
  // Placed, and named by path, where this file says it; what the file inherits is placed at its `extends`.
  const inherited = new Map<string, { paths: string[]; hint?: string; severity?: "warning" }>();
  const disabled = disabledIds(own);
  const add = (path: readonly PathSegment[], checked: unknown, message: string, extra: { key?: string; hint?: string; severity?: "warning" } = {}) => {
    const found = pathInFile(path, checked, own, base !== undefined);
    const severity = extra.severity ? { severity: extra.severity } : {};
    if (!found.own) {
      // One problem for each thing wrong, however many inherited places show it (disabling an approach that
      // forty rules name is one mistake).
      const named = /^(?:unknown [a-z ]+ |)"([^"]+)"/.exec(message)?.[1];
      const key = named !== undefined && disabled.has(named) ? `\u0000${named}` : message;
      const group = inherited.get(key) ?? { paths: [], hint: extra.hint, severity: extra.severity };
      group.paths.push(itemName(path, checked));
      inherited.set(key, group);
      return;
    }
    const exact = found.path.length === path.length;
    const at = exact && extra.key !== undefined ? [...found.path, extra.key] : found.path;
    problems.push({ ...doc.locate(found.path, exact ? extra.key : undefined), path: formatPath(at), message, hint: extra.hint, ...severity });
  };
  // Mappings keyed by id drop a `__proto__` key without a word in the schema library: say so here.
  for (const path of recordPaths(own)) {
    const record = path.reduce<unknown>((node, segment) => (node as Record<PathSegment, unknown>)[segment], own);
    if (isObject(record) && Object.hasOwn(record, "__proto__")) {
      problems.push({ ...doc.locate(path, "__proto__"), path: formatPath([...path, "__proto__"]), message: '"__proto__" cannot be an id: JavaScript objects reserve it; choose another name' });
    }
  }
  for (const issue of layerIssues) problems.push({ ...doc.locate(issue.path), path: formatPath(issue.path), message: issue.message });

  const parsed = RulesSchema.safeParse(data);
  if (!parsed.success) {
    const described = describeIssues(parsed.error.issues, data, { baseIds: base ? idsInBase(base, data) : undefined });
    for (const problem of described) add(problem.path, data, problem.message, { key: problem.key, hint: problem.hint });
    // The cross-checks too, so that one run shows every problem; they read what they can of data this broken.
    const seen = new Set(problems.map((p) => p.path));
    for (const issue of checkRules(data as Rules)) {
      const path = formatPath(issue.path);
      if (!seen.has(path)) add(issue.path, data, issue.message, { severity: issue.severity });
    }
    return { problems: [...problems, ...inheritedProblems(inherited, doc)] };
  }
  // Checked before normalising, so that a problem is placed on the alias or item the file wrote.
  for (const issue of checkRules(parsed.data)) add(issue.path, parsed.data, issue.message, { severity: issue.severity });
  problems.push(...inheritedProblems(inherited, doc));
  return problems.some((p) => p.severity !== "warning") ? { problems } : { rules: normaliseRules(parsed.data), problems };
}

/** A problem as it may be shown: messages quote the file's own keys and values, which may hold control characters. */
export function shownProblem(problem: Problem): Problem {
  const out: Problem = { ...problem, message: visible(problem.message) };
  if (problem.hint !== undefined) out.hint = visible(problem.hint);
  if (problem.path !== undefined) out.path = visible(problem.path);
  if (problem.file !== undefined) out.file = visible(problem.file);
  return out;
}

/**
 * Parses and validates rules text, collecting every problem rather than stopping at the first. A file that
 * `extends` another is merged over it first; each problem is placed where this file says it.
 */
export function checkRulesText(text: string, file?: string, options: LoadOptions = {}): RulesCheck {
  const check = checkUnshown(text, file, options);
  return { ...check, problems: check.problems.map(shownProblem) };
}

function checkUnshown(text: string, file?: string, options: LoadOptions = {}): RulesCheck {
  const { doc, problems } = readDocument(text, file);
  if (!doc) return { problems };
  if (!isObject(doc.value)) {
    return { problems: [{ ...doc.locate([]), message: "expected a mapping: extends: default and what changes, or a complete file with version, approaches, dimensions, rules…" }] };
  }
  const own = doc.value;
  const loop = endless(own);
  if (loop) return { problems: [{ ...doc.locate(loop.path), path: formatPath(loop.path), message: loop.message }] };
  if (own.extends === undefined) return validate(own, doc, undefined);
  if (typeof own.extends !== "string" || own.extends === "") {
    return { problems: [{ ...doc.locate(["extends"]), path: "extends", message: 'extends takes "default" or the path of another rules file, relative to this one' }] };
  }
  if (!options.resolveBase) return { problems: [{ ...doc.locate(["extends"]), path: "extends", message: "extends cannot be resolved here" }] };
  let base: Rules;
  try {
    base = options.resolveBase(own.extends, file);
  } catch (error) {
    if (!isAdviseError(error)) throw error;
    return { problems: [{ ...doc.locate(["extends"]), path: "extends", message: error.message }] };
  }
  return validate(own, doc, base);
}

/** Like checkRulesText, but throws a RulesError listing every problem. */
export function loadRules(text: string, file?: string, options: LoadOptions = {}): Rules {
  const { rules, problems } = checkRulesText(text, file, options);
  if (!rules) {
    const errors = problems.filter((p) => p.severity !== "warning");
    throw new RulesError(`${file ?? "rules"}: ${errors.length} problem${errors.length === 1 ? "" : "s"}`, errors);
  }
  return rules;
}
