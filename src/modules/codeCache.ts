// Compiled code kept across runs next to the .pyc cache, for sources that are compiled
// again on every run: strings compiled while modules are imported (collections.namedtuple
// evals a lambda per class, dataclasses execs its generated methods) and the main program.
// Each such compile() runs the whole compiler cold — often the first compile of the process.
// The compiler is deterministic, so the code object for the same source, file name, mode,
// flags, optimization level and int digit limit can be stored once and read back.
//
// One file per entry, named by a hash of its key (of its file name, for a main program);
// the file holds the key itself (checked on reading: a hash collision or an edited program
// is a miss) with a stamp of the TSPython build (a rebuilt compiler misses), then the code
// object in marshal format. Only compiles that succeed without a warning are stored (the
// caller decides).
import { readFileSync, writeFileSync, renameSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CodeObject } from "../bytecode/code.js";
import { loads, dumps } from "../bytecode/marshal.js";
import { pycacheRoot, CACHE_TAG } from "./stdlib.js";

/** What makes compile() give a particular code object. */
export interface CompileKey {
  /** The source text, or for a bytes source its bytes as latin1 text. */
  source: string;
  sourceIsBytes: boolean;
  filename: string;
  mode: string;
  flags: number;
  optimize: number;
  fileInput: boolean;
  intMaxStrDigits: number;
}

interface EntryHeader {
  stamp: string;
  key: CompileKey;
}

/** 64-bit FNV-1a of the key's text, as 16 hex digits (a file name, not a security hash). */
function fileNameOf(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}

let buildStamp: string | null = null;
/** The TSPython build entries come from (this file's compiled form's mtime). */
function stampOfBuild(): string {
  if (buildStamp === null) {
    try {
      buildStamp = String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
    } catch {
      buildStamp = "?";
    }
  }
  return buildStamp;
}

/**
 * Where the entry for `key` is kept: named by the whole key, or with `slot` by the slot
 * alone (a main program keeps one entry per file name, replaced when the file changes).
 */
function entryPath(key: CompileKey, slot: string | null): string | null {
  const root = pycacheRoot();
  if (root === null) return null;
  const text = slot !== null ? `slot\0${slot}` : [
    key.mode, key.flags, key.optimize, key.fileInput, key.intMaxStrDigits, key.sourceIsBytes, key.filename, key.source,
  ].join("\0");
  return join(root, `_code.${CACHE_TAG}`, `${fileNameOf(text)}.bin`);
}

function sameKey(a: CompileKey, b: CompileKey): boolean {
  return a.source === b.source && a.sourceIsBytes === b.sourceIsBytes && a.filename === b.filename && a.mode === b.mode &&
    a.flags === b.flags && a.optimize === b.optimize && a.fileInput === b.fileInput && a.intMaxStrDigits === b.intMaxStrDigits;
}

/** The stored code object for `key` (kept under `slot`, see entryPath), or null. */
export function readCompiledCode(key: CompileKey, slot: string | null = null): CodeObject | null {
  const path = entryPath(key, slot);
  if (path === null) return null;
  let data: Uint8Array;
  try {
    data = new Uint8Array(readFileSync(path));
  } catch {
    return null;
  }
  try {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const headerLength = view.getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(data.subarray(4, 4 + headerLength))) as EntryHeader;
    if (header.stamp !== stampOfBuild() || !sameKey(header.key, key)) return null;
    const code = loads(data.subarray(4 + headerLength));
    return code instanceof CodeObject ? code : null;
  } catch {
    return null;
  }
}

/** Stores `code` for `key` (under `slot`, see entryPath; a cache that cannot be written is no error). */
export function writeCompiledCode(key: CompileKey, code: CodeObject, slot: string | null = null): void {
  const path = entryPath(key, slot);
  if (path === null) return;
  try {
    const header = new TextEncoder().encode(JSON.stringify({ stamp: stampOfBuild(), key } satisfies EntryHeader));
    const body = dumps(code);
    const data = new Uint8Array(4 + header.length + body.length);
    new DataView(data.buffer).setUint32(0, header.length, true);
    data.set(header, 4);
    data.set(body, 4 + header.length);
    mkdirSync(join(path, ".."), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch {
    // ignored, as for .pyc files
  }
}
