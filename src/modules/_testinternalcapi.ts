// _testinternalcapi: the few entry points of CPython's internal-API test module that the
// test suite (test.support, test_compile, test_class, test_dict, test_marshal, test_dis)
// reaches for. CPython always builds this module, and test.support raises SkipTest at
// import time (not per test) without it, so its absence stops whole test modules.
// Only what TSPython can answer truthfully is here; the rest is left out on purpose so a
// test that needs it fails with AttributeError instead of passing by accident.
import { PyModule } from "../objects/function.js";
import { PyDict } from "../objects/dict.js";
import { keyError, newException, NotImplementedError, SystemError, typeError } from "../objects/exceptions.js";
import { threadState } from "../vm/frame.js";
import { bindArgs, defModuleFn } from "./modutil.js";
import { installInstructionSequence } from "./instructionSequence.js";

export function makeTestInternalCapiModule(): PyModule {
  const m = new PyModule("_testinternalcapi");
  installInstructionSequence(m);

  // The part of PyConfig the tests read: code objects carry column positions
  // (co_positions), as without -X no_debug_ranges.
  defModuleFn(m, "get_config", () => {
    const config = new PyDict();
    config.setStr("code_debug_ranges", true);
    return config;
  });

  // Python frames on the thread's chain, as CPython's tstate->py_recursion_limit -
  // tstate->py_recursion_remaining (1 at module level of __main__).
  defModuleFn(m, "get_recursion_depth", () => threadState.depth);

  defModuleFn(m, "dict_getitem_knownhash", (args, kw) => {
    const [d, key] = bindArgs("dict_getitem_knownhash", args, kw, ["mp", "key", "hash"], 3);
    if (!(d instanceof PyDict)) throw newException(SystemError, "bad argument to internal function");
    const value = d.get(key!);
    if (value === undefined) throw keyError(key!);
    return value;
  });

  // TSPython instances always keep their attributes in a dict: there are no inline values.
  defModuleFn(m, "has_inline_values", () => {
    throw newException(NotImplementedError, "TSPython objects have no inline values");
  });

  // Immortalization of deferred objects only exists in free-threaded CPython builds.
  defModuleFn(m, "get_immortalize_deferred", () => false);
  defModuleFn(m, "suppress_immortalization", (args) => {
    if (args.length !== 1) throw typeError("suppress_immortalization() takes exactly one argument");
    return 0;
  });

  // sys.getsizeof adds the GC header of tracked objects; test.support's size checks read it.
  m.dict.setStr("SIZEOF_PYGC_HEAD", 16);
  return m;
}
