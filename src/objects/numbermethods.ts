// Constructors and methods of int, bool and float, and the reprs of the singletons
// (longobject.c, boolobject.c, floatobject.c).
import {
  PyObj, PyFloat, PyIntSubclassObj, intType, boolType, floatType, noneType, notImplementedType,
  ellipsisType, None, typeOf, NotImplemented, normInt, identityHash, Ellipsis, KwNames,
} from "./core.js";
import { defineMethod, defineGetSet, defineClassMethod } from "./descr.js";
import { typeError, valueError, overflowError, zeroDivisionError, DeprecationWarning } from "./exceptions.js";
import {
  intValueOf, floatValueOf, intToFloat, floatToInt, floatRepr, intDivmod, floatDivmod, makeInt,
  IntValue, intPowMod, intHash, intAbs,
} from "./number.js";
import {
  index, isTrue, str, repr, lookupSpecial, call, asStringValue, asFloat, toArray, warn, warnIntSubclassResult,
  formatSpecArg,
} from "./abstract.js";
import { newTuple, argCount } from "./sequence.js";
import { parseSpec, formatInt, formatFloat, fixSpecError } from "./format.js";
import { PyBytes } from "./misc.js";
import { bufferOf, bytesRepr } from "./bytes.js";
import { checkIntParseDigits } from "./number.js";
import { decimalsToAscii } from "./unicode.js";
import { roundDouble } from "./floatrepr.js";
import { PyList } from "./sequence.js";

/** int(str, base) parsing with CPython's rules (underscores, prefixes, whitespace). */
/** Strips Python white space (ASCII: also \x1c-\x1f, which JS's trim() keeps). */
function pyStrip(s: string): string {
  return s.replace(/^[\s\x1c-\x1f]+|[\s\x1c-\x1f]+$/g, "");
}

/** CPython's _PY_LONG_MAX_STR_DIGITS_THRESHOLD: the smallest limit, and where checks start. */
const INT_MAX_STR_DIGITS_THRESHOLD = 640;

export function parseIntLiteral(text: string, base: number): IntValue | null {
  if (base === 10 || base === 0) {
    // The common case, "123" or "-42": an optional sign and up to 15 ASCII digits (a safe
    // integer), anything else (spaces, underscores, prefixes...) takes the general path.
    const n = text.length;
    const c0 = text.charCodeAt(0);
    const start = c0 === 45 || c0 === 43 ? 1 : 0; // '-' / '+'
    if (n > start && n - start <= 15) {
      let v = 0, j = start;
      for (; j < n; j++) {
        const d = text.charCodeAt(j) - 48;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
      }
      // base 0 refuses leading zeros ("012"), except for zero itself
      if (j === n && (base === 10 || v === 0 || text.charCodeAt(start) !== 48)) return c0 === 45 ? 0 - v : v;
    }
  }
  let s = pyStrip(decimalsToAscii(text));
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  const lower = s.toLowerCase();
  if (base === 0) {
    if (lower.startsWith("0x")) base = 16;
    else if (lower.startsWith("0o")) base = 8;
    else if (lower.startsWith("0b")) base = 2;
    else {
      base = 10;
      if (/^0+[1-9]/.test(s.replace(/_/g, ""))) return null;
    }
    if (base !== 10) s = s.slice(2);
  } else if ((base === 16 && lower.startsWith("0x")) || (base === 8 && lower.startsWith("0o")) || (base === 2 && lower.startsWith("0b"))) {
    s = s.slice(2);
  }
  if (s.startsWith("_")) {
    if (!/^0[xob]/i.test(text.trim().replace(/^[-+]/, ""))) return null;
    s = s.slice(1);
  }
  if (s === "" || s.endsWith("_") || s.includes("__")) return null;
  s = s.replace(/_/g, "");
  // Digits beyond the threshold are counted against sys.get_int_max_str_digits() (not the
  // underscores), for bases that are not powers of two.
  if ((base & (base - 1)) !== 0 && s.length > INT_MAX_STR_DIGITS_THRESHOLD) checkIntParseDigits(s.length);
  const digits = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, base);
  let result = 0n;
  const bb = BigInt(base);
  if (s.length <= 10 && base <= 10) {
    for (const c of s.toLowerCase()) if (!digits.includes(c)) return null;
    const v = parseInt(s, base);
    return neg ? 0 - v : v;
  }
  const lowerDigits = s.toLowerCase();
  for (const c of lowerDigits) if (!digits.includes(c)) return null;
  // BigInt() parses bases 2, 8, 10 and 16 itself (and in less than quadratic time).
  const prefix = base === 10 ? "" : base === 16 ? "0x" : base === 8 ? "0o" : base === 2 ? "0b" : null;
  if (prefix !== null) result = BigInt(prefix + lowerDigits);
  else {
    // Other bases: chunks of digits that fit a double exactly, one bigint step per chunk.
    const chunk = Math.floor(Math.log(2 ** 53) / Math.log(base));
    for (let i = 0; i < lowerDigits.length; i += chunk) {
      const part = lowerDigits.slice(i, i + chunk);
      result = result * bb ** BigInt(part.length) + BigInt(parseInt(part, base));
    }
  }
  return normInt(neg ? -result : result);
}

/** float(str) parsing: CPython accepts inf/nan spellings and underscores between digits. */
export function parseFloatLiteral(text: string): number | null {
  const s = pyStrip(decimalsToAscii(text));
  const low = s.toLowerCase();
  const m = /^([+-]?)(inf|infinity|nan)$/.exec(low);
  if (m) return low.includes("nan") ? NaN : m[1] === "-" ? -Infinity : Infinity;
  if (!/^[+-]?((\d(_?\d)*)?\.?(\d(_?\d)*)?)([eE][+-]?\d(_?\d)*)?$/.test(s)) return null;
  if (!/\d/.test(s.replace(/[eE].*$/, ""))) return null;
  return parseFloat(s.replace(/_/g, ""));
}

function intFromObject(v: PyObj, baseArg: PyObj | null): IntValue {
  if (baseArg !== null) {
    let base = Number(index(baseArg));
    if (base !== 0 && (base < 2 || base > 36)) throw valueError("int() base must be >= 2 and <= 36, or 0");
    const s = asStringValue(v);
    let text: string;
    if (s !== null) text = s;
    else if (v instanceof PyBytes) text = new TextDecoder().decode(v.bytes);
    else throw typeError("int() can't convert non-string with explicit base");
    const r = parseIntLiteral(text, base);
    if (r === null) {
      const shown = v instanceof PyBytes ? bytesRepr(v.bytes) : reprStr(text);
      throw valueError(`invalid literal for int() with base ${base}: ${shown}`);
    }
    base = 0;
    return r;
  }
  // PyNumber_Long: an exact int as it is, then __int__, __index__, __trunc__ (an int
  // subclass's own __int__ counts), then text and buffers.
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (v instanceof PyFloat && v.type === floatType) return floatToInt(v.value);
  const t = typeOf(v);
  if (t.nb_int !== null) {
    const r = t.nb_int(v);
    if (typeof r === "number" || typeof r === "bigint") return r;
    const rv = intValueOf(r);
    if (rv === null) throw typeError(`__int__ returned non-int (type ${typeOf(r).name})`);
    warnIntSubclassResult("__int__", r);
    return rv;
  }
  if (t.nb_index !== null) return index(v);
  const trunc = lookupSpecial(v, "__trunc__");
  if (trunc !== null) {
    warn(DeprecationWarning, "The delegation of int() to __trunc__ is deprecated.");
    const r = call(trunc, []);
    const rv = intValueOf(r);
    if (rv !== null) return rv;
    if (typeOf(r).nb_index === null) throw typeError(`__trunc__ returned non-Integral (type ${typeOf(r).name})`);
    return index(r);
  }
  const s = asStringValue(v);
  if (s !== null) {
    const r = parseIntLiteral(s, 10);
    if (r === null) throw valueError(`invalid literal for int() with base 10: ${reprStr(s)}`);
    return r;
  }
  // bytes, bytearray, memoryview: the bytes' text; errors show them as bytes (CPython).
  const buf = v instanceof PyBytes ? v.bytes : bufferOf(v);
  if (buf !== null) {
    const text = new TextDecoder().decode(buf);
    const r = parseIntLiteral(text, 10);
    if (r === null) throw valueError(`invalid literal for int() with base 10: ${bytesRepr(buf)}`);
    return r;
  }
  throw typeError(`int() argument must be a string, a bytes-like object or a real number, not '${t.name}'`);
}
function reprStr(s: string): string {
  return str(newTuple([s])).slice(1, -2);
}

function bitLength(v: IntValue): number {
  const a = intAbs(v);
  if (a === 0 || a === 0n) return 0;
  if (typeof a === "number") return Math.floor(Math.log2(a)) + 1 - (2 ** Math.floor(Math.log2(a)) > a ? 1 : 0);
  return a.toString(2).length;
}

function floatAsIntegerRatio(x: number): [IntValue, IntValue] {
  if (!Number.isFinite(x)) {
    if (Number.isNaN(x)) throw valueError("cannot convert NaN to integer ratio");
    throw overflowError("cannot convert Infinity to integer ratio");
  }
  let num = x;
  let den = 1n;
  let e = 0;
  while (!Number.isInteger(num)) {
    num *= 2;
    e++;
  }
  den = 1n << BigInt(e);
  let n = BigInt(num);
  // reduce
  while (n % 2n === 0n && den > 1n) {
    n /= 2n;
    den /= 2n;
  }
  return [normInt(n), normInt(den)];
}

function floatHex(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0x0.0p+0" : "0x0.0p+0";
  const sign = x < 0 ? "-" : "";
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(x));
  const hi = buf.getUint32(0), lo = buf.getUint32(4);
  let exp = (hi >>> 20) & 0x7ff;
  const mant = ((BigInt(hi & 0xfffff) << 32n) | BigInt(lo)).toString(16).padStart(13, "0");
  let lead = "1";
  if (exp === 0) {
    lead = "0";
    exp = -1022;
  } else exp -= 1023;
  return `${sign}0x${lead}.${mant}p${exp >= 0 ? "+" : ""}${exp}`;
}

export function roundInt(v: IntValue, ndigits: number): IntValue {
  if (ndigits >= 0) return v;
  const p = 10n ** BigInt(-ndigits);
  const b = BigInt(v);
  let q = b / p;
  let r = b % p;
  if (r < 0n) {
    r += p;
    q -= 1n;
  }
  const twice = 2n * r;
  if (twice > p || (twice === p && q % 2n !== 0n)) q += 1n;
  return normInt(q * p);
}

/** float.fromhex: exact value of the hex string, rounded half-even to a double. */
function floatFromHex(arg: PyObj): number {
  if (typeof arg !== "string") throw typeError(`bad argument type for built-in operation`);
  const s = arg.trim().toLowerCase();
  const special = /^([+-])?(inf|infinity|nan)$/.exec(s);
  if (special) {
    const v = special[2] === "nan" ? NaN : Infinity;
    return special[1] === "-" ? -v : v;
  }
  const m = /^([+-])?(?:0x)?([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw valueError("invalid hexadecimal floating-point string");
  const neg = m[1] === "-";
  const frac = m[3] ?? "";
  let mant = BigInt("0x0" + m[2] + frac);
  const exp = (m[4] === undefined ? 0 : parseInt(m[4], 10)) - 4 * frac.length;
  if (mant === 0n) return neg ? -0 : 0;
  const bits = mant.toString(2).length;
  const top = bits + exp;
  if (top > 1024) throw overflowError("hexadecimal value too large to represent as a float");
  const lsbExp = Math.max(top - 53, -1074);
  const shift = lsbExp - exp;
  if (shift > 0) {
    const b = BigInt(shift);
    const rem = mant & ((1n << b) - 1n);
    mant >>= b;
    const half = 1n << (b - 1n);
    if (rem > half || (rem === half && (mant & 1n) === 1n)) mant += 1n;
  } else mant <<= BigInt(-shift);
  const v = Number(mant) * 2 ** lsbExp;
  if (!Number.isFinite(v)) throw overflowError("hexadecimal value too large to represent as a float");
  return neg ? -v : v;
}

function kwArg(args: PyObj[], kw: KwNames, npos: number, name: string): PyObj | null {
  if (kw === null) return null;
  const i = kw.indexOf(name);
  return i < 0 ? null : args[npos + i];
}

export function installNumberMethods(): void {
  intType.tp_alloc = (cls) => new PyIntSubclassObj(cls, 0);
  intType.tp_new = (cls, args, kw) => {
    const npos = args.length - (kw?.length ?? 0);
    let x: PyObj | null = npos > 0 ? args[0] : null;
    let base: PyObj | null = npos > 1 ? args[1] : null;
    if (npos > 2) throw typeError(`int() takes at most 2 arguments (${npos} given)`);
    if (kw !== null) {
      for (let i = 0; i < kw.length; i++) {
        if (kw[i] === "base") base = args[npos + i];
        else throw typeError(`int() got an unexpected keyword argument '${kw[i]}'`);
      }
    }
    if (x === null) {
      if (base !== null) throw typeError("int() missing string argument");
      return makeInt(cls, 0);
    }
    return makeInt(cls, intFromObject(x, base));
  };
  const I = (v: PyObj) => intValueOf(v)!;
  defineMethod(intType, "bit_length", (s) => bitLength(I(s)));
  defineMethod(intType, "bit_count", (s) => {
    const a = intAbs(I(s));
    return BigInt(a).toString(2).replace(/0/g, "").length;
  });
  defineMethod(intType, "conjugate", (s) => I(s));
  defineMethod(intType, "as_integer_ratio", (s) => newTuple([I(s), 1]));
  defineMethod(intType, "is_integer", () => true);
  defineMethod(intType, "__trunc__", (s) => I(s));
  defineMethod(intType, "__floor__", (s) => I(s));
  defineMethod(intType, "__ceil__", (s) => I(s));
  defineMethod(intType, "__round__", (s, args) => {
    if (args.length === 0 || args[0] === None) return I(s);
    return roundInt(I(s), Number(index(args[0])));
  });
  defineMethod(intType, "__getnewargs__", (s) => newTuple([I(s)]));
  defineMethod(intType, "__divmod__", (s, args) => {
    const o = intValueOf(args[0]);
    if (o === null) return NotImplemented;
    return newTuple(intDivmod(I(s), o));
  });
  defineMethod(intType, "__rdivmod__", (s, args) => {
    const o = intValueOf(args[0]);
    if (o === null) return NotImplemented;
    return newTuple(intDivmod(o, I(s)));
  });
  defineMethod(intType, "__format__", (s, args) => {
    const spec = formatSpecArg(args);
    if (spec === "") return str(s);
    try {
      return formatInt(I(s), parseSpec(spec), typeOf(s).name);
    } catch (e) {
      fixSpecError(e, typeOf(s).name);
    }
  });
  defineMethod(intType, "__pow__", (s, args) => {
    const o = intValueOf(args[0]);
    if (o === null) return NotImplemented;
    if (args.length > 1 && args[1] !== None) {
      const m = intValueOf(args[1]);
      if (m === null) return NotImplemented;
      return intPowMod(I(s), o, m);
    }
    return intType.nb_binary[8]!(s, args[0]);
  });
  defineMethod(intType, "to_bytes", (s, args, kw) => {
    const npos = args.length - (kw?.length ?? 0);
    let length: PyObj = npos > 0 ? args[0] : 1;
    let order: PyObj = npos > 1 ? args[1] : "big";
    let signed = false;
    if (kw !== null) for (let i = 0; i < kw.length; i++) {
      if (kw[i] === "length") length = args[npos + i];
      else if (kw[i] === "byteorder") order = args[npos + i];
      else if (kw[i] === "signed") signed = isTrue(args[npos + i]);
    }
    // clinic converts length (Py_ssize_t) before byteorder
    const len = index(length);
    if (typeof len === "bigint") throw overflowError("Python int too large to convert to C ssize_t");
    if (order !== "little" && order !== "big") {
      if (asStringValue(order) === null) throw typeError(`to_bytes() argument 'byteorder' must be str, not ${typeOf(order).name}`);
      throw valueError("byteorder must be either 'little' or 'big'");
    }
    const n = len;
    if (n < 0) throw valueError("length argument must be non-negative");
    let v = BigInt(I(s));
    if (v < 0n && !signed) throw overflowError("can't convert negative int to unsigned");
    if (signed && n > 0) {
      const lim = 1n << BigInt(8 * n - 1);
      if (v >= lim || v < -lim) throw overflowError("int too big to convert");
    } else if (signed && v !== 0n) throw overflowError("int too big to convert");
    if (v < 0n) v += 1n << BigInt(8 * n);
    const out = new Uint8Array(n);
    for (let i = n - 1; i >= 0; i--) {
      out[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    if (v !== 0n) throw overflowError("int too big to convert");
    if (order === "little") out.reverse();
    return new PyBytes(out);
  });
  defineClassMethod(intType, "from_bytes", (cls, args, kw) => {
    const npos = args.length - (kw?.length ?? 0);
    let order: PyObj = npos > 1 ? args[1] : "big";
    let signed = false;
    if (kw !== null) for (let i = 0; i < kw.length; i++) {
      if (kw[i] === "byteorder") order = args[npos + i];
      else if (kw[i] === "signed") signed = isTrue(args[npos + i]);
    }
    if (order !== "little" && order !== "big") {
      if (asStringValue(order) === null) throw typeError(`from_bytes() argument 'byteorder' must be str, not ${typeOf(order).name}`);
      throw valueError("byteorder must be either 'little' or 'big'");
    }
    const src = npos > 0 ? args[0] : kwArg(args, kw, npos, "bytes");
    if (src === null) throw typeError("from_bytes() missing required argument 'bytes' (pos 1)");
    if (asStringValue(src) !== null) throw typeError("cannot convert 'str' object to bytes");
    const bytes = src instanceof PyBytes ? Array.from(src.bytes) : toArray(src).map((x) => {
      const b = Number(index(x));
      if (b < 0 || b > 255) throw valueError("bytes must be in range(0, 256)");
      return b;
    });
    if (order === "little") bytes.reverse();
    let v = 0n;
    for (const b of bytes) v = (v << 8n) | BigInt(b);
    if (signed && bytes.length > 0 && bytes[0] >= 0x80) v -= 1n << BigInt(8 * bytes.length);
    return makeInt(cls as never, normInt(v));
  });
  defineGetSet(intType, "real", (s) => I(s));
  defineGetSet(intType, "imag", () => 0);
  defineGetSet(intType, "numerator", (s) => I(s));
  defineGetSet(intType, "denominator", () => 1);

  boolType.flags &= ~(1 << 10);
  boolType.tp_new = (_cls, args, kw) => {
    if (kw !== null && kw.length > 0) throw typeError("bool() takes no keyword arguments");
    if (args.length > 1) throw typeError(`bool expected at most 1 argument, got ${args.length}`);
    return args.length === 0 ? false : isTrue(args[0]);
  };
  boolType.tp_repr = (b) => (b === true ? "True" : "False");
  boolType.nb_invert = (b) => (b === true ? -2 : -1);

  floatType.tp_alloc = (cls) => new PyFloat(0, cls);
  floatType.tp_new = (cls, args, kw) => {
    if (kw !== null && kw.length > 0) throw typeError("float() takes no keyword arguments");
    if (args.length > 1) throw typeError(`float expected at most 1 argument, got ${args.length}`);
    let v = 0;
    if (args.length === 1) {
      const x = args[0];
      const s = asStringValue(x);
      if (s !== null) {
        const r = parseFloatLiteral(s);
        if (r === null) throw valueError(`could not convert string to float: ${reprStr(s)}`);
        v = r;
      } else if (x instanceof PyBytes) {
        // bytes / bytearray: parsed as their ASCII text (CPython's float_from_string)
        const text = String.fromCharCode(...x.bytes);
        const r = /^[\x00-\x7f]*$/.test(text) ? parseFloatLiteral(text) : null;
        if (r === null) throw valueError(`could not convert string to float: ${repr(x)}`);
        v = r;
      } else if (x instanceof PyFloat) v = x.value;
      else {
        const t = typeOf(x);
        if (t.nb_float === null && t.nb_index === null && intValueOf(x) === null) {
          throw typeError(`float() argument must be a string or a real number, not '${t.name}'`);
        }
        v = asFloat(x);
      }
    }
    return cls === floatType ? new PyFloat(v) : new PyFloat(v, cls);
  };
  const F = (v: PyObj) => (v as PyFloat).value;
  defineMethod(floatType, "is_integer", (s) => Number.isInteger(F(s)));
  defineMethod(floatType, "conjugate", (s) => new PyFloat(F(s)));
  defineMethod(floatType, "hex", (s) => floatHex(F(s)));
  defineMethod(floatType, "as_integer_ratio", (s) => newTuple(floatAsIntegerRatio(F(s))));
  defineMethod(floatType, "__trunc__", (s) => floatToInt(F(s)));
  defineMethod(floatType, "__int__", (s) => floatToInt(F(s)));
  defineMethod(floatType, "__floor__", (s) => floatToInt(Math.floor(F(s))));
  defineMethod(floatType, "__ceil__", (s) => floatToInt(Math.ceil(F(s))));
  defineMethod(floatType, "__getnewargs__", (s) => newTuple([new PyFloat(F(s))]));
  defineMethod(floatType, "__round__", (s, args) => {
    const x = F(s);
    if (args.length === 0 || args[0] === None) {
      if (!Number.isFinite(x)) floatToInt(x);
      let r = Math.round(x);
      if (Math.abs(x % 1) === 0.5) r = 2 * Math.round(x / 2);
      return floatToInt(r);
    }
    const nd = index(args[0]);
    const r = roundDouble(x, typeof nd === "bigint" ? (nd > 0n ? 1000 : -1000) : nd);
    if (r === null) throw overflowError("rounded value too large to represent");
    return new PyFloat(r);
  });
  defineMethod(floatType, "__divmod__", (s, args) => {
    const o = floatValueOf(args[0]);
    if (o === null) return NotImplemented;
    const [q, r] = floatDivmod(F(s), o);
    return newTuple([new PyFloat(q), new PyFloat(r)]);
  });
  defineMethod(floatType, "__rdivmod__", (s, args) => {
    const o = floatValueOf(args[0]);
    if (o === null) return NotImplemented;
    const [q, r] = floatDivmod(o, F(s));
    return newTuple([new PyFloat(q), new PyFloat(r)]);
  });
  defineMethod(floatType, "__format__", (s, args) => {
    const spec = formatSpecArg(args);
    if (spec === "") return str(s);
    try {
      return formatFloat(F(s), parseSpec(spec), typeOf(s).name);
    } catch (e) {
      fixSpecError(e, typeOf(s).name);
    }
  });
  defineClassMethod(floatType, "fromhex", (_cls, args) => {
    return new PyFloat(floatFromHex(args[0]));
  });
  defineGetSet(floatType, "real", (s) => new PyFloat(F(s)));
  defineGetSet(floatType, "imag", () => new PyFloat(0));

  noneType.tp_repr = () => "None";
  noneType.nb_bool = () => false;
  noneType.tp_hash = identityHash;
  noneType.tp_new = (_cls, args) => {
    if (args.length > 0) throw typeError("NoneType takes no arguments");
    return None;
  };
  notImplementedType.tp_repr = () => "NotImplemented";
  notImplementedType.nb_bool = () => {
    throw typeError("NotImplemented should not be used in a boolean context");
  };
  notImplementedType.tp_new = () => NotImplemented;
  ellipsisType.tp_repr = () => "Ellipsis";
  ellipsisType.tp_new = () => Ellipsis;
  void floatRepr;
  void intToFloat;
  void intHash;
  void zeroDivisionError;
  void argCount;
}
