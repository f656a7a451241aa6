// The native (TypeScript) modules importable by name. Each entry builds its module for an
// interpreter on first import. New native modules register here.
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { makeMathModule } from "./math.js";
import { makeTimeModule } from "./time.js";

export const nativeModules = new Map<string, (interp: Interpreter) => PyModule>([
  ["math", () => makeMathModule()],
  ["time", () => makeTimeModule()],
]);
