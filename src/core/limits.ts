/** Inputs larger than this are refused before parsing: no real rules file or profile comes close. */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;
/** Alias expansions allowed in one YAML document, against "billion laughs" inputs. */
export const MAX_ALIASES = 1000;
