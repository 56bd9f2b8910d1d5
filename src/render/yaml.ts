import { stringify } from "../vendor/yaml.js";

/** YAML text for --format yaml and saved profiles, lines never folded. */
export function renderYaml(data: unknown): string {
  return stringify(data, { lineWidth: 0 });
}
