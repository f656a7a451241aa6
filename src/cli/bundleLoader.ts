// Fast start-up for the tspython command: runs dist/tspython.bundle.cjs (every module in
// one script, made by tools/build-bundle.mjs) through node:vm with a V8 code cache, so
// that start-up neither resolves ~140 ES modules nor compiles their source again.
// Returns null — the caller then imports dist/src as usual — when there is no bundle,
// when it is older than the ES build it was made from, or with TSPYTHON_NO_BUNDLE set.
import { readFileSync, statSync, writeFileSync, renameSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

export interface CliEntry {
  main(argv: string[]): Promise<number>;
}

type ModuleLoader = (id: string) => unknown;

const distDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const bundlePath = join(distDir, "tspython.bundle.cjs");
const cachePath = join(distDir, "tspython.bundle.cache");

/** The bundle's first line: the ES modules it was made from (modification times), whether it is ASCII. */
interface Manifest {
  files: Record<string, number>;
  ascii: boolean;
}

function readManifest(bundle: Buffer): Manifest | null {
  const eol = bundle.indexOf(10);
  if (eol < 2 || bundle[0] !== 0x2f || bundle[1] !== 0x2f) return null;
  try {
    const m = JSON.parse(bundle.toString("utf8", 2, eol)) as Partial<Manifest>;
    return m.files === undefined ? null : { files: m.files, ascii: m.ascii === true };
  } catch {
    return null;
  }
}

/** Whether every ES module the bundle was made from is unchanged since. */
function bundleIsCurrent(manifest: Manifest): boolean {
  const srcDir = join(distDir, "src");
  for (const rel of Object.keys(manifest.files)) {
    const st = statSync(join(srcDir, rel), { throwIfNoEntry: false });
    if (st === undefined || st.mtimeMs !== manifest.files[rel]) return false;
  }
  return true;
}

function readCache(): Buffer | undefined {
  try {
    return readFileSync(cachePath);
  } catch {
    return undefined;
  }
}

/** Stores V8's code cache for the bundle (after a run, so it holds the functions start-up compiled). */
function writeCache(script: Script): void {
  try {
    const tmp = `${cachePath}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cachePath);
  } catch {
    // a read-only installation: start without a cache
  }
}

export function loadBundledCli(): CliEntry | null {
  if (process.env.TSPYTHON_NO_BUNDLE) return null;
  let bundle: Buffer;
  try {
    bundle = readFileSync(bundlePath);
  } catch {
    return null;
  }
  const manifest = readManifest(bundle);
  if (manifest === null || !bundleIsCurrent(manifest)) return null;
  // ASCII text makes the same string either way; latin1 skips UTF-8 decoding (a few ms).
  const source = bundle.toString(manifest.ascii ? "latin1" : "utf8");
  const cachedData = readCache();
  const script = new Script(source, { filename: bundlePath, cachedData });
  const factory = script.runInThisContext() as (nodeRequire: NodeJS.Require, srcRoot: string) => ModuleLoader;
  const load = factory(createRequire(import.meta.url), join(distDir, "src"));
  const cli = load("cli/tspython.js") as CliEntry;
  const needsCache = cachedData === undefined || script.cachedDataRejected === true;
  return {
    async main(argv: string[]): Promise<number> {
      const status = await cli.main(argv);
      if (needsCache) writeCache(script);
      return status;
    },
  };
}
