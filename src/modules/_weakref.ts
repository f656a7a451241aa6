// _weakref: weak references as TSPython can offer them (no reference counting).
// Written in Python (bookkeeping code, no speed-critical parts); compiled on first import.
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`"""TSPython's _weakref. There is no reference counting under TSPython, so a weak
reference keeps its referent alive (callbacks never run); identity, hashing and
comparison behave as CPython's while the referent is alive."""

class ReferenceType:
    __slots__ = ('_ob', '_callback', '_hash')
    def __new__(cls, ob, callback=None, /, *args, **kwargs):
        if type(ob) in (int, str, tuple, float, bool, type(None), bytes, list, dict):
            raise TypeError("cannot create weak reference to '%s' object" % type(ob).__name__)
        self = object.__new__(cls)
        self._ob = ob
        self._callback = callback
        self._hash = None
        return self
    def __init__(self, ob, callback=None, /):
        pass
    def __call__(self):
        return self._ob
    @property
    def __callback__(self):
        return self._callback
    def __hash__(self):
        if self._hash is None:
            self._hash = hash(self._ob)
        return self._hash
    def __eq__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        return self._ob == other._ob
    def __ne__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        return self._ob != other._ob
    def __repr__(self):
        ob = self._ob
        name = getattr(type(ob), '__name__', '?')
        return '<weakref at %#x; to %r at %#x>' % (id(self), name, id(ob))
    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)
ReferenceType.__name__ = 'ReferenceType'
ReferenceType.__module__ = 'weakref'
ref = ReferenceType

class ProxyType:
    def __init__(self, ob, callback=None):
        object.__setattr__(self, '_ob', ob)
    def __getattr__(self, name):
        return getattr(object.__getattribute__(self, '_ob'), name)
    def __setattr__(self, name, value):
        setattr(object.__getattribute__(self, '_ob'), name, value)
    def __repr__(self):
        ob = object.__getattribute__(self, '_ob')
        return '<weakproxy at %#x; to %r at %#x>' % (id(self), type(ob).__name__, id(ob))
    def __str__(self):
        return str(object.__getattribute__(self, '_ob'))
    def __len__(self):
        return len(object.__getattribute__(self, '_ob'))
    def __iter__(self):
        return iter(object.__getattribute__(self, '_ob'))
    def __eq__(self, other):
        return object.__getattribute__(self, '_ob') == other
    def __bool__(self):
        return bool(object.__getattribute__(self, '_ob'))
    __hash__ = None

class CallableProxyType(ProxyType):
    def __call__(self, *args, **kwargs):
        return object.__getattribute__(self, '_ob')(*args, **kwargs)

def proxy(ob, callback=None):
    if callable(ob):
        return CallableProxyType(ob, callback)
    return ProxyType(ob, callback)

def getweakrefcount(ob):
    return 0

def getweakrefs(ob):
    return []

def _remove_dead_weakref(d, key):
    try:
        del d[key]
    except KeyError:
        pass
`;

export function makeWeakrefModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_weakref", SOURCE);
}
