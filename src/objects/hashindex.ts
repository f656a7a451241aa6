// The hash index of a dict's keys that need __hash__/__eq__ (tuples, instances of classes
// defining __eq__, ...): full hash -> slot of the entry in the dict's key/value arrays.
// Open addressing over typed arrays with CPython's probe sequence (i = 5*i + perturb + 1),
// so that a lookup compares stored hashes without following pointers, `==` runs only on
// entries whose full hash matches (as in CPython: no extra __eq__ calls), and adding an
// entry allocates nothing.
import { PyObj } from "./core.js";

const EMPTY = -1;
const DUMMY = -2;
const MIN_SIZE = 8;
const TWO32 = 4294967296;

/** Decides whether the stored key equals the looked-up one (may run Python code). */
export type KeyEquality = (stored: PyObj, key: PyObj) => boolean;

export class HashIndex {
  /** The full hash (a tp_hash number) of the entry at each table position. */
  declare hashes: Float64Array;
  /** EMPTY, DUMMY (a deleted entry: probing goes on past it) or the entry's slot. */
  declare slots: Int32Array;
  declare mask: number;
  /** Positions holding an entry. */
  declare used: number;
  /** Positions holding an entry or a dummy. */
  declare filled: number;

  constructor(size = MIN_SIZE) {
    this.hashes = new Float64Array(size);
    this.slots = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
    this.used = 0;
    this.filled = 0;
  }

  get size(): number {
    return this.used;
  }

  /**
   * The slot of an entry whose hash is `h` and whose key `eq` accepts, or -1. The table
   * may change while `eq` runs Python code; the probe then finishes on the arrays it
   * started with (the caller's answer is as stale as CPython's without its restart).
   */
  find(h: number, key: PyObj, keys: readonly PyObj[], eq: KeyEquality): number {
    const hashes = this.hashes, slots = this.slots, mask = this.mask;
    let perturb = perturbOf(h);
    let i = perturb & mask;
    for (;;) {
      const s = slots[i];
      if (s === EMPTY) return -1;
      if (s >= 0 && hashes[i] === h && eq(keys[s], key)) return s;
      perturb >>>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
  }

  /** Records entry `slot` with hash `h` (the caller checked that no equal key is present). */
  add(h: number, slot: number): void {
    if ((this.filled + 1) * 3 >= (this.mask + 1) * 2) this.resize();
    this.place(h, slot);
  }

  private place(h: number, slot: number): void {
    const slots = this.slots, mask = this.mask;
    let perturb = perturbOf(h);
    let i = perturb & mask;
    while (slots[i] >= 0) {
      perturb >>>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
    if (slots[i] === EMPTY) this.filled++;
    slots[i] = slot;
    this.hashes[i] = h;
    this.used++;
  }

  /** Forgets entry `slot` (hash `h`); nothing happens when it is not recorded. */
  remove(h: number, slot: number): void {
    const hashes = this.hashes, slots = this.slots, mask = this.mask;
    let perturb = perturbOf(h);
    let i = perturb & mask;
    for (;;) {
      const s = slots[i];
      if (s === EMPTY) return;
      if (s === slot && hashes[i] === h) {
        slots[i] = DUMMY;
        this.used--;
        return;
      }
      perturb >>>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
  }

  private resize(): void {
    const oldHashes = this.hashes, oldSlots = this.slots;
    let size = MIN_SIZE;
    while (size <= this.used * 3) size *= 2;
    this.hashes = new Float64Array(size);
    this.slots = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
    this.used = 0;
    this.filled = 0;
    for (let i = 0; i < oldSlots.length; i++) if (oldSlots[i] >= 0) this.place(oldHashes[i], oldSlots[i]);
  }
}

/** 32 bits of an integral hash number mixing its low and high words (unsigned). */
function perturbOf(h: number): number {
  return ((h | 0) ^ ((h / TWO32) | 0)) >>> 0;
}

/**
 * A HashIndex for 32-bit hashes (dict.ts's internal hash of plain tuples): each table
 * position is a (hash, slot) pair side by side in one Int32Array, so that a probe reads
 * one cache line per position instead of one in each of two arrays.
 */
export class Int32HashIndex {
  /** Position p holds its hash at 2p and EMPTY, DUMMY or the entry's slot at 2p + 1. */
  declare table: Int32Array;
  declare mask: number;
  /** Positions holding an entry. */
  declare used: number;
  /** Positions holding an entry or a dummy. */
  declare filled: number;
  /**
   * The items of 2-item keys side by side (slot s at 2s and 2s + 1), kept by dict.ts while
   * every key of its dict is such a tuple, so that findPair reads neither the stored key
   * nor its items array (two dependent cache misses per probe in a big dict); in step with
   * the dict while `pairsVersion` is the dict's version, else stale.
   */
  declare pairs: PyObj[] | null;
  declare pairsVersion: number;

  constructor(size = MIN_SIZE) {
    this.table = emptyPairs(size);
    this.mask = size - 1;
    this.used = 0;
    this.filled = 0;
    this.pairs = null;
    this.pairsVersion = -1;
  }

  /** As HashIndex.find, for a hash `h` taken as int32. */
  find(h: number, key: PyObj, keys: readonly PyObj[], eq: KeyEquality): number {
    const table = this.table, mask = this.mask;
    h |= 0;
    let perturb = h >>> 0;
    let i = perturb & mask;
    for (;;) {
      const s = table[2 * i + 1];
      if (s === EMPTY) return -1;
      if (s >= 0 && table[2 * i] === h && eq(keys[s], key)) return s;
      perturb >>>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
  }

  /**
   * find for a key whose items are (a, b), by `pairs` (see there): `itemEq(stored, given)`
   * compares one item. `itemEq` must not run Python code.
   */
  findPair(h: number, a: PyObj, b: PyObj, pairs: readonly PyObj[], itemEq: (x: PyObj, y: PyObj) => boolean): number {
    const table = this.table, mask = this.mask;
    h |= 0;
    let perturb = h >>> 0;
    let i = perturb & mask;
    for (;;) {
      const s = table[2 * i + 1];
      if (s === EMPTY) return -1;
      if (s >= 0 && table[2 * i] === h && itemEq(pairs[2 * s], a) && itemEq(pairs[2 * s + 1], b)) return s;
      perturb >>>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
  }

  /** Records entry `slot` with hash `h` (the caller checked that no equal key is present). */
  add(h: number, slot: number): void {
    if ((this.filled + 1) * 3 >= (this.mask + 1) * 2) this.resize();
    this.place(h | 0, slot);
  }

  /**
   * find, and when nothing is found, add(h, slot) at the position the probe ended on (one
   * probe for both). Returns the slot found, or -1 when `slot` was added. `eq` must not
   * run Python code (the table must not change under the probe).
   */
  findOrAdd(h: number, key: PyObj, keys: readonly PyObj[], eq: KeyEquality, slot: number): number {
    if ((this.filled + 1) * 3 >= (this.mask + 1) * 2) this.resize();
    const table = this.table, mask = this.mask;
    h |= 0;
    let perturb = h >>> 0;
    let i = perturb & mask;
    let free = -1;
    for (;;) {
      const s = table[2 * i + 1];
      if (s === EMPTY) break;
      if (s >= 0) {
        if (table[2 * i] === h && eq(keys[s], key)) return s;
      } else if (free < 0) free = i;
      perturb >>>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
    if (free >= 0) i = free;
    else this.filled++;
    table[2 * i] = h;
    table[2 * i + 1] = slot;
    this.used++;
    return -1;
  }

  private place(h: number, slot: number): void {
    const table = this.table, mask = this.mask;
    let perturb = h >>> 0;
    let i = perturb & mask;
    while (table[2 * i + 1] >= 0) {
      perturb >>>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
    if (table[2 * i + 1] === EMPTY) this.filled++;
    table[2 * i] = h;
    table[2 * i + 1] = slot;
    this.used++;
  }

  /** Forgets entry `slot` (hash `h`); nothing happens when it is not recorded. */
  remove(h: number, slot: number): void {
    const table = this.table, mask = this.mask;
    h |= 0;
    let perturb = h >>> 0;
    let i = perturb & mask;
    for (;;) {
      const s = table[2 * i + 1];
      if (s === EMPTY) return;
      if (s === slot && table[2 * i] === h) {
        table[2 * i + 1] = DUMMY;
        this.used--;
        return;
      }
      perturb >>>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
  }

  /** Calls `f` with the slot of every entry. */
  forEachSlot(f: (slot: number) => void): void {
    const table = this.table;
    for (let i = 1; i < table.length; i += 2) if (table[i] >= 0) f(table[i]);
  }

  private resize(): void {
    const old = this.table;
    let size = MIN_SIZE;
    while (size <= this.used * 3) size *= 2;
    this.table = emptyPairs(size);
    this.mask = size - 1;
    this.used = 0;
    this.filled = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] >= 0) this.place(old[i], old[i + 1]);
  }
}

/** A table of `size` (hash, slot) pairs, every slot EMPTY. */
function emptyPairs(size: number): Int32Array {
  const t = new Int32Array(2 * size);
  for (let i = 1; i < t.length; i += 2) t[i] = EMPTY;
  return t;
}
