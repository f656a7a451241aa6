// The control-flow graph: built from codegen's instruction sequence, optimized, and
// turned back into a linear sequence ready for the assembler. Mirrors CPython 3.13's
// Python/flowgraph.c pass for pass (same order, same peephole rules), because any
// difference shows up in co_code, co_linetable or co_exceptiontable.
import { Op, STACK_EFFECTS, OPNAME } from "../bytecode/opcodes.generated.js";
import type { MarshalValue } from "../bytecode/values.js";
import { ConstCache, isTruthyConst } from "./constants.js";

/** A source location: lines 1-based, columns 0-based UTF-8 offsets; -1 = none. */
export interface Loc {
  readonly lineno: number;
  readonly endLineno: number;
  readonly col: number;
  readonly endCol: number;
}

export const NO_LOCATION: Loc = { lineno: -1, endLineno: -1, col: -1, endCol: -1 };

export function sameLoc(a: Loc, b: Loc): boolean {
  return a.lineno === b.lineno && a.endLineno === b.endLineno && a.col === b.col && a.endCol === b.endCol;
}

export class Instr {
  target: Block | null = null;
  except: Block | null = null;
  constructor(
    public opcode: number,
    public oparg: number,
    public loc: Loc,
  ) {}

  setOp0(op: number): void {
    this.opcode = op;
    this.oparg = 0;
  }

  setOp1(op: number, arg: number): void {
    this.opcode = op;
    this.oparg = arg;
  }

  copy(): Instr {
    const i = new Instr(this.opcode, this.oparg, this.loc);
    i.target = this.target;
    i.except = this.except;
    return i;
  }
}

export class Block {
  label = -1;
  instrs: Instr[] = [];
  next: Block | null = null;
  predecessors = 0;
  visited = false;
  exceptHandler = false;
  preserveLasti = false;
  startDepth = -1;
  cold = false;
  warm = false;
  /** locals 0..31 and 32..63 that may be unbound on entry (bit sets) */
  unsafeLo = 0;
  unsafeHi = 0;
  exceptStack: Block[] | null = null;
  offset = 0;

  last(): Instr | null {
    return this.instrs.length ? this.instrs[this.instrs.length - 1] : null;
  }

  noFallthrough(): boolean {
    const last = this.last();
    return last !== null && (isScopeExit(last.opcode) || isUnconditionalJump(last.opcode));
  }

  exitsScope(): boolean {
    const last = this.last();
    return last !== null && isScopeExit(last.opcode);
  }

  hasEvalBreak(): boolean {
    for (const i of this.instrs) if (hasEvalBreak(i.opcode)) return true;
    return false;
  }

  hasNoLineno(): boolean {
    for (const i of this.instrs) if (i.loc.lineno >= 0) return false;
    return true;
  }
}

// --- opcode classes -------------------------------------------------------------------

export function isJump(op: number): boolean {
  switch (op) {
    case Op.FOR_ITER: case Op.JUMP_BACKWARD: case Op.JUMP_BACKWARD_NO_INTERRUPT: case Op.JUMP_FORWARD:
    case Op.POP_JUMP_IF_FALSE: case Op.POP_JUMP_IF_NONE: case Op.POP_JUMP_IF_NOT_NONE: case Op.POP_JUMP_IF_TRUE:
    case Op.SEND: case Op.JUMP: case Op.JUMP_NO_INTERRUPT:
      return true;
  }
  return false;
}

export function isBlockPush(op: number): boolean {
  return op === Op.SETUP_FINALLY || op === Op.SETUP_CLEANUP || op === Op.SETUP_WITH;
}

export function hasTarget(op: number): boolean {
  return isJump(op) || isBlockPush(op);
}

export function isScopeExit(op: number): boolean {
  return op === Op.RETURN_VALUE || op === Op.RETURN_CONST || op === Op.RAISE_VARARGS || op === Op.RERAISE;
}

export function isUnconditionalJump(op: number): boolean {
  return op === Op.JUMP || op === Op.JUMP_NO_INTERRUPT || op === Op.JUMP_FORWARD ||
    op === Op.JUMP_BACKWARD || op === Op.JUMP_BACKWARD_NO_INTERRUPT;
}

function isTerminator(op: number): boolean {
  return isJump(op) || isScopeExit(op);
}

function hasEvalBreak(op: number): boolean {
  return op === Op.RESUME || op === Op.CALL || op === Op.CALL_KW || op === Op.CALL_FUNCTION_EX ||
    op === Op.JUMP_BACKWARD || op === Op.JUMP;
}

function hasConst(op: number): boolean {
  return op === Op.LOAD_CONST || op === Op.RETURN_CONST;
}

// --- stack effects --------------------------------------------------------------------

type EffectFn = (oparg: number) => number;
const effectCache = new Map<number, [EffectFn, EffectFn]>();

function tableFn(entry: number | readonly number[] | null, name: string): EffectFn {
  if (entry === null) return () => { throw new Error(`no stack effect for ${name}`); };
  if (typeof entry === "number") return () => entry;
  const e = entry;
  if (e.every((x) => x === e[0])) return () => e[0];
  if (name === "UNPACK_EX") return (a) => (a & 0xff) + (a >> 8);
  if (e.every((x, i) => x === e[i % 2])) return (a) => e[a % 2];
  const d = e[1] - e[0];
  if (e.every((x, i) => x === e[0] + i * d)) return (a) => e[0] + a * d;
  return (a) => (a < e.length ? e[a] : e[e.length - 1]);
}

export function stackEffect(op: number, oparg: number, jump: boolean): number {
  let fns = effectCache.get(op);
  if (fns === undefined) {
    const name = OPNAME[op] ?? pseudoName(op);
    const se = STACK_EFFECTS[name];
    if (!se) throw new Error(`no stack effect for ${name}`);
    fns = [tableFn(se.jumpFalse, name), tableFn(se.jumpTrue, name)];
    effectCache.set(op, fns);
  }
  return fns[jump ? 1 : 0](oparg);
}

function pseudoName(op: number): string {
  const names: Record<number, string> = {
    [Op.JUMP]: "JUMP", [Op.JUMP_NO_INTERRUPT]: "JUMP_NO_INTERRUPT", [Op.LOAD_CLOSURE]: "LOAD_CLOSURE",
    [Op.LOAD_METHOD]: "LOAD_METHOD", [Op.LOAD_SUPER_METHOD]: "LOAD_SUPER_METHOD",
    [Op.LOAD_ZERO_SUPER_ATTR]: "LOAD_ZERO_SUPER_ATTR", [Op.LOAD_ZERO_SUPER_METHOD]: "LOAD_ZERO_SUPER_METHOD",
    [Op.POP_BLOCK]: "POP_BLOCK", [Op.SETUP_CLEANUP]: "SETUP_CLEANUP", [Op.SETUP_FINALLY]: "SETUP_FINALLY",
    [Op.SETUP_WITH]: "SETUP_WITH", [Op.STORE_FAST_MAYBE_NULL]: "STORE_FAST_MAYBE_NULL",
  };
  return names[op] ?? `<${op}>`;
}

// --- the instruction sequence codegen writes ----------------------------------------

/** Codegen's output: instructions with jump opargs naming labels, and label positions. */
export class InstrSequence {
  readonly instrs: Instr[] = [];
  /** label id -> index of the instruction it precedes (-1 while unplaced) */
  readonly labelMap: number[] = [];

  newLabel(): number {
    this.labelMap.push(-1);
    return this.labelMap.length - 1;
  }

  useLabel(label: number): void {
    this.labelMap[label] = this.instrs.length;
  }

  addop(opcode: number, oparg: number, loc: Loc): void {
    this.instrs.push(new Instr(opcode, oparg, loc));
  }

  insert(pos: number, opcode: number, oparg: number, loc: Loc): void {
    this.instrs.splice(pos, 0, new Instr(opcode, oparg, loc));
    for (let i = 0; i < this.labelMap.length; i++) if (this.labelMap[i] >= pos) this.labelMap[i]++;
  }
}

// --- the graph ------------------------------------------------------------------------

export class Cfg {
  entry: Block;
  private cur: Block;
  private currentLabel = -1;

  constructor() {
    this.entry = new Block();
    this.cur = this.entry;
  }

  *blocks(): Generator<Block> {
    for (let b: Block | null = this.entry; b !== null; b = b.next) yield b;
  }

  private isTerminated(): boolean {
    const last = this.cur.last();
    if (last !== null && isTerminator(last.opcode)) return true;
    if (this.currentLabel >= 0) {
      if (last !== null || this.cur.label >= 0) return true;
      this.cur.label = this.currentLabel;
      this.currentLabel = -1;
    }
    return false;
  }

  private maybeStartNewBlock(): void {
    if (this.isTerminated()) {
      const b = new Block();
      b.label = this.currentLabel;
      this.currentLabel = -1;
      this.cur.next = b;
      this.cur = b;
    }
  }

  useLabel(label: number): void {
    this.currentLabel = label;
    this.maybeStartNewBlock();
  }

  addop(instr: Instr): void {
    this.maybeStartNewBlock();
    this.cur.instrs.push(instr);
  }

  static fromSequence(seq: InstrSequence): Cfg {
    const n = seq.instrs.length;
    const isTarget = new Uint8Array(n + 1);
    const resolved: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const ins = seq.instrs[i];
      if (hasTarget(ins.opcode)) {
        const pos = seq.labelMap[ins.oparg];
        if (pos < 0) throw new Error("jump to unplaced label");
        resolved[i] = pos;
        isTarget[pos] = 1;
      }
    }
    const g = new Cfg();
    for (let i = 0; i < n; i++) {
      if (isTarget[i]) g.useLabel(i);
      const ins = seq.instrs[i];
      if (hasTarget(ins.opcode)) ins.oparg = resolved[i];
      g.addop(ins);
    }
    // A label placed at the very end (jump past the last instruction) needs a block.
    if (isTarget[n]) {
      g.useLabel(n);
    }
    return g;
  }

  maxLabel(): number {
    let m = -1;
    for (const b of this.blocks()) if (b.label > m) m = b.label;
    return m;
  }
}

function nextNonemptyBlock(b: Block | null): Block | null {
  while (b !== null && b.instrs.length === 0) b = b.next;
  return b;
}

// --- preprocessing --------------------------------------------------------------------

function translateJumpLabelsToTargets(g: Cfg): void {
  const map = new Map<number, Block>();
  for (let b: Block | null = g.entry; b !== null; b = b.next) if (b.label >= 0) map.set(b.label, b);
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    for (const i of b.instrs) {
      if (hasTarget(i.opcode)) {
        const t = map.get(i.oparg);
        if (!t) throw new Error("jump target not found");
        i.target = t;
      }
    }
  }
}

function markExceptHandlers(g: Cfg): void {
  for (let b: Block | null = g.entry; b !== null; b = b.next) for (const i of b.instrs) if (isBlockPush(i.opcode)) i.target!.exceptHandler = true;
}

function labelExceptionTargets(g: Cfg): void {
  for (let b: Block | null = g.entry; b !== null; b = b.next) b.visited = false;
  const todo: Block[] = [g.entry];
  g.entry.visited = true;
  g.entry.exceptStack = [];
  while (todo.length) {
    const b = todo.pop()!;
    let stack = b.exceptStack!;
    b.exceptStack = null;
    let handler: Block | null = stack.length ? stack[stack.length - 1] : null;
    let lastYieldExceptDepth = -1;
    for (const ins of b.instrs) {
      if (isBlockPush(ins.opcode)) {
        const t = ins.target!;
        if (!t.visited) {
          t.exceptStack = stack.slice();
          t.visited = true;
          todo.push(t);
        }
        if (ins.opcode === Op.SETUP_WITH || ins.opcode === Op.SETUP_CLEANUP) t.preserveLasti = true;
        stack.push(t);
        handler = t;
      } else if (ins.opcode === Op.POP_BLOCK) {
        stack.pop();
        handler = stack.length ? stack[stack.length - 1] : null;
        ins.setOp0(Op.NOP);
      } else if (isJump(ins.opcode)) {
        ins.except = handler;
        const t = ins.target!;
        if (!t.visited) {
          if (!b.noFallthrough()) {
            t.exceptStack = stack.slice();
          } else {
            t.exceptStack = stack;
            stack = [];
          }
          t.visited = true;
          todo.push(t);
        }
      } else if (ins.opcode === Op.YIELD_VALUE) {
        ins.except = handler;
        lastYieldExceptDepth = stack.length;
      } else if (ins.opcode === Op.RESUME) {
        ins.except = handler;
        if (ins.oparg !== 0) {
          if (lastYieldExceptDepth === 1) ins.oparg |= 4; // RESUME_OPARG_DEPTH1_MASK
          lastYieldExceptDepth = -1;
        }
      } else {
        ins.except = handler;
      }
    }
    if (!b.noFallthrough() && b.next !== null && !b.next.visited) {
      b.next.exceptStack = stack;
      b.next.visited = true;
      todo.push(b.next);
    }
  }
}

// --- optimize_cfg ---------------------------------------------------------------------

const MAX_COPY_SIZE = 4;

function inlineSmallOrNoLinenoBlock(bb: Block): boolean {
  const last = bb.last();
  if (last === null || !isUnconditionalJump(last.opcode)) return false;
  const target = last.target!;
  const smallExit = target.exitsScope() && target.instrs.length <= MAX_COPY_SIZE;
  const noLinenoNoFallthrough = target.hasNoLineno() && target.noFallthrough();
  if (!(smallExit || noLinenoNoFallthrough)) return false;
  const removedJumpOpcode = last.opcode;
  last.setOp0(Op.NOP);
  last.target = null;
  for (const i of target.instrs) bb.instrs.push(i.copy());
  if (noLinenoNoFallthrough) {
    const l = bb.last()!;
    if (isUnconditionalJump(l.opcode) && removedJumpOpcode === Op.JUMP) l.opcode = Op.JUMP;
  }
  target.predecessors--;
  return true;
}

function inlineSmallOrNoLinenoBlocks(g: Cfg): void {
  let changes = true;
  while (changes) {
    changes = false;
    for (let b: Block | null = g.entry; b !== null; b = b.next) if (inlineSmallOrNoLinenoBlock(b)) changes = true;
  }
}

function removeUnreachable(g: Cfg): void {
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    b.predecessors = 0;
    b.visited = false;
  }
  const stack: Block[] = [g.entry];
  g.entry.predecessors = 1;
  g.entry.visited = true;
  while (stack.length) {
    const b = stack.pop()!;
    if (b.next !== null && !b.noFallthrough()) {
      if (!b.next.visited) {
        stack.push(b.next);
        b.next.visited = true;
      }
      b.next.predecessors++;
    }
    for (const i of b.instrs) {
      if (hasTarget(i.opcode)) {
        const t = i.target!;
        if (!t.visited) {
          stack.push(t);
          t.visited = true;
        }
        t.predecessors++;
      }
    }
  }
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    if (b.predecessors === 0) {
      b.instrs = [];
      b.exceptHandler = false;
    }
  }
}

function removeRedundantNopsInBlock(bb: Block): number {
  let hasNop = false;
  for (const i of bb.instrs) {
    if (i.opcode === Op.NOP) {
      hasNop = true;
      break;
    }
  }
  if (!hasNop) return 0;
  const out: Instr[] = [];
  let prevLineno = -1;
  const n = bb.instrs.length;
  for (let src = 0; src < n; src++) {
    const ins = bb.instrs[src];
    const lineno = ins.loc.lineno;
    if (ins.opcode === Op.NOP) {
      if (lineno < 0) continue;
      if (prevLineno === lineno) continue;
      if (src < n - 1) {
        const nextLineno = bb.instrs[src + 1].loc.lineno;
        if (nextLineno === lineno) continue;
        if (nextLineno < 0) {
          bb.instrs[src + 1].loc = ins.loc;
          continue;
        }
      } else {
        const next = nextNonemptyBlock(bb.next);
        if (next !== null) {
          let nextLoc = NO_LOCATION;
          for (const ni of next.instrs) {
            if (ni.opcode === Op.NOP && ni.loc.lineno === -1) continue;
            nextLoc = ni.loc;
            break;
          }
          if (lineno === nextLoc.lineno) continue;
        }
      }
    }
    out.push(ins);
    prevLineno = lineno;
  }
  const removed = n - out.length;
  bb.instrs = out;
  return removed;
}

function removeRedundantNops(g: Cfg): number {
  let changes = 0;
  for (let b: Block | null = g.entry; b !== null; b = b.next) changes += removeRedundantNopsInBlock(b);
  return changes;
}

function removeRedundantNopsAndPairs(g: Cfg): void {
  let done = false;
  while (!done) {
    done = true;
    let instr: Instr | null = null;
    for (let b: Block | null = g.entry; b !== null; b = b.next) {
      removeRedundantNopsInBlock(b);
      if (b.label >= 0) instr = null;
      for (let i = 0; i < b.instrs.length; i++) {
        const prev = instr;
        instr = b.instrs[i];
        const prevOpcode = prev ? prev.opcode : 0;
        const prevOparg = prev ? prev.oparg : 0;
        let redundant = false;
        if (instr.opcode === Op.POP_TOP) {
          if (prevOpcode === Op.LOAD_CONST) redundant = true;
          else if (prevOpcode === Op.COPY && prevOparg === 1) redundant = true;
        }
        if (redundant) {
          prev!.setOp0(Op.NOP);
          instr.setOp0(Op.NOP);
          done = false;
        }
      }
      if ((instr !== null && isJump(instr.opcode)) || b.noFallthrough()) instr = null;
    }
  }
}

function removeRedundantJumps(g: Cfg): number {
  let changes = 0;
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    const last = b.last();
    if (last === null) continue;
    if (isUnconditionalJump(last.opcode)) {
      const jumpTarget = nextNonemptyBlock(last.target);
      if (jumpTarget === null) throw new Error("jump with NULL target");
      const next = nextNonemptyBlock(b.next);
      if (jumpTarget === next) {
        changes++;
        last.setOp0(Op.NOP);
        last.target = null;
      }
    }
  }
  return changes;
}

function removeRedundantNopsAndJumps(g: Cfg): void {
  for (;;) {
    let removed = removeRedundantNops(g);
    removed += removeRedundantJumps(g);
    if (!removed) break;
  }
}

// --- line numbers ---------------------------------------------------------------------

function isExitOrEvalCheckWithoutLineno(b: Block): boolean {
  if (b.exitsScope() || b.hasEvalBreak()) return b.hasNoLineno();
  return false;
}

function duplicateExitsWithoutLineno(g: Cfg): void {
  let nextLabel = g.maxLabel() + 1;
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    const last = b.last();
    if (last === null) continue;
    if (isJump(last.opcode)) {
      const target = nextNonemptyBlock(last.target)!;
      if (isExitOrEvalCheckWithoutLineno(target) && target.predecessors > 1) {
        const nb = new Block();
        nb.instrs = target.instrs.map((i) => i.copy());
        nb.instrs[0].loc = last.loc;
        last.target = nb;
        target.predecessors--;
        nb.predecessors = 1;
        nb.next = target.next;
        nb.label = nextLabel++;
        target.next = nb;
      }
    }
  }
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    if (!b.noFallthrough() && b.next !== null && b.instrs.length) {
      if (isExitOrEvalCheckWithoutLineno(b.next)) {
        b.next.instrs[0].loc = b.last()!.loc;
      }
    }
  }
}

function propagateLineNumbers(g: Cfg): void {
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    const last = b.last();
    if (last === null) continue;
    let prev = NO_LOCATION;
    for (const i of b.instrs) {
      if (i.loc.lineno < 0) i.loc = prev;
      else prev = i.loc;
    }
    if (!b.noFallthrough() && b.next !== null && b.next.predecessors === 1) {
      if (b.next.instrs.length && b.next.instrs[0].loc.lineno < 0) b.next.instrs[0].loc = prev;
    }
    if (isJump(last.opcode)) {
      const t = last.target!;
      if (t.predecessors === 1 && t.instrs.length && t.instrs[0].loc.lineno < 0) t.instrs[0].loc = prev;
    }
  }
}

function resolveLineNumbers(g: Cfg): void {
  duplicateExitsWithoutLineno(g);
  propagateLineNumbers(g);
}

// --- constant peepholes ---------------------------------------------------------------

function optimizeLoadConstInBlock(cache: ConstCache, bb: Block, consts: MarshalValue[]): void {
  let opcode = 0;
  let oparg = 0;
  const ins = bb.instrs;
  for (let i = 0; i < ins.length; i++) {
    const inst = ins[i];
    const isCopyOfLoadConst = opcode === Op.LOAD_CONST && inst.opcode === Op.COPY && inst.oparg === 1;
    if (!isCopyOfLoadConst) {
      opcode = inst.opcode;
      oparg = inst.oparg;
    }
    if (opcode !== Op.LOAD_CONST) continue;
    const nextop = i + 1 < ins.length ? ins[i + 1].opcode : 0;
    if (nextop === Op.POP_JUMP_IF_FALSE || nextop === Op.POP_JUMP_IF_TRUE) {
      const isTrue = isTruthyConst(consts[oparg]);
      inst.setOp0(Op.NOP);
      const jumpIfTrue = nextop === Op.POP_JUMP_IF_TRUE;
      if (isTrue === jumpIfTrue) {
        ins[i + 1].opcode = Op.JUMP;
      } else {
        ins[i + 1].setOp0(Op.NOP);
        ins[i + 1].target = null;
      }
    } else if (nextop === Op.IS_OP) {
      if (consts[oparg] !== null) continue;
      if (ins.length <= i + 2) continue;
      const isInstr = ins[i + 1];
      let jumpInstr = ins[i + 2];
      if (jumpInstr.opcode === Op.TO_BOOL) {
        jumpInstr.setOp0(Op.NOP);
        if (ins.length <= i + 3) continue;
        jumpInstr = ins[i + 3];
      }
      let invert = isInstr.oparg !== 0;
      if (jumpInstr.opcode === Op.POP_JUMP_IF_FALSE) invert = !invert;
      else if (jumpInstr.opcode !== Op.POP_JUMP_IF_TRUE) continue;
      inst.setOp0(Op.NOP);
      isInstr.setOp0(Op.NOP);
      jumpInstr.opcode = invert ? Op.POP_JUMP_IF_NOT_NONE : Op.POP_JUMP_IF_NONE;
    } else if (nextop === Op.RETURN_VALUE) {
      inst.setOp0(Op.NOP);
      i++;
      ins[i].setOp1(Op.RETURN_CONST, oparg);
    } else if (nextop === Op.TO_BOOL) {
      const isTrue = isTruthyConst(consts[oparg]);
      const index = cache.addConst(consts, isTrue);
      inst.setOp0(Op.NOP);
      ins[i + 1].setOp1(Op.LOAD_CONST, index);
    }
  }
}

function jumpThread(bb: Block, inst: Instr, target: Instr, opcode: number): boolean {
  if (inst.target !== target.target) {
    const newTarget = target.target!;
    const loc = target.loc;
    inst.setOp0(Op.NOP);
    inst.target = null;
    const j = new Instr(opcode, newTarget.label, loc);
    j.target = newTarget;
    // a fresh instruction: CPython leaves its handler unset (i_except NULL)
    bb.instrs.push(j);
    return true;
  }
  return false;
}

function foldTupleOnConstants(cache: ConstCache, instrs: Instr[], start: number, n: number, consts: MarshalValue[]): void {
  for (let i = start; i < start + n; i++) if (!hasConst(instrs[i].opcode)) return;
  const items: MarshalValue[] = [];
  for (let i = start; i < start + n; i++) items.push(consts[instrs[i].oparg]);
  const index = cache.addConst(consts, cache.makeTuple(items));
  for (let i = start; i < start + n; i++) instrs[i].setOp0(Op.NOP);
  instrs[start + n].setOp1(Op.LOAD_CONST, index);
}

const NOP_INSTR = new Instr(Op.NOP, 0, NO_LOCATION);

function optimizeBasicBlock(cache: ConstCache, bb: Block, consts: MarshalValue[]): void {
  for (let i = 0; i < bb.instrs.length; i++) {
    const ins = bb.instrs;
    const inst = ins[i];
    const opcode = inst.opcode;
    const oparg = inst.oparg;
    let target: Instr = NOP_INSTR;
    if (hasTarget(opcode) && inst.target !== null) target = inst.target.instrs[0];
    const nextop = i + 1 < ins.length ? ins[i + 1].opcode : 0;
    switch (opcode) {
      case Op.BUILD_TUPLE:
        if (nextop === Op.UNPACK_SEQUENCE && oparg === ins[i + 1].oparg) {
          if (oparg === 1) {
            inst.setOp0(Op.NOP);
            ins[i + 1].setOp0(Op.NOP);
            continue;
          }
          if (oparg === 2 || oparg === 3) {
            inst.setOp0(Op.NOP);
            ins[i + 1].opcode = Op.SWAP;
            continue;
          }
        }
        if (i >= oparg) foldTupleOnConstants(cache, ins, i - oparg, oparg, consts);
        break;
      case Op.POP_JUMP_IF_NOT_NONE:
      case Op.POP_JUMP_IF_NONE:
      case Op.POP_JUMP_IF_FALSE:
      case Op.POP_JUMP_IF_TRUE:
        if (target.opcode === Op.JUMP) i -= jumpThread(bb, inst, target, opcode) ? 1 : 0;
        break;
      case Op.JUMP:
      case Op.JUMP_NO_INTERRUPT:
        if (target.opcode === Op.JUMP) {
          i -= jumpThread(bb, inst, target, Op.JUMP) ? 1 : 0;
        } else if (target.opcode === Op.JUMP_NO_INTERRUPT) {
          i -= jumpThread(bb, inst, target, opcode) ? 1 : 0;
        }
        break;
      case Op.STORE_FAST:
        if (nextop === Op.STORE_FAST && oparg === ins[i + 1].oparg && inst.loc.lineno === ins[i + 1].loc.lineno) {
          inst.setOp0(Op.POP_TOP);
        }
        break;
      case Op.SWAP:
        if (oparg === 1) inst.setOp0(Op.NOP);
        break;
      case Op.LOAD_GLOBAL:
        if (nextop === Op.PUSH_NULL && (oparg & 1) === 0) {
          inst.setOp1(Op.LOAD_GLOBAL, oparg | 1);
          ins[i + 1].setOp0(Op.NOP);
        }
        break;
      case Op.COMPARE_OP:
        if (nextop === Op.TO_BOOL) {
          inst.setOp0(Op.NOP);
          ins[i + 1].setOp1(Op.COMPARE_OP, oparg | 16);
          // CPython continues its for loop here: the next instruction is examined next
        }
        break;
      case Op.CONTAINS_OP:
      case Op.IS_OP:
        if (nextop === Op.TO_BOOL) {
          inst.setOp0(Op.NOP);
          ins[i + 1].setOp1(opcode, oparg);
        }
        break;
      case Op.TO_BOOL:
        if (nextop === Op.TO_BOOL) {
          inst.setOp0(Op.NOP);
        }
        break;
      case Op.UNARY_NOT:
        if (nextop === Op.TO_BOOL) {
          inst.setOp0(Op.NOP);
          ins[i + 1].setOp0(Op.UNARY_NOT);
        } else if (nextop === Op.UNARY_NOT) {
          inst.setOp0(Op.NOP);
          ins[i + 1].setOp0(Op.NOP);
        }
        break;
    }
  }
  for (let i = 0; i < bb.instrs.length; i++) {
    if (bb.instrs[i].opcode === Op.SWAP) {
      i = swaptimize(bb, i);
      applyStaticSwaps(bb, i);
    }
  }
}

function swaptimize(block: Block, ix: number): number {
  const ins = block.instrs;
  let depth = ins[ix].oparg;
  let len = 0;
  let more = false;
  const limit = ins.length - ix;
  for (;;) {
    len++;
    if (len >= limit) break;
    const op = ins[ix + len].opcode;
    if (op === Op.SWAP) {
      depth = Math.max(depth, ins[ix + len].oparg);
      more = true;
    } else if (op !== Op.NOP) {
      break;
    }
  }
  if (!more) return ix;
  const stack: number[] = [];
  for (let i = 0; i < depth; i++) stack.push(i);
  for (let i = 0; i < len; i++) {
    const instr = ins[ix + i];
    if (instr.opcode === Op.SWAP) {
      const a = instr.oparg - 1;
      const t = stack[0];
      stack[0] = stack[a];
      stack[a] = t;
    }
  }
  const VISITED = -1;
  let current = len - 1;
  for (let i = 0; i < depth; i++) {
    if (stack[i] === VISITED || stack[i] === i) continue;
    let j = i;
    for (;;) {
      if (j) {
        ins[ix + current].opcode = Op.SWAP;
        ins[ix + current].oparg = j + 1;
        current--;
      }
      if (stack[j] === VISITED) break;
      const nextJ = stack[j];
      stack[j] = VISITED;
      j = nextJ;
    }
  }
  while (current >= 0) {
    ins[ix + current].setOp0(Op.NOP);
    current--;
  }
  return ix + len - 1;
}

function swappable(op: number): boolean {
  return op === Op.STORE_FAST || op === Op.STORE_FAST_MAYBE_NULL || op === Op.POP_TOP;
}

function storesTo(i: Instr): number {
  return i.opcode === Op.STORE_FAST || i.opcode === Op.STORE_FAST_MAYBE_NULL ? i.oparg : -1;
}

function nextSwappableInstruction(block: Block, i: number, lineno: number): number {
  const n = block.instrs.length;
  while (++i < n) {
    const ins = block.instrs[i];
    if (lineno >= 0 && ins.loc.lineno !== lineno) return -1;
    if (ins.opcode === Op.NOP) continue;
    if (swappable(ins.opcode)) return i;
    return -1;
  }
  return -1;
}

function applyStaticSwaps(block: Block, i: number): void {
  for (; i >= 0; i--) {
    const swap = block.instrs[i];
    if (swap.opcode !== Op.SWAP) {
      if (swap.opcode === Op.NOP || swappable(swap.opcode)) continue;
      return;
    }
    const j = nextSwappableInstruction(block, i, -1);
    if (j < 0) return;
    let k = j;
    const lineno = block.instrs[j].loc.lineno;
    for (let count = swap.oparg - 1; count > 0; count--) {
      k = nextSwappableInstruction(block, k, lineno);
      if (k < 0) return;
    }
    const storeJ = storesTo(block.instrs[j]);
    const storeK = storesTo(block.instrs[k]);
    if (storeJ >= 0 || storeK >= 0) {
      if (storeJ === storeK) return;
      for (let idx = j + 1; idx < k; idx++) {
        const s = storesTo(block.instrs[idx]);
        if (s >= 0 && (s === storeJ || s === storeK)) return;
      }
    }
    swap.setOp0(Op.NOP);
    const t = block.instrs[j];
    block.instrs[j] = block.instrs[k];
    block.instrs[k] = t;
  }
}

function optimizeCfg(g: Cfg, consts: MarshalValue[], cache: ConstCache): void {
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    for (let i = 0; i < b.instrs.length - 1; i++) {
      if (isTerminator(b.instrs[i].opcode)) throw new Error("malformed control flow graph.");
    }
  }
  inlineSmallOrNoLinenoBlocks(g);
  removeUnreachable(g);
  resolveLineNumbers(g);
  for (let b: Block | null = g.entry; b !== null; b = b.next) optimizeLoadConstInBlock(cache, b, consts);
  for (let b: Block | null = g.entry; b !== null; b = b.next) optimizeBasicBlock(cache, b, consts);
  removeRedundantNopsAndPairs(g);
  removeUnreachable(g);
  removeRedundantNopsAndJumps(g);
}

function removeUnusedConsts(g: Cfg, consts: MarshalValue[]): void {
  const n = consts.length;
  if (n === 0) return;
  const used = new Uint8Array(n);
  used[0] = 1;
  for (let b: Block | null = g.entry; b !== null; b = b.next) for (const i of b.instrs) if (hasConst(i.opcode)) used[i.oparg] = 1;
  if (used.every((u) => u === 1)) return;
  const reverse = new Int32Array(n);
  const kept: MarshalValue[] = [];
  for (let i = 0; i < n; i++) {
    if (used[i]) {
      reverse[i] = kept.length;
      kept.push(consts[i]);
    }
  }
  consts.length = 0;
  consts.push(...kept);
  for (let b: Block | null = g.entry; b !== null; b = b.next) for (const i of b.instrs) if (hasConst(i.opcode)) i.oparg = reverse[i.oparg];
}

// --- LOAD_FAST_CHECK ------------------------------------------------------------------

function maybePush(b: Block, lo: number, hi: number, stack: Block[]): void {
  const bothLo = (b.unsafeLo | lo) >>> 0;
  const bothHi = (b.unsafeHi | hi) >>> 0;
  if (b.unsafeLo !== bothLo || b.unsafeHi !== bothHi) {
    b.unsafeLo = bothLo;
    b.unsafeHi = bothHi;
    if (!b.visited) {
      stack.push(b);
      b.visited = true;
    }
  }
}

function scanBlockForLocals(b: Block, stack: Block[]): void {
  let lo = b.unsafeLo;
  let hi = b.unsafeHi;
  for (const ins of b.instrs) {
    if (ins.except !== null) maybePush(ins.except, lo, hi, stack);
    const arg = ins.oparg;
    if (arg >= 64) continue;
    const high = arg >= 32;
    const bit = (1 << (arg & 31)) >>> 0;
    switch (ins.opcode) {
      case Op.DELETE_FAST:
      case Op.LOAD_FAST_AND_CLEAR:
      case Op.STORE_FAST_MAYBE_NULL:
        if (high) hi = (hi | bit) >>> 0;
        else lo = (lo | bit) >>> 0;
        break;
      case Op.STORE_FAST:
      case Op.LOAD_FAST_CHECK:
        if (high) hi = (hi & ~bit) >>> 0;
        else lo = (lo & ~bit) >>> 0;
        break;
      case Op.LOAD_FAST:
        if ((high ? hi : lo) & bit) ins.opcode = Op.LOAD_FAST_CHECK;
        if (high) hi = (hi & ~bit) >>> 0;
        else lo = (lo & ~bit) >>> 0;
        break;
    }
  }
  if (b.next !== null && !b.noFallthrough()) maybePush(b.next, lo, hi, stack);
  const last = b.last();
  if (last !== null && isJump(last.opcode)) maybePush(last.target!, lo, hi, stack);
}

function fastScanManyLocals(g: Cfg, nlocals: number): void {
  const states = new Int32Array(nlocals - 64);
  let blocknum = 0;
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    blocknum++;
    for (const ins of b.instrs) {
      const arg = ins.oparg;
      if (arg < 64) continue;
      switch (ins.opcode) {
        case Op.DELETE_FAST:
        case Op.LOAD_FAST_AND_CLEAR:
        case Op.STORE_FAST_MAYBE_NULL:
          states[arg - 64] = blocknum - 1;
          break;
        case Op.STORE_FAST:
          states[arg - 64] = blocknum;
          break;
        case Op.LOAD_FAST:
          if (states[arg - 64] !== blocknum) ins.opcode = Op.LOAD_FAST_CHECK;
          states[arg - 64] = blocknum;
          break;
      }
    }
  }
}

function addChecksForLoadsOfUninitializedVariables(g: Cfg, nlocals: number, nparams: number): void {
  if (nlocals === 0) return;
  if (nlocals > 64) {
    fastScanManyLocals(g, nlocals);
    nlocals = 64;
  }
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    b.visited = false;
    b.unsafeLo = 0;
    b.unsafeHi = 0;
  }
  const stack: Block[] = [];
  let startLo = 0;
  let startHi = 0;
  for (let i = nparams; i < nlocals; i++) {
    if (i < 32) startLo = (startLo | (1 << i)) >>> 0;
    else startHi = (startHi | (1 << (i - 32))) >>> 0;
  }
  maybePush(g.entry, startLo, startHi, stack);
  for (let b: Block | null = g.entry; b !== null; b = b.next) scanBlockForLocals(b, stack);
  while (stack.length) {
    const b = stack.pop()!;
    b.visited = false;
    scanBlockForLocals(b, stack);
  }
}

function makeSuperInstruction(a: Instr, b: Instr, op: number): void {
  const l1 = a.loc.lineno;
  const l2 = b.loc.lineno;
  if (l1 >= 0 && l2 >= 0 && l1 !== l2) return;
  if (a.oparg >= 16 || b.oparg >= 16) return;
  a.setOp1(op, (a.oparg << 4) | b.oparg);
  b.setOp0(Op.NOP);
}

function insertSuperinstructions(g: Cfg): void {
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    for (let i = 0; i < b.instrs.length; i++) {
      const inst = b.instrs[i];
      const nextop = i + 1 < b.instrs.length ? b.instrs[i + 1].opcode : 0;
      if (inst.opcode === Op.LOAD_FAST) {
        if (nextop === Op.LOAD_FAST) makeSuperInstruction(inst, b.instrs[i + 1], Op.LOAD_FAST_LOAD_FAST);
      } else if (inst.opcode === Op.STORE_FAST) {
        if (nextop === Op.LOAD_FAST) makeSuperInstruction(inst, b.instrs[i + 1], Op.STORE_FAST_LOAD_FAST);
        else if (nextop === Op.STORE_FAST) makeSuperInstruction(inst, b.instrs[i + 1], Op.STORE_FAST_STORE_FAST);
      }
    }
  }
  removeRedundantNops(g);
}

// --- cold blocks ----------------------------------------------------------------------

function markWarm(g: Cfg): void {
  for (let b: Block | null = g.entry; b !== null; b = b.next) b.visited = false;
  const stack: Block[] = [g.entry];
  g.entry.visited = true;
  while (stack.length) {
    const b = stack.pop()!;
    b.warm = true;
    const next = b.next;
    if (next !== null && !b.noFallthrough() && !next.visited) {
      stack.push(next);
      next.visited = true;
    }
    for (const i of b.instrs) {
      if (isJump(i.opcode) && !i.target!.visited) {
        stack.push(i.target!);
        i.target!.visited = true;
      }
    }
  }
}

function markCold(g: Cfg): void {
  markWarm(g);
  for (let b: Block | null = g.entry; b !== null; b = b.next) b.visited = false;
  const stack: Block[] = [];
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    if (b.exceptHandler) {
      stack.push(b);
      b.visited = true;
    }
  }
  while (stack.length) {
    const b = stack.pop()!;
    b.cold = true;
    const next = b.next;
    if (next !== null && !b.noFallthrough() && !next.warm && !next.visited) {
      stack.push(next);
      next.visited = true;
    }
    for (const i of b.instrs) {
      if (isJump(i.opcode)) {
        const t = i.target!;
        if (!t.warm && !t.visited) {
          stack.push(t);
          t.visited = true;
        }
      }
    }
  }
}

function pushColdBlocksToEnd(g: Cfg): void {
  if (g.entry.next === null) return;
  markCold(g);
  let nextLabel = g.maxLabel() + 1;
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    if (b.cold && !b.noFallthrough() && b.next !== null && b.next.warm) {
      const jump = new Block();
      if (b.next.label < 0) b.next.label = nextLabel++;
      const j = new Instr(Op.JUMP_NO_INTERRUPT, b.next.label, NO_LOCATION);
      j.target = b.next;
      jump.instrs.push(j);
      jump.cold = true;
      jump.next = b.next;
      jump.predecessors = 1;
      b.next = jump;
    }
  }
  let coldBlocks: Block | null = null;
  let coldTail: Block | null = null;
  let b = g.entry;
  while (b.next !== null) {
    while (b.next !== null && !b.next.cold) b = b.next;
    if (b.next === null) break;
    let end = b.next;
    while (end.next !== null && end.next.cold) end = end.next;
    if (coldBlocks === null) coldBlocks = b.next;
    else coldTail!.next = b.next;
    coldTail = end;
    b.next = end.next;
    end.next = null;
  }
  b.next = coldBlocks;
  if (coldBlocks !== null) removeRedundantNopsAndJumps(g);
}

// --- the whole pipeline ---------------------------------------------------------------

export function optimizeCodeUnit(
  g: Cfg, consts: MarshalValue[], cache: ConstCache, nlocals: number, nparams: number,
): void {
  translateJumpLabelsToTargets(g);
  markExceptHandlers(g);
  labelExceptionTargets(g);
  optimizeCfg(g, consts, cache);
  removeUnusedConsts(g, consts);
  addChecksForLoadsOfUninitializedVariables(g, nlocals, nparams);
  insertSuperinstructions(g);
  pushColdBlocksToEnd(g);
  resolveLineNumbers(g);
}

// --- after optimization ---------------------------------------------------------------

export function calculateStackDepth(g: Cfg): number {
  for (let b: Block | null = g.entry; b !== null; b = b.next) b.startDepth = -0x7fffffff;
  const stack: Block[] = [];
  let maxDepth = 0;
  const push = (b: Block, depth: number): void => {
    if (b.startDepth < depth && b.startDepth !== -0x7fffffff) {
      throw new Error("Invalid CFG, inconsistent stackdepth");
    }
    if (b.startDepth < depth) {
      b.startDepth = depth;
      stack.push(b);
    }
  };
  push(g.entry, 0);
  while (stack.length) {
    const b = stack.pop()!;
    let depth = b.startDepth;
    let next = b.next;
    for (const ins of b.instrs) {
      const eff = stackEffect(ins.opcode, ins.oparg, false);
      const newDepth = depth + eff;
      if (newDepth < 0) throw new Error("Invalid CFG, stack underflow");
      if (newDepth > maxDepth) maxDepth = newDepth;
      // RETURN_CONST is LOAD_CONST + return: it briefly holds the value on the stack
      if (ins.opcode === Op.RETURN_CONST && depth + 1 > maxDepth) maxDepth = depth + 1;
      if (hasTarget(ins.opcode)) {
        const targetDepth = depth + stackEffect(ins.opcode, ins.oparg, true);
        if (targetDepth > maxDepth) maxDepth = targetDepth;
        push(ins.target!, targetDepth);
      }
      depth = newDepth;
      if (isUnconditionalJump(ins.opcode) || isScopeExit(ins.opcode)) {
        next = null;
        break;
      }
    }
    if (next !== null) push(next, depth);
  }
  // CPython 3.13 never reports a stack size below 1 (even for `def f(): raise`).
  return Math.max(maxDepth, 1);
}

export function convertPseudoOps(g: Cfg): void {
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    for (const ins of b.instrs) {
      if (isBlockPush(ins.opcode)) ins.setOp0(Op.NOP);
      else if (ins.opcode === Op.LOAD_CLOSURE) ins.opcode = Op.LOAD_FAST;
      else if (ins.opcode === Op.STORE_FAST_MAYBE_NULL) ins.opcode = Op.STORE_FAST;
    }
  }
  removeRedundantNopsAndJumps(g);
}

export function normalizeJumps(g: Cfg): void {
  for (let b: Block | null = g.entry; b !== null; b = b.next) b.visited = false;
  for (let b: Block | null = g.entry; b !== null; b = b.next) {
    b.visited = true;
    const last = b.last();
    if (last === null || !isJump(last.opcode)) continue;
    const isForward = !last.target!.visited;
    if (last.opcode === Op.JUMP) {
      last.opcode = isForward ? Op.JUMP_FORWARD : Op.JUMP_BACKWARD;
      continue;
    }
    if (last.opcode === Op.JUMP_NO_INTERRUPT) {
      last.opcode = isForward ? Op.JUMP_FORWARD : Op.JUMP_BACKWARD_NO_INTERRUPT;
      continue;
    }
    let reversed = 0;
    switch (last.opcode) {
      case Op.POP_JUMP_IF_NOT_NONE: reversed = Op.POP_JUMP_IF_NONE; break;
      case Op.POP_JUMP_IF_NONE: reversed = Op.POP_JUMP_IF_NOT_NONE; break;
      case Op.POP_JUMP_IF_FALSE: reversed = Op.POP_JUMP_IF_TRUE; break;
      case Op.POP_JUMP_IF_TRUE: reversed = Op.POP_JUMP_IF_FALSE; break;
    }
    if (isForward) continue;
    const target = last.target!;
    const back = new Block();
    const j = new Instr(Op.JUMP, target.label, last.loc);
    j.target = target;
    back.instrs.push(j);
    last.opcode = reversed;
    last.target = b.next;
    back.cold = b.cold;
    back.next = b.next;
    b.next = back;
    // the new block's JUMP becomes JUMP_BACKWARD (target already visited)
    back.visited = true;
    j.opcode = Op.JUMP_BACKWARD;
    b = back;
  }
}
