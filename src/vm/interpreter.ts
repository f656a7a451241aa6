// The eval loop: executes CPython 3.13 code objects.
//
// One function (evalFrame) with one switch over the numeric opcodes; hot state (pc, sp,
// regs, consts, names, code bytes) lives in locals and is written back to the frame only
// at calls, yields and raises. Python-to-Python calls push a frame and continue the loop
// (no JS recursion); a return pops back to the caller frame. An exception from anywhere
// ends in the catch block, which looks up the handler in co_exceptiontable
// (ExceptionHandlerIndex), trims the stack, pushes lasti if asked, pushes the exception
// and jumps; with no handler the frame is popped and the search continues in the caller.
// Cold opcodes live in helpers (ops.ts) so that this function stays small for TurboFan.
import { Op } from "../bytecode/opcodes.generated.js";
import { CodeFlag } from "../bytecode/code.js";
import { ExceptionHandlerIndex } from "../bytecode/exceptionTable.js";
import {
  PyObject, PyObj, PyType, KwNames, None, NotImplemented, typeOf, PyFloat, runtimeHooks, intType, LookupEntry,
  floatType, strType, NB_COUNT, typeTypeObj, tupleType, listType,
} from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import {
  PyBaseException, typeError, SystemError, RecursionError, newException, nameError, BaseException as BaseExceptionType,
  UnboundLocalError, NameError as NameErrorType, StopIteration,
} from "../objects/exceptions.js";
import {
  PyFunction, PyCode, PyCell, PyMethod, PyProperty, functionType, methodType, propertyType,
} from "../objects/function.js";
import {
  PyTuple, PyList, newTuple, rangeIterType, listIterType, PyRangeIter, PySeqIter,
} from "../objects/sequence.js";
import {
  getAttr, setAttr, binaryOpFull, richCompare, isTrue, getIter, setItem, delItem,
  contains, unaryNegative, unaryInvert, genericGetAttr, noAttribute, binaryOpError,
} from "../objects/abstract.js";
import { intAdd, intSub, intMul, NB, floatBinary, NB_DUNDERS, intBinary } from "../objects/number.js";
import { objectNew, superHooks, PyMemberDescr, PySlottedObject } from "../objects/typeobject.js";
import { Frame, FrameState, threadState, ThreadState, exposeFrame } from "./frame.js";
import { bindArguments } from "./call.js";
import * as ops from "./ops.js";
import { PyTraceback } from "./traceback.js";
import { makeGenerator, PyGen, generatorType, coroutineType, noteSuspension } from "./generators.js";
import { collectRequest, runRequestedCollect } from "./finalization.js";
import { noteHot, canEnterCompiled, enterFrame as enterCompiledOrInterpreted, runCompiled, nesting, JitFn, SLICE as JIT_SLICE, runJitFrame,
  EXC as JIT_EXC, takeExc as takeJitExc, evalCompiled, loadGlobalCached, subscr, storeSubscr,
} from "./jit/runtime.js";
import { canEnterAt } from "./jit/emit.js";

const ts: ThreadState = threadState;

/** Converts anything thrown inside the loop into a Python exception. */
export function toPyException(e: unknown): PyBaseException {
  if (e instanceof PyBaseException) return e;
  // The JS stack ran out. (No regular expression here: a regex literal first evaluated
  // while the stack is exhausted fails to compile, with a SyntaxError saying so.)
  if ((e instanceof RangeError && e.message.includes("call stack")) ||
      (e instanceof SyntaxError && e.message.startsWith("Invalid regular expression") &&
        (e.message.endsWith("Stack overflow") || e.message.endsWith("call stack size exceeded")))) {
    return newException(RecursionError, "maximum recursion depth exceeded");
  }
  if (process.env.TSPYTHON_DEBUG) process.stderr.write(`[tspython internal error] ${(e as Error)?.stack ?? String(e)}\n`);
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return newException(SystemError, `internal error in TSPython: ${msg}`);
}

/** Sets __context__ of a newly raised exception from the handled one (cycles broken). */
export function chainContext(exc: PyBaseException): void {
  const ctx = ts.handledException();
  if (ctx === None || ctx === exc || !(ctx instanceof PyBaseException)) return;
  // Break a cycle through `exc` (as _PyErr_SetObject does), without hanging on a cycle
  // that already exists further up the chain (Floyd's tortoise and hare).
  let o: PyBaseException = ctx;
  let slow: PyBaseException = ctx;
  let toggle = false;
  for (;;) {
    const next: PyObj | null = o.context;
    if (!(next instanceof PyBaseException)) break;
    if (next === exc) {
      o.context = null;
      break;
    }
    o = next;
    if (o === slow) break;
    if (toggle) slow = slow.context as PyBaseException;
    toggle = !toggle;
  }
  exc.context = ctx;
}

function recursionError(): PyBaseException {
  return newException(RecursionError, "maximum recursion depth exceeded");
}

/** A new frame for calling `fn` (arguments bound by the caller). */
export function newFunctionFrame(fn: PyFunction): Frame {
  return new Frame(fn.code, fn, fn.globals, fn.builtins, null);
}

/** Calls a Python function from native code (JS recursion into a new loop invocation). */
export function callFunction(fn: PyFunction, args: PyObj[], kwnames: KwNames): PyObj {
  const code = fn.code;
  const frame = new Frame(code, fn, fn.globals, fn.builtins, null);
  const regs = frame.regs;
  if (kwnames === null && code.simpleArgs && args.length === code.argcount) {
    for (let i = 0; i < args.length; i++) regs[i] = args[i];
  } else {
    bindArguments(fn, regs, args, 0, args.length - (kwnames === null ? 0 : kwnames.length), kwnames);
  }
  if (code.isGenerator) return makeGenerator(frame);
  return enterCompiledOrInterpreted(frame);
}

/** The generic call: any callable, arguments as an array (+ kwnames for the tail). */
export function callObject(callable: PyObj, args: PyObj[], kwnames: KwNames): PyObj {
  if (callable instanceof PyFunction) return callFunction(callable, args, kwnames);
  if (callable instanceof PyMethod) {
    const f = callable.func;
    const all = new Array<PyObj>(args.length + 1);
    all[0] = callable.self;
    for (let i = 0; i < args.length; i++) all[i + 1] = args[i];
    if (f instanceof PyFunction) return callFunction(f, all, kwnames);
    return callObject(f, all, kwnames);
  }
  const t = typeOf(callable);
  const slot = t.tp_call;
  if (slot === null) throw typeError(`'${t.name}' object is not callable`);
  return slot(callable, args, kwnames);
}
runtimeHooks.call = callObject;

/** Runs a module/class body: code with a locals mapping. */
export function runCode(code: PyCode, globals: PyDict, builtins: PyDict, locals: PyObj, closure: PyCell[] | null = null, func: PyFunction | null = null): PyObj {
  const frame = new Frame(code, func, globals, builtins, locals);
  if (closure !== null) {
    const n = closure.length;
    for (let i = 0; i < n; i++) frame.regs[code.nlocalsplus - n + i] = closure[i];
  }
  return evalFrame(frame, null);
}

/** Zero-argument super(): (__class__ cell contents, first argument) of the running frame. */
superHooks.zeroArgs = () => {
  const f = ts.frame;
  if (f === null) throw newException(SystemError, "super(): no current frame");
  return ops.zeroArgSuper(f);
};

/** A frame calling `fn(arg)` inline when fn takes exactly one plain argument; else null. */
function oneArgFrame(fn: PyFunction, arg: PyObj): Frame | null {
  const c = fn.code;
  if (c.isGenerator || !c.simpleArgs || c.argcount !== 1) return null;
  if (ts.depth >= ts.recursionLimit) throw recursionError();
  const nf = new Frame(c, fn, fn.globals, fn.builtins, null);
  nf.regs[0] = arg;
  return nf;
}

/**
 * BEFORE_WITH with a Python __enter__: replaces the manager on the stack by its bound
 * __exit__ and returns the __enter__ frame (its return value lands above it); null for
 * the generic path (ops.ts), which also reports a missing protocol.
 */
function enterFrame(regs: (PyObj | null)[], sp: number): Frame | null {
  const mgr = regs[sp - 1] as PyObj;
  const mt = typeOf(mgr);
  const enterFn = mt.lookup("__enter__");
  const exit = mt.lookup("__exit__");
  if (!(enterFn instanceof PyFunction) || exit === null) return null;
  const nf = oneArgFrame(enterFn, mgr);
  if (nf === null) return null;
  const g = typeOf(exit).tp_descr_get;
  regs[sp - 1] = g === null ? exit : g(exit, mgr, mt);
  return nf;
}

/**
 * Instance creation by CALL when the class allocates natively (object.__new__, or
 * BaseException.__new__ which records args) and has a Python __init__: allocates and
 * returns the __init__ frame to run inline (its RETURN pushes the instance); null when
 * the generic type call applies.
 */
function initFrame(cls: PyType, regs: (PyObj | null)[], base: number, sp: number, nargs: number, kwnames: KwNames): Frame | null {
  const init = cls.lookup("__init__");
  if (!(init instanceof PyFunction) || init.code.isGenerator) return null;
  if (ts.depth >= ts.recursionLimit) throw recursionError();
  const self = cls.tp_new === objectNew ? objectNew(cls, [], null) : cls.tp_new!(cls, regs.slice(base, sp) as PyObj[], kwnames);
  const icode = init.code;
  const nf = new Frame(icode, init, init.globals, init.builtins, null);
  const nregs = nf.regs;
  if (kwnames === null && icode.simpleArgs && icode.argcount === nargs + 1) {
    nregs[0] = self;
    for (let i = 0; i < nargs; i++) nregs[i + 1] = regs[base + i];
  } else {
    // General binding: self goes into the NULL slot just below the arguments.
    regs[base - 1] = self;
    bindArguments(init, nregs, regs, base - 1, nargs + 1 - (kwnames === null ? 0 : kwnames.length), kwnames);
  }
  nf.initSelf = self;
  return nf;
}

/**
 * Prepares a generator's frame to run inline in the loop (FOR_ITER, SEND): the sent value
 * (for a suspended frame), running flag, its link in the handled-exception chain, and the
 * frame -> generator link, which exists only while it runs inline (generators.ts keeps
 * none otherwise, for finalisation). `resume` marks a SEND resumption.
 */
function resumeInline(gen: PyGen, sent: PyObj, resume: SendResume | null): Frame {
  const gf = gen.frame;
  if (gf.state === FrameState.SUSPENDED) gf.regs[gf.sp++] = sent;
  gen.running = true;
  gen.excNode.previous = ts.excNode;
  ts.excNode = gen.excNode;
  gf.isEntry = false;
  gf.gen = gen;
  gf.initSelf = resume;
  return gf;
}

/** Marks a generator frame resumed inline by SEND: where its caller continues on return. */
class SendResume extends PyObject {
  declare readonly target: number;
  constructor(target: number) {
    super(typeOf(None));
    this.target = target;
  }
}

/** Marks an inline-called __op__ frame: what to finish if it returns NotImplemented. */
class BinopReturn extends PyObject {
  declare readonly a: PyObj;
  declare readonly b: PyObj;
  declare readonly oparg: number;
  constructor(a: PyObj, b: PyObj, oparg: number) {
    super(typeOf(None));
    this.a = a;
    this.b = b;
    this.oparg = oparg;
  }
}

export const NB_DUNDER_NAMES = NB_DUNDERS.map((d) => `__${d}__`);

/**
 * A heap class's Python __op__ for BINARY_OP (left operand; the right one does not take
 * precedence), as a frame to run inline; null when the generic path applies. If the
 * method returns NotImplemented, RETURN finishes the operator natively (BinopReturn).
 */
function binopFrame(code: PyCode, instrStart: number, a: PyObject, b: PyObj, oparg: number): Frame | null {
  if (!ops.userBinopApplies(a, b, oparg)) return null;
  const op = oparg >= NB_COUNT ? oparg - NB_COUNT : oparg;
  const ta = a.type;
  const m = cachedTypeLookup(code, instrStart >> 1, ta, NB_DUNDER_NAMES[op]);
  if (!(m instanceof PyFunction) || m.code.isGenerator || !m.code.simpleArgs || m.code.argcount !== 2) return null;
  if (ts.depth >= ts.recursionLimit) throw recursionError();
  const nf = new Frame(m.code, m, m.globals, m.builtins, null);
  nf.regs[0] = a;
  nf.regs[1] = b;
  nf.initSelf = new BinopReturn(a, b, oparg);
  return nf;
}

/** After the left operand's __op__ returned NotImplemented: the right operand's slot, or the error. */
export function binopFallback(a: PyObj, b: PyObj, oparg: number): PyObj {
  const op = oparg >= NB_COUNT ? oparg - NB_COUNT : oparg;
  const ta = typeOf(a), tb = typeOf(b);
  if (tb !== ta) {
    const slotB = tb.nb_binary[op];
    if (slotB !== null) {
      const r = slotB(a, b);
      if (r !== NotImplemented) return r;
    }
  }
  throw binaryOpError(a, b, op, oparg >= NB_COUNT ? "=" : "");
}

/**
 * The MRO lookup of `name` on `t` for the LOAD_ATTR/STORE_ATTR at code unit `u`, through
 * the instruction's inline cache (valid while the type's version is unchanged).
 */
export function cachedTypeLookup(code: PyCode, u: number, t: PyType, name: string): PyObj | null {
  let types = code.attrCacheType;
  if (types === null) {
    const n = code.bytes.length >> 1;
    types = code.attrCacheType = new Array<PyType | null>(n).fill(null);
    code.attrCacheVersion = new Float64Array(n);
    code.attrCacheDescr = new Array<LookupEntry | null>(n).fill(null);
  }
  let e: LookupEntry | null;
  if (types[u] === t && code.attrCacheVersion[u] === t.version) {
    e = code.attrCacheDescr![u];
  } else {
    e = t.lookupEntry(name);
    types[u] = t;
    code.attrCacheVersion[u] = t.version;
    code.attrCacheDescr![u] = e;
  }
  return e === null ? null : e.dict.valueList[e.index];
}

/**
 * The slot of `name` in an instance dict, through the instruction's cached slot index:
 * instances of one class usually insert their attributes in the same order, so the
 * slot seen last time is checked first (a string compare instead of a hash lookup).
 * -1 when the dict has no such key.
 */
export function instanceDictSlot(code: PyCode, u: number, d: PyDict, name: string): number {
  let cache = code.attrSlotCache;
  if (cache.length === 0) cache = code.attrSlotCache = new Int32Array(code.bytes.length >> 1).fill(-1);
  const i = cache[u];
  if (i >= 0 && i < d.keyList.length && d.keyList[i] === name) return i;
  const j = d.index.get(name);
  if (j === undefined) return -1;
  cache[u] = j;
  return j;
}

function unboundLocal(f: Frame, i: number): PyBaseException {
  const name = f.code.localsplusnames[i];
  const e = newException(UnboundLocalError, `cannot access local variable '${name}' where it is not associated with a value`);
  return e;
}

/**
 * Executes `entry` (and the frames it calls inline) until it returns or yields.
 * `throwExc`: raise this exception at the frame's current instruction first (gen.throw).
 */
export function evalFrame(entry: Frame, throwExc: PyBaseException | null): PyObj {
  if (entry.code.jitCounter >= 0) {
    // Hot code (a generator resumed, a function called from native code): compiled.
    const r = evalCompiled(entry, throwExc);
    if (r !== null) return r;
  }
  if (ts.depth >= ts.recursionLimit) throw recursionError();
  ts.depth++;
  entry.isEntry = true;
  entry.back = ts.frame;
  ts.frame = entry;
  entry.state = FrameState.EXECUTING;
  let r = runSlice(entry, throwExc);
  while (r === SLICE_END) {
    const cur = ts.frame!;
    if (collectRequest.pending) runRequestedCollect();
    if (cur.gen === null && cur.initSelf === null) {
      // A hot loop (or a callee just entered): continue this frame in compiled code.
      const compiled = noteHot(cur.code);
      if (compiled !== null && canEnterCompiled() && canEnterAt(cur.code, cur.pc)) {
        r = finishInCompiled(cur, compiled);
        continue;
      }
    }
    r = runSlice(cur, null);
  }
  return r;
}

/**
 * On-stack replacement: runs the rest of the interpreted frame `cur` (stopped at a block
 * start with its value stack in regs) in its compiled function, then hands the result or
 * the exception to its caller as RETURN or the unwinder would. Returns what the loop
 * slice would have returned.
 */
function finishInCompiled(cur: Frame, compiled: JitFn): PyObj {
  let result: PyObj;
  nesting.depth++;
  try {
    result = runJitFrame(cur, compiled, null);
    if (result === JIT_EXC) throw takeJitExc();
  } catch (e) {
    nesting.depth--;
    ts.depth--;
    ts.frame = cur.back;
    if (cur.isEntry) {
      cur.isEntry = false;
      throw e;
    }
    // The compiled frame recorded its own traceback entry; unwinding goes on in the caller.
    return runSlice(cur.back!, toPyException(e));
  }
  nesting.depth--;
  ts.depth--;
  ts.frame = cur.back;
  if (cur.isEntry) {
    cur.isEntry = false;
    return result;
  }
  const caller = cur.back!;
  caller.regs[caller.sp++] = result;
  return runSlice(caller, null);
}

/**
 * The loop runs in slices: after SLICE_BUDGET backward jumps or calls it saves its state
 * and returns SLICE_END, and evalFrame calls it again. Why: a program that runs inside one
 * invocation would otherwise depend on V8's on-stack replacement alone, and after a
 * deoptimisation V8 does not always re-enter optimised code mid-loop; re-entering the
 * function lets it be optimised normally. Short slices (100) were measured best: V8 then
 * tiers runSlice up through ordinary entries instead of repeated OSR compilations, each
 * of which costs ~300 ms of compiler time for this large function.
 */
const SLICE_END = new PyObject(typeOf(None));
const SLICE_BUDGET = 100;

function runSlice(start: Frame, throwExc: PyBaseException | null): PyObj {
  let budget = SLICE_BUDGET;
  let f = start;
  let code = f.code;
  let bytes = code.bytes;
  let regs = f.regs;
  let consts = code.consts;
  let names = code.names;
  let sp = f.sp;
  let pc = f.pc;
  let instrStart = f.lasti < 0 ? 0 : f.lasti;
  let pending: PyBaseException | null = throwExc;
  for (;;) {
    // Raises inside the loop (RAISE_VARARGS, RERAISE) break out to the unwinding code
    // below without a JS throw; exceptions from everything else arrive through catch.
    let raised: PyBaseException | null = null;
    dispatch: try {
      if (pending !== null) {
        const p = pending;
        pending = null;
        throw p;
      }
      for (;;) {
        instrStart = pc;
        let op = bytes[pc];
        let oparg = bytes[pc + 1];
        pc += 2;
        while (op === Op.EXTENDED_ARG) {
          op = bytes[pc];
          oparg = (oparg << 8) | bytes[pc + 1];
          pc += 2;
        }
        let enter: Frame | null = null;
        sw: switch (op) {
          case Op.NOP:
          case Op.RESUME:
          case Op.CACHE:
            continue;
          case Op.LOAD_FAST: {
            regs[sp++] = regs[oparg];
            continue;
          }
          case Op.LOAD_FAST_CHECK: {
            const v = regs[oparg];
            if (v === null) throw unboundLocal(f, oparg);
            regs[sp++] = v;
            continue;
          }
          case Op.LOAD_FAST_LOAD_FAST: {
            regs[sp++] = regs[oparg >> 4];
            regs[sp++] = regs[oparg & 15];
            continue;
          }
          case Op.LOAD_FAST_AND_CLEAR: {
            regs[sp++] = regs[oparg];
            regs[oparg] = null;
            continue;
          }
          case Op.STORE_FAST: {
            regs[oparg] = regs[--sp];
            continue;
          }
          case Op.STORE_FAST_LOAD_FAST: {
            regs[oparg >> 4] = regs[--sp];
            regs[sp++] = regs[oparg & 15];
            continue;
          }
          case Op.STORE_FAST_STORE_FAST: {
            regs[oparg >> 4] = regs[--sp];
            regs[oparg & 15] = regs[--sp];
            continue;
          }
          case Op.DELETE_FAST: {
            if (regs[oparg] === null) throw unboundLocal(f, oparg);
            regs[oparg] = null;
            continue;
          }
          case Op.LOAD_CONST: {
            regs[sp++] = consts[oparg];
            continue;
          }
          case Op.POP_TOP: {
            regs[--sp] = null;
            continue;
          }
          case Op.PUSH_NULL: {
            regs[sp++] = null;
            continue;
          }
          case Op.END_FOR: {
            regs[--sp] = null;
            continue;
          }
          case Op.COPY: {
            regs[sp] = regs[sp - oparg];
            sp++;
            continue;
          }
          case Op.SWAP: {
            const t = regs[sp - 1];
            regs[sp - 1] = regs[sp - oparg];
            regs[sp - oparg] = t;
            continue;
          }
          case Op.LOAD_GLOBAL: {
            // Through the instruction's cache (shared with compiled code: jit/runtime.ts).
            regs[sp++] = loadGlobalCached(f, code, instrStart >> 1, names[oparg >> 1]);
            if (oparg & 1) regs[sp++] = null;
            pc += 8;
            continue;
          }
          case Op.LOAD_ATTR: {
            const owner = regs[sp - 1] as PyObj;
            const name = names[oparg >> 1];
            if (oparg & 1) {
              // Method form: push (func, self) when the attribute is a plain function
              // found on the type and not shadowed, else (attr, NULL).
              const t = typeOf(owner);
              if (t.tp_getattro === null) {
                const descr = cachedTypeLookup(code, instrStart >> 1, t, name);
                if (descr instanceof PyFunction || (descr !== null && ops.isMethodDescriptor(descr))) {
                  const d = typeof owner === "object" ? owner.dict : null;
                  if (d === null || d.getStr(name) === undefined) {
                    regs[sp - 1] = descr;
                    regs[sp++] = owner;
                    pc += 18;
                    continue;
                  }
                }
              }
              f.lasti = instrStart;
              regs[sp - 1] = getAttr(owner, name);
              regs[sp++] = null;
            } else {
              if (typeof owner === "object" && owner.type.tp_getattro === null) {
                const t = owner.type;
                const descr = cachedTypeLookup(code, instrStart >> 1, t, name);
                if (descr === null) {
                  // Instance attribute fast path: nothing on the type.
                  const d = owner.dict;
                  if (d !== null) {
                    const slot = instanceDictSlot(code, instrStart >> 1, d, name);
                    if (slot >= 0) {
                      regs[sp - 1] = d.valueList[slot];
                      pc += 18;
                      continue;
                    }
                  }
                  throw noAttribute(owner, name);
                }
                if (descr instanceof PyMemberDescr && owner instanceof PySlottedObject) {
                  // A __slots__ member: read the slot directly (unset falls to the slow path).
                  const v = owner.slotValues[descr.slotIndex];
                  if (v !== null && v !== undefined) {
                    regs[sp - 1] = v;
                    pc += 18;
                    continue;
                  }
                }
                if (descr instanceof PyProperty && descr.type === propertyType && descr.fget instanceof PyFunction) {
                  // A property with a Python getter: run the getter as an inline call;
                  // its RETURN pushes the value where the owner was.
                  const nf = oneArgFrame(descr.fget, owner);
                  if (nf !== null) {
                    regs[--sp] = null;
                    f.sp = sp;
                    f.pc = pc + 18;
                    f.lasti = instrStart;
                    enter = nf;
                    break sw;
                  }
                }
              }
              f.lasti = instrStart;
              regs[sp - 1] = getAttr(owner, name);
            }
            pc += 18;
            continue;
          }
          case Op.STORE_ATTR: {
            const owner = regs[--sp] as PyObj;
            const v = regs[--sp] as PyObj;
            regs[sp] = null;
            regs[sp + 1] = null;
            const name = names[oparg];
            let descrS: PyObj | null = null;
            if (typeof owner === "object" && owner.type.tp_setattro === null &&
                ((descrS = cachedTypeLookup(code, instrStart >> 1, owner.type, name)) === null) && owner.dict !== null) {
              const d = owner.dict;
              const slot = instanceDictSlot(code, instrStart >> 1, d, name);
              if (slot >= 0) d.valueList[slot] = v;
              else d.setStr(name, v);
            } else if (descrS instanceof PyMemberDescr && owner instanceof PySlottedObject) {
              owner.slotValues[descrS.slotIndex] = v;
            } else {
              f.lasti = instrStart;
              setAttr(owner, name, v);
            }
            pc += 8;
            continue;
          }
          case Op.LOAD_DEREF: {
            const v = (regs[oparg] as PyCell).contents;
            if (v === null) throw ops.derefError(f, oparg);
            regs[sp++] = v;
            continue;
          }
          case Op.STORE_DEREF: {
            (regs[oparg] as PyCell).contents = regs[--sp];
            continue;
          }
          case Op.BINARY_OP: {
            const b = regs[--sp] as PyObj;
            const a = regs[sp - 1] as PyObj;
            regs[sp] = null;
            pc += 2;
            if (typeof a === "number" && typeof b === "number") {
              let r: number;
              switch (oparg) {
                case NB.ADD:
                case NB.INPLACE_ADD:
                  r = a + b;
                  if (r <= 9007199254740991 && r >= -9007199254740991) {
                    regs[sp - 1] = r;
                    continue;
                  }
                  regs[sp - 1] = intAdd(a, b);
                  continue;
                case NB.SUBTRACT:
                case NB.INPLACE_SUBTRACT:
                  r = a - b;
                  if (r <= 9007199254740991 && r >= -9007199254740991) {
                    regs[sp - 1] = r;
                    continue;
                  }
                  regs[sp - 1] = intSub(a, b);
                  continue;
                case NB.MULTIPLY:
                case NB.INPLACE_MULTIPLY:
                  regs[sp - 1] = intMul(a, b);
                  continue;
                default: {
                  // Every other int-int operator: straight to the int arithmetic.
                  const r2 = intBinary(oparg >= NB_COUNT ? oparg - NB_COUNT : oparg, a, b);
                  if (r2 !== NotImplemented) {
                    regs[sp - 1] = r2;
                    continue;
                  }
                }
              }
            } else if (a instanceof PyFloat && b instanceof PyFloat && a.type === floatType && b.type === floatType) {
              const o = oparg >= NB_COUNT ? oparg - NB_COUNT : oparg;
              if (o === NB.ADD) {
                regs[sp - 1] = new PyFloat(a.value + b.value);
                continue;
              }
              if (o === NB.SUBTRACT) {
                regs[sp - 1] = new PyFloat(a.value - b.value);
                continue;
              }
              if (o === NB.MULTIPLY) {
                regs[sp - 1] = new PyFloat(a.value * b.value);
                continue;
              }
              if (a.type === floatType && b.type === floatType) {
                const r = floatBinary(o, a.value, b.value);
                if (r !== NotImplemented) {
                  regs[sp - 1] = r;
                  continue;
                }
              }
            } else if (typeof a === "string" && typeof b === "string" && (oparg === NB.ADD || oparg === NB.INPLACE_ADD)) {
              regs[sp - 1] = a + b;
              continue;
            }
            f.lasti = instrStart;
            if (typeof a === "object") {
              const nf = binopFrame(code, instrStart, a, b, oparg);
              if (nf !== null) {
                regs[--sp] = null;
                f.sp = sp;
                f.pc = pc;
                enter = nf;
                break sw;
              }
            }
            regs[sp - 1] = binaryOpFull(a, b, oparg);
            continue;
          }
          case Op.COMPARE_OP: {
            const b = regs[--sp] as PyObj;
            const a = regs[sp - 1] as PyObj;
            regs[sp] = null;
            pc += 2;
            const cmp = oparg >> 5;
            if (typeof a === "number" && typeof b === "number") {
              let r: boolean;
              switch (cmp) {
                case 0: r = a < b; break;
                case 1: r = a <= b; break;
                case 2: r = a === b; break;
                case 3: r = a !== b; break;
                case 4: r = a > b; break;
                default: r = a >= b;
              }
              regs[sp - 1] = r;
              continue;
            }
            f.lasti = instrStart;
            const r = richCompare(a, b, cmp);
            regs[sp - 1] = oparg & 16 ? (typeof r === "boolean" ? r : isTrue(r)) : r;
            continue;
          }
          case Op.IS_OP: {
            const b = regs[--sp] as PyObj;
            const a = regs[sp - 1] as PyObj;
            regs[sp] = null;
            const same = a === b || ops.sameValue(a, b);
            regs[sp - 1] = oparg ? !same : same;
            continue;
          }
          case Op.CONTAINS_OP: {
            const b = regs[--sp] as PyObj;
            const a = regs[sp - 1] as PyObj;
            regs[sp] = null;
            const r = contains(b, a);
            regs[sp - 1] = oparg ? !r : r;
            pc += 2;
            continue;
          }
          case Op.TO_BOOL: {
            const v = regs[sp - 1] as PyObj;
            if (typeof v !== "boolean") regs[sp - 1] = isTrue(v);
            pc += 6;
            continue;
          }
          case Op.UNARY_NOT: {
            const v = regs[sp - 1] as PyObj;
            regs[sp - 1] = v === false ? true : v === true ? false : !isTrue(v);
            continue;
          }
          case Op.UNARY_NEGATIVE: {
            const v = regs[sp - 1] as PyObj;
            regs[sp - 1] = typeof v === "number" ? 0 - v : unaryNegative(v);
            continue;
          }
          case Op.UNARY_INVERT: {
            regs[sp - 1] = unaryInvert(regs[sp - 1] as PyObj);
            continue;
          }
          case Op.POP_JUMP_IF_FALSE: {
            const v = regs[--sp] as PyObj;
            regs[sp] = null;
            pc += 2;
            if (v === false || (v !== true && !isTrue(v))) pc += oparg * 2;
            continue;
          }
          case Op.POP_JUMP_IF_TRUE: {
            const v = regs[--sp] as PyObj;
            regs[sp] = null;
            pc += 2;
            if (v === true || (v !== false && isTrue(v))) pc += oparg * 2;
            continue;
          }
          case Op.POP_JUMP_IF_NONE: {
            const v = regs[--sp];
            regs[sp] = null;
            pc += 2;
            if (v === None) pc += oparg * 2;
            continue;
          }
          case Op.POP_JUMP_IF_NOT_NONE: {
            const v = regs[--sp];
            regs[sp] = null;
            pc += 2;
            if (v !== None) pc += oparg * 2;
            continue;
          }
          case Op.JUMP_FORWARD:
            pc += oparg * 2;
            continue;
          case Op.JUMP_BACKWARD:
            pc += 2 - oparg * 2;
            if (--budget <= 0) {
              f.sp = sp;
              f.pc = pc;
              return SLICE_END;
            }
            continue;
          case Op.JUMP_BACKWARD_NO_INTERRUPT:
            pc -= oparg * 2;
            continue;
          case Op.GET_ITER: {
            const v = regs[sp - 1] as PyObj;
            regs[sp - 1] = getIter(v);
            continue;
          }
          case Op.FOR_ITER: {
            const it = regs[sp - 1] as PyObject;
            pc += 2;
            if (it.type === rangeIterType) {
              const r = it as PyRangeIter;
              if (r.remaining > 0) {
                r.remaining--;
                regs[sp++] = r.next;
                r.next += r.step;
                continue;
              }
            } else if (it.type === listIterType) {
              const li = it as PySeqIter;
              const items = li.seq.items;
              if (li.index < items.length) {
                regs[sp++] = items[li.index++];
                continue;
              }
            } else if (it.type === generatorType) {
              const gen = it as PyGen;
              const gf = gen.frame;
              if (!gen.running && gf.state !== FrameState.COMPLETED && ts.depth < ts.recursionLimit) {
                // Resume the generator's frame inline (CPython's FOR_ITER_GEN): its
                // YIELD_VALUE comes back here with the value; its RETURN re-runs this
                // FOR_ITER, which then finds the generator exhausted.
                f.sp = sp;
                f.pc = pc;
                f.lasti = instrStart;
                enter = resumeInline(gen, None, null);
                break sw;
              }
            }
            const next = it.type.tp_iternext!(it);
            if (next !== null) {
              regs[sp++] = next;
              continue;
            }
            // Exhausted: pop the iterator and skip END_FOR and POP_TOP.
            regs[--sp] = null;
            pc += oparg * 2 + 4;
            continue;
          }
          case Op.BINARY_SUBSCR: {
            const key = regs[--sp] as PyObj;
            const container = regs[sp - 1] as PyObj;
            regs[sp] = null;
            pc += 2;
            f.lasti = instrStart;
            const v = subscr(container, key);
            if (v === JIT_EXC) {
              // A missing key of a plain dict: KeyError without a JS throw.
              raised = takeJitExc();
              break dispatch;
            }
            regs[sp - 1] = v;
            continue;
          }
          case Op.STORE_SUBSCR: {
            const key = regs[--sp] as PyObj;
            const container = regs[--sp] as PyObj;
            const v = regs[--sp] as PyObj;
            regs[sp] = regs[sp + 1] = regs[sp + 2] = null;
            pc += 2;
            storeSubscr(container, key, v);
            continue;
          }
          case Op.DELETE_SUBSCR: {
            const key = regs[--sp] as PyObj;
            const container = regs[--sp] as PyObj;
            regs[sp] = regs[sp + 1] = null;
            delItem(container, key);
            continue;
          }
          case Op.RETURN_VALUE:
          case Op.RETURN_CONST: {
            const retval = op === Op.RETURN_CONST ? consts[oparg] : (regs[--sp] as PyObj);
            // A finished frame's f_lineno is its return's line (a saved frame object may show it).
            f.lasti = instrStart;
            // Pop this frame.
            ts.depth--;
            f.state = FrameState.COMPLETED;
            f.sp = f.code.nlocalsplus;
            ts.frame = f.back;
            if (f.isEntry) {
              f.isEntry = false;
              return retval;
            }
            if (f.gen !== null) {
              // An inline-resumed generator finished. Resumed by FOR_ITER: back to it, it
              // re-runs and finds the generator exhausted. Resumed by SEND (yield from /
              // await): push the return value and take SEND's jump.
              const gen = f.gen as PyGen;
              const resume = f.initSelf;
              f.gen = null;
              f.initSelf = null;
              gen.running = false;
              ts.excNode = gen.excNode.previous!;
              gen.excNode.previous = null;
              f = f.back!;
              code = f.code;
              bytes = code.bytes;
              regs = f.regs;
              consts = code.consts;
              names = code.names;
              sp = f.sp;
              if (resume instanceof SendResume) {
                regs[sp++] = retval;
                pc = resume.target;
              } else {
                pc = f.lasti;
              }
              continue;
            }
            const initSelf = f.initSelf;
            f = f.back!;
            code = f.code;
            bytes = code.bytes;
            regs = f.regs;
            consts = code.consts;
            names = code.names;
            sp = f.sp;
            pc = f.pc;
            if (initSelf instanceof BinopReturn) {
              // An inline __op__ returned: NotImplemented falls back to the right operand.
              if (retval === NotImplemented) {
                instrStart = f.lasti;
                regs[sp++] = binopFallback(initSelf.a, initSelf.b, initSelf.oparg);
              } else {
                regs[sp++] = retval;
              }
            } else if (initSelf !== null) {
              if (retval !== None) {
                instrStart = f.lasti;
                throw typeError(`__init__() should return None, not '${typeOf(retval).name}'`);
              }
              regs[sp++] = initSelf;
            } else {
              regs[sp++] = retval;
            }
            continue;
          }
          case Op.CALL:
          case Op.CALL_KW: {
            let kwnames: KwNames = null;
            if (op === Op.CALL_KW) {
              kwnames = (regs[--sp] as PyTuple).items as string[];
              regs[sp] = null;
            } else {
              pc += 6;
            }
            let nargs = oparg;
            const callableIdx = sp - oparg - 2;
            let base = sp - oparg; // first argument
            let callable = regs[callableIdx] as PyObj;
            const selfOrNull = regs[base - 1];
            if (selfOrNull !== null) {
              base--;
              nargs++;
            } else if (typeof callable === "object" && callable.type === methodType) {
              // Unpack a bound method into the NULL slot: no allocation.
              regs[base - 1] = (callable as PyMethod).self;
              callable = (callable as PyMethod).func;
              regs[callableIdx] = callable;
              base--;
              nargs++;
            }
            if (typeof callable === "object" && callable.type === functionType) {
              const fcode = (callable as PyFunction).code;
              if (!fcode.isGenerator) {
                // Push a frame and continue the loop in it.
                if (ts.depth >= ts.recursionLimit) throw recursionError();
                const fn = callable as PyFunction;
                // (Recycling frames was measured slower than allocating: V8's young
                // generation makes a fresh Frame cheaper than resetting an old one.)
                const nf = new Frame(fcode, fn, fn.globals, fn.builtins, null);
                const nregs = nf.regs;
                if (kwnames === null && fcode.simpleArgs && nargs === fcode.argcount) {
                  for (let i = 0; i < nargs; i++) nregs[i] = regs[base + i];
                } else {
                  bindArguments(fn, nregs, regs, base, nargs - (kwnames === null ? 0 : kwnames.length), kwnames);
                }
                for (let i = callableIdx; i < sp; i++) regs[i] = null;
                f.sp = callableIdx;
                f.pc = pc;
                f.lasti = instrStart;
                const compiled = noteHot(fcode);
                if (compiled !== null && canEnterCompiled()) {
                  // Hot callee: run its compiled function (a JS call) and push the result.
                  sp = callableIdx;
                  regs[sp++] = runCompiled(nf, compiled);
                  continue;
                }
                enter = nf;
                break sw;
              }
            } else if (callable instanceof PyType && base === callableIdx + 2 &&
                (callable.tp_new === objectNew || callable.tp_new === BaseExceptionType.tp_new) &&
                callable.type.tp_call === typeTypeObj.tp_call) {
              // (Only when the metaclass does not override __call__.)
              // (PyType check is rare-path: plain functions and methods are handled above.)
              f.lasti = instrStart;
              const nf = initFrame(callable, regs, base, sp, nargs, kwnames);
              if (nf !== null) {
                for (let i = callableIdx; i < sp; i++) regs[i] = null;
                f.sp = sp = callableIdx;
                f.pc = pc;
                enter = nf;
                break sw;
              }
            }
            f.lasti = instrStart;
            f.sp = sp;
            const args = regs.slice(base, sp) as PyObj[];
            for (let i = callableIdx; i < sp; i++) regs[i] = null;
            sp = callableIdx;
            regs[sp++] = callObject(callable, args, kwnames);
            if (collectRequest.pending) {
              // gc.collect(): end the slice so that no stale JS local keeps garbage alive.
              f.sp = sp;
              f.pc = pc;
              return SLICE_END;
            }
            continue;
          }
          case Op.CALL_FUNCTION_EX: {
            const kwargs = oparg & 1 ? (regs[--sp] as PyObj) : null;
            const callargs = regs[--sp] as PyObj;
            sp--;
            const func = regs[--sp] as PyObj;
            regs[sp] = regs[sp + 1] = regs[sp + 2] = regs[sp + 3] = null;
            f.lasti = instrStart;
            f.sp = sp;
            regs[sp++] = ops.callFunctionEx(func, callargs, kwargs);
            continue;
          }
          case Op.BUILD_TUPLE: {
            const items = regs.slice(sp - oparg, sp) as PyObj[];
            for (let i = sp - oparg; i < sp; i++) regs[i] = null;
            sp -= oparg;
            regs[sp++] = newTuple(items);
            continue;
          }
          case Op.BUILD_LIST: {
            const items = regs.slice(sp - oparg, sp) as PyObj[];
            for (let i = sp - oparg; i < sp; i++) regs[i] = null;
            sp -= oparg;
            regs[sp++] = new PyList(items);
            continue;
          }
          case Op.LIST_APPEND: {
            const v = regs[--sp] as PyObj;
            regs[sp] = null;
            (regs[sp - oparg] as PyList).items.push(v);
            continue;
          }
          case Op.STORE_NAME: {
            const v = regs[--sp] as PyObj;
            regs[sp] = null;
            const locals = f.locals;
            if (locals instanceof PyDict && locals.type === ops.dictTypeRef) locals.setStr(names[oparg], v);
            else ops.storeName(f, names[oparg], v);
            continue;
          }
          case Op.LOAD_NAME: {
            regs[sp++] = ops.loadName(f, names[oparg]);
            continue;
          }
          case Op.YIELD_VALUE: {
            const v = regs[--sp] as PyObj;
            regs[sp] = null;
            f.sp = sp;
            f.pc = pc;
            f.lasti = instrStart;
            ts.depth--;
            ts.frame = f.back;
            f.state = FrameState.SUSPENDED;
            if (f.isEntry) {
              f.back = null;
              f.isEntry = false;
              return v;
            }
            // Resumed inline by FOR_ITER or SEND: suspend and hand the value to the caller.
            const gen = f.gen as PyGen;
            f.gen = null;
            f.initSelf = null;
            gen.running = false;
            if (!gen.finalizerRegistered) noteSuspension(gen);
            ts.excNode = gen.excNode.previous!;
            gen.excNode.previous = null;
            const caller = f.back!;
            f.back = null;
            f = caller;
            code = f.code;
            bytes = code.bytes;
            regs = f.regs;
            consts = code.consts;
            names = code.names;
            sp = f.sp;
            pc = f.pc;
            regs[sp++] = v;
            continue;
          }
          case Op.SEND: {
            // yield from / await on a generator or coroutine: resume its frame inline
            // (CPython's SEND_GEN). Its YIELD_VALUE hands the value back here (the next
            // instruction yields it further); its RETURN pushes the value and jumps.
            const receiver = regs[sp - 2] as PyObj;
            if (receiver instanceof PyGen && (receiver.type === generatorType || receiver.type === coroutineType) &&
                !receiver.running && ts.depth < ts.recursionLimit) {
              const gf = receiver.frame;
              const v = regs[sp - 1] as PyObj;
              if (gf.state === FrameState.SUSPENDED || (gf.state === FrameState.CREATED && v === None)) {
                regs[--sp] = null;
                f.sp = sp;
                f.pc = pc + 2;
                f.lasti = instrStart;
                enter = resumeInline(receiver, v, new SendResume(pc + 2 + oparg * 2));
                break sw;
              }
            }
            f.sp = sp;
            f.pc = pc;
            f.lasti = instrStart;
            ops.coldOp(f, op, oparg, instrStart);
            sp = f.sp;
            pc = f.pc;
            continue;
          }
          case Op.BEFORE_WITH: {
            // A Python __enter__ runs as an inline call whose return value lands on the
            // stack above the bound __exit__; anything else goes through ops.ts.
            const nf = enterFrame(regs, sp);
            if (nf !== null) {
              f.sp = sp;
              f.pc = pc;
              f.lasti = instrStart;
              enter = nf;
              break sw;
            }
            f.sp = sp;
            f.pc = pc;
            f.lasti = instrStart;
            ops.coldOp(f, op, oparg, instrStart);
            sp = f.sp;
            continue;
          }
          case Op.PUSH_EXC_INFO: {
            const exc = regs[sp - 1];
            const node = ts.excNode;
            regs[sp - 1] = node.value;
            regs[sp++] = exc;
            node.value = exc as PyObj;
            continue;
          }
          case Op.POP_EXCEPT: {
            ts.excNode.value = regs[--sp] as PyObj;
            regs[sp] = null;
            continue;
          }
          case Op.CHECK_EXC_MATCH: {
            const t = regs[sp - 1] as PyObj;
            if (t instanceof PyType && t.isSubtypeOf(BaseExceptionType)) {
              regs[sp - 1] = typeOf(regs[sp - 2] as PyObj).isSubtypeOf(t);
              continue;
            }
            f.sp = sp;
            f.pc = pc;
            f.lasti = instrStart;
            ops.coldOp(f, op, oparg, instrStart);
            sp = f.sp;
            continue;
          }
          case Op.RERAISE: {
            const exc = regs[--sp] as PyObj;
            regs[sp] = null;
            raised = toPyException(ops.reraiseTarget(exc, oparg > 0 ? regs[sp - oparg] : null));
            break dispatch;
          }
          case Op.RAISE_VARARGS: {
            let cause: PyObj | null = null;
            let excArg: PyObj | null = null;
            if (oparg === 2) {
              cause = regs[--sp] as PyObj;
              regs[sp] = null;
            }
            if (oparg >= 1) {
              excArg = regs[--sp] as PyObj;
              regs[sp] = null;
            }
            f.sp = sp;
            f.lasti = instrStart;
            // (Goes to the unwinding code below without a JS throw.)
            raised = ops.raiseTarget(excArg, cause);
            break dispatch;
          }
          case Op.UNPACK_SEQUENCE: {
            const seq = regs[sp - 1] as PyObj;
            // (Exact tuples and lists: a subclass's __iter__ decides its unpacking.)
            if (typeof seq === "object" && (seq.type === tupleType || seq.type === listType) && (seq as PyTuple).items.length === oparg) {
              const items = (seq as PyTuple).items;
              sp--;
              for (let i = oparg - 1; i >= 0; i--) regs[sp++] = items[i];
              pc += 2;
              continue;
            }
            f.sp = sp; // (ops' UNPACK_SEQUENCE pops the sequence itself)
            f.pc = pc;
            f.lasti = instrStart;
            ops.coldOp(f, op, oparg, instrStart);
            sp = f.sp;
            pc = f.pc;
            continue;
          }
          case Op.MAKE_FUNCTION: {
            regs[sp - 1] = new PyFunction(regs[sp - 1] as PyCode, f.globals, f.builtins);
            continue;
          }
          case Op.BUILD_STRING: {
            let s = "";
            for (let i = sp - oparg; i < sp; i++) {
              s += regs[i] as string;
              regs[i] = null;
            }
            sp -= oparg;
            regs[sp++] = s;
            continue;
          }
          case Op.FORMAT_SIMPLE: {
            const v = regs[sp - 1] as PyObj;
            if (typeof v === "string") continue;
            if (typeof v === "number") {
              regs[sp - 1] = String(v);
              continue;
            }
            f.sp = sp;
            f.pc = pc;
            f.lasti = instrStart;
            ops.coldOp(f, op, oparg, instrStart);
            sp = f.sp;
            continue;
          }
          case Op.END_SEND: {
            const v = regs[--sp];
            regs[sp] = null;
            regs[sp - 1] = v;
            continue;
          }
          default: {
            // Everything else: the cold opcodes, one helper each (ops.ts).
            f.sp = sp;
            f.pc = pc;
            f.lasti = instrStart;
            const r = ops.coldOp(f, op, oparg, instrStart);
            sp = f.sp;
            pc = f.pc;
            if (r === ops.YIELDED) {
              // Only generator frames yield, and they are always entry frames.
              ts.depth--;
              ts.frame = f.back;
              f.back = null;
              f.state = FrameState.SUSPENDED;
              f.isEntry = false;
              const v = regs[--sp] as PyObj;
              regs[sp] = null;
              f.sp = sp;
              return v;
            }
            continue;
          }
        }
        // An inline call pushed a frame (`enter`): continue the loop in it. Every site
        // saved its own frame's sp/pc/lasti first; the new frame holds its own sp/pc.
        const nf = enter!;
        nf.back = f;
        ts.frame = nf;
        ts.depth++;
        nf.state = FrameState.EXECUTING;
        f = nf;
        code = nf.code;
        bytes = code.bytes;
        regs = nf.regs;
        consts = code.consts;
        names = code.names;
        sp = nf.sp;
        pc = nf.pc;
        // Calls count against the slice too, but the slice ends at a back edge (where
        // a hot loop can move to compiled code) unless calls alone exhausted it long ago.
        if (--budget <= -SLICE_BUDGET * 10) return SLICE_END;
      }
    } catch (e) {
      raised = toPyException(e);
    }
    // ---- unwinding: see unwind() ----
    const isReraise = ops.takeReraiseFlag();
    const rlasti = ops.takeReraiseLasti(-1);
    f.sp = sp;
    f = unwind(f, raised!, instrStart, isReraise, rlasti);
    code = f.code;
    bytes = code.bytes;
    regs = f.regs;
    consts = code.consts;
    names = code.names;
    sp = f.sp;
    pc = f.pc;
  }
}

/**
 * Table-driven unwinding (kept out of runSlice so that the loop stays small): adds the
 * traceback entry (not for a re-raise; RERAISE with an oparg restores f_lasti), looks the
 * handler up in co_exceptiontable, trims the stack to the entry's depth, pushes lasti if
 * asked, pushes the exception and returns the frame to continue in (sp/pc set). With no
 * handler the frame is popped and the search goes on in the caller; past the entry frame
 * the exception is thrown to evalFrame's caller.
 */
function unwind(f: Frame, exc: PyBaseException, instrStart: number, isReraise: boolean, rlasti: number): Frame {
  if (exc.traceback === null && !isReraise) chainContext(exc);
  let sp = f.sp;
  for (;;) {
    const regs = f.regs;
    if (!isReraise) {
      f.lasti = instrStart;
      exposeFrame(f);
      exc.traceback = new PyTraceback(exc.traceback, f, f.lasti);
    } else {
      f.lasti = rlasti >= 0 ? rlasti : instrStart;
    }
    isReraise = false;
    rlasti = -1;
    const index = ExceptionHandlerIndex.of(f.code.co);
    const h = index.length === 0 ? -1 : index.lookup(instrStart >> 1);
    if (h >= 0) {
      const depth = index.depths[h];
      const base = f.code.nlocalsplus;
      for (let i = base + depth; i < sp; i++) regs[i] = null;
      sp = base + depth;
      // (CPython pushes the frame's lasti, which a RERAISE has restored to the original
      // instruction — not the RERAISE's own offset used for the handler lookup.)
      if (index.lastis[h]) regs[sp++] = f.lasti >> 1;
      regs[sp++] = exc;
      f.sp = sp;
      f.pc = index.targets[h] * 2;
      return f;
    }
    // No handler: pop the frame.
    ts.depth--;
    ts.frame = f.back;
    f.state = FrameState.COMPLETED;
    if (f.gen !== null && !f.isEntry) {
      // An inline-resumed generator raised: it is finished; restore the caller's state.
      const gen = f.gen as PyGen;
      f.gen = null;
      f.initSelf = null;
      gen.running = false;
      ts.excNode = gen.excNode.previous!;
      gen.excNode.previous = null;
    }
    for (let i = f.code.nlocalsplus; i < sp; i++) regs[i] = null;
    f.sp = f.code.nlocalsplus;
    if (f.isEntry) {
      f.isEntry = false;
      throw exc;
    }
    f = f.back!;
    sp = f.sp;
    instrStart = f.lasti;
  }
}

export {
  PyObject, PyCode, CodeFlag, intType, strType, genericGetAttr, setItem, NameErrorType, StopIteration,
  nameError, floatType, PyTuple,
};
