import { readFileSync } from "node:fs";
import type { Rules } from "../core/rules-schema.js";
import { readInput } from "./read-input.js";

/**
 * The built-in rules ship as JSON validated at build time, so the common path needs neither the YAML parser nor
 * the schema library. Running from source (tests), the YAML is validated instead.
 */
export async function builtinRules(): Promise<Rules> {
  try {
    return JSON.parse(readFileSync(new URL("./default-rules.json", import.meta.url), "utf8")) as Rules;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const { loadRules } = await import("../lazy/validate.js");
    const url = new URL("../../rules/default.yaml", import.meta.url);
    return loadRules(readFileSync(url, "utf8"), "rules/default.yaml");
  }
}

/** The rules in use: a file from --rules or ADVISE_RULES, else the built-in ones. */
export async function loadRulesSource(file: string | undefined, stdin: NodeJS.ReadableStream): Promise<Rules> {
  if (file === undefined || file === "") return builtinRules();
  const { text, name } = await readInput(file, stdin, "rules file");
  const { loadRules } = await import("../lazy/validate.js");
  return loadRules(text, name);
}
