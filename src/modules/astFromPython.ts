// compile() of an AST object: _ast instances -> our AST nodes (CPython's PyAST_obj2mod in
// Python/Python-ast.c), then the checks of _PyAST_Validate (Python/ast.c) that keep the
// compiler from seeing a tree the parser could never make. Driven by NODE_INFO, the same
// table the _ast classes are generated from (_ast.ts), so every node kind is covered.
import * as A from "../ast/nodes.generated.js";
import { NODE_INFO, type NodeKind } from "../ast/nodes.generated.js";
import {
  PyBytesValue, PyComplexValue, PySetValue, PySingletonValue, PyTupleValue, type MarshalValue,
} from "../bytecode/values.js";
import { PyObj, PyType, None, Ellipsis, PyFloat, typeOf, floatType, complexType, bytesType, tupleType, frozensetType } from "../objects/core.js";
import { PyModule } from "../objects/function.js";
import { getAttrOrNull, isInstance, repr, toArray } from "../objects/abstract.js";
import { typeError, valueError } from "../objects/exceptions.js";
import { PyBytes, PyComplex, PySet } from "../objects/misc.js";
import { PyList, PyTuple } from "../objects/sequence.js";

/** The AST classes of module _ast, by name. */
type ClassOf = (name: string) => PyType;

/** The node class constructors by kind ("arguments" is `arguments_` in TypeScript). */
function nodeConstructor(kind: NodeKind): new (...args: unknown[]) => A.AnyNode {
  const table = A as unknown as Record<string, new (...args: unknown[]) => A.AnyNode>;
  return table[kind === "arguments" ? "arguments_" : kind];
}

/** The kinds of each abstract base (expr, stmt, ...), from NODE_INFO. */
const KINDS_OF_BASE = new Map<string, NodeKind[]>();
for (const [kind, info] of Object.entries(NODE_INFO) as [NodeKind, (typeof NODE_INFO)[NodeKind]][]) {
  if (info.base === null) continue;
  const list = KINDS_OF_BASE.get(info.base) ?? [];
  list.push(kind);
  KINDS_OF_BASE.set(info.base, list);
}

/** What mode asks for: compile()'s mode -> the mod kind (CPython's req_type). */
const MODE_KINDS: Record<string, NodeKind> = { exec: "Module", eval: "Expression", single: "Interactive", func_type: "FunctionType" };

class AstReader {
  constructor(private readonly classOf: ClassOf) {}

  /** One node of type `type` (a base name such as "expr", or a concrete kind such as "arguments"). */
  node(obj: PyObj, type: string): A.AnyNode {
    const kinds = KINDS_OF_BASE.get(type) ?? [type as NodeKind];
    for (const kind of kinds) {
      if (isInstance(obj, this.classOf(kind))) return this.build(obj, kind, type);
    }
    throw typeError(`expected some sort of ${type}, but got ${repr(obj)}`);
  }

  private build(obj: PyObj, kind: NodeKind, type: string): A.AnyNode {
    const info = NODE_INFO[kind];
    const args: unknown[] = [];
    for (const [name, fieldType] of info.fields) args.push(this.field(obj, kind, name, fieldType));
    for (const name of info.attributes) {
      const v = getAttrOrNull(obj, name);
      if (v === null || v === None) {
        // end_lineno / end_col_offset may be left out: CPython takes the start's.
        if (name === "end_lineno") args.push(args[args.length - 2]);
        else if (name === "end_col_offset") args.push(args[args.length - 2]);
        else throw typeError(`required field "${name}" missing from ${type}`);
      } else {
        args.push(this.int(v));
      }
    }
    return new (nodeConstructor(kind))(...args);
  }

  private field(obj: PyObj, kind: NodeKind, name: string, fieldType: string): unknown {
    const v = getAttrOrNull(obj, name);
    if (fieldType.endsWith("*")) {
      if (v === null || v === None) return [];
      if (!(v instanceof PyList)) throw typeError(`${kind} field "${name}" must be a list, not a ${typeOf(v).name}`);
      const itemType = fieldType.slice(0, -1);
      return v.items.slice().map((item) => this.value(item, itemType, kind, name, false));
    }
    const optional = fieldType.endsWith("?");
    if (v === null || (v === None && !(fieldType === "constant"))) {
      if (optional) return null;
      throw typeError(`required field "${name}" missing from ${kind}`);
    }
    return this.value(v, optional ? fieldType.slice(0, -1) : fieldType, kind, name, optional);
  }

  private value(v: PyObj, type: string, kind: NodeKind, name: string, optional: boolean): unknown {
    switch (type) {
      case "identifier":
      case "string":
        if (v === None && optional) return null;
        if (typeof v !== "string") throw typeError(`AST ${type} must be of type str`);
        return v;
      case "int":
        return this.int(v);
      case "constant":
        return constantValue(v);
      default:
        if (v === None) {
          if (optional) return null;
          throw typeError(`field "${name}" is required for ${kind}`);
        }
        return this.node(v, type);
    }
  }

  private int(v: PyObj): number {
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (typeof v === "bigint") return Number(v);
    throw valueError(`invalid integer value: ${repr(v)}`);
  }
}

/** A Constant's value (CPython's validate_constant: exact builtin constant types only). */
function constantValue(v: PyObj): MarshalValue {
  if (v === None) return null;
  if (typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return BigInt(v);
  if (v === Ellipsis) return PySingletonValue.Ellipsis;
  const t = typeOf(v);
  if (v instanceof PyFloat && t === floatType) return v.value;
  if (v instanceof PyComplex && t === complexType) return new PyComplexValue(v.real, v.imag);
  if (v instanceof PyBytes && t === bytesType) return new PyBytesValue(v.bytes.slice());
  if (v instanceof PyTuple && t === tupleType) return new PyTupleValue(v.items.map(constantValue));
  if (v instanceof PySet && t === frozensetType) return new PySetValue(true, toArray(v).map(constantValue));
  throw typeError(`got an invalid type in Constant: ${t.name}`);
}

/**
 * compile(tree, ...): the tree as our AST for `mode`, checked as CPython checks it
 * (TypeError for a wrong node or field type, TypeError/ValueError from the validator).
 */
export function astFromPython(astModule: PyModule, tree: PyObj, mode: string): A.mod {
  const classOf: ClassOf = (name) => astModule.dict.getStr(name) as PyType;
  const want = MODE_KINDS[mode];
  if (!isInstance(tree, classOf(want))) throw typeError(`expected ${want} node, got ${typeOf(tree).name}`);
  const mod = new AstReader(classOf).node(tree, want) as A.mod;
  validateMod(mod);
  return mod;
}

// ---- validation (Python/ast.c), the checks that matter to the compiler ----

type Ctx = "Load" | "Store" | "Del";

function validateMod(mod: A.mod): void {
  switch (mod._kind) {
    case "Module": case "Interactive": validateStmts(mod.body); break;
    case "Expression": validateExpr(mod.body, "Load"); break;
    case "FunctionType": validateExprs(mod.argtypes, "Load"); validateExpr(mod.returns, "Load"); break;
  }
}

function validateBody(body: A.stmt[], owner: string): void {
  if (body.length === 0) throw valueError(`empty body on ${owner}`);
  validateStmts(body);
}

function validateStmts(stmts: A.stmt[]): void {
  for (const s of stmts) validateStmt(s);
}

function validateExprs(exprs: A.expr[], ctx: Ctx, nullOk = false): void {
  for (const e of exprs) {
    if (e === null) {
      if (!nullOk) throw valueError("None disallowed in expression list");
      continue;
    }
    validateExpr(e, ctx);
  }
}

function validateArguments(a: A.arguments_): void {
  const all = [...a.posonlyargs, ...a.args, ...(a.vararg ? [a.vararg] : []), ...a.kwonlyargs, ...(a.kwarg ? [a.kwarg] : [])];
  for (const arg of all) if (arg.annotation) validateExpr(arg.annotation, "Load");
  if (a.defaults.length > a.posonlyargs.length + a.args.length) throw valueError("more positional defaults than args on arguments");
  if (a.kw_defaults.length !== a.kwonlyargs.length) throw valueError("length of kwonlyargs is not the same as kw_defaults on arguments");
  validateExprs(a.defaults, "Load");
  validateExprs(a.kw_defaults as (A.expr | null)[] as A.expr[], "Load", true);
}

function validateTypeParams(params: A.type_param[]): void {
  for (const p of params) {
    if (p._kind === "TypeVar" && p.bound) validateExpr(p.bound, "Load");
    if (p.default_value) validateExpr(p.default_value, "Load");
  }
}

function validateStmt(s: A.stmt): void {
  switch (s._kind) {
    case "FunctionDef": case "AsyncFunctionDef":
      validateBody(s.body, s._kind);
      validateTypeParams(s.type_params);
      validateArguments(s.args);
      validateExprs(s.decorator_list, "Load");
      if (s.returns) validateExpr(s.returns, "Load");
      break;
    case "ClassDef":
      validateBody(s.body, "ClassDef");
      validateTypeParams(s.type_params);
      validateExprs(s.bases, "Load");
      for (const k of s.keywords) validateExpr(k.value, "Load");
      validateExprs(s.decorator_list, "Load");
      break;
    case "Return": if (s.value) validateExpr(s.value, "Load"); break;
    case "Delete":
      if (s.targets.length === 0) throw valueError("empty targets on Delete");
      validateExprs(s.targets, "Del");
      break;
    case "Assign":
      if (s.targets.length === 0) throw valueError("empty targets on Assign");
      validateExprs(s.targets, "Store");
      validateExpr(s.value, "Load");
      break;
    case "AugAssign": validateExpr(s.target, "Store"); validateExpr(s.value, "Load"); break;
    case "AnnAssign":
      if (s.simple && s.target._kind !== "Name") throw typeError("AnnAssign with simple non-Name target");
      validateExpr(s.target, "Store");
      if (s.value) validateExpr(s.value, "Load");
      validateExpr(s.annotation, "Load");
      break;
    case "TypeAlias":
      if (s.name._kind !== "Name") throw typeError("TypeAlias with non-Name name");
      validateExpr(s.name, "Store");
      validateTypeParams(s.type_params);
      validateExpr(s.value, "Load");
      break;
    case "For": case "AsyncFor":
      validateExpr(s.target, "Store");
      validateExpr(s.iter, "Load");
      validateBody(s.body, s._kind);
      validateStmts(s.orelse);
      break;
    case "While": validateExpr(s.test, "Load"); validateBody(s.body, "While"); validateStmts(s.orelse); break;
    case "If": validateExpr(s.test, "Load"); validateBody(s.body, "If"); validateStmts(s.orelse); break;
    case "With": case "AsyncWith":
      if (s.items.length === 0) throw valueError(`empty items on ${s._kind}`);
      for (const item of s.items) {
        validateExpr(item.context_expr, "Load");
        if (item.optional_vars) validateExpr(item.optional_vars, "Store");
      }
      validateBody(s.body, s._kind);
      break;
    case "Match":
      validateExpr(s.subject, "Load");
      if (s.cases.length === 0) throw valueError("empty cases on Match");
      for (const c of s.cases) {
        if (c.guard) validateExpr(c.guard, "Load");
        validateBody(c.body, "match_case");
      }
      break;
    case "Raise":
      if (s.exc) validateExpr(s.exc, "Load");
      if (s.cause) {
        if (!s.exc) throw valueError("Raise with cause but no exception");
        validateExpr(s.cause, "Load");
      }
      break;
    case "Try": case "TryStar":
      validateBody(s.body, s._kind);
      if (s.handlers.length === 0 && s.finalbody.length === 0) throw valueError(`${s._kind} has neither except handlers nor finalbody`);
      if (s.handlers.length === 0 && s.orelse.length > 0) throw valueError(`${s._kind} has orelse but no except handlers`);
      for (const h of s.handlers) {
        if (h.type) validateExpr(h.type, "Load");
        validateBody(h.body, "ExceptHandler");
      }
      validateStmts(s.finalbody);
      validateStmts(s.orelse);
      break;
    case "Assert": validateExpr(s.test, "Load"); if (s.msg) validateExpr(s.msg, "Load"); break;
    case "Import": if (s.names.length === 0) throw valueError("empty names on Import"); break;
    case "ImportFrom":
      if (s.level !== null && s.level < 0) throw valueError("Negative ImportFrom level");
      if (s.names.length === 0) throw valueError("empty names on ImportFrom");
      break;
    case "Global": case "Nonlocal":
      if (s.names.length === 0) throw valueError(`empty names on ${s._kind}`);
      break;
    case "Expr": validateExpr(s.value, "Load"); break;
    default: break;
  }
}

function validateComprehension(gens: A.comprehension[]): void {
  if (gens.length === 0) throw valueError("comprehension with no generators");
  for (const g of gens) {
    validateExpr(g.target, "Store");
    validateExpr(g.iter, "Load");
    validateExprs(g.ifs, "Load");
  }
}

function validateExpr(e: A.expr, ctx: Ctx): void {
  let actual: Ctx | null = null;
  switch (e._kind) {
    case "Attribute": case "Subscript": case "Starred": case "Name": case "List": case "Tuple":
      actual = e.ctx._kind;
      if (actual !== ctx) throw valueError(`expression must have ${ctx} context but has ${actual} instead`);
      break;
    default:
      if (ctx !== "Load") throw valueError(`expression which can't be assigned to in ${ctx} context`);
  }
  switch (e._kind) {
    case "BoolOp":
      if (e.values.length < 2) throw valueError("BoolOp with less than 2 values");
      validateExprs(e.values, "Load");
      break;
    case "NamedExpr":
      if (e.target._kind !== "Name") throw typeError("NamedExpr target must be a Name");
      validateExpr(e.value, "Load");
      break;
    case "BinOp": validateExpr(e.left, "Load"); validateExpr(e.right, "Load"); break;
    case "UnaryOp": validateExpr(e.operand, "Load"); break;
    case "Lambda": validateArguments(e.args); validateExpr(e.body, "Load"); break;
    case "IfExp": validateExpr(e.test, "Load"); validateExpr(e.body, "Load"); validateExpr(e.orelse, "Load"); break;
    case "Dict":
      if (e.keys.length !== e.values.length) throw valueError("Dict doesn't have the same number of keys as values");
      validateExprs(e.keys as (A.expr | null)[] as A.expr[], "Load", true);
      validateExprs(e.values, "Load");
      break;
    case "Set": validateExprs(e.elts, "Load"); break;
    case "ListComp": case "SetComp": case "GeneratorExp":
      validateComprehension(e.generators);
      validateExpr(e.elt, "Load");
      break;
    case "DictComp":
      validateComprehension(e.generators);
      validateExpr(e.key, "Load");
      validateExpr(e.value, "Load");
      break;
    case "Yield": if (e.value) validateExpr(e.value, "Load"); break;
    case "YieldFrom": case "Await": validateExpr(e.value, "Load"); break;
    case "Compare":
      if (e.comparators.length === 0) throw valueError("Compare with no comparators");
      if (e.comparators.length !== e.ops.length) throw valueError("Compare has a different number of comparators and operands");
      validateExprs(e.comparators, "Load");
      validateExpr(e.left, "Load");
      break;
    case "Call":
      validateExpr(e.func, "Load");
      validateExprs(e.args, "Load");
      for (const k of e.keywords) validateExpr(k.value, "Load");
      break;
    case "JoinedStr": validateExprs(e.values, "Load"); break;
    case "FormattedValue":
      validateExpr(e.value, "Load");
      if (e.format_spec) validateExpr(e.format_spec, "Load");
      break;
    case "Attribute": validateExpr(e.value, "Load"); break;
    case "Subscript": validateExpr(e.slice, "Load"); validateExpr(e.value, "Load"); break;
    case "Starred": validateExpr(e.value, ctx); break;
    case "Slice":
      if (e.lower) validateExpr(e.lower, "Load");
      if (e.upper) validateExpr(e.upper, "Load");
      if (e.step) validateExpr(e.step, "Load");
      break;
    case "List": case "Tuple": validateExprs(e.elts, ctx); break;
    case "Name":
      if (e.id === "None" || e.id === "True" || e.id === "False") throw valueError(`identifier field can't represent '${e.id}' constant`);
      break;
    default: break;
  }
}
