// __reduce__ and __setstate__ of the builtin iterators (listobject.c, tupleobject.c,
// rangeobject.c, unicodeobject.c, bytesobject.c, dictobject.c, setobject.c, iterobject.c,
// enumobject.c, bltinmodule.c): what pickle and copy need to rebuild an iterator at its
// position. Most reduce to `iter(<the sequence>)` plus the index as state; those over
// mutable hash tables reduce to an iterator over a list of what is left. Lives here, not in
// objects/, because the reductions name the builtin function `iter`.
import { PyObj, None, typeOf, normInt } from "../objects/core.js";
import { defineMethod, builtinFunctionType, PyBuiltinFunction } from "../objects/descr.js";
import { isModule } from "../objects/misc.js";
import { call, index, len, isTrue } from "../objects/abstract.js";
import { newTuple, PyList, PyTuple, EMPTY_TUPLE, PySeqIter, PyListRevIter, listIterType, tupleIterType, listRevIterType } from "../objects/sequence.js";
import { PyStrIter, strIterType } from "../objects/str.js";
import { PyBytes, PyBytesIter, bytesIterType, bytearrayIterType } from "../objects/bytes.js";
import { PyRangeIter, PyLongRangeIter, rangeIterType, longRangeIterType, rangeType } from "../objects/range.js";
import { PyDictIter, dictKeyIterType, dictValueIterType, dictItemIterType, dictRevIterTypes } from "../objects/dictobject.js";
import { PySetIter, setIterType } from "../objects/set.js";
import {
  PyEnumerate, PyZip, PyMap, PyFilter, PyReversed, PySeqIterGeneric, PyCallableIter,
  enumerateType, zipType, mapType, filterType, reversedType, seqIterType, callableIterType,
} from "../objects/iterators.js";
import type { Interpreter } from "./interp.js";

/** A state argument as a Py_ssize_t (PyLong_AsSsize_t; huge values clip like CPython's clamps). */
function stateIndex(state: PyObj): number {
  const i = index(state);
  return typeof i === "bigint" ? (i < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER) : i;
}

function clamp(i: number, lo: number, hi: number): number {
  return i < lo ? lo : i > hi ? hi : i;
}

/** Code points of `s` before JS index `pos` (str iterators count code points). */
function codePointsBefore(s: string, pos: number): number {
  let n = 0;
  for (let i = 0; i < pos; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < pos) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/** The JS index of code point `n` of `s`. */
function jsIndexOfCodePoint(s: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return i;
}

/** What an iterator still has to give, read from a copy so that it does not advance. */
function remaining(copy: PyObj): PyList {
  const next = typeOf(copy).tp_iternext!;
  const out: PyObj[] = [];
  for (let x = next(copy); x !== null; x = next(copy)) out.push(x);
  return new PyList(out);
}

export function installIteratorReduce(interp: Interpreter): void {
  const iterFn = (): PyObj => interp.builtins.getStr("iter")!;
  const reduceTo = (fn: PyObj, arg: PyObj, state?: PyObj): PyTuple =>
    newTuple(state === undefined ? [fn, newTuple([arg])] : [fn, newTuple([arg]), state]);

  // Builtin functions (meth_reduce): a module function by name, a bound method as getattr(self, name).
  defineMethod(builtinFunctionType, "__reduce__", (f) => {
    const fn = f as PyBuiltinFunction;
    if (fn.self === null || isModule(fn.self)) return fn.name;
    return newTuple([interp.builtins.getStr("getattr")!, newTuple([fn.self, fn.name])]);
  });

  // list and tuple iterators: an index into the sequence; exhausted, an empty one.
  for (const t of [listIterType, tupleIterType]) {
    const empty = (): PyObj => (t === listIterType ? new PyList([]) : EMPTY_TUPLE);
    defineMethod(t, "__reduce__", (self) => {
      const it = self as PySeqIter;
      if (it.index > it.seq.items.length) return reduceTo(iterFn(), empty());
      return reduceTo(iterFn(), it.seq, it.index);
    });
    defineMethod(t, "__setstate__", (self, args) => {
      const it = self as PySeqIter;
      const i = stateIndex(args[0]);
      // A negative index means exhausted (listiter_setstate).
      it.index = i < 0 && t === listIterType ? Number.MAX_SAFE_INTEGER : clamp(i, 0, it.seq.items.length);
      return None;
    });
  }
  defineMethod(listRevIterType, "__reduce__", (self) => {
    const it = self as PyListRevIter;
    if (it.index < 0 || it.index >= it.list.items.length) return reduceTo(reversedType, new PyList([]));
    return reduceTo(reversedType, it.list, it.index);
  });
  defineMethod(listRevIterType, "__setstate__", (self, args) => {
    const it = self as PyListRevIter;
    it.index = clamp(stateIndex(args[0]), -1, it.list.items.length - 1);
    return None;
  });

  // range iterators: a range over what is left.
  defineMethod(rangeIterType, "__reduce__", (self) => {
    const it = self as PyRangeIter;
    const stop = it.next + it.remaining * it.step;
    return reduceTo(iterFn(), call(rangeType, [it.next, stop, it.step]), None);
  });
  defineMethod(rangeIterType, "__setstate__", (self, args) => {
    const it = self as PyRangeIter;
    const i = clamp(stateIndex(args[0]), 0, it.remaining);
    it.next += i * it.step;
    it.remaining -= i;
    return None;
  });
  defineMethod(longRangeIterType, "__reduce__", (self) => {
    const it = self as PyLongRangeIter;
    const stop = it.next + it.remaining * it.step;
    return reduceTo(iterFn(), call(rangeType, [normInt(it.next), normInt(stop), normInt(it.step)]), None);
  });
  defineMethod(longRangeIterType, "__setstate__", (self, args) => {
    const it = self as PyLongRangeIter;
    let i = BigInt(index(args[0]));
    if (i < 0n) i = 0n;
    if (i > it.remaining) i = it.remaining;
    it.next += i * it.step;
    it.remaining -= i;
    return None;
  });

  // str iterators count code points.
  defineMethod(strIterType, "__reduce__", (self) => {
    const it = self as PyStrIter;
    if (it.pos >= it.s.length) return reduceTo(iterFn(), "");
    return reduceTo(iterFn(), it.s, codePointsBefore(it.s, it.pos));
  });
  defineMethod(strIterType, "__setstate__", (self, args) => {
    const it = self as PyStrIter;
    it.pos = jsIndexOfCodePoint(it.s, Math.max(0, stateIndex(args[0])));
    return None;
  });

  // bytes and bytearray iterators.
  for (const t of [bytesIterType, bytearrayIterType]) {
    defineMethod(t, "__reduce__", (self) => {
      const it = self as PyBytesIter;
      if (it.pos >= it.src.bytes.length) return reduceTo(iterFn(), EMPTY_TUPLE);
      return reduceTo(iterFn(), it.src as PyBytes, it.pos);
    });
    defineMethod(t, "__setstate__", (self, args) => {
      const it = self as PyBytesIter;
      it.pos = clamp(stateIndex(args[0]), 0, it.src.bytes.length);
      return None;
    });
  }

  // dict and set iterators: an iterator over a list of what is left.
  for (const t of [dictKeyIterType, dictValueIterType, dictItemIterType, ...dictRevIterTypes]) {
    defineMethod(t, "__reduce__", (self) => {
      const it = self as PyDictIter;
      const copy = new PyDictIter(it.type, it.dict, it.reversed);
      copy.pos = it.pos;
      Object.assign(copy, { size: it.size, version: it.version });
      return reduceTo(iterFn(), remaining(copy));
    });
  }
  defineMethod(setIterType.type, "__reduce__", (self) => {
    const it = self as PySetIter;
    if (it.set === null) return reduceTo(iterFn(), new PyList([]));
    const copy = new PySetIter(it.type, it.set);
    copy.pos = it.pos;
    copy.expectedUsed = it.expectedUsed;
    return reduceTo(iterFn(), remaining(copy));
  });

  // The generic iterators of iterobject.c.
  defineMethod(seqIterType, "__reduce__", (self) => {
    const it = self as PySeqIterGeneric;
    if (it.seq === null) return reduceTo(iterFn(), EMPTY_TUPLE);
    return reduceTo(iterFn(), it.seq, it.index);
  });
  defineMethod(seqIterType, "__setstate__", (self, args) => {
    const it = self as PySeqIterGeneric;
    if (it.seq !== null) it.index = Math.max(0, stateIndex(args[0]));
    return None;
  });
  defineMethod(callableIterType, "__reduce__", (self) => {
    const it = self as PyCallableIter;
    if (it.fn === null) return reduceTo(iterFn(), EMPTY_TUPLE);
    return newTuple([iterFn(), newTuple([it.fn, it.sentinel])]);
  });

  // The iterator types of builtins: their own type and arguments.
  defineMethod(reversedType, "__reduce__", (self) => {
    const it = self as PyReversed;
    if (it.index < 0) return reduceTo(typeOf(self), EMPTY_TUPLE);
    return reduceTo(typeOf(self), it.seq, it.index);
  });
  defineMethod(reversedType, "__setstate__", (self, args) => {
    const it = self as PyReversed;
    if (it.index >= 0) it.index = clamp(stateIndex(args[0]), -1, Number(len(it.seq)) - 1);
    return None;
  });
  defineMethod(enumerateType, "__reduce__", (self) => {
    const it = self as PyEnumerate;
    return newTuple([typeOf(self), newTuple([it.it, it.count])]);
  });
  defineMethod(zipType, "__reduce__", (self) => {
    const it = self as PyZip;
    const args = newTuple(it.its.slice());
    return newTuple(it.strict ? [typeOf(self), args, true] : [typeOf(self), args]);
  });
  defineMethod(zipType, "__setstate__", (self, args) => {
    Object.assign(self as PyZip, { strict: isTrue(args[0]) });
    return None;
  });
  defineMethod(mapType, "__reduce__", (self) => {
    const it = self as PyMap;
    return newTuple([typeOf(self), newTuple([it.fn, ...it.its])]);
  });
  defineMethod(filterType, "__reduce__", (self) => {
    const it = self as PyFilter;
    return newTuple([typeOf(self), newTuple([it.fn, it.it])]);
  });
}
