import type * as z from "../vendor/zod.js";
import type { core } from "../vendor/zod.js";
import type { PathSegment } from "./check-rules.js";
import { isObject, listKind } from "./merge-rules.js";
import { NUMBER_FORMS } from "./parse-number.js";
import { CONTROL_CHARACTER, RulesSchema } from "./rules-schema.js";
import { keysAt } from "./schema-keys.js";
import { didYouMean } from "./check-rules.js";
import { MAX_ID_LENGTH } from "./limits.js";
import { suggest } from "./suggest.js";

/** A problem the schema found, in an author's words, at a path of the data that was checked. */
export interface SchemaProblem {
  path: PathSegment[];
  /** For an unknown key: the key itself, so the problem is placed on it. */
  key?: string;
  message: string;
  hint?: string;
}

export interface IssueContext {
  /** The schema the data was checked against (for the keys allowed where one is unknown); the rules schema if absent. */
  schema?: z.ZodType;
  /** The kind of item a list at `path` holds, for lists with ids; the rules file's lists if absent. */
  listKind?: (path: readonly PathSegment[]) => string | undefined;
  /** The ids of the list at `path` (a data path) in the rules being extended; undefined when nothing is extended. */
  baseIds?: (path: readonly PathSegment[]) => ReadonlySet<string> | undefined;
}

const TOP_LEVEL_REQUIRED = ["version", "confidence", "approaches", "dimensions"];
const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
};

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let node = data;
  for (const segment of path) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return node;
}

function describeValue(value: unknown): string {
  if (value === null) return "empty (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string")
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return String(value);
}

const and = (items: readonly string[]) =>
  items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/** How to name the thing at a path: `rules[2].because` is "because of rule "x"", a bare key when at the top. */
function subject(path: readonly PathSegment[], data: unknown, kinds = listKind): string {
  const key = path[path.length - 1];
  if (typeof key === "number" && kinds(path.slice(0, -1))) return ownerOf([...path, ""], data, kinds)!;
  const owner = ownerOf(path, data, kinds);
  const name =
    typeof key === "number"
      ? `item ${key + 1} of ${String(path[path.length - 2] ?? "the list")}`
      : String(key ?? "the file");
  return owner ? `${name} of ${owner}` : name;
}

/** The nearest item with an id that holds a path, as `rule "x"`. */
function ownerOf(path: readonly PathSegment[], data: unknown, kinds = listKind): string | undefined {
  for (let end = path.length - 1; end >= 1; end--) {
    const kind = kinds(path.slice(0, end));
    if (kind && typeof path[end] === "number") {
      const item = valueAt(data, path.slice(0, end + 1));
      const id = isObject(item) && typeof item.id === "string" ? item.id : undefined;
      // Without an id, a count would be one of the merged list, which the author cannot see: the line says where.
      return id !== undefined ? `${kind} "${id}"` : `a ${kind}`;
    }
  }
  return undefined;
}

/** The sentence for one issue whose value is present but wrong. */
function sentence(issue: core.$ZodIssue, path: PathSegment[], data: unknown, kinds = listKind): string {
  const value = valueAt(data, path);
  const what = subject(path, data, kinds);
  switch (issue.code) {
    case "invalid_type":
      return `${what} must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValue(value)}`;
    case "invalid_value":
      return `${what} must be ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, not ${describeValue(value)}`;
    case "too_small":
      if (issue.origin === "array")
        return `${what} needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? "" : "s"}`;
      if (issue.origin === "string") return `${what} must not be empty`;
      return `${what} must be at least ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `${what} is too long: at most ${issue.maximum} characters`;
      if (issue.origin === "array") return `${what} has too many items: at most ${issue.maximum}`;
      return `${what} must be at most ${issue.maximum}`;
    case "invalid_format":
      // The schema's own words (rules-schema.ts) say what is accepted.
      return `${what}: ${describeValue(value)} is not ${issue.format === "url" ? "an http or https URL" : issue.message}`;
    case "invalid_union":
      if (path[path.length - 1] === "type")
        return `${what} must be enum, number or boolean, not ${describeValue(value)}`;
      return `${what} must be ${NUMBER_FORMS}, text or true/false, not ${describeValue(value)}`;
    case "invalid_key":
      return `${what}: the key is not a valid id`;
    case "custom": {
      if (typeof value === "string") {
        const at = value.search(CONTROL_CHARACTER);
        if (at !== -1) {
          const code = value.charCodeAt(at).toString(16).toUpperCase().padStart(4, "0");
          return `${what} contains a control character (U+${code} at character ${at + 1}); text may hold line breaks and tabs, but no escape sequences or other control characters`;
        }
      }
      // Written in this project's words (rules-schema.ts); said of the item that holds it.
      const owner = ownerOf([...path, ""], data, kinds);
      return owner ? `${owner}: ${issue.message}` : issue.message;
    }
    default:
      return `${what} is not valid here`;
  }
}

/**
 * Turns the schema's findings into sentences for the author of a rules file, in one place: a missing key is
 * grouped with the others its item misses ("a new rule needs when and because"), an item a layer adds by a
 * mistyped id is named as such, and no wording of the schema library reaches the user.
 */
export function describeIssues(
  issues: readonly core.$ZodIssue[],
  data: unknown,
  context: IssueContext = {},
): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  // An item with a misspelled key often misses the key meant ("efects"): its own complaint would say it twice.
  const misspelled = new Set(
    issues.filter((issue) => issue.code === "unrecognized_keys").map((issue) => JSON.stringify(issue.path)),
  );
  const missing = new Map<string, { path: PathSegment[]; keys: string[] }>();
  for (const issue of issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const known = keysAt(context.schema ?? RulesSchema, path);
      for (const key of issue.keys) {
        const hint = key.length <= MAX_ID_LENGTH ? suggest(key, known) : undefined;
        // A scenario file given where a rules file belongs (rules init writes both side by side).
        const scenarioFile = path.length === 0 && key === "scenarios" && context.schema === undefined;
        out.push({
          path,
          key,
          message: `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}`,
          hint: scenarioFile
            ? "this is a scenario file: run it with `advise rules test FILE --rules RULES`"
            : known.length > 0
              ? `keys allowed here: ${known.join(", ")}`
              : undefined,
        });
      }
      continue;
    }
    const absent =
      path.length > 0 &&
      valueAt(data, path) === undefined &&
      (issue.code === "invalid_type" || issue.code === "invalid_union" || issue.code === "invalid_value");
    if (absent) {
      const parent = path.slice(0, -1);
      const key = JSON.stringify(parent);
      const entry = missing.get(key) ?? { path: parent, keys: [] };
      entry.keys.push(String(path[path.length - 1]));
      missing.set(key, entry);
      continue;
    }
    if (issue.code === "custom" && misspelled.has(JSON.stringify(issue.path))) continue;
    out.push({ path, message: sentence(issue, path, data, context.listKind) });
  }
  for (const { path, keys } of missing.values()) out.push(missingKeys(path, keys, data, context));
  return out;
}

function missingKeys(path: PathSegment[], keys: string[], data: unknown, context: IssueContext): SchemaProblem {
  const named = keys.map((key) =>
    key === "version" && path.length === 0 ? "version: 1" : key === "type" ? "type (enum, number or boolean)" : key,
  );
  if (path.length === 0) {
    const many = keys.filter((key) => TOP_LEVEL_REQUIRED.includes(key)).length > 1;
    return {
      path,
      message: `${and(named)} ${named.length === 1 ? "is" : "are"} missing`,
      hint: many
        ? "a complete rules file needs them; to change the built-in rules instead, start the file with extends: default and name only what changes"
        : undefined,
    };
  }
  const listPath = path.slice(0, -1);
  const kind = (context.listKind ?? listKind)(listPath);
  const item = valueAt(data, path);
  const id = isObject(item) && typeof item.id === "string" ? item.id : undefined;
  if (kind && id !== undefined) {
    const holder = ownerOf(listPath, data, context.listKind);
    const name = `${kind} "${id}"${holder ? ` of ${holder}` : ""}`;
    const base = context.baseIds?.(listPath);
    if (base && !base.has(id)) {
      return {
        path,
        message: `${name} is not in the base${didYouMean(id, [...base])}; a new ${kind} needs ${and(named)}`,
      };
    }
    return { path, message: `${name} needs ${and(named)}` };
  }
  return { path, message: `${subject(path, data, context.listKind)} needs ${and(named)}` };
}
