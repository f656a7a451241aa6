// The JIT tier's code generator: one CPython 3.13 code object -> one JavaScript function.
//
// The generated function runs a frame exactly as the interpreter would, but:
// - each value-stack slot is a JavaScript variable (s0, s1, ...; depths are static, see
//   analysis.ts), so pushes and pops cost nothing;
// - each basic block is a `case` of one switch in a loop, so dispatch happens per jump,
//   not per instruction, with the operands (oparg, names, constants, jump targets)
//   folded into the code;
// - hot instructions have their int/float/list/dict fast paths inline, the rest call
//   the same helpers as the interpreter (runtime.ts), and rare ones spill the stack into
//   frame.regs and run the interpreter's own cold-op code (ops.ts).
// Fast locals stay in frame.regs, where frame introspection (locals(), f_locals, super())
// finds them. Before anything that can raise or call out, the instruction's offset goes
// into f.lasti, so tracebacks, f_lineno and the exception-table lookup see what the
// interpreter would show. Exceptions are caught per frame; the handler found in the
// exception table gets its stack depth by resetting variables (slots below the handler's
// depth already hold the right values) and the loop continues at the handler's block.
//
// Generators and coroutines are not compiled (yet): null is returned for them and for
// any code whose bytecode this generator does not handle; such code stays interpreted.
import { Op, CACHE_ENTRIES, MIN_INSTRUMENTED_OPCODE } from "../../bytecode/opcodes.generated.js";
import { PyObj, None } from "../../objects/core.js";
import type { PyCode } from "../../objects/function.js";
import { NB } from "../../objects/number.js";
import { analyse, jumpTarget, isTerminator, Instr, CodeAnalysis } from "./analysis.js";
import { AttrSite } from "./runtime.js";
import { SuperSite } from "../ops.js";
import type { JitFn, JitRuntime } from "./runtime.js";

const MAX_SAFE = "9007199254740991";
/** Back edges per invocation of a compiled function before it returns R.SLICE. */
const SLICE_BACK_EDGES = 1000;

/** Instructions that can neither raise nor call out (no f.lasti store needed). */
const NO_RAISE = new Set<number>([
  Op.NOP, Op.RESUME, Op.CACHE, Op.LOAD_FAST, Op.LOAD_FAST_LOAD_FAST, Op.LOAD_FAST_AND_CLEAR, Op.STORE_FAST,
  Op.STORE_FAST_LOAD_FAST, Op.STORE_FAST_STORE_FAST, Op.LOAD_CONST, Op.POP_TOP, Op.PUSH_NULL, Op.END_FOR, Op.COPY,
  Op.SWAP, Op.JUMP_FORWARD, Op.JUMP_BACKWARD, Op.JUMP_BACKWARD_NO_INTERRUPT, Op.POP_JUMP_IF_NONE,
  Op.POP_JUMP_IF_NOT_NONE, Op.END_SEND, Op.PUSH_EXC_INFO, Op.POP_EXCEPT, Op.STORE_DEREF, Op.MAKE_FUNCTION,
  Op.BUILD_TUPLE, Op.BUILD_LIST, Op.LIST_APPEND, Op.BUILD_STRING, Op.IS_OP, Op.RETURN_VALUE, Op.RETURN_CONST,
  Op.MAKE_CELL, Op.COPY_FREE_VARS,
]);

/** BINARY_OP operators whose float results may stay unboxed (planRawFloats). */
const RAW_OPS = new Set<number>([NB.ADD, NB.SUBTRACT, NB.MULTIPLY, NB.TRUE_DIVIDE]);
/** The operator of a BINARY_OP oparg (in-place forms as the plain ones). */
function baseOp(oparg: number): number {
  return oparg >= 13 ? oparg - 13 : oparg;
}
/**
 * Instructions that may come between an unboxed float's producer and its consumer, with
 * how many stack items each reads (all of them touch only the top of the stack).
 */
const RAW_SAFE_POPS = new Map<number, number>([
  [Op.LOAD_FAST, 0], [Op.LOAD_FAST_CHECK, 0], [Op.LOAD_FAST_LOAD_FAST, 0], [Op.LOAD_CONST, 0],
  [Op.LOAD_GLOBAL, 0], [Op.LOAD_DEREF, 0], [Op.LOAD_ATTR, 1], [Op.UNARY_NEGATIVE, 1], [Op.BINARY_OP, 2],
]);

/**
 * Instructions that may come between the two tuple displays of a fused comparison
 * (planTupleCompares), with how many stack items each reads: loads only.
 */
const TUPLE_SAFE_POPS = new Map<number, number>([
  [Op.LOAD_FAST, 0], [Op.LOAD_FAST_CHECK, 0], [Op.LOAD_FAST_LOAD_FAST, 0], [Op.LOAD_CONST, 0],
  [Op.LOAD_GLOBAL, 0], [Op.LOAD_DEREF, 0], [Op.LOAD_ATTR, 1],
]);

/**
 * Instructions whose inline fast paths can neither raise nor run Python code: they store
 * f.lasti only on the paths that call the runtime (where a traceback or a frame
 * inspection could need it), not before every execution.
 */
const LAZY_LASTI = new Set<number>([
  Op.LOAD_GLOBAL, Op.LOAD_ATTR, Op.STORE_ATTR, Op.COMPARE_OP, Op.BINARY_OP, Op.TO_BOOL, Op.UNARY_NOT,
  Op.POP_JUMP_IF_FALSE, Op.POP_JUMP_IF_TRUE,
]);

/** Opcodes the generator refuses (their code stays interpreted). */
const UNSUPPORTED = new Set<number>([Op.ENTER_EXECUTOR, Op.INTERPRETER_EXIT, Op.RESERVED, Op.EXTENDED_ARG]);

/** A JavaScript literal for a constant when it has one (ints, bools, str, None). */
function literal(v: PyObj): string | null {
  if (typeof v === "number") return Number.isSafeInteger(v) && !Object.is(v, -0) ? String(v) : null;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "string") return JSON.stringify(v);
  if (v === None) return "None";
  return null;
}

class Emitter {
  private readonly out: string[] = [];
  private maxDepth = 0;
  constructor(private readonly code: PyCode, private readonly a: CodeAnalysis) {
    this.planRawFloats();
    this.planTupleCompares();
  }

  /** The index (in a.instrs) of the instruction being emitted. */
  private cur = 0;
  /** BINARY_OPs whose float result stays unboxed (see planRawFloats). */
  private readonly rawResult = new Set<number>();
  /** BINARY_OPs with an operand that may be unboxed: bit 1 left, bit 2 right. */
  private readonly rawOperands = new Map<number, number>();
  /** Stack slots that hold an unboxed float somewhere (a `dN` variable each). */
  private readonly rawSlots = new Set<number>();

  /**
   * Float arithmetic whose intermediate results only feed more arithmetic (`x*x + y*y`)
   * keeps them as JS numbers: a BINARY_OP (+ - * /) whose result slot is next read, in
   * the same block and with only loads and arithmetic above it in between, by another
   * such BINARY_OP, leaves the sentinel R.RAW in the slot and the value in variable dN
   * when both operands are exact floats; the consumer reads it from there (or boxes it
   * for the general path). Nothing else can see the slot meanwhile: the instructions in
   * between neither read it nor leave the block (no jump, yield, or exception handler
   * keeps an expression temporary), so one PyFloat is made per expression, not per
   * operation.
   */
  private planRawFloats(): void {
    const a = this.a;
    const instrs = a.instrs;
    for (let i = 0; i < instrs.length; i++) {
      const p = instrs[i];
      if (p.op !== Op.BINARY_OP || a.depth[i] < 0 || !RAW_OPS.has(baseOp(p.oparg))) continue;
      const r = a.depth[i] - 2;
      for (let j = i + 1; j < instrs.length; j++) {
        const q = instrs[j];
        const dj = a.depth[j];
        if (dj < 0 || a.blockAt[q.start] >= 0) break;
        const pops = RAW_SAFE_POPS.get(q.op);
        if (pops === undefined) break;
        if (dj - pops > r) continue;
        if (((q.op === Op.BINARY_OP && RAW_OPS.has(baseOp(q.oparg))) || q.op === Op.COMPARE_OP) && (r === dj - 2 || r === dj - 1)) {
          this.rawResult.add(i);
          this.rawSlots.add(r);
          this.rawOperands.set(j, (this.rawOperands.get(j) ?? 0) | (r === dj - 2 ? 1 : 2));
        }
        break;
      }
    }
  }

  /** BUILD_TUPLEs whose tuple is never made (see planTupleCompares): index -> size. */
  private readonly deferredTuple = new Map<number, number>();
  /** The second BUILD_TUPLE of a fused comparison (emits nothing). */
  private readonly fusedTuple = new Set<number>();
  /** COMPARE_OPs of two tuple displays of this size, compared item by item. */
  private readonly tupleCompare = new Map<number, number>();
  /** The largest deferred tuple (variables tq0.. hold its items). */
  private maxDeferred = 0;

  /**
   * `(a, b) < (c, d)` — two tuple displays of the same size compared at once, as
   * __lt__/__eq__ methods and sort keys write — compares the items without making either
   * tuple (tuplerichcompare's steps, R.compareTupleN). The first BUILD_TUPLE moves its
   * items into variables tq0.., the second leaves its items on the stack, and the
   * COMPARE_OP right after it compares them. Only loads (no calls, jumps or stores) may
   * come between the two displays, so nothing can see the tuples' absence.
   */
  private planTupleCompares(): void {
    const a = this.a;
    const instrs = a.instrs;
    for (let i = 0; i < instrs.length; i++) {
      const p = instrs[i];
      const n = p.oparg;
      if (p.op !== Op.BUILD_TUPLE || n < 2 || n > 3 || a.depth[i] < 0) continue;
      const r = a.depth[i] - n;
      for (let j = i + 1; j + 1 < instrs.length; j++) {
        const q = instrs[j];
        const dj = a.depth[j];
        if (dj < 0 || a.blockAt[q.start] >= 0) break;
        if (q.op === Op.BUILD_TUPLE) {
          const c = instrs[j + 1];
          if (q.oparg === n && dj - n === r + 1 && c.op === Op.COMPARE_OP && a.blockAt[c.start] < 0) {
            this.deferredTuple.set(i, n);
            this.fusedTuple.add(j);
            this.tupleCompare.set(j + 1, n);
            if (n > this.maxDeferred) this.maxDeferred = n;
          }
          break;
        }
        const pops = TUPLE_SAFE_POPS.get(q.op);
        if (pops === undefined || dj - pops <= r) break;
        if ((q.op === Op.LOAD_ATTR || q.op === Op.LOAD_GLOBAL) && (q.oparg & 1) !== 0) break;
      }
    }
  }

  /**
   * The name a CALL's callable (in stack slot `c`) was loaded by, when the same block
   * loaded it with a method-form LOAD_ATTR (`x.name(...)`) or a LOAD_GLOBAL (`name(...)`):
   * the instruction, going back, that took the stack from at most c + 1 items to more
   * (what lies between only works above the callable and its self slot).
   */
  private calleeName(c: number): string | null {
    const a = this.a;
    const instrs = a.instrs;
    for (let j = this.cur - 1; j >= 0; j--) {
      if (a.blockAt[instrs[j + 1].start] >= 0 || a.depth[j] < 0) return null;
      if (a.depth[j] > c + 1) continue;
      const p = instrs[j];
      if ((p.oparg & 1) === 0) return null;
      if (p.op === Op.LOAD_ATTR && a.depth[j] === c + 1) return this.code.names[p.oparg >> 1];
      if (p.op === Op.LOAD_GLOBAL && a.depth[j] === c) return this.code.names[p.oparg >> 1];
      return null;
    }
    return null;
  }

  private s(i: number): string {
    if (i < 0) throw new Error("stack underflow in JIT emission");
    if (i + 1 > this.maxDepth) this.maxDepth = i + 1;
    return `s${i}`;
  }

  /** Attribute inline caches, one per instruction (the generated code's IC array). */
  readonly sites: AttrSite[] = [];

  /** Whether the function has no JS try (set by generate; PyCode.jitNoTry). */
  noTry = false;

  /** `super().method` caches, one per such LOAD_SUPER_ATTR (U<n> in the generated code). */
  readonly superSites: SuperSite[] = [];

  /** A new attribute site; the generated code names it A<n> (bound once, see generate). */
  private site(name: string): string {
    this.sites.push(new AttrSite(name));
    return `A${this.sites.length - 1}`;
  }

  /**
   * A condition that selects the line of attribute site `site` for the receiver in `t`
   * into `k` (true when one matches), comparing the type's version with each line's
   * (written out: a method call here would use up V8's inlining budget). A type's version
   * changes whenever what a line holds could (an attribute added or deleted along the
   * MRO, a descriptor rebound), so a match is all the checking. Receivers that are JS
   * primitives (str, int...) have no `dict` (undefined) and never the SLOT or DICT kinds.
   */
  private attrLine(site: string): string {
    return `(k = (kk = (typeof t === "object" ? t.type : R.typeOf(t)).version) === ${site}.v0 ? 0 : kk === ${site}.v1 ? 1 : kk === ${site}.v2 ? 2 : kk === ${site}.v3 ? 3 : -1) >= 0`;
  }

  /** Whether the instruction being emitted follows a TO_BOOL in the same block. */
  private afterToBool(): boolean {
    const i = this.cur;
    return i > 0 && this.a.blockAt[this.a.instrs[i].start] < 0 && this.a.instrs[i - 1].op === Op.TO_BOOL;
  }

  private constExpr(i: number): string {
    return literal(this.code.consts[i]) ?? `K[${i}]`;
  }

  private block(offset: number): number {
    const b = this.a.blockAt[offset];
    if (b < 0) throw new Error(`no block at ${offset}`);
    return b;
  }

  private line(s: string): void {
    this.out.push(s);
  }

  /** The rare path: spill the stack to frame.regs, run ops.coldOp, reload. */
  private cold(ins: Instr, d: number, after: number): string {
    const nlp = this.code.nlocalsplus;
    const parts: string[] = [];
    for (let i = 0; i < d; i++) parts.push(`regs[${nlp + i}] = ${this.s(i)};`);
    parts.push(`f.sp = ${nlp + d}; f.pc = ${ins.next - CACHE_ENTRIES[ins.op] * 2};`);
    parts.push(`R.coldOp(f, ${ins.op}, ${ins.oparg}, ${ins.start});`);
    for (let i = 0; i < after; i++) parts.push(`${this.s(i)} = regs[${nlp + i}];`);
    for (let i = 0; i < Math.max(d, after); i++) parts.push(`regs[${nlp + i}] = null;`);
    parts.push(`f.sp = ${nlp};`);
    return parts.join(" ");
  }

  private jump(target: number): string {
    return `{ b = ${this.block(target)}; continue; }`;
  }

  emitInstr(ins: Instr, d: number, fallDepth: number): void {
    const { op, oparg } = ins;
    const S = (i: number): string => this.s(i);
    const names = this.code.names;
    const u = ins.start >> 1;
    if (!NO_RAISE.has(op) && !LAZY_LASTI.has(op)) this.line(`f.lasti = ${ins.start};`);
    // For LAZY_LASTI instructions: f.lasti is stored only on their slow paths (L + call).
    const L = `f.lasti = ${ins.start}, `;
    switch (op) {
      case Op.NOP:
      case Op.RESUME:
      case Op.CACHE:
      case Op.END_FOR:
        return;
      case Op.LOAD_FAST:
        this.line(`${S(d)} = regs[${oparg}];`);
        return;
      case Op.LOAD_FAST_CHECK:
        this.line(`${S(d)} = regs[${oparg}]; if (${S(d)} === null) throw R.unboundLocal(f, ${oparg});`);
        return;
      case Op.LOAD_FAST_LOAD_FAST:
        this.line(`${S(d)} = regs[${oparg >> 4}]; ${S(d + 1)} = regs[${oparg & 15}];`);
        return;
      case Op.LOAD_FAST_AND_CLEAR:
        this.line(`${S(d)} = regs[${oparg}]; regs[${oparg}] = null;`);
        return;
      case Op.STORE_FAST:
        this.line(`regs[${oparg}] = ${S(d - 1)};`);
        return;
      case Op.STORE_FAST_LOAD_FAST:
        this.line(`regs[${oparg >> 4}] = ${S(d - 1)}; ${S(d - 1)} = regs[${oparg & 15}];`);
        return;
      case Op.STORE_FAST_STORE_FAST:
        this.line(`regs[${oparg >> 4}] = ${S(d - 1)}; regs[${oparg & 15}] = ${S(d - 2)};`);
        return;
      case Op.DELETE_FAST:
        this.line(`if (regs[${oparg}] === null) throw R.unboundLocal(f, ${oparg}); regs[${oparg}] = null;`);
        return;
      case Op.LOAD_CONST:
        this.line(`${S(d)} = ${this.constExpr(oparg)};`);
        return;
      case Op.POP_TOP:
        return;
      case Op.PUSH_NULL:
        this.line(`${S(d)} = null;`);
        return;
      case Op.COPY:
        this.line(`${S(d)} = ${S(d - oparg)};`);
        return;
      case Op.SWAP:
        this.line(`t = ${S(d - 1)}; ${S(d - 1)} = ${S(d - oparg)}; ${S(d - oparg)} = t; t = null;`);
        return;
      case Op.LOAD_GLOBAL:
        // The code's global cache (GC, shared with the interpreter: globals version, then
        // builtins version or -1, then the slot) checked inline; R.loadGlobal fills it.
        this.line(`${S(d)} = (t = f.globals).version === GC[${u * 3}] && ((kk = GC[${u * 3 + 1}]) < 0 || (t = f.builtins).version === kk) ? t.valueList[GC[${u * 3 + 2}]] : (${L}R.loadGlobal(f, C, ${u}, ${JSON.stringify(names[oparg >> 1])})); t = null;`);
        if (oparg & 1) this.line(`${S(d + 1)} = null;`);
        return;
      case Op.LOAD_ATTR: {
        const name = JSON.stringify(names[oparg >> 1]);
        const site = this.site(names[oparg >> 1]);
        const o = S(d - 1);
        // The common kinds of the site's cache inline (AttrKind: SLOT = 1, DICT = 2,
        // METHOD = 3), so that V8's own inline caches here see only this instruction's
        // receivers; misses and the other kinds take the site's full path.
        const hit = this.attrLine(site);
        this.line(`t = ${o};`);
        if (oparg & 1) {
          this.line(`if (${hit} && ${site}.kinds[k] === 3 && ((t2 = t.dict) == null || t2.shape === ${site}.ns[k] || R.dictLacks(${site}, k, t2))) { ${S(d)} = t; ${o} = ${site}.vals[k]; }`);
          this.line(`else { t = (${L}R.loadMethod(${site}, ${o}));`);
          // (Not a method: the site's attribute path, which also serves class attributes
          // such as Base.__init__ through its class-entry cache.)
          this.line(`if (t !== null) { ${S(d)} = ${o}; ${o} = t; } else { ${o} = R.loadAttr(${site}, ${o}); ${S(d)} = null; if (${o} === EXC) { ${o} = null; exc = R.takeExc(); break dispatch; } } }`);
        } else {
          this.line(`if (${hit} && (kk = ${site}.kinds[k]) !== 0) {`);
          this.line(`if (kk === 2 && (t2 = t.dict) !== null && t2.keyList[${site}.idx[k]] === ${name}) ${o} = t2.valueList[${site}.idx[k]];`);
          this.line(`else if (kk === 1 && (t2 = t.slotValues[${site}.idx[k]]) != null) ${o} = t2;`);
          this.line(`else if ((${o} = (${L}R.loadAttr(${site}, t))) === EXC) { ${o} = null; exc = R.takeExc(); break dispatch; }`);
          this.line(`} else if ((${o} = (${L}R.loadAttr(${site}, t))) === EXC) { ${o} = null; exc = R.takeExc(); break dispatch; }`);
        }
        return;
      }
      case Op.STORE_ATTR: {
        const name = JSON.stringify(names[oparg]);
        const site = this.site(names[oparg]);
        const o = S(d - 1), v = S(d - 2);
        this.line(`t = ${o};`);
        this.line(`if (${this.attrLine(site)} && (kk = ${site}.kinds[k]) !== 0) {`);
        this.line(`if (kk === 2 && (t2 = t.dict) !== null && t2.keyList[${site}.idx[k]] === ${name}) t2.valueList[${site}.idx[k]] = ${v};`);
        this.line(`else if (kk === 1) t.slotValues[${site}.idx[k]] = ${v};`);
        // A new attribute of a shaped instance dict: the transition the site saw last.
        this.line(`else if (kk === 2 && t2 !== null && t2.shape === ${site}.sf) t2.appendShaped(${site}.st, ${v});`);
        this.line(`else { ${L}R.storeAttr(${site}, t, ${v}); }`);
        this.line(`} else { ${L}R.storeAttr(${site}, t, ${v}); }`);
        return;
      }
      case Op.MAKE_CELL:
        this.line(`regs[${oparg}] = new R.PyCell(regs[${oparg}]);`);
        return;
      case Op.COPY_FREE_VARS: {
        // The closure's cells into the last `oparg` fast locals (the free variables).
        const n = this.code.nlocalsplus;
        const copies: string[] = [];
        for (let i = 0; i < oparg; i++) copies.push(`regs[${n - oparg + i}] = t[${i}];`);
        this.line(`t = f.func.closure; ${copies.join(" ")} t = null;`);
        return;
      }
      case Op.LOAD_DEREF:
        this.line(`${S(d)} = regs[${oparg}].contents; if (${S(d)} === null) throw R.derefError(f, ${oparg});`);
        return;
      case Op.STORE_DEREF:
        this.line(`regs[${oparg}].contents = ${S(d - 1)};`);
        return;
      case Op.BINARY_OP: {
        const a = S(d - 2), b = S(d - 1);
        const op = oparg >= 13 ? oparg - 13 : oparg;
        const rawIn = this.rawOperands.get(this.cur) ?? 0;
        const rawOut = this.rawResult.has(this.cur);
        if (rawIn !== 0) {
          // An operand may be an unboxed float (R.RAW in its slot, the value in dN).
          const isF = (v: string, raw: boolean): string =>
            raw ? `(${v} === RAW || (typeof ${v} === "object" && ${v}.type === FT))` : `(typeof ${v} === "object" && ${v}.type === FT)`;
          const val = (v: string, slot: number, raw: boolean): string => (raw ? `(${v} === RAW ? d${slot} : ${v}.value)` : `${v}.value`);
          const ra = (rawIn & 1) !== 0, rb = (rawIn & 2) !== 0;
          const sym = op === NB.ADD ? "+" : op === NB.SUBTRACT ? "-" : op === NB.MULTIPLY ? "*" : "/";
          const av = val(a, d - 2, ra), bv = val(b, d - 1, rb);
          const nonZero = op === NB.TRUE_DIVIDE ? ` && ${bv} !== 0` : "";
          const result = rawOut ? `d${d - 2} = ${av} ${sym} ${bv}; ${a} = RAW;` : `${a} = new PyFloat(${av} ${sym} ${bv});`;
          this.line(`if (${isF(a, ra)} && ${isF(b, rb)}${nonZero}) { ${result} } else {`);
          if (ra) this.line(`if (${a} === RAW) ${a} = new PyFloat(d${d - 2});`);
          if (rb) this.line(`if (${b} === RAW) ${b} = new PyFloat(d${d - 1});`);
        }
        const boxed = (expr: string): string => (rawOut ? `{ d${d - 2} = ${expr}; ${a} = RAW; }` : `${a} = new PyFloat(${expr});`);
        const generic = `${a} = (${L}R.binaryOp(${a}, ${b}, ${oparg}));`;
        const ints = `typeof ${a} === "number" && typeof ${b} === "number"`;
        const int32 = `(${a} | 0) === ${a} && (${b} | 0) === ${b}`;
        // Int fast paths that are exact on JS numbers (safe integers); everything else,
        // including results that leave the safe range, goes to the full operator.
        // (`+ 0` turns a -0 result into 0: Python ints have no negative zero.)
        // Exact floats (not subclasses, which may override the operator).
        const floats = `typeof ${a} === "object" && typeof ${b} === "object" && ${a}.type === FT && ${b}.type === FT`;
        switch (op) {
          case NB.ADD:
          case NB.SUBTRACT: {
            const sym = op === NB.ADD ? "+" : "-";
            this.line(`if (${ints} && (t = ${a} ${sym} ${b}) <= ${MAX_SAFE} && t >= -${MAX_SAFE}) ${a} = t;`);
            this.line(`else if (${floats}) ${boxed(`${a}.value ${sym} ${b}.value`)} else ${generic}`);
            break;
          }
          case NB.MULTIPLY:
            this.line(`if (${ints} && (t = ${a} * ${b}) <= ${MAX_SAFE} && t >= -${MAX_SAFE}) ${a} = t + 0;`);
            this.line(`else if (${floats}) ${boxed(`${a}.value * ${b}.value`)} else ${generic}`);
            break;
          case NB.REMAINDER:
            this.line(`if (${ints} && ${b} !== 0) { t = ${a} % ${b}; if (t !== 0 && (t < 0) !== (${b} < 0)) t += ${b}; ${a} = t + 0; } else ${generic}`);
            break;
          case NB.FLOOR_DIVIDE:
            this.line(`if (${ints} && ${b} !== 0 && ${int32}) { t = ${a} % ${b}; if (t !== 0 && (t < 0) !== (${b} < 0)) t += ${b}; ${a} = (${a} - t) / ${b} + 0; } else ${generic}`);
            break;
          case NB.AND:
          case NB.OR:
          case NB.XOR: {
            const sym = op === NB.AND ? "&" : op === NB.OR ? "|" : "^";
            this.line(`if (${ints} && ${int32}) ${a} = ${a} ${sym} ${b}; else ${generic}`);
            break;
          }
          case NB.RSHIFT:
            this.line(`if (${ints} && (${a} | 0) === ${a} && ${b} >= 0 && ${b} <= 31 && (${b} | 0) === ${b}) ${a} = ${a} >> ${b}; else ${generic}`);
            break;
          case NB.TRUE_DIVIDE:
            this.line(`if (${ints} && ${b} !== 0) ${a} = new PyFloat(${a} / ${b});`);
            this.line(`else if (${floats} && ${b}.value !== 0) ${boxed(`${a}.value / ${b}.value`)} else ${generic}`);
            break;
          default:
            this.line(generic);
        }
        if (rawIn !== 0) this.line(`}`);
        return;
      }
      case Op.COMPARE_OP: {
        const tn = this.tupleCompare.get(this.cur);
        if (tn !== undefined) {
          // Two tuple displays (planTupleCompares): the first's items in tq0.., the second's on the stack.
          const first: string[] = [], second: string[] = [], clear: string[] = [];
          for (let i = 0; i < tn; i++) {
            first.push(`tq${i}`);
            second.push(S(d - 1 + i));
            clear.push(`tq${i} = null; ${S(d - 1 + i)} = null;`);
          }
          this.line(`f.lasti = ${ins.start}; ${S(d - 2)} = R.compareTuple${tn}(${[...first, ...second].join(", ")}, ${oparg}); ${clear.join(" ")}`);
          return;
        }
        const a = S(d - 2), b = S(d - 1);
        const cmp = oparg >> 5;
        const sym = ["<", "<=", "===", "!==", ">", ">="][cmp];
        // str == / != inline too (ordering is not: JS compares UTF-16 units, Python code points).
        const strEq = cmp === 2 || cmp === 3 ? ` || (typeof ${a} === "string" && typeof ${b} === "string")` : "";
        const rawIn = this.rawOperands.get(this.cur) ?? 0;
        if (rawIn !== 0) {
          // An operand may be an unboxed float (see planRawFloats).
          const ra = (rawIn & 1) !== 0, rb = (rawIn & 2) !== 0;
          const isF = (v: string, raw: boolean): string =>
            raw ? `(${v} === RAW || (typeof ${v} === "object" && ${v}.type === FT))` : `(typeof ${v} === "object" && ${v}.type === FT)`;
          const val = (v: string, slot: number, raw: boolean): string => (raw ? `(${v} === RAW ? d${slot} : ${v}.value)` : `${v}.value`);
          this.line(`if (${isF(a, ra)} && ${isF(b, rb)}) ${a} = ${val(a, d - 2, ra)} ${sym} ${val(b, d - 1, rb)}; else {`);
          if (ra) this.line(`if (${a} === RAW) ${a} = new PyFloat(d${d - 2});`);
          if (rb) this.line(`if (${b} === RAW) ${b} = new PyFloat(d${d - 1});`);
        }
        this.line(`if ((typeof ${a} === "number" && typeof ${b} === "number")${strEq}) ${a} = ${a} ${sym} ${b};`);
        this.line(`else if (typeof ${a} === "object" && typeof ${b} === "object" && ${a}.type === FT && ${b}.type === FT) ${a} = ${a}.value ${sym} ${b}.value;`);
        this.line(`else ${a} = (${L}R.compareOp(${a}, ${b}, ${oparg}));`);
        if (rawIn !== 0) this.line(`}`);
        return;
      }
      case Op.IS_OP:
        this.line(`${S(d - 2)} = ${S(d - 2)} ${oparg ? "!==" : "==="} ${S(d - 1)};`);
        return;
      case Op.CONTAINS_OP:
        this.line(`${S(d - 2)} = ${oparg ? "!" : ""}R.contains(${S(d - 1)}, ${S(d - 2)});`);
        return;
      case Op.TO_BOOL:
        this.line(`if (typeof ${S(d - 1)} !== "boolean") ${S(d - 1)} = (${L}R.isTrue(${S(d - 1)}));`);
        return;
      case Op.UNARY_NOT:
        this.line(`t = ${S(d - 1)}; ${S(d - 1)} = t === false ? true : t === true ? false : !(${L}R.isTrue(t)); t = null;`);
        return;
      case Op.UNARY_NEGATIVE:
        this.line(`t = ${S(d - 1)}; ${S(d - 1)} = typeof t === "number" ? 0 - t : typeof t === "object" && t.type === FT ? new PyFloat(-t.value) : R.unaryNegative(t); t = null;`);
        return;
      case Op.UNARY_INVERT:
        this.line(`${S(d - 1)} = R.unaryInvert(${S(d - 1)});`);
        return;
      case Op.POP_JUMP_IF_FALSE:
      case Op.POP_JUMP_IF_TRUE: {
        const neg = op === Op.POP_JUMP_IF_FALSE ? "!" : "";
        if (this.afterToBool()) {
          // The TO_BOOL just before (same block) left a JS boolean.
          this.line(`if (${neg}${S(d - 1)}) ${this.jump(jumpTarget(ins))}`);
        } else if (op === Op.POP_JUMP_IF_FALSE) {
          this.line(`t = ${S(d - 1)}; if (t === false || (t !== true && !(${L}R.isTrue(t)))) ${this.jump(jumpTarget(ins))}`);
        } else {
          this.line(`t = ${S(d - 1)}; if (t === true || (t !== false && (${L}R.isTrue(t)))) ${this.jump(jumpTarget(ins))}`);
        }
        return;
      }
      case Op.POP_JUMP_IF_NONE:
        this.line(`if (${S(d - 1)} === None) ${this.jump(jumpTarget(ins))}`);
        return;
      case Op.POP_JUMP_IF_NOT_NONE:
        this.line(`if (${S(d - 1)} !== None) ${this.jump(jumpTarget(ins))}`);
        return;
      case Op.JUMP_FORWARD:
      case Op.JUMP_BACKWARD_NO_INTERRUPT:
        this.line(`b = ${this.block(jumpTarget(ins))}; continue;`);
        return;
      case Op.JUMP_BACKWARD: {
        // Every SLICE back edges the function returns to its driver, which calls it
        // again at this block (see runtime.ts: V8 then optimises it as a normal call
        // instead of relying on on-stack replacement of one endless invocation).
        const target = jumpTarget(ins);
        const nlp = this.code.nlocalsplus;
        const spill: string[] = [];
        for (let i = 0; i < d; i++) spill.push(`regs[${nlp + i}] = ${this.s(i)};`);
        this.line(`if (--budget === 0) { ${spill.join(" ")} f.sp = ${nlp + d}; f.pc = ${target}; return SLICE; }`);
        this.line(`b = ${this.block(target)}; continue;`);
        return;
      }
      case Op.GET_ITER:
        this.line(`${S(d - 1)} = R.getIter(${S(d - 1)});`);
        return;
      case Op.FOR_ITER: {
        const it = S(d - 1), v = S(d);
        const exit = `{ ${it} = null; b = ${this.block(jumpTarget(ins))}; continue; }`;
        this.line(`t = ${it};`);
        this.line(`if (t.type === R.rangeIterType) { if (t.remaining > 0) { t.remaining--; ${v} = t.next; t.next += t.step; } else ${exit} }`);
        this.line(`else if (t.type === R.listIterType && t.index < t.seq.items.length) ${v} = t.seq.items[t.index++];`);
        this.line(`else if (t.type === R.generatorType) { t = R.genNext(t); if (t === null) ${exit} if (t === EXC) { exc = R.takeExc(); break dispatch; } ${v} = t; }`);
        this.line(`else { t = R.iterNext(t); if (t === null) ${exit} if (t === EXC) { exc = R.takeExc(); break dispatch; } ${v} = t; }`);
        this.line(`t = null;`);
        return;
      }
      case Op.BINARY_SUBSCR:
        this.line(`${S(d - 2)} = R.subscr(${S(d - 2)}, ${S(d - 1)});`);
        this.line(`if (${S(d - 2)} === EXC) { ${S(d - 2)} = null; exc = R.takeExc(); break dispatch; }`);
        return;
      case Op.STORE_SUBSCR:
        this.line(`R.storeSubscr(${S(d - 2)}, ${S(d - 1)}, ${S(d - 3)});`);
        return;
      case Op.DELETE_SUBSCR:
        this.line(`R.delItem(${S(d - 2)}, ${S(d - 1)});`);
        return;
      case Op.RETURN_VALUE:
        this.line(`f.lasti = ${ins.start}; f.state = 3; return ${S(d - 1)};`);
        return;
      case Op.RETURN_CONST:
        this.line(`f.lasti = ${ins.start}; f.state = 3; return ${this.constExpr(oparg)};`);
        return;
      case Op.CALL: {
        const c = S(d - oparg - 2), self = S(d - oparg - 1);
        const args: string[] = [];
        for (let i = 0; i < oparg; i++) args.push(S(d - oparg + i));
        const callee = oparg === 1 ? this.calleeName(d - oparg - 2) : null;
        if (callee === "append") {
          // CPython's CALL_LIST_APPEND: `x.append(v)` on an exact list, without a call.
          const a0 = args[0];
          this.line(`if (${c} === LIST_APPEND && ${self} !== null && typeof ${self} === "object" && ${self}.type === LISTT) { ${self}.items.push(${a0}); ${c} = None; }`);
          this.line(`else ${c} = R.call1(${c}, ${self}, ${a0});`);
        } else if (callee === "len") {
          // CPython's CALL_LEN: the builtin len() of an exact list or tuple, without a call.
          const a0 = args[0];
          this.line(`if (${c} === LEN && ${self} === null) ${c} = typeof ${a0} === "object" && (${a0}.type === LISTT || ${a0}.type === TUPLET) ? ${a0}.items.length : R.len(${a0});`);
          this.line(`else ${c} = R.call1(${c}, ${self}, ${a0});`);
        } else if (oparg <= 3) this.line(`${c} = R.call${oparg}(${c}, ${self}${args.map((x) => ", " + x).join("")});`);
        else this.line(`${c} = R.callN(${c}, ${self} === null ? [${args.join(", ")}] : [${[self, ...args].join(", ")}], null);`);
        this.line(`if (${c} === EXC) { exc = R.takeExc(); break dispatch; }`);
        return;
      }
      case Op.CALL_KW: {
        const c = S(d - oparg - 3), self = S(d - oparg - 2);
        const args: string[] = [];
        for (let i = 0; i < oparg; i++) args.push(S(d - oparg - 1 + i));
        this.line(`${c} = R.callKw(${c}, ${self} === null ? [${args.join(", ")}] : [${[self, ...args].join(", ")}], ${S(d - 1)});`);
        this.line(`if (${c} === EXC) { exc = R.takeExc(); break dispatch; }`);
        return;
      }
      case Op.CALL_FUNCTION_EX: {
        // Stack: func, NULL, callargs[, kwargs]; the result replaces func.
        const k = oparg & 1;
        const func = S(d - 3 - k);
        this.line(`${func} = R.callFunctionEx(${func}, ${S(d - 1 - k)}, ${k ? S(d - 1) : "null"});`);
        return;
      }
      case Op.UNPACK_SEQUENCE: {
        // An exact tuple or list of the right size (CPython's UNPACK_SEQUENCE_TUPLE/LIST):
        // its items go on the stack, the first on top; anything else takes the cold path.
        const moves: string[] = [];
        for (let j = 0; j < oparg; j++) moves.push(`${S(d - 1 + j)} = t2[${oparg - 1 - j}];`);
        this.line(`t = ${S(d - 1)}; if (typeof t === "object" && (t.type === R.tupleType || t.type === R.listType) && (t2 = t.items).length === ${oparg}) { ${moves.join(" ")} t = null; t2 = null; }`);
        this.line(`else { t = null; ${this.cold(ins, d, fallDepth)} }`);
        return;
      }
      case Op.BINARY_SLICE:
        this.line(`${S(d - 3)} = R.getSlice(${S(d - 3)}, ${S(d - 2)}, ${S(d - 1)});`);
        return;
      case Op.BUILD_TUPLE: {
        if (this.fusedTuple.has(this.cur)) return; // (its items stay on the stack for the COMPARE_OP)
        if (this.deferredTuple.has(this.cur)) {
          const moves: string[] = [];
          for (let i = 0; i < oparg; i++) moves.push(`tq${i} = ${S(d - oparg + i)}; ${S(d - oparg + i)} = null;`);
          this.line(moves.join(" "));
          return;
        }
        const items: string[] = [];
        for (let i = d - oparg; i < d; i++) items.push(S(i));
        this.line(`${S(d - oparg)} = R.newTuple([${items.join(", ")}]);`);
        return;
      }
      case Op.BUILD_LIST: {
        const items: string[] = [];
        for (let i = d - oparg; i < d; i++) items.push(S(i));
        this.line(`${S(d - oparg)} = new R.PyList([${items.join(", ")}]);`);
        return;
      }
      case Op.BUILD_MAP:
        // `{}` (d = {} in a function): a new dict, nothing to hash. Pairs take the cold
        // path (a key may be unhashable or have a Python __hash__/__eq__).
        this.line(oparg === 0 ? `${S(d)} = new R.PyDict();` : this.cold(ins, d, fallDepth));
        return;
      case Op.LIST_APPEND:
        this.line(`${S(d - 1 - oparg)}.items.push(${S(d - 1)});`);
        return;
      case Op.STORE_NAME:
        this.line(`R.storeName(f, ${JSON.stringify(names[oparg])}, ${S(d - 1)});`);
        return;
      case Op.LOAD_NAME:
        this.line(`${S(d)} = R.loadName(f, ${JSON.stringify(names[oparg])});`);
        return;
      case Op.PUSH_EXC_INFO:
        this.line(`t = R.ts.excNode; ${S(d)} = ${S(d - 1)}; ${S(d - 1)} = t.value; t.value = ${S(d)};`);
        return;
      case Op.POP_EXCEPT:
        this.line(`R.ts.excNode.value = ${S(d - 1)};`);
        return;
      case Op.CHECK_EXC_MATCH:
        this.line(`t = R.checkExcMatch(${S(d - 2)}, ${S(d - 1)}); if (t !== null) ${S(d - 1)} = t; else { ${this.cold(ins, d, fallDepth)} }`);
        return;
      // Raises made here go straight to the unwinding code, without a JS throw.
      case Op.RERAISE:
        this.line(`exc = R.reraise(${S(d - 1)}, ${oparg > 0 ? S(d - 1 - oparg) : "null"}); break dispatch;`);
        return;
      case Op.RAISE_VARARGS:
        if (oparg === 0) this.line(`exc = R.raiseVarargs(null, null); break dispatch;`);
        else if (oparg === 1) this.line(`exc = R.raiseVarargs(${S(d - 1)}, null); break dispatch;`);
        else this.line(`exc = R.raiseVarargs(${S(d - 2)}, ${S(d - 1)}); break dispatch;`);
        return;
      case Op.UNPACK_SEQUENCE: {
        const seqv = S(d - 1);
        const assigns: string[] = [];
        for (let i = 0; i < oparg; i++) assigns.push(`${S(d - 1 + i)} = t2[${oparg - 1 - i}];`);
        this.line(`t = ${seqv}; if ((t instanceof R.PyTuple || t instanceof R.PyList) && t.items.length === ${oparg}) { t2 = t.items; ${assigns.join(" ")} t2 = null; } else { ${this.cold(ins, d, fallDepth)} } t = null;`);
        return;
      }
      case Op.MAKE_FUNCTION:
        this.line(`${S(d - 1)} = new R.PyFunction(${S(d - 1)}, f.globals, f.builtins);`);
        return;
      case Op.BUILD_STRING: {
        if (oparg === 0) {
          this.line(`${S(d)} = "";`);
          return;
        }
        const parts: string[] = [];
        for (let i = d - oparg; i < d; i++) parts.push(S(i));
        this.line(`${S(d - oparg)} = ${oparg === 1 ? S(d - 1) : parts.join(" + ")};`);
        return;
      }
      case Op.FORMAT_SIMPLE:
        this.line(`${S(d - 1)} = R.formatSimple(${S(d - 1)});`);
        return;
      case Op.YIELD_VALUE: {
        // Suspend: the stack below the value goes to regs, the frame records where to
        // resume (a block start: the generator's next resume enters there with the sent
        // value pushed by genResume).
        const nlp = this.code.nlocalsplus;
        const spill: string[] = [];
        for (let i = 0; i < d - 1; i++) spill.push(`regs[${nlp + i}] = ${S(i)};`);
        this.line(`${spill.join(" ")} f.sp = ${nlp + d - 1}; f.pc = ${ins.next}; f.lasti = ${ins.start}; f.state = 1; return ${S(d - 1)};`);
        return;
      }
      case Op.SEND: {
        // yield from / await: the interpreter's generic SEND (ops.ts) sends the value and,
        // when the receiver is done, pushes its return value and moves f.pc to the target.
        // A compiled generator/coroutine receiver is resumed directly (R.send).
        this.line(`t = R.send(${S(d - 2)}, ${S(d - 1)});`);
        this.line(`if (t === EXC) { exc = R.takeExc(); break dispatch; }`);
        this.line(`if (t === R.GEN_DONE) { ${S(d - 1)} = R.takeGenDone(); t = null; ${this.jump(jumpTarget(ins))} }`);
        this.line(`if (t !== null) { ${S(d - 1)} = t; t = null; } else {`);
        this.line(this.cold(ins, d, fallDepth));
        this.line(`if (f.pc !== ${ins.next}) ${this.jump(jumpTarget(ins))}`);
        this.line(`}`);
        return;
      }
      case Op.BEFORE_WITH:
        this.line(`t = R.withExit(${S(d - 1)}); t2 = R.withEnter(); ${S(d - 1)} = t; t = null;`);
        this.line(`if (t2 === EXC) { t2 = null; exc = R.takeExc(); break dispatch; }`);
        this.line(`${S(d)} = t2; t2 = null;`);
        return;
      case Op.WITH_EXCEPT_START:
        this.line(`${S(d)} = R.withExceptStart(${S(d - 4)}, ${S(d - 1)});`);
        this.line(`if (${S(d)} === EXC) { ${S(d)} = null; exc = R.takeExc(); break dispatch; }`);
        return;
      case Op.RETURN_GENERATOR:
        // The generator object exists already (made at the call); its first resume
        // arrives here and pushes the value sent (None) for the POP_TOP that follows.
        this.line(`${S(d)} = None;`);
        return;
      case Op.LOAD_SUPER_ATTR:
        if (oparg & 1) {
          // super().method(...): the function itself, called with self (no super object).
          this.superSites.push(new SuperSite(names[oparg >> 2]));
          this.line(`t = R.superMethodCached(U${this.superSites.length - 1}, ${S(d - 3)}, ${S(d - 2)}, ${S(d - 1)});`);
          this.line(`if (t !== null) { ${S(d - 3)} = t; ${S(d - 2)} = ${S(d - 1)}; t = null; } else { ${this.cold(ins, d, fallDepth)} }`);
        } else {
          this.line(this.cold(ins, d, fallDepth));
        }
        return;
      case Op.GET_AWAITABLE:
        this.line(`${S(d - 1)} = R.getAwaitable(${S(d - 1)}, ${oparg});`);
        this.line(`if (${S(d - 1)} === EXC) { ${S(d - 1)} = null; exc = R.takeExc(); break dispatch; }`);
        return;
      case Op.END_SEND:
        this.line(`${S(d - 2)} = ${S(d - 1)};`);
        return;
      default:
        this.line(this.cold(ins, d, fallDepth));
        return;
    }
  }

  /** Emits instruction i, then nulls the slots it popped. */
  private emitOne(i: number): void {
    const a = this.a;
    const ins = a.instrs[i];
    const d = a.depth[i];
    const fall = i + 1 < a.instrs.length ? a.depth[i + 1] : 0;
    this.cur = i;
    this.emitInstr(ins, d, fall);
    // Slots the instruction popped no longer hold their values (as CPython's stack
    // drops its references): no JS variable keeps garbage alive for a finaliser.
    // (Falling into an unreachable instruction cannot happen: terminators end blocks.)
    // (A fused comparison's second tuple display keeps its items for the COMPARE_OP.)
    if (!isTerminator(ins.op) && fall < d && !this.fusedTuple.has(i)) {
      const dead: string[] = [];
      for (let k = fall; k < d; k++) dead.push(`${this.s(k)} = null;`);
      this.line(dead.join(" "));
    }
  }

  /**
   * The linear-congruential step `(x * k + c) & mask` (and `- c`): BINARY_OP * at i, then
   * LOAD_CONST c, BINARY_OP + or -, LOAD_CONST mask, BINARY_OP &, in one block, with int
   * constants and 0 <= mask < 2**31. With int operands only the low 32 bits of x * k + c
   * reach the result, so Math.imul gives it exactly where the product itself would need
   * an arbitrary-precision int (x * 1103515245 passes 2**53). null when not that shape.
   */
  private maskedMultiplyAdd(i: number): { sign: string; c: number; mask: number } | null {
    const a = this.a;
    const ins = a.instrs;
    if (i + 4 >= ins.length || ins[i].op !== Op.BINARY_OP || baseOp(ins[i].oparg) !== NB.MULTIPLY) return null;
    for (let j = i + 1; j <= i + 4; j++) if (a.blockAt[ins[j].start] >= 0 || a.depth[j] < 0) return null;
    const consts = this.code.consts;
    const intConst = (j: number): number | null => {
      if (ins[j].op !== Op.LOAD_CONST) return null;
      const v = consts[ins[j].oparg];
      return typeof v === "number" && Number.isSafeInteger(v) ? v : null;
    };
    const c = intConst(i + 1), mask = intConst(i + 3);
    const addOp = ins[i + 2].op === Op.BINARY_OP ? baseOp(ins[i + 2].oparg) : -1;
    if (c === null || mask === null || mask < 0 || mask > 0x7fffffff || (addOp !== NB.ADD && addOp !== NB.SUBTRACT)) return null;
    if (ins[i + 4].op !== Op.BINARY_OP || baseOp(ins[i + 4].oparg) !== NB.AND) return null;
    return { sign: addOp === NB.ADD ? "+" : "-", c, mask };
  }

  generate(): string {
    const a = this.a;
    const code = this.code;
    const body: string[] = [];
    let blockNo = -1;
    for (let i = 0; i < a.instrs.length; i++) {
      const ins = a.instrs[i];
      const d = a.depth[i];
      if (d < 0) continue;
      const b = a.blockAt[ins.start];
      if (b >= 0) {
        this.out.push(`case ${b}:`);
        blockNo = b;
      }
      if (blockNo < 0) throw new Error("instruction outside any block");
      const lcg = this.maskedMultiplyAdd(i);
      if (lcg !== null) {
        // `(x * k + c) & mask` of ints: only the low 32 bits matter (see maskedMultiplyAdd).
        const x = this.s(d - 2), k = this.s(d - 1);
        this.line(`if (typeof ${x} === "number" && typeof ${k} === "number") { ${x} = ((Math.imul(${x}, ${k}) ${lcg.sign} ${lcg.c}) | 0) & ${lcg.mask}; ${k} = null; } else {`);
        for (let j = i; j <= i + 4; j++) this.emitOne(j);
        this.line(`}`);
        i += 4;
        continue;
      }
      this.emitOne(i);
    }
    body.push(...this.out);

    // Exception handlers: entry number -> stack reset and block.
    const h = a.handlers;
    const handlerCases: string[] = [];
    for (let e = 0; e < h.length; e++) {
      const target = h.targets[e] * 2;
      const blk = a.blockAt[target];
      if (blk < 0) continue;
      const depth = h.depths[e];
      const parts: string[] = [];
      if (h.lastis[e]) parts.push(`${this.s(depth)} = f.lasti >> 1;`);
      parts.push(`${this.s(depth + (h.lastis[e] ? 1 : 0))} = t; t = null;`);
      parts.push(`b = ${blk}; break;`);
      handlerCases.push(`case ${e}: ${parts.join(" ")}`);
    }
    let deepHandler = false;
    for (let e = 0; e < h.length; e++) if (h.depths[e] !== 0) deepHandler = true;
    const noTry = this.noTry = !deepHandler;
    const nlp = code.nlocalsplus;
    const vars: string[] = [];
    for (let i = 0; i < this.maxDepth; i++) vars.push(`s${i} = null`);
    const load: string[] = [];
    for (let i = this.maxDepth - 1; i >= 0; i--) load.push(`case ${i + 1}: s${i} = regs[${nlp + i}]; regs[${nlp + i}] = null;`);
    return [
      `"use strict";`,
      `const None = R.None;`,
      `const SLICE = R.SLICE, EXC = R.EXC, PyFloat = R.PyFloat, FT = R.floatType, RAW = R.RAW;`,
      `const LIST_APPEND = R.listAppend, LEN = R.lenBuiltin(), LISTT = R.listType, TUPLET = R.tupleType;`,
      this.sites.length > 0 ? `const ${this.sites.map((_, i) => `A${i} = IC[${i}]`).join(", ")};` : ``,
      this.superSites.length > 0 ? `const ${this.superSites.map((_, i) => `U${i} = SS[${i}]`).join(", ")};` : ``,
      `return function ${safeName(code.name)}(f, thrown) {`,
      `const regs = f.regs;`,
      `let t = null, t2 = null, b = 0, k = 0, kk = 0, budget = ${SLICE_BACK_EDGES};`,
      vars.length > 0 ? `let ${vars.join(", ")};` : ``,
      this.rawSlots.size > 0 ? `let ${[...this.rawSlots].map((k) => `d${k} = 0.0`).join(", ")};` : ``,
      this.maxDeferred > 0 ? `let ${Array.from({ length: this.maxDeferred }, (_, i) => `tq${i} = null`).join(", ")};` : ``,
      // Entry: anywhere a block starts, with the value stack (if any) in regs.
      `if (f.sp > ${nlp}) { switch (f.sp - ${nlp}) { ${load.join(" ")} } f.sp = ${nlp}; }`,
      `b = BA[f.pc];`,
      `if (b < 0) throw R.toPyException(new Error("bad JIT entry at " + f.pc));`,
      `let exc = null;`,
      // With no handler that keeps values on the stack below it (all depth 0), there is
      // no JS try (V8 optimises such functions better: raytrace 19% faster). A JS throw
      // from a helper then leaves the function; whoever called it records this frame in
      // the traceback and, when a handler here catches it, enters again at the handler
      // (runtime.ts runJitFrame). Raises inside the function reach the handlers below
      // directly either way.
      `for (;;) {`,
      noTry ? `dispatch: {` : `dispatch: try {`,
      // gen.throw()/close(): raise at the instruction where the generator stopped.
      `if (thrown !== null) { exc = thrown; thrown = null; if (f.lasti < 0) f.lasti = 0; break dispatch; }`,
      `for (;;) {`,
      `switch (b) {`,
      ...body,
      `default: throw R.toPyException(new Error("JIT fell off the code"));`,
      `}`,
      `}`,
      ...(noTry ? [`}`] : [`} catch (e) {`, `exc = R.toPyException(e);`, `}`]),
      `t = exc; exc = null;`,
      `switch (R.unwind(f, t)) {`,
      ...handlerCases,
      `default: return EXC;`,
      `}`,
      `}`,
      `};`,
    ].join("\n");
  }
}

function safeName(name: string): string {
  return `py_${name.replace(/[^A-Za-z0-9_$]/g, "_")}`;
}

/** Compiles `code` to a JavaScript function, or returns null when it cannot. */
export function compileCode(code: PyCode, runtime: JitRuntime): JitFn | null {
  // Code that forces collections (gc.collect(), test.support.gc_collect()) stays in the
  // interpreter, which leaves no stale JS references to the garbage it wants finalized.
  if (code.names.includes("collect") || code.names.includes("gc_collect")) return null;
  const a = analyse(code);
  if (a === null) return null;
  for (let i = 0; i < a.instrs.length; i++) {
    const op = a.instrs[i].op;
    if (a.depth[i] >= 0 && (UNSUPPORTED.has(op) || op >= MIN_INSTRUMENTED_OPCODE)) return null;
  }
  const emitter = new Emitter(code, a);
  const src = emitter.generate();
  if (process.env.TSPYTHON_JIT_DUMP) process.stderr.write(`[jit] ${code.qualname}\n${src}\n`);
  // (Allocated now, so that the generated code can hold the array itself.)
  if (code.globalCache.length === 0) code.globalCache = new Float64Array(code.bytes.length * 2);
  const factory = new Function("R", "K", "C", "BA", "IC", "GC", "SS", src) as
    (r: JitRuntime, k: PyObj[], c: PyCode, ba: Int32Array, ic: AttrSite[], gc: Float64Array, ss: SuperSite[]) => JitFn;
  const fn = factory(runtime, code.consts, code, a.blockAt, emitter.sites, code.globalCache, emitter.superSites);
  code.jitEntries = a.blockAt;
  code.jitNoTry = emitter.noTry;
  return fn;
}

/** True when compiled `code` can take over a frame about to execute byte offset `pc`. */
export function canEnterAt(code: PyCode, pc: number): boolean {
  const ba = code.jitEntries;
  return ba !== null && pc < ba.length && ba[pc] >= 0;
}
