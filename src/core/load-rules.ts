import { checkRules, type PathSegment } from "./check-rules.js";
import { RulesError, type Problem } from "./errors.js";
import { readDocument } from "./read-document.js";
import { RulesSchema, type Rules } from "./rules-schema.js";

export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, segment) => (typeof segment === "number" ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment), "");
}

/** Parses and validates rules text, collecting every problem; throws a RulesError listing all of them. */
export function loadRules(text: string, file?: string): Rules {
  const { doc, problems } = readDocument(text, file);
  if (!doc) throw new RulesError(`${file ?? "rules"}: not a readable rules file`, problems);
  if (typeof doc.value !== "object" || doc.value === null || Array.isArray(doc.value)) {
    throw new RulesError(`${file ?? "rules"}: not a rules file`, [{ ...doc.locate([]), message: "expected a mapping with version, approaches, dimensions, rules…" }]);
  }
  const parsed = RulesSchema.safeParse(doc.value);
  const found: Problem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          found.push({ ...doc.locate(path, key), path: formatPath([...path, key]), message: `unknown key "${key}"` });
        }
      } else {
        found.push({ ...doc.locate(path), path: formatPath(path), message: issue.message });
      }
    }
  } else {
    for (const issue of checkRules(parsed.data)) {
      found.push({ ...doc.locate(issue.path), path: formatPath(issue.path), message: issue.message });
    }
  }
  if (found.length > 0) {
    throw new RulesError(`${file ?? "rules"}: ${found.length} problem${found.length === 1 ? "" : "s"}`, found);
  }
  return parsed.data!;
}
