// Annotations under `from __future__ import annotations` are stored as source text made
// by CPython's ast unparser (Python/ast_unparse.c). Not written yet: a placeholder.
import type * as ast from "../../ast/nodes.generated.js";

export function unparseAnnotation(e: ast.expr): string {
  void e;
  throw new Error("annotation unparsing is not implemented");
}
