// CPython's Unicode character database for str methods (Unicode 15.1, generated from
// CPython by tools/gen-unicode-tables.mjs): property flags per code point and the full
// case mappings, plus the case-conversion algorithms of unicodeobject.c (final sigma,
// title casing). Callers keep their ASCII fast paths; this is for everything else.
import {
  FLAG_RUNS, UPPER_SINGLE, UPPER_MULTI, LOWER_SINGLE, LOWER_MULTI, TITLE_SINGLE, TITLE_MULTI,
  CASEFOLD_SINGLE, CASEFOLD_MULTI,
} from "./unicodeTables.generated.js";

export const enum UFlag {
  ALPHA = 1, DECIMAL = 2, DIGIT = 4, NUMERIC = 8, LOWER = 16, UPPER = 32, TITLE = 64,
  PRINTABLE = 128, SPACE = 256, XID_START = 512, XID_CONTINUE = 1024, CASED = 2048,
  CASE_IGNORABLE = 4096,
}

let runStarts: Int32Array | null = null;
let runFlags: Uint16Array | null = null;

function decodeFlags(): void {
  const parts = FLAG_RUNS.split(",");
  runStarts = new Int32Array(parts.length);
  runFlags = new Uint16Array(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const colon = parts[i].indexOf(":");
    runStarts[i] = parseInt(parts[i].slice(0, colon), 36);
    runFlags[i] = parseInt(parts[i].slice(colon + 1), 36);
  }
}

/** The property flags of a code point (binary search over the runs). */
export function uflags(cp: number): number {
  if (runStarts === null) decodeFlags();
  const starts = runStarts!;
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= cp) lo = mid;
    else hi = mid - 1;
  }
  return runFlags![lo];
}

function decodeMap(single: string, multi: string): Map<number, string> {
  const m = new Map<number, string>();
  if (single !== "") {
    for (const run of single.split(",")) {
      const [s, c, st, d] = run.split(":").map((x) => parseInt(x, 36));
      for (let k = 0; k < c; k++) m.set(s + k * st, String.fromCodePoint(s + k * st + d));
    }
  }
  if (multi !== "") {
    for (const e of multi.split(",")) {
      const eq = e.indexOf("=");
      m.set(parseInt(e.slice(0, eq), 36), String.fromCodePoint(...e.slice(eq + 1).split(".").map((x) => parseInt(x, 36))));
    }
  }
  return m;
}
let upperMap: Map<number, string> | null = null;
let lowerMap: Map<number, string> | null = null;
let titleMap: Map<number, string> | null = null;
let foldMap: Map<number, string> | null = null;
const upperOf = (cp: number) => (upperMap ??= decodeMap(UPPER_SINGLE, UPPER_MULTI)).get(cp);
const lowerOf = (cp: number) => (lowerMap ??= decodeMap(LOWER_SINGLE, LOWER_MULTI)).get(cp);
const titleOf = (cp: number) => (titleMap ??= decodeMap(TITLE_SINGLE, TITLE_MULTI)).get(cp);
const foldOf = (cp: number) => (foldMap ??= decodeMap(CASEFOLD_SINGLE, CASEFOLD_MULTI)).get(cp);

export function codePointsOf(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    out.push(c);
  }
  return out;
}
const chr = (cp: number) => String.fromCodePoint(cp);

/** CPython's handle_capital_sigma: σ, or ς at the end of a word. */
function sigma(cps: number[], i: number): string {
  let j = i - 1;
  while (j >= 0 && (uflags(cps[j]) & UFlag.CASE_IGNORABLE) !== 0) j--;
  let final = j >= 0 && (uflags(cps[j]) & UFlag.CASED) !== 0;
  if (final) {
    j = i + 1;
    while (j < cps.length && (uflags(cps[j]) & UFlag.CASE_IGNORABLE) !== 0) j++;
    final = j === cps.length || (uflags(cps[j]) & UFlag.CASED) === 0;
  }
  return final ? "\u03c2" : "\u03c3";
}
/** lower_ucs4: the full lower-case mapping, with final sigma. */
function lowerAt(cps: number[], i: number): string {
  const cp = cps[i];
  if (cp === 0x3a3) return sigma(cps, i);
  return lowerOf(cp) ?? chr(cp);
}

export function uUpper(s: string): string {
  let out = "";
  for (const cp of codePointsOf(s)) out += upperOf(cp) ?? chr(cp);
  return out;
}
export function uLower(s: string): string {
  const cps = codePointsOf(s);
  let out = "";
  for (let i = 0; i < cps.length; i++) out += lowerAt(cps, i);
  return out;
}
export function uCasefold(s: string): string {
  let out = "";
  for (const cp of codePointsOf(s)) out += foldOf(cp) ?? chr(cp);
  return out;
}
export function uSwapcase(s: string): string {
  const cps = codePointsOf(s);
  let out = "";
  for (let i = 0; i < cps.length; i++) {
    const f = uflags(cps[i]);
    if (f & UFlag.UPPER) out += lowerAt(cps, i);
    else if (f & UFlag.LOWER) out += upperOf(cps[i]) ?? chr(cps[i]);
    else out += chr(cps[i]);
  }
  return out;
}
export function uCapitalize(s: string): string {
  const cps = codePointsOf(s);
  if (cps.length === 0) return "";
  let out = titleOf(cps[0]) ?? chr(cps[0]);
  for (let i = 1; i < cps.length; i++) out += lowerAt(cps, i);
  return out;
}
export function uTitle(s: string): string {
  const cps = codePointsOf(s);
  let out = "";
  let prevCased = false;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i];
    out += prevCased ? lowerAt(cps, i) : titleOf(cp) ?? chr(cp);
    prevCased = (uflags(cp) & UFlag.CASED) !== 0;
  }
  return out;
}

/** True when every code point has one of `mask`'s flags (false for ""). */
export function uAll(s: string, mask: number): boolean {
  if (s.length === 0) return false;
  for (const cp of codePointsOf(s)) if ((uflags(cp) & mask) === 0) return false;
  return true;
}
export function uIsLower(s: string): boolean {
  let cased = false;
  for (const cp of codePointsOf(s)) {
    const f = uflags(cp);
    if (f & (UFlag.UPPER | UFlag.TITLE)) return false;
    if (f & UFlag.LOWER) cased = true;
  }
  return cased;
}
export function uIsUpper(s: string): boolean {
  let cased = false;
  for (const cp of codePointsOf(s)) {
    const f = uflags(cp);
    if (f & (UFlag.LOWER | UFlag.TITLE)) return false;
    if (f & UFlag.UPPER) cased = true;
  }
  return cased;
}
export function uIsTitle(s: string): boolean {
  let cased = false, prevCased = false;
  for (const cp of codePointsOf(s)) {
    const f = uflags(cp);
    if (f & (UFlag.UPPER | UFlag.TITLE)) {
      if (prevCased) return false;
      prevCased = true;
      cased = true;
    } else if (f & UFlag.LOWER) {
      if (!prevCased) return false;
      prevCased = true;
      cased = true;
    } else prevCased = false;
  }
  return cased;
}
export function uIsPrintable(s: string): boolean {
  for (const cp of codePointsOf(s)) if ((uflags(cp) & UFlag.PRINTABLE) === 0) return false;
  return true;
}
export function uIsIdentifier(s: string): boolean {
  const cps = codePointsOf(s);
  if (cps.length === 0) return false;
  if ((uflags(cps[0]) & UFlag.XID_START) === 0) return false;
  for (let i = 1; i < cps.length; i++) if ((uflags(cps[i]) & UFlag.XID_CONTINUE) === 0) return false;
  return true;
}
/** Py_UNICODE_ISSPACE for one code point. */
export function uIsSpaceCp(cp: number): boolean {
  if (cp < 128) return cp === 32 || (cp >= 9 && cp <= 13) || (cp >= 28 && cp <= 31);
  return (uflags(cp) & UFlag.SPACE) !== 0;
}
/** Py_UNICODE_ISPRINTABLE for one code point (repr's escaping). */
export function uIsPrintableCp(cp: number): boolean {
  if (cp < 128) return cp >= 32 && cp < 127;
  return (uflags(cp) & UFlag.PRINTABLE) !== 0;
}

/** The value of a decimal digit (category Nd: whole 0-9 blocks), or -1. */
export function decimalValue(cp: number): number {
  if (cp >= 48 && cp <= 57) return cp - 48;
  if (cp < 128 || (uflags(cp) & UFlag.DECIMAL) === 0) return -1;
  let start = cp;
  while ((uflags(start - 1) & UFlag.DECIMAL) !== 0) start--;
  return (cp - start) % 10;
}

/**
 * CPython's _PyUnicode_TransformDecimalAndSpaceToASCII: Unicode decimal digits become
 * ASCII digits, Unicode white space a space; any other non-ASCII code point becomes '?'
 * (invalid in every number syntax). int() and float() parse the result.
 */
export function decimalsToAscii(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  let out = "";
  for (const cp of codePointsOf(s)) {
    if (cp < 128) out += String.fromCharCode(cp);
    else if (uIsSpaceCp(cp)) out += " ";
    else {
      const d = decimalValue(cp);
      out += d >= 0 ? String.fromCharCode(48 + d) : "?";
    }
  }
  return out;
}
