// Start-up of the VM layer: boots the object model and installs the VM's own types
// (generators, frames, tracebacks). Modules and the CLI call bootVM() first.
import { bootObjects } from "../objects/bootstrap.js";
import { installGenerators, stopValueHook } from "./generators.js";
import { installTraceback } from "./traceback.js";
import { setStopValue } from "./ops.js";
import { installFrameType } from "./frameobject.js";

let booted = false;

export function bootVM(): void {
  if (booted) return;
  booted = true;
  bootObjects();
  installGenerators();
  installTraceback();
  installFrameType();
  stopValueHook.set = setStopValue;
}
