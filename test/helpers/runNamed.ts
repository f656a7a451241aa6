// Runs a program the way `python3 NAME.py` would in its own folder: the oracle (CPython
// 3.13) compiles it with the relative file name, TSPython runs the .pyc with that folder
// as the current directory, so tracebacks read `File "NAME.py"` and find the source.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "./paths.js";
import { oracle, type RunResult } from "./runPyc.js";

let scratch: string | null = null;

export async function runNamedOnTSPython(fileName: string, source: string): Promise<RunResult> {
  const py = await oracle();
  scratch ??= mkdtempSync(join(tmpdir(), "tspython-named-"));
  writeFileSync(join(scratch, fileName), source);
  const pycName = fileName.replace(/\.py$/, ".pyc");
  writeFileSync(join(scratch, pycName), py.compilePyc(source, fileName));
  const r = spawnSync(process.execPath, [join(projectRoot, "bin/tspython.js"), pycName], {
    cwd: scratch,
    encoding: "utf8",
    timeout: 60000,
    env: { ...process.env, PYTHONHASHSEED: "0" },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}
