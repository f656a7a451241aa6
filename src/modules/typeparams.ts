// The PEP 695 intrinsics (CALL_INTRINSIC_1/2 for `class C[T]`, `def f[T: int]`, `type X = ...`),
// built with the _typing module's classes as CPython's Objects/typevarobject.c does.
import { PyObj, None } from "../objects/core.js";
import { newException, SystemError } from "../objects/exceptions.js";
import { call, getAttr, setAttr } from "../objects/abstract.js";
import { PyTuple, newTuple } from "../objects/sequence.js";
import { intrinsicHooks } from "../vm/ops.js";
import type { Interpreter } from "./interp.js";

export function installTypeParamIntrinsics(interp: Interpreter): void {
  const typing = (): PyObj => interp.importModule("_typing", None, None, 0);
  const cls = (name: string): PyObj => getAttr(typing(), name);
  intrinsicHooks.typeParams1 = (oparg, v) => {
    switch (oparg) {
      // PEP 695 type parameters infer their variance (repr without +/-/~).
      case 7: return call(cls("TypeVar"), [v, true], ["infer_variance"]);
      case 8: return call(cls("ParamSpec"), [v, true], ["infer_variance"]);
      case 9: return call(cls("TypeVarTuple"), [v]);
      case 10: return call(getAttr(cls("Generic"), "__class_getitem__"), [v instanceof PyTuple ? v : newTuple([v])]);
      case 11: {
        // (name, type_params, compute_value)
        const [name, params, compute] = (v as PyTuple).items;
        const alias = call(cls("TypeAliasType"), [name, None, params === None ? newTuple([]) : params], ["type_params"]);
        setAttr(alias, "_evaluate_value", compute);
        return alias;
      }
    }
    throw newException(SystemError, `intrinsic ${oparg} is not supported yet`);
  };
  intrinsicHooks.typeParams2 = (oparg, v1, v2) => {
    switch (oparg) {
      case 2: { // TYPEVAR_WITH_BOUND(name, evaluate_bound)
        const tv = call(cls("TypeVar"), [v1, true], ["infer_variance"]);
        setAttr(tv, "_evaluate_bound", v2);
        return tv;
      }
      case 3: { // TYPEVAR_WITH_CONSTRAINTS(name, evaluate_constraints)
        const tv = call(cls("TypeVar"), [v1, true], ["infer_variance"]);
        setAttr(tv, "_evaluate_constraints", v2);
        return tv;
      }
      case 4: // SET_FUNCTION_TYPE_PARAMS(func, params)
        setAttr(v1, "__type_params__", v2);
        return v1;
      case 5: // SET_TYPEPARAM_DEFAULT(typeparam, evaluate_default)
        setAttr(v1, "_evaluate_default", v2);
        return v1;
    }
    throw newException(SystemError, `intrinsic2 ${oparg} is not supported yet`);
  };
}
