// str.encode / bytes.decode / str(b, encoding) for the encodings objects/codecs.ts does
// not build in: like CPython's _PyCodec_EncodeText/_PyCodec_DecodeText they look the codec
// up in the registry (_codecs.lookup, which imports the encodings package), refuse codecs
// that are not text encodings, and check what the codec returned.
import { PyObj, None, typeOf } from "../objects/core.js";
import { call, getAttr, getAttrOrNull, isTrue } from "../objects/abstract.js";
import { newException, LookupError, typeError } from "../objects/exceptions.js";
import { codecRegistry } from "../objects/codecs.js";
import { PyBytes } from "../objects/misc.js";
import { PyTuple } from "../objects/sequence.js";
import type { Interpreter } from "./interp.js";

export function installCodecRegistry(interp: Interpreter): void {
  const textCodec = (encoding: string, what: "encode" | "decode"): PyObj => {
    const codecs = interp.importModule("_codecs", None, None, 0);
    const info = call(getAttr(codecs, "lookup"), [encoding]);
    const isText = getAttrOrNull(info, "_is_text_encoding");
    if (isText !== null && !isTrue(isText)) {
      throw newException(LookupError, `'${encoding}' is not a text encoding; use codecs.${what}() to handle arbitrary codecs`);
    }
    return getAttr(info, what);
  };
  const firstOfPair = (result: PyObj, what: string): PyObj => {
    if (!(result instanceof PyTuple) || result.items.length !== 2) {
      throw typeError(`${what} must return a tuple (object, integer)`);
    }
    return result.items[0];
  };
  codecRegistry.encode = (s, encoding, errors) => {
    const out = firstOfPair(call(textCodec(encoding, "encode"), [s, errors]), "encoder");
    if (!(out instanceof PyBytes)) {
      // bytearray results are accepted by CPython with a warning; rare enough to refuse here.
      throw typeError(`'${encoding}' encoder returned '${typeOf(out).name}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types`);
    }
    return out.bytes;
  };
  codecRegistry.decode = (b, encoding, errors) => {
    const out = firstOfPair(call(textCodec(encoding, "decode"), [new PyBytes(b), errors]), "decoder");
    if (typeof out !== "string") {
      throw typeError(`'${encoding}' decoder returned '${typeOf(out).name}' instead of 'str'; use codecs.decode() to decode to arbitrary types`);
    }
    return out;
  };
}
