"""``factlint baseline FILE`` and ``--baseline FILE``: old findings stay quiet, new ones do not."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from conftest import CONFLICT, run_cli

REPO = Path(__file__).resolve().parent.parent

Corpus = Callable[[Mapping[str, str]], Path]
NEW = {"c.md": "---\ntitle: Cobalt news\ndate: 2024-05-01\n---\n\n"
               "The DRC accounts for 90% of global cobalt mining.\n"}


def _json(root: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    code, out, err = run_cli(["--format", "json", *args], root)
    assert code in (0, 1), err
    return code, json.loads(out)["findings"]


def test_baseline_file_lists_sorted_fingerprints(corpus: Corpus) -> None:
    root = corpus(CONFLICT)
    code, _, err = run_cli(["baseline", "known.json", "."], root)
    assert code == 0
    assert "wrote 1 fingerprint to known.json" in err
    data = json.loads((root / "known.json").read_text("utf-8"))
    assert data["version"] == 1 and data["tool"] == "factlint" and data["tool_version"]
    [entry] = data["findings"]
    _, findings = _json(root, ".")
    assert entry["fingerprint"] == findings[0]["fingerprint"]  # one conflict, two sides
    assert entry["rule"] == "FC101" and "52%" in entry["message"]


def test_baseline_silences_old_findings_after_moves_and_reports_new_ones(
    corpus: Corpus
) -> None:
    root = corpus(CONFLICT)
    assert run_cli(["baseline", "known.json"], root)[0] == 0
    assert _json(root, "--baseline", "known.json", ".") == (0, [])

    # an unrelated paragraph above the claim moves it down: still known
    moved = CONFLICT["a.md"].replace("---\n\n", "---\n\nSome news first.\n\nMore news.\n\n", 1)
    corpus({"a.md": moved})
    code, findings = _json(root, ".")
    assert code == 1 and findings[0]["location"]["line"] == 10  # really moved
    assert _json(root, "--baseline", "known.json", ".") == (0, [])

    # a new article contradicting the old claims: new findings, on both sides
    corpus(NEW)
    code, findings = _json(root, "--baseline", "known.json", ".")
    assert code == 1
    pairs = {(f["location"]["path"], f["related"][0]["path"]) for f in findings}
    assert pairs == {("a.md", "c.md"), ("c.md", "a.md"), ("b.md", "c.md"), ("c.md", "b.md")}


def test_config_names_the_baseline(corpus: Corpus) -> None:
    root = corpus({**CONFLICT, ".factlint.yaml": "baseline: ci/known.json\n"})
    (root / "ci").mkdir()
    assert run_cli(["baseline"], root)[0] == 0  # writes the configured file
    assert (root / "ci" / "known.json").is_file()
    assert _json(root, ".") == (0, [])


def test_bad_or_missing_baseline_is_a_usage_error(corpus: Corpus) -> None:
    root = corpus({**CONFLICT, "bad.json": '{"version": 1, "findings": [{"rule": "FC101"}]}'})
    code, _, err = run_cli(["--baseline", "missing.json", "."], root)
    assert code == 2 and "factlint baseline missing.json" in err
    code, _, err = run_cli(["--baseline", "bad.json", "."], root)
    assert code == 2 and "findings[0]" in err
    code, _, err = run_cli(["baseline"], root)
    assert code == 2 and "expected the FILE" in err
    code, _, err = run_cli(["baseline", "."], root)
    assert code == 2 and "is a folder" in err


def test_a_baseline_written_before_statement_framing_still_silences_the_seeds() -> None:
    """The statement grammar frames more of the seeds, yet keeps every finding's fingerprint:
    a baseline written by the release before it (tests/data) silences the seeds whole."""
    baseline = REPO / "tests" / "data" / "seeds-baseline-before-statements.json"
    code, out, err = run_cli(["--no-cache", "--baseline", str(baseline), "seeds"], REPO)
    assert code == 0, out + err
    code, out, _ = run_cli(["--no-cache", "seeds"], REPO)
    assert code == 1 and "FC101" in out  # the findings are there without the baseline
