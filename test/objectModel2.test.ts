// Differential tests of object-model details found by CPython's own test modules
// (test_patma, test_dict, test_list, test_int, test_types, test_class): each program is
// compiled by CPython 3.13 (the oracle, pyodide), run on TSPython from the .pyc and on the
// oracle, and the outputs compared line by line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runOnTSPython, runOnCPython } from "./helpers/runPyc.js";

const programs: Record<string, string> = {
  // MATCH_SEQUENCE / MATCH_MAPPING read the type flags: inherited along the MRO, set by
  // collections.abc registration (also late, on existing subclasses) and by array.
  patma_collection_flags: `import array, collections, collections.abc as cabc, sys
def kind(x):
    match x:
        case [*_]: return "seq"
        case {}: return "map"
    return None
for v in [[], (), range(2), memoryview(b""), {}, collections.deque(), array.array('b'), "s", b"b",
          bytearray(), collections.UserDict(), collections.UserList(), type.__dict__,
          collections.defaultdict(), set(), 1]:
    print(type(v).__name__, kind(v))
class C: pass
class M1(collections.UserDict, cabc.Sequence): pass
class M3(collections.UserDict, C, list): pass
class M4(dict, cabc.Sequence, C): pass
class S1(collections.UserList, cabc.Mapping): pass
class S3(list, C, cabc.Mapping): pass
class S4(collections.UserList, dict, C): pass
for k in (M1, M3, M4, S1, S3, S4):
    print(k.__name__, kind(k()))
class Parent: pass
class ChildPre(Parent): pass
cabc.Mapping.register(Parent)
class ChildPost(Parent): pass
print(kind(Parent()), kind(ChildPre()), kind(ChildPost()))
class Q: pass
class QChild(Q): pass
cabc.Sequence.register(Q)
print(kind(Q()), kind(QChild()), isinstance(QChild(), cabc.Sequence), issubclass(Q, cabc.Reversible))
cabc.Mapping.register(Q)
print(kind(Q()), kind(QChild()))
cabc.Sequence.register(str)
print(kind("abc"))
print("__abc_tpflags__" in cabc.Sequence.__dict__, "__abc_tpflags__" in cabc.Mapping.__dict__)
`,
  // _abc: ABCMeta's bookkeeping (abstract methods, register, caches, errors).
  abc_machinery: `import abc, _abc
class A(abc.ABC):
    @abc.abstractmethod
    def f(self): pass
    @property
    @abc.abstractmethod
    def p(self): pass
print(sorted(A.__abstractmethods__), type(A.__abstractmethods__).__name__)
class B(A):
    def f(self): return 1
print(sorted(B.__abstractmethods__))
try: B()
except TypeError as e: print(e)
class R: pass
print(A.register(R) is R, issubclass(R, A), isinstance(R(), A), A.register(B) is B)
try: A.register(1)
except TypeError as e: print(e)
try: R.register
except AttributeError as e: print("AttributeError")
class X(abc.ABC): pass
class Y(X): pass
try: X.register(X) ; Y.register(X)
except RuntimeError as e: print(e)
tok = abc.get_cache_token()
class Z(abc.ABC): pass
Z.register(int)
print(abc.get_cache_token() - tok, isinstance(3, Z), issubclass(bool, Z))
class H(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        return hasattr(C, "quack") or NotImplemented
class Duck:
    def quack(self): pass
print(isinstance(Duck(), H), issubclass(int, H))
class Bad(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C): return 1
try: issubclass(int, Bad)
except AssertionError as e: print("AssertionError", e)
try: issubclass(1, Z)
except TypeError as e: print(e)
Z._abc_impl = None
try: isinstance(1, Z)
except TypeError as e: print(e)
print(type(X._abc_impl).__name__, len(_abc._get_dump(A)), _abc._get_dump(A)[3] >= 0)
`,
  // Class patterns: isinstance() with __instancecheck__, __match_args__ looked up with
  // getattr, repeated attributes; mapping patterns: repeated keys, get() lookups.
  patma_class_and_keys: `from typing import Protocol, runtime_checkable
def show(label, f):
    try: print(label, "->", repr(f()))
    except Exception as e: print(label, "->", type(e).__name__ + ":", e)
class P(Protocol): ...
def m1():
    match 1:
        case P(): return "P"
show("plain protocol", m1)
@runtime_checkable
class RP(Protocol):
    x: int
class A:
    x = 1
def m2(v):
    match v:
        case RP(): return "RP"
    return None
show("runtime protocol", lambda: (m2(A()), m2(1)))
class Meta(type):
    def __instancecheck__(cls, inst): return inst == 42
class Any42(metaclass=Meta):
    __match_args__ = ("real",)
def m3(v):
    match v:
        case Any42(r): return ("any42", r)
    return None
show("instancecheck", lambda: (m3(42), m3(41)))
class K:
    __match_args__ = ("a", "a")
    a = 1
def m4():
    match K():
        case K(y, z): return (y, z)
show("dup positional", m4)
class K2:
    __match_args__ = ("a",)
    a = 1
def m5():
    match K2():
        case K2(y, a=z): return (y, z)
show("dup keyword", m5)
class K3:
    __match_args__ = ["a"]
def m6():
    match K3():
        case K3(y): return y
show("list match_args", m6)
class MA(type):
    @property
    def __match_args__(cls): return ("b",)
class K4(metaclass=MA):
    b = 7
def m7():
    match K4():
        case K4(v): return v
show("metaclass match_args", m7)
class Keys: KEY = "a"
def m8():
    match {"a": 1}:
        case {Keys.KEY: _, "a": _}: return "x"
show("dup key", m8)
from collections.abc import Mapping
class NoGet(dict):
    get = None
def m9():
    match NoGet(a=1):
        case {"a": v}: return v
show("get is None", m9)
class LoudMap(dict):
    def get(self, k, d=None):
        print("get", k)
        return super().get(k, d)
def m10():
    match LoudMap(a=1, b=2):
        case {"a": 1, "c": _}: return 1
        case {"b": v}: return v
show("get calls", m10)
show("bool self", lambda: [(lambda v: (v,))(v) for v in [True]])
def m11(v):
    match v:
        case int(x): return ("int", x)
        case str(x): return ("str", x)
    return None
class MyInt(int): pass
show("match self", lambda: (m11(3), m11("s"), m11(MyInt(4)), m11(2.5)))
def m12():
    match 3:
        case int(a, b): return 1
show("match self 2", m12)
show("isinstance", lambda: (isinstance(1, (str, (int,))), isinstance(1, int | str), issubclass(bool, int | str)))
class FakeClass:
    __bases__ = ()
class HasClass:
    @property
    def __class__(self): return int
show("isinstance __class__", lambda: (isinstance(HasClass(), int), isinstance(HasClass(), HasClass)))
show("isinstance bad", lambda: isinstance(1, 1))
show("issubclass bad", lambda: issubclass(1, int))
show("issubclass bad 2", lambda: issubclass(int, 1))
show("type.__subclasscheck__", lambda: type.__subclasscheck__(int, 1))
show("abstract bases", lambda: (isinstance(1, FakeClass()), issubclass(FakeClass(), FakeClass())))
`,
  // int(): PyNumber_Long's order (an int subclass's __int__ counts), DeprecationWarnings for
  // non-exact results and __trunc__, buffers (array), the int/str digit limits.
  int_conversion: `import array, sys, warnings
def show(label, f):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try: r = f(); print(label, "->", repr(r), type(r).__name__)
        except Exception as e: print(label, "->", type(e).__name__ + ":", e)
    for x in w: print("   warning:", x.category.__name__, x.message)
class MyInt(int):
    def __int__(self): return 42
class BadInt(int):
    def __int__(self): return 42.0
class BI:
    def __index__(self): return True
class BI2(int):
    def __index__(self): return True
class II:
    def __int__(self): return True
class TR:
    def __trunc__(self): return True
class TR2:
    def __trunc__(self): return 2.5
class TR3:
    def __trunc__(self): return BI()
show("subclass __int__", lambda: int(MyInt(7)))
show("subclass bad __int__", lambda: int(BadInt(7)))
for c in (BI, BI2, II, TR, TR2, TR3):
    show(c.__name__, lambda: int(c()))
show("MyInt(TR)", lambda: MyInt(TR()))
show("index bool", lambda: [1, 2, 3][BI()])
show("array", lambda: (int(array.array('b', b'100')), bytes(array.array('B', b'ab')), memoryview(array.array('B', b'xy')).tobytes()))
show("float subclass", lambda: int(type("F", (float,), {"__int__": lambda self: 5})(2.5)))
show("str", lambda: (int(" 12 "), int("1_0"), int(b"7"), int(bytearray(b"8"))))
show("limit default", lambda: len(str(10 ** 5000)))
sys.set_int_max_str_digits(700)
show("parse 701", lambda: int("1" * 701))
show("parse underscores", lambda: len(str(int("1_" * 699 + "1"))))
show("parse base 36", lambda: int("2" * 701, 36))
show("parse base 3 ok", lambda: int("2" * 700, 3) > 0)
show("parse base 16 unlimited", lambda: int("f" * 2000, 16) > 0)
show("str 701", lambda: str(10 ** 700))
show("str 700", lambda: len(str(-(10 ** 699))))
show("huge", lambda: str(int("c" * 60000, 16)))
show("bases", lambda: [int("1" * 40, b) % 1000003 for b in (3, 5, 7, 12, 36)])
`,
  // Builtin iterators pickle and copy at their position (__reduce__/__setstate__); builtin
  // functions pickle by name and show as <built-in function ...>.
  iterator_pickle: `import pickle, copy
def plain(x):
    if hasattr(x, "__next__"):
        return type(x).__name__
    if type(x).__name__ in ("method-wrapper", "builtin_function_or_method") and x.__self__ is not None and not isinstance(x.__self__, type(pickle)):
        return "bound " + x.__name__
    return tuple(map(plain, x)) if type(x) is tuple else x
def red(it):
    return plain(it.__reduce__())
class S:
    def __getitem__(self, i):
        if i > 2: raise IndexError
        return i
    def __len__(self): return 3
    def __repr__(self): return "S()"
def cases():
    return [("list", iter([1, 2, 3])), ("tuple", iter((1, 2))), ("rev", reversed([1, 2, 3])),
            ("dictkeys", iter({1: 2, 3: 4})), ("dictvalues", iter({1: 2, 3: 4}.values())),
            ("dictitems", iter({1: 2, 3: 4}.items())), ("dictrev", reversed({1: 2, 3: 4, 5: 6})),
            ("dictrevitems", reversed({1: 2, 3: 4}.items())), ("range", iter(range(1, 20, 3))),
            ("longrange", iter(range(2**70, 2**70 + 10, 2))), ("str", iter("a\U0001f600bc")),
            ("bytes", iter(b"abc")), ("bytearray", iter(bytearray(b"xy"))), ("set", iter({5})),
            ("enumerate", enumerate("abc", 5)), ("zip", zip("ab", [1, 2])), ("zipstrict", zip("ab", "cd", strict=True)),
            ("map", map(str, [1, 2])), ("filter", filter(None, [0, 1, 2])), ("seq", iter(S())),
            ("reversedS", reversed(S())), ("callable", iter([1, 2, 3]).__next__)]
for name, it in cases():
    if name == "callable":
        it = iter(it, 3)
    first = next(it)
    print(name, first, red(it))
    # (S lives in the oracle's exec namespace, not in an importable module: no pickling.)
    picklable = name not in ("seq", "reversedS")
    for proto in (0, 2, 5) if picklable else ():
        print("  ", proto, list(pickle.loads(pickle.dumps(it, proto))))
    print("   copy", list(copy.copy(it)), list(it))
    print("   exhausted", red(it), list(pickle.loads(pickle.dumps(it))) if picklable else list(copy.copy(it)))
it = iter([1, 2, 3]); it.__setstate__(10); print(list(it))
it = iter([1, 2, 3]); it.__setstate__(-5); print(list(it))
it = reversed([1, 2, 3]); it.__setstate__(10); print(list(it))
it = iter(range(5)); it.__setstate__(3); print(list(it))
it = iter("a\U0001f600cd"); it.__setstate__(2); print(list(it))
it = iter((1, 2, 3)); it.__setstate__(1); print(list(it))
orig = [4, 5, 6, 7]
it = iter(orig); next(it)
it2, a = pickle.loads(pickle.dumps((it, orig)))
a[:] = [10, 11, 12, 13, 14, 15]
print(list(it2))
print(len, [].append.__reduce__()[0], [].append.__reduce__()[1][1], len.__reduce__(), pickle.loads(pickle.dumps(len)) is len)
print(type(len).__module__, type(iter([])).__module__)
`,
  // list slice assignment reads the new items first (gh-120384); tuple repetition and
  // concatenation give the tuple itself when nothing changes; subclasses iterate their way.
  list_and_tuple: `def show(label, f):
    try: print(label, "->", repr(f()))
    except Exception as e: print(label, "->", type(e).__name__ + ":", e)
class evil:
    def __init__(self, lst): self.lst = lst
    def __iter__(self):
        yield from self.lst
        self.lst.clear()
def a(slc):
    lst = list(range(5))
    lst[slc] = evil(lst)
    return lst
show("ext slice", lambda: a(slice(None, None, -1)))
show("slice", lambda: a(slice(1, 3)))
show("slice tail", lambda: a(slice(-2, None)))
def b(slc, v):
    lst = list(range(5))
    lst[slc] = v if v is not None else lst
    return lst
show("self ext", lambda: b(slice(None, None, 2), None))
show("self", lambda: b(slice(1, 2), None))
show("not iterable", lambda: b(slice(0, 1), 5))
show("not iterable ext", lambda: b(slice(0, 4, 2), 5))
show("size mismatch", lambda: b(slice(0, 4, 2), [1]))
s = (1, 2)
show("tuple identity", lambda: (s * 1 is s, s + () is s, () + s is s, () * 5 is (), s * 2))
class T(tuple): pass
t = T((1, 2))
show("subclass", lambda: (type(t * 1).__name__, t * 1 is t, type(t + ()).__name__))
class LyingTuple(tuple):
    def __iter__(self): yield 1
class LyingList(list):
    def __iter__(self): yield 1
show("lying", lambda: (list(LyingTuple((2,))), list(LyingList([2])), tuple(LyingList([2])), sorted(LyingList([3, 2]))))
`,
  // dict: view comparison by membership (values are compared, not hashed), dict(x) of a
  // dict subclass overriding __iter__ goes through keys(), update() notices a mutated
  // argument, setdefault hashes once; exhausted iterators still behave.
  dict_details: `import collections
def show(label, f):
    try: print(label, "->", repr(f()))
    except Exception as e: print(label, "->", type(e).__name__ + ":", e)
class C:
    def __eq__(self, other): raise RuntimeError("eq")
d1 = {1: C()}; d2 = {1: C()}
for op in ("==", "!=", "<=", ">=", "<", ">"):
    show("items " + op, lambda: eval("d1.items() %s d2.items()" % op))
d3 = {1: C(), 2: C()}
show("items <", lambda: d2.items() < d3.items())
show("keys", lambda: ({1: 2}.keys() == {1}, {1: 2}.keys() < {1, 2}, {1: 2}.items() == {(1, 2)}, {1: 2}.keys() == {1: 3}.keys(), {1: 2}.values() == {1: 2}.values(), {1:2}.keys() == [1]))
show("unhashable item", lambda: {1: []}.items() == {1: []}.items())
od = collections.OrderedDict([('a', 1), ('b', 2)]); od.move_to_end('a')
show("copy order", lambda: list(dict(od).items()))
class CustomDict(dict):
    pass
show("custom", lambda: list(dict(CustomDict(od)).items()))
class Rev(dict):
    def __iter__(self): return reversed(list(super().__iter__()))
show("rev", lambda: list(dict(Rev(a=1, b=2))))
class X:
    def __hash__(self): return 0
    def __eq__(self, o):
        other.clear()
        return False
other = dict([(i, 0) for i in range(1, 100)]); other[X()] = 0
d = {X(): 0, 1: 1}
show("merge mutate", lambda: d.update(other))
class Hashed(object):
    def __init__(self):
        self.hash_count = 0
        self.eq_count = 0
    def __hash__(self):
        self.hash_count += 1
        return 42
    def __eq__(self, other):
        self.eq_count += 1
        return id(self) == id(other)
h1 = Hashed(); y = {h1: 5}; h2 = Hashed()
show("setdefault", lambda: (y.setdefault(h2, []), y.setdefault(h1), h1.hash_count, h2.hash_count, h1.eq_count + h2.eq_count, y.setdefault("k", 3), y.setdefault("k", 4), y.setdefault(1.0, 5), y.setdefault(1)))
it = iter({1: 2}); next(it)
show("exhausted", lambda: (list(it), list(it), it.__length_hint__() >= 0))
r = reversed({1: 2, 3: 4}); show("reversed twice", lambda: (list(r), list(r), next(r, "end")))
li = iter([1]); show("list exhausted", lambda: (list(li), next(li, "end"), li.__length_hint__()))
rl = reversed([1, 2]); show("rev exhausted", lambda: (list(rl), next(rl, "end"), rl.__length_hint__()))
`,
  // types: UnionType hashing/substitution/pickling, GenericAlias parameters and
  // substitution, mappingproxy over dict subclasses, SimpleNamespace(mapping or pairs),
  // __format__ argument checks, slot wrappers of object's comparisons, metaclass type() errors.
  union_and_generic_alias: `import typing, types, pickle, copy, collections.abc
def show(label, f):
    try: print(label, "->", repr(f()))
    except Exception as e: print(label, "->", type(e).__name__ + ":", e)
T = typing.TypeVar("T"); S = typing.TypeVar("S")
show("params", lambda: (list[T].__parameters__, dict[T, S].__parameters__, list[int].__parameters__, list[list[T]].__parameters__))
show("subs", lambda: (list[T][int], dict[str, T][int], dict[T, S][int, str], list[list[T]][int]))
show("subs err", lambda: list[int][int])
show("subs err2", lambda: dict[T, S][int])
show("chain", lambda: ((float | list[T])[int], list[int | list[T]].__parameters__, list[int | list[T]][str], (list[T] | list[S]).__parameters__, (list[T] | list[S])[int, T], (list[T] | list[S])[int, int]))
x = int | T | bytes
show("x", lambda: (x[str], x[list[int]], x[typing.List], x[typing.Union[str, list]], x[str | int], x[S]))
show("tv", lambda: (type(int | T).__name__, (int | T)[int], (T | int)[int], T | str == typing.Union[T, str]))
show("hash", lambda: hash(int | str) == hash(typing.Union[int, str]))
class SubClass(types.GenericAlias): ...
d = SubClass(list, float)
a = list[int]; b = list[str]; c = dict[float, str]
show("sub", lambda: (a | b | c | d == typing.Union[a, b, c, d], a | c | b | b | a | c | d | d == a | b | c | d, a | b | d == b | a | d))
orig = list[typing.AnyStr] | int  # a TypeVar that pickle can find by name
show("pickle", lambda: [pickle.loads(pickle.dumps(orig, p)) == orig for p in range(6)])
show("pickle2", lambda: (pickle.loads(pickle.dumps(orig)).__parameters__, copy.copy(orig) == orig, copy.deepcopy(orig) == orig, list[T].__reduce__()))
show("attrs", lambda: (list[int].__name__, list[int].__module__, list[int].__qualname__, list[int].append is list.append, list[int].__class__, d.__class__.__name__))
show("callable", lambda: (collections.abc.Callable[[T], int][str], collections.abc.Callable[[T], S].__parameters__))
show("dir", lambda: "__origin__" in dir(list[int]))
show("call", lambda: list[int]([1, 2]))
show("mro", lambda: list[int].__mro_entries__((list[int],)))
`,
  types_details: `def show(label, f):
    try: print(label, "->", repr(f()))
    except Exception as e: print(label, "->", type(e).__name__ + ":", e)
show("int", lambda: (3).__format__(None))
show("float", lambda: (3.0).__format__(None))
show("str", lambda: "a".__format__(None))
show("complex", lambda: (1j).__format__(None))
show("obj", lambda: object().__format__(None))
show("bool", lambda: True.__format__(1))
show("int ok", lambda: (3).__format__("x"))
show("mi", lambda: type(5)(5) | 3)
class M(type): pass
show("M(5)", lambda: M(5))
show("M()", lambda: M())
show("type()", lambda: type())
show("type(1,2)", lambda: type(1, 2))
class N(type, metaclass=M): pass
show("N(5)", lambda: N(5))
show("hash", lambda: hash(int | str) == hash(frozenset({int, str})))
import typing
show("hash2", lambda: hash(int | str) == hash(typing.Union[int, str]))
show("lt", lambda: (type(object.__lt__).__name__, type(int.__lt__).__name__, type(object.__init__).__name__, type(object.__str__).__name__, type(object.__eq__).__name__))
import types, collections
mp = types.MappingProxyType
print(sorted(set(dir(mp({}))) - set(dir(object()))))
class customdict(dict):
    def __contains__(self, key):
        if key == 'magic': return True
        return dict.__contains__(self, key)
    def __iter__(self): return iter(('iter',))
    def __len__(self): return 500
    def copy(self): return 'copy'
    def keys(self): return 'keys'
    def items(self): return 'items'
    def values(self): return 'values'
    def __getitem__(self, key): return "getitem=%s" % dict.__getitem__(self, key)
    def get(self, key, default=None): return "get=%s" % dict.get(self, key, 'default=%r' % default)
view = mp(customdict({'key': 'value'}))
print('key' in view, 'magic' in view, 'xxx' in view, view['key'], tuple(view), len(view), view.copy(), view.get('key'), view.get('xxx'), view.items(), view.keys(), view.values())
try: view['xxx']
except KeyError as e: print("KeyError", e)
v = mp({})
try:
    v |= {}
except TypeError as e: print(e)
print(mp[str, int], mp({1: 2}) | {3: 4})
import types
from collections import UserDict
N = types.SimpleNamespace
show("a", lambda: vars(N([['x', 1], ['y', 2]], x=4, z=3)))
show("b", lambda: vars(N(UserDict({'x': 1, 'y': 2}), x=4, z=3)))
show("c", lambda: vars(N({'x': 1, 'y': 2})))
show("d", lambda: N([], []))
show("e", lambda: N(1))
show("f", lambda: N([1]))
show("g", lambda: N([['x']]))
show("h", lambda: N(**{1: 2}))
show("i", lambda: N({1: 2}))
show("j", lambda: N([(1, 2)]))
print(object.__basicsize__ > 0, tuple.__itemsize__ > 0, int.__basicsize__ > object.__basicsize__)
for s in ('#c', '+c', ',c', '_c', '=c', '#X'):
    show(s, lambda: format(65, s))
`,
  // eval()/exec() without namespaces see an inlined comprehension's variables (PEP 709)
  // in every scope; type.__flags__ carries CPython's layout bits.
  comprehension_locals_and_flags: `l = [1, 2]
y = 0
items = [locals()["x"] for x in l]
items2 = [vars()["x"] for x in l]
items3 = [("x" in dir()) for x in l]
items4 = [eval("x") for x in l]
[exec("y = x") for x in l]
print(items, items2, items3, items4, y)
class C:
    l = [1, 2]
    y = 0
    items4 = [eval("x") for x in l]
    [exec("y = x") for x in l]
    print(items4, y)
def f():
    l = [1, 2]
    y = 0
    items4 = [eval("x") for x in l]
    [exec("y = x") for x in l]
    print(items4, y)
f()
class Plain: pass
class S: __slots__=('a',)
class D(dict): pass
class I(int): pass
class E(Exception): pass
for c in (Plain, S, D, I, E, object, int, type, list):
    print(c.__name__, [b for b in (1,2,4,5,6,8,9,10,12,22,24,25,29,30,31) if c.__flags__ >> b & 1])
`,
  // Docstrings of slot wrappers (and the methods bound from them).
  slot_docs: `def gen(): yield 1
g = gen()
print(int.__add__.__doc__, "|", (1).__add__.__doc__, "|", object.__init__.__doc__, "|", list.__iter__.__doc__, "|", object.__lt__.__doc__)
print(iter([]).__next__.__doc__, "|", dict.__getitem__.__doc__, "|", type.__call__.__doc__)
print(len.__doc__ is None or isinstance(len.__doc__, str))
print([(n, getattr(int, n).__doc__) for n in ("__sub__", "__rsub__", "__neg__", "__bool__", "__hash__", "__repr__", "__index__")])
`,
  // Slot wrappers' text signatures: inspect.signature of object.__init__.__get__ & co.
  slot_signatures: `import inspect
print(inspect.signature(object.__init__.__get__))
sig = inspect.signature(object.__init__.__get__)
print(list(sig.parameters), sig.parameters["owner"].default)
print(int.__add__.__text_signature__, "|", int.__add__.__doc__, "|", (1).__add__.__text_signature__)
print(inspect.signature(int.__add__), inspect.signature((1).__add__), inspect.signature(object.__setattr__))
print(iter([]).__next__.__doc__)
`,
};

for (const [name, src] of Object.entries(programs)) {
  test(`object model differential: ${name}`, async () => {
    const [ours, cpython] = await Promise.all([runOnTSPython(src), runOnCPython(src)]);
    const a = ours.stdout.split("\n"), b = cpython.stdout.split("\n");
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      assert.equal(a[i], b[i], `line ${i + 1} differs; our stderr:\n${ours.stderr}`);
    }
    assert.equal(ours.status, cpython.status, `exit status; our stderr:\n${ours.stderr}`);
  });
}
