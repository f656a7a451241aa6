// The parser's entry points: source (text or bytes) -> CPython's AST.
//
//   parseModule(source, filename)          ast.parse(source, filename) / compile(..., "exec")
//   parse(source, filename, mode)          mode as compile(): "exec" | "eval" | "single" | "func_type"
//
// Throws CompileError (class, message and positions as CPython 3.13 reports them).
// Pipeline: source.ts (bytes -> text) -> tokenizer.ts (text -> tokens) -> the grammar
// (statements.ts > patterns.ts > expressions.ts > parserBase.ts) -> nodes.generated.ts.
import * as A from "../ast/nodes.generated.js";
import { CompileError } from "../ast/compileError.js";
import { ParserLimitError, STACK_OVERFLOW_MESSAGE } from "./errors.js";
import { decodeSource, type SourceDecoder } from "./source.js";
import type { ParseWarning } from "./parserBase.js";
import { StatementParser } from "./statements.js";
import { T, tokenize, type Tokenizer } from "./tokenizer.js";

export type ParseMode = "exec" | "eval" | "single" | "func_type";
export type { ParseWarning } from "./parserBase.js";

const COMPOUND_KINDS: ReadonlySet<string> = new Set([
  "FunctionDef", "AsyncFunctionDef", "ClassDef", "If", "For", "AsyncFor", "While", "With", "AsyncWith", "Try", "TryStar", "Match",
]);

class ModuleParser extends StatementParser {
  parseFile(): A.Module {
    const body = this.parseStatements();
    const t = this.peek();
    if (t.type !== T.ENDMARKER) this.syntaxErrorAtToken(t, "invalid syntax");
    return new A.Module(body, []);
  }

  parseEval(): A.Expression {
    // eval: expressions NEWLINE* ENDMARKER (no starred items, unlike exec's star_expressions).
    const s = this.peek();
    let x = this.parseExpression();
    if (this.isOp(",")) {
      const elts = [x];
      while (this.acceptOp(",")) {
        if (!this.startsExpression(this.peek()) || this.isOp("*")) break;
        elts.push(this.parseExpression());
      }
      const e = this.last();
      x = new A.Tuple(elts, A.LOAD_NODE, s.lineno, s.col, e.endLineno, e.endCol);
    }
    while (this.peek().type === T.NEWLINE) this.p++;
    const t = this.peek();
    if (t.type !== T.ENDMARKER) this.syntaxErrorAtToken(t, "invalid syntax");
    return new A.Expression(x);
  }

  parseInteractive(): A.Interactive {
    const body: A.stmt[] = [];
    const t = this.peek();
    // Without a statement CPython's interactive rule fails at the end of input.
    if (t.type === T.ENDMARKER) this.eofError();
    this.parseStatement(body);
    if (COMPOUND_KINDS.has(body[0]._kind) && this.peek().type === T.ENDMARKER && this.endsWithImpliedNewline()) {
      // CPython's single-input parser turns the end of input into one NEWLINE (and one more
      // after DEDENTs), and a compound statement needs a NEWLINE after its own: without a
      // final "\n" or an indented last line ("def f(): pass") there is none.
      const end = this.peek();
      const text = this.tz.lineText(end.lineno);
      throw new CompileError("SyntaxError", "invalid syntax", this.filename, end.lineno, 0, end.lineno, 0, text.endsWith("\n") ? text.slice(0, -1) : text);
    }
    const e = this.peek();
    if (e.type !== T.ENDMARKER) {
      // CPython: at the last token of the statement it parsed.
      const last = this.tokens[this.p - 1];
      this.raiseAt("SyntaxError", "multiple statements found while compiling a single statement", last.lineno, last.col, last.endLineno, last.endCol);
    }
    return new A.Interactive(body);
  }

  /** The last token read is the NEWLINE the tokenizer adds at the end of input (no "\n" there). */
  private endsWithImpliedNewline(): boolean {
    const last = this.tokens[this.p - 1];
    return last.type === T.NEWLINE && last.start >= this.src.length;
  }

  parseFuncType(): A.FunctionType {
    this.expectOp("(");
    const argtypes: A.expr[] = [];
    while (!this.isOp(")")) {
      // CPython's func_type rule drops the '*' / '**' of starred argument types.
      if (!this.acceptOp("*")) this.acceptOp("**");
      argtypes.push(this.parseExpression());
      if (!this.acceptOp(",")) break;
    }
    this.expectOp(")");
    this.expectOp("->");
    const returns = this.parseExpression();
    while (this.peek().type === T.NEWLINE) this.p++;
    const t = this.peek();
    if (t.type !== T.ENDMARKER) this.syntaxErrorAtToken(t, "invalid syntax");
    return new A.FunctionType(argtypes, returns);
  }
}

export interface ParseOptions {
  /**
   * Receives CPython's SyntaxWarnings (invalid escape sequences, ...) in the order CPython
   * gives them; after a syntax error, those CPython gives before it stops. It may throw
   * (a warning turned into an error): that ends the parse instead.
   */
  onWarning?: (warning: ParseWarning) => void;
  /** sys.get_int_max_str_digits() (default 4300; 0: no limit). */
  intMaxStrDigits?: number;
  /** The bytes are a script file (CPython's file tokenizer has its own NUL-byte message). */
  fileInput?: boolean;
  /** Decodes a coding declaration's codec that Node lacks (the runtime's codecs). */
  decode?: SourceDecoder;
}

export function parse(source: string | Uint8Array, filename: string, mode: "exec", options?: ParseOptions): A.Module;
export function parse(source: string | Uint8Array, filename: string, mode: ParseMode, options?: ParseOptions): A.mod;
export function parse(source: string | Uint8Array, filename: string, mode: ParseMode, options: ParseOptions = {}): A.mod {
  const text = decodeSource(source, filename, options.fileInput, options.decode ?? null);
  const tz = tokenize(text, filename);
  const parser = new ModuleParser(tz, filename);
  if (options.intMaxStrDigits !== undefined) parser.intMaxStrDigits = options.intMaxStrDigits;
  try {
    let tree: A.mod;
    switch (mode) {
      case "exec": tree = parser.parseFile(); break;
      case "eval": tree = parser.parseEval(); break;
      case "single": tree = parser.parseInteractive(); break;
      case "func_type": tree = parser.parseFuncType(); break;
    }
    const warningError = options.onWarning ? deliverWarnings(tz.warnings, parser.warnings, options.onWarning) : null;
    if (warningError !== null) throw warningError.fromTokenizer ? warningError.error : preferredError(warningError.error, tz, parser.furthestToken.lineno);
    return tree;
  } catch (e) {
    if (e instanceof CompileError) {
      const warningError = options.onWarning ? deliverWarnings(tz.warnings, parser.warnings, options.onWarning) : null;
      if (warningError?.fromTokenizer) throw warningError.error;
      throw preferredError(warningError?.error ?? e, tz, parser.furthestToken.lineno);
    }
    // V8 reports a JS stack overflow as a RangeError, or inside a regular expression as a SyntaxError.
    if (e instanceof RangeError || (e instanceof SyntaxError && /stack overflow/i.test(e.message))) {
      // The JS stack ran out before our level count did: CPython's parser gives up the same way.
      throw new ParserLimitError("MemoryError", STACK_OVERFLOW_MESSAGE);
    }
    throw e;
  }
}

/**
 * Gives the tokenizer's and the parser's warnings in source order, as CPython does while
 * it parses — and, after a syntax error, while it tokenizes the rest of the input looking
 * for a tokenizer error (_PyPegen_tokenize_full_source_to_check_for_errors): so all the
 * tokenizer's warnings are given, but no parser warning after one turned into an error.
 * Returns the first such error (a tokenizer warning's error ends everything and wins),
 * or null; an exception other than a CompileError propagates.
 */
function deliverWarnings(
  fromTokenizer: readonly ParseWarning[], fromParser: readonly ParseWarning[], onWarning: (warning: ParseWarning) => void,
): { error: CompileError; fromTokenizer: boolean } | null {
  if (fromTokenizer.length === 0 && fromParser.length === 0) return null;
  const all = [...fromTokenizer.map((w) => ({ w, lexer: true })), ...fromParser.map((w) => ({ w, lexer: false }))];
  // A stable sort: at one offset the tokenizer's warning comes first.
  all.sort((a, b) => a.w.start - b.w.start);
  let parserError: CompileError | null = null;
  for (const { w, lexer } of all) {
    if (parserError !== null && !lexer) continue;
    try {
      onWarning(w);
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      if (lexer) return { error: e, fromTokenizer: true };
      parserError = e;
    }
  }
  return parserError === null ? null : { error: parserError, fromTokenizer: false };
}

/**
 * After a parser error CPython tokenizes the rest of the input
 * (_PyPegen_tokenize_full_source_to_check_for_errors): a tokenizer syntax error found
 * there replaces the parser's error (unless the tokenizer was inside an f-string), and
 * so does a bracket left open at the end if it was opened on a line before the error.
 * Indentation, tab, line-continuation and end-of-input conditions are no errors there
 * (CPython's tokenizer only reports them to a parser that reads them). "unexpected
 * indent/unindent" skip the check.
 */
function preferredError(e: CompileError, tz: Tokenizer, furthestLine: number): CompileError {
  const tokError = tz.stopError;
  if (tokError === null || e === tokError) return e;
  if (e.kind === "IndentationError" && (e.message === "unexpected indent" || e.message === "unexpected unindent")) return e;
  if (tz.eofInBracketLine >= 0) return tz.eofInBracketLine < Math.max(e.lineno, furthestLine) ? tokError : e;
  if (tz.stopIsErrorCode || tz.errorInFString) return e;
  return tokError;
}

export function parseModule(source: string | Uint8Array, filename: string, options?: ParseOptions): A.Module {
  return parse(source, filename, "exec", options);
}
