// select: I/O readiness (Modules/selectmodule.c): the names selectors and subprocess import.
// Written in Python; compiled on first import (and kept in the .pyc cache).
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`"""select: only what importing selectors/subprocess needs (TSPython has no event polling)."""
error = OSError
def _fd(obj):
    if isinstance(obj, int):
        fd = obj
    else:
        try:
            fd = int(obj.fileno())
        except AttributeError:
            raise TypeError('argument must be an int, or have a fileno() method.') from None
    if fd < 0:
        raise ValueError('file descriptor cannot be a negative integer (%d)' % fd)
    return fd

def select(rlist, wlist, xlist, timeout=None):
    """Readiness of the ends of _socket.socketpair() (in memory); other descriptors (files,
    pipes of the terminal) are reported ready, as select() does for regular files."""
    if timeout is not None:
        if timeout < 0:
            raise ValueError('timeout must be non-negative')
    rlist, wlist, xlist = list(rlist), list(wlist), list(xlist)
    import sys
    endpoints = getattr(sys.modules.get('_socket'), '_endpoints', {})
    def readable(obj):
        ep = endpoints.get(_fd(obj))
        return ep is None or ep.readable()
    ready_r = [o for o in rlist if readable(o)]
    ready_w = [o for o in wlist if _fd(o) is not None]
    for o in xlist:
        _fd(o)
    if ready_w:
        # Writes first: a child process (os.pipe, _posixsubprocess) runs when its output
        # is first read, so its input must all be written before (Popen.communicate).
        return ([], ready_w, [])
    if ready_r:
        return (ready_r, [], [])
    # Nothing can become ready while this (only) thread waits: sleep out the timeout.
    import time
    time.sleep(0.05 if timeout is None else timeout)
    return ([], [], [])

# A builtin function does not bind as a method (selectors.SelectSelector keeps
# select.select as a class attribute): a staticmethod object behaves the same way.
select = staticmethod(select)
`;

export function makeSelectModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "select", SOURCE);
}
