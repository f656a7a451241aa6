// The marshal module's Python surface against CPython 3.13 (the oracle): the version
// argument, allow_code, and object identity kept through FLAG_REF/'r' (an object met
// twice loads as one object, floats included; a list or dict may contain itself). The same script runs on
// both; its JSON results must be equal.
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
import marshal, io

def __mm_outcome(fn):
    try:
        return ['ok', fn()]
    except Exception as e:
        return [type(e).__name__, str(e)]

def __mm_shared(v):
    lst = [1, 'a']
    sample = {'x': lst, 'y': (lst, b'xyz'), 'z': frozenset({(1, 2)})}
    r = marshal.loads(marshal.dumps(sample, v))
    return [r == sample, r['x'] is r['y'][0]]

def __mm_recursive():
    l = [1]
    l.append(l)
    d = {'k': l}
    d['self'] = d
    r = marshal.loads(marshal.dumps(d))
    return [r['self'] is r, r['k'][1] is r['k'], r['k'][0]]

def __mm_cases():
    co = compile('x = 1', 'f', 'exec')
    cases = [
        lambda: [__mm_shared(v) for v in range(5)],
        lambda: __mm_recursive(),
        lambda: marshal.loads(marshal.dumps({'a': [({0},)]}, allow_code=False), allow_code=False) == {'a': [({0},)]},
        lambda: repr(marshal.dumps([co], allow_code=False)),
        lambda: marshal.loads(marshal.dumps([co]), allow_code=False),
        lambda: type(marshal.loads(marshal.dumps([co]), allow_code=True)[0]).__name__,
        lambda: marshal.dump(co, io.BytesIO(), 4, allow_code=False),
        lambda: marshal.load(io.BytesIO(marshal.dumps(co)), allow_code=False),
        lambda: list(marshal.dumps(5, 0)),
        lambda: list(marshal.dumps(1.5, 1)),
        lambda: list(marshal.dumps(1.5, 2)),
        lambda: list(marshal.dumps(('ab', 'ab'), 2)),
        lambda: repr(marshal.loads(marshal.dumps(bytearray(b'abc')))),
        lambda: repr(marshal.dumps(1, '4')),
        lambda: repr(marshal.dumps(object())),
        lambda: [(lambda r: [r[0] is r[1], r[0] == r[1]])(marshal.loads(marshal.dumps((f, f), v))) for f in [1.5] for v in range(5)],
        lambda: (lambda r: [r[0] is r[1], r[0] == r[1]])(marshal.loads(marshal.dumps((1.5, float('1.5'))))),
        lambda: (lambda r: [r['a'] is r['b'], r['a'] is r['l'][0], r[2.5]])(marshal.loads(marshal.dumps((lambda x: {'a': x, 'b': x, 'l': [x], 2.5: x})(0.25)))),
        lambda: type(marshal.loads(marshal.dumps(compile('x = 1.5; y = (1.5, 2.5)', 'f', 'exec')))).__name__,
        lambda: eval(compile('1.5', 'f', 'eval').replace(co_consts=(2.5,))),
        lambda: eval(marshal.loads(marshal.dumps([compile('(1.5, 1.5, {2.5})', 'f', 'eval'), 1.5]))[0]) == (1.5, 1.5, {2.5}),
    ]
    return [__mm_outcome(c) for c in cases]
`;

test("marshal: version, allow_code and shared/recursive objects as CPython 3.13", { skip: !oracleAvailable && "pyodide (the oracle) is not installed" }, async () => {
  const mod = (await import(pathToFileURL(resolve(projectRoot, "tools/oracle.mjs")).href)) as { loadOracle(): Promise<OracleLike> };
  const py = await mod.loadOracle();
  py.run(SCRIPT);
  const theirs = py.evalJson("__mm_cases()") as unknown[];
  const dir = mkdtempSync(join(tmpdir(), "tspython-mm-"));
  try {
    const file = join(dir, "mm.py");
    writeFileSync(file, `${SCRIPT}\nimport json\nprint(json.dumps(__mm_cases()))\n`);
    const r = spawnSync(process.execPath, [resolve(projectRoot, "bin/tspython.js"), file], { encoding: "utf8", cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const ours = JSON.parse(r.stdout) as unknown[];
    assert.equal(ours.length, theirs.length);
    for (let i = 0; i < theirs.length; i++) assert.deepEqual(ours[i], theirs[i], `case ${i}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
