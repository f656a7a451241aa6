// Python's repr() of the constant values a code object can hold (values.ts), exactly as
// CPython 3.13 prints them: what dis shows next to LOAD_CONST, and what the object layer
// can reuse for float/str/bytes reprs.
import { CodeObject } from "./code.js";
import { setIterationOrder } from "./setOrder.js";
import {
  PyBytesValue, PyComplexValue, PyDictValue, PyListValue, PySetValue, PySingletonValue, PyTupleValue,
  type MarshalValue,
} from "./values.js";

// --- float ----------------------------------------------------------------------------

/**
 * CPython's float formatting in 'r' mode (shortest digits that round-trip): repr(x) when
 * `addDotZero`, and the form complex() uses for its parts when not ("1" rather than "1.0").
 */
export function floatRepr(x: number, addDotZero = true): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return (Object.is(x, -0) ? "-0" : "0") + (addDotZero ? ".0" : "");
  // toExponential() without an argument gives the shortest round-trip digits, as Python's
  // repr does; only the layout differs.
  const [mantissa, expText] = x.toExponential().split("e");
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  const exponent = Number(expText);
  const decimalPoint = exponent + 1; // digits before the decimal point
  // CPython switches to exponent notation outside 1e-5 < |x| < 1e16 (decpt in -3..16).
  if (decimalPoint > -4 && decimalPoint <= 16) {
    if (decimalPoint <= 0) return `${sign}0.${"0".repeat(-decimalPoint)}${digits}`;
    if (decimalPoint >= digits.length) {
      return sign + digits + "0".repeat(decimalPoint - digits.length) + (addDotZero ? ".0" : "");
    }
    return `${sign}${digits.slice(0, decimalPoint)}.${digits.slice(decimalPoint)}`;
  }
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
  const expSign = exponent < 0 ? "-" : "+";
  return `${sign}${digits[0]}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

/** repr(complex): "1j", "(1+2j)", "(-0-1j)", "(nan+infj)". */
export function complexRepr(real: number, imag: number): string {
  if (real === 0 && !Object.is(real, -0)) return `${floatRepr(imag, false)}j`;
  let imagText = floatRepr(imag, false);
  // The imaginary part always carries a sign (CPython's Py_DTSF_SIGN), nan included.
  if (!imagText.startsWith("-")) imagText = `+${imagText}`;
  return `(${floatRepr(real, false)}${imagText}j)`;
}

// --- str and bytes -----------------------------------------------------------------------

// Python's str.isprintable() follows its own Unicode database (15.1 in 3.13), not Node's
// ICU. JS regexps give the general categories Python treats as non-printable; the table
// below corrects for characters Unicode assigned after 15.1 (printable to a newer ICU,
// unassigned - so not printable - to Python 3.13). Derived by comparing
// `chr(c).isprintable()` of CPython 3.13 with this regexp under Node 20 (Unicode 17).
// Made on first use (only non-ASCII code points need it): not part of every start-up.
let nonPrintableCategories: RegExp | null = null;
const ASSIGNED_AFTER_UNICODE_15_1: readonly number[] = [
  0x88f, 0x88f, 0x897, 0x897, 0xc5c, 0xc5c, 0xcdc, 0xcdc, 0x1acf, 0x1add, 0x1ae0, 0x1aeb, 0x1b4e, 0x1b4f,
  0x1b7f, 0x1b7f, 0x1c89, 0x1c8a, 0x20c1, 0x20c1, 0x2427, 0x2429, 0x2b96, 0x2b96, 0x31e4, 0x31e5,
  0xa7cb, 0xa7cf, 0xa7d2, 0xa7d2, 0xa7d4, 0xa7d4, 0xa7da, 0xa7dc, 0xa7f1, 0xa7f1, 0xfbc3, 0xfbd2,
  0xfd90, 0xfd91, 0xfdc8, 0xfdce, 0x105c0, 0x105f3, 0x10940, 0x10959, 0x10d40, 0x10d65, 0x10d69, 0x10d85,
  0x10d8e, 0x10d8f, 0x10ec2, 0x10ec7, 0x10ed0, 0x10ed8, 0x10efa, 0x10efc, 0x11380, 0x11389, 0x1138b, 0x1138b,
  0x1138e, 0x1138e, 0x11390, 0x113b5, 0x113b7, 0x113c0, 0x113c2, 0x113c2, 0x113c5, 0x113c5, 0x113c7, 0x113ca,
  0x113cc, 0x113d5, 0x113d7, 0x113d8, 0x113e1, 0x113e2, 0x116d0, 0x116e3, 0x11b60, 0x11b67, 0x11bc0, 0x11be1,
  0x11bf0, 0x11bf9, 0x11db0, 0x11ddb, 0x11de0, 0x11de9, 0x11f5a, 0x11f5a, 0x13460, 0x143fa, 0x16100, 0x16139,
  0x16d40, 0x16d79, 0x16ea0, 0x16eb8, 0x16ebb, 0x16ed3, 0x16ff2, 0x16ff6, 0x187f8, 0x187ff, 0x18cff, 0x18cff,
  0x18d09, 0x18d1e, 0x18d80, 0x18df2, 0x1cc00, 0x1ccfc, 0x1cd00, 0x1ceb3, 0x1ceba, 0x1ced0, 0x1cee0, 0x1cef0,
  0x1e5d0, 0x1e5fa, 0x1e5ff, 0x1e5ff, 0x1e6c0, 0x1e6de, 0x1e6e0, 0x1e6f5, 0x1e6fe, 0x1e6ff, 0x1f6d8, 0x1f6d8,
  0x1f777, 0x1f77a, 0x1f8b2, 0x1f8bb, 0x1f8c0, 0x1f8c1, 0x1f8d0, 0x1f8d8, 0x1fa54, 0x1fa57, 0x1fa89, 0x1fa8a,
  0x1fa8e, 0x1fa8f, 0x1fabe, 0x1fabe, 0x1fac6, 0x1fac6, 0x1fac8, 0x1fac8, 0x1facd, 0x1facd, 0x1fadc, 0x1fadc,
  0x1fadf, 0x1fadf, 0x1fae9, 0x1faea, 0x1faef, 0x1faef, 0x1fbcb, 0x1fbef, 0x1fbfa, 0x1fbfa, 0x2b73a, 0x2b73f,
  0x2cea2, 0x2cead, 0x323b0, 0x33479,
];
// Unicode 15.1's own additions, printable to Python 3.13 even if an older ICU lacks them.
const ADDED_IN_UNICODE_15_1: readonly number[] = [0x2ffc, 0x2fff, 0x31ef, 0x31ef, 0x2ebf0, 0x2ee5d];

function inRanges(ranges: readonly number[], cp: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) if (cp >= ranges[i] && cp <= ranges[i + 1]) return true;
  return false;
}

/** Python's str.isprintable() for one code point. */
export function isPrintableCodePoint(cp: number): boolean {
  if (cp < 0x7f) return cp >= 0x20;
  if (inRanges(ADDED_IN_UNICODE_15_1, cp)) return true;
  if ((nonPrintableCategories ??= /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u).test(String.fromCodePoint(cp))) return false;
  return !inRanges(ASSIGNED_AFTER_UNICODE_15_1, cp);
}

const hex2 = (n: number): string => n.toString(16).padStart(2, "0");

/** repr(str). JS strings are UTF-16; a lone surrogate is one code point, as in Python. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (cp === 0x5c || cp === quote.charCodeAt(0)) out += "\\" + String.fromCharCode(cp);
    else if (cp === 0x09) out += "\\t";
    else if (cp === 0x0a) out += "\\n";
    else if (cp === 0x0d) out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + hex2(cp);
    else if (cp < 0x7f || isPrintableCodePoint(cp)) out += String.fromCodePoint(cp);
    else if (cp <= 0xff) out += "\\x" + hex2(cp);
    else if (cp <= 0xffff) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out + quote;
}

/** repr(bytes). */
export function bytesRepr(bytes: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const b of bytes) {
    if (b === 0x27) hasSingle = true;
    else if (b === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = "b" + String.fromCharCode(quote);
  for (const b of bytes) {
    if (b === quote || b === 0x5c) out += "\\" + String.fromCharCode(b);
    else if (b === 0x09) out += "\\t";
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b < 0x20 || b >= 0x7f) out += "\\x" + hex2(b);
    else out += String.fromCharCode(b);
  }
  return out + String.fromCharCode(quote);
}

// --- any constant ------------------------------------------------------------------------

/**
 * repr(code) with the address masked as `0x...`: dis output then compares directly with
 * CPython's once its addresses are masked the same way.
 */
export function codeRepr(code: CodeObject): string {
  return `<code object ${code.co_name} at 0x..., file "${code.co_filename}", line ${code.co_firstlineno}>`;
}

/** repr() of a constant. Sets print in CPython's iteration order (setOrder.ts). */
export function constRepr(value: MarshalValue): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return floatRepr(value);
  if (typeof value === "string") return strRepr(value);
  if (value instanceof PyBytesValue) return bytesRepr(value.bytes);
  if (value instanceof PyTupleValue) {
    const items = value.items.map(constRepr);
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
  }
  if (value instanceof PyListValue) return `[${value.items.map(constRepr).join(", ")}]`;
  if (value instanceof PyDictValue) return `{${value.entries.map(([k, v]) => `${constRepr(k)}: ${constRepr(v)}`).join(", ")}}`;
  if (value instanceof PySetValue) {
    const name = value.frozen ? "frozenset" : "set";
    if (value.items.length === 0) return `${name}()`;
    const body = `{${setIterationOrder(value).map(constRepr).join(", ")}}`;
    return value.frozen ? `frozenset(${body})` : body;
  }
  if (value instanceof PyComplexValue) return complexRepr(value.real, value.imag);
  if (value instanceof PySingletonValue) return value === PySingletonValue.Ellipsis ? "Ellipsis" : "<class 'StopIteration'>";
  if (value instanceof CodeObject) return codeRepr(value);
  return String(value);
}
