"""``--format github``: workflow commands escaped as the runner requires, and the step summary."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import CONFLICT, run_cli
from reporter_data import ERROR, INTERNAL, STATS, WARNING

from factlint.model import Finding, Location
from factlint.report import github_reporter

Corpus = Callable[[Mapping[str, str]], Path]


def _write(findings: list[Finding]) -> list[str]:
    out = io.StringIO()
    github_reporter.write(findings, STATS, out)
    return out.getvalue().splitlines()


def test_hostile_message_and_path_are_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    hostile = Finding("FC101", "value-conflict", "error",
                      "100% wrong\r\nnext line::with, commas: and %0A literal",
                      Location("dir:x,y/50% a.md", 3, 4, 3, 9))
    [line] = _write([hostile])
    assert line == (
        "::error file=dir%3Ax%2Cy/50%25 a.md,line=3,endLine=3,col=4,endColumn=9,"
        "title=FC101 value-conflict::100%25 wrong%0D%0Anext line::with, commas: and "
        "%250A literal"
    )


def test_warning_related_lines_and_a_finding_without_a_file() -> None:
    lines = _write([WARNING, ERROR, INTERNAL])
    assert lines[0].startswith("::error title=FC999 internal-error::rule FC777")
    error = next(x for x in lines if "file=b/003.txt" in x)
    # the other side of the conflict travels in the message, on its own (escaped) line
    assert "%0Aconflicts%3A" not in error  # the message part escapes only %, CR, LF
    assert "%0Aconflicts: a/000.txt:8:5 controlling 69%25 of production" in error
    warning = next(x for x in lines if "file=a/000.txt" in x)
    assert warning.startswith("::warning file=a/000.txt,line=9,")


def test_summary_table_is_appended_with_every_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    many = [replace(ERROR, location=replace(ERROR.location, line=n),
                    message=f"finding {n} | <b>bold</b>") for n in range(1, 13)]
    lines = _write(many)
    assert len(lines) == 12  # all annotations, GitHub shows only ten
    text = summary.read_text("utf-8")
    assert text.startswith("earlier step\n## factlint\n")
    rows = [r for r in text.splitlines() if r.startswith("| :x: |")]
    assert len(rows) == 12
    assert "finding 12 \\| &lt;b&gt;bold&lt;/b&gt;" in rows[-1]
    assert all(r.count(" | ") == 3 for r in rows)  # pipes in messages do not add columns


def test_cli_prints_one_annotation_per_side(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    root = corpus(CONFLICT)
    code, out, _ = run_cli(["--format", "github", "."], root)
    assert code == 1
    lines = out.splitlines()
    assert [x.split(",")[0] for x in lines] == ["::error file=a.md", "::error file=b.md"]
    assert all(",line=6,endLine=6,col=" in x and "title=FC101 value-conflict::" in x
               for x in lines)
