// _signal: signal numbers and handler bookkeeping (Modules/signalmodule.c).
// Written in Python (bookkeeping code, no speed-critical parts); compiled on first import.
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`"""_signal: signal numbers and handlers (TSPython records handlers; only SIGINT is delivered as KeyboardInterrupt by the default handler)."""
SIG_DFL = 0
SIG_IGN = 1
NSIG = 65
SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGKILL, SIGUSR1 = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP = 11, 12, 13, 14, 15, 17, 18, 19, 20
SIGTTIN, SIGTTOU, SIGURG, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGWINCH, SIGIO, SIGSYS = 21, 22, 23, 24, 25, 26, 27, 28, 29, 31
SIGIOT = SIGABRT
SIGPOLL = SIGIO
SIGPWR = 30
SIGRTMIN = 34
SIGRTMAX = 64
SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK = 0, 1, 2
ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF = 0, 1, 2

class ItimerError(OSError):
    pass

def default_int_handler(signalnum, frame):
    raise KeyboardInterrupt

_handlers = {SIGINT: default_int_handler}

def signal(signalnum, handler):
    if not isinstance(signalnum, int) or not 1 <= signalnum < NSIG:
        raise ValueError('signal number out of range')
    if signalnum in (SIGKILL, SIGSTOP):
        raise OSError(22, 'Invalid argument')
    if handler not in (SIG_DFL, SIG_IGN) and not callable(handler):
        raise TypeError('signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object')
    old = _handlers.get(signalnum, SIG_DFL)
    _handlers[signalnum] = handler
    return old

def getsignal(signalnum):
    if not isinstance(signalnum, int) or not 1 <= signalnum < NSIG:
        raise ValueError('signal number out of range')
    return _handlers.get(signalnum, SIG_DFL)

def raise_signal(signalnum):
    h = getsignal(signalnum)
    if callable(h):
        h(signalnum, None)

def strsignal(signalnum):
    return {SIGINT: 'Interrupt', SIGTERM: 'Terminated', SIGKILL: 'Killed', SIGHUP: 'Hangup'}.get(signalnum)

def valid_signals():
    return set(range(1, NSIG))

def set_wakeup_fd(fd, *, warn_on_full_buffer=True):
    return -1

def siginterrupt(signalnum, flag):
    pass

def alarm(seconds):
    return 0

def pause():
    pass

def pthread_sigmask(how, mask):
    return set()

def pthread_kill(thread_id, signalnum):
    raise_signal(signalnum)

def setitimer(which, seconds, interval=0.0):
    return (0.0, 0.0)

def getitimer(which):
    return (0.0, 0.0)
`;

export function makeSignalModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_signal", SOURCE);
}
