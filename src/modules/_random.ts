// _random: the Mersenne Twister behind random.Random (Modules/_randommodule.c): the same
// MT19937 generator and seeding as CPython, so seeded sequences match CPython's.
import { randomFillSync } from "node:crypto";
import { PyObject, PyObj, PyType, None, PyFloat, typeOf } from "../objects/core.js";
import { defineMethod } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { typeError, valueError } from "../objects/exceptions.js";
import { hash, indexAsNumber, toArray } from "../objects/abstract.js";
import { newTuple } from "../objects/sequence.js";
import { nativeType } from "./modutil.js";

const N = 624;
const M = 397;

class PyRandom extends PyObject {
  declare mt: Uint32Array;
  declare index: number;
}

function initGenrand(r: PyRandom, s: number): void {
  const mt = r.mt;
  mt[0] = s >>> 0;
  for (let i = 1; i < N; i++) {
    const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
    // 1812433253 * prev + i, in 32-bit arithmetic.
    mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
  }
  r.index = N;
}

function initByArray(r: PyRandom, key: Uint32Array): void {
  initGenrand(r, 19650218);
  const mt = r.mt;
  let i = 1, j = 0;
  const keyLength = Math.max(key.length, 1);
  for (let k = Math.max(N, key.length); k > 0; k--) {
    const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
    mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + (key[j] ?? 0) + j) >>> 0;
    i++;
    j++;
    if (i >= N) {
      mt[0] = mt[N - 1];
      i = 1;
    }
    if (j >= keyLength) j = 0;
  }
  for (let k = N - 1; k > 0; k--) {
    const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
    mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
    i++;
    if (i >= N) {
      mt[0] = mt[N - 1];
      i = 1;
    }
  }
  mt[0] = 0x80000000;
  r.index = N;
}

function genrand(r: PyRandom): number {
  const mt = r.mt;
  if (r.index >= N) {
    let kk = 0;
    for (; kk < N - M; kk++) {
      const y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    for (; kk < N - 1; kk++) {
      const y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    const y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    r.index = 0;
  }
  let y = mt[r.index++];
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y >>> 0;
}

function seed(r: PyRandom, arg: PyObj | null): void {
  if (arg === null || arg === None) {
    const key = new Uint32Array(N);
    randomFillSync(key);
    initByArray(r, key);
    return;
  }
  let n: bigint;
  if (typeof arg === "number" || typeof arg === "bigint" || typeof arg === "boolean") n = BigInt(arg);
  else n = BigInt(hash(arg));
  if (n < 0n) n = -n;
  const words: number[] = [];
  while (n > 0n) {
    words.push(Number(n & 0xffffffffn));
    n >>= 32n;
  }
  initByArray(r, Uint32Array.from(words.length === 0 ? [0] : words));
}

function getrandbits(r: PyRandom, k: number): PyObj {
  if (k < 0) throw valueError("number of bits must be non-negative");
  if (k === 0) return 0;
  if (k <= 32) return genrand(r) >>> (32 - k);
  let out = 0n;
  let shift = 0n;
  for (let left = k; left > 0; left -= 32) {
    let w = genrand(r);
    if (left < 32) w >>>= 32 - left;
    out |= BigInt(w) << shift;
    shift += 32n;
  }
  return out <= 9007199254740991n ? Number(out) : out;
}

let randomType: PyType | null = null;

export function makeRandomModule(): PyModule {
  if (randomType === null) {
    randomType = nativeType("_random", "Random", (t) => {
      t.tp_new = (cls, args) => {
        const r = new PyRandom(cls);
        r.mt = new Uint32Array(N);
        r.index = N + 1;
        if (cls === randomType && args.length > 1) throw typeError(`Random() takes at most 1 argument (${args.length} given)`);
        seed(r, args.length > 0 ? args[0] : null);
        return r;
      };
      const R = (o: PyObj) => o as PyRandom;
      defineMethod(t, "random", (o) => {
        const a = genrand(R(o)) >>> 5, b = genrand(R(o)) >>> 6;
        return new PyFloat((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
      });
      defineMethod(t, "seed", (o, args) => {
        seed(R(o), args.length > 0 ? args[0] : null);
        return None;
      });
      defineMethod(t, "getrandbits", (o, args) => getrandbits(R(o), indexAsNumber(args[0])));
      defineMethod(t, "getstate", (o) => newTuple([...Array.from(R(o).mt), R(o).index]));
      defineMethod(t, "setstate", (o, args) => {
        const items = toArray(args[0]);
        if (items.length !== N + 1) throw valueError("state vector is the wrong size");
        for (let i = 0; i < N; i++) R(o).mt[i] = indexAsNumber(items[i]) >>> 0;
        const idx = indexAsNumber(items[N]);
        if (idx < 0 || idx > N) throw valueError("invalid state");
        R(o).index = idx;
        return None;
      });
      void typeOf;
    }, undefined, true);
  }
  const m = new PyModule("_random");
  m.dict.setStr("Random", randomType);
  return m;
}
