// _md5, _sha1, _sha2, _sha3 and _blake2: the builtin hash constructors hashlib falls back
// to (Modules/md5module.c, sha1module.c, sha2module.c, sha3module.c, blake2module.c),
// over node:crypto. One hash object type serves them all.
import { createHash, type Hash } from "node:crypto";
import { PyObject, PyObj, PyType, None, KwNames } from "../objects/core.js";
import { defineMethod, defineGetSet } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { typeError, valueError } from "../objects/exceptions.js";
import { indexAsNumber } from "../objects/abstract.js";
import { PyBytes, bufferOf } from "../objects/bytes.js";
import { bindArgs, defModuleFn, nativeType } from "./modutil.js";

interface Algo {
  node: string;
  digestSize: number;
  blockSize: number;
  xof?: boolean;
}
const ALGOS: Record<string, Algo> = {
  md5: { node: "md5", digestSize: 16, blockSize: 64 },
  sha1: { node: "sha1", digestSize: 20, blockSize: 64 },
  sha224: { node: "sha224", digestSize: 28, blockSize: 64 },
  sha256: { node: "sha256", digestSize: 32, blockSize: 64 },
  sha384: { node: "sha384", digestSize: 48, blockSize: 128 },
  sha512: { node: "sha512", digestSize: 64, blockSize: 128 },
  sha3_224: { node: "sha3-224", digestSize: 28, blockSize: 144 },
  sha3_256: { node: "sha3-256", digestSize: 32, blockSize: 136 },
  sha3_384: { node: "sha3-384", digestSize: 48, blockSize: 104 },
  sha3_512: { node: "sha3-512", digestSize: 64, blockSize: 72 },
  shake_128: { node: "shake128", digestSize: 0, blockSize: 168, xof: true },
  shake_256: { node: "shake256", digestSize: 0, blockSize: 136, xof: true },
  blake2b: { node: "blake2b512", digestSize: 64, blockSize: 128 },
  blake2s: { node: "blake2s256", digestSize: 32, blockSize: 64 },
};

class PyHash extends PyObject {
  declare name: string;
  declare algo: Algo;
  declare hash: Hash;
}

let hashType: PyType | null = null;

function dataOf(v: PyObj): Uint8Array {
  if (typeof v === "string") throw typeError("Strings must be encoded before hashing");
  const b = bufferOf(v);
  if (b === null) throw typeError("object supporting the buffer API required");
  return b;
}

function getHashType(): PyType {
  if (hashType !== null) return hashType;
  hashType = nativeType("_hashlib", "HASH", (t) => {
    const H = (o: PyObj) => o as PyHash;
    defineMethod(t, "update", (o, a) => {
      H(o).hash.update(dataOf(a[0]));
      return None;
    });
    const digest = (o: PyObj, a: PyObj[]): Uint8Array => {
      const h = H(o);
      if (h.algo.xof) {
        if (a.length < 1) throw typeError("digest() missing required argument 'length' (pos 1)");
        const n = indexAsNumber(a[0]);
        if (n < 0) throw valueError("length must be non-negative");
        return new Uint8Array(h.hash.copy({ outputLength: n }).digest());
      }
      return new Uint8Array(h.hash.copy().digest());
    };
    defineMethod(t, "digest", (o, a) => new PyBytes(digest(o, a)));
    defineMethod(t, "hexdigest", (o, a) => Buffer.from(digest(o, a)).toString("hex"));
    defineMethod(t, "copy", (o) => {
      const n = new PyHash(hashType!);
      n.name = H(o).name;
      n.algo = H(o).algo;
      n.hash = H(o).hash.copy();
      return n;
    });
    defineGetSet(t, "name", (o) => H(o).name);
    defineGetSet(t, "digest_size", (o) => H(o).algo.digestSize);
    defineGetSet(t, "block_size", (o) => H(o).algo.blockSize);
    t.tp_repr = (o) => `<${H(o).name} _hashlib.HASH object @ 0x${(0x7f0000000000).toString(16)}>`;
  });
  return hashType;
}

function newHash(name: string, data: PyObj | null): PyHash {
  const algo = ALGOS[name];
  const h = new PyHash(getHashType());
  h.name = name;
  h.algo = algo;
  h.hash = createHash(algo.node);
  if (data !== null && data !== None) h.hash.update(dataOf(data));
  return h;
}

function hashModule(moduleName: string, names: string[]): PyModule {
  const m = new PyModule(moduleName);
  for (const name of names) {
    defModuleFn(m, name, (a: PyObj[], kw: KwNames) => {
      const [data, str] = bindArgs(name, a, kw, ["data", "string", "usedforsecurity", "digest_size", "key", "salt", "person"]);
      return newHash(name, data ?? str);
    });
  }
  return m;
}

export const makeMd5Module = () => hashModule("_md5", ["md5"]);
export const makeSha1Module = () => hashModule("_sha1", ["sha1"]);
export const makeSha2Module = () => hashModule("_sha2", ["sha224", "sha256", "sha384", "sha512"]);
export const makeSha3Module = () => hashModule("_sha3", ["sha3_224", "sha3_256", "sha3_384", "sha3_512", "shake_128", "shake_256"]);
export const makeBlake2Module = () => hashModule("_blake2", ["blake2b", "blake2s"]);
