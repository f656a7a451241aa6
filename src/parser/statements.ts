// Statements: CPython's grammar from `file`/`statements` down to simple statements and
// the compound statements (if/while/for/with/try/def/class/match), plus blocks.
import * as A from "../ast/nodes.generated.js";
import { AUG_OPS } from "./expressions.js";
import { KEYWORDS } from "./parserBase.js";
import { PatternParser } from "./patterns.js";
import { T, type Token } from "./tokenizer.js";

type stmt = A.stmt;
type expr = A.expr;

export class StatementParser extends PatternParser {
  /** statements until DEDENT or ENDMARKER. */
  parseStatements(): stmt[] {
    const body: stmt[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === T.ENDMARKER || t.type === T.DEDENT) break;
      this.parseStatement(body);
    }
    return body;
  }

  /** One statement line (compound, or simple statements separated by ';'), appended to `out`. */
  parseStatement(out: stmt[]): void {
    const t = this.peek();
    if (t.type === T.NAME) {
      switch (t.string) {
        case "def": out.push(this.parseFunctionDef([], null)); return;
        case "if": out.push(this.parseIf()); return;
        case "class": out.push(this.parseClassDef([])); return;
        case "with": out.push(this.parseWith(null)); return;
        case "for": out.push(this.parseFor(null)); return;
        case "try": out.push(this.parseTry()); return;
        case "while": out.push(this.parseWhile()); return;
        case "async": {
          const n = this.peekAt(1);
          if (n.type === T.NAME) {
            this.p++;
            if (n.string === "def") { out.push(this.parseFunctionDef([], t)); return; }
            if (n.string === "with") { out.push(this.parseWith(t)); return; }
            if (n.string === "for") { out.push(this.parseFor(t)); return; }
            this.p--;
          }
          break;
        }
        case "match": {
          const m = this.tryParseMatch();
          if (m !== null) {
            out.push(m);
            return;
          }
          if (this.matchWithoutColon !== null) {
            // `match x` + newline: "expected ':'" unless the line is a valid statement.
            const nl = this.matchWithoutColon;
            this.matchWithoutColon = null;
            const ok = this.speculate(() => {
              const list: stmt[] = [];
              this.parseSimpleStatements(list);
              return list;
            });
            if (ok === null) this.raiseAt("SyntaxError", "expected ':'", nl.lineno, nl.col, nl.endLineno, nl.endCol);
            out.push(...ok);
            return;
          }
          break;
        }
      }
    } else if (t.type === T.OP && t.string === "@") {
      out.push(this.parseDecorated());
      return;
    } else if (t.type === T.INDENT) {
      this.errorAtIndentToken("IndentationError", "unexpected indent", t);
    }
    this.parseSimpleStatements(out);
  }

  parseSimpleStatements(out: stmt[]): void {
    out.push(this.parseSimpleStatement());
    while (this.acceptOp(";")) {
      if (this.peek().type === T.NEWLINE) break;
      out.push(this.parseSimpleStatement());
    }
    const t = this.peek();
    const lastStmt = out[out.length - 1];
    if (t.type !== T.NEWLINE && !(lastStmt instanceof A.Import || lastStmt instanceof A.ImportFrom || lastStmt instanceof A.Global ||
        lastStmt instanceof A.Nonlocal || lastStmt instanceof A.Pass || lastStmt instanceof A.Break || lastStmt instanceof A.Continue)) {
      // CPython's second pass tries invalid_expression on what follows (`a b`), reading
      // on while expressions follow one another; that can reach a tokenizer error.
      const saved = this.p;
      const savedFetched = this.maxFetched;
      const lastOf = (x: expr | null): expr | null => (x instanceof A.Tuple && x.elts.length > 0 ? x.elts[x.elts.length - 1] : x);
      let prev: expr | null = lastStmt instanceof A.Expr ? lastOf(lastStmt.value) : null;
      while (this.startsExpression(this.peek())) {
        // After an expression that is a plain name CPython parses on with its error
        // rules (invalid_legacy_expression); else only tries the next expression.
        const r: expr | null = prev instanceof A.Name
          ? this.specificErrors(() => this.parseStarExpressions())
          : this.speculate(() => this.parseExpression(), true);
        if (r === null) break;
        prev = lastOf(r);
      }
      this.p = saved;
      this.maxFetched = savedFetched;
      this.syntaxErrorAtToken(t, "invalid syntax");
    }
    if (t.type !== T.NEWLINE) this.syntaxErrorAtToken(t, "invalid syntax");
    this.p++;
  }

  parseSimpleStatement(): stmt {
    const s = this.peek();
    if (s.type === T.NAME) {
      switch (s.string) {
        case "pass": this.p++; return new A.Pass(s.lineno, s.col, s.endLineno, s.endCol);
        case "break": this.p++; return new A.Break(s.lineno, s.col, s.endLineno, s.endCol);
        case "continue": this.p++; return new A.Continue(s.lineno, s.col, s.endLineno, s.endCol);
        case "return": {
          this.p++;
          const v = this.startsExpression(this.peek()) ? this.parseStarExpressions() : null;
          const e = this.last();
          return new A.Return(v, s.lineno, s.col, e.endLineno, e.endCol);
        }
        case "import": return this.parseImport();
        case "from": return this.parseFromImport();
        case "raise": {
          this.p++;
          let exc: expr | null = null;
          let cause: expr | null = null;
          if (this.startsExpression(this.peek())) {
            exc = this.parseExpression();
            if (this.acceptKw("from")) cause = this.parseExpression();
          }
          const e = this.last();
          return new A.Raise(exc, cause, s.lineno, s.col, e.endLineno, e.endCol);
        }
        case "global":
        case "nonlocal": {
          this.p++;
          const names = [this.expectName().string];
          while (this.acceptOp(",")) names.push(this.expectName().string);
          const e = this.last();
          return s.string === "global"
            ? new A.Global(names, s.lineno, s.col, e.endLineno, e.endCol)
            : new A.Nonlocal(names, s.lineno, s.col, e.endLineno, e.endCol);
        }
        case "del": {
          this.p++;
          const targets = this.parseDelTargets();
          const e = this.last();
          return new A.Delete(targets, s.lineno, s.col, e.endLineno, e.endCol);
        }
        case "assert": {
          this.p++;
          const test = this.parseExpression();
          const msg = this.acceptOp(",") ? this.parseExpression() : null;
          const e = this.last();
          return new A.Assert(test, msg, s.lineno, s.col, e.endLineno, e.endCol);
        }
        case "type": {
          const n = this.peekAt(1);
          if (n.type === T.NAME && !KEYWORDS.has(n.string) && (this.isOpAt(2, "=") || this.isOpAt(2, "["))) {
            return this.parseTypeAlias();
          }
          break;
        }
      }
    }
    return this.parseExpressionStatement();
  }

  /** Assignment, augmented/annotated assignment, or an expression statement. */
  parseExpressionStatement(): stmt {
    const s = this.peek();
    const first = this.parseYieldOrStarExpressions();
    const t = this.peek();
    if (t.type === T.OP) {
      if (t.string === "=") {
        const targets = [first];
        let value: expr = first;
        while (this.acceptOp("=")) {
          if (!this.startsExpression(this.peek()) && !this.isKw("yield")) {
            // CPython's invalid_assignment checks the target before what follows '='.
            const bad = this.invalidTarget(value, false);
            if (bad !== null) {
              if ((bad instanceof A.Yield || bad instanceof A.YieldFrom) && bad === value && !this.isParenthesized(bad)) {
                this.errorAtNode("assignment to yield expression not possible", bad);
              }
              this.errorAtNode(`cannot assign to ${this.describe(bad)}`, bad);
            }
          }
          value = this.parseYieldOrStarExpressions();
          if (this.isOp("=")) targets.push(value);
        }
        for (let i = 0; i < targets.length; i++) {
          this.setAssignTarget(targets[i], i + 1 < targets.length ? targets[i + 1] : value, i + 1 < targets.length, i === 0);
        }
        const e = this.last();
        return new A.Assign(targets, value, null, s.lineno, s.col, e.endLineno, e.endCol);
      }
      if (t.string === ":") {
        this.p++;
        const validTarget = first instanceof A.Name || first instanceof A.Attribute || first instanceof A.Subscript;
        // CPython's first pass reads no annotation after an invalid target.
        const annotation = validTarget ? this.parseExpression() : this.specificErrors(() => this.parseExpression());
        if (annotation === null) this.syntaxErrorAtToken(t, "invalid syntax");
        if (!validTarget) {
          if (first instanceof A.Tuple) {
            // CPython: at the first element, unless the tuple is parenthesized.
            const parenthesized = s.type === T.OP && s.string === "(";
            this.errorAtNode("only single target (not tuple) can be annotated", parenthesized || first.elts.length === 0 ? first : first.elts[0]);
          }
          if (first instanceof A.List) this.errorAtNode("only single target (not list) can be annotated", first);
          this.errorAtNode("illegal target for annotation", first);
        }
        this.setContext(first, A.STORE_NODE);
        let value: expr | null = null;
        if (this.acceptOp("=")) value = this.parseYieldOrStarExpressions();
        const simple = first instanceof A.Name && !(s.type === T.OP && s.string === "(") ? 1 : 0;
        const e = this.last();
        return new A.AnnAssign(first, annotation, value, simple, s.lineno, s.col, e.endLineno, e.endCol);
      }
      const op = AUG_OPS[t.string];
      if (op !== undefined) {
        if (!(first instanceof A.Name || first instanceof A.Attribute || first instanceof A.Subscript)) {
          this.errorAtNode(`'${this.describe(first)}' is an illegal expression for augmented assignment`, first);
        }
        this.setContext(first, A.STORE_NODE);
        this.p++;
        const value = this.parseYieldOrStarExpressions();
        const e = this.last();
        return new A.AugAssign(first, op, value, s.lineno, s.col, e.endLineno, e.endCol);
      }
    }
    if (first instanceof A.Name && (first.id === "print" || first.id === "exec") && s.type === T.NAME && this.startsExpression(t)) {
      // CPython's invalid_legacy_expression.
      const b = this.speculate(() => this.parseStarExpressions(), true);
      if (b !== null) this.errorRange(`Missing parentheses in call to '${first.id}'. Did you mean ${first.id}(...)?`, first, b);
    }
    const e = this.last();
    return new A.Expr(first, s.lineno, s.col, e.endLineno, e.endCol);
  }

  /** `next`: the expression after this target's '=' (CPython suggests '==' when it is an operand). */
  private setAssignTarget(target: expr, next: expr, nextIsTarget: boolean, first: boolean): void {
    const bad = this.invalidTarget(target, false);
    if (bad !== null) {
      const parenthesized = this.isParenthesized(bad);
      if (bad === target && (bad instanceof A.Yield || bad instanceof A.YieldFrom) && !parenthesized) {
        this.errorAtNode("assignment to yield expression not possible", bad);
      }
      const what = this.describe(bad);
      // CPython's invalid_named_expression: `a = b` where `a` is an operand-level
      // expression and `b` one too, not followed by another '='.
      if (bad === target && (this.isBitwiseOrLevel(bad) || parenthesized) && !(bad instanceof A.GeneratorExp) &&
          !(bad instanceof A.Constant && (bad.value === true || bad.value === false || bad.value === null)) &&
          first && !nextIsTarget && this.isBitwiseOrLevel(next)) {
        this.errorAtNode(`cannot assign to ${what} here. Maybe you meant '==' instead of '='?`, bad);
      }
      this.errorAtNode(`cannot assign to ${what}`, bad);
    }
    this.setContext(target, A.STORE_NODE);
  }

  /** Is the expression written in parentheses (a group)? */
  private isParenthesized(x: expr): boolean {
    // The token before the expression's first token.
    let lo = 0;
    let hi = this.tokens.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = this.tokens[mid];
      if (t.lineno < x.lineno || (t.lineno === x.lineno && t.col < x.col_offset)) lo = mid + 1;
      else hi = mid;
    }
    const prev = lo > 0 ? this.tokens[lo - 1] : null;
    return prev !== null && prev.type === T.OP && prev.string === "(";
  }

  private parseDelTargets(): expr[] {
    const targets: expr[] = [];
    for (;;) {
      const x = this.parseStarTarget();
      this.setContext(x, A.DEL_NODE);
      targets.push(x);
      if (!this.acceptOp(",")) break;
      if (!this.startsExpression(this.peek())) break;
    }
    return targets;
  }

  private parseTypeAlias(): stmt {
    const s = this.next();
    const nameTok = this.expectName();
    const name = new A.Name(nameTok.string, A.STORE_NODE, nameTok.lineno, nameTok.col, nameTok.endLineno, nameTok.endCol);
    const typeParams = this.isOp("[") ? this.parseTypeParams(true) : [];
    this.expectOp("=");
    const value = this.parseExpression();
    const e = this.last();
    return new A.TypeAlias(name, typeParams, value, s.lineno, s.col, e.endLineno, e.endCol);
  }

  parseTypeParams(alias: boolean): A.type_param[] {
    this.expectOp("[");
    const params: A.type_param[] = [];
    if (this.isOp("]")) {
      // CPython's cursor is after the ']' (after the '=' for a type alias, which its
      // first pass has read by then).
      const close = this.next();
      this.errorStartingFrom("Type parameter list cannot be empty", close, alias ? this.peek() : close);
    }
    while (!this.isOp("]")) {
      const s = this.peek();
      if (this.acceptOp("*")) {
        const name = this.expectName();
        if (this.isOp(":")) {
          const c = this.next();
          const bound = this.parseExpression();
          this.errorRange("cannot use bound with TypeVarTuple", c, bound);
        }
        const def = this.acceptOp("=") ? this.parseStarExpression() : null;
        const e = this.last();
        params.push(new A.TypeVarTuple(name.string, def, s.lineno, s.col, e.endLineno, e.endCol));
      } else if (this.acceptOp("**")) {
        const name = this.expectName();
        if (this.isOp(":")) {
          const c = this.next();
          const bound = this.parseExpression();
          this.errorRange("cannot use bound with ParamSpec", c, bound);
        }
        const def = this.acceptOp("=") ? this.parseExpression() : null;
        const e = this.last();
        params.push(new A.ParamSpec(name.string, def, s.lineno, s.col, e.endLineno, e.endCol));
      } else {
        const name = this.expectName();
        const bound = this.acceptOp(":") ? this.parseExpression() : null;
        const def = this.acceptOp("=") ? this.parseExpression() : null;
        const e = this.last();
        params.push(new A.TypeVar(name.string, bound, def, s.lineno, s.col, e.endLineno, e.endCol));
      }
      if (!this.acceptOp(",")) break;
    }
    this.expectOp("]");
    return params;
  }

  // ---- imports ----

  private parseDottedName(): string {
    let name = this.expectName().string;
    while (this.acceptOp(".")) name += "." + this.expectName().string;
    return name;
  }

  private parseImport(): stmt {
    const s = this.next();
    const names: A.alias[] = [];
    if (this.peek().type === T.NEWLINE) {
      const nl = this.peek();
      const c = this.charCol(nl.lineno, nl.col) + 1;
      this.raiseRaw("SyntaxError", "Expected one or more names after 'import'", nl.lineno, c, nl.lineno, c);
    }
    do {
      const a = this.peek();
      const name = this.parseDottedName();
      const asname = this.acceptKw("as") ? this.expectName().string : null;
      const e = this.last();
      names.push(new A.alias(name, asname, a.lineno, a.col, e.endLineno, e.endCol));
    } while (this.acceptOp(","));
    if (this.isKw("from")) {
      // import a from b: CPython's invalid_import.
      const ok = this.speculate(() => {
        this.p++;
        this.parseDottedName();
        return this.peek();
      }, true);
      if (ok !== null) this.errorStartingFrom("Did you mean to use 'from ... import ...' instead?", s, ok);
    }
    const e = this.last();
    return new A.Import(names, s.lineno, s.col, e.endLineno, e.endCol);
  }

  private parseFromImport(): stmt {
    const s = this.next();
    let level = 0;
    for (;;) {
      if (this.acceptOp(".")) level++;
      else if (this.acceptOp("...")) level += 3;
      else break;
    }
    let module: string | null = null;
    if (level === 0 || !this.isKw("import")) module = this.parseDottedName();
    this.expectKw("import");
    const names: A.alias[] = [];
    if (this.peek().type === T.NEWLINE) {
      const nl = this.peek();
      this.raiseRaw("SyntaxError", "Expected one or more names after 'import'", nl.lineno, this.charCol(nl.lineno, nl.col) + 1, nl.lineno, this.charCol(nl.lineno, nl.col) + 1);
    }
    const star = this.acceptOp("*");
    if (star) {
      names.push(new A.alias("*", null, star.lineno, star.col, star.endLineno, star.endCol));
    } else {
      const paren = this.acceptOp("(");
      do {
        if (paren && this.isOp(")")) break;
        if (!paren && this.peek().type === T.NEWLINE) break;
        const a = this.expectName();
        const asname = this.acceptKw("as") ? this.expectName().string : null;
        const e = this.last();
        names.push(new A.alias(a.string, asname, a.lineno, a.col, e.endLineno, e.endCol));
      } while (this.acceptOp(","));
      if (paren) this.expectOp(")");
      else if (this.prevIsComma() && this.peek().type === T.NEWLINE) {
        this.errorAtLastFetched("trailing comma not allowed without surrounding parentheses");
      }
    }
    const e = this.last();
    return new A.ImportFrom(module, names, level, s.lineno, s.col, e.endLineno, e.endCol);
  }

  private prevIsComma(): boolean {
    const t = this.tokens[this.p - 1];
    return t.type === T.OP && t.string === ",";
  }

  // ---- blocks ----

  /**
   * ':' block — `what` names the statement for the IndentationError message. `forced`:
   * CPython's grammar has &&':' here (def, try, finally, else), so any other token is
   * "expected ':'"; elsewhere only a line end is.
   */
  parseBlock(what: string, header: Token, forced = false): stmt[] {
    const colon = this.peek();
    if (!(colon.type === T.OP && colon.string === ":")) {
      if (forced || colon.type === T.NEWLINE) this.raiseAt("SyntaxError", "expected ':'", colon.lineno, colon.col, colon.endLineno, colon.endCol);
      this.syntaxErrorAtToken(colon, "invalid syntax");
    }
    this.p++;
    const t = this.peek();
    if (t.type === T.NEWLINE) {
      this.p++;
      const ind = this.peek();
      if (ind.type !== T.INDENT) {
        const message = `expected an indented block after ${what} on line ${header.lineno}`;
        if (ind.type === T.DEDENT || ind.type === T.ENDMARKER) this.errorAtIndentToken("IndentationError", message, ind);
        this.raiseAt("IndentationError", message, ind.lineno, ind.col, ind.endLineno, ind.endCol);
      }
      this.p++;
      const body = this.parseStatements();
      const d = this.peek();
      if (d.type === T.DEDENT) this.p++;
      return body;
    }
    const body: stmt[] = [];
    this.parseSimpleStatements(body);
    return body;
  }

  // ---- compound statements ----

  private parseIf(): stmt {
    const s = this.next(); // 'if' or 'elif'
    const test = this.parseNamedExpression();
    const body = this.parseBlock(`'${s.string}' statement`, s);
    let orelse: stmt[] = [];
    if (this.isKw("elif")) {
      orelse = [this.parseIf()];
    } else if (this.isKw("else")) {
      const el = this.next();
      orelse = this.parseBlock("'else' statement", el, true);
    }
    const e = this.last();
    return new A.If(test, body, orelse, s.lineno, s.col, e.endLineno, e.endCol);
  }

  private parseWhile(): stmt {
    const s = this.next();
    const test = this.parseNamedExpression();
    const body = this.parseBlock("'while' statement", s);
    let orelse: stmt[] = [];
    if (this.isKw("else")) {
      const el = this.next();
      orelse = this.parseBlock("'else' statement", el, true);
    }
    const e = this.last();
    return new A.While(test, body, orelse, s.lineno, s.col, e.endLineno, e.endCol);
  }

  private parseFor(asyncTok: Token | null): stmt {
    const forTok = this.next();
    const s = asyncTok ?? forTok;
    const target = this.parseStarTargets("in");
    this.expectKw("in");
    const iter = this.parseStarExpressions();
    const body = this.parseBlock("'for' statement", forTok);
    let orelse: stmt[] = [];
    if (this.isKw("else")) {
      const el = this.next();
      orelse = this.parseBlock("'else' statement", el, true);
    }
    const e = this.last();
    return asyncTok !== null
      ? new A.AsyncFor(target, iter, body, orelse, null, s.lineno, s.col, e.endLineno, e.endCol)
      : new A.For(target, iter, body, orelse, null, s.lineno, s.col, e.endLineno, e.endCol);
  }

  private parseWithItem(): A.withitem {
    const ctx = this.parseExpression();
    let vars: expr | null = null;
    if (this.acceptKw("as")) {
      vars = this.setContext(this.parseStarTarget(), A.STORE_NODE);
    }
    return new A.withitem(ctx, vars);
  }

  private parseWith(asyncTok: Token | null): stmt {
    const withTok = this.next();
    const s = asyncTok ?? withTok;
    let items: A.withitem[] | null = null;
    let newlineAfterParen: Token | null = null;
    if (this.isOp("(")) {
      // with ( item, item, ) : — else the parenthesis belongs to the first expression.
      items = this.speculate(() => {
        this.p++;
        const list: A.withitem[] = [];
        while (!this.isOp(")")) {
          list.push(this.parseWithItem());
          if (!this.acceptOp(",")) break;
        }
        this.expectOp(")");
        if (!this.isOp(":")) {
          if (this.peek().type === T.NEWLINE) newlineAfterParen = this.peek();
          this.syntaxErrorAtToken(this.peek(), "invalid syntax");
        }
        return list;
      });
      if (items === null && newlineAfterParen !== null) {
        const nl: Token = newlineAfterParen;
        this.raiseAt("SyntaxError", "expected ':'", nl.lineno, nl.col, nl.endLineno, nl.endCol);
      }
    }
    if (items === null) {
      items = [this.parseWithItem()];
      while (this.acceptOp(",")) items.push(this.parseWithItem());
    }
    const body = this.parseBlock("'with' statement", withTok);
    const e = this.last();
    return asyncTok !== null
      ? new A.AsyncWith(items, body, null, s.lineno, s.col, e.endLineno, e.endCol)
      : new A.With(items, body, null, s.lineno, s.col, e.endLineno, e.endCol);
  }

  private parseTry(): stmt {
    const s = this.next();
    const body = this.parseBlock("'try' statement", s, true);
    const handlers: A.excepthandler[] = [];
    let star: boolean | null = null;
    while (this.isKw("except")) {
      const ex = this.next();
      const starTok = this.acceptOp("*");
      const isStar = starTok !== null;
      if (star === null) star = isStar;
      else if (star !== isStar) {
        const end = starTok ?? ex;
        this.raiseAt("SyntaxError", "cannot have both 'except' and 'except*' on the same 'try'", ex.lineno, ex.col, end.endLineno, end.endCol);
      }
      let type: expr | null = null;
      let name: string | null = null;
      if (this.peek().type === T.NEWLINE) {
        const nl = this.peek();
        this.raiseAt("SyntaxError", "expected ':'", nl.lineno, nl.col, nl.endLineno, nl.endCol);
      }
      if (!this.isOp(":")) {
        type = this.parseExpression();
        if (this.isOp(",")) {
          // except A, B: — CPython 3.13 requires parentheses.
          const first = type;
          this.p++;
          this.parseExpression();
          while (this.acceptOp(",")) this.parseExpression();
          if (this.acceptKw("as")) this.expectName();
          const colon = this.expectOp(":");
          this.errorStartingFrom("multiple exception types must be parenthesized", first, colon);
        }
        if (this.acceptKw("as")) name = this.expectName().string;
      } else if (isStar) {
        this.syntaxErrorAtToken(this.peek(), "expected one or more exception types");
      }
      const hbody = this.parseBlock(isStar ? "'except*' statement" : "'except' statement", ex);
      const e = this.last();
      handlers.push(new A.ExceptHandler(type, name, hbody, ex.lineno, ex.col, e.endLineno, e.endCol));
    }
    let orelse: stmt[] = [];
    let finalbody: stmt[] = [];
    if (handlers.length > 0 && this.isKw("else")) {
      const el = this.next();
      orelse = this.parseBlock("'else' statement", el, true);
    }
    if (this.isKw("finally")) {
      const f = this.next();
      finalbody = this.parseBlock("'finally' statement", f, true);
    }
    if (handlers.length === 0 && finalbody.length === 0) {
      let t = this.peek();
      // At end of input CPython's last token has no column either: report like a DEDENT.
      if (t.type === T.ENDMARKER && this.tokens[this.p - 1].type === T.DEDENT) t = this.tokens[this.p - 1];
      if (t.type === T.DEDENT || t.type === T.INDENT) this.errorAtIndentToken("SyntaxError", "expected 'except' or 'finally' block", t);
      this.errorAtLastFetched("expected 'except' or 'finally' block");
    }
    const e = this.last();
    return star === true
      ? new A.TryStar(body, handlers, orelse, finalbody, s.lineno, s.col, e.endLineno, e.endCol)
      : new A.Try(body, handlers, orelse, finalbody, s.lineno, s.col, e.endLineno, e.endCol);
  }

  private parseDecorated(): stmt {
    const decorators: expr[] = [];
    while (this.acceptOp("@")) {
      decorators.push(this.parseNamedExpression());
      const t = this.peek();
      if (t.type !== T.NEWLINE) this.syntaxErrorAtToken(t, "invalid syntax");
      this.p++;
    }
    const t = this.peek();
    if (t.type === T.NAME) {
      if (t.string === "def") return this.parseFunctionDef(decorators, null);
      if (t.string === "class") return this.parseClassDef(decorators);
      if (t.string === "async" && this.peekAt(1).type === T.NAME && this.peekAt(1).string === "def") {
        this.p++;
        return this.parseFunctionDef(decorators, t);
      }
    }
    return this.syntaxErrorAtToken(t, "invalid syntax");
  }

  private parseFunctionDef(decorators: expr[], asyncTok: Token | null): stmt {
    const defTok = this.next();
    const s = asyncTok ?? defTok;
    const name = this.expectName();
    let typeParams: A.type_param[] = [];
    if (this.isOp("[")) {
      // [type_params] is optional before CPython's &&'(': a bad one is "expected '('".
      const open = this.peek();
      const tp = this.specificErrors(() => this.parseTypeParams(false), false);
      if (tp === null) {
        if (this.peekAt(1).type === T.OP && this.peekAt(1).string === "]") this.parseTypeParams(false); // its own message
        this.raiseAt("SyntaxError", "expected '('", open.lineno, open.col, open.endLineno, open.endCol);
      }
      typeParams = tp;
    }
    if (!this.isOp("(")) {
      const t = this.peek();
      this.raiseAt("SyntaxError", "expected '('", t.lineno, t.col, t.endLineno, t.endCol);
    }
    this.p++;
    const args = this.parseParameters(")", true);
    this.expectOp(")");
    const returns = this.acceptOp("->") ? this.parseExpression() : null;
    const body = this.parseBlock("function definition", defTok, true);
    const e = this.last();
    return asyncTok !== null
      ? new A.AsyncFunctionDef(name.string, args, body, decorators, returns, null, typeParams, s.lineno, s.col, e.endLineno, e.endCol)
      : new A.FunctionDef(name.string, args, body, decorators, returns, null, typeParams, s.lineno, s.col, e.endLineno, e.endCol);
  }

  private parseClassDef(decorators: expr[]): stmt {
    const s = this.next();
    const name = this.expectName();
    const typeParams = this.isOp("[") ? this.parseTypeParams(false) : [];
    let bases: expr[] = [];
    let keywords: A.keyword[] = [];
    const open = this.acceptOp("(");
    if (open) {
      [bases, keywords] = this.parseArguments(open, false);
      this.expectOp(")");
    }
    const body = this.parseBlock("class definition", s);
    const e = this.last();
    return new A.ClassDef(name.string, bases, keywords, body, decorators, typeParams, s.lineno, s.col, e.endLineno, e.endCol);
  }

  // ---- match ----

  /** Set by tryParseMatch for `match SUBJECT` + newline (see parseStatement). */
  private matchWithoutColon: Token | null = null;

  /** `match` is a soft keyword: parse a match statement, or return null if this line is not one. */
  private tryParseMatch(): stmt | null {
    const s = this.peek();
    const header = this.speculate(() => {
      this.p++;
      const subject = this.parseMatchSubject();
      this.expectOp(":");
      if (this.peek().type !== T.NEWLINE) this.syntaxErrorAtToken(this.peek(), "invalid syntax");
      return subject;
    });
    if (header === null) {
      const saved = this.p;
      const nl = this.speculate(() => {
        this.p++;
        this.parseMatchSubject();
        const t = this.peek();
        if (t.type !== T.NEWLINE) this.syntaxErrorAtToken(t, "invalid syntax");
        return t;
      }, true);
      this.p = saved;
      this.matchWithoutColon = nl;
      return null;
    }
    this.p++; // NEWLINE
    const ind = this.peek();
    if (ind.type !== T.INDENT) {
      this.raiseAt("IndentationError", `expected an indented block after 'match' statement on line ${s.lineno}`, ind.lineno, ind.col, ind.endLineno, ind.endCol);
    }
    this.p++;
    const cases: A.match_case[] = [];
    while (this.isKw("case")) {
      const c = this.next();
      const pattern = this.parsePatterns();
      const guard = this.acceptKw("if") ? this.parseNamedExpression() : null;
      const body = this.parseBlock("'case' statement", c);
      cases.push(new A.match_case(pattern, guard, body));
    }
    if (cases.length === 0) this.syntaxErrorAtToken(this.peek(), "invalid syntax");
    const d = this.peek();
    if (d.type !== T.DEDENT) this.syntaxErrorAtToken(d, "invalid syntax");
    this.p++;
    const e = this.last();
    return new A.Match(header, cases, s.lineno, s.col, e.endLineno, e.endCol);
  }

  private parseMatchSubject(): expr {
    const s = this.peek();
    const first = this.parseStarNamedExpression();
    if (!this.isOp(",")) {
      if (first instanceof A.Starred) this.syntaxErrorAtToken(this.peek(), "invalid syntax");
      return first;
    }
    const elts = [first];
    while (this.acceptOp(",")) {
      if (this.isOp(":")) break;
      elts.push(this.parseStarNamedExpression());
    }
    const e = this.last();
    return new A.Tuple(elts, A.LOAD_NODE, s.lineno, s.col, e.endLineno, e.endCol);
  }
}
