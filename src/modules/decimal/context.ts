// _decimal, part 1: constants, signals, the condition bits, Context and the signal dicts.
// Python source (see ../_decimal.ts for how the parts are joined and why it is Python).
export const CONTEXT_SOURCE = String.raw`"""Decimal fixed-point and floating-point arithmetic (TSPython: the C _decimal module's
interface, written in Python on Python ints: a Decimal is sign, coefficient, exponent)."""
import sys as _sys
import contextvars as _contextvars
from collections import namedtuple as _namedtuple

__version__ = '1.70'
__libmpdec_version__ = '2.5.1'

MAX_PREC = 999999999999999999
MAX_EMAX = 999999999999999999
MIN_EMIN = -999999999999999999
MIN_ETINY = MIN_EMIN - (MAX_PREC - 1)
HAVE_THREADS = True
HAVE_CONTEXTVAR = True

ROUND_UP = 'ROUND_UP'
ROUND_DOWN = 'ROUND_DOWN'
ROUND_CEILING = 'ROUND_CEILING'
ROUND_FLOOR = 'ROUND_FLOOR'
ROUND_HALF_UP = 'ROUND_HALF_UP'
ROUND_HALF_DOWN = 'ROUND_HALF_DOWN'
ROUND_HALF_EVEN = 'ROUND_HALF_EVEN'
ROUND_05UP = 'ROUND_05UP'
_ROUNDINGS = (ROUND_UP, ROUND_DOWN, ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP,
              ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_05UP)

DecimalTuple = _namedtuple('DecimalTuple', 'sign digits exponent', module='decimal')

class DecimalException(ArithmeticError):
    __module__ = 'decimal'
class Clamped(DecimalException):
    __module__ = 'decimal'
class InvalidOperation(DecimalException):
    __module__ = 'decimal'
class ConversionSyntax(InvalidOperation):
    __module__ = 'decimal'
class DivisionByZero(DecimalException, ZeroDivisionError):
    __module__ = 'decimal'
class DivisionImpossible(InvalidOperation):
    __module__ = 'decimal'
class DivisionUndefined(InvalidOperation, ZeroDivisionError):
    __module__ = 'decimal'
class Inexact(DecimalException):
    __module__ = 'decimal'
class InvalidContext(InvalidOperation):
    __module__ = 'decimal'
class Rounded(DecimalException):
    __module__ = 'decimal'
class Subnormal(DecimalException):
    __module__ = 'decimal'
class Overflow(Inexact, Rounded):
    __module__ = 'decimal'
class Underflow(Inexact, Rounded, Subnormal):
    __module__ = 'decimal'
class FloatOperation(DecimalException, TypeError):
    __module__ = 'decimal'

# Condition bits (libmpdec's status word, in our own order). The five kinds of invalid
# operation share the InvalidOperation flag and trap.
_C_INVALID = 1
_C_CONVERSION = 2
_C_DIV_IMPOSSIBLE = 4
_C_DIV_UNDEFINED = 8
_C_INVALID_CONTEXT = 16
_C_FLOAT = 32
_C_DIV_ZERO = 64
_C_OVERFLOW = 128
_C_UNDERFLOW = 256
_C_SUBNORMAL = 512
_C_INEXACT = 1024
_C_ROUNDED = 2048
_C_CLAMPED = 4096
_C_ALL_INVALID = 31

# The signals in the order the C module lists them, with their bit masks.
_SIGNALS = (InvalidOperation, FloatOperation, DivisionByZero, Overflow, Underflow,
            Subnormal, Inexact, Rounded, Clamped)
_SIGNAL_MASK = {InvalidOperation: _C_ALL_INVALID, FloatOperation: _C_FLOAT,
                DivisionByZero: _C_DIV_ZERO, Overflow: _C_OVERFLOW, Underflow: _C_UNDERFLOW,
                Subnormal: _C_SUBNORMAL, Inexact: _C_INEXACT, Rounded: _C_ROUNDED,
                Clamped: _C_CLAMPED}
# The conditions as the list a trap raises with (invalid-operation kinds first).
_CONDITIONS = ((_C_INVALID, InvalidOperation), (_C_CONVERSION, ConversionSyntax),
               (_C_DIV_IMPOSSIBLE, DivisionImpossible), (_C_DIV_UNDEFINED, DivisionUndefined),
               (_C_INVALID_CONTEXT, InvalidContext), (_C_FLOAT, FloatOperation),
               (_C_DIV_ZERO, DivisionByZero), (_C_OVERFLOW, Overflow), (_C_UNDERFLOW, Underflow),
               (_C_SUBNORMAL, Subnormal), (_C_INEXACT, Inexact), (_C_ROUNDED, Rounded),
               (_C_CLAMPED, Clamped))

_INVALID_SIGNALS_ERR = ('valid values for signals are:\n'
                        '  [InvalidOperation, FloatOperation, DivisionByZero,\n'
                        '   Overflow, Underflow, Subnormal, Inexact, Rounded,\n'
                        '   Clamped]')
_INVALID_ROUNDING_ERR = ('valid values for rounding are:\n'
                         '  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n'
                         '   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n'
                         '   ROUND_05UP]')

def _signal_mask(sig):
    try:
        return _SIGNAL_MASK[sig]
    except (KeyError, TypeError):
        raise KeyError(_INVALID_SIGNALS_ERR) from None

def _mask_from_list(items):
    mask = 0
    for sig in items:
        mask |= _signal_mask(sig)
    return mask

def _mask_from_dict(d):
    if isinstance(d, _SignalDict):
        return d._get()
    if not isinstance(d, dict):
        raise TypeError('argument must be a signal dict')
    if len(d) != len(_SIGNALS):
        raise KeyError('invalid signal dict')
    mask = 0
    for sig, value in d.items():
        m = _signal_mask(sig)
        if value:
            mask |= m
    return mask

# The order of Context.__repr__'s lists (libmpdec's status bits, the invalid kinds as one).
_REPR_ORDER = (Clamped, InvalidOperation, DivisionByZero, Inexact, FloatOperation, Overflow,
               Rounded, Subnormal, Underflow)

def _mask_to_names(mask):
    return [s.__name__ for s in _REPR_ORDER if mask & _SIGNAL_MASK[s]]


class _SignalDict:
    """A live view of a context's flags or traps as {signal: bool} (C: SignalDictMixin)."""
    __slots__ = ('_ctx', '_traps')
    def __init__(self, ctx=None, traps=False):
        self._ctx = ctx
        self._traps = traps
    def _get(self):
        if self._ctx is None:  # made directly, not by a context (C: an invalid signal dict)
            raise ValueError('invalid signal dict')
        return self._ctx._traps if self._traps else self._ctx._flags
    def _set(self, mask):
        if self._traps:
            self._ctx._traps = mask
        else:
            self._ctx._flags = mask
    def __getitem__(self, sig):
        mask = self._get()
        return bool(mask & _signal_mask(sig))
    def __setitem__(self, sig, value):
        self._get()
        m = _signal_mask(sig)
        if value:
            self._set(self._get() | m)
        else:
            self._set(self._get() & ~m)
    def __delitem__(self, sig):
        raise ValueError('signal keys cannot be deleted')
    def __len__(self):
        self._get()
        return len(_SIGNALS)
    def __iter__(self):
        self._get()
        return iter(_SIGNALS)
    def __contains__(self, sig):
        return sig in _SIGNAL_MASK
    def keys(self):
        return list(_SIGNALS)
    def values(self):
        mask = self._get()
        return [bool(mask & _SIGNAL_MASK[s]) for s in _SIGNALS]
    def items(self):
        mask = self._get()
        return [(s, bool(mask & _SIGNAL_MASK[s])) for s in _SIGNALS]
    def get(self, sig, default=None):
        if sig in _SIGNAL_MASK:
            return self[sig]
        return default
    def copy(self):
        return dict(self.items())
    def __eq__(self, other):
        if isinstance(other, _SignalDict):
            return self._get() == other._get()
        if isinstance(other, dict):
            return dict(self.items()) == other
        return NotImplemented
    __hash__ = None
    def __repr__(self):
        mask = self._get()
        return '{' + ', '.join('%r:%s' % (s, bool(mask & _SIGNAL_MASK[s])) for s in _SIGNALS) + '}'
    def update(self, other=(), **kw):
        items = other.items() if hasattr(other, 'items') else other
        for k, v in items:
            self[k] = v
    def setdefault(self, sig, default=None):
        return self[sig]
    def pop(self, *a):
        raise ValueError('signal keys cannot be deleted')
    popitem = clear = pop

_SignalDict.__name__ = _SignalDict.__qualname__ = 'SignalDictMixin'
_SignalDict.__module__ = 'decimal'


def _check_int(v):
    if not isinstance(v, int):
        raise TypeError('an integer is required')
    if not -9223372036854775808 <= v <= 9223372036854775807:
        raise OverflowError('Python int too large to convert to C ssize_t')
    return v

def _valid_prec(v):
    if not 1 <= _check_int(v) <= MAX_PREC:
        raise ValueError('valid range for prec is [1, MAX_PREC]')
    return int(v)

def _valid_emin(v):
    if not MIN_EMIN <= _check_int(v) <= 0:
        raise ValueError('valid range for Emin is [MIN_EMIN, 0]')
    return int(v)

def _valid_emax(v):
    if not 0 <= _check_int(v) <= MAX_EMAX:
        raise ValueError('valid range for Emax is [0, MAX_EMAX]')
    return int(v)

def _valid_rounding(v):
    if not isinstance(v, str) or v not in _ROUNDINGS:
        raise TypeError(_INVALID_ROUNDING_ERR)
    return _ROUNDINGS[_ROUNDINGS.index(v)]

def _valid_01(v, name):
    if _check_int(v) not in (0, 1):
        raise ValueError('valid values for %s are 0 or 1' % name)
    return int(v)


class Context:
    """The arithmetic context: precision, rounding, exponent limits, flags and traps."""
    __slots__ = ('_prec', '_rounding', '_emin', '_emax', '_capitals', '_clamp_on', '_flags', '_traps')

    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        tmpl = _default_template
        if tmpl is None:
            self._prec, self._rounding, self._emin, self._emax = 28, ROUND_HALF_EVEN, -999999, 999999
            self._capitals, self._clamp_on, self._flags = 1, 0, 0
            self._traps = _C_ALL_INVALID | _C_DIV_ZERO | _C_OVERFLOW
        else:
            self._prec, self._rounding = tmpl._prec, tmpl._rounding
            self._emin, self._emax = tmpl._emin, tmpl._emax
            self._capitals, self._clamp_on = tmpl._capitals, tmpl._clamp_on
            self._flags, self._traps = tmpl._flags, tmpl._traps
        return self

    def __init__(self, prec=None, rounding=None, Emin=None, Emax=None, capitals=None,
                 clamp=None, flags=None, traps=None):
        if prec is not None: self.prec = prec
        if rounding is not None: self.rounding = rounding
        if Emin is not None: self.Emin = Emin
        if Emax is not None: self.Emax = Emax
        if capitals is not None: self.capitals = capitals
        if clamp is not None: self.clamp = clamp
        if traps is not None:
            self._traps = _mask_from_list(traps) if isinstance(traps, list) else _mask_from_dict(traps)
        if flags is not None:
            self._flags = _mask_from_list(flags) if isinstance(flags, list) else _mask_from_dict(flags)

    prec = property(lambda self: self._prec, lambda self, v: setattr(self, '_prec', _valid_prec(v)))
    rounding = property(lambda self: self._rounding, lambda self, v: setattr(self, '_rounding', _valid_rounding(v)))
    Emin = property(lambda self: self._emin, lambda self, v: setattr(self, '_emin', _valid_emin(v)))
    Emax = property(lambda self: self._emax, lambda self, v: setattr(self, '_emax', _valid_emax(v)))
    capitals = property(lambda self: self._capitals, lambda self, v: setattr(self, '_capitals', _valid_01(v, 'capitals')))
    clamp = property(lambda self: self._clamp_on, lambda self, v: setattr(self, '_clamp_on', _valid_01(v, 'clamp')))

    @property
    def flags(self):
        return _SignalDict(self, False)
    @flags.setter
    def flags(self, value):
        self._flags = _mask_from_dict(value)
    @property
    def traps(self):
        return _SignalDict(self, True)
    @traps.setter
    def traps(self, value):
        self._traps = _mask_from_dict(value)

    def __setattr__(self, name, value):
        if type(self) is Context and name not in _CONTEXT_ATTRS:
            raise AttributeError("'decimal.Context' object has no attribute '%s'" % name)
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        if name in _CONTEXT_ATTRS:
            raise AttributeError('context attributes cannot be deleted')
        object.__delattr__(self, name)

    def Etiny(self):
        return self._emin - self._prec + 1
    def Etop(self):
        return self._emax - self._prec + 1
    def radix(self):
        return Decimal(10)
    def clear_flags(self):
        self._flags = 0
    def clear_traps(self):
        self._traps = 0
    def copy(self):
        c = object.__new__(Context)
        c._prec, c._rounding, c._emin, c._emax = self._prec, self._rounding, self._emin, self._emax
        c._capitals, c._clamp_on, c._flags, c._traps = self._capitals, self._clamp_on, self._flags, self._traps
        return c
    __copy__ = copy
    def __reduce__(self):
        return (type(self), (self._prec, self._rounding, self._emin, self._emax, self._capitals,
                             self._clamp_on, [s for s in _SIGNALS if self._flags & _SIGNAL_MASK[s]],
                             [s for s in _SIGNALS if self._traps & _SIGNAL_MASK[s]]))
    def __repr__(self):
        return ('Context(prec=%d, rounding=%s, Emin=%d, Emax=%d, capitals=%d, clamp=%d, '
                'flags=[%s], traps=[%s])' % (
                    self._prec, self._rounding, self._emin, self._emax, self._capitals, self._clamp_on,
                    ', '.join(_mask_to_names(self._flags)), ', '.join(_mask_to_names(self._traps))))

    def _add_status(self, status):
        """Records condition bits; raises the first trapped signal (C: dec_addstatus)."""
        self._flags |= status
        trapped = status & self._traps
        if trapped:
            for sig in _SIGNALS:
                if trapped & _SIGNAL_MASK[sig]:
                    break
            raise sig([cls for bit, cls in _CONDITIONS if trapped & bit])

    def create_decimal(self, num='0'):
        if isinstance(num, str):
            return _from_string(num, self, True)
        if isinstance(num, float):
            self._add_status(_C_FLOAT)
            d = _from_float(num)
        elif isinstance(num, (list, tuple)):
            d = _from_tuple(num)
        else:
            d = _from_exact(num)
        if d._kind >= _NAN and d._coef and _ndigits(d._coef) > self._prec - self._clamp_on:
            self._add_status(_C_CONVERSION)
            return _dec(0, 0, 0, _NAN)
        return d._finalized(self)

    def _apply(self, a):
        return self._arg(a)._finalized(self)
    def create_decimal_from_float(self, f):
        if isinstance(f, float):
            return _from_float(f)._finalized(self)
        if isinstance(f, int):
            return _dec(0 if f >= 0 else 1, abs(f), 0)._finalized(self)
        raise TypeError('argument must be int or float')

    def _arg(self, x):
        if isinstance(x, Decimal):
            return x
        if isinstance(x, int):
            return _dec(0 if x >= 0 else 1, abs(x), 0)
        raise TypeError('conversion from %s to Decimal is not supported' % type(x).__name__)

    # The arithmetic, as the Decimal methods of the same names with this context.
    def abs(self, a): return self._arg(a).__abs__(context=self)
    def add(self, a, b): return self._arg(a)._add(self._arg(b), self)
    def subtract(self, a, b): return self._arg(a)._sub(self._arg(b), self)
    def multiply(self, a, b): return self._arg(a)._mul(self._arg(b), self)
    def divide(self, a, b): return self._arg(a)._div(self._arg(b), self)
    def divide_int(self, a, b): return self._arg(a)._divint(self._arg(b), self)
    def remainder(self, a, b): return self._arg(a)._rem(self._arg(b), self)
    def divmod(self, a, b): return self._arg(a)._divmod(self._arg(b), self)
    def power(self, a, b, modulo=None):
        a = self._arg(a)
        b = self._arg(b)
        if modulo is None:
            return a._pow(b, self)
        return a._powmod(b, self._arg(modulo), self)
    def plus(self, a): return self._arg(a).__pos__(context=self)
    def minus(self, a): return self._arg(a).__neg__(context=self)
    def canonical(self, a):
        if not isinstance(a, Decimal):
            raise TypeError('argument must be a Decimal')
        return a
    def compare(self, a, b): return self._arg(a).compare(b, self)
    def compare_signal(self, a, b): return self._arg(a).compare_signal(b, self)
    def compare_total(self, a, b): return self._arg(a).compare_total(b)
    def compare_total_mag(self, a, b): return self._arg(a).compare_total_mag(b)
    def copy_abs(self, a): return self._arg(a).copy_abs()
    def copy_decimal(self, a): return self._arg(a)
    def copy_negate(self, a): return self._arg(a).copy_negate()
    def copy_sign(self, a, b): return self._arg(a).copy_sign(b)
    def exp(self, a): return self._arg(a).exp(self)
    def fma(self, a, b, c): return self._arg(a).fma(b, c, self)
    def is_canonical(self, a):
        if not isinstance(a, Decimal):
            raise TypeError('argument must be a Decimal')
        return True
    def is_finite(self, a): return self._arg(a).is_finite()
    def is_infinite(self, a): return self._arg(a).is_infinite()
    def is_nan(self, a): return self._arg(a).is_nan()
    def is_normal(self, a): return self._arg(a).is_normal(self)
    def is_qnan(self, a): return self._arg(a).is_qnan()
    def is_signed(self, a): return self._arg(a).is_signed()
    def is_snan(self, a): return self._arg(a).is_snan()
    def is_subnormal(self, a): return self._arg(a).is_subnormal(self)
    def is_zero(self, a): return self._arg(a).is_zero()
    def ln(self, a): return self._arg(a).ln(self)
    def log10(self, a): return self._arg(a).log10(self)
    def logb(self, a): return self._arg(a).logb(self)
    def logical_and(self, a, b): return self._arg(a).logical_and(b, self)
    def logical_invert(self, a): return self._arg(a).logical_invert(self)
    def logical_or(self, a, b): return self._arg(a).logical_or(b, self)
    def logical_xor(self, a, b): return self._arg(a).logical_xor(b, self)
    def max(self, a, b): return self._arg(a).max(b, self)
    def max_mag(self, a, b): return self._arg(a).max_mag(b, self)
    def min(self, a, b): return self._arg(a).min(b, self)
    def min_mag(self, a, b): return self._arg(a).min_mag(b, self)
    def next_minus(self, a): return self._arg(a).next_minus(self)
    def next_plus(self, a): return self._arg(a).next_plus(self)
    def next_toward(self, a, b): return self._arg(a).next_toward(b, self)
    def normalize(self, a): return self._arg(a).normalize(self)
    def number_class(self, a): return self._arg(a).number_class(self)
    def quantize(self, a, b): return self._arg(a).quantize(b, context=self)
    def remainder_near(self, a, b): return self._arg(a).remainder_near(b, self)
    def rotate(self, a, b): return self._arg(a).rotate(b, self)
    def same_quantum(self, a, b): return self._arg(a).same_quantum(b)
    def scaleb(self, a, b): return self._arg(a).scaleb(b, self)
    def shift(self, a, b): return self._arg(a).shift(b, self)
    def sqrt(self, a): return self._arg(a).sqrt(self)
    def to_eng_string(self, a): return self._arg(a).to_eng_string(self)
    def to_sci_string(self, a): return self._arg(a)._to_str(False, self._capitals)
    def to_integral(self, a): return self._arg(a).to_integral_value(context=self)
    def to_integral_value(self, a): return self._arg(a).to_integral_value(context=self)
    def to_integral_exact(self, a): return self._arg(a).to_integral_exact(context=self)

Context.__module__ = 'decimal'
_CONTEXT_ATTRS = frozenset(('prec', 'rounding', 'Emin', 'Emax', 'capitals', 'clamp', 'flags', 'traps',
                            '_prec', '_rounding', '_emin', '_emax', '_capitals', '_clamp_on', '_flags', '_traps'))

_default_template = None
DefaultContext = Context()
_default_template = DefaultContext
BasicContext = Context(prec=9, rounding=ROUND_HALF_UP, flags=[],
                       traps=[Clamped, InvalidOperation, DivisionByZero, Overflow, Underflow])
ExtendedContext = Context(prec=9, rounding=ROUND_HALF_EVEN, flags=[], traps=[])
_TEMPLATES = (DefaultContext, BasicContext, ExtendedContext)

_current_context = _contextvars.ContextVar('decimal_context')

def getcontext():
    try:
        return _current_context.get()
    except LookupError:
        ctx = DefaultContext.copy()
        ctx._flags = 0
        _current_context.set(ctx)
        return ctx

def setcontext(context):
    if not isinstance(context, Context):
        raise TypeError('argument must be a context')
    if context in _TEMPLATES:
        context = context.copy()
        context._flags = 0
    _current_context.set(context)

def _context_arg(context):
    """The context of an optional 'context' argument (C: CONTEXT_CHECK_VA)."""
    if context is None:
        return getcontext()
    if not isinstance(context, Context):
        raise TypeError('optional argument must be a context')
    return context

_LOCAL_KEYS = ('prec', 'rounding', 'Emin', 'Emax', 'capitals', 'clamp', 'flags', 'traps')

class _ContextManager:
    __slots__ = ('new_context', 'saved_context')
    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create 'decimal.ContextManager' instances")
    def __enter__(self):
        self.saved_context = getcontext()
        setcontext(self.new_context)
        return self.new_context
    def __exit__(self, *args):
        setcontext(self.saved_context)

_ContextManager.__name__ = _ContextManager.__qualname__ = 'ContextManager'
_ContextManager.__module__ = 'decimal'

def localcontext(ctx=None, **kwargs):
    if ctx is None:
        ctx = getcontext()
    elif not isinstance(ctx, Context):
        raise TypeError('optional argument must be a context')
    new = ctx.copy()
    for k, v in kwargs.items():
        if k not in _LOCAL_KEYS:
            raise TypeError("this function got an unexpected keyword argument '%s'" % k)
        if k == 'flags':
            new._flags = _mask_from_list(v) if isinstance(v, list) else _mask_from_dict(v)
        elif k == 'traps':
            new._traps = _mask_from_list(v) if isinstance(v, list) else _mask_from_dict(v)
        else:
            setattr(new, k, v)
    cm = object.__new__(_ContextManager)
    cm.new_context = new
    return cm
`;
