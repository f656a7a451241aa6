// math: the commonly used part of mathmodule.c (more functions come with the stdlib work).
import { PyFloat, PyObj, normInt, None, typeOf } from "../objects/core.js";
import { newTuple } from "../objects/sequence.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { asFloat, index, toArray, callMethod } from "../objects/abstract.js";
import { valueError, overflowError } from "../objects/exceptions.js";
import { intValueOf, floatToInt } from "../objects/number.js";

export function makeMathModule(): PyModule {
  const m = new PyModule("math");
  const def = (name: string, fn: (args: PyObj[]) => PyObj) => m.dict.setStr(name, new PyBuiltinFunction(name, (a) => fn(a), null, name, "math"));
  const f1 = (name: string, fn: (x: number) => number, domain?: (x: number) => boolean) =>
    def(name, (args) => {
      const x = asFloat(args[0]);
      if (domain && !domain(x)) throw valueError("math domain error");
      const r = fn(x);
      if (Number.isNaN(r) && !Number.isNaN(x)) throw valueError("math domain error");
      if (!Number.isFinite(r) && Number.isFinite(x)) throw overflowError("math range error");
      return new PyFloat(r);
    });
  m.dict.setStr("pi", new PyFloat(Math.PI));
  m.dict.setStr("e", new PyFloat(Math.E));
  m.dict.setStr("tau", new PyFloat(2 * Math.PI));
  m.dict.setStr("inf", new PyFloat(Infinity));
  m.dict.setStr("nan", new PyFloat(NaN));
  f1("sqrt", Math.sqrt, (x) => x >= 0 || Number.isNaN(x));
  f1("exp", Math.exp);
  f1("sin", Math.sin);
  f1("cos", Math.cos);
  f1("tan", Math.tan);
  f1("asin", Math.asin);
  f1("acos", Math.acos);
  f1("atan", Math.atan);
  f1("sinh", Math.sinh);
  f1("cosh", Math.cosh);
  f1("tanh", Math.tanh);
  f1("fabs", Math.abs);
  f1("log10", Math.log10, (x) => x > 0);
  f1("log2", Math.log2, (x) => x > 0);
  def("log", (args) => {
    const x = asFloat(args[0]);
    if (x <= 0) throw valueError("math domain error");
    let r = Math.log(x);
    if (args.length > 1) r /= Math.log(asFloat(args[1]));
    return new PyFloat(r);
  });
  def("atan2", (args) => new PyFloat(Math.atan2(asFloat(args[0]), asFloat(args[1]))));
  def("hypot", (args) => new PyFloat(Math.hypot(...args.map(asFloat))));
  def("pow", (args) => new PyFloat(Math.pow(asFloat(args[0]), asFloat(args[1]))));
  // floor/ceil of a non-float, non-int use its __floor__/__ceil__ (Decimal, Fraction) before
  // falling back to float conversion, as math_floor/math_ceil.
  const viaDunder = (x: PyObj, name: string): PyObj | null =>
    x instanceof PyFloat || typeof x === "number" || typeof x === "bigint" || typeOf(x).lookup(name) === null ? null : callMethod(x, name, []);
  def("floor", (args) => {
    const v = intValueOf(args[0]);
    if (v !== null) return v;
    return viaDunder(args[0], "__floor__") ?? floatToInt(Math.floor(asFloat(args[0])));
  });
  def("ceil", (args) => {
    const v = intValueOf(args[0]);
    if (v !== null) return v;
    return viaDunder(args[0], "__ceil__") ?? floatToInt(Math.ceil(asFloat(args[0])));
  });
  def("trunc", (args) => {
    const v = intValueOf(args[0]);
    return v !== null ? v : floatToInt(Math.trunc(asFloat(args[0])));
  });
  def("isnan", (args) => Number.isNaN(asFloat(args[0])));
  def("isinf", (args) => {
    const x = asFloat(args[0]);
    return x === Infinity || x === -Infinity;
  });
  def("isfinite", (args) => Number.isFinite(asFloat(args[0])));
  def("copysign", (args) => {
    const x = Math.abs(asFloat(args[0]));
    const y = asFloat(args[1]);
    return new PyFloat(y < 0 || Object.is(y, -0) ? -x : x);
  });
  def("fsum", (args) => {
    let s = 0, c = 0;
    for (const v of toArray(args[0])) {
      const x = asFloat(v);
      const t = s + x;
      c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
      s = t;
    }
    return new PyFloat(s + c);
  });
  def("gcd", (args) => {
    let g = 0n;
    for (const a of args) {
      let x = BigInt(index(a));
      if (x < 0n) x = -x;
      let y = g;
      while (x) [y, x] = [x, y % x];
      g = y;
    }
    return normInt(g);
  });
  def("factorial", (args) => {
    const n = index(args[0]);
    if (n < 0) throw valueError("factorial() not defined for negative values");
    let r = 1n;
    for (let i = 2n; i <= BigInt(n); i++) r *= i;
    return normInt(r);
  });
  def("isqrt", (args) => {
    const n = BigInt(index(args[0]));
    if (n < 0n) throw valueError("isqrt() argument must be nonnegative");
    if (n < 2n) return normInt(n);
    // Newton's iteration from above (a float guess is only close below 2**52: stepping
    // by one from it hung on big arguments).
    let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
    for (;;) {
      const y = (x + n / x) >> 1n;
      if (y >= x) break;
      x = y;
    }
    return normInt(x);
  });
  def("degrees", (args) => new PyFloat((asFloat(args[0]) * 180) / Math.PI));
  def("radians", (args) => new PyFloat((asFloat(args[0]) * Math.PI) / 180));
  def("isclose", (args) => {
    const a = asFloat(args[0]), b = asFloat(args[1]);
    const rel = 1e-9;
    return a === b || Math.abs(a - b) <= Math.max(rel * Math.max(Math.abs(a), Math.abs(b)), 0);
  });
  def("prod", (args) => {
    let r: PyObj = 1;
    for (const v of toArray(args[0])) {
      const iv = intValueOf(r), jv = intValueOf(v);
      r = iv !== null && jv !== null ? normInt(BigInt(iv) * BigInt(jv)) : new PyFloat(asFloat(r) * asFloat(v));
    }
    return r;
  });
  installMoreMath(def);
  return m;
}

// Lanczos approximation (g = 7, n = 9) for gamma/lgamma.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
function lanczosGamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * lanczosGamma(1 - x));
  x -= 1;
  let a = LANCZOS[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
}
function lgammaOf(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgammaOf(1 - x);
  x -= 1;
  let a = LANCZOS[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
/** erf by its Taylor series near 0 and a continued fraction for erfc further out. */
function erfOf(x: number): number {
  if (Number.isNaN(x)) return x;
  const ax = Math.abs(x);
  if (ax < 1.5) {
    let term = x, sum = x;
    for (let n = 1; n < 60; n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
      if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  const r = erfcPositive(ax);
  return x > 0 ? 1 - r : r - 1;
}
function erfcPositive(x: number): number {
  if (x > 30) return 0;
  // Lentz's continued fraction for erfc.
  let f = x, c = x, d = 0;
  for (let n = 1; n < 200; n++) {
    const an = n / 2;
    d = x + an * d;
    d = d === 0 ? 1e-300 : 1 / d;
    c = x + an / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (f * Math.sqrt(Math.PI));
}

function installMoreMath(def: (name: string, fn: (args: PyObj[]) => PyObj) => void): void {
  const real = (name: string, fn: (x: number) => number, ok: (x: number) => boolean = () => true) =>
    def(name, (args) => {
      const x = asFloat(args[0]);
      if (!ok(x)) throw valueError("math domain error");
      const r = fn(x);
      if (!Number.isFinite(r) && Number.isFinite(x)) throw overflowError("math range error");
      return new PyFloat(r);
    });
  const notPole = (x: number) => !(x <= 0 && Number.isInteger(x)) && x !== -Infinity;
  real("gamma", (x) => (x === Infinity ? x : Number.isInteger(x) && x > 0 && x < 171 ? factorialFloat(x - 1) : lanczosGamma(x)), notPole);
  real("lgamma", (x) => (x === Infinity || x === -Infinity ? Infinity : x === 1 || x === 2 ? 0 : lgammaOf(x)), (x) => !(x <= 0 && Number.isInteger(x)));
  real("erf", erfOf);
  real("erfc", (x) => (x >= 1.5 ? erfcPositive(x) : 1 - erfOf(x)));
  real("log1p", Math.log1p, (x) => x > -1 || Number.isNaN(x));
  real("expm1", Math.expm1);
  real("asinh", Math.asinh);
  real("acosh", Math.acosh, (x) => x >= 1 || Number.isNaN(x));
  real("atanh", Math.atanh, (x) => (x > -1 && x < 1) || Number.isNaN(x));
  real("cbrt", Math.cbrt);
  real("exp2", (x) => Math.pow(2, x));
  def("fmod", (args) => {
    const x = asFloat(args[0]), y = asFloat(args[1]);
    if (y === 0 || !Number.isFinite(x)) {
      if (Number.isNaN(x) || Number.isNaN(y)) return new PyFloat(NaN);
      throw valueError("math domain error");
    }
    return new PyFloat(x % y);
  });
  def("remainder", (args) => {
    const x = asFloat(args[0]), y = asFloat(args[1]);
    if (y === 0 || !Number.isFinite(x)) {
      if (Number.isNaN(x) || Number.isNaN(y)) return new PyFloat(NaN);
      throw valueError("math domain error");
    }
    if (!Number.isFinite(y)) return new PyFloat(x);
    const n = Math.round(x / y);
    let r = x - n * y;
    if (Math.abs(r) === Math.abs(y) / 2 && n % 2 !== 0) r = -r;
    return new PyFloat(r);
  });
  def("modf", (args) => {
    const x = asFloat(args[0]);
    if (!Number.isFinite(x)) return newTuple([new PyFloat(Number.isNaN(x) ? x : Math.sign(x) * 0), new PyFloat(x)]);
    const i = Math.trunc(x);
    return newTuple([new PyFloat(x - i === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : x - i), new PyFloat(i)]);
  });
  def("frexp", (args) => {
    const x = asFloat(args[0]);
    if (x === 0 || !Number.isFinite(x)) return newTuple([new PyFloat(x), 0]);
    let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
    let mant = x * Math.pow(2, -e);
    while (Math.abs(mant) < 0.5) { mant *= 2; e--; }
    while (Math.abs(mant) >= 1) { mant /= 2; e++; }
    return newTuple([new PyFloat(mant), e]);
  });
  def("ldexp", (args) => {
    const x = asFloat(args[0]);
    const e = Number(index(args[1]));
    let r = x;
    let k = e;
    while (k > 1000) { r *= Math.pow(2, 1000); k -= 1000; }
    while (k < -1000) { r *= Math.pow(2, -1000); k += 1000; }
    r *= Math.pow(2, k);
    if (!Number.isFinite(r) && Number.isFinite(x)) throw overflowError("math range error");
    return new PyFloat(r);
  });
  def("dist", (args) => {
    const p = toArray(args[0]).map(asFloat), q = toArray(args[1]).map(asFloat);
    if (p.length !== q.length) throw valueError("both points must have the same number of dimensions");
    return new PyFloat(Math.hypot(...p.map((v, i) => v - q[i])));
  });
  def("lcm", (args) => {
    let l = 1n;
    if (args.length === 0) return 1;
    for (const a of args) {
      let x = BigInt(index(a));
      if (x < 0n) x = -x;
      if (x === 0n) return 0;
      let g = l, y = x;
      while (y) [g, y] = [y, g % y];
      l = (l / g) * x;
    }
    return normInt(l);
  });
  def("comb", (args) => {
    const n = BigInt(index(args[0])), k = BigInt(index(args[1]));
    if (n < 0n) throw valueError("n must be a non-negative integer");
    if (k < 0n) throw valueError("k must be a non-negative integer");
    if (k > n) return 0;
    const kk = k < n - k ? k : n - k;
    let r = 1n;
    for (let i = 1n; i <= kk; i++) r = (r * (n - kk + i)) / i;
    return normInt(r);
  });
  def("perm", (args) => {
    const n = BigInt(index(args[0]));
    const k = args.length > 1 && args[1] !== None ? BigInt(index(args[1])) : n;
    if (n < 0n) throw valueError("n must be a non-negative integer");
    if (k < 0n) throw valueError("k must be a non-negative integer");
    if (k > n) return 0;
    let r = 1n;
    for (let i = 0n; i < k; i++) r *= n - i;
    return normInt(r);
  });
  def("nextafter", (args) => {
    const x = asFloat(args[0]), y = asFloat(args[1]);
    return new PyFloat(nextAfter(x, y));
  });
  def("ulp", (args) => {
    const x = Math.abs(asFloat(args[0]));
    if (!Number.isFinite(x)) return new PyFloat(x);
    const up = nextAfter(x, Infinity);
    return new PyFloat(up === Infinity ? x - nextAfter(x, -Infinity) : up - x);
  });
  def("sumprod", (args) => {
    const p = toArray(args[0]), q = toArray(args[1]);
    if (p.length !== q.length) throw valueError("Inputs are not the same length");
    let allInt = true;
    for (const v of [...p, ...q]) if (intValueOf(v) === null) allInt = false;
    if (allInt) {
      let r = 0n;
      for (let i = 0; i < p.length; i++) r += BigInt(intValueOf(p[i])!) * BigInt(intValueOf(q[i])!);
      return normInt(r);
    }
    let r = 0;
    for (let i = 0; i < p.length; i++) r += asFloat(p[i]) * asFloat(q[i]);
    return new PyFloat(r);
  });
}

function factorialFloat(n: number): number {
  let r = 1;
  for (let i = 2; i <= n; i++) r *= i;
  return r;
}

function nextAfter(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === y) return y;
  if (x === 0) return y > 0 ? 5e-324 : -5e-324;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  let bits = buf.getBigInt64(0);
  bits += (y > x) === (x > 0) ? 1n : -1n;
  buf.setBigInt64(0, bits);
  return buf.getFloat64(0);
}
