"""The arithmetic of one sentence (FC202, FC203, FC301, FC302 without a known subject):
what its messages say, how its fingerprints hold, and that its figures stay out of the
cross-document rules. The rule cases themselves are data: tests/rules/*.yaml."""

from __future__ import annotations

from pathlib import Path

from factlint.model import Finding, Settings
from factlint.run.engine import run
from factlint.run.plugins import load_plugins

HEAD = "---\ntitle: Notes\ndate: 2025-03-01\n---\n\n"
SHARE = "The mine produced 0.9 Mt in 2024, some 40% of the world's 3.6 Mt."


def lint(folder: Path, files: dict[str, str]) -> list[Finding]:
    folder.mkdir(exist_ok=True)
    for name, body in files.items():
        (folder / name).write_text(HEAD + body + "\n", encoding="utf-8")
    result = run([folder], Settings(), folder, load_plugins(entry_points=False))
    return list(result.findings)


def test_message_says_no_subject_and_the_computed_share(tmp_path: Path) -> None:
    (finding,) = lint(tmp_path, {"a.md": SHARE})
    assert finding.rule == "FC203"
    assert finding.message.startswith("(no subject): share (2024): some 40% here")
    assert "is 23.29% to 26.76%" in finding.message
    assert "[" not in finding.message.split(":")[0]  # no sentence digest in the key it prints


def test_fingerprint_survives_moved_lines_and_changes_with_the_sentence(tmp_path: Path) -> None:
    (a,) = lint(tmp_path / "one", {"a.md": SHARE})
    (moved,) = lint(tmp_path / "two", {"a.md": "An opening paragraph.\n\nAnother one.\n\n" + SHARE})
    assert moved.location.line != a.location.line
    assert moved.fingerprint == a.fingerprint
    (other,) = lint(tmp_path / "three", {"a.md": SHARE.replace("The mine", "The smelter")})
    assert other.fingerprint != a.fingerprint


def test_subjectless_figures_never_reach_cross_document_rules(tmp_path: Path) -> None:
    files = {
        "a.md": "The mine produced 0.9 Mt of nickel in 2024, some 25% of the world's 3.6 Mt.",
        "b.md": "The mine produced 2 Mt of nickel in 2024, some 50% of the world's 4 Mt.",
        "c.md": "Acme held 48%, Borlak 30% and Cintex 15% of the global nickel market in 2024.",
        # (a list's items have their subjects: c.md's Cintex is compared with other
        # documents' Cintex; this share has none, so it is compared with nobody's)
        "d.md": "The largest producer held 40% of the global nickel market in 2024, up from "
                "35%.",
        "e.md": SHARE,  # one finding of its own sentence
    }
    findings = lint(tmp_path, files)
    assert [(f.rule, f.location.path) for f in findings] == [("FC203", "e.md")]
    for f in findings:
        for r in f.related:
            assert r.claim is not None and r.location.path == f.location.path
