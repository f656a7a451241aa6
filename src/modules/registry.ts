// The native (TypeScript) modules importable by name. Each entry builds its module for an
// interpreter on first import. New native modules register here.
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { makeMathModule } from "./math.js";
import { makeTimeModule } from "./time.js";
import { makeSreModule } from "./_sre.js";
import { makeErrnoModule } from "./errno.js";
import { makePosixModule } from "./posix.js";
import { makeStringModule } from "./_string.js";
import { makeGcModule } from "./gc.js";
import { makeAtexitModule } from "./atexit.js";
import { makeSignalModule } from "./_signal.js";
import { makeContextvarsModule } from "./_contextvars.js";
import { makeTypingModule } from "./_typing.js";
import { makeCodecsModule } from "./_codecs.js";
import { makeIoModule } from "./_io.js";
import { makeOpcodeModule } from "./_opcode.js";
import { makeMarshalModule } from "./marshal.js";
import { makeCollectionsModule } from "./_collections.js";
import { makeAbcModule } from "./_abc.js";
import { makeAstModule } from "./_ast.js";
import { makeImpModule } from "./_imp.js";
import { makeTokenizeModule } from "./_tokenize.js";
import { makeWarningsModule } from "./_warnings.js";
import { makeTracemallocModule } from "./_tracemalloc.js";
import { makeSysconfigdataModule } from "./_sysconfigdata.js";
import { makeRandomModule } from "./_random.js";
import { makeMd5Module, makeSha1Module, makeSha2Module, makeSha3Module, makeBlake2Module } from "./hashes.js";
import { makeStructModule } from "./_struct.js";
import { makeBinasciiModule } from "./binascii.js";
import { makePosixsubprocessModule } from "./_posixsubprocess.js";
import { makeSelectModule } from "./select.js";
import { makeSocketModule } from "./_socket.js";
import { makeArrayModule } from "./array.js";
import "./uniontype.js"; // types.UnionType: `int | str`
import { makeItertoolsModule } from "./itertools.js";
import { makeThreadModule } from "./_thread.js";
import { makeWeakrefModule } from "./_weakref.js";
import { makeTestInternalCapiModule } from "./_testinternalcapi.js";
import { makeTestSinglePhaseModule } from "./_testsinglephase.js";
import { makeDatetimeModule } from "./_datetime.js";
import { makeUnicodedataModule } from "./unicodedata.js";
import { makeDecimalModule } from "./_decimal.js";

export const nativeModules = new Map<string, (interp: Interpreter) => PyModule>([
  ["math", () => makeMathModule()],
  ["time", () => makeTimeModule()],
  ["_sre", (interp) => makeSreModule(interp)],
  ["itertools", (interp) => makeItertoolsModule(interp)],
  ["_thread", (interp) => makeThreadModule(interp)],
  ["_weakref", (interp) => makeWeakrefModule(interp)],
  ["_testinternalcapi", () => makeTestInternalCapiModule()],
  ["_testsinglephase", (interp) => makeTestSinglePhaseModule(interp)],
  ["_datetime", (interp) => makeDatetimeModule(interp)],
  ["unicodedata", () => makeUnicodedataModule()],
  ["_decimal", (interp) => makeDecimalModule(interp)],
  ["errno", () => makeErrnoModule()],
  ["gc", () => makeGcModule()],
  ["_random", () => makeRandomModule()],
  ["_struct", (interp) => makeStructModule(interp)],
  ["binascii", (interp) => makeBinasciiModule(interp)],
  ["_posixsubprocess", (interp) => makePosixsubprocessModule(interp)],
  ["select", (interp) => makeSelectModule(interp)],
  ["_socket", (interp) => makeSocketModule(interp)],
  ["array", (interp) => makeArrayModule(interp)],
  ["_md5", () => makeMd5Module()],
  ["_sha1", () => makeSha1Module()],
  ["_sha2", () => makeSha2Module()],
  ["_sha3", () => makeSha3Module()],
  ["_blake2", () => makeBlake2Module()],
  ["posix", (interp) => makePosixModule(interp)],
  ["_string", (interp) => makeStringModule(interp)],
  ["atexit", (interp) => makeAtexitModule(interp)],
  ["_signal", (interp) => makeSignalModule(interp)],
  ["_contextvars", (interp) => makeContextvarsModule(interp)],
  ["_typing", (interp) => makeTypingModule(interp)],
  ["_codecs", (interp) => makeCodecsModule(interp)],
  ["_io", (interp) => makeIoModule(interp)],
  ["_opcode", () => makeOpcodeModule()],
  ["marshal", () => makeMarshalModule()],
  ["_collections", (interp) => makeCollectionsModule(interp)],
  ["_abc", (interp) => makeAbcModule(interp)],
  ["_ast", (interp) => makeAstModule(interp)],
  ["_imp", (interp) => makeImpModule(interp)],
  ["_tokenize", (interp) => makeTokenizeModule(interp)],
  ["_warnings", (interp) => makeWarningsModule(interp)],
  ["_tracemalloc", (interp) => makeTracemallocModule(interp)],
  ["_sysconfigdata__linux_", (interp) => makeSysconfigdataModule(interp, "_sysconfigdata__linux_")],
]);
