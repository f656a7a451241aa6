// _abc: the bookkeeping behind abc.ABCMeta (Modules/_abc.c). With it, abc.py takes its C
// path (as CPython does) instead of _py_abc: ABC registration also sets the
// pattern-matching flags (`collections.abc.Sequence.register(C)` makes `case [*_]` match
// C's instances), and these helpers add no Python frames (typing's Protocol checks look
// at their caller's module).
import { PyObject, PyObj, PyType, None, NotImplemented, TypeFlag, COLLECTION_FLAGS, typeOf, intType } from "../objects/core.js";
import { PyModule } from "../objects/function.js";
import { typeError, overflowError, newException, AssertionError, RuntimeError } from "../objects/exceptions.js";
import {
  call, getAttr, getAttrOrNull, setAttr, getItem, isTrue, isInstance, isSubclass, toArray,
} from "../objects/abstract.js";
import { PyList, PyTuple, newTuple } from "../objects/sequence.js";
import { PySet } from "../objects/misc.js";
import { defineMethod } from "../objects/descr.js";
import type { Interpreter } from "./interp.js";
import { defModuleFn, nativeType } from "./modutil.js";

/** Bumped by every registration: invalidates every ABC's negative cache. */
let invalidationCounter = 0;

/**
 * The state of one ABC (_abc._abc_data). The sets hold the classes themselves, hashed and
 * compared as the C module's weak references to them would be.
 */
class AbcData extends PyObject {
  declare registry: PySet;
  declare cache: PySet;
  declare negativeCache: PySet;
  declare negativeCacheVersion: number;
  constructor(type: PyType) {
    super(type);
    this.registry = new PySet();
    this.cache = new PySet();
    this.negativeCache = new PySet();
    this.negativeCacheVersion = invalidationCounter;
  }
}

let abcDataType: PyType | null = null;
function getAbcDataType(): PyType {
  if (abcDataType === null) {
    abcDataType = nativeType("_abc", "_abc_data", (t) => {
      t.tp_new = (cls) => new AbcData(cls);
      t.dict.setStr("__doc__", "Internal state held by ABC machinery.");
    });
  }
  return abcDataType;
}

function getImpl(self: PyObj): AbcData {
  const impl = getAttr(self, "_abc_impl");
  if (!(impl instanceof AbcData) || impl.type !== abcDataType) throw typeError("_abc_impl is set to a wrong type");
  return impl;
}

function isAbstract(v: PyObj): boolean {
  const flag = getAttrOrNull(v, "__isabstractmethod__");
  return flag !== null && isTrue(flag);
}

/** Sets `__abstractmethods__`: abstract names of the class body and still-abstract inherited ones. */
function computeAbstractMethods(self: PyObj): void {
  const abstracts = new PySet();
  const ns = getAttr(self, "__dict__");
  for (const key of toArray(call(getAttr(ns, "keys"), []))) {
    if (isAbstract(getItem(ns, key))) abstracts.add(key);
  }
  const bases = getAttr(self, "__bases__");
  if (!(bases instanceof PyTuple)) throw typeError("__bases__ is not tuple");
  for (const base of bases.items) {
    const inherited = getAttrOrNull(base, "__abstractmethods__");
    if (inherited === null) continue;
    for (const name of toArray(inherited)) {
      if (typeof name !== "string") throw typeError(`attribute name must be string, not '${typeOf(name).name}'`);
      const value = getAttrOrNull(self, name);
      if (value !== null && isAbstract(value)) abstracts.add(name);
    }
  }
  setAttr(self, "__abstractmethods__", PySet.fromItems(abstracts.items(), true));
}

function abcInit(self: PyObj): PyObj {
  computeAbstractMethods(self);
  setAttr(self, "_abc_impl", new AbcData(getAbcDataType()));
  return initCollectionFlags(self);
}

function abcRegister(self: PyObj, subclass: PyObj): PyObj {
  if (!(subclass instanceof PyType)) throw typeError("Can only register classes");
  if (isSubclass(subclass, self)) return subclass; // Already a subclass.
  // Tested after "already a subclass", so that X.register(X) is a no-op.
  if (isSubclass(self, subclass)) throw newException(RuntimeError, "Refusing to create an inheritance cycle");
  getImpl(self).registry.add(subclass);
  invalidationCounter++; // Invalidates the negative caches.
  registerCollectionFlag(self, subclass);
  return subclass;
}

function callSubclassCheck(self: PyObj, cls: PyObj): PyObj {
  return call(getAttr(self, "__subclasscheck__"), [cls]);
}

function abcInstanceCheck(self: PyObj, instance: PyObj): PyObj {
  const impl = getImpl(self);
  const subclass = getAttr(instance, "__class__");
  if (impl.cache.has(subclass)) return true;
  const subtype = typeOf(instance);
  if (subtype === subclass) {
    if (impl.negativeCacheVersion === invalidationCounter && impl.negativeCache.has(subclass)) return false;
    return callSubclassCheck(self, subclass);
  }
  const result = callSubclassCheck(self, subclass);
  if (isTrue(result)) return result;
  return callSubclassCheck(self, subtype);
}

function abcSubclassCheck(self: PyObj, subclass: PyObj): PyObj {
  if (!(subclass instanceof PyType)) throw typeError("issubclass() arg 1 must be a class");
  const impl = getImpl(self);
  // 1. The cache.
  if (impl.cache.has(subclass)) return true;
  // 2. The negative cache, cleared when a registration happened since it was filled.
  if (impl.negativeCacheVersion < invalidationCounter) {
    impl.negativeCache.clear();
    impl.negativeCacheVersion = invalidationCounter;
  } else if (impl.negativeCache.has(subclass)) {
    return false;
  }
  // 3. The subclass hook.
  const ok = call(getAttr(self, "__subclasshook__"), [subclass]);
  if (ok === true) {
    impl.cache.add(subclass);
    return true;
  }
  if (ok === false) {
    impl.negativeCache.add(subclass);
    return false;
  }
  if (ok !== NotImplemented) {
    throw newException(AssertionError, "__subclasshook__ must return either False, True, or NotImplemented");
  }
  // 4. A real subclass.
  if (subclass.mro.includes(self as PyType)) {
    impl.cache.add(subclass);
    return true;
  }
  // 5. A subclass of a registered class.
  if (impl.registry.has(subclass)) return true;
  for (const registered of impl.registry.items()) {
    if (isSubclass(subclass, registered)) {
      impl.cache.add(subclass);
      return true;
    }
  }
  // 6. A subclass of a subclass.
  const subclasses = call(getAttr(self, "__subclasses__"), []);
  if (!(subclasses instanceof PyList)) throw typeError("__subclasses__() must return a list");
  for (const scls of subclasses.items.slice()) {
    if (isSubclass(subclass, scls)) {
      impl.cache.add(subclass);
      return true;
    }
  }
  impl.negativeCache.add(subclass);
  return false;
}

/**
 * _abc_init's part on the type: pops `__abc_tpflags__` from the class dict and keeps its
 * SEQUENCE/MAPPING bits (collections.abc's Sequence and Mapping declare them).
 */
function initCollectionFlags(cls: PyObj): PyObj {
  if (!(cls instanceof PyType)) return None;
  const flags = cls.dict.getStr("__abc_tpflags__");
  if (flags === undefined) return None;
  cls.dict.delete("__abc_tpflags__");
  cls.invalidateCaches();
  // Only an exact int counts (PyLong_CheckExact); a JS number is one.
  if (typeof flags !== "number" && typeof flags !== "bigint") return None;
  if (typeOf(flags) !== intType) return None;
  if (typeof flags === "bigint") throw overflowError("Python int too large to convert to C long");
  if ((flags & COLLECTION_FLAGS) === COLLECTION_FLAGS) {
    throw typeError("__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING");
  }
  cls.flags |= flags & COLLECTION_FLAGS;
  return None;
}

/**
 * The flag of a registered class and its subclasses (set_collection_flag_recursive):
 * builtin types keep theirs, and a class that already has this flag stops the walk.
 */
function setCollectionFlagRecursive(child: PyType, flag: number): void {
  if (!(child.flags & TypeFlag.HEAPTYPE) || (child.flags & COLLECTION_FLAGS) === flag) return;
  child.flags = (child.flags & ~COLLECTION_FLAGS) | flag;
  for (const grandchild of child.subclasses.slice()) setCollectionFlagRecursive(grandchild, flag);
}

function registerCollectionFlag(abc: PyObj, subclass: PyObj): PyObj {
  if (abc instanceof PyType && subclass instanceof PyType) {
    const flag = abc.flags & COLLECTION_FLAGS;
    if (flag !== 0) setCollectionFlagRecursive(subclass, flag);
  }
  return None;
}

export function makeAbcModule(interp: Interpreter): PyModule {
  const m = new PyModule("_abc");
  m.dict.setStr("__doc__", "Module contains faster C implementation of abc.ABCMeta");
  m.dict.setStr("_abc_data", getAbcDataType());
  defModuleFn(m, "get_cache_token", () => invalidationCounter);
  defModuleFn(m, "_abc_init", (args) => abcInit(arg(args, 0)));
  defModuleFn(m, "_abc_register", (args) => abcRegister(arg(args, 0), arg(args, 1)));
  defModuleFn(m, "_abc_instancecheck", (args) => abcInstanceCheck(arg(args, 0), arg(args, 1)));
  defModuleFn(m, "_abc_subclasscheck", (args) => abcSubclassCheck(arg(args, 0), arg(args, 1)));
  defModuleFn(m, "_get_dump", (args) => {
    // Weak references, as the C module keeps them (TSPython's keep their referents alive).
    const impl = getImpl(arg(args, 0));
    const ref = getAttr(interp.importModule("_weakref", None, None, 0), "ref");
    const refs = (s: PySet) => PySet.fromItems(s.items().map((c) => call(ref, [c])), false);
    return newTuple([refs(impl.registry), refs(impl.cache), refs(impl.negativeCache), impl.negativeCacheVersion]);
  });
  defModuleFn(m, "_reset_registry", (args) => {
    getImpl(arg(args, 0)).registry.clear();
    return None;
  });
  defModuleFn(m, "_reset_caches", (args) => {
    const impl = getImpl(arg(args, 0));
    impl.cache.clear();
    impl.negativeCache.clear();
    return None;
  });
  return m;
}

function arg(args: PyObj[], i: number): PyObj {
  if (i >= args.length) throw typeError(`expected ${i + 1} arguments, got ${args.length}`);
  return args[i];
}
