// The compiler's one entry: AST (or source) in, CPython 3.13 code object out.
// Stages: AST optimizer -> symbol table -> codegen (-> flowgraph -> assembler per scope).
import type * as ast from "../ast/nodes.generated.js";
import type { CodeObject } from "../bytecode/code.js";
import type { CompileWarningSink } from "../ast/compileError.js";
import { SymbolTable, RecursionLimitError } from "./symtable.js";
import { Codegen, programText, type SequenceTrace } from "./codegen.js";
import { optimizeAst } from "./astOptimizer.js";
import { futureFlags } from "./future.js";
import { parse } from "../parser/parser.js";

export interface CompileOptions {
  /** The source text, for error lines and positions (optional). */
  source?: string;
  /** compile()'s optimize argument: 0 (default), 1 (no asserts, __debug__ False), 2 (also no docstrings). */
  optimize?: number;
  /** CO_FUTURE_* flags inherited from the caller (compile() without dont_inherit, or flags=). */
  flags?: number;
  /**
   * Receives the SyntaxWarnings of the parser and the compiler as CPython gives them, to
   * pass on to warnings.warn_explicit; it may throw (the warning turned into an error:
   * CPython then raises the warning's `error`). Without it, warnings are dropped.
   */
  onWarning?: CompileWarningSink;
  /** sys.get_int_max_str_digits() for decimal int literals (default 4300; 0: no limit). */
  intMaxStrDigits?: number;
  /** The bytes are a script file (see parser.ts ParseOptions). */
  fileInput?: boolean;
  /** Decodes source bytes in a codec Node lacks (see parser.ts ParseOptions). */
  decode?: (bytes: Uint8Array, encoding: string) => string | null;
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
    if (e instanceof RecursionLimitError) throw new CompileRecursionError();
    if (e instanceof RangeError && e.message.includes("call stack")) throw new CompileRecursionError();
    throw e;
  }
}

function compileAstUnguarded(mod: ast.mod, filename: string, options: CompileOptions): CodeObject {
  const source = options.source ?? "";
  const lines = source.split(/\r\n|\r|\n/);
  const lineOf = (n: number): string | null => programText(filename, lines, n);
  const futureEnd = { endLineno: -1, endCol: -1 };
  const flags = futureFlags(mod, filename, lineOf, futureEnd) | ((options.flags ?? 0) & PyCF_MASK);
  const optimize = options.optimize ?? 0;
  optimizeAst(mod, (flags & 0x1000000) !== 0, optimize);
  const topLevelAwait = ((options.flags ?? 0) & PyCF_ALLOW_TOP_LEVEL_AWAIT) !== 0;
  const st = new SymbolTable(mod, filename, { annotations: (flags & 0x1000000) !== 0, topLevelAwait }, lineOf);
  const cg = new Codegen(st, filename, flags, source);
  cg.futureEnd = futureEnd;
  cg.optimizeLevel = optimize;
  cg.allowTopLevelAwait = topLevelAwait;
  cg.traceSequences = options.traceSequences !== undefined;
  cg.onWarning = options.onWarning ?? null;
  const co = cg.compileModule(mod);
  options.traceSequences?.(cg.traced);
  return co;
}

/**
 * compile(..., PyCF_OPTIMIZED_AST): the tree constant-folded as the compiler would fold it
 * (CPython's _PyCompile_AstOptimize), in place. `flags`: compile()'s future flags.
 */
export function optimizeTree(mod: ast.mod, filename: string, flags: number, optimize: number, source = ""): void {
  const lines = source.split(/\r\n|\r|\n/);
  const lineOf = (n: number): string | null => programText(filename, lines, n);
  const features = futureFlags(mod, filename, lineOf, { endLineno: -1, endCol: -1 }) | (flags & PyCF_MASK);
  optimizeAst(mod, (features & 0x1000000) !== 0, optimize);
}

/** compile() flag allowing await / async for / async with at module level. */
export const PyCF_ALLOW_TOP_LEVEL_AWAIT = 0x2000;

/** The CO_FUTURE_* bits a caller may pass on (CPython's PyCF_MASK). */
export const PyCF_MASK = 0x20000 | 0x40000 | 0x80000 | 0x100000 | 0x200000 | 0x400000 | 0x800000 | 0x1000000;

/**
 * Source text or bytes (decoded as CPython decodes a file: BOM, coding declaration) to a
 * code object. `source` may also be a tree already built (compile() of an AST object):
 * it is compiled as it is, with no source text.
 */
export function compileSource(
  source: string | Uint8Array | ast.mod, filename: string, mode: "exec" | "eval" | "single" = "exec",
  options: Omit<CompileOptions, "source"> = {},
): CodeObject {
  if (typeof source !== "string" && !(source instanceof Uint8Array)) return compileAst(source, filename, options);
  const text = typeof source === "string" ? source : new TextDecoder("utf-8").decode(source);
  const mod = parse(source, filename, mode, { onWarning: options.onWarning, intMaxStrDigits: options.intMaxStrDigits, fileInput: options.fileInput, decode: options.decode }) as ast.mod;
  return compileAst(mod, filename, { ...options, source: text });
}
