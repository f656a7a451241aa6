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
import { PyList, PyTuple } from "../objects/sequence.js";
import { call, getAttr, toArray } from "../objects/abstract.js";
import { defModuleFn } from "./modutil.js";

/**
 * A Python value as marshal data (the types marshal supports). As marshal.c, only the
 * exact types qualify (a tuple subclass is unmarshallable); any other object with the
 * buffer protocol (bytearray, memoryview, bytes subclasses) is written as bytes.
 */
export function toMarshal(v: PyObj): MarshalValue {
  if (v === None) return null;
  if (typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return BigInt(v);
  if (v === Ellipsis) return PySingletonValue.Ellipsis;
  if (v === StopIteration) return PySingletonValue.StopIteration;
  const t: PyType = typeOf(v);
  if (v instanceof PyFloat && t === floatType) return v.value;
  if (v instanceof PyCode) return v.co;
  if (v instanceof PyComplex && t === complexType) return new PyComplexValue(v.real, v.imag);
  if (v instanceof PyBytes && t === bytesType) return new PyBytesValue(v.bytes.slice());
  if (v instanceof PyTuple && t === tupleType) return new PyTupleValue(v.items.map(toMarshal));
  if (v instanceof PyList && t === listType) return new PyListValue(v.items.map(toMarshal));
  if (v instanceof PyDict && t === dictType) return new PyDictValue(v.keys().map((k) => [toMarshal(k), toMarshal(v.get(k)!)] as [MarshalValue, MarshalValue]));
  if (v instanceof PySet && (t === setType || t === frozensetType)) return new PySetValue(t === frozensetType, toArray(v).map(toMarshal));
  const buf = bufferOf(v);
  if (buf !== null) return new PyBytesValue(buf.slice());
  throw valueError("unmarshallable object");
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

function dumpsValue(v: PyObj): PyBytes {
  try {
    return new PyBytes(marshalDumps(toMarshal(v)));
  } catch (e) {
    if (e instanceof MarshalError) throw pythonError(e);
    if (e instanceof RangeError) throw valueError("object too deeply nested to marshal");
    throw e;
  }
}

function fromBytes(data: Uint8Array): PyObj {
  try {
    const v = marshalLoads(data);
    return v instanceof CodeObject ? convertConst(v) : convertConst(v);
  } catch (e) {
    if (e instanceof MarshalError) throw pythonError(e);
    throw e;
  }
}

export function makeMarshalModule(): PyModule {
  const m = new PyModule("marshal");
  m.dict.setStr("version", 4);
  defModuleFn(m, "loads", (a) => {
    const b = bufferOf(a[0]);
    if (b === null) throw typeError(`a bytes-like object is required, not '${typeOf(a[0]).name}'`);
    return fromBytes(b);
  });
  defModuleFn(m, "dumps", (a) => dumpsValue(a[0]));
  // One object from the file's current position; the file is left just after it (the rest
  // read is given back with a relative seek), so several dumps can be loaded in turn.
  defModuleFn(m, "load", (a) => {
    const file = a[0];
    const data = call(getAttr(file, "read"), []);
    const b = bufferOf(data);
    if (b === null) throw typeError(`file.read() returned not bytes but ${typeOf(data).name}`);
    let loaded: { value: MarshalValue; length: number };
    try {
      loaded = loadsPrefix(b);
    } catch (e) {
      if (e instanceof MarshalError) throw pythonError(e);
      throw e;
    }
    if (loaded.length < b.length) call(getAttr(file, "seek"), [loaded.length - b.length, 1]);
    return convertConst(loaded.value);
  });
  defModuleFn(m, "dump", (a) => {
    call(getAttr(a[1], "write"), [dumpsValue(a[0])]);
    return None;
  });
  return m;
}
