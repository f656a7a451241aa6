// try/except* (PEP 654). Not written yet: a placeholder.
import type * as ast from "../../ast/nodes.generated.js";
import type { Codegen } from "../codegen.js";

export function compileTryStar(c: Codegen, s: ast.TryStar): void {
  void c; void s;
  throw new Error("try/except* is not implemented");
}
