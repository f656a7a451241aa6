#!/usr/bin/env node
// The python3-compatible interpreter command; the code lives in src/cli/tspython.ts.
// It starts from the one-script bundle when that is up to date (bin/bundle-loader.js),
// else from the ES modules in dist/src.
"use strict";
const { loadBundledCli } = require("./bundle-loader.js");

async function run() {
  const cli = loadBundledCli() ?? (await import("../dist/src/cli/tspython.js"));
  const status = await cli.main(process.argv.slice(2));
  // The program is over (Python's output is written synchronously). Leaving at once spares
  // the wait for V8's background work (a concurrent marking started by the imports' garbage
  // costs tens of milliseconds at exit); only output Node still buffers makes us drain it.
  // On Linux Node writes its stdout/stderr synchronously whatever they are (and asking would
  // make the streams).
  const buffered = () => process.stdout.writableLength > 0 || process.stderr.writableLength > 0;
  if (process.platform === "linux" || !buffered()) process.exit(status);
  process.exitCode = status;
}

run();
