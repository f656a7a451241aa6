#!/usr/bin/env node
// Enforces the dependency rule of ../shared/design/ARCHITECTURE.md: imports point down
//   bytecode <- ast <- parser, compiler <- objects <- vm <- modules <- cli / index
// i.e. a folder may import only from folders at its level or below. `bytecode` imports
// nothing of ours but itself; `parser` and `compiler` never import objects/vm/modules.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
// Allowed imports per top-level folder of src/ (besides itself). Top-level files of src/
// (version.ts, index.ts) are "root": version.ts may be imported by all.
const allowed = {
  bytecode: [],
  ast: ["bytecode"],
  parser: ["bytecode", "ast"],
  compiler: ["bytecode", "ast", "parser"],
  objects: ["bytecode", "ast", "parser", "compiler"],
  vm: ["bytecode", "ast", "parser", "compiler", "objects"],
  modules: ["bytecode", "ast", "parser", "compiler", "objects", "vm"],
  cli: ["bytecode", "ast", "parser", "compiler", "objects", "vm", "modules"],
  "": ["bytecode", "ast", "parser", "compiler", "objects", "vm", "modules", "cli"],
};
const everyone = ["version.js"];

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith(".ts")) yield p;
  }
}
const problems = [];
for (const file of walk(src)) {
  const rel = relative(src, file);
  const folder = rel.includes("/") ? rel.split("/")[0] : "";
  const text = readFileSync(file, "utf8");
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)) {
    const spec = m[1] ?? m[2];
    if (!spec.startsWith(".")) continue;
    const target = relative(src, resolve(dirname(file), spec));
    if (target.startsWith("..")) { problems.push(`${rel}: imports ${spec} from outside src/`); continue; }
    const tFolder = target.includes("/") ? target.split("/")[0] : "";
    if (tFolder === folder) continue;
    if (tFolder === "" && everyone.includes(target)) continue;
    if (!(allowed[folder] ?? []).includes(tFolder)) problems.push(`${rel}: imports ${spec} (${tFolder || "src root"}), against the dependency rule`);
  }
}
if (problems.length) {
  console.error("check-deps: dependency rule broken:\n  " + problems.join("\n  "));
  process.exit(1);
}
console.log("check-deps: imports follow the dependency rule");
