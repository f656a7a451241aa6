// The sys module's core and the standard streams (sys.stdout/stderr/stdin objects).
import { writeSync, readSync } from "node:fs";
import {
  PyObject, PyObj, PyType, None, typeOf, makeBuiltinType, objectType,
} from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { defineMethod, defineGetSet, PyBuiltinFunction } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { newException, SystemExit, typeError, valueError, RecursionError } from "../objects/exceptions.js";
import { str, isTrue, index, asStringValue, toArray } from "../objects/abstract.js";
import { PyList, newTuple, PyTuple } from "../objects/sequence.js";
import { threadState, exposeFrame } from "../vm/frame.js";
import { typeNewHooks } from "../objects/typeobject.js";
import { setAsyncGenHooks, getAsyncGenHooks, coroutineOrigin } from "../vm/generators.js";
import { makeExceptHook } from "../vm/traceback.js";
import { defaultUnraisableHook, unraisableHookArgsType } from "../vm/unraisable.js";
import { PY_VERSION } from "../version.js";
import { installNumericSysInfo } from "./sysnumeric.js";

export const textStreamType = makeBuiltinType("TextIOWrapper", objectType, 0);

/** A standard stream: line-buffered on a TTY, block-buffered otherwise, as CPython. */
export class PyTextStream extends PyObject {
  declare buffer: string;
  declare readonly fd: number;
  declare readonly name: string;
  declare unbuffered: boolean;
  constructor(fd: number, name: string, unbuffered: boolean) {
    super(textStreamType);
    this.fd = fd;
    this.name = name;
    this.unbuffered = unbuffered;
    this.buffer = "";
  }
  write(text: string): void {
    this.buffer += text;
    if (this.unbuffered || this.fd === 2 || this.buffer.length > 1 << 16) this.flush();
  }
  flush(): void {
    if (this.buffer === "") return;
    const data = Buffer.from(this.buffer, "utf8");
    this.buffer = "";
    let off = 0;
    while (off < data.length) {
      try {
        off += writeSync(this.fd, data, off, data.length - off);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
        throw e;
      }
    }
  }
}

/** Reads one line from fd 0 synchronously (input(), sys.stdin.readline()). */
export function readLineSync(): string | null {
  const chunks: number[] = [];
  const buf = Buffer.alloc(1);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, 1, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
      if ((e as NodeJS.ErrnoException).code === "EOF") n = 0;
      else throw e;
    }
    if (n === 0) break;
    chunks.push(buf[0]);
    if (buf[0] === 10) break;
  }
  if (chunks.length === 0) return null;
  return Buffer.from(chunks).toString("utf8");
}

export interface SysOptions {
  argv: string[];
  path: string[];
  executable: string;
  unbuffered: boolean;
  flags: Record<string, number>;
  warnoptions: string[];
  xoptions: string[];
}

export function installStreamType(): void {
  const S = (o: PyObj) => o as PyTextStream;
  defineMethod(textStreamType, "write", (s, args) => {
    const t = asStringValue(args[0]);
    if (t === null) throw typeError(`write() argument must be str, not ${typeOf(args[0]).name}`);
    S(s).write(t);
    return t.length;
  });
  defineMethod(textStreamType, "flush", (s) => {
    S(s).flush();
    return None;
  });
  defineMethod(textStreamType, "fileno", (s) => S(s).fd);
  defineMethod(textStreamType, "isatty", (s) => Boolean(process.stdout.isTTY && S(s).fd === 1));
  defineMethod(textStreamType, "readline", () => readLineSync() ?? "");
  defineMethod(textStreamType, "read", () => {
    let out = "";
    for (let l = readLineSync(); l !== null; l = readLineSync()) out += l;
    return out;
  });
  defineMethod(textStreamType, "readlines", () => {
    const out: PyObj[] = [];
    for (let l = readLineSync(); l !== null; l = readLineSync()) out.push(l);
    return new PyList(out);
  });
  textStreamType.tp_iter = (s) => s;
  textStreamType.tp_iternext = () => readLineSync();
  defineGetSet(textStreamType, "encoding", () => "utf-8");
  defineGetSet(textStreamType, "errors", () => "strict");
  defineGetSet(textStreamType, "name", (s) => `<${S(s).name}>`);
  defineGetSet(textStreamType, "closed", () => false);
  defineGetSet(textStreamType, "line_buffering", () => false);
  textStreamType.tp_repr = (s) => `<_io.TextIOWrapper name='<${S(s).name}>' mode='${S(s).fd === 0 ? "r" : "w"}' encoding='utf-8'>`;
}

export function makeSysModule(opts: SysOptions, modules: PyDict, streams: { stdout: PyTextStream; stderr: PyTextStream; stdin: PyTextStream }): PyModule {
  const sys = new PyModule("sys");
  const d = sys.dict;
  const def = (name: string, fn: (args: PyObj[]) => PyObj) => d.setStr(name, new PyBuiltinFunction(name, (args) => fn(args), null, name, "sys"));
  d.setStr("argv", new PyList(opts.argv.slice()));
  d.setStr("orig_argv", new PyList(opts.argv.slice()));
  d.setStr("path", new PyList(opts.path.slice()));
  d.setStr("modules", modules);
  d.setStr("stdout", streams.stdout);
  d.setStr("stderr", streams.stderr);
  d.setStr("stdin", streams.stdin);
  d.setStr("__stdout__", streams.stdout);
  d.setStr("__stderr__", streams.stderr);
  d.setStr("__stdin__", streams.stdin);
  const [maj, min, mic] = PY_VERSION.split(".").map((x) => parseInt(x, 10));
  d.setStr("version", `${PY_VERSION} (TSPython) [Node.js ${process.versions.node}]`);
  d.setStr("version_info", newTuple([maj, min, mic, "final", 0]));
  d.setStr("hexversion", (maj << 24) | (min << 16) | (mic << 8) | 0xf0);
  d.setStr("api_version", 1013);
  d.setStr("maxsize", 9223372036854775807n);
  d.setStr("maxunicode", 0x10ffff);
  installNumericSysInfo(d, def);
  d.setStr("byteorder", "little");
  d.setStr("platform", process.platform === "win32" ? "win32" : process.platform === "darwin" ? "darwin" : "linux");
  d.setStr("executable", opts.executable);
  d.setStr("prefix", "/usr/local");
  d.setStr("exec_prefix", "/usr/local");
  d.setStr("base_prefix", "/usr/local");
  d.setStr("builtin_module_names", newTuple(["builtins", "sys"]));
  d.setStr("warnoptions", new PyList(opts.warnoptions.slice()));
  d.setStr("dont_write_bytecode", true);
  d.setStr("meta_path", new PyList([]));
  d.setStr("path_hooks", new PyList([]));
  d.setStr("path_importer_cache", new PyDict());
  const impl = new PyModule("implementation");
  impl.dict.setStr("name", "tspython");
  impl.dict.setStr("cache_tag", "tspython-313");
  impl.dict.setStr("version", newTuple([maj, min, mic, "final", 0]));
  d.setStr("implementation", impl);
  const flags = new PyModule("flags");
  for (const [k, v] of Object.entries(opts.flags)) flags.dict.setStr(k, v);
  d.setStr("flags", flags);
  const xo = new PyDict();
  for (const x of opts.xoptions) {
    const eq = x.indexOf("=");
    if (eq < 0) xo.setStr(x, true);
    else xo.setStr(x.slice(0, eq), x.slice(eq + 1));
  }
  d.setStr("_xoptions", xo);
  def("exit", (args) => {
    const e = newException(SystemExit);
    // Like PyErr_SetObject: a tuple status becomes the exception's args.
    e.args = args.length === 0 ? [] : args[0] instanceof PyTuple ? args[0].items.slice() : [args[0]];
    throw e;
  });
  def("getrecursionlimit", () => threadState.recursionLimit);
  def("setrecursionlimit", (args) => {
    const n = Number(index(args[0]));
    if (n < 1) throw valueError("recursion limit must be greater or equal than 1");
    if (n <= threadState.depth) {
      throw newException(RecursionError, `cannot set the recursion limit to ${n} at the recursion depth ${threadState.depth}: the limit is too low`);
    }
    threadState.recursionLimit = n;
    return None;
  });
  def("intern", (args) => {
    if (typeof args[0] !== "string") throw typeError(`intern() argument must be str, not ${typeOf(args[0]).name}`);
    return args[0];
  });
  def("exception", () => threadState.handledException());
  def("exc_info", () => {
    const e = threadState.handledException();
    if (e === None) return newTuple([None, None, None]);
    const exc = e as PyObject & { traceback: PyObject | null };
    return newTuple([typeOf(e), e, exc.traceback ?? None]);
  });
  typeNewHooks.callerModuleName = () => threadState.frame?.globals.getStr("__name__");
  def("_getframe", (args) => {
    let f = threadState.frame;
    let depth = args.length > 0 ? Number(index(args[0])) : 0;
    while (depth-- > 0 && f !== null) f = f.back;
    if (f === null) throw valueError("call stack is not deep enough");
    exposeFrame(f);
    return f;
  });
  def("getsizeof", () => 64);
  def("getdefaultencoding", () => "utf-8");
  def("getfilesystemencoding", () => "utf-8");
  def("getrefcount", () => 2);
  def("is_finalizing", () => false);
  def("audit", () => None);
  const excepthook = makeExceptHook(() => d.getStr("stderr"));
  d.setStr("excepthook", excepthook);
  d.setStr("__excepthook__", excepthook);
  def("set_coroutine_origin_tracking_depth", (args) => {
    const depth = Number(index(args[0]));
    if (depth < 0) throw valueError("depth must be >= 0");
    coroutineOrigin.depth = depth;
    return None;
  });
  def("get_coroutine_origin_tracking_depth", () => coroutineOrigin.depth);
  d.setStr("unraisablehook", defaultUnraisableHook);
  d.setStr("__unraisablehook__", defaultUnraisableHook);
  d.setStr("UnraisableHookArgs", unraisableHookArgsType);
  d.setStr("set_asyncgen_hooks", new PyBuiltinFunction("set_asyncgen_hooks", (args, kw) => setAsyncGenHooks(args, kw), null, "set_asyncgen_hooks", "sys"));
  def("get_asyncgen_hooks", () => getAsyncGenHooks());
  def("settrace", () => None);
  def("gettrace", () => None);
  def("setprofile", () => None);
  def("getprofile", () => None);
  void PyType;
  void isTrue;
  void str;
  void toArray;
  void PyTuple;
  return sys;
}
