// Differential tests of the parser against CPython 3.13.2 (the pyodide oracle): a
// corpus of snippets covering the grammar, literals, positions and errors, and every
// .py file under ../shared (CPython's own test modules, our conformance programs, the
// dis corpus) — same AST dump with positions, or the same SyntaxError.
import { test } from "node:test";
import assert from "node:assert/strict";
import { lstatSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { hasShared, SHARED } from "./helpers/paths.js";
import { oracleVerdict, ourVerdict } from "./helpers/parserOracle.js";

const SNIPPETS: string[] = [
  // Valid code with unusual layout.

 "x = f\"{'\\n'.join(x)}\"\n", "x = f\"{f\"{f\"{x}\"}\"}\"\n", "x = f'{x!r:>{width}.{prec}f}'\n", "x = f'{x:%Y-%m-%d}'\n", "x = f'{x:{{}}>10}'\n", "x = f'a{{{x}}}b'\n", "x = f'{x = }'\n", "x = f'{x=!s:>10}'\n", "x = f'{(lambda: 1)()}'\n", "x = f'{x:=10}'\n", "x = f'{(x:=10)}'\n", "x = f'{a[\"b\"]}'\n", "x = f'''{\n  a # comment\n}'''\n", "x = rf'\\{x}\\n'\n", "x = f'\\N{BULLET} {x}'\n", "x = fr'{x}' Rb'y' if 0 else 1\n",
 "x = b'abc' b'def'\n", "x = 'a' 'b' 'c'\n", "x = u'a'\n", "x = R'\\d+'\n", "x = '''a\\\nb'''\n", "x = '\\\n'\n",
 "@(yield)\ndef f(): pass\n", "@a[0].b(c)\nclass C: pass\n", "async def f():\n  async with a as b, c as d:\n    async for x in y:\n      await z\n", "async def f():\n  return [await x async for x in y if await z]\n",
 "with (a as b, c as d,):\n  pass\n", "with (a, b):\n  pass\n", "with (a):\n  pass\n", "with (yield x) as y:\n  pass\n", "with a, (b as c):\n  pass\n",
 "x = [*a, *b, c]\n", "x = {**a, 'b': 1}\n", "f(*a, *b, **c, **d)\n", "a[1:2:3, ...]\n", "a[:, None]\n", "a[::-1]\n", "a[b, c:d]\n", "a[(b, c)]\n", "del a[0], b.c, (d, e), [f]\n",
 "x = (y := 10)\n", "if (n := len(a)) > 10: pass\n", "[y := f(x), y**2]\n", "f(x := 1, y=2)\n", "while chunk := f.read(10): pass\n",
 "x = lambda a, /, b=1, *c, d, e=2, **f: 0\n", "def f(a, /, b=1, *, c, d=2, **e) -> int: pass\n", "def f(*args: *Ts): pass\n", "x = lambda *a, **k: (a, k)\n",
 "class C(A, B, metaclass=M, **kw):\n  x: int = 1\n  def f(self): ...\n", "class C[T: (int, str), *Ts, **P]:\n  pass\n", "type A[T] = list[T]\ntype B = A[int]\n", "def f[T = int, *Ts = *tuple[int], **P = [int, str]](): pass\n",
 "match p:\n  case Point(x=0, y=0) | Point(1, 2):\n    pass\n  case [1, 2, *rest] if rest:\n    pass\n  case {'a': 1, **kw}:\n    pass\n  case str() | bytes() as s:\n    pass\n  case -1.5 | 1+2j | -3-4j | None | True:\n    pass\n  case a.b.c:\n    pass\n  case (1, 2) | [3, 4] | ():\n    pass\n  case _:\n    pass\n",
 "try:\n  pass\nexcept* (A, B) as e:\n  pass\nexcept* C:\n  pass\nelse:\n  pass\nfinally:\n  pass\n", "try:\n  pass\nexcept (A, B):\n  pass\n",
 "x = 1 if a else 2 if b else 3\n", "x = a or b and not c\n", "x = a < b <= c != d is not e not in f in g\n", "x = -a ** -b\n", "x = ~a + +b - -c\n", "x = a @ b // c % d\n", "x = a << b >> c & d ^ e | f\n", "x = await_ = 1\n",
 "global a, b\nnonlocal_ = 1\n", "assert x, (y, z)\n", "raise X from None\n", "import a.b.c, d as e\nfrom .a import (b as c, d,)\nfrom ... import x\nfrom .... import y\n",
 "if a:\n  pass\nelif b:\n  pass\nelif c:\n  pass\nelse:\n  pass\n", "for x, *y in z:\n  pass\nelse:\n  pass\n", "while 1:\n  break\n  continue\n",
 "x = ()\ny = (1,)\nz = 1,\nw = (((1)))\n", "x = [\n  1,\n  2,\n]\n", "x = {\n  'a': 1,\n}\n", "x = {1, 2,}\n", "f(\n  a,\n  b,\n)\n", "x = (i for i in range(10))\nf(i for i in x)\n",
 "x = 1_000_000.000_1e1_0j\n", "x = 0XFF + 0O17 + 0B11\n", "x = .5 + 5. + 5.e3 + 0e0\n", "x = 00000\n", "x = 1e-10\n", "x = 12345678901234567890123\n",
 "é = ñ = 'ü'\nπ = 3.14\n", "x = 'ä' + \"ö\" + '''ü'''\n", "# -*- coding: utf-8 -*-\nx = 1\n", "\ufeffx = 1\n",
 "if True:\n\tx = 1\n\tif x:\n\t\ty = 2\n", "x = [\n\t1,\n    2]\n", "def f():\n    '''doc'''\n    return\n", "class C:\n    '''doc'''\n", "x = 1; y = 2;\n", "x = 1 \\\n    + 2\n",
  // Typical mistakes.
  "x = f\"{ a)\"\n", "x = f'{a]}'\n", "x = f'{(a}'\n",

 "class = 1\n", "def = 2\n", "x = class\n", "if x = 1:\n  pass\n", "else if x:\n  pass\n", "if x:\n  pass\nelse if y:\n  pass\n", "elif x:\n  pass\n",
 "for i in range(10)\n  pass\n", "while True print(1)\n", "print('a' 'b' c)\n", "x = [1, 2, 3\ny = 4\n", "def f(x):\nreturn x\n", "def f(x):\n    return x\n  y = 1\n",
 "x = 'abc\n", "x = \"\"\"abc\n", "f(**)\n", "f(*)\n", "lambda x=: x\n", "(x := 1) = 2\n", "x := 1\n", "a = 1 = 2\n", "1 = a\n", "a + 1 = 2\n", "a, b += 1\n", "x += yield\n",
 "import a.b.c as\n", "from . import\n", "from a import b c\n", "import a b\n", "return x y\n", "x = (1 2)\n", "x = {1: 2 3: 4}\n", "x = [i for i in]\n", "x = [i for in y]\n", "x = {**}\n",
 "def f(*, a, *b): pass\n", "def f(a, a=1, b): pass\n", "def f(**k, a): pass\n", "def f(a=1, /, b): pass\n", "async x = 1\n", "async def f():\n  async x\n", "with open(f) as f, :\n  pass\n",
 "try:\n  pass\nexcept Exception, e:\n  pass\n", "raise E, 'x'\n", "exec 'x'\n", "print >>sys.stderr, 'x'\n", "x = 1 if y\n", "x = y if else z\n", "x = not\n", "assert\n", "del\n", "global\n",
 "def f():\n\tif x:\n        pass\n", "  \nx = 1\n", "x = 1\n\n  \n", "class C:\npass\n", "class C(metaclass=M, x):\n  pass\n", "f(a=1, a=2)\n", "f(a for a in b, c)\n", "x = 0777\n", "x = 1.2.3\n", "x = 1__000\n", "x = 0b102\n", "x = 1e5e5\n",
 "match x:\n  case 1 if:\n    pass\n", "match x:\n  case {1: a, **b, 2: c}:\n    pass\n", "match x:\n  case a.b(c=d, e):\n    pass\n", "match x:\n  case 1+1:\n    pass\n", "match x:\n  case -1j:\n    pass\n", "match x:\n  case f'{x}':\n    pass\n", "match x:\n  case [*a, *b]:\n    pass\n",
 "x = f'{a!x}'\n", "x = f'{a:{b:{c:{d}}}}'\n", "x = f'{}'\n", "x = f'{ }'\n", "x = f'{a=!}'\n", "x = f'{a b}'\n", "x = f'{a;b}'\n", "x = f'{\\\\}'\n", "x = f'''{\na\n=}'''\n",
 "type X = \n", "type X[T = int, U] = T\n", "def f[T, T](): pass\n", "class C[*Ts: int]: pass\n", "def f[**P: int](): pass\n",
 "x = yield = 1\n", "nonlocal = 1\n", "True = 1\n", "None += 1\n", "__debug__ = 1\n", "(a, b) = 1, 2\n", "[a, b] = 1, 2\n", "a.b, c[0] = 1, 2\n", "*a, *b = c\n", "x = *a\n", "print(*a, **b, *c)\n",
  "x = " + "1".repeat(5000) + "\n",
  "x = 1 \\ y\n",
  "x = 1 + \\\n",
  "a = \\",
  "x = \u20ac\n",
  "x\u20ac = 1\n",
  "x = a\u00a0b\n",
  "0x\n",
  "0xg\n",
  "0b2\n",
  "0o8\n",
  "0b1_\n",
  "1__0\n",
  "1e\n",
  "1e+\n",
  "1_\n",
  "1.5j_\n",
  "0777\n",
  "00\n",
  "0_0\n",
  "1if 1 else 2\n",
  "1 if 1else 2\n",
  "x = 1abc\n",
  "x = 0x1for\n",
  "x = (1, 2]\n",
  "x = )\n",
  "x = (\n1,\n2]\n",
  "f(\n",
  "x = [1,\n",
  "{",
  "a = 1 +\n",
  "x = 'abc\n",
  "x = '''abc\n\n\n",
  "'''\n",
  "x = \"abc",
  "x = f'abc\n",
  "x = f'''abc\n",
  "f'{'\n",
  "f'{x'\n",
  "f'{x!'\n",
  "f'{x!z}'\n",
  "f'{x:'\n",
  "f'}'\n",
  "f'{}'\n",
  "f'{!r}'\n",
  "f'{x!r=}'\n",
  "f'{x=!r:10}'\n",
  "f'{lambda x:1}'\n",
  "f'{yield}'\n",
  "f'{*x}'\n",
  "f'{x:{y:{z}}}'\n",
  "if x:\n        a\n    b\n",
  "if x:\n\ta = 1\n        b = 2\n",
  "x = 1\n    y = 2\n",
  "if x:\npass\n",
  "def f():\n  x\n y\n",
  "b'\u00e9'\n",
  "'\\x4'\n",
  "b'\\x4'\n",
  "'\\N{foo}'\n",
  "'\\u12'\n",
  "'\\U00110000'\n",
  "'\\N'\n",
  "x = $\n",
  "x = ?\n",
  "x = `\n",
  "x = 1\u0000\n",
  "x = !\n",
  "a.1\n",
  "1.__class__\n",
  "x = 5 6\n",
  "f(a b)\n",
  "[a b c]\n",
  "(a, b c)\n",
  "{a: b c: d}\n",
  "print 'x'\n",
  "exec 'x'\n",
  "print x\n",
  "import a.b as c.d\n",
  "from x import y,\n",
  "from x import (y,)\n",
  "from . import *\n",
  "from .. import x\n",
  "from .... import x\n",
  "def f(a, a): pass\n",
  "def f(*a, *b): pass\n",
  "def f(**a, b): pass\n",
  "def f(a=1, /, b): pass\n",
  "def f(/): pass\n",
  "lambda: (yield)\n",
  "x = yield\n",
  "del x, (y, z), [w]\n",
  "del f()\n",
  "del (x for x in y)\n",
  "del *x\n",
  "(a, b) += 1\n",
  "f() += 1\n",
  "[a] += 1\n",
  "x: int, y: int = 1, 2\n",
  "(x): int = 1\n",
  "x.y: int\n",
  "[x]: int\n",
  "class C(x for x in y): pass\n",
  "f(x for x in y, 1)\n",
  "f(1, x for x in y)\n",
  "f(**x, *y)\n",
  "f(x=1, y)\n",
  "f(**x, y)\n",
  "f(a=1, a=2)\n",
  "f(True=1)\n",
  "f(x.y=1)\n",
  "f(a, *b, c=1, **d, e=2)\n",
  "with (a as b, c as d): pass\n",
  "with (a, b) as c: pass\n",
  "with (a): pass\n",
  "with (a, b): pass\n",
  "with (yield): pass\n",
  "with a as (b, c): pass\n",
  "with a as b.c, d as e[0]: pass\n",
  "match x:\n case 1: pass\n",
  "match = 1\n",
  "match(x)\n",
  "match x, y:\n case (1, 2) | [3, *_]: pass\n case {1: x, **rest}: pass\n case C(1, a=2): pass\n case -1+2j | 'a' 'b' | a.b.c: pass\n case x if x > 1: pass\n",
  "match *x:\n case 1: pass\n",
  "type X = int\n",
  "type X[T: int = str, *Ts = *tuple[int], **P = [int]] = list[T]\n",
  "def f[T](x: T) -> T: pass\n",
  "class C[T]: pass\n",
  "type = 1\n",
  "type(x)\n",
  "type X[] = int\n",
  "async def f():\n  async with a as b, c: pass\n  async for x in y: pass\n  await x\n  return [x async for x in y]\n",
  "try:\n  pass\nexcept* (A, B) as e:\n  pass\n",
  "a[1:2, ::3, *b]\n",
  "a[*b]\n",
  "a[b:=1]\n",
  "a[:]\n",
  "x = *a, *b\n",
  "x = *a\n",
  "*a = 1\n",
  "*a, = 1\n",
  "print(*a, sep='')\n",
  "a = b = c = 1\n",
  "x = (yield)\n",
  "x = yield from y\n",
  "for x, in y: pass\n",
  "for x in y, z: pass\n",
  "for (x, y) in z: pass\n",
  "for x.y in z: pass\n",
  "for f() in z: pass\n",
  "for a + b in c: pass\n",
  "for x in *a, *b: pass\n",
  "x = 1 if 2\n",
  "x = lambda: yield\n",
  "x = not\n",
  "x = a not b\n",
  "x = a is not not b\n",
  "x = a < b < c\n",
  "x = -1 ** -2\n",
  "x = await\n",
  "x = {**a, 'b': 1, **c}\n",
  "x = {*a, *b}\n",
  "x = [*a, *b]\n",
  "x = (*a,)\n",
  "x = (*a)\n",
  "x = (a := 1)\n",
  "x := 1\n",
  "(x.y := 1)\n",
  "f(x := 1)\n",
  "[x := 1, y := 2]\n",
  "x = 0b1010 + 0o17 + 0xFF + 1_000 + 1e10 + 1.5e-3 + 3j + .5 + 5.\n",
  "x = 'a' b'b'\n",
  "x = f'a' b'b'\n",
  "x = u'a' f'b'\n",
  "x = rb'\\d' Rb'x' BR'y'\n",
  "x = '''a\nb''' '''c'''\n",
  "x = 'a\\\nb'\n",
  "x = f'{x!r:>{w}.{p}}'\n",
  "x = f'{x}' f'{y}' 'z'\n",
  "x = f'{\"a\" \"b\"}'\n",
  "x = f'{f\"{x}\"}'\n",
  "x = f'''{\nx\n}'''\n",
  "x = f'{x:\\n}'\n",
  "x = f'\\{x}'\n",
  "x = rf'\\{x}'\n",
  "x = f'{{}}'\n",
  "x = f'a{{b}}c{x}'\n",
  "x = 1\n\n\n",
  "\n\n",
  "",
  "#c",
  "x",
  "  x = 1\n",
  "if 1:\n  pass\n  # comment\n\n  pass\n",
  "if 1:\n\tpass\n",
  "\fx = 1\n",
  "if 1:\n  \f  x = 1\n",
  "nonlocal x\n",
  "global x, y\n",
  "def f():\n  nonlocal x\n",
  "return\n",
  "yield\n",
  "break\n",
  "continue\n",
  "await x\n",
  "async with x: pass\n",
  "x = [i async for i in y]\n",
  "@dec\n@dec2(1)\nclass C: pass\n",
  "@dec\nx = 1\n",
  "@a.b[c]\ndef f(): pass\n",
  "@x := y\ndef f(): pass\n",
  "assert x, 'msg'\n",
  "raise\n",
  "raise X from Y\n",
  "raise X, Y\n",
  "import a, b.c as d\n",
  "import a as\n",
  "from a import (b as c, d)\n",
  "from a import b as c, d\n",
  "from a import\n",
  "if x:\n  pass\nelif y:\n  pass\nelse:\n  pass\n",
  "while x:\n  pass\nelse:\n  pass\n",
  "for x in y:\n  pass\nelse:\n  pass\n",
  "try:\n  pass\nexcept A as e:\n  pass\nexcept:\n  pass\nelse:\n  pass\nfinally:\n  pass\n",
  "if x\n  pass\n",
  "while x\n  pass\n",
  "for x in y\n  pass\n",
  "def f()\n  pass\n",
  "class C\n  pass\n",
  "with x\n  pass\n",
  "else:\n  pass\n",
  "elif x:\n  pass\n",
  "except:\n  pass\n",
  "def f(\n",
  "def f(a,\n",
  "x = (1,\n 2,\n",
  "x = [1, 2\n\ny = 3\n",
  "x = 1 +\n",
  "x = (1 + )\n",
  "x = 1 +* 2\n",
  "f(,)\n",
  "f(a,,b)\n",
  "[,]\n",
  "x = ,\n",
  "x = 1,,\n",
  "x.\n",
  "x..y\n",
  "x = a[]\n",
  "x = a[1,,]\n",
  "def f(a, *, b): pass\n",
  "def f(a, *): pass\n",
  "def f(*, **k): pass\n",
  "lambda *: 0\n",
  "lambda a, *, b=1, **c: 0\n",
  "lambda x=1, y: 0\n",
  "def f(a: int = 1, *b: str, c: int, **d: dict) -> None: pass\n",
  "def f(*a: *Ts): pass\n",
  "x = 10000000000000000000000000000000000000000000000000\n",
  "x = 1e1000\n",
  "x = 0.1 + 1e-7 + 1e16 + 123456789012345678.0 + 1e22 + 5e-324\n",
  "x = 1j + 1e16j + 0j + 2.5j + 1e-5j\n",
  "x = '\\u00e9\\U0001F600\\x00\\x7f\\xff\\t\\r\\n\\\\\"\\''\n",
  "x = '\u00e9\ud83d\ude00\u2028\u200b\\ud800'\n",
  "x = b'\\x00\\xff\"\\''\n",
  "\u00e9 = 1\n",
  "x = \u00e9.\u00f1\n",
  "\ufb01 = 1\n",
  "x = 'ab' '\u00e9' ; y = 1\n"
];

// Known differences, each with the reason.
const KNOWN_DIFFERENCES = new Map<string, string>([
  // CompileError has one value (-1) for "no position"; CPython gives None here.
  ["x = 1\u0000\n", "null bytes: CPython's positions are None, ours -1"],
]);

function pyFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const st = lstatSync(path);
    // Symbolic links are skipped: a link back up the tree would never end.
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) pyFiles(path, out);
    else if (name.endsWith(".py")) out.push(path);
  }
  return out;
}

test("snippets parse (or fail) exactly as in CPython 3.13.2", { timeout: 120_000 }, async () => {
  const verdict = await oracleVerdict();
  const failures: string[] = [];
  for (const src of SNIPPETS) {
    const want = verdict(src, "exec");
    const got = ourVerdict(src);
    if (want !== got && !KNOWN_DIFFERENCES.has(src)) {
      failures.push(`${JSON.stringify(src)}\n  want: ${want.slice(0, 300)}\n  got:  ${got.slice(0, 300)}`);
    }
  }
  assert.equal(failures.join("\n"), "");
});

test("every .py file under ../shared parses as in CPython 3.13.2", { skip: hasShared ? false : "needs ../shared", timeout: 120_000 }, async () => {
  const verdict = await oracleVerdict();
  const failures: string[] = [];
  const files = pyFiles(SHARED);
  assert.ok(files.length > 100);
  for (const file of files) {
    const data = new Uint8Array(readFileSync(file));
    const want = verdict(data, "exec");
    const got = ourVerdict(data);
    if (want !== got) {
      let i = 0;
      while (i < want.length && want[i] === got[i]) i++;
      failures.push(`${file}\n  want: ...${want.slice(Math.max(0, i - 100), i + 100)}\n  got:  ...${got.slice(Math.max(0, i - 100), i + 100)}`);
    }
  }
  assert.equal(failures.join("\n"), "");
});

test("eval, single and func_type modes as compile()'s", { timeout: 120_000 }, async () => {
  const verdict = await oracleVerdict();
  const cases: [string, "eval" | "single" | "func_type"][] = [
    ["1 + 2", "eval"], ["1 + 2\n", "eval"], ["\n1\n\n", "eval"], ["x = 1", "eval"], ["", "eval"], ["a, *b", "eval"],
    ["yield x", "eval"], ["lambda: 1", "eval"], ["1 2", "eval"], ["(1,\n2)", "eval"], ["x if y else z\n# c\n", "eval"],
    ["x = 1", "single"], ["x = 1\n", "single"], ["", "single"], ["\n", "single"], ["if x:\n  pass\n", "single"],
    ["if x:\n  pass", "single"], ["x = 1\ny = 2\n", "single"], ["x = 1; y = 2", "single"], ["def f():\n  return 1\n\n", "single"],
    ["# comment", "single"], ["@d\ndef f(): pass\n", "single"], ["x\n\n\n", "single"], ["for x in y:\n  pass\nelse:\n  pass\n", "single"],
    ["(int, str) -> None", "func_type"], ["() -> int", "func_type"], ["(*int, **str) -> None", "func_type"],
    ["(int) -> List[int]\n", "func_type"], ["int -> None", "func_type"],
  ];
  const failures: string[] = [];
  for (const [src, mode] of cases) {
    const want = verdict(src, mode);
    const got = ourVerdict(src, mode);
    if (want !== got) failures.push(`${JSON.stringify(src)} (${mode})\n  want: ${want.slice(0, 300)}\n  got:  ${got.slice(0, 300)}`);
  }
  assert.equal(failures.join("\n"), "");
});
