// The interactive interpreter: codeop-style "is the input complete?" decisions, and whole
// sessions driven through a pipe with -i (prompts go to stderr there, as CPython's). The
// expected transcripts were written down from python3.13 -i runs of the same input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { projectRoot } from "./helpers/paths.js";
import { judgeInput } from "../src/cli/repl.js";

function verdict(lines: string[], atEof = false): string {
  return judgeInput(lines, atEof).kind;
}

test("complete and incomplete input, as codeop decides", () => {
  assert.equal(verdict(["1+1"]), "code");
  assert.equal(verdict(["x = (1,"]), "more");
  assert.equal(verdict(["x = (1,", ""]), "more");
  assert.equal(verdict(["x = (1,", "2)"]), "code");
  assert.equal(verdict(["if 1:"]), "more");
  assert.equal(verdict(["if 1:", "  x = 5"]), "more");
  assert.equal(verdict(["if 1:", "  x = 5", ""]), "code");
  assert.equal(verdict(["if 1: x = 5"]), "more");
  assert.equal(verdict(["def f():"]), "more");
  assert.equal(verdict(["@dec"]), "more");
  assert.equal(verdict(["x = '''abc"]), "more");
  assert.equal(verdict(["x = 1 + \\"]), "more");
  assert.equal(verdict(["for x in y:", "  pass", "else:"]), "more");
  assert.equal(verdict(["1 2"]), "error");
  assert.equal(verdict(["1 +"]), "error");
  assert.equal(verdict(["if 1:", ""]), "error");
  assert.equal(verdict([""]), "empty");
  assert.equal(verdict(["# just a comment"]), "empty");
  assert.equal(verdict(["x = (1,"], true), "error");
});

const BANNER = /^Python 3\.13\.2 \(tspython [0-9.]+\) \[Node\.js v[0-9.]+\] on \w+\nType "help", "copyright", "credits" or "license" for more information\.\n/;

function session(args: string[], input: string): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("PYTHON")) env[k] = v;
  const r = spawnSync(process.execPath, [`${projectRoot}/bin/tspython.js`, ...args], { encoding: "utf8", input, env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("a piped session under -i: values, multi-line statements, tracebacks, _", () => {
  const input = "1+1\nif 1:\n  x=5\n\nx\n1/0\nprint('hi')\n_\nx=(1,\n2)\nx\n'a'\nexit\n" +
    "for i in range(2):\n  print(i)\n\nclass A:\n  def f(self):\n    return 1\n\nA().f()\n1 2\nimport sys; sys.ps1 = '$ '\n3\n";
  const r = session(["-i"], input);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, "2\n5\nhi\n5\n(1, 2)\n'a'\nUse exit() or Ctrl-D (i.e. EOF) to exit\n0\n1\n1\n3\n");
  assert.match(r.stderr, BANNER);
  assert.equal(r.stderr.replace(BANNER, ""),
    ">>> >>> ... ... >>> >>> Traceback (most recent call last):\n" +
    "  File \"<stdin>\", line 1, in <module>\n    1/0\n    ~^~\nZeroDivisionError: division by zero\n" +
    ">>> >>> >>> ... >>> >>> >>> >>> ... ... >>> ... ... ... >>> >>>   File \"<stdin>\", line 1\n    1 2\n      ^\n" +
    "SyntaxError: invalid syntax\n>>> $ $ \n");
});

test("-q hides the banner; SystemExit ends the session with its status", () => {
  const r = session(["-q", "-i"], "x = 1\nexit(4)\nprint('not reached')\n");
  assert.deepEqual(r, { status: 4, stdout: "", stderr: ">>> >>> " });
});

test("-i after -c: the session sees the program's globals, even after an exception", () => {
  assert.deepEqual(session(["-i", "-c", "x = 5"], "print(x)\n"), { status: 0, stdout: "5\n", stderr: ">>> >>> \n" });
  const r = session(["-i", "-c", "x = 6; 1/0"], "print(x)\n");
  assert.equal(r.stdout, "6\n");
  assert.equal(r.stderr, "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\n    x = 6; 1/0\n           ~^~\nZeroDivisionError: division by zero\n>>> >>> \n");
  // SystemExit under -i is shown, and the session still runs.
  const s = session(["-i", "-c", "raise SystemExit(3)"], "print(7)\n");
  assert.equal(s.status, 0);
  assert.equal(s.stdout, "7\n");
  assert.match(s.stderr, /SystemExit: 3\n>>> >>> \n$/);
});

test("EOF inside an unfinished statement reports it, then exits 0", () => {
  const r = session(["-q", "-i"], "x = (1,\n");
  assert.equal(r.status, 0);
  assert.equal(r.stderr, ">>> ... \n  File \"<stdin>\", line 1\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n>>> \n");
});
