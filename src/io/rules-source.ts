import { realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { MAX_EXTENDS_DEPTH } from "../core/limits.js";
import { RulesError } from "../core/errors.js";
import type { Rules } from "../core/rules-schema.js";
import { BUILTIN_RULES } from "./builtin-rules.js";
import { readInput, readTextFile } from "./read-input.js";

/** The built-in rules: built into the bundle as data, so the common path needs no parser, schema library or file. */
export function builtinRules(): Rules {
  return BUILTIN_RULES;
}

/** What reading a rules file needs: the YAML parser and the schema library, loaded only then. */
async function rulesTools() {
  const { checkRulesText, loadRules } = await import("../core/load-rules.js");
  return { checkRulesText, loadRules };
}

type Validate = Awaited<ReturnType<typeof rulesTools>>;

/** Where `extends: ref` leads from the file at `from`, or why it may not: it must stay in that file's folder tree. */
function basePath(ref: string, from: string | undefined): string {
  if (isAbsolute(ref) || /^[A-Za-z]:|^[\\/]/.test(ref)) {
    throw new RulesError(
      `extends "${ref}" is an absolute path; name a rules file relative to this one, in its folder or below`,
    );
  }
  const folder = from && from !== "<stdin>" ? dirname(from) : process.cwd();
  let root: string;
  let target: string;
  try {
    root = realpathSync(folder);
  } catch {
    root = resolve(folder);
  }
  try {
    // Symbolic links are resolved before the check, so a link cannot lead out of the folder.
    target = realpathSync(resolve(folder, ref));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RulesError(
      `cannot read the extended rules "${ref}" (${code === "ENOENT" ? "no such file" : (code ?? "unknown error")})`,
    );
  }
  const inside = relative(root, target);
  if (inside === "") throw new RulesError(`extends "${ref}" names the folder itself; name a rules file in it`);
  if (inside.split(sep)[0] === ".." || isAbsolute(inside)) {
    throw new RulesError(
      `extends "${ref}" leads outside the folder of the file that names it; a rules file may extend "default" or a file in its own folder or below`,
    );
  }
  return target;
}

/**
 * Resolves `extends`: "default" is the built-in rules; anything else a rules file in the extending file's folder
 * tree, read like --rules and itself checked (possibly extending another). A cycle, a chain deeper than
 * MAX_EXTENDS_DEPTH, or a base with problems is one message at the `extends` line; a base's problems are not
 * shown here, since that file's content was not asked for: validating it shows them.
 */
function baseResolver(validate: Validate) {
  const resolveBase = (ref: string, from: string | undefined, chain: string[]): Rules => {
    if (ref === "default") return BUILTIN_RULES;
    const path = basePath(ref, from);
    const shown = (p: string) => relative(process.cwd(), p) || p;
    if (chain.includes(path))
      throw new RulesError(`extends goes round in a circle: ${[...chain, path].map(shown).join(" → ")}`);
    if (chain.length >= MAX_EXTENDS_DEPTH)
      throw new RulesError(`extends goes more than ${MAX_EXTENDS_DEPTH} files deep; layer fewer files`);
    let text: string;
    try {
      text = readTextFile(path, "the extended rules file");
    } catch (error) {
      throw new RulesError(
        `cannot read the extended rules "${ref}": ${(error as Error).message.replace(/^the extended rules file "[^"]*" /, "it ")}`,
      );
    }
    const { rules, problems } = validate.checkRulesText(text, path, {
      resolveBase: (next, at) => resolveBase(next, at, [...chain, path]),
    });
    if (rules) return rules;
    const errors = problems.filter((p) => p.severity !== "warning");
    // A message from deeper in the chain already says what is wrong there.
    if (errors.length === 1 && /^(extends |cannot read the extended|the extended rules)/.test(errors[0]!.message))
      throw new RulesError(errors[0]!.message);
    const lines = [...new Set(errors.flatMap((p) => (p.line === undefined ? [] : [p.line])))].slice(0, 10);
    throw new RulesError(
      `the extended rules "${ref}" have ${errors.length} problem${errors.length === 1 ? "" : "s"}${lines.length ? ` (line${lines.length === 1 ? "" : "s"} ${lines.join(", ")})` : ""}; see them with advise rules validate ${shown(path)}`,
    );
  };
  return (ref: string, from: string | undefined) =>
    resolveBase(ref, from, from && from !== "<stdin>" ? [resolveOr(from)] : []);
}

function resolveOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
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
