// itertools: iterator building blocks (CPython: Modules/itertoolsmodule.c).
// Written in Python (bookkeeping code, no speed-critical parts); compiled on first import.
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`"""Functional tools for creating and using iterators (TSPython: written in Python)."""

class count:
    def __init__(self, start=0, step=1):
        self._n = start
        self._step = step
    def __iter__(self):
        return self
    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n
    def __repr__(self):
        if self._step == 1:
            return 'count(%r)' % (self._n,)
        return 'count(%r, %r)' % (self._n, self._step)

class cycle:
    def __init__(self, iterable):
        self._it = iter(iterable)
        self._saved = []
        self._i = -1
    def __iter__(self):
        return self
    def __next__(self):
        if self._i < 0:
            for x in self._it:
                self._saved.append(x)
                return x
            if not self._saved:
                raise StopIteration
            self._i = 0
        x = self._saved[self._i]
        self._i = (self._i + 1) % len(self._saved)
        return x

class repeat:
    def __init__(self, object, times=None):
        self._obj = object
        self._times = None if times is None else max(0, times)
    def __iter__(self):
        return self
    def __next__(self):
        if self._times is not None:
            if self._times <= 0:
                raise StopIteration
            self._times -= 1
        return self._obj
    def __length_hint__(self):
        if self._times is None:
            raise TypeError('len() of unsized object')
        return self._times
    def __repr__(self):
        if self._times is None:
            return 'repeat(%r)' % (self._obj,)
        return 'repeat(%r, %d)' % (self._obj, self._times)

class accumulate:
    def __init__(self, iterable, func=None, *, initial=None):
        self._g = self._run(iterable, func, initial)
    @staticmethod
    def _run(iterable, func, initial):
        it = iter(iterable)
        total = initial
        if initial is None:
            try:
                total = next(it)
            except StopIteration:
                return
        yield total
        for element in it:
            total = total + element if func is None else func(total, element)
            yield total
    def __iter__(self):
        return self
    def __next__(self):
        return next(self._g)

class chain:
    def __init__(self, *iterables):
        self._source = iter(iterables)
        self._active = None
    @classmethod
    def from_iterable(cls, iterable):
        self = cls.__new__(cls)
        self._source = iter(iterable)
        self._active = None
        return self
    def __iter__(self):
        return self
    def __next__(self):
        while True:
            if self._active is None:
                self._active = iter(next(self._source))
            for x in self._active:
                return x
            self._active = None
    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)

class compress:
    def __init__(self, data, selectors):
        self._it = (d for d, s in zip(data, selectors) if s)
    def __iter__(self):
        return self
    def __next__(self):
        return next(self._it)

class dropwhile:
    def __init__(self, predicate, iterable):
        self._pred = predicate
        self._it = iter(iterable)
        self._dropping = True
    def __iter__(self):
        return self
    def __next__(self):
        if self._dropping:
            for x in self._it:
                if not self._pred(x):
                    self._dropping = False
                    return x
            raise StopIteration
        return next(self._it)

class takewhile:
    def __init__(self, predicate, iterable):
        self._pred = predicate
        self._it = iter(iterable)
        self._done = False
    def __iter__(self):
        return self
    def __next__(self):
        if self._done:
            raise StopIteration
        x = next(self._it)
        if self._pred(x):
            return x
        self._done = True
        raise StopIteration

class filterfalse:
    def __init__(self, predicate, iterable):
        self._pred = bool if predicate is None else predicate
        self._it = iter(iterable)
    def __iter__(self):
        return self
    def __next__(self):
        for x in self._it:
            if not self._pred(x):
                return x
        raise StopIteration

class _grouper:
    def __init__(self, parent, key):
        self._parent = parent
        self._key = key
    def __iter__(self):
        return self
    def __next__(self):
        p = self._parent
        if p._current is not self or p._done:
            raise StopIteration
        if p._pending is not None:
            v = p._pending
            p._pending = None
            return v[1]
        try:
            v = next(p._it)
        except StopIteration:
            p._done = True
            raise
        k = v if p._keyfunc is None else p._keyfunc(v)
        if k == self._key:
            return v
        p._next = (k, v)
        p._current = None
        raise StopIteration

class groupby:
    def __init__(self, iterable, key=None):
        self._it = iter(iterable)
        self._keyfunc = key
        self._current = None
        self._pending = None
        self._next = None
        self._done = False
        self._tgtkey = object()
    def __iter__(self):
        return self
    def __next__(self):
        if self._current is not None:
            # skip the rest of the current group
            g = self._current
            for _ in g:
                pass
        if self._done and self._next is None:
            raise StopIteration
        if self._next is None:
            v = next(self._it)
            k = v if self._keyfunc is None else self._keyfunc(v)
        else:
            k, v = self._next
            self._next = None
        g = _grouper(self, k)
        self._current = g
        self._pending = (k, v)
        return (k, g)

class islice:
    def __init__(self, iterable, *args):
        s = slice(*args)
        start, stop, step = s.start or 0, s.stop, 1 if s.step is None else s.step
        for v, what in ((start, 'Indices'), (stop, 'Stop'), (step, 'Step')):
            pass
        if not isinstance(start, int) or start < 0 or (stop is not None and (not isinstance(stop, int) or stop < 0)):
            raise ValueError("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
        if not isinstance(step, int) or step <= 0:
            raise ValueError("Step for islice() must be a positive integer or None.")
        self._it = iter(iterable)
        self._next = start
        self._stop = stop
        self._step = step
        self._i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self._stop is not None and self._next >= self._stop:
            self._it = iter(())
            raise StopIteration
        while self._i < self._next:
            next(self._it)
            self._i += 1
        x = next(self._it)
        self._i += 1
        self._next += self._step
        if self._stop is not None and self._next > self._stop:
            self._next = self._stop
        return x

class pairwise:
    def __init__(self, iterable):
        self._it = iter(iterable)
        self._last = self
    def __iter__(self):
        return self
    def __next__(self):
        if self._last is self:
            self._last = next(self._it)
        b = next(self._it)
        a = self._last
        self._last = b
        return (a, b)

class starmap:
    def __init__(self, function, iterable):
        self._f = function
        self._it = iter(iterable)
    def __iter__(self):
        return self
    def __next__(self):
        return self._f(*next(self._it))

class zip_longest:
    def __init__(self, *iterables, fillvalue=None):
        self._its = [iter(it) for it in iterables]
        self._fill = fillvalue
        self._active = len(self._its)
    def __iter__(self):
        return self
    def __next__(self):
        if not self._its or self._active == 0:
            raise StopIteration
        out = []
        for i, it in enumerate(self._its):
            if it is None:
                out.append(self._fill)
                continue
            try:
                out.append(next(it))
            except StopIteration:
                self._active -= 1
                if self._active == 0:
                    raise
                self._its[i] = None
                out.append(self._fill)
        return tuple(out)

class _teedata:
    def __init__(self, it):
        self.it = it
        self.values = []

class _tee:
    def __init__(self, data, index=0):
        self._data = data
        self._i = index
    def __iter__(self):
        return self
    def __next__(self):
        d = self._data
        if self._i < len(d.values):
            v = d.values[self._i]
        else:
            v = next(d.it)
            d.values.append(v)
        self._i += 1
        return v
    def __copy__(self):
        return _tee(self._data, self._i)

def tee(iterable, n=2):
    if not isinstance(n, int):
        raise TypeError('integer argument expected, got %s' % type(n).__name__)
    if n < 0:
        raise ValueError('n must be >= 0')
    if n == 0:
        return ()
    it = iter(iterable)
    if isinstance(it, _tee):
        return tuple([it] + [it.__copy__() for _ in range(n - 1)])
    data = _teedata(it)
    return tuple(_tee(data) for _ in range(n))

def _product(pools, repeat):
    pools = [tuple(p) for p in pools] * repeat
    result = [[]]
    for pool in pools:
        result = [x + [y] for x in result for y in pool]
    for prod in result:
        yield tuple(prod)

class product:
    def __init__(self, *iterables, repeat=1):
        if repeat < 0:
            raise ValueError('repeat argument cannot be negative')
        self._g = _product(iterables, repeat)
    def __iter__(self):
        return self
    def __next__(self):
        return next(self._g)

def _permutations(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return

class permutations:
    def __init__(self, iterable, r=None):
        if r is not None and r < 0:
            raise ValueError('r must be non-negative')
        self._g = _permutations(iterable, r)
    def __iter__(self):
        return self
    def __next__(self):
        return next(self._g)

def _combinations(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple(pool[i] for i in indices)

class combinations:
    def __init__(self, iterable, r):
        if r < 0:
            raise ValueError('r must be non-negative')
        self._g = _combinations(iterable, r)
    def __iter__(self):
        return self
    def __next__(self):
        return next(self._g)

def _cwr(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple(pool[i] for i in indices)

class combinations_with_replacement:
    def __init__(self, iterable, r):
        if r < 0:
            raise ValueError('r must be non-negative')
        self._g = _cwr(iterable, r)
    def __iter__(self):
        return self
    def __next__(self):
        return next(self._g)

class batched:
    def __init__(self, iterable, n, *, strict=False):
        if n < 1:
            raise ValueError('n must be at least one')
        self._it = iter(iterable)
        self._n = n
        self._strict = strict
    def __iter__(self):
        return self
    def __next__(self):
        batch = tuple(islice(self._it, self._n))
        if not batch:
            raise StopIteration
        if self._strict and len(batch) != self._n:
            raise ValueError('batched(): incomplete batch')
        return batch

for _c in (count, cycle, repeat, accumulate, chain, compress, dropwhile, takewhile, filterfalse,
           groupby, islice, pairwise, starmap, zip_longest, product, permutations, combinations,
           combinations_with_replacement, batched, _grouper, _tee):
    _c.__module__ = 'itertools'
del _c
`;

export function makeItertoolsModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "itertools", SOURCE);
}
