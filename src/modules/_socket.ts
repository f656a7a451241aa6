// _socket: the names and types socket.py imports (Modules/socketmodule.c); no network sockets yet.
// Written in Python; compiled on first import (and kept in the .pyc cache).
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";
import { newCapsule } from "./capsule.js";

const SOURCE = String.raw`"""_socket: names and types for importing socket (TSPython has no network sockets yet:
creating a socket raises OSError)."""
error = OSError
timeout = TimeoutError
class herror(OSError): pass
class gaierror(OSError): pass
herror.__module__ = gaierror.__module__ = 'socket'
has_ipv6 = False
AF_UNSPEC, AF_UNIX, AF_INET, AF_INET6 = 0, 1, 2, 10
SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_RDM, SOCK_SEQPACKET = 1, 2, 3, 4, 5
SOCK_NONBLOCK, SOCK_CLOEXEC = 2048, 524288
SOL_SOCKET, SOL_TCP, SOL_UDP, SOL_IP = 1, 6, 17, 0
SO_REUSEADDR, SO_KEEPALIVE, SO_BROADCAST, SO_ERROR, SO_TYPE, SO_LINGER, SO_RCVBUF, SO_SNDBUF, SO_REUSEPORT = 2, 9, 6, 4, 3, 13, 8, 7, 15
IPPROTO_IP, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_IPV6 = 0, 6, 17, 41
TCP_NODELAY = 1
IPV6_V6ONLY = 26
AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, AI_NUMERICSERV, AI_ADDRCONFIG = 1, 2, 4, 1024, 32
NI_NUMERICHOST, NI_NUMERICSERV, NI_NAMEREQD = 1, 2, 8
SHUT_RD, SHUT_WR, SHUT_RDWR = 0, 1, 2
MSG_PEEK, MSG_DONTWAIT, MSG_WAITALL = 2, 64, 256
INADDR_ANY, INADDR_LOOPBACK = 0, 2130706433
SOMAXCONN = 4096
_GLOBAL_DEFAULT_TIMEOUT = object()
_default_timeout = None

class socket:
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        raise OSError(97, 'Address family not supported by protocol: TSPython has no network sockets')
    @property
    def family(self):
        return AF_INET
SocketType = socket

def getdefaulttimeout():
    return _default_timeout
def setdefaulttimeout(t):
    global _default_timeout
    _default_timeout = t
def gethostname():
    import os
    return os.uname()[1]
def getaddrinfo(*args, **kwargs):
    raise gaierror(-2, 'Name or service not known')
def gethostbyname(name):
    if name in ('localhost', ''):
        return '127.0.0.1'
    raise gaierror(-2, 'Name or service not known')
def getfqdn(name=''):
    return name or gethostname()
def socketpair(*args):
    raise OSError(97, 'TSPython has no network sockets')
def dup(fd):
    raise OSError(9, 'Bad file descriptor')
def close(fd):
    import os
    os.close(fd)
def htons(x): return ((x & 0xff) << 8) | ((x >> 8) & 0xff)
ntohs = htons
def htonl(x): return int.from_bytes(x.to_bytes(4, 'little'), 'big')
ntohl = htonl
def inet_aton(s):
    parts = [int(p) for p in s.split('.')]
    if len(parts) != 4 or not all(0 <= p < 256 for p in parts):
        raise OSError('illegal IP address string passed to inet_aton')
    return bytes(parts)
def inet_ntoa(b):
    return '.'.join(str(x) for x in b)
inet_pton = lambda af, s: inet_aton(s)
inet_ntop = lambda af, b: inet_ntoa(b)
`;

export function makeSocketModule(interp: Interpreter): PyModule {
  const m = pythonModule(interp, "_socket", SOURCE);
  m.dict.setStr("CAPI", newCapsule("_socket.CAPI"));
  return m;
}
