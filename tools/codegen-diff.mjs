#!/usr/bin/env node
// Developer aid: compares our raw codegen output (instruction sequences before the
// flowgraph) with CPython's, scope by scope, using a native CPython 3.13's
// _testinternalcapi.compiler_codegen (PYENV_VERSION=3.13.0 python3). Not used by tests.
//   node tools/codegen-diff.mjs FILE.py [--all]
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => pathToFileURL(join(root, "dist", p)).href;
const { compileAst } = await import(dist("src/compiler/compile.js"));
const { parseModule } = await import(dist("src/parser/parser.js"));
const { OPNAME } = await import(dist("src/bytecode/opcodes.generated.js"));
const file = process.argv[2];
const all = process.argv.includes("--all");

const py = `
import _testinternalcapi, ast, json, sys
src = open(sys.argv[1], 'rb').read()
tree = ast.parse(src)
seq, meta = _testinternalcapi.compiler_codegen(tree, sys.argv[1], 0)
def conv(s):
    return {"instrs": [[i[0], 0 if i[1] is None else i[1], i[2], i[3], i[4], i[5]] for i in s.get_instructions()],
            "children": [conv(c) for c in s.get_nested()]}
print(json.dumps(conv(seq)))
`;
const theirs = JSON.parse(execFileSync("python3", ["-c", py, file], { env: { ...process.env, PYENV_VERSION: "3.13.0" }, maxBuffer: 1 << 28 }).toString());
let ours = null;
const bytes = readFileSync(file);
compileAst(parseModule(new Uint8Array(bytes), file), file, { source: bytes.toString("utf8"), traceSequences: (t) => { ours = t[0]; } });

const pseudo = { 256: "JUMP", 257: "JUMP_NO_INTERRUPT", 258: "LOAD_CLOSURE", 259: "LOAD_METHOD", 260: "LOAD_SUPER_METHOD", 261: "LOAD_ZERO_SUPER_ATTR", 262: "LOAD_ZERO_SUPER_METHOD", 263: "POP_BLOCK", 264: "SETUP_CLEANUP", 265: "SETUP_FINALLY", 266: "SETUP_WITH", 267: "STORE_FAST_MAYBE_NULL" };
const fmt = (i) => i ? `${(OPNAME[i[0]] ?? pseudo[i[0]] ?? i[0])} ${i[1]} @${i[2]}:${i[4]}-${i[3]}:${i[5]}` : "";
let shown = 0;
function cmp(a, b, path) {
  const n = Math.max(a.instrs.length, b.instrs.length);
  let first = -1;
  for (let k = 0; k < n; k++) {
    if (JSON.stringify(a.instrs[k]) !== JSON.stringify(b.instrs[k])) { first = k; break; }
  }
  if (first >= 0 && (all || shown < 1)) {
    shown++;
    console.log(`== ${path} (${a.name}): first difference at instruction ${first}`);
    for (let k = Math.max(0, first - 3); k < Math.min(n, first + 12); k++) {
      const x = fmt(a.instrs[k]); const y = fmt(b.instrs[k]);
      console.log(`${x === y ? " " : "*"} ${String(k).padStart(4)} ${x.padEnd(48)} | ${y}`);
    }
  } else if (first >= 0) {
    console.log(`== ${path} (${a.name}) differs`);
  }
  if (a.children.length !== b.children.length) console.log(`== ${path}: ${a.children.length} nested scopes, CPython ${b.children.length}`);
  for (let k = 0; k < Math.min(a.children.length, b.children.length); k++) cmp(a.children[k], b.children[k], path + "/" + k);
}
cmp(ours, theirs, "");
