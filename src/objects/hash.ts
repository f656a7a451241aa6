// CPython's exact hash values (Py_hash_t, signed 64-bit) for the builtin types, as
// CPython 3.13 computes them with PYTHONHASHSEED=0: str and bytes by SipHash-1-3 keyed
// with zeros over the string's internal representation (latin-1 / UCS-2 / UCS-4 bytes),
// int modulo 2**61 - 1, float by its exact rational value, tuple by the xxHash-style
// mix, frozenset by the shuffled xor. `hash()` and the set table (set.ts) use these, so
// set iteration order and hash() output match CPython's.
//
// Results come back as two uint32 halves in H[0] / H[1] (no allocation on the
// common paths); `hashValue` packs them into a Python int.
import {
  PyObj, PyIntSubclassObj, None, identityId, identityHash, normInt, HashSlot, TypeFlag, runtimeHooks,
} from "./core.js";
import { typeError } from "./exceptions.js";
import type { IntValue } from "./number.js";

/**
 * The halves of the last computed hash: H[0] low, H[1] high (uint32 each). A typed
 * array, so that storing values >= 2**30 does not box them (module-level lets would).
 */
const HBUF = new ArrayBuffer(8);
export const H = new Uint32Array(HBUF);
/**
 * The same 8 bytes as one 64-bit lane, so that a bigint goes in or out in one step (no
 * shifting and masking of intermediate bigints). Only when the platform is
 * little-endian (H[0] the low half); else the halves are combined by hand.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const H_U64 = new BigUint64Array(HBUF);
const H_I64 = new BigInt64Array(HBUF);
const INT64_MIN = -(1n << 63n);
const INT64_LIMIT = 1n << 63n;

const TWO32 = 4294967296;
const MODULUS = (1n << 61n) - 1n;
const M64 = (1n << 64n) - 1n;

/** Stores a safe integer (any sign) as the two's-complement 64-bit halves. */
function setFromNumber(v: number): void {
  if (v >= 0) {
    H[0] = v % TWO32;
    H[1] = Math.floor(v / TWO32);
  } else {
    const a = -v;
    const lo = a % TWO32;
    const hi = Math.floor(a / TWO32);
    H[0] = lo === 0 ? 0 : TWO32 - lo;
    H[1] = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  }
}
function setFromBig(v: bigint): void {
  if (LITTLE_ENDIAN) {
    H_U64[0] = v; // (stored modulo 2**64)
    return;
  }
  const u = v & M64;
  H[0] = Number(u & 0xffffffffn);
  H[1] = Number(u >> 32n);
}
/** The last hash as a bigint (uint64). */
function currentBig(): bigint {
  if (LITTLE_ENDIAN) return H_U64[0];
  return (BigInt(H[1]) << 32n) | BigInt(H[0]);
}
/** The last hash as a Python int (signed 64-bit). */
export function currentHashValue(): IntValue {
  const hi = H[1] | 0;
  // Safe when the value fits in 53 bits: hi in [-2**21, 2**21).
  if (hi >= -2097152 && hi < 2097152) return hi * TWO32 + H[0];
  return normInt(LITTLE_ENDIAN ? H_I64[0] : BigInt.asIntN(64, currentBig()));
}
function fixMinusOne(): void {
  if (H[0] === 0xffffffff && H[1] === 0xffffffff) H[0] = 0xfffffffe;
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

// ---- str / bytes: SipHash-1-3 keyed with zeros (Python/pyhash.c) ----
// 64-bit lanes as (hi, lo) uint32 pairs in locals; the message is fed byte by byte from
// a byte source (a str's latin-1/UCS-2/UCS-4 encoding, or a bytes object) without
// building a byte array.
// state v0..v3 as [hi, lo] pairs in a typed array (unboxed); rounds work on locals
const V = new Uint32Array(8);

function sipRound(): void {
  let v0h = V[0], v0l = V[1], v1h = V[2], v1l = V[3], v2h = V[4], v2l = V[5], v3h = V[6], v3l = V[7];
  // v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32)
  let lo = (v0l + v1l) >>> 0;
  v0h = (v0h + v1h + (lo < v0l ? 1 : 0)) >>> 0;
  v0l = lo;
  let th = v1h, tl = v1l;
  v1h = (((th << 13) | (tl >>> 19)) ^ v0h) >>> 0;
  v1l = (((tl << 13) | (th >>> 19)) ^ v0l) >>> 0;
  th = v0h;
  v0h = v0l;
  v0l = th;
  // v2 += v3; v3 = rotl(v3, 16); v3 ^= v2
  lo = (v2l + v3l) >>> 0;
  v2h = (v2h + v3h + (lo < v2l ? 1 : 0)) >>> 0;
  v2l = lo;
  th = v3h;
  tl = v3l;
  v3h = (((th << 16) | (tl >>> 16)) ^ v2h) >>> 0;
  v3l = (((tl << 16) | (th >>> 16)) ^ v2l) >>> 0;
  // v0 += v3; v3 = rotl(v3, 21); v3 ^= v0
  lo = (v0l + v3l) >>> 0;
  v0h = (v0h + v3h + (lo < v0l ? 1 : 0)) >>> 0;
  v0l = lo;
  th = v3h;
  tl = v3l;
  v3h = (((th << 21) | (tl >>> 11)) ^ v0h) >>> 0;
  v3l = (((tl << 21) | (th >>> 11)) ^ v0l) >>> 0;
  // v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32)
  lo = (v2l + v1l) >>> 0;
  v2h = (v2h + v1h + (lo < v2l ? 1 : 0)) >>> 0;
  v2l = lo;
  th = v1h;
  tl = v1l;
  v1h = (((th << 17) | (tl >>> 15)) ^ v2h) >>> 0;
  v1l = (((tl << 17) | (th >>> 15)) ^ v2l) >>> 0;
  V[0] = v0h; V[1] = v0l; V[2] = v1h; V[3] = v1l; V[4] = v2l; V[5] = v2h; V[6] = v3h; V[7] = v3l;
}

function sipAbsorb(lo: number, hi: number): void {
  V[7] ^= lo;
  V[6] ^= hi;
  sipRound();
  V[1] ^= lo;
  V[0] ^= hi;
}

function sipInit(): void {
  // key k0 = k1 = 0: the lanes start as the "somepseudorandomlygeneratedbytes" constants
  V[0] = 0x736f6d65; V[1] = 0x70736575;
  V[2] = 0x646f7261; V[3] = 0x6e646f6d;
  V[4] = 0x6c796765; V[5] = 0x6e657261;
  V[6] = 0x74656462; V[7] = 0x79746573;
}

function sipFinish(): void {
  V[5] ^= 0xff;
  sipRound();
  sipRound();
  sipRound();
  H[0] = V[1] ^ V[3] ^ V[5] ^ V[7];
  H[1] = V[0] ^ V[2] ^ V[4] ^ V[6];
  fixMinusOne();
}

/** SipHash-1-3 with a zero key over `n` bytes given by byteAt(i), into H[0]/HI. */
function sip13(n: number, byteAt: (i: number) => number): void {
  // key k0 = k1 = 0: the lanes start as the "somepseudorandomlygeneratedbytes" constants
  sipInit();
  const whole = n & ~7;
  for (let off = 0; off < whole; off += 8) {
    const lo = (byteAt(off) | (byteAt(off + 1) << 8) | (byteAt(off + 2) << 16) | (byteAt(off + 3) << 24)) >>> 0;
    const hi = (byteAt(off + 4) | (byteAt(off + 5) << 8) | (byteAt(off + 6) << 16) | (byteAt(off + 7) << 24)) >>> 0;
    sipAbsorb(lo, hi);
  }
  let lo = 0;
  let hi = ((n & 0xff) << 24) >>> 0;
  for (let i = whole; i < n; i++) {
    const shift = (i - whole) * 8;
    if (shift < 32) lo = (lo | (byteAt(i) << shift)) >>> 0;
    else hi = (hi | (byteAt(i) << (shift - 32))) >>> 0;
  }
  sipAbsorb(lo, hi);
  sipFinish();
}

/** sip13 specialised for a latin-1 str (one byte per char): the common case, inlined. */
function sip13Latin1(s: string): void {
  const n = s.length;
  sipInit();
  const whole = n & ~7;
  for (let off = 0; off < whole; off += 8) {
    const lo = (s.charCodeAt(off) | (s.charCodeAt(off + 1) << 8) | (s.charCodeAt(off + 2) << 16) | (s.charCodeAt(off + 3) << 24)) >>> 0;
    const hi = (s.charCodeAt(off + 4) | (s.charCodeAt(off + 5) << 8) | (s.charCodeAt(off + 6) << 16) | (s.charCodeAt(off + 7) << 24)) >>> 0;
    sipAbsorb(lo, hi);
  }
  let lo = 0;
  let hi = ((n & 0xff) << 24) >>> 0;
  for (let i = whole; i < n; i++) {
    const shift = (i - whole) * 8;
    if (shift < 32) lo = (lo | (s.charCodeAt(i) << shift)) >>> 0;
    else hi = (hi | (s.charCodeAt(i) << (shift - 32))) >>> 0;
  }
  sipAbsorb(lo, hi);
  sipFinish();
}

/** CPython's str kind: 1, 2 or 4 bytes per code point by the widest one. */
function strKind(s: string): number {
  let kind = 1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return 4;
    }
    if (c > 0xff) kind = 2;
  }
  return kind;
}

let curStr = "";
let curCps: number[] = [];
const ucs2At = (i: number): number => {
  const c = curStr.charCodeAt(i >> 1);
  return (i & 1) === 0 ? c & 0xff : c >>> 8;
};
const ucs4At = (i: number): number => (curCps[i >> 2] >>> (8 * (i & 3))) & 0xff;

// JS strings cannot carry a cached hash, so recent ones are memoised. Short strs (most
// keys) go to a direct-mapped cache: a cheap FNV-1a of the str picks the line, which holds
// the last str hashed there and its halves; a hit costs that pass and one comparison, a
// miss overwrites the line (no Map to grow, rehash or clear). Longer strs go to a JS Map
// (V8 keeps a string's own hash, so a hit does not read the whole str again), dropped
// when it fills up; strs past STR_MAP_MAX_LEN are hashed each time.
const STR_CACHE_BITS = 14;
const STR_CACHE_MASK = (1 << STR_CACHE_BITS) - 1;
const STR_DIRECT_MAX_LEN = 32;
const STR_MAP_MAX_LEN = 256;
const STR_MAP_SIZE = 16384;
const strCacheKey: string[] = new Array<string>(1 << STR_CACHE_BITS).fill("");
const strCacheLo = new Uint32Array(1 << STR_CACHE_BITS);
const strCacheHi = new Uint32Array(1 << STR_CACHE_BITS);
const strMapSlot = new Map<string, number>();
const strMapLo = new Uint32Array(STR_MAP_SIZE);
const strMapHi = new Uint32Array(STR_MAP_SIZE);
export function hashStrInto(s: string): void {
  const n = s.length;
  if (n === 0) {
    H[0] = 0;
    H[1] = 0;
    return;
  }
  if (n <= STR_DIRECT_MAX_LEN) {
    let f = 0x811c9dc5 | 0;
    for (let i = 0; i < n; i++) f = Math.imul(f ^ s.charCodeAt(i), 0x01000193);
    const line = (f ^ (f >>> STR_CACHE_BITS)) & STR_CACHE_MASK;
    if (strCacheKey[line] === s) {
      H[0] = strCacheLo[line];
      H[1] = strCacheHi[line];
      return;
    }
    hashStrUncached(s);
    strCacheKey[line] = s;
    strCacheLo[line] = H[0];
    strCacheHi[line] = H[1];
    return;
  }
  if (n > STR_MAP_MAX_LEN) {
    hashStrUncached(s);
    return;
  }
  const slot = strMapSlot.get(s);
  if (slot !== undefined) {
    H[0] = strMapLo[slot];
    H[1] = strMapHi[slot];
    return;
  }
  hashStrUncached(s);
  if (strMapSlot.size >= STR_MAP_SIZE) strMapSlot.clear();
  const at = strMapSlot.size;
  strMapSlot.set(s, at);
  strMapLo[at] = H[0];
  strMapHi[at] = H[1];
}

function hashStrUncached(s: string): void {
  const kind = strKind(s);
  curStr = s;
  if (kind === 1) sip13Latin1(s);
  else if (kind === 2) sip13(s.length * 2, ucs2At);
  else {
    curCps = Array.from(s, (c) => c.codePointAt(0)!);
    sip13(curCps.length * 4, ucs4At);
    curCps = [];
  }
  curStr = "";
}
let curBytes: Uint8Array = new Uint8Array(0);
const bytesAt = (i: number): number => curBytes[i];
export function hashBytesInto(b: Uint8Array): void {
  if (b.length === 0) {
    H[0] = 0;
    H[1] = 0;
    return;
  }
  curBytes = b;
  sip13(b.length, bytesAt);
  curBytes = new Uint8Array(0);
}

// ---- 64-bit arithmetic on (hi, lo) uint32 halves, for the tuple hash ----
/**
 * The product's halves: M[0] low, M[1] high. A typed array, not module-level lets: a
 * let holding a uint32 >= 2**31 is a boxed heap number, allocated at every store.
 */
const M = new Uint32Array(2);
/** (aHi:aLo * bHi:bLo) mod 2**64 into M. */
function mul64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const a0 = aLo & 0xffff, a1 = aLo >>> 16, b0 = bLo & 0xffff, b1 = bLo >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  M[0] = ((mid & 0xffff) << 16) | (p00 & 0xffff);
  const hiLoLo = p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  M[1] = hiLoLo + Math.imul(aHi, bLo) + Math.imul(aLo, bHi);
}

// ---- tuple (xxHash-style, Objects/tupleobject.c) ----
const P1H = 0x9e3779b1, P1L = 0x85ebca87; // 11400714785074694791
const P2H = 0xc2b2ae3d, P2L = 0x27d4eb4f; // 14029467366897019727
const P5H = 0x27d4eb2f, P5L = 0x165667c5; // 2870177450012600261
export function hashTupleInto(items: readonly PyObj[], mixLength = true): void {
  let accH = P5H, accL = P5L;
  for (let i = 0; i < items.length; i++) {
    hashInto(items[i]);
    // acc += lane * PRIME2
    mul64(H[1], H[0], P2H, P2L);
    const lo = (accL + M[0]) >>> 0;
    accH = (accH + M[1] + (lo < accL ? 1 : 0)) >>> 0;
    accL = lo;
    // acc = rotl(acc, 31)
    const th = accH;
    accH = ((accH << 31) | (accL >>> 1)) >>> 0;
    accL = ((accL << 31) | (th >>> 1)) >>> 0;
    // acc *= PRIME1
    mul64(accH, accL, P1H, P1L);
    accH = M[1];
    accL = M[0];
  }
  if (mixLength) {
    // slices (slice_hash) skip the length mix-in that tuples add:
    // acc += len ^ (PRIME5 ^ 3527539)
    const xl = (items.length ^ (P5L ^ 3527539)) >>> 0;
    const xh = P5H;
    const lo = (accL + xl) >>> 0;
    accH = (accH + xh + (lo < accL ? 1 : 0)) >>> 0;
    accL = lo;
  }
  if (accH === 0xffffffff && accL === 0xffffffff) {
    accH = 0;
    accL = 1546275796;
  }
  H[1] = accH;
  H[0] = accL;
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
  // (Types that cached "no exact hasher" for this slot before it was registered.)
  exactHashGeneration++;
}
/** Bumped by each registration: a type's cached lookup is valid for one generation. */
let exactHashGeneration = 0;

/** Computes CPython's hash of any value into H[0] / H[1]. */
export function hashInto(v: PyObj): void {
  switch (typeof v) {
    case "number":
      setFromNumber(v === -1 ? -2 : v);
      return;
    case "string":
      hashStrInto(v);
      return;
    case "boolean":
      H[0] = v ? 1 : 0;
      H[1] = 0;
      return;
    case "bigint":
      hashIntInto(v);
      return;
  }
  if (v === None) return setFromNumber(4238894112);
  const t = v.type;
  const slot = t.tp_hash;
  if (slot === null) throw typeError(`unhashable type: '${t.name}'`);
  // (The type keeps the lookup of its slot's exact hasher: a Map probe per hash was 4-5%
  // of hashing user objects into a set.)
  let exact: ((v: PyObj) => void) | null;
  if (t.exactHashSlot === slot && t.exactHashGeneration === exactHashGeneration) {
    exact = t.exactHash;
  } else {
    exact = exactHashers.get(slot) ?? null;
    t.exactHashSlot = slot;
    t.exactHash = exact;
    t.exactHashGeneration = exactHashGeneration;
  }
  if (exact !== null) return exact(v);
  if ((t.flags & TypeFlag.HEAPTYPE) !== 0 && slot !== identityHash) {
    // A class with its own __hash__: reduce the returned int exactly.
    const m = t.lookup("__hash__");
    if (m !== null && m !== None) {
      const r = runtimeHooks.call1(m, v);
      const iv = intValueOfHash(r);
      if (iv === null) throw typeError("__hash__ method should return an integer");
      // CPython keeps a result that fits in Py_hash_t as is, else hashes the int.
      if (typeof iv === "number") return setFromNumber(iv === -1 ? -2 : iv);
      if (iv >= INT64_MIN && iv < INT64_LIMIT) return setFromBig(iv);
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
  const hi = H[1] | 0;
  if (hi >= -2097152 && hi < 2097152) return hi * TWO32 + H[0];
  return (H[1] ^ 0x5bd1e995) * 2097152 + (H[0] & 0x1fffff);
}

