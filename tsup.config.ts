import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";
import { adapters } from "./scripts/adapters.js";
import { builtinRules } from "./scripts/builtin-rules.js";
import { vendorFiles } from "./scripts/vendor-files.js";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

// CommonJS, because Node 20 starts an ES module entry several milliseconds slower. One bundle with its dependencies;
// what only some commands need (YAML, zod, the prompts) is built into files of its own under dist/vendor/.
export default defineConfig({
  entry: {
    cli: "src/cli/run.ts",
    "vendor/yaml": "src/vendor/yaml.ts",
    "vendor/zod": "src/vendor/zod.ts",
    "vendor/inquirer": "src/vendor/inquirer.ts",
  },
  format: ["cjs"],
  platform: "node",
  target: "node20",
  outDir: "dist",
  clean: true,
  minify: true,
  noExternal: [/.*/],
  define: { __ADVISE_VERSION__: JSON.stringify(version) },
  esbuildPlugins: [builtinRules(), vendorFiles(), adapters()],
});
