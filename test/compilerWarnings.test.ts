// SyntaxWarnings of the tokenizer, parser and compiler (invalid escape sequences, a number
// followed by a keyword, `x is 1`, missed commas, `assert (x, msg)`): the same Python
// script runs on CPython 3.13 (the oracle) and on TSPython and must give the same warnings
// (category, message, filename, line) and, with the warnings turned into errors, the same
// SyntaxError (message and position) — compile(), exec() and ast.parse() all give them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { compileSource } from "../src/compiler/compile.js";
import { CompileError, type CompileWarning } from "../src/ast/compileError.js";
import { projectRoot } from "./helpers/paths.js";

interface OracleLike {
  run(code: string): void;
  evalJson(expr: string): unknown;
}

const oracleAvailable = existsSync(resolve(projectRoot, "node_modules/pyodide/package.json"));

// Each source is compiled twice: warnings recorded ('always'), then warnings as errors.
const SOURCES: string[] = [
  // check_compare
  "x is 'a'", "x is not 1", "1 is x is 2", "x is y is 1", "x is ()", "x is (1, 2)", "x is -1", "x is 1.5",
  "x is b''", "x is 1j", "x is None", "x is ...", "x is True", "x is [1]", "x is f'{y}'", "x == 1 is not y",
  "if x is 1: pass", "while x is not 'a': pass", "def f():\n    return [a for a in b if a is 1]\n",
  "y = 1 if x is 'a' else 2", "try:\n    pass\nfinally:\n    x is 1\n",
  // check_caller
  "(1, 2)(3)", "[1](x)", "'a'(x)", "f'{x}'(1)", "(x for x in y)()", "{1}(x)", "{}(x)", "{1: 2}(3)",
  "None()", "...()", "(lambda: 1)()", "x.y()", "[x for x in y]()", "{x: 1 for x in y}()", "(1, x)(2)",
  // check_subscripter
  "1[0]", "None[0]", "{1}[0]", "(x for x in y)[0]", "(lambda: 1)[0]", "True[0]", "1.5[0]", "1j[0]", "'a'[0]",
  "x[0]", "{x for x in y}[0]", "...[0]", "1[0] = 2", "del 1[0]",
  // check_index
  "[1]['a']", "(1, 2)['a']", "'abc'[1.5]", "b'x'['a']", "[1][x]", "[1][1:2]", "[1][True]", "[x for x in y]['a']",
  "f'{x}'['a']", "(1, 2)[()]", "(1, x)[None]", "[1][{}]", "[1][lambda: 0]", "[1]['a'] = 3",
  // compiler_assert
  "assert (x, 'msg')", "assert ()", "assert (1,)", "assert x, (1, 2)",
  // escapes (parser) and the lexer's '\{'
  "'\\d'", "b'\\d'", "'\\777'", "b'\\777'", "'\\8'", "x = 1\nf'{x}\\d'", "f'{x:\\d}'", "f'\\{x}'", "f'\\{{'",
  "rf'\\d{x}'", "f'{x}' '\\d'", "'\\d' f'{x}'", "f'{f\"\\d\"}'", "u'\\N{DASH}\\q'",
  // numbers followed by a keyword (lexer)
  "1if x else y", "x = 1\n0x1for x in y", "[0o7in x]", "1.5and x", "1jor x", "0b1not in x", "1else",
  // several, and a syntax error after a warning
  "'\\d'\nx is 1\n1if 2 else 3\n", "'\\d' +", "x is 1 +", "'\\d'\n'\\e'\nx is 1\n(1)(2)\n",
];

// Warnings whose error positions are checked only as far as the line (multi-line tokens:
// CPython's error text there is the tokenizer's buffer, which TSPython does not rebuild).
const MULTILINE_SOURCES: string[] = ["'''\n\\d'''", "x=1\nf'''\n\\d{x}\n'''", "f'''\n{x}\n\\d\n{y}\\e'''"];

const SCRIPT = String.raw`
import warnings, ast
def __cw_case(src, mode):
    rec = []
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter('always')
        try:
            if mode == 'compile':
                compile(src, '<cw>', 'exec')
            elif mode == 'exec':
                exec(src, {'x': 1, 'y': [], 'b': [], 'f': 0})
            else:
                ast.parse(src)
        except SyntaxError as e:
            rec.append(['E', e.msg])
        except Exception as e:
            rec.append(['X', type(e).__name__])
    warned = [[w.category.__name__, str(w.message), w.filename, w.lineno] for w in ws]
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        try:
            compile(src, '<cw>', 'exec') if mode != 'ast' else ast.parse(src)
            err = None
        except SyntaxError as e:
            err = [type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, e.text]
    return [warned, rec, err]
`;

function pythonCall(sources: string[], mode: string): string {
  return `[__cw_case(s, ${JSON.stringify(mode)}) for s in ${JSON.stringify(sources)}]`;
}

/** Runs the script's cases on TSPython (bin/tspython.js), in a fresh process. */
function runOnTspython(expr: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), "tspython-cw-"));
  try {
    const file = join(dir, "cw.py");
    writeFileSync(file, `${SCRIPT}\nimport json\nprint(json.dumps(${expr}))\n`);
    const r = spawnSync(process.execPath, [resolve(projectRoot, "bin/tspython.js"), file], { encoding: "utf8", cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let oraclePromise: Promise<OracleLike> | null = null;
function oracle(): Promise<OracleLike> {
  oraclePromise ??= import(pathToFileURL(resolve(projectRoot, "tools/oracle.mjs")).href).then(
    async (mod: { loadOracle(): Promise<OracleLike> }) => {
      const py = await mod.loadOracle();
      py.run(SCRIPT);
      return py;
    },
  );
  return oraclePromise;
}

function compareCases(sources: string[], ours: unknown, theirs: unknown, onlyLines: boolean): void {
  const o = ours as unknown[][];
  const t = theirs as unknown[][];
  for (let i = 0; i < sources.length; i++) {
    let [ow, orec, oerr] = o[i] as [unknown, unknown, unknown[] | null];
    let [tw, trec, terr] = t[i] as [unknown, unknown, unknown[] | null];
    if (onlyLines) {
      oerr = oerr && oerr.slice(0, 3);
      terr = terr && terr.slice(0, 3);
    }
    assert.deepEqual([ow, orec, oerr], [tw, trec, terr], `source ${JSON.stringify(sources[i])}`);
  }
}

for (const mode of ["compile", "exec", "ast"]) {
  test(`SyntaxWarnings through ${mode}() as CPython 3.13 gives them`, { skip: !oracleAvailable && "pyodide (the oracle) is not installed" }, async () => {
    const py = await oracle();
    const sources = mode === "compile" ? SOURCES : SOURCES.filter((_, i) => i % 3 === 0);
    compareCases(sources, runOnTspython(pythonCall(sources, mode)), py.evalJson(pythonCall(sources, mode)), false);
    if (mode === "compile") {
      compareCases(MULTILINE_SOURCES, runOnTspython(pythonCall(MULTILINE_SOURCES, mode)), py.evalJson(pythonCall(MULTILINE_SOURCES, mode)), true);
    }
  });
}

test("compileSource: warnings go to onWarning, and a throwing sink stops the compile", () => {
  const got: string[] = [];
  compileSource("x = '\\d'\nif x is 1:\n    assert (x, 'm')\n", "<w>", "exec", {
    onWarning: (w) => got.push(`${w.lineno} ${w.category}: ${w.message}`),
  });
  assert.deepEqual(got, [
    "1 SyntaxWarning: invalid escape sequence '\\d'",
    "2 SyntaxWarning: \"is\" with 'int' literal. Did you mean \"==\"?",
    "3 SyntaxWarning: assertion is always true, perhaps remove parentheses?",
  ]);
  // Without a sink nothing is reported and the code is the same.
  assert.doesNotThrow(() => compileSource("x is 1\n", "<w>"));
  const raise = (w: CompileWarning): never => {
    throw w.error;
  };
  assert.throws(() => compileSource("y = 1\nx is 1\n", "<w>", "exec", { onWarning: raise }), (e: unknown) => {
    assert.ok(e instanceof CompileError);
    assert.deepEqual([e.message, e.lineno, e.offset, e.endLineno, e.endOffset], ["\"is\" with 'int' literal. Did you mean \"==\"?", 2, 1, 2, 7]);
    return true;
  });
});

test("-W error turns a SyntaxWarning into the SyntaxError CPython prints", () => {
  const r = spawnSync(process.execPath, [resolve(projectRoot, "bin/tspython.js"), "-W", "error", "-c", "x = 1\n'\\d'\n"], { encoding: "utf8" });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `  File "<string>", line 2\n    '\\d'\n    ^^^^\nSyntaxError: invalid escape sequence '\\d'\n`);
  const w = spawnSync(process.execPath, [resolve(projectRoot, "bin/tspython.js"), "-c", "x = 1\nprint(x is 1)\n"], { encoding: "utf8" });
  assert.equal(w.stdout, "True\n");
  assert.equal(w.stderr, `<string>:2: SyntaxWarning: "is" with 'int' literal. Did you mean "=="?\n`);
});
