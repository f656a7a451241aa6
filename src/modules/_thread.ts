// _thread: a single-threaded stand-in for the thread module (locks, get_ident).
// Written in Python (bookkeeping code, no speed-critical parts); compiled on first import.
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`"""TSPython's _thread: one thread only; locks that never wait."""
import sys as _sys
error = RuntimeError
TIMEOUT_MAX = 9223372036.0

class LockType:
    def __init__(self):
        self._locked = False
    def acquire(self, blocking=True, timeout=-1):
        if self._locked:
            if blocking and timeout < 0:
                raise RuntimeError('deadlock: acquiring a lock held by the only thread')
            return False
        self._locked = True
        return True
    acquire_lock = acquire
    def release(self):
        if not self._locked:
            raise RuntimeError('release unlocked lock')
        self._locked = False
    release_lock = release
    def locked(self):
        return self._locked
    locked_lock = locked
    def _at_fork_reinit(self):
        self._locked = False
    def __enter__(self):
        return self.acquire()
    def __exit__(self, *args):
        self.release()
    def __repr__(self):
        return '<%s %s object at %#x>' % ('locked' if self._locked else 'unlocked', '_thread.lock', id(self))
LockType.__name__ = 'lock'
LockType.__qualname__ = 'lock'

def allocate_lock():
    return LockType()
allocate = allocate_lock

class RLock:
    def __init__(self):
        self._count = 0
    def acquire(self, blocking=True, timeout=-1):
        self._count += 1
        return True
    __enter__ = acquire
    def release(self):
        if self._count == 0:
            raise RuntimeError('cannot release un-acquired lock')
        self._count -= 1
    def __exit__(self, *args):
        self.release()
    def _is_owned(self):
        return self._count > 0
    def _release_save(self):
        c = self._count
        self._count = 0
        return (c, get_ident())
    def _acquire_restore(self, state):
        self._count = state[0]
    def _recursion_count(self):
        return self._count
    def _at_fork_reinit(self):
        self._count = 0
    def locked(self):
        return self._count > 0

def get_ident():
    return 1
def get_native_id():
    return 1
def _count():
    return 0
def stack_size(size=0):
    return 0
def daemon_threads_allowed():
    return True
def _is_main_interpreter():
    return True
def start_new_thread(function, args, kwargs={}):
    raise RuntimeError("can't start new thread: TSPython runs a single thread")
start_new = start_new_thread
def start_joinable_thread(function, handle=None, daemon=True):
    raise RuntimeError("can't start new thread: TSPython runs a single thread")
def interrupt_main(signum=2):
    raise KeyboardInterrupt
def exit():
    raise SystemExit
exit_thread = exit
def _get_main_thread_ident():
    return 1
def _make_thread_handle(ident):
    return _ThreadHandle()
def _shutdown():
    pass

class _ThreadHandle:
    ident = 1
    def is_done(self):
        return False
    def _set_done(self):
        pass
    def join(self, timeout=None):
        pass

class _local:
    pass

class _ExceptHookArgs(tuple):
    exc_type = property(lambda self: self[0])
    exc_value = property(lambda self: self[1])
    exc_traceback = property(lambda self: self[2])
    thread = property(lambda self: self[3])

def _excepthook(args):
    import traceback
    print('Exception in thread %s:' % (getattr(args.thread, 'name', None),), file=_sys.stderr)
    traceback.print_exception(args.exc_type, args.exc_value, args.exc_traceback, file=_sys.stderr)
`;

export function makeThreadModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_thread", SOURCE);
}
