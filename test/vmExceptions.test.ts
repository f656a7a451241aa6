// Exceptions in the VM (issue 6): each program is compiled by CPython 3.13 (the oracle)
// and run on TSPython from the .pyc. Differential programs compare stdout with the
// oracle's; the uncaught-exception programs compare stderr and the exit status with
// goldens recorded from CPython 3.13.0 (`python3 NAME.py`, folder prefix removed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { runOnTSPython, runOnCPython } from "./helpers/runPyc.js";
import { runNamedOnTSPython } from "./helpers/runNamed.js";

const programs: Record<string, string> = {
  p1: `import sys
# NameError suggestion
def f():
    valeu = 1
    try:
        return value
    except NameError as e:
        print(repr(e), e.name)
f()
class A:
    def __init__(self): self.color = 1
try:
    A().colour
except AttributeError as e:
    print(repr(e), e.name, type(e.obj).__name__)
# exc_info in generator across yields
def g():
    try:
        raise ValueError("in gen")
    except ValueError:
        yield sys.exception()
        yield sys.exception()
it = g()
print(repr(next(it)))
print(repr(sys.exception()))
try:
    raise KeyError("outer")
except KeyError:
    print(repr(next(it)))
    print(repr(sys.exception()))
# gi_frame f_lineno, gi_running
def h():
    yield 1
    yield 2
x = h()
print(x.gi_frame.f_lineno, x.gi_running, x.gi_suspended)
next(x)
print(x.gi_frame.f_lineno, x.gi_suspended)
x.close()
print(x.gi_frame, x.gi_suspended)
# throw with traceback
try:
    raise ValueError("a")
except ValueError as e:
    tb = e.__traceback__
def k():
    yield 1
y = k(); next(y)
try:
    y.throw(TypeError("b").with_traceback(tb))
except TypeError as e:
    t = e.__traceback__
    n = 0
    while t: n += 1; t = t.tb_next
    print("tb len", n)
# StopIteration value attr
s = StopIteration(1, 2)
print(s.value, s.args)
s.value = 5
print(s.value, s.args)
# with_traceback
e = ValueError().with_traceback(None)
print(e.__traceback__)
# raise with bad cause
try:
    raise ValueError from 5
except TypeError as e:
    print(e)
try:
    raise 5
except TypeError as e:
    print(e)
class NotExc: pass
try:
    raise NotExc
except TypeError as e:
    print(e)
try:
    try:
        1/0
    except ZeroDivisionError:
        raise
except ZeroDivisionError as e:
    print("tb lines", e.__traceback__.tb_lineno, e.__traceback__.tb_next)
print(sys.exc_info())
`,
  p7: `try:
    open("no-such-file-for-this-test")
except OSError as e:
    ENOENT = e.errno
print(str(OSError(None, "x")), repr(OSError(None, "x")))
e = OSError(ENOENT, "nf", "f", 5, "g"); print(e.args[1:], str(e)[-15:], type(e).__name__)
class My(OSError):
    def __init__(self, a, b, c): super().__init__(a, b)
m = My(ENOENT, "q", 3); print(type(m).__name__, m.args[1:], m.errno == ENOENT)
class N(OSError):
    def __new__(cls, *a): return super().__new__(cls, *a)
n = N(ENOENT, "x"); print(type(n).__name__, n.errno == ENOENT)
try:
    OSError(1, 2, x=3)
except TypeError as e: print(e)
print(OSError(ENOENT, "a").__reduce__()[0].__name__)
b = BlockingIOError(11, "x"); print(hasattr(b, "characters_written"))
import sys
print(KeyError("a"), KeyError(), KeyError(1,2), repr(KeyError("a")))
print(UnicodeEncodeError("ascii", "h\\xe9", 1, 2, "bad").__str__())
print(repr(SystemExit(3).code), SystemExit(1,2).code)
print(ImportError("m", name="n", path="p").name, ImportError("m", name="n").path)
try:
    ImportError("m", bad=1)
except TypeError as e: print(e)
print(NameError("x", name="y").name, AttributeError("a", name="b", obj=5).obj)
try: NameError("x", foo=1)
except TypeError as e: print(e)
try: ValueError(x=1)
except TypeError as e: print(e)
print(repr(StopIteration()), StopIteration().value, StopAsyncIteration(3).args)
s = SyntaxError("msg", ("f.py", 3, 4, "code\\n", 3, 6)); print(str(s), s.args, repr(s))
print(str(SyntaxError("m")), SyntaxError().msg, SyntaxError("a", ("f", None, None, None)).__str__())
print(BaseException.__new__(ValueError, 1, 2).args)
print(ExceptionGroup("m", [ValueError(1)]).__class__.__name__, BaseExceptionGroup("m", [KeyboardInterrupt()]).__class__.__name__)
eg = ExceptionGroup("x", (ValueError(1), TypeError(2)))
print(repr(eg), eg.exceptions, eg.message)
print(eg.split(ValueError)[0].exceptions, eg.subgroup(lambda e: isinstance(e, TypeError)))
class MyEG(ExceptionGroup):
    pass
m = MyEG("q", [ValueError(1), TypeError(2)])
print(type(m.split(ValueError)[0]).__name__, type(m.derive([ValueError()])).__name__)
print(eg.__str__(), ExceptionGroup("one", [ValueError()]).__str__())
try: ExceptionGroup("x", [KeyboardInterrupt()])
except TypeError as e: print(e)
try: ExceptionGroup("x", [])
except ValueError as e: print(e)
try: ExceptionGroup("x", [1])
except ValueError as e: print(e)
try: ExceptionGroup("x")
except TypeError as e: print(e)
try: ExceptionGroup("x", 5)
except TypeError as e: print(e)
e = Exception(); e.__context__ = e; print(e.__context__ is e)
try: Exception().__cause__ = 5
except TypeError as x: print(x)
try: Exception().__traceback__ = 5
except TypeError as x: print(x)
try: Exception().with_traceback(5)
except TypeError as x: print(x)
`,
};

for (const [name, src] of Object.entries(programs)) {
  test(`vm exceptions differential: ${name}`, async () => {
    const [ours, cpython] = await Promise.all([runOnTSPython(src), runOnCPython(src)]);
    assert.equal(ours.stdout, cpython.stdout, `stdout differs; our stderr:\n${ours.stderr}`);
    assert.equal(ours.status, cpython.status, ours.stderr);
  });
}

interface Golden {
  name: string;
  source: string;
  stdout: string;
  stderr: string;
  status: number;
}
const goldens: Golden[] = [
  {
    name: "u1",
    source: `def f(d):
    return d["a"]["b"] + \\
        d["c"]
def g():
    try:
        f({"a": {"b": 1}})
    except KeyError as e:
        e.add_note("while g\\nsecond line")
        raise RuntimeError("wrapped") from e
try:
    g()
except RuntimeError as e:
    err = e
def h():
    try:
        raise err
    finally:
        x = 1 / 0
h()
`,
    stdout: ``,
    stderr: `Traceback (most recent call last):
  File "u1.py", line 6, in g
    f({"a": {"b": 1}})
    ~^^^^^^^^^^^^^^^^^
  File "u1.py", line 3, in f
    d["c"]
    ~^^^^^
KeyError: 'c'
while g
second line

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "u1.py", line 16, in h
    raise err
  File "u1.py", line 11, in <module>
    g()
    ~^^
  File "u1.py", line 9, in g
    raise RuntimeError("wrapped") from e
RuntimeError: wrapped

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "u1.py", line 19, in <module>
    h()
    ~^^
  File "u1.py", line 18, in h
    x = 1 / 0
        ~~^~~
ZeroDivisionError: division by zero
`,
    status: 1,
  },
  {
    name: "u2",
    source: `def gen():
    yield 1
    raise ValueError("from gen")
def use():
    return [x * 2 for x in gen()]
def group():
    errs = []
    for i in range(3):
        try:
            if i == 1:
                use()
            raise TypeError(f"t{i}")
        except Exception as e:
            errs.append(e)
    raise ExceptionGroup("many", [*errs, ExceptionGroup("nested", [KeyError("k")])])
group()
`,
    stdout: ``,
    stderr: `  + Exception Group Traceback (most recent call last):
  |   File "u2.py", line 16, in <module>
  |     group()
  |     ~~~~~^^
  |   File "u2.py", line 15, in group
  |     raise ExceptionGroup("many", [*errs, ExceptionGroup("nested", [KeyError("k")])])
  | ExceptionGroup: many (4 sub-exceptions)
  +-+---------------- 1 ----------------
    | Traceback (most recent call last):
    |   File "u2.py", line 12, in group
    |     raise TypeError(f"t{i}")
    | TypeError: t0
    +---------------- 2 ----------------
    | Traceback (most recent call last):
    |   File "u2.py", line 11, in group
    |     use()
    |     ~~~^^
    |   File "u2.py", line 5, in use
    |     return [x * 2 for x in gen()]
    |                            ~~~^^
    |   File "u2.py", line 3, in gen
    |     raise ValueError("from gen")
    | ValueError: from gen
    +---------------- 3 ----------------
    | Traceback (most recent call last):
    |   File "u2.py", line 12, in group
    |     raise TypeError(f"t{i}")
    | TypeError: t2
    +---------------- 4 ----------------
    | ExceptionGroup: nested (1 sub-exception)
    +-+---------------- 1 ----------------
      | KeyError: 'k'
      +------------------------------------
`,
    status: 1,
  },
  {
    name: "u3",
    source: `import sys
print("out")
sys.exit("fatal: bad config")
`,
    stdout: `out
`,
    stderr: `fatal: bad config
`,
    status: 1,
  },
  {
    name: "u4",
    source: `class Boom(Exception):
    pass
def λ(n):
    if n == 0:
        raise Boom()
    return λ(n - 1)
x = [
    1,
    λ(40),
]
`,
    stdout: ``,
    stderr: `Traceback (most recent call last):
  File "u4.py", line 9, in <module>
    λ(40),
    ~^^^^
  File "u4.py", line 6, in λ
    return λ(n - 1)
           ~^^^^^^^
  File "u4.py", line 6, in λ
    return λ(n - 1)
           ~^^^^^^^
  File "u4.py", line 6, in λ
    return λ(n - 1)
           ~^^^^^^^
  [Previous line repeated 37 more times]
  File "u4.py", line 5, in λ
    raise Boom()
Boom
`,
    status: 1,
  },
  {
    name: "u5",
    source: `raise BaseExceptionGroup("top", [ValueError(i) for i in range(17)] + [KeyboardInterrupt()])
`,
    stdout: ``,
    stderr: `  + Exception Group Traceback (most recent call last):
  |   File "u5.py", line 1, in <module>
  |     raise BaseExceptionGroup("top", [ValueError(i) for i in range(17)] + [KeyboardInterrupt()])
  | BaseExceptionGroup: top (18 sub-exceptions)
  +-+---------------- 1 ----------------
    | ValueError: 0
    +---------------- 2 ----------------
    | ValueError: 1
    +---------------- 3 ----------------
    | ValueError: 2
    +---------------- 4 ----------------
    | ValueError: 3
    +---------------- 5 ----------------
    | ValueError: 4
    +---------------- 6 ----------------
    | ValueError: 5
    +---------------- 7 ----------------
    | ValueError: 6
    +---------------- 8 ----------------
    | ValueError: 7
    +---------------- 9 ----------------
    | ValueError: 8
    +---------------- 10 ----------------
    | ValueError: 9
    +---------------- 11 ----------------
    | ValueError: 10
    +---------------- 12 ----------------
    | ValueError: 11
    +---------------- 13 ----------------
    | ValueError: 12
    +---------------- 14 ----------------
    | ValueError: 13
    +---------------- 15 ----------------
    | ValueError: 14
    +---------------- ... ----------------
    | and 3 more exceptions
    +------------------------------------
`,
    status: 1,
  },
  {
    name: "u6",
    source: `class Config:
    def __init__(self):
        self.timeout = 3
    def value(self):
        try:
            return timeout
        except NameError:
            return self.timout
def describe(cfg):
    try:
        return cfg.value()
    except AttributeError as e:
        raise LookupError("no such setting") from e
try:
    describe(Config())
except LookupError as e:
    print("caught:", e, "| cause:", e.__cause__)
describe(Config())
`,
    stdout: `caught: no such setting | cause: 'Config' object has no attribute 'timout'
`,
    stderr: `Traceback (most recent call last):
  File "u6.py", line 6, in value
    return timeout
           ^^^^^^^
NameError: name 'timeout' is not defined. Did you mean: 'self.timeout'?

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "u6.py", line 11, in describe
    return cfg.value()
           ~~~~~~~~~^^
  File "u6.py", line 8, in value
    return self.timout
           ^^^^^^^^^^^
AttributeError: 'Config' object has no attribute 'timout'. Did you mean: 'timeout'?

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "u6.py", line 18, in <module>
    describe(Config())
    ~~~~~~~~^^^^^^^^^^
  File "u6.py", line 13, in describe
    raise LookupError("no such setting") from e
LookupError: no such setting
`,
    status: 1,
  },
  {
    name: "u7",
    source: `import sys
def hook(t, v, tb):
    print("custom hook:", t.__name__, v, file=sys.stderr)
    sys.__excepthook__(t, v, tb)
sys.excepthook = hook
def inner():
    return [1, 2][5]
inner()
`,
    stdout: ``,
    stderr: `custom hook: IndexError list index out of range
Traceback (most recent call last):
  File "u7.py", line 8, in <module>
    inner()
    ~~~~~^^
  File "u7.py", line 7, in inner
    return [1, 2][5]
           ~~~~~~^^^
IndexError: list index out of range
`,
    status: 1,
  },
];

for (const g of goldens) {
  test(`vm uncaught exception as CPython prints it: ${g.name}`, async () => {
    const ours = await runNamedOnTSPython(`${g.name}.py`, g.source);
    assert.equal(ours.stdout, g.stdout);
    assert.equal(ours.stderr, g.stderr);
    assert.equal(ours.status, g.status);
  });
}
