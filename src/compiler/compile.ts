// The compiler's one entry: AST (or source) in, CPython 3.13 code object out.
// Stages: AST optimizer -> symbol table -> codegen (-> flowgraph -> assembler per scope).
import type * as ast from "../ast/nodes.generated.js";
import type { CodeObject } from "../bytecode/code.js";
import { SymbolTable } from "./symtable.js";
import { Codegen, type SequenceTrace } from "./codegen.js";
import { optimizeAst } from "./astOptimizer.js";
import { futureFlags } from "./future.js";
import { parse } from "../parser/parser.js";

export interface CompileOptions {
  /** The source text, for error lines and positions (optional). */
  source?: string;
  /** Debugging: receives each scope's raw codegen output (see tools/codegen-diff.mjs). */
  traceSequences?: (traces: SequenceTrace[]) => void;
}

/**
 * Raised when the AST is nested too deeply to compile (CPython raises RecursionError:
 * "maximum recursion depth exceeded during compilation"); the runtime maps it to that.
 */
export class CompileRecursionError extends Error {
  readonly pythonType = "RecursionError";
  constructor() {
    super("maximum recursion depth exceeded during compilation");
  }
}

export function compileAst(mod: ast.mod, filename: string, options: CompileOptions = {}): CodeObject {
  try {
    return compileAstUnguarded(mod, filename, options);
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw new CompileRecursionError();
    throw e;
  }
}

function compileAstUnguarded(mod: ast.mod, filename: string, options: CompileOptions): CodeObject {
  const source = options.source ?? "";
  const lines = source.split(/\r\n|\r|\n/);
  const lineOf = (n: number): string | null => (n >= 1 && n <= lines.length ? lines[n - 1] + "\n" : null);
  const futureEnd = { endLineno: -1, endCol: -1 };
  const flags = futureFlags(mod, filename, lineOf, futureEnd);
  optimizeAst(mod, (flags & 0x1000000) !== 0);
  const st = new SymbolTable(mod, filename, { annotations: (flags & 0x1000000) !== 0 }, lineOf);
  const cg = new Codegen(st, filename, flags, source);
  cg.futureEnd = futureEnd;
  cg.traceSequences = options.traceSequences !== undefined;
  const co = cg.compileModule(mod);
  options.traceSequences?.(cg.traced);
  return co;
}

export function compileSource(source: string | Uint8Array, filename: string, mode: "exec" | "eval" | "single" = "exec"): CodeObject {
  const text = typeof source === "string" ? source : new TextDecoder("utf-8").decode(source);
  const mod = parse(source, filename, mode) as ast.mod;
  return compileAst(mod, filename, { source: text });
}
