// ast.dump() exactly as CPython 3.13.2 prints it (Lib/ast.py, `dump` with
// show_empty=False): fields that are None or [] are left out (except a Constant's or
// MatchSingleton's value), attributes follow with include_attributes, and constants
// print as Python's repr() of the value. `indent` gives the multi-line form.
import { NODE_INFO, type AnyNode } from "./nodes.generated.js";
import { PyBytesValue, PyComplexValue, PySingletonValue, PyTupleValue } from "../bytecode/values.js";

export interface DumpOptions {
  includeAttributes?: boolean;
  /** null: one line; a number n: n spaces per level; a string: that string per level. */
  indent?: number | string | null;
}

const NON_PRINTABLE_RE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** Python's repr() of a str (lone surrogates allowed). */
export function reprStr(s: string): string {
  const quote = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
  let out = quote;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c === 0x5c) out += "\\\\";
    else if (c === 0x27 && quote === "'") out += "\\'";
    else if (c === 0x22 && quote === '"') out += '\\"';
    else if (c === 9) out += "\\t";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + hex(c, 2);
    else if (c < 0x7f) out += String.fromCharCode(c);
    else {
      const ch = String.fromCodePoint(c);
      if (c >= 0xd800 && c <= 0xdfff) out += "\\u" + hex(c, 4);
      else if (!NON_PRINTABLE_RE.test(ch)) out += ch;
      else if (c <= 0xff) out += "\\x" + hex(c, 2);
      else if (c <= 0xffff) out += "\\u" + hex(c, 4);
      else out += "\\U" + hex(c, 8);
    }
  }
  return out + quote;
}

export function reprBytes(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    else if (c === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = "b" + quote;
  for (const c of b) {
    if (c === 0x5c) out += "\\\\";
    else if (c === 0x27 && quote === "'") out += "\\'";
    else if (c === 9) out += "\\t";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c < 0x20 || c >= 0x7f) out += "\\x" + hex(c, 2);
    else out += String.fromCharCode(c);
  }
  return out + quote;
}

/** Python's repr() of a float ('r' format: shortest round-trip digits). */
export function reprFloat(x: number, addDotZero = true): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return (Object.is(x, -0) ? "-0" : "0") + (addDotZero ? ".0" : "");
  const sign = x < 0 ? "-" : "";
  const [mant, expPart] = Math.abs(x).toExponential().split("e");
  const digits = mant.replace(".", "");
  const exp = Number(expPart); // value = 0.d1d2... * 10^(exp+1)
  const decpt = exp + 1;
  let body: string;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) body = "0." + "0".repeat(-decpt) + digits;
    else if (decpt >= digits.length) body = digits + "0".repeat(decpt - digits.length) + (addDotZero ? ".0" : "");
    else body = digits.slice(0, decpt) + "." + digits.slice(decpt);
  } else {
    const m = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    const e = decpt - 1;
    body = m + "e" + (e < 0 ? "-" : "+") + String(Math.abs(e)).padStart(2, "0");
  }
  return sign + body;
}

export function reprComplex(c: PyComplexValue): string {
  if (c.real === 0 && !Object.is(c.real, -0)) return reprFloat(c.imag, false) + "j";
  const re = reprFloat(c.real, false);
  const im = reprFloat(c.imag, false);
  const imSigned = im.startsWith("-") ? im : "+" + im;
  return `(${re}${imSigned}j)`;
}

/** repr() of a Constant's value. */
export function reprConstant(v: unknown): string {
  if (v === null) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return reprFloat(v);
  if (typeof v === "string") return reprStr(v);
  if (v instanceof PyBytesValue) return reprBytes(v.bytes);
  if (v instanceof PyComplexValue) return reprComplex(v);
  if (v === PySingletonValue.Ellipsis) return "Ellipsis";
  if (v instanceof PyTupleValue) {
    const items = v.items.map(reprConstant);
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
  }
  return String(v);
}

function isNode(v: unknown): v is AnyNode {
  return typeof v === "object" && v !== null && "_kind" in v;
}

/** One node or list being printed (an explicit stack: trees can be deeper than the JS stack). */
interface Frame {
  /** For a node: [name, value, asConstant] per printed field/attribute; for a list: its items. */
  items: [string | null, unknown, boolean][];
  next: number;
  /** Separator between items and the text before the first (CPython's sep/prefix). */
  sep: string;
  prefix: string;
  close: string;
  level: number;
}

function isSimple(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (isNode(value)) return NODE_INFO[value._kind].fields.length === 0 && NODE_INFO[value._kind].attributes.length === 0;
  return true;
}

/**
 * Streams the text in order into chunks joined once at the end (formatting each subtree
 * into its own string, as CPython does, would copy deep trees quadratically). A node
 * is printed on several lines (with `indent`) unless all its items are simple and
 * there are at most three — decided from its own items, as CPython's _format does.
 */
export function dump(node: AnyNode, options: DumpOptions = {}): string {
  const includeAttributes = options.includeAttributes ?? false;
  const indentOpt = options.indent ?? null;
  const indent = indentOpt === null ? null : typeof indentOpt === "number" ? " ".repeat(indentOpt) : indentOpt;
  const out: string[] = [];

  function scalar(value: unknown, asConstant: boolean): string {
    if (asConstant) return reprConstant(value);
    if (typeof value === "string") return reprStr(value);
    if (typeof value === "number") return String(value);
    if (value === null || value === undefined) return "None";
    return reprConstant(value);
  }

  function nodeItems(value: AnyNode): [string | null, unknown, boolean][] {
    const items: [string | null, unknown, boolean][] = [];
    const info = NODE_INFO[value._kind];
    const keepNone = value._kind === "Constant" || value._kind === "MatchSingleton";
    const record = value as unknown as Record<string, unknown>;
    for (const [name, type] of info.fields) {
      const v = record[name];
      if (v === null || v === undefined) {
        // Optional fields default to None on the class: always left out. A required
        // field holding None (Constant.value) is shown only for Constant/MatchSingleton.
        if (type.endsWith("?") || !keepNone) continue;
      } else if (Array.isArray(v) && v.length === 0 && !keepNone) {
        continue;
      }
      items.push([name, v, type === "constant"]);
    }
    if (includeAttributes) {
      for (const name of info.attributes) {
        const v = record[name];
        if (v !== null && v !== undefined) items.push([name, v, false]);
      }
    }
    return items;
  }

  /** Print the opening of `value` and return its frame (null if printed whole). */
  function open(value: unknown, parentLevel: number): Frame | null {
    const level = indent !== null ? parentLevel + 1 : parentLevel;
    const prefix = indent !== null ? "\n" + indent.repeat(level) : "";
    const sep = indent !== null ? ",\n" + indent.repeat(level) : ", ";
    if (Array.isArray(value)) {
      if (value.length === 0) {
        out.push("[]");
        return null;
      }
      out.push("[");
      return { items: value.map((x): [string | null, unknown, boolean] => [null, x, false]), next: 0, sep, prefix, close: "]", level };
    }
    if (isNode(value)) {
      const items = nodeItems(value);
      out.push(value._kind + "(");
      const oneLine = items.length <= 3 && items.every((it) => isSimple(it[1]));
      return oneLine
        ? { items, next: 0, sep: ", ", prefix: "", close: ")", level }
        : { items, next: 0, sep, prefix, close: ")", level };
    }
    out.push(scalar(value, false));
    return null;
  }

  const stack: Frame[] = [];
  const root = open(node, 0);
  if (root !== null) stack.push(root);
  while (stack.length > 0) {
    const f = stack[stack.length - 1];
    if (f.next >= f.items.length) {
      out.push(f.close);
      stack.pop();
      continue;
    }
    out.push(f.next === 0 ? f.prefix : f.sep);
    const [name, v, asConstant] = f.items[f.next++];
    if (name !== null) out.push(name + "=");
    if (!asConstant && (isNode(v) || Array.isArray(v))) {
      const child = open(v, f.level);
      if (child !== null) stack.push(child);
    } else {
      out.push(scalar(v, asConstant));
    }
  }
  return out.join("");
}

/** The depth of the tree counted in nodes (the module is 1), without recursion. */
export function treeDepth(node: AnyNode): number {
  let max = 0;
  const stack: [unknown, number][] = [[node, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (Array.isArray(v)) {
      for (const x of v) stack.push([x, d]);
    } else if (isNode(v)) {
      if (d > max) max = d;
      const record = v as unknown as Record<string, unknown>;
      for (const [name] of NODE_INFO[v._kind].fields) {
        const x = record[name];
        if (typeof x === "object" && x !== null) stack.push([x, d + 1]);
      }
    }
  }
  return max;
}
