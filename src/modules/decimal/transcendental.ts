// _decimal, part 5: square root, exp, ln, log10 and power. Correctly rounded results come
// from fixed-point approximations on Python ints with an error bound, refined until the
// lower and upper bounds round alike (Ziv's strategy). Python source.
export const TRANSCENDENTAL_HELPERS_SOURCE = String.raw`
from math import isqrt as _isqrt, log10 as _flog10

def _atanh_inv(k, one):
    """atanh(1/k) * one (one = 10**q), error a few units."""
    term = one // k
    total = term
    k2 = k * k
    i = 1
    while term:
        term //= k2
        i += 2
        total += term // i
    return total

_LN10 = [0, 0]

def _ln10(p):
    """ln(10) * 10**p, error below one unit."""
    if _LN10[0] < p:
        q = p + 10
        one = _pow10(q)
        v = (6 * _atanh_inv(3, one) + 2 * _atanh_inv(9, one)) // _pow10(10)
        _LN10[0] = p
        _LN10[1] = v
        return v
    return _LN10[1] // _pow10(_LN10[0] - p)

def _ln_fixed(c, e, p):
    """ln(c * 10**e) * 10**p for c > 0, error within a few hundred units."""
    d = _ndigits(c)
    big_e = e + d - 1  # c * 10**e == m * 10**big_e with m in [1, 10)
    q = p + 25
    one = _pow10(q)
    if q >= d - 1:
        m = c * _pow10(q - d + 1)
    else:
        m = c // _pow10(d - 1 - q)
    j = 0
    limit = one + one // 10000
    while m > limit:
        m = _isqrt(m * one)
        j += 1
    u = (m - one) * one // (m + one)
    u2 = u * u // one
    term = u
    total = u
    i = 1
    while term:
        term = term * u2 // one
        i += 2
        total += term // i
    r = (2 * total) << j
    if big_e:
        k = len(str(abs(big_e)))
        r += big_e * _ln10(q + k) // _pow10(k)
    return r // _pow10(25)

def _exp_fixed(x, s, p):
    """exp(x / 10**s) as (y, k): y * 10**k with relative error below 10**-(p+20)."""
    q = p + 30
    one = _pow10(q)
    if q >= s:
        xq = x * _pow10(q - s)
    else:
        xq = x // _pow10(s - q)
    kd = len(str(abs(xq) // one)) + 2
    lnq = _ln10(q + kd)
    k10 = (xq * _pow10(kd)) // lnq
    r = xq - (k10 * lnq) // _pow10(kd)
    h = 12
    r >>= h
    total = one
    term = one
    i = 1
    while term:
        term = term * r // (one * i)
        total += term
        i += 1
    for _ in range(h):
        total = total * total // one
    return total, k10 - q

def _ziv(approx, sign, ctx, rounding=None):
    """Rounds a value known only by approximations: approx(w) gives (m, k, err) with the
    value within [(m-err)*10**k, (m+err)*10**k]; w grows until both ends round alike."""
    w = ctx._prec + 10
    limit = 8 * ctx._prec + 400
    while True:
        m, k, err = approx(w)
        lo, st = _fix(sign, m - err, k, ctx, rounding)
        hi, st2 = _fix(sign, m + err, k, ctx, rounding)
        same = lo._kind == hi._kind and lo._coef == hi._coef and lo._exp == hi._exp
        if same or w > limit:
            if not same:
                # No decision: the value is (nearly) exact. Snap m to its leading digits
                # first, so an exact result rounds as itself in every rounding mode.
                nd = _ndigits(m)
                keep = max(ctx._prec + 2, w - 5)
                if nd > keep:
                    m, _ = _round_coef(m, nd - keep, sign, ROUND_HALF_EVEN)
                    k += nd - keep
                lo, st = _fix(sign, m, k, ctx, rounding)
            st |= _C_INEXACT | _C_ROUNDED
            if st & _C_SUBNORMAL:
                st |= _C_UNDERFLOW
                if lo._coef == 0:
                    st |= _C_CLAMPED
            ctx._add_status(st)
            return lo
        w *= 2

def _log10_magnitude(d):
    """A float near log10(|d|) for finite nonzero d."""
    nd = _ndigits(d._coef)
    lead = d._coef // _pow10(nd - 17) if nd > 17 else d._coef
    return _flog10(lead) + max(0, nd - 17) + d._exp

def _near_one_digits(c, e):
    """For c*10**e within [0.1, 10): how many leading zero digits |x - 1| has (0 if not near 1)."""
    if e >= 0:
        diff = c * _pow10(e) - 1
        dexp = 0
    else:
        diff = c - _pow10(-e)
        dexp = e
    if diff == 0:
        return 0
    return max(0, -(dexp + _ndigits(abs(diff))))

def _tiny_offset_result(sign, up, ctx, rounding=None):
    """1 +- a tiny amount (below a unit in the last place of any rounding), rounded."""
    p = ctx._prec + 4
    coef = _pow10(p) + (1 if up else -1)
    d, st = _fix(sign, coef, -p, ctx, rounding)
    ctx._add_status(st | _C_INEXACT | _C_ROUNDED)
    return d

def _exp_range_limit(ctx):
    """|x| beyond which exp(x) certainly overflows or underflows in ctx."""
    return 2.31 * (max(ctx._emax, ctx._prec - ctx._emin) + ctx._prec + 5) + 10

# exp, ln and log10 round half-even whatever the context's rounding (as libmpdec).

def _exp_decimal(x, ctx):
    """exp(x) for finite nonzero x, correctly rounded."""
    mag = _log10_magnitude(x)
    if mag > _flog10(_exp_range_limit(ctx)):
        if x._sign:
            return _fixed(0, 1, ctx._emin - ctx._prec - 1, ctx, 0, ROUND_HALF_EVEN)
        return _fixed(0, 1, ctx._emax + 1, ctx, 0, ROUND_HALF_EVEN)
    if mag < -(ctx._prec + 3):
        return _tiny_offset_result(0, not x._sign, ctx, ROUND_HALF_EVEN)
    xv = -x._coef if x._sign else x._coef
    def approx(w):
        y, k = _exp_fixed(xv, -x._exp, w)
        return y, k, y // _pow10(w + 15) + 1
    return _ziv(approx, 0, ctx, ROUND_HALF_EVEN)

def _ln_decimal(x, ctx, base10):
    """ln(x) or log10(x) for finite x > 0, x != 1, correctly rounded."""
    c, e = x._coef, x._exp
    adj = _adjusted(x)
    near = _near_one_digits(c, e) if -1 <= adj <= 0 else 0
    def approx(w):
        p = w + near + 5
        if base10:
            v = _ln_fixed(c, e, p + 5) * _pow10(p) // _ln10(p + 5)
        else:
            v = _ln_fixed(c, e, p)
        return v, -p, 400
    probe = _ln_fixed(c, e, near + 10)
    sign = 1 if probe < 0 else 0
    def signed(w):
        v, k, err = approx(w)
        return abs(v), k, err
    return _ziv(signed, sign, ctx, ROUND_HALF_EVEN)
`;

export const TRANSCENDENTAL_METHODS = String.raw`
    # --- square root, exponential, logarithms, power ---

    def sqrt(self, context=None):
        ctx = _context_arg(context)
        if self._kind:
            if self._kind >= _NAN:
                return _nan_result(self, None, ctx)
            if self._sign:
                return _invalid(ctx)
            return _dec(0, 0, 0, _INF)
        ideal = self._exp // 2
        if self._coef == 0:
            return _fixed(self._sign, 0, ideal, ctx)
        if self._sign:
            return _invalid(ctx)
        prec = ctx._prec
        c, e = self._coef, self._exp
        shift = max(0, 2 * (prec + 1) - _ndigits(c) + 1)
        if (e - shift) % 2:
            shift += 1
        n = c * _pow10(shift)
        r = _isqrt(n)
        exp = (e - shift) // 2
        if r * r == n:
            while exp < ideal and r % 10 == 0:
                r //= 10
                exp += 1
        elif r % 5 == 0:
            r += 1
        d, st = _fix(0, r, exp, ctx, ROUND_HALF_EVEN)
        if st:
            ctx._add_status(st)
        return d

    def exp(self, context=None):
        ctx = _context_arg(context)
        if self._kind:
            if self._kind >= _NAN:
                return _nan_result(self, None, ctx)
            if self._sign:
                return _dec(0, 0, 0)
            return _dec(0, 0, 0, _INF)
        if self._coef == 0:
            return _fixed(0, 1, 0, ctx)
        return _exp_decimal(self, ctx)

    def _log_common(self, context, base10):
        ctx = _context_arg(context)
        if self._kind:
            if self._kind >= _NAN:
                return _nan_result(self, None, ctx)
            if self._sign:
                return _invalid(ctx)
            return _dec(0, 0, 0, _INF)
        if self._coef == 0:
            return _dec(1, 0, 0, _INF)
        if self._sign:
            return _invalid(ctx)
        c, e = self._coef, self._exp
        while c % 10 == 0:
            c //= 10
            e += 1
        if c == 1:
            if e == 0:
                return _fixed(0, 0, 0, ctx)
            if base10:
                return _fixed(1 if e < 0 else 0, abs(e), 0, ctx)
        return _ln_decimal(self, ctx, base10)

    def ln(self, context=None):
        return self._log_common(context, False)

    def log10(self, context=None):
        return self._log_common(context, True)

    def _pow(self, other, ctx):
        a, b = self, other
        if a._kind >= _NAN or b._kind >= _NAN:
            return _nan_result(a, b, ctx)
        b_int = b._kind == _FINITE and _is_integral(b)
        if b._kind == _FINITE and b._coef == 0:
            if a._kind == _FINITE and a._coef == 0:
                return _invalid(ctx)
            return _fixed(0, 1, 0, ctx)
        a_zero = a._kind == _FINITE and a._coef == 0
        sign = 0
        if a._sign:
            if b_int:
                sign = _is_odd(b)
            elif not a_zero:
                return _invalid(ctx)
        if a_zero:
            if b._sign:
                return _dec(sign, 0, 0, _INF)
            return _dec(sign, 0, 0)
        if a._kind == _INF:
            if b._sign:
                return _dec(sign, 0, 0)
            return _dec(sign, 0, 0, _INF)
        c, e = a._coef, a._exp
        z = 0
        while c % 10 == 0:
            c //= 10
            z += 1
        a_is_one = c == 1 and e + z == 0
        if b._kind == _INF:
            if a_is_one:
                return _one_inexact(ctx)
            bigger = _cmp_abs(a, _dec(0, 1, 0)) > 0
            if bigger == (b._sign == 0):
                return _dec(0, 0, 0, _INF)
            return _dec(0, 0, 0)
        if not b_int:
            if a_is_one:
                return _one_inexact(ctx)
            return _pow_approx(a, b, 0, ctx)
        return _pow_integer(a, b, sign, c, z, ctx)

    def _powmod(self, other, modulo, ctx):
        a, b, m = self, other, modulo
        for x in (a, b, m):
            if x._kind == _SNAN:
                ctx._add_status(_C_INVALID)
                return _quiet_nan(x, ctx)
        for x in (a, b, m):
            if x._kind == _NAN:
                return _quiet_nan(x, ctx)
        for x in (a, b, m):
            if x._kind or not _is_integral(x):
                return _invalid(ctx)
        if (b._sign and b._coef) or m._coef == 0 or (a._coef == 0 and b._coef == 0):
            return _invalid(ctx)
        if _adjusted(m) >= ctx._prec:
            return _invalid(ctx)
        mv = m._coef * _pow10(m._exp) if m._exp > 0 else m._coef // _pow10(-m._exp)
        # a only matters modulo m: 10**exp mod m keeps a huge exponent cheap.
        av = a._coef * pow(10, a._exp, mv) if a._exp > 0 else a._coef // _pow10(-a._exp)
        bv = b._coef * _pow10(b._exp) if b._exp > 0 else b._coef // _pow10(-b._exp)
        r = pow(av, bv, mv)
        sign = a._sign if bv & 1 else 0
        return _fixed(sign, r, 0, ctx)
`;

export const POWER_HELPERS_SOURCE = String.raw`
def _is_integral(d):
    """Whether finite d is an integer."""
    if d._exp >= 0 or d._coef == 0:
        return True
    if -d._exp >= _ndigits(d._coef):
        return False
    return d._coef % _pow10(-d._exp) == 0

def _is_odd(d):
    """Whether the integral finite d is odd."""
    if d._exp > 0:
        return 0
    return (d._coef // _pow10(-d._exp)) & 1

def _one_inexact(ctx):
    """1 with all the precision's digits, Inexact (the power of 1 to a non-integer)."""
    p = ctx._prec - 1
    d, st = _fix(0, _pow10(p), -p, ctx)
    ctx._add_status(st | _C_INEXACT | _C_ROUNDED)
    return d

def _pow_approx(a, b, sign, ctx):
    """|a| ** b rounded (inexact cases), via exp(b * ln|a|); sign is the result's sign."""
    c, e = a._coef, a._exp
    adj_a = _adjusted(a)
    if -1 <= adj_a <= 0:
        near = _near_one_digits(c, e)
        ln_mag = -near if near else _flog10(abs(_log10_magnitude(a)) * 2.302585092994046 + 1e-300)
    else:
        ln_mag = _flog10(abs(_log10_magnitude(a)) * 2.302585092994046)
    t_mag = ln_mag + _log10_magnitude(b)
    ln_positive = adj_a >= 0
    t_positive = ln_positive == (b._sign == 0)
    if t_mag > _flog10(_exp_range_limit(ctx)) + 1:
        if t_positive:
            return _fixed(sign, 1, ctx._emax + 1, ctx)
        return _fixed(sign, 1, ctx._emin - ctx._prec - 1, ctx)
    if t_mag < -(ctx._prec + 4):
        return _tiny_offset_result(sign, t_positive, ctx)
    adj_b = _adjusted(b)
    def approx(w):
        p = w + 8 + max(0, adj_b + 1)
        lnv = _ln_fixed(c, e, p)
        x = b._coef * lnv
        if b._sign:
            x = -x
        y, k = _exp_fixed(x, p - b._exp, w + 5)
        return y, k, y // _pow10(w + 3) + 1
    return _ziv(approx, sign, ctx)

def _pow_integer(a, b, sign, c, z, ctx):
    """a ** b for an integral b: exact when the result is small enough to compute,
    approximated otherwise. c * 10**z is a's coefficient (c without trailing zeros)."""
    prec = ctx._prec
    huge = _adjusted(b) > 30
    n = None
    if not huge:
        n = b._coef * _pow10(b._exp) if b._exp >= 0 else b._coef // _pow10(-b._exp)
    if c == 1:
        scale = a._exp + z  # |a| == 10**scale
        if n is None:
            if scale == 0:
                if z == 0:
                    return _fixed(sign, 1, 0, ctx)
                return _fixed(sign, _pow10(prec + 1), -(prec + 1), ctx)
            up = (scale > 0) == (b._sign == 0)
            if up:
                return _fixed(sign, 1, ctx._emax + 1, ctx)
            return _fixed(sign, 1, ctx._emin - prec - 1, ctx)
        if not b._sign:
            if z * n + 1 <= prec:
                return _fixed(sign, _pow10(z * n), a._exp * n, ctx)
            return _fixed(sign, _pow10(prec + 1), scale * n - prec - 1, ctx)
        return _fixed(sign, 1, -scale * n, ctx)
    if n is None:
        return _pow_approx(a, b, sign, ctx)
    digits_estimate = n * _flog10(c)
    if digits_estimate > max(4 * prec + 200, 1000):
        return _pow_approx(a, b, sign, ctx)
    cn = c ** n
    if not b._sign:
        t = min(z * n, max(0, prec + 2 - _ndigits(cn)))
        return _fixed(sign, cn * _pow10(t), (a._exp + z) * n - t, ctx)
    divisor = _dec(0, cn * _pow10(z * n), a._exp * n)
    return _divide_finite(_dec(sign, 1, 0), divisor, ctx)
`;
