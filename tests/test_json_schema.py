"""The shipped JSON Schemas describe the real output of ``--format json`` and ``claims``."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import CONFLICT, run_cli
from reporter_data import ERROR, INTERNAL, MIRROR, STATS, WARNING

from factlint.report import json_reporter

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


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


def test_real_claims_output_on_the_seeds_is_valid() -> None:
    code, out, _ = run_cli(["claims", "--format", "json", str(SEEDS)], SEEDS.parent)
    data = json.loads(out)
    errors = list(CLAIMS.iter_errors(data))
    assert not errors, [e.message for e in errors[:5]]
    assert code == 0 and data["counts"]["claims"] > 0
