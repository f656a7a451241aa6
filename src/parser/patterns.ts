// `match` statement patterns (PEP 634), CPython's grammar from `patterns` down.
import * as A from "../ast/nodes.generated.js";
import { PyComplexValue } from "../bytecode/values.js";
import { ExpressionParser } from "./expressions.js";
import { KEYWORDS } from "./parserBase.js";
import { T, type Token } from "./tokenizer.js";

type pattern = A.pattern;

export class PatternParser extends ExpressionParser {
  /** patterns: open_sequence_pattern | pattern */
  parsePatterns(): pattern {
    const s = this.peek();
    const first = this.parseMaybeStarPattern();
    if (!this.isOp(",")) {
      if (first instanceof A.MatchStar) {
        const e = this.last();
        return new A.MatchSequence([first], s.lineno, s.col, e.endLineno, e.endCol);
      }
      return first;
    }
    const items = [first];
    while (this.acceptOp(",")) {
      if (this.isOp(":") || this.isKw("if")) break;
      items.push(this.parseMaybeStarPattern());
    }
    const e = this.last();
    return new A.MatchSequence(items, s.lineno, s.col, e.endLineno, e.endCol);
  }

  parseMaybeStarPattern(): pattern {
    const s = this.peek();
    if (this.acceptOp("*")) {
      const name = this.expectName();
      const e = this.last();
      return new A.MatchStar(name.string === "_" ? null : name.string, s.lineno, s.col, e.endLineno, e.endCol);
    }
    return this.parsePattern();
  }

  /** pattern: or_pattern ['as' NAME] */
  parsePattern(): pattern {
    const s = this.peek();
    this.enter();
    const p = this.parseOrPattern();
    this.leave();
    if (this.isKw("as")) {
      this.p++;
      const t = this.peek();
      if (t.type === T.NAME && t.string === "_") {
        this.raiseAt("SyntaxError", "cannot use '_' as a target", t.lineno, t.col, t.endLineno, t.endCol);
      }
      if (!(t.type === T.NAME && !KEYWORDS.has(t.string))) {
        if (t.type === T.NAME || t.type === T.NUMBER || t.type === T.STRING || t.type === T.OP) {
          const x = this.speculate(() => this.parseExpression());
          if (x !== null) this.errorAtNode(`invalid pattern target`, x);
        }
        this.syntaxErrorAtToken(t, "invalid syntax");
      }
      this.p++;
      if (this.isOp(".") || this.isOp("(") || this.isOp("=")) {
        this.syntaxErrorAtToken(this.peek(), "invalid syntax");
      }
      return new A.MatchAs(p, t.string, s.lineno, s.col, t.endLineno, t.endCol);
    }
    return p;
  }

  parseOrPattern(): pattern {
    const s = this.peek();
    const first = this.parseClosedPattern();
    if (!this.isOp("|")) return first;
    const alts = [first];
    while (this.acceptOp("|")) alts.push(this.parseClosedPattern());
    const e = this.last();
    return new A.MatchOr(alts, s.lineno, s.col, e.endLineno, e.endCol);
  }

  parseClosedPattern(): pattern {
    const t = this.peek();
    switch (t.type) {
      case T.NUMBER:
        return this.valuePattern(this.parseSignedOrComplex(), t);
      case T.STRING:
      case T.FSTRING_START: {
        // f-strings are accepted here; the compiler rejects them.
        return this.valuePattern(this.parseStrings(), t);
      }
      case T.NAME: {
        if (t.string === "None" || t.string === "True" || t.string === "False") {
          this.p++;
          const v = t.string === "None" ? null : t.string === "True";
          return new A.MatchSingleton(v, t.lineno, t.col, t.endLineno, t.endCol);
        }
        if (KEYWORDS.has(t.string)) return this.syntaxErrorAtToken(t, "invalid syntax");
        this.p++;
        let x: A.expr = new A.Name(t.string, A.LOAD_NODE, t.lineno, t.col, t.endLineno, t.endCol);
        let dotted = false;
        while (this.acceptOp(".")) {
          const name = this.expectName();
          x = new A.Attribute(x, name.string, A.LOAD_NODE, t.lineno, t.col, name.endLineno, name.endCol);
          dotted = true;
        }
        if (this.isOp("(")) return this.parseClassPattern(x, t);
        if (dotted) return new A.MatchValue(x, t.lineno, t.col, x.end_lineno, x.end_col_offset);
        if (t.string === "_") return new A.MatchAs(null, null, t.lineno, t.col, t.endLineno, t.endCol);
        return new A.MatchAs(null, t.string, t.lineno, t.col, t.endLineno, t.endCol);
      }
      case T.OP:
        if (t.string === "-") return this.valuePattern(this.parseSignedOrComplex(), t);
        if (t.string === "(") return this.parseParenPattern();
        if (t.string === "[") return this.parseBracketPattern();
        if (t.string === "{") return this.parseMappingPattern();
        break;
    }
    return this.syntaxErrorAtToken(t, "invalid syntax");
  }

  private valuePattern(x: A.expr, s: Token): pattern {
    const e = this.last();
    return new A.MatchValue(x, s.lineno, s.col, e.endLineno, e.endCol);
  }

  /** signed_number | complex_number (real +/- imaginary). */
  parseSignedOrComplex(): A.expr {
    const s = this.peek();
    let x = this.parseSignedNumber();
    if (this.isOp("+") || this.isOp("-")) {
      // CPython's _PyPegen_ensure_real: the real part of a complex literal.
      const real = x instanceof A.UnaryOp ? x.operand : x;
      if (real instanceof A.Constant && real.value instanceof PyComplexValue) this.errorAtNode("real number required in complex literal", real);
      const opTok = this.next();
      const imagTok = this.peek();
      if (imagTok.type !== T.NUMBER) this.syntaxErrorAtToken(imagTok, "invalid syntax");
      const imag = this.parseAtom();
      if (!(imag instanceof A.Constant && imag.value instanceof PyComplexValue)) {
        this.errorAtNode("imaginary number required in complex literal", imag);
      }
      const e = this.last();
      x = new A.BinOp(x, opTok.string === "+" ? A.ADD_NODE : A.SUB_NODE, imag, s.lineno, s.col, e.endLineno, e.endCol);
    }
    return x;
  }

  private parseSignedNumber(): A.expr {
    const s = this.peek();
    if (this.acceptOp("-")) {
      const t = this.peek();
      if (t.type !== T.NUMBER) this.syntaxErrorAtToken(t, "invalid syntax");
      const v = this.parseAtom();
      const e = this.last();
      return new A.UnaryOp(A.USUB_NODE, v, s.lineno, s.col, e.endLineno, e.endCol);
    }
    return this.parseAtom();
  }

  private parseParenPattern(): pattern {
    const open = this.expectOp("(");
    if (this.isOp(")")) {
      const close = this.next();
      return new A.MatchSequence([], open.lineno, open.col, close.endLineno, close.endCol);
    }
    const first = this.parseMaybeStarPattern();
    if (this.isOp(")")) {
      // group_pattern; a star pattern alone is neither a group nor a sequence (no comma).
      if (first instanceof A.MatchStar) this.syntaxErrorAtToken(this.peek(), "invalid syntax");
      this.p++;
      return first;
    }
    const items = [first];
    while (this.acceptOp(",")) {
      if (this.isOp(")")) break;
      items.push(this.parseMaybeStarPattern());
    }
    const close = this.expectOp(")");
    return new A.MatchSequence(items, open.lineno, open.col, close.endLineno, close.endCol);
  }

  private parseBracketPattern(): pattern {
    const open = this.expectOp("[");
    const items: pattern[] = [];
    while (!this.isOp("]")) {
      items.push(this.parseMaybeStarPattern());
      if (!this.acceptOp(",")) break;
    }
    const close = this.expectOp("]");
    return new A.MatchSequence(items, open.lineno, open.col, close.endLineno, close.endCol);
  }

  private parseMappingPattern(): pattern {
    const open = this.expectOp("{");
    const keys: A.expr[] = [];
    const patterns: pattern[] = [];
    let rest: string | null = null;
    while (!this.isOp("}")) {
      if (this.acceptOp("**")) {
        const r = this.peek();
        if (r.type === T.NAME && r.string === "_") this.syntaxErrorAtToken(r, "invalid syntax");
        rest = this.expectName().string;
        this.acceptOp(",");
        break;
      }
      keys.push(this.parseMappingKey());
      this.expectOp(":");
      patterns.push(this.parsePattern());
      if (!this.acceptOp(",")) break;
    }
    const close = this.expectOp("}");
    return new A.MatchMapping(keys, patterns, rest, open.lineno, open.col, close.endLineno, close.endCol);
  }

  private parseMappingKey(): A.expr {
    const t = this.peek();
    if (t.type === T.NUMBER || (t.type === T.OP && t.string === "-")) return this.parseSignedOrComplex();
    if (t.type === T.STRING || t.type === T.FSTRING_START) return this.parseStrings();
    if (t.type === T.NAME) {
      if (t.string === "None" || t.string === "True" || t.string === "False") return this.parseAtom();
      const name = this.expectName();
      let x: A.expr = new A.Name(name.string, A.LOAD_NODE, name.lineno, name.col, name.endLineno, name.endCol);
      if (!this.isOp(".")) this.syntaxErrorAtToken(this.peek(), "invalid syntax");
      while (this.acceptOp(".")) {
        const n2 = this.expectName();
        x = new A.Attribute(x, n2.string, A.LOAD_NODE, name.lineno, name.col, n2.endLineno, n2.endCol);
      }
      return x;
    }
    return this.syntaxErrorAtToken(t, "invalid syntax");
  }

  private parseClassPattern(cls: A.expr, s: Token): pattern {
    this.expectOp("(");
    const patterns: pattern[] = [];
    const kwdAttrs: string[] = [];
    const kwdPatterns: pattern[] = [];
    // Positional patterns right after keyword ones: CPython's invalid_class_pattern
    // reports that first run (first to last) even if the rest does not parse.
    const misplaced: pattern[] = [];
    let runClosed = false;
    const parseArgs = (): null => {
      while (!this.isOp(")")) {
        const t = this.peek();
        if (t.type === T.NAME && this.isOpAt(1, "=")) {
          if (misplaced.length > 0) runClosed = true;
          this.p += 2;
          kwdAttrs.push(t.string);
          kwdPatterns.push(this.parsePattern());
        } else {
          const p = this.parsePattern();
          if (kwdAttrs.length > 0 && !runClosed) misplaced.push(p);
          patterns.push(p);
        }
        if (!this.acceptOp(",")) break;
      }
      return null;
    };
    if (this.speculate(() => {
      parseArgs();
      return true;
    }) === null && misplaced.length === 0) {
      // Parse again outside the speculation to raise the error with its message.
      patterns.length = kwdAttrs.length = kwdPatterns.length = 0;
      parseArgs();
    }
    if (misplaced.length > 0) {
      this.errorRange("positional patterns follow keyword patterns", misplaced[0], misplaced[misplaced.length - 1]);
    }
    const close = this.expectOp(")");
    return new A.MatchClass(cls, patterns, kwdAttrs, kwdPatterns, s.lineno, s.col, close.endLineno, close.endCol);
  }

}
