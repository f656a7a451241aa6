// Sort keys that are tuples of one shape (`key=lambda kv: (-kv[1], kv[0])`, possibly
// nested) whose leaves are, position by position, all numbers or all strs: they are
// taken apart into one Float64Array per leaf position ("column"), strs replaced by their
// rank among the column's distinct values. Comparing two keys is then comparing numbers
// column by column, with no pointer chasing through tuples and strings.
//
// Why this gives exactly Python's order: two tuples of the same shape compare
// lexicographically leaf by leaf in preorder; ints and floats without NaN compare by
// value (safe ints are exact doubles), strs without surrogates compare by UTF-16 units
// (= code points), and a rank preserves that order. Nothing here runs Python code, so
// any stable sort yields CPython's result.
import { PyObj, PyFloat, floatType, tupleType } from "./core.js";

/** Below this many keys the columns cost more than they save. */
const MIN_KEYS = 16;

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

/** Collects the leaves of `v` (of shape `shape` from `at`) into `out`; -1 on a shape mismatch. */
function collectLeaves(v: PyObj, shape: readonly number[], at: number, out: PyObj[]): number {
  const want = shape[at];
  if (want === -1) {
    if (isExactTuple(v)) return -1;
    out.push(v);
    return at + 1;
  }
  if (!isExactTuple(v)) return -1;
  const items = (v as unknown as Items).items;
  if (items.length !== want) return -1;
  let next = at + 1;
  for (let i = 0; i < items.length && next >= 0; i++) next = collectLeaves(items[i], shape, next, out);
  return next;
}

const surrogate = /[\ud800-\udfff]/;

/** The leaf as a comparable number, or null when it is neither an int nor a non-NaN exact float. */
function leafNumber(v: PyObj): number | null {
  if (typeof v === "number") return v;
  if (v instanceof PyFloat && v.type === floatType && v.value === v.value) return v.value;
  return null;
}

/**
 * A three-way comparator over key indexes consistent with Python's `<` on `keys`, or null
 * when the keys are not same-shaped tuples of number/str columns.
 */
export function columnComparator(keys: readonly PyObj[]): ((a: number, b: number) => number) | null {
  const n = keys.length;
  if (n < MIN_KEYS || !isExactTuple(keys[0])) return null;
  const shape: number[] = [];
  if (!describeShape(keys[0], shape, 0)) return null;
  let width = 0;
  for (let i = 0; i < shape.length; i++) if (shape[i] === -1) width++;
  if (width === 0) return null;
  const columns: Float64Array[] = [];
  const strColumns: (string[] | null)[] = [];
  for (let c = 0; c < width; c++) {
    columns.push(new Float64Array(n));
    strColumns.push(null);
  }
  const leaves: PyObj[] = [];
  for (let r = 0; r < n; r++) {
    leaves.length = 0;
    if (collectLeaves(keys[r], shape, 0, leaves) !== shape.length) return null;
    for (let c = 0; c < width; c++) {
      const v = leaves[c];
      if (typeof v === "string") {
        let strs = strColumns[c];
        if (strs === null) {
          if (r !== 0) return null; // numbers above: mixed column
          strs = strColumns[c] = new Array<string>(n);
        }
        strs[r] = v;
      } else {
        if (strColumns[c] !== null) return null;
        const x = leafNumber(v);
        if (x === null) return null;
        columns[c][r] = x;
      }
    }
  }
  for (let c = 0; c < width; c++) {
    const strs = strColumns[c];
    if (strs === null) continue;
    const distinct = Array.from(new Set(strs));
    for (let i = 0; i < distinct.length; i++) if (surrogate.test(distinct[i])) return null;
    distinct.sort(); // UTF-16 unit order = code point order without surrogates
    const rank = new Map<string, number>();
    for (let i = 0; i < distinct.length; i++) rank.set(distinct[i], i);
    const col = columns[c];
    for (let r = 0; r < n; r++) col[r] = rank.get(strs[r])!;
  }
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
