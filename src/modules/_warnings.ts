// _warnings: only warn() and warn_explicit(), which hand over to warnings.py. With the
// other names missing, warnings.py keeps its own pure-Python implementation (as it does
// when CPython's C accelerator is absent); importlib's bootstrap only needs warn().
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`
def warn(message, category=None, stacklevel=1, source=None, *, skip_file_prefixes=()):
    import warnings
    warnings.warn(message, category, stacklevel + 1, source, skip_file_prefixes=skip_file_prefixes)

def warn_explicit(message, category, filename, lineno, module=None, registry=None, module_globals=None, source=None):
    import warnings
    warnings.warn_explicit(message, category, filename, lineno, module, registry, module_globals, source)
`;

export function makeWarningsModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_warnings", SOURCE);
}
