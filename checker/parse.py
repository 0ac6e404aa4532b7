"""Parse: the quantity, range, rank, comparison and multiple expressions of one sentence.

From every position where a start terminal of ``grammar/quantity.lark`` occurs (found by
:func:`factlint.tokens.anchor_regex`), the tokens of :mod:`factlint.tokens` are fed to an
interactive LALR parser, keeping the longest prefix that accepts; the tree becomes a
:class:`~factlint.model.Mention` through :class:`MentionTransformer`. Values follow
DESIGN.md, "What a value means" (see :mod:`factlint.interval`); units come from
:mod:`factlint.units`.

Not quantities: citation markers, dates, times, years, model names, ``Section 301``,
``Group 2:``, list numbering (:func:`has_unexplained_digit` knows them all).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import typing
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Literal

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput

from factlint import interval as iv
from factlint import lalr
from factlint.model import Comparison, Interval, Mention, Value
from factlint.tokens import OTHER, anchor_regex, lexemes
from factlint.transform import Expr, Lexeme, MentionTransformer
from factlint.units import unit_info

Ton = Literal["metric", "short"]
_HUNDRED = Fraction(100)


# ------------------------------------------------------------------ the parser state


class _Walker:
    """Walks the LALR tables over token types, remembering every prefix it has seen.

    Whether a sequence of terminals can be fed, and whether it then accepts, depends on the
    types only; so each prefix is fed to lark once per process and looked up afterwards.
    The grammar has no recursion, so the set of viable prefixes is small and finite.
    """

    DEAD, VIABLE, ACCEPTS = 0, 1, 2

    def __init__(self, parser: Lark) -> None:
        self.parser = parser
        self._snapshots: list[Any] = [parser.parse_interactive()]  # index: a state id
        self._edges: dict[tuple[int, str], tuple[int, int]] = {}
        self._templates: dict[tuple[str, ...], Tree[Token]] = {}

    def step(self, state: int, terminal: str) -> tuple[int, int]:
        """(DEAD, VIABLE or ACCEPTS; the next state) for ``terminal`` fed in ``state``
        (state 0 is the start; a state stands for the prefix of terminals fed so far)."""
        found = self._edges.get((state, terminal))
        if found is not None:
            return found
        result, nxt = self.DEAD, -1
        base = self._snapshots[state]
        if terminal in base.choices():
            ip = base.copy()
            try:
                ip.feed_token(Token(terminal, ""))
            except UnexpectedInput:
                pass
            else:
                result = self.ACCEPTS if "$END" in ip.choices() else self.VIABLE
                self._snapshots.append(ip)
                nxt = len(self._snapshots) - 1
        self._edges[(state, terminal)] = (result, nxt)
        return result, nxt

    def template(self, terminals: tuple[str, ...]) -> Tree[Token]:
        """The parse tree of an accepting sequence of terminals, with each token's value its
        index in the sequence. The shape depends on the terminals only: built once each."""
        found = self._templates.get(terminals)
        if found is None:
            ip = self.parser.parse_interactive()
            for i, terminal in enumerate(terminals):
                ip.feed_token(Token(terminal, str(i)))
            found = ip.feed_eof()  # type: ignore[no-untyped-call]
            self._templates[terminals] = found
        return found


@dataclasses.dataclass(frozen=True)
class _State:
    walker: _Walker
    anchor: re.Pattern[str]
    transformer: MentionTransformer


@functools.lru_cache(maxsize=1)
def _state() -> _State:
    parser = lalr.parser()
    return _State(_Walker(parser), anchor_regex(lalr.start_terminals()), MentionTransformer())


_MAX_TOKENS = 12


def _longest(st: _State, text: str, start: int) -> tuple[list[tuple[str, int, int]], list[int]]:
    """Lexemes fed from ``start`` and the prefix lengths that accept (an OTHER first lexeme
    is returned alone, so that the caller can skip a date or a name whole)."""
    walker = st.walker
    fed: list[tuple[str, int, int]] = []
    accepts: list[int] = []
    state = 0
    for lexeme in lexemes(text, start):
        result, state = walker.step(state, lexeme[0])
        if result == _Walker.DEAD:
            if not fed and lexeme[0] == OTHER:
                fed.append(lexeme)
            break
        fed.append(lexeme)
        if result == _Walker.ACCEPTS:
            accepts.append(len(fed))
        if len(fed) >= _MAX_TOKENS:
            break
    return fed, accepts


# ------------------------------------------------------------------ building mentions

_LABEL_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:section|sections|group|article|chapter|part|phase|figure|fig\.|table|"
    r"item|step|tier|class|category|round|title|page|pages|line|paragraph|rule|note|grade|"
    r"level|stage|version|v|no\.|#|number|annex|appendix|clause|schedule|exhibit|cohort|"
    r"batch|block|unit|lot|zone|region|district|route|highway|flight|model|type|series)"
    r"\s*$",
    re.IGNORECASE,
)
_LIST_START = re.compile(r"^\s*(?:[-*•]\s*)?$")
_NOT_A_RANK_BEFORE = re.compile(
    r"(?:\b(?:one|some|two|three|four|five|several|many|among)\s+of\s+(?:the\s+)?|"
    r"\bamong\s+(?:the\s+)?)(?:world['’]s\s+)?$",
    re.IGNORECASE,
)
_THE_BEFORE = re.compile(r"(?<![A-Za-z])the\s+$", re.IGNORECASE)
_IS_AT = re.compile(r"is\s+(?=\S)", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?<![A-Za-z])from\s+$", re.IGNORECASE)
_NAME = r"(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}"
_OF_TARGET = re.compile(  # "one-tenth of China's", "half that of Australia"
    rf"\s+(?:of\s+(?P<poss>{_NAME}['’]s?)|(?:of\s+)?(?P<that>(?:that|those)\s+of\s+{_NAME}))"
)
_TARGET_AFTER = re.compile(
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
        return _finish(Value(speaker, speaker, info.name, info.dimension))
    a = expr.amounts[0]
    return _make_value(a.x, a.h, expr.qualifier, a.unit, ton)


def _make_value(x: Fraction, h: Fraction, qualifier: str, unit: str, ton: Ton) -> Value:
    info = unit_info(unit, ton)
    speaker = iv.reading(x, h, qualifier, "speaker")
    strict = speaker if qualifier in _SAME_READINGS else iv.reading(x, h, qualifier, "strict")
    if info.factor != 1:
        speaker, strict = iv.scale(speaker, info.factor), iv.scale(strict, info.factor)
    return _finish(Value(speaker, strict, info.name, info.dimension))


_SAME_READINGS = (iv.EXACT, iv.APPROX)


def _finish(value: Value) -> Value:
    """Clip a share to [0, 100] - unless it is written above 100 (a 240% rise, a 120%
    tariff), which is no share of anything and keeps its interval."""
    low = value.speaker.low
    if value.dimension == "share" and low is not None and low < _HUNDRED and not (
            _within_share(value.speaker) and _within_share(value.strict)):
        return Value(iv.clip_share(value.speaker), iv.clip_share(value.strict), value.unit,
                     value.dimension)
    return value


def _within_share(interval: Interval) -> bool:
    return (interval.low is not None and interval.high is not None and interval.low >= 0
            and interval.high <= _HUNDRED)


_HALF = Fraction(1, 2)
_NOT_HALF_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:first|second|latter|former|other|back|front|top|bottom|in|and|"
    r"[A-Za-z]+-|[A-Za-z]+ly)\s*$", re.IGNORECASE)
_NOT_HALF_AFTER = re.compile(
    r"-[A-Za-z]|\s+(?:time|year|hour|day|century|decade|dozen|a\s)", re.IGNORECASE)
_TOP_NOUN_AFTER = re.compile(
    r"\s+(?:(?:global|world|oil|rare[- ]earths?|metal|copper|gas|coal|steel|chip|car|"
    r"lithium|cobalt|nickel)\s+)?(?:producers?|exporters?|importers?|suppliers?|consumers?|"
    r"miners?|refiners?|processors?|holders?|buyers?|sellers?|sources?|markets?|"
    r"destinations?|manufacturers?|makers?|emitters?|investors?|spenders?|"
    r"trading\s+partners?|economy|economies)\b", re.IGNORECASE)
_NOT_RANK_CN_AFTER = re.compile(r"限度|化|程度|值|公约数|努力|可能")
_DROP = "drop"
_SHORTER = "shorter"


def _judge(expr: Expr, text: str, start: int, end: int) -> str:
    """"" to keep a mention, ``drop`` for a non-quantity, ``shorter`` to try a shorter parse."""
    before = text[max(0, start - 40):start]
    if expr.kind == "range" and (expr.mixed_units or (
            expr.connector == "to" and _FROM_BEFORE.search(before))):
        return _SHORTER  # "from 5% to 7%", "fell 3 percentage points to 83%": not ranges
    if expr.kind in ("quantity", "range") and expr.amounts and expr.fraction is None:
        counts = all(a.unit == "" and a.scale == 1 for a in expr.amounts)
        if counts and all(a.year_like for a in expr.amounts[:1]):
            return _DROP  # a year: in 2023, by 2030, 2020-2025
        if counts and _LABEL_BEFORE.search(before):
            return _DROP  # Section 301, Group 2:
        if counts and len(expr.amounts) == 1 and text[end:end + 1] in (".", ")") and \
                _LIST_START.match(text[:start]) and not text[end + 1:end + 2].isdigit():
            return _DROP  # list numbering
    if expr.kind == "rank" and _NOT_A_RANK_BEFORE.search(before):
        return _DROP  # one of the largest
    if expr.fraction == _HALF and (_NOT_HALF_BEFORE.search(before)
                                   or _NOT_HALF_AFTER.match(text, end)):
        return _DROP  # the second half of the year, cut in half, a half-year
    if expr.kind == "rank" and expr.rank == 1:
        word = text[start:end].lower()
        if word.endswith("top") and not _TOP_NOUN_AFTER.match(text, end):
            return _DROP  # top officials, on top of, the top 10: not "the largest"
        if word.endswith(("最大", "最小")) and _NOT_RANK_CN_AFTER.match(text, end):
            return _DROP  # 最大限度, 最大化
    return ""


def _to_mention(
    expr: Expr, text: str, start: int, end: int, offset: int, ton: Ton
) -> Mention:
    comparison: Comparison | None = None
    kind = expr.kind
    value = _value(expr, ton)
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
    return Mention(
        start=offset + start,
        end=offset + end,
        text=text[start:end],
        kind=kind,
        value=value,
        qualifier=expr.qualifier,
        rank=expr.rank,
        rank_order=expr.rank_order,
        comparison=comparison,
    )


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


def _is_year(text: str, lexeme: tuple[str, int, int]) -> bool:
    _, s, e = lexeme
    return e - s == 4 and "1900" <= text[s:e] <= "2100"


def find_mentions(text: str, offset: int = 0, ton: Ton = "metric") -> list[Mention]:
    """Every quantity / range / rank / comparison / multiple expression in one sentence,
    left to right, non-overlapping, longest match. Mention.start/end = offset + index in
    text; Mention.location is left None (the caller fills it)."""
    st = _state()
    anchor = st.anchor
    out: list[Mention] = []
    pos = 0
    while True:
        m = anchor.search(text, pos)
        if m is None:
            return out
        start = m.start()
        fed, accepts = _longest(st, text, start)
        next_pos = max(m.end(), start + 1)
        if fed and fed[0][0] == OTHER:
            next_pos = max(next_pos, fed[0][2])
        if accepts == [1] and fed[0][0] == "NUM" and (
                _is_year(text, fed[0]) or _LABEL_BEFORE.search(text, max(0, start - 12), start)):
            pos = max(next_pos, fed[0][2])
            continue  # a year or a label (Group 2): no need to build anything
        for n in reversed(accepts):
            try:
                template = st.walker.template(tuple(t for t, _, _ in fed[:n]))
                tokens = [Lexeme(t, text[s:e]) for t, s, e in fed[:n]]
                expr = st.transformer.transform_template(template, tokens)
            except (UnexpectedInput, ValueError, KeyError):
                continue
            end = fed[n - 1][2]
            verdict = _judge(expr, text, start, end)
            if verdict == _SHORTER:
                continue
            next_pos = max(next_pos, end)
            if verdict == "":
                out.append(_to_mention(expr, text, start, end, offset, ton))
            break
        pos = next_pos


# ------------------------------------------------------------------ unexplained digits

_EXPLAINED = re.compile(
    r"\[\d+(?:\s*[-–,]\s*\d+)*\]"  # citation markers [1][6][21], [3-5]
    r"|\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}"  # dates
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?"
    r"|\d{1,2}:\d{2}(?::\d{2})?"  # times
    r"|\d+(?:\.\d+){2,}"  # version numbers
    r"|(?<![\d.,])(?:19|20)\d\d(?![\d,.]\d)"  # years
    r"|(?<![A-Za-z])(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2}(?!\d)"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)"
    r"|(?<![A-Za-z])[A-Za-z]+[-/.]?\d[\w-]*"  # model names F-35, A380, Q4, COVID-19, v2
    r"|(?<!\d)\d+[A-Za-z][\w-]*"  # 5G, 3D, 1990s, 21st
    r"|(?<![A-Za-z])(?:Section|Sections|Group|Article|Chapter|Part|Phase|Figure|Fig\.|"
    r"Table|Item|Step|Tier|Round|Title|Page|Annex|Appendix|Clause|No\.|#)\s*\d+"
    r"(?:\.\d+)*",
    re.IGNORECASE,
)
_LIST_NUMBER = re.compile(r"^\s*(?:[-*•]\s*)?\d+[.)]")
_DIGITS = re.compile(r"\d+")


def _mention_spans(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Spans of the mentions in ``text`` (their offsets include the sentence's offset)."""
    if not mentions:
        return []
    first = mentions[0]
    candidates = [first.start - i for i in _find_all(text, first.text)] or [0]
    for offset in candidates:
        if all(text[m.start - offset:m.end - offset] == m.text for m in mentions):
            return [(m.start - offset, m.end - offset) for m in mentions]
    return [(i, i + len(m.text)) for m in mentions for i in _find_all(text, m.text)]


def _find_all(text: str, needle: str) -> list[int]:
    out: list[int] = []
    i = text.find(needle) if needle else -1
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def has_unexplained_digit(text: str, mentions: Sequence[Mention]) -> bool:
    """True if the sentence has a digit outside every mention that is not a deliberate
    non-quantity (citation marker [1][6], a date, a time, a year, F-35, Section 301,
    Group 2:, list numbering).

    Cheap on purpose (it runs on every sentence): the regex of non-quantities is tried only
    in a small window around each digit run that no mention covers, after two quick checks
    for the commonest cases (a citation marker, a year).
    """
    first = _DIGITS.search(text)
    if first is None:
        return False
    covered = _mention_spans(text, mentions)
    lst = _LIST_NUMBER.match(text)
    list_end = lst.end() if lst is not None else -1
    n = len(text)
    for run in _DIGITS.finditer(text, first.start()):
        s, e = run.span()
        if e <= list_end or any(cs <= s and e <= ce for cs, ce in covered):
            continue
        before = text[s - 1] if s else ""
        after = text[e] if e < n else ""
        if before in "[,–-" and after in "],–-" and "[" in text[max(0, s - 12):s]:
            continue  # [1][6][21], [3-5]
        if e - s == 4 and text[s:s + 2] in ("19", "20") and before not in ".," and not (
                after in ",." and text[e + 1:e + 2].isdigit()):
            continue  # a year
        if not any(m.start() <= s and e <= m.end()
                   for m in _EXPLAINED.finditer(text, max(0, s - _WINDOW), min(n, e + _WINDOW))):
            return True
    return False


_WINDOW = 40  # the longest non-quantity around a digit run: "September 12", "Section 301.2"
