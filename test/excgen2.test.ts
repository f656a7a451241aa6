// Issue 6, second round: what CPython's test_exceptions, test_generators, test_contextlib
// and test_asyncgen showed. Weak references are real (a referent dies at gc.collect(),
// callbacks run then), a closed or finished generator lets go of what its frame held, an
// exception's state is gone once its handler is left. Each program is compiled by CPython
// 3.13 (the oracle), run on TSPython from the .pyc, and its stdout compared with the
// oracle's; the programs call gc.collect() where CPython would free by reference counting.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runOnTSPython, runOnCPython } from "./helpers/runPyc.js";
import { runNamedOnTSPython } from "./helpers/runNamed.js";

const programs: Record<string, string> = {
  weakrefBasics: `import weakref, gc
class A: pass
a = A()
r = weakref.ref(a)
print(r() is a, type(r).__name__, r.__callback__)
calls = []
r2 = weakref.ref(a, lambda w: calls.append(w is r2))
print(r == weakref.ref(a), hash(r) == hash(a))
del a
gc.collect()
print(r(), r2(), calls, repr(r).endswith("; dead>"))
dead = weakref.ref(A())
gc.collect()
try:
    hash(dead)
except TypeError as e:
    print("hash", e)
s = weakref.WeakSet()
b = A(); s.add(b); print(len(s)); del b; gc.collect(); print(len(s))
d = weakref.WeakValueDictionary()
c = A(); d["x"] = c; print(list(d)); del c; gc.collect(); print(list(d))
k = weakref.WeakKeyDictionary()
e = A(); k[e] = 1; print(len(k)); del e; gc.collect(); print(len(k))
for bad in (1, "s", (), [], {}, object(), None, 1.5, range(2)):
    try:
        weakref.ref(bad)
    except TypeError as err:
        print(err)
class Slotted:
    __slots__ = ("a",)
class SlottedWeak:
    __slots__ = ("a", "__weakref__")
class IntSub(int): pass
class ListSub(list): pass
for cls in (Slotted, SlottedWeak, IntSub, ListSub):
    try:
        weakref.ref(cls()); print(cls.__name__, "ok")
    except TypeError as err:
        print(err)
x = A(); x.v = 5
p = weakref.proxy(x)
print(p.v)
del x
gc.collect()
try:
    p.v
except ReferenceError as err:
    print("ReferenceError", err)
def f(): pass
print(repr(weakref.ref(f)).endswith(" (f)>"))
# A weakref that dies before its referent never calls back.
keep = A()
weakref.ref(keep, lambda w: print("never"))
gc.collect()
del keep
gc.collect()
print("done")
`,
  excStateCleanup: `import weakref, gc, sys
class MyException(Exception):
    def __init__(self, obj):
        self.obj = obj
class MyObj: pass
def inner_raising_func(obj):
    local_ref = obj
    raise MyException(obj)
obj = MyObj()
wr = weakref.ref(obj)
try:
    inner_raising_func(obj)
except MyException as e:
    pass
obj = None
gc.collect()
print("except as:", wr())
obj = MyObj()
wr = weakref.ref(obj)
try:
    inner_raising_func(obj)
except MyException:
    pass
obj = None
gc.collect()
print("bare except:", wr())

def check(testfunc):
    obj = MyObj()
    wr = weakref.ref(obj)
    def raising_gen():
        try:
            raise MyException(obj)
        except MyException:
            yield
    g = raising_gen()
    next(g)
    testfunc(g)
    g = obj = None
    gc.collect()
    gc.collect()
    print(testfunc.__name__, wr())
def do_throw(g):
    try:
        g.throw(RuntimeError())
    except RuntimeError:
        pass
def do_close(g):
    g.close()
def do_del(g):
    g = None
def do_next(g):
    try:
        next(g)
    except StopIteration:
        pass
def do_send(g):
    try:
        g.send(None)
    except StopIteration:
        pass
for fn in (do_throw, do_close, do_del, do_next, do_send):
    check(fn)

class C: pass
wr = None
def recurse():
    global wr
    c = C()
    wr = weakref.ref(c)
    recurse()
try:
    recurse()
except RecursionError:
    print("alive while handled:", wr() is not None)
gc.collect()
print("after recursion:", wr())
print(sys.exception())
`,
  generatorFrames: `import weakref, gc, sys
class Foo: pass
f = Foo()
f_wr = weakref.ref(f)
def genfn():
    a = f
    yield
g = genfn()
next(g)
del f
print(g.close(), g.gi_frame, g.gi_suspended)
gc.collect()
print("close releases locals:", f_wr())

# close() of a generator paused outside any try block runs nothing of it.
def plain():
    yield 1
    print("never printed")
p = plain(); next(p); p.close()
try:
    next(p)
except StopIteration:
    print("closed plain generator is finished")

# A generator frame can be resurrected by its finalization.
frame = None
def gen():
    global frame
    try:
        yield
    finally:
        frame = sys._getframe()
g = gen()
wr = weakref.ref(g)
next(g)
del g
gc.collect()
print("generator gone:", wr(), "frame kept:", frame is not None, frame.f_code.co_name)
`,
  attributeErrorPickle: `import pickle, copy
e = AttributeError('foo', name='name', obj=1)
print(e.__reduce__(), e.__getstate__())
e.x = 5
print(e.__reduce__())
print(AttributeError('a').__reduce__(), AttributeError('a').__getstate__())
for p in range(pickle.HIGHEST_PROTOCOL + 1):
    f = pickle.loads(pickle.dumps(e, p))
    print(p, repr(f), f.name, f.obj, f.x, f.args)
g = copy.copy(e); print(g.name, g.x)
`,
  methodDocstrings: `def g(): yield
async def c(): pass
async def ag(): yield
co = c(); w = co.__await__(); a = ag()
objs = [('generator', g()), ('coroutine', co), ('coroutine_wrapper', w), ('async_generator', a), ('asend', a.asend(None)), ('athrow', a.athrow(ValueError))]
for n, o in objs:
  t = type(o)
  print('==', n)
  for k in ('__next__', '__iter__', '__await__', 'send', 'throw', 'close', '__aiter__', '__anext__', 'asend', 'athrow', 'aclose'):
    if k in vars(t):
      print(' ', k, repr(vars(t)[k].__doc__), repr(getattr(o, k).__doc__) == repr(vars(t)[k].__doc__))
co.close()
for o in objs[4:]: o[1].close()
`,
  delOfBuiltinSubclasses: `import gc
log = []
for base in (list, dict, tuple, set, bytearray, Exception, int, str, object):
    class A(base):
        def __del__(self):
            log.append(type(self).__mro__[1].__name__)
    class B(A):
        pass
    a = A(); b = B()
    del a, b
gc.collect()
print(sorted(log))
class L(list):
    def __del__(self):
        print("del", self[:])
x = L([1, 2]); x = None
gc.collect()
done = False
def wrapper():
    class A(list):
        def __del__(self):
            global done
            try:
                next(it)
            except StopIteration:
                done = True
    return A
A = wrapper()
it = iter(A([]))
try:
    next(it)
except StopIteration:
    pass
gc.collect()
print(done)
try:
    list([], kw=1)
except TypeError as e:
    print(e)
class L(list):
    def __del__(self):
        print("del", self[:], getattr(self, 'tag', None))
x = L(); x.append(1); x.tag = 't'; x = None
gc.collect()
y = L([5]); y.extend([6]); y = None
gc.collect()
class D(dict):
    def __del__(self):
        print("D del", dict(self))
d = D(a=1); d['b'] = 2; d = None
gc.collect()
`,
  proxyCallbacks: `import weakref, gc
class A: pass
a = A()
calls = []
p = weakref.proxy(a, lambda pr: calls.append(type(pr).__name__))
def f(): pass
cp = weakref.proxy(f, lambda pr: calls.append("callable " + type(pr).__name__))
del a, f
gc.collect()
print(calls)
`,
  basicRefReuse: `import weakref, gc
class A: pass
a = A()
r1 = weakref.ref(a); r2 = weakref.ref(a)
print(r1 is r2, weakref.ref(a, print) is r1)
class R(weakref.ref): pass
print(R(a) is r1, type(R(a)).__name__)
s = weakref.WeakSet(); s.add(a); print(a in s, len(s))
del a, r1, r2
gc.collect()
print(len(s))
b = A(); rb = weakref.ref(b); del rb; gc.collect(); print(weakref.ref(b)() is b)
`,
};

for (const [name, src] of Object.entries(programs)) {
  test(`exceptions/generators (round 2) differential: ${name}`, async () => {
    const [ours, cpython] = await Promise.all([runOnTSPython(src), runOnCPython(src)]);
    assert.equal(ours.stdout, cpython.stdout, `stdout differs; our stderr:\n${ours.stderr}`);
    assert.equal(ours.status, cpython.status, ours.stderr);
  });
}

// Interpreter exit, recorded from CPython 3.13.0 (the oracle cannot show its own exit):
// atexit callbacks run last-registered first, before __main__ is torn down; a failing one
// (SystemExit included) is reported as unraisable and the others still run; a coroutine
// never awaited warns then.
const exitProgram = `import atexit
def bye(x, end="!"): print("bye", x, end=end + "\\n")
def bad(): raise ValueError("bad callback")
def leave(): raise SystemExit(3)
atexit.register(bye, 1)
atexit.register(bad)
atexit.register(leave)
atexit.register(bye, 2, end="?")
async def never(): pass
pending = never()
print("end")
`;
test("exceptions/generators (round 2): interpreter exit runs atexit callbacks, then finalizes", async () => {
  const ours = await runNamedOnTSPython("exit1.py", exitProgram);
  assert.equal(ours.stdout, "end\nbye 2?\nbye 1!\n", ours.stderr);
  const stderr = ours.stderr.replace(/0x[0-9a-f]+/g, "ADDR");
  assert.equal(stderr, `Exception ignored in atexit callback <function leave at ADDR>:
Traceback (most recent call last):
  File "exit1.py", line 4, in leave
    def leave(): raise SystemExit(3)
SystemExit: 3
Exception ignored in atexit callback <function bad at ADDR>:
Traceback (most recent call last):
  File "exit1.py", line 3, in bad
    def bad(): raise ValueError("bad callback")
ValueError: bad callback
<sys>:0: RuntimeWarning: coroutine 'never' was never awaited
`);
  assert.equal(ours.status, 0);
});
