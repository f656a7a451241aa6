// marshal: CPython's value serialisation (Python/marshal.c), over bytecode/marshal.ts.
import { CodeObject } from "../bytecode/code.js";
import { loads as marshalLoads, loadsPrefix, dumps as marshalDumps, MarshalError } from "../bytecode/marshal.js";
import type { MarshalValue } from "../bytecode/values.js";
import { PyBytesValue, PyTupleValue, PyListValue, PyDictValue, PySetValue, PyComplexValue, PySingletonValue } from "../bytecode/values.js";
import {
  PyObj, PyType, None, PyFloat, Ellipsis, typeOf, floatType, complexType, bytesType, tupleType, listType, dictType,
  setType, frozensetType,
} from "../objects/core.js";
import { PyModule, PyCode, convertConst } from "../objects/function.js";
import { PyDict } from "../objects/dict.js";
import {
  valueError, typeError, newException, EOFError, StopIteration, SystemError, UnicodeDecodeError,
} from "../objects/exceptions.js";
import { PyBytes, PySet, PyComplex, bufferOf } from "../objects/misc.js";
import { PyList, PyTuple, newTuple } from "../objects/sequence.js";
import { call, getAttr, isTrue, toArray } from "../objects/abstract.js";
import { bindArgs, defModuleFn } from "./modutil.js";

/**
 * A Python value as marshal data (the types marshal supports). As marshal.c, only the
 * exact types qualify (a tuple subclass is unmarshallable); any other object with the
 * buffer protocol (bytearray, memoryview, bytes subclasses) is written as bytes.
 * `memo` keeps each object's conversion, so an object met twice is one value (the writer
 * then refers back to it, FLAG_REF/'r', as CPython does) and a list or dict may contain
 * itself. Without `allowCode` (allow_code=False), a code object is refused.
 */
export function toMarshal(v: PyObj): MarshalValue {
  return toMarshalValue(v, new Map(), true, false);
}

/** `floatObjects`: floats as FloatObjects (marshal.dumps), not plain numbers (code constants). */
function toMarshalValue(v: PyObj, memo: Map<PyObj, MarshalValue>, allowCode: boolean, floatObjects: boolean): MarshalValue {
  if (v === None) return null;
  if (typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return BigInt(v);
  if (v === Ellipsis) return PySingletonValue.Ellipsis;
  if (v === StopIteration) return PySingletonValue.StopIteration;
  const known = memo.get(v);
  if (known !== undefined) return known;
  const t: PyType = typeOf(v);
  const sub = (x: PyObj): MarshalValue => toMarshalValue(x, memo, allowCode, floatObjects);
  if (v instanceof PyFloat && t === floatType && !floatObjects) return v.value;
  if (v instanceof PyFloat && t === floatType) {
    // A float with its identity (FloatObject), so the same object is written once and 'r'.
    const box = new Number(v.value) as unknown as MarshalValue;
    memo.set(v, box);
    return box;
  }
  if (v instanceof PyCode) {
    if (!allowCode) throw valueError("marshalling code objects is disallowed");
    return v.co;
  }
  let out: MarshalValue;
  if (v instanceof PyComplex && t === complexType) out = new PyComplexValue(v.real, v.imag);
  else if (v instanceof PyBytes && t === bytesType) out = new PyBytesValue(v.bytes.slice());
  else if (v instanceof PyTuple && t === tupleType) {
    const items: MarshalValue[] = [];
    out = new PyTupleValue(items);
    memo.set(v, out);
    for (const x of v.items) items.push(sub(x));
  } else if (v instanceof PyList && t === listType) {
    const list = new PyListValue([]);
    memo.set(v, list);
    for (const x of v.items) list.items.push(sub(x));
    out = list;
  } else if (v instanceof PyDict && t === dictType) {
    const dict = new PyDictValue([]);
    memo.set(v, dict);
    for (const k of v.keys()) dict.entries.push([sub(k), sub(v.get(k)!)]);
    out = dict;
  } else if (v instanceof PySet && (t === setType || t === frozensetType)) {
    out = new PySetValue(t === frozensetType, toArray(v).map(sub));
  } else {
    const buf = bufferOf(v);
    if (buf === null) throw valueError("unmarshallable object");
    out = new PyBytesValue(buf.slice());
  }
  memo.set(v, out);
  return out;
}

/**
 * Loaded marshal data as Python objects; `memo` makes each loaded object one Python
 * object, however often the data refers to it (a list may contain itself). Without
 * `allowCode` (allow_code=False), a code object is refused.
 */
function fromMarshal(v: MarshalValue, memo: Map<object, PyObj>, allowCode: boolean): PyObj {
  if (v === null || typeof v !== "object" || v instanceof PySingletonValue) return convertConst(v);
  if ((v as unknown) instanceof Number) {
    // A FloatObject (loads(..., floatObjects)): one Python float per object in the data.
    const known = memo.get(v);
    if (known !== undefined) return known;
    const f = new PyFloat((v as unknown as number).valueOf());
    memo.set(v, f);
    return f;
  }
  if (v instanceof CodeObject) {
    if (!allowCode) throw valueError("unmarshalling code objects is disallowed");
    return convertConst(v);
  }
  const known = memo.get(v);
  if (known !== undefined) return known;
  // (Direct recursive calls and indexed loops: marshal data nests up to 2000 levels deep,
  // and each level costs JS stack — no closure or iterator frames in between.)
  let out: PyObj;
  if (v instanceof PyListValue) {
    const list = new PyList([]);
    memo.set(v, list);
    const src = v.items;
    for (let i = 0; i < src.length; i++) list.items.push(fromMarshal(src[i], memo, allowCode));
    out = list;
  } else if (v instanceof PyDictValue) {
    const dict = new PyDict();
    memo.set(v, dict);
    const entries = v.entries;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      dict.set(fromMarshal(e[0], memo, allowCode), fromMarshal(e[1], memo, allowCode));
    }
    out = dict;
  } else if (v instanceof PyTupleValue) {
    if (v.items.length === 0) out = newTuple([]);
    else {
      const items: PyObj[] = [];
      out = new PyTuple(items);
      memo.set(v, out);
      const src = v.items;
      for (let i = 0; i < src.length; i++) items.push(fromMarshal(src[i], memo, allowCode));
    }
  } else if (v instanceof PySetValue) {
    const items: PyObj[] = [];
    const src = v.items;
    for (let i = 0; i < src.length; i++) items.push(fromMarshal(src[i], memo, allowCode));
    out = PySet.fromItems(items, v.frozen);
  } else {
    out = convertConst(v);
  }
  memo.set(v, out);
  return out;
}

/** A bytecode-layer MarshalError as the Python exception it stands for. */
function pythonError(e: MarshalError): PyObj {
  switch (e.pyType) {
    case "EOFError": return newException(EOFError, e.message);
    case "TypeError": return typeError(e.message);
    case "SystemError": return newException(SystemError, e.message);
    case "UnicodeDecodeError": return newException(UnicodeDecodeError, e.message);
    default: return valueError(e.message);
  }
}

function dumpsValue(v: PyObj, version: number, allowCode: boolean): PyBytes {
  try {
    return new PyBytes(marshalDumps(toMarshalValue(v, new Map(), allowCode, true), version));
  } catch (e) {
    if (e instanceof MarshalError) throw pythonError(e);
    if (e instanceof RangeError) throw valueError("object too deeply nested to marshal");
    throw e;
  }
}

function fromBytes(data: Uint8Array, allowCode: boolean): PyObj {
  try {
    return fromMarshal(marshalLoads(data, true), new Map(), allowCode);
  } catch (e) {
    if (e instanceof MarshalError) throw pythonError(e);
    throw e;
  }
}

/** The version argument (an int; 4 when not given). */
function versionArg(v: PyObj | null): number {
  if (v === null) return 4;
  if (typeof v !== "number" && typeof v !== "bigint" && typeof v !== "boolean") {
    throw typeError(`'${typeOf(v).name}' object cannot be interpreted as an integer`);
  }
  return Number(v);
}

export function makeMarshalModule(): PyModule {
  const m = new PyModule("marshal");
  m.dict.setStr("version", 4);
  // marshal.loads(bytes, /, *, allow_code=True), dumps(value, version=4, /, *, allow_code=True)
  defModuleFn(m, "loads", (a, kw) => {
    const [data, allowCode] = bindArgs("loads", a, kw, ["bytes", "allow_code"], 1);
    const b = bufferOf(data!);
    if (b === null) throw typeError(`a bytes-like object is required, not '${typeOf(data!).name}'`);
    return fromBytes(b, allowCode === null || isTrue(allowCode));
  });
  defModuleFn(m, "dumps", (a, kw) => {
    const [value, version, allowCode] = bindArgs("dumps", a, kw, ["value", "version", "allow_code"], 1);
    return dumpsValue(value!, versionArg(version), allowCode === null || isTrue(allowCode));
  });
  // One object from the file's current position; the file is left just after it (the rest
  // read is given back with a relative seek), so several dumps can be loaded in turn.
  defModuleFn(m, "load", (a, kw) => {
    const [file, allowCode] = bindArgs("load", a, kw, ["file", "allow_code"], 1) as [PyObj, PyObj | null];
    const data = call(getAttr(file, "read"), []);
    const b = bufferOf(data);
    if (b === null) throw typeError(`file.read() returned not bytes but ${typeOf(data).name}`);
    let loaded: { value: MarshalValue; length: number };
    try {
      loaded = loadsPrefix(b, true);
    } catch (e) {
      if (e instanceof MarshalError) throw pythonError(e);
      throw e;
    }
    if (loaded.length < b.length) call(getAttr(file, "seek"), [loaded.length - b.length, 1]);
    return fromMarshal(loaded.value, new Map(), allowCode === null || isTrue(allowCode));
  });
  defModuleFn(m, "dump", (a, kw) => {
    const [value, file, version, allowCode] = bindArgs("dump", a, kw, ["value", "file", "version", "allow_code"], 2);
    call(getAttr(file!, "write"), [dumpsValue(value!, versionArg(version), allowCode === null || isTrue(allowCode))]);
    return None;
  });
  return m;
}
