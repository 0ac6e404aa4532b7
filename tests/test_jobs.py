"""``--jobs N``: the same bytes whatever N is."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import write_corpus


def test_output_is_byte_identical_with_one_or_two_jobs(tmp_path: Path) -> None:
    files = {f"d/n{i:03d}.md": f"---\ntitle: Note {i}\ndate: 2024-01-01\n---\n\n"
                               f"Chile accounts for {20 + i % 7 * 5}% of global copper "
                               f"mining, and Peru holds {i % 4 + 1} million tons of copper "
                               "reserves.\n" for i in range(70)}
    root = write_corpus(tmp_path, files)
    (root / ".git").mkdir()

    def lint(jobs: str) -> bytes:
        done = subprocess.run([sys.executable, "-m", "factlint", "--no-cache", "--jobs", jobs,
                               "--format", "json", "d"], cwd=root, capture_output=True,
                              timeout=300, check=False)
        assert done.returncode == 1, done.stderr
        data = json.loads(done.stdout)
        data["stats"]["seconds"] = 0
        return json.dumps(data).encode()

    one, two = lint("1"), lint("2")
    assert one == two and b"FC101" in one
