import { checkRules, type PathSegment } from "./check-rules.js";
import { shown } from "./shown.js";
import { isAdviseError, RulesError, type Problem } from "./errors.js";
import { isObject, mergeRules } from "./merge-rules.js";
import { normaliseRules, withoutDisabled } from "./normalise-rules.js";
import { readDocument, type ParsedDocument } from "./read-document.js";
import { describeIssues } from "./rules-issues.js";
import {
  disabledIds,
  endless,
  idsInBase,
  inheritedProblems,
  itemName,
  pathInFile,
  recordPaths,
} from "./rules-places.js";
import { RulesSchema, type Rules } from "./rules-schema.js";

export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (out, segment) => (typeof segment === "number" ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment),
    "",
  );
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
  const add = (
    path: readonly PathSegment[],
    checked: unknown,
    message: string,
    extra: { key?: string; hint?: string; severity?: "warning" } = {},
  ) => {
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
    problems.push({
      ...doc.locate(found.path, exact ? extra.key : undefined),
      path: formatPath(at),
      message,
      hint: extra.hint,
      ...severity,
    });
  };
  // Mappings keyed by id drop a `__proto__` key without a word in the schema library: say so here.
  for (const path of recordPaths(own)) {
    const record = path.reduce<unknown>((node, segment) => (node as Record<PathSegment, unknown>)[segment], own);
    if (isObject(record) && Object.hasOwn(record, "__proto__")) {
      problems.push({
        ...doc.locate(path, "__proto__"),
        path: formatPath([...path, "__proto__"]),
        message: '"__proto__" cannot be an id: JavaScript objects reserve it; choose another name',
      });
    }
  }
  for (const issue of layerIssues)
    problems.push({ ...doc.locate(issue.path), path: formatPath(issue.path), message: issue.message });

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
  // Checked before aliases are resolved, so that a problem is placed on the alias the file wrote.
  const settled = withoutDisabled(parsed.data);
  for (const issue of checkRules(settled)) add(issue.path, settled, issue.message, { severity: issue.severity });
  problems.push(...inheritedProblems(inherited, doc));
  return problems.some((p) => p.severity !== "warning") ? { problems } : { rules: normaliseRules(settled), problems };
}

/** A problem as it may be shown: messages quote the file's own keys and values, which may hold control characters. */
export function shownProblem(problem: Problem): Problem {
  // A name quoted from the file may be any length; a message shows enough of it to find it. (Names have no
  // spaces; a run between two quotes that has some is the message's own words.)
  const message = problem.message.replace(
    /"([^"\s]{120,})"/g,
    (_match, name: string) => `"${name.slice(0, 60)}…${name.slice(-20)}" (${name.length} characters)`,
  );
  const out: Problem = { ...problem, message: shown(message) };
  if (problem.hint !== undefined) out.hint = shown(problem.hint);
  if (problem.path !== undefined) out.path = shown(problem.path);
  if (problem.file !== undefined) out.file = shown(problem.file);
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
    return {
      problems: [
        {
          ...doc.locate([]),
          message:
            "expected a mapping: extends: default and what changes, or a complete file with version, approaches, dimensions, rules…",
        },
      ],
    };
  }
  const own = doc.value;
  const loop = endless(own);
  if (loop) return { problems: [{ ...doc.locate(loop.path), path: formatPath(loop.path), message: loop.message }] };
  if (own.extends === undefined) return validate(own, doc, undefined);
  if (typeof own.extends !== "string" || own.extends === "") {
    return {
      problems: [
        {
          ...doc.locate(["extends"]),
          path: "extends",
          message: 'extends takes "default" or the path of another rules file, relative to this one',
        },
      ],
    };
  }
  if (!options.resolveBase)
    return { problems: [{ ...doc.locate(["extends"]), path: "extends", message: "extends cannot be resolved here" }] };
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
