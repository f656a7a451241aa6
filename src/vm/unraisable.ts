// Exceptions that cannot be raised (PyErr_WriteUnraisable): they go to sys.unraisablehook
// as an UnraisableHookArgs (exc_type, exc_value, exc_traceback, err_msg, object); the
// default hook writes "Exception ignored in: <object repr>" and the traceback to stderr.
import { PyObj, PyObject, None, makeBuiltinType, tupleType, typeOf } from "../objects/core.js";
import { call, getAttrOrNull, repr, str } from "../objects/abstract.js";
import { PyBaseException, typeError } from "../objects/exceptions.js";
import { PyTuple } from "../objects/sequence.js";
import { PyBuiltinFunction, defineGetSet } from "../objects/descr.js";
import { threadState, exposeFrame } from "./frame.js";
import { PyTraceback } from "./traceback.js";
import type { PyDict } from "../objects/dict.js";

/** sys.UnraisableHookArgs (a structseq in CPython). */
export const unraisableHookArgsType = makeBuiltinType("UnraisableHookArgs", tupleType, 0);
const FIELDS = ["exc_type", "exc_value", "exc_traceback", "err_msg", "object"];
let fieldsInstalled = false;
function installFields(): void {
  if (fieldsInstalled) return;
  fieldsInstalled = true;
  FIELDS.forEach((name, i) => defineGetSet(unraisableHookArgsType, name, (o) => (o as PyTuple).items[i]));
  unraisableHookArgsType.tp_repr = (o) =>
    `UnraisableHookArgs(${FIELDS.map((n, i) => `${n}=${repr((o as PyTuple).items[i])}`).join(", ")})`;
}

/** Set by traceback.ts (which imports this module): the traceback body of the report. */
export const unraisableFormatter = { format: (e: PyBaseException): string => `${e.type.name}\n` };

/** The default hook's text for one unraisable exception. */
function defaultReport(exc: PyObj, obj: PyObj, errMsg: PyObj): string {
  let text = "";
  if (obj !== None) {
    text += errMsg !== None ? `${str(errMsg)}: ` : "Exception ignored in: ";
    try {
      text += repr(obj);
    } catch {
      text += "<object repr() failed>";
    }
    text += "\n";
  } else if (errMsg !== None) {
    text += `${str(errMsg)}:\n`;
  }
  if (exc instanceof PyBaseException) text += unraisableFormatter.format(exc);
  return text;
}

function write(text: string): void {
  const sys = importModule("sys");
  const stderr = sys === null ? null : getAttrOrNull(sys, "stderr");
  if (stderr === null || stderr === None) return;
  try {
    call(getAttrOrNull(stderr, "write")!, [text]);
  } catch {
    // Nothing more can be done.
  }
}

/** sys.unraisablehook / sys.__unraisablehook__. */
export const defaultUnraisableHook = new PyBuiltinFunction("unraisablehook", (args) => {
  if (args.length !== 1) throw typeError(`unraisablehook() takes exactly one argument (${args.length} given)`);
  const a = args[0];
  if (!(a instanceof PyTuple) || typeOf(a) !== unraisableHookArgsType) throw typeError("sys.unraisablehook argument type must be UnraisableHookArgs");
  const [excType, exc, , errMsg, obj] = a.items;
  if (excType === None) return None;
  write(defaultReport(exc, obj, errMsg));
  return None;
}, null, "unraisablehook", "sys");

/** PyErr_WriteUnraisable / PyErr_FormatUnraisable: hands the exception to sys.unraisablehook. */
export function writeUnraisable(e: unknown, obj: PyObj, errMsg: string | null = null): void {
  if (!(e instanceof PyBaseException)) return;
  // (_PyErr_WriteUnraisableMsg: an exception without a traceback gets the current frame's.)
  const f = threadState.frame;
  if (e.traceback === null && f !== null) {
    exposeFrame(f);
    e.traceback = new PyTraceback(null, f, f.lasti);
  }
  const sys = importModule("sys");
  const hook = sys === null ? null : getAttrOrNull(sys, "unraisablehook");
  if (hook === null || hook === None || hook === defaultUnraisableHook) {
    write(defaultReport(e, obj, errMsg ?? None));
    return;
  }
  installFields();
  const args = new PyTuple([e.type, e, e.traceback ?? None, errMsg ?? None, obj], unraisableHookArgsType);
  try {
    call(hook, [args]);
  } catch (e2) {
    // A failing hook: report that through the default hook, then the original.
    if (e2 instanceof PyBaseException) write(defaultReport(e2, None, "Exception ignored in sys.unraisablehook"));
    write(defaultReport(e, obj, errMsg ?? None));
  }
}

/** The builtins to import with when no Python frame runs (interpreter exit). */
let fallbackBuiltins: PyDict | null = null;
export function setFallbackBuiltins(b: PyDict): void {
  fallbackBuiltins = b;
}

/** Imports a module by name from native code (null when that fails). */
export function importModule(name: string): PyObj | null {
  const builtins = threadState.frame?.builtins ?? fallbackBuiltins;
  if (builtins === null) return null;
  const imp = builtins.getStr("__import__");
  if (imp === undefined) return null;
  try {
    return call(imp, [name]);
  } catch {
    return null;
  }
}

export { PyObject };
