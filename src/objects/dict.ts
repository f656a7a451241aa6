// dict: insertion-ordered hash map with Python's key equality (1 == 1.0 == True).
//
// Layout: parallel arrays of keys and values in insertion order (deleted slots hold
// DELETED, compacted when they pile up), plus two indexes into them:
//  - `index`: a JS Map keyed by a primitive that stands for the Python key whenever one
//    exists (str -> the string, int/bool/integral float -> the number or bigint, other
//    floats -> the number, objects with identity equality -> the object itself), except
//    that number primitives live in
//  - `numHashed`: their own open-addressing table (hashindex.ts Int32HashIndex) hashed by
//    value: consecutive ints land in consecutive positions, and an insertion allocates
//    nothing (a JS Map with 100k int keys was 4-8x slower than CPython's dict);
//  - `tupleHashed`: internal hash -> slots (hashindex.ts) of exact tuples whose items all
//    have such a primitive ("plain tuples", below): `(a, b) in d` runs no __hash__/__eq__;
//  - `hashed`: hash -> slots (hashindex.ts), for keys that need __hash__/__eq__ (other
//    tuples, user classes defining __eq__, ...).
// Differs from CPython: an int-subclass instance and an equal plain int use different
// indexes; iteration order is insertion order, as CPython's.
import {
  PyObject, PyObj, PyType, PyFloat, floatType, dictType, identityHash, identityRichcompare, complexType, TypeFlag,
  tupleType, None, identityId,
} from "./core.js";
import { HashIndex, Int32HashIndex } from "./hashindex.js";

/** Dict versions are unique across all dicts, so (dict, version) caches need no identity check. */
let versionCounter = 0;
export function nextDictVersion(): number {
  return ++versionCounter;
}

export const DELETED = Object.freeze({ deleted: true }) as unknown as PyObj;

/** Hash and equality of non-primitive keys, provided by abstract.ts at start-up. */
export const dictHooks = {
  hash: null as unknown as (k: PyObj) => number,
  eq: null as unknown as (a: PyObj, b: PyObj) => boolean,
};

/**
 * Whether the stored key `k` equals the looked-up `key`, as CPython's lookup decides:
 * identity, else `k == key`. Two exact tuples compare here item by item (identity,
 * then unequal strs/ints are simply unequal, else ==), as tuplerichcompare does, without
 * the rich-comparison dispatch.
 */
function keysEqual(k: PyObj, key: PyObj): boolean {
  if (k === key) return true;
  if (typeof k === "object" && typeof key === "object" && k.type === tupleType && key.type === tupleType) {
    const a = (k as unknown as { items: PyObj[] }).items, b = (key as unknown as { items: PyObj[] }).items;
    const n = a.length < b.length ? a.length : b.length;
    for (let i = 0; i < n; i++) {
      const x = a[i], y = b[i];
      if (x === y) continue;
      const tx = typeof x;
      if (tx === typeof y && (tx === "string" || tx === "number")) return false;
      if (!dictHooks.eq(x, y)) return false;
    }
    return a.length === b.length;
  }
  return dictHooks.eq(k, key);
}

/**
 * Whether a key kept in `hashed` may equal a key of `index` or `tupleHashed` (str, int,
 * float, plain tuple...): instances of classes (user __eq__, str/int subclasses,
 * Fraction...), complex numbers, and exact tuples that have no encoding (an item of such a
 * class may equal an item of a plain tuple); never frozensets and the like, so their
 * dicts skip the cross-index check.
 */
function mayEqualPrimitive(k: PyObj): boolean {
  if (typeof k !== "object") return false;
  const t = k.type;
  return (t.flags & TypeFlag.HEAPTYPE) !== 0 || t === complexType || (t === tupleType && plainTupleHash(k) < 0);
}

// ---- tuple keys ----
// Exact tuples whose items (recursively) all have a primitive key, "plain tuples", are
// kept in `tupleHashed`: a HashIndex under an internal hash of those primitive keys (not
// CPython's hash, which nothing outside the dict sees). Two plain tuples are equal exactly
// when their items' primitive keys are (1 == 1.0 == True through the number), so the hash
// reads no cached str hash and runs no mixing in 32-bit halves, and equality is a JS
// comparison that runs no Python code: `(a, b) in d` neither allocates nor calls out.

const MAX_TUPLE_DEPTH = 32;
/** A long str's internal hash reads this many units at each end (and its length). */
const STR_HASH_ENDS = 32;
const P1 = 0x9e3779b1 | 0, P2 = 0x85ebca77 | 0, P3 = 0xc2b2ae3d | 0;
const f64 = new Float64Array(1);
const f64Words = new Int32Array(f64.buffer);

/** Set by plainHash when an item has no primitive key (the tuple is not plain). */
let notPlain = false;
/** Set by plainHash when it hashed an object by its identity. */
let hashedIdentity = false;

function strHash32(s: string): number {
  const n = s.length;
  let h = n ^ 0x811c9dc5;
  if (n <= 2 * STR_HASH_ENDS) {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  } else {
    for (let i = 0; i < STR_HASH_ENDS; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    for (let i = n - STR_HASH_ENDS; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return h;
}

/** A number primitive key's internal hash (integers and other doubles alike). */
function numberHash32(v: number): number {
  if ((v | 0) === v) return v | 0; // int32 values (and -0 == 0) as themselves
  f64[0] = v;
  return f64Words[0] ^ Math.imul(f64Words[1], P3);
}

/** The internal hash of plain tuple items (int32), or anything with notPlain set. */
function plainHash(items: readonly PyObj[], depth: number): number {
  let acc = Math.imul(items.length + depth, P1);
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    let h: number;
    switch (typeof x) {
      case "string":
        h = strHash32(x);
        break;
      case "number":
        h = numberHash32(x);
        break;
      case "boolean":
        h = numberHash32(x ? 1 : 0);
        break;
      case "bigint":
        h = Number(BigInt.asIntN(32, x)) ^ 0x5bd1e995;
        break;
      default:
        if (x === None) h = 0x27d4eb2f;
        else if (x.type === tupleType && depth < MAX_TUPLE_DEPTH) {
          h = plainHash((x as unknown as { items: PyObj[] }).items, depth + 1);
        } else {
          const pk = primitiveKey(x);
          if (pk === undefined || x.type === tupleType) {
            notPlain = true;
            return 0;
          }
          if (typeof pk === "object") {
            hashedIdentity = true;
            h = identityId(pk as PyObject);
          } else h = typeof pk === "number" ? numberHash32(pk) : Number(BigInt.asIntN(32, pk as bigint)) ^ 0x5bd1e995;
        }
    }
    acc = Math.imul(acc + Math.imul(h, P2), P1);
    acc = (acc << 13) | (acc >>> 19);
  }
  acc ^= acc >>> 16;
  acc = Math.imul(acc, P2);
  acc ^= acc >>> 13;
  return acc;
}

/**
 * The last tuple hashed and its internal hash: `key in d` then `d[key] += 1` look up the
 * same tuple three times in a row. Kept only for tuples without identity-hashed items, so
 * that the reference held here keeps no user object (and its __del__) alive.
 */
let lastTuple: PyObj = None;
let lastTupleHash = 0;

/** The internal hash (uint32) of a plain tuple `k`, or -1 (not an exact tuple, or not plain). */
function plainTupleHash(k: PyObj): number {
  if (typeof k !== "object" || k.type !== tupleType) return -1;
  if (k === lastTuple) return lastTupleHash;
  notPlain = false;
  hashedIdentity = false;
  const h = plainHash((k as unknown as { items: PyObj[] }).items, 0) >>> 0;
  if (notPlain) return -1;
  if (!hashedIdentity) {
    lastTuple = k;
    lastTupleHash = h;
  }
  return h;
}

/** Whether the plain tuples' items are equal (their primitive keys are, item by item). */
function plainItemsEqual(a: readonly PyObj[], b: readonly PyObj[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!plainItemEqual(a[i], b[i])) return false;
  return true;
}

/** Whether two items of plain tuples are equal (their primitive keys are). */
function plainItemEqual(x: PyObj, y: PyObj): boolean {
  if (x === y) return true;
  if (typeof x === "string" || typeof y === "string") return false;
  if (typeof x === "object" && typeof y === "object" && x.type === tupleType && y.type === tupleType) {
    return plainItemsEqual((x as unknown as { items: PyObj[] }).items, (y as unknown as { items: PyObj[] }).items);
  }
  const px = primitiveKey(x);
  return px !== undefined && px === primitiveKey(y);
}

/** KeyEquality of `tupleHashed` (both keys are plain tuples). */
function plainTuplesEqual(stored: PyObj, key: PyObj): boolean {
  return stored === key ||
    plainItemsEqual((stored as unknown as { items: PyObj[] }).items, (key as unknown as { items: PyObj[] }).items);
}

/** The internal hash (int32) of a number primitive key: int32 values hash to themselves. */
function numHash32(v: number): number {
  if ((v | 0) === v) return v | 0; // -0 too
  f64[0] = v;
  return f64Words[0] ^ Math.imul(f64Words[1], P3);
}

/** KeyEquality of `numHashed`: the stored key's primitive is the number `pk`. */
function numKeyEqual(stored: PyObj, pk: PyObj): boolean {
  return stored === pk || (typeof stored !== "number" && primitiveKey(stored) === pk);
}

/** The primitive that stands for `k` in `index`, or undefined if `k` needs hashing. */
export function primitiveKey(k: PyObj): unknown {
  switch (typeof k) {
    case "string":
    case "number":
    case "bigint":
      return k;
    case "boolean":
      return k ? 1 : 0;
  }
  const t = k.type;
  if (t === floatType) {
    const v = (k as PyFloat).value;
    if (Number.isInteger(v)) return Number.isSafeInteger(v) ? v : BigInt(v);
    if (v !== v) return k;
    return v;
  }
  if (t.tp_hash === identityHash && t.tp_richcompare === identityRichcompare) return k;
  return undefined;
}

/**
 * The index of every dict that never had a primitive key: shared and never written (a
 * JS Map is a costly allocation, and the instance dicts of attribute-less objects,
 * exceptions' and `{}` literals often stay empty). The first insertion makes its own.
 */
const EMPTY_INDEX: Map<unknown, number> = new Map();

/**
 * Instance dicts share their keys (CPython's split tables, V8's hidden classes): a dict
 * made by newInstanceDict() whose keys are str inserted in an order seen before uses the
 * keyList and index of a DictShape, shared by every such dict, and only has its values
 * of its own. Nothing ever writes a shape's keys or index: the first change that is not
 * "append a str key" copies them (PyDict.unshare), and appending moves to the child
 * shape for that key. Instances of one class get one shape (their __init__ assigns the
 * same attributes in the same order), so an attribute's slot is the same in all of them.
 */
export class DictShape {
  declare readonly keys: PyObj[];
  declare readonly index: Map<unknown, number>;
  /** The shapes one more key leads to; null until the first. */
  declare next: Map<string, DictShape> | null;
  constructor(keys: PyObj[], index: Map<unknown, number>) {
    this.keys = keys;
    this.index = index;
    this.next = null;
  }

  /** The shape with `name` appended, or null past the limits (the dict then unshares). */
  child(name: string): DictShape | null {
    let next = this.next;
    if (next !== null) {
      const c = next.get(name);
      if (c !== undefined) return c;
    }
    if (this.keys.length >= MAX_SHAPE_KEYS || shapeCount >= MAX_SHAPES) return null;
    shapeCount++;
    const keys = this.keys.slice();
    keys.push(name);
    const index = new Map(this.index);
    index.set(name, this.keys.length);
    const c = new DictShape(keys, index);
    if (next === null) next = this.next = new Map();
    next.set(name, c);
    return c;
  }
}
/** Shapes hold at most this many keys (bigger instance dicts are plain dicts). */
const MAX_SHAPE_KEYS = 30;
/** A bound on all shapes made (programs setting computed attribute names). */
const MAX_SHAPES = 20000;
let shapeCount = 0;
/** The shape of an empty instance dict (its keys array is frozen: nothing may push to it). */
const ROOT_SHAPE = new DictShape(Object.freeze([]) as unknown as PyObj[], EMPTY_INDEX);

/** A new, empty instance __dict__ (keys shared through shapes). */
export function newInstanceDict(): PyDict {
  return new PyDict(dictType, ROOT_SHAPE);
}

export class PyDict extends PyObject {
  declare keyList: PyObj[];
  declare valueList: PyObj[];
  declare index: Map<unknown, number>;
  /** Keys whose primitive is a number: numHash32 -> slots; null until the first one. */
  declare numHashed: Int32HashIndex | null;
  /** Plain tuple keys: internal hash (plainTupleHash) -> slots; null until the first one. */
  declare tupleHashed: Int32HashIndex | null;
  declare hashed: HashIndex | null;
  /**
   * hash -> slots of the keys in `index`, built on the first lookup of a non-primitive key
   * that `hashed` does not hold (a key equal to a primitive one, like Key3() == 'key3' or
   * 0j == 0), then kept up to date; null until needed.
   */
  declare primitiveHashed: HashIndex | null;
  /** How many keys in `hashed` may equal a primitive key (see mayEqualPrimitive). */
  declare crossKeys: number;
  declare size: number;
  /** Bumped on every insertion or deletion of a key (iterators check it). */
  declare version: number;
  /** The shared keys of an instance dict (keyList and index are the shape's), else null. */
  declare shape: DictShape | null;

  /** `shape`: only newInstanceDict's ROOT_SHAPE (an empty dict). */
  constructor(type: PyType = dictType, shape: DictShape | null = null) {
    super(type);
    this.shape = shape;
    this.keyList = shape === null ? [] : shape.keys;
    this.valueList = [];
    this.index = EMPTY_INDEX;
    this.numHashed = null;
    this.tupleHashed = null;
    this.hashed = null;
    this.primitiveHashed = null;
    this.crossKeys = 0;
    this.size = 0;
    this.version = ++versionCounter;
  }

  /**
   * setStr's append for a shaped dict lacking the key, with `next` (its shape's child for
   * the key) found by the caller: the JIT's attribute stores cache that transition.
   */
  appendShaped(next: DictShape, value: PyObj): void {
    this.indexAdded(next.keys[next.keys.length - 1], this.keyList.length);
    this.shape = next;
    this.keyList = next.keys;
    this.index = next.index;
    this.valueList.push(value);
    this.size++;
    this.version = ++versionCounter;
  }

  /** Gives a dict with a shape keys and an index of its own (before any other change). */
  private unshare(): void {
    this.keyList = this.keyList.slice();
    if (this.index !== EMPTY_INDEX) this.index = new Map(this.index);
    this.shape = null;
  }

  /** Whether `index` and `tupleHashed` are both empty. */
  private noPrimitiveEntries(): boolean {
    return this.index.size === 0 && (this.numHashed === null || this.numHashed.used === 0) &&
      (this.tupleHashed === null || this.tupleHashed.used === 0);
  }

  /**
   * The slot of a key equal to `key` kept in the other index than `key` would use (a
   * primitive key vs a key that needs __eq__, with equal hashes), or -1.
   */
  private crossSlot(key: PyObj, pk: unknown, h?: number): number {
    if (pk !== undefined) {
      if (this.crossKeys === 0) return -1;
      return this.hashed!.find(h ?? dictHooks.hash(key), key, this.keyList, keysEqual);
    }
    if (this.noPrimitiveEntries()) return -1;
    return this.primitiveHashes().find(h ?? dictHooks.hash(key), key, this.keyList, keysEqual);
  }

  private primitiveHashes(): HashIndex {
    if (this.primitiveHashed === null) {
      const m = new HashIndex();
      for (const i of this.index.values()) m.add(dictHooks.hash(this.keyList[i]), i);
      if (this.numHashed !== null) this.numHashed.forEachSlot((i) => m.add(dictHooks.hash(this.keyList[i]), i));
      if (this.tupleHashed !== null) this.tupleHashed.forEachSlot((i) => m.add(dictHooks.hash(this.keyList[i]), i));
      this.primitiveHashed = m;
    }
    return this.primitiveHashed;
  }

  /** Records a new entry of `index` (slot i) in primitiveHashed when that is kept. */
  private indexAdded(key: PyObj, i: number): void {
    if (this.primitiveHashed !== null) this.primitiveHashed.add(dictHooks.hash(key), i);
  }

  /** The slot of the key whose primitive is the number `pk`, or -1. */
  private numSlot(pk: number): number {
    return this.numHashed === null ? -1 : this.numHashed.find(numHash32(pk), pk, this.keyList, numKeyEqual);
  }

  private findSlot(key: PyObj, pk: unknown): number {
    if (pk !== undefined) {
      if (typeof pk === "number") {
        const i = this.numSlot(pk);
        if (i >= 0) return i;
      } else {
        const i = this.index.get(pk);
        if (i !== undefined) return i;
      }
      return this.crossKeys === 0 ? -1 : this.crossSlot(key, pk);
    }
    const th = plainTupleHash(key);
    if (th >= 0) return this.findTupleSlot(key, th);
    if (this.hashed === null) {
      const h = dictHooks.hash(key); // unhashable keys raise even on a miss
      return this.noPrimitiveEntries() || !mayEqualPrimitive(key) ? -1 : this.crossSlot(key, pk, h);
    }
    const h = dictHooks.hash(key);
    const i = this.hashed.find(h, key, this.keyList, keysEqual);
    if (i >= 0) return i;
    return this.noPrimitiveEntries() || !mayEqualPrimitive(key) ? -1 : this.crossSlot(key, pk, h);
  }

  /** The slot of the plain tuple `key` (internal hash `th`), or -1. */
  private findTupleSlot(key: PyObj, th: number): number {
    const ix = this.tupleHashed;
    if (ix !== null) {
      const items = (key as unknown as { items: PyObj[] }).items;
      const i = items.length === 2 && ix.pairs !== null && ix.pairsVersion === this.version
        ? ix.findPair(th, items[0], items[1], ix.pairs, plainItemEqual)
        : ix.find(th, key, this.keyList, plainTuplesEqual);
      if (i >= 0) return i;
    }
    return this.crossKeys === 0 ? -1 : this.hashed!.find(dictHooks.hash(key), key, this.keyList, keysEqual);
  }

  /** Inserts or replaces the value of the plain tuple `key` (internal hash `th`). */
  private setTuple(key: PyObj, th: number, value: PyObj): void {
    if (this.crossKeys === 0 && this.primitiveHashed === null) {
      if (this.tupleHashed === null) this.tupleHashed = new Int32HashIndex();
      const ix = this.tupleHashed;
      const items = (key as unknown as { items: PyObj[] }).items;
      const pairs = ix.pairs;
      if (items.length === 2 && pairs !== null && ix.pairsVersion === this.version) {
        // a dict whose keys are all 2-item tuples (bigram counts, grid points...): the
        // probe compares the items kept in the index (Int32HashIndex.pairs)
        const found = ix.findPair(th, items[0], items[1], pairs, plainItemEqual);
        if (found >= 0) {
          this.valueList[found] = value;
          return;
        }
        ix.add(th, this.keyList.length);
        this.appendEntry(key, value);
        pairs.push(items[0], items[1]);
        ix.pairsVersion = this.version;
        return;
      }
      // nothing to look at in the other indexes: find and insert in one probe
      const found = ix.findOrAdd(th, key, this.keyList, plainTuplesEqual, this.keyList.length);
      if (found >= 0) {
        this.valueList[found] = value;
        return;
      }
      this.appendEntry(key, value);
      // Every other insertion or deletion changes the version without the pairs, which
      // then stay stale until the dict is emptied (clear(); compact() refills from empty).
      if (this.keyList.length === 1 && items.length === 2) {
        ix.pairs = [items[0], items[1]];
        ix.pairsVersion = this.version;
      } else ix.pairs = null;
      return;
    }
    const i = this.findTupleSlot(key, th);
    if (i >= 0) {
      this.valueList[i] = value;
      return;
    }
    if (this.shape !== null) this.unshare();
    this.indexAdded(key, this.keyList.length);
    if (this.tupleHashed === null) this.tupleHashed = new Int32HashIndex();
    this.tupleHashed.add(th, this.keyList.length);
    this.keyList.push(key);
    this.valueList.push(value);
    this.size++;
    this.version = ++versionCounter;
  }

  get(key: PyObj): PyObj | undefined {
    if (typeof key === "string") {
      let i = this.index.get(key);
      if (i === undefined) {
        if (this.crossKeys === 0) return undefined;
        i = this.crossSlot(key, key);
        if (i < 0) return undefined;
      }
      return this.valueList[i];
    }
    const i = this.findSlot(key, primitiveKey(key));
    return i < 0 ? undefined : this.valueList[i];
  }

  has(key: PyObj): boolean {
    return this.findSlot(key, primitiveKey(key)) >= 0;
  }

  getStr(name: string): PyObj | undefined {
    const i = this.index.get(name);
    return i === undefined ? undefined : this.valueList[i];
  }

  setStr(name: string, value: PyObj): void {
    const i = this.index.get(name);
    if (i !== undefined) {
      this.valueList[i] = value;
      return;
    }
    if (this.crossKeys > 0) {
      const j = this.crossSlot(name, name);
      if (j >= 0) {
        this.valueList[j] = value;
        return;
      }
    }
    const shape = this.shape;
    if (shape !== null) {
      const next = shape.child(name);
      if (next !== null) {
        this.indexAdded(name, this.keyList.length);
        this.shape = next;
        this.keyList = next.keys;
        this.index = next.index;
        this.valueList.push(value);
        this.size++;
        this.version = ++versionCounter;
        return;
      }
      this.unshare();
    }
    this.indexAdded(name, this.keyList.length);
    if (this.index === EMPTY_INDEX) this.index = new Map();
    this.index.set(name, this.keyList.length);
    this.keyList.push(name);
    this.valueList.push(value);
    this.size++;
    this.version = ++versionCounter;
  }

  set(key: PyObj, value: PyObj): void {
    if (typeof key === "string") {
      this.setStr(key, value);
      return;
    }
    if (this.shape !== null) this.unshare();
    const pk = primitiveKey(key);
    if (typeof pk === "number") {
      const h = numHash32(pk);
      if (this.numHashed === null) this.numHashed = new Int32HashIndex();
      if (this.crossKeys === 0 && this.primitiveHashed === null) {
        // nothing to look at in the other indexes: find and insert in one probe
        const found = this.numHashed.findOrAdd(h, pk as PyObj, this.keyList, numKeyEqual, this.keyList.length);
        if (found >= 0) this.valueList[found] = value;
        else this.appendEntry(key, value);
        return;
      }
      const i = this.numHashed.find(h, pk, this.keyList, numKeyEqual);
      if (i >= 0) {
        this.valueList[i] = value;
        return;
      }
      const j = this.crossKeys === 0 ? -1 : this.crossSlot(key, pk);
      if (j >= 0) {
        this.valueList[j] = value;
        return;
      }
      this.indexAdded(key, this.keyList.length);
      this.numHashed.add(h, this.keyList.length);
    } else if (pk !== undefined) {
      const i = this.index.get(pk);
      if (i !== undefined) {
        this.valueList[i] = value;
        return;
      }
      const j = this.crossKeys === 0 ? -1 : this.crossSlot(key, pk);
      if (j >= 0) {
        this.valueList[j] = value;
        return;
      }
      this.indexAdded(key, this.keyList.length);
      if (this.index === EMPTY_INDEX) this.index = new Map();
      this.index.set(pk, this.keyList.length);
    } else {
      const th = plainTupleHash(key);
      if (th >= 0) {
        this.setTuple(key, th, value);
        return;
      }
      const h = dictHooks.hash(key);
      if (this.hashed === null) this.hashed = new HashIndex();
      const i = this.hashed.find(h, key, this.keyList, keysEqual);
      if (i >= 0) {
        this.valueList[i] = value;
        return;
      }
      const j = this.noPrimitiveEntries() || !mayEqualPrimitive(key) ? -1 : this.crossSlot(key, pk, h);
      if (j >= 0) {
        this.valueList[j] = value;
        return;
      }
      this.hashed.add(h, this.keyList.length);
      if (mayEqualPrimitive(key)) this.crossKeys++;
    }
    this.keyList.push(key);
    this.valueList.push(value);
    this.size++;
    this.version = ++versionCounter;
  }

  /** dict.setdefault: the value of `key`, `dflt` inserted when absent; the key is hashed once. */
  setDefault(key: PyObj, dflt: PyObj): PyObj {
    if (typeof key !== "string" && this.shape !== null) this.unshare();
    const pk = typeof key === "string" ? key : primitiveKey(key);
    if (pk !== undefined) {
      // Primitive keys hash without running Python code: the plain lookup and insertion.
      const v = this.get(key);
      if (v !== undefined) return v;
      this.set(key, dflt);
      return dflt;
    }
    const th = plainTupleHash(key);
    if (th >= 0) {
      const i = this.findTupleSlot(key, th);
      if (i >= 0) return this.valueList[i];
      this.setTuple(key, th, dflt);
      return dflt;
    }
    const h = dictHooks.hash(key);
    if (this.hashed === null) this.hashed = new HashIndex();
    const i = this.hashed.find(h, key, this.keyList, keysEqual);
    if (i >= 0) return this.valueList[i];
    const j = this.noPrimitiveEntries() || !mayEqualPrimitive(key) ? -1 : this.crossSlot(key, pk, h);
    if (j >= 0) return this.valueList[j];
    this.hashed.add(h, this.keyList.length);
    if (mayEqualPrimitive(key)) this.crossKeys++;
    this.keyList.push(key);
    this.valueList.push(dflt);
    this.size++;
    this.version = ++versionCounter;
    return dflt;
  }

  /** Appends a new entry (its index already records it). */
  private appendEntry(key: PyObj, value: PyObj): void {
    this.keyList.push(key);
    this.valueList.push(value);
    this.size++;
    this.version = ++versionCounter;
  }

  /** Removes `key`; returns its value or undefined when absent. */
  delete(key: PyObj): PyObj | undefined {
    const pk = primitiveKey(key);
    const i = this.findSlot(key, pk);
    if (i < 0) return undefined;
    if (this.shape !== null) this.unshare();
    const value = this.valueList[i];
    // The entry lives in the index of the key stored, which may differ from `key`'s kind.
    const stored = this.keyList[i];
    const storedPk = stored === key ? pk : primitiveKey(stored);
    const storedTh = storedPk === undefined ? plainTupleHash(stored) : -1;
    if (typeof storedPk === "number") {
      this.numHashed!.remove(numHash32(storedPk), i);
      if (this.primitiveHashed !== null) this.primitiveHashed.remove(dictHooks.hash(stored), i);
    } else if (storedPk !== undefined) {
      this.index.delete(storedPk);
      if (this.primitiveHashed !== null) this.primitiveHashed.remove(dictHooks.hash(stored), i);
    } else if (storedTh >= 0) {
      this.tupleHashed!.remove(storedTh, i);
      if (this.primitiveHashed !== null) this.primitiveHashed.remove(dictHooks.hash(stored), i);
    } else {
      this.hashed!.remove(dictHooks.hash(stored), i);
      if (mayEqualPrimitive(stored)) this.crossKeys--;
    }
    this.keyList[i] = DELETED;
    this.valueList[i] = DELETED;
    this.size--;
    this.version = ++versionCounter;
    if (this.keyList.length > 16 && this.size * 2 < this.keyList.length) this.compact();
    return value;
  }

  clear(): void {
    this.shape = null;
    this.keyList = [];
    this.valueList = [];
    this.index = EMPTY_INDEX;
    this.numHashed = null;
    this.tupleHashed = null;
    this.hashed = null;
    this.primitiveHashed = null;
    this.crossKeys = 0;
    this.size = 0;
    this.version = ++versionCounter;
  }

  private compact(): void {
    const keys = this.keyList;
    const values = this.valueList;
    this.clear();
    for (let i = 0; i < keys.length; i++) if (keys[i] !== DELETED) this.set(keys[i], values[i]);
  }

  /** Live keys in order (a fresh array). */
  keys(): PyObj[] {
    const out: PyObj[] = [];
    const keys = this.keyList;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== DELETED) out.push(keys[i]);
    return out;
  }

  values(): PyObj[] {
    const out: PyObj[] = [];
    const keys = this.keyList;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== DELETED) out.push(this.valueList[i]);
    return out;
  }

  copy(type: PyType = dictType): PyDict {
    const d = new PyDict(type);
    const keys = this.keyList;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== DELETED) d.set(keys[i], this.valueList[i]);
    return d;
  }
}
