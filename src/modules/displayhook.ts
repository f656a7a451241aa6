// sys.displayhook (and sys.__displayhook__): what the REPL and code compiled in "single"
// mode call for an expression statement's value, as CPython's sys_displayhook: None is
// not shown; otherwise builtins._ is cleared, repr(value) + "\n" goes to sys.stdout, and
// builtins._ becomes the value.
import { PyObj, None } from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { runtimeError } from "../objects/exceptions.js";
import { repr, getAttr, call } from "../objects/abstract.js";

export function installDisplayHook(sys: PyModule, builtins: PyDict): void {
  const hook = new PyBuiltinFunction("displayhook", (args) => {
    const value: PyObj = args[0];
    if (value === None) return None;
    // Cleared first so that a repr() failure does not leave the old value in _.
    builtins.setStr("_", None);
    const out = sys.dict.getStr("stdout");
    if (out === undefined || out === None) throw runtimeError("lost sys.stdout");
    call(getAttr(out, "write"), [repr(value)]);
    call(getAttr(out, "write"), ["\n"]);
    builtins.setStr("_", value);
    return None;
  }, null, "displayhook", "sys");
  sys.dict.setStr("displayhook", hook);
  sys.dict.setStr("__displayhook__", hook);
}
