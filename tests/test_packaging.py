"""The wheel installs one top-level package, ``factlint``, and runs from a fresh virtualenv."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import copy_sources

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # build from a copy: setuptools writes build/ and *.egg-info next to the sources, and a
    # stale build/ in the repository could put deleted modules into the wheel
    source = tmp_path_factory.mktemp("source")
    copy_sources(source)
    out = tmp_path_factory.mktemp("wheel")
    done = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                 str(source)], out)
    assert done.returncode == 0, done.stderr
    (found,) = out.glob("factlint-*.whl")
    return found


def test_wheel_has_only_the_factlint_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/", 1)[0] for n in names if not n.split("/", 1)[0].endswith(".dist-info")}
    assert top == {"factlint"}
    for data in ("factlint/schema/findings.schema.json", "factlint/schema/claims.schema.json",
                 "factlint/grammar/units.txt", "factlint/rules/general.yaml",
                 "factlint/py.typed"):
        assert data in names


def test_installed_wheel_lints_from_another_folder(wheel: Path,
                                                   tmp_path_factory: pytest.TempPathFactory
                                                   ) -> None:
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / "python"
    done = _run([str(python), "-m", "pip", "install", "-q", str(wheel)], env_dir)
    assert done.returncode == 0, done.stderr

    elsewhere = tmp_path_factory.mktemp("elsewhere")
    corpus = tmp_path_factory.mktemp("corpus")
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    assert seeds, "seeds/ is missing"
    for seed in seeds:
        (corpus / seed.name).write_bytes(seed.read_bytes())

    done = _run([str(bin_dir / "factlint"), str(corpus)], elsewhere)
    assert done.returncode == 1, done.stderr
    assert " FC101 " in done.stdout
    assert done.stdout.startswith(corpus.resolve().as_posix() + "/")  # outside the root
    assert f" in {len(seeds)} files (" in done.stdout.splitlines()[-1]

    done = _run([str(python), "-m", "factlint", "--version"], elsewhere)
    assert done.returncode == 0 and done.stdout.startswith("factlint ")
    done = _run([str(python), "-c", "import checker"], elsewhere)
    assert done.returncode != 0, "the wheel must not install a top-level 'checker'"
