"""Third-party rules: an installed distribution's entry point, a repository's rules_dir, and a
rule that raises. Each runs through the same plugin mechanism as the built-in rules."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from conftest import CONFLICT, copy_sources, run_cli, venv_over_this_environment

REPO = Path(__file__).resolve().parent.parent

#: A complete third-party rule: FC777 flags every share above 60%.
RULE_MODULE = textwrap.dedent('''
    """FC777 big-share: a share above 60% (a test rule)."""
    from factlint.hookspecs import Rule, hookimpl
    from factlint.model import Finding


    def check(index, settings):
        for _key, claims in index:
            for c in claims:
                v = c.mention.value
                if c.kind == "share" and v is not None and v.speaker.low >= 60:
                    yield Finding("FC777", "big-share", "warning", f"{c.subject}: big share",
                                  c.location, claim=c)


    RULE = Rule(code="FC777", name="big-share", severity="warning", doc=__doc__, check=check)


    @hookimpl
    def factlint_rules():
        return [RULE]
''')

BROKEN_MODULE = textwrap.dedent('''
    """FC778 broken: always raises (a test rule)."""
    from factlint.hookspecs import Rule, hookimpl


    def check(index, settings):
        raise RuntimeError("boom")


    @hookimpl
    def factlint_rules():
        return [Rule(code="FC778", name="broken", severity="error", doc=__doc__, check=check)]
''')


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def plugin_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with factlint (built from the repository) and the ``myrule`` distribution.

    The venv sees the packages of the environment running the tests for factlint's own
    dependencies (lark, pint, ...), never the base interpreter's, so only the build backend
    comes from the package index (or pip's cache); factlint and the plugin are installed into
    the venv itself, ahead of the running environment's.
    """
    source = tmp_path_factory.mktemp("source")
    copy_sources(source)
    env_dir = tmp_path_factory.mktemp("venv")
    python = venv_over_this_environment(env_dir)
    done = _run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(source)], env_dir)
    assert done.returncode == 0, done.stderr

    dist = tmp_path_factory.mktemp("myrule-dist")
    (dist / "pyproject.toml").write_text(textwrap.dedent('''
        [build-system]
        requires = ["setuptools>=61"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "factlint-myrule"
        version = "1.0"

        [project.entry-points.factlint]
        myrule = "myrule"

        [tool.setuptools]
        py-modules = ["myrule"]
    '''), encoding="utf-8")
    (dist / "myrule.py").write_text(RULE_MODULE, encoding="utf-8")
    done = _run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(dist)], env_dir)
    assert done.returncode == 0, done.stderr
    return python


@pytest.mark.slow
def test_entry_point_rule_of_an_installed_distribution_runs(plugin_venv: Path,
                                                            tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    for name, text in CONFLICT.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = _run([str(plugin_venv), "-m", "factlint", "rules"], tmp_path)
    assert done.returncode == 0, done.stderr
    row = next(line for line in done.stdout.splitlines() if line.startswith("FC777"))
    assert row.split()[1:] == ["big-share", "warning", "factlint-myrule"]
    done = _run([str(plugin_venv), "-m", "factlint", "--select", "FC777", "."], tmp_path)
    assert done.returncode == 0, done.stderr  # a warning does not fail the run
    assert "a.md:6:" in done.stdout and " FC777 " in done.stdout
    located = _run([str(plugin_venv), "-c", "import factlint; print(factlint.__file__)"],
                   tmp_path)
    assert str(REPO) not in located.stdout, "the venv must run its own installed factlint"
    # ... and not the one of the environment it sees behind its own site-packages
    env_dir = plugin_venv.parent.parent.resolve()
    assert Path(located.stdout.strip()).resolve().is_relative_to(env_dir), located.stdout


Corpus = Callable[[Mapping[str, str]], Path]


def test_rules_dir_rule_runs_and_no_local_rules_turns_it_off(corpus: Corpus) -> None:
    root = corpus({**CONFLICT, "local_rules/big_share.py": RULE_MODULE,
                   ".factlint.yaml": "rules_dir: local_rules\n"})
    code, out, _err = run_cli(["rules"], root)
    assert code == 0
    assert any(line.startswith("FC777") and "rules_dir" in line for line in out.splitlines())
    code, out, _err = run_cli(["--select", "FC777", "a.md"], root)
    assert code == 0 and " FC777 " in out and "a.md:6:" in out
    code, out, _err = run_cli(["--no-local-rules", "--select", "FC777", "a.md"], root)
    assert " FC777 " not in out
    code, out, _err = run_cli(["--no-local-rules", "rules"], root)
    assert "FC777" not in out


def test_a_rule_that_raises_gives_fc999_and_the_others_still_report(corpus: Corpus) -> None:
    root = corpus({**CONFLICT, "local_rules/broken.py": BROKEN_MODULE,
                   ".factlint.yaml": "rules_dir: local_rules\n"})
    code, out, _err = run_cli(["."], root)
    assert code == 3
    assert " FC999 " in out and "FC778" in out and "broken" in out and "boom" in out
    assert " FC101 " in out  # the built-in rules still ran


def test_entry_points_are_scanned_only_when_a_distribution_declares_the_group(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick scan that skips importlib.metadata answers True for a distribution with a
    ``[factlint]`` section (however its lines are padded), False for one that only names
    factlint elsewhere (its console script), and True for a zip on the path."""
    from factlint.run.plugins import _may_declare

    site = tmp_path / "site"
    info = site / "factlint-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "entry_points.txt").write_text("[console_scripts]\nfactlint = factlint.run.cli:main\n",
                                           encoding="utf-8")
    (site / "other-1.0.egg-info").write_text("Name: other\n", encoding="utf-8")  # a file
    monkeypatch.setattr(sys, "path", [str(site), str(tmp_path / "missing")])
    assert not _may_declare("factlint")
    mine = site / "factlint_myrule-1.0.dist-info"
    mine.mkdir()
    (mine / "entry_points.txt").write_text("  [factlint]  \nmyrule = myrule\n",
                                           encoding="utf-8")
    assert _may_declare("factlint")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "bundle.zip")])
    (tmp_path / "bundle.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    assert _may_declare("factlint")


def test_main_restores_the_garbage_collector_thresholds(corpus: Corpus) -> None:
    import gc

    before = gc.get_threshold()
    root = corpus(CONFLICT)
    code, out, _err = run_cli(["."], root)
    assert code == 1 and " FC101 " in out
    assert gc.get_threshold() == before
