"""The claims of the keys that have findings, for a reporter that draws every place of a key.

A key is one index group (subject, measure, kind, dimension: :func:`factlint.index.claim_key`)
cut by period: claims whose periods compare (:func:`factlint.periods.comparable`), directly
or through another claim of the group, stay together. A finding touches the key of its own
claim and of each related place. Linear in the claims: periods are joined through the years
they share, never pair by pair.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from factlint.hookspecs import KeyClaims
from factlint.hookspecs import claim_place as place_of
from factlint.index import Key, claim_key
from factlint.model import Claim, Finding, Period

Place = tuple[str, int, int, int, int, str]


def _sort_key(claim: Claim) -> tuple[str, int, int]:
    return (claim.location.path, claim.location.line, claim.location.column)


def period_clusters(claims: Sequence[Claim]) -> list[list[Claim]]:
    """The claims of one group cut into sets whose periods compare, in order of first claim."""
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first: dict[tuple[object, ...], int] = {}
    for i, c in enumerate(claims):
        p = c.period
        bucket = (p.projection, p.granularity, p.part)
        if p.projection:  # projections compare only for the same years
            if p.years:
                join(i, first.setdefault((*bucket, p.years), i))
            continue
        if not p.years:  # undated: compares with every dated claim of its bucket
            join(i, first.setdefault((*bucket, "any"), i))
            continue
        for year in p.years:
            join(i, first.setdefault((*bucket, year), i))
    undated = {k[:3]: i for k, i in first.items() if k[3] == "any"}
    for k, i in first.items():  # an undated claim joins the dated ones of its bucket
        if k[3] != "any" and not k[0] and k[:3] in undated:
            join(i, undated[k[:3]])
    out: dict[int, list[Claim]] = {}
    for i, c in enumerate(claims):
        out.setdefault(find(i), []).append(c)
    return list(out.values())


def span(claims: Sequence[Claim]) -> Period:
    """The period of a set of claims: their years together, the first one's granularity."""
    first = claims[0].period
    years = frozenset(y for c in claims for y in c.period.years)
    return Period(years, first.granularity, first.part, any(c.period.stated for c in claims),
                  first.projection)


def touched(findings: Iterable[Finding]) -> set[Place]:
    """The places of the claims that findings name: their own and their related places'."""
    out: set[Place] = set()
    for f in findings:
        if f.claim is not None:
            out.add(place_of(f.claim))
        out.update(place_of(r.claim) for r in f.related if r.claim is not None)
    return out


def key_claims(findings: Sequence[Finding], claims: Sequence[Claim]) -> tuple[KeyClaims, ...]:
    """The claims of every key that a finding touches, in key order (see the module doc)."""
    wanted = touched(findings)
    if not wanted:
        return ()
    groups: dict[Key, list[Claim]] = defaultdict(list)
    hit: set[Key] = set()
    for c in claims:
        key = claim_key(c)
        groups[key].append(c)
        if place_of(c) in wanted:
            hit.add(key)
    out: list[KeyClaims] = []
    for key in sorted(hit):
        members = sorted(groups[key], key=_sort_key)
        for cluster in period_clusters(members):
            if not any(place_of(c) in wanted for c in cluster):
                continue
            head = cluster[0]
            out.append(KeyClaims(head.subject, head.measure, head.kind, key[3], span(cluster),
                                 tuple(cluster)))
    return tuple(out)
