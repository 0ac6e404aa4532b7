"""The shipped JSON Schemas describe the real output of ``--format json`` and ``claims``."""

from __future__ import annotations

import io
import json
import typing
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import CONFLICT, run_cli
from reporter_data import ERROR, INTERNAL, MIRROR, STATS, WARNING

from factlint import interval
from factlint.model import UNFRAMED_REASONS, ClaimKind, Mention, Modality
from factlint.report import claims, json_reporter

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CORPORA = SEEDS.parent / "tests" / "corpora"


def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads(resources.files("factlint").joinpath("schema", name).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


FINDINGS = _validator("findings.schema.json")
CLAIMS = _validator("claims.schema.json")


def test_hand_made_report_with_every_shape_is_valid() -> None:
    out = io.StringIO()
    json_reporter.write([ERROR, MIRROR, WARNING, INTERNAL], STATS, out)
    FINDINGS.validate(json.loads(out.getvalue()))


def test_schema_rejects_what_the_contract_forbids() -> None:
    data = json_reporter.report_dict([ERROR], STATS)
    del data["findings"][0]["fingerprint"]
    assert not FINDINGS.is_valid(data)
    data = json_reporter.report_dict([ERROR], STATS)
    data["findings"][0]["location"]["claim"]["low"] = 57.0
    assert not FINDINGS.is_valid(data)
    data = json_reporter.report_dict([ERROR], STATS)
    data["findings"][0]["related"][0]["role"] = "agrees"
    assert not FINDINGS.is_valid(data)


def _check_findings(data: Any) -> None:
    errors = sorted(FINDINGS.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_real_output_on_a_conflict_is_valid(
    corpus: Callable[[Mapping[str, str]], Path]
) -> None:
    code, out, _ = run_cli(["--format", "json", "."], corpus(CONFLICT))
    data = json.loads(out)
    _check_findings(data)
    assert code == 1 and data["findings"]


def test_real_output_on_the_seeds_is_valid() -> None:
    if not SEEDS.is_dir():
        pytest.fail("seeds/ is missing from the repository")
    code, out, _ = run_cli(["--format", "json", str(SEEDS)], SEEDS.parent)
    data = json.loads(out)
    _check_findings(data)
    assert code == 1 and data["findings"]


def _check_claims(data: Any) -> None:
    errors = sorted(CLAIMS.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_real_claims_output_on_the_seeds_is_valid() -> None:
    code, out, _ = run_cli(["claims", "--format", "json", str(SEEDS)], SEEDS.parent)
    data = json.loads(out)
    _check_claims(data)
    assert code == 0 and data["counts"]["claims"] > 0
    assert data["version"] == claims.VERSION == 2


@pytest.mark.parametrize("name", sorted(p.name for p in CORPORA.iterdir() if p.is_dir()))
def test_real_claims_output_on_a_corpus_is_valid(name: str) -> None:
    code, out, _ = run_cli(["claims", "--format", "json", "--no-cache", "."], CORPORA / name)
    data = json.loads(out)
    _check_claims(data)
    assert code == 0 and data["mentions"]
    kinds = {m["kind"] for m in data["mentions"]}
    assert "quantity" in kinds


def _mention_schema() -> dict[str, Any]:
    schema: dict[str, Any] = CLAIMS.schema["$defs"]["mention"]
    return schema


def test_claims_schema_closed_sets_are_the_code_s() -> None:
    """Every enum of the claims schema is exactly the set the code can write."""
    props = _mention_schema()["properties"]
    claim = props["claims"]["items"]["properties"]
    kinds = typing.get_args(typing.get_type_hints(Mention)["kind"])
    assert set(props["kind"]["enum"]) == set(kinds)
    assert set(props["unframed_reason"]["enum"]) == {None, *UNFRAMED_REASONS}
    qualifiers = {interval.EXACT, interval.APPROX, interval.NEARLY, interval.OVER,
                  interval.AT_LEAST, interval.UP_TO, interval.UNDER}
    assert set(props["qualifier"]["enum"]) == qualifiers
    assert set(claim["kind"]["enum"]) == set(typing.get_args(ClaimKind))
    assert set(claim["modality"]["enum"]) == set(typing.get_args(Modality))


def test_claims_schema_describes_every_field() -> None:
    mention = _mention_schema()
    claim = mention["properties"]["claims"]["items"]
    assert set(mention["required"]) == set(mention["properties"])
    # a claim's optional fields are those of the table (``--format jsonl``) only
    optional = set(claim["properties"]) - set(claim["required"])
    assert optional == set(claims.TABLE_FIELDS)
    for name in optional:
        assert "jsonl only" in claim["properties"][name]["description"], name
    for name in ("value", "stated_low", "stated_high", "stated_unit", "low", "high", "unit",
                 "unframed_reason"):
        assert "description" in mention["properties"][name], name
    assert "description" in claim["properties"]["rule"]


def _listing() -> dict[str, Any]:
    _, out, _ = run_cli(["claims", "--format", "json", "--no-cache", "."], CORPORA / "chips")
    data: dict[str, Any] = json.loads(out)
    return data


@pytest.mark.parametrize("change", [
    "version 1", "v1 unframed", "v1 shape", "number value", "empty reason", "unknown reason",
])
def test_claims_schema_rejects_what_version_2_forbids(change: str) -> None:
    data = _listing()
    framed = next(m for m in data["mentions"] if m["claims"])
    unframed = next(m for m in data["mentions"] if not m["claims"])
    if change == "version 1":
        data["version"] = 1
    elif change == "v1 unframed":
        unframed["unframed"] = unframed.pop("unframed_reason")
    elif change == "v1 shape":
        framed["claims"][0]["shape"] = framed["claims"][0].pop("rule")
    elif change == "number value":
        framed["value"] = 1.5
    elif change == "empty reason":
        framed["unframed_reason"] = ""
    else:
        unframed["unframed_reason"] = "too-hard"
    assert CLAIMS.is_valid(_listing())
    assert not CLAIMS.is_valid(data)
