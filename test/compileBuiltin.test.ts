// builtins.compile() beyond plain source text, against CPython 3.13 (the oracle): AST
// objects (compiled to the same instructions, and CPython's TypeError/ValueError for bad
// trees), bytes and buffers with coding declarations, filenames as bytes or PathLike,
// flags / dont_inherit / optimize, and the future flags compile(), exec() and eval()
// inherit. The same script runs on both; its JSON results must be equal.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "./helpers/paths.js";

interface OracleLike {
  run(code: string): void;
  evalJson(expr: string): unknown;
}

const oracleAvailable = existsSync(resolve(projectRoot, "node_modules/pyodide/package.json"));

const SCRIPT = String.raw`
from __future__ import annotations
import ast, dis, types

def __cb_shape(co):
    out = [co.co_name, co.co_flags, co.co_varnames, co.co_names]
    for i in dis.get_instructions(co):
        out.append([i.opname, i.arg if not isinstance(i.argval, types.CodeType) else None, list(i.positions)])
    for c in co.co_consts:
        out.append(__cb_shape(c) if isinstance(c, types.CodeType) else repr(c))
    return out

def __cb_outcome(fn):
    import re
    try:
        return ['ok', fn()]
    except Exception as e:
        return [type(e).__name__, re.sub(' at 0x[0-9a-f]+', ' at 0x...', str(e))]

AST_SOURCES = [
    "x = 1\nprint(x + 2)\n",
    "def f(a, *b, c=1, **d):\n    return [i for i in b if i is not c]\n",
    "class C(B, metaclass=M):\n    def m(self): return super().m()\n",
    "try:\n    pass\nexcept* E as e:\n    raise\nfinally:\n    y = 2\n",
    "async def g():\n    async with a as b:\n        await c\n",
    "match p:\n    case [1, *r] if r: pass\n    case {'k': v, **kw}: pass\n    case C(x=1): pass\n",
    "assert (\n    a), 'm'\nlambda: (yield)\n",
    "f'{x!r:>{w}}' + b'\\x00'\n",
    "type A[T: int = str] = list[T]\n",
]

def __cb_ast_cases():
    res = []
    for src in AST_SOURCES:
        tree = ast.parse(src)
        res.append(__cb_outcome(lambda: __cb_shape(compile(tree, '<ast>', 'exec', dont_inherit=True))))
    # A tree built by hand, with fix_missing_locations.
    tree = ast.Module(body=[ast.Expr(value=ast.Call(func=ast.Name(id='print', ctx=ast.Load()), args=[ast.Constant(value=42)], keywords=[]))], type_ignores=[])
    res.append(__cb_outcome(lambda: __cb_shape(compile(ast.fix_missing_locations(tree), '<hand>', 'exec'))))
    res.append(__cb_outcome(lambda: eval(compile(ast.Expression(body=ast.Constant(value=5, lineno=1, col_offset=0)), '<e>', 'eval'))))
    return res

def __cb_bad_trees():
    L = dict(lineno=1, col_offset=0)
    cases = [
        lambda: compile(ast.Expression(body=ast.Constant(value=1, **L)), '<b>', 'exec'),
        lambda: compile(ast.Module(body=[ast.Pass()], type_ignores=[]), '<b>', 'exec'),
        lambda: compile(ast.Module(body=[ast.Expr(ast.NamedExpr(target=ast.Attribute(value=ast.Name('a', ast.Load(), **L), attr='b', ctx=ast.Store(), **L), value=ast.Constant(1, **L), **L), **L)], type_ignores=[]), '<b>', 'exec'),
        lambda: compile(ast.Module(body=[ast.TypeAlias(name=ast.Subscript(value=ast.Name('a', ast.Load(), **L), slice=ast.Constant(1, **L), ctx=ast.Store(), **L), type_params=[], value=ast.Constant(1, **L), **L)], type_ignores=[]), '<b>', 'exec'),
        lambda: compile(ast.Module(body=[ast.Expr(ast.Name('x', ast.Store(), **L), **L)], type_ignores=[]), '<b>', 'exec'),
        lambda: compile(ast.Module(body=[ast.Expr(ast.Constant([1], **L), **L)], type_ignores=[]), '<b>', 'exec'),
        lambda: compile(ast.Module(body=[ast.Expr(ast.Pass(**L), **L)], type_ignores=[]), '<b>', 'exec'),
        lambda: compile(ast.Module(body=[ast.If(ast.Constant(1, **L), [], [], **L)], type_ignores=[]), '<b>', 'exec'),
        lambda: compile(ast.Module(body=ast.Pass(**L), type_ignores=[]), '<b>', 'exec'),
        lambda: compile(ast.Module(body=[ast.Expr(ast.Name(1, ast.Load(), **L), **L)], type_ignores=[]), '<b>', 'exec'),
        lambda: compile(ast.Module(body=[ast.Expr(ast.Name('True', ast.Load(), **L), **L)], type_ignores=[]), '<b>', 'exec'),
        lambda: compile(ast.Module(body=[ast.Delete([], **L)], type_ignores=[]), '<b>', 'exec'),
        lambda: compile(ast.Module(body=[ast.Expr(ast.BoolOp(ast.And(), [ast.Constant(1, **L)], **L), **L)], type_ignores=[]), '<b>', 'exec'),
        lambda: type(compile(ast.parse('x'), '<b>', 'exec', ast.PyCF_ONLY_AST)).__name__,
    ]
    return [__cb_outcome(c) for c in cases]

def __cb_syntax(src, filename):
    try:
        compile(src, filename, 'exec')
    except SyntaxError as e:
        return [e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, e.text]

class __CbPath:
    def __fspath__(self): return 'from_fspath.py'

def __cb_args():
    cases = [
        lambda: compile('pass', b'file.py', 'exec').co_filename,
        lambda: compile('pass', __CbPath(), 'exec').co_filename,
        lambda: compile('pass', bytearray(b'file.py'), 'exec'),
        lambda: compile('pass', memoryview(b'file.py'), 'exec'),
        lambda: compile('pass', 'f', 'exec', 0x10000000),
        lambda: compile('pass', 'f', 'exec', optimize=3),
        lambda: compile('pass', 'f', 'bad'),
        lambda: compile('pass', 'f', 'bad', ast.PyCF_ONLY_AST),
        lambda: compile('(a) -> b', 'f', 'func_type'),
        lambda: ast.dump(compile('(a, *b) -> c', 'f', 'func_type', ast.PyCF_ONLY_AST)),
        lambda: compile(42, 'f', 'exec'),
        lambda: compile('pass', 'f', 42),
        lambda: compile('123\x00', '<dummy>', 'eval'),
        lambda: compile(memoryview(b'123\x00'), '<dummy>', 'eval'),
        lambda: eval(compile(memoryview(b'123\x00')[1:-1], '<dummy>', 'eval')),
        lambda: eval(memoryview(b'1234')[1:-1]),
        lambda: eval(b'  7 * 6'),
        lambda: eval(b'# -*- coding: latin-1 -*-\n"\xe9\x80"'),
        lambda: eval(b'# -*- coding: iso8859-15 -*-\n"\xa4"'),
        lambda: eval(b'# -*- coding: latin -*-\n"\xb5"'),
        lambda: eval(compile('"\xe9"', 'f', 'eval')),
        lambda: compile(b'# -*- coding: badencoding -*-\npass\n', 'f', 'exec'),
        lambda: eval(b'# -*- coding: cp437 -*-\n"\xc2\xa2"'),
        lambda: __cb_syntax('x = 1\nreturn 2\n', 'no_such_file.py'),
        lambda: __cb_syntax('def f():\n    nonlocal q\n', 'no_such_file.py'),
        lambda: __cb_syntax('x = 1\nfrom __future__ import braces\n', '<string>'),
        lambda: __cb_syntax('x = (1,\n', 'no_such_file.py'),
        lambda: compile(b'\xef\xbb\xbf#coding: utf8\nx = 1\n', 'f', 'exec'),
        lambda: compile(b'\xef\xbb\xbf#coding: latin-1\nx = 1\n', 'f', 'exec'),
        lambda: type(compile(b'\xef\xbb\xbf#coding: utf-8\nx = 1\n', 'f', 'exec')).__name__,
        lambda: eval(compile('__debug__', 'f', 'eval', optimize=1)),
        lambda: eval(compile('__debug__', 'f', 'eval', optimize=0)),
        lambda: len(compile('assert x', 'f', 'exec', optimize=1).co_code),
        lambda: compile('def f(x: y): pass', 'f', 'exec').co_consts[0].co_flags & 0x1000000 != 0,
        lambda: compile('def f(x: y): pass', 'f', 'exec', dont_inherit=True).co_flags & 0x1000000 != 0,
        lambda: compile('x = 1', 'f', 'exec').co_flags & 0x1000000 != 0,
        lambda: compile('x = 1', 'f', 'exec', dont_inherit=True).co_flags & 0x1000000 != 0,
        lambda: (exec('def g(y: nope): pass', d := {}), d['g'].__annotations__)[1],
        lambda: compile('await x', 'f', 'exec', ast.PyCF_ALLOW_TOP_LEVEL_AWAIT).co_flags & 0x80 != 0,
        lambda: compile('def f(): pass', '<single>', 'single'),
        lambda: type(compile('def f(): pass\n', '<single>', 'single')).__name__,
        lambda: ast.dump(compile('a*(1+2)', 'f', 'exec', flags=ast.PyCF_OPTIMIZED_AST)),
        lambda: ast.dump(compile(ast.parse('a*(1+2) if __debug__ else -(2**3)'), 'f', 'exec', flags=ast.PyCF_OPTIMIZED_AST)),
        lambda: ast.dump(compile(ast.parse('x = (1, 2)[0]'), 'f', 'exec', flags=ast.PyCF_ONLY_AST)),
        lambda: ast.dump(ast.parse('assert x\nif __debug__: y\nz = "a" * 3', optimize=1)),
        lambda: ast.dump(ast.parse('from __future__ import annotations\nx: int = 1 + 1', optimize=2)),
    ]
    return [__cb_outcome(c) for c in cases]
`;

const CASES = ["__cb_ast_cases()", "__cb_bad_trees()", "__cb_args()"];

function runOnTspython(): unknown[] {
  const dir = mkdtempSync(join(tmpdir(), "tspython-cb-"));
  try {
    const file = join(dir, "cb.py");
    writeFileSync(file, `${SCRIPT}\nimport json\nprint(json.dumps([${CASES.join(", ")}]))\n`);
    const r = spawnSync(process.execPath, [resolve(projectRoot, "bin/tspython.js"), file], { encoding: "utf8", cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as unknown[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("compile() of AST objects, bytes, buffers, filenames, flags and optimize as CPython 3.13", { skip: !oracleAvailable && "pyodide (the oracle) is not installed" }, async () => {
  const mod = (await import(pathToFileURL(resolve(projectRoot, "tools/oracle.mjs")).href)) as { loadOracle(): Promise<OracleLike> };
  const py = await mod.loadOracle();
  py.run(SCRIPT);
  const ours = runOnTspython();
  CASES.forEach((expr, i) => {
    const theirs = py.evalJson(expr) as unknown[];
    const mine = ours[i] as unknown[];
    assert.equal(mine.length, theirs.length, expr);
    for (let k = 0; k < theirs.length; k++) assert.deepEqual(mine[k], theirs[k], `${expr} case ${k}`);
  });
});
