"""The usual front matter read without YAML: ``key: value`` lines of plain words or dates.

Most articles' front matter is a few lines such as ``title: The germanium market in 2024``,
``date: 2024-11-05``, ``topic: germanium``. :func:`simple_mapping` reads exactly that subset
of YAML and gives what ``yaml.safe_load`` gives for it (strings, and ``datetime.date`` for a
date); anything else - a number, a list, a quote with an escape, a comment, a continuation
line, a word YAML reads as a boolean or null - answers None, and the caller asks the YAML
parser. So a Markdown file's front matter does not cost importing ``yaml`` (about 20 ms of a
pre-commit run) unless it needs it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):( +)(\S.*)")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# plain scalars YAML 1.1 (PyYAML's resolver) reads as booleans or null
_NOT_STRINGS = frozenset(
    "yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF "
    "null Null NULL".split())


def simple_mapping(source: str) -> dict[str, Any] | None:
    """``yaml.safe_load(source)`` when ``source`` is a mapping of simple lines (see the
    module), else None (ask YAML)."""
    data: dict[str, Any] = {}
    for line in source.split("\n"):
        if not line:
            continue
        if not line.isprintable():  # a tab, a control character, a BOM: YAML decides
            return None
        m = _LINE.fullmatch(line)
        if m is None or m.group(1) in _NOT_STRINGS:
            return None
        value = _scalar(m.group(3).rstrip(" "))
        if value is None:
            return None
        data[m.group(1)] = value
    return data or None


def _scalar(text: str) -> str | dt.date | None:
    """The value of one simple scalar, or None when it is not that simple."""
    first = text[0]
    if first in "\"'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != first or first in inner or "\\" in inner:
            return None
        return inner
    if first.isdigit():
        m = _DATE.fullmatch(text)
        if m is None:
            return None
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:  # 2024-13-45: YAML raises, the caller reports it
            return None
    if not first.isalpha() or text in _NOT_STRINGS:
        return None
    if ": " in text or " #" in text or text.endswith(":"):
        return None  # a mapping inside, a comment: YAML decides
    return text
