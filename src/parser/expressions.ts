// Expressions: CPython's grammar from `expressions` down to `atom`, call arguments,
// parameters (def and lambda), comprehensions, assignment targets and literals.
// One method per rule; a node starts at the first token its rule consumed and ends at
// the last one (as CPython's EXTRA does), so `(a) + b` starts at the parenthesis.
import * as A from "../ast/nodes.generated.js";
import { CompileError } from "../ast/compileError.js";
import { PyBytesValue, PyComplexValue, PySingletonValue } from "../bytecode/values.js";
import { Backtrack, KEYWORDS, ParserBase, type Located } from "./parserBase.js";
import { decodeBytes, decodeStr } from "./strings.js";
import { T, Token } from "./tokenizer.js";

type expr = A.expr;

const COMPARE_OPS: Record<string, A.cmpop> = {
  "==": A.EQ_NODE, "!=": A.NOTEQ_NODE, "<": A.LT_NODE, "<=": A.LTE_NODE, ">": A.GT_NODE, ">=": A.GTE_NODE,
};
export const AUG_OPS: Record<string, A.operator> = {
  "+=": A.ADD_NODE, "-=": A.SUB_NODE, "*=": A.MULT_NODE, "@=": A.MATMULT_NODE, "/=": A.DIV_NODE,
  "%=": A.MOD_NODE, "&=": A.BITAND_NODE, "|=": A.BITOR_NODE, "^=": A.BITXOR_NODE, "<<=": A.LSHIFT_NODE,
  ">>=": A.RSHIFT_NODE, "**=": A.POW_NODE, "//=": A.FLOORDIV_NODE,
};

/** One piece of a (possibly implicitly concatenated) string: a literal run or a field. */
interface StrPart {
  value: string;
  /** A plain string with the u prefix (its merged run gets kind 'u'). */
  u: boolean;
  lineno: number;
  col: number;
  endLineno: number;
  endCol: number;
}

/** The %R of a conversion name in CPython's message (names are printable: plain quotes). */
function reprStrLike(s: string): string {
  return s.indexOf("'") >= 0 ? `"${s}"` : `'${s}'`;
}

/** Decimal literals this long or shorter are never checked against the limit (CPython's _PY_LONG_MAX_STR_DIGITS_THRESHOLD). */
const INT_STR_DIGITS_CHECK_THRESHOLD = 640;

export class ExpressionParser extends ParserBase {
  /** sys.get_int_max_str_digits() (0: no limit): longer decimal int literals are SyntaxErrors. */
  intMaxStrDigits = 4300;

  // ---- helpers ----

  /** Can `t` start an expression (used after a trailing comma)? */
  protected startsExpression(t: Token): boolean {
    switch (t.type) {
      case T.NAME:
        return !KEYWORDS.has(t.string) || t.string === "None" || t.string === "True" || t.string === "False" ||
          t.string === "not" || t.string === "lambda" || t.string === "await";
      case T.NUMBER:
      case T.STRING:
      case T.FSTRING_START:
        return true;
      case T.OP:
        return t.string === "(" || t.string === "[" || t.string === "{" || t.string === "-" || t.string === "+" ||
          t.string === "~" || t.string === "..." || t.string === "*";
      default:
        return false;
    }
  }

  // ---- star_expressions and friends ----

  /** star_expressions: a tuple when there is a comma. */
  parseStarExpressions(): expr {
    const s = this.peek();
    const first = this.parseStarExpression();
    if (!this.isOp(",")) return first;
    const elts = [first];
    while (this.acceptOp(",")) {
      if (!this.startsExpression(this.peek())) break;
      elts.push(this.parseStarExpression());
    }
    const e = this.last();
    return new A.Tuple(elts, A.LOAD_NODE, s.lineno, s.col, e.endLineno, e.endCol);
  }

  parseStarExpression(): expr {
    const s = this.peek();
    if (this.acceptOp("*")) {
      const v = this.parseBitOr();
      const e = this.last();
      return new A.Starred(v, A.LOAD_NODE, s.lineno, s.col, e.endLineno, e.endCol);
    }
    return this.parseExpression();
  }

  /** star_named_expression: '*' bitwise_or | named_expression */
  parseStarNamedExpression(): expr {
    const s = this.peek();
    if (this.acceptOp("*")) {
      const v = this.parseBitOr();
      const e = this.last();
      return new A.Starred(v, A.LOAD_NODE, s.lineno, s.col, e.endLineno, e.endCol);
    }
    return this.parseNamedExpression();
  }

  /** annotated_rhs / the right side of assignments: yield_expr | star_expressions */
  parseYieldOrStarExpressions(): expr {
    if (this.isKw("yield")) return this.parseYieldExpr();
    return this.parseStarExpressions();
  }

  parseYieldExpr(): expr {
    const s = this.expectKw("yield");
    if (this.acceptKw("from")) {
      const v = this.parseExpression();
      const e = this.last();
      return new A.YieldFrom(v, s.lineno, s.col, e.endLineno, e.endCol);
    }
    let v: expr | null = null;
    if (this.startsExpression(this.peek())) v = this.parseStarExpressions();
    const e = this.last();
    return new A.Yield(v, s.lineno, s.col, e.endLineno, e.endCol);
  }

  /** named_expression: NAME ':=' expression | expression !':=' */
  parseNamedExpression(checkAssign = true): expr {
    const s = this.peek();
    if (s.type === T.NAME && (!KEYWORDS.has(s.string) || s.string === "True" || s.string === "False" || s.string === "None") && this.isOpAt(1, ":=")) {
      if (KEYWORDS.has(s.string)) {
        this.raiseAt("SyntaxError", `cannot use assignment expressions with ${s.string === "True" || s.string === "False" || s.string === "None" ? s.string : "keyword"}`, s.lineno, s.col, s.endLineno, s.endCol);
      }
      this.p += 2;
      const target = new A.Name(s.string, A.STORE_NODE, s.lineno, s.col, s.endLineno, s.endCol);
      const v = this.parseExpression();
      const e = this.last();
      return new A.NamedExpr(target, v, s.lineno, s.col, e.endLineno, e.endCol);
    }
    const x = this.parseExpression();
    if (this.isOp(":=") && this.speculating === 0) {
      // CPython's invalid_named_expression needs an expression after ':='.
      const saved = this.p;
      const ok = this.speculate(() => {
        this.p++;
        return this.parseExpression();
      }, true);
      this.p = saved;
      if (ok !== null) this.errorAtNode(`cannot use assignment expressions with ${this.describe(x)}`, x);
    }
    if (checkAssign && this.isOp("=")) this.checkAssignmentInExpression(x, s);
    return x;
  }

  /** CPython's invalid_named_expression: `x = 1` where an expression is expected. */
  protected checkAssignmentInExpression(x: expr, s: Token): void {
    if (this.speculating > 0) return;
    const saved = this.p;
    const b = this.speculate(() => {
      this.p++;
      const v = this.parseBitOr();
      if (this.isOp("=") || this.isOp(":=")) this.syntaxErrorAtToken(this.peek(), "invalid syntax");
      return v;
    }, true);
    if (b === null) return;
    if (x instanceof A.Name && s.type === T.NAME) {
      this.errorRange("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", x, b);
    }
    if (this.isBitwiseOrLevel(x) && !(x instanceof A.List || x instanceof A.Tuple || x instanceof A.GeneratorExp) &&
        !(x instanceof A.Constant && (x.value === true || x.value === false || x.value === null) && s.type === T.NAME)) {
      this.errorAtNode(`cannot assign to ${this.describe(x)} here. Maybe you meant '==' instead of '='?`, x);
    }
    this.p = saved;
  }

  /** Could `x` come from CPython's bitwise_or rule (an operand-level expression)? */
  protected isBitwiseOrLevel(x: expr): boolean {
    switch (x._kind) {
      case "BoolOp": case "Compare": case "IfExp": case "Lambda": case "Yield": case "YieldFrom": case "Starred": case "Slice":
        return false;
      case "UnaryOp":
        return x.op !== A.NOT_NODE;
      default:
        return true;
    }
  }

  parseExpression(): expr {
    const s = this.peek();
    if (s.type === T.NAME && s.string === "lambda") return this.parseLambda();
    this.enter();
    const body = this.parseDisjunction();
    if (this.isKw("if")) {
      this.next();
      const test = this.parseDisjunction();
      if (!this.acceptKw("else")) {
        const t = this.peek();
        if (!(t.type === T.OP && t.string === ":")) this.errorRange("expected 'else' after 'if' expression", s, this.last());
        this.syntaxErrorAtToken(t, "invalid syntax");
      }
      const orelse = this.parseExpression();
      const e = this.last();
      this.leave();
      return new A.IfExp(test, body, orelse, s.lineno, s.col, e.endLineno, e.endCol);
    }
    this.leave();
    return body;
  }

  parseDisjunction(): expr {
    const s = this.peek();
    const first = this.parseConjunction();
    if (!this.isKw("or")) return first;
    const values = [first];
    while (this.acceptKw("or")) values.push(this.parseConjunction());
    const e = this.last();
    return new A.BoolOp(A.OR_NODE, values, s.lineno, s.col, e.endLineno, e.endCol);
  }

  parseConjunction(): expr {
    const s = this.peek();
    const first = this.parseInversion();
    if (!this.isKw("and")) return first;
    const values = [first];
    while (this.acceptKw("and")) values.push(this.parseInversion());
    const e = this.last();
    return new A.BoolOp(A.AND_NODE, values, s.lineno, s.col, e.endLineno, e.endCol);
  }

  parseInversion(): expr {
    const s = this.peek();
    if (s.type === T.NAME && s.string === "not") {
      this.next();
      this.enter();
      const v = this.parseInversion();
      this.leave();
      const e = this.last();
      return new A.UnaryOp(A.NOT_NODE, v, s.lineno, s.col, e.endLineno, e.endCol);
    }
    return this.parseComparison();
  }

  parseComparison(): expr {
    const s = this.peek();
    const left = this.parseBitOr();
    let ops: A.cmpop[] | null = null;
    let comparators: expr[] | null = null;
    for (;;) {
      const t = this.peek();
      let op: A.cmpop | undefined;
      if (t.type === T.OP) {
        op = COMPARE_OPS[t.string];
        if (op === undefined) break;
        this.p++;
      } else if (t.type === T.NAME) {
        if (t.string === "in") {
          op = A.IN_NODE;
          this.p++;
        } else if (t.string === "not" && this.peekAt(1).type === T.NAME && this.peekAt(1).string === "in") {
          op = A.NOTIN_NODE;
          this.p += 2;
        } else if (t.string === "is") {
          this.p++;
          if (this.acceptKw("not")) op = A.ISNOT_NODE;
          else op = A.IS_NODE;
        } else break;
      } else break;
      if (ops === null) {
        ops = [];
        comparators = [];
      }
      ops.push(op);
      comparators!.push(this.parseBitOr());
    }
    if (ops === null) return left;
    const e = this.last();
    return new A.Compare(left, ops, comparators!, s.lineno, s.col, e.endLineno, e.endCol);
  }

  parseBitOr(): expr {
    const s = this.peek();
    let left = this.parseBitXor();
    while (this.isOp("|")) {
      this.p++;
      const right = this.parseBitXor();
      const e = this.last();
      left = new A.BinOp(left, A.BITOR_NODE, right, s.lineno, s.col, e.endLineno, e.endCol);
    }
    return left;
  }

  parseBitXor(): expr {
    const s = this.peek();
    let left = this.parseBitAnd();
    while (this.isOp("^")) {
      this.p++;
      const right = this.parseBitAnd();
      const e = this.last();
      left = new A.BinOp(left, A.BITXOR_NODE, right, s.lineno, s.col, e.endLineno, e.endCol);
    }
    return left;
  }

  parseBitAnd(): expr {
    const s = this.peek();
    let left = this.parseShift();
    while (this.isOp("&")) {
      this.p++;
      const right = this.parseShift();
      const e = this.last();
      left = new A.BinOp(left, A.BITAND_NODE, right, s.lineno, s.col, e.endLineno, e.endCol);
    }
    return left;
  }

  parseShift(): expr {
    const s = this.peek();
    let left = this.parseSum();
    for (;;) {
      const t = this.peek();
      if (t.type !== T.OP) break;
      const op = t.string === "<<" ? A.LSHIFT_NODE : t.string === ">>" ? A.RSHIFT_NODE : null;
      if (op === null) break;
      this.p++;
      const right = this.parseSum();
      const e = this.last();
      left = new A.BinOp(left, op, right, s.lineno, s.col, e.endLineno, e.endCol);
    }
    return left;
  }

  parseSum(): expr {
    const s = this.peek();
    let left = this.parseTerm();
    for (;;) {
      const t = this.peek();
      if (t.type !== T.OP) break;
      const op = t.string === "+" ? A.ADD_NODE : t.string === "-" ? A.SUB_NODE : null;
      if (op === null) break;
      this.p++;
      this.checkNotAfterOperator(false);
      const right = this.parseTerm();
      const e = this.last();
      left = new A.BinOp(left, op, right, s.lineno, s.col, e.endLineno, e.endCol);
    }
    return left;
  }

  parseTerm(): expr {
    const s = this.peek();
    let left = this.parseFactor();
    for (;;) {
      const t = this.peek();
      if (t.type !== T.OP) break;
      let op: A.operator | null;
      switch (t.string) {
        case "*": op = A.MULT_NODE; break;
        case "/": op = A.DIV_NODE; break;
        case "//": op = A.FLOORDIV_NODE; break;
        case "%": op = A.MOD_NODE; break;
        case "@": op = A.MATMULT_NODE; break;
        default: op = null;
      }
      if (op === null) break;
      this.p++;
      this.checkNotAfterOperator(false);
      const right = this.parseFactor();
      const e = this.last();
      left = new A.BinOp(left, op, right, s.lineno, s.col, e.endLineno, e.endCol);
    }
    return left;
  }

  parseFactor(): expr {
    const s = this.peek();
    if (s.type === T.OP) {
      const op = s.string === "-" ? A.USUB_NODE : s.string === "+" ? A.UADD_NODE : s.string === "~" ? A.INVERT_NODE : null;
      if (op !== null) {
        this.p++;
        this.checkNotAfterOperator(true);
        this.enter();
        const v = this.parseFactor();
        this.leave();
        const e = this.last();
        return new A.UnaryOp(op, v, s.lineno, s.col, e.endLineno, e.endCol);
      }
    }
    return this.parsePower();
  }

  /** CPython's invalid_arithmetic/invalid_factor: `3 + not x`. */
  private checkNotAfterOperator(unary: boolean): void {
    const t = this.peek();
    if (!(t.type === T.NAME && t.string === "not") || this.speculating > 0) return;
    const b = this.speculate(() => {
      this.p++;
      return unary ? this.parseFactor() : this.parseInversion();
    }, true);
    if (b !== null) this.errorRange("'not' after an operator must be parenthesized", t, b);
  }

  parsePower(): expr {
    const s = this.peek();
    const left = this.parseAwaitPrimary();
    if (!this.isOp("**")) return left;
    this.p++;
    this.enter(2);
    const right = this.parseFactor();
    this.leave(2);
    const e = this.last();
    return new A.BinOp(left, A.POW_NODE, right, s.lineno, s.col, e.endLineno, e.endCol);
  }

  parseAwaitPrimary(): expr {
    const s = this.peek();
    if (s.type === T.NAME && s.string === "await") {
      this.p++;
      const v = this.parsePrimary();
      const e = this.last();
      return new A.Await(v, s.lineno, s.col, e.endLineno, e.endCol);
    }
    return this.parsePrimary();
  }

  parsePrimary(): expr {
    const s = this.peek();
    let x = this.parseAtom();
    for (;;) {
      const t = this.peek();
      if (t.type !== T.OP) break;
      if (t.string === ".") {
        // PEG: without a name after it the '.' is not part of this primary.
        const n = this.peekAt(1);
        if (n.type !== T.NAME || KEYWORDS.has(n.string)) break;
        this.p++;
        const name = this.expectName();
        x = new A.Attribute(x, name.string, A.LOAD_NODE, s.lineno, s.col, name.endLineno, name.endCol);
      } else if (t.string === "(" || t.string === "[") {
        const trailer = this.parseTrailer(x, s, t.string === "(");
        if (trailer === null) break;
        x = trailer;
      } else break;
    }
    return x;
  }

  /**
   * A call or subscript after `x`. As in CPython's PEG parser, a trailer that does not
   * parse is not part of the primary (null): the caller then fails on the bracket, or
   * reports its own error there (e.g. "expected ':'"). Errors with their own message
   * and the tokenizer's are raised as they are.
   */
  private parseTrailer(x: expr, s: Token, call: boolean): expr | null {
    const saved = this.p;
    const savedDepth = this.depth;
    try {
      if (call) return this.parseCall(x, s);
      this.p++;
      this.enterBracket(0);
      let slice: expr;
      let close: Token;
      try {
        slice = this.parseSlices();
        close = this.expectOp("]");
      } finally {
        this.leaveBracket(0);
      }
      return new A.Subscript(x, slice, A.LOAD_NODE, s.lineno, s.col, close.endLineno, close.endCol);
    } catch (e) {
      const generic = e instanceof Backtrack ||
        (e instanceof CompileError && e !== this.tz.stopError && e.kind === "SyntaxError" && e.message === "invalid syntax");
      if (!generic) throw e;
      this.p = saved;
      this.depth = savedDepth;
      return null;
    }
  }

  parseSlices(): expr {
    const s = this.peek();
    const first = this.parseSliceOrStarred();
    if (!this.isOp(",")) {
      if (first instanceof A.Starred) {
        const e = this.last();
        return new A.Tuple([first], A.LOAD_NODE, s.lineno, s.col, e.endLineno, e.endCol);
      }
      return first;
    }
    const elts = [first];
    while (this.acceptOp(",")) {
      if (this.isOp("]")) break;
      elts.push(this.parseSliceOrStarred());
    }
    const e = this.last();
    return new A.Tuple(elts, A.LOAD_NODE, s.lineno, s.col, e.endLineno, e.endCol);
  }

  parseSliceOrStarred(): expr {
    const s = this.peek();
    if (this.acceptOp("*")) {
      const v = this.parseStarredOperand();
      const e = this.last();
      return new A.Starred(v, A.LOAD_NODE, s.lineno, s.col, e.endLineno, e.endCol);
    }
    let lower: expr | null = null;
    if (!this.isOp(":")) {
      lower = this.parseNamedExpression();
      if (!this.isOp(":")) {
        this.checkMissingComma(lower, s);
        return lower;
      }
    }
    this.expectOp(":");
    let upper: expr | null = null;
    let step: expr | null = null;
    if (!this.isOp(":") && !this.isOp(",") && !this.isOp("]")) upper = this.parseExpression();
    if (this.acceptOp(":")) {
      if (!this.isOp(",") && !this.isOp("]")) step = this.parseExpression();
    }
    const e = this.last();
    return new A.Slice(lower, upper, step, s.lineno, s.col, e.endLineno, e.endCol);
  }

  /** primary '(' arguments ')' — also a generator expression as the only argument. */
  parseCall(func: expr, s: Token): expr {
    const open = this.expectOp("(");
    this.enterBracket(0);
    try {
      const [args, keywords] = this.parseArguments(open);
      const close = this.expectOp(")");
      return new A.Call(func, args, keywords, s.lineno, s.col, close.endLineno, close.endCol);
    } finally {
      this.leaveBracket(0);
    }
  }

  /**
   * Brackets nest ~29 of CPython's parser levels. Inside `specificErrors` (a second-pass
   * rule parsing on), CPython reuses memoized first-pass results for what is inside
   * brackets, so errors there are not its: parse them speculatively.
   */
  private readonly shallowStack: boolean[] = [];
  protected enterBracket(levels = 28): void {
    this.enter(levels);
    const shallow = this.specificOnly > 0 && this.shallowSpecific;
    this.shallowStack.push(shallow);
    if (shallow) this.speculating++;
  }
  protected leaveBracket(levels = 28): void {
    this.leave(levels);
    if (this.shallowStack.pop()) this.speculating--;
  }

  /**
   * The arguments of a call (or, with `allowGenexp` false, a class definition), up to
   * (not including) ')'.
   */
  parseArguments(open: Token, allowGenexp = true): [expr[], A.keyword[]] {
    const args: expr[] = [];
    const keywords: A.keyword[] = [];
    let sawKeyword = false;
    let sawDoubleStar = false;
    while (!this.isOp(")")) {
      const s = this.peek();
      if (this.acceptOp("*")) {
        const v = this.parseStarredOperand();
        const e = this.last();
        if (this.isOp("=")) this.assignToUnpacking(s, "iterable argument unpacking");
        if (sawDoubleStar) {
          // CPython: from the comma before the '*' to the end of the arguments.
          const comma = this.tokens[this.tokenIndex(s) - 1];
          this.skipRestOfArguments();
          this.errorStartingFrom("iterable argument unpacking follows keyword argument unpacking", comma, this.tokens[this.maxFetched]);
        }
        args.push(new A.Starred(v, A.LOAD_NODE, s.lineno, s.col, e.endLineno, e.endCol));
      } else if (this.acceptOp("**")) {
        const v = this.parseExpression();
        const e = this.last();
        if (this.isOp("=")) this.assignToUnpacking(s, "keyword argument unpacking");
        keywords.push(new A.keyword(null, v, s.lineno, s.col, e.endLineno, e.endCol));
        sawDoubleStar = true;
      } else if (s.type === T.NAME && (!KEYWORDS.has(s.string) || s.string === "True" || s.string === "False" || s.string === "None") && this.isOpAt(1, "=")) {
        if (KEYWORDS.has(s.string)) {
          const eq = this.peekAt(1);
          if (s.string === "True" || s.string === "False" || s.string === "None") {
            this.raiseAt("SyntaxError", `cannot assign to ${s.string}`, s.lineno, s.col, eq.endLineno, eq.endCol);
          }
          this.raiseAt("SyntaxError", "expression cannot contain assignment, perhaps you meant \"==\"?", s.lineno, s.col, eq.endLineno, eq.endCol);
        }
        this.p += 2;
        const eq = this.tokens[this.p - 1];
        if (this.isOp(",") || this.isOp(")")) {
          this.raiseAt("SyntaxError", "expected argument value expression", s.lineno, s.col, eq.endLineno, eq.endCol);
        }
        const v = this.parseExpression();
        if ((this.isKw("for") || this.isKw("async")) && this.speculating === 0 &&
            this.speculate(() => this.parseComprehensionClauses(), true) !== null) {
          // f(a = x for x in y): CPython's invalid_arguments.
          this.raiseAt("SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", s.lineno, s.col, eq.endLineno, eq.endCol);
        }
        const e = this.last();
        keywords.push(new A.keyword(s.string, v, s.lineno, s.col, e.endLineno, e.endCol));
        sawKeyword = true;
      } else {
        if ((sawKeyword || sawDoubleStar) && this.speculating === 0) {
          // CPython's first pass reads no positional argument after keywords: if it
          // does not parse, the error is at its start.
          const saved = this.p;
          const probe = this.speculate(() => {
            this.parseNamedExpression(false);
            if (this.isKw("for") || this.isKw("async")) this.parseComprehensionClauses();
            return true;
          }, true);
          this.p = saved;
          if (probe === null) this.syntaxErrorAtToken(s, "invalid syntax");
        }
        const v = this.parseNamedExpression(false);
        if (this.isKw("for") || this.isKw("async")) {
          if (!allowGenexp) this.syntaxErrorAtToken(this.peek(), "invalid syntax");
          const gens = this.parseComprehensionClauses();
          if (args.length === 0 && keywords.length === 0 && this.isOp(")")) {
            const close = this.peek();
            args.push(new A.GeneratorExp(v, gens, open.lineno, open.col, close.endLineno, close.endCol));
            return [args, keywords];
          }
          const e = this.last();
          this.errorRange("Generator expression must be parenthesized", v, e);
        }
        if (this.isOp("=")) {
          const eq = this.peek();
          this.errorRange("expression cannot contain assignment, perhaps you meant \"==\"?", v, eq);
        }
        this.checkMissingComma(v, s);
        if (sawKeyword || sawDoubleStar) {
          // CPython reports these at the last token read, after the whole argument list.
          this.skipRestOfArguments();
          this.errorAtLastFetched(sawDoubleStar ? "positional argument follows keyword argument unpacking" : "positional argument follows keyword argument");
        }
        args.push(v);
      }
      if (!this.acceptOp(",")) break;
    }
    return [args, keywords];
  }

  /** The expression after '*' in arguments and subscripts; CPython: "Invalid star expression". */
  protected parseStarredOperand(): expr {
    if (this.startsExpression(this.peek())) {
      // Errors found inside are CPython's (its second pass raises them); a plain
      // failure is "Invalid star expression".
      const x = this.speculating > 0 ? this.speculate(() => this.parseExpression()) : this.specificErrors(() => this.parseExpression(), false);
      if (x !== null) return x;
      this.speculate(() => this.parseExpression()); // note how far it reads
    }
    return this.errorAtLastFetched("Invalid star expression");
  }

  /** `f(*a=1)` / `f(**a=1)`: CPython's invalid_starred_expression / invalid_kwarg. */
  private assignToUnpacking(star: Token, what: string): never {
    this.p++;
    const b = this.speculate(() => this.parseExpression(), true);
    if (b === null) this.syntaxErrorAtToken(this.peek(), "invalid syntax");
    this.errorRange(`cannot assign to ${what}`, star, b);
  }

  protected tokenIndex(t: Token): number {
    // Tokens are in source order: binary search by start offset.
    let lo = 0;
    let hi = this.tokens.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid].start < t.start) lo = mid + 1;
      else hi = mid;
    }
    while (lo < this.tokens.length - 1 && this.tokens[lo] !== t) lo++;
    return lo;
  }

  /** Parse (and drop) the rest of an argument list, for errors CPython reports after it. */
  private skipRestOfArguments(): void {
    this.speculate(() => {
      while (this.acceptOp(",")) {
        if (this.isOp(")")) break;
        if (this.acceptOp("*") || this.acceptOp("**")) this.parseExpression();
        else if (this.peek().type === T.NAME && this.isOpAt(1, "=")) {
          this.p += 2;
          this.parseExpression();
        } else this.parseNamedExpression();
      }
      this.peek();
      return null;
    });
  }

  /**
   * CPython's invalid_expression: inside brackets, an expression directly followed by
   * another one is "invalid syntax. Perhaps you forgot a comma?" (not after a soft
   * keyword or a name followed by a string).
   */
  protected checkMissingComma(a: expr, start: Token): void {
    const t = this.peek();
    if (!this.startsExpression(t) || (t.type === T.OP && t.string !== "{" && t.string !== "~" && t.string !== "...")) return;
    if (t.type === T.NAME && (t.string === "not" || t.string === "await")) {
      if (t.string === "not" && this.peekAt(1).type === T.NAME && this.peekAt(1).string === "in") return;
    }
    if (this.speculating > 0) throw Backtrack.instance;
    // A plain name followed by an expression: CPython's invalid_legacy_expression parses on
    // (which can reach a tokenizer error further on).
    if (a instanceof A.Name && !(t.type === T.OP && t.string === "(")) {
      const saved = this.p;
      this.specificErrors(() => this.parseStarExpressions());
      this.p = saved;
    }
    if (start.type === T.NAME && (start.string === "match" || start.string === "case" || start.string === "type" || start.string === "_")) return;
    if (start.type === T.NAME && (this.tokens[this.tokenIndex(start) + 1].type === T.STRING || this.tokens[this.tokenIndex(start) + 1].type === T.FSTRING_START)) return;
    const b = this.speculate(() => this.parseExpression());
    if (b === null) return;
    this.errorRange("invalid syntax. Perhaps you forgot a comma?", a, b);
  }

  // ---- atoms ----

  parseAtom(): expr {
    const t = this.peek();
    switch (t.type) {
      case T.NAME: {
        if (KEYWORDS.has(t.string)) {
          this.p++;
          switch (t.string) {
            case "None": return new A.Constant(null, null, t.lineno, t.col, t.endLineno, t.endCol);
            case "True": return new A.Constant(true, null, t.lineno, t.col, t.endLineno, t.endCol);
            case "False": return new A.Constant(false, null, t.lineno, t.col, t.endLineno, t.endCol);
          }
          this.p--;
          return this.syntaxErrorAtToken(t, "invalid syntax");
        }
        this.p++;
        return new A.Name(t.string, A.LOAD_NODE, t.lineno, t.col, t.endLineno, t.endCol);
      }
      case T.NUMBER:
        this.p++;
        return new A.Constant(this.numberValue(t), null, t.lineno, t.col, t.endLineno, t.endCol);
      case T.STRING:
      case T.FSTRING_START:
        return this.parseStrings();
      case T.OP:
        switch (t.string) {
          case "(": return this.parseParenthesized();
          case "[": return this.parseListDisplay();
          case "{": return this.parseBraceDisplay();
          case "...":
            this.p++;
            return new A.Constant(PySingletonValue.Ellipsis, null, t.lineno, t.col, t.endLineno, t.endCol);
        }
        break;
    }
    return this.syntaxErrorAtToken(t, "invalid syntax");
  }

  numberValue(t: Token): A.ConstantValue {
    let s = t.string;
    if (s.indexOf("_") >= 0) s = s.replace(/_/g, "");
    const last = s.charCodeAt(s.length - 1) | 0x20;
    if (last === 106) return new PyComplexValue(0, Number(s.slice(0, -1)));
    const c1 = s.length > 1 ? s.charCodeAt(1) | 0x20 : 0;
    if (s.charCodeAt(0) === 48 && (c1 === 120 || c1 === 111 || c1 === 98)) return BigInt(s);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 46 || (c | 0x20) === 101) return Number(s);
    }
    const limit = this.intMaxStrDigits;
    if (limit > 0 && s.length > limit && s.length > INT_STR_DIGITS_CHECK_THRESHOLD) {
      // CPython omits the columns here ("Intentionally omitting columns").
      this.raiseRaw("SyntaxError",
        `Exceeds the limit (${limit} digits) for integer string conversion: value has ${s.length} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.`,
        t.lineno, 0, t.endLineno, 0);
    }
    return BigInt(s);
  }

  parseParenthesized(): expr {
    const open = this.expectOp("(");
    this.enterBracket();
    try {
      if (this.isOp(")")) {
        const close = this.next();
        return new A.Tuple([], A.LOAD_NODE, open.lineno, open.col, close.endLineno, close.endCol);
      }
      if (this.isKw("yield")) {
        const y = this.parseYieldExpr();
        this.expectOp(")");
        return y;
      }
      const first = this.parseElement();
      if (this.isKw("for") || this.isKw("async")) {
        this.checkComprehensionElement(first);
        const gens = this.parseComprehensionClauses();
        const close = this.expectOp(")");
        return new A.GeneratorExp(first, gens, open.lineno, open.col, close.endLineno, close.endCol);
      }
      if (this.isOp(")")) {
        this.p++;
        if (first instanceof A.Starred) this.errorAtNode("cannot use starred expression here", first);
        return first;
      }
      if (!this.isOp(",")) {
        if (this.isOp("=") && !(first instanceof A.Starred)) {
          this.errorRange("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", first, this.peek());
        }
        this.expectClosing(")");
      }
      const elts = [first];
      while (this.acceptOp(",")) {
        if (this.isOp(")")) break;
        elts.push(this.parseElement());
      }
      const close = this.expectClosing(")");
      return new A.Tuple(elts, A.LOAD_NODE, open.lineno, open.col, close.endLineno, close.endCol);
    } finally {
      this.leaveBracket();
    }
  }

  /** Expect a closing bracket; the error for a missing one mirrors CPython's comma hint. */
  protected expectClosing(s: string): Token {
    const t = this.peek();
    if (t.type === T.OP && t.string === s) {
      this.p++;
      return t;
    }
    return this.syntaxErrorAtToken(t, "invalid syntax");
  }

  parseListDisplay(): expr {
    const open = this.expectOp("[");
    this.enterBracket();
    try {
      if (this.isOp("]")) {
        const close = this.next();
        return new A.List([], A.LOAD_NODE, open.lineno, open.col, close.endLineno, close.endCol);
      }
      const first = this.parseElement();
      if (this.isKw("for") || this.isKw("async")) {
        this.checkComprehensionElement(first);
        const gens = this.parseComprehensionClauses();
        const close = this.expectOp("]");
        return new A.ListComp(first, gens, open.lineno, open.col, close.endLineno, close.endCol);
      }
      const elts = [first];
      while (this.acceptOp(",")) {
        if (this.isOp("]")) break;
        elts.push(this.parseElement());
      }
      this.checkUnparenthesizedTarget(elts);
      const close = this.expectClosing("]");
      return new A.List(elts, A.LOAD_NODE, open.lineno, open.col, close.endLineno, close.endCol);
    } finally {
      this.leaveBracket();
    }
  }

  parseBraceDisplay(): expr {
    const open = this.expectOp("{");
    this.enterBracket();
    try {
      if (this.isOp("}")) {
        const close = this.next();
        return new A.Dict([], [], open.lineno, open.col, close.endLineno, close.endCol);
      }
      let firstKey: expr | null;
      let firstValue: expr;
      const dstar = this.acceptOp("**");
      if (dstar) {
        firstKey = null;
        firstValue = this.parseBitOr();
        if (this.isKw("for") || this.isKw("async")) {
          this.raiseAt("SyntaxError", "dict unpacking cannot be used in dict comprehension", dstar.lineno, dstar.col, dstar.endLineno, dstar.endCol);
        }
      } else {
        const first = this.parseElement();
        if (!this.isOp(":")) {
          // A set.
          if (this.isKw("for") || this.isKw("async")) {
            this.checkComprehensionElement(first);
            const gens = this.parseComprehensionClauses();
            const close = this.expectOp("}");
            return new A.SetComp(first, gens, open.lineno, open.col, close.endLineno, close.endCol);
          }
          const elts = [first];
          while (this.acceptOp(",")) {
            if (this.isOp("}")) break;
            elts.push(this.parseElement());
          }
          this.checkUnparenthesizedTarget(elts);
          const close = this.expectClosing("}");
          return new A.Set(elts, open.lineno, open.col, close.endLineno, close.endCol);
        }
        this.p++;
        firstKey = first;
        firstValue = this.parseDictValue();
        if (this.isKw("for") || this.isKw("async")) {
          const gens = this.parseComprehensionClauses();
          const close = this.expectOp("}");
          return new A.DictComp(first, firstValue, gens, open.lineno, open.col, close.endLineno, close.endCol);
        }
      }
      const keys: (expr | null)[] = [firstKey];
      const values: expr[] = [firstValue];
      while (this.acceptOp(",")) {
        if (this.isOp("}")) break;
        if (this.acceptOp("**")) {
          keys.push(null);
          values.push(this.parseBitOr());
        } else {
          const ks = this.peek();
          const key = this.parseExpression();
          this.checkMissingComma(key, ks);
          keys.push(key);
          if (!this.isOp(":")) {
            this.raiseRaw("SyntaxError", "':' expected after dictionary key", key.end_lineno, this.charCol(key.end_lineno, key.end_col_offset), key.end_lineno, 0);
          }
          this.p++;
          values.push(this.parseDictValue());
        }
      }
      const close = this.expectClosing("}");
      return new A.Dict(keys as expr[], values, open.lineno, open.col, close.endLineno, close.endCol);
    } finally {
      this.leaveBracket();
    }
  }

  private checkComprehensionElement(x: expr): void {
    if (x instanceof A.Starred) this.errorAtNode("iterable unpacking cannot be used in comprehension", x);
  }

  /** `[x, y for x, y in z]`: CPython's invalid_comprehension. */
  private checkUnparenthesizedTarget(elts: expr[]): void {
    if (!(this.isKw("for") || this.isKw("async")) || this.speculating > 0) return;
    const prev = this.tokens[this.p - 1];
    const end: Located | Token = elts.length === 1 ? prev : elts[elts.length - 1];
    if (this.speculate(() => this.parseComprehensionClauses(), true) === null) return;
    this.errorRange("did you forget parentheses around the comprehension target?", elts[0], end);
  }

  /** A display element (star_named_expression), checked for a missing comma after it. */
  private parseElement(): expr {
    const s = this.peek();
    const x = this.parseStarNamedExpression();
    this.checkMissingComma(x, s);
    return x;
  }

  private parseDictValue(): expr {
    const s = this.peek();
    const colon = this.tokens[this.p - 1];
    if (s.type === T.OP && (s.string === "}" || s.string === ",")) {
      this.raiseAt("SyntaxError", "expression expected after dictionary key and ':'", colon.lineno, colon.col, colon.endLineno, colon.endCol);
    }
    if (s.type === T.OP && s.string === "*") {
      const v = this.speculate(() => {
        this.p++;
        return this.parseBitOr();
      }, true);
      if (v !== null) this.errorRange("cannot use a starred expression in a dictionary value", s, v);
    }
    const x = this.parseExpression();
    this.checkMissingComma(x, s);
    return x;
  }

  /** for_if_clauses */
  parseComprehensionClauses(): A.comprehension[] {
    const gens: A.comprehension[] = [];
    for (;;) {
      let isAsync = 0;
      if (this.isKw("async") && this.peekAt(1).type === T.NAME && this.peekAt(1).string === "for") {
        this.p++;
        isAsync = 1;
      }
      if (!this.acceptKw("for")) break;
      const target = this.parseStarTargets("in", true);
      this.expectKw("in");
      const iter = this.parseDisjunction();
      const ifs: expr[] = [];
      while (this.acceptKw("if")) ifs.push(this.parseDisjunction());
      gens.push(new A.comprehension(target, iter, ifs, isAsync));
      if (!this.isKw("for") && !this.isKw("async")) break;
    }
    return gens;
  }

  // ---- targets ----

  /**
   * star_targets (as in `for` and comprehensions), in Store context. In a
   * comprehension a missing 'in' is reported before a bad target (invalid_for_if_clause).
   */
  parseStarTargets(stopKw: string, comprehension = false): expr {
    const s = this.peek();
    const first = this.parseStarTarget();
    let x = first;
    if (this.isOp(",")) {
      const elts = [first];
      while (this.acceptOp(",")) {
        const t = this.peek();
        if (t.type === T.NAME && t.string === stopKw) break;
        if (!this.startsExpression(t)) break;
        elts.push(this.parseStarTarget());
      }
      const e = this.last();
      x = new A.Tuple(elts, A.LOAD_NODE, s.lineno, s.col, e.endLineno, e.endCol);
    }
    if (comprehension && !this.isKw(stopKw)) this.errorAtLastFetched("'in' expected after for-loop variables");
    return this.setContext(x, A.STORE_NODE);
  }

  parseStarTarget(): expr {
    const s = this.peek();
    if (this.acceptOp("*")) {
      const v = this.parseBitOr();
      const e = this.last();
      return new A.Starred(v, A.LOAD_NODE, s.lineno, s.col, e.endLineno, e.endCol);
    }
    return this.parseBitOr();
  }

  /** What CPython calls the expression in "cannot assign to %s". */
  describe(x: expr): string {
    switch (x._kind) {
      case "Call": return "function call";
      case "Compare": return "comparison";
      case "BoolOp": case "BinOp": case "UnaryOp": return "expression";
      case "Lambda": return "lambda";
      case "IfExp": return "conditional expression";
      case "NamedExpr": return "named expression";
      case "Await": return "await expression";
      case "Yield": case "YieldFrom": return "yield expression";
      case "GeneratorExp": return "generator expression";
      case "ListComp": return "list comprehension";
      case "SetComp": return "set comprehension";
      case "DictComp": return "dict comprehension";
      case "Dict": return "dict literal";
      case "Set": return "set display";
      case "JoinedStr": case "FormattedValue": return "f-string expression";
      case "Constant": {
        const v = x.value;
        if (v === null) return "None";
        if (v === true) return "True";
        if (v === false) return "False";
        if (v === PySingletonValue.Ellipsis) return "ellipsis";
        return "literal";
      }
      case "Starred": return "starred";
      case "Name": return "name";
      case "Attribute": return "attribute";
      case "Subscript": return "subscript";
      case "List": return "list";
      case "Tuple": return "tuple";
      case "Slice": return "slice";
    }
  }

  /** Find the first sub-expression that cannot be a target (CPython's _PyPegen_get_invalid_target). */
  invalidTarget(x: expr, del: boolean): expr | null {
    switch (x._kind) {
      case "Name": case "Attribute": case "Subscript": return null;
      case "Starred":
        if (del) return x;
        return this.invalidTarget(x.value, del);
      case "Tuple": case "List":
        for (const e of x.elts) {
          const bad = this.invalidTarget(e, del);
          if (bad !== null) return bad;
        }
        return null;
      case "Compare":
        // `for x in y` parsed as a comparison: blame the left side if it is the problem.
        if (!del && x.ops[0] === A.IN_NODE) return this.invalidTarget(x.left, del);
        return x;
      default:
        return x;
    }
  }

  /** Give a target expression its context, or raise CPython's "cannot assign to/delete" error. */
  setContext(x: expr, ctx: A.expr_context): expr {
    const bad = this.invalidTarget(x, ctx === A.DEL_NODE);
    if (bad !== null) {
      const verb = ctx === A.DEL_NODE ? "delete" : "assign to";
      this.errorAtNode(`cannot ${verb} ${this.describe(bad)}`, bad);
    }
    this.applyContext(x, ctx);
    return x;
  }

  private applyContext(x: expr, ctx: A.expr_context): void {
    switch (x._kind) {
      case "Name": case "Attribute": case "Subscript":
        x.ctx = ctx;
        break;
      case "Starred":
        x.ctx = ctx;
        this.applyContext(x.value, ctx);
        break;
      case "Tuple": case "List":
        x.ctx = ctx;
        for (const e of x.elts) this.applyContext(e, ctx);
        break;
    }
  }

  // ---- lambda and parameters ----

  parseLambda(): expr {
    const s = this.expectKw("lambda");
    this.enter();
    const args = this.parseParameters(":", false);
    if (!this.isOp(":")) this.syntaxErrorAtToken(this.peek(), "invalid syntax");
    this.p++;
    const body = this.parseExpression();
    this.leave();
    const e = this.last();
    return new A.Lambda(args, body, s.lineno, s.col, e.endLineno, e.endCol);
  }

  /**
   * Parameters of a def (annotations allowed) or lambda, up to `close` (not consumed).
   * Order rules and their messages follow CPython's invalid_parameters rules.
   */
  parseParameters(close: string, annotations: boolean): A.arguments {
    const posonly: A.arg[] = [];
    const args: A.arg[] = [];
    const defaults: expr[] = [];
    let vararg: A.arg | null = null;
    const kwonly: A.arg[] = [];
    const kwDefaults: (expr | null)[] = [];
    let kwarg: A.arg | null = null;
    let sawSlash = false;
    let sawStar = false;
    while (!this.isOp(close)) {
      const t = this.peek();
      if (kwarg !== null) {
        this.syntaxErrorAtToken(t, "arguments cannot follow var-keyword argument");
      }
      if (this.isOp("/")) {
        if (sawSlash) this.syntaxErrorAtToken(t, "/ may appear only once");
        if (sawStar) this.syntaxErrorAtToken(t, "/ must be ahead of *");
        if (args.length === 0) {
          const message = this.isOpAt(1, ",") ? "at least one argument must precede /" : "invalid syntax";
          this.raiseAt("SyntaxError", message, t.lineno, t.col, t.endLineno, t.endCol);
        }
        this.p++;
        sawSlash = true;
        posonly.push(...args);
        args.length = 0;
        if (this.isOp("*")) {
          const st = this.peek();
          this.raiseAt("SyntaxError", "expected comma between / and *", st.lineno, st.col, st.endLineno, st.endCol);
        }
      } else if (this.isOp("*")) {
        if (sawStar) this.syntaxErrorAtToken(t, "* argument may appear only once");
        this.p++;
        sawStar = true;
        if (this.isOp(",") || this.isOp(close)) {
          // bare '*'
          if (this.isOp(close) || this.isOpAt(1, close) || this.isOpAt(1, "**")) {
            // CPython: at the '*' in a def, at the token after it in a lambda.
            if (annotations) this.syntaxErrorAtToken(t, "named arguments must follow bare *");
            this.errorAtLastFetched("named arguments must follow bare *");
          }
        } else {
          vararg = this.parseParam(annotations, true);
          if (this.isOp("=")) {
            const eq = this.peek();
            this.raiseAt("SyntaxError", "var-positional argument cannot have default value", eq.lineno, eq.col, eq.endLineno, eq.endCol);
          }
        }
      } else if (this.isOp("**")) {
        this.p++;
        kwarg = this.parseParam(annotations, false);
        if (this.isOp("=")) {
          const eq = this.peek();
          this.raiseAt("SyntaxError", "var-keyword argument cannot have default value", eq.lineno, eq.col, eq.endLineno, eq.endCol);
        }
      } else {
        if (t.type === T.OP && t.string === "(") this.parenthesizedParameters(t, annotations);
        const a = this.parseParam(annotations, false);
        let def: expr | null = null;
        const eq = this.acceptOp("=");
        if (eq) {
          if (this.isOp(",") || (annotations && this.isOp(close))) {
            // CPython's invalid_default (in a lambda only before a comma).
            this.raiseAt("SyntaxError", "expected default value expression", eq.lineno, eq.col, eq.endLineno, eq.endCol);
          }
          const ds = this.peek();
          def = this.parseExpression();
          this.checkMissingComma(def, ds);
        }
        if (sawStar) {
          kwonly.push(a);
          kwDefaults.push(def);
        } else {
          if (def !== null) defaults.push(def);
          else if (defaults.length > 0) {
            this.errorAtNode("parameter without a default follows parameter with a default", a);
          }
          args.push(a);
        }
      }
      if (!this.acceptOp(",")) break;
    }
    return new A.arguments(posonly, args, vararg, kwonly, kwDefaults as expr[], kwarg, defaults);
  }

  /** `def f((a, b)):` — CPython: "Function parameters cannot be parenthesized". */
  private parenthesizedParameters(open: Token, def: boolean): void {
    const closeParen = this.speculate(() => {
      this.p++;
      do {
        if (this.isOp(")")) break;
        this.expectName();
        if (def && this.acceptOp(":")) this.parseExpression();
      } while (this.acceptOp(","));
      return this.expectOp(")");
    }, true);
    if (closeParen === null) return;
    this.errorRange(def ? "Function parameters cannot be parenthesized" : "Lambda expression parameters cannot be parenthesized", open, closeParen);
  }

  private parseParam(annotations: boolean, starAnnotation: boolean): A.arg {
    const name = this.expectName();
    let ann: expr | null = null;
    if (annotations && this.acceptOp(":")) {
      if (starAnnotation && this.isOp("*")) ann = this.parseStarExpression();
      else ann = this.parseExpression();
    }
    const e = this.last();
    return new A.arg(name.string, ann, null, name.lineno, name.col, e.endLineno, e.endCol);
  }

  // ---- strings ----

  /** One or more adjacent string/f-string tokens -> Constant or JoinedStr. */
  parseStrings(): expr {
    const first = this.peek();
    let bytesCount = 0;
    let strCount = 0;
    let hasF = false;
    // Collected pieces: literal parts (merged later) and formatted values.
    const values: (StrPart | A.FormattedValue)[] = [];
    let bytesOut: Uint8Array[] | null = null;
    let isU = false;
    for (;;) {
      const t = this.peek();
      if (t.type === T.STRING) {
        this.p++;
        const q = this.quoteIndex(t.string);
        const prefix = t.string.slice(0, q).toLowerCase();
        const triple = t.string.length - q >= 6 && t.string.charCodeAt(q) === t.string.charCodeAt(q + 1) && t.string.charCodeAt(q) === t.string.charCodeAt(q + 2);
        const qlen = triple ? 3 : 1;
        const body = t.string.slice(q + qlen, t.string.length - qlen);
        const raw = prefix.indexOf("r") >= 0;
        if (t === first && prefix === "u") isU = true;
        const fail = (msg: string): never => this.raiseAt("SyntaxError", msg, t.lineno, t.col, t.endLineno, t.endCol);
        if (prefix.indexOf("b") >= 0) {
          bytesCount++;
          (bytesOut ??= []).push(decodeBytes(body, raw, fail, this.escapeWarner(t)));
        } else {
          strCount++;
          const value = raw ? body : decodeStr(body, false, fail, this.escapeWarner(t));
          values.push({ value, u: prefix === "u", lineno: t.lineno, col: t.col, endLineno: t.endLineno, endCol: t.endCol });
        }
      } else if (t.type === T.FSTRING_START) {
        hasF = true;
        strCount++;
        this.parseFString(values);
      } else break;
    }
    const e = this.last();
    if (bytesCount > 0 && strCount > 0) {
      this.errorAtLastFetched("cannot mix bytes and nonbytes literals");
    }
    if (bytesOut !== null) {
      let total = 0;
      for (const b of bytesOut) total += b.length;
      const all = new Uint8Array(total);
      let off = 0;
      for (const b of bytesOut) {
        all.set(b, off);
        off += b.length;
      }
      return new A.Constant(new PyBytesValue(all), null, first.lineno, first.col, e.endLineno, e.endCol);
    }
    if (!hasF) {
      let v = "";
      for (const part of values) v += (part as StrPart).value;
      return new A.Constant(v, isU ? "u" : null, first.lineno, first.col, e.endLineno, e.endCol);
    }
    return new A.JoinedStr(this.mergeParts(values), first.lineno, first.col, e.endLineno, e.endCol);
  }

  /** Report an escape warning at string token `t` (CPython: its line, and its position as an error). */
  private escapeWarner(t: Token): (message: string) => void {
    return (message) => this.warn("SyntaxWarning", message, t);
  }

  /**
   * Escape warnings of an f-string's literal part: CPython decodes these parts when the
   * f-string is complete and reports them at its FSTRING_END token. "\{" and "\}" are
   * left to the tokenizer, which has warned already.
   */
  private fstringEscapeWarner(specToken: Token | null = null): (message: string) => void {
    return (message) => {
      if (message === "invalid escape sequence '\\{'" || message === "invalid escape sequence '\\}'") return;
      this.warn("SyntaxWarning", message, specToken ?? this.fstringEnd());
    };
  }

  /** The FSTRING_END token closing the f-string the cursor is in (or the token at the cursor). */
  private fstringEnd(): Token {
    let depth = 0;
    for (let i = this.p; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.type === T.FSTRING_START) depth++;
      else if (t.type === T.FSTRING_END && depth-- === 0) return t;
      else if (t.type === T.ERRORTOKEN || t.type === T.ENDMARKER) break;
    }
    return this.tokens[Math.min(this.p, this.tokens.length - 1)];
  }

  private quoteIndex(s: string): number {
    let i = 0;
    while (i < s.length && s.charCodeAt(i) !== 34 && s.charCodeAt(i) !== 39) i++;
    return i;
  }

  /** CPython's RAISE_SYNTAX_ERROR_ON_NEXT_TOKEN: at the token the parser stands on. */
  private errorOnNextToken(message: string): never {
    const t = this.peek();
    if (t.type === T.ENDMARKER) this.eofError();
    this.raiseAt("SyntaxError", message, t.lineno, t.col, t.endLineno, t.endCol);
  }

  /** Adjacent literal parts become one Constant (empty ones vanish), as CPython concatenates them. */
  private mergeParts(values: (StrPart | A.FormattedValue)[]): expr[] {
    const out: expr[] = [];
    let run: StrPart | null = null;
    let text = "";
    const flush = (): void => {
      if (run !== null && text !== "") {
        out.push(new A.Constant(text, run.u ? "u" : null, run.lineno, run.col, run.endLineno, run.endCol));
      }
      run = null;
      text = "";
    };
    for (const v of values) {
      if (v instanceof A.FormattedValue) {
        flush();
        out.push(v);
      } else {
        if (v.value === "") continue;
        if (run === null) run = { ...v };
        else {
          run.endLineno = v.endLineno;
          run.endCol = v.endCol;
        }
        text += v.value;
      }
    }
    flush();
    return out;
  }

  /** FSTRING_START (FSTRING_MIDDLE | replacement field)* FSTRING_END, appended to `values`. */
  private parseFString(values: (StrPart | A.FormattedValue)[]): void {
    const start = this.next();
    const prefix = start.string.toLowerCase();
    const raw = prefix.indexOf("r") >= 0;
    for (;;) {
      const t = this.peek();
      if (t.type === T.FSTRING_END) {
        this.p++;
        return;
      }
      if (t.type === T.FSTRING_MIDDLE) {
        this.p++;
        values.push(this.middlePart(t, raw, true, this.fstringEscapeWarner()));
        continue;
      }
      if (t.type === T.OP && t.string === "{") {
        this.parseReplacementField(raw, values);
        continue;
      }
      this.syntaxErrorAtToken(t, "invalid syntax");
    }
  }

  private middlePart(t: Token, raw: boolean, braces: boolean, warn: (message: string) => void): StrPart {
    const fail = (msg: string): never => this.raiseAt("SyntaxError", msg, t.lineno, t.col, t.endLineno, t.endCol);
    let value: string;
    if (raw) value = braces ? t.string.replace(/\{\{/g, "{").replace(/\}\}/g, "}") : t.string;
    else value = decodeStr(t.string, braces, fail, warn);
    return { value, u: false, lineno: t.lineno, col: t.col, endLineno: t.endLineno, endCol: t.endCol };
  }

  private parseReplacementField(raw: boolean, out: (StrPart | A.FormattedValue)[]): void {
    const open = this.expectOp("{");
    const fieldStart = this.peek();
    if (fieldStart.type === T.OP && (fieldStart.string === "}" || fieldStart.string === "!" || fieldStart.string === ":" || fieldStart.string === "=")) {
      this.raiseAt("SyntaxError", `f-string: valid expression required before '${fieldStart.string}'`, fieldStart.lineno, fieldStart.col, fieldStart.endLineno, fieldStart.endCol);
    }
    if (fieldStart.type === T.NAME && fieldStart.string === "lambda") {
      // CPython's invalid_replacement_field: a lambda needs parentheses here.
      const colon = this.speculate(() => {
        this.p++;
        this.parseParameters(":", false);
        return this.expectOp(":");
      }, true);
      if (colon !== null) this.errorRange("f-string: lambda expressions are not allowed without parentheses", fieldStart, colon);
    }
    const value = this.speculate(() => this.parseYieldOrStarExpressions(), true);
    if (value === null) {
      if (!this.startsExpression(this.peek()) && !this.isKw("yield")) this.errorOnNextToken("f-string: expecting a valid expression after '{'");
      this.parseYieldOrStarExpressions(); // raises CPython's error for the expression
      throw new Error("unreachable");
    }
    this.checkMissingComma(value, fieldStart);
    let debugText: string | null = null;
    if (this.isOp("=")) {
      this.p++;
      debugText = this.src.slice(open.end, this.peek().start);
      if (!this.isOp("!") && !this.isOp(":") && !this.isOp("}")) this.errorOnNextToken("f-string: expecting '!', or ':', or '}'");
    } else if (!this.isOp("!") && !this.isOp(":") && !this.isOp("}")) {
      this.errorOnNextToken("f-string: expecting '=', or '!', or ':', or '}'");
    }
    let conversion = -1;
    let convTok: Token | null = null;
    if (this.isOp("!")) {
      const bang = this.next();
      const name = this.peek();
      if (name.type === T.OP && (name.string === ":" || name.string === "}")) this.errorOnNextToken("f-string: missing conversion character");
      if (name.type !== T.NAME) this.errorOnNextToken("f-string: invalid conversion character");
      if (name.start !== bang.end) {
        this.raiseAt("SyntaxError", "f-string: conversion type must come right after the exclamanation mark", bang.lineno, bang.col, name.endLineno, name.endCol);
      }
      this.p++;
      conversion = name.string.charCodeAt(0);
      convTok = name;
      if (!this.isOp(":") && !this.isOp("}")) this.errorOnNextToken("f-string: expecting ':' or '}'");
    }
    let spec: A.JoinedStr | null = null;
    let colon: Token | null = null;
    if (this.isOp(":")) {
      colon = this.next();
      const parts: (StrPart | A.FormattedValue)[] = [];
      for (;;) {
        const t = this.peek();
        if (t.type === T.FSTRING_MIDDLE) {
          this.p++;
          parts.push(this.middlePart(t, raw, false, this.fstringEscapeWarner(t)));
        } else if (t.type === T.OP && t.string === "{") {
          this.parseReplacementField(raw, parts);
        } else break;
      }
      const e = this.last();
      spec = new A.JoinedStr(this.mergeParts(parts), colon.lineno, colon.col, e.endLineno, e.endCol);
    }
    const close = this.peek();
    if (!(close.type === T.OP && close.string === "}")) {
      this.errorOnNextToken(colon !== null ? "f-string: expecting '}', or format specs" : "f-string: expecting '}'");
    }
    this.p++;
    if (convTok !== null && convTok.string !== "r" && convTok.string !== "s" && convTok.string !== "a") {
      // CPython checks the character once the whole field is read.
      this.raiseAt("SyntaxError", `f-string: invalid conversion character ${reprStrLike(convTok.string)}: expected 's', 'r', or 'a'`, convTok.lineno, convTok.col, convTok.endLineno, convTok.endCol);
    }
    if (debugText !== null) {
      if (conversion === -1 && spec === null) conversion = 114; // 'r'
      // CPython: the debug text's end is just before the conversion name, the spec's
      // colon, or the closing brace.
      let el: number;
      let ec: number;
      if (convTok !== null) {
        el = convTok.lineno;
        ec = convTok.col - 1;
      } else if (colon !== null) {
        el = colon.lineno;
        ec = colon.col;
      } else {
        el = close.endLineno;
        ec = close.endCol - 1;
      }
      out.push({ value: debugText, u: false, lineno: open.lineno, col: open.col + 1, endLineno: el, endCol: ec });
    }
    out.push(new A.FormattedValue(value, conversion, spec, open.lineno, open.col, close.endLineno, close.endCol));
  }
}
