// dis: our disassembly of CPython 3.13.2's code objects against CPython's own dis output:
// the golden listings of ../shared/reference/cpython-3.13/dis/ (show_caches=False) and the
// oracle's dis.dis(code, show_caches=True), plus the reprs of constants.
//
// Two routes to the code objects: (1) built here from a JSON dump made inside the oracle
// (independent of our marshal), (2) `tspyc --dis` on the oracle's .pyc (marshal + pyc + CLI).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CodeObject, LocalKind } from "../src/bytecode/code.js";
import { disassemble } from "../src/bytecode/dis.js";
import { loads } from "../src/bytecode/marshal.js";
import { bytesRepr, complexRepr, constRepr, floatRepr, strRepr } from "../src/bytecode/pyRepr.js";
import { cpythonSetOrder } from "../src/bytecode/setOrder.js";
import {
  PyBytesValue, PyComplexValue, PySetValue, PySingletonValue, PyTupleValue, type MarshalValue,
} from "../src/bytecode/values.js";
import { hasShared, projectRoot, SHARED_REF } from "./helpers/paths.js";

interface OracleLike {
  run(code: string): void;
  bytesOf(expr: string): Uint8Array;
  mountHostDir(dir: string): void;
  evalJson(expr: string): unknown;
  compilePyc(source: string, filename: string): Uint8Array;
}

const oracleAvailable = existsSync(resolve(projectRoot, "node_modules/pyodide/package.json"));
let oraclePromise: Promise<OracleLike> | null = null;
function oracle(): Promise<OracleLike> {
  oraclePromise ??= import(pathToFileURL(resolve(projectRoot, "tools/oracle.mjs")).href).then(
    async (mod: { loadOracle(): Promise<OracleLike> }) => {
      const py = await mod.loadOracle();
      py.run(CODE_TO_JSON);
      return py;
    },
  );
  return oraclePromise;
}

const maskAddresses = (text: string): string => text.replace(/ at 0x[0-9a-f]+/g, " at 0x...");

/**
 * Equal, or equal once the items of each frozenset are sorted: CPython iterates a set of
 * str/bytes/tuples in an order that changes with every process (hash randomisation), so
 * only the items can be compared there (setOrder.ts reproduces the orders that are fixed).
 */
function sameUpToSetOrder(ours: string, theirs: string): boolean {
  if (ours === theirs) return true;
  const canonical = (line: string): string =>
    line.replace(/frozenset\(\{(.*)\}\)/, (_, items: string) => `frozenset({${items.split(", ").sort().join(", ")}})`);
  const a = ours.split("\n");
  const b = theirs.split("\n");
  return a.length === b.length && a.every((line, i) => line === b[i] || canonical(line) === canonical(b[i]));
}

// --- code objects from the oracle as JSON ---------------------------------------------

const CODE_TO_JSON = `
import struct as _st, json as _js, dis as _dis, io as _io, marshal as _marshal
def _tag(c):
    if c is None or c is True or c is False: return c
    if c is Ellipsis: return {"e": 1}
    t = type(c)
    if t is int: return {"i": str(c)}
    if t is float: return {"f": _st.pack("<d", c).hex()}
    if t is complex: return {"c": [_st.pack("<d", c.real).hex(), _st.pack("<d", c.imag).hex()]}
    if t is str: return {"s": c}
    if t is bytes: return {"b": c.hex()}
    if t is tuple: return {"t": [_tag(x) for x in c]}
    if t is frozenset: return {"fs": [_tag(x) for x in sorted(c, key=_marshal.dumps)]}  # the .pyc stream order
    if hasattr(c, "co_code"): return {"code": _code(c)}
    raise TypeError(t)
def _code(co):
    cells = [n for n in co.co_cellvars if n not in co.co_varnames]
    return {
        "argcount": co.co_argcount, "posonly": co.co_posonlyargcount, "kwonly": co.co_kwonlyargcount,
        "stacksize": co.co_stacksize, "flags": co.co_flags, "code": co.co_code.hex(),
        "consts": [_tag(c) for c in co.co_consts], "names": list(co.co_names),
        "varnames": list(co.co_varnames), "cellvars": list(co.co_cellvars), "freevars": list(co.co_freevars),
        "filename": co.co_filename, "name": co.co_name, "qualname": co.co_qualname,
        "firstlineno": co.co_firstlineno, "linetable": co.co_linetable.hex(), "exceptiontable": co.co_exceptiontable.hex(),
    }
def __dis_case(src, fn, caches, offsets=False):
    # What CPython prints for the code object loaded from a .pyc (sets in .pyc order matter).
    co = _marshal.loads(_marshal.dumps(compile(src, fn, "exec", dont_inherit=True, optimize=0)))
    buf = _io.StringIO()
    _dis.dis(co, file=buf, show_caches=caches, show_offsets=offsets)
    return _js.dumps({"code": _code(co), "dis": buf.getvalue()})
`;

interface CodeJson {
  argcount: number; posonly: number; kwonly: number; stacksize: number; flags: number; code: string;
  consts: unknown[]; names: string[]; varnames: string[]; cellvars: string[]; freevars: string[];
  filename: string; name: string; qualname: string; firstlineno: number; linetable: string; exceptiontable: string;
}

const fromHex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
const floatFromHex = (h: string): number => new DataView(fromHex(h).buffer).getFloat64(0, true);

function constFromJson(c: unknown): MarshalValue {
  if (c === null || c === true || c === false) return c;
  const o = c as Record<string, unknown>;
  if ("e" in o) return PySingletonValue.Ellipsis;
  if ("i" in o) return BigInt(o.i as string);
  if ("f" in o) return floatFromHex(o.f as string);
  if ("c" in o) return new PyComplexValue(floatFromHex((o.c as string[])[0]), floatFromHex((o.c as string[])[1]));
  if ("s" in o) return o.s as string;
  if ("b" in o) return new PyBytesValue(fromHex(o.b as string));
  if ("t" in o) return new PyTupleValue((o.t as unknown[]).map(constFromJson));
  if ("fs" in o) return new PySetValue(true, (o.fs as unknown[]).map(constFromJson));
  if ("code" in o) return codeFromJson(o.code as CodeJson);
  throw new Error(`unknown constant ${JSON.stringify(c)}`);
}

function codeFromJson(j: CodeJson): CodeObject {
  // localsplus as CPython lays it out: locals, then cells that are not also locals, then frees.
  const names: string[] = [];
  const kinds: number[] = [];
  for (const n of j.varnames) {
    names.push(n);
    kinds.push(LocalKind.LOCAL | (j.cellvars.includes(n) ? LocalKind.CELL : 0));
  }
  for (const n of j.cellvars) if (!j.varnames.includes(n)) { names.push(n); kinds.push(LocalKind.CELL); }
  for (const n of j.freevars) { names.push(n); kinds.push(LocalKind.FREE); }
  return new CodeObject({
    co_argcount: j.argcount, co_posonlyargcount: j.posonly, co_kwonlyargcount: j.kwonly, co_stacksize: j.stacksize,
    co_flags: j.flags, co_code: fromHex(j.code), co_consts: j.consts.map(constFromJson), co_names: j.names,
    co_localsplusnames: names, co_localspluskinds: Uint8Array.from(kinds), co_filename: j.filename, co_name: j.name,
    co_qualname: j.qualname, co_firstlineno: j.firstlineno, co_linetable: fromHex(j.linetable),
    co_exceptiontable: fromHex(j.exceptiontable),
  });
}

async function oracleCase(source: string, filename: string, showCaches: boolean, showOffsets = false): Promise<{ code: CodeObject; dis: string }> {
  const py = await oracle();
  const flag = (b: boolean): string => (b ? "True" : "False");
  const text = py.evalJson(`__dis_case(${JSON.stringify(source)}, ${JSON.stringify(filename)}, ${flag(showCaches)}, ${flag(showOffsets)})`) as string;
  const { code, dis } = JSON.parse(text) as { code: CodeJson; dis: string };
  return { code: codeFromJson(code), dis: maskAddresses(dis) };
}

// --- reprs ------------------------------------------------------------------------------

test("float, complex, str and bytes reprs follow Python", () => {
  const floats: [number, string][] = [
    [1, "1.0"], [-0, "-0.0"], [0, "0.0"], [3.14159, "3.14159"], [1e16, "1e+16"], [1e15, "1000000000000000.0"],
    [1.5e-5, "1.5e-05"], [0.0001, "0.0001"], [1e-5, "1e-05"], [123456789012345678, "1.2345678901234568e+17"],
    [Infinity, "inf"], [-Infinity, "-inf"], [NaN, "nan"], [0.1 + 0.2, "0.30000000000000004"], [5e-324, "5e-324"],
    [1.7976931348623157e308, "1.7976931348623157e+308"], [-2.5, "-2.5"], [1e22, "1e+22"], [12345.678, "12345.678"],
  ];
  for (const [x, want] of floats) assert.equal(floatRepr(x), want, want);
  assert.equal(complexRepr(0, 1), "1j");
  assert.equal(complexRepr(1, 2), "(1+2j)");
  assert.equal(complexRepr(-0, -1), "(-0-1j)");
  assert.equal(complexRepr(1.5, Infinity), "(1.5+infj)");
  assert.equal(complexRepr(0, 2.5e-7), "2.5e-07j");
  assert.equal(strRepr("it's"), `"it's"`);
  assert.equal(strRepr(`'"`), `'\\'"'`);
  assert.equal(strRepr("a\tb\n\x00\x7f\x80\u00e9\u2028\ud800😀\\"), "'a\\tb\\n\\x00\\x7f\\x80é\\u2028\\ud800😀\\\\'");
  assert.equal(bytesRepr(Uint8Array.from([0x27, 0x41, 0x0a, 0xff])), `b"'A\\n\\xff"`);
  assert.equal(bytesRepr(Uint8Array.from([0x27, 0x22])), `b'\\'"'`);
  assert.equal(constRepr(new PyTupleValue([1n])), "(1,)");
  assert.equal(constRepr(new PyTupleValue([])), "()");
  assert.equal(constRepr(new PySetValue(true, [])), "frozenset()");
  assert.equal(constRepr(new PySetValue(true, [1n, "a"])), "frozenset({1, 'a'})");
  assert.equal(constRepr(PySingletonValue.Ellipsis), "Ellipsis");
  // Sets print in CPython's hash-table order after loading the (sorted) .pyc stream.
  assert.equal(constRepr(new PySetValue(true, [9n, 10n, 13n, 32n])), "frozenset({32, 9, 10, 13})");
  assert.equal(constRepr(new PySetValue(true, [3n, 5n, 9n])), "frozenset({9, 3, 5})");
  assert.deepEqual(cpythonSetOrder([1n, 9n, 17n]), [1n, 9n, 17n]);
  assert.deepEqual(cpythonSetOrder(["b", "a"]), ["b", "a"]); // randomised hashes: stream order
});

test("reprs agree with the oracle on awkward constants", { skip: !oracleAvailable && "the oracle (node_modules/pyodide) is not installed" }, async () => {
  const source = [
    "a = (1.5e300, 1e-7, 0.1, -0.0, 2e16, 123.456e5, 1j, 2+3j, -1-0j, 1e400j)",
    String.raw`b = ('\x00\u200b\U0001f600\ud834 \u0378 \u2029', b'\x00\"\'q', '\'"', "it's", b"'", '\\')`,
    "c = x in {1, 2, 3}",
    "c2 = (x in {9, 10, 13, 32}, x in {3, 5, 9}, x in {-1, -2, 0, 255, 256, 1000, 2**31 - 2, 7.0, None, True, 17, 25, 33})",
    `c3 = x in {${Array.from({ length: 60 }, (_, i) => i * 7 + 1).join(", ")}}`,
    "c4 = x in {1, 9, 17, 25, 33, 41, 49, 57, 65, 73, 81, 89, 97}",
    "d = (..., None, True, 10**30, -5, ((1,),))",
    "e = '\\u0897\\U0002ebf0\\U00013460'",
  ].join("\n");
  const { code, dis } = await oracleCase(source, "reprs.py", false);
  assert.equal(disassemble(code, { showCaches: false }), dis);
});

// --- the golden listings ----------------------------------------------------------------

const disDir = `${SHARED_REF}/dis`;
const sources = hasShared ? readdirSync(disDir).filter((f) => f.endsWith(".py")).sort() : [];

test("dis of code objects built from the oracle matches every golden .dis (and the oracle's show_caches=True)",
  { skip: (!hasShared && "../shared not present") || (!oracleAvailable && "the oracle (node_modules/pyodide) is not installed"), timeout: 300_000 },
  async () => {
    let matched = 0;
    for (const file of sources) {
      const source = readFileSync(`${disDir}/${file}`, "utf8");
      const golden = readFileSync(`${disDir}/${file.replace(/\.py$/, ".dis")}`, "utf8");
      const plain = await oracleCase(source, file, false);
      assert.equal(plain.dis, golden, `${file}: the oracle itself agrees with the golden`);
      assert.equal(disassemble(plain.code, { showCaches: false }), golden, file);
      const withCaches = await oracleCase(source, file, true);
      assert.equal(disassemble(withCaches.code, { showCaches: true }), withCaches.dis, `${file} -C`);
      const withOffsets = await oracleCase(source, file, true, true);
      assert.equal(disassemble(withOffsets.code, { showCaches: true, showOffsets: true }), withOffsets.dis, `${file} -C -O`);
      matched++;
    }
    console.log(`dis (code objects from JSON): ${matched}/${sources.length} sources match, plain, -C and -C with offsets`);
    assert.equal(matched, 32);
  });

// --- the whole stdlib ---------------------------------------------------------------------

const STDLIB_CASES = `
import zipfile as _zf
def __dis_stdlib_names(zpath):
    global __dis_zip
    __dis_zip = _zf.ZipFile(zpath)
    return sorted(n for n in __dis_zip.namelist() if n.endswith(".py"))
def __dis_stdlib_case(name):
    # marshal data of the module (what a .pyc holds) and dis of it loaded back, both modes
    global __dis_marshal
    __dis_marshal = _marshal.dumps(compile(__dis_zip.read(name), name, "exec", dont_inherit=True, optimize=0))
    co = _marshal.loads(__dis_marshal)
    out = []
    for caches in (False, True):
        buf = _io.StringIO()
        _dis.dis(co, file=buf, show_caches=caches)
        out.append(buf.getvalue())
    return out
`;

const stdlibZip = resolve(projectRoot, "node_modules/pyodide/python_stdlib.zip");

// About 30 s (1,056 listings, 120 MB of text), so opt-in: TSPYTHON_STDLIB_DIS=1.
const stdlibDisSkip = !existsSync(stdlibZip)
  ? "the oracle (node_modules/pyodide) is not installed"
  : process.env.TSPYTHON_STDLIB_DIS !== "1" && "slow (about 30 s): set TSPYTHON_STDLIB_DIS=1 to run";

test("dis of every stdlib module (CPython 3.13.2's marshal data, read by our marshal) matches the oracle's dis, plain and show_caches=True",
  { skip: stdlibDisSkip, timeout: 900_000 },
  async () => {
    const py = await oracle();
    py.run(STDLIB_CASES);
    py.mountHostDir(dirname(stdlibZip));
    const names = py.evalJson(`__dis_stdlib_names(${JSON.stringify(stdlibZip)})`) as string[];
    const mismatches: string[] = [];
    let characters = 0;
    for (const name of names) {
      const listings = py.evalJson(`__dis_stdlib_case(${JSON.stringify(name)})`) as [string, string];
      const code = loads(py.bytesOf("__dis_marshal"));
      assert.ok(code instanceof CodeObject, name);
      for (const showCaches of [false, true]) {
        const ours = disassemble(code, { showCaches });
        const theirs = maskAddresses(listings[showCaches ? 1 : 0]);
        if (!sameUpToSetOrder(ours, theirs)) {
          const a = ours.split("\n");
          const b = theirs.split("\n");
          let k = 0;
          while (k < a.length && a[k] === b[k]) k++;
          mismatches.push(`${name}${showCaches ? " -C" : ""}: line ${k + 1}: ours ${JSON.stringify(a[k])} CPython ${JSON.stringify(b[k])}`);
        }
        characters += ours.length;
      }
    }
    console.log(`dis of the stdlib: ${names.length} modules x 2 modes, ${mismatches.length} mismatches, ${characters} characters compared`);
    assert.deepEqual(mismatches, []);
  });

// --- tspyc --dis on the oracle's .pyc files (route 2: marshal + pyc + CLI) ----------------

class Capture {
  text = "";
  write(s: string): void {
    this.text += s;
  }
}

async function tspyc(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { runTool } = await import("../src/cli/tspycModes.js");
  const out = new Capture();
  const err = new Capture();
  const status = await runTool(argv, out, err);
  return { status, stdout: out.text, stderr: err.text };
}

test("tspyc --dis [-C] of the oracle's .pyc prints the golden .dis (and the oracle's show_caches=True listing)",
  {
    skip: (!hasShared && "../shared not present") || (!oracleAvailable && "the oracle (node_modules/pyodide) is not installed"),
    timeout: 300_000,
  },
  async () => {
    const py = await oracle();
    const dir = mkdtempSync(`${tmpdir()}/tspyc-dis-`);
    try {
      const failures: string[] = [];
      for (const file of sources) {
        const source = readFileSync(`${disDir}/${file}`, "utf8");
        const golden = readFileSync(`${disDir}/${file.replace(/\.py$/, ".dis")}`, "utf8");
        const pycPath = `${dir}/${file}c`;
        writeFileSync(pycPath, py.compilePyc(source, file));
        const plain = await tspyc(["--dis", pycPath]);
        if (plain.status !== 0 || plain.stdout !== golden) failures.push(`${file}: ${plain.stderr || "differs"}`);
        const cached = await tspyc(["--dis", "-C", pycPath]);
        const { dis } = await oracleCase(source, file, true);
        if (cached.status !== 0 || cached.stdout !== dis) failures.push(`${file} -C: ${cached.stderr || "differs"}`);
      }
      console.log(`tspyc --dis: ${sources.length * 2 - failures.length}/${sources.length * 2} listings match (plain and -C)`);
      assert.deepEqual(failures, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

test("tspyc --dis reports a bad .pyc in one Python-style line, exit 1", async () => {
  const dir = mkdtempSync(`${tmpdir()}/tspyc-dis-`);
  try {
    const cases: [string, Uint8Array][] = [
      ["bad-magic.pyc", Uint8Array.from([1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x4e])],
      ["truncated.pyc", Uint8Array.from([0xf3, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xe3, 1, 0])],
      ["empty.pyc", new Uint8Array(0)],
    ];
    for (const [name, bytes] of cases) {
      writeFileSync(`${dir}/${name}`, bytes);
      const r = await tspyc(["--dis", `${dir}/${name}`]);
      assert.equal(r.status, 1, name);
      assert.equal(r.stdout, "", name);
      assert.match(r.stderr, /^tspyc: .*: [A-Za-z]+(Error|Exception): [^\n]*\n$/, `${name}: ${r.stderr}`);
    }
    const missing = await tspyc(["--dis", `${dir}/missing.pyc`]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /FileNotFoundError: \[Errno 2\] No such file or directory/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("tspyc --dis FILE.py says the compiler is needed (exit 2) until compileSource exists", async () => {
  const compilerBuilt = existsSync(resolve(projectRoot, "dist/src/compiler/compile.js"));
  if (compilerBuilt) return; // then the .py route is the compiler's to test
  const dir = mkdtempSync(`${tmpdir()}/tspyc-dis-`);
  try {
    writeFileSync(`${dir}/m.py`, "x = 1\n");
    const r = await tspyc(["--dis", `${dir}/m.py`]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /needs the compiler/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
