#!/usr/bin/env node
// The python3-compatible interpreter command; the code lives in src/cli/tspython.ts.
// It starts from the one-script bundle when that is up to date (src/cli/bundleLoader.ts),
// else from the ES modules in dist/src.
import { loadBundledCli } from "../dist/src/cli/bundleLoader.js";

const cli = loadBundledCli() ?? (await import("../dist/src/cli/tspython.js"));
process.exitCode = await cli.main(process.argv.slice(2));
