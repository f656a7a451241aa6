// Builtin iterator types: enumerate, zip, map, filter, reversed, iter(seq) and
// iter(callable, sentinel) (enumobject.c, bltinmodule.c, iterobject.c).
import {
  PyObject, PyObj, PyType, KwNames, makeBuiltinType, objectType, None, typeOf, dictType,
} from "./core.js";
import { defineMethod, defineClassMethod } from "./descr.js";
import { makeGenericAlias } from "./genericalias.js";
import { typeError, IndexError, StopIteration, PyBaseException, valueError } from "./exceptions.js";
import {
  getIter, iterNext, call, call1, isTrue, getItem, eq, lookupSpecial, len, setSeqIterFactory, indexAsNumber,
} from "./abstract.js";
import { newTuple, PyList } from "./sequence.js";
import { intAdd, IntValue } from "./number.js";

export const enumerateType = makeBuiltinType("enumerate", objectType);
export const zipType = makeBuiltinType("zip", objectType);
export const mapType = makeBuiltinType("map", objectType);
export const filterType = makeBuiltinType("filter", objectType);
export const reversedType = makeBuiltinType("reversed", objectType);
export const seqIterType = makeBuiltinType("iterator", objectType, 0);
export const callableIterType = makeBuiltinType("callable_iterator", objectType, 0);

export class PyEnumerate extends PyObject {
  declare readonly it: PyObj;
  declare count: IntValue;
  constructor(type: PyType, it: PyObj, count: IntValue) {
    super(type);
    this.it = it;
    this.count = count;
  }
}
export class PyZip extends PyObject {
  declare readonly its: PyObj[];
  declare readonly strict: boolean;
  constructor(type: PyType, its: PyObj[], strict: boolean) {
    super(type);
    this.its = its;
    this.strict = strict;
  }
}
export class PyMap extends PyObject {
  declare readonly fn: PyObj;
  declare readonly its: PyObj[];
  constructor(type: PyType, fn: PyObj, its: PyObj[]) {
    super(type);
    this.fn = fn;
    this.its = its;
  }
}
export class PyFilter extends PyObject {
  declare readonly fn: PyObj;
  declare readonly it: PyObj;
  constructor(type: PyType, fn: PyObj, it: PyObj) {
    super(type);
    this.fn = fn;
    this.it = it;
  }
}
export class PyReversed extends PyObject {
  declare readonly seq: PyObj;
  declare index: number;
  constructor(type: PyType, seq: PyObj, index: number) {
    super(type);
    this.seq = seq;
    this.index = index;
  }
}
export class PySeqIterGeneric extends PyObject {
  declare index: number;
  declare seq: PyObj | null;
  constructor(seq: PyObj) {
    super(seqIterType);
    this.seq = seq;
    this.index = 0;
  }
}
export class PyCallableIter extends PyObject {
  declare fn: PyObj | null;
  declare readonly sentinel: PyObj;
  constructor(fn: PyObj, sentinel: PyObj) {
    super(callableIterType);
    this.sentinel = sentinel;
    this.fn = fn;
  }
}

function kwArgs(args: PyObj[], kw: KwNames): [PyObj[], Map<string, PyObj>] {
  const npos = args.length - (kw?.length ?? 0);
  const m = new Map<string, PyObj>();
  if (kw !== null) for (let i = 0; i < kw.length; i++) m.set(kw[i], args[npos + i]);
  return [args.slice(0, npos), m];
}

function isIndexError(e: unknown): boolean {
  return e instanceof PyBaseException && (e.type.isSubtypeOf(IndexError) || e.type.isSubtypeOf(StopIteration));
}

export function installIterators(): void {
  const self = (it: PyObj) => it;
  defineClassMethod(enumerateType, "__class_getitem__", (cls, args) => makeGenericAlias(cls, args[0]));
  enumerateType.tp_new = (cls, args, kw) => {
    const [pos, kws] = kwArgs(args, kw);
    const iterable = pos[0] ?? kws.get("iterable");
    if (iterable === undefined) throw typeError("enumerate() missing required argument 'iterable'");
    const start = pos[1] ?? kws.get("start") ?? 0;
    const sv = typeof start === "number" || typeof start === "bigint" ? start : indexAsNumber(start);
    return new PyEnumerate(cls, getIter(iterable), sv);
  };
  enumerateType.tp_iter = self;
  enumerateType.tp_iternext = (e) => {
    const en = e as PyEnumerate;
    const x = iterNext(en.it);
    if (x === null) return null;
    const i = en.count;
    en.count = typeof i === "number" && i < 9007199254740991 ? i + 1 : intAdd(i, 1);
    return newTuple([i, x]);
  };

  zipType.tp_new = (cls, args, kw) => {
    const [pos, kws] = kwArgs(args, kw);
    for (const k of kws.keys()) if (k !== "strict") throw typeError(`zip() got an unexpected keyword argument '${k}'`);
    const strict = kws.has("strict") ? isTrue(kws.get("strict")!) : false;
    return new PyZip(cls, pos.map(getIter), strict);
  };
  zipType.tp_iter = self;
  zipType.tp_iternext = (z) => {
    const zp = z as PyZip;
    const n = zp.its.length;
    if (n === 0) return null;
    const items: PyObj[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = iterNext(zp.its[i]);
      if (x === null) {
        if (zp.strict) {
          if (i > 0) throw valueError(`zip() argument ${i + 1} is shorter than argument${i > 1 ? "s 1-" + i : " 1"}`);
          for (let j = 1; j < n; j++) {
            if (iterNext(zp.its[j]) !== null) throw valueError(`zip() argument ${j + 1} is longer than argument${j > 1 ? "s 1-" + j : " 1"}`);
          }
        }
        return null;
      }
      items[i] = x;
    }
    return newTuple(items);
  };

  mapType.tp_new = (cls, args, kw) => {
    if (kw !== null && kw.length > 0) throw typeError("map() takes no keyword arguments");
    if (args.length < 2) throw typeError("map() must have at least two arguments.");
    return new PyMap(cls, args[0], args.slice(1).map(getIter));
  };
  mapType.tp_iter = self;
  mapType.tp_iternext = (m) => {
    const mp = m as PyMap;
    if (mp.its.length === 1) {
      const x = iterNext(mp.its[0]);
      return x === null ? null : call1(mp.fn, x);
    }
    const xs: PyObj[] = [];
    for (const it of mp.its) {
      const x = iterNext(it);
      if (x === null) return null;
      xs.push(x);
    }
    return call(mp.fn, xs);
  };

  filterType.tp_new = (cls, args, kw) => {
    if (kw !== null && kw.length > 0) throw typeError("filter() takes no keyword arguments");
    if (args.length !== 2) throw typeError(`filter expected 2 arguments, got ${args.length}`);
    return new PyFilter(cls, args[0], getIter(args[1]));
  };
  filterType.tp_iter = self;
  filterType.tp_iternext = (f) => {
    const fl = f as PyFilter;
    for (;;) {
      const x = iterNext(fl.it);
      if (x === null) return null;
      const ok = fl.fn === None ? isTrue(x) : isTrue(call1(fl.fn, x));
      if (ok) return x;
    }
  };

  reversedType.tp_new = (cls, args, kw) => {
    if (kw !== null && kw.length > 0) throw typeError("reversed() takes no keyword arguments");
    if (args.length !== 1) throw typeError(`reversed expected 1 argument, got ${args.length}`);
    const seq = args[0];
    const rev = lookupSpecial(seq, "__reversed__");
    if (rev !== null) {
      if (rev === None) throw typeError(`'${typeOf(seq).name}' object is not reversible`);
      return call(rev, []);
    }
    const t = typeOf(seq);
    // PySequence_Check: a __getitem__ and not a dict; then PySequence_Size
    if (t.mp_subscript === null || t.isSubtypeOf(dictType)) {
      throw typeError(`'${t.name}' object is not reversible`);
    }
    if (t.sq_length === null) {
      throw typeError(`object of type '${t.name}' has no len()`);
    }
    return new PyReversed(cls, seq, len(seq) - 1);
  };
  reversedType.tp_iter = self;
  reversedType.tp_iternext = (r) => {
    const rv = r as PyReversed;
    if (rv.index < 0) return null;
    try {
      return getItem(rv.seq, rv.index--);
    } catch (e) {
      if (isIndexError(e)) {
        rv.index = -1;
        return null;
      }
      throw e;
    }
  };
  defineMethod(reversedType, "__length_hint__", (r) => Math.max(0, (r as PyReversed).index + 1));

  seqIterType.tp_iter = self;
  seqIterType.tp_iternext = (s) => {
    const si = s as PySeqIterGeneric;
    if (si.seq === null) return null;
    try {
      return getItem(si.seq, si.index++);
    } catch (e) {
      if (isIndexError(e)) {
        si.seq = null;
        return null;
      }
      throw e;
    }
  };
  setSeqIterFactory((v) => new PySeqIterGeneric(v));

  callableIterType.tp_iter = self;
  callableIterType.tp_iternext = (c) => {
    const ci = c as PyCallableIter;
    if (ci.fn === null) return null;
    let r: PyObj;
    try {
      r = call(ci.fn, []);
    } catch (e) {
      if (e instanceof PyBaseException && e.type.isSubtypeOf(StopIteration)) {
        ci.fn = null;
        return null;
      }
      throw e;
    }
    if (eq(r, ci.sentinel)) {
      ci.fn = null;
      return null;
    }
    return r;
  };
  void PyList;
}
