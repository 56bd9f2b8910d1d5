/** Every output format; adding one fails to compile until each command that prints data handles it. */
export const FORMATS = {
  table: "for people (the default)",
  json: "one JSON document, for scripts",
  yaml: "one YAML document, for scripts",
  markdown: "Markdown, for design documents",
} as const satisfies Record<string, string>;

export type Format = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as Format[];
