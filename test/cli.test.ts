// The command-line programs, run as processes: python3's forms (-c, -m, script, -, piped
// stdin), sys.argv/sys.path/sys.flags as CPython 3.13 sets them, and CPython's exit
// statuses and messages. Expected strings were written down from python3.13 runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync, realpathSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "./helpers/paths.js";

const TSPYTHON = `${projectRoot}/bin/tspython.js`;

/** The environment without PYTHON* variables (the machine's would change the results). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("PYTHON")) env[k] = v;
  return { ...env, ...extra };
}

interface Run { status: number | null; stdout: string; stderr: string }

function run(args: string[], opts: { input?: string; env?: Record<string, string>; cwd?: string } = {}): Run {
  const r = spawnSync(process.execPath, [TSPYTHON, ...args], {
    encoding: "utf8", input: opts.input ?? "", env: cleanEnv(opts.env), cwd: opts.cwd,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const work = realpathSync(mkdtempSync(join(tmpdir(), "tspython-cli-")));
writeFileSync(join(work, "show.py"), "import sys\nprint(sys.argv, repr(sys.path[0]))\n");
writeFileSync(join(work, "mod.py"), "import sys\nprint(__name__, sys.argv[1:])\n");
mkdirSync(join(work, "lib"), { recursive: true });
writeFileSync(join(work, "lib", "helper.py"), "VALUE = 42\n");

const USAGE = "usage: tspython [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `tspython -h' for more information.\n";

test("tspython --version prints a Python 3.13 version line", () => {
  const r = run(["--version"]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^Python 3\.13\.\d+\n$/);
});

test("tspyc without input gives usage and exit 2", () => {
  const r = spawnSync(process.execPath, [`${projectRoot}/bin/tspyc.js`], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: tspyc/);
});

test("option errors: CPython's message and usage lines, status 2", () => {
  assert.deepEqual(run(["-z"]), { status: 2, stdout: "", stderr: `Unknown option: -z\n${USAGE}` });
  assert.deepEqual(run(["-c"]), { status: 2, stdout: "", stderr: `Argument expected for the -c option\n${USAGE}` });
});

test("-c: sys.argv, sys.path[0], combined options", () => {
  assert.deepEqual(run(["-c", "import sys; print(sys.argv, repr(sys.path[0]))", "a", "-b"]),
    { status: 0, stdout: "['-c', 'a', '-b'] ''\n", stderr: "" });
  assert.equal(run(["-uc", "import sys; print(sys.argv)", "x"]).stdout, "['-c', 'x']\n");
});

test("script: sys.argv as given, sys.path[0] the script's directory; -P/-I leave it out", () => {
  assert.equal(run(["show.py", "a", "-c"], { cwd: work }).stdout, `['show.py', 'a', '-c'] '${work}'\n`);
  const p = run(["-P", "show.py"], { cwd: work }).stdout;
  assert.ok(!p.includes(`'${work}'`), p);
});

test("a missing script: CPython's message with our program name, status 2", () => {
  assert.deepEqual(run(["nonexistent.py"], { cwd: work }), {
    status: 2, stdout: "",
    stderr: `tspython: can't open file '${join(work, "nonexistent.py")}': [Errno 2] No such file or directory\n`,
  });
});

test("-m runs a module from sys.path[0] = the cwd", () => {
  assert.deepEqual(run(["-m", "mod", "x", "y"], { cwd: work }), { status: 0, stdout: "__main__ ['x', 'y']\n", stderr: "" });
});

test("stdin: a piped script with no argument, and `-` with arguments", () => {
  assert.equal(run([], { input: "import sys\nprint(sys.argv, repr(sys.path[0]))\n" }).stdout, "[''] ''\n");
  assert.equal(run(["-", "a", "b"], { input: "import sys\nprint(sys.argv)\n" }).stdout, "['-', 'a', 'b']\n");
});

test("exit statuses: SystemExit codes, uncaught exceptions", () => {
  assert.equal(run(["-c", "pass"]).status, 0);
  assert.equal(run(["-c", "import sys; sys.exit(3)"]).status, 3);
  assert.equal(run(["-c", "import sys; sys.exit(-1)"]).status, 255);
  assert.equal(run(["-c", "raise SystemExit"]).status, 0);
  assert.deepEqual(run(["-c", "import sys; sys.exit('bye')"]), { status: 1, stdout: "", stderr: "bye\n" });
  assert.deepEqual(run(["-c", "raise SystemExit(None, 2)"]), { status: 1, stdout: "", stderr: "(None, 2)\n" });
  const r = run(["-c", "1/0"]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\n    1/0\n    ~^~\nZeroDivisionError: division by zero\n");
});

test("status 120 when stdout cannot be flushed at exit", { skip: !existsSync("/dev/full") && "needs /dev/full" }, () => {
  const r = spawnSync(`${process.execPath} ${TSPYTHON} -c 'print("x")' > /dev/full`, { shell: true, encoding: "utf8", env: cleanEnv() });
  assert.equal(r.status, 120);
  assert.equal(r.stderr, "Exception ignored on flushing sys.stdout:\nOSError: [Errno 28] No space left on device\n");
});

test("sys.flags is CPython's struct sequence", () => {
  const r = run(["-I", "-c", "import sys; print(sys.flags); print(sys.flags.isolated, sys.flags[0], type(sys.flags).__name__)"]);
  assert.equal(r.stdout,
    "sys.flags(debug=0, inspect=0, interactive=0, optimize=0, dont_write_bytecode=0, no_user_site=1, no_site=0, " +
    "ignore_environment=1, verbose=0, bytes_warning=0, quiet=0, hash_randomization=1, isolated=1, dev_mode=False, " +
    "utf8_mode=0, warn_default_encoding=0, safe_path=True, int_max_str_digits=4300)\n1 0 flags\n");
});

test("environment: PYTHONPATH and PYTHONDONTWRITEBYTECODE honoured, ignored under -E", () => {
  const env = { PYTHONPATH: join(work, "lib"), PYTHONDONTWRITEBYTECODE: "1" };
  const code = "import sys\ntry:\n  import helper; print(helper.VALUE)\nexcept ImportError: print('no helper')\nprint(sys.flags.dont_write_bytecode, sys.dont_write_bytecode)";
  assert.equal(run(["-c", code], { env }).stdout, "42\n1 True\n");
  assert.equal(run(["-E", "-c", code], { env }).stdout, "no helper\n0 False\n");
});

test("-x skips the first line; -O sets sys.flags.optimize", () => {
  writeFileSync(join(work, "skip.py"), "this is not python\nimport sys; print(sys._getframe().f_lineno)\n");
  assert.equal(run(["-x", "skip.py"], { cwd: work }).stdout, "2\n");
  assert.equal(run(["-OO", "-c", "import sys; print(sys.flags.optimize)"]).stdout, "2\n");
});

test("exit() and quit() as site defines them; absent under -S", () => {
  assert.equal(run(["-c", "print(repr(exit)); quit(4)"]).status, 4);
  assert.equal(run(["-c", "print(repr(exit))"]).stdout, "Use exit() or Ctrl-D (i.e. EOF) to exit\n");
  assert.match(run(["-S", "-c", "exit"]).stderr, /NameError: name 'exit' is not defined/);
});

test("SIGINT while a program runs: KeyboardInterrupt traceback, then death by SIGINT", async () => {
  writeFileSync(join(work, "spin.py"), "def spin():\n    while True:\n        pass\nprint('start', flush=True)\nspin()\n");
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, [TSPYTHON, "-u", "spin.py"], { cwd: work, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (t: string) => { stderr += t; });
  // Never hang the suite: a child that does not start or ignores the signal is killed.
  const guard = setTimeout(() => child.kill("SIGKILL"), 20000);
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((r) => child.on("exit", (c, s) => r([c, s])));
  await Promise.race([new Promise<void>((started) => child.stdout.once("data", () => started())), exited]);
  await new Promise((r) => setTimeout(r, 100));
  child.kill("SIGINT");
  const [code, signal] = await exited;
  clearTimeout(guard);
  assert.deepEqual([code, signal], [null, "SIGINT"]);
  assert.match(stderr, /^Traceback \(most recent call last\):\n  File "spin\.py", line 5, in <module>\n    spin\(\)\n[^]*KeyboardInterrupt\n$/);
});
