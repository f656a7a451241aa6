// type.__annotations__, type.__type_params__ and module.__annotations__ (Objects/typeobject.c type_get_annotations,
// Objects/moduleobject.c module_get_annotations): read from the object's own namespace only
// (a class does not see its bases' annotations) and created empty on first access.
import { PyObj, PyType, TypeFlag, typeTypeObj as typeType, typeOf } from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { defineGetSet } from "../objects/descr.js";
import { PyModule, moduleType } from "../objects/function.js";
import { newException, AttributeError, typeError } from "../objects/exceptions.js";
import { noAttribute } from "../objects/abstract.js";
import { PyTuple, newTuple } from "../objects/sequence.js";

export function installAnnotationsAttributes(): void {
  defineGetSet(typeType, "__annotations__", (o) => {
    const t = o as PyType;
    if (!(t.flags & TypeFlag.HEAPTYPE)) throw noAttribute(t, "__annotations__");
    const v = t.dict.getStr("__annotations__");
    if (v !== undefined) {
      const get = typeOf(v).tp_descr_get;
      return get !== null ? get(v, null, t) : v;
    }
    const fresh = new PyDict();
    t.dict.setStr("__annotations__", fresh);
    t.invalidateCaches();
    return fresh;
  }, (o, value) => {
    const t = o as PyType;
    if (!(t.flags & TypeFlag.HEAPTYPE)) throw typeError(`cannot set '__annotations__' attribute of immutable type '${t.name}'`);
    if (value === null) {
      if (t.dict.getStr("__annotations__") === undefined) throw newException(AttributeError, "__annotations__");
      t.dict.delete("__annotations__");
    } else {
      t.dict.setStr("__annotations__", value);
    }
    t.invalidateCaches();
  });
  // type.__type_params__: the class's own PEP 695 parameters, () when it has none.
  defineGetSet(typeType, "__type_params__", (o) => {
    const v = (o as PyType).dict.getStr("__type_params__");
    return v !== undefined ? v : newTuple([]);
  }, (o, value) => {
    const t = o as PyType;
    if (!(t.flags & TypeFlag.HEAPTYPE)) throw typeError(`cannot set '__type_params__' attribute of immutable type '${t.name}'`);
    if (value === null) throw typeError(`cannot delete '__type_params__' attribute of immutable type '${t.name}'`);
    // Any value (CPython 3.13's type_set_type_params checks nothing more).
    t.dict.setStr("__type_params__", value);
    t.invalidateCaches();
  });
  defineGetSet(moduleType, "__annotations__", (o) => {
    const d = (o as PyModule).dict;
    const v = d.getStr("__annotations__");
    if (v !== undefined) return v;
    const fresh = new PyDict();
    d.setStr("__annotations__", fresh);
    return fresh;
  }, (o, value) => {
    const d = (o as PyModule).dict;
    if (value === null) {
      if (d.getStr("__annotations__") === undefined) throw newException(AttributeError, "__annotations__");
      d.delete("__annotations__");
    } else {
      d.setStr("__annotations__", value as PyObj);
    }
  });
}
