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
import { formatEntrySource } from "./tracebackSource.js";
import { egExceptions } from "../objects/exceptiongroup.js";

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

/** The "    line\n    carets\n" part of one frame entry. */
function formatSourceLines(filename: string, frame: Frame, lasti: number): string {
  const loc = locationForOffset(frame.code.co, lasti < 0 ? 0 : lasti);
  return formatEntrySource(sourceLines(filename), loc);
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

/** The final "Type: message" line(s), with notes (TracebackException.format_exception_only). */
export function formatExceptionOnly(exc: PyObj): string {
  const name = exceptionTypeName(exc);
  let out: string;
  if (exc instanceof PyBaseException && exc.type.isSubtypeOf(SyntaxErrorType)) {
    out = formatSyntaxError(exc, name);
  } else {
    const msg = safeStr(exc);
    out = msg === "" ? `${name}\n` : `${name}: ${msg}\n`;
  }
  let notes: PyObj | null = null;
  try {
    notes = getAttrOrNull(exc, "__notes__");
  } catch (e) {
    notes = new PyList([`Ignored error getting __notes__: ${e instanceof PyBaseException ? safeRepr(e, "__notes__") : "?"}`]);
  }
  if (notes !== null && notes !== None) {
    if (notes instanceof PyList || notes instanceof PyTuple) {
      for (const n of notes.items) {
        let text: string;
        try {
          text = str(n);
        } catch {
          text = "<note str() failed>";
        }
        for (const l of text.split("\n")) out += l + "\n";
      }
    } else {
      out += `${safeRepr(notes, "__notes__")}\n`;
    }
  }
  return out;
}
function safeRepr(v: PyObj, what: string): string {
  try {
    return repr(v);
  } catch {
    return `<${what} repr() failed>`;
  }
}

function attrOrNone(o: PyObj, name: string): PyObj {
  try {
    return getAttrOrNull(o, name) ?? None;
  } catch {
    return None;
  }
}

/** TracebackException._format_syntax_error. */
function formatSyntaxError(exc: PyBaseException, stype: string): string {
  const filename = attrOrNone(exc, "filename");
  const lineno = attrOrNone(exc, "lineno");
  const endLineno = attrOrNone(exc, "end_lineno");
  const text = attrOrNone(exc, "text");
  const offsetV = attrOrNone(exc, "offset");
  const endOffsetV = attrOrNone(exc, "end_offset");
  const msgV = attrOrNone(exc, "msg");
  const linenoStr = lineno === None ? null : str(lineno);
  const endLinenoStr = endLineno === None ? null : str(endLineno);
  const fname = filename === None || filename === "" ? "<string>" : str(filename);
  let out = "";
  let suffix = "";
  if (linenoStr !== null) out += `  File "${fname}", line ${linenoStr}\n`;
  else if (filename !== None) suffix = ` (${str(filename)})`;
  if (typeof text === "string") {
    const rtext = text.replace(/\n+$/, "");
    const ltext = rtext.replace(/^[ \n\f]+/, "");
    const spaces = [...rtext].length - [...ltext].length;
    const textLen = [...text].length, rlen = [...rtext].length;
    if (offsetV === None) {
      out += `    ${ltext}\n`;
    } else if (typeof offsetV === "number" || typeof offsetV === "boolean") {
      let offset = Number(offsetV);
      let endOffset: number;
      if (linenoStr === endLinenoStr) {
        endOffset = (typeof endOffsetV === "number" || typeof endOffsetV === "boolean") && Number(endOffsetV) !== 0 ? Number(endOffsetV) : offset;
      } else {
        endOffset = rlen + 1;
      }
      if (text !== "" && offset > textLen) offset = rlen + 1;
      if (text !== "" && endOffset > textLen) endOffset = rlen + 1;
      if (offset >= endOffset || endOffset < 0) endOffset = offset + 1;
      const colno = offset - 1 - spaces;
      const endColno = endOffset - 1 - spaces;
      if (colno >= 0) {
        const caretSpace = [...ltext].slice(0, colno).map((c) => (/\s/.test(c) ? c : " ")).join("");
        out += `    ${ltext}\n`;
        out += `    ${caretSpace}${"^".repeat(Math.max(0, endColno - colno))}\n`;
      } else {
        out += `    ${ltext}\n`;
      }
    }
  }
  let msg = msgV === None ? "" : safeStr(msgV);
  if (msg === "") msg = "<no detail available>";
  out += `${stype}: ${msg}${suffix}\n`;
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
    const subs = toArray(egExceptions(e));
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
