// types.SimpleNamespace (Objects/namespaceobject.c): an object whose attributes are its
// keyword arguments. sys.implementation is one (types.py takes the type from there).
import { PyObject, PyObj, PyType, NotImplemented, typeOf, KwNames } from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { defineMethod, defineGetSet } from "../objects/descr.js";
import { typeError } from "../objects/exceptions.js";
import { repr, eq, call, getAttr, toArray } from "../objects/abstract.js";
import { newTuple, withReprGuard } from "../objects/sequence.js";
import { nativeType } from "./modutil.js";

let namespaceType: PyType | null = null;

function fill(obj: PyObject, args: PyObj[], kw: KwNames): void {
  const nkw = kw === null ? 0 : kw.length;
  const npos = args.length - nkw;
  if (npos > 1) throw typeError(`SimpleNamespace expected at most 1 positional argument, got ${npos}`);
  const d = obj.dict!;
  if (npos === 1) {
    const src = args[0];
    const items = src instanceof PyDict ? src.keys().map((k) => [k, src.get(k)!] as const) : toArray(call(getAttr(src, "items"), [])).map((p) => toArray(p) as unknown as readonly [PyObj, PyObj]);
    for (const [k, v] of items) {
      if (typeof k !== "string") throw typeError(`keywords must be strings, not '${typeOf(k).name}'`);
      d.setStr(k, v);
    }
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
