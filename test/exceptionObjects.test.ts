// Differential tests of the exception objects' fast paths (objects/exceptions.ts,
// objects/excobject.ts): the args tuple, attribute storage through the generic setattr,
// str/repr of several arguments, handler matching with classes and tuples, and class
// calls made in one step. Each program is compiled by CPython 3.13 (the oracle), run on
// TSPython from the .pyc and on the oracle, and the outputs compared line by line. The
// loops make the functions hot, so compiled code's paths run too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runOnTSPython, runOnCPython } from "./helpers/runPyc.js";

const programs: Record<string, string> = {
  args_tuple: `e = ValueError(1, 2)
print(e.args is e.args, e.args)
e.args = [3]
print(e.args, type(e.args).__name__, e.args is e.args)
class A(Exception):
    def __init__(self, x):
        super().__init__(x, x)
        self.x = x
a = A(5)
print(a.args, a.x, a.__dict__)
class B(Exception):
    def __init__(self, *a): pass
print(B(1, 2).args)
class C(Exception):
    def __init__(self, *a): super().__init__(*a[1:])
print(C(1, 2).args)
l = [1, 2]; e = ValueError(*l); l.append(3); print(e.args)
print(e.__reduce__()[1] is e.args)
s = SystemExit(1, 2); print(s.code, s.code is s.args, SystemExit(3).code, SystemExit().code)
def hot():
    t = 0
    for i in range(300):
        t += ValueError(i, i).args[1] + A(i).x + len(KeyError().args)
    return t
print(hot(), hot())
`,
  generic_setattr: `print('__setattr__' in BaseException.__dict__, BaseException.__setattr__ is object.__setattr__)
v = ValueError(3); v.y = 2; print(v.__dict__, v.args)
print(ValueError().__dict__)
class E(Exception): pass
e = E(); e.x = 1; print(e.__dict__)
del e.x
for obj, name in ((e, 'x'), (KeyError(1), 'zz')):
    try: delattr(obj, name)
    except AttributeError as ex: print(ex)
try:
    {}[1]
except KeyError as k:
    k.note = 'n'; print(k.note, k.__dict__)
class AppError(Exception):
    def __init__(self, code):
        Exception.__init__(self, code)
        self.code = code
def hot():
    t = 0
    for i in range(300):
        try: raise AppError(i)
        except AppError as x: t += x.code + len(x.__dict__)
    return t
print(hot(), hot())
`,
  str_repr: `e = ValueError("x", 1, [2], {'a': (3,)})
print(str(e), repr(e), repr(ValueError()), str(ValueError()))
print(repr(KeyError("k")), str(KeyError("k")), str(KeyError()), str(KeyError(1, 2)))
class E(Exception): pass
print(repr(E(1, 'b')), str(E('a', 'b')), repr(ValueError(1.5, True, 10**30, None, 'a')))
# (A single self-argument recurses until RecursionError, which overflows pyodide's stack.)
x = ValueError(); x.args = (x, 1); print(repr(x)); print(str(x)); print(repr(x.args))
print(repr(OSError("a", "b", "c", "d")), str(OSError("x")))
`,
  handlers: `class AppError(Exception): pass
class NotFound(AppError): pass
def classify(i):
    try:
        if i % 4 == 0: raise ValueError(i)
        if i % 4 == 1: raise KeyError(i)
        if i % 4 == 2: raise NotFound(i)
        raise IndexError
    except (KeyError, AppError) as e:
        return type(e).__name__
    except (ValueError,):
        return 'value'
    except LookupError:
        return 'lookup'
print([classify(i) for i in range(8)])
print([classify(i) for i in range(300)][-4:])
for handler in ((KeyError, 1), (KeyError, (IndexError,)), 3, object):
    try:
        try: raise KeyError(0)
        except handler: print('caught')
    except TypeError as t: print('TypeError', t)
def raise_class():
    n = 0
    for i in range(300):
        try: raise RuntimeError
        except RuntimeError as r: n += len(r.args)
    return n
print(raise_class())
`,
  user_iterator: `class It:
    def __init__(self, n): self.i = 0; self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.i >= self.n: raise StopIteration
        self.i += 1
        return self.i
class Bad(It):
    def __next__(self):
        if self.i >= 2: raise ValueError("bad")
        self.i += 1; return self.i
class Sub(StopIteration): pass
class It2(It):
    def __next__(self):
        if self.i >= 2: raise Sub(7)
        self.i += 1; return self.i
def run():
    out = []
    for _ in range(300):
        out = [sum(x for x in It(4)), [x for x in It(3)], [x for x in It2(0)]]
        try:
            for x in Bad(5): out.append(x)
        except ValueError as e: out.append(str(e))
    return out
print(run(), run())
`,
  init_dict: `class AppError(Exception):
    def __init__(self, code):
        Exception.__init__(self, code)
        self.code = code
class NotFound(AppError): pass
class Quiet(Exception):
    def __init__(self, *a): super().__init__(*a)
class Slotted(Exception):
    __slots__ = ('s',)
    def __init__(self, s): self.s = s
def hot():
    out = []
    for i in range(300):
        e = NotFound(i)
        q = Quiet(i)
        out = [e.__dict__, vars(e), e.args, e.__reduce__(), q.__reduce__(), Slotted(i).s]
        try:
            raise AppError(i)
        except AppError as x:
            x.extra = {}
            out.append(sorted(x.__dict__))
    return out
print(hot(), hot())
print(Exception.__init__(AppError(1), 2), AppError.__init__ is AppError.__dict__['__init__'], NotFound.__init__.__qualname__)
class M:
    mro = 5
    __init__ = 7
def types_attrs():
    r = []
    for i in range(300):
        r = [Exception.__init__(KeyError(i), i), M.mro, M.__init__, M.__name__, int.__init__, type.__init__, ValueError.__str__(KeyError(i))]
    return r
print(types_attrs())
`,
  index_errors: `class L(list):
    def __getitem__(self, i): return 'l-over'
class T(tuple):
    def __getitem__(self, i): return 't-over'
def f():
    out = []
    l = [1, 2]; t = (1, 2); sl = L([1]); st = T((1,))
    for i in range(300):
        for c in (l, t, 'ab'):
            try: out.append(c[i - 150])
            except IndexError as e: out.append((str(e), e.args, e.__traceback__.tb_lineno))
        out.append((sl[5], st[5], sl[0], st[0]))
    return out[-8:]
print(f(), f())
def g(k): return [1][k]
try:
    for i in range(10): g(i)
except IndexError as e:
    print(repr(e), e.__traceback__.tb_next.tb_frame.f_code.co_name, e.__traceback__.tb_next.tb_lineno)
`,
  super_builtin: `class E1(Exception):
    def __init__(self, code):
        super().__init__(code, 'x')
        self.code = code
class L(list):
    def append(self, x): super().append(x * 2)
    def __init__(self, *a): super().__init__(*a)
class D(dict):
    def get(self, k, d=None): return super().get(k, d)
    def __setitem__(self, k, v): super().__setitem__(k, v + 1)
class Meta(type):
    def mro(cls): return super().mro()
class W(metaclass=Meta): pass
class S(str):
    def upper(self): return '<' + super().upper() + '>'
def hot():
    out = []
    for i in range(300):
        e = E1(i); l = L([1]); l.append(i); d = D(); d['a'] = i
        out = [e.args, e.code, str(e), l, d.get('a'), d.get('b', 0), W.__mro__, S('ab').upper()]
        try: super(E1, e).__init__(**{'k': 1})
        except TypeError as t: out.append(str(t))
    return out
print(hot(), hot())
`,
  next_generator: `from contextlib import contextmanager
def gen(n, ret, bad):
    for i in range(n):
        yield i
    if bad: raise KeyError(bad)
    return ret
@contextmanager
def cm(log):
    log.append('in')
    try:
        yield len(log)
    except ValueError:
        log.append('caught')
    finally:
        log.append('out')
def hot():
    out = []
    for i in range(300):
        g = gen(2, i, None)
        out = [next(g), next(g)]
        try: next(g)
        except StopIteration as s: out.append(('stop', s.value, s.args))
        try: next(g)
        except StopIteration as s: out.append(('again', s.value, s.args))
        out.append(next(gen(0, 1, None), 'dflt'))
        b = gen(0, None, 'k')
        try: next(b)
        except KeyError as k: out.append(('key', k.args, k.__traceback__.tb_next.tb_frame.f_code.co_name))
        log = []
        with cm(log) as n: out.append(n)
        with cm(log): raise ValueError
        try:
            with cm(log): raise IndexError(i)
        except IndexError as e: out.append(e.args)
        out.append(log)
        def selfnext():
            yield next(me)
        me = selfnext()
        try: next(me)
        except ValueError as v: out.append(str(v))
    return out
print(hot(), hot())
`,
  gen_throw: `def catcher():
    n = 0
    while True:
        try:
            yield n
        except ValueError as v:
            n += 1
        except KeyError:
            return 'ret'
def passer():
    yield 1
    yield 2
def handled():
    try:
        raise IndexError('inner')
    except IndexError:
        yield 'h'
def outer():
    r = yield from catcher()
    yield r
def names(tb):
    out = []
    while tb is not None:
        out.append(tb.tb_frame.f_code.co_name); tb = tb.tb_next
    return out
def hot():
    out = []
    for i in range(300):
        c = catcher(); next(c)
        out = [c.throw(ValueError(i)), c.throw(ValueError())]
        try: c.throw(KeyError(1))
        except StopIteration as s: out.append(('stop', s.value))
        try: c.throw(ValueError(2))
        except ValueError as v: out.append(('finished', v.args))
        p = passer(); next(p)
        e = TypeError('t')
        try: p.throw(e)
        except TypeError as t: out.append((t is e, names(t.__traceback__)))
        fresh = passer()
        try: fresh.throw(OSError(5))
        except OSError as o: out.append(('fresh', o.args))
        h = handled(); next(h)
        try: h.throw(RuntimeError('r'))
        except RuntimeError as r: out.append((repr(r.__context__), r.__context__ is not None))
        o = outer(); next(o)
        out.append(o.throw(ValueError()))
        out.append(o.throw(KeyError()))
    return out
print(hot(), hot())
`,
};

for (const [name, src] of Object.entries(programs)) {
  test(`exception objects differential: ${name}`, async () => {
    const [ours, cpython] = await Promise.all([runOnTSPython(src), runOnCPython(src)]);
    const a = ours.stdout.split("\n"), b = cpython.stdout.split("\n");
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      assert.equal(a[i], b[i], `line ${i + 1} differs; our stderr:\n${ours.stderr}`);
    }
    assert.equal(ours.status, cpython.status, `exit status; our stderr:\n${ours.stderr}`);
  });
}
