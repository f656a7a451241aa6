// code.__eq__ / __hash__ (Objects/codeobject.c code_richcompare/code_hash): two code
// objects are equal when their name, argument counts, flags, first line, bytecode,
// constants (compared by _PyCode_ConstantKey: 0, 0.0, -0.0 and False stay apart), names,
// local names, line table and exception table are; the file name is not compared.
import { CodeObject } from "../bytecode/code.js";
import {
  MarshalValue, PyBytesValue, PyTupleValue, PyListValue, PyDictValue, PySetValue, PyComplexValue, PySingletonValue,
} from "../bytecode/values.js";
import { NotImplemented } from "../objects/core.js";
import { PyCode, codeType } from "../objects/function.js";

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

/** A string that is equal for two constants exactly when CPython's constant keys are. */
function constKey(v: MarshalValue): string {
  if (v === null) return "N";
  switch (typeof v) {
    case "boolean": return v ? "T" : "F";
    case "bigint": return "i" + v.toString();
    case "number": return "f" + (Object.is(v, -0) ? "-0" : String(v));
    case "string": return "s" + JSON.stringify(v);
  }
  if (v instanceof PyBytesValue) return "y" + hex(v.bytes);
  if (v instanceof PyTupleValue) return "(" + v.items.map(constKey).join(",") + ")";
  if (v instanceof PyListValue) return "[" + v.items.map(constKey).join(",") + "]";
  if (v instanceof PyDictValue) return "{" + v.entries.map(([k, x]) => constKey(k) + ":" + constKey(x)).join(",") + "}";
  if (v instanceof PySetValue) return (v.frozen ? "fz{" : "set{") + v.items.map(constKey).sort().join(",") + "}";
  if (v instanceof PyComplexValue) return "c" + constKey(v.real) + "," + constKey(v.imag);
  if (v instanceof PySingletonValue) return "S" + v.name;
  if (v instanceof CodeObject) return "code" + codeKey(v);
  return "?";
}

const keys = new WeakMap<CodeObject, string>();

function codeKey(co: CodeObject): string {
  let key = keys.get(co);
  if (key === undefined) {
    key = JSON.stringify([
      co.co_name, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount, co.co_flags, co.co_firstlineno,
      hex(co.co_code), co.co_consts.map(constKey), co.co_names, co.co_localsplusnames, hex(co.co_linetable),
      hex(co.co_exceptiontable),
    ]);
    keys.set(co, key);
  }
  return key;
}

export function installCodeCompare(): void {
  codeType.tp_richcompare = (a, b, op) => {
    if ((op !== 2 && op !== 3) || !(a instanceof PyCode) || !(b instanceof PyCode)) return NotImplemented;
    const same = a === b || codeKey(a.co) === codeKey(b.co);
    return op === 2 ? same : !same;
  };
  codeType.tp_hash = (c) => {
    const key = codeKey((c as PyCode).co);
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return h | 0 || 1;
  };
}
