// time: the clock functions (a first part of timemodule.c).
import { PyFloat, None, PyObj } from "../objects/core.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { asFloat, isTrue, toArray } from "../objects/abstract.js";
import { newTuple } from "../objects/sequence.js";

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
  installCalendarFunctions(m);
  return m;
}

/** Broken-down time as (year, mon, mday, hour, min, sec, wday, yday, isdst, zone, gmtoff). */
function brokenDown(seconds: number, utc: boolean): PyObj {
  const d = new Date(seconds * 1000);
  const get = utc
    ? [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCDay()]
    : [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getDay()];
  const [y, mo, day, h, mi, sec, wd] = get;
  const startOfYear = utc ? Date.UTC(y, 0, 1) : new Date(y, 0, 1).getTime();
  const today = utc ? Date.UTC(y, mo, day) : new Date(y, mo, day).getTime();
  const yday = Math.round((today - startOfYear) / 86400000) + 1;
  const offsetMin = utc ? 0 : -d.getTimezoneOffset();
  const jan = new Date(y, 0, 1).getTimezoneOffset(), jul = new Date(y, 6, 1).getTimezoneOffset();
  const isdst = utc ? 0 : d.getTimezoneOffset() < Math.max(jan, jul) ? 1 : 0;
  const zone = utc ? "UTC" : (Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? "UTC");
  return newTuple([y, mo + 1, day, h, mi, sec, (wd + 6) % 7, yday, isdst, zone, offsetMin * 60]);
}

const CALENDAR_SOURCE = String.raw`
class struct_time(tuple):
    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0
    def __new__(cls, seq, dict=None):
        seq = tuple(seq)
        if len(seq) < 9:
            raise TypeError('time.struct_time() takes an at least 9-sequence (%d-sequence given)' % len(seq))
        self = tuple.__new__(cls, seq[:9])
        self._extra = seq[9:11] if len(seq) > 9 else (None, None)
        return self
    tm_year = property(lambda self: self[0])
    tm_mon = property(lambda self: self[1])
    tm_mday = property(lambda self: self[2])
    tm_hour = property(lambda self: self[3])
    tm_min = property(lambda self: self[4])
    tm_sec = property(lambda self: self[5])
    tm_wday = property(lambda self: self[6])
    tm_yday = property(lambda self: self[7])
    tm_isdst = property(lambda self: self[8])
    tm_zone = property(lambda self: self._extra[0])
    tm_gmtoff = property(lambda self: self._extra[1])
    def __repr__(self):
        names = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday', 'tm_yday', 'tm_isdst')
        return 'time.struct_time(%s)' % ', '.join('%s=%r' % (n, v) for n, v in zip(names, self))
    def __reduce__(self):
        return (struct_time, (tuple(self) + tuple(self._extra),))
struct_time.__module__ = 'time'

def gmtime(secs=None):
    return struct_time(_n_broken_down(time() if secs is None else secs, True))

def localtime(secs=None):
    return struct_time(_n_broken_down(time() if secs is None else secs, False))

def mktime(t):
    return _n_mktime(tuple(t)[:9])

_DAYS = ('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday')
_MONTHS = ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
           'September', 'October', 'November', 'December')

def strftime(format, t=None):
    if t is None:
        t = localtime()
    elif not isinstance(t, struct_time):
        t = struct_time(tuple(t) + (None, None) if len(t) == 9 else t)
    y, mo, d, h, mi, s, wd, yd, dst = t[:9]
    out = []
    i = 0
    n = len(format)
    while i < n:
        c = format[i]
        if c != '%' or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        f = format[i + 1]
        i += 2
        if f == 'Y': out.append('%d' % y)
        elif f == 'm': out.append('%02d' % mo)
        elif f == 'd': out.append('%02d' % d)
        elif f == 'e': out.append('%2d' % d)
        elif f == 'H': out.append('%02d' % h)
        elif f == 'I': out.append('%02d' % ((h % 12) or 12))
        elif f == 'M': out.append('%02d' % mi)
        elif f == 'S': out.append('%02d' % s)
        elif f == 'y': out.append('%02d' % (y % 100))
        elif f == 'j': out.append('%03d' % yd)
        elif f == 'a': out.append(_DAYS[wd][:3])
        elif f == 'A': out.append(_DAYS[wd])
        elif f == 'b' or f == 'h': out.append(_MONTHS[mo - 1][:3])
        elif f == 'B': out.append(_MONTHS[mo - 1])
        elif f == 'p': out.append('AM' if h < 12 else 'PM')
        elif f == 'w': out.append('%d' % ((wd + 1) % 7))
        elif f == 'u': out.append('%d' % (wd + 1))
        elif f == 'U': out.append('%02d' % ((yd + 6 - (wd + 1) % 7) // 7))
        elif f == 'W': out.append('%02d' % ((yd + 6 - wd) // 7))
        elif f == 'c': out.append(strftime('%a %b %e %H:%M:%S %Y', t))
        elif f == 'x': out.append(strftime('%m/%d/%y', t))
        elif f == 'X': out.append(strftime('%H:%M:%S', t))
        elif f == 'D': out.append(strftime('%m/%d/%y', t))
        elif f == 'F': out.append(strftime('%Y-%m-%d', t))
        elif f == 'T': out.append(strftime('%H:%M:%S', t))
        elif f == 'R': out.append(strftime('%H:%M', t))
        elif f == 'n': out.append('\n')
        elif f == 't': out.append('\t')
        elif f == 'Z': out.append(t.tm_zone or tzname[dst > 0])
        elif f == 'z':
            off = t.tm_gmtoff if t.tm_gmtoff is not None else -timezone
            sign = '+' if off >= 0 else '-'
            off = abs(off) // 60
            out.append('%s%02d%02d' % (sign, off // 60, off % 60))
        elif f == '%': out.append('%')
        else: out.append('%' + f)
    return ''.join(out)

def asctime(t=None):
    if t is None:
        t = localtime()
    return strftime('%a %b %e %H:%M:%S %Y', t)

def ctime(secs=None):
    return asctime(localtime(secs))

def strptime(string, format='%a %b %d %H:%M:%S %Y'):
    import _strptime
    return _strptime._strptime_time(string, format)

def get_clock_info(name):
    import types
    info = {'time': ('time()', False, False, 1e-06), 'monotonic': ('monotonic()', True, False, 1e-09),
            'perf_counter': ('perf_counter()', True, False, 1e-09), 'process_time': ('process_time()', True, False, 1e-06),
            'thread_time': ('thread_time()', True, False, 1e-06)}
    if name not in info:
        raise ValueError('unknown clock')
    impl, mono, adj, res = info[name]
    return types.SimpleNamespace(implementation=impl, monotonic=mono, adjustable=adj, resolution=res)

def thread_time():
    return process_time()

def thread_time_ns():
    return int(process_time() * 1e9)

def process_time_ns():
    return int(process_time() * 1e9)

def tzset():
    pass

timezone, altzone, daylight, _tzname0, _tzname1 = _n_zone_info()
tzname = (_tzname0, _tzname1)
CLOCK_REALTIME = 0
CLOCK_MONOTONIC = 1
CLOCK_PROCESS_CPUTIME_ID = 2
CLOCK_THREAD_CPUTIME_ID = 3
`;

/** struct_time, localtime/gmtime/mktime/strftime/asctime/strptime, timezone data. */
function installCalendarFunctions(m: PyModule): void {
  m.dict.setStr("_n_broken_down", new PyBuiltinFunction("_n_broken_down", (a) => brokenDown(asFloat(a[0]), isTrue(a[1]))));
  m.dict.setStr("_n_mktime", new PyBuiltinFunction("_n_mktime", (a) => {
    const t = toArray(a[0]).map((x) => Number(asFloat(x)));
    const d = new Date(t[0], t[1] - 1, t[2], t[3], t[4], t[5]);
    return new PyFloat(Math.floor(d.getTime() / 1000));
  }));
  m.dict.setStr("_n_zone_info", new PyBuiltinFunction("_n_zone_info", () => {
    const y = new Date().getFullYear();
    const jan = new Date(y, 0, 1).getTimezoneOffset(), jul = new Date(y, 6, 1).getTimezoneOffset();
    const std = Math.max(jan, jul), dst = Math.min(jan, jul);
    const name = (month: number) => Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(new Date(y, month, 1)).find((p) => p.type === "timeZoneName")?.value ?? "UTC";
    const stdName = jan >= jul ? name(0) : name(6), dstName = jan >= jul ? name(6) : name(0);
    return newTuple([std * 60, dst * 60, jan !== jul ? 1 : 0, stdName, dstName]);
  }));
  calendarSource = CALENDAR_SOURCE;
}

/** time's Python part, run by the registry entry once the module has its natives. */
export let calendarSource = "";
