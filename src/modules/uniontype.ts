// types.UnionType (Objects/unionobject.c): what `int | str` evaluates to. Fills the
// unionHooks.unionOf hook that type.__or__ calls (objects/typeobject.ts). Also the other
// start-up additions to builtin types that the stdlib needs (installTypeExtras).
import { PyObject, PyObj, PyType, None, NotImplemented, typeOf, noneType, TypeFlag, listType } from "../objects/core.js";
import { defineGetSet, defineMethod } from "../objects/descr.js";
import { unionHooks, finishNativeType, MappingProxyHolder } from "../objects/typeobject.js";
import { mappingProxyType } from "../objects/dictobject.js";
import type { PyDict } from "../objects/dict.js";
import { repr, eq, hash, call, getAttrOrNull, isTrue, binaryOp } from "../objects/abstract.js";
import { PySet } from "../objects/misc.js";
import { NB } from "../objects/number.js";
import { hashInto, hashAsSlotNumber, registerExactHash } from "../objects/hash.js";
import { newTuple, PyTuple, PyList } from "../objects/sequence.js";
import { typeError } from "../objects/exceptions.js";
import { genericAliasType, makeGenericAlias, makeParameters, subsParameters } from "../objects/genericalias.js";
import { nativeType } from "./modutil.js";

export class PyUnion extends PyObject {
  declare args: PyObj[];
}

let unionType: PyType | null = null;

/** Whether `v` may be an operand of `|` between types (a type, None, an alias, a union, a TypeVar...). */
function isUnionable(v: PyObj): boolean {
  // is_unionable: a TypeVar is not (TypeVar.__or__ makes a typing.Union instead).
  if (v === None || v instanceof PyType || v instanceof PyUnion) return true;
  const t = typeOf(v);
  if (t.isSubtypeOf(genericAliasType)) return true;
  const mod = t.dict.getStr("__module__");
  return mod === "typing" && t.name === "TypeAliasType";
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
    defineGetSet(t, "__parameters__", (o) => newTuple(makeParameters(U(o).args)));
    t.tp_repr = (o) => U(o).args.map(argRepr).join(" | ");
    // union_hash: the hash of the frozenset of the arguments (so equal unions hash equal
    // whatever their order, as typing.Union's).
    const argsSet = (o: PyObj): PySet => PySet.fromItems(U(o).args, true);
    t.tp_hash = (o) => {
      hashInto(argsSet(o));
      return hashAsSlotNumber();
    };
    registerExactHash(t.tp_hash, (o) => hashInto(argsSet(o)));
    // (int | T)[str]: the type variables substituted, the union rebuilt with | (union_getitem).
    t.mp_subscript = (o, item) => {
      const newargs = subsParameters(o, U(o).args, makeParameters(U(o).args), item);
      if (newargs.length === 0) return o;
      let res = newargs[0];
      for (let i = 1; i < newargs.length; i++) res = binaryOp(res, newargs[i], NB.OR);
      return res;
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
    // types.MappingProxyType[str, int], as the other builtin generics.
    mappingProxyType.dict.setStr("__class_getitem__", listType.dict.getStr("__class_getitem__")!);
    finishNativeType(mappingProxyType);
  }
}
