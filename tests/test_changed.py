"""``--changed-since REV`` in a real git repository: only the changed files are reported."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli, write_corpus

from factlint.load.changed import changed_since

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

HEAD = "---\ntitle: {}\ndate: 2024-05-01\n---\n\n"
BASE = HEAD.format("Cobalt") + "The DRC accounts for 70% of global cobalt mining.\n"
OTHER = HEAD.format("Nickel") + "Indonesia accounts for 50% of global nickel mining.\n"
CONTRA = HEAD.format("Cobalt now") + "The DRC accounts for 40% of global cobalt mining.\n"


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
                   cwd=root, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write_corpus(tmp_path, {"a.md": BASE, "b.md": OTHER, "old.md": OTHER, "gone.md": OTHER})
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "corpus")
    return tmp_path


def test_changed_added_renamed_and_deleted_files(repo: Path) -> None:
    (repo / "new.md").write_text(CONTRA, encoding="utf-8")
    _git(repo, "mv", "old.md", "moved.md")
    (repo / "gone.md").unlink()
    (repo / "b.md").write_text(OTHER + "\nMore text.\n", encoding="utf-8")
    top, changes = changed_since("HEAD", repo)
    assert top.resolve() == repo.resolve()
    assert changes.changed == ("b.md", "moved.md", "new.md")
    assert changes.gone == ("gone.md", "old.md")


def test_only_findings_in_changed_files_are_reported(repo: Path) -> None:
    (repo / "new.md").write_text(CONTRA, encoding="utf-8")
    code, out, _ = run_cli(["--changed-since", "HEAD", "--format", "json"], repo)
    findings = json.loads(out)["findings"]
    assert code == 1 and {f["location"]["path"] for f in findings} == {"new.md"}
    assert findings[0]["related"][0]["path"] == "a.md"  # against the corpus
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "contra")
    code, out, _ = run_cli(["--changed-since", "HEAD", "--format", "json"], repo)
    assert code == 0 and json.loads(out)["findings"] == []  # nothing changed since


def test_a_bad_revision_is_a_usage_error(repo: Path) -> None:
    code, _, err = run_cli(["--changed-since", "no-such-rev"], repo)
    assert code == 2 and "--changed-since" in err
