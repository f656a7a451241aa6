// The embedding API (src/index.ts): running programs, exec/eval in __main__, globals,
// calls, value conversion, Python exceptions as PythonError, captured output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createInterpreter, PythonError, PyRef, toPython, toJs } from "../src/index.js";

test("run source, exec/eval/call in __main__, globals both ways, captured stdout", async () => {
  let out = "";
  const py = await createInterpreter({ stdout: (t) => { out += t; } });
  assert.equal(py.runSource("print(6 * 7)"), 0);
  py.exec("def area(w, h): return w * h");
  assert.equal(py.eval("area(6, 7)"), 42);
  assert.equal(py.call("area", 3, 4), 12);
  assert.equal(py.call("len", "abcd"), 4);
  py.setGlobal("data", [1, 2.5, "x", { k: null }, true, 2n ** 70n]);
  assert.equal(py.eval("repr(data)"), "[1, 2.5, 'x', {'k': None}, True, 1180591620717411303424]");
  assert.deepEqual(py.getGlobal("data"), [1, 2.5, "x", new Map([["k", null]]), true, 2n ** 70n]);
  assert.equal(py.getGlobal("nope"), undefined);
  assert.equal(py.deleteGlobal("data"), true);
  assert.equal(py.getGlobal("data"), undefined);
  py.exec("x = 5\nprint(x + 1)");
  assert.equal(out, "42\n6\n");
});

test("exit statuses of runSource", async () => {
  let err = "";
  const py = await createInterpreter({ stdout: () => {}, stderr: (t) => { err += t; } });
  assert.equal(py.runSource("import sys; sys.exit(3)"), 3);
  assert.equal(py.runSource("raise ValueError('bad')"), 1);
  assert.match(err, /ValueError: bad\n$/);
});

test("a Python exception reaches JS as PythonError with the traceback", async () => {
  const py = await createInterpreter();
  assert.throws(() => py.exec("1/0"), (e: unknown) => {
    assert.ok(e instanceof PythonError);
    assert.equal(e.pythonType, "ZeroDivisionError");
    assert.equal(e.message, "ZeroDivisionError: division by zero");
    assert.match(e.traceback, /^Traceback \(most recent call last\):\n/);
    return true;
  });
  assert.throws(() => py.call("no_such_function"), PythonError);
});

test("value conversion rules", () => {
  assert.equal(toJs(toPython(null)), null);
  assert.equal(toJs(toPython(undefined)), null);
  assert.equal(toJs(toPython(1.5)), 1.5);
  assert.equal(toJs(toPython(7)), 7);
  assert.equal(toJs(toPython(12n)), 12);
  assert.equal(toJs(toPython("s")), "s");
  assert.deepEqual(toJs(toPython(new Uint8Array([1, 2]))), new Uint8Array([1, 2]));
  assert.deepEqual(toJs(toPython(new Map<number, string>([[1, "a"]]))), new Map([[1, "a"]]));
});

test("objects without a JS counterpart come back as PyRef", async () => {
  const py = await createInterpreter();
  const r = py.eval("object()");
  assert.ok(r instanceof PyRef);
  assert.equal(r.typeName, "object");
  py.exec("class C:\n  def m(self, k): return k * 2");
  const c = py.eval("C()");
  assert.ok(c instanceof PyRef);
  py.setGlobal("c", c);
  assert.equal(py.eval("c.m(21)"), 42);
  assert.deepEqual(py.eval("(1, 'a', b'xy')"), [1, "a", new Uint8Array([120, 121])]);
});
