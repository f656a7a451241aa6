// From the optimized CFG to a CodeObject: stack depth, the localsplus layout (MAKE_CELL /
// COPY_FREE_VARS prefix, cell offsets), pseudo-op lowering, jump offsets with
// EXTENDED_ARG, co_code with zeroed CACHE units, co_exceptiontable and co_linetable.
// Mirrors CPython 3.13's flowgraph.c (_PyCfg_OptimizedCfgToInstructionSequence) and
// Python/assemble.c.
import { CodeObject, LocalKind } from "../bytecode/code.js";
import { Op, CACHE_ENTRIES } from "../bytecode/opcodes.generated.js";
import type { MarshalValue } from "../bytecode/values.js";
import { encodeExceptionTable, type ExceptionTableEntry } from "../bytecode/exceptionTable.js";
import { encodeLocationTable, type LocationSpan } from "../bytecode/lineTable.js";
import {
  Block, Cfg, Instr, NO_LOCATION, calculateStackDepth, convertPseudoOps, isJump, normalizeJumps, sameLoc,
} from "./flowgraph.js";

export const CO_GENERATOR = 0x20;
export const CO_COROUTINE = 0x80;
export const CO_ASYNC_GENERATOR = 0x200;

/** What the code unit knows about itself (CPython's _PyCompile_CodeUnitMetadata). */
export interface UnitMetadata {
  name: string;
  qualname: string;
  consts: MarshalValue[];
  names: Map<string, number>;
  varnames: Map<string, number>;
  cellvars: Map<string, number>;
  freevars: Map<string, number>;
  fasthidden: Set<string>;
  argcount: number;
  posonlyargcount: number;
  kwonlyargcount: number;
  firstlineno: number;
}

function instrSize(opcode: number, oparg: number): number {
  const ext = oparg > 0xffffff ? 3 : oparg > 0xffff ? 2 : oparg > 0xff ? 1 : 0;
  return 1 + ext + CACHE_ENTRIES[opcode];
}

function buildCellFixedOffsets(umd: UnitMetadata): number[] {
  const nlocals = umd.varnames.size;
  const n = umd.cellvars.size + umd.freevars.size;
  const fixed: number[] = [];
  for (let i = 0; i < n; i++) fixed.push(nlocals + i);
  for (const [name, cellIndex] of umd.cellvars) {
    const varIndex = umd.varnames.get(name);
    if (varIndex === undefined) continue;
    fixed[cellIndex] = varIndex;
  }
  return fixed;
}

function insertPrefixInstructions(umd: UnitMetadata, entry: Block, fixed: number[], nfree: number, flags: number): void {
  if (flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) {
    const loc = { lineno: umd.firstlineno, endLineno: umd.firstlineno, col: -1, endCol: -1 };
    entry.instrs.splice(0, 0, new Instr(Op.RETURN_GENERATOR, 0, loc), new Instr(Op.POP_TOP, 0, loc));
  }
  const ncells = umd.cellvars.size;
  if (ncells) {
    const nvars = ncells + umd.varnames.size;
    const sorted = new Int32Array(nvars);
    for (let i = 0; i < ncells; i++) sorted[fixed[i]] = i + 1;
    let used = 0;
    for (let i = 0; used < ncells; i++) {
      const old = sorted[i] - 1;
      if (old === -1) continue;
      entry.instrs.splice(used, 0, new Instr(Op.MAKE_CELL, old, NO_LOCATION));
      used++;
    }
  }
  if (nfree) entry.instrs.splice(0, 0, new Instr(Op.COPY_FREE_VARS, nfree, NO_LOCATION));
}

function fixCellOffsets(umd: UnitMetadata, g: Cfg, fixed: number[]): number {
  const nlocals = umd.varnames.size;
  const n = umd.cellvars.size + umd.freevars.size;
  let dropped = 0;
  for (let i = 0; i < n; i++) {
    if (fixed[i] === i + nlocals) fixed[i] -= dropped;
    else dropped++;
  }
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    for (const ins of b.instrs) {
      switch (ins.opcode) {
        case Op.MAKE_CELL: case Op.LOAD_CLOSURE: case Op.LOAD_DEREF: case Op.STORE_DEREF:
        case Op.DELETE_DEREF: case Op.LOAD_FROM_DICT_OR_DEREF:
          ins.oparg = fixed[ins.oparg];
      }
    }
  }
  return dropped;
}

function localsplusInfo(umd: UnitMetadata, nlocalsplus: number): { names: string[]; kinds: Uint8Array } {
  const names: string[] = new Array(nlocalsplus);
  const kinds = new Uint8Array(nlocalsplus);
  for (const [name, offset] of umd.varnames) {
    let kind: number = LocalKind.LOCAL;
    if (umd.fasthidden.has(name)) kind |= LocalKind.HIDDEN;
    if (umd.cellvars.has(name)) kind |= LocalKind.CELL;
    names[offset] = name;
    kinds[offset] = kind;
  }
  const nlocals = umd.varnames.size;
  let dropped = 0;
  for (const [name, offset] of umd.cellvars) {
    if (umd.varnames.has(name)) {
      dropped++;
      continue;
    }
    names[offset + nlocals - dropped] = name;
    kinds[offset + nlocals - dropped] = LocalKind.CELL;
  }
  for (const [name, offset] of umd.freevars) {
    names[offset + nlocals - dropped] = name;
    kinds[offset + nlocals - dropped] = LocalKind.FREE;
  }
  return { names, kinds };
}

interface FlatInstr {
  opcode: number;
  oparg: number;
  loc: Instr["loc"];
  target: number; // instruction index for jumps
  handler: Block | null;
  offset: number;
}

export function assemble(g: Cfg, umd: UnitMetadata, flags: number, filename: string): CodeObject {
  const stackdepth = calculateStackDepth(g);
  const fixed = buildCellFixedOffsets(umd);
  insertPrefixInstructions(umd, g.entry, fixed, umd.freevars.size, flags);
  const dropped = fixCellOffsets(umd, g, fixed);
  const nlocalsplus = umd.varnames.size + umd.cellvars.size + umd.freevars.size - dropped;
  convertPseudoOps(g);
  normalizeJumps(g);

  // linearize
  const blockStart = new Map<Block, number>();
  const flat: FlatInstr[] = [];
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    blockStart.set(b, flat.length);
    for (const ins of b.instrs) {
      flat.push({ opcode: ins.opcode, oparg: ins.oparg, loc: ins.loc, target: -1, handler: ins.except, offset: 0 });
    }
  }
  let k = 0;
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    for (const ins of b.instrs) {
      if (isJump(ins.opcode)) {
        const t = blockStart.get(ins.target!)!;
        flat[k].target = t;
        flat[k].oparg = t;
      }
      k++;
    }
  }
  // resolve jump offsets
  for (;;) {
    let tot = 0;
    for (const f of flat) {
      f.offset = tot;
      tot += instrSize(f.opcode, f.oparg);
    }
    let again = false;
    let offset = 0;
    for (const f of flat) {
      const isize = instrSize(f.opcode, f.oparg);
      offset += isize;
      if (f.target >= 0) {
        const to = f.target < flat.length ? flat[f.target].offset : tot;
        f.oparg = to < offset ? offset - to : to - offset;
        if (instrSize(f.opcode, f.oparg) !== isize) again = true;
      }
    }
    if (!again) break;
  }

  // co_code
  let totalUnits = 0;
  for (const f of flat) totalUnits += instrSize(f.opcode, f.oparg);
  const code = new Uint8Array(totalUnits * 2);
  let p = 0;
  for (const f of flat) {
    const a = f.oparg;
    if (a > 0xffffff) { code[p++] = Op.EXTENDED_ARG; code[p++] = (a >>> 24) & 0xff; }
    if (a > 0xffff) { code[p++] = Op.EXTENDED_ARG; code[p++] = (a >>> 16) & 0xff; }
    if (a > 0xff) { code[p++] = Op.EXTENDED_ARG; code[p++] = (a >>> 8) & 0xff; }
    code[p++] = f.opcode;
    code[p++] = a & 0xff;
    p += CACHE_ENTRIES[f.opcode] * 2;
  }

  // exception table
  const entries: ExceptionTableEntry[] = [];
  let current: Block | null = null;
  let start = -1;
  let ioffset = 0;
  const emit = (end: number): void => {
    if (current === null) return;
    const h = current;
    let depth = h.startDepth - 1;
    if (h.preserveLasti) depth -= 1;
    const target = flat[blockStart.get(h)!].offset;
    entries.push({ start, end, target, depth, lasti: h.preserveLasti });
  };
  for (const f of flat) {
    if (f.handler !== current) {
      emit(ioffset);
      start = ioffset;
      current = f.handler;
    }
    ioffset += instrSize(f.opcode, f.oparg);
  }
  emit(ioffset);

  // location table
  const spans: LocationSpan[] = [];
  let loc = NO_LOCATION;
  let size = 0;
  for (const f of flat) {
    if (!sameLoc(loc, f.loc)) {
      if (size) spans.push({ units: size, lineno: loc.lineno, endLineno: loc.endLineno, col: loc.col, endCol: loc.endCol });
      loc = f.loc;
      size = 0;
    }
    size += instrSize(f.opcode, f.oparg);
  }
  if (size) spans.push({ units: size, lineno: loc.lineno, endLineno: loc.endLineno, col: loc.col, endCol: loc.endCol });

  const { names, kinds } = localsplusInfo(umd, nlocalsplus);
  const nameList: string[] = new Array(umd.names.size);
  for (const [n, i] of umd.names) nameList[i] = n;
  return new CodeObject({
    co_argcount: umd.argcount + umd.posonlyargcount,
    co_posonlyargcount: umd.posonlyargcount,
    co_kwonlyargcount: umd.kwonlyargcount,
    co_stacksize: stackdepth,
    co_flags: flags,
    co_code: code,
    co_consts: umd.consts,
    co_names: nameList,
    co_localsplusnames: names,
    co_localspluskinds: kinds,
    co_filename: filename,
    co_name: umd.name,
    co_qualname: umd.qualname,
    co_firstlineno: umd.firstlineno,
    co_linetable: encodeLocationTable(spans, umd.firstlineno),
    co_exceptiontable: encodeExceptionTable(entries),
  });
}
