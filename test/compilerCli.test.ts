// `tspyc FILE.py -o OUT.pyc`: the written .pyc reads back (our marshal reader) into code
// objects with CPython 3.13.2's fingerprints; a SyntaxError is reported with status 1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { runTool } from "../src/cli/tspycModes.js";
import "../src/cli/tspycHandlers.js";
import { readPyc } from "../src/bytecode/pyc.js";
import { fingerprintLines } from "./helpers/fingerprint.js";
import { SHARED_REF, hasShared } from "./helpers/paths.js";

const sink = () => {
  let text = "";
  return { write: (s: string) => { text += s; }, get text() { return text; } };
};

test("tspyc -o writes a .pyc with CPython's code objects", { skip: !hasShared }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "tspyc-"));
  try {
    for (const name of ["try_nested", "listcomp", "match_class_mapping", "except_star"]) {
      const out = join(dir, name + ".pyc");
      const status = await runTool([join(SHARED_REF, "dis", name + ".py"), "-o", out], sink(), sink());
      assert.equal(status, 0);
      const { code } = readPyc(new Uint8Array(readFileSync(out)), out);
      const expected = readFileSync(join(SHARED_REF, "dis", name + ".fp"), "utf8").trim().split("\n");
      assert.deepEqual(fingerprintLines(code), expected);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("tspyc reports a compile-time SyntaxError", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tspyc-"));
  try {
    const src = join(dir, "bad.py");
    writeFileSync(src, "x = 1\nreturn x\n");
    const err = sink();
    const status = await runTool([src, "-o", join(dir, "bad.pyc")], sink(), err);
    assert.equal(status, 1);
    assert.match(err.text, /SyntaxError: 'return' outside function/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
