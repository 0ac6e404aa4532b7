"""Restatements (tests/data/restatements.yaml): a figure no statement frames, written again
where its document framed it, is that claim again, and only when that is unmistakable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import run_cli

from factlint.frame.restate import significant_digits

CASES = yaml.safe_load(
    (Path(__file__).resolve().parent / "data" / "restatements.yaml").read_text("utf-8"))


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_restatement(case: dict[str, Any], tmp_path: Path) -> None:
    _write(tmp_path, case["files"])
    code, out, err = run_cli(["claims", "--format", "json", "--no-cache", "."], tmp_path)
    assert code == 0, err
    mentions = json.loads(out)["mentions"]
    for want in case["expect"]:
        found = [m for m in mentions if m["path"].endswith(want["path"])
                 and int(m["line"]) == want["line"] and m["text"].startswith(want["text"])]
        assert len(found) == 1, (want, mentions)
        m = found[0]
        if "unframed" in want:
            assert not m.get("claims"), m
            assert m["unframed_reason"] == want["unframed"]
            continue
        keys = {f"{c['subject']} | {c['measure']} | {c['kind']}": c for c in m["claims"]}
        assert want["key"] in keys, m
        assert keys[want["key"]]["rule"] == want["shape"]
    if "findings" in case:
        code, out, err = run_cli(["--format", "json", "--no-cache", "."], tmp_path)
        got = {(f["rule"], f["location"]["path"].split("/")[-1], f["location"]["line"])
               for f in json.loads(out)["findings"]}
        for want in case["findings"]:
            assert (want["rule"], want["path"], want["line"]) in got, got


@pytest.mark.parametrize(("text", "digits"), [
    ("348", 3), ("8430万吨", 3), ("$1,789,226", 7), ("1.0 million", 1), ("25%", 2),
    ("0.054", 2), ("１２３", 3)])
def test_significant_digits(text: str, digits: int) -> None:
    assert significant_digits(text) == digits
