// Robustness of loads/readPyc on damaged input: truncations and random byte changes of
// real .pyc files (stdlib modules compiled by the oracle) and of marshal data of other
// value types. Every load must end in a value or a MarshalError/PycError (never a JS
// exception, a hang or a memory blow-up), and the marshal inputs must give the same outcome
// (value, or exception type and message) as CPython's marshal.loads in the oracle.
// Deterministic: a seeded PRNG picks the damage.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { MarshalError, dumps, loads } from "../src/bytecode/marshal.js";
import type { MarshalValue } from "../src/bytecode/values.js";
import { PycError, readPyc } from "../src/bytecode/pyc.js";
import { RECURSIVE_HASH } from "../src/bytecode/marshalReader.js";
import { projectRoot } from "./helpers/paths.js";
import { stdlibSources, stdlibZipPath } from "./helpers/stdlib.js";

interface OracleLike {
  compilePyc(source: string, filename: string): Uint8Array;
  bytesOf(expr: string): Uint8Array;
  run(code: string): void;
  pyodide: { globals: { get(name: string): (...args: unknown[]) => string } };
}

const zipPath = stdlibZipPath();
const oracleAvailable = zipPath !== null && existsSync(resolve(projectRoot, "node_modules/pyodide/package.json"));

const MODULES = ["keyword.py", "bisect.py", "colorsys.py", "fnmatch.py", "string.py", "shlex.py", "textwrap.py"];
// Marshal data of the types code objects do not hold (lists, dicts, sets, complex, longs...).
const VALUES = [
  "[1, 2.5, 3j, -2**100, 'é€😀', b'\\x00\\xff', None, True, ..., StopIteration]",
  "{'a': [1, {2, 3}], (1, 'x'): frozenset({'p', 'q'}), 4.5: {'n': {}}}",
  "(tuple(range(300)), 'x' * 300, 'é' * 100, 10**50, -(10**50), float('nan'), float('-inf'))",
];
// MARSHAL_FUZZ_SCALE=N runs N times as many damaged inputs (and another PRNG sequence).
const SCALE = Math.max(1, Number(process.env.MARSHAL_FUZZ_SCALE ?? 1) || 1);
const TRUNCATIONS_PER_INPUT = 300 * SCALE;
const MUTANTS_PER_INPUT = 500 * SCALE;

/** mulberry32: a small seeded PRNG, so that every run damages the same bytes. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Replacement bytes worth trying besides random ones: type codes with and without
// FLAG_REF, and the bytes of size fields that make lengths absurd or negative.
const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, ..."0NFTS.iIfglxyst)([{<>carauzZA".split("").map((c) => c.charCodeAt(0))];

function mutate(data: Uint8Array, random: () => number): Uint8Array {
  const out = data.slice();
  const changes = 1 + Math.floor(random() * 4);
  for (let i = 0; i < changes; i++) {
    const at = Math.floor(random() * out.length);
    const kind = random();
    if (kind < 0.4) out[at] = Math.floor(random() * 256);
    else if (kind < 0.7) out[at] ^= 1 << Math.floor(random() * 8);
    else {
      const code = INTERESTING[Math.floor(random() * INTERESTING.length)];
      out[at] = random() < 0.5 ? code : code | 0x80;
    }
  }
  return out;
}

interface Tally {
  inputs: number;
  loaded: number;
  errors: Map<string, number>;
  slowestMs: number;
  unexpected: string[];
  /** marshal inputs and our outcome ("OK" or "Type: message"), for the comparison with CPython. */
  compared: { data: Uint8Array; outcome: string; redumped: Uint8Array | null }[];
}

/**
 * Runs one load. `marshalInput`: the marshal bytes, to be compared with CPython later;
 * `compareValue`: also compare the value (not for code objects, see below).
 */
function attempt(tally: Tally, label: string, run: () => unknown, marshalInput: Uint8Array | null, compareValue = false): void {
  tally.inputs++;
  const start = performance.now();
  let outcome = "OK";
  let redumped: Uint8Array | null = null;
  try {
    const value = run();
    tally.loaded++;
    if (compareValue) redumped = dumps(value as MarshalValue);
  } catch (e) {
    if (e instanceof MarshalError || e instanceof PycError) {
      tally.errors.set(e.pyType, (tally.errors.get(e.pyType) ?? 0) + 1);
      outcome = `${e.pyType}: ${e.message}`;
    } else if (tally.unexpected.length < 10) {
      tally.unexpected.push(`${label}: ${String(e)}`);
    } else tally.unexpected.push("...");
  }
  tally.slowestMs = Math.max(tally.slowestMs, performance.now() - start);
  if (marshalInput !== null) tally.compared.push({ data: marshalInput, outcome, redumped });
}

// CPython's outcomes for many inputs in one call: the inputs concatenated, with their ends.
const CPYTHON_OUTCOMES = `
import marshal as _m, json as _j, types as _t
def __fuzz_canon(x, path=()):
    # Containers that hold themselves are marked, not followed (the oracle has a small
    # WebAssembly stack, and deep recursion there is a crash, not a RecursionError).
    if id(x) in path:
        return ("cycle", path.index(id(x)))
    t = type(x)
    inner = path + (id(x),)
    if t in (set, frozenset):
        return (t.__name__, sorted(repr(__fuzz_canon(i, inner)) for i in x))
    if t is float:
        return ("float", x.hex())
    if t is complex:
        return ("complex", x.real.hex(), x.imag.hex())
    if t in (tuple, list):
        return (t.__name__, [__fuzz_canon(i, inner) for i in x])
    if t is dict:
        return ("dict", [(__fuzz_canon(k, inner), __fuzz_canon(v, inner)) for k, v in x.items()])
    if t is _t.CodeType:
        return ("code", x.co_qualname)  # not compared (see below)
    return (t.__name__, repr(x))
def __fuzz_same(a, b):
    return __fuzz_canon(a) == __fuzz_canon(b)
def __fuzz_outcomes(blob, ends, redumped):
    blob = blob.to_bytes()
    out = []
    start = 0
    for i, end in enumerate(ends):
        try:
            value = _m.loads(blob[start:end])
            ours = redumped[i]
            if ours is None or not hasattr(ours, "to_bytes"):
                out.append("OK")
            else:
                same = __fuzz_same(value, _m.loads(ours.to_bytes()))
                out.append("OK" if same else "OK, but our value differs: %r" % (value,))
        except Exception as e:
            out.append("%s: %s" % (type(e).__name__, e))
        start = end
    return _j.dumps(out)
`;

/**
 * Where the oracle may differ from CPython on 64-bit Linux, which our loads follows: it is a
 * 32-bit WebAssembly build, so absurd sizes that native CPython allocates (and then reports
 * the data as too short) run out of memory there.
 */
const ORACLE_PLATFORM_ERRORS = /^(MemoryError|OverflowError): /;

test("damaged .pyc and marshal data: a value or a MarshalError, quickly, every time", { skip: !oracleAvailable && "the oracle (node_modules/pyodide) is not installed", timeout: 120_000 }, async () => {
  const { loadOracle } = (await import(pathToFileURL(resolve(projectRoot, "tools/oracle.mjs")).href)) as { loadOracle: () => Promise<OracleLike> };
  const py = await loadOracle();
  const sources = new Map(stdlibSources(zipPath as string).map((f) => [f.path, f.source]));
  const pycs: [string, Uint8Array][] = MODULES.map((name) => [name, py.compilePyc(new TextDecoder().decode(sources.get(name)), name)]);
  const values: [string, Uint8Array][] = VALUES.map((expr, i) => [`value${i}`, py.bytesOf(`__import__('marshal').dumps(${expr})`)]);

  const random = prng(20261126 + SCALE - 1);
  const tally: Tally = { inputs: 0, loaded: 0, errors: new Map(), slowestMs: 0, unexpected: [], compared: [] };
  for (const [name, pyc] of pycs) {
    const body = pyc.subarray(16);
    for (let i = 0; i < TRUNCATIONS_PER_INPUT; i++) {
      const cut = Math.floor(random() * pyc.length);
      attempt(tally, `${name}[:${cut}]`, () => readPyc(pyc.subarray(0, cut), name).code, null);
    }
    for (let i = 0; i < TRUNCATIONS_PER_INPUT; i++) {
      const cut = Math.floor(random() * body.length);
      attempt(tally, `${name} body[:${cut}]`, () => loads(body.subarray(0, cut)), body.subarray(0, cut));
    }
    // Damaged code objects are not compared with CPython (marshalInput null): CPython builds
    // them without checking co_code, and _PyCode_Quicken then writes the caches of a last
    // instruction past its end, corrupting the oracle's heap (a later crash, or other errors).
    for (let i = 0; i < MUTANTS_PER_INPUT; i++) {
      const damaged = mutate(body, random);
      attempt(tally, `${name} mutant ${i}`, () => loads(damaged), null);
    }
    for (let i = 0; i < 20; i++) attempt(tally, `${name} header mutant ${i}`, () => readPyc(mutate(pyc.subarray(0, 20), random), name), null);
  }
  for (const [name, data] of values) {
    for (let cut = 0; cut < data.length; cut++) {
      attempt(tally, `${name}[:${cut}]`, () => loads(data.subarray(0, cut)), data.subarray(0, cut), true);
    }
    for (let i = 0; i < MUTANTS_PER_INPUT; i++) {
      const damaged = mutate(data, random);
      attempt(tally, `${name} mutant ${i}`, () => loads(damaged), damaged, true);
    }
  }
  const errors = [...tally.errors].map(([type, n]) => `${type} ${n}`).join(", ");
  console.log(`marshal fuzz: ${tally.inputs} damaged inputs, ${tally.loaded} loaded, errors: ${errors}; slowest ${tally.slowestMs.toFixed(1)} ms`);
  assert.deepEqual(tally.unexpected, []);
  assert.ok(tally.inputs >= 9000);

  // The same marshal inputs through CPython's marshal.loads: the same exception and message,
  // or (for the non-code values, when both load) the same value, checked by loading our dumps
  // of our value there. Left out: what CPython itself crashes on (hashing a tuple that
  // contains itself).
  const sent = tally.compared.filter((c) => !c.outcome.endsWith(`(${RECURSIVE_HASH})`));
  const blob = new Uint8Array(sent.reduce((n, c) => n + c.data.length, 0));
  const ends: number[] = [];
  let at = 0;
  for (const { data } of sent) {
    blob.set(data, at);
    at += data.length;
    ends.push(at);
  }
  py.run(CPYTHON_OUTCOMES);
  const redumped = sent.map((c) => c.redumped);
  const cpython = JSON.parse(py.pyodide.globals.get("__fuzz_outcomes")(blob, ends, redumped)) as string[];
  let same = 0;
  let platform = 0;
  const differences: string[] = [];
  sent.forEach(({ outcome }, i) => {
    if (cpython[i] === outcome) same++;
    else if (ORACLE_PLATFORM_ERRORS.test(cpython[i])) platform++;
    else if (differences.length < 10) differences.push(`CPython ${JSON.stringify(cpython[i])}, ours ${JSON.stringify(outcome)}`);
  });
  console.log(`marshal fuzz vs CPython: ${same}/${sent.length} same outcome, ${platform} out of memory in the 32-bit oracle, ${differences.length} different; ${tally.compared.length - sent.length} left out (CPython crashes)`);
  assert.deepEqual(differences, []);
  // A guard against hangs, not a benchmark: the largest input is a few tens of KB.
  assert.ok(tally.slowestMs < 2000, `slowest load took ${tally.slowestMs} ms`);
});
