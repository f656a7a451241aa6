// Generators, coroutines and async generators in the VM (issue 6): each program is
// compiled by CPython 3.13 (the oracle), run on TSPython from the .pyc, and its stdout
// compared with the oracle's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runOnTSPython, runOnCPython } from "./helpers/runPyc.js";
import { runNamedOnTSPython } from "./helpers/runNamed.js";

const programs: Record<string, string> = {
  g1: `import sys
def gen():
    x = yield 1
    print("got", x)
    try:
        y = yield 2
    except ValueError as e:
        print("caught", repr(e), repr(sys.exception()))
        y = yield 3
    finally:
        print("finally", sys.exception())
    return "done"
g = gen()
print(next(g), g.send("a"), g.throw(ValueError("v")))
try:
    g.send(None)
except StopIteration as s:
    print("stop", s.value)
print(g.gi_frame, g.gi_running, g.gi_suspended)
# close semantics
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
def closer():
    try:
        yield 1
    except GeneratorExit:
        print("closing")
        raise
c = closer(); next(c); print(c.close(), c.gi_frame)
def retclose():
    try:
        yield 1
    finally:
        return 42
r = retclose(); next(r); print("close returns", r.close())
# unstarted close / throw
u = gen(); print(u.close(), u.gi_frame)
u2 = gen()
try:
    u2.throw(KeyError("k"))
except KeyError as e:
    print("unstarted throw", repr(e), u2.gi_frame)
# yield from delegation
def inner():
    try:
        v = yield "i1"
        print("inner got", v)
        yield "i2"
    except TypeError:
        print("inner caught")
        yield "i3"
    return "inner-ret"
def outer():
    r = yield from inner()
    print("outer r", r)
    yield "o1"
o = outer()
print(next(o), o.send("S"), o.gi_yieldfrom.__name__, o.throw(TypeError), next(o))
# already executing
def selfref():
    yield me.send(None)
me = selfref()
try:
    next(me)
except ValueError as e:
    print(e)
# PEP 479
def bad():
    yield 1
    raise StopIteration("x")
try:
    list(bad())
except RuntimeError as e:
    print(e, repr(e.__cause__))
# exc state swap
def saver():
    try:
        raise KeyError("inside")
    except KeyError:
        yield sys.exception()
        yield sys.exception()
sv = saver()
print(repr(next(sv)), repr(sys.exception()))
try:
    raise IndexError("outside")
except IndexError:
    print(repr(next(sv)), repr(sys.exception()))
# send to just-started
try:
    gen().send(5)
except TypeError as e:
    print(e)
# generator expression frames and names
ge = (i for i in range(3))
print(ge.__name__, ge.__qualname__, list(ge), ge.gi_code.co_name)
# throw signatures
def t():
    while True:
        try:
            yield
        except Exception as e:
            print("t got", repr(e))
tt = t(); next(tt)
tt.throw(ValueError("inst"))
tt.throw(ValueError)
try:
    tt.throw(5)
except TypeError as e:
    print(e)
`,
  g2: `import sys
class Aw:
    def __await__(self):
        v = yield "aw"
        return v * 2
async def c1():
    r = await Aw()
    return r + 1
co = c1()
print(co.send(None), co.cr_running, co.cr_suspended, type(co.cr_await).__name__)
try:
    co.send(10)
except StopIteration as s:
    print("ret", s.value, co.cr_frame, co.cr_await)
try:
    co.send(None)
except RuntimeError as e:
    print(e)
async def c2():
    return await c1()
x = c2()
print(x.send(None))
x.close()
print(x.cr_frame, repr(x)[:24])
async def raiser():
    raise ValueError("r")
async def awaiter():
    try:
        await raiser()
    except ValueError as e:
        return "caught " + str(e)
try:
    awaiter().send(None)
except StopIteration as s:
    print(s.value)
# async generators
async def agen():
    try:
        yield 1
        v = yield 2
        print("ag got", v)
        await Aw()
        yield 3
    finally:
        print("ag finally")
def drive(aw, val=None):
    try:
        return aw.send(val)
    except StopIteration as s:
        return ("stop", s.value)
    except StopAsyncIteration:
        return "SAI"
a = agen()
print(drive(a.__anext__()), drive(a.asend(None)))
step = a.asend("V")
print(step.send(None), drive(step, 5))
print(drive(a.aclose()), drive(a.__anext__()), a.ag_frame)
b = agen(); drive(b.__anext__())
try:
    b.athrow(KeyError("k")).send(None)
except KeyError as e:
    print("athrow propagated", repr(e))
async def agen2():
    yield 1
    yield 2
async def comp():
    return [x async for x in agen2()], [y async for y in agen2() if y > 1]
print(drive(comp()))
async def runner():
    g = agen()
    out = []
    async for v in g:
        out.append(v)
        if v == 2: break
    await g.aclose()
    return out
print(drive(runner()))
`,
};

for (const [name, src] of Object.entries(programs)) {
  test(`vm generators differential: ${name}`, async () => {
    const [ours, cpython] = await Promise.all([runOnTSPython(src), runOnCPython(src)]);
    assert.equal(ours.stdout, cpython.stdout, `stdout differs; our stderr:\n${ours.stderr}`);
    assert.equal(ours.status, cpython.status, ours.stderr);
  });
}

// Finalization (gc.collect() and interpreter exit) recorded from CPython 3.13.0: the async
// generator finalizer hook gets the unreachable generator, a generator paused in a try block
// is closed at exit.
const finalizationProgram = `import gc, sys
log = []
def finalizer(agen):
    log.append("finalizer " + agen.__qualname__)
    finalized.append(agen)
finalized = []
async def resource(name):
    try:
        yield name
    finally:
        log.append("cleanup " + name)
def drive(aw):
    try:
        aw.send(None)
    except StopIteration as s:
        return s.value
sys.set_asyncgen_hooks(finalizer=finalizer)
g = resource("a")
print(drive(g.__anext__()))
g = None
gc.collect()
print(log)
try:
    drive(finalized.pop().aclose())
except StopIteration:
    pass
print(log)
sys.set_asyncgen_hooks(None, None)
def gen():
    try:
        yield 1
    finally:
        print("generator closed at exit")
kept = gen()
next(kept)
print("end of program")
`;
test("vm generators: finalization of unreachable generators (gc.collect, exit)", async () => {
  const ours = await runNamedOnTSPython("f1.py", finalizationProgram);
  assert.equal(ours.stdout, `a
['finalizer resource']
['finalizer resource', 'cleanup a']
end of program
generator closed at exit
`, ours.stderr);
  assert.equal(ours.stderr, "");
  assert.equal(ours.status, 0);
});
