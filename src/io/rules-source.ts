import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { RulesError } from "../core/errors.js";
import type { Rules } from "../core/rules-schema.js";
import { BUILTIN_RULES } from "./builtin-rules.js";
import { decodeText, readInput } from "./read-input.js";

/** The built-in rules: built into the bundle as data, so the common path needs no parser, schema library or file. */
export function builtinRules(): Rules {
  return BUILTIN_RULES;
}

/** What reading a rules file needs: the YAML parser and the schema library, loaded only then. */
async function rulesTools() {
  const [{ checkRulesText, loadRules }, { mergeRules }, { readDocument }] = await Promise.all([
    import("../core/load-rules.js"),
    import("../core/merge-rules.js"),
    import("../core/read-document.js"),
  ]);
  return { checkRulesText, loadRules, mergeRules, readDocument };
}

type Validate = Awaited<ReturnType<typeof rulesTools>>;

/**
 * Resolves `extends`: "default" is the built-in rules; anything else a rules file relative to the one that
 * names it, itself possibly extending another. A cycle is an error.
 */
function baseResolver(validate: Validate) {
  const resolveBase = (ref: string, from: string | undefined, seen: string[] = []): unknown => {
    if (ref === "default") return BUILTIN_RULES;
    const path = resolve(from && from !== "<stdin>" ? dirname(from) : process.cwd(), ref);
    if (seen.includes(path)) throw new RulesError(`extends goes round in a circle: ${[...seen, path].map((p) => relative(process.cwd(), p)).join(" → ")}`);
    let text: string;
    try {
      text = decodeText(readFileSync(path), path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new RulesError(code ? `cannot read the extended rules "${ref}" (${code === "ENOENT" ? "no such file" : code})` : (error as Error).message);
    }
    const { doc, problems } = validate.readDocument(text, path);
    if (!doc) throw new RulesError(`the extended rules "${ref}" are not readable`, problems);
    const value = doc.value as Record<string, unknown>;
    return typeof value?.extends === "string" ? validate.mergeRules(resolveBase(value.extends, path, [...seen, path]), value) : value;
  };
  return (ref: string, from: string | undefined) => resolveBase(ref, from, from ? [resolve(from)] : []);
}

/** Checks a rules file without throwing: its rules when valid, else every problem. */
export async function checkRulesFile(file: string, stdin: () => NodeJS.ReadableStream) {
  const { text, name } = await readInput(file, stdin, "rules file");
  const validate = await rulesTools();
  return validate.checkRulesText(text, name, { resolveBase: baseResolver(validate) });
}

/** The rules in use: a file from --rules or ADVISE_RULES, else the built-in ones. */
export async function loadRulesSource(file: string | undefined, stdin: () => NodeJS.ReadableStream): Promise<Rules> {
  if (file === undefined || file === "") return builtinRules();
  const { text, name } = await readInput(file, stdin, "rules file");
  const validate = await rulesTools();
  return validate.loadRules(text, name, { resolveBase: baseResolver(validate) });
}
