// _posixsubprocess: the fork/exec helper of subprocess (Modules/_posixsubprocess.c); TSPython cannot fork.
// Written in Python; compiled on first import (and kept in the .pyc cache).
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`"""_posixsubprocess: TSPython cannot fork; fork_exec reports that as an OSError."""
def fork_exec(*args, **kwargs):
    raise OSError(38, 'Function not implemented: TSPython cannot start subprocesses with fork_exec')
`;

export function makePosixsubprocessModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_posixsubprocess", SOURCE);
}
