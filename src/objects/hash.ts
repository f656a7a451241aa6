// CPython's exact hash values (Py_hash_t, signed 64-bit) for the builtin types, as
// CPython 3.13 computes them with PYTHONHASHSEED=0: str and bytes by SipHash-1-3 keyed
// with zeros over the string's internal representation (latin-1 / UCS-2 / UCS-4 bytes),
// int modulo 2**61 - 1, float by its exact rational value, tuple by the xxHash-style
// mix, frozenset by the shuffled xor. `hash()` and the set table (set.ts) use these, so
// set iteration order and hash() output match CPython's.
//
// Results come back as two uint32 halves in HASH_LO / HASH_HI (no allocation on the
// common paths); `hashValue` packs them into a Python int.
import { siphash13 } from "../bytecode/siphash.js";
import {
  PyObj, PyIntSubclassObj, None, identityId, identityHash, normInt, HashSlot, TypeFlag, runtimeHooks,
} from "./core.js";
import { typeError } from "./exceptions.js";
import type { IntValue } from "./number.js";

/** The halves of the last computed hash (uint32 each). */
export let HASH_LO = 0;
export let HASH_HI = 0;

const TWO32 = 4294967296;
const MODULUS = (1n << 61n) - 1n;
const M64 = (1n << 64n) - 1n;

/** Stores a safe integer (any sign) as the two's-complement 64-bit halves. */
function setFromNumber(v: number): void {
  if (v >= 0) {
    HASH_LO = v % TWO32;
    HASH_HI = Math.floor(v / TWO32);
  } else {
    const a = -v;
    const lo = a % TWO32;
    const hi = Math.floor(a / TWO32);
    HASH_LO = lo === 0 ? 0 : TWO32 - lo;
    HASH_HI = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  }
}
function setFromBig(v: bigint): void {
  const u = v & M64;
  HASH_LO = Number(u & 0xffffffffn);
  HASH_HI = Number(u >> 32n);
}
/** The last hash as a bigint (uint64). */
function currentBig(): bigint {
  return (BigInt(HASH_HI) << 32n) | BigInt(HASH_LO);
}
/** The last hash as a Python int (signed 64-bit). */
export function currentHashValue(): IntValue {
  const hi = HASH_HI | 0;
  // Safe when the value fits in 53 bits: hi in [-2**21, 2**21).
  if (hi >= -2097152 && hi < 2097152) return hi * TWO32 + HASH_LO;
  return normInt(BigInt.asIntN(64, currentBig()));
}
function fixMinusOne(): void {
  if (HASH_LO === 0xffffffff && HASH_HI === 0xffffffff) HASH_LO = 0xfffffffe;
}

// ---- int ----
export function hashIntInto(v: IntValue): void {
  if (typeof v === "number") {
    setFromNumber(v === -1 ? -2 : v);
    return;
  }
  const neg = v < 0n;
  let h = (neg ? -v : v) % MODULUS;
  if (neg) h = -h;
  if (h === -1n) h = -2n;
  setFromBig(h);
}

// ---- float ----
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
export function hashFloatInto(x: number, self: PyObj | null): void {
  if (Number.isInteger(x)) {
    if (Number.isSafeInteger(x)) hashIntInto(x);
    else hashIntInto(BigInt(x));
    return;
  }
  if (x !== x) {
    // NaN hashes by identity (CPython: _Py_HashPointer of the object).
    setFromNumber(self !== null && typeof self === "object" ? identityId(self) : 0);
    return;
  }
  if (x === Infinity) return setFromNumber(314159);
  if (x === -Infinity) return setFromNumber(-314159);
  // x = mant * 2**exp exactly; 2**61 = 1 (mod P) so 2**exp = 2**(exp mod 61).
  f64[0] = x;
  const lo = u32[0], hi = u32[1];
  const neg = (hi >>> 31) === 1;
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (bexp === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = bexp - 1075;
  }
  let e = exp % 61;
  if (e < 0) e += 61;
  let h = (mant << BigInt(e)) % MODULUS;
  if (neg) h = -h;
  if (h === -1n) h = -2n;
  setFromBig(h);
}

// ---- str / bytes ----
const ZERO = new Uint8Array(0);
function sipInto(data: Uint8Array): void {
  if (data.length === 0) {
    HASH_LO = 0;
    HASH_HI = 0;
    return;
  }
  const out = siphash13(0, 0, 0, 0, data);
  HASH_LO = (out[0] | (out[1] << 8) | (out[2] << 16) | (out[3] << 24)) >>> 0;
  HASH_HI = (out[4] | (out[5] << 8) | (out[6] << 16) | (out[7] << 24)) >>> 0;
  fixMinusOne();
}

/** CPython's internal bytes of a str: 1, 2 or 4 bytes per code point by the widest one. */
function strBytes(s: string): Uint8Array {
  let maxCp = 0;
  let cps = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        maxCp = 0x10000;
        i++;
      }
    } else if (c > maxCp) maxCp = c;
    cps++;
  }
  if (maxCp < 0x100) {
    const out = new Uint8Array(cps);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  if (maxCp < 0x10000) {
    const out = new Uint8Array(cps * 2);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      out[2 * i] = c & 0xff;
      out[2 * i + 1] = c >>> 8;
    }
    return out;
  }
  const out = new Uint8Array(cps * 4);
  let j = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out[j] = c & 0xff;
    out[j + 1] = (c >>> 8) & 0xff;
    out[j + 2] = (c >>> 16) & 0xff;
    j += 4;
  }
  return out;
}

// str hashes are costly (SipHash over a fresh byte array) and JS strings cannot carry a
// cached hash, so recent ones are memoised; the cache is simply dropped when it grows.
const strCacheLo = new Map<string, number>();
const strCacheHi = new Map<string, number>();
export function hashStrInto(s: string): void {
  const lo = strCacheLo.get(s);
  if (lo !== undefined) {
    HASH_LO = lo;
    HASH_HI = strCacheHi.get(s)!;
    return;
  }
  sipInto(s.length === 0 ? ZERO : strBytes(s));
  if (strCacheLo.size > 50000) {
    strCacheLo.clear();
    strCacheHi.clear();
  }
  if (s.length <= 256) {
    strCacheLo.set(s, HASH_LO);
    strCacheHi.set(s, HASH_HI);
  }
}
export function hashBytesInto(b: Uint8Array): void {
  sipInto(b);
}

// ---- tuple (xxHash-style, Objects/tupleobject.c) ----
const PRIME1 = 11400714785074694791n;
const PRIME2 = 14029467366897019727n;
const PRIME5 = 2870177450012600261n;
export function hashTupleInto(items: readonly PyObj[], mixLength = true): void {
  let acc = PRIME5;
  for (let i = 0; i < items.length; i++) {
    hashInto(items[i]);
    const lane = currentBig();
    acc = (acc + lane * PRIME2) & M64;
    acc = ((acc << 31n) | (acc >> 33n)) & M64;
    acc = (acc * PRIME1) & M64;
  }
  // slices (slice_hash) skip the length mix-in that tuples add
  if (mixLength) acc = (acc + (BigInt(items.length) ^ (PRIME5 ^ 3527539n))) & M64;
  if (acc === M64) acc = 1546275796n;
  setFromBig(acc);
}

/** frozenset: xor of shuffled entry hashes (the table's nulls/dummies cancel out). */
export function hashFrozensetInto(entryHashes: readonly bigint[]): void {
  const shuffle = (h: bigint) => (((h ^ 89869747n) ^ (h << 16n)) * 3644798167n) & M64;
  let h = 0n;
  for (const e of entryHashes) h ^= shuffle(e);
  h ^= ((BigInt(entryHashes.length) + 1n) * 1927868237n) & M64;
  h ^= (h >> 11n) ^ (h >> 25n);
  h = (h * 69069n + 907133923n) & M64;
  if (h === M64) h = 590923713n;
  setFromBig(h);
}

/** complex: hash(real) + 1000003 * hash(imag), wrapping at 64 bits. */
export function hashComplexInto(re: number, im: number): void {
  hashFloatInto(re, null);
  const hr = currentBig();
  hashFloatInto(im, null);
  const hi = currentBig();
  let h = (hr + 1000003n * hi) & M64;
  if (h === M64) h = M64 - 1n;
  setFromBig(h);
}

/**
 * Exact hashers by builtin tp_hash slot: a type whose tp_hash is one of these slots
 * (the builtin itself or a subclass inheriting it) hashes with the exact function.
 * Each builtin type's file registers its slot (registerExactHash).
 */
const exactHashers = new Map<HashSlot, (v: PyObj) => void>();
export function registerExactHash(slot: HashSlot, exact: (v: PyObj) => void): void {
  exactHashers.set(slot, exact);
}

/** Computes CPython's hash of any value into HASH_LO / HASH_HI. */
export function hashInto(v: PyObj): void {
  switch (typeof v) {
    case "number":
      setFromNumber(v === -1 ? -2 : v);
      return;
    case "string":
      hashStrInto(v);
      return;
    case "boolean":
      HASH_LO = v ? 1 : 0;
      HASH_HI = 0;
      return;
    case "bigint":
      hashIntInto(v);
      return;
  }
  if (v === None) return setFromNumber(4238894112);
  const t = v.type;
  const slot = t.tp_hash;
  if (slot === null) throw typeError(`unhashable type: '${t.name}'`);
  const exact = exactHashers.get(slot);
  if (exact !== undefined) return exact(v);
  if ((t.flags & TypeFlag.HEAPTYPE) !== 0 && slot !== identityHash) {
    // A class with its own __hash__: reduce the returned int exactly.
    const m = t.lookup("__hash__");
    if (m !== null && m !== None) {
      const r = runtimeHooks.call(m, [v], null);
      const iv = intValueOfHash(r);
      if (iv === null) throw typeError("__hash__ method should return an integer");
      // CPython keeps a result that fits in Py_hash_t as is, else hashes the int.
      if (typeof iv === "number") return setFromNumber(iv === -1 ? -2 : iv);
      if (iv >= -(1n << 63n) && iv < 1n << 63n) return setFromBig(iv);
      return hashIntInto(iv);
    }
  }
  const r = slot(v);
  setFromNumber(r === -1 ? -2 : r);
}

function intValueOfHash(r: PyObj): IntValue | null {
  if (typeof r === "number" || typeof r === "bigint") return r;
  if (typeof r === "boolean") return r ? 1 : 0;
  if (r instanceof PyIntSubclassObj) return r.value;
  return null;
}

/** hash(v) as a Python int. */
export function hashValue(v: PyObj): IntValue {
  hashInto(v);
  return currentHashValue();
}

/**
 * The JS number a builtin tp_hash returns: the exact hash when it is a safe integer,
 * else a number derived from it (equal objects still give equal numbers).
 */
export function hashAsSlotNumber(): number {
  const hi = HASH_HI | 0;
  if (hi >= -2097152 && hi < 2097152) return hi * TWO32 + HASH_LO;
  return (HASH_HI ^ 0x5bd1e995) * 2097152 + (HASH_LO & 0x1fffff);
}

