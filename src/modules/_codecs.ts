// _codecs: the codec registry and builtin codecs (Modules/_codecsmodule.c).
// Written in Python (bookkeeping code, no speed-critical parts); compiled on first import.
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";
import { PyBuiltinFunction } from "../objects/descr.js";
import { runtimeHooks } from "../objects/core.js";
import { PyBytes } from "../objects/bytes.js";
import { typeError } from "../objects/exceptions.js";
import { encodeString, decodeBytes } from "../objects/codecs.js";

const SOURCE = String.raw`"""_codecs: the codec registry and the builtin codecs (TSPython: utf-8, ascii and latin-1
are native, via _n_encode/_n_decode; other codecs come from the encodings package)."""

_search = []
_cache = {}
_errors = {}

def register(search_function):
    if not callable(search_function):
        raise TypeError('argument must be callable')
    _search.append(search_function)

def unregister(search_function):
    try:
        _search.remove(search_function)
    except ValueError:
        pass
    _cache.clear()

def _normalize(encoding):
    return encoding.lower().replace(' ', '_')

def lookup(encoding):
    if not isinstance(encoding, str):
        raise TypeError('lookup() argument must be str, not %s' % type(encoding).__name__)
    key = _normalize(encoding)
    try:
        return _cache[key]
    except KeyError:
        pass
    if not _search:
        import encodings
    for func in _search:
        result = func(key)
        if result is not None:
            if not isinstance(result, tuple) or len(result) != 4:
                raise TypeError('codec search functions must return 4-tuples')
            _cache[key] = result
            return result
    raise LookupError('unknown encoding: %s' % encoding)

def _forget_codec(encoding):
    _cache.pop(_normalize(encoding), None)

def encode(obj, encoding='utf-8', errors='strict'):
    return lookup(encoding).encode(obj, errors)[0]

def decode(obj, encoding='utf-8', errors='strict'):
    return lookup(encoding).decode(obj, errors)[0]

def register_error(name, handler):
    if not callable(handler):
        raise TypeError('handler must be callable')
    _errors[name] = handler

def lookup_error(name):
    try:
        return _errors[name]
    except KeyError:
        raise LookupError('unknown error handler name %r' % (name,)) from None

def strict_errors(exc):
    if isinstance(exc, BaseException):
        raise exc
    raise TypeError("codec must pass exception instance")

def ignore_errors(exc):
    if isinstance(exc, (UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError)):
        return ('', exc.end)
    raise TypeError("don't know how to handle %s in error callback" % type(exc).__name__)

def replace_errors(exc):
    if isinstance(exc, UnicodeEncodeError):
        return ('?' * (exc.end - exc.start), exc.end)
    if isinstance(exc, UnicodeDecodeError):
        return ('\ufffd', exc.end)
    if isinstance(exc, UnicodeTranslateError):
        return ('\ufffd' * (exc.end - exc.start), exc.end)
    raise TypeError("don't know how to handle %s in error callback" % type(exc).__name__)

def backslashreplace_errors(exc):
    if isinstance(exc, UnicodeEncodeError):
        s = exc.object[exc.start:exc.end]
        return (''.join('\\x%02x' % ord(c) if ord(c) < 256 else '\\u%04x' % ord(c) if ord(c) < 65536 else '\\U%08x' % ord(c) for c in s), exc.end)
    if isinstance(exc, UnicodeDecodeError):
        return (''.join('\\x%02x' % b for b in exc.object[exc.start:exc.end]), exc.end)
    raise TypeError("don't know how to handle %s in error callback" % type(exc).__name__)

def xmlcharrefreplace_errors(exc):
    if isinstance(exc, UnicodeEncodeError):
        return (''.join('&#%d;' % ord(c) for c in exc.object[exc.start:exc.end]), exc.end)
    raise TypeError("don't know how to handle %s in error callback" % type(exc).__name__)

def namereplace_errors(exc):
    if isinstance(exc, UnicodeEncodeError):
        import unicodedata
        out = []
        for c in exc.object[exc.start:exc.end]:
            try:
                out.append('\\N{%s}' % unicodedata.name(c))
            except (ValueError, KeyError):
                out.append('\\x%02x' % ord(c) if ord(c) < 256 else '\\u%04x' % ord(c))
        return (''.join(out), exc.end)
    raise TypeError("don't know how to handle %s in error callback" % type(exc).__name__)

for _name, _f in (('strict', strict_errors), ('ignore', ignore_errors), ('replace', replace_errors),
                  ('backslashreplace', backslashreplace_errors), ('xmlcharrefreplace', xmlcharrefreplace_errors),
                  ('namereplace', namereplace_errors)):
    _errors[_name] = _f
del _name, _f

def _incomplete_utf8_tail(data):
    # how many bytes at the end start a multi-byte sequence that is not complete yet
    n = len(data)
    for back in range(1, min(4, n) + 1):
        b = data[n - back]
        if b & 0xC0 == 0x80:
            continue
        need = 2 if b & 0xE0 == 0xC0 else 3 if b & 0xF0 == 0xE0 else 4 if b & 0xF8 == 0xF0 else 1
        return back if need > back else 0
    return 0

def utf_8_encode(str, errors=None):
    return (_n_encode(str, 'utf-8', errors or 'strict'), len(str))

def utf_8_decode(data, errors=None, final=False):
    data = bytes(data)
    cut = 0 if final else _incomplete_utf8_tail(data)
    part = data[:len(data) - cut] if cut else data
    return (_n_decode(part, 'utf-8', errors or 'strict'), len(part))

def ascii_encode(str, errors=None):
    return (_n_encode(str, 'ascii', errors or 'strict'), len(str))

def ascii_decode(data, errors=None):
    data = bytes(data)
    return (_n_decode(data, 'ascii', errors or 'strict'), len(data))

def latin_1_encode(str, errors=None):
    return (_n_encode(str, 'latin-1', errors or 'strict'), len(str))

def latin_1_decode(data, errors=None):
    data = bytes(data)
    return (_n_decode(data, 'latin-1', errors or 'strict'), len(data))

def charmap_build(map):
    return {ord(c): i for i, c in enumerate(map)}

def charmap_encode(str, errors=None, mapping=None):
    if mapping is None:
        return latin_1_encode(str, errors)
    out = bytearray()
    for c in str:
        v = mapping.get(ord(c))
        if v is None:
            raise UnicodeEncodeError('charmap', str, 0, len(str), 'character maps to <undefined>')
        out.append(v if isinstance(v, int) else v[0])
    return (bytes(out), len(str))

def charmap_decode(data, errors=None, mapping=None):
    data = bytes(data)
    if mapping is None:
        return latin_1_decode(data, errors)
    out = []
    for i, b in enumerate(data):
        c = mapping[b] if isinstance(mapping, str) and b < len(mapping) else (mapping.get(b) if not isinstance(mapping, str) else None)
        if c is None or c == '\ufffe':
            if errors == 'ignore':
                continue
            if errors == 'replace':
                out.append('\ufffd')
                continue
            raise UnicodeDecodeError('charmap', data, i, i + 1, 'character maps to <undefined>')
        out.append(c if isinstance(c, str) else chr(c))
    return (''.join(out), len(data))

def _escape_char(c, quotes):
    o = ord(c)
    if c == '\\':
        return '\\\\'
    if c == '\t':
        return '\\t'
    if c == '\n':
        return '\\n'
    if c == '\r':
        return '\\r'
    if 32 <= o < 127:
        return c
    if o < 256:
        return '\\x%02x' % o
    if o < 65536:
        return '\\u%04x' % o
    return '\\U%08x' % o

def unicode_escape_encode(str, errors=None):
    return (''.join(_escape_char(c, False) for c in str).encode('latin-1'), len(str))

def unicode_escape_decode(data, errors=None, final=True):
    if isinstance(data, str):
        data = data.encode('latin-1', 'backslashreplace')
    data = bytes(data)
    import ast
    text = data.decode('latin-1')
    try:
        return (ast.literal_eval('"""' + text.replace('"', '\\"') + ' """')[:-1], len(data))
    except SyntaxError as e:
        raise UnicodeDecodeError('unicodeescape', data, 0, len(data), str(e)) from None

def raw_unicode_escape_encode(str, errors=None):
    out = []
    for c in str:
        o = ord(c)
        out.append(c if o < 256 else '\\u%04x' % o if o < 65536 else '\\U%08x' % o)
    return (''.join(out).encode('latin-1'), len(str))

def raw_unicode_escape_decode(data, errors=None, final=True):
    data = bytes(data)
    text = data.decode('latin-1')
    out = []
    i = 0
    while i < len(text):
        if text[i] == '\\' and i + 1 < len(text) and text[i + 1] in 'uU':
            n = 4 if text[i + 1] == 'u' else 8
            out.append(chr(int(text[i + 2:i + 2 + n], 16)))
            i += 2 + n
        else:
            out.append(text[i])
            i += 1
    return (''.join(out), len(data))

def escape_encode(data, errors=None):
    r = repr(bytes(data))[2:-1]
    return (r.encode('latin-1'), len(data))

def escape_decode(data, errors=None):
    if isinstance(data, str):
        data = data.encode('latin-1')
    import ast
    return (ast.literal_eval("b'''" + data.decode('latin-1') + " '''")[:-1], len(data))

def _utf16_32(name):
    def enc(str, errors=None, byteorder=0):
        raise LookupError('TSPython: the %s codec is not available yet' % name)
    return enc
utf_16_encode = utf_16_le_encode = utf_16_be_encode = _utf16_32('utf-16')
utf_32_encode = utf_32_le_encode = utf_32_be_encode = _utf16_32('utf-32')
utf_16_decode = utf_16_le_decode = utf_16_be_decode = utf_16_ex_decode = _utf16_32('utf-16')
utf_32_decode = utf_32_le_decode = utf_32_be_decode = utf_32_ex_decode = _utf16_32('utf-32')
utf_7_encode = utf_7_decode = _utf16_32('utf-7')

def readbuffer_encode(data, errors=None):
    data = bytes(data) if not isinstance(data, str) else data.encode('utf-8')
    return (data, len(data))

# The module's functions become builtin functions, as CPython's: they do not bind as
# methods (codecs.IncrementalDecoder stores utf_8_decode as a class attribute) and they
# pickle by name (pickle writes bytes as codecs.encode(...) for protocols 0-2).
def _as_builtins():
    g = globals()
    for name, value in list(g.items()):
        if not name.startswith('__') and type(value) is type(_as_builtins) and name not in ('_normalize', '_incomplete_utf8_tail', '_escape_char', '_utf16_32', '_as_builtins'):
            g[name] = _as_builtin(name, value)
_as_builtins()
del _as_builtins, _as_builtin
`;

export function makeCodecsModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_codecs", SOURCE, (m) => {
    m.dict.setStr("_n_encode", new PyBuiltinFunction("_n_encode", (a) => {
      if (typeof a[0] !== "string") throw typeError(`utf_8_encode() argument 1 must be str, not ${String(a[0])}`);
      return new PyBytes(encodeString(a[0], String(a[1]), String(a[2])));
    }));
    m.dict.setStr("_n_decode", new PyBuiltinFunction("_n_decode", (a) => decodeBytes((a[0] as PyBytes).bytes, String(a[1]), String(a[2]))));
    m.dict.setStr("_as_builtin", new PyBuiltinFunction("_as_builtin", (a) => {
      const [name, fn] = a;
      return new PyBuiltinFunction(String(name), (args, kw) => runtimeHooks.call(fn, args, kw), null, String(name), "_codecs");
    }));
  });
}
