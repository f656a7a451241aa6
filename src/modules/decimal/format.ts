// _decimal, part 6: Decimal.__format__, the format-spec mini-language of the C module
// (fill/align/sign/z/0/width/','/.precision/type e E f F g G n %; rounding by the current
// context; C locale for 'n'). Python source.
export const FORMAT_HELPERS_SOURCE = String.raw`
def _bad_format():
    return ValueError('invalid format string')

def _parse_format_spec(spec):
    """(fill, align, sign, z, zeropad, width, grouping, precision, type) of a format spec."""
    n = len(spec)
    i = 0
    fill = None
    align = None
    if n >= 2 and spec[1] in '<>=^':
        fill = spec[0]
        align = spec[1]
        i = 2
    elif n >= 1 and spec[0] in '<>=^':
        align = spec[0]
        i = 1
    sign = '-'
    if i < n and spec[i] in '+- ':
        sign = spec[i]
        i += 1
    zcoerce = False
    if i < n and spec[i] == 'z':
        zcoerce = True
        i += 1
    alternate = False
    if i < n and spec[i] == '#':
        alternate = True
        i += 1
    zeropad = False
    if i < n and spec[i] == '0':
        zeropad = True
        i += 1
    j = i
    while i < n and '0' <= spec[i] <= '9':
        i += 1
    width = int(spec[j:i]) if i > j else None
    if width is not None and width > _sys.maxsize:
        raise OverflowError("cannot fit 'int' into an index-sized integer")
    grouping = False
    if i < n and spec[i] == ',':
        grouping = True
        i += 1
    precision = None
    if i < n and spec[i] == '.':
        i += 1
        j = i
        while i < n and '0' <= spec[i] <= '9':
            i += 1
        if i == j:
            raise _bad_format()
        precision = int(spec[j:i])
        if precision > _sys.maxsize:
            raise OverflowError("cannot fit 'int' into an index-sized integer")
    typ = None
    if i < n:
        typ = spec[i]
        i += 1
        if typ not in 'eEfFgGn%':
            raise _bad_format()
    if i != n:
        raise _bad_format()
    if typ == 'n' and grouping:
        raise _bad_format()
    return fill, align, sign, zcoerce, alternate, zeropad, width, grouping, precision, typ

def _rescale(sign, coef, exp, new_exp, rounding):
    """coef*10**exp given the exponent new_exp (padding with zeros or rounding)."""
    if coef == 0:
        return 0, new_exp
    if new_exp <= exp:
        return coef * _pow10(exp - new_exp), new_exp
    coef, _ = _round_coef(coef, new_exp - exp, sign, rounding)
    return coef, new_exp

def _round_significant(sign, coef, exp, places, rounding):
    """Rounds (or pads) a nonzero coefficient to 'places' significant digits."""
    if coef == 0:
        return coef, exp
    adj = exp + _ndigits(coef) - 1
    c, e = _rescale(sign, coef, exp, adj + 1 - places, rounding)
    if c and e + _ndigits(c) - 1 != adj:
        c, e = _rescale(sign, c, e, e + _ndigits(c) - places, rounding)
    return c, e

def _insert_commas(digits):
    out = []
    while len(digits) > 3:
        out.append(digits[-3:])
        digits = digits[:-3]
    out.append(digits)
    return ','.join(reversed(out))

def _group_digits(digits, min_width):
    res = _insert_commas(digits)
    while len(res) < min_width:
        digits = '0' + digits
        res = _insert_commas(digits)
    return res

def _pad_field(sign_str, body, fill, align, width):
    total = sign_str + body
    if width is None or len(total) >= width:
        return total
    pad = width - len(total)
    if align == '<':
        return total + fill * pad
    if align == '^':
        left = pad // 2
        return fill * left + total + fill * (pad - left)
    if align == '=':
        return sign_str + fill * pad + body
    return fill * pad + total

def _format_decimal(d, spec):
    fill, align, sign, zcoerce, alternate, zeropad, width, grouping, precision, typ = _parse_format_spec(spec)
    ctx = getcontext()
    if zeropad:
        if fill is None:
            fill = '0'
        if align is None:
            align = '='
    if fill is None:
        fill = ' '
    if align is None:
        align = '>'
    neg = d._sign == 1
    if d._kind:
        body = d.copy_abs()._to_str(False, 1)
        if typ == '%':
            body += '%'
        if zeropad and fill == '0' and align == '=':
            fill, align = ' ', '>'
        sign_str = '-' if neg else ('' if sign == '-' else sign)
        return _pad_field(sign_str, body, fill, align, width)
    rounding = ctx._rounding
    coef, exp = d._coef, d._exp
    if typ == '%':
        exp += 2
    if typ in ('e', 'E'):
        if precision is not None:
            coef, exp = _round_significant(d._sign, coef, exp, precision + 1, rounding)
            if coef == 0:
                pass
    elif typ in ('f', 'F', '%'):
        if precision is not None:
            coef, exp = _rescale(d._sign, coef, exp, -precision, rounding)
    else:
        if precision is not None:
            places = max(precision, 1)
            if _ndigits(coef) > places:
                coef, exp = _round_significant(d._sign, coef, exp, places, rounding)
    if zcoerce and coef == 0:
        neg = False
    digits = str(coef)
    leftdigits = exp + len(digits)
    if typ in ('e', 'E'):
        dotplace = 1 - precision if (coef == 0 and precision is not None) else 1
    elif typ in ('f', 'F', '%'):
        dotplace = leftdigits
    else:
        dotplace = leftdigits if (exp <= 0 and leftdigits > -6) else 1
    if dotplace < 0:
        intpart = '0'
        fracpart = '.' + '0' * (-dotplace) + digits
    elif dotplace >= len(digits):
        intpart = digits + '0' * (dotplace - len(digits))
        fracpart = ''
    else:
        intpart = digits[:dotplace] or '0'
        fracpart = '.' + digits[dotplace:]
    if alternate and not fracpart:
        fracpart = '.'
    shown = leftdigits - dotplace
    if typ in ('e', 'g', 'n'):
        echar = 'e'
    elif typ in ('E', 'G'):
        echar = 'E'
    else:
        echar = 'E' if ctx._capitals else 'e'
    rest = fracpart
    if typ in ('e', 'E') or (typ not in ('f', 'F', '%') and shown != 0):
        rest += echar + ('+' if shown >= 0 else '-') + str(abs(shown))
    if typ == '%':
        rest += '%'
    sign_str = '-' if neg else ('' if sign == '-' else sign)
    if grouping:
        min_int = 0
        if align == '=' and fill == '0' and width is not None:
            min_int = width - len(sign_str) - len(rest)
        intpart = _group_digits(intpart, min_int)
    return _pad_field(sign_str, intpart + rest, fill, align, width)
`;

export const FORMAT_METHODS = String.raw`
    def __format__(self, specifier, override=None):
        if not isinstance(specifier, str):
            raise TypeError('format arg must be str')
        return _format_decimal(self, specifier)
`;
