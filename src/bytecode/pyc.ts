// .pyc files of CPython 3.13: a 16-byte header, then marshal data of the module's code
// object. Format: ../shared/reference/cpython-3.13/formats.md, section D.
//
//   magic (4: 3571 as uint16 LE, then \r\n) | flags (uint32 LE) |
//   flags 0: source mtime (uint32 LE), source size (uint32 LE)
//   flags 1 (unchecked) / 3 (checked): SipHash-1-3 of the source (8 bytes)
//
// Header problems fail as importlib's loader reports them (PycError with its exception type
// and message); a bad marshal body fails with marshal's MarshalError.
// CPython: Lib/importlib/_bootstrap_external.py (_classify_pyc, _validate_*_pyc,
// _code_to_timestamp_pyc, _code_to_hash_pyc), Python/import.c (_imp.source_hash).
import { CodeObject } from "./code.js";
import { dumps, loads } from "./marshal.js";
import { bytesRepr, strRepr } from "./pyRepr.js";
import { siphash13 } from "./siphash.js";

/** importlib.util.MAGIC_NUMBER of 3.13 as a number (the bytes are f3 0d 0d 0a). */
export const MAGIC_NUMBER = 3571;
export const MAGIC_BYTES: readonly number[] = [0xf3, 0x0d, 0x0d, 0x0a];
export const PYC_HEADER_SIZE = 16;

/** Header flag bits. */
export const enum PycFlag {
  HASH_BASED = 0b01,
  CHECK_SOURCE = 0b10,
}

/**
 * A parsed header. `magic` is the uint16 before \r\n (3571); for a timestamp .pyc
 * `sourceHash` is null, for a hash-based one `mtime` and `sourceSize` are 0.
 */
export interface PycHeader {
  magic: number;
  flags: number;
  mtime: number;
  sourceSize: number;
  sourceHash: Uint8Array | null;
}

/** An import-time error about a .pyc, thrown as itself: importlib's exception type and message. */
export class PycError {
  constructor(readonly pyType: "ImportError" | "EOFError", readonly message: string) {}
}

/** Reads the header and the module code object. `filename` names the file in messages. */
export function readPyc(data: Uint8Array, filename = "<pyc>"): { header: PycHeader; code: CodeObject } {
  const header = readPycHeader(data, filename);
  const code = loads(data.subarray(PYC_HEADER_SIZE));
  if (!(code instanceof CodeObject)) throw new PycError("ImportError", `Non-code object in ${strRepr(filename)}`);
  return { header, code };
}

/** _classify_pyc: magic first, then length, then flags. */
export function readPycHeader(data: Uint8Array, name: string): PycHeader {
  const magic = data.subarray(0, 4);
  if (magic.length !== 4 || magic.some((b, i) => b !== MAGIC_BYTES[i])) {
    throw new PycError("ImportError", `bad magic number in ${strRepr(name)}: ${bytesRepr(magic)}`);
  }
  if (data.length < PYC_HEADER_SIZE) {
    throw new PycError("EOFError", `reached EOF while reading pyc header of ${strRepr(name)}`);
  }
  const view = new DataView(data.buffer, data.byteOffset, PYC_HEADER_SIZE);
  const flags = view.getUint32(4, true);
  if ((flags & ~0b11) !== 0) throw new PycError("ImportError", `invalid flags ${flags} in ${strRepr(name)}`);
  const hashBased = (flags & PycFlag.HASH_BASED) !== 0;
  return {
    magic: view.getUint16(0, true),
    flags,
    mtime: hashBased ? 0 : view.getUint32(8, true),
    sourceSize: hashBased ? 0 : view.getUint32(12, true),
    sourceHash: hashBased ? data.slice(8, 16) : null,
  };
}

/** _validate_timestamp_pyc: the header must match the source's mtime (seconds) and size. */
export function validateTimestampPyc(header: PycHeader, sourceMtime: number, sourceSize: number | null, name: string): void {
  if (header.mtime !== (Math.trunc(sourceMtime) & 0xffffffff) >>> 0 ||
      (sourceSize !== null && header.sourceSize !== (sourceSize & 0xffffffff) >>> 0)) {
    throw new PycError("ImportError", `bytecode is stale for ${strRepr(name)}`);
  }
}

/** _validate_hash_pyc: the stored hash must equal the source's. */
export function validateHashPyc(header: PycHeader, sourceHashBytes: Uint8Array, name: string): void {
  const stored = header.sourceHash;
  if (stored === null || stored.length !== sourceHashBytes.length || stored.some((b, i) => b !== sourceHashBytes[i])) {
    throw new PycError("ImportError", `hash in bytecode doesn't match hash of source ${strRepr(name)}`);
  }
}

/** A .pyc for `code`: timestamp-based (mtime in seconds, source size) or hash-based. */
export function writePyc(
  code: CodeObject,
  opts: { mtime: number; sourceSize: number } | { sourceHash: Uint8Array; checkSource: boolean },
): Uint8Array {
  const body = dumps(code);
  const out = new Uint8Array(PYC_HEADER_SIZE + body.length);
  const view = new DataView(out.buffer);
  out.set(MAGIC_BYTES, 0);
  if ("sourceHash" in opts) {
    if (opts.sourceHash.length !== 8) throw new RangeError("a .pyc source hash is 8 bytes");
    view.setUint32(4, PycFlag.HASH_BASED | (opts.checkSource ? PycFlag.CHECK_SOURCE : 0), true);
    out.set(opts.sourceHash, 8);
  } else {
    // importlib's _pack_uint32: int(x) & 0xFFFFFFFF.
    view.setUint32(8, (Math.trunc(opts.mtime) & 0xffffffff) >>> 0, true);
    view.setUint32(12, (Math.trunc(opts.sourceSize) & 0xffffffff) >>> 0, true);
  }
  out.set(body, PYC_HEADER_SIZE);
  return out;
}

/** importlib.util.source_hash: SipHash-1-3 keyed with (the magic bytes as LE uint32, 0). */
export function sourceHash(source: Uint8Array): Uint8Array {
  return siphash13(0, 0x0a0d0df3, 0, 0, source);
}
