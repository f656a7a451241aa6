// set/frozenset, bytes/bytearray/memoryview and complex live in set.ts, bytes.ts and
// complex.ts; this module re-exports them for existing importers and installs them.
import {
  PyType, PyObj, complexType, None, strType, bytesType, bytearrayType, intType, floatType, dictType,
  setType, frozensetType, typeOf, TypeFlag, identityId,
} from "./core.js";
import { hash as hashValue } from "./abstract.js";
import { installArityChecks } from "./arity.js";
import {
  defineGetSet, docOf, textSignatureOf, builtinFunctionType, methodDescrType, classMethodDescrType, PyBuiltinFunction, PyMethodDescr,
} from "./descr.js";
import { installSetTypes } from "./set.js";
import { installBytesTypes } from "./bytes.js";
import { installComplexType, PyComplex } from "./complex.js";
import { hashComplexInto, hashAsSlotNumber, registerExactHash } from "./hash.js";

export { PySet, PySetIter } from "./set.js";
export { PyBytes, PyByteArray, PyMemoryView, bytesRepr, bufferOf, memoryviewType } from "./bytes.js";
export { PyComplex, complexRepr } from "./complex.js";

function installComplexHash(): void {
  complexType.tp_hash = (c) => {
    hashComplexInto((c as PyComplex).real, (c as PyComplex).imag);
    return hashAsSlotNumber();
  };
  registerExactHash(complexType.tp_hash, (c) => hashComplexInto((c as PyComplex).real, (c as PyComplex).imag));
}

export function isModule(v: PyObj): boolean {
  return typeOf(v).mro.some((t) => t.name === "module" && !(t.flags & TypeFlag.HEAPTYPE));
}

/** The introspection attributes of builtin functions and method descriptors. */
function installBuiltinFunctionAttrs(): void {
  const F = (v: PyObj) => v as PyBuiltinFunction;
  defineGetSet(builtinFunctionType, "__name__", (f) => F(f).name);
  defineGetSet(builtinFunctionType, "__qualname__", (f) => F(f).qualname);
  defineGetSet(builtinFunctionType, "__self__", (f) => F(f).self ?? None);
  defineGetSet(builtinFunctionType, "__module__", (f) => F(f).module ?? (F(f).self === null ? "builtins" : None));
  defineGetSet(builtinFunctionType, "__doc__", (f) => docOf(F(f).doc) ?? None);
  defineGetSet(builtinFunctionType, "__text_signature__", (f) => textSignatureOf(F(f).doc) ?? None);
  // meth_repr: a module function (or unbound) is a "built-in function", else a bound method.
  builtinFunctionType.tp_repr = (f) => {
    const self = F(f).self;
    if (self === null || isModule(self)) {
      return `<built-in function ${F(f).name}>`;
    }
    const address = typeof self === "object" ? 0x7f0000000000 + identityId(self) * 16 : 0x7e0000000000 + Math.abs(hashValue(self) % 0xffffffff) * 16;
    return `<built-in method ${F(f).name} of ${typeOf(self).name} object at 0x${address.toString(16)}>`;
  };
  const D = (v: PyObj) => v as PyMethodDescr;
  for (const t of [methodDescrType, classMethodDescrType]) {
    defineGetSet(t, "__name__", (d) => D(d).name);
    defineGetSet(t, "__qualname__", (d) => `${D(d).owner.qualname}.${D(d).name}`);
    defineGetSet(t, "__objclass__", (d) => D(d).owner);
    defineGetSet(t, "__doc__", (d) => docOf(D(d).doc) ?? None);
    defineGetSet(t, "__text_signature__", (d) => textSignatureOf(D(d).doc) ?? None);
  }
}

export function installMiscTypes(setIter: PyType): void {
  installBuiltinFunctionAttrs();
  installSetTypes(setIter);
  installBytesTypes();
  installComplexType();
  installComplexHash();
  installArityChecks({
    str: strType, bytes: bytesType, bytearray: bytearrayType, int: intType, float: floatType,
    complex: complexType, dict: dictType, set: setType, frozenset: frozensetType,
  });
}
