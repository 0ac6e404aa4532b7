"""``json.dumps(obj, ensure_ascii=False, indent=2)``, byte for byte, several times faster.

With ``indent`` the standard library falls back to its pure-Python encoder, which passes
every piece of text through a chain of generators; a report of thousands of findings spent
most of its time there. This encoder appends to one list in a single recursive pass and
leaves strings to the standard library's C escaper, so its output is the same. Anything
outside plain JSON data (a key that is not a string, an unknown type) goes to the standard
library, which decides.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from json.encoder import encode_basestring
from typing import Any

_INDENT = "  "
_INFINITIES = (float("inf"), float("-inf"))


class Raw(str):
    """Text already encoded as JSON at the depth where it is placed: written as it is.

    A report encodes a value met many times (the claim a thousand findings name) once.
    """

    __slots__ = ()


class _Unsupported(Exception):
    """A value the fast path does not handle: the standard encoder takes the whole object."""


def dumps(obj: object, level: int = 0, keys: dict[str, str] | None = None) -> str:
    """``obj`` as ``json.dumps(obj, ensure_ascii=False, indent=2)`` writes it; ``level``
    indents every line after the first as if ``obj`` sat that deep in a larger document;
    ``keys`` (key -> its JSON text) may be shared by the calls of one report."""
    out: list[str] = []
    try:
        _encode(obj, "\n" + _INDENT * level, out, {} if keys is None else keys)
    except (_Unsupported, RecursionError):
        text = json.dumps(obj, ensure_ascii=False, indent=2)
        return text.replace("\n", "\n" + _INDENT * level) if level else text
    return "".join(out)


def _scalar(value: Any) -> str:
    """A string, number, boolean or null, as ``json`` writes it; a :class:`Raw` as it is."""
    if type(value) is Raw:
        return str.__str__(value)
    if isinstance(value, str):
        return str(encode_basestring(value))
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float) and value == value and value not in _INFINITIES:
        return float.__repr__(value)
    raise _Unsupported  # NaN, infinities and anything else: the standard library's way


def _key(key: object, keys: dict[str, str]) -> str:
    """``"key": `` for a dict key (a string; anything else goes to the standard library)."""
    if not isinstance(key, str):
        raise _Unsupported
    text = keys[key] = f"{encode_basestring(key)}: "
    return text


def _encode(value: Any, newline: str, out: list[str], keys: dict[str, str]) -> None:
    """Append ``value`` to ``out``; ``newline`` is a newline and the current indentation.

    Strings, the most common values, are written without a call to :func:`_scalar`;
    ``keys`` remembers the text of the dict keys met (a report repeats a few keys).
    """
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        close = "}"
        items: Iterable[tuple[str, Any]] = (
            (keys.get(key) or _key(key, keys), item) for key, item in value.items())
        sep = "{"
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        close = "]"
        items = (("", item) for item in value)
        sep = "["
    else:
        out.append(_scalar(value))
        return
    inner = newline + _INDENT
    sep += inner
    for label, item in items:
        head = sep + label
        if type(item) is str:
            out.append(head + encode_basestring(item))
        elif isinstance(item, (dict, list, tuple)):
            out.append(head)
            _encode(item, inner, out, keys)
        else:
            out.append(head + _scalar(item))
        sep = "," + inner
    out.append(newline + close)
