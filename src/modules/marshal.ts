// marshal: CPython's value serialisation (Python/marshal.c), over bytecode/marshal.ts.
import { CodeObject } from "../bytecode/code.js";
import { loads as marshalLoads, dumps as marshalDumps, MarshalError } from "../bytecode/marshal.js";
import type { MarshalValue } from "../bytecode/values.js";
import { PyBytesValue, PyTupleValue, PyListValue, PyDictValue, PySetValue, PyComplexValue, PySingletonValue } from "../bytecode/values.js";
import { PyObj, None, PyFloat, Ellipsis, typeOf } from "../objects/core.js";
import { PyModule, PyCode, convertConst } from "../objects/function.js";
import { PyDict } from "../objects/dict.js";
import { valueError, typeError, newException, EOFError, StopIteration } from "../objects/exceptions.js";
import { PyBytes, PySet, PyComplex, bufferOf } from "../objects/misc.js";
import { PyList, PyTuple } from "../objects/sequence.js";
import { call, getAttr, toArray } from "../objects/abstract.js";
import { defModuleFn } from "./modutil.js";

/** A Python value as marshal data (the types marshal supports). */
export function toMarshal(v: PyObj): MarshalValue {
  if (v === None) return null;
  if (typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return BigInt(v);
  if (v === Ellipsis) return PySingletonValue.Ellipsis;
  if (v === StopIteration) return PySingletonValue.StopIteration;
  if (v instanceof PyFloat && typeOf(v).name === "float") return v.value;
  if (v instanceof PyCode) return v.co;
  if (v instanceof PyComplex) return new PyComplexValue(v.real, v.imag);
  if (v instanceof PyBytes) return new PyBytesValue(v.bytes.slice());
  if (v instanceof PyTuple) return new PyTupleValue(v.items.map(toMarshal));
  if (v instanceof PyList) return new PyListValue(v.items.map(toMarshal));
  if (v instanceof PyDict) return new PyDictValue(v.keys().map((k) => [toMarshal(k), toMarshal(v.get(k)!)] as [MarshalValue, MarshalValue]));
  if (v instanceof PySet) return new PySetValue(typeOf(v).name === "frozenset", toArray(v).map(toMarshal));
  throw valueError("unmarshallable object");
}

function fromBytes(data: Uint8Array): PyObj {
  try {
    const v = marshalLoads(data);
    return v instanceof CodeObject ? convertConst(v) : convertConst(v);
  } catch (e) {
    if (e instanceof MarshalError) {
      const msg = e.message;
      if (/EOF/.test(msg)) throw newException(EOFError, msg);
      throw valueError(msg);
    }
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
  defModuleFn(m, "dumps", (a) => new PyBytes(marshalDumps(toMarshal(a[0]))));
  defModuleFn(m, "load", (a) => {
    const data = call(getAttr(a[0], "read"), []);
    const b = bufferOf(data);
    if (b === null) throw typeError("file.read() did not return bytes");
    return fromBytes(b);
  });
  defModuleFn(m, "dump", (a) => {
    call(getAttr(a[1], "write"), [new PyBytes(marshalDumps(toMarshal(a[0])))]);
    return None;
  });
  return m;
}
