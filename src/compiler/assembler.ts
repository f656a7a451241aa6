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

export function assemble(g: Cfg, umd: UnitMetadata, flags: number, filename: string): CodeObject {
  const stackdepth = calculateStackDepth(g);
  const fixed = buildCellFixedOffsets(umd);
  insertPrefixInstructions(umd, g.entry, fixed, umd.freevars.size, flags);
  const dropped = fixCellOffsets(umd, g, fixed);
  const nlocalsplus = umd.varnames.size + umd.cellvars.size + umd.freevars.size - dropped;
  convertPseudoOps(g);
  normalizeJumps(g);

  // linearize into parallel arrays (opcode, oparg, jump target index, offset)
  let n = 0;
  const blockStart = new Map<Block, number>();
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    blockStart.set(b, n);
    n += b.instrs.length;
  }
  const ops = new Int32Array(n);
  const args = new Int32Array(n);
  const targets = new Int32Array(n).fill(-1);
  const sizes = new Int32Array(n);
  const offsets = new Int32Array(n + 1);
  const locs: Instr["loc"][] = new Array(n);
  const handlers: (Block | null)[] = new Array(n);
  let k = 0;
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    for (const ins of b.instrs) {
      ops[k] = ins.opcode;
      args[k] = ins.oparg;
      locs[k] = ins.loc;
      handlers[k] = ins.except;
      if (isJump(ins.opcode)) {
        const t = blockStart.get(ins.target!)!;
        targets[k] = t;
        args[k] = t;
      }
      sizes[k] = instrSize(ops[k], args[k]);
      k++;
    }
  }
  // resolve jump offsets; sizes of jumps may grow or shrink with EXTENDED_ARG
  for (;;) {
    let tot = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = tot;
      tot += sizes[i];
    }
    offsets[n] = tot;
    let again = false;
    for (let i = 0; i < n; i++) {
      const t = targets[i];
      if (t < 0) continue;
      const after = offsets[i] + sizes[i];
      const to = offsets[t];
      args[i] = to < after ? after - to : to - after;
      const size = instrSize(ops[i], args[i]);
      if (size !== sizes[i]) {
        sizes[i] = size;
        again = true;
      }
    }
    if (!again) break;
  }
  const totalUnits = offsets[n];

  // co_code (CACHE units stay zero)
  const code = new Uint8Array(totalUnits * 2);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const a = args[i];
    if (a > 0xffffff) { code[p++] = Op.EXTENDED_ARG; code[p++] = (a >>> 24) & 0xff; }
    if (a > 0xffff) { code[p++] = Op.EXTENDED_ARG; code[p++] = (a >>> 16) & 0xff; }
    if (a > 0xff) { code[p++] = Op.EXTENDED_ARG; code[p++] = (a >>> 8) & 0xff; }
    code[p++] = ops[i];
    code[p++] = a & 0xff;
    p += CACHE_ENTRIES[ops[i]] * 2;
  }

  // exception table: runs of instructions with the same handler
  const entries: ExceptionTableEntry[] = [];
  let current: Block | null = null;
  let start = -1;
  const emit = (end: number): void => {
    if (current === null) return;
    const h = current;
    let depth = h.startDepth - 1;
    if (h.preserveLasti) depth -= 1;
    entries.push({ start, end, target: offsets[blockStart.get(h)!], depth, lasti: h.preserveLasti });
  };
  for (let i = 0; i < n; i++) {
    if (handlers[i] !== current) {
      emit(offsets[i]);
      start = offsets[i];
      current = handlers[i];
    }
  }
  emit(totalUnits);

  // location table: runs of instructions with the same location
  const spans: LocationSpan[] = [];
  let loc = NO_LOCATION;
  let size = 0;
  for (let i = 0; i < n; i++) {
    const l = locs[i];
    if (!sameLoc(loc, l)) {
      if (size) spans.push({ units: size, lineno: loc.lineno, endLineno: loc.endLineno, col: loc.col, endCol: loc.endCol });
      loc = l;
      size = 0;
    }
    size += sizes[i];
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
