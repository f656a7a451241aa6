// What CPython's site module adds to builtins for interactive use: exit and quit
// (_sitebuiltins.Quitter: the repr tells how to leave, calling one closes sys.stdin and
// raises SystemExit(code)). Made natively so that start-up compiles no Python.
import { PyObject, PyType, makeBuiltinType, objectType } from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { newException, SystemExit } from "../objects/exceptions.js";
import { finishNativeType } from "../objects/typeobject.js";

class PyQuitter extends PyObject {
  declare readonly name: string;
  constructor(type: PyType, name: string) {
    super(type);
    this.name = name;
  }
}

let quitterType: PyType | null = null;

function getQuitterType(): PyType {
  if (quitterType !== null) return quitterType;
  const t = makeBuiltinType("Quitter", objectType, 0);
  t.dict.setStr("__module__", "_sitebuiltins");
  t.tp_repr = (o) => `Use ${(o as PyQuitter).name}() or Ctrl-D (i.e. EOF) to exit`;
  t.tp_call = (_o, args) => {
    const e = newException(SystemExit);
    e.args = args.length === 0 ? [] : [args[0]];
    throw e;
  };
  finishNativeType(t);
  quitterType = t;
  return t;
}

/** builtins.exit and builtins.quit, as site.setquit(). */
export function installQuitters(builtins: PyDict): void {
  const t = getQuitterType();
  builtins.setStr("exit", new PyQuitter(t, "exit"));
  builtins.setStr("quit", new PyQuitter(t, "quit"));
}
