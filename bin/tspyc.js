#!/usr/bin/env node
// The compiler tool (disassembly, AST dumps, .pyc output); the code lives in src/cli/tspyc.ts.
import { main } from "../dist/src/cli/tspyc.js";

process.exitCode = await main(process.argv.slice(2));
