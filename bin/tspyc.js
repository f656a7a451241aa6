#!/usr/bin/env node
// The compiler tool (disassembly, AST dumps, .pyc output); the code lives in src/cli/tspyc.ts.
"use strict";
import("../dist/src/cli/tspyc.js").then(async ({ main }) => {
  process.exitCode = await main(process.argv.slice(2));
});
