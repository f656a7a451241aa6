// Where modules come from: finding a module's source on sys.path entries that are
// directories or zip archives (CPython's stdlib ships as node_modules/pyodide/
// python_stdlib.zip), and the compiled-code cache (.pyc files under TSPython's own cache
// tag, kept in a user cache directory like CPython's sys.pycache_prefix, so nothing is
// ever written next to the sources).
//
//   stdlibLocation()            the stdlib zip or Lib directory (TSPYTHON_STDLIB, else pyodide's zip)
//   findModule(entry, name)     the module's source in one sys.path entry, or null
//   cachedCode(found, compile)  the code object, from the cache when it is fresh
import { existsSync, readFileSync, statSync, mkdirSync, writeFileSync, renameSync, openSync, fstatSync, readSync, closeSync } from "node:fs";
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

/**
 * A zip archive: its central directory read once, and an entry's data read from the file
 * when asked for. Only the directory is read up front — with the .pyc cache warm, imports
 * look names up but never read the sources, so reading the whole archive (2.4 MB for the
 * stdlib) was wasted.
 */
export class ZipArchive {
  readonly path: string;
  readonly mtime: number;
  private readonly entries = new Map<string, ZipEntry>();
  private dirs: Set<string> | null = null;

  constructor(path: string) {
    this.path = path;
    const fd = openSync(path, "r");
    try {
      const st = fstatSync(fd);
      this.mtime = Math.trunc(st.mtimeMs / 1000);
      this.readDirectory(fd, st.size);
    } finally {
      closeSync(fd);
    }
  }

  /** `length` bytes at `position` of the open archive (fewer at its end). */
  private readAt(fd: number, position: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, out, got, length - got, position + got);
      if (n === 0) break;
      got += n;
    }
    return got === length ? out : out.subarray(0, got);
  }

  private readDirectory(fd: number, size: number): void {
    // The end-of-central-directory record is in the last 22 + 0xffff (comment) bytes.
    const tailStart = Math.max(0, size - 22 - 0xffff);
    const tail = this.readAt(fd, tailStart, size - tailStart);
    const tailView = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tailView.getUint32(i, true) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error(`${this.path}: not a zip file`);
    const count = tailView.getUint16(eocd + 10, true);
    const dirSize = tailView.getUint32(eocd + 12, true);
    const dirOffset = tailView.getUint32(eocd + 16, true);
    const dir = dirOffset >= tailStart ? tail.subarray(dirOffset - tailStart) : this.readAt(fd, dirOffset, dirSize);
    const view = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
    const decoder = new TextDecoder();
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (at + 46 > dir.length || view.getUint32(at, true) !== 0x02014b50) throw new Error(`${this.path}: bad central directory`);
      const nameLength = view.getUint16(at + 28, true);
      const name = decoder.decode(dir.subarray(at + 46, at + 46 + nameLength));
      this.entries.set(name, {
        method: view.getUint16(at + 10, true),
        compressedSize: view.getUint32(at + 20, true),
        size: view.getUint32(at + 24, true),
        localHeaderOffset: view.getUint32(at + 42, true),
      });
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
    if (this.dirs === null) {
      // Every parent folder of an entry is a directory, listed or not.
      const dirs = new Set<string>();
      for (const entry of this.entries.keys()) {
        for (let j = entry.indexOf("/"); j >= 0; j = entry.indexOf("/", j + 1)) dirs.add(entry.slice(0, j));
      }
      this.dirs = dirs;
    }
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
    const fd = openSync(this.path, "r");
    let raw: Uint8Array;
    try {
      const header = this.readAt(fd, entry.localHeaderOffset, 30);
      const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
      if (header.length < 30 || view.getUint32(0, true) !== 0x04034b50) throw new Error(`${this.path}: bad local header for ${name}`);
      const start = entry.localHeaderOffset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
      raw = this.readAt(fd, start, entry.compressedSize);
    } finally {
      closeSync(fd);
    }
    if (entry.method === 0) return raw;
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
