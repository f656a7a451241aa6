// types.GenericAlias (Objects/genericaliasobject.c): `list[int]` and friends — the
// __class_getitem__ of the builtin containers, with CPython's repr, equality, hash,
// attribute forwarding to the origin, __mro_entries__ and calls.
import {
  PyObject, PyObj, PyType, makeBuiltinType, objectType, NotImplemented, typeOf, Ellipsis,
  tupleType, listType, dictType, setType, frozensetType, typeTypeObj,
} from "./core.js";
import { defineMethod, defineGetSet, defineClassMethod } from "./descr.js";
import { typeError } from "./exceptions.js";
import { repr, getAttrOrNull, call, eq, genericGetAttr, setAttr } from "./abstract.js";
import { PyTuple, newTuple } from "./sequence.js";
import { hashInto, hashAsSlotNumber, registerExactHash, HASH_LO, HASH_HI } from "./hash.js";

export const genericAliasType = makeBuiltinType("GenericAlias", objectType);

export class PyGenericAlias extends PyObject {
  declare readonly origin: PyObj;
  declare readonly args: PyTuple;
  constructor(origin: PyObj, args: PyObj, type: PyType = genericAliasType) {
    super(type);
    this.origin = origin;
    this.args = args instanceof PyTuple ? args : newTuple([args]);
  }
}

/** ga_repr_item: how one origin or argument prints inside list[...]. */
function reprItem(p: PyObj): string {
  if (p === Ellipsis) return "...";
  if (p instanceof PyGenericAlias) return repr(p);
  if (getAttrOrNull(p, "__origin__") !== null && getAttrOrNull(p, "__args__") !== null) return repr(p);
  const qualname = getAttrOrNull(p, "__qualname__");
  const module = getAttrOrNull(p, "__module__");
  if (typeof qualname !== "string" || module === null) return repr(p);
  if (module === "builtins") return qualname;
  return `${typeof module === "string" ? module : repr(module)}.${qualname}`;
}

function gaRepr(g: PyGenericAlias): string {
  const args = g.args.items;
  const inner = args.length === 0 ? "()" : args.map((a) => (a instanceof PyTuple && a.items.length === 0 ? "()" : a instanceof PyObject && a.type === listType ? "[" + (a as unknown as { items: PyObj[] }).items.map(reprItem).join(", ") + "]" : reprItem(a))).join(", ");
  return `${reprItem(g.origin)}[${inner}]`;
}

/** Attributes looked up on the alias itself; everything else comes from the origin. */
const OWN_ATTRS = new Set([
  "__origin__", "__args__", "__unpacked__", "__parameters__", "__typing_unpacked_tuple_args__",
  "__mro_entries__", "__reduce_ex__", "__reduce__", "__copy__", "__deepcopy__",
]);

export function installGenericAlias(): void {
  genericAliasType.dict.setStr("__module__", "types");
  genericAliasType.tp_new = (cls, args, kw) => {
    if (kw !== null && kw.length > 0) throw typeError("GenericAlias() takes no keyword arguments");
    if (args.length !== 2) throw typeError(`GenericAlias expected 2 arguments, got ${args.length}`);
    return new PyGenericAlias(args[0], args[1], cls);
  };
  const G = (v: PyObj) => v as PyGenericAlias;
  genericAliasType.tp_repr = (v) => gaRepr(G(v));
  genericAliasType.tp_getattro = (v, name) => {
    if (!name.startsWith("__") || OWN_ATTRS.has(name) || !name.endsWith("__")) {
      if (OWN_ATTRS.has(name) || name.startsWith("__")) return genericGetAttr(v, name);
      return getAttrOrNull(G(v).origin, name);
    }
    const own = genericGetAttr(v, name);
    if (own !== null) return own;
    return null;
  };
  genericAliasType.tp_richcompare = (a, b, op) => {
    if (!(b instanceof PyGenericAlias) || (op !== 2 && op !== 3)) return NotImplemented;
    const same = eq(G(a).origin, b.origin) && eq(G(a).args, b.args);
    return op === 2 ? same : !same;
  };
  const exact = (v: PyObj) => {
    hashInto(G(v).origin);
    const lo = HASH_LO, hi = HASH_HI;
    hashInto(G(v).args);
    // hash(origin) ^ hash(args), on both halves
    const xlo = (lo ^ HASH_LO) >>> 0, xhi = (hi ^ HASH_HI) >>> 0;
    hashFromHalves(xlo, xhi);
  };
  genericAliasType.tp_hash = (v) => {
    exact(v);
    return hashAsSlotNumber();
  };
  registerExactHash(genericAliasType.tp_hash, exact);
  genericAliasType.tp_call = (v, args, kw) => {
    const obj = call(G(v).origin, args, kw);
    try {
      setAttr(obj, "__orig_class__", v);
    } catch {
      // CPython ignores AttributeError/TypeError here
    }
    return obj;
  };
  defineGetSet(genericAliasType, "__origin__", (v) => G(v).origin);
  defineGetSet(genericAliasType, "__args__", (v) => G(v).args);
  defineGetSet(genericAliasType, "__parameters__", () => newTuple([]));
  defineGetSet(genericAliasType, "__unpacked__", () => false);
  defineMethod(genericAliasType, "__mro_entries__", (v) => newTuple([G(v).origin]));
  defineMethod(genericAliasType, "__instancecheck__", () => {
    throw typeError("isinstance() argument 2 cannot be a parameterized generic");
  });
  defineMethod(genericAliasType, "__subclasscheck__", () => {
    throw typeError("issubclass() argument 2 cannot be a parameterized generic");
  });
  defineMethod(genericAliasType, "__reduce__", (v) => newTuple([genericAliasType, newTuple([G(v).origin, G(v).args])]));

  for (const t of [tupleType, listType, dictType, setType, frozensetType, typeTypeObj]) {
    defineClassMethod(t, "__class_getitem__", (cls, args) => {
      if (args.length !== 1) throw typeError(`__class_getitem__() takes exactly one argument (${args.length} given)`);
      return new PyGenericAlias(cls, args[0]);
    });
  }
  void typeOf;
}

/** Sets the hash halves directly (for the xor combination above). */
function hashFromHalves(lo: number, hi: number): void {
  setHashHalves(lo, hi);
}
import { setHashHalves } from "./hash.js";
