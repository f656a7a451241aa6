// String literal bodies -> values: escape sequences of str and bytes literals, as
// CPython's Parser/string_parser.c decodes them. The parser hands in the body text
// (between the quotes) and gets a JS string (str; lone surrogates kept) or bytes.
//
// Errors are reported through the `fail` callback with CPython's message and the
// offset (in the body) of the bad escape; invalid escapes that CPython only warns
// about are kept literally (backslash included) as CPython does.

import { UNICODE_NAMES_TEXT } from "./unicodeNames.generated.js";

export type StringFail = (message: string, bodyOffset: number) => never;
/** Called for escapes CPython accepts with a SyntaxWarning (the message is CPython's). */
export type StringWarn = (message: string, bodyOffset: number) => void;
const noWarn: StringWarn = () => {};

/** CPython reports only the first invalid escape of each literal (or f-string part). */
function firstOnly(warn: StringWarn): StringWarn {
  if (warn === noWarn) return warn;
  let given = false;
  return (message, bodyOffset) => {
    if (given) return;
    given = true;
    warn(message, bodyOffset);
  };
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

// \N{...}: names from a generated table (Node has no Unicode name database).
// Differs from CPython: names outside the table's blocks are reported as unknown.
let unicodeNames: Map<string, number> | null = null;

function lookupUnicodeName(name: string): number | undefined {
  if (unicodeNames === null) {
    unicodeNames = new Map();
    for (const line of UNICODE_NAMES_TEXT.split("\n")) {
      const tab = line.indexOf("\t");
      unicodeNames.set(line.slice(0, tab), parseInt(line.slice(tab + 1), 16));
    }
  }
  return unicodeNames.get(name.toUpperCase());
}

/** Decode a str literal body (not raw). `fstringBraces`: also turn "{{"/"}}" into one brace. */
export function decodeStr(body: string, fstringBraces: boolean, fail: StringFail, warn: StringWarn = noWarn): string {
  if (body.indexOf("\\") < 0 && !(fstringBraces && (body.indexOf("{{") >= 0 || body.indexOf("}}") >= 0))) return body;
  warn = firstOnly(warn);
  let out = "";
  const n = body.length;
  let i = 0;
  let runStart = 0;
  while (i < n) {
    const c = body.charCodeAt(i);
    if (fstringBraces && (c === 123 || c === 125) && i + 1 < n && body.charCodeAt(i + 1) === c) {
      out += body.slice(runStart, i + 1);
      i += 2;
      runStart = i;
      continue;
    }
    if (c !== 92) {
      i++;
      continue;
    }
    out += body.slice(runStart, i);
    const escStart = i;
    i++;
    if (i >= n) {
      out += "\\";
      runStart = i;
      break;
    }
    const e = body.charCodeAt(i);
    i++;
    switch (e) {
      case 10: break; // backslash-newline: nothing
      case 92: out += "\\"; break;
      case 39: out += "'"; break;
      case 34: out += '"'; break;
      case 97: out += "\x07"; break;
      case 98: out += "\b"; break;
      case 102: out += "\f"; break;
      case 110: out += "\n"; break;
      case 114: out += "\r"; break;
      case 116: out += "\t"; break;
      case 118: out += "\v"; break;
      case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55: {
        let v = e - 48;
        for (let k = 0; k < 2 && i < n; k++) {
          const d = body.charCodeAt(i);
          if (d < 48 || d > 55) break;
          v = v * 8 + (d - 48);
          i++;
        }
        if (v > 0o377) warn(`invalid octal escape sequence '\\${body.slice(escStart + 1, i)}'`, escStart);
        out += String.fromCharCode(v);
        break;
      }
      case 120: case 117: case 85: {
        const len = e === 120 ? 2 : e === 117 ? 4 : 8;
        let v = 0;
        for (let k = 0; k < len; k++) {
          const h = i + k < n ? hexValue(body.charCodeAt(i + k)) : -1;
          if (h < 0) {
            const what = e === 120 ? "\\xXX" : e === 117 ? "\\uXXXX" : "\\UXXXXXXXX";
            fail(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${escStart}-${i + k - 1}: truncated ${what} escape`, escStart);
          }
          v = v * 16 + h;
        }
        i += len;
        if (v > 0x10ffff) {
          fail(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${escStart}-${i - 1}: illegal Unicode character`, escStart);
        }
        out += String.fromCodePoint(v);
        break;
      }
      case 78: {
        // \N{name}
        const close = i < n && body.charCodeAt(i) === 123 ? body.indexOf("}", i) : -1;
        const name = close > i + 1 ? body.slice(i + 1, close).toUpperCase() : null;
        const cp = name !== null ? lookupUnicodeName(name) : undefined;
        if (cp === undefined) {
          const end = close < 0 ? i - 1 : close;
          fail(
            close < 0
              ? `(unicode error) 'unicodeescape' codec can't decode bytes in position ${escStart}-${end}: malformed \\N character escape`
              : `(unicode error) 'unicodeescape' codec can't decode bytes in position ${escStart}-${end}: unknown Unicode character name`,
            escStart,
          );
        }
        out += String.fromCodePoint(cp);
        i = close + 1;
        break;
      }
      default:
        // Invalid escape: kept as is, with CPython's warning.
        warn(`invalid escape sequence '\\${String.fromCodePoint(body.codePointAt(i - 1)!)}'`, escStart);
        out += "\\";
        i--;
        break;
    }
    runStart = i;
  }
  out += body.slice(runStart, n);
  return out;
}

/** Decode a bytes literal body; `raw` keeps backslashes. */
export function decodeBytes(body: string, raw: boolean, fail: StringFail, warn: StringWarn = noWarn): Uint8Array {
  warn = firstOnly(warn);
  const n = body.length;
  const out = new Uint8Array(n);
  let len = 0;
  let i = 0;
  while (i < n) {
    const c = body.charCodeAt(i);
    if (c >= 128) fail("bytes can only contain ASCII literal characters", i);
    if (c !== 92 || raw) {
      out[len++] = c;
      i++;
      continue;
    }
    const escStart = i;
    i++;
    if (i >= n) {
      out[len++] = 92;
      break;
    }
    const e = body.charCodeAt(i);
    i++;
    switch (e) {
      case 10: break;
      case 92: out[len++] = 92; break;
      case 39: out[len++] = 39; break;
      case 34: out[len++] = 34; break;
      case 97: out[len++] = 7; break;
      case 98: out[len++] = 8; break;
      case 102: out[len++] = 12; break;
      case 110: out[len++] = 10; break;
      case 114: out[len++] = 13; break;
      case 116: out[len++] = 9; break;
      case 118: out[len++] = 11; break;
      case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55: {
        let v = e - 48;
        for (let k = 0; k < 2 && i < n; k++) {
          const d = body.charCodeAt(i);
          if (d < 48 || d > 55) break;
          v = v * 8 + (d - 48);
          i++;
        }
        if (v > 0o377) warn(`invalid octal escape sequence '\\${body.slice(escStart + 1, i)}'`, escStart);
        out[len++] = v & 0xff;
        break;
      }
      case 120: {
        const h1 = i < n ? hexValue(body.charCodeAt(i)) : -1;
        const h2 = i + 1 < n ? hexValue(body.charCodeAt(i + 1)) : -1;
        if (h1 < 0 || h2 < 0) fail(`(value error) invalid \\x escape at position ${escStart}`, escStart);
        out[len++] = h1 * 16 + h2;
        i += 2;
        break;
      }
      default:
        if (e >= 128) fail("bytes can only contain ASCII literal characters", i - 1);
        warn(`invalid escape sequence '\\${String.fromCharCode(e)}'`, escStart);
        out[len++] = 92;
        i--;
        break;
    }
  }
  return out.slice(0, len);
}
