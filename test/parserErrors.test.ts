// SyntaxErrors against CPython 3.13.2 (the pyodide oracle): every snippet that the
// shared syntax-error programs compile, and every doctest example of CPython's
// test_syntax.py, gives the same verdict here — the AST when CPython parses it, else
// the same class, message and positions. Errors that CPython's compiler (not its
// parser) reports are not the parser's: there both sides agree the source parses.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { hasShared, SHARED } from "./helpers/paths.js";
import { oraclePyodide, oracleVerdict, ourVerdict } from "./helpers/parserOracle.js";
import type { ParseMode } from "../src/parser/parser.js";

// Known differences, each with the reason (a fix shows up as an unexpected pass).
const KNOWN_DIFFERENCES = new Map<string, string>([
  ["test_exceptions.py:229:check", "a genexp split by line continuations: CPython's second pass reads to the unclosed '(' first"],
]);

const EXTRACT = `
import ast as _a, doctest as _d, json as _j
def __extract(files_json, syntax_src):
    out = []
    for name, text in _j.loads(files_json):
        for n in _a.walk(_a.parse(text)):
            if isinstance(n, _a.Call) and isinstance(n.func, _a.Name) and n.func.id == "check" and len(n.args) >= 2:
                try:
                    src = _a.literal_eval(n.args[1])
                    mode = _a.literal_eval(n.args[2]) if len(n.args) > 2 else "exec"
                except Exception:
                    continue
                out.append(["%s:%d" % (name, n.lineno), src, mode])
    doc = _a.get_docstring(_a.parse(syntax_src), clean=False)
    for ex in _d.DocTestParser().get_examples(doc):
        out.append(["test_syntax:%d" % ex.lineno, ex.source, "exec"])
    return _j.dumps(out)
`;

// Snippets in all of CPython's test modules under ../shared: doctest examples and string
// arguments of compile()/exec()/eval() and the syntax-error helpers of the tests.
const EXTRACT_WIDE = `
import ast as _a, doctest as _d, json as _j
_HELPERS = {'check_syntax_error', '_check_error', 'check', 'compile', 'exec', 'eval', 'assertSyntaxError', 'check_error', '_check', 'assertInvalid', 'check_syntax_warning'}
def __extract_wide(files_json, _unused=None):
    out = []
    P = _d.DocTestParser()
    for name, text in _j.loads(files_json):
        try:
            t = _a.parse(text)
        except SyntaxError:
            continue
        for n in _a.walk(t):
            if isinstance(n, _a.Constant) and isinstance(n.value, str) and '>>>' in n.value:
                try:
                    for ex in P.get_examples(n.value):
                        out.append(["%s:%d:doc%d" % (name, n.lineno, ex.lineno), ex.source])
                except Exception:
                    pass
            if isinstance(n, _a.Call):
                f = n.func
                fname = f.id if isinstance(f, _a.Name) else f.attr if isinstance(f, _a.Attribute) else ''
                if fname in _HELPERS:
                    for a in n.args[:3]:
                        if isinstance(a, _a.Constant) and isinstance(a.value, str):
                            out.append(["%s:%d:%s" % (name, n.lineno, fname), a.value])
                            break
    return _j.dumps(out)
`;

const skip = hasShared ? false : "needs ../shared (the syntax-error programs)";

test("syntax errors match CPython 3.13.2 (shared programs, test_syntax doctests)", { skip, timeout: 120_000 }, async () => {
  const verdict = await oracleVerdict();
  const py = { pyodide: await oraclePyodide() };
  py.pyodide.runPython(EXTRACT);
  const dir = resolve(SHARED, "conformance/programs/syntaxerrors");
  const files = readdirSync(dir).filter((f) => f.endsWith(".py")).sort().map((f) => [f, readFileSync(resolve(dir, f), "utf8")]);
  const syntaxSrc = readFileSync(resolve(SHARED, "conformance/cpython/test/test_syntax.py"), "utf8");
  const snippets = JSON.parse(py.pyodide.globals.get("__extract")(JSON.stringify(files), syntaxSrc)) as [string, string, ParseMode][];
  assert.ok(snippets.length > 400, `found ${snippets.length} snippets`);
  const failures: string[] = [];
  const unexpectedPasses: string[] = [];
  let compared = 0;
  for (const [label, src, mode] of snippets) {
    const want = verdict(src, mode);
    if (want.startsWith("EXC")) continue; // e.g. a doctest line that is not Python source
    compared++;
    const got = ourVerdict(src, mode);
    const known = KNOWN_DIFFERENCES.has(label);
    if (want === got) {
      if (known) unexpectedPasses.push(label);
      continue;
    }
    if (!known) failures.push(`${label} ${JSON.stringify(src)}\n  want: ${want.slice(0, 300)}\n  got:  ${got.slice(0, 300)}`);
  }
  assert.ok(compared > 400);
  assert.deepEqual(unexpectedPasses, [], "known differences that now pass: remove them from KNOWN_DIFFERENCES");
  assert.equal(failures.join("\n"), "");
});

test("snippets of CPython's own test modules parse or fail as in CPython 3.13.2", { skip, timeout: 300_000 }, async () => {
  const verdict = await oracleVerdict();
  const py = await oraclePyodide();
  py.runPython(EXTRACT_WIDE);
  const dir = resolve(SHARED, "conformance/cpython/test");
  const files = readdirSync(dir).filter((f) => f.endsWith(".py")).sort().map((f) => [f, readFileSync(resolve(dir, f), "utf8")]);
  const snippets = JSON.parse(py.globals.get("__extract_wide")(JSON.stringify(files), "exec")) as [string, string][];
  const seen = new Set<string>();
  const failures: string[] = [];
  let compared = 0;
  for (const [label, src] of snippets) {
    if (seen.has(src)) continue;
    seen.add(src);
    const want = verdict(src, "exec");
    if (want.startsWith("EXC")) continue;
    compared++;
    const got = ourVerdict(src);
    if (want !== got && !KNOWN_DIFFERENCES.has(label)) {
      failures.push(`${label} ${JSON.stringify(src).slice(0, 300)}\n  want: ${want.slice(0, 300)}\n  got:  ${got.slice(0, 300)}`);
    }
  }
  assert.ok(compared > 1000, `compared ${compared}`);
  assert.equal(failures.join("\n"), "");
});
