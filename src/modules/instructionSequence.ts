// _testinternalcapi.new_instruction_sequence(): CPython's InstructionSequence object
// (Python/instruction_sequence.c), the compiler's flat instruction list with jump labels,
// as test_compile's TestInstructionSequence drives it: addop, new_label, use_label,
// add_nested, get_nested and get_instructions (jump targets given as instruction indices).
import { PyObject, PyObj, PyType, None } from "../objects/core.js";
import { index } from "../objects/abstract.js";
import { defineMethod } from "../objects/descr.js";
import { typeError, valueError } from "../objects/exceptions.js";
import { PyModule } from "../objects/function.js";
import { PyList, newTuple } from "../objects/sequence.js";
import { HAS_ARG } from "../bytecode/opcodes.generated.js";
import { hasTarget } from "../compiler/flowgraph.js";
import { defModuleFn, nativeType } from "./modutil.js";

interface SequenceInstr {
  opcode: number;
  oparg: number;
  lineno: number;
  col: number;
  endLineno: number;
  endCol: number;
}

class PyInstructionSequence extends PyObject {
  declare instrs: SequenceInstr[];
  /** Label id -> index of the instruction it marks (-1: not placed yet). */
  declare labelMap: number[];
  declare nextLabel: number;
  declare nested: PyObj[];
  constructor(type: PyType) {
    super(type);
    this.instrs = [];
    this.labelMap = [];
    this.nextLabel = 0;
    this.nested = [];
  }
}

const opcodesWithArg = new Set(HAS_ARG);

function intArg(v: PyObj): number {
  return Number(index(v));
}

let sequenceType: PyType | null = null;

function instructionSequenceType(): PyType {
  if (sequenceType !== null) return sequenceType;
  const S = (o: PyObj): PyInstructionSequence => o as PyInstructionSequence;
  sequenceType = nativeType("builtins", "InstructionSequence", (t) => {
    defineMethod(t, "addop", (o, args) => {
      if (args.length !== 6) throw typeError(`addop expected 6 arguments, got ${args.length}`);
      const [opcode, oparg, lineno, col, endLineno, endCol] = args.map(intArg);
      S(o).instrs.push({ opcode, oparg, lineno, col, endLineno, endCol });
      return None;
    });
    // CPython: _PyInstructionSequence_NewLabel — ids count from 1.
    defineMethod(t, "new_label", (o) => ++S(o).nextLabel);
    defineMethod(t, "use_label", (o, args) => {
      const label = intArg(args[0]);
      if (label < 0) throw valueError("invalid label");
      const map = S(o).labelMap;
      while (map.length <= label) map.push(-1);
      map[label] = S(o).instrs.length;
      return None;
    });
    defineMethod(t, "add_nested", (o, args) => {
      if (!(args[0] instanceof PyInstructionSequence)) throw typeError("expected an instruction sequence");
      S(o).nested.push(args[0]);
      return None;
    });
    defineMethod(t, "get_nested", (o) => new PyList(S(o).nested.slice()));
    // Jump targets (labels) become the index of the instruction they mark, as
    // _PyInstructionSequence_ApplyLabelMap does; an opcode without argument shows None.
    defineMethod(t, "get_instructions", (o) => {
      const seq = S(o);
      return new PyList(seq.instrs.map((i) => {
        let arg: PyObj = None;
        if (opcodesWithArg.has(i.opcode)) {
          arg = hasTarget(i.opcode) && i.oparg < seq.labelMap.length && seq.labelMap[i.oparg] >= 0 ? seq.labelMap[i.oparg] : i.oparg;
        }
        return newTuple([i.opcode, arg, i.lineno, i.col, i.endLineno, i.endCol]);
      }));
    });
  });
  return sequenceType;
}

/** Adds new_instruction_sequence() to module `m` (_testinternalcapi). */
export function installInstructionSequence(m: PyModule): void {
  defModuleFn(m, "new_instruction_sequence", () => new PyInstructionSequence(instructionSequenceType()));
}
