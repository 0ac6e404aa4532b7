"""``--jobs``: forked workers hand results on in file order, and a dead worker loses none."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from factlint.run import workers
from factlint.run.cache import FileResult

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="workers are forked on Linux only")


def _result(rel: str) -> FileResult:
    return FileResult(rel, "sha-" + rel, 1, (), (), None, 0, 0, 0)


def _jobs(n: int) -> list[tuple[Path, str]]:
    return [(Path(f"f{i:03d}.md"), f"f{i:03d}.md") for i in range(n)]


def _wait_for(marker: Path) -> None:
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.005)


def test_results_come_in_file_order_whoever_framed_them(tmp_path: Path) -> None:
    parent = os.getpid()
    framed_by: dict[str, bool] = {}
    parent_framed, worker_framed = tmp_path / "parent", tmp_path / "worker"

    def compute(path: Path, rel: str, clock: dict[str, float]) -> FileResult:
        # each side waits until the other has framed a file, so both frame some whatever
        # the machine's load (a waiting worker holds one chunk; the parent finds others)
        if os.getpid() == parent:
            parent_framed.touch()
            _wait_for(worker_framed)
            framed_by[rel] = True
        else:
            worker_framed.touch()
            _wait_for(parent_framed)
        clock["parse"] += 1.0
        return _result(rel)

    clock = {"parse": 0.0}
    out = list(workers.forked(_jobs(200), compute, 3, 4, clock))
    assert [r.path for r in out] == [f"f{i:03d}.md" for i in range(200)]
    assert 0 < len(framed_by) < 200  # both the parent and the workers framed files
    assert clock["parse"] == 200.0  # every file's stage seconds were counted once


def test_a_worker_that_dies_loses_no_result() -> None:
    parent = os.getpid()

    def compute(path: Path, rel: str, clock: dict[str, float]) -> FileResult:
        if os.getpid() != parent and rel == "f040.md":
            os._exit(9)  # killed in the middle of a chunk
        if os.getpid() == parent:
            time.sleep(0.01)  # leave the worker time to reach f040
        return _result(rel)

    out = list(workers.forked(_jobs(120), compute, 2, 5, {}))
    assert [r.path for r in out] == [f"f{i:03d}.md" for i in range(120)]
