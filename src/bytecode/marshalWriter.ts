// marshal.dumps for CPython 3.13's format: MarshalValue (values.ts) and CodeObject -> bytes
// that CPython 3.13 loads to equal objects.
//
// Choices where CPython's output depends on its run-time state:
// - FLAG_REF: CPython flags an object when its reference count is above 1. Here every
//   object that can be referenced is flagged, and a later equal one (same value for str,
//   int, float and empty bytes/tuples; same JS object otherwise) is written as 'r'.
// - Interning ('Z'/'A'/'t' rather than 'z'/'a'/'u'): decided by position as CPython's code
//   objects decide it: names, co_filename, co_name and co_qualname; str constants made only
//   of ASCII letters, digits and '_' (also inside constant tuples and frozensets); and
//   anywhere the empty string and 1-character strings below U+0100 (CPython's singletons).
// - Sets and frozensets are written sorted by the marshal bytes of each item (bpo-37596).
// CPython: Python/marshal.c (w_object, w_complex_object).
import { CodeFlag, CodeObject } from "./code.js";
import { FLAG_REF, MAX_MARSHAL_STACK_DEPTH, MARSHAL_VERSION, MarshalError, SIZE32_MAX, TypeCode } from "./marshalFormat.js";
import { encodeUtf8Surrogatepass } from "./utf8Surrogatepass.js";
import {
  PyBytesValue, PyComplexValue, PyDictValue, PyListValue, PySetValue, PySingletonValue, PyTupleValue,
  type MarshalValue,
} from "./values.js";

export function dumps(value: MarshalValue, version: number = MARSHAL_VERSION): Uint8Array {
  const writer = new MarshalWriter(version);
  try {
    writer.writeObject(value, StrContext.Plain);
  } catch (error) {
    // Safety net for a caller already deep in the JS stack (see loads).
    if (error instanceof RangeError) throw new MarshalError("ValueError", "object too deeply nested to marshal");
    throw error;
  }
  return writer.result();
}

/** Where a str is written, which decides whether CPython would have interned it. */
const enum StrContext {
  Plain = 0, // only '' and 1-char latin-1 strings are interned
  Constant = 1, // inside a code object's co_consts: identifier-like strings too
  Name = 2, // names, co_filename, co_name, co_qualname: always
  // An item of co_consts itself: in a class body also the code's own co_qualname, which it
  // stores as `__qualname__ = 'A.B'`: CPython's compiler uses the very object that becomes
  // co_qualname and is interned with it (unless an equal str was interned before, which
  // depends on what the interpreter has loaded; see test/stdlibRoundtrip.test.ts).
  TopConstant = 3,
}

/** The context of the items of a container written in `context`. */
function nested(context: StrContext): StrContext {
  return context === StrContext.TopConstant ? StrContext.Constant : context;
}

const IDENTIFIER_LIKE = /^[A-Za-z0-9_]*$/;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

function isInterned(text: string, context: StrContext, qualname: string | null): boolean {
  if (context === StrContext.Name) return true;
  if (text.length === 0 || (text.length === 1 && text.charCodeAt(0) < 0x100)) return true;
  if (context === StrContext.TopConstant && text === qualname) return true;
  return context !== StrContext.Plain && IDENTIFIER_LIKE.test(text);
}

const floatBits = new DataView(new ArrayBuffer(8));

/**
 * A float with an identity: a JS Number object standing for one Python float object, in
 * the data that marshal.dumps/loads exchange with the marshal module (FLAG_REF and 'r'
 * then follow object identity, as in CPython). Code objects never hold these.
 */
// eslint-disable-next-line @typescript-eslint/no-wrapper-object-types
export type FloatObject = Number;

class MarshalWriter {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  private pos = 0;
  private depth = 0;
  private readonly version: number;
  private readonly useRefs: boolean;
  private refCount = 0;
  // Reference indices of what was written with FLAG_REF, by value or by identity.
  private readonly internedRefs = new Map<string, number>();
  private readonly strRefs = new Map<string, number>();
  private readonly intRefs = new Map<bigint, number>();
  private readonly floatRefs = new Map<bigint, number>();
  private readonly objectRefs = new Map<object, number>();
  private emptyBytesRef = -1;
  /** co_qualname of the code object whose co_consts are being written. */
  private qualname: string | null = null;
  private emptyTupleRef = -1;

  constructor(version: number) {
    this.version = version;
    this.useRefs = version >= 3;
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  // --- raw output --------------------------------------------------------------------

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.buf.subarray(0, this.pos));
    this.buf = bigger;
    this.view = new DataView(bigger.buffer);
  }

  private byte(b: number): void {
    this.reserve(1);
    this.buf[this.pos++] = b;
  }

  private int32(n: number): void {
    this.reserve(4);
    this.view.setInt32(this.pos, n | 0, true);
    this.pos += 4;
  }

  private size(n: number): void {
    if (n > SIZE32_MAX) throw new MarshalError("ValueError", "unmarshallable object");
    this.int32(n);
  }

  private raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  private float64(x: number): void {
    this.reserve(8);
    this.view.setFloat64(this.pos, x, true);
    this.pos += 8;
  }

  // --- references --------------------------------------------------------------------

  /**
   * w_ref: writes 'r' and returns -1 when an equal object was written before; otherwise
   * records the next index under `key` and returns FLAG_REF for the type byte.
   */
  private refFlag<K>(map: Map<K, number>, key: K): number {
    if (!this.useRefs) return 0;
    const index = map.get(key);
    if (index !== undefined) {
      this.byte(TypeCode.REF);
      this.int32(index);
      return -1;
    }
    map.set(key, this.refCount++);
    return FLAG_REF;
  }

  /** FLAG_REF for an object never written again as 'r'. */
  private newRefFlag(): number {
    if (!this.useRefs) return 0;
    this.refCount++;
    return FLAG_REF;
  }

  /** The same for singletons of CPython's (empty bytes, empty tuple), kept in a field. */
  private singletonFlag(which: "bytes" | "tuple"): number {
    if (!this.useRefs) return 0;
    const index = which === "bytes" ? this.emptyBytesRef : this.emptyTupleRef;
    if (index >= 0) {
      this.byte(TypeCode.REF);
      this.int32(index);
      return -1;
    }
    if (which === "bytes") this.emptyBytesRef = this.refCount++;
    else this.emptyTupleRef = this.refCount++;
    return FLAG_REF;
  }

  // --- objects -----------------------------------------------------------------------

  // Containers recurse through here and one helper each (two JS frames per nesting level).
  writeObject(value: MarshalValue, context: StrContext): void {
    if (++this.depth > MAX_MARSHAL_STACK_DEPTH) {
      throw new MarshalError("ValueError", "object too deeply nested to marshal");
    }
    if (value === null) this.byte(TypeCode.NONE);
    else if (value === NULL_MARK) this.byte(TypeCode.NULL);
    else if (typeof value === "boolean") this.byte(value ? TypeCode.TRUE : TypeCode.FALSE);
    else if (typeof value === "bigint") this.writeInt(value);
    else if (typeof value === "number") this.writeFloat(value);
    else if ((value as unknown) instanceof Number) this.writeFloatObject(value as unknown as FloatObject);
    else if (typeof value === "string") this.writeStr(value, isInterned(value, context, this.qualname));
    else if (value instanceof PyTupleValue) this.writeSequence(value.items, value, nested(context));
    else if (value instanceof PyBytesValue) this.writeBytes(value.bytes);
    else if (value instanceof CodeObject) this.writeCode(value);
    else if (value instanceof PySetValue) this.writeSet(value, nested(context));
    else if (value instanceof PySingletonValue) {
      this.byte(value === PySingletonValue.Ellipsis ? TypeCode.ELLIPSIS : TypeCode.STOPITER);
    } else if (value instanceof PyComplexValue) this.writeComplex(value);
    else this.writeMutable(value);
    this.depth--;
  }

  private writeMutable(value: MarshalValue): void {
    const context = StrContext.Plain;
    if (value instanceof PyListValue) {
      const flag = this.refFlag(this.objectRefs, value);
      if (flag < 0) return;
      this.byte(TypeCode.LIST | flag);
      this.size(value.items.length);
      for (const item of value.items) this.writeObject(item, context);
      return;
    }
    if (value instanceof PyDictValue) {
      const flag = this.refFlag(this.objectRefs, value);
      if (flag < 0) return;
      this.byte(TypeCode.DICT | flag);
      for (const [key, item] of value.entries) {
        this.writeObject(key, context);
        this.writeObject(item, context);
      }
      this.writeObject(NULL_MARK, context);
      return;
    }
    throw new MarshalError("ValueError", "unmarshallable object");
  }

  private writeInt(value: bigint): void {
    const flag = this.refFlag(this.intRefs, value);
    if (flag < 0) return;
    if (value >= -0x80000000n && value <= 0x7fffffffn) {
      this.byte(TypeCode.INT | flag);
      this.int32(Number(value));
      return;
    }
    const digits = bigIntToDigits(value < 0n ? -value : value);
    if (digits.length > SIZE32_MAX) throw new MarshalError("ValueError", "unmarshallable object");
    this.byte(TypeCode.LONG | flag);
    this.int32(value < 0n ? -digits.length : digits.length);
    this.reserve(digits.length * 2);
    for (const digit of digits) {
      this.view.setUint16(this.pos, digit, true);
      this.pos += 2;
    }
  }

  private writeFloat(x: number): void {
    floatBits.setFloat64(0, x);
    // Equal floats share one object, but each NaN stays its own: a set or dict tells NaN
    // objects apart only by identity.
    const flag = Number.isNaN(x) ? this.newRefFlag() : this.refFlag(this.floatRefs, floatBits.getBigUint64(0));
    if (flag < 0) return;
    this.writeFloatBody(x, flag);
  }

  /** A float with an identity (marshal.dumps of Python objects): referred back to only when the same object recurs. */
  private writeFloatObject(box: FloatObject): void {
    const flag = this.refFlag(this.objectRefs, box);
    if (flag < 0) return;
    this.writeFloatBody(box.valueOf(), flag);
  }

  private writeFloatBody(x: number, flag: number): void {
    if (this.version > 1) {
      this.byte(TypeCode.BINARY_FLOAT | flag);
      this.float64(x);
    } else {
      this.byte(TypeCode.FLOAT | flag);
      this.textFloat(x);
    }
  }

  private writeComplex(value: PyComplexValue): void {
    const flag = this.refFlag(this.objectRefs, value);
    if (flag < 0) return;
    if (this.version > 1) {
      this.byte(TypeCode.BINARY_COMPLEX | flag);
      this.float64(value.real);
      this.float64(value.imag);
    } else {
      this.byte(TypeCode.COMPLEX | flag);
      this.textFloat(value.real);
      this.textFloat(value.imag);
    }
  }

  /** Versions 0 and 1: a length byte and "%.17g" text. */
  private textFloat(x: number): void {
    const text = formatG17(x);
    this.byte(text.length);
    for (let i = 0; i < text.length; i++) this.byte(text.charCodeAt(i));
  }

  private writeBytes(bytes: Uint8Array): void {
    const flag = bytes.length === 0 ? this.singletonFlag("bytes") : this.refFlag(this.objectRefs, bytes);
    if (flag < 0) return;
    this.byte(TypeCode.STRING | flag);
    this.size(bytes.length);
    this.raw(bytes);
  }

  private writeStr(text: string, interned: boolean): void {
    const flag = this.refFlag(interned ? this.internedRefs : this.strRefs, text);
    if (flag < 0) return;
    if (this.version >= 4 && ASCII_ONLY.test(text)) {
      if (text.length < 256) {
        this.byte((interned ? TypeCode.SHORT_ASCII_INTERNED : TypeCode.SHORT_ASCII) | flag);
        this.byte(text.length);
      } else {
        this.byte((interned ? TypeCode.ASCII_INTERNED : TypeCode.ASCII) | flag);
        this.size(text.length);
      }
      this.reserve(text.length);
      for (let i = 0; i < text.length; i++) this.buf[this.pos++] = text.charCodeAt(i);
      return;
    }
    const utf8 = encodeUtf8Surrogatepass(text);
    this.byte((this.version >= 3 && interned ? TypeCode.INTERNED : TypeCode.UNICODE) | flag);
    this.size(utf8.length);
    this.raw(utf8);
  }

  /** A tuple; `identity` is the object that references are keyed on. */
  private writeSequence(items: readonly MarshalValue[], identity: object, context: StrContext): void {
    const flag = items.length === 0 ? this.singletonFlag("tuple") : this.refFlag(this.objectRefs, identity);
    if (flag < 0) return;
    if (this.version >= 4 && items.length < 256) {
      this.byte(TypeCode.SMALL_TUPLE | flag);
      this.byte(items.length);
    } else {
      this.byte(TypeCode.TUPLE | flag);
      this.size(items.length);
    }
    for (const item of items) this.writeObject(item, context);
  }

  /** A tuple of names (co_names, co_localsplusnames): every str in it is interned. */
  private writeNames(names: readonly string[]): void {
    if (++this.depth > MAX_MARSHAL_STACK_DEPTH) {
      throw new MarshalError("ValueError", "object too deeply nested to marshal");
    }
    this.writeSequence(names, names, StrContext.Name);
    this.depth--;
  }

  private writeSet(set: PySetValue, context: StrContext): void {
    const flag = this.refFlag(this.objectRefs, set);
    if (flag < 0) return;
    this.byte((set.frozen ? TypeCode.FROZENSET : TypeCode.SET) | flag);
    this.size(set.items.length);
    // Sorted by each item's own marshal bytes, as sorted(v, key=marshal.dumps) would be.
    const keyed = set.items.map((item) => ({ item, key: this.standaloneDump(item, context) }));
    keyed.sort((a, b) => compareBytes(a.key, b.key));
    for (const { item } of keyed) this.writeObject(item, context);
  }

  private standaloneDump(item: MarshalValue, context: StrContext): Uint8Array {
    const writer = new MarshalWriter(this.version);
    try {
      writer.writeObject(item, context);
    } catch (error) {
      // CPython reports any failure of these inner dumps as its own generic error.
      if (error instanceof MarshalError) throw new MarshalError("ValueError", "unmarshallable object");
      throw error;
    }
    return writer.result();
  }

  private writeCode(code: CodeObject): void {
    const flag = this.refFlag(this.objectRefs, code);
    if (flag < 0) return;
    this.byte(TypeCode.CODE | flag);
    this.int32(code.co_argcount);
    this.int32(code.co_posonlyargcount);
    this.int32(code.co_kwonlyargcount);
    this.int32(code.co_stacksize);
    this.int32(code.co_flags);
    this.writeField(code.co_code);
    const outerQualname = this.qualname;
    const isClassBody = (code.co_flags & CodeFlag.OPTIMIZED) === 0 && code.co_name !== "<module>";
    this.qualname = isClassBody ? code.co_qualname : null;
    this.writeField(code.co_consts);
    this.qualname = outerQualname;
    this.writeNames(code.co_names);
    this.writeNames(code.co_localsplusnames);
    this.writeField(code.co_localspluskinds);
    this.writeName(code.co_filename);
    this.writeName(code.co_name);
    this.writeName(code.co_qualname);
    this.int32(code.co_firstlineno);
    this.writeField(code.co_linetable);
    this.writeField(code.co_exceptiontable);
  }

  /** A code object field held as a plain array (co_consts) or typed array (bytes). */
  private writeField(field: Uint8Array | readonly MarshalValue[]): void {
    if (++this.depth > MAX_MARSHAL_STACK_DEPTH) {
      throw new MarshalError("ValueError", "object too deeply nested to marshal");
    }
    if (field instanceof Uint8Array) this.writeBytes(field);
    else this.writeSequence(field, field, StrContext.TopConstant);
    this.depth--;
  }

  private writeName(name: string): void {
    this.writeObject(name, StrContext.Name);
  }
}

/** Stands for C's NULL, the end mark of a dict. */
const NULL_MARK = { null: true } as unknown as MarshalValue;

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** A non-negative bigint as 15-bit digits, least significant first. */
export function bigIntToDigits(magnitude: bigint): number[] {
  const digits: number[] = [];
  if (magnitude <= 0xffffffffffffn) {
    let small = Number(magnitude);
    while (small > 0) {
      digits.push(small % 32768);
      small = Math.floor(small / 32768);
    }
    return digits;
  }
  // Through hex: linear, where repeated shifts of a large bigint would be quadratic.
  const hex = magnitude.toString(16);
  let acc = 0;
  let accBits = 0;
  for (let i = hex.length - 1; i >= 0; i--) {
    acc |= parseInt(hex[i], 16) << accBits;
    accBits += 4;
    if (accBits >= 15) {
      digits.push(acc & 0x7fff);
      acc >>>= 15;
      accBits -= 15;
    }
  }
  if (acc !== 0) digits.push(acc);
  while (digits.length > 0 && digits[digits.length - 1] === 0) digits.pop();
  return digits;
}

/** C's "%.17g" (PyOS_double_to_string(x, 'g', 17, 0)): what versions < 2 write for floats. */
export function formatG17(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const [mantissa, expText] = x.toExponential(16).split("e");
  const exponent = Number(expText);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "").replace(/0+$/, "");
  if (exponent < -4 || exponent >= 17) {
    const fraction = digits.length > 1 ? "." + digits.slice(1) : "";
    const expSign = exponent < 0 ? "-" : "+";
    return `${sign}${digits[0]}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return sign + digits + "0".repeat(exponent + 1 - digits.length);
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}
