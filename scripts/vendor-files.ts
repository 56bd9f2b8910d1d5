import type { Plugin } from "esbuild";

/**
 * An esbuild plugin that keeps src/vendor/*.ts out of the main bundle: an import of one of them from the rest of
 * the source becomes a require() of its own built file, dist/vendor/NAME.cjs, which Node reads only when the import
 * runs. The YAML parser, the schema library and the prompts are each needed by some commands only.
 */
export function vendorFiles(): Plugin {
  return {
    name: "vendor-files",
    setup(build) {
      build.onResolve({ filter: /[\\/]vendor[\\/][\w-]+\.js$/ }, (args) => {
        if (/[\\/]src[\\/]vendor[\\/]/.test(args.importer) || !/[\\/]src[\\/]/.test(args.importer)) return undefined;
        const name = /([\w-]+)\.js$/.exec(args.path)![1];
        return { path: `./vendor/${name}.cjs`, external: true };
      });
    },
  };
}
