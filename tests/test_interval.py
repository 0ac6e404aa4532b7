"""The golden rows of the design brief: every rule reads values through these intervals."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from factlint import interval as iv
from factlint.model import Interval

GOLDEN = yaml.safe_load(
    (Path(__file__).parent / "data" / "interval_golden.yaml").read_text("utf-8"))


def _read(row: dict[str, Any], bounds: iv.Bounds) -> Interval:
    if "fraction" in row:
        x = Fraction(row["fraction"]) * 100
        h = iv.fraction_word_half_width(x)
    else:
        x = Fraction(row["number"].replace(",", ""))
        h = iv.half_width(row["number"])
    factor = Fraction(row.get("scale", "1"))
    got = iv.scale(iv.reading(x, h, row["qualifier"], bounds), factor)
    return iv.clip_share(got) if row.get("share", True) else got


def _by_text(text: str) -> dict[str, Any]:
    return next(r for r in GOLDEN["readings"] if r["written"] == text)


@pytest.mark.parametrize("row", GOLDEN["readings"], ids=lambda r: r["written"])
def test_speaker_reading(row: dict[str, Any]) -> None:
    assert _read(row, "speaker").text() == row["interval"]


@pytest.mark.parametrize("row", GOLDEN["strict"], ids=lambda r: r["written"])
def test_strict_reading(row: dict[str, Any]) -> None:
    assert _read(row, "strict").text() == row["interval"]


@pytest.mark.parametrize("pair", GOLDEN["pairs"], ids=lambda p: f"{p['a']} vs {p['b']}")
def test_pair_verdict(pair: dict[str, str]) -> None:
    a, b = _by_text(pair["a"]), _by_text(pair["b"])
    verdict = iv.conflict_level(_read(a, "speaker"), _read(a, "strict"),
                                _read(b, "speaker"), _read(b, "strict"))
    assert verdict == pair["verdict"]
    # consistency is symmetric
    assert verdict == iv.conflict_level(_read(b, "speaker"), _read(b, "strict"),
                                        _read(a, "speaker"), _read(a, "strict"))


def test_touching_half_open_intervals_do_not_intersect() -> None:
    assert not Interval(Fraction(1), Fraction(2)).intersects(Interval(Fraction(2), Fraction(3)))
    assert Interval(Fraction(1), Fraction(2), False, False).intersects(
        Interval(Fraction(2), Fraction(3)))


def test_half_width_rejects_words() -> None:
    with pytest.raises(ValueError):
        iv.half_width("seventy")
