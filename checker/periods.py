"""When a claim holds: the period a sentence states, or the document's date.

One symmetric rule decides comparability (:func:`comparable`): two claims are compared only
when their periods have the same granularity and their year sets intersect; projections
only with projections. A claim with no stated period holds as of its document's date: the
year of the document and the year before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Sequence

from factlint.model import Period
from factlint.util.lazyre import lazy_compile

_YEAR = r"(?:19[5-9]\d|20\d\d)"
#: any month's name, as a regular expression group (periods, table headers, "in December")
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December)")
#: a month's short name, in a range only ("Jan-Sep 2025")
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_MONTH_NUMBERS = {name: n for n, name in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}

_PATTERNS = lazy_compile(globals(), "_PATTERNS",
    rf"""
    (?=[QtfsJFMASONDBbIiUudaln12eoHhc])  # the first letter of every branch: a quick test
    (?:(?P<half>\bH(?P<h>[12])\s*(?:of\s+)?(?P<hy>{_YEAR})(?:\b|(?=[fFeE]\b))
      |\b(?P<hy2>{_YEAR})\s*H(?P<h2>[12])\b
      |\b(?:[Tt]he\s+)?(?P<hw>(?i:first|second))[\s-]half(?:[\s-]year)?(?:\s+of)?(?:\s+(?P<hy3>{_YEAR}))?\b
      |\b(?:[Tt]he\s+)?(?:(?P<sn>(?i:three|six|nine))\s+months|(?i:half[\s-]year))\s+(?:to|ended|ending|through)\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?
        (?P<sm>{MONTH})(?:\s+\d{{1,2}})?(?:,?\s+(?P<sy>{_YEAR}))?\b
      |\b(?:[Tt]he\s+)?(?i:first)\s+(?P<fn>(?i:three|six|nine))\s+months(?:\s+of)?\s+(?P<fny>{_YEAR})\b)
    |(?P<quarter>\bQ(?P<q>[1-4])\s*(?:of\s+)?(?P<qy>{_YEAR})(?:\b|(?=[fFeE]\b))
      |\b(?P<qy2>{_YEAR})\s*Q(?P<q2>[1-4])\b
      |\b(?:[Tt]he\s+)?(?P<qw>(?i:first|second|third|fourth))[\s-]quarter(?:\s+of)?\s+(?P<qy3>{_YEAR})(?:\b|(?=[fFeE]\b)))
    |(?P<yearless>\b(?:[Tt]he\s+)?(?P<qw2>(?i:first|second|third|fourth))[\s-]quarter\b
      |\bQ(?P<q3>[1-4])\b(?!\s*(?:of\s+)?\d))
    |(?P<months>\b(?:from\s+|(?P<btw>between\s+))?(?P<m1>{MONTH}|{_MON})(?:\s+(?:to|through|(?(btw)and|(?!))|-|–)\s+|\s*[-–]\s*)(?P<m2>{MONTH}|{_MON})
      (?:\s+(?:of\s+)?(?P<my>{_YEAR}))?\b(?P<thisyear>\s+this\s+year|\s+last\s+year)?)
    |(?P<eom>\b(?:(?:[Aa]t\s+)?(?:the\s+)?end\s+of\s+|end-|(?:ended|closed)\s+(?=[A-Z])|(?:[Aa]t|[Oo]n|[Aa]s\s+(?:at|of))\s+
      (?P<eom_d>\d{{1,2}})(?:st|nd|rd|th)?\s+)(?P<eom_m>{MONTH})\b(?:,?\s+(?P<eom_y>{_YEAR})\b)?)
    |(?P<month>\b(?:[Ii]n|[Dd]uring|[Ff]or)\s+(?P<mo>{MONTH})\s+(?P<mo_y>{_YEAR})\b)
    |(?P<by>\b(?:[Bb]y|[Ii]n|[Ff]or|[Uu]ntil|[Dd]uring|[Aa]t|[Aa]s\s+of)\s+(?:the\s+(?:end|start|beginning|close)\s+of\s+)?(?P<by_year>{_YEAR})\b)
    |(?P<fy>\b(?:FY|fiscal\s+(?:year\s+)?)(?P<fy_year>{_YEAR})\b)
    |(?P<rel>\b(?P<relword>last|this|next)\s+year\b)
    |(?P<fullyear>\b[Ff]ull[\s-]year\b)
    |(?P<year>(?:(?<=\bend-)|(?<![\d.,-]))(?P<bare_year>{_YEAR})(?![\d%-]|[.,]\d|s\b|\s*(?:tons?|tonnes?|kg|km)\b
      |\s+(?:levels?|peak|highs?|lows?|averages?)\b)))  # "above its 2019 level": a reference
    # (and "the 1980s" is a decade, no year)
    """,
    re.VERBOSE,
)
# every period above holds a year, a month or the word "year": a sentence with none of them
# (most) states no period, and one search says so
_ANY_PERIOD = lazy_compile(  # flat: a fast search
    globals(), "_ANY_PERIOD", r"19[5-9]\d|20\d\d|year|quarter|half|Q[1-4]|" + MONTH[3:-1])
_NAME_BEFORE = lazy_compile(globals(), "_NAME_BEFORE",
                            r"\b(?!" + MONTH + r"\s+$)[A-Z][a-z]+\s+$")  # (not "May 2025")

_PROJECTION_BY = lazy_compile(globals(), "_PROJECTION_BY", r"^\s*by\b", re.IGNORECASE)
#: words that may follow a deadline's year ("by 2030 under the plan"); any other lower-case
#: word after "by <year>" makes the year a measure's ("by 2024 sales": no deadline)
DEADLINE_FOLLOWERS = (r"(?:and|or|but|at|in|on|for|to|from|with|under|as|if|when|than|the|"
                      r"a|an|while|according|compared|after|before|is|was|will|would|could|of|"
                      r"via|through|vs)")
_NOUN_AFTER = lazy_compile(globals(), "_NOUN_AFTER",
                           r"\s+(?!" + DEADLINE_FOLLOWERS + r"\b)[a-z]")


@functools.lru_cache(maxsize=4096)
def as_of(date: dt.date | None) -> Period:
    """The period of a claim that states none: the document's year and the year before."""
    if date is None:
        return Period(frozenset())
    return Period(frozenset({date.year, date.year - 1}))


_SPAN_MONTHS = {"three": 3, "six": 6, "nine": 9}


def _month_part(m1: str, m2: str) -> str:
    return f"{m1[:3]}\u2013{m2[:3]}"


_MONTH_NAMES = {n: name.title() for name, n in _MONTH_NUMBERS.items()}


def _months_ending(last: int, span: int, year: int | None) -> Period:
    """The ``span`` months ending with month ``last`` of ``year`` (None: of no known year,
    still never a year's), stated ("Jul–Dec"); three months that end a quarter are that
    quarter ("the three months to June": Q2)."""
    years = frozenset({year}) if year is not None else frozenset()
    if span == 3 and last % 3 == 0:
        return Period(years, "quarter", f"Q{last // 3}", True)
    first = (last - span) % 12 + 1
    return Period(years, "months",
                  _month_part(_MONTH_NAMES[first], _MONTH_NAMES[last]), True)


#: an analyst's mark right after a year: "2025f", "2026E" (forecast, estimate)
_FORECAST_MARK = re.compile(r"[fFeE](?![\w'’])")


def stated_periods(text: str, date: dt.date | None) -> list[tuple[int, int, Period]]:
    """Every period stated in a sentence, as (start, end, Period)."""
    out: list[tuple[int, int, Period]] = []
    if _ANY_PERIOD.search(text) is None:
        return out
    yearless: set[tuple[int, int]] = set()  # quarters that name no year
    fullyear: list[tuple[int, int]] = []  # "full-year": the sentence's one year
    for m in _PATTERNS.finditer(text):
        start, end = m.span()
        if m.group("sm") or m.group("fn"):  # "the six months to 31 December 2024": July
            # to December; "the first nine months of 2024": January to September
            said = m.group("sn") or m.group("fn")  # ("the half year to 30 June": six)
            span = _SPAN_MONTHS[said.lower()] if said else 6
            last = _MONTH_NUMBERS[m.group("sm")[:3].lower()] if m.group("sm") else span
            year_text = m.group("sy") or m.group("fny")
            if year_text:
                year = int(year_text)
            elif date is not None:  # of no year: the last one ended before the date
                year = date.year if last <= date.month else date.year - 1
            else:  # "the six months to 30 June" of no known year: never a year's figure
                out.append((start, end, _months_ending(last, span, None)))
                continue
            out.append((start, end, _months_ending(last, span, year)))
        elif m.group("half"):  # "the first half of 2024", "H1 2024": January to June
            h = int(m.group("h") or m.group("h2") or (1 if m.group("hw").lower() == "first" else 2))
            year_text = m.group("hy") or m.group("hy2") or m.group("hy3")
            if year_text:
                year = int(year_text)
            elif date is not None:  # "the first half": the last one before the date
                year = date.year if h == 1 and date.month > 6 else date.year - 1
            else:  # a half of no known year: never a year's figure
                out.append((start, end, _months_ending(6 * h, 6, None)))
                continue
            out.append((start, end, _months_ending(6 * h, 6, year)))
        elif m.group("quarter"):
            q = m.group("q") or m.group("q2") or str(_QUARTER_WORDS[m.group("qw").lower()])
            year = int(m.group("qy") or m.group("qy2") or m.group("qy3"))
            out.append((start, end, Period(frozenset({year}), "quarter", f"Q{q}", True)))
        elif m.group("yearless"):  # "the fourth quarter": the last one before the date
            q = int(m.group("q3") or _QUARTER_WORDS[m.group("qw2").lower()])
            if date is None:  # a quarter of no known year: never a year's figure
                out.append((start, end, Period(frozenset(), "quarter", f"Q{q}", True)))
                yearless.add((start, end))
                continue
            year = date.year if date.month > 3 * q else date.year - 1
            out.append((start, end, Period(frozenset({year}), "quarter", f"Q{q}", True)))
            yearless.add((start, end))
        elif m.group("eom"):  # "at the end of March": that month's end, an instant
            month = m.group("eom_m")
            if m.group("eom_y"):
                year = int(m.group("eom_y"))
            elif date is not None:
                number = _MONTH_NUMBERS[month[:3].lower()]
                year = date.year if number <= date.month else date.year - 1
            else:
                continue
            day = int(m.group("eom_d") or 31)  # "at 30 June 2025": an instant, as the end
            if month.startswith("Dec") and day >= 28:  # of June is; the end of December
                out.append((start, end, Period(frozenset({year}), "year", "", True)))  # is the
                continue  # year's end, as "at the end of 2024" is
            part = f"end-{month[:3]}" if day >= 28 else f"{day}-{month[:3]}"
            out.append((start, end, Period(frozenset({year}), "months", part, True)))
        elif m.group("months"):
            year_text = m.group("my")
            if year_text:
                year = int(year_text)
            elif date is not None:
                rel = (m.group("thisyear") or "").strip()
                year = date.year - 1 if rel == "last year" else date.year
            else:
                continue
            part = _month_part(m.group("m1"), m.group("m2"))
            out.append((start, end, Period(frozenset({year}), "months", part, True)))
        elif m.group("month"):  # "in August 2024": that month, never the year
            out.append((start, end, Period(frozenset({int(m.group("mo_y"))}), "months",
                                           m.group("mo")[:3].title(), True)))
        elif m.group("by"):
            year = int(m.group("by_year"))
            projection = bool(_PROJECTION_BY.match(m.group("by"))) and not \
                _NOUN_AFTER.match(text, end)  # ("by 2024 sales": a ranking's measure)
            if not projection and date is not None and year > date.year:
                projection = True
            out.append((start, end, Period(frozenset({year}), "year", "", True, projection)))
        elif m.group("fy"):
            year = int(m.group("fy_year"))
            out.append((start, end, Period(frozenset({year}), "year", "", True)))
        elif m.group("fullyear"):  # "full-year revenue of $9.24 billion": the year the
            fullyear.append((start, end))  # sentence states, once its years are known
        elif m.group("rel"):
            if date is None:
                continue
            offset = {"last": -1, "this": 0, "next": 1}[m.group("relword")]
            year = date.year + offset
            out.append((start, end, Period(frozenset({year}), "year", "", True, offset > 0)))
        elif m.group("year"):
            if _NAME_BEFORE.search(text[max(0, start - 30):start]) and start > 30:
                continue  # "Mineral Commodity Summaries 2025": part of a name
            year = int(m.group("bare_year"))
            projection = date is not None and year > date.year
            out.append((start, end, Period(frozenset({year}), "year", "", True, projection)))
    out = [(s, e, dataclasses.replace(p, projection=True))
           if not p.projection and _FORECAST_MARK.match(text, e) and (
               text[e] in "fF" or date is None or max(p.years, default=0) >= date.year)
           else (s, e, p) for s, e, p in out]  # "2025f", "Q4 2025F": a forecast's column
    # ("2026e" an estimate of a year to come; "2023e" an estimate of an outturn)
    years = {y for _, _, p in out if p.granularity == "year" and not p.projection
             for y in p.years}
    for fs, fe in fullyear:  # "closed 2024 with ... full-year revenue of ...": the one year
        before = {y for s, _, p in out if s < fs and p.granularity == "year"  # said before
                  and not p.projection for y in p.years}  # it (not "for the full year, up
        if len(before) == 1:  # from 8.4 Mt in 2023": the earlier value's)
            out.append((fs, fe, Period(frozenset(before), "year", "", True)))
    out.sort(key=lambda x: x[0])
    if len(years) == 1:  # "in the third quarter ... in 2023": that year's third quarter
        out = [(s, e, Period(frozenset(years), p.granularity, p.part, True))
               if (s, e) in yearless else (s, e, p) for s, e, p in out]
    return out


def period_for(
    stated: list[tuple[int, int, Period]], start: int, end: int, clause_start: int,
    clause_end: int, date: dt.date | None, others: Sequence[tuple[int, int]] = (),
    values: Sequence[tuple[int, int]] = (),
) -> Period | None:
    """The period of a claim at [start, end) of a sentence.

    The stated period nearest the claim inside its clause wins; when the clause states
    several different periods on both sides, the claim is ambiguous and None is returned.
    A period that follows another value (``others``: the sentence's earlier values) belongs
    to that value: in "dropped to 1.0 Mt from 1.2 Mt in 2023", 2023 is the 1.2 Mt's, and in
    "up from 86.9 million in 2023, ahead of Heathrow's 84 million" it is not the 84 million's.
    A period stated right before the claim, with no value between them, wins over one that
    follows another value (``values``: the sentence's other values): in "led the first
    quarter of 2024 with 20.8% and held 21% in the third quarter", Q1 is the 20.8%'s.
    Without a stated period, the claim holds as of the document date.
    """
    inside = [p for p in stated if p[0] >= clause_start and p[1] <= clause_end
              and not (p[0] >= end and any(end <= o[0] and o[1] <= p[0] for o in others))
              and not (p[1] <= start and any(o[1] <= p[0] <= o[1] + 6 for o in others))]
    if not inside:
        return as_of(date)
    distinct = {p[2] for p in inside}
    if len(distinct) == 1:
        return inside[0][2]
    after = [p for p in inside if p[0] >= end]
    before = [p for p in inside if p[1] <= start]
    if before and values:
        last = max(before, key=lambda p: p[1])
        if not any(last[1] <= v[0] and v[1] <= start for v in values):
            after = [p for p in after if not any(end <= v[0] and v[1] <= p[0] for v in values)]
    # "in 2023 ... 69% ... in 2024": the nearest one that follows, as in "rose 5% in 2023"
    if after:
        return min(after, key=lambda p: p[0] - end)[2]
    if before:
        return max(before, key=lambda p: p[1])[2]
    return None


def comparable(a: Period, b: Period) -> bool:
    """The one symmetric rule: same granularity and part, intersecting years, same modality."""
    if a.projection != b.projection:
        return False
    if a.granularity != b.granularity or a.part != b.part:
        return False  # (an undated figure is a year's: never a quarter's)
    if not a.years or not b.years:
        return not (a.projection or b.projection)
    if a.projection:
        return a.years == b.years
    return bool(a.years & b.years)


def labels_other(text: str, start: int, end: int, ms: int) -> bool:
    """Whether the period at [start, end) labels a bracketed figure that is not the one at
    ``ms``: "£74.3bn (2023: £71.4bn)" - 2023 is the £71.4bn's, not the £74.3bn's."""
    return start > 0 and text[start - 1] == "(" and text[end:end + 1] == ":" and \
        not start < ms < text.find(")", end) + (text.find(")", end) < 0) * len(text)
