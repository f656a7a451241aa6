// Compiled regular expressions kept across runs, next to the .pyc cache. Modules compile
// their patterns at import time (tokenize, gettext, logging, email, ...), and re's parser
// and code generator are Python (re/_parser.py, re/_compiler.py): the same few patterns cost
// TSPython tens of milliseconds on every start-up. re._compiler.compile(p, flags) is a pure
// function of the pattern and flags, so what it passed to _sre.compile can be stored once and
// handed to _sre.compile directly afterwards.
//
// TSPython's importer wraps re._compiler.compile (the stdlib's) when it imports it:
//   - a pattern found in the cache is made by _sre.compile from the stored code, flags and
//     groups, without running any Python;
//   - otherwise the original Python function runs as before (same frames, same errors and
//     warnings), and a pattern compiled while a module is being imported is stored.
// Patterns whose parsing can warn (a nested set, "--", "&&", "~~", "||" in a set, a
// conditional group) are never stored, nor DEBUG compiles (they print), nor patterns
// that are not exact str/bytes with int flags. One small JSON file per pattern, named by a
// hash of it; each holds the pattern itself (checked on reading) and a stamp of the stdlib
// and the TSPython build it came from, so a changed re or _sre simply misses.
import { readFileSync, writeFileSync, renameSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PyObj, None, typeOf, bytesType, KwNames } from "../objects/core.js";
import { PyBytes } from "../objects/bytes.js";
import { PyDict } from "../objects/dict.js";
import { PyList, newTuple } from "../objects/sequence.js";
import { PyModule } from "../objects/function.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { call, getAttr } from "../objects/abstract.js";
import { siphash13 } from "../bytecode/siphash.js";
import { PyPattern } from "./_sre.js";
import { pycacheRoot, CACHE_TAG } from "./stdlib.js";

/** What re._compiler.compile passed to _sre.compile, besides the pattern itself. */
interface StoredPattern {
  flags: number;
  code: number[];
  groups: number;
  groupindex: [string, number][];
  indexgroup: (string | null)[];
}

interface PatternFile {
  stamp: string;
  key: string;
  pattern: StoredPattern;
}

const SRE_FLAG_VERBOSE = 64;
const SRE_FLAG_DEBUG = 128;
const MAX_PATTERN_LENGTH = 20000;

/**
 * Whether parsing the pattern may warn (re/_parser.py's warnings.warn calls): a set that
 * starts with "[" (nested set), a doubled "-", "&", "~" or "|" inside a set, or a
 * conditional group (a group name that is not a number warns). Sets are found as the parser
 * finds them: escapes skipped, a "]" right after "[" or "[^" is literal, "(?#...)" comments
 * and, in verbose mode, "#" comments outside sets are skipped. Verbose mode switched in the middle ("(?x:...)")
 * is not followed: then any doubled operator counts.
 */
function mayWarn(text: string, flags: number): boolean {
  if (text.includes("(?(")) return true;
  if (/\(\?[aiLmsux-]*x[aiLmsux-]*:/.test(text)) return ["[[", "--", "&&", "~~", "||"].some((s) => text.includes(s));
  const leading = /^(?:\(\?[aiLmsux]+\))+/.exec(text);
  const verbose = (flags & SRE_FLAG_VERBOSE) !== 0 || (leading !== null && leading[0].includes("x"));
  let inSet = false;
  let bodyStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
    } else if (inSet) {
      if (c === "]" && i > bodyStart) inSet = false;
      else if ((c === "-" || c === "&" || c === "~" || c === "|") && text[i + 1] === c) return true;
    } else if (c === "[") {
      if (text[i + 1] === "[") return true;
      inSet = true;
      bodyStart = text[i + 1] === "^" ? i + 2 : i + 1;
    } else if (c === "(" && text.startsWith("?#", i + 1)) {
      i = text.indexOf(")", i);
      if (i < 0) break;
    } else if (c === "#" && verbose) {
      const eol = text.indexOf("\n", i);
      if (eol < 0) break;
      i = eol;
    }
  }
  return false;
}

/** The cache key of a pattern re._compiler.compile may take from the cache, or null. */
function patternKey(args: PyObj[], kw: KwNames): string | null {
  if (kw !== null || args.length < 1 || args.length > 2) return null;
  const flags = args.length === 2 ? args[1] : 0;
  if (typeof flags !== "number" || !Number.isInteger(flags) || flags < 0 || (flags & SRE_FLAG_DEBUG) !== 0) return null;
  const p = args[0];
  let text: string;
  let kind: string;
  if (typeof p === "string") {
    text = p;
    kind = "s";
  } else if (p instanceof PyBytes && typeOf(p) === bytesType) {
    text = latin1(p.bytes);
    kind = "b";
  } else {
    return null;
  }
  if (text.length > MAX_PATTERN_LENGTH || mayWarn(text, flags)) return null;
  return `${kind}${flags}:${text}`;
}

function latin1(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return s;
}

function hexHash(key: string): string {
  const h = siphash13(0, 0, 0, 0, new TextEncoder().encode(key));
  let s = "";
  for (const b of h) s += b.toString(16).padStart(2, "0");
  return s;
}

/** What a compiled pattern holds, in storable form; null if it holds something unexpected. */
function storable(p: PyPattern): StoredPattern | null {
  const groupindex: [string, number][] = [];
  const keys = p.groupindex.keys();
  for (const k of keys) {
    const v = p.groupindex.get(k);
    if (typeof k !== "string" || typeof v !== "number") return null;
    groupindex.push([k, v]);
  }
  const indexgroup: (string | null)[] = [];
  for (const g of p.indexgroup) {
    if (g === None) indexgroup.push(null);
    else if (typeof g === "string") indexgroup.push(g);
    else return null;
  }
  return { flags: p.flags, code: Array.from(p.code), groups: p.groups, groupindex, indexgroup };
}

class PatternStore {
  private readonly dir: string;
  private readonly stamp: string;
  private dirMade = false;

  constructor(dir: string, stamp: string) {
    this.dir = dir;
    this.stamp = stamp;
  }

  get(key: string): StoredPattern | null {
    let file: PatternFile;
    try {
      file = JSON.parse(readFileSync(join(this.dir, `${hexHash(key)}.json`), "utf8")) as PatternFile;
    } catch {
      return null;
    }
    return file.stamp === this.stamp && file.key === key ? file.pattern : null;
  }

  put(key: string, pattern: StoredPattern): void {
    const path = join(this.dir, `${hexHash(key)}.json`);
    try {
      if (!this.dirMade) {
        mkdirSync(this.dir, { recursive: true });
        this.dirMade = true;
      }
      const tmp = `${path}.${process.pid}.tmp`;
      const file: PatternFile = { stamp: this.stamp, key, pattern };
      writeFileSync(tmp, JSON.stringify(file));
      renameSync(tmp, path);
    } catch {
      // a cache we cannot write is no error
    }
  }
}

/** The TSPython build the cache entries come from (this file's compiled form's mtime). */
function buildStamp(): string {
  try {
    return String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
  } catch {
    return "?";
  }
}

/**
 * Wraps module re._compiler's compile (see above). `stdlibStamp` identifies the re package's
 * sources; `importing()` says whether a module is being imported (only then are patterns stored).
 */
export function installPatternCache(compiler: PyModule, stdlibStamp: string, importing: () => boolean): void {
  const root = pycacheRoot();
  const original = compiler.dict.getStr("compile");
  if (root === null || original === undefined) return;
  const store = new PatternStore(join(root, `_sre.${CACHE_TAG}`), `${stdlibStamp}|${buildStamp()}`);
  const cachedCompile = (args: PyObj[], kw: KwNames): PyObj => {
    const key = patternKey(args, kw);
    if (key === null) return call(original, args, kw);
    const hit = store.get(key);
    if (hit !== null) {
      const groupindex = new PyDict();
      for (const [name, index] of hit.groupindex) groupindex.setStr(name, index);
      const sre = compiler.dict.getStr("_sre");
      if (sre !== undefined) {
        return call(getAttr(sre, "compile"), [
          args[0], hit.flags, new PyList(hit.code), hit.groups, groupindex, newTuple(hit.indexgroup.map((g) => g ?? None)),
        ]);
      }
    }
    const result = call(original, args, kw);
    if (result instanceof PyPattern && importing()) {
      const stored = storable(result);
      if (stored !== null) store.put(key, stored);
    }
    return result;
  };
  compiler.dict.setStr("compile", new PyBuiltinFunction("compile", cachedCompile, null, "compile", "re._compiler"));
}
