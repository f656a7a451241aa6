// set / frozenset (Objects/setobject.c): CPython's open-addressing table — same probe
// sequence (9 linear probes, then perturbed), same resize rule, same dummies — over
// CPython's exact hashes (hash.ts), so iteration order and repr match CPython's.
import {
  PyObject, PyObj, PyType, KwNames, setType, frozensetType, dictType, None, NotImplemented, typeOf,
} from "./core.js";
import { PyDict } from "./dict.js";
import { defineMethod, defineFastPaths } from "./descr.js";
import { typeError, keyError, runtimeError } from "./exceptions.js";
import { repr, eq, getIter, iterNext } from "./abstract.js";
import { NB } from "./number.js";
import { withReprGuard, newTuple, PyList } from "./sequence.js";
import { hashInto, H, hashFrozensetInto, hashAsSlotNumber, registerExactHash, currentHashValue } from "./hash.js";

const MINSIZE = 8;
const LINEAR_PROBES = 9;
/** Marks a deleted slot (CPython's dummy). */
const DUMMY = new PyObject(null as unknown as PyType);

export class PySet extends PyObject {
  /** Slot keys: null = never used, DUMMY = deleted. */
  declare keys: (PyObj | null)[];
  declare hashLo: Uint32Array;
  declare hashHi: Uint32Array;
  declare mask: number;
  declare fill: number;
  declare used: number;
  declare finger: number;
  constructor(type: PyType = setType) {
    super(type);
    this.keys = new Array<PyObj | null>(MINSIZE).fill(null);
    this.hashLo = new Uint32Array(MINSIZE);
    this.hashHi = new Uint32Array(MINSIZE);
    this.mask = MINSIZE - 1;
    this.fill = 0;
    this.used = 0;
    this.finger = 0;
  }
  static fromItems(items: readonly PyObj[], frozen: boolean): PySet {
    const s = new PySet(frozen ? frozensetType : setType);
    for (const x of items) s.add(x);
    return s;
  }
  /**
   * A frozenset constant from a compiler: built like CPython's compiler does, from the
   * items in source order and then again from that set's iteration order.
   */
  static fromSourceConstant(items: readonly PyObj[]): PySet {
    return PySet.fromItems(PySet.fromItems(items, true).items(), true);
  }
  get size(): number {
    return this.used;
  }
  add(x: PyObj): void {
    hashInto(x);
    this.addEntry(x, H[0], H[1]);
  }
  has(x: PyObj): boolean {
    const k = lookupKey(x);
    hashInto(k);
    return this.lookup(k, H[0], H[1]) >= 0;
  }
  /** Removes x; false when absent. */
  discard(x: PyObj): boolean {
    const k = lookupKey(x);
    hashInto(k);
    const i = this.lookup(k, H[0], H[1]);
    if (i < 0) return false;
    this.keys[i] = DUMMY;
    this.hashLo[i] = 0xffffffff;
    this.hashHi[i] = 0xffffffff;
    this.used--;
    return true;
  }
  /** Active keys in table order (iteration order). */
  items(): PyObj[] {
    const out: PyObj[] = [];
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k !== null && k !== DUMMY) out.push(k);
    }
    return out;
  }
  clear(): void {
    this.keys = new Array<PyObj | null>(MINSIZE).fill(null);
    this.hashLo = new Uint32Array(MINSIZE);
    this.hashHi = new Uint32Array(MINSIZE);
    this.mask = MINSIZE - 1;
    this.fill = 0;
    this.used = 0;
  }

  /** Slot index of an equal key, or -1. */
  lookup(key: PyObj, lo: number, hi: number): number {
    for (;;) {
      const keys = this.keys;
      const mask = this.mask;
      let perturbLo = lo, perturbHi = hi;
      let i = lo & mask;
      let restart = false;
      for (;;) {
        let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        let j = i;
        do {
          const k = keys[j];
          if (k === null) return -1;
          if (k !== DUMMY && this.hashLo[j] === lo && this.hashHi[j] === hi) {
            if (k === key) return j;
            if (!(typeof k === "string" && typeof key === "string")) {
              const same = eq(k, key);
              if (this.keys !== keys || keys[j] !== k) {
                restart = true;
                break;
              }
              if (same) return j;
            }
          }
          j++;
        } while (probes-- > 0);
        if (restart) break;
        perturbLo = ((perturbLo >>> 5) | ((perturbHi & 31) << 27)) >>> 0;
        perturbHi = perturbHi >>> 5;
        i = (i * 5 + 1 + perturbLo) % 4294967296 & mask;
      }
    }
  }

  addEntry(key: PyObj, lo: number, hi: number): void {
    restart: for (;;) {
      const keys = this.keys;
      const mask = this.mask;
      let perturbLo = lo, perturbHi = hi;
      let i = lo & mask;
      let freeslot = -1;
      for (;;) {
        let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        let j = i;
        do {
          const k = keys[j];
          if (k === null) {
            if (freeslot >= 0) {
              keys[freeslot] = key;
              this.hashLo[freeslot] = lo;
              this.hashHi[freeslot] = hi;
              this.used++;
              return;
            }
            this.fill++;
            this.used++;
            keys[j] = key;
            this.hashLo[j] = lo;
            this.hashHi[j] = hi;
            if (this.fill * 5 < mask * 3) return;
            this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
            return;
          }
          if (k === DUMMY) {
            freeslot = j;
          } else if (this.hashLo[j] === lo && this.hashHi[j] === hi) {
            if (k === key) return;
            if (!(typeof k === "string" && typeof key === "string")) {
              const same = eq(k, key);
              if (same) return;
              if (this.keys !== keys || keys[j] !== k) continue restart;
            }
          }
          j++;
        } while (probes-- > 0);
        perturbLo = ((perturbLo >>> 5) | ((perturbHi & 31) << 27)) >>> 0;
        perturbHi = perturbHi >>> 5;
        i = (i * 5 + 1 + perturbLo) % 4294967296 & mask;
      }
    }
  }

  /** set_table_resize: a table of the smallest power of two > minused, keys re-inserted. */
  resize(minused: number): void {
    let newsize = MINSIZE;
    while (newsize <= minused) newsize *= 2;
    const oldKeys = this.keys, oldLo = this.hashLo, oldHi = this.hashHi;
    if (newsize === MINSIZE && oldKeys.length === MINSIZE && this.fill === this.used) return;
    this.keys = new Array<PyObj | null>(newsize).fill(null);
    this.hashLo = new Uint32Array(newsize);
    this.hashHi = new Uint32Array(newsize);
    this.mask = newsize - 1;
    this.fill = this.used;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i];
      if (k !== null && k !== DUMMY) this.insertClean(k, oldLo[i], oldHi[i]);
    }
  }

  /** Inserts a key known to be absent into a table without dummies. */
  insertClean(key: PyObj, lo: number, hi: number): void {
    const keys = this.keys;
    const mask = this.mask;
    let perturbLo = lo, perturbHi = hi;
    let i = lo & mask;
    for (;;) {
      if (keys[i] === null) return this.put(i, key, lo, hi);
      if (i + LINEAR_PROBES <= mask) {
        for (let j = 1; j <= LINEAR_PROBES; j++) {
          if (keys[i + j] === null) return this.put(i + j, key, lo, hi);
        }
      }
      perturbLo = ((perturbLo >>> 5) | ((perturbHi & 31) << 27)) >>> 0;
      perturbHi = perturbHi >>> 5;
      i = (i * 5 + 1 + perturbLo) % 4294967296 & mask;
    }
  }
  private put(i: number, key: PyObj, lo: number, hi: number): void {
    this.keys[i] = key;
    this.hashLo[i] = lo;
    this.hashHi[i] = hi;
  }

  /** set_merge: adds every key of another set (CPython's fast paths included). */
  merge(other: PySet): void {
    if (other === this || other.used === 0) return;
    if ((this.fill + other.used) * 5 >= this.mask * 3) this.resize((this.used + other.used) * 2);
    if (this.fill === 0 && this.mask === other.mask && other.fill === other.used) {
      for (let i = 0; i <= other.mask; i++) {
        const k = other.keys[i];
        if (k !== null) this.put(i, k, other.hashLo[i], other.hashHi[i]);
      }
      this.fill = other.fill;
      this.used = other.used;
      return;
    }
    if (this.fill === 0) {
      this.fill = other.used;
      this.used = other.used;
      for (let i = 0; i <= other.mask; i++) {
        const k = other.keys[i];
        if (k !== null && k !== DUMMY) this.insertClean(k, other.hashLo[i], other.hashHi[i]);
      }
      return;
    }
    for (let i = 0; i <= other.mask; i++) {
      const k = other.keys[i];
      if (k !== null && k !== DUMMY) this.addEntry(k, other.hashLo[i], other.hashHi[i]);
    }
  }

  /** set_update_internal: from a set, a dict (keys) or any iterable. */
  update(other: PyObj): void {
    if (other instanceof PySet) return this.merge(other);
    if (other instanceof PyDict && other.type === dictType) {
      const keys = other.keys();
      if ((this.fill + keys.length) * 5 >= this.mask * 3) this.resize((this.used + keys.length) * 2);
      for (const k of keys) this.add(k);
      return;
    }
    const it = getIter(other);
    for (let x = iterNext(it); x !== null; x = iterNext(it)) this.add(x);
  }

  popItem(): PyObj {
    if (this.used === 0) throw keyError("pop from an empty set");
    let i = this.finger & this.mask;
    while (this.keys[i] === null || this.keys[i] === DUMMY) {
      i++;
      if (i > this.mask) i = 0;
    }
    const k = this.keys[i]!;
    this.keys[i] = DUMMY;
    this.hashLo[i] = 0xffffffff;
    this.hashHi[i] = 0xffffffff;
    this.used--;
    this.finger = i + 1;
    return k;
  }
}

/** A set looked up inside a set is looked up as the equal frozenset (CPython's retry). */
function lookupKey(x: PyObj): PyObj {
  if (x instanceof PySet && !x.type.isSubtypeOf(frozensetType)) {
    const f = new PySet(frozensetType);
    f.merge(x);
    return f;
  }
  return x;
}

export const setIterType = { type: null as unknown as PyType };

export class PySetIter extends PyObject {
  declare pos: number;
  declare set: PySet | null;
  declare expectedUsed: number;
  constructor(type: PyType, set: PySet) {
    super(type);
    this.set = set;
    this.pos = 0;
    this.expectedUsed = set.used;
  }
}

export function isAnySet(v: PyObj): v is PySet {
  return v instanceof PySet;
}
function isFrozen(s: PySet): boolean {
  return s.type.isSubtypeOf(frozensetType);
}
/** An empty set of the builtin base of `like`'s type (make_new_set_basetype). */
function newBaseSet(like: PySet): PySet {
  return new PySet(isFrozen(like) ? frozensetType : setType);
}
function copyOf(s: PySet): PySet {
  const r = newBaseSet(s);
  r.merge(s);
  return r;
}
/** A set holding the items of any iterable (other sets are used as they are). */
function asSet(v: PyObj): PySet {
  if (v instanceof PySet) return v;
  const s = new PySet(setType);
  s.update(v);
  return s;
}

export function intersection(so: PySet, other: PyObj): PySet {
  const result = newBaseSet(so);
  if (other instanceof PySet) {
    let a = so, b = other;
    if (b.used > a.used) {
      a = other;
      b = so;
    }
    // iterate the smaller (b), keep those in the larger (a)
    for (let i = 0; i <= b.mask; i++) {
      const k = b.keys[i];
      if (k === null || k === DUMMY) continue;
      const lo = b.hashLo[i], hi = b.hashHi[i];
      if (a.lookup(k, lo, hi) >= 0) result.addEntry(k, lo, hi);
    }
    return result;
  }
  const it = getIter(other);
  for (let x = iterNext(it); x !== null; x = iterNext(it)) {
    hashInto(x);
    const lo = H[0], hi = H[1];
    if (so.lookup(x, lo, hi) >= 0) result.addEntry(x, lo, hi);
  }
  return result;
}

function difference(so: PySet, other: PyObj): PySet {
  const otherSize = other instanceof PySet ? other.used : other instanceof PyDict ? other.size : -1;
  if (otherSize >= 0 && (so.used >> 2) > otherSize) {
    const r = copyOf(so);
    if (other instanceof PySet) {
      for (const k of other.items()) r.discard(k);
    } else for (const k of (other as PyDict).keys()) r.discard(k);
    return r;
  }
  if (otherSize < 0) {
    // any other iterable: set_copy_and_difference
    const r = copyOf(so);
    differenceUpdate(r, other);
    return r;
  }
  const result = newBaseSet(so);
  for (let i = 0; i <= so.mask; i++) {
    const k = so.keys[i];
    if (k === null || k === DUMMY) continue;
    const present = other instanceof PySet ? other.lookup(k, so.hashLo[i], so.hashHi[i]) >= 0 : (other as PyDict).has(k);
    if (!present) result.addEntry(k, so.hashLo[i], so.hashHi[i]);
  }
  return result;
}

export function symmetricDifferenceUpdate(so: PySet, other: PyObj): void {
  if (so === other) {
    so.clear();
    return;
  }
  if (other instanceof PyDict && other.type === dictType) {
    // a dict is walked in its own order (CPython's _PyDict_Next loop)
    for (const k of other.keys()) {
      if (!so.discard(k)) so.add(k);
    }
    return;
  }
  const o = other instanceof PySet ? other : (() => {
    const s = new PySet(setType);
    s.update(other);
    return s;
  })();
  for (let i = 0; i <= o.mask; i++) {
    const k = o.keys[i];
    if (k === null || k === DUMMY) continue;
    const lo = o.hashLo[i], hi = o.hashHi[i];
    const j = so.lookup(k, lo, hi);
    if (j >= 0) {
      so.keys[j] = DUMMY;
      so.hashLo[j] = 0xffffffff;
      so.hashHi[j] = 0xffffffff;
      so.used--;
    } else so.addEntry(k, lo, hi);
  }
}

function isSubset(a: PySet, b: PySet): boolean {
  if (a.used > b.used) return false;
  for (let i = 0; i <= a.mask; i++) {
    const k = a.keys[i];
    if (k === null || k === DUMMY) continue;
    if (b.lookup(k, a.hashLo[i], a.hashHi[i]) < 0) return false;
  }
  return true;
}

function noKwargs(name: string, kw: KwNames): void {
  if (kw !== null && kw.length > 0) throw typeError(`${name}() takes no keyword arguments`);
}
function oneArg(name: string, args: PyObj[], kw: KwNames): PyObj {
  noKwargs(name, kw);
  if (args.length !== 1) throw typeError(`${name}() takes exactly one argument (${args.length} given)`);
  return args[0];
}

function frozensetExactHash(v: PyObj): void {
  const s = v as PySet;
  const hs: bigint[] = [];
  for (let i = 0; i <= s.mask; i++) {
    const k = s.keys[i];
    if (k !== null && k !== DUMMY) hs.push((BigInt(s.hashHi[i]) << 32n) | BigInt(s.hashLo[i]));
  }
  hashFrozensetInto(hs);
}

export function installSetTypes(iterType: PyType): void {
  setIterType.type = iterType;
  iterType.tp_iter = (it) => it;
  iterType.tp_iternext = (it) => {
    const si = it as PySetIter;
    const s = si.set;
    if (s === null) return null;
    if (si.expectedUsed !== s.used) {
      si.expectedUsed = -1;
      throw runtimeError("Set changed size during iteration");
    }
    let i = si.pos;
    const keys = s.keys;
    while (i <= s.mask && (keys[i] === null || keys[i] === DUMMY)) i++;
    si.pos = i + 1;
    if (i > s.mask) {
      si.set = null;
      return null;
    }
    return keys[i];
  };
  defineMethod(iterType, "__length_hint__", (it) => {
    const si = it as PySetIter;
    if (si.set === null || si.expectedUsed !== si.set.used) return 0;
    let n = 0;
    for (let i = si.pos; i <= si.set.mask; i++) if (si.set.keys[i] !== null && si.set.keys[i] !== DUMMY) n++;
    return n;
  });

  const frozenHash = (v: PyObj): number => {
    frozensetExactHash(v);
    return hashAsSlotNumber();
  };
  registerExactHash(frozenHash, frozensetExactHash);

  for (const t of [setType, frozensetType]) {
    const frozen = t === frozensetType;
    const name = t.name;
    t.tp_alloc = (cls) => new PySet(cls);
    t.sq_length = (s) => (s as PySet).used;
    t.sq_contains = (s, x) => (s as PySet).has(x);
    t.tp_iter = (s) => new PySetIter(iterType, s as PySet);
    t.tp_repr = (s) => {
      const set = s as PySet;
      const tn = set.type.name;
      if (set.used === 0) return `${tn}()`;
      return withReprGuard(set, () => {
        const inner = "{" + set.items().map(repr).join(", ") + "}";
        return set.type === setType ? inner : `${tn}(${inner})`;
      }, `${tn}(...)`);
    };
    t.tp_richcompare = (a, b, op) => {
      if (!isAnySet(b)) return NotImplemented;
      const x = a as PySet;
      switch (op) {
        case 2:
          return x.used === b.used && isSubset(x, b);
        case 3:
          return !(x.used === b.used && isSubset(x, b));
        case 1:
          return isSubset(x, b);
        case 0:
          return x.used < b.used && isSubset(x, b);
        case 5:
          return isSubset(b, x);
        default:
          return x.used > b.used && isSubset(b, x);
      }
    };
    t.nb_binary[NB.OR] = (a, b) => {
      if (!isAnySet(a) || !isAnySet(b)) return NotImplemented;
      const r = copyOf(a);
      r.merge(b);
      return r;
    };
    t.nb_binary[NB.AND] = (a, b) => {
      if (!isAnySet(a) || !isAnySet(b)) return NotImplemented;
      return intersection(a, b);
    };
    t.nb_binary[NB.SUBTRACT] = (a, b) => {
      if (!isAnySet(a) || !isAnySet(b)) return NotImplemented;
      return difference(a, b);
    };
    t.nb_binary[NB.XOR] = (a, b) => {
      if (!isAnySet(a) || !isAnySet(b)) return NotImplemented;
      const out = newBaseSet(a);
      out.merge(b);
      symmetricDifferenceUpdate(out, a);
      return out;
    };
    const S = (s: PyObj) => s as PySet;
    defineMethod(t, "copy", (s, args, kw) => {
      noKwargs(`${name}.copy`, kw);
      if (args.length > 0) throw typeError(`${name}.copy() takes no arguments (${args.length} given)`);
      if (frozen && S(s).type === frozensetType) return s;
      return copyOf(S(s));
    });
    defineMethod(t, "union", (s, args, kw) => {
      noKwargs(`${name}.union`, kw);
      const r = copyOf(S(s));
      for (const o of args) r.update(o);
      return r;
    });
    defineMethod(t, "intersection", (s, args, kw) => {
      noKwargs(`${name}.intersection`, kw);
      if (args.length === 0) return copyOf(S(s));
      let r = S(s);
      for (const o of args) r = intersection(r, o);
      return r;
    });
    defineMethod(t, "difference", (s, args, kw) => {
      noKwargs(`${name}.difference`, kw);
      if (args.length === 0) return copyOf(S(s));
      let r = difference(S(s), args[0]);
      for (let i = 1; i < args.length; i++) {
        const o = args[i];
        if (o instanceof PySet) for (const k of o.items()) r.discard(k);
        else {
          const it = getIter(o);
          for (let x = iterNext(it); x !== null; x = iterNext(it)) r.discard(x);
        }
      }
      void r;
      return r;
    });
    defineMethod(t, "symmetric_difference", (s, args, kw) => {
      const o = oneArg(`${name}.symmetric_difference`, args, kw);
      const out = newBaseSet(S(s));
      out.update(o);
      symmetricDifferenceUpdate(out, S(s));
      return out;
    });
    defineMethod(t, "issubset", (s, args, kw) => isSubset(S(s), asSet(oneArg(`${name}.issubset`, args, kw))));
    defineMethod(t, "issuperset", (s, args, kw) => {
      const o = oneArg(`${name}.issuperset`, args, kw);
      if (o instanceof PySet) return isSubset(o, S(s));
      const it = getIter(o);
      for (let x = iterNext(it); x !== null; x = iterNext(it)) if (!S(s).has(x)) return false;
      return true;
    });
    defineMethod(t, "isdisjoint", (s, args, kw) => {
      const o = oneArg(`${name}.isdisjoint`, args, kw);
      if (o instanceof PySet) {
        const [small, large] = o.used < S(s).used ? [o, S(s)] : [S(s), o];
        for (const k of small.items()) if (large.has(k)) return false;
        return true;
      }
      const it = getIter(o);
      for (let x = iterNext(it); x !== null; x = iterNext(it)) if (S(s).has(x)) return false;
      return true;
    });
    defineMethod(t, "__reduce__", (s) => newTuple([S(s).type, newTuple([new PyList(S(s).items())]), S(s).dict ?? None]));
    defineMethod(t, "__sizeof__", (s) => 200 + (S(s).mask + 1 > MINSIZE ? (S(s).mask + 1) * 16 : 0));
    if (frozen) {
      t.tp_hash = frozenHash;
      t.tp_new = (cls, args, kw) => {
        if (cls === frozensetType) noKwargs("frozenset", kw);
        if (args.length > 1) throw typeError(`frozenset expected at most 1 argument, got ${args.length}`);
        if (cls === frozensetType && args.length === 1 && args[0] instanceof PySet && args[0].type === frozensetType) return args[0];
        const s = new PySet(cls);
        if (args.length > 0) s.update(args[0]);
        return s;
      };
    } else {
      t.tp_hash = null;
      t.dict.setStr("__hash__", None);
      t.tp_new = (cls, args, kw) => {
        if (cls === setType) noKwargs("set", kw);
        return new PySet(cls);
      };
      t.tp_init = (self, args, kw) => {
        if (S(self).type === setType) noKwargs("set", kw);
        if (args.length > 1) throw typeError(`set expected at most 1 argument, got ${args.length}`);
        const s = self as PySet;
        if (s.fill > 0) s.clear();
        if (args.length > 0) s.update(args[0]);
      };
      t.nb_inplace[NB.OR] = (a, b) => {
        if (!isAnySet(b)) return NotImplemented;
        S(a).merge(b);
        return a;
      };
      t.nb_inplace[NB.AND] = (a, b) => {
        if (!isAnySet(b)) return NotImplemented;
        swapBodies(S(a), intersection(S(a), b));
        return a;
      };
      t.nb_inplace[NB.SUBTRACT] = (a, b) => {
        if (!isAnySet(b)) return NotImplemented;
        if (a === b) S(a).clear();
        else for (const k of b.items()) S(a).discard(k);
        return a;
      };
      t.nb_inplace[NB.XOR] = (a, b) => {
        if (!isAnySet(b)) return NotImplemented;
        symmetricDifferenceUpdate(S(a), b);
        return a;
      };
      defineMethod(t, "add", (s, args, kw) => {
        S(s).add(oneArg("set.add", args, kw));
        return None;
      });
      defineFastPaths(t, "add", null, (s, x) => {
        S(s).add(x);
        return None;
      }, null);
      defineMethod(t, "discard", (s, args, kw) => {
        S(s).discard(oneArg("set.discard", args, kw));
        return None;
      });
      defineMethod(t, "remove", (s, args, kw) => {
        const x = oneArg("set.remove", args, kw);
        if (!S(s).discard(x)) throw keyError(x);
        return None;
      });
      defineMethod(t, "pop", (s, args, kw) => {
        noKwargs("set.pop", kw);
        if (args.length > 0) throw typeError(`set.pop() takes no arguments (${args.length} given)`);
        return S(s).popItem();
      });
      defineMethod(t, "clear", (s) => {
        S(s).clear();
        return None;
      });
      defineMethod(t, "update", (s, args, kw) => {
        noKwargs("set.update", kw);
        for (const o of args) S(s).update(o);
        return None;
      });
      defineMethod(t, "intersection_update", (s, args, kw) => {
        noKwargs("set.intersection_update", kw);
        let r = S(s);
        for (const o of args) r = intersection(r, o);
        if (r !== S(s)) swapBodies(S(s), r);
        return None;
      });
      defineMethod(t, "difference_update", (s, args, kw) => {
        noKwargs("set.difference_update", kw);
        for (const o of args) {
          if (o === s) S(s).clear();
          else if (o instanceof PySet) for (const k of o.items()) S(s).discard(k);
          else {
            const it = getIter(o);
            for (let x = iterNext(it); x !== null; x = iterNext(it)) S(s).discard(x);
          }
        }
        return None;
      });
      defineMethod(t, "symmetric_difference_update", (s, args, kw) => {
        symmetricDifferenceUpdate(S(s), oneArg("set.symmetric_difference_update", args, kw));
        return None;
      });
    }
  }
  void typeOf;
  void currentHashValue;
}

function swapBodies(a: PySet, b: PySet): void {
  a.keys = b.keys;
  a.hashLo = b.hashLo;
  a.hashHi = b.hashHi;
  a.mask = b.mask;
  a.fill = b.fill;
  a.used = b.used;
}

/** set.difference_update(other) for one argument. */
export function differenceUpdate(so: PySet, other: PyObj): void {
  if (other === so) so.clear();
  else if (other instanceof PySet) for (const k of other.items()) so.discard(k);
  else {
    const it = getIter(other);
    for (let x = iterNext(it); x !== null; x = iterNext(it)) so.discard(x);
  }
}
