// Robustness: seeded mutations of stdlib sources, random bytes and pathological inputs
// give a Module, a CompileError or a ParserLimitError (CPython's MemoryError /
// RecursionError) — never another JS exception, and in time linear in the input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, parseModule } from "../src/parser/parser.js";
import { CompileError } from "../src/ast/compileError.js";
import { ParserLimitError } from "../src/parser/errors.js";
import { dump } from "../src/ast/dump.js";
import { hasStdlibZip, stdlibSources } from "./helpers/stdlibZip.js";

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  "(", ")", "[", "]", "{", "}", ":", ",", "\n", " ", "    ", "\t", "\\", "\\\n", "'", '"', '"""', "'''", "f'", 'f"{', "rb'",
  "=", "==", ":=", "*", "**", "if ", "else", "for ", "in ", "lambda", "not ", "async ", "await ", "yield", "def ", "class ",
  "@", ".", "...", "0x", "1_", "1e", "0o8", "j", "#", ";", "->", "match ", "case ", "type ", "!", "$", "\u00e9", "\u20ac",
  "\x0c", "\r", "\r\n", "\u00a0", "\ud83d\ude00", "}}", "{{", "!r", "=}", "except*", "finally:", "try:", "global ", "del ",
];

/** Parse; anything but the three allowed outcomes fails the test. */
function parseSafely(src: string | Uint8Array, label: string): "ok" | "error" {
  try {
    parseModule(src, "<fuzz>");
    return "ok";
  } catch (e) {
    if (e instanceof CompileError || e instanceof ParserLimitError) return "error";
    assert.fail(`${label}: ${e instanceof Error ? e.stack : String(e)}\nsource: ${JSON.stringify(typeof src === "string" ? src.slice(0, 400) : "<bytes>")}`);
  }
}

test("mutated stdlib sources never crash the parser (seeded, ~3 s)", { skip: hasStdlibZip ? false : "needs node_modules/pyodide" }, () => {
  const random = rng(20261126);
  const files = stdlibSources().map((f) => new TextDecoder().decode(f.data));
  const deadline = performance.now() + 3000;
  let runs = 0;
  let errors = 0;
  while (performance.now() < deadline) {
    const text = files[Math.floor(random() * files.length)];
    const lines = text.split("\n");
    const start = Math.floor(random() * lines.length);
    let src = lines.slice(start, start + 1 + Math.floor(random() * 40)).join("\n");
    const mutations = 1 + Math.floor(random() * 4);
    for (let m = 0; m < mutations; m++) {
      const at = Math.floor(random() * (src.length + 1));
      const r = random();
      if (r < 0.3) src = src.slice(0, at) + src.slice(at + 1 + Math.floor(random() * 5));
      else if (r < 0.8) src = src.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)] + src.slice(at);
      else src = src.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x3000)) + src.slice(at + 1);
    }
    if (parseSafely(src, `mutation #${runs}`) === "error") errors++;
    runs++;
  }
  assert.ok(runs > 100, `only ${runs} runs`);
  assert.ok(errors > 0 && errors < runs);
});

test("random bytes give CPython's errors, never a crash", () => {
  const random = rng(7);
  for (let k = 0; k < 2000; k++) {
    const bytes = new Uint8Array(1 + Math.floor(random() * 60));
    for (let i = 0; i < bytes.length; i++) {
      // Mostly printable ASCII, some controls and high bytes (invalid UTF-8).
      const r = random();
      bytes[i] = r < 0.8 ? 32 + Math.floor(random() * 95) : r < 0.9 ? Math.floor(random() * 32) : 128 + Math.floor(random() * 128);
    }
    parseSafely(bytes, `random bytes #${k}`);
  }
});

function expectLimit(src: string, kind: string): void {
  try {
    parseModule(src, "<deep>");
  } catch (e) {
    if (e instanceof ParserLimitError) {
      assert.equal(e.kind, kind);
      return;
    }
    throw e;
  }
  assert.fail("parsed");
}

function expectError(src: string, message: string, lineno: number, offset: number): void {
  assert.throws(() => parseModule(src, "<deep>"), (e: unknown) => {
    assert.ok(e instanceof CompileError);
    assert.equal(e.message, message);
    assert.equal(e.lineno, lineno);
    assert.equal(e.offset, offset);
    return true;
  });
}

test("deep nesting: CPython's limits and messages", () => {
  // CPython 3.13: 200 nested brackets are fine, the 201st is a tokenizer error.
  parseModule("(".repeat(200) + ")".repeat(200), "<deep>");
  expectError("[".repeat(300), "too many nested parentheses", 1, 201);
  // Its parser stack (MAXSTACK 6000): 5968 unary operators parse, 5969 do not.
  parseModule("-".repeat(5968) + "1", "<deep>");
  expectLimit("-".repeat(5969) + "1", "MemoryError");
  expectLimit("not ".repeat(100000) + "x", "MemoryError");
  expectLimit("~".repeat(1000000) + "1", "MemoryError");
  parseModule(Array(2985).fill("2").join("**"), "<deep>");
  expectLimit(Array(2986).fill("2").join("**"), "MemoryError");
  expectLimit("1 if x else ".repeat(10000) + "1", "MemoryError");
  expectLimit("lambda: ".repeat(5000) + "1", "MemoryError");
  expectError(Array.from({ length: 101 }, (_, i) => " ".repeat(i) + "if x:\n").join("") + " ".repeat(101) + "pass\n",
    "too many levels of indentation", 101, 1);
  parseModule('f"{'.repeat(149) + "x" + '}"'.repeat(149), "<deep>");
  expectError('f"{'.repeat(150) + "x" + '}"'.repeat(150), "too many nested f-strings", 1, 449);
});

test("long and wide inputs parse in linear time", () => {
  const cases: [string, string][] = [
    ["attribute chain", "x" + ".y".repeat(100000)],
    ["call chain", "f" + "()".repeat(100000)],
    ["long sum", "x = " + "1 + ".repeat(100000) + "1\n"],
    ["many statements", "x = 1\n".repeat(100000)],
    ["long list", "[" + "1, ".repeat(100000) + "]"],
    ["long string", 'x = "' + "a".repeat(1000000) + '"\n'],
  ];
  for (const [label, src] of cases) {
    const t0 = performance.now();
    const tree = parseModule(src, "<wide>");
    const text = dump(tree, { includeAttributes: true });
    const ms = performance.now() - t0;
    assert.ok(text.length > 0);
    assert.ok(ms < 30000, `${label}: ${ms.toFixed(0)} ms`);
  }
  // Modes other than exec.
  assert.equal(parse("1 +\\\n 2", "<e>", "eval")._kind, "Expression");
});
