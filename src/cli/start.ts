import { readFileSync, writeFileSync } from "node:fs";
import type Module from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

/**
 * Loads the CLI bundle with V8's code cache (dist/cli.cjs.cache, written at build time), which spares most of
 * the compile work at start-up. A cache from another Node version or build is rejected by V8 itself, and the
 * bundle is then compiled as usual. With ADVISE_WRITE_CODE_CACHE=1 it runs a few commands to warm the code
 * and writes the cache instead.
 */
function load(bundle: string): { script: Script; exports: { run(): Promise<void>; warmUp(): Promise<void> } } {
  const source = readFileSync(bundle, "utf8");
  let cachedData: Buffer | undefined;
  try {
    if (process.env.ADVISE_WRITE_CODE_CACHE !== "1") cachedData = readFileSync(`${bundle}.cache`);
  } catch {
    cachedData = undefined;
  }
  // The file holds the bundle already wrapped in the CommonJS function (see tsup.config.ts).
  const script = new Script(source, { filename: bundle, cachedData });
  // This file's own module tells the Module class: requiring node:module would cost more than the rest of this file.
  const ModuleClass = module.constructor as typeof Module & { _nodeModulePaths(dir: string): string[] };
  const mod = new ModuleClass(bundle, module);
  mod.filename = bundle;
  mod.paths = ModuleClass._nodeModulePaths(dirname(bundle));
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(mod.exports, mod.exports, ((id: string) => mod.require(id)) as NodeJS.Require, mod, bundle, dirname(bundle));
  return { script, exports: mod.exports as { run(): Promise<void>; warmUp(): Promise<void> } };
}

const bundle = join(__dirname, "cli.cjs");
const { script, exports } = load(bundle);
if (process.env.ADVISE_WRITE_CODE_CACHE === "1") {
  void exports.warmUp().then(() => writeFileSync(`${bundle}.cache`, script.createCachedData()));
} else {
  void exports.run();
}
