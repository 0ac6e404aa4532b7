"""Whether a statement asserts a fact, a projection or an estimate - or nothing at all.

Threats, conditions, offers and questions are not claims; plans, targets and forecasts are
projections; attributed estimates conflict at warning level only; statements the text
disputes are not claims. The cues are read in the clause before the value (bounded window).
"""

from __future__ import annotations

import re
from typing import Literal

from factlint.periods import DEADLINE_FOLLOWERS
from factlint.util.lazyre import lazy_compile

WINDOW = 160

_NOT_A_CLAIM = lazy_compile(globals(), "_NOT_A_CLAIM",
    r"\b(?:threat(?:en(?:s|ed|ing)?)?|warn(?:s|ed|ing)?|could|would|might|if|unless|"
    r"whether|propos(?:e|es|ed|ing|al)|consider(?:s|ed|ing)?|offer(?:s|ed|ing)?|"
    r"contrary\s+to|rather\s+than|myth|false(?:ly)?|debunk\w*|claims?\s+that|"
    r"suggest(?:s|ed|ing)?\s+that|hypothetical(?:ly)?|imagine|suppose)\b",
    re.IGNORECASE,
)
_MAY = lazy_compile(
    globals(), "_MAY", r"\b(?:may|May\s+(?:be|have|reach|rise|fall))\b")  # not the month
_NEGATED_VALUE = lazy_compile(
    globals(), "_NEGATED_VALUE", r"\b(?:not|never|no\s+longer)\s+(?:quite\s+|even\s+)?$",
    re.IGNORECASE)
_PROJECTION = lazy_compile(globals(), "_PROJECTION",
    r"\b(?:plan(?:s|ned|ning)?|aim(?:s|ed|ing)?|target(?:s|ed|ing)?|goal|expect(?:s|ed)?|"
    r"will|shall|forecasts?|forecast(?:ed|ing)?|project(?:s|ed|ion|ions)|"
    r"predict(?:s|ed|ion)?|anticipat\w+|set\s+to|on\s+track\s+to|seeks?\s+to|intends?\s+to|"
    r"by\s+20\d\d(?!\s+(?!" + DEADLINE_FOLLOWERS + r"\b)[a-z])|envisag\w+|"
    r"guid(?:ed|es|ing|ance))\b",
    re.IGNORECASE,
)
_ESTIMATE = lazy_compile(globals(), "_ESTIMATE",
    r"\b(?:estimat(?:e|es|ed|ing)|analysts?|reportedly|believed\s+to|"
    r"thought\s+to|roughly\s+estimated|some\s+say)\b",
    re.IGNORECASE,
)

# A word every cue above holds, lower-case: in an ASCII text (where IGNORECASE is plain
# ASCII case folding) none of them found means no cue, and one flat search says so
_CUE_WORDS = lazy_compile(globals(), "_CUE_WORDS",
    r"no|never|threat|warn|could|would|might|if|unless|whether|propos|consider|offer|contrary|"
    r"rather|myth|false|debunk|claim|suggest|hypothetical|imagine|suppose|may|plan|aim|target|"
    r"goal|expect|will|shall|forecast|project|predict|anticipat|set|track|seek|intend|by|"
    r"envisag|estimat|analyst|reportedly|believed|thought|some|guid"
)
_ESTIMATE_WORDS = lazy_compile(
    globals(), "_ESTIMATE_WORDS", r"estimat|analyst|reportedly|believed|thought|some")
_LEVY = lazy_compile(
    globals(), "_LEVY", r"\s*(?:tariffs?|levy|levies|duties|duty)\b", re.IGNORECASE)
#: "by 2030" (a deadline), not "by 2024 sales" (a measure of that year)
_BY_YEAR = lazy_compile(globals(), "_BY_YEAR", r"\bby\s+20\d\d\b(?!\s+(?!"
                        + DEADLINE_FOLLOWERS + r"\b)[a-z])")

#: a figure whose own clause goes on in a conditional: "£3bn would be a record"
_WOULD_AFTER = lazy_compile(globals(), "_WOULD_AFTER",
                            r"[^,;:.()]{0,24}?\b(?:would|could|might)\b", re.IGNORECASE)

Reading = Literal["fact", "projection", "estimate", "none"]


def modality(sentence: str, clause_start: int, value_start: int, value_end: int) -> Reading:
    """How the statement whose value is at [value_start, value_end) is asserted."""
    if sentence.rstrip().endswith(("?", "？")):
        return "none"
    left = sentence[max(clause_start, value_start - WINDOW):value_start]
    cued = not left.isascii() or _CUE_WORDS.search(left.lower()) is not None
    if cued and _NEGATED_VALUE.search(left):
        return "none"
    if cued and (_NOT_A_CLAIM.search(left) or _MAY.search(left)):
        return "none"
    right = sentence[value_end:value_end + 40]
    if _WOULD_AFTER.match(right):
        return "none"  # "sales of £3bn would be a record": a condition, no claim
    if _LEVY.match(right) and \
            _NOT_A_CLAIM.search(sentence[max(0, value_start - WINDOW):value_start]):
        return "none"
    if (cued and _PROJECTION.search(left)) or ("by" in right and _BY_YEAR.search(right)):
        return "projection"
    after = sentence[value_end:value_end + 80]
    if (cued and _ESTIMATE.search(left)) or (
            (not after.isascii() or _ESTIMATE_WORDS.search(after.lower())) and
            _ESTIMATE.search(after)):
        return "estimate"
    return "fact"


def plans_between(sentence: str, start: int, end: int) -> bool:
    """Whether a plan, target or forecast is announced in ``sentence[start:end]`` ("402,000
    tonnes, and is targeting ..."): what follows is the plan's."""
    return _PROJECTION.search(sentence, start, end) is not None


#: a heading over plans: "Outlook for 2025", "Guidance", "Targets"
_PLANS_HEADING = lazy_compile(globals(), "_PLANS_HEADING",
    r"\b(?:outlook|guidance|forecasts?|targets?|plans?|ambitions?|expectations?|priorities)\b",
    re.IGNORECASE)


def introduces_plans(lead: str, role: str) -> bool:
    """Whether ``lead`` (the segment before a list, of ``role``) makes the list's items
    plans or forecasts: "For 2025, the company expects:", a heading "Outlook for 2025"."""
    if role == "heading":
        return bool(_PLANS_HEADING.search(lead))
    return lead.rstrip().endswith(":") and bool(_PROJECTION.search(lead))

