// Code generation: AST -> per-scope instruction sequences (with pseudo-ops and labels),
// then flowgraph + assembler -> CodeObject. Mirrors CPython 3.13's Python/compile.c:
// the same instructions in the same order with the same locations, because the
// peephole passes and the location table depend on them.
//
// This file holds the compiler unit (scope) machinery, names and constants, and the
// expression visitor. Statement families live in codegen/*.ts.
import { markSourceFrozenset } from "../bytecode/constOrigin.js";
import type * as ast from "../ast/nodes.generated.js";
import { CompileError, type CompileWarningSink } from "../ast/compileError.js";
import { CodeObject } from "../bytecode/code.js";
import { Op } from "../bytecode/opcodes.generated.js";
import { PySetValue, PyTupleValue, type MarshalValue } from "../bytecode/values.js";
import {
  SymbolTable, SymbolTableEntry, mangle, maybeMangle, CELL, FREE, LOCAL, GLOBAL_EXPLICIT, GLOBAL_IMPLICIT,
  DEF_IMPORT, SCOPE_OFFSET, SCOPE_MASK, DEF_COMP_CELL, DEF_FREE_CLASS,
} from "./symtable.js";
import { Cfg, InstrSequence, NO_LOCATION, optimizeCodeUnit, hasTarget as hasTargetOp, type Loc } from "./flowgraph.js";
import { ConstCache, constKey, setKey } from "./constants.js";
import { assemble, type UnitMetadata } from "./assembler.js";
import { visitStmt, compileBody, findAnn } from "./codegen/statements.js";
import { compileComprehension, compileLambda } from "./codegen/functions.js";
import { callerWarning, compareWarning, indexWarning, subscripterWarning } from "./syntaxWarnings.js";

export const enum ScopeType {
  MODULE, CLASS, FUNCTION, ASYNC_FUNCTION, LAMBDA, COMPREHENSION, TYPEPARAMS,
}

export const enum FBlock {
  WHILE_LOOP, FOR_LOOP, TRY_EXCEPT, FINALLY_TRY, FINALLY_END, WITH, ASYNC_WITH, HANDLER_CLEANUP,
  POP_VALUE, EXCEPTION_HANDLER, EXCEPTION_GROUP_HANDLER, ASYNC_COMPREHENSION_GENERATOR, STOP_ITERATION,
}

export interface FBlockInfo {
  type: FBlock;
  block: number;
  loc: Loc;
  exit: number;
  datum: ast.stmt[] | string | ast.stmt | null;
}

export const NO_LABEL = -1;
/** Static block nesting limit (CPython 3.13's CO_MAXBLOCKS). */
export const CO_MAXBLOCKS = 21;

export interface SequenceTrace {
  name: string;
  instrs: number[][];
  children: SequenceTrace[];
}
export const STACK_USE_GUIDELINE = 30;

export const MAKE_FUNCTION_DEFAULTS = 1;
export const MAKE_FUNCTION_KWDEFAULTS = 2;
export const MAKE_FUNCTION_ANNOTATIONS = 4;
export const MAKE_FUNCTION_CLOSURE = 8;

export const INTRINSIC_PRINT = 1;
export const INTRINSIC_IMPORT_STAR = 2;
export const INTRINSIC_STOPITERATION_ERROR = 3;
export const INTRINSIC_ASYNC_GEN_WRAP = 4;
export const INTRINSIC_UNARY_POSITIVE = 5;
export const INTRINSIC_LIST_TO_TUPLE = 6;
export const INTRINSIC_TYPEVAR = 7;
export const INTRINSIC_PARAMSPEC = 8;
export const INTRINSIC_TYPEVARTUPLE = 9;
export const INTRINSIC_SUBSCRIPT_GENERIC = 10;
export const INTRINSIC_TYPEALIAS = 11;
export const INTRINSIC_PREP_RERAISE_STAR = 1;
export const INTRINSIC_TYPEVAR_WITH_BOUND = 2;
export const INTRINSIC_TYPEVAR_WITH_CONSTRAINTS = 3;
export const INTRINSIC_SET_FUNCTION_TYPE_PARAMS = 4;
export const INTRINSIC_SET_TYPEPARAM_DEFAULT = 5;

export const CO_FUTURE_ANNOTATIONS = 0x1000000;

type Positioned = { lineno: number; col_offset: number; end_lineno: number; end_col_offset: number };

export function locOf(n: Positioned): Loc {
  return { lineno: n.lineno, endLineno: n.end_lineno, col: n.col_offset, endCol: n.end_col_offset };
}

/** One scope being compiled (CPython's struct compiler_unit). */
export class CompilerUnit {
  readonly seq = new InstrSequence();
  readonly consts: MarshalValue[] = [];
  private readonly constIndex = new Map<string, number>();
  private readonly strIndex = new Map<string, number>();
  readonly names = new Map<string, number>();
  readonly varnames = new Map<string, number>();
  readonly cellvars = new Map<string, number>();
  readonly freevars = new Map<string, number>();
  /** name -> true while a comprehension uses it as a fast local in a non-function scope */
  readonly fasthidden = new Map<string, boolean>();
  readonly fblocks: FBlockInfo[] = [];
  readonly staticAttributes: Set<string> | null;
  argcount = 0;
  posonlyargcount = 0;
  kwonlyargcount = 0;
  qualname = "";
  privateName: string | null = null;
  inInlinedComp = 0;

  constructor(
    readonly ste: SymbolTableEntry,
    readonly name: string,
    readonly scopeType: ScopeType,
    readonly firstlineno: number,
  ) {
    for (const v of ste.varnames) addToDict(this.varnames, v);
    const cells: string[] = [];
    const frees: string[] = [];
    for (const [name, flags] of ste.symbols) {
      const scope = (flags >> SCOPE_OFFSET) & SCOPE_MASK;
      if (scope === CELL || flags & DEF_COMP_CELL) cells.push(name);
      if (scope === FREE || flags & DEF_FREE_CLASS) frees.push(name);
    }
    cells.sort(codepointCompare);
    frees.sort(codepointCompare);
    for (const n of cells) addToDict(this.cellvars, n);
    if (ste.needsClassClosure) addToDict(this.cellvars, "__class__");
    if (ste.needsClassdict) addToDict(this.cellvars, "__classdict__");
    const ncells = this.cellvars.size;
    for (let i = 0; i < frees.length; i++) this.freevars.set(frees[i], ncells + i);
    this.staticAttributes = scopeType === ScopeType.CLASS ? new Set() : null;
  }

  addConst(v: MarshalValue): number {
    // strings (names, docstrings) are the common case: keyed by themselves, no key string built
    if (typeof v === "string") {
      const found = this.strIndex.get(v);
      if (found !== undefined) return found;
      const i = this.consts.length;
      this.consts.push(v);
      this.strIndex.set(v, i);
      return i;
    }
    const key = constKey(v);
    const found = this.constIndex.get(key);
    if (found !== undefined) return found;
    const i = this.consts.length;
    this.consts.push(v);
    this.constIndex.set(key, i);
    return i;
  }
}

export function codepointCompare(a: string, b: string): number {
  // Python sorts str by code point; JS < compares UTF-16 units (same for the BMP).
  return a < b ? -1 : a > b ? 1 : 0;
}

export function addToDict(d: Map<string, number>, name: string): number {
  let i = d.get(name);
  if (i === undefined) {
    i = d.size;
    d.set(name, i);
  }
  return i;
}

export class Codegen {
  u!: CompilerUnit;
  readonly stack: CompilerUnit[] = [];
  readonly constCache = new ConstCache();
  nestLevel = 0;
  interactive = false;
  /** compile(optimize=N): 1 drops asserts (and __debug__ is False), 2 also drops docstrings. */
  optimizeLevel = 0;
  /** End of the module's `from __future__` prologue; later future imports are errors. */
  futureEnd = { endLineno: -1, endCol: -1 };
  readonly sourceLines: string[];

  constructor(
    readonly st: SymbolTable,
    readonly filename: string,
    readonly futureFlags: number,
    source: string,
  ) {
    this.sourceLines = source.split(/\r\n|\r|\n/);
  }

  /** Debugging aid (tools/codegen-diff.mjs): keep each unit's raw instruction sequence. */
  traceSequences = false;
  readonly traced: SequenceTrace[] = [];
  private readonly tracedChildren = new Map<CompilerUnit, SequenceTrace[]>();

  private recordSequence(u: CompilerUnit): void {
    const seq = u.seq;
    const instrs = seq.instrs.map((i) => [
      i.opcode, hasTargetOp(i.opcode) ? seq.labelMap[i.oparg] : i.oparg, i.loc.lineno, i.loc.endLineno, i.loc.col, i.loc.endCol,
    ]);
    const rec: SequenceTrace = { name: u.qualname, instrs, children: this.tracedChildren.get(u) ?? [] };
    const parent = this.stack[this.stack.length - 1];
    if (parent) {
      if (!this.tracedChildren.has(parent)) this.tracedChildren.set(parent, []);
      this.tracedChildren.get(parent)!.push(rec);
    } else {
      this.traced.push(rec);
    }
  }

  get ste(): SymbolTableEntry {
    return this.u.ste;
  }

  // --- errors ------------------------------------------------------------------------

  /**
   * A compile-time SyntaxError as CPython's compiler raises it: offsets are the UTF-8 byte
   * columns + 1 (not converted to characters), and the text is the source line only when
   * the file name is a real file (CPython re-reads it from disk; "<string>" gives None).
   */
  error(message: string, loc: Loc): CompileError {
    return new CompileError("SyntaxError", message, this.filename, loc.lineno, loc.col + 1, loc.endLineno, loc.endCol + 1,
      programText(this.filename, this.sourceLines, loc.lineno), true, true);
  }

  /** Receives the compiler's SyntaxWarnings (see compile.ts); null: they are not reported. */
  onWarning: CompileWarningSink | null = null;

  // CPython: compiler_warn — a SyntaxWarning at `loc`; as an error, a SyntaxError there.
  warn(message: string | null, loc: Loc): void {
    if (message === null || this.onWarning === null) return;
    this.onWarning({ category: "SyntaxWarning", message, lineno: loc.lineno, error: this.error(message, loc) });
  }

  // --- scopes ------------------------------------------------------------------------

  enterScope(name: string, scopeType: ScopeType, key: object, lineno: number): void {
    const ste = this.st.lookup(key);
    const u = new CompilerUnit(ste, name, scopeType, lineno);
    if (this.u) {
      this.stack.push(this.u);
      u.privateName = this.u.privateName;
    }
    this.u = u;
    this.nestLevel++;
    let loc: Loc = { lineno, endLineno: lineno, col: 0, endCol: 0 };
    if (scopeType === ScopeType.MODULE) {
      u.qualname = name;
      loc = { lineno: 0, endLineno: lineno, col: 0, endCol: 0 };
    } else {
      this.setQualname();
    }
    this.addopI(Op.RESUME, 0, loc);
  }

  exitScope(): void {
    this.nestLevel--;
    const parent = this.stack.pop();
    if (parent) this.u = parent;
  }

  private setQualname(): void {
    const u = this.u;
    const stackSize = this.stack.length;
    let base: string | null = null;
    if (stackSize > 1) {
      let parent = this.stack[this.stack.length - 1];
      let forceGlobal = false;
      if (parent.scopeType === ScopeType.TYPEPARAMS) {
        if (stackSize === 2) {
          u.qualname = u.name;
          return;
        }
        parent = this.stack[this.stack.length - 2];
      }
      if (u.scopeType === ScopeType.FUNCTION || u.scopeType === ScopeType.ASYNC_FUNCTION || u.scopeType === ScopeType.CLASS) {
        const mangled = mangle(parent.privateName, u.name);
        const scope = parent.ste.scope(mangled);
        if (scope === GLOBAL_EXPLICIT) forceGlobal = true;
      }
      if (!forceGlobal) {
        if (parent.scopeType === ScopeType.FUNCTION || parent.scopeType === ScopeType.ASYNC_FUNCTION ||
          parent.scopeType === ScopeType.LAMBDA) {
          base = parent.qualname + ".<locals>";
        } else {
          base = parent.qualname;
        }
      }
    }
    u.qualname = base !== null ? base + "." + u.name : u.name;
  }

  /** compile(flags=PyCF_ALLOW_TOP_LEVEL_AWAIT): await, async for/with allowed at module level. */
  allowTopLevelAwait = false;

  isTopLevelAwait(): boolean {
    return this.allowTopLevelAwait && this.u.ste.type === "module";
  }

  codeFlags(): number {
    const ste = this.ste;
    let flags = 0;
    if (ste.isFunctionLike()) {
      flags |= 0x1 | 0x2;
      if (ste.nested) flags |= 0x10;
      if (ste.generator && !ste.coroutine) flags |= 0x20;
      if (ste.generator && ste.coroutine) flags |= 0x200;
      if (ste.varargs) flags |= 0x4;
      if (ste.varkeywords) flags |= 0x8;
    }
    if (ste.coroutine && !ste.generator) flags |= 0x80;
    flags |= this.futureFlags;
    return flags;
  }

  /** optimize_and_assemble: finish the current unit and make its code object. */
  optimizeAndAssemble(addNone: boolean): CodeObject {
    const u = this.u;
    const flags = this.codeFlags();
    if (addNone) this.addLoadConst(null, NO_LOCATION);
    this.addop(Op.RETURN_VALUE, NO_LOCATION);
    if (this.traceSequences) this.recordSequence(u);
    const consts = u.consts.slice();
    const g = Cfg.fromSequence(u.seq);
    optimizeCodeUnit(g, consts, this.constCache, u.varnames.size, u.ste.varnames.length);
    const umd: UnitMetadata = {
      name: u.name,
      qualname: u.qualname,
      consts,
      names: u.names,
      varnames: u.varnames,
      cellvars: u.cellvars,
      freevars: u.freevars,
      fasthidden: new Set(u.fasthidden.keys()),
      argcount: u.argcount,
      posonlyargcount: u.posonlyargcount,
      kwonlyargcount: u.kwonlyargcount,
      firstlineno: u.firstlineno,
    };
    return assemble(g, umd, flags, this.filename);
  }

  // --- emitting ----------------------------------------------------------------------

  addop(op: number, loc: Loc): void {
    this.u.seq.addop(op, 0, loc);
  }

  addopI(op: number, arg: number, loc: Loc): void {
    this.u.seq.addop(op, arg, loc);
  }

  addopJump(op: number, label: number, loc: Loc): void {
    this.u.seq.addop(op, label, loc);
  }

  newLabel(): number {
    return this.u.seq.newLabel();
  }

  useLabel(label: number): void {
    this.u.seq.useLabel(label);
  }

  addLoadConst(v: MarshalValue, loc: Loc): void {
    this.addopI(Op.LOAD_CONST, this.u.addConst(v), loc);
  }

  /** compiler_addop_name: mangled name into co_names (or another dict), with oparg tweaks. */
  addopName(op: number, name: string, loc: Loc, dict: Map<string, number> = this.u.names): void {
    const mangled = maybeMangle(this.u.privateName, this.u.ste, name);
    let arg = addToDict(dict, mangled);
    if (op === Op.LOAD_ATTR) arg <<= 1;
    else if (op === Op.LOAD_METHOD) {
      op = Op.LOAD_ATTR;
      arg = (arg << 1) | 1;
    } else if (op === Op.LOAD_SUPER_ATTR) {
      arg = (arg << 2) | 2;
    } else if (op === Op.LOAD_SUPER_METHOD) {
      op = Op.LOAD_SUPER_ATTR;
      arg = (arg << 2) | 3;
    } else if (op === Op.LOAD_ZERO_SUPER_ATTR) {
      op = Op.LOAD_SUPER_ATTR;
      arg <<= 2;
    } else if (op === Op.LOAD_ZERO_SUPER_METHOD) {
      op = Op.LOAD_SUPER_ATTR;
      arg = (arg << 2) | 1;
    }
    this.addopI(op, arg, loc);
  }

  /** ADDOP_N / compiler_addop_o: unmangled name into a dict. */
  addopO(op: number, name: string, loc: Loc, dict: Map<string, number>): void {
    this.addopI(op, addToDict(dict, name), loc);
  }

  // --- frame blocks ------------------------------------------------------------------

  pushFBlock(loc: Loc, type: FBlock, block: number, exit: number, datum: FBlockInfo["datum"]): void {
    if (this.u.fblocks.length >= CO_MAXBLOCKS) throw this.error("too many statically nested blocks", loc);
    this.u.fblocks.push({ type, block, loc, exit, datum });
  }

  popFBlock(): void {
    this.u.fblocks.pop();
  }

  // --- names -------------------------------------------------------------------------

  maybeMangle(name: string): string {
    return maybeMangle(this.u.privateName, this.u.ste, name);
  }

  nameop(name: string, ctx: "Load" | "Store" | "Del", loc: Loc): void {
    this.checkForbiddenName(name, ctx, loc);
    const u = this.u;
    const mangled = this.maybeMangle(name);
    const scope = u.ste.scope(mangled);
    let optype: "fast" | "global" | "deref" | "name" = "name";
    let dict = u.names;
    switch (scope) {
      case FREE:
        dict = u.freevars;
        optype = "deref";
        break;
      case CELL:
        dict = u.cellvars;
        optype = "deref";
        break;
      case LOCAL:
        if (u.ste.isFunctionLike() || u.fasthidden.get(mangled) === true) optype = "fast";
        break;
      case GLOBAL_IMPLICIT:
        if (u.ste.isFunctionLike()) optype = "global";
        break;
      case GLOBAL_EXPLICIT:
        optype = "global";
        break;
    }
    let op = 0;
    switch (optype) {
      case "deref":
        if (ctx === "Load") {
          if (u.ste.type === "class" && !u.inInlinedComp) {
            op = Op.LOAD_FROM_DICT_OR_DEREF;
            this.addop(Op.LOAD_LOCALS, loc);
          } else if (u.ste.canSeeClassScope) {
            op = Op.LOAD_FROM_DICT_OR_DEREF;
            this.addopO(Op.LOAD_DEREF, "__classdict__", loc, u.freevars);
          } else {
            op = Op.LOAD_DEREF;
          }
        } else {
          op = ctx === "Store" ? Op.STORE_DEREF : Op.DELETE_DEREF;
        }
        break;
      case "fast":
        op = ctx === "Load" ? Op.LOAD_FAST : ctx === "Store" ? Op.STORE_FAST : Op.DELETE_FAST;
        this.addopI(op, addToDict(u.varnames, mangled), loc);
        return;
      case "global":
        if (ctx === "Load") {
          if (u.ste.canSeeClassScope && scope === GLOBAL_IMPLICIT) {
            op = Op.LOAD_FROM_DICT_OR_GLOBALS;
            this.addopO(Op.LOAD_DEREF, "__classdict__", loc, u.freevars);
          } else {
            op = Op.LOAD_GLOBAL;
          }
        } else {
          op = ctx === "Store" ? Op.STORE_GLOBAL : Op.DELETE_GLOBAL;
        }
        break;
      case "name":
        if (ctx === "Load") op = u.ste.type === "class" && u.inInlinedComp ? Op.LOAD_GLOBAL : Op.LOAD_NAME;
        else op = ctx === "Store" ? Op.STORE_NAME : Op.DELETE_NAME;
        break;
    }
    let arg = addToDict(dict, mangled);
    if (op === Op.LOAD_GLOBAL) arg <<= 1;
    this.addopI(op, arg, loc);
  }

  checkForbiddenName(name: string, ctx: "Load" | "Store" | "Del", loc: Loc): void {
    if (ctx === "Store" && name === "__debug__") throw this.error("cannot assign to __debug__", loc);
    if (ctx === "Del" && name === "__debug__") throw this.error("cannot delete __debug__", loc);
  }

  // --- expressions -------------------------------------------------------------------

  visitExprs(es: ast.expr[]): void {
    for (const e of es) this.visitExpr(e);
  }

  visitExpr(e: ast.expr): void {
    const loc = locOf(e);
    switch (e._kind) {
      case "NamedExpr":
        this.visitExpr(e.value);
        this.addopI(Op.COPY, 1, loc);
        this.visitExpr(e.target);
        break;
      case "BoolOp":
        this.boolop(e);
        break;
      case "BinOp": {
        // left-deep chains (a + b + c + ...) iteratively, so long ones do not exhaust the JS stack
        const chain: ast.BinOp[] = [e];
        let left = e.left;
        while (left._kind === "BinOp") {
          chain.push(left);
          left = left.left;
        }
        this.visitExpr(left);
        for (let i = chain.length - 1; i >= 0; i--) {
          const b = chain[i];
          this.visitExpr(b.right);
          this.addopI(Op.BINARY_OP, binaryOparg(b.op._kind, false), locOf(b));
        }
        break;
      }
      case "UnaryOp":
        this.visitExpr(e.operand);
        switch (e.op._kind) {
          case "UAdd":
            this.addopI(Op.CALL_INTRINSIC_1, INTRINSIC_UNARY_POSITIVE, loc);
            break;
          case "Not":
            this.addop(Op.TO_BOOL, loc);
            this.addop(Op.UNARY_NOT, loc);
            break;
          case "Invert":
            this.addop(Op.UNARY_INVERT, loc);
            break;
          case "USub":
            this.addop(Op.UNARY_NEGATIVE, loc);
            break;
        }
        break;
      case "Lambda":
        compileLambda(this, e);
        break;
      case "IfExp": {
        const end = this.newLabel();
        const next = this.newLabel();
        this.jumpIf(loc, e.test, next, false);
        this.visitExpr(e.body);
        this.addopJump(Op.JUMP_NO_INTERRUPT, end, NO_LOCATION);
        this.useLabel(next);
        this.visitExpr(e.orelse);
        this.useLabel(end);
        break;
      }
      case "Dict":
        this.dict(e);
        break;
      case "Set":
        this.starunpackHelper(loc, e.elts, 0, Op.BUILD_SET, Op.SET_ADD, Op.SET_UPDATE, false);
        break;
      case "GeneratorExp":
        compileComprehension(this, e, "genexp", "<genexpr>", e.generators, e.elt, null);
        break;
      case "ListComp":
        compileComprehension(this, e, "list", "<listcomp>", e.generators, e.elt, null);
        break;
      case "SetComp":
        compileComprehension(this, e, "set", "<setcomp>", e.generators, e.elt, null);
        break;
      case "DictComp":
        compileComprehension(this, e, "dict", "<dictcomp>", e.generators, e.key, e.value);
        break;
      case "Yield":
        if (!this.ste.isFunctionLike()) throw this.error("'yield' outside function", loc);
        if (e.value) this.visitExpr(e.value);
        else this.addLoadConst(null, loc);
        this.addopYield(loc);
        break;
      case "YieldFrom":
        if (!this.ste.isFunctionLike()) throw this.error("'yield from' outside function", loc);
        if (this.u.scopeType === ScopeType.ASYNC_FUNCTION) throw this.error("'yield from' inside async function", loc);
        this.visitExpr(e.value);
        this.addop(Op.GET_YIELD_FROM_ITER, loc);
        this.addLoadConst(null, loc);
        this.addYieldFrom(loc, false);
        break;
      case "Await":
        if (!this.isTopLevelAwait()) {
          if (!this.ste.isFunctionLike()) throw this.error("'await' outside function", loc);
          if (this.u.scopeType !== ScopeType.ASYNC_FUNCTION && this.u.scopeType !== ScopeType.COMPREHENSION) {
            throw this.error("'await' outside async function", loc);
          }
        }
        this.visitExpr(e.value);
        this.addopI(Op.GET_AWAITABLE, 0, loc);
        this.addLoadConst(null, loc);
        this.addYieldFrom(loc, true);
        break;
      case "Compare":
        this.compare(e);
        break;
      case "Call":
        this.call(e);
        break;
      case "Constant":
        this.addLoadConst(e.value, loc);
        break;
      case "JoinedStr":
        this.joinedStr(e);
        break;
      case "FormattedValue":
        this.formattedValue(e);
        break;
      case "Attribute":
        this.attribute(e);
        break;
      case "Subscript":
        this.subscript(e);
        break;
      case "Starred":
        if (e.ctx._kind === "Store") throw this.error("starred assignment target must be in a list or tuple", loc);
        throw this.error("can't use starred expression here", loc);
      case "Slice": {
        const n = this.slice(e);
        this.addopI(Op.BUILD_SLICE, n, loc);
        break;
      }
      case "Name":
        this.nameop(e.id, e.ctx._kind, loc);
        break;
      case "List":
        if (e.ctx._kind === "Store") this.assignmentHelper(loc, e.elts);
        else if (e.ctx._kind === "Load") this.starunpackHelper(loc, e.elts, 0, Op.BUILD_LIST, Op.LIST_APPEND, Op.LIST_EXTEND, false);
        else this.visitExprs(e.elts);
        break;
      case "Tuple":
        if (e.ctx._kind === "Store") this.assignmentHelper(loc, e.elts);
        else if (e.ctx._kind === "Load") this.starunpackHelper(loc, e.elts, 0, Op.BUILD_LIST, Op.LIST_APPEND, Op.LIST_EXTEND, true);
        else this.visitExprs(e.elts);
        break;
    }
  }

  addopYield(loc: Loc): void {
    if (this.ste.generator && this.ste.coroutine) this.addopI(Op.CALL_INTRINSIC_1, INTRINSIC_ASYNC_GEN_WRAP, loc);
    this.addopI(Op.YIELD_VALUE, 0, loc);
    this.addopI(Op.RESUME, 1, loc);
  }

  addYieldFrom(loc: Loc, isAwait: boolean): void {
    const send = this.newLabel();
    const fail = this.newLabel();
    const exit = this.newLabel();
    this.useLabel(send);
    this.addopJump(Op.SEND, exit, loc);
    this.addopJump(Op.SETUP_FINALLY, fail, loc);
    this.addopI(Op.YIELD_VALUE, 1, loc);
    this.addop(Op.POP_BLOCK, NO_LOCATION);
    this.addopI(Op.RESUME, isAwait ? 3 : 2, loc);
    this.addopJump(Op.JUMP_NO_INTERRUPT, send, loc);
    this.useLabel(fail);
    this.addop(Op.CLEANUP_THROW, loc);
    this.useLabel(exit);
    this.addop(Op.END_SEND, loc);
  }

  private boolop(e: ast.BoolOp): void {
    const loc = locOf(e);
    const jumpi = e.op._kind === "And" ? Op.POP_JUMP_IF_FALSE : Op.POP_JUMP_IF_TRUE;
    const end = this.newLabel();
    const n = e.values.length - 1;
    for (let i = 0; i < n; i++) {
      this.visitExpr(e.values[i]);
      this.addopI(Op.COPY, 1, loc);
      this.addop(Op.TO_BOOL, loc);
      this.addopJump(jumpi, end, loc);
      this.addop(Op.POP_TOP, loc);
    }
    this.visitExpr(e.values[n]);
    this.useLabel(end);
  }

  addCompare(op: ast.cmpop, loc: Loc): void {
    let cmp: number;
    switch (op._kind) {
      case "Is": this.addopI(Op.IS_OP, 0, loc); return;
      case "IsNot": this.addopI(Op.IS_OP, 1, loc); return;
      case "In": this.addopI(Op.CONTAINS_OP, 0, loc); return;
      case "NotIn": this.addopI(Op.CONTAINS_OP, 1, loc); return;
      case "Lt": cmp = 0; break;
      case "LtE": cmp = 1; break;
      case "Eq": cmp = 2; break;
      case "NotEq": cmp = 3; break;
      case "Gt": cmp = 4; break;
      default: cmp = 5; break;
    }
    const masks = [2, 10, 8, 7, 4, 12];
    this.addopI(Op.COMPARE_OP, (cmp << 5) | masks[cmp], loc);
  }

  private compare(e: ast.Compare): void {
    const loc = locOf(e);
    this.warn(compareWarning(e), loc);
    this.visitExpr(e.left);
    const n = e.ops.length - 1;
    if (n === 0) {
      this.visitExpr(e.comparators[0]);
      this.addCompare(e.ops[0], loc);
      return;
    }
    const cleanup = this.newLabel();
    for (let i = 0; i < n; i++) {
      this.visitExpr(e.comparators[i]);
      this.addopI(Op.SWAP, 2, loc);
      this.addopI(Op.COPY, 2, loc);
      this.addCompare(e.ops[i], loc);
      this.addopI(Op.COPY, 1, loc);
      this.addop(Op.TO_BOOL, loc);
      this.addopJump(Op.POP_JUMP_IF_FALSE, cleanup, loc);
      this.addop(Op.POP_TOP, loc);
    }
    this.visitExpr(e.comparators[n]);
    this.addCompare(e.ops[n], loc);
    const end = this.newLabel();
    this.addopJump(Op.JUMP_NO_INTERRUPT, end, NO_LOCATION);
    this.useLabel(cleanup);
    this.addopI(Op.SWAP, 2, loc);
    this.addop(Op.POP_TOP, loc);
    this.useLabel(end);
  }

  /** compiler_jump_if: jump to `next` if the truth of `e` equals `cond`. */
  jumpIf(loc: Loc, e: ast.expr, next: number, cond: boolean): void {
    switch (e._kind) {
      case "UnaryOp":
        if (e.op._kind === "Not") {
          this.jumpIf(loc, e.operand, next, !cond);
          return;
        }
        break;
      case "BoolOp": {
        const s = e.values;
        const n = s.length - 1;
        const cond2 = e.op._kind === "Or";
        let next2 = next;
        if (cond2 !== cond) next2 = this.newLabel();
        for (let i = 0; i < n; i++) this.jumpIf(loc, s[i], next2, cond2);
        this.jumpIf(loc, s[n], next, cond);
        if (next2 !== next) this.useLabel(next2);
        return;
      }
      case "IfExp": {
        const end = this.newLabel();
        const next2 = this.newLabel();
        this.jumpIf(loc, e.test, next2, false);
        this.jumpIf(loc, e.body, next, cond);
        this.addopJump(Op.JUMP_NO_INTERRUPT, end, NO_LOCATION);
        this.useLabel(next2);
        this.jumpIf(loc, e.orelse, next, cond);
        this.useLabel(end);
        return;
      }
      case "Compare": {
        const n = e.ops.length - 1;
        if (n > 0) {
          const el = locOf(e);
          this.warn(compareWarning(e), el);
          const cleanup = this.newLabel();
          this.visitExpr(e.left);
          for (let i = 0; i < n; i++) {
            this.visitExpr(e.comparators[i]);
            this.addopI(Op.SWAP, 2, el);
            this.addopI(Op.COPY, 2, el);
            this.addCompare(e.ops[i], el);
            this.addop(Op.TO_BOOL, el);
            this.addopJump(Op.POP_JUMP_IF_FALSE, cleanup, el);
          }
          this.visitExpr(e.comparators[n]);
          this.addCompare(e.ops[n], el);
          this.addop(Op.TO_BOOL, el);
          this.addopJump(cond ? Op.POP_JUMP_IF_TRUE : Op.POP_JUMP_IF_FALSE, next, el);
          const end = this.newLabel();
          this.addopJump(Op.JUMP_NO_INTERRUPT, end, NO_LOCATION);
          this.useLabel(cleanup);
          this.addop(Op.POP_TOP, el);
          if (!cond) this.addopJump(Op.JUMP_NO_INTERRUPT, next, NO_LOCATION);
          this.useLabel(end);
          return;
        }
        break;
      }
    }
    this.visitExpr(e);
    const el = locOf(e);
    this.addop(Op.TO_BOOL, el);
    this.addopJump(cond ? Op.POP_JUMP_IF_TRUE : Op.POP_JUMP_IF_FALSE, next, el);
  }

  private dict(e: ast.Dict): void {
    const loc = locOf(e);
    const n = e.values.length;
    let haveDict = false;
    let elements = 0;
    for (let i = 0; i < n; i++) {
      const isUnpacking = e.keys[i] === null;
      if (isUnpacking) {
        if (elements) {
          this.subdict(e, i - elements, i);
          if (haveDict) this.addopI(Op.DICT_UPDATE, 1, loc);
          haveDict = true;
          elements = 0;
        }
        if (!haveDict) {
          this.addopI(Op.BUILD_MAP, 0, loc);
          haveDict = true;
        }
        this.visitExpr(e.values[i]);
        this.addopI(Op.DICT_UPDATE, 1, loc);
      } else {
        if (elements * 2 > STACK_USE_GUIDELINE) {
          this.subdict(e, i - elements, i + 1);
          if (haveDict) this.addopI(Op.DICT_UPDATE, 1, loc);
          haveDict = true;
          elements = 0;
        } else {
          elements++;
        }
      }
    }
    if (elements) {
      this.subdict(e, n - elements, n);
      if (haveDict) this.addopI(Op.DICT_UPDATE, 1, loc);
      haveDict = true;
    }
    if (!haveDict) this.addopI(Op.BUILD_MAP, 0, loc);
  }

  private subdict(e: ast.Dict, begin: number, end: number): void {
    const n = end - begin;
    const big = n * 2 > STACK_USE_GUIDELINE;
    const loc = locOf(e);
    if (n > 1 && !big && allConst(e.keys as ast.expr[], begin, end)) {
      for (let i = begin; i < end; i++) this.visitExpr(e.values[i]);
      const keys: MarshalValue[] = [];
      for (let i = begin; i < end; i++) keys.push((e.keys[i] as ast.Constant).value);
      this.addLoadConst(new PyTupleValue(keys), loc);
      this.addopI(Op.BUILD_CONST_KEY_MAP, n, loc);
      return;
    }
    if (big) this.addopI(Op.BUILD_MAP, 0, loc);
    for (let i = begin; i < end; i++) {
      this.visitExpr(e.keys[i]!);
      this.visitExpr(e.values[i]);
      if (big) this.addopI(Op.MAP_ADD, 1, loc);
    }
    if (!big) this.addopI(Op.BUILD_MAP, n, loc);
  }

  starunpackHelper(loc: Loc, elts: ast.expr[], pushed: number, build: number, add: number, extend: number, tuple: boolean): void {
    const n = elts.length;
    if (n > 2 && allConst(elts, 0, n)) {
      const values = elts.map((x) => (x as ast.Constant).value);
      if (tuple && !pushed) {
        this.addLoadConst(new PyTupleValue(values), loc);
      } else {
        let folded: MarshalValue = new PyTupleValue(values);
        if (add === Op.SET_ADD) folded = makeFrozenset(values);
        this.addopI(build, pushed, loc);
        this.addLoadConst(folded, loc);
        this.addopI(extend, 1, loc);
        if (tuple) this.addopI(Op.CALL_INTRINSIC_1, INTRINSIC_LIST_TO_TUPLE, loc);
      }
      return;
    }
    const big = n + pushed > STACK_USE_GUIDELINE;
    const seenStar = elts.some((x) => x._kind === "Starred");
    if (!seenStar && !big) {
      for (const x of elts) this.visitExpr(x);
      this.addopI(tuple ? Op.BUILD_TUPLE : build, n + pushed, loc);
      return;
    }
    let built = false;
    if (big) {
      this.addopI(build, pushed, loc);
      built = true;
    }
    for (let i = 0; i < n; i++) {
      const x = elts[i];
      if (x._kind === "Starred") {
        if (!built) {
          this.addopI(build, i + pushed, loc);
          built = true;
        }
        this.visitExpr(x.value);
        this.addopI(extend, 1, loc);
      } else {
        this.visitExpr(x);
        if (built) this.addopI(add, 1, loc);
      }
    }
    if (tuple) this.addopI(Op.CALL_INTRINSIC_1, INTRINSIC_LIST_TO_TUPLE, loc);
  }

  unpackHelper(loc: Loc, elts: ast.expr[]): void {
    const n = elts.length;
    let seenStar = false;
    for (let i = 0; i < n; i++) {
      const x = elts[i];
      if (x._kind === "Starred" && !seenStar) {
        if (i >= 1 << 8 || n - i - 1 >= 0x7fffffff >> 8) throw this.error("too many expressions in star-unpacking assignment", loc);
        this.addopI(Op.UNPACK_EX, i + ((n - i - 1) << 8), loc);
        seenStar = true;
      } else if (x._kind === "Starred") {
        throw this.error("multiple starred expressions in assignment", loc);
      }
    }
    if (!seenStar) this.addopI(Op.UNPACK_SEQUENCE, n, loc);
  }

  assignmentHelper(loc: Loc, elts: ast.expr[]): void {
    this.unpackHelper(loc, elts);
    for (const x of elts) this.visitExpr(x._kind === "Starred" ? x.value : x);
  }

  // --- calls -------------------------------------------------------------------------

  private call(e: ast.Call): void {
    this.validateKeywords(e.keywords);
    if (this.maybeOptimizeMethodCall(e)) return;
    this.warn(callerWarning(e.func), locOf(e.func));
    this.visitExpr(e.func);
    this.addop(Op.PUSH_NULL, locOf(e.func));
    this.callHelper(locOf(e), 0, e.args, e.keywords);
  }

  validateKeywords(keywords: ast.keyword[]): void {
    for (let i = 0; i < keywords.length; i++) {
      const k = keywords[i];
      if (k.arg === null) continue;
      this.checkForbiddenName(k.arg, "Store", locOf(k));
      for (let j = i + 1; j < keywords.length; j++) {
        if (keywords[j].arg === k.arg) throw this.error(`keyword argument repeated: ${k.arg}`, locOf(keywords[j]));
      }
    }
  }

  private isImportOriginated(e: ast.expr): boolean {
    if (e._kind !== "Name") return false;
    return (this.st.top.flags(e.id) & DEF_IMPORT) !== 0;
  }

  canOptimizeSuperCall(attr: ast.Attribute): boolean {
    const e = attr.value;
    if (e._kind !== "Call" || e.func._kind !== "Name" || e.func.id !== "super" || attr.attr === "__class__" ||
      e.keywords.length !== 0) return false;
    const nargs = e.args.length;
    if (this.u.ste.scope("super") !== GLOBAL_IMPLICIT) return false;
    if (this.st.top.scope("super") !== 0) return false;
    if (nargs === 2) {
      for (const a of e.args) if (a._kind === "Starred") return false;
      return true;
    }
    if (nargs !== 0) return false;
    if (this.u.argcount === 0 && this.u.posonlyargcount === 0) return false;
    return this.refType("__class__") === FREE;
  }

  /** get_ref_type */
  refType(name: string): number {
    if (this.u.scopeType === ScopeType.CLASS && (name === "__class__" || name === "__classdict__")) return CELL;
    return this.u.ste.scope(name);
  }

  loadArgsForSuper(e: ast.Call): void {
    const loc = locOf(e);
    this.nameop("super", "Load", locOf(e.func));
    if (e.args.length === 2) {
      this.visitExpr(e.args[0]);
      this.visitExpr(e.args[1]);
      return;
    }
    this.nameop("__class__", "Load", loc);
    this.nameop(this.firstArgName(), "Load", loc);
  }

  private firstArgName(): string {
    for (const [name, i] of this.u.varnames) if (i === 0) return name;
    return "";
  }

  private maybeOptimizeMethodCall(e: ast.Call): boolean {
    const meth = e.func;
    if (meth._kind !== "Attribute" || meth.ctx._kind !== "Load") return false;
    if (this.isImportOriginated(meth.value)) return false;
    const argsl = e.args.length;
    const kwdsl = e.keywords.length;
    if (argsl + kwdsl + (kwdsl !== 0 ? 1 : 0) >= STACK_USE_GUIDELINE) return false;
    for (const a of e.args) if (a._kind === "Starred") return false;
    for (const k of e.keywords) if (k.arg === null) return false;
    let loc = locOf(meth);
    if (this.canOptimizeSuperCall(meth)) {
      this.loadArgsForSuper(meth.value as ast.Call);
      const op = (meth.value as ast.Call).args.length ? Op.LOAD_SUPER_METHOD : Op.LOAD_ZERO_SUPER_METHOD;
      this.addopName(op, meth.attr, loc);
      loc = this.updateStartLocationToMatchAttr(loc, meth);
      this.addop(Op.NOP, loc);
    } else {
      this.visitExpr(meth.value);
      loc = this.updateStartLocationToMatchAttr(loc, meth);
      this.addopName(Op.LOAD_METHOD, meth.attr, loc);
    }
    this.visitExprs(e.args);
    if (kwdsl) {
      for (const k of e.keywords) this.visitExpr(k.value);
      this.addLoadConst(new PyTupleValue(e.keywords.map((k) => k.arg!)), loc);
      loc = this.updateStartLocationToMatchAttr(locOf(e), meth);
      this.addopI(Op.CALL_KW, argsl + kwdsl, loc);
    } else {
      loc = this.updateStartLocationToMatchAttr(locOf(e), meth);
      this.addopI(Op.CALL, argsl, loc);
    }
    return true;
  }

  updateStartLocationToMatchAttr(loc: Loc, attr: ast.Attribute): Loc {
    if (loc.lineno !== attr.end_lineno) {
      const lineno = attr.end_lineno;
      let col = loc.col;
      let endCol = loc.endCol;
      const len = attr.attr.length;
      if (len <= attr.end_col_offset) {
        col = attr.end_col_offset - len;
      } else {
        col = -1;
        endCol = -1;
      }
      const endLineno = Math.max(lineno, loc.endLineno);
      if (lineno === endLineno) endCol = Math.max(col, endCol);
      return { lineno, endLineno, col, endCol };
    }
    return loc;
  }

  callHelper(loc: Loc, n: number, args: ast.expr[], keywords: ast.keyword[]): void {
    this.validateKeywords(keywords);
    const nelts = args.length;
    const nkwelts = keywords.length;
    let exCall = nelts + nkwelts * 2 > STACK_USE_GUIDELINE;
    if (!exCall) for (const a of args) if (a._kind === "Starred") exCall = true;
    if (!exCall) for (const k of keywords) if (k.arg === null) exCall = true;
    if (!exCall) {
      for (const a of args) this.visitExpr(a);
      if (nkwelts) {
        for (const k of keywords) this.visitExpr(k.value);
        this.addLoadConst(new PyTupleValue(keywords.map((k) => k.arg!)), loc);
        this.addopI(Op.CALL_KW, n + nelts + nkwelts, loc);
      } else {
        this.addopI(Op.CALL, n + nelts, loc);
      }
      return;
    }
    if (n === 0 && nelts === 1 && args[0]._kind === "Starred") {
      this.visitExpr((args[0] as ast.Starred).value);
    } else {
      this.starunpackHelper(loc, args, n, Op.BUILD_LIST, Op.LIST_APPEND, Op.LIST_EXTEND, true);
    }
    if (nkwelts) {
      let haveDict = false;
      let nseen = 0;
      for (let i = 0; i < nkwelts; i++) {
        const kw = keywords[i];
        if (kw.arg === null) {
          if (nseen) {
            this.subkwargs(loc, keywords, i - nseen, i);
            if (haveDict) this.addopI(Op.DICT_MERGE, 1, loc);
            haveDict = true;
            nseen = 0;
          }
          if (!haveDict) {
            this.addopI(Op.BUILD_MAP, 0, loc);
            haveDict = true;
          }
          this.visitExpr(kw.value);
          this.addopI(Op.DICT_MERGE, 1, loc);
        } else {
          nseen++;
        }
      }
      if (nseen) {
        this.subkwargs(loc, keywords, nkwelts - nseen, nkwelts);
        if (haveDict) this.addopI(Op.DICT_MERGE, 1, loc);
        haveDict = true;
      }
    }
    this.addopI(Op.CALL_FUNCTION_EX, nkwelts > 0 ? 1 : 0, loc);
  }

  private subkwargs(loc: Loc, keywords: ast.keyword[], begin: number, end: number): void {
    const n = end - begin;
    const big = n * 2 > STACK_USE_GUIDELINE;
    if (n > 1 && !big) {
      for (let i = begin; i < end; i++) this.visitExpr(keywords[i].value);
      const keys: MarshalValue[] = [];
      for (let i = begin; i < end; i++) keys.push(keywords[i].arg!);
      this.addLoadConst(new PyTupleValue(keys), loc);
      this.addopI(Op.BUILD_CONST_KEY_MAP, n, loc);
      return;
    }
    if (big) this.addopI(Op.BUILD_MAP, 0, NO_LOCATION);
    for (let i = begin; i < end; i++) {
      this.addLoadConst(keywords[i].arg!, loc);
      this.visitExpr(keywords[i].value);
      if (big) this.addopI(Op.MAP_ADD, 1, NO_LOCATION);
    }
    if (!big) this.addopI(Op.BUILD_MAP, n, loc);
  }

  // --- strings -----------------------------------------------------------------------

  private joinedStr(e: ast.JoinedStr): void {
    const loc = locOf(e);
    const n = e.values.length;
    if (n > STACK_USE_GUIDELINE) {
      this.addLoadConst("", loc);
      this.addopName(Op.LOAD_METHOD, "join", loc);
      this.addopI(Op.BUILD_LIST, 0, loc);
      for (const v of e.values) {
        this.visitExpr(v);
        this.addopI(Op.LIST_APPEND, 1, loc);
      }
      this.addopI(Op.CALL, 1, loc);
    } else {
      this.visitExprs(e.values);
      if (n > 1) this.addopI(Op.BUILD_STRING, n, loc);
      else if (n === 0) this.addLoadConst("", loc);
    }
  }

  private formattedValue(e: ast.FormattedValue): void {
    this.visitExpr(e.value);
    const loc = locOf(e);
    if (e.conversion !== -1) {
      const c = String.fromCharCode(e.conversion);
      this.addopI(Op.CONVERT_VALUE, c === "s" ? 1 : c === "r" ? 2 : 3, loc);
    }
    if (e.format_spec) {
      this.visitExpr(e.format_spec);
      this.addop(Op.FORMAT_WITH_SPEC, loc);
    } else {
      this.addop(Op.FORMAT_SIMPLE, loc);
    }
  }

  // --- attributes and subscripts -----------------------------------------------------

  private attribute(e: ast.Attribute): void {
    let loc = locOf(e);
    if (e.ctx._kind === "Load" && this.canOptimizeSuperCall(e)) {
      this.loadArgsForSuper(e.value as ast.Call);
      const op = (e.value as ast.Call).args.length ? Op.LOAD_SUPER_ATTR : Op.LOAD_ZERO_SUPER_ATTR;
      this.addopName(op, e.attr, loc);
      loc = this.updateStartLocationToMatchAttr(loc, e);
      this.addop(Op.NOP, loc);
      return;
    }
    this.maybeAddStaticAttribute(e);
    this.visitExpr(e.value);
    loc = this.updateStartLocationToMatchAttr(locOf(e), e);
    switch (e.ctx._kind) {
      case "Load":
        this.addopName(Op.LOAD_ATTR, e.attr, loc);
        break;
      case "Store":
        this.checkForbiddenName(e.attr, "Store", loc);
        this.addopName(Op.STORE_ATTR, e.attr, loc);
        break;
      case "Del":
        this.addopName(Op.DELETE_ATTR, e.attr, loc);
        break;
    }
  }

  private maybeAddStaticAttribute(e: ast.Attribute): void {
    if (e.value._kind !== "Name" || e.ctx._kind !== "Store" || e.value.id !== "self") return;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const u = this.stack[i];
      if (u.scopeType === ScopeType.CLASS) {
        u.staticAttributes!.add(e.attr);
        break;
      }
    }
  }

  private subscript(e: ast.Subscript): void {
    const loc = locOf(e);
    const ctx = e.ctx._kind;
    if (ctx === "Load") {
      this.warn(subscripterWarning(e.value), locOf(e.value));
      this.warn(indexWarning(e.value, e.slice), locOf(e.value));
    }
    this.visitExpr(e.value);
    if (isTwoElementSlice(e.slice) && ctx !== "Del") {
      this.slice(e.slice as ast.Slice);
      this.addop(ctx === "Load" ? Op.BINARY_SLICE : Op.STORE_SLICE, loc);
    } else {
      this.visitExpr(e.slice);
      this.addop(ctx === "Load" ? Op.BINARY_SUBSCR : ctx === "Store" ? Op.STORE_SUBSCR : Op.DELETE_SUBSCR, loc);
    }
  }

  slice(s: ast.Slice): number {
    let n = 2;
    if (s.lower) this.visitExpr(s.lower);
    else this.addLoadConst(null, locOf(s));
    if (s.upper) this.visitExpr(s.upper);
    else this.addLoadConst(null, locOf(s));
    if (s.step) {
      n++;
      this.visitExpr(s.step);
    }
    return n;
  }

  // --- statements (delegated) --------------------------------------------------------

  visitStmt(s: ast.stmt): void {
    visitStmt(this, s);
  }

  visitStmts(body: ast.stmt[]): void {
    for (const s of body) visitStmt(this, s);
  }

  // --- the module --------------------------------------------------------------------

  compileModule(mod: ast.mod): CodeObject {
    this.enterScope("<module>", ScopeType.MODULE, mod, 1);
    const loc: Loc = { lineno: 1, endLineno: 1, col: 0, endCol: 0 };
    let addNone = true;
    switch (mod._kind) {
      case "Module":
        compileBody(this, loc, mod.body);
        break;
      case "Interactive":
        this.interactive = true;
        if (findAnn(mod.body)) this.addop(Op.SETUP_ANNOTATIONS, loc);
        this.visitStmts(mod.body);
        break;
      case "Expression":
        this.visitExpr(mod.body);
        addNone = false;
        break;
      default:
        throw new Error("cannot compile this module kind");
    }
    const co = this.optimizeAndAssemble(addNone);
    this.exitScope();
    return co;
  }
}

export function binaryOparg(op: ast.operator["_kind"], inplace: boolean): number {
  const base: Record<ast.operator["_kind"], number> = {
    Add: 0, BitAnd: 1, FloorDiv: 2, LShift: 3, MatMult: 4, Mult: 5, Mod: 6, BitOr: 7, Pow: 8,
    RShift: 9, Sub: 10, Div: 11, BitXor: 12,
  };
  return base[op] + (inplace ? 13 : 0);
}

export function allConst(elts: (ast.expr | null)[], begin: number, end: number): boolean {
  for (let i = begin; i < end; i++) {
    const x = elts[i];
    if (x === null || x._kind !== "Constant") return false;
  }
  return true;
}

export function isTwoElementSlice(e: ast.expr): boolean {
  return e._kind === "Slice" && e.step === null;
}

function makeFrozenset(values: MarshalValue[]): MarshalValue {
  const seen = new Set<string>();
  const items: MarshalValue[] = [];
  for (const v of values) {
    const k = setKey(v);
    if (seen.has(k)) continue;
    seen.add(k);
    items.push(v);
  }
  return markSourceFrozenset(new PySetValue(true, items)); // see bytecode/constOrigin.ts
}

/** The line CPython's PyErr_ProgramTextObject would find (null for "<...>" names). */
export function programText(filename: string, lines: readonly string[], lineno: number): string | null {
  if (filename.startsWith("<") && filename.endsWith(">")) return null;
  return lineno >= 1 && lineno <= lines.length ? lines[lineno - 1] + "\n" : null;
}

export function byteToCharOffset(line: string, byteOffset: number): number {
  let bytes = 0;
  let chars = 0;
  for (const ch of line) {
    if (bytes >= byteOffset) break;
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    chars += 1;
  }
  return chars;
}

