// errno: the platform's error numbers (Modules/errnomodule.c), from Node's os.constants.errno,
// and strerror() texts as glibc words them (libuv's lower-case texts otherwise).
import { constants } from "node:os";
import { getSystemErrorMap } from "node:util";
import { PyDict } from "../objects/dict.js";
import { PyModule } from "../objects/function.js";

const GLIBC_MESSAGES: Record<string, string> = {
  EPERM: "Operation not permitted", ENOENT: "No such file or directory", ESRCH: "No such process",
  EINTR: "Interrupted system call", EIO: "Input/output error", ENXIO: "No such device or address",
  E2BIG: "Argument list too long", ENOEXEC: "Exec format error", EBADF: "Bad file descriptor",
  ECHILD: "No child processes", EAGAIN: "Resource temporarily unavailable", ENOMEM: "Cannot allocate memory",
  EACCES: "Permission denied", EFAULT: "Bad address", EBUSY: "Device or resource busy", EEXIST: "File exists",
  EXDEV: "Invalid cross-device link", ENODEV: "No such device", ENOTDIR: "Not a directory",
  EISDIR: "Is a directory", EINVAL: "Invalid argument", ENFILE: "Too many open files in system",
  EMFILE: "Too many open files", ENOTTY: "Inappropriate ioctl for device", EFBIG: "File too large",
  ENOSPC: "No space left on device", ESPIPE: "Illegal seek", EROFS: "Read-only file system",
  EMLINK: "Too many links", EPIPE: "Broken pipe", EDOM: "Numerical argument out of domain",
  ERANGE: "Numerical result out of range", EDEADLK: "Resource deadlock avoided", ENAMETOOLONG: "File name too long",
  ENOSYS: "Function not implemented", ENOTEMPTY: "Directory not empty", ELOOP: "Too many levels of symbolic links",
  ENOTSUP: "Operation not supported", EOPNOTSUPP: "Operation not supported", ECONNREFUSED: "Connection refused",
  ECONNRESET: "Connection reset by peer", ECONNABORTED: "Software caused connection abort",
  ETIMEDOUT: "Connection timed out", EADDRINUSE: "Address already in use", EHOSTUNREACH: "No route to host",
  ENOTCONN: "Transport endpoint is not connected", EALREADY: "Operation already in progress",
  EINPROGRESS: "Operation now in progress", ENOTSOCK: "Socket operation on non-socket",
};

/** name -> number for this platform. */
export const errnoCodes: Record<string, number> = { ...(constants.errno as Record<string, number>) };
if (errnoCodes.EWOULDBLOCK === undefined && errnoCodes.EAGAIN !== undefined) errnoCodes.EWOULDBLOCK = errnoCodes.EAGAIN;
if (errnoCodes.ENOTSUP === undefined && errnoCodes.EOPNOTSUPP !== undefined) errnoCodes.ENOTSUP = errnoCodes.EOPNOTSUPP;

let uvMessages: Map<number, [string, string]> | null = null;

/** os.strerror(code) */
export function strerror(code: number): string {
  const name = Object.keys(errnoCodes).find((k) => errnoCodes[k] === code);
  if (name !== undefined && GLIBC_MESSAGES[name] !== undefined) return GLIBC_MESSAGES[name];
  uvMessages ??= getSystemErrorMap() as Map<number, [string, string]>;
  const uv = uvMessages.get(-code);
  if (uv !== undefined) return uv[1].charAt(0).toUpperCase() + uv[1].slice(1);
  return `Unknown error ${code}`;
}

export function makeErrnoModule(): PyModule {
  const m = new PyModule("errno");
  const errorcode = new PyDict();
  // errorcode maps a number to its first name (EAGAIN before EWOULDBLOCK, as CPython lists them).
  for (const [name, code] of Object.entries(errnoCodes)) {
    m.dict.setStr(name, code);
    if (errorcode.get(code) === undefined || name === "EAGAIN" || name === "EOPNOTSUPP" || name === "EDEADLK") errorcode.set(code, name);
  }
  m.dict.setStr("errorcode", errorcode);
  return m;
}
