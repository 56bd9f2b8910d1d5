/** Inputs larger than this are refused before parsing: no real rules file or profile comes close. */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;
/** Alias expansions allowed in one YAML document, against "billion laughs" inputs. */
export const MAX_ALIASES = 1000;
/** The longest text field of a rules file: a paragraph of advice, not a document. */
export const MAX_TEXT_LENGTH = 10_000;
/** The longest id in a rules file. */
export const MAX_ID_LENGTH = 200;
/** How many files one `extends` chain may pass through. */
export const MAX_EXTENDS_DEPTH = 32;
/** How deeply the mappings and lists of a rules file may nest. */
export const MAX_NESTING = 200;
