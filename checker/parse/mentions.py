"""Parse: the quantity, range, rank, comparison and multiple expressions of one sentence.

From every position where a start terminal of ``grammar/quantity.lark`` occurs (found by
:func:`factlint.parse.tokens.anchor_regex`), the tokens of :mod:`factlint.parse.tokens` are
fed to an interactive LALR parser, keeping the longest prefix that accepts; the tree becomes a
:class:`~factlint.model.Mention` through :class:`MentionTransformer`. Values follow
DESIGN.md, "What a value means" (see :mod:`factlint.interval`); units come from
:mod:`factlint.parse.units`.

Not quantities: citation markers, dates, times, years, model names, ``Section 301``,
``Group 2:``, list numbering (:func:`has_unexplained_digit`, from :mod:`factlint.parse.digits`,
knows them all).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import typing
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Literal

from factlint import interval as iv
from factlint.model import Comparison, Interval, Location, Mention, Value
from factlint.parse import lalr  # first: lark is imported there (without the optional regex)
from factlint.parse.anchors import (
    candidate_regex,
    padded_anchor_regex,
    padded_lower,
    start_char_regex,
)
from factlint.parse.chinese import CN_START_CHARS, bare_numeral_is_count
from factlint.parse.context import (
    metres_not_millions,
    negated,
    points_are_percentage_points,
    sign_start,
)
from factlint.parse.digits import has_unexplained_digit
from factlint.parse.lalr import UnexpectedInput
from factlint.parse.tokens import COPULAS, OTHER, lexemes, lone_number
from factlint.parse.transform import Expr, Lexeme, MentionTransformer
from factlint.parse.units import unit_info
from factlint.util.bounded import BoundedMemo
from factlint.util.lazyre import lazy_compile

__all__ = ["find_mentions", "has_unexplained_digit", "may_hold_mention"]

Ton = Literal["metric", "short"]
Locate = Callable[[int, int], Location]  # (file offset, end) -> Location
_HUNDRED = Fraction(100)
_MILLION = Fraction(10**6)


# ------------------------------------------------------------------ the parser state


_Built = tuple[Expr, Value | None] | None
#: Figures remembered per process (a figure's Expr and Value depend on its tokens only).
_MEMO_SIZE = 65536
#: Sentences remembered per process, with their mentions (a sentence's mentions depend on
#: its text and the tonnage only).
_SENTENCE_MEMO_SIZE = 16384


@dataclasses.dataclass(frozen=True)
class _State:
    walker: lalr.Walker
    anchor: re.Pattern[str]  # searched in padded_lower(text)
    start_char: re.Pattern[str]
    candidate: re.Pattern[str]
    transformer: MentionTransformer
    memo: BoundedMemo[tuple[str, str, tuple[tuple[str, int], ...]], _Built]
    sentences: BoundedMemo[tuple[str, str], tuple[_Found, ...]]
    after_number: int  # the walker's state once a number alone was fed


@functools.lru_cache(maxsize=1)
def _state() -> _State:
    parser = lalr.parser()
    starts = lalr.start_terminals()
    walker = lalr.Walker(parser)
    result, after_number = walker.step(0, "NUM")
    assert result == lalr.Walker.ACCEPTS  # a number alone is a mention
    return _State(walker, padded_anchor_regex(starts), start_char_regex(starts),
                  candidate_regex(), MentionTransformer(), BoundedMemo(_MEMO_SIZE),
                  BoundedMemo(_SENTENCE_MEMO_SIZE), after_number)


_MAX_TOKENS = 12


def _longest(st: _State, text: str, start: int) -> tuple[list[tuple[str, int, int]], list[int]]:
    """Lexemes fed from ``start`` and the prefix lengths that accept (an OTHER first lexeme
    is returned alone, so that the caller can skip a date or a name whole)."""
    walker = st.walker
    edges = walker.edges
    fed: list[tuple[str, int, int]] = []
    accepts: list[int] = []
    state = 0
    for lexeme in lexemes(text, start):
        seen = edges.get((state, lexeme[0]))
        result, state = seen if seen is not None else walker.step(state, lexeme[0])
        if result == lalr.Walker.DEAD:
            if not fed and lexeme[0] == OTHER:
                fed.append(lexeme)
            break
        fed.append(lexeme)
        if result == lalr.Walker.ACCEPTS:
            accepts.append(len(fed))
        if len(fed) >= _MAX_TOKENS:
            break
    return fed, accepts


# ------------------------------------------------------------------ building mentions

_LABEL_BEFORE = lazy_compile(globals(), "_LABEL_BEFORE",
    r"(?<![A-Za-z])(?:section|sections|group|article|chapter|part|phase|figure|fig\.|table|"
    r"item|step|tier|class|category|round|title|page|pages|line|paragraph|rule|note|grade|"
    r"level|stage|version|v|no\.|#|number|annex|appendix|clause|schedule|exhibit|cohort|"
    r"batch|block|unit|lot|zone|region|district|route|highway|flight|model|type|series|"
    r"iphone|ipad|windows|formula|galaxy|pixel|playstation|xbox|apollo|falcon)"
    r"\s*$",
    re.IGNORECASE,
)
_LIST_START = lazy_compile(globals(), "_LIST_START", r"^\s*(?:[-*•]\s*)?$")
_NOT_A_RANK_BEFORE = lazy_compile(globals(), "_NOT_A_RANK_BEFORE",
    r"(?:\b(?:one|some|two|three|four|five|several|many|among)\s+of\s+(?:the\s+)?|"
    r"\bamong\s+(?:the\s+)?)(?:world['’]s\s+)?$",
    re.IGNORECASE,
)
_THE_BEFORE = lazy_compile(globals(), "_THE_BEFORE", r"(?<![A-Za-z])the\s+$", re.IGNORECASE)
#: a copula and a bare ordinal ("was second"): a rank only where a ranking's words follow
_COPULA_RANK = lazy_compile(globals(), "_COPULA_RANK",
                            rf"(?:{'|'.join(COPULAS)})\s+[a-z]+(?:st|nd|rd|th)\b",
                            re.IGNORECASE)
_RANKING_AFTER = lazy_compile(
    globals(), "_RANKING_AFTER",
    r"\s*(?:[,;:.)]|$)|\s+(?:with|by|at|among|behind|after|ahead|overall|globally|"
    r"worldwide|again|in\s+(?:the\s+)?(?:world|[A-Z]\w*|terms)\b)", re.IGNORECASE)
_IS_AT = lazy_compile(globals(), "_IS_AT", r"is\s+(?=\S)", re.IGNORECASE)
_FROM_BEFORE = lazy_compile(globals(), "_FROM_BEFORE", r"(?<![A-Za-z])from\s+$", re.IGNORECASE)
#: a change verb right before a figure (no "by": "rise by 5% to 7%" may be a range)
_CHANGE_BEFORE = lazy_compile(globals(), "_CHANGE_BEFORE",
    r"(?<![A-Za-z])(?:rose|fell|gained|lost|dropped|climbed|slipped|jumped|declined|"
    r"increased|decreased|grew|shed|added|slid|surged|tumbled|(?:was|were|is|are)\s+(?:up|down)"
    r")\s+$", re.IGNORECASE)
_NAME = r"(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}"
_OF_TARGET = lazy_compile(
    globals(), "_OF_TARGET",  # "one-tenth of China's", "half that of Australia"
    rf"\s+(?:of\s+(?P<poss>{_NAME}['’]s?)|(?:of\s+)?(?P<that>(?:that|those)\s+of\s+{_NAME}))"
)
_TARGET_AFTER = lazy_compile(globals(), "_TARGET_AFTER",
    r"\s+(?P<target>(?:that\s+of\s+)?(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}(?:['’]s?)?)"
)


def _value(expr: Expr, ton: Ton) -> Value | None:
    if expr.fraction is not None:
        x = expr.fraction * _HUNDRED
        h = iv.fraction_word_half_width(x)
        return _make_value(x, h, expr.qualifier, "percent", ton)
    if not expr.amounts:
        return None
    if expr.kind == "range":
        lo, hi = expr.amounts
        unit = hi.unit or lo.unit
        info = unit_info(unit, ton)
        speaker = iv.scale(iv.span(lo.x, hi.x), info.factor)
        return _finish(Value(speaker, speaker, info.name, info.dimension, (lo.x, hi.x), unit))
    a = expr.amounts[0]
    return _make_value(a.x, a.h, expr.qualifier, a.unit, ton)


def _make_value(x: Fraction, h: Fraction, qualifier: str, unit: str, ton: Ton) -> Value:
    info = unit_info(unit, ton)
    speaker = iv.reading(x, h, qualifier, "speaker")
    strict = speaker if qualifier in _SAME_READINGS else iv.reading(x, h, qualifier, "strict")
    if info.factor != 1:
        speaker, strict = iv.scale(speaker, info.factor), iv.scale(strict, info.factor)
    return _finish(Value(speaker, strict, info.name, info.dimension, (x,), unit))


_SAME_READINGS = (iv.EXACT, iv.APPROX)


def _finish(value: Value) -> Value:
    """Clip a share to [0, 100] - unless it is written above 100 (a 240% rise, a 120%
    tariff) or below 0 (负3.5%), which is no share of anything and keeps its interval.
    The number as written is never clipped."""
    low = value.speaker.low
    if value.dimension == "share" and low is not None and low < _HUNDRED and not (
            _within_share(value.speaker) and _within_share(value.strict)) and not any(
            x < 0 for x in value.stated):  # 负3.5%: a fall, no share either
        return Value(iv.clip_share(value.speaker), iv.clip_share(value.strict), value.unit,
                     value.dimension, value.stated, value.stated_unit)
    return value


def _within_share(interval: Interval) -> bool:
    return (interval.low is not None and interval.high is not None and interval.low >= 0
            and interval.high <= _HUNDRED)


_HALF = Fraction(1, 2)
_NOT_HALF_BEFORE = lazy_compile(globals(), "_NOT_HALF_BEFORE",
    r"(?<![A-Za-z])(?:first|second|latter|former|other|back|front|top|bottom|in|and|"
    r"[A-Za-z]+-|[A-Za-z]+ly)\s*$", re.IGNORECASE)
_NOT_HALF_AFTER = lazy_compile(globals(), "_NOT_HALF_AFTER",
    r"-[A-Za-z]|\s+(?:time|year|hour|day|century|decade|dozen|a\s)", re.IGNORECASE)
_TIME_AFTER = lazy_compile(globals(), "_TIME_AFTER",
                           r"\s+(?:earlier|later|ago|before|after|previously)\b", re.IGNORECASE)
_TOP_NOUN_AFTER = lazy_compile(globals(), "_TOP_NOUN_AFTER",
    r"\s+(?:(?:global|world|oil|rare[- ]earths?|metal|copper|gas|coal|steel|chip|car|"
    r"lithium|cobalt|nickel)\s+)?(?:producers?|exporters?|importers?|suppliers?|consumers?|"
    r"miners?|refiners?|processors?|holders?|buyers?|sellers?|sources?|markets?|"
    r"destinations?|manufacturers?|makers?|emitters?|investors?|spenders?|"
    r"trading\s+partners?|economy|economies)\b", re.IGNORECASE)
_NOT_RANK_CN_AFTER = lazy_compile(
    globals(), "_NOT_RANK_CN_AFTER", r"限度|化|程度|值|公约数|努力|可能")
_DROP = "drop"
_SHORTER = "shorter"


def _judge(expr: Expr, text: str, start: int, end: int) -> str:
    """"" to keep a mention, ``drop`` for a non-quantity, ``shorter`` to try a shorter parse."""
    before = text[max(0, start - 40):start]
    if expr.kind == "range" and (expr.mixed_units or (
            expr.connector == "to" and _FROM_BEFORE.search(before)) or (
            expr.connector == "to" and expr.amounts[1].x >= 2 * expr.amounts[0].x > 0
            and _CHANGE_BEFORE.search(before))):
        return _SHORTER  # "from 5% to 7%", "fell 3 percentage points to 83%", "fell 3p to
        # 164p" (a change, then the level it led to): not ranges
    if expr.kind == "range" and expr.connector == "to" and any(
            a.year_like for a in expr.amounts):
        return _SHORTER  # "10 GWh in 2024 to 300 GWh": a year is never a range end
    counts = False
    if expr.kind in ("quantity", "range") and expr.amounts and expr.fraction is None:
        counts = all(a.unit == "" and a.scale == 1 for a in expr.amounts)
        if counts and all(a.year_like for a in expr.amounts[:1]):
            return _DROP  # a year: in 2023, by 2030, 2020-2025
        if (counts or expr.amounts[-1].unit in _GLUED_LETTER_UNITS) and \
                _LABEL_BEFORE.search(before):
            return _DROP  # Section 301, Group 2:, Section 5C
        if counts and expr.kind == "quantity" and (
                before.endswith("第") or (text[start] in CN_START_CHARS and
                                         not bare_numeral_is_count(text, start, end))):
            return _DROP  # 第十二 (a rank), 一 in 统一, 十 in 十分 (see parse.chinese)
        if counts and len(expr.amounts) == 1 and text[end:end + 1] in (".", ")") and \
                _LIST_START.match(text[:start]) and not text[end + 1:end + 2].isdigit():
            return _DROP  # list numbering
    if counts and expr.kind == "range" and expr.connector in _DASHES and \
            expr.amounts[0].x >= expr.amounts[1].x:
        return _DROP  # a score or a vote: won 2-0, ended 3-3, 6-3 in favour (no range falls)
    if counts and expr.amounts[0].x == 0 and _ZERO_TO.match(text, end):
        return _DROP  # its 0-to-60-mph time
    if counts and _PHONE_BEFORE.search(before):
        return _DROP  # 0800 123 4567: a phone number's digit groups
    if counts and _MODEL_NUMBER.search(text, max(0, start - 10), end):
        return _DROP  # the Boeing 737 MAX
    if expr.kind == "range" and expr.amounts[0].x == 0 and \
            unit_info(expr.amounts[1].unit).dimension == "speed":
        return _DROP  # 0-60 mph in 3 seconds: an acceleration, no range of speeds
    if expr.kind == "range" and expr.amounts[0].year_like and _TIME_PREP_BEFORE.search(before):
        return _SHORTER  # "in 2024-300 GWh": not a range (but "in 2013-14" is dropped above)
    if expr.kind == "rank" and _NOT_A_RANK_BEFORE.search(before):
        return _DROP  # one of the largest
    if expr.kind == "rank" and _COPULA_RANK.match(text, start) and \
            not _RANKING_AFTER.match(text, end):
        return _DROP  # "was second to report", "is first in line": no place in a ranking
    if expr.fraction is not None and expr.fraction == _HALF and (
            _NOT_HALF_BEFORE.search(before) or _NOT_HALF_AFTER.match(text, end)):
        return _DROP  # the second half of the year, cut in half, a half-year
    if (expr.fraction is not None and _OF_A_PERCENT.match(text, end)) or (
            _FRACTION_OF_BEFORE.search(before) and _OF_A_PERCENT.match(f" of {text[start:end]}")):
        return _DROP  # "a quarter of one per cent": a fraction of a point, read as no share
        # (neither the fraction nor the point)
    if expr.fraction is not None and _TIME_AFTER.match(text, end) and \
            text[start:end].lower().endswith(("quarter", "half")):
        return _DROP  # "a quarter earlier", "half a year ago": a time, no share
    if expr.kind == "rank" and expr.rank == 1:
        word = text[start:end].lower()
        if word.endswith("top") and not _TOP_NOUN_AFTER.match(text, end):
            return _DROP  # top officials, on top of, the top 10: not "the largest"
        if word.endswith(("最大", "最小")) and _NOT_RANK_CN_AFTER.match(text, end):
            return _DROP  # 最大限度, 最大化
    return ""


_DASHES = ("-", "–", "—")
_FRACTION_OF_BEFORE = lazy_compile(
    globals(), "_FRACTION_OF_BEFORE",
    r"\b(?:half|quarter|third|fifth|tenth|fraction)s?\s+of\s+(?:a\s+)?$", re.IGNORECASE)
_OF_A_PERCENT = lazy_compile(globals(), "_OF_A_PERCENT",
                             r"\s+of\s+(?:one|a|1)\s*(?:per\s*cent|percent(?:age\s+point)?|%)",
                             re.IGNORECASE)
_GLUED_LETTER_UNITS = frozenset({"degree_Celsius", "degree_Fahrenheit"})  # 30C, 86F
_MODEL_NUMBER = lazy_compile(globals(), "_MODEL_NUMBER", r"(?<![A-Za-z])Boeing\s+7\d7$")
_ZERO_TO = lazy_compile(globals(), "_ZERO_TO", r"-to-\d|\s*-\s*\d+\s*-?(?:mph|km/h)", re.IGNORECASE)
_PHONE_BEFORE = lazy_compile(globals(), "_PHONE_BEFORE", r"(?<![\d,.])0\d{2,4}(?: \d{3,4}){0,2} $")
_TIME_PREP_BEFORE = lazy_compile(globals(), "_TIME_PREP_BEFORE",
    r"(?<![A-Za-z])(?:in|by|since|until|till|during|before|after|of)\s+$", re.IGNORECASE)


#: A mention found in a sentence, before the sentence's offset and location are known:
#: (start, end, text, kind, value, qualifier, rank, rank_order, comparison).
_Kind = Literal["quantity", "range", "rank", "comparison", "multiple"]
_Order = Literal["largest", "smallest", ""]
_Found = tuple[int, int, str, _Kind, Value | None, str, int | None, _Order, Comparison | None]


def _to_found(expr: Expr, value: Value | None, text: str, start: int, end: int) -> _Found:
    comparison: Comparison | None = None
    kind: _Kind = expr.kind
    if kind != "comparison" and _IS_AT.match(text, start):
        start = _IS_AT.match(text, start).end()  # type: ignore[union-attr]
    if kind == "rank":
        the = _THE_BEFORE.search(text, max(0, start - 8), start)
        if the is not None:
            start = the.start()
    elif kind == "comparison":
        m = _TARGET_AFTER.match(text, end)
        comparison = Comparison(_op(expr.op), None, m.group("target") if m else "")
    elif expr.fraction is not None:
        m = _OF_TARGET.match(text, end)
        if m is not None:
            target = m.group("poss") or m.group("that")
            kind = "comparison"
            comparison = _fraction_comparison(expr, target)
            end = m.start("poss") if m.group("poss") else m.start("that")
            while end > start and text[end - 1].isspace():
                end -= 1
            value = None
    return (start, end, text[start:end], kind, value, expr.qualifier, expr.rank,
            expr.rank_order, comparison)


def _in_context(found: _Found, expr: Expr, text: str, ton: Ton) -> _Found:
    """``found`` after the words around it (:mod:`factlint.parse.context`): a minus before
    it, "points" after a bare number that move a percent, a length after "30m"."""
    start, end, _, kind, value, qualifier, rank, order, comparison = found
    if kind != "quantity" or value is None or len(expr.amounts) != 1:
        return found
    amount = expr.amounts[0]
    if not amount.unit and amount.scale == 1 and expr.fraction is None and \
            (points_end := points_are_percentage_points(text, end)) is not None:
        value = _make_value(amount.x, amount.h, expr.qualifier, "percentage_point", ton)
        end = points_end
    if not amount.unit and amount.scale == _MILLION and metres_not_millions(text, start, end):
        value = _make_value(amount.x / _MILLION, amount.h / _MILLION, expr.qualifier, "metre",
                            ton)  # "30m of water", "the 100m final"
    sign = sign_start(text, start)
    if sign is not None:
        value, start = negated(value), sign
    if (start, end) == found[:2] and value is found[4]:
        return found
    return (start, end, text[start:end], kind, value, qualifier, rank, order, comparison)


Op = Literal["gt", "lt", "ge", "le", "eq", "slightly_above", "slightly_below"]
_OP_NAMES: dict[str, Op] = {op: op for op in typing.get_args(Op)}


def _op(name: str) -> Op:
    return _OP_NAMES[name]


_OPS = {iv.UNDER: "lt", iv.OVER: "gt", iv.AT_LEAST: "ge", iv.UP_TO: "le"}


def _fraction_comparison(expr: Expr, target: str) -> Comparison:
    """``less than one-tenth of China's``: op lt, factor one-tenth as written."""
    assert expr.fraction is not None
    x = expr.fraction
    h = iv.fraction_word_half_width(x)
    op = _OPS.get(expr.qualifier, "eq")
    factor: Interval = iv.reading(x, h, iv.EXACT if op != "eq" else expr.qualifier)
    return Comparison(_op(op), factor, target)


def _year_or_label(text: str, start: int, end: int) -> bool:
    """Whether the number at ``[start, end)`` is a year or follows a label (``Group 2``)."""
    return ((end - start == 4 and text[start:end].isdigit() and "1900" <= text[start:end] <= "2100")
            or _LABEL_BEFORE.search(text, max(0, start - 12), start) is not None)


def may_hold_mention(text: str) -> bool:
    """Whether ``text`` (a segment, or any span of it) holds a candidate: a digit, a Chinese
    numeral, or a number, fraction, rank or comparative word. A span with none holds no
    mention and no digit, in any of its sentences (one regex search)."""
    return _state().candidate.search(padded_lower(text)) is not None


def find_mentions(text: str, offset: int = 0, ton: Ton = "metric",
                  locate: Locate | None = None) -> list[Mention]:
    """Every quantity / range / rank / comparison / multiple expression in one sentence,
    left to right, non-overlapping, longest match. Mention.start/end = offset + index in
    text; Mention.location is ``locate(start, end)``, or None without ``locate`` (then the
    caller fills it).

    A sentence with no candidate (no digit, number, fraction, rank or comparative word, no
    Chinese numeral) costs one regex search. Elsewhere, tokens are made only from the start
    positions the anchor finds, and a figure's meaning is computed once per process; a
    sentence seen before in this process (boilerplate, headings) is not parsed again.
    """
    st = _state()
    key = (ton, text)
    found = st.sentences.get(key)
    if found is None:
        found = st.sentences.remember(key, tuple(_scan(st, text, ton)))
    if not found:
        return []
    return [Mention(offset + s, offset + e, written, kind, value, qualifier,
                    rank, order, comparison,
                    None if locate is None else locate(offset + s, offset + e))
            for s, e, written, kind, value, qualifier, rank, order, comparison in found]


#: verbs whose particle "over" is no bound: "handed over 766 aircraft", "took over 40 stores"
_PHRASAL = lazy_compile(
    globals(), "_PHRASAL",
    r"\b(?:hand(?:ed|s|ing)?|turn(?:ed|s|ing)?|t[ao]ok|tak(?:e|es|ing|en)|pass(?:ed|es|ing)?|"
    r"sign(?:ed|s|ing)?|carr(?:y|ied|ies|ying)|h[ae]nd)\s+$", re.IGNORECASE)


#: verbs of movement whose particle "up" is no "up to" bound: "edged up to £10.24"
_MOVED = lazy_compile(
    globals(), "_MOVED",
    r"\b(?:(?:edg|inch|tick|mov|climb|jump|pick|round|revis|push|bump|step|ramp|scal|nudg|"
    r"drift|cre?ep|shoot)(?:e|es|ed|ing|s)?|crept|went|goes|go|gone|shot|came|come)\s+$",
    re.IGNORECASE)


def _scan(st: _State, text: str, ton: Ton) -> list[_Found]:
    """The mentions of one sentence, at indexes into ``text`` (see :func:`find_mentions`)."""
    padded = padded_lower(text)  # index i: the character before text[i]
    anchor = st.anchor
    m = anchor.search(padded)
    if m is None or (not (m.end() - m.start() == 1 and text[m.start() - 1].isdigit())
                     and st.candidate.search(padded) is None):
        return []  # no start at all, or none of the tokens a mention needs
    out: list[_Found] = []
    pos = 0
    while True:
        if m is None:
            m = anchor.search(padded, pos)
            if m is None:
                return out
        at = m.start()
        if m.end() - at == 1:  # a start character at text[at - 1]
            if at - 1 < pos:
                m = anchor.search(padded, at + 1)
                if m is None:
                    return out
                continue
            start, anchor_end = at - 1, at
            m = None
        elif at < pos:
            m = None
            continue
        elif at - 1 >= pos and st.start_char.match(text, at - 1):
            start, anchor_end = at - 1, at  # a start character right before the word: first
        else:  # a start word at text[at]
            start, anchor_end = at, m.end() - 1
            m = None
        if text[start:start + 5].lower() == "over " and _PHRASAL.search(
                text, max(0, start - 16), start):
            pos = start + 4  # "handed over 766 aircraft": a verb's particle, not a bound
            continue
        if text[start:start + 6].lower() == "up to " and _MOVED.search(
                text, max(0, start - 16), start):
            pos = start + 2  # "edged up to £10.24": where it moved to, not a bound
            continue
        if anchor_end == start + 1:
            lone = lone_number(text, start)
            if lone is not None and _nothing_at(st, text, start, lone):
                pos = lone[0]
                continue  # a year, a label (Group 2), a day (5 March): nothing to build
        fed, accepts = _longest(st, text, start)
        next_pos = max(anchor_end, start + 1)
        if fed and (fed[0][0] == OTHER or (fed[0][0] == "NUMWORD" and not accepts)):
            next_pos = max(next_pos, fed[0][2])  # a name, a date; a count in words, whole
        if accepts == [1] and fed[0][0] == "NUM" and _year_or_label(text, start, fed[0][2]):
            pos = max(next_pos, fed[0][2])
            continue  # a year or a label (Group 2): no need to build anything
        for n in reversed(accepts):
            built = _build(st, text, fed, n, ton)
            if built is None:
                continue
            expr, value = built
            end = fed[n - 1][2]
            verdict = _judge(expr, text, start, end)
            if verdict == _SHORTER:
                continue
            next_pos = max(next_pos, end)
            if verdict == "":
                found = _in_context(_to_found(expr, value, text, start, end), expr, text, ton)
                next_pos = max(next_pos, found[1])
                out.append(found)
            break
        pos = next_pos


def _nothing_at(st: _State, text: str, start: int, lone: tuple[int, str, bool]) -> bool:
    """Whether the plain number at ``start`` (see :func:`factlint.parse.tokens.lone_number`) is
    skipped whole by the general path: the day of a date, or a year or a labelled number
    (``Group 2``) that no lexeme after it can extend. Decided without lexing."""
    end, after, day = lone
    if day:
        return True
    if not _year_or_label(text, start, end):
        return False
    if not after:
        return True
    walker = st.walker
    found = walker.edges.get((st.after_number, after))
    return (found or walker.step(st.after_number, after))[0] == lalr.Walker.DEAD


def _build(st: _State, text: str, fed: Sequence[tuple[str, int, int]], n: int,
           ton: Ton) -> _Built:
    """(Expr, Value) of the first ``n`` lexemes, or None when they mean nothing; memoised
    on their text and terminals (the same figure recurs across a corpus)."""
    start, end = fed[0][1], fed[n - 1][2]
    key = (ton, text[start:end], tuple([(t, s - start) for t, s, _ in fed[:n]]))
    memo = st.memo
    if key in memo:
        return memo[key]
    built: _Built
    try:
        template = st.walker.template(tuple([t for t, _, _ in fed[:n]]))
        tokens = [Lexeme(t, text[s:e]) for t, s, e in fed[:n]]
        expr = st.transformer.transform_template(template, tokens)
        built = expr, _value(expr, ton)
    except (UnexpectedInput, ValueError, KeyError):
        built = None
    return memo.remember(key, built)
