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
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/** Code objects are constants compared by value (code_richcompare), so equal ones merge. */
function codeKey(co: CodeObject): string {
  let k = codeKeys.get(co);
  if (k === undefined) {
    k = "c" + JSON.stringify([
      co.co_name, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount, co.co_flags, co.co_firstlineno,
      hex(co.co_code), co.co_consts.map(constKey), co.co_names, co.co_localsplusnames, hex(co.co_linetable),
      hex(co.co_exceptiontable),
    ]);
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
  addConst(consts: MarshalValue[], v: MarshalValue): number {
    const key = constKey(v);
    for (let i = 0; i < consts.length; i++) if (constKey(consts[i]) === key) return i;
    consts.push(v);
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
  if (v === true) return "n1";
  if (v === false) return "n0";
  if (typeof v === "bigint") return "n" + v.toString();
  if (typeof v === "number" && Number.isInteger(v) && Math.abs(v) < 2 ** 53) return "n" + BigInt(v).toString();
  return constKey(v);
}

