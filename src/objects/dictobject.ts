// dict's slots, methods, views and iterators (dictobject.c); the storage is dict.ts.
import {
  PyObject, PyObj, PyType, KwNames, dictType, makeBuiltinType, objectType, None, NotImplemented,
  typeOf, setType, TypeFlag,
} from "./core.js";
import { PyDict, DELETED } from "./dict.js";
import { defineMethod, defineClassMethod, defineGetSet, defineFastPaths } from "./descr.js";
import { typeError, keyError, runtimeError, valueError } from "./exceptions.js";
import {
  repr, eq, toArray, getIter, iterNext, call, getAttrOrNull, getItem, lookupSpecial, hash, richCompare,
  len, contains, getAttr, binaryOp,
} from "./abstract.js";
import { PyTuple, PyList, newTuple, withReprGuard, argCount } from "./sequence.js";
import { PySet } from "./misc.js";
import { differenceUpdate, symmetricDifferenceUpdate, intersection } from "./set.js";
import { NB } from "./number.js";

export const dictKeysType = makeBuiltinType("dict_keys", objectType, 0);
export const dictValuesType = makeBuiltinType("dict_values", objectType, 0);
export const dictItemsType = makeBuiltinType("dict_items", objectType, 0);
export const dictKeyIterType = makeBuiltinType("dict_keyiterator", objectType, 0);
// reversed(dict / view) iterators: same behaviour, CPython's names
export const dictRevIterTypes = ["dict_reversekeyiterator", "dict_reversevalueiterator", "dict_reverseitemiterator"]
  .map((n) => makeBuiltinType(n, objectType, 0));
export const dictValueIterType = makeBuiltinType("dict_valueiterator", objectType, 0);
export const dictItemIterType = makeBuiltinType("dict_itemiterator", objectType, 0);
export const mappingProxyType = makeBuiltinType("mappingproxy", objectType, TypeFlag.MAPPING);

export class PyDictView extends PyObject {
  declare readonly dict: PyDict;
  constructor(type: PyType, dict: PyDict) {
    super(type);
    this.dict = dict;
  }
}
export class PyDictIter extends PyObject {
  declare pos: number;
  declare size: number;
  declare version: number;
  /** The dict; an empty one once exhausted (CPython drops its reference then). */
  declare dict: PyDict;
  constructor(type: PyType, dict: PyDict, readonly reversed = false) {
    super(type);
    this.dict = dict;
    this.pos = reversed ? dict.keyList.length - 1 : 0;
    this.size = dict.size;
    this.version = dict.version;
  }
}
export class PyMappingProxy extends PyObject {
  declare readonly mapping: PyDict;
  constructor(mapping: PyDict) {
    super(mappingProxyType);
    this.mapping = mapping;
  }
}

/** What exhausted dict iterators hold instead of their dict; always empty, never exposed. */
const EXHAUSTED_DICT = new PyDict();

/** Next live slot index of a dict iterator, or -1 at the end. */
function advance(it: PyDictIter): number {
  const d = it.dict;
  if (d.version !== it.version) {
    it.pos = d.keyList.length + 1;
    throw runtimeError(d.size !== it.size ? "dictionary changed size during iteration" : "dictionary keys changed during iteration");
  }
  const keys = d.keyList;
  if (it.reversed) {
    while (it.pos >= 0) {
      const i = it.pos--;
      if (keys[i] !== DELETED) return i;
    }
    return -1;
  }
  while (it.pos < keys.length) {
    const i = it.pos++;
    if (keys[i] !== DELETED) return i;
  }
  return -1;
}

/** dict(...) / dict.update(...) argument handling. */
/** Whether every item of `a` is in `b` (all_contained_in). */
function allContainedIn(a: PyObj, b: PyObj): boolean {
  const it = getIter(a);
  for (let x = iterNext(it); x !== null; x = iterNext(it)) if (!contains(b, x)) return false;
  return true;
}

export function dictMerge(d: PyDict, arg: PyObj, fromKeysMethod = false): void {
  // A dict whose iteration is dict's own is read directly (dict_merge); one that
  // overrides __iter__ (OrderedDict) goes through keys() like any mapping.
  if (arg instanceof PyDict && typeOf(arg).tp_iter === dictType.tp_iter) {
    const size = arg.size;
    for (let i = 0; i < arg.keyList.length; i++) {
      const key = arg.keyList[i];
      if (key === DELETED) continue;
      d.set(key, arg.valueList[i]);
      // A key's __eq__ or __hash__ may have changed `arg`.
      if (arg.size !== size) throw runtimeError("dict mutated during update");
    }
    return;
  }
  const keysMethod = getAttrOrNull(arg, "keys");
  if (keysMethod !== null) {
    for (const k of toArray(call(keysMethod, []))) d.set(k, getItem(arg, k));
    return;
  }
  void fromKeysMethod;
  const it = getIter(arg);
  let n = 0;
  for (let item = iterNext(it); item !== null; item = iterNext(it), n++) {
    let pair: readonly PyObj[];
    if (item instanceof PyTuple || item instanceof PyList) pair = item.items;
    else {
      const t = typeOf(item);
      if (t.tp_iter === null && t.mp_subscript === null) {
        throw typeError(`cannot convert dictionary update sequence element #${n} to a sequence`);
      }
      pair = toArray(item);
    }
    if (pair.length !== 2) {
      throw valueError(`dictionary update sequence element #${n} has length ${pair.length}; 2 is required`);
    }
    d.set(pair[0], pair[1]);
  }
}

function dictUpdateArgs(d: PyDict, args: PyObj[], kw: KwNames, name: string): void {
  const npos = args.length - (kw?.length ?? 0);
  if (npos > 1) throw typeError(`${name} expected at most 1 argument, got ${npos}`);
  if (npos === 1) dictMerge(d, args[0]);
  if (kw !== null) for (let i = 0; i < kw.length; i++) d.setStr(kw[i], args[npos + i]);
}

export function dictRepr(d: PyDict): string {
  if (d.size === 0) return "{}";
  return withReprGuard(d, () => {
    const parts: string[] = [];
    const keys = d.keyList;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== DELETED) parts.push(repr(keys[i]) + ": " + repr(d.valueList[i]));
    }
    return "{" + parts.join(", ") + "}";
  }, "{...}");
}

function dictEqual(a: PyDict, b: PyDict): boolean {
  if (a.size !== b.size) return false;
  // Re-read a's table every step and hold the key and value first: __eq__ may mutate
  // either dict (CPython's dict_equal does the same).
  for (let i = 0; i < a.keyList.length; i++) {
    const key = a.keyList[i];
    const av = a.valueList[i];
    if (key === DELETED || key === undefined || av === undefined) continue;
    const bv = b.get(key);
    if (bv === undefined || !eq(av, bv)) return false;
  }
  return true;
}

/** d[key] with __missing__ support for subclasses. */
export function dictSubscript(d: PyDict, key: PyObj): PyObj {
  const v = d.get(key);
  if (v !== undefined) return v;
  if (d.type !== dictType) {
    const missing = lookupSpecial(d, "__missing__");
    if (missing !== null) return call(missing, [key]);
  }
  throw keyError(key);
}

export function installDictType(): void {
  dictType.tp_alloc = (cls) => new PyDict(cls);
  dictType.tp_new = (cls) => new PyDict(cls);
  dictType.tp_init = (self, args, kw) => dictUpdateArgs(self as PyDict, args, kw, "dict");
  dictType.sq_length = (d) => (d as PyDict).size;
  dictType.tp_repr = (d) => dictRepr(d as PyDict);
  dictType.tp_hash = null;
  dictType.dict.setStr("__hash__", None);
  dictType.mp_subscript = (d, k) => dictSubscript(d as PyDict, k);
  dictType.mp_ass_subscript = (d, k, v) => {
    if (v === null) {
      if ((d as PyDict).delete(k) === undefined) throw keyError(k);
    } else (d as PyDict).set(k, v);
  };
  dictType.sq_contains = (d, k) => (d as PyDict).has(k);
  dictType.tp_iter = (d) => new PyDictIter(dictKeyIterType, d as PyDict);
  dictType.tp_richcompare = (a, b, op) => {
    if (!(b instanceof PyDict) || (op !== 2 && op !== 3)) return NotImplemented;
    const same = dictEqual(a as PyDict, b);
    return op === 2 ? same : !same;
  };
  dictType.nb_binary[NB.OR] = (a, b) => {
    if (!(a instanceof PyDict) || !(b instanceof PyDict)) return NotImplemented;
    const r = a.copy(a.type === dictType ? dictType : dictType);
    dictMerge(r, b);
    return r;
  };
  dictType.nb_inplace[NB.OR] = (a, b) => {
    dictMerge(a as PyDict, b);
    return a;
  };
  const D = (o: PyObj) => o as PyDict;
  defineMethod(dictType, "keys", (d) => new PyDictView(dictKeysType, D(d)));
  defineMethod(dictType, "values", (d) => new PyDictView(dictValuesType, D(d)));
  defineMethod(dictType, "items", (d) => new PyDictView(dictItemsType, D(d)));
  defineFastPaths(dictType, "keys", (d) => new PyDictView(dictKeysType, D(d)), null, null);
  defineFastPaths(dictType, "values", (d) => new PyDictView(dictValuesType, D(d)), null, null);
  defineFastPaths(dictType, "items", (d) => new PyDictView(dictItemsType, D(d)), null, null);
  defineMethod(dictType, "get", (d, args, kw) => {
    argCount("get", args, kw, 1, 2);
    const v = D(d).get(args[0]);
    return v === undefined ? (args.length > 1 ? args[1] : None) : v;
  });
  defineMethod(dictType, "setdefault", (d, args, kw) => {
    argCount("setdefault", args, kw, 1, 2);
    return D(d).setDefault(args[0], args.length > 1 ? args[1] : None);
  });
  // get/setdefault with positional arguments, without an arguments array (descr.ts)
  defineFastPaths(dictType, "get", null, (d, k) => D(d).get(k) ?? None, (d, k, dflt) => D(d).get(k) ?? dflt);
  defineFastPaths(dictType, "setdefault", null, (d, k) => D(d).setDefault(k, None), (d, k, dflt) => D(d).setDefault(k, dflt));
  defineMethod(dictType, "pop", (d, args, kw) => {
    argCount("pop", args, kw, 1, 2);
    const v = D(d).delete(args[0]);
    if (v !== undefined) return v;
    if (args.length > 1) return args[1];
    throw keyError(args[0]);
  });
  defineMethod(dictType, "popitem", (d) => {
    const dict = D(d);
    const keys = dict.keyList;
    for (let i = keys.length - 1; i >= 0; i--) {
      if (keys[i] !== DELETED) {
        const k = keys[i], v = dict.valueList[i];
        dict.delete(k);
        return newTuple([k, v]);
      }
    }
    throw keyError("popitem(): dictionary is empty");
  });
  defineMethod(dictType, "update", (d, args, kw) => {
    dictUpdateArgs(D(d), args, kw, "update");
    return None;
  });
  defineMethod(dictType, "clear", (d) => {
    D(d).clear();
    return None;
  });
  defineMethod(dictType, "copy", (d) => D(d).copy());
  defineMethod(dictType, "__reversed__", (d) => new PyDictIter(dictRevIterTypes[0], D(d), true));
  defineMethod(dictType, "__class_getitem__", (d) => d);
  defineClassMethod(dictType, "fromkeys", (cls, args, kw) => {
    argCount("fromkeys", args, kw, 1, 2);
    const value = args.length > 1 ? args[1] : None;
    const r = call(cls, []);
    if (r instanceof PyDict && r.type === dictType) {
      for (const k of toArray(args[0])) r.set(k, value);
    } else {
      for (const k of toArray(args[0])) call(getAttrOrNull(r, "__setitem__")!, [k, value]);
    }
    return r;
  });

  // views
  const viewIter = [dictKeyIterType, dictValueIterType, dictItemIterType];
  const viewNames = ["dict_keys", "dict_values", "dict_items"];
  [dictKeysType, dictValuesType, dictItemsType].forEach((vt, which) => {
    vt.sq_length = (v) => (v as PyDictView).dict.size;
    vt.tp_iter = (v) => new PyDictIter(viewIter[which], (v as PyDictView).dict);
    vt.tp_repr = (v) => {
      const items = toArray(v);
      return withReprGuard(v as PyObject, () => `${viewNames[which]}([${items.map(repr).join(", ")}])`, "...");
    };
    defineMethod(vt, "__reversed__", (v) => new PyDictIter(dictRevIterTypes[which], (v as PyDictView).dict, true));
    if (which !== 1) {
      vt.sq_contains = (v, x) => {
        const d = (v as PyDictView).dict;
        if (which === 0) return d.has(x);
        if (!(x instanceof PyTuple) || x.items.length !== 2) return false;
        const val = d.get(x.items[0]);
        return val !== undefined && eq(val, x.items[1]);
      };
      // dictview_richcompare: sizes, then membership item by item (no hashing of values).
      vt.tp_richcompare = (a, b, op) => {
        const setLike = b instanceof PySet || (b instanceof PyDictView && b.type !== dictValuesType);
        if (!setLike) return NotImplemented;
        const lenSelf = len(a), lenOther = len(b);
        switch (op) {
          case 0: return lenSelf < lenOther && allContainedIn(a, b);
          case 1: return lenSelf <= lenOther && allContainedIn(a, b);
          case 2: return lenSelf === lenOther && allContainedIn(a, b);
          case 3: return !(lenSelf === lenOther && allContainedIn(a, b));
          case 4: return lenSelf > lenOther && allContainedIn(b, a);
          default: return lenSelf >= lenOther && allContainedIn(b, a);
        }
      };
      // dictviews_or/sub/xor/and: a set built from the left operand (a keys view through
      // its dict), then updated in place, as CPython does (so set orders match).
      const toSet = (x: PyObj): PySet => {
        const r = new PySet();
        r.update(x instanceof PyDictView && x.type === dictKeysType ? x.dict : x);
        return r;
      };
      vt.nb_binary[NB.OR] = (a, b) => {
        const r = toSet(a);
        r.update(b);
        return r;
      };
      vt.nb_binary[NB.SUBTRACT] = (a, b) => {
        const r = toSet(a);
        differenceUpdate(r, b);
        return r;
      };
      vt.nb_binary[NB.XOR] = (a, b) => {
        const r = toSet(a);
        symmetricDifferenceUpdate(r, b);
        return r;
      };
      vt.nb_binary[NB.AND] = (a, b) => {
        let self = a, other = b;
        if (!(self instanceof PyDictView)) [self, other] = [other, self];
        const selfLen = (self as PyDictView).dict.size;
        if (other instanceof PySet && other.type === setType && selfLen <= other.size) return intersection(other, self);
        if (other instanceof PyDictView && other.dict.size > selfLen) [self, other] = [other, self];
        const sv = self as PyDictView;
        const r = new PySet();
        const it = getIter(other);
        for (let x = iterNext(it); x !== null; x = iterNext(it)) if (typeOf(sv).sq_contains!(sv, x)) r.add(x);
        return r;
      };
      defineMethod(vt, "isdisjoint", (v, args) => !toArray(args[0]).some((x) => vt.sq_contains!(v, x)));
      // keys and items views compare like sets: unhashable
      vt.tp_hash = null;
      vt.dict.setStr("__hash__", None);
    }
    defineGetSet(vt, "mapping", (v) => new PyMappingProxy((v as PyDictView).dict));
  });
  for (const [which, it] of [...viewIter.entries(), ...dictRevIterTypes.entries()]) {
    it.tp_iter = (x) => x;
    it.tp_iternext = (x) => {
      const di = x as PyDictIter;
      const i = advance(di);
      if (i < 0) {
        // Let go of the dict: a finished iterator must not keep it alive.
        di.dict = EXHAUSTED_DICT;
        di.version = EXHAUSTED_DICT.version;
        di.size = 0;
        di.pos = di.reversed ? -1 : 0;
        return null;
      }
      const d = di.dict;
      if (which === 0) return d.keyList[i];
      if (which === 1) return d.valueList[i];
      return newTuple([d.keyList[i], d.valueList[i]]);
    };
    defineMethod(it, "__length_hint__", (x) => {
      const di = x as PyDictIter;
      return di.dict.size;
    });
  }

  // mappingproxy: a read-only view of a mapping (a type's dict, or any mapping given to
  // types.MappingProxyType); dict fast paths, the generic protocol for other mappings.
  const target = (m: PyObj): PyObj => (m as PyMappingProxy).mapping as PyObj;
  // Only an exact dict is read directly: a subclass's overrides count (mappingproxy_contains...).
  const exactDict = (d: PyObj): d is PyDict => d instanceof PyDict && d.type === dictType;
  mappingProxyType.sq_length = (m) => {
    const d = target(m);
    return exactDict(d) ? d.size : len(d);
  };
  mappingProxyType.mp_subscript = (m, k) => {
    const d = target(m);
    return exactDict(d) ? dictSubscript(d, k) : getItem(d, k);
  };
  mappingProxyType.sq_contains = (m, k) => {
    const d = target(m);
    return exactDict(d) ? d.has(k) : contains(d, k);
  };
  mappingProxyType.tp_iter = (m) => {
    const d = target(m);
    return exactDict(d) ? new PyDictIter(dictKeyIterType, d) : getIter(d);
  };
  mappingProxyType.tp_repr = (m) => {
    const d = target(m);
    return `mappingproxy(${exactDict(d) ? dictRepr(d) : repr(d)})`;
  };
  mappingProxyType.tp_hash = (m) => hash(target(m));
  mappingProxyType.tp_richcompare = (a, b, op) => richCompare(target(a), b, op);
  // proxy | other, other | proxy: the union of the underlying mappings (a new dict).
  mappingProxyType.nb_binary[NB.OR] = (a, b) => {
    const x = typeOf(a) === mappingProxyType ? target(a) : a;
    const y = typeOf(b) === mappingProxyType ? target(b) : b;
    return binaryOp(x, y, NB.OR);
  };
  mappingProxyType.nb_inplace[NB.OR] = (a) => {
    throw typeError(`'|=' is not supported by ${typeOf(a).name}; use '|' instead`);
  };
  for (const name of ["keys", "values", "items", "get", "copy", "__reversed__"]) {
    defineMethod(mappingProxyType, name, (m, args, kw) => {
      const d = target(m);
      if (exactDict(d)) {
        const meth = dictType.dict.getStr(name)!;
        return call(meth, [d, ...args], kw);
      }
      return call(getAttr(d, name), args, kw);
    });
  }
  void hash;
}
