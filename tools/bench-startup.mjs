#!/usr/bin/env node
// Start-up and import times of tspython (issue 5): `tspython -c pass` and `-c "import X"` for
// the modules users import most, each run N times (interleaved), best and median wall time,
// and best CPU time when `perf` is on the machine (task-clock: steadier than wall time on a
// shared machine). `node -e 0` and, with PYTHON=/path/to/python3.13, CPython are measured too.
//
//   node tools/bench-startup.mjs [-n N] [--only re,json]
// The caches (.pyc, patterns, compiled code; TSPYTHON_CACHE) are warmed by one run first.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const MODULES = ["re", "json", "collections", "typing", "asyncio", "unittest", "dataclasses", "argparse"];

const args = process.argv.slice(2);
let runs = 7;
let only = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "-n") runs = Number(args[++i]);
  else if (args[i] === "--only") only = args[++i].split(",");
}
const programs = ["pass", ...(only ?? MODULES).map((m) => `import ${m}`)];
const havePerf = spawnSync("perf", ["stat", "-x,", "-e", "task-clock", "true"], { stdio: "ignore" }).status === 0;

/** One run: wall ms, and CPU ms (null without perf). */
function measure(argv) {
  const cmd = havePerf ? ["perf", ["stat", "-x,", "-e", "task-clock", ...argv]] : [argv[0], argv.slice(1)];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd[1], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed:\n${r.stderr}`);
  const m = havePerf ? /^([\d.]+),msec,task-clock/m.exec(r.stderr) : null;
  return { wall, cpu: m === null ? null : Number(m[1]) };
}

const rows = [{ name: "node -e 0", argv: [process.execPath, "-e", "0"] }];
for (const p of programs) {
  rows.push({ name: `tspython -c '${p}'`, argv: [process.execPath, join(root, "bin/tspython.js"), "-c", p] });
  if (process.env.PYTHON) rows.push({ name: `python -c '${p}'`, argv: [process.env.PYTHON, "-c", p] });
}
for (const row of rows) measure(row.argv); // warm the caches
const results = rows.map(() => ({ wall: [], cpu: [] }));
for (let i = 0; i < runs; i++) {
  rows.forEach((row, j) => {
    const { wall, cpu } = measure(row.argv);
    results[j].wall.push(wall);
    if (cpu !== null) results[j].cpu.push(cpu);
  });
}
const fmt = (xs) => {
  if (xs.length === 0) return "   -";
  const s = xs.slice().sort((a, b) => a - b);
  return `${s[0].toFixed(0).padStart(5)} ${s[s.length >> 1].toFixed(0).padStart(5)}`;
};
console.log(`${"".padEnd(40)}  wall ms (best median)${havePerf ? "  cpu ms (best median)" : ""}   ${runs} runs`);
rows.forEach((row, j) => console.log(`${row.name.padEnd(40)}  ${fmt(results[j].wall)}${havePerf ? `          ${fmt(results[j].cpu)}` : ""}`));
