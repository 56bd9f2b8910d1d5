#!/usr/bin/env node
import module from "node:module";

// Node 22.1 and newer keep the compiled bundle between runs; older versions start without the cache.
module.enableCompileCache?.();
await import("../dist/cli.js");
