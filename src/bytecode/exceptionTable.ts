// co_exceptiontable: CPython 3.13's exception table, encoded, decoded and looked up.
//
// Receives: handler entries from the assembler (encode), or a table read by marshal (decode).
// Hands on: the table bytes; for the VM, the handler covering an instruction offset.
// Format: ../shared/reference/cpython-3.13/formats.md, section A. Every offset here is in
// code units (2-byte units of co_code); `end` is exclusive.
//
// Each entry is four varints: start, size, target, (depth << 1) | lasti. A varint is cut
// into 6-bit chunks, most significant first; 0x40 marks "another chunk follows" and 0x80
// marks the first byte of an entry.
import type { CodeObject } from "./code.js";

export interface ExceptionTableEntry {
  start: number;
  end: number;
  target: number;
  depth: number;
  lasti: boolean;
}

/** Raised for a malformed table (the caller turns it into a Python error). */
export class ExceptionTableError extends Error {}

const CHUNK_MASK = 0x3f;
const CONTINUE_BIT = 0x40;
const ENTRY_START_BIT = 0x80;

/** Appends `value` as a most-significant-first 6-bit varint. */
function writeVarint(out: number[], value: number, entryStart: boolean): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new ExceptionTableError(`exception table value out of range: ${value}`);
  }
  // Find the highest non-zero 6-bit chunk (at least one chunk is always written).
  let shift = 0;
  while (value >= 2 ** (shift + 6)) shift += 6;
  let first = true;
  for (; shift >= 0; shift -= 6) {
    let byte = Math.floor(value / 2 ** shift) & CHUNK_MASK;
    if (shift > 0) byte |= CONTINUE_BIT;
    if (first && entryStart) byte |= ENTRY_START_BIT;
    first = false;
    out.push(byte);
  }
}

export function encodeExceptionTable(entries: readonly ExceptionTableEntry[]): Uint8Array {
  const out: number[] = [];
  for (const e of entries) {
    if (e.end < e.start) throw new ExceptionTableError(`exception table entry ends before it starts: ${e.start}..${e.end}`);
    writeVarint(out, e.start, true);
    writeVarint(out, e.end - e.start, false);
    writeVarint(out, e.target, false);
    writeVarint(out, e.depth * 2 + (e.lasti ? 1 : 0), false);
  }
  return Uint8Array.from(out);
}

/** Calls `sink(start, end, target, depth, lasti)` for every entry, allocating nothing. */
function walkExceptionTable(
  table: Uint8Array,
  sink: (start: number, end: number, target: number, depth: number, lasti: boolean) => void,
): void {
  let pos = 0;
  const readVarint = (): number => {
    if (pos >= table.length) throw new ExceptionTableError("truncated exception table");
    let byte = table[pos++];
    let value = byte & CHUNK_MASK;
    while (byte & CONTINUE_BIT) {
      if (pos >= table.length) throw new ExceptionTableError("truncated exception table");
      byte = table[pos++];
      value = value * 64 + (byte & CHUNK_MASK);
    }
    return value;
  };
  while (pos < table.length) {
    if (!(table[pos] & ENTRY_START_BIT)) {
      throw new ExceptionTableError(`exception table entry does not start with a marked byte at ${pos}`);
    }
    const start = readVarint();
    const size = readVarint();
    const target = readVarint();
    const depthAndLasti = readVarint();
    sink(start, start + size, target, Math.floor(depthAndLasti / 2), (depthAndLasti & 1) === 1);
  }
}

export function decodeExceptionTable(table: Uint8Array): ExceptionTableEntry[] {
  const entries: ExceptionTableEntry[] = [];
  walkExceptionTable(table, (start, end, target, depth, lasti) => {
    entries.push({ start, end, target, depth, lasti });
  });
  return entries;
}

/**
 * The decoded table of one code object in parallel typed arrays, for the VM's handler
 * lookup on every raise. Built once per code object (cached on it) and searched by
 * bisection, since CPython's entries are sorted by start and never overlap.
 */
export class ExceptionHandlerIndex {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly targets: Int32Array;
  readonly depths: Int32Array;
  readonly lastis: Uint8Array;
  readonly length: number;

  constructor(entries: readonly ExceptionTableEntry[]) {
    const n = entries.length;
    this.length = n;
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.targets = new Int32Array(n);
    this.depths = new Int32Array(n);
    this.lastis = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const e = entries[i];
      this.starts[i] = e.start;
      this.ends[i] = e.end;
      this.targets[i] = e.target;
      this.depths[i] = e.depth;
      this.lastis[i] = e.lasti ? 1 : 0;
    }
  }

  static of(code: CodeObject): ExceptionHandlerIndex {
    let index = code._handlerIndex;
    if (index === null) {
      index = new ExceptionHandlerIndex(decodeExceptionTable(code.co_exceptiontable));
      code._handlerIndex = index;
    }
    return index;
  }

  /** Index of the entry covering code unit `offsetInUnits`, or -1 when none does. */
  lookup(offsetInUnits: number): number {
    const starts = this.starts;
    // Last entry whose start <= offset.
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] <= offsetInUnits) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    return i >= 0 && offsetInUnits < this.ends[i] ? i : -1;
  }

  entry(i: number): ExceptionTableEntry {
    return {
      start: this.starts[i],
      end: this.ends[i],
      target: this.targets[i],
      depth: this.depths[i],
      lasti: this.lastis[i] === 1,
    };
  }
}
