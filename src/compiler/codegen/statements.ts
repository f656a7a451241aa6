// Statement code generation: simple statements, control flow (if/for/while/break/
// continue/return), try/except/finally, with, imports, assignments. Mirrors the
// corresponding functions of CPython 3.13's Python/compile.c.
import type * as ast from "../../ast/nodes.generated.js";
import { Op } from "../../bytecode/opcodes.generated.js";
import { PyTupleValue, type MarshalValue } from "../../bytecode/values.js";
import { NO_LOCATION, type Loc } from "../flowgraph.js";
import {
  type Codegen, FBlock, type FBlockInfo, ScopeType, NO_LABEL, locOf, binaryOparg, isTwoElementSlice,
  INTRINSIC_IMPORT_STAR, INTRINSIC_PRINT, CO_FUTURE_ANNOTATIONS,
} from "../codegen.js";
import { compileFunction, compileClass, compileTypeAlias, annotationString } from "./functions.js";
import { compileMatch } from "./patterns.js";
import { compileTryStar } from "./tryStar.js";
import { cleanDoc } from "./docstring.js";
import { assertWarning } from "../syntaxWarnings.js";

export function findAnn(stmts: ast.stmt[]): boolean {
  for (const st of stmts) {
    let res = false;
    switch (st._kind) {
      case "AnnAssign":
        return true;
      case "For":
      case "AsyncFor":
      case "While":
      case "If":
        res = findAnn(st.body) || findAnn(st.orelse);
        break;
      case "With":
      case "AsyncWith":
        res = findAnn(st.body);
        break;
      case "Try":
      case "TryStar":
        for (const h of st.handlers) if (findAnn(h.body)) return true;
        res = findAnn(st.body) || findAnn(st.finalbody) || findAnn(st.orelse);
        break;
      case "Match":
        for (const c of st.cases) if (findAnn(c.body)) return true;
        break;
    }
    if (res) return true;
  }
  return false;
}

export function getDocString(body: ast.stmt[]): string | null {
  if (!body.length) return null;
  const st = body[0];
  if (st._kind !== "Expr") return null;
  const v = st.value;
  if (v._kind === "Constant" && typeof v.value === "string") return v.value;
  return null;
}

/** compiler_body: SETUP_ANNOTATIONS, the docstring as __doc__, then the statements. */
export function compileBody(c: Codegen, loc: Loc, stmts: ast.stmt[]): void {
  if (c.u.scopeType === ScopeType.MODULE && stmts.length) loc = locOf(stmts[0]);
  if (findAnn(stmts)) c.addop(Op.SETUP_ANNOTATIONS, loc);
  if (!stmts.length) return;
  let first = 0;
  const doc = getDocString(stmts);
  if (doc !== null) {
    first = 1;
    if (c.optimizeLevel < 2) {
      const st = stmts[0] as ast.Expr;
      c.addLoadConst(cleanDoc(doc), locOf(st.value));
      c.nameop("__doc__", "Store", NO_LOCATION);
    }
  }
  for (let i = first; i < stmts.length; i++) c.visitStmt(stmts[i]);
}

export function visitStmt(c: Codegen, s: ast.stmt): void {
  const loc = locOf(s);
  switch (s._kind) {
    case "FunctionDef":
      compileFunction(c, s, false);
      break;
    case "AsyncFunctionDef":
      compileFunction(c, s, true);
      break;
    case "ClassDef":
      compileClass(c, s);
      break;
    case "TypeAlias":
      compileTypeAlias(c, s);
      break;
    case "Return":
      compileReturn(c, s);
      break;
    case "Delete":
      c.visitExprs(s.targets);
      break;
    case "Assign": {
      const n = s.targets.length;
      c.visitExpr(s.value);
      for (let i = 0; i < n; i++) {
        if (i < n - 1) c.addopI(Op.COPY, 1, loc);
        c.visitExpr(s.targets[i]);
      }
      break;
    }
    case "AugAssign":
      compileAugAssign(c, s);
      break;
    case "AnnAssign":
      compileAnnAssign(c, s);
      break;
    case "For":
      compileFor(c, s);
      break;
    case "AsyncFor":
      compileAsyncFor(c, s);
      break;
    case "While":
      compileWhile(c, s);
      break;
    case "If":
      compileIf(c, s);
      break;
    case "Match":
      compileMatch(c, s);
      break;
    case "Raise": {
      let n = 0;
      if (s.exc) {
        c.visitExpr(s.exc);
        n++;
        if (s.cause) {
          c.visitExpr(s.cause);
          n++;
        }
      }
      c.addopI(Op.RAISE_VARARGS, n, loc);
      break;
    }
    case "Try":
      if (s.finalbody.length) compileTryFinally(c, s);
      else compileTryExcept(c, s);
      break;
    case "TryStar":
      compileTryStar(c, s);
      break;
    case "Assert":
      compileAssert(c, s);
      break;
    case "Import":
      compileImport(c, s);
      break;
    case "ImportFrom":
      compileFromImport(c, s);
      break;
    case "Global":
    case "Nonlocal":
      break;
    case "Expr":
      compileStmtExpr(c, loc, s.value);
      break;
    case "Pass":
      c.addop(Op.NOP, loc);
      break;
    case "Break":
      compileBreak(c, loc);
      break;
    case "Continue":
      compileContinue(c, loc);
      break;
    case "With":
      compileWith(c, s, 0);
      break;
    case "AsyncWith":
      compileAsyncWith(c, s, 0);
      break;
  }
}

function compileStmtExpr(c: Codegen, loc: Loc, value: ast.expr): void {
  if (c.interactive && c.nestLevel <= 1) {
    c.visitExpr(value);
    c.addopI(Op.CALL_INTRINSIC_1, INTRINSIC_PRINT, loc);
    c.addop(Op.POP_TOP, NO_LOCATION);
    return;
  }
  if (value._kind === "Constant") {
    c.addop(Op.NOP, loc);
    return;
  }
  c.visitExpr(value);
  c.addop(Op.POP_TOP, NO_LOCATION);
}

// --- unwinding ------------------------------------------------------------------------

function callExitWithNones(c: Codegen, loc: Loc): void {
  c.addLoadConst(null, loc);
  c.addLoadConst(null, loc);
  c.addLoadConst(null, loc);
  c.addopI(Op.CALL, 2, loc);
}

/** compiler_unwind_fblock; returns the (possibly changed) location. */
function unwindFBlock(c: Codegen, loc: Loc, info: FBlockInfo, preserveTos: boolean): Loc {
  switch (info.type) {
    case FBlock.WHILE_LOOP:
    case FBlock.EXCEPTION_HANDLER:
    case FBlock.EXCEPTION_GROUP_HANDLER:
    case FBlock.ASYNC_COMPREHENSION_GENERATOR:
    case FBlock.STOP_ITERATION:
      return loc;
    case FBlock.FOR_LOOP:
      if (preserveTos) c.addopI(Op.SWAP, 2, loc);
      c.addop(Op.POP_TOP, loc);
      return loc;
    case FBlock.TRY_EXCEPT:
      c.addop(Op.POP_BLOCK, loc);
      return loc;
    case FBlock.FINALLY_TRY:
      c.addop(Op.POP_BLOCK, loc);
      if (preserveTos) c.pushFBlock(loc, FBlock.POP_VALUE, NO_LABEL, NO_LABEL, null);
      c.visitStmts(info.datum as ast.stmt[]);
      if (preserveTos) c.popFBlock();
      return NO_LOCATION;
    case FBlock.FINALLY_END:
      if (preserveTos) c.addopI(Op.SWAP, 2, loc);
      c.addop(Op.POP_TOP, loc);
      if (preserveTos) c.addopI(Op.SWAP, 2, loc);
      c.addop(Op.POP_BLOCK, loc);
      c.addop(Op.POP_EXCEPT, loc);
      return loc;
    case FBlock.WITH:
    case FBlock.ASYNC_WITH:
      loc = info.loc;
      c.addop(Op.POP_BLOCK, loc);
      if (preserveTos) c.addopI(Op.SWAP, 2, loc);
      callExitWithNones(c, loc);
      if (info.type === FBlock.ASYNC_WITH) {
        c.addopI(Op.GET_AWAITABLE, 2, loc);
        c.addLoadConst(null, loc);
        c.addYieldFrom(loc, true);
      }
      c.addop(Op.POP_TOP, loc);
      return NO_LOCATION;
    case FBlock.HANDLER_CLEANUP: {
      const name = info.datum as string | null;
      if (name) c.addop(Op.POP_BLOCK, loc);
      if (preserveTos) c.addopI(Op.SWAP, 2, loc);
      c.addop(Op.POP_BLOCK, loc);
      c.addop(Op.POP_EXCEPT, loc);
      if (name) {
        c.addLoadConst(null, loc);
        c.nameop(name, "Store", loc);
        c.nameop(name, "Del", loc);
      }
      return loc;
    }
    case FBlock.POP_VALUE:
      if (preserveTos) c.addopI(Op.SWAP, 2, loc);
      c.addop(Op.POP_TOP, loc);
      return loc;
  }
}

/** compiler_unwind_fblock_stack; returns [loc, loop block or null]. */
function unwindFBlockStack(c: Codegen, loc: Loc, preserveTos: boolean, wantLoop: boolean): [Loc, FBlockInfo | null] {
  const fb = c.u.fblocks;
  if (fb.length === 0) return [loc, null];
  const top = fb[fb.length - 1];
  if (top.type === FBlock.EXCEPTION_GROUP_HANDLER) {
    throw c.error("'break', 'continue' and 'return' cannot appear in an except* block", loc);
  }
  if (wantLoop && (top.type === FBlock.WHILE_LOOP || top.type === FBlock.FOR_LOOP)) return [loc, top];
  fb.pop();
  loc = unwindFBlock(c, loc, top, preserveTos);
  const res = unwindFBlockStack(c, loc, preserveTos, wantLoop);
  fb.push(top);
  return res;
}

function compileReturn(c: Codegen, s: ast.Return): void {
  let loc = locOf(s);
  const preserveTos = s.value !== null && s.value._kind !== "Constant";
  if (!c.ste.isFunctionLike()) throw c.error("'return' outside function", loc);
  if (s.value !== null && c.ste.coroutine && c.ste.generator) throw c.error("'return' with value in async generator", loc);
  if (preserveTos) {
    c.visitExpr(s.value!);
  } else if (s.value !== null) {
    loc = locOf(s.value);
    c.addop(Op.NOP, loc);
  }
  if (s.value === null || s.value.lineno !== s.lineno) {
    loc = locOf(s);
    c.addop(Op.NOP, loc);
  }
  [loc] = unwindFBlockStack(c, loc, preserveTos, false);
  if (s.value === null) c.addLoadConst(null, loc);
  else if (!preserveTos) c.addLoadConst((s.value as ast.Constant).value, loc);
  c.addop(Op.RETURN_VALUE, loc);
}

function compileBreak(c: Codegen, loc: Loc): void {
  const origin = loc;
  c.addop(Op.NOP, loc);
  let loop: FBlockInfo | null;
  [loc, loop] = unwindFBlockStack(c, loc, false, true);
  if (loop === null) throw c.error("'break' outside loop", origin);
  loc = unwindFBlock(c, loc, loop, false);
  c.addopJump(Op.JUMP, loop.exit, loc);
}

function compileContinue(c: Codegen, loc: Loc): void {
  const origin = loc;
  c.addop(Op.NOP, loc);
  let loop: FBlockInfo | null;
  [loc, loop] = unwindFBlockStack(c, loc, false, true);
  if (loop === null) throw c.error("'continue' not properly in loop", origin);
  c.addopJump(Op.JUMP, loop.block, loc);
}

// --- control flow ---------------------------------------------------------------------

function compileIf(c: Codegen, s: ast.If): void {
  const end = c.newLabel();
  const next = s.orelse.length ? c.newLabel() : end;
  c.jumpIf(locOf(s), s.test, next, false);
  c.visitStmts(s.body);
  if (s.orelse.length) {
    c.addopJump(Op.JUMP_NO_INTERRUPT, end, NO_LOCATION);
    c.useLabel(next);
    c.visitStmts(s.orelse);
  }
  c.useLabel(end);
}

function compileFor(c: Codegen, s: ast.For): void {
  let loc = locOf(s);
  const start = c.newLabel();
  const body = c.newLabel();
  const cleanup = c.newLabel();
  const end = c.newLabel();
  c.pushFBlock(loc, FBlock.FOR_LOOP, start, end, null);
  c.visitExpr(s.iter);
  loc = locOf(s.iter);
  c.addop(Op.GET_ITER, loc);
  c.useLabel(start);
  c.addopJump(Op.FOR_ITER, cleanup, loc);
  c.addop(Op.NOP, locOf(s.target));
  c.useLabel(body);
  c.visitExpr(s.target);
  c.visitStmts(s.body);
  c.addopJump(Op.JUMP, start, NO_LOCATION);
  c.useLabel(cleanup);
  c.addop(Op.END_FOR, NO_LOCATION);
  c.addop(Op.POP_TOP, NO_LOCATION);
  c.popFBlock();
  c.visitStmts(s.orelse);
  c.useLabel(end);
}

function compileAsyncFor(c: Codegen, s: ast.AsyncFor): void {
  let loc = locOf(s);
  if (c.isTopLevelAwait()) {
    c.ste.coroutine = true;
  } else if (c.u.scopeType !== ScopeType.ASYNC_FUNCTION) {
    throw c.error("'async for' outside async function", loc);
  }
  const start = c.newLabel();
  const except = c.newLabel();
  const end = c.newLabel();
  c.visitExpr(s.iter);
  c.addop(Op.GET_AITER, locOf(s.iter));
  c.useLabel(start);
  c.pushFBlock(loc, FBlock.FOR_LOOP, start, end, null);
  c.addopJump(Op.SETUP_FINALLY, except, loc);
  c.addop(Op.GET_ANEXT, loc);
  c.addLoadConst(null, loc);
  c.addYieldFrom(loc, true);
  c.addop(Op.POP_BLOCK, loc);
  c.visitExpr(s.target);
  c.visitStmts(s.body);
  c.addopJump(Op.JUMP, start, NO_LOCATION);
  c.popFBlock();
  c.useLabel(except);
  loc = locOf(s.iter);
  c.addop(Op.END_ASYNC_FOR, loc);
  c.visitStmts(s.orelse);
  c.useLabel(end);
}

function compileWhile(c: Codegen, s: ast.While): void {
  const loop = c.newLabel();
  const body = c.newLabel();
  const end = c.newLabel();
  const anchor = c.newLabel();
  c.useLabel(loop);
  c.pushFBlock(locOf(s), FBlock.WHILE_LOOP, loop, end, null);
  c.jumpIf(locOf(s), s.test, anchor, false);
  c.useLabel(body);
  c.visitStmts(s.body);
  c.jumpIf(locOf(s), s.test, body, true);
  c.popFBlock();
  c.useLabel(anchor);
  c.visitStmts(s.orelse);
  c.useLabel(end);
}

// --- try ------------------------------------------------------------------------------

export function popExceptAndReraise(c: Codegen, loc: Loc): void {
  c.addopI(Op.COPY, 3, loc);
  c.addop(Op.POP_EXCEPT, loc);
  c.addopI(Op.RERAISE, 1, loc);
}

function compileTryExcept(c: Codegen, s: ast.Try): void {
  const loc = locOf(s);
  const body = c.newLabel();
  let except = c.newLabel();
  const end = c.newLabel();
  const cleanup = c.newLabel();
  c.useLabel(body);
  c.addopJump(Op.SETUP_FINALLY, except, loc);
  c.pushFBlock(loc, FBlock.TRY_EXCEPT, body, NO_LABEL, null);
  c.visitStmts(s.body);
  c.popFBlock();
  c.addop(Op.POP_BLOCK, NO_LOCATION);
  c.visitStmts(s.orelse);
  c.addopJump(Op.JUMP_NO_INTERRUPT, end, NO_LOCATION);
  const n = s.handlers.length;
  c.useLabel(except);
  c.addopJump(Op.SETUP_CLEANUP, cleanup, NO_LOCATION);
  c.addop(Op.PUSH_EXC_INFO, NO_LOCATION);
  c.pushFBlock(loc, FBlock.EXCEPTION_HANDLER, NO_LABEL, NO_LABEL, null);
  for (let i = 0; i < n; i++) {
    const handler = s.handlers[i];
    const hloc = locOf(handler);
    if (!handler.type && i < n - 1) throw c.error("default 'except:' must be last", hloc);
    except = c.newLabel();
    if (handler.type) {
      c.visitExpr(handler.type);
      c.addop(Op.CHECK_EXC_MATCH, hloc);
      c.addopJump(Op.POP_JUMP_IF_FALSE, except, hloc);
    }
    if (handler.name) {
      const cleanupEnd = c.newLabel();
      const cleanupBody = c.newLabel();
      c.nameop(handler.name, "Store", hloc);
      c.addopJump(Op.SETUP_CLEANUP, cleanupEnd, hloc);
      c.useLabel(cleanupBody);
      c.pushFBlock(hloc, FBlock.HANDLER_CLEANUP, cleanupBody, NO_LABEL, handler.name);
      c.visitStmts(handler.body);
      c.popFBlock();
      c.addop(Op.POP_BLOCK, NO_LOCATION);
      c.addop(Op.POP_BLOCK, NO_LOCATION);
      c.addop(Op.POP_EXCEPT, NO_LOCATION);
      c.addLoadConst(null, NO_LOCATION);
      c.nameop(handler.name, "Store", NO_LOCATION);
      c.nameop(handler.name, "Del", NO_LOCATION);
      c.addopJump(Op.JUMP_NO_INTERRUPT, end, NO_LOCATION);
      c.useLabel(cleanupEnd);
      c.addLoadConst(null, NO_LOCATION);
      c.nameop(handler.name, "Store", NO_LOCATION);
      c.nameop(handler.name, "Del", NO_LOCATION);
      c.addopI(Op.RERAISE, 1, NO_LOCATION);
    } else {
      const cleanupBody = c.newLabel();
      c.addop(Op.POP_TOP, hloc);
      c.useLabel(cleanupBody);
      c.pushFBlock(hloc, FBlock.HANDLER_CLEANUP, cleanupBody, NO_LABEL, null);
      c.visitStmts(handler.body);
      c.popFBlock();
      c.addop(Op.POP_BLOCK, NO_LOCATION);
      c.addop(Op.POP_EXCEPT, NO_LOCATION);
      c.addopJump(Op.JUMP_NO_INTERRUPT, end, NO_LOCATION);
    }
    c.useLabel(except);
  }
  c.popFBlock();
  c.addopI(Op.RERAISE, 0, NO_LOCATION);
  c.useLabel(cleanup);
  popExceptAndReraise(c, NO_LOCATION);
  c.useLabel(end);
}

function compileTryFinally(c: Codegen, s: ast.Try | ast.TryStar, inner?: () => void): void {
  const loc = locOf(s);
  const body = c.newLabel();
  const end = c.newLabel();
  const exit = c.newLabel();
  const cleanup = c.newLabel();
  c.addopJump(Op.SETUP_FINALLY, end, loc);
  c.useLabel(body);
  c.pushFBlock(loc, FBlock.FINALLY_TRY, body, end, s.finalbody);
  if (s.handlers.length) {
    if (inner) inner();
    else compileTryExcept(c, s as ast.Try);
  } else {
    c.visitStmts(s.body);
  }
  c.addop(Op.POP_BLOCK, NO_LOCATION);
  c.popFBlock();
  c.visitStmts(s.finalbody);
  c.addopJump(Op.JUMP_NO_INTERRUPT, exit, NO_LOCATION);
  c.useLabel(end);
  c.addopJump(Op.SETUP_CLEANUP, cleanup, NO_LOCATION);
  c.addop(Op.PUSH_EXC_INFO, NO_LOCATION);
  c.pushFBlock(NO_LOCATION, FBlock.FINALLY_END, end, NO_LABEL, null);
  c.visitStmts(s.finalbody);
  c.popFBlock();
  c.addopI(Op.RERAISE, 0, NO_LOCATION);
  c.useLabel(cleanup);
  popExceptAndReraise(c, NO_LOCATION);
  c.useLabel(exit);
}

export { compileTryFinally };

// --- with -----------------------------------------------------------------------------

function withExceptFinish(c: Codegen, cleanup: number): void {
  const suppress = c.newLabel();
  c.addop(Op.TO_BOOL, NO_LOCATION);
  c.addopJump(Op.POP_JUMP_IF_TRUE, suppress, NO_LOCATION);
  c.addopI(Op.RERAISE, 2, NO_LOCATION);
  c.useLabel(suppress);
  c.addop(Op.POP_TOP, NO_LOCATION);
  c.addop(Op.POP_BLOCK, NO_LOCATION);
  c.addop(Op.POP_EXCEPT, NO_LOCATION);
  c.addop(Op.POP_TOP, NO_LOCATION);
  c.addop(Op.POP_TOP, NO_LOCATION);
  const exit = c.newLabel();
  c.addopJump(Op.JUMP_NO_INTERRUPT, exit, NO_LOCATION);
  c.useLabel(cleanup);
  popExceptAndReraise(c, NO_LOCATION);
  c.useLabel(exit);
}

function compileWith(c: Codegen, s: ast.With, pos: number): void {
  const item = s.items[pos];
  const block = c.newLabel();
  const final = c.newLabel();
  const exit = c.newLabel();
  const cleanup = c.newLabel();
  c.visitExpr(item.context_expr);
  const loc = locOf(item.context_expr);
  c.addop(Op.BEFORE_WITH, loc);
  c.addopJump(Op.SETUP_WITH, final, loc);
  c.useLabel(block);
  c.pushFBlock(loc, FBlock.WITH, block, final, s);
  if (item.optional_vars) c.visitExpr(item.optional_vars);
  else c.addop(Op.POP_TOP, loc);
  pos++;
  if (pos === s.items.length) c.visitStmts(s.body);
  else compileWith(c, s, pos);
  c.addop(Op.POP_BLOCK, NO_LOCATION);
  c.popFBlock();
  callExitWithNones(c, loc);
  c.addop(Op.POP_TOP, loc);
  c.addopJump(Op.JUMP, exit, loc);
  c.useLabel(final);
  c.addopJump(Op.SETUP_CLEANUP, cleanup, loc);
  c.addop(Op.PUSH_EXC_INFO, loc);
  c.addop(Op.WITH_EXCEPT_START, loc);
  withExceptFinish(c, cleanup);
  c.useLabel(exit);
}

function compileAsyncWith(c: Codegen, s: ast.AsyncWith, pos: number): void {
  let loc = locOf(s);
  const item = s.items[pos];
  if (c.isTopLevelAwait()) c.ste.coroutine = true;
  else if (c.u.scopeType !== ScopeType.ASYNC_FUNCTION) throw c.error("'async with' outside async function", loc);
  const block = c.newLabel();
  const final = c.newLabel();
  const exit = c.newLabel();
  const cleanup = c.newLabel();
  c.visitExpr(item.context_expr);
  loc = locOf(item.context_expr);
  c.addop(Op.BEFORE_ASYNC_WITH, loc);
  c.addopI(Op.GET_AWAITABLE, 1, loc);
  c.addLoadConst(null, loc);
  c.addYieldFrom(loc, true);
  c.addopJump(Op.SETUP_WITH, final, loc);
  c.useLabel(block);
  c.pushFBlock(loc, FBlock.ASYNC_WITH, block, final, s);
  if (item.optional_vars) c.visitExpr(item.optional_vars);
  else c.addop(Op.POP_TOP, loc);
  pos++;
  if (pos === s.items.length) c.visitStmts(s.body);
  else compileAsyncWith(c, s, pos);
  c.popFBlock();
  c.addop(Op.POP_BLOCK, loc);
  callExitWithNones(c, loc);
  c.addopI(Op.GET_AWAITABLE, 2, loc);
  c.addLoadConst(null, loc);
  c.addYieldFrom(loc, true);
  c.addop(Op.POP_TOP, loc);
  c.addopJump(Op.JUMP, exit, loc);
  c.useLabel(final);
  c.addopJump(Op.SETUP_CLEANUP, cleanup, loc);
  c.addop(Op.PUSH_EXC_INFO, loc);
  c.addop(Op.WITH_EXCEPT_START, loc);
  c.addopI(Op.GET_AWAITABLE, 2, loc);
  c.addLoadConst(null, loc);
  c.addYieldFrom(loc, true);
  withExceptFinish(c, cleanup);
  c.useLabel(exit);
}

// --- assignments ----------------------------------------------------------------------

function compileAugAssign(c: Codegen, s: ast.AugAssign): void {
  const e = s.target;
  let loc = locOf(e);
  switch (e._kind) {
    case "Attribute":
      c.visitExpr(e.value);
      c.addopI(Op.COPY, 1, loc);
      loc = c.updateStartLocationToMatchAttr(loc, e);
      c.addopName(Op.LOAD_ATTR, e.attr, loc);
      break;
    case "Subscript":
      c.visitExpr(e.value);
      if (isTwoElementSlice(e.slice)) {
        c.slice(e.slice as ast.Slice);
        c.addopI(Op.COPY, 3, loc);
        c.addopI(Op.COPY, 3, loc);
        c.addopI(Op.COPY, 3, loc);
        c.addop(Op.BINARY_SLICE, loc);
      } else {
        c.visitExpr(e.slice);
        c.addopI(Op.COPY, 2, loc);
        c.addopI(Op.COPY, 2, loc);
        c.addop(Op.BINARY_SUBSCR, loc);
      }
      break;
    case "Name":
      c.nameop(e.id, "Load", loc);
      break;
    default:
      throw c.error("invalid node type for augmented assignment", loc);
  }
  c.visitExpr(s.value);
  c.addopI(Op.BINARY_OP, binaryOparg(s.op._kind, true), locOf(s));
  loc = locOf(e);
  switch (e._kind) {
    case "Attribute":
      loc = c.updateStartLocationToMatchAttr(loc, e);
      c.addopI(Op.SWAP, 2, loc);
      c.addopName(Op.STORE_ATTR, e.attr, loc);
      break;
    case "Subscript":
      if (isTwoElementSlice(e.slice)) {
        c.addopI(Op.SWAP, 4, loc);
        c.addopI(Op.SWAP, 3, loc);
        c.addopI(Op.SWAP, 2, loc);
        c.addop(Op.STORE_SLICE, loc);
      } else {
        c.addopI(Op.SWAP, 3, loc);
        c.addopI(Op.SWAP, 2, loc);
        c.addop(Op.STORE_SUBSCR, loc);
      }
      break;
    case "Name":
      c.nameop(e.id, "Store", loc);
      break;
  }
}

function checkAnnExpr(c: Codegen, e: ast.expr): void {
  c.visitExpr(e);
  c.addop(Op.POP_TOP, locOf(e));
}

function checkAnnSubscr(c: Codegen, e: ast.expr): void {
  switch (e._kind) {
    case "Slice":
      if (e.lower) checkAnnExpr(c, e.lower);
      if (e.upper) checkAnnExpr(c, e.upper);
      if (e.step) checkAnnExpr(c, e.step);
      return;
    case "Tuple":
      for (const x of e.elts) checkAnnSubscr(c, x);
      return;
    default:
      checkAnnExpr(c, e);
  }
}

function compileAnnAssign(c: Codegen, s: ast.AnnAssign): void {
  const loc = locOf(s);
  const targ = s.target;
  const future = (c.futureFlags & CO_FUTURE_ANNOTATIONS) !== 0;
  if (s.value) {
    c.visitExpr(s.value);
    c.visitExpr(targ);
  }
  switch (targ._kind) {
    case "Name":
      c.checkForbiddenName(targ.id, "Store", loc);
      if (s.simple && (c.u.scopeType === ScopeType.MODULE || c.u.scopeType === ScopeType.CLASS)) {
        if (future) c.addLoadConst(annotationString(s.annotation), locOf(s.annotation));
        else c.visitExpr(s.annotation);
        c.addopName(Op.LOAD_NAME, "__annotations__", loc);
        c.addLoadConst(c.maybeMangle(targ.id), loc);
        c.addop(Op.STORE_SUBSCR, loc);
      }
      break;
    case "Attribute":
      if (!s.value) checkAnnExpr(c, targ.value);
      break;
    case "Subscript":
      if (!s.value) {
        checkAnnExpr(c, targ.value);
        checkAnnSubscr(c, targ.slice);
      }
      break;
  }
  if (!s.simple && !future) {
    if (c.u.scopeType === ScopeType.MODULE || c.u.scopeType === ScopeType.CLASS) checkAnnExpr(c, s.annotation);
  }
}

function compileAssert(c: Codegen, s: ast.Assert): void {
  const loc = locOf(s);
  // CPython warns even when asserts are compiled away (-O).
  c.warn(assertWarning(s.test), loc);
  if (c.optimizeLevel) return;
  const end = c.newLabel();
  c.jumpIf(loc, s.test, end, true);
  c.addop(Op.LOAD_ASSERTION_ERROR, loc);
  if (s.msg) {
    c.visitExpr(s.msg);
    c.addopI(Op.CALL, 0, loc);
  }
  c.addopI(Op.RAISE_VARARGS, 1, locOf(s.test));
  c.useLabel(end);
}

// --- imports --------------------------------------------------------------------------

function compileImport(c: Codegen, s: ast.Import): void {
  const loc = locOf(s);
  for (const alias of s.names) {
    c.addLoadConst(0n, loc);
    c.addLoadConst(null, loc);
    c.addopName(Op.IMPORT_NAME, alias.name, loc);
    if (alias.asname) {
      importAs(c, loc, alias.name, alias.asname);
    } else {
      const dot = alias.name.indexOf(".");
      c.nameop(dot >= 0 ? alias.name.slice(0, dot) : alias.name, "Store", loc);
    }
  }
}

function importAs(c: Codegen, loc: Loc, name: string, asname: string): void {
  let dot = name.indexOf(".");
  if (dot >= 0) {
    for (;;) {
      const pos = dot + 1;
      dot = name.indexOf(".", pos);
      const attr = name.slice(pos, dot >= 0 ? dot : name.length);
      c.addopO(Op.IMPORT_FROM, attr, loc, c.u.names);
      if (dot < 0) break;
      c.addopI(Op.SWAP, 2, loc);
      c.addop(Op.POP_TOP, loc);
    }
    c.nameop(asname, "Store", loc);
    c.addop(Op.POP_TOP, loc);
    return;
  }
  c.nameop(asname, "Store", loc);
}

function compileFromImport(c: Codegen, s: ast.ImportFrom): void {
  const loc = locOf(s);
  c.addLoadConst(BigInt(s.level ?? 0), loc);
  const names: MarshalValue[] = s.names.map((a) => a.name);
  const fe = c.futureEnd;
  const isAfter = s.lineno > fe.endLineno || (s.lineno === fe.endLineno && s.col_offset > fe.endCol);
  if (isAfter && s.module === "__future__" && (s.level ?? 0) === 0) {
    throw c.error("from __future__ imports must occur at the beginning of the file", loc);
  }
  c.addLoadConst(new PyTupleValue(names), loc);
  c.addopName(Op.IMPORT_NAME, s.module ?? "", loc);
  for (let i = 0; i < s.names.length; i++) {
    const alias = s.names[i];
    if (i === 0 && alias.name.startsWith("*")) {
      c.addopI(Op.CALL_INTRINSIC_1, INTRINSIC_IMPORT_STAR, loc);
      c.addop(Op.POP_TOP, NO_LOCATION);
      return;
    }
    c.addopName(Op.IMPORT_FROM, alias.name, loc);
    c.nameop(alias.asname ?? alias.name, "Store", loc);
  }
  c.addop(Op.POP_TOP, loc);
}
