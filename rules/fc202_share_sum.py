"""FC202 share-sum: shares of one total, held by different subjects, that add up past 100%.

Shares of the same measure and the same common total (the world's, or one named place's)
in a compatible period, held by subjects that cannot overlap, are summed by their lower
bounds; if that sum is past 100%, they cannot all be true - within one article or across the
corpus. A region is never summed with its country, nor a bloc with its members (the
gazetteer's ``part_of``); totals (World) are never parts; countries and companies are summed
separately. Shares of each subject's own total ("52% of its electricity", vaccination
coverage) are not shares of one total and are never summed. Each subject counts with its
smallest stated share, so the sum holds whichever of its figures is right. Error when the
strict reading of the bounds also passes 100%, warning when only the speaker's does; at
most a warning when a share is an attributed estimate or undated. One sentence's list of
shares ("Acme held 48%, Borlak 30%, Cintex 25% and Dovra 6% of the market", "Market shares:
A 48%, B 30%, ...") is summed too, whoever its names are (the gazetteer need not know them),
when the sentence says they are shares and nothing says they are changes, rates or margins;
never when two of them are each a majority of a whole the list does not name ("Germany
returns 98% of one-way bottles, Norway 92%": each one's own rate).

Anti-pattern: "China produces about 70% of the world's cobalt" beside "the DRC produces
roughly half of it".
Best practice: shares of one total from one source and year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from fractions import Fraction

from factlint.frame.lexicon import Lexicon
from factlint.hookspecs import Rule
from factlint.index import ClaimIndex, measure_groups
from factlint.model import Claim, Finding, Interval, Settings, Severity, format_number
from factlint.rules._common import (
    cap,
    common_total,
    findings,
    is_local,
    is_place,
    measure_name,
    overlaps,
    same_measure,
    speaker,
    strict,
    wanted,
    where,
    written,
)

#: the subject of "the remaining 19%", "the rest of the world a further 18%"
OTHERS = "Others"
CODE = "FC202"
#: the total of a list whose items name none: its own (keyed by the list's place)
LISTED = "\x00list "
_LIST_SHAPES = frozenset({"list_item", "followed_by"})
_HEAD_SHAPES = frozenset({"verb_statement", "copula_statement", "with_statement",
                          "verbless_statement"})
#: a head that says its figure is a part of a whole ("71% of the orderbook", "a 32% share"),
#: not a ratio of each one's own ("Acme's margin was 48%")
_SHARE_OF = re.compile(r"(?:%|per\s?cent|half|third|quarter|fifth)\s+of\b|\bshare\b",
                       re.IGNORECASE)
_OWN_TOTAL = re.compile(r"\b(?:its|their|own|each)\b", re.IGNORECASE)
NAME = "share-sum"
_HUNDRED = Fraction(100)

Bucket = tuple[str, str, str, bool, str, bool, object, str]


def _low(iv: Interval | None) -> Fraction:
    return Fraction(0) if iv is None or iv.low is None else iv.low


def _past_hundred(claims: Sequence[Claim], read: str, settings: Settings) -> bool:
    ivs = [speaker(c, settings) if read == "speaker" else strict(c) for c in claims]
    total = sum((_low(iv) for iv in ivs), Fraction(0))
    if total > _HUNDRED:
        return True
    return total == _HUNDRED and any(iv is not None and iv.low_open for iv in ivs)


def _buckets(claims: Sequence[Claim], lex: Lexicon) -> dict[Bucket, list[Claim]]:
    """Claims that are pairwise comparable: same total, kind of subject and period year."""
    out: dict[Bucket, list[Claim]] = {}
    # "the rest" closes the list it stands in: of countries, or of companies
    listed: dict[tuple[str, int], set[bool]] = {}
    # a list's items share its total: the one an item names ("China holds 71% of the global
    # orderbook, South Korea 26% and Japan 6%"), else the list's own ("China's yards hold 71%
    # of the container orderbook, South Korea's 26% ...": one total, whatever it is)
    named: dict[tuple[str, int], str] = {}
    lists: dict[tuple[str, int], set[str]] = {}
    totals = [common_total(c, lex) for c in claims]
    for c, total in zip(claims, totals, strict=True):
        at = (c.location.path, c.location.line)
        if c.subject != OTHERS:
            listed.setdefault(at, set()).add(is_place(c.subject, lex))
        if total is not None:
            named.setdefault(at, total)
        if c.shape in _LIST_SHAPES or (c.shape in _HEAD_SHAPES and _SHARE_OF.search(c.text)):
            lists.setdefault(at, set()).add(c.shape)
    for c, total in zip(claims, totals, strict=True):
        at = (c.location.path, c.location.line)
        if total is None and _LIST_SHAPES & lists.get(at, set()) and \
                _HEAD_SHAPES & lists.get(at, set()) and \
                not _OWN_TOTAL.search(c.text):
            total = named.get(at, f"{LISTED}{at[0]}:{at[1]}")
        if total is None or c.in_title or lex.is_total(c.subject):
            continue
        p = c.period
        years: list[object] = [*sorted(p.years)] if p.years else ["undated"]
        kinds = tuple(listed.get(at, ())) if c.subject == OTHERS else (is_place(c.subject, lex),)
        for year in years:
            for place in kinds:
                # (shares of companies, channels or segments are summed within one document:
                # two documents may split one total by different things, sellers in one and
                # shops in another)
                key = (c.measure, total, p.granularity, p.projection, p.part, place, year,
                       "" if place else f"{c.path} {c.shape == 'table_row'}")
                # (and a table's rows apart from the prose around it: shops in the table,
                # a maker's share in the text)
                out.setdefault(key, []).append(c)
    return out


def _disjoint(claims: Sequence[Claim], lex: Lexicon, settings: Settings) -> list[Claim]:
    """Each subject's smallest share; then the largest shares of subjects that cannot overlap.

    Stops at the fewest shares whose sum passes 100% (so the message lists only those).
    """
    least: dict[str, Claim] = {}
    for c in claims:
        old = least.get(c.subject)
        if old is None or _low(speaker(c, settings)) < _low(speaker(old, settings)):
            least[c.subject] = c
    chosen: list[Claim] = []
    for c in sorted(least.values(), key=lambda c: -_low(speaker(c, settings))):
        if not any(overlaps(c.subject, o.subject, lex) for o in chosen):
            chosen.append(c)
            if _past_hundred(chosen, "speaker", settings):
                break  # the fewest largest shares that pass 100%
    return chosen


def check(index: ClaimIndex, settings: Settings) -> Iterator[Finding]:
    """Sum the shares of each measure and total over disjoint subjects, per period."""
    seen: set[frozenset[int]] = set()
    for (_measure, kind, dimension), claims in sorted(measure_groups(index).items()):
        if kind != "share" or dimension not in ("share", "percent"):
            continue
        for bucket_key, bucket in sorted(_buckets(claims, index.lexicon).items(),
                                          key=lambda kv: str(kv[0])):
            # findings are located at claims of the bucket: in focus mode, a bucket with
            # no reported claim has none to keep (nor does a later bucket it would dedupe)
            if len({c.subject for c in bucket}) < 2 or not wanted(index, bucket):
                continue
            chosen = _disjoint(bucket, index.lexicon, settings)
            ids = frozenset(id(c) for c in chosen)
            if len(chosen) < 2 or ids in seen or not _past_hundred(chosen, "speaker", settings):
                continue
            seen.add(ids)
            if not wanted(index, chosen):
                continue
            if bucket_key[1].startswith(LISTED) and sum(
                    _low(speaker(c, settings)) >= 50 for c in chosen) >= 2:
                continue  # "Germany's returns 98% of one-way bottles, Norway 92%": two
                # majorities of a whole no list names are each one's own rate, not parts
            severity: Severity = "error" if _past_hundred(chosen, "strict", settings) \
                else "warning"
            severity = cap(severity, chosen)
            lows = sum((_low(speaker(c, settings)) for c in chosen), Fraction(0))
            parts = " + ".join(f"{c.subject} {written(c)} ({where(c)})" for c in chosen)
            total = bucket_key[1]
            whose = "the world's" if total == "World" else (
                "the list's" if total.startswith(LISTED) else f"{total}'s")
            period = chosen[0].period.label()
            what = f"{whose} {chosen[0].measure.removesuffix(f' in {total}')}"
            if is_local(chosen[0]):  # one sentence's list: "A 48%, B 30%, C 25% and D 6%"
                name = measure_name(chosen[0])
                what = "one total listed in one sentence" + (f" ({name})" if name else "")
            message = (f"shares of {what} ({period}) add up past 100%: "
                       f"{parts} = at least {format_number(lows)}%")
            key = (chosen[0].measure, "list" if total.startswith(LISTED) else total, period)
            # (a list's place stays out of the fingerprint: it holds when lines move)
            yield from findings(CODE, NAME, severity, message, chosen, chosen, key)


RULE = Rule(code=CODE, name=NAME, severity="error", doc=__doc__ or "", check=check,
            measures=same_measure)
