// _contextvars: context variables (Python/context.c), for one thread.
// Written in Python (bookkeeping code, no speed-critical parts); compiled on first import.
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`"""_contextvars: context variables (TSPython: one thread, so one current context)."""

class Context:
    def __init__(self):
        self._data = {}
        self._entered = False
    def run(self, callable, /, *args, **kwargs):
        global _current
        if self._entered:
            raise RuntimeError('cannot enter context: %r is already entered' % (self,))
        saved = _current
        self._entered = True
        _current = self
        try:
            return callable(*args, **kwargs)
        finally:
            _current = saved
            self._entered = False
    def copy(self):
        c = Context()
        c._data = dict(self._data)
        return c
    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError('a ContextVar key was expected, got %r' % (var,))
        return self._data[var]
    def get(self, var, default=None):
        return self._data.get(var, default)
    def __contains__(self, var):
        return var in self._data
    def __len__(self):
        return len(self._data)
    def __iter__(self):
        return iter(self._data)
    def keys(self):
        return self._data.keys()
    def values(self):
        return self._data.values()
    def items(self):
        return self._data.items()
    __hash__ = None

_current = Context()

def copy_context():
    return _current.copy()

class Token:
    MISSING = object()
    def __init__(self, context, var, old_value):
        self._context = context
        self._var = var
        self._old_value = old_value
        self._used = False
    var = property(lambda self: self._var)
    old_value = property(lambda self: self._old_value)
    def __repr__(self):
        return '<Token%s var=%r at %#x>' % (' used' if self._used else '', self._var, id(self))
    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)

class ContextVar:
    _NO_DEFAULT = object()
    def __init__(self, name, *, default=_NO_DEFAULT):
        if not isinstance(name, str):
            raise TypeError('context variable name must be a str')
        self._name = name
        self._default = default
    name = property(lambda self: self._name)
    def get(self, *args):
        try:
            return _current._data[self]
        except KeyError:
            pass
        if args:
            return args[0]
        if self._default is not ContextVar._NO_DEFAULT:
            return self._default
        raise LookupError(self)
    def set(self, value):
        data = _current._data
        old = data.get(self, Token.MISSING)
        data[self] = value
        return Token(_current, self, old)
    def reset(self, token):
        if token._used:
            raise RuntimeError('%r has already been used once' % (token,))
        if token._var is not self:
            raise ValueError('%r was created by a different ContextVar' % (token,))
        if token._context is not _current:
            raise ValueError('%r was created in a different Context' % (token,))
        if token._old_value is Token.MISSING:
            _current._data.pop(self, None)
        else:
            _current._data[self] = token._old_value
        token._used = True
    def __repr__(self):
        d = '' if self._default is ContextVar._NO_DEFAULT else ' default=%r' % (self._default,)
        return '<ContextVar name=%r%s at %#x>' % (self._name, d, id(self))
    def __hash__(self):
        return object.__hash__(self)
    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)
`;

export function makeContextvarsModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_contextvars", SOURCE);
}
