// _decimal, part 2: the Decimal number's representation, conversion, rounding to a
// context (`_fix`), strings, comparison, hashing and the four operations. Python source.
export const NUMBER_HELPERS_SOURCE = String.raw`
import numbers as _numbers

# The kind of a Decimal: finite, infinity, quiet NaN, signaling NaN.
_FINITE = 0
_INF = 1
_NAN = 2
_SNAN = 3

_POW10_CACHE = [10 ** i for i in range(64)]
# Coefficients beyond this many digits are refused as libmpdec refuses an allocation
# (a context with an enormous precision would otherwise compute for ever).
_MAX_WORK_DIGITS = 20000000

def _pow10(n):
    if n < 64:
        return _POW10_CACHE[n]
    if n > _MAX_WORK_DIGITS:
        raise MemoryError
    return 10 ** n

def _ndigits(c):
    """Number of decimal digits of the coefficient c (1 for 0)."""
    if c < _STR_SAFE:
        return len(str(c))
    n = int(c.bit_length() * 0.30102999566398120) + 1
    if c < _pow10(n - 1):
        n -= 1
    return n

# int <-> str for coefficients of any size (str() and int() refuse more than 4300 digits).
_STR_CHUNK = 4000
_STR_SAFE = 10 ** _STR_CHUNK

def _coef_str(c):
    if c < _STR_SAFE:
        return str(c)
    k = _ndigits(c) // 2
    hi, lo = divmod(c, _pow10(k))
    return _coef_str(hi) + _coef_str(lo).rjust(k, '0')

def _digits_to_int(s):
    if len(s) <= _STR_CHUNK:
        return int(s)
    k = len(s) // 2
    return _digits_to_int(s[:-k]) * _pow10(k) + _digits_to_int(s[-k:])

def _dec(sign, coef, exp, kind=0):
    d = object.__new__(Decimal)
    d._sign = sign
    d._coef = coef
    d._exp = exp
    d._kind = kind
    return d

def _from_int(v):
    if v < 0:
        return _dec(1, -v, 0)
    return _dec(0, int(v), 0)

def _from_float(f):
    if f != f:
        return _dec(0, 0, 0, _NAN)
    sign = 1 if _copysign_neg(f) else 0
    if f in (float('inf'), float('-inf')):
        return _dec(sign, 0, 0, _INF)
    n, d = float.as_integer_ratio(float.__abs__(f))
    k = d.bit_length() - 1
    # n / 2**k == n * 5**k / 10**k
    return _dec(sign, n * 5 ** k, -k)

def _copysign_neg(f):
    import math
    return math.copysign(1.0, f) < 0

def _from_exact(v):
    """A Decimal from an int or Decimal (the only exact conversions of the arithmetic)."""
    if isinstance(v, Decimal):
        return v
    if isinstance(v, int):
        return _from_int(v)
    raise TypeError('conversion from %s to Decimal is not supported' % type(v).__name__)

def _ascii_numeric(s, lenient):
    """The string as ASCII (other decimal digits mapped to 0-9), None when invalid.
    lenient: strip surrounding whitespace and drop underscores (the constructor's rules)."""
    if lenient:
        s = s.strip()
        if '_' in s:
            s = s.replace('_', '')
    if s.isascii():
        return s
    out = []
    for ch in s:
        if ch.isascii():
            out.append(ch)
        elif ch.isdecimal():
            out.append(str(int(ch)))
        else:
            return None
    return ''.join(out)

def _parse_decimal(s):
    """(sign, coef, exp, kind) of a decimal string, or None if it is not one."""
    n = len(s)
    i = 0
    sign = 0
    if i < n and s[i] in '+-':
        sign = 1 if s[i] == '-' else 0
        i += 1
    rest = s[i:].lower()
    if rest in ('inf', 'infinity'):
        return (sign, 0, 0, _INF)
    if rest.startswith('nan') or rest.startswith('snan'):
        kind = _NAN if rest[0] == 'n' else _SNAN
        payload = rest[3:] if kind == _NAN else rest[4:]
        if payload and not (payload.isdigit() and payload.isascii()):
            return None
        return (sign, _digits_to_int(payload) if payload else 0, 0, kind)
    intpart = ''
    frac = ''
    j = i
    while j < n and '0' <= s[j] <= '9':
        j += 1
    intpart = s[i:j]
    if j < n and s[j] == '.':
        k = j + 1
        while k < n and '0' <= s[k] <= '9':
            k += 1
        frac = s[j + 1:k]
        j = k
    if not intpart and not frac:
        return None
    exp = 0
    if j < n:
        if s[j] not in 'eE':
            return None
        j += 1
        k = j
        if k < n and s[k] in '+-':
            k += 1
        digits = s[k:]
        if not digits or not (digits.isdigit() and digits.isascii()):
            return None
        exp = _digits_to_int(digits)
        if s[j] == '-':
            exp = -exp
    return (sign, _digits_to_int(intpart + frac), exp - len(frac), _FINITE)

def _from_string(s, ctx, rounded):
    """Decimal(str) (exact) or Context.create_decimal(str) (rounded to ctx)."""
    a = _ascii_numeric(s, not rounded)
    r = None if a is None else _parse_decimal(a)
    if r is None:
        ctx._add_status(_C_CONVERSION)
        return _dec(0, 0, 0, _NAN)
    sign, coef, exp, kind = r
    d = _dec(sign, coef, exp, kind)
    if rounded:
        if kind >= _NAN and coef and _ndigits(coef) > ctx._prec - ctx._clamp_on:
            ctx._add_status(_C_CONVERSION)
            return _dec(0, 0, 0, _NAN)
        return d._finalized(ctx)
    return d

def _exact_in_range(d):
    """Whether finite d is representable without rounding or clamping in the widest
    context (the constructor's exact conversion signals InvalidOperation otherwise)."""
    if d._kind != _FINITE:
        return True
    if d._coef == 0:
        return MIN_ETINY <= d._exp <= MAX_EMAX
    return d._exp >= MIN_ETINY and d._exp + _ndigits(d._coef) - 1 <= MAX_EMAX

def _from_tuple(t):
    if not isinstance(t, (tuple, list)):
        raise ValueError('argument must be a tuple or list')
    if len(t) != 3:
        raise ValueError('argument must be a sequence of length 3')
    sign, digits, exp = t
    if not isinstance(sign, int) or sign not in (0, 1):
        raise ValueError('sign must be an integer with the value 0 or 1')
    kind = _FINITE
    if isinstance(exp, str):
        if exp == 'F':
            kind = _INF
        elif exp == 'n':
            kind = _NAN
        elif exp == 'N':
            kind = _SNAN
        else:
            raise ValueError("string argument in the third position must be 'F', 'n' or 'N'")
    elif not isinstance(exp, int):
        raise ValueError('exponent must be an integer')
    elif not -9223372036854775808 <= exp <= 9223372036854775807:
        raise OverflowError('Python int too large to convert to C ssize_t')
    if not isinstance(digits, (tuple, list)):
        raise ValueError('coefficient must be a tuple of digits')
    coef = 0
    for dg in digits:
        if not isinstance(dg, int) or not 0 <= dg <= 9:
            raise ValueError('coefficient must be a tuple of digits')
        coef = coef * 10 + dg
    if kind == _INF:
        return _dec(int(sign), 0, 0, _INF)
    if kind != _FINITE:
        return _dec(int(sign), coef, 0, kind)
    return _dec(int(sign), coef, int(exp))

def _rounds_away(q, cmp, sign, rounding):
    """Whether rounding increments the kept coefficient q, given a nonzero discarded part
    that compares cmp (-1, 0, 1) with half a unit of q's last digit."""
    if rounding == ROUND_HALF_EVEN:
        return cmp > 0 or (cmp == 0 and q & 1 == 1)
    if rounding == ROUND_HALF_UP:
        return cmp >= 0
    if rounding == ROUND_HALF_DOWN:
        return cmp > 0
    if rounding == ROUND_DOWN:
        return False
    if rounding == ROUND_UP:
        return True
    if rounding == ROUND_CEILING:
        return sign == 0
    if rounding == ROUND_FLOOR:
        return sign == 1
    return q % 5 == 0  # ROUND_05UP

def _round_coef(coef, shift, sign, rounding):
    """Drops the last shift digits of coef with rounding: (new coefficient, inexact)."""
    if coef == 0:
        return 0, False
    if shift > _ndigits(coef):
        q = 0
        cmp = -1
    else:
        p = _pow10(shift)
        q, r = divmod(coef, p)
        if r == 0:
            return q, False
        r2 = 2 * r
        cmp = 1 if r2 > p else (0 if r2 == p else -1)
    if _rounds_away(q, cmp, sign, rounding):
        q += 1
    return q, True

def _overflow_result(sign, ctx, rounding):
    if (rounding in (ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_UP)
            or (rounding == ROUND_CEILING and sign == 0) or (rounding == ROUND_FLOOR and sign == 1)):
        return _dec(sign, 0, 0, _INF)
    return _dec(sign, _pow10(ctx._prec) - 1, ctx._emax - ctx._prec + 1)

def _fix(sign, coef, exp, ctx, rounding=None):
    """The exact finite value sign/coef/exp rounded to ctx: (Decimal, condition bits).
    Exponent range first (overflow, subnormal, clamp), then precision (libmpdec's finalize)."""
    if rounding is None:
        rounding = ctx._rounding
    prec = ctx._prec
    emax = ctx._emax
    emin = ctx._emin
    if coef == 0:
        etiny = emin - prec + 1
        top = emax - prec + 1 if ctx._clamp_on else emax
        if exp > top:
            return _dec(sign, 0, top), _C_CLAMPED
        if exp < etiny:
            return _dec(sign, 0, etiny), _C_CLAMPED
        return _dec(sign, 0, exp), 0
    nd = _ndigits(coef)
    adj = exp + nd - 1
    if adj > emax:
        return _overflow_result(sign, ctx, rounding), _C_OVERFLOW | _C_INEXACT | _C_ROUNDED
    if ctx._clamp_on and exp > emax - prec + 1:
        # Fold-down (IEEE clamp): the coefficient is padded so the exponent fits.
        shift = exp - (emax - prec + 1)
        status = _C_CLAMPED | (_C_SUBNORMAL if adj < emin else 0)
        return _dec(sign, coef * _pow10(shift), exp - shift), status
    if adj < emin:
        status = _C_SUBNORMAL
        etiny = emin - prec + 1
        if exp < etiny:
            coef, inexact = _round_coef(coef, etiny - exp, sign, rounding)
            exp = etiny
            status |= _C_ROUNDED
            if inexact:
                status |= _C_INEXACT | _C_UNDERFLOW
                if coef == 0:
                    status |= _C_CLAMPED
        return _dec(sign, coef, exp), status
    if nd > prec:
        shift = nd - prec
        coef, inexact = _round_coef(coef, shift, sign, rounding)
        exp += shift
        status = _C_ROUNDED
        if inexact:
            status |= _C_INEXACT
        if coef == _pow10(prec):
            coef //= 10
            exp += 1
        if exp + prec - 1 > emax:
            return _overflow_result(sign, ctx, rounding), status | _C_OVERFLOW | _C_INEXACT | _C_ROUNDED
        return _dec(sign, coef, exp), status
    return _dec(sign, coef, exp), 0

def _fixed(sign, coef, exp, ctx, status=0, rounding=None):
    """_fix and record the conditions in ctx (may raise)."""
    d, st = _fix(sign, coef, exp, ctx, rounding)
    st |= status
    if st:
        ctx._add_status(st)
    return d

def _quiet_nan(d, ctx):
    """d (a NaN) made quiet, its payload cut to what the context can hold."""
    coef = d._coef
    room = ctx._prec - ctx._clamp_on
    if coef and _ndigits(coef) > room:
        coef = coef % _pow10(room) if room > 0 else 0
    if d._kind == _NAN and coef == d._coef and type(d) is Decimal:
        return d
    return _dec(d._sign, coef, 0, _NAN)

def _nan_result(a, b, ctx):
    """The result of an operation with a NaN operand (b may be None); signals on sNaN."""
    if a._kind == _SNAN:
        ctx._add_status(_C_INVALID)
        return _quiet_nan(a, ctx)
    if b is not None and b._kind == _SNAN:
        ctx._add_status(_C_INVALID)
        return _quiet_nan(b, ctx)
    if a._kind == _NAN:
        return _quiet_nan(a, ctx)
    return _quiet_nan(b, ctx)

def _invalid(ctx, bit=_C_INVALID):
    ctx._add_status(bit)
    return _dec(0, 0, 0, _NAN)

def _operand(x):
    """A binary operator's other operand as a Decimal, or NotImplemented."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, int):
        return _from_int(x)
    return NotImplemented

def _operand_strict(x):
    """A method's Decimal argument: ints are converted, anything else is a TypeError."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, int):
        return _from_int(x)
    raise TypeError('conversion from %s to Decimal is not supported' % type(x).__name__)

def _adjusted(d):
    return d._exp + _ndigits(d._coef) - 1

def _cmp_abs(a, b):
    """Compares |a| and |b| for finite nonzero a, b."""
    aa = _adjusted(a)
    ab = _adjusted(b)
    if aa != ab:
        return 1 if aa > ab else -1
    ca = a._coef
    cb = b._coef
    if a._exp > b._exp:
        ca *= _pow10(a._exp - b._exp)
    elif b._exp > a._exp:
        cb *= _pow10(b._exp - a._exp)
    return (ca > cb) - (ca < cb)

def _cmp(a, b):
    """Numeric comparison of two non-NaN Decimals: -1, 0 or 1."""
    if a._kind == _INF:
        if b._kind == _INF:
            return b._sign - a._sign
        return -1 if a._sign else 1
    if b._kind == _INF:
        return 1 if b._sign else -1
    if a._coef == 0:
        if b._coef == 0:
            return 0
        return 1 if b._sign else -1
    if b._coef == 0:
        return -1 if a._sign else 1
    if a._sign != b._sign:
        return -1 if a._sign else 1
    r = _cmp_abs(a, b)
    return -r if a._sign else r

def _cmp_operands(a, other, equality):
    """(a, b) for a rich comparison with other, or NotImplemented. Floats are compared
    exactly and recorded as FloatOperation; Rationals by cross-multiplication."""
    if isinstance(other, Decimal):
        return a, other
    if isinstance(other, int):
        return a, _from_int(other)
    if isinstance(other, float):
        ctx = getcontext()
        if equality:
            ctx._flags |= _C_FLOAT
        else:
            ctx._add_status(_C_FLOAT)
        return a, _from_float(other)
    if equality and isinstance(other, complex):
        if other.imag != 0:
            return NotImplemented
        getcontext()._flags |= _C_FLOAT
        return a, _from_float(other.real)
    if isinstance(other, _numbers.Rational):
        num = other.numerator
        den = other.denominator
        if a._kind != _FINITE:
            return a, _from_int(num)
        return _dec(a._sign, a._coef * den, a._exp), _from_int(num)
    return NotImplemented

_HASH_MODULUS = _sys.hash_info.modulus
_HASH_INV10 = pow(10, _HASH_MODULUS - 2, _HASH_MODULUS)

def _zero_sum_sign(sa, sb, rounding):
    if sa and sb:
        return 1
    if sa != sb and rounding == ROUND_FLOOR:
        return 1
    return 0

def _add_finite(a, b, ctx):
    """a + b for finite a, b, correctly rounded (the condition bits recorded in ctx)."""
    ca, ea, sa = a._coef, a._exp, a._sign
    cb, eb, sb = b._coef, b._exp, b._sign
    prec = ctx._prec
    # Keep the aligned coefficients small: an operand far below the other's last kept
    # digit only matters as a sticky digit; a zero's exponent only as far as rounding.
    if ca and cb:
        adj_a = ea + _ndigits(ca) - 1
        adj_b = eb + _ndigits(cb) - 1
        if adj_a >= adj_b:
            t = min(ea, adj_a - prec - 2)
            if adj_b < t:
                cb, eb = 1, t - 2
        else:
            t = min(eb, adj_b - prec - 2)
            if adj_a < t:
                ca, ea = 1, t - 2
    elif ca:
        floor = ea + _ndigits(ca) - prec - 2
        if eb < floor:
            eb = floor
    elif cb:
        floor = eb + _ndigits(cb) - prec - 2
        if ea < floor:
            ea = floor
    if ea > eb:
        if ca:
            ca *= _pow10(ea - eb)
        exp = eb
    else:
        if cb and eb > ea:
            cb *= _pow10(eb - ea)
        exp = ea
    total = (-ca if sa else ca) + (-cb if sb else cb)
    if total == 0:
        return _fixed(_zero_sum_sign(sa, sb, ctx._rounding), 0, exp, ctx)
    if total < 0:
        return _fixed(1, -total, exp, ctx)
    return _fixed(0, total, exp, ctx)

def _divide_finite(a, b, ctx):
    """a / b for finite a and nonzero finite b."""
    sign = a._sign ^ b._sign
    ideal = a._exp - b._exp
    if a._coef == 0:
        return _fixed(sign, 0, ideal, ctx)
    prec = ctx._prec
    shift = _ndigits(b._coef) - _ndigits(a._coef) + prec + 1
    if shift >= 0:
        q, r = divmod(a._coef * _pow10(shift), b._coef)
    else:
        q, r = divmod(a._coef, b._coef * _pow10(-shift))
    exp = ideal - shift
    if r:
        if q % 5 == 0:
            q += 1  # a sticky digit: the discarded part is not zero
    else:
        while exp < ideal and q % 10 == 0:
            q //= 10
            exp += 1
    return _fixed(sign, q, exp, ctx)

def _divmod_finite(a, b, ctx):
    """(integer quotient, remainder) of finite a and nonzero finite b, or None when the
    quotient does not fit the precision (DivisionImpossible)."""
    exp = min(a._exp, b._exp)
    if a._coef == 0:
        return 0, _dec(a._sign, 0, exp)
    aa = _adjusted(a)
    ab = _adjusted(b)
    if aa < ab - 1:
        q, r = 0, a._coef
        if a._exp > exp:
            r *= _pow10(a._exp - exp)
        return 0, _dec(a._sign, r, exp)
    if aa - ab > ctx._prec:
        return None
    ca = a._coef * _pow10(a._exp - exp)
    cb = b._coef * _pow10(b._exp - exp)
    q, r = divmod(ca, cb)
    if _ndigits(q) > ctx._prec:
        return None
    return q, _dec(a._sign, r, exp)
`;
