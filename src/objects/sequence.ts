// tuple, list, slice and range: classes, slots and methods (listobject.c, tupleobject.c,
// sliceobject.c, rangeobject.c). Items live in plain JS arrays.
import {
  PyObject, PyObj, PyType, KwNames, tupleType, listType, makeBuiltinType, objectType, None,
  NotImplemented, typeOf, NB_COUNT, PyFloat, floatType,
} from "./core.js";
import { defineMethod, defineGetSet, defineFastPaths } from "./descr.js";
import { typeError, indexError, valueError, overflowError, newException, MemoryError } from "./exceptions.js";
import {
  repr, eqIdentity, compareBool, richCompare, index, indexAsNumber, toArray, hash, isTrue,
  getIter, iterNext, call, call1,
} from "./abstract.js";
import { NB, intValueOf } from "./number.js";
import { hashTupleInto, hashAsSlotNumber, registerExactHash } from "./hash.js";
import { installRangeType, sliceIndicesLong } from "./range.js";
import { cpythonSort } from "./listsort.js";
import { columnSortOrder } from "./sortcolumns.js";

export { rangeType, rangeIterType, PyRange, PyRangeIter, rangeLength } from "./range.js";

export const sliceType = makeBuiltinType("slice", objectType, 0);
export const listIterType = makeBuiltinType("list_iterator", objectType, 0);
export const tupleIterType = makeBuiltinType("tuple_iterator", objectType, 0);
export const listRevIterType = makeBuiltinType("list_reverseiterator", objectType, 0);

// The hot object layouts below (tuple, list, list/tuple iterator) are made by plain
// constructor functions over a class-like prototype instead of `class ... extends PyObject`:
// a derived class runs PyObject's constructor, whose two stores see every layout in the
// program (megamorphic, a generic IC each) whenever V8 does not inline it into the caller,
// which is often the case in the JIT's large compiled functions. A function of its own
// per layout keeps its stores monomorphic. `instanceof` and subclassing work as before.

export interface PyTuple extends PyObject {
  readonly items: PyObj[];
  /**
   * tp_hash's result once computed, kept only when every item hashes without running
   * Python code (str, int, bool, None, exact float, such tuples): then it cannot change
   * and no __hash__ call is skipped. Kept as two small integers (hash = hi * 2**27 + lo)
   * so that V8 stores them unboxed; lo is -1 until computed.
   */
  hashHi: number;
  hashLo: number;
}
function PyTupleInit(this: PyTuple, items: PyObj[], type: PyType = tupleType): void {
  this.type = type;
  this.dict = null;
  (this as { items: PyObj[] }).items = items;
  this.hashHi = 0;
  this.hashLo = -1;
}
PyTupleInit.prototype = Object.create(PyObject.prototype) as PyTuple;
export const PyTuple = PyTupleInit as unknown as { new (items: PyObj[], type?: PyType): PyTuple; prototype: PyTuple };

export const EMPTY_TUPLE = new PyTuple([]);
export function newTuple(items: PyObj[]): PyTuple {
  return items.length === 0 ? EMPTY_TUPLE : new PyTuple(items);
}

export interface PyList extends PyObject {
  items: PyObj[];
}
function PyListInit(this: PyList, items: PyObj[], type: PyType = listType): void {
  this.type = type;
  this.dict = null;
  this.items = items;
}
PyListInit.prototype = Object.create(PyObject.prototype) as PyList;
export const PyList = PyListInit as unknown as { new (items: PyObj[], type?: PyType): PyList; prototype: PyList };

export class PySlice extends PyObject {
  declare readonly start: PyObj;
  declare readonly stop: PyObj;
  declare readonly step: PyObj;
  constructor(start: PyObj, stop: PyObj, step: PyObj) {
    super(sliceType);
    this.start = start;
    this.stop = stop;
    this.step = step;
  }
}

/** Iterator over a list or tuple's items array (re-read each step, as CPython does). */
export interface PySeqIter extends PyObject {
  index: number;
  /** The sequence; an empty one once exhausted (CPython drops its reference then). */
  seq: PyList | PyTuple;
}
function PySeqIterInit(this: PySeqIter, type: PyType, seq: PyList | PyTuple): void {
  this.type = type;
  this.dict = null;
  this.seq = seq;
  this.index = 0;
}
PySeqIterInit.prototype = Object.create(PyObject.prototype) as PySeqIter;
export const PySeqIter = PySeqIterInit as unknown as { new (type: PyType, seq: PyList | PyTuple): PySeqIter; prototype: PySeqIter };
/** What exhausted list iterators hold instead of their list; always empty, never exposed. */
const EXHAUSTED_LIST = new PyList([]);

export class PyListRevIter extends PyObject {
  /** The list; an empty one once exhausted (CPython drops its reference then). */
  declare list: PyList;
  declare index: number;
  constructor(list: PyList, index: number) {
    super(listRevIterType);
    this.list = list;
    this.index = index;
  }
}

/** CPython's PySlice_GetIndicesEx: (start, stop, step, slicelength). */
export function sliceIndices(s: PySlice, length: number): [number, number, number, number] {
  let step = 1;
  if (s.step !== None) {
    step = sliceIndex(s.step);
    if (step === 0) throw valueError("slice step cannot be zero");
  }
  const defStart = step < 0 ? length - 1 : 0;
  const defStop = step < 0 ? -1 : length;
  let start: number, stop: number;
  if (s.start === None) start = defStart;
  else {
    start = sliceIndex(s.start);
    if (start < 0) {
      start += length;
      if (start < 0) start = step < 0 ? -1 : 0;
    } else if (start >= length) start = step < 0 ? length - 1 : length;
  }
  if (s.stop === None) stop = defStop;
  else {
    stop = sliceIndex(s.stop);
    if (stop < 0) {
      stop += length;
      if (stop < 0) stop = step < 0 ? -1 : 0;
    } else if (stop >= length) stop = step < 0 ? length - 1 : length;
  }
  let n: number;
  if (step < 0) n = stop < start ? Math.floor((start - stop - 1) / -step) + 1 : 0;
  else n = start < stop ? Math.floor((stop - start - 1) / step) + 1 : 0;
  return [start, stop, step, n];
}
function sliceIndex(v: PyObj): number {
  const t = typeOf(v);
  if (t.nb_index === null) {
    throw typeError("slice indices must be integers or None or have an __index__ method");
  }
  const i = index(v);
  if (typeof i === "bigint") return i < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  return i;
}

export function sliceItems<T>(items: readonly T[], s: PySlice): T[] {
  const [start, stop, step, n] = sliceIndices(s, items.length);
  return takeItems(items, start, stop, step, n);
}
/** The items selected by resolved slice indices (sliceIndices' result). */
function takeItems<T>(items: readonly T[], start: number, stop: number, step: number, n: number): T[] {
  if (step === 1) return items.slice(start, stop > start ? stop : start);
  const out: T[] = new Array(n);
  for (let i = 0, j = start; i < n; i++, j += step) out[i] = items[j];
  return out;
}

function seqIndex(items: readonly PyObj[], key: PyObj, what: string): number {
  if (typeof key === "number") {
    const i = key < 0 ? key + items.length : key;
    if (i < 0 || i >= items.length) throw indexError(`${what} index out of range`);
    return i;
  }
  const t = typeOf(key);
  if (t.nb_index === null) {
    // CPython says "list indices" for assignment and deletion too (only the IndexError
    // says "list assignment index").
    const kind = what === "list assignment" ? "list" : what;
    throw typeError(`${kind} indices must be integers or slices, not ${t.name}`);
  }
  const k = indexAsNumber(key, `cannot fit 'int' into an index-sized integer`);
  const i = k < 0 ? k + items.length : k;
  if (i < 0 || i >= items.length) throw indexError(`${what} index out of range`);
  return i;
}

function seqRepr(items: readonly PyObj[], open: string, close: string): string {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i++) parts.push(repr(items[i]));
  return open + parts.join(", ") + close;
}

const reprActive = new Set<PyObject>();
export function withReprGuard(o: PyObject, inner: () => string, recursive: string): string {
  if (reprActive.has(o)) return recursive;
  reprActive.add(o);
  try {
    return inner();
  } finally {
    reprActive.delete(o);
  }
}

/** Lexicographic comparison of two item arrays (tuple/list richcompare). */
export function compareSequences(a: readonly PyObj[], b: readonly PyObj[], op: number): boolean {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (; i < n; i++) {
    if (!eqIdentity(a[i], b[i])) break;
  }
  if (i >= a.length || i >= b.length) {
    const la = a.length, lb = b.length;
    switch (op) {
      case 0: return la < lb;
      case 1: return la <= lb;
      case 2: return la === lb;
      case 3: return la !== lb;
      case 4: return la > lb;
      default: return la >= lb;
    }
  }
  if (op === 2) return false;
  if (op === 3) return true;
  return compareBool(a[i], b[i], op);
}

/**
 * list comparison (list_richcompare): the lists are read afresh at every step since an
 * item's __eq__ may change them; once either ends, their current lengths decide.
 */
function compareLists(x: PyList, y: PyList, op: number): boolean {
  if ((op === 2 || op === 3) && x.items.length !== y.items.length) return op === 3;
  let i = 0;
  for (; i < x.items.length && i < y.items.length; i++) {
    if (!eqIdentity(x.items[i], y.items[i])) break;
  }
  if (i >= x.items.length || i >= y.items.length) {
    const lx = x.items.length, ly = y.items.length;
    switch (op) {
      case 0: return lx < ly;
      case 1: return lx <= ly;
      case 2: return lx === ly;
      case 3: return lx !== ly;
      case 4: return lx > ly;
      default: return lx >= ly;
    }
  }
  if (op === 2) return false;
  if (op === 3) return true;
  return compareBool(x.items[i], y.items[i], op);
}

function repeatCount(v: PyObj): number | null {
  const t = typeOf(v);
  if (t.nb_index === null) return null;
  const n = index(v);
  if (typeof n === "bigint") {
    // beyond Py_ssize_t: OverflowError; within it the allocation fails (MemoryError)
    if (n >= 1n << 63n || n < -(1n << 63n)) throw overflowError("cannot fit 'int' into an index-sized integer");
    return n <= 0n ? 0 : Number(n);
  }
  return n;
}
function repeatItems(items: readonly PyObj[], n: number): PyObj[] {
  if (n <= 0 || items.length === 0) return [];
  if (items.length * n > 2 ** 32) throw newMemoryError();
  const out: PyObj[] = new Array(items.length * n);
  for (let r = 0, k = 0; r < n; r++) for (let i = 0; i < items.length; i++) out[k++] = items[i];
  return out;
}
function newMemoryError(): PyObject {
  return newException(MemoryError);
}

function argCount(name: string, args: PyObj[], kw: KwNames, min: number, max: number): void {
  if (kw !== null && kw.length > 0) throw typeError(`${name}() takes no keyword arguments`);
  const n = args.length;
  if (n < min || n > max) {
    if (min === max) {
      // METH_NOARGS / METH_O wording, else Argument Clinic's _PyArg_CheckPositional
      throw typeError(min === 0 ? `${name}() takes no arguments (${n} given)` : min === 1 ? `${name}() takes exactly one argument (${n} given)` : `${name} expected ${min} arguments, got ${n}`);
    }
    throw typeError(n < min ? `${name} expected at least ${min} argument${min === 1 ? "" : "s"}, got ${n}` : `${name} expected at most ${max} argument${max === 1 ? "" : "s"}, got ${n}`);
  }
}
export { argCount };

/** A Py_ssize_t argument (list.pop/insert): __index__, OverflowError past sys.maxsize. */
function ssizeIndex(v: PyObj): number {
  const t = typeOf(v);
  if (t.nb_index === null) throw typeError(`'${t.name}' object cannot be interpreted as an integer`);
  const n = index(v);
  if (typeof n === "bigint") throw overflowError("Python int too large to convert to C ssize_t");
  return n;
}

function clampIndex(v: PyObj, length: number): number {
  // _PyEval_SliceIndexNotNone: any __index__ object; huge values clamp
  if (typeOf(v).nb_index === null) throw typeError("slice indices must be integers or have an __index__ method");
  const big = index(v);
  let i = typeof big === "bigint" ? (big < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER) : big;
  if (i < 0) {
    i += length;
    if (i < 0) i = 0;
  } else if (i > length) i = length;
  return i;
}

function itemsIndex(items: readonly PyObj[], args: PyObj[], name: string): number {
  const x = args[0];
  const start = args.length > 1 ? clampIndex(args[1], items.length) : 0;
  const stop = args.length > 2 ? clampIndex(args[2], items.length) : items.length;
  for (let i = start; i < stop && i < items.length; i++) if (eqIdentity(items[i], x)) return i;
  throw valueError(name);
}

const HASH_SPLIT = 134217728; // 2**27

/** True when hashing every item runs no Python code and always gives the same result. */
function itemsHashPurely(items: readonly PyObj[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    switch (typeof x) {
      case "string":
      case "number":
      case "bigint":
      case "boolean":
        continue;
    }
    if (x === None) continue;
    if (x instanceof PyFloat && x.type === floatType) continue;
    if (x instanceof PyTuple && x.type === tupleType && (x.hashLo >= 0 || itemsHashPurely(x.items))) continue;
    return false;
  }
  return true;
}

// ---- list.sort ----

/** Sorts items in place: stable, optional key and reverse, using only `<`. */
export function sortItems(items: PyObj[], key: PyObj | null, reverse: boolean): void {
  const n = items.length;
  if (n < 2) return;
  let keys: PyObj[] = items;
  if (key !== null) {
    keys = new Array(n);
    for (let i = 0; i < n; i++) keys[i] = call1(key, items[i]);
  }
  if (key === null && sortMostlyDistinctStrs(items, reverse)) return;
  // Keys whose `<` runs no Python code (ints, strs without surrogates, tuples of those)
  // sort with a native or V8's stable sort: any stable sort gives the same result for them.
  const sorted = columnSortOrder(keys, reverse);
  if (sorted !== null) {
    if (sorted === "reversed") items.reverse();
    else if (sorted !== "in order") {
      const copy = items.slice();
      for (let i = 0; i < n; i++) items[i] = copy[sorted[i]];
    }
    return;
  }
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let allNumbers = true, allStrings = true;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (typeof k !== "number") allNumbers = false;
    if (typeof k !== "string") allStrings = false;
  }
  let cmp: ((a: number, b: number) => number) | null = null;
  let floats: Float64Array | null = null;
  if (!allNumbers && !allStrings) {
    // exact floats and ints without NaN: sort by value
    floats = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = plainNumber(keys[i]);
      if (v === null || v !== v) {
        floats = null;
        break;
      }
      floats[i] = v;
    }
  }
  if (allNumbers) {
    const ks = keys as number[];
    cmp = (a, b) => ks[a] - ks[b];
  } else if (floats !== null) {
    const fs = floats;
    cmp = (a, b) => (fs[a] < fs[b] ? -1 : fs[a] > fs[b] ? 1 : 0);
  } else if (allStrings && !keys.some((k) => /[\ud800-\udfff]/.test(k as string))) {
    const ks = keys as string[];
    cmp = (a, b) => (ks[a] < ks[b] ? -1 : ks[a] > ks[b] ? 1 : 0);
  } else if (keys.every(surrogateFree)) {
    cmp = (a, b) => {
      const c = fastCompare(keys[a], keys[b]);
      if (c === null) throw NOT_FAST;
      return c;
    };
  }
  if (cmp !== null) {
    try {
      if (reverse) {
        // stable reverse sort: reverse, stable ascending sort, reverse back (as CPython)
        order.reverse();
        order.sort(cmp);
        order.reverse();
      } else order.sort(cmp);
      const copy = items.slice();
      for (let i = 0; i < n; i++) items[i] = copy[order[i]];
      return;
    } catch (e) {
      if (e !== NOT_FAST) throw e;
    }
  }
  // Comparisons may run Python code: CPython's own algorithm, so that __lt__ is called
  // in CPython's order, once per comparison (listsort.ts).
  const ks = key === null ? items.slice() : keys;
  const vs = key === null ? null : items.slice();
  // floats (with NaNs, or mixed with ints): `<` on the values is Python's `<`
  const lt = ks.every((k) => plainNumber(k) !== null) ? floatLess : lessThan;
  try {
    cpythonSort(ks, vs, lt, reverse);
  } finally {
    const src = vs ?? ks;
    for (let i = 0; i < n; i++) items[i] = src[i];
  }
}
const floatLess = (a: PyObj, b: PyObj): boolean => plainNumber(a)! < plainNumber(b)!;
/** Thrown by the fast comparator when two keys need Python's `<` after all. */
const NOT_FAST = new Error("not fast-comparable");

const SURROGATE = /[\ud800-\udfff]/;

/**
 * Sorts a list of exact strs without surrogates, most of them distinct, with V8's own
 * string sort (UTF-16 unit order is code point order then; equal strs are
 * indistinguishable, so stability is moot); false, leaving `items` alone, for other lists.
 * Lists with many repeats do better with sortcolumns' ranks and counting sort.
 */
function sortMostlyDistinctStrs(items: PyObj[], reverse: boolean): boolean {
  const n = items.length;
  if (n < 64) return false;
  for (let i = 0; i < n; i++) {
    const s = items[i];
    if (typeof s !== "string" || SURROGATE.test(s)) return false;
  }
  if (new Set(items).size * 4 < n) return false;
  items.sort();
  if (reverse) items.reverse();
  return true;
}
/**
 * A three-way comparison consistent with `<` for ints, strs without surrogates and tuples
 * of those (one pass instead of two `<` calls per comparison); null for other values.
 */
function fastCompare(a: PyObj, b: PyObj): number | null {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof PyTuple && b instanceof PyTuple && a.type === tupleType && b.type === tupleType) {
    const x = a.items, y = b.items;
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      const c = fastCompare(x[i], y[i]);
      if (c === null) return null;
      if (c !== 0) return c;
    }
    return x.length - y.length;
  }
  if (a instanceof PyFloat || b instanceof PyFloat) {
    // exact floats (and ints) compare by value; NaN has no consistent order: slow path
    const x = plainNumber(a), y = plainNumber(b);
    if (x === null || y === null || x !== x || y !== y) return null;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return null;
}

/** The value of an exact float or a safe int; null otherwise. */
function plainNumber(v: PyObj): number | null {
  if (typeof v === "number") return v;
  if (v instanceof PyFloat && v.type === floatType) return v.value;
  return null;
}

/** True when no string in `v` (or in a tuple in `v`) holds a surrogate. */

function surrogateFree(v: PyObj): boolean {
  if (typeof v === "string") return !/[\ud800-\udfff]/.test(v);
  if (v instanceof PyTuple) return v.items.every(surrogateFree);
  return true;
}

function lessThan(a: PyObj, b: PyObj): boolean {
  if (typeof a === "number" && typeof b === "number") return a < b;
  const r = richCompare(a, b, 0);
  return typeof r === "boolean" ? r : isTrue(r);
}

// ---- slots and methods ----

export function installSequenceTypes(): void {
  // tuple
  tupleType.tp_alloc = (cls) => new PyTuple([], cls);
  tupleType.sq_length = (t) => (t as PyTuple).items.length;
  tupleType.tp_repr = (t) => {
    const items = (t as PyTuple).items;
    if (items.length === 1) return "(" + repr(items[0]) + ",)";
    return withReprGuard(t as PyObject, () => seqRepr(items, "(", ")"), "(...)");
  };
  tupleType.mp_subscript = (t, key) => {
    const items = (t as PyTuple).items;
    if (key instanceof PySlice) {
      const [start, stop, step, n] = sliceIndices(key, items.length);
      // an exact tuple sliced whole is itself (tuple_subscript)
      if (step === 1 && n === items.length && (t as PyTuple).type === tupleType) return t;
      return newTuple(takeItems(items, start, stop, step, n));
    }
    return items[seqIndex(items, key, "tuple")];
  };
  tupleType.sq_contains = (t, x) => {
    const items = (t as PyTuple).items;
    for (let i = 0; i < items.length; i++) if (eqIdentity(items[i], x)) return true;
    return false;
  };
  tupleType.tp_iter = (t) => new PySeqIter(tupleIterType, t as PyTuple);
  tupleType.tp_hash = (t) => {
    const tuple = t as PyTuple;
    if (tuple.hashLo >= 0) return tuple.hashHi * HASH_SPLIT + tuple.hashLo;
    hashTupleInto(tuple.items);
    const h = hashAsSlotNumber();
    if (itemsHashPurely(tuple.items)) {
      // slot numbers are integers below 2**53 in magnitude: hi fits in 27 bits, lo in 27
      const hi = Math.floor(h / HASH_SPLIT);
      tuple.hashHi = hi;
      tuple.hashLo = h - hi * HASH_SPLIT;
    }
    return h;
  };
  registerExactHash(tupleType.tp_hash, (t) => hashTupleInto((t as PyTuple).items));
  tupleType.tp_richcompare = (a, b, op) => {
    if (!(b instanceof PyTuple)) return NotImplemented;
    return compareSequences((a as PyTuple).items, b.items, op);
  };
  tupleType.nb_binary[NB.ADD] = (a, b) => {
    if (!(a instanceof PyTuple) || !(b instanceof PyTuple)) return NotImplemented;
    // Immutable: an exact tuple plus an empty one is itself (tuple_concat).
    if (b.items.length === 0 && a.type === tupleType) return a;
    if (a.items.length === 0 && b.type === tupleType) return b;
    return newTuple(a.items.concat(b.items));
  };
  const tupleRepeat = (t: PyTuple, count: PyObj): PyObj => {
    const n = repeatCount(count);
    if (n === null) return NotImplemented;
    // Immutable: an exact tuple repeated once (or empty) is itself (tuple_repeat).
    if ((n === 1 || t.items.length === 0) && t.type === tupleType) return t;
    return newTuple(repeatItems(t.items, n));
  };
  tupleType.nb_binary[NB.MULTIPLY] = (a, b) => {
    if (a instanceof PyTuple) return tupleRepeat(a, b);
    if (b instanceof PyTuple) return tupleRepeat(b, a);
    return NotImplemented;
  };
  defineMethod(tupleType, "__getnewargs__", (self) => newTuple([newTuple((self as PyTuple).items.slice())]));
  defineMethod(tupleType, "index", (self, args, kw) => {
    argCount("index", args, kw, 1, 3);
    return itemsIndex((self as PyTuple).items, args, "tuple.index(x): x not in tuple");
  });
  defineMethod(tupleType, "count", (self, args, kw) => {
    argCount("tuple.count", args, kw, 1, 1);
    let n = 0;
    for (const x of (self as PyTuple).items) if (eqIdentity(x, args[0])) n++;
    return n;
  });
  tupleType.tp_new = (cls, args, kw) => {
    if (kw !== null && kw.length > 0) throw typeError("tuple() takes no keyword arguments");
    if (args.length > 1) throw typeError(`tuple expected at most 1 argument, got ${args.length}`);
    const items = args.length === 0 ? [] : toArray(args[0]);
    if (cls === tupleType) {
      if (args.length === 1 && args[0] instanceof PyTuple && (args[0] as PyTuple).type === tupleType) return args[0];
      return newTuple(items);
    }
    return new PyTuple(items, cls);
  };

  // list
  listType.tp_alloc = (cls) => new PyList([], cls);
  listType.sq_length = (l) => (l as PyList).items.length;
  listType.tp_repr = (l) => withReprGuard(l as PyObject, () => seqRepr((l as PyList).items, "[", "]"), "[...]");
  listType.tp_hash = null;
  listType.dict.setStr("__hash__", None);
  listType.mp_subscript = (l, key) => {
    const items = (l as PyList).items;
    if (key instanceof PySlice) return new PyList(sliceItems(items, key));
    return items[seqIndex(items, key, "list")];
  };
  listType.mp_ass_subscript = (l, key, value) => {
    const list = l as PyList;
    if (key instanceof PySlice) {
      assignSlice(list, key, value);
      return;
    }
    if (value === null) {
      const i = seqIndex(list.items, key, "list assignment");
      list.items.splice(i, 1);
    } else {
      list.items[seqIndex(list.items, key, "list assignment")] = value;
    }
  };
  listType.sq_contains = (l, x) => {
    const items = (l as PyList).items;
    for (let i = 0; i < items.length; i++) if (eqIdentity(items[i], x)) return true;
    return false;
  };
  listType.tp_iter = (l) => new PySeqIter(listIterType, l as PyList);
  listType.tp_richcompare = (a, b, op) => {
    if (!(b instanceof PyList)) return NotImplemented;
    return compareLists(a as PyList, b, op);
  };
  listType.nb_binary[NB.ADD] = (a, b) => {
    if (!(a instanceof PyList) || !(b instanceof PyList)) return NotImplemented;
    return new PyList(a.items.concat(b.items));
  };
  listType.nb_binary[NB.MULTIPLY] = (a, b) => {
    if (a instanceof PyList) {
      const n = repeatCount(b);
      return n === null ? NotImplemented : new PyList(repeatItems(a.items, n));
    }
    if (b instanceof PyList) {
      const n = repeatCount(a);
      return n === null ? NotImplemented : new PyList(repeatItems(b.items, n));
    }
    return NotImplemented;
  };
  listType.nb_inplace[NB.ADD] = (a, b) => {
    const list = a as PyList;
    const add = b === a ? list.items.slice() : toArray(b);
    for (let i = 0; i < add.length; i++) list.items.push(add[i]);
    return a;
  };
  listType.nb_inplace[NB.MULTIPLY] = (a, b) => {
    const n = repeatCount(b);
    if (n === null) return NotImplemented;
    const list = a as PyList;
    list.items = repeatItems(list.items, n);
    return a;
  };
  listType.tp_new = (cls) => new PyList([], cls);
  listType.tp_init = (self, args, kw) => {
    const nkw = kw === null ? 0 : kw.length;
    // As list___init__: keywords are refused unless a subclass has its own __new__.
    const t = typeOf(self);
    if (nkw > 0 && (t === listType || t.tp_new === listType.tp_new)) throw typeError("list() takes no keyword arguments");
    const npos = args.length - nkw;
    if (npos > 1) throw typeError(`list expected at most 1 argument, got ${npos}`);
    (self as PyList).items = npos === 0 ? [] : toArray(args[0]);
  };
  const L = (o: PyObj) => (o as PyList).items;
  defineMethod(listType, "append", (self, args, kw) => {
    argCount("list.append", args, kw, 1, 1);
    L(self).push(args[0]);
    return None;
  });
  defineFastPaths(listType, "append", null, (self, x) => {
    L(self).push(x);
    return None;
  }, null);
  defineMethod(listType, "extend", (self, args, kw) => {
    argCount("list.extend", args, kw, 1, 1);
    const add = args[0] === self ? L(self).slice() : toArray(args[0]);
    const items = L(self);
    for (let i = 0; i < add.length; i++) items.push(add[i]);
    return None;
  });
  defineMethod(listType, "pop", (self, args, kw) => {
    argCount("pop", args, kw, 0, 1);
    const items = L(self);
    if (items.length === 0) throw indexError("pop from empty list");
    if (args.length === 0) return items.pop()!;
    let i = ssizeIndex(args[0]);
    if (i < 0) i += items.length;
    if (i < 0 || i >= items.length) throw indexError("pop index out of range");
    // shift: V8 moves the start of a large backing store instead of copying (pop(0) of
    // a queue is O(1) then; splice copies every item each time)
    if (i === 0) return items.shift()!;
    if (i === items.length - 1) return items.pop()!;
    return items.splice(i, 1)[0];
  });
  defineFastPaths(listType, "pop", (self) => {
    const items = L(self);
    if (items.length === 0) throw indexError("pop from empty list");
    return items.pop()!;
  }, null, null);
  defineMethod(listType, "insert", (self, args, kw) => {
    argCount("insert", args, kw, 2, 2);
    const items = L(self);
    const n = items.length;
    let at = ssizeIndex(args[0]);
    if (at < 0) at = Math.max(0, at + n);
    else if (at > n) at = n;
    items.splice(at, 0, args[1]);
    return None;
  });
  defineMethod(listType, "remove", (self, args, kw) => {
    argCount("list.remove", args, kw, 1, 1);
    const items = L(self);
    for (let i = 0; i < items.length; i++) {
      if (eqIdentity(items[i], args[0])) {
        items.splice(i, 1);
        return None;
      }
    }
    throw valueError("list.remove(x): x not in list");
  });
  defineMethod(listType, "index", (self, args, kw) => {
    argCount("index", args, kw, 1, 3);
    return itemsIndex(L(self), args, `${repr(args[0])} is not in list`);
  });
  defineMethod(listType, "count", (self, args, kw) => {
    argCount("list.count", args, kw, 1, 1);
    let n = 0;
    for (const x of L(self)) if (eqIdentity(x, args[0])) n++;
    return n;
  });
  defineMethod(listType, "clear", (self, args, kw) => {
    argCount("list.clear", args, kw, 0, 0);
    (self as PyList).items = [];
    return None;
  });
  defineMethod(listType, "copy", (self, args, kw) => {
    argCount("list.copy", args, kw, 0, 0);
    return new PyList(L(self).slice());
  });
  defineMethod(listType, "reverse", (self, args, kw) => {
    argCount("list.reverse", args, kw, 0, 0);
    L(self).reverse();
    return None;
  });
  defineMethod(listType, "sort", (self, args, kw) => {
    if (args.length > 2) throw typeError(`sort() takes at most 2 arguments (${args.length} given)`);
    if (args.length > (kw?.length ?? 0)) throw typeError("sort() takes no positional arguments");
    let key: PyObj | null = null;
    let reverse = false;
    if (kw !== null) {
      for (let i = 0; i < kw.length; i++) {
        const v = args[i];
        if (kw[i] === "key") key = v === None ? null : v;
        else if (kw[i] === "reverse") reverse = isTrue(v);
        else throw typeError(`sort() got an unexpected keyword argument '${kw[i]}'`);
      }
    }
    const list = self as PyList;
    const items = list.items;
    // The list looks empty while sorting (CPython); a change by key/__lt__ is reported
    // after the sort, unless the sort itself failed.
    list.items = [];
    let ok = false;
    try {
      sortItems(items, key, reverse);
      ok = true;
    } finally {
      const modified = list.items.length > 0;
      list.items = items;
      if (modified && ok) throw valueError("list modified during sort");
    }
    return None;
  });
  defineMethod(listType, "__reversed__", (self) => new PyListRevIter(self as PyList, L(self).length - 1));

  // iterators
  for (const t of [listIterType, tupleIterType]) {
    t.tp_iter = (it) => it;
    t.tp_iternext = (it) => {
      const s = it as PySeqIter;
      const items = s.seq.items;
      if (s.index < items.length) return items[s.index++];
      s.index = Number.MAX_SAFE_INTEGER;
      // Let go of the sequence: a finished iterator must not keep it alive.
      s.seq = s.seq instanceof PyList ? EXHAUSTED_LIST : EMPTY_TUPLE;
      return null;
    };
    defineMethod(t, "__length_hint__", (it) => {
      const s = it as PySeqIter;
      return Math.max(0, s.seq.items.length - s.index);
    });
  }
  listRevIterType.tp_iter = (it) => it;
  defineMethod(listRevIterType, "__length_hint__", (it) => {
    const r = it as PyListRevIter;
    return r.index >= 0 && r.index < r.list.items.length ? r.index + 1 : 0;
  });
  listRevIterType.tp_iternext = (it) => {
    const r = it as PyListRevIter;
    if (r.index >= 0 && r.index < r.list.items.length) return r.list.items[r.index--];
    r.index = -1;
    r.list = EXHAUSTED_LIST;
    return null;
  };
  // slice
  sliceType.tp_new = (_cls, args, kw) => {
    argCount("slice", args, kw, 1, 3);
    if (args.length === 1) return new PySlice(None, args[0], None);
    return new PySlice(args[0], args[1], args.length > 2 ? args[2] : None);
  };
  sliceType.tp_repr = (s) => {
    const sl = s as PySlice;
    return `slice(${repr(sl.start)}, ${repr(sl.stop)}, ${repr(sl.step)})`;
  };
  sliceType.tp_richcompare = (a, b, op) => {
    if (!(b instanceof PySlice)) return NotImplemented;
    const x = a as PySlice;
    return compareSequences([x.start, x.stop, x.step], [b.start, b.stop, b.step], op);
  };
  defineGetSet(sliceType, "start", (s) => (s as PySlice).start);
  defineGetSet(sliceType, "stop", (s) => (s as PySlice).stop);
  defineGetSet(sliceType, "step", (s) => (s as PySlice).step);
  defineMethod(sliceType, "indices", (s, args) => {
    if (args.length !== 1) throw typeError(`slice.indices() takes exactly one argument (${args.length} given)`);
    const n = index(args[0]);
    if (n < 0) throw valueError("length should not be negative");
    return newTuple(sliceIndicesLong(s as PySlice, n));
  });
  // hashable since 3.12: the tuple hash of (start, stop, step)
  sliceType.tp_hash = (s) => {
    hashTupleInto([(s as PySlice).start, (s as PySlice).stop, (s as PySlice).step], false);
    return hashAsSlotNumber();
  };
  registerExactHash(sliceType.tp_hash, (s) => hashTupleInto([(s as PySlice).start, (s as PySlice).stop, (s as PySlice).step], false));

  installRangeType();
  void NB_COUNT;
  void PyFloat;
}

function assignSlice(list: PyList, s: PySlice, value: PyObj | null): void {
  // The new items first, then the indices: iterating `value` may resize the list (gh-120384).
  let repl: PyObj[] = [];
  if (value !== null && value !== list) {
    const vt = typeOf(value);
    if (vt.tp_iter === null && vt.mp_subscript === null) throw typeError("must assign iterable to extended slice");
    repl = toArray(value);
  } else if (value === list) {
    repl = list.items.slice();
  }
  const items = list.items;
  const [start, stop, step, n] = sliceIndices(s, items.length);
  if (step === 1) {
    const end = Math.max(start, stop);
    if (repl.length < 10000) items.splice(start, end - start, ...repl);
    else list.items = items.slice(0, start).concat(repl, items.slice(end));
    return;
  }
  if (value === null) {
    const drop = new Set<number>();
    for (let i = 0, j = start; i < n; i++, j += step) drop.add(j);
    list.items = items.filter((_, i) => !drop.has(i));
    return;
  }
  if (repl.length !== n) {
    throw valueError(`attempt to assign sequence of size ${repl.length} to extended slice of size ${n}`);
  }
  for (let i = 0, j = start; i < n; i++, j += step) items[j] = repl[i];
}
