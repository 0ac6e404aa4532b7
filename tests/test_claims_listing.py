"""``factlint claims`` says what was written (tests/data/claims_listing.yaml): each mention's
number and unit as written, a range's ends, the statement rule of each claim and why a
mention stayed unframed; the text listing shows the figure as written when it is converted."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import run_cli

REPO = Path(__file__).resolve().parent.parent
DATA = yaml.safe_load((REPO / "tests" / "data" / "claims_listing.yaml").read_text("utf-8"))
#: fields of a case that are no field of the listing
_NOT_FIELDS = ("path", "line", "text", "rules")


def _listing(argv: list[str], root: Path) -> dict[str, Any]:
    code, out, err = run_cli(["claims", "--format", "json", "--no-cache", *argv], root)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    assert data["version"] == 2
    return data


@pytest.fixture(scope="module")
def document_listing(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("listing")
    (root / "figures.md").write_text(DATA["document"], encoding="utf-8")
    return _listing(["."], root)


@pytest.fixture(scope="module")
def corpora_listing() -> dict[str, Any]:
    return _listing(["seeds", "tests/corpora"], REPO)


def _one(mentions: list[dict[str, Any]], **where: object) -> dict[str, Any]:
    found = [m for m in mentions if all(m[k] == v for k, v in where.items())]
    assert len(found) == 1, f"{len(found)} mentions with {where}"
    return found[0]


def _check(mention: dict[str, Any], case: Mapping[str, Any]) -> None:
    got = {k: mention[k] for k in case if k not in _NOT_FIELDS}
    assert got == {k: v for k, v in case.items() if k not in _NOT_FIELDS}, mention["text"]
    if "rules" in case:
        assert [c["rule"] for c in mention["claims"]] == case["rules"], mention["text"]


@pytest.mark.parametrize("case", DATA["mentions"], ids=lambda c: c["text"])
def test_a_mention_lists_what_was_written(case: dict[str, Any],
                                          document_listing: dict[str, Any]) -> None:
    _check(_one(document_listing["mentions"], text=case["text"]), case)


def test_every_mention_of_the_document_is_a_case(document_listing: dict[str, Any]) -> None:
    assert sorted(m["text"] for m in document_listing["mentions"]) == sorted(
        c["text"] for c in DATA["mentions"])


@pytest.mark.parametrize("case", DATA["corpora"], ids=lambda c: f"{c['path']}:{c['text']}")
def test_real_text_lists_what_was_written(case: dict[str, Any],
                                          corpora_listing: dict[str, Any]) -> None:
    where = {"path": case["path"], "line": case["line"], "text": case["text"]}
    _check(_one(corpora_listing["mentions"], **where), case)


def test_framed_and_unframed_mentions_are_told_apart(document_listing: dict[str, Any]) -> None:
    """A framed mention has claims and no reason; an unframed one a reason and no claims."""
    for m in document_listing["mentions"]:
        assert bool(m["claims"]) == (m["unframed_reason"] is None), m["text"]
    counts = document_listing["counts"]
    assert counts["unframed_mentions"] == sum(
        1 for m in document_listing["mentions"] if m["unframed_reason"])


def test_text_listing_shows_a_converted_figure_as_written(
        corpus: Callable[[Mapping[str, str]], Path]) -> None:
    root = corpus({"figures.md": DATA["document"]})
    code, out, _ = run_cli(["claims", "--no-cache", "."], root)
    lines = {line.split(": ", 1)[1].split(" -> ")[0] for line in out.splitlines()[:-1]}
    assert code == 0
    assert "35 miles = 35 mile [55.522368, 57.131712) kilometre" in lines
    assert "10-12 Mt = 10\u201312 megatonne [10000000, 12000000] tonne" in lines
    # nothing to add when the figure is in its base unit already
    assert "Nearly 90% [81, 90) percent (nearly)" in lines
    assert "$800 million [760000000, 840000000) dollar" in lines


def test_the_claim_cache_keeps_what_was_written(
        corpus: Callable[[Mapping[str, str]], Path]) -> None:
    """A listing from the claim cache is the listing of a fresh read, written numbers too."""
    root = corpus({"figures.md": DATA["document"]})
    (root / ".git").mkdir(exist_ok=True)
    argv = ["claims", "--format", "json", "."]
    first, second = run_cli(argv, root), run_cli(argv, root)
    assert (root / ".factlint_cache").is_dir() and second[2] == ""
    assert first[1] == second[1] == run_cli([*argv, "--no-cache"], root)[1]
    assert '"stated_unit": "mile"' in second[1]


def test_a_multiple_written_as_a_word_is_listed_where_it_stands(tmp_path: Path) -> None:
    """"roughly double" is no quantity mention, but the sentence's arithmetic frames it: the
    listing shows it at its line and column (it used to crash the listing)."""
    (tmp_path / "capex.md").write_text(
        "---\ntitle: Gulf Olefins interview\ndate: 2025-03-01\n---\n\n"
        "Our capital expenditure this year will be about SAR 9 billion, roughly double the "
        "SAR 4.6 billion we spent in 2024.\n", encoding="utf-8")
    data = _listing(["."], tmp_path)
    double = [m for m in data["mentions"] if m["text"] == "roughly double"]
    assert double and double[0]["line"] == 6 and double[0]["column"] > 1
    assert double[0]["claims"]
