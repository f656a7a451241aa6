// int and float arithmetic with CPython's semantics on the chosen representation:
// int = JS number (safe integer) | bigint (beyond, always normalised), bool = boolean,
// float = PyFloat. These functions take already-unboxed values; the slot functions at
// the bottom do the type checks and return NotImplemented for foreign operands.
import {
  PyObj, PyFloat, PyIntSubclassObj, normInt, NotImplemented, floatType, intType, boolType,
  NB_COUNT, BinarySlot, PyType,
} from "./core.js";
import { hashIntInto, hashFloatInto, hashAsSlotNumber, registerExactHash } from "./hash.js";
import { zeroDivisionError, valueError, overflowError, typeError } from "./exceptions.js";

export type IntValue = number | bigint;

/** sys.get_int_max_str_digits(): 0 means unlimited (CPython's default is 4300). */
let maxStrDigits = 4300;
export function getIntMaxStrDigits(): number {
  return maxStrDigits;
}
export function setIntMaxStrDigits(n: number): void {
  if (n !== 0 && n < 640) throw valueError("maxdigits must be 0 or larger than 640");
  maxStrDigits = n;
}
const LIMIT_HINT = "use sys.set_int_max_str_digits() to increase the limit";
/** Decimal text of an int, with CPython's integer string conversion length limit. */
export function intToDecimal(v: IntValue): string {
  if (typeof v === "number") return String(v);
  // Refuse before converting when the bit length alone shows too many digits: the
  // conversion is the expensive part (CPython checks its size the same way first).
  if (maxStrDigits > 0) {
    const bits = (v < 0n ? -v : v).toString(16).length * 4 - 3;
    if (Math.floor((bits - 1) * Math.LOG10E * Math.LN2) + 1 > maxStrDigits) {
      throw valueError(`Exceeds the limit (${maxStrDigits} digits) for integer string conversion; ${LIMIT_HINT}`);
    }
  }
  const out = v.toString();
  if (maxStrDigits > 0 && out.length - (v < 0n ? 1 : 0) > maxStrDigits) {
    throw valueError(`Exceeds the limit (${maxStrDigits} digits) for integer string conversion; ${LIMIT_HINT}`);
  }
  return out;
}
/** The check int(str) makes for bases that are not powers of two. */
export function checkIntParseDigits(ndigits: number): void {
  if (maxStrDigits > 0 && ndigits > maxStrDigits) {
    throw valueError(`Exceeds the limit (${maxStrDigits} digits) for integer string conversion: value has ${ndigits} digits; ${LIMIT_HINT}`);
  }
}

/** Set by complex.ts: a negative float to a fractional power is a complex number. */
export const numberHooks = {
  complexPow: null as unknown as (ar: number, ai: number, br: number, bi: number) => PyObj,
};

/** BINARY_OP's operator numbers (Include/opcode.h NB_*). */
export const enum NB {
  ADD = 0, AND = 1, FLOOR_DIVIDE = 2, LSHIFT = 3, MATRIX_MULTIPLY = 4, MULTIPLY = 5,
  REMAINDER = 6, OR = 7, POWER = 8, RSHIFT = 9, SUBTRACT = 10, TRUE_DIVIDE = 11, XOR = 12,
  INPLACE_ADD = 13, INPLACE_MULTIPLY = 18, INPLACE_SUBTRACT = 23,
}
export const NB_SYMBOLS = ["+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"];
export const NB_DUNDERS = ["add", "and", "floordiv", "lshift", "matmul", "mul", "mod", "or", "pow", "rshift", "sub", "truediv", "xor"];

/** The int value of an int, bool or int-subclass instance; null for anything else. */
export function intValueOf(v: PyObj): IntValue | null {
  switch (typeof v) {
    case "number":
    case "bigint":
      return v;
    case "boolean":
      return v ? 1 : 0;
    case "string":
      return null;
  }
  if (v instanceof PyIntSubclassObj) return v.value;
  return null;
}

/** The float value of a float or int (for mixed arithmetic); null otherwise. */
export function floatValueOf(v: PyObj): number | null {
  if (typeof v === "object") {
    if (v instanceof PyFloat) return v.value;
    if (v instanceof PyIntSubclassObj) return intToFloat(v.value);
    return null;
  }
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return intToFloat(v);
  return null;
}

export function intToFloat(v: IntValue): number {
  if (typeof v === "number") return v;
  const f = Number(v);
  if (!Number.isFinite(f)) throw overflowError("int too large to convert to float");
  return f;
}

const big = (v: IntValue): bigint => (typeof v === "bigint" ? v : BigInt(v));

export function intAdd(a: IntValue, b: IntValue): IntValue {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normInt(big(a) + big(b));
}
export function intSub(a: IntValue, b: IntValue): IntValue {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normInt(big(a) - big(b));
}
export function intMul(a: IntValue, b: IntValue): IntValue {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r + 0; // + 0 turns -0 into 0
    // an exact product below 2**53 would have been exact in doubles: this one is big
    if (Number.isFinite(r)) return BigInt(a) * BigInt(b);
  }
  return normInt(big(a) * big(b));
}
export function intFloorDiv(a: IntValue, b: IntValue): IntValue {
  if (b === 0 || b === 0n) throw zeroDivisionError("integer division or modulo by zero");
  if (typeof a === "number" && typeof b === "number" && a < 2147483648 && a > -2147483648) {
    return Math.floor(a / b) + 0;
  }
  const x = big(a), y = big(b);
  let q = x / y;
  if (x % y !== 0n && (x < 0n) !== (y < 0n)) q -= 1n;
  return normInt(q);
}
export function intMod(a: IntValue, b: IntValue): IntValue {
  if (b === 0 || b === 0n) throw zeroDivisionError("integer modulo by zero");
  if (typeof a === "number" && typeof b === "number") {
    let r = a % b;
    if (r !== 0 && (r < 0) !== (b < 0)) r += b;
    return r + 0;
  }
  const x = big(a), y = big(b);
  let r = x % y;
  if (r !== 0n && (r < 0n) !== (y < 0n)) r += y;
  return normInt(r);
}
export function intTrueDiv(a: IntValue, b: IntValue): number {
  if (b === 0 || b === 0n) throw zeroDivisionError("division by zero");
  if (typeof a === "number" && typeof b === "number") return a / b;
  const fa = Number(a), fb = Number(b);
  // both exactly representable: IEEE division is correctly rounded
  if (Math.abs(fa) <= 9007199254740992 && Math.abs(fb) <= 9007199254740992) return fa / fb;
  return bigTrueDiv(big(a), big(b));
}

/** a / b correctly rounded (CPython's long_true_divide): a 55+-bit quotient with a sticky bit. */
function bigTrueDiv(a: bigint, b: bigint): number {
  const neg = (a < 0n) !== (b < 0n);
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a === 0n) return neg ? -0 : 0;
  const shift = a.toString(2).length - b.toString(2).length - 55;
  let num = a, den = b;
  if (shift >= 0) den <<= BigInt(shift);
  else num <<= BigInt(-shift);
  let q = num / den;
  if (num % den !== 0n) q |= 1n;
  if (shift > 1100) throw overflowError("integer division result too large for a float");
  const half = Math.trunc(shift / 2);
  const r = Number(q) * 2 ** half * 2 ** (shift - half);
  if (!Number.isFinite(r)) throw overflowError("integer division result too large for a float");
  return neg ? -r : r;
}
export function intPow(a: IntValue, b: IntValue): IntValue | PyFloat {
  if (b < 0) {
    const fa = intToFloat(a);
    if (fa === 0) throw zeroDivisionError("0.0 cannot be raised to a negative power");
    return new PyFloat(Math.pow(fa, intToFloat(b)));
  }
  if (typeof a === "number" && typeof b === "number") {
    const r = Math.pow(a, b);
    if (Number.isSafeInteger(r)) return r;
  }
  return normInt(big(a) ** big(b));
}
export function intPowMod(a: IntValue, b: IntValue, m: IntValue): IntValue {
  if (m === 0 || m === 0n) throw valueError("pow() 3rd argument cannot be 0");
  let base = big(a), exp = big(b);
  const mod = big(m);
  if (exp < 0n) {
    base = modInverse(base, mod);
    exp = -exp;
  }
  let result = 1n;
  base = ((base % mod) + mod) % mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  let r = result % mod;
  if (r !== 0n && (r < 0n) !== (mod < 0n)) r += mod;
  return normInt(r);
}
function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m < 0n ? -m : m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw valueError("base is not invertible for the given modulus");
  return oldS;
}
export function intLshift(a: IntValue, b: IntValue): IntValue {
  if (b < 0) throw valueError("negative shift count");
  if (a === 0 || a === 0n) return 0;
  if (typeof a === "number" && typeof b === "number" && b < 31) {
    const r = a * 2 ** b;
    if (Number.isSafeInteger(r)) return r;
  }
  if (typeof b === "bigint" || b > 1e9) throw overflowError("too many digits in integer");
  return normInt(big(a) << BigInt(b));
}
export function intRshift(a: IntValue, b: IntValue): IntValue {
  if (b < 0) throw valueError("negative shift count");
  if (typeof a === "number") {
    if (b >= 53) return a < 0 ? -1 : 0;
    // int32 operands: JS's arithmetic shift is Python's (floor) shift
    if ((a | 0) === a && (b as number) < 32) return a >> (b as number);
    return Math.floor(a / 2 ** Number(b)) + 0;
  }
  if (typeof b === "bigint") return a < 0n ? -1 : 0;
  return normInt(a >> BigInt(b));
}
function isInt32(v: IntValue): v is number {
  return typeof v === "number" && (v | 0) === v;
}
export function intAnd(a: IntValue, b: IntValue): IntValue {
  if (isInt32(a) && isInt32(b)) return a & b;
  // A non-negative int32 mask keeps only low bits, which JS's & reads in two's
  // complement from any safe integer (and BigInt.asUintN from any bigint).
  if (isInt32(b) && b >= 0) {
    if (typeof a === "number") return a & b;
    if (typeof a === "bigint") return Number(BigInt.asUintN(32, a)) & b;
  }
  if (isInt32(a) && a >= 0) {
    if (typeof b === "number") return a & b;
    if (typeof b === "bigint") return a & Number(BigInt.asUintN(32, b));
  }
  return normInt(big(a) & big(b));
}
export function intOr(a: IntValue, b: IntValue): IntValue {
  if (isInt32(a) && isInt32(b)) return a | b;
  return normInt(big(a) | big(b));
}
export function intXor(a: IntValue, b: IntValue): IntValue {
  if (isInt32(a) && isInt32(b)) return a ^ b;
  return normInt(big(a) ^ big(b));
}
export function intNeg(a: IntValue): IntValue {
  if (typeof a === "number") return 0 - a;
  return normInt(-a);
}
export function intInvert(a: IntValue): IntValue {
  if (typeof a === "number") return -a - 1;
  return normInt(-a - 1n);
}
export function intAbs(a: IntValue): IntValue {
  if (typeof a === "number") return Math.abs(a);
  return a < 0n ? -a : a;
}
export function intCompare(a: IntValue, b: IntValue): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
export function intDivmod(a: IntValue, b: IntValue): [IntValue, IntValue] {
  return [intFloorDiv(a, b), intMod(a, b)];
}

/** Applies a BINARY_OP operator to two ints. */
export function intBinary(op: number, a: IntValue, b: IntValue): PyObj {
  switch (op) {
    case NB.ADD: return intAdd(a, b);
    case NB.SUBTRACT: return intSub(a, b);
    case NB.MULTIPLY: return intMul(a, b);
    case NB.FLOOR_DIVIDE: return intFloorDiv(a, b);
    case NB.REMAINDER: return intMod(a, b);
    case NB.TRUE_DIVIDE: return new PyFloat(intTrueDiv(a, b));
    case NB.POWER: return intPow(a, b);
    case NB.LSHIFT: return intLshift(a, b);
    case NB.RSHIFT: return intRshift(a, b);
    case NB.AND: return intAnd(a, b);
    case NB.OR: return intOr(a, b);
    case NB.XOR: return intXor(a, b);
  }
  return NotImplemented;
}

// ---- float ----

export function floatMod(a: number, b: number): number {
  if (b === 0) throw zeroDivisionError("float modulo by zero");
  let mod = a % b;
  if (mod !== 0) {
    // (C's `if (mod)`: NaN counts as non-zero)
    if ((b < 0) !== (mod < 0)) mod += b;
  } else {
    mod = b < 0 ? -0 : 0;
  }
  return mod;
}
// CPython: Objects/floatobject.c, _float_div_mod
export function floatDivmod(a: number, b: number, what = "float divmod()"): [number, number] {
  if (b === 0) throw zeroDivisionError(what);
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0) {
    if ((b < 0) !== (mod < 0)) {
      mod += b;
      div -= 1;
    }
  } else {
    mod = b < 0 ? -0 : 0;
  }
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    const q = a / b; // copysign(0.0, a / b)
    floordiv = q < 0 || Object.is(q, -0) ? -0 : 0;
  }
  return [floordiv, mod];
}
export function floatPow(a: number, b: number): number {
  if (a === 0 && b < 0) throw zeroDivisionError("0.0 cannot be raised to a negative power");
  if (a < 0 && !Number.isInteger(b) && Number.isFinite(b)) {
    throw valueError("complex results are not supported here");
  }
  if (a === 1 || b === 0) return 1;
  const r = Math.pow(a, b);
  if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) {
    throw overflowError("(34, 'Numerical result out of range')");
  }
  return r;
}

export function floatBinary(op: number, a: number, b: number): PyObj {
  switch (op) {
    case NB.ADD: return new PyFloat(a + b);
    case NB.SUBTRACT: return new PyFloat(a - b);
    case NB.MULTIPLY: return new PyFloat(a * b);
    case NB.TRUE_DIVIDE:
      if (b === 0) throw zeroDivisionError("float division by zero");
      return new PyFloat(a / b);
    case NB.FLOOR_DIVIDE:
      if (b === 0) throw zeroDivisionError("float floor division by zero");
      return new PyFloat(floatDivmod(a, b)[0]);
    case NB.REMAINDER: return new PyFloat(floatMod(a, b));
    case NB.POWER:
      if (a < 0 && !Number.isInteger(b) && Number.isFinite(b)) return numberHooks.complexPow(a, 0, b, 0);
      return new PyFloat(floatPow(a, b));
  }
  return NotImplemented;
}

/** repr(float), CPython's shortest round-trip form ('r' format). */
export function floatRepr(x: number): string {
  if (x !== x) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const e = x.toExponential();
  const ePos = e.indexOf("e");
  let mant = e.slice(0, ePos);
  const exp = parseInt(e.slice(ePos + 1), 10);
  const neg = mant[0] === "-";
  if (neg) mant = mant.slice(1);
  const digits = mant.replace(".", "");
  const sign = neg ? "-" : "";
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp >= 0) {
    if (digits.length <= exp + 1) return sign + digits + "0".repeat(exp + 1 - digits.length) + ".0";
    return sign + digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
  }
  return sign + "0." + "0".repeat(-exp - 1) + digits;
}

/** Python's hash of a float (and of integral floats equal to ints). */
// Hashes are CPython's exact values (hash.ts); slots return their JS-number form.
export function intHash(v: IntValue): number {
  if (typeof v === "number" && v !== -1) return v;
  hashIntInto(v);
  return hashAsSlotNumber();
}
export function floatHash(x: number): number {
  hashFloatInto(x, null);
  return hashAsSlotNumber();
}

/** int(x) of a float: truncation, with CPython's errors. */
export function floatToInt(x: number): IntValue {
  if (x !== x) throw valueError("cannot convert float NaN to integer");
  if (!Number.isFinite(x)) throw overflowError("cannot convert float infinity to integer");
  const t = Math.trunc(x) + 0;
  if (Number.isSafeInteger(t)) return t;
  return normInt(BigInt(t));
}

// ---- slots of int, bool and float ----

function intSlot(op: number): BinarySlot {
  return (a, b) => {
    const x = intValueOf(a);
    const y = intValueOf(b);
    if (x === null || y === null) return NotImplemented;
    return intBinary(op, x, y);
  };
}
function boolSlot(op: number): BinarySlot {
  const base = intSlot(op);
  return (a, b) => {
    if (typeof a === "boolean" && typeof b === "boolean") {
      if (op === NB.AND) return a && b;
      if (op === NB.OR) return a || b;
      if (op === NB.XOR) return a !== b;
    }
    return base(a, b);
  };
}
function floatSlot(op: number): BinarySlot {
  return (a, b) => {
    const x = floatValueOf(a);
    const y = floatValueOf(b);
    if (x === null || y === null) return NotImplemented;
    return floatBinary(op, x, y);
  };
}

export function installNumberSlots(): void {
  for (let op = 0; op < NB_COUNT; op++) {
    if (op !== NB.MATRIX_MULTIPLY) intType.nb_binary[op] = intSlot(op);
    if (op !== NB.MATRIX_MULTIPLY) boolType.nb_binary[op] = op === NB.AND || op === NB.OR || op === NB.XOR ? boolSlot(op) : intSlot(op);
    if (op === NB.ADD || op === NB.SUBTRACT || op === NB.MULTIPLY || op === NB.TRUE_DIVIDE ||
        op === NB.FLOOR_DIVIDE || op === NB.REMAINDER || op === NB.POWER) {
      floatType.nb_binary[op] = floatSlot(op);
    }
  }
  const intNegSlot = (a: PyObj) => intNeg(intValueOf(a)!);
  intType.nb_negative = intNegSlot;
  boolType.nb_negative = intNegSlot;
  intType.nb_positive = (a) => intValueOf(a)!;
  intType.nb_invert = (a) => intInvert(intValueOf(a)!);
  intType.nb_absolute = (a) => intAbs(intValueOf(a)!);
  intType.nb_index = (a) => intValueOf(a)!;
  intType.nb_int = (a) => intValueOf(a)!;
  intType.nb_float = (a) => new PyFloat(intToFloat(intValueOf(a)!));
  intType.nb_bool = (a) => {
    const v = intValueOf(a)!;
    return v !== 0 && v !== 0n;
  };
  intType.nb_power3 = (a, b, m) => {
    const x = intValueOf(a), y = intValueOf(b), z = intValueOf(m);
    if (x === null || y === null || z === null) return NotImplemented;
    return intPowMod(x, y, z);
  };
  const fv = (a: PyObj) => (a as PyFloat).value;
  floatType.nb_negative = (a) => new PyFloat(-fv(a));
  floatType.nb_positive = (a) => new PyFloat(fv(a));
  floatType.nb_absolute = (a) => new PyFloat(Math.abs(fv(a)));
  floatType.nb_bool = (a) => fv(a) !== 0;
  floatType.nb_int = (a) => floatToInt(fv(a));
  floatType.nb_float = (a) => ((a as PyFloat).type === floatType ? a : new PyFloat(fv(a)));
  intType.tp_hash = (a) => intHash(intValueOf(a)!);
  floatType.tp_hash = (a) => {
    hashFloatInto(fv(a), a);
    return hashAsSlotNumber();
  };
  registerExactHash(intType.tp_hash, (a) => hashIntInto(intValueOf(a)!));
  registerExactHash(floatType.tp_hash, (a) => hashFloatInto(fv(a), a));
  intType.tp_repr = (a) => intToDecimal(intValueOf(a)!);
  boolType.tp_repr = (a) => (a === true ? "True" : "False");
  floatType.tp_repr = (a) => floatRepr(fv(a));
  intType.tp_richcompare = (a, b, op) => {
    const x = intValueOf(a);
    if (x === null) return NotImplemented;
    const y = intValueOf(b);
    if (y !== null) return compareResult(intCompare(x, y), op);
    if (b instanceof PyFloat) return compareIntFloat(x, b.value, op);
    return NotImplemented;
  };
  floatType.tp_richcompare = (a, b, op) => {
    const x = (a as PyFloat).value;
    if (b instanceof PyFloat) return compareNumbers(x, b.value, op);
    const y = intValueOf(b);
    if (y !== null) return compareIntFloat(y, x, swapOp(op));
    return NotImplemented;
  };
}

export function swapOp(op: number): number {
  return [4, 5, 2, 3, 0, 1][op];
}
export function compareResult(c: number, op: number): boolean {
  switch (op) {
    case 0: return c < 0;
    case 1: return c <= 0;
    case 2: return c === 0;
    case 3: return c !== 0;
    case 4: return c > 0;
    default: return c >= 0;
  }
}
export function compareNumbers(x: number, y: number, op: number): boolean {
  switch (op) {
    case 0: return x < y;
    case 1: return x <= y;
    case 2: return x === y;
    case 3: return x !== y;
    case 4: return x > y;
    default: return x >= y;
  }
}
/** Compares an int with a float exactly (no rounding of big ints). */
function compareIntFloat(i: IntValue, f: number, op: number): boolean {
  if (typeof i === "number") return compareNumbers(i, f, op);
  if (f !== f) return op === 3;
  if (!Number.isFinite(f)) return compareNumbers(0, f, op);
  const fi = Math.floor(f);
  const c = intCompare(i, BigInt(fi));
  if (c !== 0) return compareResult(c, op);
  return compareResult(fi === f ? 0 : -1, op);
}

export function checkIntType(v: PyObj, what: string): IntValue {
  const x = intValueOf(v);
  if (x === null) throw typeError(what);
  return x;
}

/** Makes an int instance for `cls` (int itself or a subclass). */
export function makeInt(cls: PyType, v: IntValue): PyObj {
  return cls === intType ? v : new PyIntSubclassObj(cls, v);
}
