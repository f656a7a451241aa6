// _typing: TypeVar, ParamSpec, TypeVarTuple, TypeAliasType and Generic (Objects/typevarobject.c).
// Written in Python (bookkeeping code, no speed-critical parts); compiled on first import.
import type { PyModule } from "../objects/function.js";
import type { Interpreter } from "./interp.js";
import { pythonModule } from "./modutil.js";

const SOURCE = String.raw`"""_typing: the parts of typing that CPython writes in C (Objects/typevarobject.c):
TypeVar, ParamSpec, TypeVarTuple, TypeAliasType, Generic. TSPython writes them in Python;
like CPython's, they call back into typing.py for the substitution logic."""
import sys as _sys

def _idfunc(_, x):
    return x

class _NoDefaultType:
    __slots__ = ()
    _instance = None
    def __new__(cls):
        if cls._instance is None:
            cls._instance = object.__new__(cls)
        return cls._instance
    def __repr__(self):
        return 'typing.NoDefault'
    def __reduce__(self):
        return 'NoDefault'
_NoDefaultType.__name__ = 'NoDefaultType'
NoDefault = _NoDefaultType()

def _typing():
    return _sys.modules.get('typing') or __import__('typing')

def _caller_module(depth=2):
    try:
        return _sys._getframe(depth).f_globals.get('__name__', '__main__')
    except (AttributeError, ValueError):
        return None

class _TypeVarLike:
    # Lazily evaluated parts (PEP 695 syntax hands over functions that compute them).
    def _lazy(self, name):
        d = self.__dict__
        ev = d.pop('_evaluate' + name, None)
        if ev is not None:
            d[name] = ev()
        return d.get(name)
    __bound__ = property(lambda self: self._lazy('_bound'))
    __constraints__ = property(lambda self: self._lazy('_constraints') or ())
    @property
    def __default__(self):
        d = self.__dict__
        if '_evaluate_default' in d:
            return self._lazy('_default')
        return d.get('_default', NoDefault)
    def evaluate_bound(self):
        return self.__bound__
    def __or__(self, right):
        return _typing().Union[self, right]
    def __ror__(self, left):
        return _typing().Union[left, self]
    def __mro_entries__(self, bases):
        raise TypeError('Cannot subclass an instance of %s' % type(self).__name__)
    def __reduce__(self):
        return self.__name__
    def has_default(self):
        return self.__default__ is not NoDefault
    def __init_subclass__(cls, *args, **kwargs):
        if cls.__module__ != __name__:
            raise TypeError("type '%s' is not an acceptable base type" % cls.__mro__[1].__name__)

def _check_default(default):
    if default is NoDefault or default is None:
        return default
    return _typing()._type_check(default, 'Default must be a type') if not isinstance(default, (tuple, list)) else default

class TypeVar(_TypeVarLike):
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False,
                 infer_variance=False, default=NoDefault):
        self.__name__ = name
        if covariant and contravariant:
            raise ValueError('Bivariant type variables are not supported.')
        if infer_variance and (covariant or contravariant):
            raise ValueError('Variance cannot be specified with infer_variance.')
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        self.__infer_variance__ = bool(infer_variance)
        if constraints and bound is not None:
            raise TypeError('Constraints cannot be combined with bound=...')
        if constraints and len(constraints) == 1:
            raise TypeError('A single constraint is not allowed')
        t = _typing()
        self._constraints = tuple(t._type_check(c, 'TypeVar(name, constraint, ...): constraints must be types.') for c in constraints)
        self._bound = t._type_check(bound, 'Bound must be a type.') if bound is not None else None
        self._default = _check_default(default)
        mod = _caller_module()
        if mod != 'typing':
            self.__module__ = mod
    def __repr__(self):
        if self.__infer_variance__:
            prefix = ''
        elif self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__
    def __typing_subst__(self, arg):
        return _typing()._typevar_subst(self, arg)
    def __typing_prepare_subst__(self, alias, args):
        params = alias.__parameters__
        i = params.index(self)
        if i < len(args):
            return args
        if i == len(args) and self.has_default():
            return (*args, self.__default__)
        raise TypeError('Too few arguments for %s; actual %d, expected at least %d' % (alias, len(args), i + 1))
TypeVar.__module__ = 'typing'

class TypeVarTuple(_TypeVarLike):
    def __init__(self, name, *, default=NoDefault):
        self.__name__ = name
        self._default = default
        mod = _caller_module()
        if mod != 'typing':
            self.__module__ = mod
    def __iter__(self):
        yield _typing().Unpack[self]
    def __repr__(self):
        return self.__name__
    def __typing_subst__(self, arg):
        raise TypeError('Substitution of bare TypeVarTuple is not supported')
    def __typing_prepare_subst__(self, alias, args):
        return _typing()._typevartuple_prepare_subst(self, alias, args)
TypeVarTuple.__module__ = 'typing'

class ParamSpecArgs:
    def __init__(self, origin):
        self.__origin__ = origin
    def __repr__(self):
        return '%s.args' % (self.__origin__.__name__,)
    def __eq__(self, other):
        if not isinstance(other, ParamSpecArgs):
            return NotImplemented
        return self.__origin__ == other.__origin__
    def __hash__(self):
        return hash((ParamSpecArgs, self.__origin__))
    def __mro_entries__(self, bases):
        raise TypeError('Cannot subclass an instance of ParamSpecArgs')
ParamSpecArgs.__module__ = 'typing'

class ParamSpecKwargs:
    def __init__(self, origin):
        self.__origin__ = origin
    def __repr__(self):
        return '%s.kwargs' % (self.__origin__.__name__,)
    def __eq__(self, other):
        if not isinstance(other, ParamSpecKwargs):
            return NotImplemented
        return self.__origin__ == other.__origin__
    def __hash__(self):
        return hash((ParamSpecKwargs, self.__origin__))
    def __mro_entries__(self, bases):
        raise TypeError('Cannot subclass an instance of ParamSpecKwargs')
ParamSpecKwargs.__module__ = 'typing'

class ParamSpec(_TypeVarLike):
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False,
                 infer_variance=False, default=NoDefault):
        self.__name__ = name
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        self.__infer_variance__ = bool(infer_variance)
        self._bound = _typing()._type_check(bound, 'Bound must be a type.') if bound is not None else None
        self._default = default
        mod = _caller_module()
        if mod != 'typing':
            self.__module__ = mod
    @property
    def args(self):
        return ParamSpecArgs(self)
    @property
    def kwargs(self):
        return ParamSpecKwargs(self)
    def __repr__(self):
        if self.__infer_variance__:
            prefix = ''
        elif self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__
    def __typing_subst__(self, arg):
        return _typing()._paramspec_subst(self, arg)
    def __typing_prepare_subst__(self, alias, args):
        return _typing()._paramspec_prepare_subst(self, alias, args)
ParamSpec.__module__ = 'typing'

class TypeAliasType:
    def __init__(self, name, value, *, type_params=()):
        if not isinstance(name, str):
            raise TypeError('TypeAliasType name must be a str')
        self.__name__ = name
        self._value = value
        self.__type_params__ = tuple(type_params)
        self.__parameters__ = tuple(type_params)
        self.__module__ = _caller_module()
    @property
    def __value__(self):
        d = self.__dict__
        ev = d.pop('_evaluate_value', None)
        if ev is not None:
            d['_value'] = ev()
        return d['_value']
    def __repr__(self):
        return self.__name__
    def __getitem__(self, params):
        if not self.__type_params__:
            raise TypeError('Only generic type aliases are subscriptable')
        if not isinstance(params, tuple):
            params = (params,)
        import types
        return types.GenericAlias(self, params)
    def __or__(self, right):
        return _typing().Union[self, right]
    def __ror__(self, left):
        return _typing().Union[left, self]
    def __reduce__(self):
        return self.__name__
    def __init_subclass__(cls, *args, **kwargs):
        raise TypeError("type 'typing.TypeAliasType' is not an acceptable base type")
TypeAliasType.__module__ = 'typing'

class Generic:
    """Abstract base class for generic types."""
    __slots__ = ()
    _is_protocol = False
    def __class_getitem__(cls, params):
        return _typing()._generic_class_getitem(cls, params)
    def __init_subclass__(cls, *args, **kwargs):
        return _typing()._generic_init_subclass(cls, *args, **kwargs)
Generic.__module__ = 'typing'
`;

export function makeTypingModule(interp: Interpreter): PyModule {
  return pythonModule(interp, "_typing", SOURCE);
}
