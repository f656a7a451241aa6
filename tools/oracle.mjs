// The CPython 3.13 oracle for tests and tools: CPython 3.13.2 compiled to WebAssembly
// (the npm package pyodide, pinned to 0.28.3), loaded in this process.
//
//   import { loadOracle } from "../tools/oracle.mjs";
//   const py = await loadOracle();
//   py.run("x = 1 + 1");                       // run code, returns nothing
//   py.evalJson("sorted(dir())")              // Python expression -> JSON -> JS value
//   py.compilePyc(sourceText, "name.py")       // Uint8Array: a CPython 3.13 .pyc (16-byte header + marshal)
//   py.marshalDumps(sourceText, "name.py")    // Uint8Array: marshal.dumps(compile(...))
//   py.dis(sourceText, "name.py")              // str: dis.dis of the module's code object
//   py.captured(() => ...)                     // { stdout, stderr } written while running a callback
//
// Host files are reachable through py.mountHostDir(dir) (NODEFS at the same path).
// Loading takes about two seconds; call loadOracle() once per process.
import { createRequire } from "node:module";
import path from "node:path";
import fs from "node:fs";

let cached = null;

export function pyodideDir() {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve("pyodide/package.json"));
}

export async function loadOracle() {
  if (cached) return cached;
  const { loadPyodide } = await import("pyodide");
  let out = [];
  let err = [];
  const pyodide = await loadPyodide({
    indexURL: pyodideDir() + path.sep,
    stdout: (s) => out.push(s + "\n"),
    stderr: (s) => err.push(s + "\n"),
  });
  const mounted = new Set();
  const oracle = {
    pyodide,
    run(code) {
      pyodide.runPython(code);
    },
    evalJson(expr) {
      pyodide.globals.set("__oracle_expr", expr);
      const text = pyodide.runPython("import json as __j; __j.dumps(eval(__oracle_expr))");
      return JSON.parse(text);
    },
    bytesOf(expr) {
      const proxy = pyodide.runPython(expr);
      const bytes = proxy.toJs();
      proxy.destroy();
      return new Uint8Array(bytes);
    },
    compilePyc(source, filename) {
      pyodide.globals.set("__oracle_src", source);
      pyodide.globals.set("__oracle_fn", filename);
      return oracle.bytesOf(
        "import importlib.util as __iu, marshal as __m\n" +
        "bytes(__iu.MAGIC_NUMBER) + b'\\0' * 12 + __m.dumps(compile(__oracle_src, __oracle_fn, 'exec', dont_inherit=True, optimize=0))",
      );
    },
    marshalDumps(source, filename) {
      pyodide.globals.set("__oracle_src", source);
      pyodide.globals.set("__oracle_fn", filename);
      return oracle.bytesOf("import marshal as __m\n__m.dumps(compile(__oracle_src, __oracle_fn, 'exec', dont_inherit=True, optimize=0))");
    },
    dis(source, filename) {
      pyodide.globals.set("__oracle_src", source);
      pyodide.globals.set("__oracle_fn", filename);
      return pyodide.runPython(
        "import dis as __d, io as __io\n" +
        "__buf = __io.StringIO(); __d.dis(compile(__oracle_src, __oracle_fn, 'exec', dont_inherit=True, optimize=0), file=__buf); __buf.getvalue()",
      );
    },
    captured(fn) {
      out = [];
      err = [];
      fn();
      return { stdout: out.join(""), stderr: err.join("") };
    },
    mountHostDir(dir) {
      const abs = path.resolve(dir);
      if (mounted.has(abs)) return;
      pyodide.FS.mkdirTree(abs);
      pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: abs }, abs);
      mounted.add(abs);
    },
    /** The path of Pyodide's stdlib zip (CPython 3.13.2's pure-Python Lib). */
    stdlibZip() {
      const zip = path.join(pyodideDir(), "python_stdlib.zip");
      return fs.existsSync(zip) ? zip : null;
    },
  };
  cached = oracle;
  return oracle;
}
