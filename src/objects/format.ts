// The format-spec mini-language (format(), f-strings, str.format) for int, float and str,
// and printf-style `%` formatting (Objects/unicodeobject.c, Python/formatter_unicode.c).
import { PyObj, PyFloat, typeOf, None, TypeFlag } from "./core.js";
import { valueError, typeError, overflowError } from "./exceptions.js";
import { intValueOf, floatRepr, IntValue, intToDecimal, floatToInt } from "./number.js";
import { repr, str, asFloat, index, getItem, strLen, isIntLike } from "./abstract.js";
import { PyTuple } from "./sequence.js";
import { PyDict } from "./dict.js";
import { fixedDigits, expDigits, sigDigits } from "./floatrepr.js";

export interface FormatSpec {
  fill: string;
  align: string; // "", "<", ">", "=", "^"
  sign: string; // "", "+", "-", " "
  noNegZero: boolean;
  alternate: boolean;
  zeroPad: boolean;
  /** The '=' alignment was implied by the '0' flag (strings then align left). */
  zeroAlign?: boolean;
  width: number;
  grouping: string; // "", ",", "_"
  precision: number; // -1: none
  type: string;
}

/** A width or precision: CPython's get_integer refuses more than fits in Py_ssize_t. */
function specNumber(digits: string): number {
  if (digits.length > 18 && BigInt(digits) > 9223372036854775807n) throw valueError("Too many decimal digits in format string");
  return parseInt(digits, 10);
}

/**
 * Parsed specs by text: format specs repeat (f"{x:.2f}" in a loop), and every consumer
 * treats a FormatSpec as read-only (percentFormat builds its own). Invalid specs throw
 * before they are stored.
 */
const specCache = new Map<string, FormatSpec>();
export function parseSpec(spec: string): FormatSpec {
  const hit = specCache.get(spec);
  if (hit !== undefined) return hit;
  const parsed = parseSpecText(spec);
  if (specCache.size >= 256) specCache.clear();
  specCache.set(spec, parsed);
  return parsed;
}
function parseSpecText(spec: string): FormatSpec {
  const s: FormatSpec = { fill: " ", align: "", sign: "", noNegZero: false, alternate: false, zeroPad: false, width: -1, grouping: "", precision: -1, type: "" };
  const cps = Array.from(spec);
  let i = 0;
  const isAlign = (c: string | undefined) => c === "<" || c === ">" || c === "=" || c === "^";
  if (cps.length >= 2 && isAlign(cps[1])) {
    s.fill = cps[0];
    s.align = cps[1];
    i = 2;
  } else if (isAlign(cps[0])) {
    s.align = cps[0];
    i = 1;
  }
  if (cps[i] === "+" || cps[i] === "-" || cps[i] === " ") s.sign = cps[i++];
  if (cps[i] === "z") {
    s.noNegZero = true;
    i++;
  }
  if (cps[i] === "#") {
    s.alternate = true;
    i++;
  }
  if (cps[i] === "0") {
    s.zeroPad = true;
    if (s.align === "") {
      s.fill = "0";
      s.align = "=";
      s.zeroAlign = true;
    }
    i++;
  }
  let w = "";
  while (i < cps.length && cps[i] >= "0" && cps[i] <= "9") w += cps[i++];
  if (w !== "") s.width = specNumber(w);
  if (cps[i] === ",") s.grouping = cps[i++];
  if (cps[i] === "_") {
    if (s.grouping !== "") throw valueError("Cannot specify both ',' and '_'.");
    s.grouping = cps[i++];
  }
  if (cps[i] === "," && s.grouping === "_") throw valueError("Cannot specify both ',' and '_'.");
  if (cps[i] === ".") {
    i++;
    let p = "";
    while (i < cps.length && cps[i] >= "0" && cps[i] <= "9") p += cps[i++];
    if (p === "") throw valueError("Format specifier missing precision");
    s.precision = specNumber(p);
  }
  if (i < cps.length) s.type = cps[i++];
  if (i < cps.length) throw valueError("Invalid format specifier '" + spec + "' for object of type '%TYPE%'");
  if (s.grouping !== "" && !"defgEGF%".includes(s.type) && !(s.grouping === "_" && "boxX".includes(s.type))) {
    const c = s.type.codePointAt(0)!;
    const shown = c > 32 && c < 128 ? s.type : "\\x" + c.toString(16);
    throw valueError(`Cannot specify '${s.grouping}' with '${shown}'.`);
  }
  return s;
}

function pad(body: string, sign: string, spec: FormatSpec, defaultAlign: string): string {
  const total = strLen(body) + sign.length;
  if (spec.width <= total) return sign + body;
  const n = spec.width - total;
  const fill = spec.fill;
  switch (spec.align || defaultAlign) {
    case "<": return sign + body + fill.repeat(n);
    case "^": {
      const left = Math.floor(n / 2);
      return fill.repeat(left) + sign + body + fill.repeat(n - left);
    }
    case "=": return sign + fill.repeat(n) + body;
    default: return fill.repeat(n) + sign + body;
  }
}

function group(digits: string, sep: string, every: number): string {
  if (sep === "") return digits;
  let out = "";
  let n = 0;
  for (let i = digits.length - 1; i >= 0; i--) {
    out = digits[i] + out;
    if (++n % every === 0 && i > 0) out = sep + out;
  }
  return out;
}

/** Zero padding that respects grouping (CPython pads the digits before grouping). */
function groupedZeroPad(intPart: string, spec: FormatSpec, otherLen: number, every: number): string {
  if (!(spec.fill === "0" && spec.align === "=") || spec.grouping === "") return group(intPart, spec.grouping, every);
  let digits = intPart;
  for (;;) {
    const g = group(digits, spec.grouping, every);
    if (g.length + otherLen >= spec.width) return g;
    digits = "0" + digits;
  }
}

export function formatInt(v: IntValue, spec: FormatSpec, typeName: string): string {
  const t = spec.type;
  if (t === "e" || t === "E" || t === "f" || t === "F" || t === "g" || t === "G" || t === "%") {
    if (typeof v === "bigint" && !Number.isFinite(Number(v))) throw overflowError("int too large to convert to float");
    return formatFloat(Number(v), spec, typeName);
  }
  if (!"bcdoxXn".includes(t)) throw valueError(`Unknown format code '${t}' for object of type '${typeName}'`);
  if (spec.noNegZero) throw valueError("Negative zero coercion (z) not allowed in integer format specifier");
  if (spec.precision >= 0) throw valueError("Precision not allowed in integer format specifier");
  if (t === "c") {
    if (spec.sign !== "") throw valueError("Sign not allowed with integer format specifier 'c'");
    if (spec.alternate) throw valueError("Alternate form (#) not allowed with integer format specifier 'c'");
    if (typeof v === "bigint" && (v >= 1n << 63n || v < -(1n << 63n))) throw overflowError("Python int too large to convert to C long");
    if (v < 0 || v > 0x10ffff) throw overflowError("%c arg not in range(0x110000)");
    return pad(String.fromCodePoint(Number(v)), "", spec, "<");
  }
  const neg = v < 0;
  const abs = neg ? -v : v;
  let digits: string;
  let prefix = "";
  let every = 3;
  switch (t) {
    case "":
    case "d":
    case "n":
      digits = intToDecimal(abs);
      break;
    case "b":
      digits = abs.toString(2);
      prefix = spec.alternate ? "0b" : "";
      every = 4;
      break;
    case "o":
      digits = abs.toString(8);
      prefix = spec.alternate ? "0o" : "";
      every = 4;
      break;
    case "x":
      digits = abs.toString(16);
      prefix = spec.alternate ? "0x" : "";
      every = 4;
      break;
    case "X":
      digits = abs.toString(16).toUpperCase();
      prefix = spec.alternate ? "0X" : "";
      every = 4;
      break;
    default:
      throw valueError(`Unknown format code '${t}' for object of type '${typeName}'`);
  }
  const sign = neg ? "-" : spec.sign === "+" ? "+" : spec.sign === " " ? " " : "";
  const body = groupedZeroPad(digits, spec, sign.length + prefix.length, every);
  if (spec.align === "=" || (spec.fill === "0" && spec.align === "=")) return pad(body, sign + prefix, spec, ">");
  return pad(body, sign + prefix, spec, ">");
}

/** Digits of |x| rounded half-even to `prec` places (exact, as CPython's dtoa); keeps the sign. */
export function toFixedExact(x: number, prec: number): string {
  const body = fixedDigits(x, prec);
  return x < 0 ? "-" + body : body;
}

function expForm(x: number, prec: number, upper: boolean): string {
  const out = expDigits(x, prec, false);
  return upper ? out.toUpperCase() : out;
}

export function formatFloat(x: number, spec: FormatSpec, typeName = "float"): string {
  let t = spec.type;
  let prec = spec.precision;
  const neg = x < 0 || (x === 0 && Object.is(x, -0));
  let abs = Math.abs(x);
  let body: string;
  if (!"eEfFgGn%".includes(t)) throw valueError(`Unknown format code '${t}' for object of type '${typeName}'`);
  if (t === "n") t = "g";
  if (t === "%" && Number.isFinite(abs) && !Number.isFinite(abs * 100)) abs = Infinity;
  if (!Number.isFinite(abs)) {
    body = Number.isNaN(abs) ? "nan" : "inf";
    if (t === "E" || t === "F" || t === "G") body = body.toUpperCase();
    if (t === "%") body += "%";
  } else {
    switch (t) {
      case "":
        if (prec < 0) {
          body = floatRepr(abs);
          if (spec.alternate && !body.includes(".")) {
            // '#' keeps a decimal point: 1e+16 -> 1.e+16
            const e = body.indexOf("e");
            body = e < 0 ? body + "." : body.slice(0, e) + "." + body.slice(e);
          }
        } else {
          body = gForm(abs, prec === 0 ? 1 : prec, false, spec.alternate, true);
        }
        break;
      case "f":
      case "F":
        body = toFixedExact(abs, prec < 0 ? 6 : prec);
        if (spec.alternate && !body.includes(".")) body += ".";
        break;
      case "e":
      case "E":
        body = expDigits(abs, prec < 0 ? 6 : prec, spec.alternate);
        if (t === "E") body = body.toUpperCase();
        break;
      case "g":
      case "G":
        body = gForm(abs, prec < 0 ? 6 : prec === 0 ? 1 : prec, t === "G", spec.alternate, false);
        break;
      case "%":
        abs *= 100;
        body = toFixedExact(abs, prec < 0 ? 6 : prec);
        if (spec.alternate && !body.includes(".")) body += ".";
        body += "%";
        break;
      default:
        throw valueError(`Unknown format code '${t}' for object of type '${typeName}'`);
    }
  }
  let isNeg = neg && !Number.isNaN(x);
  if (spec.noNegZero && isNeg && /^[0.]*(e|%|$)/i.test(body.replace(/[eE][-+]\d+$/, ""))) isNeg = false;
  const sign = isNeg ? "-" : spec.sign === "+" ? "+" : spec.sign === " " ? " " : "";
  if (spec.grouping !== "" && Number.isFinite(abs)) {
    const m = /^(\d+)(.*)$/.exec(body);
    if (m) body = groupedZeroPad(m[1], spec, sign.length + m[2].length, 3) + m[2];
  }
  return pad(body, sign, spec, ">");
}

/**
 * 'g' formatting; `reprStyle` is the no-type form with a precision, which switches to
 * exponent form one digit earlier (CPython's Py_DTSF_ADD_DOT_0 rule) and keeps a ".0".
 */
export function gForm(x: number, prec: number, upper: boolean, alternate: boolean, reprStyle: boolean): string {
  const [digits, exp] = sigDigits(x, prec - 1);
  let out: string;
  if (exp >= -4 && exp < (reprStyle ? prec - 1 : prec)) {
    out = fixedDigits(x, prec - 1 - exp);
    if (!alternate && out.includes(".")) out = out.replace(/0+$/, "").replace(/\.$/, "");
    if (alternate && !out.includes(".")) out += ".";
    if (reprStyle && !out.includes(".")) out += ".0";
  } else {
    let mant = digits[0] + (prec > 1 ? "." + digits.slice(1) : alternate ? "." : "");
    if (!alternate && mant.includes(".")) mant = mant.replace(/0+$/, "").replace(/\.$/, "");
    out = `${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return upper ? out.toUpperCase() : out;
}

export function formatStr(s: string, spec: FormatSpec): string {
  if (spec.type !== "" && spec.type !== "s") throw valueError(`Unknown format code '${spec.type}' for object of type 'str'`);
  if (spec.sign !== "") {
    throw valueError(spec.sign === " " ? "Space not allowed in string format specifier" : "Sign not allowed in string format specifier");
  }
  if (spec.grouping !== "") throw valueError(`Cannot specify '${spec.grouping}' with 's'.`);
  if (spec.noNegZero) throw valueError("Negative zero coercion (z) not allowed in string format specifier");
  if (spec.alternate) throw valueError("Alternate form (#) not allowed in string format specifier");
  // the '0' flag only sets the fill for strings; their default alignment stays left
  if (spec.align === "=" && spec.zeroAlign) spec = { ...spec, align: "<" };
  if (spec.align === "=") throw valueError("'=' alignment not allowed in string format specifier");
  if (spec.precision >= 0) s = Array.from(s).slice(0, spec.precision).join("");
  return pad(s, "", spec, "<");
}

export function fixSpecError(e: unknown, typeName: string): never {
  if (e && typeof e === "object" && "args" in e) {
    const args = (e as { args: PyObj[] }).args;
    if (typeof args[0] === "string" && args[0].includes("%TYPE%")) args[0] = args[0].replace("%TYPE%", typeName);
  }
  throw e;
}

// ---- printf-style formatting ----

/**
 * Converts one argument of bytes %-formatting (%s %b %r %a %c) to its bytes, as a
 * latin-1 string; given by bytes.ts, whose `%` runs this same parser in bytes mode.
 */
export type BytesArgFn = ((arg: PyObj, type: string) => string) & {
  /** A %(key) of a bytes format: the key as a bytes object. */
  key?: (k: string) => PyObj;
};

export function percentFormat(fmt: string, argsObj: PyObj, bytesArg: BytesArgFn | null = null): string {
  if (bytesArg === null) {
    const quick = simplePercentFormat(fmt, argsObj);
    if (quick !== null) return quick;
  }
  return fullPercentFormat(fmt, argsObj, bytesArg);
}

/**
 * str % args when every field is a plain %s of a str, %d/%i of a JS-number int or %%,
 * and the arguments are used up exactly; null for anything else (then the full path
 * starts over: nothing here has side effects). A small function, so that V8 optimizes it
 * after a few calls (the full one, large, runs unoptimized for tens of thousands).
 */
function simplePercentFormat(fmt: string, argsObj: PyObj): string | null {
  let args: readonly PyObj[] | null = null;
  let single: PyObj = null as unknown as PyObj;
  if (typeof argsObj === "string" || typeof argsObj === "number") single = argsObj;
  else if (argsObj instanceof PyTuple) args = argsObj.items;
  else return null;
  const nargs = args === null ? 1 : args.length;
  let argi = 0;
  let out = "";
  let i = 0;
  for (;;) {
    const j = fmt.indexOf("%", i);
    if (j < 0) break;
    out += fmt.slice(i, j);
    const type = fmt.charCodeAt(j + 1);
    i = j + 2;
    if (type === 0x25) { // %%
      out += "%";
      continue;
    }
    if (argi >= nargs) return null;
    const arg = args === null ? single : args[argi];
    argi++;
    if (type === 0x73) { // s
      if (typeof arg !== "string") return null;
      out += arg;
    } else if (type === 0x64 || type === 0x69) { // d, i
      if (typeof arg !== "number") return null;
      out += String(arg);
    } else return null;
  }
  if (argi !== nargs) return null;
  return i === 0 ? fmt : out + fmt.slice(i);
}

function fullPercentFormat(fmt: string, argsObj: PyObj, bytesArg: BytesArgFn | null): string {
  let args: PyObj[];
  let mapping: PyObj | null = null;
  if (argsObj instanceof PyTuple) args = argsObj.items;
  else {
    args = [argsObj];
    const t = typeOf(argsObj);
    if (t.mp_subscript !== null && !(typeof argsObj === "string") && !(argsObj instanceof PyTuple) &&
        !(bytesArg !== null && (t.flags & TypeFlag.BYTES_SUBCLASS || t.name === "bytearray"))) mapping = argsObj;
  }
  let argi = 0;
  const next = (): PyObj => {
    if (argi >= args.length) throw typeError("not enough arguments for format string");
    return args[argi++];
  };
  let out = "";
  let i = 0;
  let usedMapping = false;
  while (i < fmt.length) {
    const c = fmt[i];
    if (c !== "%") {
      const j = fmt.indexOf("%", i);
      const end = j < 0 ? fmt.length : j;
      out += fmt.slice(i, end);
      i = end;
      continue;
    }
    i++;
    if (i >= fmt.length) throw valueError("incomplete format");
    let key: string | null = null;
    if (fmt[i] === "(") {
      let depth = 1;
      const start = ++i;
      while (i < fmt.length && depth > 0) {
        if (fmt[i] === "(") depth++;
        else if (fmt[i] === ")") depth--;
        i++;
      }
      if (depth > 0) throw valueError("incomplete format key");
      key = fmt.slice(start, i - 1);
      if (mapping === null) throw typeError("format requires a mapping");
      usedMapping = true;
    }
    let flags = "";
    while ("-+ #0".includes(fmt[i]) && i < fmt.length) flags += fmt[i++];
    let width = -1;
    if (fmt[i] === "*") {
      width = Number(index(next()));
      i++;
    } else {
      let w = "";
      while (fmt[i] >= "0" && fmt[i] <= "9") w += fmt[i++];
      if (w) width = parseInt(w, 10);
    }
    let prec = -1;
    if (fmt[i] === ".") {
      i++;
      if (fmt[i] === "*") {
        prec = Number(index(next()));
        i++;
      } else {
        let p = "";
        while (fmt[i] >= "0" && fmt[i] <= "9") p += fmt[i++];
        prec = p ? parseInt(p, 10) : 0;
      }
    }
    while (fmt[i] === "h" || fmt[i] === "l" || fmt[i] === "L") i++;
    if (i >= fmt.length) throw valueError("incomplete format");
    const type = fmt[i++];
    if (type === "%") {
      out += "%";
      continue;
    }
    let arg: PyObj;
    if (key !== null) {
      arg = getItem(mapping!, bytesArg?.key ? bytesArg.key(key) : key);
      // after a keyed field the positional "arguments" are used up (CPython's argidx)
      args = [];
      argi = 0;
    } else arg = next();
    if (flags === "" && width < 0 && prec < 0 && bytesArg === null) {
      // plain %s of a str / %d of an int: the text itself (what the general path yields)
      if (type === "s" && typeof arg === "string") {
        out += arg;
        continue;
      }
      if ((type === "d" || type === "i" || type === "u") && typeof arg === "number") {
        out += String(arg);
        continue;
      }
    }
    const spec: FormatSpec = {
      fill: flags.includes("0") && !flags.includes("-") && "diouxXeEfFgG".includes(type) ? "0" : " ",
      align: flags.includes("-") ? "<" : flags.includes("0") && "diouxXeEfFgG".includes(type) ? "=" : ">",
      sign: flags.includes("+") ? "+" : flags.includes(" ") ? " " : "",
      noNegZero: false, alternate: flags.includes("#"), zeroPad: false, width, grouping: "", precision: prec, type: "",
    };
    let piece: string;
    if (bytesArg !== null && (type === "s" || type === "b" || type === "r" || type === "a" || type === "c")) {
      let s = bytesArg(arg, type);
      if (prec >= 0 && type !== "c") s = s.slice(0, prec);
      piece = pad(s, "", { ...spec, fill: " " }, spec.align === "<" ? "<" : ">");
      out += piece;
      continue;
    }
    switch (type) {
      case "s":
      case "r":
      case "a": {
        let s = type === "s" ? str(arg) : type === "r" ? repr(arg) : asciiEscape(repr(arg));
        if (prec >= 0) s = s.slice(0, prec);
        piece = pad(s, "", { ...spec, fill: " " }, ">");
        if (spec.align === "<") piece = pad(s, "", { ...spec, fill: " ", align: "<" }, "<");
        break;
      }
      case "d":
      case "i":
      case "u": {
        const v = numberArg(arg, type, true);
        spec.type = "d";
        piece = formatIntPrintf(v, spec, prec);
        break;
      }
      case "x":
      case "X":
      case "o": {
        const v = numberArg(arg, type, false);
        spec.type = type;
        piece = formatIntPrintf(v, spec, prec);
        if (spec.alternate) {
          // printf's '#' prefix: 0x / 0X / 0o
        }
        break;
      }
      case "e":
      case "E":
      case "f":
      case "F":
      case "g":
      case "G": {
        const x = asFloatArg(arg);
        spec.type = type;
        spec.precision = prec < 0 ? 6 : prec;
        piece = formatFloat(x, spec);
        break;
      }
      case "c": {
        let ch: string;
        if (typeof arg === "string") {
          if (strLen(arg) !== 1) throw typeError("%c requires int or char");
          ch = arg;
        } else {
          const v = typeOf(arg).nb_index !== null ? index(arg) : null;
          if (v === null) throw typeError("%c requires int or char");
          if (v < 0 || v > 0x10ffff) throw overflowError("%c arg not in range(0x110000)");
          ch = String.fromCodePoint(Number(v));
        }
        piece = pad(ch, "", { ...spec, fill: " " }, ">");
        break;
      }
      default:
        throw valueError(`unsupported format character '${type}' (0x${type.charCodeAt(0).toString(16)}) at index ${i - 1}`);
    }
    out += piece;
  }
  if (argi < args.length && !usedMapping && mapping === null) {
    throw typeError(`not all arguments converted during ${bytesArg !== null ? "bytes" : "string"} formatting`);
  }
  return out;
}

/** ascii(): non-ASCII code points of a repr as \x, \u or \U escapes. */
function asciiEscape(r: string): string {
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

function formatIntPrintf(v: IntValue, spec: FormatSpec, prec: number): string {
  if (prec >= 0) {
    const neg = v < 0;
    const abs = neg ? -v : v;
    let digits = spec.type === "d" ? intToDecimal(abs) : spec.type === "o" ? abs.toString(8) : abs.toString(16);
    if (spec.type === "X") digits = digits.toUpperCase();
    digits = digits.padStart(prec, "0");
    const prefix = spec.alternate ? (spec.type === "o" ? "0o" : spec.type === "x" ? "0x" : spec.type === "X" ? "0X" : "") : "";
    const sign = neg ? "-" : spec.sign;
    return pad(digits, sign + prefix, spec, ">");
  }
  return formatInt(v, spec, "int");
}

function numberArg(arg: PyObj, type: string, allowFloat: boolean): IntValue {
  const v = intValueOf(arg);
  if (v !== null) return v;
  if (arg instanceof PyFloat && allowFloat) return floatToInt(arg.value); // inf/nan: CPython's errors
  const t = typeOf(arg);
  if (t.nb_index !== null) return index(arg);
  if (allowFloat && t.nb_int !== null) return intValueOf(t.nb_int(arg))!;
  throw typeError(`%${type} format: ${allowFloat ? "a real number" : "an integer"} is required, not ${t.name}`);
}
function asFloatArg(arg: PyObj): number {
  if (arg instanceof PyFloat) return arg.value;
  if (isIntLike(arg)) return Number(intValueOf(arg));
  const t = typeOf(arg);
  if (t.nb_float === null && t.nb_index === null) throw typeError(`must be real number, not ${t.name}`);
  return asFloat(arg);
}

export { None, PyDict };
