// Traceback objects and the printing of uncaught exceptions as CPython 3.13 prints them
// (Lib/traceback.py: source lines, ~~~^^^ position markers, chained sections, notes,
// "[Previous line repeated N more times]").
import { readFileSync } from "node:fs";
import {
  PyObject, PyObj, makeBuiltinType, objectType, None, typeOf,
} from "../objects/core.js";
import { defineGetSet } from "../objects/descr.js";
import {
  PyBaseException, BaseExceptionGroup, SyntaxError as SyntaxErrorType, typeError, newException, RuntimeError,
  ValueError,
} from "../objects/exceptions.js";
import { str, repr, getAttrOrNull, toArray, call, getAttr } from "../objects/abstract.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { PyList, PyTuple } from "../objects/sequence.js";
import { locationForOffset } from "../bytecode/lineTable.js";
import { type Frame, frameType } from "./frame.js";
import { formatEntrySource } from "./tracebackSource.js";
import { egExceptions } from "../objects/exceptiongroup.js";
import { unraisableFormatter } from "./unraisable.js";
import { suggestionSuffix } from "./suggestions.js";

export const tracebackType = makeBuiltinType("traceback", objectType, 0);

export class PyTraceback extends PyObject {
  /** tb_next (writable from Python, loops refused). */
  declare next: PyObject | null;
  declare readonly frame: Frame;
  declare readonly lasti: number;
  /** tb_lineno given to TracebackType(); -1: computed from lasti. */
  declare linenoOverride: number;
  constructor(next: PyObject | null, frame: Frame, lasti: number) {
    super(tracebackType);
    this.next = next;
    this.frame = frame;
    this.lasti = lasti;
    this.linenoOverride = -1;
  }
  get lineno(): number {
    if (this.linenoOverride >= 0) return this.linenoOverride;
    return locationForOffset(this.frame.code.co, this.lasti < 0 ? 0 : this.lasti).lineno;
  }
}

/**
 * tb_next links from the outermost frame inwards; we build the chain by prepending as
 * the exception travels outwards, which gives the same order.
 */
export function installTraceback(): void {
  defineGetSet(tracebackType, "tb_next", (t) => (t as PyTraceback).next ?? None, (t, v) => {
    if (v === null) throw typeError("can't delete tb_next attribute");
    if (v !== None && !(v instanceof PyTraceback)) throw typeError(`expected traceback object or None, got '${typeOf(v).name}'`);
    const next = v === None ? null : (v as PyTraceback);
    for (let c: PyTraceback | null = next; c !== null; c = c.next as PyTraceback | null) {
      if (c === t) throw newException(ValueError, "traceback loop detected");
    }
    (t as PyTraceback).next = next;
  });
  // types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno)
  tracebackType.tp_new = (_cls, args, kw) => {
    if (kw !== null && kw.length > 0) throw typeError("TracebackType() takes no keyword arguments");
    if (args.length !== 4) throw typeError(`TracebackType() takes exactly 4 arguments (${args.length} given)`);
    const [next, frame, lasti, lineno] = args;
    if (next !== None && !(next instanceof PyTraceback)) throw typeError(`expected traceback object or None, got '${typeOf(next).name}'`);
    if (typeOf(frame) !== frameType) throw typeError(`TracebackType() argument 2 must be frame, not ${typeOf(frame).name}`);
    if (typeof lasti !== "number" || typeof lineno !== "number") throw typeError("'int' object expected for tb_lasti and tb_lineno");
    const tb = new PyTraceback(next === None ? null : next, frame as Frame, lasti);
    tb.linenoOverride = lineno;
    return tb;
  };
  defineGetSet(tracebackType, "tb_frame", (t) => (t as PyTraceback).frame);
  defineGetSet(tracebackType, "tb_lasti", (t) => (t as PyTraceback).lasti);
  defineGetSet(tracebackType, "tb_lineno", (t) => {
    const l = (t as PyTraceback).lineno;
    return l < 0 ? None : l;
  });
}

/**
 * Where source text comes from when the file system has none, e.g. modules inside the
 * stdlib zip archive (linecache asks the module's loader): set by the modules layer.
 */
export const sourceFallback = { read: (filename: string): string | null => (void filename, null) };

const sourceCache = new Map<string, string[] | null>();
export function sourceLines(filename: string): string[] | null {
  let lines = sourceCache.get(filename);
  if (lines === undefined) {
    try {
      lines = readFileSync(filename, "utf8").split(/\r\n|\r|\n/);
    } catch {
      let text: string | null = null;
      try {
        text = sourceFallback.read(filename);
      } catch {
        text = null;
      }
      lines = text === null ? null : text.split(/\r\n|\r|\n/);
    }
    sourceCache.set(filename, lines);
  }
  return lines;
}
export function registerSource(filename: string, text: string): void {
  sourceCache.set(filename, text.split(/\r\n|\r|\n/));
}

/** The "    line\n    carets\n" part of one frame entry. */
function formatSourceLines(filename: string, frame: Frame, lasti: number, carets: boolean): string {
  const loc = locationForOffset(frame.code.co, lasti < 0 ? 0 : lasti);
  return formatEntrySource(sourceLines(filename), loc, carets);
}

const RECURSIVE_CUTOFF = 3;

/** The traceback entries of an exception ("Traceback (most recent call last):" body). */
export function formatTracebackEntries(tb: PyObject | null, carets = true): string {
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
    out.push(`  File "${filename}", line ${lineno < 0 ? "None" : lineno}, in ${name}\n` + formatSourceLines(filename, f, t.lasti, carets));
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
    let msg = safeStr(exc);
    try {
      msg += suggestionSuffix(exc);
    } catch {
      // (a suggestion is best effort)
    }
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

/** One exception prepared for printing (traceback.TracebackException, compact=True). */
interface TracebackExc {
  exc: PyObj;
  cause: TracebackExc | null;
  context: TracebackExc | null;
  suppressContext: boolean;
  exceptions: TracebackExc[] | null;
}

function tracebackOf(e: PyObj): PyObject | null {
  return e instanceof PyBaseException ? e.traceback : null;
}

/** TracebackException.__init__: the cause/context/sub-exception tree; `seen` breaks cycles. */
function buildTracebackExc(top: PyObj): TracebackExc {
  const seen = new Set<PyObj>();
  const make = (e: PyObj): TracebackExc => {
    seen.add(e);
    return { exc: e, cause: null, context: null, suppressContext: e instanceof PyBaseException && e.suppressContext, exceptions: null };
  };
  const root = make(top);
  const queue: TracebackExc[] = [root];
  while (queue.length > 0) {
    const te = queue.pop()!;
    const e = te.exc;
    if (!(e instanceof PyBaseException)) continue;
    const cause = e.cause !== null && e.cause !== None && !seen.has(e.cause) ? make(e.cause) : null;
    const needContext = cause === null && !e.suppressContext;
    const context = e.context !== null && e.context !== None && needContext && !seen.has(e.context) ? make(e.context) : null;
    let exceptions: TracebackExc[] | null = null;
    if (e.type.isSubtypeOf(BaseExceptionGroup)) exceptions = toArray(egExceptions(e)).map(make);
    te.cause = cause;
    te.context = context;
    te.exceptions = exceptions;
    if (cause !== null) queue.push(cause);
    if (context !== null) queue.push(context);
    if (exceptions !== null) for (const x of exceptions) queue.push(x);
  }
  return root;
}

const CAUSE_MESSAGE = "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE = "\nDuring handling of the above exception, another exception occurred:\n\n";
const MAX_GROUP_WIDTH = 15;
const MAX_GROUP_DEPTH = 10;

/** _ExceptionPrintContext. */
class PrintContext {
  groupDepth = 0;
  needClose = false;
  readonly out: string[] = [];
  indent(): string {
    return " ".repeat(2 * this.groupDepth);
  }
  emit(text: string, marginChar = "|"): void {
    let prefix = this.indent();
    if (this.groupDepth > 0) prefix += marginChar + " ";
    for (const line of text.split(/(?<=\n)/)) if (line !== "") this.out.push(prefix + line);
  }
}

/** TracebackException.format. */
function formatTE(top: TracebackExc, ctx: PrintContext): void {
  const output: [string | null, TracebackExc][] = [];
  let te: TracebackExc | null = top;
  while (te !== null) {
    let msg: string | null = null;
    let next: TracebackExc | null = null;
    if (te.cause !== null) {
      msg = CAUSE_MESSAGE;
      next = te.cause;
    } else if (te.context !== null && !te.suppressContext) {
      msg = CONTEXT_MESSAGE;
      next = te.context;
    }
    output.push([msg, te]);
    te = next;
  }
  for (let k = output.length - 1; k >= 0; k--) {
    const [msg, x] = output[k];
    if (msg !== null) ctx.emit(msg);
    const tb = tracebackOf(x.exc);
    if (x.exceptions === null) {
      if (tb !== null) {
        ctx.emit("Traceback (most recent call last):\n");
        ctx.emit(formatTracebackEntries(tb));
      }
      ctx.emit(formatExceptionOnly(x.exc));
    } else if (ctx.groupDepth > MAX_GROUP_DEPTH) {
      ctx.emit(`... (max_group_depth is ${MAX_GROUP_DEPTH})\n`);
    } else {
      const isToplevel = ctx.groupDepth === 0;
      if (isToplevel) ctx.groupDepth++;
      if (tb !== null) {
        ctx.emit("Exception Group Traceback (most recent call last):\n", isToplevel ? "+" : "|");
        ctx.emit(formatTracebackEntries(tb));
      }
      ctx.emit(formatExceptionOnly(x.exc));
      const num = x.exceptions.length;
      const n = num <= MAX_GROUP_WIDTH ? num : MAX_GROUP_WIDTH + 1;
      ctx.needClose = false;
      for (let i = 0; i < n; i++) {
        const last = i === n - 1;
        if (last) ctx.needClose = true;
        const truncated = i >= MAX_GROUP_WIDTH;
        const title = truncated ? "..." : `${i + 1}`;
        ctx.out.push(ctx.indent() + (i === 0 ? "+-" : "  ") + `+---------------- ${title} ----------------\n`);
        ctx.groupDepth++;
        if (!truncated) {
          formatTE(x.exceptions[i], ctx);
        } else {
          const remaining = num - MAX_GROUP_WIDTH;
          ctx.emit(`and ${remaining} more exception${remaining > 1 ? "s" : ""}\n`);
        }
        if (last && ctx.needClose) {
          ctx.out.push(ctx.indent() + "+------------------------------------\n");
          ctx.needClose = false;
        }
        ctx.groupDepth--;
      }
      if (isToplevel) ctx.groupDepth = 0;
    }
  }
}

/** The full report of an uncaught exception as traceback.print_exception writes it. */
export function formatException(exc: PyObj): string {
  const ctx = new PrintContext();
  formatTE(buildTracebackExc(exc), ctx);
  return ctx.out.join("");
}

/** sys.excepthook (and sys.__excepthook__): the default report of an uncaught exception. */
export function makeExceptHook(stderr: () => PyObj | undefined): PyBuiltinFunction {
  return new PyBuiltinFunction("excepthook", (args) => {
    if (args.length !== 3) throw typeError(`excepthook expected 3 arguments, got ${args.length}`);
    const [, value, tb] = args;
    // (PyErr_Display puts the traceback argument on the exception when it has none.)
    if (value instanceof PyBaseException && value.traceback === null && tb !== None && typeOf(tb) === tracebackType) {
      value.traceback = tb as PyObject;
    }
    const err = stderr();
    if (err === undefined || err === None) throw newException(RuntimeError, "lost sys.stderr");
    call(getAttr(err, "write"), [formatException(value)]);
    return None;
  }, null, "excepthook", "sys");
}

/** The default sys.unraisablehook's report body (no chained sections, as the C code writes it). */
unraisableFormatter.format = (e) => {
  // (The C traceback printer used here shows no position markers.)
  let out = e.traceback !== null ? "Traceback (most recent call last):\n" + formatTracebackEntries(e.traceback, false) : "";
  out += `${exceptionTypeName(e)}: ${safeStr(e)}\n`;
  return out;
};

export { getAttrOrNull };
