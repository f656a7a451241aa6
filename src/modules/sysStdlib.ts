// The parts of sys that the stdlib's modules look up at import time (os, io, traceback,
// unittest, warnings...) and that sys.ts does not define yet. Only fills missing names.
import { PyObj, None, PyFloat } from "../objects/core.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { PyList, newTuple } from "../objects/sequence.js";
import { pycacheRoot } from "./stdlib.js";

export function installStdlibSysInfo(sys: PyModule, excepthookFallback: (args: PyObj[]) => PyObj): void {
  const d = sys.dict;
  const setDefault = (name: string, v: PyObj) => {
    if (d.getStr(name) === undefined) d.setStr(name, v);
  };
  const fn = (name: string, body: (args: PyObj[]) => PyObj) => setDefault(name, new PyBuiltinFunction(name, (a) => body(a), null, name, "sys"));
  fn("getfilesystemencodeerrors", () => "surrogateescape");
  fn("getswitchinterval", () => new PyFloat(0.005));
  fn("setswitchinterval", () => None);
  fn("unraisablehook", excepthookFallback);
  fn("breakpointhook", () => None);
  fn("_clear_type_cache", () => None);
  fn("_clear_internal_caches", () => None);
  fn("activate_stack_trampoline", () => None);
  fn("deactivate_stack_trampoline", () => None);
  fn("is_stack_trampoline_active", () => false);
  fn("getallocatedblocks", () => 0);
  fn("_is_gil_enabled", () => true);
  fn("_is_interned", () => false);
  setDefault("pycache_prefix", pycacheRoot() ?? None);
  setDefault("platlibdir", "lib");
  setDefault("float_repr_style", "short");
  setDefault("abiflags", "");
  setDefault("copyright", "Copyright (c) 2001 Python Software Foundation.\nAll Rights Reserved.");
  setDefault("base_exec_prefix", d.getStr("exec_prefix") ?? "/usr/local");
  setDefault("stdlib_module_names", newTuple([]));
  setDefault("_git", newTuple(["tspython", "", ""]));
  setDefault("_framework", "");
  setDefault("thread_info", newTuple(["pthread", "mutex+cond", None]));
  setDefault("ps1", ">>> ");
  setDefault("ps2", "... ");
  setDefault("path_hooks", new PyList([]));
  d.setStr("dont_write_bytecode", false);
}
