// Generators, coroutines and async generators (genobject.c). Each owns its frame; a
// resume runs the eval loop on that frame until it yields or returns. Each carries its
// own link of the handled-exception chain, swapped in on resume and out on suspend.
import {
  PyObject, PyObj, PyType, makeBuiltinType, objectType, None, typeOf, identityId, tupleType, KwNames,
  adoptIdentityId,
} from "../objects/core.js";
import { PyTuple } from "../objects/sequence.js";
import { PyFunction } from "../objects/function.js";
import {
  PyBaseException, typeError, valueError, newException, StopIteration, GeneratorExit,
  RuntimeError, StopAsyncIteration, BaseException, stopIteration, stopIterationValue, DeprecationWarning,
  ImportError, RuntimeWarning,
} from "../objects/exceptions.js";
import { defineMethod, defineGetSet } from "../objects/descr.js";
import { call, getAttrOrNull, lookupSpecial, getAttr, repr } from "../objects/abstract.js";
import { CodeFlag } from "../bytecode/code.js";
import { Op } from "../bytecode/opcodes.generated.js";
import { Frame, FrameState, ExcNode, threadState } from "./frame.js";
import { evalFrame, chainContext } from "./interpreter.js";
import { AsyncGenWrapped, getAwaitable, takeStopValue } from "./ops.js";
import { registerFinalizer, importModule, writeUnraisable, beforeCollect } from "./finalization.js";

export const generatorType = makeBuiltinType("generator", objectType, 0);
export const coroutineType = makeBuiltinType("coroutine", objectType, 0);
export const asyncGeneratorType = makeBuiltinType("async_generator", objectType, 0);
export const coroWrapperType = makeBuiltinType("coroutine_wrapper", objectType, 0);
export const asyncGenASendType = makeBuiltinType("async_generator_asend", objectType, 0);
export const asyncGenAThrowType = makeBuiltinType("async_generator_athrow", objectType, 0);
export const anextAwaitableType = makeBuiltinType("anext_awaitable", objectType, 0);
/** sys.get_asyncgen_hooks()'s result: a tuple with named fields (a structseq in CPython). */
export const asyncgenHooksType = makeBuiltinType("asyncgen_hooks", tupleType, 0);

export type GenKind = "generator" | "coroutine" | "async_generator";

export class PyGen extends PyObject {
  declare readonly frame: Frame;
  declare readonly kind: GenKind;
  declare running: boolean;
  declare readonly excNode: ExcNode;
  /** __name__ / __qualname__ once assigned (null: the function's, read on demand). */
  declare nameSet: string | null;
  declare qualnameSet: string | null;
  /** Async generators: hooks ran / running asend-athrow. */
  declare agHooksInited: boolean;
  declare agRunning: boolean;
  declare agClosed: boolean;
  /** Whether finalization (finalization.ts) is arranged for this object. */
  declare finalizerRegistered: boolean;
  /** Coroutines: cr_origin, when sys.set_coroutine_origin_tracking_depth() asked for it. */
  declare origin: PyObj | null;
  constructor(type: PyType, frame: Frame, kind: GenKind) {
    super(type);
    this.frame = frame;
    this.kind = kind;
    this.running = false;
    this.excNode = new ExcNode(null);
    this.nameSet = null;
    this.qualnameSet = null;
    this.agHooksInited = false;
    this.agRunning = false;
    this.agClosed = false;
    this.finalizerRegistered = false;
    this.origin = null;
  }

  get name(): string {
    const f = this.frame;
    return this.nameSet ?? (f.func !== null ? f.func.name : f.code.name);
  }
  set name(v: string) {
    this.nameSet = v;
  }
  get qualname(): string {
    const f = this.frame;
    return this.qualnameSet ?? (f.func !== null ? f.func.qualname : f.code.qualname);
  }
  set qualname(v: string) {
    this.qualnameSet = v;
  }

  /** A generator decorated with types.coroutine (awaitable). */
  get iterableCoroutine(): boolean {
    return (this.frame.code.flags & CodeFlag.ITERABLE_COROUTINE) !== 0;
  }

  /** The sub-iterator of a suspended `yield from`/`await`, else null. */
  yieldFrom(): PyObj | null {
    const f = this.frame;
    if (f.state !== FrameState.SUSPENDED) return null;
    const bytes = f.code.bytes;
    // RESUME's oparg: location in the low 2 bits (2 = after yield from, 3 = after await).
    if (bytes[f.pc] === Op.RESUME && (bytes[f.pc + 1] & 3) >= 2) return f.regs[f.sp - 1];
    return null;
  }
}

export function isGenLike(v: PyObj): boolean {
  return v instanceof PyGen;
}

export function makeGenerator(frame: Frame): PyGen {
  const flags = frame.code.flags;
  frame.state = FrameState.CREATED;
  let g: PyGen;
  if (flags & CodeFlag.COROUTINE) g = new PyGen(coroutineType, frame, "coroutine");
  else if (flags & CodeFlag.ASYNC_GENERATOR) g = new PyGen(asyncGeneratorType, frame, "async_generator");
  else g = new PyGen(generatorType, frame, "generator");
  // (No frame -> generator link: the frame must not keep a collected generator alive.)
  if (g.kind === "coroutine") {
    if (coroutineOrigin.depth > 0) g.origin = originOf(threadState.frame, coroutineOrigin.depth);
    // The never-awaited warning needs finalization, but registering every coroutine costs
    // the GC dearly: the newest one waits here and is registered only if it has not
    // started by the time the next is made (or a collection runs) — the usual
    // `await f()` has already finished by then.
    flushPendingCoroutine();
    pendingCoroutine = g;
  }
  return g;
}

let pendingCoroutine: PyGen | null = null;
function flushPendingCoroutine(): void {
  const c = pendingCoroutine;
  pendingCoroutine = null;
  if (c !== null && !c.finalizerRegistered && c.frame.state === FrameState.CREATED) arrangeFinalization(c);
}
beforeCollect.fn = (): void => {
  flushPendingCoroutine();
  flushSuspendedRing();
};

/** sys.set_coroutine_origin_tracking_depth() state. */
export const coroutineOrigin = { depth: 0 };

/** cr_origin: ((filename, lineno, name), ...) of the creating frames, innermost first. */
function originOf(start: Frame | null, depth: number): PyObj {
  const out: PyObj[] = [];
  for (let f = start; f !== null && out.length < depth; f = f.back) {
    out.push(new PyTuple([f.code.filename, f.lineno, f.code.name]));
  }
  return new PyTuple(out);
}

/** True when the suspended frame sits at a yield outside any try block (RESUME's depth-1 bit). */
function suspendedAtDepth1(f: Frame): boolean {
  const bytes = f.code.bytes;
  return bytes[f.pc] === Op.RESUME && (bytes[f.pc + 1] & 4) !== 0;
}

/** True when the suspended frame sits in a try block of its own (RESUME's depth-1 bit clear). */
function suspendedInTry(f: Frame): boolean {
  const bytes = f.code.bytes;
  return f.state === FrameState.SUSPENDED && bytes[f.pc] === Op.RESUME && (bytes[f.pc + 1] & 4) === 0;
}

/**
 * After a suspension: a generator paused inside a try block (an `await` counts: its SEND
 * loop has a handler) must be closed when collected. Registering with the
 * FinalizationRegistry costs the GC dearly and most such generators are resumed and
 * finish soon (an `await` chain driven step by step), so the newest suspensions wait in a
 * small ring and are registered only if still suspended when pushed out of it, or when a
 * collection runs.
 */
export function noteSuspension(gen: PyGen): void {
  // (A coroutine driven step by step is noted at every step: once in the ring is enough.)
  if (suspendedRing[suspendedRingLast] === gen || !suspendedInTry(gen.frame)) return;
  suspendedRingLast = suspendedRingNext;
  const slot = suspendedRing[suspendedRingNext];
  suspendedRing[suspendedRingNext] = gen;
  suspendedRingNext = (suspendedRingNext + 1) % SUSPENDED_RING_SIZE;
  if (slot !== null && slot !== gen) registerIfStillSuspended(slot);
}

const SUSPENDED_RING_SIZE = 16;
const suspendedRing: (PyGen | null)[] = new Array<PyGen | null>(SUSPENDED_RING_SIZE).fill(null);
let suspendedRingNext = 0;
/** Where the newest entry went. */
let suspendedRingLast = 0;

function registerIfStillSuspended(g: PyGen): void {
  if (!g.finalizerRegistered && suspendedInTry(g.frame)) arrangeFinalization(g);
}

function flushSuspendedRing(): void {
  for (let i = 0; i < SUSPENDED_RING_SIZE; i++) {
    const g = suspendedRing[i];
    suspendedRing[i] = null;
    if (g !== null) registerIfStillSuspended(g);
  }
}

/** CPython's _PyGen_Finalize for a generator object that has become unreachable. */
function arrangeFinalization(g: PyGen): void {
  g.finalizerRegistered = true;
  const type = g.type, frame = g.frame, kind = g.kind, name = g.name, qualname = g.qualname, origin = g.origin;
  // (The rebuilt object stands for the collected one: same id, so the same repr.)
  const id = identityId(g);
  registerFinalizer(g, {
    rebuild(): PyObj {
      const r = new PyGen(type, frame, kind);
      r.name = name;
      r.qualname = qualname;
      r.origin = origin;
      r.finalizerRegistered = true;
      r.agHooksInited = true;
      adoptIdentityId(r, id);
      return r;
    },
    finalize(obj: PyObj): void {
      const gen = obj as PyGen;
      if (frame.state === FrameState.COMPLETED) return;
      const finalizer = agFinalizerOf.get(frame) ?? null;
      if (kind === "async_generator" && finalizer !== null) {
        call(finalizer, [gen]);
        return;
      }
      if (kind === "coroutine" && frame.state === FrameState.CREATED) {
        warnUnawaitedCoroutine(gen);
        return;
      }
      if (suspendedInTry(frame)) genClose(gen);
    },
  });
}
/** The async generators' finalizer hooks, by frame (read when the object is collected). */
const agFinalizerOf = new WeakMap<Frame, PyObj>();

/**
 * _PyErr_WarnUnawaitedCoroutine: through warnings._warn_unawaited_coroutine (which adds
 * the cr_origin lines); when that fails, the error is unraisable and, unless it was the
 * warning itself raised as an error, the plain message is warned directly.
 */
function warnUnawaitedCoroutine(coro: PyGen): void {
  let warned = false;
  const warnings = importModule("warnings");
  let fn: PyObj | null = null;
  try {
    fn = warnings === null ? null : getAttrOrNull(warnings, "_warn_unawaited_coroutine");
    if (fn !== null) {
      call(fn, [coro]);
      warned = true;
    }
  } catch (e) {
    if (e instanceof PyBaseException && e.type.isSubtypeOf(RuntimeWarning)) warned = true;
    writeUnraisable(e, coro);
  }
  if (warned) return;
  try {
    warn(RuntimeWarning, `coroutine '${coro.qualname}' was never awaited`, 1, coro);
  } catch (e) {
    writeUnraisable(e, coro);
  }
}

interface SendResult {
  done: boolean;
  value: PyObj;
}

/** Resumes a generator with a value (or an exception to throw in). */
export function genResume(gen: PyGen, value: PyObj, exc: PyBaseException | null): SendResult {
  const f = gen.frame;
  if (gen.running) {
    throw valueError(gen.kind === "coroutine" ? "coroutine already executing" : gen.kind === "async_generator" ? "async generator already executing" : "generator already executing");
  }
  if (f.state === FrameState.COMPLETED) {
    if (gen.kind === "coroutine") throw newException(RuntimeError, "cannot reuse already awaited coroutine");
    if (exc !== null) throw exc;
    return { done: true, value: None };
  }
  if (f.state === FrameState.CREATED && exc === null && value !== None) {
    throw typeError(`can't send non-None value to a just-started ${gen.kind === "async_generator" ? "async generator" : gen.kind}`);
  }
  if (f.state === FrameState.SUSPENDED && exc === null) f.regs[f.sp++] = value;
  gen.running = true;
  const ts = threadState;
  gen.excNode.previous = ts.excNode;
  ts.excNode = gen.excNode;
  // _PyErr_ChainStackItem: an exception thrown in takes the generator's handled one as context.
  if (exc !== null && gen.excNode.value !== None && gen.excNode.value !== exc) chainContext(exc);
  try {
    const r = evalFrame(f, exc);
    if (f.state === FrameState.SUSPENDED) {
      if (!gen.finalizerRegistered) noteSuspension(gen);
      return { done: false, value: r };
    }
    releaseValueStack(f);
    return { done: true, value: r };
  } catch (e) {
    releaseValueStack(f);
    throw e;
  } finally {
    gen.running = false;
    ts.excNode = gen.excNode.previous!;
    gen.excNode.previous = null;
  }
}

/** A finished generator frame keeps its locals (a frame object may show them) but no stack. */
function releaseValueStack(f: Frame): void {
  if (f.state !== FrameState.COMPLETED) return;
  const regs = f.regs;
  for (let i = f.code.nlocalsplus; i < regs.length; i++) regs[i] = null;
}

export function genSendValue(gen: PyGen, v: PyObj): SendResult {
  return genResume(gen, v, null);
}

/** gen.throw(exc): delegates to a `yield from` sub-iterator first. */
export function genThrow(gen: PyGen, exc: PyBaseException, closeOnGenExit = true): SendResult {
  const yf = gen.yieldFrom();
  if (yf !== null) {
    // (Async generators let their awaits run the GeneratorExit through: no early close.)
    if (closeOnGenExit && exc.type.isSubtypeOf(GeneratorExit)) {
      gen.running = true;
      try {
        closeSubIterator(yf);
      } catch (e) {
        gen.running = false;
        return genResume(gen, None, e as PyBaseException);
      }
      gen.running = false;
      return genResume(gen, None, exc);
    }
    let inner: SendResult;
    gen.running = true;
    try {
      if (yf instanceof PyGen) {
        // The delegate runs as if called from this generator's frame (f_back, tracebacks).
        const ts = threadState;
        const prev = ts.frame;
        ts.frame = gen.frame;
        gen.frame.back = prev;
        try {
          inner = genThrow(yf, exc, closeOnGenExit);
        } finally {
          ts.frame = prev;
          gen.frame.back = null;
        }
      } else {
        const m = getAttrOrNull(yf, "throw");
        if (m === null) {
          gen.running = false;
          return genResume(gen, None, exc);
        }
        inner = { done: false, value: call(m, [exc]) };
      }
    } catch (e) {
      gen.running = false;
      return genResume(gen, None, e as PyBaseException);
    }
    gen.running = false;
    if (!inner.done) return inner;
    return genResume(gen, None, stopIteration(inner.value));
  }
  return genResume(gen, None, exc);
}

/** gen_close_iter: an error looking up `close` is unraisable; one from calling it is raised. */
function closeSubIterator(yf: PyObj): void {
  if (yf instanceof PyGen) {
    genClose(yf);
    return;
  }
  let m: PyObj | null = null;
  try {
    m = getAttrOrNull(yf, "close");
  } catch (e) {
    writeUnraisable(e, yf);
  }
  if (m !== null) call(m, []);
}

export function genClose(gen: PyGen): PyObj {
  const f = gen.frame;
  if (f.state === FrameState.CREATED) {
    f.state = FrameState.COMPLETED;
    return None;
  }
  if (f.state === FrameState.COMPLETED) return None;
  // gen_close: suspended at a yield outside any try block (RESUME's depth-1 bit), nothing
  // in the frame can see GeneratorExit: the frame is finished without running and its
  // locals are released at once (gh-118272).
  if (f.state === FrameState.SUSPENDED && !gen.running && gen.yieldFrom() === null && suspendedAtDepth1(f)) {
    f.state = FrameState.COMPLETED;
    f.regs.fill(null);
    f.sp = f.code.nlocalsplus;
    return None;
  }
  let r: SendResult;
  try {
    r = genThrow(gen, newException(GeneratorExit));
  } catch (e) {
    if (e instanceof PyBaseException && (e.type.isSubtypeOf(GeneratorExit) || e.type.isSubtypeOf(StopIteration))) return None;
    throw e;
  }
  if (!r.done) {
    throw newException(RuntimeError, gen.kind === "async_generator" ? "async generator ignored GeneratorExit" : gen.kind === "coroutine" ? "coroutine ignored GeneratorExit" : "generator ignored GeneratorExit");
  }
  return r.value;
}

/** throw()'s arguments: the 3-argument form still works but warns (DeprecationWarning). */
function throwArgs(args: PyObj[], method: string): PyBaseException {
  if (args.length < 1 || args.length > 3) throw typeError(`${method} expected at least 1 argument, got ${args.length}`);
  if (args.length > 1) {
    warn(DeprecationWarning, `the (type, exc, tb) signature of ${method}() is deprecated, use the single-arg signature instead.`);
  }
  return makeThrowException(args);
}

/** PyErr_WarnEx(category, message, 1): the C warnings machinery, which is our _warnings. */
function warn(category: PyType, message: string, stacklevel = 1, source: PyObj = None): void {
  const warnings = importModule("_warnings");
  const fn = warnings === null ? null : getAttrOrNull(warnings, "warn");
  if (fn === null) return;
  try {
    call(fn, source === None ? [message, category, stacklevel] : [message, category, stacklevel, source]);
  } catch (e) {
    // A module the warnings machinery needs is missing: no warning rather than a failure.
    // (Anything else, e.g. a filter turning the warning into an error, propagates.)
    if (!(e instanceof PyBaseException && e.type.isSubtypeOf(ImportError))) throw e;
  }
}

/**
 * PyErr_NormalizeException: instantiate `typ`; when that fails (or gives no exception
 * instance) the resulting error is what gets thrown into the generator instead.
 */
function normalizeException(typ: PyType, val: PyObj): PyBaseException {
  let r: PyObj;
  try {
    r = call(typ, val === None ? [] : val instanceof PyTuple ? val.items.slice() : [val]);
  } catch (e) {
    if (e instanceof PyBaseException) return e;
    throw e;
  }
  if (r instanceof PyBaseException) return r;
  return typeError(`calling ${repr(typ)} should have returned an instance of BaseException, not ${typeOf(r).name}`);
}

/** The exception for gen.throw(typ[, val[, tb]]). */
export function makeThrowException(args: PyObj[]): PyBaseException {
  const typ = args[0];
  const val = args.length > 1 ? args[1] : None;
  const tb = args.length > 2 ? args[2] : None;
  let exc: PyBaseException;
  if (typ instanceof PyType && typ.isSubtypeOf(BaseException)) {
    if (val instanceof PyBaseException && typeOf(val).isSubtypeOf(typ)) exc = val;
    else exc = normalizeException(typ, val);
  } else if (typ instanceof PyBaseException) {
    if (val !== None) throw typeError("instance exception may not have a separate value");
    exc = typ;
  } else {
    throw typeError(`exceptions must be classes or instances deriving from BaseException, not ${typeOf(typ).name}`);
  }
  if (tb !== None) {
    if (typeOf(tb).name !== "traceback") throw typeError("throw() third argument must be a traceback object");
    exc.traceback = tb as PyObject;
  }
  return exc;
}

function nextOrStop(r: SendResult): PyObj {
  if (r.done) throw stopIteration(r.value);
  return r.value;
}

export class PyCoroWrapper extends PyObject {
  declare readonly coro: PyGen;
  constructor(coro: PyGen) {
    super(coroWrapperType);
    this.coro = coro;
  }
}

/** The awaitable returned by agen.asend()/__anext__() and agen.athrow()/aclose(). */
export class PyAsyncGenOp extends PyObject {
  /** { state: 0 init, 1 iter, 2 closed }: kept apart so that finalization can read it. */
  declare readonly status: { state: number };
  declare readonly gen: PyGen;
  declare readonly sendValue: PyObj;
  declare readonly throwArgs: PyObj[] | null;
  declare readonly isClose: boolean;
  constructor(type: PyType, gen: PyGen, sendValue: PyObj, throwArgs: PyObj[] | null, isClose: boolean, watch = true) {
    super(type);
    this.gen = gen;
    this.sendValue = sendValue;
    this.throwArgs = throwArgs;
    this.isClose = isClose;
    const status = { state: 0 };
    this.status = status;
    // An awaitable dropped before its first step warns, as async_gen_asend/athrow_finalize.
    // (`async for` awaits its own at once: GET_ANEXT makes them unwatched.)
    if (!watch) return;
    const method = throwArgs === null ? "asend" : isClose ? "aclose" : "athrow";
    const qualname = gen.qualname;
    registerFinalizer(this, {
      rebuild: () => None,
      finalize(): void {
        if (status.state === 0) warn(RuntimeWarning, `coroutine method '${method}' of '${qualname}' was never awaited`, 1);
      },
    });
  }
  get state(): number {
    return this.status.state;
  }
  set state(v: number) {
    this.status.state = v;
  }
}

/** GET_ANEXT on an async generator whose __anext__ is the builtin one: the awaitable, or null. */
export function asyncForAnext(it: PyObj): PyObj | null {
  if (!(it instanceof PyGen) || it.type !== asyncGeneratorType) return null;
  if (!it.agHooksInited) return null; // (the first step goes through __anext__ and the hooks)
  return new PyAsyncGenOp(asyncGenASendType, it, None, null, false, false);
}

/** Runs one step of an async generator: unwraps its yields, maps its end. */
function asyncGenStep(op: PyAsyncGenOp, value: PyObj, exc: PyBaseException | null): PyObj {
  const gen = op.gen;
  if (op.state === 2) {
    throw newException(RuntimeError, op.throwArgs !== null ? "cannot reuse already awaited aclose()/athrow()" : "cannot reuse already awaited __anext__()/asend()");
  }
  let r: SendResult;
  try {
    if (op.state === 0) {
      op.state = 1;
      if (gen.agRunning) throw newException(RuntimeError, op.throwArgs ? "athrow(): asynchronous generator is already running" : "anext(): asynchronous generator is already running");
      gen.agRunning = true;
      if (op.throwArgs !== null && exc === null) {
        if (gen.frame.state === FrameState.COMPLETED || (op.isClose && gen.frame.state === FrameState.CREATED)) {
          gen.frame.state = FrameState.COMPLETED;
          gen.agRunning = false;
          op.state = 2;
          if (op.isClose) throw stopIteration(None);
          throw makeThrowException(op.throwArgs);
        }
        r = genThrow(gen, makeThrowException(op.throwArgs), false);
      } else {
        r = exc !== null ? genThrow(gen, exc, false) : genResume(gen, value === None ? op.sendValue : value, null);
      }
    } else {
      r = exc !== null ? genThrow(gen, exc, false) : genResume(gen, value, null);
    }
  } catch (e) {
    gen.agRunning = false;
    op.state = 2;
    if (e instanceof PyBaseException) {
      if (op.isClose && (e.type.isSubtypeOf(StopAsyncIteration) || e.type.isSubtypeOf(GeneratorExit))) throw stopIteration(None);
      if (e.type.isSubtypeOf(StopIteration) && !(e.args.length === 0 && op.state === 2 && false)) throw e;
    }
    throw e;
  }
  if (r.done) {
    gen.agRunning = false;
    op.state = 2;
    if (op.isClose) throw stopIteration(None);
    throw newException(StopAsyncIteration);
  }
  if (r.value instanceof AsyncGenWrapped) {
    gen.agRunning = false;
    op.state = 2;
    if (op.isClose) throw newException(RuntimeError, "async generator ignored GeneratorExit");
    throw stopIteration(r.value.value);
  }
  return r.value;
}

/**
 * CPython's docstrings of these methods (they are part of what Python code can see:
 * help(), doctests, CPython's own tests).
 */
const DOC = {
  next: "Implement next(self).",
  iter: "Implement iter(self).",
  await: "Return an iterator to be used in await expression.",
  genSend: "send(arg) -> send 'arg' into generator,\nreturn next yielded value or raise StopIteration.",
  genThrow: "throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in generator, return next yielded value or raise\n" +
    "StopIteration.\nthe (type, val, tb) signature is deprecated, \nand may be removed in a future version of Python.",
  genClose: "close() -> raise GeneratorExit inside generator.",
  coroSend: "send(arg) -> send 'arg' into coroutine,\nreturn next iterated value or raise StopIteration.",
  coroThrow: "throw(value)\nthrow(type[,value[,traceback]])\n\nRaise exception in coroutine, return next iterated value or raise\n" +
    "StopIteration.\nthe (type, val, tb) signature is deprecated, \nand may be removed in a future version of Python.",
  coroClose: "close() -> raise GeneratorExit inside coroutine.",
  aiter: "Return an awaitable, that resolves in asynchronous iterator.",
  anext: "Return a value or raise StopAsyncIteration.",
  asend: "asend(v) -> send 'v' in generator.",
  athrow: "athrow(value)\nathrow(type[,value[,tb]])\n\nraise exception in generator.\nthe (type, val, tb) signature is deprecated, \n" +
    "and may be removed in a future version of Python.",
  aclose: "aclose() -> raise GeneratorExit inside generator.",
};

export function installGenerators(): void {
  for (const t of [generatorType, coroutineType, asyncGeneratorType]) {
    const G = (g: PyObj) => g as PyGen;
    const prefix = t === generatorType ? "gi" : t === coroutineType ? "cr" : "ag";
    t.tp_repr = (g) => `<${t.name} object ${G(g).qualname} at 0x${(0x7f0000000000 + identityId(g as PyObject) * 16).toString(16)}>`;
    defineGetSet(t, "__name__", (g) => G(g).name, (g, v) => {
      if (typeof v !== "string") throw typeError("__name__ must be set to a string object");
      G(g).name = v;
    });
    defineGetSet(t, "__qualname__", (g) => G(g).qualname, (g, v) => {
      if (typeof v !== "string") throw typeError("__qualname__ must be set to a string object");
      G(g).qualname = v;
    });
    defineGetSet(t, `${prefix}_running`, (g) => G(g).running || (t === asyncGeneratorType && G(g).agRunning));
    defineGetSet(t, `${prefix}_frame`, (g) => (G(g).frame.state === FrameState.COMPLETED ? None : G(g).frame));
    defineGetSet(t, `${prefix}_code`, (g) => G(g).frame.code);
    defineGetSet(t, `${prefix}_suspended`, (g) => G(g).frame.state === FrameState.SUSPENDED);
    if (t === generatorType) defineGetSet(t, "gi_yieldfrom", (g) => G(g).yieldFrom() ?? None);
    else defineGetSet(t, prefix === "cr" ? "cr_await" : "ag_await", (g) => G(g).yieldFrom() ?? None);
    if (t === coroutineType) defineGetSet(t, "cr_origin", (g) => G(g).origin ?? None);
    if (t !== asyncGeneratorType) {
      const coro = t === coroutineType;
      defineMethod(t, "send", (g, args) => nextOrStop(genSendValue(G(g), args[0] ?? None)), coro ? DOC.coroSend : DOC.genSend);
      defineMethod(t, "throw", (g, args) => nextOrStop(genThrow(G(g), throwArgs(args, "throw"))), coro ? DOC.coroThrow : DOC.genThrow);
      defineMethod(t, "close", (g) => genClose(G(g)), coro ? DOC.coroClose : DOC.genClose);
    }
  }
  defineMethod(generatorType, "__next__", (g) => nextOrStop(genSendValue(g as PyGen, None)), DOC.next);
  generatorType.tp_iter = (g) => g;
  generatorType.tp_iternext = (g) => {
    const r = genSendValue(g as PyGen, None);
    if (r.done) {
      stopValueHook.set(r.value);
      return null;
    }
    return r.value;
  };
  coroutineType.tp_iternext = null;
  // (These types get tp_iter after the slot wrappers were generated: add __iter__ by hand.)
  for (const t of [generatorType, coroWrapperType, asyncGenASendType, asyncGenAThrowType, anextAwaitableType]) {
    defineMethod(t, "__iter__", (o) => o, DOC.iter);
  }
  defineMethod(coroutineType, "__await__", (g) => new PyCoroWrapper(g as PyGen), DOC.await);
  coroWrapperType.tp_iter = (w) => w;
  coroWrapperType.tp_iternext = (w) => {
    const r = genSendValue((w as PyCoroWrapper).coro, None);
    if (r.done) {
      stopValueHook.set(r.value);
      return null;
    }
    return r.value;
  };
  defineMethod(coroWrapperType, "__next__", (w) => nextOrStop(genSendValue((w as PyCoroWrapper).coro, None)), DOC.next);
  defineMethod(coroWrapperType, "send", (w, args) => nextOrStop(genSendValue((w as PyCoroWrapper).coro, args[0] ?? None)), DOC.coroSend);
  defineMethod(coroWrapperType, "throw", (w, args) => nextOrStop(genThrow((w as PyCoroWrapper).coro, throwArgs(args, "throw"))), DOC.coroThrow);
  defineMethod(coroWrapperType, "close", (w) => genClose((w as PyCoroWrapper).coro), DOC.coroClose);

  // async generators
  const AG = (g: PyObj) => g as PyGen;
  const firstIter = (g: PyGen) => {
    if (g.agHooksInited) return;
    g.agHooksInited = true;
    const finalizer = asyncGenHooks.finalizer;
    if (finalizer !== None) {
      agFinalizerOf.set(g.frame, finalizer);
      if (!g.finalizerRegistered) arrangeFinalization(g);
    }
    const hooks = asyncGenHooks.firstiter;
    if (hooks !== None) call(hooks, [g]);
  };
  asyncGeneratorType.dict.setStr("__aiter__", asyncGeneratorType.dict.getStr("__aiter__") ?? None);
  defineMethod(asyncGeneratorType, "__aiter__", (g) => g, DOC.aiter);
  defineMethod(asyncGeneratorType, "__anext__", (g) => {
    firstIter(AG(g));
    return new PyAsyncGenOp(asyncGenASendType, AG(g), None, null, false);
  }, DOC.anext);
  defineMethod(asyncGeneratorType, "asend", (g, args) => {
    firstIter(AG(g));
    return new PyAsyncGenOp(asyncGenASendType, AG(g), args[0] ?? None, null, false);
  }, DOC.asend);
  defineMethod(asyncGeneratorType, "athrow", (g, args) => {
    if (args.length < 1 || args.length > 3) throw typeError(`athrow expected at least 1 argument, got ${args.length}`);
    if (args.length > 1) {
      warn(DeprecationWarning, "the (type, exc, tb) signature of athrow() is deprecated, use the single-arg signature instead.");
    }
    firstIter(AG(g));
    return new PyAsyncGenOp(asyncGenAThrowType, AG(g), None, args, false);
  }, DOC.athrow);
  defineMethod(asyncGeneratorType, "aclose", (g) => {
    firstIter(AG(g));
    return new PyAsyncGenOp(asyncGenAThrowType, AG(g), None, [GeneratorExit], true);
  }, DOC.aclose);
  for (const t of [asyncGenASendType, asyncGenAThrowType]) {
    const O = (o: PyObj) => o as PyAsyncGenOp;
    t.tp_iter = (o) => o;
    t.tp_iternext = (o) => {
      try {
        return asyncGenStep(O(o), None, null);
      } catch (e) {
        if (e instanceof PyBaseException && e.type.isSubtypeOf(StopIteration)) {
          stopValueHook.set(e.args.length > 0 ? e.args[0] : None);
          return null;
        }
        throw e;
      }
    };
    defineMethod(t, "__await__", (o) => o, DOC.await);
    defineMethod(t, "__next__", (o) => asyncGenStep(O(o), None, null), DOC.next);
    defineMethod(t, "send", (o, args) => asyncGenStep(O(o), args[0] ?? None, null), DOC.genSend);
    defineMethod(t, "throw", (o, args) => asyncGenStep(O(o), None, throwArgs(args, "throw")), DOC.genThrow);
    // async_gen_asend_close / async_gen_athrow_close: GeneratorExit is thrown in; a value
    // coming back means the generator ignored it.
    defineMethod(t, "close", (o) => {
      const op = O(o);
      if (op.state === 2) return None;
      try {
        asyncGenStep(op, None, newException(GeneratorExit));
      } catch (e) {
        if (e instanceof PyBaseException &&
          (e.type.isSubtypeOf(StopIteration) || e.type.isSubtypeOf(StopAsyncIteration) || e.type.isSubtypeOf(GeneratorExit))) {
          return None;
        }
        throw e;
      }
      throw newException(RuntimeError, "coroutine ignored GeneratorExit");
    }, DOC.genClose);
  }
  const AN = (o: PyObj) => o as PyANextAwaitable;
  anextAwaitableType.tp_iter = (o) => o;
  anextAwaitableType.tp_iternext = (o) => {
    try {
      return AN(o).proxy("__next__", []);
    } catch (e) {
      if (e instanceof PyBaseException && e.type.isSubtypeOf(StopIteration)) {
        stopValueHook.set(stopIterationValue(e));
        return null;
      }
      throw e;
    }
  };
  defineMethod(anextAwaitableType, "__await__", (o) => o);
  defineMethod(anextAwaitableType, "__next__", (o) => AN(o).proxy("__next__", []));
  defineMethod(anextAwaitableType, "send", (o, args) => AN(o).proxy("send", [args[0] ?? None]));
  defineMethod(anextAwaitableType, "throw", (o, args) => AN(o).proxy("throw", args));
  defineMethod(anextAwaitableType, "close", (o) => AN(o).proxy("close", []));
  const HK = (o: PyObj) => (o as PyTuple).items;
  defineGetSet(asyncgenHooksType, "firstiter", (o) => HK(o)[0]);
  defineGetSet(asyncgenHooksType, "finalizer", (o) => HK(o)[1]);
  asyncgenHooksType.tp_repr = (o) => `asyncgen_hooks(firstiter=${repr(HK(o)[0])}, finalizer=${repr(HK(o)[1])})`;
}

/** sys.set_asyncgen_hooks state. */
export const asyncGenHooks = { firstiter: None as PyObj, finalizer: None as PyObj };

function isCallable(v: PyObj): boolean {
  return v instanceof PyFunction || typeOf(v).tp_call !== null;
}

/** sys.get_asyncgen_hooks(). */
export function getAsyncGenHooks(): PyObj {
  return new PyTuple([asyncGenHooks.firstiter, asyncGenHooks.finalizer], asyncgenHooksType);
}

/** sys.set_asyncgen_hooks(firstiter=..., finalizer=...): an omitted argument keeps its hook. */
export function setAsyncGenHooks(args: PyObj[], kwnames: KwNames): PyObj {
  const npos = args.length - (kwnames === null ? 0 : kwnames.length);
  if (npos > 2) throw typeError(`set_asyncgen_hooks() takes at most 2 arguments (${npos} given)`);
  let firstiter: PyObj | null = npos > 0 ? args[0] : null;
  let finalizer: PyObj | null = npos > 1 ? args[1] : null;
  if (kwnames !== null) {
    for (let i = 0; i < kwnames.length; i++) {
      const v = args[npos + i];
      if (kwnames[i] === "firstiter") firstiter = v;
      else if (kwnames[i] === "finalizer") finalizer = v;
      else throw typeError(`set_asyncgen_hooks() got an unexpected keyword argument '${kwnames[i]}'`);
    }
  }
  if (finalizer !== null && finalizer !== None && !isCallable(finalizer)) {
    throw typeError(`callable finalizer expected, got ${typeOf(finalizer).name}`);
  }
  if (firstiter !== null && firstiter !== None && !isCallable(firstiter)) {
    throw typeError(`callable firstiter expected, got ${typeOf(firstiter).name}`);
  }
  if (finalizer !== null) asyncGenHooks.finalizer = finalizer;
  if (firstiter !== null) asyncGenHooks.firstiter = firstiter;
  return None;
}

/** The awaitable of anext(aiterator, default): StopAsyncIteration becomes StopIteration(default). */
class PyANextAwaitable extends PyObject {
  declare readonly wrapped: PyObj;
  declare readonly dflt: PyObj;
  declare iter: PyObj | null;
  constructor(wrapped: PyObj, dflt: PyObj) {
    super(anextAwaitableType);
    this.wrapped = wrapped;
    this.dflt = dflt;
    this.iter = null;
  }
  proxy(method: string, args: PyObj[]): PyObj {
    if (this.iter === null) this.iter = getAwaitable(this.wrapped, -1);
    try {
      const it = this.iter;
      if (method === "__next__" && typeOf(it).tp_iternext !== null && !(it instanceof PyGen)) {
        const r = typeOf(it).tp_iternext!(it);
        if (r === null) throw stopIteration(takeStopValue());
        return r;
      }
      return call(getAttr(it, method === "__next__" ? "send" : method), method === "__next__" ? [None] : args);
    } catch (e) {
      if (e instanceof PyBaseException && e.type.isSubtypeOf(StopAsyncIteration)) throw stopIteration(this.dflt);
      throw e;
    }
  }
}

/** builtins.aiter(async_iterable) (PyObject_GetAIter). */
export function builtinAiter(args: PyObj[], kw: KwNames = null): PyObj {
  if (kw !== null && kw.length > 0) throw typeError("aiter() takes no keyword arguments");
  if (args.length !== 1) throw typeError(`aiter() takes exactly one argument (${args.length} given)`);
  const m = lookupSpecial(args[0], "__aiter__");
  if (m === null) throw typeError(`'${typeOf(args[0]).name}' object is not an async iterable`);
  const it = call(m, []);
  if (lookupSpecial(it, "__anext__") === null) throw typeError(`aiter() returned not an async iterator of type '${typeOf(it).name}'`);
  return it;
}

/** builtins.anext(aiterator[, default]). */
export function builtinAnext(args: PyObj[], kw: KwNames = null): PyObj {
  if (kw !== null && kw.length > 0) throw typeError("anext() takes no keyword arguments");
  if (args.length < 1) throw typeError(`anext expected at least 1 argument, got ${args.length}`);
  if (args.length > 2) throw typeError(`anext expected at most 2 arguments, got ${args.length}`);
  const ait = args[0];
  const m = lookupSpecial(ait, "__anext__");
  if (m === null) throw typeError(`'${typeOf(ait).name}' object is not an async iterator`);
  const aw = call(m, []);
  if (args.length === 1) return aw;
  return new PyANextAwaitable(aw, args[1]);
}
export const stopValueHook = { set: (_v: PyObj): void => undefined };

export function genYieldFromThrowHelper(): void {
  // placeholder for symmetry with CPython's gen_throw helpers
}
