"""Malformed configs and bad arguments: exit 2 and one line naming file, line and what was
expected; internal errors: exit 3 and one line pointing to a log; broken plugins: FC999."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CLEAN, CONFLICT, run_cli

DEEP = "[" * 3000 + "]" * 3000

#: (config file name, its text, the one line factlint prints on stderr)
CONFIGS = [
    (".factlint.yaml", "corpus: [a\n",
     ".factlint.yaml:2: malformed YAML: expected ',' or ']', but got '<stream end>'"),
    (".factlint.yaml", "bogus: 1\n", ".factlint.yaml:1: unknown key 'bogus'; expected one "
     "of: corpus, exclude, rules, severity, overrides, fail_on, bounds, units, max_bytes, "
     "extensions, facts, rules_dir, baseline, ignore"),
    (".factlint.yaml", "fail_on: error\nbounds: loose\n",
     ".factlint.yaml:2: bounds: expected 'speaker' or 'strict', got 'loose'"),
    (".factlint.yaml", "max_bytes: -5\n",
     ".factlint.yaml:1: max_bytes: expected a positive number of bytes, got -5"),
    (".factlint.yaml", "rules:\n  select: [nope!]\n", ".factlint.yaml:2: rules.select: "
     "expected rule codes or prefixes like FC101 or FC1, got 'nope!'"),
    (".factlint.yaml", "- a\n- b\n",
     ".factlint.yaml:1: config: expected a mapping of names to values"),
    (".factlint.yaml", "severity:\n  FC101: fatal\n",
     ".factlint.yaml:2: severity.FC101: expected 'error' or 'warning', got 'fatal'"),
    (".factlint.yaml", "facts: [missing.yaml]\n",
     ".factlint.yaml:1: facts.0: missing.yaml not found (relative to .factlint.yaml)"),
    (".factlint.yaml", "rules_dir: nope\n",
     ".factlint.yaml:1: rules_dir: nope not found (relative to .factlint.yaml)"),
    (".factlint.yaml", "overrides:\n  - ignore: [FC1]\n",
     ".factlint.yaml:2: overrides: each entry needs files: [globs]"),
    (".factlint.yaml", "units: {ton: long}\n",
     ".factlint.yaml:1: units.ton: expected 'metric' or 'short', got 'long'"),
    (".factlint.yaml", "\t tab: 1\n",
     ".factlint.yaml:1: malformed YAML: found character '\\t' that cannot start any token"),
    (".factlint.yaml", "!!python/object:os.system {}\n",
     ".factlint.yaml:1: malformed YAML: could not determine a constructor for the tag "
     "'tag:yaml.org,2002:python/object:os.system'"),
    (".factlint.yaml", "fail_on: 2024-13-45\n",
     ".factlint.yaml:1: malformed YAML: month must be in 1..12"),
    (".factlint.yaml", "fail_on: error\nbounds: \x01\n",
     ".factlint.yaml:2: malformed YAML: special characters are not allowed"),
    (".factlint.yaml", f"fail_on: {DEEP}\n",
     ".factlint.yaml:1: malformed YAML: nested too deeply"),
    ("pyproject.toml", "[tool.factlint]\nmax_bytes = \"x\"\n",
     "pyproject.toml:2: max_bytes: expected a positive number of bytes, got 'x'"),
    ("pyproject.toml", "[tool.factlint]\nfail_on = 'error'\nfail_on = 'warning'\n",
     "pyproject.toml:3: malformed TOML: Cannot overwrite a value (at line 3, column 20)"),
    ("pyproject.toml", f"[tool.factlint]\nfail_on = {DEEP}\n",
     "pyproject.toml:1: malformed TOML: nested too deeply"),
]


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(("name", "text", "message"), CONFIGS,
                         ids=[f"{c[0]}:{c[1][:24]!r}" for c in CONFIGS])
def test_malformed_config_exits_2_naming_file_and_line(
        corpus: Any, name: str, text: str, message: str) -> None:
    root = corpus(CLEAN)
    (root / name).write_text(text, encoding="utf-8")
    code, out, err = run_cli(["."], root)
    assert (code, out) == (2, "")
    assert _one_line(err) == f"factlint: error: {message}"


def test_config_that_is_not_utf8(corpus: Any) -> None:
    root = corpus(CLEAN)
    (root / ".factlint.yaml").write_bytes(b"corpus: [\xff]\n")
    code, _, err = run_cli(["."], root)
    assert code == 2
    assert _one_line(err) == ("factlint: error: .factlint.yaml:1: not UTF-8 text "
                              "(invalid start byte)")


ARGUMENTS = [
    (["--format", "nope", "."],
     "unknown format 'nope'; available: github, html, json, junit, sarif, text"),
    (["--fail-on", "x", "."],
     "argument --fail-on: invalid choice: 'x' (choose from 'error', 'warning')"),
    (["--jobs", "0", "."], "--jobs: expected a positive number"),
    (["--jobs", "x", "."], "argument --jobs/-j: invalid int value: 'x'"),
    (["--select", ",", "."],
     "--select: expected rule codes or prefixes like FC101 or FC1, got ','"),
    (["--explain", "FC000"], "unknown rule code 'FC000'; `factlint rules` lists them"),
    (["nope/"], "path does not exist: nope"),
    (["--bogus", "."], "unrecognized arguments: --bogus"),
    (["--config", "nothere.yaml", "."], "config file not found: nothere.yaml"),
    (["claims", "--format", "sarif", "."],
     "claims: unknown format 'sarif'; expected text, json or jsonl"),
    (["--output", "no/such/dir/out.txt", "."],
     "cannot write no/such/dir/out.txt: No such file or directory"),
]


@pytest.mark.parametrize(("argv", "message"), ARGUMENTS, ids=[" ".join(a[0]) for a in ARGUMENTS])
def test_bad_argument_exits_2_with_one_line(corpus: Any, argv: list[str], message: str) -> None:
    code, out, err = run_cli(argv, corpus(CLEAN))
    assert (code, out) == (2, "")
    assert _one_line(err) == f"factlint: error: {message}"


def test_folder_with_no_documents_exits_2(corpus: Any) -> None:
    root = corpus({"notes.py": "x = 1\n"})
    code, _, err = run_cli(["."], root)
    assert code == 2
    assert _one_line(err).startswith("factlint: error: no documents found in")


RAISES_AT_IMPORT = "raise ImportError('local rule is broken')\n"

RAISING_REPORTER = '''
from factlint.hookspecs import Reporter, hookimpl

def _write(findings, stats, out):
    raise ValueError("reporter broke")

@hookimpl
def factlint_reporters():
    return [Reporter("broken", _write)]
'''


def _subprocess(argv: list[str], cwd: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    return subprocess.run([sys.executable, "-m", "factlint", *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(sys.platform != "linux", reason="the log's folder is XDG_CACHE_HOME")
def test_internal_error_exits_3_with_one_line_and_a_log(corpus: Any, tmp_path_factory:
                                                       pytest.TempPathFactory) -> None:
    root = corpus({**CLEAN, ".factlint.yaml": "rules_dir: local\n",
                   "local/broken.py": RAISES_AT_IMPORT})
    cache = tmp_path_factory.mktemp("cache")
    done = _subprocess(["."], root, cache)
    assert done.returncode == 3
    log = cache / "factlint" / "crash.log"
    assert _one_line(done.stderr) == (
        "factlint: internal error: ImportError: local rule is broken (traceback and "
        f"versions in {log}; please attach it to a bug report)")
    text = log.read_text("utf-8")
    assert "Traceback (most recent call last)" in text and "broken.py" in text
    assert "factlint " in text and "lark 1." in text and "python 3." in text
    # the untrusted-PR switch runs without the repository's Python
    assert _subprocess(["--no-local-rules", "."], root, cache).returncode == 0


def test_raising_reporter_is_an_internal_error_not_a_traceback(
        corpus: Any, tmp_path_factory: pytest.TempPathFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    root = corpus({**CONFLICT, ".factlint.yaml": "rules_dir: local\n",
                   "local/rep.py": RAISING_REPORTER})
    code, out, err = run_cli([".", "--format", "broken"], root)
    assert code == 3, err
    assert "FC999 reporter 'broken' raised" in out and "reporter broke" in out
    assert "FC101" in out  # the findings are not lost: they come in the text format
    assert "Traceback" not in err


def test_rules_takes_no_paths(tmp_path: Path) -> None:
    code, _, err = run_cli(["rules", "extra"], tmp_path)
    assert code == 2 and err.strip() == (
        "factlint: error: `factlint rules` takes no paths (got extra)")


def test_a_facts_file_that_does_not_parse_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "facts.yaml").write_text("places:\n  - {name: X\n", encoding="utf-8")
    (tmp_path / ".factlint.yaml").write_text("facts: [facts.yaml]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# A\n\nChina holds 60% of cobalt refining.\n")
    code, _, err = run_cli(["."], tmp_path)
    assert code == 2, err
    assert err.startswith("factlint: error: ") and "facts.yaml:" in err
    assert "facts file does not parse" in err and len(err.strip().splitlines()) == 1


def test_a_facts_file_nested_30000_deep_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """The C YAML loader crashes the interpreter on this file; users' files never meet it."""
    depth = 30_000
    (tmp_path / "facts.yaml").write_text("places: " + "[" * depth + "]" * depth + "\n",
                                         encoding="utf-8")
    (tmp_path / ".factlint.yaml").write_text("facts: [facts.yaml]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# A\n\nChina holds 60% of cobalt refining.\n")
    code, _, err = run_cli(["."], tmp_path)
    assert code == 2, err
    assert err.strip().endswith("facts.yaml:1: facts file does not parse: nested too deeply")
