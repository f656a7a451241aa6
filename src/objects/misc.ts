// set/frozenset, bytes/bytearray/memoryview and complex live in set.ts, bytes.ts and
// complex.ts; this module re-exports them for existing importers and installs them.
import { PyType, complexType } from "./core.js";
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

export function installMiscTypes(setIter: PyType): void {
  installSetTypes(setIter);
  installBytesTypes();
  installComplexType();
  installComplexHash();
}
