// _sysconfigdata__<platform>_: the build-time configuration sysconfig reads (CPython
// generates it when it is built). TSPython is not built by a C toolchain: the few values
// the stdlib and test.support look at.
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`
build_time_vars = {
    'ABIFLAGS': '',
    'CC': 'cc',
    'CFLAGS': '',
    'CONFIG_ARGS': '',
    'EXE': '',
    'EXT_SUFFIX': '.so',
    'HOST_GNU_TYPE': 'x86_64-pc-linux-gnu',
    'LDLIBRARY': 'libpython3.13.a',
    'LIBDIR': '/usr/local/lib',
    'MULTIARCH': '',
    'PY_CFLAGS': '',
    'PY_CFLAGS_NODIST': '',
    'PY_CORE_CFLAGS': '',
    'PY_LDFLAGS_NODIST': '',
    'PY_STDMODULE_CFLAGS': '',
    'Py_DEBUG': 0,
    'Py_ENABLE_SHARED': 0,
    'Py_GIL_DISABLED': 0,
    'Py_TRACE_REFS': 0,
    'SHLIB_SUFFIX': '.so',
    'SIZEOF_VOID_P': 8,
    'SOABI': 'tspython-313',
    'VERSION': '3.13',
    'WITH_DOC_STRINGS': 1,
    'WITH_PYMALLOC': 0,
    'prefix': '/usr/local',
    'exec_prefix': '/usr/local',
}
`;

export function makeSysconfigdataModule(interp: Interpreter, name: string): PyModule {
  return pythonModule(interp, name, SOURCE);
}
