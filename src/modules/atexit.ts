// atexit: exit functions, run by the CLI at exit (Modules/atexitmodule.c).
// Written in Python (bookkeeping code, no speed-critical parts); compiled on first import.
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`"""atexit: functions run when the interpreter exits (TSPython's CLI calls _run_exitfuncs)."""
_handlers = []

def register(func, /, *args, **kwargs):
    if not callable(func):
        raise TypeError('the first argument must be callable')
    _handlers.append((func, args, kwargs))
    return func

def unregister(func):
    _handlers[:] = [h for h in _handlers if h[0] != func]

def _clear():
    _handlers.clear()

def _ncallbacks():
    return len(_handlers)

def _run_exitfuncs():
    import sys
    while _handlers:
        func, args, kwargs = _handlers.pop()
        try:
            func(*args, **kwargs)
        except SystemExit:
            pass
        except BaseException as e:
            print('Exception ignored in atexit callback %r:' % (func,), file=sys.stderr)
            import traceback
            traceback.print_exception(type(e), e, e.__traceback__, file=sys.stderr)
`;

export function makeAtexitModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "atexit", SOURCE);
}
