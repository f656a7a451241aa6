// array: typed arrays of numbers (Modules/arraymodule.c).
// Written in Python; compiled on first import (and kept in the .pyc cache).
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`"""array: typed arrays of numbers (TSPython: a list of values plus struct packing)."""
import struct as _struct
typecodes = 'bBuwhHiIlLqQfd'
_SIZES = {'b': 1, 'B': 1, 'u': 4, 'w': 4, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 8, 'L': 8, 'q': 8, 'Q': 8, 'f': 4, 'd': 8}

class array:
    def __init__(self, typecode, initializer=None):
        if not isinstance(typecode, str) or typecode not in _SIZES:
            raise ValueError('bad typecode (must be b, B, u, w, h, H, i, I, l, L, q, Q, f or d)')
        self.typecode = typecode
        self.itemsize = _SIZES[typecode]
        self._items = []
        if initializer is None:
            return
        if isinstance(initializer, (bytes, bytearray)):
            self.frombytes(initializer)
        elif isinstance(initializer, str):
            if typecode not in 'uw':
                raise TypeError("cannot use a str to initialize an array with typecode '%s'" % typecode)
            self._items = list(initializer)
        else:
            self.extend(initializer)
    def _check(self, v):
        if self.typecode in 'uw':
            if not isinstance(v, str) or len(v) != 1:
                raise TypeError('array item must be a unicode character')
            return v
        if self.typecode in 'fd':
            return float(v)
        if not isinstance(v, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(v).__name__)
        _struct.pack(self.typecode, v)
        return v
    def append(self, v): self._items.append(self._check(v))
    def extend(self, it):
        if isinstance(it, array) and it.typecode != self.typecode:
            raise TypeError('can only extend with array of same kind')
        for v in it:
            self.append(v)
    def frombytes(self, b):
        b = bytes(b)
        if len(b) % self.itemsize:
            raise ValueError('bytes length not a multiple of item size')
        if self.typecode in 'uw':
            self._items.extend(b.decode('utf-32-le' if False else 'latin-1')[::4])
        else:
            self._items.extend(x[0] for x in _struct.iter_unpack(self.typecode, b))
    def tobytes(self):
        if self.typecode in 'uw':
            return b''.join(ord(c).to_bytes(4, 'little') for c in self._items)
        return b''.join(_struct.pack(self.typecode, v) for v in self._items)
    def __buffer__(self, flags, /):
        # A copy of the items' bytes: enough for readers (int(), bytes(), hashing...).
        return memoryview(self.tobytes())
    def tolist(self): return list(self._items)
    def fromlist(self, l): self.extend(l)
    def tounicode(self):
        if self.typecode not in 'uw':
            raise ValueError('tounicode() may only be called on unicode type arrays')
        return ''.join(self._items)
    def insert(self, i, v): self._items.insert(i, self._check(v))
    def pop(self, i=-1): return self._items.pop(i)
    def remove(self, v): self._items.remove(v)
    def index(self, v, *args): return self._items.index(v, *args)
    def count(self, v): return self._items.count(v)
    def reverse(self): self._items.reverse()
    def buffer_info(self): return (id(self), len(self._items))
    def byteswap(self):
        if self.typecode in 'uw':
            return
        self._items = [_struct.unpack('>' + self.typecode, _struct.pack('<' + self.typecode, v))[0] for v in self._items]
    def __len__(self): return len(self._items)
    def __iter__(self): return iter(self._items)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return array(self.typecode, self._items[i])
        return self._items[i]
    def __setitem__(self, i, v):
        if isinstance(i, slice):
            self._items[i] = list(v)
        else:
            self._items[i] = self._check(v)
    def __delitem__(self, i): del self._items[i]
    def __contains__(self, v): return v in self._items
    def __eq__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items == other._items
    def __lt__(self, other): return self._items < other._items
    def __add__(self, other):
        if not isinstance(other, array) or other.typecode != self.typecode:
            raise TypeError('bad argument type for built-in operation')
        return array(self.typecode, self._items + other._items)
    def __mul__(self, n): return array(self.typecode, self._items * n)
    __rmul__ = __mul__
    def __iadd__(self, other):
        self.extend(other)
        return self
    def __repr__(self):
        if not self._items:
            return "array('%s')" % self.typecode
        if self.typecode in 'uw':
            return "array('%s', %r)" % (self.typecode, ''.join(self._items))
        return "array('%s', %r)" % (self.typecode, self._items)
    def __reduce__(self):
        return (array, (self.typecode, self._items))
    __hash__ = None
    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)
ArrayType = array

# As arraymodule.c: arrays are MutableSequences, and so match sequence patterns.
import collections.abc as _collections_abc
_collections_abc.MutableSequence.register(array)
del _collections_abc
`;

export function makeArrayModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "array", SOURCE);
}
