// try/except* (PEP 654), as CPython 3.13's compiler_try_star_except/_finally compile it.
// Stack during the handlers: [orig, res, rest] — the original group, the list of
// exceptions raised or re-raised by except* bodies, and the unmatched rest.
import type * as ast from "../../ast/nodes.generated.js";
import { Op } from "../../bytecode/opcodes.generated.js";
import { NO_LOCATION } from "../flowgraph.js";
import { type Codegen, FBlock, NO_LABEL, locOf, INTRINSIC_PREP_RERAISE_STAR } from "../codegen.js";
import { compileTryFinally, popExceptAndReraise } from "./statements.js";

function tryStarExcept(c: Codegen, s: ast.TryStar): void {
  const loc = locOf(s);
  const body = c.newLabel();
  const except = c.newLabel();
  const orelse = c.newLabel();
  const end = c.newLabel();
  const cleanup = c.newLabel();
  const reraiseStar = c.newLabel();
  c.useLabel(body);
  c.addopJump(Op.SETUP_FINALLY, except, loc);
  c.pushFBlock(loc, FBlock.TRY_EXCEPT, body, NO_LABEL, null);
  c.visitStmts(s.body);
  c.popFBlock();
  c.addop(Op.POP_BLOCK, NO_LOCATION);
  c.addopJump(Op.JUMP_NO_INTERRUPT, orelse, NO_LOCATION);
  const n = s.handlers.length;
  c.useLabel(except);
  c.addopJump(Op.SETUP_CLEANUP, cleanup, NO_LOCATION);
  c.addop(Op.PUSH_EXC_INFO, NO_LOCATION);
  c.pushFBlock(loc, FBlock.EXCEPTION_GROUP_HANDLER, NO_LABEL, NO_LABEL, null);
  for (let i = 0; i < n; i++) {
    const handler = s.handlers[i];
    const hloc = locOf(handler);
    const nextExcept = c.newLabel();
    const exceptWithError = c.newLabel();
    const noMatch = c.newLabel();
    if (i === 0) {
      c.addopI(Op.BUILD_LIST, 0, hloc);
      c.addopI(Op.COPY, 2, hloc);
    }
    if (handler.type) {
      c.visitExpr(handler.type);
      c.addop(Op.CHECK_EG_MATCH, hloc);
      c.addopI(Op.COPY, 1, hloc);
      c.addopJump(Op.POP_JUMP_IF_NONE, noMatch, hloc);
    }
    const cleanupEnd = c.newLabel();
    const cleanupBody = c.newLabel();
    if (handler.name) c.nameop(handler.name, "Store", hloc);
    else c.addop(Op.POP_TOP, hloc);
    c.addopJump(Op.SETUP_CLEANUP, cleanupEnd, hloc);
    c.useLabel(cleanupBody);
    c.pushFBlock(hloc, FBlock.HANDLER_CLEANUP, cleanupBody, NO_LABEL, handler.name);
    c.visitStmts(handler.body);
    c.popFBlock();
    c.addop(Op.POP_BLOCK, NO_LOCATION);
    if (handler.name) {
      c.addLoadConst(null, NO_LOCATION);
      c.nameop(handler.name, "Store", NO_LOCATION);
      c.nameop(handler.name, "Del", NO_LOCATION);
    }
    c.addopJump(Op.JUMP_NO_INTERRUPT, nextExcept, NO_LOCATION);
    c.useLabel(cleanupEnd);
    if (handler.name) {
      c.addLoadConst(null, NO_LOCATION);
      c.nameop(handler.name, "Store", NO_LOCATION);
      c.nameop(handler.name, "Del", NO_LOCATION);
    }
    c.addopI(Op.LIST_APPEND, 3, NO_LOCATION);
    c.addop(Op.POP_TOP, NO_LOCATION);
    c.addopJump(Op.JUMP_NO_INTERRUPT, exceptWithError, NO_LOCATION);
    c.useLabel(nextExcept);
    c.addop(Op.NOP, NO_LOCATION);
    c.addopJump(Op.JUMP_NO_INTERRUPT, exceptWithError, NO_LOCATION);
    c.useLabel(noMatch);
    c.addop(Op.POP_TOP, hloc);
    c.useLabel(exceptWithError);
    if (i === n - 1) {
      c.addopI(Op.LIST_APPEND, 1, NO_LOCATION);
      c.addopJump(Op.JUMP_NO_INTERRUPT, reraiseStar, NO_LOCATION);
    }
  }
  c.popFBlock();
  const reraise = c.newLabel();
  c.useLabel(reraiseStar);
  c.addopI(Op.CALL_INTRINSIC_2, INTRINSIC_PREP_RERAISE_STAR, NO_LOCATION);
  c.addopI(Op.COPY, 1, NO_LOCATION);
  c.addopJump(Op.POP_JUMP_IF_NOT_NONE, reraise, NO_LOCATION);
  c.addop(Op.POP_TOP, NO_LOCATION);
  c.addop(Op.POP_BLOCK, NO_LOCATION);
  c.addop(Op.POP_EXCEPT, NO_LOCATION);
  c.addopJump(Op.JUMP_NO_INTERRUPT, end, NO_LOCATION);
  c.useLabel(reraise);
  c.addop(Op.POP_BLOCK, NO_LOCATION);
  c.addopI(Op.SWAP, 2, NO_LOCATION);
  c.addop(Op.POP_EXCEPT, NO_LOCATION);
  c.addopI(Op.RERAISE, 0, NO_LOCATION);
  c.useLabel(cleanup);
  popExceptAndReraise(c, NO_LOCATION);
  c.useLabel(orelse);
  c.visitStmts(s.orelse);
  c.useLabel(end);
}

export function compileTryStar(c: Codegen, s: ast.TryStar): void {
  if (s.finalbody.length) compileTryFinally(c, s, () => tryStarExcept(c, s));
  else tryStarExcept(c, s);
}
