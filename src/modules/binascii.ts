// binascii: conversions between binary data and ASCII encodings (Modules/binascii.c):
// base64, hex, crc32 / crc_hqx, quoted-printable basics. base64 and hex use Node's Buffer.
import { PyObj, PyType, None, typeOf, KwNames } from "../objects/core.js";
import { PyModule } from "../objects/function.js";
import { PyDict } from "../objects/dict.js";
import { newException, typeError, ValueError } from "../objects/exceptions.js";
import { call, indexAsNumber, isTrue } from "../objects/abstract.js";
import { newTuple } from "../objects/sequence.js";
import { PyBytes, bufferOf } from "../objects/bytes.js";
import { bindArgs, defModuleFn } from "./modutil.js";

let errorType: PyType | null = null;
let incompleteType: PyType | null = null;

function binary(v: PyObj, allowStr: boolean): Uint8Array {
  if (typeof v === "string") {
    if (!allowStr) throw typeError(`a bytes-like object is required, not 'str'`);
    if (/[^\x00-\x7f]/.test(v)) throw valueErr("string argument should contain only ASCII characters");
    return new TextEncoder().encode(v);
  }
  const b = bufferOf(v);
  if (b === null) throw typeError(`a bytes-like object is required, not '${typeOf(v).name}'`);
  return b;
}
function valueErr(msg: string) {
  return newException(errorType ?? ValueError, msg);
}

let crcTable: Uint32Array | null = null;
function crc32(data: Uint8Array, start: number): number {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = (start ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function a2bBase64(data: Uint8Array, strict: boolean): Uint8Array {
  const text = new TextDecoder("latin1").decode(data);
  if (strict) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw valueErr("Only base64 data is allowed");
  }
  const clean = text.replace(/[^A-Za-z0-9+/=]/g, "");
  const body = clean.replace(/=+$/, "").replace(/=/g, "");
  const quanta = body.length % 4;
  if (quanta === 1) {
    throw valueErr(`Invalid base64-encoded string: number of data characters (${body.length}) cannot be 1 more than a multiple of 4`);
  }
  if (quanta !== 0 && clean.length - clean.replace(/=+$/, "").length < 4 - quanta) throw valueErr("Incorrect padding");
  return new Uint8Array(Buffer.from(body, "base64"));
}

export function makeBinasciiModule(interp: { builtins: { getStr(name: string): PyObj | undefined } }): PyModule {
  const m = new PyModule("binascii");
  if (errorType === null) {
    const typeCtor = interp.builtins.getStr("type")!;
    const ns = () => {
      const d = new PyDict();
      d.setStr("__module__", "binascii");
      return d;
    };
    errorType = call(typeCtor, ["Error", newTuple([ValueError]), ns()]) as PyType;
    incompleteType = call(typeCtor, ["Incomplete", newTuple([interp.builtins.getStr("Exception")!]), ns()]) as PyType;
  }
  m.dict.setStr("Error", errorType);
  m.dict.setStr("Incomplete", incompleteType!);
  defModuleFn(m, "b2a_base64", (a: PyObj[], kw: KwNames) => {
    const [data, newline] = bindArgs("b2a_base64", a, kw, ["data", "newline"], 1);
    const s = Buffer.from(binary(data!, false)).toString("base64") + (newline === null || isTrue(newline) ? "\n" : "");
    return new PyBytes(new TextEncoder().encode(s));
  });
  defModuleFn(m, "a2b_base64", (a: PyObj[], kw: KwNames) => {
    const [data, strict] = bindArgs("a2b_base64", a, kw, ["data", "strict_mode"], 1);
    return new PyBytes(a2bBase64(binary(data!, true), strict !== null && isTrue(strict)));
  });
  const hexlify = (a: PyObj[], kw: KwNames): PyObj => {
    const [data, sep, perSep] = bindArgs("hexlify", a, kw, ["data", "sep", "bytes_per_sep"], 1);
    let hex = Buffer.from(binary(data!, false)).toString("hex");
    if (sep !== null && sep !== None) {
      const sepStr = typeof sep === "string" ? sep : new TextDecoder().decode(binary(sep, false));
      const n = perSep === null ? 1 : indexAsNumber(perSep);
      const groups: string[] = [];
      const step = Math.abs(n) * 2;
      if (n >= 0) for (let i = hex.length; i > 0; i -= step) groups.unshift(hex.slice(Math.max(0, i - step), i));
      else for (let i = 0; i < hex.length; i += step) groups.push(hex.slice(i, i + step));
      hex = groups.join(sepStr);
    }
    return new PyBytes(new TextEncoder().encode(hex));
  };
  defModuleFn(m, "hexlify", hexlify);
  defModuleFn(m, "b2a_hex", hexlify);
  const unhexlify = (a: PyObj[]): PyObj => {
    const text = new TextDecoder("latin1").decode(binary(a[0], true));
    if (text.length % 2 !== 0) throw valueErr("Odd-length string");
    if (!/^[0-9a-fA-F]*$/.test(text)) throw valueErr("Non-hexadecimal digit found");
    return new PyBytes(new Uint8Array(Buffer.from(text, "hex")));
  };
  defModuleFn(m, "unhexlify", unhexlify);
  defModuleFn(m, "a2b_hex", unhexlify);
  defModuleFn(m, "crc32", (a) => crc32(binary(a[0], false), a.length > 1 ? indexAsNumber(a[1]) >>> 0 : 0));
  defModuleFn(m, "crc_hqx", (a) => {
    let crc = indexAsNumber(a[1]) & 0xffff;
    for (const byte of binary(a[0], false)) {
      crc ^= byte << 8;
      for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
    return crc;
  });
  return m;
}
