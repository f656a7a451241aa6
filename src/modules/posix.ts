// posix: the operating system interface under `os` (Modules/posixmodule.c), over node:fs.
// The system calls are TypeScript (below, installed as _n_* helpers); the Python part at
// the end builds stat_result, DirEntry/scandir, environ and the thin wrappers around them.
import * as fs from "node:fs";
import { randomFillSync } from "node:crypto";
import { spawnSync } from "node:child_process";
import * as os from "node:os";
import { isatty } from "node:tty";
import { PyObj, None, typeOf } from "../objects/core.js";
import { PyDict } from "../objects/dict.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { PyModule } from "../objects/function.js";
import { OSError, PyBaseException, typeError } from "../objects/exceptions.js";
import { call, indexAsNumber, isTrue } from "../objects/abstract.js";
import { PyList, newTuple } from "../objects/sequence.js";
import { PyBytes, bufferOf } from "../objects/bytes.js";
import { encodeString, decodeBytes } from "../objects/codecs.js";
import { errnoCodes, strerror } from "./errno.js";
import { pythonModule } from "./modutil.js";
import { isPipeFd, pipeCreate, pipeRead, pipeWrite, pipeClose, pipeStat, waitChild, anyChild } from "./childproc.js";
import type { Interpreter } from "./interp.js";

/** A path argument: str, bytes, or an int file descriptor where allowed. */
function pathOf(v: PyObj): string | number {
  if (typeof v === "string") return v;
  if (v instanceof PyBytes) return decodeBytes(v.bytes, "utf-8", "surrogateescape");
  if (typeof v === "number") return v;
  throw typeError(`path should be string, bytes, os.PathLike or integer, not ${typeOf(v).name}`);
}

/** A Node error as the OSError subclass CPython raises (FileNotFoundError...). */
export function osErrorFrom(e: unknown, filename: PyObj | null = null, filename2: PyObj | null = null): PyBaseException {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (typeof code !== "string" || errnoCodes[code] === undefined) {
    if (e instanceof PyBaseException) return e;
    return call(OSError, [String((e as Error)?.message ?? e)]) as PyBaseException;
  }
  const n = errnoCodes[code];
  const args: PyObj[] = [n, strerror(n)];
  if (filename !== null) {
    args.push(filename);
    if (filename2 !== null) args.push(None, filename2);
  }
  return call(OSError, args) as PyBaseException;
}

function sys<T>(filename: PyObj | null, body: () => T): T {
  try {
    return body();
  } catch (e) {
    throw osErrorFrom(e, filename);
  }
}

/** Positions of descriptors we opened (Node has no lseek: reads and writes pass the offset). */
const positions = new Map<number, number>();

function statTuple(st: fs.BigIntStats): PyObj {
  const n = (x: bigint): PyObj => (x <= 9007199254740991n && x >= -9007199254740991n ? Number(x) : x);
  return newTuple([
    n(st.mode), n(st.ino), n(st.dev), n(st.nlink), n(st.uid), n(st.gid), n(st.size),
    n(st.atimeNs), n(st.mtimeNs), n(st.ctimeNs), n(st.blksize), n(st.blocks), n(st.rdev),
  ]);
}

function natives(): Record<string, (a: PyObj[]) => PyObj> {
  return {
    stat: (a) => {
      const p = pathOf(a[0]);
      const follow = a.length < 2 || isTrue(a[1]);
      if (typeof p === "number" && isPipeFd(p)) return newTuple(pipeStat(p));
      return sys(a[0], () => statTuple(typeof p === "number" ? fs.fstatSync(p, { bigint: true }) : follow ? fs.statSync(p, { bigint: true }) : fs.lstatSync(p, { bigint: true })));
    },
    listdir: (a) => {
      const p = pathOf(a[0]);
      if (typeof p === "number") throw typeError("listdir: file descriptors are not supported");
      const names = sys(a[0], () => fs.readdirSync(p));
      return new PyList(a[0] instanceof PyBytes ? names.map((x) => new PyBytes(encodeString(x, "utf-8", "surrogateescape"))) : names);
    },
    getcwd: () => process.cwd(),
    chdir: (a) => sys(a[0], () => (process.chdir(String(pathOf(a[0]))), None)),
    mkdir: (a) => sys(a[0], () => (fs.mkdirSync(String(pathOf(a[0])), { mode: a.length > 1 ? indexAsNumber(a[1]) : 0o777 }), None)),
    rmdir: (a) => sys(a[0], () => (fs.rmdirSync(String(pathOf(a[0]))), None)),
    unlink: (a) => sys(a[0], () => (fs.unlinkSync(String(pathOf(a[0]))), None)),
    rename: (a) => {
      try {
        fs.renameSync(String(pathOf(a[0])), String(pathOf(a[1])));
      } catch (e) {
        throw osErrorFrom(e, a[0], a[1]);
      }
      return None;
    },
    access: (a) => {
      try {
        fs.accessSync(String(pathOf(a[0])), indexAsNumber(a[1]));
        return true;
      } catch {
        return false;
      }
    },
    readlink: (a) => sys(a[0], () => fs.readlinkSync(String(pathOf(a[0])))),
    symlink: (a) => sys(a[0], () => (fs.symlinkSync(String(pathOf(a[0])), String(pathOf(a[1]))), None)),
    chmod: (a) => sys(a[0], () => (fs.chmodSync(pathOf(a[0]) as string, indexAsNumber(a[1])), None)),
    utime: (a) => sys(a[0], () => (fs.utimesSync(String(pathOf(a[0])), Number(a[1]), Number(a[2])), None)),
    open: (a) => {
      const fd = sys(a[0], () => fs.openSync(String(pathOf(a[0])), indexAsNumber(a[1]), a.length > 2 ? indexAsNumber(a[2]) : 0o777));
      positions.set(fd, (indexAsNumber(a[1]) & fs.constants.O_APPEND) !== 0 ? fs.fstatSync(fd).size : 0);
      return fd;
    },
    close: (a) => {
      const fd = indexAsNumber(a[0]);
      if (isPipeFd(fd)) return sys(null, () => (pipeClose(fd), None));
      positions.delete(fd);
      return sys(null, () => (fs.closeSync(fd), None));
    },
    read: (a) => {
      const fd = indexAsNumber(a[0]);
      const n = indexAsNumber(a[1]);
      if (isPipeFd(fd)) return new PyBytes(sys(null, () => pipeRead(fd, n)));
      const buf = new Uint8Array(n);
      const pos = positions.get(fd);
      let got = 0;
      for (;;) {
        try {
          got = fs.readSync(fd, buf, 0, n, pos ?? null);
          break;
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === "EAGAIN") continue;
          if (code === "EOF") break;
          throw osErrorFrom(e);
        }
      }
      if (pos !== undefined) positions.set(fd, pos + got);
      return new PyBytes(buf.slice(0, got));
    },
    write: (a) => {
      const fd = indexAsNumber(a[0]);
      const data = a[1] instanceof PyBytes ? a[1].bytes : bufferOf(a[1]) ?? encodeString(String(a[1]), "utf-8", "strict");
      if (isPipeFd(fd)) return sys(null, () => pipeWrite(fd, data));
      const pos = positions.get(fd);
      const n = sys(null, () => fs.writeSync(fd, data, 0, data.length, pos ?? null));
      if (pos !== undefined) positions.set(fd, pos + n);
      return n;
    },
    lseek: (a) => {
      const fd = indexAsNumber(a[0]);
      const off = indexAsNumber(a[1]);
      const how = indexAsNumber(a[2]);
      const cur = positions.get(fd);
      if (cur === undefined) throw osErrorFrom({ code: "ESPIPE" });
      const next = how === 0 ? off : how === 1 ? cur + off : sys(null, () => fs.fstatSync(fd).size) + off;
      if (next < 0) throw osErrorFrom({ code: "EINVAL" });
      positions.set(fd, next);
      return next;
    },
    ftruncate: (a) => sys(null, () => (fs.ftruncateSync(indexAsNumber(a[0]), indexAsNumber(a[1])), None)),
    fsync: (a) => sys(null, () => (fs.fsyncSync(indexAsNumber(a[0])), None)),
    isatty: (a) => isatty(indexAsNumber(a[0])),
    urandom: (a) => new PyBytes(randomFillSync(new Uint8Array(indexAsNumber(a[0])))),
    strerror: (a) => strerror(indexAsNumber(a[0])),
    getpid: () => process.pid,
    pipe: () => newTuple(pipeCreate()),
    waitpid: (a) => {
      let pid = indexAsNumber(a[0]);
      if (pid === -1 || pid === 0) pid = anyChild() ?? pid;
      const r = waitChild(pid);
      return r === null ? None : newTuple(r);
    },
    getppid: () => process.ppid,
    getuid: () => process.getuid?.() ?? 0,
    geteuid: () => process.geteuid?.() ?? 0,
    getgid: () => process.getgid?.() ?? 0,
    getegid: () => process.getegid?.() ?? 0,
    umask: (a) => process.umask(indexAsNumber(a[0])),
    uname: () => newTuple([os.type(), os.hostname(), os.release(), os.version(), os.machine()]),
    cpu_count: () => os.cpus().length,
    times: () => {
      const u = process.cpuUsage();
      return newTuple([u.user / 1e6, u.system / 1e6, 0, 0, process.uptime()].map((x) => call(floatCtor!, [x])));
    },
    kill: (a) => sys(null, () => (process.kill(indexAsNumber(a[0]), indexAsNumber(a[1])), None)),
    _exit: (a) => process.exit(indexAsNumber(a[0])),
    system: (a) => {
      const r = spawnSync("/bin/sh", ["-c", String(a[0])], { stdio: "inherit" });
      return r.status === null ? 1 : r.status << 8;
    },
    terminal_size: () => newTuple([process.stdout.columns ?? 80, process.stdout.rows ?? 24]),
    putenv: (a) => {
      process.env[String(pathOf(a[0]))] = String(pathOf(a[1]));
      return None;
    },
    unsetenv: (a) => {
      delete process.env[String(pathOf(a[0]))];
      return None;
    },
    environ: () => {
      const d = new PyDict();
      for (const [k, v] of Object.entries(process.env)) {
        if (v === undefined) continue;
        d.set(new PyBytes(encodeString(k, "utf-8", "surrogateescape")), new PyBytes(encodeString(v, "utf-8", "surrogateescape")));
      }
      return d;
    },
  };
}

let floatCtor: PyObj | null = null;

const SOURCE = String.raw`
import sys as _sys
error = OSError
F_OK, R_OK, W_OK, X_OK = 0, 4, 2, 1
O_RDONLY, O_WRONLY, O_RDWR = 0, 1, 2
O_APPEND = 1024
O_CREAT = 64
O_EXCL = 128
O_TRUNC = 512
O_NOCTTY = 256
O_NONBLOCK = 2048
O_CLOEXEC = 524288
O_DIRECTORY = 65536
O_NOFOLLOW = 131072
O_SYNC = 1052672
O_ACCMODE = 3
SEEK_SET, SEEK_CUR, SEEK_END = 0, 1, 2
WNOHANG = 1
EX_OK = 0
_have_functions = []

class stat_result(tuple):
    n_sequence_fields = 10
    n_fields = 19
    n_unnamed_fields = 3
    def __new__(cls, seq, dict=None):
        seq = tuple(seq)
        self = tuple.__new__(cls, seq[:10])
        self._extra = seq[10:]
        return self
    st_mode = property(lambda self: self[0])
    st_ino = property(lambda self: self[1])
    st_dev = property(lambda self: self[2])
    st_nlink = property(lambda self: self[3])
    st_uid = property(lambda self: self[4])
    st_gid = property(lambda self: self[5])
    st_size = property(lambda self: self[6])
    st_atime = property(lambda self: self._ns[0] / 1e9)
    st_mtime = property(lambda self: self._ns[1] / 1e9)
    st_ctime = property(lambda self: self._ns[2] / 1e9)
    st_atime_ns = property(lambda self: self._ns[0])
    st_mtime_ns = property(lambda self: self._ns[1])
    st_ctime_ns = property(lambda self: self._ns[2])
    st_blksize = property(lambda self: self._extra[3] if len(self._extra) > 3 else None)
    st_blocks = property(lambda self: self._extra[4] if len(self._extra) > 4 else None)
    st_rdev = property(lambda self: self._extra[5] if len(self._extra) > 5 else None)
    @property
    def _ns(self):
        e = self._extra
        if len(e) >= 3:
            return e[:3]
        return (int(self[7] * 10**9), int(self[8] * 10**9), int(self[9] * 10**9))
    def __repr__(self):
        names = ('st_mode', 'st_ino', 'st_dev', 'st_nlink', 'st_uid', 'st_gid', 'st_size', 'st_atime', 'st_mtime', 'st_ctime')
        return 'os.stat_result(%s)' % ', '.join('%s=%r' % (n, v) for n, v in zip(names, self))
    def __reduce__(self):
        return (stat_result, (tuple(self) + tuple(self._extra),))
stat_result.__module__ = 'os'

class terminal_size(tuple):
    columns = property(lambda self: self[0])
    lines = property(lambda self: self[1])
terminal_size.__module__ = 'os'

class uname_result(tuple):
    sysname = property(lambda self: self[0])
    nodename = property(lambda self: self[1])
    release = property(lambda self: self[2])
    version = property(lambda self: self[3])
    machine = property(lambda self: self[4])

class times_result(tuple):
    user = property(lambda self: self[0])
    system = property(lambda self: self[1])
    children_user = property(lambda self: self[2])
    children_system = property(lambda self: self[3])
    elapsed = property(lambda self: self[4])

def fspath(path):
    if isinstance(path, (str, bytes)):
        return path
    path_type = type(path)
    try:
        path_repr = path_type.__fspath__(path)
    except AttributeError:
        if hasattr(path_type, '__fspath__'):
            raise
        raise TypeError("expected str, bytes or os.PathLike object, not " + path_type.__name__)
    if isinstance(path_repr, (str, bytes)):
        return path_repr
    raise TypeError("expected {}.__fspath__() to return str or bytes, not {}".format(path_type.__name__, type(path_repr).__name__))

def _p(path):
    return path if isinstance(path, int) else fspath(path)

def _make_stat(t):
    mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime, blksize, blocks, rdev = t
    return stat_result((mode, ino, dev, nlink, uid, gid, size, atime // 10**9, mtime // 10**9, ctime // 10**9,
                        atime, mtime, ctime, blksize, blocks, rdev))

def stat(path, *, dir_fd=None, follow_symlinks=True):
    return _make_stat(_n_stat(_p(path), follow_symlinks))
def lstat(path, *, dir_fd=None):
    return _make_stat(_n_stat(_p(path), False))
def fstat(fd):
    return _make_stat(_n_stat(fd, True))
def listdir(path='.'):
    return _n_listdir(_p(path))
def getcwd():
    return _n_getcwd()
def getcwdb():
    return _n_getcwd().encode('utf-8', 'surrogateescape')
def chdir(path):
    _n_chdir(_p(path))
def mkdir(path, mode=0o777, *, dir_fd=None):
    _n_mkdir(_p(path), mode)
def rmdir(path, *, dir_fd=None):
    _n_rmdir(_p(path))
def unlink(path, *, dir_fd=None):
    _n_unlink(_p(path))
remove = unlink
def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    _n_rename(_p(src), _p(dst))
replace = rename
def access(path, mode, *, dir_fd=None, effective_ids=False, follow_symlinks=True):
    return _n_access(_p(path), mode)
def readlink(path, *, dir_fd=None):
    return _n_readlink(_p(path))
def symlink(src, dst, target_is_directory=False, *, dir_fd=None):
    _n_symlink(_p(src), _p(dst))
def chmod(path, mode, *, dir_fd=None, follow_symlinks=True):
    _n_chmod(_p(path), mode)
def utime(path, times=None, *, ns=None, dir_fd=None, follow_symlinks=True):
    import time
    if ns is not None:
        times = (ns[0] / 1e9, ns[1] / 1e9)
    if times is None:
        now = time.time()
        times = (now, now)
    _n_utime(_p(path), times[0], times[1])
def open(path, flags, mode=0o777, *, dir_fd=None):
    return _n_open(_p(path), flags, mode)
close = _n_close
def closerange(lo, hi):
    for fd in range(lo, hi):
        try:
            close(fd)
        except OSError:
            pass
read = _n_read
write = _n_write
lseek = _n_lseek
ftruncate = _n_ftruncate
def truncate(path, length):
    fd = open(path, O_WRONLY)
    try:
        ftruncate(fd, length)
    finally:
        close(fd)
fsync = _n_fsync
isatty = _n_isatty
urandom = _n_urandom
strerror = _n_strerror
getpid = _n_getpid
getppid = _n_getppid
getuid = _n_getuid
geteuid = _n_geteuid
getgid = _n_getgid
getegid = _n_getegid
umask = _n_umask
cpu_count = _n_cpu_count
kill = _n_kill
_exit = _n__exit
system = _n_system
def uname():
    return uname_result(_n_uname())
def times():
    return times_result(_n_times())
def get_terminal_size(fd=1):
    return terminal_size(_n_terminal_size())
def putenv(key, value):
    _n_putenv(key, value)
def unsetenv(key):
    _n_unsetenv(key)
def device_encoding(fd):
    return None
def get_blocking(fd):
    return True
def set_blocking(fd, blocking):
    pass
def get_inheritable(fd):
    return False
def set_inheritable(fd, inheritable):
    pass
def getlogin():
    import pwd
    return pwd.getpwuid(getuid()).pw_name
def waitstatus_to_exitcode(status):
    return status >> 8 if status & 0x7f == 0 else -(status & 0x7f)
def WIFEXITED(status):
    return status & 0x7f == 0
def WEXITSTATUS(status):
    return (status >> 8) & 0xff
def WIFSIGNALED(status):
    return ((status & 0x7f) + 1) >> 1 > 0 and status & 0x7f != 0
def WTERMSIG(status):
    return status & 0x7f
def register_at_fork(*, before=None, after_in_child=None, after_in_parent=None):
    pass
def waitpid(pid, options):
    r = _n_waitpid(pid, options)
    if r is None:
        raise ChildProcessError(10, 'No child processes')
    return r
def wait():
    return waitpid(-1, 0)
def fork():
    raise OSError(38, 'Function not implemented: TSPython cannot fork')
def execv(path, args):
    raise OSError(38, 'Function not implemented: TSPython cannot exec')
execve = execv
def pipe():
    return _n_pipe()
def dup(fd):
    raise OSError(38, 'Function not implemented: dup')
def dup2(fd, fd2, inheritable=True):
    raise OSError(38, 'Function not implemented: dup2')
def WIFSTOPPED(status):
    return status & 0xff == 0x7f
def WSTOPSIG(status):
    return (status >> 8) & 0xff
def getpgrp():
    return getpid()
def setsid():
    return getpid()
def getgroups():
    return [getgid()]
def sysconf(name):
    return {'SC_PAGE_SIZE': 4096, 'SC_PAGESIZE': 4096, 'SC_OPEN_MAX': 1024, 'SC_CLK_TCK': 100, 'SC_NPROCESSORS_ONLN': cpu_count()}.get(name, -1)
sysconf_names = {'SC_PAGE_SIZE': 30, 'SC_PAGESIZE': 30, 'SC_OPEN_MAX': 4, 'SC_CLK_TCK': 2, 'SC_NPROCESSORS_ONLN': 84}

environ = _n_environ()

class DirEntry:
    def __init__(self, dirpath, name):
        self.name = name
        if isinstance(dirpath, bytes):
            self.path = dirpath + (b'' if dirpath.endswith(b'/') else b'/') + name
        else:
            self.path = dirpath + ('' if dirpath.endswith('/') else '/') + name
        self._stat = None
        self._lstat = None
    def __fspath__(self):
        return self.path
    def __repr__(self):
        return '<DirEntry %r>' % (self.name,)
    def stat(self, *, follow_symlinks=True):
        if not follow_symlinks:
            return self._lstat_()
        if self._stat is None:
            self._stat = stat(self.path)
        return self._stat
    def _lstat_(self):
        if self._lstat is None:
            self._lstat = lstat(self.path)
        return self._lstat
    def inode(self):
        return self._lstat_().st_ino
    def is_dir(self, *, follow_symlinks=True):
        try:
            return (self.stat(follow_symlinks=follow_symlinks).st_mode & 0o170000) == 0o040000
        except OSError:
            return False
    def is_file(self, *, follow_symlinks=True):
        try:
            return (self.stat(follow_symlinks=follow_symlinks).st_mode & 0o170000) == 0o100000
        except OSError:
            return False
    def is_symlink(self):
        try:
            return (self._lstat_().st_mode & 0o170000) == 0o120000
        except OSError:
            return False
    def is_junction(self):
        return False
DirEntry.__module__ = 'posix'

class _ScandirIterator:
    def __init__(self, path):
        self._path = path
        self._it = iter(listdir(path))
    def __iter__(self):
        return self
    def __next__(self):
        return DirEntry(self._path, next(self._it))
    def __enter__(self):
        return self
    def __exit__(self, *a):
        self.close()
    def close(self):
        self._it = iter(())

def scandir(path='.'):
    return _ScandirIterator(fspath(path))
`;

export function makePosixModule(interp: Interpreter): PyModule {
  floatCtor = interp.builtins.getStr("float")!;
  return pythonModule(interp, "posix", SOURCE, (m) => {
    for (const [name, fn] of Object.entries(natives())) {
      m.dict.setStr(`_n_${name}`, new PyBuiltinFunction(name, (a) => fn(a), null, name, "posix"));
    }
  });
}
