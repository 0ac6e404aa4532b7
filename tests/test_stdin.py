"""``--stdin-filename NAME``: an editor lints its unsaved buffer against the corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import CONFLICT, write_corpus

UNSAVED = ("---\ntitle: Draft\ndate: 2024-05-01\n---\n\n"
           "The DRC accounts for 30% of global cobalt mining.\n")


def _lint_stdin(root: Path, name: str, text: str) -> tuple[int, dict[str, object]]:
    done = subprocess.run([sys.executable, "-m", "factlint", "--format", "json",
                           "--stdin-filename", name], cwd=root, input=text.encode(),
                          capture_output=True, timeout=120, check=False)
    return done.returncode, json.loads(done.stdout)


def test_standard_input_is_linted_as_the_named_file_against_the_corpus(tmp_path: Path) -> None:
    root = write_corpus(tmp_path, {"a.md": CONFLICT["a.md"]})
    (root / ".git").mkdir()
    code, data = _lint_stdin(root, "drafts/new.md", UNSAVED)
    paths = {f["location"]["path"] for f in data["findings"]}  # type: ignore[index]
    assert code == 1 and paths == {"drafts/new.md"}


def test_the_buffer_replaces_the_file_on_disk(tmp_path: Path) -> None:
    root = write_corpus(tmp_path, CONFLICT)  # on disk, a.md and b.md conflict
    (root / ".git").mkdir()
    fixed = CONFLICT["b.md"].replace("52%", "71%")
    code, data = _lint_stdin(root, "b.md", fixed)
    assert code == 0 and data["findings"] == []
