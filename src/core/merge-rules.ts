type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> => typeof value === "object" && value !== null && !Array.isArray(value);
const hasIds = (value: Json): value is Record<string, Json>[] => Array.isArray(value) && value.length > 0 && value.every((item) => isObject(item) && typeof item.id === "string");

/**
 * Layers a rules file over the one it extends. Mappings merge key by key; lists of items with an `id`
 * (approaches, dimensions and their values, rules, warnings…) merge by id: an item with a known id overrides
 * the fields it names, a new id is appended; any other value replaces the base's. `__proto__` and
 * `constructor` keys are ignored so that a hostile file cannot reach object prototypes.
 */
export function mergeRules(base: Json, layer: Json): Json {
  if (isObject(base) && isObject(layer)) {
    const out: Record<string, Json> = { ...base };
    for (const [key, value] of Object.entries(layer)) {
      if (key === "__proto__" || key === "constructor" || key === "extends") continue;
      out[key] = key in base ? mergeRules(base[key], value) : value;
    }
    return out;
  }
  if (hasIds(base) && hasIds(layer)) {
    const out = base.map((item) => ({ ...item }));
    for (const item of layer) {
      const index = out.findIndex((existing) => existing.id === item.id);
      if (index === -1) out.push(item);
      else out[index] = mergeRules(out[index], item) as Record<string, Json>;
    }
    return out;
  }
  return layer;
}
