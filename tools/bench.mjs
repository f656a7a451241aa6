#!/usr/bin/env node
// Benchmark runner: times TSPython against CPython 3.13 (native, when installed: run as
// `PYENV_VERSION=3.13.0 python3`) and Pyodide (CPython 3.13 in WebAssembly, in this
// process, load time excluded), checks every checksum, and prints the ratios with their
// geometric means.
//
//   node tools/bench.mjs [--runs N] [--only NAME] [--no-native] [--no-pyodide] [DIR...]
//
// Programs: every *.py in ../shared/bench (and in any DIR given). Each prints one checksum
// line; the expected line comes from the folder's README table when it has one, else from
// CPython's own output in the same run. TSPython runs the .pyc that CPython (the oracle)
// compiles, so the benchmark measures the VM whether or not our compiler is complete.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadOracle } from "./oracle.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
let runs = 1;
let only = null;
let native = true;
let pyodideOn = true;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--runs") runs = parseInt(args[++i], 10);
  else if (a === "--only") only = args[++i];
  else if (a === "--no-native") native = false;
  else if (a === "--no-pyodide") pyodideOn = false;
  else dirs.push(a);
}
if (dirs.length === 0) dirs.push(path.resolve(root, "../shared/bench"));

/** Expected checksum lines from a README table: | name | `line` | */
function expectedFromReadme(dir) {
  const out = new Map();
  const readme = path.join(dir, "README.md");
  if (!fs.existsSync(readme)) return out;
  const text = fs.readFileSync(readme, "utf8");
  const section = text.split(/^## /m).find((s) => s.startsWith("Expected output")) ?? "";
  for (const line of section.split("\n")) {
    const m = /^\|\s*([\w.]+)\s*\|\s*`(.*)`\s*\|\s*$/.exec(line);
    if (m && !out.has(m[1])) out.set(m[1], m[2].replace(/\\\|/g, "|"));
  }
  return out;
}

function timeCommand(cmd, argv, env) {
  let best = Infinity;
  let stdout = "";
  let stderr = "";
  let status = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    const res = spawnSync(cmd, argv, { encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
    const dt = Number(process.hrtime.bigint() - t0) / 1e9;
    stdout = res.stdout ?? "";
    stderr = res.stderr ?? "";
    status = res.status ?? -1;
    if (res.error) {
      status = -1;
      stderr = String(res.error);
    }
    best = Math.min(best, dt);
  }
  return { time: best, stdout: stdout.trim(), stderr, status };
}

function hasNativeCPython() {
  const r = spawnSync("python3", ["-c", "import sys; print(sys.version_info[:2] == (3, 13))"], {
    encoding: "utf8", env: { ...process.env, PYENV_VERSION: "3.13.0" },
  });
  return r.status === 0 && r.stdout.trim() === "True";
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tspython-bench-"));
const oracle = await loadOracle();
const useNative = native && hasNativeCPython();
const rows = [];
for (const dir of dirs) {
  const expected = expectedFromReadme(dir);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".py")).sort()) {
    const name = file.slice(0, -3);
    if (only && name !== only) continue;
    const src = fs.readFileSync(path.join(dir, file), "utf8");
    const pycPath = path.join(scratch, name + ".pyc");
    fs.writeFileSync(pycPath, oracle.compilePyc(src, path.join(dir, file)));
    const ts = timeCommand(process.execPath, [path.join(root, "bin/tspython.js"), pycPath], {});
    let cp = null;
    if (useNative) cp = timeCommand("python3", [path.join(dir, file)], { PYENV_VERSION: "3.13.0" });
    let pyo = null;
    if (pyodideOn) {
      oracle.pyodide.globals.set("__bench_src", src);
      oracle.pyodide.globals.set("__bench_file", path.join(dir, file));
      let best = Infinity;
      let out = "";
      for (let r = 0; r < runs; r++) {
        const t0 = performance.now();
        const cap = oracle.captured(() => {
          oracle.run("import sys as __s\n__s.argv = [__bench_file]\nexec(compile(__bench_src, __bench_file, 'exec'), {'__name__': '__main__'})");
        });
        best = Math.min(best, (performance.now() - t0) / 1000);
        out = cap.stdout.trim();
      }
      pyo = { time: best, stdout: out };
    }
    const want = expected.get(name) ?? cp?.stdout ?? pyo?.stdout ?? null;
    const ok = want !== null && ts.status === 0 && ts.stdout === want;
    rows.push({ name, ok, ts, cp, pyo, want });
    const fmt = (x) => (x === null ? "   -   " : `${x.time.toFixed(2).padStart(6)}s`);
    const ratio = (a, b) => (b === null ? "   -  " : `${(a.time / b.time).toFixed(2).padStart(5)}x`);
    console.log(
      `${name.padEnd(12)} ${ok ? "ok  " : "FAIL"} tspython ${fmt(ts)}  cpython ${fmt(cp)} ${ratio(ts, cp)}  pyodide ${fmt(pyo)} ${ratio(ts, pyo)}`,
    );
    if (!ok) {
      console.log(`    expected: ${want}\n    got:      ${ts.stdout.split("\n").pop()}\n    ${ts.stderr.split("\n").slice(-3).join("\n    ")}`);
    }
  }
}
const geo = (xs) => (xs.length === 0 ? NaN : Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length));
const vsC = rows.filter((r) => r.cp !== null).map((r) => r.ts.time / r.cp.time);
const vsP = rows.filter((r) => r.pyo !== null).map((r) => r.ts.time / r.pyo.time);
console.log(
  `\n${rows.filter((r) => r.ok).length}/${rows.length} checksums ok; geometric mean time ratio TSPython/CPython ${useNative ? geo(vsC).toFixed(2) + "x" : "n/a (no native CPython 3.13)"}, TSPython/Pyodide ${pyodideOn ? geo(vsP).toFixed(2) + "x" : "n/a"} (lower is faster)`,
);
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
