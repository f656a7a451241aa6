// _posixsubprocess: the fork/exec helper of subprocess (Modules/_posixsubprocess.c); TSPython cannot fork.
// Written in Python; compiled on first import (and kept in the .pyc cache).
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";
import { PyObj, None } from "../objects/core.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { indexAsNumber, toArray } from "../objects/abstract.js";
import { forkExec } from "./childproc.js";
import { osErrorFrom } from "./posix.js";

const SOURCE = String.raw`"""_posixsubprocess: fork_exec starts the child through childproc.ts (no fork: the
child runs when the parent first reads its output or waits for it)."""
def fork_exec(args, executable_list, close_fds, pass_fds, cwd, env,
              p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite,
              errpipe_read, errpipe_write, restore_signals, call_setsid, pgid_to_set,
              gid, extra_groups, uid, child_umask, preexec_fn, allow_vfork=True):
    import os
    if preexec_fn is not None:
        raise OSError(38, 'Function not implemented: TSPython cannot run preexec_fn in a child')
    dec = lambda s: os.fsdecode(s)
    return _n_fork_exec([dec(a) for a in args], [dec(e) for e in executable_list],
                        None if cwd is None else dec(cwd),
                        None if env is None else [dec(kv) for kv in env],
                        p2cread, c2pwrite, errwrite, errpipe_write)
`;

export function makePosixsubprocessModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_posixsubprocess", SOURCE, (m) => {
    m.dict.setStr("_n_fork_exec", new PyBuiltinFunction("_n_fork_exec", (a) => {
      const strs = (v: PyObj): string[] => toArray(v).map((x) => String(x));
      try {
        return forkExec({
          argv: strs(a[0]), executables: strs(a[1]),
          cwd: a[2] === None ? null : String(a[2]), env: a[3] === None ? null : strs(a[3]),
          stdinFd: indexAsNumber(a[4]), stdoutFd: indexAsNumber(a[5]), stderrFd: indexAsNumber(a[6]),
          errpipeWrite: indexAsNumber(a[7]),
        });
      } catch (e) {
        throw osErrorFrom(e);
      }
    }));
  });
}
