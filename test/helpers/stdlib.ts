// CPython's pure-Python stdlib sources from the pyodide package (python_stdlib.zip), read
// with a small zip reader of our own (central directory + node:zlib's raw inflate).
//
//   const zip = stdlibZipPath();             // null when pyodide is not installed
//   const files = stdlibSources(zip);        // [{ path: "email/utils.py", source: Uint8Array }]
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { inflateRawSync } from "node:zlib";
import { projectRoot } from "./paths.js";

export interface ZipEntry {
  name: string;
  method: number; // 0 stored, 8 deflate
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export function stdlibZipPath(): string | null {
  const zip = resolve(projectRoot, "node_modules/pyodide/python_stdlib.zip");
  return existsSync(zip) ? zip : null;
}

/** The entries of a zip's central directory (no zip64, which the stdlib zip does not need). */
export function zipEntries(zip: Uint8Array): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip file (no end of central directory)");
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("bad central directory entry");
    const nameLength = view.getUint16(at + 28, true);
    entries.push({
      name: decoder.decode(zip.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

export function zipEntryData(zip: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const at = entry.localHeaderOffset;
  if (view.getUint32(at, true) !== 0x04034b50) throw new Error(`bad local header for ${entry.name}`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const raw = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return raw.slice();
  if (entry.method === 8) return new Uint8Array(inflateRawSync(raw));
  throw new Error(`unsupported zip method ${entry.method} for ${entry.name}`);
}

/** Every .py file of the zip (528 in pyodide 0.28.3), in the zip's order. */
export function stdlibSources(zipPath: string): { path: string; source: Uint8Array }[] {
  const zip = new Uint8Array(readFileSync(zipPath));
  return zipEntries(zip)
    .filter((entry) => entry.name.endsWith(".py"))
    .map((entry) => ({ path: entry.name, source: zipEntryData(zip, entry) }));
}
