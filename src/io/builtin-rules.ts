import { readFileSync } from "node:fs";
import { loadRules } from "../core/load-rules.js";
import type { Rules } from "../core/rules-schema.js";

/**
 * The built-in rules, validated. Running from source (the tests) they are read from rules/default.yaml here; the
 * bundle replaces this module with the rules validated at build time (scripts/builtin-rules.ts).
 */
export const BUILTIN_RULES: Rules = loadRules(
  readFileSync(new URL("../../rules/default.yaml", import.meta.url), "utf8"),
  "rules/default.yaml",
);
