// CPython's exact 64-bit hashes (PYTHONHASHSEED=0: SipHash-1-3 keyed with zeros for str
// and bytes) and the set iteration orders they produce. The oracle (pyodide) is a 32-bit
// build with randomised hashes, so the expected output was recorded once from a native
// 64-bit CPython 3.13 run with PYTHONHASHSEED=0 and is kept here verbatim.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runOnTSPython } from "./helpers/runPyc.js";

const program = `print(hash("a"), hash(""), hash("é"), hash("€"), hash("😀"), hash("hello world"), hash("x" * 100))
print(hash(b"a"), hash(b""), hash(b"\\xff" * 9), hash(bytes(range(20))))
print(hash(1), hash(-1), hash(-2), hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 70)), hash(10 ** 40), hash(True))
print(hash(1.5), hash(-1.5), hash(0.1), hash(1e300), hash(5e-324), hash(-0.0), hash(float("inf")), hash(float("-inf")), hash(2.0 ** 80))
print(hash(()), hash((1,)), hash((1, 2)), hash(("a", 1.5, (None,))), hash((1, (2, (3, ())))))
print(hash(frozenset()), hash(frozenset({1, 2})), hash(frozenset("abc")), hash(frozenset({(1, 2), 3.5})))
print(hash(1j), hash(2.5 + 1j), hash(complex(-1, -1)), hash(None), hash(range(3)), hash(range(0)), hash(slice(1, 2)))
words = "the quick brown fox jumps over the lazy dog and then some more words appear here".split()
print(set(words))
print(set("abcdefghijklmnopqrstuvwxyz"))
print(set([1.5, 2.5, -1, "a", (1, 2), None, b"x", 3j]))
s = set(range(100)); [s.discard(i) for i in range(0, 100, 3)]; s.update(range(200, 210)); print(s)
print(frozenset(words) | {"extra"}, set(words) & set(["fox", "dog", "cat"]), set(words) - set(words[3:]), set(words[:5]) ^ set(words[3:8]))
d = set(); [d.add(str(i)) for i in range(30)]; print(d, d.pop(), d.pop())
print({(i, str(i)) for i in range(8)}, {i / 7 for i in range(8)})
`;

const expected = `4644417185603328019 0 6047309291227476195 -5529981157763016009 -3536540696076613844 -5642461784034726774 1359644457043326220
4644417185603328019 0 -2129700217430894956 7178233520606413056
1 -2 -2 0 1 -512 1388497483929617590 1
1152921504606846977 -1152921504606846977 230584300921369408 1224995262755759164 16777216 0 314159 -314159 524288
5740354900026072187 -6644214454873602895 -3550055125485641917 -1324023154294735893 -8883468720634012209
133146708735736 -1826646154956904602 8636088911049444515 -5268987115888289412
1000003 1152921504607846981 -2000008 4238894112 -8338477496398685190 2676694398852732306 -2178470213028018262
{'more', 'and', 'brown', 'fox', 'then', 'some', 'words', 'the', 'appear', 'over', 'here', 'quick', 'jumps', 'lazy', 'dog'}
{'z', 'r', 'a', 'v', 'o', 'j', 'f', 'x', 'g', 'k', 'p', 'd', 'y', 'n', 'b', 'm', 'q', 'u', 's', 'h', 't', 'i', 'c', 'e', 'w', 'l'}
{None, 1.5, 2.5, (1, 2), b'x', 3j, 'a', -1}
{1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 20, 22, 23, 25, 26, 28, 29, 31, 32, 34, 35, 37, 38, 40, 41, 43, 44, 46, 47, 49, 50, 52, 53, 55, 56, 58, 59, 61, 62, 64, 65, 67, 68, 70, 71, 73, 74, 76, 77, 79, 80, 82, 83, 85, 86, 88, 89, 91, 92, 94, 95, 97, 98, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209}
frozenset({'more', 'and', 'brown', 'fox', 'then', 'some', 'words', 'the', 'appear', 'over', 'extra', 'here', 'quick', 'jumps', 'lazy', 'dog'}) {'fox', 'dog'} {'quick', 'brown'} {'over', 'brown', 'quick', 'lazy'}
{'8', '5', '10', '15', '27', '17', '7', '11', '28', '22', '26', '14', '24', '0', '4', '16', '12', '25', '2', '13', '21', '6', '1', '3', '20', '18', '29', '19'} 9 23
{(1, '1'), (3, '3'), (0, '0'), (6, '6'), (4, '4'), (5, '5'), (2, '2'), (7, '7')} {0.0, 0.2857142857142857, 0.5714285714285714, 0.14285714285714285, 0.42857142857142855, 0.7142857142857143, 0.8571428571428571, 1.0}
`;

test("objects: CPython 64-bit hashes and set orders", async () => {
  const ours = await runOnTSPython(program);
  const a = ours.stdout.split("\n"), b = expected.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    assert.equal(a[i], b[i], `line ${i + 1} differs; our stderr:\n${ours.stderr}`);
  }
  assert.equal(ours.status, 0);
});

// set algebra on str sets: results must iterate in CPython's order (set.ts follows
// setobject.c's choice of which operand to iterate and how the result is built).
const setProgram = `words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon".split()
s = set(words)
d = dict.fromkeys(words[5:15])
print(s)
print(s.difference(d), s.difference(words[:3]), s - set(words[:3]), s.difference(iter(words[:10])))
print(s.intersection(d), s & set(words[::2]), s.intersection(words[::3], words[::2]))
print(s.symmetric_difference(words[10:]), s ^ set(words[::4] + ["new"]))
print(s.union(["x", "y"], {"z"}), s | {"q"}, frozenset(words[:6]) | set(words[4:9]))
t = set(words); t.intersection_update(words[::2]); print(t)
t = set(words); t.difference_update(words[::3], {"pi"}); print(t)
t = set(words); t.symmetric_difference_update(words[::2] + ["omega"]); print(t)
t = set(words); t -= set(words[::5]); t |= {"A", "B"}; t &= set(words + ["A"]); t ^= {"A", "C"}; print(t)
t = set(); t.update(d); t.update("ab"); print(t)
u = set(words)
for w in words[::2]: u.discard(w)
for w in ["n1", "n2", "n3", "n4"]: u.add(w)
print(u, len(u))
print([u.pop() for _ in range(4)], u)
print(set(range(50)) - set(range(0, 50, 7)), {i * 1.5 for i in range(10)}, {(i, -i) for i in range(6)})
print(frozenset(words) == set(words), hash(frozenset(words)) == hash(frozenset(reversed(words))), {frozenset("ab"), frozenset("ba"), frozenset("c")})
big = set(range(100000)); big2 = {x * 3 for x in range(40000)}
print(len(big & big2), len(big - big2), len(big ^ big2), sum(big2) % 1000)
print(list(set(str(i) for i in range(40)))[:15])
t = set(words[::2]); t.symmetric_difference_update(dict.fromkeys(words[::3] + ["zz", "yy"])); print(t)
print(set(words[:7]).symmetric_difference(dict.fromkeys(words[3:12])))
`;

const setExpected = `{'beta', 'kappa', 'pi', 'tau', 'xi', 'omicron', 'iota', 'zeta', 'gamma', 'alpha', 'rho', 'lambda', 'nu', 'eta', 'delta', 'mu', 'upsilon', 'sigma', 'theta', 'epsilon'}
{'alpha', 'beta', 'upsilon', 'rho', 'pi', 'tau', 'sigma', 'gamma', 'delta', 'epsilon'} {'kappa', 'rho', 'lambda', 'nu', 'pi', 'tau', 'eta', 'xi', 'delta', 'mu', 'omicron', 'upsilon', 'iota', 'zeta', 'sigma', 'theta', 'epsilon'} {'kappa', 'rho', 'lambda', 'nu', 'pi', 'tau', 'eta', 'xi', 'delta', 'mu', 'omicron', 'upsilon', 'iota', 'zeta', 'sigma', 'theta', 'epsilon'} {'rho', 'lambda', 'nu', 'pi', 'tau', 'xi', 'mu', 'omicron', 'upsilon', 'sigma'}
{'kappa', 'omicron', 'iota', 'lambda', 'nu', 'zeta', 'eta', 'xi', 'theta', 'mu'} {'alpha', 'omicron', 'rho', 'lambda', 'iota', 'nu', 'tau', 'eta', 'gamma', 'epsilon'} {'alpha', 'eta', 'nu', 'tau'}
{'alpha', 'beta', 'kappa', 'theta', 'iota', 'zeta', 'eta', 'gamma', 'delta', 'epsilon'} {'beta', 'kappa', 'lambda', 'pi', 'tau', 'eta', 'xi', 'delta', 'mu', 'new', 'omicron', 'upsilon', 'zeta', 'sigma', 'gamma', 'theta'}
{'y', 'alpha', 'beta', 'kappa', 'z', 'rho', 'lambda', 'nu', 'pi', 'tau', 'eta', 'xi', 'delta', 'mu', 'x', 'omicron', 'upsilon', 'iota', 'zeta', 'sigma', 'gamma', 'theta', 'epsilon'} {'alpha', 'beta', 'kappa', 'rho', 'lambda', 'nu', 'pi', 'tau', 'eta', 'xi', 'delta', 'mu', 'q', 'omicron', 'upsilon', 'iota', 'zeta', 'sigma', 'gamma', 'theta', 'epsilon'} frozenset({'alpha', 'beta', 'theta', 'iota', 'zeta', 'eta', 'gamma', 'delta', 'epsilon'})
{'alpha', 'omicron', 'rho', 'iota', 'lambda', 'nu', 'tau', 'eta', 'gamma', 'epsilon'}
{'beta', 'xi', 'omicron', 'iota', 'zeta', 'gamma', 'rho', 'lambda', 'mu', 'upsilon', 'sigma', 'theta', 'epsilon'}
{'beta', 'kappa', 'omega', 'pi', 'xi', 'zeta', 'delta', 'mu', 'upsilon', 'sigma', 'theta'}
{'beta', 'kappa', 'omicron', 'rho', 'upsilon', 'theta', 'epsilon', 'iota', 'nu', 'tau', 'eta', 'sigma', 'gamma', 'xi', 'delta', 'C', 'mu'}
{'kappa', 'omicron', 'iota', 'lambda', 'nu', 'b', 'zeta', 'eta', 'a', 'xi', 'theta', 'mu'}
{'beta', 'kappa', 'pi', 'n3', 'xi', 'n4', 'zeta', 'delta', 'mu', 'upsilon', 'n1', 'sigma', 'n2', 'theta'} 14
['beta', 'kappa', 'pi', 'n3'] {'xi', 'n4', 'zeta', 'delta', 'mu', 'upsilon', 'n1', 'sigma', 'n2', 'theta'}
{1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 22, 23, 24, 25, 26, 27, 29, 30, 31, 32, 33, 34, 36, 37, 38, 39, 40, 41, 43, 44, 45, 46, 47, 48} {0.0, 1.5, 3.0, 4.5, 6.0, 7.5, 9.0, 10.5, 12.0, 13.5} {(2, -2), (5, -5), (0, 0), (3, -3), (4, -4), (1, -1)}
True True {frozenset({'c'}), frozenset({'a', 'b'})}
33334 66666 73332 0
['38', '9', '23', '8', '5', '10', '15', '27', '17', '7', '11', '28', '22', '26', '14']
{'zz', 'kappa', 'omicron', 'rho', 'iota', 'lambda', 'yy', 'pi', 'gamma', 'delta', 'epsilon'}
{'alpha', 'beta', 'kappa', 'theta', 'iota', 'lambda', 'mu', 'gamma'}
`;

test("objects: set operations iterate in CPython's order", async () => {
  const ours = await runOnTSPython(setProgram);
  const a = ours.stdout.split("\n"), b = setExpected.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    assert.equal(a[i], b[i], `line ${i + 1} differs; our stderr:\n${ours.stderr}`);
  }
  assert.equal(ours.status, 0);
});
