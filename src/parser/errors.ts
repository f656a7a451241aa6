// Errors of the parser that are not SyntaxErrors. CPython's parser gives up on input
// nested too deeply for its stack with a MemoryError ("Parser stack overflowed - Python
// source too complex to parse"); ast.parse's conversion of a very deep tree gives a
// RecursionError. CompileError has no such kinds, so these are their own class; the
// runtime raises the Python exception of that name.
export type ParserLimitKind = "MemoryError" | "RecursionError";

export class ParserLimitError {
  constructor(
    readonly kind: ParserLimitKind,
    readonly message: string,
  ) {}
}

export const STACK_OVERFLOW_MESSAGE = "Parser stack overflowed - Python source too complex to parse";
export const AST_RECURSION_MESSAGE = "maximum recursion depth exceeded during ast construction";
