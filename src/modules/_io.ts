// _io: the io module's implementation. CPython writes it in C; TSPython runs the stdlib's
// own pure-Python version (_pyio.py, unchanged) as the _io module. _pyio imports io (which
// imports _io), so while it runs, a placeholder `io` provides the few names it takes from
// there (SEEK_*, __all__, ABCs whose register() is a no-op).
import { None } from "../objects/core.js";
import { PyModule } from "../objects/function.js";
import { newException, ImportError } from "../objects/exceptions.js";
import { runCode } from "../vm/interpreter.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const PLACEHOLDER_IO = String.raw`
SEEK_SET, SEEK_CUR, SEEK_END = 0, 1, 2
__all__ = ["BlockingIOError", "open", "open_code", "IOBase", "RawIOBase",
           "FileIO", "BytesIO", "StringIO", "BufferedIOBase",
           "BufferedReader", "BufferedWriter", "BufferedRWPair",
           "BufferedRandom", "TextIOBase", "TextIOWrapper",
           "UnsupportedOperation", "SEEK_SET", "SEEK_CUR", "SEEK_END",
           "DEFAULT_BUFFER_SIZE", "text_encoding", "IncrementalNewlineDecoder"]
class _Registry:
    @classmethod
    def register(cls, subclass):
        return subclass
class IOBase(_Registry): pass
class RawIOBase(_Registry): pass
class BufferedIOBase(_Registry): pass
class TextIOBase(_Registry): pass
`;

export function makeIoModule(interp: Interpreter): PyModule {
  const found = interp.findModuleCode("_pyio");
  if (found === null) throw newException(ImportError, "_io needs the stdlib's _pyio.py on sys.path");
  const hadIo = interp.modules.getStr("io");
  const fakeIo = pythonModule(interp, "io", PLACEHOLDER_IO);
  const m = interp.newModule("_io", found.filename);
  interp.modules.setStr("_io", m);
  // _pyio registers FileIO with RawIOBase before defining it: a stand-in class until then.
  const placeholder = pythonModule(interp, "_io_placeholder", "class FileIO: pass\n");
  m.dict.setStr("FileIO", placeholder.dict.getStr("FileIO")!);
  interp.modules.delete("_io_placeholder");
  try {
    runCode(found.code, m.dict, interp.builtins, m.dict);
  } catch (e) {
    interp.modules.delete("_io");
    throw e;
  } finally {
    if (hadIo === undefined) {
      if (interp.modules.getStr("io") === fakeIo) interp.modules.delete("io");
    } else interp.modules.setStr("io", hadIo);
  }
  m.dict.setStr("BlockingIOError", interp.builtins.getStr("BlockingIOError")!);
  for (const [alias, name] of [["_IOBase", "IOBase"], ["_RawIOBase", "RawIOBase"], ["_BufferedIOBase", "BufferedIOBase"], ["_TextIOBase", "TextIOBase"]]) {
    m.dict.setStr(alias, m.dict.getStr(name) ?? None);
  }
  return m;
}
