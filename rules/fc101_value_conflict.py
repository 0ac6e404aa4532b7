"""FC101 value-conflict: two statements of one value that cannot both be true.

Claims with the same subject, measure and kind, in compatible periods, whose value intervals
do not intersect once units are normalised. Every value is read as its writer meant it:
``69%`` is [68.5, 69.5), ``about 70%`` is [66.5, 73.5), ``over 90%`` is (90, 99], so 69%
and 70% agree while "approximately 60%" and "69%" do not. The finding is an error when the
values conflict in both the speaker's and the strict reading of their bounds, a warning when
only in the speaker's ("over 80%" vs "over 90%"), and at most a warning when one side is an
attributed estimate, a bare ``$`` against ``US$``, or an undated statement. An undated
statement that agrees with a figure stated for another year it may mean is that year's,
and is not reported against the first.

Anti-pattern: "China controls approximately 60% of global rare earth mining" in one article
and "China accounts for 69% of production" in another.
Best practice: one figure, or the same figure with its source and year.
"""

from __future__ import annotations

from collections.abc import Iterator

from factlint.frame.local import local_base
from factlint.hookspecs import Rule
from factlint.index import ClaimIndex
from factlint.interval import conflict_level
from factlint.model import Claim, Finding, Interval, Related, Settings
from factlint.periods import comparable
from factlint.rules._common import (
    describe,
    digest,
    doc_bound,
    interval_key,
    norm,
    period_key,
    place,
    same_measure,
    wanted,
    where,
    written,
)

CODE = "FC101"
NAME = "value-conflict"
#: claims of the other side listed with a finding (its message counts them all)
RELATED_MAX = 5


def _readings(c: Claim, settings: Settings) -> tuple[Interval, Interval]:
    value = c.mention.value
    if value is None:  # a rank: exact
        from fractions import Fraction

        r = Fraction(c.mention.rank or 0)
        iv = Interval(r, r, False, False)
        return iv, iv
    if settings.bounds == "strict":
        return value.strict, value.strict
    return value.speaker, value.strict


def _value_text(c: Claim) -> str:
    if c.mention.value is None:
        return written(c)
    return f"{written(c)} {c.mention.value.speaker.text()}"


def _severity(a: Claim, b: Claim, level: str) -> str:
    if level == "warning":
        return "warning"
    if "estimate" in (a.modality, b.modality):
        return "warning"
    if not a.period.years or not b.period.years:
        return "warning"
    units = {a.mention.value.unit if a.mention.value else "", b.mention.value.unit
             if b.mention.value else ""}
    if "dollar" in units and units != {"dollar"}:
        return "warning"
    return "error"


def _class_key(c: Claim, settings: Settings) -> tuple[object, ...]:
    """Claims that read the same are compared once, as one class."""
    speaker, strict = _readings(c, settings)
    unit = c.mention.value.unit if c.mention.value is not None else ""
    title_doc = (c.path, c.doc_index) if doc_bound(c) else None
    return (interval_key(speaker), interval_key(strict), period_key(c.period), c.modality,
            unit == "dollar", title_doc)


def check(index: ClaimIndex, settings: Settings) -> Iterator[Finding]:
    """Compare the value classes of each key; a conflict is between two classes.

    Claims that read the same (same interval, period, modality) form one class. Two classes
    whose values cannot both hold give one finding at each claim of either class, naming
    the other class's first claim and how many more state it: n claims against m give
    n + m findings, not n * m, and one wrong figure against 200 agreeing ones is reported
    once where it stands. With a focus (pre-commit), keys and pairs of classes with no
    claim in a reported file are skipped: they report nothing.
    """
    focus = index.report_only is not None
    for key, claims in index:
        if (focus and not wanted(index, claims)) or local_base(key[1]) is not None:
            continue  # a sentence's own figures are checked by the arithmetic rules only
        classes: dict[tuple[object, ...], list[Claim]] = {}
        for claim in sorted(claims, key=place):
            if claim.mention.comparison is not None:
                continue  # "twice Indonesia's": a ratio to another's figure, FC302's
            classes.setdefault(_class_key(claim, settings), []).append(claim)
        members = list(classes.values())
        touched = [not focus or wanted(index, group) for group in members]
        readings = [_readings(group[0], settings) for group in members]
        meant: dict[int, list[frozenset[int]]] = {}  # per undated class, read once
        for i, group_a in enumerate(members):
            a_speaker, a_strict = readings[i]
            for j in range(i + 1, len(members)):
                group_b = members[j]
                if not (touched[i] or touched[j]):
                    continue
                if not comparable(group_a[0].period, group_b[0].period):
                    continue
                b_speaker, b_strict = readings[j]
                level = conflict_level(a_speaker, a_strict, b_speaker, b_strict)
                if level == "none" or _another_year(meant, members, readings, i, j) or \
                        _another_year(meant, members, readings, j, i):
                    continue
                side_a, side_b = _sides(group_a, group_b)
                if side_a and side_b:
                    severity = _severity(side_a[0], side_b[0], level)
                    yield from _conflict(index, side_a, side_b, severity, key)


def _another_year(meant: dict[int, list[frozenset[int]]], members: list[list[Claim]],
                  readings: list[tuple[Interval, Interval]], i: int, j: int) -> bool:
    """Whether class ``i``, of no stated period, may mean another year than class ``j``'s:
    a figure of the same key stated for a year it may mean agrees with it ("Group revenue
    rose 6.7% to A$6.21 billion" in a results document whose table gives 6,210 for FY2025
    and 5,820 for FY2024 is FY2025's, not in conflict with FY2024's). ``meant`` remembers,
    per class, the years of the facts that agree with it."""
    if members[i][0].period.stated:
        return False
    if i not in meant:
        undated = members[i][0].period
        meant[i] = [c.period.years for k, group in enumerate(members) if k != i
                    and (c := group[0]).period.stated and not c.period.projection
                    and (not undated.years or c.period.years <= undated.years)
                    and conflict_level(*readings[i], *readings[k]) == "none"]
    other = members[j][0].period.years
    return any(not years & other for years in meant[i])


def _sides(group_a: list[Claim], group_b: list[Claim]) -> tuple[list[Claim], list[Claim]]:
    """The claims of two classes that may be compared: a title's class (its key holds its
    document) meets only its own document's claims; a claim never meets itself."""
    if doc_bound(group_a[0]):
        group_b = _in_doc(group_b, group_a[0])
    if group_b and doc_bound(group_b[0]):
        group_a = _in_doc(group_a, group_b[0])
    places = {place(c) for c in group_a} & {place(c) for c in group_b}
    if places:
        return ([c for c in group_a if place(c) not in places],
                [c for c in group_b if place(c) not in places])
    return group_a, group_b


def _in_doc(claims: list[Claim], title: Claim) -> list[Claim]:
    return [c for c in claims if (c.path, c.doc_index) == (title.path, title.doc_index)]


def _pair(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    first, second = sorted((a, b), key=place)
    return first, second


def _fingerprint(a: Claim, b: Claim, key: tuple[str, ...]) -> str:
    """The pair's fingerprint (either order): rule, key, both texts and paths, no lines."""
    first, second = _pair(a, b)
    return digest(CODE, *key, norm(first.text), norm(second.text), first.path, second.path)


def _conflict_id(a: Claim, b: Claim, key: tuple[str, ...]) -> str:
    """The conflict id of the pair ``a``, ``b`` (in either order): its lines too."""
    first, second = _pair(a, b)
    return digest(CODE, *key, norm(first.text), norm(second.text), first.path, second.path,
                  str(first.location.line), str(second.location.line))


def _conflict(index: ClaimIndex, side_a: list[Claim], side_b: list[Claim], severity: str,
              key: tuple[str, ...]) -> Iterator[Finding]:
    """One finding at each claim of either side, naming the other side's first claim.

    The conflict id is that of the two sides' first claims; each finding's fingerprint is
    that of its own claim and the other side's first, so a one-to-one conflict gives the
    two mirrored findings of one fingerprint, and a claim added to the larger side later
    leaves the others' fingerprints (and a baseline of them) as they were.
    """
    conflict_id = _conflict_id(side_a[0], side_b[0], key)
    for here_side, other_side in ((side_a, side_b), (side_b, side_a)):
        other = other_side[0]
        related = tuple(Related(o.location, "conflicts", o) for o in other_side[:RELATED_MAX])
        more = len(other_side) - 1
        also = (f" and {more} other place{'s' if more > 1 else ''} that state"
                f"{'' if more > 1 else 's'} it") if more else ""
        for here in here_side:
            if not index.wants(here.path):
                continue
            message = (f"{describe(here)}: {_value_text(here)} here, but {_value_text(other)} "
                       f"in {where(other)}{also}")
            yield Finding(
                rule=CODE, name=NAME, severity=severity,  # type: ignore[arg-type]
                message=message, location=here.location, claim=here, related=related,
                conflict_id=conflict_id, fingerprint=_fingerprint(here, other, key),
            )


RULE = Rule(code=CODE, name=NAME, severity="error", doc=__doc__ or "", check=check,
            measures=same_measure)
