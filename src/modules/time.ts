// time: the clock functions (a first part of timemodule.c).
import { PyFloat, None, PyObj } from "../objects/core.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { asFloat } from "../objects/abstract.js";

export function makeTimeModule(): PyModule {
  const m = new PyModule("time");
  const def = (name: string, fn: (args: PyObj[]) => PyObj) => m.dict.setStr(name, new PyBuiltinFunction(name, (a) => fn(a), null, name, "time"));
  const t0 = process.hrtime.bigint();
  def("time", () => new PyFloat(Date.now() / 1000));
  def("time_ns", () => BigInt(Date.now()) * 1000000n);
  def("perf_counter", () => new PyFloat(Number(process.hrtime.bigint() - t0) / 1e9));
  def("perf_counter_ns", () => Number(process.hrtime.bigint() - t0));
  def("monotonic", () => new PyFloat(Number(process.hrtime.bigint()) / 1e9));
  def("monotonic_ns", () => process.hrtime.bigint());
  def("process_time", () => new PyFloat(process.cpuUsage().user / 1e6));
  def("sleep", (args) => {
    const ms = asFloat(args[0]) * 1000;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    return None;
  });
  return m;
}
