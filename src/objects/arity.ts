// Argument-count checks of builtin methods declared METH_NOARGS / METH_O in CPython, with
// its messages ("str.upper() takes no arguments (1 given)"). Applied after a type's
// methods are installed, by wrapping the method descriptors.
import { PyType } from "./core.js";
import { defineMethod, PyMethodDescr } from "./descr.js";
import { typeError } from "./exceptions.js";

function wrap(t: PyType, name: string, check: (n: number) => string | null): void {
  const d = t.dict.getStr(name);
  if (!(d instanceof PyMethodDescr)) return;
  const fn = d.fn;
  const q = `${t.name}.${name}`;
  defineMethod(t, name, (self, args, kw) => {
    if (kw !== null && kw.length > 0) throw typeError(`${q}() takes no keyword arguments`);
    const msg = check(args.length);
    if (msg !== null) throw typeError(`${q}() ${msg}`);
    return fn(self, args, kw);
  });
}

/** METH_NOARGS methods. */
export function noArgs(t: PyType, names: readonly string[]): void {
  for (const n of names) wrap(t, n, (k) => (k === 0 ? null : `takes no arguments (${k} given)`));
}

/** METH_O methods. */
export function oneArg(t: PyType, names: readonly string[]): void {
  for (const n of names) wrap(t, n, (k) => (k === 1 ? null : `takes exactly one argument (${k} given)`));
}

const STR_NOARGS = [
  "capitalize", "casefold", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier",
  "islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper", "lower", "swapcase",
  "title", "upper", "__getnewargs__", "__sizeof__",
];
const BYTES_NOARGS = [
  "capitalize", "isalnum", "isalpha", "isascii", "isdigit", "islower", "isspace", "istitle",
  "isupper", "lower", "swapcase", "title", "upper",
];

/** The METH_NOARGS / METH_O methods of the builtin types (after they are installed). */
export function installArityChecks(types: {
  str: PyType; bytes: PyType; bytearray: PyType; int: PyType; float: PyType; complex: PyType; dict: PyType;
  set: PyType; frozenset: PyType;
}): void {
  noArgs(types.set, ["clear", "copy", "pop", "__reduce__", "__sizeof__"]);
  noArgs(types.frozenset, ["copy", "__reduce__", "__sizeof__"]);
  noArgs(types.str, STR_NOARGS);
  oneArg(types.str, ["partition", "rpartition", "removeprefix", "removesuffix", "join", "__format__", "translate", "zfill"]);
  for (const t of [types.bytes, types.bytearray]) {
    noArgs(t, BYTES_NOARGS);
    oneArg(t, ["partition", "rpartition", "removeprefix", "removesuffix", "join", "zfill"]);
  }
  noArgs(types.bytes, ["__getnewargs__", "__bytes__"]);
  noArgs(types.bytearray, ["copy", "clear", "reverse", "__alloc__"]);
  oneArg(types.bytearray, ["remove", "append", "extend"]);
  noArgs(types.int, ["bit_length", "bit_count", "as_integer_ratio", "is_integer", "conjugate", "__getnewargs__"]);
  noArgs(types.float, ["hex", "is_integer", "as_integer_ratio", "conjugate", "__getnewargs__", "__trunc__", "__floor__", "__ceil__"]);
  noArgs(types.complex, ["conjugate", "__getnewargs__", "__complex__"]);
  noArgs(types.dict, ["keys", "values", "items", "copy", "clear", "popitem"]);
}
