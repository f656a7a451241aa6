// The compiled-pattern cache (src/modules/patternCache.ts): patterns compiled while modules
// are imported are stored next to the .pyc cache, and a later run gets equal Pattern objects
// from it without re's Python parser; patterns whose parsing warns, DEBUG compiles and
// patterns compiled outside an import behave as without the cache.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "./helpers/paths.js";

const TSPYTHON = `${projectRoot}/bin/tspython.js`;
const work = mkdtempSync(join(tmpdir(), "tspython-patterns-"));
const cache = join(work, "cache");
const patternDir = join(cache, "pycache", "_sre.tspython-313");

// A module compiling patterns at import time, and a program describing them.
writeFileSync(join(work, "pats.py"), String.raw`
import re
PATTERNS = [
    re.compile(r'(?P<key>\w+)\s*=\s*(?P<value>[^;]*);?'),
    re.compile(rb'(\d+)-(\d+)', re.ASCII),
    re.compile(r'''
        (?P<num>[0-9]+)   # a number, then
        | (?P<op>&&|\|\|) # && or || (not in a set)
    ''', re.VERBOSE),
    re.compile(r'(?i)stra\u00dfe|[a-z\u0100-\u017f]+'),
    re.compile(r'(a)(b)?(?:c)(?P<d>d)'),
]
`);
writeFileSync(join(work, "main.py"), String.raw`
import warnings, re
warnings.simplefilter("always")
import pats
for p in pats.PATTERNS:
    print(repr(p), p.flags, p.groups, dict(p.groupindex))
print(pats.PATTERNS[0].findall("a = 1; b=2"))
print(pats.PATTERNS[1].match(b"12-34").groups())
print([m.lastgroup for m in pats.PATTERNS[2].finditer("12&&3||")])
print(pats.PATTERNS[3].fullmatch("STRASSE"), pats.PATTERNS[3].match("\u017fx"))
print(pats.PATTERNS[4].match("acd").groups())
import nested
re.compile("[a-z--]z")
`);
// Its patterns warn (FutureWarning at import): they must warn on every run.
writeFileSync(join(work, "nested.py"), "import re\nA = re.compile('[[a]b')\nB = re.compile('[a&&b]c')\n");

function run(file: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [TSPYTHON, file], {
    encoding: "utf8", cwd: work, env: { ...process.env, TSPYTHON_CACHE: cache },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("patterns compiled during imports are stored, and equal when read back", () => {
  const first = run("main.py");
  assert.equal(first.status, 0, first.stderr);
  assert.ok(existsSync(patternDir), "no pattern cache written");
  const stored = readdirSync(patternDir).filter((f) => f.endsWith(".json"));
  assert.ok(stored.length >= 5, `only ${stored.length} patterns stored`);
  const second = run("main.py");
  assert.equal(second.status, 0, second.stderr);
  assert.equal(second.stdout, first.stdout);
  assert.equal(second.stderr, first.stderr);
  assert.match(second.stdout, /\['a', '1'\]|\[\('a', '1'\)/);
  assert.match(second.stdout, /\(b'12', b'34'\)/);
  assert.match(second.stdout, /\['num', 'op', 'num', 'op'\]/);
});

test("patterns whose parsing warns are never stored: they warn on every run", () => {
  for (let i = 0; i < 2; i++) {
    const r = run("main.py");
    assert.match(r.stderr, /FutureWarning: Possible nested set at position 1/);
    assert.match(r.stderr, /FutureWarning: Possible set intersection at position 2/);
    assert.match(r.stderr, /FutureWarning: Possible set difference at position 4/);
  }
});

test("DEBUG compiles print their program on every run", () => {
  writeFileSync(join(work, "dbg.py"), "import re\nre.compile('ab+', re.DEBUG)\n");
  writeFileSync(join(work, "usedbg.py"), "import dbg\n");
  const a = run("usedbg.py");
  const b = run("usedbg.py");
  assert.equal(a.status, 0, a.stderr);
  assert.match(a.stdout, /LITERAL 97/);
  assert.equal(b.stdout, a.stdout);
});
