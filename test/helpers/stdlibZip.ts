// The .py files of pyodide's python_stdlib.zip (CPython 3.13.2's stdlib) as { name, data },
// for the parser's tests and tools; reads through test/helpers/stdlib.ts.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { projectRoot } from "./paths.js";
import { readZipEntries } from "./stdlib.js";

export const STDLIB_ZIP = resolve(projectRoot, "node_modules/pyodide/python_stdlib.zip");
export const hasStdlibZip = existsSync(STDLIB_ZIP);

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

export function readZip(path: string, filter: (name: string) => boolean): ZipEntry[] {
  return readZipEntries(path, filter);
}

/** Every .py file of the stdlib zip, by path inside the zip. */
export function stdlibSources(): ZipEntry[] {
  return readZipEntries(STDLIB_ZIP, (n) => n.endsWith(".py"));
}
