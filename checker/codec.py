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
    if tp is Fraction:
        return _fraction
    if tp is _dt.date:
        return _dt.date.fromisoformat
    if tp in (str, int, float, bool, type(None)) or tp is Any:
        return _identity
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        return _identity
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"unsupported union {tp}")
        inner = decoder_for(rest[0])
        if inner is _identity:
            return _identity
        return lambda x: None if x is None else inner(x)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = decoder_for(args[0])
            if item is _identity:
                return tuple
            return lambda xs: tuple([item(x) for x in xs])
        items = [decoder_for(a) for a in args]
        return lambda xs: tuple([f(x) for f, x in zip(items, xs, strict=True)])
    if origin is frozenset:
        item = decoder_for(args[0])
        return lambda xs: frozenset(item(x) for x in xs)
    raise TypeError(f"unsupported annotation {tp!r}")


def _compile_dataclass(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls, vars(model))
    fields = [(f.name, decoder_for(hints[f.name])) for f in dataclasses.fields(cls)]
    plain = all(d is _identity for _, d in fields)
    if plain:
        return lambda xs: cls(*xs)
    decoders = [d for _, d in fields]
    return lambda xs: cls(*[d(x) for d, x in zip(decoders, xs, strict=True)])
