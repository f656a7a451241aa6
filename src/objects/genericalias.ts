// types.GenericAlias (Objects/genericaliasobject.c): what `list[int]` evaluates to, and the
// __class_getitem__ of the builtin generic classes.
import {
  PyObject, PyObj, PyType, makeBuiltinType, objectType, typeOf, Ellipsis, NotImplemented, None,
  listType, tupleType, dictType, setType, frozensetType, typeTypeObj, identityId,
} from "./core.js";
import { defineGetSet, defineMethod, PyBuiltinFunction } from "./descr.js";
import { repr, call, eq, hash, getAttrOrNull, genericGetAttr, getItem, isTrue, toArray, lookupSpecial } from "./abstract.js";
import { PyTuple, PyList, newTuple } from "./sequence.js";
import { PyClassMethod } from "./function.js";
import { typeError } from "./exceptions.js";

export const genericAliasType = makeBuiltinType("types.GenericAlias", objectType, 0);
genericAliasType.qualname = "GenericAlias";

export class PyGenericAlias extends PyObject {
  declare readonly origin: PyObj;
  declare readonly args: PyObj[];
  /** __parameters__, computed on first use. */
  declare parameters: PyObj[] | null;
  constructor(origin: PyObj, args: PyObj[]) {
    super(genericAliasType);
    this.origin = origin;
    this.args = args;
    this.parameters = null;
  }
}

/**
 * The type variables of `args` in order of first appearance (_Py_make_parameters):
 * objects with __typing_subst__ (TypeVar...) and the __parameters__ of nested generics,
 * looking into lists and tuples (Callable[[T], int]); classes are skipped.
 */
export function makeParameters(args: readonly PyObj[]): PyObj[] {
  const out: PyObj[] = [];
  const add = (p: PyObj): void => {
    if (!out.includes(p)) out.push(p);
  };
  for (const t of args) {
    if (t instanceof PyType) continue;
    if (getAttrOrNull(t, "__typing_subst__") !== null) {
      add(t);
      continue;
    }
    let sub = getAttrOrNull(t, "__parameters__");
    if (sub === null && (t instanceof PyTuple || t instanceof PyList)) sub = newTuple(makeParameters(t.items));
    if (sub instanceof PyTuple) for (const p of sub.items) add(p);
  }
  return out;
}

/** A TypeVarTuple written *Ts in the arguments (_is_unpacked_typevartuple). */
function isUnpackedTypeVarTuple(arg: PyObj): boolean {
  if (arg instanceof PyType) return false;
  const flag = getAttrOrNull(arg, "__typing_is_unpacked_typevartuple__");
  return flag !== null && isTrue(flag);
}

/** `obj` with its own type variables replaced (subs_tvars): obj[their values]. */
function substituteIn(obj: PyObj, params: readonly PyObj[], argitems: readonly PyObj[]): PyObj {
  const subparams = getAttrOrNull(obj, "__parameters__");
  if (subparams instanceof PyTuple && subparams.items.length > 0) {
    const subargs: PyObj[] = [];
    for (let arg of subparams.items) {
      const iparam = params.indexOf(arg);
      if (iparam >= 0) {
        const param = params[iparam];
        arg = argitems[iparam];
        // A TypeVarTuple (iterable) takes a tuple of types: spliced in.
        if (typeOf(param).tp_iter !== null && arg instanceof PyTuple) {
          subargs.push(...arg.items);
          continue;
        }
      }
      subargs.push(arg);
    }
    return getItem(obj, newTuple(subargs));
  }
  if (subparams === null && (obj instanceof PyTuple || obj instanceof PyList)) {
    const items = obj.items.map((x) => (x instanceof PyType ? x : substituteIn(x, params, argitems)));
    return obj instanceof PyTuple ? newTuple(items) : new PyList(items);
  }
  return obj;
}

/**
 * The arguments of `self` (a generic alias or union over `args`) with its type variables
 * `parameters` replaced by the subscript `item` (_Py_subs_parameters).
 */
export function subsParameters(self: PyObj, args: readonly PyObj[], parameters: readonly PyObj[], item: PyObj): PyObj[] {
  if (parameters.length === 0) throw typeError(`${repr(self)} is not a generic class`);
  for (const param of parameters) {
    const prepare = getAttrOrNull(param, "__typing_prepare_subst__");
    if (prepare !== null && prepare !== None) item = call(prepare, [self, item instanceof PyTuple ? item : newTuple([item])]);
  }
  const argitems = item instanceof PyTuple ? item.items : [item];
  if (argitems.length !== parameters.length) {
    throw typeError(`Too ${argitems.length > parameters.length ? "many" : "few"} arguments for ${repr(self)}; actual ${argitems.length}, expected ${parameters.length}`);
  }
  const newargs: PyObj[] = [];
  for (let arg of args) {
    if (arg instanceof PyType) {
      newargs.push(arg);
      continue;
    }
    const unpack = isUnpackedTypeVarTuple(arg);
    const subst = getAttrOrNull(arg, "__typing_subst__");
    arg = subst !== null ? call(subst, [argitems[parameters.indexOf(arg)]]) : substituteIn(arg, parameters, argitems);
    if (unpack && arg instanceof PyTuple) newargs.push(...arg.items);
    else newargs.push(arg);
  }
  return newargs;
}

/** The names a generic alias answers itself; every other attribute is its origin's (ga_getattro). */
const ALIAS_OWN_ATTRIBUTES = new Set([
  "__class__", "__bases__", "__origin__", "__args__", "__unpacked__", "__parameters__",
  "__typing_unpacked_tuple_args__", "__mro_entries__", "__reduce_ex__", "__reduce__", "__copy__", "__deepcopy__",
]);

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
  genericAliasType.dict.setStr("__module__", "types");
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
    if (!ALIAS_OWN_ATTRIBUTES.has(name)) return getAttrOrNull(ga.origin, name);
    switch (name) {
      case "__origin__": return ga.origin;
      case "__args__": return newTuple(ga.args.slice());
      case "__parameters__":
        if (ga.parameters === null) ga.parameters = makeParameters(ga.args);
        return newTuple(ga.parameters.slice());
    }
    return genericGetAttr(g, name);
  };
  // list[T][int]: the type variables substituted (ga_getitem).
  genericAliasType.mp_subscript = (g, item) => {
    const ga = g as PyGenericAlias;
    if (ga.parameters === null) ga.parameters = makeParameters(ga.args);
    return new PyGenericAlias(ga.origin, subsParameters(g, ga.args, ga.parameters, item));
  };
  // ga_dir: the origin's names and the alias's own.
  defineMethod(genericAliasType, "__dir__", (g) => {
    const origin = (g as PyGenericAlias).origin;
    const names = toArray(call(lookupSpecial(origin, "__dir__")!, []));
    for (const own of ALIAS_OWN_ATTRIBUTES) if (!names.includes(own)) names.push(own);
    return new PyList(names);
  });
  defineMethod(genericAliasType, "__reduce__", (g) => {
    const ga = g as PyGenericAlias;
    return newTuple([typeOf(g), newTuple([ga.origin, newTuple(ga.args.slice())])]);
  });
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
