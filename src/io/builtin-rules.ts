import type { Rules } from "../core/rules-schema.js";

/**
 * The built-in rules as data: in the bundle, this module is replaced by the rules validated at build time
 * (scripts/builtin-rules.ts). Running from source it is empty, and rules-source.ts validates rules/default.yaml.
 */
export const BUNDLED_RULES: Rules | undefined = undefined;
