// PyCapsule (Objects/capsule.c): the opaque "C API" handles some native modules export
// (_socket.CAPI, _datetime.datetime_CAPI); types.CapsuleType is type(_socket.CAPI).
// TSPython has no C API, so a capsule only carries its name.
import { PyObject, PyType, objectType, identityId } from "../objects/core.js";
import { nativeType } from "./modutil.js";

class PyCapsule extends PyObject {
  declare readonly capsuleName: string;
  constructor(type: PyType, name: string) {
    super(type);
    this.capsuleName = name;
  }
}

let capsuleType: PyType | null = null;

function getCapsuleType(): PyType {
  if (capsuleType === null) {
    capsuleType = nativeType("builtins", "PyCapsule", (t) => {
      t.tp_repr = (o) => {
        const at = (0x7f0000000000 + identityId(o as PyObject) * 16).toString(16);
        return `<capsule object "${(o as PyCapsule).capsuleName}" at 0x${at}>`;
      };
    }, objectType);
  }
  return capsuleType;
}

/** A capsule named `name` (CPython's PyCapsule_New with that name). */
export function newCapsule(name: string): PyObject {
  return new PyCapsule(getCapsuleType(), name);
}
