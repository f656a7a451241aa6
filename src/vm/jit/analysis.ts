// Static analysis of a code object for the JIT tier: its instructions, where basic
// blocks start, and the value-stack depth at every reachable instruction.
//
// CPython's compiler guarantees one stack depth per instruction whatever path reaches it,
// so each stack slot can become one JavaScript variable (s0, s1, ...) in the generated
// function. Blocks start at jump targets, after jumps and terminators, at exception
// handlers and at resume points; each is a `case` of the generated dispatch switch and a
// possible entry point (a frame can enter compiled code at any block start with its value
// stack in frame.regs, which is how a running loop moves from the interpreter into
// compiled code).
import { Op, EXTENDED_ARG, CACHE_ENTRIES } from "../../bytecode/opcodes.generated.js";
import { ExceptionHandlerIndex } from "../../bytecode/exceptionTable.js";
import { stackEffect } from "../../compiler/flowgraph.js";
import type { PyCode } from "../../objects/function.js";

export class Instr {
  /** Byte offset of the instruction's first code unit (its first EXTENDED_ARG prefix). */
  declare readonly start: number;
  declare readonly op: number;
  declare readonly oparg: number;
  /** Byte offset of the next instruction (past inline caches). */
  declare readonly next: number;
  constructor(start: number, op: number, oparg: number, next: number) {
    this.start = start;
    this.op = op;
    this.oparg = oparg;
    this.next = next;
  }
}

export interface CodeAnalysis {
  readonly instrs: Instr[];
  /** Stack depth before each instruction (-1: unreachable). */
  readonly depth: Int32Array;
  /** Block number of the instruction starting at each byte offset (-1: not a block start). */
  readonly blockAt: Int32Array;
  /** Byte offsets of the block starts, in order (block number -> offset). */
  readonly blockStarts: number[];
  readonly handlers: ExceptionHandlerIndex;
}

/** Where a jump instruction goes (byte offset), or -1 for a non-jump. */
export function jumpTarget(ins: Instr): number {
  switch (ins.op) {
    case Op.JUMP_FORWARD:
    case Op.POP_JUMP_IF_FALSE:
    case Op.POP_JUMP_IF_TRUE:
    case Op.POP_JUMP_IF_NONE:
    case Op.POP_JUMP_IF_NOT_NONE:
    case Op.SEND:
      return ins.next + ins.oparg * 2;
    case Op.FOR_ITER:
      // Exhaustion continues past the END_FOR and POP_TOP at the target.
      return ins.next + ins.oparg * 2 + 4;
    case Op.JUMP_BACKWARD:
    case Op.JUMP_BACKWARD_NO_INTERRUPT:
      return ins.next - ins.oparg * 2;
    default:
      return -1;
  }
}

/** True for instructions after which control never falls through. */
export function isTerminator(op: number): boolean {
  return op === Op.RETURN_VALUE || op === Op.RETURN_CONST || op === Op.RAISE_VARARGS || op === Op.RERAISE ||
    op === Op.JUMP_FORWARD || op === Op.JUMP_BACKWARD || op === Op.JUMP_BACKWARD_NO_INTERRUPT;
}

/** Stack depth change along the jump edge of a jump instruction. */
function jumpEffect(ins: Instr): number {
  if (ins.op === Op.FOR_ITER) return -1;
  return stackEffect(ins.op, ins.oparg, true);
}

export function decode(bytes: Uint8Array): Instr[] {
  const out: Instr[] = [];
  let pc = 0;
  while (pc < bytes.length) {
    const start = pc;
    let op = bytes[pc];
    let oparg = bytes[pc + 1];
    pc += 2;
    while (op === EXTENDED_ARG && pc < bytes.length) {
      op = bytes[pc];
      oparg = (oparg << 8) | bytes[pc + 1];
      pc += 2;
    }
    pc += CACHE_ENTRIES[op] * 2;
    out.push(new Instr(start, op, oparg, pc));
  }
  return out;
}

/** Analyses `code`; null when its bytecode has a shape the JIT does not handle. */
export function analyse(code: PyCode): CodeAnalysis | null {
  const bytes = code.bytes;
  const instrs = decode(bytes);
  const n = instrs.length;
  const indexAt = new Int32Array(bytes.length + 2).fill(-1);
  for (let i = 0; i < n; i++) indexAt[instrs[i].start] = i;
  const handlers = ExceptionHandlerIndex.of(code.co);

  const depth = new Int32Array(n).fill(-1);
  const isBlockStart = new Uint8Array(n);
  const work: number[] = [];
  const setDepth = (offset: number, d: number): boolean => {
    const i = offset < indexAt.length ? indexAt[offset] : -1;
    if (i < 0 || d < 0) return false;
    if (depth[i] === -1) {
      depth[i] = d;
      work.push(i);
    } else if (depth[i] !== d) {
      return false;
    }
    return true;
  };
  const entry = indexAt[0];
  if (entry < 0) return null;
  isBlockStart[0] = 1;
  setDepth(0, 0);
  // Resumption and OSR entry points: where a frame may already be when compiled code
  // takes over (the function's entry, past a leading RESUME).
  const entryIdx = indexAt[code.entryPc];
  if (entryIdx >= 0) isBlockStart[entryIdx] = 1;
  for (let h = 0; h < handlers.length; h++) {
    const t = indexAt[handlers.targets[h] * 2];
    if (t < 0) return null;
    isBlockStart[t] = 1;
  }
  let handlersSeeded = false;
  for (;;) {
    while (work.length > 0) {
      const i = work.pop()!;
      const ins = instrs[i];
      const d = depth[i];
      const target = jumpTarget(ins);
      if (target >= 0) {
        const ti = target < indexAt.length ? indexAt[target] : -1;
        if (ti < 0) return null;
        isBlockStart[ti] = 1;
        if (!setDepth(target, d + jumpEffect(ins))) return null;
      }
      if (!isTerminator(ins.op)) {
        if (i + 1 >= n) return null;
        const fall = ins.op === Op.YIELD_VALUE ? d : d + stackEffect(ins.op, ins.oparg, false);
        // (After a YIELD_VALUE: a generator resumes there.)
        if (target >= 0 || ins.op === Op.YIELD_VALUE) isBlockStart[i + 1] = 1;
        if (!setDepth(instrs[i + 1].start, fall)) return null;
      } else if (i + 1 < n) {
        isBlockStart[i + 1] = 1;
      }
    }
    // Handlers are reached from instructions they cover: seed them once the covered
    // code has depths, then run the worklist again for the handler bodies.
    if (handlersSeeded) break;
    handlersSeeded = true;
    let seededAny = false;
    for (let h = 0; h < handlers.length; h++) {
      const d = handlers.depths[h] + (handlers.lastis[h] ? 1 : 0) + 1;
      const t = handlers.targets[h] * 2;
      const ti = indexAt[t];
      if (depth[ti] === -1) seededAny = true;
      if (!setDepth(t, d)) return null;
    }
    if (!seededAny) break;
    handlersSeeded = false;
  }
  const blockAt = new Int32Array(bytes.length + 2).fill(-1);
  const blockStarts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (isBlockStart[i] && depth[i] >= 0) {
      blockAt[instrs[i].start] = blockStarts.length;
      blockStarts.push(instrs[i].start);
    }
  }
  return { instrs, depth, blockAt, blockStarts, handlers };
}
