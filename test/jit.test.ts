// The JIT tier (src/vm/jit) must not change what a program does: each program here runs
// with every code object compiled at its first use (TSPYTHON_JIT=eager) and with the
// JIT off (TSPYTHON_JIT=0, the interpreter, itself checked against CPython elsewhere),
// and stdout, stderr (tracebacks) and the exit status must be identical.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "./helpers/paths.js";

const scratch = mkdtempSync(join(tmpdir(), "tspython-jit-"));

function run(file: string, jit: string): { out: string; err: string; status: number } {
  const r = spawnSync(process.execPath, [join(projectRoot, "bin/tspython.js"), file], {
    encoding: "utf8",
    timeout: 60000,
    env: { ...process.env, TSPYTHON_JIT: jit, TSPYTHON_JIT_LOG: "" },
  });
  return { out: r.stdout, err: r.stderr, status: r.status ?? -1 };
}

const programs: Record<string, string> = {
  exceptions: `
import sys
class AppError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code
def check(i):
    if i % 3 == 0:
        raise AppError(i)
    return i
def run(n):
    total = 0
    for i in range(n):
        try:
            total += check(i)
        except AppError as e:
            total += e.code & 1
        finally:
            total += 1
        try:
            try:
                raise KeyError(i)
            except KeyError:
                raise ValueError("inner") from None
        except ValueError as v:
            assert v.__suppress_context__ and v.__context__ is not None
    return total
print(run(300))
def chained():
    try:
        {}["k"]
    except KeyError:
        try:
            1 / 0
        except ZeroDivisionError as z:
            raise RuntimeError("outer") from z
try:
    chained()
except RuntimeError as e:
    print(repr(e), repr(e.__cause__), repr(e.__cause__.__context__))
def reraiser():
    try:
        raise TypeError("t")
    except TypeError:
        raise
try:
    reraiser()
except TypeError as e:
    tb = e.__traceback__
    lines = []
    while tb:
        lines.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print(lines, sys.exception())
def eg():
    try:
        raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
    except* ValueError as m:
        print("matched", m.exceptions)
    except* TypeError:
        print("type errors")
eg()
def deep(n):
    return 1 / 0 if n == 0 else deep(n - 1)
deep(3)
`,
  generators: `
def gen(n):
    for i in range(n):
        x = yield i
        if x:
            print("got", x)
    return "done"
t = 0
for k in range(30):
    for v in gen(20):
        t += v
print(t, sum(x * x for x in range(100)), list(gen(3)))
g = gen(3)
print(next(g), g.send(5), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
def deleg():
    r = yield from gen(2)
    return r + "!"
d = deleg()
print(list(d))
g = gen(10); next(g)
try:
    g.throw(ValueError("x"))
except ValueError as e:
    print("thrown", e)
g = gen(10); next(g); g.close(); print(g.gi_frame, g.gi_running)
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2
s = stubborn(); next(s)
try:
    s.close()
except RuntimeError as e:
    print(e)
def pep479():
    yield 1
    raise StopIteration
try:
    list(pep479())
except RuntimeError as e:
    print("479", e)
import asyncio
async def sub(x):
    await asyncio.sleep(0)
    return x * 2
async def main():
    t = 0
    for i in range(50):
        t += await sub(i)
    return t
print(asyncio.run(main()))
async def agen(n):
    for i in range(n):
        yield i
async def main2():
    s = 0
    for k in range(20):
        async for v in agen(10):
            s += v
    return s, [v async for v in agen(3)]
print(asyncio.run(main2()))
`,
  objects: `
class Meta(type):
    def __call__(cls, *a):
        print("meta call", a)
        return super().__call__(*a)
class A(metaclass=Meta):
    def __init__(self, x):
        self.x = x
print(A(1).x)
class Shape:
    count = 0
    def __init__(self, name):
        self.name = name
        Shape.count += 1
    def describe(self):
        return self.name
class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self._w, self._h = w, h
    @property
    def w(self):
        return self._w
    @w.setter
    def w(self, v):
        self._w = max(0, v)
    def describe(self):
        return "r:" + super().describe()
class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x; self.y = y
    def __add__(self, o):
        return P(self.x + o.x, self.y + o.y)
    def __eq__(self, o):
        return (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
class F(float):
    def __add__(self, o):
        return "F.add"
tot = 0
for i in range(200):
    r = Rect(i, 2)
    r.w = r.w - 100
    tot += r.w + len(r.describe())
    p = P(i, 1) + P(1, i)
    tot += p.x
    r.describe = lambda: "shadowed"
    tot += len(r.describe())
print(tot, Shape.count, len({P(1, 2), P(1, 2)}), F(1.0) + F(2.0), 1.5 + F(1.0), 2 * 1.5, 7 // 2.0)
def closures():
    fs = []
    for i in range(3):
        def f(j=i):
            return i * 10 + j
        fs.append(f)
    return [f() for f in fs]
print(closures())
def kw(a, b=2, *args, c, d=4, **kwargs):
    return a, b, args, c, d, sorted(kwargs)
print(kw(1, c=3), kw(1, 2, 3, 4, c=5, e=6), kw(*[1, 2], **{"c": 7}))
def matcher(v):
    match v:
        case [x, y, *rest]:
            return ("seq", x, y, rest)
        case {"k": val}:
            return ("map", val)
        case P(x=0):
            return "p0"
        case str() | bytes():
            return "text"
        case _:
            return "other"
print([matcher(v) for v in ([1, 2, 3], {"k": 5}, P(0, 1), "s", 3.5)])
def locals_and_vars():
    a = 1
    b = [x for x in range(3)]
    return sorted(locals())
print(locals_and_vars())
def unbound():
    try:
        print(z)
    except UnboundLocalError as e:
        print(e)
    z = 1
unbound()
import sys
def frames():
    f = sys._getframe()
    return f.f_code.co_name, f.f_back.f_code.co_name, f.f_lineno
print(frames())
with open(__file__) as fh:
    print(len(fh.readline()) > 0)
x = [1, 2, 3]
x[1:2] = [9, 9]
print(x, x[::-1], f"{x[0]:>4}|{3.14159:.2f}|{'s'!r}")
`,
  attributes: `
# Attribute sites through their inline caches: the same site seeing kinds and types
# change, class attributes rebound after a site cached them, shadowing, slots unset.
class P:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x
class D:
    k = 1
    def m(self):
        return "D.m"
class E(D):
    def m(self):
        return "E.m"
class F(D): pass
class G(D): pass
class H(D): pass
def get_x(o):
    try:
        return o.x
    except AttributeError as e:
        return "AttributeError: " + str(e)
def get_y(o):
    try:
        return o.y
    except AttributeError as e:
        return "AttributeError: " + str(e)
def set_x(o, v):
    o.x = v
def call_m(o):
    return o.m()
out = []
p = P(1)
for i in range(3):
    out.append(get_x(p))
    out.append(get_y(p))
set_x(p, 5)
out.append(get_x(p))
p.y = 7
out.append(get_y(p))
# Rebinding the slot descriptor on the class: the cached member is stale.
P.x = property(lambda self: "prop")
out.append(get_x(p))
try:
    set_x(p, 9)
except AttributeError as e:
    out.append("set: " + str(e))
del P.x
out.append(get_x(p))
objs = [D(), E(), F(), G(), H(), D()]
for i in range(3):
    out.append([call_m(o) for o in objs])
objs[5].m = lambda: "instance"
out.append([call_m(o) for o in objs])
D.m = lambda self: "rebound"
out.append([call_m(o) for o in objs])
class Q:
    pass
q1, q2 = Q(), Q()
q1.x = 1
q2.y = 0
q2.x = 2
for i in range(3):
    out.append((get_x(q1), get_x(q2)))
    set_x(q1, i)
    set_x(q2, -i)
del q2.x
out.append(get_x(q2))
Q.x = "class"
out.append((get_x(q1), get_x(q2)))
Q.x = property(lambda self: "data descriptor wins")
out.append((get_x(q1), get_x(q2)))
class R:
    def __getattr__(self, name):
        return "getattr:" + name
out.append((get_x(R()), get_x(1), get_x("s")))
for line in out:
    print(line)
`,
  classattrs: `
# Attribute sites whose receiver is a class: class-level counters, static/class methods,
# metaclass properties, rebinding to descriptors, deletion, immutable builtins.
class Meta(type):
    @property
    def info(cls):
        return "meta-info:" + cls.__name__
class B:
    count = 0
    @staticmethod
    def sm(x): return x * 2
    @classmethod
    def cm(cls): return cls.__name__
    def f(self): return 1
class C(B, metaclass=Meta):
    pass
class D(B):
    pass
def bump(k):
    k.count += 1
    return k.count
def reads(k):
    return (k.count, k.sm(3), k.cm(), k.f is B.f, k.__name__)
out = []
for i in range(5):
    out.append(bump(B))
    out.append(bump(D))
    out.append(reads(B))
    out.append(reads(D))
    out.append(reads(C))
out.append(C.info)
out.append((B.count, D.count))
D.count = property(lambda self: "p")
out.append(type(D.count).__name__)
out.append(D().count)
B.sm = staticmethod(lambda x: x + 100)
out.append(reads(D)[1:])
del D.count
out.append(reads(D))
try:
    int.count = 1
except TypeError as e:
    out.append(str(e))
def miss(k):
    try:
        return k.nothing
    except AttributeError as e:
        return str(e)
out.append(miss(B))
out.append(miss(B))
B.__repr__ = lambda self: "B!"
out.append(repr(D()))
for line in out: print(line)
`,
  properties: `
# Property reads and writes from attribute sites, and a property subclass overriding
# __get__/__set__ (not the builtin's fast path).
class LoudProp(property):
    def __get__(self, obj, cls=None):
        return ("loud", super().__get__(obj, cls))
    def __set__(self, obj, v):
        super().__set__(obj, v * 10)
class A:
    def __init__(self): self._x = 1
    @property
    def x(self): return self._x
    @x.setter
    def x(self, v): self._x = v
    @LoudProp
    def y(self): return self._x
    @y.setter
    def y(self, v): self._x = v
def rd(a): return a.x, a.y
def wr(a, v): a.x = v; a.y = v
a = A()
out = []
for i in range(60):
    wr(a, i)
    out.append(rd(a))
print(out[-3:])
`,
  lcg: `
# (x * k + c) & mask runs on the low 32 bits in compiled code: negative, huge and bool
# operands, big constants and int subclasses must give CPython's results.
def step(s): return (s * 1103515245 + 12345) & 0x7FFFFFFF
def step2(s, k): return (s * k - 7) & 0xFFFF
def step3(s): return (s * 6364136223846793005 + 1) & 0x7FFFFFFF
out = []
for s in [0, 1, 2024, -1, -2024, 2**31 - 1, 2**40 + 3, -(2**45), 2**53 - 1, 2**70 + 5, True, 3]:
    out.append((step(s), step2(s, 48271), step2(s, -3), step3(s)))
s = 2024
for i in range(1000):
    s = step(s)
out.append(s)
class I(int):
    def __mul__(self, o): return 1000
out.append(step(I(5)))
print(out)
`,
  floats: `
# Float arithmetic chains keep intermediates unboxed in compiled code; mixed int/float,
# float subclasses with their own operators, division by zero and NaN/inf stay exact.
class V:
    __slots__=("x","y","z")
    def __init__(s,x,y,z): s.x=x; s.y=y; s.z=z
    def dot(s,o): return s.x*o.x + s.y*o.y + s.z*o.z
def f(a, b, c):
    return (a*b - c) / (a + 1.5) * 2 - a*a/b
vs = [V(1.5, 2, 3.25), V(0.1, 0.2, 0.3), V(1, 2, 3)]
out = []
for v in vs:
    for w in vs:
        out.append(v.dot(w))
for a, b, c in [(1.0, 2.0, 3.0), (2, 3, 4), (1.5, 0.0, 2.0), (-0.0, 1.0, 0.0), (1e308, 1e308, 1.0), (float('nan'), 1.0, 2.0)]:
    try:
        out.append(f(a, b, c))
    except ZeroDivisionError as e:
        out.append(str(e))
class F(float):
    def __add__(self, o): return "F.add"
out.append(F(1.0)*2.0 + 1.0)
out.append(1.0 + F(2.0)*1.0)
print(out)
def g(a, b, c):
    r = []
    r.append(a*b < c)
    r.append(c >= a*b - 1.0)
    r.append(a*a == b*b)
    r.append(a*b != c*1)
    r.append(-a - -b)
    return r
print(g(1.5, 2.0, 3.0), g(2, 3, 6), g(float('nan'), 1.0, 1.0), g(-0.0, 0.0, 0.0))
`,
  tuplecompare: `
class E:
    def __init__(self, v): self.v = v
    def __eq__(self, o): print("eq", self.v, getattr(o, "v", o)); return self.v == getattr(o, "v", o)
    def __lt__(self, o): print("lt", self.v); return self.v < o.v
    __hash__ = None
class Bad:
    def __eq__(self, o): raise ValueError("bad eq")
class P:
    def __init__(self, x, y): self.x = x; self.y = y
    def lt(self, o): return (self.x, self.y) < (o.x, o.y)
    def le(self, o): return (self.x, self.y) <= (o.x, o.y)
    def eq(self, o): return (self.x, self.y) == (o.x, o.y)
    def ne(self, o): return (self.x, self.y) != (o.x, o.y)
    def gt3(self, o): return (self.x, self.y, 1) > (o.x, o.y, 0)
    def ge(self, o): return (self.x, self.y) >= (o.x, o.y)
nan = float("nan")
vals = [1, 2, 1.0, True, False, nan, "a", "b", None, E(1), E(2), (1, 2), 2**70]
def tryit(fn, a, b):
    try:
        return fn(a, b)
    except Exception as e:
        return type(e).__name__ + ": " + str(e)
out = []
for i in range(3):
  for x in vals:
    for y in [1, 2, 1.0, True, nan, "a", E(1)]:
        p, q = P(x, y), P(y, x)
        for m in ("lt", "le", "eq", "ne", "gt3", "ge"):
            out.append((m, tryit(getattr(P, m), p, q), tryit(getattr(P, m), p, p)))
print(len(out))
for o in out[:2000:37]: print(o)
print(len(str(out)))
b = Bad()
print(tryit(P.eq, P(b, 1), P(b, 2)), tryit(P.eq, P(b, 1), P(Bad(), 2)))
def loop():
    t = 0
    for i in range(200):
        if (i, i % 3) < (i, 1): t += 1
        if (i % 5, i) == (0, i): t += 1
        if (i, i, i) >= (i, i, 100): t += 1
    return t
print(loop(), loop())

class Base:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
class Mid(Base):
    def __init__(self, v):
        super().__init__(v * 2)
    def get(self):
        return super().get() + 1
class Leaf(Mid):
    def get(self):
        return super().get() * 10
def counter():
    n = 0
    def inc(k):
        nonlocal n
        n += k
        return n
    return inc
objs = [Base(1), Mid(2), Leaf(3), Mid(4), Leaf(5)]
print([o.get() for o in objs for _ in range(3)])
Mid.get = lambda self: -1
print([o.get() for o in objs])
inc = counter()
print([inc(i) for i in range(10)])
`,
  unpack: `
class L(list):
    def __iter__(self): return iter([7, 8])
class T(tuple): pass
def f(x):
    a, b = x
    return a, b
def g(x):
    a, b, c = x
    return c, b, a
def slc(x, i, j):
    return x[i:j], x[i:], x[:j], x[:]
for v in ([1, 2], (3, 4), L([1, 2]), T((5, 6)), "ab", {1: 2, 3: 4}, iter([9, 10]), [1], (1, 2, 3), 5, None, [[1, 2], 3]):
    for fn in (f, g):
        try: print(fn.__name__, fn(v))
        except Exception as e: print(fn.__name__, type(e).__name__, e)
for v in ([1, 2, 3, 4], "hello", (1, 2, 3), range(10), b"bytes"):
    print(slc(v, 1, 3), slc(v, -2, None))
try: slc(5, 1, 2)
except Exception as e: print(type(e).__name__, e)
try: slc([1], "a", 2)
except Exception as e: print(type(e).__name__, e)
print(sum(a * b for a, b in [(1, 2), (3, 4)] * 100))
`,
  handlers: `
import sys
def g1(n):
    for i in range(n):
        yield 10 // (i - 3)
def g2(it):
    yield next(it)
    yield next(it)
def g3(d, keys):
    for k in keys:
        yield d[k]
def g4():
    try:
        x = yield 1
        yield x.missing
    finally:
        print("fin")
def top():
    try:
        return int("zz")
    except ValueError as e:
        return "caught " + str(e)
def top2(o):
    try:
        return o.nope
    finally:
        print("finally2")
for gen in (lambda: g1(6), lambda: g2(iter([1])), lambda: g3({1: 2}, [1, 5]), ):
    out = []
    try:
        for v in gen(): out.append(v)
    except Exception as e:
        print(type(e).__name__, e, out, e.__traceback__.tb_next.tb_frame.f_code.co_name if e.__traceback__.tb_next else None)
g = g4(); next(g)
try: g.send(5)
except AttributeError as e: print("AE", e)
print(top(), top())
try: top2(1)
except AttributeError as e: print("AE2", e)
def stopper():
    yield 1
    raise StopIteration("x")
try: print(list(stopper()))
except RuntimeError as e: print("RE", e, type(e.__cause__).__name__)
for i in range(3):
    g = g4(); next(g)
    try: g.throw(KeyError("k"))
    except KeyError as e: print("thrown", e)
    g = g4(); next(g); g.close()
`,
  appendlen: `
class L(list):
    def append(self, x): print("L.append", x); super().append(x * 10)
class T(tuple): 
    def __len__(self): return 99
def f(l, x):
    l.append(x)
    return len(l)
for i in range(4):
    print(f([1], i), f(L([2]), i), len(T((1,))), len((1, 2)), len("héllo😀"), len({1: 2}))
    try: len(5)
    except TypeError as e: print(e)
    try: [].append()
    except TypeError as e: print(e)
    app = [].append
    print(app(3), len([]))
def g(len=len):
    return len([1, 2, 3])
print(g(), g(lambda x: -1))
import builtins
old = builtins.len
builtins.len = lambda x: 42
def h(): return len([1])
print(h(), h())
builtins.len = old
print(h())
`,
  framereuse: `
import sys, weakref, gc
class O: pass
def f(x, d):
    if d: return f(x, d - 1)
    return 1
for i in range(5):
    o = O(); r = weakref.ref(o)
    f(o, 5)
    del o; gc.collect()
    print(r() is None)
sys.setrecursionlimit(20000)
def deep(n): return 0 if n == 0 else 1 + deep(n - 1)
print(deep(10000))
def inf(n): return inf(n + 1)
try: inf(0)
except RecursionError as e: print("RecursionError", e)
def closure_maker():
    big = O()
    def inner(): return big
    return inner, weakref.ref(big)
for i in range(3):
    fn, r = closure_maker(); fn(); fn()
    del fn; gc.collect(); print("closure freed", r() is None)
`,
  deeprecursion: `
import sys
class R:
    def __repr__(self): return repr(self)
try: repr(R())
except RecursionError as e: print("repr RecursionError")
class E:
    def __eq__(self, o): return [self] == [o]
try: print(E() == E())
except RecursionError as e: print("eq RecursionError")
l = []
for i in range(100000): l = [l]
try: print(len(repr(l)))
except RecursionError as e: print("nested RecursionError")
def f(n): return f(n + 1) if n < 50000 else n
sys.setrecursionlimit(100000)
try: print(f(0))
except RecursionError as e: print("f RecursionError", e)
def g(n):
    try: return g(n + 1)
    except ZeroDivisionError: return -1
try: g(0)
except RecursionError as e: print("g RecursionError")
print("ok")
`,
  attributeerrors: `
class P:
    def __getattr__(self, n):
        raise AttributeError(n)
def f(o):
    try:
        return o.missing
    except AttributeError as e:
        return e.name
print(f(P()), f(P()), f(P()))

class P:
    @property
    def bad(self): raise KeyError("k")
    @property
    def ae(self): raise AttributeError("inner")
    def __getattr__(self, n):
        if n == "dyn": return 42
        raise AttributeError(n)
class S:
    __slots__ = ("a",)
def f(o, name):
    try:
        return o.missing
    except AttributeError as e:
        return ("AE", str(e), e.name if hasattr(e, "name") else None)
def g(o):
    return o.bad
def h(o):
    try: return o.ae
    except AttributeError as e: return str(e)
def k(o): return o.dyn, o.ab if False else 0
def slot(o):
    try: return o.a
    except AttributeError as e: return str(e)
import math
def mod():
    try: return math.nope
    except AttributeError as e: return str(e)
def meth(o):
    try: return o.nomethod()
    except AttributeError as e: return str(e)
for i in range(3):
    print(f(P(), "x"), f(1, "x"), f(S(), "x"), h(P()), k(P()), slot(S()), mod(), meth(5), meth(P()))
    try: g(P())
    except KeyError as e:
        tb = e.__traceback__
        n = 0
        while tb: n += 1; tb = tb.tb_next
        print("KeyError", e, n)
def leaf(o): return o.zzz
def mid(o): return leaf(o)
mid(S())
`,
  recursion: `
import sys
sys.setrecursionlimit(20000)
def r(n):
    if n == 0:
        return 0
    return r(n - 1) + 1
print(r(10000))
def inf(n):
    return inf(n + 1)
try:
    inf(0)
except RecursionError as e:
    print("RecursionError", e)
def g(n):
    if n:
        yield from g(n - 1)
    yield n
print(sum(g(300)))
`,
};

for (const [name, source] of Object.entries(programs)) {
  test(`JIT (eager) runs '${name}' exactly as the interpreter`, () => {
    const file = join(scratch, `${name}.py`);
    writeFileSync(file, source);
    const interp = run(file, "0");
    const jit = run(file, "eager");
    assert.equal(jit.out, interp.out);
    assert.equal(jit.err, interp.err);
    assert.equal(jit.status, interp.status);
    assert.ok(interp.out.length > 0);
  });
}

test("JIT compiles hot functions and runs loops through on-stack replacement", () => {
  const file = join(scratch, "hot.py");
  writeFileSync(file, "def f(n):\n    t = 0\n    for i in range(n):\n        t += i\n    return t\nprint(f(100000))\n");
  const r = spawnSync(process.execPath, [join(projectRoot, "bin/tspython.js"), file], {
    encoding: "utf8",
    env: { ...process.env, TSPYTHON_JIT: "", TSPYTHON_JIT_LOG: "1" },
  });
  assert.equal(r.stdout, "4999950000\n");
  assert.match(r.stderr, /\[jit\] compiled: f /);
});
