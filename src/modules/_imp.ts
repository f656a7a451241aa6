// _imp: the interpreter's import machinery hooks that importlib._bootstrap needs
// (Python/import.c): which modules are built in, creating them, the import lock.
// TSPython's own importer (interp.ts) does the importing; importlib runs on top for the
// stdlib modules that use it (inspect, pkgutil, unittest discovery...).
import { PyObj, None } from "../objects/core.js";
import { PyModule, PyCode, codeFor } from "../objects/function.js";
import { getAttr, indexAsNumber } from "../objects/abstract.js";
import { PyList } from "../objects/sequence.js";
import { PyBytes } from "../objects/bytes.js";
import { newException, ImportError } from "../objects/exceptions.js";
import { sourceHash } from "../bytecode/pyc.js";
import { CodeObject } from "../bytecode/code.js";
import { nativeModules } from "./registry.js";
import { defModuleFn } from "./modutil.js";
import type { Interpreter } from "./interp.js";

/** Built-in names that have no module of their own here (their Python fallbacks are used). */
const EMPTY_BUILTINS = new Set(["_warnings"]);

function setFilename(co: CodeObject, path: string): CodeObject {
  if (co.co_filename === path) return co;
  co.co_filename = path;
  for (const c of co.co_consts) if (c instanceof CodeObject) setFilename(c, path);
  return co;
}

export function makeImpModule(interp: Interpreter): PyModule {
  const m = new PyModule("_imp");
  const isBuiltin = (name: string) => name === "sys" || name === "builtins" || nativeModules.has(name) || EMPTY_BUILTINS.has(name);
  defModuleFn(m, "is_builtin", (a) => (isBuiltin(String(a[0])) ? 1 : 0));
  defModuleFn(m, "is_frozen", () => false);
  defModuleFn(m, "is_frozen_package", () => false);
  defModuleFn(m, "find_frozen", () => None);
  defModuleFn(m, "get_frozen_object", (a) => {
    throw newException(ImportError, `No such frozen object named '${String(a[0])}'`);
  });
  defModuleFn(m, "init_frozen", () => None);
  defModuleFn(m, "create_builtin", (a) => {
    const name = String(getAttr(a[0], "name"));
    const existing = interp.modules.getStr(name);
    if (existing !== undefined) return existing;
    if (EMPTY_BUILTINS.has(name)) return new PyModule(name);
    if (!isBuiltin(name)) throw newException(ImportError, `no built-in module named ${name}`);
    return interp.importModule(name, None, None, 0);
  });
  defModuleFn(m, "exec_builtin", () => 0);
  defModuleFn(m, "exec_dynamic", () => 0);
  defModuleFn(m, "create_dynamic", (a) => {
    throw newException(ImportError, `TSPython cannot load extension modules (${String(getAttr(a[0], "name"))})`);
  });
  defModuleFn(m, "acquire_lock", () => None);
  defModuleFn(m, "release_lock", () => None);
  defModuleFn(m, "lock_held", () => false);
  defModuleFn(m, "extension_suffixes", () => new PyList([]));
  defModuleFn(m, "_fix_co_filename", (a) => {
    if (a[0] instanceof PyCode) setFilename(a[0].co, String(a[1]));
    return None;
  });
  defModuleFn(m, "source_hash", (a) => {
    void indexAsNumber(a[0]);
    return new PyBytes(sourceHash((a[1] as PyBytes).bytes));
  });
  defModuleFn(m, "_override_frozen_modules_for_tests", () => None);
  defModuleFn(m, "_override_multi_interp_extensions_check", () => -1);
  defModuleFn(m, "_frozen_module_names", () => new PyList([]));
  m.dict.setStr("check_hash_based_pycs", "never");
  void codeFor;
  void (null as unknown as PyObj);
  return m;
}
