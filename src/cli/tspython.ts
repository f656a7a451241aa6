// tspython: the python3-compatible command line.
//   tspython [options] FILE.py|FILE.pyc [args] | -c CODE [args] | -m MODULE [args] | - [args]
// Options and environment variables: src/cli/options.ts. The interactive session (no
// script on a terminal, or -i): src/cli/repl.ts.
// Exit statuses as CPython's: 0; SystemExit's code; 1 for an uncaught exception; 2 for
// usage errors and a script that cannot be opened; 120 when stdout cannot be flushed at
// exit; an uncaught KeyboardInterrupt ends the process by SIGINT (shell status 130).
import { readFileSync, realpathSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { isatty } from "node:tty";
import { Interpreter, loadPyc, type CompileFn } from "../modules/interp.js";
import { installDisplayHook } from "../modules/displayhook.js";
import { toPyException } from "../vm/interpreter.js";
import { registerSource, formatException } from "../vm/traceback.js";
import { SystemExit } from "../objects/exceptions.js";
import { PyList } from "../objects/sequence.js";
import { setIntMaxStrDigits } from "../objects/number.js";
import { parseCommandLine, isCliExit, mainPathEntry, CliConfig, PROGRAM } from "./options.js";
import { makeSysFlags } from "./sysFlags.js";
import { installQuitters } from "./siteBuiltins.js";
import { runInterruptible } from "./sigint.js";

type CompileSource = (source: Parameters<CompileFn>[0], filename: string, mode: "exec" | "eval" | "single", options?: Parameters<CompileFn>[3]) => ReturnType<CompileFn>;

/** The compiler's entry point with -O's optimize level, or null when it is not there. */
async function loadCompiler(optimize: number): Promise<CompileFn | null> {
  try {
    const mod = (await import("../compiler/compile.js")) as { compileSource?: CompileSource };
    const compileSource = mod.compileSource;
    if (typeof compileSource !== "function") return null;
    return optimize === 0 ? compileSource : (source, filename, mode, options) => compileSource(source, filename, mode, { optimize, ...options });
  } catch {
    return null;
  }
}

/** The directory of a script for sys.path[0]: symbolic links resolved, as CPython. */
function scriptDirectory(path: string): string {
  const abs = resolve(path);
  try {
    return dirname(realpathSync(abs));
  } catch {
    return dirname(abs);
  }
}

/** OSError text for a Node.js file-system error, as CPython words it. */
function osErrorText(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case "ENOENT": return "[Errno 2] No such file or directory";
    case "EACCES": return "[Errno 13] Permission denied";
    case "EISDIR": return "[Errno 21] Is a directory";
    case "ENOTDIR": return "[Errno 20] Not a directory";
    case "ENOSPC": return "[Errno 28] No space left on device";
    case "EPIPE": return "[Errno 32] Broken pipe";
    default: return `[Errno ${-(err.errno ?? -1)}] ${err.message}`;
  }
}

function makeInterpreter(config: CliConfig, compile: CompileFn | null): Interpreter {
  const path0 = mainPathEntry(config, scriptDirectory, process.cwd());
  const flagsRecord: Record<string, number> = {};
  for (const [k, v] of Object.entries(config.flags)) flagsRecord[k] = Number(v);
  const interp = new Interpreter({
    argv: config.argv,
    path: path0 === null ? config.pythonPath : [path0, ...config.pythonPath],
    unbuffered: config.unbuffered,
    flags: flagsRecord,
    xoptions: config.xoptions,
    warnoptions: config.warnoptions,
    compile,
  });
  const sys = interp.sys.dict;
  sys.setStr("flags", makeSysFlags(config.flags));
  sys.setStr("orig_argv", new PyList(config.origArgv.slice()));
  sys.setStr("dont_write_bytecode", config.flags.dont_write_bytecode !== 0);
  // sys.ps1/ps2 exist only in interactive mode (code tests hasattr(sys, 'ps1')); the REPL sets them.
  sys.delete("ps1");
  sys.delete("ps2");
  if (config.unbuffered) interp.stderr.unbuffered = true;
  if (config.flags.int_max_str_digits !== 4300) setIntMaxStrDigits(config.flags.int_max_str_digits);
  installDisplayHook(interp.sys, interp.builtins);
  if (config.flags.no_site === 0) installQuitters(interp.builtins);
  return interp;
}

/** Runs `body` as the main program; an uncaught exception is reported, its status returned. */
function runMainProgram(interp: Interpreter, body: () => void): number {
  try {
    const r = runInterruptible(body);
    return r.interrupted ? interp.handleUncaught(r.exception) : 0;
  } catch (e) {
    return interp.handleUncaught(toPyException(e));
  }
}

/** Flushes sys.stdout at exit; a failure is reported as CPython does, with status 120. */
function flushAtExit(interp: Interpreter, status: number): number {
  try {
    // Finalizers and __main__'s teardown (vm/finalization.ts), not after a KeyboardInterrupt.
    if (status !== 130) interp.finalizeAtExit();
    interp.flush();
    interp.stdout.flush();
    return status;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (!(e instanceof Error) || err.syscall !== "write") throw e;
    const type = err.code === "EPIPE" ? "BrokenPipeError" : "OSError";
    try {
      interp.stderr.write(`Exception ignored on flushing sys.stdout:\n${type}: ${osErrorText(err)}\n`);
      interp.stderr.flush();
    } catch {
      // stderr is gone too
    }
    return 120;
  }
}

/** The main program's body for the configured target, or an exit status if it cannot start. */
function mainBody(interp: Interpreter, config: CliConfig): (() => void) | number {
  const target = config.target;
  switch (target.kind) {
    case "command":
      return () => interp.runMainSource(target.source + "\n", "<string>");
    case "module":
      return () => interp.runModuleAsMain(target.name);
    case "stdin": {
      return () => {
        let source: string;
        try {
          source = readFileSync(0, "utf8");
        } catch {
          source = "";
        }
        // As CPython: __file__ is '<stdin>', and tracebacks show no source lines for it.
        const code = interp.compileToCode(source, "<stdin>", "exec");
        registerSource("<stdin>", "");
        interp.runMain(code.co, "<stdin>");
      };
    }
    case "file": {
      const file = target.path;
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch (e) {
        process.stderr.write(`${PROGRAM}: can't open file '${resolve(file)}': ${osErrorText(e as NodeJS.ErrnoException)}\n`);
        return 2;
      }
      if (file.endsWith(".pyc")) {
        return () => {
          const code = loadPyc(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
          for (const candidate of [code.co_filename, file.replace(/\.pyc$/, ".py")]) {
            try {
              registerSource(code.co_filename, readFileSync(candidate, "utf8"));
              break;
            } catch {
              // no source here: tracebacks show no lines
            }
          }
          interp.runMain(code, code.co_filename);
        };
      }
      // -x: the first line is skipped but still counted, so line numbers stay right.
      if (config.skipFirstLine) {
        const text = data.toString("utf8").replace(/^[^\n]*/, "");
        return () => interp.runMainSource(text, file);
      }
      return () => interp.runMainSource(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), file);
    }
  }
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, process.env);
  if (isCliExit(parsed)) {
    if (parsed.stdout !== "") process.stdout.write(parsed.stdout);
    if (parsed.stderr !== "") process.stderr.write(parsed.stderr);
    return parsed.status;
  }
  const config = parsed;
  const isPyc = config.target.kind === "file" && config.target.path.endsWith(".pyc");
  const compile = await loadCompiler(config.flags.optimize);
  if (compile === null && !isPyc) {
    process.stderr.write(`${PROGRAM}: the compiler (src/compiler/compile.ts) is not available; run a CPython-compiled .pyc file instead\n`);
    return 2;
  }
  let interp: Interpreter;
  try {
    interp = makeInterpreter(config, compile);
  } catch (e) {
    process.stderr.write(`${PROGRAM}: start-up failed: ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
  // isatty, not process.stdin.isTTY: making process.stdin costs Node a stream it rarely needs.
  const terminalStdin = config.target.kind === "stdin" && isatty(0);
  // No script and a terminal on stdin: the interactive session (so also `-` on a terminal).
  const interactiveOnly = config.target.kind === "stdin" && (terminalStdin || config.flags.inspect !== 0);
  if (interactiveOnly) {
    const { runRepl } = await import("./repl.js");
    const status = await runRepl(interp, { banner: config.flags.quiet === 0, startupFile: config.startupFile });
    return flushAtExit(interp, status);
  }
  const body = mainBody(interp, config);
  if (typeof body === "number") return body;
  if (config.flags.inspect !== 0) {
    // -i (or PYTHONINSPECT): the program, then the interactive session, even after an error.
    const { Repl } = await import("./repl.js");
    let failure: ReturnType<typeof toPyException> | null = null;
    try {
      const r = runInterruptible(body);
      if (r.interrupted) failure = r.exception;
    } catch (e) {
      failure = toPyException(e);
    }
    // Made after the program ran: the session works in the program's __main__.
    const repl = new Repl(interp);
    if (failure !== null) {
      if (failure.type.isSubtypeOf(SystemExit)) {
        // Shown as a traceback; the session goes on (CPython's -i does the same).
        interp.flush();
        interp.stderr.write(formatException(failure));
      } else {
        repl.reportException(failure);
      }
    }
    interp.flush();
    const status = await repl.run({ banner: false, startupFile: null });
    return flushAtExit(interp, status);
  }
  const status = runMainProgram(interp, body);
  return flushAtExit(interp, status);
}

export { toPyException };
