"""factlint as a real pre-commit hook: the real framework, a real document repository.

A copy of this checkout is committed to a temporary git repository (pre-commit installs
hooks from a git repository at a revision); pre-commit is installed from the package index
into a temporary virtualenv, with ``PRE_COMMIT_HOME`` in a temporary folder; a temporary
document repository holds a small corpus of Markdown articles and a ``.factlint.yaml``.
pre-commit then builds the hook's own environment (``pip install`` of the copy) and runs
it, through ``pre-commit try-repo`` and through ``git commit`` with the hook installed.

Offline: set ``PIP_NO_INDEX=1`` and ``PIP_FIND_LINKS`` to a folder of wheels holding
pre-commit, factlint's dependencies and setuptools (the build backend).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from conftest import run_cli

REPO = Path(__file__).resolve().parent.parent
GIT_USER = ("-c", "user.name=t", "-c", "user.email=t@t")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _article(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndate: 2024-05-01\n---\n\n# {title}\n\n{body}\n"


CORPUS = {
    "articles/cobalt.md": _article(
        "Cobalt outlook", "The DRC accounts for about 70% of global cobalt mining."),
    "articles/nickel.md": _article(
        "Nickel", "Indonesia accounts for 69% of global nickel mining."),
    ".factlint.yaml": "corpus: [articles]\n",
    # outside the corpus: pre-commit passes it when it changes, factlint leaves it alone
    # (it would conflict with articles/cobalt.md were it part of the corpus)
    "README.md": _article("Notes", "The DRC accounts for 52% of global cobalt mining."),
}
#: Contradicts articles/cobalt.md (about 70% is [66.5, 73.5); 52% is [51.5, 52.5)).
CONTRA = _article("Cobalt today", "The DRC accounts for 52% of global cobalt mining.")
#: Agrees with it (71% is [70.5, 71.5)).
AGREES = _article("Cobalt today", "The DRC accounts for 71% of global cobalt mining.")
SUMMARY = re.compile(r"^\d+ errors?, \d+ warnings? in \d+ files? ", re.MULTILINE)


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PRE_COMMIT_HOME")
           and not k.startswith("GIT_")}
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    return env


def _run(argv: list[str], cwd: Path, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env=dict(env), capture_output=True, text=True,
                          timeout=600)


def _git(cwd: Path, env: Mapping[str, str], *args: str) -> str:
    done = _run(["git", *GIT_USER, *args], cwd, env)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stdout}{done.stderr}"
    return done.stdout


def _write(root: Path, files: Mapping[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


class Setup:
    """The hook repository (a committed copy of this checkout), pre-commit, the env."""

    def __init__(self, tmp: pytest.TempPathFactory) -> None:
        self.env = _env(tmp.mktemp("pre-commit-home"))
        self.hook_repo = tmp.mktemp("hook-repo")
        skip = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist", ".*")
        for name in ("checker", "rules", "grammar"):
            shutil.copytree(REPO / name, self.hook_repo / name, ignore=skip)
        for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
            shutil.copy2(REPO / name, self.hook_repo / name)
        _git(self.hook_repo, self.env, "init", "-q")
        _git(self.hook_repo, self.env, "add", ".")
        _git(self.hook_repo, self.env, "commit", "-q", "-m", "factlint")
        self.rev = _git(self.hook_repo, self.env, "rev-parse", "HEAD").strip()
        tools = tmp.mktemp("pre-commit-venv")
        venv.create(tools, with_pip=True)
        bin_dir = tools / ("Scripts" if sys.platform == "win32" else "bin")
        done = _run([str(bin_dir / "python"), "-m", "pip", "install", "-q",
                     "--disable-pip-version-check", "pre-commit"], tools, self.env)
        assert done.returncode == 0, done.stderr
        self.pre_commit = str(bin_dir / "pre-commit")

    def doc_repo(self, root: Path, files: Mapping[str, str] = CORPUS) -> Path:
        """A document repository with ``files`` committed and the hook installed."""
        _write(root, files)
        config = (f"repos:\n- repo: {self.hook_repo.as_posix()}\n  rev: {self.rev}\n"
                  "  hooks:\n  - id: factlint\n")
        _write(root, {".pre-commit-config.yaml": config})
        _git(root, self.env, "init", "-q")
        _git(root, self.env, "add", ".")
        _git(root, self.env, "commit", "-q", "-m", "corpus")
        done = _run([self.pre_commit, "install"], root, self.env)
        assert done.returncode == 0, done.stdout + done.stderr
        return root

    def try_repo(self, root: Path, *files: str) -> subprocess.CompletedProcess[str]:
        """``pre-commit try-repo HOOK_REPO factlint --files FILES`` in ``root``."""
        return _run([self.pre_commit, "try-repo", str(self.hook_repo), "factlint",
                     "--ref", self.rev, "--color", "never", "--verbose", "--files", *files],
                    root, self.env)

    def commit(self, root: Path, message: str) -> subprocess.CompletedProcess[str]:
        """``git add -A && git commit``: the installed hook runs on the staged files."""
        _git(root, self.env, "add", "-A")
        return _run(["git", *GIT_USER, "commit", "-m", message], root, self.env)


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    yield Setup(tmp_path_factory)


def _reported(output: str) -> set[str]:
    """The paths of the findings (``path:line:col: CODE``) in pre-commit's output."""
    return set(re.findall(r"^(\S+?):\d+:\d+: FC\d{3} ", output, re.MULTILINE))


@pytest.mark.slow
def test_try_repo_fails_on_a_contradicting_article_against_the_corpus(
        setup: Setup, tmp_path: Path) -> None:
    root = setup.doc_repo(tmp_path)
    _write(root, {"articles/new.md": CONTRA})
    done = setup.try_repo(root, "articles/new.md")
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert re.search(r"^factlint\.+Failed$", out, re.MULTILINE), out
    # only the passed file is reported; the other side is read from the corpus
    assert _reported(out) == {"articles/new.md"}, out
    assert "52% [51.5, 52.5) here, but about 70% [66.5, 73.5) in articles/cobalt.md:" in out

    _write(root, {"articles/new.md": AGREES})
    done = setup.try_repo(root, "articles/new.md")
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert re.search(r"^factlint\.+Passed$", out, re.MULTILINE), out
    assert _reported(out) == set()


@pytest.mark.slow
def test_a_commit_adding_a_contradiction_is_refused_a_consistent_one_goes_in(
        setup: Setup, tmp_path: Path) -> None:
    root = setup.doc_repo(tmp_path)
    head = _git(root, setup.env, "rev-parse", "HEAD")

    _write(root, {"articles/new.md": CONTRA})
    done = setup.commit(root, "contradiction")
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert _reported(out) == {"articles/new.md"}, out
    assert "FC101" in out and "articles/cobalt.md" in out
    assert _git(root, setup.env, "rev-parse", "HEAD") == head  # nothing was committed

    _write(root, {"articles/new.md": AGREES})
    done = setup.commit(root, "consistent")
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert _git(root, setup.env, "rev-parse", "HEAD") != head
    # the claim cache the hook wrote is ignored by git: the tree stays clean
    assert (root / ".factlint_cache").is_dir()
    assert _git(root, setup.env, "status", "--porcelain") == ""

    # a change outside the corpus (README.md says 52%) is not linted
    _write(root, {"README.md": CORPUS["README.md"] + "\nMore notes.\n"})
    done = setup.commit(root, "readme")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_every_batch_reads_the_whole_corpus(setup: Setup, tmp_path: Path) -> None:
    # pre-commit splits the file names into batches of at most 128 KiB of command line;
    # with require_serial they run one after the other. Long names force several batches,
    # with the two sides of a conflict in the first and the last.
    root = setup.doc_repo(tmp_path)
    folder = "articles/" + "/".join(["d" * 200] * 2)
    filler = {f"{folder}/{i:04d}{'n' * 200}.md": _article(f"Note {i}", "Nothing to count.")
              for i in range(240)}
    low = _article("Cobalt low", "The DRC accounts for 40% of global cobalt mining.")
    _write(root, {**filler, "articles/0-low.md": low, "articles/z-new.md": CONTRA})
    done = setup.commit(root, "many")
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert len(SUMMARY.findall(out)) >= 2, out  # factlint ran more than once
    assert _reported(out) == {"articles/0-low.md", "articles/z-new.md"}, out


# ------------------------------------------------- the hook's command, in-process and fast


def _hook_entry() -> list[str]:
    """The hook's ``entry`` from ``.pre-commit-hooks.yaml``, without the program name."""
    import yaml

    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "factlint" and hook["language"] == "python"
    assert hook["require_serial"] is True
    assert hook["types_or"] == ["markdown", "plain-text"]
    program, *args = str(hook["entry"]).split()
    assert program == "factlint"
    return args


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A document folder marked as a git root, with CORPUS and a contradicting new.md."""
    (tmp_path / ".git").mkdir()
    _write(tmp_path, {**CORPUS, "articles/new.md": CONTRA})
    return tmp_path


def test_the_entry_reports_a_passed_file_against_files_not_passed(docs: Path) -> None:
    code, out, _ = run_cli([*_hook_entry(), "articles/new.md"], docs)
    assert code == 1 and _reported(out) == {"articles/new.md"}
    assert "in articles/cobalt.md:" in out
    code, out, _ = run_cli([*_hook_entry(), "articles/nickel.md"], docs)
    assert code == 0 and _reported(out) == set()  # cobalt.md and new.md are not passed


def test_a_passed_file_outside_the_configured_corpus_is_not_linted(docs: Path) -> None:
    code, out, _ = run_cli([*_hook_entry(), "README.md"], docs)
    assert code == 0 and _reported(out) == set()
    (docs / ".factlint.yaml").unlink()  # no corpus: the whole repository is the corpus
    code, out, _ = run_cli([*_hook_entry(), "README.md"], docs)
    assert code == 1 and "README.md" in _reported(out)


def test_without_config_the_corpus_is_the_repository_root_not_the_working_folder(
        docs: Path) -> None:
    (docs / ".factlint.yaml").unlink()
    (docs / "articles" / "cobalt.md").rename(docs / "cobalt.md")  # above the working folder
    code, out, _ = run_cli(["--against-corpus", "new.md"], docs / "articles")
    assert code == 1 and _reported(out) == {"articles/new.md"}
    assert "about 70% [66.5, 73.5) in cobalt.md:" in out


def test_an_excluded_file_is_not_reported(docs: Path) -> None:
    _write(docs, {".factlint.yaml": "corpus: [articles]\nexclude: [new.md]\n"})
    code, out, _ = run_cli([*_hook_entry(), "articles/new.md", "articles/cobalt.md"], docs)
    assert code == 0 and _reported(out) == set()


def test_version_loads_no_third_party_module() -> None:
    # start-up: `factlint --version` stays near the bare interpreter's time
    script = ("import runpy, sys\nsys.argv = ['factlint', '--version']\n"
              "try:\n    runpy.run_module('factlint', run_name='__main__')\n"
              "except SystemExit:\n    pass\n"
              "print(sorted(m for m in ('lark', 'pint', 'yaml', 'pluggy', 'markdown_it')"
              " if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=60)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("factlint ") and lines[-1] == "[]", done.stdout


def test_claims_read_by_measure_follow_edits_of_the_other_files(tmp_path: Path) -> None:
    """A pre-commit run reads the other files' claims of its measures from the cache: an
    edit to another file (new value, new measure, file removed) shows at once."""
    def article(body: str) -> str:
        return f"---\ntitle: Cobalt\ndate: 2024-05-01\n---\n\n{body}\n"

    root = tmp_path
    (root / ".git").mkdir()
    (root / "a.md").write_text(article("The DRC accounts for about 70% of global cobalt "
                                       "mining. Chile holds 30% of global copper mining."))
    (root / "b.md").write_text(article("The DRC accounts for 52% of global cobalt mining."))
    (root / "c.md").write_text(article("Peru holds 10% of global copper mining."))

    def focused() -> list[str]:
        import json

        code, out, err = run_cli(["--against-corpus", "--format", "json", "a.md"], root)
        assert err == "" and code in (0, 1)
        found = json.loads(out)["findings"]
        full = json.loads(run_cli(["--no-cache", "--format", "json", "."], root)[1])
        assert found == [f for f in full["findings"]  # the full run, filtered
                         if f["location"]["path"] == "a.md"]
        return [f"{f['rule']} {f['message']}" for f in found]

    assert run_cli(["-q", "."], root)[0] == 1  # warm the cache
    assert any("FC101" in line for line in focused())
    (root / "b.md").write_text(article("The DRC accounts for 70% of global cobalt mining."))
    assert focused() == []
    (root / "b.md").write_text(article("Chile holds 60% of global copper mining."))
    assert any("FC101" in line for line in focused())
    (root / "b.md").unlink()
    assert focused() == []
