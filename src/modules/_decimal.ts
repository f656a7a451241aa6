// _decimal: the decimal module's arithmetic (CPython: Modules/_decimal/_decimal.c over
// libmpdec). Written in Python on Python ints — a Decimal is sign, coefficient and
// exponent — and compiled on first import; Lib/decimal.py does `from _decimal import *`.
// The source is kept in parts under ./decimal/ and joined here: module-level helpers,
// then one class body made of the Decimal method groups, then the tail.
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";
import { CONTEXT_SOURCE } from "./decimal/context.js";
import { NUMBER_HELPERS_SOURCE } from "./decimal/number.js";
import { DECIMAL_CLASS_HEAD } from "./decimal/decimalClass.js";
import { DECIMAL_METHODS, METHOD_HELPERS_SOURCE } from "./decimal/methods.js";
import { TRANSCENDENTAL_HELPERS_SOURCE, TRANSCENDENTAL_METHODS, POWER_HELPERS_SOURCE } from "./decimal/transcendental.js";
import { FORMAT_HELPERS_SOURCE, FORMAT_METHODS } from "./decimal/format.js";

const TAIL = String.raw`
Decimal.__module__ = 'decimal'
# Class-statement artefacts the C types do not have.
for _cls in (Decimal, Context, _SignalDict, _ContextManager):
    for _name in ('__slots__', '__static_attributes__'):
        if _name in _cls.__dict__:
            delattr(_cls, _name)
del _cls, _name
_numbers.Number.register(Decimal)
import collections.abc as _abc
_abc.MutableMapping.register(_SignalDict)
del _abc
`;

const SOURCE = [
  CONTEXT_SOURCE,
  NUMBER_HELPERS_SOURCE,
  METHOD_HELPERS_SOURCE,
  TRANSCENDENTAL_HELPERS_SOURCE,
  POWER_HELPERS_SOURCE,
  FORMAT_HELPERS_SOURCE,
  DECIMAL_CLASS_HEAD,
  DECIMAL_METHODS,
  TRANSCENDENTAL_METHODS,
  FORMAT_METHODS,
  TAIL,
].join("\n");

export function makeDecimalModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_decimal", SOURCE);
}
