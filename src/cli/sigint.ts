// Ctrl-C while Python code runs. The eval loop is synchronous, so a SIGINT handler on the
// event loop would never run; node:vm's breakOnSigint instead stops the running JavaScript
// from a watchdog thread. The program's frames are then still on threadState, so the
// KeyboardInterrupt gets the traceback CPython would print (from each frame's last
// instruction). The interrupted code cannot catch it (no `except KeyboardInterrupt`), and
// its `finally` blocks do not run — a known difference from CPython.
import { Script } from "node:vm";
import { newException, KeyboardInterrupt, PyBaseException } from "../objects/exceptions.js";
import { PyObject } from "../objects/core.js";
import { threadState, Frame } from "../vm/frame.js";
import { PyTraceback } from "../vm/traceback.js";

const BODY_KEY = "__tspythonInterruptibleBody";
const runner = new Script(`globalThis.${BODY_KEY}()`, { filename: "<tspython>" });

export type Interruptible<T> = { interrupted: false; value: T } | { interrupted: true; exception: PyBaseException };

/** Runs `body`; a SIGINT during it stops it and gives the KeyboardInterrupt to report. */
export function runInterruptible<T>(body: () => T): Interruptible<T> {
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = g[BODY_KEY];
  g[BODY_KEY] = body;
  const depth = threadState.depth;
  const frame = threadState.frame;
  try {
    return { interrupted: false, value: runner.runInThisContext({ breakOnSigint: true }) as T };
  } catch (e) {
    if ((e as { code?: string } | null)?.code !== "ERR_SCRIPT_EXECUTION_INTERRUPTED") throw e;
    const exception = keyboardInterruptFromFrames(frame);
    // The stopped frames never returned: the thread state goes back to where it was.
    threadState.frame = frame;
    threadState.depth = depth;
    return { interrupted: true, exception };
  } finally {
    g[BODY_KEY] = saved;
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
