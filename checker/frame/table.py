"""Frame a Markdown table cell: the row names the subject, the column header the measure.

A header that is a year or quarter is the period, and the measure comes from the nearest
heading or caption; a unit in the header (``Reserves (Mt)``, ``$bn``, ``Share of world``)
applies to bare numbers in its cells; rows named World / Total / Global are totals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction

from factlint import interval, periods
from factlint.frame.claims import DocContext
from factlint.frame.lexicon import Lexicon
from factlint.model import Claim, ClaimKind, Location, Mention, Period, Sentence, Value
from factlint.parse.units import surface_unit, unit_info
from factlint.util.lazyre import lazy_compile

_YEAR_HEADER = lazy_compile(globals(), "_YEAR_HEADER", r"^\s*(?:FY\s*)?(?P<y>(?:19|20)\d\d)\s*$")
_QUARTER_HEADER = lazy_compile(
    globals(), "_QUARTER_HEADER", r"^\s*Q(?P<q>[1-4])\s*(?P<y>(?:19|20)\d\d)\s*$")
_PAREN = lazy_compile(globals(), "_PAREN", r"\(([^)]*)\)")
_SCALES = {"k": 10**3, "thousand": 10**3, "thousands": 10**3, "m": 10**6, "mn": 10**6,
           "million": 10**6, "millions": 10**6, "bn": 10**9, "b": 10**9, "billion": 10**9,
           "billions": 10**9, "tn": 10**12, "trillion": 10**12, "万": 10**4, "亿": 10**8}
_CURRENCIES = {"$": "dollar", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
               "gbp": "GBP", "a$": "AUD", "aud": "AUD", "c$": "CAD", "cad": "CAD", "¥": "JPY",
               "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "美元": "USD"}
_SHARE_HEADER = lazy_compile(
    globals(), "_SHARE_HEADER", r"\b(?:share|percent|per\s+cent)\b|%", re.IGNORECASE)
_MARKUP = lazy_compile(globals(), "_MARKUP", r"[*_`]+")
_PER = lazy_compile(
    globals(), "_PER", r"\b(?:by|per)\s+(?:year|country|region|quarter|month)\b", re.IGNORECASE)
_YEAR_WORDS = lazy_compile(globals(), "_YEAR_WORDS", r"\b(?:in|of)?\s*(?:19|20)\d\d\b")
_SHARE_WORDS = lazy_compile(
    globals(), "_SHARE_WORDS", r"\b(?:share|percent|per cent)\s+of\b|\bshare\b|%", re.IGNORECASE)
_GENERIC = lazy_compile(
    globals(), "_GENERIC", r"^\s*(?:share(?:\s+of\s+(?:the\s+)?(?:world|global|total))?|value|"
                      r"values|figure|amount|%|total)\s*$", re.IGNORECASE)


def _strip_markup(text: str) -> str:
    return _MARKUP.sub("", text).strip()


def _header_unit(header: str) -> tuple[str, Fraction] | None:
    """(unit name, scale) declared by a header, or None."""
    if _SHARE_HEADER.search(header):
        return "percent", Fraction(1)
    for inner in _PAREN.findall(header):
        tokens = re.findall(r"US\$|A\$|C\$|[$€£¥]|[A-Za-z]+|[\u4e00-\u9fff]+", inner)
        unit, scale = "", Fraction(1)
        for tok in tokens:
            low = tok.lower()
            if low in _CURRENCIES:
                unit = _CURRENCIES[low]
            elif low in _SCALES and not unit.endswith("tonne"):
                scale *= _SCALES[low]
            else:
                name = surface_unit(tok)
                if name is not None:
                    unit = name
        if unit:
            return unit, scale
        if scale != 1:
            return "", scale
    return None


def _cell_value(mention: Mention, header: str, ton: str) -> Value | None:
    value = mention.value
    if value is None or mention.kind not in ("quantity", "range"):
        return None
    if value.dimension != "count":
        return value
    declared = _header_unit(header)
    if declared is None:
        return None
    unit, scale = declared
    info = unit_info(unit, ton) if unit else None
    factor = scale * (info.factor if info else 1)
    speaker = interval.scale(value.speaker, factor)
    strict = interval.scale(value.strict, factor)
    if info is not None and info.dimension == "share":
        speaker, strict = interval.clip_share(speaker), interval.clip_share(strict)
    return Value(speaker, strict, info.name if info else "", info.dimension if info else "count")


def frame_cell(
    sentence: Sentence, ctx: DocContext, lexicon: Lexicon, locate: Callable[[int, int], Location],
    ton: str = "metric",
) -> list[Claim]:
    """The claims of one table cell (usually one, or none)."""
    cell = sentence.table
    if cell is None or not cell.row_subject or len(sentence.mentions) != 1:
        return []
    if _strip_markup(sentence.text) == _strip_markup(cell.row_subject):
        return []  # the subject cell itself
    mention = sentence.mentions[0]
    header = _strip_markup(cell.header)
    period: Period | None = None
    measure_text = header
    if (m := _YEAR_HEADER.match(header)) is not None:
        period = Period(frozenset({int(m.group("y"))}), stated=True)
        measure_text = cell.caption
    elif (m := _QUARTER_HEADER.match(header)) is not None:
        period = Period(frozenset({int(m.group("y"))}), "quarter", f"Q{m.group('q')}", True)
        measure_text = cell.caption
    elif _GENERIC.match(_PAREN.sub("", header)):
        measure_text = cell.caption
    if period is None:
        stated = periods.stated_periods(cell.caption, ctx.doc.date)
        distinct = {p[2] for p in stated}
        period = distinct.pop() if len(distinct) == 1 else periods.as_of(ctx.doc.date)
    by_period = _YEAR_HEADER.match(header) or _QUARTER_HEADER.match(header)
    value = _cell_value(mention, cell.caption if by_period else header, ton)
    if value is None:
        return []
    measure_text = _PAREN.sub("", measure_text)
    measure_text = _PER.sub("", measure_text)
    measure_text = _YEAR_WORDS.sub("", measure_text)
    measure_text = _SHARE_WORDS.sub("", measure_text).strip(" :-,")
    key = lexicon.measure_key(measure_text, "", ctx.topic) if measure_text else None
    if key is None:
        return []
    subject_text = _strip_markup(cell.row_subject)
    subject = "World" if cell.is_total_row else (lexicon.place(subject_text) or subject_text)
    kind: ClaimKind = "share" if value.dimension == "share" else "level"
    mention = Mention(mention.start, mention.end, mention.text, mention.kind, value,
                      mention.qualifier, location=mention.location)
    return [Claim(
        mention=mention, location=locate(mention.start, mention.end),
        text=f"{subject_text} | {cell.header.strip()} | {mention.text}",
        subject=subject, measure=key, kind=kind, period=period, doc_index=ctx.doc.index,
        subject_text=subject_text, measure_text=measure_text,
    )]
