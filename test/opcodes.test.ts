// The generated opcode table stays in step with CPython's opcodes.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { CACHE_ENTRIES, OPMAP, OPNAME, OPCODE_FLAGS, OpFlag, EXTENDED_ARG, HAVE_ARGUMENT } from "../src/bytecode/opcodes.generated.js";
import { SHARED_REF, projectRoot } from "./helpers/paths.js";

const jsonPath = `${SHARED_REF}/opcodes.json`;

test("opcodes.generated.ts is what tools/gen-opcodes.mjs makes of opcodes.json", { skip: !existsSync(jsonPath) && "../shared not present" }, () => {
  execFileSync(process.execPath, [`${projectRoot}/tools/gen-opcodes.mjs`, "--check"], { stdio: "pipe" });
});

test("opcode facts agree with opcodes.json", { skip: !existsSync(jsonPath) && "../shared not present" }, () => {
  const data = JSON.parse(readFileSync(jsonPath, "utf8"));
  for (const [name, num] of Object.entries(data.opmap as Record<string, number>)) {
    assert.equal(OPMAP[name], num, name);
    assert.equal(OPNAME[num], name);
  }
  for (const [name, info] of Object.entries(data.ops as Record<string, { opcode: number; cache_entries: number; takes_arg: boolean }>)) {
    assert.equal(CACHE_ENTRIES[info.opcode], info.cache_entries, name);
    assert.equal((OPCODE_FLAGS[info.opcode] & OpFlag.HasArg) !== 0, info.takes_arg, name);
  }
  assert.equal(EXTENDED_ARG, 71);
  assert.equal(HAVE_ARGUMENT, 44);
});
