// set/frozenset (setobject.c), and minimal bytes and complex (enough for constants, repr,
// equality and hashing; their full method sets come with the builtin-types work).
import {
  PyObject, PyObj, PyType, KwNames, setType, frozensetType, bytesType, complexType, None,
  NotImplemented, typeOf, PyFloat, identityId,
} from "./core.js";
import { PyDict, DELETED } from "./dict.js";
import { defineMethod, defineGetSet } from "./descr.js";
import { typeError, keyError, runtimeError } from "./exceptions.js";
import { repr, toArray, hash, getIter, iterNext } from "./abstract.js";
import { floatRepr, NB, floatHash } from "./number.js";
import { newTuple } from "./sequence.js";
import { installSetTypes } from "./set.js";
import { installComplexType, PyComplex } from "./complex.js";
import { hashBytesInto, hashComplexInto, hashAsSlotNumber, registerExactHash } from "./hash.js";

function installComplexHash(): void {
  complexType.tp_hash = (c) => {
    hashComplexInto((c as PyComplex).real, (c as PyComplex).imag);
    return hashAsSlotNumber();
  };
  registerExactHash(complexType.tp_hash, (c) => hashComplexInto((c as PyComplex).real, (c as PyComplex).imag));
}

export { PySet, PySetIter } from "./set.js";

export class PyBytes extends PyObject {
  declare readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array, type: PyType = bytesType) {
    super(type);
    this.bytes = bytes;
  }
}

export { PyComplex, complexRepr } from "./complex.js";

export function bytesRepr(b: Uint8Array): string {
  let hasSingle = false, hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    if (c === 0x22) hasDouble = true;
  }
  const q = hasSingle && !hasDouble ? '"' : "'";
  let out = "b" + q;
  for (const c of b) {
    if (c === 0x5c) out += "\\\\";
    else if (String.fromCharCode(c) === q) out += "\\" + q;
    else if (c === 0x09) out += "\\t";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c < 0x20 || c >= 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += String.fromCharCode(c);
  }
  return out + q;
}


export function installMiscTypes(setIter: PyType): void {
  installSetTypes(setIter);

  // bytes (minimal)
  bytesType.tp_repr = (b) => bytesRepr((b as PyBytes).bytes);
  bytesType.sq_length = (b) => (b as PyBytes).bytes.length;
  bytesType.tp_hash = (b) => {
    hashBytesInto((b as PyBytes).bytes);
    return hashAsSlotNumber();
  };
  registerExactHash(bytesType.tp_hash, (b) => hashBytesInto((b as PyBytes).bytes));
  bytesType.tp_richcompare = (a, b, op) => {
    if (!(b instanceof PyBytes)) return NotImplemented;
    const x = (a as PyBytes).bytes, y = b.bytes;
    let c = 0;
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n && c === 0; i++) c = x[i] - y[i];
    if (c === 0) c = x.length - y.length;
    return [c < 0, c <= 0, c === 0, c !== 0, c > 0, c >= 0][op];
  };
  bytesType.tp_iter = (b) => {
    const items: PyObj[] = Array.from((b as PyBytes).bytes);
    return typeOf(newTuple(items)).tp_iter!(newTuple(items));
  };
  bytesType.mp_subscript = (b, k) => {
    const bytes = (b as PyBytes).bytes;
    if (typeof k === "number") {
      const i = k < 0 ? k + bytes.length : k;
      if (i < 0 || i >= bytes.length) throw typeError("index out of range");
      return bytes[i];
    }
    throw typeError(`byte indices must be integers or slices, not ${typeOf(k).name}`);
  };
  bytesType.nb_binary[NB.ADD] = (a, b) => {
    if (!(a instanceof PyBytes) || !(b instanceof PyBytes)) return NotImplemented;
    const r = new Uint8Array(a.bytes.length + b.bytes.length);
    r.set(a.bytes);
    r.set(b.bytes, a.bytes.length);
    return new PyBytes(r);
  };
  defineMethod(bytesType, "decode", (b) => new TextDecoder().decode((b as PyBytes).bytes));

  installComplexType();
  installComplexHash();
  void identityId;
  void getIter;
  void iterNext;
}

function runtimeErr(msg: string): PyObject {
  return runtimeError(msg);
}
export type { KwNames };
