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
    if width is not None and width > MAX_PREC:
        raise ValueError('format specification exceeds internal limits of _decimal')
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
        if precision > MAX_PREC:
            raise ValueError('format specification exceeds internal limits of _decimal')
    typ = None
    if i < n:
        typ = spec[i]
        i += 1
        if typ not in 'eEfFgGnN%':
            raise _bad_format()
    if i != n:
        raise _bad_format()
    if typ in ('n', 'N') and grouping:
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

_CHAR_MAX = 127  # locale.CHAR_MAX: no further grouping

def _insert_separators(digits, sep, grouping):
    """digits grouped from the right by the locale-style grouping (sizes; 0 repeats the
    last size, CHAR_MAX ends grouping)."""
    out = []
    size = 0
    i = 0
    while digits:
        if i < len(grouping):
            g = grouping[i]
            i += 1
            if g == _CHAR_MAX:
                break
            if g != 0:
                size = g
        if size <= 0 or len(digits) <= size:
            break
        out.append(digits[-size:])
        digits = digits[:-size]
    out.append(digits)
    return sep.join(reversed(out))

def _group_digits(digits, min_width, sep, grouping):
    res = _insert_separators(digits, sep, grouping)
    while len(res) < min_width:
        digits = '0' + digits
        res = _insert_separators(digits, sep, grouping)
    return res

def _override_values(override):
    """(decimal point, thousands separator, grouping sizes) of a localeconv-like dict."""
    if not isinstance(override, dict):
        raise TypeError('optional argument must be a dict')
    dot = override.get('decimal_point', '.')
    sep = override.get('thousands_sep', '')
    grouping = override.get('grouping', '')
    if not (isinstance(dot, str) and isinstance(sep, str) and isinstance(grouping, str)):
        raise ValueError('invalid override dict')
    sizes = [ord(ch) for ch in grouping]
    if (len(dot.encode('utf-8', 'surrogatepass')) > 4 or len(sep.encode('utf-8', 'surrogatepass')) > 4
            or any(g > _CHAR_MAX for g in sizes)):
        raise ValueError('invalid override dict')
    return dot, sep, sizes

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

def _format_decimal(d, spec, override=None):
    fill, align, sign, zcoerce, alternate, zeropad, width, grouping, precision, typ = _parse_format_spec(spec)
    dot, sep, sizes = '.', ',', [3]
    if override is not None:
        dot, sep, sizes = _override_values(override)
        grouping = grouping or bool(sep and sizes)
    elif typ in ('n', 'N'):
        sep, sizes = '', []  # the C locale: no grouping
    upper = typ == 'N'
    if upper:
        import warnings
        warnings.warn("Format specifier 'N' is deprecated", DeprecationWarning, stacklevel=3)
        typ = 'n'
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
        out = _pad_field(sign_str, body, fill, align, width)
        return out.upper() if upper else out
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
    if coef == 0 and exp > 0 and typ in ('f', 'F', '%'):
        exp = 0
    if zcoerce and coef == 0:
        neg = False
    digits = _coef_str(coef)
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
    if fracpart and dot != '.':
        fracpart = dot + fracpart[1:]
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
    if grouping and sep and sizes:
        min_int = 0
        if align == '=' and fill == '0' and width is not None:
            min_int = width - len(sign_str) - len(rest)
        intpart = _group_digits(intpart, min_int, sep, sizes)
    out = _pad_field(sign_str, intpart + rest, fill, align, width)
    return out.upper() if upper else out
`;

export const FORMAT_METHODS = String.raw`
    def __format__(self, specifier, override=None):
        if not isinstance(specifier, str):
            raise TypeError('format arg must be str')
        return _format_decimal(self, specifier, override)
`;
