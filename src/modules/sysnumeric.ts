// sys.float_info, sys.int_info and sys.get/set_int_max_str_digits (owned by the
// builtin-types work; sys.ts calls installNumericSysInfo). float_info and int_info are
// attribute namespaces here (CPython: struct sequences).
import { PyObj, PyFloat, None } from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { PyModule } from "../objects/function.js";
import { typeError } from "../objects/exceptions.js";
import { index } from "../objects/abstract.js";
import { getIntMaxStrDigits, setIntMaxStrDigits } from "../objects/number.js";

export function installNumericSysInfo(d: PyDict, def: (name: string, fn: (args: PyObj[]) => PyObj) => unknown): void {
  const fi = new PyModule("float_info");
  const floatInfo: [string, PyObj][] = [
    ["max", new PyFloat(Number.MAX_VALUE)], ["max_exp", 1024], ["max_10_exp", 308],
    ["min", new PyFloat(2.2250738585072014e-308)], ["min_exp", -1021], ["min_10_exp", -307],
    ["dig", 15], ["mant_dig", 53], ["epsilon", new PyFloat(Number.EPSILON)], ["radix", 2], ["rounds", 1],
  ];
  for (const [k, v] of floatInfo) fi.dict.setStr(k, v);
  d.setStr("float_info", fi);
  const ii = new PyModule("int_info");
  const intInfo: [string, PyObj][] = [
    ["bits_per_digit", 30], ["sizeof_digit", 4], ["default_max_str_digits", 4300], ["str_digits_check_threshold", 640],
  ];
  for (const [k, v] of intInfo) ii.dict.setStr(k, v);
  d.setStr("int_info", ii);
  def("get_int_max_str_digits", () => getIntMaxStrDigits());
  def("set_int_max_str_digits", (args) => {
    if (args.length !== 1) throw typeError(`set_int_max_str_digits() takes exactly one argument (${args.length} given)`);
    setIntMaxStrDigits(Number(index(args[0])));
    return None;
  });
}
