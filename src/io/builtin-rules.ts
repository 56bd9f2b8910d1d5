import type { Rules } from "../core/rules-schema.js";
import type { SearchIndexData } from "../core/what-if.js";

/**
 * The built-in rules as data: in the bundle, this module is replaced by the rules validated at build time
 * (tsup.config.ts), each section made on first use, and the index the what-if search works out from them.
 * Running from source there is nothing here, and rules-source.ts validates rules/default.yaml instead.
 */
export const BUNDLED_RULES: Rules | undefined = undefined;
export const BUNDLED_SEARCH_INDEX: SearchIndexData | undefined = undefined;
