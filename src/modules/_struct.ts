// _struct: packing values into bytes by a format string (Modules/_struct.c): byte orders
// @ = < > !, native sizes and alignment for '@', codes x c b B ? h H i I l L q Q n N e f d
// s p P, Struct objects, pack_into / unpack_from / iter_unpack.
import { PyObject, PyObj, PyType, None, PyFloat, typeOf, KwNames } from "../objects/core.js";
import { defineMethod, defineGetSet } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { PyDict } from "../objects/dict.js";
import { newException, Exception, typeError } from "../objects/exceptions.js";
import { asFloat, index, indexAsNumber, isTrue, call, getIter } from "../objects/abstract.js";
import { PyList, newTuple } from "../objects/sequence.js";
import { PyBytes, PyByteArray, bufferOf } from "../objects/bytes.js";
import { bindArgs, defModuleFn, nativeType } from "./modutil.js";

interface Item {
  code: string;
  count: number; // repeat count, or the length for s/p
  size: number; // bytes per item
  offset: number;
}
interface Layout {
  format: string;
  little: boolean;
  items: Item[];
  size: number;
  nvalues: number;
}

const NATIVE_SIZES: Record<string, number> = {
  x: 1, c: 1, b: 1, B: 1, "?": 1, h: 2, H: 2, i: 4, I: 4, l: 8, L: 8, q: 8, Q: 8, n: 8, N: 8, e: 2, f: 4, d: 8, s: 1, p: 1, P: 8,
};
const STD_SIZES: Record<string, number> = {
  x: 1, c: 1, b: 1, B: 1, "?": 1, h: 2, H: 2, i: 4, I: 4, l: 4, L: 4, q: 8, Q: 8, e: 2, f: 4, d: 8, s: 1, p: 1,
};

let structError: PyType | null = null;
function error(msg: string) {
  return newException(structError!, msg);
}

const layouts = new Map<string, Layout>();

function parseFormat(fmtObj: PyObj): Layout {
  const format = typeof fmtObj === "string" ? fmtObj : fmtObj instanceof PyBytes ? new TextDecoder().decode(fmtObj.bytes) : null;
  if (format === null) throw typeError(`Struct() argument 1 must be a str or bytes object, not ${typeOf(fmtObj).name}`);
  const known = layouts.get(format);
  if (known !== undefined) return known;
  let i = 0;
  let native = true;
  let little = true;
  const first = format[0];
  if (first === "@" || first === "=" || first === "<" || first === ">" || first === "!") {
    native = first === "@";
    little = first === "<" || first === "@" || first === "=";
    i = 1;
  }
  const sizes = native ? NATIVE_SIZES : STD_SIZES;
  const items: Item[] = [];
  let offset = 0;
  let nvalues = 0;
  while (i < format.length) {
    const c0 = format[i];
    if (c0 === " " || c0 === "\t" || c0 === "\n" || c0 === "\r") {
      i++;
      continue;
    }
    let count = 1;
    let digits = "";
    while (i < format.length && format[i] >= "0" && format[i] <= "9") digits += format[i++];
    if (digits !== "") count = parseInt(digits, 10);
    if (i >= format.length) throw error("repeat count given without format specifier");
    const code = format[i++];
    const size = sizes[code];
    if (size === undefined) throw error("bad char in struct format");
    if (native && code !== "x" && code !== "c" && code !== "s" && code !== "p" && code !== "b" && code !== "B" && code !== "?") {
      offset = Math.ceil(offset / size) * size;
    }
    if (code === "s" || code === "p") {
      items.push({ code, count, size: count, offset });
      offset += count;
      nvalues++;
    } else {
      items.push({ code, count, size, offset });
      offset += size * count;
      if (code !== "x") nvalues += count;
    }
  }
  const layout = { format, little, items, size: offset, nvalues };
  layouts.set(format, layout);
  return layout;
}

function intArg(v: PyObj, code: string): bigint {
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return BigInt(v);
  if (typeOf(v).lookup("__index__") === null) throw error("required argument is not an integer");
  void code;
  return BigInt(index(v));
}

function packInto(layout: Layout, out: Uint8Array, base: number, values: PyObj[]): void {
  if (values.length !== layout.nvalues) {
    throw error(`pack expected ${layout.nvalues} items for packing (got ${values.length})`);
  }
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const le = layout.little;
  let vi = 0;
  for (const it of layout.items) {
    let at = base + it.offset;
    if (it.code === "x") continue;
    if (it.code === "s" || it.code === "p") {
      const v = values[vi++];
      const b = bufferOf(v);
      if (b === null || typeof v === "string") throw error(`argument for '${it.code}' must be a bytes object`);
      if (it.code === "s") out.set(b.subarray(0, it.count), at);
      else if (it.count > 0) {
        const n = Math.min(b.length, it.count - 1, 255);
        out[at] = n;
        out.set(b.subarray(0, n), at + 1);
      }
      continue;
    }
    for (let k = 0; k < it.count; k++, at += it.size) {
      const v = values[vi++];
      switch (it.code) {
        case "c": {
          const b = bufferOf(v);
          if (b === null || b.length !== 1 || typeof v === "string") throw error("char format requires a bytes object of length 1");
          out[at] = b[0];
          break;
        }
        case "?": out[at] = isTrue(v) ? 1 : 0; break;
        case "e": case "f": case "d": {
          if (typeof v !== "number" && !(v instanceof PyFloat) && typeOf(v).lookup("__float__") === null && typeOf(v).lookup("__index__") === null) {
            throw error("required argument is not a float");
          }
          const x = asFloat(v);
          if (it.code === "d") dv.setFloat64(at, x, le);
          else if (it.code === "f") {
            if (Number.isFinite(x) && !Number.isFinite(Math.fround(x))) throw newException(overflow(), "float too large to pack with f format");
            dv.setFloat32(at, x, le);
          } else dv.setUint16(at, toHalf(x), le);
          break;
        }
        default: {
          const n = intArg(v, it.code);
          const signed = it.code === "b" || it.code === "h" || it.code === "i" || it.code === "l" || it.code === "q" || it.code === "n";
          const bits = BigInt(it.size * 8);
          const lo = signed ? -(1n << (bits - 1n)) : 0n;
          const hi = signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
          if (n < lo || n > hi) {
            throw error(`'${it.code}' format requires ${lo} <= number <= ${hi}`);
          }
          const u = BigInt.asUintN(it.size * 8, n);
          for (let byte = 0; byte < it.size; byte++) {
            const shift = BigInt(8 * (le ? byte : it.size - 1 - byte));
            out[at + byte] = Number((u >> shift) & 0xffn);
          }
        }
      }
    }
  }
}

let overflowType: PyType | null = null;
function overflow(): PyType {
  return overflowType!;
}

function toHalf(x: number): number {
  const f = new DataView(new ArrayBuffer(4));
  f.setFloat32(0, x);
  const bits = f.getUint32(0);
  const sign = (bits >>> 16) & 0x8000;
  const exp = ((bits >>> 23) & 0xff) - 127 + 15;
  const mant = bits & 0x7fffff;
  if (Number.isNaN(x)) return sign | 0x7e00;
  if (exp >= 31) {
    if (Number.isFinite(x)) throw newException(overflow(), "float too large to pack with e format");
    return sign | 0x7c00;
  }
  if (exp <= 0) {
    if (exp < -10) return sign;
    const m = (mant | 0x800000) >> (1 - exp);
    return sign | ((m + 0x1000) >> 13);
  }
  return sign | (exp << 10) | ((mant + 0x1000) >> 13);
}

function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * Math.pow(2, -24);
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * Math.pow(2, exp - 15);
}

function unpackFrom(layout: Layout, data: Uint8Array, base: number): PyObj {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const le = layout.little;
  const out: PyObj[] = [];
  for (const it of layout.items) {
    let at = base + it.offset;
    if (it.code === "x") continue;
    if (it.code === "s") {
      out.push(new PyBytes(data.slice(at, at + it.count)));
      continue;
    }
    if (it.code === "p") {
      const n = it.count === 0 ? 0 : Math.min(data[at], it.count - 1);
      out.push(new PyBytes(data.slice(at + 1, at + 1 + n)));
      continue;
    }
    for (let k = 0; k < it.count; k++, at += it.size) {
      switch (it.code) {
        case "c": out.push(new PyBytes(data.slice(at, at + 1))); break;
        case "?": out.push(data[at] !== 0); break;
        case "e": out.push(new PyFloat(fromHalf(dv.getUint16(at, le)))); break;
        case "f": out.push(new PyFloat(dv.getFloat32(at, le))); break;
        case "d": out.push(new PyFloat(dv.getFloat64(at, le))); break;
        default: {
          let u = 0n;
          for (let byte = 0; byte < it.size; byte++) {
            const shift = BigInt(8 * (le ? byte : it.size - 1 - byte));
            u |= BigInt(data[at + byte]) << shift;
          }
          const signed = it.code === "b" || it.code === "h" || it.code === "i" || it.code === "l" || it.code === "q" || it.code === "n";
          const v = signed ? BigInt.asIntN(it.size * 8, u) : u;
          out.push(v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v);
        }
      }
    }
  }
  return newTuple(out);
}

function pack(layout: Layout, values: PyObj[]): PyBytes {
  const out = new Uint8Array(layout.size);
  packInto(layout, out, 0, values);
  return new PyBytes(out);
}

function unpack(layout: Layout, data: PyObj): PyObj {
  const b = bufferOf(data);
  if (b === null) throw typeError(`a bytes-like object is required, not '${typeOf(data).name}'`);
  if (b.length !== layout.size) throw error(`unpack requires a buffer of ${layout.size} bytes`);
  return unpackFrom(layout, b, 0);
}

function unpackFromArgs(layout: Layout, a: PyObj[], kw: KwNames, fname: string): PyObj {
  const [buffer, offsetObj] = bindArgs(fname, a, kw, ["buffer", "offset"], 1);
  const b = bufferOf(buffer!);
  if (b === null) throw typeError(`a bytes-like object is required, not '${typeOf(buffer!).name}'`);
  let offset = offsetObj === null ? 0 : indexAsNumber(offsetObj);
  if (offset < 0) offset += b.length;
  if (offset < 0 || b.length - offset < layout.size) {
    throw error(`unpack_from requires a buffer of at least ${layout.size + Math.max(offset, 0)} bytes for unpacking ${layout.size} bytes at offset ${offset} (actual buffer size is ${b.length})`);
  }
  return unpackFrom(layout, b, offset);
}

function packIntoArgs(layout: Layout, a: PyObj[]): PyObj {
  const target = a[0];
  if (!(target instanceof PyByteArray) && bufferOf(target) === null) throw typeError("argument must be read-write bytes-like object");
  const b = bufferOf(target)!;
  let offset = indexAsNumber(a[1]);
  if (offset < 0) offset += b.length;
  if (offset < 0 || b.length - offset < layout.size) throw error(`pack_into requires a buffer of at least ${layout.size + offset} bytes for packing ${layout.size} bytes at offset ${offset} (actual buffer size is ${b.length})`);
  packInto(layout, b, offset, a.slice(2));
  return None;
}

function iterUnpack(layout: Layout, data: PyObj): PyObj {
  const b = bufferOf(data);
  if (b === null) throw typeError(`a bytes-like object is required, not '${typeOf(data).name}'`);
  if (layout.size === 0) throw error("cannot iteratively unpack with a struct of length 0");
  if (b.length % layout.size !== 0) throw error(`iterative unpacking requires a buffer of a multiple of ${layout.size} bytes`);
  const out: PyObj[] = [];
  for (let at = 0; at < b.length; at += layout.size) out.push(unpackFrom(layout, b, at));
  return getIter(new PyList(out));
}

class PyStruct extends PyObject {
  declare layout: Layout;
  declare fmt: PyObj;
}

let structType: PyType | null = null;

export function makeStructModule(interp: { builtins: { getStr(name: string): PyObj | undefined } }): PyModule {
  overflowType = interp.builtins.getStr("OverflowError") as PyType;
  if (structError === null) structError = call(interp.builtins.getStr("type")!, ["error", newTuple([Exception]), dictWithModule()]) as PyType;
  if (structType === null) {
    structType = nativeType("_struct", "Struct", (t) => {
      t.tp_new = (cls, a, kw) => {
        const [fmt] = bindArgs("Struct", a, kw, ["format"], 1);
        const s = new PyStruct(cls);
        s.layout = parseFormat(fmt!);
        s.fmt = typeof fmt === "string" ? fmt : fmt!;
        return s;
      };
      t.tp_init = () => {};
      const S = (o: PyObj) => o as PyStruct;
      defineMethod(t, "pack", (o, a) => pack(S(o).layout, a));
      defineMethod(t, "unpack", (o, a) => unpack(S(o).layout, a[0]));
      defineMethod(t, "unpack_from", (o, a, kw) => unpackFromArgs(S(o).layout, a, kw, "unpack_from"));
      defineMethod(t, "pack_into", (o, a) => packIntoArgs(S(o).layout, a));
      defineMethod(t, "iter_unpack", (o, a) => iterUnpack(S(o).layout, a[0]));
      defineGetSet(t, "format", (o) => S(o).layout.format);
      defineGetSet(t, "size", (o) => S(o).layout.size);
      t.tp_repr = (o) => `Struct(${JSON.stringify(S(o).layout.format).replace(/^"|"$/g, "'")})`;
    }, undefined, true);
  }
  const m = new PyModule("_struct");
  m.dict.setStr("error", structError);
  m.dict.setStr("Struct", structType);
  defModuleFn(m, "calcsize", (a) => parseFormat(a[0]).size);
  defModuleFn(m, "pack", (a) => {
    if (a.length === 0) throw typeError("pack expected at least 1 argument, got 0");
    return pack(parseFormat(a[0]), a.slice(1));
  });
  defModuleFn(m, "unpack", (a) => unpack(parseFormat(a[0]), a[1]));
  defModuleFn(m, "unpack_from", (a, kw) => unpackFromArgs(parseFormat(a[0]), a.slice(1), kw, "unpack_from"));
  defModuleFn(m, "pack_into", (a) => packIntoArgs(parseFormat(a[0]), a.slice(1)));
  defModuleFn(m, "iter_unpack", (a) => iterUnpack(parseFormat(a[0]), a[1]));
  defModuleFn(m, "_clearcache", () => {
    layouts.clear();
    return None;
  });
  return m;
}

function dictWithModule(): PyObj {
  const d = new PyDict();
  d.setStr("__module__", "struct");
  return d;
}
