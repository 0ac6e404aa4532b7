"""FC201 rank-conflict: a stated rank that the stated figures contradict.

A rank ("the fifth-largest reserves", "the world's largest producer") is checked against the
figures the corpus states for the same measure, kind, dimension and a compatible period:
levels, or shares of one common total. It is an error when the rank is provably wrong - k
or more subjects have figures larger than X's, yet X is called the k-th largest (a figure
above X's, yet X is "the largest") - in both the speaker's and the strict reading of the
bounds; a warning when only the speaker's reading makes it wrong. When fewer subjects than
the rank needs (but at least one) are stated above X and at least as many subjects as the
rank are listed, the figures put X higher than stated only if the list is complete: that is
a warning whose message names the assumption. Totals (World) and places that contain or lie
inside X are never counted; a title's rank is compared with its own article only.

A rank whose own measure no figure states ("the UK's second-largest motor insurer") is judged
by every size measure that states X's figure and its rivals' in the same place and holds the
rank's other words ("motor"), one document's league at a time: a warning when each of them
puts X lower, silence when any agrees, when X's own figures disagree, or when the rank names
only a role ("the largest operator": by what?). Role nouns and measures no rank is by (prices,
rates, averages) are pack lines (``role_nouns``, ``unranked_words``).

Anti-pattern: "Australia, with the fifth-largest reserves" while the corpus lists China
44, Brazil 21 and India 6.9 million tons above Australia's 5.7 million tons (4th).
Best practice: state the rank with the list it comes from, or the figures next to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from fractions import Fraction

from factlint.frame.lexicon import Lexicon
from factlint.frame.local import local_base
from factlint.hookspecs import Rule
from factlint.index import ClaimIndex, measure_groups
from factlint.model import Claim, Finding, Interval, Settings, Severity
from factlint.rules._common import (
    ByPeriod,
    above,
    cap,
    class_key,
    common_total,
    compatible,
    describe,
    figure,
    findings,
    is_place,
    near,
    overlaps,
    period_key,
    representatives,
    speaker,
    strict,
    wanted,
    written,
)

CODE = "FC201"
NAME = "rank-conflict"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _beats(a: Interval | None, b: Interval | None, largest: bool) -> bool:
    """``a`` is provably ahead of ``b`` in the rank's order."""
    if a is None or b is None:
        return False
    return above(a, b) if largest else above(b, a)


def _all_beat(cs: Sequence[Claim], xs: Sequence[Claim], largest: bool, settings: Settings,
              reading: str) -> bool:
    def read(c: Claim) -> Interval | None:
        return speaker(c, settings) if reading == "speaker" else strict(c)
    return all(_beats(read(c), read(x), largest) for c in cs for x in xs)


def _low(c: Claim, settings: Settings) -> Fraction:
    iv = speaker(c, settings)
    return Fraction(0) if iv is None or iv.low is None else iv.low


def _own(rank: Claim, group: Sequence[Claim]) -> list[list[Claim]]:
    """X's own figures comparable with the rank, one list per period they state: a rank of
    no stated year ("the world's largest exporter" in 2024's news) is judged against each
    year it may mean, never against two years' figures at once, and stands if one agrees."""
    xs = [c for c in near(group, rank.period) if c.subject.casefold() == rank.subject.casefold()
          and not c.in_title and compatible(c, [rank])]  # a title's figure is its body's
    by_period: dict[tuple[object, ...], list[Claim]] = {}
    for c in xs:
        by_period.setdefault(period_key(c.period), []).append(c)
    if len(by_period) <= 1 or all(compatible(c, xs) for c in xs):
        return [xs]
    return sorted(by_period.values(), key=lambda cs: -max(cs[0].period.years, default=0))


#: a table row of the rest ("Other operators", "Others", "Rest of world"): no one rival
_RESIDUAL = re.compile(r"(?:all\s+)?others?\b|(?:the\s+)?rest\b", re.IGNORECASE)


def _candidates(rank: Claim, group: Sequence[Claim], lex: Lexicon,
                xs: list[Claim]) -> tuple[list[Claim], dict[str, list[Claim]]]:
    """X's own figures ``xs``, and the other subjects' figures, all comparable with each
    other."""
    others: dict[str, list[Claim]] = {}
    if not xs:
        return xs, others
    x_place = is_place(rank.subject, lex)
    for c in near(group, rank.period):
        if c.subject.casefold() == rank.subject.casefold() or lex.is_total(c.subject) or \
                _RESIDUAL.match(c.subject):
            continue  # ("Other operators", a table's rest: many subjects, no rival)
        if is_place(c.subject, lex) != x_place or overlaps(c.subject, rank.subject, lex):
            continue
        if compatible(c, [rank, *xs]):
            others.setdefault(c.subject, []).append(c)
    # a country is ranked among countries: a state listed beside its country (Texas beside
    # the United States) is the country's part, not a rival (its country stands for it)
    if x_place and not _parents(rank.subject, lex):
        for name in list(others):
            if any(lex.is_part(name, whole) for whole in others if whole != name):
                del others[name]
    # an aggregate of listed subjects (the EU beside Germany) is not one of the ranked
    names = list(others)
    for name in names:
        if any(lex.is_part(o, name) for o in names if o != name):
            del others[name]
    return xs, others


def _parents(name: str, lex: Lexicon) -> frozenset[str]:
    place = lex.places.get(lex.place(name) or name)
    return place.part_of if place is not None else frozenset()


def _judge(rank: Claim, group: Sequence[Claim], index: ClaimIndex,
           settings: Settings, assume: bool = True) -> tuple[Severity, str, list[Claim]] | None:
    """The verdict on one stated rank: severity, message and evidence, or None. ``assume``:
    a verdict may rest on the listed figures being complete."""
    lex = index.lexicon
    found = None
    for own in _own(rank, group):
        xs, others = _candidates(rank, group, lex, own)
        verdict = _verdict(rank, xs, others, settings, assume)
        if verdict is None and xs and others:
            return None  # a year it may mean agrees with it
        found = found or verdict
    return found


def _judged(rank: Claim, group: Sequence[Claim], index: ClaimIndex) -> bool:
    """``group`` states X's figure and another subject's, comparable with the rank."""
    return any(all(_candidates(rank, group, index.lexicon, own)) for own in _own(rank, group))


def _verdict(rank: Claim, xs: list[Claim], others: dict[str, list[Claim]],
             settings: Settings, assume: bool = True) -> tuple[Severity, str, list[Claim]] | None:
    """The verdict on a rank given X's figures and every other subject's."""
    k = rank.mention.rank or 0
    largest = rank.mention.rank_order != "smallest"
    if not xs or not others:
        return None
    ahead = {s: cs for s, cs in others.items() if _all_beat(cs, xs, largest, settings, "speaker")}
    ahead = dict(sorted(ahead.items(), key=lambda kv: _low(kv[1][0], settings),
                        reverse=largest))
    ahead_strict = [s for s, cs in others.items() if _all_beat(cs, xs, largest, settings, "strict")]
    behind = [s for s, cs in others.items() if _all_beat(xs, cs, largest, settings, "speaker")]
    maybe = len(others) - len(behind)  # subjects that may be ahead of X
    word = "exceed" if largest else "are below"
    x_text = " / ".join(dict.fromkeys(written(x) for x in xs))
    head = f"{describe(rank)}: '{written(rank)}' here, but"
    listed = ", ".join(figure(cs[0]) for cs in ahead.values())
    severity: Severity
    if len(ahead) >= k:
        severity = "error" if len(ahead_strict) >= k else "warning"
        many = "a stated figure" if len(ahead) == 1 else f"{len(ahead)} stated figures"
        message = (f"{head} {listed} {word if len(ahead) > 1 else word + 's'} its {x_text}: "
                   f"with {many} ahead of it, it cannot rank {_ordinal(k)}")
    elif assume and ahead and maybe + 1 < k and len(others) + 1 >= k:
        # (not when no stated figure is ahead of X: "the second-largest supplier with 5.4
        # million accounts, ahead of Helio (4.3 million)" names no leader; its figure may be
        # stated under another measure, or nowhere)
        severity = "warning"
        place = (_ordinal(len(ahead) + 1) if maybe == len(ahead)
                 else f"between {_ordinal(len(ahead) + 1)} and {_ordinal(maybe + 1)}")
        if ahead:
            body = f"{listed} {word if len(ahead) > 1 else word + 's'} its {x_text}"
        else:
            body = f"no stated figure is {'larger' if largest else 'smaller'} than its {x_text}"
        message = (f"{head} the stated figures put it {place}: {body}; this rests on the "
                   f"listed figures ({len(others) + 1} subjects) being complete")
    else:
        return None
    evidence = [*xs, *(c for cs in ahead.values() for c in cs[:1])]
    return cap(severity, [rank, *evidence]), message, evidence


def _figures(measure: str, rank: Claim, by_measure: dict[str, list[tuple[str, str,
              Sequence[Claim]]]], index: ClaimIndex) -> list[tuple[str, str, Sequence[Claim]]]:
    """The figures a rank is judged against: its measure's; for a place's rank within a
    region ("the EU's second-largest cement producer": cement production in European
    Union), also the figures of the measure of the places in that region."""
    found = [t for t in by_measure.get(measure, []) if t[2]]
    base, sep, region = measure.rpartition(" in ")
    lex = index.lexicon
    if not sep or region not in lex.places or not is_place(rank.subject, lex):
        return found
    merged: dict[tuple[str, str], list[Claim]] = {(k, d): list(cs) for k, d, cs in found}
    for kind, dim, claims in by_measure.get(base, []):
        merged.setdefault((kind, dim), []).extend(
            c for c in claims if is_place(c.subject, lex) and lex.is_part(c.subject, region))
    return [(k, d, ByPeriod(cs)) for (k, d), cs in merged.items() if cs]


#: per subject, (measure, its figures, the (path, subject) of each table row of the measure)
Sized = dict[str, list[tuple[str, tuple[Claim, ...], frozenset[tuple[str, str]]]]]


def _scoped(measure: str, lex: Lexicon) -> tuple[str, str]:
    """(what is measured, the place it is measured in): ``("revenue", "United Kingdom")`` for
    ``"revenue in United Kingdom"``, ``(measure, "")`` when no place closes it."""
    base, sep, where = measure.rpartition(" in ")
    return (base, where) if sep and lex.place(where) is not None else (measure, "")


def _sized(groups: dict[tuple[str, str, str], tuple[Claim, ...]], index: ClaimIndex) -> Sized:
    """The figures a rank of no stated measure may be by, per subject: levels, and shares of
    a total many subjects share, of every measure that is a size (not a price, a rate or an
    average: ``unranked_words``)."""
    lex = index.lexicon
    out: Sized = {}
    for (measure, kind, _dim), claims in groups.items():
        if kind not in ("level", "share") or local_base(measure) is not None or \
                lex.unranked_words & set(_scoped(measure, lex)[0].split()):
            continue
        if kind == "share":
            claims = tuple(c for c in claims if common_total(c, lex) is not None)
        kept = tuple(representatives(claims))
        rows = frozenset((c.path, c.subject.casefold()) for c in claims
                         if c.shape == "table_row")
        for subject in {c.subject.casefold() for c in kept}:
            out.setdefault(subject, []).append((measure, kept, rows))
    for found in out.values():  # levels first: the evidence a reader checks first
        found.sort(key=lambda t: t[1][0].kind != "level")
    return out


def _sized_name(subject: str, sized: Sized) -> str | None:
    """The name ``sized`` states a ranked subject's figures under: its own, else the one name
    that is a shorter or longer form of it ("Kairo" for "Kairo Sports", "Harbour Veterinary
    Partners" for "Harbour"); None when none is, or several are."""
    key = subject.casefold()
    if key in sized:
        return key
    forms = [k for k in sized if k.startswith(key + " ") or key.startswith(k + " ")]
    return forms[0] if len(forms) == 1 else None


def _by_size(rank: Claim, sized: Sized, index: ClaimIndex,
             settings: Settings) -> tuple[Severity, str, list[Claim]] | None:
    """A rank whose own measure states no figure of X ("the UK's second-largest motor
    insurer", "the world's second-largest jeweller"), judged by each size measure that states
    X's figure and its rivals' in the rank's scope and that holds every other word the rank
    says ("motor"; role nouns such as "insurer" say nothing of what is counted, and a word of
    no such measure - "the largest member-owned fund" - ranks among a class). Wrong only when
    it is wrong by every such measure, and never on the assumption that a list is
    complete; each document's figures are one league (a table, a list), judged apart."""
    lex = index.lexicon
    base, scope = _scoped(rank.measure, lex)
    topic = {w for w in base.split() if w not in lex.role_nouns and w not in lex.scope_words}
    if not topic:
        return None  # "the second-largest platform": among which, by what?
    verdicts: list[tuple[Severity, str, list[Claim]]] = []
    named = _sized_name(rank.subject, sized)
    if named is None:
        return None
    if named != rank.subject.casefold():  # "Kairo Sports" ranked, "Kairo" in the table
        rank = replace(rank, subject=next(c.subject for _m, cs, _r in sized[named] for c in cs
                                          if c.subject.casefold() == named))
    for measure, claims, rows in sized[named]:
        head, where = _scoped(measure, lex)
        if where.casefold() != scope.casefold() or not topic <= set(head.split()):
            continue
        mine = [c for c in claims if c.subject.casefold() == rank.subject.casefold()
                and compatible(c, [rank])]
        if any(_beats(speaker(a, settings), speaker(b, settings), True) for a in mine
               for b in mine if period_key(a.period) == period_key(b.period)):
            continue  # X's own figures disagree: which one holds is FC101's question (a
            # table's two years are two figures, each judged in its own year's league)
        by_doc: dict[str, list[Claim]] = {}
        for c in claims:
            by_doc.setdefault(c.path, []).append(c)
        for doc in by_doc.values():  # one league at a time: a document's table or list
            if (doc[0].path, rank.subject.casefold()) in rows:  # X's row in a table: the
                # table's rows are the league, not the prose's others ("E-commerce took 38%")
                doc = [c for c in doc if (c.path, c.subject.casefold()) in rows]
            if not _judged(rank, doc, index):
                continue
            verdict = _judge(rank, doc, index, settings, assume=False)
            if verdict is None:
                return None  # a size by which the rank holds
            _severity, message, evidence = verdict  # (a warning: the measure is inferred)
            verdicts.append(("warning", f"{message} (by {measure}; the rank names no measure "
                             "of its own, and no stated size puts it there)", evidence))
    return verdicts[0] if verdicts else None


def check(index: ClaimIndex, settings: Settings) -> Iterator[Finding]:
    """Check every stated rank against the figures of its measure (levels or common shares)."""
    groups = measure_groups(index)
    by_measure: dict[str, list[tuple[str, str, Sequence[Claim]]]] = {}
    for (measure, kind, dimension), claims in groups.items():
        if local_base(measure) is not None:
            continue  # a sentence's own figures never rank anything
        if kind == "share":
            claims = tuple(c for c in claims if common_total(c, index.lexicon) == "World")
        if kind in ("level", "share"):
            by_measure.setdefault(measure, []).append((kind, dimension,
                                                       ByPeriod(representatives(claims))))
    sized: Sized | None = None  # built for the first rank that needs it (most runs: none)
    stated = {m for m, kind, _d in groups if kind != "rank"}
    for (measure, kind, _dim), ranks in sorted(groups.items()):
        if kind != "rank":
            continue
        verdicts: dict[tuple[object, ...], tuple[Severity, str, list[Claim]] | None] = {}
        for rank in ranks:
            if not rank.mention.rank or not index.wants(rank.path):  # findings are at rank
                continue
            ck = class_key(rank)
            if ck not in verdicts:  # ranks that read the same share one verdict
                verdicts[ck] = None
                own = sorted(_figures(measure, rank, by_measure, index), key=lambda t: t[:2])
                for _fkind, _fdim, figures in own:
                    verdicts[ck] = _judge(rank, figures, index, settings)
                    if verdicts[ck] is not None:
                        break  # one finding per stated rank
                if not ({measure, measure.rpartition(" in ")[0]} & stated):  # (a measure
                    # some figure states is the rank's, even where X's figure is not stated)
                    if sized is None:
                        sized = _sized(groups, index)
                    verdicts[ck] = _by_size(rank, sized, index, settings)
            verdict = verdicts[ck]
            if verdict is None or not wanted(index, [rank, *verdict[2]]):
                continue
            severity, message, evidence = verdict
            key = (rank.subject, rank.measure, "rank", str(rank.mention.rank))
            yield from findings(CODE, NAME, severity, message, [rank], evidence, key)


RULE = Rule(code=CODE, name=NAME, severity="error", doc=__doc__ or "", check=check)
# (any measure: a rank of no measure of its own is judged by its subject's sizes)
