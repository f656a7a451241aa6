// The one error type the parser and compiler report. The runtime turns it into a Python
// SyntaxError / IndentationError / TabError (fields as CPython's SyntaxError has them);
// the CLI prints it the way CPython prints an uncaught SyntaxError.
//
// Positions follow CPython's SyntaxError attributes: lineno and end_lineno are 1-based;
// offset and end_offset are 1-based *character* offsets into `text` (CPython converts the
// parser's byte offsets to character offsets before raising). A negative value is kept as
// it is (CPython's parser really reports end_offset -1, e.g. for "unexpected indent"),
// unless `negativeIsNone` is set: the compiler's errors (symtable, codegen, __future__)
// and the source-decoding errors go through PyErr_SyntaxLocation, where a negative
// position becomes None.
export type CompileErrorKind = "SyntaxError" | "IndentationError" | "TabError";

export class CompileError {
  constructor(
    readonly kind: CompileErrorKind,
    readonly message: string,
    readonly filename: string,
    readonly lineno: number,
    readonly offset: number,
    readonly endLineno: number,
    readonly endOffset: number,
    /** The source line the error is on (with its newline, as CPython keeps it), or null. */
    readonly text: string | null,
    /** A negative position means "not given" (None), as for the compiler's errors. */
    readonly negativeIsNone: boolean = false,
    /**
     * The compiler's errors: CPython reads `text` from the file named `filename`
     * (PyErr_ProgramTextObject), so it is None when there is no such file; `text` here is
     * the source's line, for when the runtime cannot read files.
     */
    readonly textFromFile: boolean = false,
  ) {}
}

/** Thrown (as itself) by the parser and compiler; catch with `instanceof CompileError`. */
export function isCompileError(value: unknown): value is CompileError {
  return value instanceof CompileError;
}

/**
 * A warning of the parser or compiler (CPython 3.13: SyntaxWarning for invalid escape
 * sequences, a number directly followed by a keyword, `x is 1`, `(1, 2)(3)`, `[1]['a']`,
 * `assert (x, msg)`). The runtime hands it to warnings.warn_explicit(message, category,
 * filename, lineno); when the warnings filters turn it into an exception of its category,
 * CPython raises `error` instead (a SyntaxError with the message and the warning's position).
 */
export interface CompileWarning {
  category: "SyntaxWarning" | "DeprecationWarning";
  message: string;
  lineno: number;
  /** The SyntaxError that replaces the warning when it is turned into an error. */
  error: CompileError;
}

/** Receives each warning as it is given; may throw (a warning turned into an error). */
export type CompileWarningSink = (warning: CompileWarning) => void;
