"""The seed corpus end to end: the real contradictions are found, the traps stay silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.model import Finding, Settings
from factlint.run.engine import run
from factlint.run.plugins import load_plugins
from factlint.run.process import RunResult

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def result() -> RunResult:
    return run([SEEDS], Settings(), ROOT, load_plugins(entry_points=False))


def _pairs(findings: tuple[Finding, ...]) -> set[tuple[str, str]]:
    out = set()
    for f in findings:
        if f.rule != "FC101" or f.claim is None:
            continue
        for r in f.related:
            if r.claim is not None:
                out.add((f.claim.mention.text, r.claim.mention.text))
    return out


def _linked(result: RunResult, a: str, b: str) -> list[Finding]:
    return [f for f in result.findings if f.claim is not None and f.claim.mention.text == a
            and any(r.claim is not None and r.claim.mention.text == b for r in f.related)]


def test_mining_share_60_vs_69_and_70_is_an_error(result: RunResult) -> None:
    found = (_linked(result, "approximately 60%", "69%")
             + _linked(result, "approximately 60%", "70%"))
    assert found, sorted(_pairs(result.findings))
    assert all(f.severity == "error" for f in found)
    assert all("rare earth mining" in f.message for f in found)


def test_refining_nearly_90_vs_over_90_and_92_is_an_error(result: RunResult) -> None:
    found = _linked(result, "nearly 90%", "over 90%") + _linked(result, "nearly 90%", "92%")
    assert found, sorted(_pairs(result.findings))
    assert any(f.severity == "error" for f in found)


def test_a_conflict_gives_one_finding_at_each_claim_of_either_side(result: RunResult) -> None:
    by_id: dict[str, list[Finding]] = {}
    for f in result.findings:
        if f.rule == "FC101":
            by_id.setdefault(f.conflict_id, []).append(f)
    assert by_id
    for group in by_id.values():
        places = [(f.location.path, f.location.line, f.location.column) for f in group]
        assert len(group) >= 2 and len(places) == len(set(places)), places
        for f in group:  # the other side named is a side of the same conflict
            assert f.related
            for r in f.related:
                assert (r.location.path, r.location.line, r.location.column) in places


@pytest.mark.parametrize(("a", "b"), [
    ("69%", "70%"), ("70%", "69%"), ("about 70%", "69%"),
    ("417 kg", "417 kilograms"),
    ("14亿美元", "$1.4 billion"), ("257亿美债", "$25.7 billion"), ("257亿", "$25.7 billion"),
    ("over 90%", "92%"), ("nearly 90%", "90%"),
])
def test_traps_are_silent(result: RunResult, a: str, b: str) -> None:
    assert not _linked(result, a, b)
    assert not _linked(result, b, a)


def test_every_finding_names_both_values_and_the_other_place(result: RunResult) -> None:
    for f in result.findings:
        if f.rule == "FC101":
            assert f.claim is not None and f.claim.mention.text in f.message
            assert f.related[0].location.path in f.message
            assert "[" in f.message or "(" in f.message  # the intervals are printed
