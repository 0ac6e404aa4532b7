"""The same input gives byte-identical output: across runs, across --jobs values, and
whatever order the files were created in (so whatever order a folder lists them in)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from conftest import run_cli

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CORPORA = Path(__file__).resolve().parent / "corpora"
FORMATS = ["text", "json", "sarif", "github", "junit"]


def _sources() -> dict[str, bytes]:
    files = {f"seeds/{p.name}": p.read_bytes() for p in sorted(SEEDS.iterdir()) if p.is_file()}
    for p in sorted(CORPORA.rglob("*")):
        if p.is_file() and p.suffix in (".md", ".txt"):
            files[f"corpora/{p.relative_to(CORPORA).as_posix()}"] = p.read_bytes()
    return files


def _build(root: Path, order: list[str], files: dict[str, bytes]) -> Path:
    """Create the files in ``order`` (directory entries follow creation order on most
    file systems, so each order gives a different listing)."""
    root.mkdir()
    (root / ".git").mkdir()
    for name in order:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[name])
    return root


def _without_timing(out: str) -> str:
    """Drop the run's wall-clock figure, the one thing allowed to differ between runs."""
    import re

    return re.sub(r'("seconds": |time=")[0-9.]+', r"\1_", out)


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    files = _sources()
    forward = sorted(files)
    backward = list(reversed(forward))
    random.Random(6).shuffle(backward)
    base = tmp_path_factory.mktemp("det")
    return _build(base / "a", forward, files), _build(base / "b", backward, files)


@pytest.mark.parametrize("fmt", FORMATS)
def test_listing_order_does_not_change_output(twins: tuple[Path, Path], fmt: str) -> None:
    a, b = twins
    code_a, out_a, _ = run_cli([".", "--format", fmt, "--no-cache"], a)
    code_b, out_b, _ = run_cli([".", "--format", fmt, "--no-cache"], b)
    assert code_a == code_b
    assert out_a.count("\n") > 3
    assert _without_timing(out_a) == _without_timing(out_b)


def test_repeated_runs_and_jobs_give_identical_bytes(twins: tuple[Path, Path]) -> None:
    a, _ = twins
    runs = [run_cli([".", "--format", "json", *extra], a)[1]
            for extra in (["--no-cache"], ["--no-cache"], [], [], ["--jobs", "2"])]
    first = _without_timing(runs[0])
    assert all(_without_timing(r) == first for r in runs[1:])


def test_claims_listing_is_stable(twins: tuple[Path, Path]) -> None:
    a, b = twins
    assert run_cli(["claims", ".", "--format", "json", "--no-cache"], a)[1] == run_cli(
        ["claims", ".", "--format", "json", "--no-cache"], b)[1]


def test_copy_in_another_folder_gives_the_same_findings(twins: tuple[Path, Path],
                                                        tmp_path: Path) -> None:
    a, _ = twins
    c = tmp_path / "elsewhere"
    shutil.copytree(a, c)
    assert _without_timing(run_cli([".", "--no-cache"], a)[1]) == _without_timing(
        run_cli([".", "--no-cache"], c)[1])
