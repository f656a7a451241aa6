// _decimal, part 4: the Decimal methods of the specification (quantize, the integral
// roundings, comparisons of the total order, min/max, next_*, logical and digit-shift
// operations, fma, ...). Python source appended to the Decimal class body.
export const DECIMAL_METHODS = String.raw`
    # --- predicates and simple queries ---

    def adjusted(self):
        if self._kind:
            return 0
        return self._exp + _ndigits(self._coef) - 1

    def canonical(self):
        return self

    def radix(self):
        return _dec(0, 10, 0)

    def is_canonical(self):
        return True

    def is_finite(self):
        return self._kind == _FINITE

    def is_infinite(self):
        return self._kind == _INF

    def is_nan(self):
        return self._kind >= _NAN

    def is_qnan(self):
        return self._kind == _NAN

    def is_snan(self):
        return self._kind == _SNAN

    def is_signed(self):
        return self._sign == 1

    def is_zero(self):
        return self._kind == _FINITE and self._coef == 0

    def is_normal(self, context=None):
        ctx = _context_arg(context)
        if self._kind or self._coef == 0:
            return False
        return _adjusted(self) >= ctx._emin

    def is_subnormal(self, context=None):
        ctx = _context_arg(context)
        if self._kind or self._coef == 0:
            return False
        return _adjusted(self) < ctx._emin

    def number_class(self, context=None):
        ctx = _context_arg(context)
        kind = self._kind
        if kind == _SNAN:
            return 'sNaN'
        if kind == _NAN:
            return 'NaN'
        sign = '-' if self._sign else '+'
        if kind == _INF:
            return sign + 'Infinity'
        if self._coef == 0:
            return sign + 'Zero'
        if _adjusted(self) < ctx._emin:
            return sign + 'Subnormal'
        return sign + 'Normal'

    def same_quantum(self, other, context=None):
        if context is not None:
            _context_arg(context)
        other = _operand_strict(other)
        if self._kind or other._kind:
            if self._kind >= _NAN and other._kind >= _NAN:
                return True
            return self._kind == _INF and other._kind == _INF
        return self._exp == other._exp

    # --- sign copies (exact, no context) ---

    def copy_abs(self):
        return _dec(0, self._coef, self._exp, self._kind)

    def copy_negate(self):
        return _dec(1 - self._sign, self._coef, self._exp, self._kind)

    def copy_sign(self, other, context=None):
        if context is not None:
            _context_arg(context)
        other = _operand_strict(other)
        return _dec(other._sign, self._coef, self._exp, self._kind)

    # --- rounding to an exponent ---

    def quantize(self, exp, rounding=None, context=None):
        ctx = _context_arg(context)
        exp = _operand_strict(exp)
        rounding = ctx._rounding if rounding is None else _valid_rounding(rounding)
        if self._kind or exp._kind:
            if self._kind >= _NAN or exp._kind >= _NAN:
                return _nan_result(self, exp, ctx)
            if self._kind == _INF and exp._kind == _INF:
                return _dec(self._sign, 0, 0, _INF)
            return _invalid(ctx)
        e = exp._exp
        prec = ctx._prec
        if e > ctx._emax or e < ctx._emin - prec + 1:
            return _invalid(ctx)
        if self._coef == 0:
            return _fixed(self._sign, 0, e, ctx)
        status = 0
        if e < self._exp:
            if _adjusted(self) - e + 1 > prec:
                return _invalid(ctx)
            coef = self._coef * _pow10(self._exp - e)
        elif e > self._exp:
            coef, inexact = _round_coef(self._coef, e - self._exp, self._sign, rounding)
            status = _C_ROUNDED | (_C_INEXACT if inexact else 0)
            if coef and _ndigits(coef) > prec:
                return _invalid(ctx)
        else:
            coef = self._coef
            if _ndigits(coef) > prec:
                return _invalid(ctx)
        if coef:
            adj = e + _ndigits(coef) - 1
            if adj > ctx._emax:
                return _invalid(ctx)
            if adj < ctx._emin:
                status |= _C_SUBNORMAL
        if status:
            ctx._add_status(status)
        return _dec(self._sign, coef, e)

    def _to_integral(self, rounding, context, exact):
        ctx = _context_arg(context)
        rounding = ctx._rounding if rounding is None else _valid_rounding(rounding)
        if self._kind:
            if self._kind >= _NAN:
                return _nan_result(self, None, ctx)
            return _dec(self._sign, 0, 0, _INF)
        if self._exp >= 0:
            return self if type(self) is Decimal else _dec(self._sign, self._coef, self._exp)
        if self._coef == 0:
            return _dec(self._sign, 0, 0)
        coef, inexact = _round_coef(self._coef, -self._exp, self._sign, rounding)
        if exact:
            ctx._add_status(_C_ROUNDED | (_C_INEXACT if inexact else 0))
        return _dec(self._sign, coef, 0)

    def to_integral_value(self, rounding=None, context=None):
        return self._to_integral(rounding, context, False)

    def to_integral(self, rounding=None, context=None):
        return self._to_integral(rounding, context, False)

    def to_integral_exact(self, rounding=None, context=None):
        return self._to_integral(rounding, context, True)

    def normalize(self, context=None):
        ctx = _context_arg(context)
        if self._kind:
            if self._kind >= _NAN:
                return _nan_result(self, None, ctx)
            return _dec(self._sign, 0, 0, _INF)
        d = _fixed(self._sign, self._coef, self._exp, ctx)
        if d._kind:
            return d
        if d._coef == 0:
            return _dec(d._sign, 0, 0)
        coef, exp = d._coef, d._exp
        top = ctx._emax - ctx._prec + 1 if ctx._clamp_on else ctx._emax
        while coef % 10 == 0 and exp < top:
            coef //= 10
            exp += 1
        return _dec(d._sign, coef, exp)

    # --- comparisons ---

    def compare(self, other, context=None):
        ctx = _context_arg(context)
        other = _operand_strict(other)
        if self._kind >= _NAN or other._kind >= _NAN:
            return _nan_result(self, other, ctx)
        return _from_int(_cmp(self, other))

    def compare_signal(self, other, context=None):
        ctx = _context_arg(context)
        other = _operand_strict(other)
        if self._kind >= _NAN or other._kind >= _NAN:
            ctx._add_status(_C_INVALID)
            return _nan_result(self, other, ctx)
        return _from_int(_cmp(self, other))

    def compare_total(self, other, context=None):
        if context is not None:
            _context_arg(context)
        other = _operand_strict(other)
        return _from_int(_cmp_total(self, other))

    def compare_total_mag(self, other, context=None):
        if context is not None:
            _context_arg(context)
        other = _operand_strict(other)
        return _from_int(_cmp_total(self.copy_abs(), other.copy_abs()))

    def _minmax(self, other, context, want_max, by_mag):
        ctx = _context_arg(context)
        other = _operand_strict(other)
        if self._kind >= _NAN or other._kind >= _NAN:
            if self._kind == _SNAN or other._kind == _SNAN:
                return _nan_result(self, other, ctx)
            if self._kind == _NAN and other._kind != _NAN:
                return other._finalized(ctx)
            if other._kind == _NAN and self._kind != _NAN:
                return self._finalized(ctx)
            return _nan_result(self, other, ctx)
        if by_mag:
            c = _cmp(self.copy_abs(), other.copy_abs())
            if c == 0:
                c = _cmp_total(self, other)
        else:
            c = _cmp(self, other)
            if c == 0:
                c = _cmp_total(self, other)
        if not want_max:
            c = -c
        winner = self if c >= 0 else other
        return winner._finalized(ctx)

    def max(self, other, context=None):
        return self._minmax(other, context, True, False)

    def min(self, other, context=None):
        return self._minmax(other, context, False, False)

    def max_mag(self, other, context=None):
        return self._minmax(other, context, True, True)

    def min_mag(self, other, context=None):
        return self._minmax(other, context, False, True)

    # --- neighbours ---

    def _next(self, ctx, up):
        if self._kind >= _NAN:
            return _nan_result(self, None, ctx)
        if self._kind == _INF:
            if self._sign == (0 if up else 1):
                return _dec(self._sign, 0, 0, _INF)
            return _dec(self._sign, _pow10(ctx._prec) - 1, ctx._emax - ctx._prec + 1)
        etiny = ctx._emin - ctx._prec + 1
        if self._coef == 0:
            tiny_exp = etiny - 2
        else:
            tiny_exp = min(etiny, _adjusted(self) - ctx._prec) - 2
        work = ctx.copy()
        work._rounding = ROUND_CEILING if up else ROUND_FLOOR
        work._traps = 0
        return _add_finite(self, _dec(0 if up else 1, 1, tiny_exp), work)

    def next_plus(self, context=None):
        return self._next(_context_arg(context), True)

    def next_minus(self, context=None):
        return self._next(_context_arg(context), False)

    def next_toward(self, other, context=None):
        ctx = _context_arg(context)
        other = _operand_strict(other)
        if self._kind >= _NAN or other._kind >= _NAN:
            return _nan_result(self, other, ctx)
        c = _cmp(self, other)
        if c == 0:
            return _dec(other._sign, self._coef, self._exp, self._kind)
        r = self._next(ctx, c < 0)
        if r._kind == _INF:
            ctx._add_status(_C_OVERFLOW | _C_INEXACT | _C_ROUNDED)
        elif _adjusted(r) < ctx._emin:
            st = _C_UNDERFLOW | _C_SUBNORMAL | _C_INEXACT | _C_ROUNDED
            if r._coef == 0:
                st |= _C_CLAMPED
            ctx._add_status(st)
        return r

    # --- operations on exponents and digits ---

    def logb(self, context=None):
        ctx = _context_arg(context)
        if self._kind >= _NAN:
            return _nan_result(self, None, ctx)
        if self._kind == _INF:
            return _dec(0, 0, 0, _INF)
        if self._coef == 0:
            ctx._add_status(_C_DIV_ZERO)
            return _dec(1, 0, 0, _INF)
        adj = _adjusted(self)
        return _fixed(1 if adj < 0 else 0, abs(adj), 0, ctx)

    def _int_arg(self, other, ctx, limit):
        """The integer of a scaleb/rotate/shift argument, or None (invalid operation)."""
        if other._kind or other._exp != 0:
            return None
        n = -other._coef if other._sign else other._coef
        if not -limit <= n <= limit:
            return None
        return n

    def scaleb(self, other, context=None):
        ctx = _context_arg(context)
        other = _operand_strict(other)
        if self._kind >= _NAN or other._kind >= _NAN:
            return _nan_result(self, other, ctx)
        n = self._int_arg(other, ctx, 2 * (ctx._emax + ctx._prec))
        if n is None:
            return _invalid(ctx)
        if self._kind == _INF:
            return _dec(self._sign, 0, 0, _INF)
        return _fixed(self._sign, self._coef, self._exp + n, ctx)

    def rotate(self, other, context=None):
        ctx = _context_arg(context)
        other = _operand_strict(other)
        if self._kind >= _NAN or other._kind >= _NAN:
            return _nan_result(self, other, ctx)
        prec = ctx._prec
        n = self._int_arg(other, ctx, prec)
        if n is None:
            return _invalid(ctx)
        if self._kind == _INF:
            return _dec(self._sign, 0, 0, _INF)
        m = _pow10(prec)
        coef = self._coef % m
        if n < 0:
            n += prec
        if n:
            coef = (coef * _pow10(n)) % m + coef // _pow10(prec - n)
        return _dec(self._sign, coef, self._exp)

    def shift(self, other, context=None):
        ctx = _context_arg(context)
        other = _operand_strict(other)
        if self._kind >= _NAN or other._kind >= _NAN:
            return _nan_result(self, other, ctx)
        prec = ctx._prec
        n = self._int_arg(other, ctx, prec)
        if n is None:
            return _invalid(ctx)
        if self._kind == _INF:
            return _dec(self._sign, 0, 0, _INF)
        m = _pow10(prec)
        coef = self._coef % m
        if n >= 0:
            coef = (coef * _pow10(n)) % m
        else:
            coef //= _pow10(-n)
        return _dec(self._sign, coef, self._exp)

    def _logical_digits(self):
        """The coefficient's digits as a string when self is a logical operand (finite,
        positive, exponent 0, digits 0 and 1), else None."""
        if self._kind or self._sign or self._exp != 0:
            return None
        s = _coef_str(self._coef)
        if s.strip('01'):
            return None
        return s

    def _logical(self, other, ctx, op):
        a = self._logical_digits()
        b = other._logical_digits() if other is not None else '0'
        if a is None or b is None:
            return _invalid(ctx)
        width = max(len(a), len(b), ctx._prec if other is None else 0)
        a = a.rjust(width, '0')
        b = b.rjust(width, '0')
        out = ''.join('1' if op(x == '1', y == '1') else '0' for x, y in zip(a, b))
        # The result keeps the precision's low digits (libmpdec's _mpd_cap).
        return _dec(0, _digits_to_int(out[-ctx._prec:]), 0)

    def logical_and(self, other, context=None):
        ctx = _context_arg(context)
        return self._logical(_operand_strict(other), ctx, lambda x, y: x and y)

    def logical_or(self, other, context=None):
        ctx = _context_arg(context)
        return self._logical(_operand_strict(other), ctx, lambda x, y: x or y)

    def logical_xor(self, other, context=None):
        ctx = _context_arg(context)
        return self._logical(_operand_strict(other), ctx, lambda x, y: x != y)

    def logical_invert(self, context=None):
        ctx = _context_arg(context)
        return self._logical(None, ctx, lambda x, y: not x)

    # --- fused multiply-add and remainder-near ---

    def fma(self, other, third, context=None):
        ctx = _context_arg(context)
        other = _operand_strict(other)
        third = _operand_strict(third)
        a, b = self, other
        if a._kind or b._kind:
            if a._kind == _SNAN or b._kind == _SNAN:
                return _nan_result(a, b, ctx)
            if a._kind == _NAN:
                product = a
            elif b._kind == _NAN:
                product = b
            elif (a._kind == _FINITE and a._coef == 0) or (b._kind == _FINITE and b._coef == 0):
                return _invalid(ctx)
            else:
                product = _dec(a._sign ^ b._sign, 0, 0, _INF)
        else:
            product = _dec(a._sign ^ b._sign, a._coef * b._coef, a._exp + b._exp)
        return product._add(third, ctx)

    def remainder_near(self, other, context=None):
        ctx = _context_arg(context)
        other = _operand_strict(other)
        if self._kind or other._kind:
            if self._kind >= _NAN or other._kind >= _NAN:
                return _nan_result(self, other, ctx)
            if self._kind == _INF:
                return _invalid(ctx)
            return self._finalized(ctx)
        if other._coef == 0:
            return _invalid(ctx, _C_DIV_UNDEFINED if self._coef == 0 else _C_INVALID)
        exp = min(self._exp, other._exp)
        if self._coef == 0:
            return _fixed(self._sign, 0, exp, ctx)
        if _adjusted(self) < _adjusted(other) - 1:
            return _fixed(self._sign, self._coef * _pow10(self._exp - exp), exp, ctx)
        if _adjusted(self) - _adjusted(other) > ctx._prec:
            return _invalid(ctx, _C_DIV_IMPOSSIBLE)
        ca = self._coef * _pow10(self._exp - exp)
        cb = other._coef * _pow10(other._exp - exp)
        q, r = divmod(ca, cb)
        sign = self._sign
        if 2 * r > cb or (2 * r == cb and q & 1):
            r = cb - r
            q += 1
            sign = 1 - sign
        if _ndigits(q) > ctx._prec:
            return _invalid(ctx, _C_DIV_IMPOSSIBLE)
        if r == 0:
            sign = self._sign
        return _fixed(sign, r, exp, ctx)
`;

// Module-level helpers the methods above use.
export const METHOD_HELPERS_SOURCE = String.raw`
def _total_key_kind(d):
    # Rank of the kind in the total order of positive values: numbers < Inf < sNaN < NaN.
    return (0, 1, 3, 2)[d._kind]

def _cmp_total(a, b):
    """The total order of the specification (compare_total): -1, 0 or 1."""
    if a._sign != b._sign:
        return -1 if a._sign else 1
    neg = a._sign
    ka = _total_key_kind(a)
    kb = _total_key_kind(b)
    if ka != kb:
        c = 1 if ka > kb else -1
        return -c if neg else c
    if a._kind >= _NAN or a._kind == _INF:
        c = (a._coef > b._coef) - (a._coef < b._coef)
        return -c if neg else c
    c = _cmp(a.copy_abs(), b.copy_abs())
    if c == 0:
        c = (a._exp > b._exp) - (a._exp < b._exp)
    return -c if neg else c
`;
