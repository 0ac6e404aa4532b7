"""FC203 derived-share: a share that the absolute figures beside it do not give.

A share of a common total ("the US holds approximately 15% of global reserves") is
recomputed from the absolute figures the corpus states for the same measure and a compatible
period. With a stated total (World 90 million tons) the share must meet part / total,
computed exactly from the intervals of both figures as written. Without one, the total is at
least the subject's own figure plus the figures of the other subjects that cannot overlap
it (a region is never added to its country, a total never counts as a part), so the share can
be at most part / (part + others); a stated share above that cannot hold. A stated total
smaller than the sum of its stated parts is reported at the total. Error when the strict
reading of the bounds conflicts too, warning when only the speaker's does; at most a warning
for attributed estimates and undated statements. A part, its share and the total written
in one sentence ("produced 0.9 Mt, some 40% of the world's 3.6 Mt": 25%, not 40%; "40 Mt, a
third of the 90 Mt"; "28,400 homes out of a total of 36,900, or 71%"; "£420m, of which £95m
came from industry, a third of the total") are checked whoever the subject is, or with none;
so is a part and its share of a total the same document states elsewhere (a table's Total
row, "World output was 3.6 Mt"), never another document's, and a share "of the total" whose
total is the one figure of its kind in the sentence just before ("Exports rose to $24.1bn.
China bought $5.2bn worth, or 29% of the total"). Beside an "Others" row, only the subjects
its own listing names are parts: any other is inside "Others".

Anti-pattern: "the US holds approximately 15% of global rare earth reserves" while the
corpus lists US reserves of 1.9 million tons and other countries' reserves that add up to
far more than 13 million tons.
Best practice: derive the share from the figures you print, or cite both from one source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from fractions import Fraction

from factlint.frame.lexicon import Lexicon
from factlint.frame.local import local_base
from factlint.hookspecs import Rule
from factlint.index import ClaimIndex, measure_groups
from factlint.model import Claim, Finding, Interval, Settings, Severity
from factlint.rules._common import (
    ByPeriod,
    cap,
    class_key,
    common_total,
    compatible,
    describe,
    figure,
    findings,
    is_place,
    near,
    num,
    overlaps,
    representatives,
    speaker,
    strict,
    wanted,
    where,
    written,
)

CODE = "FC203"
NAME = "derived-share"
_HUNDRED = Fraction(100)


def amount(x: Fraction, unit: str) -> str:
    """``85.65 million tonnes`` - a computed amount in a message."""
    for word, size in (("billion", 10**9), ("million", 10**6)):
        if abs(x) >= size:
            text = f"{num(x / size, 2)} {word}"
            break
    else:
        text = num(x, 2)
    name = {"tonne": "tonnes", "": ""}.get(unit, unit.replace("_", " "))
    return f"{text} {name}".strip()


def _hull(claims: Sequence[Claim], settings: Settings, read: str) -> tuple[Fraction, Fraction]:
    """Lowest low and highest high of the claims (0 and None bounds made finite by caller)."""
    ivs = [speaker(c, settings) if read == "speaker" else strict(c) for c in claims]
    lows = [iv.low for iv in ivs if iv is not None and iv.low is not None]
    highs = [iv.high for iv in ivs if iv is not None and iv.high is not None]
    if len(highs) < len(ivs):
        return min(lows, default=Fraction(0)), Fraction(-1)  # unbounded above
    return min(lows, default=Fraction(0)), max(highs)


def _low(c: Claim, settings: Settings, read: str = "speaker") -> Fraction:
    iv = speaker(c, settings) if read == "speaker" else strict(c)
    return Fraction(0) if iv is None or iv.low is None else iv.low


def _meets(iv: Interval | None, lo: Fraction, hi: Fraction | None) -> bool:
    """``iv`` meets the closed range [lo, hi] (hi None: unbounded)."""
    if iv is None:
        return True
    return iv.intersects(Interval(lo, hi, False, False))


def _parts(group: Sequence[Claim], around: Sequence[Claim], exclude: str, total: str,
           lex: Lexicon, settings: Settings, places: bool) -> list[Claim]:
    """One figure per subject inside ``total``, overlapping neither ``exclude`` nor each other."""
    least: dict[str, Claim] = {}
    for c in near(group, around[0].period):
        if lex.is_total(c.subject) or c.in_title or is_place(c.subject, lex) != places:
            continue
        if exclude and overlaps(c.subject, exclude, lex):
            continue
        if total != "World" and not lex.is_part(c.subject, total):
            continue
        if not compatible(c, around):
            continue
        old = least.get(c.subject)
        if old is None or _low(c, settings) < _low(old, settings):
            least[c.subject] = c
    rest = next((c for k, c in least.items() if _REST.match(k)), None)
    if rest is not None:  # "Others 102.9" in a table: the rest of its own listing, which
        # holds every subject the listing does not name, wherever else it is named
        listed = {c.subject for c in group if c.shape == rest.shape and c.path == rest.path
                  and c.doc_index == rest.doc_index
                  and abs(c.location.line - rest.location.line) <= _LISTING_LINES}
        least = {k: c for k, c in least.items() if k in listed}
    chosen: list[Claim] = []
    for c in sorted(least.values(), key=lambda c: -_low(c, settings)):
        if not any(overlaps(c.subject, o.subject, lex) for o in chosen):
            chosen.append(c)
    return chosen


#: how far, in lines, the rows of one listing lie from its "Others" row
_LISTING_LINES = 30
#: the subject of "the rest" of a listing ("Others", "All others", "Rest of world")
_REST = re.compile(r"(?:all\s+)?others?\b|(?:the\s+)?rest\b|remaining\b", re.IGNORECASE)


def _is_total_of(c: Claim, total: str, lex: Lexicon) -> bool:
    return lex.is_total(c.subject) if total == "World" else c.subject == total


Verdict = tuple[Severity, str, list[Claim], tuple[str, ...]]


def _share_vs_levels(share: Claim, levels: Sequence[Claim], total: str, index: ClaimIndex,
                     settings: Settings) -> Iterator[Verdict]:
    """Severity, message, evidence and key of each contradiction of one share."""
    lex = index.lexicon
    levels = near(levels, share.period)
    xs = [c for c in levels
          if c.subject == share.subject and not c.in_title and compatible(c, [share])]
    if not xs:
        return
    unit = xs[0].mention.value.unit if xs[0].mention.value else ""
    here = f"{describe(share)}: {written(share)} here, but"
    s_speaker, s_strict = speaker(share, settings), strict(share)
    x_lo, x_hi = _hull(xs, settings, "speaker")
    if x_hi < 0:
        return
    x_text = " / ".join(f"{written(x)} ({where(x)})" for x in xs)
    totals = [c for c in levels if _is_total_of(c, total, lex) and compatible(c, [share, *xs])
              and all((c.path, c.mention.start) != (x.path, x.mention.start)
                      for x in xs)]  # (never the part's own figure
    # read twice: "Global recycled output reached 36 Mt, or a third of total supply")
    for w in totals:
        w_lo, w_hi = _hull([w], settings, "speaker")
        if w_lo <= 0 or w_hi < 0:
            continue
        lo, hi = x_lo / w_hi * _HUNDRED, x_hi / w_lo * _HUNDRED
        if _meets(s_speaker, lo, hi):
            continue
        sx_lo, sx_hi = _hull(xs, settings, "strict")
        sw_lo, sw_hi = _hull([w], settings, "strict")
        strict_meets = (sw_lo <= 0 or sx_hi < 0 or sw_hi < 0
                        or _meets(s_strict, sx_lo / sw_hi * _HUNDRED, sx_hi / sw_lo * _HUNDRED))
        severity: Severity = "warning" if strict_meets else "error"
        message = (f"{here} its {x_text} of {figure(w)} is {num(lo, 2)}% to {num(hi, 2)}%")
        evidence = [*xs, w]
        yield (cap(severity, [share, *evidence]), message, evidence,
               (share.subject, share.measure, "share", w.subject))
    if totals:
        return
    others = _parts(levels, [share, *xs], share.subject, total, lex, settings,
                    is_place(share.subject, lex))
    if not others:
        return
    rest = sum((_low(c, settings) for c in others), Fraction(0))
    upper = x_hi / (x_hi + rest) * _HUNDRED
    if _meets(s_speaker, Fraction(0), upper):
        return
    rest_strict = sum((_low(c, settings, "strict") for c in others), Fraction(0))
    sx_hi = _hull(xs, settings, "strict")[1]
    strict_meets = sx_hi < 0 or _meets(s_strict, Fraction(0), sx_hi / (sx_hi + rest_strict)
                                       * _HUNDRED)
    severity = "warning" if strict_meets else "error"
    listed = " + ".join(figure(c) for c in others)
    whose = "the world's" if total == "World" else f"{total}'s"
    message = (f"{here} its {x_text} is at most {num(upper, 2)}% of {whose} total, which is at "
               f"least {amount(x_hi + rest, unit)}: its own figure + {listed}")
    evidence = [*xs, *others]
    yield (cap(severity, [share, *evidence]), message, evidence,
           (share.subject, share.measure, "share", total))


def _total_vs_parts(levels: Sequence[Claim], index: ClaimIndex,
                    settings: Settings) -> Iterator[Finding]:
    lex = index.lexicon
    # the parts of a total depend on the total, its period and the pool only (w is never a
    # part: totals and titles are skipped), so totals that share them share one computation
    found: dict[tuple[object, ...], list[Claim]] = {}
    for w in levels:
        if w.in_title or not index.wants(w.path):  # findings are located at w
            continue
        total = "World" if lex.is_total(w.subject) else w.subject
        if total != "World" and not is_place(total, lex):
            continue
        w_hi = _hull([w], settings, "speaker")[1]
        if w_hi < 0:
            continue
        # a measure that names no material ("revenue") has no world total: a table's Total
        # row sums that table's companies, never every company the corpus names
        own_doc = not lex.main_material(w.measure)[0]
        # the Total of a table of a few rows (rule table_total) totals its rows, no more
        rows = w.shape == "table_total"
        for places in (True, False):
            key = (total, places, w.period, w.path if own_doc or rows else "", rows)
            parts = found.get(key)
            if parts is None:
                pool = [c for c in levels if c.path == w.path and c.shape == "table_row"] \
                    if rows else [c for c in levels if c.path == w.path] if own_doc else levels
                parts = found[key] = _parts(pool, [w], "" if total == "World" else total,
                                            total, lex, settings, places)
            if len(parts) < 2:
                continue
            lows = sum((_low(c, settings) for c in parts), Fraction(0))
            if lows <= w_hi:
                continue
            strict_lows = sum((_low(c, settings, "strict") for c in parts), Fraction(0))
            s_hi = _hull([w], settings, "strict")[1]
            severity: Severity = "error" if s_hi >= 0 and strict_lows > s_hi else "warning"
            unit = w.mention.value.unit if w.mention.value else ""
            message = (f"{describe(w)}: {written(w)} here, but its stated parts add up to at "
                       f"least {amount(lows, unit)}: " + " + ".join(figure(c) for c in parts))
            if wanted(index, [w, *parts]):
                yield from findings(CODE, NAME, cap(severity, [w, *parts]), message, [w], parts,
                                    (w.subject, w.measure, "total"))


def _levels(share: Claim, measure: str, levels_of: dict[str, list[Sequence[Claim]]],
            index: ClaimIndex) -> list[Sequence[Claim]]:
    """The levels a share is recomputed from. A sentence's own share ("The mine produced
    0.9 Mt, some 40% of world nickel output") also takes the totals of its measure that its
    own document states elsewhere ("World nickel output was 3.6 Mt", a table's Total row),
    never another document's."""
    own = levels_of.get(measure, [])
    base = local_base(measure)
    if base is None or base not in levels_of:
        return own
    totals = [c for levels in levels_of[base] for c in levels
              if index.lexicon.is_total(c.subject) and c.path == share.path
              and c.doc_index == share.doc_index]
    out = []
    for levels in own:
        dims = {c.mention.value.dimension for c in levels if c.mention.value is not None}
        more = tuple(c for c in totals if c.mention.value is not None
                     and c.mention.value.dimension in dims)
        out.append(ByPeriod([*levels, *more]) if more else levels)
    return out


def measures(measure: str) -> tuple[str, ...]:
    """A rule's ``measures``: a share's own, and for a sentence's own share, the measure
    whose totals its document states."""
    base = local_base(measure)
    return (measure,) if base is None else (measure, base)


def check(index: ClaimIndex, settings: Settings) -> Iterator[Finding]:
    """Recompute shares from levels of the same measure; check totals against their parts."""
    groups = measure_groups(index)
    levels_of: dict[str, list[Sequence[Claim]]] = {}
    for (measure, kind, _dim), claims in sorted(groups.items()):
        if kind == "level":
            levels = ByPeriod(representatives(claims))
            levels_of.setdefault(measure, []).append(levels)
            yield from _total_vs_parts(levels, index, settings)
    for (measure, kind, dim), shares in sorted(groups.items()):
        if kind != "share" or dim not in ("share", "percent"):
            continue
        verdicts: dict[tuple[object, ...], list[Verdict]] = {}
        for share in shares:
            if not index.wants(share.path):  # findings are located at the share
                continue
            total = common_total(share, index.lexicon)
            if total is None or share.in_title or index.lexicon.is_total(share.subject):
                continue
            ck = (class_key(share), total)
            if ck not in verdicts:  # shares that read the same share one computation
                verdicts[ck] = [v for levels in _levels(share, measure, levels_of, index)
                                for v in _share_vs_levels(share, levels, total, index,
                                                          settings)]
            for severity, message, evidence, key in verdicts[ck]:
                if wanted(index, [share, *evidence]):
                    yield from findings(CODE, NAME, severity, message, [share], evidence, key)


RULE = Rule(code=CODE, name=NAME, severity="error", doc=__doc__ or "", check=check,
            measures=measures)
