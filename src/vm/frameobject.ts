// The Python-visible attributes of frame objects (f_code, f_lineno, f_back, ...).
import { None, PyObj } from "../objects/core.js";
import { defineGetSet } from "../objects/descr.js";
import { PyDict } from "../objects/dict.js";
import { PyCell } from "../objects/function.js";
import { LocalKind } from "../bytecode/code.js";
import { Frame, frameType, exposeFrame } from "./frame.js";

/** f_locals of a function frame: a snapshot dict of the fast locals. */
export function frameLocals(f: Frame): PyObj {
  if (f.locals !== null) {
    // PEP 709: inside a comprehension inlined in a module or class body, locals() is a
    // snapshot of the frame's fast locals (the comprehension's), not the body's mapping.
    if (!hasHiddenLocals(f)) return f.locals;
    const d = new PyDict();
    const code = f.code;
    for (let i = 0; i < code.nlocalsplus; i++) {
      let v = f.regs[i];
      if (code.localspluskinds[i] & (LocalKind.CELL | LocalKind.FREE) && v instanceof PyCell) v = v.contents;
      if (v !== null) d.setStr(code.localsplusnames[i], v);
    }
    return d;
  }
  const d = new PyDict();
  const code = f.code;
  for (let i = 0; i < code.nlocalsplus; i++) {
    let v = f.regs[i];
    const kind = code.localspluskinds[i];
    if (kind & (LocalKind.CELL | LocalKind.FREE) && v instanceof PyCell) v = v.contents;
    if (v !== null && !(kind & LocalKind.HIDDEN)) d.setStr(code.localsplusnames[i], v);
  }
  return d;
}

function hasHiddenLocals(f: Frame): boolean {
  const kinds = f.code.localspluskinds;
  for (let i = 0; i < f.code.nlocalsplus; i++) if (kinds[i] & LocalKind.HIDDEN && f.regs[i] !== null) return true;
  return false;
}

export function installFrameType(): void {
  const F = (o: PyObj) => o as Frame;
  defineGetSet(frameType, "f_code", (f) => F(f).code);
  defineGetSet(frameType, "f_lineno", (f) => F(f).lineno);
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
