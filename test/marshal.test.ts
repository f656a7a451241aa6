// marshal: every type both ways, the worked bytes of formats.md (section C), CPython 3.13's
// errors for bad input, and a round trip of values through the oracle (CPython 3.13.2).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { MarshalError, dumps, loads } from "../src/bytecode/marshal.js";
import { CodeObject } from "../src/bytecode/code.js";
import {
  PyBytesValue, PyComplexValue, PyDictValue, PyListValue, PySetValue, PySingletonValue, PyTupleValue,
  type MarshalValue,
} from "../src/bytecode/values.js";
import { projectRoot } from "./helpers/paths.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const unhex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ""), "hex"));
const tuple = (...items: MarshalValue[]): PyTupleValue => new PyTupleValue(items);
const bytes = (...values: number[]): PyBytesValue => new PyBytesValue(Uint8Array.from(values));

function loadError(data: Uint8Array): [string, string] | null {
  try {
    loads(data);
    return null;
  } catch (e) {
    if (e instanceof MarshalError) return [e.pyType, e.message];
    throw e;
  }
}

// --- formats.md C.1: the example bytes ------------------------------------------------

test("formats.md C.1 examples: CPython's bytes for each type (values held in a tuple carry FLAG_REF)", () => {
  const cases: [MarshalValue, string][] = [
    [1n, "e9 01 00 00 00"],
    [-1n, "e9 ff ff ff ff"],
    [2n ** 31n, "ec 03 00 00 00  00 00 00 00 02 00"],
    [-(2n ** 31n) - 1n, "ec fd ff ff ff  01 00 00 00 02 00"],
    [-(2n ** 40n), "ec fd ff ff ff  00 00 00 00 00 04"],
    [1.5, "e7 00 00 00 00 00 00 f8 3f"],
    [-2.0, "e7 00 00 00 00 00 00 00 c0"],
    [new PyComplexValue(0, 2), "f9 0000000000000000 0000000000000040"],
    [bytes(0x61, 0x62), "f3 02 00 00 00 61 62"],
    ["é", "f4 02 00 00 00 c3 a9"],
    [tuple(1n, "a"), "a9 02 e9 01 00 00 00 da 01 61"],
    [new PySetValue(true, [3n]), "be 01 00 00 00 e9 03 00 00 00"],
    [new PyListValue([1n]), "db 01 00 00 00 e9 01 00 00 00"],
    [new PyDictValue([[1n, 2n]]), "fb e9 01 00 00 00 e9 02 00 00 00 30"],
    [new PySetValue(false, [3n]), "bc 01 00 00 00 e9 03 00 00 00"],
  ];
  for (const [value, expected] of cases) {
    assert.equal(hex(dumps(value)), hex(unhex(expected)), String(value));
    assert.deepEqual(loads(unhex(expected)), value);
  }
  const big = dumps(new PyTupleValue(Array.from({ length: 300 }, (_, i) => BigInt(i))));
  assert.equal(hex(big.subarray(0, 10)), "a82c010000e900000000");
});

test("formats.md C.2: sets and frozensets are written sorted by their items' marshal bytes", () => {
  // As a constant of a code object, where (as in CPython) these strings are interned ('Z').
  const fruit = new PySetValue(true, ["banana", "apple", "cherry", "date", "elderberry", 1n, 2.5, tuple(1n, 2n)]);
  const back = (loads(dumps(sampleCode([fruit]))) as CodeObject).co_consts[0] as PySetValue;
  assert.deepEqual(back.items, [tuple(1n, 2n), "date", "apple", "banana", "cherry", "elderberry", 2.5, 1n]);
  // Outside code objects strings are not interned ('z' sorts after floats and ints).
  const plain = loads(dumps(fruit)) as PySetValue;
  assert.deepEqual(plain.items, [tuple(1n, 2n), 2.5, 1n, "date", "apple", "banana", "cherry", "elderberry"]);
  // The second 1 is written as a reference to the 1 inside the tuple.
  assert.equal(hex(dumps(fruit)).split("e901000000").length, 2);
});

test("formats.md C.3/C.5: a consts tuple and the 99-byte module of 'x = 1'", () => {
  const consts = loads(unhex("a9 02 3e 02 00 00 00 da 01 61 da 01 62 4e"));
  assert.deepEqual(consts, tuple(new PySetValue(true, ["a", "b"]), null));
  const module = unhex(`e3 00000000 00000000 00000000 01000000 00000000
    f3 08000000 9500530072006701  29 02 e9 01000000 4e  29 01 da 01 78  a9 00  f3 00000000
    da 04 6d2e7079  da 08 3c6d6f64756c653e  72 07000000  01000000
    73 0a000000 f0030101 01d80405 8101  72 05000000`);
  assert.equal(module.length, 99);
  const code = loads(module);
  assert.ok(code instanceof CodeObject);
  assert.equal(code.co_stacksize, 1);
  assert.equal(hex(code.co_code), "9500530072006701");
  assert.deepEqual(code.co_consts, [1n, null]);
  assert.deepEqual(code.co_names, ["x"]);
  assert.deepEqual(code.co_localsplusnames, []);
  assert.equal(code.co_filename, "m.py");
  assert.equal(code.co_name, "<module>");
  assert.equal(code.co_qualname, "<module>");
  assert.equal(code.co_firstlineno, 1);
  assert.equal(hex(code.co_linetable), "f003010101d80405" + "8101");
  assert.equal(code.co_exceptiontable.length, 0);
  // Our dumps reads back to the same fields (its FLAG_REF bits are its own choice).
  assert.deepEqual(loads(dumps(code)), code);
});

// --- every type both ways ----------------------------------------------------------------

test("every type survives dumps -> loads", () => {
  const values: MarshalValue[] = [
    null, true, false, PySingletonValue.Ellipsis, PySingletonValue.StopIteration,
    0n, 1n, -1n, 2n ** 31n - 1n, -(2n ** 31n), 2n ** 31n, 2n ** 63n, -(2n ** 100n), 7n ** 500n, -(3n ** 2000n),
    0.0, -0.0, 1.5, 1e308, 5e-324, Infinity, -Infinity,
    new PyComplexValue(1.5, -2), new PyComplexValue(-0, Infinity),
    "", "a", "abc", "a b", "é", "€", "😀", "x".repeat(300), "é".repeat(300), "\ud800", "a\udfffb",
    bytes(), bytes(0, 1, 255), new PyBytesValue(new Uint8Array(70000).fill(7)),
    tuple(), tuple(tuple(), tuple(1n, "a")), new PyTupleValue(Array.from({ length: 256 }, () => null)),
    new PyListValue([]), new PyListValue([1n, new PyListValue([])]),
    new PyDictValue([]), new PyDictValue([["k", new PyListValue([])], [1n, 2.5]]),
    new PySetValue(false, []), new PySetValue(true, []), new PySetValue(true, [1n, "a", tuple(2n)]),
  ];
  for (const value of values) {
    for (const version of [4, 3, 2, 1, 0]) {
      const back = loads(dumps(value, version));
      if (typeof value === "number" && typeof back === "number") assert.ok(Object.is(back, value), `${value} v${version}`);
      else if (value instanceof PySetValue) {
        assert.ok(back instanceof PySetValue && back.frozen === value.frozen);
        assert.deepEqual(new Set(back.items.map((x) => hex(dumps(x)))), new Set(value.items.map((x) => hex(dumps(x)))));
      } else assert.deepEqual(back, value, `${String(value)} v${version}`);
    }
  }
  assert.ok(Number.isNaN(loads(dumps(NaN)) as number));
});

test("the old forms: 'f'/'x' text floats, 'I' 64-bit ints, and what versions < 4 write", () => {
  assert.equal(loads(unhex("66 03 312e35")), 1.5);
  assert.equal(loads(unhex("66 03 696e66")), Infinity);
  assert.equal(loads(unhex("66 09 2b496e66696e697479")), Infinity);
  assert.equal(loads(unhex("66 02 2e35")), 0.5);
  assert.equal(loads(unhex("66 03 31 00 32")), 1.0); // read as a C string: up to the NUL
  assert.deepEqual(loads(unhex("78 01 31 01 32")), new PyComplexValue(1, 2));
  assert.equal(loads(unhex("49 0100000000000080")), -9223372036854775807n);
  assert.equal(hex(dumps(0.1, 1).subarray(0, 2)), "6613"); // 'f', 19 characters, no FLAG_REF before version 3
  assert.equal(Buffer.from(dumps(0.1, 1).subarray(2)).toString("latin1"), "0.10000000000000001");
  assert.equal(Buffer.from(dumps(1e300, 0).subarray(2)).toString("latin1"), "1.0000000000000001e+300");
  assert.equal(Buffer.from(dumps(100.0, 0).subarray(2)).toString("latin1"), "100");
  assert.equal(hex(dumps("ab", 3)), "f5020000006162"); // no short ASCII form before version 4
  assert.equal(hex(dumps(tuple(), 3)), "a800000000");
  assert.equal(hex(dumps(tuple(1n, 1n), 2)), "2802000000" + "6901000000".repeat(2)); // no references before 3
});

// --- interning and references in code objects ----------------------------------------------

function sampleCode(consts: MarshalValue[]): CodeObject {
  return new CodeObject({
    co_argcount: 1, co_posonlyargcount: 0, co_kwonlyargcount: 0, co_stacksize: 2, co_flags: 3,
    co_code: Uint8Array.from([0x95, 0, 0x53, 0]), co_consts: consts, co_names: ["print", "a b"],
    co_localsplusnames: ["x", ".0"], co_localspluskinds: Uint8Array.from([0x20, 0x20]),
    co_filename: "dir/my file.py", co_name: "f", co_qualname: "f.<locals>.g", co_firstlineno: 7,
    co_linetable: Uint8Array.from([1, 2]), co_exceptiontable: new Uint8Array(0),
  });
}

/** The str type codes of a dump, in stream order: [type byte, text]. */
function strForms(data: Uint8Array): [number, string][] {
  const forms: [number, string][] = [];
  for (let i = 0; i < data.length; i++) {
    const t = data[i] & 0x7f;
    if ((t === 0x5a || t === 0x7a) && i + 1 < data.length) {
      const n = data[i + 1];
      const text = Buffer.from(data.subarray(i + 2, i + 2 + n)).toString("latin1");
      if (/^[ -~]*$/.test(text) && i + 2 + n <= data.length) forms.push([data[i], text]);
    }
  }
  return forms;
}

test("code objects: names, co_filename/co_name/co_qualname and identifier-like constants are interned", () => {
  const code = sampleCode(["doc string", "ident_1", "", "x", tuple("in_tuple", "not one"), new PySetValue(true, ["fs_item", "f s"])]);
  const data = dumps(code);
  const forms = new Map(strForms(data).map(([t, s]) => [s, t & 0x7f]));
  const Z = 0x5a, z = 0x7a;
  assert.equal(forms.get("doc string"), z);
  assert.equal(forms.get("ident_1"), Z);
  assert.equal(forms.get(""), Z);
  assert.equal(forms.get("x"), Z);
  assert.equal(forms.get("in_tuple"), Z);
  assert.equal(forms.get("not one"), z);
  assert.equal(forms.get("fs_item"), Z);
  assert.equal(forms.get("f s"), z);
  assert.equal(forms.get("print"), Z);
  assert.equal(forms.get("a b"), Z);
  assert.equal(forms.get(".0"), Z);
  assert.equal(forms.get("dir/my file.py"), Z);
  assert.equal(forms.get("f.<locals>.g"), Z);
  const back = loads(data) as CodeObject;
  assert.deepEqual(back, code);
  assert.deepEqual(back.co_varnames, ["x", ".0"]);
});

test("a class body's __qualname__ constant is interned (it is co_qualname's object), a function's equal literal is not", () => {
  const classBody = sampleCode(["f.<locals>.g", tuple("f.<locals>.g")]);
  classBody.co_flags = 0; // not OPTIMIZED: a class body
  const forms = strForms(dumps(classBody)).filter(([, text]) => text === "f.<locals>.g").map(([t]) => t & 0x7f);
  // The constant, the one inside a tuple; co_qualname is then a reference to the first.
  assert.deepEqual(forms, [0x5a, 0x7a]);
  const functionForms = strForms(dumps(sampleCode(["f.<locals>.g"]))).filter(([, text]) => text === "f.<locals>.g").map(([t]) => t & 0x7f);
  assert.deepEqual(functionForms, [0x7a, 0x5a]);
});

test("references: every r points back to an equal object; a tuple can contain itself", () => {
  const shared = tuple("s", 1n);
  const list = new PyListValue([shared, shared, 2n ** 70n, 2n ** 70n, 0.5, 0.5]);
  const back = loads(dumps(list)) as PyListValue;
  assert.equal(back.items[0], back.items[1]); // one object, as in the input
  assert.deepEqual(back, list);
  const selfTuple = loads(unhex("a9 01 72 00000000")) as PyTupleValue;
  assert.equal(selfTuple.items[0], selfTuple);
  const selfDict = loads(unhex("fb e9 01000000 72 00000000 30")) as PyDictValue;
  assert.equal(selfDict.entries[0][1], selfDict);
  assert.equal(loads(dumps(selfDict)) instanceof PyDictValue, true);
});

test("dicts and sets merge equal keys as Python does (1 == 1.0 == True, 0.0 == -0.0)", () => {
  assert.deepEqual(loads(unhex("7b 69 01000000 4e 67 000000000000f03f 54 30")), new PyDictValue([[1n, true]]));
  assert.deepEqual(loads(unhex("7b 54 e9 01000000 46 4e 30")), new PyDictValue([[true, 1n], [false, null]]));
  assert.deepEqual(loads(unhex("3c 03000000 69 00000000 46 67 0000000000000080")), new PySetValue(false, [0n]));
  const nans = loads(unhex("3c 02000000 67 000000000000f87f 67 000000000000f87f")) as PySetValue;
  assert.equal(nans.items.length, 2); // distinct NaN objects stay distinct
  assert.equal((loads(dumps(nans)) as PySetValue).items.length, 2);
  assert.deepEqual(loads(unhex("7b 4e 30")), new PyDictValue([])); // a NULL value ends the dict too
});

test("nesting: 2000 levels load and dump, 2001 fail with CPython's messages", () => {
  const nested = (levels: number): Uint8Array => {
    const data = new Uint8Array(levels * 2 + 1);
    for (let i = 0; i < levels; i++) data.set([0x29, 1], i * 2);
    data[levels * 2] = 0x4e;
    return data;
  };
  const deep = loads(nested(1999));
  assert.equal(hex(dumps(deep, 2)).length > 0, true);
  assert.deepEqual(loadError(nested(2000)), ["ValueError", "recursion limit exceeded"]);
  let value: MarshalValue = null;
  for (let i = 0; i < 2000; i++) value = tuple(value);
  assert.throws(() => dumps(value), (e: unknown) => e instanceof MarshalError && e.message === "object too deeply nested to marshal");
  assert.throws(() => dumps(new PySetValue(true, [value])), (e: unknown) => e instanceof MarshalError && e.message === "unmarshallable object");
});

test("dumps of something that is not a marshal value is ValueError('unmarshallable object')", () => {
  for (const bad of [undefined, {}, [1n], () => 1, Symbol("x")]) {
    assert.throws(() => dumps(bad as unknown as MarshalValue),
      (e: unknown) => e instanceof MarshalError && e.pyType === "ValueError" && e.message === "unmarshallable object");
  }
});

// --- errors --------------------------------------------------------------------------------

// [input hex, exception type, message]: CPython 3.13's results (checked with 3.13.0 natively
// and 3.13.2 in the oracle; the oracle, a 32-bit WebAssembly build, runs out of memory on the
// absurd sizes instead, and its SystemError line number (423) is the one used here).
const ERROR_CASES: [string, string, string][] = [
  ["", "EOFError", "EOF read where object expected"],
  ["28ffffff7f", "EOFError", "EOF read where object expected"],
  ["73ffffff7f", "EOFError", "marshal data too short"],
  ["6c010000000000", "ValueError", "bad marshal data (unnormalized long data)"],
  ["6c010000000080", "ValueError", "bad marshal data (digit out of range in long)"],
  ["6c0100000001", "EOFError", "marshal data too short"],
  ["6c00000080", "ValueError", "bad marshal data (long size out of range)"],
  ["6901", "EOFError", "marshal data too short"],
  ["7200000000", "ValueError", "bad marshal data (invalid reference)"],
  ["be010000007200000000", "ValueError", "bad marshal data (invalid reference)"],
  ["3f", "ValueError", "bad marshal data (unknown type code)"],
  ["01", "ValueError", "bad marshal data (unknown type code)"],
  ["63", "EOFError", "marshal data too short"],
  ["630000000000000000000000000000000000000000", "EOFError", "EOF read where object expected"],
  ["6603616263", "ValueError", "could not convert string to float: 'abc'"],
  ["6603203135", "ValueError", "could not convert string to float: ' 15'"],
  ["6604315f3030", "ValueError", "could not convert string to float: '1_00'"],
  ["66012e", "ValueError", "could not convert string to float: '.'"],
  ["7502000000fffe", "UnicodeDecodeError", "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"],
  ["5b0200000030", "TypeError", "NULL object in marshal data for list"],
  ["280100000030", "TypeError", "NULL object in marshal data for tuple"],
  ["3c0100000030", "TypeError", "NULL object in marshal data for set"],
  ["7b4e4e", "EOFError", "EOF read where object expected"],
  ["7b4e", "EOFError", "EOF read where object expected"],
  ["7b5b000000004e30", "TypeError", "unhashable type: 'list'"],
  ["3c010000005b00000000", "TypeError", "unhashable type: 'list'"],
  ["30", "TypeError", "NULL object in marshal data for object"],
  ["72ffffffff", "ValueError", "bad marshal data (invalid reference)"],
  ["28ffffffff", "ValueError", "bad marshal data (tuple size out of range)"],
  ["61ffffffff", "ValueError", "bad marshal data (string size out of range)"],
  ["75ffffffff", "ValueError", "bad marshal data (string size out of range)"],
  ["73ffffffff", "ValueError", "bad marshal data (bytes object size out of range)"],
  ["5bffffffff", "ValueError", "bad marshal data (list size out of range)"],
  ["3cffffffff", "ValueError", "bad marshal data (set size out of range)"],
  ["6c01000080", "EOFError", "marshal data too short"],
  ["3c02000000e7000000000000f87f7201000000", "ValueError", "bad marshal data (invalid reference)"],
  ["3c0100000029024e5b00000000", "TypeError", "unhashable type: 'list'"],
  ["3c0100000029024e3c00000000", "TypeError", "unhashable type: 'set'"],
  ["3c0100000029024e7b30", "TypeError", "unhashable type: 'dict'"],
  ["7503000000e28241", "UnicodeDecodeError", "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"],
  ["7502000000e282", "UnicodeDecodeError", "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"],
  ["7501000000e2", "UnicodeDecodeError", "'utf-8' codec can't decode byte 0xe2 in position 0: unexpected end of data"],
  ["7502000000eda0", "UnicodeDecodeError", "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"],
  ["7503000000eda041", "UnicodeDecodeError", "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"],
  ["7504000000f0908041", "UnicodeDecodeError", "'utf-8' codec can't decode bytes in position 0-2: invalid continuation byte"],
  ["7503000000f09080", "UnicodeDecodeError", "'utf-8' codec can't decode bytes in position 0-2: unexpected end of data"],
  ["7504000000f4908080", "UnicodeDecodeError", "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte"],
  ["7502000000c080", "UnicodeDecodeError", "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"],
  ["5b01000000a9017201000000", "ValueError", "bad marshal data (invalid reference)"],
  ["bc010000007200000000", "TypeError", "unhashable type: 'set'"],
  ["fb72000000004e30", "TypeError", "unhashable type: 'dict'"],
  ["490102", "EOFError", "marshal data too short"],
  ["7803616263", "ValueError", "could not convert string to float: 'abc'"],
  ["78013103616263", "ValueError", "could not convert string to float: 'abc'"],
  ["6605c3a931ff00", "ValueError", "could not convert string to float: '\u00e91\ufffd'"],
  ["7900", "EOFError", "marshal data too short"],
  ["630000000001000000000000000100000000000000f3020000009500a9014ea900a900f300000000da0166da016eda017101000000f300000000f300000000", "SystemError", "Objects/codeobject.c:423: bad argument to internal function"],
  ["630000000000000000ffffffff0100000000000000f3020000009500a9014ea900a900f300000000da0166da016eda017101000000f300000000f300000000", "SystemError", "Objects/codeobject.c:423: bad argument to internal function"],
  ["63000000000000000000000000ffffffff00000000f3020000009500a9014ea900a900f300000000da0166da016eda017101000000f300000000f300000000", "SystemError", "Objects/codeobject.c:423: bad argument to internal function"],
  ["6300000000000000000000000001000000fffffffff3020000009500a9014ea900a900f300000000da0166da016eda017101000000f300000000f300000000", "SystemError", "Objects/codeobject.c:423: bad argument to internal function"],
  ["630000000000000000000000000100000000000000da026162a9014ea900a900f300000000da0166da016eda017101000000f300000000f300000000", "SystemError", "Objects/codeobject.c:423: bad argument to internal function"],
  ["630000000000000000000000000100000000000000f30100000095a9014ea900a900f300000000da0166da016eda017101000000f300000000f300000000", "ValueError", "code: co_code is malformed"],
  ["630000000000000000000000000100000000000000f3020000009500db010000004ea900a900f300000000da0166da016eda017101000000f300000000f300000000", "SystemError", "Objects/codeobject.c:423: bad argument to internal function"],
  ["630000000000000000000000000100000000000000f3020000009500a9014edb01000000da0161a900f300000000da0166da016eda017101000000f300000000f300000000", "SystemError", "Objects/codeobject.c:423: bad argument to internal function"],
  ["630000000000000000000000000100000000000000f3020000009500a9014ea901e901000000a900f300000000da0166da016eda017101000000f300000000f300000000", "SystemError", "non-string found in code slot"],
  ["630000000000000000000000000100000000000000f3020000009500a9014ea900a901e901000000f30100000020da0166da016eda017101000000f300000000f300000000", "SystemError", "non-string found in code slot"],
  ["630000000000000000000000000100000000000000f3020000009500a9014ea900a901da0161f300000000da0166da016eda017101000000f300000000f300000000", "SystemError", "Objects/codeobject.c:423: bad argument to internal function"],
  ["630000000000000000000000000100000000000000f3020000009500a9014ea900a900f300000000f30100000078da016eda017101000000f300000000f300000000", "SystemError", "Objects/codeobject.c:423: bad argument to internal function"],
  ["630000000000000000000000000100000000000000f3020000009500a9014ea900a900f300000000da0166da016e4e01000000f300000000f300000000", "SystemError", "Objects/codeobject.c:423: bad argument to internal function"],
  ["630000000000000000000000000100000000000000f3020000009500a9014ea900a900f300000000da0166da016eda017101000000da00f300000000", "SystemError", "Objects/codeobject.c:423: bad argument to internal function"],
  ["630100000000000000000000000100000000000000f3020000009500a9014ea900a900f300000000da0166da016eda017101000000f300000000f300000000", "ValueError", "code: co_varnames is too small"],
  ["63000000000000000000000000010000000000000030a9014ea900a900f300000000da0166da016eda017101000000f300000000f300000000", "TypeError", "NULL object in marshal data for code object"],
  ["630000000000000000000000000100000000000000f302000000950030a900a900f300000000da0166da016eda017101000000f300000000f300000000", "TypeError", "NULL object in marshal data for code object"],
  ["630000000000000000000000000100000000000000f3020000009500a9014ea900a900f300000000da0166da016eda017101000000f30000000030", "TypeError", "NULL object in marshal data for code object"],
  ["630000000000000000000000000100000000000000f3020000009500a9014ea900a900f300000000da0166da016eda017101000000f30000", "EOFError", "marshal data too short"],
  ["630000000000000000000000000100000000000000f3020000009500a901e901000000a901e901000000a900f300000000da0166da016eda017101000000f300000000f300000000", "SystemError", "non-string found in code slot"],
  ["e30000000000000000000000000100000000000000f302000000950029017200000000a900a900f300000000da0166da016eda017101000000f300000000f300000000", "ValueError", "bad marshal data (invalid reference)"],
];

test("bad input: CPython 3.13's exception type and message, never a JS error", () => {
  for (const [input, pyType, message] of ERROR_CASES) {
    assert.deepEqual(loadError(unhex(input)), [pyType, message], input);
  }
});

test("a missing length byte (short str, small tuple, text float) is 'EOF read where not expected'", () => {
  for (const input of ["7a", "5a", "29", "66", "78", "78 01 31", "da", "a9", "29 01 29"]) {
    assert.deepEqual(loadError(unhex(input)), ["EOFError", "EOF read where not expected"], input);
  }
  assert.deepEqual(loadError(unhex("29 01")), ["EOFError", "EOF read where object expected"]);
  assert.deepEqual(loadError(unhex("66 03 6162")), ["EOFError", "marshal data too short"]);
});

test("hashing a tuple that contains itself (CPython crashes) is a MarshalError here", () => {
  // a set holding a complete tuple T = (T,); and a set inside a tuple holding that tuple
  assert.deepEqual(loadError(unhex("a9 01 72 00000000")) ?? "loads", "loads");
  assert.deepEqual(loadError(unhex("3c 01000000 a9 01 72 00000000")), ["ValueError", "bad marshal data (hash of a recursive object)"]);
  assert.deepEqual(loadError(unhex("a9 01 3c 01000000 72 00000000")), ["ValueError", "bad marshal data (hash of a recursive object)"]);
});

test("absurd sizes fail at the end of the data without allocating for them", () => {
  assert.deepEqual(loadError(unhex("73 ffffff7f")), ["EOFError", "marshal data too short"]);
  assert.deepEqual(loadError(unhex("28 ffffff7f")), ["EOFError", "EOF read where object expected"]);
  assert.deepEqual(loadError(unhex("5b ffffff7f 4e")), ["EOFError", "EOF read where object expected"]);
  assert.deepEqual(loadError(unhex("6c ffffff7f 0100")), ["EOFError", "marshal data too short"]);
  assert.deepEqual(loadError(unhex("3e ffffff7f")), ["EOFError", "EOF read where object expected"]);
});

// --- through the oracle ----------------------------------------------------------------------

const oracleAvailable = existsSync(resolve(projectRoot, "node_modules/pyodide/package.json"));

test("values dumped by CPython load here, and our dumps load in CPython to equal values", { skip: !oracleAvailable && "the oracle is not installed", timeout: 120_000 }, async () => {
  interface PyProxyLike { toJs(): unknown; destroy(): void }
  interface OracleLike {
    run(code: string): void;
    bytesOf(expr: string): Uint8Array;
    pyodide: { globals: { get(name: string): (...args: unknown[]) => string } };
  }
  const { loadOracle } = (await import(pathToFileURL(resolve(projectRoot, "tools/oracle.mjs")).href)) as { loadOracle: () => Promise<OracleLike> };
  const py = await loadOracle();
  py.run(`
import marshal as _m
def __m_canon(x):
    t = type(x)
    if t in (set, frozenset):
        return (t.__name__, sorted(repr(__m_canon(i)) for i in x))
    if t is float:
        return ("float", x.hex())
    if t is complex:
        return ("complex", x.real.hex(), x.imag.hex())
    if t in (tuple, list):
        return (t.__name__, [__m_canon(i) for i in x])
    if t is dict:
        return ("dict", [(__m_canon(k), __m_canon(v)) for k, v in x.items()])
    if t is type(__m_canon.__code__):
        return ("code", x.co_qualname, x.co_filename, x == x.replace(), [__m_canon(c) for c in x.co_consts],
                x.co_code, x.co_names, x.co_varnames, x.co_cellvars, x.co_freevars, x.co_linetable,
                x.co_exceptiontable, x.co_argcount, x.co_posonlyargcount, x.co_kwonlyargcount,
                x.co_flags, x.co_stacksize, x.co_firstlineno, x.co_name)
    return (t.__name__, repr(x))
def __m_check(expr, data):
    a = eval(expr)
    b = _m.loads(data.to_bytes())
    if __m_canon(a) != __m_canon(b):
        return "%r != %r" % (a, b)
    return ""
`);
  const check = py.pyodide.globals.get("__m_check");
  const exprs = [
    "None", "True", "(False, ..., StopIteration)", "0", "-1", "2**31", "-2**31-1", "2**64", "-(7**200)", "10**4000",
    "1.5", "-0.0", "float('inf')", "1e-310", "2j", "complex(-1.5, float('-inf'))",
    "''", "'abc'", "'a b'", "'é'", "'€uro'", "'\\U0001f600'", "'\\ud800x'", "'x' * 70000", "b''", "bytes(range(256))",
    "()", "(1, (2, (3,)), 'x', 'x')", "tuple(range(300))", "[]", "[1, [2, []], {'a': None}]",
    "{1: 2, 'k': (3, 4), (5,): [6]}", "set()", "{1, 2, 'a', (1, 2)}", "frozenset()", "frozenset({'banana', 'apple', 1, 2.5, (1, 2)})",
    "{frozenset({1}): frozenset({'a', 'b'})}", "[float('nan'), float('nan')]",
    "compile('def f(a, *b, c=1, **d):\\n  return [x for x in b if x in {1, 2}]\\n', 'm.py', 'exec')",
  ];
  const failures: string[] = [];
  for (const expr of exprs) {
    const cpython = py.bytesOf(`__import__('marshal').dumps(${expr})`);
    const value = loads(cpython);
    for (const version of [4, 2, 0]) {
      if (version < 4 && expr.startsWith("compile")) continue;
      const problem = check(expr, dumps(value, version));
      if (problem) failures.push(`${expr} (v${version}): ${problem}`);
    }
  }
  assert.deepEqual(failures, []);
});
