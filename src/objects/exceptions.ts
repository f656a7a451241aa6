// The exception hierarchy of CPython 3.13 and the exception object. A Python exception
// is thrown in JS as itself (a PyBaseException), never wrapped in a JS Error.
import {
  PyObject, PyObj, PyType, makeBuiltinType, objectType, TypeFlag, None, typeOf, typeTypeObj,
} from "./core.js";
import { setErrorHooks } from "./descr.js";
import type { PyTuple } from "./sequence.js";

export class PyBaseException extends PyObject {
  /** The arguments (BaseException.args): replaced, never changed in place. */
  declare args: PyObj[];
  /** A PyTraceback or null (None). */
  declare traceback: PyObject | null;
  declare cause: PyObj | null;
  declare context: PyObj | null;
  declare suppressContext: boolean;
  /**
   * The C-level fields of the exception subclasses (NameError.name, OSError.errno,
   * SyntaxError.lineno, ...): kept out of __dict__ as CPython keeps them in its struct.
   * Names and values alternate ([name0, value0, name1, value1, ...]): most exceptions with
   * fields have one or two (AttributeError.name/obj), a Map would cost more to make.
   */
  declare fields: (string | PyObj)[] | null;
  /** The tuple BaseException.args last returned (valid while its items are `args`). */
  declare argsTuple: PyTuple | null;
  constructor(type: PyType, args: PyObj[]) {
    super(type);
    this.args = args;
    this.fields = null;
    this.argsTuple = null;
    this.traceback = null;
    this.cause = null;
    this.context = null;
    this.suppressContext = false;
  }
}

/** The args of an exception just allocated (args arrays are never changed in place). */
const NO_ARGS: PyObj[] = [];

/**
 * The allocator of every exception type: one function, so that the allocation calls
 * (cls.tp_alloc(cls) in the type call and the VM's fast paths) see a single target.
 */
function allocException(cls: PyType): PyBaseException {
  return new PyBaseException(cls, NO_ARGS);
}

const flagsExc = TypeFlag.BASETYPE | TypeFlag.BASE_EXC_SUBCLASS;
function exc(name: string, base: PyType | null): PyType {
  const t = makeBuiltinType(name, base ?? objectType, flagsExc);
  t.tp_alloc = allocException;
  t.instancesHaveDict = true;
  return t;
}

export const BaseException = exc("BaseException", null);
export const BaseExceptionGroup = exc("BaseExceptionGroup", BaseException);
export const GeneratorExit = exc("GeneratorExit", BaseException);
export const KeyboardInterrupt = exc("KeyboardInterrupt", BaseException);
export const SystemExit = exc("SystemExit", BaseException);
export const Exception = exc("Exception", BaseException);
export const ArithmeticError = exc("ArithmeticError", Exception);
export const FloatingPointError = exc("FloatingPointError", ArithmeticError);
export const OverflowError = exc("OverflowError", ArithmeticError);
export const ZeroDivisionError = exc("ZeroDivisionError", ArithmeticError);
export const AssertionError = exc("AssertionError", Exception);
export const AttributeError = exc("AttributeError", Exception);
export const BufferError = exc("BufferError", Exception);
export const EOFError = exc("EOFError", Exception);
export const ImportError = exc("ImportError", Exception);
export const ModuleNotFoundError = exc("ModuleNotFoundError", ImportError);
export const LookupError = exc("LookupError", Exception);
export const IndexError = exc("IndexError", LookupError);
export const KeyError = exc("KeyError", LookupError);
export const MemoryError = exc("MemoryError", Exception);
export const NameError = exc("NameError", Exception);
export const UnboundLocalError = exc("UnboundLocalError", NameError);
export const OSError = exc("OSError", Exception);
export const BlockingIOError = exc("BlockingIOError", OSError);
export const ChildProcessError = exc("ChildProcessError", OSError);
export const ConnectionError = exc("ConnectionError", OSError);
export const BrokenPipeError = exc("BrokenPipeError", ConnectionError);
export const ConnectionAbortedError = exc("ConnectionAbortedError", ConnectionError);
export const ConnectionRefusedError = exc("ConnectionRefusedError", ConnectionError);
export const ConnectionResetError = exc("ConnectionResetError", ConnectionError);
export const FileExistsError = exc("FileExistsError", OSError);
export const FileNotFoundError = exc("FileNotFoundError", OSError);
export const InterruptedError = exc("InterruptedError", OSError);
export const IsADirectoryError = exc("IsADirectoryError", OSError);
export const NotADirectoryError = exc("NotADirectoryError", OSError);
export const PermissionError = exc("PermissionError", OSError);
export const ProcessLookupError = exc("ProcessLookupError", OSError);
export const TimeoutError = exc("TimeoutError", OSError);
export const ReferenceError = exc("ReferenceError", Exception);
export const RuntimeError = exc("RuntimeError", Exception);
export const NotImplementedError = exc("NotImplementedError", RuntimeError);
export const PythonFinalizationError = exc("PythonFinalizationError", RuntimeError);
export const RecursionError = exc("RecursionError", RuntimeError);
export const StopAsyncIteration = exc("StopAsyncIteration", Exception);
export const StopIteration = exc("StopIteration", Exception);
export const SyntaxError = exc("SyntaxError", Exception);
export const IndentationError = exc("IndentationError", SyntaxError);
export const TabError = exc("TabError", IndentationError);
export const SystemError = exc("SystemError", Exception);
export const TypeError = exc("TypeError", Exception);
export const ValueError = exc("ValueError", Exception);
export const UnicodeError = exc("UnicodeError", ValueError);
export const UnicodeDecodeError = exc("UnicodeDecodeError", UnicodeError);
export const UnicodeEncodeError = exc("UnicodeEncodeError", UnicodeError);
export const UnicodeTranslateError = exc("UnicodeTranslateError", UnicodeError);
export const Warning = exc("Warning", Exception);
export const BytesWarning = exc("BytesWarning", Warning);
export const DeprecationWarning = exc("DeprecationWarning", Warning);
export const EncodingWarning = exc("EncodingWarning", Warning);
export const FutureWarning = exc("FutureWarning", Warning);
export const ImportWarning = exc("ImportWarning", Warning);
export const PendingDeprecationWarning = exc("PendingDeprecationWarning", Warning);
export const ResourceWarning = exc("ResourceWarning", Warning);
export const RuntimeWarning = exc("RuntimeWarning", Warning);
export const SyntaxWarning = exc("SyntaxWarning", Warning);
export const UnicodeWarning = exc("UnicodeWarning", Warning);
export const UserWarning = exc("UserWarning", Warning);
export const ExceptionGroup = exc("ExceptionGroup", BaseExceptionGroup);
ExceptionGroup.bases = [BaseExceptionGroup, Exception];
ExceptionGroup.mro = [ExceptionGroup, BaseExceptionGroup, Exception, BaseException, objectType];
Exception.subclasses.push(ExceptionGroup);

/** All exception types, for the builtins module. */
export const exceptionTypes: PyType[] = [
  BaseException, BaseExceptionGroup, GeneratorExit, KeyboardInterrupt, SystemExit, Exception,
  ArithmeticError, FloatingPointError, OverflowError, ZeroDivisionError, AssertionError,
  AttributeError, BufferError, EOFError, ImportError, ModuleNotFoundError, LookupError,
  IndexError, KeyError, MemoryError, NameError, UnboundLocalError, OSError, BlockingIOError,
  ChildProcessError, ConnectionError, BrokenPipeError, ConnectionAbortedError,
  ConnectionRefusedError, ConnectionResetError, FileExistsError, FileNotFoundError,
  InterruptedError, IsADirectoryError, NotADirectoryError, PermissionError,
  ProcessLookupError, TimeoutError, ReferenceError, RuntimeError, NotImplementedError,
  PythonFinalizationError, RecursionError, StopAsyncIteration, StopIteration, SyntaxError,
  IndentationError, TabError, SystemError, TypeError, ValueError, UnicodeError,
  UnicodeDecodeError, UnicodeEncodeError, UnicodeTranslateError, Warning, BytesWarning,
  DeprecationWarning, EncodingWarning, FutureWarning, ImportWarning,
  PendingDeprecationWarning, ResourceWarning, RuntimeWarning, SyntaxWarning, UnicodeWarning,
  UserWarning, ExceptionGroup,
];

/**
 * Calling an exception class that keeps BaseException's __new__ and __init__ (the builtin
 * classes, and subclasses defining neither) under the default metaclass, without keyword
 * arguments: what type.__call__ makes (args recorded once), or null when the generic type
 * call applies. For the VM's call fast paths.
 */
export function callExceptionClass(cls: PyType, args: readonly PyObj[]): PyBaseException | null {
  if (cls.tp_new !== BaseException.tp_new || cls.tp_init !== BaseException.tp_init || cls.type.tp_call !== typeTypeObj.tp_call) {
    return null;
  }
  const e = cls.tp_alloc(cls) as PyBaseException;
  e.args = args.slice();
  return e;
}

/** Makes an exception instance with a message (the common case inside the VM). */
export function newException(type: PyType, message?: string): PyBaseException {
  const e = new PyBaseException(type, message === undefined ? [] : [message]);
  return e;
}

export const typeError = (msg: string): PyBaseException => newException(TypeError, msg);
export const valueError = (msg: string): PyBaseException => newException(ValueError, msg);
export const attributeError = (msg: string): PyBaseException => newException(AttributeError, msg);
export const indexError = (msg: string): PyBaseException => newException(IndexError, msg);
export const overflowError = (msg: string): PyBaseException => newException(OverflowError, msg);
export const zeroDivisionError = (msg: string): PyBaseException => newException(ZeroDivisionError, msg);
export const runtimeError = (msg: string): PyBaseException => newException(RuntimeError, msg);
export const nameError = (name: string): PyBaseException => {
  const e = newException(NameError, `name '${name}' is not defined`);
  e.dict = null;
  return e;
};
export function keyError(key: PyObj): PyBaseException {
  return new PyBaseException(KeyError, [key]);
}
export function stopIteration(value: PyObj = None): PyBaseException {
  return new PyBaseException(StopIteration, value === None ? [] : [value]);
}

/** Sets one of an exception's C-level fields (see PyBaseException.fields). */
export function setExcField(e: PyBaseException, name: string, v: PyObj): void {
  const f = e.fields;
  if (f === null) {
    e.fields = [name, v];
    return;
  }
  for (let i = 0; i < f.length; i += 2) {
    if (f[i] === name) {
      f[i + 1] = v;
      return;
    }
  }
  f.push(name, v);
}
/** One of an exception's C-level fields, or undefined when unset. */
export function excFieldOrUnset(e: PyBaseException, name: string): PyObj | undefined {
  const f = e.fields;
  if (f === null) return undefined;
  for (let i = 0; i < f.length; i += 2) if (f[i] === name) return f[i + 1] as PyObj;
  return undefined;
}
/** One of an exception's C-level fields, or None. */
export function excField(e: PyBaseException, name: string): PyObj {
  return excFieldOrUnset(e, name) ?? None;
}
/** Unsets one of an exception's C-level fields; false when it was not set. */
export function deleteExcField(e: PyBaseException, name: string): boolean {
  const f = e.fields;
  if (f === null) return false;
  for (let i = 0; i < f.length; i += 2) {
    if (f[i] === name) {
      f.splice(i, 2);
      return true;
    }
  }
  return false;
}

/** StopIteration.value: args[0] unless assigned since (CPython keeps it in a field). */
export function stopIterationValue(e: PyBaseException): PyObj {
  const v = excFieldOrUnset(e, "value");
  if (v !== undefined) return v;
  return e.args.length > 0 ? e.args[0] : None;
}

/**
 * CHECK_EXC_MATCH for the handlers `except` accepts: whether exc's type is `handler` or
 * a subclass of it, or of one item of a tuple `handler`. null when the handler is not an
 * exception class nor a tuple of them (the caller raises CPython's TypeError). Reads no
 * __instancecheck__/__subclasscheck__, as PyErr_GivenExceptionMatches.
 */
export function exceptionMatches(exc: PyObj, handler: PyObj): boolean | null {
  if (handler instanceof PyType) {
    if (!isExceptionClass(handler)) return null;
    return typeOf(exc).isSubtypeOf(handler);
  }
  if (typeof handler !== "object" || (handler.type.flags & TypeFlag.TUPLE_SUBCLASS) === 0) return null;
  // Every item is checked before any matches (_PyEval_CheckExceptTypeValid).
  const items = (handler as PyTuple).items;
  for (let i = 0; i < items.length; i++) {
    const t = items[i];
    if (!(t instanceof PyType) || !isExceptionClass(t)) return null;
  }
  const et = typeOf(exc);
  for (let i = 0; i < items.length; i++) if (et.isSubtypeOf(items[i] as PyType)) return true;
  return false;
}

/** Whether `t` derives from BaseException (the type flag, else the MRO). */
function isExceptionClass(t: PyType): boolean {
  return (t.flags & TypeFlag.BASE_EXC_SUBCLASS) !== 0 || t.isSubtypeOf(BaseException);
}

export function isExceptionInstance(v: PyObj): v is PyBaseException {
  return v instanceof PyBaseException;
}

setErrorHooks(typeError, attributeError);
