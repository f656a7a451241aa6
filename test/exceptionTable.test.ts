// co_exceptiontable: encoder/decoder round trips, the worked bytes of formats.md, and the
// handler lookup against a linear scan on every code object of the stdlib as CPython 3.13.2
// (the pyodide oracle) compiles it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CodeObject } from "../src/bytecode/code.js";
import {
  decodeExceptionTable, encodeExceptionTable, ExceptionHandlerIndex, type ExceptionTableEntry,
} from "../src/bytecode/exceptionTable.js";
import { projectRoot } from "./helpers/paths.js";

const hex = (s: string): Uint8Array => Uint8Array.from(s.split(/\s+/).filter((b) => b !== "").map((b) => parseInt(b, 16)));
const entry = (start: number, end: number, target: number, depth: number, lasti: boolean): ExceptionTableEntry => ({
  start, end, target, depth, lasti,
});

function codeWithTable(table: Uint8Array, units: number): CodeObject {
  return new CodeObject({
    co_argcount: 0, co_posonlyargcount: 0, co_kwonlyargcount: 0, co_stacksize: 0, co_flags: 0,
    co_code: new Uint8Array(units * 2), co_consts: [], co_names: [], co_localsplusnames: [],
    co_localspluskinds: new Uint8Array(0), co_filename: "t.py", co_name: "f", co_qualname: "f",
    co_firstlineno: 1, co_linetable: new Uint8Array(0), co_exceptiontable: table,
  });
}

/** The reference answer: the first entry covering the offset, by walking all entries. */
function linearLookup(entries: readonly ExceptionTableEntry[], offset: number): number {
  for (let i = 0; i < entries.length; i++) if (entries[i].start <= offset && offset < entries[i].end) return i;
  return -1;
}

test("formats.md A.2-A.5: worked examples decode and re-encode byte for byte", () => {
  const examples: [string, ExceptionTableEntry[]][] = [
    ["82 04 07 00  87 0a 14 03  93 01 14 03", [entry(2, 6, 7, 0, false), entry(7, 17, 20, 1, true), entry(19, 20, 20, 1, true)]],
    ["82 06 08 01", [entry(2, 8, 8, 0, true)]],
    ["82 41 10 41 13 00   c1 13 0a 41 20 03   c1 1f 01 41 20 03",
      [entry(2, 82, 83, 0, false), entry(83, 93, 96, 1, true), entry(95, 96, 96, 1, true)]],
    ["fe 20 00 00 00", [entry(4000, 4000, 0, 0, false)]],
    ["", []],
  ];
  for (const [bytes, entries] of examples) {
    assert.deepEqual(decodeExceptionTable(hex(bytes)), entries, bytes);
    assert.deepEqual(encodeExceptionTable(entries), hex(bytes), bytes);
  }
});

test("malformed tables raise instead of misreading", () => {
  assert.throws(() => decodeExceptionTable(hex("02 04 07 00")), /does not start/);
  assert.throws(() => decodeExceptionTable(hex("82 04 07")), /truncated/);
  assert.throws(() => decodeExceptionTable(hex("82 44")), /truncated/);
});

/** mulberry32: a small seeded generator, so failures reproduce. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test("random tables round-trip and lookup agrees with a linear scan (seeded)", () => {
  const rand = seededRandom(20241126);
  const int = (n: number): number => Math.floor(rand() * n);
  // Magnitudes across the varint chunk boundaries (64, 4096, 262144, ...).
  const magnitude = (): number => [64, 4096, 262144, 1 << 24, 2 ** 31][int(5)];
  for (let round = 0; round < 2000; round++) {
    const entries: ExceptionTableEntry[] = [];
    let at = int(3) === 0 ? 0 : int(magnitude());
    const count = int(12);
    for (let k = 0; k < count; k++) {
      const start = at + (int(2) ? 0 : int(magnitude()));
      const end = start + 1 + int(int(4) === 0 ? magnitude() : 40);
      entries.push(entry(start, end, int(magnitude()), int(int(3) === 0 ? magnitude() : 8), rand() < 0.5));
      at = end;
    }
    const bytes = encodeExceptionTable(entries);
    assert.deepEqual(decodeExceptionTable(bytes), entries);
    // The 0x80 marker is on the first byte of each entry and nowhere else.
    assert.equal(bytes.filter((b) => (b & 0x80) !== 0).length, entries.length);
    if (at < 5000) {
      const index = new ExceptionHandlerIndex(entries);
      for (let off = 0; off <= at + 1; off++) assert.equal(index.lookup(off), linearLookup(entries, off), `offset ${off}`);
    }
  }
});

test("ExceptionHandlerIndex.of caches per code object and returns the entries", () => {
  const table = hex("82 04 07 00  87 0a 14 03  93 01 14 03");
  const code = codeWithTable(table, 23);
  const index = ExceptionHandlerIndex.of(code);
  assert.equal(ExceptionHandlerIndex.of(code), index);
  assert.deepEqual([0, 1, 2, 5, 6, 7, 16, 17, 18, 19, 20].map((o) => index.lookup(o)), [-1, -1, 0, 0, -1, 1, 1, -1, -1, 2, -1]);
  assert.deepEqual(index.entry(1), entry(7, 17, 20, 1, true));
});

// --- the stdlib, as CPython 3.13.2 compiles it --------------------------------------

interface OracleLike {
  mountHostDir(dir: string): void;
  stdlibZip(): string | null;
  run(code: string): void;
  evalJson(expr: string): unknown;
  bytesOf(expr: string): Uint8Array;
}

// Per code object: name, units (len(co_code)//2), the table and CPython's own decoding
// (dis._parse_exception_table, in bytes) flattened into one int array.
const DUMP_EXCEPTION_TABLES = `
import zipfile as _zf, dis as _dis, array as _ar, json as _js
def _walk(co):
    yield co
    for c in co.co_consts:
        if hasattr(c, "co_code"):
            yield from _walk(c)
def __exc_dump(zpath):
    z = _zf.ZipFile(zpath)
    names = sorted(n for n in z.namelist() if n.endswith(".py"))
    meta, blob, ints = [], bytearray(), _ar.array("q")
    files = 0
    for n in names:
        try:
            co = compile(z.read(n), n, "exec", dont_inherit=True, optimize=0)
        except Exception:
            continue
        files += 1
        for c in _walk(co):
            ents = _dis._parse_exception_table(c)
            meta.append([n + ":" + c.co_qualname, len(c.co_code) // 2, len(blob), len(c.co_exceptiontable), len(ints), len(ents)])
            blob += c.co_exceptiontable
            for e in ents:
                ints.extend((e.start, e.end, e.target, e.depth, int(e.lasti)))
    return _js.dumps({"files": files, "meta": meta}), bytes(blob), ints.tobytes()
`;

const stdlibZip = resolve(projectRoot, "node_modules/pyodide/python_stdlib.zip");
const oracleAvailable = existsSync(resolve(projectRoot, "tools/oracle.mjs")) && existsSync(stdlibZip);

test("stdlib: decode agrees with dis._parse_exception_table, encode restores the bytes, lookup agrees with a linear scan on every offset",
  { skip: !oracleAvailable && "the oracle (node_modules/pyodide) is not installed", timeout: 600_000 },
  async () => {
    const mod = (await import(pathToFileURL(resolve(projectRoot, "tools/oracle.mjs")).href)) as { loadOracle(): Promise<OracleLike> };
    const py = await mod.loadOracle();
    py.mountHostDir(dirname(stdlibZip));
    py.run(DUMP_EXCEPTION_TABLES);
    py.run(`__exc_res = __exc_dump(${JSON.stringify(stdlibZip)})`);
    const { files, meta } = JSON.parse(py.evalJson("__exc_res[0]") as string) as { files: number; meta: [string, number, number, number, number, number][] };
    const blob = py.bytesOf("__exc_res[1]");
    const intBytes = py.bytesOf("__exc_res[2]");
    const ints = new BigInt64Array(intBytes.buffer, intBytes.byteOffset, intBytes.byteLength / 8);
    let entriesSeen = 0;
    let offsetsChecked = 0;
    for (const [name, units, tableAt, tableLen, intsAt, count] of meta) {
      const table = blob.subarray(tableAt, tableAt + tableLen);
      const expected: ExceptionTableEntry[] = [];
      for (let k = 0; k < count; k++) {
        const p = intsAt + k * 5;
        // dis reports byte offsets; the table is in code units.
        expected.push(entry(Number(ints[p]) / 2, Number(ints[p + 1]) / 2, Number(ints[p + 2]) / 2, Number(ints[p + 3]), ints[p + 4] !== 0n));
      }
      const decoded = decodeExceptionTable(table);
      assert.deepEqual(decoded, expected, name);
      assert.deepEqual(encodeExceptionTable(decoded), table, name);
      const index = ExceptionHandlerIndex.of(codeWithTable(table, units));
      for (let off = 0; off < units; off++) {
        if (index.lookup(off) !== linearLookup(decoded, off)) assert.fail(`${name}: lookup(${off})`);
      }
      entriesSeen += count;
      offsetsChecked += units;
    }
    console.log(`exception tables: ${files} files, ${meta.length} code objects, ${entriesSeen} entries, ${offsetsChecked} offsets looked up`);
    assert.equal(files, 528);
    assert.equal(meta.length, 16295);
  });
