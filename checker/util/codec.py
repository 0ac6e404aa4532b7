"""JSON encoding of the model's frozen dataclasses, exact both ways (no pickle).

A dataclass becomes a JSON array of its fields in declaration order; a ``Fraction`` the
string ``"num/den"``; a ``frozenset`` a sorted array; a ``date`` its ISO text; a tuple an
array. Decoding is driven by the field annotations of :mod:`factlint.model`, compiled once
per class, so ``decode(T, encode(x)) == x`` for every model object ``x`` of type ``T``.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import types
import typing
from collections.abc import Callable
from fractions import Fraction
from typing import Any, TypeVar

from factlint import model

T = TypeVar("T")
Decoder = Callable[[Any], Any]

_DECODERS: dict[object, Decoder] = {}


def to_jsonable(obj: object) -> object:
    """``obj`` (a model dataclass, or builtins holding them) as plain JSON data."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)]
    if isinstance(obj, Fraction):
        return f"{obj.numerator}/{obj.denominator}"
    if isinstance(obj, (tuple, list)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, frozenset):
        return sorted(to_jsonable(x) for x in obj)  # type: ignore[type-var]
    if isinstance(obj, _dt.date):
        return obj.isoformat()
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    raise TypeError(f"cannot encode {type(obj).__name__} as JSON")


def from_jsonable(cls: type[T], data: object) -> T:
    """The ``cls`` instance that :func:`to_jsonable` turned into ``data``."""
    return typing.cast(T, decoder_for(cls)(data))


def decoder_for(tp: object) -> Decoder:
    """A function turning JSON data back into a value of the annotation ``tp``."""
    found = _DECODERS.get(tp)
    if found is None:
        found = _compile(tp)
        _DECODERS[tp] = found
    return found


def _identity(x: Any) -> Any:
    return x


@functools.lru_cache(maxsize=8192)
def _fraction(x: str) -> Fraction:
    num, _, den = x.partition("/")
    return Fraction(int(num), int(den))


def _compile(tp: object) -> Decoder:
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _compile_dataclass(tp)
    env: dict[str, object] = {}
    body = _expr(tp, "x", env)
    if body == "x":
        return _identity
    return _function(f"def decode(x):\n    return {body}\n", env)


def _function(source: str, env: dict[str, object]) -> Decoder:
    """The function ``decode`` that ``source`` defines, with ``env`` as its globals."""
    namespace = dict(env)
    exec(source, namespace)  # generated from the model's annotations only, never from data
    return typing.cast(Decoder, namespace["decode"])


def _name(env: dict[str, object], value: object) -> str:
    """A global name for ``value`` in the generated code."""
    for key, known in env.items():
        if known is value:
            return key
    key = f"_g{len(env)}"
    env[key] = value
    return key


def _expr(tp: object, var: str, env: dict[str, object]) -> str:
    """Python source that decodes the JSON data in the variable ``var`` as ``tp``.

    Decoding is the hot path of a warm run: the generated code calls no helper for plain
    values, optionals and tuples, only one function per nested dataclass.
    """
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return f"{_name(env, decoder_for(tp))}({var})"
    if tp is Fraction:
        return f"{_name(env, _fraction)}({var})"
    if tp is _dt.date:
        return f"{_name(env, _dt.date.fromisoformat)}({var})"
    if tp in (str, int, float, bool, type(None)) or tp is Any:
        return var
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        return var
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"unsupported union {tp}")
        inner = _expr(rest[0], var, env)
        return var if inner == var else f"(None if {var} is None else {inner})"
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _expr(args[0], "y", env)
            return f"tuple({var})" if item == "y" else f"tuple([{item} for y in {var}])"
        check = _name(env, _check_length)
        items = [_expr(a, f"{var}[{i}]", env) for i, a in enumerate(args)]
        return f"({check}({var}, {len(args)}) and ({''.join(i + ', ' for i in items)}))"
    if origin is frozenset:
        return f"frozenset([{_expr(args[0], 'y', env)} for y in {var}])"
    raise TypeError(f"unsupported annotation {tp!r}")


def _check_length(xs: Any, n: int) -> bool:
    if len(xs) != n:
        raise ValueError(f"expected {n} items, got {len(xs)}")
    return True


def _compile_dataclass(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls, vars(model))
    fields = dataclasses.fields(cls)
    env: dict[str, object] = {"_cls": cls, "_check": _check_length, "_new": object.__new__,
                              "_set": object.__setattr__}
    values = [_expr(hints[f.name], f"x[{i}]", env) for i, f in enumerate(fields)]
    head = f"def decode(x):\n    _check(x, {len(fields)})\n"
    if hasattr(cls, "__post_init__") or not all(f.init for f in fields):
        return _function(f"{head}    return _cls({', '.join(values)})\n", env)
    own = vars(cls)
    if "__slots__" in own and all(f.name in own for f in fields):
        # a frozen dataclass with slots: fill each slot through its descriptor (what
        # __init__ does through object.__setattr__, at half the cost)
        fills = "".join(f"    {_name(env, own[f.name].__set__)}(o, {v})\n"
                        for f, v in zip(fields, values, strict=True))
        return _function(f"{head}    o = _new(_cls)\n{fills}    return o\n", env)
    # a plain frozen dataclass: fill its __dict__ at once (what __init__ would do, field by
    # field through object.__setattr__, at twice the cost)
    items = ", ".join(f"{f.name!r}: {v}" for f, v in zip(fields, values, strict=True))
    return _function(f"{head}    o = _new(_cls)\n    _set(o, '__dict__', {{{items}}})\n"
                     "    return o\n", env)
