// tspython: the python3-compatible command line.
//   tspython [options] FILE.py|FILE.pyc [args] | -c CODE [args] | -m MODULE [args] | - [args]
// Options accepted as CPython's: -u -B -E -I -s -S -q -O -b -d -v -X opt -W arg.
// Exit statuses as CPython's: 0, SystemExit's code, 1 for an uncaught exception, 2 for
// usage errors and unopenable files.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PY_VERSION } from "../version.js";
import { Interpreter, loadPyc, CompileFn } from "../modules/interp.js";
import { toPyException } from "../vm/interpreter.js";
import { registerSource } from "../vm/traceback.js";

const USAGE = "usage: tspython [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";

interface ParsedArgs {
  command: string | null;
  module: string | null;
  file: string | null;
  rest: string[];
  unbuffered: boolean;
  flags: Record<string, number>;
  xoptions: string[];
  warnoptions: string[];
}

function parseArgs(argv: string[]): ParsedArgs | number {
  const out: ParsedArgs = {
    command: null, module: null, file: null, rest: [], unbuffered: false,
    flags: {
      debug: 0, inspect: 0, interactive: 0, optimize: 0, dont_write_bytecode: 0, no_user_site: 0,
      no_site: 0, ignore_environment: 0, verbose: 0, bytes_warning: 0, quiet: 0, hash_randomization: 1,
      isolated: 0, dev_mode: 0, utf8_mode: 0, warn_default_encoding: 0, safe_path: 0, int_max_str_digits: -1,
    },
    xoptions: [], warnoptions: [],
  };
  let i = 0;
  while (i < argv.length) {
    const a = argv[i];
    if (a === "-" ) {
      out.file = "-";
      out.rest = argv.slice(i + 1);
      return out;
    }
    if (!a.startsWith("-") || a === "--") {
      if (a === "--") i++;
      if (i < argv.length) {
        out.file = argv[i];
        out.rest = argv.slice(i + 1);
      }
      return out;
    }
    if (a === "--version" || a === "-V") {
      process.stdout.write(`Python ${PY_VERSION}\n`);
      return 0;
    }
    if (a === "-h" || a === "--help" || a === "-?") {
      process.stdout.write(USAGE);
      return 0;
    }
    // Clustered single-letter options, e.g. -uB, -c CODE, -cCODE.
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      const takeValue = (): string | null => {
        const v = a.slice(j + 1);
        if (v !== "") {
          j = a.length;
          return v;
        }
        i++;
        if (i >= argv.length) return null;
        j = a.length;
        return argv[i];
      };
      switch (c) {
        case "c": {
          const v = takeValue();
          if (v === null) return usageError("Argument expected for the -c option");
          out.command = v;
          out.rest = argv.slice(i + 1);
          return out;
        }
        case "m": {
          const v = takeValue();
          if (v === null) return usageError("Argument expected for the -m option");
          out.module = v;
          out.rest = argv.slice(i + 1);
          return out;
        }
        case "X": {
          const v = takeValue();
          if (v === null) return usageError("Argument expected for the -X option");
          out.xoptions.push(v);
          break;
        }
        case "W": {
          const v = takeValue();
          if (v === null) return usageError("Argument expected for the -W option");
          out.warnoptions.push(v);
          break;
        }
        case "u": out.unbuffered = true; break;
        case "B": out.flags.dont_write_bytecode = 1; break;
        case "E": out.flags.ignore_environment = 1; break;
        case "I": out.flags.isolated = 1; out.flags.ignore_environment = 1; out.flags.no_user_site = 1; out.flags.safe_path = 1; break;
        case "s": out.flags.no_user_site = 1; break;
        case "S": out.flags.no_site = 1; break;
        case "q": out.flags.quiet = 1; break;
        case "O": out.flags.optimize++; break;
        case "b": out.flags.bytes_warning++; break;
        case "d": out.flags.debug++; break;
        case "v": out.flags.verbose++; break;
        case "i": out.flags.inspect = 1; out.flags.interactive = 1; break;
        case "P": out.flags.safe_path = 1; break;
        case "R": break;
        default:
          return usageError(`Unknown option: -${c}`);
      }
    }
    i++;
  }
  return out;
}

function usageError(msg: string): number {
  process.stderr.write(`${msg}\n${USAGE}Try \`tspython -h' for more information.\n`);
  return 2;
}

/** Loads the compiler's entry point, or null while it is not there. */
async function loadCompiler(): Promise<CompileFn | null> {
  try {
    const mod = (await import("../compiler/compile.js")) as { compileSource?: CompileFn };
    return typeof mod.compileSource === "function" ? mod.compileSource : null;
  } catch {
    return null;
  }
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (typeof parsed === "number") return parsed;
  const isPyc = parsed.file !== null && parsed.file.endsWith(".pyc");
  const compile = await loadCompiler();
  const needsCompiler = !isPyc;
  if (needsCompiler && compile === null && parsed.module === null && !isPyc) {
    process.stderr.write("tspython: the compiler (src/compiler/compile.ts) is not available yet; run a CPython-compiled .pyc file instead\n");
    return 2;
  }
  let sysArgv: string[];
  let path0: string;
  if (parsed.command !== null) {
    sysArgv = ["-c", ...parsed.rest];
    path0 = "";
  } else if (parsed.module !== null) {
    sysArgv = [parsed.module, ...parsed.rest];
    path0 = process.cwd();
  } else if (parsed.file !== null && parsed.file !== "-") {
    sysArgv = [parsed.file, ...parsed.rest];
    path0 = dirname(resolve(parsed.file));
  } else {
    sysArgv = parsed.file === "-" ? ["-", ...parsed.rest] : [""];
    path0 = "";
  }
  if (parsed.flags.safe_path) path0 = "";
  const extra = parsed.flags.ignore_environment || !process.env.PYTHONPATH ? [] : process.env.PYTHONPATH.split(":").filter((p) => p !== "");
  const unbuffered = parsed.unbuffered || (!parsed.flags.ignore_environment && !!process.env.PYTHONUNBUFFERED);
  let interp: Interpreter;
  try {
    interp = new Interpreter({
      argv: sysArgv,
      path: parsed.flags.safe_path ? extra : [path0, ...extra],
      unbuffered,
      flags: parsed.flags,
      xoptions: parsed.xoptions,
      warnoptions: parsed.warnoptions,
      compile,
    });
  } catch (e) {
    process.stderr.write(`tspython: start-up failed: ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
  if (parsed.command !== null) {
    const cmd = parsed.command;
    return interp.runProtected(() => interp.runMainSource(cmd, "<string>"));
  }
  if (parsed.module !== null) {
    const modName = parsed.module;
    return interp.runProtected(() => interp.runModuleAsMain(modName));
  }
  if (parsed.file === null || parsed.file === "-") {
    let source: string;
    try {
      source = readFileSync(0, "utf8");
    } catch {
      source = "";
    }
    return interp.runProtected(() => interp.runMainSource(source, "<stdin>"));
  }
  const file = parsed.file;
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const desc = err.code === "ENOENT" ? "[Errno 2] No such file or directory" : err.code === "EISDIR" ? "[Errno 21] Is a directory" : `[Errno ${-(err.errno ?? 1)}] ${err.message}`;
    process.stderr.write(`${process.argv[1] ? "tspython" : "tspython"}: can't open file '${resolve(file)}': ${desc}\n`);
    return 2;
  }
  if (isPyc) {
    return interp.runProtected(() => {
      const code = loadPyc(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      const sourceGuess = file.replace(/\.pyc$/, ".py");
      try {
        registerSource(code.co_filename, readFileSync(code.co_filename, "utf8"));
      } catch {
        try {
          registerSource(code.co_filename, readFileSync(sourceGuess, "utf8"));
        } catch {
          // no source: tracebacks show no lines
        }
      }
      interp.runMain(code, code.co_filename);
    });
  }
  return interp.runProtected(() => interp.runMainSource(data.toString("utf8"), file));
}

export { toPyException };
