// Ctrl-C while Python code runs. The eval loop is synchronous, so a SIGINT handler on the
// event loop would never run; node:vm's breakOnSigint instead stops the running JavaScript
// from a watchdog thread. The program's frames are then still on threadState, so the
// KeyboardInterrupt gets the traceback CPython would print (from each frame's last
// instruction). The interrupted code cannot catch it (no `except KeyboardInterrupt`), and
// its `finally` blocks do not run — a known difference from CPython.
import { Script, createContext, type Context } from "node:vm";
import { newException, KeyboardInterrupt, PyBaseException } from "../objects/exceptions.js";
import { PyObject } from "../objects/core.js";
import { threadState, Frame } from "../vm/frame.js";
import { PyTraceback } from "../vm/traceback.js";

const BODY_KEY = "__tspythonInterruptibleBody";
const runner = new Script(`globalThis.${BODY_KEY}()`, { filename: "<tspython>" });

/**
 * The outermost body runs as a microtask of a context of its own, whose queue node:vm
 * drains inside the breakOnSigint watchdog (microtaskMode "afterEvaluate"). Why: a
 * script's evaluation runs under node's message-capturing TryCatch, and there every JS
 * throw (each Python exception raised by native code: AttributeError from getattr,
 * StopIteration from a Python __next__, ValueError from int()...) makes V8 build a
 * message with the throw's source location, as costly as the throw itself; microtasks
 * run under V8's non-capturing one.
 */
const job = { body: null as (() => unknown) | null, value: undefined as unknown, error: undefined as unknown, threw: false };
let jobContext: Context | null = null;
let jobRunner: Script | null = null;
/** runInterruptible calls in progress (a nested one cannot use the queue being drained). */
let active = 0;

function runBody<T>(body: () => T): T {
  if (active > 0) {
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = g[BODY_KEY];
    g[BODY_KEY] = body;
    try {
      return runner.runInThisContext({ breakOnSigint: true }) as T;
    } finally {
      g[BODY_KEY] = saved;
    }
  }
  if (jobContext === null || jobRunner === null) {
    jobContext = createContext({ job }, { microtaskMode: "afterEvaluate" });
    jobRunner = new Script(
      "Promise.resolve().then(() => { try { job.value = job.body(); } catch (e) { job.threw = true; job.error = e; } })",
      { filename: "<tspython>" },
    );
  }
  job.body = body;
  job.threw = false;
  job.value = job.error = undefined;
  active++;
  try {
    jobRunner.runInContext(jobContext, { breakOnSigint: true });
    if (job.threw) throw job.error;
    return job.value as T;
  } finally {
    active--;
    job.body = null;
    job.value = job.error = undefined;
  }
}

export type Interruptible<T> = { interrupted: false; value: T } | { interrupted: true; exception: PyBaseException };

/** Runs `body`; a SIGINT during it stops it and gives the KeyboardInterrupt to report. */
export function runInterruptible<T>(body: () => T): Interruptible<T> {
  const depth = threadState.depth;
  const frame = threadState.frame;
  try {
    return { interrupted: false, value: runBody(body) };
  } catch (e) {
    if ((e as { code?: string } | null)?.code !== "ERR_SCRIPT_EXECUTION_INTERRUPTED") throw e;
    const exception = keyboardInterruptFromFrames(frame);
    // The stopped frames never returned: the thread state goes back to where it was.
    threadState.frame = frame;
    threadState.depth = depth;
    return { interrupted: true, exception };
  }
}

/**
 * The frame's last instruction as far as it is known: the eval loop records it at calls,
 * so a frame stopped in a loop without calls shows where it last called (or its first
 * line, offset 2 being the instruction after RESUME).
 */
function lastInstruction(f: Frame): number {
  return f.lasti >= 0 ? f.lasti : 2;
}

/** KeyboardInterrupt with a traceback of the frames inside `outer` (innermost last). */
function keyboardInterruptFromFrames(outer: Frame | null): PyBaseException {
  const exc = newException(KeyboardInterrupt);
  let tb: PyObject | null = null;
  for (let f = threadState.frame; f !== null && f !== outer; f = f.back) tb = new PyTraceback(tb, f, lastInstruction(f));
  exc.traceback = tb;
  return exc;
}
