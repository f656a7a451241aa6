// Child processes for subprocess (os.pipe, _posixsubprocess.fork_exec, os.waitpid) on
// Node, which can neither fork nor make OS pipes. Pipes are in memory, under descriptor
// numbers no real file uses. fork_exec only records the child; the child really runs
// (child_process.spawnSync, to completion) the first time the parent needs it: a read
// from one of its output pipes, or waitpid. Whatever the parent wrote to the child's
// stdin pipe by then is its input — which is what Popen.communicate() and run() do.
// A parent that talks to a child back and forth cannot work this way.
import * as fs from "node:fs";
import { spawnSync } from "node:child_process";
import { constants as osConstants, tmpdir } from "node:os";
import { join } from "node:path";

/** First descriptor number of in-memory pipe ends. */
const FIRST_PIPE_FD = 1 << 21;
let nextFd = FIRST_PIPE_FD;
let nextPid = 1 << 22;

class Pipe {
  declare chunks: Uint8Array[];
  declare readEnds: number;
  declare writeEnds: number;
  /** The child that writes into this pipe and has not run yet. */
  declare producer: Child | null;
  constructor() {
    this.chunks = [];
    this.readEnds = 1;
    this.writeEnds = 1;
    this.producer = null;
  }
}

interface PipeEnd {
  readonly pipe: Pipe;
  readonly writable: boolean;
}

interface Child {
  readonly pid: number;
  readonly argv: string[];
  readonly executable: string | null;
  readonly cwd: string | undefined;
  readonly env: NodeJS.ProcessEnv | undefined;
  /** Each stream: an in-memory pipe, a real descriptor, or -1 (inherit the parent's). */
  readonly stdin: Pipe | number;
  readonly stdout: Pipe | number;
  readonly stderr: Pipe | number;
  ran: boolean;
  /** waitpid status (exit code << 8, or the signal number). */
  status: number;
}

const ends = new Map<number, PipeEnd>();
const children = new Map<number, Child>();

/** An errno-carrying error for posix.ts's osErrorFrom. */
function errnoError(code: string): Error {
  const e = new Error(code) as NodeJS.ErrnoException;
  e.code = code;
  return e;
}

export function isPipeFd(fd: number): boolean {
  return ends.has(fd);
}

export function pipeCreate(): [number, number] {
  const pipe = new Pipe();
  const r = nextFd++;
  const w = nextFd++;
  ends.set(r, { pipe, writable: false });
  ends.set(w, { pipe, writable: true });
  return [r, w];
}

function endOf(fd: number): PipeEnd {
  const end = ends.get(fd);
  if (end === undefined) throw errnoError("EBADF");
  return end;
}

export function pipeClose(fd: number): void {
  const end = endOf(fd);
  ends.delete(fd);
  if (end.writable) end.pipe.writeEnds--;
  else end.pipe.readEnds--;
}

export function pipeWrite(fd: number, data: Uint8Array): number {
  const end = endOf(fd);
  if (!end.writable) throw errnoError("EBADF");
  if (end.pipe.readEnds === 0) throw errnoError("EPIPE");
  end.pipe.chunks.push(data.slice());
  return data.length;
}

export function pipeRead(fd: number, n: number): Uint8Array {
  const end = endOf(fd);
  if (end.writable) throw errnoError("EBADF");
  const pipe = end.pipe;
  if (pipe.producer !== null) runChild(pipe.producer);
  if (pipe.chunks.length === 0) {
    if (pipe.writeEnds > 0) throw errnoError("EAGAIN"); // would wait forever: we are the only thread
    return new Uint8Array(0);
  }
  const first = pipe.chunks[0];
  if (first.length <= n) {
    pipe.chunks.shift();
    return first;
  }
  pipe.chunks[0] = first.subarray(n);
  return first.subarray(0, n);
}

/** fstat of a pipe end: a FIFO (S_IFIFO | 0600), in posix.ts's stat tuple layout. */
export function pipeStat(fd: number): number[] {
  endOf(fd);
  return [0o010600, fd, 0, 1, process.getuid?.() ?? 0, process.getgid?.() ?? 0, 0, 0, 0, 0, 4096, 0, 0];
}

/** The stream a child gets for descriptor `fd` of the parent (-1: inherit). */
function streamOf(fd: number): Pipe | number {
  if (fd < 0) return -1;
  const end = ends.get(fd);
  return end === undefined ? fd : end.pipe;
}

export interface ForkExecRequest {
  argv: string[];
  executables: string[];
  cwd: string | null;
  env: string[] | null;
  stdinFd: number;
  stdoutFd: number;
  stderrFd: number;
  errpipeWrite: number;
}

/** _posixsubprocess.fork_exec: records the child and returns its (made-up) pid. */
export function forkExec(req: ForkExecRequest): number {
  let executable: string | null = null;
  let lastError = "ENOENT";
  for (const candidate of req.executables) {
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isDirectory()) {
        lastError = "EACCES";
        continue;
      }
      executable = candidate;
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EACCES") lastError = code;
    }
  }
  let env: NodeJS.ProcessEnv | undefined;
  if (req.env !== null) {
    env = {};
    for (const kv of req.env) {
      const eq = kv.indexOf("=");
      if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
  }
  const child: Child = {
    pid: nextPid++,
    argv: req.argv,
    executable,
    cwd: req.cwd ?? undefined,
    env,
    stdin: streamOf(req.stdinFd),
    stdout: streamOf(req.stdoutFd),
    stderr: streamOf(req.stderrFd),
    ran: false,
    status: 0,
  };
  children.set(child.pid, child);
  if (executable === null) {
    // What the child writes on the error pipe when exec fails (Popen raises it).
    const errno = (osConstants.errno as Record<string, number>)[lastError] ?? 2;
    pipeWrite(req.errpipeWrite, new TextEncoder().encode(`OSError:${errno.toString(16)}:`));
    child.ran = true;
    child.status = 255 << 8;
    return child.pid;
  }
  // The child holds its ends of the pipes until it has run.
  if (child.stdin instanceof Pipe) child.stdin.readEnds++;
  for (const out of [child.stdout, child.stderr]) {
    if (out instanceof Pipe) {
      out.writeEnds++;
      out.producer = child;
    }
  }
  return child.pid;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const c of chunks) size += c.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function runChild(child: Child): void {
  if (child.ran) return;
  child.ran = true;
  const stdioOf = (s: Pipe | number): "pipe" | "inherit" | number => (s instanceof Pipe ? "pipe" : s < 0 ? "inherit" : s);
  // Files, not Node's pipes, carry the child's stdin (a child reading a non-blocking pipe
  // may see EAGAIN as end of input) and its merged stdout+stderr (stderr=STDOUT: one file
  // keeps their order).
  const scratch = fs.mkdtempSync(join(tmpdir(), "tspython-child-"));
  let inputFd = -1;
  if (child.stdin instanceof Pipe) {
    const inputPath = join(scratch, "in");
    fs.writeFileSync(inputPath, concat(child.stdin.chunks));
    child.stdin.chunks = [];
    inputFd = fs.openSync(inputPath, "r");
  }
  const merged = child.stdout instanceof Pipe && child.stdout === child.stderr;
  const mergedPath = join(scratch, "out");
  const mergedFd = merged ? fs.openSync(mergedPath, "w+") : -1;
  const r = spawnSync(child.executable!, child.argv.slice(1), {
    argv0: child.argv[0],
    cwd: child.cwd,
    env: child.env ?? process.env,
    stdio: [
      inputFd >= 0 ? inputFd : stdioOf(child.stdin),
      merged ? mergedFd : stdioOf(child.stdout),
      merged ? mergedFd : stdioOf(child.stderr),
    ],
    maxBuffer: 1 << 30,
  });
  const deliver = (s: Pipe | number, data: Uint8Array | null | undefined): void => {
    if (!(s instanceof Pipe)) return;
    if (data && data.length > 0) s.chunks.push(new Uint8Array(data));
    s.writeEnds--;
    s.producer = null;
  };
  if (merged) {
    fs.closeSync(mergedFd);
    deliver(child.stdout, fs.readFileSync(mergedPath));
  } else {
    deliver(child.stdout, r.stdout as Buffer | null);
    deliver(child.stderr, r.stderr as Buffer | null);
  }
  if (inputFd >= 0) fs.closeSync(inputFd);
  fs.rmSync(scratch, { recursive: true, force: true });
  if (child.stdin instanceof Pipe) child.stdin.readEnds--;
  if (r.error !== undefined && r.status === null && r.signal === null) child.status = 255 << 8;
  else if (r.signal !== null) child.status = (osConstants.signals as Record<string, number>)[r.signal] ?? 9;
  else child.status = (r.status ?? 0) << 8;
}

/** os.waitpid for our children: [pid, status]; runs the child first if it has not run. */
export function waitChild(pid: number): [number, number] | null {
  const child = children.get(pid);
  if (child === undefined) return null;
  runChild(child);
  children.delete(pid);
  return [pid, child.status];
}

/** Any child not reaped yet (os.waitpid(-1, ...)). */
export function anyChild(): number | null {
  for (const pid of children.keys()) return pid;
  return null;
}
