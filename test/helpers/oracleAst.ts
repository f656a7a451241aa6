// ASTs from the CPython 3.13.2 oracle (pyodide): `ast.parse(src)` serialized to JSON inside
// Python (node type, fields, positions; constants tagged), rebuilt here into our node
// classes generically from NODE_INFO. Used until (and beside) our own parser.
import * as nodes from "../../src/ast/nodes.generated.js";
import { NODE_INFO, type Module, type NodeKind } from "../../src/ast/nodes.generated.js";
import {
  PyBytesValue, PyComplexValue, PySingletonValue, type MarshalValue,
} from "../../src/bytecode/values.js";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "./paths.js";

const SERIALIZER = `
import ast as _a, json as _j
def _tag(c):
    if c is None or c is True or c is False: return c
    if c is Ellipsis: return {"e": 1}
    t = type(c)
    if t is int: return {"i": str(c)}
    if t is float: return {"f": repr(c)}
    if t is complex: return {"c": [repr(c.real), repr(c.imag)]}
    if t is str: return {"s": c}
    if t is bytes: return {"b": c.hex()}
    raise TypeError(t)
def _conv(v):
    if isinstance(v, _a.AST):
        d = {"_": type(v).__name__}
        for f in v._fields:
            x = getattr(v, f, None)
            d[f] = _tag(x) if (f == "value" and isinstance(v, (_a.Constant, _a.MatchSingleton))) else _conv(x)
        for f in v._attributes:
            d[f] = getattr(v, f, None)
        return d
    if isinstance(v, list): return [_conv(x) for x in v]
    return v
def __oracle_ast(src, fn):
    if hasattr(src, "to_bytes"):
        src = src.to_bytes()
    try:
        import sys
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(100000)
        try:
            return _j.dumps(_conv(_a.parse(src, fn)))
        finally:
            sys.setrecursionlimit(old)
    except SyntaxError as e:
        return _j.dumps({"error": [type(e).__name__, str(e.msg), e.lineno, e.offset]})
`;

interface Oracle {
  run(code: string): void;
  pyodide: { globals: { get(name: string): (src: unknown, fn: string) => string }; toPy(v: unknown): unknown };
}

let oraclePromise: Promise<Oracle> | null = null;
let parseFn: ((src: unknown, fn: string) => string) | null = null;

async function getParse(): Promise<(src: unknown, fn: string) => string> {
  if (parseFn) return parseFn;
  oraclePromise ??= import(pathToFileURL(resolve(projectRoot, "tools/oracle.mjs")).href).then(
    (m: { loadOracle: () => Promise<Oracle> }) => m.loadOracle(),
  );
  const py = await oraclePromise;
  py.run(SERIALIZER);
  parseFn = py.pyodide.globals.get("__oracle_ast");
  return parseFn;
}

function untag(t: unknown): MarshalValue {
  if (t === null || t === true || t === false) return t;
  const o = t as Record<string, unknown>;
  if ("e" in o) return PySingletonValue.Ellipsis;
  if ("i" in o) return BigInt(o.i as string);
  if ("f" in o) return pyFloat(o.f as string);
  if ("c" in o) {
    const [re, im] = o.c as [string, string];
    return new PyComplexValue(pyFloat(re), pyFloat(im));
  }
  if ("s" in o) return o.s as string;
  if ("b" in o) return new PyBytesValue(Uint8Array.from(Buffer.from(o.b as string, "hex")));
  throw new Error("bad constant tag");
}

function pyFloat(r: string): number {
  if (r === "inf") return Infinity;
  if (r === "-inf") return -Infinity;
  if (r === "nan") return NaN;
  return Number(r);
}

const classes = nodes as unknown as Record<string, new (...args: unknown[]) => unknown>;

/** Rebuild one serialized node (or list) as our node classes, fields in NODE_INFO order. */
function build(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(build);
  if (v === null || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  const kind = o._ as NodeKind;
  const info = NODE_INFO[kind];
  const isConst = kind === "Constant" || kind === "MatchSingleton";
  const args: unknown[] = [];
  for (const [name] of info.fields) args.push(isConst && name === "value" ? untag(o[name]) : build(o[name]));
  for (const name of info.attributes) args.push(o[name]);
  return new classes[kind](...args);
}

export class OracleSyntaxError extends Error {}

/** Parse with CPython's ast.parse (source as text or bytes) and rebuild our nodes. */
export async function oracleParse(source: string | Uint8Array, filename: string): Promise<Module> {
  const parse = await getParse();
  const json = parse(source, filename);
  const data = JSON.parse(json) as Record<string, unknown>;
  if ("error" in data) throw new OracleSyntaxError(JSON.stringify(data.error));
  return build(data) as Module;
}
