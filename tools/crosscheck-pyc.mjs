#!/usr/bin/env node
// Our bytecode, run by CPython: compiles every shared conformance program with TSPython's
// compiler (parser + compiler + marshal writer, i.e. what `tspyc FILE.py -o OUT.pyc` writes),
// loads that .pyc into CPython 3.13 (the oracle) and runs it there, comparing stdout, exit
// status and, for programs with a .err file, stderr with CPython's expected files.
// A pass says our code objects are right before our VM runs them.
//
// With --stdlib instead: every module of the pinned stdlib zip compiled by us, written as a
// .pyc by our marshal writer, loaded by CPython's marshal, and fingerprinted there by
// fingerprint.py: each code object must match goldens/stdlib-code.tsv.
//
// usage: node tools/crosscheck-pyc.mjs [--stdlib] [--only SUBSTR] [-v]
// Exit status 1 on a difference not in KNOWN_HARNESS_DIFFERENCES (or a listed one that
// passes). Needs `npm run build` first.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadOracle } from "./oracle.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = resolve(root, "../shared/conformance/programs");
const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
const verbose = args.includes("-v");
if (!existsSync(corpus)) {
  console.log("crosscheck-pyc: ../shared/conformance/programs not found, skipped");
  process.exit(0);
}
const dist = (p) => pathToFileURL(join(root, "dist", p)).href;
const { compileSource } = await import(dist("src/compiler/compile.js"));
const { writePyc } = await import(dist("src/bytecode/pyc.js"));

// Programs whose expected output CPython-in-WebAssembly (the oracle) cannot reproduce even
// from its own compiler's .pyc — the difference is the harness's, not our bytecode's.
const KNOWN_HARNESS_DIFFERENCES = new Map([
  ["builtins/float_repr", "Emscripten's errno numbers: OverflowError shows (68, ...) for ERANGE"],
  ["builtins/numeric_builtins", "the oracle is a 32-bit build: hash() of big ints and floats is reduced modulo 2**31-1"],
  ["controlflow/recursion", "the in-process harness runs the program one frame deeper than `python3 FILE`"],
  ["stdlib/asyncio_basic", "Pyodide's asyncio runs on its own WebAssembly event loop"],
]);

if (args.includes("--stdlib")) {
  process.exit(await crosscheckStdlib());
}

const programs = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith(".py")) programs.push(p);
  }
})(corpus);

const oracle = await loadOracle();
const py = oracle.pyodide;
let out = "";
let err = "";
const decoder = new TextDecoder();
py.setStdout({ write: (buf) => { out += decoder.decode(buf); return buf.length; } });
py.setStderr({ write: (buf) => { err += decoder.decode(buf); return buf.length; } });
// Runs one code object as __main__ the way `python3 FILE` would, isolating module state.
py.runPython(`
import sys, os, types, builtins, marshal, gc
def _xc_run(path, data):
    saved = (dict(sys.modules), list(sys.path), list(sys.argv), os.getcwd(), sys.get_asyncgen_hooks())
    sys.argv = [path]
    sys.path.insert(0, os.path.dirname(path))
    os.chdir(os.path.dirname(path))
    mod = types.ModuleType("__main__")
    mod.__file__ = path
    mod.__builtins__ = builtins
    sys.modules["__main__"] = mod
    status = 0
    try:
        code = marshal.loads(bytes(data)[16:])
        try:
            exec(code, mod.__dict__)
        except SystemExit as e:
            c = e.code
            if c is None: status = 0
            elif isinstance(c, int): status = c & 0xFF
            else:
                sys.stderr.write(str(c) + "\\n"); status = 1
        except BaseException as e:
            tb = e.__traceback__
            sys.excepthook(type(e), e, tb.tb_next if tb is not None else None)
            status = 1
        gc.collect()
        for f in (sys.stdout, sys.stderr): f.flush()
        return status
    finally:
        sys.modules.clear(); sys.modules.update(saved[0])
        sys.path[:] = saved[1]; sys.argv[:] = saved[2]; os.chdir(saved[3])
        sys.set_asyncgen_hooks(*saved[4])
`);
const runIt = py.globals.get("_xc_run");

let passed = 0;
const failures = [];
for (const file of programs) {
  const rel = relative(corpus, file).replace(/\.py$/, "");
  if (only && !rel.includes(only)) continue;
  const dir = dirname(file);
  oracle.mountHostDir(dir);
  let pyc;
  try {
    pyc = writePyc(compileSource(readFileSync(file), file), { mtime: 0, sourceSize: 0 });
  } catch (e) {
    failures.push(`${rel}: our compiler failed: ${e?.message ?? e}`);
    continue;
  }
  out = "";
  err = "";
  let status;
  try {
    status = runIt(file, pyc);
  } catch (e) {
    failures.push(`${rel}: CPython could not run our .pyc: ${String(e).split("\n").slice(-2).join(" ")}`);
    continue;
  }
  const base = file.replace(/\.py$/, "");
  const reasons = [];
  if (out !== readFileSync(base + ".out", "utf8")) reasons.push("stdout differs");
  const wantCode = existsSync(base + ".code") ? Number(readFileSync(base + ".code", "utf8").trim()) : 0;
  if (status !== wantCode) reasons.push(`exit status ${status} (expected ${wantCode})`);
  if (existsSync(base + ".err")) {
    const gotErr = err.split(dir + "/").join("");
    if (gotErr !== readFileSync(base + ".err", "utf8")) reasons.push("stderr differs");
  }
  if (reasons.length) {
    failures.push(`${rel}: ${reasons.join("; ")}`);
    if (verbose) console.log(`--- ${rel}\nstdout:\n${out}\nstderr:\n${err}`);
  } else passed++;
}
let unexpected = 0;
let knownCount = 0;
for (const f of failures) {
  const name = f.slice(0, f.indexOf(":"));
  const known = KNOWN_HARNESS_DIFFERENCES.get(name);
  if (known) {
    console.log(`known ${f} (${known})`);
    knownCount++;
  }
  else {
    console.log("FAIL " + f);
    unexpected++;
  }
}
for (const name of KNOWN_HARNESS_DIFFERENCES.keys()) {
  if ((!only || name.includes(only)) && !failures.some((f) => f.startsWith(name + ":"))) {
    console.log(`UNEXPECTED PASS ${name}: remove it from KNOWN_HARNESS_DIFFERENCES`);
    unexpected++;
  }
}
console.log(`crosscheck-pyc: ${passed} passed, ${failures.length} failed (${knownCount} of them known harness differences)`);
process.exit(unexpected ? 1 : 0);

async function crosscheckStdlib() {
  const { stdlibZipPath, stdlibSources } = await import(dist("test/helpers/stdlib.js"));
  const ref = resolve(root, "../shared/reference/cpython-3.13");
  const golden = new Map();
  for (const line of readFileSync(join(ref, "goldens/stdlib-code.tsv"), "utf8").split("\n")) {
    if (!line) continue;
    const [path, qualname, firstlineno, hash] = line.split("\t");
    if (!golden.has(path)) golden.set(path, []);
    golden.get(path).push(`${qualname}\t${firstlineno}\t${hash}`);
  }
  const oracle = await loadOracle();
  oracle.mountHostDir(ref);
  oracle.run(`import sys; sys.path.insert(0, ${JSON.stringify(ref)}); import fingerprint as _xc_fp, marshal as _xc_m`);
  const fingerprintPyc = oracle.pyodide.runPython(
    "lambda data: '\\n'.join(_xc_fp.fingerprint_code(_xc_m.loads(bytes(data)[16:])))");
  let files = 0, filesOk = 0, objects = 0, objectsOk = 0;
  const bad = [];
  for (const { path, source } of stdlibSources(stdlibZipPath())) {
    if (only && !path.includes(only)) continue;
    files++;
    const want = golden.get(path) ?? [];
    objects += want.length;
    let got;
    try {
      const pyc = writePyc(compileSource(source, path), { mtime: 0, sourceSize: 0 });
      got = String(fingerprintPyc(pyc)).split("\n");
    } catch (e) {
      bad.push(`${path}: ${String(e?.message ?? e).split("\n").slice(-1)[0]}`);
      continue;
    }
    const gotSet = new Set(got);
    const okHere = want.filter((l) => gotSet.has(l)).length;
    objectsOk += okHere;
    if (okHere === want.length && got.length === want.length) filesOk++;
    else bad.push(`${path}: ${want.length - okHere} of ${want.length} code objects differ`);
  }
  for (const b of bad.slice(0, verbose ? bad.length : 20)) console.log("FAIL " + b);
  console.log(`crosscheck-pyc --stdlib: ${filesOk}/${files} files, ${objectsOk}/${objects} code objects loaded by CPython with the golden fingerprint`);
  return bad.length ? 1 : 0;
}
