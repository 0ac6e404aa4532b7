"""FC301 and FC302 on claims built directly, for the statement shapes the framer does not frame yet.

The values come from the real quantity parser, so each claim reads its number as prose would.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from factlint.frame.lexicon import load_lexicon
from factlint.hookspecs import Rule
from factlint.index import build_index
from factlint.model import Claim, ClaimKind, Finding, Location, Period, Settings
from factlint.parse.mentions import find_mentions
from factlint.rules import fc301_growth_arithmetic, fc302_comparison
from factlint.run.plugins import load_plugins

PACKS = load_plugins(entry_points=False).packs
LEXICON = load_lexicon(PACKS)
_line = iter(range(1, 10_000))


def claim(text: str, subject: str, measure: str, kind: ClaimKind, years: Sequence[int],
          value: str | None = None) -> Claim:
    """A claim of ``text`` whose mention is the one written as ``value`` (default: the first)."""
    mentions = find_mentions(text)
    mention = next(m for m in mentions if value is None or m.text == value)
    line = next(_line)
    loc = Location("a.md", line, 1, line, len(text) + 1)
    return Claim(mention=mention, location=loc, text=text, subject=subject, measure=measure,
                 kind=kind, period=Period(frozenset(years), stated=True))


def run(rule: Rule, claims: Sequence[Claim]) -> list[Finding]:
    index = build_index(claims, LEXICON, Settings())
    return list(rule.check(index, Settings()))


STORAGE = [claim("capacity was 10 GWh in 2024", "China", "energy storage capacity", "level",
                 [2024]),
           claim("capacity will reach 300 GWh by 2030", "China", "energy storage capacity",
                 "level", [2030])]


def test_cagr_that_the_endpoints_give_is_silent() -> None:
    rate = claim("a compound annual growth rate of 76.3%", "China",
                 "energy storage capacity cagr", "rate", [2024, 2030])
    assert run(fc301_growth_arithmetic.RULE, [*STORAGE, rate]) == []


def test_cagr_that_the_endpoints_do_not_give_prints_the_computed_rate() -> None:
    rate = claim("a compound annual growth rate of 90%", "China",
                 "energy storage capacity cagr", "rate", [2024, 2030])
    (finding,) = run(fc301_growth_arithmetic.RULE, [*STORAGE, rate])
    assert finding.severity == "error"
    assert "compound annual growth rate of 73.4% to 79.2% over 6 years" in finding.message
    assert {r.claim.mention.text for r in finding.related if r.claim} == {"10 GWh", "300 GWh"}
    assert {r.role for r in finding.related} == {"evidence"}


@pytest.mark.parametrize(("text", "value", "fires"), [
    ("output doubled in 2023", "doubled", True),  # 40 -> 52 kt is x1.3
    ("output rose 30% in 2023", "30%", False),
    ("output fell 30% in 2023", "30%", True),  # a fall, written as a positive number
    ("output rose fivefold in 2023", "fivefold", True),
])
def test_changes_and_multiples(text: str, value: str, fires: bool) -> None:
    start = claim("output was 40,000 tonnes in 2022", "Chile", "lithium production", "level",
                  [2022])
    end = claim("output was 52,000 tonnes in 2023", "Chile", "lithium production", "level",
                [2023])
    change = claim(text, "Chile", "lithium production", "change", [2023], value)
    assert bool(run(fc301_growth_arithmetic.RULE, [start, end, change])) is fires


def test_percentage_points_against_two_shares() -> None:
    start = claim("held 40% of global cobalt refining in 2022", "Finland", "cobalt refining",
                  "share", [2022])
    end = claim("held 45% of global cobalt refining in 2023", "Finland", "cobalt refining",
                "share", [2023])
    ok = claim("up 5 percentage points in 2023", "Finland", "cobalt refining", "change",
               [2023], "5 percentage points")
    bad = claim("up 12 percentage points in 2023", "Finland", "cobalt refining", "change",
                [2023], "12 percentage points")
    assert run(fc301_growth_arithmetic.RULE, [start, end, ok]) == []
    (finding,) = run(fc301_growth_arithmetic.RULE, [start, end, bad])
    assert "a change of 2.5 to 7.5 percentage points" in finding.message


def test_endpoints_of_other_years_are_not_used() -> None:
    start = claim("output was 40,000 tonnes in 2019", "Chile", "lithium production", "level",
                  [2019])
    end = claim("output was 52,000 tonnes in 2023", "Chile", "lithium production", "level",
                [2023])
    change = claim("output doubled in 2023", "Chile", "lithium production", "change", [2023],
                   "doubled")
    assert run(fc301_growth_arithmetic.RULE, [start, end, change]) == []


CAPACITY = [claim("India has a refining capacity of 30,000 tonnes", "India",
                  "rare earth refining capacity", "level", [2024, 2025]),
            claim("China has a refining capacity of 210,000 tonnes", "China",
                  "rare earth refining capacity", "level", [2024, 2025])]


@pytest.mark.parametrize(("text", "subject", "fires"), [
    ("its capacity is less than one-tenth of China's", "India", True),  # 1/7
    ("its capacity is less than a third of China's", "India", False),
    ("its capacity exceeds China's", "India", True),
    ("its capacity exceeds India's", "China", False),
    ("its capacity is slightly above India's", "China", True),  # seven times is not slightly
])
def test_comparisons(text: str, subject: str, fires: bool) -> None:
    comp = claim(text, subject, "rare earth refining capacity", "level", [2024, 2025])
    assert comp.mention.comparison is not None
    found = run(fc302_comparison.RULE, [*CAPACITY, comp])
    assert bool(found) is fires
    if found:
        assert {r.role for r in found[0].related} == {"evidence"}
        assert "30,000 tonnes" in found[0].message and "210,000 tonnes" in found[0].message


def test_comparison_with_values_of_another_year_is_silent() -> None:
    old = [claim("India had a refining capacity of 30,000 tonnes in 2015", "India",
                 "rare earth refining capacity", "level", [2015]),
           *CAPACITY[1:]]
    comp = claim("its capacity is less than one-tenth of China's", "India",
                 "rare earth refining capacity", "level", [2024, 2025])
    assert run(fc302_comparison.RULE, [*old, comp]) == []


def test_rules_look_up_every_comparable_period() -> None:
    """The period index the share and rank rules search (``ByPeriod``) misses no claim a
    rule could compare: for each period, what it returns holds every comparable claim."""
    from factlint.periods import comparable
    from factlint.rules._common import ByPeriod

    periods = [Period(frozenset(ys), granularity=g, part=part, projection=proj)
               for ys in ([], [2023], [2024], [2023, 2024], [2030])
               for g, part in (("year", ""), ("quarter", "Q4"))
               for proj in (False, True)]
    claims = [claim(f"output was {i} tonnes", "Chile", "copper production", "level", [])
              for i in range(1, len(periods) + 1)]
    claims = [Claim(mention=c.mention, location=c.location, text=c.text, subject=c.subject,
                    measure=c.measure, kind=c.kind, period=p)
              for c, p in zip(claims, periods, strict=True)]
    group = ByPeriod(claims)
    for p in periods:
        found = {id(c) for c in group.near(p)}
        assert {id(c) for c in claims if comparable(c.period, p)} <= found, p.label()
