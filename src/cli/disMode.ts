// tspyc --dis [-C] FILE.pyc|FILE.py: print what CPython 3.13's dis.dis prints for the module
// code object (code-object addresses shown as 0x...). A .pyc is read with bytecode/pyc.ts;
// a .py is compiled when the compiler provides compileSource (compiler/compile.ts).
// Errors are one Python-style line on stderr (exit 1), never a JS stack trace.
import { readFileSync } from "node:fs";
import { isCompileError } from "../ast/compileError.js";
import type { CodeObject } from "../bytecode/code.js";
import { disassemble } from "../bytecode/dis.js";
import { readPyc } from "../bytecode/pyc.js";
import { registerMode, type TextSink, type TspycOptions } from "./tspycModes.js";

interface CompileModule {
  compileSource?: (source: string, filename: string) => CodeObject;
}

// Imported lazily by computed specifier: the compiler is another stage, and --dis of a
// .pyc must work (and --dis of a .py explain itself) while it is absent.
async function importStage<T>(specifier: string): Promise<T | null> {
  try {
    return (await import(specifier)) as T;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "ERR_MODULE_NOT_FOUND") return null;
    throw e;
  }
}

/** `Type: message` for an error, the way Python prints the last line of a traceback. */
export function pythonErrorLine(e: unknown, filename: string): string {
  // str(SyntaxError) as CPython prints it: "message (file, line N)".
  if (isCompileError(e)) return `${e.kind}: ${e.message} (${e.filename}, line ${e.lineno})`;
  if (e && typeof e === "object") {
    const err = e as { pyType?: unknown; message?: unknown; code?: unknown };
    if (typeof err.pyType === "string") return `${err.pyType}: ${String(err.message)}`;
    if (err.code === "ENOENT") return `FileNotFoundError: [Errno 2] No such file or directory: '${filename}'`;
    if (err.code === "EISDIR") return `IsADirectoryError: [Errno 21] Is a directory: '${filename}'`;
    if (err.code === "EACCES") return `PermissionError: [Errno 13] Permission denied: '${filename}'`;
    if (err instanceof RangeError) return `RecursionError: ${err.message}`;
    if (err instanceof Error) return `SystemError: ${err.message}`;
  }
  return `SystemError: ${String(e)}`;
}

async function loadCode(filename: string): Promise<CodeObject | string> {
  const data = readFileSync(filename);
  if (filename.endsWith(".py")) {
    const compiler = await importStage<CompileModule>("../compiler/compile.js");
    if (!compiler || typeof compiler.compileSource !== "function") {
      return "tspyc: --dis of a .py file needs the compiler, which is not built yet; disassemble a CPython 3.13 .pyc instead";
    }
    return compiler.compileSource(data.toString("utf8"), filename);
  }
  return readPyc(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), filename).code;
}

export async function runDis(opts: TspycOptions, out: TextSink, err: TextSink): Promise<number> {
  for (const filename of opts.files) {
    let text: string;
    try {
      const code = await loadCode(filename);
      if (typeof code === "string") {
        err.write(code + "\n");
        return 2;
      }
      text = disassemble(code, { showCaches: opts.showCaches });
    } catch (e) {
      err.write(`tspyc: ${filename}: ${pythonErrorLine(e, filename)}\n`);
      return 1;
    }
    out.write(text);
  }
  return 0;
}

registerMode("dis", runDis);
