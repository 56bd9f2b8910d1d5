import { checkRules, type PathSegment } from "./check-rules.js";
import { isAdviseError, RulesError, type Problem } from "./errors.js";
import { mergeRules } from "./merge-rules.js";
import { readDocument, type ParsedDocument } from "./read-document.js";
import { RulesSchema, type Rules } from "./rules-schema.js";
import { keysAt } from "./schema-keys.js";
import { suggest } from "./suggest.js";

export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, segment) => (typeof segment === "number" ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment), "");
}

export interface LoadOptions {
  /**
   * Returns the rules (as plain data) that `extends: REF` names, relative to the extending file; throws a
   * RulesError when it cannot. Without it, `extends` is an error.
   */
  resolveBase?: (ref: string, from: string | undefined) => unknown;
}

export interface RulesCheck {
  rules?: Rules;
  problems: Problem[];
}

/**
 * Where a path of the merged rules sits in the file being checked: list indexes are translated through the
 * items' ids (the merged list holds the base's items first). Undefined when the item comes from the base only.
 */
function layerPath(path: readonly PathSegment[], merged: unknown, layer: unknown): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  let m = merged;
  let l = layer;
  for (const segment of path) {
    if (typeof segment === "number" && Array.isArray(m) && Array.isArray(l)) {
      const id = (m[segment] as { id?: unknown } | undefined)?.id;
      const index = id === undefined ? segment : l.findIndex((item) => (item as { id?: unknown } | null)?.id === id);
      if (index === -1 || index >= l.length) return undefined;
      out.push(index);
      m = m[segment];
      l = l[index];
    } else {
      if (typeof l !== "object" || l === null || !(String(segment) in l)) return undefined;
      out.push(segment);
      m = (m as Record<string, unknown> | undefined)?.[segment];
      l = (l as Record<string, unknown>)[segment];
    }
  }
  return out;
}

function validate(value: unknown, doc: ParsedDocument, layer?: unknown): RulesCheck {
  // In a file that extends another, a problem is placed where this file says it, or at `extends` when it
  // lies in what is inherited.
  const locate = (path: readonly PathSegment[], key?: string): Problem => {
    if (layer === undefined) return doc.locate(path, key);
    const inLayer = layerPath(path, value, layer);
    return inLayer ? doc.locate(inLayer, key) : { ...doc.locate(["extends"]), hint: "this is in the rules it extends" };
  };
  const parsed = RulesSchema.safeParse(value);
  const problems: Problem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
      if (issue.code === "unrecognized_keys") {
        const known = keysAt(RulesSchema, path);
        for (const key of issue.keys) {
          const hint = suggest(key, known);
          problems.push({
            ...locate(path, key),
            path: formatPath([...path, key]),
            message: `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}`,
            hint: known.length > 0 ? `keys allowed here: ${known.join(", ")}` : undefined,
          });
        }
      } else {
        problems.push({ ...locate(path), path: formatPath(path), message: issue.message });
      }
    }
    // Report what the cross-checks find too, so one run shows every problem; on data this broken they may
    // not get far, and what they cannot read is already reported above.
    try {
      const seen = new Set(problems.map((p) => p.path));
      for (const issue of checkRules(value as Rules)) {
        const path = formatPath(issue.path);
        if (!seen.has(path)) problems.push({ ...locate(issue.path), path, message: issue.message });
      }
    } catch {
      // The shape is too far off for the cross-checks; the schema problems stand alone.
    }
    return { problems };
  }
  for (const issue of checkRules(parsed.data)) {
    problems.push({ ...locate(issue.path), path: formatPath(issue.path), message: issue.message });
  }
  return problems.length > 0 ? { problems } : { rules: parsed.data, problems };
}

/**
 * Parses and validates rules text, collecting every problem rather than stopping at the first. A file that
 * `extends` another is merged over it first and the result is validated as a whole.
 */
export function checkRulesText(text: string, file?: string, options: LoadOptions = {}): RulesCheck {
  const { doc, problems } = readDocument(text, file);
  if (!doc) return { problems };
  if (typeof doc.value !== "object" || doc.value === null || Array.isArray(doc.value)) {
    return { problems: [{ ...doc.locate([]), message: "expected a mapping with version, approaches, dimensions, rules…" }] };
  }
  let value = doc.value as Record<string, unknown>;
  const layer = value.extends !== undefined ? value : undefined;
  if (value.extends !== undefined) {
    if (typeof value.extends !== "string" || value.extends === "") {
      return { problems: [{ ...doc.locate(["extends"]), message: 'extends takes "default" or the path of another rules file' }] };
    }
    if (!options.resolveBase) return { problems: [{ ...doc.locate(["extends"]), message: "extends cannot be resolved here" }] };
    try {
      value = mergeRules(options.resolveBase(value.extends, file), value) as Record<string, unknown>;
    } catch (error) {
      if (!isAdviseError(error)) throw error;
      return { problems: [{ ...doc.locate(["extends"]), message: error.message }, ...(error.problems ?? [])] };
    }
  }
  return validate(value, doc, layer);
}

/** Like checkRulesText, but throws a RulesError listing every problem. */
export function loadRules(text: string, file?: string, options: LoadOptions = {}): Rules {
  const { rules, problems } = checkRulesText(text, file, options);
  if (!rules) throw new RulesError(`${file ?? "rules"}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`, problems);
  return rules;
}
