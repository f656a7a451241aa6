// The JIT tier's run-time side: when code gets compiled, how compiled code is entered,
// and the helpers the generated JavaScript calls (the `R` object of emit.ts).
//
// Compiled functions run a frame as the interpreter would, with the value stack in
// JavaScript variables instead of frame.regs; they call other Python functions by plain
// JavaScript recursion. To keep "no JS stack overflow ever escaping", that recursion is
// bounded: past MAX_NESTING compiled activations, calls go to the interpreter, which runs
// everything below it inline (without recursion) and does not enter compiled code again
// until the nesting drops.
import {
  PyObject, PyObj, PyType, KwNames, None, NotImplemented, typeOf, PyFloat, floatType, NB_COUNT, typeTypeObj,
  LookupEntry, TypeFlag, objectType as objectTypeObj, TypeJitCache, runtimeHooks, tupleType, listType,
} from "../../objects/core.js";
import { getSlice } from "../../objects/slicing.js";
import { PyDict, newInstanceDict, DictShape } from "../../objects/dict.js";
import {
  PyBaseException, newException, RecursionError, typeError, keyError, RuntimeError as RuntimeErrorType,
  BaseException as BaseExceptionType, UnboundLocalError, stopIteration, StopIteration as StopIterationType,
  indexError,
} from "../../objects/exceptions.js";
import { PyFunction, PyCell, PyMethod, PyProperty, functionType, methodType, PyCode, propertyType } from "../../objects/function.js";
import { PyTuple, PyList, newTuple, listIterType } from "../../objects/sequence.js";
import { rangeIterType } from "../../objects/range.js";
import {
  getAttr, genericGetAttr, withAttributeErrorContext, setAttr, binaryOpFull, richCompare, isTrue, getIter, getItem, setItem, delItem, contains, eqIdentity, compareBool, len,
  unaryNegative, unaryInvert, noAttribute,
} from "../../objects/abstract.js";
import { intAdd, intSub, intMul, NB, floatBinary, intBinary, compareNumbers } from "../../objects/number.js";
import { PyMemberDescr, PySlottedObject, objectNew } from "../../objects/typeobject.js";
import { formatValue } from "../../objects/str.js";
import { PyMethodDescr, PyBuiltinFunction, methodDescrType, wrapperDescrType, builtinFunctionType, checkDescrSelf } from "../../objects/descr.js";
import { Frame, FrameState, threadState, exposeFrame, ExcNode } from "../frame.js";
import { bindArguments } from "../call.js";
import * as ops from "../ops.js";
import { PyTraceback } from "../traceback.js";
import { exceptionMatches, callExceptionClass } from "../../objects/exceptions.js";
import { ExceptionHandlerIndex } from "../../bytecode/exceptionTable.js";
import {
  evalFrame, callObject, chainContext, toPyException, NB_DUNDER_NAMES, binopFallback,
} from "../interpreter.js";
import { compileCode, canEnterAt } from "./emit.js";
import { Op } from "../../bytecode/opcodes.generated.js";
import { collectRequest, runRequestedCollect } from "../finalization.js";
import { PyGen, generatorType, coroutineType, noteSuspension, makeGenerator } from "../generators.js";

const ts = threadState;

export type JitFn = (frame: Frame, thrown: PyBaseException | null) => PyObj;

// ---- policy -------------------------------------------------------------------------

/** Compiled activations that may be on the JS stack at once (see the header). */
const MAX_NESTING = 200;
/**
 * Interpreter loop slices (~100 back edges each) before a module or class body is
 * compiled, and calls before a function is (TSPYTHON_JIT=N sets both).
 */
let threshold = 40;
/**
 * Functions are compiled at their second call (one with a loop at its first): compiling
 * costs about as much as interpreting a short function a few times, so functions run
 * once (most of an import's) stay interpreted, while V8 gets the compiled code of the
 * others early, before the program's hot paths settle.
 */
let functionThreshold = 2;
let enabled = true;
{
  const env = typeof process !== "undefined" ? process.env.TSPYTHON_JIT : undefined;
  if (env === "0" || env === "off") enabled = false;
  else if (env === "eager") threshold = functionThreshold = 1;
  else if (env !== undefined && /^\d+$/.test(env)) threshold = functionThreshold = Math.max(1, parseInt(env, 10));
}

/**
 * What a compiled function returns when it stops at a loop's back edge to be called
 * again (its state saved in the frame); never a Python value.
 */
export const SLICE: PyObj = new PyObject(typeOf(None));

/** Compiled activations now on the JS stack. */
export const nesting = { depth: 0 };

/** True when compiled code may be entered now. */
export function canEnterCompiled(): boolean {
  return nesting.depth < MAX_NESTING;
}

/**
 * Counts one more use of `code` (a call, or a slice of its loop); compiles it when it
 * becomes hot. Returns the compiled function or null.
 */
const CO_OPTIMIZED = 1;

/** Whether `code` has a loop (a backward jump). */
function hasLoop(code: PyCode): boolean {
  const b = code.bytes;
  for (let i = 0; i < b.length; i += 2) if (b[i] === Op.JUMP_BACKWARD) return true;
  return false;
}
export function noteHot(code: PyCode): JitFn | null {
  const fn = code.jitFn as JitFn | null;
  if (fn !== null) return fn;
  if (!enabled || code.jitCounter < 0) return null;
  // A function with a loop is compiled when first called: its first call may be the
  // only one, with all the program's work in it. (Module and class bodies, which run once
  // and mostly define things, wait for their loops to get hot.)
  if (code.jitCounter === 0 && (code.flags & CO_OPTIMIZED) !== 0) {
    code.jitCounter = hasLoop(code) ? threshold - 1 : threshold - functionThreshold;
  }
  if (++code.jitCounter < threshold) return null;
  let compiled: JitFn | null = null;
  try {
    compiled = compileCode(code, getJitRuntime());
  } catch (e) {
    if (process.env.TSPYTHON_DEBUG) process.stderr.write(`[jit] ${code.qualname}: ${(e as Error).stack}\n`);
    compiled = null;
  }
  if (compiled === null) {
    if (process.env.TSPYTHON_JIT_LOG) process.stderr.write(`[jit] not compiled: ${code.qualname} (${code.filename}:${code.co.co_firstlineno})\n`);
    code.jitCounter = -1;
    return null;
  }
  if (process.env.TSPYTHON_JIT_LOG) process.stderr.write(`[jit] compiled: ${code.qualname} (${code.filename}:${code.co.co_firstlineno})\n`);
  code.jitFn = compiled as (frame: never, thrown: never) => PyObj;
  return compiled;
}

function recursionError(): PyBaseException {
  return newException(RecursionError, "maximum recursion depth exceeded");
}

/**
 * Compiled functions do not throw a Python exception out of their frame: they park it
 * here and return EXC (a JS throw across frames costs microseconds in V8; this is what
 * CPython's NULL return is). Compiled callers check for EXC after each call; everything
 * else enters compiled code through the throwing wrappers below.
 */
export const EXC: PyObj = new PyObject(typeOf(None));
/** What a stack slot holds while its float value is unboxed in generated code (emit.ts planRawFloats). */
const RAW: PyObj = new PyObject(typeOf(None));
export const pend = { exc: null as PyBaseException | null };

/** The parked exception (after EXC). */
export function takeExc(): PyBaseException {
  const e = pend.exc!;
  pend.exc = null;
  return e;
}

/**
 * Runs a new (not yet started) function frame: compiled when its code is compiled and
 * the nesting allows, else in the interpreter. Throws the frame's exception.
 */
export function enterFrame(nf: Frame): PyObj {
  const code = nf.code;
  let fn = code.jitFn as JitFn | null;
  if (fn === null) fn = noteHot(code);
  if (fn !== null && nesting.depth < MAX_NESTING) return runCompiled(nf, fn);
  return evalFrame(nf, null);
}

/**
 * enterFrame for compiled callers: may return EXC instead of throwing. A generator or
 * coroutine function's frame becomes its generator object (as callFunction does).
 */
function enterFrameJ(nf: Frame): PyObj {
  const code = nf.code;
  if (code.isGenerator) return makeGenerator(nf);
  let fn = code.jitFn as JitFn | null;
  if (fn === null) fn = noteHot(code);
  if (fn !== null && nesting.depth < MAX_NESTING) return runCompiledJ(nf, fn);
  return evalFrame(nf, null);
}

/** Pushes `nf` on the thread state and runs its compiled function; throws its exception. */
export function runCompiled(nf: Frame, fn: JitFn): PyObj {
  const r = runCompiledJ(nf, fn);
  if (r === EXC) throw takeExc();
  return r;
}

function runCompiledJ(nf: Frame, fn: JitFn): PyObj {
  if (ts.depth >= ts.recursionLimit) throw recursionError();
  ts.depth++;
  nf.back = ts.frame;
  ts.frame = nf;
  nf.state = FrameState.EXECUTING;
  nesting.depth++;
  try {
    let r = fn(nf, null);
    while (r === SLICE) r = fn(nf, null);
    return r;
  } catch (e) {
    return catchThrown(nf, e) ? runJitFrame(nf, fn, null) : EXC;
  } finally {
    nesting.depth--;
    ts.depth--;
    ts.frame = nf.back;
    releaseFrame(nf);
  }
}

/**
 * After a JS throw out of `f`'s compiled function. A function whose handlers all have
 * depth 0 has no JS try (emit.ts), so this does what its own catch would have: adds the
 * frame's traceback entry and looks for a handler; when one catches the exception, the
 * frame is set to resume there (lasti and the exception on its stack) and the result is
 * true: the caller enters the function again. Otherwise the exception is parked in
 * pend.exc (other functions only throw what they could not handle at all: internal
 * errors) and the result is false.
 */
function catchThrown(f: Frame, e: unknown): boolean {
  const exc = toPyException(e);
  if (!f.code.jitNoTry) {
    pend.exc = exc;
    return false;
  }
  const h = unwind(f, exc);
  if (h < 0) return false;
  const index = ExceptionHandlerIndex.of(f.code.co);
  const regs = f.regs;
  let sp = f.code.nlocalsplus;
  if (index.lastis[h]) regs[sp++] = f.lasti >> 1;
  regs[sp++] = exc;
  f.sp = sp;
  f.pc = index.targets[h] * 2;
  return true;
}

/**
 * Runs compiled `fn` on frame `f` (new, or stopped at a block start) to its end: slices
 * resumed, JS throws caught by the frame's handlers (catchThrown). Returns the result,
 * the yielded value, or EXC.
 */
export function runJitFrame(f: Frame, fn: JitFn, thrown: PyBaseException | null): PyObj {
  for (;;) {
    try {
      let r = fn(f, thrown);
      while (r === SLICE) r = fn(f, null);
      return r;
    } catch (e) {
      thrown = null;
      if (!catchThrown(f, e)) return EXC;
    }
  }
}

/**
 * Runs (or resumes) the entry frame of an interpreter invocation in compiled code when
 * its code is compiled and it stopped at a block start; null when it cannot.
 * `thrown`: an exception to raise where the frame stopped (generator throw/close).
 */
export function evalCompiled(entry: Frame, thrown: PyBaseException | null): PyObj | null {
  if (nesting.depth >= MAX_NESTING) return null;
  const code = entry.code;
  let fn = code.jitFn as JitFn | null;
  if (fn === null) fn = noteHot(code);
  if (fn === null || !canEnterAt(code, entry.pc)) return null;
  if (ts.depth >= ts.recursionLimit) throw recursionError();
  ts.depth++;
  entry.back = ts.frame;
  ts.frame = entry;
  entry.state = FrameState.EXECUTING;
  nesting.depth++;
  try {
    const r = runJitFrame(entry, fn, thrown);
    if (r === EXC) throw takeExc();
    return r;
  } finally {
    nesting.depth--;
    ts.depth--;
    ts.frame = entry.back;
    // (A suspended generator frame keeps no link to whoever resumed it.)
    if ((entry.state as FrameState) === FrameState.SUSPENDED) entry.back = null;
  }
}

/**
 * Resumes a generator whose code is compiled, from compiled code (FOR_ITER, gen.send):
 * genResume's work without its result object and try/catch layers. Returns the yielded
 * value, GEN_DONE (the return value in genDone.value) or EXC; null when the generic path
 * must run (not compiled, running, finished, not at a block start...).
 */
export const GEN_DONE: PyObj = new PyObject(typeOf(None));
const genDone = { value: None as PyObj };

/** resumeCompiled's exit: the thread state as before the resume. */
function leaveGenerator(gen: PyGen, f: Frame, node: ExcNode): void {
  nesting.depth--;
  ts.depth--;
  ts.frame = f.back;
  gen.running = false;
  ts.excNode = node.previous!;
  node.previous = null;
}

function resumeCompiled(gen: PyGen, value: PyObj, awaited = false, thrown: PyBaseException | null = null): PyObj | null {
  const f = gen.frame;
  const fn = f.code.jitFn as JitFn | null;
  if (fn === null || gen.running || nesting.depth >= MAX_NESTING) return null;
  if (f.state === FrameState.SUSPENDED) {
    if (!canEnterAt(f.code, f.pc)) return null;
    // (gen.throw(exc): raised where the frame stopped, unless it delegates: genThrow.)
    if (thrown === null) f.regs[f.sp++] = value;
    else if (gen.yieldFrom() !== null) return null;
  } else if (f.state !== FrameState.CREATED || value !== None || thrown !== null || !canEnterAt(f.code, f.pc)) {
    return null;
  }
  if (ts.depth >= ts.recursionLimit) throw recursionError();
  gen.running = true;
  const node = gen.excNode;
  node.previous = ts.excNode;
  ts.excNode = node;
  // (As genResume, _PyErr_ChainStackItem: a thrown exception takes the generator's handled one as context.)
  if (thrown !== null && node.value !== None && node.value !== thrown) chainContext(thrown);
  ts.depth++;
  f.back = ts.frame;
  ts.frame = f;
  f.state = FrameState.EXECUTING;
  nesting.depth++;
  let r: PyObj;
  try {
    // (runJitFrame's work, its first call inline: one call layer less per resume.)
    try {
      r = fn(f, thrown);
      while (r === SLICE) r = fn(f, null);
    } catch (e) {
      r = catchThrown(f, e) ? runJitFrame(f, fn, null) : EXC;
    }
  } catch (e) {
    leaveGenerator(gen, f, node);
    throw e;
  }
  leaveGenerator(gen, f, node);
  if ((f.state as FrameState) === FrameState.SUSPENDED) {
    f.back = null;
    // (A generator suspended inside a `yield from`/`await` of another one needs no
    // finalizer of its own: the outer one's close() closes it through the delegation.)
    if (!awaited && !gen.finalizerRegistered) noteSuspension(gen);
    return r;
  }
  // Finished (returned or raised): the frame keeps its locals but not its stack.
  const regs = f.regs;
  for (let i = f.code.nlocalsplus; i < regs.length; i++) regs[i] = null;
  if (r === EXC) return r;
  genDone.value = r;
  return GEN_DONE;
}

/** FOR_ITER on an exact generator: the next value, null when exhausted, or EXC. */
function genNext(gen: PyGen): PyObj | null {
  const r = resumeCompiled(gen, None);
  if (r === null) return checked(gen.type.tp_iternext!(gen) as PyObj) as PyObj | null;
  if (r === GEN_DONE) {
    genDone.value = None;
    return null;
  }
  return r;
}

/** gen.send(v) on an exact generator or coroutine (null: use the method). */
function genSend(gen: PyGen, v: PyObj): PyObj | null {
  const r = resumeCompiled(gen, v);
  if (r === GEN_DONE) {
    const value = genDone.value;
    genDone.value = None;
    pend.exc = stopIteration(value);
    return EXC;
  }
  return r;
}

let genSendDescr: PyObj | null = null;
let coroSendDescr: PyObj | null = null;
let genThrowDescr: PyObj | null = null;

/**
 * SEND (yield from / await) on a generator or coroutine whose code is compiled: the
 * value it yields, GEN_DONE (return value via takeGenDone) or EXC; null for ops.ts.
 */
function send(receiver: PyObj, v: PyObj): PyObj | null {
  if (!(receiver instanceof PyGen) || (receiver.type !== generatorType && receiver.type !== coroutineType)) return null;
  return resumeCompiled(receiver, v, true);
}

function takeGenDone(): PyObj {
  const v = genDone.value;
  genDone.value = None;
  return v;
}

/**
 * Generators consumed by native code (list(), sum(), str.join, ...) resume through
 * tp_iternext: compiled generator frames are resumed directly there too.
 */
function installGeneratorFastPath(): void {
  const generic = generatorType.tp_iternext!;
  generatorType.tp_iternext = (g) => {
    const r = resumeCompiled(g as PyGen, None);
    if (r === null) return generic(g);
    if (r === EXC) throw takeExc();
    if (r === GEN_DONE) {
      ops.setStopValue(takeGenDone());
      return null;
    }
    return r;
  };
}

// Native code's fixed-arity calls (abstract.call1/call2: dunders, property accessors).
runtimeHooks.call1 = (c: PyObj, a: PyObj): PyObj => checked(call1x(c, a));
runtimeHooks.call2 = (c: PyObj, a: PyObj, b: PyObj): PyObj => checked(call2x(c, a, b));

/**
 * The builtin len() (for compiled `len(x)`, emit.ts CALL), found in the builtins of the
 * running code once one exists; a sentinel no callable equals until then.
 */
let lenFunction: PyObj | null = null;
const NOT_A_CALLABLE: PyObj = new PyObject(typeOf(None));
function lenBuiltin(): PyObj {
  if (lenFunction === null) {
    const f = ts.frame;
    const v = f === null ? undefined : f.builtins.getStr("len");
    // (The builtins module's own: code may run with other __builtins__.)
    if (!(v instanceof PyBuiltinFunction) || v.name !== "len" || v.module !== "builtins" || v.self !== null) return NOT_A_CALLABLE;
    lenFunction = v;
  }
  return lenFunction;
}

/** A result of the EXC-returning helpers, for callers that throw. */
function checked(r: PyObj): PyObj {
  if (r === EXC) throw takeExc();
  return r;
}

// ---- calls --------------------------------------------------------------------------

function frameFor(fn: PyFunction): Frame {
  const code = fn.code;
  const pooled = code.freeFrame as Frame | null;
  if (pooled !== null) {
    code.freeFrame = null;
    pooled.func = fn;
    pooled.globals = fn.globals;
    pooled.builtins = fn.builtins;
    return pooled;
  }
  // (Kept small for V8 to inline into the call paths: recursion's frames apart.)
  if (code.moreFrames !== null) return moreFrameFor(fn);
  return new Frame(code, fn, fn.globals, fn.builtins, null);
}

/** frameFor when a recursive function's frames were kept (PyCode.moreFrames). */
function moreFrameFor(fn: PyFunction): Frame {
  const code = fn.code;
  const more = code.moreFrames as Frame[];
  if (more.length === 0) return new Frame(code, fn, fn.globals, fn.builtins, null);
  const pooled = more.pop()!;
  pooled.func = fn;
  pooled.globals = fn.globals;
  pooled.builtins = fn.builtins;
  return pooled;
}

/**
 * Keeps a finished function frame for the next call of its code (frameFor), when nothing
 * can reach it any more: not exposed to Python (a traceback, sys._getframe, f_back of an
 * exposed callee), not a generator's. Allocating a frame per call costs more than
 * resetting one, in the scavenges of programs with live data (richards 7%).
 */
function releaseFrame(nf: Frame): void {
  const code = nf.code;
  if (nf.escaped || nf.gen !== null || (code.flags & CO_OPTIMIZED) === 0) return;
  // Only the fast locals need clearing: compiled code leaves the value-stack part of regs
  // empty (a cold operation reloads what it spilled; one that raised left a traceback
  // naming the frame, which is then exposed). What the frame referred to must not stay
  // reachable through the pool (weakrefs, finalisers): its function and caller neither.
  const regs = nf.regs;
  for (let i = code.nlocalsplus - 1; i >= 0; i--) regs[i] = null;
  nf.func = null;
  nf.back = null;
  nf.sp = code.nlocalsplus;
  nf.pc = code.entryPc;
  nf.lasti = -1;
  if (code.freeFrame === null) {
    code.freeFrame = nf;
  } else {
    // (A recursive function finishes several frames in a row: fib keeps one per level.)
    let more = code.moreFrames as Frame[] | null;
    if (more === null) {
      more = [];
      code.moreFrames = more;
    }
    if (more.length < 8) more.push(nf);
  }
}

/**
 * Calling a class whose instances are allocated natively (object.__new__, or
 * BaseException.__new__ recording args) with a Python __init__, under the default
 * metaclass call: allocate, run __init__ (compiled when hot), return the instance.
 * null when the generic type call applies. May return EXC.
 */
let objectInit: PyObj | null = null;

/** The type's cached lookups for the JIT (refreshed when its version changes). */
function typeCache(cls: PyType): TypeJitCache {
  let c = cls.jitCache;
  if (c === null || c.version !== cls.version) {
    c = cls.jitCache = {
      version: cls.version,
      init: cls.lookup("__init__"),
      await: cls.lookup("__await__"),
      enter: cls.lookup("__enter__"),
      exit: cls.lookup("__exit__"),
      next: cls.lookup("__next__"),
      plainAlloc: (cls.flags & TypeFlag.ABSTRACT) === 0 && cls.dict.getStr("__abstractmethods__") === undefined,
    };
  }
  return c;
}

function instantiate(cls: PyType, args: PyObj[], kwnames: KwNames): PyObj | null {
  if ((cls.tp_new !== objectNew && cls.tp_new !== BaseExceptionType.tp_new) || cls.type.tp_call !== typeTypeObj.tp_call) return null;
  const cache = typeCache(cls);
  const init = cache.init;
  if (objectInit === null) objectInit = objectTypeObj.lookup("__init__");
  if (init === objectInit && cls.tp_new === objectNew && args.length === 0 && kwnames === null) {
    // Neither __new__ nor __init__ overridden, no arguments: just the allocation.
    if (!cache.plainAlloc) return objectNew(cls, args, null);
    const obj = cls.tp_alloc(cls);
    if (cls.instancesHaveDict && obj.dict === null) obj.dict = newInstanceDict();
    return obj;
  }
  // (Exception classes keeping BaseException's __new__/__init__: made in one step.)
  if (!(init instanceof PyFunction) || init.code.isGenerator) return kwnames === null ? callExceptionClass(cls, args) : null;
  let self: PyObject;
  if (cls.tp_new === objectNew && cache.plainAlloc) {
    self = cls.tp_alloc(cls);
    if (cls.instancesHaveDict && self.dict === null) self.dict = newInstanceDict();
  } else {
    self = (cls.tp_new === objectNew ? objectNew(cls, [], null) : cls.tp_new!(cls, args, kwnames)) as PyObject;
  }
  const code = init.code;
  const nf = frameFor(init);
  const regs = nf.regs;
  if (kwnames === null && code.simpleArgs && code.argcount === args.length + 1) {
    regs[0] = self;
    for (let i = 0; i < args.length; i++) regs[i + 1] = args[i];
  } else {
    const all = [self, ...args];
    bindArguments(init, regs, all, 0, all.length - (kwnames === null ? 0 : kwnames.length), kwnames);
  }
  const r = enterFrameJ(nf);
  if (r === EXC) return r;
  if (r !== None) throw typeError(`__init__() should return None, not '${typeOf(r).name}'`);
  return self;
}

/**
 * instantiate() for the common case without an arguments array: a class allocated by
 * object.__new__ (no __abstractmethods__) under the default metaclass call, whose
 * __init__ is a Python function with a simple signature taking `n` (0-3) arguments
 * after self. null when that is not the case (the caller goes the general way).
 */
function instantiateSimple(cls: PyType, n: number, a: PyObj, b: PyObj, d: PyObj): PyObj | null {
  if (cls.tp_new !== objectNew || cls.type.tp_call !== typeTypeObj.tp_call) return null;
  const cache = typeCache(cls);
  const init = cache.init;
  if (!cache.plainAlloc || !(init instanceof PyFunction) || init.code.directArgc !== n + 1) return null;
  const self = cls.tp_alloc(cls);
  if (cls.instancesHaveDict && self.dict === null) self.dict = newInstanceDict();
  const nf = frameFor(init);
  const regs = nf.regs;
  regs[0] = self;
  if (n > 0) regs[1] = a;
  if (n > 1) regs[2] = b;
  if (n > 2) regs[3] = d;
  const r = enterFrameJ(nf);
  if (r === EXC) return r;
  if (r !== None) throw typeError(`__init__() should return None, not '${typeOf(r).name}'`);
  return self;
}

function callArray(c: PyObj, args: PyObj[], kwnames: KwNames): PyObj {
  if (typeof c === "object" && c.type === methodType) {
    const m = c as PyMethod;
    const all = new Array<PyObj>(args.length + 1);
    all[0] = m.self;
    for (let i = 0; i < args.length; i++) all[i + 1] = args[i];
    args = all;
    c = m.func;
  }
  if (typeof c === "object") {
    if (c.type === functionType) {
      const fn = c as PyFunction;
      const code = fn.code;
      {
        const nf = frameFor(fn);
        if (kwnames === null && code.simpleArgs && code.argcount === args.length) {
          const regs = nf.regs;
          for (let i = 0; i < args.length; i++) regs[i] = args[i];
        } else {
          bindArguments(fn, nf.regs, args, 0, args.length - (kwnames === null ? 0 : kwnames.length), kwnames);
        }
        return enterFrameJ(nf);
      }
    } else if (c instanceof PyType) {
      const r = instantiate(c, args, kwnames);
      if (r !== null) return r;
    }
  }
  return afterNative(callObject(c, args, kwnames));
}

/**
 * After a call into native code: a gc.collect() it requested runs now (the interpreter
 * does it between loop slices; compiled code has no slices between calls).
 */
function afterNative(r: PyObj): PyObj {
  if (collectRequest.pending) runRequestedCollect();
  return r;
}

/** The builtins module's next() (found by its name the first time it is called). */
let nextBuiltin: PyBuiltinFunction | null = null;
function isNextBuiltin(f: PyBuiltinFunction): boolean {
  if (nextBuiltin === null && f.name === "next" && f.module === "builtins" && f.self === null) nextBuiltin = f;
  return f === nextBuiltin;
}

function call0x(c: PyObj): PyObj {
  if (typeof c === "object") {
    if (c.type === functionType) {
      const fn = c as PyFunction;
      const code = fn.code;
      if (code.simpleArgs && code.argcount === 0) return enterFrameJ(frameFor(fn));
    } else if (c.type === methodType) {
      return call1x((c as PyMethod).func, (c as PyMethod).self);
    } else if (c.type === builtinFunctionType) {
      return afterNative((c as PyBuiltinFunction).fn([], null));
    } else if (c instanceof PyType) {
      const r = instantiate(c, [], null);
      if (r !== null) return r;
    }
  }
  return afterNative(callObject(c, [], null));
}

function call1x(c: PyObj, a: PyObj): PyObj {
  if (typeof c === "object") {
    if (c.type === functionType) {
      const fn = c as PyFunction;
      const code = fn.code;
      if (code.simpleArgs && code.argcount === 1) {
        const nf = frameFor(fn);
        nf.regs[0] = a;
        return enterFrameJ(nf);
      }
    } else if (c.type === methodType) {
      return call2x((c as PyMethod).func, (c as PyMethod).self, a);
    } else if (c.type === methodDescrType || c.type === wrapperDescrType) {
      // A builtin method called on `a` (as methodDescrType.tp_call, minus the array).
      checkDescrSelf(c as PyMethodDescr, a);
      const f0 = (c as PyMethodDescr).fast0;
      return afterNative(f0 !== null ? f0(a) : (c as PyMethodDescr).fn(a, [], null));
    } else if (c.type === builtinFunctionType) {
      if (typeof a === "object" && a.type === generatorType && isNextBuiltin(c as PyBuiltinFunction)) {
        // next(gen) on a compiled generator: resumed directly, and its end is a
        // StopIteration returned as EXC, not thrown (contextmanager's __enter__/__exit__).
        const r = resumeCompiled(a as PyGen, None);
        if (r !== null) {
          if (r !== GEN_DONE) return r;
          pend.exc = stopIteration(takeGenDone());
          return EXC;
        }
      }
      return afterNative((c as PyBuiltinFunction).fn([a], null));
    } else if (c instanceof PyType) {
      const r = instantiateSimple(c, 1, a, None, None) ?? instantiate(c, [a], null);
      if (r !== null) return r;
    }
  }
  return afterNative(callObject(c, [a], null));
}

function call2x(c: PyObj, a: PyObj, b: PyObj): PyObj {
  if (typeof c === "object") {
    if (c.type === functionType) {
      const fn = c as PyFunction;
      const code = fn.code;
      if (code.simpleArgs && code.argcount === 2) {
        const nf = frameFor(fn);
        const regs = nf.regs;
        regs[0] = a;
        regs[1] = b;
        return enterFrameJ(nf);
      }
    } else if (c.type === methodType) {
      return call3x((c as PyMethod).func, (c as PyMethod).self, a, b);
    } else if (c.type === methodDescrType || c.type === wrapperDescrType) {
      if (typeof a === "object" && (a.type === generatorType || a.type === coroutineType)) {
        // gen.send(v) / coro.send(v) through their method descriptors (found once).
        if (genSendDescr === null) {
          genSendDescr = generatorType.lookup("send");
          coroSendDescr = coroutineType.lookup("send");
          genThrowDescr = generatorType.lookup("throw");
        }
        if (c === genSendDescr || c === coroSendDescr) {
          const r = genSend(a as PyGen, b);
          if (r !== null) return r;
        } else if (c === genThrowDescr && a.type === generatorType && b instanceof PyBaseException) {
          // gen.throw(exc) (contextmanager's __exit__ with an exception): raised in the
          // compiled frame; what leaves it (StopIteration, the exception) is EXC, not thrown.
          const r = resumeCompiled(a as PyGen, None, false, b);
          if (r !== null) {
            if (r !== GEN_DONE) return r;
            pend.exc = stopIteration(takeGenDone());
            return EXC;
          }
        }
      }
      checkDescrSelf(c as PyMethodDescr, a);
      const f1 = (c as PyMethodDescr).fast1;
      return afterNative(f1 !== null ? f1(a, b) : (c as PyMethodDescr).fn(a, [b], null));
    } else if (c.type === builtinFunctionType) {
      return afterNative((c as PyBuiltinFunction).fn([a, b], null));
    } else if (c instanceof PyType) {
      const r = instantiateSimple(c, 2, a, b, None) ?? instantiate(c, [a, b], null);
      if (r !== null) return r;
    }
  }
  return afterNative(callObject(c, [a, b], null));
}

function call3x(c: PyObj, a: PyObj, b: PyObj, d: PyObj): PyObj {
  if (typeof c === "object" && (c.type === methodDescrType || c.type === wrapperDescrType)) {
    checkDescrSelf(c as PyMethodDescr, a);
    const f2 = (c as PyMethodDescr).fast2;
    return afterNative(f2 !== null ? f2(a, b, d) : (c as PyMethodDescr).fn(a, [b, d], null));
  }
  if (c instanceof PyType) {
    const r = instantiateSimple(c, 3, a, b, d);
    if (r !== null) return r;
  }
  if (typeof c === "object" && c.type === methodType) {
    // A bound method with three arguments (a with-statement's __exit__(None, None, None)
    // and WITH_EXCEPT_START's __exit__(type, value, tb)): a Python function is entered
    // without an arguments array.
    const m = c as PyMethod;
    const fn = m.func;
    if (typeof fn === "object" && fn.type === functionType) {
      const code = (fn as PyFunction).code;
      if (code.simpleArgs && code.argcount === 4) {
        const nf = frameFor(fn as PyFunction);
        const regs = nf.regs;
        regs[0] = m.self;
        regs[1] = a;
        regs[2] = b;
        regs[3] = d;
        return enterFrameJ(nf);
      }
    }
    return callArray(fn, [m.self, a, b, d], null);
  }
  if (typeof c === "object" && c.type === functionType) {
    const fn = c as PyFunction;
    const code = fn.code;
    if (code.simpleArgs && code.argcount === 3) {
      const nf = frameFor(fn);
      const regs = nf.regs;
      regs[0] = a;
      regs[1] = b;
      regs[2] = d;
      return enterFrameJ(nf);
    }
  }
  return callArray(c, [a, b, d], null);
}

// CALL with 0-3 arguments: `self` is the slot below the arguments (NULL or the bound self).
function call0(c: PyObj, self: PyObj | null): PyObj {
  return self === null ? call0x(c) : call1x(c, self);
}
function call1(c: PyObj, self: PyObj | null, a: PyObj): PyObj {
  return self === null ? call1x(c, a) : call2x(c, self, a);
}
function call2(c: PyObj, self: PyObj | null, a: PyObj, b: PyObj): PyObj {
  return self === null ? call2x(c, a, b) : call3x(c, self, a, b);
}
function call3(c: PyObj, self: PyObj | null, a: PyObj, b: PyObj, d: PyObj): PyObj {
  return self === null ? call3x(c, a, b, d) : callArray(c, [self, a, b, d], null);
}
/**
 * CALL with more arguments, and CALL_KW (kwnames: the names of the last arguments); the
 * generated code puts the self slot first in `args` when it is not NULL.
 */
function callN(c: PyObj, args: PyObj[], kwnames: KwNames): PyObj {
  return callArray(c, args, kwnames);
}
function callKw(c: PyObj, args: PyObj[], names: PyObj): PyObj {
  const kw = (names as PyTuple).items as string[];
  return callArray(c, args, kw.length === 0 ? null : kw);
}

// ---- names and attributes -----------------------------------------------------------

/** LOAD_GLOBAL through the instruction's cache (keyed by code unit; the interpreter's too). */
export function loadGlobal(f: Frame, code: PyCode, u: number, name: string): PyObj {
  let gc = code.globalCache;
  if (gc.length === 0) gc = code.globalCache = new Float64Array(code.bytes.length * 2);
  const k = u * 3;
  const globals = f.globals;
  if (gc[k] === globals.version) {
    const bv = gc[k + 1];
    if (bv < 0) return globals.valueList[gc[k + 2]];
    if (bv === f.builtins.version) return f.builtins.valueList[gc[k + 2]];
  }
  return ops.loadGlobalSlow(f, name, gc, k);
}

/**
 * The inline cache of one attribute instruction in compiled code: up to four receiver
 * types (polymorphic sites are common: a method called on several subclasses), each with
 * its type version, MRO lookup result and the instance-dict slot where the name was last
 * found (instances of one class usually insert attributes in the same order).
 */
/**
 * AttrSite.idx of a line with no known dict slot: past the end of any keys array, never
 * negative. The generated code reads keyList[idx] unguarded, and V8 turns a negative
 * index into a named-property lookup on the array and its prototypes (~40 ns: two of
 * them were half the cost of an __init__ storing two new attributes); an index past the
 * end is an ordinary out-of-bounds load (undefined).
 */
const NO_SLOT = 0x3fffffff;

/** A shape no dict ever has (AttrSite's empty shape caches). */
const NO_SHAPE = new DictShape([], new Map());

/** Whether `v` is a data descriptor (its type has __set__). */
function isDataDescriptor(v: PyObj): boolean {
  return typeof v === "object" && v.type.tp_descr_set !== null;
}

/** Whether `v` is a descriptor (its type has __get__ or __set__). */
function isDescriptorValue(v: PyObj): boolean {
  return typeof v === "object" && (v.type.tp_descr_get !== null || v.type.tp_descr_set !== null);
}

/** What one line of an AttrSite found (the inline fast paths of emit.ts switch on it). */
export const enum AttrKind {
  /** Anything else: the full lookup (loadAttr, loadMethod, storeAttr). */
  OTHER = 0,
  /** A __slots__ member: owner.slotValues[idx] (unset: the full lookup's error). */
  SLOT = 1,
  /** No class attribute of that name and generic getattr/setattr: owner.dict, slot idx. */
  DICT = 2,
  /** A Python function or builtin method on the class: a method call, unless the instance dict shadows it. */
  METHOD = 3,
}

/**
 * The inline cache of one attribute instruction in compiled code: up to four receiver
 * types (polymorphic sites are common: a method called on several subclasses), each with
 * its type version, MRO lookup result, what kind of attribute that is for the type, and
 * an index (the __slots__ member's, or the instance-dict slot where the name was last
 * found: instances of one class usually insert attributes in the same order).
 *
 * The generated code runs the common kinds inline (emit.ts), so that V8's own inline
 * caches see only the receivers of that one instruction.
 */
export class AttrSite {
  declare readonly name: string;
  declare readonly types: (PyType | null)[];
  declare readonly versions: Float64Array;
  declare readonly entries: (LookupEntry | null)[];
  declare readonly kinds: Int32Array;
  declare readonly idx: Int32Array;
  /**
   * The class-level value found when the line was filled (SLOT: the member descriptor,
   * METHOD: the function). Rebinding a plain class attribute keeps the type's version
   * (the lookup caches hold where a name lives, not its value), rebinding a descriptor
   * does not (typeobject.ts typeSetattro), so these stay right while the version holds.
   */
  declare readonly vals: (PyObj | null)[];
  declare victim: number;
  /**
   * The type version of each line, in plain fields for the generated code's line
   * selection (versions are unique across all types and never reused, so equal versions
   * mean the same type, unchanged); -1 when empty.
   */
  declare v0: number;
  declare v1: number;
  declare v2: number;
  declare v3: number;
  declare readonly isDunder: boolean;
  /**
   * Instance-dict shapes (objects/dict.ts DictShape): the last transition a store of a
   * new key made (sf -> st), and per line a shape known to lack the name (a method call
   * on an instance whose dict has it needs no shadowing check). NO_SHAPE: none yet.
   */
  declare sf: DictShape;
  declare st: DictShape;
  declare readonly ns: DictShape[];
  constructor(name: string) {
    this.name = name;
    this.sf = this.st = NO_SHAPE;
    this.ns = [NO_SHAPE, NO_SHAPE, NO_SHAPE, NO_SHAPE];
    this.isDunder = name.length > 4 && name.startsWith("__") && name.endsWith("__");
    this.cv = -1;
    this.ce = null;
    this.v0 = this.v1 = this.v2 = this.v3 = -1;
    this.types = [null, null, null, null];
    this.versions = new Float64Array(4);
    this.entries = [null, null, null, null];
    this.kinds = new Int32Array(4);
    this.idx = new Int32Array(4).fill(NO_SLOT);
    this.vals = [null, null, null, null];
    this.victim = 0;
  }

  /** The cache line for type `t` of `owner` (filled on a miss). */
  line(t: PyType, owner: PyObj): number {
    const types = this.types;
    const v = t.version;
    for (let k = 0; k < 4; k++) {
      if (types[k] === t && this.versions[k] === v) return k;
    }
    // A type whose version changed refills its own line.
    let k = types.indexOf(t);
    if (k < 0) {
      k = this.victim;
      this.victim = (k + 1) & 3;
    }
    types[k] = t;
    this.versions[k] = v;
    if (k === 0) this.v0 = v;
    else if (k === 1) this.v1 = v;
    else if (k === 2) this.v2 = v;
    else this.v3 = v;
    const e = t.lookupEntry(this.name);
    this.entries[k] = e;
    const descr = e === null ? null : e.dict.valueList[e.index];
    this.vals[k] = descr;
    this.idx[k] = NO_SLOT;
    let kind = AttrKind.OTHER;
    if (t.tp_getattro === null && t.tp_setattro === null) {
      // (Every instance of a type has its layout: a slotted owner means all are.)
      if (descr instanceof PyMemberDescr && owner instanceof PySlottedObject) {
        kind = AttrKind.SLOT;
        this.idx[k] = descr.slotIndex;
      } else if (descr === null) {
        if (t.instancesHaveDict) kind = AttrKind.DICT;
      } else if (descr instanceof PyFunction || ops.isMethodDescriptor(descr)) {
        kind = AttrKind.METHOD;
      }
    }
    this.kinds[k] = kind;
    return k;
  }

  /**
   * Attribute access on a class whose metaclass is `type` (Shape.count, Cls.CONSTANT,
   * Cls.counter += 1): the MRO entry of the name, kept while the class's version holds,
   * when `type` itself has no attribute of that name (nothing of the metaclass applies).
   */
  declare cv: number;
  declare ce: LookupEntry | null;

  private classEntry(cls: PyType): LookupEntry | null {
    if (this.cv !== cls.version) {
      // type_getattro: a data descriptor of the metaclass (type.__name__, __dict__...)
      // wins; a non-data one (type.__init__, type.mro...) only when the MRO lacks the name.
      const meta = typeTypeObj.lookup(this.name);
      const e = meta === null || !isDataDescriptor(meta) ? cls.lookupEntry(this.name) : null;
      this.ce = e;
      this.cv = cls.version;
    }
    return this.ce;
  }

  /** typeGetattro's result for `cls` through classEntry, or null for the general path. */
  classAttr(cls: PyType): PyObj | null {
    const e = this.classEntry(cls);
    if (e === null) return null;
    const v = e.dict.valueList[e.index];
    if (typeof v !== "object" || v.type === functionType) return v;
    const get = v.type.tp_descr_get;
    return get === null ? v : get(v, null, cls);
  }

  /**
   * typeSetattro rebinding a plain value of the class's own dict to a plain value (no
   * descriptor either side, not a dunder: nothing else to update); false otherwise.
   */
  classStore(cls: PyType, v: PyObj): boolean {
    const e = this.classEntry(cls);
    if (e === null || e.dict !== cls.dict || (cls.flags & TypeFlag.HEAPTYPE) === 0 || this.isDunder) return false;
    const old = e.dict.valueList[e.index];
    if (isDescriptorValue(old) || isDescriptorValue(v)) return false;
    e.dict.valueList[e.index] = v;
    return true;
  }

  /** The attribute's value on the type of line k (null: not found on the type). */
  descr(k: number): PyObj | null {
    const e = this.entries[k];
    return e === null ? null : e.dict.valueList[e.index];
  }

  /** The slot of the name in instance dict `d` (-1: absent), remembering it in line k. */
  dictSlot(k: number, d: PyDict): number {
    const i = this.idx[k];
    const name = this.name;
    if (i >= 0 && i < d.keyList.length && d.keyList[i] === name) return i;
    const j = d.index.get(name);
    if (j === undefined) return -1;
    if (this.kinds[k] === AttrKind.DICT) this.idx[k] = j;
    return j;
  }
}

/** LOAD_ATTR method form: the unbound function to call with `owner`, or null. */
function loadMethod(site: AttrSite, owner: PyObj): PyObj | null {
  const t = typeOf(owner);
  if (t.tp_getattro !== null) return null;
  const descr = site.descr(site.line(t, owner));
  if (descr instanceof PyFunction || (descr !== null && ops.isMethodDescriptor(descr))) {
    const d = typeof owner === "object" ? owner.dict : null;
    if (d === null || !dictHasStr(d, site.name)) return descr;
  }
  return null;
}

/**
 * Whether instance dict `d` has the key `name` (a method shadowed by an instance
 * attribute). Small dicts of str keys are scanned (pointer compares of interned names)
 * instead of hashed: this runs on every method call.
 */
function dictHasStr(d: PyDict, name: string): boolean {
  const keys = d.keyList;
  const n = keys.length;
  if (n > 8) return d.getStr(name) !== undefined;
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (k === name) return true;
    if (typeof k !== "string") return d.getStr(name) !== undefined;
  }
  return false;
}

/**
 * The method call's shadowing check (dictHasStr) for line k of `site`, remembering a
 * shaped dict that lacks the name.
 */
function dictLacks(site: AttrSite, k: number, d: PyDict): boolean {
  if (dictHasStr(d, site.name)) return false;
  if (d.shape !== null) site.ns[k] = d.shape;
  return true;
}

/**
 * LOAD_ATTR's general path. A missing attribute (and an exception from a property's
 * Python getter) is returned as EXC with the exception parked, not thrown: a JS throw
 * costs about a microsecond, and `try: o.x except AttributeError` is common Python.
 */
function loadAttr(site: AttrSite, owner: PyObj): PyObj {
  if (typeof owner === "object" && owner.type.tp_getattro === null) {
    const k = site.line(owner.type, owner);
    const descr = site.descr(k);
    if (site.kinds[k] === AttrKind.SLOT && descr === site.vals[k]) {
      // A __slots__ member (unset falls to the slow path for its AttributeError).
      const v = (owner as PySlottedObject).slotValues[site.idx[k]];
      if (v !== null && v !== undefined) return v;
    }
    if (descr === null) {
      const d = owner.dict;
      if (d !== null) {
        const slot = site.dictSlot(k, d);
        if (slot >= 0) return d.valueList[slot];
      }
      pend.exc = noAttribute(owner, site.name);
      return EXC;
    }
    if (descr instanceof PyMemberDescr && owner instanceof PySlottedObject) {
      const v = owner.slotValues[descr.slotIndex];
      if (v !== null && v !== undefined) return v;
    }
    // (An exact property: a subclass may override __get__.)
    if (descr instanceof PyProperty && descr.type === propertyType && descr.fget instanceof PyFunction) {
      return call1x(descr.fget, owner);
    }
    // The rest of PyObject_GenericGetAttr with the cached lookup: data descriptors
    // first, then the instance dict, then non-data descriptors and plain class values.
    const dt = typeOf(descr);
    const get = dt.tp_descr_get;
    if (get === null || dt.tp_descr_set === null) {
      const d = owner.dict;
      if (d !== null) {
        const slot = site.dictSlot(k, d);
        if (slot >= 0) return d.valueList[slot];
      }
      if (get === null) return descr;
    }
    return get!(descr, owner, owner.type);
  }
  if (owner instanceof PyType && owner.type === typeTypeObj) {
    const v = site.classAttr(owner);
    if (v !== null) return v;
  }
  const t = typeOf(owner);
  let r: PyObj | null;
  if (t.tp_getattro === null) {
    r = genericGetAttr(owner, site.name);
  } else {
    try {
      r = t.tp_getattro(owner, site.name);
    } catch (e) {
      throw withAttributeErrorContext(e, owner, site.name);
    }
  }
  if (r !== null) return r;
  pend.exc = noAttribute(owner, site.name);
  return EXC;
}

function storeAttr(site: AttrSite, owner: PyObj, v: PyObj): void {
  if (typeof owner === "object" && owner.type.tp_setattro === null) {
    const k = site.line(owner.type, owner);
    const descr = site.descr(k);
    if (site.kinds[k] === AttrKind.SLOT && descr === site.vals[k]) {
      (owner as PySlottedObject).slotValues[site.idx[k]] = v;
      return;
    }
    // (An instance dict made by the first store, as the generic setattr does: exceptions
    // get theirs when first needed, self.code = code in their __init__.)
    if (descr === null && owner.dict === null && owner.type.instancesHaveDict) owner.dict = newInstanceDict();
    if (descr === null && owner.dict !== null) {
      const d = owner.dict;
      const slot = site.dictSlot(k, d);
      if (slot >= 0) {
        d.valueList[slot] = v;
      } else if (d.shape !== null && d.shape === site.sf) {
        // The transition this site made last (a dict the store above just made, too).
        d.appendShaped(site.st, v);
      } else {
        const from = d.shape;
        d.setStr(site.name, v);
        if (from !== null && d.shape !== null && d.shape !== from) {
          site.sf = from;
          site.st = d.shape;
        }
      }
      return;
    }
    if (descr instanceof PyMemberDescr && owner instanceof PySlottedObject) {
      owner.slotValues[descr.slotIndex] = v;
      return;
    }
    if (descr instanceof PyProperty && descr.type === propertyType && descr.fset instanceof PyFunction) {
      checked(call2x(descr.fset, owner, v));
      return;
    }
  }
  if (owner instanceof PyType && owner.type === typeTypeObj && site.classStore(owner, v)) return;
  setAttr(owner, site.name, v);
}

function loadName(f: Frame, name: string): PyObj {
  return ops.loadName(f, name);
}

function storeName(f: Frame, name: string, v: PyObj): void {
  const locals = f.locals;
  if (locals instanceof PyDict && locals.type === ops.dictTypeRef) locals.setStr(name, v);
  else ops.storeName(f, name, v);
}

function unboundLocal(f: Frame, i: number): PyBaseException {
  const name = f.code.localsplusnames[i];
  return newException(UnboundLocalError, `cannot access local variable '${name}' where it is not associated with a value`);
}

// ---- operators ----------------------------------------------------------------------

/**
 * Per binary operator, the last class whose __op__ userBinop looked up (by its version,
 * unique across types and bumped when a method is rebound) and what it found.
 */
const binopCacheVersion = new Float64Array(NB_COUNT).fill(-1);
const binopCacheMethod: (PyObj | null)[] = new Array<PyObj | null>(NB_COUNT).fill(null);

/**
 * A heap class's Python __op__ for BINARY_OP (left operand; the right one does not take
 * precedence), called directly (the interpreter's binopFrame); null for the generic path.
 */
function userBinop(a: PyObject, b: PyObj, oparg: number): PyObj | null {
  if (!ops.userBinopApplies(a, b, oparg)) return null;
  const op = oparg >= NB_COUNT ? oparg - NB_COUNT : oparg;
  const ta = a.type;
  let m: PyObj | null;
  if (binopCacheVersion[op] === ta.version) {
    m = binopCacheMethod[op];
  } else {
    m = ta.lookup(NB_DUNDER_NAMES[op]);
    binopCacheVersion[op] = ta.version;
    binopCacheMethod[op] = m;
  }
  if (!(m instanceof PyFunction) || m.code.directArgc !== 2) return null;
  const r = checked(call2x(m, a, b));
  return r === NotImplemented ? binopFallback(a, b, oparg) : r;
}

/** BINARY_OP once the inline int fast path did not apply. */
function binaryOp(a: PyObj, b: PyObj, oparg: number): PyObj {
  if (typeof a === "number" && typeof b === "number") {
    switch (oparg) {
      case NB.ADD:
      case NB.INPLACE_ADD:
        return intAdd(a, b);
      case NB.SUBTRACT:
      case NB.INPLACE_SUBTRACT:
        return intSub(a, b);
      case NB.MULTIPLY:
      case NB.INPLACE_MULTIPLY:
        return intMul(a, b);
      default: {
        const r = intBinary(oparg >= NB_COUNT ? oparg - NB_COUNT : oparg, a, b);
        if (r !== NotImplemented) return r;
      }
    }
  } else if (a instanceof PyFloat && b instanceof PyFloat && a.type === floatType && b.type === floatType) {
    const o = oparg >= NB_COUNT ? oparg - NB_COUNT : oparg;
    if (o === NB.ADD) return new PyFloat(a.value + b.value);
    if (o === NB.SUBTRACT) return new PyFloat(a.value - b.value);
    if (o === NB.MULTIPLY) return new PyFloat(a.value * b.value);
    if (a.type === floatType && b.type === floatType) {
      const r = floatBinary(o, a.value, b.value);
      if (r !== NotImplemented) return r;
    }
  } else if (typeof a === "string" && typeof b === "string" && (oparg === NB.ADD || oparg === NB.INPLACE_ADD)) {
    return a + b;
  } else if (typeof a === "number" && b instanceof PyFloat && b.type === floatType) {
    // int op float: a small int converts to float exactly.
    const r = floatBinary(oparg >= NB_COUNT ? oparg - NB_COUNT : oparg, a, b.value);
    if (r !== NotImplemented) return r;
  } else if (a instanceof PyFloat && a.type === floatType && typeof b === "number") {
    const r = floatBinary(oparg >= NB_COUNT ? oparg - NB_COUNT : oparg, a.value, b);
    if (r !== NotImplemented) return r;
  }
  if (typeof a === "object" && (a.type.flags & TypeFlag.HEAPTYPE) !== 0) {
    const r = userBinop(a, b, oparg);
    if (r !== null) return r;
  }
  return binaryOpFull(a, b, oparg);
}

function compareOp(a: PyObj, b: PyObj, oparg: number): PyObj {
  if (a instanceof PyFloat && b instanceof PyFloat && a.type === floatType && b.type === floatType) {
    return compareNumbers(a.value, b.value, oparg >> 5);
  }
  const r = richCompare(a, b, oparg >> 5);
  return oparg & 16 ? (typeof r === "boolean" ? r : isTrue(r)) : r;
}

/**
 * Two tuple displays compared (emit.ts planTupleCompares): what tuplerichcompare gives
 * for (a0, a1) OP (b0, b1) — the first items that are not equal (identity first)
 * decide, else the sizes — with COMPARE_OP's bool conversion (oparg & 16).
 */
function compareTuple2(a0: PyObj, a1: PyObj, b0: PyObj, b1: PyObj, oparg: number): PyObj {
  if (!eqIdentity(a0, b0)) return compareItems(a0, b0, oparg);
  if (!eqIdentity(a1, b1)) return compareItems(a1, b1, oparg);
  return equalSizes(oparg);
}
function compareTuple3(a0: PyObj, a1: PyObj, a2: PyObj, b0: PyObj, b1: PyObj, b2: PyObj, oparg: number): PyObj {
  if (!eqIdentity(a0, b0)) return compareItems(a0, b0, oparg);
  if (!eqIdentity(a1, b1)) return compareItems(a1, b1, oparg);
  if (!eqIdentity(a2, b2)) return compareItems(a2, b2, oparg);
  return equalSizes(oparg);
}
/** The first differing items decide: == and != without another comparison. */
function compareItems(a: PyObj, b: PyObj, oparg: number): PyObj {
  const op = oparg >> 5;
  if (op === 2) return false;
  if (op === 3) return true;
  if (typeof a === "number" && typeof b === "number") return compareNumbers(a, b, op);
  return compareBool(a, b, op);
}
/** Equal items and sizes: true for <=, ==, >=. */
function equalSizes(oparg: number): boolean {
  const op = oparg >> 5;
  return op === 1 || op === 2 || op === 5;
}

/** BINARY_SUBSCR; may return EXC. */
export function subscr(container: PyObj, key: PyObj): PyObj {
  if (typeof key === "number" && typeof container === "object" && (container.type === ops.listTypeRef || container.type === tupleType)) {
    // (Exact lists and tuples: a subclass may override __getitem__.)
    const items = (container as PyList | PyTuple).items;
    const i = key < 0 ? key + items.length : key;
    if (i >= 0 && i < items.length) return items[i];
    // Out of range: IndexError without a JS throw (see EXC; a throw costs ~1 us in V8).
    pend.exc = indexError(container.type === tupleType ? "tuple index out of range" : "list index out of range");
    return EXC;
  } else if (container instanceof PyDict && container.type === ops.dictTypeRef) {
    const v = container.get(key);
    if (v !== undefined) return v;
    // A missing key of a plain dict: KeyError without a JS throw (see EXC).
    pend.exc = keyError(key);
    return EXC;
  }
  return getItem(container, key);
}

export function storeSubscr(container: PyObj, key: PyObj, v: PyObj): void {
  if (container instanceof PyList && typeof key === "number" && container.type === ops.listTypeRef) {
    const items = container.items;
    const i = key < 0 ? key + items.length : key;
    if (i >= 0 && i < items.length) {
      items[i] = v;
      return;
    }
  } else if (container instanceof PyDict && container.type === ops.dictTypeRef) {
    container.set(key, v);
    return;
  }
  setItem(container, key, v);
}

function formatSimple(v: PyObj): PyObj {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return formatValue(v, "");
}

function checkExcMatch(exc: PyObj, t: PyObj): PyObj | null {
  return exceptionMatches(exc, t);
}

// ---- await --------------------------------------------------------------------------

/**
 * GET_AWAITABLE: coroutines as they are; an object whose class has a Python __await__
 * gets it called directly (no bound method); everything else as ops.getAwaitable.
 * May return EXC.
 */
function getAwaitable(v: PyObj, oparg: number): PyObj {
  if (typeof v === "object" && !(v instanceof PyGen) && (v.type.flags & TypeFlag.HEAPTYPE) !== 0) {
    const m = typeCache(v.type).await;
    if (m instanceof PyFunction && m.code.simpleArgs && m.code.argcount === 1) {
      const it = call1x(m, v);
      if (it === EXC) return it;
      if (it instanceof PyGen && it.kind === "coroutine") throw typeError("__await__() returned a coroutine");
      if (typeOf(it).tp_iternext === null) throw typeError(`__await__() returned non-iterator of type '${typeOf(it).name}'`);
      return it;
    }
  }
  return ops.getAwaitable(v, oparg);
}

// ---- iteration ----------------------------------------------------------------------

/**
 * FOR_ITER's generic case: the next item, null when the iterator is exhausted, or EXC.
 * A class whose __next__ is a Python function gets it called directly, and the
 * StopIteration that ends the loop is dropped here, never thrown in JS (slot_tp_iternext
 * would make it cross native code as a JS throw).
 */
function iterNext(it: PyObject): PyObj | null {
  const t = it.type;
  if ((t.flags & TypeFlag.HEAPTYPE) !== 0) {
    const m = typeCache(t).next;
    if (m instanceof PyFunction) {
      let r: PyObj;
      try {
        r = call1x(m, it);
      } catch (e) {
        // (A __next__ not compiled yet runs in the interpreter, which throws.)
        if (e instanceof PyBaseException && e.type.isSubtypeOf(StopIterationType)) return null;
        throw e;
      }
      if (r === EXC) {
        const e = pend.exc!;
        if (!e.type.isSubtypeOf(StopIterationType)) return EXC;
        pend.exc = null;
        return null;
      }
      return r;
    }
  }
  return t.tp_iternext!(it);
}

// ---- with ---------------------------------------------------------------------------

let pendingEnter: PyObj | null = null;

/** The manager whose unbound __enter__ is pendingEnter (null: pendingEnter is bound). */
let pendingSelf: PyObj | null = null;

/**
 * BEFORE_WITH, first half: the bound __exit__ (after checking the protocol as CPython).
 * A class whose __enter__ and __exit__ are Python functions (cached with its version)
 * skips the special-method lookups.
 */
function withExit(mgr: PyObj): PyObj {
  if (typeof mgr === "object" && (mgr.type.flags & TypeFlag.HEAPTYPE) !== 0) {
    const c = typeCache(mgr.type);
    if (c.enter instanceof PyFunction && c.exit instanceof PyFunction) {
      pendingEnter = c.enter;
      pendingSelf = mgr;
      return new PyMethod(c.exit, mgr);
    }
  }
  pendingEnter = ops.withEnterMethod(mgr);
  return ops.withExitMethod(mgr);
}

/** BEFORE_WITH, second half: calls the __enter__ found by withExit (may return EXC). */
function withEnter(): PyObj {
  const enter = pendingEnter!;
  pendingEnter = null;
  if (pendingSelf !== null) {
    const self = pendingSelf;
    pendingSelf = null;
    return call1x(enter, self);
  }
  return call0x(enter);
}

/** WITH_EXCEPT_START: exit(type, value, traceback) (may return EXC). */
function withExceptStart(exit: PyObj, val: PyObj): PyObj {
  return call3x(exit, typeOf(val), val, ops.tracebackOf(val));
}

// ---- raising and unwinding ----------------------------------------------------------

/**
 * The exception-table unwinding of one compiled frame (the interpreter's unwind() for
 * the frame itself): records the traceback entry unless re-raising, finds the handler
 * for the instruction at f.lasti and returns its entry number; with no handler the frame
 * is finished and the exception is thrown to the caller.
 */
function unwind(f: Frame, exc: PyBaseException): number {
  const isReraise = ops.takeReraiseFlag();
  const rl = ops.takeReraiseLasti(-1);
  const nlp = f.code.nlocalsplus;
  if (f.sp > nlp) {
    // A cold instruction raised with the stack spilled into regs.
    const regs = f.regs;
    for (let i = nlp; i < f.sp; i++) regs[i] = null;
    f.sp = nlp;
  }
  const instrStart = f.lasti;
  if (exc.traceback === null && !isReraise) chainContext(exc);
  if (!isReraise) {
    exposeFrame(f);
    exc.traceback = new PyTraceback(exc.traceback, f, instrStart);
  } else if (rl >= 0) {
    f.lasti = rl;
  }
  const index = ExceptionHandlerIndex.of(f.code.co);
  const h = index.length === 0 ? -1 : index.lookup(instrStart >> 1);
  if (h < 0) {
    // No handler: the frame is finished; the exception goes to the caller (EXC).
    f.state = FrameState.COMPLETED;
    pend.exc = exc;
  }
  return h;
}

function coldOp(f: Frame, op: number, oparg: number, instrStart: number): void {
  const r = ops.coldOp(f, op, oparg, instrStart);
  if (r !== ops.CONTINUE) throw newException(RuntimeErrorType, "internal error in TSPython: a compiled frame yielded");
}

/** The helpers and values generated code uses (bound once per compiled function). */
function makeJitRuntime() {
  return {
    ts, None, NotImplemented, PyObject, PyFloat, PyList, PyTuple, PyDict, PyType, PyFunction, PyCell,
    rangeIterType, listIterType, newTuple, isTrue, getIter, contains, unaryNegative, unaryInvert, delItem,
    getAttr, typeOf, toPyException, floatType, unboundLocal, derefError: ops.derefError, loadGlobal, loadMethod, loadAttr,
    dictHasStr, dictLacks,
    storeAttr, loadName, storeName, binaryOp, compareOp, subscr, storeSubscr, formatSimple, checkExcMatch,
    call0, call1, call2, call3, callN, callKw, callFunctionEx: ops.callFunctionEx,
    reraise: ops.reraiseTarget, raiseVarargs: ops.raiseTarget,
    unwind, coldOp, SLICE, EXC, takeExc, generatorType, genNext, send, GEN_DONE, takeGenDone, iterNext,
    withExit, withEnter, withExceptStart, getAwaitable, superMethodCached: ops.superMethodCached,
    RAW, compareTuple2, compareTuple3, tupleType, listType, getSlice, len, listAppend: listType.dict.getStr("append")!, lenBuiltin,
  };
}
export type JitRuntime = ReturnType<typeof makeJitRuntime>;
// Built on first use: some of its values live in modules that import this one.
let jitRuntime: JitRuntime | null = null;
function getJitRuntime(): JitRuntime {
  if (jitRuntime === null) {
    jitRuntime = makeJitRuntime();
    installGeneratorFastPath();
  }
  return jitRuntime;
}

export { loadGlobal as loadGlobalCached };
