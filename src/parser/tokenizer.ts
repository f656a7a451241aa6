// The tokenizer: Python source text -> an array of tokens, as CPython 3.13's
// Parser/lexer.c produces them for the parser (no COMMENT/NL tokens; f-strings split
// into FSTRING_START / FSTRING_MIDDLE / FSTRING_END with the replacement fields'
// tokens in between, as PEP 701 defines).
//
// Input: the decoded source (see source.ts), with "\r\n" and "\r" already turned into
// "\n". Positions: lineno 1-based; col/endCol are UTF-8 byte offsets in the line (as
// CPython's AST counts them); start/end are offsets into the JS string.
//
// The whole file is tokenized before parsing, but errors stay lazy as in CPython: the
// tokenizer stops at its first error with an ERRORTOKEN, and the parser raises that
// error only when it reaches the token (an earlier parser error wins). End of input
// inside brackets is such an error ("'(' was never closed").
import { CompileError, type CompileErrorKind, type CompileWarning } from "../ast/compileError.js";

export const enum T {
  ENDMARKER = 0,
  NAME = 1,
  NUMBER = 2,
  STRING = 3,
  NEWLINE = 4,
  INDENT = 5,
  DEDENT = 6,
  OP = 7,
  FSTRING_START = 8,
  FSTRING_MIDDLE = 9,
  FSTRING_END = 10,
  /** The tokenizer stopped here with `Tokenizer.error`. */
  ERRORTOKEN = 11,
}

/** A warning of the tokenizer or parser; `start` (a source offset) orders them as CPython gives them. */
export interface ParseWarning extends CompileWarning {
  start: number;
}

export class Token {
  constructor(
    public type: T,
    /** NAME/OP/NUMBER: the text; STRING, FSTRING_*: the source text of the token. */
    public string: string,
    public start: number,
    public end: number,
    public lineno: number,
    public col: number,
    public endLineno: number,
    public endCol: number,
  ) {}
}


const OPERATORS3 = new Set(["**=", "//=", ">>=", "<<=", "...", "!=="]);
const OPERATORS2 = new Set([
  "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=", "<<", "<=", "<>",
  "==", ">=", ">>", "@=", "^=", "|=",
]);
const OPERATORS1 = "!%&()*+,-./:;<=>@[]^{|}~";

// Unicode-property patterns, made on first use: only non-ASCII names and invalid
// characters need them, and making them is a fraction of a millisecond of every start-up.
let idStartRe: RegExp | null = null;
let idContinueRe: RegExp | null = null;
let printableRe: RegExp | null = null;
const isIdStart = (ch: string): boolean => (idStartRe ??= /^[\p{ID_Start}_\u1885\u1886\u2118\u212e\u309b\u309c]$/u).test(ch);
const isIdContinue = (ch: string): boolean => (idContinueRe ??= /^[\p{ID_Continue}\u00b7\u0387\u1369-\u1371\u19da\u1885\u1886\u2118\u212e\u309b\u309c]$/u).test(ch);
const isPrintable = (ch: string): boolean => (printableRe ??= /^[^\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u).test(ch);

// f-string nesting: one entry per open f-string.
const enum FMode {
  Literal = 0, // reading literal text
  Expr = 1, // inside a replacement field's expression
  Spec = 2, // reading a format spec's literal text
}
interface FStringState {
  quote: number;
  triple: boolean;
  raw: boolean;
  /** Modes of the nested replacement fields; the last is the current one. */
  modes: FMode[];
  /** For each Expr/Spec mode: the bracket depth just inside its '{'. */
  levels: number[];
  startLine: number;
  startCol: number; // character column of the f-string's start
  parenBase: number; // bracket depth outside the f-string
}

function isAsciiIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isAsciiIdChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

export function utf8Length(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

export class Tokenizer {
  readonly tokens: Token[] = [];
  /** Character offset where each line starts (index 0 = line 1). */
  readonly lineStarts: number[] = [0];
  private readonly ascii: boolean;
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private atLineStart = true;
  private readonly indents: number[] = [0];
  private readonly altIndents: number[] = [0];
  private readonly parens: { ch: number; line: number; col: number }[] = [];
  private readonly fstrings: FStringState[] = [];
  /** Where a comment started on the current line (-1: none). */
  private commentStart = -1;
  /** SyntaxWarnings of the tokenizer ("invalid decimal literal" before a keyword, "\\{" in an f-string). */
  readonly warnings: ParseWarning[] = [];
  /** The error at the final ERRORTOKEN, if the tokenizer stopped early. */
  stopError: CompileError | null = null;
  /** The tokenizer was inside an f-string when it stopped (CPython then prefers its error). */
  errorInFString = false;
  /**
   * The stop is one of CPython's tokenizer error codes (indentation, tabs, line
   * continuation, end of input) rather than a SyntaxError it raises itself.
   */
  stopIsErrorCode = false;
  /** For end of input inside brackets: the line of the innermost open bracket, else -1. */
  eofInBracketLine = -1;

  constructor(readonly src: string, readonly filename: string) {
    // eslint-disable-next-line no-control-regex
    this.ascii = !/[^\x00-\x7f]/.test(src);
  }

  /** The byte column of character offset `pos`, which lies on the line starting at `lineStart`. */
  byteCol(lineStart: number, pos: number): number {
    if (this.ascii) return pos - lineStart;
    return utf8Length(this.src, lineStart, pos);
  }

  lineText(lineno: number): string {
    const start = this.lineStarts[lineno - 1] ?? this.src.length;
    let end = this.src.indexOf("\n", start);
    // CPython's text has the newline it adds at the end of the input.
    if (end < 0) return this.src.slice(start) + "\n";
    return this.src.slice(start, end + 1);
  }

  error(message: string, lineno: number, col: number, endLineno = lineno, endCol = col + 1, kind: CompileErrorKind = "SyntaxError"): never {
    // CPython reports character offsets, 1-based.
    throw new CompileError(kind, message, this.filename, lineno, col + 1, endLineno, endCol + 1, this.lineText(lineno));
  }

  /**
   * CPython's tokenizer syntax error: offset and end offset are both the number of
   * characters before the cursor (`this.pos`), which callers place as CPython does.
   */
  private errorHere(message: string): never {
    const col = this.pos - this.lineStart;
    this.lexerError(message, this.line, col, this.line, col);
  }

  /**
   * A SyntaxError the lexer raises itself (CPython's _syntaxerror_range): its text is the
   * line without its newline, unlike the errors the parser reports for the lexer.
   */
  private lexerError(message: string, lineno: number, offset: number, endLineno: number, endOffset: number): never {
    throw new CompileError("SyntaxError", message, this.filename, lineno, offset, endLineno, endOffset, this.lexerErrorText(lineno));
  }

  private lexerErrorText(lineno: number): string {
    const text = this.lineText(lineno);
    return text.endsWith("\n") ? text.slice(0, -1) : text;
  }

  /**
   * A SyntaxWarning of CPython's lexer (parser_warn): on the current line; turned into an
   * error, it is a SyntaxError whose offset and end offset are both the cursor's column `at`.
   */
  private warnHere(message: string, at: number): void {
    const col = at - this.lineStart;
    const error = new CompileError("SyntaxError", message, this.filename, this.line, col, this.line, col, this.lexerErrorText(this.line));
    this.warnings.push({ category: "SyntaxWarning", message, lineno: this.line, error, start: at });
  }

  /** An error with CPython's 1-based offsets given as they are (-1: none). */
  raw(message: string, lineno: number, offset: number, endLineno: number, endOffset: number, kind: CompileErrorKind = "SyntaxError"): never {
    throw new CompileError(kind, message, this.filename, lineno, offset, endLineno, endOffset, this.lineText(lineno));
  }

  /** The line number CPython reports in "(detected at line N)": the last line read. */
  private detectedLine(): number {
    return this.pos >= this.src.length && this.src.endsWith("\n") ? this.line - 1 : this.line;
  }

  /** The line's length in characters with its newline (CPython adds one at the end of input). */
  private lineLengthWithNewline(lineno: number): number {
    return this.lineLength(lineno) + 1;
  }

  private lineLength(lineno: number): number {
    return this.lineText(lineno).replace(/\n$/, "").length;
  }

  private newline(at: number): void {
    // `at` is the offset of a "\n" just consumed.
    this.line++;
    this.lineStart = at + 1;
    if (this.lineStarts.length < this.line) this.lineStarts.push(at + 1);
  }

  private push(type: T, string: string, start: number, end: number, startLine: number, startLineStart: number): void {
    this.tokens.push(
      new Token(type, string, start, end, startLine, this.byteCol(startLineStart, start), this.line, this.byteCol(this.lineStart, end)),
    );
  }

  tokenize(): Token[] {
    try {
      return this.scanAll();
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      this.stopWith(e);
      return this.tokens;
    }
  }

  private stopWith(e: CompileError): void {
    this.stopError = e;
    this.stopIsErrorCode = e.kind !== "SyntaxError" || e.message.startsWith("unexpected character after line continuation") ||
      e.message === "unexpected EOF while parsing" || this.eofInBracketLine >= 0;
    this.errorInFString = this.fstrings.length > 0;
    const at = Math.min(this.pos, this.src.length);
    this.tokens.push(new Token(T.ERRORTOKEN, "", at, at, this.line, 0, this.line, 0));
  }

  private scanAll(): Token[] {
    const src = this.src;
    const n = src.length;
    for (;;) {
      const fs = this.fstrings.length > 0 ? this.fstrings[this.fstrings.length - 1] : null;
      if (fs !== null && fs.modes[fs.modes.length - 1] !== FMode.Expr) {
        this.scanFStringText(fs);
        continue;
      }
      if (this.atLineStart) {
        this.atLineStart = false;
        if (this.parens.length === 0 && this.readIndentation()) continue;
      }
      // Skip blanks.
      let c = this.pos < n ? src.charCodeAt(this.pos) : -1;
      while (c === 32 || c === 9 || c === 12) {
        c = ++this.pos < n ? src.charCodeAt(this.pos) : -1;
      }
      const start = this.pos;
      if (c === -1) {
        this.finish();
        return this.tokens;
      }
      if (c === 35) {
        // '#': a comment (type comments are not needed: ast.parse is called without them).
        // CPython's NEWLINE token then starts at the comment.
        this.commentStart = this.pos;
        const e = src.indexOf("\n", this.pos);
        this.pos = e < 0 ? n : e;
        continue;
      }
      if (c === 10) {
        this.pos++;
        this.newline(start);
        const last = this.tokens.length > 0 ? this.tokens[this.tokens.length - 1].type : T.NEWLINE;
        // A logical line without tokens (a continuation line followed by a comment) has no NEWLINE.
        if (this.parens.length === 0 && last !== T.NEWLINE && last !== T.INDENT && last !== T.DEDENT) {
          const from = this.commentStart >= 0 && this.commentStart < start ? this.commentStart : start;
          const lineStart = this.lineStarts[this.line - 2];
          const t = new Token(T.NEWLINE, "", from, start + 1, this.line - 1, this.byteCol(lineStart, from), this.line - 1, this.byteCol(lineStart, start) + 1);
          this.tokens.push(t);
        }
        if (this.parens.length === 0) this.atLineStart = true;
        this.commentStart = -1;
        continue;
      }
      if (c === 92) {
        // '\\': line continuation.
        const d = this.pos + 1 < n ? src.charCodeAt(this.pos + 1) : -1;
        if (d === 10) {
          this.pos += 2;
          this.newline(start + 1);
          if (this.pos >= n) {
            this.raw("unexpected EOF while parsing", this.line - 1, this.lineLength(this.line - 1) + 1, this.line - 1, -1);
          }
          continue;
        }
        if (d === -1) {
          this.raw("unexpected EOF while parsing", this.line, this.lineLength(this.line) + 1, this.line, -1);
        }
        this.raw("unexpected character after line continuation character", this.line, this.pos + 2 - this.lineStart, this.line, 0);
      }
      if (isAsciiIdStart(c) || c >= 128) {
        this.scanNameOrString(start);
        continue;
      }
      if (isDigit(c) || (c === 46 && this.pos + 1 < n && isDigit(src.charCodeAt(this.pos + 1)))) {
        this.scanNumber(start);
        continue;
      }
      if (c === 34 || c === 39) {
        this.scanString(start, start, false, false, false);
        continue;
      }
      this.scanOperator(start, c, fs);
    }
  }

  /** At the start of a logical line: measure indentation, emit INDENT/DEDENT. Returns true for a blank line. */
  private readIndentation(): boolean {
    const src = this.src;
    const n = src.length;
    let col = 0;
    let altcol = 0;
    // CPython: cont_line_col — a backslash continuation inside the indentation; the column
    // of the first one is the indentation of what follows (unless the line is blank).
    let contLineCol = 0;
    let p = this.pos;
    for (; p < n; p++) {
      const c = src.charCodeAt(p);
      if (c === 32) {
        col++;
        altcol++;
      } else if (c === 9) {
        col = (Math.floor(col / 8) + 1) * 8;
        altcol++;
      } else if (c === 12) {
        col = altcol = 0;
      } else if (c === 92 && p + 2 < n && src.charCodeAt(p + 1) === 10) {
        // (A backslash before anything else, or at the end of input, is the main loop's error.)
        contLineCol = contLineCol !== 0 ? contLineCol : col;
        this.newline(p + 1);
        p++;
      } else break;
    }
    this.pos = p;
    const c = p < n ? src.charCodeAt(p) : -1;
    if (c === 35 || c === 10) {
      // Blank or comment-only line: no tokens.
      if (c === 35) {
        const e = src.indexOf("\n", p);
        this.pos = e < 0 ? n : e;
      }
      if (this.pos < n) {
        this.newline(this.pos);
        this.pos++;
        this.atLineStart = true;
      }
      return true;
    }
    if (c === -1) return false;
    if (contLineCol !== 0) col = altcol = contLineCol;
    const top = this.indents[this.indents.length - 1];
    const altTop = this.altIndents[this.altIndents.length - 1];
    if (col === top) {
      if (altcol !== altTop) this.tabError();
    } else if (col > top) {
      if (this.indents.length >= 100) {
        this.raw("too many levels of indentation", this.line, 1, this.line, 0, "IndentationError");
      }
      if (altcol <= altTop) this.tabError();
      this.indents.push(col);
      this.altIndents.push(altcol);
      this.push(T.INDENT, "", this.lineStart, p, this.line, this.lineStart);
    } else {
      let depth = this.indents.length;
      while (depth > 1 && col < this.indents[depth - 1]) depth--;
      if (col !== this.indents[depth - 1]) {
        // CPython checks before producing any DEDENT.
        this.raw("unindent does not match any outer indentation level", this.line, this.lineLengthWithNewline(this.line), this.line, -1, "IndentationError");
      }
      while (this.indents.length > depth) {
        this.indents.pop();
        this.altIndents.pop();
        this.push(T.DEDENT, "", p, p, this.line, this.lineStart);
      }
      if (col !== this.indents[this.indents.length - 1]) {
        this.raw("unindent does not match any outer indentation level", this.line, this.lineLengthWithNewline(this.line), this.line, -1, "IndentationError");
      }
      if (altcol !== this.altIndents[this.altIndents.length - 1]) this.tabError();
    }
    return false;
  }

  private tabError(): never {
    this.raw("inconsistent use of tabs and spaces in indentation", this.line, 1, this.line, 0, "TabError");
  }

  private finish(): void {
    const last = this.tokens.length > 0 ? this.tokens[this.tokens.length - 1] : null;
    // An open bracket (a replacement field's '{' too) is reported before an unterminated f-string.
    if (this.fstrings.length > 0 && this.parens.length === 0) {
      const fs = this.fstrings[this.fstrings.length - 1];
      const what = fs.triple ? "unterminated triple-quoted f-string literal" : "unterminated f-string literal";
      this.lexerError(`${what} (detected at line ${this.detectedLine()})`, fs.startLine, fs.startCol + 1, fs.startLine, fs.startCol + 1);
    }
    if (this.parens.length > 0) {
      const p = this.parens[this.parens.length - 1];
      this.eofInBracketLine = p.line;
      this.stopWith(new CompileError("SyntaxError", `'${String.fromCharCode(p.ch)}' was never closed`, this.filename,
        p.line, p.col + 1, p.line, 0, this.lineText(p.line)));
      return;
    }
    const at = this.pos;
    if (last !== null && last.type !== T.NEWLINE && last.type !== T.DEDENT && last.type !== T.INDENT) {
      // CPython adds an implicit newline at the end of the input.
      this.push(T.NEWLINE, "", at, at + 1, this.line, this.lineStart);
      const t = this.tokens[this.tokens.length - 1];
      t.endCol = t.col + 1;
    }
    for (let i = this.indents.length - 1; i > 0; i--) {
      // CPython's DEDENTs at end of input sit after the last line (its cursor).
      if (this.lineStart === at && this.line > 1) {
        const lastLine = this.line - 1;
        const col = utf8Length(this.src, this.lineStarts[lastLine - 1], at);
        this.tokens.push(new Token(T.DEDENT, "", at, at, lastLine, col, lastLine, col));
      } else this.push(T.DEDENT, "", at, at, this.line, this.lineStart);
    }
    this.indents.length = 1;
    this.altIndents.length = 1;
    // Like the DEDENTs: CPython reports the cursor at the end of the last line.
    if (this.lineStart === at && this.line > 1) {
      const lastLine = this.line - 1;
      const col = utf8Length(this.src, this.lineStarts[lastLine - 1], at);
      this.tokens.push(new Token(T.ENDMARKER, "", at, at, lastLine, col, lastLine, col));
    } else {
      // No newline at the end: CPython's cursor is after the newline it adds. An empty
      // input has no line at all (line 0).
      const col = this.byteCol(this.lineStart, at) + (at > this.lineStart ? 1 : 0);
      const line = this.src.length === 0 ? 0 : this.line;
      this.tokens.push(new Token(T.ENDMARKER, "", at, at, line, col, line, col));
    }
  }

  private scanNameOrString(start: number): void {
    const src = this.src;
    const n = src.length;
    let p = start;
    let ascii = true;
    while (p < n) {
      const c = src.charCodeAt(p);
      if (isAsciiIdChar(c)) {
        p++;
      } else if (c >= 128) {
        const cp = src.codePointAt(p)!;
        const ch = String.fromCodePoint(cp);
        const ok = p === start ? isIdStart(ch) || isIdStart(ch.normalize("NFKC").charAt(0)) : isIdContinue(ch) || isIdContinue(ch.normalize("NFKC").charAt(0));
        if (!ok) {
          if (p === start) this.invalidCharacter(p, cp);
          break;
        }
        ascii = false;
        p += ch.length;
      } else break;
    }
    // String prefix?
    const c = p < n ? src.charCodeAt(p) : -1;
    if ((c === 34 || c === 39) && p - start <= 2 && ascii) {
      const prefix = src.slice(start, p).toLowerCase();
      let raw = false;
      let bytes = false;
      let fstr = false;
      let ok = true;
      for (let i = 0; i < prefix.length; i++) {
        const ch = prefix[i];
        if (ch === "r" && !raw) raw = true;
        else if (ch === "b" && !bytes && !fstr) bytes = true;
        else if (ch === "f" && !fstr && !bytes) fstr = true;
        else if (ch === "u" && prefix.length === 1) {
          /* u"" */
        } else ok = false;
      }
      if (ok) {
        this.scanString(start, p, raw, bytes, fstr);
        return;
      }
    }
    if (p < n && src.charCodeAt(p) >= 128) {
      const cp = src.codePointAt(p)!;
      const ch = String.fromCodePoint(cp);
      if (!isIdContinue(ch)) this.invalidCharacter(p, cp);
    }
    let name = src.slice(start, p);
    if (!ascii) name = name.normalize("NFKC");
    this.push(T.NAME, name, start, p, this.line, this.lineStart);
    this.pos = p;
  }

  private invalidCharacter(p: number, cp: number): never {
    const ch = String.fromCodePoint(cp);
    const hex = cp.toString(16).toUpperCase().padStart(4, "0");
    this.pos = p + ch.length;
    if (isPrintable(ch)) this.errorHere(`invalid character '${ch}' (U+${hex})`);
    this.errorHere(`invalid non-printable character U+${hex}`);
  }

  private scanNumber(start: number): void {
    const src = this.src;
    const n = src.length;
    let p = start;
    const at = (i: number): number => (i < n ? src.charCodeAt(i) : -1);
    const c = at(p);
    const d = at(p + 1) | 0x20;
    if (c === 48 && (d === 120 || d === 111 || d === 98)) {
      // 0x / 0o / 0b
      const kind = d === 120 ? "hexadecimal" : d === 111 ? "octal" : "binary";
      const okDigit = d === 120 ? isHexDigit : d === 111 ? (x: number) => x >= 48 && x <= 55 : (x: number) => x === 48 || x === 49;
      p += 2;
      for (;;) {
        if (at(p) === 95) p++;
        if (!okDigit(at(p))) {
          const x = at(p);
          this.pos = isDigit(x) ? p + 1 : p;
          if (isDigit(x)) this.errorHere(`invalid digit '${String.fromCharCode(x)}' in ${kind} literal`);
          this.errorHere(`invalid ${kind} literal`);
        }
        while (okDigit(at(p))) p++;
        if (at(p) !== 95) break;
      }
      const x = at(p);
      if (isDigit(x)) {
        this.pos = p + 1;
        this.errorHere(`invalid digit '${String.fromCharCode(x)}' in ${kind} literal`);
      }
      this.verifyEndOfNumber(p, kind);
      this.push(T.NUMBER, src.slice(start, p), start, p, this.line, this.lineStart);
      this.pos = p;
      return;
    }
    let isFloat = false;
    const readDigits = (): void => {
      for (;;) {
        while (isDigit(at(p))) p++;
        if (at(p) !== 95) return;
        p++;
        if (!isDigit(at(p))) {
          this.pos = p;
          this.errorHere("invalid decimal literal");
        }
      }
    };
    if (c !== 46) readDigits();
    const intEnd = p;
    if (at(p) === 46) {
      isFloat = true;
      p++;
      if (isDigit(at(p))) readDigits();
    }
    const e = at(p) | 0x20;
    if (e === 101) {
      let q = p + 1;
      const signed = at(q) === 43 || at(q) === 45;
      if (signed) q++;
      if (isDigit(at(q))) {
        p = q;
        readDigits();
        isFloat = true;
      } else if (signed) {
        this.pos = q;
        this.errorHere("invalid decimal literal");
      }
      // else: "1else" or "1e" followed by a name: decided by verifyEndOfNumber at the 'e'.
    }
    let imag = false;
    if ((at(p) | 0x20) === 106 && (e !== 101 || isFloat)) {
      p++;
      imag = true;
    }
    if (!isFloat && !imag && c === 48) {
      // Leading zeros are only allowed for zero itself.
      for (let i = start; i < intEnd; i++) {
        const x = src.charCodeAt(i);
        if (x !== 48 && x !== 95) {
          this.lexerError(
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            this.line, start - this.lineStart + 1, this.line, i - this.lineStart + 1,
          );
        }
      }
    }
    this.verifyEndOfNumber(p, imag ? "imaginary" : "decimal");
    this.push(T.NUMBER, src.slice(start, p), start, p, this.line, this.lineStart);
    this.pos = p;
  }

  // CPython: Parser/lexer.c, verify_end_of_number — a number directly followed by a
  // name is an error unless the name is a keyword that may follow it ("1if x else y").
  private verifyEndOfNumber(p: number, kind: string): void {
    const src = this.src;
    const c = p < src.length ? src.charCodeAt(p) : -1;
    // Non-ASCII characters are left to the next token (CPython checks c < 128 here).
    if (!isAsciiIdChar(c)) return;
    for (const kw of ["and", "else", "for", "if", "in", "is", "not", "or"]) {
      if (src.startsWith(kw, p)) {
        this.warnHere(`invalid ${kind} literal`, p);
        return;
      }
    }
    this.pos = p;
    this.errorHere(`invalid ${kind} literal`);
  }

  private scanOperator(start: number, c: number, fs: FStringState | null): void {
    const src = this.src;
    const two = src.substr(start, 2);
    const level = this.parens.length;
    if (fs !== null && level === fs.levels[fs.levels.length - 1]) {
      // Inside a replacement field, at its own bracket level.
      if (c === 125) {
        // '}' closes the field.
        this.parens.pop();
        this.push(T.OP, "}", start, start + 1, this.line, this.lineStart);
        this.pos = start + 1;
        fs.modes.pop();
        fs.levels.pop();
        return;
      }
      if (c === 58) {
        // ':' starts the format spec.
        this.push(T.OP, ":", start, start + 1, this.line, this.lineStart);
        this.pos = start + 1;
        fs.modes[fs.modes.length - 1] = FMode.Spec;
        return;
      }
    }
    let op: string;
    const three = src.substr(start, 3);
    if (OPERATORS3.has(three) && three !== "!==") op = three;
    else if (OPERATORS2.has(two) && two !== "<>") op = two;
    else if (OPERATORS1.indexOf(String.fromCharCode(c)) >= 0) op = String.fromCharCode(c);
    else if (c === 36 || c === 63 || c === 96) {
      // '$', '?', '`': CPython hands these to the parser as operators no rule accepts.
      op = String.fromCharCode(c);
    } else {
      this.invalidCharacter(start, src.codePointAt(start)!);
    }
    if (c === 40 || c === 91 || c === 123) {
      if (this.parens.length >= 200) {
        this.pos = start + 1;
        this.errorHere("too many nested parentheses");
      }
      this.parens.push({ ch: c, line: this.line, col: start - this.lineStart });
    } else if (c === 41 || c === 93 || c === 125) {
      this.pos = start + 1;
      if (this.parens.length === 0) {
        this.errorHere(`unmatched '${String.fromCharCode(c)}'`);
      }
      const fieldLevel = fs !== null ? fs.levels[fs.levels.length - 1] : -1;
      const open = this.parens.pop()!;
      const want = open.ch === 40 ? 41 : open.ch === 91 ? 93 : 125;
      if (want !== c) {
        const o = String.fromCharCode(open.ch);
        const cl = String.fromCharCode(c);
        // Closing a replacement field's '{' with another bracket.
        if (level === fieldLevel) this.errorHere(`f-string: unmatched '${cl}'`);
        if (open.line !== this.line) {
          this.errorHere(`closing parenthesis '${cl}' does not match opening parenthesis '${o}' on line ${open.line}`);
        }
        this.errorHere(`closing parenthesis '${cl}' does not match opening parenthesis '${o}'`);
      }
    }
    this.push(T.OP, op, start, start + op.length, this.line, this.lineStart);
    this.pos = start + op.length;
  }

  /** A string literal starting at `start` whose quote is at `q`. */
  private scanString(start: number, q: number, raw: boolean, bytes: boolean, fstr: boolean): void {
    const src = this.src;
    const n = src.length;
    const quote = src.charCodeAt(q);
    const triple = q + 2 < n && src.charCodeAt(q + 1) === quote && src.charCodeAt(q + 2) === quote;
    const startLine = this.line;
    const startLineStart = this.lineStart;
    if (fstr) {
      const bodyStart = q + (triple ? 3 : 1);
      if (this.fstrings.length >= 149) {
        this.pos = bodyStart;
        this.errorHere("too many nested f-strings");
      }
      this.push(T.FSTRING_START, src.slice(start, bodyStart), start, bodyStart, startLine, startLineStart);
      this.pos = bodyStart;
      this.fstrings.push({
        quote, triple, raw, modes: [FMode.Literal], levels: [], startLine, startCol: start - this.lineStart, parenBase: this.parens.length,
      });
      return;
    }
    let p = q + (triple ? 3 : 1);
    let escapedQuote = false;
    for (;;) {
      if (p >= n) {
        this.pos = p;
        this.unterminatedString(triple, `${triple ? "unterminated triple-quoted string literal" : "unterminated string literal"} (detected at line ${this.detectedLine()})`, quote, startLine, start - startLineStart, escapedQuote);
      }
      const c = src.charCodeAt(p);
      if (c === quote) {
        if (!triple) {
          p++;
          break;
        }
        if (p + 2 < n && src.charCodeAt(p + 1) === quote && src.charCodeAt(p + 2) === quote) {
          p += 3;
          break;
        }
        p++;
      } else if (c === 92) {
        p++;
        if (p < n && src.charCodeAt(p) === quote) escapedQuote = true;
        if (p < n && src.charCodeAt(p) === 10) this.newline(p);
        if (p < n) p++;
      } else if (c === 10) {
        if (!triple) {
          this.unterminatedString(triple, `unterminated string literal (detected at line ${this.line})`, quote, startLine, start - startLineStart, escapedQuote);
        }
        this.newline(p);
        p++;
      } else p++;
    }
    this.push(T.STRING, src.slice(start, p), start, p, startLine, startLineStart);
    this.pos = p;
  }

  /** CPython reports an unterminated string inside a field of an f-string with the same quotes as a missing '}'. */
  private unterminatedString(triple: boolean, message: string, quote: number, line: number, col: number, escapedQuote = false): never {
    const fs = this.fstrings.length > 0 ? this.fstrings[this.fstrings.length - 1] : null;
    // CPython 3.13: a single-quoted string with an escaped quote of its kind in it.
    if (!triple && escapedQuote) message += "; perhaps you escaped the end quote?";
    if (fs !== null && fs.quote === quote && fs.triple === triple) message = "f-string: expecting '}'";
    this.lexerError(message, line, col + 1, line, col + 1);
  }

  /** Literal text of an f-string (or of a format spec), up to a field, the spec's end or the closing quote. */
  private scanFStringText(fs: FStringState): void {
    const src = this.src;
    const n = src.length;
    const inSpec = fs.modes[fs.modes.length - 1] === FMode.Spec;
    const start = this.pos;
    const startLine = this.line;
    const startLineStart = this.lineStart;
    let p = start;
    const flushMiddle = (): void => {
      if (p > start) {
        this.tokens.push(
          new Token(T.FSTRING_MIDDLE, src.slice(start, p), start, p, startLine, this.byteCol(startLineStart, start), this.line, this.byteCol(this.lineStart, p)),
        );
      }
      this.pos = p;
    };
    for (;;) {
      if (p >= n) {
        this.pos = p;
        const what = fs.triple ? "unterminated triple-quoted f-string literal" : "unterminated f-string literal";
        this.lexerError(`${what} (detected at line ${this.detectedLine()})`, fs.startLine, fs.startCol + 1, fs.startLine, fs.startCol + 1);
      }
      const c = src.charCodeAt(p);
      if (c === fs.quote && (!fs.triple || (p + 2 < n && src.charCodeAt(p + 1) === c && src.charCodeAt(p + 2) === c))) {
        flushMiddle();
        // The f-string ends (even inside a field: the parser reports the missing '}').
        this.parens.length = fs.parenBase;
        const len = fs.triple ? 3 : 1;
        this.push(T.FSTRING_END, src.slice(p, p + len), p, p + len, this.line, this.lineStart);
        this.pos = p + len;
        this.fstrings.pop();
        return;
      }
      if (c === 92) {
        const d = p + 1 < n ? src.charCodeAt(p + 1) : -1;
        if (fs.raw) {
          p += d === fs.quote || d === 92 ? 2 : 1;
        } else if (d === 78 && p + 2 < n && src.charCodeAt(p + 2) === 123) {
          const e = src.indexOf("}", p);
          p = e < 0 ? n : e + 1;
        } else if (d === 123 || d === 125) {
          // CPython's lexer warns here (the parser does not warn again for these two).
          this.warnHere(`invalid escape sequence '\\${String.fromCharCode(d)}'`, p + 2);
          p++;
        } else {
          if (d === 10) this.newline(p + 1);
          p += 2;
        }
        continue;
      }
      if (c === 123) {
        if (!inSpec && p + 1 < n && src.charCodeAt(p + 1) === 123) {
          p += 2;
          continue;
        }
        flushMiddle();
        if (this.parens.length >= 200) {
          this.pos = p + 1;
          this.errorHere("too many nested parentheses");
        }
        if (inSpec && fs.levels.length >= 3) {
          this.pos = p;
          this.errorHere("f-string: expressions nested too deeply");
        }
        this.parens.push({ ch: 123, line: this.line, col: p - this.lineStart });
        this.push(T.OP, "{", p, p + 1, this.line, this.lineStart);
        this.pos = p + 1;
        fs.modes.push(FMode.Expr);
        fs.levels.push(this.parens.length);
        return;
      }
      if (c === 125) {
        if (inSpec) {
          flushMiddle();
          this.parens.pop();
          this.push(T.OP, "}", p, p + 1, this.line, this.lineStart);
          this.pos = p + 1;
          fs.modes.pop();
          fs.levels.pop();
          return;
        }
        if (p + 1 < n && src.charCodeAt(p + 1) === 125) {
          p += 2;
          continue;
        }
        this.pos = p + 1;
        this.errorHere("f-string: single '}' is not allowed");
      }
      if (c === 10) {
        if (!fs.triple) {
          this.pos = p;
          if (inSpec) this.errorHere("f-string: newlines are not allowed in format specifiers for single quoted f-strings");
          this.lexerError(`unterminated f-string literal (detected at line ${this.line})`, fs.startLine, fs.startCol + 1, fs.startLine, fs.startCol + 1);
        }
        this.newline(p);
      }
      p++;
    }
  }
}

export function tokenize(src: string, filename: string): Tokenizer {
  const t = new Tokenizer(src, filename);
  t.tokenize();
  return t;
}
