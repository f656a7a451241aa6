#!/usr/bin/env node
// Checks our compiler against CPython 3.13.2's code objects (the golden fingerprints in
// ../shared/reference/cpython-3.13): the dis corpus, the whole stdlib, or one file.
//
//   node tools/compile-check.mjs --dis [NAME...]        dis/*.py vs dis/*.fp
//   node tools/compile-check.mjs --stdlib [--limit N] [--only SUBSTR] [--oracle-ast]
//   node tools/compile-check.mjs --diff FILE.py [--max N]   first differing code objects, field by field
//   node tools/compile-check.mjs --files-from LIST        any .py files, goldens made by the oracle on the fly
//
// ASTs come from our parser when it parses the file, else from the oracle (pyodide);
// --oracle-ast forces the oracle. Needs `npm run build` first (uses dist/).
import { readFileSync, readdirSync, existsSync, mkdtempSync } from "node:fs";
import { join, resolve, dirname, basename } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const REF = resolve(root, "../shared/reference/cpython-3.13");
const dist = (p) => pathToFileURL(join(root, "dist", p)).href;

const { compileAst } = await import(dist("src/compiler/compile.js"));
const { fingerprintLines, walkCode, codeRecord } = await import(dist("test/helpers/fingerprint.js"));
const { OPNAME, CACHE_ENTRIES } = await import(dist("src/bytecode/opcodes.generated.js"));
let parseModule = null;
try {
  ({ parseModule } = await import(dist("src/parser/parser.js")));
} catch {
  parseModule = null;
}
let oracleParse = null;
async function getOracleParse() {
  if (!oracleParse) ({ oracleParse } = await import(dist("test/helpers/oracleAst.js")));
  return oracleParse;
}

const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const opt = (f, d) => {
  const i = args.indexOf(f);
  return i >= 0 ? args[i + 1] : d;
};
const forceOracle = flag("--oracle-ast");

async function astOf(bytes, filename) {
  if (!forceOracle && parseModule) {
    try {
      return { mod: parseModule(bytes, filename), via: "parser" };
    } catch {
      // fall through to the oracle
    }
  }
  const parse = await getOracleParse();
  return { mod: await parse(bytes, filename), via: "oracle" };
}

async function compileFile(path, filename) {
  const bytes = readFileSync(path);
  const { mod, via } = await astOf(new Uint8Array(bytes), filename);
  const co = compileAst(mod, filename, { source: bytes.toString("utf8") });
  return { co, via };
}

function firstDiffField(a, b) {
  for (const k of Object.keys(a)) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return k;
  return null;
}

function disasm(hex) {
  const b = Buffer.from(hex, "hex");
  const out = [];
  let ext = 0;
  for (let i = 0; i < b.length; ) {
    const op = b[i];
    const arg = b[i + 1] | ext;
    const name = OPNAME[op] ?? `<${op}>`;
    if (op === 71) {
      ext = arg << 8;
      i += 2;
      continue;
    }
    ext = 0;
    out.push(`${String(i / 2).padStart(4)} ${name} ${arg}`);
    i += 2 + 2 * CACHE_ENTRIES[op];
  }
  return out;
}

// --- the dis corpus -------------------------------------------------------------------

async function checkDis() {
  const dir = join(REF, "dis");
  let names = readdirSync(dir).filter((f) => f.endsWith(".py")).map((f) => f.slice(0, -3)).sort();
  const only = args.filter((a) => !a.startsWith("--"));
  if (only.length) names = names.filter((n) => only.includes(n));
  let filesOk = 0;
  let objsOk = 0;
  let objsAll = 0;
  for (const name of names) {
    const expected = readFileSync(join(dir, name + ".fp"), "utf8").trim().split("\n");
    objsAll += expected.length;
    let got;
    try {
      got = fingerprintLines((await compileFile(join(dir, name + ".py"), name + ".py")).co);
    } catch (e) {
      console.log(`FAIL ${name}: ${String(e?.message ?? e).split("\n")[0]}`);
      continue;
    }
    const ok = got.filter((l, i) => l === expected[i]).length;
    objsOk += ok;
    if (ok === expected.length && got.length === expected.length) {
      filesOk++;
      console.log(`ok   ${name}`);
    } else {
      const bad = expected.filter((l, i) => got[i] !== l).map((l) => l.split("\t")[0]);
      console.log(`DIFF ${name}: ${ok}/${expected.length} (${bad.slice(0, 4).join(", ")})`);
    }
  }
  console.log(`dis corpus: ${filesOk}/${names.length} files, ${objsOk}/${objsAll} code objects`);
}

const RECORD_PY = `
import json as _j, types as _t
def _canon(c):
    if c is None or c is True or c is False: return c
    if c is Ellipsis: return {"ellipsis":1}
    t = type(c)
    if t is int: return {"int": str(c)}
    if t is float: return {"float": c.hex()}
    if t is complex: return {"complex": [c.real.hex(), c.imag.hex()]}
    if t is str: return {"str": c}
    if t is bytes: return {"bytes": c.hex()}
    if t is tuple: return {"tuple": [_canon(x) for x in c]}
    if t is frozenset: return {"frozenset": sorted((_canon(x) for x in c), key=lambda v: _j.dumps(v, sort_keys=True, separators=(',', ':')))}
    if t is _t.CodeType: return {"code": c.co_qualname}
    return {"other": repr(c)}
def _walk(co):
    yield co
    for c in co.co_consts:
        if isinstance(c, _t.CodeType): yield from _walk(c)
def _rec(co):
    return {k: (getattr(co, k).hex() if k in ("co_code","co_linetable","co_exceptiontable") else
                [_canon(c) for c in co.co_consts] if k == "co_consts" else
                list(getattr(co, k)) if isinstance(getattr(co, k), tuple) else getattr(co, k))
            for k in ("co_argcount","co_posonlyargcount","co_kwonlyargcount","co_nlocals","co_stacksize","co_flags",
                      "co_code","co_consts","co_names","co_varnames","co_cellvars","co_freevars","co_name","co_qualname",
                      "co_firstlineno","co_linetable","co_exceptiontable")}
`;
let recordPyLoaded = false;

/** CPython's (the oracle's) code records of a file, pre-order. */
function cpythonRecords(py, path, fn) {
  if (!recordPyLoaded) {
    py.run(RECORD_PY);
    recordPyLoaded = true;
  }
  py.mountHostDir(dirname(resolve(path)));
  const src = readFileSync(path);
  py.pyodide.globals.set("__cc_src", py.pyodide.toPy(new Uint8Array(src)));
  py.pyodide.globals.set("__cc_fn", fn);
  return JSON.parse(py.pyodide.runPython(
    "_j.dumps([_rec(c) for c in _walk(compile(bytes(__cc_src), __cc_fn, 'exec', dont_inherit=True, optimize=0))])"));
}

// --- one file, field by field ---------------------------------------------------------

async function diffFile(path) {
  const { loadOracle } = await import(pathToFileURL(join(root, "tools/oracle.mjs")).href);
  const py = await loadOracle();
  py.mountHostDir(dirname(resolve(path)));
  const fn = basename(path);
  const { co } = await compileFile(path, fn);
  const ours = [...walkCode(co)].map(codeRecord);
  const theirs = cpythonRecords(py, path, fn);
  const max = Number(opt("--max", "1"));
  let shown = 0;
  if (ours.length !== theirs.length) console.log(`code objects: ours ${ours.length}, CPython ${theirs.length}`);
  for (let i = 0; i < Math.min(ours.length, theirs.length); i++) {
    const a = ours[i];
    const b = theirs[i];
    const fields = Object.keys(b).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    if (!fields.length) continue;
    console.log(`#${i} ${b.co_qualname}: ${fields.join(", ")}`);
    if (shown++ >= max) continue;
    for (const f of fields) {
      if (f === "co_code") {
        const da = disasm(a.co_code);
        const db = disasm(b.co_code);
        console.log("  co_code (ours | CPython):");
        for (let k = 0; k < Math.max(da.length, db.length); k++) {
          const x = da[k] ?? "";
          const y = db[k] ?? "";
          console.log(`  ${x === y ? " " : "*"} ${x.padEnd(36)} | ${y}`);
        }
      } else {
        console.log(`  ${f}:\n    ours=${JSON.stringify(a[f]).slice(0, 600)}\n    cpy =${JSON.stringify(b[f]).slice(0, 600)}`);
      }
    }
  }
}

// --- the stdlib ------------------------------------------------------------------------

async function checkStdlib() {
  const zip = join(root, "node_modules/pyodide/python_stdlib.zip");
  const dir = mkdtempSync(join(tmpdir(), "stdlib-"));
  execFileSync("unzip", ["-q", zip, "-d", dir]);
  const golden = new Map();
  for (const line of readFileSync(join(REF, "goldens/stdlib-code.tsv"), "utf8").split("\n")) {
    if (!line) continue;
    const [path, qual, first, hash] = line.split("\t");
    if (!golden.has(path)) golden.set(path, []);
    golden.get(path).push(`${qual}\t${first}\t${hash}`);
  }
  let paths = [...golden.keys()].sort();
  const only = opt("--only", null);
  if (only) paths = paths.filter((p) => p.includes(only));
  const limit = Number(opt("--limit", "0"));
  if (limit) paths = paths.slice(0, limit);
  let filesOk = 0;
  let objsOk = 0;
  let objsAll = 0;
  let viaParser = 0;
  const reasons = new Map();
  const bump = (k) => reasons.set(k, (reasons.get(k) ?? 0) + 1);
  const badFiles = [];
  const t0 = Date.now();
  for (const p of paths) {
    const expected = golden.get(p);
    objsAll += expected.length;
    const full = join(dir, p);
    if (!existsSync(full)) {
      bump("missing file");
      continue;
    }
    let co;
    try {
      const r = await compileFile(full, p);
      co = r.co;
      if (r.via === "parser") viaParser++;
    } catch (e) {
      bump("error: " + String(e?.message ?? e).split("\n")[0].slice(0, 80));
      badFiles.push(p);
      continue;
    }
    const got = fingerprintLines(co);
    const recs = [...walkCode(co)];
    let ok = 0;
    for (let i = 0; i < expected.length; i++) {
      if (got[i] === expected[i]) ok++;
    }
    objsOk += ok;
    if (ok === expected.length && got.length === expected.length) filesOk++;
    else {
      badFiles.push(p);
      // which field differs first, per differing code object (CPython's records from the oracle)
      const { loadOracle } = await import(pathToFileURL(join(root, "tools/oracle.mjs")).href);
      const theirs = cpythonRecords(await loadOracle(), full, p);
      for (let i = 0; i < Math.min(recs.length, theirs.length); i++) {
        const mine = codeRecord(recs[i]);
        const field = Object.keys(theirs[i]).find((k) => JSON.stringify(mine[k]) !== JSON.stringify(theirs[i][k]));
        if (field) bump("first differing field: " + field);
      }
    }
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`stdlib: ${objsOk}/${objsAll} code objects, ${filesOk}/${paths.length} files (${viaParser} parsed by our parser) in ${secs}s`);
  for (const [k, v] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${v}\t${k}`);
  if (flag("--list")) for (const f of badFiles) console.log("  bad: " + f);
  execFileSync("rm", ["-rf", dir]);
}

// --- any files, goldens from the oracle --------------------------------------------------

async function checkFiles(list) {
  let out;
  try {
    out = execFileSync("node", [join(REF, "oracle.mjs"), "fingerprint", "--tsv", "--files-from", list], { maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] }).toString();
  } catch (e) {
    // exit status 1 when some file does not compile: its line reads ERROR
    out = e.stdout.toString();
  }
  const golden = new Map();
  let oracleErrors = 0;
  for (const line of out.split("\n")) {
    if (!line) continue;
    if (line.startsWith("ERROR")) {
      oracleErrors++;
      continue;
    }
    const [p, q, f, h] = line.split("\t");
    if (!golden.has(p)) golden.set(p, []);
    golden.get(p).push(`${q}\t${f}\t${h}`);
  }
  let ok = 0;
  let all = 0;
  let filesOk = 0;
  for (const [p, expected] of golden) {
    all += expected.length;
    let got = [];
    try {
      got = fingerprintLines((await compileFile(p, p)).co);
    } catch (e) {
      console.log(`ERR  ${p}: ${String(e?.message ?? e).split("\n")[0].slice(0, 100)}`);
      continue;
    }
    const k = expected.filter((l, i) => got[i] === l).length;
    ok += k;
    if (k === expected.length && got.length === expected.length) filesOk++;
    else console.log(`DIFF ${p}: ${k}/${expected.length}`);
  }
  console.log(`files: ${ok}/${all} code objects, ${filesOk}/${golden.size} files (${oracleErrors} files CPython rejects)`);
}

if (flag("--dis")) await checkDis();
else if (flag("--files-from")) await checkFiles(opt("--files-from"));
else if (flag("--diff")) await diffFile(opt("--diff"));
else if (flag("--stdlib")) await checkStdlib();
else console.log("usage: compile-check.mjs --dis [NAME...] | --stdlib [--limit N] [--only S] [--list] | --diff FILE.py [--max N] | --files-from LIST");
process.exit(0);
