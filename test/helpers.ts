import { readFileSync } from "node:fs";
import { loadRules } from "../src/core/load-rules.js";
import type { Rules } from "../src/core/rules-schema.js";

export const DEFAULT_RULES_TEXT = readFileSync(new URL("../rules/default.yaml", import.meta.url), "utf8");
let cached: Rules | undefined;
/** The built-in rules, validated from the YAML source. */
export function defaultRules(): Rules {
  cached ??= loadRules(DEFAULT_RULES_TEXT, "rules/default.yaml");
  return cached;
}
