// A TypeScript port of code_record()/fingerprint of ../shared/reference/cpython-3.13/fingerprint.py:
// canonical JSON of a code object's fields (constants tagged), hashed with sha256, so our
// code objects can be compared with the golden .fp/.tsv lines without marshal or the oracle.
import { createHash } from "node:crypto";
import { CodeObject } from "../../src/bytecode/code.js";
import {
  PyBytesValue, PyComplexValue, PySetValue, PySingletonValue, PyTupleValue, type MarshalValue,
} from "../../src/bytecode/values.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Python's float.hex(). */
export function floatHex(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const sign = hi >>> 31 ? "-" : "";
  const exp = (hi >>> 20) & 0x7ff;
  const mant = ((BigInt(hi & 0xfffff) << 32n) | BigInt(lo)).toString(16).padStart(13, "0");
  if (exp === 0) {
    if (mant === "0000000000000") return `${sign}0x0.0p+0`;
    return `${sign}0x0.${mant}p-1022`;
  }
  const e = exp - 1023;
  return `${sign}0x1.${mant}p${e >= 0 ? "+" : ""}${e}`;
}

export function canonConst(c: MarshalValue): Json {
  if (c === null || c === true || c === false) return c;
  if (typeof c === "bigint") return { int: c.toString() };
  if (typeof c === "number") return { float: floatHex(c) };
  if (typeof c === "string") return { str: c };
  if (c instanceof PySingletonValue) return c === PySingletonValue.Ellipsis ? { ellipsis: 1 } : { other: "StopIteration", repr: "StopIteration" };
  if (c instanceof PyComplexValue) return { complex: [floatHex(c.real), floatHex(c.imag)] };
  if (c instanceof PyBytesValue) return { bytes: Buffer.from(c.bytes).toString("hex") };
  if (c instanceof PyTupleValue) return { tuple: c.items.map(canonConst) };
  if (c instanceof PySetValue && c.frozen) {
    const items = c.items.map(canonConst);
    const keyed = items.map((j) => [canonicalJson(j), j] as const);
    keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { frozenset: keyed.map((k) => k[1]) };
  }
  if (c instanceof CodeObject) return { code: c.co_qualname };
  return { other: "unknown", repr: String(c) };
}

/** json.dumps(obj, sort_keys=True, separators=(',', ':'), ensure_ascii=True). */
export function canonicalJson(v: Json): string {
  if (v === null) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return jsonString(v);
  if (Array.isArray(v)) return "[" + v.map(canonicalJson).join(",") + "]";
  const keys = Object.keys(v).sort();
  return "{" + keys.map((k) => jsonString(k) + ":" + canonicalJson(v[k])).join(",") + "}";
}

function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 0x22) out += '\\"';
    else if (ch === 0x5c) out += "\\\\";
    else if (ch === 0x0a) out += "\\n";
    else if (ch === 0x0d) out += "\\r";
    else if (ch === 0x09) out += "\\t";
    else if (ch === 0x08) out += "\\b";
    else if (ch === 0x0c) out += "\\f";
    else if (ch >= 0x20 && ch <= 0x7e) out += s[i];
    else out += "\\u" + ch.toString(16).padStart(4, "0");
  }
  return out + '"';
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

export function codeRecord(co: CodeObject): Json {
  return {
    co_argcount: co.co_argcount,
    co_posonlyargcount: co.co_posonlyargcount,
    co_kwonlyargcount: co.co_kwonlyargcount,
    co_nlocals: co.co_nlocals,
    co_stacksize: co.co_stacksize,
    co_flags: co.co_flags,
    co_code: hex(co.co_code),
    co_consts: co.co_consts.map(canonConst),
    co_names: [...co.co_names],
    co_varnames: [...co.co_varnames],
    co_cellvars: [...co.co_cellvars],
    co_freevars: [...co.co_freevars],
    co_name: co.co_name,
    co_qualname: co.co_qualname,
    co_firstlineno: co.co_firstlineno,
    co_linetable: hex(co.co_linetable),
    co_exceptiontable: hex(co.co_exceptiontable),
  };
}

export function codeHash(co: CodeObject): string {
  return createHash("sha256").update(canonicalJson(codeRecord(co)), "latin1").digest("hex");
}

/** Pre-order: the code object, then the code objects in its co_consts, recursively. */
export function* walkCode(co: CodeObject): Generator<CodeObject> {
  yield co;
  for (const c of co.co_consts) if (c instanceof CodeObject) yield* walkCode(c);
}

/** `qualname<TAB>firstlineno<TAB>sha256` per code object, as fingerprint.py --bare prints. */
export function fingerprintLines(co: CodeObject): string[] {
  const lines: string[] = [];
  for (const c of walkCode(co)) lines.push(`${c.co_qualname}\t${c.co_firstlineno}\t${codeHash(c)}`);
  return lines;
}
