import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { defineConfig } from "tsup";
import { loadRules } from "./src/core/load-rules.js";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

export default defineConfig({
  entry: { cli: "src/cli/run.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  outDir: "dist",
  clean: true,
  splitting: true,
  sourcemap: false,
  define: { __ADVISE_VERSION__: JSON.stringify(pkg.version) },
  // The built-in rules are validated here, once, and shipped as JSON: the CLI then needs neither the YAML
  // parser nor the schema library to start. A test checks the JSON against the YAML.
  async onSuccess() {
    const rules = loadRules(readFileSync("rules/default.yaml", "utf8"), "rules/default.yaml");
    mkdirSync("dist", { recursive: true });
    writeFileSync("dist/default-rules.json", JSON.stringify(rules));
  },
});
