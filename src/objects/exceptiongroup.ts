// BaseExceptionGroup / ExceptionGroup (Objects/exceptions.c): construction rules,
// split/subgroup/derive, and the two helpers behind except*: the match of
// CHECK_EG_MATCH and the re-raise computation of the PREP_RERAISE_STAR intrinsic.
import { PyObj, PyType, KwNames, None, typeOf, dictType } from "./core.js";
import { PyDict } from "./dict.js";
import { defineMethod, defineGetSet } from "./descr.js";
import {
  PyBaseException, BaseExceptionGroup, ExceptionGroup, Exception, BaseException, typeError, valueError,
  excField, setExcField,
} from "./exceptions.js";
import { repr, str, toArray, call, isTrue, getAttrOrNull, getAttr } from "./abstract.js";
import { newTuple, PyTuple, PyList } from "./sequence.js";
import { PyFunction, PyClassMethod } from "./function.js";
import { PyBuiltinFunction } from "./descr.js";
import { makeGenericAlias } from "./genericalias.js";

function E(o: PyObj): PyBaseException {
  return o as PyBaseException;
}

function isGroup(v: PyObj): v is PyBaseException {
  return v instanceof PyBaseException && v.type.isSubtypeOf(BaseExceptionGroup);
}

/** The message of a group (set once by __new__). */
export function egMessage(eg: PyBaseException): PyObj {
  return excField(eg, "message");
}
/** The sub-exceptions of a group, as the tuple `exceptions` returns. */
export function egExceptions(eg: PyBaseException): PyTuple {
  return excField(eg, "exceptions") as PyTuple;
}

function isSequence(v: PyObj): boolean {
  const t = typeOf(v);
  return t.mp_subscript !== null && !t.isSubtypeOf(dictType);
}

function groupNew(cls: PyType, args: PyObj[], kw: KwNames): PyObj {
  if (kw !== null && kw.length > 0) throw typeError(`${cls.name}() takes no keyword arguments`);
  if (args.length !== 2) {
    throw typeError(`BaseExceptionGroup.__new__() takes exactly 2 arguments (${args.length} given)`);
  }
  const [msg, excs] = args;
  if (typeof msg !== "string" && !typeOf(msg).isSubtypeOf(typeOf(""))) {
    throw typeError(`BaseExceptionGroup.__new__() argument 1 must be str, not ${typeOf(msg).name}`);
  }
  if (!isSequence(excs)) throw typeError("second argument (exceptions) must be a sequence");
  const items = toArray(excs);
  if (items.length === 0) throw valueError("second argument (exceptions) must be a non-empty sequence");
  let nestedBase = false;
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (!(x instanceof PyBaseException)) throw valueError(`Item ${i} of second argument (exceptions) is not an exception`);
    if (!x.type.isSubtypeOf(Exception)) nestedBase = true;
  }
  let realCls = cls;
  if (cls === ExceptionGroup) {
    if (nestedBase) throw typeError("Cannot nest BaseExceptions in an ExceptionGroup");
  } else if (cls === BaseExceptionGroup) {
    if (!nestedBase) realCls = ExceptionGroup;
  } else if (nestedBase && cls.isSubtypeOf(Exception)) {
    throw typeError(`Cannot nest BaseExceptions in '${cls.name}'`);
  }
  const e = realCls.tp_alloc(realCls) as PyBaseException;
  e.args = [msg, excs];
  if (e.dict === null) e.dict = new PyDict();
  setExcField(e, "message", msg);
  setExcField(e, "exceptions", newTuple(items));
  return e;
}

/** How split/subgroup decide whether an exception matches (get_matcher_type). */
type Matcher = (x: PyBaseException) => boolean;

function isExceptionClass(v: PyObj): boolean {
  return v instanceof PyType && v.isSubtypeOf(BaseException);
}

function makeMatcher(cond: PyObj): Matcher {
  if (isExceptionClass(cond)) return (x) => x.type.isSubtypeOf(cond as PyType);
  if (cond instanceof PyTuple) {
    if (cond.items.every(isExceptionClass)) return (x) => cond.items.some((c) => x.type.isSubtypeOf(c as PyType));
  } else if (!(cond instanceof PyType) && (cond instanceof PyFunction || typeOf(cond).tp_call !== null)) {
    return (x) => isTrue(call(cond, [x]));
  }
  throw typeError("expected an exception type, a tuple of exception types, or a callable (other than a class)");
}

/** A group with the same metadata as `orig` holding `items` (exceptiongroup_subset). */
function subset(orig: PyBaseException, items: PyObj[]): PyBaseException {
  const derive = getAttr(orig, "derive");
  const d = call(derive, [new PyList(items)]);
  if (!isGroup(d)) throw typeError("derive must return an instance of BaseExceptionGroup");
  // Cause, context and traceback are shared; setting the cause sets __suppress_context__.
  d.cause = orig.cause;
  d.suppressContext = true;
  d.context = orig.context;
  d.traceback = orig.traceback;
  const notes = getAttrOrNull(orig, "__notes__");
  if (notes !== null && isSequence(notes)) {
    if (d.dict === null) d.dict = new PyDict();
    d.dict.setStr("__notes__", new PyList(toArray(notes)));
  }
  return d;
}

/** exceptiongroup_split_recursive: (match, rest), each an exception or null. */
function splitRecursive(exc: PyBaseException, match: Matcher, isLeafMatcher: boolean): [PyBaseException | null, PyBaseException | null] {
  if (!isLeafMatcher && match(exc)) return [exc, null];
  if (!isGroup(exc)) {
    if (isLeafMatcher && match(exc)) return [exc, null];
    return [null, exc];
  }
  const yes: PyObj[] = [], no: PyObj[] = [];
  for (const x of egExceptions(exc).items) {
    const [a, b] = splitRecursive(E(x), match, isLeafMatcher);
    if (a !== null) yes.push(a);
    if (b !== null) no.push(b);
  }
  return [yes.length > 0 ? subset(exc, yes) : null, no.length > 0 ? subset(exc, no) : null];
}

/** CHECK_EG_MATCH's split: (match, rest, wrapped) — wrapped when a naked exception matched. */
export function exceptionGroupMatch(exc: PyBaseException, matchType: PyObj): { match: PyObj; rest: PyObj; wrapped: boolean } {
  const m = makeMatcher(matchType);
  if (m(exc)) {
    if (isGroup(exc)) return { match: exc, rest: None, wrapped: false };
    const eg = call(BaseExceptionGroup, ["", newTuple([exc])]);
    return { match: eg, rest: None, wrapped: true };
  }
  if (isGroup(exc)) {
    const pair = call(getAttr(exc, "split"), [matchType]) as PyTuple;
    return { match: pair.items[0], rest: pair.items[1], wrapped: false };
  }
  return { match: None, rest: exc, wrapped: false };
}

function sameMetadata(a: PyBaseException, b: PyBaseException): boolean {
  return a.traceback === b.traceback && a.cause === b.cause && a.context === b.context;
}

function collectLeaves(e: PyObj, out: Set<PyObj>): void {
  if (isGroup(e)) {
    for (const x of egExceptions(e).items) collectLeaves(x, out);
  } else {
    out.add(e);
  }
}

/** The PREP_RERAISE_STAR intrinsic (_PyExc_PrepReraiseStar): what the except* block raises. */
export function prepReraiseStar(orig: PyObj, excs: PyObj): PyObj {
  const list = (excs as PyList).items;
  if (list.length === 0) return None;
  if (!isGroup(orig)) {
    // A naked exception was wrapped: only one except* clause ran.
    return list[0];
  }
  const raised: PyObj[] = [], reraised: PyObj[] = [];
  for (const e of list) {
    if (e === None) continue;
    if (sameMetadata(E(e), orig)) reraised.push(e);
    else raised.push(e);
  }
  // The part of the original group whose leaves were re-raised, in its own shape.
  let reraisedEg: PyObj = None;
  if (reraised.length > 0) {
    const keep = new Set<PyObj>();
    for (const e of reraised) collectLeaves(e, keep);
    const [m] = splitRecursive(orig, (x) => keep.has(x), true);
    reraisedEg = m ?? None;
  }
  if (raised.length === 0) return reraisedEg;
  if (reraisedEg !== None) raised.push(reraisedEg);
  if (raised.length > 1) return call(BaseExceptionGroup, ["", new PyList(raised)]);
  return raised[0];
}

export function installExceptionGroup(): void {
  BaseExceptionGroup.tp_new = groupNew;
  BaseExceptionGroup.tp_init = (self, args, kw) => {
    void self;
    void args;
    void kw;
  };
  defineGetSet(BaseExceptionGroup, "message", (e) => egMessage(E(e)));
  defineGetSet(BaseExceptionGroup, "exceptions", (e) => egExceptions(E(e)));
  BaseExceptionGroup.tp_str = (e) => {
    const n = egExceptions(E(e)).items.length;
    return `${str(egMessage(E(e)))} (${n} sub-exception${n === 1 ? "" : "s"})`;
  };
  BaseExceptionGroup.tp_repr = (e) => {
    const a = E(e).args;
    return `${typeOf(e).name}(${a.map((x) => repr(x)).join(", ")})`;
  };
  // BaseExceptionGroup[T] (PEP 654 groups are generic).
  BaseExceptionGroup.dict.setStr("__class_getitem__", new PyClassMethod(new PyBuiltinFunction("__class_getitem__", (args) => {
    if (args.length !== 2) throw typeError(`__class_getitem__() takes exactly one argument (${args.length - 1} given)`);
    return makeGenericAlias(args[0], args[1]);
  })));
  defineMethod(BaseExceptionGroup, "derive", (e, args) => {
    if (args.length !== 1) throw typeError(`BaseExceptionGroup.derive() takes exactly one argument (${args.length} given)`);
    return call(BaseExceptionGroup, [egMessage(E(e)), args[0]]);
  });
  defineMethod(BaseExceptionGroup, "split", (e, args) => {
    if (args.length !== 1) throw typeError(`BaseExceptionGroup.split() takes exactly one argument (${args.length} given)`);
    const [a, b] = splitRecursive(E(e), makeMatcher(args[0]), false);
    return newTuple([a ?? None, b ?? None]);
  });
  defineMethod(BaseExceptionGroup, "subgroup", (e, args) => {
    if (args.length !== 1) throw typeError(`BaseExceptionGroup.subgroup() takes exactly one argument (${args.length} given)`);
    return splitRecursive(E(e), makeMatcher(args[0]), false)[0] ?? None;
  });
}
