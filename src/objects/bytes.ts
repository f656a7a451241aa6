// bytes, bytearray and a basic memoryview (bytesobject.c, bytearrayobject.c,
// bytes_methods.c, memoryobject.c). The text-like methods run on latin-1 JS strings
// (one char per byte) with ASCII-only character classes, as CPython's bytes methods.
import {
  PyObject, PyObj, PyType, KwNames, bytesType, bytearrayType, objectType, None, NotImplemented,
  typeOf, makeBuiltinType, TypeFlag, PyStrSubclassObj,
} from "./core.js";
import { defineMethod, defineClassMethod, defineGetSet, defineStatic } from "./descr.js";
import { typeError, valueError, indexError, overflowError, newException, MemoryError } from "./exceptions.js";
import {
  repr, index, indexAsNumber, asStringValue, getIter, iterNext, lookupSpecial, call, isTrue,
} from "./abstract.js";
import { NB } from "./number.js";
import { PyTuple, PyList, PySlice, sliceIndices, newTuple } from "./sequence.js";
import { PyDict } from "./dict.js";
import { percentFormat } from "./format.js";
import { hashBytesInto, hashAsSlotNumber, registerExactHash } from "./hash.js";

export class PyBytes extends PyObject {
  declare readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array, type: PyType = bytesType) {
    super(type);
    this.bytes = bytes;
  }
}

/** bytearray: `bytes` is a view of the first `length` bytes of a growable buffer. */
export class PyByteArray extends PyBytes {
  declare bytes: Uint8Array;
  declare buf: Uint8Array;
  /** Exports (memoryviews) block resizing, as CPython's ob_exports. */
  declare exports: number;
  constructor(bytes: Uint8Array, type: PyType = bytearrayType) {
    super(bytes, type);
    this.buf = bytes;
    this.exports = 0;
  }
  setLength(n: number): void {
    if (n > this.buf.length) {
      const nb = new Uint8Array(Math.max(n, this.buf.length * 2, 16));
      nb.set(this.bytes);
      this.buf = nb;
    }
    this.bytes = this.buf.subarray(0, n);
  }
  replaceAll(data: Uint8Array): void {
    this.buf = data;
    this.bytes = data;
  }
}

export const memoryviewType = makeBuiltinType("memoryview", objectType, TypeFlag.SEQUENCE);
export class PyMemoryView extends PyObject {
  declare readonly obj: PyObj;
  declare view: Uint8Array;
  declare readonly readonly: boolean;
  declare released: boolean;
  constructor(obj: PyObj, view: Uint8Array, ro: boolean) {
    super(memoryviewType);
    this.obj = obj;
    this.view = view;
    this.readonly = ro;
    this.released = false;
  }
}

export const bytesIterType = makeBuiltinType("bytes_iterator", objectType, 0);
export const bytearrayIterType = makeBuiltinType("bytearray_iterator", objectType, 0);
export class PyBytesIter extends PyObject {
  declare pos: number;
  declare readonly src: PyBytes;
  constructor(type: PyType, src: PyBytes) {
    super(type);
    this.src = src;
    this.pos = 0;
  }
}

// ---- helpers ----

/** The bytes of a bytes-like object (bytes, bytearray, memoryview), or null. */
export function bufferOf(v: PyObj): Uint8Array | null {
  if (v instanceof PyBytes) return v.bytes;
  if (v instanceof PyMemoryView) {
    if (v.released) throw valueError("operation forbidden on released memoryview object");
    return v.view;
  }
  // A class defining __buffer__ (PEP 688) is bytes-like; so are the Python-written
  // buffer types of TSPython's native modules (array.array).
  if (typeof v === "object" && v.type.flags & TypeFlag.HEAPTYPE) {
    const getBuffer = lookupSpecial(v, "__buffer__");
    if (getBuffer !== null) {
      const view = call(getBuffer, [0]);
      if (!(view instanceof PyMemoryView)) throw typeError("__buffer__ returned non-memoryview object");
      return bufferOf(view);
    }
  }
  return null;
}
function needBuffer(v: PyObj, msg?: string): Uint8Array {
  const b = bufferOf(v);
  if (b === null) throw typeError(msg ?? `a bytes-like object is required, not '${typeOf(v).name}'`);
  return b;
}
/** Bytes as a latin-1 string (apply, not spread: no iterator protocol per byte). */
const L = (b: Uint8Array): string => {
  if (b.length <= 8192) return String.fromCharCode.apply(null, b as unknown as number[]);
  let s = "";
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]);
  return s;
};
const U = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
};
const isBA = (v: PyObj): boolean => v instanceof PyByteArray;
/** A result of a method of `self`: bytearray for bytearrays, bytes otherwise. */
function mk(self: PyObj, data: Uint8Array): PyBytes {
  return isBA(self) ? new PyByteArray(data) : new PyBytes(data);
}
const mkS = (self: PyObj, s: string): PyBytes => mk(self, U(s));

export function bytesRepr(b: Uint8Array, prefix = "b"): string {
  let hasSingle = false, hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    if (c === 0x22) hasDouble = true;
  }
  const q = hasSingle && !hasDouble ? '"' : "'";
  let out = prefix + q;
  for (const c of b) {
    if (c === 0x5c) out += "\\\\";
    else if (String.fromCharCode(c) === q) out += "\\" + q;
    else if (c === 0x09) out += "\\t";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c < 0x20 || c >= 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += String.fromCharCode(c);
  }
  return out + q;
}
function selfRepr(v: PyObj): string {
  const b = (v as PyBytes).bytes;
  if (v instanceof PyByteArray) return `${v.type.name}(${bytesRepr(b)})`;
  return bytesRepr(b);
}

const isSpaceB = (c: number) => c === 32 || (c >= 9 && c <= 13);
const isLowerB = (c: number) => c >= 97 && c <= 122;
const isUpperB = (c: number) => c >= 65 && c <= 90;
const isAlphaB = (c: number) => isLowerB(c) || isUpperB(c);
const isDigitB = (c: number) => c >= 48 && c <= 57;
const lowerS = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const upperS = (s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase());

/** A single byte value from an int argument (find/count/index/contains accept one). */
function byteValue(v: PyObj): number {
  const n = index(v);
  if (typeof n === "bigint" || n < 0 || n > 255) throw valueError("byte must be in range(0, 256)");
  return n;
}
/** The sub argument of find/count/...: bytes-like or an int byte. */
function subArg(v: PyObj): string {
  const b = bufferOf(v);
  if (b !== null) return L(b);
  if (typeOf(v).nb_index === null) throw typeError(`argument should be integer or bytes-like object, not '${typeOf(v).name}'`);
  return String.fromCharCode(byteValue(v));
}

/** (start, end) of find/count/startswith (ADJUST_INDICES); ok false when nothing can match. */
/** A start/end argument: int, None or __index__ (huge values clamp). */
function sliceArg(v: PyObj): number {
  if (typeOf(v).nb_index === null) throw typeError("slice indices must be integers or None or have an __index__ method");
  const n = index(v);
  if (typeof n === "bigint") return n < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  return n;
}
/** A Py_ssize_t argument (widths): OverflowError beyond sys.maxsize. */
function ssizeArg(v: PyObj): number {
  const n = index(v);
  if (typeof n === "bigint") throw overflowError("Python int too large to convert to C ssize_t");
  return n;
}

function span(n: number, args: PyObj[], from: number): [number, number, boolean] {
  const sv = args[from], ev = args[from + 1];
  let a = 0, b = n;
  if (sv !== undefined && sv !== None) {
    a = sliceArg(sv);
    if (a < 0) a = Math.max(0, a + n);
  }
  if (ev !== undefined && ev !== None) {
    b = sliceArg(ev);
    if (b > n) b = n;
    else if (b < 0) b = Math.max(0, b + n);
  }
  if (a > b || a > n) return [0, 0, false];
  return [a, b, true];
}

function noKw(name: string, kw: KwNames): void {
  if (kw !== null && kw.length > 0) throw typeError(`${name}() takes no keyword arguments`);
}
function nargs(name: string, args: PyObj[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    if (min === max) {
      throw typeError(min === 1 ? `${name}() takes exactly one argument (${args.length} given)` : `${name} expected ${min} arguments, got ${args.length}`);
    }
    if (args.length < min) throw typeError(`${name} expected at least ${min} argument${min === 1 ? "" : "s"}, got ${args.length}`);
    throw typeError(`${name} expected at most ${max} argument${max === 1 ? "" : "s"}, got ${args.length}`);
  }
}

/** Bytes from the argument of bytes()/bytearray()/extend: buffer, int count or iterable of ints. */
function bytesFromIterable(v: PyObj, what: string): Uint8Array {
  const b = bufferOf(v);
  if (b !== null) return b.slice();
  if (v instanceof PyList || v instanceof PyTuple) return intsToBytes(v.items);
  const t = typeOf(v);
  if (t.tp_iter === null && !(t.mp_subscript !== null && t.sq_length !== null)) {
    throw typeError(`cannot convert '${t.name}' object to ${what}`);
  }
  const it = getIter(v);
  const items: PyObj[] = [];
  for (let x = iterNext(it); x !== null; x = iterNext(it)) items.push(x);
  return intsToBytes(items);
}
function intsToBytes(items: readonly PyObj[]): Uint8Array {
  const out = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    const n = typeof x === "number" ? x : index(x);
    if (typeof n === "bigint" || n < 0 || n > 255) throw valueError("bytes must be in range(0, 256)");
    out[i] = n;
  }
  return out;
}

function encodeArg(s: string, encoding: PyObj | null, errors: PyObj | null): Uint8Array {
  const enc = encoding === null ? "utf-8" : asStringValue(encoding);
  if (enc === null) throw typeError(`bytes() argument 'encoding' must be str, not ${typeOf(encoding!).name}`);
  const err = errors === null ? "strict" : asStringValue(errors);
  if (err === null) throw typeError(`bytes() argument 'errors' must be str, not ${typeOf(errors!).name}`);
  return codecHooks.encode(s, enc, err);
}
/** Set by str.ts (codecs), to avoid an import cycle through misc.ts. */
export const codecHooks = {
  encode: null as unknown as (s: string, encoding: string, errors: string) => Uint8Array,
  decode: null as unknown as (b: Uint8Array, encoding: string, errors: string) => string,
};

/** Shared by bytes() and bytearray(): the initial contents. */
function constructorBytes(name: string, args: PyObj[], kw: KwNames): Uint8Array | null {
  const npos = args.length - (kw?.length ?? 0);
  let source: PyObj | null = npos > 0 ? args[0] : null;
  let encoding: PyObj | null = npos > 1 ? args[1] : null;
  let errors: PyObj | null = npos > 2 ? args[2] : null;
  if (npos > 3) throw typeError(`${name}() takes at most 3 arguments (${npos} given)`);
  if (kw !== null) {
    for (let i = 0; i < kw.length; i++) {
      const v = args[npos + i];
      if (kw[i] === "source") source = v;
      else if (kw[i] === "encoding") encoding = v;
      else if (kw[i] === "errors") errors = v;
      else throw typeError(`${name}() got an unexpected keyword argument '${kw[i]}'`);
    }
  }
  // clinic converts encoding/errors (str) first
  for (const [v, what] of [[encoding, "encoding"], [errors, "errors"]] as const) {
    if (v !== null && asStringValue(v) === null) {
      throw typeError(`${name}() argument '${what}' must be str, not ${v === None ? "None" : typeOf(v).name}`);
    }
  }
  if (source === null) {
    if (encoding !== null || errors !== null) throw typeError(encoding !== null ? "encoding without a string argument" : "errors without a string argument");
    return new Uint8Array(0);
  }
  const s = asStringValue(source);
  if (s !== null) {
    if (encoding === null) throw typeError("string argument without an encoding");
    return encodeArg(s, encoding, errors);
  }
  if (encoding !== null) throw typeError("encoding without a string argument");
  if (errors !== null) throw typeError("errors without a string argument");
  if (name === "bytes" && !(source instanceof PyBytes)) {
    const m = lookupSpecial(source, "__bytes__");
    if (m !== null) {
      const r = call(m, []);
      if (!(r instanceof PyBytes) || r instanceof PyByteArray) throw typeError(`__bytes__ returned non-bytes (type ${typeOf(r).name})`);
      return r.bytes;
    }
  }
  const t = typeOf(source);
  if (t.nb_index !== null && bufferOf(source) === null) {
    const n = index(source);
    if (n < 0) throw valueError("negative count");
    if (typeof n === "bigint" || n > 2 ** 31) throw overflowError("cannot fit 'int' into an index-sized integer");
    return new Uint8Array(n);
  }
  return bytesFromIterable(source, name === "bytes" ? "bytes" : "bytearray");
}

function subscript(self: PyBytes, key: PyObj): PyObj {
  const b = self.bytes;
  if (typeof key === "number" || typeof key === "boolean" || typeof key === "bigint" ||
      (typeof key === "object" && !(key instanceof PySlice) && typeOf(key).nb_index !== null)) {
    let i = typeof key === "number" ? key : indexAsNumber(key);
    if (i < 0) i += b.length;
    if (i < 0 || i >= b.length) throw indexError(self instanceof PyByteArray ? "bytearray index out of range" : "index out of range");
    return b[i];
  }
  if (key instanceof PySlice) {
    const [start, stop, step, n] = sliceIndices(key, b.length);
    if (step === 1) return mk(self, b.slice(start, Math.max(start, stop)));
    const out = new Uint8Array(n);
    for (let i = 0, j = start; i < n; i++, j += step) out[i] = b[j];
    return mk(self, out);
  }
  const what = self instanceof PyByteArray ? "bytearray" : "byte";
  throw typeError(`${what} indices must be integers or slices, not ${typeOf(key).name}`);
}

function splitWS(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isSpaceB(s.charCodeAt(i))) i++;
    if (i >= n) break;
    if (maxsplit >= 0 && out.length >= maxsplit) {
      out.push(s.slice(i));
      return out;
    }
    let j = i;
    while (j < n && !isSpaceB(s.charCodeAt(j))) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}
function rsplitWS(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = s.length;
  while (i > 0) {
    while (i > 0 && isSpaceB(s.charCodeAt(i - 1))) i--;
    if (i <= 0) break;
    if (maxsplit >= 0 && out.length >= maxsplit) {
      out.push(s.slice(0, i));
      break;
    }
    let j = i;
    while (j > 0 && !isSpaceB(s.charCodeAt(j - 1))) j--;
    out.push(s.slice(j, i));
    i = j;
  }
  return out.reverse();
}
function splitArgs(args: PyObj[], kw: KwNames, name = "split"): [string | null, number] {
  const npos = args.length - (kw?.length ?? 0);
  if (args.length > 2) throw typeError(`${name}() takes at most 2 arguments (${args.length} given)`);
  let sep: PyObj = npos > 0 ? args[0] : None;
  let maxsplit: PyObj = npos > 1 ? args[1] : -1;
  if (kw !== null) {
    for (let i = 0; i < kw.length; i++) {
      if (kw[i] === "sep") sep = args[npos + i];
      else if (kw[i] === "maxsplit") maxsplit = args[npos + i];
      else throw typeError(`split() got an unexpected keyword argument '${kw[i]}'`);
    }
  }
  const ms = index(maxsplit); // converted while parsing, before sep is looked at
  let sepStr: string | null = null;
  if (sep !== None) {
    sepStr = L(needBuffer(sep));
    if (sepStr === "") throw valueError("empty separator");
  }
  return [sepStr, typeof ms === "bigint" ? (ms < 0n ? -1 : Number.MAX_SAFE_INTEGER) : ms];
}

function stripB(s: string, chars: PyObj | undefined, left: boolean, right: boolean): string {
  let a = 0, b = s.length;
  if (chars === undefined || chars === None) {
    if (left) while (a < b && isSpaceB(s.charCodeAt(a))) a++;
    if (right) while (b > a && isSpaceB(s.charCodeAt(b - 1))) b--;
  } else {
    const set = L(needBuffer(chars));
    if (left) while (a < b && set.includes(s[a])) a++;
    if (right) while (b > a && set.includes(s[b - 1])) b--;
  }
  return s.slice(a, b);
}

function titleB(s: string): string {
  let out = "";
  let prevCased = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isAlphaB(c)) {
      out += prevCased ? s[i].toLowerCase() : s[i].toUpperCase();
      prevCased = true;
    } else {
      out += s[i];
      prevCased = false;
    }
  }
  return out;
}

function fillArg(args: PyObj[], name: string): string {
  if (args.length < 2) return " ";
  const f = bufferOf(args[1]);
  if (f === null || f.length !== 1) {
    throw typeError(`${name}() argument 2 must be a byte string of length 1, not ${typeOf(args[1]).name}`);
  }
  return String.fromCharCode(f[0]);
}

function hexOf(b: Uint8Array, args: PyObj[], kw: KwNames): string {
  const npos = args.length - (kw?.length ?? 0);
  if (args.length > 2) throw typeError(`hex() takes at most 2 arguments (${args.length} given)`);
  let sepObj: PyObj | null = npos > 0 ? args[0] : null;
  let perObj: PyObj | null = npos > 1 ? args[1] : null;
  if (kw !== null) {
    for (let i = 0; i < kw.length; i++) {
      if (kw[i] === "sep") sepObj = args[npos + i];
      else if (kw[i] === "bytes_per_sep") perObj = args[npos + i];
      else throw typeError(`hex() got an unexpected keyword argument '${kw[i]}'`);
    }
  }
  // clinic converts bytes_per_sep before the body looks at sep
  if (perObj !== null && typeOf(perObj).nb_index === null) throw typeError(`'${typeOf(perObj).name}' object cannot be interpreted as an integer`);
  const hex = Array.from(b, (c) => c.toString(16).padStart(2, "0"));
  if (sepObj === null) return hex.join("");
  let sep = asStringValue(sepObj);
  if (sep === null) {
    const sb = bufferOf(sepObj);
    if (sb === null) {
      const t = typeOf(sepObj);
      if (t.sq_length === null) throw typeError(`object of type '${t.name}' has no len()`);
      if (t.sq_length(sepObj) !== 1) throw valueError("sep must be length 1.");
      throw typeError("sep must be str or bytes.");
    }
    sep = L(sb);
  }
  if (perObj !== null && typeOf(perObj).nb_index === null) throw typeError(`'${typeOf(perObj).name}' object cannot be interpreted as an integer`);
  if (sep.length !== 1) throw valueError("sep must be length 1.");
  if (sep.charCodeAt(0) > 127) throw valueError("sep must be ASCII.");
  const per = perObj === null ? 1 : indexAsNumber(perObj);
  if (per === 0 || hex.length === 0) return hex.join("");
  const k = Math.abs(per);
  const groups: string[] = [];
  if (per > 0) {
    // groups counted from the right
    let end = hex.length;
    while (end > 0) {
      groups.unshift(hex.slice(Math.max(0, end - k), end).join(""));
      end -= k;
    }
  } else {
    for (let i = 0; i < hex.length; i += k) groups.push(hex.slice(i, i + k).join(""));
  }
  return groups.join(sep);
}

function fromHex(text: PyObj): Uint8Array {
  const s = asStringValue(text);
  if (s === null) throw typeError(`fromhex() argument must be str, not ${typeOf(text).name}`);
  const out: number[] = [];
  let i = 0;
  const hexv = (c: string) => {
    const v = parseInt(c, 16);
    return /^[0-9a-fA-F]$/.test(c) ? v : -1;
  };
  while (i < s.length) {
    if (isSpaceB(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const hi = hexv(s[i]);
    if (hi < 0) throw valueError(`non-hexadecimal number found in fromhex() arg at position ${i}`);
    if (i + 1 >= s.length) throw valueError(`non-hexadecimal number found in fromhex() arg at position ${i + 1}`);
    const lo = hexv(s[i + 1]);
    if (lo < 0) throw valueError(`non-hexadecimal number found in fromhex() arg at position ${i + 1}`);
    out.push(hi * 16 + lo);
    i += 2;
  }
  return Uint8Array.from(out);
}

/** One argument of bytes %-formatting, as latin-1 text. */
function bytesPercentArg(arg: PyObj, type: string): string {
  if (type === "s" || type === "b") {
    const b = bufferOf(arg);
    if (b !== null) return L(b);
    const m = lookupSpecial(arg, "__bytes__");
    if (m !== null) {
      const r = call(m, []);
      if (!(r instanceof PyBytes)) throw typeError(`__bytes__ returned non-bytes (type ${typeOf(r).name})`);
      return L(r.bytes);
    }
    throw typeError(`%b requires a bytes-like object, or an object that implements __bytes__, not '${typeOf(arg).name}'`);
  }
  if (type === "r" || type === "a") {
    let out = "";
    for (const ch of repr(arg)) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) out += ch;
      else if (cp < 0x100) out += "\\x" + cp.toString(16).padStart(2, "0");
      else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
      else out += "\\U" + cp.toString(16).padStart(8, "0");
    }
    return out;
  }
  // %c
  const b = bufferOf(arg);
  if (b !== null) {
    if (b.length !== 1) throw typeError("%c requires an integer in range(256) or a single byte");
    return String.fromCharCode(b[0]);
  }
  if (typeOf(arg).nb_index === null) throw typeError("%c requires an integer in range(256) or a single byte");
  const n = index(arg);
  if (typeof n === "bigint" || n < 0 || n > 255) throw overflowError("%c arg not in range(256)");
  return String.fromCharCode(n);
}

bytesPercentArg.key = (k: string): PyObj => new PyBytes(U(k));

function makeTransTable(args: PyObj[]): PyBytes {
  nargs("maketrans", args, 2, 2);
  const a = needBuffer(args[0]), b = needBuffer(args[1]);
  if (a.length !== b.length) throw valueError("maketrans arguments must have same length");
  const table = new Uint8Array(256);
  for (let i = 0; i < 256; i++) table[i] = i;
  for (let i = 0; i < a.length; i++) table[a[i]] = b[i];
  return new PyBytes(table);
}

function byteArrayAssign(ba: PyByteArray, key: PyObj, value: PyObj | null): void {
  const b = ba.bytes;
  if (!(key instanceof PySlice)) {
    if (typeOf(key).nb_index === null) throw typeError(`bytearray indices must be integers or slices, not ${typeOf(key).name}`);
    let i = indexAsNumber(key);
    if (i < 0) i += b.length;
    if (i < 0 || i >= b.length) throw indexError("bytearray index out of range");
    if (value === null) {
      const nb = new Uint8Array(b.length - 1);
      nb.set(b.subarray(0, i));
      nb.set(b.subarray(i + 1), i);
      ba.replaceAll(nb);
      return;
    }
    if (typeOf(value).nb_index === null) throw typeError(`'${typeOf(value).name}' object cannot be interpreted as an integer`);
    b[i] = byteValue(value);
    return;
  }
  const [start, stop, step, n] = sliceIndices(key, b.length);
  let repl: Uint8Array;
  if (value === null) repl = new Uint8Array(0);
  else if (value === ba) repl = b.slice();
  else {
    const vb = bufferOf(value);
    if (vb !== null) repl = vb.slice();
    else if (typeOf(value).nb_index !== null) throw typeError(`can assign only bytes, buffers, or iterables of ints in range(0, 256)`);
    else if (asStringValue(value) !== null) throw typeError("can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    else repl = bytesFromIterable(value, "bytearray");
  }
  if (step === 1) {
    const end = Math.max(start, stop);
    const nb = new Uint8Array(b.length - (end - start) + repl.length);
    nb.set(b.subarray(0, start));
    nb.set(repl, start);
    nb.set(b.subarray(end), start + repl.length);
    ba.replaceAll(nb);
    return;
  }
  if (value === null) {
    const drop = new Set<number>();
    for (let i = 0, j = start; i < n; i++, j += step) drop.add(j);
    ba.replaceAll(b.filter((_, i) => !drop.has(i)));
    return;
  }
  if (repl.length !== n) throw valueError(`attempt to assign bytes of size ${repl.length} to extended slice of size ${n}`);
  for (let i = 0, j = start; i < n; i++, j += step) b[j] = repl[i];
}

function compareBytes(x: Uint8Array, y: Uint8Array, op: number): boolean {
  let c = 0;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n && c === 0; i++) c = x[i] - y[i];
  if (c === 0) c = x.length - y.length;
  return [c < 0, c <= 0, c === 0, c !== 0, c > 0, c >= 0][op];
}

function concat(a: PyObj, b: PyObj): PyObj {
  const x = bufferOf(a);
  const y = bufferOf(b);
  if (x === null || y === null) {
    if (x !== null) throw typeError(`can't concat ${typeOf(b).name} to ${typeOf(a).name}`);
    return NotImplemented;
  }
  const r = new Uint8Array(x.length + y.length);
  r.set(x);
  r.set(y, x.length);
  return mk(a, r);
}
function repeat(a: PyObj, b: PyObj): PyObj {
  let src = a, cnt = b;
  if (bufferOf(src) === null) {
    src = b;
    cnt = a;
  }
  const x = bufferOf(src);
  if (x === null || typeOf(cnt).nb_index === null) return NotImplemented;
  const n = index(cnt);
  if (typeof n === "bigint" && (n >= 1n << 63n || n < -(1n << 63n))) throw overflowError("cannot fit 'int' into an index-sized integer");
  const k = Math.max(0, Number(n));
  if (BigInt(x.length) * BigInt(n) > (1n << 63n) - 1n) throw overflowError("repeated bytes are too long");
  if (x.length * k > 2 ** 31) throw newException(MemoryError);
  const r = new Uint8Array(x.length * k);
  for (let i = 0; i < k; i++) r.set(x, i * x.length);
  return mk(src, r);
}

export function installBytesTypes(): void {
  codecHooks.encode ??= (s) => new TextEncoder().encode(s);
  codecHooks.decode ??= (b) => new TextDecoder().decode(b);
  const exactHash = (v: PyObj) => hashBytesInto((v as PyBytes).bytes);
  bytesType.tp_hash = (v) => {
    exactHash(v);
    return hashAsSlotNumber();
  };
  registerExactHash(bytesType.tp_hash, exactHash);
  bytearrayType.tp_hash = null;
  bytearrayType.dict.setStr("__hash__", None);
  bytearrayType.flags |= TypeFlag.BASETYPE;

  bytesType.tp_alloc = (cls) => new PyBytes(new Uint8Array(0), cls);
  bytearrayType.tp_alloc = (cls) => new PyByteArray(new Uint8Array(0), cls);
  bytesType.tp_new = (cls, args, kw) => {
    if (cls === bytesType && args.length === 1 && kw === null && args[0] instanceof PyBytes && args[0].type === bytesType) return args[0];
    const data = constructorBytes("bytes", args, kw)!;
    return new PyBytes(cls === bytesType ? data : data.slice(), cls);
  };
  bytearrayType.tp_new = (cls) => new PyByteArray(new Uint8Array(0), cls);
  bytearrayType.tp_init = (self, args, kw) => {
    const data = constructorBytes("bytearray", args, kw)!;
    (self as PyByteArray).replaceAll(data === (args[0] as PyBytes)?.bytes ? data.slice() : data);
  };

  for (const t of [bytesType, bytearrayType]) {
    const tn = t.name;
    const ba = t === bytearrayType;
    t.tp_repr = selfRepr;
    t.tp_str = selfRepr;
    t.sq_length = (v) => (v as PyBytes).bytes.length;
    t.mp_subscript = (v, k) => subscript(v as PyBytes, k);
    t.sq_contains = (v, x) => {
      const hay = L((v as PyBytes).bytes);
      if (typeOf(x).nb_index !== null) return hay.includes(String.fromCharCode(byteValue(x)));
      return hay.includes(L(needBuffer(x)));
    };
    t.tp_richcompare = (a, b, op) => {
      const y = bufferOf(b);
      if (y === null || (b instanceof PyMemoryView && !ba)) return NotImplemented;
      return compareBytes((a as PyBytes).bytes, y, op);
    };
    const iterType = ba ? bytearrayIterType : bytesIterType;
    t.tp_iter = (v) => new PyBytesIter(iterType, v as PyBytes);
    iterType.tp_iter = (it) => it;
    iterType.tp_iternext = (it) => {
      const bi = it as PyBytesIter;
      const b = bi.src.bytes;
      if (bi.pos >= b.length) return null;
      return b[bi.pos++];
    };
    defineMethod(iterType, "__length_hint__", (it) => Math.max(0, (it as PyBytesIter).src.bytes.length - (it as PyBytesIter).pos));
    t.nb_binary[NB.ADD] = concat;
    t.nb_binary[NB.MULTIPLY] = repeat;
    t.nb_binary[NB.REMAINDER] = (a, b) => {
      if (!(a instanceof PyBytes)) return NotImplemented;
      return mkS(a, percentFormat(L(a.bytes), b, bytesPercentArg));
    };

    const m = (name: string, fn: (s: string, self: PyBytes, args: PyObj[], kw: KwNames) => PyObj) =>
      defineMethod(t, name, (self, args, kw) => fn(L((self as PyBytes).bytes), self as PyBytes, args, kw));
    /** A method that reads the bytes directly (no latin-1 copy of them per call). */
    const mb = (name: string, fn: (self: PyBytes, args: PyObj[], kw: KwNames) => PyObj) =>
      defineMethod(t, name, (self, args, kw) => fn(self as PyBytes, args, kw));
    mb("decode", (self, args, kw) => {
      const npos = args.length - (kw?.length ?? 0);
      if (args.length > 2) throw typeError(`decode() takes at most 2 arguments (${args.length} given)`);
      let encoding = "utf-8", errors = "strict";
      const take = (v: PyObj, what: string) => {
        const r = asStringValue(v);
        if (r === null) throw typeError(`decode() argument '${what}' must be str, not ${v === None ? "None" : typeOf(v).name}`);
        return r;
      };
      if (npos > 0) encoding = take(args[0], "encoding");
      if (npos > 1) errors = take(args[1], "errors");
      if (kw !== null) {
        for (let i = 0; i < kw.length; i++) {
          if (kw[i] === "encoding") encoding = take(args[npos + i], "encoding");
          else if (kw[i] === "errors") errors = take(args[npos + i], "errors");
          else throw typeError(`decode() got an unexpected keyword argument '${kw[i]}'`);
        }
      }
      return codecHooks.decode(self.bytes, encoding, errors);
    });
    mb("hex", (self, args, kw) => hexOf(self.bytes, args, kw));
    defineClassMethod(t, "fromhex", (cls, args) => {
      nargs("fromhex", args, 1, 1);
      const data = fromHex(args[0]);
      if (cls === bytesType) return new PyBytes(data);
      if (cls === bytearrayType) return new PyByteArray(data);
      return call(cls, [ba ? new PyByteArray(data) : new PyBytes(data)]);
    });
    defineStatic(t, "maketrans", (args) => makeTransTable(args));
    m("split", (s, self, args, kw) => {
      const [sep, maxsplit] = splitArgs(args, kw);
      let parts: string[];
      if (sep === null) parts = splitWS(s, maxsplit);
      else if (maxsplit < 0) parts = s.split(sep);
      else {
        parts = [];
        let i = 0;
        while (parts.length < maxsplit) {
          const j = s.indexOf(sep, i);
          if (j < 0) break;
          parts.push(s.slice(i, j));
          i = j + sep.length;
        }
        parts.push(s.slice(i));
      }
      return new PyList(parts.map((p) => mkS(self, p)));
    });
    m("rsplit", (s, self, args, kw) => {
      const [sep, maxsplit] = splitArgs(args, kw, "rsplit");
      let parts: string[];
      if (sep === null) parts = rsplitWS(s, maxsplit);
      else if (maxsplit < 0) parts = s.split(sep);
      else {
        parts = [];
        let end = s.length;
        while (parts.length < maxsplit) {
          if (end - sep.length < 0) break;
          const j = s.lastIndexOf(sep, end - sep.length);
          if (j < 0) break;
          parts.push(s.slice(j + sep.length, end));
          end = j;
        }
        parts.push(s.slice(0, end));
        parts.reverse();
      }
      return new PyList(parts.map((p) => mkS(self, p)));
    });
    m("splitlines", (s, self, args, kw) => {
      let keep = false;
      const npos = args.length - (kw?.length ?? 0);
      if (npos > 1) throw typeError(`splitlines() takes at most 1 argument (${npos} given)`);
      if (npos > 0) keep = isTrue(args[0]);
      if (kw !== null) for (let i = 0; i < kw.length; i++) {
        if (kw[i] === "keepends") keep = isTrue(args[npos + i]);
        else throw typeError(`splitlines() got an unexpected keyword argument '${kw[i]}'`);
      }
      const out: PyObj[] = [];
      const re = /\r\n|[\n\r]/g;
      let last = 0;
      let mm: RegExpExecArray | null;
      while ((mm = re.exec(s)) !== null) {
        out.push(mkS(self, s.slice(last, keep ? mm.index + mm[0].length : mm.index)));
        last = mm.index + mm[0].length;
      }
      if (last < s.length) out.push(mkS(self, s.slice(last)));
      return new PyList(out);
    });
    const part = (name: string, rev: boolean) => m(name, (s, self, args, kw) => {
      noKw(name, kw);
      nargs(name, args, 1, 1);
      const sep = L(needBuffer(args[0]));
      if (sep === "") throw valueError("empty separator");
      const i = rev ? s.lastIndexOf(sep) : s.indexOf(sep);
      if (i < 0) return rev ? newTuple([mkS(self, ""), mkS(self, ""), mkS(self, s)]) : newTuple([mkS(self, s), mkS(self, ""), mkS(self, "")]);
      return newTuple([mkS(self, s.slice(0, i)), mkS(self, sep), mkS(self, s.slice(i + sep.length))]);
    });
    part("partition", false);
    part("rpartition", true);
    for (const [name, l, r] of [["strip", true, true], ["lstrip", true, false], ["rstrip", false, true]] as const) {
      m(name, (s, self, args, kw) => {
        noKw(name, kw);
        nargs(name, args, 0, 1);
        return mkS(self, stripB(s, args[0], l, r));
      });
    }
    m("upper", (s, self) => mkS(self, upperS(s)));
    m("lower", (s, self) => mkS(self, lowerS(s)));
    m("title", (s, self) => mkS(self, titleB(s)));
    m("capitalize", (s, self) => mkS(self, upperS(s.slice(0, 1)) + lowerS(s.slice(1))));
    m("swapcase", (s, self) => mkS(self, s.replace(/[a-zA-Z]/g, (c) => (c >= "a" ? c.toUpperCase() : c.toLowerCase()))));
    const finder = (name: string, rev: boolean, raise: boolean) => m(name, (s, _self, args, kw) => {
      noKw(name, kw);
      nargs(name, args, 1, 3);
      const sub = subArg(args[0]);
      const [a, b, ok] = span(s.length, args, 1);
      let r = -1;
      if (ok && b - a >= sub.length) {
        const hay = s.slice(a, b);
        const j = rev ? hay.lastIndexOf(sub) : hay.indexOf(sub);
        if (j >= 0) r = a + j;
      }
      if (r < 0 && raise) throw valueError("subsection not found");
      return r;
    });
    finder("find", false, false);
    finder("rfind", true, false);
    finder("index", false, true);
    finder("rindex", true, true);
    m("count", (s, _self, args, kw) => {
      noKw("count", kw);
      nargs("count", args, 1, 3);
      const sub = subArg(args[0]);
      const [a, b, ok] = span(s.length, args, 1);
      if (!ok) return 0;
      const hay = s.slice(a, b);
      if (sub === "") return hay.length + 1;
      let n = 0;
      for (let i = hay.indexOf(sub); i >= 0; i = hay.indexOf(sub, i + sub.length)) n++;
      return n;
    });
    m("replace", (s, self, args, kw) => {
      const npos = args.length - (kw?.length ?? 0);
      let count = npos > 2 ? Number(index(args[2])) : -1;
      if (kw !== null) for (let i = 0; i < kw.length; i++) {
        if (kw[i] === "count") count = Number(index(args[npos + i]));
        else throw typeError(`replace() got an unexpected keyword argument '${kw[i]}'`);
      }
      if (npos < 2) throw typeError(`replace expected at least 2 arguments, got ${npos}`);
      const old = L(needBuffer(args[0])), nw = L(needBuffer(args[1]));
      if (count < 0) count = Number.MAX_SAFE_INTEGER;
      let out = "";
      if (old === "") {
        let done = 0;
        for (let i = 0; i <= s.length; i++) {
          if (done < count) {
            out += nw;
            done++;
          }
          if (i < s.length) out += s[i];
        }
        return mkS(self, out);
      }
      let i = 0, done = 0;
      while (done < count) {
        const j = s.indexOf(old, i);
        if (j < 0) break;
        out += s.slice(i, j) + nw;
        i = j + old.length;
        done++;
      }
      return mkS(self, out + s.slice(i));
    });
    m("join", (s, self, args, kw) => {
      noKw("join", kw);
      nargs("join", args, 1, 1);
      if (typeOf(args[0]).tp_iter === null && typeOf(args[0]).mp_subscript === null) throw typeError("can only join an iterable");
      const it = getIter(args[0]);
      const parts: string[] = [];
      let i = 0;
      for (let x = iterNext(it); x !== null; x = iterNext(it), i++) {
        const b = bufferOf(x);
        if (b === null) throw typeError(`sequence item ${i}: expected a bytes-like object, ${typeOf(x).name} found`);
        parts.push(L(b));
      }
      return mkS(self, parts.join(s));
    });
    const pred = (name: string, f: (s: string) => boolean) => m(name, (s) => f(s));
    const all = (s: string, p: (c: number) => boolean) => {
      if (s.length === 0) return false;
      for (let i = 0; i < s.length; i++) if (!p(s.charCodeAt(i))) return false;
      return true;
    };
    pred("isalpha", (s) => all(s, isAlphaB));
    pred("isdigit", (s) => all(s, isDigitB));
    pred("isalnum", (s) => all(s, (c) => isAlphaB(c) || isDigitB(c)));
    pred("isspace", (s) => all(s, isSpaceB));
    pred("isascii", (s) => /^[\x00-\x7f]*$/.test(s));
    pred("islower", (s) => /[a-z]/.test(s) && !/[A-Z]/.test(s));
    pred("isupper", (s) => /[A-Z]/.test(s) && !/[a-z]/.test(s));
    pred("istitle", (s) => /[A-Za-z]/.test(s) && titleB(s) === s);
    const just = (name: string, where: "l" | "r" | "c") => m(name, (s, self, args, kw) => {
      noKw(name, kw);
      nargs(name, args, 1, 2);
      const w = ssizeArg(args[0]);
      const fill = fillArg(args, name);
      if (w <= s.length) return mk(self, self.bytes.slice());
      const total = w - s.length;
      if (where === "l") return mkS(self, s + fill.repeat(total));
      if (where === "r") return mkS(self, fill.repeat(total) + s);
      const left = Math.floor(total / 2) + (total & w & 1);
      return mkS(self, fill.repeat(left) + s + fill.repeat(total - left));
    });
    just("ljust", "l");
    just("rjust", "r");
    just("center", "c");
    m("zfill", (s, self, args, kw) => {
      noKw("zfill", kw);
      nargs("zfill", args, 1, 1);
      const w = ssizeArg(args[0]);
      if (w <= s.length) return mk(self, self.bytes.slice());
      const sign = s[0] === "+" || s[0] === "-" ? s[0] : "";
      return mkS(self, sign + "0".repeat(w - s.length) + s.slice(sign.length));
    });
    m("expandtabs", (s, self, args, kw) => {
      const npos = args.length - (kw?.length ?? 0);
      if (npos > 1) throw typeError(`expandtabs() takes at most 1 argument (${npos} given)`);
      let sizeArg: PyObj | null = npos > 0 ? args[0] : null;
      if (kw !== null) for (let i = 0; i < kw.length; i++) {
        if (kw[i] === "tabsize") sizeArg = args[npos + i];
        else throw typeError(`expandtabs() got an unexpected keyword argument '${kw[i]}'`);
      }
      let size = 8;
      if (sizeArg !== null) {
        const n = index(sizeArg);
        if (typeof n === "bigint" || n > 2147483647 || n < -2147483648) throw overflowError("Python int too large to convert to C int");
        size = n;
      }
      let out = "";
      let col = 0;
      for (const c of s) {
        if (c === "\t") {
          const n = size > 0 ? size - (col % size) : 0;
          out += " ".repeat(n);
          col += n;
        } else {
          out += c;
          col = c === "\n" || c === "\r" ? 0 : col + 1;
        }
      }
      return mkS(self, out);
    });
    m("translate", (_s, self, args, kw) => {
      const npos = args.length - (kw?.length ?? 0);
      if (npos < 1) throw typeError(`translate() takes at least 1 positional argument (${npos} given)`);
      if (args.length > 2) throw typeError(`translate() takes at most 2 arguments (${args.length} given)`);
      let table: PyObj = args[0];
      let del: PyObj | null = npos > 1 ? args[1] : null;
      if (kw !== null) for (let i = 0; i < kw.length; i++) {
        if (kw[i] === "delete") del = args[npos + i];
        else throw typeError(`translate() got an unexpected keyword argument '${kw[i]}'`);
      }
      let tb: Uint8Array | null = null;
      if (table !== None) {
        tb = needBuffer(table);
        if (tb.length !== 256) throw valueError("translation table must be 256 characters long");
      }
      const drop = del === null ? null : needBuffer(del);
      const out: number[] = [];
      for (const c of self.bytes) {
        if (drop !== null && drop.includes(c)) continue;
        out.push(tb === null ? c : tb[c]);
      }
      return mk(self, Uint8Array.from(out));
    });
    const prefix = (name: string, atEnd: boolean) => m(name, (s, _self, args, kw) => {
      noKw(name, kw);
      nargs(name, args, 1, 3);
      const p = args[0];
      const [a, b, ok] = span(s.length, args, 1); // start/end are parsed first
      if (!(p instanceof PyTuple) && bufferOf(p) === null) {
        throw typeError(`${name} first arg must be bytes or a tuple of bytes, not ${typeOf(p).name}`);
      }
      if (!ok) return false;
      const sub = s.slice(a, b);
      const test = (x: PyObj): boolean => {
        const ps = L(needBuffer(x));
        return atEnd ? sub.endsWith(ps) : sub.startsWith(ps);
      };
      if (p instanceof PyTuple) return p.items.some(test);
      return test(p);
    });
    prefix("startswith", false);
    prefix("endswith", true);
    m("removeprefix", (s, self, args) => {
      nargs("removeprefix", args, 1, 1);
      const p = L(needBuffer(args[0]));
      return mkS(self, p !== "" && s.startsWith(p) ? s.slice(p.length) : s);
    });
    m("removesuffix", (s, self, args) => {
      nargs("removesuffix", args, 1, 1);
      const p = L(needBuffer(args[0]));
      return mkS(self, p !== "" && s.endsWith(p) ? s.slice(0, s.length - p.length) : s);
    });
    if (!ba) {
      mb("__getnewargs__", (self) => newTuple([new PyBytes(self.bytes.slice())]));
      mb("__bytes__", (self) => (self.type === bytesType ? self : new PyBytes(self.bytes.slice())));
    }
    m("__sizeof__", (s) => 33 + s.length);
  }

  // bytearray mutation
  const B = (v: PyObj) => v as PyByteArray;
  bytearrayType.mp_ass_subscript = (v, k, value) => byteArrayAssign(B(v), k, value);
  bytearrayType.nb_inplace[NB.ADD] = (a, b) => {
    const y = bufferOf(b);
    if (y === null) throw typeError(`can't concat ${typeOf(b).name} to ${typeOf(a).name}`);
    const x = B(a);
    const add = y.slice();
    const n = x.bytes.length;
    x.setLength(n + add.length);
    x.bytes.set(add, n);
    return a;
  };
  bytearrayType.nb_inplace[NB.MULTIPLY] = (a, b) => {
    if (typeOf(b).nb_index === null) return NotImplemented;
    const r = repeat(a, b) as PyBytes;
    B(a).replaceAll(r.bytes);
    return a;
  };
  const bm = (name: string, fn: (self: PyByteArray, args: PyObj[], kw: KwNames) => PyObj) =>
    defineMethod(bytearrayType, name, (self, args, kw) => fn(B(self), args, kw));
  bm("append", (self, args, kw) => {
    noKw("append", kw);
    nargs("bytearray.append", args, 1, 1);
    const v = byteValue(args[0]);
    const n = self.bytes.length;
    self.setLength(n + 1);
    self.bytes[n] = v;
    return None;
  });
  bm("extend", (self, args, kw) => {
    noKw("extend", kw);
    nargs("bytearray.extend", args, 1, 1);
    const t = typeOf(args[0]);
    if (bufferOf(args[0]) === null && t.tp_iter === null) throw typeError(`can't extend bytearray with ${t.name}`);
    let add: Uint8Array;
    const buf = bufferOf(args[0]);
    if (buf !== null) add = buf.slice();
    else {
      // items one by one, with bytearray's own range message
      const vals: number[] = [];
      const it = getIter(args[0]);
      for (let x = iterNext(it); x !== null; x = iterNext(it)) {
        if (typeOf(x).nb_index === null) {
          if (asStringValue(args[0]) !== null) throw typeError("expected iterable of integers; got: 'str'");
          throw typeError(`'${typeOf(x).name}' object cannot be interpreted as an integer`);
        }
        vals.push(byteValue(x));
      }
      add = Uint8Array.from(vals);
    }
    const n = self.bytes.length;
    self.setLength(n + add.length);
    self.bytes.set(add, n);
    return None;
  });
  bm("insert", (self, args, kw) => {
    noKw("insert", kw);
    nargs("insert", args, 2, 2);
    const n = self.bytes.length;
    let i = ssizeArg(args[0]);
    if (i < 0) i = Math.max(0, i + n);
    if (i > n) i = n;
    const v = byteValue(args[1]);
    const nb = new Uint8Array(n + 1);
    nb.set(self.bytes.subarray(0, i));
    nb[i] = v;
    nb.set(self.bytes.subarray(i), i + 1);
    self.replaceAll(nb);
    return None;
  });
  bm("pop", (self, args, kw) => {
    noKw("pop", kw);
    nargs("pop", args, 0, 1);
    const n = self.bytes.length;
    if (n === 0) throw indexError("pop from empty bytearray");
    let i = args.length > 0 ? ssizeArg(args[0]) : -1;
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw indexError("pop index out of range");
    const v = self.bytes[i];
    const nb = new Uint8Array(n - 1);
    nb.set(self.bytes.subarray(0, i));
    nb.set(self.bytes.subarray(i + 1), i);
    self.replaceAll(nb);
    return v;
  });
  bm("remove", (self, args, kw) => {
    noKw("remove", kw);
    nargs("remove", args, 1, 1);
    const v = byteValue(args[0]);
    const i = self.bytes.indexOf(v);
    if (i < 0) throw valueError("value not found in bytearray");
    const nb = new Uint8Array(self.bytes.length - 1);
    nb.set(self.bytes.subarray(0, i));
    nb.set(self.bytes.subarray(i + 1), i);
    self.replaceAll(nb);
    return None;
  });
  bm("reverse", (self) => {
    self.bytes.reverse();
    return None;
  });
  bm("clear", (self) => {
    self.replaceAll(new Uint8Array(0));
    return None;
  });
  bm("copy", (self) => new PyByteArray(self.bytes.slice()));
  bm("__alloc__", (self) => self.buf.length + 1);

  // memoryview (basic: format 'B', one dimension)
  memoryviewType.tp_new = (_cls, args, kw) => {
    if (args.length === 0) throw typeError("memoryview() missing required argument 'object' (pos 1)");
    if (args.length > 1) throw typeError(`memoryview() takes at most 1 argument (${args.length} given)`);
    if (kw !== null && kw.length > 0 && kw[0] !== "object") throw typeError(`memoryview() got an unexpected keyword argument '${kw[0]}'`);
    const o = args[0];
    if (o instanceof PyMemoryView) return new PyMemoryView(o.obj, o.view, o.readonly);
    if (o instanceof PyBytes) return new PyMemoryView(o, o.bytes, !(o instanceof PyByteArray));
    const getBuffer = typeof o === "object" && o.type.flags & TypeFlag.HEAPTYPE ? lookupSpecial(o, "__buffer__") : null;
    if (getBuffer !== null) {
      const view = call(getBuffer, [0]);
      if (!(view instanceof PyMemoryView)) throw typeError("__buffer__ returned non-memoryview object");
      return new PyMemoryView(o, MV(view).view, view.readonly);
    }
    throw typeError(`memoryview: a bytes-like object is required, not '${typeOf(o).name}'`);
  };
  const MV = (v: PyObj): PyMemoryView => {
    const mv = v as PyMemoryView;
    if (mv.released) throw valueError("operation forbidden on released memoryview object");
    // a bytearray may have been resized: follow its current storage
    if (mv.obj instanceof PyByteArray && mv.view.buffer !== mv.obj.bytes.buffer) mv.view = mv.obj.bytes;
    return mv;
  };
  memoryviewType.sq_length = (v) => MV(v).view.length;
  memoryviewType.tp_repr = (v) => `<${(v as PyMemoryView).released ? "released " : ""}memory at 0x7f00000${(v as PyMemoryView).view.byteOffset.toString(16).padStart(5, "0")}>`;
  memoryviewType.mp_subscript = (v, k) => {
    const mv = MV(v);
    if (k instanceof PySlice) {
      const [start, stop, step, n] = sliceIndices(k, mv.view.length);
      if (step === 1) return new PyMemoryView(mv.obj, mv.view.subarray(start, Math.max(start, stop)), mv.readonly);
      const out = new Uint8Array(n);
      for (let i = 0, j = start; i < n; i++, j += step) out[i] = mv.view[j];
      return new PyMemoryView(new PyBytes(out), out, true);
    }
    if (typeOf(k).nb_index === null) throw typeError(`memoryview: invalid slice key`);
    let i = indexAsNumber(k);
    if (i < 0) i += mv.view.length;
    if (i < 0 || i >= mv.view.length) throw indexError("index out of bounds on dimension 1");
    return mv.view[i];
  };
  memoryviewType.mp_ass_subscript = (v, k, value) => {
    const mv = MV(v);
    if (mv.readonly) throw typeError("cannot modify read-only memory");
    if (value === null) throw typeError("cannot delete memory");
    if (k instanceof PySlice) {
      const [start, , step, n] = sliceIndices(k, mv.view.length);
      const src = needBuffer(value);
      if (src.length !== n) throw valueError("memoryview assignment: lvalue and rvalue have different structures");
      const copy = src.slice();
      for (let i = 0, j = start; i < n; i++, j += step) mv.view[j] = copy[i];
      return;
    }
    let i = indexAsNumber(k);
    if (i < 0) i += mv.view.length;
    if (i < 0 || i >= mv.view.length) throw indexError("index out of bounds on dimension 1");
    mv.view[i] = byteValue(value);
  };
  memoryviewType.tp_richcompare = (a, b, op) => {
    if (op !== 2 && op !== 3) return NotImplemented;
    const y = bufferOf(b);
    if (y === null) return NotImplemented;
    const same = compareBytes(MV(a).view, y, 2);
    return op === 2 ? same : !same;
  };
  memoryviewType.tp_iter = (v) => new PyBytesIter(bytesIterType, new PyBytes(MV(v).view.slice()));
  const mm = (name: string, fn: (mv: PyMemoryView, args: PyObj[]) => PyObj) =>
    defineMethod(memoryviewType, name, (self, args) => fn(MV(self), args));
  mm("tobytes", (mv) => new PyBytes(mv.view.slice()));
  mm("tolist", (mv) => new PyList(Array.from(mv.view)));
  mm("hex", (mv, args) => hexOf(mv.view, args, null));
  defineMethod(memoryviewType, "release", (self) => {
    (self as PyMemoryView).released = true;
    return None;
  });
  defineMethod(memoryviewType, "__enter__", (self) => self);
  defineMethod(memoryviewType, "__exit__", (self) => {
    (self as PyMemoryView).released = true;
    return None;
  });
  defineGetSet(memoryviewType, "obj", (v) => MV(v).obj);
  defineGetSet(memoryviewType, "nbytes", (v) => MV(v).view.length);
  defineGetSet(memoryviewType, "readonly", (v) => MV(v).readonly);
  defineGetSet(memoryviewType, "itemsize", () => 1);
  defineGetSet(memoryviewType, "ndim", () => 1);
  defineGetSet(memoryviewType, "format", () => "B");
  defineGetSet(memoryviewType, "shape", (v) => newTuple([MV(v).view.length]));
  defineGetSet(memoryviewType, "strides", () => newTuple([1]));
  defineGetSet(memoryviewType, "f_contiguous", () => true);
  defineGetSet(memoryviewType, "suboffsets", () => newTuple([]));
  mm("toreadonly", (mv) => new PyMemoryView(mv.obj, mv.view, true));
  defineGetSet(memoryviewType, "contiguous", () => true);
  defineGetSet(memoryviewType, "c_contiguous", () => true);
  void PyDict;
  void PyStrSubclassObj;
}
