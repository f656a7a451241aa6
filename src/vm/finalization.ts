// Finalization of unreachable generators, coroutines and async generators (CPython's
// _PyGen_Finalize): a coroutine never awaited warns, an async generator with a finalizer
// hook is handed to it, a generator suspended inside a try block is closed.
//
// The JS heap has no resurrection, so what the finalizer needs is kept apart from the
// generator object: the registry holds the frame and a snapshot of the object's identity,
// and a fresh generator object is rebuilt around that frame when the old one is gone.
// FinalizationRegistry callbacks normally run as later tasks, which a synchronous
// interpreter never reaches; gc.collect() forces a V8 collection and drains the registry
// with cleanupSome() (both enabled here through V8 flags, in a separate context so that
// the flags apply to its builtins). Callbacks arriving at any other time are ignored.
import v8 from "node:v8";
import vm from "node:vm";
import { writeUnraisable, setFallbackBuiltins, importModule } from "./unraisable.js";
import { PyDict, newInstanceDict } from "../objects/dict.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { ImportError, newException } from "../objects/exceptions.js";
import { PyObj, PyObject, PyType, TypeFlag, typeOf, None, type NewSlot } from "../objects/core.js";
import { call, getAttrOrNull, repr } from "../objects/abstract.js";
import { PyList, PyTuple } from "../objects/sequence.js";
import { finalizerHook, objectNew } from "../objects/typeobject.js";
import { threadState } from "./frame.js";

/** What a collected generator leaves behind: enough to rebuild and finalize it. */
export interface GenRemains {
  /** Rebuilds a generator object around the original frame. */
  rebuild(): PyObj;
  /** Runs the finalization (warning, hook or close) on the rebuilt object. */
  finalize(gen: PyObj): void;
}

interface Registry {
  register(target: object, held: GenRemains): void;
  cleanupSome?(): void;
}

let registry: Registry | null = null;
let forceGc: (() => void) | null = null;
/** Runs an empty script in a context with its own microtask queue: see clearKeptObjects. */
let checkpoint: (() => void) | null = null;
let draining = false;

/** Collected during the current drain; finalized afterwards in creation order. */
const pending: GenRemains[] = [];
let sequence = 0;
const order = new WeakMap<GenRemains, number>();

function onCollected(remains: GenRemains): void {
  if (draining) pending.push(remains);
}

function finalizeOne(remains: GenRemains): void {
  let gen: PyObj = None;
  try {
    gen = remains.rebuild();
    remains.finalize(gen);
  } catch (e) {
    writeUnraisable(e, gen);
  }
}

function getRegistry(): Registry {
  if (registry !== null) return registry;
  try {
    v8.setFlagsFromString("--expose-gc");
    v8.setFlagsFromString("--harmony-weak-refs-with-cleanup-some");
    const ctx = vm.createContext({});
    forceGc = vm.runInContext("gc", ctx) as () => void;
    const FR = vm.runInContext("FinalizationRegistry", ctx) as typeof FinalizationRegistry;
    registry = new FR<GenRemains>(onCollected) as unknown as Registry;
    weakRegistry = new FR<WeakCallbackEntry>(onWeakCollected) as unknown as WeakRegistry;
    const queued = vm.createContext({}, { microtaskMode: "afterEvaluate" });
    const script = new vm.Script("0");
    checkpoint = () => void script.runInContext(queued);
  } catch {
    forceGc = null;
    checkpoint = null;
    registry = new FinalizationRegistry<GenRemains>(onCollected) as unknown as Registry;
    weakRegistry = new FinalizationRegistry<WeakCallbackEntry>(onWeakCollected) as unknown as WeakRegistry;
  }
  return registry;
}

// ---- weak references (modules/_weakref.ts) ----
// A Python weakref holds a JS WeakRef to its referent. Two V8 rules matter here:
// - a WeakRef's target (at creation and at each deref) is kept alive until the current
//   job ends ("KeepDuringJob"), and a synchronous interpreter never ends its job; the
//   kept set is cleared at a microtask checkpoint, so collectNow runs one (an empty
//   script in a context with its own microtask queue) before collecting;
// - callbacks reach us through a FinalizationRegistry, drained like the generators'.
// The registry holds the Python weakref object weakly: a weakref that dies before its
// referent never calls back, as in CPython.

interface WeakCallbackEntry {
  owner: WeakRef<object>;
  call(owner: object): void;
  /** Registration order: callbacks of one collection run in it. */
  seq: number;
}
interface WeakRegistry {
  register(target: object, held: WeakCallbackEntry): void;
  cleanupSome?(): void;
}
let weakRegistry: WeakRegistry | null = null;
/** Weakref callbacks due (referent collected), run at the next collection in order. */
const pendingWeakCallbacks: WeakCallbackEntry[] = [];

function onWeakCollected(entry: WeakCallbackEntry): void {
  pendingWeakCallbacks.push(entry);
}

/** Runs `onCollected(owner)` once `target` is collected, if `owner` is still alive then. */
export function registerWeakCallback(target: object, owner: object, onCollected: (owner: object) => void): void {
  getRegistry();
  weakRegistry!.register(target, { owner: new WeakRef(owner), call: onCollected, seq: sequence++ });
}

/** Empties V8's KeepDuringJob set (targets of WeakRefs made or read since the last one). */
function clearKeptObjects(): void {
  checkpoint?.();
  weakRefsSinceClear = 0;
}

/**
 * Called for each WeakRef made: without a collection the kept set would hold every
 * weakly referenced object of a long computation, so it is emptied now and then.
 */
let weakRefsSinceClear = 0;
export function noteWeakRefMade(): void {
  if (++weakRefsSinceClear >= 10000) {
    getRegistry();
    clearKeptObjects();
  }
}

/**
 * Stale value-stack slots (above sp) of the executing frames would keep garbage alive;
 * a frame's saved sp is exact when the frame is the current one or when it called the
 * next frame inline (an entry frame's caller went through native code, whose sp may not
 * have been written back: left alone).
 */
function clearDeadStackSlots(): void {
  let reliable = true;
  for (let f = threadState.frame; f !== null; f = f.back) {
    if (reliable) {
      const regs = f.regs;
      for (let i = f.sp; i < regs.length; i++) regs[i] = null;
    }
    reliable = !f.isEntry;
  }
}

/** Asks for `remains.finalize` to run once `target` has become unreachable. */
export function registerFinalizer(target: object, remains: GenRemains): void {
  order.set(remains, sequence++);
  getRegistry().register(target, remains);
}

/**
 * gc.collect() only asks: the eval loop ends its slice after the call and collects then,
 * so that stale locals of the loop's JS activation hold nothing (see interpreter.ts).
 */
export const collectRequest = { pending: false };
export function requestCollect(): void {
  beforeCollect.fn();
  getRegistry();
  collectRequest.pending = true;
}
export function runRequestedCollect(): void {
  collectRequest.pending = false;
  collectNow();
}

/** Collects now and finalizes what became unreachable. */
/** Run before each collection (generators.ts: registers a pending unstarted coroutine). */
export const beforeCollect = { fn: (): void => undefined };

export function collectNow(): void {
  beforeCollect.fn();
  if (registry === null) return;
  refreshDelStates();
  clearDeadStackSlots();
  clearKeptObjects();
  forceGc?.();
  draining = true;
  try {
    weakRegistry?.cleanupSome?.();
    registry.cleanupSome?.();
  } finally {
    draining = false;
  }
  // As CPython's gc (handle_weakrefs before finalize_garbage): weakref callbacks first.
  for (const entry of pendingWeakCallbacks.splice(0).sort((a, b) => a.seq - b.seq)) {
    const owner = entry.owner.deref();
    if (owner !== undefined) entry.call(owner);
  }
  // (V8 reports in no particular order; CPython's frees follow creation order more often.)
  const batch = pending.splice(0).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  for (const r of batch) finalizeOne(r);
  clearKeptObjects();
}

// ---- __del__ (tp_finalize of heap types) ----
// A class defining __del__ allocates through a wrapper that registers each instance; the
// registry keeps the instance's prototype and own fields (its type, __dict__, slots), so
// that an equal object can be rebuilt for __del__ once the original is unreachable.

const delWrappers = new WeakSet<object>();
const originalAlloc = new WeakMap<PyType, (cls: PyType) => PyObject>();
const originalNew = new WeakMap<PyType, NewSlot>();
/** Instances already registered (a builtin tp_new may also go through tp_alloc). */
const delRegistered = new WeakSet<object>();

/**
 * The rebuilt object gets the fields the original had at the last collection it lived
 * through: each collection re-reads the fields of the instances still alive (a list
 * subclass's items, an instance dict made after tp_new), so that __del__ sees the object's
 * final state. (An unreachable object cannot change any more.)
 */
interface DelState {
  fields: Record<string, unknown>;
}
let delTracked: WeakRef<PyObject>[] = [];
const delStates = new WeakMap<object, DelState>();

function registerDelInstance(o: PyObject): void {
  if (delRegistered.has(o)) return;
  delRegistered.add(o);
  const proto = Object.getPrototypeOf(o) as object;
  const state: DelState = { fields: { ...o } };
  delStates.set(o, state);
  delTracked.push(new WeakRef(o));
  noteWeakRefMade();
  registerFinalizer(o, {
    rebuild: () => Object.assign(Object.create(proto) as PyObject, state.fields),
    finalize(obj: PyObj): void {
      const del = typeOf(obj).lookup("__del__");
      if (del === null) return;
      try {
        call(del, [obj]);
      } catch (e) {
        writeUnraisable(e, del);
      }
    },
  });
}

/** Before a collection: the fields of every __del__ instance not yet collected, re-read. */
function refreshDelStates(): void {
  const alive: WeakRef<PyObject>[] = [];
  for (const ref of delTracked) {
    const o = ref.deref();
    if (o === undefined) continue;
    const state = delStates.get(o);
    if (state !== undefined) state.fields = { ...o };
    alive.push(ref);
  }
  delTracked = alive;
}

finalizerHook.update = (t: PyType): void => {
  if (!(t.flags & TypeFlag.HEAPTYPE)) return;
  const hasDel = t.lookup("__del__") !== null;
  const orig = originalAlloc.get(t);
  if (hasDel && orig === undefined && !delWrappers.has(t.tp_alloc)) {
    const base = t.tp_alloc;
    const alloc = (cls: PyType): PyObject => {
      const o = base(cls);
      if (cls.instancesHaveDict && o.dict === null) o.dict = newInstanceDict();
      registerDelInstance(o);
      return o;
    };
    delWrappers.add(alloc);
    originalAlloc.set(t, base);
    t.tp_alloc = alloc;
  } else if (!hasDel && orig !== undefined) {
    t.tp_alloc = orig;
    originalAlloc.delete(t);
  }
  // Subclasses of list, dict, tuple, exceptions...: their builtin tp_new makes the object
  // without tp_alloc, so the instance is registered when tp_new returns it. (object.__new__
  // keeps its identity: it allocates through tp_alloc, and code compares it.)
  const newSlot = t.tp_new;
  const origNew = originalNew.get(t);
  if (hasDel && newSlot !== null && newSlot !== objectNew && !delWrappers.has(newSlot)) {
    const wrapped: NewSlot = (cls, args, kwnames) => {
      const o = newSlot(cls, args, kwnames);
      if (typeof o === "object" && o !== null && typeOf(o) === cls) registerDelInstance(o as PyObject);
      return o;
    };
    delWrappers.add(wrapped);
    originalNew.set(t, newSlot);
    t.tp_new = wrapped;
  } else if (!hasDel && origNew !== undefined && delWrappers.has(newSlot as object)) {
    t.tp_new = origNew;
    originalNew.delete(t);
  }
};

/**
 * Interpreter exit (after the main program and its report): as CPython's finalize_modules
 * clears __main__ and collects, unreachable generators and coroutines are finalized then
 * (a generator paused in a try block runs its finally, a coroutine never awaited warns).
 */
export function finalizeAtExit(builtins: PyDict, clearMain: () => void): void {
  setFallbackBuiltins(builtins);
  runAtexitCallbacks();
  beforeCollect.fn();
  if (registry === null) return;
  importModule("_warnings");
  const restore = refuseNewImports(builtins);
  finalizing.active = true;
  try {
    // As finalize_modules: __main__ leaves sys.modules and a collection runs while its
    // globals are intact (what only __main__ kept is finalized now, e.g. a __del__ that
    // uses a module global); then its dict is cleared and what that frees is finalized.
    const sys = importModule("sys");
    const modules = sys === null ? null : getAttrOrNull(sys, "modules");
    const main = modules instanceof PyDict ? modules.getStr("__main__") : undefined;
    if (modules instanceof PyDict && main !== undefined) {
      modules.delete("__main__");
      collectNow();
      modules.setStr("__main__", main);
    }
    try {
      clearMain();
    } catch {
      // finalize what can be finalized anyway
    }
    collectNow();
  } finally {
    restore();
  }
}

/** True while the interpreter tears itself down (sys.is_finalizing()). */
export const finalizing = { active: false };

/**
 * While the modules are torn down CPython has no import system left (sys.meta_path is
 * None): a module already in sys.modules is still found, any other import fails. The
 * finalizers run in that state (e.g. warnings cannot import tracemalloc, so a never-awaited
 * coroutine's warning has no "Enable tracemalloc" line at exit). Returns the undo.
 */
function refuseNewImports(builtins: PyDict): () => void {
  const realImport = builtins.getStr("__import__");
  const sys = importModule("sys");
  const modules = sys === null ? null : getAttrOrNull(sys, "modules");
  if (realImport === undefined || !(modules instanceof PyDict)) return () => undefined;
  builtins.setStr("__import__", new PyBuiltinFunction("__import__", (args, kwnames) => {
    const name = args[0];
    const npos = args.length - (kwnames === null ? 0 : kwnames.length);
    let level: PyObj = npos > 4 ? args[4] : 0;
    if (kwnames !== null) {
      const at = kwnames.indexOf("level");
      if (at >= 0) level = args[npos + at];
    }
    if (typeof name === "string" && level === 0 && modules.getStr(name.split(".")[0]) !== undefined) {
      return call(realImport, args, kwnames);
    }
    throw newException(ImportError, "sys.meta_path is None, Python is likely shutting down");
  }, null, "__import__", "builtins"));
  return () => builtins.setStr("__import__", realImport);
}

/**
 * As Py_FinalizeEx, before the modules are torn down: the atexit callbacks (if atexit was
 * imported), last registered first; an exception, SystemExit included, is unraisable.
 */
function runAtexitCallbacks(): void {
  const sys = importModule("sys");
  const modules = sys === null ? null : getAttrOrNull(sys, "modules");
  if (!(modules instanceof PyDict)) return;
  const atexit = modules.getStr("atexit");
  if (atexit === undefined) return;
  const handlers = getAttrOrNull(atexit, "_handlers");
  if (!(handlers instanceof PyList)) return;
  while (handlers.items.length > 0) {
    const entry = handlers.items.pop()!;
    if (!(entry instanceof PyTuple) || entry.items.length !== 3) continue;
    const [func, args, kwargs] = entry.items;
    try {
      const argv = args instanceof PyTuple ? args.items.slice() : [];
      const names: string[] = [];
      if (kwargs instanceof PyDict) {
        for (const k of kwargs.keys()) {
          names.push(k as string);
          argv.push(kwargs.get(k)!);
        }
      }
      call(func, argv, names.length > 0 ? names : null);
    } catch (e) {
      let text: string;
      try {
        text = repr(func);
      } catch {
        text = "<object repr() failed>";
      }
      writeUnraisable(e, None, `Exception ignored in atexit callback ${text}`);
    }
  }
}

export { writeUnraisable, unraisableFormatter, importModule } from "./unraisable.js";
