// Code generation for everything that makes a new code object: def, async def, lambda,
// class, comprehensions and generator expressions (including PEP 709 inlining), PEP 695
// type parameter scopes and type aliases. Mirrors CPython 3.13's Python/compile.c.
import type * as ast from "../../ast/nodes.generated.js";
import { Op } from "../../bytecode/opcodes.generated.js";
import { CodeObject } from "../../bytecode/code.js";
import { PyTupleValue, type MarshalValue } from "../../bytecode/values.js";
import { NO_LOCATION, type Loc } from "../flowgraph.js";
import {
  type Codegen, FBlock, ScopeType, NO_LABEL, locOf, addToDict, codepointCompare,
  MAKE_FUNCTION_ANNOTATIONS, MAKE_FUNCTION_CLOSURE, MAKE_FUNCTION_DEFAULTS, MAKE_FUNCTION_KWDEFAULTS,
  INTRINSIC_STOPITERATION_ERROR, INTRINSIC_SET_FUNCTION_TYPE_PARAMS, INTRINSIC_SUBSCRIPT_GENERIC,
  INTRINSIC_TYPEVAR, INTRINSIC_TYPEVAR_WITH_BOUND, INTRINSIC_TYPEVAR_WITH_CONSTRAINTS, INTRINSIC_PARAMSPEC,
  INTRINSIC_TYPEVARTUPLE, INTRINSIC_SET_TYPEPARAM_DEFAULT, INTRINSIC_TYPEALIAS, CO_FUTURE_ANNOTATIONS,
} from "../codegen.js";
import { CELL, FREE, DEF_LOCAL, DEF_NONLOCAL, typeParamScopeKey } from "../symtable.js";
import { compileBody, getDocString } from "./statements.js";
import { cleanDoc } from "./docstring.js";
import { unparseAnnotation } from "./unparse.js";

export function annotationString(e: ast.expr): string {
  return unparseAnnotation(e);
}

// --- closures -------------------------------------------------------------------------

export function makeClosure(c: Codegen, loc: Loc, co: CodeObject, flags: number): void {
  const nfree = co.co_freevars.length;
  if (nfree) {
    const first = co.co_localsplusnames.length - nfree;
    for (let i = first; i < co.co_localsplusnames.length; i++) {
      const name = co.co_localsplusnames[i];
      const reftype = c.refType(name);
      const arg = reftype === CELL ? c.u.cellvars.get(name) : c.u.freevars.get(name);
      if (arg === undefined) throw new Error(`compiler_lookup_arg(name='${name}') failed in ${c.u.name}`);
      c.addopI(Op.LOAD_CLOSURE, arg, loc);
    }
    flags |= MAKE_FUNCTION_CLOSURE;
    c.addopI(Op.BUILD_TUPLE, nfree, loc);
  }
  c.addLoadConst(co, loc);
  c.addop(Op.MAKE_FUNCTION, loc);
  if (flags & MAKE_FUNCTION_CLOSURE) c.addopI(Op.SET_FUNCTION_ATTRIBUTE, MAKE_FUNCTION_CLOSURE, loc);
  if (flags & MAKE_FUNCTION_ANNOTATIONS) c.addopI(Op.SET_FUNCTION_ATTRIBUTE, MAKE_FUNCTION_ANNOTATIONS, loc);
  if (flags & MAKE_FUNCTION_KWDEFAULTS) c.addopI(Op.SET_FUNCTION_ATTRIBUTE, MAKE_FUNCTION_KWDEFAULTS, loc);
  if (flags & MAKE_FUNCTION_DEFAULTS) c.addopI(Op.SET_FUNCTION_ATTRIBUTE, MAKE_FUNCTION_DEFAULTS, loc);
}

function defaultArguments(c: Codegen, loc: Loc, args: ast.arguments): number {
  let flags = 0;
  if (args.defaults.length > 0) {
    c.visitExprs(args.defaults);
    c.addopI(Op.BUILD_TUPLE, args.defaults.length, loc);
    flags |= MAKE_FUNCTION_DEFAULTS;
  }
  if (args.kwonlyargs.length) {
    const keys: MarshalValue[] = [];
    for (let i = 0; i < args.kwonlyargs.length; i++) {
      const d = args.kw_defaults[i];
      if (d) {
        keys.push(c.maybeMangle(args.kwonlyargs[i].arg));
        c.visitExpr(d);
      }
    }
    if (keys.length) {
      c.addLoadConst(new PyTupleValue(keys), loc);
      c.addopI(Op.BUILD_CONST_KEY_MAP, keys.length, loc);
      flags |= MAKE_FUNCTION_KWDEFAULTS;
    }
  }
  return flags;
}

function checkDebugArgs(c: Codegen, args: ast.arguments): void {
  const all = [...args.posonlyargs, ...args.args, ...args.kwonlyargs];
  if (args.vararg) all.push(args.vararg);
  if (args.kwarg) all.push(args.kwarg);
  for (const a of all) if (a.arg === "__debug__") throw c.error("cannot assign to __debug__", locOf(a));
}

function visitArgAnnotation(c: Codegen, id: string, annotation: ast.expr | null, loc: Loc): number {
  if (!annotation) return 0;
  c.addLoadConst(c.maybeMangle(id), loc);
  if (c.futureFlags & CO_FUTURE_ANNOTATIONS) {
    c.addLoadConst(annotationString(annotation), locOf(annotation));
  } else if (annotation._kind === "Starred") {
    c.visitExpr(annotation.value);
    c.addopI(Op.UNPACK_SEQUENCE, 1, loc);
  } else {
    c.visitExpr(annotation);
  }
  return 2;
}

function visitAnnotations(c: Codegen, loc: Loc, args: ast.arguments, returns: ast.expr | null): boolean {
  let n = 0;
  for (const a of args.args) n += visitArgAnnotation(c, a.arg, a.annotation, loc);
  for (const a of args.posonlyargs) n += visitArgAnnotation(c, a.arg, a.annotation, loc);
  if (args.vararg && args.vararg.annotation) n += visitArgAnnotation(c, args.vararg.arg, args.vararg.annotation, loc);
  for (const a of args.kwonlyargs) n += visitArgAnnotation(c, a.arg, a.annotation, loc);
  if (args.kwarg && args.kwarg.annotation) n += visitArgAnnotation(c, args.kwarg.arg, args.kwarg.annotation, loc);
  n += visitArgAnnotation(c, "return", returns, loc);
  if (n) {
    c.addopI(Op.BUILD_TUPLE, n, loc);
    return true;
  }
  return false;
}

// --- def ------------------------------------------------------------------------------

function wrapInStopIterationHandler(c: Codegen): void {
  const handler = c.newLabel();
  c.u.seq.insert(0, Op.SETUP_CLEANUP, handler, NO_LOCATION);
  c.addLoadConst(null, NO_LOCATION);
  c.addop(Op.RETURN_VALUE, NO_LOCATION);
  c.useLabel(handler);
  c.addopI(Op.CALL_INTRINSIC_1, INTRINSIC_STOPITERATION_ERROR, NO_LOCATION);
  c.addopI(Op.RERAISE, 1, NO_LOCATION);
}

function functionBody(c: Codegen, s: ast.FunctionDef | ast.AsyncFunctionDef, isAsync: boolean, flags: number, firstlineno: number): void {
  c.enterScope(s.name, isAsync ? ScopeType.ASYNC_FUNCTION : ScopeType.FUNCTION, s, firstlineno);
  let first = 0;
  const doc = getDocString(s.body);
  if (doc !== null) first = 1;
  c.u.addConst(doc !== null && c.optimizeLevel < 2 ? cleanDoc(doc) : null);
  c.u.argcount = s.args.args.length;
  c.u.posonlyargcount = s.args.posonlyargs.length;
  c.u.kwonlyargcount = s.args.kwonlyargs.length;
  const start = c.newLabel();
  c.useLabel(start);
  const addStopIteration = c.ste.coroutine || c.ste.generator;
  if (addStopIteration) c.pushFBlock(NO_LOCATION, FBlock.STOP_ITERATION, start, NO_LABEL, null);
  for (let i = first; i < s.body.length; i++) c.visitStmt(s.body[i]);
  if (addStopIteration) {
    wrapInStopIterationHandler(c);
    c.popFBlock();
  }
  const co = c.optimizeAndAssemble(true);
  c.exitScope();
  makeClosure(c, locOf(s), co, flags);
}

export function compileFunction(c: Codegen, s: ast.FunctionDef | ast.AsyncFunctionDef, isAsync: boolean): void {
  checkDebugArgs(c, s.args);
  c.visitExprs(s.decorator_list);
  let firstlineno = s.lineno;
  if (s.decorator_list.length) firstlineno = s.decorator_list[0].lineno;
  const loc = locOf(s);
  const isGeneric = s.type_params.length > 0;
  let flags = defaultArguments(c, loc, s.args);
  let numTypeparamArgs = 0;
  if (isGeneric) {
    if (flags & MAKE_FUNCTION_DEFAULTS) numTypeparamArgs++;
    if (flags & MAKE_FUNCTION_KWDEFAULTS) numTypeparamArgs++;
    if (numTypeparamArgs === 2) c.addopI(Op.SWAP, 2, loc);
    c.enterScope(`<generic parameters of ${s.name}>`, ScopeType.TYPEPARAMS, s.type_params, firstlineno);
    compileTypeParams(c, s.type_params);
    for (let i = 0; i < numTypeparamArgs; i++) c.addopI(Op.LOAD_FAST, i, loc);
  }
  if (visitAnnotations(c, loc, s.args, s.returns)) flags |= MAKE_FUNCTION_ANNOTATIONS;
  functionBody(c, s, isAsync, flags, firstlineno);
  if (isGeneric) {
    c.addopI(Op.SWAP, 2, loc);
    c.addopI(Op.CALL_INTRINSIC_2, INTRINSIC_SET_FUNCTION_TYPE_PARAMS, loc);
    c.u.argcount = numTypeparamArgs;
    const co = c.optimizeAndAssemble(false);
    c.exitScope();
    makeClosure(c, loc, co, 0);
    if (numTypeparamArgs > 0) {
      c.addopI(Op.SWAP, numTypeparamArgs + 1, loc);
      c.addopI(Op.CALL, numTypeparamArgs - 1, loc);
    } else {
      c.addop(Op.PUSH_NULL, loc);
      c.addopI(Op.CALL, 0, loc);
    }
  }
  applyDecorators(c, s.decorator_list);
  c.nameop(s.name, "Store", loc);
}

function applyDecorators(c: Codegen, decos: ast.expr[]): void {
  for (let i = decos.length - 1; i >= 0; i--) c.addopI(Op.CALL, 0, locOf(decos[i]));
}

// --- lambda ---------------------------------------------------------------------------

export function compileLambda(c: Codegen, e: ast.Lambda): void {
  checkDebugArgs(c, e.args);
  const loc = locOf(e);
  const flags = defaultArguments(c, loc, e.args);
  c.enterScope("<lambda>", ScopeType.LAMBDA, e, e.lineno);
  c.u.addConst(null);
  c.u.argcount = e.args.args.length;
  c.u.posonlyargcount = e.args.posonlyargs.length;
  c.u.kwonlyargcount = e.args.kwonlyargs.length;
  c.visitExpr(e.body);
  let co: CodeObject;
  if (c.ste.generator) {
    co = c.optimizeAndAssemble(false);
  } else {
    c.addop(Op.RETURN_VALUE, locOf(e.body));
    co = c.optimizeAndAssemble(true);
  }
  c.exitScope();
  makeClosure(c, loc, co, flags);
}

// --- class ----------------------------------------------------------------------------

function classBody(c: Codegen, s: ast.ClassDef, firstlineno: number): CodeObject {
  c.enterScope(s.name, ScopeType.CLASS, s, firstlineno);
  const loc: Loc = { lineno: firstlineno, endLineno: firstlineno, col: 0, endCol: 0 };
  c.u.privateName = s.name;
  c.nameop("__name__", "Load", loc);
  c.nameop("__module__", "Store", loc);
  c.addLoadConst(c.u.qualname, loc);
  c.nameop("__qualname__", "Store", loc);
  c.addLoadConst(BigInt(c.u.firstlineno), loc);
  c.nameop("__firstlineno__", "Store", loc);
  if (s.type_params.length > 0) {
    c.nameop(".type_params", "Load", loc);
    c.nameop("__type_params__", "Store", loc);
  }
  if (c.ste.needsClassdict) {
    c.addop(Op.LOAD_LOCALS, loc);
    c.addopO(Op.STORE_DEREF, "__classdict__", loc, c.u.cellvars);
  }
  compileBody(c, loc, s.body);
  const attrs = [...c.u.staticAttributes!].sort(codepointCompare);
  c.addLoadConst(new PyTupleValue(attrs), NO_LOCATION);
  c.nameop("__static_attributes__", "Store", NO_LOCATION);
  if (c.ste.needsClassdict) {
    c.addopI(Op.LOAD_CLOSURE, c.u.cellvars.get("__classdict__")!, NO_LOCATION);
    c.nameop("__classdictcell__", "Store", NO_LOCATION);
  }
  if (c.ste.needsClassClosure) {
    c.addopI(Op.LOAD_CLOSURE, c.u.cellvars.get("__class__")!, NO_LOCATION);
    c.addopI(Op.COPY, 1, NO_LOCATION);
    c.nameop("__classcell__", "Store", NO_LOCATION);
  } else {
    c.addLoadConst(null, NO_LOCATION);
  }
  c.addop(Op.RETURN_VALUE, NO_LOCATION);
  const co = c.optimizeAndAssemble(true);
  c.exitScope();
  return co;
}

export function compileClass(c: Codegen, s: ast.ClassDef): void {
  const decos = s.decorator_list;
  c.visitExprs(decos);
  let firstlineno = s.lineno;
  if (decos.length) firstlineno = decos[0].lineno;
  const loc = locOf(s);
  const isGeneric = s.type_params.length > 0;
  if (isGeneric) {
    const saved = c.u.privateName;
    c.u.privateName = s.name;
    c.enterScope(`<generic parameters of ${s.name}>`, ScopeType.TYPEPARAMS, s.type_params, firstlineno);
    c.u.privateName = s.name;
    c.stack[c.stack.length - 1].privateName = saved;
    compileTypeParams(c, s.type_params);
    c.nameop(".type_params", "Store", loc);
  }
  const co = classBody(c, s, firstlineno);
  c.addop(Op.LOAD_BUILD_CLASS, loc);
  c.addop(Op.PUSH_NULL, loc);
  makeClosure(c, loc, co, 0);
  c.addLoadConst(s.name, loc);
  if (isGeneric) {
    c.nameop(".type_params", "Load", loc);
    c.addopI(Op.CALL_INTRINSIC_1, INTRINSIC_SUBSCRIPT_GENERIC, loc);
    c.nameop(".generic_base", "Store", loc);
    const base: ast.Name = {
      _kind: "Name", id: ".generic_base", ctx: { _kind: "Load" } as ast.Load,
      lineno: loc.lineno, col_offset: loc.col, end_lineno: loc.endLineno, end_col_offset: loc.endCol,
    } as ast.Name;
    c.callHelper(loc, 2, [...s.bases, base], s.keywords);
    const gco = c.optimizeAndAssemble(false);
    c.exitScope();
    makeClosure(c, loc, gco, 0);
    c.addop(Op.PUSH_NULL, loc);
    c.addopI(Op.CALL, 0, loc);
  } else {
    c.callHelper(loc, 2, s.bases, s.keywords);
  }
  applyDecorators(c, decos);
  c.nameop(s.name, "Store", loc);
}

// --- type parameters ------------------------------------------------------------------

function typeParamBoundOrDefault(c: Codegen, e: ast.expr, name: string, allowStarred: boolean, key: object): void {
  c.enterScope(name, ScopeType.TYPEPARAMS, key, e.lineno);
  if (allowStarred && e._kind === "Starred") {
    c.visitExpr(e.value);
    c.addopI(Op.UNPACK_SEQUENCE, 1, locOf(e));
  } else {
    c.visitExpr(e);
  }
  c.addop(Op.RETURN_VALUE, locOf(e));
  const co = c.optimizeAndAssemble(true);
  c.exitScope();
  makeClosure(c, locOf(e), co, 0);
}

function compileTypeParams(c: Codegen, params: ast.type_param[]): void {
  let seenDefault = false;
  for (const tp of params) {
    const loc = locOf(tp);
    c.addLoadConst(tp.name, loc);
    if (tp._kind === "TypeVar") {
      if (tp.bound) {
        typeParamBoundOrDefault(c, tp.bound, tp.name, false, typeParamScopeKey(tp, "bound"));
        c.addopI(Op.CALL_INTRINSIC_2, tp.bound._kind === "Tuple" ? INTRINSIC_TYPEVAR_WITH_CONSTRAINTS : INTRINSIC_TYPEVAR_WITH_BOUND, loc);
      } else {
        c.addopI(Op.CALL_INTRINSIC_1, INTRINSIC_TYPEVAR, loc);
      }
    } else {
      c.addopI(Op.CALL_INTRINSIC_1, tp._kind === "TypeVarTuple" ? INTRINSIC_TYPEVARTUPLE : INTRINSIC_PARAMSPEC, loc);
    }
    if (tp.default_value) {
      seenDefault = true;
      typeParamBoundOrDefault(c, tp.default_value, tp.name, tp._kind === "TypeVarTuple", typeParamScopeKey(tp, "default"));
      c.addopI(Op.CALL_INTRINSIC_2, INTRINSIC_SET_TYPEPARAM_DEFAULT, loc);
    } else if (seenDefault) {
      throw c.error(`non-default type parameter '${tp.name}' follows default type parameter`, loc);
    }
    c.addopI(Op.COPY, 1, loc);
    c.nameop(tp.name, "Store", loc);
  }
  c.addopI(Op.BUILD_TUPLE, params.length, locOf(params[0]));
}

export function compileTypeAlias(c: Codegen, s: ast.TypeAlias): void {
  const loc = locOf(s);
  const name = (s.name as ast.Name).id;
  const isGeneric = s.type_params.length > 0;
  if (isGeneric) {
    c.enterScope(`<generic parameters of ${name}>`, ScopeType.TYPEPARAMS, s.type_params, loc.lineno);
    c.addLoadConst(name, loc);
    compileTypeParams(c, s.type_params);
  } else {
    c.addLoadConst(name, loc);
    c.addLoadConst(null, loc);
  }
  c.enterScope(name, ScopeType.FUNCTION, s, loc.lineno);
  c.u.addConst(null);
  c.visitExpr(s.value);
  c.addop(Op.RETURN_VALUE, loc);
  const co = c.optimizeAndAssemble(false);
  c.exitScope();
  makeClosure(c, loc, co, 0);
  c.addopI(Op.BUILD_TUPLE, 3, loc);
  c.addopI(Op.CALL_INTRINSIC_1, INTRINSIC_TYPEALIAS, loc);
  if (isGeneric) {
    const gco = c.optimizeAndAssemble(false);
    c.exitScope();
    makeClosure(c, loc, gco, 0);
    c.addop(Op.PUSH_NULL, loc);
    c.addopI(Op.CALL, 0, loc);
  }
  c.nameop(name, "Store", loc);
}

// --- comprehensions -------------------------------------------------------------------

type CompKind = "genexp" | "list" | "set" | "dict";

interface InlinedState {
  pushedLocals: string[] | null;
  tempSymbols: Map<string, number> | null;
  fastHidden: Set<string> | null;
  cleanup: number;
  end: number;
}

function pushInlinedComprehensionState(c: Codegen, loc: Loc, entry: import("../symtable.js").SymbolTableEntry): InlinedState {
  const state: InlinedState = { pushedLocals: null, tempSymbols: null, fastHidden: null, cleanup: NO_LABEL, end: NO_LABEL };
  const ste = c.ste;
  const inClassBlock = ste.type === "class" && !c.u.inInlinedComp;
  c.u.inInlinedComp++;
  for (const [k, symbol] of entry.symbols) {
    const scope = (symbol >> 12) & 0xf;
    const outv = ste.symbols.get(k) ?? 0;
    const outsc = (outv >> 12) & 0xf;
    if ((scope !== outsc && scope !== FREE && !(scope === CELL && outsc === FREE)) || inClassBlock) {
      state.tempSymbols ??= new Map();
      ste.symbols.set(k, symbol);
      state.tempSymbols.set(k, outv);
    }
    if ((symbol & DEF_LOCAL && !(symbol & DEF_NONLOCAL)) || inClassBlock) {
      if (!ste.isFunctionLike()) {
        const orig = c.u.fasthidden.get(k);
        if (orig !== true) {
          c.u.fasthidden.set(k, true);
          state.fastHidden ??= new Set();
          state.fastHidden.add(k);
        }
      }
    }
  }
  // second pass (CPython does both in one loop; the push happens in the same order)
  for (const [k, symbol] of entry.symbols) {
    if ((symbol & DEF_LOCAL && !(symbol & DEF_NONLOCAL)) || inClassBlock) {
      const scope = (symbol >> 12) & 0xf;
      const outv = state.tempSymbols?.get(k) ?? ste.symbols.get(k) ?? 0;
      const outsc = (outv >> 12) & 0xf;
      state.pushedLocals ??= [];
      c.addopName(Op.LOAD_FAST_AND_CLEAR, k, loc, c.u.varnames);
      if (scope === CELL) {
        if (outsc === FREE) c.addopName(Op.MAKE_CELL, k, loc, c.u.freevars);
        else c.addopName(Op.MAKE_CELL, k, loc, c.u.cellvars);
      }
      state.pushedLocals.push(k);
    }
  }
  if (state.pushedLocals) {
    c.addopI(Op.SWAP, state.pushedLocals.length + 1, loc);
    state.cleanup = c.newLabel();
    state.end = c.newLabel();
    c.addopJump(Op.SETUP_FINALLY, state.cleanup, loc);
  }
  return state;
}

function restoreInlinedComprehensionLocals(c: Codegen, loc: Loc, state: InlinedState): void {
  const pushed = state.pushedLocals!;
  c.addopI(Op.SWAP, pushed.length + 1, loc);
  for (let i = pushed.length - 1; i >= 0; i--) c.addopName(Op.STORE_FAST_MAYBE_NULL, pushed[i], loc, c.u.varnames);
}

function popInlinedComprehensionState(c: Codegen, loc: Loc, state: InlinedState): void {
  c.u.inInlinedComp--;
  if (state.tempSymbols) for (const [k, v] of state.tempSymbols) c.ste.symbols.set(k, v);
  if (state.pushedLocals) {
    c.addop(Op.POP_BLOCK, NO_LOCATION);
    c.addopJump(Op.JUMP_NO_INTERRUPT, state.end, NO_LOCATION);
    c.useLabel(state.cleanup);
    c.addopI(Op.SWAP, 2, NO_LOCATION);
    c.addop(Op.POP_TOP, NO_LOCATION);
    restoreInlinedComprehensionLocals(c, loc, state);
    c.addopI(Op.RERAISE, 0, NO_LOCATION);
    c.useLabel(state.end);
    restoreInlinedComprehensionLocals(c, loc, state);
  }
  if (state.fastHidden) for (const k of state.fastHidden) c.u.fasthidden.set(k, false);
}

function comprehensionIter(c: Codegen, comp: ast.comprehension): void {
  c.visitExpr(comp.iter);
  c.addop(comp.is_async ? Op.GET_AITER : Op.GET_ITER, locOf(comp.iter));
}

export function compileComprehension(
  c: Codegen, e: ast.expr, kind: CompKind, name: string, generators: ast.comprehension[], elt: ast.expr,
  val: ast.expr | null,
): void {
  const entry = c.st.lookup(e);
  const isInlined = entry.compInlined;
  const isAsync = entry.coroutine;
  const outerScopeType = c.u.scopeType;
  let loc = locOf(e);
  const outermost = generators[0];
  let state: InlinedState | null = null;
  if (isInlined) {
    comprehensionIter(c, outermost);
    state = pushInlinedComprehensionState(c, loc, entry);
  } else {
    c.enterScope(name, ScopeType.COMPREHENSION, e, e.lineno);
  }
  if (isAsync && kind !== "genexp" && outerScopeType !== ScopeType.ASYNC_FUNCTION &&
    outerScopeType !== ScopeType.COMPREHENSION && !c.isTopLevelAwait()) {
    throw c.error("asynchronous comprehension outside of an asynchronous function", loc);
  }
  if (kind !== "genexp") {
    c.addopI(kind === "list" ? Op.BUILD_LIST : kind === "set" ? Op.BUILD_SET : Op.BUILD_MAP, 0, loc);
    if (isInlined) c.addopI(Op.SWAP, 2, loc);
  }
  comprehensionGenerator(c, loc, generators, 0, 0, elt, val, kind, isInlined);
  if (isInlined) {
    popInlinedComprehensionState(c, loc, state!);
    return;
  }
  if (kind !== "genexp") c.addop(Op.RETURN_VALUE, locOf(e));
  else wrapInStopIterationHandler(c);
  const co = c.optimizeAndAssemble(true);
  c.exitScope();
  loc = locOf(e);
  makeClosure(c, loc, co, 0);
  comprehensionIter(c, outermost);
  c.addopI(Op.CALL, 0, loc);
  if (isAsync && kind !== "genexp") {
    c.addopI(Op.GET_AWAITABLE, 0, loc);
    c.addLoadConst(null, loc);
    c.addYieldFrom(loc, true);
  }
}

function comprehensionGenerator(
  c: Codegen, loc: Loc, generators: ast.comprehension[], genIndex: number, depth: number, elt: ast.expr,
  val: ast.expr | null, kind: CompKind, iterOnStack: boolean,
): void {
  if (generators[genIndex].is_async) asyncComprehensionGenerator(c, loc, generators, genIndex, depth, elt, val, kind, iterOnStack);
  else syncComprehensionGenerator(c, loc, generators, genIndex, depth, elt, val, kind, iterOnStack);
}

function emitElement(c: Codegen, elt: ast.expr, val: ast.expr | null, kind: CompKind, depth: number): Loc {
  let eltLoc = locOf(elt);
  switch (kind) {
    case "genexp":
      c.visitExpr(elt);
      c.addopYield(eltLoc);
      c.addop(Op.POP_TOP, eltLoc);
      break;
    case "list":
      c.visitExpr(elt);
      c.addopI(Op.LIST_APPEND, depth + 1, eltLoc);
      break;
    case "set":
      c.visitExpr(elt);
      c.addopI(Op.SET_ADD, depth + 1, eltLoc);
      break;
    case "dict":
      c.visitExpr(elt);
      c.visitExpr(val!);
      eltLoc = { lineno: elt.lineno, endLineno: val!.end_lineno, col: elt.col_offset, endCol: val!.end_col_offset };
      c.addopI(Op.MAP_ADD, depth + 1, eltLoc);
      break;
  }
  return eltLoc;
}

function syncComprehensionGenerator(
  c: Codegen, loc: Loc, generators: ast.comprehension[], genIndex: number, depth: number, elt: ast.expr,
  val: ast.expr | null, kind: CompKind, iterOnStack: boolean,
): void {
  let start = c.newLabel();
  const ifCleanup = c.newLabel();
  const anchor = c.newLabel();
  const gen = generators[genIndex];
  if (!iterOnStack) {
    if (genIndex === 0) {
      c.u.argcount = 1;
      c.addopI(Op.LOAD_FAST, 0, loc);
    } else {
      let elts: ast.expr[] | null = null;
      if (gen.iter._kind === "List" || gen.iter._kind === "Tuple") elts = gen.iter.elts;
      if (elts !== null && elts.length === 1 && elts[0]._kind !== "Starred") {
        c.visitExpr(elts[0]);
        start = NO_LABEL;
      }
      if (start !== NO_LABEL) {
        c.visitExpr(gen.iter);
        c.addop(Op.GET_ITER, locOf(gen.iter));
      }
    }
  }
  if (start !== NO_LABEL) {
    depth++;
    // CPython 3.13.1+ (gh-125038): the iterator is always re-checked with GET_ITER
    c.addop(Op.GET_ITER, locOf(gen.iter));
    c.useLabel(start);
    c.addopJump(Op.FOR_ITER, anchor, locOf(gen.iter));
  }
  c.visitExpr(gen.target);
  for (const cond of gen.ifs) c.jumpIf(loc, cond, ifCleanup, false);
  let eltLoc = locOf(elt);
  if (++genIndex < generators.length) {
    comprehensionGenerator(c, loc, generators, genIndex, depth, elt, val, kind, false);
  }
  if (genIndex >= generators.length) eltLoc = emitElement(c, elt, val, kind, depth);
  c.useLabel(ifCleanup);
  if (start !== NO_LABEL) {
    c.addopJump(Op.JUMP, start, eltLoc);
    c.useLabel(anchor);
    c.addop(Op.END_FOR, NO_LOCATION);
    c.addop(Op.POP_TOP, NO_LOCATION);
  }
}

function asyncComprehensionGenerator(
  c: Codegen, loc: Loc, generators: ast.comprehension[], genIndex: number, depth: number, elt: ast.expr,
  val: ast.expr | null, kind: CompKind, iterOnStack: boolean,
): void {
  const start = c.newLabel();
  const except = c.newLabel();
  const ifCleanup = c.newLabel();
  const gen = generators[genIndex];
  if (!iterOnStack) {
    if (genIndex === 0) {
      c.u.argcount = 1;
      c.addopI(Op.LOAD_FAST, 0, loc);
    } else {
      c.visitExpr(gen.iter);
      c.addop(Op.GET_AITER, locOf(gen.iter));
    }
  }
  c.useLabel(start);
  c.pushFBlock(loc, FBlock.ASYNC_COMPREHENSION_GENERATOR, start, NO_LABEL, null);
  c.addopJump(Op.SETUP_FINALLY, except, loc);
  c.addop(Op.GET_ANEXT, loc);
  c.addLoadConst(null, loc);
  c.addYieldFrom(loc, true);
  c.addop(Op.POP_BLOCK, loc);
  c.visitExpr(gen.target);
  for (const cond of gen.ifs) c.jumpIf(loc, cond, ifCleanup, false);
  depth++;
  let eltLoc = locOf(elt);
  if (++genIndex < generators.length) {
    comprehensionGenerator(c, loc, generators, genIndex, depth, elt, val, kind, false);
  }
  if (genIndex >= generators.length) eltLoc = emitElement(c, elt, val, kind, depth);
  c.useLabel(ifCleanup);
  c.addopJump(Op.JUMP, start, eltLoc);
  c.popFBlock();
  c.useLabel(except);
  c.addop(Op.END_ASYNC_FOR, loc);
}

export { addToDict };
