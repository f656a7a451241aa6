// The compiled-code cache (src/modules/codeCache.ts): code compiled from strings during
// imports and the main program's code are stored next to the .pyc cache and read back by
// later runs — same behaviour (output, tracebacks with source lines, warnings), and an
// edited program is compiled again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "./helpers/paths.js";

const TSPYTHON = `${projectRoot}/bin/tspython.js`;
const work = mkdtempSync(join(tmpdir(), "tspython-codecache-"));
const cache = join(work, "cache");
const codeDir = join(cache, "pycache", "_code.tspython-313");

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TSPYTHON, ...args], {
    encoding: "utf8", cwd: work, env: { ...process.env, TSPYTHON_CACHE: cache },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

writeFileSync(join(work, "shapes.py"), String.raw`
from collections import namedtuple
from dataclasses import dataclass
Point = namedtuple("Point", "x y")
@dataclass
class Box:
    w: int
    h: int = 2
`);

test("a main program and the code its imports compile from strings are stored and reused", () => {
  writeFileSync(join(work, "main.py"), "import shapes\nprint(shapes.Point(1, 2), shapes.Box(3))\nprint(shapes.Box.__init__.__code__.co_varnames)\n1/0\n");
  const first = run(["main.py"]);
  assert.equal(first.status, 1);
  assert.ok(existsSync(codeDir), "no code cache written");
  const stored = readdirSync(codeDir).length;
  assert.ok(stored >= 3, `only ${stored} entries`);
  const second = run(["main.py"]);
  assert.equal(second.stdout, "Point(x=1, y=2) Box(w=3, h=2)\n('self', 'w', 'h')\n");
  assert.equal(second.stdout, first.stdout);
  assert.equal(second.stderr, first.stderr);
  assert.match(second.stderr, /File ".*main\.py", line 4, in <module>\n {4}1\/0\n/);
  assert.equal(readdirSync(codeDir).length, stored, "a warm run stored new entries");
});

test("an edited main program is compiled again", () => {
  writeFileSync(join(work, "edit.py"), "print('one')\n");
  assert.equal(run(["edit.py"]).stdout, "one\n");
  writeFileSync(join(work, "edit.py"), "print('two')\n");
  assert.equal(run(["edit.py"]).stdout, "two\n");
  assert.equal(run(["-c", "print(3)"]).stdout, "3\n");
  assert.equal(run(["-c", "print(4)"]).stdout, "4\n");
  assert.equal(run(["-c", "print(3)"]).stdout, "3\n");
});

test("a compile that warns is not stored: the warning comes on every run", () => {
  writeFileSync(join(work, "warns.py"), "x = 1\nprint(x is 1)\n");
  for (let i = 0; i < 2; i++) {
    const r = run(["warns.py"]);
    assert.equal(r.stdout, "True\n");
    assert.match(r.stderr, /SyntaxWarning: "is" with 'int' literal/);
  }
});

test("the -O level is part of the key", () => {
  writeFileSync(join(work, "opt.py"), "assert False, 'asserts on'\nprint('no asserts')\n");
  assert.match(run(["opt.py"]).stderr, /AssertionError: asserts on/);
  assert.equal(run(["-O", "opt.py"]).stdout, "no asserts\n");
  assert.match(run(["opt.py"]).stderr, /AssertionError: asserts on/);
});
