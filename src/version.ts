// The Python version TSPython implements. 3.13.2 is the CPython release whose bytecode
// and ASTs the shared goldens come from (see ../shared/reference/cpython-3.13/README.md).
export const PY_VERSION = "3.13.2";
export const PY_VERSION_INFO = [3, 13, 2, "final", 0] as const;
export const TSPYTHON_VERSION = "0.1.0";
