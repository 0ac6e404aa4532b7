"""Numbers as written: digits with separators, English number words, scale and fraction words.

Chinese numerals are read in :mod:`factlint.parse.chinese`.

Every value is an exact ``Fraction``; :func:`written_half_width` gives the half-width the
writing implies (DESIGN.md, "What a value means"), through :func:`interval.half_width`.
"""

from __future__ import annotations

import functools
import re
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
    "dozen": 12,
    "lakh": 10**5,  # Indian English: "Rs 3 lakh" = 300,000
    "crore": 10**7,  # "₹45 crore" = 450 million
    "lakh crore": 10**12,  # "₹4.4 lakh crore" = 4.4 trillion
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
FRACTION_WORDS.update({"three-fourths": Fraction(3, 4), "three fourths": Fraction(3, 4),
                       "one fourth": Fraction(1, 4), "one-fourth": Fraction(1, 4)})
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


def english_number(word: str) -> Fraction | None:
    """``"twenty-five"`` -> 25, ``"seven"`` -> 7, ``"one hundred and six"`` -> 106, ``"a
    dozen"`` -> 12, ``"two and a half"`` -> 5/2; None if it is not a number in words."""
    parts = word.lower().replace("-", " ").split()
    if len(parts) == 1:
        value = ENGLISH_NUMBERS.get(parts[0])
        return None if value is None else Fraction(value)
    found = cardinal_at(word, 0)
    return found[1] if found is not None and found[0] == len(word.rstrip()) else None


def _word_value(word: str) -> int | None:
    """A number of one word: ``seven``, ``twenty-five``; None otherwise."""
    value = ENGLISH_NUMBERS.get(word)
    if value is not None or "-" not in word:
        return value
    tens, _, ones = word.partition("-")
    t, o = ENGLISH_NUMBERS.get(tens), ENGLISH_NUMBERS.get(ones)
    if t is not None and o is not None and t >= 20 and t % 10 == 0 and 0 < o < 10:
        return t + o
    return None


_CARDINAL_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
                    "trillion": 10**12}
_A_SCALES = frozenset((*_CARDINAL_SCALES, "dozen"))  # "a hundred", "a dozen": one of them
_AND_A_HALF = lazy_compile(globals(), "_AND_A_HALF", r"\s+and\s+a\s+half(?![A-Za-z])",
                           re.IGNORECASE)
_CARDINAL_WORD = lazy_compile(globals(), "_CARDINAL_WORD", r"\s*([A-Za-z]+(?:-[A-Za-z]+)?)")


def cardinal_at(text: str, pos: int) -> tuple[int, Fraction, bool] | None:
    """The English cardinal written from ``text[pos]`` on, longest first: (its end, its
    value, whether it says more than a number word and scale words: "one hundred and six",
    "ninety five", "two thousand five hundred", but not "two million"). None when no number
    word starts there.

    After a scale word comes a smaller number ("twenty-one trillion three hundred"); "and"
    joins a hundred or a scale to a smaller number after it ("one hundred and six", "two
    thousand and two hundred"), never to a number as large ("between two hundred and three
    hundred" stays two numbers); a tens word takes a ones word after a space ("ninety five").
    "a" before a scale word is one ("a hundred and two", "a dozen"); "and a half" after a
    number adds a half ("two and a half").
    """
    first = _CARDINAL_WORD.match(text, pos)
    if first is not None and first.group(1).lower() in ("a", "an"):
        second = _CARDINAL_WORD.match(text, first.end())
        if second is None or second.group(1).lower() not in _A_SCALES:
            return None
        if second.group(1).lower() == "dozen":
            return second.end(), Fraction(12), True
        found = _cardinal(text, pos, second.start(1))
        return None if found is None else (found[0], found[1], True)
    return _cardinal(text, pos, pos)


def _cardinal(text: str, pos: int, at: int) -> tuple[int, Fraction, bool] | None:
    """:func:`cardinal_at` from ``at`` on ("a" read as one when ``at`` is past ``pos``)."""
    total = 0
    current = 1 if at > pos else 0
    last_scale = 10**15  # the last big scale placed (a later one must be smaller)
    end = pos
    prev = "num" if at > pos else ""  # "num", "tens", "hundred", "scale", "and"
    words = 1 if at > pos else 0
    more = False  # beyond a number word and scale words
    accepted: tuple[int, Fraction, bool] | None = None
    before_and: tuple[int, Fraction, bool] | None = None  # what was read before an "and"
    joined = False  # the last number came right after an "and"
    while True:
        m = _CARDINAL_WORD.match(text, at)
        if m is None:
            break
        word = m.group(1).lower()
        if word == "and":
            if prev not in ("hundred", "scale"):
                break
            prev, at, before_and = "and", m.end(), accepted
            continue
        n = _word_value(word) if word not in _CARDINAL_SCALES else None
        if n is not None:
            if prev in ("", "scale", "hundred", "and"):
                joined = prev == "and"
                if prev == "and" or (prev in ("scale", "hundred") and words):
                    limit = 100 if prev == "hundred" or current % 100 else last_scale
                    if prev == "and" and current == 0:
                        limit = last_scale
                    if n >= limit:
                        break
                    more = True
                current += n
                prev = "tens" if n >= 20 and n % 10 == 0 else "num"
            elif prev == "tens" and 0 < n < 10:
                joined = False
                current += n
                prev, more = "num", True
            else:
                break
        elif word == "hundred":
            if prev not in ("num", "tens") or current % 1000 >= 100 or current % 1000 == 0:
                if joined:
                    return before_and  # "two hundred and three hundred": two numbers
                break
            current = current - current % 1000 + (current % 1000) * 100
            prev, joined = "hundred", False
        elif word in _CARDINAL_SCALES:
            scale = _CARDINAL_SCALES[word]
            if prev not in ("num", "tens", "hundred") or scale >= last_scale or current == 0:
                if joined:
                    return before_and
                break
            total += current * scale
            current, last_scale, prev = 0, scale, "scale"
        else:
            break
        words += 1
        at = end = m.end()
        accepted = (end, Fraction(total + current), more)
    if accepted is not None and prev in ("num", "tens") and accepted[1] < 100 and (
            half := _AND_A_HALF.match(text, accepted[0])) is not None:
        return half.end(), accepted[1] + Fraction(1, 2), True  # "two and a half"
    return accepted


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
