"""Sentences from the public extraction test sets, and the known problems, as data.

Each case of ``tests/data/benchmark_cases.yaml`` names its source set; the quantities listed
must be found with their value and unit (the scoring rule of
``tests/bench/extraction_sets.py``), the ranks with their rank, and the ``absent`` texts
must not be mentions.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from factlint.model import Mention
from factlint.parse.mentions import find_mentions

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "benchmark_cases.yaml").read_text("utf-8")
)


def _bound(text: str | None) -> Fraction | None:
    return None if text is None else Fraction(text)


def _same_unit(want: str, got: str) -> bool:
    return want == got or {want, got} == {"dollar", "USD"}


def _found(want: dict[str, Any], m: Mention) -> bool:
    if m.text != want["text"] or m.value is None or not _same_unit(want["unit"], m.value.unit):
        return False
    speaker, strict = m.value.speaker, m.value.strict
    if "value" in want:
        x = Fraction(want["value"])
        assert speaker.low is not None and speaker.high is not None
        return (speaker.low + speaker.high) / 2 == x or x in (strict.low, strict.high)
    low, high = _bound(want["low"]), _bound(want["high"])
    if m.value.unit == "percent":  # shares are clipped to [0, 100]: an open end is 0 or 100
        low = low if low is not None else strict.low if strict.low == 0 else None
        high = high if high is not None else strict.high if strict.high == 100 else None
    return (strict.low, strict.high) == (low, high)


def test_there_are_enough_cases_from_the_sets() -> None:
    from_sets = [c for c in CASES if c["source"] != "known problem" and c["expected"]]
    assert len(from_sets) >= 40
    assert len({c["source"] for c in from_sets}) >= 8


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["input"][:50])
def test_case(case: dict[str, Any]) -> None:
    mentions = find_mentions(case["input"])
    for want in case["expected"]:
        described = [(m.text, m.value and m.value.speaker.text(), m.value and m.value.unit)
                     for m in mentions]
        assert any(_found(want, m) for m in mentions), (want, described)
    for rank in case.get("ranks", []):
        assert any(m.kind == "rank" and m.text == rank["text"] and m.rank == rank["rank"]
                   for m in mentions), (rank, [(m.text, m.rank) for m in mentions])
    for text in case.get("absent", []):
        assert all(m.text != text for m in mentions), text
