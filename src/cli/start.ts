import { readFileSync, writeFileSync } from "node:fs";
import type Module from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import { cacheVariant, type CacheVariant } from "./cache-variant.js";

/**
 * Loads the bundles with V8's code cache (`<bundle>.cache`, written at build time), which spares most of the
 * compile work. Each bundle file holds its code already wrapped in the CommonJS function (see tsup.config.ts).
 * The CLI bundle loads its siblings (prompts, YAML, validation) through here as well, so they start from their
 * caches too. A cache from another Node version or build is rejected by V8 itself, and the bundle is then
 * compiled as usual. The CLI bundle's cache is chosen for the command line (see cache-variant.ts).
 * With ADVISE_WRITE_CODE_CACHE=1 it runs a few commands to warm the code and writes the caches instead; with
 * ADVISE_CODE_CACHE_VARIANT as well, it runs that variant's command line and writes only its cache.
 */
const writing = process.env.ADVISE_WRITE_CODE_CACHE === "1";
const variant = writing ? (process.env.ADVISE_CODE_CACHE_VARIANT as CacheVariant | undefined) : cacheVariant(process.argv.slice(2));
const cliBundle = join(__dirname, "cli.cjs");
const cacheOf = (bundle: string) => (bundle === cliBundle && variant ? `${bundle}.${variant}.cache` : `${bundle}.cache`);
const loaded = new Map<string, { script: Script; module: Module }>();
// This file's own module tells the Module class: requiring node:module would cost more than the rest of this file.
const ModuleClass = module.constructor as typeof Module & { _nodeModulePaths(dir: string): string[] };

function load(bundle: string): Module {
  const known = loaded.get(bundle);
  if (known) return known.module;
  const source = readFileSync(bundle, "utf8");
  let cachedData: Buffer | undefined;
  try {
    if (!writing) cachedData = readFileSync(cacheOf(bundle));
  } catch {
    cachedData = undefined;
  }
  const script = new Script(source, { filename: bundle, cachedData });
  const mod = new ModuleClass(bundle, module);
  mod.filename = bundle;
  mod.paths = ModuleClass._nodeModulePaths(dirname(bundle));
  loaded.set(bundle, { script, module: mod });
  // A sibling bundle (`./prompt.cjs`) is loaded the same way; anything else (Node's built-ins) by Node.
  const requireFrom = (id: string) => (id.startsWith("./") && id.endsWith(".cjs") ? load(join(dirname(bundle), id)).exports : mod.require(id));
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(mod.exports, mod.exports, requireFrom as NodeJS.Require, mod, bundle, dirname(bundle));
  return mod;
}

const cli = load(cliBundle).exports as {
  run(): Promise<void>;
  warmUp(rulesFile: string): Promise<void>;
  variantCommandLine(variant: CacheVariant, profileFile: string): string[];
};
if (writing && variant) {
  // The variant's command line, run as a person or script runs it (the build discards its output), so that the
  // cache also holds what starts and ends the process: about 0.2 ms that a warm-up through main() left out.
  process.argv.splice(2, Infinity, ...cli.variantCommandLine(variant, join(__dirname, "..", "examples", "profile.yaml")));
  process.on("exit", () => writeFileSync(cacheOf(cliBundle), loaded.get(cliBundle)!.script.createCachedData()));
  void cli.run();
} else if (writing) {
  void cli.warmUp(join(__dirname, "..", "rules", "default.yaml")).then(() => {
    for (const [bundle, { script }] of loaded) writeFileSync(cacheOf(bundle), script.createCachedData());
  });
} else {
  void cli.run();
}
