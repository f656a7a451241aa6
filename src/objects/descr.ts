// Builtin callables and descriptors: builtin functions, method descriptors of builtin
// types, getset descriptors, classmethod descriptors of builtin types, and the helpers
// that install them into a type's dict. Calling conventions: see README.md.
import {
  PyObject, PyType, PyObj, KwNames, makeBuiltinType, objectType, typeOf, None,
} from "./core.js";
import { SLOT_DOCS } from "./slotdocs.js";

export type NativeFunction = (args: PyObj[], kwnames: KwNames) => PyObj;
export type NativeMethod = (self: PyObj, args: PyObj[], kwnames: KwNames) => PyObj;

export const builtinFunctionType = makeBuiltinType("builtin_function_or_method", objectType, 0);
export const methodDescrType = makeBuiltinType("method_descriptor", objectType, 0);
export const classMethodDescrType = makeBuiltinType("classmethod_descriptor", objectType, 0);
export const getsetDescrType = makeBuiltinType("getset_descriptor", objectType, 0);
export const wrapperDescrType = makeBuiltinType("wrapper_descriptor", objectType, 0);
export const methodWrapperType = makeBuiltinType("method-wrapper", objectType, 0);

/** A builtin function (`len`, a bound builtin method when `self` is set). */
export class PyBuiltinFunction extends PyObject {
  declare readonly name: string;
  declare readonly fn: NativeFunction;
  declare readonly self: PyObj | null;
  declare readonly qualname: string;
  declare readonly module: string | null;
  /** The docstring (__doc__), null for none. */
  declare doc: string | null;
  constructor(name: string, fn: NativeFunction, self: PyObj | null = null, qualname = name, module: string | null = null, doc: string | null = null) {
    super(builtinFunctionType);
    this.name = name;
    this.fn = fn;
    this.self = self;
    this.qualname = qualname;
    this.module = module;
    this.doc = doc;
  }
}

/** A method of a builtin type (`list.append`); binds to an instance on access. */
export class PyMethodDescr extends PyObject {
  declare readonly name: string;
  declare readonly owner: PyType;
  declare readonly fn: NativeMethod;
  /** The docstring (__doc__), null for none; the bound method has it too. */
  declare doc: string | null;
  /**
   * `fn` for a call with no / one / two positional arguments and no keywords, without an
   * arguments array (the VM's fixed-arity call paths try them first; self already
   * checked); null when absent. Set by defineFastPaths for methods hot in loops.
   */
  declare fast0: ((self: PyObj) => PyObj) | null;
  declare fast1: ((self: PyObj, a: PyObj) => PyObj) | null;
  declare fast2: ((self: PyObj, a: PyObj, b: PyObj) => PyObj) | null;
  constructor(owner: PyType, name: string, fn: NativeMethod, type: PyType = methodDescrType, doc: string | null = null) {
    super(type);
    this.owner = owner;
    this.name = name;
    this.fn = fn;
    this.doc = doc;
    this.fast0 = null;
    this.fast1 = null;
    this.fast2 = null;
  }
}

/**
 * Gives the method `name` of `type` (already defined) fixed-arity entry points, which must
 * return what its `fn` returns for the same positional arguments (see PyMethodDescr.fast0).
 */
export function defineFastPaths(
  type: PyType, name: string,
  fast0: ((self: PyObj) => PyObj) | null,
  fast1: ((self: PyObj, a: PyObj) => PyObj) | null,
  fast2: ((self: PyObj, a: PyObj, b: PyObj) => PyObj) | null,
): void {
  const d = type.dict.getStr(name);
  if (!(d instanceof PyMethodDescr)) throw new Error(`defineFastPaths: ${type.name}.${name} is not a method`);
  d.fast0 = fast0;
  d.fast1 = fast1;
  d.fast2 = fast2;
}

/** A computed attribute of a builtin type (`exc.args`, `func.__name__`). */
export class PyGetSetDescr extends PyObject {
  declare readonly name: string;
  declare readonly owner: PyType;
  readonly get: (obj: PyObj) => PyObj;
  readonly set: ((obj: PyObj, value: PyObj | null) => void) | null;
  /** The docstring (__doc__), null for none. */
  declare doc: string | null;
  constructor(owner: PyType, name: string, get: (obj: PyObj) => PyObj, set: ((obj: PyObj, value: PyObj | null) => void) | null, doc: string | null = null) {
    super(getsetDescrType);
    this.owner = owner;
    this.name = name;
    this.get = get;
    this.set = set;
    this.doc = doc;
  }
}

/**
 * A builtin's docstring as CPython stores it may start with its text signature,
 * "(sig)\n--\n\n" (Argument Clinic): __doc__ is what follows, __text_signature__ the "(sig)".
 */
const SIGNATURE_END = "\n--\n\n";
export function docOf(raw: string | null): string | null {
  if (raw === null || !raw.startsWith("(")) return raw;
  const end = raw.indexOf(SIGNATURE_END);
  return end < 0 ? raw : raw.slice(end + SIGNATURE_END.length) || null;
}
export function textSignatureOf(raw: string | null): string | null {
  if (raw === null || !raw.startsWith("(")) return null;
  const end = raw.indexOf(SIGNATURE_END);
  return end < 0 ? null : raw.slice(0, end);
}

/** Installs a method on a builtin type (with its docstring, when given). */
export function defineMethod(type: PyType, name: string, fn: NativeMethod, doc: string | null = null): PyMethodDescr {
  // A special method written by hand (object.__setattr__...) documents itself as CPython's slot wrapper.
  const d = new PyMethodDescr(type, name, fn, methodDescrType, doc ?? SLOT_DOCS[name] ?? null);
  type.dict.setStr(name, d);
  return d;
}

/** Installs a classmethod of a builtin type (`dict.fromkeys`, `int.from_bytes`). */
export function defineClassMethod(type: PyType, name: string, fn: NativeMethod, doc: string | null = null): void {
  type.dict.setStr(name, new PyMethodDescr(type, name, fn, classMethodDescrType, doc));
}

/** Installs a static function (e.g. `str.maketrans`) as a builtin function. */
export function defineStatic(type: PyType, name: string, fn: NativeFunction): void {
  type.dict.setStr(name, new PyStaticBuiltin(name, fn));
}

export const staticBuiltinType = makeBuiltinType("staticmethod_builtin", objectType, 0);
export class PyStaticBuiltin extends PyObject {
  declare readonly name: string;
  declare readonly fn: NativeFunction;
  constructor(name: string, fn: NativeFunction) {
    super(staticBuiltinType);
    this.name = name;
    this.fn = fn;
  }
}

export function defineGetSet(
  type: PyType, name: string, get: (obj: PyObj) => PyObj,
  set: ((obj: PyObj, value: PyObj | null) => void) | null = null, doc: string | null = null,
): void {
  type.dict.setStr(name, new PyGetSetDescr(type, name, get, set, doc));
}

export function defineFunction(dictHolder: { setStr(name: string, v: PyObj): void }, name: string, fn: NativeFunction, module: string | null = null): PyBuiltinFunction {
  const f = new PyBuiltinFunction(name, fn, null, name, module);
  dictHolder.setStr(name, f);
  return f;
}

// Descriptor protocol of these objects (slots).
methodDescrType.tp_descr_get = (descr, obj) => {
  if (obj === null) return descr; // None is an instance too (NoneType's methods)
  const d = descr as PyMethodDescr;
  return new PyBuiltinFunction(d.name, (args, kw) => d.fn(obj, args, kw), obj, `${d.owner.name}.${d.name}`, null, d.doc);
};
classMethodDescrType.tp_descr_get = (descr, obj, type) => {
  const d = descr as PyMethodDescr;
  const cls: PyObj = type ?? typeOf(obj as PyObj);
  return new PyBuiltinFunction(d.name, (args, kw) => d.fn(cls, args, kw), cls, `${d.owner.name}.${d.name}`, null, d.doc);
};
staticBuiltinType.tp_descr_get = (descr) => {
  const d = descr as PyStaticBuiltin;
  return new PyBuiltinFunction(d.name, d.fn);
};
getsetDescrType.tp_descr_get = (descr, obj) => {
  if (obj === null) return descr;
  return (descr as PyGetSetDescr).get(obj);
};
getsetDescrType.tp_descr_set = (descr, obj, value) => {
  const d = descr as PyGetSetDescr;
  if (d.set === null) throw attributeErrorHook(`attribute '${d.name}' of '${d.owner.name}' objects is not writable`);
  d.set(obj, value);
};
builtinFunctionType.tp_call = (f, args, kw) => (f as PyBuiltinFunction).fn(args, kw);
staticBuiltinType.tp_call = (f, args, kw) => (f as PyStaticBuiltin).fn(args, kw);
methodDescrType.tp_call = (descr, args, kw) => {
  const d = descr as PyMethodDescr;
  if (args.length === 0 || (kw !== null && args.length === kw.length)) {
    throw typeErrorHook(`unbound method ${d.owner.name}.${d.name}() needs an argument`);
  }
  checkDescrSelf(d, args[0]);
  return d.fn(args[0], args.slice(1), kw);
};

/** CPython's descr_check: a method descriptor called on an object of another type. */
export function checkDescrSelf(d: PyMethodDescr, self: PyObj): void {
  const t = typeOf(self);
  if (t !== d.owner && !t.isSubtypeOf(d.owner)) {
    throw typeErrorHook(`descriptor '${d.name}' for '${d.owner.name}' objects doesn't apply to a '${t.name}' object`);
  }
}

/** Set by exceptions.ts (which imports this file) to build errors without a cycle. */
export let typeErrorHook: (msg: string) => PyObject = () => { throw new Error("uninitialised"); };
export let attributeErrorHook: (msg: string) => PyObject = () => { throw new Error("uninitialised"); };
export function setErrorHooks(te: (msg: string) => PyObject, ae: (msg: string) => PyObject): void {
  typeErrorHook = te;
  attributeErrorHook = ae;
}
