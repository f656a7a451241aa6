// Fast stable sorting of keys whose `<` runs no Python code: ints, and tuples of one
// shape (`key=lambda kv: (-kv[1], kv[0])`, possibly nested) whose leaves are, position
// by position, all numbers or all strs. Each leaf position becomes a Float64Array column
// (strs replaced by their rank among the column's distinct values). When every column
// holds integers with a small enough range, a whole key packs into one number together
// with its original index, and a native typed-array sort does the work without calling
// back into JS; otherwise the columns are compared number by number.
//
// Why this gives exactly Python's order: same-shaped tuples compare lexicographically
// leaf by leaf in preorder; ints and floats without NaN compare by value (safe ints are
// exact doubles), strs without surrogates compare by UTF-16 units (= code points), and a
// rank preserves that order. Nothing here runs Python code, so any stable sort yields
// CPython's result (list.sort is stable, also with reverse=True).
import { PyObj, PyFloat, floatType, tupleType } from "./core.js";

/** Below this many keys the columns cost more than they save. */
const MIN_KEYS = 16;
/** Packed keys are exact below 2**53. */
const PACK_LIMIT = 9007199254740992;

type Items = { items: PyObj[] };

const isExactTuple = (v: PyObj): boolean => typeof v === "object" && v.type === tupleType;

/**
 * The shape of a key in preorder: for each tuple node its length, for each leaf -1.
 * Returns false when the nesting is deeper than a sane limit.
 */
function describeShape(v: PyObj, shape: number[], depth: number): boolean {
  if (!isExactTuple(v)) {
    shape.push(-1);
    return true;
  }
  if (depth > 8) return false;
  const items = (v as unknown as Items).items;
  shape.push(items.length);
  for (let i = 0; i < items.length; i++) if (!describeShape(items[i], shape, depth + 1)) return false;
  return true;
}

/** Leaves of the key being taken apart (reused: no allocation per key). */
let leaves: PyObj[] = [];
let leafCount = 0;

/** Collects the leaves of `v` (of shape `shape` from `at`) into `leaves`; -1 on a mismatch. */
function collectLeaves(v: PyObj, shape: readonly number[], at: number): number {
  const want = shape[at];
  if (want === -1) {
    if (isExactTuple(v)) return -1;
    leaves[leafCount++] = v;
    return at + 1;
  }
  if (!isExactTuple(v)) return -1;
  const items = (v as unknown as Items).items;
  if (items.length !== want) return -1;
  let next = at + 1;
  for (let i = 0; i < items.length && next >= 0; i++) next = collectLeaves(items[i], shape, next);
  return next;
}

const surrogate = /[\ud800-\udfff]/;

/** The leaf as a comparable number, or null when it is neither an int nor a non-NaN exact float. */
function leafNumber(v: PyObj): number | null {
  if (typeof v === "number") return v;
  if (v instanceof PyFloat && v.type === floatType && v.value === v.value) return v.value;
  return null;
}

/** One Float64Array per leaf position, or null when the keys do not qualify. */
function buildColumns(keys: readonly PyObj[]): Float64Array[] | null {
  const n = keys.length;
  if (typeof keys[0] === "number") {
    // plain ints (the usual sorted(list_of_ints)): one column, no shape to follow
    const col = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const v = keys[r];
      if (typeof v !== "number") return null;
      col[r] = v;
    }
    return [col];
  }
  const shape: number[] = [];
  if (!describeShape(keys[0], shape, 0)) return null;
  let width = 0;
  for (let i = 0; i < shape.length; i++) if (shape[i] === -1) width++;
  if (width === 0) return null;
  const columns: Float64Array[] = [];
  // A str column first holds each str's id (order of first appearance) in `columns`;
  // the ids become ranks once the distinct strs are sorted.
  const strColumns: (Map<string, number> | null)[] = [];
  for (let c = 0; c < width; c++) {
    columns.push(new Float64Array(n));
    strColumns.push(null);
  }
  if (leaves.length < width) leaves = new Array<PyObj>(width);
  try {
    for (let r = 0; r < n; r++) {
      leafCount = 0;
      if (collectLeaves(keys[r], shape, 0) !== shape.length) return null;
      for (let c = 0; c < width; c++) {
        const v = leaves[c];
        if (typeof v === "string") {
          let ids = strColumns[c];
          if (ids === null) {
            if (r !== 0) return null; // numbers above: a mixed column
            ids = strColumns[c] = new Map();
          }
          let id = ids.get(v);
          if (id === undefined) {
            id = ids.size;
            ids.set(v, id);
          }
          columns[c][r] = id;
        } else {
          if (strColumns[c] !== null) return null;
          const x = leafNumber(v);
          if (x === null) return null;
          columns[c][r] = x;
        }
      }
    }
  } finally {
    leaves.fill(null as unknown as PyObj, 0, width); // hold no Python objects
  }
  for (let c = 0; c < width; c++) {
    const ids = strColumns[c];
    if (ids === null) continue;
    const distinct = Array.from(ids.keys());
    for (let i = 0; i < distinct.length; i++) if (surrogate.test(distinct[i])) return null;
    distinct.sort(); // UTF-16 unit order = code point order without surrogates
    const rankOfId = new Float64Array(distinct.length);
    for (let i = 0; i < distinct.length; i++) rankOfId[ids.get(distinct[i])!] = i;
    const col = columns[c];
    for (let r = 0; r < n; r++) col[r] = rankOfId[col[r]];
  }
  return columns;
}

/**
 * Packs each key (all columns integral, total range times n below 2**53) with its index
 * into one number and sorts those natively; null when the ranges are too wide.
 */
function packedOrder(columns: readonly Float64Array[], n: number, reverse: boolean): number[] | null {
  const width = columns.length;
  const mins = new Float64Array(width), ranges = new Float64Array(width);
  let span = n;
  for (let c = 0; c < width; c++) {
    const col = columns[c];
    let lo = col[0], hi = col[0];
    for (let r = 0; r < n; r++) {
      const x = col[r];
      if (!Number.isInteger(x)) return null;
      if (x < lo) lo = x;
      else if (x > hi) hi = x;
    }
    mins[c] = lo;
    ranges[c] = hi - lo + 1;
    span *= ranges[c];
    if (span > PACK_LIMIT) return null;
  }
  const keySpan = span / n;
  const packed = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let k = 0;
    for (let c = 0; c < width; c++) k = k * ranges[c] + (columns[c][r] - mins[c]);
    // Descending keys for reverse, ties still in their original order (CPython's stable reverse).
    packed[r] = reverse ? keySpan - 1 - k : k;
  }
  const order = new Array<number>(n);
  if (keySpan <= 2 * n + 1024) {
    // few distinct key values: a counting sort (stable, linear)
    const starts = new Int32Array(keySpan + 1);
    for (let r = 0; r < n; r++) starts[packed[r] + 1]++;
    for (let k = 1; k <= keySpan; k++) starts[k] += starts[k - 1];
    for (let r = 0; r < n; r++) order[starts[packed[r]]++] = r;
    return order;
  }
  for (let r = 0; r < n; r++) packed[r] = packed[r] * n + r;
  packed.sort();
  for (let r = 0; r < n; r++) order[r] = packed[r] % n;
  return order;
}

/** A three-way comparator over key indexes on the columns. */
function columnsComparator(columns: readonly Float64Array[]): (a: number, b: number) => number {
  const width = columns.length;
  if (width === 1) {
    const c0 = columns[0];
    return (a, b) => (c0[a] < c0[b] ? -1 : c0[a] > c0[b] ? 1 : 0);
  }
  if (width === 2) {
    const c0 = columns[0], c1 = columns[1];
    return (a, b) => {
      const x = c0[a], y = c0[b];
      if (x !== y) return x < y ? -1 : 1;
      const u = c1[a], v = c1[b];
      return u < v ? -1 : u > v ? 1 : 0;
    };
  }
  return (a, b) => {
    for (let c = 0; c < width; c++) {
      const col = columns[c];
      const x = col[a], y = col[b];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

/**
 * The order of keys that already form one run, as timsort's first count_run finds it:
 * already in the wanted order (ties included: stable) or strictly against it (reversed);
 * null otherwise (found after a few keys for unordered data).
 */
function wholeRunOrder(cmp: (a: number, b: number) => number, n: number, reverse: boolean): SortOrder | null {
  let inOrder = true, strictlyAgainst = true;
  for (let i = 1; i < n; i++) {
    const c = reverse ? cmp(i, i - 1) : cmp(i - 1, i);
    if (c > 0) inOrder = false;
    else strictlyAgainst = false;
    if (!inOrder && !strictlyAgainst) return null;
  }
  return inOrder ? "in order" : "reversed";
}

/** Original indexes in sorted order, or the two orders that need no index array. */
export type SortOrder = number[] | "in order" | "reversed";

/**
 * The stable sorted order (original indexes, in `reverse` order if asked) of keys that
 * are ints/exact floats or same-shaped tuples of numbers/strs; null for other keys.
 */
export function columnSortOrder(keys: readonly PyObj[], reverse: boolean): SortOrder | null {
  const n = keys.length;
  if (n < MIN_KEYS) return null;
  const columns = buildColumns(keys);
  if (columns === null) return null;
  const cmp = columnsComparator(columns);
  const run = wholeRunOrder(cmp, n, reverse);
  if (run !== null) return run;
  const packed = packedOrder(columns, n, reverse);
  if (packed !== null) return packed;
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (reverse) {
    // stable reverse sort: reverse, stable ascending sort, reverse back (as CPython)
    order.reverse();
    order.sort(cmp);
    order.reverse();
  } else order.sort(cmp);
  return order;
}
