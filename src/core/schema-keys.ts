import type * as z from "../vendor/zod.js";

type AnySchema = z.ZodType;
type Def = {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  innerType?: AnySchema;
  getter?: () => AnySchema;
  options?: AnySchema[];
  in?: AnySchema;
  left?: AnySchema;
  right?: AnySchema;
};

const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Looks through wrappers (optional, default, lazy, pipes) to the schema that carries the shape. */
function unwrap(schema: AnySchema): AnySchema[] {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable":
    case "prefault":
    case "readonly":
    case "nonoptional":
      return unwrap(def.innerType!);
    case "lazy":
      return unwrap(def.getter!());
    case "pipe":
      return unwrap(def.in!);
    case "union":
      return def.options!.flatMap(unwrap);
    case "intersection":
      return [...unwrap(def.left!), ...unwrap(def.right!)];
    default:
      return [schema];
  }
}

/**
 * The keys a mapping may have at `path` inside data valid for `schema`, for did-you-mean on unknown keys.
 * Best effort: an empty list when the path leads somewhere without a fixed shape.
 */
export function keysAt(schema: AnySchema, path: readonly (string | number)[]): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    current = current.flatMap((node) => {
      const def = defOf(node);
      if (def.type === "object" && typeof segment === "string" && def.shape![segment])
        return unwrap(def.shape![segment]!);
      if (def.type === "array" && typeof segment === "number") return unwrap(def.element!);
      if (def.type === "record") return unwrap((def as unknown as { valueType: AnySchema }).valueType);
      return [];
    });
  }
  return [
    ...new Set(current.flatMap((node) => (defOf(node).type === "object" ? Object.keys(defOf(node).shape!) : []))),
  ];
}
