"""Numbers as written: digits with separators, English number words, scale and fraction words.

Chinese numerals are read in :mod:`factlint.parse.chinese`.

Every value is an exact ``Fraction``; :func:`written_half_width` gives the half-width the
writing implies (DESIGN.md, "What a value means"), through :func:`interval.half_width`.
"""

from __future__ import annotations

import functools
from fractions import Fraction

from factlint.interval import fraction_word_half_width, half_width
from factlint.util.lazyre import lazy_compile

_ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

ENGLISH_NUMBERS: dict[str, int] = {w: i for i, w in enumerate(_ONES)}
ENGLISH_NUMBERS.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})

SCALES: dict[str, int] = {
    "hundred": 10**2,
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "mln": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    "trn": 10**12,
    "千": 10**3,
    "万": 10**4,
    "亿": 10**8,
    "万亿": 10**12,
    "百万": 10**6,
    "千万": 10**7,
    "萬": 10**4,
    "億": 10**8,
    "萬億": 10**12,
}

FRACTION_WORDS: dict[str, Fraction] = {
    "half": Fraction(1, 2),
    "a half": Fraction(1, 2),
    "one half": Fraction(1, 2),
    "one-half": Fraction(1, 2),
    "a third": Fraction(1, 3),
    "one third": Fraction(1, 3),
    "one-third": Fraction(1, 3),
    "two thirds": Fraction(2, 3),
    "two-thirds": Fraction(2, 3),
    "a quarter": Fraction(1, 4),
    "one quarter": Fraction(1, 4),
    "one-quarter": Fraction(1, 4),
    "three quarters": Fraction(3, 4),
    "three-quarters": Fraction(3, 4),
    "a fifth": Fraction(1, 5),
    "one fifth": Fraction(1, 5),
    "one-fifth": Fraction(1, 5),
    "a tenth": Fraction(1, 10),
    "one tenth": Fraction(1, 10),
    "one-tenth": Fraction(1, 10),
    "一半": Fraction(1, 2),
    "半数": Fraction(1, 2),
    "三分之一": Fraction(1, 3),
    "三分之二": Fraction(2, 3),
    "四分之一": Fraction(1, 4),
    "四分之三": Fraction(3, 4),
    "五分之一": Fraction(1, 5),
    "十分之一": Fraction(1, 10),
}
# "three-fifths", "seven tenths", "an eighth": the other common fractions, in words
_DENOMINATORS = {"third": 3, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
                 "tenth": 10}
for _den, _d in _DENOMINATORS.items():
    for _n, _num in enumerate(("two", "three", "four", "five", "six", "seven", "eight", "nine"),
                              start=2):
        if _n < _d:
            for _sep in (" ", "-"):
                FRACTION_WORDS.setdefault(f"{_num}{_sep}{_den}s", Fraction(_n, _d))
    for _one in ("one ", "one-", "an " if _den == "eighth" else "a "):
        FRACTION_WORDS.setdefault(f"{_one}{_den}", Fraction(1, _d))
FRACTION_WORDS.update({"three-fourths": Fraction(3, 4), "three fourths": Fraction(3, 4)})
# "nine in ten", "one in five", "two out of three": a share said as a count of a count
_SMALL_COUNTS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
FRACTION_WORDS.update({
    f"{a} {link} {b}": Fraction(i + 1, j + 1)
    for i, a in enumerate(_SMALL_COUNTS) for j, b in enumerate(_SMALL_COUNTS) if 0 < i + 1 < j + 1
    for link in ("in", "out of")})

_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth"]
ORDINAL_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(_ORDINALS)}

_DIGITS_RE = lazy_compile(globals(), "_DIGITS_RE", r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_ORDINAL_RE = lazy_compile(globals(), "_ORDINAL_RE", r"(\d+)(?:st|nd|rd|th)")


#: full-width digits and separators (１２３，４５６．７) -> their ASCII forms
HALF_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")


def parse_digits(text: str) -> Fraction:
    """``"1,234.5"`` -> ``Fraction(2469, 2)`` (full-width ``１，２３４．５`` too); raises
    ``ValueError`` on anything else."""
    if text.isdigit():
        return Fraction(int(text))
    text = text.translate(HALF_WIDTH)
    if not _DIGITS_RE.fullmatch(text):
        raise ValueError(f"not a number: {text!r}")
    whole, _, decimals = text.replace(",", "").partition(".")
    return Fraction(int(whole + decimals), 10 ** len(decimals))


_HALF = Fraction(1, 2)
_DECIMAL_HALF = [Fraction(1, 2 * 10**d) for d in range(12)]


def english_number(word: str) -> int | None:
    """``"twenty-five"`` -> 25, ``"seven"`` -> 7; None if it is not a number word."""
    parts = word.lower().replace("-", " ").split()
    if not parts or len(parts) > 2:
        return None
    values = [ENGLISH_NUMBERS.get(p) for p in parts]
    if any(v is None for v in values):
        return None
    if len(parts) == 1:
        return values[0]
    tens, ones = values
    assert tens is not None and ones is not None
    if tens >= 20 and tens % 10 == 0 and 0 < ones < 10:
        return tens + ones
    return None


def ordinal(word: str) -> int | None:
    """``"third"`` -> 3, ``"2nd"`` -> 2; None otherwise."""
    low = word.lower()
    if low in ORDINAL_WORDS:
        return ORDINAL_WORDS[low]
    m = _ORDINAL_RE.fullmatch(low)
    return int(m.group(1)) if m else None


@functools.lru_cache(maxsize=4096)
def _digits_half_width(written: str) -> Fraction:
    return half_width(written)


def written_half_width(value: Fraction, written: str) -> Fraction:
    """Half-width of a number as written: digits by :func:`half_width`, words by their value."""
    if written.isdigit() and written[-1] != "0":
        return _HALF  # no trailing zero: h = min(0.5, max(0.5, 5%)) = 0.5
    if _DIGITS_RE.fullmatch(written):
        decimals = written.partition(".")[2]
        if decimals and len(decimals) < len(_DECIMAL_HALF):
            return _DECIMAL_HALF[len(decimals)]
        return _digits_half_width(written)
    if value.denominator == 1 and value >= 0:
        return half_width(str(value.numerator))
    return fraction_word_half_width(value)
