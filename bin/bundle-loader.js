// Fast start-up for the tspython command: runs dist/tspython.bundle.cjs (every module in
// one script, made by tools/build-bundle.mjs) through node:vm with a V8 code cache, so
// that start-up neither resolves ~150 ES modules nor compiles their source again.
// loadBundledCli() returns null — the caller then imports dist/src as usual — when there
// is no bundle, when it is older than the ES build it was made from, or with
// TSPYTHON_NO_BUNDLE set. CommonJS, as the commands in bin/ (bin/package.json): Node
// starts a CommonJS entry point a few milliseconds sooner than an ES module.
"use strict";
const { readFileSync, statSync, writeFileSync, renameSync } = require("node:fs");
const { join, sep } = require("node:path");
const { Script } = require("node:vm");

const distDir = join(__dirname, "..", "dist");
const bundlePath = join(distDir, "tspython.bundle.cjs");
const cachePath = join(distDir, "tspython.bundle.cache");

/**
 * The bundle's first line: { files: {path: mtimeMs} of the ES modules it was made from,
 * ascii: whether the text is ASCII }, or null.
 * @param {Buffer} bundle
 * @returns {{ files: Record<string, number>, ascii: boolean } | null}
 */
function readManifest(bundle) {
  const eol = bundle.indexOf(10);
  if (eol < 2 || bundle[0] !== 0x2f || bundle[1] !== 0x2f) return null;
  try {
    const m = JSON.parse(bundle.toString("utf8", 2, eol));
    return m !== null && typeof m.files === "object" ? { files: m.files, ascii: m.ascii === true } : null;
  } catch {
    return null;
  }
}

// How many of the ES modules bundleIsCurrent looks at: every 16th, and the first and last.
const SAMPLE_STRIDE = 16;

/**
 * Whether the ES modules the bundle was made from are unchanged since. tsc rewrites every
 * output file at each build (so all of them get new modification times), so a sample of
 * ~13 of the ~180 files tells a rebuild as surely as all of them, for a tenth of the
 * statSync calls (all of them were ~1.3 ms of every start). A hand-edited file in dist/src
 * is not noticed: run tspython with TSPYTHON_NO_BUNDLE=1, or `npm run build`, then.
 */
function bundleIsCurrent(files) {
  // Plain concatenation: the names are the build's own relative paths (join would
  // normalize each of them).
  const srcDir = join(distDir, "src") + sep;
  const names = Object.keys(files);
  for (let i = 0; i < names.length; i++) {
    if (i % SAMPLE_STRIDE !== 0 && i !== names.length - 1) continue;
    const rel = names[i];
    const st = statSync(srcDir + rel, { throwIfNoEntry: false });
    if (st === undefined || st.mtimeMs !== files[rel]) return false;
  }
  return true;
}

function readCache() {
  try {
    return readFileSync(cachePath);
  } catch {
    return undefined;
  }
}

// V8 accepts a code cache only from a process whose V8 flags hash the same: the hash is
// bytes 12-16 of the cached data's header. vm/finalization.ts turns on these flags when a
// program first needs the collector's help (generators' finalizers, weakrefs, gc.collect).
const FLAG_HASH = [12, 16];
const FLAGS_SET_AT_RUN_TIME = ["--no-expose-gc", "--no-harmony-weak-refs-with-cleanup-some"];

/** The flag hash of code cached now (that of a one-token script). */
function currentFlagHash() {
  return new Script("0").createCachedData().subarray(FLAG_HASH[0], FLAG_HASH[1]);
}

/**
 * Stores V8's code cache for the bundle (after a run, so it holds the functions start-up
 * compiled). A cache made after the program changed V8's flags would be rejected by every
 * later start (each then compiling the whole bundle, ~45 ms, and writing the cache again):
 * the flags are put back first, and a cache whose hash still differs is not written.
 */
function writeCache(script, startFlagHash) {
  try {
    let data = script.createCachedData();
    if (!data.subarray(FLAG_HASH[0], FLAG_HASH[1]).equals(startFlagHash)) {
      const { setFlagsFromString } = require("node:v8");
      for (const flag of FLAGS_SET_AT_RUN_TIME) setFlagsFromString(flag);
      data = script.createCachedData();
      if (!data.subarray(FLAG_HASH[0], FLAG_HASH[1]).equals(startFlagHash)) return;
    }
    const tmp = `${cachePath}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, cachePath);
  } catch {
    // a read-only installation: start without a cache
  }
}

/** @returns {{ main(argv: string[]): Promise<number> } | null} */
function loadBundledCli() {
  if (process.env.TSPYTHON_NO_BUNDLE) return null;
  let bundle;
  try {
    bundle = readFileSync(bundlePath);
  } catch {
    return null;
  }
  const manifest = readManifest(bundle);
  if (manifest === null || !bundleIsCurrent(manifest.files)) return null;
  // ASCII text makes the same string either way; latin1 skips UTF-8 decoding (a few ms).
  const source = bundle.toString(manifest.ascii ? "latin1" : "utf8");
  const cachedData = readCache();
  let script;
  try {
    script = new Script(source, { filename: bundlePath, cachedData });
  } catch {
    return null; // a bundle that does not compile: start from dist/src
  }
  const load = script.runInThisContext()(require, join(distDir, "src"));
  const cli = load("cli/tspython.js");
  const needsCache = cachedData === undefined || script.cachedDataRejected === true;
  const startFlagHash = needsCache ? currentFlagHash() : null;
  return {
    async main(argv) {
      const status = await cli.main(argv);
      if (needsCache) writeCache(script, startFlagHash);
      return status;
    },
  };
}

module.exports = { loadBundledCli };
