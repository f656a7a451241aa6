// co_linetable: CPython 3.13's location table (PEP 626 / PEP 657), encoded and decoded.
//
// Receives: runs of code units with their source positions (from the assembler), or the
// table bytes of a code object. Hands on: the exact bytes CPython writes for the same
// positions; co_positions(), co_lines() and the line of an offset for tracebacks.
// Format and CPython's encoding choices: ../shared/reference/cpython-3.13/formats.md,
// section B. Lines are 1-based, columns 0-based UTF-8 byte offsets (end exclusive);
// a missing value is -1 (CPython's None).
import type { CodeObject } from "./code.js";

export interface Location {
  lineno: number;
  endLineno: number;
  col: number;
  endCol: number;
}

/** A run of `units` consecutive code units sharing one location. */
export interface LocationSpan extends Location {
  units: number;
}

/** Raised for a malformed table (the caller turns it into a Python error). */
export class LineTableError extends Error {}

/** Entry kinds (bits 6..3 of an entry's first byte). */
const enum LocationCode {
  // 0..9: short form (same line, column in groups of 8, width < 16)
  OneLine0 = 10, // 10..12: line delta 0..2, one byte each for column and end column
  NoColumn = 13,
  Long = 14,
  None = 15,
}

const MAX_ENTRY_UNITS = 8;

// --- encoding -----------------------------------------------------------------------

/** Unsigned varint: 6-bit chunks, least significant first, 0x40 = another chunk follows. */
function writeVarint(out: number[], value: number): void {
  // CPython writes an unsigned int; a negative value (an end line before the line, which
  // its compiler never produces) wraps the same way instead of looping or losing bits.
  if (value < 0) value = value >>> 0;
  while (value >= 64) {
    out.push((value & 63) | 64);
    value = Math.floor(value / 64);
  }
  out.push(value);
}

function writeSignedVarint(out: number[], value: number): void {
  writeVarint(out, value < 0 ? -value * 2 + 1 : value * 2);
}

function sameLocation(a: Location, b: Location): boolean {
  return a.lineno === b.lineno && a.endLineno === b.endLineno && a.col === b.col && a.endCol === b.endCol;
}

/**
 * CPython's bytes for these spans. Adjacent spans with equal locations are merged first
 * (as CPython's assembler merges instructions), then each run is cut into entries of at
 * most 8 units, and each entry takes the first form that fits (formats.md B.4).
 */
export function encodeLocationTable(spans: readonly LocationSpan[], firstlineno: number): Uint8Array {
  const out: number[] = [];
  let currentLine = firstlineno;

  const writeEntry = (loc: Location, units: number): void => {
    const header = (code: number): void => {
      out.push(0x80 | (code << 3) | (units - 1));
    };
    const { lineno, endLineno, col, endCol } = loc;
    if (lineno < 0) {
      header(LocationCode.None);
      return;
    }
    const delta = lineno - currentLine;
    if (col < 0 || endCol < 0) {
      if (endLineno === lineno || endLineno < 0) {
        header(LocationCode.NoColumn);
        writeSignedVarint(out, delta);
        currentLine = lineno;
        return;
      }
    } else if (endLineno === lineno) {
      if (delta === 0 && col < 80 && endCol >= col && endCol - col < 16) {
        header(col >> 3);
        out.push(((col & 7) << 4) | (endCol - col));
        return;
      }
      if (delta >= 0 && delta < 3 && col < 128 && endCol < 128) {
        header(LocationCode.OneLine0 + delta);
        out.push(col, endCol);
        currentLine = lineno;
        return;
      }
    }
    header(LocationCode.Long);
    writeSignedVarint(out, delta);
    writeVarint(out, endLineno - lineno);
    writeVarint(out, col + 1);
    writeVarint(out, endCol + 1);
    currentLine = lineno;
  };

  let i = 0;
  while (i < spans.length) {
    const run = spans[i];
    let units = run.units;
    let j = i + 1;
    while (j < spans.length && sameLocation(spans[j], run)) units += spans[j++].units;
    for (; units > MAX_ENTRY_UNITS; units -= MAX_ENTRY_UNITS) writeEntry(run, MAX_ENTRY_UNITS);
    if (units > 0) writeEntry(run, units);
    i = j;
  }
  return Uint8Array.from(out);
}

// --- decoding -----------------------------------------------------------------------

/**
 * Calls `sink(units, lineno, endLineno, col, endCol)` for every entry of the table,
 * allocating nothing. This is the one decoder; everything below is built on it.
 */
function walkLocationTable(
  table: Uint8Array,
  firstlineno: number,
  sink: (units: number, lineno: number, endLineno: number, col: number, endCol: number) => void,
): void {
  let pos = 0;
  const readByte = (): number => {
    if (pos >= table.length) throw new LineTableError("truncated location table");
    return table[pos++];
  };
  const readVarint = (): number => {
    let byte = readByte();
    let value = byte & 63;
    let scale = 64;
    while (byte & 64) {
      byte = readByte();
      value += (byte & 63) * scale;
      scale *= 64;
    }
    return value;
  };
  const readSignedVarint = (): number => {
    const raw = readVarint();
    return raw & 1 ? -Math.floor(raw / 2) : Math.floor(raw / 2);
  };
  let line = firstlineno;
  while (pos < table.length) {
    const header = table[pos++];
    if (!(header & 0x80)) throw new LineTableError(`location table entry without its marker bit at ${pos - 1}`);
    const code = (header >> 3) & 15;
    const units = (header & 7) + 1;
    if (code === LocationCode.None) {
      sink(units, -1, -1, -1, -1);
    } else if (code === LocationCode.Long) {
      line += readSignedVarint();
      const endLine = line + readVarint();
      const col = readVarint() - 1;
      const endCol = readVarint() - 1;
      sink(units, line, endLine, col, endCol);
    } else if (code === LocationCode.NoColumn) {
      line += readSignedVarint();
      sink(units, line, line, -1, -1);
    } else if (code >= LocationCode.OneLine0) {
      line += code - LocationCode.OneLine0;
      const col = readByte();
      const endCol = readByte();
      sink(units, line, line, col, endCol);
    } else {
      const second = readByte();
      const col = (code << 3) | ((second >> 4) & 7);
      sink(units, line, line, col, col + (second & 15));
    }
  }
}

/** One span per table entry (1..8 units each), in order. */
export function decodeLocationTable(table: Uint8Array, firstlineno: number): LocationSpan[] {
  const spans: LocationSpan[] = [];
  walkLocationTable(table, firstlineno, (units, lineno, endLineno, col, endCol) => {
    spans.push({ units, lineno, endLineno, col, endCol });
  });
  return spans;
}

/**
 * The table of one code object decoded into one slot per code unit, built on first use
 * and cached on the code object (tracebacks, f_lineno and dis all read it).
 */
export class LocationIndex {
  readonly units: number;
  readonly linenos: Int32Array;
  readonly endLinenos: Int32Array;
  readonly cols: Int32Array;
  readonly endCols: Int32Array;

  constructor(table: Uint8Array, firstlineno: number) {
    let units = 0;
    walkLocationTable(table, firstlineno, (n) => {
      units += n;
    });
    this.units = units;
    this.linenos = new Int32Array(units);
    this.endLinenos = new Int32Array(units);
    this.cols = new Int32Array(units);
    this.endCols = new Int32Array(units);
    let at = 0;
    walkLocationTable(table, firstlineno, (n, lineno, endLineno, col, endCol) => {
      this.linenos.fill(lineno, at, at + n);
      this.endLinenos.fill(endLineno, at, at + n);
      this.cols.fill(col, at, at + n);
      this.endCols.fill(endCol, at, at + n);
      at += n;
    });
  }

  static of(code: CodeObject): LocationIndex {
    let index = code._locationIndex;
    if (index === null) {
      index = new LocationIndex(code.co_linetable, code.co_firstlineno);
      code._locationIndex = index;
    }
    return index;
  }
}

/** co_positions(): one location per code unit the table covers (all of co_code when well-formed). */
export function codePositions(code: CodeObject): Location[] {
  const index = LocationIndex.of(code);
  const out: Location[] = new Array(index.units);
  for (let i = 0; i < index.units; i++) {
    out[i] = { lineno: index.linenos[i], endLineno: index.endLinenos[i], col: index.cols[i], endCol: index.endCols[i] };
  }
  return out;
}

/**
 * co_lines(): [startByte, endByte, line] ranges in byte offsets, consecutive units with
 * the same line merged, exactly as CPython yields them (line -1 stands for None).
 */
export function codeLines(code: CodeObject): [start: number, end: number, line: number][] {
  const index = LocationIndex.of(code);
  const lines = index.linenos;
  const out: [number, number, number][] = [];
  let i = 0;
  while (i < index.units) {
    const line = lines[i];
    let j = i + 1;
    while (j < index.units && lines[j] === line) j++;
    out.push([i * 2, j * 2, line]);
    i = j;
  }
  return out;
}

/** The line of the instruction at `byteOffset` (tracebacks, f_lineno); -1 when unknown. */
export function lineForOffset(code: CodeObject, byteOffset: number): number {
  const index = LocationIndex.of(code);
  const unit = byteOffset >> 1;
  return unit >= 0 && unit < index.units ? index.linenos[unit] : -1;
}

/** The full location of the instruction at `byteOffset`; every field -1 when unknown. */
export function locationForOffset(code: CodeObject, byteOffset: number): Location {
  const index = LocationIndex.of(code);
  const unit = byteOffset >> 1;
  if (unit < 0 || unit >= index.units) return { lineno: -1, endLineno: -1, col: -1, endCol: -1 };
  return { lineno: index.linenos[unit], endLineno: index.endLinenos[unit], col: index.cols[unit], endCol: index.endCols[unit] };
}
