// The command-line programs start and answer the basics.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { projectRoot } from "./helpers/paths.js";

test("tspython --version prints a Python 3.13 version line", () => {
  const r = spawnSync(process.execPath, [`${projectRoot}/bin/tspython.js`, "--version"], { encoding: "utf8" });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^Python 3\.13\.\d+\n$/);
});

test("tspyc without input gives usage and exit 2", () => {
  const r = spawnSync(process.execPath, [`${projectRoot}/bin/tspyc.js`], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: tspyc/);
});
