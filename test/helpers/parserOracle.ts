// The parser's differential helper: the same one-line verdict for a snippet from the
// CPython 3.13.2 oracle (pyodide) and from our parser — "OK <ast.dump with attributes>"
// or "ERR <class>: <message> | lineno offset end_lineno end_offset" (None as -1).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "./paths.js";
import { parse, type ParseMode } from "../../src/parser/parser.js";
import { dump } from "../../src/ast/dump.js";
import { CompileError } from "../../src/ast/compileError.js";
import { ParserLimitError } from "../../src/parser/errors.js";

const VERDICT = `
import ast as _a, warnings as _w
def __parser_verdict(src, mode):
    if hasattr(src, "to_bytes"):
        src = src.to_bytes()
    n = lambda v: -1 if v is None else v
    with _w.catch_warnings():
        _w.simplefilter("ignore")
        try:
            return "OK " + _a.dump(_a.parse(src, "<snippet>", mode), include_attributes=True)
        except SyntaxError as e:
            return "ERR %s: %s | %s %s %s %s" % (type(e).__name__, e.msg, n(e.lineno), n(e.offset), n(e.end_lineno), n(e.end_offset))
        except (MemoryError, RecursionError) as e:
            return "LIMIT %s" % type(e).__name__
        except Exception as e:
            return "EXC %s: %s" % (type(e).__name__, e)
`;

export interface Pyodide {
  runPython(code: string): unknown;
  globals: { get(name: string): (a: unknown, b: string) => string };
}

let verdictFn: ((src: unknown, mode: string) => string) | null = null;

/** The oracle's pyodide (loaded once per process, about two seconds). */
export async function oraclePyodide(): Promise<Pyodide> {
  const m = (await import(pathToFileURL(resolve(projectRoot, "tools/oracle.mjs")).href)) as {
    loadOracle(): Promise<{ pyodide: Pyodide }>;
  };
  return (await m.loadOracle()).pyodide;
}

/** The oracle's verdict function. */
export async function oracleVerdict(): Promise<(src: string | Uint8Array, mode: ParseMode) => string> {
  if (verdictFn === null) {
    const py = { pyodide: await oraclePyodide() };
    py.pyodide.runPython(VERDICT);
    verdictFn = py.pyodide.globals.get("__parser_verdict");
  }
  const fn = verdictFn;
  return (src, mode) => fn(src, mode);
}

export function ourVerdict(src: string | Uint8Array, mode: ParseMode = "exec"): string {
  try {
    return "OK " + dump(parse(src, "<snippet>", mode), { includeAttributes: true });
  } catch (e) {
    if (e instanceof CompileError) return `ERR ${e.kind}: ${e.message} | ${e.lineno} ${e.offset} ${e.endLineno} ${e.endOffset}`;
    if (e instanceof ParserLimitError) return `LIMIT ${e.kind}`;
    throw e;
  }
}
