#!/usr/bin/env node
// The python3-compatible interpreter command; the code lives in src/cli/tspython.ts.
import { main } from "../dist/src/cli/tspython.js";

process.exitCode = await main(process.argv.slice(2));
