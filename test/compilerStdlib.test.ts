// The compiler against CPython 3.13.2 on the whole stdlib of node_modules/pyodide
// (../shared/reference/cpython-3.13/goldens/stdlib-code.tsv: 16,295 code objects in
// 528 files). Sources are parsed by our parser. Skipped when `unzip` or the zip is absent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import { compileAst } from "../src/compiler/compile.js";
import { parseModule } from "../src/parser/parser.js";
import { fingerprintLines } from "./helpers/fingerprint.js";
import { SHARED_REF, hasShared, projectRoot } from "./helpers/paths.js";

const zip = join(projectRoot, "node_modules/pyodide/python_stdlib.zip");

function unzipAvailable(): boolean {
  try {
    execFileSync("unzip", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const skip = !hasShared || !existsSync(zip) || !unzipAvailable();

test("stdlib: every code object matches CPython 3.13.2", { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), "tspython-stdlib-"));
  try {
    execFileSync("unzip", ["-q", zip, "-d", dir]);
    const golden = new Map<string, string[]>();
    for (const line of readFileSync(join(SHARED_REF, "goldens/stdlib-code.tsv"), "utf8").split("\n")) {
      if (!line) continue;
      const [path, qual, first, hash] = line.split("\t");
      if (!golden.has(path)) golden.set(path, []);
      golden.get(path)!.push(`${qual}\t${first}\t${hash}`);
    }
    let objects = 0;
    let matching = 0;
    const badFiles: string[] = [];
    for (const [path, expected] of golden) {
      objects += expected.length;
      const bytes = readFileSync(join(dir, path));
      let got: string[] = [];
      try {
        got = fingerprintLines(compileAst(parseModule(new Uint8Array(bytes), path), path, { source: bytes.toString("utf8") }));
      } catch {
        badFiles.push(path);
        continue;
      }
      let ok = 0;
      for (let i = 0; i < expected.length; i++) if (got[i] === expected[i]) ok++;
      matching += ok;
      if (ok !== expected.length || got.length !== expected.length) badFiles.push(path);
    }
    assert.deepEqual(badFiles, []);
    assert.equal(matching, objects);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
