// The Python-visible attributes of frame objects (f_code, f_lineno, f_back, ...).
import { None, PyObj } from "../objects/core.js";
import { defineGetSet, defineMethod } from "../objects/descr.js";
import { newException, RuntimeError } from "../objects/exceptions.js";
import { PyDict } from "../objects/dict.js";
import { PyCell } from "../objects/function.js";
import { LocalKind } from "../bytecode/code.js";
import { Frame, frameType, exposeFrame, FrameState } from "./frame.js";

/**
 * locals() / f_locals (CPython 3.13's _PyFrame_GetLocals): module and class bodies give
 * their locals mapping, unless an inlined comprehension's hidden fast locals are live
 * (PEP 709) — then, as for function frames, a snapshot dict of the fast locals that
 * have values (hidden ones included).
 */
export function frameLocals(f: Frame): PyObj {
  const code = f.code;
  let hiddenLive = false;
  for (let i = 0; i < code.nlocalsplus; i++) {
    if (code.localspluskinds[i] & LocalKind.HIDDEN && f.regs[i] !== null) {
      hiddenLive = true;
      break;
    }
  }
  if (f.locals !== null && !hiddenLive) return f.locals;
  const d = new PyDict();
  for (let i = 0; i < code.nlocalsplus; i++) {
    let v = f.regs[i];
    const kind = code.localspluskinds[i];
    if (kind & (LocalKind.CELL | LocalKind.FREE) && v instanceof PyCell) v = v.contents;
    if (v !== null && v !== undefined) d.setStr(code.localsplusnames[i], v);
  }
  return d;
}

export function installFrameType(): void {
  const F = (o: PyObj) => o as Frame;
  defineGetSet(frameType, "f_code", (f) => F(f).code);
  defineGetSet(frameType, "f_lineno", (f) => {
    const l = F(f).lineno;
    return l < 0 ? None : l; // (an instruction without a line number)
  });
  // frame.clear(): drops the locals of a finished frame (traceback.clear_frames uses it).
  defineMethod(frameType, "clear", (o) => {
    const f = F(o);
    if (f.state === FrameState.EXECUTING) throw newException(RuntimeError, "cannot clear an executing frame");
    if (f.state === FrameState.SUSPENDED) throw newException(RuntimeError, "cannot clear a suspended frame");
    f.state = FrameState.COMPLETED;
    for (let i = 0; i < f.regs.length; i++) f.regs[i] = null;
    f.sp = f.code.nlocalsplus;
    return None;
  });
  defineGetSet(frameType, "f_lasti", (f) => F(f).lasti);
  defineGetSet(frameType, "f_back", (f) => {
    const b = F(f).back;
    exposeFrame(b);
    return b ?? None;
  });
  defineGetSet(frameType, "f_globals", (f) => F(f).globals);
  defineGetSet(frameType, "f_builtins", (f) => F(f).builtins);
  defineGetSet(frameType, "f_locals", (f) => frameLocals(F(f)));
  defineGetSet(frameType, "f_trace", () => None, () => undefined);
  frameType.tp_repr = (f) => `<frame at 0x${(0x7f0000000000).toString(16)}, file '${F(f).code.filename}', line ${F(f).lineno}, code ${F(f).code.name}>`;
}
