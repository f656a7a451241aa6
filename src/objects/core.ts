// The object model's core: the value representation, PyObject, PyType (one hidden class
// for every type, CPython's slot names as flat fields), the singletons and typeOf().
// Design notes: src/objects/README.md. This file imports no other object file at run
// time, so every other file can build on it without import cycles.
import type { PyDict } from "./dict.js";

/**
 * A Python value. int is a JS number while it is a safe integer and a bigint beyond
 * (always normalised back); bool is a JS boolean; str is a JS string; everything else
 * (float included, since a JS number means int) is a PyObject.
 */
export type PyObj = number | bigint | boolean | string | PyObject;

/** Argument vector of a call: positional values, then the values of `kwnames`. */
export type KwNames = readonly string[] | null;

export type UnarySlot = (a: PyObj) => PyObj;
export type BinarySlot = (a: PyObj, b: PyObj) => PyObj;
export type TernarySlot = (a: PyObj, b: PyObj, c: PyObj) => PyObj;
export type CallSlot = (callable: PyObj, args: PyObj[], kwnames: KwNames) => PyObj;
export type NewSlot = (cls: PyType, args: PyObj[], kwnames: KwNames) => PyObj;
export type InitSlot = (self: PyObj, args: PyObj[], kwnames: KwNames) => void;
export type GetattroSlot = (obj: PyObj, name: string) => PyObj | null;
export type SetattroSlot = (obj: PyObj, name: string, value: PyObj | null) => void;
export type RichcmpSlot = (a: PyObj, b: PyObj, op: number) => PyObj;
export type HashSlot = (a: PyObj) => number;
export type ReprSlot = (a: PyObj) => string;
export type BoolSlot = (a: PyObj) => boolean;
export type LenSlot = (a: PyObj) => number;
/** Next item, or null when the iterator is exhausted (no StopIteration thrown). */
export type IternextSlot = (a: PyObj) => PyObj | null;
export type DescrGetSlot = (descr: PyObj, obj: PyObj | null, type: PyType | null) => PyObj;
export type DescrSetSlot = (descr: PyObj, obj: PyObj, value: PyObj | null) => void;
export type AssSubscriptSlot = (obj: PyObj, key: PyObj, value: PyObj | null) => void;
export type ContainsSlot = (obj: PyObj, item: PyObj) => boolean;

/** Every Python object that is not an int, bool or str. */
export class PyObject {
  declare type: PyType;
  /** The instance __dict__, or null for objects without one. */
  declare dict: PyDict | null;
  constructor(type: PyType) {
    this.type = type;
    this.dict = null;
  }
}

/** Number of binary operators of BINARY_OP (NB_ADD .. NB_XOR); in-place ones add 13. */
export const NB_COUNT = 13;

/** Type flags (a few of CPython's Py_TPFLAGS_*). */
export const enum TypeFlag {
  /** Instances match sequence patterns (MATCH_SEQUENCE); inherited, set by Sequence.register. */
  SEQUENCE = 1 << 5,
  /** Instances match mapping patterns (MATCH_MAPPING); inherited, set by Mapping.register. */
  MAPPING = 1 << 6,
  HEAPTYPE = 1 << 9,
  BASETYPE = 1 << 10,
  ABSTRACT = 1 << 20,
  LONG_SUBCLASS = 1 << 24,
  LIST_SUBCLASS = 1 << 25,
  TUPLE_SUBCLASS = 1 << 26,
  BYTES_SUBCLASS = 1 << 27,
  UNICODE_SUBCLASS = 1 << 28,
  DICT_SUBCLASS = 1 << 29,
  BASE_EXC_SUBCLASS = 1 << 30,
  TYPE_SUBCLASS = 1 << 31,
}

/** The pattern-matching flags: a type has at most one of them. */
export const COLLECTION_FLAGS = TypeFlag.SEQUENCE | TypeFlag.MAPPING;

/** See PyType.jitCache. */
export interface TypeJitCache {
  readonly version: number;
  /** The MRO lookups of __init__ and __await__ (null: absent). */
  readonly init: PyObj | null;
  readonly await: PyObj | null;
  /** The MRO lookups of __enter__ and __exit__ (null: absent). */
  readonly enter: PyObj | null;
  readonly exit: PyObj | null;
  /** The MRO lookup of __next__ (FOR_ITER calls a Python one directly). */
  readonly next: PyObj | null;
  /** No __abstractmethods__ in the class dict and not ABSTRACT: object.__new__ only allocates. */
  readonly plainAlloc: boolean;
}

/**
 * A Python type. All types share this one JS class (one hidden class). Slots keep
 * CPython's names; `nb_binary[op]` / `nb_inplace[op]` hold the binary-operator slots
 * indexed by BINARY_OP's oparg (differs from CPython's nb_add.. fields so that the eval
 * loop indexes instead of switching).
 */
export class PyType extends PyObject {
  declare dict: PyDict;
  declare name: string;
  declare qualname: string;
  declare bases: PyType[];
  declare base: PyType | null;
  declare mro: PyType[];
  declare flags: number;
  /** Direct subclasses, for slot and cache updates when a class changes. */
  declare subclasses: PyType[];
  /**
   * Bumped (to a globally unique value) whenever this type's or a base's dict changes:
   * the VM's per-instruction attribute caches compare it.
   */
  declare version: number;
  /**
   * MRO lookup cache: name -> where the attribute lives (dict + slot) or null (absent).
   * Holding the slot rather than the value means that rebinding an existing class
   * attribute (a class-level counter) invalidates nothing; adding or deleting a name
   * anywhere along the MRO does (invalidateCaches).
   */
  declare lookupCache: Map<string, LookupEntry | null>;
  /**
   * What the JIT tier (vm/jit/runtime.ts) looked up on this type for instantiation and
   * `await`, valid while `version` is unchanged; null until first used.
   */
  declare jitCache: TypeJitCache | null;
  /**
   * hash.ts: the tp_hash slot the exact hasher below was found for (the slot may change
   * when __hash__ is assigned), and that hasher (null: none, the slot's number is used).
   */
  declare exactHashSlot: HashSlot | null;
  declare exactHash: ((v: PyObj) => void) | null;
  declare exactHashGeneration: number;
  /** Makes an uninitialised instance of this type's JS layout (the solid base's). */
  tp_alloc: (cls: PyType) => PyObject;
  /** Instances carry a __dict__. */
  declare instancesHaveDict: boolean;
  /** Names of __slots__ for heap types (null: none declared). */
  declare slotNames: string[] | null;
  declare tp_new: NewSlot | null;
  declare tp_init: InitSlot | null;
  declare tp_call: CallSlot | null;
  declare tp_getattro: GetattroSlot | null;
  declare tp_setattro: SetattroSlot | null;
  declare tp_repr: ReprSlot | null;
  declare tp_str: ReprSlot | null;
  declare tp_hash: HashSlot | null;
  declare tp_richcompare: RichcmpSlot | null;
  declare tp_iter: UnarySlot | null;
  declare tp_iternext: IternextSlot | null;
  declare tp_descr_get: DescrGetSlot | null;
  declare tp_descr_set: DescrSetSlot | null;
  declare nb_bool: BoolSlot | null;
  declare nb_negative: UnarySlot | null;
  declare nb_positive: UnarySlot | null;
  declare nb_invert: UnarySlot | null;
  declare nb_absolute: UnarySlot | null;
  declare nb_index: UnarySlot | null;
  declare nb_int: UnarySlot | null;
  declare nb_float: UnarySlot | null;
  nb_binary: (BinarySlot | null)[];
  nb_inplace: (BinarySlot | null)[];
  declare nb_power3: TernarySlot | null;
  declare sq_length: LenSlot | null;
  declare sq_contains: ContainsSlot | null;
  declare mp_subscript: BinarySlot | null;
  declare mp_ass_subscript: AssSubscriptSlot | null;

  constructor(metatype: PyType | null, name: string, dict: PyDict) {
    // `type` itself is its own metatype; it is patched right after creation.
    super(metatype as PyType);
    this.dict = dict;
    this.name = name;
    this.qualname = name;
    this.bases = [];
    this.base = null;
    this.mro = [];
    this.flags = 0;
    this.subclasses = [];
    this.lookupCache = new Map();
    this.jitCache = null;
    this.exactHashSlot = null;
    this.exactHash = null;
    this.exactHashGeneration = -1;
    this.version = ++typeVersionCounter;
    this.tp_alloc = allocPlain;
    this.instancesHaveDict = false;
    this.slotNames = null;
    this.tp_new = null;
    this.tp_init = null;
    this.tp_call = null;
    this.tp_getattro = null;
    this.tp_setattro = null;
    this.tp_repr = null;
    this.tp_str = null;
    this.tp_hash = null;
    this.tp_richcompare = null;
    this.tp_iter = null;
    this.tp_iternext = null;
    this.tp_descr_get = null;
    this.tp_descr_set = null;
    this.nb_bool = null;
    this.nb_negative = null;
    this.nb_positive = null;
    this.nb_invert = null;
    this.nb_absolute = null;
    this.nb_index = null;
    this.nb_int = null;
    this.nb_float = null;
    this.nb_binary = new Array<BinarySlot | null>(NB_COUNT).fill(null);
    this.nb_inplace = new Array<BinarySlot | null>(NB_COUNT).fill(null);
    this.nb_power3 = null;
    this.sq_length = null;
    this.sq_contains = null;
    this.mp_subscript = null;
    this.mp_ass_subscript = null;
  }

  /** Finds `name` along the MRO (CPython's _PyType_Lookup), cached per type. */
  lookup(name: string): PyObj | null {
    const e = this.lookupEntry(name);
    return e === null ? null : e.dict.valueList[e.index];
  }

  /** Where `name` lives along the MRO (cached), or null. */
  lookupEntry(name: string): LookupEntry | null {
    const cache = this.lookupCache;
    const hit = cache.get(name);
    if (hit !== undefined) return hit;
    let found: LookupEntry | null = null;
    const mro = this.mro;
    for (let i = 0; i < mro.length; i++) {
      const d = mro[i].dict;
      const idx = d.index.get(name);
      if (idx !== undefined) {
        found = new LookupEntry(d, idx);
        break;
      }
    }
    cache.set(name, found);
    return found;
  }

  /** Forgets cached lookups of this type and its subclasses (after a dict change). */
  invalidateCaches(): void {
    if (this.lookupCache.size > 0) this.lookupCache = new Map();
    this.version = ++typeVersionCounter;
    for (const sub of this.subclasses) sub.invalidateCaches();
  }

  isSubtypeOf(other: PyType): boolean {
    if (this === other) return true;
    const mro = this.mro;
    for (let i = 0; i < mro.length; i++) if (mro[i] === other) return true;
    return false;
  }
}

let typeVersionCounter = 0;

/** A cached MRO lookup result: the dict holding the name and its slot there. */
export class LookupEntry {
  declare readonly dict: PyDict;
  declare readonly index: number;
  constructor(dict: PyDict, index: number) {
    this.dict = dict;
    this.index = index;
  }
}

function allocPlain(cls: PyType): PyObject {
  return new PyObject(cls);
}

/**
 * The builtin type objects, created here (empty) so every file can refer to them;
 * each type's file fills in its slots and methods. `makeBuiltinType` is the factory.
 */
export const typeRegistry: PyType[] = [];
let dictFactory: (() => PyDict) | null = null;
export function setDictFactory(f: () => PyDict): void {
  dictFactory = f;
  for (const t of typeRegistry) if (t.dict === (null as unknown as PyDict)) t.dict = f();
}

export function makeBuiltinType(name: string, base: PyType | null, flags: number = TypeFlag.BASETYPE): PyType {
  const t = new PyType(typeType ?? null, name, dictFactory ? dictFactory() : (null as unknown as PyDict));
  t.flags = flags;
  if (base) {
    // A builtin subclass (structseqs of tuple...) matches patterns as its base does.
    if ((flags & COLLECTION_FLAGS) === 0) t.flags |= base.flags & COLLECTION_FLAGS;
    t.base = base;
    t.bases = [base];
    t.mro = [t, ...base.mro];
    t.tp_alloc = base.tp_alloc;
    base.subclasses.push(t);
  } else {
    t.mro = [t];
  }
  typeRegistry.push(t);
  return t;
}

// `object` and `type` first; `type` is its own metatype.
let typeType: PyType | undefined;
export const objectType = makeBuiltinType("object", null);
typeType = makeBuiltinType("type", objectType, TypeFlag.BASETYPE | TypeFlag.TYPE_SUBCLASS);
export const typeTypeObj: PyType = typeType;
for (const t of typeRegistry) t.type = typeTypeObj;

export const intType = makeBuiltinType("int", objectType, TypeFlag.BASETYPE | TypeFlag.LONG_SUBCLASS);
export const boolType = makeBuiltinType("bool", intType, TypeFlag.LONG_SUBCLASS);
export const floatType = makeBuiltinType("float", objectType);
export const complexType = makeBuiltinType("complex", objectType);
export const strType = makeBuiltinType("str", objectType, TypeFlag.BASETYPE | TypeFlag.UNICODE_SUBCLASS);
export const bytesType = makeBuiltinType("bytes", objectType, TypeFlag.BASETYPE | TypeFlag.BYTES_SUBCLASS);
export const bytearrayType = makeBuiltinType("bytearray", objectType);
export const tupleType = makeBuiltinType("tuple", objectType, TypeFlag.BASETYPE | TypeFlag.TUPLE_SUBCLASS | TypeFlag.SEQUENCE);
export const listType = makeBuiltinType("list", objectType, TypeFlag.BASETYPE | TypeFlag.LIST_SUBCLASS | TypeFlag.SEQUENCE);
export const dictType = makeBuiltinType("dict", objectType, TypeFlag.BASETYPE | TypeFlag.DICT_SUBCLASS | TypeFlag.MAPPING);
export const setType = makeBuiltinType("set", objectType);
export const frozensetType = makeBuiltinType("frozenset", objectType);
export const noneType = makeBuiltinType("NoneType", objectType, 0);
export const notImplementedType = makeBuiltinType("NotImplementedType", objectType, 0);
export const ellipsisType = makeBuiltinType("ellipsis", objectType, 0);

/** The singletons. None is an object (not JS null: null means "no value", C's NULL). */
export const None = new PyObject(noneType);
export const NotImplemented = new PyObject(notImplementedType);
export const Ellipsis = new PyObject(ellipsisType);

/**
 * float: boxed, since a JS number is an int. Immutable. A plain constructor function rather than `class ... extends PyObject`: a
 * derived class runs PyObject's constructor, whose stores see every layout (megamorphic)
 * whenever V8 does not inline it, as often in the JIT's large compiled functions.
 */
export interface PyFloat extends PyObject {
  readonly value: number;
}
function PyFloatInit(this: PyFloat, value: number, type: PyType = floatType): void {
  this.type = type;
  this.dict = null;
  (this as { value: number }).value = value;
}
PyFloatInit.prototype = Object.create(PyObject.prototype) as PyFloat;
export const PyFloat = PyFloatInit as unknown as { new (value: number, type?: PyType): PyFloat; prototype: PyFloat };

/** An instance of a user subclass of int: keeps its integer value. */
export class PyIntSubclassObj extends PyObject {
  declare value: number | bigint;
  constructor(type: PyType, value: number | bigint) {
    super(type);
    this.value = value;
  }
}

/** An instance of a user subclass of str. */
export class PyStrSubclassObj extends PyObject {
  declare value: string;
  constructor(type: PyType, value: string) {
    super(type);
    this.value = value;
  }
}

/** The type of any Python value. */
export function typeOf(v: PyObj): PyType {
  switch (typeof v) {
    case "number":
    case "bigint":
      return intType;
    case "string":
      return strType;
    case "boolean":
      return boolType;
    default:
      return v.type;
  }
}

export function typeName(v: PyObj): string {
  return typeOf(v).name;
}

export function isSubtype(a: PyType, b: PyType): boolean {
  return a.isSubtypeOf(b);
}

export function isInstance(v: PyObj, t: PyType): boolean {
  return typeOf(v).isSubtypeOf(t);
}

/** Normalises an integer result: a bigint that is a safe integer becomes a number. */
export function normInt(v: bigint): number | bigint {
  if (v >= -9007199254740991n && v <= 9007199254740991n) return Number(v);
  return v;
}

export const newFloat = (v: number): PyFloat => new PyFloat(v);

/** object.__hash__ and object's comparison: identity. Dicts key such objects by identity. */
const identityHashes = new WeakMap<object, number>();
let nextIdentity = 1;
export function identityId(o: object): number {
  let h = identityHashes.get(o);
  if (h === undefined) {
    h = nextIdentity++;
    identityHashes.set(o, h);
  }
  return h;
}
/** Gives `o` the identity `id` (vm/generators.ts: a finalized coroutine rebuilt around its frame keeps its id). */
export function adoptIdentityId(o: object, id: number): void { identityHashes.set(o, id); }
export const identityHash: HashSlot = (a) => identityId(a as PyObject);
export const identityRichcompare: RichcmpSlot = (a, b, op) => {
  if (op === 2) return a === b ? true : NotImplemented;
  if (op === 3) return a === b ? false : NotImplemented;
  return NotImplemented;
};

/**
 * The hooks through which the object layer reaches the VM (which it may not import):
 * calling Python code. Set by vm/interpreter.ts at start-up.
 */
export const runtimeHooks = {
  /** Calls any callable. */
  call: null as unknown as (callable: PyObj, args: PyObj[], kwnames: KwNames) => PyObj,
  /** Calls any callable with one / two positional arguments (no arguments array). */
  call1: null as unknown as (callable: PyObj, a: PyObj) => PyObj,
  call2: null as unknown as (callable: PyObj, a: PyObj, b: PyObj) => PyObj,
  /** warnings.warn(message, category, stacklevel) (set with the builtins; null before). */
  warn: null as ((category: PyType, message: string, stacklevel: number) => void) | null,
};
