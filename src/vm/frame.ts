// Frames, the thread state and the handled-exception chain.
//
// A frame's `regs` array holds the fast locals (localsplus: locals, cells, frees) followed
// by the value stack, as CPython's _PyInterpreterFrame does; `sp` indexes the next free
// stack slot. pc/lasti are byte offsets into co_code. `back` links to the caller.
import {
  PyObject, PyObj, PyType, makeBuiltinType, objectType, None,
} from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { PyCode, PyFunction } from "../objects/function.js";
import { lineForOffset } from "../bytecode/lineTable.js";

export const frameType = makeBuiltinType("frame", objectType, 0);

export const enum FrameState {
  CREATED = 0,
  SUSPENDED = 1,
  EXECUTING = 2,
  COMPLETED = 3,
}

/**
 * A frame. It is a Python object (type `frame`) but deliberately does not extend
 * PyObject: frames are allocated on every Python call, and a flat constructor (no super
 * call) is what V8 allocates fastest inside the large eval-loop function, whose inlining
 * budget is exhausted. It has PyObject's two fields first, so it is one structurally.
 */
export class Frame {
  declare type: PyType;
  declare dict: PyDict | null;
  declare code: PyCode;
  declare func: PyFunction | null;
  declare globals: PyDict;
  declare builtins: PyDict;
  /** f_locals for module and class bodies (a mapping); null for function frames. */
  declare locals: PyObj | null;
  declare regs: (PyObj | null)[];
  declare sp: number;
  /** Byte offset of the next instruction. */
  declare pc: number;
  /** Byte offset of the instruction being executed (f_lasti * 2); -1 before the first. */
  declare lasti: number;
  declare back: Frame | null;
  /** The generator/coroutine that owns this frame, or null. */
  declare gen: PyObject | null;
  /** For inline-called __init__ frames: the new instance to push on return. */
  declare initSelf: PyObj | null;
  /** True while the frame's state is "returned through a yield". */
  declare state: FrameState;
  /** True when this frame's RETURN must leave the JS eval-loop invocation. */
  declare isEntry: boolean;
  /**
   * True once Python code can reach this frame (a traceback, sys._getframe, f_back):
   * only frames that never escaped are recycled (see exposeFrame, interpreter.ts).
   */
  declare escaped: boolean;
  constructor(code: PyCode, func: PyFunction | null, globals: PyDict, builtins: PyDict, locals: PyObj | null) {
    this.type = frameType;
    this.dict = null;
    this.code = code;
    this.func = func;
    this.globals = globals;
    this.builtins = builtins;
    // (A function whose code is not CO_OPTIMIZED — module code turned into a function,
    // FunctionType(co, g) — runs with its globals as locals, as _PyFunction_Vectorcall.)
    this.locals = locals === null && (code.flags & 1) === 0 && func !== null ? globals : locals;
    // A copy of the code's all-null template: PACKED elements, one allocation.
    this.regs = code.regsTemplate.slice();
    this.sp = code.nlocalsplus;
    this.pc = code.entryPc;
    this.lasti = -1;
    this.back = null;
    this.gen = null;
    this.initSelf = null;
    this.state = FrameState.CREATED;
    this.isEntry = false;
    this.escaped = false;
  }

  get lineno(): number {
    return lineForOffset(this.code.co, this.lasti < 0 ? 0 : this.lasti);
  }
}

/**
 * Marks a frame and its callers as reachable from Python (so never recycled). Stops at
 * the first frame already marked: its callers were marked with it.
 */
export function exposeFrame(f: Frame | null): void {
  while (f !== null && !f.escaped) {
    f.escaped = true;
    f = f.back;
  }
}

/** One link of the handled-exception chain (CPython's _PyErr_StackItem). */
export class ExcNode {
  declare value: PyObj;
  declare previous: ExcNode | null;
  constructor(previous: ExcNode | null) {
    this.value = None;
    this.previous = previous;
  }
}

/** The interpreter's per-thread state. */
export class ThreadState {
  /** The innermost executing Python frame. */
  declare frame: Frame | null;
  /** Python call depth (frames on the chain), checked against recursionLimit. */
  declare depth: number;
  declare recursionLimit: number;
  declare excNode: ExcNode;
  constructor() {
    this.frame = null;
    this.depth = 0;
    this.recursionLimit = 1000;
    this.excNode = new ExcNode(null);
  }

  /** sys.exception(): the innermost handled exception, or None. */
  handledException(): PyObj {
    for (let n: ExcNode | null = this.excNode; n !== null; n = n.previous) {
      if (n.value !== None) return n.value;
    }
    return None;
  }
}

export const threadState = new ThreadState();
