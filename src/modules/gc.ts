// gc: the garbage collector interface (Modules/gcmodule.c). Memory belongs to the
// JavaScript engine: collect() asks the VM to collect (vm/finalization.ts runs the
// finalizers of unreachable generators then) and reports 0 objects.
import { PyObj, None } from "../objects/core.js";
import { PyModule } from "../objects/function.js";
import { valueError } from "../objects/exceptions.js";
import { indexAsNumber } from "../objects/abstract.js";
import { PyList, newTuple } from "../objects/sequence.js";
import { PyDict } from "../objects/dict.js";
import { requestCollect } from "../vm/finalization.js";
import { defModuleFn } from "./modutil.js";

export function makeGcModule(): PyModule {
  const m = new PyModule("gc");
  let enabled = true;
  let debug = 0;
  let threshold: PyObj[] = [2000, 10, 0];
  m.dict.setStr("callbacks", new PyList([]));
  m.dict.setStr("garbage", new PyList([]));
  for (const [k, v] of [["DEBUG_STATS", 1], ["DEBUG_COLLECTABLE", 2], ["DEBUG_UNCOLLECTABLE", 4], ["DEBUG_SAVEALL", 32], ["DEBUG_LEAK", 38]] as const) {
    m.dict.setStr(k, v);
  }
  defModuleFn(m, "enable", () => ((enabled = true), None));
  defModuleFn(m, "disable", () => ((enabled = false), None));
  defModuleFn(m, "isenabled", () => enabled);
  defModuleFn(m, "collect", (a) => {
    const gen = a.length > 0 ? indexAsNumber(a[0]) : 2;
    if (gen < 0 || gen > 2) throw valueError("invalid generation");
    requestCollect();
    return 0;
  });
  defModuleFn(m, "get_count", () => newTuple([0, 0, 0]));
  defModuleFn(m, "get_threshold", () => newTuple(threshold.slice()));
  defModuleFn(m, "set_threshold", (a) => {
    threshold = [a[0] ?? threshold[0], a[1] ?? threshold[1], a[2] ?? threshold[2]];
    return None;
  });
  defModuleFn(m, "get_debug", () => debug);
  defModuleFn(m, "set_debug", (a) => ((debug = indexAsNumber(a[0])), None));
  defModuleFn(m, "get_objects", () => new PyList([]));
  defModuleFn(m, "get_stats", () => new PyList([0, 1, 2].map(() => {
    const d = new PyDict();
    d.setStr("collections", 0);
    d.setStr("collected", 0);
    d.setStr("uncollectable", 0);
    return d;
  })));
  defModuleFn(m, "get_referrers", () => new PyList([]));
  defModuleFn(m, "get_referents", () => new PyList([]));
  defModuleFn(m, "is_tracked", (a) => !(typeof a[0] === "number" || typeof a[0] === "string" || typeof a[0] === "boolean" || typeof a[0] === "bigint" || a[0] === None));
  defModuleFn(m, "is_finalized", () => false);
  defModuleFn(m, "freeze", () => None);
  defModuleFn(m, "unfreeze", () => None);
  defModuleFn(m, "get_freeze_count", () => 0);
  return m;
}
