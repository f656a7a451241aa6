// _testsinglephase: CPython's test extension for single-phase module initialization
// (Modules/_testsinglephase.c). test.test_importlib.util imports it at module level, so
// without it every test module importing test.test_import (test_types) stops at import.
// TSPython has no extension modules; this gives the module's plain Python-visible
// surface: sum(), look_up_self(), state_initialized(), error, int_const, str_const.
import { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = `
import time as _time

class error(Exception):
    pass
error.__module__ = '_testsinglephase'

int_const = 1969
str_const = 'something different'
_initialized = _time.time()

def sum(i, j, /):
    """sum(i,j)\\n\\nReturn the sum of i and j."""
    return i + j

def look_up_self():
    import sys
    return sys.modules['_testsinglephase']

def state_initialized():
    return _initialized

def _clear_globals():
    return None

del _time
`;

export function makeTestSinglePhaseModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_testsinglephase", SOURCE);
}
