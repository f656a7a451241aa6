// builtins.compile (CPython: Python/bltinmodule.c, builtin_compile_impl): source as str,
// bytes or any buffer (bytes keep their coding declaration), or an AST object; filename as
// str, bytes or os.PathLike; flags checked and, unless dont_inherit, merged with the
// calling code's future flags; optimize -1 (the -O level), 0, 1 or 2.
import { PyObj, None, typeOf, type KwNames } from "../objects/core.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { call, getAttr, index, isInstance, isTrue, lookupSpecial } from "../objects/abstract.js";
import { SyntaxError as SyntaxErrorType, typeError, valueError } from "../objects/exceptions.js";
import { PyByteArray, PyBytes, bufferOf } from "../objects/misc.js";
import { threadState } from "../vm/frame.js";
import { astFromPython } from "./astFromPython.js";
import { bindArgs } from "./modutil.js";
import { compileErrorToPython, type Interpreter } from "./interp.js";
import { astToPython } from "./_ast.js";
import { emitCompileWarning } from "./_warnings.js";
import { getIntMaxStrDigits } from "../objects/number.js";
import { CompileError } from "../ast/compileError.js";
import type { AnyNode, mod } from "../ast/nodes.generated.js";
import { parse, type ParseMode } from "../parser/parser.js";
import { optimizeTree } from "../compiler/compile.js";

const PyCF_ONLY_AST = 0x400;
const PyCF_OPTIMIZED_AST = 0x8000 | PyCF_ONLY_AST;
/** CO_FUTURE_* (division ... annotations): what compile() may pass on and inherit. */
const PyCF_MASK = 0x20000 | 0x40000 | 0x80000 | 0x100000 | 0x200000 | 0x400000 | 0x800000 | 0x1000000;
/** CO_NESTED, accepted and ignored. */
const PyCF_MASK_OBSOLETE = 0x10;
/** ONLY_AST, TYPE_COMMENTS, ALLOW_TOP_LEVEL_AWAIT, DONT_IMPLY_DEDENT, ALLOW_INCOMPLETE_INPUT, OPTIMIZED_AST. */
const PyCF_COMPILE_MASK = 0x400 | 0x1000 | 0x2000 | 0x200 | 0x4000 | 0x8000;

/** compile()'s filename: str, bytes (decoded) or os.PathLike (PyUnicode_FSDecoder). */
function fsDecode(v: PyObj): string {
  if (typeof v === "string") return v;
  if (v instanceof PyBytes && !(v instanceof PyByteArray)) return new TextDecoder().decode(v.bytes);
  const fspath = typeof v === "object" ? lookupSpecial(v, "__fspath__") : null;
  if (fspath !== null) {
    const p = call(fspath, []);
    if (typeof p === "string") return p;
    if (p instanceof PyBytes && !(p instanceof PyByteArray)) return new TextDecoder().decode(p.bytes);
  }
  throw typeError(`expected str, bytes or os.PathLike object, not ${typeOf(v).name}`);
}

function intArg(v: PyObj | null, dflt: number): number {
  if (v === null) return dflt;
  return Number(index(v));
}

/** PyCF_OPTIMIZED_AST: the tree folded as the compiler folds it, as _ast objects. */
function optimizedTree(interp: Interpreter, tree: mod, filename: string, flags: number, level: number): PyObj {
  try {
    optimizeTree(tree, filename, flags, level);
  } catch (e) {
    if (e instanceof CompileError) throw compileErrorToPython(e);
    throw e;
  }
  return astToPython(interp, tree as AnyNode);
}

/** sys.flags.optimize (-O, -OO), what optimize=-1 stands for. */
function interpreterOptimizeLevel(interp: Interpreter): number {
  const flags = interp.sys.dict.getStr("flags");
  const level = flags === undefined ? 0 : getAttr(flags, "optimize");
  return typeof level === "number" ? level : 0;
}

/**
 * Source bytes in a codec Node lacks (a coding declaration such as cp437): decoded by
 * Python's codecs module; null when the codec is unknown or the bytes do not decode.
 */
export function decodeWithCodecs(interp: Interpreter, bytes: Uint8Array, encoding: string): string | null {
  try {
    const codecs = interp.importModule("codecs", None, None, 0);
    const text = call(getAttr(codecs, "decode"), [new PyBytes(bytes.slice()), encoding]);
    return typeof text === "string" ? text : null;
  } catch {
    return null;
  }
}

/** PyEval_MergeCompilerFlags: the future features (CO_FUTURE_*) of the code now running. */
export function inheritedFutureFlags(): number {
  const frame = threadState.frame;
  return frame === null ? 0 : frame.code.co.co_flags & PyCF_MASK;
}

export function installCompileBuiltin(interp: Interpreter): void {
  const fn = (args: PyObj[], kw: KwNames): PyObj => {
    const [source, filenameArg, modeArg, flagsArg, dontInheritArg, optimizeArg] = bindArgs(
      "compile", args, kw, ["source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"], 3,
    );
    const filename = fsDecode(filenameArg!);
    if (typeof modeArg !== "string") throw typeError(`compile() argument 'mode' must be str, not ${typeOf(modeArg!).name}`);
    const mode = modeArg;
    let flags = intArg(flagsArg, 0);
    const dontInherit = dontInheritArg !== null && isTrue(dontInheritArg);
    const optimize = intArg(optimizeArg, -1);
    if ((flags & ~(PyCF_MASK | PyCF_MASK_OBSOLETE | PyCF_COMPILE_MASK)) !== 0) throw valueError("compile(): unrecognised flags");
    if (optimize < -1 || optimize > 2) throw valueError("compile(): invalid optimize value");
    if (!dontInherit) flags |= inheritedFutureFlags();
    const onlyAst = (flags & PyCF_ONLY_AST) !== 0;
    if (mode === "func_type" && !onlyAst) throw valueError("compile() mode 'func_type' requires flag PyCF_ONLY_AST");
    if (mode !== "exec" && mode !== "eval" && mode !== "single" && mode !== "func_type") {
      throw valueError(onlyAst ? "compile() mode must be 'exec', 'eval', 'single' or 'func_type'" : "compile() mode must be 'exec', 'eval' or 'single'");
    }
    const optimizedAst = (flags & PyCF_OPTIMIZED_AST) === PyCF_OPTIMIZED_AST;
    // optimize -1: the interpreter's -O level (sys.flags.optimize).
    const level = optimize >= 0 ? optimize : interpreterOptimizeLevel(interp);
    const astModule = interp.importModule("_ast", None, None, 0) as PyModule;
    if (isInstance(source!, getAttr(astModule, "AST"))) {
      if (onlyAst && !optimizedAst) return source!;
      const tree = astFromPython(astModule, source!, mode);
      if (onlyAst) return optimizedTree(interp, tree, filename, flags, level);
      return interp.compileToCode(tree, filename, mode, { flags, optimize: optimize < 0 ? undefined : optimize });
    }
    let text: string | Uint8Array;
    if (typeof source === "string") text = source;
    else {
      const buf = bufferOf(source!);
      if (buf === null) throw typeError("compile() arg 1 must be a string, bytes or AST object");
      text = buf.slice();
    }
    if (typeof text !== "string" ? text.indexOf(0) >= 0 : text.indexOf("\0") >= 0) {
      throw call(SyntaxErrorType, ["source code string cannot contain null bytes"]);
    }
    if (optimizedAst) {
      let tree: mod;
      try {
        tree = parse(text, filename, mode as ParseMode, {
          onWarning: (w) => emitCompileWarning(interp, w, filename), intMaxStrDigits: getIntMaxStrDigits(),
        });
      } catch (e) {
        if (e instanceof CompileError) throw compileErrorToPython(e);
        throw e;
      }
      return optimizedTree(interp, tree, filename, flags, level);
    }
    if (onlyAst) return interp.parseToAst(text, filename, mode);
    return interp.compileToCode(text, filename, mode, { flags, optimize: optimize < 0 ? undefined : optimize });
  };
  interp.builtins.setStr("compile", new PyBuiltinFunction("compile", fn, null, "compile", "builtins"));
}
