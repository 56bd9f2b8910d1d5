#!/usr/bin/env node
// CommonJS (see package.json beside this file): Node then starts without its ES module loader.
require("../dist/start.cjs");
