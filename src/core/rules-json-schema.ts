import * as z from "../vendor/zod.js";
import { RulesSchema } from "./rules-schema.js";

type Json = Record<string, unknown>;

/** A layer names only what it changes: nothing is required, lists may be short, and a partial item may fit several shapes. */
function asLayer(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asLayer);
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== "required" && key !== "minItems")
      .map(([key, value]) => [key === "oneOf" ? "anyOf" : key, asLayer(value)]),
  );
}

/**
 * The JSON Schema (draft-07, which YAML editors support) of rules files, generated from the zod schema so the
 * two cannot drift. `layer` gives the schema of a file that `extends` another: the same keys and types, with
 * nothing required, since such a file names only what it changes.
 */
export function rulesJsonSchema(kind: "complete" | "layer" = "complete"): Json {
  const schema = z.toJSONSchema(RulesSchema, { target: "draft-07", io: "input", unrepresentable: "any" }) as Json;
  const titled: Json = {
    ...schema,
    title: kind === "complete" ? "advise rules file" : "advise rules file that extends another",
    description:
      kind === "complete"
        ? "Approaches, questions, scoring rules, warnings and sources for `advise`. Check a file with `advise rules validate`."
        : "A rules file with `extends:`: items merge by id over the rules it extends. Check it with `advise rules validate`.",
  };
  return kind === "complete" ? titled : (asLayer(titled) as Json);
}
