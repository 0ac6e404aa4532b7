"""The text, json and claims reports, on hand-made findings (no engine involved)."""

from __future__ import annotations

import io
import json
from typing import Any

from reporter_data import CLAIMS, ERROR, INTERNAL, MIRROR, SENTENCES, STATS, WARNING

from factlint.report import claims, json_reporter, text_reporter


def _text(findings: list[Any], quiet: bool = False) -> list[str]:
    out = io.StringIO()
    text_reporter.write(findings, STATS, out, quiet=quiet)
    return out.getvalue().splitlines()


def _json(findings: list[Any]) -> tuple[str, dict[str, Any]]:
    out = io.StringIO()
    json_reporter.REPORTER.write(findings, STATS, out)
    return out.getvalue(), json.loads(out.getvalue())


def test_text_error_line_then_related_indented_then_summary() -> None:
    lines = _text([ERROR])
    assert lines[0] == "b/003.txt:10:11: FC101 60% here, but 69% in a/000.txt:8"
    assert lines[1] == "    a/000.txt:8:5: (conflicts) controlling 69% of production"
    assert lines[-1] == "1 error, 0 warnings in 2 files (3 documents, 3 claims)"
    assert len(lines) == 3


def test_text_warning_carries_its_severity_after_the_code() -> None:
    lines = _text([ERROR, MIRROR, WARNING])
    assert lines[-2] == "a/000.txt:9:1: FC101 [warning] 中国 over 90% here"
    assert lines[-1] == "2 errors, 1 warning in 2 files (3 documents, 3 claims)"


def test_text_run_level_finding_has_no_file_position() -> None:
    assert _text([INTERNAL])[0] == "factlint: FC999 rule FC777 raised ValueError"


def test_text_quiet_leaves_out_the_summary_and_prints_nothing_when_clean() -> None:
    assert _text([], quiet=True) == []
    assert _text([ERROR], quiet=True)[-1].startswith("    a/000.txt:8:5:")


def test_json_follows_the_contract() -> None:
    raw, data = _json([ERROR])
    assert raw.endswith("}\n") and raw.startswith('{\n  "version": 1,')
    f = data["findings"][0]
    assert list(f) == ["rule", "name", "severity", "message", "location", "related",
                       "conflict_id", "fingerprint"]
    assert f["location"] == {
        "path": "b/003.txt", "line": 10, "column": 11, "end_line": 10, "end_column": 28,
        "claim": {"text": "approximately 60% of global rare earth mining",
                  "value_text": "approximately 60%", "subject": "China",
                  "measure": "rare earth mining", "kind": "share", "period": "2024–2025",
                  "low": "57", "high": "63", "unit": "percent"},
    }
    assert f["related"][0]["role"] == "conflicts"
    assert f["related"][0]["claim"]["low"] == "68.5"
    assert f["related"][0]["claim"]["high"] == "69.5"
    assert (f["conflict_id"], f["fingerprint"]) == ("cid", "fp1")
    assert data["stats"] == {"files": 2, "documents": 3, "mentions": 4, "claims": 3,
                             "unframed": 1, "seconds": 0.25}


def test_json_infinite_bound_is_null_and_text_is_not_escaped() -> None:
    raw, data = _json([WARNING])
    assert data["findings"][0]["location"]["claim"]["high"] is None
    assert "中国" in raw


def test_json_findings_are_sorted_by_path_line_column() -> None:
    _, data = _json([ERROR, INTERNAL, WARNING, MIRROR])
    places = [(f["location"]["path"], f["location"]["line"]) for f in data["findings"]]
    assert places == [("", 1), ("a/000.txt", 8), ("a/000.txt", 9), ("b/003.txt", 10)]
    assert data["findings"][0]["location"]["claim"] is None


def test_claims_report_matches_claims_to_mentions_and_counts() -> None:
    report = claims.claims_report(SENTENCES, CLAIMS)
    texts = [(m["path"], m["text"], [c["subject"] for c in m["claims"]])
             for m in report["mentions"]]
    assert texts == [("a/000.txt", "69%", ["China"]), ("a/000.txt", "over 90%", []),
                     ("b/003.txt", "approximately 60%", ["China"])]
    assert report["counts"] == {"mentions": 3, "claims": 2, "framed_mentions": 2,
                                "unframed_mentions": 1, "skipped_sentences": 2}
    over = report["mentions"][1]
    assert (over["low"], over["high"], over["qualifier"]) == ("90", None, "over")


def test_claims_text_shows_interval_and_key_or_unframed() -> None:
    out = io.StringIO()
    claims.write(claims.claims_report(SENTENCES, CLAIMS), "text", out)
    lines = out.getvalue().splitlines()
    assert lines[0] == ("a/000.txt:8:5: 69% [68.5, 69.5) percent -> China | rare earth mining"
                        " | share | 2024–2025")
    assert lines[1] == ("a/000.txt:9:1: over 90% [90, inf) percent (over) -> unframed quantity"
                        " (no-statement)")
    assert lines[-1] == ("3 mentions: 2 framed into 2 claims, 1 unframed; "
                         "2 sentences with a digit but no mention")


def test_json_written_finding_by_finding_is_the_indented_report() -> None:
    """The streamed report has exactly the bytes of the whole report dumped at once."""
    for findings in ([], [ERROR], [WARNING, ERROR, MIRROR, INTERNAL]):
        text, _ = _json(findings)
        whole = json.dumps(json_reporter.report_dict(findings, STATS), ensure_ascii=False,
                           indent=2) + "\n"
        assert text == whole
