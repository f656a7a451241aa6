// UTF-8 with Python's "surrogatepass" error handler, as marshal uses it for str ('u'/'t'):
// lone surrogates (which JS strings and Python strs can both hold) are written as their
// 3-byte forms ED A0 80..ED BF BF and read back. Decoding errors are reported with CPython's
// ranges and reasons so that the caller can build the exact UnicodeDecodeError message.
//
// Limitation of the value representation (values.ts): a Python str holding a high and a
// low surrogate side by side is the same JS string as the astral character they pair to,
// so it is written as one 4-byte sequence.

const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();
const LONE_SURROGATE = /[\ud800-\udfff]/;

/** A decoding error: byte range [start, end) of the input slice and CPython's reason. */
export class Utf8DecodeFailure {
  constructor(readonly start: number, readonly end: number, readonly reason: string) {}

  /** str(UnicodeDecodeError) as CPython formats it; `bytes` is the decoded slice. */
  message(bytes: Uint8Array): string {
    if (this.end - this.start === 1) {
      const hex = bytes[this.start].toString(16).padStart(2, "0");
      return `'utf-8' codec can't decode byte 0x${hex} in position ${this.start}: ${this.reason}`;
    }
    return `'utf-8' codec can't decode bytes in position ${this.start}-${this.end - 1}: ${this.reason}`;
  }
}

export function encodeUtf8Surrogatepass(text: string): Uint8Array {
  if (!LONE_SURROGATE.test(text)) return encoder.encode(text);
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}

/** Decodes `bytes` (a whole str payload); a string, or the first error CPython would report. */
export function decodeUtf8Surrogatepass(bytes: Uint8Array): string | Utf8DecodeFailure {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    // Not strict UTF-8: lone surrogates (accepted here) or a real error. Rare, so slow is fine.
    return decodeSlowly(bytes);
  }
}

const isContinuation = (b: number): boolean => (b & 0xc0) === 0x80;

// CPython: Objects/stringlib/codecs.h (utf8_decode) for where an error starts and ends,
// then Python/codecs.c (surrogatepass) for which errors are forgiven.
function decodeSlowly(bytes: Uint8Array): string | Utf8DecodeFailure {
  const parts: string[] = [];
  const end = bytes.length;
  let i = 0;
  while (i < end) {
    const b0 = bytes[i];
    let cp = -1;
    let length = 0; // bytes of a valid sequence
    let validPrefix = 0; // error: bytes that were fine before the bad one (0 = bad start)
    let truncated = false;
    if (b0 < 0x80) {
      cp = b0;
      length = 1;
    } else if (b0 < 0xc2) {
      validPrefix = 0;
    } else if (b0 < 0xe0) {
      if (end - i < 2) truncated = true;
      else if (!isContinuation(bytes[i + 1])) validPrefix = 1;
      else {
        cp = ((b0 & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
        length = 2;
      }
    } else if (b0 < 0xf0) {
      const b1 = end - i > 1 ? bytes[i + 1] : -1;
      const b1Bad = b1 >= 0 && (!isContinuation(b1) || (b0 === 0xe0 && b1 < 0xa0) || (b0 === 0xed && b1 >= 0xa0));
      if (b1Bad) validPrefix = 1;
      else if (end - i < 3) truncated = true;
      else if (!isContinuation(bytes[i + 2])) validPrefix = 2;
      else {
        cp = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
        length = 3;
      }
    } else if (b0 < 0xf5) {
      const b1 = end - i > 1 ? bytes[i + 1] : -1;
      const b1Bad = b1 >= 0 && (!isContinuation(b1) || (b0 === 0xf0 && b1 < 0x90) || (b0 === 0xf4 && b1 >= 0x90));
      if (b1Bad) validPrefix = 1;
      else if (end - i > 2 && !isContinuation(bytes[i + 2])) validPrefix = 2;
      else if (end - i < 4) truncated = true;
      else if (!isContinuation(bytes[i + 3])) validPrefix = 3;
      else {
        cp = ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
        length = 4;
      }
    }
    if (length > 0) {
      parts.push(String.fromCodePoint(cp));
      i += length;
      continue;
    }
    // surrogatepass: an encoded surrogate ED A0..BF 80..BF is taken as it is.
    if (b0 === 0xed && end - i >= 3 && isContinuation(bytes[i + 1]) && isContinuation(bytes[i + 2])) {
      const sur = ((b0 & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      if (sur >= 0xd800 && sur <= 0xdfff) {
        parts.push(String.fromCharCode(sur));
        i += 3;
        continue;
      }
    }
    if (truncated) return new Utf8DecodeFailure(i, end, "unexpected end of data");
    if (validPrefix === 0) return new Utf8DecodeFailure(i, i + 1, "invalid start byte");
    return new Utf8DecodeFailure(i, i + validPrefix, "invalid continuation byte");
  }
  return parts.join("");
}
