// Code-object and method-object methods the stdlib needs that the object layer does not
// define yet: code.co_lines(), co_positions(), replace(), co_exceptiontable, co_linetable,
// and types.MethodType(func, obj). Installed once at start-up (only where missing).
import { CodeObject, CodeObjectFields } from "../bytecode/code.js";
import { codeLines, codePositions } from "../bytecode/lineTable.js";
import { PyObj, PyType, None, typeOf, floatType, TypeFlag } from "../objects/core.js";
import {
  defineMethod, defineGetSet, defineClassMethod, docOf, textSignatureOf, getsetDescrType, methodDescrType, wrapperDescrType, classMethodDescrType,
} from "../objects/descr.js";
import { PyCode, PyMethod, PyFunction, codeType, methodType, codeFor } from "../objects/function.js";
import { typeError, valueError } from "../objects/exceptions.js";
import { PyDict } from "../objects/dict.js";
import { memoryviewType, PyMemoryView } from "../objects/bytes.js";
import { indexAsNumber, toArray, getIter, call, getAttr } from "../objects/abstract.js";
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

/** CPython 3.13's (64-bit) tp_basicsize / tp_itemsize of the builtin types introspection asks about. */
const BUILTIN_SIZES: Record<string, [number, number]> = {
  object: [16, 0], int: [24, 4], bool: [24, 4], float: [24, 0], complex: [32, 0], str: [64, 0],
  bytes: [33, 1], bytearray: [56, 0], tuple: [24, 8], list: [40, 0], dict: [48, 0], set: [200, 0],
  frozenset: [200, 0], type: [928, 40], range: [48, 0], slice: [40, 0], memoryview: [144, 8],
  BaseException: [72, 0],
};

/** The builtin types whose instances match a class pattern's one positional sub-pattern themselves. */
const MATCH_SELF_NAMES = new Set(["bool", "bytearray", "bytes", "dict", "float", "frozenset", "int", "list", "set", "str", "tuple"]);

/**
 * type.__flags__: the flags TSPython keeps (heap type, base type, subclass bits, sequence/
 * mapping) plus the layout flags CPython would report: READY, GC for heap types,
 * IMMUTABLETYPE for builtins, MATCH_SELF, and a managed dict (with inline values and a
 * managed weakref for plain classes) for classes whose instances get a __dict__.
 */
function typeFlags(t: PyType): number {
  let flags = t.flags | (1 << 12);
  const layout = t.mro.find((c) => !(c.flags & TypeFlag.HEAPTYPE)) ?? t;
  if (MATCH_SELF_NAMES.has(layout.name)) flags |= 1 << 22;
  if (!(t.flags & TypeFlag.HEAPTYPE)) return (flags | (1 << 8) | (1 << 1)) >>> 0;
  flags |= 1 << 14;
  if (t.instancesHaveDict && !layout.instancesHaveDict) {
    flags |= 1 << 4;
    if (layout.name === "object") flags |= (1 << 2) | (1 << 3);
  }
  return flags >>> 0;
}

/** type.__basicsize__/__itemsize__/__flags__: the C layout numbers, as CPython reports them. */
function installTypeLayoutAttrs(): void {
  const typeType = typeOf(floatType) as PyType;
  if (typeType.dict.getStr("__basicsize__") !== undefined) return;
  const sizes = (t: PyType): [number, number] => {
    for (const c of t.mro) {
      const known = BUILTIN_SIZES[c.name];
      if (known !== undefined && !(c.flags & TypeFlag.HEAPTYPE)) {
        if (c === t) return known;
        // A subclass adds its __slots__ (8 bytes each), else a __dict__ and __weakref__ pointer pair
        // when its builtin base has none (varsized bases keep them out of the fixed part).
        const slots = t.slotNames?.length ?? 0;
        return [known[0] + 8 * slots + (slots === 0 && known[1] === 0 && c.name !== "object" ? 16 : 0), known[1]];
      }
    }
    return [16, 0];
  };
  defineGetSet(typeType, "__basicsize__", (t) => sizes(t as PyType)[0]);
  defineGetSet(typeType, "__itemsize__", (t) => sizes(t as PyType)[1]);
  defineGetSet(typeType, "__flags__", (t) => typeFlags(t as PyType));
}

export function installCodeExtras(run: (source: string, ns: PyDict) => void): void {
  runSource = run;
  installTypeLayoutAttrs();
  const C = (o: PyObj) => (o as PyCode).co;
  // dis.get_instructions(adaptive=True) reads it: TSPython never specializes co_code in
  // place, so the adaptive code is co_code itself.
  if (codeType.dict.getStr("_co_code_adaptive") === undefined) {
    defineGetSet(codeType, "_co_code_adaptive", (o) => getAttr(o, "co_code"));
  }
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
    const raw = (o: PyObj): string | null => (o as unknown as { doc?: string | null }).doc ?? null;
    if (t.dict.getStr("__doc__") === undefined) defineGetSet(t, "__doc__", (o) => docOf(raw(o)) ?? None);
    if (t.dict.getStr("__text_signature__") === undefined) defineGetSet(t, "__text_signature__", (o) => textSignatureOf(raw(o)) ?? None);
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
