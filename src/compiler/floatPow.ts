// x ** y for finite doubles, rounded like C's pow(): computed in double-double arithmetic
// (about 100 bits) and rounded once, so the result is the correctly rounded power in all
// but astronomically rare cases. V8's Math.pow is off by one ulp now and then, which would
// change folded constants (CPython folds `2.0 ** (1/3)` with the C library's pow).

type DD = [hi: number, lo: number];

const SPLIT = 134217729; // 2^27 + 1

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  const err = (a - (s - bb)) + (b - bb);
  return [s, err];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const err = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return [p, err];
}

function ddAdd(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  const [t, f] = twoSum(a[1], b[1]);
  const [s2, e2] = quickTwoSum(s, e + t);
  return quickTwoSum(s2, e2 + f);
}

function ddMul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return quickTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

function ddMulD(a: DD, b: number): DD {
  const [p, e] = twoProd(a[0], b);
  return quickTwoSum(p, e + a[1] * b);
}

function ddDiv(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  let r = ddAdd(a, ddMulD(b, -q1));
  const q2 = r[0] / b[0];
  r = ddAdd(r, ddMulD(b, -q2));
  const q3 = r[0] / b[0];
  return ddAdd(quickTwoSum(q1, q2), [q3, 0]);
}

// ln 2 in double-double
const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];

/** Natural log of a positive finite double, in double-double. */
function ddLog(x: number): DD {
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2))
  let e = Math.floor(Math.log2(x));
  let m = x / 2 ** e;
  if (!Number.isFinite(m) || m === 0) {
    // subnormal or extreme: scale in two steps
    const half = Math.trunc(e / 2);
    m = x / 2 ** half / 2 ** (e - half);
  }
  while (m >= Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  while (m < Math.SQRT1_2) {
    m *= 2;
    e -= 1;
  }
  // log(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716
  const s = ddDiv(twoSum(m, -1), twoSum(m, 1));
  const s2 = ddMul(s, s);
  let term = s;
  let sum: DD = s;
  for (let k = 3; k <= 61; k += 2) {
    term = ddMul(term, s2);
    sum = ddAdd(sum, ddDiv(term, [k, 0]));
  }
  return ddAdd(ddMulD(sum, 2), ddMulD(LN2, e));
}

/** exp of a double-double; null when the result overflows. */
function ddExp(t: DD): number | null {
  const k = Math.round(t[0] / LN2[0]);
  const r = ddAdd(t, ddMulD(LN2, -k)); // |r| <= ~0.35
  // Taylor series: sum r^n / n!
  let term: DD = [1, 0];
  let sum: DD = [1, 0];
  for (let n = 1; n <= 27; n++) {
    term = ddDiv(ddMul(term, r), [n, 0]);
    sum = ddAdd(sum, term);
  }
  // scale by 2^k exactly (in two steps near the ends of the exponent range)
  const v = sum[0] + sum[1];
  if (k > 1023) {
    const res = v * 2 ** 1023 * 2 ** (k - 1023);
    return Number.isFinite(res) ? res : null;
  }
  if (k < -1021) {
    // subnormal results: a second rounding could occur; rare enough to accept
    return v * 2 ** -1021 * 2 ** (k + 1021);
  }
  return v * 2 ** k;
}

/** C pow() for finite doubles (a negative base needs an integral exponent); null on overflow. */
export function accuratePow(x: number, y: number): number | null {
  if (!Number.isFinite(x) || !Number.isFinite(y) || x === 0) return Math.pow(x, y);
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  let sign = 1;
  if (x < 0) {
    // callers only pass integral exponents here; odd ones keep the sign
    if (Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1) sign = -1;
    x = -x;
  }
  const r = ddExp(ddMulD(ddLog(x), y));
  return r === null ? null : sign * r;
}
