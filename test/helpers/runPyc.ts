// Differential-test helpers for the VM: compile a program with the CPython oracle (pyodide),
// run the .pyc on TSPython (bin/tspython.js, a child process) and on the oracle, and
// return both outputs for comparison.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "./paths.js";

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
}

interface Oracle {
  compilePyc(source: string, filename: string): Uint8Array;
  captured(fn: () => void): { stdout: string; stderr: string };
  run(code: string): void;
  pyodide: { globals: { set(name: string, v: unknown): void } };
}

let oraclePromise: Promise<Oracle> | null = null;
export function oracle(): Promise<Oracle> {
  if (oraclePromise === null) {
    const url = new URL(`file://${join(projectRoot, "tools/oracle.mjs")}`).href;
    oraclePromise = import(url).then((m: { loadOracle(): Promise<Oracle> }) => m.loadOracle());
  }
  return oraclePromise;
}

const scratch = mkdtempSync(join(tmpdir(), "tspython-vm-"));
let counter = 0;

/** Compiles `source` with CPython (the oracle) and runs the .pyc on TSPython. */
export async function runOnTSPython(source: string, args: string[] = []): Promise<RunResult> {
  const py = await oracle();
  const name = `prog${counter++}`;
  const pyPath = join(scratch, `${name}.py`);
  writeFileSync(pyPath, source);
  const pyc = py.compilePyc(source, pyPath);
  const pycPath = join(scratch, `${name}.pyc`);
  writeFileSync(pycPath, pyc);
  const r = spawnSync(process.execPath, [join(projectRoot, "bin/tspython.js"), pycPath, ...args], {
    encoding: "utf8",
    timeout: 60000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

/** Runs `source` on the oracle (CPython 3.13 in pyodide) and returns what it printed. */
export async function runOnCPython(source: string): Promise<RunResult> {
  const py = await oracle();
  let status = 0;
  py.pyodide.globals.set("__vm_test_src", source);
  const out = py.captured(() => {
    try {
      py.run(
        "import sys as __s, traceback as __tb\n" +
        "__g = {'__name__': '__main__'}\n" +
        "try:\n    exec(compile(__vm_test_src, 'prog.py', 'exec'), __g)\n" +
        "except SystemExit as __e:\n    __s.stdout.flush()\n    raise\n" +
        "except BaseException as __e:\n    __s.stdout.flush()\n    print(''.join(__tb.format_exception_only(__e)), end='', file=__s.stderr)\n    raise\n",
      );
    } catch {
      status = 1;
    }
  });
  return { stdout: out.stdout, stderr: out.stderr, status };
}
