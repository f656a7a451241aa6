// Marks frozenset constants that a compiler built from source (rather than marshal read
// from a .pyc). CPython builds such a constant twice — PyFrozenSet_New(items in source
// order), then again from that set's iteration order when the compiler merges constants
// (merge_consts_recursive) — while a .pyc's frozenset is built once, from marshal's sorted
// order. The VM needs to know which, to reproduce CPython's set iteration order.
import type { PySetValue } from "./values.js";

const fromSource = new WeakSet<PySetValue>();

/** Called by the compiler for each frozenset constant it makes. */
export function markSourceFrozenset(v: PySetValue): PySetValue {
  fromSource.add(v);
  return v;
}

export function isSourceFrozenset(v: PySetValue): boolean {
  return fromSource.has(v);
}
