// The parser's token cursor, position helpers and error reporting, shared by the
// expression, pattern and statement parsers (each a subclass, one grammar area each).
import { CompileError, type CompileErrorKind } from "../ast/compileError.js";
import { ParserLimitError, STACK_OVERFLOW_MESSAGE } from "./errors.js";
import { T, Token, type ParseWarning, type Tokenizer } from "./tokenizer.js";

/** Anything with CPython's four position attributes. */
export interface Located {
  lineno: number;
  col_offset: number;
  end_lineno: number;
  end_col_offset: number;
}

export const KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
  "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
  "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]);

export type { ParseWarning } from "./tokenizer.js";

/** Thrown inside speculative parses (see `speculate`); never escapes the parser. */
export class Backtrack {
  static readonly instance = new Backtrack();
}

export class ParserBase {
  protected readonly tokens: Token[];
  protected p = 0;
  protected readonly src: string;
  /** > 0 while parsing speculatively: errors then just backtrack. */
  protected speculating = 0;
  /** Current nesting depth in CPython's parser levels (see enter); 31 at statement level. */
  protected depth = 31;
  /**
   * The furthest token the parser has looked at: CPython reports a generic "invalid
   * syntax" there (the last token its tokenizer produced), not where parsing stopped.
   */
  protected maxFetched = 0;
  /** Like maxFetched, but never rewound (CPython's p->fill). */
  protected maxFetchedAll = 0;
  /** > 0 inside `specificErrors`: generic errors backtrack, specific ones are raised. */
  protected specificOnly = 0;
  /** In `specificErrors`: whether brackets inside are parsed without their errors. */
  protected shallowSpecific = false;

  /** Warnings CPython's parser gives (SyntaxWarning ...), in order; see parser.ts. */
  readonly warnings: ParseWarning[] = [];
  private readonly warned = new Set<string>();

  /**
   * A warning at token `t` (CPython's warn_invalid_escape_sequence): given with t's line;
   * turned into an error, it is a SyntaxError at t.
   */
  protected warn(category: ParseWarning["category"], message: string, t: Token): void {
    // The same warning at the same place is given once (the parser may read a token twice).
    // Inside a speculative parse the warning is kept only if the speculation succeeds (a
    // string read there is the same string in the final tree); see speculate.
    const key = `${t.start}:${message}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    const error = this.errorAt("SyntaxError", message, t.lineno, t.col, t.endLineno, t.endCol);
    this.warnings.push({ category, message, lineno: t.lineno, error, start: t.start });
  }

  /** Forgets the warnings given since there were `count` (a speculative parse that failed). */
  private dropWarningsFrom(count: number): void {
    for (let i = count; i < this.warnings.length; i++) this.warned.delete(`${this.warnings[i].start}:${this.warnings[i].message}`);
    this.warnings.length = count;
  }

  constructor(protected readonly tz: Tokenizer, readonly filename: string) {
    this.tokens = tz.tokens;
    this.src = tz.src;
  }

  // ---- cursor ----

  protected peek(): Token {
    if (this.p > this.maxFetched) this.maxFetched = this.p;
    if (this.p > this.maxFetchedAll) this.maxFetchedAll = this.p;
    const t = this.tokens[this.p];
    if (t.type === T.ERRORTOKEN) throw this.tz.stopError!;
    return t;
  }
  protected peekAt(k: number): Token {
    const i = this.p + k < this.tokens.length ? this.p + k : this.tokens.length - 1;
    if (i > this.maxFetched) this.maxFetched = i;
    if (i > this.maxFetchedAll) this.maxFetchedAll = i;
    const t = this.tokens[i];
    if (t.type === T.ERRORTOKEN) throw this.tz.stopError!;
    return t;
  }
  protected next(): Token {
    const t = this.peek();
    if (t.type !== T.ENDMARKER) this.p++;
    return t;
  }

  /** The furthest token looked at by any rule (for the error-priority rules in parser.ts). */
  get furthestToken(): Token {
    return this.tokens[this.maxFetchedAll];
  }
  protected isOp(s: string): boolean {
    const t = this.peek();
    return t.type === T.OP && t.string === s;
  }
  protected isOpAt(k: number, s: string): boolean {
    const t = this.peekAt(k);
    return t.type === T.OP && t.string === s;
  }
  protected isKw(s: string): boolean {
    const t = this.peek();
    return t.type === T.NAME && t.string === s;
  }
  protected acceptOp(s: string): Token | null {
    const t = this.peek();
    if (t.type === T.OP && t.string === s) {
      this.p++;
      return t;
    }
    return null;
  }
  protected acceptKw(s: string): Token | null {
    const t = this.peek();
    if (t.type === T.NAME && t.string === s) {
      this.p++;
      return t;
    }
    return null;
  }
  protected expectOp(s: string): Token {
    const t = this.peek();
    if (t.type === T.OP && t.string === s) {
      this.p++;
      return t;
    }
    return this.syntaxErrorAtToken(t, s === ":" ? "expected ':'" : "invalid syntax");
  }
  protected expectKw(s: string): Token {
    const t = this.peek();
    if (t.type === T.NAME && t.string === s) {
      this.p++;
      return t;
    }
    return this.syntaxErrorAtToken(t, "invalid syntax");
  }
  /** A NAME that is not a keyword. */
  protected expectName(): Token {
    const t = this.peek();
    if (t.type === T.NAME && !KEYWORDS.has(t.string)) {
      this.p++;
      return t;
    }
    return this.syntaxErrorAtToken(t, "invalid syntax");
  }
  protected isName(): boolean {
    const t = this.peek();
    return t.type === T.NAME && !KEYWORDS.has(t.string);
  }

  /** The last consumed token that is not NEWLINE/INDENT/DEDENT (ends a node). */
  protected last(): Token {
    let i = this.p - 1;
    while (i > 0) {
      const ty = this.tokens[i].type;
      if (ty !== T.NEWLINE && ty !== T.INDENT && ty !== T.DEDENT) break;
      i--;
    }
    return this.tokens[i < 0 ? 0 : i];
  }

  /**
   * Nesting guard, counted in CPython's parser levels (MAXSTACK = 6000): `levels` is
   * about how many of CPython's rule calls this construct nests (1 for a unary
   * operator or conditional expression, 2 for lambda and '**', ~29 for a bracket).
   */
  protected enter(levels = 1): void {
    this.depth += levels;
    if (this.depth > 6000) {
      this.depth = 0;
      throw new ParserLimitError("MemoryError", STACK_OVERFLOW_MESSAGE);
    }
  }
  protected leave(levels = 1): void {
    this.depth -= levels;
  }

  /**
   * Run `fn`; on a syntax error inside it, rewind and return null. `errorPass`: this
   * is one of CPython's second-pass checks, so the tokens it looks at do not move the
   * place of a generic "invalid syntax" (CPython takes that from the first pass).
   */
  protected speculate<R>(fn: () => R, errorPass = false): R | null {
    const saved = this.p;
    const savedDepth = this.depth;
    const savedFetched = this.maxFetched;
    const savedWarnings = this.warnings.length;
    this.speculating++;
    try {
      const r = fn();
      if (errorPass) this.maxFetched = savedFetched;
      return r;
    } catch (e) {
      if (e instanceof Backtrack) {
        this.p = saved;
        this.depth = savedDepth;
        if (errorPass) this.maxFetched = savedFetched;
        this.dropWarningsFrom(savedWarnings);
        return null;
      }
      throw e;
    } finally {
      this.speculating--;
    }
  }

  /**
   * Run `fn` as one of CPython's second-pass rules that parse on (invalid_legacy_expression):
   * its specific errors are raised, a plain "invalid syntax" just means no match (null).
   */
  protected specificErrors<R>(fn: () => R, shallow = true): R | null {
    const saved = this.p;
    const savedDepth = this.depth;
    const savedFetched = this.maxFetched;
    const savedShallow = this.shallowSpecific;
    const savedWarnings = this.warnings.length;
    this.shallowSpecific = shallow;
    this.specificOnly++;
    try {
      return fn();
    } catch (e) {
      if (e instanceof Backtrack) {
        this.p = saved;
        this.depth = savedDepth;
        this.dropWarningsFrom(savedWarnings);
        return null;
      }
      throw e;
    } finally {
      this.specificOnly--;
      this.shallowSpecific = savedShallow;
      this.maxFetched = savedFetched;
    }
  }

  /** Errors at INDENT/DEDENT tokens: CPython has no column for them and reports its cursor, with no end. */
  protected errorAtIndentToken(kind: CompileErrorKind, message: string, t: Token): never {
    if (this.speculating > 0) throw Backtrack.instance;
    const offset = this.charCol(t.endLineno, t.endCol);
    throw new CompileError(kind, message, this.filename, t.lineno, offset, t.lineno, -1, this.tz.lineText(t.lineno));
  }

  // ---- errors ----

  /** Byte column -> character column on line `lineno`. */
  protected charCol(lineno: number, byteCol: number): number {
    const start = this.tz.lineStarts[lineno - 1];
    if (start === undefined) return byteCol;
    let bytes = 0;
    let i = start;
    const src = this.src;
    while (bytes < byteCol && i < src.length) {
      const c = src.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        bytes += 4;
        i++;
      } else bytes += 3;
      i++;
    }
    return i - start + (byteCol - bytes > 0 ? byteCol - bytes : 0);
  }

  protected raiseAt(
    kind: CompileErrorKind, message: string, lineno: number, col: number, endLineno: number, endCol: number,
  ): never {
    if (this.speculating > 0) throw Backtrack.instance;
    throw this.errorAt(kind, message, lineno, col, endLineno, endCol);
  }

  /** The error raiseAt throws (byte columns in, 1-based character offsets out). */
  protected errorAt(
    kind: CompileErrorKind, message: string, lineno: number, col: number, endLineno: number, endCol: number,
  ): CompileError {
    const c = this.charCol(lineno, col);
    const ec = endLineno > 0 ? this.charCol(endLineno, endCol) : -1;
    return new CompileError(kind, message, this.filename, lineno, c + 1, endLineno, endLineno > 0 ? ec + 1 : -1, this.tz.lineText(lineno));
  }

  protected syntaxErrorAtToken(t: Token, message: string): never {
    if (this.speculating > 0 || (this.specificOnly > 0 && message === "invalid syntax")) throw Backtrack.instance;
    if (message === "invalid syntax") {
      const far = this.tokens[this.maxFetched];
      if (far.start > t.start) t = far;
    }
    if (t.type === T.ENDMARKER) this.eofError();
    if (message === "invalid syntax" && (t.type === T.INDENT || t.type === T.DEDENT)) {
      this.errorAtIndentToken("IndentationError", t.type === T.INDENT ? "unexpected indent" : "unexpected unindent", t);
    }
    this.raiseAt("SyntaxError", message, t.lineno, t.col, t.endLineno, t.endCol);
  }

  /** An error with CPython's 1-based character offsets given as they are (-1: none). */
  protected raiseRaw(kind: CompileErrorKind, message: string, lineno: number, offset: number, endLineno: number, endOffset: number): never {
    if (this.speculating > 0) throw Backtrack.instance;
    throw new CompileError(kind, message, this.filename, lineno, offset, endLineno, endOffset, this.tz.lineText(lineno));
  }

  /**
   * CPython's RAISE_SYNTAX_ERROR_STARTING_FROM: from `from` to the tokenizer's cursor,
   * i.e. the end of the last token fetched (given as is, so one less than an end offset).
   */
  protected errorStartingFrom(message: string, from: Located | Token, lastFetched: Token): never {
    const [l, c] = from instanceof Token ? [from.lineno, from.col] : [from.lineno, from.col_offset];
    this.raiseRaw("SyntaxError", message, l, this.charCol(l, c) + 1, lastFetched.endLineno, this.charCol(lastFetched.endLineno, lastFetched.endCol));
  }

  /** CPython's RAISE_SYNTAX_ERROR: at the last token fetched. */
  protected errorAtLastFetched(message: string): never {
    const t = this.tokens[this.maxFetched];
    this.raiseAt("SyntaxError", message, t.lineno, t.col, t.endLineno, t.endCol);
  }

  /** A generic error at ENDMARKER: CPython's end token has no column (offset 0, end 0). */
  protected eofError(): never {
    if (this.speculating > 0 || this.specificOnly > 0) throw Backtrack.instance;
    const t = this.tokens[this.tokens.length - 1];
    this.raiseRaw("SyntaxError", "invalid syntax", t.lineno, 0, t.lineno, 0);
  }

  protected errorAtNode(message: string, node: Located, kind: CompileErrorKind = "SyntaxError"): never {
    this.raiseAt(kind, message, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset);
  }

  protected errorRange(message: string, from: Located | Token, to: Located | Token): never {
    const [l, c] = from instanceof Token ? [from.lineno, from.col] : [from.lineno, from.col_offset];
    const [el, ec] = to instanceof Token ? [to.endLineno, to.endCol] : [to.end_lineno, to.end_col_offset];
    this.raiseAt("SyntaxError", message, l, c, el, ec);
  }
}
