// The cold opcodes of the eval loop, one helper each, working on the frame's saved state
// (f.regs, f.sp, f.pc). Kept out of evalFrame so that the hot loop stays small.
import { Op } from "../bytecode/opcodes.generated.js";
import { LocalKind } from "../bytecode/code.js";
import {
  PyObject, PyObj, PyType, KwNames, None, typeOf, listType, dictType, Ellipsis, NotImplemented,
  TypeFlag, tupleType, objectType, NB_COUNT,
} from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import {
  PyBaseException, typeError, newException, NameError, UnboundLocalError, AssertionError,
  BaseException, StopIteration, RuntimeError, ImportError, keyError, valueError, BaseExceptionGroup,
  runtimeError, SystemError, stopIterationValue,
  setExcField, callExceptionClass,
} from "../objects/exceptions.js";
import {
  PyFunction, PyCode, PyCell, PyMethod, PyClassMethod,
} from "../objects/function.js";
import { PyTuple, PyList, newTuple, PySlice, EMPTY_TUPLE } from "../objects/sequence.js";
import { PySet } from "../objects/misc.js";
import {
  getAttr, setAttr, isTrue, getIter, iterNext, getItem, setItem, delItem, toArray, repr, str,
  lookupSpecial, call, getAttrOrNull, unaryPositive, len, noAttribute, callSpecial, isInstance,
} from "../objects/abstract.js";
import { PyMethodDescr, PyBuiltinFunction, methodDescrType, wrapperDescrType } from "../objects/descr.js";
import { formatValue, asciiRepr } from "../objects/str.js";
import { getSlice } from "../objects/slicing.js";
import { dictMerge, dictSubscript } from "../objects/dictobject.js";
import { PySuper, superGetAttr, superCheck, superType, addNote, userBinarySlots } from "../objects/typeobject.js";
import { exceptionGroupMatch, prepReraiseStar } from "../objects/exceptiongroup.js";
import { Frame, threadState, exposeFrame } from "./frame.js";
import { PyTraceback } from "./traceback.js";
import { callObject, chainContext } from "./interpreter.js";
import { PyGen, genSendValue, isGenLike, genYieldFromThrowHelper, asyncForAnext } from "./generators.js";

export const YIELDED = 1;
export const CONTINUE = 0;

export const listTypeRef = listType;
export const dictTypeRef = dictType;

// ---- RERAISE bookkeeping: read by the loop's catch block ----
let reraisePending = false;
let reraiseLasti = -1;
export function takeReraiseFlag(): boolean {
  const r = reraisePending;
  reraisePending = false;
  return r;
}
export function takeReraiseLasti(dflt: number): number {
  const r = reraiseLasti;
  reraiseLasti = -1;
  return r >= 0 ? r : dflt;
}

export function isMethodDescriptor(v: PyObj): boolean {
  return typeof v === "object" && v.type === methodDescrType;
}

export function sameValue(_a: PyObj, _b: PyObj): boolean {
  return false;
}

export function globalNameError(name: string): PyBaseException {
  const e = newException(NameError, `name '${name}' is not defined`);
  setExcField(e, "name", name);
  return e;
}

/** LOAD_GLOBAL's miss path: looks the name up and fills the instruction's cache. */
export function loadGlobalSlow(f: Frame, name: string, gc: Float64Array, k: number): PyObj {
  const g = f.globals;
  const gi = g.index.get(name);
  if (gi !== undefined) {
    gc[k] = g.version;
    gc[k + 1] = -1;
    gc[k + 2] = gi;
    return g.valueList[gi];
  }
  const b = f.builtins;
  const bi = b.index.get(name);
  if (bi === undefined) throw globalNameError(name);
  gc[k] = g.version;
  gc[k + 1] = b.version;
  gc[k + 2] = bi;
  return b.valueList[bi];
}

export function derefError(f: Frame, i: number): PyBaseException {
  const name = f.code.localsplusnames[i];
  if (f.code.localspluskinds[i] & LocalKind.FREE && !(f.code.localspluskinds[i] & LocalKind.CELL)) {
    const e = newException(NameError, `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`);
    setExcField(e, "name", name);
    return e;
  }
  return newException(UnboundLocalError, `cannot access local variable '${name}' where it is not associated with a value`);
}

export function loadName(f: Frame, name: string): PyObj {
  const locals = f.locals;
  if (locals instanceof PyDict && locals.type === dictType) {
    const v = locals.getStr(name);
    if (v !== undefined) return v;
  } else if (locals !== null) {
    try {
      return getItem(locals, name);
    } catch (e) {
      if (!(e instanceof PyBaseException && e.type.name === "KeyError")) throw e;
    }
  }
  const g = f.globals.getStr(name);
  if (g !== undefined) return g;
  const b = f.builtins.getStr(name);
  if (b !== undefined) return b;
  throw globalNameError(name);
}

export function storeName(f: Frame, name: string, v: PyObj): void {
  const locals = f.locals;
  if (locals === null) throw newException(SystemError, `no locals found when storing '${name}'`);
  // A dict subclass namespace (enum's EnumDict from __prepare__) sees its __setitem__.
  if (locals instanceof PyDict && locals.type === dictType) locals.set(name, v);
  else setItem(locals, name, v);
}

/**
 * The PEP 695 intrinsics (TypeVar, ParamSpec, TypeVarTuple, Generic[...], type aliases,
 * bounds and defaults): set by modules/typeparams.ts, which builds them with _typing.
 */
export const intrinsicHooks = {
  typeParams1: null as ((oparg: number, v: PyObj) => PyObj) | null,
  typeParams2: null as ((oparg: number, v1: PyObj, v2: PyObj) => PyObj) | null,
};

function push(f: Frame, v: PyObj | null): void {
  f.regs[f.sp++] = v;
}
function pop(f: Frame): PyObj {
  const v = f.regs[--f.sp] as PyObj;
  f.regs[f.sp] = null;
  return v;
}
function top(f: Frame): PyObj {
  return f.regs[f.sp - 1] as PyObj;
}

export function callFunctionEx(func: PyObj, callargs: PyObj, kwargs: PyObj | null): PyObj {
  let args: PyObj[];
  if (callargs instanceof PyTuple) args = callargs.items.slice();
  else {
    const t = typeOf(callargs);
    if (t.tp_iter === null && t.mp_subscript === null) {
      throw typeError(`${funcDesc(func)} argument after * must be an iterable, not ${t.name}`);
    }
    args = toArray(callargs);
  }
  if (kwargs === null) return callObject(func, args, null);
  const kwnames: string[] = [];
  const d = kwargs as PyDict;
  for (const k of d.keys()) {
    if (typeof k !== "string") throw typeError(`keywords must be strings`);
    kwnames.push(k);
    args.push(d.get(k)!);
  }
  return callObject(func, args, kwnames.length === 0 ? null : kwnames);
}

export function funcDesc(func: PyObj): string {
  if (func instanceof PyFunction) {
    // CPython's _PyObject_FunctionStr: module-qualified unless builtins.
    const mod = func.module;
    return typeof mod === "string" && mod !== "builtins" ? `${mod}.${func.qualname}()` : `${func.qualname}()`;
  }
  if (func instanceof PyBuiltinFunction) return `${func.name}()`;
  if (func instanceof PyMethod) return funcDesc(func.func);
  if (func instanceof PyType) return `${func.name}()`;
  return `${typeOf(func).name} object`;
}

/** (__class__, first argument) of a frame for zero-argument super(). */
export function zeroArgSuper(f: Frame): [PyType, PyObj] {
  const code = f.code;
  if (code.argcount === 0 && !(code.flags & 0x4)) throw runtimeError("super(): no arguments");
  let first = f.regs[0];
  if (first instanceof PyCell && code.localspluskinds[0] & LocalKind.CELL) first = first.contents;
  if (first === null) throw runtimeError("super(): arg[0] deleted");
  const idx = code.localsplusnames.indexOf("__class__");
  if (idx < 0 || !(code.localspluskinds[idx] & LocalKind.FREE)) throw runtimeError("super(): __class__ cell not found");
  const cell = f.regs[idx] as PyCell;
  const cls = cell.contents;
  if (cls === null) throw runtimeError("super(): empty __class__ cell");
  if (!(cls instanceof PyType)) throw runtimeError("super(): __class__ is not a type (" + typeOf(cls).name + ")");
  return [cls, first];
}

function unpackError(expected: number, got: number, atLeast = false): PyBaseException {
  if (got < expected) {
    return valueError(`not enough values to unpack (expected ${atLeast ? "at least " : ""}${expected}, got ${got})`);
  }
  return valueError(`too many values to unpack (expected ${expected})`);
}

function unpackSequence(f: Frame, seq: PyObj, n: number): void {
  let items: readonly PyObj[];
  // (Exact tuples and lists only, as CPython's specialisations: a subclass may override
  // __iter__, which the generic unpacking uses.)
  if ((seq instanceof PyTuple && seq.type === tupleType) || (seq instanceof PyList && seq.type === listTypeRef)) {
    items = seq.items;
    if (items.length !== n) throw unpackError(n, items.length);
  } else {
    const t = typeOf(seq);
    if (t.tp_iter === null && t.mp_subscript === null) {
      throw typeError(`cannot unpack non-iterable ${t.name} object`);
    }
    const it = getIter(seq);
    const out: PyObj[] = [];
    for (;;) {
      const x = iterNext(it);
      if (x === null) break;
      out.push(x);
      if (out.length > n) throw unpackError(n, out.length);
    }
    if (out.length !== n) throw unpackError(n, out.length);
    items = out;
  }
  for (let i = n - 1; i >= 0; i--) push(f, items[i]);
}

function unpackEx(f: Frame, seq: PyObj, before: number, after: number): void {
  const t = typeOf(seq);
  if (t.tp_iter === null && t.mp_subscript === null && !(seq instanceof PyTuple || seq instanceof PyList)) {
    throw typeError(`cannot unpack non-iterable ${t.name} object`);
  }
  const items = toArray(seq);
  if (items.length < before + after) throw unpackError(before + after, items.length, true);
  const mid = new PyList(items.slice(before, items.length - after));
  for (let i = items.length - 1; i >= items.length - after; i--) push(f, items[i]);
  push(f, mid);
  for (let i = before - 1; i >= 0; i--) push(f, items[i]);
}

/** RAISE_VARARGS: raise, raise exc, raise exc from cause. */
/**
 * RAISE_VARARGS: the exception to raise (`exc` null for a bare raise, which re-raises the
 * handled exception and marks it a re-raise: no new traceback entry). Shared by the
 * interpreter, the cold ops and compiled code.
 */
export function raiseTarget(exc: PyObj | null, cause: PyObj | null): PyBaseException {
  if (exc === null) {
    const cur = threadState.handledException();
    if (cur === None) return newException(RuntimeError, "No active exception to reraise");
    reraisePending = true;
    return cur as PyBaseException;
  }
  const e = makeException(exc);
  if (cause !== null) {
    if (cause === None) e.cause = null;
    else {
      const c = cause instanceof PyType ? makeException(cause) : cause;
      if (!(c instanceof PyBaseException)) throw typeError("exception causes must derive from BaseException");
      e.cause = c;
    }
    e.suppressContext = true;
  }
  chainContext(e);
  return e;
}

/**
 * RERAISE: marks `exc` as re-raised (no new traceback entry); `lasti` (the value saved
 * below it, or null) restores the frame's f_lasti. Returns `exc` to raise.
 */
export function reraiseTarget(exc: PyObj, lasti: PyObj | null): PyObj {
  if (typeof lasti === "number") reraiseLasti = lasti * 2;
  reraisePending = true;
  return exc;
}

export function makeException(exc: PyObj): PyBaseException {
  if (exc instanceof PyType) {
    if (!exc.isSubtypeOf(BaseException)) throw typeError("exceptions must derive from BaseException");
    const fast = callExceptionClass(exc, []);
    if (fast !== null) return fast;
    const e = callObject(exc, [], null);
    if (!(e instanceof PyBaseException)) {
      throw typeError(`calling ${repr(exc)} should have returned an instance of BaseException, not ${typeOf(e).name}`);
    }
    return e;
  }
  if (exc instanceof PyBaseException) return exc;
  throw typeError("exceptions must derive from BaseException");
}

function checkExcType(t: PyObj): void {
  const ok = (x: PyObj) => x instanceof PyType && x.isSubtypeOf(BaseException);
  if (t instanceof PyTuple) {
    for (const x of t.items) if (!ok(x)) throw typeError("catching classes that do not inherit from BaseException is not allowed");
  } else if (!ok(t)) {
    throw typeError("catching classes that do not inherit from BaseException is not allowed");
  }
}
function excMatches(exc: PyObj, t: PyObj): boolean {
  const et = typeOf(exc);
  if (t instanceof PyTuple) return t.items.some((x) => et.isSubtypeOf(x as PyType));
  return et.isSubtypeOf(t as PyType);
}

/** Where LOAD_BUILD_CLASS finds __build_class__ (set by the builtins module). */
export const buildClassHook = { fn: null as PyObj | null };
/** __import__ used by IMPORT_NAME when builtins has none. */
export const importHook = { fn: null as ((name: string, globals: PyDict, fromlist: PyObj, level: number) => PyObj) | null };

function importStar(f: Frame, mod: PyObj): void {
  const all = getAttrOrNull(mod, "__all__");
  let names: PyObj[];
  if (all !== null) names = toArray(all);
  else {
    const d = getAttr(mod, "__dict__");
    names = toArray(d).filter((n) => typeof n === "string" && !n.startsWith("_"));
  }
  for (const n of names) storeName(f, n as string, getAttr(mod, n as string));
}

/** BEFORE_WITH's first lookup: the manager's bound __enter__ (TypeError as CPython). */
export function withEnterMethod(mgr: PyObj): PyObj {
  const enter = lookupSpecial(mgr, "__enter__");
  if (enter === null) {
    throw typeError(`'${typeOf(mgr).name}' object does not support the context manager protocol`);
  }
  return enter;
}

/** BEFORE_WITH's second lookup: the manager's bound __exit__. */
export function withExitMethod(mgr: PyObj): PyObj {
  const exit = lookupSpecial(mgr, "__exit__");
  if (exit === null) {
    throw typeError(`'${typeOf(mgr).name}' object does not support the context manager protocol (missed __exit__ method)`);
  }
  return exit;
}

/** The traceback WITH_EXCEPT_START passes to __exit__. */
export function tracebackOf(val: PyObj): PyObj {
  return val instanceof PyBaseException ? val.traceback ?? None : None;
}

/**
 * LOAD_SUPER_ATTR, method form, with the builtin super: the plain function found after
 * `cls` along self's MRO, to call unbound with self (no super object); null otherwise.
 */
export function superMethod(globalSuper: PyObj, cls: PyObj, self: PyObj, name: string): PyObj | null {
  if (globalSuper !== superType || !(cls instanceof PyType)) return null;
  const mro = superCheck(cls, self).mro;
  for (let i = mro.indexOf(cls) + 1; i < mro.length; i++) {
    const v = mro[i].dict.getStr(name);
    // (Builtin methods and slot wrappers too, e.g. super().__init__(msg) reaching
    // BaseException's: called unbound with self, as CPython's method form does.)
    if (v !== undefined) {
      return v instanceof PyFunction || (typeof v === "object" && (v.type === methodDescrType || v.type === wrapperDescrType)) ? v : null;
    }
  }
  return null;
}

/**
 * A compiled `super().name(...)` site's cache: the function superMethod found for the
 * class `cls` and instances of the type with version `version`. Valid while that version
 * holds: the search runs along that type's MRO, and every change that could alter its
 * result (a name added or deleted, a function rebound) gives the type a new version.
 */
export class SuperSite {
  declare cls: PyObj | null;
  declare version: number;
  declare fn: PyObj | null;
  declare readonly name: string;
  constructor(name: string) {
    this.cls = null;
    this.version = -1;
    this.fn = null;
    this.name = name;
  }
}

/** superMethod through a site's cache (instances only: a class as `self` searches its own MRO). */
export function superMethodCached(site: SuperSite, globalSuper: PyObj, cls: PyObj, self: PyObj): PyObj | null {
  if (globalSuper === superType && cls === site.cls && typeof self === "object" && self.type.version === site.version) return site.fn;
  const m = superMethod(globalSuper, cls, self, site.name);
  if (m !== null && typeof self === "object" && !(self instanceof PyType)) {
    site.cls = cls;
    site.version = self.type.version;
    site.fn = m;
  }
  return m;
}

/** The cold opcodes. Returns YIELDED when the frame yields (value on the stack top). */
export function coldOp(f: Frame, op: number, oparg: number, instrStart: number): number {
  const regs = f.regs;
  switch (op) {
    case Op.MAKE_CELL: {
      regs[oparg] = new PyCell(regs[oparg]);
      return CONTINUE;
    }
    case Op.COPY_FREE_VARS: {
      const closure = f.func!.closure!;
      const n = f.code.nlocalsplus;
      for (let i = 0; i < oparg; i++) regs[n - oparg + i] = closure[i];
      return CONTINUE;
    }
    case Op.DELETE_DEREF: {
      const cell = regs[oparg] as PyCell;
      if (cell.contents === null) throw derefError(f, oparg);
      cell.contents = null;
      return CONTINUE;
    }
    case Op.LOAD_FROM_DICT_OR_DEREF: {
      const mapping = pop(f);
      const name = f.code.localsplusnames[oparg];
      let v: PyObj | undefined;
      if (mapping instanceof PyDict) v = mapping.getStr(name);
      if (v === undefined) {
        v = (regs[oparg] as PyCell).contents ?? undefined;
        if (v === undefined) throw derefError(f, oparg);
      }
      push(f, v);
      return CONTINUE;
    }
    case Op.LOAD_FROM_DICT_OR_GLOBALS: {
      const mapping = pop(f);
      const name = f.code.names[oparg];
      let v: PyObj | undefined;
      if (mapping instanceof PyDict) v = mapping.getStr(name);
      if (v === undefined) v = f.globals.getStr(name) ?? f.builtins.getStr(name);
      if (v === undefined) throw globalNameError(name);
      push(f, v);
      return CONTINUE;
    }
    case Op.LOAD_LOCALS: {
      if (f.locals === null) throw newException(SystemError, "no locals found");
      push(f, f.locals);
      return CONTINUE;
    }
    case Op.STORE_GLOBAL: {
      f.globals.setStr(f.code.names[oparg], pop(f));
      return CONTINUE;
    }
    case Op.DELETE_GLOBAL: {
      const name = f.code.names[oparg];
      if (f.globals.delete(name) === undefined) throw globalNameError(name);
      return CONTINUE;
    }
    case Op.DELETE_NAME: {
      const name = f.code.names[oparg];
      const locals = f.locals;
      if (locals instanceof PyDict && locals.type === dictType) {
        if (locals.delete(name) === undefined) throw globalNameError(name);
      } else if (locals !== null) delItem(locals, name);
      return CONTINUE;
    }
    case Op.DELETE_ATTR: {
      setAttr(pop(f), f.code.names[oparg], null);
      return CONTINUE;
    }
    case Op.MAKE_FUNCTION: {
      const code = pop(f) as PyCode;
      push(f, new PyFunction(code, f.globals, f.builtins));
      return CONTINUE;
    }
    case Op.SET_FUNCTION_ATTRIBUTE: {
      const fn = pop(f) as PyFunction;
      const v = pop(f);
      switch (oparg) {
        case 1: fn.defaults = (v as PyTuple).items.slice(); break;
        case 2: fn.kwdefaults = v as PyDict; break;
        case 4: {
          if (v instanceof PyTuple) {
            const d = new PyDict();
            for (let i = 0; i + 1 < v.items.length; i += 2) d.set(v.items[i], v.items[i + 1]);
            fn.annotations = d;
          } else fn.annotations = v;
          break;
        }
        case 8: fn.closure = (v as PyTuple).items as PyCell[]; break;
      }
      push(f, fn);
      return CONTINUE;
    }
    case Op.BUILD_MAP: {
      const d = new PyDict();
      const start = f.sp - 2 * oparg;
      for (let i = 0; i < oparg; i++) d.set(regs[start + 2 * i] as PyObj, regs[start + 2 * i + 1] as PyObj);
      for (let i = start; i < f.sp; i++) regs[i] = null;
      f.sp = start;
      push(f, d);
      return CONTINUE;
    }
    case Op.BUILD_CONST_KEY_MAP: {
      const keys = (pop(f) as PyTuple).items;
      const d = new PyDict();
      const start = f.sp - oparg;
      for (let i = 0; i < oparg; i++) d.set(keys[i], regs[start + i] as PyObj);
      for (let i = start; i < f.sp; i++) regs[i] = null;
      f.sp = start;
      push(f, d);
      return CONTINUE;
    }
    case Op.BUILD_SET: {
      const start = f.sp - oparg;
      const s = new PySet();
      for (let i = start; i < f.sp; i++) {
        s.add(regs[i] as PyObj);
        regs[i] = null;
      }
      f.sp = start;
      push(f, s);
      return CONTINUE;
    }
    case Op.BUILD_SLICE: {
      const step = oparg === 3 ? pop(f) : None;
      const stop = pop(f);
      const start = pop(f);
      push(f, new PySlice(start, stop, step));
      return CONTINUE;
    }
    case Op.BUILD_STRING: {
      const start = f.sp - oparg;
      let s = "";
      for (let i = start; i < f.sp; i++) {
        s += regs[i] as string;
        regs[i] = null;
      }
      f.sp = start;
      push(f, s);
      return CONTINUE;
    }
    case Op.LIST_EXTEND: {
      const v = pop(f);
      const list = regs[f.sp - oparg] as PyList;
      if (v instanceof PyList || v instanceof PyTuple) {
        for (const x of v.items) list.items.push(x);
      } else {
        const t = typeOf(v);
        if (t.tp_iter === null && t.mp_subscript === null) {
          throw typeError(`Value after * must be an iterable, not ${t.name}`);
        }
        for (const x of toArray(v)) list.items.push(x);
      }
      return CONTINUE;
    }
    case Op.SET_ADD: {
      const v = pop(f);
      (regs[f.sp - oparg] as PySet).add(v);
      return CONTINUE;
    }
    case Op.SET_UPDATE: {
      const v = pop(f);
      (regs[f.sp - oparg] as PySet).update(v); // set_update_internal: a set merges table-wise
      return CONTINUE;
    }
    case Op.MAP_ADD: {
      const value = pop(f);
      const key = pop(f);
      (regs[f.sp - oparg] as PyDict).set(key, value);
      return CONTINUE;
    }
    case Op.DICT_UPDATE: {
      const update = pop(f);
      const d = regs[f.sp - oparg] as PyDict;
      if (!(update instanceof PyDict) && getAttrOrNull(update, "keys") === null) {
        throw typeError(`'${typeOf(update).name}' object is not a mapping`);
      }
      dictMerge(d, update);
      return CONTINUE;
    }
    case Op.DICT_MERGE: {
      const update = pop(f);
      const d = regs[f.sp - oparg] as PyDict;
      const func = regs[f.sp - oparg - 3] as PyObj;
      if (!(update instanceof PyDict) && getAttrOrNull(update, "keys") === null) {
        throw typeError(`${funcDesc(func)} argument after ** must be a mapping, not ${typeOf(update).name}`);
      }
      const tmp = new PyDict();
      dictMerge(tmp, update);
      for (const k of tmp.keys()) {
        // (Non-string keys are refused later, by the call: CPython reports a duplicate first.)
        if (d.has(k)) throw typeError(`${funcDesc(func)} got multiple values for keyword argument '${str(k)}'`);
        d.set(k, tmp.get(k)!);
      }
      return CONTINUE;
    }
    case Op.UNPACK_SEQUENCE: {
      const seq = pop(f);
      f.pc += 2;
      unpackSequence(f, seq, oparg);
      return CONTINUE;
    }
    case Op.UNPACK_EX: {
      unpackEx(f, pop(f), oparg & 0xff, oparg >> 8);
      return CONTINUE;
    }
    case Op.BINARY_SLICE: {
      const stop = pop(f);
      const start = pop(f);
      const container = pop(f);
      push(f, getSlice(container, start, stop));
      return CONTINUE;
    }
    case Op.STORE_SLICE: {
      const stop = pop(f);
      const start = pop(f);
      const container = pop(f);
      const v = pop(f);
      setItem(container, new PySlice(start, stop, None), v);
      return CONTINUE;
    }
    case Op.FORMAT_SIMPLE: {
      const v = pop(f);
      push(f, typeof v === "string" ? v : formatValue(v, ""));
      return CONTINUE;
    }
    case Op.FORMAT_WITH_SPEC: {
      const spec = pop(f) as string;
      const v = pop(f);
      push(f, formatValue(v, spec));
      return CONTINUE;
    }
    case Op.CONVERT_VALUE: {
      const v = pop(f);
      push(f, oparg === 1 ? str(v) : oparg === 2 ? repr(v) : asciiRepr(v));
      return CONTINUE;
    }
    case Op.RAISE_VARARGS: {
      let cause: PyObj | null = null;
      let exc: PyObj | null = null;
      if (oparg === 2) cause = pop(f);
      if (oparg >= 1) exc = pop(f);
      throw raiseTarget(exc, cause);
    }
    case Op.RERAISE: {
      const exc = pop(f);
      throw reraiseTarget(exc, oparg > 0 ? regs[f.sp - oparg] : null);
    }
    case Op.PUSH_EXC_INFO: {
      const exc = pop(f);
      const node = threadState.excNode;
      push(f, node.value);
      push(f, exc);
      node.value = exc;
      return CONTINUE;
    }
    case Op.POP_EXCEPT: {
      threadState.excNode.value = pop(f);
      return CONTINUE;
    }
    case Op.CHECK_EXC_MATCH: {
      const t = pop(f);
      checkExcType(t);
      push(f, excMatches(top(f), t));
      return CONTINUE;
    }
    case Op.CHECK_EG_MATCH: {
      const t = pop(f);
      const exc = pop(f) as PyBaseException;
      checkExcType(t);
      if (t instanceof PyType && t.isSubtypeOf(BaseExceptionGroup) || (t instanceof PyTuple && t.items.some((x) => (x as PyType).isSubtypeOf(BaseExceptionGroup)))) {
        throw typeError("catching ExceptionGroup with except* is not allowed. Use except instead.");
      }
      const { match, rest, wrapped } = exceptionGroupMatch(exc, t);
      // A naked exception is wrapped in a group whose traceback is this frame alone.
      if (wrapped) {
        exposeFrame(f);
        (match as PyBaseException).traceback = new PyTraceback(null, f, instrStart);
      }
      push(f, rest);
      push(f, match);
      if (match !== None) threadState.excNode.value = match;
      return CONTINUE;
    }
    case Op.WITH_EXCEPT_START: {
      const val = top(f) as PyBaseException;
      const exit = regs[f.sp - 4] as PyObj;
      push(f, callObject(exit, [typeOf(val), val, tracebackOf(val)], null));
      return CONTINUE;
    }
    case Op.BEFORE_WITH: {
      const mgr = pop(f);
      const enter = withEnterMethod(mgr);
      const exit = withExitMethod(mgr);
      push(f, exit);
      push(f, callObject(enter, [], null));
      return CONTINUE;
    }
    case Op.LOAD_BUILD_CLASS: {
      const bc = f.builtins.getStr("__build_class__");
      if (bc === undefined) throw newException(NameError, "__build_class__ not found");
      push(f, bc);
      return CONTINUE;
    }
    case Op.LOAD_ASSERTION_ERROR: {
      push(f, AssertionError);
      return CONTINUE;
    }
    case Op.LOAD_SUPER_ATTR: {
      const self = pop(f);
      const cls = pop(f);
      const globalSuper = pop(f);
      const name = f.code.names[oparg >> 2];
      f.pc += 2;
      let attr: PyObj;
      if (globalSuper === superType && cls instanceof PyType) {
        if (oparg & 1) {
          // method form: find unbound function to avoid binding
          const m = superMethod(globalSuper, cls, self, name);
          if (m !== null) {
            push(f, m);
            push(f, self);
            return CONTINUE;
          }
        }
        const sup = new PySuper(cls, self, superCheck(cls, self));
        const r = superGetAttr(sup, name);
        if (r === null) throw noAttribute(sup, name);
        attr = r;
      } else {
        const sup = oparg & 2 ? callObject(globalSuper, [cls, self], null) : callObject(globalSuper, [], null);
        attr = getAttr(sup, name);
      }
      push(f, attr);
      if (oparg & 1) push(f, null);
      return CONTINUE;
    }
    case Op.IMPORT_NAME: {
      const fromlist = pop(f);
      const level = pop(f);
      const name = f.code.names[oparg];
      const imp = f.builtins.getStr("__import__");
      if (imp === undefined) throw newException(ImportError, "__import__ not found");
      push(f, callObject(imp, [name, f.globals, f.locals ?? None, fromlist, level], null));
      return CONTINUE;
    }
    case Op.IMPORT_FROM: {
      const mod = top(f);
      const name = f.code.names[oparg];
      const v = getAttrOrNull(mod, name);
      if (v !== null) {
        push(f, v);
        return CONTINUE;
      }
      // Fall back to sys.modules["pkg.name"] (circular imports of submodules).
      const modName = getAttrOrNull(mod, "__name__");
      if (typeof modName === "string") {
        const imp = f.builtins.getStr("__import__");
        const sysMod = imp === undefined ? null : callObject(imp, ["sys"], null);
        const modules = sysMod === null ? null : getAttrOrNull(sysMod, "modules");
        const sub = modules instanceof PyDict ? modules.getStr(`${modName}.${name}`) : undefined;
        if (sub !== undefined && sub !== None) {
          push(f, sub);
          return CONTINUE;
        }
      }
      const file = getAttrOrNull(mod, "__file__");
      const e = newException(ImportError,
        `cannot import name '${name}' from '${typeof modName === "string" ? modName : "<unknown module name>"}' (${typeof file === "string" ? file : "unknown location"})`);
      // (_PyErr_SetImportErrorWithNameFrom: name, path and name_from for the suggestion.)
      setExcField(e, "name", modName ?? None);
      setExcField(e, "path", typeof file === "string" ? file : None);
      setExcField(e, "name_from", name);
      throw e;
    }
    case Op.CALL_INTRINSIC_1: {
      const v = pop(f);
      switch (oparg) {
        case 1: { // INTRINSIC_PRINT: sys.displayhook(value), as CPython's print_expr
          const imp = f.builtins.getStr("__import__");
          const hook = imp === undefined ? null : getAttrOrNull(callObject(imp, ["sys"], null), "displayhook");
          if (hook !== null) callObject(hook, [v], null);
          else if (v !== None) callObject(f.builtins.getStr("print")!, [repr(v)], null);
          push(f, None);
          return CONTINUE;
        }
        case 2: // IMPORT_STAR
          importStar(f, v);
          push(f, None);
          return CONTINUE;
        case 3: { // STOPITERATION_ERROR
          const e = v as PyBaseException;
          if (e instanceof PyBaseException && e.type.isSubtypeOf(StopIteration)) {
            const kind = f.code.flags & 0x80 ? "coroutine" : f.code.flags & 0x200 ? "async generator" : "generator";
            const r = newException(RuntimeError, `${kind} raised StopIteration`);
            r.cause = e;
            r.context = e;
            r.suppressContext = true;
            push(f, r);
          } else if (e instanceof PyBaseException && e.type.name === "StopAsyncIteration" && f.code.flags & 0x200) {
            const r = newException(RuntimeError, "async generator raised StopAsyncIteration");
            r.cause = e;
            r.context = e;
            r.suppressContext = true;
            push(f, r);
          } else push(f, v);
          return CONTINUE;
        }
        case 4: // ASYNC_GEN_WRAP
          push(f, asyncGenWrap(v));
          return CONTINUE;
        case 5:
          push(f, unaryPositive(v));
          return CONTINUE;
        case 6:
          push(f, newTuple((v as PyList).items.slice()));
          return CONTINUE;
        default:
          if (intrinsicHooks.typeParams1 !== null) {
            push(f, intrinsicHooks.typeParams1(oparg, v));
            return CONTINUE;
          }
          throw newException(SystemError, `intrinsic ${oparg} is not supported yet`);
      }
    }
    case Op.CALL_INTRINSIC_2: {
      const v2 = pop(f);
      const v1 = pop(f);
      if (oparg === 1) {
        push(f, prepReraiseStar(v1, v2));
        return CONTINUE;
      }
      if (intrinsicHooks.typeParams2 !== null) {
        push(f, intrinsicHooks.typeParams2(oparg, v1, v2));
        return CONTINUE;
      }
      throw newException(SystemError, `intrinsic2 ${oparg} is not supported yet`);
    }
    case Op.SETUP_ANNOTATIONS: {
      const locals = f.locals;
      if (locals instanceof PyDict) {
        if (locals.getStr("__annotations__") === undefined) locals.setStr("__annotations__", new PyDict());
      } else if (locals !== null) {
        try {
          getItem(locals, "__annotations__");
        } catch {
          setItem(locals, "__annotations__", new PyDict());
        }
      }
      return CONTINUE;
    }
    case Op.RETURN_GENERATOR: {
      // The generator object already exists (made at call time); the first resume
      // arrives here and pushes the sent value (None) for the POP_TOP that follows.
      push(f, None);
      return CONTINUE;
    }
    case Op.YIELD_VALUE: {
      return YIELDED;
    }
    case Op.SEND: {
      const v = pop(f);
      const receiver = top(f);
      f.pc += 2;
      const r = sendTo(receiver, v);
      if (r.done) {
        push(f, r.value);
        f.pc += oparg * 2;
      } else {
        push(f, r.value);
      }
      return CONTINUE;
    }
    case Op.END_SEND: {
      const v = pop(f);
      pop(f);
      push(f, v);
      return CONTINUE;
    }
    case Op.CLEANUP_THROW: {
      const exc = pop(f) as PyBaseException;
      pop(f);
      pop(f);
      if (exc instanceof PyBaseException && exc.type.isSubtypeOf(StopIteration)) {
        push(f, None);
        push(f, stopIterationValue(exc));
        return CONTINUE;
      }
      reraisePending = true;
      throw exc;
    }
    case Op.GET_YIELD_FROM_ITER: {
      const v = top(f);
      if (isGenLike(v) && (v as PyGen).kind === "coroutine") {
        if (!(f.code.flags & 0x180)) throw typeError("cannot 'yield from' a coroutine object in a non-coroutine generator");
        return CONTINUE;
      }
      if (!(v instanceof PyGen)) f.regs[f.sp - 1] = getIter(v);
      return CONTINUE;
    }
    case Op.GET_AWAITABLE: {
      const v = pop(f);
      push(f, getAwaitable(v, oparg));
      return CONTINUE;
    }
    case Op.GET_AITER: {
      const v = pop(f);
      const m = lookupSpecial(v, "__aiter__");
      if (m === null) throw typeError(`'async for' requires an object with __aiter__ method, got ${typeOf(v).name}`);
      const it = callObject(m, [], null);
      if (lookupSpecial(it, "__anext__") === null) {
        throw typeError(`'async for' received an object from __aiter__ that does not implement __anext__: ${typeOf(it).name}`);
      }
      push(f, it);
      return CONTINUE;
    }
    case Op.GET_ANEXT: {
      const it = top(f);
      const fast = asyncForAnext(it);
      if (fast !== null) {
        push(f, fast);
        return CONTINUE;
      }
      const m = lookupSpecial(it, "__anext__");
      if (m === null) throw typeError(`'async for' requires an iterator with __anext__ method, got ${typeOf(it).name}`);
      const aw = callObject(m, [], null);
      let awaitable: PyObj;
      try {
        awaitable = getAwaitable(aw, -1);
      } catch (e) {
        // _PyErr_FormatFromCause: the failure becomes the new error's __cause__ (and context).
        const err = typeError(`'async for' received an invalid object from __anext__: ${typeOf(aw).name}`);
        if (e instanceof PyBaseException) {
          err.cause = e;
          err.context = e;
          err.suppressContext = true;
        }
        throw err;
      }
      push(f, awaitable);
      return CONTINUE;
    }
    case Op.END_ASYNC_FOR: {
      // (aiter, exc -- ): StopAsyncIteration ends the loop, anything else propagates.
      const exc = pop(f) as PyBaseException;
      pop(f);
      if (exc instanceof PyBaseException && exc.type.name === "StopAsyncIteration") {
        return CONTINUE;
      }
      reraisePending = true;
      throw exc;
    }
    case Op.BEFORE_ASYNC_WITH: {
      const mgr = pop(f);
      const enter = lookupSpecial(mgr, "__aenter__");
      if (enter === null) throw typeError(`'${typeOf(mgr).name}' object does not support the asynchronous context manager protocol`);
      const exit = lookupSpecial(mgr, "__aexit__");
      if (exit === null) throw typeError(`'${typeOf(mgr).name}' object does not support the asynchronous context manager protocol (missed __aexit__ method)`);
      push(f, exit);
      push(f, getAwaitable(callObject(enter, [], null), 1));
      return CONTINUE;
    }
    case Op.GET_LEN: {
      push(f, len(top(f)));
      return CONTINUE;
    }
    case Op.MATCH_MAPPING: {
      push(f, (typeOf(top(f)).flags & TypeFlag.MAPPING) !== 0);
      return CONTINUE;
    }
    case Op.MATCH_SEQUENCE: {
      push(f, (typeOf(top(f)).flags & TypeFlag.SEQUENCE) !== 0);
      return CONTINUE;
    }
    case Op.MATCH_KEYS: {
      push(f, matchKeys(f.regs[f.sp - 2] as PyObj, (top(f) as PyTuple).items));
      return CONTINUE;
    }
    case Op.MATCH_CLASS: {
      const names = pop(f) as PyTuple;
      const cls = pop(f);
      const subject = pop(f);
      push(f, matchClass(subject, cls, oparg, names.items as string[]));
      return CONTINUE;
    }
    case Op.UNARY_NEGATIVE:
    case Op.UNARY_INVERT:
    case Op.UNARY_NOT:
      throw newException(SystemError, "unreachable");
    case Op.EXIT_INIT_CHECK: {
      const v = pop(f);
      if (v !== None) throw typeError(`__init__() should return None, not '${typeOf(v).name}'`);
      return CONTINUE;
    }
  }
  void instrStart;
  throw newException(SystemError, `unknown opcode ${op}`);
}

/**
 * MATCH_KEYS: the values of `keys` in mapping `subject` through its get(key, default), a
 * tuple, or None when one is missing; a key given twice is a ValueError (match_keys).
 */
function matchKeys(subject: PyObj, keys: readonly PyObj[]): PyObj {
  if (keys.length === 0) return EMPTY_TUPLE;
  const exactDict = subject instanceof PyDict && subject.type === dictType;
  // Looked up even for a dict: a missing get is an AttributeError, as CPython.
  const get = exactDict ? null : getAttr(subject, "get");
  const seen = new PySet();
  const missing = new PyObject(objectType);
  const values: PyObj[] = [];
  for (const key of keys) {
    if (seen.has(key)) throw valueError(`mapping pattern checks duplicate key (${repr(key)})`);
    seen.add(key);
    const v = get === null ? ((subject as PyDict).get(key) ?? missing) : callObject(get, [key, missing], null);
    if (v === missing) return None;
    values.push(v);
  }
  return newTuple(values);
}

/** The builtin classes whose one positional sub-pattern is the subject itself (_Py_TPFLAGS_MATCH_SELF). */
const MATCH_SELF_TYPES = new Set(["bool", "bytearray", "bytes", "dict", "float", "frozenset", "int", "list", "set", "str", "tuple"]);

/** One attribute for a class pattern; a name given twice is a TypeError (match_class_attr). */
function matchClassAttr(subject: PyObj, cls: PyType, name: string, seen: Set<string>): PyObj | null {
  if (seen.has(name)) throw typeError(`${cls.name}() got multiple sub-patterns for attribute ${repr(name)}`);
  seen.add(name);
  return getAttrOrNull(subject, name);
}

/** MATCH_CLASS: the tuple of attributes for a class pattern, or None when it does not match. */
function matchClass(subject: PyObj, cls: PyObj, nargs: number, kwNames: string[]): PyObj {
  if (!(cls instanceof PyType)) throw typeError("called match pattern must be a class");
  if (!isInstance(subject, cls)) return None;
  const out: PyObj[] = [];
  const seen = new Set<string>();
  if (nargs > 0) {
    const ma = getAttrOrNull(cls, "__match_args__");
    let names: readonly PyObj[] = [];
    let matchSelf = false;
    if (ma !== null) {
      if (!(ma instanceof PyTuple) || ma.type !== tupleType) throw typeError(`${cls.name}.__match_args__ must be a tuple (got ${typeOf(ma).name})`);
      names = ma.items;
    } else {
      // Inherited from the builtin base (the first class of the MRO that is not a heap type).
      const builtinBase = cls.mro.find((c) => !(c.flags & TypeFlag.HEAPTYPE));
      matchSelf = builtinBase !== undefined && MATCH_SELF_TYPES.has(builtinBase.name);
    }
    const allowed = matchSelf ? 1 : names.length;
    if (allowed < nargs) {
      throw typeError(`${cls.name}() accepts ${allowed} positional sub-pattern${allowed === 1 ? "" : "s"} (${nargs} given)`);
    }
    if (matchSelf) {
      out.push(subject);
    } else {
      for (let i = 0; i < nargs; i++) {
        const n = names[i];
        if (typeof n !== "string") throw typeError(`__match_args__ elements must be strings (got ${typeOf(n).name})`);
        const v = matchClassAttr(subject, cls, n, seen);
        if (v === null) return None;
        out.push(v);
      }
    }
  }
  for (const n of kwNames) {
    const v = matchClassAttr(subject, cls, n, seen);
    if (v === null) return None;
    out.push(v);
  }
  return newTuple(out);
}

/** Sends a value into a generator/coroutine or an iterator (SEND). */
function sendTo(receiver: PyObj, v: PyObj): { done: boolean; value: PyObj } {
  if (receiver instanceof PyGen) return genSendValue(receiver, v);
  const t = typeOf(receiver);
  if (v === None && t.tp_iternext !== null && !(t.flags & TypeFlag.HEAPTYPE)) {
    // Builtin iterators report their StopIteration value through setStopValue.
    lastStopValue = None;
    const r = t.tp_iternext(receiver);
    if (r === null) return { done: true, value: takeStopValue() };
    return { done: false, value: r };
  }
  try {
    if (v === None && t.tp_iternext !== null) return { done: false, value: callObject(lookupSpecial(receiver, "__next__")!, [], null) };
    return { done: false, value: callObject(getAttr(receiver, "send"), [v], null) };
  } catch (e) {
    if (e instanceof PyBaseException && e.type.isSubtypeOf(StopIteration)) {
      return { done: true, value: stopIterationValue(e) };
    }
    throw e;
  }
}

/** The value of the StopIteration that ended an iterator's tp_iternext (None: none). */
let lastStopValue: PyObj = None;
export function setStopValue(v: PyObj): void {
  lastStopValue = v;
}
export function takeStopValue(): PyObj {
  const v = lastStopValue;
  lastStopValue = None;
  return v;
}

export function getAwaitable(v: PyObj, oparg: number, msg?: string): PyObj {
  if (v instanceof PyGen) {
    if (v.kind === "coroutine" || v.iterableCoroutine) {
      if (v.kind === "coroutine" && v.yieldFrom() !== null) {
        throw newException(RuntimeError, "coroutine is being awaited already");
      }
      return v;
    }
  }
  const m = lookupSpecial(v, "__await__");
  if (m === null) {
    if (msg) throw typeError(msg);
    const prefix = oparg === 1 ? "'async with' received an object from __aenter__ that does not implement __await__: " :
      oparg === 2 ? "'async with' received an object from __aexit__ that does not implement __await__: " : "";
    if (prefix) throw typeError(prefix + typeOf(v).name);
    throw typeError(`object ${typeOf(v).name} can't be used in 'await' expression`);
  }
  const it = callObject(m, [], null);
  if (it instanceof PyGen && it.kind === "coroutine") throw typeError("__await__() returned a coroutine");
  if (typeOf(it).tp_iternext === null) throw typeError(`__await__() returned non-iterator of type '${typeOf(it).name}'`);
  return it;
}

/** Wraps a value yielded by an async generator (so asend can tell it from an await). */
export class AsyncGenWrapped extends PyObject {
  declare readonly value: PyObj;
  constructor(value: PyObj) {
    super(typeOf(None));
    this.value = value;
  }
}
function asyncGenWrap(v: PyObj): PyObj {
  return new AsyncGenWrapped(v);
}

export {
  PyClassMethod, EMPTY_TUPLE, Ellipsis, NotImplemented, keyError, dictSubscript, PyMethodDescr,
  callSpecial, isTrue, addNote, genYieldFromThrowHelper,
};
export type { KwNames };

/**
 * Whether BINARY_OP `oparg` on `a` (an instance of a heap class) may call a's Python
 * __op__ directly: a's slot is the generic one for heap classes, an in-place operator
 * has no __iop__ of its own, and b's type does not take precedence with its own slot.
 * (The interpreter and compiled code each then find and call the method their way.)
 */
export function userBinopApplies(a: PyObject, b: PyObj, oparg: number): boolean {
  const op = oparg >= NB_COUNT ? oparg - NB_COUNT : oparg;
  const ta = a.type;
  const slot = userBinarySlots[op];
  if (ta.nb_binary[op] !== slot || (oparg >= NB_COUNT && ta.nb_inplace[op] !== null)) return false;
  const tb = typeOf(b);
  return tb === ta || tb.nb_binary[op] !== slot;
}
