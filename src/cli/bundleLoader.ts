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

/** Whether every ES module the bundle was made from is unchanged since (its first line lists them). */
function bundleIsCurrent(source: string): boolean {
  const eol = source.indexOf("\n");
  if (!source.startsWith("//") || eol < 0) return false;
  let files: Record<string, number> | undefined;
  try {
    files = (JSON.parse(source.slice(2, eol)) as { files?: Record<string, number> }).files;
  } catch {
    return false;
  }
  if (files === undefined) return false;
  const srcDir = join(distDir, "src");
  for (const rel of Object.keys(files)) {
    const st = statSync(join(srcDir, rel), { throwIfNoEntry: false });
    if (st === undefined || st.mtimeMs !== files[rel]) return false;
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
  let source: string;
  try {
    source = readFileSync(bundlePath, "utf8");
  } catch {
    return null;
  }
  if (!bundleIsCurrent(source)) return null;
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
