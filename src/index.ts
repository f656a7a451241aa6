// TSPython's embedding API for JS/TS programs.
//
//   import { createInterpreter } from "tspython";
//   const py = await createInterpreter({ argv: ["prog"] });
//   py.runSource("print(6 * 7)", "<embedded>");     // 0, or the exit status (traceback on stderr)
//   py.exec("def area(w, h): return w * h");         // in __main__; a Python exception throws PythonError
//   py.eval("area(6, 7)");                           // 42 (converted to a JS value)
//   py.setGlobal("data", [1, 2.5, "x", { k: null }]); // list, dict... converted to Python
//   py.call("area", 3, 4);                           // 12
//   py.runPyc(readFileSync("prog.pyc"));              // a CPython 3.13 .pyc
//
// runSource/runFile/runPyc run a program in a fresh __main__ (as python3 does); exec, eval,
// getGlobal/setGlobal and call work in the current __main__.
//
// Values cross the boundary by these rules (toPython/toJs): None <-> null (undefined -> None),
// bool <-> boolean, int <-> number (bigint beyond 2**53), float <-> number (a JS number with a
// fraction, NaN or infinity; wrap in PyFloat to force a float), str <-> string, bytes <->
// Uint8Array, list/tuple -> array (arrays -> list), dict -> Map (Maps and plain objects ->
// dict). Any other Python object comes back as a PyRef (opaque, with repr()).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Interpreter, loadPyc, type CompileFn } from "./modules/interp.js";
import { installDisplayHook } from "./modules/displayhook.js";
import { PyObj, PyObject, PyFloat, None, normInt, typeOf } from "./objects/core.js";
import { PyDict } from "./objects/dict.js";
import { PyBytes } from "./objects/bytes.js";
import { PyList, PyTuple } from "./objects/sequence.js";
import { PyBaseException } from "./objects/exceptions.js";
import { repr, call, getAttr } from "./objects/abstract.js";
import { PyModule } from "./objects/function.js";
import { PyTextStream } from "./modules/sys.js";
import { runCode, toPyException } from "./vm/interpreter.js";
import { formatException } from "./vm/traceback.js";
import { PY_VERSION } from "./version.js";

export { PY_VERSION, PyFloat };

/** A Python object with no JS counterpart, handed out as it is. */
export class PyRef {
  constructor(readonly object: PyObj) {}
  /** The Python type's name. */
  get typeName(): string {
    return typeOf(this.object).name;
  }
  repr(): string {
    return repr(this.object);
  }
}

export type JsValue =
  | null | boolean | number | bigint | string | Uint8Array | PyRef | PyFloat
  | JsValue[] | Map<JsValue, JsValue> | { [key: string]: JsValue };

/** A Python exception that reached the embedding program. */
export class PythonError extends Error {
  /** The exception's type name, e.g. "ZeroDivisionError". */
  readonly pythonType: string;
  /** The traceback as CPython prints it. */
  readonly traceback: string;
  constructor(readonly exception: PyBaseException) {
    const text = formatException(exception);
    const lines = text.trimEnd().split("\n");
    super(lines[lines.length - 1]);
    this.name = "PythonError";
    this.pythonType = exception.type.name;
    this.traceback = text;
  }
}

/** A JS value as a Python object (see the rules at the top). */
export function toPython(v: JsValue | undefined): PyObj {
  if (v === null || v === undefined) return None;
  switch (typeof v) {
    case "boolean": case "string": return v;
    case "bigint": return normInt(v);
    case "number": return Number.isSafeInteger(v) ? v : new PyFloat(v);
  }
  if (v instanceof PyRef) return v.object;
  if (v instanceof PyObject) return v;
  if (v instanceof Uint8Array) return new PyBytes(v.slice());
  if (Array.isArray(v)) return new PyList(v.map(toPython));
  const d = new PyDict();
  if (v instanceof Map) {
    for (const [k, x] of v) d.set(toPython(k), toPython(x));
  } else {
    for (const k of Object.keys(v)) d.setStr(k, toPython(v[k]));
  }
  return d;
}

/** A Python object as a JS value (see the rules at the top). */
export function toJs(o: PyObj): JsValue {
  if (o === None) return null;
  if (typeof o !== "object") return o;
  const t = typeOf(o);
  if (o instanceof PyFloat && t.name === "float") return o.value;
  if (o instanceof PyBytes && t.name === "bytes") return o.bytes.slice();
  if ((o instanceof PyList && t.name === "list") || (o instanceof PyTuple && t.name === "tuple")) return o.items.map(toJs);
  if (o instanceof PyDict && t.name === "dict") {
    const m = new Map<JsValue, JsValue>();
    for (const k of o.keys()) m.set(toJs(k), toJs(o.get(k)!));
    return m;
  }
  return new PyRef(o);
}

export interface EmbedOptions {
  /** sys.argv (default [""]). */
  argv?: string[];
  /** sys.path (default: the current directory; the stdlib is added after it). */
  path?: string[];
  /** Write stdout unbuffered (as -u). */
  unbuffered?: boolean;
  /** -O level: 1 removes assert statements, 2 also docstrings. */
  optimize?: number;
  /** Receives what Python writes to sys.stdout / sys.stderr (default: the process's). */
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

export interface EmbeddedPython {
  /** Compiles and runs source as __main__; returns the exit status (a traceback goes to stderr). */
  runSource(source: string, filename?: string): number;
  /** Runs a .py or CPython 3.13 .pyc file as __main__; returns the exit status. */
  runFile(path: string): number;
  /** Runs a CPython 3.13 .pyc (16-byte header + marshal data) as __main__. */
  runPyc(data: Uint8Array): number;
  /** Runs statements in __main__'s namespace; a Python exception throws PythonError. */
  exec(source: string): void;
  /** Evaluates an expression in __main__'s namespace and converts its value. */
  eval(expression: string): JsValue;
  /** __main__'s global `name` converted, or undefined when it is not set. */
  getGlobal(name: string): JsValue | undefined;
  setGlobal(name: string, value: JsValue): void;
  deleteGlobal(name: string): boolean;
  /** Calls a global of __main__ (or a PyRef to a callable) with converted arguments. */
  call(callable: string | PyRef, ...args: JsValue[]): JsValue;
  /** Flushes sys.stdout/sys.stderr. */
  flush(): void;
  /** The underlying interpreter (sys, builtins, modules), for advanced use. */
  readonly interpreter: Interpreter;
}

/** Loads the compiler if it is available (running .pyc files does not need it). */
async function loadCompiler(optimize: number): Promise<CompileFn | null> {
  type CompileSource = (source: Parameters<CompileFn>[0], filename: string, mode: "exec" | "eval" | "single", options?: Parameters<CompileFn>[3]) => ReturnType<CompileFn>;
  try {
    const mod = (await import("./compiler/compile.js")) as { compileSource?: CompileSource };
    const compileSource = mod.compileSource;
    if (typeof compileSource !== "function") return null;
    return optimize === 0 ? compileSource : (source, filename, mode, options) => compileSource(source, filename, mode, { optimize, ...options });
  } catch {
    return null;
  }
}

/** Sends what a standard stream flushes to a JS callback instead of its file descriptor. */
function redirectStream(stream: PyTextStream, sink: (text: string) => void): void {
  // Per instance: the interpreter's own stream objects serve print(), sys.stdout/stderr and
  // the traceback of an uncaught exception alike.
  stream.unbuffered = true;
  stream.flush = function flushToSink(this: PyTextStream): void {
    if (this.buffer === "") return;
    const text = this.buffer;
    this.buffer = "";
    sink(text);
  };
}

export async function createInterpreter(options: EmbedOptions = {}): Promise<EmbeddedPython> {
  const compile = await loadCompiler(options.optimize ?? 0);
  const interpreter = new Interpreter({
    argv: options.argv ?? [""],
    path: options.path ?? [process.cwd()],
    unbuffered: options.unbuffered ?? false,
    flags: { optimize: options.optimize ?? 0 },
    compile,
  });
  installDisplayHook(interpreter.sys, interpreter.builtins);
  const sys = interpreter.sys.dict;
  if (options.stdout !== undefined) redirectStream(interpreter.stdout, options.stdout);
  if (options.stderr !== undefined) redirectStream(interpreter.stderr, options.stderr);
  // __main__ exists from the start, so exec/eval/getGlobal work before any run*().
  const mainModule = (): PyModule => {
    const existing = interpreter.modules.getStr("__main__");
    if (existing instanceof PyModule) return existing;
    const m = interpreter.newModule("__main__", null);
    interpreter.modules.setStr("__main__", m);
    return m;
  };
  mainModule();
  const flushAll = (): void => {
    interpreter.flush();
    for (const name of ["stdout", "stderr"]) {
      const s = sys.getStr(name);
      if (s instanceof PyTextStream) s.flush();
    }
  };
  /** Runs `body`; a Python exception becomes a PythonError. */
  const guarded = <T>(body: () => T): T => {
    try {
      return body();
    } catch (e) {
      throw new PythonError(toPyException(e));
    } finally {
      flushAll();
    }
  };
  const runAsMain = (body: () => void): number => {
    let status = 0;
    try {
      body();
    } catch (e) {
      status = interpreter.handleUncaught(toPyException(e));
    }
    flushAll();
    return status;
  };
  const api: EmbeddedPython = {
    interpreter,
    runSource(source, filename = "<string>") {
      return runAsMain(() => interpreter.runMainSource(source, filename));
    },
    runFile(path) {
      const data = readFileSync(path);
      if (path.endsWith(".pyc")) return api.runPyc(data);
      const list = sys.getStr("path");
      if (list instanceof PyList) list.items.unshift(dirname(resolve(path)));
      return runAsMain(() => interpreter.runMainSource(data.toString("utf8"), path));
    },
    runPyc(data) {
      return runAsMain(() => {
        const code = loadPyc(data);
        interpreter.runMain(code, code.co_filename);
      });
    },
    exec(source) {
      guarded(() => {
        const globals = mainModule().dict;
        runCode(interpreter.compileToCode(source, "<string>", "exec"), globals, interpreter.builtins, globals);
      });
    },
    eval(expression) {
      return guarded(() => {
        const globals = mainModule().dict;
        return toJs(runCode(interpreter.compileToCode(expression, "<string>", "eval"), globals, interpreter.builtins, globals));
      });
    },
    getGlobal(name) {
      const v = mainModule().dict.getStr(name);
      return v === undefined ? undefined : toJs(v);
    },
    setGlobal(name, value) {
      mainModule().dict.setStr(name, toPython(value));
    },
    deleteGlobal(name) {
      return mainModule().dict.delete(name) !== undefined;
    },
    call(callable, ...args) {
      return guarded(() => {
        let fn: PyObj;
        if (typeof callable === "string") {
          // Not found: getAttr raises the AttributeError CPython would.
          fn = mainModule().dict.getStr(callable) ?? interpreter.builtins.getStr(callable) ?? getAttr(mainModule(), callable);
        } else {
          fn = callable.object;
        }
        return toJs(call(fn, args.map(toPython)));
      });
    },
    flush() {
      flushAll();
    },
  };
  return api;
}
