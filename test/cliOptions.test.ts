// python3's option parsing (src/cli/options.ts), checked against what CPython 3.13 gives
// for the same command lines (expected values written down from python3.13 -c ...).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCommandLine, isCliExit, mainPathEntry, CliConfig, CliExit } from "../src/cli/options.js";

const NO_ENV: Record<string, string> = {};
const USAGE = "usage: tspython [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `tspython -h' for more information.\n";

function config(args: string[], env: Record<string, string> = NO_ENV): CliConfig {
  const r = parseCommandLine(args, env, "20.0.0");
  if (isCliExit(r)) assert.fail(`unexpected exit: ${r.stderr}${r.stdout}`);
  return r;
}

function exit(args: string[], env: Record<string, string> = NO_ENV): CliExit {
  const r = parseCommandLine(args, env, "20.0.0");
  if (!isCliExit(r)) assert.fail("expected the parser to end the program");
  return r;
}

test("usage errors: CPython's messages, usage lines, status 2", () => {
  assert.deepEqual(exit(["-z"]), { exit: true, status: 2, stdout: "", stderr: `Unknown option: -z\n${USAGE}` });
  assert.equal(exit(["-c"]).stderr, `Argument expected for the -c option\n${USAGE}`);
  assert.equal(exit(["-m"]).stderr, `Argument expected for the -m option\n${USAGE}`);
  assert.equal(exit(["-X"]).stderr, `Argument expected for the -X option\n${USAGE}`);
  assert.equal(exit(["-W"]).stderr, `Argument expected for the -W option\n${USAGE}`);
  assert.equal(exit(["--foo"]).stderr, `unknown option --foo\n${USAGE}`);
  assert.equal(exit(["-uz"]).stderr, `Unknown option: -z\n${USAGE}`);
});

test("-h/--help, -V/--version, -VV", () => {
  for (const a of ["-h", "--help", "-?"]) {
    const r = exit([a]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^usage: tspython \[option\] \.\.\. \[-c cmd \| -m mod \| file \| -\] \[arg\] \.\.\.\nOptions/);
  }
  assert.deepEqual(exit(["-V"]), { exit: true, status: 0, stdout: "Python 3.13.2\n", stderr: "" });
  assert.equal(exit(["--version"]).stdout, "Python 3.13.2\n");
  assert.equal(exit(["-VV"]).stdout, "Python 3.13.2 (tspython 0.1.0) [Node.js 20.0.0]\n");
  assert.equal(exit(["-V", "--version"]).stdout, "Python 3.13.2 (tspython 0.1.0) [Node.js 20.0.0]\n");
  // -V wins over a later -c, as CPython (the whole command line is parsed first).
  assert.equal(exit(["-V", "-c", "pass"]).stdout, "Python 3.13.2\n");
});

test("targets and sys.argv for each form", () => {
  let c = config(["-c", "print(1)", "a", "-b"]);
  assert.deepEqual(c.target, { kind: "command", source: "print(1)" });
  assert.deepEqual(c.argv, ["-c", "a", "-b"]);
  c = config(["-uc", "CMD", "x"]);
  assert.deepEqual(c.target, { kind: "command", source: "CMD" });
  assert.equal(c.unbuffered, true);
  assert.deepEqual(c.argv, ["-c", "x"]);
  c = config(["-cCMD"]);
  assert.deepEqual(c.target, { kind: "command", source: "CMD" });
  c = config(["-Bm", "mod", "-q"]);
  assert.deepEqual(c.target, { kind: "module", name: "mod" });
  assert.deepEqual(c.argv, ["-m", "-q"]);
  assert.equal(c.flags.dont_write_bytecode, 1);
  c = config(["prog.py", "-c", "x"]);
  assert.deepEqual(c.target, { kind: "file", path: "prog.py" });
  assert.deepEqual(c.argv, ["prog.py", "-c", "x"]);
  c = config(["--", "-c"]);
  assert.deepEqual(c.target, { kind: "file", path: "-c" });
  c = config(["-", "a"]);
  assert.deepEqual(c.target, { kind: "stdin", dash: true });
  assert.deepEqual(c.argv, ["-", "a"]);
  c = config([]);
  assert.deepEqual(c.target, { kind: "stdin", dash: false });
  assert.deepEqual(c.argv, [""]);
  assert.deepEqual(config(["-q", "x.py"]).origArgv, ["tspython", "-q", "x.py"]);
});

test("sys.flags from options", () => {
  const f = config(["-OO", "-bb", "-v", "-d", "-q", "-s", "-S", "-B", "-i", "-c", "pass"]).flags;
  assert.deepEqual(f, {
    debug: 1, inspect: 1, interactive: 1, optimize: 2, dont_write_bytecode: 1, no_user_site: 1, no_site: 1,
    ignore_environment: 0, verbose: 1, bytes_warning: 2, quiet: 1, hash_randomization: 1, isolated: 0,
    dev_mode: false, utf8_mode: 0, warn_default_encoding: 0, safe_path: false, int_max_str_digits: 4300,
  });
  const iso = config(["-I", "-c", "pass"]).flags;
  assert.equal(iso.isolated, 1);
  assert.equal(iso.ignore_environment, 1);
  assert.equal(iso.no_user_site, 1);
  assert.equal(iso.safe_path, true);
  assert.equal(config(["-X", "dev", "-c", "pass"]).flags.dev_mode, true);
  assert.equal(config(["-X", "int_max_str_digits=1000", "-c", "pass"]).flags.int_max_str_digits, 1000);
  assert.equal(exit(["-X", "int_max_str_digits=10", "-c", "pass"]).status, 1);
});

test("environment variables, and -E/-I ignoring them", () => {
  const env = {
    PYTHONPATH: "/a:/b", PYTHONDONTWRITEBYTECODE: "1", PYTHONUNBUFFERED: "1", PYTHONSAFEPATH: "1",
    PYTHONHASHSEED: "0", PYTHONOPTIMIZE: "2", PYTHONINSPECT: "1", PYTHONWARNINGS: "always,error",
  };
  const c = config(["-W", "ignore", "-c", "pass"], env);
  assert.deepEqual(c.pythonPath, ["/a", "/b"]);
  assert.equal(c.flags.dont_write_bytecode, 1);
  assert.equal(c.unbuffered, true);
  assert.equal(c.flags.safe_path, true);
  assert.equal(c.flags.hash_randomization, 0);
  assert.equal(c.flags.optimize, 2);
  assert.equal(c.flags.inspect, 1);
  assert.equal(c.flags.interactive, 0);
  assert.deepEqual(c.warnoptions, ["always", "error", "ignore"]);
  for (const opt of ["-E", "-I"]) {
    const e = config([opt, "-c", "pass"], env);
    assert.deepEqual(e.pythonPath, []);
    assert.equal(e.flags.dont_write_bytecode, 0);
    assert.equal(e.unbuffered, false);
    assert.equal(e.flags.hash_randomization, 1);
    assert.deepEqual(e.warnoptions, []);
  }
  const bad = exit(["-c", "pass"], { PYTHONHASHSEED: "abc" });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^Fatal Python error: config_init_hash_seed: PYTHONHASHSEED must be "random" or an integer in range \[0; 4294967295\]\n/);
  assert.deepEqual(config(["-b", "-c", "pass"]).warnoptions, ["default::BytesWarning"]);
  assert.deepEqual(config(["-X", "dev", "-c", "pass"]).warnoptions, ["default"]);
});

test("sys.path[0]: script directory, '' for -c/stdin, the cwd for -m, nothing under -P/-I", () => {
  const dirOf = (p: string) => `/abs/${p}/..`;
  assert.equal(mainPathEntry(config(["x.py"]), dirOf, "/cwd"), "/abs/x.py/..");
  assert.equal(mainPathEntry(config(["-c", "pass"]), dirOf, "/cwd"), "");
  assert.equal(mainPathEntry(config([]), dirOf, "/cwd"), "");
  assert.equal(mainPathEntry(config(["-m", "m"]), dirOf, "/cwd"), "/cwd");
  assert.equal(mainPathEntry(config(["-P", "x.py"]), dirOf, "/cwd"), null);
  assert.equal(mainPathEntry(config(["-I", "-m", "m"]), dirOf, "/cwd"), null);
});
