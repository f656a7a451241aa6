// Types: class creation (type.__new__ with C3 MRO, metaclasses, __slots__,
// __init_subclass__, __set_name__), the slot table that derives a type's slots from its
// dict and MRO, the dunder wrappers of builtin types generated from their slots, and
// the methods of `object` and `type`, and `super` (typeobject.c).
import { hashInto, hashAsSlotNumber } from "./hash.js";
import {
  PyObject, PyObj, PyType, KwNames, objectType, typeTypeObj as typeType, None, NotImplemented,
  typeOf, identityHash, identityRichcompare, TypeFlag, COLLECTION_FLAGS, NB_COUNT, BinarySlot, intType, strType,
  PyIntSubclassObj, PyStrSubclassObj, makeBuiltinType, floatType, PyFloat, typeRegistry, dictType,
} from "./core.js";
import { PyDict, newInstanceDict } from "./dict.js";
import { SLOT_DOCS } from "./slotdocs.js";
import {
  PyMethodDescr, PyBuiltinFunction, defineMethod, defineGetSet, PyGetSetDescr, wrapperDescrType,
  methodDescrType,
} from "./descr.js";
import {
  PyBaseException, typeError, attributeError, AttributeError, StopIteration, valueError,
  runtimeError,
} from "./exceptions.js";
import {
  genericGetAttr, genericSetAttr, noAttribute, call, repr, str, isTrue, hash, defaultRepr,
  callSpecial, callSpecial1, lookupSpecial, getAttrOrNull, strRepr, index,
} from "./abstract.js";
import { NB_DUNDERS, intHash, intValueOf } from "./number.js";
import { encodeString } from "./codecs.js";
import { PyTuple, newTuple, PyList } from "./sequence.js";
import { PyFunction, PyClassMethod, PyStaticMethod, PyCell, PyMethod } from "./function.js";

export const superType = makeBuiltinType("super", objectType);
export const memberDescrType = makeBuiltinType("member_descriptor", objectType, 0);

export const RICH_NAMES = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];
const SWAPPED_RICH = [4, 5, 2, 3, 0, 1];

/** A `__slots__` member: stored in the instance's slot array. */
export class PyMemberDescr extends PyObject {
  declare readonly owner: PyType;
  declare readonly name: string;
  declare readonly slotIndex: number;
  constructor(owner: PyType, name: string, slotIndex: number) {
    super(memberDescrType);
    this.owner = owner;
    this.name = name;
    this.slotIndex = slotIndex;
  }
}
/** Slot values of instances whose layout is a builtin's (a list subclass with __slots__). */
const builtinLayoutSlots = new WeakMap<object, (PyObj | null)[]>();

/**
 * Instance layout of classes with __slots__ and no __dict__. A plain constructor function
 * rather than `class ... extends PyObject`, so that its stores stay monomorphic when V8
 * does not inline it (see PyTuple in sequence.ts).
 */
export interface PySlottedObject extends PyObject {
  slotValues: (PyObj | null)[];
}
/** `n`: how many __slots__ the layout has (all unset). */
function PySlottedObjectInit(this: PySlottedObject, type: PyType, n = 0): void {
  this.type = type;
  this.dict = null;
  this.slotValues = unsetSlots(n);
}
PySlottedObjectInit.prototype = Object.create(PyObject.prototype) as PySlottedObject;
export const PySlottedObject = PySlottedObjectInit as unknown as {
  new (type: PyType, n?: number): PySlottedObject;
  prototype: PySlottedObject;
};

/**
 * `n` unset slot values in a packed array of exactly that size (literals for the common
 * sizes: pushing into [] would reserve room for 17, new Array(n) makes a holey array).
 */
function unsetSlots(n: number): (PyObj | null)[] {
  switch (n) {
    case 0: return [];
    case 1: return [null];
    case 2: return [null, null];
    case 3: return [null, null, null];
    case 4: return [null, null, null, null];
    case 5: return [null, null, null, null, null];
    case 6: return [null, null, null, null, null, null];
    default: {
      const values: (PyObj | null)[] = [null, null, null, null, null, null, null];
      for (let i = 7; i < n; i++) values.push(null);
      return values;
    }
  }
}

// ---- the slot table ----

interface SlotDef {
  /** Dunder names that feed this slot. */
  names: string[];
  /** Copies the slot from a builtin type (the first definer in the MRO) to `t`. */
  inherit(t: PyType, from: PyType): void;
  /** Installs the generic slot that calls the dunder(s) of a heap type. */
  user(t: PyType): void;
  /** Clears the slot (no definer). */
  clear(t: PyType): void;
  /** Adds the wrapper dunders of a builtin type whose slot is set (null: none). */
  wrap: ((t: PyType) => void) | null;
}

function callDunder(obj: PyObj, name: string, args: PyObj[]): PyObj {
  const m = typeOf(obj).lookup(name);
  if (m === null) throw noAttribute(obj, name);
  return callSpecial(obj, m, args);
}

function isStopIteration(e: unknown): boolean {
  return e instanceof PyBaseException && e.type.isSubtypeOf(StopIteration);
}

function userBinary(op: number): BinarySlot {
  const lname = `__${NB_DUNDERS[op]}__`;
  const rname = `__r${NB_DUNDERS[op]}__`;
  const slot: BinarySlot = (a, b) => {
    const ta = typeOf(a), tb = typeOf(b);
    let doOther = ta !== tb && tb.nb_binary[op] === slot && tb.lookup(rname) !== null;
    if (ta.nb_binary[op] === slot) {
      const m = ta.lookup(lname);
      if (m !== null && m !== None) {
        if (doOther && tb.isSubtypeOf(ta)) {
          const r = callSpecial1(b, tb.lookup(rname)!, a);
          if (r !== NotImplemented) return r;
          doOther = false;
        }
        const r = callSpecial1(a, m, b);
        if (r !== NotImplemented || ta === tb) return r;
      }
    }
    if (doOther) return callSpecial1(b, tb.lookup(rname)!, a);
    return NotImplemented;
  };
  return slot;
}
/** The generic slot of heap types defining __op__/__rop__, per operator (the VM compares). */
export const userBinarySlots: BinarySlot[] = [];
const userInplaceSlots: BinarySlot[] = [];
for (let op = 0; op < NB_COUNT; op++) {
  userBinarySlots.push(userBinary(op));
  const name = `__i${NB_DUNDERS[op]}__`;
  userInplaceSlots.push((a, b) => {
    const m = typeOf(a).lookup(name);
    if (m === null || m === None) return NotImplemented;
    return callSpecial(a, m, [b]);
  });
}

let objectRichWrappers: PyObj[] = [];
/**
 * Per comparison operator, the last type whose method userRichcompare looked up (by its
 * version: unique across types, bumped when a method is rebound) and what it found.
 */
const richCacheVersion = new Float64Array(6).fill(-1);
const richCacheMethod: (PyObj | null)[] = [null, null, null, null, null, null];
const userRichcompare = (a: PyObj, b: PyObj, op: number): PyObj => {
  const t = typeOf(a);
  let m: PyObj | null;
  if (richCacheVersion[op] === t.version) {
    m = richCacheMethod[op];
  } else {
    m = t.lookup(RICH_NAMES[op]);
    richCacheVersion[op] = t.version;
    richCacheMethod[op] = m;
  }
  if (m === null || m === None) return NotImplemented;
  if (m === objectRichWrappers[op]) return objectRichcompare(a, b, op);
  // slot_tp_richcompare: an AttributeError while binding the method (a property that
  // raises it) means "not implemented"; errors of the call itself propagate.
  const getter = typeOf(m).tp_descr_get;
  if (typeof m === "object" && !(m instanceof PyFunction) && getter !== null) {
    let bound: PyObj;
    try {
      bound = getter(m, a, t);
    } catch (e) {
      if (e instanceof PyBaseException && e.type.isSubtypeOf(AttributeError)) return NotImplemented;
      throw e;
    }
    return call(bound, [b]);
  }
  return callSpecial1(a, m, b);
};
/** object's comparison: identity for ==, and != as the inverse of the type's ==. */
function objectRichcompare(a: PyObj, b: PyObj, op: number): PyObj {
  if (op === 2) return a === b ? true : NotImplemented;
  if (op === 3) {
    const eqSlot = typeOf(a).tp_richcompare;
    if (eqSlot === null || eqSlot === identityRichcompare) return a === b ? false : NotImplemented;
    const r = eqSlot(a, b, 2);
    if (r === NotImplemented) return r;
    return !isTrue(r);
  }
  return NotImplemented;
}

const userGetattro = (obj: PyObj, name: string): PyObj | null => {
  const t = typeOf(obj);
  const ga = t.lookup("__getattribute__");
  let r: PyObj | null;
  try {
    r = ga === objectGetattribute || ga === null ? genericGetAttr(obj, name) : callSpecial(obj, ga, [name]);
  } catch (e) {
    if (!(e instanceof PyBaseException && e.type.isSubtypeOf(AttributeError))) throw e;
    const gattr = t.lookup("__getattr__");
    if (gattr === null) throw e;
    return callSpecial(obj, gattr, [name]);
  }
  if (r === null) {
    const gattr = t.lookup("__getattr__");
    if (gattr !== null) return callSpecial(obj, gattr, [name]);
  }
  return r;
};
const userSetattro = (obj: PyObj, name: string, value: PyObj | null): void => {
  if (value === null) callDunder(obj, "__delattr__", [name]);
  else callDunder(obj, "__setattr__", [name, value]);
};

function checkLen(r: PyObj): number {
  const v = intValueOf(r);
  if (v === null) throw typeError(`'${typeOf(r).name}' object cannot be interpreted as an integer`);
  if (v < 0) throw valueError("__len__() should return >= 0");
  if (typeof v === "bigint") throw newOverflow();
  return v;
}
function newOverflow(): PyBaseException {
  return typeError("cannot fit 'int' into an index-sized integer");
}

function simple<K extends keyof PyType>(field: K, names: string[], user: PyType[K], wrap: ((t: PyType) => void) | null): SlotDef {
  return {
    names,
    inherit: (t, from) => {
      t[field] = from[field];
    },
    user: (t) => {
      t[field] = user;
    },
    clear: (t) => {
      (t[field] as unknown) = null;
    },
    wrap,
  };
}

/** Adds a wrapper descriptor `name` that calls a native slot. */
function addWrapper(t: PyType, name: string, fn: (self: PyObj, args: PyObj[], kw: KwNames) => PyObj): void {
  if (t.dict.getStr(name) !== undefined) return;
  t.dict.setStr(name, new PyMethodDescr(t, name, fn, wrapperDescrType, SLOT_DOCS[name] ?? null));
}
function arity(name: string, args: PyObj[], n: number): void {
  if (args.length !== n) throw typeError(`expected ${n} argument${n === 1 ? "" : "s"}, got ${args.length}`);
  void name;
}

const SLOT_DEFS: SlotDef[] = [
  simple("tp_repr", ["__repr__"], (a) => {
    const r = callDunder(a, "__repr__", []);
    if (typeof r !== "string") {
      if (r instanceof PyStrSubclassObj) return r.value;
      throw typeError(`__repr__ returned non-string (type ${typeOf(r).name})`);
    }
    return r;
  }, (t) => addWrapper(t, "__repr__", (s) => t.tp_repr!(s))),
  simple("tp_str", ["__str__"], (a) => {
    const r = callDunder(a, "__str__", []);
    if (typeof r !== "string") {
      if (r instanceof PyStrSubclassObj) return r.value;
      throw typeError(`__str__ returned non-string (type ${typeOf(r).name})`);
    }
    return r;
  }, (t) => addWrapper(t, "__str__", (s) => t.tp_str!(s))),
  {
    names: ["__hash__"],
    inherit: (t, from) => {
      t.tp_hash = from.tp_hash;
    },
    user: (t) => {
      const h = t.lookup("__hash__");
      // hashInto keeps a __hash__ result that fits in 64 bits as is (CPython), so that a
      // class returning hash('abc') hashes like 'abc' (intHash would reduce it again).
      t.tp_hash = h === None ? null : (a) => {
        hashInto(a);
        return hashAsSlotNumber();
      };
    },
    clear: (t) => {
      t.tp_hash = null;
    },
    wrap: (t) => addWrapper(t, "__hash__", (s) => t.tp_hash!(s)),
  },
  simple("tp_call", ["__call__"], (obj, args, kw) => {
    const m = typeOf(obj).lookup("__call__")!;
    const g = typeOf(m).tp_descr_get;
    return call(g === null ? m : g(m, obj, typeOf(obj)), args, kw);
  }, (t) => addWrapper(t, "__call__", (s, args, kw) => t.tp_call!(s, args, kw))),
  {
    names: ["__getattribute__", "__getattr__"],
    inherit: (t, from) => {
      t.tp_getattro = from.tp_getattro;
    },
    user: (t) => {
      t.tp_getattro = userGetattro;
    },
    clear: (t) => {
      t.tp_getattro = null;
    },
    wrap: (t) => addWrapper(t, "__getattribute__", (s, args) => {
      const name = args[0];
      if (typeof name !== "string") throw typeError(`attribute name must be string, not '${typeOf(name).name}'`);
      const r = t.tp_getattro === null ? genericGetAttr(s, name) : t.tp_getattro(s, name);
      if (r === null) throw noAttribute(s, name);
      return r;
    }),
  },
  {
    names: ["__setattr__", "__delattr__"],
    inherit: (t, from) => {
      t.tp_setattro = from.tp_setattro;
    },
    user: (t) => {
      t.tp_setattro = userSetattro;
    },
    clear: (t) => {
      t.tp_setattro = null;
    },
    wrap: (t) => {
      const nameOf = (v: PyObj): string => {
        if (typeof v !== "string") throw typeError(`attribute name must be string, not '${typeOf(v).name}'`);
        return v;
      };
      addWrapper(t, "__setattr__", (s, args) => {
        arity("__setattr__", args, 2);
        (t.tp_setattro ?? genericSetAttr)(s, nameOf(args[0]), args[1]);
        return None;
      });
      addWrapper(t, "__delattr__", (s, args) => {
        arity("__delattr__", args, 1);
        (t.tp_setattro ?? genericSetAttr)(s, nameOf(args[0]), null);
        return None;
      });
    },
  },
  {
    names: RICH_NAMES,
    inherit: (t, from) => {
      t.tp_richcompare = from.tp_richcompare;
    },
    user: (t) => {
      t.tp_richcompare = userRichcompare;
    },
    clear: (t) => {
      t.tp_richcompare = null;
    },
    wrap: (t) => {
      for (let op = 0; op < 6; op++) {
        addWrapper(t, RICH_NAMES[op], (s, args) => {
          arity(RICH_NAMES[op], args, 1);
          return t.tp_richcompare!(s, args[0], op);
        });
      }
    },
  },
  simple("tp_iter", ["__iter__"], (a) => {
    // __iter__ = None marks the class not iterable (slot_tp_iter)
    if (typeOf(a).lookup("__iter__") === None) throw typeError(`'${typeOf(a).name}' object is not iterable`);
    return callDunder(a, "__iter__", []);
  }, (t) => addWrapper(t, "__iter__", (s) => t.tp_iter!(s))),
  simple("tp_iternext", ["__next__"], (a) => {
    try {
      return callDunder(a, "__next__", []);
    } catch (e) {
      if (isStopIteration(e)) return null;
      throw e;
    }
  }, (t) => addWrapper(t, "__next__", (s) => {
    const r = t.tp_iternext!(s);
    if (r === null) throw new PyBaseException(StopIteration, []);
    return r;
  })),
  simple("tp_descr_get", ["__get__"], (d, obj, type) => callDunder(d, "__get__", [obj ?? None, type ?? None]),
    (t) => addWrapper(t, "__get__", (s, args) => t.tp_descr_get!(s, args[0] === None ? null : args[0], args.length > 1 && args[1] !== None ? args[1] as PyType : null))),
  {
    names: ["__set__", "__delete__"],
    inherit: (t, from) => {
      t.tp_descr_set = from.tp_descr_set;
    },
    user: (t) => {
      t.tp_descr_set = (d, obj, value) => {
        if (value === null) callDunder(d, "__delete__", [obj]);
        else callDunder(d, "__set__", [obj, value]);
      };
    },
    clear: (t) => {
      t.tp_descr_set = null;
    },
    wrap: (t) => {
      addWrapper(t, "__set__", (s, args) => {
        t.tp_descr_set!(s, args[0], args[1]);
        return None;
      });
      addWrapper(t, "__delete__", (s, args) => {
        t.tp_descr_set!(s, args[0], null);
        return None;
      });
    },
  },
  simple("nb_bool", ["__bool__"], (a) => {
    const r = callDunder(a, "__bool__", []);
    if (typeof r !== "boolean") throw typeError(`__bool__ should return bool, returned ${typeOf(r).name}`);
    return r;
  }, (t) => addWrapper(t, "__bool__", (s) => t.nb_bool!(s))),
  simple("sq_length", ["__len__"], (a) => checkLen(callDunder(a, "__len__", [])), (t) => addWrapper(t, "__len__", (s) => t.sq_length!(s))),
  simple("sq_contains", ["__contains__"], (a, x) => isTrue(callDunder(a, "__contains__", [x])), (t) => addWrapper(t, "__contains__", (s, args) => (arity("__contains__", args, 1), t.sq_contains!(s, args[0])))),
  simple("mp_subscript", ["__getitem__"], (a, k) => callDunder(a, "__getitem__", [k]), (t) => addWrapper(t, "__getitem__", (s, args) => (arity("__getitem__", args, 1), t.mp_subscript!(s, args[0])))),
  {
    names: ["__setitem__", "__delitem__"],
    inherit: (t, from) => {
      t.mp_ass_subscript = from.mp_ass_subscript;
    },
    user: (t) => {
      t.mp_ass_subscript = (a, k, v) => {
        if (v === null) callDunder(a, "__delitem__", [k]);
        else callDunder(a, "__setitem__", [k, v]);
      };
    },
    clear: (t) => {
      t.mp_ass_subscript = null;
    },
    wrap: (t) => {
      addWrapper(t, "__setitem__", (s, args) => {
        arity("__setitem__", args, 2);
        t.mp_ass_subscript!(s, args[0], args[1]);
        return None;
      });
      addWrapper(t, "__delitem__", (s, args) => {
        arity("__delitem__", args, 1);
        t.mp_ass_subscript!(s, args[0], null);
        return None;
      });
    },
  },
  simple("nb_negative", ["__neg__"], (a) => callDunder(a, "__neg__", []), (t) => addWrapper(t, "__neg__", (s) => t.nb_negative!(s))),
  simple("nb_positive", ["__pos__"], (a) => callDunder(a, "__pos__", []), (t) => addWrapper(t, "__pos__", (s) => t.nb_positive!(s))),
  simple("nb_invert", ["__invert__"], (a) => callDunder(a, "__invert__", []), (t) => addWrapper(t, "__invert__", (s) => t.nb_invert!(s))),
  simple("nb_absolute", ["__abs__"], (a) => callDunder(a, "__abs__", []), (t) => addWrapper(t, "__abs__", (s) => t.nb_absolute!(s))),
  simple("nb_index", ["__index__"], (a) => callDunder(a, "__index__", []), (t) => addWrapper(t, "__index__", (s) => t.nb_index!(s))),
  simple("nb_int", ["__int__"], (a) => callDunder(a, "__int__", []), (t) => addWrapper(t, "__int__", (s) => t.nb_int!(s))),
  simple("nb_float", ["__float__"], (a) => callDunder(a, "__float__", []), (t) => addWrapper(t, "__float__", (s) => t.nb_float!(s))),
  simple("tp_init", ["__init__"], (self, args, kw) => {
    const m = typeOf(self).lookup("__init__")!;
    const g = typeOf(m).tp_descr_get;
    const r = call(g === null ? m : g(m, self, typeOf(self)), args, kw);
    if (r !== None) throw typeError(`__init__() should return None, not '${typeOf(r).name}'`);
  }, (t) => addWrapper(t, "__init__", (s, args, kw) => {
    t.tp_init!(s, args, kw);
    return None;
  })),
  simple("tp_new", ["__new__"], (cls, args, kw) => {
    const m = cls.lookup("__new__")!;
    const g = typeOf(m).tp_descr_get;
    const f = g === null ? m : g(m, null, cls);
    return call(f, [cls, ...args], kw);
  }, (t) => {
    if (t.dict.getStr("__new__") !== undefined) return;
    const fn = new PyBuiltinFunction("__new__", (args, kw) => {
      if (args.length === 0) throw typeError(`${t.name}.__new__(): not enough arguments`);
      const cls = args[0];
      if (!(cls instanceof PyType)) throw typeError(`${t.name}.__new__(X): X is not a type object (${typeOf(cls).name})`);
      if (!cls.isSubtypeOf(t)) throw typeError(`${t.name}.__new__(${cls.name}): ${cls.name} is not a subtype of ${t.name}`);
      const obj = t.tp_new!(cls, args.slice(1), kw);
      // str.__new__(SubclassWithDict): the instance gets its __dict__ (enum members).
      if (cls.instancesHaveDict && typeof obj === "object" && obj.dict === null) obj.dict = newInstanceDict();
      return obj;
    }, t, `${t.name}.__new__`);
    t.dict.setStr("__new__", new PyStaticMethod(fn));
  }),
];
for (let op = 0; op < NB_COUNT; op++) {
  const dn = NB_DUNDERS[op];
  SLOT_DEFS.push({
    names: [`__${dn}__`, `__r${dn}__`],
    inherit: (t, from) => {
      t.nb_binary[op] = from.nb_binary[op];
    },
    user: (t) => {
      t.nb_binary[op] = userBinarySlots[op];
    },
    clear: (t) => {
      t.nb_binary[op] = null;
    },
    wrap: (t) => {
      addWrapper(t, `__${dn}__`, (s, args) => {
        arity(dn, args, 1);
        return t.nb_binary[op]!(s, args[0]);
      });
      addWrapper(t, `__r${dn}__`, (s, args) => {
        arity(dn, args, 1);
        return t.nb_binary[op]!(args[0], s);
      });
    },
  });
  SLOT_DEFS.push({
    names: [`__i${dn}__`],
    inherit: (t, from) => {
      t.nb_inplace[op] = from.nb_inplace[op];
    },
    user: (t) => {
      t.nb_inplace[op] = userInplaceSlots[op];
    },
    clear: (t) => {
      t.nb_inplace[op] = null;
    },
    wrap: (t) => addWrapper(t, `__i${dn}__`, (s, args) => t.nb_inplace[op]!(s, args[0])),
  });
}

/** The first class along t's MRO whose own dict defines one of `names`. */
function definer(t: PyType, names: string[]): PyType | null {
  for (const c of t.mro) {
    for (const n of names) if (c.dict.getStr(n) !== undefined) return c;
  }
  return null;
}

/** (Re)computes every slot of a heap type from its dict and MRO. */
export function updateSlots(t: PyType): void {
  for (const def of SLOT_DEFS) {
    const d = definer(t, def.names);
    if (d === null) def.clear(t);
    else if (d.flags & TypeFlag.HEAPTYPE) def.user(t);
    else def.inherit(t, d);
  }
  // object's generic attribute slots stay null (the fast generic path).
  if (t.tp_getattro === objectType.tp_getattro) t.tp_getattro = null;
  if (t.tp_setattro === objectType.tp_setattro) t.tp_setattro = null;
  finalizerHook.update(t);
}

/** Set by the VM (vm/finalization.ts): arranges __del__ for instances of heap types defining it. */
export const finalizerHook = { update: (t: PyType): void => void t };

function updateSlotsDeep(t: PyType): void {
  updateSlots(t);
  for (const s of t.subclasses) updateSlotsDeep(s);
}

/** Adds the dunder wrappers of every builtin type (called once at start-up). */
export function wrapBuiltinSlots(): void {
  // Slot inheritance among builtin types (CPython's inherit_slots): a slot the type
  // leaves unset comes from its base (made earlier, so already complete); `__hash__ = None`
  // in the dict blocks tp_hash.
  const rows = new Map<PyType, unknown[]>();
  for (let i = 0; i < typeRegistry.length; i++) {
    const t = typeRegistry[i];
    const row = slotRow(t);
    const baseRow = t.base === null ? null : rows.get(t.base) ?? slotRow(t.base);
    if (baseRow !== null) inheritNativeSlots(t, row, baseRow);
    rows.set(t, row);
  }
  for (let i = 0; i < typeRegistry.length; i++) {
    const t = typeRegistry[i];
    addNativeWrappers(t, rows.get(t)!, t.base === null ? null : rows.get(t.base)!);
  }
  objectRichWrappers = RICH_NAMES.map((n) => objectType.dict.getStr(n)!);
  objectGetattribute = objectType.dict.getStr("__getattribute__")!;
}
let objectGetattribute: PyObj | null = null;

/**
 * A builtin type gets __doc__ in its dict when it has none (None; object its docstring),
 * as CPython's types all have one: instances read it through their type ('abc'.__doc__,
 * which email's policy module reads). Types with their own getattr answer it themselves
 * (a bound method gives its function's __doc__ through a descriptor of its own).
 */
function ensureDoc(t: PyType): void {
  if (t.tp_getattro !== null || t.dict.getStr("__doc__") !== undefined) return;
  t.dict.setStr("__doc__", t === objectType ? OBJECT_DOC : None);
}
const OBJECT_DOC = "The base class of the class hierarchy.\n\n" +
  "When called, it accepts no arguments and returns a new featureless\n" +
  "instance that has no instance attributes and cannot be given any.\n";

/**
 * wrapBuiltinSlots for one builtin type made after start-up (a native module's type,
 * e.g. collections.deque): inherits unset slots from its base and adds its dunder wrappers.
 */
export function finishNativeType(t: PyType): void {
  const row = slotRow(t);
  const baseRow = t.base === null ? null : slotRow(t.base);
  if (baseRow !== null) inheritNativeSlots(t, row, baseRow);
  addNativeWrappers(t, row, baseRow);
  ensureDoc(t);
}

/**
 * ensureDoc for every builtin type, once start-up has installed all descriptors (called
 * by the interpreter's set-up, after the introspection attributes of modules/codeExtras).
 */
export function ensureBuiltinDocs(): void {
  for (let i = 0; i < typeRegistry.length; i++) ensureDoc(typeRegistry[i]);
}

// Start-up asks about every builtin type and slot definition, so the slots are compared as
// rows: a type's slot fields read once into an array (SCALAR_SLOTS, then nb_binary and
// nb_inplace), and each definition knows the positions of the fields it copies (found once,
// by letting it copy from a type whose every slot is set into a blank type).
const SCALAR_SLOTS = [
  "tp_repr", "tp_str", "tp_hash", "tp_call", "tp_getattro", "tp_setattro", "tp_richcompare", "tp_iter",
  "tp_iternext", "tp_descr_get", "tp_descr_set", "nb_bool", "sq_length", "sq_contains", "mp_subscript",
  "mp_ass_subscript", "nb_negative", "nb_positive", "nb_invert", "nb_absolute", "nb_index", "nb_int",
  "nb_float", "tp_init", "tp_new",
] as const;

function slotRow(t: PyType): unknown[] {
  const row: unknown[] = SCALAR_SLOTS.map((k) => t[k]);
  for (let i = 0; i < NB_COUNT; i++) row.push(t.nb_binary[i]);
  for (let i = 0; i < NB_COUNT; i++) row.push(t.nb_inplace[i]);
  return row;
}

let slotPositions: number[][] | null = null;
let blankRow: unknown[] = [];

/** Per slot definition, the row positions of the fields it copies. */
function positionsOfDefs(): number[][] {
  if (slotPositions !== null) return slotPositions;
  const blank = new PyType(typeType, "blank", new PyDict());
  const full = new PyType(typeType, "full", new PyDict());
  const marker = (): never => {
    throw new Error("slot probe");
  };
  for (const k of SCALAR_SLOTS) (full as unknown as Record<string, unknown>)[k] = marker;
  full.nb_binary.fill(marker);
  full.nb_inplace.fill(marker);
  blankRow = slotRow(blank);
  slotPositions = SLOT_DEFS.map((def) => {
    const probe = new PyType(typeType, "probe", new PyDict());
    def.inherit(probe, full);
    const row = slotRow(probe);
    const positions: number[] = [];
    for (let i = 0; i < row.length; i++) if (row[i] !== blankRow[i]) positions.push(i);
    return positions;
  });
  return slotPositions;
}

/** Whether the row has the definition's slot (a field differs from a blank type's). */
function rowHasSlot(row: unknown[], positions: number[]): boolean {
  for (let i = 0; i < positions.length; i++) if (row[positions[i]] !== blankRow[positions[i]]) return true;
  return false;
}

function inheritNativeSlots(t: PyType, row: unknown[], baseRow: unknown[]): void {
  const positions = positionsOfDefs();
  for (let d = 0; d < SLOT_DEFS.length; d++) {
    const at = positions[d];
    if (rowHasSlot(row, at) || !rowHasSlot(baseRow, at)) continue;
    const def = SLOT_DEFS[d];
    if (def.names[0] === "__hash__" && t.dict.getStr("__hash__") === None) continue;
    def.inherit(t, t.base!);
    for (let i = 0; i < at.length; i++) row[at[i]] = baseRow[at[i]];
  }
}

function addNativeWrappers(t: PyType, row: unknown[], baseRow: unknown[] | null): void {
  const positions = positionsOfDefs();
  for (let d = 0; d < SLOT_DEFS.length; d++) {
    const def = SLOT_DEFS[d];
    const at = positions[d];
    if (def.wrap === null || !rowHasSlot(row, at)) continue;
    if (baseRow !== null && rowHasSlot(baseRow, at) && sameFields(row, baseRow, at)) continue;
    def.wrap(t);
  }
}

function sameFields(a: unknown[], b: unknown[], positions: number[]): boolean {
  for (let i = 0; i < positions.length; i++) if (a[positions[i]] !== b[positions[i]]) return false;
  return true;
}

// ---- C3 MRO ----

export function computeMro(t: PyType, bases: PyType[]): PyType[] {
  const seqs: PyType[][] = bases.map((b) => b.mro.slice());
  seqs.push(bases.slice());
  const out: PyType[] = [t];
  for (;;) {
    const nonEmpty = seqs.filter((s) => s.length > 0);
    if (nonEmpty.length === 0) return out;
    let cand: PyType | null = null;
    for (const s of nonEmpty) {
      const head = s[0];
      if (!nonEmpty.some((o) => o.indexOf(head) > 0)) {
        cand = head;
        break;
      }
    }
    if (cand === null) {
      const names: string[] = [];
      for (const s of nonEmpty) if (!names.includes(s[0].name)) names.push(s[0].name);
      throw typeError(`Cannot create a consistent method resolution order (MRO) for bases ${names.join(", ")}`);
    }
    out.push(cand);
    for (const s of nonEmpty) if (s[0] === cand) s.shift();
  }
}

// ---- class creation ----

/**
 * Builtin types whose instances have a C layout of their own in CPython (extra fields):
 * two bases with unrelated such "solid bases" cannot be combined.
 */
const layoutNames = new Set([
  "int", "float", "complex", "str", "bytes", "bytearray", "tuple", "list", "dict", "set", "frozenset",
  "type", "property", "module", "BaseException", "AttributeError", "NameError", "ImportError", "OSError",
  "SyntaxError", "StopIteration", "SystemExit", "UnicodeError", "UnicodeDecodeError",
  "UnicodeEncodeError", "UnicodeTranslateError", "BaseExceptionGroup",
]);
/** CPython's solid_base: the nearest type along the base chain that defines a layout. */
function solidBase(t: PyType): PyType {
  for (let c: PyType | null = t; c !== null; c = c.base) {
    if (c.flags & TypeFlag.HEAPTYPE) {
      const own = c.dict.getStr("__slots__");
      if (own !== undefined && !(own instanceof PyTuple && own.items.length === 0) && own !== "") return c;
    } else if (layoutNames.has(c.name)) return c;
  }
  return objectType;
}

/**
 * type.__bases__ = v (CPython's type_set_bases): checks, then new bases and MROs for the
 * type and its subclasses. typing.NamedTuple assigns it on every class it makes.
 */
function setBases(t: PyType, v: PyObj | null): void {
  if (!(t.flags & TypeFlag.HEAPTYPE)) throw typeError(`cannot set '__bases__' attribute of immutable type '${t.name}'`);
  if (v === null) throw typeError(`cannot delete '__bases__' attribute of immutable type '${t.name}'`);
  if (!(v instanceof PyTuple)) throw typeError(`can only assign tuple to ${t.name}.__bases__, not ${typeOf(v).name}`);
  if (v.items.length === 0) throw typeError(`can only assign non-empty tuple to ${t.name}.__bases__, not ()`);
  const bases: PyType[] = [];
  for (const b of v.items) {
    if (!(b instanceof PyType)) throw typeError(`${t.name}.__bases__ must be tuple of classes, not '${typeOf(b).name}'`);
    if (b.isSubtypeOf(t)) throw typeError("a __bases__ item causes an inheritance cycle");
    bases.push(b);
  }
  const newBase = bestBase(bases);
  const oldBase = t.base ?? objectType;
  // CPython's compatible_for_assignment: class-made and builtin bases free differently.
  if ((newBase.flags & TypeFlag.HEAPTYPE) !== (oldBase.flags & TypeFlag.HEAPTYPE)) {
    throw typeError(`__bases__ assignment: '${newBase.name}' deallocator differs from '${oldBase.name}'`);
  }
  if (solidBase(newBase) !== solidBase(oldBase)) {
    throw typeError(`__bases__ assignment: '${newBase.name}' object layout differs from '${oldBase.name}'`);
  }
  const oldBases = t.bases;
  const oldMros = new Map<PyType, PyType[]>();
  const remro = (c: PyType): void => {
    oldMros.set(c, c.mro);
    c.mro = computeMro(c, c.bases);
    for (const sub of c.subclasses) remro(sub);
  };
  t.bases = bases;
  t.base = newBase;
  try {
    remro(t);
  } catch (e) {
    t.bases = oldBases;
    for (const [c, mro] of oldMros) c.mro = mro;
    throw e;
  }
  for (const b of oldBases) {
    const i = b.subclasses.indexOf(t);
    if (i >= 0) b.subclasses.splice(i, 1);
  }
  for (const b of bases) if (!b.subclasses.includes(t)) b.subclasses.push(t);
  t.invalidateCaches();
}

function bestBase(bases: PyType[]): PyType {
  let best: PyType | null = null;
  let bestSolid: PyType = objectType;
  for (const b of bases) {
    if (!(b.flags & TypeFlag.BASETYPE)) throw typeError(`type '${b.name}' is not an acceptable base type`);
    const s = solidBase(b);
    if (best === null) {
      best = b;
      bestSolid = s;
    } else if (bestSolid.isSubtypeOf(s)) {
      // keep
    } else if (s.isSubtypeOf(bestSolid)) {
      best = b;
      bestSolid = s;
    } else {
      throw typeError("multiple bases have instance lay-out conflict");
    }
  }
  return best ?? objectType;
}

/** Set by the VM layer: the running frame's globals['__name__'], the __module__ that
 * type(name, bases, ns) gives a class (CPython: type_new_set_module). */
export const typeNewHooks = {
  callerModuleName: null as (() => PyObj | undefined) | null,
};

/** A class name must be encodable as UTF-8 and free of NULs (type_new, type_set_name). */
function checkTypeName(name: string): void {
  if (name.includes("\0")) throw valueError("type name must not contain null characters");
  encodeString(name, "utf-8", "strict");
}

/** The class namespace's copy: a dict subclass (OrderedDict) in its own iteration order,
 * as PyDict_Update does for a mapping that overrides __iter__ (bpo-34320). */
function namespaceCopy(ns: PyDict): PyDict {
  if (typeOf(ns) === dictType || typeOf(ns).lookup("__iter__") === dictType.lookup("__iter__")) return ns.copy();
  const out = new PyDict();
  for (const k of abstractFns.toArray(abstractFns.callMethod(ns, "keys", []))) out.set(k, abstractFns.getItem(ns, k));
  return out;
}

/** The items of a non-str __slots__, each a str (type_new_visit_slots). */
function slotNameList(decl: PyObj): string[] {
  const items = abstractFns.toArray(decl);
  for (const it of items) {
    if (typeof it !== "string") throw typeError(`__slots__ items must be strings, not '${typeOf(it).name}'`);
  }
  return items as string[];
}

/** CPython's checks of __slots__ names (type_new_visit_slots, type_new_slots_impl). A base
 * that already gives __dict__/__weakref__ is not checked: native types written in Python
 * (_socket.socket...) have both where CPython's C types have neither. */
function checkSlotNames(names: string[], base: PyType): void {
  let dictSeen = false;
  let weakrefSeen = false;
  for (const n of names) {
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(n)) throw typeError("__slots__ must be identifiers");
    if (n === "__dict__") {
      if (dictSeen) throw typeError("__dict__ slot disallowed: we already got one");
      dictSeen = true;
    } else if (n === "__weakref__") {
      if (weakrefSeen) throw typeError("__weakref__ slot disallowed: we already got one");
      weakrefSeen = true;
    }
  }
  const real = names.filter((n) => n !== "__dict__" && n !== "__weakref__");
  if (real.length > 0 && variableSizeBase(base)) {
    throw typeError(`nonempty __slots__ not supported for subtype of '${base.name}'`);
  }
}

/** Whether instances of t are variable-sized in CPython (int, bytes, tuple: tp_itemsize != 0). */
function variableSizeBase(t: PyType): boolean {
  return (t.flags & (TypeFlag.LONG_SUBCLASS | TypeFlag.TUPLE_SUBCLASS | TypeFlag.BYTES_SUBCLASS)) !== 0;
}

/** type.__new__(meta, name, bases, ns, **kwds). */
export function typeNew(meta: PyType, name: string, basesIn: PyType[], ns: PyDict, kwnames: KwNames, kwvalues: PyObj[]): PyType {
  const bases = basesIn.length === 0 ? [objectType] : basesIn;
  for (let i = 0; i < bases.length; i++) {
    for (let j = i + 1; j < bases.length; j++) {
      if (bases[i] === bases[j]) throw typeError(`duplicate base class ${bases[i].name}`);
    }
  }
  checkTypeName(name);
  const dict = namespaceCopy(ns);
  const t = new PyType(meta, name, dict);
  t.flags = TypeFlag.HEAPTYPE | TypeFlag.BASETYPE;
  t.bases = bases;
  const base = bestBase(bases);
  t.base = base;
  t.mro = computeMro(t, bases);
  for (const b of bases) t.flags |= b.flags & (TypeFlag.LONG_SUBCLASS | TypeFlag.LIST_SUBCLASS | TypeFlag.TUPLE_SUBCLASS |
    TypeFlag.UNICODE_SUBCLASS | TypeFlag.DICT_SUBCLASS | TypeFlag.BASE_EXC_SUBCLASS | TypeFlag.TYPE_SUBCLASS | TypeFlag.BYTES_SUBCLASS);
  // The first class of the MRO that is a sequence or a mapping decides (inherit_patma_flags).
  for (let i = 1; i < t.mro.length && (t.flags & COLLECTION_FLAGS) === 0; i++) t.flags |= t.mro[i].flags & COLLECTION_FLAGS;
  const qn = dict.getStr("__qualname__");
  if (qn !== undefined) {
    if (typeof qn !== "string") throw typeError(`type __qualname__ must be a str, not ${typeOf(qn).name}`);
    t.qualname = qn;
    dict.delete("__qualname__");
  }
  if (dict.getStr("__module__") === undefined) dict.setStr("__module__", typeNewHooks.callerModuleName?.() ?? "builtins");
  // Layout: __slots__ or a __dict__.
  const slotsDecl = dict.getStr("__slots__");
  const baseHasDict = bases.some((b) => b.instancesHaveDict);
  const inheritedSlots: string[] = [];
  for (const b of bases) if (b.slotNames !== null) for (const n of b.slotNames) if (!inheritedSlots.includes(n)) inheritedSlots.push(n);
  if (slotsDecl !== undefined) {
    const names = typeof slotsDecl === "string" ? [slotsDecl] : slotNameList(slotsDecl);
    checkSlotNames(names, base);
    let wantsDict = false;
    const all = inheritedSlots.slice();
    for (const n of names) {
      if (n === "__dict__") {
        wantsDict = true;
        continue;
      }
      if (n === "__weakref__") continue;
      if (dict.getStr(n) !== undefined) {
        throw valueError(`'${n}' in __slots__ conflicts with class variable`);
      }
      const idx = all.length;
      all.push(n);
      dict.setStr(n, new PyMemberDescr(t, n, idx));
    }
    t.slotNames = all;
    t.instancesHaveDict = wantsDict || baseHasDict;
    t.tp_alloc = base.tp_alloc === objectType.tp_alloc || base.slotNames !== null ? allocSlotted : base.tp_alloc;
    if (base.tp_alloc !== objectType.tp_alloc && base.slotNames === null) t.instancesHaveDict = true;
  } else {
    t.slotNames = inheritedSlots.length > 0 ? inheritedSlots : null;
    t.instancesHaveDict = true;
    t.tp_alloc = t.slotNames !== null ? allocSlotted : base.tp_alloc;
  }
  // After __slots__, as CPython's type_new_set_doc: '__doc__' may be a slot (typing._SpecialForm).
  const doc = dict.getStr("__doc__");
  if (doc === undefined) dict.setStr("__doc__", None);
  else if (typeof doc === "string") encodeString(doc, "utf-8", "strict"); // tp_doc is UTF-8
  // __dict__ and __weakref__ descriptors where the layout adds them (as CPython does).
  if (t.instancesHaveDict && !bases.some((b) => b.lookup("__dict__") !== null && b !== objectType)) {
    if (dict.getStr("__dict__") === undefined) {
      dict.setStr("__dict__", new PyGetSetDescr(t, "__dict__", (o) => {
        const obj = o as PyObject;
        if (obj.dict === null) obj.dict = newInstanceDict();
        return obj.dict;
      }, (o, v) => {
        // del obj.__dict__ drops the attributes; a fresh dict appears on next use (CPython).
        if (v === null) {
          (o as PyObject).dict = newInstanceDict();
          return;
        }
        if (!(v instanceof PyDict)) throw typeError(`__dict__ must be set to a dictionary, not a '${typeOf(v).name}'`);
        (o as PyObject).dict = v;
      }, "dictionary for instance variables"));
    }
    if (dict.getStr("__weakref__") === undefined && !bases.some((b) => b.lookup("__weakref__") !== null)) {
      dict.setStr("__weakref__", new PyGetSetDescr(t, "__weakref__", () => None, null, "list of weak references to the object"));
    }
  }
  // Implicit wrapping of special functions.
  const nw = dict.getStr("__new__");
  if (nw instanceof PyFunction) dict.setStr("__new__", new PyStaticMethod(nw));
  for (const cm of ["__init_subclass__", "__class_getitem__"]) {
    const f = dict.getStr(cm);
    if (f instanceof PyFunction) dict.setStr(cm, new PyClassMethod(f));
  }
  // A class that defines __eq__ but not __hash__ is unhashable.
  if (dict.getStr("__eq__") !== undefined && dict.getStr("__hash__") === undefined) dict.setStr("__hash__", None);
  const cell = dict.getStr("__classcell__");
  if (cell !== undefined) {
    if (!(cell instanceof PyCell)) throw typeError(`__classcell__ must be a nonlocal cell, not ${typeOf(cell).name}`);
    cell.contents = t;
    dict.delete("__classcell__");
  }
  for (const b of bases) b.subclasses.push(t);
  updateSlots(t);
  // __set_name__, then __init_subclass__.
  for (const k of dict.keys()) {
    const v = dict.get(k)!;
    const sn = typeof v === "object" ? typeOf(v).lookup("__set_name__") : null;
    if (sn !== null) {
      try {
        callSpecial(v, sn, [t, k]);
      } catch (e) {
        if (e instanceof PyBaseException) {
          // CPython 3.12+ adds a note rather than wrapping.
          addNote(e, `Error calling __set_name__ on '${typeOf(v).name}' instance '${String(k)}' in '${name}'`);
        }
        throw e;
      }
    }
  }
  const sup = new PySuper(t, t, t);
  const init = superGetAttr(sup, "__init_subclass__");
  if (init !== null) call(init, kwvalues, kwnames);
  else if (kwnames !== null && kwnames.length > 0) throw typeError(`${name}.__init_subclass__() takes no keyword arguments`);
  return t;
}
export function addNote(e: PyBaseException, note: string): void {
  if (e.dict === null) e.dict = new PyDict();
  let notes = e.dict.getStr("__notes__");
  if (!(notes instanceof PyList)) {
    notes = new PyList([]);
    e.dict.setStr("__notes__", notes);
  }
  (notes as PyList).items.push(note);
}
function toStrings(v: PyObj): string[] {
  const { toArray } = abstractFns;
  return toArray(v).map((x) => {
    if (typeof x !== "string") throw typeError(`__slots__ items must be strings, not '${typeOf(x).name}'`);
    return x;
  });
}
import * as abstractFns from "./abstract.js";

function allocSlotted(cls: PyType): PyObject {
  // A subclass without __slots__ of `__slots__ = ()` classes inherits this allocator with no slots.
  return new PySlottedObject(cls, cls.slotNames === null ? 0 : cls.slotNames.length);
}

/** Which metaclass to use: the most derived of the explicit one and the bases' (CPython's _PyType_CalculateMetaclass). */
export function calculateMetaclass(meta: PyType, bases: PyType[]): PyType {
  let winner = meta;
  for (const b of bases) {
    const bt = typeOf(b);
    if (winner.isSubtypeOf(bt)) continue;
    if (bt.isSubtypeOf(winner)) {
      winner = bt;
      continue;
    }
    throw typeError("metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases");
  }
  return winner;
}

// ---- object and type ----

export function objectNew(cls: PyType, args: PyObj[], kw: KwNames): PyObj {
  if (args.length > 0 || (kw !== null && kw.length > 0)) {
    if (cls.tp_new !== objectNew) throw typeError("object.__new__() takes exactly one argument (the type to instantiate)");
    if (cls.tp_init === objectInit) throw typeError(`${cls.name}() takes no arguments`);
  }
  if (cls.flags & TypeFlag.ABSTRACT || (cls.dict.getStr("__abstractmethods__") !== undefined && abstractCount(cls) > 0)) {
    const names = abstractNames(cls);
    throw typeError(`Can't instantiate abstract class ${cls.name} without an implementation for abstract method${names.length > 1 ? "s" : ""} ${names.map((n) => `'${n}'`).join(", ")}`);
  }
  const obj = cls.tp_alloc(cls);
  if (cls.instancesHaveDict && obj.dict === null) obj.dict = newInstanceDict();
  return obj;
}
function abstractNames(cls: PyType): string[] {
  const am = cls.dict.getStr("__abstractmethods__");
  if (am === undefined) return [];
  return abstractFns.toArray(am).map((x) => String(x)).sort();
}
function abstractCount(cls: PyType): number {
  return abstractNames(cls).length;
}
export function objectInit(self: PyObj, args: PyObj[], kw: KwNames): void {
  if (args.length > 0 || (kw !== null && kw.length > 0)) {
    const t = typeOf(self);
    if (t.tp_init !== objectInit) throw typeError("object.__init__() takes exactly one argument (the instance to initialize)");
    if (t.tp_new === objectNew) throw typeError(`${t.name}.__init__() takes exactly one argument (the instance to initialize)`);
  }
}

/** type(...) call: create and initialise an instance. */
export function typeCall(callable: PyObj, args: PyObj[], kw: KwNames): PyObj {
  const cls = callable as PyType;
  if (cls === typeType && args.length === 1 && (kw === null || kw.length === 0)) return typeOf(args[0]);
  if (cls.tp_new === null) throw typeError(`cannot create '${typeQualifiedName(cls)}' instances`);
  const obj = cls.tp_new(cls, args, kw);
  const t = typeOf(obj);
  if (!t.isSubtypeOf(cls)) return obj;
  // Subclasses of dict/list/... get their __dict__ here (their tp_new is the builtin's).
  // (Exceptions make theirs when first needed: most are raised and caught attribute-less.)
  if (t.instancesHaveDict && typeof obj === "object" && obj.dict === null && (t.flags & TypeFlag.BASE_EXC_SUBCLASS) === 0) {
    obj.dict = newInstanceDict();
  }
  if (t.tp_init !== null) t.tp_init(obj, args, kw);
  return obj;
}

export function typeQualifiedName(t: PyType): string {
  const mod = t.dict.getStr("__module__");
  if (typeof mod === "string" && mod !== "builtins") return `${mod}.${t.qualname}`;
  return t.qualname;
}

function typeGetattro(obj: PyObj, name: string): PyObj | null {
  const t = obj as PyType;
  const meta = typeOf(t);
  const metaAttr = meta.lookup(name);
  let metaGet = null;
  if (metaAttr !== null) {
    const mt = typeOf(metaAttr);
    metaGet = mt.tp_descr_get;
    if (metaGet !== null && mt.tp_descr_set !== null) return metaGet(metaAttr, t, meta);
  }
  const attr = t.lookup(name);
  if (attr !== null) {
    const g = typeOf(attr).tp_descr_get;
    return g === null ? attr : g(attr, null, t);
  }
  if (metaGet !== null) return metaGet(metaAttr!, t, meta);
  if (metaAttr !== null) return metaAttr;
  return null;
}

/** Whether `v` is a descriptor (its type has __get__ or __set__). */
function isDescriptor(v: PyObj): boolean {
  const vt = typeOf(v);
  return vt.tp_descr_get !== null || vt.tp_descr_set !== null;
}

function typeSetattro(obj: PyObj, name: string, value: PyObj | null): void {
  const t = obj as PyType;
  let old: PyObj | undefined;
  if (!(t.flags & TypeFlag.HEAPTYPE)) {
    throw typeError(`cannot set '${name}' attribute of immutable type '${t.name}'`);
  }
  const meta = typeOf(t);
  const metaAttr = meta.lookup(name);
  if (metaAttr !== null) {
    const setter = typeOf(metaAttr).tp_descr_set;
    if (setter !== null) {
      setter(metaAttr, t, value);
      return;
    }
  }
  if (value === null) {
    if (t.dict.delete(name) === undefined) throw noAttribute(t, name);
    t.invalidateCaches();
  } else if ((old = t.dict.getStr(name)) !== undefined) {
    // Rebinding an existing name keeps every cached location valid, but caches that hold
    // what kind of attribute it is (the JIT's attribute sites) need a new version when a
    // descriptor (a function, a __slots__ member, a property...) is replaced or added; a
    // plain value (a class-level counter) changes nothing.
    t.dict.setStr(name, value);
    if (isDescriptor(old) || isDescriptor(value)) t.invalidateCaches();
  } else {
    t.dict.setStr(name, value);
    t.invalidateCaches();
  }
  if (name.startsWith("__") && name.endsWith("__")) updateSlotsDeep(t);
}

// ---- super ----

export class PySuper extends PyObject {
  declare readonly thisType: PyType;
  declare readonly obj: PyObj | null;
  declare readonly objType: PyType | null;
  constructor(thisType: PyType, obj: PyObj | null, objType: PyType | null) {
    super(superType);
    this.thisType = thisType;
    this.obj = obj;
    this.objType = objType;
  }
}

/** Attribute lookup on a super object; null when not found along the rest of the MRO. */
export function superGetAttr(s: PySuper, name: string): PyObj | null {
  const startType = s.objType;
  if (startType !== null && name !== "__class__") {
    const mro = startType.mro;
    let i = mro.indexOf(s.thisType) + 1;
    for (; i < mro.length; i++) {
      const v = mro[i].dict.getStr(name);
      if (v !== undefined) {
        const g = typeOf(v).tp_descr_get;
        if (g === null) return v;
        return g(v, s.obj === startType ? null : s.obj, startType);
      }
    }
  }
  return genericGetAttr(s, name);
}

/** The type super() should search from, given the second argument. */
export function superCheck(thisType: PyType, obj: PyObj): PyType {
  if (obj instanceof PyType && obj.isSubtypeOf(thisType)) return obj;
  const t = typeOf(obj);
  if (t.isSubtypeOf(thisType)) return t;
  const cls = getAttrOrNull(obj, "__class__");
  if (cls instanceof PyType && cls !== t && cls.isSubtypeOf(thisType)) return cls;
  throw typeError("super(type, obj): obj must be an instance or subtype of type");
}

/** Set by the VM: (type, obj) of the running frame for zero-argument super(). */
export const superHooks = {
  zeroArgs: null as unknown as () => [PyType, PyObj],
};

export function installTypeObjects(): void {
  // object
  objectType.tp_new = objectNew;
  objectType.tp_init = objectInit;
  objectType.tp_repr = (o) => defaultRepr(o as PyObject);
  objectType.tp_str = (o) => {
    const t = typeOf(o);
    return t.tp_repr === null ? defaultRepr(o as PyObject) : t.tp_repr(o);
  };
  objectType.tp_hash = identityHash;
  objectType.tp_richcompare = identityRichcompare;
  objectType.tp_getattro = null;
  objectType.tp_setattro = null;
  // object's __getattribute__/__setattr__/__delattr__, __eq__/__ne__ etc. as methods
  // (the slot table wraps only non-null slots, so add these explicitly).
  defineMethod(objectType, "__getattribute__", (s, args) => {
    const name = args[0];
    if (typeof name !== "string") throw typeError(`attribute name must be string, not '${typeOf(name).name}'`);
    const r = genericGetAttr(s, name);
    if (r === null) throw noAttribute(s, name);
    return r;
  });
  defineMethod(objectType, "__setattr__", (s, args) => {
    if (typeof args[0] !== "string") throw typeError(`attribute name must be string, not '${typeOf(args[0]).name}'`);
    if (s instanceof PyType) typeSetattro(s, args[0], args[1]);
    else genericSetAttr(s, args[0], args[1]);
    return None;
  });
  defineMethod(objectType, "__delattr__", (s, args) => {
    if (typeof args[0] !== "string") throw typeError(`attribute name must be string, not '${typeOf(args[0]).name}'`);
    genericSetAttr(s, args[0], null);
    return None;
  });
  for (let op = 0; op < 6; op++) {
    // Slot wrappers of tp_richcompare, as CPython's (types.WrapperDescriptorType).
    addWrapper(objectType, RICH_NAMES[op], (s, args) => {
      arity(RICH_NAMES[op], args, 1);
      return objectRichcompare(s, args[0], op);
    });
  }
  defineMethod(objectType, "__init_subclass__", () => None);
  objectType.dict.setStr("__init_subclass__", new PyClassMethod(new PyBuiltinFunction("__init_subclass__", (args, kw) => {
    if (kw !== null && kw.length > 0) throw typeError(`${(args[0] as PyType).name}.__init_subclass__() takes no keyword arguments`);
    return None;
  })));
  objectType.dict.setStr("__subclasshook__", new PyClassMethod(new PyBuiltinFunction("__subclasshook__", () => NotImplemented)));
  defineMethod(objectType, "__format__", (s, args) => {
    const spec = abstractFns.formatSpecArg(args);
    if (spec !== "") throw typeError(`unsupported format string passed to ${typeOf(s).name}.__format__`);
    return str(s);
  });
  defineMethod(objectType, "__dir__", (s) => {
    const names = new Set<string>();
    if (typeof s === "object" && s.dict !== null) for (const k of s.dict.keys()) if (typeof k === "string") names.add(k);
    for (const c of typeOf(s).mro) for (const k of c.dict.keys()) if (typeof k === "string") names.add(k);
    return new PyList([...names]);
  });
  // __reduce_ex__ / __reduce__ / __getstate__: modules/objectReduce.ts (they import copyreg).
  defineMethod(objectType, "__sizeof__", () => 16);
  defineGetSet(objectType, "__class__", (o) => typeOf(o), (o, v) => {
    if (!(v instanceof PyType)) throw typeError(`__class__ must be set to a class, not '${v === null ? "NULL" : typeOf(v).name}' object`);
    if (!(o instanceof PyObject) || !(v.flags & TypeFlag.HEAPTYPE) || !(o.type.flags & TypeFlag.HEAPTYPE)) {
      throw typeError("__class__ assignment only supported for mutable types or ModuleType subclasses");
    }
    o.type = v;
  });

  // type
  typeType.tp_call = typeCall;
  typeType.tp_getattro = typeGetattro;
  typeType.tp_setattro = typeSetattro;
  typeType.tp_repr = (t) => {
    const ty = t as PyType;
    const mod = ty.dict.getStr("__module__");
    if (typeof mod === "string" && mod !== "builtins") return `<class '${mod}.${ty.qualname}'>`;
    return `<class '${ty.qualname}'>`;
  };
  typeType.tp_new = (meta, args, kw) => {
    if (args.length === 1 && (kw === null || kw.length === 0) && meta === typeType) return typeOf(args[0]);
    const npos = args.length - (kw?.length ?? 0);
    // Only type itself has the one-argument form (#27157); a metaclass gets the argument parser's message.
    if (npos !== 3) throw typeError(meta === typeType ? "type() takes 1 or 3 arguments" : `type.__new__() takes exactly 3 arguments (${npos} given)`);
    const [name, bases, ns] = args;
    if (typeof name !== "string") throw typeError(`type.__new__() argument 1 must be str, not ${typeOf(name).name}`);
    if (!(bases instanceof PyTuple)) throw typeError(`type.__new__() argument 2 must be tuple, not ${typeOf(bases).name}`);
    if (!(ns instanceof PyDict)) throw typeError(`type.__new__() argument 3 must be dict, not ${typeOf(ns).name}`);
    const baseTypes = bases.items.map((b) => {
      if (!(b instanceof PyType)) throw typeError(`type.__new__() argument 2 must be tuple of types`);
      return b;
    });
    const winner = calculateMetaclass(meta, baseTypes);
    if (winner !== meta && winner.tp_new !== typeType.tp_new) return winner.tp_new!(winner, args, kw);
    return typeNew(winner, name, baseTypes, ns, kw, kw === null ? [] : args.slice(npos));
  };
  typeType.tp_init = () => undefined;
  typeType.tp_hash = identityHash;
  typeType.tp_richcompare = identityRichcompare;
  typeType.nb_binary[7] = (a, b) => {
    const { unionOf } = unionHooks;
    if (unionOf === null) return NotImplemented;
    return unionOf(a, b);
  };
  defineGetSet(typeType, "__name__", (t) => (t as PyType).name, (t, v) => {
    if (typeof v !== "string") throw typeError(`can only assign string to ${(t as PyType).name}.__name__, not '${v === null ? "NULL" : typeOf(v).name}'`);
    checkTypeName(v);
    (t as PyType).name = v;
  });
  defineGetSet(typeType, "__qualname__", (t) => (t as PyType).qualname, (t, v) => {
    if (typeof v !== "string") throw typeError(`can only assign string to ${(t as PyType).name}.__qualname__, not '${v === null ? "NULL" : typeOf(v).name}'`);
    (t as PyType).qualname = v;
  });
  defineGetSet(typeType, "__bases__", (t) => newTuple((t as PyType).bases.slice()), (t, v) => setBases(t as PyType, v));
  defineGetSet(typeType, "__base__", (t) => (t as PyType).base ?? None);
  defineGetSet(typeType, "__mro__", (t) => newTuple((t as PyType).mro.slice()));
  defineGetSet(typeType, "__dict__", (t) => new MappingProxyHolder.make((t as PyType).dict));
  defineGetSet(typeType, "__module__", (t) => {
    const m = (t as PyType).dict.getStr("__module__");
    // A builtin type's dict may hold its instances' __module__ descriptor (functions).
    if (m === undefined || (typeof m !== "string" && !((t as PyType).flags & TypeFlag.HEAPTYPE))) return "builtins";
    return m;
  }, (t, v) => {
    (t as PyType).dict.setStr("__module__", v ?? None);
    (t as PyType).dict.delete("__firstlineno__"); // it described the old module's source
  });
  defineGetSet(typeType, "__doc__", (t) => {
    const d = (t as PyType).dict.getStr("__doc__");
    if (d === undefined) return None;
    const g = typeOf(d).tp_descr_get;
    return g === null ? d : g(d, null, t as PyType);
  }, (t, v) => {
    (t as PyType).dict.setStr("__doc__", v ?? None);
  });
  defineGetSet(typeType, "__abstractmethods__", (t) => {
    const v = (t as PyType).dict.getStr("__abstractmethods__");
    if (v === undefined) throw attributeError("__abstractmethods__");
    return v;
  }, (t, v) => {
    const ty = t as PyType;
    if (v === null) ty.dict.delete("__abstractmethods__");
    else ty.dict.setStr("__abstractmethods__", v);
    ty.invalidateCaches();
  });
  defineMethod(typeType, "mro", (t) => new PyList((t as PyType).mro.slice()));
  defineMethod(typeType, "__subclasses__", (t) => new PyList((t as PyType).subclasses.slice()));
  defineMethod(typeType, "__instancecheck__", (t, args) => abstractFns.objectIsInstance(args[0], t));
  defineMethod(typeType, "__subclasscheck__", (t, args) => abstractFns.objectIsSubclass(args[0], t));
  abstractFns.setTypeChecks(typeType.dict.getStr("__instancecheck__")!, typeType.dict.getStr("__subclasscheck__")!);
  typeType.dict.setStr("__prepare__", new PyClassMethod(new PyBuiltinFunction("__prepare__", () => new PyDict())));

  // super
  superType.tp_new = (cls) => new PySuper(objectType, null, null);
  superType.tp_init = () => undefined;
  superType.tp_call = null;
  superType.tp_new = (_cls, args, kw) => {
    if (kw !== null && kw.length > 0) throw typeError("super() takes no keyword arguments");
    let thisType: PyObj, obj: PyObj | null;
    if (args.length === 0) {
      [thisType, obj] = superHooks.zeroArgs();
    } else {
      thisType = args[0];
      obj = args.length > 1 ? args[1] : null;
    }
    if (!(thisType instanceof PyType)) throw typeError(`super() argument 1 must be a type, not ${typeOf(thisType).name}`);
    if (obj === null || obj === None) return new PySuper(thisType, null, null);
    return new PySuper(thisType, obj, superCheck(thisType, obj));
  };
  superType.tp_getattro = (s, name) => superGetAttr(s as PySuper, name);
  superType.tp_descr_get = (s, obj) => {
    const sup = s as PySuper;
    if (obj === null || obj === None || sup.obj !== null) return s;
    return new PySuper(sup.thisType, obj, superCheck(sup.thisType, obj));
  };
  superType.tp_repr = (s) => {
    const sup = s as PySuper;
    if (sup.objType !== null) return `<super: <class '${sup.thisType.name}'>, <${sup.objType.name} object>>`;
    return `<super: <class '${sup.thisType.name}'>, NULL>`;
  };
  defineGetSet(superType, "__thisclass__", (s) => (s as PySuper).thisType);
  defineGetSet(superType, "__self__", (s) => (s as PySuper).obj ?? None);
  defineGetSet(superType, "__self_class__", (s) => (s as PySuper).objType ?? None);

  // member descriptors (__slots__)
  memberDescrType.tp_descr_get = (d, obj) => {
    if (obj === null || obj === None) return d;
    const m = d as PyMemberDescr;
    const values = obj instanceof PySlottedObject ? obj.slotValues : typeof obj === "object" ? builtinLayoutSlots.get(obj) : undefined;
    const v = values === undefined ? null : values[m.slotIndex];
    if (v === null || v === undefined) {
      const e = attributeError(`'${typeOf(obj).name}' object has no attribute '${m.name}'`);
      throw e;
    }
    return v;
  };
  memberDescrType.tp_descr_set = (d, obj, value) => {
    const m = d as PyMemberDescr;
    if (!typeOf(obj).isSubtypeOf(m.owner) || typeof obj !== "object") throw typeError(`descriptor '${m.name}' for '${m.owner.name}' objects doesn't apply to a '${typeOf(obj).name}' object`);
    let values: (PyObj | null)[] | undefined;
    if (obj instanceof PySlottedObject) values = obj.slotValues;
    else {
      // __slots__ of a subclass of list/dict/... (functools._HashedSeq): kept beside the object.
      values = builtinLayoutSlots.get(obj);
      if (values === undefined) builtinLayoutSlots.set(obj, (values = []));
    }
    const old = values[m.slotIndex];
    if (value === null && (old === null || old === undefined)) throw attributeError(`'${typeOf(obj).name}' object has no attribute '${m.name}'`);
    values[m.slotIndex] = value;
  };
  memberDescrType.tp_repr = (d) => `<member '${(d as PyMemberDescr).name}' of '${(d as PyMemberDescr).owner.name}' objects>`;

  // descriptor reprs
  methodDescrType.tp_repr = (d) => `<method '${(d as PyMethodDescr).name}' of '${(d as PyMethodDescr).owner.name}' objects>`;
  wrapperDescrType.tp_repr = (d) => `<slot wrapper '${(d as PyMethodDescr).name}' of '${(d as PyMethodDescr).owner.name}' objects>`;
  wrapperDescrType.tp_descr_get = methodDescrType.tp_descr_get;
  wrapperDescrType.tp_call = methodDescrType.tp_call;
  const gsRepr = (d: PyObj) => `<attribute '${(d as PyGetSetDescr).name}' of '${(d as PyGetSetDescr).owner.name}' objects>`;
  (typeOf(new PyGetSetDescr(objectType, "x", () => None, null))).tp_repr = gsRepr;

  void PyMethod;
  void PyIntSubclassObj;
  void intType;
  void strType;
  void floatType;
  void PyFloat;
  void lookupSpecial;
  void hash;
  void repr;
  void strRepr;
  void index;
  void runtimeError;
}

/** Hooks filled by later layers (types.UnionType, mappingproxy). */
export const unionHooks = {
  unionOf: null as ((a: PyObj, b: PyObj) => PyObj) | null,
};
export const MappingProxyHolder = {
  make: null as unknown as new (d: PyDict) => PyObj,
};
