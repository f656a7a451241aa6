// _imp: the interpreter's import machinery hooks that importlib._bootstrap needs
// (Python/import.c): which modules are built in, creating them, the import lock.
// TSPython's own importer (interp.ts) does the importing; importlib runs on top for the
// stdlib modules that use it (inspect, pkgutil, unittest discovery...).
import { PyObj, None } from "../objects/core.js";
import { PyModule, PyCode, codeFor } from "../objects/function.js";
import { getAttr, indexAsNumber, toArray } from "../objects/abstract.js";
import { PyList, newTuple } from "../objects/sequence.js";
import { PyBytes } from "../objects/bytes.js";
import { newException, ImportError } from "../objects/exceptions.js";
import { sourceHash } from "../bytecode/pyc.js";
import { CodeObject } from "../bytecode/code.js";
import { nativeModules } from "./registry.js";
import { defModuleFn, pythonModule } from "./modutil.js";
import { findModule, FoundModule } from "./stdlib.js";
import type { Interpreter } from "./interp.js";

/** Built-in names that have no module of their own here (their Python fallbacks are used). */
const EMPTY_BUILTINS = new Set<string>();

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
  installMetaPathFinder(interp, m);
  void codeFor;
  void (null as unknown as PyObj);
  return m;
}

/**
 * A sys.meta_path finder over TSPython's module finder (stdlib zip, directories), so that
 * importlib.util.find_spec / runpy / pkgutil / linecache (loader.get_source) see the same
 * modules TSPython's importer loads.
 */
const FINDER_SOURCE = String.raw`
class TSPythonFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        import _imp
        # Native modules: CPython's meta_path starts with BuiltinImporter; without it
        # importlib.import_module('_testinternalcapi') (test.support) finds nothing.
        if path is None and _imp.is_builtin(fullname):
            from importlib._bootstrap import BuiltinImporter
            return BuiltinImporter.find_spec(fullname, path, target)
        found = _imp._tspython_find(fullname, None if path is None else list(path))
        if found is None:
            return None
        filename, pkgdir = found
        from importlib.util import spec_from_file_location
        loader = TSPythonLoader(fullname, filename)
        return spec_from_file_location(fullname, filename, loader=loader,
                                       submodule_search_locations=None if pkgdir is None else [pkgdir])
    @classmethod
    def invalidate_caches(cls):
        pass

class TSPythonLoader:
    def __init__(self, name, path):
        self.name = name
        self.path = path
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        import _imp
        code = _imp._tspython_code(self.path)
        exec(code, module.__dict__)
    def get_code(self, fullname):
        import _imp
        return _imp._tspython_code(self.path)
    def get_source(self, fullname):
        import _imp
        return _imp._tspython_source(self.path)
    def get_filename(self, fullname=None):
        return self.path
    def is_package(self, fullname):
        return self.path.endswith('__init__.py')
    def get_resource_reader(self, fullname):
        return None
`;

function installMetaPathFinder(interp: Interpreter, m: PyModule): void {
  const found = new Map<string, FoundModule>();
  defModuleFn(m, "_tspython_find", (a) => {
    const fullname = String(a[0]);
    const short = fullname.slice(fullname.lastIndexOf(".") + 1);
    let entries: string[];
    if (a[1] === None || a[1] === undefined) {
      const sp = interp.sys.dict.getStr("path");
      entries = sp instanceof PyList ? sp.items.filter((x): x is string => typeof x === "string") : [];
    } else {
      entries = toArray(a[1]).filter((x): x is string => typeof x === "string");
    }
    for (const entry of entries) {
      const f = findModule(entry, short);
      if (f !== null) {
        found.set(f.filename, f);
        return newTuple([f.filename, f.pkgDir ?? None]);
      }
    }
    return None;
  });
  const lookup = (filename: string): FoundModule => {
    const f = found.get(filename);
    if (f === undefined) throw newException(ImportError, `no TSPython module at ${filename}`);
    return f;
  };
  defModuleFn(m, "_tspython_code", (a) => interp.moduleCode(lookup(String(a[0]))));
  defModuleFn(m, "_tspython_source", (a) => new TextDecoder().decode(lookup(String(a[0])).source()));
  const ns = pythonModule(interp, "_tspython_finder", FINDER_SOURCE);
  interp.modules.delete("_tspython_finder");
  const metaPath = interp.sys.dict.getStr("meta_path");
  if (metaPath instanceof PyList) metaPath.items.push(ns.dict.getStr("TSPythonFinder")!);
}
