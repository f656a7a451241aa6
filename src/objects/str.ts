// str: slots and methods (unicodeobject.c) on JS strings with code-point semantics.
// Fast path: strings without surrogates index by UTF-16 unit; others go through
// Array.from (code points).
import {
  PyObject, PyObj, PyType, KwNames, strType, makeBuiltinType, objectType, None, NotImplemented,
  typeOf, PyStrSubclassObj, PyFloat, intType, floatType,
} from "./core.js";
import { defineMethod, defineStatic, defineFastPaths, PyMethodDescr } from "./descr.js";
import { typeError, valueError, indexError, overflowError, keyError, newException, MemoryError } from "./exceptions.js";
import {
  repr, str as toStr, compareStrings, strLen, hasSurrogates, toArray, index, indexAsNumber,
  getItem, getAttr, call, isTrue, asStringValue, callSpecial, toArrayShared, formatSpecArg,
} from "./abstract.js";
import { NB, intValueOf } from "./number.js";
import { PyTuple, PyList, PySlice, sliceIndices, newTuple, argCount } from "./sequence.js";
import { PyDict } from "./dict.js";
import { percentFormat, parseSpec, formatStr, fixSpecError, formatInt, formatFloat } from "./format.js";
import { PyBytes } from "./misc.js";
import { hashStrInto, hashAsSlotNumber, registerExactHash } from "./hash.js";
import { encodeString, decodeBytes } from "./codecs.js";
import {
  UFlag, uAll, uLower, uUpper, uCasefold, uSwapcase, uCapitalize, uTitle, uIsLower, uIsUpper, uIsTitle,
  uIsPrintable, uIsIdentifier,
} from "./unicode.js";
import { codecHooks } from "./bytes.js";

/** (encoding, errors) of str.encode / bytes.decode, with their defaults. */
export function encodingArgs(name: string, args: PyObj[], kw: KwNames): [string, string] {
  const npos = args.length - (kw?.length ?? 0);
  if (npos > 2) throw typeError(`${name}() takes at most 2 arguments (${npos} given)`);
  let encoding = "utf-8", errors = "strict";
  const take = (v: PyObj, what: string, pos: number): string => {
    const t = asStringValue(v);
    if (t === null) throw typeError(`${name}() argument '${what}' must be str, not ${v === None ? "None" : typeOf(v).name}`);
    void pos;
    return t;
  };
  if (npos > 0) encoding = take(args[0], "encoding", 1);
  if (npos > 1) errors = take(args[1], "errors", 2);
  if (kw !== null) {
    for (let i = 0; i < kw.length; i++) {
      if (kw[i] === "encoding") encoding = take(args[npos + i], "encoding", 1);
      else if (kw[i] === "errors") errors = take(args[npos + i], "errors", 2);
      else throw typeError(`${name}() got an unexpected keyword argument '${kw[i]}'`);
    }
  }
  return [encoding, errors];
}

export const strIterType = makeBuiltinType("str_ascii_iterator", objectType, 0);

export class PyStrIter extends PyObject {
  declare pos: number;
  declare readonly s: string;
  constructor(s: string) {
    super(strIterType);
    this.s = s;
    this.pos = 0;
  }
}

/** The JS string of a str or str-subclass instance (callers checked the type). */
export function S(v: PyObj): string {
  return typeof v === "string" ? v : (v as PyStrSubclassObj).value;
}
/** Argument Clinic's name for an argument's type ("None" for None). */
const clinicTypeName = (v: PyObj): string => (v === None ? "None" : typeOf(v).name);
function argStr(v: PyObj, fname: string, pos = 1): string {
  const s = asStringValue(v);
  if (s === null) throw typeError(`${fname}() argument ${pos} must be str, not ${clinicTypeName(v)}`);
  return s;
}
/** A Py_ssize_t argument (widths): OverflowError beyond sys.maxsize. */
function ssizeArg(v: PyObj): number {
  const n = index(v);
  if (typeof n === "bigint") throw overflowError("Python int too large to convert to C ssize_t");
  return n;
}
/** A start/end argument of find/count/startswith: int, None or __index__. */
function sliceArg(v: PyObj): number {
  if (typeOf(v).nb_index === null) throw typeError("slice indices must be integers or None or have an __index__ method");
  const n = index(v);
  if (typeof n === "bigint") return n < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  return n;
}

/** str hash: CPython's (SipHash-1-3 with PYTHONHASHSEED=0), as a slot number. */
export function strHash(s: string): number {
  hashStrInto(s);
  return hashAsSlotNumber();
}

function codePoints(s: string): string[] {
  return Array.from(s);
}

export function strGetItem(s: string, key: PyObj): string {
  if (typeof key === "number" && !hasSurrogates(s)) {
    const i = key < 0 ? key + s.length : key;
    if (i < 0 || i >= s.length) throw indexError("string index out of range");
    return s[i];
  }
  if (key instanceof PySlice) {
    const cps = hasSurrogates(s) ? codePoints(s) : null;
    const n = cps ? cps.length : s.length;
    const [start, stop, step, len] = sliceIndices(key, n);
    if (step === 1) return cps ? cps.slice(start, stop).join("") : s.slice(start, Math.max(start, stop));
    let out = "";
    for (let i = 0, j = start; i < len; i++, j += step) out += cps ? cps[j] : s[j];
    return out;
  }
  const t = typeOf(key);
  if (t.nb_index === null) throw typeError(`string indices must be integers, not '${t.name}'`);
  const cps = codePoints(s);
  let i = indexAsNumber(key);
  if (i < 0) i += cps.length;
  if (i < 0 || i >= cps.length) throw indexError("string index out of range");
  return cps[i];
}

/**
 * Python's str.isspace for one UTF-16 unit: bidirectional types WS/B/S or category Zs
 * (\t-\r, \x1c-\x1f, space, \x85, \xa0, \u1680, \u2000-\u200a, \u2028/9, \u202f,
 * \u205f, \u3000). No surrogate is a space, so testing units is testing code points.
 */
function isSpaceUnit(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c >= 0x1c;
  if (c < 0x85) return false;
  if (c <= 0xa0) return c === 0x85 || c === 0xa0;
  if (c < 0x1680) return false;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000;
}

/** str.splitlines' line boundaries: \n \r \v \f \x1c-\x1e \x85 \u2028 \u2029. */
function isLineBreakUnit(c: number): boolean {
  if (c <= 0x0d) return c >= 0x0a;
  if (c < 0x1c) return false;
  if (c <= 0x1e) return true;
  return c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** Whether `s` holds a surrogate unit (a loop: cheaper than a regex on short strings). */
function unitsHaveSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xf800) === 0xd800) return true;
  return false;
}
function unitIn(s: string, unit: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === unit) return true;
  return false;
}

/** The ASCII set of the last strip() argument tested by asciiCharSet, as 4 x 32 bits. */
let stripSet = "";
let stripMask0 = 0, stripMask1 = 0, stripMask2 = 0, stripMask3 = 0;
/** Whether `cs` is all ASCII; if so its bits are in stripMask0..3 (kept for the next call). */
function asciiCharSet(cs: string): boolean {
  if (cs === stripSet) return true;
  let m0 = 0, m1 = 0, m2 = 0, m3 = 0;
  for (let i = 0; i < cs.length; i++) {
    const c = cs.charCodeAt(i);
    if (c >= 128) return false;
    const bit = 1 << (c & 31);
    if (c < 32) m0 |= bit;
    else if (c < 64) m1 |= bit;
    else if (c < 96) m2 |= bit;
    else m3 |= bit;
  }
  stripSet = cs;
  stripMask0 = m0;
  stripMask1 = m1;
  stripMask2 = m2;
  stripMask3 = m3;
  return true;
}

function stripChars(s: string, chars: PyObj | undefined, left: boolean, right: boolean, name: string): string {
  if (chars === undefined || chars === None) {
    let a = 0, b = s.length;
    if (left) while (a < b && isSpaceUnit(s.charCodeAt(a))) a++;
    if (right) while (b > a && isSpaceUnit(s.charCodeAt(b - 1))) b--;
    return a === 0 && b === s.length ? s : s.slice(a, b);
  }
  const cs = typeof chars === "string" ? chars : asStringValue(chars);
  if (cs === null) throw typeError(`${name} arg must be None or str`);
  if (cs.length > 1 && asciiCharSet(cs)) {
    const m0 = stripMask0, m1 = stripMask1, m2 = stripMask2, m3 = stripMask3;
    const inSet = (c: number): boolean => {
      if (c >= 128) return false;
      const w = c < 64 ? (c < 32 ? m0 : m1) : c < 96 ? m2 : m3;
      return ((w >>> (c & 31)) & 1) !== 0;
    };
    let a = 0, b = s.length;
    if (left) while (a < b && inSet(s.charCodeAt(a))) a++;
    if (right) while (b > a && inSet(s.charCodeAt(b - 1))) b--;
    return a === 0 && b === s.length ? s : s.slice(a, b);
  }
  if (!unitsHaveSurrogate(cs)) {
    // No surrogate in the set: a unit of `s` matches exactly when its code point does
    // (half of a pair in `s` never matches), so strip by UTF-16 units.
    let a = 0, b = s.length;
    if (cs.length === 1) {
      const c = cs.charCodeAt(0);
      if (left) while (a < b && s.charCodeAt(a) === c) a++;
      if (right) while (b > a && s.charCodeAt(b - 1) === c) b--;
    } else {
      if (left) while (a < b && unitIn(cs, s.charCodeAt(a))) a++;
      if (right) while (b > a && unitIn(cs, s.charCodeAt(b - 1))) b--;
    }
    return a === 0 && b === s.length ? s : s.slice(a, b);
  }
  const set = new Set(codePoints(cs));
  const cps = codePoints(s);
  let a = 0, b = cps.length;
  if (left) while (a < b && set.has(cps[a])) a++;
  if (right) while (b > a && set.has(cps[b - 1])) b--;
  return cps.slice(a, b).join("");
}

function splitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isSpaceUnit(s.charCodeAt(i))) i++;
    if (i >= n) break;
    if (maxsplit >= 0 && out.length >= maxsplit) {
      out.push(s.slice(i));
      return out;
    }
    let j = i;
    while (j < n && !isSpaceUnit(s.charCodeAt(j))) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}
function rsplitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = s.length;
  while (i > 0) {
    while (i > 0 && isSpaceUnit(s.charCodeAt(i - 1))) i--;
    if (i <= 0) break;
    if (maxsplit >= 0 && out.length >= maxsplit) {
      out.push(s.slice(0, i));
      break;
    }
    let j = i;
    while (j > 0 && !isSpaceUnit(s.charCodeAt(j - 1))) j--;
    out.push(s.slice(j, i));
    i = j;
  }
  return out.reverse();
}

/** Parses (sep, maxsplit) of split/rsplit. */
function splitArgs(args: PyObj[], kw: KwNames, name: string): [string | null, number] {
  const npos = args.length - (kw?.length ?? 0);
  let sep: PyObj = npos > 0 ? args[0] : None;
  let maxsplit: PyObj = npos > 1 ? args[1] : -1;
  if (npos > 2) throw typeError(`${name}() takes at most 2 arguments (${npos} given)`);
  if (kw !== null) {
    for (let i = 0; i < kw.length; i++) {
      if (kw[i] === "sep") sep = args[npos + i];
      else if (kw[i] === "maxsplit") maxsplit = args[npos + i];
      else throw typeError(`${name}() got an unexpected keyword argument '${kw[i]}'`);
    }
  }
  // clinic converts maxsplit while parsing, before the body looks at sep
  const ms = index(maxsplit);
  let sepStr: string | null = null;
  if (sep !== None) {
    sepStr = asStringValue(sep);
    if (sepStr === null) throw typeError(`must be str or None, not ${typeOf(sep).name}`);
    if (sepStr === "") throw valueError("empty separator");
  }
  return [sepStr, typeof ms === "bigint" ? (ms < 0n ? -1 : Number.MAX_SAFE_INTEGER) : ms];
}

/**
 * Resolves (start, end) arguments (CPython's ADJUST_INDICES: end clamped to the length,
 * start not) to code-unit offsets; the flag is false when start > end or start > len,
 * where nothing can match.
 */
function range(s: string, args: PyObj[], from: number): [number, number, boolean] {
  const surr = hasSurrogates(s);
  const cps = surr ? codePoints(s) : null;
  const n = cps ? cps.length : s.length;
  const sv = args[from], ev = args[from + 1];
  let a = 0, b = n;
  if (sv !== undefined && sv !== None) {
    a = sliceArg(sv);
    if (a < 0) {
      a += n;
      if (a < 0) a = 0;
    }
  }
  if (ev !== undefined && ev !== None) {
    b = sliceArg(ev);
    if (b > n) b = n;
    else if (b < 0) {
      b += n;
      if (b < 0) b = 0;
    }
  }
  if (a > b || a > n) return [0, 0, false];
  if (cps) {
    const toUnit = (k: number) => cps.slice(0, k).join("").length;
    return [toUnit(a), toUnit(b), true];
  }
  return [a, b, true];
}
function unitToCp(s: string, unit: number): number {
  if (unit < 32) {
    // only the units before the match matter: a short loop beats a regex over all of `s`
    for (let i = 0; i < unit; i++) if ((s.charCodeAt(i) & 0xf800) === 0xd800) return strLen(s.slice(0, unit));
    return unit;
  }
  if (!hasSurrogates(s)) return unit;
  return strLen(s.slice(0, unit));
}

function justify(s: string, width: number, fill: string, where: "l" | "r" | "c"): string {
  const n = strLen(s);
  if (width <= n) return s;
  const total = width - n;
  if (where === "l") return s + fill.repeat(total);
  if (where === "r") return fill.repeat(total) + s;
  const left = Math.floor(total / 2) + (total & width & 1);
  return fill.repeat(left) + s + fill.repeat(total - left);
}
function fillArg(args: PyObj[], name: string): string {
  if (args.length < 2) return " ";
  const f = asStringValue(args[1]);
  if (f === null) throw typeError(`The fill character must be a unicode character, not ${typeOf(args[1]).name}`);
  void name;
  if (strLen(f) !== 1) throw typeError("The fill character must be exactly one character long");
  return f;
}

function isAsciiStr(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
/** The Unicode flags of the ASCII characters that isdigit/isalpha/isspace... test. */
const ASCII_FLAGS = new Uint16Array(128);
for (let c = 0x30; c <= 0x39; c++) ASCII_FLAGS[c] = UFlag.DECIMAL | UFlag.DIGIT | UFlag.NUMERIC;
for (let c = 0x41; c <= 0x5a; c++) ASCII_FLAGS[c] = ASCII_FLAGS[c + 0x20] = UFlag.ALPHA;
for (const c of [0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f]) ASCII_FLAGS[c] = UFlag.SPACE;

/**
 * Whether `s` is non-empty and each character has one of the flags in `mask`: ASCII
 * characters by table (one that fails decides, whatever follows), else CPython's tables.
 */
function allFlags(s: string, mask: number): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return uAll(s, mask);
    if ((ASCII_FLAGS[c] & mask) === 0) return false;
  }
  return true;
}
/** str.capitalize of an ASCII str: `s` itself when nothing changes (one pass, no slices). */
function asciiCapitalize(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  const c0 = s.charCodeAt(0);
  let same = !(c0 >= 0x61 && c0 <= 0x7a);
  for (let i = 1; i < n && same; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) same = false;
  }
  return same ? s : s[0].toUpperCase() + s.slice(1).toLowerCase();
}
function asciiTitle(s: string): string {
  let out = "";
  let prevCased = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const cased = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
    out += cased ? (prevCased ? c.toLowerCase() : c.toUpperCase()) : c;
    prevCased = cased;
  }
  return out;
}

// ---- str.format ----

/** Auto-numbering state of one str.format call, shared with nested format specs. */
interface FormatState {
  auto: number;
  /** 0: not decided yet, 1: automatic numbering, 2: manual. */
  mode: number;
}

/**
 * str.format / format_map (Objects/stringlib/unicode_format.h): the markup iterator,
 * field-name parsing, conversions and nested format specs, with CPython's errors.
 * `kwargs` is any mapping (format_map passes its argument as is).
 */
export function strFormat(fmt: string, args: PyObj[], kwargs: PyObj | null, depth = 2, state: FormatState = { auto: 0, mode: 0 }): string {
  if (depth <= 0) throw valueError("Max string recursion exceeded");
  let out = "";
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    // literal text up to the next brace
    let j = i;
    while (j < n && fmt[j] !== "{" && fmt[j] !== "}") j++;
    out += fmt.slice(i, j);
    i = j;
    if (i >= n) break;
    const c = fmt[i++];
    if (c === "}") {
      if (fmt[i] === "}") {
        out += "}";
        i++;
        continue;
      }
      throw valueError("Single '}' encountered in format string");
    }
    if (i >= n) throw valueError("Single '{' encountered in format string");
    if (fmt[i] === "{") {
      out += "{";
      i++;
      continue;
    }
    // field name: up to '}', '!' or ':'; brackets are skipped whole
    const nameStart = i;
    while (i < n && fmt[i] !== "}" && fmt[i] !== "!" && fmt[i] !== ":") {
      if (fmt[i] === "{") throw valueError("unexpected '{' in field name");
      if (fmt[i] === "[") {
        while (i < n && fmt[i] !== "]") i++;
        if (i >= n) break;
      }
      i++;
    }
    if (i >= n) throw valueError("expected '}' before end of string");
    const name = fmt.slice(nameStart, i);
    let conv = "";
    if (fmt[i] === "!") {
      i++;
      if (i >= n) throw valueError("end of string while looking for conversion specifier");
      conv = fmt[i++];
      if (i >= n) throw valueError("unmatched '{' in format spec");
      if (fmt[i] !== ":" && fmt[i] !== "}") throw valueError("expected ':' after conversion specifier");
    }
    let spec = "";
    let specNested = false;
    if (fmt[i] === ":") {
      i++;
      const specStart = i;
      let count = 1;
      for (;;) {
        if (i >= n) throw valueError("unmatched '{' in format spec");
        const ch = fmt[i++];
        if (ch === "{") {
          specNested = true;
          count++;
        } else if (ch === "}" && --count === 0) break;
      }
      spec = fmt.slice(specStart, i - 1);
    } else i++; // the closing '}'
    let value = formatFieldValue(name, args, kwargs, state);
    if (conv !== "") {
      if (conv === "r") value = repr(value);
      else if (conv === "s") value = toStr(value);
      else if (conv === "a") value = asciiRepr(value);
      else throw valueError(`Unknown conversion specifier ${conv}`);
    }
    if (specNested) spec = strFormat(spec, args, kwargs, depth - 1, state);
    out += formatValue(value, spec);
  }
  return out;
}

/** Resolves a field name ("0", "name", "0.attr[key]", "" for automatic numbering). */
function formatFieldValue(name: string, args: PyObj[], kwargs: PyObj | null, state: FormatState): PyObj {
  let k = 0;
  while (k < name.length && name[k] !== "." && name[k] !== "[") k++;
  const first = name.slice(0, k);
  let value: PyObj;
  if (first === "") {
    if (state.mode === 2) throw valueError("cannot switch from manual field specification to automatic field numbering");
    state.mode = 1;
    const idx = state.auto++;
    if (idx >= args.length) throw indexError(`Replacement index ${idx} out of range for positional args tuple`);
    value = args[idx];
  } else if (/^[0-9]+$/.test(first)) {
    if (state.mode === 1) throw valueError("cannot switch from automatic field numbering to manual field specification");
    state.mode = 2;
    if (first.length > 18) throw valueError("Too many decimal digits in format string");
    const idx = Number(first);
    if (idx >= args.length) throw indexError(`Replacement index ${idx} out of range for positional args tuple`);
    value = args[idx];
  } else {
    if (kwargs === null) throw keyError(first);
    value = getItem(kwargs, first);
  }
  let i = k;
  while (i < name.length) {
    if (name[i] === ".") {
      let j = i + 1;
      while (j < name.length && name[j] !== "." && name[j] !== "[") j++;
      const attr = name.slice(i + 1, j);
      if (attr === "") throw valueError("Empty attribute in format string");
      value = getAttr(value, attr);
      i = j;
    } else if (name[i] === "[") {
      const close = name.indexOf("]", i + 1);
      if (close < 0) throw valueError("Missing ']' in format string");
      const key = name.slice(i + 1, close);
      if (key === "") throw valueError("Empty attribute in format string");
      value = getItem(value, /^[0-9]+$/.test(key) ? Number(key) : key);
      i = close + 1;
      if (i < name.length && name[i] !== "." && name[i] !== "[") {
        throw valueError("Only '.' or '[' may follow ']' in format field specifier");
      }
    } else throw valueError("Only '.' or '[' may follow ']' in format field specifier");
  }
  return value;
}

export function asciiRepr(v: PyObj): string {
  const r = repr(v);
  let out = "";
  for (const ch of r) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (cp < 0x100) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out;
}

/** format(value, spec): calls type(value).__format__. */
export function formatValue(v: PyObj, spec: string): string {
  if (typeof v === "string" && spec === "") return v;
  // exact int and float: their __format__ without looking it up, binding and calling it
  if (typeof v === "number") {
    if (spec === "") return String(v);
    try {
      return formatInt(v, parseSpec(spec), "int");
    } catch (e) {
      fixSpecError(e, "int");
    }
  }
  if (v instanceof PyFloat && v.type === floatType) {
    if (spec === "") return toStr(v);
    try {
      return formatFloat(v.value, parseSpec(spec), "float");
    } catch (e) {
      fixSpecError(e, "float");
    }
  }
  if (typeof v === "string") {
    try {
      return formatStr(v, parseSpec(spec));
    } catch (e) {
      fixSpecError(e, "str");
    }
  }
  const descr = typeOf(v).lookup("__format__");
  if (descr === null) throw typeError(`Type ${typeOf(v).name} doesn't define __format__`);
  const r = callSpecial(v, descr, [spec]);
  if (typeof r !== "string") throw typeError(`__format__ must return a str, not ${typeOf(r).name}`);
  return r;
}

function makeTrans(args: PyObj[]): PyDict {
  const d = new PyDict();
  if (args.length === 1) {
    const src = args[0];
    if (!(src instanceof PyDict)) throw typeError("if you give only one argument to maketrans it must be a dict");
    for (const k of src.keys()) {
      const v = src.get(k)!;
      if (typeof k === "string") {
        if (strLen(k) !== 1) throw valueError("string keys in translate table must be of length 1");
        d.set(k.codePointAt(0)!, v);
      } else d.set(k, v);
    }
    return d;
  }
  const a = codePoints(argStr(args[0], "maketrans")), b = codePoints(argStr(args[1], "maketrans", 2));
  if (a.length !== b.length) throw valueError("the first two maketrans arguments must have equal length");
  for (let i = 0; i < a.length; i++) d.set(a[i].codePointAt(0)!, b[i].codePointAt(0)!);
  if (args.length > 2) for (const c of codePoints(argStr(args[2], "maketrans", 3))) d.set(c.codePointAt(0)!, None);
  return d;
}

export function installStrType(): void {
  codecHooks.encode = encodeString;
  codecHooks.decode = decodeBytes;
  strType.tp_alloc = (cls) => new PyStrSubclassObj(cls, "");
  strType.tp_repr = (s) => repr(S(s));
  strType.tp_str = (s) => S(s);
  strType.tp_hash = (s) => strHash(S(s));
  registerExactHash(strType.tp_hash, (s) => hashStrInto(S(s)));
  strType.sq_length = (s) => strLen(S(s));
  strType.tp_richcompare = (a, b, op) => {
    const y = asStringValue(b);
    if (y === null) return NotImplemented;
    return compareStrings(S(a), y, op);
  };
  strType.mp_subscript = (s, k) => strGetItem(S(s), k);
  strType.sq_contains = (s, x) => {
    const sub = asStringValue(x);
    if (sub === null) throw typeError(`'in <string>' requires string as left operand, not ${typeOf(x).name}`);
    return S(s).includes(sub);
  };
  strType.tp_iter = (s) => new PyStrIter(S(s));
  strIterType.tp_iter = (it) => it;
  defineMethod(strIterType, "__length_hint__", (it) => strLen((it as PyStrIter).s.slice((it as PyStrIter).pos)));
  strIterType.tp_iternext = (it) => {
    const si = it as PyStrIter;
    const s = si.s;
    if (si.pos >= s.length) return null;
    const c = s.charCodeAt(si.pos);
    if (c >= 0xd800 && c <= 0xdbff && si.pos + 1 < s.length) {
      const d = s.charCodeAt(si.pos + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        si.pos += 2;
        return s.slice(si.pos - 2, si.pos);
      }
    }
    return s[si.pos++];
  };
  strType.nb_binary[NB.ADD] = (a, b) => {
    const x = asStringValue(a), y = asStringValue(b);
    if (x === null || y === null) return NotImplemented;
    return x + y;
  };
  strType.nb_binary[NB.MULTIPLY] = (a, b) => {
    let s = asStringValue(a);
    let nObj = b;
    if (s === null) {
      s = asStringValue(b);
      nObj = a;
    }
    if (s === null || typeOf(nObj).nb_index === null) return NotImplemented;
    const n = index(nObj);
    if (typeof n === "bigint" && (n >= 1n << 63n || n < -(1n << 63n))) throw overflowError("cannot fit 'int' into an index-sized integer");
    if (n <= 0 || s === "") return "";
    // CPython: OverflowError past Py_ssize_t, else the allocation fails
    const total = s.length * Number(n);
    if (total > 2 ** 53 && BigInt(s.length) * BigInt(n) > (1n << 63n) - 1n) throw overflowError("repeated string is too long");
    if (total > 2 ** 29) throw newException(MemoryError);
    return s.repeat(Number(n));
  };
  strType.nb_binary[NB.REMAINDER] = (a, b) => {
    const s = asStringValue(a);
    if (s === null) return NotImplemented;
    return percentFormat(s, b);
  };
  strType.tp_new = (cls, args, kw) => {
    let obj: PyObj = "";
    const npos = args.length - (kw?.length ?? 0);
    let encoding: PyObj | null = null;
    if (npos > 0) obj = args[0];
    if (npos > 1) encoding = args[1];
    let errors: PyObj | null = npos > 2 ? args[2] : null;
    if (kw !== null) {
      for (let i = 0; i < kw.length; i++) {
        if (kw[i] === "object") obj = args[npos + i];
        else if (kw[i] === "encoding") encoding = args[npos + i];
        else if (kw[i] === "errors") {
          errors = args[npos + i];
          if (encoding === null) encoding = None;
        }
        else throw typeError(`str() got an unexpected keyword argument '${kw[i]}'`);
      }
    }
    let s: string;
    // clinic converts encoding/errors before looking at the object
    const encName = (v: PyObj, what: string): string => {
      const t = asStringValue(v);
      if (t === null) throw typeError(`str() argument '${what}' must be str, not ${v === None ? "None" : typeOf(v).name}`);
      return t;
    };
    const encText = encoding !== null && encoding !== None ? encName(encoding, "encoding") : "utf-8";
    const errText = errors !== null ? encName(errors, "errors") : "strict";
    if (encoding !== null && obj instanceof PyBytes) {
      s = decodeBytes(obj.bytes, encText, errText);
    }
    else if (encoding !== null) throw typeError(`decoding to str: need a bytes-like object, ${typeOf(obj).name} found`);
    else s = toStr(obj);
    return cls === strType ? s : new PyStrSubclassObj(cls, s);
  };

  const m = (name: string, fn: (s: string, args: PyObj[], kw: KwNames) => PyObj) =>
    defineMethod(strType, name, (self, args, kw) => fn(S(self), args, kw));
  const noKw = (name: string, kw: KwNames) => {
    if (kw !== null && kw.length > 0) throw typeError(`str.${name}() takes no keyword arguments`);
  };

  const join = (s: string, arg: PyObj): string => {
    if (typeOf(arg).tp_iter === null && typeOf(arg).mp_subscript === null) throw typeError("can only join an iterable");
    const items = toArrayShared(arg);
    const parts: string[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const x = items[i];
      if (typeof x === "string") parts[i] = x;
      else if (x instanceof PyStrSubclassObj) parts[i] = x.value;
      else throw typeError(`sequence item ${i}: expected str instance, ${typeOf(x).name} found`);
    }
    return parts.join(s);
  };
  m("join", (s, args, kw) => {
    argCount("str.join", args, kw, 1, 1);
    return join(s, args[0]);
  });
  m("split", (s, args, kw) => {
    const [sep, maxsplit] = splitArgs(args, kw, "split");
    if (sep === null) return new PyList(splitWhitespace(s, maxsplit));
    if (maxsplit < 0) return new PyList(s.split(sep));
    const out: string[] = [];
    let i = 0;
    while (out.length < maxsplit) {
      const j = s.indexOf(sep, i);
      if (j < 0) break;
      out.push(s.slice(i, j));
      i = j + sep.length;
    }
    out.push(s.slice(i));
    return new PyList(out);
  });
  m("rsplit", (s, args, kw) => {
    const [sep, maxsplit] = splitArgs(args, kw, "rsplit");
    if (sep === null) return new PyList(rsplitWhitespace(s, maxsplit));
    if (maxsplit < 0) return new PyList(s.split(sep));
    const out: string[] = [];
    let end = s.length;
    while (out.length < maxsplit) {
      const j = s.lastIndexOf(sep, end - sep.length);
      if (j < 0 || end - sep.length < 0) break;
      out.push(s.slice(j + sep.length, end));
      end = j;
    }
    out.push(s.slice(0, end));
    return new PyList(out.reverse());
  });
  m("splitlines", (s, args, kw) => {
    let keep = false;
    const npos = args.length - (kw?.length ?? 0);
    if (npos > 1) throw typeError(`splitlines() takes at most 1 argument (${npos} given)`);
    if (npos > 0) keep = isTrue(args[0]);
    if (kw !== null) {
      for (let i = 0; i < kw.length; i++) {
        if (kw[i] === "keepends") keep = isTrue(args[npos + i]);
        else throw typeError(`splitlines() got an unexpected keyword argument '${kw[i]}'`);
      }
    }
    const out: string[] = [];
    let last = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (!isLineBreakUnit(c)) continue;
      const end = c === 0x0d && s.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
      out.push(s.slice(last, keep ? end : i));
      last = end;
      i = end - 1;
    }
    if (last < s.length) out.push(s.slice(last));
    return new PyList(out);
  });
  m("strip", (s, args, kw) => {
    argCount("strip", args, kw, 0, 1);
    return stripChars(s, args[0], true, true, "strip");
  });
  m("lstrip", (s, args, kw) => {
    argCount("lstrip", args, kw, 0, 1);
    return stripChars(s, args[0], true, false, "lstrip");
  });
  m("rstrip", (s, args, kw) => {
    argCount("rstrip", args, kw, 0, 1);
    return stripChars(s, args[0], false, true, "rstrip");
  });
  // ASCII strings take JS's case mapping (identical there); others CPython's tables.
  m("lower", (s) => (isAsciiStr(s) ? s.toLowerCase() : uLower(s)));
  m("upper", (s) => (isAsciiStr(s) ? s.toUpperCase() : uUpper(s)));
  m("casefold", (s) => (isAsciiStr(s) ? s.toLowerCase() : uCasefold(s)));
  m("swapcase", (s) => (isAsciiStr(s) ? s.replace(/[a-zA-Z]/g, (c) => (c >= "a" ? c.toUpperCase() : c.toLowerCase())) : uSwapcase(s)));
  m("capitalize", (s) => (isAsciiStr(s) ? asciiCapitalize(s) : uCapitalize(s)));
  m("title", (s) => (isAsciiStr(s) ? asciiTitle(s) : uTitle(s)));
  const prefixCheck = (name: string, atEnd: boolean) => m(name, (s, args, kw) => {
    if (kw === null && args.length === 1 && typeof args[0] === "string") {
      // the common call: one str, no start/end (what the general path below computes)
      return atEnd ? s.endsWith(args[0]) : s.startsWith(args[0]);
    }
    noKw(name, kw);
    if (args.length < 1) throw typeError(`${name} expected at least 1 argument, got ${args.length}`);
    if (args.length > 3) throw typeError(`${name} expected at most 3 arguments, got ${args.length}`);
    const [a, b, ok] = range(s, args, 1);
    const first = args[0];
    if (!(first instanceof PyTuple) && asStringValue(first) === null) {
      throw typeError(`${name} first arg must be str or a tuple of str, not ${typeOf(first).name}`);
    }
    if (!ok) return false;
    const sub = s.slice(a, b);
    const test = (p: PyObj): boolean => {
      const ps = asStringValue(p);
      if (ps === null) {
        throw typeError(`tuple for ${name} must only contain str, not ${typeOf(p).name}`);
      }
      return atEnd ? sub.endsWith(ps) : sub.startsWith(ps);
    };
    const p = args[0];
    if (p instanceof PyTuple) return p.items.some(test);
    if (asStringValue(p) === null) {
      throw typeError(`${name} first arg must be str or a tuple of str, not ${typeOf(p).name}`);
    }
    return test(p);
  });
  prefixCheck("startswith", false);
  prefixCheck("endswith", true);
  // Fixed-arity entry points of methods hot in text processing: the results of the
  // general functions above for those positional arguments, without an arguments array.
  const fastPrefix = (name: string, atEnd: boolean): void => {
    const general = (strType.dict.getStr(name) as PyMethodDescr).fn;
    defineFastPaths(strType, name, null, (self, a) => {
      if (typeof a !== "string") return general(self, [a], null);
      return atEnd ? S(self).endsWith(a) : S(self).startsWith(a);
    }, null);
  };
  fastPrefix("startswith", false);
  fastPrefix("endswith", true);
  const fastStrip = (name: string, left: boolean, right: boolean): void =>
    defineFastPaths(strType, name, (self) => stripChars(S(self), undefined, left, right, name),
      (self, a) => stripChars(S(self), a, left, right, name), null);
  fastStrip("strip", true, true);
  fastStrip("lstrip", true, false);
  fastStrip("rstrip", false, true);
  defineFastPaths(strType, "join", null, (self, a) => join(S(self), a), null);
  defineFastPaths(strType, "split", (self) => new PyList(splitWhitespace(S(self), -1)), null, null);
  defineFastPaths(strType, "lower", (self) => {
    const s = S(self);
    return isAsciiStr(s) ? s.toLowerCase() : uLower(s);
  }, null, null);
  defineFastPaths(strType, "upper", (self) => {
    const s = S(self);
    return isAsciiStr(s) ? s.toUpperCase() : uUpper(s);
  }, null, null);
  const finder = (name: string, reverse: boolean, raise: boolean) => m(name, (s, args, kw) => {
    if (kw === null && args.length === 1 && typeof args[0] === "string") {
      // one str, no start/end: the whole string is the haystack (as the general path)
      const sub = args[0];
      const j = reverse ? s.lastIndexOf(sub) : s.indexOf(sub);
      if (j >= 0) return unitToCp(s, j);
      if (raise) throw valueError("substring not found");
      return -1;
    }
    noKw(name, kw);
    argCount(name, args, null, 1, 3);
    const sub = argStr(args[0], name);
    const [a, b, ok] = range(s, args, 1);
    let r = -1;
    if (ok && b - a >= sub.length) {
      const hay = s.slice(a, b);
      const j = reverse ? hay.lastIndexOf(sub) : hay.indexOf(sub);
      if (j >= 0) r = unitToCp(s, a + j);
    }
    if (r < 0 && raise) throw valueError("substring not found");
    return r;
  });
  finder("find", false, false);
  finder("rfind", true, false);
  finder("index", false, true);
  finder("rindex", true, true);
  m("count", (s, args, kw) => {
    noKw("count", kw);
    argCount("count", args, null, 1, 3);
    const sub = argStr(args[0], "count");
    const [a, b, ok] = range(s, args, 1);
    if (!ok) return 0;
    const hay = s.slice(a, b);
    if (sub === "") return strLen(hay) + 1;
    let n = 0;
    for (let i = hay.indexOf(sub); i >= 0; i = hay.indexOf(sub, i + sub.length)) n++;
    return n;
  });
  m("replace", (s, args, kw) => {
    const npos = args.length - (kw?.length ?? 0);
    let count = -1;
    if (npos > 2) count = Number(index(args[2]));
    if (kw !== null) {
      for (let i = 0; i < kw.length; i++) {
        if (kw[i] === "count") count = Number(index(args[npos + i]));
        else throw typeError(`replace() got an unexpected keyword argument '${kw[i]}'`);
      }
    }
    if (npos < 2) throw typeError(`replace() takes at least 2 positional arguments (${npos} given)`);
    const old = argStr(args[0], "replace"), nw = argStr(args[1], "replace", 2);
    if (count < 0 && old !== "") {
      if (!s.includes(old)) return s;
      // Short strs: the slice loop below (a few times faster than replaceAll on them).
      // replaceAll reads `$` in the replacement as a pattern: split/join then.
      if (s.length > 256) return nw.includes("$") ? s.split(old).join(nw) : s.replaceAll(old, nw);
    }
    if (count < 0) count = Number.MAX_SAFE_INTEGER;
    if (old === "") {
      const cps = codePoints(s);
      let out = "";
      let done = 0;
      for (let i = 0; i <= cps.length; i++) {
        if (done < count) {
          out += nw;
          done++;
        }
        if (i < cps.length) out += cps[i];
      }
      return out;
    }
    let out = "";
    let i = 0;
    let done = 0;
    while (done < count) {
      const j = s.indexOf(old, i);
      if (j < 0) break;
      out += s.slice(i, j) + nw;
      i = j + old.length;
      done++;
    }
    return out + s.slice(i);
  });
  m("format", (s, args, kw) => {
    const npos = args.length - (kw?.length ?? 0);
    let kwargs: PyDict | null = null;
    if (kw !== null && kw.length > 0) {
      kwargs = new PyDict();
      for (let i = 0; i < kw.length; i++) kwargs.setStr(kw[i], args[npos + i]);
    }
    return strFormat(s, args.slice(0, npos), kwargs);
  });
  m("format_map", (s, args, kw) => {
    argCount("str.format_map", args, kw, 1, 1);
    return strFormat(s, [], args[0]);
  });
  m("__format__", (s, args) => {
    const spec = formatSpecArg(args);
    try {
      return formatStr(s, parseSpec(spec));
    } catch (e) {
      fixSpecError(e, "str");
    }
  });
  m("isdigit", (s) => allFlags(s, UFlag.DIGIT));
  m("isdecimal", (s) => allFlags(s, UFlag.DECIMAL));
  m("isnumeric", (s) => allFlags(s, UFlag.NUMERIC));
  m("isalpha", (s) => allFlags(s, UFlag.ALPHA));
  m("isalnum", (s) => allFlags(s, UFlag.ALPHA | UFlag.DECIMAL | UFlag.DIGIT | UFlag.NUMERIC));
  m("isspace", (s) => allFlags(s, UFlag.SPACE));
  m("isascii", (s) => isAsciiStr(s));
  m("isprintable", (s) => (isAsciiStr(s) ? /^[\x20-\x7e]*$/.test(s) : uIsPrintable(s)));
  m("isidentifier", (s) => (isAsciiStr(s) ? /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(s) : uIsIdentifier(s)));
  m("isupper", (s) => (isAsciiStr(s) ? /[A-Z]/.test(s) && !/[a-z]/.test(s) : uIsUpper(s)));
  m("islower", (s) => (isAsciiStr(s) ? /[a-z]/.test(s) && !/[A-Z]/.test(s) : uIsLower(s)));
  m("istitle", (s) => uIsTitle(s));
  m("center", (s, args, kw) => {
    argCount("center", args, kw, 1, 2);
    return justify(s, ssizeArg(args[0]), fillArg(args, "center"), "c");
  });
  m("ljust", (s, args, kw) => {
    argCount("ljust", args, kw, 1, 2);
    return justify(s, ssizeArg(args[0]), fillArg(args, "ljust"), "l");
  });
  m("rjust", (s, args, kw) => {
    argCount("rjust", args, kw, 1, 2);
    return justify(s, ssizeArg(args[0]), fillArg(args, "rjust"), "r");
  });
  m("zfill", (s, args, kw) => {
    argCount("str.zfill", args, kw, 1, 1);
    const w = ssizeArg(args[0]);
    const n = strLen(s);
    if (w <= n) return s;
    const sign = s[0] === "+" || s[0] === "-" ? s[0] : "";
    return sign + "0".repeat(w - n) + s.slice(sign.length);
  });
  m("partition", (s, args) => {
    const sep = asStringValue(args[0]);
    if (sep === null) throw typeError(`must be str, not ${typeOf(args[0]).name}`);
    if (sep === "") throw valueError("empty separator");
    const i = s.indexOf(sep);
    if (i < 0) return newTuple([s, "", ""]);
    return newTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  });
  m("rpartition", (s, args) => {
    const sep = asStringValue(args[0]);
    if (sep === null) throw typeError(`must be str, not ${typeOf(args[0]).name}`);
    if (sep === "") throw valueError("empty separator");
    const i = s.lastIndexOf(sep);
    if (i < 0) return newTuple(["", "", s]);
    return newTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
  });
  m("removeprefix", (s, args) => {
    const p = asStringValue(args[0]);
    if (p === null) throw typeError(`removeprefix() argument must be str, not ${clinicTypeName(args[0])}`);
    return p !== "" && s.startsWith(p) ? s.slice(p.length) : s;
  });
  m("removesuffix", (s, args) => {
    const p = asStringValue(args[0]);
    if (p === null) throw typeError(`removesuffix() argument must be str, not ${clinicTypeName(args[0])}`);
    return p !== "" && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  });
  m("expandtabs", (s, args, kw) => {
    const npos = args.length - (kw?.length ?? 0);
    if (npos > 1) throw typeError(`expandtabs() takes at most 1 argument (${npos} given)`);
    let sizeArg: PyObj | null = npos > 0 ? args[0] : null;
    if (kw !== null) {
      for (let i = 0; i < kw.length; i++) {
        if (kw[i] === "tabsize") sizeArg = args[npos + i];
        else throw typeError(`expandtabs() got an unexpected keyword argument '${kw[i]}'`);
      }
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
    return out;
  });
  m("encode", (s, args, kw) => {
    const [encoding, errors] = encodingArgs("encode", args, kw);
    return new PyBytes(encodeString(s, encoding, errors));
  });
  m("translate", (s, args) => {
    const table = args[0];
    let out = "";
    for (const c of s) {
      let r: PyObj;
      try {
        r = getItem(table, c.codePointAt(0)!);
      } catch (e) {
        if (e instanceof PyObject && (e.type.name === "LookupError" || e.type.isSubtypeOf(keyError("").type) || e.type.name === "IndexError")) {
          out += c;
          continue;
        }
        throw e;
      }
      if (r === None) continue;
      const iv = intValueOf(r);
      if (iv !== null && typeof r !== "string") out += String.fromCodePoint(Number(iv));
      else if (typeof r === "string") out += r;
      else throw typeError("character mapping must return integer, None or str");
    }
    return out;
  });
  defineStatic(strType, "maketrans", (args) => makeTrans(args));
  m("__getnewargs__", (s) => newTuple([s]));
  m("__sizeof__", (s) => 49 + s.length);
  void PyFloat;
  void intType;
  void PyType;
}
