// The whole stdlib through our marshal: every .py of pyodide's python_stdlib.zip compiled
// by the oracle (CPython 3.13.2) -> its marshal bytes -> our loads -> our dumps -> the
// oracle's marshal.loads -> fingerprint.py's code-object fingerprints, which must equal
// ../shared/reference/cpython-3.13/goldens/stdlib-code.tsv (16,295 code objects, 528 files).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { dumps, loads } from "../src/bytecode/marshal.js";
import { CodeObject } from "../src/bytecode/code.js";
import { SHARED_REF, hasShared, projectRoot } from "./helpers/paths.js";
import { stdlibSources, stdlibZipPath } from "./helpers/stdlib.js";

interface PyProxyLike { toJs(): unknown; destroy(): void }
type PyCallable = (...args: unknown[]) => PyProxyLike | string;
interface OracleLike {
  run(code: string): void;
  pyodide: { globals: { get(name: string): PyCallable; set(name: string, value: unknown): void } };
}

const GOLDEN = resolve(SHARED_REF, "goldens/stdlib-code.tsv");
const zipPath = stdlibZipPath();
const skip = !hasShared ? "../shared is absent" : zipPath === null ? "pyodide is not installed" : false;

// Python side: compile to marshal bytes; load marshal bytes and fingerprint (fingerprint.py's
// own functions, loaded as a module from the shared folder).
const SETUP = `
import marshal as _m, types as _t
_fp = _t.ModuleType("fingerprint")
exec(compile(__fp_source, "fingerprint.py", "exec"), _fp.__dict__)
def __rt_compile(src, path):
    return _m.dumps(compile(src.to_bytes(), path, "exec", dont_inherit=True, optimize=0))
def __rt_fingerprint(data):
    co = _m.loads(data.to_bytes())
    return "\\n".join(_fp.fingerprint_code(co))
`;

test("stdlib: oracle .pyc -> our loads -> our dumps -> oracle loads keeps every fingerprint", { skip, timeout: 300_000 }, async () => {
  const golden = new Map<string, string[]>();
  for (const line of readFileSync(GOLDEN, "utf8").split("\n")) {
    if (!line) continue;
    const tab = line.indexOf("\t");
    const path = line.slice(0, tab);
    if (!golden.has(path)) golden.set(path, []);
    golden.get(path)!.push(line.slice(tab + 1));
  }
  const oracleModule = pathToFileURL(resolve(projectRoot, "tools/oracle.mjs")).href;
  const { loadOracle } = (await import(oracleModule)) as { loadOracle: () => Promise<OracleLike> };
  const py = await loadOracle();
  py.pyodide.globals.set("__fp_source", readFileSync(resolve(SHARED_REF, "fingerprint.py"), "utf8"));
  py.run(SETUP);
  const compileFn = py.pyodide.globals.get("__rt_compile");
  const fingerprintFn = py.pyodide.globals.get("__rt_fingerprint");

  const files = stdlibSources(zipPath as string);
  let filesOk = 0;
  let codeObjects = 0;
  let codeObjectsOk = 0;
  const failures: string[] = [];
  for (const { path, source } of files) {
    const expected = golden.get(path) ?? [];
    codeObjects += expected.length;
    const proxy = compileFn(source, path) as PyProxyLike;
    const cpythonBytes = proxy.toJs() as Uint8Array;
    proxy.destroy();
    const code = loads(cpythonBytes);
    assert.ok(code instanceof CodeObject, `${path}: not a code object`);
    const ours = dumps(code);
    const lines = (fingerprintFn(ours) as string).split("\n");
    let same = 0;
    for (let i = 0; i < expected.length; i++) if (lines[i] === expected[i]) same++;
    codeObjectsOk += same;
    if (same === expected.length && lines.length === expected.length) filesOk++;
    else if (failures.length < 10) failures.push(`${path}: ${same}/${expected.length} code objects match`);
  }
  console.log(`stdlib marshal round trip: ${codeObjectsOk}/${codeObjects} code objects, ${filesOk}/${files.length} files`);
  assert.deepEqual(failures, []);
  assert.equal(files.length, 528);
  assert.equal(codeObjects, 16295);
  assert.equal(codeObjectsOk, 16295);
});
