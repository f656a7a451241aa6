// Lists the stdlib modules whose `tspyc --ast` dump differs from CPython 3.13.2's
// (sha256 in ../shared/reference/cpython-3.13/goldens/stdlib-ast.tsv).
//   node tools/ast-golden.mjs [--first] [PATTERN]    (after npm run build)
// --first prints the first differing position of the first mismatch against the oracle.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { stdlibSources } from "../dist/test/helpers/stdlibZip.js";
import { parseModule } from "../dist/src/parser/parser.js";
import { dump } from "../dist/src/ast/dump.js";
import { CompileError } from "../dist/src/ast/compileError.js";

const args = process.argv.slice(2);
const first = args.includes("--first");
const pattern = args.find((a) => !a.startsWith("--")) ?? "";
const golden = new Map(
  readFileSync(new URL("../../shared/reference/cpython-3.13/goldens/stdlib-ast.tsv", import.meta.url), "utf8")
    .trim().split("\n").map((l) => l.split("\t")),
);
let ok = 0;
let bad = [];
const t0 = performance.now();
for (const { name, data } of stdlibSources()) {
  if (!name.includes(pattern)) continue;
  let text;
  try {
    text = dump(parseModule(data, name), { includeAttributes: true });
  } catch (e) {
    if (e instanceof CompileError) {
      bad.push([name, `${e.kind}: ${e.message} (line ${e.lineno}, col ${e.offset})`]);
      continue;
    }
    bad.push([name, `CRASH ${e && e.stack ? e.stack.split("\n").slice(0, 3).join(" | ") : e}`]);
    continue;
  }
  const h = createHash("sha256").update(text, "utf8").digest("hex");
  if (h === golden.get(name)) ok++;
  else bad.push([name, "mismatch", text]);
}
for (const [n, why] of bad) console.log(`${n}\t${why}`);
console.log(`ast golden: ${ok}/${ok + bad.length} match (${(performance.now() - t0).toFixed(0)} ms)`);
if (first) {
  const m = bad.find((b) => b[1] === "mismatch");
  if (m) {
    const { loadOracle } = await import("./oracle.mjs");
    const py = await loadOracle();
    const src = new TextDecoder().decode(stdlibSources().find((e) => e.name === m[0]).data);
    py.pyodide.globals.set("__src", src);
    const want = py.pyodide.runPython("import ast; ast.dump(ast.parse(__src), include_attributes=True)");
    const got = m[2];
    let i = 0;
    while (i < want.length && want[i] === got[i]) i++;
    console.log(`first difference in ${m[0]} at ${i}:\n want: ...${want.slice(Math.max(0, i - 300), i + 200)}\n got:  ...${got.slice(Math.max(0, i - 300), i + 200)}`);
  }
}
