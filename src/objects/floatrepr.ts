// Exact decimal rounding of doubles, as CPython's dtoa does for '%f', '%e' and friends:
// a double is m * 2**e exactly, so its decimal expansion is m * 5**-e shifted by -e places;
// rounding that digit string half-even gives CPython's digits for any precision (JS's
// toFixed/toExponential round ties away from zero and stop at 100 digits).

/** The exact decimal value of a finite |x|: integer digit string and a power of ten. */
function exactDecimal(x: number): [string, number] {
  if (x === 0) return ["0", 0];
  const f = new Float64Array([x]);
  const u = new Uint32Array(f.buffer);
  const bexp = (u[1] >>> 20) & 0x7ff;
  let mant = (BigInt(u[1] & 0xfffff) << 32n) | BigInt(u[0]);
  let e: number;
  if (bexp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = bexp - 1075;
  }
  while (e < 0 && (mant & 1n) === 0n) {
    mant >>= 1n;
    e++;
  }
  if (e >= 0) return [(mant << BigInt(e)).toString(), 0];
  return [(mant * 5n ** BigInt(-e)).toString(), e];
}

/** Rounds digit string `d` to its first `keep` digits, half-even; may carry to keep+1 digits. */
function roundDigits(d: string, keep: number): string {
  if (keep >= d.length) return d + "0".repeat(keep - d.length);
  if (keep < 0) return "";
  const head = d.slice(0, keep);
  const first = d.charCodeAt(keep) - 48;
  let up: boolean;
  if (first > 5) up = true;
  else if (first < 5) up = false;
  else {
    let rest = false;
    for (let i = keep + 1; i < d.length; i++) {
      if (d[i] !== "0") {
        rest = true;
        break;
      }
    }
    up = rest || (head.length > 0 && (head.charCodeAt(head.length - 1) - 48) % 2 === 1);
  }
  if (!up) return head;
  if (head === "") return "1";
  return (BigInt(head) + 1n).toString().padStart(keep, "0");
}

const POW2 = new Float64Array(128).map((_, i) => 2 ** i);

/**
 * Whether |x| * 10**k lies exactly halfway between two integers (k >= 0): writing
 * |x| = m * 2**e with m odd, 2 * |x| * 10**k = m * 5**k * 2**(e+k+1) is odd exactly when
 * e = -(k+1), i.e. when |x| * 2**(k+1) is an odd integer (a multiplication by a power of
 * two is exact). Only then does JS's round-half-up differ from CPython's half-even.
 */
function isDecimalTie(ax: number, k: number): boolean {
  const y = ax * (k < POW2.length - 1 ? POW2[k + 1] : 2 ** (k + 1));
  return Number.isInteger(y) && y % 2 === 1;
}

/** |x| with `prec` digits after the point, rounded half-even on the exact value. */
export function fixedDigits(x: number, prec: number): string {
  const ax = Math.abs(x);
  // toFixed rounds the exact value too, only ties differently (up): use it off ties.
  if (ax < 1e21 && prec <= 100 && !isDecimalTie(ax, prec)) return ax.toFixed(prec);
  const [d, pow] = exactDecimal(ax);
  // value = d * 10**pow; digits before the point: d.length + pow
  const intLen = d.length + pow;
  const keep = intLen + prec;
  let r: string;
  if (keep < 0) r = "0";
  else {
    r = roundDigits(d, keep);
    if (r === "") r = "0";
  }
  // r is the value * 10**prec as an integer string
  r = r.replace(/^0+(?=\d)/, "");
  if (prec === 0) return r;
  if (r.length <= prec) r = "0".repeat(prec - r.length + 1) + r;
  return r.slice(0, r.length - prec) + "." + r.slice(r.length - prec);
}

/** |x| as [digits (prec+1 significant, rounded half-even), decimal exponent]. */
export function sigDigits(x: number, prec: number): [string, number] {
  const ax = Math.abs(x);
  if (ax > 0 && ax < Infinity && prec <= 100) {
    // toExponential rounds the exact value, ties up: use it when the cut is no tie. (After
    // a carry, 9.99 -> 1.00e+1, the digit cut was a 9 followed by more: no tie either.)
    const t = ax.toExponential(prec);
    const at = t.indexOf("e");
    const exp = Number(t.slice(at + 1));
    const k = prec - exp;
    let tie: boolean | null = null;
    if (k >= 0) tie = isDecimalTie(ax, k);
    // cut left of the point: a non-integral value has more digits after it (no tie);
    // a safe integer is a tie when its last -k digits are 5 then zeros
    else if (!Number.isInteger(ax)) tie = false;
    else if (ax <= Number.MAX_SAFE_INTEGER) tie = ax % 10 ** -k === 5 * 10 ** (-k - 1);
    if (tie === false) return [prec > 0 ? t[0] + t.slice(2, at) : t[0], exp];
  }
  const [d, pow] = exactDecimal(ax);
  if (d === "0") return ["0".repeat(prec + 1), 0];
  let exp = d.length + pow - 1;
  let r = roundDigits(d, prec + 1);
  if (r.length > prec + 1) {
    r = r.slice(0, prec + 1);
    exp++;
  }
  return [r, exp];
}

/** |x| in 'e' form with `prec` digits after the point (exponent at least two digits). */
export function expDigits(x: number, prec: number, alternate: boolean): string {
  const [r, exp] = sigDigits(x, prec);
  let mant = r[0];
  if (prec > 0) mant += "." + r.slice(1);
  else if (alternate) mant += ".";
  return `${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

/**
 * round(x, ndigits) for a float (CPython's double_round): the exact value rounded
 * half-even to ndigits decimal places, read back as the nearest double. null when the
 * result overflows (the caller raises OverflowError).
 */
export function roundDouble(x: number, nd: number): number | null {
  if (!Number.isFinite(x) || x === 0) return x;
  if (nd > 323) return x;
  if (nd < -308) return 0 * x;
  const [d, pow] = exactDecimal(Math.abs(x));
  const keep = d.length + pow + nd;
  const r = keep < 0 ? "" : roundDigits(d, keep);
  const v = parseFloat((r === "" ? "0" : r) + "e" + -nd);
  if (!Number.isFinite(v)) return null;
  return x < 0 ? -v : v;
}
