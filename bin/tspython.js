#!/usr/bin/env node
// The python3-compatible interpreter command; the code lives in src/cli/tspython.ts.
// It starts from the one-script bundle when that is up to date (src/cli/bundleLoader.ts),
// else from the ES modules in dist/src.
import { loadBundledCli } from "../dist/src/cli/bundleLoader.js";

const cli = loadBundledCli() ?? (await import("../dist/src/cli/tspython.js"));
const status = await cli.main(process.argv.slice(2));
// The program is over (Python's output is written synchronously). Leaving at once spares
// the wait for V8's background work (a concurrent marking started by the imports' garbage
// costs tens of milliseconds at exit); only output Node still buffers makes us drain it.
if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(status);
process.exitCode = status;
