// The builtin codecs str.encode / bytes.decode need: utf-8, ascii and latin-1, with the
// error handlers strict, ignore, replace, backslashreplace, xmlcharrefreplace and
// surrogateescape / surrogatepass, and CPython's UnicodeEncodeError/UnicodeDecodeError.
import { PyObj, runtimeHooks } from "./core.js";
import { newException, LookupError, UnicodeEncodeError, UnicodeDecodeError } from "./exceptions.js";
import { PyBytes } from "./misc.js";

/** CPython's normalised codec name, or null when unknown. */
export function normalizeEncoding(name: string): string | null {
  if (name === "utf-8" || name === "utf8") return "utf-8"; // the default and most common spellings
  const n = name.toLowerCase().replace(/[-_ ]/g, "");
  switch (n) {
    case "utf8": case "u8": case "utf": case "cp65001": case "utf8ucs2": case "utf8ucs4":
      return "utf-8";
    case "ascii": case "usascii": case "646": case "ansix3.41968": case "cp367": case "us":
      return "ascii";
    case "latin1": case "latin": case "iso88591": case "l1": case "8859": case "cp819": case "iso885911987":
      return "latin-1";
    case "utf16": case "u16": return "utf-16";
    case "utf16le": case "unicodelittleunmarked": return "utf-16-le";
    case "utf16be": case "unicodebigunmarked": return "utf-16-be";
    case "utf32": case "u32": return "utf-32";
    case "utf32le": return "utf-32-le";
    case "utf32be": return "utf-32-be";
  }
  return null;
}
function codecName(encoding: string): string {
  const c = normalizeEncoding(encoding);
  if (c === null) throw newException(LookupError, `unknown encoding: ${encoding}`);
  return c;
}

/**
 * The Python codec registry (codecs.lookup, the encodings package) for the encodings that
 * are not built in here (cp1252, raw-unicode-escape, idna...); filled by
 * modules/codecRegistry.ts. While unset, such encodings raise LookupError.
 */
export const codecRegistry: {
  encode: ((s: string, encoding: string, errors: string) => Uint8Array) | null;
  decode: ((b: Uint8Array, encoding: string, errors: string) => string) | null;
} = { encode: null, decode: null };
/** The name CPython's error messages use for the codec. */
function errName(c: string): string {
  return c === "latin-1" ? "latin-1" : c;
}

function raiseEncode(enc: string, s: string, start: number, end: number, reason: string): never {
  throw runtimeHooks.call(UnicodeEncodeError, [errName(enc), s, start, end, reason], null);
}
function raiseDecode(enc: string, b: Uint8Array, start: number, end: number, reason: string): never {
  throw runtimeHooks.call(UnicodeDecodeError, [errName(enc), new PyBytes(b), start, end, reason], null);
}

/** The decode error handlers (strict, ignore, replace, backslashreplace, surrogateescape). */
function handleDecodeError(
  errors: string, enc: string, b: Uint8Array, start: number, end: number, reason: string, parts: string[],
): void {
  switch (errors) {
    case "strict":
      raiseDecode(enc, b, start, end, reason);
    // falls through (never: raiseDecode throws)
    case "ignore":
      return;
    case "replace":
      parts.push("\ufffd");
      return;
    case "backslashreplace":
      for (let k = start; k < end; k++) parts.push("\\x" + b[k].toString(16).padStart(2, "0"));
      return;
    case "surrogateescape":
      // As PyCodec_SurrogateEscapeErrors: only bytes >= 0x80 can be escaped.
      for (let k = start; k < end; k++) if (b[k] < 0x80) raiseDecode(enc, b, start, end, reason);
      for (let k = start; k < end; k++) parts.push(String.fromCharCode(0xdc00 + b[k]));
      return;
    default:
      throw newException(LookupError, `unknown error handler name '${errors}'`);
  }
}

function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}
function hexEscape(cp: number): string {
  if (cp < 0x100) return "\\x" + cp.toString(16).padStart(2, "0");
  if (cp < 0x10000) return "\\u" + cp.toString(16).padStart(4, "0");
  return "\\U" + cp.toString(16).padStart(8, "0");
}

/** UTF-16 / UTF-32 encoding (with a little-endian BOM for the plain names). */
function encodeWide(s: string, enc: string, errors: string): Uint8Array {
  const width = enc.startsWith("utf-16") ? 2 : 4;
  const be = enc.endsWith("-be");
  const out: number[] = [];
  const unit = (v: number, w: number) => {
    for (let k = 0; k < w; k++) {
      const shift = be ? (w - 1 - k) * 8 : k * 8;
      out.push((v >>> shift) & 0xff);
    }
  };
  const put = (cp: number) => {
    if (width === 4 || cp < 0x10000) unit(cp, width);
    else {
      const c = cp - 0x10000;
      unit(0xd800 + (c >> 10), 2);
      unit(0xdc00 + (c & 0x3ff), 2);
    }
  };
  if (enc === "utf-16" || enc === "utf-32") put(0xfeff);
  const cps = Array.from(s, (c) => c.codePointAt(0)!);
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i];
    if (cp < 0xd800 || cp > 0xdfff) {
      put(cp);
      continue;
    }
    switch (errors) {
      case "strict":
        raiseEncode(enc, s, i, i + 1, "surrogates not allowed");
      // falls through (never)
      case "ignore":
        break;
      case "replace":
        put(0x3f);
        break;
      case "backslashreplace":
        for (const ch of hexEscape(cp)) put(ch.charCodeAt(0));
        break;
      case "xmlcharrefreplace":
        for (const ch of `&#${cp};`) put(ch.charCodeAt(0));
        break;
      case "surrogatepass":
        unit(cp, width);
        break;
      default:
        throw newException(LookupError, `unknown error handler name '${errors}'`);
    }
  }
  return Uint8Array.from(out);
}

/** UTF-16 / UTF-32 decoding: a BOM picks the byte order for the plain names. */
function decodeWide(b: Uint8Array, enc: string, errors: string): string {
  const width = enc.startsWith("utf-16") ? 2 : 4;
  let be = enc.endsWith("-be");
  let i = 0;
  let name = enc;
  if (enc === "utf-16" || enc === "utf-32") {
    name = enc + "-le";
    if (width === 2 && b.length >= 2) {
      if (b[0] === 0xff && b[1] === 0xfe) i = 2;
      else if (b[0] === 0xfe && b[1] === 0xff) {
        i = 2;
        be = true;
        name = "utf-16-be";
      }
    } else if (width === 4 && b.length >= 4) {
      if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) i = 4;
      else if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) {
        i = 4;
        be = true;
        name = "utf-32-be";
      }
    }
  }
  const read = (at: number, w: number): number => {
    let v = 0;
    for (let k = 0; k < w; k++) v += b[at + k] * 2 ** (8 * (be ? w - 1 - k : k));
    return v;
  };
  const parts: string[] = [];
  const fail = (start: number, end: number, reason: string): void =>
    handleDecodeError(errors, name, b, start, end, reason, parts);
  while (i < b.length) {
    if (i + width > b.length) {
      fail(i, b.length, "truncated data");
      break;
    }
    const v = read(i, width);
    if (width === 4) {
      if (v > 0x10ffff) fail(i, i + 4, "code point not in range(0x110000)");
      else if (v >= 0xd800 && v <= 0xdfff) fail(i, i + 4, "code point in surrogate code point range(0xd800, 0xe000)");
      else parts.push(String.fromCodePoint(v));
      i += 4;
      continue;
    }
    if (v < 0xd800 || v > 0xdfff) {
      parts.push(String.fromCharCode(v));
      i += 2;
    } else if (v >= 0xdc00) {
      fail(i, i + 2, "illegal encoding");
      i += 2;
    } else if (i + 4 > b.length) {
      fail(i, b.length, "unexpected end of data");
      break;
    } else {
      const w = read(i + 2, 2);
      if (w >= 0xdc00 && w <= 0xdfff) {
        parts.push(String.fromCharCode(v, w));
        i += 4;
      } else {
        fail(i, i + 2, "illegal UTF-16 surrogate");
        i += 2;
      }
    }
  }
  return parts.join("");
}

const utf8Encoder: InstanceType<typeof TextEncoder> | null = typeof TextEncoder === "function" ? new TextEncoder() : null;
/** String.prototype.isWellFormed (ES2024, in Node 20) when there, else a regex for a lone surrogate. */
const nativeWellFormed = (String.prototype as unknown as { isWellFormed?: () => boolean }).isWellFormed;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
function isWellFormed(s: string): boolean {
  return nativeWellFormed !== undefined ? nativeWellFormed.call(s) : !LONE_SURROGATE.test(s);
}

/**
 * The bytes of `s` in utf-8, ascii or latin-1 when every character is encodable (no error
 * handler can run); null otherwise (the general loop then reports or handles errors).
 */
function encodeWithoutErrors(s: string, enc: string, limit: number): Uint8Array | null {
  if (enc === "utf-8") {
    // a well-formed str (no lone surrogate) is what the platform encoder encodes exactly
    if (utf8Encoder === null || !isWellFormed(s)) return null;
    return utf8Encoder.encode(s);
  }
  if (limit > 0x100) return null;
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= limit) return null;
    out[i] = c;
  }
  return out;
}

export function encodeString(s: string, encoding: string, errors: string): Uint8Array {
  if (codecRegistry.encode !== null && normalizeEncoding(encoding) === null) return codecRegistry.encode(s, encoding, errors);
  const enc = codecName(encoding);
  if (enc.startsWith("utf-16") || enc.startsWith("utf-32")) return encodeWide(s, enc, errors);
  const limit = enc === "ascii" ? 0x80 : enc === "latin-1" ? 0x100 : 0x110000;
  const quick = encodeWithoutErrors(s, enc, limit);
  if (quick !== null) return quick;
  const cps = Array.from(s, (c) => c.codePointAt(0)!);
  const out: number[] = [];
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i];
    const bad = cp >= limit || (cp >= 0xd800 && cp <= 0xdfff);
    if (!bad) {
      if (enc === "utf-8") pushUtf8(out, cp);
      else out.push(cp);
      continue;
    }
    // a run of unencodable characters, for the error's span
    let j = i + 1;
    while (j < cps.length && (cps[j] >= limit || (cps[j] >= 0xd800 && cps[j] <= 0xdfff))) j++;
    const reason = enc === "utf-8" ? "surrogates not allowed" : `ordinal not in range(${limit})`;
    switch (errors) {
      case "strict":
        raiseEncode(enc, s, i, enc === "utf-8" ? i + 1 : j, reason);
      // falls through (never: raiseEncode throws)
      case "ignore":
        break;
      case "replace":
        out.push(0x3f);
        break;
      case "backslashreplace":
        for (const ch of hexEscape(cp)) out.push(ch.charCodeAt(0));
        break;
      case "xmlcharrefreplace":
        for (const ch of `&#${cp};`) out.push(ch.charCodeAt(0));
        break;
      case "surrogateescape":
        if (cp >= 0xdc80 && cp <= 0xdcff) out.push(cp - 0xdc00);
        else raiseEncode(enc, s, i, i + 1, reason);
        break;
      case "surrogatepass":
        if (enc === "utf-8" && cp >= 0xd800 && cp <= 0xdfff) pushUtf8(out, cp);
        else raiseEncode(enc, s, i, i + 1, reason);
        break;
      default:
        throw newException(LookupError, `unknown error handler name '${errors}'`);
    }
  }
  return Uint8Array.from(out);
}

/** A strict UTF-8 decoder keeping a leading BOM as U+FEFF (as CPython's "utf-8"); null if the platform has none. */
const utf8Strict: InstanceType<typeof TextDecoder> | null = typeof TextDecoder === "function" ? new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }) : null;

function isAsciiBytes(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return false;
  return true;
}

/** Bytes below 0x80 as a string, in chunks that fit in an argument list. */
function asciiBytesToString(b: Uint8Array): string {
  const CHUNK = 8192;
  if (b.length <= CHUNK) return String.fromCharCode.apply(null, b as unknown as number[]);
  let out = "";
  for (let i = 0; i < b.length; i += CHUNK) out += String.fromCharCode.apply(null, b.subarray(i, i + CHUNK) as unknown as number[]);
  return out;
}

export function decodeBytes(b: Uint8Array, encoding: string, errors: string): string {
  if (codecRegistry.decode !== null && normalizeEncoding(encoding) === null) return codecRegistry.decode(b, encoding, errors);
  const enc = codecName(encoding);
  if (enc === "utf-8" || enc === "ascii") {
    // Pure ASCII decodes byte for char; other valid UTF-8 as the platform's strict decoder
    // reads it (it rejects exactly what CPython's does: overlongs, surrogates, > U+10FFFF).
    // Anything invalid goes through the loop below for CPython's error handling.
    if (isAsciiBytes(b)) return asciiBytesToString(b);
    if (enc === "utf-8" && utf8Strict !== null) {
      try {
        return utf8Strict.decode(b);
      } catch {
        // invalid: the exact error (or the handler's result) comes from the loop below
      }
    }
  }
  if (enc.startsWith("utf-16") || enc.startsWith("utf-32")) return decodeWide(b, enc, errors);
  if (enc === "latin-1") {
    let s = "";
    for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
    return s;
  }
  const parts: string[] = [];
  let i = 0;
  const n = b.length;
  const handle = (start: number, end: number, reason: string): void =>
    handleDecodeError(errors, enc, b, start, end, reason, parts);
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      parts.push(String.fromCharCode(c));
      i++;
      continue;
    }
    if (enc === "ascii") {
      handle(i, i + 1, "ordinal not in range(128)");
      i++;
      continue;
    }
    let need: number, cp: number, min: number;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 0x1f; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; cp = c & 0x0f; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; cp = c & 0x07; min = 0x10000; }
    else {
      handle(i, i + 1, "invalid start byte");
      i++;
      continue;
    }
    let j = 1;
    let ok = true;
    for (; j <= need; j++) {
      if (i + j >= n) {
        ok = false;
        break;
      }
      const d = b[i + j];
      // second-byte ranges that CPython rejects (overlong, surrogates, > U+10FFFF)
      let lo = 0x80, hi = 0xbf;
      if (j === 1) {
        if (c === 0xe0) lo = 0xa0;
        else if (c === 0xed) hi = 0x9f;
        else if (c === 0xf0) lo = 0x90;
        else if (c === 0xf4) hi = 0x8f;
      }
      if (d < lo || d > hi) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (d & 0x3f);
    }
    if (!ok) {
      if (i + j >= n) handle(i, n, "unexpected end of data");
      else handle(i, i + j, "invalid continuation byte");
      i = i + j >= n ? n : i + j;
      continue;
    }
    void min;
    parts.push(String.fromCodePoint(cp));
    i += need + 1;
  }
  return parts.join("");
}

export type { PyObj };
