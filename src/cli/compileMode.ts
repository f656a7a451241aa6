// `tspyc FILE.py [-o OUT.pyc]`: compile with our compiler and write a CPython 3.13 .pyc
// (timestamp-based header, like py_compile). Without -o the .pyc goes beside the source
// as FILE.pyc.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { CompileError } from "../ast/compileError.js";
import { writePyc } from "../bytecode/pyc.js";
import { compileSource } from "../compiler/compile.js";
import { formatSyntaxError } from "./astMode.js";
import { registerMode, type TextSink, type TspycOptions } from "./tspycModes.js";

export function runCompileMode(opts: TspycOptions, out: TextSink, err: TextSink): number {
  if (opts.output !== null && opts.files.length !== 1) {
    err.write("tspyc: -o takes exactly one input file\n");
    return 2;
  }
  for (const file of opts.files) {
    let source: Uint8Array;
    let mtime = 0;
    try {
      source = readFileSync(file);
      mtime = Math.floor(statSync(file).mtimeMs / 1000);
    } catch {
      err.write(`tspyc: can't open file '${file}'\n`);
      return 2;
    }
    try {
      const code = compileSource(source, file, "exec");
      const target = opts.output ?? (file.endsWith(".py") ? file.slice(0, -3) : file) + ".pyc";
      writeFileSync(target, writePyc(code, { mtime, sourceSize: source.length }));
    } catch (e) {
      if (e instanceof CompileError) {
        err.write(formatSyntaxError(e));
        return 1;
      }
      throw e;
    }
  }
  void out;
  return 0;
}

registerMode("compile", runCompileMode);
