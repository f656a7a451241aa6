#!/usr/bin/env node
// Runs CPython 3.13's own test modules (../shared/conformance/cpython, PSF license) on
// TSPython with `-m unittest -v`, one module per process, and holds the per-test results
// against test/conformance/cpython-expected-failures.txt: CI fails on a test that newly
// fails and on a listed test that passes (delete its line), so the list only shrinks.
// Lines whose reason starts with "FLAKY:" are timing-dependent tests, held neither way.
//
// usage: node tools/cpython-tests.mjs [--update] [--only test_x] [-j N] [--timeout S]
//   --update   rewrite the expected-failures list from this run
// A module that does not get as far as running its tests is listed as "test_x <module>".
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const suite = resolve(root, "../shared/conformance/cpython");
const listPath = join(root, "test/conformance/cpython-expected-failures.txt");
const args = process.argv.slice(2);
const update = args.includes("--update");
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const only = opt("--only", null);
const jobs = Number(opt("-j", "2"));
const timeoutSeconds = Number(opt("--timeout", "300"));

// The modules of ../shared/conformance/cpython/README.md, with CPython 3.13.0's test counts.
const MODULES = [
  "test_exceptions", "test_raise", "test_generators", "test_coroutines", "test_asyncgen",
  "test_contextlib", "test_except_star", "test_exception_group", "test_listcomps",
  "test_dictcomps", "test_genexps", "test_yield_from", "test_scope", "test_grammar",
  "test_syntax", "test_opcodes", "test_dis", "test_marshal", "test_compile", "test_patma",
  "test_unpack", "test_class", "test_int", "test_list", "test_dict", "test_builtin",
  "test_keywordonlyarg", "test_positional_only_arg", "test_unpack_ex", "test_types",
];

if (!existsSync(suite)) {
  console.log("cpython-tests: ../shared/conformance/cpython not found, skipped");
  process.exit(0);
}

function runModule(mod) {
  return new Promise((resolvePromise) => {
    const cwd = mkdtempSync(join(tmpdir(), "tspython-cpytest-"));
    const child = spawn(process.execPath, [join(root, "bin/tspython.js"), "-m", "unittest", "-v", `test.${mod}`], {
      cwd, env: { ...process.env, PYTHONPATH: suite, PYTHONHASHSEED: "0", PYTHONDONTWRITEBYTECODE: "1" },
      stdio: ["ignore", "pipe", "pipe"], detached: true,
    });
    let text = "";
    child.stdout.on("data", (d) => { text += d; });
    child.stderr.on("data", (d) => { text += d; });
    const timer = setTimeout(() => { try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ } }, timeoutSeconds * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      rmSync(cwd, { recursive: true, force: true });
      resolvePromise({ mod, code, text });
    });
  });
}

// unittest -v prints "test_name (test.mod.Class.test_name) ... ok|skipped ...|..." per test
// (warnings on stderr may split that line), then an "ERROR: <test> (<id>)" or
// "FAIL: <test> (<id>)" section per failing test, which is what decides a failure here.
function parseResults(text) {
  const results = new Map();
  const idOf = (name, dotted) => {
    const id = dotted.replace(/^test\./, "");
    return id.endsWith(`.${name}`) ? id : `${id}.${name}`;
  };
  for (const m of text.matchAll(/^(\w+) \(([\w.]+)\)(.*)$/gm)) {
    const skipped = /\.\.\. skipped/.test(m[3]);
    results.set(idOf(m[1], m[2]), skipped ? "skipped" : "ok");
  }
  for (const m of text.matchAll(/^(?:ERROR|FAIL|UNEXPECTED SUCCESS): (\w+) \(([\w.]+)\)/gm)) {
    results.set(idOf(m[1], m[2]), "FAIL");
  }
  for (const m of text.matchAll(/^(\w+) \(([\w.]+)\) \.\.\. unexpected success/gm)) {
    results.set(idOf(m[1], m[2]), "FAIL");
  }
  // A module that fails to import shows up as one test of unittest's loader.
  for (const id of [...results.keys()]) {
    const m = /^unittest\.loader\._FailedTest\.(\w+)$/.exec(id);
    if (m) {
      results.delete(id);
      results.set(`${m[1]} <module>`, "FAIL");
    }
  }
  const ran = /^Ran (\d+) tests?/m.exec(text);
  return { results, ran: ran ? Number(ran[1]) : -1 };
}

const selected = MODULES.filter((m) => !only || m === only || m.includes(only));
const queue = [...selected];
const outcomes = [];
await Promise.all(Array.from({ length: Math.max(1, jobs) }, async () => {
  while (queue.length) outcomes.push(await runModule(queue.shift()));
}));

const failing = new Set();
let passed = 0;
let failed = 0;
const perModule = [];
for (const { mod, text } of outcomes.sort((a, b) => selected.indexOf(a.mod) - selected.indexOf(b.mod))) {
  const { results, ran } = parseResults(text);
  if (ran < 0 || results.size === 0) {
    failing.add(`${mod} <module>`);
    failed++;
    const last = text.trim().split("\n").slice(-1)[0] ?? "";
    perModule.push(`${mod}: did not run (${last.slice(0, 160)})`);
    continue;
  }
  let p = 0, f = 0, s = 0;
  for (const [id, verdict] of results) {
    if (verdict === "ok" || verdict === "expected failure") p++;
    else if (verdict === "skipped") s++;
    else {
      f++;
      failing.add(id);
    }
  }
  passed += p;
  failed += f;
  perModule.push(`${mod}: ${p} passed, ${f} failed, ${s} skipped (ran ${ran})`);
}

const expected = new Map();
// Tests whose outcome depends on timing, marked "# FLAKY: <why>" in the list: reported,
// but held against CI neither when they fail nor when they pass.
const flaky = new Map();
if (existsSync(listPath)) {
  for (const raw of readFileSync(listPath, "utf8").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const [name, ...reason] = line.split("#");
    const why = reason.join("#").trim();
    if (why.startsWith("FLAKY:")) flaky.set(name.trim(), why);
    else expected.set(name.trim(), why);
  }
}
const inScope = (name) => selected.some((m) => name === `${m} <module>` || name.startsWith(`${m}.`));
const regressions = [...failing].filter((n) => !expected.has(n) && !flaky.has(n));
const fixed = [...expected.keys()].filter((n) => inScope(n) && !failing.has(n));

for (const line of perModule) console.log("  " + line);
for (const n of flaky.keys()) if (failing.has(n)) console.log(`  (flaky, failed this time: ${n})`);
if (update) {
  const keep = [...expected.entries(), ...flaky.entries()].filter(([n]) => !inScope(n) || flaky.has(n));
  const header = "# CPython test-suite tests (../shared/conformance/cpython) known to fail on TSPython, one per line.\n" +
    "# tools/cpython-tests.mjs fails CI on a failure not listed here and on a listed test that passes.\n" +
    "# \"test_x <module>\" means the module does not get as far as running its tests.\n";
  const lines = [...keep.map(([n, r]) => [n, r]), ...[...failing].filter((n) => !flaky.has(n)).map((n) => [n, expected.get(n) || "not yet"])]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([n, r]) => `${n}  # ${r}`);
  writeFileSync(listPath, header + lines.join("\n") + "\n");
  console.log(`cpython-tests: wrote ${lines.length} expected failures`);
}
console.log(`cpython-tests: ${passed} passed, ${failed} failed (${selected.length} modules)`);
if (!update && (regressions.length || fixed.length)) {
  for (const n of regressions) console.log(`  REGRESSION ${n}`);
  for (const n of fixed) console.log(`  UNEXPECTED PASS ${n}: remove it from test/conformance/cpython-expected-failures.txt`);
  process.exit(1);
}
