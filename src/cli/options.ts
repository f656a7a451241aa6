// python3's command-line and environment configuration, as CPython 3.13's getopt.c and
// initconfig.c read them: short options (clustered: -uc CMD, -Bm mod), the long options,
// `--`, the PYTHON* environment variables (ignored under -E/-I), and what they give:
// sys.argv, sys.flags, sys.path[0], sys.warnoptions, sys._xoptions.
// Pure: no I/O; the caller prints `output` and exits when parsing says so.
import { PY_VERSION, TSPYTHON_VERSION } from "../version.js";

/** What runs: a script file, -c, -m, stdin (`-` or no argument). */
export type RunTarget =
  | { kind: "file"; path: string }
  | { kind: "command"; source: string }
  | { kind: "module"; name: string }
  | { kind: "stdin"; dash: boolean };

/** sys.flags, in CPython 3.13's field order. */
export interface SysFlags {
  debug: number;
  inspect: number;
  interactive: number;
  optimize: number;
  dont_write_bytecode: number;
  no_user_site: number;
  no_site: number;
  ignore_environment: number;
  verbose: number;
  bytes_warning: number;
  quiet: number;
  hash_randomization: number;
  isolated: number;
  dev_mode: boolean;
  utf8_mode: number;
  warn_default_encoding: number;
  safe_path: boolean;
  int_max_str_digits: number;
}

export const SYS_FLAG_NAMES: readonly (keyof SysFlags)[] = [
  "debug", "inspect", "interactive", "optimize", "dont_write_bytecode", "no_user_site", "no_site",
  "ignore_environment", "verbose", "bytes_warning", "quiet", "hash_randomization", "isolated",
  "dev_mode", "utf8_mode", "warn_default_encoding", "safe_path", "int_max_str_digits",
];

export interface CliConfig {
  target: RunTarget;
  /** sys.argv as the interpreter starts (runpy later sets argv[0] for -m). */
  argv: string[];
  /** sys.orig_argv: the program name and every argument as given. */
  origArgv: string[];
  flags: SysFlags;
  /** Write stdout/stderr unbuffered (-u, PYTHONUNBUFFERED). */
  unbuffered: boolean;
  /** PYTHONPATH's entries (empty under -E/-I). */
  pythonPath: string[];
  warnoptions: string[];
  xoptions: string[];
  /** PYTHONSTARTUP (run before the first prompt of an interactive session), or null. */
  startupFile: string | null;
  /** PYTHONHASHSEED as a number, "random" or null (unset). */
  hashSeed: number | "random" | null;
  /** -x: skip the script's first line. */
  skipFirstLine: boolean;
}

/** Parsing ends the program: print `stdout`/`stderr` and exit with `status`. */
export interface CliExit {
  exit: true;
  status: number;
  stdout: string;
  stderr: string;
}

export const PROGRAM = "tspython";

const USAGE_LINE = `usage: ${PROGRAM} [option] ... [-c cmd | -m mod | file | -] [arg] ...\n`;
const TRY_HELP = `Try \`${PROGRAM} -h' for more information.\n`;

// CPython's -h text, adapted to TSPython (options that have no effect here say so).
const HELP_TEXT = `${USAGE_LINE}Options (and corresponding environment variables):
-b     : issue warnings about converting bytes/bytearray to str and comparing
         bytes/bytearray with str or bytes with int. (-bb: issue errors)
-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x
-c cmd : program passed in as string (terminates option list)
-d     : parser debugging output (accepted; no effect in TSPython); also PYTHONDEBUG=x
-E     : ignore PYTHON* environment variables (such as PYTHONPATH)
-h     : print this help message and exit (also -? or --help)
-i     : inspect interactively after running script; forces a prompt even
         if stdin does not appear to be a terminal; also PYTHONINSPECT=x
-I     : isolate Python from the user's environment (implies -E, -P and -s)
-m mod : run library module as a script (terminates option list)
-O     : remove assert and __debug__-dependent statements; also PYTHONOPTIMIZE=x
-OO    : do -O changes and also discard docstrings
-P     : don't prepend a potentially unsafe path to sys.path; also
         PYTHONSAFEPATH
-q     : don't print version and copyright messages on interactive startup
-s     : don't add user site directory to sys.path; also PYTHONNOUSERSITE=x
-S     : don't imply 'import site' on initialization
-u     : force the stdout and stderr streams to be unbuffered;
         this option has no effect on stdin; also PYTHONUNBUFFERED=x
-v     : verbose (trace import statements); also PYTHONVERBOSE=x
         can be supplied multiple times to increase verbosity
-V     : print the Python version number and exit (also --version)
         when given twice, print more information about the build
-W arg : warning control; arg is action:message:category:module:lineno
         also PYTHONWARNINGS=arg
-x     : skip first line of source, allowing use of non-Unix forms of #!cmd
-X opt : set implementation-specific option
--check-hash-based-pycs always|default|never:
         control how Python invalidates hash-based .pyc files
--help-env: print help about Python environment variables and exit
--help-xoptions: print help about implementation-specific -X options and exit
--help-all: print complete help information and exit

Arguments:
file   : program read from script file (a CPython 3.13 .pyc file runs too)
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]
`;

const HELP_ENV = `Environment variables that change behavior:
PYTHONSTARTUP  : file executed on interactive startup (no default)
PYTHONPATH     : ':'-separated list of directories prefixed to the
                 default module search path.  The result is sys.path.
PYTHONSAFEPATH : don't prepend a potentially unsafe path to sys.path.
PYTHONHASHSEED : if this variable is set to 'random', a random value is used
                 to seed the hashes of str and bytes objects.  It can also be
                 set to an integer in the range [0,4294967295] to get hash
                 values with a predictable seed.
PYTHONINTMAXSTRDIGITS: limits the maximum digit characters in an int value
                 when converting from a string and when converting an int
                 back to a str.  A value of 0 disables the limit.
PYTHONDONTWRITEBYTECODE, PYTHONUNBUFFERED, PYTHONINSPECT, PYTHONOPTIMIZE,
PYTHONVERBOSE, PYTHONDEBUG, PYTHONNOUSERSITE, PYTHONWARNINGS, PYTHONDEVMODE,
PYTHONUTF8     : as the options -B, -u, -i, -O, -v, -d, -s, -W, -X dev, -X utf8.
`;

const HELP_XOPTIONS = `The following implementation-specific options are available:
-X dev : enable Python Development Mode (sys.flags.dev_mode)
-X int_max_str_digits=number: limit the size of int<->str conversions;
         0 disables the limit; also PYTHONINTMAXSTRDIGITS
-X utf8[=0|1]: enable (1) or disable (0) UTF-8 mode; also PYTHONUTF8
-X warn_default_encoding: enable opt-in EncodingWarning for 'encoding=None'
Other -X options are accepted and only recorded in sys._xoptions.
`;

function usageError(message: string): CliExit {
  return { exit: true, status: 2, stdout: "", stderr: `${message}\n${USAGE_LINE}${TRY_HELP}` };
}

function fatalError(func: string, message: string): CliExit {
  return { exit: true, status: 1, stdout: "", stderr: `Fatal Python error: ${func}: ${message}\nPython runtime state: preinitialized\n\n` };
}

function versionText(level: number, nodeVersion: string): string {
  if (level >= 2) return `Python ${PY_VERSION} (tspython ${TSPYTHON_VERSION}) [Node.js ${nodeVersion}]\n`;
  return `Python ${PY_VERSION}\n`;
}

/** An environment flag's level as CPython's _Py_get_env_flag: a number > 0, else 1 when set. */
function envFlagLevel(value: string | undefined): number {
  if (value === undefined || value === "") return 0;
  const n = /^\s*[+-]?\d+\s*$/.test(value) ? parseInt(value, 10) : NaN;
  return Number.isNaN(n) || n < 1 ? 1 : n;
}

const SHORT_WITH_ARG = "cmWX";
const SHORT_FLAGS = "bBdEhiIOPqRsStuvVx?";

/**
 * Parses `args` (the arguments after the program name) and the environment.
 * Returns the configuration, or a CliExit for -h/-V/usage errors.
 */
export function parseCommandLine(args: readonly string[], env: Readonly<Record<string, string | undefined>>, nodeVersion = process.versions.node): CliConfig | CliExit {
  const flags: SysFlags = {
    debug: 0, inspect: 0, interactive: 0, optimize: 0, dont_write_bytecode: 0, no_user_site: 0, no_site: 0,
    ignore_environment: 0, verbose: 0, bytes_warning: 0, quiet: 0, hash_randomization: 1, isolated: 0,
    dev_mode: false, utf8_mode: 0, warn_default_encoding: 0, safe_path: false, int_max_str_digits: 4300,
  };
  let unbuffered = false;
  let target: RunTarget | null = null;
  let versionLevel = 0;
  let skipFirstLine = false;
  const warnoptions: string[] = [];
  const xoptions: string[] = [];
  let rest: string[] = [];
  let i = 0;
  argsLoop: while (i < args.length) {
    const a = args[i];
    if (a === "--") {
      i++;
      break;
    }
    if (a === "-" || !a.startsWith("-")) break;
    if (a.startsWith("--")) {
      switch (a) {
        case "--help": return { exit: true, status: 0, stdout: HELP_TEXT, stderr: "" };
        case "--help-env": return { exit: true, status: 0, stdout: HELP_ENV, stderr: "" };
        case "--help-xoptions": return { exit: true, status: 0, stdout: HELP_XOPTIONS, stderr: "" };
        case "--help-all": return { exit: true, status: 0, stdout: `${HELP_TEXT}\n${HELP_ENV}\n${HELP_XOPTIONS}`, stderr: "" };
        case "--version": versionLevel++; i++; continue argsLoop;
        case "--check-hash-based-pycs": {
          const v = args[i + 1];
          if (v === undefined) return usageError("Argument expected for the --check-hash-based-pycs option");
          if (v !== "always" && v !== "default" && v !== "never") {
            return usageError("--check-hash-based-pycs must be one of 'default', 'always', or 'never'");
          }
          i += 2;
          continue argsLoop;
        }
        default:
          if (a.startsWith("--check-hash-based-pycs=")) {
            i++;
            continue argsLoop;
          }
          return usageError(`unknown option ${a}`);
      }
    }
    // A cluster of short options; one taking an argument uses the cluster's tail or the next word.
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (SHORT_WITH_ARG.includes(c)) {
        let value: string;
        if (j + 1 < a.length) value = a.slice(j + 1);
        else if (i + 1 < args.length) value = args[++i];
        else return usageError(`Argument expected for the -${c} option`);
        i++;
        if (c === "c") {
          target = { kind: "command", source: value };
          rest = args.slice(i);
          break argsLoop;
        }
        if (c === "m") {
          target = { kind: "module", name: value };
          rest = args.slice(i);
          break argsLoop;
        }
        if (c === "W") warnoptions.push(value);
        else xoptions.push(value);
        continue argsLoop;
      }
      if (!SHORT_FLAGS.includes(c)) return usageError(`Unknown option: -${c}`);
      switch (c) {
        case "b": flags.bytes_warning++; break;
        case "B": flags.dont_write_bytecode = 1; break;
        case "d": flags.debug++; break;
        case "E": flags.ignore_environment = 1; break;
        case "h": case "?": return { exit: true, status: 0, stdout: HELP_TEXT, stderr: "" };
        case "i": flags.inspect = 1; flags.interactive = 1; break;
        case "I": flags.isolated = 1; flags.ignore_environment = 1; flags.no_user_site = 1; flags.safe_path = true; break;
        case "O": flags.optimize++; break;
        case "P": flags.safe_path = true; break;
        case "q": flags.quiet = 1; break;
        case "R": break; // hash randomization is always on (kept for compatibility, as CPython)
        case "s": flags.no_user_site = 1; break;
        case "S": flags.no_site = 1; break;
        case "t": break; // obsolete, ignored as CPython
        case "u": unbuffered = true; break;
        case "v": flags.verbose++; break;
        case "V": versionLevel++; break;
        case "x": skipFirstLine = true; break;
      }
    }
    i++;
  }
  if (versionLevel > 0) return { exit: true, status: 0, stdout: versionText(versionLevel, nodeVersion), stderr: "" };
  if (target === null) {
    if (i < args.length && args[i] !== "-") {
      target = { kind: "file", path: args[i] };
      rest = args.slice(i + 1);
    } else {
      const dash = i < args.length;
      target = { kind: "stdin", dash };
      rest = dash ? args.slice(i + 1) : [];
    }
  }

  // The environment, unless -E/-I.
  const useEnv = flags.ignore_environment === 0;
  const get = (name: string): string | undefined => {
    const v = useEnv ? env[name] : undefined;
    return v === "" ? undefined : v;
  };
  let hashSeed: number | "random" | null = null;
  const seed = get("PYTHONHASHSEED");
  if (seed !== undefined && seed !== "random") {
    const n = /^\d+$/.test(seed) ? Number(seed) : NaN;
    if (!(n >= 0 && n <= 4294967295)) {
      return fatalError("config_init_hash_seed", 'PYTHONHASHSEED must be "random" or an integer in range [0; 4294967295]');
    }
    hashSeed = n;
    if (n === 0) flags.hash_randomization = 0;
  } else if (seed === "random") hashSeed = "random";
  flags.debug = Math.max(flags.debug, envFlagLevel(get("PYTHONDEBUG")));
  flags.verbose = Math.max(flags.verbose, envFlagLevel(get("PYTHONVERBOSE")));
  flags.optimize = Math.max(flags.optimize, envFlagLevel(get("PYTHONOPTIMIZE")));
  if (get("PYTHONINSPECT") !== undefined) flags.inspect = 1;
  if (get("PYTHONDONTWRITEBYTECODE") !== undefined) flags.dont_write_bytecode = 1;
  if (get("PYTHONNOUSERSITE") !== undefined) flags.no_user_site = 1;
  if (get("PYTHONSAFEPATH") !== undefined) flags.safe_path = true;
  if (get("PYTHONUNBUFFERED") !== undefined) unbuffered = true;
  if (get("PYTHONDEVMODE") !== undefined) flags.dev_mode = true;
  const utf8 = get("PYTHONUTF8");
  if (utf8 !== undefined) flags.utf8_mode = utf8 === "1" ? 1 : 0;
  const envDigits = get("PYTHONINTMAXSTRDIGITS");
  if (envDigits !== undefined) {
    const n = /^\d+$/.test(envDigits) ? Number(envDigits) : NaN;
    if (!(n === 0 || n >= 640)) {
      return fatalError("config_init_int_max_str_digits", "PYTHONINTMAXSTRDIGITS: invalid limit; must be >= 640 or 0 for unlimited.");
    }
    flags.int_max_str_digits = n;
  }
  // -X options (given after the environment's, so they win).
  for (const x of xoptions) {
    const eq = x.indexOf("=");
    const key = eq < 0 ? x : x.slice(0, eq);
    const value = eq < 0 ? null : x.slice(eq + 1);
    if (key === "dev") flags.dev_mode = true;
    else if (key === "utf8") flags.utf8_mode = value === "0" ? 0 : 1;
    else if (key === "warn_default_encoding") flags.warn_default_encoding = 1;
    else if (key === "int_max_str_digits") {
      const n = value !== null && /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(n === 0 || n >= 640)) {
        return fatalError("config_init_int_max_str_digits", "-X int_max_str_digits: invalid limit; must be >= 640 or 0 for unlimited.");
      }
      flags.int_max_str_digits = n;
    }
  }
  const envWarnings = get("PYTHONWARNINGS");
  const allWarnings = [
    ...(envWarnings === undefined ? [] : envWarnings.split(",").map((w) => w.trim()).filter((w) => w !== "")),
    ...warnoptions,
  ];
  // -b adds a warnings filter for BytesWarning first, as CPython's config does.
  if (flags.bytes_warning > 0) allWarnings.unshift(flags.bytes_warning > 1 ? "error::BytesWarning" : "default::BytesWarning");
  if (flags.dev_mode) allWarnings.unshift("default");
  const pythonPathVar = get("PYTHONPATH");
  const pythonPath = pythonPathVar === undefined ? [] : pythonPathVar.split(":").filter((p) => p !== "");
  let argv: string[];
  switch (target.kind) {
    case "command": argv = ["-c", ...rest]; break;
    case "module": argv = ["-m", ...rest]; break;
    case "file": argv = [target.path, ...rest]; break;
    case "stdin": argv = target.dash ? ["-", ...rest] : [""]; break;
  }
  return {
    target,
    argv,
    origArgv: [PROGRAM, ...args],
    flags,
    unbuffered,
    pythonPath,
    warnoptions: allWarnings,
    xoptions,
    startupFile: get("PYTHONSTARTUP") ?? null,
    hashSeed,
    skipFirstLine,
  };
}

/** sys.path[0] as CPython computes it: the script's directory, '' for -c/stdin, the cwd for -m, nothing under -P/-I. */
export function mainPathEntry(config: CliConfig, scriptDir: (path: string) => string, cwd: string): string | null {
  if (config.flags.safe_path) return null;
  switch (config.target.kind) {
    case "file": return scriptDir(config.target.path);
    case "module": return cwd;
    default: return "";
  }
}

export function isCliExit(v: CliConfig | CliExit): v is CliExit {
  return (v as CliExit).exit === true;
}
