// marshal.loads for CPython 3.13's format: bytes -> MarshalValue (values.ts), code objects
// -> CodeObject. Every malformed input ends in a MarshalError with the type and message that
// CPython 3.13 (64-bit Linux) raises for it; nothing is allocated from a size field before
// the input has been checked to hold that much.
// CPython: Python/marshal.c (r_object and helpers), Objects/codeobject.c (_PyCode_Validate).
import { CodeObject, CodeFlag, LocalKind } from "./code.js";
import { FLAG_REF, MAX_MARSHAL_STACK_DEPTH, MarshalError, SIZE32_MAX, TypeCode } from "./marshalFormat.js";
import { decodeUtf8Surrogatepass } from "./utf8Surrogatepass.js";
import {
  PyBytesValue, PyComplexValue, PyDictValue, PyListValue, PySetValue, PySingletonValue, PyTupleValue,
  type MarshalValue,
} from "./values.js";

/** What TYPE_NULL ('0') reads as: the end of a dict, an error anywhere else. */
const NULL_OBJECT: unique symbol = Symbol("NULL");
type ReadResult = MarshalValue | typeof NULL_OBJECT;

/** A reference slot handed out but not filled yet (CPython keeps None there). */
const RESERVED: unique symbol = Symbol("reserved");

// _PyCode_Validate's PyErr_BadInternalCall(): the file and line are part of the message
// (this line is CPython 3.13.2's, the oracle's; 3.13.0 says 412).
const BAD_INTERNAL_CALL = "Objects/codeobject.c:423: bad argument to internal function";

const eof = (): MarshalError => new MarshalError("EOFError", "EOF read where object expected");
const tooShort = (): MarshalError => new MarshalError("EOFError", "marshal data too short");
const nullIn = (container: string): MarshalError =>
  new MarshalError("TypeError", `NULL object in marshal data for ${container}`);
const badData = (what: string): MarshalError => new MarshalError("ValueError", `bad marshal data (${what})`);

/**
 * `floatObjects`: floats outside code objects come back as FloatObjects (marshalWriter.ts),
 * one per object in the data, so that a float referred to twice ('r') is one object.
 */
export function loads(data: Uint8Array, floatObjects = false): MarshalValue {
  return readTop(new MarshalReader(data, floatObjects));
}

/** The first object in `data` and how many bytes it took (marshal.load reads one object of a file). */
export function loadsPrefix(data: Uint8Array, floatObjects = false): { value: MarshalValue; length: number } {
  const reader = new MarshalReader(data, floatObjects);
  const value = readTop(reader);
  return { value, length: reader.consumed };
}

function readTop(reader: MarshalReader): MarshalValue {
  let value: ReadResult;
  try {
    value = reader.readObject();
  } catch (error) {
    // Safety net: a caller already deep in the JS stack can run out of it before the 2000
    // levels CPython allows; that must still end as a Python error.
    if (error instanceof RangeError) throw new MarshalError("ValueError", "recursion limit exceeded");
    throw error;
  }
  if (value === NULL_OBJECT) throw new MarshalError("TypeError", "NULL object in marshal data for object");
  return value;
}

class MarshalReader {
  private readonly data: Uint8Array;
  private readonly view: DataView;
  private pos = 0;
  /** Bytes read so far. */
  get consumed(): number {
    return this.pos;
  }
  private depth = 0;
  private readonly refs: (MarshalValue | typeof RESERVED)[] = [];
  private readonly tuplesBeingRead = new Set<object>();
  private readonly hashKeys = new HashKeys(this.tuplesBeingRead);

  /** Code objects being read (their constants stay plain numbers). */
  private codeDepth = 0;

  constructor(data: Uint8Array, private readonly floatObjects = false) {
    this.data = data;
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  /** A float read from the data: a FloatObject when asked for and not inside a code object. */
  private float(x: number): MarshalValue {
    return this.floatObjects && this.codeDepth === 0 ? (new Number(x) as unknown as MarshalValue) : x;
  }

  // --- primitive reads ---------------------------------------------------------------

  private readInt32(): number {
    if (this.data.length - this.pos < 4) throw tooShort();
    const value = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return value;
  }

  /** r_byte for a length byte (short str, small tuple, text float). */
  private readLengthByte(): number {
    if (this.pos >= this.data.length) throw new MarshalError("EOFError", "EOF read where not expected");
    return this.data[this.pos++];
  }

  /** r_string: the next n bytes as a view (callers copy what they keep). */
  private readBytes(n: number): Uint8Array {
    if (this.data.length - this.pos < n) throw tooShort();
    const bytes = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return bytes;
  }

  private readSize(what: string): number {
    const n = this.readInt32();
    if (n < 0 || n > SIZE32_MAX) throw badData(`${what} size out of range`);
    return n;
  }

  // --- references --------------------------------------------------------------------

  private reserve(flagged: boolean): number {
    if (!flagged) return -1;
    this.refs.push(RESERVED);
    return this.refs.length - 1;
  }

  private fill<T extends MarshalValue>(index: number, value: T): T {
    if (index >= 0) this.refs[index] = value;
    return value;
  }

  private register<T extends MarshalValue>(flagged: boolean, value: T): T {
    if (flagged) this.refs.push(value);
    return value;
  }

  // --- objects -----------------------------------------------------------------------

  // Containers recurse through here and one helper each: two JS frames per nesting level
  // keep CPython's limit of 2000 levels well inside Node's default stack.
  readObject(): ReadResult {
    if (this.pos >= this.data.length) throw eof();
    const code = this.data[this.pos++];
    if (this.depth >= MAX_MARSHAL_STACK_DEPTH) throw new MarshalError("ValueError", "recursion limit exceeded");
    this.depth++;
    const type = code & ~FLAG_REF;
    const flagged = (code & FLAG_REF) !== 0;
    let value: ReadResult;
    switch (type) {
      case TypeCode.NULL: value = NULL_OBJECT; break;
      case TypeCode.NONE: value = null; break;
      case TypeCode.STOPITER: value = PySingletonValue.StopIteration; break;
      case TypeCode.ELLIPSIS: value = PySingletonValue.Ellipsis; break;
      case TypeCode.FALSE: value = false; break;
      case TypeCode.TRUE: value = true; break;
      case TypeCode.INT: value = this.register(flagged, BigInt(this.readInt32())); break;
      case TypeCode.INT64: value = this.register(flagged, this.readInt64()); break;
      case TypeCode.LONG: value = this.register(flagged, this.readLong()); break;
      case TypeCode.FLOAT: value = this.register(flagged, this.float(this.readTextFloat())); break;
      case TypeCode.BINARY_FLOAT: value = this.register(flagged, this.float(this.readBinaryFloat())); break;
      case TypeCode.COMPLEX: {
        const real = this.readTextFloat();
        value = this.register(flagged, new PyComplexValue(real, this.readTextFloat()));
        break;
      }
      case TypeCode.BINARY_COMPLEX: {
        const real = this.readBinaryFloat();
        value = this.register(flagged, new PyComplexValue(real, this.readBinaryFloat()));
        break;
      }
      case TypeCode.STRING: {
        const n = this.readSize("bytes object");
        value = this.register(flagged, new PyBytesValue(this.readBytes(n).slice()));
        break;
      }
      case TypeCode.ASCII:
      case TypeCode.ASCII_INTERNED:
        value = this.register(flagged, latin1(this.readBytes(this.readSize("string"))));
        break;
      case TypeCode.SHORT_ASCII:
      case TypeCode.SHORT_ASCII_INTERNED:
        value = this.register(flagged, latin1(this.readBytes(this.readLengthByte())));
        break;
      case TypeCode.UNICODE:
      case TypeCode.INTERNED:
        value = this.register(flagged, this.readUtf8(this.readSize("string")));
        break;
      case TypeCode.SMALL_TUPLE: value = this.readTuple(this.readLengthByte(), flagged); break;
      case TypeCode.TUPLE: value = this.readTuple(this.readSize("tuple"), flagged); break;
      case TypeCode.LIST: value = this.readList(this.readSize("list"), flagged); break;
      case TypeCode.DICT: value = this.readDict(flagged); break;
      case TypeCode.SET:
      case TypeCode.FROZENSET:
        value = this.readSet(this.readSize("set"), type === TypeCode.FROZENSET, flagged);
        break;
      case TypeCode.CODE: value = this.readCode(flagged); break;
      case TypeCode.REF: {
        const index = this.readInt32();
        const target = index >= 0 && index < this.refs.length ? this.refs[index] : RESERVED;
        if (target === RESERVED) throw badData("invalid reference");
        // Inside a code object a float is a plain number, even one first read outside.
        value = this.codeDepth > 0 && (target as unknown) instanceof Number ? (target as unknown as number).valueOf() : target;
        break;
      }
      default:
        throw badData("unknown type code");
    }
    this.depth--;
    return value;
  }

  private readInt64(): bigint {
    const bytes = this.readBytes(8);
    return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true);
  }

  /** 'l': int32 n, then |n| 15-bit digits, least significant first; sign of n is the sign. */
  private readLong(): bigint {
    const n = this.readInt32();
    if (n < -SIZE32_MAX || n > SIZE32_MAX) throw badData("long size out of range");
    const count = Math.abs(n);
    if (count === 0) return 0n;
    // Every digit is 2 bytes: fail the way CPython does (at the first missing digit), but
    // without allocating for a count the input cannot hold.
    const available = Math.min(count, (this.data.length - this.pos) >> 1);
    const digits = new Uint16Array(available);
    for (let i = 0; i < count; i++) {
      if (this.data.length - this.pos < 2) throw tooShort();
      const digit = this.view.getUint16(this.pos, true);
      this.pos += 2;
      if (digit > 0x7fff) throw badData("digit out of range in long");
      if (digit === 0 && i === count - 1) throw badData("unnormalized long data");
      digits[i] = digit;
    }
    const magnitude = digitsToBigInt(digits);
    return n < 0 ? -magnitude : magnitude;
  }

  private readBinaryFloat(): number {
    const bytes = this.readBytes(8);
    return new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0, true);
  }

  /** 'f'/'x' parts: a length byte and the text, parsed as PyOS_string_to_double does. */
  private readTextFloat(): number {
    const bytes = this.readBytes(this.readLengthByte());
    const nul = bytes.indexOf(0); // CPython parses it as a C string
    const text = latin1(nul >= 0 ? bytes.subarray(0, nul) : bytes);
    const value = parseCFloat(text);
    if (value === null) {
      const shown = new TextDecoder().decode(bytes.subarray(0, Math.min(nul >= 0 ? nul : bytes.length, 200)));
      throw new MarshalError("ValueError", `could not convert string to float: '${shown}'`);
    }
    return value;
  }

  private readUtf8(n: number): string {
    const bytes = this.readBytes(n);
    const text = decodeUtf8Surrogatepass(bytes);
    if (typeof text !== "string") throw new MarshalError("UnicodeDecodeError", text.message(bytes));
    return text;
  }

  private readTuple(n: number, flagged: boolean): PyTupleValue {
    const items: MarshalValue[] = [];
    const tuple = this.register(flagged, new PyTupleValue(items));
    if (n === 0) return tuple;
    this.tuplesBeingRead.add(tuple);
    for (let i = 0; i < n; i++) {
      const item = this.readObject();
      if (item === NULL_OBJECT) throw nullIn("tuple");
      items.push(item);
    }
    this.tuplesBeingRead.delete(tuple);
    return tuple;
  }

  private readList(n: number, flagged: boolean): PyListValue {
    const list = this.register(flagged, new PyListValue([]));
    for (let i = 0; i < n; i++) {
      const item = this.readObject();
      if (item === NULL_OBJECT) throw nullIn("list");
      list.items.push(item);
    }
    return list;
  }

  /** Keys and values until a NULL key (or, as in CPython, a NULL value); equal keys merge. */
  private readDict(flagged: boolean): PyDictValue {
    const dict = this.register(flagged, new PyDictValue([]));
    const positions = new Map<string, number>();
    for (;;) {
      const key = this.readObject();
      if (key === NULL_OBJECT) break;
      const value = this.readObject();
      if (value === NULL_OBJECT) break;
      const hashKey = this.hashKeys.of(key);
      const at = positions.get(hashKey);
      if (at === undefined) {
        positions.set(hashKey, dict.entries.length);
        dict.entries.push([key, value]);
      } else {
        dict.entries[at][1] = value; // dict keeps the first key, takes the last value
      }
    }
    return dict;
  }

  private readSet(n: number, frozen: boolean, flagged: boolean): PySetValue {
    const set = new PySetValue(frozen, []);
    // A set is referable while it is filled; a frozenset only once complete (CPython
    // reserves its slot, so a reference from inside it is invalid).
    const index = frozen && n > 0 ? this.reserve(flagged) : -1;
    if (!(frozen && n > 0)) this.register(flagged, set);
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const item = this.readObject();
      if (item === NULL_OBJECT) throw nullIn("set");
      const hashKey = this.hashKeys.of(item);
      if (!seen.has(hashKey)) {
        seen.add(hashKey);
        set.items.push(item);
      }
    }
    return this.fill(index, set);
  }

  private readCode(flagged: boolean): CodeObject {
    this.codeDepth++;
    try {
      return this.readCodeBody(flagged);
    } finally {
      this.codeDepth--;
    }
  }

  private readCodeBody(flagged: boolean): CodeObject {
    const index = this.reserve(flagged);
    const argcount = this.readInt32();
    const posonlyargcount = this.readInt32();
    const kwonlyargcount = this.readInt32();
    const stacksize = this.readInt32();
    const flags = this.readInt32();
    const code = this.readCodeField();
    const consts = this.readCodeField();
    const names = this.readCodeField();
    const localsplusnames = this.readCodeField();
    const localspluskinds = this.readCodeField();
    const filename = this.readCodeField();
    const name = this.readCodeField();
    const qualname = this.readCodeField();
    const firstlineno = this.readInt32();
    const linetable = this.readCodeField();
    const exceptiontable = this.readCodeField();

    // CPython: _PyCode_Validate, then _PyCode_New's interning of names, in that order.
    if (
      argcount < posonlyargcount || posonlyargcount < 0 || kwonlyargcount < 0 || stacksize < 0 || flags < 0 ||
      !(code instanceof PyBytesValue) || !(consts instanceof PyTupleValue) || !(names instanceof PyTupleValue) ||
      !(localsplusnames instanceof PyTupleValue) || !(localspluskinds instanceof PyBytesValue) ||
      localsplusnames.items.length !== localspluskinds.bytes.length ||
      typeof name !== "string" || typeof qualname !== "string" || typeof filename !== "string" ||
      !(linetable instanceof PyBytesValue) || !(exceptiontable instanceof PyBytesValue)
    ) {
      throw new MarshalError("SystemError", BAD_INTERNAL_CALL);
    }
    if (code.bytes.length % 2 !== 0) throw new MarshalError("ValueError", "code: co_code is malformed");
    let nlocals = 0;
    for (const kind of localspluskinds.bytes) if (kind & LocalKind.LOCAL) nlocals++;
    const plainLocals = nlocals - argcount - kwonlyargcount -
      (flags & CodeFlag.VARARGS ? 1 : 0) - (flags & CodeFlag.VARKEYWORDS ? 1 : 0);
    if (plainLocals < 0) throw new MarshalError("ValueError", "code: co_varnames is too small");
    const nameList = stringsOf(names.items);
    const localsplusNameList = stringsOf(localsplusnames.items);

    const codeObject = new CodeObject({
      co_argcount: argcount,
      co_posonlyargcount: posonlyargcount,
      co_kwonlyargcount: kwonlyargcount,
      co_stacksize: stacksize,
      co_flags: flags,
      co_code: code.bytes,
      co_consts: consts.items.slice(),
      co_names: nameList,
      co_localsplusnames: localsplusNameList,
      co_localspluskinds: localspluskinds.bytes,
      co_filename: filename,
      co_name: name,
      co_qualname: qualname,
      co_firstlineno: firstlineno,
      co_linetable: linetable.bytes,
      co_exceptiontable: exceptiontable.bytes,
    });
    return this.fill(index, codeObject);
  }

  private readCodeField(): MarshalValue {
    const value = this.readObject();
    if (value === NULL_OBJECT) throw nullIn("code object");
    return value;
  }
}

function stringsOf(items: readonly MarshalValue[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== "string") throw new MarshalError("SystemError", "non-string found in code slot");
    out.push(item);
  }
  return out;
}

/** Bytes as code points 0..255 (how marshal reads its 'a'/'z' forms). */
function latin1(bytes: Uint8Array): string {
  const CHUNK = 8192;
  if (bytes.length <= CHUNK) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let out = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return out;
}

// What PyOS_string_to_double accepts: no whitespace, no underscores, no hex; inf/nan words.
const C_FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;

function parseCFloat(text: string): number | null {
  if (!C_FLOAT.test(text)) return null;
  const negative = text.startsWith("-");
  const word = text.replace(/^[+-]/, "").toLowerCase();
  if (word === "inf" || word === "infinity") return negative ? -Infinity : Infinity;
  if (word === "nan") return NaN;
  return Number(text);
}

/** 15-bit digits, least significant first, to a non-negative bigint. */
export function digitsToBigInt(digits: Uint16Array): bigint {
  if (digits.length <= 3) {
    let small = 0;
    for (let i = digits.length - 1; i >= 0; i--) small = small * 32768 + digits[i];
    return BigInt(small);
  }
  // Through hex: linear, where shifting a growing bigint would be quadratic.
  const nibbles = Math.ceil((digits.length * 15) / 4);
  const hex = new Array<string>(nibbles);
  let acc = 0;
  let accBits = 0;
  let next = 0;
  let out = nibbles - 1;
  while (out >= 0) {
    while (accBits < 4 && next < digits.length) {
      acc |= digits[next++] << accBits;
      accBits += 15;
    }
    hex[out--] = (acc & 0xf).toString(16);
    acc >>>= 4;
    accBits -= 4;
  }
  return BigInt("0x" + hex.join(""));
}

/**
 * Python-equality keys of hashable values, for the dict keys and set items a load builds:
 * equal values (1 == 1.0 == True, 0.0 == -0.0, equal tuples) get equal keys, and an
 * unhashable value fails with CPython's TypeError. Keys of tuples and frozensets are
 * interned to short ids, so that shared sub-objects (a DAG through references) cannot make
 * them grow exponentially.
 * Differs from CPython: NaNs are never merged (CPython merges the same NaN object reached
 * twice through references), and code objects compare by identity.
 */
class HashKeys {
  private readonly cache = new Map<object, string>();
  private readonly ids = new Map<string, string>();
  private readonly inProgress = new Set<object>();
  private uniqueCounter = 0;

  /** `incomplete`: tuples still being read (hashing one makes CPython crash). */
  constructor(private readonly incomplete: Set<object>) {}

  of(value: MarshalValue): string {
    if (value === null) return "N";
    switch (typeof value) {
      case "boolean": return value ? "i1" : "i0";
      case "bigint": return value >= -0xffffffffn && value <= 0xffffffffn ? "i" + value.toString() : this.intern("i" + value.toString());
      case "number": return this.floatKey(value);
      case "string": return value.length <= 32 ? JSON.stringify(value) : this.intern(JSON.stringify(value));
      default: break;
    }
    if ((value as unknown) instanceof Number) return this.floatKey((value as unknown as number).valueOf());
    if (value instanceof PySingletonValue) return value === PySingletonValue.Ellipsis ? "E" : "S";
    if (value instanceof PyComplexValue) {
      if (value.imag === 0) return this.floatKey(value.real);
      return "c" + this.floatKey(value.real) + "|" + this.floatKey(value.imag);
    }
    if (value instanceof PyBytesValue) return this.intern("b" + hexOf(value.bytes));
    if (value instanceof PyListValue) throw unhashable("list");
    if (value instanceof PyDictValue) throw unhashable("dict");
    if (value instanceof PySetValue && !value.frozen) throw unhashable("set");
    const cached = this.cache.get(value);
    if (cached !== undefined) return cached;
    if (this.incomplete.has(value) || this.inProgress.has(value)) {
      // Differs from CPython, which crashes hashing a tuple that contains itself (directly or
      // through other tuples/frozensets), whether or not all its items are read yet.
      throw badData(RECURSIVE_HASH);
    }
    this.inProgress.add(value);
    let key: string;
    if (value instanceof PyTupleValue) {
      key = this.intern("(" + value.items.map((item) => this.of(item)).join(",") + ")");
    } else if (value instanceof PySetValue) {
      key = this.intern("{" + value.items.map((item) => this.of(item)).sort().join(",") + "}");
    } else {
      // A code object: hashable when its constants are (code_hash hashes co_consts).
      for (const c of value.co_consts) this.of(c);
      key = "C" + this.uniqueCounter++;
    }
    this.inProgress.delete(value);
    this.cache.set(value, key);
    return key;
  }

  private intern(canonical: string): string {
    let id = this.ids.get(canonical);
    if (id === undefined) {
      id = "#" + this.ids.size;
      this.ids.set(canonical, id);
    }
    return id;
  }

  private floatKey(x: number): string {
    if (Number.isInteger(x)) return Math.abs(x) <= 0xffffffff ? "i" + String(x === 0 ? 0 : x) : this.of(BigInt(x));
    if (Number.isNaN(x)) return "nan" + this.uniqueCounter++;
    return "f" + String(x);
  }
}

/** Our message for what CPython crashes on: hashing a tuple that contains itself. */
export const RECURSIVE_HASH = "hash of a recursive object";

const unhashable = (typeName: string): MarshalError => new MarshalError("TypeError", `unhashable type: '${typeName}'`);

function hexOf(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
  return out;
}
