// _collections: deque and defaultdict (Modules/_collectionsmodule.c).
// Written in Python for now (a TypeScript deque on a ring buffer is the faster follow-up).
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`"""_collections: deque and defaultdict (Modules/_collectionsmodule.c), written in Python
for TSPython; OrderedDict comes from collections/__init__.py's pure-Python version."""
import sys as _sys

class deque:
    # The items are _buf[_head:]: popleft only advances _head (the dead prefix is dropped
    # once it is half the list), so a queue costs O(1) per operation. Other methods read
    # _items, which drops the prefix first.
    __slots__ = ('_buf', '_head', '_maxlen', '__weakref__')
    @property
    def _items(self):
        if self._head:
            del self._buf[:self._head]
            self._head = 0
        return self._buf
    @_items.setter
    def _items(self, items):
        self._buf = items
        self._head = 0
    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        self._items = []
        self._maxlen = None
        return self
    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError('an integer is required')
            if maxlen < 0:
                raise ValueError('maxlen must be non-negative')
        self._maxlen = maxlen
        self._items = []
        if iterable is not self:
            self.extend(iterable)
        else:
            self.extend(list(iterable))
    @property
    def maxlen(self):
        return self._maxlen
    def _trim_left(self):
        m = self._maxlen
        if m is not None:
            while len(self._buf) - self._head > m:
                self.popleft()
    def _trim_right(self):
        m = self._maxlen
        if m is not None and len(self._items) > m:
            del self._items[m:]
    def append(self, x):
        self._buf.append(x)
        if self._maxlen is not None:
            self._trim_left()
    def appendleft(self, x):
        self._items.insert(0, x)
        self._trim_right()
    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)
    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)
    def pop(self):
        if len(self._buf) <= self._head:
            raise IndexError('pop from an empty deque')
        return self._buf.pop()
    def popleft(self):
        buf = self._buf
        h = self._head
        if h >= len(buf):
            raise IndexError('pop from an empty deque')
        x = buf[h]
        buf[h] = None
        h += 1
        if h == len(buf):
            buf.clear()
            h = 0
        elif h >= 32 and h * 2 >= len(buf):
            del buf[:h]
            h = 0
        self._head = h
        return x
    def clear(self):
        self._buf.clear()
        self._head = 0
    def copy(self):
        return self.__class__(self._items, self._maxlen)
    __copy__ = copy
    def count(self, x):
        return self._items.count(x)
    def index(self, x, start=0, stop=_sys.maxsize):
        try:
            return self._items.index(x, start, stop)
        except ValueError:
            raise ValueError('%r is not in deque' % (x,)) from None
    def insert(self, i, x):
        if self._maxlen is not None and len(self._items) >= self._maxlen:
            raise IndexError('deque already at its maximum size')
        self._items.insert(i, x)
    def remove(self, value):
        try:
            self._items.remove(value)
        except ValueError:
            raise ValueError('%r is not in deque' % (value,)) from None
    def reverse(self):
        self._items.reverse()
    def rotate(self, n=1):
        items = self._items
        if items:
            n %= len(items)
            if n:
                items[:] = items[-n:] + items[:-n]
    def __len__(self):
        return len(self._buf) - self._head
    def __bool__(self):
        return len(self._buf) > self._head
    def __iter__(self):
        return iter(self._items)
    def __reversed__(self):
        return reversed(self._items)
    def __contains__(self, x):
        return x in self._items
    def __getitem__(self, i):
        if isinstance(i, slice):
            raise TypeError('sequence index must be integer, not \'slice\'')
        try:
            return self._items[i]
        except IndexError:
            raise IndexError('deque index out of range') from None
    def __setitem__(self, i, x):
        try:
            self._items[i] = x
        except IndexError:
            raise IndexError('deque index out of range') from None
    def __delitem__(self, i):
        try:
            del self._items[i]
        except IndexError:
            raise IndexError('deque index out of range') from None
    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items == other._items
    def __ne__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items != other._items
    def __lt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items < other._items
    def __le__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items <= other._items
    def __gt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items > other._items
    def __ge__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items >= other._items
    __hash__ = None
    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "%s") to deque' % type(other).__name__)
        return self.__class__(self._items + other._items, self._maxlen)
    def __iadd__(self, other):
        self.extend(other)
        return self
    def __mul__(self, n):
        return self.__class__(self._items * n, self._maxlen)
    __rmul__ = __mul__
    def __imul__(self, n):
        self._items *= n
        self._trim_left()
        return self
    def __repr__(self):
        if _sys._getframe is None:
            pass
        r = _repr_guard(self, lambda: repr(self._items))
        if self._maxlen is None:
            return '%s(%s)' % (type(self).__name__, r)
        return '%s(%s, maxlen=%d)' % (type(self).__name__, r, self._maxlen)
    def __reduce__(self):
        return (self.__class__, (list(self._items), self._maxlen))
    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)

_repr_running = set()
def _repr_guard(obj, body):
    key = id(obj)
    if key in _repr_running:
        return '[...]'
    _repr_running.add(key)
    try:
        return body()
    finally:
        _repr_running.discard(key)

class defaultdict(dict):
    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        super().__init__(*args, **kwargs)
        self.default_factory = default_factory
    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        self[key] = value = self.default_factory()
        return value
    def __repr__(self):
        f = self.default_factory
        fr = _repr_guard(self, lambda: repr(f)) if f is not None else 'None'
        return '%s(%s, %s)' % (type(self).__name__, fr, dict.__repr__(self))
    def copy(self):
        return type(self)(self.default_factory, self)
    __copy__ = copy
    def __reduce__(self):
        return (type(self), (self.default_factory,), None, None, iter(self.items()))
    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new
    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self.default_factory, other)
        new.update(self)
        return new

deque.__module__ = 'collections'
defaultdict.__module__ = 'collections'

def _count_elements(mapping, iterable):
    get = mapping.get
    for elem in iterable:
        mapping[elem] = get(elem, 0) + 1
`;

export function makeCollectionsModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_collections", SOURCE);
}
