// Methods and attributes of the exception types (Objects/exceptions.c).
import { PyObj, PyType, KwNames, None, typeOf, PyObject, strType } from "./core.js";
import { PyDict } from "./dict.js";
import { defineMethod, defineGetSet } from "./descr.js";
import {
  PyBaseException, BaseException, StopIteration, KeyError, SystemExit, NameError, AttributeError,
  ImportError, OSError, SyntaxError, BaseExceptionGroup, ExceptionGroup, Exception, typeError,
  StopAsyncIteration, UnicodeDecodeError, UnicodeEncodeError, UnicodeTranslateError, FileNotFoundError,
  FileExistsError, PermissionError, IsADirectoryError, NotADirectoryError, valueError,
  BlockingIOError, ChildProcessError, stopIterationValue, exceptionTypes, excField, setExcField, newException, excFieldOrUnset, deleteExcField, BrokenPipeError, ConnectionAbortedError,
  ConnectionRefusedError, ConnectionResetError, InterruptedError, ProcessLookupError, TimeoutError,
} from "./exceptions.js";
import { repr, str, toArray, call, isTrue, getAttrOrNull, setAttr } from "./abstract.js";
import { newTuple, PyTuple, PyList } from "./sequence.js";
import { PyFunction } from "./function.js";
import { PyBytes, PyMemoryView } from "./misc.js";
import { installExceptionGroup } from "./exceptiongroup.js";
import { exceptionDocs } from "./exceptiondocs.js";

function E(o: PyObj): PyBaseException {
  return o as PyBaseException;
}
const attr = excField;
const setAttrDict = setExcField;

/** Positional arguments only (exception constructors reject most keywords). */
function posArgs(args: PyObj[], kw: KwNames): PyObj[] {
  const n = kw?.length ?? 0;
  return n === 0 ? args : args.slice(0, args.length - n);
}

/** Whether `a` holds exactly the first `n` items of `b`. */
function sameItems(a: readonly PyObj[], b: readonly PyObj[], n: number): boolean {
  if (a.length !== n) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * BaseException.args: one tuple per args array (e.args is e.args, as CPython's), sharing
 * the array (exception args arrays are replaced, never changed in place).
 */
function argsTuple(e: PyBaseException): PyTuple {
  const t = e.argsTuple;
  if (t !== null && t.items === e.args) return t;
  const made = newTuple(e.args);
  e.argsTuple = made;
  return made;
}

/**
 * repr(e.args) for 0 or 2+ arguments. Arguments that are all JS primitives (str, int,
 * float, bool) cannot lead back to the tuple: their repr is joined without making the
 * tuple and entering the tuple repr's recursion guard.
 */
function argsRepr(e: PyBaseException): string {
  const a = e.args;
  if (a.length === 0) return "()";
  for (let i = 0; i < a.length; i++) if (typeof a[i] === "object") return repr(argsTuple(e));
  let out = "(" + repr(a[0]);
  for (let i = 1; i < a.length; i++) out += ", " + repr(a[i]);
  return out + ")";
}

/** errno -> OSError subclass (Linux numbering, as CPython builds its errnomap). */
const errnoMap = new Map<number, PyType>([
  [11, BlockingIOError], [114, BlockingIOError], [115, BlockingIOError], [10, ChildProcessError],
  [32, BrokenPipeError], [108, BrokenPipeError], [103, ConnectionAbortedError], [111, ConnectionRefusedError],
  [104, ConnectionResetError], [17, FileExistsError], [2, FileNotFoundError], [21, IsADirectoryError],
  [20, NotADirectoryError], [4, InterruptedError], [13, PermissionError], [1, PermissionError],
  [3, ProcessLookupError], [110, TimeoutError],
]);

/** The OSError constructor arguments (oserror_parse_args): 2 to 5 positional ones. */
interface OSErrorArgs {
  errno: PyObj | null;
  strerror: PyObj | null;
  filename: PyObj | null;
  filename2: PyObj | null;
}
function parseOSErrorArgs(args: PyObj[]): OSErrorArgs {
  const n = args.length;
  if (n >= 2 && n <= 5) {
    return { errno: args[0], strerror: args[1], filename: n >= 3 ? args[2] : null, filename2: n >= 5 ? args[4] : null };
  }
  return { errno: null, strerror: null, filename: null, filename2: null };
}
/** oserror_init: fields from the parsed arguments; args loses filename(s) and winerror. */
function initOSError(e: PyBaseException, args: PyObj[], p: OSErrorArgs): void {
  e.args = args;
  if (p.filename !== null && p.filename !== None) {
    if (e.type === BlockingIOError && (typeof p.filename === "number" || typeof p.filename === "boolean")) {
      setExcField(e, "characters_written", Number(p.filename));
    } else {
      setExcField(e, "filename", p.filename);
      if (p.filename2 !== null && p.filename2 !== None) setExcField(e, "filename2", p.filename2);
      if (args.length >= 2 && args.length <= 5) e.args = args.slice(0, 2);
    }
  }
  if (p.errno !== null) setExcField(e, "errno", p.errno);
  if (p.strerror !== null) setExcField(e, "strerror", p.strerror);
}

export function installExceptionMethods(): void {
  BaseException.tp_new = (cls, args, kw) => {
    const e = cls.tp_alloc(cls) as PyBaseException;
    if (!(e instanceof PyBaseException)) throw typeError("bad exception layout");
    e.args = posArgs(args, kw).slice();
    // (No __dict__ yet: as CPython's, the generic setattr and the __dict__ getter make it
    // when first needed. Exceptions keep the generic tp_setattro, so compiled code's
    // attribute caches apply to them.)
    return e;
  };
  BaseException.tp_init = (self, args, kw) => {
    // (Whoever calls it: also BaseException.__init__(self, k=1) or super().__init__(k=1)
    // from a subclass's __init__, as CPython's BaseException_init.)
    if (kw !== null && kw.length > 0) {
      throw typeError(`${typeOf(self).name}() takes no keyword arguments`);
    }
    const e = E(self);
    const n = args.length - (kw?.length ?? 0);
    // The type call passes __init__ the arguments __new__ just recorded: keep that array
    // (exception args arrays are never changed in place) instead of copying it again.
    if (!sameItems(e.args, args, n)) e.args = args.slice(0, n);
  };
  BaseException.tp_str = (self) => {
    const a = E(self).args;
    if (a.length === 0) return "";
    if (a.length === 1) return str(a[0]);
    return argsRepr(E(self));
  };
  BaseException.tp_repr = (self) => {
    const a = E(self).args;
    const name = typeOf(self).name;
    if (a.length === 1) return `${name}(${repr(a[0])})`;
    return name + argsRepr(E(self));
  };
  defineGetSet(BaseException, "args", (e) => argsTuple(E(e)), (e, v) => {
    if (v === null) throw typeError("args may not be deleted");
    E(e).args = toArray(v);
  });
  defineGetSet(BaseException, "__traceback__", (e) => E(e).traceback ?? None, (e, v) => {
    if (v === null) throw typeError("__traceback__ may not be deleted");
    if (v !== None && v !== null && typeOf(v).name !== "traceback") throw typeError("__traceback__ must be a traceback or None");
    E(e).traceback = v === None || v === null ? null : (v as PyObject);
  });
  defineGetSet(BaseException, "__cause__", (e) => E(e).cause ?? None, (e, v) => {
    if (v === null) throw typeError("__cause__ may not be deleted");
    if (v !== null && v !== None && !(v instanceof PyBaseException)) throw typeError("exception cause must be None or derive from BaseException");
    E(e).cause = v === None ? null : v;
    E(e).suppressContext = true;
  });
  defineGetSet(BaseException, "__context__", (e) => E(e).context ?? None, (e, v) => {
    if (v === null) throw typeError("__context__ may not be deleted");
    if (v !== null && v !== None && !(v instanceof PyBaseException)) throw typeError("exception context must be None or derive from BaseException");
    E(e).context = v === None ? null : v;
  });
  defineGetSet(BaseException, "__suppress_context__", (e) => E(e).suppressContext, (e, v) => {
    E(e).suppressContext = v !== null && isTrue(v);
  });
  defineGetSet(BaseException, "__dict__", (e) => {
    const x = E(e);
    if (x.dict === null) x.dict = new PyDict();
    return x.dict;
  });
  // __setstate__(state): the dict's items become attributes (pickle's counterpart of __reduce__).
  defineMethod(BaseException, "__setstate__", (e, args) => {
    const state = args[0];
    if (state !== None) {
      if (!(state instanceof PyDict)) throw typeError("state is not a dictionary");
      for (const k of state.keys()) setAttr(e, k as string, state.get(k)!);
    }
    return None;
  });
  defineMethod(BaseException, "with_traceback", (e, args) => {
    const tb = args[0];
    if (tb !== None && typeOf(tb).name !== "traceback") throw typeError("__traceback__ must be a traceback or None");
    E(e).traceback = tb === None ? null : (tb as PyObject);
    return e;
  });
  defineMethod(BaseException, "add_note", (e, args, kw) => {
    if (args.length !== 1 || (kw !== null && kw.length > 0)) {
      throw typeError(`BaseException.add_note() takes exactly one argument (${args.length} given)`);
    }
    const note = args[0];
    if (typeof note !== "string" && !typeOf(note).isSubtypeOf(strType)) throw typeError(`note must be a str, not '${typeOf(note).name}'`);
    const x = E(e);
    let notes = getAttrOrNull(x, "__notes__");
    if (notes === null) {
      notes = new PyList([]);
      setAttr(x, "__notes__", notes);
    }
    if (!(notes instanceof PyList)) throw typeError("Cannot add note: __notes__ is not a list");
    notes.items.push(note);
    return None;
  });
  defineMethod(BaseException, "__reduce__", (e) => {
    const d = E(e).dict;
    const args = argsTuple(E(e));
    return d !== null && d.size > 0 ? newTuple([typeOf(e), args, d]) : newTuple([typeOf(e), args]);
  });

  // StopIteration.value
  defineGetSet(StopIteration, "value", (e) => stopIterationValue(E(e)), (e, v) => {
    setAttrDict(E(e), "value", v ?? None);
  });
  void StopAsyncIteration;
  // KeyError: str is the repr of a single argument.
  KeyError.tp_str = (e) => {
    const a = E(e).args;
    if (a.length === 1) return repr(a[0]);
    return BaseException.tp_str!(e);
  };
  // SystemExit.code
  defineGetSet(SystemExit, "code", (e) => {
    const a = E(e).args;
    return a.length === 0 ? None : a.length === 1 ? a[0] : argsTuple(E(e));
  });
  // NameError.name, AttributeError.name/obj
  const nameInit = (t: PyType, names: string[]) => {
    const base = BaseException.tp_init!;
    t.tp_init = (self, args, kw) => {
      const npos = args.length - (kw?.length ?? 0);
      base(self, args.slice(0, npos), null);
      // (Every keyword field is (re)set: one not given becomes None again.)
      for (const n of names) setAttrDict(E(self), n, None);
      if (kw !== null) {
        for (let i = 0; i < kw.length; i++) {
          if (!names.includes(kw[i])) throw typeError(`${t.name}() got an unexpected keyword argument '${kw[i]}'`);
          setAttrDict(E(self), kw[i], args[npos + i]);
        }
      }
    };
    for (const n of names) {
      defineGetSet(t, n, (e) => attr(E(e), n), (e, v) => setAttrDict(E(e), n, v ?? None));
    }
  };
  nameInit(NameError, ["name"]);
  nameInit(AttributeError, ["name", "obj"]);
  nameInit(ImportError, ["name", "path", "name_from"]);
  // AttributeError pickles its name (never obj, often unpicklable: GH-103352) and args in
  // the state, after the instance dict's items (AttributeError_getstate/_reduce).
  const attributeErrorState = (self: PyObj): PyObj => {
    const e = E(self);
    const state = new PyDict();
    if (e.dict !== null) for (const k of e.dict.keys()) state.set(k, e.dict.get(k)!);
    const name = attr(e, "name");
    if (name !== None) state.setStr("name", name);
    state.setStr("args", argsTuple(e));
    return state;
  };
  defineMethod(AttributeError, "__getstate__", (self) => attributeErrorState(self));
  defineMethod(AttributeError, "__reduce__", (self) => newTuple([typeOf(self), argsTuple(E(self)), attributeErrorState(self)]));
  // ImportError.msg: the single positional argument (a writable field); str() prefers it.
  const importInit = ImportError.tp_init!;
  ImportError.tp_init = (self, args, kw) => {
    importInit(self, args, kw);
    const npos = args.length - (kw?.length ?? 0);
    setExcField(E(self), "msg", npos === 1 ? args[0] : None);
  };
  defineGetSet(ImportError, "msg", (e) => attr(E(e), "msg"), (e, v) => setAttrDict(E(e), "msg", v ?? None));
  ImportError.tp_str = (e) => {
    const msg = attr(E(e), "msg");
    return typeof msg === "string" ? msg : BaseException.tp_str!(e);
  };
  defineMethod(ImportError, "__reduce__", (self) => {
    const e = E(self);
    const state = new PyDict();
    for (const n of ["name", "path", "name_from"]) {
      const v = attr(e, n);
      if (v !== None) state.setStr(n, v);
    }
    if (e.dict !== null) for (const k of e.dict.keys()) state.set(k, e.dict.get(k)!);
    const args = argsTuple(e);
    return state.size > 0 ? newTuple([typeOf(e), args, state]) : newTuple([typeOf(e), args]);
  });
  // OSError
  // OSError: __new__ parses the arguments unless a subclass defines its own __init__
  // (oserror_use_init); OSError(errno, ...) itself becomes the subclass errno names.
  const baseNew = BaseException.tp_new!;
  const osUseInit = (t: PyType) => t.tp_init !== osInit && t.tp_new === osNew;
  const osNew = (cls: PyType, args: PyObj[], kw: KwNames): PyObj => {
    let type = cls;
    let parsed: OSErrorArgs | null = null;
    if (!osUseInit(cls)) {
      if (kw !== null && kw.length > 0) throw typeError(`${cls.name}() takes no keyword arguments`);
      parsed = parseOSErrorArgs(args);
      if (cls === OSError && typeof parsed.errno === "number") type = errnoMap.get(parsed.errno) ?? cls;
    }
    const e = baseNew(type, [], null) as PyBaseException;
    if (parsed !== null) initOSError(e, args.slice(), parsed);
    return e;
  };
  const osInit = (self: PyObj, args: PyObj[], kw: KwNames): void => {
    if (!osUseInit(typeOf(self))) return;
    if (kw !== null && kw.length > 0) throw typeError(`${typeOf(self).name}() takes no keyword arguments`);
    initOSError(E(self), args.slice(), parseOSErrorArgs(args));
  };
  OSError.tp_new = osNew;
  OSError.tp_init = osInit;
  for (const n of ["errno", "strerror", "filename", "filename2"]) {
    defineGetSet(OSError, n, (e) => attr(E(e), n), (e, v) => setAttrDict(E(e), n, v ?? None));
  }
  defineGetSet(OSError, "characters_written", (e) => {
    const w = excFieldOrUnset(E(e), "characters_written");
    if (w === undefined) throw newException(AttributeError, "characters_written");
    return w;
  }, (e, v) => {
    const x = E(e);
    if (v === null) {
      if (!deleteExcField(x, "characters_written")) throw newException(AttributeError, "characters_written");
      return;
    }
    if (typeof v !== "number" && typeof v !== "boolean") throw typeError(`'${typeOf(v).name}' object cannot be interpreted as an integer`);
    setExcField(x, "characters_written", Number(v));
  });
  // OSError_reduce: the filename(s) go back into the arguments.
  defineMethod(OSError, "__reduce__", (self) => {
    const e = E(self);
    let args: PyObj[] = e.args;
    const filename = excFieldOrUnset(e, "filename");
    if (args.length === 2 && filename !== undefined) {
      const filename2 = excFieldOrUnset(e, "filename2");
      args = filename2 !== undefined ? [args[0], args[1], filename, None, filename2] : [args[0], args[1], filename];
    }
    const d = e.dict;
    const t = newTuple(args.slice());
    return d !== null && d.size > 0 ? newTuple([typeOf(e), t, d]) : newTuple([typeOf(e), t]);
  });
  OSError.tp_str = (self) => {
    const e = E(self);
    const filename = excFieldOrUnset(e, "filename");
    const filename2 = excFieldOrUnset(e, "filename2");
    const errno = excFieldOrUnset(e, "errno");
    const strerror = excFieldOrUnset(e, "strerror");
    if (filename !== undefined) {
      if (filename2 !== undefined) return `[Errno ${str(errno ?? None)}] ${str(strerror ?? None)}: ${repr(filename)} -> ${repr(filename2)}`;
      return `[Errno ${str(errno ?? None)}] ${str(strerror ?? None)}: ${repr(filename)}`;
    }
    // (CPython tests the fields for NULL: a None errno still formats.)
    if (errno !== undefined && strerror !== undefined) return `[Errno ${str(errno)}] ${str(strerror)}`;
    return BaseException.tp_str!(self);
  };
  // SyntaxError
  // SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset])).
  SyntaxError.tp_init = (self, args, kw) => {
    if (kw !== null && kw.length > 0) throw typeError(`${typeOf(self).name}() takes no keyword arguments`);
    const e = E(self);
    e.args = args.slice();
    if (args.length >= 1) setExcField(e, "msg", args[0]);
    if (args.length === 2) {
      const info = toArray(args[1]);
      if (info.length < 4) throw typeError(`function takes at least 4 arguments (${info.length} given)`);
      if (info.length > 6) throw typeError(`function takes at most 6 arguments (${info.length} given)`);
      const names = ["filename", "lineno", "offset", "text", "end_lineno", "end_offset"];
      for (let i = 0; i < names.length; i++) setExcField(e, names[i], info[i] ?? None);
      if (info.length === 5) throw typeError("end_offset must be provided when end_lineno is provided");
    }
  };
  for (const n of ["filename", "lineno", "offset", "text", "end_lineno", "end_offset", "print_file_and_line"]) {
    defineGetSet(SyntaxError, n, (e) => attr(E(e), n), (e, v) => setAttrDict(E(e), n, v ?? None));
  }
  defineGetSet(SyntaxError, "msg", (e) => attr(E(e), "msg"), (e, v) => setAttrDict(E(e), "msg", v ?? None));
  SyntaxError.tp_str = (e) => {
    const x = E(e);
    const msg = str(attr(x, "msg"));
    const fn = attr(x, "filename"), ln = attr(x, "lineno");
    const base = typeof fn === "string" ? fn.split("/").pop()! : null;
    if (base !== null && typeof ln === "number") return `${msg} (${base}, line ${ln})`;
    if (base !== null) return `${msg} (${base})`;
    if (typeof ln === "number") return `${msg} (line ${ln})`;
    return msg;
  };
  // Unicode errors (UnicodeEncodeError/DecodeError/TranslateError_init and _str).
  const unicodeArgs = (args: PyObj[], kw: KwNames, spec: string): PyObj[] => {
    const pos = posArgs(args, kw);
    if (kw !== null && kw.length > 0) throw typeError(`${"function"} takes no keyword arguments`);
    if (pos.length !== spec.length) throw typeError(`function takes exactly ${spec.length} arguments (${pos.length} given)`);
    return pos.map((v, i) => {
      if (spec[i] === "U" && typeof v !== "string" && !typeOf(v).isSubtypeOf(strType)) {
        throw typeError(`argument ${i + 1} must be str, not ${typeOf(v).name}`);
      }
      if (spec[i] === "n") {
        if (typeof v === "boolean") return Number(v);
        if (typeof v !== "number") throw typeError(`'${typeOf(v).name}' object cannot be interpreted as an integer`);
      }
      return v;
    });
  };
  UnicodeEncodeError.tp_init = (self, args, kw) => {
    const e = E(self);
    e.args = posArgs(args, kw).slice();
    const [enc, obj, start, end, reason] = unicodeArgs(args, kw, "UUnnU");
    for (const [n, v] of [["encoding", enc], ["object", obj], ["start", start], ["end", end], ["reason", reason]] as const) setExcField(e, n, v);
  };
  UnicodeDecodeError.tp_init = (self, args, kw) => {
    const e = E(self);
    e.args = posArgs(args, kw).slice();
    const [enc, obj, start, end, reason] = unicodeArgs(args, kw, "UOnnU");
    // The object is kept as bytes (a copy of any bytes-like object).
    let data: Uint8Array;
    if (obj instanceof PyBytes) data = obj.bytes.slice();
    else if (obj instanceof PyMemoryView) data = obj.view.slice();
    else throw typeError(`a bytes-like object is required, not '${typeOf(obj).name}'`);
    for (const [n, v] of [["encoding", enc], ["object", new PyBytes(data)], ["start", start], ["end", end], ["reason", reason]] as const) setExcField(e, n, v);
  };
  UnicodeTranslateError.tp_init = (self, args, kw) => {
    const e = E(self);
    e.args = posArgs(args, kw).slice();
    const [obj, start, end, reason] = unicodeArgs(args, kw, "UnnU");
    for (const [n, v] of [["object", obj], ["start", start], ["end", end], ["reason", reason]] as const) setExcField(e, n, v);
  };
  for (const t of [UnicodeDecodeError, UnicodeEncodeError, UnicodeTranslateError]) {
    for (const n of ["encoding", "object", "start", "end", "reason"]) {
      defineGetSet(t, n, (e) => attr(E(e), n), (e, v) => setAttrDict(E(e), n, v ?? None));
    }
  }
  const escapeChar = (cp: number): string =>
    cp <= 0xff ? `\\x${cp.toString(16).padStart(2, "0")}` : cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, "0")}` : `\\U${cp.toString(16).padStart(8, "0")}`;
  const unicodeStr = (self: PyObj, kind: "encode" | "decode" | "translate"): string => {
    const e = E(self);
    const obj = excFieldOrUnset(e, "object");
    if (obj === undefined) return "";
    const reason = str(attr(e, "reason"));
    const start = attr(e, "start") as number, end = attr(e, "end") as number;
    const prefix = kind === "translate" ? "can't translate" : `'${str(attr(e, "encoding"))}' codec can't ${kind}`;
    if (kind === "decode") {
      const bytes = (obj as PyBytes).bytes;
      if (start < bytes.length && end === start + 1) {
        return `${prefix} byte 0x${bytes[start].toString(16).padStart(2, "0")} in position ${start}: ${reason}`;
      }
      return `${prefix} bytes in position ${start}-${end - 1}: ${reason}`;
    }
    const chars = Array.from(typeof obj === "string" ? obj : str(obj));
    if (start < chars.length && end === start + 1) {
      return `${prefix} character '${escapeChar(chars[start].codePointAt(0)!)}' in position ${start}: ${reason}`;
    }
    return `${prefix} characters in position ${start}-${end - 1}: ${reason}`;
  };
  UnicodeEncodeError.tp_str = (self) => unicodeStr(self, "encode");
  UnicodeDecodeError.tp_str = (self) => unicodeStr(self, "decode");
  UnicodeTranslateError.tp_str = (self) => unicodeStr(self, "translate");

  installExceptionGroup();
  for (const t of exceptionTypes) {
    const doc = exceptionDocs[t.name];
    if (doc !== undefined) t.dict.setStr("__doc__", doc ?? None);
  }
}

function getBound(obj: PyBaseException, name: string): PyObj {
  const m = obj.type.lookup(name)!;
  const g = typeOf(m).tp_descr_get;
  return g === null ? m : g(m, obj, obj.type);
}

