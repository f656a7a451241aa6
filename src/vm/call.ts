// Binding call arguments to a Python function's parameters (CPython's initialize_locals
// in Python/ceval.c), with CPython's error messages.
import { CodeFlag } from "../bytecode/code.js";
import { PyObj, KwNames, None } from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { PyFunction } from "../objects/function.js";
import { typeError } from "../objects/exceptions.js";
import { newTuple, EMPTY_TUPLE } from "../objects/sequence.js";

/**
 * Fills regs[0..] (the new frame's fast locals) from args[start .. start+npos) positional
 * values and the keyword values that follow them (named by kwnames).
 */
export function bindArguments(
  fn: PyFunction, regs: (PyObj | null)[], args: readonly (PyObj | null)[], start: number, npos: number, kwnames: KwNames,
): void {
  const code = fn.code;
  const argcount = code.argcount;
  const flags = code.flags;
  const total = argcount + code.kwonlyargcount;
  const names = code.localsplusnames;
  let next = total;
  const varargsIdx = flags & CodeFlag.VARARGS ? next++ : -1;
  const varkwIdx = flags & CodeFlag.VARKEYWORDS ? next++ : -1;
  let kwdict: PyDict | null = null;
  if (varkwIdx >= 0) {
    kwdict = new PyDict();
    regs[varkwIdx] = kwdict;
  }
  const n = npos < argcount ? npos : argcount;
  for (let j = 0; j < n; j++) regs[j] = args[start + j];
  if (varargsIdx >= 0) {
    regs[varargsIdx] = npos > n ? newTuple(args.slice(start + n, start + npos) as PyObj[]) : EMPTY_TUPLE;
  }
  if (kwnames !== null) {
    const kwStart = start + npos;
    for (let k = 0; k < kwnames.length; k++) {
      const name = kwnames[k];
      const value = args[kwStart + k] as PyObj;
      let idx = -1;
      for (let j = code.posonlyargcount; j < total; j++) {
        if (names[j] === name) {
          idx = j;
          break;
        }
      }
      if (idx >= 0) {
        if (regs[idx] !== null) throw typeError(`${fn.qualname}() got multiple values for argument '${name}'`);
        regs[idx] = value;
        continue;
      }
      if (kwdict !== null) {
        kwdict.setStr(name, value);
        continue;
      }
      let posonly = false;
      for (let j = 0; j < code.posonlyargcount; j++) if (names[j] === name) posonly = true;
      if (posonly) {
        const bad = kwnames.filter((kn) => names.slice(0, code.posonlyargcount).includes(kn));
        throw typeError(`${fn.qualname}() got some positional-only arguments passed as keyword arguments: '${bad.join(", ")}'`);
      }
      throw typeError(`${fn.qualname}() got an unexpected keyword argument '${name}'`);
    }
  }
  if (npos > argcount && varargsIdx < 0) throw tooManyPositional(fn, npos, regs);
  // Defaults for missing positional parameters.
  if (npos < argcount) {
    const defaults = fn.defaults;
    const ndef = defaults === null ? 0 : defaults.length;
    const firstDefault = argcount - ndef;
    let missing: string[] | null = null;
    for (let j = npos; j < argcount; j++) {
      if (regs[j] !== null) continue;
      if (j >= firstDefault) regs[j] = defaults![j - firstDefault];
      else (missing ??= []).push(names[j]);
    }
    if (missing !== null) throw missingArgs(fn, missing, "positional");
  }
  if (code.kwonlyargcount > 0) {
    let missing: string[] | null = null;
    for (let j = argcount; j < total; j++) {
      if (regs[j] !== null) continue;
      const dv = fn.kwdefaults?.getStr(names[j]);
      if (dv !== undefined) regs[j] = dv;
      else (missing ??= []).push(names[j]);
    }
    if (missing !== null) throw missingArgs(fn, missing, "keyword-only");
  }
}

function tooManyPositional(fn: PyFunction, given: number, regs: (PyObj | null)[]): PyObj & object {
  const code = fn.code;
  const argcount = code.argcount;
  const ndef = fn.defaults?.length ?? 0;
  let kwonlyGiven = 0;
  for (let j = argcount; j < argcount + code.kwonlyargcount; j++) if (regs[j] !== null) kwonlyGiven++;
  const plural = (n: number) => (n === 1 ? "" : "s");
  const takes = ndef > 0 ? `from ${argcount - ndef} to ${argcount} positional argument${plural(argcount)}` : `${argcount} positional argument${plural(argcount)}`;
  const kwPart = kwonlyGiven > 0 ? ` positional argument${plural(given)} (and ${kwonlyGiven} keyword-only argument${plural(kwonlyGiven)})` : "";
  const were = kwonlyGiven > 0 ? "were" : given === 1 ? "was" : "were";
  return typeError(`${fn.qualname}() takes ${takes} but ${given}${kwPart} ${were} given`);
}

function missingArgs(fn: PyFunction, missing: string[], kind: string): PyObj & object {
  const quoted = missing.map((m) => `'${m}'`);
  let list: string;
  if (quoted.length === 1) list = quoted[0];
  else if (quoted.length === 2) list = `${quoted[0]} and ${quoted[1]}`;
  else list = `${quoted.slice(0, -1).join(", ")}, and ${quoted[quoted.length - 1]}`;
  return typeError(`${fn.qualname}() missing ${missing.length} required ${kind} argument${missing.length === 1 ? "" : "s"}: ${list}`);
}

export { None };
