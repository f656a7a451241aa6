// Plain constant data as the bytecode layer holds it: what marshal reads and writes and
// what a code object's co_consts contains. No VM objects here (the VM converts these to
// its own objects once per code object).
//
// Representation (chosen so that Python's distinctions survive in JS):
//   None -> null; bool -> boolean; int -> bigint (any size); float -> number;
//   str -> string (UTF-16; lone surrogates kept); bytes -> PyBytesValue;
//   tuple -> PyTupleValue; list/dict/set/frozenset/complex -> their classes below;
//   Ellipsis and StopIteration -> the singletons below; code -> CodeObject.
import type { CodeObject } from "./code.js";

export class PyBytesValue {
  constructor(readonly bytes: Uint8Array) {}
}

export class PyTupleValue {
  constructor(readonly items: readonly MarshalValue[]) {}
}

export class PyListValue {
  constructor(readonly items: MarshalValue[]) {}
}

export class PyDictValue {
  constructor(readonly entries: [MarshalValue, MarshalValue][]) {}
}

/** set or frozenset; `items` keep the order they had in the stream. */
export class PySetValue {
  constructor(readonly frozen: boolean, readonly items: MarshalValue[]) {}
}

export class PyComplexValue {
  constructor(readonly real: number, readonly imag: number) {}
}

/** The singletons Ellipsis and StopIteration (marshal type codes '.' and 'S'). */
export class PySingletonValue {
  private constructor(readonly name: "Ellipsis" | "StopIteration") {}
  static readonly Ellipsis = new PySingletonValue("Ellipsis");
  static readonly StopIteration = new PySingletonValue("StopIteration");
}

export type MarshalValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | PyBytesValue
  | PyTupleValue
  | PyListValue
  | PyDictValue
  | PySetValue
  | PyComplexValue
  | PySingletonValue
  | CodeObject;
