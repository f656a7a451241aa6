// The symbol table: which names each scope binds, uses, declares global/nonlocal, and
// the scope (local, cell, free, global) each name finally gets. Mirrors CPython 3.13's
// Python/symtable.c, including PEP 709 comprehension inlining and PEP 695 type scopes.
import type * as ast from "../ast/nodes.generated.js";
import { CompileError } from "../ast/compileError.js";

// Symbol flags (symtable.h).
export const DEF_GLOBAL = 1;
export const DEF_LOCAL = 2;
export const DEF_PARAM = 4;
export const DEF_NONLOCAL = 8;
export const USE = 16;
export const DEF_FREE_CLASS = 64;
export const DEF_IMPORT = 128;
export const DEF_ANNOT = 256;
export const DEF_COMP_ITER = 512;
export const DEF_TYPE_PARAM = 1024;
export const DEF_COMP_CELL = 2048;
export const DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;
export const SCOPE_OFFSET = 12;
export const SCOPE_MASK = 0xf;

// Scopes.
export const LOCAL = 1;
export const GLOBAL_EXPLICIT = 2;
export const GLOBAL_IMPLICIT = 3;
export const FREE = 4;
export const CELL = 5;

export type BlockType = "module" | "class" | "function" | "annotation" | "typevarbound" | "typealias" | "typeparams";
export type ComprehensionType = "none" | "list" | "set" | "dict" | "genexp";

type Loc = { lineno: number; col_offset: number; end_lineno: number; end_col_offset: number };

export class SymbolTableEntry {
  readonly symbols = new Map<string, number>();
  readonly varnames: string[] = [];
  readonly children: SymbolTableEntry[] = [];
  readonly directives = new Map<string, Loc>();
  nested = false;
  generator = false;
  coroutine = false;
  comprehension: ComprehensionType = "none";
  varargs = false;
  varkeywords = false;
  returnsValue = false;
  needsClassClosure = false;
  needsClassdict = false;
  compInlined = false;
  compIterTarget = false;
  compIterExpr = 0;
  canSeeClassScope = false;
  hasFree = false;
  /** What a "typevarbound" scope evaluates ("a TypeVar bound", ...), for error messages. */
  scopeInfo = "";
  /** Type-parameter scopes of generic classes: names in here are mangled (others not). */
  mangledNames: Set<string> | null = null;
  constructor(
    readonly name: string,
    readonly type: BlockType,
    readonly node: object,
    readonly lineno: number,
  ) {}

  isFunctionLike(): boolean {
    return this.type === "function" || this.type === "annotation" || this.type === "typevarbound" ||
      this.type === "typealias" || this.type === "typeparams";
  }

  /** The flags (with scope bits) of a name, 0 if unknown. */
  flags(name: string): number {
    return this.symbols.get(name) ?? 0;
  }

  scope(name: string): number {
    return (this.flags(name) >> SCOPE_OFFSET) & SCOPE_MASK;
  }
}

const boundKeys = new WeakMap<object, { bound: object; default: object }>();

/**
 * The scope key of a type parameter's lazily evaluated bound or default. CPython keys
 * them by the type-param node (and node + 1); the expression itself cannot serve, since
 * a comprehension there keys its own scope by the same node.
 */
export function typeParamScopeKey(tp: object, which: "bound" | "default"): object {
  let keys = boundKeys.get(tp);
  if (keys === undefined) {
    keys = { bound: {}, default: {} };
    boundKeys.set(tp, keys);
  }
  return keys[which];
}

/** CPython's Py_C_RECURSION_LIMIT: deeper nesting is a RecursionError during compilation. */
export const RECURSION_LIMIT = 10000;

/** Thrown when the AST nests deeper than RECURSION_LIMIT (compile.ts reports it). */
export class RecursionLimitError extends Error {}

/** _Py_Mangle: `__x` inside class `C` becomes `_C__x`. */
export function mangle(privateName: string | null, name: string): string {
  if (privateName === null || !name.startsWith("__")) return name;
  if (name.endsWith("__") || name.includes(".")) return name;
  let i = 0;
  while (i < privateName.length && privateName[i] === "_") i++;
  if (i === privateName.length) return name;
  return "_" + privateName.slice(i) + name;
}

export function maybeMangle(privateName: string | null, ste: SymbolTableEntry, name: string): string {
  if (ste.mangledNames !== null && !ste.mangledNames.has(name)) return name;
  return mangle(privateName, name);
}

export interface FutureFeatures {
  annotations: boolean;
  /** PyCF_ALLOW_TOP_LEVEL_AWAIT */
  topLevelAwait?: boolean;
}

export class SymbolTable {
  readonly entries = new Map<object, SymbolTableEntry>();
  readonly top: SymbolTableEntry;
  private readonly stack: SymbolTableEntry[] = [];
  private cur: SymbolTableEntry;
  private privateName: string | null = null;

  constructor(
    mod: ast.mod,
    readonly filename: string,
    readonly future: FutureFeatures,
    private readonly sourceLines: (lineno: number) => string | null,
  ) {
    this.top = this.enter("top", "module", mod, 0);
    this.cur = this.top;
    if (mod._kind === "Module" || mod._kind === "Interactive") {
      for (const s of mod.body) this.visitStmt(s);
    } else if (mod._kind === "Expression") {
      this.visitExpr(mod.body);
    }
    this.exit();
    this.analyze();
  }

  lookup(node: object): SymbolTableEntry {
    const e = this.entries.get(node);
    if (!e) throw new Error("symtable: no entry for node");
    return e;
  }

  // --- errors ------------------------------------------------------------------------

  error(message: string, loc: Loc): CompileError {
    const text = this.sourceLines(loc.lineno);
    return new CompileError("SyntaxError", message, this.filename, loc.lineno, loc.col_offset + 1,
      loc.end_lineno, loc.end_col_offset + 1, text, true, true);
  }

  // --- blocks -------------------------------------------------------------------------

  private enter(name: string, type: BlockType, node: object, lineno: number): SymbolTableEntry {
    const prev = this.stack.length ? this.stack[this.stack.length - 1] : null;
    const ste = new SymbolTableEntry(name, type, node, lineno);
    if (prev !== null) {
      if (prev.nested || prev.isFunctionLike()) ste.nested = true;
      prev.children.push(ste);
      // scopes inside a generic class's type-parameter scope mangle only the type params
      if (prev.mangledNames !== null && type !== "class") ste.mangledNames = prev.mangledNames;
    }
    this.entries.set(node, ste);
    this.stack.push(ste);
    this.cur = ste;
    return ste;
  }

  private exit(): void {
    this.stack.pop();
    if (this.stack.length) this.cur = this.stack[this.stack.length - 1];
  }

  private addDef(name: string, flag: number, loc: Loc, ste: SymbolTableEntry = this.cur): void {
    const mangled = maybeMangle(this.privateName, ste, name);
    let val = ste.symbols.get(mangled);
    if (val !== undefined) {
      if (flag & DEF_PARAM && val & DEF_PARAM) {
        throw this.error(`duplicate argument '${name}' in function definition`, loc);
      }
      if (flag & DEF_TYPE_PARAM && val & DEF_TYPE_PARAM) {
        throw this.error(`duplicate type parameter '${name}'`, loc);
      }
      val |= flag;
    } else {
      val = flag;
    }
    if (ste.compIterTarget) {
      if (val & (DEF_GLOBAL | DEF_NONLOCAL)) {
        throw this.error(`comprehension inner loop cannot rebind assignment expression target '${name}'`, loc);
      }
      val |= DEF_COMP_ITER;
    }
    ste.symbols.set(mangled, val);
    if (flag & DEF_PARAM) {
      ste.varnames.push(mangled);
    } else if (flag & DEF_GLOBAL) {
      // CPython's st_global is the module's own symbol dict
      this.top.symbols.set(mangled, flag | (this.top.symbols.get(mangled) ?? 0));
    }
  }

  private lookupCur(name: string): number {
    return this.cur.symbols.get(maybeMangle(this.privateName, this.cur, name)) ?? 0;
  }

  // --- statements ---------------------------------------------------------------------

  private visitStmts(body: ast.stmt[]): void {
    for (const s of body) this.visitStmt(s);
  }

  private visitStmt(s: ast.stmt): void {
    this.depth++;
    this.checkDepth();
    this.visitStmtInner(s);
    this.depth--;
  }

  private visitStmtInner(s: ast.stmt): void {
    switch (s._kind) {
      case "FunctionDef":
      case "AsyncFunctionDef": {
        this.addDef(s.name, DEF_LOCAL, s);
        this.visitArgDefaults(s.args);
        for (const d of s.decorator_list) this.visitExpr(d);
        // CPython tests `args->defaults != NULL`, which holds even for an empty list
        if (s.type_params.length) this.enterTypeParamBlock(s.name, s, s.type_params, true, null);
        this.visitAnnotations(s, s.args, s.returns);
        this.enter(s.name, "function", s, s.lineno);
        if (s._kind === "AsyncFunctionDef") this.cur.coroutine = true;
        this.visitParams(s.args);
        this.visitStmts(s.body);
        this.exit();
        if (s.type_params.length) this.exit();
        break;
      }
      case "ClassDef": {
        this.addDef(s.name, DEF_LOCAL, s);
        for (const d of s.decorator_list) this.visitExpr(d);
        const savedPrivate = this.privateName;
        if (s.type_params.length) {
          this.enterTypeParamBlock(s.name, s, s.type_params, false, s.name);
        }
        for (const b of s.bases) this.visitExpr(b);
        for (const k of s.keywords) this.visitExpr(k.value);
        this.enter(s.name, "class", s, s.lineno);
        this.privateName = s.name;
        if (s.type_params.length) {
          this.addDef("__type_params__", DEF_LOCAL, s);
          this.addDef(".type_params", USE, s);
        }
        this.visitStmts(s.body);
        this.exit();
        if (s.type_params.length) this.exit();
        this.privateName = savedPrivate;
        break;
      }
      case "TypeAlias": {
        this.visitExpr(s.name);
        const name = (s.name as ast.Name).id;
        const isGeneric = s.type_params.length > 0;
        const isInClass = this.cur.type === "class";
        if (isGeneric) this.enterTypeParamBlock(name, s, s.type_params, false, null);
        this.enter(name, "typealias", s, s.lineno);
        this.cur.canSeeClassScope = isInClass;
        if (this.cur.canSeeClassScope) this.addDef("__classdict__", USE, s.value);
        this.visitExpr(s.value);
        this.exit();
        if (isGeneric) this.exit();
        break;
      }
      case "Return":
        if (s.value) {
          this.visitExpr(s.value);
          this.cur.returnsValue = true;
        }
        break;
      case "Delete":
        for (const t of s.targets) this.visitExpr(t);
        break;
      case "Assign":
        for (const t of s.targets) this.visitExpr(t);
        this.visitExpr(s.value);
        break;
      case "AnnAssign": {
        if (s.target._kind === "Name") {
          const name = s.target.id;
          const cur = this.lookupCur(name);
          if (cur & (DEF_GLOBAL | DEF_NONLOCAL) && this.cur.symbols !== this.top.symbols && s.simple) {
            const msg = cur & DEF_GLOBAL ? `annotated name '${name}' can't be global` : `annotated name '${name}' can't be nonlocal`;
            throw this.error(msg, s);
          }
          if (s.simple) this.addDef(name, DEF_ANNOT | DEF_LOCAL, s.target);
          else if (s.value) this.addDef(name, DEF_LOCAL, s.target);
        } else {
          this.visitExpr(s.target);
        }
        this.visitAnnotation(s.annotation);
        if (s.value) this.visitExpr(s.value);
        break;
      }
      case "AugAssign":
        this.visitExpr(s.target);
        this.visitExpr(s.value);
        break;
      case "For":
      case "AsyncFor":
        this.visitExpr(s.target);
        this.visitExpr(s.iter);
        this.visitStmts(s.body);
        this.visitStmts(s.orelse);
        break;
      case "While":
      case "If":
        this.visitExpr(s.test);
        this.visitStmts(s.body);
        this.visitStmts(s.orelse);
        break;
      case "Match":
        this.visitExpr(s.subject);
        for (const c of s.cases) {
          this.visitPattern(c.pattern);
          if (c.guard) this.visitExpr(c.guard);
          this.visitStmts(c.body);
        }
        break;
      case "Raise":
        if (s.exc) {
          this.visitExpr(s.exc);
          if (s.cause) this.visitExpr(s.cause);
        }
        break;
      case "Try":
      case "TryStar":
        // CPython 3.13 (gh-111123): the handlers before the else block, so that a
        // `global` in a handler precedes a use in `else`.
        this.visitStmts(s.body);
        for (const h of s.handlers) {
          if (h.type) this.visitExpr(h.type);
          if (h.name) this.addDef(h.name, DEF_LOCAL, h);
          this.visitStmts(h.body);
        }
        this.visitStmts(s.orelse);
        this.visitStmts(s.finalbody);
        break;
      case "Assert":
        this.visitExpr(s.test);
        if (s.msg) this.visitExpr(s.msg);
        break;
      case "Import":
      case "ImportFrom":
        for (const a of s.names) this.visitAlias(a, s);
        break;
      case "Global":
      case "Nonlocal": {
        const isGlobal = s._kind === "Global";
        const word = isGlobal ? "global" : "nonlocal";
        for (const name of s.names) {
          const cur = this.lookupCur(name);
          if (cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
            let msg: string;
            if (cur & DEF_PARAM) msg = `name '${name}' is parameter and ${word}`;
            else if (cur & USE) msg = `name '${name}' is used prior to ${word} declaration`;
            else if (cur & DEF_ANNOT) msg = `annotated name '${name}' can't be ${word}`;
            else msg = `name '${name}' is assigned to before ${word} declaration`;
            throw this.error(msg, s);
          }
          this.addDef(name, isGlobal ? DEF_GLOBAL : DEF_NONLOCAL, s);
          this.recordDirective(name, s);
        }
        break;
      }
      case "Expr":
        this.visitExpr(s.value);
        break;
      case "With":
      case "AsyncWith":
        for (const item of s.items) {
          this.visitExpr(item.context_expr);
          if (item.optional_vars) this.visitExpr(item.optional_vars);
        }
        this.visitStmts(s.body);
        break;
      case "Pass":
      case "Break":
      case "Continue":
        break;
    }
  }

  private recordDirective(name: string, loc: Loc): void {
    const mangled = maybeMangle(this.privateName, this.cur, name);
    if (!this.cur.directives.has(mangled)) this.cur.directives.set(mangled, loc);
  }

  private visitAlias(a: ast.alias, s: Loc): void {
    // "import a.b.c" binds "a"
    const storeName = a.asname ?? a.name.split(".")[0];
    if (a.name === "*") {
      // CPython points at the '*' alias, not at the statement.
      if (this.cur.type !== "module") throw this.error("import * only allowed at module level", a);
      return;
    }
    this.addDef(storeName, DEF_IMPORT, a);
  }

  private visitArgDefaults(args: ast.arguments): void {
    for (const d of args.defaults) this.visitExpr(d);
    for (const d of args.kw_defaults) if (d) this.visitExpr(d);
  }

  private visitParams(args: ast.arguments): void {
    for (const a of args.posonlyargs) this.addDef(a.arg, DEF_PARAM, a);
    for (const a of args.args) this.addDef(a.arg, DEF_PARAM, a);
    for (const a of args.kwonlyargs) this.addDef(a.arg, DEF_PARAM, a);
    if (args.vararg) {
      this.addDef(args.vararg.arg, DEF_PARAM, args.vararg);
      this.cur.varargs = true;
    }
    if (args.kwarg) {
      this.addDef(args.kwarg.arg, DEF_PARAM, args.kwarg);
      this.cur.varkeywords = true;
    }
  }

  private visitAnnotation(e: ast.expr): void {
    // Stringified annotations (from __future__ import annotations) are never evaluated:
    // CPython 3.13 binds no names for them in any scope.
    if (!this.future.annotations) this.visitExpr(e);
  }

  private visitAnnotations(node: object, args: ast.arguments, returns: ast.expr | null): void {
    const all = [...args.posonlyargs, ...args.args];
    if (args.vararg) all.push(args.vararg);
    all.push(...args.kwonlyargs);
    if (args.kwarg) all.push(args.kwarg);
    if (this.future.annotations) return;
    for (const a of all) if (a.annotation) this.visitExpr(a.annotation);
    if (returns) this.visitExpr(returns);
  }

  private enterTypeParamBlock(name: string, node: object, params: ast.type_param[], hasDefaults: boolean, className: string | null): void {
    const enclosing = this.cur;
    this.enter(name, "typeparams", params, (node as Loc).lineno);
    this.cur.canSeeClassScope = enclosing.type === "class";
    if (this.cur.canSeeClassScope) this.addDef("__classdict__", USE, node as Loc);
    if (className !== null) {
      // set when the type params tuple is made, used when the bases are built
      this.addDef(".type_params", DEF_LOCAL, node as Loc);
      this.addDef(".type_params", USE, node as Loc);
      this.addDef(".generic_base", DEF_LOCAL, node as Loc);
      this.addDef(".generic_base", USE, node as Loc);
      this.privateName = className;
      this.cur.mangledNames = new Set();
    }
    if (hasDefaults) this.addDef(".defaults", DEF_PARAM, node as Loc);
    const fn = node as ast.FunctionDef;
    if (className === null && fn.args && fn.args.kw_defaults.some((d) => d !== null)) {
      this.addDef(".kwdefaults", DEF_PARAM, node as Loc);
    }
    for (const tp of params) this.visitTypeParam(tp);
  }

  private visitTypeParam(tp: ast.type_param): void {
    if (this.cur.mangledNames) this.cur.mangledNames.add(tp.name);
    this.addDef(tp.name, DEF_TYPE_PARAM | DEF_LOCAL, tp);
    if (tp._kind === "TypeVar" && tp.bound) {
      const isTuple = tp.bound._kind === "Tuple";
      this.visitTypeParamBound(tp.name, tp.bound, isTuple ? "a TypeVar constraint" : "a TypeVar bound", typeParamScopeKey(tp, "bound"));
    }
    if (tp.default_value) {
      const info = tp._kind === "TypeVar" ? "a TypeVar default" : tp._kind === "ParamSpec" ? "a ParamSpec default" : "a TypeVarTuple default";
      this.visitTypeParamBound(tp.name, tp.default_value, info, typeParamScopeKey(tp, "default"));
    }
  }

  private visitTypeParamBound(name: string, e: ast.expr, scopeInfo: string, key: object): void {
    const enclosing = this.cur;
    this.enter(name, "typevarbound", key, e.lineno);
    this.cur.scopeInfo = scopeInfo;
    this.cur.canSeeClassScope = enclosing.canSeeClassScope;
    if (this.cur.canSeeClassScope) this.addDef("__classdict__", USE, e);
    this.visitExpr(e);
    this.exit();
  }


  // --- expressions --------------------------------------------------------------------

  /** Nesting depth of statements and expressions, limited as CPython's symtable limits it. */
  private depth = 0;

  private checkDepth(): void {
    if (this.depth > RECURSION_LIMIT) throw new RecursionLimitError();
  }

  private visitExpr(e: ast.expr): void {
    // one frame per nesting level: the depth bookkeeping is inline (no early returns below)
    if (++this.depth > RECURSION_LIMIT) throw new RecursionLimitError();
    switch (e._kind) {
      case "NamedExpr": {
        this.checkAnnotationBlock(e, "named expression");
        if (this.cur.compIterExpr > 0) {
          throw this.error("assignment expression cannot be used in a comprehension iterable expression", e);
        }
        if (this.cur.comprehension !== "none") this.extendNamedExprScope(e.target as ast.Name);
        this.visitExpr(e.value);
        this.visitExpr(e.target);
        break;
      }
      case "BoolOp":
        for (const v of e.values) this.visitExpr(v);
        break;
      case "BinOp": {
        // left-deep chains iteratively; each level still counts towards the depth limit
        const chain: ast.BinOp[] = [e];
        let left = e.left;
        while (left._kind === "BinOp") {
          chain.push(left);
          left = left.left;
        }
        this.depth += chain.length - 1;
        this.checkDepth();
        this.visitExpr(left);
        for (let i = chain.length - 1; i >= 0; i--) {
          this.visitExpr(chain[i].right);
          this.depth--;
        }
        this.depth++;
        break;
      }
      case "UnaryOp":
        this.visitExpr(e.operand);
        break;
      case "Lambda": {
        this.visitArgDefaults(e.args);
        this.enter("lambda", "function", e, e.lineno);
        this.visitParams(e.args);
        this.visitExpr(e.body);
        this.exit();
        break;
      }
      case "IfExp":
        this.visitExpr(e.test);
        this.visitExpr(e.body);
        this.visitExpr(e.orelse);
        break;
      case "Dict":
        for (const k of e.keys) if (k) this.visitExpr(k);
        for (const v of e.values) this.visitExpr(v);
        break;
      case "Set":
        for (const v of e.elts) this.visitExpr(v);
        break;
      case "GeneratorExp":
        this.visitComprehension(e, "<genexpr>", e.generators, e.elt, null, "genexp");
        break;
      case "ListComp":
        this.visitComprehension(e, "<listcomp>", e.generators, e.elt, null, "list");
        break;
      case "SetComp":
        this.visitComprehension(e, "<setcomp>", e.generators, e.elt, null, "set");
        break;
      case "DictComp":
        this.visitComprehension(e, "<dictcomp>", e.generators, e.key, e.value, "dict");
        break;
      case "Yield":
        this.checkYieldAllowed(e, "yield expression");
        if (e.value) this.visitExpr(e.value);
        this.cur.generator = true;
        break;
      case "YieldFrom":
        this.checkYieldAllowed(e, "yield expression");
        this.visitExpr(e.value);
        this.cur.generator = true;
        break;
      case "Await":
        this.checkAnnotationBlock(e, "await expression");
        this.visitExpr(e.value);
        this.cur.coroutine = true;
        break;
      case "Compare":
        this.visitExpr(e.left);
        for (const c of e.comparators) this.visitExpr(c);
        break;
      case "Call":
        this.visitExpr(e.func);
        for (const a of e.args) this.visitExpr(a);
        for (const k of e.keywords) this.visitExpr(k.value);
        break;
      case "FormattedValue":
        this.visitExpr(e.value);
        if (e.format_spec) this.visitExpr(e.format_spec);
        break;
      case "JoinedStr":
        for (const v of e.values) this.visitExpr(v);
        break;
      case "Constant":
        break;
      case "Attribute":
        this.visitExpr(e.value);
        break;
      case "Subscript":
        this.visitExpr(e.value);
        this.visitExpr(e.slice);
        break;
      case "Starred":
        this.visitExpr(e.value);
        break;
      case "Slice":
        if (e.lower) this.visitExpr(e.lower);
        if (e.upper) this.visitExpr(e.upper);
        if (e.step) this.visitExpr(e.step);
        break;
      case "Name":
        this.addDef(e.id, e.ctx._kind === "Load" ? USE : DEF_LOCAL, e);
        if (e.ctx._kind === "Load" && this.cur.isFunctionLike() && e.id === "super") {
          this.addDef("__class__", USE, e);
        }
        break;
      case "List":
      case "Tuple":
        for (const v of e.elts) this.visitExpr(v);
        break;
    }
    this.depth--;
  }

  /** symtable_raise_if_annotation_block: yield/await/walrus in lazily evaluated scopes. */
  private checkAnnotationBlock(e: Loc, what: string): void {
    switch (this.cur.type) {
      case "annotation":
        throw this.error(`${what} cannot be used within an annotation`, e);
      case "typevarbound":
        throw this.error(`${what} cannot be used within ${this.cur.scopeInfo}`, e);
      case "typealias":
        throw this.error(`${what} cannot be used within a type alias`, e);
      case "typeparams":
        throw this.error(`${what} cannot be used within the definition of a generic`, e);
    }
  }

  private checkYieldAllowed(e: Loc, what: string): void {
    this.checkAnnotationBlock(e, what);
    const c = this.cur.comprehension;
    if (c !== "none") {
      const kind = c === "list" ? "list comprehension" : c === "set" ? "set comprehension" : c === "dict" ? "dict comprehension" : "generator expression";
      throw this.error(`'yield' inside ${kind}`, e);
    }
  }

  private extendNamedExprScope(target: ast.Name): void {
    const name = target.id;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const ste = this.stack[i];
      if (ste.comprehension !== "none") {
        const f = ste.flags(maybeMangle(this.privateName, ste, name));
        if (f & DEF_COMP_ITER && f & DEF_LOCAL) {
          throw this.error(`assignment expression cannot rebind comprehension iteration variable '${name}'`, target);
        }
        continue;
      }
      if (ste.type === "function") {
        const f = ste.flags(maybeMangle(this.privateName, ste, name));
        this.addDef(name, f & DEF_GLOBAL ? DEF_GLOBAL : DEF_NONLOCAL, target);
        this.recordDirective(name, target);
        this.addDef(name, DEF_LOCAL, target, ste);
        return;
      }
      if (ste.type === "module") {
        this.addDef(name, DEF_GLOBAL, target);
        this.recordDirective(name, target);
        this.addDef(name, DEF_GLOBAL, target, ste);
        return;
      }
      if (ste.type === "class") {
        throw this.error("assignment expression within a comprehension cannot be used in a class body", target);
      }
      throw this.error("assignment expression within a comprehension cannot be used within the definition of a generic", target);
    }
  }

  private visitComprehension(
    e: ast.expr, scopeName: string, generators: ast.comprehension[], elt: ast.expr, value: ast.expr | null,
    kind: ComprehensionType,
  ): void {
    const isGenerator = kind === "genexp";
    const outermost = generators[0];
    this.cur.compIterExpr++;
    this.visitExpr(outermost.iter);
    this.cur.compIterExpr--;
    this.enter(scopeName, "function", e, e.lineno);
    const ste = this.cur;
    ste.comprehension = kind;
    if (outermost.is_async) ste.coroutine = true;
    this.addDef(".0", DEF_PARAM, e);
    ste.compIterTarget = true;
    this.visitExpr(outermost.target);
    ste.compIterTarget = false;
    for (const i of outermost.ifs) this.visitExpr(i);
    for (let i = 1; i < generators.length; i++) {
      const g = generators[i];
      ste.compIterTarget = true;
      this.visitExpr(g.target);
      ste.compIterTarget = false;
      ste.compIterExpr++;
      this.visitExpr(g.iter);
      ste.compIterExpr--;
      for (const c of g.ifs) this.visitExpr(c);
      if (g.is_async) ste.coroutine = true;
    }
    if (value) this.visitExpr(value);
    this.visitExpr(elt);
    ste.generator = isGenerator;
    const isAsync = ste.coroutine && !isGenerator;
    this.exit();
    const allowsTopLevelAwait = this.future.topLevelAwait === true && this.cur.type === "module";
    if (isAsync && !(this.cur.type === "function" && this.cur.coroutine) && this.cur.comprehension === "none" && !allowsTopLevelAwait) {
      throw this.error("asynchronous comprehension outside of an asynchronous function", e);
    }
    if (isAsync) this.cur.coroutine = true;
  }

  private visitPattern(p: ast.pattern): void {
    switch (p._kind) {
      case "MatchValue":
        this.visitExpr(p.value);
        break;
      case "MatchSingleton":
        break;
      case "MatchSequence":
        for (const q of p.patterns) this.visitPattern(q);
        break;
      case "MatchStar":
        if (p.name) this.addDef(p.name, DEF_LOCAL, p);
        break;
      case "MatchMapping":
        for (const k of p.keys) this.visitExpr(k);
        for (const q of p.patterns) this.visitPattern(q);
        if (p.rest) this.addDef(p.rest, DEF_LOCAL, p);
        break;
      case "MatchClass":
        this.visitExpr(p.cls);
        for (const q of p.patterns) this.visitPattern(q);
        for (const q of p.kwd_patterns) this.visitPattern(q);
        break;
      case "MatchAs":
        if (p.pattern) this.visitPattern(p.pattern);
        if (p.name) this.addDef(p.name, DEF_LOCAL, p);
        break;
      case "MatchOr":
        for (const q of p.patterns) this.visitPattern(q);
        break;
    }
  }

  // --- analysis -----------------------------------------------------------------------

  private analyze(): void {
    const free = new Set<string>();
    const global = new Set<string>();
    const typeParams = new Set<string>();
    this.analyzeBlock(this.top, null, free, global, typeParams, null);
  }

  private directiveError(ste: SymbolTableEntry, name: string, message: string): CompileError {
    const loc = ste.directives.get(name);
    if (loc) return this.error(message, loc);
    return new CompileError("SyntaxError", message, this.filename, ste.lineno, -1, -1, -1, null, true);
  }

  private analyzeName(
    ste: SymbolTableEntry, scopes: Map<string, number>, name: string, flags: number,
    bound: Set<string> | null, local: Set<string>, free: Set<string>, global: Set<string>,
    typeParams: Set<string>, classEntry: SymbolTableEntry | null,
  ): void {
    if (flags & DEF_GLOBAL) {
      if (flags & DEF_NONLOCAL) throw this.directiveError(ste, name, `name '${name}' is nonlocal and global`);
      scopes.set(name, GLOBAL_EXPLICIT);
      global.add(name);
      if (bound) bound.delete(name);
      return;
    }
    if (flags & DEF_NONLOCAL) {
      if (!bound) throw this.directiveError(ste, name, "nonlocal declaration not allowed at module level");
      if (!bound.has(name)) throw this.directiveError(ste, name, `no binding for nonlocal '${name}' found`);
      if (typeParams.has(name)) throw this.directiveError(ste, name, `nonlocal binding not allowed for type parameter '${name}'`);
      scopes.set(name, FREE);
      ste.hasFree = true;
      free.add(name);
      return;
    }
    if (flags & DEF_BOUND) {
      scopes.set(name, LOCAL);
      local.add(name);
      global.delete(name);
      if (flags & DEF_TYPE_PARAM) typeParams.add(name);
      else typeParams.delete(name);
      return;
    }
    if (classEntry !== null) {
      const cf = classEntry.flags(name);
      if (cf & DEF_GLOBAL) {
        scopes.set(name, GLOBAL_EXPLICIT);
        return;
      } else if (cf & DEF_BOUND && !(cf & DEF_NONLOCAL)) {
        scopes.set(name, GLOBAL_IMPLICIT);
        return;
      }
    }
    if (bound && bound.has(name)) {
      scopes.set(name, FREE);
      ste.hasFree = true;
      free.add(name);
      return;
    }
    if (global.has(name)) {
      scopes.set(name, GLOBAL_IMPLICIT);
      return;
    }
    if (ste.nested) ste.hasFree = true;
    scopes.set(name, GLOBAL_IMPLICIT);
  }

  /** Returns the free names of `ste` (and of its children) for the parent. */
  private analyzeBlock(
    ste: SymbolTableEntry, bound: Set<string> | null, free: Set<string>, global: Set<string>,
    typeParams: Set<string>, classEntry: SymbolTableEntry | null,
  ): void {
    const local = new Set<string>();
    const scopes = new Map<string, number>();
    const newGlobal = new Set<string>();
    const newFree = new Set<string>();
    const newBound = new Set<string>();
    const inlinedCells = new Set<string>();

    if (ste.type === "class") {
      for (const g of global) newGlobal.add(g);
      if (bound) for (const b of bound) newBound.add(b);
    }
    for (const [name, flags] of ste.symbols) {
      this.analyzeName(ste, scopes, name, flags, bound, local, free, global, typeParams, classEntry);
    }
    if (ste.type !== "class") {
      if (ste.isFunctionLike()) for (const l of local) newBound.add(l);
      if (bound) for (const b of bound) newBound.add(b);
      for (const g of global) newGlobal.add(g);
    } else {
      newBound.add("__class__");
      newBound.add("__classdict__");
    }

    for (const entry of ste.children) {
      let newClassEntry: SymbolTableEntry | null = null;
      if (entry.canSeeClassScope) {
        if (ste.type === "class") newClassEntry = ste;
        else if (classEntry) newClassEntry = classEntry;
      }
      const inlineComp = entry.comprehension !== "none" && !entry.generator && !ste.canSeeClassScope;
      const childFree = new Set(newFree);
      this.analyzeBlock(entry, new Set(newBound), childFree, new Set(newGlobal), new Set(typeParams), newClassEntry);
      if (inlineComp) {
        this.inlineComprehension(ste, entry, scopes, childFree, inlinedCells);
        entry.compInlined = true;
      }
      for (const f of childFree) newFree.add(f);
    }
    // splice children of inlined comprehensions into our children list
    for (let i = ste.children.length - 1; i >= 0; i--) {
      const c = ste.children[i];
      if (c.compInlined) ste.children.splice(i, 1, ...c.children);
    }

    if (ste.isFunctionLike()) {
      for (const [name, scope] of scopes) {
        if (scope !== LOCAL) continue;
        if (!newFree.has(name) && !inlinedCells.has(name)) continue;
        scopes.set(name, CELL);
        newFree.delete(name);
      }
    } else if (ste.type === "class") {
      if (newFree.delete("__class__")) ste.needsClassClosure = true;
      if (newFree.delete("__classdict__")) ste.needsClassdict = true;
    }
    this.updateSymbols(ste, scopes, bound, newFree, inlinedCells, ste.type === "class" || ste.canSeeClassScope);
    for (const f of newFree) free.add(f);
  }

  private inlineComprehension(
    ste: SymbolTableEntry, comp: SymbolTableEntry, scopes: Map<string, number>, compFree: Set<string>,
    inlinedCells: Set<string>,
  ): void {
    let removeDunderClass = false;
    for (const [name, compFlags] of comp.symbols) {
      if (compFlags & DEF_PARAM) continue;
      let scope = (compFlags >> SCOPE_OFFSET) & SCOPE_MASK;
      const onlyFlags = compFlags & ((1 << SCOPE_OFFSET) - 1);
      if (scope === CELL || onlyFlags & DEF_COMP_CELL) inlinedCells.add(name);
      const existing = ste.symbols.get(name);
      if (scope === FREE && ste.type === "class" && name === "__class__") {
        scope = GLOBAL_IMPLICIT;
        compFree.delete(name);
        removeDunderClass = true;
      }
      if (existing === undefined) {
        ste.symbols.set(name, onlyFlags);
        scopes.set(name, scope);
      } else {
        if (existing & DEF_BOUND && !isFreeInAnyChild(comp, name) && ste.type !== "class") {
          compFree.delete(name);
        }
      }
    }
    comp.compInlined = true;
    if (removeDunderClass) comp.symbols.delete("__class__");
  }

  private updateSymbols(
    ste: SymbolTableEntry, scopes: Map<string, number>, bound: Set<string> | null, free: Set<string>,
    inlinedCells: Set<string>, classFlag: boolean,
  ): void {
    for (const [name, flags0] of ste.symbols) {
      let flags = flags0;
      if (inlinedCells.has(name)) flags |= DEF_COMP_CELL;
      const scope = scopes.get(name) ?? 0;
      flags |= scope << SCOPE_OFFSET;
      ste.symbols.set(name, flags);
    }
    for (const name of free) {
      const v = ste.symbols.get(name);
      if (v !== undefined) {
        if (classFlag) ste.symbols.set(name, v | DEF_FREE_CLASS);
        continue;
      }
      if (bound && !bound.has(name)) continue;
      ste.symbols.set(name, FREE << SCOPE_OFFSET);
    }
  }
}

function isFreeInAnyChild(entry: SymbolTableEntry, name: string): boolean {
  for (const c of entry.children) {
    if (c.scope(name) === FREE) return true;
    if (isFreeInAnyChild(c, name)) return true;
  }
  return false;
}
