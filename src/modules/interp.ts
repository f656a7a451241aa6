// An interpreter instance: builtins, sys, the module table, imports of .py files from
// sys.path and of native modules, running a main program, and reporting an uncaught
// exception the way CPython does (traceback on stderr, exit status).
import { readFileSync, existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CodeObject } from "../bytecode/code.js";
import { loads } from "../bytecode/marshal.js";
import { CompileError, type CompileWarning, type CompileWarningSink } from "../ast/compileError.js";
import { PyObj, None, typeOf, PyObject } from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { PyModule, PyCode, codeFor } from "../objects/function.js";
import {
  PyBaseException, SystemExit, newException, typeError, ImportError, ModuleNotFoundError,
  SyntaxError as SyntaxErrorType, IndentationError, TabError, valueError,
  setExcField, excField,
  KeyboardInterrupt,
} from "../objects/exceptions.js";
import { str, getAttr, getAttrOrNull, isTrue, toArray, call, repr } from "../objects/abstract.js";
import { PyList, PyTuple, newTuple } from "../objects/sequence.js";
import { bootVM } from "../vm/runtime.js";
import { runCode, toPyException } from "../vm/interpreter.js";
import { formatException, registerSource, sourceFallback } from "../vm/traceback.js";
import { finalizeAtExit } from "../vm/finalization.js";

// Traceback source lines of modules inside a zip archive (the stdlib), as linecache gets
// them from the zip importer.
sourceFallback.read = (filename: string): string | null => {
  const z = zipPathEntry(dirname(filename));
  if (z === null) return null;
  const base = filename.slice(dirname(filename).length + 1);
  const data = z.archive.read(z.inner === "" ? base : `${z.inner}/${base}`);
  return data === null ? null : new TextDecoder().decode(data);
};
import { threadState } from "../vm/frame.js";
import { makeBuiltins, BuiltinsHost } from "./builtins.js";
import { makeSysModule, PyTextStream, installStreamType, readLineSync, SysOptions } from "./sys.js";
import { installCodecRegistry } from "./codecRegistry.js";
import { installObjectReduce } from "./objectReduce.js";
import { installCodeCompare } from "./codeCompare.js";
import { installFunctionNew } from "./functionNew.js";
import { installAnnotationsAttributes } from "./annotations.js";
import { nativeModules } from "./registry.js";
import { installFileTypes, makeOpenFunction } from "./io.js";
import { installTypeExtras } from "./uniontype.js";
import { installStdlibSysInfo, installStdlibModuleNames } from "./sysStdlib.js";
import { installCodeExtras } from "./codeExtras.js";
import { ensureBuiltinDocs } from "../objects/typeobject.js";
import { astToPython, PyCF_ONLY_AST } from "./_ast.js";
import { parse } from "../parser/parser.js";
import type { AnyNode, mod } from "../ast/nodes.generated.js";
import { installTypeParamIntrinsics } from "./typeparams.js";
import { emitCompileWarning } from "./_warnings.js";
import { decodeWithCodecs, inheritedFutureFlags, installCompileBuiltin } from "./compileBuiltin.js";
import { getIntMaxStrDigits } from "../objects/number.js";
import { findModule, FoundModule, readCachedCode, writeCachedCode, stdlibLocation, zipPathEntry } from "./stdlib.js";
import { installPatternCache } from "./patternCache.js";
import { readCompiledCode, writeCompiledCode, type CompileKey } from "./codeCache.js";

/** What compile() passes on to the compiler (compiler/compile.ts CompileOptions). */
export interface CompileFnOptions {
  onWarning?: CompileWarningSink;
  intMaxStrDigits?: number;
  fileInput?: boolean;
  decode?: (bytes: Uint8Array, encoding: string) => string | null;
  optimize?: number;
  flags?: number;
}

/** `source` may be a tree already built (compile() of an AST object). */
export type CompileFn = (source: string | Uint8Array | mod, filename: string, mode: "exec" | "eval" | "single", options?: CompileFnOptions) => CodeObject;

export interface InterpreterOptions extends Partial<SysOptions> {
  /** The compiler's entry (compiler/compile.ts compileSource), or null when unavailable. */
  compile?: CompileFn | null;
}

export class Interpreter {
  declare readonly builtins: PyDict;
  declare readonly modules: PyDict;
  declare readonly sys: PyModule;
  declare readonly stdout: PyTextStream;
  declare readonly stderr: PyTextStream;
  declare readonly stdin: PyTextStream;
  declare compileFn: CompileFn | null;
  /** How many modules are being executed by the importer right now (nested imports). */
  private importDepth = 0;
  /** Whether sys.stdlib_module_names is there (made at the first import: sysStdlib.ts). */
  private stdlibNamesInstalled = false;
  /**
   * Set at exit: the finalizer's own imports (sys, _warnings: `__import__(name)`, no
   * globals) then no longer make sys.stdlib_module_names, which only Python code can read
   * (that was ~1.5 ms at the exit of every program that imported nothing).
   */
  private exiting = false;
  /** -O's level: what the compiler applies when compile() passes no optimize. */
  private readonly defaultOptimize: number;

  constructor(opts: InterpreterOptions = {}) {
    bootVM();
    installTypeExtras();
    installCodeExtras((source, ns) => runCode(this.compileToCode(source, "<tspython>", "exec"), ns, this.builtins, ns));
    ensureBuiltinDocs();
    installTypeParamIntrinsics(this);
    installStreamType();
    installCodecRegistry(this);
    installObjectReduce(this);
    installCodeCompare();
    installFunctionNew(this);
    installAnnotationsAttributes();
    this.compileFn = opts.compile ?? null;
    this.defaultOptimize = opts.flags?.optimize ?? 0;
    const unbuffered = opts.unbuffered ?? false;
    this.stdout = new PyTextStream(1, "stdout", unbuffered);
    this.stderr = new PyTextStream(2, "stderr", true);
    this.stdin = new PyTextStream(0, "stdin", false);
    this.modules = new PyDict();
    const host: BuiltinsHost = {
      write: (stream, text) => (stream === "stdout" ? this.stdout : this.stderr).write(text),
      readline: () => {
        this.stdout.flush();
        return readLineSync();
      },
      getStream: (name) => {
        const s = this.sys.dict.getStr(name);
        if (s === undefined || s === (name === "stdout" ? this.stdout : this.stderr)) return null;
        return s;
      },
      importModule: (name, globals, fromlist, level) => this.importModule(name, globals, fromlist, level),
      // exec() and eval() of source: as compile() without dont_inherit.
      compile: (source, filename, mode, flags) => ((flags & PyCF_ONLY_AST) !== 0
        ? this.parseToAst(source, filename, mode)
        : this.compileToCode(source, filename, mode, { flags: flags | inheritedFutureFlags() })),
    };
    this.builtins = makeBuiltins(host);
    installCompileBuiltin(this);
    installFileTypes();
    this.builtins.setStr("open", makeOpenFunction());
    const builtinsModule = new PyModule("builtins");
    for (const k of this.builtins.keys()) builtinsModule.dict.set(k, this.builtins.get(k)!);
    // The module's dict *is* the builtins dict.
    (builtinsModule as { dict: PyDict }).dict = this.builtins;
    this.sys = makeSysModule({
      argv: opts.argv ?? [""],
      path: withStdlib(opts.path ?? []),
      executable: opts.executable ?? process.argv[1] ?? "tspython",
      unbuffered,
      flags: opts.flags ?? {},
      warnoptions: opts.warnoptions ?? [],
      xoptions: opts.xoptions ?? [],
    }, this.modules, { stdout: this.stdout, stderr: this.stderr, stdin: this.stdin });
    installStdlibSysInfo(this.sys, (args) => {
      // sys.unraisablehook's default: "Exception ignored in: <obj>" and the traceback.
      const info = args[0];
      const exc = getAttrOrNull(info, "exc_value");
      const obj = getAttrOrNull(info, "object");
      const msg = getAttrOrNull(info, "err_msg");
      this.flush();
      this.stderr.write(`${typeof msg === "string" ? msg : "Exception ignored in"}: ${obj !== null && obj !== None ? repr(obj) : "None"}\n`);
      if (exc instanceof PyBaseException) this.stderr.write(formatException(exc));
      return None;
    });
    this.sys.dict.setStr("builtin_module_names", newTuple(["builtins", "sys", ...nativeModules.keys()].sort()));
    this.modules.setStr("sys", this.sys);
    this.modules.setStr("builtins", builtinsModule);
  }

  flush(): void {
    try {
      const out = this.sys.dict.getStr("stdout");
      if (out !== undefined && out !== this.stdout) {
        const fl = getAttrOrNull(out, "flush");
        if (fl !== null) call(fl, []);
      }
    } catch {
      // ignore errors while flushing at exit
    }
    this.stdout.flush();
    this.stderr.flush();
  }

  /**
   * compile(): source -> code object, SyntaxError on bad input. `options`: compile()'s
   * flags (merged with the caller's future flags) and optimize (absent: the -O level).
   */
  compileToCode(source: string | Uint8Array | mod, filename: string, mode: string, options: { flags?: number; optimize?: number; fileInput?: boolean; mainProgram?: boolean } = {}): PyCode {
    if (this.compileFn === null) {
      throw newException(SyntaxErrorType, "compiling Python source is not available: the TSPython compiler (src/compiler/compile.ts) is missing");
    }
    if (mode !== "exec" && mode !== "eval" && mode !== "single") throw valueError("compile() mode must be 'exec', 'eval' or 'single'");
    try {
      const co = this.compileMaybeCached(source, filename, mode, {
        ...options, onWarning: (w) => emitCompileWarning(this, w, filename), intMaxStrDigits: getIntMaxStrDigits(),
        // Differs from CPython: a script file in a codec Node lacks (cp437, ...) is read as
        // UTF-8, as TSPython always read scripts before, because builtins.open() still writes
        // every encoding as UTF-8 (io.ts), so test files written for such a script are UTF-8.
        decode: options.fileInput ? (bytes) => new TextDecoder().decode(bytes) : (bytes, encoding) => decodeWithCodecs(this, bytes, encoding),
      });
      // Traceback lines: "<string>" is the -c program's (CPython's linecache holds it); code
      // that exec()/eval()/compile() make from strings has none of its own.
      const showsLines = filename !== "<string>" || options.mainProgram === true;
      if (showsLines && typeof source === "string") registerSource(filename, source);
      else if (showsLines && source instanceof Uint8Array) registerSource(filename, new TextDecoder().decode(source));
      return codeFor(co);
    } catch (e) {
      if (e instanceof CompileError) throw compileErrorToPython(e);
      throw e;
    }
  }

  /**
   * The compiler, except for sources compiled again on every run: a str or bytes source
   * compiled while a module is imported (a namedtuple's eval, dataclasses' exec), or the
   * main program (`options.mainProgram`), is first looked up among the code earlier runs
   * stored (codeCache.ts), and stored when its compile gave no warning.
   */
  private compileMaybeCached(source: string | Uint8Array | mod, filename: string, mode: "exec" | "eval" | "single", options: CompileFnOptions & { mainProgram?: boolean }): CodeObject {
    const { mainProgram, ...compileOptions } = options;
    const compile = this.compileFn!;
    if ((this.importDepth === 0 && mainProgram !== true) || !(typeof source === "string" || source instanceof Uint8Array)) {
      return compile(source, filename, mode, compileOptions);
    }
    const key: CompileKey = {
      source: typeof source === "string" ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength).toString("latin1"),
      sourceIsBytes: typeof source !== "string",
      filename,
      mode,
      flags: options.flags ?? 0,
      optimize: options.optimize ?? this.defaultOptimize,
      fileInput: options.fileInput === true,
      intMaxStrDigits: options.intMaxStrDigits ?? -1,
    };
    const slot = mainProgram === true ? filename : null;
    const stored = readCompiledCode(key, slot);
    if (stored !== null) return stored;
    let warned = false;
    const sink = options.onWarning;
    const co = compile(source, filename, mode, {
      ...compileOptions,
      onWarning: (w) => {
        warned = true;
        sink?.(w);
      },
    });
    if (!warned) writeCompiledCode(key, co, slot);
    return co;
  }

  /** compile(..., ast.PyCF_ONLY_AST): the tree as _ast objects. */
  parseToAst(source: string | Uint8Array, filename: string, mode: string): PyObj {
    if (mode !== "exec" && mode !== "eval" && mode !== "single" && mode !== "func_type") {
      throw valueError("compile() mode must be 'exec', 'eval', 'single' or 'func_type'");
    }
    try {
      const onWarning = (w: CompileWarning): void => emitCompileWarning(this, w, filename);
      return astToPython(this, parse(source, filename, mode, { onWarning, intMaxStrDigits: getIntMaxStrDigits() }) as AnyNode);
    } catch (e) {
      if (e instanceof CompileError) throw compileErrorToPython(e);
      throw e;
    }
  }

  /** Makes a module object for `name` with the usual attributes. */
  newModule(name: string, file: string | null): PyModule {
    const m = new PyModule(name);
    if (file !== null) m.dict.setStr("__file__", file);
    m.dict.setStr("__builtins__", this.builtins);
    return m;
  }

  /** Runs a code object as the __main__ module. */
  runMain(code: CodeObject, filename: string): void {
    const main = this.newModule("__main__", filename);
    main.dict.setStr("__cached__", None);
    this.modules.setStr("__main__", main);
    runCode(codeFor(code), main.dict, this.builtins, main.dict);
  }

  /** Runs a program given as text (-c, stdin) or as the bytes of its file (decoded as CPython reads a script). */
  runMainSource(source: string | Uint8Array, filename: string): void {
    const code = this.compileToCode(source, filename, "exec", { fileInput: typeof source !== "string", mainProgram: filename !== "<stdin>" });
    const main = this.newModule("__main__", filename === "<string>" || filename === "<stdin>" ? null : filename);
    this.modules.setStr("__main__", main);
    runCode(code, main.dict, this.builtins, main.dict);
  }

  /**
   * `-m NAME`: finds NAME on sys.path (a package runs its __main__.py), imports its
   * parent packages, and runs it as __main__ (runpy's _run_module_as_main, simplified).
   */
  runModuleAsMain(name: string): void {
    // As CPython: runpy._run_module_as_main (modules from the stdlib zip, packages' __main__).
    if (this.findModuleCode("runpy") !== null) {
      if (this.modules.getStr("__main__") === undefined) this.modules.setStr("__main__", this.newModule("__main__", null));
      const runpy = this.importModule("runpy", None, None, 0);
      call(getAttr(runpy, "_run_module_as_main"), [name]);
      return;
    }
    const parts = name.split(".");
    if (parts.length > 1) this.importModule(parts.slice(0, -1).join("."), None, None, 0);
    let searchPath: string[];
    if (parts.length > 1) {
      const parent = this.modules.getStr(parts.slice(0, -1).join("."))!;
      const p = getAttrOrNull(parent, "__path__");
      searchPath = p === null ? [] : toArray(p).filter((x): x is string => typeof x === "string");
    } else {
      const sp = this.sys.dict.getStr("path");
      searchPath = sp instanceof PyList ? sp.items.filter((x): x is string => typeof x === "string") : [];
    }
    const short = parts[parts.length - 1];
    for (const dir of searchPath) {
      const base = resolve(dir === "" ? "." : dir);
      const pkgMain = join(base, short, "__main__.py");
      const file = join(base, short + ".py");
      let target: string | null = null;
      let pkgName: string;
      if (existsSync(join(base, short, "__init__.py")) && existsSync(pkgMain)) {
        this.importModule(name, None, None, 0);
        target = pkgMain;
        pkgName = name;
      } else if (existsSync(file)) {
        target = file;
        pkgName = parts.slice(0, -1).join(".");
      } else continue;
      const argv = this.sys.dict.getStr("argv");
      if (argv instanceof PyList && argv.items.length > 0) argv.items[0] = target;
      const main = this.newModule("__main__", target);
      main.dict.setStr("__package__", pkgName);
      this.modules.setStr("__main__", main);
      const code = this.compileToCode(readFileSync(target, "utf8"), target, "exec");
      runCode(code, main.dict, this.builtins, main.dict);
      return;
    }
    throw moduleNotFound(name, `No module named ${name}`);
  }

  /**
   * Runs `body`, and reports an uncaught exception as CPython does. Returns the exit
   * status (SystemExit's code, 1 for other exceptions, 0 otherwise).
   */
  runProtected(body: () => void): number {
    let status = 0;
    try {
      body();
    } catch (e) {
      const exc = toPyException(e);
      status = this.handleUncaught(exc);
    }
    this.flush();
    return status;
  }

  /**
   * Interpreter exit: __main__'s globals are set to None (underscore names first, as
   * _PyModule_ClearDict) and what became unreachable is finalized (vm/finalization.ts).
   */
  finalizeAtExit(): void {
    this.exiting = true;
    finalizeAtExit(this.builtins, () => {
      const main = this.modules.getStr("__main__");
      const d = main === undefined ? null : getAttrOrNull(main, "__dict__");
      if (!(d instanceof PyDict)) return;
      const keys = d.keys().filter((k): k is string => typeof k === "string" && k !== "__builtins__");
      for (const k of keys) if (k.startsWith("_") && !k.startsWith("__")) d.setStr(k, None);
      for (const k of keys) if (!(k.startsWith("_") && !k.startsWith("__"))) d.setStr(k, None);
    });
    this.flush();
  }

  handleUncaught(exc: PyBaseException): number {
    if (exc.type.isSubtypeOf(SystemExit)) {
      const code = exc.args.length === 0 ? None : exc.args.length === 1 ? exc.args[0] : newTuple(exc.args.slice());
      if (code === None) return 0;
      if (typeof code === "number") return code & 0xff;
      if (typeof code === "boolean") return code ? 1 : 0;
      this.flush();
      this.stderr.write(str(code) + "\n");
      return 1;
    }
    this.flush();
    const hook = this.sys.dict.getStr("excepthook");
    if (hook !== undefined && !(hook instanceof PyObject && typeOf(hook).name === "builtin_function_or_method" && (hook as { name?: string }).name === "excepthook")) {
      try {
        call(hook, [exc.type, exc, exc.traceback ?? None]);
        this.flush();
        return 1;
      } catch (e2) {
        this.stderr.write("Error in sys.excepthook:\n" + formatException(toPyException(e2)) + "\nOriginal exception was:\n");
      }
    }
    let text: string;
    try {
      text = formatException(exc);
    } catch (e3) {
      text = `${exc.type.name}: <exception formatting failed: ${String(e3)}>\n`;
    }
    this.stderr.write(text);
    if (exc.type.isSubtypeOf(KeyboardInterrupt)) {
      // CPython re-raises SIGINT with the default action so that the parent sees the
      // signal (a shell reports 130); 130 is the fallback status.
      this.flush();
      try {
        process.kill(process.pid, "SIGINT");
      } catch {
        // keep the fallback
      }
      return 130;
    }
    return 1;
  }

  // ---- imports ----

  importModule(name: string, globals: PyObj, fromlist: PyObj, level: number): PyObj {
    if (!this.stdlibNamesInstalled && !(this.exiting && globals === None)) {
      this.stdlibNamesInstalled = true;
      installStdlibModuleNames(this.sys);
    }
    let absName = name;
    if (level > 0) {
      const pkg = this.packageOf(globals);
      if (pkg === null || pkg === "") throw newException(ImportError, "attempted relative import with no known parent package");
      const parts = pkg.split(".");
      if (level - 1 >= parts.length + (level > 1 ? 0 : 1) && level > 1) {
        throw newException(ImportError, "attempted relative import beyond top-level package");
      }
      const base = parts.slice(0, parts.length - (level - 1)).join(".");
      absName = name === "" ? base : `${base}.${name}`;
    }
    if (absName === "") throw valueError("Empty module name");
    const parts = absName.split(".");
    let mod: PyObj | null = null;
    for (let i = 1; i <= parts.length; i++) {
      const sub = parts.slice(0, i).join(".");
      mod = this.loadModule(sub, i > 1 ? this.modules.getStr(parts.slice(0, i - 1).join(".")) ?? null : null);
    }
    const hasFrom = fromlist !== None && toArray(fromlist).length > 0;
    if (hasFrom) {
      // from pkg import submodule: load submodules named in fromlist.
      const pathAttr = getAttrOrNull(mod!, "__path__");
      if (pathAttr !== null) {
        for (const item of toArray(fromlist)) {
          if (typeof item !== "string" || item === "*") continue;
          if (getAttrOrNull(mod!, item) === null) {
            try {
              this.loadModule(`${absName}.${item}`, mod);
            } catch (e) {
              // Only "no such submodule" means "not a submodule"; other import errors propagate.
              if (!(e instanceof PyBaseException && e.type.isSubtypeOf(ModuleNotFoundError) && excField(e, "name") === `${absName}.${item}`)) throw e;
            }
          }
        }
      }
      return mod!;
    }
    if (level > 0 && name === "") return mod!;
    return this.modules.getStr(level > 0 ? absName.split(".").slice(0, absName.split(".").length - name.split(".").length + 1).join(".") : parts[0])!;
  }

  private packageOf(globals: PyObj): string | null {
    if (!(globals instanceof PyDict)) return null;
    const pkg = globals.getStr("__package__");
    if (typeof pkg === "string") return pkg;
    const name = globals.getStr("__name__");
    if (typeof name !== "string") return null;
    if (globals.getStr("__path__") !== undefined) return name;
    const i = name.lastIndexOf(".");
    return i < 0 ? "" : name.slice(0, i);
  }

  private loadModule(fullName: string, parent: PyObj | null): PyObj {
    const existing = this.modules.getStr(fullName);
    if (existing !== undefined) {
      if (existing === None) throw moduleNotFound(fullName);
      return existing;
    }
    const native = nativeModules.get(fullName);
    if (native !== undefined) {
      const m = native(this);
      this.modules.setStr(fullName, m);
      return m;
    }
    const shortName = fullName.split(".").pop()!;
    let searchPath: string[];
    if (parent !== null) {
      const p = getAttrOrNull(parent, "__path__");
      if (p === null) throw moduleNotFound(fullName, `No module named '${fullName}'; '${(parent as PyModule).name}' is not a package`);
      searchPath = toArray(p).filter((x): x is string => typeof x === "string");
    } else {
      const sp = this.sys.dict.getStr("path");
      searchPath = sp instanceof PyList ? sp.items.filter((x): x is string => typeof x === "string") : [];
    }
    for (const dir of searchPath) {
      const found = findModule(dir, shortName);
      if (found !== null) return this.execModuleFile(fullName, found);
    }
    throw moduleNotFound(fullName);
  }

  /** The code of top-level module `name` found on sys.path (not run), or null (_io runs _pyio's). */
  findModuleCode(name: string): { code: PyCode; filename: string } | null {
    const sp = this.sys.dict.getStr("path");
    const searchPath = sp instanceof PyList ? sp.items.filter((x): x is string => typeof x === "string") : [];
    for (const dir of searchPath) {
      const found = findModule(dir, name);
      if (found !== null) return { code: this.moduleCode(found), filename: found.filename };
    }
    return null;
  }

  /** The code of a found module: from the .pyc cache when fresh, else compiled and cached. */
  moduleCode(found: FoundModule): PyCode {
    const cached = readCachedCode(found);
    if (cached !== null) return codeFor(cached);
    const source = found.source();
    const code = this.compileToCode(new TextDecoder().decode(source), found.filename, "exec");
    writeCachedCode(found, code.co);
    return code;
  }

  private execModuleFile(fullName: string, found: FoundModule): PyObj {
    const file = found.filename;
    const pkgDir = found.pkgDir;
    const m = this.newModule(fullName, file);
    if (pkgDir !== null) {
      m.dict.setStr("__path__", new PyList([pkgDir]));
      m.dict.setStr("__package__", fullName);
    } else {
      const i = fullName.lastIndexOf(".");
      m.dict.setStr("__package__", i < 0 ? "" : fullName.slice(0, i));
    }
    m.dict.setStr("__cached__", found.cachePath ?? None);
    this.modules.setStr(fullName, m);
    this.importDepth++;
    try {
      const code = this.moduleCode(found);
      runCode(code, m.dict, this.builtins, m.dict);
    } catch (e) {
      this.modules.delete(fullName);
      throw e;
    } finally {
      this.importDepth--;
    }
    if (fullName === "re._compiler") this.cacheStdlibPatterns(m, found);
    const parentName = fullName.lastIndexOf(".") >= 0 ? fullName.slice(0, fullName.lastIndexOf(".")) : null;
    if (parentName !== null) {
      const parent = this.modules.getStr(parentName);
      if (parent instanceof PyModule) parent.dict.setStr(fullName.slice(parentName.length + 1), m);
    }
    return this.modules.getStr(fullName) ?? m;
  }

  /** The stdlib's re._compiler.compile keeps compiled patterns across runs (patternCache.ts). */
  private cacheStdlibPatterns(compiler: PyModule, found: FoundModule): void {
    const lib = stdlibLocation();
    if (lib === null || !found.filename.startsWith(lib)) return;
    // The stamp: the re package's modules that make a pattern's code.
    const stamp: string[] = [];
    for (const name of ["_compiler", "_parser", "_constants", "_casefix"]) {
      const f = findModule(dirname(found.filename), name);
      if (f === null) return;
      stamp.push(`${f.filename}:${f.mtime}:${f.size}`);
    }
    installPatternCache(compiler, stamp.join("|"), () => this.importDepth > 0);
  }
}

/** sys.path gets the stdlib (zip or Lib directory) after the user's entries, as CPython's python313.zip. */
function withStdlib(path: string[]): string[] {
  const lib = stdlibLocation();
  return lib === null || path.includes(lib) ? path : [...path, lib];
}

function moduleNotFound(name: string, msg?: string): PyBaseException {
  const e = newException(ModuleNotFoundError, msg ?? `No module named '${name}'`);
  setExcField(e, "name", name);
  setExcField(e, "path", None);
  return e;
}

/** A CompileError as the Python exception CPython would raise. */
export function compileErrorToPython(e: CompileError): PyBaseException {
  const t = e.kind === "IndentationError" ? IndentationError : e.kind === "TabError" ? TabError : SyntaxErrorType;
  const pos = (n: number) => (n < 0 && e.negativeIsNone ? None : n);
  const text = e.textFromFile ? lineOfFile(e.filename, e.lineno) : e.text;
  const info = newTuple([
    e.filename, pos(e.lineno), pos(e.offset), text ?? None, pos(e.endLineno), pos(e.endOffset),
  ]);
  return call(t, [e.message, info]) as PyBaseException;
}

/** PyErr_ProgramTextObject: line `lineno` of file `filename` (with its newline), or null. */
function lineOfFile(filename: string, lineno: number): string | null {
  if (lineno < 1 || (filename.startsWith("<") && filename.endsWith(">"))) return null;
  let data: string;
  try {
    data = readFileSync(filename, "utf8");
  } catch {
    return null;
  }
  const lines = data.split(/(?<=\r\n|\r|\n)/);
  return lineno <= lines.length ? lines[lineno - 1].replace(/\r\n?$/, "\n") : null;
}

/** Reads a .pyc file's code object (16-byte header, then marshal data). */
export function loadPyc(data: Uint8Array): CodeObject {
  if (data.length < 16) throw newException(ImportError, "bad magic number in .pyc file");
  const magic = data[0] | (data[1] << 8);
  if (magic !== 3571 || data[2] !== 13 || data[3] !== 10) throw newException(ImportError, "bad magic number in .pyc file");
  const v = loads(data.subarray(16));
  if (!(v instanceof CodeObject)) throw typeError("the .pyc file does not hold a code object");
  return v;
}

export { threadState, dirname, isTrue, repr, getAttr, PyTuple };
