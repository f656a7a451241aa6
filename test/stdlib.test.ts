// CPython's pure-Python stdlib on TSPython: the zip reader and module finder
// (src/modules/stdlib.ts), the .pyc cache, and programs using the stdlib run by the CLI
// with their output compared to CPython 3.13's (the pyodide oracle runs the same source).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "./helpers/paths.js";
import { ZipArchive, findModule, zipPathEntry, stdlibLocation, readCachedCode, writeCachedCode, type FoundModule } from "../src/modules/stdlib.js";
import { compileSource } from "../src/compiler/compile.js";

const stdlibZip = resolve(projectRoot, "node_modules/pyodide/python_stdlib.zip");
const haveZip = existsSync(stdlibZip);
const cli = resolve(projectRoot, "bin/tspython.js");
const cacheDir = mkdtempSync(join(tmpdir(), "tspython-stdlib-test-"));
process.on("exit", () => rmSync(cacheDir, { recursive: true, force: true }));

function runCli(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    input: opts.input ?? "",
    encoding: "utf8",
    env: { ...process.env, TSPYTHON_CACHE: cacheDir, ...opts.env },
    timeout: 120_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

test("the stdlib zip is found by default and read with our zip reader", { skip: !haveZip && "pyodide is not installed" }, () => {
  assert.equal(stdlibLocation(), stdlibZip);
  const zip = new ZipArchive(stdlibZip);
  assert.ok(zip.hasFile("re/__init__.py"));
  assert.ok(zip.hasDir("re"));
  assert.ok(zip.list("").includes("keyword.py"));
  const text = new TextDecoder().decode(zip.read("keyword.py")!);
  assert.match(text, /def iskeyword|iskeyword = frozenset/);
});

test("findModule: packages and modules inside the zip and inside a folder of it", { skip: !haveZip && "pyodide is not installed" }, () => {
  const re = findModule(stdlibZip, "re")!;
  assert.equal(re.filename, join(stdlibZip, "re", "__init__.py"));
  assert.equal(re.pkgDir, join(stdlibZip, "re"));
  const parser = findModule(join(stdlibZip, "re"), "_parser")!;
  assert.equal(parser.pkgDir, null);
  assert.match(new TextDecoder().decode(parser.source()), /def parse\(/);
  assert.equal(findModule(stdlibZip, "no_such_module_here"), null);
  assert.equal(zipPathEntry("/definitely/not/a/zipfile"), null);
});

test("the .pyc cache: a written entry is read back, a changed source invalidates it", () => {
  const source = "x = 6 * 7\n";
  const base: FoundModule = {
    filename: "<cache test>", pkgDir: null, source: () => new TextEncoder().encode(source),
    mtime: 12345, size: source.length, cachePath: join(cacheDir, "unit", "m.tspython-313.pyc"),
  };
  assert.equal(readCachedCode(base), null);
  writeCachedCode(base, compileSource(source, "<cache test>", "exec"));
  const back = readCachedCode(base);
  assert.ok(back !== null);
  assert.equal(back.co_name, "<module>");
  assert.equal(readCachedCode({ ...base, mtime: 12346 }), null);
  assert.equal(readCachedCode({ ...base, size: source.length + 1 }), null);
});

// Programs whose output must be CPython's. (No platform-dependent numbers: the oracle
// runs under Emscripten, whose errno values differ from Linux's.)
const PROGRAMS: Record<string, string> = {
  re: String.raw`
import re
print(re.match(r'(\w+) (\w+)', 'hello world').groups())
print(re.findall(r'\d+', 'a1b22c333'), re.sub(r'(\w)(\d)', r'\2\1', 'a1 b2 c3'))
print(re.split(r'[,;]\s*', 'a, b;c,   d'))
m = re.search(r'(?P<year>\d{4})-(?P<mon>\d\d)', 'on 2024-05-06')
print(m, m.group('year'), m.groupdict(), m.span(), m.lastgroup)
print([m.group() for m in re.finditer(r'x*', 'axxb')], re.sub('x*', '-', 'abxd'))
print(re.compile(r'^\s*#', re.M).findall("a\n  # b\n#c"), re.match(r'(?i)HeLLo', 'hello'))
print(re.match(r'(?:ab)*?c', 'ababc').group(), re.match(r'(a|b)*c', 'abac').groups())
print(re.match(r'(?=abc)a', 'abc'), re.match(r'(?!abc)a', 'abd').group(), re.search(r'(?<=a)b', 'ab').span())
print(re.match(r'(a)?(?(1)b|c)', 'c').group(), re.match(r'(\w+)\s\1', 'hey hey').group())
print(re.escape('a.b*c'), re.compile('ab', re.I), re.subn('a', 'b', 'aaa'))
print(re.match(r'[^\W\d]+', 'h\u00e9llo1').group(), re.findall(r'\b\w', 'the cat sat'))
print(re.match(r'a{2,3}?', 'aaaa').group(), re.match(rb'\d+', b'123abc').group(), re.match(r'a++b', 'aab').group())
print(re.fullmatch(r'[\u0100-\uffff]+', '\u0101\u4e00'), re.match('(?i)[\u0400-\u04ff]+', '\u0416\u0436').group())
`,
  collections_itertools_functools: String.raw`
import collections, functools, itertools, operator
d = collections.deque([1, 2, 3], maxlen=3); d.append(4); print(d, d.popleft())
dd = collections.defaultdict(list); dd['a'].append(1); print(dict(dd), dd)
print(collections.Counter('abracadabra').most_common(2), collections.OrderedDict(a=1, b=2))
P = collections.namedtuple('P', 'x y'); print(P(1, 2), P(1, 2)._asdict())
print(functools.reduce(operator.add, [1, 2, 3]), functools.partial(pow, 2)(5))
@functools.lru_cache
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60), list(itertools.permutations('abc', 2))[:3], list(itertools.accumulate([1, 2, 3])))
print([(k, len(list(g))) for k, g in itertools.groupby('aabbbc')], list(itertools.islice(itertools.count(5, 2), 3)))
print(list(itertools.product('ab', repeat=2)), list(itertools.combinations(range(4), 2))[:4], list(itertools.batched('abcde', 2)))
print(list(itertools.zip_longest('ab', 'xyz', fillvalue='-')), list(itertools.chain.from_iterable(['ab', 'c'])))
`,
  classes_and_text: String.raw`
import dataclasses, enum, string, textwrap, typing, abc, copy, heapq, bisect, json, types
@dataclasses.dataclass(order=True)
class Pt:
    x: int
    y: int = 0
print(Pt(1), Pt(1, 2) < Pt(2, 0), dataclasses.asdict(Pt(3, 4)))
class Color(enum.Enum):
    RED = 1
    GREEN = 2
class Perm(enum.IntFlag):
    R = 4
    W = 2
print(Color.RED, Color(2), list(Color), Perm.R | Perm.W, repr(Perm.R | Perm.W))
print(string.Template('$who likes $what').substitute(who='tim', what='kung pao'), string.Formatter().format('{0}-{x}', 1, x=2))
print(textwrap.fill('The quick brown fox jumps over the lazy dog ' * 3, width=30))
print(textwrap.shorten('Hello  world, how are you', 15))
print(json.dumps({'a': [1, 2.5, None, True], 'b': '\u00e9'}, sort_keys=True), json.loads('{"x": [1, 2, {"y": null}]}'))
print(json.dumps([1, {'k': 'v'}], indent=2))
print(copy.deepcopy({'a': [1, [2]]}), heapq.nsmallest(2, [5, 1, 4, 2]), bisect.bisect([1, 3, 5], 4))
class A(abc.ABC):
    @abc.abstractmethod
    def f(self): ...
try:
    A()
except TypeError as e:
    print(e)
T = typing.TypeVar('T')
def first(xs: typing.List[T]) -> T: return xs[0]
print(typing.get_type_hints(first), typing.Optional[int], list[int] | None, types.SimpleNamespace(a=1))
class Box[U]:
    pass
print(Box.__type_params__, typing.Generic in Box.__mro__)
`,
  io_os_traceback_warnings: String.raw`
import io, os, os.path, traceback, warnings, contextlib, weakref
s = io.StringIO(); s.write('hello\nworld\n'); s.seek(0); print(s.readlines())
b = io.BytesIO(b'abc'); print(b.read(2), b.tell())
print(os.path.basename('/a/b/c.txt'), os.path.splitext('x.tar.gz'), os.path.join('a', 'b'), os.fspath('p'))
try:
    open('/nonexistent/file')
except FileNotFoundError as e:
    print('FileNotFoundError', e.filename)
with contextlib.suppress(KeyError):
    {}['x']
try:
    1 / 0
except ZeroDivisionError:
    print(traceback.format_exc().splitlines()[-1])
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    warnings.warn('careful', UserWarning)
    print(len(w), w[0].message)
class Obj: pass
o = Obj(); r = weakref.ref(o); print(r() is o)
`,
  tokenize_ast_dis: String.raw`
import tokenize, io, ast, dis
src = '# head\ndef f(a,\n      b):  # trailing\n    x = 1\n\n    return x \\\n        + 2\n'
for t in tokenize.generate_tokens(io.StringIO(src).readline):
    print(tokenize.tok_name[t.type], repr(t.string), t.start, t.end)
print(ast.dump(ast.parse('x = 1 + f(y, *z)\nclass A[T]: pass')))
print(ast.literal_eval('[1, (2, 3), {"a": -4.5}]'), ast.unparse(ast.parse('a if b else c')))
def g(x):
    return x + 1
dis.dis(g)
`,
  struct_binary_random_hash: String.raw`
import struct, base64, pickle, random, hashlib, math
print(struct.pack('<hIq', -2, 7, -1), struct.unpack('>HhQ', b'\x00\x01\xff\xfe' + b'\x00' * 7 + b'\x05'))
print(struct.calcsize('=bid'), struct.pack('3s5p?e', b'abcdef', b'xy', True, 1.5))
print(base64.b64encode(b'hello world'), base64.b64decode(b'aGVsbG8='))
print(pickle.loads(pickle.dumps({'a': [1, 2.5, (3, 'x')], 'b': None})))
random.seed(12345)
print(random.random(), random.randint(1, 100), random.getrandbits(70))
r = random.Random('hello'); print(r.random(), r.sample(range(100), 3))
print(hashlib.sha256(b'abc').hexdigest(), hashlib.md5(b'x').hexdigest())
print(math.comb(10, 3), math.perm(5, 2), math.frexp(10.0), math.gamma(5))
`,
};

interface Oracle {
  run(code: string): void;
  captured(fn: () => void): { stdout: string; stderr: string };
}
let oracle: Promise<Oracle> | null = null;
function getOracle(): Promise<Oracle> {
  oracle ??= import(pathToFileURL(resolve(projectRoot, "tools/oracle.mjs")).href).then((m: { loadOracle(): Promise<Oracle> }) => m.loadOracle());
  return oracle;
}

for (const [name, source] of Object.entries(PROGRAMS)) {
  test(`stdlib program '${name}' prints what CPython 3.13 prints`, { skip: !haveZip && "pyodide is not installed", timeout: 300_000 }, async () => {
    const py = await getOracle();
    const expected = py.captured(() => py.run(`exec(compile(${JSON.stringify(source)}, '<prog>', 'exec'), {'__name__': '__main__'})`)).stdout;
    const got = runCli(["-c", source]);
    assert.equal(got.stderr, "");
    assert.equal(got.stdout, expected);
  });
}

test("compiled stdlib modules are cached as .pyc under the tspython-313 tag", { skip: !haveZip && "pyodide is not installed", timeout: 120_000 }, () => {
  const r = runCli(["-c", "import keyword, sys; print(sys.implementation.cache_tag, keyword.iskeyword('if'))"]);
  assert.equal(r.stdout, "tspython-313 True\n");
  const dir = join(cacheDir, "pycache", ...stdlibZip.split(/[\\/]/).filter((p) => p !== ""));
  assert.ok(readdirSync(dir).includes("keyword.tspython-313.pyc"));
});

test("TSPYTHON_STDLIB chooses the stdlib location", { skip: !haveZip && "pyodide is not installed", timeout: 120_000 }, () => {
  const ok = runCli(["-c", "import sys, textwrap; print(sys.path[-1] == sys.argv[1] if len(sys.argv) > 1 else sys.path[-1])", stdlibZip], { env: { TSPYTHON_STDLIB: stdlibZip } });
  assert.equal(ok.stdout, "True\n");
  const missing = runCli(["-c", "import textwrap"], { env: { TSPYTHON_STDLIB: join(cacheDir, "no-stdlib-here") } });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /ModuleNotFoundError: No module named 'textwrap'/);
});

test("tspython -m runs a stdlib module as __main__ (json.tool)", { skip: !haveZip && "pyodide is not installed", timeout: 120_000 }, () => {
  const r = runCli(["-m", "json.tool", "--sort-keys"], { input: '{"b": [1, 2], "a": null}' });
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, '{\n    "a": null,\n    "b": [\n        1,\n        2\n    ]\n}\n');
});
