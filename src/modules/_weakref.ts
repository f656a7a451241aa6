// _weakref: weak references (Modules/_weakref.c, Objects/weakrefobject.c). The Python
// classes below hold their referent through a native weak cell (a JS WeakRef); a referent
// is collected at gc.collect() at the earliest (there is no reference counting: `del x`
// alone frees nothing), and callbacks run then, from vm/finalization.ts.
import { PyObj, PyObject, PyType, None, TypeFlag, makeBuiltinType, objectType, typeOf } from "../objects/core.js";
import type { PyModule } from "../objects/function.js";
import { typeError } from "../objects/exceptions.js";
import { call } from "../objects/abstract.js";
import { toArray } from "../objects/abstract.js";
import { registerWeakCallback, writeUnraisable, noteWeakRefMade } from "../vm/finalization.js";
import type { Interpreter } from "./interp.js";
import { defModuleFn, pythonModule } from "./modutil.js";

/** The weak cell: calling it gives the referent, or None once it has been collected. */
const weakCellType = makeBuiltinType("weakcell", objectType, 0);
class PyWeakCell extends PyObject {
  declare readonly target: WeakRef<object>;
  constructor(target: object) {
    super(weakCellType);
    this.target = new WeakRef(target);
  }
}
weakCellType.tp_call = (cell) => ((cell as PyWeakCell).target.deref() as PyObj | undefined) ?? None;

/** Builtin types whose instances have no weak-reference list (tp_weaklistoffset == 0). */
const NOT_WEAKREFABLE = new Set([
  "int", "bool", "float", "complex", "str", "bytes", "bytearray", "tuple", "list", "dict",
  "range", "slice", "NoneType", "ellipsis", "NotImplementedType", "object", "property",
  "staticmethod", "classmethod", "member_descriptor", "getset_descriptor", "method-wrapper",
  "wrapper_descriptor", "method_descriptor", "frame", "list_iterator", "tuple_iterator",
  "str_ascii_iterator", "str_iterator", "range_iterator", "dict_keys", "dict_values", "dict_items",
]);
/** Variable-sized builtins: their subclasses cannot add a weak-reference list either. */
const VAR_SIZED = new Set(["int", "bool", "bytes", "tuple"]);

/** Whether instances of `t` support weak references (CPython: tp_weaklistoffset != 0). */
function isWeakrefable(t: PyType): boolean {
  for (const c of t.mro) {
    if (c.flags & TypeFlag.HEAPTYPE) {
      // A class without __slots__ adds __weakref__, unless its builtin base is var-sized.
      const slots = c.dict.getStr("__slots__");
      if (slots === undefined) return !c.mro.some((b) => !(b.flags & TypeFlag.HEAPTYPE) && VAR_SIZED.has(b.name));
      if (declaresWeakref(slots)) return true;
      continue;
    }
    return !NOT_WEAKREFABLE.has(c.name);
  }
  return false;
}

/** Whether a __slots__ declaration names __weakref__ (a string or an iterable of strings). */
function declaresWeakref(slots: PyObj): boolean {
  if (typeof slots === "string") return slots === "__weakref__";
  try {
    const items = toArray(slots);
    return items.includes("__weakref__");
  } catch {
    return false;
  }
}

/** _weakcell(ob, owner): the cell for `ob`; with an `owner` weakref, its callback is armed. */
function makeWeakCell(args: PyObj[]): PyObj {
  const ob = args[0];
  if (typeof ob !== "object" || ob === null || !isWeakrefable(typeOf(ob))) {
    throw typeError(`cannot create weak reference to '${typeOf(ob).name}' object`);
  }
  const owner = args[1];
  if (owner !== undefined && owner !== None) registerWeakCallback(ob, owner as PyObject, runCallback);
  noteWeakRefMade();
  return new PyWeakCell(ob as object);
}

/**
 * A collected referent: calls the weakref's callback with the weakref (errors are
 * unraisable). The callback is read from its slot directly: a proxy forwards attribute
 * lookups to its (now dead) referent.
 */
function runCallback(owner: object): void {
  let callback: PyObj | null = null;
  try {
    const t = typeOf(owner as PyObj);
    const slot = t.lookup("_wr_callback");
    const get = slot === null ? null : typeOf(slot).tp_descr_get;
    callback = slot === null ? null : get === null ? slot : get(slot, owner as PyObj, t);
    if (callback !== null && callback !== None) call(callback, [owner as PyObj]);
  } catch (e) {
    writeUnraisable(e, callback ?? None);
  }
}

const SOURCE = String.raw`"""TSPython's _weakref: weak references through native weak cells
(there is no reference counting: a referent dies at a garbage collection)."""

class ReferenceType:
    __slots__ = ('_wr_cell', '_wr_callback', '_wr_hash')
    def __new__(cls, ob, callback=None, /, *args, **kwargs):
        # As CPython: ref(ob) without a callback is the one basic ref of ob while it lives.
        basic = callback is None and cls is ReferenceType
        if basic:
            existing = _basic_ref(ob)
            if existing is not None:
                return existing
        self = object.__new__(cls)
        self._wr_cell = _weakcell(ob, None if callback is None else self)
        self._wr_callback = callback
        self._wr_hash = None
        if basic:
            _set_basic_ref(ob, self)
        return self
    def __init__(self, ob, callback=None, /):
        pass
    def __call__(self):
        return self._wr_cell()
    @property
    def __callback__(self):
        return self._wr_callback
    def __hash__(self):
        if self._wr_hash is None:
            ob = self._wr_cell()
            if ob is None:
                raise TypeError("weak object has gone away")
            self._wr_hash = hash(ob)
        return self._wr_hash
    def __eq__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a = self._wr_cell()
        b = other._wr_cell()
        if a is None or b is None:
            return self is other
        return a == b
    def __ne__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a = self._wr_cell()
        b = other._wr_cell()
        if a is None or b is None:
            return self is not other
        return a != b
    def __repr__(self):
        ob = self._wr_cell()
        if ob is None:
            return '<weakref at %#x; dead>' % id(self)
        name = getattr(ob, '__name__', None)
        if isinstance(name, str):
            return '<weakref at %#x; to %r at %#x (%s)>' % (id(self), type(ob).__name__, id(ob), name)
        return '<weakref at %#x; to %r at %#x>' % (id(self), type(ob).__name__, id(ob))
    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)
ReferenceType.__name__ = 'ReferenceType'
ReferenceType.__module__ = 'weakref'
ref = ReferenceType

def _deref(proxy):
    ob = object.__getattribute__(proxy, '_wr_cell')()
    if ob is None:
        raise ReferenceError('weakly-referenced object no longer exists')
    return ob

class ProxyType:
    __slots__ = ('_wr_cell', '_wr_callback')
    def __init__(self, ob, callback=None):
        object.__setattr__(self, '_wr_cell', _weakcell(ob, None if callback is None else self))
        object.__setattr__(self, '_wr_callback', callback)
    def __getattribute__(self, name):
        return getattr(_deref(self), name)
    def __setattr__(self, name, value):
        setattr(_deref(self), name, value)
    def __delattr__(self, name):
        delattr(_deref(self), name)
    def __repr__(self):
        ob = object.__getattribute__(self, '_wr_cell')()
        if ob is None:
            return '<weakproxy at %#x; dead>' % id(self)
        return '<weakproxy at %#x; to %r at %#x>' % (id(self), type(ob).__name__, id(ob))
    def __str__(self):
        return str(_deref(self))
    def __bytes__(self):
        return bytes(_deref(self))
    def __len__(self):
        return len(_deref(self))
    def __iter__(self):
        return iter(_deref(self))
    def __next__(self):
        return next(_deref(self))
    def __contains__(self, item):
        return item in _deref(self)
    def __getitem__(self, key):
        return _deref(self)[key]
    def __setitem__(self, key, value):
        _deref(self)[key] = value
    def __delitem__(self, key):
        del _deref(self)[key]
    def __eq__(self, other):
        return _deref(self) == other
    def __ne__(self, other):
        return _deref(self) != other
    def __lt__(self, other):
        return _deref(self) < other
    def __le__(self, other):
        return _deref(self) <= other
    def __gt__(self, other):
        return _deref(self) > other
    def __ge__(self, other):
        return _deref(self) >= other
    def __bool__(self):
        return bool(_deref(self))
    def __index__(self):
        return _deref(self).__index__()
    def __add__(self, other):
        return _deref(self) + other
    def __sub__(self, other):
        return _deref(self) - other
    def __mul__(self, other):
        return _deref(self) * other
    __hash__ = None

class CallableProxyType(ProxyType):
    __slots__ = ()
    def __call__(self, *args, **kwargs):
        return _deref(self)(*args, **kwargs)

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
        wr = d[key]
    except KeyError:
        return
    if wr() is None:
        del d[key]
`;

/** Each referent's basic ref (no callback, exact type), kept while the referent lives. */
const basicRefs = new WeakMap<object, PyObj>();

export function makeWeakrefModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_weakref", SOURCE, (m) => {
    defModuleFn(m, "_weakcell", makeWeakCell);
    defModuleFn(m, "_basic_ref", (args) => {
      const ob = args[0];
      return typeof ob === "object" && ob !== null ? basicRefs.get(ob) ?? None : None;
    });
    defModuleFn(m, "_set_basic_ref", (args) => {
      if (typeof args[0] === "object" && args[0] !== null) basicRefs.set(args[0], args[1]);
      return None;
    });
  });
}
