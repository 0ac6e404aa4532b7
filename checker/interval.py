"""What a written number means: the interval its writer meant, computed exactly.

The rules (DESIGN.md, "What a value means"):

* a number with d decimal digits: h = 0.5 * 10**-d;
* an integer with z trailing zeros: h = min(0.5 * 10**z, max(0.5, 5% of the number));
* fraction words (half, two-thirds): h = 5% of the value;
* about / approximately / roughly do not widen; over X = (X, X + 2h]; nearly X = [X - 2h, X);
  at least X = [X, X + 2h]; up to X = [X - 2h, X]; ``strict`` reads the bounds literally.

Shares are clipped to [0, 100]. The golden rows of the design brief are in
``tests/test_interval.py``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

from factlint.model import Interval

Bounds = Literal["speaker", "strict"]

# normalised qualifier names, produced by the parser
EXACT = ""
APPROX = "approx"  # about, approximately, roughly, around, 约
NEARLY = "nearly"  # nearly, almost, close to, 近, 将近
OVER = "over"  # over, more than, above, exceeding, 超过, 以上
AT_LEAST = "at_least"  # at least, no less than, 至少
UP_TO = "up_to"  # up to, at most, as much as, 至多
UNDER = "under"  # under, less than, below, fewer than, 不到, 不足

QUALIFIERS = (EXACT, APPROX, NEARLY, OVER, AT_LEAST, UP_TO, UNDER)

_HUNDRED = Fraction(100)


def half_width(written: str) -> Fraction:
    """The half-width implied by how a plain number is written (``"69"``, ``"2,000"``)."""
    digits = written.replace(",", "").replace("_", "").replace(" ", "").replace("\u00a0", "")
    digits = digits.lstrip("+-")
    if "." in digits:
        decimals = len(digits.split(".", 1)[1])
        return Fraction(1, 2 * 10**decimals)
    if not digits.isdigit():
        raise ValueError(f"not a plain number: {written!r}")
    value = int(digits)
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped) if value else 0
    return min(Fraction(10**zeros, 2), max(Fraction(1, 2), Fraction(value, 20)))


def fraction_word_half_width(value: Fraction) -> Fraction:
    """Half-width of a fraction word such as ``half`` or ``two-thirds``: 5% of its value."""
    return abs(value) / 20


def reading(
    x: Fraction, h: Fraction, qualifier: str = EXACT, bounds: Bounds = "speaker"
) -> Interval:
    """The interval of ``x`` (half-width ``h``) under a qualifier, in one reading of the bounds."""
    if qualifier in (EXACT, APPROX):
        return Interval(x - h, x + h)
    if qualifier == OVER:
        return Interval(x, None if bounds == "strict" else x + 2 * h, True, False)
    if qualifier == AT_LEAST:
        return Interval(x, None if bounds == "strict" else x + 2 * h, False, False)
    if qualifier in (NEARLY, UNDER):
        return Interval(Fraction(0) if bounds == "strict" else x - 2 * h, x, False, True)
    if qualifier == UP_TO:
        return Interval(Fraction(0) if bounds == "strict" else x - 2 * h, x, False, False)
    raise ValueError(f"unknown qualifier {qualifier!r}")


def span(low: Fraction, high: Fraction) -> Interval:
    """A written range (``2-3 kg``, ``$28 billion to $32 billion``) is closed: ``[low, high]``."""
    if high < low:
        low, high = high, low
    return Interval(low, high, False, False)


def scale(interval: Interval, factor: Fraction) -> Interval:
    """The interval multiplied by a positive factor (a scale word or a unit conversion)."""
    return Interval(
        None if interval.low is None else interval.low * factor,
        None if interval.high is None else interval.high * factor,
        interval.low_open,
        interval.high_open,
    )


def clip_share(interval: Interval) -> Interval:
    """Shares cannot leave [0, 100] percent."""
    low, low_open = interval.low, interval.low_open
    high, high_open = interval.high, interval.high_open
    if low is None or low < 0:
        low, low_open = Fraction(0), False
    if high is None or high > _HUNDRED:
        high, high_open = _HUNDRED, False
    return Interval(low, high, low_open, high_open)


def conflict_level(
    a_speaker: Interval, a_strict: Interval, b_speaker: Interval, b_strict: Interval
) -> Literal["none", "warning", "error"]:
    """``error`` if the values conflict in both readings, ``warning`` if only the speaker's."""
    if a_speaker.intersects(b_speaker):
        return "none"
    if a_strict.intersects(b_strict):
        return "warning"
    return "error"
