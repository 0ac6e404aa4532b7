"""FC101 on a side with many claims: one finding per claim, the other side counted, not paired.

A wrong figure stated once against the same figure stated in seven articles is one mistake:
the reader of the odd article sees one finding that names the first agreeing place and
counts the rest; each agreeing article gets its own finding naming the odd one.
"""

from __future__ import annotations

from pathlib import Path

from factlint.model import Finding, Settings
from factlint.run.engine import run
from factlint.run.plugins import load_plugins

ARTICLE = ("---\ntitle: Vanadium\ndate: 2024-05-01\n---\n\n"
           "Russia holds {}% of global vanadium mining.\n")


def _lint(root: Path) -> list[Finding]:
    result = run([root], Settings(), root, load_plugins(entry_points=False))
    return [f for f in result.findings if f.rule == "FC101"]


def _corpus(root: Path, agreeing: int) -> None:
    for i in range(1, agreeing + 1):
        (root / f"f{i}.md").write_text(ARTICLE.format(30), encoding="utf-8")
    (root / "z.md").write_text(ARTICLE.format(12), encoding="utf-8")


def test_the_odd_figure_gets_one_finding_that_counts_the_other_side(tmp_path: Path) -> None:
    _corpus(tmp_path, 7)
    findings = _lint(tmp_path)
    odd = [f for f in findings if f.location.path == "z.md"]
    assert len(odd) == 1 and len(findings) == 8
    assert odd[0].message.endswith("in f1.md:6 and 6 other places that state it")
    assert [r.location.path for r in odd[0].related] == ["f1.md", "f2.md", "f3.md", "f4.md",
                                                          "f5.md"]
    assert len({f.conflict_id for f in findings}) == 1


def test_fingerprints_are_those_of_pairs_and_survive_a_new_agreeing_article(
        tmp_path: Path) -> None:
    _corpus(tmp_path, 2)
    before = {f.location.path: f.fingerprint for f in _lint(tmp_path)}
    # the odd finding and the finding at the side's first claim are one pair: one fingerprint
    assert before["z.md"] == before["f1.md"] != before["f2.md"]
    (tmp_path / "f3.md").write_text(ARTICLE.format(30), encoding="utf-8")
    after = {f.location.path: f.fingerprint for f in _lint(tmp_path)}
    assert {k: after[k] for k in before} == before  # a baseline of them still holds
    assert after["f3.md"] not in before.values()  # the new article's conflict is new
