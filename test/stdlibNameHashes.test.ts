// The precomputed hashes behind sys.stdlib_module_names (src/modules/stdlibNameHashes.generated.ts)
// must be the str hashes of sysStdlib.ts's names: a stale table would make the frozenset
// miss its own members. Regenerate with `npm run build && node tools/gen-stdlib-name-hashes.mjs`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { hashStrInto, H } from "../src/objects/hash.js";
import { STDLIB_MODULE_NAMES } from "../src/modules/sysStdlib.js";
import { STDLIB_NAME_HASHES } from "../src/modules/stdlibNameHashes.generated.js";
import { PySet } from "../src/objects/set.js";
import { None } from "../src/objects/core.js";
import { Interpreter } from "../src/modules/interp.js";

test("stdlib name hashes: one pair per name, equal to hash(name)", () => {
  assert.equal(STDLIB_NAME_HASHES.length, 2 * STDLIB_MODULE_NAMES.length);
  STDLIB_MODULE_NAMES.forEach((name, i) => {
    hashStrInto(name);
    assert.deepEqual([STDLIB_NAME_HASHES[2 * i], STDLIB_NAME_HASHES[2 * i + 1]], [H[0], H[1]], name);
  });
});

test("sys.stdlib_module_names: members found, same order as hashing the names", () => {
  const interp = new Interpreter({});
  interp.importModule("sys", interp.builtins, None, 0);
  const names = interp.sys.dict.getStr("stdlib_module_names");
  assert.ok(names instanceof PySet);
  assert.equal(names.size, STDLIB_MODULE_NAMES.length);
  for (const name of STDLIB_MODULE_NAMES) assert.ok(names.has(name), name);
  assert.deepEqual(names.items(), PySet.fromItems(STDLIB_MODULE_NAMES.slice(), true).items());
});
