"""FC101 value-conflict: two statements of one value that cannot both be true.

Claims with the same subject, measure and kind, in compatible periods, whose value intervals
do not intersect once units are normalised. Every value is read as its writer meant it:
``69%`` is [68.5, 69.5), ``about 70%`` is [66.5, 73.5), ``over 90%`` is (90, 99], so 69%
and 70% agree while "approximately 60%" and "69%" do not. The finding is an error when the
values conflict in both the speaker's and the strict reading of their bounds, a warning when
only in the speaker's ("over 80%" vs "over 90%"), and at most a warning when one side is an
attributed estimate, a bare ``$`` against ``US$``, or an undated statement.

Anti-pattern: "China controls approximately 60% of global rare earth mining" in one article
and "China accounts for 69% of production" in another.
Best practice: one figure, or the same figure with its source and year.
"""

from __future__ import annotations

from collections.abc import Iterator

from factlint.hookspecs import Rule
from factlint.index import ClaimIndex
from factlint.interval import conflict_level
from factlint.model import Claim, Finding, Interval, Related, Settings
from factlint.periods import comparable
from factlint.rules._common import (
    describe,
    digest,
    interval_key,
    may_compare,
    norm,
    period_key,
    same_measure,
    wanted,
    where,
    written,
)

CODE = "FC101"
NAME = "value-conflict"


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
    title_doc = (c.path, c.doc_index) if c.in_title else None
    return (interval_key(speaker), interval_key(strict), period_key(c.period), c.modality,
            unit == "dollar", title_doc)


def check(index: ClaimIndex, settings: Settings) -> Iterator[Finding]:
    """Compare the value classes of each key; pair every claim with the first of the other class.

    Linear in the number of claims per pair of distinct values: n claims stating one value
    and m another give n + m mirrored pairs, not n * m. With a focus (pre-commit), keys and
    pairs of classes with no claim in a reported file are skipped: they report nothing.
    """
    focus = index.report_only is not None
    for key, claims in index:
        if focus and not wanted(index, claims):
            continue
        classes: dict[tuple[object, ...], list[Claim]] = {}
        for claim in sorted(claims, key=lambda c: (c.path, c.location.line, c.location.column)):
            classes.setdefault(_class_key(claim, settings), []).append(claim)
        members = list(classes.values())
        touched = [not focus or wanted(index, group) for group in members]
        for i, group_a in enumerate(members):
            a_speaker, a_strict = _readings(group_a[0], settings)
            for j in range(i + 1, len(members)):
                group_b = members[j]
                if not (touched[i] or touched[j]):
                    continue
                if not comparable(group_a[0].period, group_b[0].period):
                    continue
                b_speaker, b_strict = _readings(group_b[0], settings)
                level = conflict_level(a_speaker, a_strict, b_speaker, b_strict)
                if level == "none":
                    continue
                seen: set[tuple[int, int]] = set()
                pairs = [(a, group_b[0]) for a in group_a] + [(group_a[0], b) for b in group_b]
                for a, b in pairs:
                    if (id(a), id(b)) in seen or not may_compare(a, b):
                        continue
                    seen.add((id(a), id(b)))
                    if index.wants(a.path) or index.wants(b.path):
                        yield from _pair(a, b, _severity(a, b, level), key)


def _pair(a: Claim, b: Claim, severity: str, key: tuple[str, ...]) -> Iterator[Finding]:
    first, second = sorted((a, b), key=lambda c: (c.path, c.location.line, c.location.column))
    conflict_id = digest(CODE, *key, norm(first.text), norm(second.text),
                          first.path, second.path, str(first.location.line),
                          str(second.location.line))
    fingerprint = digest(CODE, *key, norm(first.text), norm(second.text),
                          first.path, second.path)
    for here, other in ((first, second), (second, first)):
        message = (
            f"{describe(here)}: {_value_text(here)} here, but {_value_text(other)} "
            f"in {where(other)}"
        )
        yield Finding(
            rule=CODE, name=NAME, severity=severity,  # type: ignore[arg-type]
            message=message, location=here.location, claim=here,
            related=(Related(other.location, "conflicts", other),),
            conflict_id=conflict_id, fingerprint=fingerprint,
        )


RULE = Rule(code=CODE, name=NAME, severity="error", doc=__doc__ or "", check=check,
            measures=same_measure)
