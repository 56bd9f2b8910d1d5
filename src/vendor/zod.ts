// Loaded on first use from dist/vendor/zod.cjs; see src/vendor/yaml.ts. Only what the sources use, so the build
// leaves the rest of zod (its locales, the string formats) out.
export {
  array,
  boolean,
  config,
  discriminatedUnion,
  enum,
  lazy,
  literal,
  NEVER,
  number,
  record,
  strictObject,
  string,
  toJSONSchema,
  union,
  unknown,
  url,
  type core,
  type output,
  type ZodType,
} from "zod";
