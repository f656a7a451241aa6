// math: the commonly used part of mathmodule.c (more functions come with the stdlib work).
import { PyFloat, PyObj, normInt } from "../objects/core.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { asFloat, index, toArray } from "../objects/abstract.js";
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
  def("floor", (args) => {
    const v = intValueOf(args[0]);
    return v !== null ? v : floatToInt(Math.floor(asFloat(args[0])));
  });
  def("ceil", (args) => {
    const v = intValueOf(args[0]);
    return v !== null ? v : floatToInt(Math.ceil(asFloat(args[0])));
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
    let x = BigInt(Math.floor(Math.sqrt(Number(n))));
    while (x * x > n) x--;
    while ((x + 1n) * (x + 1n) <= n) x++;
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
  return m;
}
