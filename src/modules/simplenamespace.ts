// types.SimpleNamespace (Objects/namespaceobject.c): an object whose attributes are its
// keyword arguments. sys.implementation is one (types.py takes the type from there).
import { PyObject, PyObj, PyType, NotImplemented, typeOf, KwNames } from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { defineMethod, defineGetSet } from "../objects/descr.js";
import { typeError } from "../objects/exceptions.js";
import { repr, eq, call } from "../objects/abstract.js";
import { dictMerge } from "../objects/dictobject.js";
import { newTuple, withReprGuard } from "../objects/sequence.js";
import { nativeType } from "./modutil.js";

let namespaceType: PyType | null = null;

function fill(obj: PyObject, args: PyObj[], kw: KwNames): void {
  const nkw = kw === null ? 0 : kw.length;
  const npos = args.length - nkw;
  if (npos > 1) throw typeError(`${typeOf(obj).name} expected at most 1 argument, got ${npos}`);
  const d = obj.dict!;
  if (npos === 1) {
    // A mapping or an iterable of pairs, as dict() takes them (3.13).
    const src = new PyDict();
    dictMerge(src, args[0]);
    for (const k of src.keys()) {
      if (typeof k !== "string") throw typeError("keywords must be strings");
    }
    for (const k of src.keys()) d.setStr(k as string, src.get(k)!);
  }
  for (let i = 0; i < nkw; i++) d.setStr(kw![i], args[npos + i]);
}

export function simpleNamespaceType(): PyType {
  if (namespaceType !== null) return namespaceType;
  namespaceType = nativeType("types", "SimpleNamespace", (t) => {
    t.instancesHaveDict = true;
    t.tp_new = (cls) => {
      const o = new PyObject(cls);
      o.dict = new PyDict();
      return o;
    };
    t.tp_init = (o, args, kw) => fill(o as PyObject, args, kw);
    t.tp_repr = (o) => {
      const obj = o as PyObject;
      const name = typeOf(o) === namespaceType ? "namespace" : typeOf(o).name;
      return withReprGuard(obj, () => `${name}(${obj.dict!.keys().map((k) => `${String(k)}=${repr(obj.dict!.get(k)!)}`).join(", ")})`, `${name}(...)`);
    };
    t.tp_richcompare = (a, b, op) => {
      if ((op !== 2 && op !== 3) || !(b instanceof PyObject) || !typeOf(b).isSubtypeOf(namespaceType!)) return NotImplemented;
      const same = eq((a as PyObject).dict!, b.dict!);
      return op === 2 ? same : !same;
    };
    // A read-only member in CPython (vars(ns) and ns.__dict__ read it).
    defineGetSet(t, "__dict__", (o) => (o as PyObject).dict!, null);
    defineMethod(t, "__reduce__", (o) => newTuple([typeOf(o), newTuple([]), (o as PyObject).dict!]));
    defineMethod(t, "__replace__", (o, args, kw) => {
      if (args.length !== (kw?.length ?? 0)) throw typeError("__replace__() takes no positional arguments");
      const n = call(typeOf(o), []) as PyObject;
      const src = (o as PyObject).dict!;
      for (const k of src.keys()) n.dict!.set(k, src.get(k)!);
      fill(n, args, kw);
      return n;
    });
  }, undefined, true);
  return namespaceType;
}

/** A SimpleNamespace holding the attributes of `from` (sys.implementation at start-up). */
export function namespaceFrom(attrs: PyDict): PyObject {
  const o = new PyObject(simpleNamespaceType());
  o.dict = new PyDict();
  for (const k of attrs.keys()) if (k !== "__name__" && k !== "__doc__" && k !== "__package__" && k !== "__loader__" && k !== "__spec__") o.dict.set(k, attrs.get(k)!);
  return o;
}
