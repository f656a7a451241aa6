// The CPython 3.13 code object as plain data: what the assembler produces, what marshal
// reads and writes, and what the VM executes. Field names are CPython's.
import type { MarshalValue } from "./values.js";
import type { ExceptionHandlerIndex } from "./exceptionTable.js";
import type { LocationIndex } from "./lineTable.js";
import { codeLines, codePositions, type Location } from "./lineTable.js";

/** co_flags bits (Include/cpython/code.h). */
export const enum CodeFlag {
  OPTIMIZED = 0x1,
  NEWLOCALS = 0x2,
  VARARGS = 0x4,
  VARKEYWORDS = 0x8,
  NESTED = 0x10,
  GENERATOR = 0x20,
  NOFREE = 0x40,
  COROUTINE = 0x80,
  ITERABLE_COROUTINE = 0x100,
  ASYNC_GENERATOR = 0x200,
}

/** co_localspluskinds bits. */
export const enum LocalKind {
  HIDDEN = 0x10,
  LOCAL = 0x20,
  CELL = 0x40,
  FREE = 0x80,
}

export interface CodeObjectFields {
  co_argcount: number;
  co_posonlyargcount: number;
  co_kwonlyargcount: number;
  co_stacksize: number;
  co_flags: number;
  co_code: Uint8Array;
  co_consts: MarshalValue[];
  co_names: string[];
  co_localsplusnames: string[];
  co_localspluskinds: Uint8Array;
  co_filename: string;
  co_name: string;
  co_qualname: string;
  co_firstlineno: number;
  co_linetable: Uint8Array;
  co_exceptiontable: Uint8Array;
}

export class CodeObject implements CodeObjectFields {
  co_argcount: number;
  co_posonlyargcount: number;
  co_kwonlyargcount: number;
  co_stacksize: number;
  co_flags: number;
  co_code: Uint8Array;
  co_consts: MarshalValue[];
  co_names: string[];
  co_localsplusnames: string[];
  co_localspluskinds: Uint8Array;
  co_filename: string;
  co_name: string;
  co_qualname: string;
  co_firstlineno: number;
  co_linetable: Uint8Array;
  co_exceptiontable: Uint8Array;
  // Derived once from localsplus (CPython computes these when the code object is made).
  readonly co_nlocals: number;
  readonly co_varnames: readonly string[];
  readonly co_cellvars: readonly string[];
  readonly co_freevars: readonly string[];
  // Lazily filled caches of decoded tables (set here so every code object has one shape):
  // ExceptionHandlerIndex.of() and LocationIndex.of() fill them on first use.
  _handlerIndex: ExceptionHandlerIndex | null;
  _locationIndex: LocationIndex | null;

  constructor(f: CodeObjectFields) {
    this.co_argcount = f.co_argcount;
    this.co_posonlyargcount = f.co_posonlyargcount;
    this.co_kwonlyargcount = f.co_kwonlyargcount;
    this.co_stacksize = f.co_stacksize;
    this.co_flags = f.co_flags;
    this.co_code = f.co_code;
    this.co_consts = f.co_consts;
    this.co_names = f.co_names;
    this.co_localsplusnames = f.co_localsplusnames;
    this.co_localspluskinds = f.co_localspluskinds;
    this.co_filename = f.co_filename;
    this.co_name = f.co_name;
    this.co_qualname = f.co_qualname;
    this.co_firstlineno = f.co_firstlineno;
    this.co_linetable = f.co_linetable;
    this.co_exceptiontable = f.co_exceptiontable;
    const varnames: string[] = [];
    const cellvars: string[] = [];
    const freevars: string[] = [];
    for (let i = 0; i < f.co_localsplusnames.length; i++) {
      const kind = f.co_localspluskinds[i];
      const name = f.co_localsplusnames[i];
      if (kind & LocalKind.LOCAL) varnames.push(name);
      if (kind & LocalKind.CELL) cellvars.push(name);
      if (kind & LocalKind.FREE) freevars.push(name);
    }
    this.co_nlocals = varnames.length;
    this.co_varnames = varnames;
    this.co_cellvars = cellvars;
    this.co_freevars = freevars;
    this._handlerIndex = null;
    this._locationIndex = null;
  }

  /** co_positions(): one location per code unit (-1 for None). */
  co_positions(): Location[] {
    return codePositions(this);
  }

  /** co_lines(): [startByte, endByte, line] ranges as CPython yields them (line -1 for None). */
  co_lines(): [start: number, end: number, line: number][] {
    return codeLines(this);
  }

  /** Number of localsplus slots (locals + cells + frees): the frame's fast-locals size. */
  get co_nlocalsplus(): number {
    return this.co_localsplusnames.length;
  }
}
