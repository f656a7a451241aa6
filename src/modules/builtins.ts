// The builtins module (Python/bltinmodule.c): functions, types and constants.
import {
  PyObject, PyObj, PyType, KwNames, None, NotImplemented, Ellipsis, typeOf, PyFloat, intType,
  boolType, floatType, strType, complexType, bytesType, bytearrayType, tupleType, listType,
  dictType, setType, frozensetType, objectType, typeTypeObj, identityId, PyIntSubclassObj,
  PyStrSubclassObj, runtimeHooks,
} from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import {
  PyBaseException, typeError, valueError, exceptionTypes, newException, StopIteration,
  attributeError, overflowError, EOFError, zeroDivisionError, stopIteration,
} from "../objects/exceptions.js";
import {
  repr, str, isTrue, hash, len, getAttr, getAttrOrNull, setAttr, getIter, iterNext, call, call1,
  richCompare, compareBool, binaryOp, index, toArray, lookupSpecial, asStringValue, asFloat,
  callSpecial, isIntLike, isInstance, isSubclass,
} from "../objects/abstract.js";
import {
  PyTuple, PyList, newTuple, sliceType, rangeType, sortItems, PyRange,
} from "../objects/sequence.js";
import {
  enumerateType, zipType, mapType, filterType, reversedType, PyCallableIter,
} from "../objects/iterators.js";
import {
  PyFunction, PyCode, propertyType, classmethodType, staticmethodType, PyCell, codeFor,
} from "../objects/function.js";
import { superType, typeNew, calculateMetaclass } from "../objects/typeobject.js";
import { intValueOf, floatValueOf, intDivmod, floatDivmod, intAbs, NB, intPowMod } from "../objects/number.js";
import { formatValue, asciiRepr } from "../objects/str.js";
import { PyBytes, bufferOf, memoryviewType } from "../objects/misc.js";
import { hashValue } from "../objects/hash.js";
import { roundInt } from "../objects/numbermethods.js";
import { memberDescrType } from "../objects/typeobject.js";
import { mappingProxyType } from "../objects/dictobject.js";
import { callObject, runCode } from "../vm/interpreter.js";
import { threadState } from "../vm/frame.js";
import { frameLocals } from "../vm/frameobject.js";
import { PyGen, genSendValue, builtinAnext, builtinAiter } from "../vm/generators.js";
import { setStopValue, takeStopValue } from "../vm/ops.js";

/** What print() and input() write to / read from when sys has no replacement. */
export interface BuiltinsHost {
  write(stream: "stdout" | "stderr", text: string): void;
  readline(): string | null;
  /** sys.stdout / sys.stderr objects when replaced from Python (null: the host's). */
  getStream(name: "stdout" | "stderr"): PyObj | null;
  importModule(name: string, globals: PyObj, fromlist: PyObj, level: number): PyObj;
  compile(source: string | Uint8Array, filename: string, mode: string, flags: number): PyObj;
}

function kwParse(fname: string, args: PyObj[], kw: KwNames, names: string[], minPos = 0): (PyObj | undefined)[] {
  const npos = args.length - (kw?.length ?? 0);
  const out: (PyObj | undefined)[] = new Array(names.length).fill(undefined);
  if (npos > names.length) throw typeError(`${fname}() takes at most ${names.length} arguments (${npos} given)`);
  for (let i = 0; i < npos; i++) out[i] = args[i];
  if (kw !== null) {
    for (let i = 0; i < kw.length; i++) {
      const j = names.indexOf(kw[i]);
      if (j < 0 || j < minPos) throw typeError(`${fname}() got an unexpected keyword argument '${kw[i]}'`);
      if (out[j] !== undefined) throw typeError(`argument for ${fname}() given by name ('${kw[i]}') and position (${j + 1})`);
      out[j] = args[npos + i];
    }
  }
  return out;
}
function noKw(fname: string, kw: KwNames): void {
  if (kw !== null && kw.length > 0) throw typeError(`${fname}() takes no keyword arguments`);
}
/** eval() ignores spaces and tabs before the expression (of str or bytes source). */
function stripLeadingBlanks(source: string | Uint8Array): string | Uint8Array {
  if (typeof source === "string") return source.replace(/^[ \t]+/, "");
  let i = 0;
  while (i < source.length && (source[i] === 32 || source[i] === 9)) i++;
  return source.subarray(i);
}

function exactArgs(fname: string, args: PyObj[], n: number): void {
  if (args.length !== n) {
    throw typeError(n === 1 ? `${fname}() takes exactly one argument (${args.length} given)` : `${fname} expected ${n} arguments, got ${args.length}`);
  }
}

/** isinstance() and issubclass() (objects/abstract.ts), under their older names here. */
export const isInstanceOf = isInstance;
export const isSubclassOf = isSubclass;

function minMax(fname: string, args: PyObj[], kw: KwNames, op: number): PyObj {
  const npos = args.length - (kw?.length ?? 0);
  let key: PyObj = None;
  let dflt: PyObj | undefined;
  if (kw !== null) {
    for (let i = 0; i < kw.length; i++) {
      if (kw[i] === "key") key = args[npos + i];
      else if (kw[i] === "default") dflt = args[npos + i];
      else throw typeError(`${fname}() got an unexpected keyword argument '${kw[i]}'`);
    }
  }
  if (npos === 0) throw typeError(`${fname} expected at least 1 argument, got 0`);
  let items: PyObj[];
  if (npos === 1) items = toArray(args[0]);
  else {
    if (dflt !== undefined) throw typeError(`Cannot specify a default for ${fname}() with multiple positional arguments`);
    items = args.slice(0, npos);
  }
  if (items.length === 0) {
    if (dflt !== undefined) return dflt;
    throw valueError(`${fname}() iterable argument is empty`);
  }
  let best = items[0];
  let bestKey = key === None ? best : call1(key, best);
  for (let i = 1; i < items.length; i++) {
    const k = key === None ? items[i] : call1(key, items[i]);
    if (typeof k === "number" && typeof bestKey === "number" ? (op === 4 ? k > bestKey : k < bestKey) : compareBool(k, bestKey, op)) {
      best = items[i];
      bestKey = k;
    }
  }
  return best;
}

function sumBuiltin(args: PyObj[], kw: KwNames): PyObj {
  const [iterable, startArg] = kwParse("sum", args, kw, ["iterable", "start"], 1);
  if (iterable === undefined) throw typeError("sum() takes at least 1 positional argument (0 given)");
  let acc: PyObj = startArg ?? 0;
  if (typeof acc === "string") throw typeError("sum() can't sum strings [use ''.join(seq) instead]");
  if (acc instanceof PyBytes) throw typeError("sum() can't sum bytes [use b''.join(seq) instead]");
  const it = getIter(iterable);
  // Float sums use Neumaier compensation as CPython 3.12+ does.
  let fsum = 0, comp = 0, inFloat = false;
  for (;;) {
    const x = iterNext(it);
    if (x === null) break;
    if (!inFloat && typeof acc === "number" && typeof x === "number") {
      const r: number = acc + x;
      if (Number.isSafeInteger(r)) {
        acc = r;
        continue;
      }
    }
    if (!inFloat && x instanceof PyFloat && x.type === floatType && (typeof acc === "number" || (acc instanceof PyFloat && acc.type === floatType))) {
      inFloat = true;
      fsum = typeof acc === "number" ? acc : acc.value;
      comp = 0;
    }
    if (inFloat) {
      if (typeof x === "number") {
        fsum += x; // CPython adds C-long ints without compensation
        continue;
      }
      const xv = x instanceof PyFloat && x.type === floatType ? x.value : null;
      if (xv !== null) {
        const t = fsum + xv;
        if (Math.abs(fsum) >= Math.abs(xv)) comp += (fsum - t) + xv;
        else comp += (xv - t) + fsum;
        fsum = t;
        continue;
      }
      acc = new PyFloat(fsum + comp);
      inFloat = false;
    }
    acc = binaryOp(acc, x, NB.ADD);
  }
  if (inFloat) {
    const r = fsum + comp;
    return new PyFloat(Number.isFinite(r) || !Number.isFinite(fsum) ? (comp !== 0 && Number.isFinite(comp) ? r : fsum) : fsum);
  }
  return acc;
}

function roundBuiltin(args: PyObj[], kw: KwNames): PyObj {
  const [num, nd] = kwParse("round", args, kw, ["number", "ndigits"]);
  if (num === undefined) throw typeError("round() missing required argument 'number' (pos 1)");
  const m = lookupSpecial(num, "__round__");
  if (m === null) throw typeError(`type ${typeOf(num).name} doesn't define __round__ method`);
  return nd === undefined || nd === None ? call(m, []) : call(m, [nd]);
}

function powBuiltin(args: PyObj[], kw: KwNames): PyObj {
  const [base, exp, mod] = kwParse("pow", args, kw, ["base", "exp", "mod"]);
  if (base === undefined || exp === undefined) throw typeError("pow() missing required argument");
  if (mod === undefined || mod === None) return binaryOp(base, exp, NB.POWER);
  const a = intValueOf(base), b = intValueOf(exp), c = intValueOf(mod);
  if (a !== null && b !== null && c !== null) return intPowMod(a, b, c);
  // CPython's ternary_op: float_pow / complex_pow reject a modulus; a class's own
  // __pow__ gets (exp, mod); anything else is unsupported.
  const isFloat = (x: PyObj) => x instanceof PyFloat;
  const isComplex = (x: PyObj) => typeOf(x).isSubtypeOf(complexType);
  if ((isFloat(base) || isFloat(exp) || isFloat(mod)) && floatValueOf(base) !== null && floatValueOf(exp) !== null) {
    throw typeError("pow() 3rd argument not allowed unless all arguments are integers");
  }
  if (isComplex(base) || isComplex(exp) || isComplex(mod)) throw valueError("complex modulo");
  const m = typeOf(base).lookup("__pow__");
  if (m !== null && (typeOf(base).flags & (1 << 9)) !== 0) { // a heap type (Py_TPFLAGS_HEAPTYPE)
    const r = call(m, [base, exp, mod]);
    if (r !== NotImplemented) return r;
  }
  throw typeError(`unsupported operand type(s) for ** or pow(): '${typeOf(base).name}', '${typeOf(exp).name}', '${typeOf(mod).name}'`);
}

function divmodBuiltin(args: PyObj[], kw: KwNames): PyObj {
  noKw("divmod", kw);
  exactArgs("divmod", args, 2);
  const [a, b] = args;
  const x = intValueOf(a), y = intValueOf(b);
  if (x !== null && y !== null) return newTuple(intDivmod(x, y));
  const fx = floatValueOf(a), fy = floatValueOf(b);
  if (fx !== null && fy !== null && (a instanceof PyFloat || b instanceof PyFloat) && typeOf(a).lookup("__divmod__") === floatType.lookup("__divmod__")) {
    const [q, r] = floatDivmod(fx, fy);
    return newTuple([new PyFloat(q), new PyFloat(r)]);
  }
  const m = lookupSpecial(a, "__divmod__");
  if (m !== null) {
    const r = call(m, [b]);
    if (r !== NotImplemented) return r;
  }
  const rm = lookupSpecial(b, "__rdivmod__");
  if (rm !== null) {
    const r = call(rm, [a]);
    if (r !== NotImplemented) return r;
  }
  throw typeError(`unsupported operand type(s) for divmod(): '${typeOf(a).name}' and '${typeOf(b).name}'`);
}

function formatBase(v: PyObj, base: number, prefix: string): string {
  const i = index(v);
  const neg = i < 0;
  const digits = (neg ? -i : i).toString(base);
  return (neg ? "-" : "") + prefix + digits;
}

function dirBuiltin(args: PyObj[]): PyObj {
  if (args.length === 0) {
    const f = threadState.frame;
    const locals = f === null ? new PyDict() : frameLocals(f);
    const names = toArray(locals).filter((n) => typeof n === "string") as string[];
    return new PyList(names.sort());
  }
  const obj = args[0];
  const m = lookupSpecial(obj, "__dir__");
  let names: PyObj[];
  if (obj instanceof PyType) {
    const set = new Set<string>();
    for (const c of obj.mro) for (const k of c.dict.keys()) if (typeof k === "string") set.add(k);
    names = [...set];
  } else if (m !== null) {
    names = toArray(call(m, []));
  } else names = [];
  const out = names.slice();
  sortItems(out, null, false);
  return new PyList(out);
}

/** __build_class__(func, name, *bases, metaclass=None, **kwds). */
function buildClass(args: PyObj[], kw: KwNames): PyObj {
  const npos = args.length - (kw?.length ?? 0);
  if (npos < 2) throw typeError("__build_class__: not enough arguments");
  const func = args[0];
  const name = args[1];
  if (!(func instanceof PyFunction)) throw typeError("__build_class__: func must be a function");
  if (typeof name !== "string") throw typeError("__build_class__: name is not a string");
  let bases = args.slice(2, npos);
  // __mro_entries__
  const origBases = bases;
  let changed = false;
  const resolved: PyObj[] = [];
  for (const b of bases) {
    if (!(b instanceof PyType)) {
      // An ordinary attribute lookup, as CPython's update_bases (typing sets
      // TypedDict.__mro_entries__ on the function object itself).
      const me = getAttrOrNull(b, "__mro_entries__");
      if (me !== null) {
        const r = call(me, [newTuple(origBases)]);
        if (!(r instanceof PyTuple)) throw typeError("__mro_entries__ must return a tuple");
        resolved.push(...r.items);
        changed = true;
        continue;
      }
    }
    resolved.push(b);
  }
  bases = resolved;
  let meta: PyObj | null = null;
  const kwNames: string[] = [];
  const kwValues: PyObj[] = [];
  if (kw !== null) {
    for (let i = 0; i < kw.length; i++) {
      if (kw[i] === "metaclass") meta = args[npos + i];
      else {
        kwNames.push(kw[i]);
        kwValues.push(args[npos + i]);
      }
    }
  }
  let isClass = false;
  if (meta === null) {
    meta = bases.length === 0 ? typeTypeObj : typeOf(bases[0]);
    isClass = true;
  } else isClass = meta instanceof PyType;
  if (isClass) {
    for (const b of bases) if (!(b instanceof PyType) && typeOf(b) === typeTypeObj) throw typeError("bases must be types");
    meta = calculateMetaclass(meta as PyType, bases.filter((b) => b instanceof PyType) as PyType[]);
  }
  const basesTuple = newTuple(bases);
  let ns: PyObj;
  const prep = getAttrOrNull(meta, "__prepare__");
  if (prep !== null) {
    ns = callObject(prep, [name, basesTuple, ...kwValues], kwNames.length ? kwNames : null);
    if (typeOf(ns).mp_subscript === null) {
      throw typeError(`${meta instanceof PyType ? meta.name : "<metaclass>"}.__prepare__() must return a mapping, not ${typeOf(ns).name}`);
    }
  } else ns = new PyDict();
  const cell = runCode(func.code, func.globals, func.builtins, ns, func.closure, func);
  if (changed && ns instanceof PyDict) ns.setStr("__orig_bases__", newTuple(origBases));
  const cls = callObject(meta, [name, basesTuple, ns, ...kwValues], kwNames.length ? kwNames : null);
  if (cell instanceof PyCell && cls instanceof PyType) {
    if (cell.contents !== cls) {
      if (cell.contents === null) cell.contents = cls;
      else throw typeError(`__class__ set to ${repr(cell.contents)} defining '${name}' as ${repr(cls)}`);
    }
  }
  return cls;
}

export function makeBuiltins(host: BuiltinsHost): PyDict {
  const b = new PyDict();
  // Warnings raised by the object layer (PyErr_WarnEx) go through the warnings module.
  runtimeHooks.warn = (category, message, stacklevel) => {
    const warnings = host.importModule("warnings", None, None, 0);
    call(getAttr(warnings, "warn"), [message, category, stacklevel]);
  };
  const def = (name: string, fn: (args: PyObj[], kw: KwNames) => PyObj) => {
    b.setStr(name, new PyBuiltinFunction(name, fn, null, name, "builtins"));
  };
  b.setStr("__name__", "builtins");
  b.setStr("__doc__", "Built-in functions, types, exceptions, and other objects.");
  b.setStr("None", None);
  b.setStr("True", true);
  b.setStr("False", false);
  b.setStr("Ellipsis", Ellipsis);
  b.setStr("NotImplemented", NotImplemented);
  b.setStr("__debug__", true);
  const types: [string, PyType][] = [
    ["object", objectType], ["type", typeTypeObj], ["int", intType], ["bool", boolType], ["float", floatType],
    ["complex", complexType], ["str", strType], ["bytes", bytesType], ["bytearray", bytearrayType], ["memoryview", memoryviewType],
    ["tuple", tupleType], ["list", listType], ["dict", dictType], ["set", setType], ["frozenset", frozensetType],
    ["slice", sliceType], ["range", rangeType], ["enumerate", enumerateType], ["zip", zipType], ["map", mapType],
    ["filter", filterType], ["reversed", reversedType], ["property", propertyType], ["classmethod", classmethodType],
    ["staticmethod", staticmethodType], ["super", superType],
  ];
  for (const [n, t] of types) b.setStr(n, t);
  for (const t of exceptionTypes) b.setStr(t.name, t);
  b.setStr("EnvironmentError", b.getStr("OSError")!);
  b.setStr("IOError", b.getStr("OSError")!);

  def("print", (args, kw) => {
    const npos = args.length - (kw?.length ?? 0);
    let sep: PyObj = None, end: PyObj = None, file: PyObj = None, flush: PyObj = false;
    if (kw !== null) {
      for (let i = 0; i < kw.length; i++) {
        const v = args[npos + i];
        switch (kw[i]) {
          case "sep": sep = v; break;
          case "end": end = v; break;
          case "file": file = v; break;
          case "flush": flush = v; break;
          default: throw typeError(`'${kw[i]}' is an invalid keyword argument for print()`);
        }
      }
    }
    if (sep !== None && asStringValue(sep) === null) throw typeError(`sep must be None or a string, not ${typeOf(sep).name}`);
    if (end !== None && asStringValue(end) === null) throw typeError(`end must be None or a string, not ${typeOf(end).name}`);
    const sepS = sep === None ? " " : asStringValue(sep)!;
    const endS = end === None ? "\n" : asStringValue(end)!;
    let text = "";
    for (let i = 0; i < npos; i++) {
      if (i > 0) text += sepS;
      const a = args[i];
      text += typeof a === "string" ? a : str(a);
    }
    text += endS;
    if (file === None) {
      const s = host.getStream("stdout");
      if (s === null) {
        host.write("stdout", text);
        return None;
      }
      file = s;
    }
    call(getAttr(file, "write"), [text]);
    if (isTrue(flush)) {
      const fl = getAttrOrNull(file, "flush");
      if (fl !== null) call(fl, []);
    }
    return None;
  });
  def("len", (args, kw) => {
    noKw("len", kw);
    exactArgs("len", args, 1);
    return len(args[0]);
  });
  def("repr", (args, kw) => {
    noKw("repr", kw);
    exactArgs("repr", args, 1);
    return repr(args[0]);
  });
  def("ascii", (args) => {
    exactArgs("ascii", args, 1);
    return asciiRepr(args[0]);
  });
  def("hash", (args) => {
    exactArgs("hash", args, 1);
    return hashValue(args[0]);
  });
  def("id", (args) => {
    exactArgs("id", args, 1);
    const v = args[0];
    if (typeof v === "object") return 0x7f0000000000 + identityId(v) * 16;
    return 0x7e0000000000 + Math.abs(hash(v) % 0xffffffff) * 16;
  });
  def("abs", (args) => {
    exactArgs("abs", args, 1);
    const v = args[0];
    if (typeof v === "number") return Math.abs(v);
    const t = typeOf(v);
    if (t.nb_absolute === null) throw typeError(`bad operand type for abs(): '${t.name}'`);
    return t.nb_absolute(v);
  });
  def("isinstance", (args, kw) => {
    noKw("isinstance", kw);
    if (args.length !== 2) throw typeError(`isinstance expected 2 arguments, got ${args.length}`);
    return isInstanceOf(args[0], args[1]);
  });
  def("issubclass", (args, kw) => {
    noKw("issubclass", kw);
    if (args.length !== 2) throw typeError(`issubclass expected 2 arguments, got ${args.length}`);
    return isSubclassOf(args[0], args[1]);
  });
  def("callable", (args) => {
    exactArgs("callable", args, 1);
    return typeOf(args[0]).tp_call !== null || args[0] instanceof PyFunction;
  });
  def("getattr", (args) => {
    if (args.length < 2 || args.length > 3) throw typeError(`getattr expected at least 2 arguments, got ${args.length}`);
    const name = asStringValue(args[1]);
    if (name === null) throw typeError(`attribute name must be string, not '${typeOf(args[1]).name}'`);
    if (args.length === 3) {
      const r = getAttrOrNull(args[0], name);
      return r === null ? args[2] : r;
    }
    return getAttr(args[0], name);
  });
  def("setattr", (args) => {
    if (args.length !== 3) throw typeError(`setattr expected 3 arguments, got ${args.length}`);
    const name = asStringValue(args[1]);
    if (name === null) throw typeError(`attribute name must be string, not '${typeOf(args[1]).name}'`);
    setAttr(args[0], name, args[2]);
    return None;
  });
  def("delattr", (args) => {
    if (args.length !== 2) throw typeError(`delattr expected 2 arguments, got ${args.length}`);
    const name = asStringValue(args[1]);
    if (name === null) throw typeError(`attribute name must be string, not '${typeOf(args[1]).name}'`);
    setAttr(args[0], name, null);
    return None;
  });
  def("hasattr", (args) => {
    if (args.length !== 2) throw typeError(`hasattr expected 2 arguments, got ${args.length}`);
    const name = asStringValue(args[1]);
    if (name === null) throw typeError(`attribute name must be string, not '${typeOf(args[1]).name}'`);
    return getAttrOrNull(args[0], name) !== null;
  });
  def("iter", (args, kw) => {
    noKw("iter", kw);
    if (args.length === 1) return getIter(args[0]);
    if (args.length === 2) {
      if (typeOf(args[0]).tp_call === null && !(args[0] instanceof PyFunction)) throw typeError("iter(v, w): v must be callable");
      return new PyCallableIter(args[0], args[1]);
    }
    throw typeError(args.length === 0 ? "iter expected at least 1 argument, got 0" : `iter expected at most 2 arguments, got ${args.length}`);
  });
  def("next", (args, kw) => {
    noKw("next", kw);
    if (args.length < 1 || args.length > 2) throw typeError(`next expected at least 1 argument, got ${args.length}`);
    const it = args[0];
    const t = typeOf(it);
    if (t.tp_iternext === null) throw typeError(`'${t.name}' object is not an iterator`);
    if (it instanceof PyGen) {
      // Keep the generator's return value for StopIteration.value.
      const r = genSendValue(it, None);
      if (!r.done) return r.value;
      if (args.length === 2) return args[1];
      throw stopIteration(r.value);
    }
    setStopValue(None);
    const r = t.tp_iternext(it);
    if (r !== null) return r;
    if (args.length === 2) return args[1];
    throw stopIteration(takeStopValue());
  });
  def("min", (args, kw) => minMax("min", args, kw, 0));
  def("max", (args, kw) => minMax("max", args, kw, 4));
  def("sum", sumBuiltin);
  def("round", roundBuiltin);
  def("pow", powBuiltin);
  def("divmod", divmodBuiltin);
  def("sorted", (args, kw) => {
    const npos = args.length - (kw?.length ?? 0);
    if (npos !== 1) throw typeError(npos === 0 ? "sorted expected 1 argument, got 0" : `sorted expected 1 argument, got ${npos}`);
    let key: PyObj | null = null;
    let reverse = false;
    if (kw !== null) {
      for (let i = 0; i < kw.length; i++) {
        if (kw[i] === "key") key = args[npos + i] === None ? null : args[npos + i];
        else if (kw[i] === "reverse") reverse = isTrue(args[npos + i]);
        else throw typeError(`sort() got an unexpected keyword argument '${kw[i]}'`);
      }
    }
    const items = toArray(args[0]);
    sortItems(items, key, reverse);
    return new PyList(items);
  });
  def("all", (args) => {
    exactArgs("all", args, 1);
    const it = getIter(args[0]);
    for (let x = iterNext(it); x !== null; x = iterNext(it)) if (!isTrue(x)) return false;
    return true;
  });
  def("any", (args) => {
    exactArgs("any", args, 1);
    const it = getIter(args[0]);
    for (let x = iterNext(it); x !== null; x = iterNext(it)) if (isTrue(x)) return true;
    return false;
  });
  def("chr", (args) => {
    exactArgs("chr", args, 1);
    const t = typeOf(args[0]);
    if (t.nb_index === null) throw typeError(`'${t.name}' object cannot be interpreted as an integer`);
    const i = index(args[0]);
    if (i < 0 || i > 0x10ffff) throw valueError("chr() arg not in range(0x110000)");
    return String.fromCodePoint(Number(i));
  });
  def("ord", (args) => {
    exactArgs("ord", args, 1);
    const v = args[0];
    const s = asStringValue(v);
    if (s !== null) {
      const cps = Array.from(s);
      if (cps.length !== 1) throw typeError(`ord() expected a character, but string of length ${cps.length} found`);
      return cps[0].codePointAt(0)!;
    }
    if (v instanceof PyBytes) {
      if (v.bytes.length !== 1) throw typeError(`ord() expected a character, but string of length ${v.bytes.length} found`);
      return v.bytes[0];
    }
    throw typeError(`ord() expected string of length 1, but ${typeOf(v).name} found`);
  });
  // METH_O builtins: exactly one argument
  const one = (name: string, args: PyObj[]) => {
    if (args.length !== 1) throw typeError(`${name}() takes exactly one argument (${args.length} given)`);
  };
  def("bin", (args) => (one("bin", args), formatBase(args[0], 2, "0b")));
  def("oct", (args) => (one("oct", args), formatBase(args[0], 8, "0o")));
  def("hex", (args) => (one("hex", args), formatBase(args[0], 16, "0x")));
  def("format", (args) => {
    if (args.length < 1 || args.length > 2) throw typeError(`format expected at least 1 argument, got ${args.length}`);
    const spec = args.length > 1 ? args[1] : "";
    if (typeof spec !== "string") throw typeError(`format() argument 2 must be str, not ${typeOf(spec).name}`);
    return formatValue(args[0], spec);
  });
  def("vars", (args) => {
    if (args.length === 0) {
      const f = threadState.frame;
      return f === null ? new PyDict() : frameLocals(f);
    }
    const d = getAttrOrNull(args[0], "__dict__");
    if (d === null) throw typeError("vars() argument must have __dict__ attribute");
    return d;
  });
  def("locals", () => {
    const f = threadState.frame;
    return f === null ? new PyDict() : frameLocals(f);
  });
  def("globals", () => {
    const f = threadState.frame;
    return f === null ? new PyDict() : f.globals;
  });
  def("dir", (args) => dirBuiltin(args));
  def("input", (args) => {
    if (args.length > 0) {
      const s = host.getStream("stdout");
      if (s === null) host.write("stdout", str(args[0]));
      else call(getAttr(s, "write"), [str(args[0])]);
    }
    const line = host.readline();
    if (line === null) throw newException(EOFError, "EOF when reading a line");
    return line.replace(/\r?\n$/, "");
  });
  def("__build_class__", buildClass);
  def("__import__", (args, kw) => {
    const [name, globals, , fromlist, level] = kwParse("__import__", args, kw, ["name", "globals", "locals", "fromlist", "level"]);
    if (typeof name !== "string") throw typeError(`__import__() argument 1 must be str, not ${typeOf(name ?? None).name}`);
    return host.importModule(name, globals ?? None, fromlist ?? None, level === undefined ? 0 : Number(index(level)));
  });
  def("compile", (args, kw) => {
    const [source, filename, mode, flags] = kwParse("compile", args, kw, ["source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"]);
    let text: string;
    if (source instanceof PyBytes) text = new TextDecoder().decode(source.bytes);
    else if (typeof source === "string") text = source;
    else throw typeError("compile() arg 1 must be a string, bytes or AST object");
    return host.compile(text, str(filename ?? "<string>"), str(mode ?? "exec"), flags === undefined ? 0 : Number(index(flags)));
  });
  const execOrEval = (fname: string, mode: string) => (args: PyObj[], kw: KwNames): PyObj => {
    const [source, globalsArg, localsArg] = kwParse(fname, args, kw, ["source", "globals", "locals"]);
    let code: PyObj;
    if (source instanceof PyCode) code = source;
    else if (typeof source === "string" || (source !== undefined && bufferOf(source) !== null)) {
      // Bytes (any buffer) go to the compiler as they are: it honours their coding declaration.
      const text = typeof source === "string" ? source : bufferOf(source!)!.slice();
      code = host.compile(mode === "eval" ? stripLeadingBlanks(text) : text, "<string>", mode, 0);
    } else throw typeError(`${fname}() arg 1 must be a string, bytes or code object`);
    const nfree = (code as PyCode).co.co_freevars.length;
    if (nfree > 0) {
      // TSPython's exec() has no closure= argument yet, so such code cannot run.
      throw typeError(fname === "eval" ? "code object passed to eval() may not contain free variables" : `code object requires a closure of exactly length ${nfree}`);
    }
    if (localsArg !== undefined && localsArg !== None && typeOf(localsArg).mp_subscript === null) {
      throw typeError(fname === "eval" ? "locals must be a mapping" : `locals must be a mapping or None, not ${typeOf(localsArg).name}`);
    }
    const f = threadState.frame;
    let globals: PyDict;
    let locals: PyObj;
    if (globalsArg === undefined || globalsArg === None) {
      globals = f === null ? new PyDict() : f.globals;
      // PyEval_GetFrameLocals: the frame's locals, with an inlined comprehension's live
      // variables when there are some (a snapshot then).
      locals = localsArg !== undefined && localsArg !== None ? localsArg : (f === null ? globals : frameLocals(f));
    } else {
      if (!(globalsArg instanceof PyDict)) {
        throw typeError(fname === "eval" ? "globals must be a real dict; try eval(expr, {}, mapping)" : `exec() globals must be a dict, not ${typeOf(globalsArg).name}`);
      }
      globals = globalsArg;
      locals = localsArg !== undefined && localsArg !== None ? localsArg : globals;
    }
    if (globals.getStr("__builtins__") === undefined) globals.setStr("__builtins__", b);
    // The code's builtins are the globals' __builtins__ (a dict, or a module's dict).
    const gb = globals.getStr("__builtins__");
    const codeBuiltins = gb instanceof PyDict ? gb : gb !== undefined && typeof gb === "object" && gb.dict !== null ? gb.dict : b;
    const r = runCode(code as PyCode, globals, codeBuiltins, locals);
    return mode === "eval" ? r : None;
  };
  def("exec", execOrEval("exec", "exec"));
  def("eval", execOrEval("eval", "eval"));
  def("breakpoint", () => None);
  def("aiter", (args, kw) => builtinAiter(args, kw));
  def("anext", (args, kw) => builtinAnext(args, kw));
  void [PyObject, PyIntSubclassObj, PyStrSubclassObj, attributeError, overflowError, zeroDivisionError, intAbs, roundInt, memberDescrType, mappingProxyType, richCompare, asFloat, isIntLike, PyRange, typeNew, codeFor, PyBaseException];
  return b;
}
