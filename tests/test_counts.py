"""Counts in words (tests/data/count_cases.yaml): listed apart from the sentence's mentions,
with what they count; never framed into claims."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from factlint.model import format_number
from factlint.parse.counts import counted_noun, find_counts
from factlint.parse.mentions import find_mentions

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "count_cases.yaml").read_text("utf-8"))


def _describe(sentence: str, offset: int) -> list[dict[str, Any]]:
    mentions = find_mentions(sentence, offset)
    out = []
    for m in find_counts(sentence, offset, mentions):
        assert m.value is not None and m.value.unit == "" and m.value.dimension == "count"
        row: dict[str, Any] = {"text": m.text}
        if m.kind == "range":
            row["low"], row["high"] = (format_number(x) for x in m.value.stated)
        else:
            row["value"] = format_number(m.value.stated[0])
        if m.qualifier:
            row["qualifier"] = m.qualifier
        row["counted"] = counted_noun(sentence, m.end - offset, m.value.stated == (1,))
        assert sentence[m.start - offset:m.end - offset] == m.text
        out.append(row)
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["sentence"][:50])
def test_counts(case: dict[str, Any]) -> None:
    assert _describe(case["sentence"], 0) == case["counts"]
    assert _describe(case["sentence"], 100) == case["counts"]  # offsets are added


def test_a_count_in_digits_names_its_noun_too() -> None:
    sentence = "The yard built 1,200 ships and 42 staff left"
    ends = [m.end for m in find_mentions(sentence)]
    assert [counted_noun(sentence, e) for e in ends] == ["ships", "staff"]
