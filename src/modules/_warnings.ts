// _warnings: only warn() and warn_explicit(), which hand over to warnings.py. With the
// other names missing, warnings.py keeps its own pure-Python implementation (as it does
// when CPython's C accelerator is absent); importlib's bootstrap only needs warn().
//
// It also gives the parser's and compiler's SyntaxWarnings (emitCompileWarning), as
// CPython's PyErr_WarnExplicitObject does for them.
import type { CompileWarning } from "../ast/compileError.js";
import { None, isInstance } from "../objects/core.js";
import { call, getAttr } from "../objects/abstract.js";
import { PyBaseException, SyntaxWarning, DeprecationWarning } from "../objects/exceptions.js";
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

/**
 * Gives a SyntaxWarning of the parser or compiler: warnings.warn_explicit(message,
 * category, filename, lineno) with no module and no registry, as CPython's compiler does.
 * When the filters turn it into an exception of its category, the warning's SyntaxError
 * (a CompileError, the caller's to convert) is thrown instead; another exception (a
 * failing showwarning, say) propagates as it is.
 */
export function emitCompileWarning(interp: Interpreter, warning: CompileWarning, filename: string): void {
  const category = warning.category === "SyntaxWarning" ? SyntaxWarning : DeprecationWarning;
  let warnings;
  try {
    warnings = interp.importModule("warnings", None, None, 0);
  } catch {
    // No warnings module (no stdlib): print what its default filter would show.
    interp.stderr.write(`${filename}:${warning.lineno}: ${category.name}: ${warning.message}\n`);
    return;
  }
  try {
    call(getAttr(warnings, "warn_explicit"), [warning.message, category, filename, warning.lineno]);
  } catch (e) {
    if (e instanceof PyBaseException && isInstance(e, category)) throw warning.error;
    throw e;
  }
}
