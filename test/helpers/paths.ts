// Paths the tests share: the project's root and the shared reference folders beside it.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";

// Tests run from dist/test/..., so climb until package.json is found.
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("project root not found");
    dir = up;
  }
  return dir;
}
export const projectRoot = findRoot();
export const SHARED = resolve(projectRoot, "../shared");
export const SHARED_REF = resolve(SHARED, "reference/cpython-3.13");
export const hasShared = existsSync(SHARED_REF);
