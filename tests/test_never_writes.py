"""factlint never writes, moves or deletes a document: every file of the corpus is hashed
before and after every command and format."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from badinputs.build import build_bad_corpus
from conftest import run_cli

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
#: What factlint may add inside a project: its claim cache (with its own .gitignore).
OWN = ".factlint_cache"

COMMANDS = [
    ["."],
    [".", "--format", "json"],
    [".", "--format", "sarif"],
    [".", "--format", "github"],
    [".", "--format", "junit"],
    [".", "-q", "--fail-on", "warning"],
    [".", "--no-cache"],
    [".", "--jobs", "2"],
    ["claims", "."],
    ["claims", ".", "--format", "json"],
    ["rules"],
    ["--explain", "FC101"],
    ["--corpus", ".", "seeds/000_8a2855c8e813deaa.txt"],
]


def _snapshot(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of content (or the target of a link) for every entry."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != OWN]
        for name in filenames:
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                out[rel] = "link:" + os.readlink(path)
            elif path.is_file():
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = "special"
    return out


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = build_bad_corpus(tmp_path_factory.mktemp("nw") / "project")
    shutil.copytree(SEEDS, root / "seeds")
    return root


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_command_changes_no_file(project: Path, tmp_path: Path, argv: list[str]) -> None:
    before = _snapshot(project)
    code, _, err = run_cli(argv, project)
    assert code in (0, 1), err
    assert _snapshot(project) == before


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_output_file_is_the_only_thing_written(project: Path, tmp_path: Path,
                                               fmt: str) -> None:
    before = _snapshot(project)
    report = tmp_path / "out" / f"report.{fmt}"
    report.parent.mkdir()
    code, out, _ = run_cli([".", "--format", fmt, "--output", str(report)], project)
    assert code == 1 and out == ""
    assert report.stat().st_size > 0
    assert _snapshot(project) == before
    assert [p.name for p in report.parent.iterdir()] == [report.name]
