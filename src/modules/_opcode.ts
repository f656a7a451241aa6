// _opcode: opcode facts for opcode.py / dis.py (Modules/_opcode.c), from the generated
// opcode tables and the compiler's stack-effect function.
import { PyObj, None } from "../objects/core.js";
import { PyModule } from "../objects/function.js";
import { valueError } from "../objects/exceptions.js";
import { indexAsNumber, isTrue } from "../objects/abstract.js";
import { PyList, newTuple } from "../objects/sequence.js";
import {
  HAS_ARG, HAS_CONST, HAS_NAME, HAS_JUMP, HAS_FREE, HAS_LOCAL, HAS_EXC, NB_OPS, INTRINSIC1_DESCS, INTRINSIC2_DESCS,
  OPNAME, HAVE_ARGUMENT,
} from "../bytecode/opcodes.generated.js";
import { stackEffect } from "../compiler/flowgraph.js";
import { bindArgs, defModuleFn } from "./modutil.js";

export function makeOpcodeModule(): PyModule {
  const m = new PyModule("_opcode");
  const member = (name: string, table: readonly number[]) => {
    const set = new Set(table);
    defModuleFn(m, name, (a) => set.has(indexAsNumber(a[0])));
  };
  member("has_arg", HAS_ARG);
  member("has_const", HAS_CONST);
  member("has_name", HAS_NAME);
  member("has_jump", HAS_JUMP);
  member("has_free", HAS_FREE);
  member("has_local", HAS_LOCAL);
  member("has_exc", HAS_EXC);
  defModuleFn(m, "is_valid", (a) => {
    const op = indexAsNumber(a[0]);
    return op >= 0 && op < OPNAME.length && !OPNAME[op].startsWith("<") && op !== 0 && op < 256 ? true : false;
  });
  defModuleFn(m, "stack_effect", (a, kw) => {
    const [opObj, argObj, jumpObj] = bindArgs("stack_effect", a, kw, ["opcode", "oparg", "jump"], 1);
    const op = indexAsNumber(opObj!);
    if (op < 0 || op >= 256 || OPNAME[op].startsWith("<")) throw valueError("invalid opcode or oparg");
    if (op >= HAVE_ARGUMENT && (argObj === null || argObj === None)) throw valueError("stack_effect: opcode requires oparg but oparg was not specified");
    if (op < HAVE_ARGUMENT && argObj !== null && argObj !== None) throw valueError("stack_effect: opcode does not permit oparg but oparg was specified");
    const oparg = argObj === null || argObj === None ? 0 : indexAsNumber(argObj);
    if (jumpObj === null || jumpObj === None) {
      return Math.max(stackEffect(op, oparg, true), stackEffect(op, oparg, false));
    }
    return stackEffect(op, oparg, isTrue(jumpObj));
  });
  m.dict.setStr("ENABLE_SPECIALIZATION", false);
  defModuleFn(m, "get_nb_ops", () => new PyList(NB_OPS.map(([a, b]) => newTuple([a, b]))));
  defModuleFn(m, "get_intrinsic1_descs", () => new PyList(INTRINSIC1_DESCS.slice()));
  defModuleFn(m, "get_intrinsic2_descs", () => new PyList(INTRINSIC2_DESCS.slice()));
  defModuleFn(m, "get_specialization_stats", () => None);
  defModuleFn(m, "get_executor", () => {
    throw valueError("no executor at given byte offset");
  });
  void (null as unknown as PyObj);
  return m;
}
