// Python arithmetic on compile-time constants, for the AST optimizer's folding.
// Each function returns the Python result, or NO_FOLD where CPython would raise (or where
// we cannot be sure to reproduce CPython's value exactly), in which case nothing is folded.
import {
  PyBytesValue, PyComplexValue, PySetValue, PyTupleValue, type MarshalValue,
} from "../bytecode/values.js";

import { accuratePow } from "./floatPow.js";

export const NO_FOLD: unique symbol = Symbol("no fold");
export type Folded = MarshalValue | typeof NO_FOLD;

const MAX_INT_SIZE = 128;
const MAX_COLLECTION_SIZE = 256;
const MAX_STR_SIZE = 4096;
const MAX_TOTAL_ITEMS = 1024;
const EXACT = 2n ** 53n;

type Num = bigint | number | PyComplexValue;

function asInt(v: MarshalValue): bigint | null {
  if (typeof v === "bigint") return v;
  if (v === true) return 1n;
  if (v === false) return 0n;
  return null;
}

function isNumber(v: MarshalValue): boolean {
  return typeof v === "bigint" || typeof v === "boolean" || typeof v === "number" || v instanceof PyComplexValue;
}

function toNum(v: MarshalValue): Num {
  if (typeof v === "boolean") return v ? 1n : 0n;
  return v as Num;
}

function toFloat(v: bigint | number): number | null {
  if (typeof v === "number") return v;
  const f = Number(v);
  if (!Number.isFinite(f)) return null; // OverflowError
  return f;
}

function bitLength(v: bigint): number {
  if (v < 0n) v = -v;
  return v === 0n ? 0 : v.toString(2).length;
}

function strLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function complexOf(v: Num): PyComplexValue | null {
  if (v instanceof PyComplexValue) return v;
  const f = toFloat(v);
  return f === null ? null : new PyComplexValue(f, 0);
}

function floatMod(a: number, b: number): number | null {
  if (b === 0) return null;
  let mod = a % b;
  if (mod) {
    if ((b < 0) !== (mod < 0)) mod += b;
  } else {
    mod = b < 0 ? -0 : 0;
  }
  return mod;
}

function floatFloorDiv(a: number, b: number): number | null {
  if (b === 0) return null;
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod) {
    if ((b < 0) !== (mod < 0)) {
      mod += b;
      div -= 1;
    }
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    floordiv = Object.is(a / b, -0) || a / b < 0 ? -0 : 0;
  }
  return floordiv;
}

function intFloorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function intMod(a: bigint, b: bigint): bigint {
  const m = a % b;
  return m !== 0n && (m < 0n) !== (b < 0n) ? m + b : m;
}

function numericBinop(op: string, a: Num, b: Num): Folded {
  if (a instanceof PyComplexValue || b instanceof PyComplexValue) {
    const x = complexOf(a);
    const y = complexOf(b);
    if (!x || !y) return NO_FOLD;
    switch (op) {
      case "Add": return new PyComplexValue(x.real + y.real, x.imag + y.imag);
      case "Sub": return new PyComplexValue(x.real - y.real, x.imag - y.imag);
      case "Mult": return cProd(x, y);
      case "Div": {
        const q = cQuot(x, y);
        return q === null ? NO_FOLD : q;
      }
      case "Pow": {
        const p = cPow(x, y);
        if (p === null || !Number.isFinite(p.real) || !Number.isFinite(p.imag)) return NO_FOLD;
        return p;
      }
      default: return NO_FOLD;
    }
  }
  if (typeof a === "bigint" && typeof b === "bigint") {
    switch (op) {
      case "Add": return a + b;
      case "Sub": return a - b;
      case "Mult": return a * b;
      case "FloorDiv": return b === 0n ? NO_FOLD : intFloorDiv(a, b);
      case "Mod": return b === 0n ? NO_FOLD : intMod(a, b);
      case "Div": {
        if (b === 0n) return NO_FOLD;
        if (a <= EXACT && a >= -EXACT && b <= EXACT && b >= -EXACT) return Number(a) / Number(b);
        const q = intTrueDiv(a, b);
        return q === null ? NO_FOLD : q;
      }
      case "Pow": {
        if (b >= 0n) return a ** b;
        if (a === 0n) return NO_FOLD;
        // int ** negative int is float ** float in Python
        const fa = toFloat(a);
        if (fa === null) return NO_FOLD;
        const r = accuratePow(fa, Number(b));
        return r !== null && Number.isFinite(r) ? r : NO_FOLD;
      }
      case "LShift": return b < 0n ? NO_FOLD : a << b;
      case "RShift": return b < 0n ? NO_FOLD : a >> b;
      case "BitOr": return a | b;
      case "BitXor": return a ^ b;
      case "BitAnd": return a & b;
    }
    return NO_FOLD;
  }
  // float arithmetic (ints are converted first, correctly rounded, as Python does)
  const x = toFloat(a as bigint | number);
  const y = toFloat(b as bigint | number);
  if (x === null || y === null) return NO_FOLD;
  switch (op) {
    case "Add": return x + y;
    case "Sub": return x - y;
    case "Mult": return x * y;
    case "Div": return y === 0 ? NO_FOLD : x / y;
    case "FloorDiv": { const r = floatFloorDiv(x, y); return r === null ? NO_FOLD : r; }
    case "Mod": { const r = floatMod(x, y); return r === null ? NO_FOLD : r; }
    case "Pow": {
      if (x === 0 && y < 0) return NO_FOLD;
      if (x < 0 && !Number.isInteger(y) && Number.isFinite(y)) return complexPow(x, y);
      if (Number.isNaN(x) || Number.isNaN(y)) return NO_FOLD;
      const r = accuratePow(x, y);
      if (r === null || (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y))) return NO_FOLD;
      if (x === 1 || y === 0) return 1;
      return r;
    }
  }
  return NO_FOLD;
}

function repeat(n: bigint, seq: MarshalValue): Folded {
  if (n < 0n) n = 0n;
  const k = Number(n);
  if (typeof seq === "string") return seq.repeat(k);
  if (seq instanceof PyBytesValue) {
    const out = new Uint8Array(seq.bytes.length * k);
    for (let i = 0; i < k; i++) out.set(seq.bytes, i * seq.bytes.length);
    return new PyBytesValue(out);
  }
  if (seq instanceof PyTupleValue) {
    const items: MarshalValue[] = [];
    for (let i = 0; i < k; i++) items.push(...seq.items);
    return new PyTupleValue(items);
  }
  return NO_FOLD;
}

function totalItems(v: MarshalValue, limit: number): number {
  // check_complexity: counts items of nested tuples/frozensets
  let n = 0;
  const walk = (x: MarshalValue): boolean => {
    if (x instanceof PyTupleValue) {
      n += x.items.length;
      if (n > limit) return false;
      for (const y of x.items) if (!walk(y)) return false;
    } else if (x instanceof PySetValue) {
      n += x.items.length;
      if (n > limit) return false;
      for (const y of x.items) if (!walk(y)) return false;
    }
    return true;
  };
  return walk(v) ? n : limit + 1;
}

function seqSize(v: MarshalValue): number {
  if (typeof v === "string") return strLen(v);
  if (v instanceof PyBytesValue) return v.bytes.length;
  return 0;
}

function safeMultiply(a: MarshalValue, b: MarshalValue): Folded {
  const ia = asInt(a);
  const ib = asInt(b);
  if (ia !== null && ib !== null) {
    if (ia !== 0n && ib !== 0n && bitLength(ia) + bitLength(ib) > MAX_INT_SIZE) return NO_FOLD;
    return ia * ib;
  }
  if (ia !== null && b instanceof PyTupleValue) {
    const size = b.items.length;
    if (size) {
      if (ia < 0n || ia > BigInt(Math.floor(MAX_COLLECTION_SIZE / size))) return NO_FOLD;
      if (ia !== 0n && totalItems(b, Math.floor(MAX_TOTAL_ITEMS / Number(ia))) > Math.floor(MAX_TOTAL_ITEMS / Number(ia))) return NO_FOLD;
    }
    return repeat(ia, b);
  }
  if (ia !== null && (typeof b === "string" || b instanceof PyBytesValue)) {
    const size = seqSize(b);
    if (size) {
      if (ia < 0n || ia > BigInt(Math.floor(MAX_STR_SIZE / size))) return NO_FOLD;
    }
    return repeat(ia, b);
  }
  if (ib !== null && (a instanceof PyTupleValue || typeof a === "string" || a instanceof PyBytesValue)) {
    return safeMultiply(b, a);
  }
  if (isNumber(a) && isNumber(b)) return numericBinop("Mult", toNum(a), toNum(b));
  return NO_FOLD;
}

export function foldBinop(op: string, a: MarshalValue, b: MarshalValue): Folded {
  switch (op) {
    case "Mult":
      return safeMultiply(a, b);
    case "Pow": {
      const ia = asInt(a);
      const ib = asInt(b);
      if (ia !== null && ib !== null && ia !== 0n && ib > 0n) {
        if (bitLength(ia) > Math.floor(MAX_INT_SIZE / Number(ib))) return NO_FOLD;
      }
      break;
    }
    case "LShift": {
      const ia = asInt(a);
      const ib = asInt(b);
      if (ia !== null && ib !== null && ia !== 0n && ib !== 0n) {
        if (ib < 0n) return NO_FOLD;
        if (ib > BigInt(MAX_INT_SIZE) || bitLength(ia) > MAX_INT_SIZE - Number(ib)) return NO_FOLD;
      }
      break;
    }
    case "Mod":
      if (typeof a === "string" || a instanceof PyBytesValue) return NO_FOLD;
      break;
    case "MatMult":
      return NO_FOLD;
  }
  if (op === "Add") {
    if (typeof a === "string" && typeof b === "string") return a + b;
    if (a instanceof PyBytesValue && b instanceof PyBytesValue) {
      const out = new Uint8Array(a.bytes.length + b.bytes.length);
      out.set(a.bytes);
      out.set(b.bytes, a.bytes.length);
      return new PyBytesValue(out);
    }
    if (a instanceof PyTupleValue && b instanceof PyTupleValue) return new PyTupleValue([...a.items, ...b.items]);
  }
  if (!isNumber(a) || !isNumber(b)) return NO_FOLD;
  if ((op === "BitOr" || op === "BitXor" || op === "BitAnd") && typeof a === "boolean" && typeof b === "boolean") {
    return op === "BitOr" ? a || b : op === "BitAnd" ? a && b : a !== b;
  }
  if (op === "LShift" || op === "RShift" || op === "BitOr" || op === "BitXor" || op === "BitAnd") {
    const ia = asInt(a);
    const ib = asInt(b);
    if (ia === null || ib === null) return NO_FOLD;
    return numericBinop(op, ia, ib);
  }
  return numericBinop(op, toNum(a), toNum(b));
}

export function foldUnaryop(op: string, v: MarshalValue): Folded {
  switch (op) {
    case "Not":
      return !truthy(v);
    case "USub":
      if (typeof v === "boolean") return v ? -1n : 0n;
      if (typeof v === "bigint") return -v;
      if (typeof v === "number") return -v;
      if (v instanceof PyComplexValue) return new PyComplexValue(-v.real, -v.imag);
      return NO_FOLD;
    case "UAdd":
      if (typeof v === "boolean") return v ? 1n : 0n;
      if (typeof v === "bigint" || typeof v === "number" || v instanceof PyComplexValue) return v;
      return NO_FOLD;
    case "Invert":
      if (typeof v === "boolean") return v ? -2n : -1n;
      if (typeof v === "bigint") return ~v;
      return NO_FOLD;
  }
  return NO_FOLD;
}

function truthy(v: MarshalValue): boolean {
  if (v === null || v === false) return false;
  if (v === true) return true;
  if (typeof v === "bigint") return v !== 0n;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v.length > 0;
  if (v instanceof PyBytesValue) return v.bytes.length > 0;
  if (v instanceof PyTupleValue) return v.items.length > 0;
  if (v instanceof PySetValue) return v.items.length > 0;
  if (v instanceof PyComplexValue) return v.real !== 0 || v.imag !== 0;
  return true;
}

export function foldSubscript(v: MarshalValue, index: MarshalValue): Folded {
  const i0 = asInt(index);
  if (i0 === null) return NO_FOLD;
  if (typeof v === "string") {
    const cps = Array.from(v);
    let i = Number(i0);
    if (i < 0) i += cps.length;
    if (i < 0 || i >= cps.length) return NO_FOLD;
    return cps[i];
  }
  if (v instanceof PyBytesValue) {
    let i = Number(i0);
    if (i < 0) i += v.bytes.length;
    if (i < 0 || i >= v.bytes.length) return NO_FOLD;
    return BigInt(v.bytes[i]);
  }
  if (v instanceof PyTupleValue) {
    let i = Number(i0);
    if (i < 0) i += v.items.length;
    if (i < 0 || i >= v.items.length) return NO_FOLD;
    return v.items[i];
  }
  return NO_FOLD;
}

/** Python's int / int: the correctly rounded quotient (null on overflow or underflow). */
function intTrueDiv(a: bigint, b: bigint): number | null {
  const negative = (a < 0n) !== (b < 0n);
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a === 0n) return negative ? -0 : 0;
  const shift = 55 - (bitLength(a) - bitLength(b));
  const n = shift >= 0 ? a << BigInt(shift) : a;
  const d = shift >= 0 ? b : b << BigInt(-shift);
  const q = n / d;
  const sticky = n % d !== 0n ? 1n : 0n;
  const q2 = (q << 1n) | sticky;
  // q2 has at least 56 significant bits, so Number() rounds it exactly once (ties to even)
  const e = -(shift + 1);
  let r = Number(q2);
  if (e < -1000 || e > 1000) {
    r *= 2 ** Math.trunc(e / 2);
    r *= 2 ** (e - Math.trunc(e / 2));
  } else {
    r *= 2 ** e;
  }
  if (!Number.isFinite(r) || (r !== 0 && r < 2 ** -1022)) return null;
  return negative ? -r : r;
}

/** float ** float with a negative base and fractional exponent: Python's complex pow. */
function complexPow(x: number, y: number): MarshalValue {
  const vabs = Math.hypot(x, 0);
  const len = accuratePow(vabs, y) ?? Infinity;
  const at = Math.atan2(0, x);
  const phase = at * y;
  return new PyComplexValue(len * Math.cos(phase), len * Math.sin(phase));
}

function cProd(a: PyComplexValue, b: PyComplexValue): PyComplexValue {
  return new PyComplexValue(a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real);
}

/** _Py_c_quot (null for division by zero). */
function cQuot(a: PyComplexValue, b: PyComplexValue): PyComplexValue | null {
  const absBr = Math.abs(b.real);
  const absBi = Math.abs(b.imag);
  if (absBr >= absBi) {
    if (absBr === 0) return null;
    const ratio = b.imag / b.real;
    const denom = b.real + b.imag * ratio;
    return new PyComplexValue((a.real + a.imag * ratio) / denom, (a.imag - a.real * ratio) / denom);
  }
  if (absBi >= absBr) {
    const ratio = b.real / b.imag;
    const denom = b.real * ratio + b.imag;
    return new PyComplexValue((a.real * ratio + a.imag) / denom, (a.imag * ratio - a.real) / denom);
  }
  return new PyComplexValue(NaN, NaN);
}

function cPowu(x: PyComplexValue, n: number): PyComplexValue {
  let r = new PyComplexValue(1, 0);
  let p = x;
  let mask = 1;
  while (mask > 0 && n >= mask) {
    if (n & mask) r = cProd(r, p);
    mask <<= 1;
    p = cProd(p, p);
  }
  return r;
}

/** complex_pow: integral exponents up to 100 by repeated squaring, else polar form. */
function cPow(a: PyComplexValue, b: PyComplexValue): PyComplexValue | null {
  if (b.imag === 0 && b.real === Math.floor(b.real) && Math.abs(b.real) <= 100) {
    const n = b.real;
    if (n > 0) return cPowu(a, n);
    const d = cPowu(a, -n);
    return cQuot(new PyComplexValue(1, 0), d);
  }
  if (b.real === 0 && b.imag === 0) return new PyComplexValue(1, 0);
  if (a.real === 0 && a.imag === 0) {
    if (b.imag !== 0 || b.real < 0) return null;
    return new PyComplexValue(0, 0);
  }
  const vabs = Math.hypot(a.real, a.imag);
  let len = accuratePow(vabs, b.real) ?? Infinity;
  const at = Math.atan2(a.imag, a.real);
  let phase = at * b.real;
  if (b.imag !== 0) {
    len /= Math.exp(at * b.imag);
    phase += b.imag * Math.log(vabs);
  }
  return new PyComplexValue(len * Math.cos(phase), len * Math.sin(phase));
}
