// _tracemalloc: the interface of CPython's allocation tracer, tracing nothing. Memory
// belongs to the JavaScript engine, so no allocation can be attributed to a traceback;
// what matters is that `tracemalloc` imports and answers as an idle tracer does (the
// warnings module then suggests enabling it, as CPython's does).
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`"""Debug module to trace memory blocks allocated by Python (TSPython: traces nothing)."""

_state = {"tracing": False, "limit": 1}

def is_tracing():
    return _state["tracing"]

def start(nframe=1, /):
    nframe = nframe.__index__()
    if nframe < 1 or nframe > 65535:
        raise ValueError("the number of frames must be in range [1; 65535]")
    _state["tracing"] = True
    _state["limit"] = nframe

def stop():
    _state["tracing"] = False

def clear_traces():
    pass

def get_traceback_limit():
    return _state["limit"]

def get_traced_memory():
    return (0, 0)

def reset_peak():
    pass

def get_tracemalloc_memory():
    return 0

def _get_object_traceback(obj, /):
    return None

def _get_traces():
    return []
`;

export function makeTracemallocModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_tracemalloc", SOURCE);
}
