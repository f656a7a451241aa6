// _datetime: CPython's C accelerator for datetime. TSPython runs the pure-Python
// implementation (_pydatetime from the stdlib) under this name, so `import _datetime`
// works and datetime.py gets the same classes; datetime_CAPI is a capsule as in CPython.
import { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";
import { newCapsule } from "./capsule.js";

const SOURCE = `
from _pydatetime import *
from _pydatetime import __doc__, __all__
`;

export function makeDatetimeModule(interp: Interpreter): PyModule {
  const m = pythonModule(interp, "_datetime", SOURCE);
  m.dict.setStr("datetime_CAPI", newCapsule("datetime.datetime_CAPI"));
  return m;
}
