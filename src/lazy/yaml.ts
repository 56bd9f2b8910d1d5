import { stringify } from "yaml";

// Loaded only to read or write YAML (profiles, YAML batches, --format yaml, saved profiles): the YAML parser
// stays off the common path, and apart from the schema library, which only validation needs.
export { readDocument } from "../core/read-document.js";

/** YAML text for --format yaml and saved profiles. */
export function toYaml(data: unknown): string {
  return stringify(data, { lineWidth: 0 });
}
