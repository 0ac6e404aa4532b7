"""FC401 reference: a claim that disagrees with the user's reference facts.

Reference facts are published figures kept in a facts file the config names (``facts:``),
under a ``reference:`` list: subject, measure, kind, period, the value as written (or a low
and a high), and the source URL. They are read through the same quantity parser and lexicon
as prose, so "44 million tonnes" in the file is [43.5, 44.5) million tonnes and "rare earth
mine production" is the same measure as "rare earth mining". A part's and a total's levels
also give the part's share (270,000 of 390,000 tonnes: 67.09% to 71.43%). A claim with the
same subject, measure, kind and dimension in a compatible period whose interval does not meet
the reference's is reported with the reference value and its source: an error when it
conflicts in both readings of its bounds, a warning when only in the speaker's reading or
when the claim is an attributed estimate. Without facts files the rule reports nothing.

Anti-pattern: "China controls approximately 60% of global rare earth mining" when the
reference gives China 270,000 of the world's 390,000 tonnes in 2024.
Best practice: quote the reference figure with its source and year.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from factlint.hookspecs import Rule
from factlint.index import ClaimIndex
from factlint.interval import conflict_level
from factlint.model import Claim, Finding, Settings, Severity, dollar_as_usd
from factlint.periods import comparable
from factlint.rules._common import describe, digest, norm, same_measure, speaker, strict, written

if TYPE_CHECKING:  # the parser behind it loads only when there are facts files
    from factlint.frame.reference import ReferenceFact

CODE = "FC401"
NAME = "reference"


def _finding(c: Claim, fact: ReferenceFact, severity: Severity) -> Finding:
    assert c.mention.value is not None
    value = f"{written(c)} {c.mention.value.speaker.text()}"
    if fact.derived:
        ref = f"{fact.text} ({fact.period.label()}), computed from {fact.derived}"
    else:
        ref = (f"{fact.text} {fact.value.speaker.text()} ({fact.period.label()}) in "
               f"{fact.where()}")
    message = (f"{describe(c)}: {value} here, but the reference gives {ref}; "
               f"source: {fact.source}")
    key = (fact.subject, fact.measure, fact.kind, fact.period.label())
    fingerprint = digest(CODE, *key, norm(c.text), c.path, fact.text)
    return Finding(rule=CODE, name=NAME, severity=severity, message=message,
                   location=c.location, claim=c, related=(),
                   conflict_id=digest(fingerprint, str(c.location.line)),
                   fingerprint=fingerprint)


def check(index: ClaimIndex, settings: Settings) -> Iterator[Finding]:
    """Compare every claim on a reference fact's key with the fact."""
    if not settings.facts_files:
        return
    from factlint.frame.reference import load_reference

    facts = load_reference(settings.facts_files, index.lexicon, settings.ton)
    for fact in facts:
        key = (fact.subject.casefold(), fact.measure, fact.kind,
               dollar_as_usd(fact.value.dimension))
        for c in index.groups.get(key, ()):
            if c.mention.value is None or not comparable(c.period, fact.period):
                continue
            if not index.wants(c.path):
                continue
            a_speaker, a_strict = speaker(c, settings), strict(c)
            assert a_speaker is not None and a_strict is not None
            level = conflict_level(a_speaker, a_strict, fact.value.speaker, fact.value.strict)
            if level == "none":
                continue
            severity: Severity = "warning" if level == "warning" or c.modality == "estimate" \
                else "error"
            yield _finding(c, fact, severity)


RULE = Rule(code=CODE, name=NAME, severity="error", doc=__doc__ or "", check=check,
            measures=same_measure)
