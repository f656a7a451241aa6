// types.UnionType (Objects/unionobject.c): what `int | str` evaluates to. Fills the
// unionHooks.unionOf hook that type.__or__ calls (objects/typeobject.ts). Also the other
// start-up additions to builtin types that the stdlib needs (installTypeExtras).
import { PyObject, PyObj, PyType, None, NotImplemented, typeOf, noneType, TypeFlag } from "../objects/core.js";
import { defineGetSet, defineMethod } from "../objects/descr.js";
import { unionHooks, finishNativeType, MappingProxyHolder } from "../objects/typeobject.js";
import { mappingProxyType } from "../objects/dictobject.js";
import type { PyDict } from "../objects/dict.js";
import { repr, eq, hash, call, getAttrOrNull, isTrue } from "../objects/abstract.js";
import { newTuple, PyTuple, PyList } from "../objects/sequence.js";
import { typeError } from "../objects/exceptions.js";
import { genericAliasType, makeGenericAlias } from "../objects/genericalias.js";
import { nativeType } from "./modutil.js";

export class PyUnion extends PyObject {
  declare args: PyObj[];
}

let unionType: PyType | null = null;

/** Whether `v` may be an operand of `|` between types (a type, None, an alias, a union, a TypeVar...). */
function isUnionable(v: PyObj): boolean {
  if (v === None || v instanceof PyType || v instanceof PyUnion) return true;
  const t = typeOf(v);
  if (t === genericAliasType) return true;
  const mod = t.dict.getStr("__module__");
  return mod === "typing" && (t.name === "TypeVar" || t.name === "ParamSpec" || t.name === "TypeVarTuple" || t.name === "TypeAliasType");
}

function flatten(v: PyObj, out: PyObj[]): void {
  if (v instanceof PyUnion) {
    for (const x of v.args) flatten(x, out);
    return;
  }
  const x = v === None ? noneType : v;
  if (!out.some((y) => y === x || (!(y instanceof PyType) && !(x instanceof PyType) && eq(x, y)))) out.push(x);
}

function argRepr(v: PyObj): string {
  if (v === noneType) return "None";
  if (v instanceof PyType) {
    const mod = v.dict.getStr("__module__");
    return typeof mod === "string" && mod !== "builtins" ? `${mod}.${v.qualname}` : v.qualname;
  }
  return repr(v);
}

function getUnionType(): PyType {
  if (unionType !== null) return unionType;
  unionType = nativeType("types", "UnionType", (t) => {
    const U = (o: PyObj) => o as PyUnion;
    defineGetSet(t, "__args__", (o) => newTuple(U(o).args.slice()));
    defineGetSet(t, "__parameters__", (o) => {
      const out: PyObj[] = [];
      for (const a of U(o).args) {
        const ps = getAttrOrNull(a, "__parameters__");
        if (ps instanceof PyTuple) for (const p of ps.items) if (!out.includes(p)) out.push(p);
      }
      return newTuple(out);
    });
    t.tp_repr = (o) => U(o).args.map(argRepr).join(" | ");
    t.tp_hash = (o) => {
      let h = 0x345678;
      for (const a of U(o).args) h ^= hash(a);
      return h | 0;
    };
    t.tp_richcompare = (a, b, op) => {
      if (!(b instanceof PyUnion) || (op !== 2 && op !== 3)) return NotImplemented;
      const x = U(a).args, y = b.args;
      const same = x.length === y.length && x.every((v) => y.some((w) => v === w || eq(v, w)));
      return op === 2 ? same : !same;
    };
    t.nb_binary[7] = (a, b) => unionOf(a, b);
    defineMethod(t, "__instancecheck__", (o, args) => {
      for (const a of U(o).args) {
        if (!(a instanceof PyType)) throw typeError("isinstance() argument 2 cannot be a parameterized generic");
        if (isTrue(call(a.dict.getStr("__instancecheck__") ?? getAttrOrNull(a, "__instancecheck__")!, [args[0]]))) return true;
      }
      return false;
    });
    defineMethod(t, "__subclasscheck__", (o, args) => {
      for (const a of U(o).args) {
        if (!(a instanceof PyType)) throw typeError("issubclass() argument 2 cannot be a parameterized generic");
        if (isTrue(call(getAttrOrNull(a, "__subclasscheck__")!, [args[0]]))) return true;
      }
      return false;
    });
  });
  return unionType;
}

/** a | b for types and type-like objects; NotImplemented for anything else. */
export function unionOf(a: PyObj, b: PyObj): PyObj {
  if (!isUnionable(a) || !isUnionable(b)) return NotImplemented;
  const args: PyObj[] = [];
  flatten(a, args);
  flatten(b, args);
  if (args.length === 1) return args[0];
  const u = new PyUnion(getUnionType());
  u.args = args;
  return u;
}

unionHooks.unionOf = unionOf;

/**
 * Start-up additions to builtin types that the stdlib needs: types.GenericAlias must be
 * subclassable (_collections_abc's _CallableGenericAlias) with GenericAlias(origin, args).
 */
export function installTypeExtras(): void {
  if ((genericAliasType.flags & TypeFlag.BASETYPE) !== 0) return;
  genericAliasType.flags |= TypeFlag.BASETYPE;
  genericAliasType.tp_new = (cls, args) => {
    if (args.length !== 2) throw typeError(`GenericAlias expected 2 arguments, got ${args.length}`);
    const g = makeGenericAlias(args[0], args[1]);
    (g as { type: PyType }).type = cls;
    return g;
  };
  // list[int] | None
  genericAliasType.nb_binary[7] = (a, b) => unionOf(a, b);
  finishNativeType(genericAliasType);
  // types.MappingProxyType(mapping), used by enum's __members__.
  {
    mappingProxyType.tp_new = (_cls, args, kw) => {
      if (args.length !== 1 || (kw !== null && kw.length > 0)) throw typeError("mappingproxy() takes exactly one argument");
      const m = args[0];
      if (m instanceof PyTuple || m instanceof PyList || typeOf(m).mp_subscript === null) {
        throw typeError(`mappingproxy() argument must be a mapping, not ${typeOf(m).name}`);
      }
      return new MappingProxyHolder.make(m as PyDict);
    };
    finishNativeType(mappingProxyType);
  }
}
