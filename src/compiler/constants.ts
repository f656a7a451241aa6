// Constant identity for co_consts: CPython merges equal constants of the same type
// (_PyCode_ConstantKey), so 1, 1.0 and True stay apart while two `1`s share one slot.
import { CodeObject } from "../bytecode/code.js";
import {
  PyBytesValue, PyComplexValue, PySetValue, PySingletonValue, PyTupleValue, type MarshalValue,
} from "../bytecode/values.js";

let codeIds = new WeakMap<object, number>();
let nextCodeId = 1;
let nanCounter = 0;

function objectId(o: object): number {
  let id = codeIds.get(o);
  if (id === undefined) {
    id = nextCodeId++;
    codeIds.set(o, id);
  }
  return id;
}

/** A string that is equal for two constants exactly when CPython would merge them. */
export function constKey(v: MarshalValue): string {
  if (v === null) return "N";
  if (v === true) return "T";
  if (v === false) return "F";
  switch (typeof v) {
    case "bigint":
      return "i" + v.toString();
    case "number":
      // every NaN constant is its own object in CPython, so NaNs never merge
      if (Number.isNaN(v)) return "fNaN" + nanCounter++;
      return "f" + (Object.is(v, -0) ? "-0" : String(v));
    case "string":
      return "s" + v;
  }
  if (v instanceof PyBytesValue) return "b" + Buffer.from(v.bytes).toString("hex");
  if (v instanceof PyTupleValue) return "(" + v.items.map((x) => { const k = constKey(x); return k.length + ":" + k; }).join("") + ")";
  if (v instanceof PySetValue) {
    const ks = v.items.map((x) => { const k = constKey(x); return k.length + ":" + k; }).sort();
    return "{" + ks.join("") + "}";
  }
  if (v instanceof PyComplexValue) {
    return "c" + (Object.is(v.real, -0) ? "-0" : String(v.real)) + "," + (Object.is(v.imag, -0) ? "-0" : String(v.imag));
  }
  if (v === PySingletonValue.Ellipsis) return "E";
  if (v instanceof CodeObject) return codeKey(v);
  return "o" + objectId(v as object);
}

const codeKeys = new WeakMap<CodeObject, string>();

/** Two independent 32-bit FNV-1a style hashes over byte arrays and strings (a 64-bit digest). */
class Digest {
  h1 = 0x811c9dc5;
  h2 = 0x12345678;

  bytes(b: Uint8Array): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < b.length; i++) {
      h1 = Math.imul(h1 ^ b[i], 0x01000193);
      h2 = Math.imul(h2 ^ b[i], 0x5bd1e995) ^ (h2 >>> 15);
    }
    this.h1 = h1;
    this.h2 = h2;
    this.int(b.length);
  }

  str(s: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    this.h1 = h1;
    this.h2 = h2;
    this.int(s.length);
  }

  int(n: number): void {
    this.h1 = Math.imul(this.h1 ^ n, 0x01000193);
    this.h2 = Math.imul(this.h2 ^ n, 0x5bd1e995) ^ (this.h2 >>> 15);
  }

  hex(): string {
    return (this.h1 >>> 0).toString(16) + "." + (this.h2 >>> 0).toString(16);
  }
}

/** Code objects are constants compared by value (code_richcompare), so equal ones merge. */
function codeKey(co: CodeObject): string {
  let k = codeKeys.get(co);
  if (k === undefined) {
    const d = new Digest();
    for (const n of [co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount, co.co_flags, co.co_firstlineno]) d.int(n);
    d.bytes(co.co_code);
    d.bytes(co.co_linetable);
    d.bytes(co.co_exceptiontable);
    for (const c of co.co_consts) d.str(constKey(c));
    for (const n of co.co_names) d.str(n);
    for (const n of co.co_localsplusnames) d.str(n);
    k = "c" + co.co_name + ":" + co.co_code.length + ":" + d.hex();
    codeKeys.set(co, k);
  }
  return k;
}

/** Python truth value of a constant. */
export function isTruthyConst(v: MarshalValue): boolean {
  if (v === null || v === false) return false;
  if (v === true) return true;
  switch (typeof v) {
    case "bigint": return v !== 0n;
    case "number": return v !== 0;
    case "string": return v.length > 0;
  }
  if (v instanceof PyBytesValue) return v.bytes.length > 0;
  if (v instanceof PyTupleValue) return v.items.length > 0;
  if (v instanceof PySetValue) return v.items.length > 0;
  if (v instanceof PyComplexValue) return v.real !== 0 || v.imag !== 0;
  return true;
}

/** The per-compilation cache of merged constants (CPython's c_const_cache). */
export class ConstCache {
  /** Index of `v` in `consts`, appending it if no equal constant is there yet. */
  private indexed: MarshalValue[] | null = null;
  private index = new Map<string, number>();

  addConst(consts: MarshalValue[], v: MarshalValue): number {
    // an index of the array being optimized, rebuilt if another array (or a changed one) comes
    if (this.indexed !== consts || this.index.size !== consts.length) {
      this.indexed = consts;
      this.index = new Map();
      for (let i = 0; i < consts.length; i++) {
        const k = constKey(consts[i]);
        if (!this.index.has(k)) this.index.set(k, i);
      }
      if (this.index.size !== consts.length) {
        // duplicate keys (cannot happen for a unit's consts, but stay correct): linear search
        const key = constKey(v);
        for (let i = 0; i < consts.length; i++) if (constKey(consts[i]) === key) return i;
        consts.push(v);
        this.indexed = null;
        return consts.length - 1;
      }
    }
    const key = constKey(v);
    const found = this.index.get(key);
    if (found !== undefined) return found;
    consts.push(v);
    this.index.set(key, consts.length - 1);
    return consts.length - 1;
  }

  makeTuple(items: MarshalValue[]): MarshalValue {
    return new PyTupleValue(items);
  }
}

export function resetConstIds(): void {
  codeIds = new WeakMap();
  nextCodeId = 1;
}

/** Set membership key: Python's equality, where 1 == 1.0 == True. */
export function setKey(v: MarshalValue): string {
  // A complex with no imaginary part equals its real part (0j == 0 == 0.0 == False).
  if (v instanceof PyComplexValue && v.imag === 0) return setKey(v.real);
  if (v === true) return "n1";
  if (v === false) return "n0";
  if (typeof v === "bigint") return "n" + v.toString();
  if (typeof v === "number" && Number.isInteger(v) && Math.abs(v) < 2 ** 53) return "n" + BigInt(v).toString();
  return constKey(v);
}

