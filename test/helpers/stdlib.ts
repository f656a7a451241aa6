// CPython's pure-Python stdlib sources from the pyodide package (python_stdlib.zip), read
// with the runtime's own zip reader (src/modules/stdlib.ts), sorted by path.
//
//   const zip = stdlibZipPath();             // null when pyodide is not installed
//   const files = stdlibSources(zip);        // [{ path: "email/utils.py", source: Uint8Array }]
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ZipArchive } from "../../src/modules/stdlib.js";
import { projectRoot } from "./paths.js";

export function stdlibZipPath(): string | null {
  const zip = resolve(projectRoot, "node_modules/pyodide/python_stdlib.zip");
  return existsSync(zip) ? zip : null;
}

/** The entries of a zip whose names pass `filter`, with their data, sorted by name. */
export function readZipEntries(zipPath: string, filter: (name: string) => boolean): { name: string; data: Uint8Array }[] {
  const archive = new ZipArchive(zipPath);
  return archive.names().filter(filter).sort().map((name) => ({ name, data: archive.read(name)! }));
}

/** Every .py file of the stdlib zip with its source bytes, sorted by path. */
export function stdlibSources(zipPath: string): { path: string; source: Uint8Array }[] {
  return readZipEntries(zipPath, (n) => n.endsWith(".py")).map(({ name, data }) => ({ path: name, source: data }));
}
