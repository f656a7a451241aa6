// The parts of sys that the stdlib's modules look up at import time (os, io, traceback,
// unittest, warnings...) and that sys.ts does not define yet. Only fills missing names.
import { PyObj, None, PyFloat } from "../objects/core.js";
import { PyBuiltinFunction, defineMethod } from "../objects/descr.js";
import { textStreamType } from "./sys.js";
import { PyModule } from "../objects/function.js";
import { PyList, newTuple, PyTuple } from "../objects/sequence.js";
import { PySet } from "../objects/set.js";
import { pycacheRoot } from "./stdlib.js";
import { namespaceFrom } from "./simplenamespace.js";
import { STDLIB_NAME_HASHES } from "./stdlibNameHashes.generated.js";

export function installStdlibSysInfo(sys: PyModule, excepthookFallback: (args: PyObj[]) => PyObj): void {
  const d = sys.dict;
  const setDefault = (name: string, v: PyObj) => {
    if (d.getStr(name) === undefined) d.setStr(name, v);
  };
  const fn = (name: string, body: (args: PyObj[]) => PyObj) => setDefault(name, new PyBuiltinFunction(name, (a) => body(a), null, name, "sys"));
  fn("getfilesystemencodeerrors", () => "surrogateescape");
  fn("getswitchinterval", () => new PyFloat(0.005));
  fn("setswitchinterval", () => None);
  fn("unraisablehook", excepthookFallback);
  fn("breakpointhook", () => None);
  fn("_clear_type_cache", () => None);
  fn("_clear_internal_caches", () => None);
  fn("activate_stack_trampoline", () => None);
  fn("deactivate_stack_trampoline", () => None);
  fn("is_stack_trampoline_active", () => false);
  fn("getallocatedblocks", () => 0);
  fn("_is_gil_enabled", () => true);
  fn("_is_interned", () => false);
  if (d.getStr("hash_info") === undefined) {
    // An attribute namespace (CPython: a struct sequence), as float_info in sysnumeric.ts.
    const hi = new PyModule("hash_info");
    const fields: [string, PyObj][] = [
      ["width", 64], ["modulus", 2305843009213693951n], ["inf", 314159], ["nan", 0], ["imag", 1000003],
      ["algorithm", "siphash13"], ["hash_bits", 64], ["seed_bits", 128], ["cutoff", 0],
    ];
    for (const [k, v] of fields) hi.dict.setStr(k, v);
    d.setStr("hash_info", hi);
  }
  // sys.implementation is a types.SimpleNamespace (types.py: SimpleNamespace = type(sys.implementation)).
  const impl = d.getStr("implementation");
  if (impl instanceof PyModule) {
    impl.dict.setStr("hexversion", d.getStr("hexversion") ?? 0);
    d.setStr("implementation", namespaceFrom(impl.dict));
  }
  setDefault("pycache_prefix", pycacheRoot() ?? None);
  setDefault("platlibdir", "lib");
  setDefault("float_repr_style", "short");
  setDefault("abiflags", "");
  setDefault("copyright", "Copyright (c) 2001 Python Software Foundation.\nAll Rights Reserved.");
  setDefault("base_exec_prefix", d.getStr("exec_prefix") ?? "/usr/local");
  setDefault("_git", newTuple(["tspython", "", ""]));
  setDefault("_framework", "");
  setDefault("thread_info", newTuple(["pthread", "mutex+cond", None]));
  setDefault("ps1", ">>> ");
  setDefault("ps2", "... ");
  setDefault("path_hooks", new PyList([]));
  d.setStr("dont_write_bytecode", false);
  // The standard streams are context managers (json.tool: `with sys.stdin, sys.stdout:`).
  if (textStreamType.dict.getStr("__enter__") === undefined) {
    defineMethod(textStreamType, "__enter__", (s) => s);
    defineMethod(textStreamType, "__exit__", () => None);
    defineMethod(textStreamType, "close", () => None);
    textStreamType.invalidateCaches();
  }
}

/**
 * sys.stdlib_module_names. Not made at start-up: hashing its 300 names into a frozenset is a
 * few ms of cold code, and nothing reads it before an import (the interpreter installs it
 * at its first import; Python code reaches sys only by importing it).
 */
export function installStdlibModuleNames(sys: PyModule): void {
  const d = sys.dict;
  if (d.getStr("stdlib_module_names") === undefined || (d.getStr("stdlib_module_names") as PyTuple).items.length === 0) {
    d.setStr("stdlib_module_names", stdlibNamesSet());
  }
}

/**
 * The frozenset of STDLIB_MODULE_NAMES, built as PySet.fromItems would (same insertion
 * order, so the same iteration order) from hashes computed ahead of time when the
 * generated table matches the list, else by hashing the names.
 */
function stdlibNamesSet(): PySet {
  if (STDLIB_NAME_HASHES.length !== 2 * STDLIB_MODULE_NAMES.length) return PySet.fromItems(STDLIB_MODULE_NAMES.slice(), true);
  const set = PySet.fromItems([], true);
  for (let i = 0; i < STDLIB_MODULE_NAMES.length; i++) set.addEntry(STDLIB_MODULE_NAMES[i], STDLIB_NAME_HASHES[2 * i], STDLIB_NAME_HASHES[2 * i + 1]);
  return set;
}

/** CPython 3.13's sys.stdlib_module_names (a frozenset there). */
export const STDLIB_MODULE_NAMES: readonly string[] = [
  "__future__", "_abc", "_aix_support", "_android_support", "_ast", "_asyncio", "_bisect",
  "_blake2", "_bz2", "_codecs", "_codecs_cn", "_codecs_hk", "_codecs_iso2022", "_codecs_jp",
  "_codecs_kr", "_codecs_tw", "_collections", "_collections_abc", "_colorize", "_compat_pickle",
  "_compression", "_contextvars", "_csv", "_ctypes", "_curses", "_curses_panel", "_datetime",
  "_dbm", "_decimal", "_elementtree", "_frozen_importlib", "_frozen_importlib_external",
  "_functools", "_gdbm", "_hashlib", "_heapq", "_imp", "_interpchannels", "_interpqueues",
  "_interpreters", "_io", "_ios_support", "_json", "_locale", "_lsprof", "_lzma", "_markupbase",
  "_md5", "_multibytecodec", "_multiprocessing", "_opcode", "_opcode_metadata", "_operator",
  "_osx_support", "_overlapped", "_pickle", "_posixshmem", "_posixsubprocess", "_py_abc",
  "_pydatetime", "_pydecimal", "_pyio", "_pylong", "_pyrepl", "_queue", "_random", "_scproxy",
  "_sha1", "_sha2", "_sha3", "_signal", "_sitebuiltins", "_socket", "_sqlite3", "_sre", "_ssl",
  "_stat", "_statistics", "_string", "_strptime", "_struct", "_suggestions", "_symtable",
  "_sysconfig", "_thread", "_threading_local", "_tkinter", "_tokenize", "_tracemalloc", "_typing",
  "_uuid", "_warnings", "_weakref", "_weakrefset", "_winapi", "_wmi", "_zoneinfo", "abc",
  "antigravity", "argparse", "array", "ast", "asyncio", "atexit", "base64", "bdb", "binascii",
  "bisect", "builtins", "bz2", "cProfile", "calendar", "cmath", "cmd", "code", "codecs", "codeop",
  "collections", "colorsys", "compileall", "concurrent", "configparser", "contextlib",
  "contextvars", "copy", "copyreg", "csv", "ctypes", "curses", "dataclasses", "datetime", "dbm",
  "decimal", "difflib", "dis", "doctest", "email", "encodings", "ensurepip", "enum", "errno",
  "faulthandler", "fcntl", "filecmp", "fileinput", "fnmatch", "fractions", "ftplib", "functools",
  "gc", "genericpath", "getopt", "getpass", "gettext", "glob", "graphlib", "grp", "gzip",
  "hashlib", "heapq", "hmac", "html", "http", "idlelib", "imaplib", "importlib", "inspect", "io",
  "ipaddress", "itertools", "json", "keyword", "linecache", "locale", "logging", "lzma", "mailbox",
  "marshal", "math", "mimetypes", "mmap", "modulefinder", "msvcrt", "multiprocessing", "netrc",
  "nt", "ntpath", "nturl2path", "numbers", "opcode", "operator", "optparse", "os", "pathlib",
  "pdb", "pickle", "pickletools", "pkgutil", "platform", "plistlib", "poplib", "posix",
  "posixpath", "pprint", "profile", "pstats", "pty", "pwd", "py_compile", "pyclbr", "pydoc",
  "pydoc_data", "pyexpat", "queue", "quopri", "random", "re", "readline", "reprlib", "resource",
  "rlcompleter", "runpy", "sched", "secrets", "select", "selectors", "shelve", "shlex", "shutil",
  "signal", "site", "smtplib", "socket", "socketserver", "sqlite3", "sre_compile", "sre_constants",
  "sre_parse", "ssl", "stat", "statistics", "string", "stringprep", "struct", "subprocess",
  "symtable", "sys", "sysconfig", "syslog", "tabnanny", "tarfile", "tempfile", "termios",
  "textwrap", "this", "threading", "time", "timeit", "tkinter", "token", "tokenize", "tomllib",
  "trace", "traceback", "tracemalloc", "tty", "turtle", "turtledemo", "types", "typing",
  "unicodedata", "unittest", "urllib", "uuid", "venv", "warnings", "wave", "weakref", "webbrowser",
  "winreg", "winsound", "wsgiref", "xml", "xmlrpc", "zipapp", "zipfile", "zipimport", "zlib",
  "zoneinfo",
];
