"""Imports flow one way: the layers contract of ``pyproject.toml`` (import-linter) holds.

The contract is checked over the package as it installs (``checker/`` as ``factlint``,
``rules/`` as ``factlint.rules``), laid out as a tree of links in a temporary folder, so
the check is the same for an editable and a regular install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LINT_IMPORTS = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")


def _tree(tmp: Path, copy: bool = False) -> Path:
    """``tmp/factlint``: the package's layout over the working tree (copied if ``copy``)."""
    package = tmp / "factlint"
    if copy:
        shutil.copytree(REPO / "checker", package)
        shutil.copytree(REPO / "rules", package / "rules")
    else:
        package.mkdir()
        for entry in (REPO / "checker").iterdir():
            (package / entry.name).symlink_to(entry)
        (package / "rules").symlink_to(REPO / "rules")
    return tmp


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    if not Path(LINT_IMPORTS).exists():
        pytest.fail("lint-imports is not installed: pip install '.[test]'")
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([LINT_IMPORTS, str(REPO / "pyproject.toml"), "--no-cache"],
                          cwd=tree, env=env, capture_output=True, text=True, timeout=300)


def test_the_layers_contract_is_kept(tmp_path: Path) -> None:
    done = _lint(_tree(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def test_an_import_up_the_layers_breaks_it(tmp_path: Path) -> None:
    tree = _tree(tmp_path, copy=True)
    (tree / "factlint" / "parse" / "upward.py").write_text(
        "from factlint.run import engine  # a parser that knows the engine\n", "utf-8")
    done = _lint(tree)
    assert done.returncode != 0
    assert "factlint.parse.upward -> factlint.run.engine" in done.stdout
