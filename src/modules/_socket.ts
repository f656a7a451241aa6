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

class _Endpoint:
    """One end of an in-memory socketpair(): bytes the peer sent, not yet received."""
    def __init__(self):
        self.buf = bytearray()
        self.peer = None
        self.closed = False
    def readable(self):
        return bool(self.buf) or self.peer is None or self.peer.closed
_endpoints = {}  # fake file descriptor -> _Endpoint (select.select reads it)
_next_fd = [1 << 20]

class socket:
    """Only the ends of socketpair() exist (asyncio's self-pipe); other sockets raise OSError."""
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None:
            raise OSError(97, 'Address family not supported by protocol: TSPython has no network sockets')
        if not isinstance(fileno, int):
            raise TypeError('an integer is required')
        if fileno not in _endpoints:
            raise OSError(9, 'Bad file descriptor')
        self._fd = fileno
        self._family = AF_UNIX if family == -1 else family
        self._type = SOCK_STREAM if type == -1 else type
        self._proto = 0 if proto == -1 else proto
        self._timeout = _default_timeout
    family = property(lambda self: self._family)
    type = property(lambda self: self._type)
    proto = property(lambda self: self._proto)
    timeout = property(lambda self: self._timeout)
    def fileno(self):
        return self._fd
    def _endpoint(self):
        ep = _endpoints.get(self._fd)
        if ep is None:
            raise OSError(9, 'Bad file descriptor')
        return ep
    def detach(self):
        fd, self._fd = self._fd, -1
        return fd
    def close(self):
        ep = _endpoints.pop(self._fd, None)
        if ep is not None:
            ep.closed = True
        self._fd = -1
    def setblocking(self, flag):
        self._timeout = None if flag else 0.0
    def getblocking(self):
        return self._timeout != 0.0
    def settimeout(self, value):
        if value is not None and value < 0:
            raise ValueError('Timeout value out of range')
        self._timeout = None if value is None else float(value)
    def gettimeout(self):
        return self._timeout
    def send(self, data, flags=0):
        ep = self._endpoint()
        if ep.peer is None or ep.peer.closed:
            raise BrokenPipeError(32, 'Broken pipe')
        data = bytes(data)
        ep.peer.buf += data
        return len(data)
    def sendall(self, data, flags=0):
        self.send(data, flags)
    def recv(self, bufsize, flags=0):
        if bufsize < 0:
            raise ValueError('negative buffersize in recv')
        ep = self._endpoint()
        if not ep.buf:
            if ep.peer is None or ep.peer.closed:
                return b''
            # One thread: nothing can arrive while we would block.
            raise BlockingIOError(11, 'Resource temporarily unavailable')
        data = bytes(ep.buf[:bufsize])
        del ep.buf[:bufsize]
        return data
    def recv_into(self, buffer, nbytes=0, flags=0):
        data = self.recv(nbytes or len(buffer), flags)
        buffer[:len(data)] = data
        return len(data)
    def shutdown(self, how):
        self._endpoint()
    def getsockname(self):
        return ''
    def getpeername(self):
        return ''
    def setsockopt(self, *args):
        self._endpoint()
    def getsockopt(self, level, optname, buflen=None):
        self._endpoint()
        return 0
    def __repr__(self):
        return '<socket object, fd=%d, family=%d, type=%d, proto=%d>' % (self._fd, self._family, self._type, self._proto)
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
def socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0):
    a, b = _Endpoint(), _Endpoint()
    a.peer, b.peer = b, a
    fds = []
    for ep in (a, b):
        fd = _next_fd[0]
        _next_fd[0] += 1
        _endpoints[fd] = ep
        fds.append(fd)
    return socket(family, type, proto, fds[0]), socket(family, type, proto, fds[1])
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
