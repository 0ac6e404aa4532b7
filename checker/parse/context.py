"""What the words around a figure change in it: a minus sign, "points" beside a percent.

:mod:`factlint.parse.mentions` asks these questions of a figure the grammar read, with the
sentence's text around it:

- :func:`sign_start`: a minus before the number (``-5``, ``−273.15°``, ``minus 5``,
  ``negative one``) makes it negative (:func:`negated`). A hyphen is a minus only where
  it cannot join two figures: at the start of the text or after a space or an opening
  bracket, glued to the digits, and not after a number (``5 -10`` is a range);
- :func:`points_are_percentage_points`: "up 2.5 points at 67%": points that move a
  percent are percentage points (index points and scores are not: they stand beside no
  percent);
- :func:`metres_not_millions`: an "m" glued to a number is a million ("30m people",
  "£30m") unless a length follows it: "30m long", "30m of water", "the 100m final".
"""

from __future__ import annotations

import re

from factlint.model import Interval, Value
from factlint.util.lazyre import lazy_compile

_MINUS_WORD = lazy_compile(globals(), "_MINUS_WORD",
                           r"(?<![A-Za-z])(?:minus|negative)\s+$", re.IGNORECASE)
_MINUS_SIGNS = "-\u2212"  # hyphen-minus, minus sign
_BEFORE_SIGN = " \t\n\u00a0([=:"


def sign_start(text: str, start: int) -> int | None:
    """Where the minus of the number at ``text[start]`` begins, or None when none stands
    before it (``start`` must be the number's first digit)."""
    if not text[start:start + 1].isdigit() or start == 0:
        return None
    sign = start - 1
    if text[sign] in _MINUS_SIGNS:
        if sign > 0 and text[sign - 1] not in _BEFORE_SIGN:
            return None  # F-35, 2-3, 5%-7%
        before = text[:sign].rstrip()
        if before and (before[-1].isdigit() or before[-1] == "%"):
            return None  # "5 -10": a range's dash, not a sign
        return sign
    m = _MINUS_WORD.search(text, max(0, start - 12), start)
    return m.start() if m is not None else None


def _negated_interval(interval: Interval) -> Interval:
    return Interval(None if interval.high is None else -interval.high,
                    None if interval.low is None else -interval.low,
                    interval.high_open, interval.low_open)


def negated(value: Value) -> Value:
    """``value`` with its sign turned: [4.5, 5.5) becomes (-5.5, -4.5]."""
    return Value(_negated_interval(value.speaker), _negated_interval(value.strict), value.unit,
                 value.dimension, tuple(-x for x in value.stated), value.stated_unit)


_POINTS_AFTER = lazy_compile(globals(), "_POINTS_AFTER", r"\s+points?\b", re.IGNORECASE)
_TO_PERCENT = lazy_compile(
    globals(), "_TO_PERCENT",
    r"\s*,?\s*(?:to|at|from)\s+(?:about\s+|around\s+|nearly\s+|almost\s+)?"
    r"\d+(?:\.\d+)?\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)


def points_are_percentage_points(text: str, end: int) -> int | None:
    """The end of ``points`` after a bare number ending at ``end`` when the points move a
    percent written right after them ("fell 3 points to 28%", "up 2.5 points at 67 per
    cent"), else None."""
    m = _POINTS_AFTER.match(text, end)
    if m is None or _TO_PERCENT.match(text, m.end()) is None:
        return None
    return m.end()


_LENGTH_AFTER = lazy_compile(
    globals(), "_LENGTH_AFTER",
    r"\s*(?:long|high|tall|deep|wide|away|below|above|thick|of\s+water|under\s+water|"
    r"(?:race|sprint|hurdles|relay|final|freestyle|backstroke|breaststroke|butterfly)s?)"
    r"(?![A-Za-z])", re.IGNORECASE)


def metres_not_millions(text: str, start: int, end: int) -> bool:
    """Whether the figure ``text[start:end]``, digits with an "m" glued to them (the caller
    knows it has no currency), is a length in metres: a length word follows it ("30m long",
    "30m of water", "the 100m final")."""
    return (end - start >= 2 and text[end - 1] == "m" and text[end - 2].isdigit()
            and _LENGTH_AFTER.match(text, end) is not None)
