// types.GenericAlias (Objects/genericaliasobject.c): what `list[int]` evaluates to, and the
// __class_getitem__ of the builtin generic classes.
import {
  PyObject, PyObj, PyType, makeBuiltinType, objectType, typeOf, Ellipsis, NotImplemented,
  listType, tupleType, dictType, setType, frozensetType, typeTypeObj, identityId,
} from "./core.js";
import { defineGetSet, defineMethod, PyBuiltinFunction } from "./descr.js";
import { repr, call, eq, hash, getAttrOrNull } from "./abstract.js";
import { PyTuple, newTuple, EMPTY_TUPLE } from "./sequence.js";
import { PyClassMethod } from "./function.js";
import { typeError } from "./exceptions.js";

export const genericAliasType = makeBuiltinType("types.GenericAlias", objectType, 0);
genericAliasType.qualname = "GenericAlias";

export class PyGenericAlias extends PyObject {
  declare readonly origin: PyObj;
  declare readonly args: PyObj[];
  constructor(origin: PyObj, args: PyObj[]) {
    super(genericAliasType);
    this.origin = origin;
    this.args = args;
  }
}

/** How typing prints one argument: a class by (module-qualified) name, ... for Ellipsis. */
function typeArgRepr(v: PyObj): string {
  if (v === Ellipsis) return "...";
  if (v instanceof PyType) {
    const mod = v.dict.getStr("__module__");
    return typeof mod === "string" && mod !== "builtins" ? `${mod}.${v.qualname}` : v.qualname;
  }
  return repr(v);
}

export function makeGenericAlias(origin: PyObj, item: PyObj): PyGenericAlias {
  return new PyGenericAlias(origin, item instanceof PyTuple ? item.items.slice() : [item]);
}

export function installGenericAlias(): void {
  genericAliasType.tp_repr = (g) => {
    const ga = g as PyGenericAlias;
    const args = ga.args.length === 0 ? "()" : ga.args.map(typeArgRepr).join(", ");
    return `${typeArgRepr(ga.origin)}[${args}]`;
  };
  genericAliasType.tp_call = (g, args, kw) => call((g as PyGenericAlias).origin, args, kw);
  genericAliasType.tp_richcompare = (a, b, op) => {
    if (!(b instanceof PyGenericAlias) || (op !== 2 && op !== 3)) return NotImplemented;
    const x = a as PyGenericAlias;
    const same = eq(x.origin, b.origin) && x.args.length === b.args.length && x.args.every((v, i) => eq(v, b.args[i]));
    return op === 2 ? same : !same;
  };
  genericAliasType.tp_hash = (g) => (hash((g as PyGenericAlias).origin) ^ hash(newTuple((g as PyGenericAlias).args))) | 0;
  genericAliasType.tp_getattro = (g, name) => {
    const ga = g as PyGenericAlias;
    switch (name) {
      case "__origin__": return ga.origin;
      case "__args__": return newTuple(ga.args.slice());
      case "__parameters__": return EMPTY_TUPLE;
      case "__class__": return genericAliasType;
    }
    const own = genericAliasType.lookup(name);
    if (own !== null) {
      const g2 = typeOf(own).tp_descr_get;
      return g2 === null ? own : g2(own, g, genericAliasType);
    }
    if (name.startsWith("__") && name.endsWith("__")) return null;
    return getAttrOrNull(ga.origin, name);
  };
  defineMethod(genericAliasType, "__mro_entries__", (g) => newTuple([(g as PyGenericAlias).origin]));
  defineMethod(genericAliasType, "__instancecheck__", () => {
    throw typeError("isinstance() argument 2 cannot be a parameterized generic");
  });
  defineGetSet(genericAliasType, "__unpacked__", () => false);
  void identityId;
  // __class_getitem__ of the builtin generics.
  const cgi = new PyClassMethod(new PyBuiltinFunction("__class_getitem__", (args) => makeGenericAlias(args[0], args[1])));
  for (const t of [listType, tupleType, dictType, setType, frozensetType, typeTypeObj]) {
    t.dict.setStr("__class_getitem__", cgi);
    t.invalidateCaches();
  }
}
