"""The tokenizer of the quantity grammar: one compiled regex plus dictionary lookups.

:func:`tokenize` makes lark ``Token``s of the terminals ``grammar/quantity.lark`` declares,
lazily, from a position in a sentence. Words and phrases ("more than", "per cent",
"U.S. dollars", "百分之") are looked up in the tables below; unit words come from
:func:`factlint.parse.units.surface_unit`. Anything else is an ``OTHER`` token, which the grammar
never accepts. Numbers that are not quantities (dates, times, citation markers ``[1]``,
model names ``F-35`` / ``A380`` / ``5G``, version numbers) become ``OTHER`` tokens too, so
the parser never starts on them.

Where to start lexing is :mod:`factlint.parse.anchors`' business.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint import interval as iv
from factlint.parse.chinese import MIXED_NEXT, mixed_numeral_at, numeral_at
from factlint.parse.numbers import (
    ENGLISH_NUMBERS,
    FRACTION_WORDS,
    ORDINAL_WORDS,
    cardinal_at,
    english_number,
)
from factlint.parse.units import PER_SURFACES, multiword_surfaces, surface_unit
from factlint.util.lazyre import lazy_compile

if TYPE_CHECKING:  # lark is imported by factlint.parse.lalr, first (see there)
    from lark import Token

OTHER = "OTHER"

# ------------------------------------------------------------------ the lexicon
# Lowercase English words and phrases (raw tokens joined by one space) -> terminal.
QUALIFIERS: dict[str, str] = {
    "about": iv.APPROX, "approximately": iv.APPROX, "approx .": iv.APPROX,
    "roughly": iv.APPROX, "around": iv.APPROX, "some": iv.APPROX, "circa": iv.APPROX,
    "an estimated": iv.APPROX, "nearly": iv.NEARLY, "almost": iv.NEARLY,
    "close to": iv.NEARLY, "just under": iv.NEARLY, "just shy of": iv.NEARLY,
    "over": iv.OVER, "more than": iv.OVER, "above": iv.OVER, "exceeding": iv.OVER,
    "in excess of": iv.OVER, "upwards of": iv.OVER, "just over": iv.OVER,
    "well over": iv.OVER, "slightly over": iv.OVER, "at least": iv.AT_LEAST,
    "no less than": iv.AT_LEAST, "not less than": iv.AT_LEAST,
    "no fewer than": iv.AT_LEAST, "up to": iv.UP_TO, "at most": iv.UP_TO,
    "as much as": iv.UP_TO, "as many as": iv.UP_TO, "no more than": iv.UP_TO,
    "not more than": iv.UP_TO, "under": iv.UNDER, "less than": iv.UNDER,
    "below": iv.UNDER, "fewer than": iv.UNDER, "just below": iv.UNDER,
    # Chinese, written before the number
    "约": iv.APPROX, "大约": iv.APPROX, "大概": iv.APPROX, "近": iv.NEARLY,
    "将近": iv.NEARLY, "接近": iv.NEARLY, "超过": iv.OVER, "逾": iv.OVER, "超": iv.OVER,
    "高于": iv.OVER, "至少": iv.AT_LEAST, "不少于": iv.AT_LEAST, "不低于": iv.AT_LEAST,
    "不超过": iv.UP_TO, "至多": iv.UP_TO, "最多": iv.UP_TO, "不到": iv.UNDER,
    "不足": iv.UNDER, "低于": iv.UNDER, "大于": iv.OVER, "多于": iv.OVER, "超过了": iv.OVER,
    "小于": iv.UNDER, "少于": iv.UNDER, "不小于": iv.AT_LEAST, "大于等于": iv.AT_LEAST,
    "大于或等于": iv.AT_LEAST, "不大于": iv.UP_TO, "不多于": iv.UP_TO, "小于等于": iv.UP_TO,
    "小于或等于": iv.UP_TO,
    # symbols, as in tables and abstracts: >40 years, <5%, ≥ 90%
    ">": iv.OVER, "＞": iv.OVER, "<": iv.UNDER, "＜": iv.UNDER, "≥": iv.AT_LEAST,
    "≤": iv.UP_TO,
}
# written after the number or unit
POST_QUALIFIERS: dict[str, str] = {
    "左右": iv.APPROX, "上下": iv.APPROX, "以上": iv.OVER, "多": iv.OVER, "余": iv.OVER,
    "餘": iv.OVER, "几": iv.OVER, "幾": iv.OVER,  # 十几万, 二十几: more than
    "半": iv.EXACT, "个半": iv.EXACT, "個半": iv.EXACT,  # 两年半, 一个半小时: and a half
    "以下": iv.UP_TO, "or more": iv.AT_LEAST, "or so": iv.APPROX, "or less": iv.UP_TO,
}
# comparative verbs: (op of a Comparison, qualifier when a number follows)
COMPARATIVES: dict[str, tuple[str, str]] = {
    "exceeds": ("gt", iv.OVER), "exceeded": ("gt", iv.OVER), "exceed": ("gt", iv.OVER),
    "surpasses": ("gt", iv.OVER), "surpassed": ("gt", iv.OVER), "surpass": ("gt", iv.OVER),
    "outstrips": ("gt", iv.OVER), "is greater than": ("gt", iv.OVER),
    "is higher than": ("gt", iv.OVER), "is larger than": ("gt", iv.OVER),
    "is bigger than": ("gt", iv.OVER), "is more than": ("gt", iv.OVER),
    "is less than": ("lt", iv.UNDER), "is lower than": ("lt", iv.UNDER),
    "is smaller than": ("lt", iv.UNDER), "slightly above": ("slightly_above", iv.OVER),
    "slightly higher than": ("slightly_above", iv.OVER),
    "slightly more than": ("slightly_above", iv.OVER),
    "slightly below": ("slightly_below", iv.UNDER),
    "slightly lower than": ("slightly_below", iv.UNDER),
    "slightly less than": ("slightly_below", iv.UNDER),
}
MULTIPLE_WORDS: dict[str, int] = {
    "twice": 2, "doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4,
    "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6,
    "sevenfold": 7, "eightfold": 8, "ninefold": 9, "tenfold": 10, "hundredfold": 100,
    "翻番": 2, "翻一番": 2, "翻倍": 2,
}
SUPERLATIVES: dict[str, str] = {
    "largest": "largest", "biggest": "largest", "greatest": "largest", "busiest": "largest",
    "richest": "largest", "wealthiest": "largest",
    "smallest": "smallest", "top": "largest", "最大": "largest", "最小": "smallest",
}
# Chinese 第N大 / 第N小
CN_SUPERLATIVES: dict[str, str] = {"大": "largest", "小": "smallest"}

#: copulas before a bare ordinal: "Gree was second with 41.7 million" (a RANKV; parse.mentions
#: keeps it only where a ranking's words follow the ordinal)
COPULAS = ("is", "was", "remains", "remained")

_SIMPLE: dict[str, str] = {
    "to": "TO", "between": "BETWEEN", "and": "AND", "times": "TIMES", "fold": "FOLD",
    "倍": "TIMES", "成": "CHENG", "折": "CHENG", "百分之": "PCTPRE", "千分之": "PCTPRE",
    "仟分之": "PCTPRE", "万分之": "PCTPRE", "萬分之": "PCTPRE", "第": "DI",
    "ranks": "RANKV", "ranked": "RANKV", "ranking": "RANKV", "ranks as": "RANKV",
    "came": "RANKV", "comes": "RANKV", "finished": "RANKV", "placed": "RANKV",
    "no .": "NO",
    "world's": "WORLDS", "world’s": "WORLDS", "globe's": "WORLDS", "globe’s": "WORLDS",
    "-": "DASH", "–": "DASH", "—": "DASH", "~": "DASH", "～": "DASH", "至": "DASH",
    "到": "DASH", "和": "AND", "与": "AND", "與": "AND", "之间": "JIAN", "之間": "JIAN",
    "间": "JIAN", "間": "JIAN", "per": "PER", "a": "PER", "an": "PER", "/": "PER",
}
_SIMPLE.update(dict.fromkeys(COPULAS, "RANKV"))
# words that begin with 成 or 折 but are no tenths: 三成员国 (three member states), 一成不变
# (unchanging), 折合 (equivalent to), 折旧 (depreciation)
_NOT_CHENG = ("成员", "成員", "成为", "成為", "成功", "成立", "成都", "成长", "成長", "成不变",
              "折合", "折算", "折旧", "折舊", "折扣", "折叠", "折疊", "折返", "折射")
# multiword unit forms (units.surface_unit knows them all; the definitions file's own
# multiword forms, "cubic metres", "sq km", are added from there)
UNIT_PHRASES = ("per cent", "percentage points", "percentage point", "metric tons",
                "metric ton", "metric tonnes", "short tons", "troy ounces", "barrels per day",
                "barrels a day", "square kilometres", "square kilometers", "us dollars",
                "us dollar", "u.s. dollars", "u.s. dollar", "pounds sterling", "个百分点",
                "basis points", "basis point", "australian dollars", "australian dollar",
                "canadian dollars", "canadian dollar", "hong kong dollars", "hong kong dollar",
                "singapore dollars", "singapore dollar", "chinese yuan", "japanese yen",
                "swiss francs", "swiss franc", "turkish lira")
_CURRENCY_SYMBOLS = ("US$", "U.S.$", "AU$", "A$", "CA$", "C$", "HK$", "S$", "NZ$", "NT$", "R$",
                     "MX$", "$", "€", "£", "¥", "￥", "₹", "₩", "₦", "₽", "₺", "₫")
#: the one-character currency signs: a quantity can begin at one ("₹4.4 lakh crore")
CURRENCY_SIGNS = "".join(s for s in _CURRENCY_SYMBOLS if len(s) == 1)
_CURRENCY_CODES = ("USD", "EUR", "GBP", "JPY", "CNY", "RMB", "AUD", "CAD", "HKD", "SGD", "INR",
                   "CHF", "SAR", "AED", "BRL", "ZAR", "RUB", "TRY", "IDR", "TWD", "THB", "MYR",
                   "VND", "NGN", "EGP", "QAR", "KWD", "NZD", "NOK", "SEK", "DKK", "PLN", "MXN",
                   "CLP", "COP", "PEN", "ARS", "KES", "CZK", "HUF", "RON", "BGN", "ISK", "UAH",
                   "ILS", "MAD", "TND", "DZD", "GHS", "XOF", "XAF", "ETB", "TZS", "UGX", "PHP",
                   "PKR", "BDT", "LKR", "KZT", "OMR", "BHD", "JOD", "UYU",
                   "KRW", "人民币")
# short scale words are case-sensitive (M and B too: "$5M", "$2B")
_CASED_SCALES = ("k", "K", "m", "M", "mn", "MN", "Mn", "mln", "b", "B", "bn", "BN", "Bn",
                 "tn", "TN", "trn")


def _lexicon() -> tuple[dict[str, str], dict[str, str]]:
    """(lowercase word/phrase -> terminal, exact word -> terminal)."""
    lower: dict[str, str] = {}
    for table, terminal in (
        (QUALIFIERS, "QUAL"), (POST_QUALIFIERS, "POSTQ"), (COMPARATIVES, "CMP"),
        (MULTIPLE_WORDS, "MULTW"), (SUPERLATIVES, "SUP"), (FRACTION_WORDS, "FRAC"),
        (ORDINAL_WORDS, "ORD"), (ENGLISH_NUMBERS, "NUMWORD"), (CN_SUPERLATIVES, "DA"),
        (_SIMPLE, ""),
    ):
        for word in table:
            lower[word] = terminal or _SIMPLE[word]
    for phrase in ("a hundred", "a thousand", "a million", "a billion", "a trillion", "a dozen"):
        lower[phrase] = "NUMWORD"  # one of the scale: "a hundred and two", "a million tonnes"
    for word in ("hundred", "thousand", "million", "billion", "trillion", "dozen", "lakh", "crore",
                 "lakh crore", "千", "万", "亿",
                 "万亿", "百万", "千万", "萬", "億", "萬億"):
        lower[word] = "SCALE"
    lower["zero"] = OTHER  # "zero" alone is never a quantity here
    for word in _NOT_CHENG:
        lower[word] = OTHER
    for form in (*UNIT_PHRASES, *multiword_surfaces()):
        lower[form] = "UNIT"
    exact: dict[str, str] = {w: "SCALE" for w in _CASED_SCALES}
    for sym in (*_CURRENCY_SYMBOLS, *_CURRENCY_CODES):
        exact[sym] = "CUR"
    return lower, exact


LOWER, EXACT = _lexicon()
_PHRASES: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _key, _terminal in LOWER.items():
    if " " in _key:
        _head, *_tail = _key.split(" ")
        _PHRASES.setdefault(_head, []).append((tuple(_tail), _terminal))
for _options in _PHRASES.values():
    _options.sort(key=lambda o: -len(o[0]))
_CJK_MAX = 5  # 大于或等于

# ------------------------------------------------------------------ the raw lexer
_RAW = lazy_compile(globals(), "_RAW",
    r"\s*(?:"
    r"(?P<ord>\d+(?:st|nd|rd|th))(?![A-Za-z])"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)"
    r"|[０-９]{1,3}(?:，[０-９]{3})+(?:[．.][０-９]+)?(?![０-９]|，[０-９])"  # full-width
    # thousands grouped by spaces, as SI writes them: 40 000, 1 414 021 100 (not a phone
    # number's 555 123 4567, nor 5 100m)
    r"|[1-9]\d{0,2}(?:[ \u00a0\u2009\u202f]\d{3})+(?:\.\d+)?"
    r"(?![\dA-Za-z]|[ \u00a0\u2009\u202f]\d|,\d)"
    r"|\d+(?:[.．]\d+)?)"
    r"|(?P<cur>US\$|U\.S\.\$|AU\$|A\$|CA\$|C\$|HK\$|S\$|NZ\$|NT\$|R\$|MX\$)"
    r"|(?P<word>U\.S\.|[A-Za-z]+/[A-Za-z]{1,5}(?![A-Za-z/])"  # b/d, mb/d: one unit word
    r"|(?:[kcdm]?m|ft|mi)\^?[23²³](?![A-Za-z\d])"  # m2, km³, km^2: one unit word
    r"|°\s?[CF](?![A-Za-z])"  # °C, ° F: one unit word
    r"|[μµ][mgLl](?![A-Za-z/])"  # μm, µg: micro- units (not μg/mL: a concentration)
    r"|[A-Za-z]+(?:-[A-Za-z]+)*(?:['’]s(?![A-Za-z]))?)"
    r"|(?P<cjk>[\u3400-\u9fff])"
    r"|(?P<sym>\S)"
    r")"
)
_NOT_QUANTITY_AT = lazy_compile(globals(), "_NOT_QUANTITY_AT",
    r"\d{4}(?:-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|年(?:\d{1,2}月(?:\d{1,2}日)?)?)"
    r"|\d{1,2}月(?:\d{1,2}日)?|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|\d+(?:\.\d+){2,}"  # version numbers 1.2.3
    r"|\d+/\d+"  # 3/4, 24/7: not read as quantities
    r"|\d{1,2}:\d{2}(?::\d{2})?"  # times, ratios 3:1
    r"|0\d+"  # 007, the 000 of "10 000": codes and digit groups, not quantities
)
# the character after a number that _NOT_QUANTITY_AT / _DAY_MONTH may need ("" = the end)
_NOT_QUANTITY_NEXT = frozenset("-/年月:.")
_DAY_NEXT = frozenset(" \t\n\r\u00a0snrt")
_MONTHS = (r"(?<![A-Za-z])(?:January|February|March|April|May|June|July|August|September|"
           r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")
_MONTH_BEFORE = lazy_compile(globals(), "_MONTH_BEFORE", _MONTHS + r"\s+$")
_MONTH_LAST = frozenset("yhletrnbgpvc.")  # how a month name ends: May, March, Jan.
_DAY_MONTH = lazy_compile(
    globals(), "_DAY_MONTH", r"\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r"(?![a-z])")
_YEAR_CN = lazy_compile(globals(), "_YEAR_CN", r"\d{4}年")


# A number of plain digits at a start position and what stands after it, for
# :func:`lone_number`: the lexeme after it is a symbol or a plain word (or none at all).
_LONE_NUMBER = lazy_compile(globals(), "_LONE_NUMBER",
    r"(?P<num>(?!0)\d++)(?![.,:]\d|[-/年月A-Za-z'’$])\s*+"
    r"(?:(?P<sym>[,;).:])|(?P<word>[A-Za-z]++)(?![-'’.$])|\Z)"
)


@functools.lru_cache(maxsize=16)
def _symbol_terminal(sym: str) -> str:
    return next(lexemes(sym))[0]


def lone_number(text: str, start: int) -> tuple[int, str, bool] | None:
    """For digits at ``start`` that :func:`lexemes` reads as one plain number lexeme (or an
    OTHER lexeme of their own: a label, a day of a date), followed by a symbol, a plain
    word or nothing: (the digits' end, the terminal of the lexeme after them - "" when
    none follows -, whether the digits are the day of a date like ``5 March``, which
    :func:`lexemes` makes OTHER). None for anything else (the caller then lexes)."""
    m = _LONE_NUMBER.match(text, start)
    if m is None:
        return None
    end = m.end("num")
    day = end - start <= 2 and text[end:end + 1] in _DAY_NEXT and \
        _DAY_MONTH.match(text, start) is not None
    sym, word = m.group("sym"), m.group("word")
    if sym is not None:
        return end, _symbol_terminal(sym), day
    if word is not None:
        if word.lower() in _PHRASES:
            return None  # may start a phrase: "per cent"
        return end, _word_terminal(word), day
    return end, "", day


def _is_letter(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z")


@functools.lru_cache(maxsize=8192)
def _word_terminal(word: str) -> str:
    """The terminal of one raw word (no phrase), or OTHER (cached: words repeat)."""
    terminal = EXACT.get(word) or LOWER.get(word.lower())
    if terminal is not None:
        return terminal
    if surface_unit(word) is not None:
        return "UNIT"
    if "-" in word and english_number(word) is not None:
        return "NUMWORD"
    return OTHER


def _number_is_label(text: str, start: int, end: int) -> bool:
    """Digits that are part of a name, date or marker rather than a quantity."""
    if start > 0:
        before = text[start - 1]
        if (_is_letter(before) and not _code_before(text, start)) or before in "[#":
            return True
        if before in "-/." and start > 1 and _is_letter(text[start - 2]) and not (
                before == "-" and _unit_or_scale_before(text, start - 1)):
            return True  # F-35, COVID-19, v.2 (but not 5k-20k, 2 kg-3 kg)
        if before == "." and start > 1 and text[start - 2].isdigit():
            return True  # tail of a version number
    if end < len(text):
        after = text[end]
        if after == "]" and start > 0 and text[start - 1] == "[":
            return True
        if _is_letter(after):
            m = _RAW.match(text, end)
            word = m.group("word") if m is not None else None
            if word is None or _word_terminal(word) not in ("UNIT", "SCALE", "FOLD", "TIMES",
                                                            "CUR"):
                return True  # 5G, 3D, 1990s, A380-like names
    if start < 4 or not text[start - 1].isspace():
        return False
    prev = text[start - 2]
    if prev not in _MONTH_LAST and not prev.isspace():
        return False  # the commonest case: the word before is no month name
    return bool(_MONTH_BEFORE.search(text, max(0, start - 12), start))


_WORD_BEFORE = lazy_compile(globals(), "_WORD_BEFORE", r"[A-Za-z]{1,12}$")


def _code_before(text: str, start: int) -> bool:
    """Whether a currency code stands glued before the digits at ``start`` (USD115)."""
    m = _WORD_BEFORE.search(text, max(0, start - 12), start)
    return m is not None and m.group() in _CURRENCY_CODES


def _unit_or_scale_before(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` is a scale or unit word (the ``k`` of 5k-20k)."""
    m = _WORD_BEFORE.search(text, max(0, end - 12), end)
    return m is not None and m.group() not in _GLUED_ONLY and \
        _word_terminal(m.group()) in ("SCALE", "UNIT")  # F-35 is a name


_A = frozenset(("a", "A", "an", "An"))
_FRACTION_ENDS = frozenset(key.replace("-", " ").split()[-1] for key in FRACTION_WORDS
                           if key.isascii())
_WORD_END = lazy_compile(globals(), "_WORD_END", r"([A-Za-z]+)\s+$")


def _after_fraction(text: str, start: int) -> bool:
    """Whether a fraction word ends right before ``start`` ("half a million")."""
    m = _WORD_END.search(text, max(0, start - 16), start)
    return m is not None and m.group(1).lower() in _FRACTION_ENDS
_GLUE_SCALES = frozenset(("hundred", "thousand", "million", "billion", "trillion"))


def _glued_unit(text: str, dash: int) -> bool:
    """``27-kilometre``, ``4-day``, ``$5-billion``: a unit or scale word right after the dash."""
    m = _RAW.match(text, dash + 1)
    if m is None or m.lastgroup != "word" or m.start("word") != dash + 1:
        return False
    word = m.group("word")
    return _word_terminal(word) == "UNIT" or word.lower() in _GLUE_SCALES


_BAG_NEXT = frozenset("- kK")


def _cjk(text: str, pos: int) -> tuple[str, int]:
    """(terminal, end) of the Chinese lexeme at ``pos``: longest dictionary match first."""
    run = 1
    while run < _CJK_MAX and pos + run < len(text) and "\u3400" <= text[pos + run] <= "\u9fff":
        run += 1
    for size in range(run, 0, -1):
        piece = text[pos:pos + size]
        terminal = LOWER.get(piece) or EXACT.get(piece)
        if terminal is None and surface_unit(piece) is not None:
            terminal = "UNIT"
        if terminal == "SCALE" and (found := numeral_at(text, pos, _cn_unit_at)) is not None \
                and found[0] == "FRAC":
            return found  # 百万分之五: a fraction, not the scale word 百万
        if terminal is not None:
            return terminal, pos + size
    sign = 2 if text.startswith("零下", pos) else 1
    if (sign == 2 or text[pos] in "负負") and (m := _RAW.match(text, pos + sign)) is not None \
            and m.lastgroup == "num" and m.start("num") == pos + sign:
        return "NUM", m.end()  # 负10: minus ten; 零下5℃: five below zero
    found = numeral_at(text, pos, _cn_unit_at)
    return found if found is not None else (OTHER, pos + 1)


def _cn_unit_at(text: str, pos: int) -> bool:
    """Whether a unit word (千瓦, 千克, 百万吨) starts at ``pos``."""
    return any(surface_unit(text[pos:pos + size]) is not None for size in (2, 3, 4)
               if pos + size <= len(text))


def raw_tokens(text: str, pos: int) -> Iterator[tuple[str, int, int]]:
    """(group, start, end) of the raw lexemes from ``pos`` on, spaces skipped."""
    n = len(text)
    while pos < n:
        m = _RAW.match(text, pos)
        if m is None or m.lastgroup is None:
            return
        yield m.lastgroup, m.start(m.lastgroup), m.end()
        pos = m.end()


def _phrase(text: str, word: str, end: int) -> tuple[str, int] | None:
    """Longest phrase starting with ``word`` (which ends at ``end``): (terminal, end)."""
    options = _PHRASES.get(word.lower())
    if not options:
        return None
    ahead = list(itertools.islice(raw_tokens(text, end), len(options[0][0])))
    lowered = tuple(text[s:e].lower() for _, s, e in ahead)
    for tail, terminal in options:
        if lowered[:len(tail)] == tail:
            return terminal, ahead[len(tail) - 1][2]
    return None


def lexeme_key(written: str) -> str:
    """The lexicon key of a token's text: ``More  than`` -> ``more than``, ``No.`` -> ``no .``."""
    if not any(_is_letter(ch) for ch in written):
        return "".join(written.split())
    return " ".join(written[s:e].lower() for _, s, e in raw_tokens(written, 0))


def tokenize(text: str, pos: int = 0) -> Iterator[Token]:
    """The grammar's tokens from ``pos`` on, lazily; positions are indexes into ``text``."""
    from factlint.parse.lalr import Token

    for group, s, e in lexemes(text, pos):
        yield Token(group, text[s:e], s, end_pos=e)


def lexemes(text: str, pos: int = 0) -> Iterator[tuple[str, int, int]]:
    """(terminal, start, end) of the grammar's tokens from ``pos`` on, lazily."""
    prev = ""
    for terminal, s, e in _lexemes(text, pos):
        if terminal == "UNIT" and not _unit_word_fits(text, s, e, prev):
            terminal = OTHER
        elif terminal == OTHER and prev == "PER" and text[s:e].lower() in PER_SURFACES:
            terminal = "UNIT"  # "185 cents per pound": a pound of weight
        prev = terminal
        yield terminal, s, e


_BAG_AT = lazy_compile(globals(), "_BAG_AT",
                       r"\d+\s*-?\s*(?:kg|kilogram|kilo)s?\s+bags?(?![A-Za-z])", re.IGNORECASE)


_GLUED_ONLY = frozenset("pCF")


def _unit_word_fits(text: str, s: int, e: int, prev: str) -> bool:
    """Whether a one-letter unit symbol is meant: ``164p`` is pence and ``30C`` degrees
    Celsius glued to their number, but not ``5 p.m.``, ``grade 5 C`` or a letter alone."""
    if e - s > 1 or text[s] not in _GLUED_ONLY:
        return True
    return s > 0 and text[s - 1].isdigit() and prev == "NUM" and not (
        text[e:e + 1] == "." and _is_letter(text[e + 1:e + 2] or " "))


def _lexemes(text: str, pos: int) -> Iterator[tuple[str, int, int]]:
    """:func:`lexemes` before the checks that need the lexeme before."""
    while True:
        m = _RAW.match(text, pos)
        if m is None or m.lastgroup is None:
            return
        group = m.lastgroup
        s, e = m.start(group), m.end()
        pos = e
        if group == "num" and text[e:e + 1] in _BAG_NEXT and (
                bag := _BAG_AT.match(text, s)) is not None:
            pos = bag.end()  # "60-kg bags": one unit word (OTHER when no such bag is defined)
            yield ("UNIT" if surface_unit(bag.group()) else OTHER), s, pos
        elif group == "num":
            after = text[e:e + 1]
            skip = _NOT_QUANTITY_AT.match(text, s) if (
                after in _NOT_QUANTITY_NEXT or text[s] == "0") else None
            if skip is not None and not (
                _YEAR_CN.fullmatch(skip.group()) and not 1900 <= int(skip.group()[:4]) <= 2100
            ):
                pos = skip.end()
                yield OTHER, s, pos
            elif _number_is_label(text, s, e) or (
                    e - s <= 2 and after in _DAY_NEXT and _DAY_MONTH.match(text, s)):
                yield OTHER, s, e
            elif after in MIXED_NEXT and (mixed := mixed_numeral_at(text, s)) is not None:
                pos = mixed
                yield "CNBIG", s, pos  # 3万4000, 5万4千6百: digits and characters in one numeral
            else:
                yield "NUM", s, e
                if text[e:e + 1] == "-" and _glued_unit(text, e):
                    pos = e + 1  # 27-kilometre: the dash joins number and unit
        elif group == "ord":
            yield "ORD", s, e
        elif group == "cur":
            yield "CUR", s, e
        elif group == "word":
            word = text[s:e]
            if (LOWER.get(word.lower()) == "NUMWORD" or (word in _A and not _after_fraction(
                    text, s))) and (cardinal := cardinal_at(text, s)) is not None and \
                    cardinal[2]:
                pos = cardinal[0]  # "one hundred and six", "ninety five", "a dozen": one number
                yield "NUMWORD", s, pos
                continue
            found = _phrase(text, word, e) if word.lower() in _PHRASES else None
            if found is not None and found[0] == "NUMWORD" and word in _A:
                found = None  # "half a million": the scale of a fraction, no number
            if found is not None:
                pos = found[1]
                yield found[0], s, pos
                continue
            terminal = _word_terminal(word)
            if terminal == "NUMWORD" and "-" in word and (
                    cardinal := cardinal_at(text, s)) is not None and cardinal[2]:
                pos = cardinal[0]  # "twenty-one trillion three hundred"
                yield "NUMWORD", s, pos
                continue
            if terminal == OTHER and "-" in word:
                yield from _hyphen_parts(word, s)
                continue
            yield terminal, s, e
        elif group == "cjk":
            terminal, pos = _cjk(text, s)
            yield terminal, s, pos
        else:
            sym = text[s:e]
            if sym == "-" and text[e:e + 4].lower() == "fold" and not _is_letter(
                    text[e + 4:e + 5] or " "):
                pos = e + 4
                yield "FOLD", s, pos  # 5-fold
                continue
            sym_terminal = EXACT.get(sym) or LOWER.get(sym)
            if sym_terminal is None and surface_unit(sym) is not None:
                sym_terminal = "UNIT"
            yield sym_terminal or OTHER, s, e


def _hyphen_parts(word: str, start: int) -> Iterator[tuple[str, int, int]]:
    """``second-largest`` -> ORD, SUP; a compound with an unknown part is one OTHER."""
    parts: list[tuple[str, int, int]] = []
    offset = start
    for part in word.split("-"):
        terminal = _word_terminal(part)
        if terminal == OTHER:
            yield OTHER, start, start + len(word)
            return
        parts.append((terminal, offset, offset + len(part)))
        offset += len(part) + 1
    yield from parts
