"""Shared fixtures: tiny corpora on disk and the CLI run in-process with captured output."""

from __future__ import annotations

import contextlib
import io
import os
import site
import subprocess
import sys
import venv
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from factlint.run.cli import main

#: Two articles that contradict each other (FC101, error) and one that agrees with neither.
CONFLICT = {
    "a.md": "---\ntitle: Cobalt outlook\ndate: 2024-05-01\n---\n\n"
            "The DRC accounts for about 70% of global cobalt mining.\n",
    "b.md": "---\ntitle: Cobalt today\ndate: 2024-05-01\n---\n\n"
            "The DRC accounts for 52% of global cobalt mining.\n",
}
#: One article with nothing to contradict.
CLEAN = {
    "c.md": "---\ntitle: Nickel\ndate: 2024-05-01\n---\n\n"
            "Indonesia accounts for 69% of global nickel mining.\n",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds a wheel and a virtualenv (runs by default)")


def write_corpus(tmp_path: Path, files: Mapping[str, str]) -> Path:
    """Write ``{relative path: text}`` under ``tmp_path`` (UTF-8) and return ``tmp_path``."""
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def run_cli(argv: Sequence[str], cwd: Path) -> tuple[int, str, str]:
    """``factlint.run.cli.main(argv)`` run in ``cwd``: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def corpus(tmp_path: Path) -> Callable[[Mapping[str, str]], Path]:
    """``corpus({"a.md": ...})`` writes a corpus in a fresh folder marked as a git root."""
    (tmp_path / ".git").mkdir()

    def make(files: Mapping[str, str]) -> Path:
        return write_corpus(tmp_path, files)

    return make


def copy_sources(dest: Path) -> None:
    """Copy what a wheel is built from (not build/, *.egg-info or caches) into ``dest``."""
    import shutil

    repo = Path(__file__).resolve().parent.parent
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", ".*")
    for name in ("checker", "rules", "grammar"):
        shutil.copytree(repo / name, dest / name, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        if (repo / name).exists():
            shutil.copy2(repo / name, dest / name)


def venv_over_this_environment(env_dir: Path) -> Path:
    """A new virtualenv at ``env_dir`` (with its own pip) that also sees the packages of the
    environment running the tests; returns its ``python``.

    ``system_site_packages=True`` would show it the site-packages of the *base* interpreter
    (the one the running venv was made from), which on a fresh machine hold nothing of
    factlint's dependencies. Here a ``.pth`` file in the new venv's site-packages appends the
    running environment's site-packages folders to its ``sys.path`` instead, after its own:
    what is installed into the new venv comes first, factlint's dependencies (and anything
    else ``pip install ".[test]"`` put in the running environment) are found behind it, and
    nothing needs the package index but the build backend. The folders are added as plain
    path entries, so ``.pth`` files inside them (an editable install's finder) do not run.
    """
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    done = subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                          capture_output=True, text=True, check=True, timeout=60)
    own = Path(done.stdout.strip())
    outer = [*site.getsitepackages()]
    if site.ENABLE_USER_SITE:
        outer.append(site.getusersitepackages())
    lines = [d for d in dict.fromkeys(outer) if Path(d).is_dir() and Path(d) != own]
    (own / "_factlint_tests_outer_env.pth").write_text(
        "".join(f"{d}\n" for d in lines), encoding="utf-8")
    return python
