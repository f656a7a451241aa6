// sys.flags as CPython's struct sequence: a tuple subclass `sys.flags` whose items are
// also named attributes, shown as "sys.flags(debug=0, inspect=0, ...)".
import { PyType, PyObj, makeBuiltinType, tupleType } from "../objects/core.js";
import { PyTuple } from "../objects/sequence.js";
import { defineGetSet } from "../objects/descr.js";
import { repr } from "../objects/abstract.js";
import { finishNativeType } from "../objects/typeobject.js";
import { SysFlags, SYS_FLAG_NAMES } from "./options.js";

let flagsType: PyType | null = null;

function sysFlagsType(): PyType {
  if (flagsType !== null) return flagsType;
  const t = makeBuiltinType("flags", tupleType, 0);
  t.dict.setStr("__module__", "sys");
  SYS_FLAG_NAMES.forEach((name, i) => defineGetSet(t, name, (o) => (o as PyTuple).items[i]));
  t.tp_repr = (o) => {
    const items = (o as PyTuple).items;
    return `sys.flags(${SYS_FLAG_NAMES.map((n, i) => `${n}=${repr(items[i])}`).join(", ")})`;
  };
  finishNativeType(t);
  flagsType = t;
  return t;
}

export function makeSysFlags(flags: SysFlags): PyObj {
  return new PyTuple(SYS_FLAG_NAMES.map((n) => flags[n] as PyObj), sysFlagsType());
}
