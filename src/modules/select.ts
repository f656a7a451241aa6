// select: I/O readiness (Modules/selectmodule.c): the names selectors and subprocess import.
// Written in Python; compiled on first import (and kept in the .pyc cache).
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`"""select: only what importing selectors/subprocess needs (TSPython has no event polling)."""
error = OSError
def select(rlist, wlist, xlist, timeout=None):
    if not rlist and not wlist and not xlist:
        if timeout:
            import time
            time.sleep(timeout)
        return ([], [], [])
    raise OSError(38, 'Function not implemented: select() on file descriptors')
`;

export function makeSelectModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "select", SOURCE);
}
