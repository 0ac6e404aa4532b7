"""``factlint claims --format jsonl``: the claims as a table, one mention a line.

Each line is one ``mentions[]`` item of the listing (it validates against the claims schema's
mention), and each claim carries what a comparison outside factlint needs: its id, its
document, whether it stands in a title, its period as data and its exact bounds in both
readings (docs/scale.md). Sharding is tested with the SQL, in test_scale_sql.py."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import run_cli

from factlint.report.claims import TABLE_FIELDS

REPO = Path(__file__).resolve().parent.parent
PATHS = ["seeds", "tests/corpora"]


def _schema() -> jsonschema.protocols.Validator:
    schema = json.loads(resources.files("factlint").joinpath(
        "schema", "claims.schema.json").read_text("utf-8"))
    mention = {"$schema": schema["$schema"], "$defs": schema["$defs"],
               "$ref": "#/$defs/mention"}
    return jsonschema.Draft202012Validator(mention)


@pytest.fixture(scope="module")
def lines() -> list[str]:
    code, out, err = run_cli(["claims", "--format", "jsonl", "--no-cache", *PATHS], REPO)
    assert code == 0, err
    assert out.endswith("\n")
    return out.splitlines()


@pytest.fixture(scope="module")
def listing() -> dict[str, Any]:
    code, out, err = run_cli(["claims", "--format", "json", "--no-cache", *PATHS], REPO)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_every_line_is_a_mention_of_the_schema(lines: list[str]) -> None:
    validator = _schema()
    for line in lines:
        mention = json.loads(line)
        errors = list(validator.iter_errors(mention))
        assert not errors, f"{line[:120]}: {errors[0].message}"
        for claim in mention["claims"]:
            assert set(TABLE_FIELDS) <= set(claim), claim["text"]


def test_each_line_is_the_listing_s_mention_and_every_claim_is_listed(
        lines: list[str], listing: dict[str, Any]) -> None:
    """Without the table's fields, the lines are the JSON listing's mentions, in its order
    (these corpora name no subject both with and without a corporate suffix, which the
    listing unifies and the table does not: see below); every claim of the run stands under
    one of them (also one whose framer trimmed its figure, as "roughly half" of the listed
    "roughly half of")."""
    table = [json.loads(line) for line in lines]
    for mention in table:
        for claim in mention["claims"]:
            for name in TABLE_FIELDS:
                del claim[name]
    assert table == listing["mentions"]
    assert sum(len(m["claims"]) for m in table) == listing["counts"]["claims"]
    ids = [c["id"] for line in lines for c in json.loads(line)["claims"]]
    assert len(ids) == len(set(ids))


def _claim(lines: list[str], path: str, text: str) -> dict[str, Any]:
    found = [(m, c) for m in map(json.loads, lines) if m["path"] == path and m["text"] == text
             for c in m["claims"]]
    assert len(found) == 1, f"{len(found)} claims of {text!r} in {path}"
    mention, claim = found[0]
    return {"path": mention["path"], **claim}


CASES = [
    # a plain figure: [68.5, 69.5) in both readings; undated, so its document's year and
    # the year before; the second article of its digest file
    ("seeds/000_8a2855c8e813deaa.txt", "69%",
     {"document": "seeds/000_8a2855c8e813deaa.txt#1", "in_title": False,
      "when": {"span": "year", "part": "", "years": [2024, 2025], "stated": False,
               "projection": False},
      "bounds": {"unit": "percent", "dimension": "share",
                 "speaker": {"low": "137/2", "high": "139/2", "low_open": False,
                             "high_open": True},
                 "strict": {"low": "137/2", "high": "139/2", "low_open": False,
                            "high_open": True}}}),
    # "nearly half": [45, 50) as meant, [0, 50) read strictly
    ("seeds/000_8a2855c8e813deaa.txt", "nearly half",
     {"bounds": {"unit": "percent", "dimension": "share",
                 "speaker": {"low": "45/1", "high": "50/1", "low_open": False,
                             "high_open": True},
                 "strict": {"low": "0/1", "high": "50/1", "low_open": False,
                            "high_open": True}}}),
    # a Chinese title's figure: in the title of its (only) document
    ("tests/corpora/battery-metals/articles/cobalt-congo.md", "七成",
     {"document": "tests/corpora/battery-metals/articles/cobalt-congo.md#0", "in_title": True}),
    # a quarter
    ("tests/corpora/chips/digest-foundry.txt", "30%",
     {"when": {"span": "quarter", "part": "Q1", "years": [2025], "stated": True,
               "projection": False}}),
    # a rank is its rank exactly; "Nutrien, the largest producer, expects ... in 2025": the
    # plan's year is the plan's, and the rank holds as of the document's date
    ("tests/corpora/agriculture/articles/potash-market.md", "the largest",
     {"modality": "fact",
      "when": {"span": "year", "part": "", "years": [2023, 2024], "stated": False,
               "projection": False},
      "bounds": {"unit": "", "dimension": "rank",
                 "speaker": {"low": "1/1", "high": "1/1", "low_open": False,
                             "high_open": False},
                 "strict": {"low": "1/1", "high": "1/1", "low_open": False,
                            "high_open": False}}}),
    # a written range is closed at both ends; a bare $ is its own unit
    ("tests/corpora/energy/reports/utilities-outlook.md", "$28 billion to $32 billion",
     {"bounds": {"unit": "dollar", "dimension": "dollar",
                 "speaker": {"low": "28000000000/1", "high": "32000000000/1",
                             "low_open": False, "high_open": False},
                 "strict": {"low": "28000000000/1", "high": "32000000000/1",
                            "low_open": False, "high_open": False}}}),
]


@pytest.mark.parametrize(("path", "text", "fields"), CASES, ids=[c[1] for c in CASES])
def test_a_claim_carries_what_the_comparison_needs(
        lines: list[str], path: str, text: str, fields: dict[str, Any]) -> None:
    claim = _claim(lines, path, text)
    assert {k: claim[k] for k in fields} == fields


def test_a_claim_s_id_and_location_name_its_place(lines: list[str]) -> None:
    """The id is the mention's place and the claim's ordinal; the claim's text holds its
    figure; its document is in its file."""
    for m in map(json.loads, lines):
        for k, c in enumerate(m["claims"]):
            assert c["id"] == (f"{m['path']}:{m['line']}:{m['column']}-{m['end_line']}:"
                               f"{m['end_column']}#{k}")
            assert c["document"].rpartition("#")[0] == m["path"]
            loc = c["location"]
            assert (loc["line"], loc["column"]) <= (m["line"], m["column"]), c["text"]
            assert (loc["end_line"], loc["end_column"]) >= (m["end_line"], m["end_column"])


#: a name with a corporate suffix in one file, the short name in another (FC101 compares
#: them as one subject: tests/rules/FC101.yaml)
SUFFIXED = {
    "a.md": "---\ntitle: Airlines\ndate: 2025-02-01\n---\n\n"
            "Kestrel Holdings carried 200.2 million passengers in 2024.\n",
    "b.md": "---\ntitle: Budget flying\ndate: 2025-02-01\n---\n\n"
            "Kestrel carried 180 million passengers in 2024.\n",
}


def test_shards_concatenate_where_a_run_unifies_subjects(
        corpus: Callable[[Mapping[str, str]], Path]) -> None:
    """The JSON listing names "Kestrel Holdings" Kestrel, as the run that read both files
    compares it; the table keeps each file's own subject with its base name, so that the
    shards of a.md and of b.md concatenate into the lines of one run (the query unifies)."""
    root = corpus(SUFFIXED)

    def run(fmt: str, *paths: str) -> str:
        code, out, err = run_cli(["claims", "--format", fmt, "--no-cache", *paths], root)
        assert code == 0, err
        return out

    listed = json.loads(run("json", "."))["mentions"]
    assert {c["subject"] for m in listed for c in m["claims"]} == {"Kestrel"}
    whole = run("jsonl", ".").splitlines()
    assert sorted(whole) == sorted(run("jsonl", "a.md").splitlines()
                                   + run("jsonl", "b.md").splitlines())
    claims = {c["subject"]: c["names"]["base"] for m in map(json.loads, whole)
              for c in m["claims"]}
    assert claims == {"Kestrel Holdings": "Kestrel", "Kestrel": "Kestrel"}
