// The whole stdlib through our marshal: every .py of pyodide's python_stdlib.zip compiled
// by the oracle (CPython 3.13.2) -> its marshal bytes -> our loads -> our dumps -> the
// oracle's marshal.loads -> fingerprint.py's code-object fingerprints, which must equal
// ../shared/reference/cpython-3.13/goldens/stdlib-code.tsv (16,295 code objects, 528 files).
// Also: every str is written interned or not as CPython wrote it, and the whole stream is
// CPython's up to FLAG_REF bits and references.
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

/**
 * A marshal stream (of a code object and its constants) as tokens with the FLAG_REF bits
 * dropped and every 'r' replaced by the tokens of the object it refers to: two streams with
 * equal tokens differ only in which objects they share. Also returns every str in stream
 * order as "Z:text" (interned) or "z:text".
 */
function streamTokens(data: Uint8Array): { tokens: string[]; strs: string[] } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const refs: [number, number, number, number][] = []; // per slot: token range, str range
  const tokens: string[] = [];
  const strs: string[] = [];
  const decoder = new TextDecoder();
  let pos = 0;
  const int32 = (): number => {
    pos += 4;
    return view.getInt32(pos - 4, true);
  };
  const raw = (n: number): string => {
    pos += n;
    return Buffer.from(data.subarray(pos - n, pos)).toString("hex");
  };
  const str = (type: string, n: number): void => {
    const text = decoder.decode(data.subarray(pos, pos + n));
    tokens.push(`${type}${raw(n)}`);
    strs.push(`${"ZAt".includes(type) ? "Z" : "z"}:${text}`);
  };
  const walk = (): void => {
    const code = data[pos++];
    const type = String.fromCharCode(code & 0x7f);
    const slot = code & 0x80 ? refs.push([0, 0, 0, 0]) - 1 : -1;
    const firstToken = tokens.length;
    const firstStr = strs.length;
    switch (type) {
      case "N": case "T": case "F": case ".": case "S": tokens.push(type); break;
      case "i": tokens.push(`i${raw(4)}`); break;
      case "g": tokens.push(`g${raw(8)}`); break;
      case "y": tokens.push(`y${raw(16)}`); break;
      case "l": {
        const n = int32();
        tokens.push(`l${n}:${raw(2 * Math.abs(n))}`);
        break;
      }
      case "s": {
        const n = int32();
        tokens.push(`s${raw(n)}`);
        break;
      }
      case "z": case "Z": str(type, data[pos++]); break;
      case "a": case "A": case "u": case "t": str(type, int32()); break;
      case ")": case "(": case ">": case "<": case "[": {
        const n = type === ")" ? data[pos++] : int32();
        tokens.push(`${type}${n}`);
        for (let i = 0; i < n; i++) walk();
        break;
      }
      case "r": {
        const [t0, t1, s0, s1] = refs[int32()];
        tokens.push(...tokens.slice(t0, t1));
        strs.push(...strs.slice(s0, s1));
        break;
      }
      case "c":
        tokens.push(`c${raw(20)}`);
        for (let i = 0; i < 8; i++) walk();
        tokens.push(raw(4));
        walk();
        walk();
        break;
      default: throw new Error(`type ${type} not expected in a code object`);
    }
    if (slot >= 0) refs[slot] = [firstToken, tokens.length, firstStr, strs.length];
  };
  walk();
  return { tokens, strs };
}

const sameTokens = (a: string[], b: string[]): boolean => a.length === b.length && a.every((t, i) => t === b[i]);

// Where CPython's interning depends on the interpreter's state rather than on the code: a
// class body's `__qualname__` constant is the object that becomes co_qualname, interned with
// it -- unless an equal str was interned earlier, here because the oracle had imported these
// modules before compiling them again. Our dumps writes what a fresh interpreter would.
const INTERNING_DEPENDS_ON_STATE = new Set([
  "inspect.py\t_signature_fromstr.<locals>.RewriteSymbolics",
  "typing.py\tNewType.__mro_entries__.<locals>.Dummy",
  "weakref.py\tfinalize._Info",
  "asyncio/events.py\tBaseDefaultEventLoopPolicy._Local",
  "importlib/_bootstrap.py\t_WeakValueDictionary.__init__.<locals>.KeyedRef",
  "_pyodide/jsbind.py\tjs2py_bind.<locals>.Converter",
]);

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
  let strs = 0;
  let strsSame = 0;
  const internFailures: string[] = [];
  const stateDependent: string[] = [];
  let filesSameStream = 0;
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
    const theirs = streamTokens(cpythonBytes);
    const oursTokens = streamTokens(ours);
    const theirStrs = theirs.strs;
    const ourStrs = oursTokens.strs;
    // Apart from FLAG_REF/'r' and the interning of the listed strs, the same bytes.
    if (sameTokens(theirs.tokens, oursTokens.tokens)) filesSameStream++;
    strs += theirStrs.length;
    for (let i = 0; i < theirStrs.length; i++) {
      if (theirStrs[i] === ourStrs[i]) strsSame++;
      else if (INTERNING_DEPENDS_ON_STATE.has(`${path}\t${theirStrs[i].slice(2)}`)) stateDependent.push(`${path}\t${theirStrs[i].slice(2)}`);
      else if (internFailures.length < 10) internFailures.push(`${path}: CPython ${JSON.stringify(theirStrs[i])}, ours ${JSON.stringify(ourStrs[i])}`);
    }
    const lines = (fingerprintFn(ours) as string).split("\n");
    let same = 0;
    for (let i = 0; i < expected.length; i++) if (lines[i] === expected[i]) same++;
    codeObjectsOk += same;
    if (same === expected.length && lines.length === expected.length) filesOk++;
    else if (failures.length < 10) failures.push(`${path}: ${same}/${expected.length} code objects match`);
  }
  console.log(`stdlib marshal round trip: ${codeObjectsOk}/${codeObjects} code objects, ${filesOk}/${files.length} files`);
  console.log(`stdlib str interning: ${strsSame}/${strs} strs written as CPython writes them ('Z'/'A'/'t' or not), ` +
    `${stateDependent.length} known to depend on the interpreter's state`);
  assert.deepEqual(failures, []);
  assert.deepEqual(internFailures, []);
  assert.deepEqual(stateDependent.sort(), [...INTERNING_DEPENDS_ON_STATE].sort(), "the known differences, each seen once");
  console.log(`stdlib marshal streams: ${filesSameStream}/${files.length} files byte-identical to CPython's up to FLAG_REF and references`);
  assert.equal(filesSameStream, files.length - INTERNING_DEPENDS_ON_STATE.size);
  assert.equal(files.length, 528);
  assert.equal(codeObjects, 16295);
  assert.equal(codeObjectsOk, 16295);
});
