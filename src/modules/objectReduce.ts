// object.__reduce_ex__ / __reduce__ / __getstate__ (Objects/typeobject.c: reduce_newobj,
// object_getstate_default, _common_reduce): what copy.copy, copy.deepcopy and pickle use
// for instances of classes that do not define their own reduction. Protocols 0 and 1 go
// through copyreg._reduce_ex like CPython; protocol 2+ build (copyreg.__newobj__, (cls,
// *args), state, listitems, dictitems). Installed over objectType by the Interpreter since
// it needs to import copyreg.
import { PyObj, PyObject, PyType, None, typeOf, isSubtype, objectType, listType, dictType, TypeFlag } from "../objects/core.js";
import { defineMethod } from "../objects/descr.js";
import { PyDict } from "../objects/dict.js";
import { call, getAttr, getAttrOrNull, getIter, indexAsNumber } from "../objects/abstract.js";
import { newTuple, PyTuple, PyList } from "../objects/sequence.js";
import { typeError } from "../objects/exceptions.js";
import type { Interpreter } from "./interp.js";
import { installIteratorReduce } from "./iterReduce.js";

export function installObjectReduce(interp: Interpreter): void {
  const copyreg = (): PyObj => interp.importModule("copyreg", None, None, 0);

  /** The first builtin (non-heap) type of cls's mro: the one that lays the instance out. */
  const layoutBase = (cls: PyType): PyType => {
    for (const t of cls.mro) if (!(t.flags & TypeFlag.HEAPTYPE)) return t;
    return objectType;
  };

  /** object_getstate_default: the instance dict (None if empty) plus a dict of __slots__ values. */
  const defaultState = (obj: PyObj, required: boolean): PyObj => {
    const cls = typeOf(obj);
    const dict = obj instanceof PyObject ? obj.dict : null;
    let state: PyObj = dict === null || dict.size === 0 ? None : dict;
    const slotnames = call(getAttr(copyreg(), "_slotnames"), [cls]);
    const names = slotnames instanceof PyList ? slotnames.items : [];
    // CPython refuses objects whose C layout holds more than dict/weakref/slots (native
    // state that a dict cannot carry); here: instances of a native type other than object.
    if (required && layoutBase(cls) !== objectType) {
      throw typeError(`cannot pickle '${cls.name}' object`);
    }
    if (names.length > 0) {
      const slots = new PyDict();
      for (const name of names) {
        if (typeof name !== "string") continue;
        const value = getAttrOrNull(obj, name);
        if (value !== null) slots.setStr(name, value);
      }
      if (slots.size > 0) state = newTuple([state, slots]);
    }
    return state;
  };

  /** _PyObject_GetState: obj.__getstate__(), or the default one when not overridden. */
  const getState = (obj: PyObj, required: boolean): PyObj => {
    const getstate = getAttr(obj, "__getstate__");
    const own = getAttrOrNull(typeOf(obj), "__getstate__");
    if (own === objectGetstate) return defaultState(obj, required);
    return call(getstate, []);
  };

  /** __getnewargs_ex__ / __getnewargs__: [args, kwargs], either possibly null. */
  const newArgs = (obj: PyObj): [PyTuple | null, PyDict | null] => {
    const ex = getAttrOrNull(obj, "__getnewargs_ex__");
    if (ex !== null) {
      const r = call(ex, []);
      if (!(r instanceof PyTuple)) throw typeError(`__getnewargs_ex__ should return a tuple, not '${typeOf(r).name}'`);
      if (r.items.length !== 2) throw newTypeErrorLen(r.items.length);
      const [args, kwargs] = r.items;
      if (!(args instanceof PyTuple)) throw typeError(`first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '${typeOf(args).name}'`);
      if (!(kwargs instanceof PyDict)) throw typeError(`second item of the tuple returned by __getnewargs_ex__ must be a dict, not '${typeOf(kwargs).name}'`);
      return [args, kwargs];
    }
    const plain = getAttrOrNull(obj, "__getnewargs__");
    if (plain !== null) {
      const args = call(plain, []);
      if (!(args instanceof PyTuple)) throw typeError(`__getnewargs__ should return a tuple, not '${typeOf(args).name}'`);
      return [args, null];
    }
    return [null, null];
  };
  const newTypeErrorLen = (n: number) => typeError(`__getnewargs_ex__ should return a tuple of length 2, not ${n}`);

  const reduceNewobj = (obj: PyObj): PyObj => {
    const cls = typeOf(obj);
    if (cls.tp_new === null) throw typeError(`cannot pickle '${cls.name}' object`);
    const [args, kwargs] = newArgs(obj);
    const reg = copyreg();
    let newobj: PyObj;
    let newargs: PyObj;
    if (kwargs === null || kwargs.size === 0) {
      newobj = getAttr(reg, "__newobj__");
      newargs = newTuple([cls, ...(args === null ? [] : args.items)]);
    } else {
      newobj = getAttr(reg, "__newobj_ex__");
      newargs = newTuple([cls, args ?? newTuple([]), kwargs]);
    }
    const isList = isSubtype(cls, listType);
    const isDict = isSubtype(cls, dictType);
    const state = getState(obj, args === null && !isList && !isDict);
    const listitems = isList ? getIter(obj) : None;
    const dictitems = isDict ? getIter(call(getAttr(obj, "items"), [])) : None;
    return newTuple([newobj, newargs, state, listitems, dictitems]);
  };

  const commonReduce = (obj: PyObj, proto: number): PyObj => {
    if (proto >= 2) return reduceNewobj(obj);
    return call(getAttr(copyreg(), "_reduce_ex"), [obj, proto]);
  };

  const objectGetstate = defineMethod(objectType, "__getstate__", (s) => defaultState(s, false));
  const objectReduce = defineMethod(objectType, "__reduce__", (s) => commonReduce(s, 0));
  defineMethod(objectType, "__reduce_ex__", (s, args) => {
    if (args.length !== 1) throw typeError(`object.__reduce_ex__() takes exactly one argument (${args.length} given)`);
    const proto = indexAsNumber(args[0]);
    // A class that overrides __reduce__ decides alone (CPython compares with object.__reduce__).
    const reduce = getAttrOrNull(s, "__reduce__");
    if (reduce !== null && getAttrOrNull(typeOf(s), "__reduce__") !== objectReduce) return call(reduce, []);
    return commonReduce(s, proto);
  });
  installIteratorReduce(interp);
}
