import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "esbuild";

const STRING_WIDTH = fileURLToPath(new URL("../src/adapters/string-width.ts", import.meta.url));

/**
 * An esbuild plugin that gives the bundled packages the adapters of src/adapters/ in place of the packages they
 * name: `require("string-width")` from cli-table3 or wrap-ansi gets src/adapters/string-width.ts (as the function
 * itself, which is what they expect of string-width 4). The adapter's own import resolves as usual.
 */
export function adapters(): Plugin {
  return {
    name: "adapters",
    setup(build) {
      build.onResolve({ filter: /^string-width$/ }, (args) =>
        args.importer === STRING_WIDTH ? undefined : { path: "string-width", namespace: "adapter" },
      );
      build.onLoad({ filter: /^string-width$/, namespace: "adapter" }, () => ({
        contents: `module.exports = require(${JSON.stringify(STRING_WIDTH)}).default;`,
        loader: "js",
        resolveDir: dirname(STRING_WIDTH),
      }));
    },
  };
}
