// types.FunctionType(code, globals, name=None, argdefs=None, closure=None, kwdefaults=None)
// (Objects/funcobject.c func_new), with CPython's argument checks and messages; and
// function.__call__.
import { PyObj, None, typeOf } from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { PyCode, PyFunction, PyCell, PyModule, functionType } from "../objects/function.js";
import { typeError, valueError } from "../objects/exceptions.js";
import { PyTuple } from "../objects/sequence.js";
import { bindArgs } from "./modutil.js";
import { defineMethod } from "../objects/descr.js";
import { call } from "../objects/abstract.js";
import type { Interpreter } from "./interp.js";

export function installFunctionNew(interp: Interpreter): void {
  // f.__call__(...): the VM calls functions directly; this is the attribute CPython's
  // tp_call slot wrapper provides.
  defineMethod(functionType, "__call__", (f, args, kw) => call(f, args, kw));
  functionType.tp_new = (_cls, args, kw) => {
    const [code, globals, name, argdefs, closure, kwdefaults] = bindArgs(
      "function", args, kw, ["code", "globals", "name", "argdefs", "closure", "kwdefaults"], 2);
    if (!(code instanceof PyCode)) throw typeError(`function() argument 'code' must be code, not ${typeOf(code!).name}`);
    if (!(globals instanceof PyDict)) throw typeError(`function() argument 'globals' must be dict, not ${typeOf(globals!).name}`);
    if (name !== null && name !== None && typeof name !== "string") throw typeError("arg 3 (name) must be None or string");
    if (argdefs !== null && argdefs !== None && !(argdefs instanceof PyTuple)) throw typeError("arg 4 (defaults) must be None or tuple");
    if (kwdefaults !== null && kwdefaults !== None && !(kwdefaults instanceof PyDict)) throw typeError("arg 6 (kwdefaults) must be None or dict");
    const nfree = code.co.co_freevars.length;
    let cells: PyCell[] | null = null;
    if (closure === null || closure === None) {
      if (nfree > 0) throw typeError("arg 5 (closure) must be tuple");
    } else {
      if (!(closure instanceof PyTuple)) throw typeError("arg 5 (closure) must be None or tuple");
      if (closure.items.length !== nfree) {
        throw valueError(`${code.name} requires closure of length ${nfree}, not ${closure.items.length}`);
      }
      cells = closure.items.map((c) => {
        if (!(c instanceof PyCell)) throw typeError(`arg 5 (closure) expected cell, found ${typeOf(c).name}`);
        return c;
      });
    }
    // The function's builtins: globals['__builtins__'] (a module or a dict), else ours.
    const b = globals.getStr("__builtins__");
    const builtins = b instanceof PyModule ? b.dict : b instanceof PyDict ? b : interp.builtins;
    const f = new PyFunction(code, globals, builtins);
    if (typeof name === "string") f.name = name;
    if (argdefs instanceof PyTuple) f.defaults = argdefs.items.slice();
    if (cells !== null && cells.length > 0) f.closure = cells;
    if (kwdefaults instanceof PyDict) f.kwdefaults = kwdefaults;
    return f as PyObj;
  };
}
