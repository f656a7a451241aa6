#!/usr/bin/env node
// Shim for running the conformance programs from CPython-compiled .pyc files:
//   node tools/run-pyc.mjs PYC_ROOT CORPUS_DIR NAME.py
// runs tspython on PYC_ROOT/<path of NAME.py inside CORPUS_DIR>c (made by
// tools/conformance.mjs --pyc with the oracle), in the current directory, so that the
// program sees the same folder, argv and environment as when run from source.
import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { main } from "../dist/src/cli/tspython.js";

const [pycRoot, corpus, script, ...rest] = process.argv.slice(2);
const rel = relative(resolve(corpus), resolve(script));
const pyc = join(pycRoot, rel) + "c";
// Programs CPython itself cannot compile (the syntax-error corpus compiles at run time
// through compile()) have no .pyc: run those from source.
process.exitCode = await main([existsSync(pyc) ? pyc : script, ...rest]);
