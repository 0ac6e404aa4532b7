"""Bad inputs through the real CLI: each is reported, skipped or read, and the run completes.

The corpus is ``tests/badinputs`` (see its ``build.py`` for every case and what it gives).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from badinputs.build import BODY, CASES, FRONT, LINTED, build_bad_corpus
from conftest import run_cli

from factlint.load.source import read_source
from factlint.model import Settings


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_bad_corpus(tmp_path_factory.mktemp("bad") / "corpus")


@pytest.fixture(scope="module")
def bad_json(bad_corpus: Path) -> dict[str, Any]:
    code, out, err = run_cli([".", "--format", "json", "--no-cache"], bad_corpus)
    assert code == 1, err  # FC101 errors among the readable files; no crash (3), no usage (2)
    assert "Traceback" not in err
    return dict(json.loads(out))


def _findings(report: dict[str, Any], path: str, rule: str | None = None) -> list[Any]:
    return [f for f in report["findings"] if f["location"]["path"] == path
            and (rule is None or f["rule"] == rule)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_input_gives_its_finding(bad_json: dict[str, Any], name: str) -> None:
    expected = CASES[name]
    own = [f for f in _findings(bad_json, name) if f["rule"].startswith("FC9")]
    if expected is None:
        assert own == []
    else:
        code, message = expected
        assert [f["rule"] for f in own] == [code]
        assert own[0]["message"].startswith(message)
        assert own[0]["severity"] == "warning"


@pytest.mark.parametrize("name", LINTED)
def test_damaged_but_readable_files_are_still_linted(bad_json: dict[str, Any],
                                                     name: str) -> None:
    """BOM, UTF-16, CRLF, a bad byte, broken front matter: the claim is read, columns right."""
    conflicts = _findings(bad_json, name, "FC101")
    assert conflicts, f"{name}: its claim was lost"
    loc = conflicts[0]["location"]
    line = 6 if name.endswith(".md") else 3
    col = BODY.index("accounts") + 1
    assert (loc["line"], loc["column"]) == (line, col)
    assert loc["end_column"] == col + len("accounts for 52% of global cobalt mining")


def test_text_output_says_what_was_skipped(bad_corpus: Path) -> None:
    code, out, _ = run_cli([".", "--no-cache"], bad_corpus)
    assert code == 1
    lines = out.splitlines()
    for wanted in (
        "binary.md:1:1: FC901 [warning] not a text document (NUL byte at offset 4); skipped",
        "garbage_bytes.txt:1:1: FC901 [warning] invalid UTF-8 at byte offset 0; skipped",
        "mostly_text_bad_byte.txt:4:1: FC901 [warning] invalid UTF-8 at byte offset 58; "
        "decoded with replacement",
        "too_large.txt:1:1: FC903 [warning] file is 50001 bytes, over the limit of 50000; "
        "skipped",
        "loop_a.md:1:1: FC905 [warning] cannot read file: Too many levels of symbolic links",
        "impossible_date.md:2:1: FC904 [warning] front matter does not parse: "
        "month must be in 1..12",
    ):
        assert wanted in lines
    assert lines[-1].endswith("in 19 files (14 documents, 9 claims)")


def test_names_with_spaces_and_non_ascii(bad_corpus: Path) -> None:
    name = "name with spaces é 稀土.md"
    _, text, _ = run_cli([".", "--no-cache"], bad_corpus)
    assert any(line.startswith(f"{name}:6:9: FC101 ") for line in text.splitlines())
    _, sarif, _ = run_cli([".", "--no-cache", "--format", "sarif"], bad_corpus)
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for run in json.loads(sarif)["runs"] for result in run["results"]
            for loc in result["locations"]}
    assert "name%20with%20spaces%20%C3%A9%20%E7%A8%80%E5%9C%9F.md" in uris
    _, gh, _ = run_cli([".", "--no-cache", "--format", "github"], bad_corpus)
    assert f"file={name},line=6" in gh


def test_default_size_limit_is_ten_megabytes(corpus: Any) -> None:
    root = corpus({"ok.md": FRONT + BODY})
    (root / "big.txt").write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    code, out, _ = run_cli([".", "--no-cache", "-q"], root)
    assert code == 0
    assert out.splitlines() == ["big.txt:1:1: FC903 [warning] file is 10485761 bytes, over "
                                "the limit of 10485760; skipped"]


def test_unreadable_file_is_reported(corpus: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    root = corpus({"ok.md": FRONT + BODY, "secret.md": FRONT + BODY})
    secret = root / "secret.md"
    if os.geteuid() == 0:  # root reads anything: make the read fail as it would for a user
        real_open = Path.open

        def deny(self: Path, *args: Any, **kwargs: Any) -> Any:
            if self.name == "secret.md":
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", deny)
    else:
        secret.chmod(0)
    try:
        code, out, err = run_cli([".", "--no-cache", "-q"], root)
    finally:
        secret.chmod(0o644)
    assert code == 0, err
    assert out.splitlines() == ["secret.md:1:1: FC905 [warning] cannot read file: "
                                "Permission denied"]


def test_named_pipe_is_not_opened(tmp_path: Path) -> None:
    """A FIFO would block a read forever: the loader reports it without opening it."""
    os.mkfifo(tmp_path / "pipe.md")
    source = read_source(tmp_path / "pipe.md", "pipe.md", Settings())
    assert source.documents == ()
    assert [(p.code, p.message) for p in source.problems] == [
        ("FC905", "not a regular file (a named pipe); skipped")]


def test_named_pipe_in_a_folder_does_not_hang_the_run(corpus: Any) -> None:
    root = corpus({"ok.md": FRONT + BODY})
    os.mkfifo(root / "pipe.md")
    try:
        done = subprocess.run([sys.executable, "-m", "factlint", ".", "--no-cache", "-q"],
                              cwd=root, capture_output=True, text=True, timeout=5)
    except subprocess.TimeoutExpired:
        pytest.fail("factlint hung on a named pipe")
    assert "pipe.md:1:1: FC905 [warning] not a regular file (a named pipe); skipped" in (
        done.stdout.splitlines())


def test_dangling_link_is_shown_under_its_own_name(corpus: Any) -> None:
    root = corpus({"ok.md": FRONT + BODY})
    os.symlink("missing.md", root / "dangling.md")
    _, out, _ = run_cli([".", "--no-cache", "-q"], root)
    assert out.splitlines() == ["dangling.md:1:1: FC905 [warning] cannot read file: "
                                "No such file or directory"]


def _run_measured(argv: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run factlint in a child process; return it and the child's peak memory in bytes."""
    done = subprocess.run([sys.executable, "-m", "factlint", *argv], cwd=cwd,
                          capture_output=True, text=True, timeout=300)  # a hang guard only
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return done, peak * (1 if sys.platform == "darwin" else 1024)


def test_a_fifteen_megabyte_line_finishes(corpus: Any) -> None:
    """One 15 MB line of prose (the size limit raised): read to the end, in bounded memory."""
    sentence = "Output was steady and the market was calm. " * 24 + "China holds 12% of it. "
    count = 15_000_000 // len(sentence) + 1
    root = corpus({".factlint.yaml": "max_bytes: 20000000\n",
                   "line.txt": "Title\n\n" + sentence * count + "\n"})
    done, peak = _run_measured([".", "--no-cache", "--format", "json"], root)
    assert done.returncode in (0, 1), done.stderr
    stats = json.loads(done.stdout)["stats"]
    assert stats["documents"] == 1
    assert stats["mentions"] == count  # every sentence to the end of the line was read
    assert peak < 60 * 15_000_000  # bounded: a small multiple of the input, not quadratic


def test_a_three_thousand_level_nested_list_finishes(corpus: Any) -> None:
    """A list nested 3,000 levels deep by indentation (9 MB: the indent grows each level)."""
    text = "".join("  " * i + f"- item {i}\n" for i in range(3000))
    root = corpus({".factlint.yaml": "max_bytes: 20000000\n", "deep.md": text})
    done, peak = _run_measured([".", "--no-cache", "--format", "json"], root)
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(done.stdout)["stats"]["documents"] == 1
    assert peak < 60 * len(text)
