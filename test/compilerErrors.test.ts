// Compile-time SyntaxErrors raised by the symbol table and code generator, with
// CPython 3.13's messages and positions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CompileError } from "../src/ast/compileError.js";
import { compileSource, CompileRecursionError } from "../src/compiler/compile.js";

function errorOf(src: string): CompileError {
  try {
    compileSource(src, "<test>");
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  assert.fail(`no SyntaxError for ${JSON.stringify(src)}`);
}

// [source, message, lineno, offset, end_lineno, end_offset] as CPython 3.13 reports them
const cases: [string, string, number, number, number, number][] = [
  ["return 1\n", "'return' outside function", 1, 1, 1, 9],
  ["x = 1\nbreak\n", "'break' outside loop", 2, 1, 2, 6],
  ["continue\n", "'continue' not properly in loop", 1, 1, 1, 9],
  ["await x\n", "'await' outside function", 1, 1, 1, 8],
  ["def f():\n    await x\n", "'await' outside async function", 2, 5, 2, 12],
  ["def f():\n    async for x in y: pass\n", "'async for' outside async function", 2, 5, 2, 27],
  ["def f():\n    async with x: pass\n", "'async with' outside async function", 2, 5, 2, 23],
  ["def f():\n    [x async for x in y]\n", "asynchronous comprehension outside of an asynchronous function", 2, 5, 2, 25],
  ["yield 1\n", "'yield' outside function", 1, 1, 1, 8],
  ["def f():\n    x = 1\n    global x\n", "name 'x' is assigned to before global declaration", 3, 5, 3, 13],
  ["def f(x):\n    global x\n", "name 'x' is parameter and global", 2, 5, 2, 13],
  ["def f():\n    print(x)\n    global x\n", "name 'x' is used prior to global declaration", 3, 5, 3, 13],
  ["nonlocal x\n", "nonlocal declaration not allowed at module level", 1, 1, 1, 11],
  ["def f():\n    nonlocal x\n", "no binding for nonlocal 'x' found", 2, 5, 2, 15],
  ["def f(a, a): pass\n", "duplicate argument 'a' in function definition", 1, 10, 1, 11],
  ["async def f():\n    yield from x\n", "'yield from' inside async function", 2, 5, 2, 17],
  ["async def f():\n    yield 1\n    return 2\n", "'return' with value in async generator", 3, 5, 3, 13],
  ["try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n", "default 'except:' must be last", 3, 1, 4, 9],
  ["def f():\n    x = [(yield) for i in y]\n", "'yield' inside list comprehension", 2, 11, 2, 16],
  ["from __future__ import braces\n", "not a chance", 1, 1, 1, -1],
  ["from __future__ import nope\n", "future feature nope is not defined", 1, 1, 1, -1],
  ["x = 1\nfrom __future__ import annotations\n", "from __future__ imports must occur at the beginning of the file", 2, 1, 2, 35],
  ["def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n", "name 'x' is nonlocal and global", 4, 9, 4, 17],
  ["def f(x):\n    nonlocal x\n", "name 'x' is parameter and nonlocal", 2, 5, 2, 15],
  ["def f():\n    x: int\n    global x\n", "annotated name 'x' can't be global", 3, 5, 3, 13],
  ["match x:\n    case y:\n        pass\n    case z:\n        pass\n", "name capture 'y' makes remaining patterns unreachable", 2, 10, 2, 11],
  ["match x:\n    case [a, a]:\n        pass\n", "multiple assignments to name 'a' in pattern", 2, 14, 2, 15],
  ["try:\n    pass\nexcept* E:\n    break\n", "'break', 'continue' and 'return' cannot appear in an except* block", 4, 5, 4, 10],
  ["def f[T=int, U](): pass\n", "non-default type parameter 'U' follows default type parameter", 1, 14, 1, 15],
  ["def f():\n    class C:\n        nonlocal __class__\n", "no binding for nonlocal '__class__' found", 3, 9, 3, 27],
  ["*a\n", "can't use starred expression here", 1, 1, 1, 3],
  ["yield from x\n", "'yield from' outside function", 1, 1, 1, 13],
  ["def f[T: ((yield), int)](): pass\n", "yield expression cannot be used within a TypeVar constraint", 1, 12, 1, 17],
  ["def f[**P = (yield)](): pass\n", "yield expression cannot be used within a ParamSpec default", 1, 14, 1, 19],
  ["def f[T: (x := 1)](): pass\n", "named expression cannot be used within a TypeVar bound", 1, 11, 1, 17],
  ["type A[T] = (x := 1)\n", "named expression cannot be used within a type alias", 1, 14, 1, 20],
  ["class C[T: (await x)]: pass\n", "await expression cannot be used within a TypeVar bound", 1, 13, 1, 20],
  ["class C: yield from x\n", "'yield from' outside function", 1, 10, 1, 22],
  ["del __debug__\n", "cannot delete __debug__", 1, 5, 1, 14],
  ["f(__debug__=1)\n", "cannot assign to __debug__", 1, 3, 1, 14],
  ["match x:\n    case {'a': 1, 'a': 2}:\n        pass\n", "mapping pattern checks duplicate key ('a')", 2, 10, 2, 26],
  ["match x:\n    case C(a=1, a=2):\n        pass\n", "attribute name repeated in class pattern: a", 2, 19, 2, 20],
  ["match x:\n    case _ | 1:\n        pass\n", "wildcard makes remaining patterns unreachable", 2, 10, 2, 11],
  ["a, *b, c, *d = e\n", "multiple starred expressions in assignment", 1, 1, 1, 13],
  ["class C:\n    [x for x in range(3) if (y := x)]\n", "assignment expression within a comprehension cannot be used in a class body", 2, 30, 2, 31],
  ["def f[T](): nonlocal T\n", "nonlocal binding not allowed for type parameter 'T'", 1, 13, 1, 23],
  [Array.from({ length: 22 }, (_, i) => "    ".repeat(i) + `for a${i} in b:\n`).join("") + "    ".repeat(22) + "pass\n",
    "too many statically nested blocks", 22, 85, 23, 93],
];

for (const [src, message, lineno, offset, endLineno, endOffset] of cases) {
  test(`SyntaxError: ${message}`, () => {
    const e = errorOf(src);
    assert.equal(e.kind, "SyntaxError");
    assert.equal(e.message, message);
    assert.equal(e.lineno, lineno);
    assert.equal(e.offset, offset);
    assert.equal(e.endLineno, endLineno);
    assert.equal(e.endOffset, endOffset);
  });
}

test("compiler errors count columns in UTF-8 bytes and give no text for <string> names", () => {
  const e = errorOf("x = 'é'; return 1\n");
  assert.equal(e.message, "'return' outside function");
  assert.equal(e.offset, 11);
  assert.equal(e.endOffset, 19);
  assert.equal(e.text, null);
});

test("a module compiles to a code object", () => {
  const co = compileSource("x = 1\n", "<test>");
  assert.equal(co.co_name, "<module>");
  assert.deepEqual(co.co_names, ["x"]);
});

test("nesting beyond CPython's limit is a RecursionError during compilation", () => {
  const chain = (n: number): string => "x = " + Array(n).fill("a").join("+") + "\n";
  assert.doesNotThrow(() => compileSource(chain(9900), "<test>"));
  assert.throws(() => compileSource(chain(10100), "<test>"), (e: unknown) =>
    e instanceof CompileRecursionError && e.message === "maximum recursion depth exceeded during compilation");
});
