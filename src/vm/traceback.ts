// Traceback objects and the printing of uncaught exceptions as CPython 3.13 prints them
// (Lib/traceback.py: source lines, ~~~^^^ position markers, chained sections, notes,
// "[Previous line repeated N more times]").
import { readFileSync } from "node:fs";
import {
  PyObject, PyObj, makeBuiltinType, objectType, None, typeOf,
} from "../objects/core.js";
import { defineGetSet } from "../objects/descr.js";
import { PyBaseException, BaseExceptionGroup, SyntaxError as SyntaxErrorType } from "../objects/exceptions.js";
import { str, repr, getAttrOrNull, toArray } from "../objects/abstract.js";
import { PyList, PyTuple } from "../objects/sequence.js";
import { locationForOffset } from "../bytecode/lineTable.js";
import type { Frame } from "./frame.js";

export const tracebackType = makeBuiltinType("traceback", objectType, 0);

export class PyTraceback extends PyObject {
  declare readonly next: PyObject | null;
  declare readonly frame: Frame;
  declare readonly lasti: number;
  constructor(next: PyObject | null, frame: Frame, lasti: number) {
    super(tracebackType);
    this.next = next;
    this.frame = frame;
    this.lasti = lasti;
  }
  get lineno(): number {
    return locationForOffset(this.frame.code.co, this.lasti < 0 ? 0 : this.lasti).lineno;
  }
}

/**
 * tb_next links from the outermost frame inwards; we build the chain by prepending as
 * the exception travels outwards, which gives the same order.
 */
export function installTraceback(): void {
  defineGetSet(tracebackType, "tb_next", (t) => (t as PyTraceback).next ?? None);
  defineGetSet(tracebackType, "tb_frame", (t) => (t as PyTraceback).frame);
  defineGetSet(tracebackType, "tb_lasti", (t) => (t as PyTraceback).lasti);
  defineGetSet(tracebackType, "tb_lineno", (t) => (t as PyTraceback).lineno);
}

const sourceCache = new Map<string, string[] | null>();
export function sourceLines(filename: string): string[] | null {
  let lines = sourceCache.get(filename);
  if (lines === undefined) {
    try {
      lines = readFileSync(filename, "utf8").split(/\r\n|\r|\n/);
    } catch {
      lines = null;
    }
    sourceCache.set(filename, lines);
  }
  return lines;
}
export function registerSource(filename: string, text: string): void {
  sourceCache.set(filename, text.split(/\r\n|\r|\n/));
}

function byteToCharOffset(line: string, byteOffset: number): number {
  const bytes = Buffer.from(line, "utf8");
  return bytes.subarray(0, byteOffset).toString("utf8").length;
}

interface Anchors {
  leftEnd: number;
  rightStart: number;
}

/** A small scanner over a one-line expression: top-level tokens with bracket depth. */
function findAnchors(segment: string): Anchors | null {
  const n = segment.length;
  interface Tok { start: number; end: number; text: string; depth: number }
  const toks: Tok[] = [];
  let depth = 0;
  let i = 0;
  while (i < n) {
    const c = segment[i];
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "#") return null;
    if (c === "'" || c === '"' || /[rbfuRBFU]/.test(c) && (segment[i + 1] === "'" || segment[i + 1] === '"' || (/[rbfRBF]/.test(segment[i + 1] ?? "") && (segment[i + 2] === "'" || segment[i + 2] === '"')))) {
      let j = i;
      while (segment[j] !== "'" && segment[j] !== '"') j++;
      const q = segment[j];
      const triple = segment.slice(j, j + 3) === q.repeat(3);
      j += triple ? 3 : 1;
      while (j < n) {
        if (segment[j] === "\\") {
          j += 2;
          continue;
        }
        if (triple ? segment.slice(j, j + 3) === q.repeat(3) : segment[j] === q) {
          j += triple ? 3 : 1;
          break;
        }
        j++;
      }
      toks.push({ start: i, end: j, text: "STR", depth });
      i = j;
      continue;
    }
    if (/[A-Za-z_0-9.\u0080-\uffff]/.test(c)) {
      let j = i;
      while (j < n && /[A-Za-z_0-9.\u0080-\uffff]/.test(segment[j])) {
        if ((segment[j] === "e" || segment[j] === "E") && /[0-9]/.test(segment[i]) && (segment[j + 1] === "+" || segment[j + 1] === "-")) j++;
        j++;
      }
      toks.push({ start: i, end: j, text: segment.slice(i, j), depth });
      i = j;
      continue;
    }
    if ("([{".includes(c)) {
      toks.push({ start: i, end: i + 1, text: c, depth });
      depth++;
      i++;
      continue;
    }
    if (")]}".includes(c)) {
      depth--;
      toks.push({ start: i, end: i + 1, text: c, depth });
      i++;
      continue;
    }
    const three = segment.slice(i, i + 3);
    const two = segment.slice(i, i + 2);
    let op = c;
    if (["**=", "//=", ">>=", "<<="].includes(three)) op = three;
    else if (["**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="].includes(two)) op = two;
    toks.push({ start: i, end: i + op.length, text: op, depth });
    i += op.length;
  }
  if (depth !== 0 || toks.length === 0) return null;
  const top = toks.filter((t) => t.depth === 0);
  const keywords = new Set(["and", "or", "not", "if", "else", "lambda", "in", "is", "for", "yield", "await"]);
  for (const t of top) {
    if (keywords.has(t.text) || [",", "<", ">", "<=", ">=", "==", "!=", ":=", "=", ":"].includes(t.text)) return null;
    if (/=$/.test(t.text) && t.text.length >= 2 && !["<=", ">=", "==", "!="].includes(t.text)) return null;
  }
  // Binary operators by precedence (lowest first).
  const levels = [["|"], ["^"], ["&"], ["<<", ">>"], ["+", "-"], ["*", "/", "//", "%", "@"], ["**"]];
  const isOperand = (t: Tok | undefined) => t !== undefined && (t.text === ")" || t.text === "]" || t.text === "}" || t.text === "STR" || /^[A-Za-z_0-9.\u0080-\uffff]/.test(t.text) && !keywords.has(t.text));
  for (const level of levels) {
    let found: number = -1;
    for (let k = 0; k < toks.length; k++) {
      const t = toks[k];
      if (t.depth !== 0 || !level.includes(t.text)) continue;
      if (!isOperand(toks[k - 1])) continue; // unary
      if (level[0] === "**") {
        found = k;
        break;
      }
      found = k;
    }
    if (found >= 0) {
      const t = toks[found];
      let rightStart = t.start + 1;
      if (t.text.length === 2) rightStart = t.start + 2;
      return { leftEnd: t.start, rightStart };
    }
  }
  // Unary at top level: no anchors.
  if (!isOperand(top[0]) && top[0].text !== "(" && top[0].text !== "[" && top[0].text !== "{") return null;
  const last = toks[toks.length - 1];
  if (last.text === ")" || last.text === "]") {
    // find the opening bracket matching the final one
    const open = last.text === ")" ? "(" : "[";
    let k = toks.length - 1;
    for (; k >= 0; k--) if (toks[k].text === open && toks[k].depth === last.depth) break;
    if (k > 0 && isOperand(toks[k - 1])) return { leftEnd: toks[k].start, rightStart: last.end };
  }
  return null;
}

/** The "    line\n    carets\n" part of one frame entry. */
function formatSourceLines(filename: string, frame: Frame, lasti: number): string {
  const loc = locationForOffset(frame.code.co, lasti < 0 ? 0 : lasti);
  const lines = sourceLines(filename);
  if (lines === null || loc.lineno < 1 || loc.lineno > lines.length) return "";
  const first = lines[loc.lineno - 1];
  if (first.trim() === "") return "";
  const dedented = first.replace(/^[ \t\f]+/, "");
  if (loc.col < 0 || loc.endCol < 0 || loc.endLineno < 0) return `    ${dedented.replace(/\s+$/, "")}\n`;
  if (loc.endLineno !== loc.lineno) {
    // Multi-line instruction: CPython shows the significant lines; we show the first.
    return `    ${dedented.replace(/\s+$/, "")}\n`;
  }
  const dedentChars = first.length - dedented.length;
  const start = Math.max(0, byteToCharOffset(first, loc.col) - dedentChars);
  const end = Math.max(0, byteToCharOffset(first, loc.endCol) - dedentChars);
  const line = dedented.replace(/\s+$/, "");
  const segment = dedented.slice(start, end);
  let anchors: Anchors | null = null;
  try {
    anchors = findAnchors(segment);
  } catch {
    anchors = null;
  }
  let show: boolean;
  const before = dedented.slice(0, start);
  const after = dedented.slice(end);
  const isCall = /^[A-Za-z_][\w.]*\s*\(/.test(segment) && anchors !== null && segment.endsWith(")");
  if (after.trim() === "" && isCall && (/^return\s+$/.test(before) && /^[A-Za-z_]\w*\s*\(/.test(segment) || /^[A-Za-z_]\w*\s*=\s*$/.test(before))) {
    show = false;
  } else if (anchors !== null) show = true;
  else show = before.trim() !== "" || after.trim() !== "";
  let out = `    ${line}\n`;
  if (!show) return out;
  let carets = "";
  for (let col = 0; col < end; col++) {
    if (col < start) carets += " ";
    else if (anchors !== null && col >= start + anchors.leftEnd && col < start + anchors.rightStart) carets += "^";
    else carets += anchors !== null ? "~" : "^";
  }
  out += `    ${carets}\n`;
  return out;
}

const RECURSIVE_CUTOFF = 3;

/** The traceback entries of an exception ("Traceback (most recent call last):" body). */
export function formatTracebackEntries(tb: PyObject | null): string {
  const out: string[] = [];
  let lastFile: string | null = null, lastLine = -1, lastName: string | null = null;
  let count = 0;
  const flush = () => {
    if (count > RECURSIVE_CUTOFF) {
      const n = count - RECURSIVE_CUTOFF;
      out.push(`  [Previous line repeated ${n} more time${n > 1 ? "s" : ""}]\n`);
    }
  };
  for (let t = tb as PyTraceback | null; t !== null; t = t.next as PyTraceback | null) {
    const f = t.frame;
    const filename = f.code.filename;
    const lineno = t.lineno;
    const name = f.code.name;
    if (filename !== lastFile || lineno !== lastLine || name !== lastName) {
      flush();
      lastFile = filename;
      lastLine = lineno;
      lastName = name;
      count = 0;
    }
    count++;
    if (count > RECURSIVE_CUTOFF) continue;
    out.push(`  File "${filename}", line ${lineno < 0 ? "None" : lineno}, in ${name}\n` + formatSourceLines(filename, f, t.lasti));
  }
  flush();
  return out.join("");
}

export function exceptionTypeName(exc: PyObj): string {
  const t = typeOf(exc);
  const mod = t.dict.getStr("__module__");
  const qn = t.qualname;
  if (typeof mod === "string" && mod !== "__main__" && mod !== "builtins") return `${mod}.${qn}`;
  return qn;
}

function safeStr(exc: PyObj): string {
  try {
    return str(exc);
  } catch {
    return "<exception str() failed>";
  }
}

/** The final "Type: message" line(s), with notes. */
export function formatExceptionOnly(exc: PyObj): string {
  const name = exceptionTypeName(exc);
  let out: string;
  if (exc instanceof PyBaseException && exc.type.isSubtypeOf(SyntaxErrorType)) {
    out = formatSyntaxError(exc, name);
  } else {
    const msg = safeStr(exc);
    out = msg === "" ? `${name}\n` : `${name}: ${msg}\n`;
  }
  if (exc instanceof PyBaseException) {
    const notes = exc.dict?.getStr("__notes__");
    if (notes !== undefined) {
      if (notes instanceof PyList || notes instanceof PyTuple) {
        for (const n of notes.items) out += (typeof n === "string" ? n : safeRepr(n)) + "\n";
      } else {
        out += `${safeRepr(notes)}\n`;
      }
    }
  }
  return out;
}
function safeRepr(v: PyObj): string {
  try {
    return repr(v);
  } catch {
    return "<object repr() failed>";
  }
}

function formatSyntaxError(exc: PyBaseException, name: string): string {
  const d = exc.dict;
  const filename = d?.getStr("filename");
  const lineno = d?.getStr("lineno");
  const text = d?.getStr("text");
  const offset = d?.getStr("offset");
  const endOffset = d?.getStr("end_offset");
  const msg = d?.getStr("msg") ?? exc.args[0] ?? None;
  let out = "";
  if (typeof lineno === "number") out += `  File "${typeof filename === "string" ? filename : "<string>"}", line ${lineno}\n`;
  if (typeof text === "string") {
    const line = text.replace(/\n$/, "");
    const stripped = line.replace(/^[ \t\f]+/, "");
    const lead = line.length - stripped.length;
    out += `    ${stripped.replace(/\s+$/, "")}\n`;
    if (typeof offset === "number" && offset > 0) {
      const start = offset - 1 - lead;
      let end = typeof endOffset === "number" && endOffset > offset ? endOffset - 1 - lead : start + 1;
      if (end <= start) end = start + 1;
      out += "    " + " ".repeat(Math.max(0, start)) + "^".repeat(Math.max(1, end - start)) + "\n";
    }
  }
  out += `${name}: ${str(msg)}\n`;
  return out;
}

/** The full report of an uncaught exception, chained sections included. */
export function formatException(exc: PyObj, seen: Set<PyObj> = new Set()): string {
  seen.add(exc);
  let out = "";
  if (exc instanceof PyBaseException) {
    const cause = exc.cause;
    const context = exc.context;
    if (cause !== null && cause !== None && !seen.has(cause)) {
      out += formatException(cause, seen);
      out += "\nThe above exception was the direct cause of the following exception:\n\n";
    } else if (context !== null && context !== None && !exc.suppressContext && !seen.has(context)) {
      out += formatException(context, seen);
      out += "\nDuring handling of the above exception, another exception occurred:\n\n";
    }
    if (exc.type.isSubtypeOf(BaseExceptionGroup)) return out + formatExceptionGroup(exc, 0, seen);
    if (exc.traceback !== null) {
      out += "Traceback (most recent call last):\n" + formatTracebackEntries(exc.traceback);
    }
  }
  out += formatExceptionOnly(exc);
  return out;
}

const MAX_GROUP_WIDTH = 15;
const MAX_GROUP_DEPTH = 10;

function formatExceptionGroup(exc: PyBaseException, depth: number, seen: Set<PyObj>): string {
  // CPython's TracebackException.format for groups: "  + Exception Group Traceback ..."
  const lines: string[] = [];
  const emit = (text: string, indent: string, marker: string) => {
    const parts = text.split("\n");
    if (parts[parts.length - 1] === "") parts.pop();
    parts.forEach((p, i) => lines.push((i === 0 ? marker : indent) + p));
  };
  const render = (e: PyBaseException, level: number, prefix: string): void => {
    const isGroup = e.type.isSubtypeOf(BaseExceptionGroup);
    let head = "";
    if (e.traceback !== null) {
      head = (isGroup ? "Exception Group Traceback (most recent call last):\n" : "Traceback (most recent call last):\n") + formatTracebackEntries(e.traceback);
    }
    head += formatExceptionOnly(e);
    if (level === 0) {
      emit(head, "  | ", "  + ");
    } else {
      emit(head, prefix + "| ", prefix + "| ");
    }
    if (!isGroup) return;
    const subs = toArray(e.dict!.getStr("__eg_exceptions__")!);
    const indent = level === 0 ? "  " : prefix;
    const n = subs.length;
    for (let i = 0; i < Math.min(n, MAX_GROUP_WIDTH); i++) {
      const label = `${indent}+${i === 0 ? "-" : "-"}${"-".repeat(0)}--------------- ${i + 1} ----------------`;
      lines.push(i === 0 ? `${indent}+-+---------------- ${i + 1} ----------------` : `${indent}  +---------------- ${i + 1} ----------------`);
      void label;
      const sub = subs[i] as PyBaseException;
      if (level + 1 > MAX_GROUP_DEPTH) {
        lines.push(`${indent}  | ... (max_group_depth is ${MAX_GROUP_DEPTH})`);
        continue;
      }
      renderSub(sub, level + 1, indent + "  ");
    }
    if (n > MAX_GROUP_WIDTH) {
      lines.push(`${indent}  +---------------- ... ----------------`);
      lines.push(`${indent}  | and ${n - MAX_GROUP_WIDTH} more exception${n - MAX_GROUP_WIDTH > 1 ? "s" : ""}`);
    }
    lines.push(`${indent}  +------------------------------------`);
  };
  const renderSub = (e: PyBaseException, level: number, prefix: string): void => {
    let text = "";
    const cause = e.cause, context = e.context;
    if (cause !== null && cause !== None && !seen.has(cause)) {
      text += formatException(cause, seen) + "\nThe above exception was the direct cause of the following exception:\n\n";
    } else if (context !== null && context !== None && !e.suppressContext && !seen.has(context)) {
      text += formatException(context, seen) + "\nDuring handling of the above exception, another exception occurred:\n\n";
    }
    if (text) emit(text, prefix + "| ", prefix + "| ");
    render(e, level, prefix);
  };
  void depth;
  render(exc, 0, "");
  return lines.join("\n") + "\n";
}

export { getAttrOrNull };
