// _sre: the regular expression engine under `re` (CPython's Modules/_sre/). re's own
// Python compiler (re/_compiler.py) emits the opcode list; this file runs it: a
// backtracking matcher in continuation-passing style (each opcode sequence is matched
// with "what comes next" as a callback), the Pattern / Match / SRE_Template objects and
// search / findall / finditer / split / sub with CPython 3.7+'s empty-match rules.
import { PyObject, PyObj, PyType, KwNames, None, NotImplemented, typeOf } from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { defineMethod, defineGetSet } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { typeError, indexError, newException, RuntimeError, RecursionError } from "../objects/exceptions.js";
import { call, getAttr, hash, indexAsNumber, isTrue, repr, toArray, eq } from "../objects/abstract.js";
import { PyList, newTuple, PyTuple } from "../objects/sequence.js";
import { PyBytes } from "../objects/bytes.js";
import { bindArgs, defModuleFn, nativeType } from "./modutil.js";
import type { Interpreter } from "./interp.js";

const MAGIC = 20230612;
const MAXREPEAT = 4294967295;
const MAXGROUPS = 2147483647 / 2;

// Opcodes (re/_constants.py OPCODES order).
const enum Op {
  FAILURE, SUCCESS, ANY, ANY_ALL, ASSERT, ASSERT_NOT, AT, BRANCH, CATEGORY, CHARSET, BIGCHARSET,
  GROUPREF, GROUPREF_EXISTS, IN, INFO, JUMP, LITERAL, MARK, MAX_UNTIL, MIN_UNTIL, NOT_LITERAL,
  NEGATE, RANGE, REPEAT, REPEAT_ONE, SUBPATTERN, MIN_REPEAT_ONE, ATOMIC_GROUP, POSSESSIVE_REPEAT,
  POSSESSIVE_REPEAT_ONE, GROUPREF_IGNORE, IN_IGNORE, LITERAL_IGNORE, NOT_LITERAL_IGNORE,
  GROUPREF_LOC_IGNORE, IN_LOC_IGNORE, LITERAL_LOC_IGNORE, NOT_LITERAL_LOC_IGNORE,
  GROUPREF_UNI_IGNORE, IN_UNI_IGNORE, LITERAL_UNI_IGNORE, NOT_LITERAL_UNI_IGNORE, RANGE_UNI_IGNORE,
}
const enum At {
  BEGINNING, BEGINNING_LINE, BEGINNING_STRING, BOUNDARY, NON_BOUNDARY, END, END_LINE, END_STRING,
  LOC_BOUNDARY, LOC_NON_BOUNDARY, UNI_BOUNDARY, UNI_NON_BOUNDARY,
}
const enum Cat {
  DIGIT, NOT_DIGIT, SPACE, NOT_SPACE, WORD, NOT_WORD, LINEBREAK, NOT_LINEBREAK, LOC_WORD, LOC_NOT_WORD,
  UNI_DIGIT, UNI_NOT_DIGIT, UNI_SPACE, UNI_NOT_SPACE, UNI_WORD, UNI_NOT_WORD, UNI_LINEBREAK, UNI_NOT_LINEBREAK,
}
const SRE_FLAG_IGNORECASE = 2;
const SRE_FLAG_LOCALE = 4;
const SRE_FLAG_MULTILINE = 8;
const SRE_FLAG_DOTALL = 16;
const SRE_FLAG_UNICODE = 32;
const SRE_FLAG_VERBOSE = 64;
const SRE_FLAG_DEBUG = 128;
const SRE_FLAG_ASCII = 256;
const SRE_INFO_PREFIX = 1;

// ---- character predicates ----

const isAsciiDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isAsciiWord = (c: number): boolean => c < 128 && ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95);
// Made on first use (only non-ASCII characters need them): not part of every start-up.
let uniDigitRe: RegExp | null = null;
let uniWordRe: RegExp | null = null;
const UNI_SPACE = /^[\s\x1c-\x1f\x85]$/u;
function isUniDigit(c: number): boolean {
  return c < 128 ? isAsciiDigit(c) : (uniDigitRe ??= /^\p{Nd}$/u).test(String.fromCodePoint(c));
}
function isUniSpace(c: number): boolean {
  if (c < 128) return isAsciiSpace(c) || (c >= 0x1c && c <= 0x1f);
  return c !== 0xfeff && UNI_SPACE.test(String.fromCodePoint(c));
}
function isUniWord(c: number): boolean {
  return c < 128 ? isAsciiWord(c) : (uniWordRe ??= /^[\p{L}\p{N}_]$/u).test(String.fromCodePoint(c));
}
function isUniLinebreak(c: number): boolean {
  return (c >= 10 && c <= 13) || (c >= 0x1c && c <= 0x1e) || c === 0x85 || c === 0x2028 || c === 0x2029;
}
function category(cat: number, c: number): boolean {
  switch (cat) {
    case Cat.DIGIT: return isAsciiDigit(c);
    case Cat.NOT_DIGIT: return !isAsciiDigit(c);
    case Cat.SPACE: return isAsciiSpace(c);
    case Cat.NOT_SPACE: return !isAsciiSpace(c);
    case Cat.WORD: case Cat.LOC_WORD: return isAsciiWord(c);
    case Cat.NOT_WORD: case Cat.LOC_NOT_WORD: return !isAsciiWord(c);
    case Cat.LINEBREAK: return c === 10;
    case Cat.NOT_LINEBREAK: return c !== 10;
    case Cat.UNI_DIGIT: return isUniDigit(c);
    case Cat.UNI_NOT_DIGIT: return !isUniDigit(c);
    case Cat.UNI_SPACE: return isUniSpace(c);
    case Cat.UNI_NOT_SPACE: return !isUniSpace(c);
    case Cat.UNI_WORD: return isUniWord(c);
    case Cat.UNI_NOT_WORD: return !isUniWord(c);
    case Cat.UNI_LINEBREAK: return isUniLinebreak(c);
    case Cat.UNI_NOT_LINEBREAK: return !isUniLinebreak(c);
  }
  return false;
}

const asciiLower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
const asciiUpper = (c: number): number => (c >= 97 && c <= 122 ? c - 32 : c);
/** Simple (one code point) case mappings, as _PyUnicode_ToLowercase / ToUppercase. */
function uniLower(c: number): number {
  if (c < 128) return asciiLower(c);
  const s = String.fromCodePoint(c).toLowerCase();
  const r = s.codePointAt(0)!;
  return s.length === String.fromCodePoint(r).length ? r : c;
}
function uniUpper(c: number): number {
  if (c < 128) return asciiUpper(c);
  const s = String.fromCodePoint(c).toUpperCase();
  const r = s.codePointAt(0)!;
  return s.length === String.fromCodePoint(r).length ? r : c;
}

// ---- the matcher ----

type Cont = (pos: number) => boolean;

interface RepeatCtx {
  count: number;
  lastPos: number;
  pc: number; // the REPEAT opcode
  prev: RepeatCtx | null;
  next: Cont; // what follows the whole repeat
}

class MatchState {
  readonly code: Uint32Array;
  readonly s: Int32Array | Uint8Array;
  readonly end: number;
  readonly start: number;
  marks: number[];
  lastindex = -1;
  repeat: RepeatCtx | null = null;
  matchAll = false;
  mustAdvance = false;
  matchStart = 0;
  matchEnd = 0;
  steps = 0;

  constructor(code: Uint32Array, s: Int32Array | Uint8Array, start: number, end: number, groups: number) {
    this.code = code;
    this.s = s;
    this.start = start;
    this.end = end;
    this.marks = new Array(groups * 2).fill(-1);
  }

  reset(): void {
    this.marks.fill(-1);
    this.lastindex = -1;
    this.repeat = null;
  }

  inCharset(p: number, ch: number): boolean {
    const code = this.code;
    let ok = true;
    for (;;) {
      switch (code[p]) {
        case Op.FAILURE: return !ok;
        case Op.LITERAL:
          if (ch === code[p + 1]) return ok;
          p += 2;
          break;
        case Op.CATEGORY:
          if (category(code[p + 1], ch)) return ok;
          p += 2;
          break;
        case Op.CHARSET:
          if (ch < 256 && (code[p + 1 + (ch >> 5)] & (1 << (ch & 31))) !== 0) return ok;
          p += 9;
          break;
        case Op.RANGE:
          if (code[p + 1] <= ch && ch <= code[p + 2]) return ok;
          p += 3;
          break;
        case Op.RANGE_UNI_IGNORE: {
          if (code[p + 1] <= ch && ch <= code[p + 2]) return ok;
          const u = uniUpper(ch);
          if (code[p + 1] <= u && u <= code[p + 2]) return ok;
          p += 3;
          break;
        }
        case Op.NEGATE:
          ok = !ok;
          p += 1;
          break;
        case Op.BIGCHARSET: {
          const count = code[p + 1];
          p += 2;
          if (ch < 65536) {
            const hi = ch >> 8;
            const block = (code[p + (hi >> 2)] >>> ((hi & 3) * 8)) & 0xff;
            const base = p + 64 + block * 8;
            const lo = ch & 255;
            if ((code[base + (lo >> 5)] & (1 << (lo & 31))) !== 0) return ok;
          }
          p += 64 + count * 8;
          break;
        }
        default:
          throw newException(RuntimeError, "internal error in regular expression charset");
      }
    }
  }

  /** Whether one character at `pos` matches the single-character op at `pc` (REPEAT_ONE bodies). */
  matchOne(pc: number, pos: number): boolean {
    if (pos >= this.end) return false;
    const code = this.code;
    const c = this.s[pos];
    switch (code[pc]) {
      case Op.ANY: return c !== 10;
      case Op.ANY_ALL: return true;
      case Op.LITERAL: return c === code[pc + 1];
      case Op.NOT_LITERAL: return c !== code[pc + 1];
      case Op.LITERAL_IGNORE: return asciiLower(c) === code[pc + 1];
      case Op.NOT_LITERAL_IGNORE: return asciiLower(c) !== code[pc + 1];
      case Op.LITERAL_UNI_IGNORE: return uniLower(c) === code[pc + 1];
      case Op.NOT_LITERAL_UNI_IGNORE: return uniLower(c) !== code[pc + 1];
      case Op.LITERAL_LOC_IGNORE: return c === code[pc + 1] || asciiLower(c) === code[pc + 1] || asciiUpper(c) === code[pc + 1];
      case Op.NOT_LITERAL_LOC_IGNORE: return !(c === code[pc + 1] || asciiLower(c) === code[pc + 1] || asciiUpper(c) === code[pc + 1]);
      case Op.CATEGORY: return category(code[pc + 1], c);
      case Op.IN: return this.inCharset(pc + 2, c);
      case Op.IN_IGNORE: return this.inCharset(pc + 2, asciiLower(c));
      case Op.IN_UNI_IGNORE: return this.inCharset(pc + 2, uniLower(c));
      case Op.IN_LOC_IGNORE: return this.inCharset(pc + 2, c) || this.inCharset(pc + 2, asciiLower(c)) || this.inCharset(pc + 2, asciiUpper(c));
    }
    return false;
  }

  /** How many times (up to `max`) the single-character op at `pc` matches from `pos`. */
  countRepeats(pc: number, pos: number, max: number): number {
    const limit = Math.min(this.end, max === MAXREPEAT ? this.end : pos + max);
    let p = pos;
    const code = this.code;
    const s = this.s;
    switch (code[pc]) {
      case Op.ANY_ALL:
        return limit - pos;
      case Op.ANY:
        while (p < limit && s[p] !== 10) p++;
        return p - pos;
      case Op.LITERAL: {
        const ch = code[pc + 1];
        while (p < limit && s[p] === ch) p++;
        return p - pos;
      }
      case Op.NOT_LITERAL: {
        const ch = code[pc + 1];
        while (p < limit && s[p] !== ch) p++;
        return p - pos;
      }
    }
    while (p < limit && this.matchOne(pc, p)) p++;
    return p - pos;
  }

  at(kind: number, pos: number): boolean {
    const s = this.s;
    const end = this.end;
    switch (kind) {
      case At.BEGINNING: case At.BEGINNING_STRING: return pos === 0;
      case At.BEGINNING_LINE: return pos === 0 || s[pos - 1] === 10;
      case At.END: return pos === end || (pos + 1 === end && s[pos] === 10);
      case At.END_LINE: return pos === end || s[pos] === 10;
      case At.END_STRING: return pos === end;
      case At.BOUNDARY: case At.LOC_BOUNDARY: case At.NON_BOUNDARY: case At.LOC_NON_BOUNDARY: {
        if (end === 0) return false;
        const that = pos > 0 ? isAsciiWord(s[pos - 1]) : false;
        const here = pos < end ? isAsciiWord(s[pos]) : false;
        return kind === At.BOUNDARY || kind === At.LOC_BOUNDARY ? here !== that : here === that;
      }
      case At.UNI_BOUNDARY: case At.UNI_NON_BOUNDARY: {
        if (end === 0) return false;
        const that = pos > 0 ? isUniWord(s[pos - 1]) : false;
        const here = pos < end ? isUniWord(s[pos]) : false;
        return kind === At.UNI_BOUNDARY ? here !== that : here === that;
      }
    }
    return false;
  }

  groupEquals(g: number, pos: number, fold: (c: number) => number): number {
    const a = this.marks[2 * g], b = this.marks[2 * g + 1];
    if (a < 0 || b < 0 || b < a) return -1;
    const n = b - a;
    if (pos + n > this.end) return -1;
    for (let i = 0; i < n; i++) if (fold(this.s[a + i]) !== fold(this.s[pos + i])) return -1;
    return pos + n;
  }

  /** Matches the code from `pc` at `pos`, then calls `k` with the end position. */
  m(pc: number, pos: number, k: Cont): boolean {
    const code = this.code;
    const s = this.s;
    const end = this.end;
    if ((++this.steps & 0xfff) === 0) checkStack();
    for (;;) {
      switch (code[pc]) {
        case Op.FAILURE:
          return false;
        case Op.SUCCESS:
          return k(pos);
        case Op.ANY:
          if (pos >= end || s[pos] === 10) return false;
          pos++;
          pc++;
          break;
        case Op.ANY_ALL:
          if (pos >= end) return false;
          pos++;
          pc++;
          break;
        case Op.LITERAL: case Op.NOT_LITERAL: case Op.LITERAL_IGNORE: case Op.NOT_LITERAL_IGNORE:
        case Op.LITERAL_UNI_IGNORE: case Op.NOT_LITERAL_UNI_IGNORE: case Op.LITERAL_LOC_IGNORE:
        case Op.NOT_LITERAL_LOC_IGNORE: case Op.CATEGORY:
          if (!this.matchOne(pc, pos)) return false;
          pos++;
          pc += 2;
          break;
        case Op.IN: case Op.IN_IGNORE: case Op.IN_UNI_IGNORE: case Op.IN_LOC_IGNORE:
          if (!this.matchOne(pc, pos)) return false;
          pos++;
          pc += 1 + code[pc + 1];
          break;
        case Op.AT:
          if (!this.at(code[pc + 1], pos)) return false;
          pc += 2;
          break;
        case Op.INFO:
          if (code[pc + 3] !== 0 && end - pos < code[pc + 3]) return false;
          pc += 1 + code[pc + 1];
          break;
        case Op.JUMP:
          pc += 1 + code[pc + 1];
          break;
        case Op.MARK: {
          const i = code[pc + 1];
          const old = this.marks[i];
          const oldLast = this.lastindex;
          if ((i & 1) !== 0) this.lastindex = (i >> 1) + 1;
          this.marks[i] = pos;
          if (this.m(pc + 2, pos, k)) return true;
          this.marks[i] = old;
          this.lastindex = oldLast;
          return false;
        }
        case Op.BRANCH: {
          const oldLast = this.lastindex;
          const saved = this.repeat;
          for (let alt = pc + 1; code[alt] !== 0; alt += code[alt]) {
            const first = code[alt + 1];
            if (first === Op.LITERAL && (pos >= end || s[pos] !== code[alt + 2])) continue;
            if (this.m(alt + 1, pos, k)) return true;
            this.lastindex = oldLast;
            this.repeat = saved;
          }
          return false;
        }
        case Op.REPEAT_ONE: case Op.MIN_REPEAT_ONE: case Op.POSSESSIVE_REPEAT_ONE: {
          const min = code[pc + 2], max = code[pc + 3];
          const next = pc + 1 + code[pc + 1];
          if (pos + min > end) return false;
          if (code[pc] === Op.MIN_REPEAT_ONE) {
            let count = 0;
            while (count < min) {
              if (!this.matchOne(pc + 4, pos + count)) return false;
              count++;
            }
            for (;;) {
              if (this.m(next, pos + count, k)) return true;
              if ((max !== MAXREPEAT && count >= max) || !this.matchOne(pc + 4, pos + count)) return false;
              count++;
            }
          }
          const count = this.countRepeats(pc + 4, pos, max);
          if (count < min) return false;
          if (code[pc] === Op.POSSESSIVE_REPEAT_ONE) {
            pos += count;
            pc = next;
            break;
          }
          if (code[next] === Op.SUCCESS && !this.matchAll && !this.mustAdvance && this.repeat === null && k === this.topK) {
            return k(pos + count);
          }
          const nextLiteral = code[next] === Op.LITERAL ? code[next + 1] : -1;
          for (let c = count; c >= min; c--) {
            if (nextLiteral >= 0 && (pos + c >= end || s[pos + c] !== nextLiteral)) continue;
            if (this.m(next, pos + c, k)) return true;
          }
          return false;
        }
        case Op.REPEAT: {
          const ctx: RepeatCtx = { count: -1, lastPos: -1, pc, prev: this.repeat, next: (p) => {
            const inner = this.repeat;
            this.repeat = ctx.prev;
            if (this.m(pc + 1 + code[pc + 1] + 1, p, k)) return true;
            this.repeat = inner;
            return false;
          } };
          this.repeat = ctx;
          // The body ends with MAX_UNTIL / MIN_UNTIL, which decides about iterations.
          if (this.m(pc + 1 + code[pc + 1], pos, k)) return true;
          this.repeat = ctx.prev;
          return false;
        }
        case Op.MAX_UNTIL: case Op.MIN_UNTIL: {
          const ctx = this.repeat;
          if (ctx === null) throw newException(RuntimeError, "internal error in regular expression engine");
          const rpc = ctx.pc;
          const min = code[rpc + 2], max = code[rpc + 3];
          const body = rpc + 4;
          const count = ctx.count + 1;
          const savedCount = ctx.count, savedLast = ctx.lastPos;
          const iterate = (): boolean => {
            ctx.count = count;
            ctx.lastPos = pos;
            if (this.m(body, pos, k)) return true;
            ctx.count = savedCount;
            ctx.lastPos = savedLast;
            return false;
          };
          if (count < min) return iterate();
          if (code[pc] === Op.MAX_UNTIL) {
            if ((max === MAXREPEAT || count < max) && pos !== ctx.lastPos) {
              const oldLast = this.lastindex;
              if (iterate()) return true;
              this.lastindex = oldLast;
            }
            return ctx.next(pos);
          }
          const oldLast = this.lastindex;
          if (ctx.next(pos)) return true;
          this.lastindex = oldLast;
          if ((max === MAXREPEAT || count < max) && pos !== ctx.lastPos) return iterate();
          return false;
        }
        case Op.POSSESSIVE_REPEAT: {
          const min = code[pc + 2], max = code[pc + 3];
          let count = 0;
          let p = pos;
          const saved = this.repeat;
          this.repeat = null;
          while (max === MAXREPEAT || count < max) {
            let got = -1;
            if (!this.m(pc + 4, p, (e) => { got = e; return true; })) break;
            count++;
            if (got === p) break;
            p = got;
          }
          this.repeat = saved;
          if (count < min) return false;
          pos = p;
          pc += 1 + code[pc + 1] + 1;
          break;
        }
        case Op.ATOMIC_GROUP: {
          let got = -1;
          const saved = this.repeat;
          this.repeat = null;
          const ok = this.m(pc + 2, pos, (e) => { got = e; return true; });
          this.repeat = saved;
          if (!ok) return false;
          pos = got;
          pc += 1 + code[pc + 1];
          break;
        }
        case Op.ASSERT: case Op.ASSERT_NOT: {
          const back = code[pc + 2];
          const p = pos - back;
          const saved = this.repeat;
          this.repeat = null;
          const marksBefore = this.marks.slice();
          const lastBefore = this.lastindex;
          const ok = p >= 0 && this.m(pc + 3, p, () => true);
          this.repeat = saved;
          if (code[pc] === Op.ASSERT_NOT) {
            this.marks = marksBefore;
            this.lastindex = lastBefore;
            if (ok) return false;
          } else {
            if (!ok) return false;
            if (this.m(pc + 1 + code[pc + 1], pos, k)) return true;
            this.marks = marksBefore;
            this.lastindex = lastBefore;
            return false;
          }
          pc += 1 + code[pc + 1];
          break;
        }
        case Op.GROUPREF: case Op.GROUPREF_IGNORE: case Op.GROUPREF_UNI_IGNORE: case Op.GROUPREF_LOC_IGNORE: {
          const fold = code[pc] === Op.GROUPREF ? (c: number) => c : code[pc] === Op.GROUPREF_UNI_IGNORE ? uniLower : asciiLower;
          const e = this.groupEquals(code[pc + 1], pos, fold);
          if (e < 0) return false;
          pos = e;
          pc += 2;
          break;
        }
        case Op.GROUPREF_EXISTS: {
          const g = code[pc + 1];
          const a = this.marks[2 * g], b = this.marks[2 * g + 1];
          if (a >= 0 && b >= 0 && a <= b) pc += 3;
          else pc += 1 + code[pc + 2];
          break;
        }
        default:
          throw newException(RuntimeError, `internal error in regular expression engine (opcode ${code[pc]})`);
      }
    }
  }

  topK: Cont = (p) => {
    if (this.matchAll && p !== this.end) return false;
    if (this.mustAdvance && p === this.matchStart) return false;
    this.matchEnd = p;
    return true;
  };

  /** Tries a match starting exactly at `pos`. */
  matchAt(pos: number): boolean {
    this.reset();
    this.matchStart = pos;
    return this.m(0, pos, this.topK);
  }

  /** Finds the first match at or after `pos`; sets matchStart/matchEnd. */
  search(pos: number): boolean {
    const code = this.code;
    // A literal first character (after INFO): skip positions that cannot start a match.
    let first = 0;
    if (code[0] === Op.INFO) {
      if ((code[2] & SRE_INFO_PREFIX) !== 0 && code[5] > 0) first = code[7];
      else first = -1;
      const body = 1 + code[1];
      if (first < 0 && code[body] === Op.LITERAL) first = code[body + 1];
    } else {
      first = code[0] === Op.LITERAL ? code[1] : -1;
    }
    const min = code[0] === Op.INFO ? code[3] : 0;
    const s = this.s;
    for (let p = pos; p <= this.end; p++) {
      if (this.end - p < min) return false;
      if (first >= 0 && (p >= this.end || s[p] !== first)) continue;
      if (this.matchAt(p)) {
        this.matchStart = p;
        return true;
      }
      this.mustAdvance = false;
    }
    return false;
  }
}

let stackProbe = 0;
function checkStack(): void {
  stackProbe++;
}

// ---- objects ----

type Subject = { codes: Int32Array | Uint8Array; isBytes: boolean; str: PyObj };

function subjectOf(v: PyObj, pattern: PyPattern): Subject {
  if (typeof v === "string") {
    if (pattern.isBytes) throw typeError("cannot use a bytes pattern on a string-like object");
    const codes = new Int32Array(v.length);
    let n = 0;
    for (const ch of v) codes[n++] = ch.codePointAt(0)!;
    return { codes: n === v.length ? codes : codes.subarray(0, n), isBytes: false, str: v };
  }
  if (v instanceof PyBytes) {
    if (!pattern.isBytes) throw typeError("cannot use a string pattern on a bytes-like object");
    return { codes: v.bytes, isBytes: true, str: v };
  }
  if (v instanceof PyObject && typeof (v as { value?: unknown }).value === "string") {
    return subjectOf((v as unknown as { value: string }).value, pattern);
  }
  throw typeError(`expected string or bytes-like object, got '${typeOf(v).name}'`);
}

function sliceSubject(sub: Subject, a: number, b: number): PyObj {
  if (sub.isBytes) return new PyBytes((sub.codes as Uint8Array).slice(a, b));
  let out = "";
  const c = sub.codes;
  for (let i = a; i < b; i += 4096) out += String.fromCodePoint(...c.subarray(i, Math.min(b, i + 4096)));
  return out;
}

export class PyPattern extends PyObject {
  declare pattern: PyObj;
  declare flags: number;
  declare code: Uint32Array;
  declare groups: number;
  declare groupindex: PyDict;
  declare indexgroup: PyObj[];
  declare isBytes: boolean;
}

export class PyMatch extends PyObject {
  declare pattern: PyPattern;
  declare subject: Subject;
  declare marks: number[]; // [start0, end0, start1, end1, ...], -1 when unset
  declare pos: number;
  declare endpos: number;
  declare lastindex: number;
}

class PyScanner extends PyObject {
  declare pattern: PyPattern;
  declare subject: Subject;
  declare state: MatchState;
  declare pos: number;
  declare mustAdvance: boolean;
  declare done: boolean;
}

class PyTemplate extends PyObject {
  declare chunks: PyObj[]; // literal (str/bytes/None), then (group index, literal) pairs
}

let interpRef: Interpreter | null = null;
let patternType: PyType;
let matchType: PyType;
let scannerType: PyType;
let templateType: PyType;

function posArgs(sub: Subject, posObj: PyObj | null, endObj: PyObj | null): [number, number] {
  const n = sub.codes.length;
  let pos = posObj === null ? 0 : indexAsNumber(posObj);
  let endpos = endObj === null ? n : indexAsNumber(endObj);
  if (pos < 0) pos = 0;
  if (pos > n) pos = n;
  if (endpos < 0) endpos = 0;
  if (endpos > n) endpos = n;
  return [pos, endpos];
}

function newState(p: PyPattern, sub: Subject, pos: number, endpos: number): MatchState {
  return new MatchState(p.code, sub.codes, pos, Math.max(pos, endpos), p.groups + 1);
}

function runGuarded<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof RangeError) throw newException(RecursionError, "maximum recursion limit exceeded");
    throw e;
  }
}

function makeMatch(p: PyPattern, sub: Subject, st: MatchState, pos: number, endpos: number): PyMatch {
  const mo = new PyMatch(matchType);
  mo.pattern = p;
  mo.subject = sub;
  const marks = st.marks.slice();
  marks[0] = st.matchStart;
  marks[1] = st.matchEnd;
  for (let g = 1; g <= p.groups; g++) {
    const a = st.marks[2 * (g - 1)], b = st.marks[2 * (g - 1) + 1];
    if (a < 0 || b < 0 || a > b) {
      marks[2 * g] = -1;
      marks[2 * g + 1] = -1;
    } else {
      marks[2 * g] = a;
      marks[2 * g + 1] = b;
    }
  }
  marks.length = 2 * (p.groups + 1);
  mo.marks = marks;
  mo.pos = pos;
  mo.endpos = endpos;
  mo.lastindex = st.lastindex;
  return mo;
}

function doMatch(p: PyPattern, args: PyObj[], kw: KwNames, fname: string, mode: "match" | "fullmatch" | "search"): PyObj {
  const [s, posObj, endObj] = bindArgs(fname, args, kw, ["string", "pos", "endpos"], 1);
  const sub = subjectOf(s!, p);
  const [pos, endpos] = posArgs(sub, posObj, endObj);
  if (endpos < pos) return None;
  const st = newState(p, sub, pos, endpos);
  st.matchAll = mode === "fullmatch";
  const ok = runGuarded(() => (mode === "search" ? st.search(pos) : st.matchAt(pos)));
  return ok ? makeMatch(p, sub, st, pos, endpos) : None;
}

function groupIndex(mo: PyMatch, g: PyObj): number {
  let i = -1;
  if (typeof g === "number" || typeof g === "boolean") i = Number(g);
  else if (typeof g === "bigint") i = -1;
  else if (typeof g === "string" || g instanceof PyObject) {
    if (typeof g !== "string" && typeOf(g).lookup("__index__") !== null) i = indexAsNumber(g);
    else {
      const v = mo.pattern.groupindex.get(g) ?? null;
      if (v !== null && typeof v === "number") i = v;
      else throw indexError("no such group");
    }
  }
  if (i < 0 || i > mo.pattern.groups) throw indexError("no such group");
  return i;
}

function groupValue(mo: PyMatch, i: number, dflt: PyObj): PyObj {
  const a = mo.marks[2 * i], b = mo.marks[2 * i + 1];
  if (a < 0) return dflt;
  return sliceSubject(mo.subject, a, b);
}

function emptyOf(sub: Subject): PyObj {
  return sub.isBytes ? new PyBytes(new Uint8Array(0)) : "";
}

function joinParts(sub: Subject, parts: PyObj[]): PyObj {
  if (!sub.isBytes) return parts.join("");
  let n = 0;
  for (const x of parts) n += (x as PyBytes).bytes.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const x of parts) {
    out.set((x as PyBytes).bytes, at);
    at += (x as PyBytes).bytes.length;
  }
  return new PyBytes(out);
}

function compileTemplate(p: PyPattern, repl: PyObj): PyTemplate {
  const re = interpRef!.importModule("re", None, None, 0);
  const t = call(getAttr(re, "_compile_template"), [p, repl]);
  if (!(t instanceof PyTemplate)) throw typeError("expected a template");
  return t;
}

function expandTemplate(t: PyTemplate, mo: PyMatch): PyObj {
  const parts: PyObj[] = [];
  const lit0 = t.chunks[0];
  if (lit0 !== None) parts.push(lit0);
  for (let i = 1; i < t.chunks.length; i += 2) {
    const g = t.chunks[i] as number;
    if (g > mo.pattern.groups) throw indexError("invalid group reference " + g);
    const v = groupValue(mo, g, None);
    if (v !== None) parts.push(v);
    const lit = t.chunks[i + 1];
    if (lit !== None) parts.push(lit);
  }
  return joinParts(mo.subject, parts.map((x) => (typeof x === "string" || x instanceof PyBytes ? x : mo.subject.isBytes ? x : String(x))));
}

function subImpl(p: PyPattern, args: PyObj[], kw: KwNames, fname: string, withCount: boolean): PyObj {
  const [repl, s, countObj] = bindArgs(fname, args, kw, ["repl", "string", "count"], 2);
  const sub = subjectOf(s!, p);
  const count = countObj === null ? 0 : indexAsNumber(countObj);
  let literal: PyObj | null = null;
  let template: PyTemplate | null = null;
  let filter: PyObj | null = null;
  if (typeof repl === "string" || repl instanceof PyBytes) {
    const hasBackslash = typeof repl === "string" ? repl.includes("\\") : repl!.bytes.includes(92);
    if (hasBackslash) template = compileTemplate(p, repl!);
    else literal = repl!;
  } else if (repl instanceof PyTemplate) {
    template = repl;
  } else {
    filter = repl!;
  }
  const st = newState(p, sub, 0, sub.codes.length);
  const parts: PyObj[] = [];
  let n = 0;
  let last = 0;
  let pos = 0;
  while (count === 0 || n < count) {
    if (pos > sub.codes.length) break;
    const found = runGuarded(() => st.search(pos));
    if (!found) break;
    const a = st.matchStart, b = st.matchEnd;
    if (last < a) parts.push(sliceSubject(sub, last, a));
    if (literal !== null) parts.push(literal);
    else {
      const mo = makeMatch(p, sub, st, 0, sub.codes.length);
      const r = template !== null ? expandTemplate(template, mo) : call(filter!, [mo]);
      if (r !== None) {
        if (sub.isBytes ? !(r instanceof PyBytes) : typeof r !== "string") {
          throw typeError(`expected ${sub.isBytes ? "a bytes-like object" : "str instance"}, ${typeOf(r).name} found`);
        }
        parts.push(r);
      }
    }
    n++;
    last = b;
    st.mustAdvance = a === b;
    pos = b;
  }
  if (last < sub.codes.length) parts.push(sliceSubject(sub, last, sub.codes.length));
  const out = joinParts(sub, parts.filter((x) => (typeof x === "string" ? true : (x as PyBytes).bytes !== undefined)));
  const result = n === 0 && typeof s === "string" ? s : out;
  return withCount ? newTuple([result, n]) : result;
}

const FLAG_NAMES: [number, string][] = [
  [SRE_FLAG_IGNORECASE, "re.IGNORECASE"], [SRE_FLAG_LOCALE, "re.LOCALE"], [SRE_FLAG_MULTILINE, "re.MULTILINE"],
  [SRE_FLAG_DOTALL, "re.DOTALL"], [SRE_FLAG_UNICODE, "re.UNICODE"], [SRE_FLAG_VERBOSE, "re.VERBOSE"],
  [SRE_FLAG_DEBUG, "re.DEBUG"], [SRE_FLAG_ASCII, "re.ASCII"],
];

function patternRepr(p: PyPattern): string {
  let flags = p.flags;
  if (!p.isBytes && (flags & (SRE_FLAG_LOCALE | SRE_FLAG_UNICODE | SRE_FLAG_ASCII)) === SRE_FLAG_UNICODE) flags &= ~SRE_FLAG_UNICODE;
  let text = repr(p.pattern);
  if (text.length > 200) text = text.slice(0, 200);
  if (flags === 0) return `re.compile(${text})`;
  const names: string[] = [];
  for (const [bit, name] of FLAG_NAMES) {
    if ((flags & bit) !== 0) {
      names.push(name);
      flags &= ~bit;
    }
  }
  if (flags !== 0) names.push("0x" + flags.toString(16));
  return `re.compile(${text}, ${names.join("|")})`;
}

function installPattern(t: PyType): void {
  const P = (o: PyObj) => o as PyPattern;
  defineMethod(t, "match", (o, a, kw) => doMatch(P(o), a, kw, "match", "match"));
  defineMethod(t, "fullmatch", (o, a, kw) => doMatch(P(o), a, kw, "fullmatch", "fullmatch"));
  defineMethod(t, "search", (o, a, kw) => doMatch(P(o), a, kw, "search", "search"));
  defineMethod(t, "findall", (o, a, kw) => {
    const p = P(o);
    const [s, posObj, endObj] = bindArgs("findall", a, kw, ["string", "pos", "endpos"], 1);
    const sub = subjectOf(s!, p);
    const [pos0, endpos] = posArgs(sub, posObj, endObj);
    const st = newState(p, sub, pos0, endpos);
    const out: PyObj[] = [];
    let pos = pos0;
    while (pos <= st.end) {
      if (!runGuarded(() => st.search(pos))) break;
      const mo = makeMatch(p, sub, st, pos0, endpos);
      const empty = emptyOf(sub);
      if (p.groups === 0) out.push(groupValue(mo, 0, empty));
      else if (p.groups === 1) out.push(groupValue(mo, 1, empty));
      else {
        const items: PyObj[] = [];
        for (let g = 1; g <= p.groups; g++) items.push(groupValue(mo, g, empty));
        out.push(newTuple(items));
      }
      st.mustAdvance = st.matchEnd === st.matchStart;
      pos = st.matchEnd;
    }
    return new PyList(out);
  });
  const makeScanner = (o: PyObj, a: PyObj[], kw: KwNames, fname: string): PyScanner => {
    const p = P(o);
    const [s, posObj, endObj] = bindArgs(fname, a, kw, ["string", "pos", "endpos"], 1);
    const sub = subjectOf(s!, p);
    const [pos, endpos] = posArgs(sub, posObj, endObj);
    const sc = new PyScanner(scannerType);
    sc.pattern = p;
    sc.subject = sub;
    sc.state = newState(p, sub, pos, endpos);
    sc.pos = pos;
    sc.mustAdvance = false;
    sc.done = endpos < pos;
    return sc;
  };
  defineMethod(t, "scanner", (o, a, kw) => makeScanner(o, a, kw, "scanner"));
  defineMethod(t, "split", (o, a, kw) => {
    const p = P(o);
    const [s, maxObj] = bindArgs("split", a, kw, ["string", "maxsplit"], 1);
    const sub = subjectOf(s!, p);
    const maxsplit = maxObj === null ? 0 : indexAsNumber(maxObj);
    const st = newState(p, sub, 0, sub.codes.length);
    const out: PyObj[] = [];
    let last = 0;
    let n = 0;
    let pos = 0;
    while (maxsplit === 0 || n < maxsplit) {
      if (pos > sub.codes.length) break;
      if (!runGuarded(() => st.search(pos))) break;
      const mo = makeMatch(p, sub, st, 0, sub.codes.length);
      out.push(sliceSubject(sub, last, st.matchStart));
      for (let g = 1; g <= p.groups; g++) out.push(groupValue(mo, g, None));
      n++;
      last = st.matchEnd;
      st.mustAdvance = st.matchEnd === st.matchStart;
      pos = st.matchEnd;
    }
    out.push(sliceSubject(sub, last, sub.codes.length));
    return new PyList(out);
  });
  defineMethod(t, "sub", (o, a, kw) => subImpl(P(o), a, kw, "sub", false));
  defineMethod(t, "subn", (o, a, kw) => subImpl(P(o), a, kw, "subn", true));
  defineMethod(t, "__copy__", (o) => o);
  defineMethod(t, "__deepcopy__", (o) => o);
  defineMethod(t, "_fail_after", () => None);
  defineGetSet(t, "pattern", (o) => P(o).pattern);
  defineGetSet(t, "flags", (o) => P(o).flags);
  defineGetSet(t, "groups", (o) => P(o).groups);
  defineGetSet(t, "groupindex", (o) => {
    const d = new PyDict();
    for (const k of P(o).groupindex.keys()) d.set(k, P(o).groupindex.get(k)!);
    return mappingProxy(d);
  });
  t.tp_repr = (o) => patternRepr(P(o));
  t.tp_hash = (o) => (hash(P(o).pattern) ^ P(o).flags ^ P(o).code.length) | 0;
  t.tp_richcompare = (a, b, op) => {
    if ((op !== 2 && op !== 3) || !(b instanceof PyPattern)) return NotImplemented;
    const p = a as PyPattern, q = b;
    const same = p === q || (p.flags === q.flags && p.isBytes === q.isBytes && p.code.length === q.code.length &&
      p.code.every((v, i) => v === q.code[i]) && eq(p.pattern, q.pattern));
    return op === 2 ? same : !same;
  };
}

let mappingProxyFn: ((d: PyDict) => PyObj) | null = null;
function mappingProxy(d: PyDict): PyObj {
  if (mappingProxyFn === null) {
    const types = interpRef!.importModule("types", None, None, 0);
    const mp = getAttr(types, "MappingProxyType");
    mappingProxyFn = (x) => call(mp, [x]);
  }
  return mappingProxyFn(d);
}

function scannerStep(sc: PyScanner, mode: "match" | "search"): PyObj {
  if (sc.done) return None;
  const st = sc.state;
  if (sc.pos > st.end) {
    sc.done = true;
    return None;
  }
  st.mustAdvance = sc.mustAdvance;
  const ok = runGuarded(() => (mode === "search" ? st.search(sc.pos) : st.matchAt(sc.pos)));
  if (!ok) {
    sc.done = true;
    return None;
  }
  const mo = makeMatch(sc.pattern, sc.subject, st, st.start, st.end);
  sc.mustAdvance = st.matchEnd === st.matchStart;
  sc.pos = st.matchEnd;
  return mo;
}

function installMatch(t: PyType): void {
  const M = (o: PyObj) => o as PyMatch;
  defineMethod(t, "group", (o, a) => {
    const mo = M(o);
    if (a.length === 0) return groupValue(mo, 0, None);
    if (a.length === 1) return groupValue(mo, groupIndex(mo, a[0]), None);
    return newTuple(a.map((g) => groupValue(mo, groupIndex(mo, g), None)));
  });
  t.mp_subscript = (o, g) => groupValue(M(o), groupIndex(M(o), g), None);
  defineMethod(t, "groups", (o, a, kw) => {
    const [d] = bindArgs("groups", a, kw, ["default"]);
    const mo = M(o);
    const out: PyObj[] = [];
    for (let g = 1; g <= mo.pattern.groups; g++) out.push(groupValue(mo, g, d ?? None));
    return newTuple(out);
  });
  defineMethod(t, "groupdict", (o, a, kw) => {
    const [d] = bindArgs("groupdict", a, kw, ["default"]);
    const mo = M(o);
    const out = new PyDict();
    for (const k of mo.pattern.groupindex.keys()) {
      out.set(k, groupValue(mo, groupIndex(mo, k), d ?? None));
    }
    return out;
  });
  const bound = (o: PyObj, a: PyObj[], which: 0 | 1 | 2): PyObj => {
    const mo = M(o);
    const g = a.length === 0 ? 0 : groupIndex(mo, a[0]);
    const s = mo.marks[2 * g], e = mo.marks[2 * g + 1];
    if (which === 0) return s;
    if (which === 1) return e;
    return newTuple([s, e]);
  };
  defineMethod(t, "start", (o, a) => bound(o, a, 0));
  defineMethod(t, "end", (o, a) => bound(o, a, 1));
  defineMethod(t, "span", (o, a) => bound(o, a, 2));
  defineMethod(t, "expand", (o, a) => expandTemplate(compileTemplate(M(o).pattern, a[0]), M(o)));
  defineMethod(t, "__copy__", (o) => o);
  defineMethod(t, "__deepcopy__", (o) => o);
  defineGetSet(t, "string", (o) => M(o).subject.str);
  defineGetSet(t, "re", (o) => M(o).pattern);
  defineGetSet(t, "pos", (o) => M(o).pos);
  defineGetSet(t, "endpos", (o) => M(o).endpos);
  defineGetSet(t, "lastindex", (o) => (M(o).lastindex < 0 ? None : M(o).lastindex));
  defineGetSet(t, "lastgroup", (o) => {
    const mo = M(o);
    if (mo.lastindex < 0) return None;
    const name = mo.pattern.indexgroup[mo.lastindex];
    return name === undefined ? None : name;
  });
  defineGetSet(t, "regs", (o) => {
    const mo = M(o);
    const out: PyObj[] = [];
    for (let g = 0; g <= mo.pattern.groups; g++) out.push(newTuple([mo.marks[2 * g], mo.marks[2 * g + 1]]));
    return newTuple(out);
  });
  t.nb_bool = () => true;
  t.tp_repr = (o) => {
    const mo = M(o);
    return `<re.Match object; span=(${mo.marks[0]}, ${mo.marks[1]}), match=${repr(groupValue(mo, 0, None))}>`;
  };
}

export function makeSreModule(interp: Interpreter): PyModule {
  interpRef = interp;
  if (patternType === undefined) {
    patternType = nativeType("re", "Pattern", installPattern);
    matchType = nativeType("re", "Match", installMatch);
    scannerType = nativeType("_sre", "SRE_Scanner", (t) => {
      defineMethod(t, "match", (o) => scannerStep(o as PyScanner, "match"));
      defineMethod(t, "search", (o) => scannerStep(o as PyScanner, "search"));
      defineGetSet(t, "pattern", (o) => (o as PyScanner).pattern);
    });
    templateType = nativeType("_sre", "SRE_Template", () => {});
    // finditer is iter(scanner.search, None), as CPython's.
    defineMethod(patternType, "finditer", (o, a, kw) => {
      const sc = new PyScanner(scannerType);
      const p = o as PyPattern;
      const [s, posObj, endObj] = bindArgs("finditer", a, kw, ["string", "pos", "endpos"], 1);
      const sub = subjectOf(s!, p);
      const [pos, endpos] = posArgs(sub, posObj, endObj);
      sc.pattern = p;
      sc.subject = sub;
      sc.state = newState(p, sub, pos, endpos);
      sc.pos = pos;
      sc.mustAdvance = false;
      sc.done = endpos < pos;
      return call(interpRef!.builtins.getStr("iter")!, [getAttr(sc, "search"), None]);
    });
  }
  const m = new PyModule("_sre");
  m.dict.setStr("MAGIC", MAGIC);
  m.dict.setStr("CODESIZE", 4);
  m.dict.setStr("MAXREPEAT", MAXREPEAT);
  m.dict.setStr("MAXGROUPS", Math.floor(MAXGROUPS));
  m.dict.setStr("copyright", " SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ");
  defModuleFn(m, "getcodesize", () => 4);
  defModuleFn(m, "ascii_iscased", (a) => {
    const c = indexAsNumber(a[0]);
    return c < 128 && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122));
  });
  defModuleFn(m, "unicode_iscased", (a) => {
    const c = indexAsNumber(a[0]);
    return c !== uniLower(c) || c !== uniUpper(c);
  });
  defModuleFn(m, "ascii_tolower", (a) => asciiLower(indexAsNumber(a[0])));
  defModuleFn(m, "unicode_tolower", (a) => uniLower(indexAsNumber(a[0])));
  defModuleFn(m, "compile", (a, kw) => {
    const [pattern, flags, code, groups, groupindex, indexgroup] = bindArgs("compile", a, kw, ["pattern", "flags", "code", "groups", "groupindex", "indexgroup"], 6);
    const p = new PyPattern(patternType);
    p.pattern = pattern!;
    p.flags = indexAsNumber(flags!);
    const items = toArray(code!);
    const arr = new Uint32Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const v = items[i];
      arr[i] = typeof v === "number" ? v >>> 0 : Number(BigInt.asUintN(32, typeof v === "bigint" ? v : BigInt(indexAsNumber(v))));
    }
    p.code = arr;
    p.groups = indexAsNumber(groups!);
    p.groupindex = groupindex instanceof PyDict ? groupindex : new PyDict();
    p.indexgroup = toArray(indexgroup!);
    p.isBytes = pattern !== None && typeof pattern !== "string" && !(pattern instanceof PyObject && typeOf(pattern).lookup("encode") !== null);
    return p;
  });
  defModuleFn(m, "template", (a) => {
    const t = new PyTemplate(templateType);
    const items = toArray(a[1]);
    t.chunks = items.map((x, i) => (i % 2 === 1 ? indexAsNumber(x) : x));
    for (let i = 1; i < t.chunks.length; i += 2) {
      if ((t.chunks[i] as number) < 0) throw typeError("invalid template");
    }
    return t;
  });
  void PyTuple;
  void isTrue;
  return m;
}
