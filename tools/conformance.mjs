#!/usr/bin/env node
// Runs the shared conformance programs (../shared/conformance/programs) with tspython and
// holds the result against test/conformance/expected-failures.txt: fails on a new failure
// (a regression) and on an unexpected pass (so the list only shrinks: delete the line).
// usage: node tools/conformance.mjs [--pyc] [--update] [-j N] [runner args...]
//   --pyc     run CPython-compiled .pyc files (compiled by the oracle) instead of our
//             compiler's output: tells VM bugs from compiler bugs; its own list is
//             test/conformance/expected-failures-pyc.txt
//   --update  rewrite the expected-failures list from this run (keeps existing reasons)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const runner = resolve(root, "../shared/conformance/run");
const args = process.argv.slice(2);
const update = args.includes("--update");
const pycMode = args.includes("--pyc");
const listPath = join(root, pycMode ? "test/conformance/expected-failures-pyc.txt" : "test/conformance/expected-failures.txt");
const passArgs = args.filter((a) => a !== "--update" && a !== "--pyc");
if (!passArgs.some((a) => a.startsWith("-j"))) passArgs.push("-j", "2");

if (!existsSync(runner)) {
  console.log("conformance: ../shared/conformance/run not found, skipped");
  process.exit(0);
}
let py = `node ${JSON.stringify(join(root, "bin/tspython.js"))}`;
let pycRoot = null;
if (pycMode) {
  // Compile every program with CPython 3.13 (the oracle) under its absolute path, as
  // `python3 prog.py` would name it, into a scratch tree that mirrors the corpus.
  const corpus = resolve(root, "../shared/conformance/programs");
  pycRoot = mkdtempSync(join(tmpdir(), "tspython-conf-pyc-"));
  const { loadOracle } = await import("./oracle.mjs");
  const oracle = await loadOracle();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".py")) {
        const out = join(pycRoot, relative(corpus, p)) + "c";
        mkdirSync(dirname(out), { recursive: true });
        try {
          writeFileSync(out, oracle.compilePyc(readFileSync(p, "utf8"), p));
        } catch {
          // Programs that CPython cannot compile (syntax-error corpus) run from source.
        }
      }
    }
  };
  walk(corpus);
  py = `node ${JSON.stringify(join(root, "tools/run-pyc.mjs"))} ${JSON.stringify(pycRoot)} ${JSON.stringify(corpus)}`;
}
const r = spawnSync(process.execPath, [runner, ...passArgs], {
  cwd: root, env: { ...process.env, PY: py }, encoding: "utf8", maxBuffer: 64 << 20,
});
if (pycRoot) rmSync(pycRoot, { recursive: true, force: true });
const out = r.stdout ?? "";
const failed = new Map();
for (const line of out.split("\n")) {
  const m = /^FAIL (\S+): (.*)$/.exec(line);
  if (m) failed.set(m[1], m[2]);
}
const summary = /conformance: (\d+) passed, (\d+) failed/.exec(out);
if (!summary) {
  process.stderr.write(out + (r.stderr ?? ""));
  console.log("conformance: runner did not finish");
  process.exit(1);
}

// expected-failures.txt: "<area>/<name>  # reason" per line; '#' lines are comments.
const expected = new Map();
if (existsSync(listPath)) {
  for (const raw of readFileSync(listPath, "utf8").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const [name, ...reason] = line.split("#");
    expected.set(name.trim(), reason.join("#").trim());
  }
}
const regressions = [...failed.keys()].filter((n) => !expected.has(n));
const fixed = [...expected.keys()].filter((n) => !failed.has(n));

if (update) {
  const header = "# Conformance programs that are known to fail, one per line with the reason.\n" +
    "# tools/conformance.mjs fails CI on a failure not listed here and on a listed program that passes.\n";
  const body = [...failed.keys()].sort().map((n) => `${n}  # ${expected.get(n) || "not yet: " + failed.get(n)}`).join("\n");
  writeFileSync(listPath, header + body + "\n");
  console.log(`conformance: wrote ${failed.size} expected failures`);
}
console.log(`conformance: ${summary[1]} passed, ${summary[2]} failed (${expected.size} expected failures listed)`);
if (!update && (regressions.length || fixed.length)) {
  for (const n of regressions) console.log(`  REGRESSION ${n}: ${failed.get(n)}`);
  for (const n of fixed) console.log(`  UNEXPECTED PASS ${n}: remove it from ${relative(root, listPath)}`);
  process.exit(1);
}
