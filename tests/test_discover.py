"""Which files are linted: walking folders, skipping what is not a corpus, excludes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factlint.errors import UsageError
from factlint.load.discover import discover, excluded

EXT = (".md", ".markdown", ".txt")


def _touch(root: Path, *names: str) -> None:
    for name in names:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x\n", encoding="utf-8")


def _rel(root: Path, files: list[Path]) -> list[str]:
    return [f.relative_to(root).as_posix() for f in files]


def test_walks_folders_for_the_extensions_sorted(tmp_path: Path) -> None:
    _touch(tmp_path, "b.md", "a.txt", "sub/c.MARKDOWN", "sub/d.py", "e.rst")
    assert _rel(tmp_path, discover([tmp_path], EXT)) == ["a.txt", "b.md", "sub/c.MARKDOWN"]


def test_skips_hidden_git_node_modules_pycache_and_virtualenvs(tmp_path: Path) -> None:
    _touch(tmp_path, "keep.md", ".hidden/a.md", ".git/b.md", "node_modules/c.md",
           "__pycache__/d.md", "venv/pyvenv.cfg", "venv/e.md", "env2/lib/f.md")
    assert _rel(tmp_path, discover([tmp_path], EXT)) == ["env2/lib/f.md", "keep.md"]


def test_explicit_files_are_kept_whatever_their_extension(tmp_path: Path) -> None:
    _touch(tmp_path, "notes.rst", ".hidden/x.md")
    files = [tmp_path / "notes.rst", tmp_path / ".hidden" / "x.md"]
    assert _rel(tmp_path, discover(files, EXT, excludes=["*.rst"])) == [".hidden/x.md",
                                                                          "notes.rst"]


def test_excludes_match_paths_relative_to_the_folder(tmp_path: Path) -> None:
    _touch(tmp_path, "a.md", "drafts/b.md", "deep/old/c.md", "x.draft.md", "deep/d.md")
    found = discover([tmp_path], EXT, excludes=["drafts", "**/old/**", "*.draft.md"])
    assert _rel(tmp_path, found) == ["a.md", "deep/d.md"]


def test_exclude_globs() -> None:
    assert excluded("drafts/b.md", ["drafts/*.md"])
    assert excluded("a/b/c.md", ["a/b"])
    assert excluded("a/b/c.md", ["**/c.md"])
    assert not excluded("a/bc/c.md", ["b"])
    assert not excluded("notes.md", ["*.txt"])


def test_duplicates_are_removed(tmp_path: Path) -> None:
    _touch(tmp_path, "a.md")
    assert len(discover([tmp_path, tmp_path / "a.md", tmp_path / "." / "a.md"], EXT)) == 1


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"path does not exist: .*nope"):
        discover([tmp_path / "nope"], EXT)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlinked_folders_are_not_followed_and_loops_end(tmp_path: Path) -> None:
    _touch(tmp_path, "real/a.md")
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    assert _rel(tmp_path, discover([tmp_path], EXT)) == ["real/a.md"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_broken_links_are_listed_so_they_can_be_reported(tmp_path: Path) -> None:
    (tmp_path / "gone.md").symlink_to(tmp_path / "missing.md")
    assert _rel(tmp_path, discover([tmp_path], EXT)) == ["gone.md"]
    assert discover([tmp_path / "gone.md"], EXT) == [tmp_path / "gone.md"]
