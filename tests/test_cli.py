"""The command line, in-process on tiny corpora: output, exit codes, options, subcommands."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from conftest import CLEAN, CONFLICT, run_cli

Corpus = Callable[[Mapping[str, str]], Path]

WARNING_ONLY = {
    "a.md": "# Lithium\n\nChina controls over 80% of lithium refining.\n",
    "b.md": "# Lithium\n\nChina controls over 90% of lithium refining.\n",
}

RAISING_RULE = '''
from factlint.hookspecs import Rule, hookimpl

def _check(index, settings):
    raise ValueError("boom")

@hookimpl
def factlint_rules():
    return [Rule("XX1", "always-raises", "error", "Raises.", _check)]
'''


def _one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("factlint: error: "), err
    return lines[0]


def test_conflict_prints_findings_and_exits_1(corpus: Corpus) -> None:
    root = corpus({**CONFLICT, **CLEAN})
    code, out, err = run_cli(["."], root)
    assert code == 1, err
    lines = out.splitlines()
    assert lines[0].startswith("a.md:6:") and " FC101 " in lines[0]
    assert "about 70%" in lines[0] and "52%" in lines[0]
    assert lines[1].startswith("    b.md:6:") and "(conflicts)" in lines[1]
    assert lines[-1].startswith("2 errors, 0 warnings in 3 files (3 documents, ")


def test_clean_corpus_exits_0(corpus: Corpus) -> None:
    code, out, _ = run_cli(["c.md"], corpus(CLEAN))
    assert code == 0
    assert out.splitlines() == ["0 errors, 0 warnings in 1 file (1 document, 1 claim)"]


def test_default_path_is_the_working_directory(corpus: Corpus) -> None:
    code, out, _ = run_cli([], corpus(CONFLICT))
    assert code == 1 and "a.md:6:" in out


def test_fail_on_warning(corpus: Corpus) -> None:
    root = corpus(WARNING_ONLY)
    code, out, _ = run_cli(["."], root)
    assert code == 0 and "FC101 [warning]" in out
    assert run_cli(["--fail-on", "warning", "."], root)[0] == 1


def test_select_and_ignore(corpus: Corpus) -> None:
    root = corpus(CONFLICT)
    assert run_cli(["--select", "FC2", "."], root)[0] == 0
    assert run_cli(["--ignore", "fc1", "."], root)[0] == 0
    assert run_cli(["--select", "FC1,FC2", "."], root)[0] == 1
    code, _, err = run_cli(["--select", "FC1;x", "."], root)
    assert code == 2 and "--select" in _one_line_error(err)


def test_json_format_and_output_file(corpus: Corpus) -> None:
    root = corpus(CONFLICT)
    code, out, _ = run_cli(["--format", "json", "--output", "report.json", "."], root)
    assert code == 1 and out == ""
    data = json.loads((root / "report.json").read_text("utf-8"))
    assert [f["location"]["path"] for f in data["findings"]] == ["a.md", "b.md"]
    assert data["findings"][0]["fingerprint"] == data["findings"][1]["fingerprint"]


def test_usage_errors_are_one_line_and_exit_2(corpus: Corpus) -> None:
    root = corpus(CONFLICT)
    for argv in (["missing-folder"], ["--format", "xml", "."], ["--no-such-option"],
                 ["--fail-on", "info", "."], ["--explain", "FC000"], ["baseline"]):
        code, out, err = run_cli(argv, root)
        assert code == 2, argv
        _one_line_error(err)
        assert out == ""


def test_no_documents_is_a_usage_error(corpus: Corpus) -> None:
    root = corpus({"notes.py": "x = 1\n"})
    code, _, err = run_cli(["."], root)
    assert code == 2 and "no documents" in _one_line_error(err)


def test_bad_config_exits_2_naming_file_and_line(corpus: Corpus) -> None:
    root = corpus({**CONFLICT, ".factlint.yaml": "bounds: strict\nseverity: {FC101: fatal}\n"})
    code, _, err = run_cli(["."], root)
    assert code == 2
    assert _one_line_error(err).startswith("factlint: error: .factlint.yaml:2: severity.FC101")


def test_config_corpus_is_the_default_path_and_root_is_its_folder(corpus: Corpus) -> None:
    root = corpus({"site/.factlint.yaml": "corpus: [articles]\n",
                   **{f"site/articles/{k}": v for k, v in CONFLICT.items()},
                   "site/other/c.md": CONFLICT["a.md"]})
    code, out, _ = run_cli([], root / "site" / "articles")
    assert code == 1
    assert out.splitlines()[0].startswith("articles/a.md:6:")
    assert "other/" not in out


def test_config_severity_override_and_fingerprint_ignore(corpus: Corpus) -> None:
    root = corpus(CONFLICT)
    (root / ".factlint.yaml").write_text("severity: {FC1: warning}\n")
    code, out, _ = run_cli(["."], root)
    assert code == 0 and out.count("FC101 [warning]") == 2
    fingerprint = json.loads(run_cli(["--format", "json", "."], root)[1])["findings"][0][
        "fingerprint"]
    (root / ".factlint.yaml").write_text(
        f"ignore:\n  - {{fingerprint: '{fingerprint}', reason: both are quoted}}\n")
    code, out, _ = run_cli(["."], root)
    assert code == 0 and "FC101" not in out


def test_per_path_override_ignores_one_side(corpus: Corpus) -> None:
    root = corpus(CONFLICT)
    (root / ".factlint.yaml").write_text("overrides:\n  - files: [b.md]\n    ignore: [FC101]\n")
    code, out, _ = run_cli(["."], root)
    assert code == 1 and "a.md:6:" in out and "\nb.md:6:" not in out


def test_corpus_option_reports_only_the_given_files(corpus: Corpus) -> None:
    root = corpus({**{f"articles/{k}": v for k, v in CONFLICT.items()}})
    (root / "new.md").write_text(CONFLICT["b.md"], encoding="utf-8")
    code, out, _ = run_cli(["--corpus", "articles", "new.md"], root)
    assert code == 1
    findings = [line for line in out.splitlines() if not line.startswith(" ")][:-1]
    assert findings and all(line.startswith("new.md:") for line in findings)
    assert "articles/a.md" in out  # the other side is still shown


def test_paths_outside_the_root_are_absolute(corpus: Corpus, tmp_path_factory:
                                             pytest.TempPathFactory) -> None:
    root = corpus(CLEAN)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    for name, text in CONFLICT.items():
        (elsewhere / name).write_text(text, encoding="utf-8")
    code, out, _ = run_cli([str(elsewhere)], root)
    assert code == 1 and out.startswith((elsewhere / "a.md").resolve().as_posix() + ":6:")


def test_rules_subcommand_lists_code_name_severity_origin(corpus: Corpus) -> None:
    code, out, _ = run_cli(["rules"], corpus(CLEAN))
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("FC101"))
    assert row.split() == ["FC101", "value-conflict", "error", "builtin"]


def test_a_folder_named_like_a_subcommand_is_linted_with_dot_slash(corpus: Corpus) -> None:
    root = corpus({f"rules/{k}": v for k, v in CONFLICT.items()})
    code, out, _ = run_cli(["./rules"], root)
    assert code == 1 and out.startswith("rules/a.md:6:")


def test_explain_prints_the_rule_doc(corpus: Corpus) -> None:
    code, out, _ = run_cli(["--explain", "fc101"], corpus(CLEAN))
    assert code == 0
    assert out.startswith("FC101 value-conflict (default severity: error; from builtin)")
    assert "intervals" in out


def test_claims_subcommand_text_and_json(corpus: Corpus) -> None:
    root = corpus({**CONFLICT, **CLEAN})
    code, out, _ = run_cli(["claims", "."], root)
    assert code == 0
    assert any(line.startswith("a.md:6:") and "about 70%" in line
               and "| cobalt mining | share |" in line
               for line in out.splitlines()), out
    assert out.splitlines()[-1].startswith("3 mentions: 3 framed into 3 claims")
    code, out, _ = run_cli(["claims", "--format", "json", "."], root)
    data = json.loads(out)
    assert code == 0 and data["counts"]["claims"] == 3
    assert run_cli(["claims", "--format", "sarif", "."], root)[0] == 2


def test_local_rule_that_raises_gives_fc999_and_exit_3(corpus: Corpus) -> None:
    root = corpus({**CLEAN, ".factlint.yaml": "rules_dir: local\n",
                   "local/raiser.py": RAISING_RULE})
    code, out, _ = run_cli(["c.md"], root)
    assert code == 3
    assert "FC999" in out and "XX1" in out and "boom" in out
    assert run_cli(["--no-local-rules", "c.md"], root)[0] == 0


def test_crash_writes_a_log_and_exits_3(corpus: Corpus, monkeypatch: pytest.MonkeyPatch,
                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    from factlint.run import engine

    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setattr(sys, "platform", "linux")

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("engine exploded\nsecond line")

    monkeypatch.setattr(engine, "run", explode)
    code, _, err = run_cli(["--quiet", "."], corpus(CLEAN))
    assert code == 3
    line = err.strip()
    assert "\n" not in line and "RuntimeError: engine exploded" in line
    log = cache / "factlint" / "crash.log"
    assert str(log) in line
    text = log.read_text("utf-8")
    assert "Traceback" in text and "'--quiet'" in text and "lark " in text and "pint " in text


def test_ctrl_c_exits_130(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    from factlint.run import engine

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "run", interrupt)
    assert run_cli(["."], corpus(CLEAN))[0] == 130


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_do_not_import_lark_or_pint(option: str) -> None:
    script = (f"import sys\nfrom factlint.run.cli import main\ncode = main([{option!r}])\n"
              "print('HEAVY', sorted(m for m in ('lark', 'pint') if m in sys.modules), code)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "HEAVY [] 0"
    if option == "--version":
        assert done.stdout.startswith("factlint 0.")
    else:
        assert "--stdin-filename" in done.stdout and "--changed-since" in done.stdout


def test_readme_rule_table_lists_every_installed_rule_as_implemented() -> None:
    from factlint.run.plugins import load_plugins

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    rows = {line.split("|")[1].strip(): line for line in readme.splitlines()
            if line.startswith("| FC")}
    for rule in load_plugins(entry_points=False).rules:
        assert rule.code in rows, f"README's rule table lacks {rule.code}"
        assert f"| {rule.name} |" in rows[rule.code]
        assert rows[rule.code].rstrip().endswith("| implemented |")


def test_a_symlink_loop_is_reported_not_followed(tmp_path: Path) -> None:
    from conftest import run_cli

    (tmp_path / "a.md").write_text("# Cobalt\n\nChina holds 60% of cobalt refining.\n")
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    code, out, err = run_cli(["."], tmp_path)
    assert code == 0, err
    assert "loop.md:1:1: FC905" in out
    assert "Traceback" not in err


def test_benchmark_prints_one_line_of_stage_times_after_the_same_report(
        corpus: Corpus) -> None:
    import re

    root = corpus(CONFLICT)
    plain = run_cli(["--format", "json", "--no-cache", "."], root)
    code, out, err = run_cli(["--format", "json", "--no-cache", "--benchmark", "."], root)
    assert code == plain[0] == 1
    assert json.loads(out)["findings"] == json.loads(plain[1])["findings"]  # same report
    lines = err.splitlines()
    assert len(lines) == 1 and err.endswith("\n")
    stages = ("discover", "load", "parse", "frame", "cache", "index", "rules", "report")
    pattern = (r"factlint: stages \(s\): "
               + ", ".join(rf"{s} \d+\.\d\d" for s in stages) + r"; total \d+\.\d\d")
    assert re.fullmatch(pattern, lines[0]), lines[0]
    seconds = dict(re.findall(r"(\w+) (\d+\.\d\d)", lines[0].split(": ", 2)[2]))
    assert float(seconds["total"]) >= max(float(v) for v in seconds.values())
    assert run_cli(["--format", "json", "--no-cache", "."], root)[2] == ""  # off by default


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_display_paths_of_a_walk_equal_display_path_of_each(tmp_path: Path) -> None:
    import os

    from factlint.util.root import display_path, display_paths

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "out").mkdir()
    for name in ("a/x.md", "a/b/y.md", "out/z.md", "top.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "a" / "link.md").symlink_to(tmp_path / "out" / "z.md")
    (tmp_path / "a" / "loop.md").symlink_to(tmp_path / "a" / "loop.md")
    paths = [tmp_path / "a" / "x.md", tmp_path / "a" / "b" / "y.md", tmp_path / "top.md",
             tmp_path / "a" / "link.md", tmp_path / "a" / "loop.md", tmp_path / "out" / "z.md",
             tmp_path / "a" / ".." / "top.md", tmp_path / "a" / "b" / ".." / "x.md",
             tmp_path / "a", tmp_path / "a" / "..", Path("rel.md")]
    old = Path.cwd()
    os.chdir(tmp_path / "a")
    try:
        for root in (tmp_path, tmp_path / "a", tmp_path / "out", Path("."), Path("/")):
            assert display_paths(paths, root) == [display_path(p, root) for p in paths]
    finally:
        os.chdir(old)


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_display_paths_of_a_large_folder_with_links_match_one_by_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder holding many of the paths is listed once to find its links: the display
    paths are those :func:`display_path` gives each file alone (a link shows its target)."""
    from factlint.util.root import LIST_FOLDER_FROM, display_path, display_paths

    big, other = tmp_path / "big", tmp_path / "other"
    big.mkdir()
    other.mkdir()
    (other / "target.md").write_text("x\n", encoding="utf-8")
    files = []
    for i in range(LIST_FOLDER_FROM + 2):
        (big / f"f{i:02}.md").write_text("x\n", encoding="utf-8")
        files.append(big / f"f{i:02}.md")
    (big / "link.md").symlink_to(other / "target.md")
    files += [big / "link.md", big / "missing.md", other / "target.md"]
    monkeypatch.chdir(tmp_path)
    relative = [p.relative_to(tmp_path) for p in files]
    for given in (files, relative):
        shown = display_paths(given, tmp_path)
        assert shown == [display_path(p, tmp_path) for p in given]
        assert shown[-3:] == ["other/target.md", "big/missing.md", "other/target.md"]
