// The abstract object protocols (CPython's Objects/abstract.c and object.c): attribute
// access, calls, operators, comparison, truth, hashing, iteration, subscription, repr.
// Everything here dispatches on type slots; the eval loop adds fast paths before these.
import { uIsPrintableCp } from "./unicode.js";
import {
  PyObject, PyObj, PyType, KwNames, typeOf, None, NotImplemented, PyFloat, intType, floatType,
  strType, runtimeHooks, identityId, PyIntSubclassObj, PyStrSubclassObj, NB_COUNT, bytesType, bytearrayType,
  listType, tupleType,
} from "./core.js";
import { PyDict, newInstanceDict } from "./dict.js";
import {
  PyBaseException, typeError, attributeError, AttributeError, StopIteration, newException,
  TypeError as TypeErrorType, indexError, overflowError, keyError, DeprecationWarning as DeprecationWarningType,
  setExcField, excField,
} from "./exceptions.js";
import { NB_SYMBOLS, intBinary, floatBinary, intValueOf, floatValueOf, NB, swapOp, intToDecimal } from "./number.js";
import { PyTuple, PyList } from "./sequence.js";

export const COMPARE_SYMBOLS = ["<", "<=", "==", "!=", ">", ">="];

// ---- attributes ----

/** Generic attribute lookup (object.__getattribute__); null when not found. */
export function genericGetAttr(obj: PyObj, name: string): PyObj | null {
  const t = typeOf(obj);
  const descr = t.lookup(name);
  let getter = null;
  if (descr !== null) {
    const dt = typeOf(descr);
    getter = dt.tp_descr_get;
    if (getter !== null && dt.tp_descr_set !== null) return getter(descr, obj, t);
  }
  if (typeof obj === "object" && obj.dict !== null) {
    const v = obj.dict.getStr(name);
    if (v !== undefined) return v;
  }
  if (getter !== null) return getter(descr!, obj, t);
  return descr;
}

export function noAttribute(obj: PyObj, name: string): PyBaseException {
  const e = attributeError(
    obj instanceof PyType
      ? `type object '${obj.name}' has no attribute '${name}'`
      : obj instanceof PyObject && obj.type.name === "module"
        ? `module '${moduleName(obj)}' has no attribute '${name}'`
        : `'${typeOf(obj).name}' object has no attribute '${name}'`,
  );
  setAttrErrorDetails(e, obj, name);
  return e;
}
function moduleName(m: PyObject): string {
  const n = m.dict?.getStr("__name__");
  return typeof n === "string" ? n : "?";
}
function setAttrErrorDetails(e: PyBaseException, obj: PyObj, name: string): void {
  setExcField(e, "name", name);
  setExcField(e, "obj", obj);
}

export function getAttr(obj: PyObj, name: string): PyObj {
  const t = typeOf(obj);
  let r: PyObj | null;
  if (t.tp_getattro === null) {
    r = genericGetAttr(obj, name);
  } else {
    try {
      r = t.tp_getattro(obj, name);
    } catch (e) {
      throw withAttributeErrorContext(e, obj, name);
    }
  }
  if (r === null) throw noAttribute(obj, name);
  return r;
}

/**
 * An AttributeError leaving a type's getattr (a __getattr__ raising AttributeError(n))
 * gets the name and object looked up when it has neither, as PyObject_GetAttr's
 * set_attribute_error_context does (tracebacks' "Did you mean" use them). Returns `e`.
 */
export function withAttributeErrorContext(e: unknown, obj: PyObj, name: string): unknown {
  if (e instanceof PyBaseException && e.type.isSubtypeOf(AttributeError) &&
      excField(e, "name") === None && excField(e, "obj") === None) {
    setAttrErrorDetails(e, obj, name);
  }
  return e;
}

/** getattr(obj, name, default) semantics: null when an AttributeError was raised. */
export function getAttrOrNull(obj: PyObj, name: string): PyObj | null {
  const t = typeOf(obj);
  try {
    return t.tp_getattro === null ? genericGetAttr(obj, name) : t.tp_getattro(obj, name);
  } catch (e) {
    if (e instanceof PyBaseException && e.type.isSubtypeOf(AttributeError)) return null;
    throw e;
  }
}

export function genericSetAttr(obj: PyObj, name: string, value: PyObj | null): void {
  const t = typeOf(obj);
  const descr = t.lookup(name);
  if (descr !== null) {
    const setter = typeOf(descr).tp_descr_set;
    if (setter !== null) {
      setter(descr, obj, value);
      return;
    }
  }
  // (An instance dict is made when first needed, as _PyObject_GetDictPtr's users do.)
  if (typeof obj === "object" && obj.dict === null && t.instancesHaveDict) obj.dict = newInstanceDict();
  if (typeof obj === "object" && obj.dict !== null) {
    if (value === null) {
      if (obj.dict.delete(name) === undefined) throw noAttribute(obj, name);
    } else {
      obj.dict.setStr(name, value);
    }
    return;
  }
  if (descr === null) {
    const e = attributeError(
      t.slotNames !== null
        ? `'${t.name}' object has no attribute '${name}' and no __dict__ for setting new attributes`
        : `'${t.name}' object has no attribute '${name}' and no __dict__ for setting new attributes`,
    );
    setAttrErrorDetails(e, obj, name);
    throw e;
  }
  throw attributeError(`'${t.name}' object attribute '${name}' is read-only`);
}

export function setAttr(obj: PyObj, name: string, value: PyObj | null): void {
  const t = typeOf(obj);
  if (t.tp_setattro === null) genericSetAttr(obj, name, value);
  else t.tp_setattro(obj, name, value);
}

// ---- calls ----

export function call(callable: PyObj, args: PyObj[], kwnames: KwNames = null): PyObj {
  return runtimeHooks.call(callable, args, kwnames);
}

/** call() with one / two positional arguments (the VM's fixed-arity paths, no array). */
export function call1(callable: PyObj, a: PyObj): PyObj {
  return runtimeHooks.call1(callable, a);
}
export function call2(callable: PyObj, a: PyObj, b: PyObj): PyObj {
  return runtimeHooks.call2(callable, a, b);
}

/** callSpecial with one argument: type(obj).method(obj, arg) for a method found on the type. */
export function callSpecial1(obj: PyObj, descr: PyObj, arg: PyObj): PyObj {
  if (typeof descr === "object" && descr.type === functionTypeRef) return runtimeHooks.call2(descr, obj, arg);
  return callSpecial(obj, descr, [arg]);
}

/** Calls a method found on the type (a dunder): type(obj).name(obj, *args). */
export function callMethod(obj: PyObj, name: string, args: PyObj[]): PyObj {
  return call(getAttr(obj, name), args);
}

/** Looks a special method up on the type and binds it; null if absent. */
export function lookupSpecial(obj: PyObj, name: string): PyObj | null {
  const t = typeOf(obj);
  const descr = t.lookup(name);
  if (descr === null) return null;
  const getter = typeOf(descr).tp_descr_get;
  return getter === null ? descr : getter(descr, obj, t);
}

/** Calls type(obj).name(obj, ...args) with no binding allocation when possible. */
export function callSpecial(obj: PyObj, descr: PyObj, args: PyObj[]): PyObj {
  // A plain Python function is called unbound with obj first: same result as binding
  // (function.__get__ makes a method whose call prepends obj), without the method object.
  if (typeof descr === "object" && descr.type === functionTypeRef) {
    const all = new Array<PyObj>(args.length + 1);
    all[0] = obj;
    for (let i = 0; i < args.length; i++) all[i + 1] = args[i];
    return call(descr, all);
  }
  const getter = typeOf(descr).tp_descr_get;
  if (getter === null) return call(descr, [obj, ...args]);
  return call(getter(descr, obj, typeOf(obj)), args);
}

// ---- repr / str / format ----

let reprDepth = 0;
export function repr(v: PyObj): string {
  switch (typeof v) {
    case "number":
      return String(v);
    case "bigint":
      return intToDecimal(v); // the 4300-digit conversion limit
    case "string":
      return strRepr(v);
    case "boolean":
      return v ? "True" : "False";
  }
  const slot = v.type.tp_repr;
  if (slot === null) return defaultRepr(v);
  if (++reprDepth > 900) {
    reprDepth = 0;
    throw newException(RecursionErrorRef(), "maximum recursion depth exceeded while getting the repr of an object");
  }
  try {
    return slot(v);
  } finally {
    reprDepth--;
  }
}
let recursionErrorType: PyType | null = null;
/** The `function` type (set at start-up; function.ts imports this file). */
let functionTypeRef: PyType | null = null;
export function setFunctionTypeRef(t: PyType): void {
  functionTypeRef = t;
}
function RecursionErrorRef(): PyType {
  return recursionErrorType!;
}
export function setRecursionErrorType(t: PyType): void {
  recursionErrorType = t;
}

export function defaultRepr(v: PyObject): string {
  const t = v.type;
  const mod = t.dict.getStr("__module__");
  const prefix = typeof mod === "string" && mod !== "builtins" ? mod + "." : "";
  return `<${prefix}${t.qualname} object at 0x${(0x7f0000000000 + identityId(v) * 16).toString(16)}>`;
}

export function str(v: PyObj): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "bigint") return intToDecimal(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  const slot = v.type.tp_str;
  if (slot !== null) return slot(v);
  return repr(v);
}

/** repr of a str: CPython's quote choice and escapes. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      const cp = s.codePointAt(i)!;
      out += isPrintable(cp) ? s.slice(i, i + 2) : "\\U" + cp.toString(16).padStart(8, "0");
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += isPrintable(c) ? ch : c < 0x100 ? "\\x" + c.toString(16).padStart(2, "0") : "\\u" + c.toString(16).padStart(4, "0");
  }
  return out + quote;
}
/** CPython's Py_UNICODE_ISPRINTABLE (its Unicode 15.1 database, not the ICU's). */
const isPrintable = uIsPrintableCp;

// ---- truth, hash, len ----

export function isTrue(v: PyObj): boolean {
  switch (typeof v) {
    case "boolean":
      return v;
    case "number":
      return v !== 0;
    case "string":
      return v.length !== 0;
    case "bigint":
      return v !== 0n;
  }
  if (v === None) return false;
  const t = v.type;
  if (t.nb_bool !== null) return t.nb_bool(v);
  if (t.sq_length !== null) return t.sq_length(v) !== 0;
  return true;
}

export function hash(v: PyObj): number {
  const t = typeOf(v);
  if (t.tp_hash === null) throw typeError(`unhashable type: '${t.name}'`);
  return t.tp_hash(v);
}

export function len(v: PyObj): number {
  if (typeof v === "string") return strLen(v);
  const t = typeOf(v);
  if (t.sq_length === null) throw typeError(`object of type '${t.name}' has no len()`);
  return t.sq_length(v);
}

const surrogateRe = /[\ud800-\udfff]/;
/** Python's len of a str: code points (JS length when there are no surrogates). */
export function strLen(s: string): number {
  if (!surrogateRe.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
export function hasSurrogates(s: string): boolean {
  return surrogateRe.test(s);
}

// ---- comparison ----

export function richCompare(a: PyObj, b: PyObj, op: number): PyObj {
  // Fast paths.
  if (typeof a === "number" && typeof b === "number") return compareOp(a, b, op);
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b, op);
  const ta = typeOf(a);
  const tb = typeOf(b);
  let checkedReverse = false;
  if (ta !== tb && tb.tp_richcompare !== null && tb.isSubtypeOf(ta) && tb.tp_richcompare !== ta.tp_richcompare) {
    checkedReverse = true;
    const r = tb.tp_richcompare(b, a, swapOp(op));
    if (r !== NotImplemented) return r;
  }
  if (ta.tp_richcompare !== null) {
    const r = ta.tp_richcompare(a, b, op);
    if (r !== NotImplemented) return r;
  }
  if (!checkedReverse && tb.tp_richcompare !== null) {
    const r = tb.tp_richcompare(b, a, swapOp(op));
    if (r !== NotImplemented) return r;
  }
  if (op === 2) return a === b;
  if (op === 3) return a !== b;
  throw typeError(`'${COMPARE_SYMBOLS[op]}' not supported between instances of '${ta.name}' and '${tb.name}'`);
}

function compareOp(a: number, b: number, op: number): boolean {
  switch (op) {
    case 0: return a < b;
    case 1: return a <= b;
    case 2: return a === b;
    case 3: return a !== b;
    case 4: return a > b;
    default: return a >= b;
  }
}
/** Compares strings by code point (JS compares UTF-16 units, which differs beyond the BMP). */
export function compareStrings(a: string, b: string, op: number): boolean {
  if (op === 2) return a === b;
  if (op === 3) return a !== b;
  let c: number;
  if (a === b) c = 0;
  else if (!surrogateRe.test(a) && !surrogateRe.test(b)) c = a < b ? -1 : 1;
  else c = codePointCompare(a, b);
  switch (op) {
    case 0: return c < 0;
    case 1: return c <= 0;
    case 4: return c > 0;
    default: return c >= 0;
  }
}
function codePointCompare(a: string, b: string): number {
  const ia = a[Symbol.iterator](), ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next(), y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0)!, cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

export function compareBool(a: PyObj, b: PyObj, op: number): boolean {
  const r = richCompare(a, b, op);
  return typeof r === "boolean" ? r : isTrue(r);
}

/** a == b, with the identity shortcut containers use (PyObject_RichCompareBool). */
export function eq(a: PyObj, b: PyObj): boolean {
  if (a === b) return !(a instanceof PyFloat && a.value !== a.value);
  if (typeof a === "number" && typeof b === "number") return false;
  if (typeof a === "string" && typeof b === "string") return false;
  const r = richCompare(a, b, 2);
  return typeof r === "boolean" ? r : isTrue(r);
}
export function eqIdentity(a: PyObj, b: PyObj): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return false;
  if (typeof a === "string" && typeof b === "string") return false;
  const r = richCompare(a, b, 2);
  return typeof r === "boolean" ? r : isTrue(r);
}

// ---- binary operators ----

export function binaryOp(a: PyObj, b: PyObj, op: number): PyObj {
  const r = binaryOp1(a, b, op);
  if (r !== NotImplemented) return r;
  throw binaryOpError(a, b, op, "");
}

function binaryOp1(a: PyObj, b: PyObj, op: number): PyObj {
  const ta = typeOf(a);
  const tb = typeOf(b);
  const slotA = ta.nb_binary[op];
  let slotB = tb !== ta ? tb.nb_binary[op] : null;
  if (slotB === slotA) slotB = null;
  if (slotA !== null) {
    if (slotB !== null && tb.isSubtypeOf(ta)) {
      const r = slotB(a, b);
      if (r !== NotImplemented) return r;
      slotB = null;
    }
    const r = slotA(a, b);
    if (r !== NotImplemented) return r;
  }
  if (slotB !== null) return slotB(a, b);
  // Sequence concatenation and repetition fallbacks.
  return NotImplemented;
}

export function binaryOpError(a: PyObj, b: PyObj, op: number, suffix: string): PyBaseException {
  const sym = op === NB.POWER && suffix === "" ? "** or pow()" : NB_SYMBOLS[op] + suffix;
  if (op === NB.ADD && suffix === "" && typeof a === "string") {
    return typeError(`can only concatenate str (not "${typeOf(b).name}") to str`);
  }
  if (op === NB.ADD && a instanceof PyList && !(b instanceof PyList)) {
    return typeError(`can only concatenate list (not "${typeOf(b).name}") to list`);
  }
  if (op === NB.ADD && a instanceof PyTuple && !(b instanceof PyTuple)) {
    return typeError(`can only concatenate tuple (not "${typeOf(b).name}") to tuple`);
  }
  // sequence_repeat: the left operand's sequence wins (str, list, tuple, bytes, bytearray)
  const isSeq = (x: PyObj) => typeof x === "string" || x instanceof PyList || x instanceof PyTuple ||
    typeOf(x).isSubtypeOf(bytesType) || typeOf(x).isSubtypeOf(bytearrayType);
  if (op === NB.MULTIPLY && isSeq(a) && typeOf(b).nb_index === null) {
    return typeError(`can't multiply sequence by non-int of type '${typeOf(b).name}'`);
  }
  if (op === NB.MULTIPLY && isSeq(b) && typeOf(a).nb_index === null) {
    return typeError(`can't multiply sequence by non-int of type '${typeOf(a).name}'`);
  }
  return typeError(`unsupported operand type(s) for ${sym}: '${typeOf(a).name}' and '${typeOf(b).name}'`);
}

export function inplaceOp(a: PyObj, b: PyObj, op: number): PyObj {
  const slot = typeOf(a).nb_inplace[op];
  if (slot !== null) {
    const r = slot(a, b);
    if (r !== NotImplemented) return r;
  }
  const r = binaryOp1(a, b, op);
  if (r !== NotImplemented) return r;
  throw binaryOpError(a, b, op, "=");
}

/** BINARY_OP: the eval loop's entry, with fast paths for int, float and str. */
export function binaryOpFull(a: PyObj, b: PyObj, oparg: number): PyObj {
  if (oparg >= NB_COUNT) return inplaceOp(a, b, oparg - NB_COUNT);
  return binaryOp(a, b, oparg);
}

export function unaryNegative(v: PyObj): PyObj {
  const t = typeOf(v);
  if (t.nb_negative === null) throw typeError(`bad operand type for unary -: '${t.name}'`);
  return t.nb_negative(v);
}
export function unaryPositive(v: PyObj): PyObj {
  const t = typeOf(v);
  if (t.nb_positive === null) throw typeError(`bad operand type for unary +: '${t.name}'`);
  return t.nb_positive(v);
}
export function unaryInvert(v: PyObj): PyObj {
  const t = typeOf(v);
  if (t.nb_invert === null) throw typeError(`bad operand type for unary ~: '${t.name}'`);
  return t.nb_invert(v);
}

/** operator.index(): the int value of an object with __index__. */
export function index(v: PyObj): number | bigint {
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const t = typeOf(v);
  if (t.nb_index === null) {
    throw typeError(`'${t.name}' object cannot be interpreted as an integer`);
  }
  const r = t.nb_index(v);
  if (typeof r === "number" || typeof r === "bigint") return r;
  const iv = intValueOf(r);
  if (iv === null) throw typeError(`__index__ returned non-int (type ${typeOf(r).name})`);
  warnIntSubclassResult("__index__", r);
  return iv;
}

/** PyErr_WarnEx: a warning through the warnings module (none before it can load). */
export function warn(category: PyType, message: string, stacklevel = 1): void {
  runtimeHooks.warn?.(category, message, stacklevel);
}

/** The DeprecationWarning for a __index__/__int__ that returned a bool or int subclass. */
export function warnIntSubclassResult(method: string, result: PyObj): void {
  warn(DeprecationWarningType, `${method} returned non-int (type ${typeOf(result).name}).  ` +
    "The ability to return an instance of a strict subclass of int is deprecated, " +
    "and may be removed in a future version of Python.");
}

/** An index as a JS number (for sequences); huge values raise IndexError-style overflow. */
export function indexAsNumber(v: PyObj, what = "cannot fit 'int' into an index-sized integer"): number {
  const i = index(v);
  if (typeof i === "bigint") throw newException(IndexErrorRef(), what);
  return i;
}
function IndexErrorRef(): PyType {
  return indexError("").type;
}

// ---- iteration ----

export function getIter(v: PyObj): PyObj {
  const t = typeOf(v);
  if (t.tp_iter !== null) {
    const it = t.tp_iter(v);
    if (typeOf(it).tp_iternext === null) {
      throw typeError(`iter() returned non-iterator of type '${typeOf(it).name}'`);
    }
    return it;
  }
  if (t.mp_subscript !== null && t !== dictTypeRef()) return makeSeqIter(v);
  throw typeError(`'${t.name}' object is not iterable`);
}
let seqIterFactory: ((v: PyObj) => PyObj) | null = null;
export function setSeqIterFactory(f: (v: PyObj) => PyObj): void {
  seqIterFactory = f;
}
function makeSeqIter(v: PyObj): PyObj {
  return seqIterFactory!(v);
}
let dictTypeHolder: PyType | null = null;
function dictTypeRef(): PyType | null {
  return dictTypeHolder;
}
export function setDictTypeRef(t: PyType): void {
  dictTypeHolder = t;
}

/** Next item or null at the end (StopIteration from Python code is absorbed). */
export function iterNext(it: PyObj): PyObj | null {
  const t = typeOf(it);
  if (t.tp_iternext === null) throw typeError(`'${t.name}' object is not an iterator`);
  return t.tp_iternext(it);
}

/** All items of an iterable as a fresh JS array. */
export function toArray(v: PyObj): PyObj[] {
  // PySequence_Fast's shortcut is for exact lists/tuples: a subclass may override
  // __iter__ (or __len__, which the iteration asks for a length hint).
  if ((v instanceof PyList && v.type === listType) || (v instanceof PyTuple && v.type === tupleType)) return v.items.slice();
  if (typeof v === "string") return Array.from(v);
  const it = getIter(v);
  const out: PyObj[] = [];
  const next = typeOf(it).tp_iternext!;
  for (;;) {
    const x = next(it);
    if (x === null) return out;
    out.push(x);
  }
}

/** Items of an iterable without copying lists/tuples (the caller must not mutate). */
export function toArrayShared(v: PyObj): readonly PyObj[] {
  if ((v instanceof PyList && v.type === listType) || (v instanceof PyTuple && v.type === tupleType)) return v.items;
  return toArray(v);
}

// ---- subscription ----

export function getItem(obj: PyObj, key: PyObj): PyObj {
  const t = typeOf(obj);
  if (t.mp_subscript !== null) return t.mp_subscript(obj, key);
  if (t === typeTypeRef() || obj instanceof PyType) {
    const cg = (obj as PyType).lookup("__class_getitem__") ?? (obj as PyType).dict.getStr("__class_getitem__") ?? null;
    if (cg !== null) return call(bindClassGetItem(cg, obj as PyType), [key]);
    throw typeError(`type '${(obj as PyType).name}' is not subscriptable`);
  }
  throw typeError(`'${t.name}' object is not subscriptable`);
}
function bindClassGetItem(cg: PyObj, cls: PyType): PyObj {
  const g = typeOf(cg).tp_descr_get;
  return g === null ? cg : g(cg, None, cls);
}
let typeTypeHolder: PyType | null = null;
function typeTypeRef(): PyType | null {
  return typeTypeHolder;
}
export function setTypeTypeRef(t: PyType): void {
  typeTypeHolder = t;
}

export function setItem(obj: PyObj, key: PyObj, value: PyObj): void {
  const t = typeOf(obj);
  if (t.mp_ass_subscript === null) throw typeError(`'${t.name}' object does not support item assignment`);
  t.mp_ass_subscript(obj, key, value);
}
export function delItem(obj: PyObj, key: PyObj): void {
  const t = typeOf(obj);
  if (t.mp_ass_subscript === null) throw typeError(`'${t.name}' object doesn't support item deletion`);
  t.mp_ass_subscript(obj, key, null);
}

export function contains(container: PyObj, item: PyObj): boolean {
  const t = typeOf(container);
  if (t.sq_contains !== null) return t.sq_contains(container, item);
  if (t.tp_iter === null && t.mp_subscript === null) {
    throw typeError(`argument of type '${t.name}' is not iterable`);
  }
  const it = getIter(container);
  const next = typeOf(it).tp_iternext!;
  for (;;) {
    const x = next(it);
    if (x === null) return false;
    if (eqIdentity(x, item)) return true;
  }
}

// ---- conversions ----

export function asFloat(v: PyObj): number {
  if (v instanceof PyFloat) return v.value;
  const f = floatValueOf(v);
  if (f !== null) return f;
  const t = typeOf(v);
  if (t.nb_float !== null) {
    const r = t.nb_float(v);
    if (!(r instanceof PyFloat)) throw typeError(`${t.name}.__float__ returned non-float (type ${typeOf(r).name})`);
    return r.value;
  }
  if (t.nb_index !== null) return Number(index(v));
  throw typeError(`must be real number, not ${t.name}`);
}

/** The argument of a __format__ method: exactly one str (the argument clinic's messages). */
export function formatSpecArg(args: PyObj[]): string {
  if (args.length !== 1) throw typeError(`__format__() takes exactly one argument (${args.length} given)`);
  const spec = asStringValue(args[0]);
  if (spec === null) throw typeError(`__format__() argument must be str, not ${args[0] === None ? "None" : typeOf(args[0]).name}`);
  return spec;
}

export function asStringValue(v: PyObj): string | null {
  if (typeof v === "string") return v;
  if (v instanceof PyStrSubclassObj) return v.value;
  return null;
}

export function isIntLike(v: PyObj): boolean {
  return typeof v === "number" || typeof v === "bigint" || typeof v === "boolean" || v instanceof PyIntSubclassObj;
}

// ---- isinstance / issubclass (PyObject_IsInstance, PyObject_IsSubclass) ----

function isUnionType(v: PyObj): boolean {
  const n = typeOf(v).name;
  return n === "UnionType" || n === "types.UnionType";
}

/** The `__bases__` of a class-like object, or null when it has none (or not a tuple). */
function basesOf(c: PyObj): PyTuple | null {
  const b = getAttrOrNull(c, "__bases__");
  return b instanceof PyTuple ? b : null;
}

/** issubclass() for objects that are not types: a walk of `__bases__` (abstract_issubclass). */
function abstractIsSubclass(derived: PyObj, cls: PyObj): boolean {
  for (;;) {
    if (derived === cls) return true;
    const bases = basesOf(derived);
    if (bases === null || bases.items.length === 0) return false;
    if (bases.items.length === 1) {
      derived = bases.items[0];
      continue;
    }
    for (const b of bases.items) if (abstractIsSubclass(b, cls)) return true;
    return false;
  }
}

/** The check of type.__instancecheck__: the real type, then `__class__` (object_isinstance). */
export function objectIsInstance(obj: PyObj, cls: PyObj): boolean {
  if (cls instanceof PyType) {
    const t = typeOf(obj);
    if (t.isSubtypeOf(cls)) return true;
    const klass = getAttrOrNull(obj, "__class__");
    return klass !== t && klass instanceof PyType && klass.isSubtypeOf(cls);
  }
  if (basesOf(cls) === null) throw typeError("isinstance() arg 2 must be a type, a tuple of types, or a union");
  const klass = getAttrOrNull(obj, "__class__");
  return klass !== null && abstractIsSubclass(klass, cls);
}

/** The check of type.__subclasscheck__ (recursive_issubclass). */
export function objectIsSubclass(derived: PyObj, cls: PyObj): boolean {
  if (derived instanceof PyType && cls instanceof PyType) return derived.isSubtypeOf(cls);
  if (basesOf(derived) === null) throw typeError("issubclass() arg 1 must be a class");
  if (!isUnionType(cls) && basesOf(cls) === null) {
    throw typeError("issubclass() arg 2 must be a class, a tuple of classes, or a union");
  }
  return abstractIsSubclass(derived, cls);
}

/** isinstance(obj, cls): exact type, then the metaclass's __instancecheck__, tuples and unions. */
export function isInstance(obj: PyObj, cls: PyObj): boolean {
  if (typeOf(obj) === cls) return true;
  if (cls instanceof PyType && cls.type === typeTypeHolder) return objectIsInstance(obj, cls);
  if (isUnionType(cls)) cls = getAttr(cls, "__args__");
  if (cls instanceof PyTuple) {
    for (const c of cls.items) if (isInstance(obj, c)) return true;
    return false;
  }
  const meta = typeOf(cls);
  const check = meta.lookup("__instancecheck__");
  if (check === null) return objectIsInstance(obj, cls);
  // type's own __instancecheck__ needs no call.
  if (check === typeInstanceCheck) return objectIsInstance(obj, cls);
  return isTrue(callSpecial(cls, check, [obj]));
}

/** issubclass(derived, cls), as PyObject_IsSubclass. */
export function isSubclass(derived: PyObj, cls: PyObj): boolean {
  if (cls instanceof PyType && cls.type === typeTypeHolder) return derived === cls || objectIsSubclass(derived, cls);
  if (isUnionType(cls)) cls = getAttr(cls, "__args__");
  if (cls instanceof PyTuple) {
    for (const c of cls.items) if (isSubclass(derived, c)) return true;
    return false;
  }
  const check = typeOf(cls).lookup("__subclasscheck__");
  if (check === null || check === typeSubclassCheck) return objectIsSubclass(derived, cls);
  return isTrue(callSpecial(cls, check, [derived]));
}

let typeInstanceCheck: PyObj | null = null;
let typeSubclassCheck: PyObj | null = null;
/** Called once type's methods exist (typeobject.ts): the checks above skip calling them. */
export function setTypeChecks(instanceCheck: PyObj, subclassCheck: PyObj): void {
  typeInstanceCheck = instanceCheck;
  typeSubclassCheck = subclassCheck;
}
