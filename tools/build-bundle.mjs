#!/usr/bin/env node
// Builds dist/tspython.bundle.cjs: every module of src/ in one script, so that `tspython`
// starts without resolving and compiling ~140 ES modules one by one (that was most of
// its start-up time). bin/tspython.js runs it through node:vm with a V8 code cache
// (bin/bundle-loader.js), and falls back to the ES modules in dist/src whenever the
// bundle is older than them (its manifest lists their modification times).
//
// Steps: tsc emits CommonJS (tools/tsconfig.bundle.json -> dist/.cjs, without comments);
// each file becomes a function in a small module table, and the result must compile (tsc
// emits even for sources with syntax errors; such a bundle is not written). Never fails
// the build: without a bundle the command simply starts the slow way.
//
// Start-up costs this avoids besides: Node built-in modules that only some programs use
// are required on first use (LAZY_NODE_MODULES), and a bundle of ASCII text is read as
// latin1 (the manifest says so), which is cheaper than decoding UTF-8.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync, statSync, renameSync, rmSync, existsSync } from "node:fs";
import { dirname, join, relative, posix, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
// Per run, so that builds running at the same time do not share (and delete) it.
const cjsOut = join(root, `dist/.cjs-${process.pid}`);
const cjsRoot = join(cjsOut, "src");
const esmRoot = join(root, "dist/src");
const bundlePath = join(root, "dist/tspython.bundle.cjs");
// Loading these costs 0.1-1 ms each at start-up, and most programs never use them.
const LAZY_NODE_MODULES = ["node:child_process", "node:crypto", "node:readline", "node:tty", "node:util", "node:v8", "node:zlib"];

function listJs(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".js")) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

// A Node built-in module required on first use of one of its exports: modules read them as
// properties of the required object at each use (tsc's CommonJS output), never destructured.
const LAZY_REQUIRE = `function __lazyNodeModule(spec) {
  let mod = null;
  const load = () => (mod ??= __nodeRequire(spec));
  return new Proxy(Object.create(null), {
    get: (_, key) => (key === "__esModule" ? undefined : load()[key]),
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(load(), key);
      return d === undefined ? undefined : { ...d, configurable: true };
    },
  });
}
`;

// Removes the indentation of every line that does not start inside a string or template
// literal: ~18% of the bundle, which every start reads and copies into a string. Where the
// literals are needs a real JS tokenizer: Node's own acorn (an internal module, hence the
// child process with --expose-internals), which also checks that the result has the same
// tokens. Without it (another Node), the text stays as it is.
const STRIP_SCRIPT = `
const acorn = require("internal/deps/acorn/acorn/dist/acorn");
const text = require("node:fs").readFileSync(0, "latin1");
const options = { ecmaVersion: "latest", sourceType: "script", allowReturnOutsideFunction: true };
const isLiteral = (t) => t.type === acorn.tokTypes.template || t.type === acorn.tokTypes.string || t.type === acorn.tokTypes.invalidTemplate;
const tokens = (src) => {
  const out = [];
  acorn.parse(src, { ...options, onToken: (t) => out.push(isLiteral(t) ? src.slice(t.start, t.end) : t.type.label + " " + String(t.value)) });
  return out;
};
const kept = [];
acorn.parse(text, { ...options, onToken: (t) => { if (isLiteral(t) && text.slice(t.start, t.end).includes("\\n")) kept.push([t.start, t.end]); } });
let out = "", from = 0, k = 0;
const re = /\\n[ \\t]+/g;
for (let m; (m = re.exec(text)) !== null; ) {
  const at = m.index + 1;
  while (k < kept.length && kept[k][1] <= at) k++;
  if (k < kept.length && kept[k][0] < at) continue;
  out += text.slice(from, at);
  from = m.index + m[0].length;
}
out += text.slice(from);
const a = tokens(text), b = tokens(out);
if (a.length !== b.length || a.some((t, i) => t !== b[i])) throw new Error("tokens differ");
process.stdout.write(out, "latin1");
`;

function withoutIndentation(text) {
  if (/[^\x00-\xff]/.test(text)) return text;
  const r = spawnSync(process.execPath, ["--expose-internals", "-e", STRIP_SCRIPT], { input: Buffer.from(text, "latin1"), maxBuffer: 1 << 30 });
  if (r.status !== 0 || r.stdout.length === 0) return text;
  return r.stdout.toString("latin1");
}

function main() {
  // The ES build's files as they are now: the bundle stands for exactly these.
  const esmFiles = listJs(esmRoot);
  const manifest = {};
  for (const f of esmFiles) {
    const rel = relative(esmRoot, f);
    // Only modules with a source (dist/src may keep outputs of deleted files).
    if (existsSync(join(root, "src", rel.replace(/\.js$/, ".ts")))) manifest[rel] = statSync(f).mtimeMs;
  }

  const tsc = join(root, "node_modules/typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tools/tsconfig.bundle.json"), "--outDir", cjsOut, "--removeComments"], { stdio: "ignore" });
  if (r.error !== undefined) throw r.error;
  const files = listJs(cjsRoot);
  const have = new Set(files.map((f) => relative(cjsRoot, f)));
  const missing = Object.keys(manifest).filter((rel) => !have.has(rel));
  if (missing.length > 0) throw new Error(`tsc emitted no CommonJS for ${missing.slice(0, 3).join(", ")}`);

  const parts = ["(function (__nodeRequire, __srcRoot) {\n\"use strict\";\nconst __defs = Object.create(null);\n", LAZY_REQUIRE];
  for (const f of files) {
    const rel = relative(cjsRoot, f);
    // import.meta.url (ESM only) becomes the URL of the module's file in dist/src.
    const text = readFileSync(f, "utf8")
      // fileURLToPath(import.meta.url), the module's own path, without making two URLs.
      .replace(/\(0, [\w$]+\.fileURLToPath\)\(import\.meta\.url\)/g, `(__srcRoot + ${JSON.stringify("/" + rel)})`)
      .replace(/\bimport\.meta\.url\b/g, `__nodeRequire("node:url").pathToFileURL(__srcRoot + ${JSON.stringify("/" + rel)}).href`)
      .replace(/\brequire\(("node:[a-z_0-9/]+")\)/g, (call, spec) => (LAZY_NODE_MODULES.includes(JSON.parse(spec)) ? `__lazyNodeModule(${spec})` : call))
      // Our own modules by their bundle id, resolved now rather than at every start (~950
      // calls of __resolve, which splits and joins the paths).
      .replace(/\brequire\("(\.\.?\/[^"]+)"\)/g, (call, spec) => {
        const id = posix.join(posix.dirname(rel.split(sep).join("/")), spec);
        if (!have.has(id.split("/").join(sep))) throw new Error(`${rel}: ${spec} is not a module of the build`);
        return `__load(${JSON.stringify(id)})`;
      });
    parts.push(`__defs[${JSON.stringify(rel)}] = function (exports, require, module) {\n${text}\n};\n`);
  }
  parts.push(`const __cache = Object.create(null);
function __resolve(from, spec) {
  const parts = from.split("/");
  parts.pop();
  for (const s of spec.split("/")) {
    if (s === "..") parts.pop();
    else if (s !== ".") parts.push(s);
  }
  return parts.join("/");
}
function __load(id) {
  const done = __cache[id];
  if (done !== undefined) return done.exports;
  const def = __defs[id];
  if (def === undefined) throw new Error("tspython bundle: no module " + id);
  const module = { exports: {} };
  __cache[id] = module;
  def.call(module.exports, module.exports, (spec) => spec.startsWith(".") ? __load(__resolve(id, spec)) : __nodeRequire(spec), module);
  return module.exports;
}
return __load;
})`);
  const body = withoutIndentation(parts.join(""));
  new Script(body, { filename: bundlePath }); // throws (no bundle) if the text does not compile
  // First line: the manifest (the ES files' modification times; whether the text is ASCII).
  const ascii = !/[^\x00-\x7f]/.test(body);
  const tmp = `${bundlePath}.${process.pid}.tmp`;
  writeFileSync(tmp, `//${JSON.stringify({ files: manifest, ascii })}\n${body}`);
  renameSync(tmp, bundlePath);
  // A code cache made for an older bundle would be rejected anyway; drop it now.
  rmSync(join(root, "dist/tspython.bundle.cache"), { force: true });
}

try {
  main();
} catch (e) {
  rmSync(bundlePath, { force: true });
  process.stderr.write(`build-bundle: no start-up bundle (${e instanceof Error ? e.message : String(e)}); tspython will load dist/src module by module\n`);
}
rmSync(cjsOut, { recursive: true, force: true });
rmSync(join(root, "dist/tspython.bundle.json"), { force: true });
