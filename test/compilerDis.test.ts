// The compiler against CPython 3.13.2 on the dis corpus (../shared/reference/cpython-3.13/dis):
// every code object's fingerprint must equal the golden .fp line. Files known not to
// match yet are listed with the reason; the test fails on regressions and on
// unexpected passes (so the list stays honest).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { compileAst } from "../src/compiler/compile.js";
import { parseModule } from "../src/parser/parser.js";
import { fingerprintLines } from "./helpers/fingerprint.js";
import { SHARED_REF, hasShared } from "./helpers/paths.js";

const EXPECTED_FAILURES: Record<string, string> = {
};

const dir = join(SHARED_REF, "dis");
const names = hasShared ? readdirSync(dir).filter((f) => f.endsWith(".py")).map((f) => f.slice(0, -3)).sort() : [];

function fingerprintsOf(name: string): string[] {
  const file = join(dir, name + ".py");
  const bytes = readFileSync(file);
  const mod = parseModule(new Uint8Array(bytes), name + ".py");
  return fingerprintLines(compileAst(mod, name + ".py", { source: bytes.toString("utf8") }));
}

for (const name of names) {
  test(`dis corpus: ${name}`, () => {
    const expected = readFileSync(join(dir, name + ".fp"), "utf8").trim().split("\n");
    let got: string[] | null = null;
    let error: unknown = null;
    try {
      got = fingerprintsOf(name);
    } catch (e) {
      error = e;
    }
    const matches = got !== null && got.length === expected.length && got.every((l, i) => l === expected[i]);
    if (name in EXPECTED_FAILURES) {
      assert.ok(!matches, `${name} now matches CPython: remove it from EXPECTED_FAILURES`);
      return;
    }
    if (error) throw error;
    assert.deepEqual(got, expected);
  });
}

test("dis corpus: all 32 files match files match", () => {
  if (!hasShared) return;
  assert.ok(names.length - Object.keys(EXPECTED_FAILURES).length >= 32);
});
