import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Options } from "tsup";
import { loadRules } from "./src/core/load-rules.js";
import { searchIndexData } from "./src/core/what-if.js";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

// The built-in rules are validated here, once, and built into the bundle as data (see builtinRulesData): the CLI
// then needs neither the YAML parser nor the schema library to start, nor a file to read. A test compares what
// the built CLI prints (`advise rules show --format json`) with the YAML.
const builtinRules = loadRules(readFileSync("rules/default.yaml", "utf8"), "rules/default.yaml");

/**
 * Separate bundles keep start-up lean (measured with `npm run bench`):
 * - `cli` holds what every command needs, dependencies included, so Node loads one file instead of dozens
 *   from node_modules;
 * - each module under src/lazy/ is a bundle of its own, loaded by a dynamic import only on the path that
 *   needs it (prompts; colour; YAML and zod; YAML output).
 * A module imported dynamically from within `cli` (src/cli/run-program.ts, with commander) stays in it, and esbuild
 * runs its code, and that of its imports, only when the import happens: the command lines src/cli/quick-parse.ts
 * reads never load commander, and their code caches do not hold it.
 * CommonJS output, because Node 20 loads CommonJS faster than ES modules (bin/advise.js is CommonJS too).
 */
const lazyBundles: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "lazy-bundles",
  setup(build) {
    build.onResolve({ filter: /\/lazy\/[^/]+\.js$/ }, (args) =>
      args.kind === "dynamic-import" ? { path: `./${basename(args.path, ".js")}.cjs`, external: true } : undefined,
    );
    build.onResolve({ filter: /^#supports-color$/ }, () => ({ path: fileURLToPath(new URL("./src/vendor-shims/supports-color.js", import.meta.url)) }));
    build.onResolve({ filter: /^@inquirer\/external-editor$/ }, () => ({ path: fileURLToPath(new URL("./src/vendor-shims/external-editor.js", import.meta.url)) }));
  },
};

/**
 * Commander loads node:child_process at start-up for executable subcommands, which advise does not have; in
 * the bundle its require becomes a stand-in that loads the module on first use. (tsup marks built-ins external
 * before any plugin or alias sees them, so this is done on the output.)
 */
function deferChildProcess(file: string): void {
  const code = readFileSync(file, "utf8");
  const eager = 'require("child_process")';
  if (code.split(eager).length !== 2) throw new Error(`expected one ${eager} in ${file}`);
  writeFileSync(file, code.replace(eager, 'new Proxy({},{get:(_,k)=>require("child_process")[k]})'));
}

/**
 * src/io/builtin-rules.ts becomes the validated rules as an object whose sections are each made on first use
 * (building all of them at start-up cost about 0.4 ms, and `advise table` reads only the approaches), and the
 * what-if search's index of them (working it out cost about 0.3 ms of every recommendation).
 */
const builtinRulesData: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "builtin-rules-data",
  setup(build) {
    build.onLoad({ filter: /src[\\/]io[\\/]builtin-rules\.ts$/ }, () => {
      const sections = Object.entries(builtinRules).map(([key, value]) =>
        value !== null && typeof value === "object" ? `section(${JSON.stringify(key)}, () => (${JSON.stringify(value)}));` : `rules[${JSON.stringify(key)}] = ${JSON.stringify(value)};`,
      );
      const contents = [
        "const rules = {};",
        "const section = (key, make) => Object.defineProperty(rules, key, { enumerable: true, configurable: true, get() {",
        "  const value = make();",
        "  Object.defineProperty(rules, key, { value, enumerable: true, writable: true, configurable: true });",
        "  return value;",
        "} });",
        ...sections,
        "export const BUNDLED_RULES = rules;",
        `export const BUNDLED_SEARCH_INDEX = ${JSON.stringify(searchIndexData(builtinRules))};`,
      ].join("\n");
      return { contents, loader: "js" };
    });
  },
};

/**
 * cli-table3 does work on every draw that advise's tables never need; the bundle skips it, each change giving the
 * same result for every input (the tests compare whole tables, golden files included). A change whose text is no
 * longer found fails the build, so an update of cli-table3 is looked at again.
 */
const TABLE_FAST_PATHS: Record<string, { from: string; to: string }[]> = {
  "cell.js": [
    // Every cell is truncated to 10 characters on every draw, only to build a debug message that is then
    // discarded; the truncation measures the string once per character removed (several milliseconds a table).
    // The message is unchanged when debugging is off, which it always is here.
    { from: "let content = utils.truncate(this.content, 10, this.truncate);", to: 'let content = "";' },
    // Cells without border characters of their own (all of advise's) share the table's, merged once a table.
    {
      from: "let optionsChars = this.options.chars || {};\n    let tableChars = tableOptions.chars;\n    let chars = (this.chars = {});\n    CHAR_NAMES.forEach(function (name) {\n      setOption(optionsChars, tableChars, name, chars);\n    });\n",
      to: "let optionsChars = this.options.chars || {};\n    let tableChars = tableOptions.chars;\n    let chars = this.options.chars ? undefined : mergedTableChars.get(tableChars);\n    if (chars === undefined) {\n      chars = {};\n      CHAR_NAMES.forEach(function (name) {\n        setOption(optionsChars, tableChars, name, chars);\n      });\n      if (!this.options.chars) mergedTableChars.set(tableChars, chars);\n    }\n    this.chars = chars;\n",
    },
    // Options are merged through a string split and an array filter per option per cell: the first defined value
    // is now found by a loop, and each option name converted once (camelName, below).
    {
      from: "function firstDefined(...args) {\n  return args.filter((v) => v !== undefined && v !== null).shift();\n}",
      to: "function firstDefined(...args) {\n  for (const v of args) if (v !== undefined && v !== null) return v;\n  return undefined;\n}",
    },
    {
      from: "let nameA = nameB.split('-');\n  if (nameA.length > 1) {\n    nameA[1] = nameA[1].charAt(0).toUpperCase() + nameA[1].substr(1);\n    nameA = nameA.join('');\n",
      to: "let nameA = camelNames.get(nameB);\n  if (nameA === undefined) camelNames.set(nameB, (nameA = camelName(nameB)));\n  if (nameA !== nameB) {\n",
    },
    {
      from: "// HELPER FUNCTIONS\n",
      to: "// HELPER FUNCTIONS\nconst mergedTableChars = new WeakMap();\nconst camelNames = new Map();\nfunction camelName(name) {\n  const parts = name.split('-');\n  if (parts.length > 1) parts[1] = parts[1].charAt(0).toUpperCase() + parts[1].substr(1);\n  return parts.join('');\n}\n",
    },
  ],
  "utils.js": [
    // The width of a line without escape codes or line breaks, measured once instead of stripped, split and
    // measured twice.
    {
      from: "function strlen(str) {\n  let code = codeRegex();",
      to: "function strlen(str) {\n  str = '' + str;\n  if (!str.includes('\\u001b') && !str.includes('\\n')) return stringWidth(str);\n  let code = codeRegex();",
    },
    // Padding and borders are repeated characters: String.prototype.repeat instead of joining an empty array.
    { from: "function repeat(str, times) {\n  return Array(times + 1).join(str);\n}", to: "function repeat(str, times) {\n  return str.repeat(times);\n}" },
    // Lines without escape codes have no colour state to carry from one line to the next.
    {
      from: "function colorizeLines(input) {\n  let state = {};",
      to: "function colorizeLines(input) {\n  if (!input.some((line) => line.includes('\\u001b'))) return input.slice();\n  let state = {};",
    },
  ],
};

const tableFastPaths: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "table-fast-paths",
  setup(build) {
    build.onLoad({ filter: /cli-table3[\\/]src[\\/](cell|utils)\.js$/ }, (args) => {
      let source = readFileSync(args.path, "utf8");
      for (const { from, to } of TABLE_FAST_PATHS[basename(args.path)] ?? []) {
        if (source.split(from).length !== 2) throw new Error(`cli-table3 changed: "${from.split("\n")[0]}" not found once in ${args.path}`);
        source = source.replace(from, () => to);
      }
      return { contents: source, loader: "js" };
    });
  },
};

/**
 * cli-table3 (and the colour library it requires) loads when the first table is drawn, not at start-up: a
 * recommendation as JSON, YAML or Markdown draws none (about 0.1 ms). In the bundle, src/render/grid.ts's import
 * becomes a constructor that requires the real module on first use (esbuild bundles a require() in a function as
 * a module run when called).
 */
const tableOnFirstDraw: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "table-on-first-draw",
  setup(build) {
    build.onResolve({ filter: /^cli-table3$/ }, (args) =>
      args.kind === "import-statement" && /src[\\/]render[\\/]grid\.ts$/.test(args.importer) ? { path: "cli-table3", namespace: "table-on-first-draw" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "table-on-first-draw" }, () => ({
      contents: 'let Table;\nexport default function TableOnFirstDraw(options) {\n  Table ??= require("cli-table3");\n  return new Table(options);\n}\n',
      loader: "js",
      resolveDir: dirname(fileURLToPath(import.meta.url)),
    }));
  },
};

/**
 * The bundles that src/cli/start.ts loads are stored already wrapped as a CommonJS function (what Node's loader
 * would wrap them in), so it compiles each file's text as it is: no second copy of the CLI bundle's text (well
 * over 100 KB) at start-up, which was enough to cost a garbage collection pass.
 */
function wrapAsFunction(file: string): void {
  writeFileSync(file, `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`);
}

/**
 * zod's namespace object carries every message locale (66 of them, about a third of the validation bundle), though
 * advise reports in English only. The bundle keeps just English, which zod itself selects at load.
 */
const englishOnlyZodLocales: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "english-only-zod-locales",
  setup(build) {
    build.onLoad({ filter: /zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => {
      const english = 'export { default as en } from "./en.js";';
      if (!readFileSync(args.path, "utf8").includes(english)) throw new Error(`zod changed: "${english}" not found in ${args.path}`);
      return { contents: english, loader: "js", resolveDir: dirname(args.path) };
    });
  },
};

export default defineConfig({
  entry: {
    cli: "src/cli/run.ts",
    start: "src/cli/start.ts",
    prompt: "src/lazy/prompt.ts",
    color: "src/lazy/color.ts",
    validate: "src/lazy/validate.ts",
    yaml: "src/lazy/yaml.ts",
  },
  format: ["cjs"],
  outExtension: () => ({ js: ".cjs" }),
  platform: "node",
  target: "node20",
  outDir: "dist",
  clean: true,
  splitting: false,
  minify: !process.env.ADVISE_PROFILE,
  sourcemap: false,
  noExternal: [/.*/],
  define: {
    __ADVISE_VERSION__: JSON.stringify(pkg.version),
    __ADVISE_BUNDLED__: "true",
    // Only code that runs from source (reading rules/default.yaml) uses import.meta.url, and that code is removed
    // from the bundle; CommonJS has none, and tsup's stand-in for it would run at every start.
    "import.meta.url": "undefined",
  },
  esbuildPlugins: [lazyBundles, builtinRulesData, tableFastPaths, tableOnFirstDraw, englishOnlyZodLocales],
  esbuildOptions(options) {
    // string-width 4 inside cli-table3 compiles a very large emoji expression per cell; see the shim.
    options.alias = { "string-width": "./src/vendor-shims/string-width.cjs" };
    // A dynamic import of a sibling bundle becomes require(): no ES module loader on the way.
    options.supported = { ...options.supported, "dynamic-import": false };
  },
  async onSuccess() {
    deferChildProcess("dist/cli.cjs");
    for (const bundle of ["cli", "prompt", "color", "validate", "yaml"]) wrapAsFunction(`dist/${bundle}.cjs`);
    // V8's code caches of the bundles, made by running the common commands once (see src/cli/start.ts), and the
    // CLI bundle's caches for its hottest command lines, each made in a process of its own (cache-variant.ts).
    for (const variant of ["", "table", "recommend", "recommend-json"]) {
      // A variant's run prints what its command prints: discarded (standard input and output are /dev/null).
      execFileSync(process.execPath, ["dist/start.cjs"], {
        env: { ...process.env, ADVISE_WRITE_CODE_CACHE: "1", ADVISE_CODE_CACHE_VARIANT: variant || undefined },
        stdio: variant ? ["ignore", "ignore", "inherit"] : "inherit",
      });
    }
  },
});
