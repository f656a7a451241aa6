// The AST optimizer: constant folding exactly where CPython 3.13's Python/ast_opt.c folds
// (and nowhere else), since folded constants change co_consts and the bytecode.
// Nodes are rewritten in place, as CPython does (a folded BinOp becomes a Constant that
// keeps the BinOp's position).
import { markSourceFrozenset } from "../bytecode/constOrigin.js";
import type * as ast from "../ast/nodes.generated.js";
import { PySetValue, PyTupleValue, type MarshalValue } from "../bytecode/values.js";
import { NO_FOLD, foldBinop, foldSubscript, foldUnaryop, type Folded } from "./constEval.js";
import { setKey } from "./constants.js";

type Mutable = Record<string, unknown>;

/** Turn `node` into a Constant (position kept), unless folding failed. */
function makeConst(node: ast.expr, value: Folded): void {
  if (value === NO_FOLD) return;
  const n = node as unknown as Mutable;
  for (const k of Object.keys(n)) {
    if (k !== "lineno" && k !== "col_offset" && k !== "end_lineno" && k !== "end_col_offset") delete n[k];
  }
  n._kind = "Constant";
  n.value = value;
  n.kind = null;
}

/** COPY_NODE: overwrite `to` with all of `from` (fields and position). */
function copyNode(to: ast.expr, from: ast.expr): void {
  const t = to as unknown as Mutable;
  for (const k of Object.keys(t)) delete t[k];
  Object.assign(t, from);
}

function isConst(e: ast.expr | null): e is ast.Constant {
  return e !== null && e._kind === "Constant";
}

function makeConstTuple(elts: ast.expr[]): Folded {
  for (const e of elts) if (!isConst(e)) return NO_FOLD;
  return new PyTupleValue(elts.map((e) => (e as ast.Constant).value));
}

function hasStarred(elts: ast.expr[]): boolean {
  return elts.some((e) => e._kind === "Starred");
}

function frozensetOf(t: PyTupleValue): MarshalValue {
  const seen = new Set<string>();
  const items: MarshalValue[] = [];
  for (const v of t.items) {
    const k = setKey(v);
    if (seen.has(k)) continue;
    seen.add(k);
    items.push(v);
  }
  return markSourceFrozenset(new PySetValue(true, items)); // see bytecode/constOrigin.ts
}

function isHashableConst(v: MarshalValue): boolean {
  return !(v instanceof PySetValue && !v.frozen);
}

export class AstOptimizer {
  constructor(
    private readonly futureAnnotations: boolean,
    private readonly optimizeLevel = 0,
  ) {}

  optimizeModule(mod: ast.mod): void {
    switch (mod._kind) {
      case "Module":
        this.body(mod.body);
        break;
      case "Interactive":
        this.stmts(mod.body);
        break;
      case "Expression":
        this.expr(mod.body);
        break;
    }
  }

  private body(stmts: ast.stmt[]): void {
    const hadDoc = docString(stmts);
    this.stmts(stmts);
    if (!hadDoc && docString(stmts)) {
      // A folded string constant must not become a docstring: wrap it in a JoinedStr.
      const st = stmts[0] as ast.Expr;
      st.value = {
        _kind: "JoinedStr", values: [st.value],
        lineno: st.lineno, col_offset: st.col_offset, end_lineno: st.end_lineno, end_col_offset: st.end_col_offset,
      } as unknown as ast.JoinedStr;
    }
  }

  private stmts(stmts: ast.stmt[]): void {
    for (const s of stmts) this.stmt(s);
  }

  private exprs(es: (ast.expr | null)[]): void {
    for (const e of es) if (e) this.expr(e);
  }

  private args(a: ast.arguments): void {
    for (const x of [...a.posonlyargs, ...a.args]) this.arg(x);
    if (a.vararg) this.arg(a.vararg);
    for (const x of a.kwonlyargs) this.arg(x);
    this.exprs(a.kw_defaults);
    if (a.kwarg) this.arg(a.kwarg);
    this.exprs(a.defaults);
  }

  private arg(a: ast.arg): void {
    if (!this.futureAnnotations && a.annotation) this.expr(a.annotation);
  }

  private typeParams(tps: ast.type_param[]): void {
    for (const tp of tps) {
      if (tp._kind === "TypeVar" && tp.bound) this.expr(tp.bound);
      if (tp.default_value) this.expr(tp.default_value);
    }
  }

  private stmt(s: ast.stmt): void {
    switch (s._kind) {
      case "FunctionDef":
      case "AsyncFunctionDef":
        this.typeParams(s.type_params);
        this.args(s.args);
        this.body(s.body);
        this.exprs(s.decorator_list);
        if (!this.futureAnnotations && s.returns) this.expr(s.returns);
        break;
      case "ClassDef":
        this.typeParams(s.type_params);
        this.exprs(s.bases);
        for (const k of s.keywords) this.expr(k.value);
        this.body(s.body);
        this.exprs(s.decorator_list);
        break;
      case "Return":
        if (s.value) this.expr(s.value);
        break;
      case "Delete":
        this.exprs(s.targets);
        break;
      case "Assign":
        this.exprs(s.targets);
        this.expr(s.value);
        break;
      case "AugAssign":
        this.expr(s.target);
        this.expr(s.value);
        break;
      case "AnnAssign":
        this.expr(s.target);
        if (!this.futureAnnotations) this.expr(s.annotation);
        if (s.value) this.expr(s.value);
        break;
      case "TypeAlias":
        this.expr(s.name);
        this.typeParams(s.type_params);
        this.expr(s.value);
        break;
      case "For":
        this.expr(s.target);
        this.expr(s.iter);
        this.stmts(s.body);
        this.stmts(s.orelse);
        this.foldIter(s.iter);
        break;
      case "AsyncFor":
        this.expr(s.target);
        this.expr(s.iter);
        this.stmts(s.body);
        this.stmts(s.orelse);
        break;
      case "While":
      case "If":
        this.expr(s.test);
        this.stmts(s.body);
        this.stmts(s.orelse);
        break;
      case "With":
      case "AsyncWith":
        for (const it of s.items) {
          this.expr(it.context_expr);
          if (it.optional_vars) this.expr(it.optional_vars);
        }
        this.stmts(s.body);
        break;
      case "Match":
        this.expr(s.subject);
        for (const c of s.cases) {
          this.pattern(c.pattern);
          if (c.guard) this.expr(c.guard);
          this.stmts(c.body);
        }
        break;
      case "Raise":
        if (s.exc) this.expr(s.exc);
        if (s.cause) this.expr(s.cause);
        break;
      case "Try":
      case "TryStar":
        this.stmts(s.body);
        for (const h of s.handlers) {
          if (h.type) this.expr(h.type);
          this.stmts(h.body);
        }
        this.stmts(s.orelse);
        this.stmts(s.finalbody);
        break;
      case "Assert":
        this.expr(s.test);
        if (s.msg) this.expr(s.msg);
        break;
      case "Expr":
        this.expr(s.value);
        break;
    }
  }

  private pattern(p: ast.pattern): void {
    switch (p._kind) {
      case "MatchValue":
        this.expr(p.value);
        break;
      case "MatchSequence":
        for (const q of p.patterns) this.pattern(q);
        break;
      case "MatchMapping":
        this.exprs(p.keys);
        for (const q of p.patterns) this.pattern(q);
        break;
      case "MatchClass":
        this.expr(p.cls);
        for (const q of p.patterns) this.pattern(q);
        for (const q of p.kwd_patterns) this.pattern(q);
        break;
      case "MatchAs":
        if (p.pattern) this.pattern(p.pattern);
        break;
      case "MatchOr":
        for (const q of p.patterns) this.pattern(q);
        break;
    }
  }

  private comprehensions(gens: ast.comprehension[]): void {
    for (const g of gens) {
      this.expr(g.target);
      this.expr(g.iter);
      this.exprs(g.ifs);
      this.foldIter(g.iter);
    }
  }

  expr(e: ast.expr): void {
    switch (e._kind) {
      case "BoolOp":
        this.exprs(e.values);
        break;
      case "BinOp": {
        // left-deep chains iteratively (children first, then fold, innermost outwards)
        const chain: ast.BinOp[] = [e];
        let left = e.left;
        while (left._kind === "BinOp") {
          chain.push(left);
          left = left.left;
        }
        this.expr(left);
        for (let i = chain.length - 1; i >= 0; i--) {
          this.expr(chain[i].right);
          this.foldBinop(chain[i]);
        }
        break;
      }
      case "UnaryOp":
        this.expr(e.operand);
        this.foldUnaryop(e);
        break;
      case "Lambda":
        this.args(e.args);
        this.expr(e.body);
        break;
      case "IfExp":
        this.expr(e.test);
        this.expr(e.body);
        this.expr(e.orelse);
        break;
      case "Dict":
        this.exprs(e.keys);
        this.exprs(e.values);
        break;
      case "Set":
        this.exprs(e.elts);
        break;
      case "ListComp":
      case "SetComp":
      case "GeneratorExp":
        this.expr(e.elt);
        this.comprehensions(e.generators);
        break;
      case "DictComp":
        this.expr(e.key);
        this.expr(e.value);
        this.comprehensions(e.generators);
        break;
      case "Await":
      case "YieldFrom":
        this.expr(e.value);
        break;
      case "Yield":
        if (e.value) this.expr(e.value);
        break;
      case "Compare":
        this.expr(e.left);
        this.exprs(e.comparators);
        this.foldCompare(e);
        break;
      case "Call":
        this.expr(e.func);
        this.exprs(e.args);
        for (const k of e.keywords) this.expr(k.value);
        break;
      case "FormattedValue":
        this.expr(e.value);
        if (e.format_spec) this.expr(e.format_spec);
        break;
      case "JoinedStr":
        this.exprs(e.values);
        break;
      case "Attribute":
        this.expr(e.value);
        break;
      case "Subscript":
        this.expr(e.value);
        this.expr(e.slice);
        if (e.ctx._kind === "Load" && isConst(e.value) && isConst(e.slice)) {
          makeConst(e, foldSubscript(e.value.value, e.slice.value));
        }
        break;
      case "Starred":
        this.expr(e.value);
        break;
      case "Slice":
        if (e.lower) this.expr(e.lower);
        if (e.upper) this.expr(e.upper);
        if (e.step) this.expr(e.step);
        break;
      case "List":
        this.exprs(e.elts);
        break;
      case "Tuple":
        this.exprs(e.elts);
        if (e.ctx._kind === "Load") makeConst(e, makeConstTuple(e.elts));
        break;
      case "Name":
        if (e.ctx._kind === "Load" && e.id === "__debug__") makeConst(e, this.optimizeLevel === 0);
        break;
      case "NamedExpr":
        this.expr(e.value);
        break;
      case "Constant":
        break;
    }
  }

  private foldUnaryop(e: ast.UnaryOp): void {
    const arg = e.operand;
    if (arg._kind !== "Constant") {
      if (e.op._kind === "Not" && arg._kind === "Compare" && arg.ops.length === 1) {
        const inverse: Record<string, string> = { Is: "IsNot", IsNot: "Is", In: "NotIn", NotIn: "In" };
        const inv = inverse[arg.ops[0]._kind];
        if (inv) {
          arg.ops = [{ _kind: inv } as unknown as ast.cmpop];
          copyNode(e, arg);
        }
      }
      return;
    }
    makeConst(e, foldUnaryop(e.op._kind, arg.value));
  }

  private foldBinop(e: ast.BinOp): void {
    const lhs = e.left;
    const rhs = e.right;
    if (lhs._kind !== "Constant") return;
    if (e.op._kind === "Mod" && rhs._kind === "Tuple" && typeof lhs.value === "string" && !hasStarred(rhs.elts)) {
      optimizeFormat(e, lhs.value, rhs.elts);
      return;
    }
    if (rhs._kind !== "Constant") return;
    makeConst(e, foldBinop(e.op._kind, lhs.value, rhs.value));
  }

  private foldIter(arg: ast.expr): void {
    let folded: Folded;
    if (arg._kind === "List") {
      if (hasStarred(arg.elts)) return;
      (arg as unknown as Mutable)._kind = "Tuple";
      folded = makeConstTuple(arg.elts);
    } else if (arg._kind === "Set") {
      folded = makeConstTuple(arg.elts);
      if (folded !== NO_FOLD) {
        if (!(folded as PyTupleValue).items.every(isHashableConst)) return;
        folded = frozensetOf(folded as PyTupleValue);
      }
    } else {
      return;
    }
    makeConst(arg, folded);
  }

  private foldCompare(e: ast.Compare): void {
    const i = e.ops.length - 1;
    const op = e.ops[i]._kind;
    if (op === "In" || op === "NotIn") this.foldIter(e.comparators[i]);
  }
}

function docString(stmts: ast.stmt[]): boolean {
  if (!stmts.length) return false;
  const s = stmts[0];
  return s._kind === "Expr" && s.value._kind === "Constant" && typeof s.value.value === "string";
}

// --- '%s' % (a, b) -> f-string --------------------------------------------------------

const MAXDIGITS = 3;

function noLocConst(value: string): ast.Constant {
  return { _kind: "Constant", value, kind: null, lineno: -1, col_offset: -1, end_lineno: -1, end_col_offset: -1 } as unknown as ast.Constant;
}

function optimizeFormat(node: ast.BinOp, fmt: string, elts: ast.expr[]): void {
  const chars = Array.from(fmt);
  let pos = 0;
  let cnt = 0;
  const seq: ast.expr[] = [];
  for (;;) {
    // literal
    const start = pos;
    let hasPercents = false;
    while (pos < chars.length) {
      if (chars[pos] !== "%") pos++;
      else if (pos + 1 < chars.length && chars[pos + 1] === "%") {
        hasPercents = true;
        pos += 2;
      } else break;
    }
    if (pos !== start) {
      let s = chars.slice(start, pos).join("");
      if (hasPercents) s = s.split("%%").join("%");
      seq.push(noLocConst(s));
    }
    if (pos >= chars.length) break;
    if (cnt >= elts.length) return;
    pos++;
    // format spec
    let flags = 0;
    let width = -1;
    let prec = -1;
    let ch: string;
    const next = (): boolean => {
      if (pos >= chars.length) return false;
      ch = chars[pos++];
      return true;
    };
    if (!next()) return;
    for (;;) {
      if (ch! === "-") flags |= 1;
      else if (ch! === "+" || ch! === " " || ch! === "#" || ch! === "0") flags |= 2;
      else break;
      if (!next()) return;
    }
    if (ch! >= "0" && ch! <= "9") {
      width = 0;
      let digits = 0;
      while (ch! >= "0" && ch! <= "9") {
        width = width * 10 + Number(ch!);
        if (!next()) return;
        if (++digits >= MAXDIGITS) return;
      }
    }
    if (ch! === ".") {
      if (!next()) return;
      prec = 0;
      let digits = 0;
      while (ch! >= "0" && ch! <= "9") {
        prec = prec * 10 + Number(ch!);
        if (!next()) return;
        if (++digits >= MAXDIGITS) return;
      }
    }
    const spec = ch!;
    if (spec !== "s" && spec !== "r" && spec !== "a") return;
    // '+', ' ', '#', '0' flags are accepted (as CPython's parser does); only '-' matters
    let buf = "";
    if (!(flags & 1) && width > 0) buf += ">";
    if (width >= 0) buf += String(width);
    if (prec >= 0) buf += "." + String(prec);
    const arg = elts[cnt++];
    seq.push({
      _kind: "FormattedValue", value: arg, conversion: spec.charCodeAt(0),
      format_spec: buf ? noLocConst(buf) : null,
      lineno: arg.lineno, col_offset: arg.col_offset, end_lineno: arg.end_lineno, end_col_offset: arg.end_col_offset,
    } as unknown as ast.FormattedValue);
  }
  if (cnt < elts.length) return;
  const n = node as unknown as Mutable;
  const loc = { lineno: node.lineno, col_offset: node.col_offset, end_lineno: node.end_lineno, end_col_offset: node.end_col_offset };
  for (const k of Object.keys(n)) delete n[k];
  Object.assign(n, { _kind: "JoinedStr", values: seq }, loc);
}

export function optimizeAst(mod: ast.mod, futureAnnotations = false, optimizeLevel = 0): void {
  new AstOptimizer(futureAnnotations, optimizeLevel).optimizeModule(mod);
}
