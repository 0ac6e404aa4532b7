"""The quick tests in front of framing's regular expressions never change an answer.

``modality`` skips its cue patterns when a flat search finds none of their words;
``stated_periods`` skips its scan when a sentence holds no year, month or "year". Both are
checked against the patterns run unconditionally.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re

import pytest

from factlint import periods
from factlint.frame import modality as M

CUES = ("not never no longer threatened warns could would might if unless whether proposed "
        "considering offers contrary to rather than myth falsely debunked claims that suggested "
        "that hypothetically imagine suppose may May be plans aimed targets goal expected will "
        "shall forecasts projected predicts anticipated set to on track to seeks to intends to "
        "by 2030 envisaged estimated analysts reportedly believed to thought to some say "
        "tariffs levy duty quite even").split()
OTHERS = ["China", "holds", "the", "of", "ſome", "İf", "KOULD", "Estimated", "BY", "2030", "稀土",
          "Q4", "January", "to", "August", "last", "year", "FY2024", "in", "2023", "1999"]


def _sentences(n: int) -> list[str]:
    rng = random.Random(5)
    out = []
    for _ in range(n):
        left = " ".join(rng.choices(CUES + OTHERS, k=rng.randint(0, 12)))
        right = " ".join(rng.choices(CUES + OTHERS, k=rng.randint(0, 6)))
        text = f"{left} 15% {right}{rng.choice(['', '?', '.'])}"
        out.append(text.upper() if rng.random() < 0.2 else text)
    return out


def _modality_plain(sentence: str, clause_start: int, value_start: int,
                    value_end: int) -> M.Reading:
    """The definition: every cue pattern searched, in order."""
    if sentence.rstrip().endswith(("?", "？")):
        return "none"
    left = sentence[max(clause_start, value_start - M.WINDOW):value_start]
    if M._NEGATED_VALUE.search(left):
        return "none"
    if M._NOT_A_CLAIM.search(left) or M._MAY.search(left):
        return "none"
    right = sentence[value_end:value_end + 40]
    if M._WOULD_AFTER.match(right):
        return "none"
    if M._LEVY.match(right) and \
            M._NOT_A_CLAIM.search(sentence[max(0, value_start - M.WINDOW):value_start]):
        return "none"
    if M._PROJECTION.search(left) or M._BY_YEAR.search(right):
        return "projection"
    if M._ESTIMATE.search(left) or M._ESTIMATE.search(sentence[value_end:value_end + 80]):
        return "estimate"
    return "fact"


def test_modality_prefilter_changes_no_reading() -> None:
    seen = set()
    for text in _sentences(4000):
        for m in re.finditer(r"\d+", text):
            for clause_start in (0, max(0, m.start() - 30)):
                got = M.modality(text, clause_start, m.start(), m.end())
                assert got == _modality_plain(text, clause_start, m.start(), m.end()), text
                seen.add(got)
    assert seen == {"fact", "projection", "estimate", "none"}


@pytest.mark.parametrize("date", [dt.date(2025, 10, 20), None])
def test_a_sentence_without_year_or_month_states_no_period(date: dt.date | None) -> None:
    found = 0
    for text in _sentences(3000):
        if periods._ANY_PERIOD.search(text) is None:
            assert periods._PATTERNS.search(text) is None, text
        found += len(periods.stated_periods(text, date))
    assert found > 100


def test_clause_bounds_from_one_scan_are_those_of_a_scan_per_value() -> None:
    from factlint.frame import patterns as P

    text = "In Europe, X holds 30%; Y holds 20% - while Z, which grew, holds 10%: done"
    breaks = P.clause_breaks(text)
    for start, end in itertools.combinations(range(len(text) + 1), 2):
        lo, hi = 0, len(text)
        for m in P.CLAUSE_BREAK.finditer(text):
            if m.end() <= start:
                lo = m.end()
            elif m.start() >= end:
                hi = m.start()
                break
        assert P.bounds_in(breaks, len(text), start, end) == (lo, hi)
