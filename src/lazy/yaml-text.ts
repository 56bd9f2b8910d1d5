import { stringify } from "yaml";

/** YAML text for --format yaml and saved profiles; loaded only on those paths. */
export function toYaml(data: unknown): string {
  return stringify(data, { lineWidth: 0 });
}
