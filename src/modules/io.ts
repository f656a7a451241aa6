// open() and file objects: the common part of _io (text and binary files on the host file
// system, read/write/readline/iteration/seek/tell/close, context manager). Text files are
// UTF-8 with universal newlines on read. The full _io module comes with the stdlib work.
import * as fs from "node:fs";
import {
  PyObject, PyObj, KwNames, None, typeOf, makeBuiltinType, objectType,
} from "../objects/core.js";
import { defineMethod, defineGetSet, PyBuiltinFunction } from "../objects/descr.js";
import { PyBaseException, OSError, typeError, valueError, newException } from "../objects/exceptions.js";
import { asStringValue, index, isTrue, toArray, call, repr } from "../objects/abstract.js";
import { PyList } from "../objects/sequence.js";
import { PyBytes } from "../objects/misc.js";

export const fileType = makeBuiltinType("TextIOWrapper", objectType, 0);
export const binaryFileType = makeBuiltinType("BufferedReader", objectType, 0);

const ERRNO: Record<string, [number, string]> = {
  ENOENT: [2, "No such file or directory"],
  EACCES: [13, "Permission denied"],
  EPERM: [1, "Operation not permitted"],
  EEXIST: [17, "File exists"],
  EISDIR: [21, "Is a directory"],
  ENOTDIR: [20, "Not a directory"],
  EBADF: [9, "Bad file descriptor"],
  EINVAL: [22, "Invalid argument"],
};

/** A host error as the OSError subclass CPython raises (errno picks the subclass). */
export function hostOSError(e: unknown, filename: PyObj): PyBaseException {
  const code = (e as NodeJS.ErrnoException)?.code ?? "";
  const [errno, text] = ERRNO[code] ?? [Math.abs((e as NodeJS.ErrnoException)?.errno ?? 5), String((e as Error)?.message ?? "I/O error")];
  return call(OSError, [errno, text, filename]) as PyBaseException;
}

export class PyFile extends PyObject {
  declare fd: number;
  declare readonly nameObj: PyObj;
  declare readonly mode: string;
  declare readonly binary: boolean;
  declare readonly readable: boolean;
  declare readonly writable: boolean;
  declare closed: boolean;
  /** Read side: the whole remaining content is loaded lazily; position in it. */
  declare data: Buffer | null;
  declare pos: number;
  declare pending: string;
  constructor(fd: number, name: PyObj, mode: string, binary: boolean, readable: boolean, writable: boolean) {
    super(binary ? binaryFileType : fileType);
    this.fd = fd;
    this.nameObj = name;
    this.mode = mode;
    this.binary = binary;
    this.readable = readable;
    this.writable = writable;
    this.closed = false;
    this.data = null;
    this.pos = 0;
    this.pending = "";
  }
  load(): Buffer {
    if (this.data === null) {
      const chunks: Buffer[] = [];
      const buf = Buffer.alloc(65536);
      for (;;) {
        const n = fs.readSync(this.fd, buf, 0, buf.length, null);
        if (n <= 0) break;
        chunks.push(Buffer.from(buf.subarray(0, n)));
      }
      this.data = Buffer.concat(chunks);
      this.pos = 0;
    }
    return this.data;
  }
  check(): void {
    if (this.closed) throw valueError("I/O operation on closed file.");
  }
  readText(n: number): string {
    const data = this.load();
    let text = data.subarray(this.pos).toString("utf8").replace(/\r\n?/g, "\n");
    if (n >= 0) {
      const cps = Array.from(text).slice(0, n).join("");
      this.pos += Buffer.byteLength(cps.replace(/\n/g, "\n"), "utf8");
      return cps;
    }
    this.pos = data.length;
    return text;
  }
  readLine(): string {
    const data = this.load();
    if (this.pos >= data.length) return "";
    let end = data.indexOf(10, this.pos);
    const cr = data.indexOf(13, this.pos);
    if (cr >= 0 && (end < 0 || cr < end)) end = cr + (data[cr + 1] === 10 ? 1 : 0);
    const stop = end < 0 ? data.length : end + 1;
    const line = data.subarray(this.pos, stop);
    this.pos = stop;
    return this.binary ? line.toString("latin1") : line.toString("utf8").replace(/\r\n?$/, "\n");
  }
  write(text: string | Uint8Array): number {
    const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : Buffer.from(text);
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(this.fd, bytes, off, bytes.length - off);
    return typeof text === "string" ? Array.from(text).length : bytes.length;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

function openFile(args: PyObj[], kw: KwNames): PyObj {
  const npos = args.length - (kw?.length ?? 0);
  let file: PyObj = npos > 0 ? args[0] : None;
  let mode: PyObj = npos > 1 ? args[1] : "r";
  if (kw !== null) {
    for (let i = 0; i < kw.length; i++) {
      const v = args[npos + i];
      if (kw[i] === "file") file = v;
      else if (kw[i] === "mode") mode = v;
      else if (!["buffering", "encoding", "errors", "newline", "closefd", "opener"].includes(kw[i])) {
        throw typeError(`'${kw[i]}' is an invalid keyword argument for open()`);
      }
    }
  }
  const modeStr = asStringValue(mode);
  if (modeStr === null) throw typeError(`open() argument 'mode' must be str, not ${typeOf(mode).name}`);
  if (!/^[rwxabt+]*$/.test(modeStr) || (modeStr.match(/[rwxa]/g) ?? []).length !== 1) {
    throw valueError(`invalid mode: '${modeStr}'`);
  }
  const binary = modeStr.includes("b");
  const plus = modeStr.includes("+");
  const kind = modeStr.match(/[rwxa]/)![0];
  const flags = { r: plus ? "r+" : "r", w: plus ? "w+" : "w", x: plus ? "wx+" : "wx", a: plus ? "a+" : "a" }[kind]!;
  let fd: number;
  if (typeof file === "number") fd = file;
  else {
    const path = asStringValue(file) ?? (file instanceof PyBytes ? Buffer.from(file.bytes).toString("utf8") : null);
    if (path === null) throw typeError(`expected str, bytes or os.PathLike object, not ${typeOf(file).name}`);
    try {
      fd = fs.openSync(path, flags);
      if (fs.fstatSync(fd).isDirectory()) {
        fs.closeSync(fd);
        throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      }
    } catch (e) {
      throw hostOSError(e, file);
    }
  }
  return new PyFile(fd, file, modeStr, binary, kind === "r" || plus, kind !== "r" || plus);
}

export function makeOpenFunction(): PyBuiltinFunction {
  return new PyBuiltinFunction("open", openFile, null, "open", "io");
}

let fileTypesInstalled = false;

export function installFileTypes(): void {
  if (fileTypesInstalled) return;
  fileTypesInstalled = true;
  for (const t of [fileType, binaryFileType]) {
    const F = (o: PyObj) => o as PyFile;
    defineMethod(t, "read", (f, args) => {
      const file = F(f);
      file.check();
      const n = args.length > 0 && args[0] !== None ? Number(index(args[0])) : -1;
      if (file.binary) {
        const all = file.load();
        const end = n < 0 ? all.length : Math.min(all.length, file.pos + n);
        const out = all.subarray(file.pos, end);
        file.pos = end;
        return new PyBytes(new Uint8Array(out));
      }
      return file.readText(n);
    });
    defineMethod(t, "readline", (f) => {
      F(f).check();
      const line = F(f).readLine();
      return F(f).binary ? new PyBytes(Uint8Array.from(Buffer.from(line, "latin1"))) : line;
    });
    defineMethod(t, "readlines", (f) => {
      F(f).check();
      const out: PyObj[] = [];
      for (let l = F(f).readLine(); l !== ""; l = F(f).readLine()) out.push(F(f).binary ? new PyBytes(Uint8Array.from(Buffer.from(l, "latin1"))) : l);
      return new PyList(out);
    });
    defineMethod(t, "write", (f, args) => {
      const file = F(f);
      file.check();
      const v = args[0];
      if (file.binary) {
        if (!(v instanceof PyBytes)) throw typeError(`a bytes-like object is required, not '${typeOf(v).name}'`);
        return file.write(v.bytes);
      }
      const s = asStringValue(v);
      if (s === null) throw typeError(`write() argument must be str, not ${typeOf(v).name}`);
      return file.write(s);
    });
    defineMethod(t, "writelines", (f, args) => {
      for (const line of toArray(args[0])) {
        const s = asStringValue(line);
        F(f).write(s ?? (line as PyBytes).bytes);
      }
      return None;
    });
    defineMethod(t, "close", (f) => {
      F(f).close();
      return None;
    });
    defineMethod(t, "flush", (f) => {
      F(f).check();
      return None;
    });
    defineMethod(t, "fileno", (f) => F(f).fd);
    defineMethod(t, "readable", (f) => F(f).readable);
    defineMethod(t, "writable", (f) => F(f).writable);
    defineMethod(t, "seekable", () => true);
    defineMethod(t, "isatty", () => false);
    defineMethod(t, "tell", (f) => F(f).pos);
    defineMethod(t, "seek", (f, args) => {
      const file = F(f);
      file.pos = Number(index(args[0]));
      return file.pos;
    });
    defineMethod(t, "__enter__", (f) => {
      F(f).check();
      return f;
    });
    defineMethod(t, "__exit__", (f) => {
      F(f).close();
      return None;
    });
    t.tp_iter = (f) => {
      F(f).check();
      return f;
    };
    t.tp_iternext = (f) => {
      F(f).check();
      const l = F(f).readLine();
      if (l === "") return null;
      return F(f).binary ? new PyBytes(Uint8Array.from(Buffer.from(l, "latin1"))) : l;
    };
    defineGetSet(t, "closed", (f) => F(f).closed);
    defineGetSet(t, "name", (f) => F(f).nameObj);
    defineGetSet(t, "mode", (f) => F(f).mode);
    defineGetSet(t, "encoding", () => "UTF-8");
    t.tp_repr = (f) => `<_io.${t.name} name=${repr(F(f).nameObj)} mode='${F(f).mode}'${F(f).binary ? "" : " encoding='UTF-8'"}>`;
  }
  void isTrue;
  void newException;
}
