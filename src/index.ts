// TSPython's embedding API for JS/TS programs.
//
//   import { createInterpreter } from "tspython";
//   const py = await createInterpreter({ argv: ["prog"] });
//   const status = py.runSource("print(6 * 7)", "<embedded>");   // 0, or the exit status
//   py.runPyc(readFileSync("prog.pyc"));                          // a CPython 3.13 .pyc
//
// Output goes to the process's stdout/stderr (as the tspython command does); an uncaught
// Python exception is printed as CPython prints it and turned into the exit status.
import { Interpreter, loadPyc, type CompileFn } from "./modules/interp.js";
import { PY_VERSION } from "./version.js";

export { PY_VERSION };

export interface EmbedOptions {
  /** sys.argv (default [""]). */
  argv?: string[];
  /** sys.path (default: the current directory). */
  path?: string[];
  /** Write stdout unbuffered (as -u). */
  unbuffered?: boolean;
}

export interface EmbeddedPython {
  /** Compiles and runs source as __main__; returns the exit status. */
  runSource(source: string, filename?: string): number;
  /** Runs a CPython 3.13 .pyc (16-byte header + marshal data) as __main__. */
  runPyc(data: Uint8Array): number;
  /** Flushes sys.stdout/sys.stderr. */
  flush(): void;
  /** The underlying interpreter (sys, builtins, modules), for advanced use. */
  readonly interpreter: Interpreter;
}

/** Loads the compiler if it is available (running .pyc files does not need it). */
async function loadCompiler(): Promise<CompileFn | null> {
  try {
    const mod = (await import("./compiler/compile.js")) as { compileSource?: CompileFn };
    return typeof mod.compileSource === "function" ? mod.compileSource : null;
  } catch {
    return null;
  }
}

export async function createInterpreter(options: EmbedOptions = {}): Promise<EmbeddedPython> {
  const compile = await loadCompiler();
  const interpreter = new Interpreter({
    argv: options.argv ?? [""],
    path: options.path ?? [process.cwd()],
    unbuffered: options.unbuffered ?? false,
    compile,
  });
  return {
    interpreter,
    runSource(source, filename = "<string>") {
      return interpreter.runProtected(() => interpreter.runMainSource(source, filename));
    },
    runPyc(data) {
      return interpreter.runProtected(() => {
        const code = loadPyc(data);
        interpreter.runMain(code, code.co_filename);
      });
    },
    flush() {
      interpreter.flush();
    },
  };
}
