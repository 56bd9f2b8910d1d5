import { readFileSync } from "node:fs";
import type { Plugin } from "esbuild";
import { loadRules } from "../src/core/load-rules.js";

/**
 * An esbuild plugin that validates rules/default.yaml once, at build time, and builds it into the bundle as JSON
 * in place of src/io/builtin-rules.ts: the CLI then starts without reading or validating a file. A test compares
 * what the built CLI prints (`advise rules show --format json`) with the YAML.
 */
export function builtinRules(file = "rules/default.yaml"): Plugin {
  const rules = loadRules(readFileSync(file, "utf8"), file);
  return {
    name: "builtin-rules",
    setup(build) {
      build.onLoad({ filter: /src[\\/]io[\\/]builtin-rules\.ts$/ }, () => ({
        // JSON.parse of a string literal is the cheapest way for V8 to build a large object.
        contents: `export const BUILTIN_RULES = JSON.parse(${JSON.stringify(JSON.stringify(rules))});`,
        loader: "js",
      }));
    },
  };
}
