// Pattern matching (match statements). Not written yet: a placeholder.
import type * as ast from "../../ast/nodes.generated.js";
import type { Codegen } from "../codegen.js";

export function compileMatch(c: Codegen, s: ast.Match): void {
  void c; void s;
  throw new Error("match statements are not implemented");
}
