#!/usr/bin/env node
// Parse benchmark: parses every .py module of pyodide's python_stdlib.zip with our
// parser (tokenize + parse to AST, no dump) and reports time and peak memory, and
// CPython 3.13's ast.parse on the same files when a native CPython 3.13 is found
// ($PYTHON313, python3.13, or python3 if it is 3.13); otherwise that column is skipped.
//   npm run build && node tools/parse-bench.mjs [--repeat N]
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stdlibSources } from "../dist/test/helpers/stdlibZip.js";
import { parseModule } from "../dist/src/parser/parser.js";

const repeatArg = process.argv.indexOf("--repeat");
const repeat = repeatArg > 0 ? Number(process.argv[repeatArg + 1]) : 5;
const files = stdlibSources();
const totalBytes = files.reduce((n, f) => n + f.data.length, 0);

// Warm up once (JIT), then take the best of `repeat` runs.
let peakRss = process.memoryUsage().rss;
const times = [];
for (let r = 0; r <= repeat; r++) {
  const t0 = performance.now();
  for (const f of files) {
    parseModule(f.data, f.name);
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) peakRss = rss;
  }
  if (r > 0) times.push(performance.now() - t0);
}
const ours = Math.min(...times);

function findPython() {
  const candidates = [process.env.PYTHON313, "python3.13", "python3"].filter(Boolean).map((exe) => ({ exe, env: process.env }));
  // pyenv installs: try each 3.13.x it knows.
  const pyenv = spawnSync("pyenv", ["versions", "--bare"], { encoding: "utf8" });
  if (pyenv.status === 0) {
    for (const v of pyenv.stdout.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("3.13"))) {
      candidates.push({ exe: "python3", env: { ...process.env, PYENV_VERSION: v } });
    }
  }
  for (const c of candidates) {
    const r = spawnSync(c.exe, ["-c", "import sys; print(sys.version_info[:2] == (3, 13))"], { encoding: "utf8", env: c.env });
    if (r.status === 0 && r.stdout.trim() === "True") return c;
  }
  return null;
}

let cpython = null;
const py = findPython();
if (py !== null) {
  const dir = mkdtempSync(join(tmpdir(), "parse-bench-"));
  try {
    files.forEach((f, i) => writeFileSync(join(dir, `${i}.py`), f.data));
    const script = `
import ast, glob, time, resource, sys
srcs = [open(p, 'rb').read() for p in sorted(glob.glob(sys.argv[1] + '/*.py'))]
best = None
for r in range(${repeat} + 1):
    t0 = time.perf_counter()
    for s in srcs:
        ast.parse(s)
    dt = time.perf_counter() - t0
    if r > 0 and (best is None or dt < best): best = dt
print(best * 1000, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
`;
    const r = spawnSync(py.exe, ["-c", script, dir], { encoding: "utf8", env: py.env });
    if (r.status === 0) {
      const [ms, rss] = r.stdout.trim().split(/\s+/).map(Number);
      cpython = { ms, rss, exe: py.env.PYENV_VERSION ? `${py.exe} (pyenv ${py.env.PYENV_VERSION})` : py.exe };
    } else {
      process.stderr.write(r.stderr);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (n) => (n / 1048576).toFixed(0) + " MB";
console.log(`parse-bench: ${files.length} stdlib files, ${(totalBytes / 1048576).toFixed(1)} MB of source, best of ${repeat}`);
console.log(`  tspython parser : ${ours.toFixed(0)} ms  (${(totalBytes / 1048576 / (ours / 1000)).toFixed(1)} MB/s), peak RSS ${mb(peakRss)}`);
if (cpython !== null) {
  console.log(`  CPython ast.parse: ${cpython.ms.toFixed(0)} ms  (${cpython.exe}), peak RSS ${mb(cpython.rss)}`);
  console.log(`  ratio            : ${(ours / cpython.ms).toFixed(2)}x CPython's time`);
} else {
  console.log("  CPython ast.parse: skipped (no native CPython 3.13 found; set PYTHON313)");
}
