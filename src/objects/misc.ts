// set/frozenset (setobject.c), and minimal bytes and complex (enough for constants, repr,
// equality and hashing; their full method sets come with the builtin-types work).
import {
  PyObject, PyObj, PyType, KwNames, setType, frozensetType, bytesType, complexType, None,
  NotImplemented, typeOf, PyFloat, identityId,
} from "./core.js";
import { PyDict, DELETED } from "./dict.js";
import { defineMethod, defineGetSet } from "./descr.js";
import { typeError, keyError, runtimeError } from "./exceptions.js";
import { repr, toArray, hash, getIter, iterNext } from "./abstract.js";
import { floatRepr, NB, floatHash } from "./number.js";
import { withReprGuard, argCount, newTuple } from "./sequence.js";

export class PySet extends PyObject {
  declare table: PyDict;
  constructor(type: PyType = setType) {
    super(type);
    this.table = new PyDict();
  }
  static fromItems(items: PyObj[], frozen: boolean): PySet {
    const s = new PySet(frozen ? frozensetType : setType);
    for (const x of items) s.table.set(x, true);
    return s;
  }
  add(x: PyObj): void {
    this.table.set(x, true);
  }
  has(x: PyObj): boolean {
    return this.table.has(setKey(x));
  }
  items(): PyObj[] {
    return this.table.keys();
  }
}
/** A set used as a set element / lookup key is looked up as the equal frozenset. */
function setKey(x: PyObj): PyObj {
  if (x instanceof PySet && x.type === setType) return PySet.fromItems(x.items(), true);
  return x;
}

export class PyBytes extends PyObject {
  declare readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array, type: PyType = bytesType) {
    super(type);
    this.bytes = bytes;
  }
}

export class PyComplex extends PyObject {
  declare readonly real: number;
  declare readonly imag: number;
  constructor(real: number, imag: number) {
    super(complexType);
    this.real = real;
    this.imag = imag;
  }
}

export const setIterType = (() => {
  return null as unknown as PyType;
})();

export class PySetIter extends PyObject {
  declare index: number;
  declare readonly set: PySet;
  declare readonly size: number;
  constructor(type: PyType, set: PySet, size: number) {
    super(type);
    this.set = set;
    this.size = size;
    this.index = 0;
  }
}

function isSetLike(v: PyObj): v is PySet {
  return v instanceof PySet;
}

export function bytesRepr(b: Uint8Array): string {
  let hasSingle = false, hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    if (c === 0x22) hasDouble = true;
  }
  const q = hasSingle && !hasDouble ? '"' : "'";
  let out = "b" + q;
  for (const c of b) {
    if (c === 0x5c) out += "\\\\";
    else if (String.fromCharCode(c) === q) out += "\\" + q;
    else if (c === 0x09) out += "\\t";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c < 0x20 || c >= 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += String.fromCharCode(c);
  }
  return out + q;
}

export function complexRepr(c: PyComplex): string {
  const fmt = (x: number) => {
    const r = floatRepr(x);
    return r.endsWith(".0") ? r.slice(0, -2) : r;
  };
  if (c.real === 0 && !Object.is(c.real, -0)) return fmt(c.imag) + "j";
  const im = c.imag;
  const sign = im >= 0 || Number.isNaN(im) ? "+" : "-";
  return `(${fmt(c.real)}${sign}${fmt(Math.abs(im))}j)`;
}

export function installMiscTypes(setIter: PyType): void {
  // set / frozenset
  for (const t of [setType, frozensetType]) {
    const frozen = t === frozensetType;
    t.tp_alloc = (cls) => new PySet(cls);
    t.sq_length = (s) => (s as PySet).table.size;
    t.sq_contains = (s, x) => (s as PySet).has(x);
    t.tp_iter = (s) => new PySetIter(setIter, s as PySet, (s as PySet).table.size);
    t.tp_repr = (s) => {
      const set = s as PySet;
      const name = set.type.name;
      if (set.table.size === 0) return `${name}()`;
      return withReprGuard(set, () => {
        const inner = "{" + set.items().map(repr).join(", ") + "}";
        return set.type === setType ? inner : `${name}(${inner})`;
      }, `${name}(...)`);
    };
    t.tp_richcompare = (a, b, op) => {
      if (!isSetLike(b)) return NotImplemented;
      const x = a as PySet;
      const sa = x.table.size, sb = b.table.size;
      const subset = (p: PySet, q: PySet) => p.items().every((i) => q.has(i));
      switch (op) {
        case 2: return sa === sb && subset(x, b);
        case 3: return !(sa === sb && subset(x, b));
        case 1: return sa <= sb && subset(x, b);
        case 0: return sa < sb && subset(x, b);
        case 5: return sa >= sb && subset(b, x);
        default: return sa > sb && subset(b, x);
      }
    };
    const make = (items: PyObj[], like: PySet): PySet => {
      const s = new PySet(like.type === frozensetType || like.type === setType ? like.type : (like.type.isSubtypeOf(frozensetType) ? frozensetType : setType));
      for (const i of items) s.add(i);
      return s;
    };
    t.nb_binary[NB.OR] = (a, b) => {
      if (!isSetLike(a) || !isSetLike(b)) return NotImplemented;
      return make([...a.items(), ...b.items()], a);
    };
    t.nb_binary[NB.AND] = (a, b) => {
      if (!isSetLike(a) || !isSetLike(b)) return NotImplemented;
      return make(a.items().filter((i) => b.has(i)), a);
    };
    t.nb_binary[NB.SUBTRACT] = (a, b) => {
      if (!isSetLike(a) || !isSetLike(b)) return NotImplemented;
      return make(a.items().filter((i) => !b.has(i)), a);
    };
    t.nb_binary[NB.XOR] = (a, b) => {
      if (!isSetLike(a) || !isSetLike(b)) return NotImplemented;
      return make([...a.items().filter((i) => !b.has(i)), ...b.items().filter((i) => !a.has(i))], a);
    };
    const S = (s: PyObj) => s as PySet;
    defineMethod(t, "copy", (s) => make(S(s).items(), S(s)));
    defineMethod(t, "union", (s, args) => {
      const r = make(S(s).items(), S(s));
      for (const o of args) for (const i of toArray(o)) r.add(i);
      return r;
    });
    defineMethod(t, "intersection", (s, args) => {
      let items = S(s).items();
      for (const o of args) {
        const other = PySet.fromItems(toArray(o), true);
        items = items.filter((i) => other.has(i));
      }
      return make(items, S(s));
    });
    defineMethod(t, "difference", (s, args) => {
      let items = S(s).items();
      for (const o of args) {
        const other = PySet.fromItems(toArray(o), true);
        items = items.filter((i) => !other.has(i));
      }
      return make(items, S(s));
    });
    defineMethod(t, "symmetric_difference", (s, args) => {
      const other = PySet.fromItems(toArray(args[0]), true);
      return make([...S(s).items().filter((i) => !other.has(i)), ...other.items().filter((i) => !S(s).has(i))], S(s));
    });
    defineMethod(t, "issubset", (s, args) => {
      const other = PySet.fromItems(toArray(args[0]), true);
      return S(s).items().every((i) => other.has(i));
    });
    defineMethod(t, "issuperset", (s, args) => toArray(args[0]).every((i) => S(s).has(i)));
    defineMethod(t, "isdisjoint", (s, args) => !toArray(args[0]).some((i) => S(s).has(i)));
    if (frozen) {
      t.tp_hash = (s) => {
        let h = 1927868237;
        for (const i of S(s).items()) {
          const x = hash(i) | 0;
          h ^= Math.imul(x ^ (x << 16) ^ 89869747, 3644798167);
        }
        h = Math.imul(h, 69069) + 907133923;
        h |= 0;
        return h === -1 ? 590923713 : h;
      };
      t.tp_new = (cls, args, kw) => {
        argCount("frozenset", args, kw, 0, 1);
        if (cls === frozensetType && args.length === 1 && args[0] instanceof PySet && args[0].type === frozensetType) return args[0];
        const s = new PySet(cls);
        if (args.length > 0) for (const i of toArray(args[0])) s.add(i);
        return s;
      };
    } else {
      t.tp_hash = null;
      t.dict.setStr("__hash__", None);
      t.tp_new = (cls) => new PySet(cls);
      t.tp_init = (self, args, kw) => {
        argCount("set", args, kw, 0, 1);
        const s = self as PySet;
        s.table.clear();
        if (args.length > 0) for (const i of toArray(args[0])) s.add(i);
      };
      t.nb_inplace[NB.OR] = (a, b) => {
        if (!isSetLike(b)) return NotImplemented;
        for (const i of b.items()) S(a).add(i);
        return a;
      };
      t.nb_inplace[NB.AND] = (a, b) => {
        if (!isSetLike(b)) return NotImplemented;
        for (const i of S(a).items()) if (!b.has(i)) S(a).table.delete(i);
        return a;
      };
      t.nb_inplace[NB.SUBTRACT] = (a, b) => {
        if (!isSetLike(b)) return NotImplemented;
        for (const i of b.items()) S(a).table.delete(i);
        return a;
      };
      t.nb_inplace[NB.XOR] = (a, b) => {
        if (!isSetLike(b)) return NotImplemented;
        for (const i of b.items()) {
          if (S(a).has(i)) S(a).table.delete(i);
          else S(a).add(i);
        }
        return a;
      };
      defineMethod(t, "add", (s, args, kw) => {
        argCount("set.add", args, kw, 1, 1);
        S(s).add(args[0]);
        return None;
      });
      defineMethod(t, "discard", (s, args) => {
        S(s).table.delete(setKey(args[0]));
        return None;
      });
      defineMethod(t, "remove", (s, args) => {
        if (S(s).table.delete(setKey(args[0])) === undefined) throw keyError(args[0]);
        return None;
      });
      defineMethod(t, "pop", (s) => {
        const items = S(s).items();
        if (items.length === 0) throw keyError("pop from an empty set");
        S(s).table.delete(items[0]);
        return items[0];
      });
      defineMethod(t, "clear", (s) => {
        S(s).table.clear();
        return None;
      });
      defineMethod(t, "update", (s, args) => {
        for (const o of args) for (const i of toArray(o)) S(s).add(i);
        return None;
      });
      defineMethod(t, "intersection_update", (s, args) => {
        for (const o of args) {
          const other = PySet.fromItems(toArray(o), true);
          for (const i of S(s).items()) if (!other.has(i)) S(s).table.delete(i);
        }
        return None;
      });
      defineMethod(t, "difference_update", (s, args) => {
        for (const o of args) for (const i of toArray(o)) S(s).table.delete(i);
        return None;
      });
      defineMethod(t, "symmetric_difference_update", (s, args) => {
        for (const i of PySet.fromItems(toArray(args[0]), true).items()) {
          if (S(s).has(i)) S(s).table.delete(i);
          else S(s).add(i);
        }
        return None;
      });
    }
  }
  setIter.tp_iter = (it) => it;
  setIter.tp_iternext = (it) => {
    const si = it as PySetIter;
    const table = si.set.table;
    if (table.size !== si.size) {
      si.index = Number.MAX_SAFE_INTEGER;
      throw runtimeErr("Set changed size during iteration");
    }
    const keys = table.keyList;
    while (si.index < keys.length) {
      const k = keys[si.index++];
      if (k !== DELETED) return k;
    }
    return null;
  };

  // bytes (minimal)
  bytesType.tp_repr = (b) => bytesRepr((b as PyBytes).bytes);
  bytesType.sq_length = (b) => (b as PyBytes).bytes.length;
  bytesType.tp_hash = (b) => {
    let h = 5381;
    for (const c of (b as PyBytes).bytes) h = (Math.imul(h, 33) ^ c) | 0;
    return h === -1 ? -2 : h;
  };
  bytesType.tp_richcompare = (a, b, op) => {
    if (!(b instanceof PyBytes)) return NotImplemented;
    const x = (a as PyBytes).bytes, y = b.bytes;
    let c = 0;
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n && c === 0; i++) c = x[i] - y[i];
    if (c === 0) c = x.length - y.length;
    return [c < 0, c <= 0, c === 0, c !== 0, c > 0, c >= 0][op];
  };
  bytesType.tp_iter = (b) => {
    const items: PyObj[] = Array.from((b as PyBytes).bytes);
    return typeOf(newTuple(items)).tp_iter!(newTuple(items));
  };
  bytesType.mp_subscript = (b, k) => {
    const bytes = (b as PyBytes).bytes;
    if (typeof k === "number") {
      const i = k < 0 ? k + bytes.length : k;
      if (i < 0 || i >= bytes.length) throw typeError("index out of range");
      return bytes[i];
    }
    throw typeError(`byte indices must be integers or slices, not ${typeOf(k).name}`);
  };
  bytesType.nb_binary[NB.ADD] = (a, b) => {
    if (!(a instanceof PyBytes) || !(b instanceof PyBytes)) return NotImplemented;
    const r = new Uint8Array(a.bytes.length + b.bytes.length);
    r.set(a.bytes);
    r.set(b.bytes, a.bytes.length);
    return new PyBytes(r);
  };
  defineMethod(bytesType, "decode", (b) => new TextDecoder().decode((b as PyBytes).bytes));

  // complex (minimal)
  complexType.tp_repr = (c) => complexRepr(c as PyComplex);
  complexType.tp_hash = (c) => {
    const x = c as PyComplex;
    const h = (floatHash(x.real) + Math.imul(1000003, floatHash(x.imag) | 0)) | 0;
    return h === -1 ? -2 : h;
  };
  complexType.tp_richcompare = (a, b, op) => {
    if (op !== 2 && op !== 3) return NotImplemented;
    const x = a as PyComplex;
    let same: boolean;
    if (b instanceof PyComplex) same = x.real === b.real && x.imag === b.imag;
    else if (b instanceof PyFloat) same = x.imag === 0 && x.real === b.value;
    else if (typeof b === "number") same = x.imag === 0 && x.real === b;
    else return NotImplemented;
    return op === 2 ? same : !same;
  };
  defineGetSet(complexType, "real", (c) => new PyFloat((c as PyComplex).real));
  defineGetSet(complexType, "imag", (c) => new PyFloat((c as PyComplex).imag));
  void identityId;
  void getIter;
  void iterNext;
}

function runtimeErr(msg: string): PyObject {
  return runtimeError(msg);
}
export type { KwNames };
