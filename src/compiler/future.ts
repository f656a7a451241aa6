// `from __future__ import ...` at the top of a module: the CO_FUTURE_* flags it sets
// (CPython 3.13's Python/future.c) and its errors.
import type * as ast from "../ast/nodes.generated.js";
import { CompileError } from "../ast/compileError.js";

export const CO_FUTURE_BARRY_AS_BDFL = 0x400000;
export const CO_FUTURE_ANNOTATIONS = 0x1000000;

const NO_FLAG_FEATURES = new Set([
  "nested_scopes", "generators", "division", "absolute_import", "with_statement", "print_function",
  "unicode_literals", "generator_stop",
]);

/** Where the last `from __future__` import of the module's prologue ends (-1: none). */
export interface FutureLocation {
  endLineno: number;
  endCol: number;
}

/** The future flags of a module (0 if none); `where` receives the prologue's end. */
export function futureFlags(
  mod: ast.mod, filename: string, lineOf: (n: number) => string | null, where?: FutureLocation,
): number {
  if (mod._kind !== "Module" && mod._kind !== "Interactive") return 0;
  const body = mod.body;
  let flags = 0;
  let i = 0;
  if (body.length && body[0]._kind === "Expr" && body[0].value._kind === "Constant" && typeof body[0].value.value === "string") i++;
  for (; i < body.length; i++) {
    const s = body[i];
    if (s._kind !== "ImportFrom" || (s.level ?? 0) !== 0 || s.module !== "__future__") break;
    for (const a of s.names) {
      if (NO_FLAG_FEATURES.has(a.name)) continue;
      if (a.name === "barry_as_FLUFL") flags |= CO_FUTURE_BARRY_AS_BDFL;
      else if (a.name === "annotations") flags |= CO_FUTURE_ANNOTATIONS;
      else {
        const msg = a.name === "braces" ? "not a chance" : `future feature ${a.name} is not defined`;
        // CPython sets only the start of the statement as the error location here
        throw new CompileError("SyntaxError", msg, filename, s.lineno, s.col_offset + 1, s.lineno, -1, lineOf(s.lineno), true, true);
      }
    }
    if (where) {
      where.endLineno = s.end_lineno;
      where.endCol = s.end_col_offset;
    }
  }
  return flags;
}
