"""The claim index: claims grouped by key, so rules compare only what speaks of one thing.

Claims are grouped by (subject, measure, kind, value dimension); inside a group a rule
compares only claims whose periods are compatible (:func:`factlint.periods.comparable`).
Building the index is linear in the number of claims.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from factlint.frame.lexicon import Lexicon
from factlint.model import Claim, Settings

Key = tuple[str, str, str, str]  # subject, measure, kind, dimension


def claim_key(claim: Claim) -> Key:
    dimension = claim.mention.value.dimension if claim.mention.value is not None else "rank"
    if dimension in ("dollar", "USD"):
        dimension = "USD"  # a bare $ agrees with US$ figures (at most at warning level)
    return (claim.subject.casefold(), claim.measure, claim.kind, dimension)


@dataclass(frozen=True)
class ClaimIndex:
    """All claims of a run, grouped by key. Rules read it; nobody mutates it."""

    claims: tuple[Claim, ...]
    groups: dict[Key, tuple[Claim, ...]]
    lexicon: Lexicon
    settings: Settings
    report_only: frozenset[str] | None = None  # paths whose findings are reported (pre-commit)

    def __iter__(self) -> Iterator[tuple[Key, tuple[Claim, ...]]]:
        return iter(sorted(self.groups.items()))

    def wants(self, path: str) -> bool:
        return self.report_only is None or path in self.report_only


def build_index(
    claims: Sequence[Claim], lexicon: Lexicon, settings: Settings,
    report_only: frozenset[str] | None = None,
) -> ClaimIndex:
    groups: dict[Key, list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[claim_key(claim)].append(claim)
    return ClaimIndex(
        tuple(claims), {k: tuple(v) for k, v in groups.items()}, lexicon, settings, report_only
    )


MeasureKey = tuple[str, str, str]  # measure, kind, dimension


def measure_groups(index: ClaimIndex) -> dict[MeasureKey, tuple[Claim, ...]]:
    """Claims grouped by (measure, kind, dimension) across subjects, in index order.

    Rules that compare subjects with each other (ranks, sums of shares, parts of a total)
    read these groups; like :func:`build_index`, building them is linear in the claims.
    """
    groups: dict[MeasureKey, list[Claim]] = defaultdict(list)
    for (_subject, measure, kind, dimension), claims in index:
        groups[(measure, kind, dimension)].extend(claims)
    return {k: tuple(v) for k, v in groups.items()}
