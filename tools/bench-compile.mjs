#!/usr/bin/env node
// Compile benchmark: our parser + compiler over the stdlib in node_modules/pyodide's
// python_stdlib.zip (528 files), against CPython's compile() on the same sources when a
// native python3.13 is available (PYENV_VERSION=3.13.0 python3). Run `npm run build` first.
//   node tools/bench-compile.mjs [--runs N]
import { readFileSync, readdirSync, statSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve, dirname, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => pathToFileURL(join(root, "dist", p)).href;
const { compileAst } = await import(dist("src/compiler/compile.js"));
const { parseModule } = await import(dist("src/parser/parser.js"));
const runsArg = process.argv.indexOf("--runs");
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 3;

const dir = mkdtempSync(join(tmpdir(), "bench-stdlib-"));
execFileSync("unzip", ["-q", join(root, "node_modules/pyodide/python_stdlib.zip"), "-d", dir]);
const files = [];
(function walk(d) {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith(".py")) files.push(p);
  }
})(dir);
files.sort();
const sources = files.map((f) => ({ name: relative(dir, f), bytes: new Uint8Array(readFileSync(f)) }));
let totalBytes = 0;
for (const s of sources) totalBytes += s.bytes.length;

function once() {
  let parseMs = 0;
  let compileMs = 0;
  let failed = 0;
  for (const s of sources) {
    const t0 = performance.now();
    let mod;
    try {
      mod = parseModule(s.bytes, s.name);
    } catch {
      failed++;
      continue;
    }
    const t1 = performance.now();
    compileAst(mod, s.name);
    const t2 = performance.now();
    parseMs += t1 - t0;
    compileMs += t2 - t1;
  }
  return { parseMs, compileMs, failed };
}

once(); // warm-up (JIT)
let best = null;
for (let i = 0; i < runs; i++) {
  const r = once();
  if (!best || r.parseMs + r.compileMs < best.parseMs + best.compileMs) best = r;
}
const mb = (totalBytes / 1e6).toFixed(1);
console.log(`tspython: ${sources.length} files, ${mb} MB: parse ${best.parseMs.toFixed(0)} ms + compile ${best.compileMs.toFixed(0)} ms = ${(best.parseMs + best.compileMs).toFixed(0)} ms (best of ${runs})${best.failed ? `, ${best.failed} not parsed` : ""}`);

try {
  const py = `
import sys, time, os
files = sys.argv[1:]
srcs = [(f, open(f, 'rb').read()) for f in files]
best = None
for _ in range(${runs}):
    t0 = time.perf_counter()
    for f, s in srcs:
        compile(s, f, 'exec', dont_inherit=True, optimize=0)
    dt = time.perf_counter() - t0
    best = dt if best is None or dt < best else best
print(f"{best*1000:.0f}")
`;
  const out = execFileSync("python3", ["-c", py, ...files], { env: { ...process.env, PYENV_VERSION: "3.13.0" } }).toString().trim();
  console.log(`CPython 3.13 compile() (parse + compile): ${out} ms (best of ${runs})`);
} catch {
  console.log("CPython 3.13 not available natively: no comparison");
}
rmSync(dir, { recursive: true, force: true });
