// _warnings: the warning filters and registries of CPython's C module (Python/_warnings.c),
// written in Python. warnings.py takes filters, warn() and warn_explicit() from here, as it
// does on CPython (its pure-Python fallback differs: it hands `source` to WarningMessage as
// the file to write to, and uses "sys":1 where the C module says "<sys>":0).
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
import { PyBuiltinFunction } from "../objects/descr.js";
import { callObject } from "../vm/interpreter.js";
import { PyTraceback } from "../vm/traceback.js";

const SOURCE = String.raw`
filters = [
    ("default", None, DeprecationWarning, "__main__", 0),
    ("ignore", None, DeprecationWarning, None, 0),
    ("ignore", None, PendingDeprecationWarning, None, 0),
    ("ignore", None, ImportWarning, None, 0),
    ("ignore", None, ResourceWarning, None, 0),
]
_defaultaction = "default"
_onceregistry = {}

# The state the C module keeps: the filters' version (registries older than it are
# cleared) and the lists last seen in the warnings module.
_state = {"version": 1, "filters": filters, "default": _defaultaction, "once": _onceregistry}
_NOT_GIVEN = object()

def _filters_mutated():
    _state["version"] += 1

def _warnings_attr(name, try_import):
    import sys
    module = sys.modules.get("warnings")
    if module is None:
        if not try_import:
            return None
        try:
            import warnings as module
        except ImportError:
            return None
    return getattr(module, name, None)

def _get_filters():
    found = _warnings_attr("filters", False)
    if found is not None:
        _state["filters"] = found
    found = _state["filters"]
    if not isinstance(found, list):
        raise ValueError("warnings.filters must be a list")
    return found

def _get_default_action():
    found = _warnings_attr("defaultaction", False)
    if found is not None:
        _state["default"] = found
    found = _state["default"]
    if not isinstance(found, str):
        raise TypeError("warnings.defaultaction must be a string, not '%s'" % type(found).__name__)
    return found

def _get_once_registry():
    found = _warnings_attr("onceregistry", False)
    if found is not None:
        _state["once"] = found
    found = _state["once"]
    if not isinstance(found, dict):
        raise TypeError("warnings.onceregistry must be a dict, not '%s'" % type(found).__name__)
    return found

def _check_matched(obj, arg):
    if obj is None:
        return True
    if type(obj) is str:
        return obj == arg
    return bool(obj.match(arg))

def _get_filter(category, text, lineno, module):
    filters = _get_filters()
    for i in range(len(filters)):
        item = filters[i]
        if not isinstance(item, tuple) or len(item) != 5:
            raise ValueError("warnings.filters item %d isn't a 5-tuple" % i)
        action, msg, cat, mod, ln = item
        if not isinstance(action, str):
            raise TypeError("action must be a string, not '%s'" % type(action).__name__)
        good_msg = _check_matched(msg, text)
        good_mod = _check_matched(mod, module)
        is_subclass = issubclass(category, cat)
        ln = ln.__index__()
        if good_msg and is_subclass and good_mod and (ln == 0 or lineno == ln):
            return action, item
    return _get_default_action(), None

def _already_warned(registry, key, should_set):
    version = registry.get("version")
    if type(version) is not int or version != _state["version"]:
        registry.clear()
        registry["version"] = _state["version"]
    else:
        already = registry.get(key)
        if already is not None and already:
            return True
    if should_set:
        registry[key] = True
    return False

def _normalize_module(filename):
    if not filename:
        return "<unknown>"
    if filename.endswith(".py"):
        return filename[:-3]
    return filename

def _show_fallback(filename, lineno, text, category, sourceline):
    import sys
    stderr = sys.stderr
    stderr.write("%s:%d: %s: %s\n" % (filename, lineno, category.__name__, text))
    if sourceline is None:
        try:
            import linecache
            sourceline = linecache.getline(filename, lineno)
        except Exception:
            sourceline = None
    if sourceline:
        stderr.write("  %s\n" % sourceline.strip())

def _call_show_warning(category, text, message, filename, lineno, sourceline, source):
    show = _warnings_attr("_showwarnmsg", source is not None)
    if show is None:
        _show_fallback(filename, lineno, text, category, sourceline)
        return
    if not callable(show):
        raise TypeError("warnings._showwarnmsg() must be set to a callable")
    message_class = _warnings_attr("WarningMessage", False)
    if message_class is None:
        raise RuntimeError("unable to get warnings.WarningMessage")
    show(message_class(message, category, filename, lineno, None, None, source))

def _warn_explicit(category, message, filename, lineno, module, registry, sourceline, source):
    # (A module of None: a warning late in shutdown, with the filters gone.)
    if module is None:
        return None
    if registry is not None and not isinstance(registry, dict):
        raise TypeError("'registry' must be a dict or None")
    if module is _NOT_GIVEN:
        module = _normalize_module(filename)
    if isinstance(message, Warning):
        text = str(message)
        category = type(message)
    else:
        text = message
        message = category(message)
    key = (text, category, lineno)
    if registry is not None and _already_warned(registry, key, False):
        return None
    action, item = _get_filter(category, text, lineno, module)
    if action == "error":
        raise message
    if action == "ignore":
        return None
    already = False
    if action != "always" and action != "all":
        if registry is not None:
            registry[key] = True
        if action == "once":
            if registry is None:
                registry = _get_once_registry()
            already = _already_warned(registry, (text, category), True)
        elif action == "module":
            if registry is not None:
                already = _already_warned(registry, (text, category, 0), True)
        elif action != "default":
            raise RuntimeError("Unrecognized action (%r) in warnings.filters:\n %r" % (action, item))
    if not already:
        _call_show_warning(category, text, message, filename, lineno, sourceline, source)
    return None

def _is_internal_filename(filename):
    return isinstance(filename, str) and "importlib" in filename and "_bootstrap" in filename

def _is_filename_to_skip(filename, prefixes):
    for prefix in prefixes:
        if filename.startswith(prefix):
            return True
    return False

def _next_external_frame(frame, prefixes):
    frame = frame.f_back
    while frame is not None:
        filename = frame.f_code.co_filename
        if not (_is_internal_filename(filename) or _is_filename_to_skip(filename, prefixes)):
            break
        frame = frame.f_back
    return frame

def _get_category(message, category):
    if isinstance(message, Warning):
        category = type(message)
    elif category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '%s'" % type(category).__name__)
    return category

def warn(message, category=None, stacklevel=1, source=None, *, skip_file_prefixes=()):
    """Issue a warning, or maybe ignore it or raise an exception."""
    import sys
    category = _get_category(message, category)
    stacklevel = stacklevel.__index__()
    if not isinstance(skip_file_prefixes, tuple):
        raise TypeError("warn() argument 'skip_file_prefixes' must be tuple, not %s" % type(skip_file_prefixes).__name__)
    if skip_file_prefixes and stacklevel < 2:
        stacklevel = 2
    # The frame the C function would start from: warn()'s caller.
    try:
        frame = sys._getframe(1)
    except ValueError:
        frame = None
    if stacklevel <= 0 or (frame is not None and _is_internal_filename(frame.f_code.co_filename)):
        while stacklevel > 1 and frame is not None:
            frame = frame.f_back
            stacklevel -= 1
    else:
        while stacklevel > 1 and frame is not None:
            frame = _next_external_frame(frame, skip_file_prefixes)
            stacklevel -= 1
    if frame is None:
        globals = sys.__dict__
        filename = "<sys>"
        lineno = 0
    else:
        globals = frame.f_globals
        filename = frame.f_code.co_filename
        lineno = frame.f_lineno
    registry = globals.get("__warningregistry__")
    if registry is None:
        registry = globals["__warningregistry__"] = {}
    module = globals.get("__name__")
    if module is not None and not isinstance(module, str):
        module = "<string>"
    elif module is None and "__name__" not in globals:
        module = "<string>"
    return _warn_explicit(category, message, filename, lineno, module, registry, None, source)

def _get_source_line(module_globals, lineno):
    loader = module_globals.get("__loader__")
    if loader is None:
        return None
    module_name = module_globals.get("__name__")
    if module_name is None:
        return None
    get_source = getattr(loader, "get_source", None)
    if get_source is None:
        return None
    source = get_source(module_name)
    if source is None:
        return None
    lines = source.splitlines()
    if 0 < lineno <= len(lines):
        return lines[lineno - 1]
    return None

def warn_explicit(message, category, filename, lineno, module=_NOT_GIVEN, registry=None, module_globals=None, source=None):
    """Issue a warning, or maybe ignore it or raise an exception."""
    if not isinstance(filename, str):
        raise TypeError("warn_explicit() argument 'filename' must be str, not %s" % type(filename).__name__)
    lineno = lineno.__index__()
    sourceline = None
    if module_globals is not None:
        if not isinstance(module_globals, dict):
            raise TypeError("module_globals must be a dict, not '%s'" % type(module_globals).__name__)
        sourceline = _get_source_line(module_globals, lineno)
    return _warn_explicit(category, message, filename, lineno, module, registry, sourceline, source)
`;

export function makeWarningsModule(interp: Interpreter): PyModule {
  const m = pythonModule(interp, "_warnings", SOURCE);
  for (const name of ["warn", "warn_explicit"]) hideFrames(m, name);
  return m;
}

const OWN_FILENAME = "<tspython _warnings>";

/**
 * Replaces the Python function `name` by a builtin that calls it and drops this module's
 * own frames from the head of an escaping exception's traceback: CPython's C functions
 * leave no traceback entry (a warning turned into an error shows the caller's line last).
 */
function hideFrames(m: PyModule, name: string): void {
  const impl = m.dict.getStr(name);
  if (impl === undefined) return;
  m.dict.setStr(name, new PyBuiltinFunction(name, (args, kwnames) => {
    try {
      return callObject(impl, args, kwnames);
    } catch (e) {
      if (e instanceof PyBaseException) {
        let tb = e.traceback;
        while (tb instanceof PyTraceback && tb.frame.code.filename === OWN_FILENAME) tb = tb.next;
        e.traceback = tb;
      }
      throw e;
    }
  }, null, name, "_warnings"));
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
