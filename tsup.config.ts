import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";
import { builtinRules } from "./scripts/builtin-rules.js";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

// One bundle with its dependencies; what only some commands need (prompts, YAML, zod) is split into chunks
// that load on first use through dynamic import().
export default defineConfig({
  entry: { cli: "src/cli/run.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  outDir: "dist",
  clean: true,
  splitting: true,
  minify: true,
  noExternal: [/.*/],
  // commander and cli-table3 are CommonJS and require Node's built-ins, which an ES module bundle must provide.
  banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
  define: { __ADVISE_VERSION__: JSON.stringify(version) },
  esbuildPlugins: [builtinRules()],
});
