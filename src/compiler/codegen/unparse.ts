// Expression to source text, as CPython 3.13's Python/ast_unparse.c writes it: under
// `from __future__ import annotations` every annotation is stored as this string.
import type * as ast from "../../ast/nodes.generated.js";
import { PyBytesValue, PyComplexValue, PySetValue, PySingletonValue, PyTupleValue, type MarshalValue } from "../../bytecode/values.js";

const enum PR {
  TUPLE, TEST, OR, AND, NOT, CMP, EXPR, BOR = EXPR, BXOR, BAND, SHIFT, ARITH, TERM, FACTOR, POWER, AWAIT, ATOM,
}

export function unparseAnnotation(e: ast.expr): string {
  return expr(e, PR.TEST);
}

const BINOPS: Record<ast.operator["_kind"], [string, PR]> = {
  Add: [" + ", PR.ARITH], Sub: [" - ", PR.ARITH], Mult: [" * ", PR.TERM], MatMult: [" @ ", PR.TERM],
  Div: [" / ", PR.TERM], Mod: [" % ", PR.TERM], LShift: [" << ", PR.SHIFT], RShift: [" >> ", PR.SHIFT],
  BitOr: [" | ", PR.BOR], BitXor: [" ^ ", PR.BXOR], BitAnd: [" & ", PR.BAND], FloorDiv: [" // ", PR.TERM],
  Pow: [" ** ", PR.POWER],
};

const CMPOPS: Record<ast.cmpop["_kind"], string> = {
  Eq: " == ", NotEq: " != ", Lt: " < ", LtE: " <= ", Gt: " > ", GtE: " >= ", Is: " is ", IsNot: " is not ",
  In: " in ", NotIn: " not in ",
};

function paren(cond: boolean, s: string): string {
  return cond ? "(" + s + ")" : s;
}

function expr(e: ast.expr, level: PR): string {
  switch (e._kind) {
    case "BoolOp": {
      const pr = e.op._kind === "And" ? PR.AND : PR.OR;
      const op = e.op._kind === "And" ? " and " : " or ";
      return paren(level > pr, e.values.map((v) => expr(v, pr + 1)).join(op));
    }
    case "BinOp": {
      const [op, pr] = BINOPS[e.op._kind];
      const rassoc = e.op._kind === "Pow" ? 1 : 0;
      return paren(level > pr, expr(e.left, pr + rassoc) + op + expr(e.right, pr + 1 - rassoc));
    }
    case "UnaryOp": {
      const [op, pr] = e.op._kind === "Invert" ? ["~", PR.FACTOR] : e.op._kind === "Not" ? ["not ", PR.NOT]
        : e.op._kind === "UAdd" ? ["+", PR.FACTOR] : ["-", PR.FACTOR];
      return paren(level > (pr as PR), (op as string) + expr(e.operand, pr as PR));
    }
    case "Lambda": {
      const args = argsText(e.args);
      return paren(level > PR.TEST, (args ? "lambda " + args : "lambda") + ": " + expr(e.body, PR.TEST));
    }
    case "IfExp":
      return paren(level > PR.TEST,
        expr(e.body, PR.TEST + 1) + " if " + expr(e.test, PR.TEST + 1) + " else " + expr(e.orelse, PR.TEST));
    case "Dict": {
      const items = e.keys.map((k, i) => (k === null ? "**" + expr(e.values[i], PR.EXPR) : expr(k, PR.TEST) + ": " + expr(e.values[i], PR.TEST)));
      return "{" + items.join(", ") + "}";
    }
    case "Set":
      return e.elts.length ? "{" + e.elts.map((x) => expr(x, PR.TEST)).join(", ") + "}" : "{*()}";
    case "ListComp":
      return "[" + expr(e.elt, PR.TEST) + comps(e.generators) + "]";
    case "SetComp":
      return "{" + expr(e.elt, PR.TEST) + comps(e.generators) + "}";
    case "GeneratorExp":
      return "(" + expr(e.elt, PR.TEST) + comps(e.generators) + ")";
    case "DictComp":
      return "{" + expr(e.key, PR.TEST) + ": " + expr(e.value, PR.TEST) + comps(e.generators) + "}";
    case "Await":
      return paren(level > PR.AWAIT, "await " + expr(e.value, PR.ATOM));
    case "Yield":
      return e.value ? "(yield " + expr(e.value, PR.TEST) + ")" : "(yield)";
    case "YieldFrom":
      return "(yield from " + expr(e.value, PR.TEST) + ")";
    case "Compare": {
      let s = expr(e.left, PR.CMP + 1);
      for (let i = 0; i < e.ops.length; i++) s += CMPOPS[e.ops[i]._kind] + expr(e.comparators[i], PR.CMP + 1);
      return paren(level > PR.CMP, s);
    }
    case "Call": {
      const f = expr(e.func, PR.ATOM);
      if (e.args.length === 1 && e.keywords.length === 0 && e.args[0]._kind === "GeneratorExp") {
        return f + expr(e.args[0], PR.TEST);
      }
      const parts = e.args.map((a) => expr(a, PR.TEST));
      for (const k of e.keywords) parts.push(k.arg === null ? "**" + expr(k.value, PR.TEST) : k.arg + "=" + expr(k.value, PR.TEST));
      return f + "(" + parts.join(", ") + ")";
    }
    case "Constant":
      if (e.value === PySingletonValue.Ellipsis) return "...";
      return (e.kind ?? "") + constRepr(e.value);
    case "JoinedStr":
      return "f" + strRepr(fstringBody(e.values));
    case "FormattedValue":
      return "f" + strRepr(fstringBody([e]));
    case "Attribute": {
      const v = e.value;
      const period = v._kind === "Constant" && typeof v.value === "bigint" ? " ." : ".";
      return expr(v, PR.ATOM) + period + e.attr;
    }
    case "Subscript":
      return expr(e.value, PR.ATOM) + "[" + expr(e.slice, PR.TUPLE) + "]";
    case "Starred":
      return "*" + expr(e.value, PR.EXPR);
    case "Name":
      return e.id;
    case "List":
      return "[" + e.elts.map((x) => expr(x, PR.TEST)).join(", ") + "]";
    case "Tuple":
      if (e.elts.length === 0) return "()";
      return paren(level > PR.TUPLE, e.elts.map((x) => expr(x, PR.TEST)).join(", ") + (e.elts.length === 1 ? "," : ""));
    case "Slice": {
      let s = (e.lower ? expr(e.lower, PR.TEST) : "") + ":" + (e.upper ? expr(e.upper, PR.TEST) : "");
      if (e.step) s += ":" + expr(e.step, PR.TEST);
      return s;
    }
    case "NamedExpr":
      return paren(level > PR.TUPLE, expr(e.target, PR.ATOM) + " := " + expr(e.value, PR.ATOM));
  }
}

function comps(gens: ast.comprehension[]): string {
  let s = "";
  for (const g of gens) {
    s += (g.is_async ? " async for " : " for ") + expr(g.target, PR.TUPLE) + " in " + expr(g.iter, PR.TEST + 1);
    for (const c of g.ifs) s += " if " + expr(c, PR.TEST + 1);
  }
  return s;
}

function argText(a: ast.arg): string {
  return a.arg + (a.annotation ? ": " + expr(a.annotation, PR.TEST) : "");
}

function argsText(a: ast.arguments): string {
  const parts: string[] = [];
  const positional = [...a.posonlyargs, ...a.args];
  const firstDefault = positional.length - a.defaults.length;
  positional.forEach((p, i) => {
    let s = argText(p);
    if (i >= firstDefault) s += "=" + expr(a.defaults[i - firstDefault], PR.TEST);
    parts.push(s);
    if (i + 1 === a.posonlyargs.length) parts.push("/");
  });
  if (a.vararg || a.kwonlyargs.length) parts.push(a.vararg ? "*" + argText(a.vararg) : "*");
  a.kwonlyargs.forEach((k, i) => {
    const d = a.kw_defaults[i];
    parts.push(argText(k) + (d ? "=" + expr(d, PR.TEST) : ""));
  });
  if (a.kwarg) parts.push("**" + argText(a.kwarg));
  return parts.join(", ");
}

function fstringBody(values: ast.expr[]): string {
  let s = "";
  for (const v of values) {
    if (v._kind === "Constant" && typeof v.value === "string") {
      s += v.value.replace(/\{/g, "{{").replace(/\}/g, "}}");
    } else if (v._kind === "FormattedValue") {
      let inner = expr(v.value, PR.TEST + 1);
      if (inner.startsWith("{")) inner = " " + inner;
      s += "{" + inner;
      if (v.conversion !== -1) s += "!" + String.fromCharCode(v.conversion);
      if (v.format_spec) s += ":" + fstringBody((v.format_spec as ast.JoinedStr).values ?? [v.format_spec]);
      s += "}";
    }
  }
  return s;
}

// --- constant reprs ---------------------------------------------------------------

function constRepr(v: MarshalValue): string {
  if (v === null) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return floatRepr(v, true);
  if (typeof v === "string") return strRepr(v);
  if (v instanceof PyBytesValue) return bytesRepr(v.bytes);
  if (v instanceof PyComplexValue) {
    const im = floatRepr(v.imag, true) + "j";
    if (v.real === 0 && !Object.is(v.real, -0)) return im;
    return "(" + floatRepr(v.real, true) + (v.imag >= 0 || Number.isNaN(v.imag) ? "+" : "") + im + ")";
  }
  if (v instanceof PyTupleValue) {
    const items = v.items.map(constRepr);
    return "(" + items.join(", ") + (items.length === 1 ? "," : "") + ")";
  }
  if (v instanceof PySetValue) return v.items.length ? "frozenset({" + v.items.map(constRepr).join(", ") + "})" : "frozenset()";
  if (v === PySingletonValue.Ellipsis) return "Ellipsis";
  return String(v);
}

/** repr(float); `infAsLiteral` writes inf as 1e309 as the unparser does. */
export function floatRepr(x: number, infAsLiteral: boolean): string {
  if (Number.isNaN(x)) return infAsLiteral ? "(1e309-1e309)" : "nan";
  if (!Number.isFinite(x)) return x > 0 ? (infAsLiteral ? "1e309" : "inf") : (infAsLiteral ? "-1e309" : "-inf");
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const e = x.toExponential(); // shortest round-trip digits
  const [mant, expS] = e.split("e");
  const exp = Number(expS);
  const digits = mant.replace("-", "").replace(".", "");
  const sign = x < 0 ? "-" : "";
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    return sign + m + "e" + (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
  }
  if (exp < 0) return sign + "0." + "0".repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) return sign + digits + "0".repeat(exp + 1 - digits.length) + ".0";
  return sign + digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
}

const NONPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp < 0x7f) out += ch;
    else if (ch !== " " && NONPRINTABLE.test(ch)) {
      if (cp <= 0xff) out += "\\x" + cp.toString(16).padStart(2, "0");
      else if (cp <= 0xffff) out += "\\u" + cp.toString(16).padStart(4, "0");
      else out += "\\U" + cp.toString(16).padStart(8, "0");
    } else out += ch;
  }
  return out + quote;
}

function bytesRepr(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    if (c === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = "b" + quote;
  for (const c of b) {
    if (c === quote.charCodeAt(0) || c === 0x5c) out += "\\" + String.fromCharCode(c);
    else if (c === 9) out += "\\t";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c < 0x20 || c >= 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += String.fromCharCode(c);
  }
  return out + quote;
}
