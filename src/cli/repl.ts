// The interactive interpreter (python3's basic REPL): prompts sys.ps1/sys.ps2, statements
// compiled in "single" mode (expression values through sys.displayhook), input that is
// not complete yet asks for more lines the way codeop decides it, exceptions printed as
// tracebacks without ending the session, EOF (Ctrl-D) leaves with status 0, SystemExit
// with its status, Ctrl-C at a prompt drops the line ("KeyboardInterrupt").
//
// On a terminal the lines come from node:readline (line editing, history); otherwise they
// are read synchronously from fd 0 and the prompts go to stderr, as CPython does.
import { readFileSync } from "node:fs";
import { createInterface, Interface } from "node:readline";
import { CompileError } from "../ast/compileError.js";
import { PyBaseException, SystemExit } from "../objects/exceptions.js";
import { PyObj, None } from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { PyModule, codeFor } from "../objects/function.js";
import { str, call } from "../objects/abstract.js";
import { parse } from "../parser/parser.js";
import { runCode, toPyException } from "../vm/interpreter.js";
import { formatException, registerSource } from "../vm/traceback.js";
import { Interpreter, compileErrorToPython } from "../modules/interp.js";
import { readLineSync } from "../modules/sys.js";
import { PY_VERSION, TSPYTHON_VERSION } from "../version.js";
import { runInterruptible } from "./sigint.js";

export const REPL_FILENAME = "<stdin>";

export function bannerText(): string {
  return `Python ${PY_VERSION} (tspython ${TSPYTHON_VERSION}) [Node.js ${process.version}] on ${process.platform}\n` +
    `Type "help", "copyright", "credits" or "license" for more information.\n`;
}

/** What compiling the lines entered so far gives. */
export type CompileVerdict =
  | { kind: "more" }
  | { kind: "empty" }
  | { kind: "code"; source: string }
  | { kind: "error"; error: CompileError };

// Statements whose body needs a blank line to end at the prompt.
const COMPOUND_KINDS = new Set([
  "If", "While", "For", "AsyncFor", "Try", "TryStar", "With", "AsyncWith",
  "FunctionDef", "AsyncFunctionDef", "ClassDef", "Match",
]);

/** A parser error caused by the input ending early: the REPL then asks for another line. */
function isIncomplete(e: CompileError, source: string, lastBlank: boolean): boolean {
  const m = e.message;
  // Open brackets and triple-quoted strings go on across blank lines.
  if (m.includes("was never closed") || m.startsWith("unterminated triple-quoted string literal")) return true;
  if (lastBlank) return false;
  if (m === "unexpected EOF while parsing" || m.startsWith("expected an indented block")) return true;
  // A lone decorator line: the decorated definition follows.
  return m === "invalid syntax" && /^\s*@/.test(source) && !source.endsWith("\n\n");
}

/**
 * Decides, as codeop does for the interactive console, whether `lines` (each without its
 * newline) make a complete statement. A compound statement ends with a blank line.
 */
export function judgeInput(lines: readonly string[], atEof = false): CompileVerdict {
  const source = lines.join("\n") + "\n";
  if (lines.every((l) => /^\s*(#.*)?$/.test(l))) return { kind: "empty" };
  const lastBlank = lines.length > 1 && lines[lines.length - 1].trim() === "";
  let tree: { body?: readonly { _kind?: string }[] };
  try {
    tree = parse(source, REPL_FILENAME, "single") as unknown as { body?: readonly { _kind?: string }[] };
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    if (!atEof && isIncomplete(e, source, lastBlank)) return { kind: "more" };
    return { kind: "error", error: e };
  }
  const first = tree.body?.[0]?._kind ?? "";
  if (!lastBlank && !atEof && (COMPOUND_KINDS.has(first) || lines.length > 1 && /^\s/.test(lines[lines.length - 1]))) {
    return { kind: "more" };
  }
  return { kind: "code", source };
}

/** A source of input lines: a line (without "\n"), null at EOF, or "interrupt" for Ctrl-C. */
interface LineSource {
  read(prompt: string): Promise<string | null | "interrupt">;
  /** Around running a statement (input() then reads the terminal directly). */
  beforeRun(): void;
  afterRun(): void;
  close(): void;
}

class PipeLines implements LineSource {
  constructor(private readonly interp: Interpreter) {}
  read(prompt: string): Promise<string | null | "interrupt"> {
    this.interp.flush();
    this.interp.stderr.write(prompt);
    this.interp.stderr.flush();
    const line = readLineSync();
    return Promise.resolve(line === null ? null : line.replace(/\r?\n$/, ""));
  }
  beforeRun(): void {}
  afterRun(): void {}
  close(): void {}
}

class TerminalLines implements LineSource {
  private readonly rl: Interface;
  // Lines typed ahead (readline hands over every buffered line at once).
  private readonly queued: (string | null | "interrupt")[] = [];
  private waiting: ((v: string | null | "interrupt") => void) | null = null;
  private closed = false;
  constructor(private readonly interp: Interpreter) {
    this.rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true, historySize: 1000 });
    this.rl.on("line", (line) => this.deliver(line));
    this.rl.on("SIGINT", () => {
      // Drop what was typed on the line, as Ctrl-C does at CPython's prompt.
      this.rl.write(null, { ctrl: true, name: "e" });
      this.rl.write(null, { ctrl: true, name: "u" });
      this.deliver("interrupt");
    });
    this.rl.on("close", () => {
      this.closed = true;
      this.deliver(null);
    });
  }
  private deliver(v: string | null | "interrupt"): void {
    const w = this.waiting;
    this.waiting = null;
    if (w !== null) w(v);
    else this.queued.push(v);
  }
  read(prompt: string): Promise<string | null | "interrupt"> {
    this.interp.flush();
    this.rl.setPrompt(prompt);
    if (this.queued.length > 0) {
      // Typed ahead: show it after its prompt, as a terminal echo would have.
      const v = this.queued.shift()!;
      if (typeof v === "string") process.stdout.write(prompt + v + "\n");
      return Promise.resolve(v);
    }
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolvePromise) => {
      this.waiting = resolvePromise;
      this.rl.resume();
      this.rl.prompt(true);
    });
  }
  beforeRun(): void {
    this.rl.pause();
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
  }
  afterRun(): void {
    if (process.stdin.isTTY && !this.closed) process.stdin.setRawMode(true);
  }
  close(): void {
    if (!this.closed) {
      this.closed = true;
      this.rl.close();
    }
  }
}

export interface ReplOptions {
  /** Print the banner first (not with -q, nor after a script under -i). */
  banner: boolean;
  /** PYTHONSTARTUP's file, run before the first prompt, or null. */
  startupFile: string | null;
}

export class Repl {
  private readonly globals: PyDict;
  constructor(private readonly interp: Interpreter) {
    const existing = interp.modules.getStr("__main__");
    const main = existing ?? interp.newModule("__main__", null);
    if (existing === undefined) interp.modules.setStr("__main__", main);
    this.globals = (main as PyModule).dict;
    const sys = interp.sys.dict;
    if (sys.getStr("ps1") === undefined) sys.setStr("ps1", ">>> ");
    if (sys.getStr("ps2") === undefined) sys.setStr("ps2", "... ");
  }

  private prompt(name: "ps1" | "ps2"): string {
    const p = this.interp.sys.dict.getStr(name);
    if (p === undefined) return "";
    try {
      return str(p);
    } catch {
      return "";
    }
  }

  /**
   * Runs one complete statement's source; returns an exit status when the session must
   * end (SystemExit), else null.
   */
  runStatement(source: string): number | null {
    try {
      const compiled = this.interp.compileFn;
      if (compiled === null) throw new Error("the compiler is not available");
      let co;
      try {
        co = compiled(source, REPL_FILENAME, "single");
      } catch (e) {
        if (e instanceof CompileError) throw compileErrorToPython(e);
        throw e;
      }
      registerSource(REPL_FILENAME, source);
      const code = codeFor(co);
      const r = runInterruptible(() => runCode(code, this.globals, this.interp.builtins, this.globals));
      if (r.interrupted) return this.reportException(r.exception);
    } catch (e) {
      return this.reportException(toPyException(e));
    } finally {
      this.interp.flush();
    }
    return null;
  }

  /** Prints an exception as the REPL does (sys.excepthook); SystemExit ends the session. */
  reportException(exc: PyBaseException): number | null {
    if (exc.type.isSubtypeOf(SystemExit)) return this.interp.handleUncaught(exc);
    const sys = this.interp.sys.dict;
    sys.setStr("last_exc", exc);
    sys.setStr("last_type", exc.type);
    sys.setStr("last_value", exc);
    sys.setStr("last_traceback", exc.traceback ?? None);
    this.interp.flush();
    const hook: PyObj | undefined = sys.getStr("excepthook");
    try {
      if (hook === undefined) throw new Error("lost sys.excepthook");
      call(hook, [exc.type, exc, exc.traceback ?? None]);
    } catch (e2) {
      const text = e2 instanceof Error && !(e2 instanceof PyBaseException) ? formatException(exc) : formatException(toPyException(e2));
      this.interp.stderr.write(text);
    }
    this.interp.flush();
    return null;
  }

  private runStartupFile(path: string): number | null {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      this.interp.stderr.write(`Could not open PYTHONSTARTUP\n`);
      return null;
    }
    try {
      const code = this.interp.compileToCode(text, path, "exec");
      runCode(code, this.globals, this.interp.builtins, this.globals);
    } catch (e) {
      return this.reportException(toPyException(e));
    } finally {
      this.interp.flush();
    }
    return null;
  }

  /** The read-eval-print loop; resolves to the exit status. */
  async run(options: ReplOptions): Promise<number> {
    const terminal = Boolean(process.stdin.isTTY);
    const input: LineSource = terminal ? new TerminalLines(this.interp) : new PipeLines(this.interp);
    const out = terminal ? this.interp.stdout : this.interp.stderr;
    try {
      if (options.banner) {
        out.write(bannerText());
        out.flush();
      }
      if (options.startupFile !== null) {
        const status = this.runStartupFile(options.startupFile);
        if (status !== null) return status;
      }
      let lines: string[] = [];
      for (;;) {
        const line = await input.read(this.prompt(lines.length === 0 ? "ps1" : "ps2"));
        if (line === "interrupt") {
          out.write("\nKeyboardInterrupt\n");
          out.flush();
          lines = [];
          continue;
        }
        if (line === null) {
          // EOF: an unfinished statement is compiled as it is (its error shows), then leave.
          out.write("\n");
          out.flush();
          if (lines.length === 0) return 0;
          // CPython then prompts again and meets EOF a second time.
          const status = this.finish(input, judgeInput(lines, true));
          if (status !== null) return status;
          lines = [];
          continue;
        }
        lines.push(line);
        const verdict = judgeInput(lines);
        if (verdict.kind === "more") continue;
        const status = this.finish(input, verdict);
        lines = [];
        if (status !== null) return status;
      }
    } finally {
      input.close();
    }
  }

  private finish(input: LineSource, verdict: CompileVerdict): number | null {
    switch (verdict.kind) {
      case "empty":
      case "more":
        return null;
      case "error":
        return this.reportException(compileErrorToPython(verdict.error));
      case "code": {
        input.beforeRun();
        try {
          return this.runStatement(verdict.source);
        } finally {
          input.afterRun();
        }
      }
    }
  }
}

/** The interactive session of `tspython` (no script, or after one under -i). */
export function runRepl(interp: Interpreter, options: ReplOptions): Promise<number> {
  return new Repl(interp).run(options);
}
