// The stdlib AST golden: for every module of pyodide's python_stdlib.zip, the sha256 of
// our ast.dump(..., include_attributes=True) equals CPython 3.13.2's
// (../shared/reference/cpython-3.13/goldens/stdlib-ast.tsv). `node tools/ast-golden.mjs`
// lists mismatches.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { hasShared, SHARED_REF } from "./helpers/paths.js";
import { hasStdlibZip, stdlibSources } from "./helpers/stdlibZip.js";
import { parseModule } from "../src/parser/parser.js";
import { dump } from "../src/ast/dump.js";
import { CompileError } from "../src/ast/compileError.js";

const skip = !hasShared ? "needs ../shared (the reference goldens)" : !hasStdlibZip ? "needs node_modules/pyodide" : false;

test("stdlib AST dumps match CPython 3.13.2's (528 files)", { skip }, () => {
  const golden = new Map(
    readFileSync(resolve(SHARED_REF, "goldens/stdlib-ast.tsv"), "utf8").trim().split("\n").map((l) => l.split("\t") as [string, string]),
  );
  const mismatches: string[] = [];
  let count = 0;
  for (const { name, data } of stdlibSources()) {
    count++;
    let text: string;
    try {
      text = dump(parseModule(data, name), { includeAttributes: true });
    } catch (e) {
      mismatches.push(`${name}: ${e instanceof CompileError ? `${e.kind}: ${e.message} (line ${e.lineno})` : String(e)}`);
      continue;
    }
    const hash = createHash("sha256").update(text, "utf8").digest("hex");
    if (hash !== golden.get(name)) mismatches.push(`${name}: dump differs`);
  }
  assert.equal(count, golden.size, "every golden file is in the zip");
  assert.deepEqual(mismatches, []);
});
