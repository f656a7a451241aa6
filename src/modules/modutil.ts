// Small helpers shared by the native modules: argument parsing in CPython's style,
// module functions, and native types made after start-up.
import { PyObj, PyType, KwNames, makeBuiltinType, objectType, TypeFlag } from "../objects/core.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { typeError } from "../objects/exceptions.js";
import { finishNativeType } from "../objects/typeobject.js";
import { runCode } from "../vm/interpreter.js";
import { join } from "node:path";
import { PyCode, codeFor } from "../objects/function.js";
import { pycacheRoot, readCachedCode, writeCachedCode, CACHE_TAG, type FoundModule } from "./stdlib.js";
import type { Interpreter } from "./interp.js";

export type NativeFn = (args: PyObj[], kw: KwNames) => PyObj;

/** Adds function `name` to module `m`. */
export function defModuleFn(m: PyModule, name: string, fn: NativeFn): void {
  m.dict.setStr(name, new PyBuiltinFunction(name, fn, null, name, m.name));
}

/**
 * Binds positional and keyword arguments to `names` (CPython's argument clinic, simply):
 * returns one slot per name, null when not given. `required` is how many must be given.
 */
export function bindArgs(fname: string, args: PyObj[], kw: KwNames, names: readonly string[], required = 0): (PyObj | null)[] {
  const nkw = kw === null ? 0 : kw.length;
  const npos = args.length - nkw;
  if (npos > names.length) {
    throw typeError(`${fname}() takes at most ${names.length} argument${names.length === 1 ? "" : "s"} (${npos} given)`);
  }
  const out: (PyObj | null)[] = new Array(names.length).fill(null);
  for (let i = 0; i < npos; i++) out[i] = args[i];
  for (let i = 0; i < nkw; i++) {
    const k = kw![i];
    const at = names.indexOf(k);
    if (at < 0) throw typeError(`${fname}() got an unexpected keyword argument '${k}'`);
    if (out[at] !== null) throw typeError(`argument for ${fname}() given by name ('${k}') and position (${at + 1})`);
    out[at] = args[npos + i];
  }
  for (let i = 0; i < required; i++) {
    if (out[i] === null) throw typeError(`${fname}() missing required argument '${names[i]}' (pos ${i + 1})`);
  }
  return out;
}

/** A native type owned by module `module` (its __module__), finished by `setup`. */
export function nativeType(module: string, name: string, setup: (t: PyType) => void, base: PyType = objectType, subclassable = false): PyType {
  const t = makeBuiltinType(name, base, subclassable ? TypeFlag.BASETYPE : 0);
  t.dict.setStr("__module__", module);
  setup(t);
  finishNativeType(t);
  return t;
}

/**
 * A module written in Python and shipped inside TSPython (for the parts of CPython's C
 * modules that are plain bookkeeping); compiled on first import like any source module.
 */
export function pythonModule(interp: Interpreter, name: string, source: string, prepare?: (m: PyModule) => void): PyModule {
  const m = interp.newModule(name, null);
  prepare?.(m);
  interp.modules.setStr(name, m);
  try {
    runCode(embeddedCode(interp, name, source), m.dict, interp.builtins, m.dict);
  } catch (e) {
    interp.modules.delete(name);
    throw e;
  }
  return m;
}

/** Runs Python `source` in native module `m`'s namespace (the Python part of a native module). */
export function runInModule(interp: Interpreter, m: PyModule, source: string): PyModule {
  if (m.dict.getStr("__builtins__") === undefined) m.dict.setStr("__builtins__", interp.builtins);
  runCode(embeddedCode(interp, m.name, source), m.dict, interp.builtins, m.dict);
  return m;
}

/** FNV-1a of the source: identifies the embedded source's version in the .pyc cache. */
function sourceStamp(source: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) {
    h ^= source.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The code of an embedded Python source, compiled once and kept in the .pyc cache. */
function embeddedCode(interp: Interpreter, name: string, source: string): PyCode {
  const root = pycacheRoot();
  const found: FoundModule = {
    filename: `<tspython ${name}>`,
    pkgDir: null,
    source: () => new TextEncoder().encode(source),
    mtime: sourceStamp(source),
    size: source.length,
    cachePath: root === null ? null : join(root, "tspython-embedded", `${name}.${CACHE_TAG}.pyc`),
  };
  const cached = readCachedCode(found);
  if (cached !== null) return codeFor(cached);
  const code = interp.compileToCode(source, found.filename, "exec");
  writeCachedCode(found, code.co);
  return code;
}
