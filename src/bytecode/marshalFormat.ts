// Facts of CPython 3.13's marshal format shared by the reader and the writer: type codes,
// limits, and the one error type. Format: ../shared/reference/cpython-3.13/formats.md, C.

/**
 * A failed marshal load or dump, thrown as itself (no JS Error, no stack). `pyType` names
 * the Python exception CPython raises, `message` is CPython's text exactly.
 * Besides EOFError/ValueError/TypeError, a load can fail the way CPython's code-object
 * constructor does (SystemError) or as its UTF-8 decoder does (UnicodeDecodeError).
 */
export class MarshalError {
  constructor(
    readonly pyType: "EOFError" | "ValueError" | "TypeError" | "SystemError" | "UnicodeDecodeError",
    readonly message: string,
  ) {}
}

/** Type codes (the low 7 bits of a type byte). */
export const enum TypeCode {
  NULL = 0x30, // '0'
  NONE = 0x4e, // 'N'
  FALSE = 0x46, // 'F'
  TRUE = 0x54, // 'T'
  STOPITER = 0x53, // 'S'
  ELLIPSIS = 0x2e, // '.'
  INT = 0x69, // 'i'
  INT64 = 0x49, // 'I' (read only)
  FLOAT = 0x66, // 'f' (text float, written only by versions < 2)
  BINARY_FLOAT = 0x67, // 'g'
  COMPLEX = 0x78, // 'x' (text complex, versions < 2)
  BINARY_COMPLEX = 0x79, // 'y'
  LONG = 0x6c, // 'l'
  STRING = 0x73, // 's' (bytes)
  INTERNED = 0x74, // 't'
  REF = 0x72, // 'r'
  TUPLE = 0x28, // '('
  LIST = 0x5b, // '['
  DICT = 0x7b, // '{'
  CODE = 0x63, // 'c'
  UNICODE = 0x75, // 'u'
  SET = 0x3c, // '<'
  FROZENSET = 0x3e, // '>'
  ASCII = 0x61, // 'a'
  ASCII_INTERNED = 0x41, // 'A'
  SMALL_TUPLE = 0x29, // ')'
  SHORT_ASCII = 0x7a, // 'z'
  SHORT_ASCII_INTERNED = 0x5a, // 'Z'
}

/** Bit 7 of a type byte: the object gets the next slot of the reference list. */
export const FLAG_REF = 0x80;

/** marshal.version in CPython 3.13. */
export const MARSHAL_VERSION = 4;

/**
 * Nesting limit of both reader and writer (MAX_MARSHAL_STACK_DEPTH): CPython's value on
 * Linux and macOS. Differs from the pyodide oracle, which is built with 1500 (as for WASI).
 */
export const MAX_MARSHAL_STACK_DEPTH = 2000;

/** Largest size field the format allows (SIZE32_MAX). */
export const SIZE32_MAX = 0x7fffffff;
