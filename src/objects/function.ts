// Code objects, functions, cells, bound methods, property/classmethod/staticmethod and
// modules (funcobject.c, codeobject.c, classobject.c, descrobject.c, moduleobject.c).
import { isSourceFrozenset } from "../bytecode/constOrigin.js";
import { CodeObject, CodeFlag, LocalKind } from "../bytecode/code.js";
import {
  PyBytesValue, PyTupleValue, PyListValue, PyDictValue, PySetValue, PyComplexValue,
  PySingletonValue, MarshalValue,
} from "../bytecode/values.js";
import {
  PyObject, PyObj, PyType, makeBuiltinType, objectType, None, Ellipsis, PyFloat, normInt, LookupEntry,
  typeOf, identityId,
} from "./core.js";
import { PyDict } from "./dict.js";
import { defineGetSet, defineMethod } from "./descr.js";
import { PyTuple, PyList, newTuple } from "./sequence.js";
import { typeError, attributeError, valueError, StopIteration as StopIterationType } from "./exceptions.js";
import { call, repr, isTrue } from "./abstract.js";
import { PyBytes, PyComplex, PySet } from "./misc.js";

export const codeType = makeBuiltinType("code", objectType, 0);
export const functionType = makeBuiltinType("function", objectType, 0);
export const cellType = makeBuiltinType("cell", objectType, 0);
export const methodType = makeBuiltinType("method", objectType, 0);
export const propertyType = makeBuiltinType("property", objectType);
export const classmethodType = makeBuiltinType("classmethod", objectType);
export const staticmethodType = makeBuiltinType("staticmethod", objectType);
export const moduleType = makeBuiltinType("module", objectType);

/** Per-instruction inline-cache kinds kept in side arrays (see vm/interpreter.ts). */
/**
 * The engine's unique copy of a string. Names read from a .pyc (or made by the compiler)
 * are fresh string objects; attribute caches compare them with the string literals of
 * generated code and with dict keys stored under other copies, and V8 compares two
 * internalized strings by identity, others character by character (measured: three
 * instance-attribute loads 37 -> 8 ns). A property key is internalized by the engine.
 */
function internalize(s: string): string {
  const holder: Record<string, number> = {};
  holder[s] = 0;
  for (const k in holder) return k;
  return s;
}

export class PyCode extends PyObject {
  declare readonly co: CodeObject;
  declare readonly bytes: Uint8Array;
  declare readonly consts: PyObj[];
  declare readonly names: string[];
  declare readonly nlocalsplus: number;
  declare readonly stacksize: number;
  declare readonly flags: number;
  declare readonly argcount: number;
  declare readonly posonlyargcount: number;
  declare readonly kwonlyargcount: number;
  declare readonly localsplusnames: string[];
  declare readonly localspluskinds: Uint8Array;
  /** Total positional+kwonly params plus *args/**kwargs slots. */
  declare readonly totalArgs: number;
  /** True when a call with exactly argcount positional args needs no binding work. */
  declare readonly simpleArgs: boolean;
  declare readonly isGenerator: boolean;
  /**
   * How many positional arguments a plain call passes straight into the frame's first
   * locals (simple signature, not a generator); -1 otherwise. Compiled call sites test it.
   */
  declare readonly directArgc: number;
  declare readonly name: string;
  declare readonly qualname: string;
  declare readonly filename: string;
  /** LOAD_ATTR/STORE_ATTR: last instance-dict slot index seen per code unit (-1: none). */
  declare attrSlotCache: Int32Array;
  /** Where a call starts executing: past a leading RESUME (a no-op in this VM). */
  declare readonly entryPc: number;
  /** All-null fast locals + value stack; frames copy it (Frame.regs). Built by push: PACKED. */
  declare regsTemplate: (PyObj | null)[];
  /** LOAD_GLOBAL/LOAD_ATTR cache side arrays (indexed by code-unit offset), created lazily. */
  declare cacheObjs: unknown[] | null;
  /**
   * LOAD_GLOBAL cache: per code unit u, [3u] = globals version when filled, [3u+1] =
   * builtins version (-1: found in globals), [3u+2] = index into the dict's value list.
   */
  declare globalCache: Float64Array;
  /** LOAD_ATTR/STORE_ATTR cache per code unit: the owner's type, its version, the MRO lookup result. */
  declare attrCacheType: (PyType | null)[] | null;
  declare attrCacheVersion: Float64Array;
  declare attrCacheDescr: (LookupEntry | null)[] | null;
  /**
   * JIT tier (src/vm/jit): the compiled function once the code is hot, and the hotness
   * count that decides when (calls and loop slices; -1 when it cannot be compiled). The
   * function takes the frame; typed loosely here because frames live in vm/.
   */
  declare jitFn: ((frame: never, thrown: never) => PyObj) | null;
  declare jitCounter: number;
  /** With jitFn: block number per byte offset (>= 0 where compiled code can be entered). */
  declare jitEntries: Int32Array | null;
  /**
   * With jitFn: true when the function has no JS try (no exception handler in the code):
   * whoever calls it records its traceback entry after a JS throw (jit/runtime.ts thrownOutOf).
   */
  declare jitNoTry: boolean;
  /**
   * A finished frame of this code kept for the next call (vm/jit/runtime.ts frameFor):
   * typed loosely because frames live in vm/.
   */
  declare freeFrame: object | null;
  /** More finished frames, when freeFrame was taken (recursion: one per level, at most 8). */
  declare moreFrames: object[] | null;
  constructor(co: CodeObject) {
    super(codeType);
    this.co = co;
    this.bytes = co.co_code;
    this.consts = co.co_consts.map(convertConst);
    this.names = co.co_names.map(internalize);
    this.nlocalsplus = co.co_localsplusnames.length;
    this.stacksize = co.co_stacksize;
    this.flags = co.co_flags;
    this.argcount = co.co_argcount;
    this.posonlyargcount = co.co_posonlyargcount;
    this.kwonlyargcount = co.co_kwonlyargcount;
    this.localsplusnames = co.co_localsplusnames;
    this.localspluskinds = co.co_localspluskinds;
    this.totalArgs = co.co_argcount + co.co_kwonlyargcount +
      (co.co_flags & CodeFlag.VARARGS ? 1 : 0) + (co.co_flags & CodeFlag.VARKEYWORDS ? 1 : 0);
    this.simpleArgs = (co.co_flags & (CodeFlag.VARARGS | CodeFlag.VARKEYWORDS)) === 0 && co.co_kwonlyargcount === 0;
    this.isGenerator = (co.co_flags & (CodeFlag.GENERATOR | CodeFlag.COROUTINE | CodeFlag.ASYNC_GENERATOR | CodeFlag.ITERABLE_COROUTINE)) !== 0;
    this.directArgc = this.simpleArgs && !this.isGenerator ? co.co_argcount : -1;
    this.name = co.co_name;
    this.qualname = co.co_qualname;
    this.filename = co.co_filename;
    this.cacheObjs = null;
    this.attrSlotCache = new Int32Array(0);
    this.entryPc = this.bytes.length >= 2 && this.bytes[0] === 149 /* RESUME */ ? 2 : 0;
    const template: (PyObj | null)[] = [];
    for (let i = 0; i < this.nlocalsplus + this.stacksize + 1; i++) template.push(null);
    this.regsTemplate = template;
    this.globalCache = new Float64Array(0);
    this.attrCacheType = null;
    this.attrCacheVersion = new Float64Array(0);
    this.attrCacheDescr = null;
    this.jitFn = null;
    this.jitCounter = 0;
    this.jitEntries = null;
    this.jitNoTry = false;
    this.freeFrame = null;
    this.moreFrames = null;
  }
  isCell(i: number): boolean {
    return (this.localspluskinds[i] & LocalKind.CELL) !== 0;
  }
}

const codeCache = new WeakMap<CodeObject, PyCode>();
export function codeFor(co: CodeObject): PyCode {
  let c = codeCache.get(co);
  if (c === undefined) {
    c = new PyCode(co);
    codeCache.set(co, c);
  }
  return c;
}

/** A marshal constant as a VM value (once per code object). */
export function convertConst(v: MarshalValue): PyObj {
  if (v === null) return None;
  switch (typeof v) {
    case "boolean":
      return v;
    case "string":
      // (Short ones, which are mostly keys and names: see internalize.)
      return v.length <= 32 ? internalize(v) : v;
    case "bigint":
      return normInt(v);
    case "number":
      return new PyFloat(v);
  }
  if (v instanceof PyTupleValue) return newTuple(v.items.map(convertConst));
  if (v instanceof CodeObject) return codeFor(v);
  if (v instanceof PyBytesValue) return new PyBytes(v.bytes);
  if (v instanceof PySetValue) {
    // compiled from source: built twice, as CPython's compiler does (constOrigin.ts)
    if (isSourceFrozenset(v)) return PySet.fromSourceConstant(v.items.map(convertConst));
    return PySet.fromItems(v.items.map(convertConst), v.frozen);
  }
  if (v instanceof PyComplexValue) return new PyComplex(v.real, v.imag);
  if (v instanceof PyListValue) return new PyList(v.items.map(convertConst));
  if (v instanceof PyDictValue) {
    const d = new PyDict();
    for (const [k, x] of v.entries) d.set(convertConst(k), convertConst(x));
    return d;
  }
  if (v === PySingletonValue.Ellipsis) return Ellipsis;
  if (v === PySingletonValue.StopIteration) return StopIterationType;
  throw typeError("bad marshal constant");
}

export class PyCell extends PyObject {
  declare contents: PyObj | null;
  constructor(contents: PyObj | null) {
    super(cellType);
    this.contents = contents;
  }
}

export class PyFunction extends PyObject {
  declare code: PyCode;
  declare globals: PyDict;
  declare builtins: PyDict;
  declare name: string;
  declare qualname: string;
  declare defaults: PyObj[] | null;
  declare kwdefaults: PyDict | null;
  declare closure: PyCell[] | null;
  declare doc: PyObj;
  declare annotations: PyObj | null;
  declare module: PyObj;
  declare typeParams: PyObj | null;
  constructor(code: PyCode, globals: PyDict, builtins: PyDict) {
    super(functionType);
    this.code = code;
    this.globals = globals;
    this.builtins = builtins;
    this.name = code.name;
    this.qualname = code.qualname;
    this.defaults = null;
    this.kwdefaults = null;
    this.closure = null;
    const c0 = code.consts.length > 0 ? code.consts[0] : None;
    this.doc = typeof c0 === "string" && (code.flags & 0x4000_0000) === 0 ? c0 : None;
    this.annotations = null;
    this.module = globals.getStr("__name__") ?? None;
    this.typeParams = null;
  }
}

export class PyMethod extends PyObject {
  declare readonly func: PyObj;
  declare readonly self: PyObj;
  constructor(func: PyObj, self: PyObj) {
    super(methodType);
    this.func = func;
    this.self = self;
  }
}

export class PyProperty extends PyObject {
  declare fget: PyObj;
  declare fset: PyObj;
  declare fdel: PyObj;
  declare doc: PyObj;
  declare name: PyObj;
  constructor(type: PyType, fget: PyObj, fset: PyObj, fdel: PyObj, doc: PyObj) {
    super(type);
    this.fget = fget;
    this.fset = fset;
    this.fdel = fdel;
    this.doc = doc;
    this.name = None;
  }
}

export class PyClassMethod extends PyObject {
  declare callable: PyObj;
  constructor(callable: PyObj, type: PyType = classmethodType) {
    super(type);
    this.callable = callable;
  }
}
export class PyStaticMethod extends PyObject {
  declare callable: PyObj;
  constructor(callable: PyObj, type: PyType = staticmethodType) {
    super(type);
    this.callable = callable;
  }
}

export class PyModule extends PyObject {
  declare dict: PyDict;
  constructor(name: string, type: PyType = moduleType) {
    super(type);
    this.dict = new PyDict();
    this.dict.setStr("__name__", name);
    this.dict.setStr("__doc__", None);
    this.dict.setStr("__package__", None);
    this.dict.setStr("__loader__", None);
    this.dict.setStr("__spec__", None);
  }
  get name(): string {
    const n = this.dict.getStr("__name__");
    return typeof n === "string" ? n : "?";
  }
}

function kwOnly(args: PyObj[], kw: readonly string[] | null, names: string[]): (PyObj | null)[] {
  const out: (PyObj | null)[] = names.map(() => null);
  const npos = args.length - (kw?.length ?? 0);
  for (let i = 0; i < npos && i < names.length; i++) out[i] = args[i];
  if (kw !== null) {
    for (let i = 0; i < kw.length; i++) {
      const j = names.indexOf(kw[i]);
      if (j < 0) throw typeError(`'${kw[i]}' is an invalid keyword argument`);
      out[j] = args[npos + i];
    }
  }
  return out;
}

export function installFunctionTypes(): void {
  functionType.tp_descr_get = (f, obj) => (obj === null || obj === None ? f : new PyMethod(f, obj));
  functionType.tp_repr = (f) => `<function ${(f as PyFunction).qualname} at 0x${(0x7f0000000000 + identityId(f as PyObject) * 16).toString(16)}>`;
  functionType.instancesHaveDict = true;
  defineGetSet(functionType, "__name__", (f) => (f as PyFunction).name, (f, v) => {
    if (typeof v !== "string") throw typeError("__name__ must be set to a string object");
    (f as PyFunction).name = v;
  });
  defineGetSet(functionType, "__qualname__", (f) => (f as PyFunction).qualname, (f, v) => {
    if (typeof v !== "string") throw typeError("__qualname__ must be set to a string object");
    (f as PyFunction).qualname = v;
  });
  defineGetSet(functionType, "__doc__", (f) => (f as PyFunction).doc, (f, v) => {
    (f as PyFunction).doc = v ?? None;
  });
  defineGetSet(functionType, "__module__", (f) => (f as PyFunction).module, (f, v) => {
    (f as PyFunction).module = v ?? None;
  });
  defineGetSet(functionType, "__code__", (f) => (f as PyFunction).code, (f, v) => {
    if (!(v instanceof PyCode)) throw typeError("__code__ must be set to a code object");
    (f as PyFunction).code = v;
  });
  defineGetSet(functionType, "__globals__", (f) => (f as PyFunction).globals);
  defineGetSet(functionType, "__builtins__", (f) => (f as PyFunction).builtins);
  defineGetSet(functionType, "__closure__", (f) => {
    const c = (f as PyFunction).closure;
    return c === null ? None : newTuple(c.slice());
  });
  defineGetSet(functionType, "__defaults__", (f) => {
    const d = (f as PyFunction).defaults;
    return d === null ? None : newTuple(d.slice());
  }, (f, v) => {
    (f as PyFunction).defaults = v === null || v === None ? null : (v as PyTuple).items.slice();
  });
  defineGetSet(functionType, "__kwdefaults__", (f) => (f as PyFunction).kwdefaults ?? None, (f, v) => {
    (f as PyFunction).kwdefaults = v === null || v === None ? null : (v as PyDict);
  });
  defineGetSet(functionType, "__annotations__", (f) => {
    const fn = f as PyFunction;
    if (fn.annotations === null) fn.annotations = new PyDict();
    return fn.annotations;
  }, (f, v) => {
    (f as PyFunction).annotations = v;
  });
  defineGetSet(functionType, "__type_params__", (f) => (f as PyFunction).typeParams ?? newTuple([]), (f, v) => {
    if (!(v instanceof PyTuple)) throw typeError("__type_params__ must be set to a tuple");
    (f as PyFunction).typeParams = v;
  });
  defineGetSet(functionType, "__dict__", (f) => {
    const fn = f as PyFunction;
    if (fn.dict === null) fn.dict = new PyDict();
    return fn.dict;
  });
  // A function's __dict__ is made on the first attribute store (f.x = 1, @abstractmethod).
  functionType.tp_setattro = (f, name, value) => {
    const fn = f as PyFunction;
    if (fn.dict === null && value !== null) fn.dict = new PyDict();
    abstract.genericSetAttr(f, name, value);
  };

  codeType.tp_repr = (c) => {
    const code = c as PyCode;
    return `<code object ${code.name} at 0x${(0x7f0000000000 + identityId(code) * 16).toString(16)}, file "${code.filename}", line ${code.co.co_firstlineno}>`;
  };
  defineGetSet(codeType, "co_name", (c) => (c as PyCode).name);
  defineGetSet(codeType, "co_qualname", (c) => (c as PyCode).qualname);
  defineGetSet(codeType, "co_filename", (c) => (c as PyCode).filename);
  defineGetSet(codeType, "co_firstlineno", (c) => (c as PyCode).co.co_firstlineno);
  defineGetSet(codeType, "co_argcount", (c) => (c as PyCode).argcount);
  defineGetSet(codeType, "co_posonlyargcount", (c) => (c as PyCode).posonlyargcount);
  defineGetSet(codeType, "co_kwonlyargcount", (c) => (c as PyCode).kwonlyargcount);
  defineGetSet(codeType, "co_flags", (c) => (c as PyCode).flags);
  defineGetSet(codeType, "co_nlocals", (c) => (c as PyCode).co.co_nlocals);
  defineGetSet(codeType, "co_varnames", (c) => newTuple([...(c as PyCode).co.co_varnames]));
  defineGetSet(codeType, "co_cellvars", (c) => newTuple([...(c as PyCode).co.co_cellvars]));
  defineGetSet(codeType, "co_freevars", (c) => newTuple([...(c as PyCode).co.co_freevars]));
  defineGetSet(codeType, "co_names", (c) => newTuple([...(c as PyCode).names]));
  defineGetSet(codeType, "co_consts", (c) => newTuple([...(c as PyCode).consts]));
  defineGetSet(codeType, "co_code", (c) => new PyBytes((c as PyCode).bytes));
  defineGetSet(codeType, "co_stacksize", (c) => (c as PyCode).stacksize);

  cellType.tp_repr = (c) => {
    const v = (c as PyCell).contents;
    return v === null ? `<cell at 0x${identityId(c as PyObject).toString(16)}: empty>` : `<cell at 0x${identityId(c as PyObject).toString(16)}: ${typeOf(v).name} object>`;
  };
  defineGetSet(cellType, "cell_contents", (c) => {
    const v = (c as PyCell).contents;
    if (v === null) throw valueError("Cell is empty");
    return v;
  }, (c, v) => {
    (c as PyCell).contents = v;
  });

  methodType.tp_call = (m, args, kw) => {
    const bm = m as PyMethod;
    return call(bm.func, [bm.self, ...args], kw);
  };
  methodType.tp_descr_get = (m) => m;
  methodType.tp_repr = (m) => {
    const bm = m as PyMethod;
    const f = bm.func;
    const qn = f instanceof PyFunction ? f.qualname : "?";
    return `<bound method ${qn} of ${repr(bm.self)}>`;
  };
  methodType.tp_richcompare = (a, b, op) => {
    if (!(b instanceof PyMethod) || (op !== 2 && op !== 3)) return notImpl();
    const x = a as PyMethod;
    const same = x.func === b.func && x.self === b.self;
    return op === 2 ? same : !same;
  };
  methodType.tp_hash = (m) => identityId((m as PyMethod).func as PyObject) ^ 0x5bd1e995;
  defineGetSet(methodType, "__func__", (m) => (m as PyMethod).func);
  defineGetSet(methodType, "__self__", (m) => (m as PyMethod).self);
  // (Its own: object's __doc__ would be found first by the lookup below.)
  defineGetSet(methodType, "__doc__", (m) => abstractRef.getAttrOrNull((m as PyMethod).func, "__doc__") ?? None);
  methodType.tp_getattro = (m, name) => {
    const r = methodType.lookup(name);
    if (r !== null) {
      const g = typeOf(r).tp_descr_get;
      return g === null ? r : g(r, m, methodType);
    }
    const fn = (m as PyMethod).func;
    const { getAttrOrNull } = abstractRef;
    return getAttrOrNull(fn, name);
  };

  // property
  propertyType.tp_new = (cls) => new PyProperty(cls, None, None, None, None);
  propertyType.tp_init = (self, args, kw) => {
    const [fget, fset, fdel, doc] = kwOnly(args, kw, ["fget", "fset", "fdel", "doc"]);
    const p = self as PyProperty;
    p.fget = fget ?? None;
    p.fset = fset ?? None;
    p.fdel = fdel ?? None;
    p.doc = doc ?? None;
    if (p.doc === None && p.fget !== None) {
      const d = abstractRef.getAttrOrNull(p.fget, "__doc__");
      if (d !== null) p.doc = d;
    }
  };
  propertyType.tp_descr_get = (descr, obj) => {
    const p = descr as PyProperty;
    if (obj === null || obj === None) return descr;
    if (p.fget === None) {
      throw attributeError(`property ${propName(p)}of '${typeOf(obj).name}' object has no getter`);
    }
    return abstract.call1(p.fget, obj);
  };
  propertyType.tp_descr_set = (descr, obj, value) => {
    const p = descr as PyProperty;
    if (value === null) {
      if (p.fdel === None) throw attributeError(`property ${propName(p)}of '${typeOf(obj).name}' object has no deleter`);
      call(p.fdel, [obj]);
    } else {
      if (p.fset === None) throw attributeError(`property ${propName(p)}of '${typeOf(obj).name}' object has no setter`);
      abstract.call2(p.fset, obj, value);
    }
  };
  const copyProp = (p: PyProperty, which: number, f: PyObj): PyProperty => {
    const t = p.type;
    const q = new PyProperty(t, which === 0 ? f : p.fget, which === 1 ? f : p.fset, which === 2 ? f : p.fdel, p.doc);
    q.name = p.name;
    return q;
  };
  defineMethod(propertyType, "getter", (p, args) => copyProp(p as PyProperty, 0, args[0]));
  defineMethod(propertyType, "setter", (p, args) => copyProp(p as PyProperty, 1, args[0]));
  defineMethod(propertyType, "deleter", (p, args) => copyProp(p as PyProperty, 2, args[0]));
  defineMethod(propertyType, "__set_name__", (p, args) => {
    (p as PyProperty).name = args[1];
    return None;
  });
  defineGetSet(propertyType, "fget", (p) => (p as PyProperty).fget);
  defineGetSet(propertyType, "fset", (p) => (p as PyProperty).fset);
  defineGetSet(propertyType, "fdel", (p) => (p as PyProperty).fdel);
  defineGetSet(propertyType, "__doc__", (p) => (p as PyProperty).doc, (p, v) => {
    (p as PyProperty).doc = v ?? None;
  });
  defineGetSet(propertyType, "__isabstractmethod__", (p) => {
    const pr = p as PyProperty;
    for (const f of [pr.fget, pr.fset, pr.fdel]) {
      if (f !== None) {
        const v = abstractRef.getAttrOrNull(f, "__isabstractmethod__");
        if (v !== null && isTrue(v)) return true;
      }
    }
    return false;
  });

  // classmethod / staticmethod
  classmethodType.tp_new = (cls, args) => new PyClassMethod(args[0] ?? None, cls);
  classmethodType.tp_init = (self, args, kw) => {
    if (args.length !== 1 || (kw !== null && kw.length > 0)) {
      throw typeError(`classmethod expected 1 argument, got ${args.length}`);
    }
    (self as PyClassMethod).callable = args[0];
  };
  classmethodType.tp_descr_get = (descr, obj, type) => {
    const cls: PyObj = type ?? typeOf(obj!);
    return new PyMethod((descr as PyClassMethod).callable, cls);
  };
  defineGetSet(classmethodType, "__func__", (c) => (c as PyClassMethod).callable);
  defineGetSet(classmethodType, "__wrapped__", (c) => (c as PyClassMethod).callable);
  defineGetSet(classmethodType, "__isabstractmethod__", (c) => {
    const v = abstractRef.getAttrOrNull((c as PyClassMethod).callable, "__isabstractmethod__");
    return v !== null && isTrue(v);
  });
  classmethodType.instancesHaveDict = true;
  staticmethodType.tp_new = (cls, args) => new PyStaticMethod(args[0] ?? None, cls);
  staticmethodType.tp_init = (self, args, kw) => {
    if (args.length !== 1 || (kw !== null && kw.length > 0)) {
      throw typeError(`staticmethod expected 1 argument, got ${args.length}`);
    }
    (self as PyStaticMethod).callable = args[0];
  };
  staticmethodType.tp_descr_get = (descr) => (descr as PyStaticMethod).callable;
  staticmethodType.tp_call = (s, args, kw) => call((s as PyStaticMethod).callable, args, kw);
  defineGetSet(staticmethodType, "__func__", (c) => (c as PyStaticMethod).callable);
  defineGetSet(staticmethodType, "__wrapped__", (c) => (c as PyStaticMethod).callable);
  defineGetSet(staticmethodType, "__isabstractmethod__", (c) => {
    const v = abstractRef.getAttrOrNull((c as PyStaticMethod).callable, "__isabstractmethod__");
    return v !== null && isTrue(v);
  });
  staticmethodType.instancesHaveDict = true;

  // module
  moduleType.tp_alloc = (cls) => new PyModule("?", cls);
  moduleType.tp_new = (cls) => new PyModule("?", cls);
  moduleType.tp_init = (self, args) => {
    const m = self as PyModule;
    if (args.length > 0) m.dict.setStr("__name__", args[0]);
    if (args.length > 1) m.dict.setStr("__doc__", args[1]);
  };
  moduleType.tp_repr = (m) => {
    const mod = m as PyModule;
    const file = mod.dict.getStr("__file__");
    if (typeof file === "string") return `<module '${mod.name}' from '${file}'>`;
    return `<module '${mod.name}' (built-in)>`;
  };
  moduleType.tp_getattro = (m, name) => {
    const { genericGetAttr } = abstractRef;
    const r = genericGetAttr(m, name);
    if (r !== null) return r;
    const ga = (m as PyModule).dict.getStr("__getattr__");
    if (ga !== undefined) return call(ga, [name]);
    return null;
  };
  defineGetSet(moduleType, "__dict__", (m) => (m as PyModule).dict);
}

function notImpl(): PyObj {
  return abstractRef.NotImplemented;
}
/** The property's name for error messages, as CPython's property_name: its own, else the getter's __name__. */
function propName(p: PyProperty): string {
  if (typeof p.name === "string") return `'${p.name}' `;
  if (p.fget === None) return "";
  const n = abstractRef.getAttrOrNull(p.fget, "__name__");
  return n === null ? "" : `${abstract.repr(n)} `;
}

/** Late-bound references to abstract.ts (avoids a load-order dependency). */
import * as abstract from "./abstract.js";
import { NotImplemented as NI } from "./core.js";
const abstractRef = {
  get getAttrOrNull() {
    return abstract.getAttrOrNull;
  },
  get genericGetAttr() {
    return abstract.genericGetAttr;
  },
  NotImplemented: NI,
};
