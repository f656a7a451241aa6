// Where modules come from: finding a module's source on sys.path entries that are
// directories or zip archives (CPython's stdlib ships as node_modules/pyodide/
// python_stdlib.zip), and the compiled-code cache (.pyc files under TSPython's own cache
// tag, kept in a user cache directory like CPython's sys.pycache_prefix, so nothing is
// ever written next to the sources).
//
//   stdlibLocation()            the stdlib zip or Lib directory (TSPYTHON_STDLIB, else pyodide's zip)
//   findModule(entry, name)     the module's source in one sys.path entry, or null
//   cachedCode(found, compile)  the code object, from the cache when it is fresh
import { existsSync, readFileSync, statSync, mkdirSync, writeFileSync, renameSync } from "node:fs";
import type { Stats } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { homedir } from "node:os";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";
import { CodeObject } from "../bytecode/code.js";
import { loads } from "../bytecode/marshal.js";
import { writePyc, PYC_HEADER_SIZE, MAGIC_BYTES } from "../bytecode/pyc.js";

export const CACHE_TAG = "tspython-313";

/** The stdlib location: $TSPYTHON_STDLIB (a zip or a Lib directory), else pyodide's zip. */
export function stdlibLocation(): string | null {
  const env = process.env.TSPYTHON_STDLIB;
  if (env !== undefined && env !== "") return resolve(env);
  // dist/src/modules/stdlib.js -> the package root is three levels up.
  const here = dirname(fileURLToPath(import.meta.url));
  for (const root of [resolve(here, "../../.."), resolve(here, "../..")]) {
    const zip = join(root, "node_modules", "pyodide", "python_stdlib.zip");
    if (existsSync(zip)) return zip;
  }
  return null;
}

/** A file's bytes (a view of the Buffer read: `new Uint8Array(buffer)` would copy them). */
function readBytes(path: string): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

// ---- zip archives ----

interface ZipEntry {
  method: number; // 0 stored, 8 deflate
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** A zip archive read once: its central directory, and the entries' data on demand. */
export class ZipArchive {
  readonly path: string;
  readonly mtime: number;
  private readonly data: Uint8Array;
  private readonly entries = new Map<string, ZipEntry>();
  private readonly dirs = new Set<string>();

  constructor(path: string) {
    this.path = path;
    const st = statSync(path);
    this.mtime = Math.trunc(st.mtimeMs / 1000);
    this.data = readBytes(path);
    this.readDirectory();
  }

  private readDirectory(): void {
    const zip = this.data;
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let eocd = -1;
    for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
      if (view.getUint32(i, true) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error(`${this.path}: not a zip file`);
    const count = view.getUint16(eocd + 10, true);
    let at = view.getUint32(eocd + 16, true);
    const decoder = new TextDecoder();
    for (let i = 0; i < count; i++) {
      if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`${this.path}: bad central directory`);
      const nameLength = view.getUint16(at + 28, true);
      const name = decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
      this.entries.set(name, {
        method: view.getUint16(at + 10, true),
        compressedSize: view.getUint32(at + 20, true),
        size: view.getUint32(at + 24, true),
        localHeaderOffset: view.getUint32(at + 42, true),
      });
      // Every parent folder of an entry is a directory, listed or not.
      for (let j = name.indexOf("/"); j >= 0; j = name.indexOf("/", j + 1)) this.dirs.add(name.slice(0, j));
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
  }

  hasFile(name: string): boolean {
    return this.entries.has(name);
  }

  /** Every entry's name, in the archive's order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  hasDir(name: string): boolean {
    return this.dirs.has(name);
  }

  /** Names directly inside folder `prefix` ("" for the top). */
  list(prefix: string): string[] {
    const p = prefix === "" ? "" : prefix + "/";
    const out = new Set<string>();
    for (const name of this.entries.keys()) {
      if (!name.startsWith(p)) continue;
      const rest = name.slice(p.length);
      if (rest === "") continue;
      const slash = rest.indexOf("/");
      out.add(slash < 0 ? rest : rest.slice(0, slash));
    }
    return [...out];
  }

  sizeOf(name: string): number {
    return this.entries.get(name)?.size ?? 0;
  }

  read(name: string): Uint8Array | null {
    const entry = this.entries.get(name);
    if (entry === undefined) return null;
    const zip = this.data;
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const at = entry.localHeaderOffset;
    if (view.getUint32(at, true) !== 0x04034b50) throw new Error(`${this.path}: bad local header for ${name}`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const raw = zip.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) return raw.slice();
    if (entry.method === 8) return new Uint8Array(inflateRawSync(raw));
    throw new Error(`${this.path}: unsupported zip method ${entry.method} for ${name}`);
  }
}

const archives = new Map<string, ZipArchive | null>();

/**
 * The archive and inner folder of a sys.path entry like "/x/lib.zip" or "/x/lib.zip/pkg",
 * or null when the entry is not inside a zip file.
 */
export function zipPathEntry(entry: string): { archive: ZipArchive; inner: string } | null {
  if (!entry.includes(".zip")) return null;
  const full = resolve(entry);
  let archivePath = full;
  let inner = "";
  for (;;) {
    const known = archives.get(archivePath);
    if (known !== undefined) {
      if (known !== null) return { archive: known, inner };
    } else if (archivePath.endsWith(".zip") && existsSync(archivePath) && statSync(archivePath).isFile()) {
      let archive: ZipArchive | null = null;
      try {
        archive = new ZipArchive(archivePath);
      } catch {
        archive = null;
      }
      archives.set(archivePath, archive);
      if (archive !== null) return { archive, inner };
    }
    const parent = dirname(archivePath);
    if (parent === archivePath) return null;
    inner = inner === "" ? archivePath.slice(parent.length + 1) : archivePath.slice(parent.length + 1) + "/" + inner;
    archivePath = parent;
  }
}

// ---- finding a module ----

/** A module's source found on a path entry. */
export interface FoundModule {
  /** __file__ */
  filename: string;
  /** the package's folder (its __path__ entry), or null for a plain module */
  pkgDir: string | null;
  /** the source bytes */
  source(): Uint8Array;
  /** the source's mtime (seconds) and size, checked against the .pyc header */
  mtime: number;
  size: number;
  /** where its .pyc goes, or null when nothing is cached */
  cachePath: string | null;
}

/** Looks for module `shortName` (a package or a .py file) in one sys.path entry. */
export function findModule(entry: string, shortName: string): FoundModule | null {
  const base = resolve(entry === "" ? "." : entry);
  const zip = zipPathEntry(base);
  if (zip !== null) return findInZip(zip.archive, zip.inner, shortName);
  const pkgDir = join(base, shortName);
  const pkgInit = join(pkgDir, "__init__.py");
  const st1 = statOrNull(pkgInit);
  if (st1 !== null && st1.isFile()) return fileModule(pkgInit, pkgDir, st1);
  const file = join(base, shortName + ".py");
  const st2 = statOrNull(file);
  if (st2 !== null && st2.isFile()) return fileModule(file, null, st2);
  return null;
}

function statOrNull(path: string): Stats | null {
  // Most lookups miss (every sys.path entry before the right one): no exception for that.
  try {
    return statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

function fileModule(file: string, pkgDir: string | null, st: Stats): FoundModule {
  return {
    filename: file,
    pkgDir,
    source: () => readBytes(file),
    mtime: Math.trunc(Number(st.mtimeMs) / 1000),
    size: Number(st.size),
    cachePath: cacheFileFor(file),
  };
}

function findInZip(archive: ZipArchive, inner: string, shortName: string): FoundModule | null {
  const prefix = inner === "" ? "" : inner + "/";
  const pkg = prefix + shortName;
  const candidates: [string, string | null][] = [[pkg + "/__init__.py", pkg], [pkg + ".py", null]];
  for (const [name, pkgName] of candidates) {
    if (!archive.hasFile(name)) continue;
    return {
      filename: archive.path + sep + name.split("/").join(sep),
      pkgDir: pkgName === null ? null : archive.path + sep + pkgName.split("/").join(sep),
      source: () => archive.read(name)!,
      mtime: archive.mtime,
      size: archive.sizeOf(name),
      cachePath: cacheFileFor(archive.path + sep + name.split("/").join(sep)),
    };
  }
  return null;
}

// ---- the compiled-code cache ----

let cacheRoot: string | null | undefined;

/** TSPython's cache folder: $TSPYTHON_CACHE, else $XDG_CACHE_HOME/tspython, else ~/.cache/tspython. */
export function pycacheRoot(): string | null {
  if (cacheRoot !== undefined) return cacheRoot;
  const env = process.env.TSPYTHON_CACHE;
  if (env === "0" || env === "off") return (cacheRoot = null);
  const base = env !== undefined && env !== "" ? env : join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "tspython");
  cacheRoot = resolve(base, "pycache");
  return cacheRoot;
}

/** name.py -> <cache root>/<absolute folder>/name.tspython-313.pyc (CPython's pycache_prefix layout). */
function cacheFileFor(sourcePath: string): string | null {
  const root = pycacheRoot();
  if (root === null) return null;
  const abs = resolve(sourcePath);
  const folder = dirname(abs);
  const file = abs.slice(folder.length + 1).replace(/\.py$/, "");
  return join(root, folder.replace(/^[A-Za-z]:/, ""), `${file}.${CACHE_TAG}.pyc`);
}

/** A cached code object for `found` if its header matches the source's mtime and size, else null. */
export function readCachedCode(found: FoundModule): CodeObject | null {
  if (found.cachePath === null) return null;
  let data: Uint8Array;
  try {
    data = readBytes(found.cachePath);
  } catch {
    return null;
  }
  if (data.length < PYC_HEADER_SIZE) return null;
  for (let i = 0; i < 4; i++) if (data[i] !== MAGIC_BYTES[i]) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (view.getUint32(4, true) !== 0) return null;
  if (view.getUint32(8, true) !== (found.mtime & 0xffffffff) >>> 0) return null;
  if (view.getUint32(12, true) !== (found.size & 0xffffffff) >>> 0) return null;
  try {
    const code = loads(data.subarray(PYC_HEADER_SIZE));
    return code instanceof CodeObject ? code : null;
  } catch {
    return null;
  }
}

/** Stores `code` for `found` (errors, e.g. a read-only cache, are ignored as CPython does). */
export function writeCachedCode(found: FoundModule, code: CodeObject): void {
  if (found.cachePath === null) return;
  try {
    const pyc = writePyc(code, { mtime: found.mtime, sourceSize: found.size });
    mkdirSync(dirname(found.cachePath), { recursive: true });
    const tmp = `${found.cachePath}.${process.pid}.tmp`;
    writeFileSync(tmp, pyc);
    renameSync(tmp, found.cachePath);
  } catch {
    // a cache we cannot write is no error
  }
}
