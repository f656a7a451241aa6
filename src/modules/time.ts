// time: clocks, sleep, and the calendar functions (localtime/gmtime/mktime/strftime/
// asctime/ctime, struct_time) — the commonly used part of timemodule.c.
import { PyFloat, None, PyObj, makeBuiltinType, tupleType, KwNames } from "../objects/core.js";
import { PyBuiltinFunction, defineGetSet } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { asFloat, index, toArray, repr } from "../objects/abstract.js";
import { PyTuple } from "../objects/sequence.js";
import { typeError, valueError } from "../objects/exceptions.js";
import { finishNativeType } from "../objects/typeobject.js";

const FIELDS = ["tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"];
export const structTimeType = makeBuiltinType("time.struct_time", tupleType, 0);
structTimeType.qualname = "struct_time";
let structTimeReady = false;

function structTime(d: Date, utc: boolean): PyTuple {
  const get = (local: () => number, u: () => number) => (utc ? u() : local());
  const year = get(() => d.getFullYear(), () => d.getUTCFullYear());
  const mon = get(() => d.getMonth(), () => d.getUTCMonth());
  const mday = get(() => d.getDate(), () => d.getUTCDate());
  const start = utc ? Date.UTC(year, 0, 1) : new Date(year, 0, 1).getTime();
  const dayStart = utc ? Date.UTC(year, mon, mday) : new Date(year, mon, mday).getTime();
  const yday = Math.round((dayStart - start) / 86400000) + 1;
  const wday = (get(() => d.getDay(), () => d.getUTCDay()) + 6) % 7;
  const offsetMin = utc ? 0 : -d.getTimezoneOffset();
  const jan = new Date(year, 0, 1).getTimezoneOffset(), jul = new Date(year, 6, 1).getTimezoneOffset();
  const isdst = utc ? 0 : Math.max(jan, jul) !== d.getTimezoneOffset() ? 1 : 0;
  const t = new PyTuple([
    year, mon + 1, mday, get(() => d.getHours(), () => d.getUTCHours()), get(() => d.getMinutes(), () => d.getUTCMinutes()),
    get(() => d.getSeconds(), () => d.getUTCSeconds()), wday, yday, isdst,
  ], structTimeType);
  t.dict = null;
  zoneInfo.set(t, [utc ? "UTC" : (Intl.DateTimeFormat("en", { timeZoneName: "short" }).formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? "UTC"), offsetMin * 60]);
  return t;
}
const zoneInfo = new WeakMap<PyTuple, [string, number]>();

function timeArg(args: PyObj[]): Date {
  if (args.length === 0 || args[0] === None) return new Date();
  return new Date(asFloat(args[0]) * 1000);
}

function tupleToDate(v: PyObj, utc: boolean): Date {
  const items = toArray(v).map((x) => Number(index(x)));
  if (items.length !== 9) throw typeError(`time.struct_time() takes a 9-sequence (${items.length}-sequence given)`);
  const [y, mo, d, h, mi, s] = items;
  return utc ? new Date(Date.UTC(y, mo - 1, d, h, mi, s)) : new Date(y, mo - 1, d, h, mi, s);
}

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const pad = (n: number, w = 2, c = "0") => String(n).padStart(w, c);

function strftime(fmt: string, t: number[]): string {
  const [y, mo, d, h, mi, s, wd, yd] = t;
  return fmt.replace(/%([a-zA-Z%])/g, (_m, c: string) => {
    switch (c) {
      case "Y": return String(y);
      case "y": return pad(y % 100);
      case "m": return pad(mo);
      case "d": return pad(d);
      case "e": return pad(d, 2, " ");
      case "H": return pad(h);
      case "I": return pad(((h + 11) % 12) + 1);
      case "M": return pad(mi);
      case "S": return pad(s);
      case "p": return h < 12 ? "AM" : "PM";
      case "a": return DAYS[wd].slice(0, 3);
      case "A": return DAYS[wd];
      case "b": case "h": return MONTHS[mo - 1].slice(0, 3);
      case "B": return MONTHS[mo - 1];
      case "j": return pad(yd, 3);
      case "w": return String((wd + 1) % 7);
      case "u": return String(wd + 1);
      case "Z": return "UTC";
      case "z": return "+0000";
      case "c": return `${DAYS[wd].slice(0, 3)} ${MONTHS[mo - 1].slice(0, 3)} ${pad(d, 2, " ")} ${pad(h)}:${pad(mi)}:${pad(s)} ${y}`;
      case "x": return `${pad(mo)}/${pad(d)}/${pad(y % 100)}`;
      case "X": return `${pad(h)}:${pad(mi)}:${pad(s)}`;
      case "D": return `${pad(mo)}/${pad(d)}/${pad(y % 100)}`;
      case "T": return `${pad(h)}:${pad(mi)}:${pad(s)}`;
      case "F": return `${y}-${pad(mo)}-${pad(d)}`;
      case "%": return "%";
      default: return `%${c}`;
    }
  });
}

export function makeTimeModule(): PyModule {
  if (!structTimeReady) {
    structTimeReady = true;
    FIELDS.forEach((name, i) => defineGetSet(structTimeType, name, (t) => (t as PyTuple).items[i]));
    defineGetSet(structTimeType, "tm_zone", (t) => zoneInfo.get(t as PyTuple)?.[0] ?? None);
    defineGetSet(structTimeType, "tm_gmtoff", (t) => zoneInfo.get(t as PyTuple)?.[1] ?? None);
    structTimeType.tp_repr = (t) => `time.struct_time(${FIELDS.map((n, i) => `${n}=${repr((t as PyTuple).items[i])}`).join(", ")})`;
    structTimeType.tp_new = (cls, args) => new PyTuple(toArray(args[0]), cls);
    finishNativeType(structTimeType);
  }
  const m = new PyModule("time");
  const def = (name: string, fn: (args: PyObj[], kw: KwNames) => PyObj) => m.dict.setStr(name, new PyBuiltinFunction(name, fn, null, name, "time"));
  const t0 = process.hrtime.bigint();
  def("time", () => new PyFloat(Date.now() / 1000));
  def("time_ns", () => BigInt(Date.now()) * 1000000n);
  def("perf_counter", () => new PyFloat(Number(process.hrtime.bigint() - t0) / 1e9));
  def("perf_counter_ns", () => Number(process.hrtime.bigint() - t0));
  def("monotonic", () => new PyFloat(Number(process.hrtime.bigint()) / 1e9));
  def("monotonic_ns", () => process.hrtime.bigint());
  def("process_time", () => new PyFloat(process.cpuUsage().user / 1e6));
  def("process_time_ns", () => BigInt(process.cpuUsage().user) * 1000n);
  def("thread_time", () => new PyFloat(process.cpuUsage().user / 1e6));
  def("sleep", (args) => {
    const secs = asFloat(args[0]);
    if (secs < 0) throw valueError("sleep length must be non-negative");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, secs * 1000);
    return None;
  });
  def("localtime", (args) => structTime(timeArg(args), false));
  def("gmtime", (args) => structTime(timeArg(args), true));
  def("mktime", (args) => new PyFloat(tupleToDate(args[0], false).getTime() / 1000));
  def("strftime", (args) => {
    const fmt = args[0];
    if (typeof fmt !== "string") throw typeError("strftime() argument 1 must be str");
    const t = args.length > 1 ? toArray(args[1]).map((x) => Number(index(x))) : (structTime(new Date(), false).items as number[]);
    return strftime(fmt, t);
  });
  def("asctime", (args) => {
    const t = args.length > 0 ? toArray(args[0]).map((x) => Number(index(x))) : (structTime(new Date(), false).items as number[]);
    return strftime("%a %b %e %H:%M:%S %Y", t);
  });
  def("ctime", (args) => strftime("%a %b %e %H:%M:%S %Y", structTime(timeArg(args), false).items as number[]));
  def("get_clock_info", (args) => {
    // A namespace with CPython's fields (a types.SimpleNamespace there).
    const name = args[0];
    if (typeof name !== "string") throw typeError("get_clock_info() argument 1 must be str");
    const known: Record<string, [string, boolean, boolean, number]> = {
      time: ["clock_gettime(CLOCK_REALTIME)", false, true, 1e-9],
      monotonic: ["clock_gettime(CLOCK_MONOTONIC)", true, false, 1e-9],
      perf_counter: ["clock_gettime(CLOCK_MONOTONIC)", true, false, 1e-9],
      process_time: ["clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", true, false, 1e-9],
      thread_time: ["clock_gettime(CLOCK_THREAD_CPUTIME_ID)", true, false, 1e-9],
    };
    const info = known[name];
    if (info === undefined) throw valueError("unknown clock");
    const ns = new PyModule("namespace");
    ns.dict.clear();
    ns.dict.setStr("implementation", info[0]);
    ns.dict.setStr("monotonic", info[1]);
    ns.dict.setStr("adjustable", info[2]);
    ns.dict.setStr("resolution", new PyFloat(info[3]));
    return ns;
  });
  m.dict.setStr("struct_time", structTimeType);
  m.dict.setStr("timezone", new Date().getTimezoneOffset() * 60);
  m.dict.setStr("altzone", new Date().getTimezoneOffset() * 60 - 3600);
  m.dict.setStr("daylight", 0);
  m.dict.setStr("tzname", new PyTuple(["UTC", "UTC"]));
  return m;
}
