// Reads the .py files of pyodide's python_stdlib.zip (CPython 3.13.2's stdlib) with
// node:zlib: a minimal reader of the zip central directory (stored and deflated entries).
import { readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { inflateRawSync } from "node:zlib";
import { projectRoot } from "./paths.js";

export const STDLIB_ZIP = resolve(projectRoot, "node_modules/pyodide/python_stdlib.zip");
export const hasStdlibZip = existsSync(STDLIB_ZIP);

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

export function readZip(path: string, filter: (name: string) => boolean): ZipEntry[] {
  const buf = readFileSync(path);
  // End of central directory record: signature 0x06054b50, searched from the end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${path}: not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (!filter(name)) continue;
    const lNameLen = buf.readUInt16LE(local + 26);
    const lExtraLen = buf.readUInt16LE(local + 28);
    const start = local + 30 + lNameLen + lExtraLen;
    const raw = buf.subarray(start, start + compSize);
    const data = method === 0 ? new Uint8Array(raw) : new Uint8Array(inflateRawSync(raw));
    out.push({ name, data });
  }
  return out;
}

/** Every .py file of the stdlib zip, by path inside the zip. */
export function stdlibSources(): ZipEntry[] {
  return readZip(STDLIB_ZIP, (n) => n.endsWith(".py")).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
