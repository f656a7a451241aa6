// The SyntaxWarnings CPython 3.13's code generator gives (Python/compile.c: check_compare,
// check_caller, check_subscripter, check_index and compiler_assert). Each check looks at
// the optimized AST only and returns the warning's message, or null; codegen.ts gives the
// message at the node's location (Codegen.warn), once per time it compiles the node.
import type * as ast from "../ast/nodes.generated.js";
import { PyBytesValue, PyComplexValue, PySetValue, PySingletonValue, PyTupleValue, type MarshalValue } from "../bytecode/values.js";

/** The Python type name of a constant's value (what type(value).__name__ gives). */
function constantTypeName(value: MarshalValue): string {
  if (value === null) return "NoneType";
  switch (typeof value) {
    case "boolean": return "bool";
    case "bigint": return "int";
    case "number": return "float";
    case "string": return "str";
  }
  if (value instanceof PyBytesValue) return "bytes";
  if (value instanceof PyTupleValue) return "tuple";
  if (value instanceof PyComplexValue) return "complex";
  if (value instanceof PySetValue) return value.frozen ? "frozenset" : "set";
  if (value instanceof PySingletonValue) return value === PySingletonValue.Ellipsis ? "ellipsis" : "type";
  return "object";
}

// CPython: infer_type — the type an expression certainly has, by its kind alone (null: unknown).
function inferTypeName(e: ast.expr): string | null {
  switch (e._kind) {
    case "Tuple": return "tuple";
    case "List": case "ListComp": return "list";
    case "Dict": case "DictComp": return "dict";
    case "Set": case "SetComp": return "set";
    case "GeneratorExp": return "generator";
    case "Lambda": return "function";
    case "JoinedStr": case "FormattedValue": return "str";
    case "Constant": return constantTypeName(e.value as MarshalValue);
    default: return null;
  }
}

/** `is` may be used with any expression but a literal other than None, True, False and `...`. */
function isAllowedIsOperand(e: ast.expr): boolean {
  if (e._kind !== "Constant") return true;
  const v = e.value as MarshalValue;
  return v === null || typeof v === "boolean" || v === PySingletonValue.Ellipsis;
}

/** check_compare: `x is 1`, `"a" is not x` (the first such operand of a chain). */
export function compareWarning(e: ast.Compare): string | null {
  let left = e.left;
  let leftOk = isAllowedIsOperand(left);
  for (let i = 0; i < e.ops.length; i++) {
    const op = e.ops[i]._kind;
    const right = e.comparators[i];
    const rightOk = isAllowedIsOperand(right);
    if ((op === "Is" || op === "IsNot") && !(leftOk && rightOk)) {
      const literal = leftOk ? right : left;
      return op === "Is"
        ? `"is" with '${inferTypeName(literal)}' literal. Did you mean "=="?`
        : `"is not" with '${inferTypeName(literal)}' literal. Did you mean "!="?`;
    }
    left = right;
    leftOk = rightOk;
  }
  return null;
}

/** check_caller: calling a literal or display, as in `[(1, 2) (3, 4)]`. */
export function callerWarning(func: ast.expr): string | null {
  switch (func._kind) {
    case "Constant": case "Tuple": case "List": case "ListComp": case "Dict": case "DictComp":
    case "Set": case "SetComp": case "GeneratorExp": case "JoinedStr": case "FormattedValue":
      return `'${inferTypeName(func)}' object is not callable; perhaps you missed a comma?`;
    default:
      return null;
  }
}

/** check_subscripter: subscripting a value that has no __getitem__ (`1[0]`, `{1}[0]`). */
export function subscripterWarning(value: ast.expr): string | null {
  switch (value._kind) {
    case "Constant": {
      const v = value.value as MarshalValue;
      const unsubscriptable = v === null || v === PySingletonValue.Ellipsis || typeof v === "boolean" ||
        typeof v === "bigint" || typeof v === "number" || v instanceof PyComplexValue || v instanceof PySetValue;
      if (!unsubscriptable) return null;
      break;
    }
    case "Set": case "SetComp": case "GeneratorExp": case "Lambda":
      break;
    default:
      return null;
  }
  return `'${inferTypeName(value)}' object is not subscriptable; perhaps you missed a comma?`;
}

/** check_index: a sequence indexed by something that is certainly no integer or slice (`[1]['a']`). */
export function indexWarning(value: ast.expr, index: ast.expr): string | null {
  const indexType = inferTypeName(index);
  // Slices have no type here (infer_type does not know them); bool is an int subclass.
  if (indexType === null || indexType === "int" || indexType === "bool") return null;
  switch (value._kind) {
    case "Constant": {
      const v = value.value as MarshalValue;
      if (!(typeof v === "string" || v instanceof PyBytesValue || v instanceof PyTupleValue)) return null;
      break;
    }
    case "Tuple": case "List": case "ListComp": case "JoinedStr": case "FormattedValue":
      break;
    default:
      return null;
  }
  return `${inferTypeName(value)} indices must be integers or slices, not ${indexType}; perhaps you missed a comma?`;
}

/** compiler_assert: `assert (x, "message")` tests a non-empty tuple, which is always true. */
export function assertWarning(test: ast.expr): string | null {
  const alwaysTrue = (test._kind === "Tuple" && test.elts.length > 0) ||
    (test._kind === "Constant" && test.value instanceof PyTupleValue && test.value.items.length > 0);
  return alwaysTrue ? "assertion is always true, perhaps remove parentheses?" : null;
}
