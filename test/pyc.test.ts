// .pyc files: the header forms of formats.md D (worked bytes), importlib's errors for bad
// headers, source_hash (SipHash-1-3), and the oracle's .pyc files read back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CodeObject } from "../src/bytecode/code.js";
import { MarshalError, dumps, loads } from "../src/bytecode/marshal.js";
import {
  PycError, readPyc, readPycHeader, sourceHash, validateHashPyc, validateTimestampPyc, writePyc,
} from "../src/bytecode/pyc.js";
import { projectRoot } from "./helpers/paths.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const unhex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ""), "hex"));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

// marshal.dumps(compile('x = 1\n', 'm.py', 'exec')), formats.md C.5.
const MODULE = unhex(`e3 00000000 00000000 00000000 01000000 00000000
  f3 08000000 9500530072006701  29 02 e9 01000000 4e  29 01 da 01 78  a9 00  f3 00000000
  da 04 6d2e7079  da 08 3c6d6f64756c653e  72 07000000  01000000
  73 0a000000 f0030101 01d80405 8101  72 05000000`);
const moduleCode = (): CodeObject => loads(MODULE) as CodeObject;

function pycError(fn: () => unknown): [string, string] {
  try {
    fn();
  } catch (e) {
    if (e instanceof PycError || e instanceof MarshalError) return [e.pyType, e.message];
    throw e;
  }
  return ["", "no error"];
}

test("sourceHash is importlib.util.source_hash", () => {
  assert.equal(hex(sourceHash(utf8("x = 1\n"))), "e786e2893651120e"); // formats.md D
  assert.equal(hex(sourceHash(new Uint8Array(0))), "27ec6d312f93b814");
  assert.equal(hex(sourceHash(utf8("12345678"))), "e0c23e34a5a68379");
  assert.equal(hex(sourceHash(utf8("abcdefghijklmno"))), "07ffe9629adc11c0");
  const ramp = new Uint8Array(768).map((_, i) => i & 0xff);
  assert.equal(hex(sourceHash(ramp)), "3550f6ee2d7aa57f");
});

test("formats.md D: timestamp, checked-hash and unchecked-hash headers", () => {
  const code = moduleCode();
  const timestamp = writePyc(code, { mtime: 1700000000, sourceSize: 6 });
  assert.equal(hex(timestamp.subarray(0, 16)), "f30d0d0a0000000000f1536506000000");
  const hash = sourceHash(utf8("x = 1\n"));
  const checked = writePyc(code, { sourceHash: hash, checkSource: true });
  assert.equal(hex(checked.subarray(0, 16)), "f30d0d0a03000000e786e2893651120e");
  const unchecked = writePyc(code, { sourceHash: hash, checkSource: false });
  assert.equal(hex(unchecked.subarray(0, 16)), "f30d0d0a01000000e786e2893651120e");
  // Sizes and times are masked to 32 bits, as importlib's _pack_uint32 does.
  const wrapped = writePyc(code, { mtime: 2 ** 33 + 5, sourceSize: 2 ** 32 + 7 });
  assert.equal(hex(wrapped.subarray(0, 16)), "f30d0d0a000000000500000007000000");
  assert.deepEqual(timestamp.subarray(16), dumps(code));

  const read = readPyc(timestamp, "m.pyc");
  assert.deepEqual(read.header, { magic: 3571, flags: 0, mtime: 1700000000, sourceSize: 6, sourceHash: null });
  assert.deepEqual(read.code, code);
  const readHash = readPyc(checked).header;
  assert.deepEqual(readHash, { magic: 3571, flags: 3, mtime: 0, sourceSize: 0, sourceHash: hash });
  validateHashPyc(readHash, hash, "m");
  validateTimestampPyc(read.header, 1700000000.9, 6, "m");
});

test("bad headers fail with importlib's exception and message", () => {
  const body = MODULE;
  const withHeader = (header: string): Uint8Array => {
    const h = unhex(header);
    const out = new Uint8Array(h.length + body.length);
    out.set(h);
    out.set(body, h.length);
    return out;
  };
  assert.deepEqual(pycError(() => readPyc(new Uint8Array(0), "mod")), ["ImportError", "bad magic number in 'mod': b''"]);
  assert.deepEqual(pycError(() => readPyc(unhex("f30d"), "mod")), ["ImportError", "bad magic number in 'mod': b'\\xf3\\r'"]);
  assert.deepEqual(pycError(() => readPyc(withHeader("01020304 00000000 00000000 00000000"), "mod")),
    ["ImportError", "bad magic number in 'mod': b'\\x01\\x02\\x03\\x04'"]);
  assert.deepEqual(pycError(() => readPyc(unhex("f30d0d0a 0000"), "mod")), ["EOFError", "reached EOF while reading pyc header of 'mod'"]);
  assert.deepEqual(pycError(() => readPyc(withHeader("f30d0d0a 04000000 00000000 00000000"), "mod")), ["ImportError", "invalid flags 4 in 'mod'"]);
  assert.deepEqual(pycError(() => readPyc(unhex("f30d0d0a 00000000 00000000 00000000 e9 01000000"), "x/y.pyc")),
    ["ImportError", "Non-code object in 'x/y.pyc'"]);
  assert.deepEqual(pycError(() => readPyc(unhex("f30d0d0a 00000000 00000000 00000000"), "mod")),
    ["EOFError", "EOF read where object expected"]);
  assert.deepEqual(pycError(() => readPyc(withHeader("f30d0d0a 00000000 00000000 00000000").subarray(0, 40), "mod")),
    ["EOFError", "marshal data too short"]);
  const header = readPycHeader(withHeader("f30d0d0a 00000000 00000000 00000000"), "mod");
  assert.deepEqual(pycError(() => validateTimestampPyc(header, 5, 0, "mod")), ["ImportError", "bytecode is stale for 'mod'"]);
  const hashed = readPycHeader(withHeader("f30d0d0a 01000000 0000000000000000"), "mod");
  assert.deepEqual(pycError(() => validateHashPyc(hashed, new Uint8Array(8).fill(1), "mod")),
    ["ImportError", "hash in bytecode doesn't match hash of source 'mod'"]);
});

const oracleAvailable = existsSync(resolve(projectRoot, "node_modules/pyodide/package.json"));

test("the oracle's .pyc files read here, and ours are what importlib writes and loads", { skip: !oracleAvailable && "the oracle is not installed", timeout: 120_000 }, async () => {
  interface OracleLike {
    run(code: string): void;
    compilePyc(source: string, filename: string): Uint8Array;
    bytesOf(expr: string): Uint8Array;
    pyodide: { globals: { get(name: string): (...args: unknown[]) => string } };
  }
  const { loadOracle } = (await import(pathToFileURL(resolve(projectRoot, "tools/oracle.mjs")).href)) as { loadOracle: () => Promise<OracleLike> };
  const py = await loadOracle();
  const source = "import sys\ndef f(a, *, b=2):\n    return [x * b for x in a if x in {1, 2}]\nclass C:\n    y = f'{sys.version!r:>10}'\n";
  const cpython = py.compilePyc(source, "sample.py");
  const { code } = readPyc(cpython, "sample.py");
  assert.equal(code.co_filename, "sample.py");
  py.run(`
import importlib._bootstrap_external as _be, importlib.util as _iu, marshal as _m
def __pyc_check(data, src, mtime, size):
    data = data.to_bytes()
    ref = compile(src, "sample.py", "exec", dont_inherit=True, optimize=0)
    expected = bytes(_be._code_to_timestamp_pyc(ref, mtime, size))
    if data[:16] != expected[:16]:
        return "header %s != %s" % (data[:16].hex(), expected[:16].hex())
    flags = _be._classify_pyc(data, "sample", {})
    _be._validate_timestamp_pyc(data, mtime, size, "sample", {})
    co = _be._compile_bytecode(memoryview(data)[16:], "sample", "sample.pyc")
    return "" if co == ref else "code objects differ"
`);
  const check = py.pyodide.globals.get("__pyc_check");
  const ours = writePyc(code, { mtime: 1234567890, sourceSize: source.length });
  assert.equal(check(ours, source, 1234567890, source.length), "");
  const hashBased = writePyc(code, { sourceHash: sourceHash(utf8(source)), checkSource: true });
  const expectedHeader = py.bytesOf(`__import__('importlib.util').util.MAGIC_NUMBER + b'\\x03\\0\\0\\0' + __import__('importlib.util').util.source_hash(${JSON.stringify(source)}.encode())`);
  assert.equal(hex(hashBased.subarray(0, 16)), hex(expectedHeader));
});
