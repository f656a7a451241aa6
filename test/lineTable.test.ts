// co_linetable: the worked bytes of formats.md B, and on every code object of the stdlib as
// CPython 3.13.2 (the pyodide oracle) compiles it: the encoder reproduces co_linetable byte
// for byte from co_positions(), and the decoder gives CPython's co_positions() and co_lines().
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CodeObject } from "../src/bytecode/code.js";
import {
  codeLines, codePositions, decodeLocationTable, encodeLocationTable, lineForOffset, type Location, type LocationSpan,
} from "../src/bytecode/lineTable.js";
import { projectRoot } from "./helpers/paths.js";

const hex = (s: string): Uint8Array => Uint8Array.from(s.split(/[\s|]+/).filter((b) => b !== "").map((b) => parseInt(b, 16)));
const N = -1;
const loc = (lineno: number, endLineno: number, col: number, endCol: number): Location => ({ lineno, endLineno, col, endCol });
const span = (units: number, lineno: number, endLineno: number, col: number, endCol: number): LocationSpan => ({
  units, lineno, endLineno, col, endCol,
});

function codeWithLines(table: Uint8Array, firstlineno: number, units: number): CodeObject {
  return new CodeObject({
    co_argcount: 0, co_posonlyargcount: 0, co_kwonlyargcount: 0, co_stacksize: 0, co_flags: 0,
    co_code: new Uint8Array(units * 2), co_consts: [], co_names: [], co_localsplusnames: [],
    co_localspluskinds: new Uint8Array(0), co_filename: "t.py", co_name: "f", co_qualname: "f",
    co_firstlineno: firstlineno, co_linetable: table, co_exceptiontable: new Uint8Array(0),
  });
}

/** Positions per unit -> runs of equal positions (what the assembler hands the encoder). */
function toSpans(positions: readonly Location[]): LocationSpan[] {
  const spans: LocationSpan[] = [];
  for (const p of positions) {
    const last = spans[spans.length - 1];
    if (last && last.lineno === p.lineno && last.endLineno === p.endLineno && last.col === p.col && last.endCol === p.endCol) last.units++;
    else spans.push({ units: 1, ...p });
  }
  return spans;
}

test("formats.md B.5: x = 1", () => {
  const table = hex("f0 03 01 01 01  d8 04 05  81 01");
  const code = codeWithLines(table, 1, 4);
  assert.deepEqual(codePositions(code), [loc(0, 1, 0, 0), loc(1, 1, 4, 5), loc(1, 1, 0, 1), loc(1, 1, 0, 1)]);
  assert.deepEqual(encodeLocationTable(toSpans(codePositions(code)), 1), table);
  assert.deepEqual(codeLines(code), [[0, 2, 0], [2, 8, 1]]);
  assert.deepEqual(code.co_lines(), codeLines(code));
});

test("formats.md B.6: generator (no column, no location)", () => {
  const table = hex("e9 00  80 00  d8 0a 0b  83 47  f9");
  assert.deepEqual(decodeLocationTable(table, 1), [
    span(2, 1, 1, N, N), span(1, 1, 1, 0, 0), span(1, 2, 2, 10, 11), span(4, 2, 2, 4, 11), span(2, N, N, N, N),
  ]);
  assert.deepEqual(encodeLocationTable(decodeLocationTable(table, 1), 1), table);
  const code = codeWithLines(table, 1, 10);
  assert.deepEqual(codeLines(code), [[0, 6, 1], [6, 16, 2], [16, 20, N]]);
  assert.equal(lineForOffset(code, 8), 2);
  assert.equal(lineForOffset(code, 18), N);
  assert.equal(lineForOffset(code, 20), N);
});

test("formats.md B.7: multi-line spans, runs over 8 units, negative delta, wide columns", () => {
  const table = hex("80 00 | d8 08 09 | 8f 07 | 89 07 | f3 00 01 09 0a | df 0a 0f | 89 25 | 8b 27 | f0 03 00 05 06 | e0 0b 0c | 80 48");
  const spans = [
    span(1, 1, 1, 0, 0), span(1, 2, 2, 8, 9), span(10, 2, 2, 8, 15), span(4, 2, 3, 8, 9),
    span(10, 3, 3, 10, 15), span(4, 3, 3, 10, 17), span(1, 2, 2, 4, 5), span(1, 4, 4, 11, 12), span(1, 4, 4, 4, 12),
  ];
  assert.deepEqual(encodeLocationTable(spans, 1), table);
  // Split spans of the same location merge the way CPython merges instructions.
  assert.deepEqual(encodeLocationTable([span(3, 2, 2, 8, 15), span(7, 2, 2, 8, 15)], 2), hex("8f 07 89 07"));
  const code = codeWithLines(table, 1, 33);
  assert.deepEqual(codeLines(code), [[0, 2, 1], [2, 32, 2], [32, 60, 3], [60, 62, 2], [62, 66, 4]]);
  // Column 141 on line 10 after line 5: the long form with 2-chunk varints.
  assert.deepEqual(encodeLocationTable([span(1, 10, 10, 141, 142)], 5), hex("f0 0a 00 4e 02 4f 02"));
  assert.deepEqual(decodeLocationTable(hex("f0 0a 00 4e 02 4f 02"), 5), [span(1, 10, 10, 141, 142)]);
});

test("malformed tables raise", () => {
  assert.throws(() => decodeLocationTable(hex("00"), 1), /marker/);
  assert.throws(() => decodeLocationTable(hex("f0 03"), 1), /truncated/);
});

// --- the stdlib, as CPython 3.13.2 compiles it --------------------------------------

interface OracleLike {
  mountHostDir(dir: string): void;
  run(code: string): void;
  evalJson(expr: string): unknown;
  bytesOf(expr: string): Uint8Array;
}

// Per code object: co_linetable, co_firstlineno, len(co_code)//2, co_positions() as runs of
// equal positions (count, line, end_line, col, end_col; None -> -1) and co_lines().
const DUMP_LOCATION_TABLES = `
import zipfile as _zf, array as _ar, json as _js
def _walk(co):
    yield co
    for c in co.co_consts:
        if hasattr(c, "co_code"):
            yield from _walk(c)
def _n(v):
    return -1 if v is None else v
def __lt_dump(zpath):
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
            pos_at = len(ints)
            runs = 0
            last = None
            for p in c.co_positions():
                if p == last:
                    ints[-5] += 1
                    continue
                last = p
                runs += 1
                ints.extend((1, _n(p[0]), _n(p[1]), _n(p[2]), _n(p[3])))
            lines_at = len(ints)
            lines = list(c.co_lines())
            for s, e, l in lines:
                ints.extend((s, e, _n(l)))
            meta.append([n + ":" + c.co_qualname, c.co_firstlineno, len(c.co_code) // 2, len(blob), len(c.co_linetable), pos_at, runs, lines_at, len(lines)])
            blob += c.co_linetable
    return _js.dumps({"files": files, "meta": meta}), bytes(blob), ints.tobytes()
`;

const stdlibZip = resolve(projectRoot, "node_modules/pyodide/python_stdlib.zip");
const oracleAvailable = existsSync(resolve(projectRoot, "tools/oracle.mjs")) && existsSync(stdlibZip);

test("stdlib: encoder reproduces co_linetable from co_positions(); decoder gives co_positions() and co_lines()",
  { skip: !oracleAvailable && "the oracle (node_modules/pyodide) is not installed", timeout: 600_000 },
  async () => {
    const mod = (await import(pathToFileURL(resolve(projectRoot, "tools/oracle.mjs")).href)) as { loadOracle(): Promise<OracleLike> };
    const py = await mod.loadOracle();
    py.mountHostDir(dirname(stdlibZip));
    py.run(DUMP_LOCATION_TABLES);
    py.run(`__lt_res = __lt_dump(${JSON.stringify(stdlibZip)})`);
    const { files, meta } = JSON.parse(py.evalJson("__lt_res[0]") as string) as {
      files: number; meta: [string, number, number, number, number, number, number, number, number][];
    };
    const blob = py.bytesOf("__lt_res[1]");
    const intBytes = py.bytesOf("__lt_res[2]");
    const ints = new BigInt64Array(intBytes.buffer, intBytes.byteOffset, intBytes.byteLength / 8);
    const num = (i: number): number => Number(ints[i]);
    let units = 0;
    let tableBytes = 0;
    for (const [name, firstlineno, codeUnits, tableAt, tableLen, posAt, runs, linesAt, lineCount] of meta) {
      const table = blob.subarray(tableAt, tableAt + tableLen);
      const spans: LocationSpan[] = [];
      for (let k = 0; k < runs; k++) {
        const p = posAt + k * 5;
        spans.push(span(num(p), num(p + 1), num(p + 2), num(p + 3), num(p + 4)));
      }
      const encoded = encodeLocationTable(spans, firstlineno);
      if (!encoded.every((b, i) => b === table[i]) || encoded.length !== table.length) {
        assert.deepEqual(Array.from(encoded), Array.from(table), `${name}: encoded table`);
      }
      const code = codeWithLines(table, firstlineno, codeUnits);
      const positions = codePositions(code);
      assert.equal(positions.length, codeUnits, `${name}: co_positions() length`);
      assert.deepEqual(toSpans(positions), spans, `${name}: co_positions()`);
      const expectedLines: [number, number, number][] = [];
      for (let k = 0; k < lineCount; k++) {
        const p = linesAt + k * 3;
        expectedLines.push([num(p), num(p + 1), num(p + 2)]);
      }
      assert.deepEqual(codeLines(code), expectedLines, `${name}: co_lines()`);
      for (const [start, end, line] of expectedLines) {
        if (lineForOffset(code, start) !== line || lineForOffset(code, end - 2) !== line) assert.fail(`${name}: lineForOffset(${start})`);
      }
      units += codeUnits;
      tableBytes += tableLen;
    }
    console.log(`location tables: ${files} files, ${meta.length} code objects, ${units} code units, ${tableBytes} table bytes, all identical`);
    assert.equal(files, 528);
    assert.equal(meta.length, 16295);
  });
