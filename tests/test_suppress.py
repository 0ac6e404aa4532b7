"""Inline ``factlint: ignore`` markers, the config's ``ignore:`` list, and FC902."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from conftest import CONFLICT, run_cli

from factlint.run.suppress import parse_suppressions

Corpus = Callable[[Mapping[str, str]], Path]
HEAD = "---\ntitle: Cobalt\ndate: 2024-05-01\n---\n\n"
B_LINE = "The DRC accounts for 52% of global cobalt mining."


def _findings(root: Path, *args: str) -> list[dict[str, Any]]:
    code, out, err = run_cli(["--format", "json", *args, "."], root)
    assert code in (0, 1), err
    findings: list[dict[str, Any]] = json.loads(out)["findings"]
    return findings


def _where(findings: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    return [(f["rule"], f["location"]["path"], f["location"]["line"]) for f in findings]


def test_parse_forms() -> None:
    text = ("x 60% <!-- factlint: ignore FC101 -->\n"
            "<!-- factlint: ignore FC101, FC2 because we quote both -->\n"
            "\n"
            "target line\n"
            "y factlint: ignore fc101 \u201capproximately 60%\u201d\n"
            "# factlint: ignore\n")
    found = parse_suppressions("a.md", text)
    assert [(s.location.line, s.target, s.codes, s.value_text) for s in found] == [
        (1, 1, ("FC101",), ""),
        (2, 4, ("FC101", "FC2"), ""),  # own line: the next non-blank line
        (5, 5, ("FC101",), "approximately 60%"),
        (6, 6, (), ""),  # nothing follows: its own line; every rule
    ]
    first = found[0].location
    assert (first.column, first.end_column) == (7, 38)  # the whole HTML comment


def test_markdown_comment_silences_its_line_only(corpus: Corpus) -> None:
    root = corpus({**CONFLICT,
                   "b.md": f"{HEAD}{B_LINE} <!-- factlint: ignore FC101 -->\n"})
    assert _where(_findings(root)) == [("FC101", "a.md", 6)]


def test_comment_on_its_own_line_silences_the_next_line(corpus: Corpus) -> None:
    root = corpus({**CONFLICT, "b.md": f"{HEAD}<!-- factlint: ignore FC101 -->\n{B_LINE}\n"})
    assert _where(_findings(root)) == [("FC101", "a.md", 6)]
    # a marker for another rule silences nothing and is reported where it stands
    root = corpus({**CONFLICT, "b.md": f"{HEAD}<!-- factlint: ignore FC3 -->\n{B_LINE}\n"})
    findings = _findings(root)
    assert _where(findings) == [("FC101", "a.md", 6), ("FC902", "b.md", 6),
                                ("FC101", "b.md", 7)]
    unused = findings[1]
    assert unused["severity"] == "warning" and unused["name"] == "unused-suppression"
    assert (unused["location"]["column"], unused["location"]["end_column"]) == (1, 30)


def test_value_text_form_silences_only_that_claim(corpus: Corpus) -> None:
    root = corpus({
        "a.txt": "Metals in 2024\n\nThe DRC accounts for about 70% of global cobalt mining, "
                 "and Indonesia accounts for 40% of global nickel mining. "
                 'factlint: ignore FC101 "about  70%"\n',
        "b.txt": "More metals in 2024\n\nThe DRC accounts for 52% of global cobalt mining. "
                 "Indonesia accounts for 60% of global nickel mining.\n",
    })
    findings = _findings(root)
    left = [(f["location"]["path"], f["location"]["claim"]["value_text"]) for f in findings]
    assert left == [("a.txt", "40%"), ("b.txt", "52%"), ("b.txt", "60%")]


def test_unused_marker_warns_but_does_not_fail(corpus: Corpus) -> None:
    root = corpus({"c.md": f"{HEAD}Nothing to see. <!-- factlint: ignore FC101 -->\n"})
    code, out, _ = run_cli(["."], root)
    assert code == 0
    assert out.startswith("c.md:6:17: FC902 [warning] unused suppression")
    # a marker for a rule that did not run is not "unused"
    assert run_cli(["--ignore", "FC101", "."], root)[1].startswith("0 errors, 0 warnings")


def test_config_ignore_list_silences_both_sides(corpus: Corpus) -> None:
    root = corpus(CONFLICT)
    fingerprint = _findings(root)[0]["fingerprint"]
    corpus({".factlint.yaml": f"ignore:\n  - fingerprint: {fingerprint}\n"
                              "    reason: both figures are quoted on purpose\n"})
    assert _findings(root) == []


def test_text_given_in_memory_wins_over_the_file_on_disk(tmp_path: Path) -> None:
    from factlint.model import Finding, Location, Settings
    from factlint.run.suppress import apply_suppressions

    (tmp_path / "a.md").write_text("old text, no marker\n", encoding="utf-8")
    finding = Finding("FC101", "value-conflict", "error", "m", Location("a.md", 1, 1, 1, 4))
    assert apply_suppressions([finding], tmp_path, Settings()) == [finding]
    edited = {"a.md": "60% <!-- factlint: ignore FC101 -->\n"}
    assert apply_suppressions([finding], tmp_path, Settings(), texts=edited) == []
