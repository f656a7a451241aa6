// Start-up of the object layer: gives every builtin type its dict, installs slots and
// methods file by file, then generates the dunder wrappers from the slots (one table,
// typeobject.ts). Call once before running code (vm/interpreter.ts does).
import { setDictFactory, typeTypeObj } from "./core.js";
import { PyDict, dictHooks } from "./dict.js";
import { hash, eq, setRecursionErrorType, setDictTypeRef, setTypeTypeRef, setFunctionTypeRef } from "./abstract.js";
import { RecursionError } from "./exceptions.js";
import { installNumberSlots } from "./number.js";
import { installNumberMethods } from "./numbermethods.js";
import { installSequenceTypes } from "./sequence.js";
import { installStrType } from "./str.js";
import { installDictType, PyMappingProxy } from "./dictobject.js";
import { installMiscTypes } from "./misc.js";
import { installFunctionTypes, functionType } from "./function.js";
import { installTypeObjects, wrapBuiltinSlots, MappingProxyHolder } from "./typeobject.js";
import { installIterators } from "./iterators.js";
import { installExceptionMethods } from "./excobject.js";
import { installGenericAlias } from "./genericalias.js";
import { makeBuiltinType, objectType, dictType } from "./core.js";

let booted = false;

export function bootObjects(): void {
  if (booted) return;
  booted = true;
  setDictFactory(() => new PyDict());
  dictHooks.hash = hash;
  dictHooks.eq = eq;
  setRecursionErrorType(RecursionError);
  setDictTypeRef(dictType);
  setTypeTypeRef(typeTypeObj);
  setFunctionTypeRef(functionType);
  installTypeObjects();
  installNumberSlots();
  installNumberMethods();
  installSequenceTypes();
  installStrType();
  installDictType();
  installMiscTypes(makeBuiltinType("set_iterator", objectType, 0));
  installFunctionTypes();
  installIterators();
  installExceptionMethods();
  MappingProxyHolder.make = PyMappingProxy as never;
  installGenericAlias();
  wrapBuiltinSlots();
}
