// range (Objects/rangeobject.c) over arbitrary-precision ints: start/stop/step/length are
// ints (JS numbers while safe, bigints beyond). Iteration uses the number-only
// range_iterator when everything fits, else longrange_iterator, as CPython.
import { PyObject, PyObj, PyType, makeBuiltinType, objectType, None, NotImplemented, typeOf, normInt, TypeFlag } from "./core.js";
import { defineMethod, defineGetSet } from "./descr.js";
import { typeError, valueError, indexError, overflowError } from "./exceptions.js";
import { repr, index, getIter, iterNext, eqIdentity, eq } from "./abstract.js";
import { intValueOf, IntValue, intAdd, intSub, intMul, intCompare } from "./number.js";
import { PySlice, newTuple } from "./sequence.js";
import { hashTupleInto, hashAsSlotNumber, registerExactHash } from "./hash.js";

export const rangeType = makeBuiltinType("range", objectType, TypeFlag.SEQUENCE);
export const rangeIterType = makeBuiltinType("range_iterator", objectType, 0);
export const longRangeIterType = makeBuiltinType("longrange_iterator", objectType, 0);

export class PyRange extends PyObject {
  declare readonly start: IntValue;
  declare readonly stop: IntValue;
  declare readonly step: IntValue;
  declare readonly length: IntValue;
  constructor(start: IntValue, stop: IntValue, step: IntValue, length: IntValue) {
    super(rangeType);
    this.start = start;
    this.stop = stop;
    this.step = step;
    this.length = length;
  }
}

const big = (v: IntValue): bigint => (typeof v === "bigint" ? v : BigInt(v));

export function rangeLength(start: IntValue, stop: IntValue, step: IntValue): IntValue {
  if (typeof start === "number" && typeof stop === "number" && typeof step === "number") {
    if (step > 0) return start < stop ? Math.floor((stop - start - 1) / step) + 1 : 0;
    return start > stop ? Math.floor((start - stop - 1) / -step) + 1 : 0;
  }
  const a = big(start), b = big(stop), s = big(step);
  if (s > 0n) return a < b ? normInt((b - a - 1n) / s + 1n) : 0;
  return a > b ? normInt((a - b - 1n) / -s + 1n) : 0;
}

/** The number-only iterator (CPython's rangeiterobject). */
export class PyRangeIter extends PyObject {
  declare next: number;
  declare readonly step: number;
  declare remaining: number;
  constructor(next: number, step: number, remaining: number) {
    super(rangeIterType);
    this.next = next;
    this.step = step;
    this.remaining = remaining;
  }
}
export class PyLongRangeIter extends PyObject {
  declare next: bigint;
  declare readonly step: bigint;
  declare remaining: bigint;
  constructor(next: bigint, step: bigint, remaining: bigint) {
    super(longRangeIterType);
    this.next = next;
    this.step = step;
    this.remaining = remaining;
  }
}

/** An iterator from `first` by `step` for `len` items, the fast kind when all fit. */
function rangeIter(first: IntValue, step: IntValue, len: IntValue): PyObject {
  const last = len === 0 ? first : intAdd(first, intMul(step, intSub(len, 1)));
  if (typeof first === "number" && typeof step === "number" && typeof len === "number" && typeof last === "number") {
    return new PyRangeIter(first, step, len);
  }
  return new PyLongRangeIter(big(first), big(step), big(len));
}

/** The length as a C ssize_t (len(), __len__): OverflowError beyond sys.maxsize. */
function lengthAsSsize(r: PyRange): number {
  const n = r.length;
  if (typeof n === "bigint") {
    if (n > 9223372036854775807n) throw overflowError("Python int too large to convert to C ssize_t");
    throw overflowError("Python int too large to convert to C ssize_t");
  }
  return n;
}

/** range(...) argument: any __index__ object. */
function rangeArg(a: PyObj): IntValue {
  const t = typeOf(a);
  if (t.nb_index === null) throw typeError(`'${t.name}' object cannot be interpreted as an integer`);
  return index(a);
}

/** Item i of the range (i already in range). */
function item(r: PyRange, i: IntValue): IntValue {
  return intAdd(r.start, intMul(i, r.step));
}

/** Is the int v one of the range's values? (range_contains_long) */
function containsInt(r: PyRange, v: IntValue): boolean {
  const pos = intCompare(r.step, 0) > 0;
  if (pos) {
    if (intCompare(v, r.start) < 0 || intCompare(v, r.stop) >= 0) return false;
  } else if (intCompare(v, r.start) > 0 || intCompare(v, r.stop) <= 0) return false;
  const d = intSub(v, r.start);
  if (typeof d === "number" && typeof r.step === "number") return d % r.step === 0;
  return big(d) % big(r.step) === 0n;
}
const isExactInt = (x: PyObj): boolean => typeof x === "number" || typeof x === "bigint" || typeof x === "boolean";

/** slice.indices(n) for any int n >= 0. */
export function sliceIndicesLong(s: PySlice, length: IntValue): [IntValue, IntValue, IntValue] {
  return longSliceIndices(s, length);
}

/** PySlice_GetLongIndices: slice bounds for a (possibly huge) length. */
function longSliceIndices(s: PySlice, length: IntValue): [IntValue, IntValue, IntValue] {
  const len = big(length);
  let step = 1n;
  if (s.step !== None) {
    step = big(index(s.step));
    if (step === 0n) throw valueError("slice step cannot be zero");
  }
  const neg = step < 0n;
  const lower = neg ? -1n : 0n;
  const upper = neg ? len - 1n : len;
  const conv = (v: PyObj, def: bigint): bigint => {
    if (v === None) return def;
    if (typeOf(v).nb_index === null) throw typeError("slice indices must be integers or None or have an __index__ method");
    let x = big(index(v));
    if (x < 0n) {
      x += len;
      if (x < lower) x = lower;
    } else if (x > upper) x = upper;
    return x;
  };
  const start = conv(s.start, neg ? upper : lower);
  const stop = conv(s.stop, neg ? lower : upper);
  return [normInt(start), normInt(stop), normInt(step)];
}

function searchIter(r: PyRange, x: PyObj): number {
  // generic sequence search for non-int values (_PySequence_IterSearch)
  const it = getIter(r);
  let i = 0;
  for (let y = iterNext(it); y !== null; y = iterNext(it), i++) if (eqIdentity(y, x)) return i;
  return -1;
}

export function installRangeType(): void {
  rangeType.tp_new = (_cls, args, kw) => {
    if (kw !== null && kw.length > 0) throw typeError("range() takes no keyword arguments");
    if (args.length === 0) throw typeError("range expected at least 1 argument, got 0");
    if (args.length > 3) throw typeError(`range expected at most 3 arguments, got ${args.length}`);
    let start: IntValue = 0, stop: IntValue, step: IntValue = 1;
    if (args.length === 1) stop = rangeArg(args[0]);
    else {
      start = rangeArg(args[0]);
      stop = rangeArg(args[1]);
      if (args.length === 3) step = rangeArg(args[2]);
    }
    if (step === 0) throw valueError("range() arg 3 must not be zero");
    return new PyRange(start, stop, step, rangeLength(start, stop, step));
  };
  const R = (r: PyObj) => r as PyRange;
  rangeType.sq_length = (r) => lengthAsSsize(R(r));
  rangeType.nb_bool = (r) => R(r).length !== 0;
  rangeType.tp_iter = (r) => rangeIter(R(r).start, R(r).step, R(r).length);
  rangeType.tp_repr = (r) => {
    const g = R(r);
    return g.step === 1 ? `range(${repr(g.start)}, ${repr(g.stop)})` : `range(${repr(g.start)}, ${repr(g.stop)}, ${repr(g.step)})`;
  };
  rangeType.mp_subscript = (r, key) => {
    const g = R(r);
    if (key instanceof PySlice) {
      const [start, stop, step] = longSliceIndices(key, g.length);
      const s = item(g, start);
      const e = item(g, stop);
      const st = intMul(g.step, step);
      return new PyRange(s, e, st, rangeLength(s, e, st));
    }
    const t = typeOf(key);
    if (t.nb_index === null) throw typeError(`range indices must be integers or slices, not ${t.name}`);
    let i = index(key);
    if (intCompare(i, 0) < 0) i = intAdd(i, g.length);
    if (intCompare(i, 0) < 0 || intCompare(i, g.length) >= 0) throw indexError("range object index out of range");
    return item(g, i);
  };
  rangeType.sq_contains = (r, x) => {
    if (isExactInt(x)) return containsInt(R(r), intValueOf(x)!);
    return searchIter(R(r), x) >= 0;
  };
  rangeType.tp_richcompare = (a, b, op) => {
    if (!(b instanceof PyRange) || (op !== 2 && op !== 3)) return NotImplemented;
    const x = R(a);
    let same = a === b;
    if (!same) {
      same = eq(x.length, b.length);
      if (same && x.length !== 0) same = eq(x.start, b.start) && (x.length === 1 || eq(x.step, b.step));
    }
    return op === 2 ? same : !same;
  };
  const hashParts = (g: PyRange): PyObj[] => [g.length, g.length !== 0 ? g.start : None, g.length !== 0 && g.length !== 1 ? g.step : None];
  rangeType.tp_hash = (r) => {
    hashTupleInto(hashParts(R(r)));
    return hashAsSlotNumber();
  };
  registerExactHash(rangeType.tp_hash, (r) => hashTupleInto(hashParts(R(r))));
  defineGetSet(rangeType, "start", (r) => R(r).start);
  defineGetSet(rangeType, "stop", (r) => R(r).stop);
  defineGetSet(rangeType, "step", (r) => R(r).step);
  defineMethod(rangeType, "index", (r, args) => {
    if (args.length !== 1) throw typeError(`range.index() takes exactly one argument (${args.length} given)`);
    const g = R(r);
    const x = args[0];
    if (isExactInt(x)) {
      const v = intValueOf(x)!;
      if (containsInt(g, v)) {
        const d = intSub(v, g.start);
        return typeof d === "number" && typeof g.step === "number" ? d / g.step : normInt(big(d) / big(g.step));
      }
      throw valueError(`${repr(x)} is not in range`);
    }
    const i = searchIter(g, x);
    if (i < 0) throw valueError("sequence.index(x): x not in sequence");
    return i;
  });
  defineMethod(rangeType, "count", (r, args) => {
    if (args.length !== 1) throw typeError(`range.count() takes exactly one argument (${args.length} given)`);
    const x = args[0];
    if (isExactInt(x)) return containsInt(R(r), intValueOf(x)!) ? 1 : 0;
    let n = 0;
    const it = getIter(r);
    for (let y = iterNext(it); y !== null; y = iterNext(it)) if (eqIdentity(y, x)) n++;
    return n;
  });
  defineMethod(rangeType, "__reversed__", (r) => {
    const g = R(r);
    if (g.length === 0) return rangeIter(g.start, g.step, 0);
    const last = item(g, intSub(g.length, 1));
    return rangeIter(last, intSub(0, g.step), g.length);
  });
  defineMethod(rangeType, "__reduce__", (r) => newTuple([rangeType, newTuple([R(r).start, R(r).stop, R(r).step])]));

  rangeIterType.tp_iter = (it) => it;
  rangeIterType.tp_iternext = (it) => {
    const r = it as PyRangeIter;
    if (r.remaining <= 0) return null;
    const v = r.next;
    r.next = v + r.step;
    r.remaining--;
    return v;
  };
  defineMethod(rangeIterType, "__length_hint__", (it) => Math.max(0, (it as PyRangeIter).remaining));
  longRangeIterType.tp_iter = (it) => it;
  longRangeIterType.tp_iternext = (it) => {
    const r = it as PyLongRangeIter;
    if (r.remaining <= 0n) return null;
    const v = r.next;
    r.next = v + r.step;
    r.remaining--;
    return normInt(v);
  };
  defineMethod(longRangeIterType, "__length_hint__", (it) => normInt((it as PyLongRangeIter).remaining));
}

export type { PyType };
