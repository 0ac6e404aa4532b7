"""``--format sarif``: valid SARIF 2.1.0 (official schema) that GitHub code scanning can read."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
from conftest import CONFLICT, run_cli
from reporter_data import ERROR, INTERNAL, MIRROR, STATS, WARNING

from factlint.report import sarif_reporter

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json")
                    .read_text("utf-8"))
VALIDATOR = jsonschema.Draft4Validator(
    SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)

ODD_NAME = "notes/b 中文.md"
Corpus = Callable[[Mapping[str, str]], Path]


def _sarif(corpus: Corpus, files: Mapping[str, str]) -> dict[str, Any]:
    root = corpus(files)
    code, out, err = run_cli(["--format", "sarif", "."], root)
    assert code == 1, err
    data: dict[str, Any] = json.loads(out)
    return data


@pytest.fixture
def log(corpus: Corpus) -> dict[str, Any]:
    return _sarif(corpus, {"a.md": CONFLICT["a.md"], ODD_NAME: CONFLICT["b.md"]})


def test_real_output_is_valid_against_the_official_schema(log: dict[str, Any]) -> None:
    VALIDATOR.validate(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == 2


def test_uris_are_relative_and_percent_encoded(log: dict[str, Any]) -> None:
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    assert uris == {"a.md", "notes/b%20%E4%B8%AD%E6%96%87.md"}
    assert {unquote(u) for u in uris} == {"a.md", ODD_NAME}


def test_result_has_region_fingerprint_and_linked_other_side(log: dict[str, Any]) -> None:
    run = log["runs"][0]
    by_uri = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r
              for r in run["results"]}
    result = by_uri["a.md"]
    assert result["ruleId"] == "FC101" and result["level"] == "error"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "FC101"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["endLine"]) == (6, 6)
    assert region["endColumn"] > region["startColumn"]
    related = result["relatedLocations"]
    assert related[0]["physicalLocation"]["artifactLocation"]["uri"].startswith("notes/b%20")
    # the message links the other side by its id; the interval brackets are escaped
    text = result["message"]["text"]
    assert f"[{ODD_NAME}:6]({related[0]['id']})" in text
    assert "\\[66.5, 73.5)" in text
    # both sides share the conflict's fingerprint but stay two alerts
    fps = [r["partialFingerprints"]["factlint/v1"] for r in run["results"]]
    assert len(set(fps)) == 2
    assert len({r["properties"]["fingerprint"] for r in run["results"]}) == 1


def test_rules_carry_descriptions_and_help_from_the_rule_doc(log: dict[str, Any]) -> None:
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    fc101 = rules["FC101"]
    assert fc101["name"] == "value-conflict"
    assert fc101["shortDescription"]["text"].startswith("two statements of one value")
    assert "same subject, measure and kind" in fc101["fullDescription"]["text"]
    assert "Anti-pattern" in fc101["help"]["text"]
    assert rules["FC902"]["defaultConfiguration"]["level"] == "warning"


def test_fingerprint_survives_an_added_paragraph(corpus: Corpus) -> None:
    before = _sarif(corpus, {"a.md": CONFLICT["a.md"], "b.md": CONFLICT["b.md"]})
    moved = CONFLICT["a.md"].replace("---\n\n", "---\n\nA new paragraph, unrelated.\n\n", 1)
    after = _sarif(corpus, {"a.md": moved})

    def prints(log: dict[str, Any]) -> dict[str, tuple[str, int]]:
        return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]:
                (r["partialFingerprints"]["factlint/v1"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"])
                for r in log["runs"][0]["results"]}

    old, new = prints(before), prints(after)
    assert new["a.md"][1] == old["a.md"][1] + 2  # the claim moved down two lines
    assert new["a.md"][0] == old["a.md"][0] and new["b.md"] == old["b.md"]


def test_hand_made_findings_and_an_internal_error_are_valid() -> None:
    out = io.StringIO()
    sarif_reporter.write([ERROR, MIRROR, WARNING, INTERNAL], STATS, out)
    log = json.loads(out.getvalue())
    VALIDATOR.validate(log)
    run = log["runs"][0]
    assert [r["level"] for r in run["results"]] == ["error", "warning", "error"]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "FC777" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_empty_report_is_valid_and_lists_the_rules() -> None:
    log = sarif_reporter.sarif_log([], STATS, [])
    VALIDATOR.validate(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_artifact_uri_escapes_what_a_uri_cannot_hold() -> None:
    assert sarif_reporter.artifact_uri("a b/c#d?e%f:g.md") == "a%20b/c%23d%3Fe%25f%3Ag.md"
    assert sarif_reporter.artifact_uri("/abs/x y.md") == "file:///abs/x%20y.md"
