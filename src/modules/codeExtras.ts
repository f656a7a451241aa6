// Code-object and method-object methods the stdlib needs that the object layer does not
// define yet: code.co_lines(), co_positions(), replace(), co_exceptiontable, co_linetable,
// and types.MethodType(func, obj). Installed once at start-up (only where missing).
import { CodeObject, CodeObjectFields } from "../bytecode/code.js";
import { codeLines, codePositions } from "../bytecode/lineTable.js";
import { PyObj, PyType, None, typeOf, floatType } from "../objects/core.js";
import {
  defineMethod, defineGetSet, defineClassMethod, getsetDescrType, methodDescrType, wrapperDescrType, classMethodDescrType,
} from "../objects/descr.js";
import { PyCode, PyMethod, PyFunction, codeType, methodType, codeFor } from "../objects/function.js";
import { typeError, valueError } from "../objects/exceptions.js";
import { PyDict } from "../objects/dict.js";
import { memoryviewType, PyMemoryView } from "../objects/bytes.js";
import { indexAsNumber, toArray, getIter, call } from "../objects/abstract.js";
import { PyList, newTuple } from "../objects/sequence.js";
import { PyBytes } from "../objects/bytes.js";
import { finishNativeType, memberDescrType } from "../objects/typeobject.js";
import { toMarshal } from "./marshal.js";

let methodNewInstalled = false;
let castView: PyObj | null = null;

/** The result of memoryview.cast: a read-only sequence of the items (len, [], tolist, itemsize). */
function castViewClass(): PyObj {
  if (castView === null) {
    const ns = new PyDict();
    ns.setStr("__name__", "memoryview");
    runSource("class memoryview:\n    def __init__(self, items, itemsize, format):\n        self._items = items\n        self.itemsize = itemsize\n        self.format = format\n    def __len__(self):\n        return len(self._items)\n    def __getitem__(self, i):\n        return self._items[i]\n    def __iter__(self):\n        return iter(self._items)\n    def tolist(self):\n        return list(self._items)\n    def __enter__(self):\n        return self\n    def __exit__(self, *a):\n        pass\n    def release(self):\n        pass\n", ns);
    castView = ns.getStr("memoryview")!;
  }
  return castView;
}
const orNone = (n: number): PyObj => (n < 0 ? None : n);

let runSource: (source: string, ns: PyDict) => void = () => {};

export function installCodeExtras(run: (source: string, ns: PyDict) => void): void {
  runSource = run;
  const C = (o: PyObj) => (o as PyCode).co;
  if (codeType.dict.getStr("co_lines") === undefined) {
    defineMethod(codeType, "co_lines", (o) => getIter(new PyList(codeLines(C(o)).map(([a, b, l]) => newTuple([a, b, orNone(l)])))));
  }
  if (codeType.dict.getStr("co_positions") === undefined) {
    defineMethod(codeType, "co_positions", (o) => getIter(new PyList(codePositions(C(o)).map((p) => newTuple([orNone(p.lineno), orNone(p.endLineno), orNone(p.col), orNone(p.endCol)])))));
  }
  if (codeType.dict.getStr("co_linetable") === undefined) defineGetSet(codeType, "co_linetable", (o) => new PyBytes(C(o).co_linetable));
  if (codeType.dict.getStr("co_exceptiontable") === undefined) defineGetSet(codeType, "co_exceptiontable", (o) => new PyBytes(C(o).co_exceptiontable));
  if (codeType.dict.getStr("co_lnotab") === undefined) defineGetSet(codeType, "co_lnotab", () => new PyBytes(new Uint8Array(0)));
  if (codeType.dict.getStr("replace") === undefined) {
    defineMethod(codeType, "replace", (o, args, kw) => {
      if (args.length !== (kw?.length ?? 0)) throw typeError("replace() takes no positional arguments");
      const co = C(o);
      const f: CodeObjectFields = { ...co };
      const strs = (v: PyObj) => toArray(v).map((x) => String(x));
      for (let i = 0; i < (kw?.length ?? 0); i++) {
        const v = args[i];
        const name = kw![i];
        switch (name) {
          case "co_argcount": f.co_argcount = indexAsNumber(v); break;
          case "co_posonlyargcount": f.co_posonlyargcount = indexAsNumber(v); break;
          case "co_kwonlyargcount": f.co_kwonlyargcount = indexAsNumber(v); break;
          case "co_stacksize": f.co_stacksize = indexAsNumber(v); break;
          case "co_flags": f.co_flags = indexAsNumber(v); break;
          case "co_firstlineno": f.co_firstlineno = indexAsNumber(v); break;
          case "co_name": f.co_name = String(v); break;
          case "co_qualname": f.co_qualname = String(v); break;
          case "co_filename": f.co_filename = String(v); break;
          case "co_names": f.co_names = strs(v); break;
          case "co_consts": f.co_consts = toArray(v).map(toMarshal); break;
          case "co_code": f.co_code = (v as PyBytes).bytes.slice(); break;
          case "co_linetable": f.co_linetable = (v as PyBytes).bytes.slice(); break;
          case "co_exceptiontable": f.co_exceptiontable = (v as PyBytes).bytes.slice(); break;
          case "co_varnames": case "co_cellvars": case "co_freevars": case "co_nlocals": break;
          default: throw typeError(`replace() got an unexpected keyword argument '${name}'`);
        }
      }
      return codeFor(new CodeObject(f));
    });
  }
  if (codeType.dict.getStr("_varname_from_oparg") === undefined) {
    defineMethod(codeType, "_varname_from_oparg", (o, args) => {
      const names = C(o).co_localsplusnames;
      const i = indexAsNumber(args[0]);
      if (i < 0 || i >= names.length) throw typeError("oparg out of range");
      return names[i];
    });
  }
  // memoryview.cast('I') for re._compiler's big charsets (unsigned 32-bit little-endian items).
  if (memoryviewType.dict.getStr("cast") === undefined) {
    defineMethod(memoryviewType, "cast", (o, args) => {
      const fmt = String(args[0]);
      const view = (o as PyMemoryView).view;
      // To unsigned bytes (the only format of TSPython's memoryview): a real, writable view
      // of the same memory (_pyio's readinto writes through one).
      if (fmt === "B" || fmt === "@B") return new PyMemoryView((o as PyMemoryView).obj, view, (o as PyMemoryView).readonly);
      const size = fmt === "I" || fmt === "i" || fmt === "L" || fmt === "l" || fmt === "f" ? 4 : fmt === "H" || fmt === "h" ? 2 : fmt === "Q" || fmt === "q" || fmt === "d" ? 8 : fmt === "B" || fmt === "b" || fmt === "c" ? 1 : 0;
      if (size === 0) throw valueError("memoryview: destination format must be a native single character format prefixed with an optional '@'");
      if (view.length % size !== 0) throw typeError("memoryview: length is not a multiple of itemsize");
      const dv = new DataView(view.buffer, view.byteOffset, view.byteLength);
      const items: PyObj[] = [];
      for (let i = 0; i < view.length; i += size) {
        switch (fmt) {
          case "I": case "L": items.push(dv.getUint32(i, true)); break;
          case "i": case "l": items.push(dv.getInt32(i, true)); break;
          case "H": items.push(dv.getUint16(i, true)); break;
          case "h": items.push(dv.getInt16(i, true)); break;
          case "B": items.push(view[i]); break;
          case "b": items.push(dv.getInt8(i)); break;
          default: items.push(Number(dv.getBigUint64(i, true)));
        }
      }
      return call(castViewClass(), [new PyList(items), size, fmt]);
    });
  }
  // __name__ / __qualname__ / __objclass__ of descriptors (inspect.getattr_static, pydoc).
  for (const t of [getsetDescrType, methodDescrType, wrapperDescrType, classMethodDescrType, memberDescrType]) {
    if (t.dict.getStr("__name__") !== undefined) continue;
    const D = (o: PyObj) => o as unknown as { name: string; owner: PyType };
    defineGetSet(t, "__name__", (o) => D(o).name);
    defineGetSet(t, "__qualname__", (o) => `${D(o).owner.qualname}.${D(o).name}`);
    defineGetSet(t, "__objclass__", (o) => D(o).owner);
    if (t.dict.getStr("__doc__") === undefined) defineGetSet(t, "__doc__", () => None);
  }
  if (floatType.dict.getStr("__getformat__") === undefined) {
    defineClassMethod(floatType, "__getformat__", (_cls, args) => {
      const what = args[0];
      if (what !== "double" && what !== "float") throw valueError("__getformat__() argument 1 must be 'double' or 'float'");
      return "IEEE, little-endian";
    });
  }
  if (!methodNewInstalled) {
    methodNewInstalled = true;
    methodType.tp_new = (_cls, args) => {
      if (args.length !== 2) throw typeError(`method expected 2 arguments, got ${args.length}`);
      if (!(args[0] instanceof PyFunction) && typeOf(args[0]).tp_call === null && typeOf(args[0]).lookup("__call__") === null) {
        throw typeError("first argument must be callable");
      }
      if (args[1] === None) throw typeError("instance must not be None");
      return new PyMethod(args[0], args[1]);
    };
    finishNativeType(methodType);
  }
}
