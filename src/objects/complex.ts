// complex (Objects/complexobject.c): arithmetic with CPython's algorithms (Smith's
// division, c_powi for small integral exponents, polar pow otherwise), constructor with
// string parsing, repr, comparisons and CPython's error messages.
import {
  PyObject, PyObj, PyType, KwNames, complexType, PyFloat, NotImplemented, typeOf, None,
} from "./core.js";
import { defineMethod, defineGetSet } from "./descr.js";
import { typeError, valueError, zeroDivisionError, overflowError } from "./exceptions.js";
import { floatRepr, NB, floatValueOf, intValueOf, intToFloat, numberHooks } from "./number.js";
import { asStringValue, callSpecial, index, formatSpecArg } from "./abstract.js";
import { newTuple } from "./sequence.js";
import { parseFloatLiteral } from "./numbermethods.js";
import { parseSpec, fixSpecError, gForm, FormatSpec } from "./format.js";
import { fixedDigits, expDigits } from "./floatrepr.js";

export class PyComplex extends PyObject {
  declare readonly real: number;
  declare readonly imag: number;
  constructor(real: number, imag: number, type: PyType = complexType) {
    super(type);
    this.real = real;
    this.imag = imag;
  }
}

export function complexRepr(c: PyComplex): string {
  const fmt = (x: number) => {
    const r = floatRepr(x);
    return r.endsWith(".0") ? r.slice(0, -2) : r;
  };
  if (c.real === 0 && !Object.is(c.real, -0)) return fmt(c.imag) + "j";
  const im = c.imag;
  const sign = im < 0 || Object.is(im, -0) || (Number.isNaN(im) && false) ? "-" : "+";
  return `(${fmt(c.real)}${sign}${fmt(Math.abs(im))}j)`;
}

type C = [number, number];

/** (re, im) of a complex, float or int operand; null for anything else. */
function asC(v: PyObj): C | null {
  if (v instanceof PyComplex) return [v.real, v.imag];
  const f = floatValueOf(v);
  if (f !== null) return [f, 0];
  return null;
}

function cProd(a: C, b: C): C {
  return [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
}
function cQuot(a: C, b: C): C {
  const absBr = Math.abs(b[0]), absBi = Math.abs(b[1]);
  if (absBr >= absBi) {
    if (absBr === 0) throw zeroDivisionError("complex division by zero");
    const ratio = b[1] / b[0];
    const denom = b[0] + b[1] * ratio;
    return [(a[0] + a[1] * ratio) / denom, (a[1] - a[0] * ratio) / denom];
  }
  if (absBi >= absBr) {
    const ratio = b[0] / b[1];
    const denom = b[0] * ratio + b[1];
    return [(a[0] * ratio + a[1]) / denom, (a[1] * ratio - a[0]) / denom];
  }
  return [NaN, NaN];
}
function cPow(a: C, b: C): C {
  if (b[0] === 0 && b[1] === 0) return [1, 0];
  if (a[0] === 0 && a[1] === 0) {
    if (b[1] !== 0 || b[0] < 0) throw zeroDivisionError("0.0 to a negative or complex power");
    return [0, 0];
  }
  const vabs = Math.hypot(a[0], a[1]);
  let len = Math.pow(vabs, b[0]);
  const at = Math.atan2(a[1], a[0]);
  let phase = at * b[0];
  if (b[1] !== 0) {
    len /= Math.exp(at * b[1]);
    phase += b[1] * Math.log(vabs);
  }
  // cos/sin of an infinite phase is a domain error (EDOM), which complex_pow reports so
  if (phase === Infinity || phase === -Infinity) throw zeroDivisionError("0.0 to a negative or complex power");
  return [len * Math.cos(phase), len * Math.sin(phase)];
}
function cPowu(x: C, n: number): C {
  let r: C = [1, 0];
  let p = x;
  let mask = 1;
  while (mask > 0 && n >= mask) {
    if (n & mask) r = cProd(r, p);
    mask <<= 1;
    p = cProd(p, p);
  }
  return r;
}
function cPowi(x: C, n: number): C {
  return n > 0 ? cPowu(x, n) : cQuot([1, 0], cPowu(x, -n));
}
export function complexPow(a: C, b: C): PyComplex {
  let r: C;
  if (b[1] === 0 && b[0] === Math.floor(b[0]) && Math.abs(b[0]) <= 100) r = cPowi(a, b[0]);
  else r = cPow(a, b);
  if (!Number.isFinite(r[0]) || !Number.isFinite(r[1])) {
    if (Number.isFinite(a[0]) && Number.isFinite(a[1]) && Number.isFinite(b[0]) && Number.isFinite(b[1])) {
      throw overflowError("complex exponentiation");
    }
  }
  return new PyComplex(r[0], r[1]);
}

function complexAbs(re: number, im: number): number {
  const r = Math.hypot(re, im);
  if (!Number.isFinite(r) && Number.isFinite(re) && Number.isFinite(im)) throw overflowError("absolute value too large");
  return r;
}

// ---- constructor ----

/** Parses complex('...') (complex_subtype_from_string); null when malformed. */
function parseComplexString(text: string): C | null {
  let s = text.trim();
  if (s.startsWith("(") && s.endsWith(")")) s = s.slice(1, -1).trim();
  if (s === "") return null;
  const num = "(?:(?:\\d(?:_?\\d)*)?\\.?(?:\\d(?:_?\\d)*)?(?:[eE][-+]?\\d(?:_?\\d)*)?|inf|infinity|nan)";
  const m = new RegExp(`^([-+]?${num})?(?:([-+]${num}?)[jJ]|([jJ]))?$`, "i").exec(s);
  const onlyImag = new RegExp(`^([-+]?${num}?)[jJ]$`, "i").exec(s);
  const f = (t: string): number | null => {
    if (t === "" || t === "+") return 1;
    if (t === "-") return -1;
    return parseFloatLiteral(t);
  };
  if (onlyImag) {
    const im = f(onlyImag[1]);
    return im === null ? null : [0, im];
  }
  if (!m) return null;
  if (m[1] === undefined || m[1] === "") return null;
  const re = parseFloatLiteral(m[1]);
  if (re === null) return null;
  if (m[2] !== undefined) {
    const im = f(m[2]);
    return im === null ? null : [re, im];
  }
  if (m[3] !== undefined) return null;
  return [re, 0];
}

/** A number argument of complex(): via __complex__, float or __index__. */
function complexArg(v: PyObj, first: boolean): C {
  if (v instanceof PyComplex) return [v.real, v.imag];
  const t = typeOf(v);
  const cm = t.lookup("__complex__");
  if (cm !== null) {
    const r = callSpecial(v, cm, []);
    if (!(r instanceof PyComplex)) throw typeError(`__complex__ returned non-complex (type ${typeOf(r).name})`);
    return [r.real, r.imag];
  }
  const f = floatValueOf(v);
  if (f !== null) return [f, 0];
  if (t.nb_float !== null) {
    const r = t.nb_float(v);
    return [(r as PyFloat).value, 0];
  }
  if (t.nb_index !== null) return [intToFloat(index(v)), 0];
  if (first) throw typeError(`complex() first argument must be a string or a number, not '${t.name}'`);
  throw typeError(`complex() second argument must be a number, not '${t.name}'`);
}

function complexNew(cls: PyType, args: PyObj[], kw: KwNames): PyObj {
  const npos = args.length - (kw?.length ?? 0);
  if (npos > 2) throw typeError(`complex() takes at most 2 arguments (${npos} given)`);
  let r: PyObj | null = npos > 0 ? args[0] : null;
  let i: PyObj | null = npos > 1 ? args[1] : null;
  if (kw !== null) {
    for (let k = 0; k < kw.length; k++) {
      const v = args[npos + k];
      if (kw[k] === "real" && r === null) r = v;
      else if (kw[k] === "imag" && i === null) i = v;
      else if (kw[k] === "real" || kw[k] === "imag") {
        throw typeError(`argument for complex() given by name ('${kw[k]}') and position (${kw[k] === "real" ? 1 : 2})`);
      } else throw typeError(`complex() got an unexpected keyword argument '${kw[k]}'`);
    }
  }
  const make = (re: number, im: number): PyObj => new PyComplex(re, im, cls);
  if (r === null) return make(0, i === null ? 0 : complexArg(i, false)[0] + 0);
  const rs = asStringValue(r);
  if (rs !== null) {
    if (i !== null) throw typeError("complex() can't take second arg if first is a string");
    const c = parseComplexString(rs);
    if (c === null) throw valueError("complex() arg is a malformed string");
    return make(c[0], c[1]);
  }
  if (i !== null && asStringValue(i) !== null) throw typeError("complex() second arg can't be a string");
  if (r instanceof PyComplex && i === null && cls === complexType && r.type === complexType) return r;
  const a = complexArg(r, true);
  if (i === null) return make(a[0], a[1]);
  const b = complexArg(i, false);
  // (a0 + a1 j) + (b0 + b1 j) j, touching a part only when an operand is complex
  // (CPython: so complex(0.0, -0.0) keeps its signed zero)
  const re = i instanceof PyComplex || typeOf(i).lookup("__complex__") !== null ? a[0] - b[1] : a[0];
  const im = r instanceof PyComplex || typeOf(r).lookup("__complex__") !== null ? a[1] + b[0] : b[0];
  return make(re, im);
}

/** format(complex, spec) (format_complex_internal). */
function formatComplex(re: number, im: number, spec: FormatSpec): string {
  if (!"eEfFgGn".includes(spec.type)) throw valueError(`Unknown format code '${spec.type}' for object of type 'complex'`);
  if (spec.fill === "0") throw valueError("Zero padding is not allowed in complex format specifier");
  if (spec.align === "=") throw valueError("'=' alignment flag is not allowed in complex format specifier");
  let t = spec.type;
  let prec = spec.precision;
  let skipRe = false, parens = false;
  if (t === "") {
    t = "r";
    if (re === 0 && !Object.is(re, -0)) skipRe = true;
    else parens = true;
  }
  if (t === "n") t = "g";
  if (!"reEfFgG".includes(t)) throw valueError(`Unknown format code '${spec.type}' for object of type 'complex'`);
  if (prec >= 0 && t === "r") t = "g";
  if (prec < 0) prec = 6;
  const upper = t === "E" || t === "F" || t === "G";
  const digits = (x: number): string => {
    const a = Math.abs(x);
    if (!Number.isFinite(a)) return upper ? (Number.isNaN(a) ? "NAN" : "INF") : Number.isNaN(a) ? "nan" : "inf";
    let out: string;
    switch (t) {
      case "r": {
        out = floatRepr(a);
        if (out.endsWith(".0")) out = out.slice(0, -2);
        if (spec.alternate && !out.includes(".")) {
          const e = out.indexOf("e");
          out = e < 0 ? out + "." : out.slice(0, e) + "." + out.slice(e);
        }
        return out;
      }
      case "e":
      case "E":
        out = expDigits(a, prec, spec.alternate);
        return upper ? out.toUpperCase() : out;
      case "f":
      case "F":
        out = fixedDigits(a, prec);
        return spec.alternate && !out.includes(".") ? out + "." : out;
      default:
        return gForm(a, prec === 0 ? 1 : prec, upper, spec.alternate, false);
    }
  };
  const isNeg = (x: number, text: string): boolean => {
    const neg = x < 0 || Object.is(x, -0);
    if (neg && spec.noNegZero && /^[0.]*(?:[eE][-+]\d+)?$/.test(text)) return false;
    return neg;
  };
  const reText = digits(re), imText = digits(im);
  const optSign = (neg: boolean) => (neg ? "-" : spec.sign === "+" ? "+" : spec.sign === " " ? " " : "");
  let body: string;
  if (skipRe) body = optSign(isNeg(im, imText)) + imText + "j";
  else body = optSign(isNeg(re, reText)) + reText + (isNeg(im, imText) ? "-" : "+") + imText + "j";
  if (parens) body = "(" + body + ")";
  const n = Array.from(body).length;
  if (spec.width <= n) return body;
  const total = spec.width - n;
  const align = spec.align === "" ? ">" : spec.align;
  if (align === "<") return body + spec.fill.repeat(total);
  if (align === ">") return spec.fill.repeat(total) + body;
  const left = Math.floor(total / 2);
  return spec.fill.repeat(left) + body + spec.fill.repeat(total - left);
}

export function installComplexType(): void {
  defineMethod(complexType, "__format__", (c, args) => {
    const specText = formatSpecArg(args);
    if (specText === "") return complexRepr(c as PyComplex);
    try {
      return formatComplex((c as PyComplex).real, (c as PyComplex).imag, parseSpec(specText));
    } catch (e) {
      fixSpecError(e, "complex");
    }
  });
  numberHooks.complexPow = (ar, ai, br, bi) => complexPow([ar, ai], [br, bi]);
  complexType.tp_alloc = (cls) => new PyComplex(0, 0, cls);
  complexType.tp_new = complexNew;
  complexType.tp_repr = (c) => complexRepr(c as PyComplex);
  complexType.nb_bool = (c) => (c as PyComplex).real !== 0 || (c as PyComplex).imag !== 0;
  complexType.nb_negative = (c) => new PyComplex(-(c as PyComplex).real, -(c as PyComplex).imag);
  complexType.nb_positive = (c) => new PyComplex((c as PyComplex).real, (c as PyComplex).imag);
  complexType.nb_absolute = (c) => new PyFloat(complexAbs((c as PyComplex).real, (c as PyComplex).imag));
  complexType.tp_richcompare = (a, b, op) => {
    if (op !== 2 && op !== 3) return NotImplemented;
    const x = a as PyComplex;
    let same: boolean;
    if (b instanceof PyComplex) same = x.real === b.real && x.imag === b.imag;
    else {
      const iv = intValueOf(b);
      if (iv !== null) {
        // exact int comparison (no rounding of big ints)
        same = x.imag === 0 && Number.isInteger(x.real) && (typeof iv === "number" ? x.real === iv : BigInt(x.real) === iv);
      } else if (b instanceof PyFloat) same = x.imag === 0 && x.real === b.value;
      else return NotImplemented;
    }
    return op === 2 ? same : !same;
  };
  const bin = (op: number, f: (a: C, b: C) => C | PyComplex) => {
    complexType.nb_binary[op] = (a, b) => {
      const x = asC(a), y = asC(b);
      if (x === null || y === null) return NotImplemented;
      const r = f(x, y);
      return r instanceof PyComplex ? r : new PyComplex(r[0], r[1]);
    };
  };
  bin(NB.ADD, (a, b) => [a[0] + b[0], a[1] + b[1]]);
  bin(NB.SUBTRACT, (a, b) => [a[0] - b[0], a[1] - b[1]]);
  bin(NB.MULTIPLY, cProd);
  bin(NB.TRUE_DIVIDE, cQuot);
  bin(NB.POWER, complexPow);
  complexType.nb_power3 = (a, b, m) => {
    if (m !== None) throw valueError("complex modulo");
    const x = asC(a), y = asC(b);
    if (x === null || y === null) return NotImplemented;
    return complexPow(x, y);
  };
  defineGetSet(complexType, "real", (c) => new PyFloat((c as PyComplex).real));
  defineGetSet(complexType, "imag", (c) => new PyFloat((c as PyComplex).imag));
  defineMethod(complexType, "conjugate", (c) => new PyComplex((c as PyComplex).real, -(c as PyComplex).imag));
  defineMethod(complexType, "__complex__", (c) => (c instanceof PyComplex && c.type === complexType ? c : new PyComplex((c as PyComplex).real, (c as PyComplex).imag)));
  defineMethod(complexType, "__getnewargs__", (c) => newTuple([new PyFloat((c as PyComplex).real), new PyFloat((c as PyComplex).imag)]));
}
