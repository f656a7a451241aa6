// container[start:stop] (BINARY_SLICE) for the common cases, without building a slice
// object: an exact str, list or tuple with int or None bounds. Everything else (and a
// str with surrogates, whose indexes count code points) takes the general path,
// getItem(container, slice(start, stop)), which is what CPython's BINARY_SLICE does.
import { PyObj, None, listType, tupleType } from "./core.js";
import { getItem, hasSurrogates } from "./abstract.js";
import { PyList, PyTuple, PySlice, newTuple } from "./sequence.js";

/** A step-1 slice bound clamped to [0, length] (None: `dflt`). */
function bound(v: number | null, length: number, dflt: number): number {
  if (v === null) return dflt;
  if (v < 0) {
    v += length;
    return v < 0 ? 0 : v;
  }
  return v > length ? length : v;
}

export function getSlice(container: PyObj, start: PyObj, stop: PyObj): PyObj {
  const a = typeof start === "number" ? start : start === None ? null : undefined;
  const b = typeof stop === "number" ? stop : stop === None ? null : undefined;
  if (a !== undefined && b !== undefined) {
    if (typeof container === "string") {
      if (!hasSurrogates(container)) {
        const n = container.length;
        const i = bound(a, n, 0), j = bound(b, n, n);
        return j > i ? container.slice(i, j) : "";
      }
    } else if (container instanceof PyList && container.type === listType) {
      const items = container.items, n = items.length;
      const i = bound(a, n, 0), j = bound(b, n, n);
      return new PyList(j > i ? items.slice(i, j) : []);
    } else if (container instanceof PyTuple && container.type === tupleType) {
      const items = container.items, n = items.length;
      const i = bound(a, n, 0), j = bound(b, n, n);
      if (i === 0 && j === n) return container; // CPython returns the tuple itself
      return newTuple(j > i ? items.slice(i, j) : []);
    }
  }
  return getItem(container, new PySlice(start, stop, None));
}
