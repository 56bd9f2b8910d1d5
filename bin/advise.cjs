#!/usr/bin/env node
"use strict";
// Node 22.1 and newer keep the compiled bundle between runs; older versions start without the cache.
require("node:module").enableCompileCache?.();
require("../dist/cli.cjs");
