// _decimal, part 3: the Decimal class — construction, strings, comparison, hashing,
// conversions and the arithmetic operators. Python source; the methods of
// ./methods.ts and ./format.ts are appended to this class body.
export const DECIMAL_CLASS_HEAD = String.raw`
class Decimal(object):
    """Construct a new Decimal object. 'value' can be an integer, string, tuple,
or another Decimal object. If no value is given, return Decimal('0'). The
context does not affect the conversion and is only passed to determine if
the InvalidOperation trap is active.
"""
    __slots__ = ('_sign', '_coef', '_exp', '_kind')

    def __new__(cls, value='0', context=None):
        if context is not None and not isinstance(context, Context):
            raise TypeError('optional argument must be a context')
        if isinstance(value, Decimal):
            if cls is Decimal and type(value) is Decimal:
                return value
            d = value
        elif isinstance(value, str):
            ctx = context if context is not None else getcontext()
            d = _from_string(value, ctx, False)
            if not _exact_in_range(d):
                ctx._add_status(_C_INVALID)
                d = _dec(0, 0, 0, _NAN)
        elif isinstance(value, int):
            d = _from_int(value)
        elif isinstance(value, float):
            (context if context is not None else getcontext())._add_status(_C_FLOAT)
            d = _from_float(value)
        elif isinstance(value, (list, tuple)):
            d = _from_tuple(value)
            if not _exact_in_range(d):
                ctx = context if context is not None else getcontext()
                ctx._add_status(_C_INVALID)
                d = _dec(0, 0, 0, _NAN)
        else:
            raise TypeError('conversion from %s to Decimal is not supported' % type(value).__name__)
        if cls is Decimal and d is not value:
            return d  # a fresh exact Decimal already
        self = object.__new__(cls)
        self._sign = d._sign
        self._coef = d._coef
        self._exp = d._exp
        self._kind = d._kind
        return self

    @classmethod
    def from_float(cls, f):
        if isinstance(f, float):
            d = _from_float(f)
        elif isinstance(f, int):
            d = _from_int(f)
        else:
            raise TypeError('argument must be int or float')
        return d if cls is Decimal else cls(d)

    def _finalized(self, ctx):
        """self rounded to ctx (C: mpd_qfinalize), conditions recorded."""
        if self._kind >= _NAN:
            return _quiet_nan(self, ctx) if self._kind == _NAN else self._snan_fixed(ctx)
        if self._kind == _INF:
            return self if type(self) is Decimal else _dec(self._sign, 0, 0, _INF)
        return _fixed(self._sign, self._coef, self._exp, ctx)

    def _snan_fixed(self, ctx):
        q = _quiet_nan(self, ctx)
        return _dec(self._sign, q._coef, 0, _SNAN)

    # --- strings ---

    def _to_str(self, eng, caps):
        sign = '-' if self._sign else ''
        kind = self._kind
        if kind == _INF:
            return sign + 'Infinity'
        if kind >= _NAN:
            name = 'NaN' if kind == _NAN else 'sNaN'
            return sign + name + (_coef_str(self._coef) if self._coef else '')
        digits = _coef_str(self._coef)
        exp = self._exp
        nd = len(digits)
        adj = exp + nd - 1
        if exp <= 0 and adj >= -6:
            if exp == 0:
                return sign + digits
            point = nd + exp
            if point > 0:
                return sign + digits[:point] + '.' + digits[point:]
            return sign + '0.' + '0' * (-point) + digits
        if not eng:
            shown = adj
            body = digits[0] + ('.' + digits[1:] if nd > 1 else '')
        elif self._coef == 0:
            shown = exp + (-exp) % 3
            zeros = shown - exp
            body = '0' + ('.' + '0' * zeros if zeros else '')
        else:
            extra = adj % 3
            shown = adj - extra
            point = extra + 1
            if point >= nd:
                body = digits + '0' * (point - nd)
            else:
                body = digits[:point] + '.' + digits[point:]
        if shown == 0:
            return sign + body
        return sign + body + ('E' if caps else 'e') + ('+' if shown > 0 else '') + str(shown)

    def __str__(self):
        return self._to_str(False, getcontext()._capitals)

    def __repr__(self):
        return "Decimal('%s')" % self._to_str(False, getcontext()._capitals)

    def to_eng_string(self, context=None):
        return self._to_str(True, _context_arg(context)._capitals)

    # --- comparison and hashing ---

    def _compare_op(self, other, equality):
        return _cmp_operands(self, other, equality)

    def __eq__(self, other):
        pair = _cmp_operands(self, other, True)
        if pair is NotImplemented:
            return pair
        a, b = pair
        if a._kind >= _NAN or b._kind >= _NAN:
            if a._kind == _SNAN or b._kind == _SNAN:
                getcontext()._add_status(_C_INVALID)
            return False
        return _cmp(a, b) == 0

    def __ne__(self, other):
        r = self.__eq__(other)
        if r is NotImplemented:
            return r
        return not r

    def _order(self, other):
        pair = _cmp_operands(self, other, False)
        if pair is NotImplemented:
            return pair
        a, b = pair
        if a._kind >= _NAN or b._kind >= _NAN:
            getcontext()._add_status(_C_INVALID)
            return None
        return _cmp(a, b)

    def __lt__(self, other):
        c = self._order(other)
        if c is NotImplemented:
            return c
        return c is not None and c < 0

    def __le__(self, other):
        c = self._order(other)
        if c is NotImplemented:
            return c
        return c is not None and c <= 0

    def __gt__(self, other):
        c = self._order(other)
        if c is NotImplemented:
            return c
        return c is not None and c > 0

    def __ge__(self, other):
        c = self._order(other)
        if c is NotImplemented:
            return c
        return c is not None and c >= 0

    def __hash__(self):
        kind = self._kind
        if kind:
            if kind == _SNAN:
                raise TypeError('Cannot hash a signaling NaN value')
            if kind == _NAN:
                return object.__hash__(self)
            return -314159 if self._sign else 314159
        exp = self._exp
        m = _HASH_MODULUS
        if exp >= 0:
            h = self._coef * pow(10, exp, m) % m
        else:
            h = self._coef * pow(_HASH_INV10, -exp, m) % m
        if self._sign:
            h = -h
        return -2 if h == -1 else h

    def __bool__(self):
        return self._kind != _FINITE or self._coef != 0

    # --- conversions ---

    def _integral_value(self, rounding):
        """The integer self rounds to with rounding (finite self)."""
        exp = self._exp
        if exp >= 0:
            v = self._coef * _pow10(exp)
        else:
            v, _ = _round_coef(self._coef, -exp, self._sign, rounding)
        return -v if self._sign else v

    def _check_integral_conversion(self):
        if self._kind >= _NAN:
            raise ValueError('cannot convert NaN to integer')
        if self._kind == _INF:
            raise OverflowError('cannot convert Infinity to integer')

    def __int__(self):
        self._check_integral_conversion()
        return self._integral_value(ROUND_DOWN)

    def __trunc__(self):
        self._check_integral_conversion()
        return self._integral_value(ROUND_DOWN)

    def __floor__(self):
        self._check_integral_conversion()
        return self._integral_value(ROUND_FLOOR)

    def __ceil__(self):
        self._check_integral_conversion()
        return self._integral_value(ROUND_CEILING)

    def __round__(self, n=None):
        if n is None:
            self._check_integral_conversion()
            return self._integral_value(ROUND_HALF_EVEN)
        if not isinstance(n, int):
            raise TypeError('optional arg must be an integer')
        if not -9223372036854775808 <= n <= 9223372036854775807:
            raise OverflowError('Python int too large to convert to C ssize_t')
        return self.quantize(_dec(0, 1, -n))

    def __float__(self):
        if self._kind >= _NAN:
            if self._kind == _SNAN:
                raise ValueError('cannot convert signaling NaN to float')
            return float('-nan') if self._sign else float('nan')
        return float(self._to_str(False, 1))

    def __complex__(self):
        return complex(float(self))

    def as_integer_ratio(self):
        if self._kind >= _NAN:
            raise ValueError('cannot convert NaN to integer ratio')
        if self._kind == _INF:
            raise OverflowError('cannot convert Infinity to integer ratio')
        n = self._coef
        exp = self._exp
        if exp >= 0:
            n *= _pow10(exp)
            d = 1
        else:
            d = _pow10(-exp)
            import math
            g = math.gcd(n, d)
            n //= g
            d //= g
        return (-n if self._sign else n), d

    def as_tuple(self):
        if self._kind == _INF:
            return DecimalTuple(self._sign, (0,), 'F')
        digits = tuple(map(int, _coef_str(self._coef))) if (self._coef or self._kind == _FINITE) else ()
        if self._kind >= _NAN:
            return DecimalTuple(self._sign, digits, 'n' if self._kind == _NAN else 'N')
        return DecimalTuple(self._sign, digits, self._exp)

    def __reduce__(self):
        return (type(self), (self._to_str(False, 1),))

    def __copy__(self):
        if type(self) is Decimal:
            return self
        return type(self)(self)

    def __deepcopy__(self, memo):
        if type(self) is Decimal:
            return self
        return type(self)(self)

    @property
    def real(self):
        return self

    @property
    def imag(self):
        return _dec(0, 0, 0)

    def conjugate(self):
        return self

    # --- arithmetic operators ---

    def _add(self, other, ctx):
        if self._kind or other._kind:
            if self._kind >= _NAN or other._kind >= _NAN:
                return _nan_result(self, other, ctx)
            if self._kind == _INF:
                if other._kind == _INF and self._sign != other._sign:
                    return _invalid(ctx)
                return _dec(self._sign, 0, 0, _INF)
            return _dec(other._sign, 0, 0, _INF)
        return _add_finite(self, other, ctx)

    def _sub(self, other, ctx):
        if self._kind >= _NAN or other._kind >= _NAN:
            return _nan_result(self, other, ctx)
        return self._add(other.copy_negate(), ctx)

    def __add__(self, other, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return self._add(other, _context_arg(context))

    def __radd__(self, other, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return other._add(self, _context_arg(context))

    def __sub__(self, other, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return self._sub(other, _context_arg(context))

    def __rsub__(self, other, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return other._sub(self, _context_arg(context))

    def _mul(self, other, ctx):
        sign = self._sign ^ other._sign
        if self._kind or other._kind:
            if self._kind >= _NAN or other._kind >= _NAN:
                return _nan_result(self, other, ctx)
            if self._kind == _INF:
                if other._kind == _FINITE and other._coef == 0:
                    return _invalid(ctx)
                return _dec(sign, 0, 0, _INF)
            if self._coef == 0:
                return _invalid(ctx)
            return _dec(sign, 0, 0, _INF)
        return _fixed(sign, self._coef * other._coef, self._exp + other._exp, ctx)

    def __mul__(self, other, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return self._mul(other, _context_arg(context))

    def __rmul__(self, other, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return other._mul(self, _context_arg(context))

    def _div(self, other, ctx):
        sign = self._sign ^ other._sign
        if self._kind or other._kind:
            if self._kind >= _NAN or other._kind >= _NAN:
                return _nan_result(self, other, ctx)
            if self._kind == _INF:
                if other._kind == _INF:
                    return _invalid(ctx)
                return _dec(sign, 0, 0, _INF)
            ctx._add_status(_C_CLAMPED)
            return _dec(sign, 0, ctx._emin - ctx._prec + 1)
        if other._coef == 0:
            if self._coef == 0:
                return _invalid(ctx, _C_DIV_UNDEFINED)
            ctx._add_status(_C_DIV_ZERO)
            return _dec(sign, 0, 0, _INF)
        return _divide_finite(self, other, ctx)

    def __truediv__(self, other, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return self._div(other, _context_arg(context))

    def __rtruediv__(self, other, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return other._div(self, _context_arg(context))

    def _divmod(self, other, ctx):
        """(self // other, self % other) with the conditions of both."""
        sign = self._sign ^ other._sign
        if self._kind or other._kind:
            if self._kind >= _NAN or other._kind >= _NAN:
                n = _nan_result(self, other, ctx)
                return n, n
            if self._kind == _INF:
                if other._kind == _INF:
                    n = _invalid(ctx)
                    return n, n
                ctx._add_status(_C_INVALID)
                return _dec(sign, 0, 0, _INF), _dec(0, 0, 0, _NAN)
            return _dec(sign, 0, 0), self._finalized(ctx)
        if other._coef == 0:
            if self._coef == 0:
                n = _invalid(ctx, _C_DIV_UNDEFINED)
                return n, n
            ctx._add_status(_C_INVALID | _C_DIV_ZERO)
            return _dec(sign, 0, 0, _INF), _dec(0, 0, 0, _NAN)
        qr = _divmod_finite(self, other, ctx)
        if qr is None:
            n = _invalid(ctx, _C_DIV_IMPOSSIBLE)
            return n, n
        q, r = qr
        return _fixed(sign, q, 0, ctx), _fixed(r._sign, r._coef, r._exp, ctx)

    def _divint(self, other, ctx):
        sign = self._sign ^ other._sign
        if self._kind or other._kind:
            if self._kind >= _NAN or other._kind >= _NAN:
                return _nan_result(self, other, ctx)
            if self._kind == _INF:
                if other._kind == _INF:
                    return _invalid(ctx)
                return _dec(sign, 0, 0, _INF)
            return _dec(sign, 0, 0)
        if other._coef == 0:
            if self._coef == 0:
                return _invalid(ctx, _C_DIV_UNDEFINED)
            ctx._add_status(_C_DIV_ZERO)
            return _dec(sign, 0, 0, _INF)
        qr = _divmod_finite(self, other, ctx)
        if qr is None:
            return _invalid(ctx, _C_DIV_IMPOSSIBLE)
        return _fixed(sign, qr[0], 0, ctx)

    def _rem(self, other, ctx):
        if self._kind or other._kind:
            if self._kind >= _NAN or other._kind >= _NAN:
                return _nan_result(self, other, ctx)
            if self._kind == _INF:
                return _invalid(ctx)
            return self._finalized(ctx)
        if other._coef == 0:
            return _invalid(ctx, _C_DIV_UNDEFINED if self._coef == 0 else _C_INVALID)
        qr = _divmod_finite(self, other, ctx)
        if qr is None:
            return _invalid(ctx, _C_DIV_IMPOSSIBLE)
        r = qr[1]
        return _fixed(r._sign, r._coef, r._exp, ctx)

    def __floordiv__(self, other, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return self._divint(other, _context_arg(context))

    def __rfloordiv__(self, other, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return other._divint(self, _context_arg(context))

    def __mod__(self, other, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return self._rem(other, _context_arg(context))

    def __rmod__(self, other, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return other._rem(self, _context_arg(context))

    def __divmod__(self, other, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return self._divmod(other, _context_arg(context))

    def __rdivmod__(self, other, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return other._divmod(self, _context_arg(context))

    def __pow__(self, other, modulo=None, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        ctx = _context_arg(context)
        if modulo is None:
            return self._pow(other, ctx)
        modulo = _operand(modulo)
        if modulo is NotImplemented:
            return modulo
        return self._powmod(other, modulo, ctx)

    def __rpow__(self, other, modulo=None, context=None):
        other = _operand(other)
        if other is NotImplemented:
            return other
        return other.__pow__(self, modulo, context)

    def __neg__(self, context=None):
        ctx = _context_arg(context)
        if self._kind >= _NAN:
            return _nan_result(self, None, ctx)
        if self._kind == _INF:
            return _dec(1 - self._sign, 0, 0, _INF)
        if self._coef == 0:
            return _fixed(1 if ctx._rounding == ROUND_FLOOR and not self._sign else 0, 0, self._exp, ctx)
        return _fixed(1 - self._sign, self._coef, self._exp, ctx)

    def __pos__(self, context=None):
        ctx = _context_arg(context)
        if self._kind >= _NAN:
            return _nan_result(self, None, ctx)
        if self._kind == _INF:
            return _dec(self._sign, 0, 0, _INF)
        if self._coef == 0:
            return _fixed(1 if ctx._rounding == ROUND_FLOOR and self._sign else 0, 0, self._exp, ctx)
        return _fixed(self._sign, self._coef, self._exp, ctx)

    def __abs__(self, context=None):
        ctx = _context_arg(context)
        if self._kind >= _NAN:
            return _nan_result(self, None, ctx)
        if self._kind == _INF:
            return _dec(0, 0, 0, _INF)
        return _fixed(0, self._coef, self._exp, ctx)
`;
