"""Config discovery and validation: every bad key, value or file names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.errors import ConfigError, UsageError
from factlint.model import Settings
from factlint.run.config import Override, find_config, load_settings

FULL = """\
corpus: [articles, more]
exclude: ["drafts/**"]
rules:
  select: [FC1, fc2]
  ignore: FC102
severity: {FC101: warning}
overrides:
  - files: ["archive/**"]
    ignore: [FC101]
fail_on: warning
bounds: strict
units: {ton: short}
max_bytes: 1000
extensions: [md, .TXT]
facts: [facts.yaml]
rules_dir: local_rules
baseline: base.json
ignore:
  - {fingerprint: abc123, reason: quoted on purpose}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


def _error(tmp: Path, text: str, name: str = ".factlint.yaml") -> ConfigError:
    (tmp / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(tmp, None)
    return info.value


def test_no_config_gives_defaults(repo: Path) -> None:
    settings, path, extras = load_settings(repo, None)
    assert (settings, path) == (Settings(), None)
    assert extras["corpus"] == [] and extras["rules_dir"] is None


def test_every_key_is_read(repo: Path) -> None:
    (repo / "facts.yaml").write_text("{}\n")
    (repo / "local_rules").mkdir()
    (repo / ".factlint.yaml").write_text(FULL)
    settings, path, extras = load_settings(repo, None)
    assert path == repo / ".factlint.yaml"
    assert settings.select == {"FC1", "FC2"} and settings.ignore == {"FC102"}
    assert (settings.fail_on, settings.bounds, settings.ton) == ("warning", "strict", "short")
    assert settings.max_bytes == 1000 and settings.extensions == (".md", ".txt")
    assert settings.facts_files == (str(repo / "facts.yaml"),)
    assert settings.ignored_fingerprints == {"abc123"}
    assert extras["corpus"] == [repo / "articles", repo / "more"]
    assert extras["exclude"] == ["drafts/**"]
    assert extras["severity"] == {"FC101": "warning"}
    assert extras["overrides"] == [Override(("archive/**",), frozenset({"FC101"}), {})]
    assert extras["rules_dir"] == repo / "local_rules"
    assert extras["baseline"] == repo / "base.json"


def test_found_in_a_parent_folder_up_to_the_git_root(repo: Path) -> None:
    (repo / ".factlint.yaml").write_text("bounds: strict\n")
    deep = repo / "a" / "b"
    deep.mkdir(parents=True)
    settings, path, _ = load_settings(deep, None)
    assert path == repo / ".factlint.yaml" and settings.bounds == "strict"


def test_search_stops_at_the_git_root(tmp_path: Path) -> None:
    (tmp_path / ".factlint.yaml").write_text("bounds: strict\n")
    inner = tmp_path / "repo"
    (inner / ".git").mkdir(parents=True)
    assert find_config(inner) is None


def test_pyproject_tool_table_and_pyproject_without_it(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.factlint]\nbounds = "strict"\n'
                                         '[tool.factlint.units]\nton = "short"\n')
    sub = repo / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n')
    settings, path, _ = load_settings(sub, None)
    assert path == repo / "pyproject.toml"
    assert (settings.bounds, settings.ton) == ("strict", "short")


def test_dot_factlint_yaml_wins_over_pyproject(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.factlint]\nbounds = "strict"\n')
    (repo / ".factlint.yaml").write_text("fail_on: warning\n")
    settings, path, _ = load_settings(repo, None)
    assert path == repo / ".factlint.yaml" and settings.bounds == "speaker"


def test_explicit_config_is_used_and_a_missing_one_is_a_usage_error(repo: Path) -> None:
    (repo / "other.yaml").write_text("bounds: strict\n")
    assert load_settings(repo, repo / "other.yaml")[0].bounds == "strict"
    with pytest.raises(UsageError, match="config file not found"):
        load_settings(repo, repo / "missing.yaml")


def test_unknown_key_names_its_line(repo: Path) -> None:
    err = _error(repo, "bounds: strict\n\nfail-on: error\n")
    assert err.line == 3
    assert "unknown key 'fail-on'" in str(err) and "fail_on" in str(err)
    assert str(err).startswith(str(repo / ".factlint.yaml") + ":3: ") or \
        str(err).startswith(".factlint.yaml:3: ")


@pytest.mark.parametrize(("text", "line", "expected"), [
    ("fail_on: error\nbounds: loose\n", 2, "expected 'speaker' or 'strict', got 'loose'"),
    ("units:\n  ton: imperial\n", 2, "units.ton: expected 'metric' or 'short'"),
    ("units:\n  mile: metric\n", 2, "unknown unit setting units.mile"),
    ("max_bytes: -5\n", 1, "max_bytes: expected a positive number"),
    ("max_bytes: true\n", 1, "max_bytes: expected a positive number"),
    ("rules:\n  select: [FC1, 'no way']\n", 2, "expected rule codes or prefixes"),
    ("rules:\n  only: [FC1]\n", 2, "unknown key rules.only"),
    ("severity:\n  FC101: fatal\n", 2, "expected 'error' or 'warning', got 'fatal'"),
    ("ignore:\n  - fingerprint: abc\n", 2, "needs a fingerprint and a reason"),
    ("ignore: [FC101]\n", 1, "to turn rules off use rules: {ignore: [...]}"),
    ("exclude: 5\n", 1, "exclude: expected a list of strings"),
    ("facts: [missing.yaml]\n", 1, "missing.yaml not found"),
    ("overrides:\n  - ignore: [FC1]\n", 2, "each entry needs files"),
    ("- bounds\n", 1, "expected a mapping"),
])
def test_bad_value_names_line_and_what_was_expected(
    repo: Path, text: str, line: int, expected: str
) -> None:
    err = _error(repo, text)
    assert err.line == line, str(err)
    assert expected in str(err)


def test_malformed_yaml_names_its_line(repo: Path) -> None:
    err = _error(repo, "bounds: strict\nexclude: [a, b\nfail_on: error\n")
    assert err.line in (2, 3) and "malformed YAML" in str(err)


def test_yaml_is_loaded_safely(repo: Path) -> None:
    err = _error(repo, "bounds: !!python/object/apply:os.system ['echo hi']\n")
    assert err.line == 1 and "malformed YAML" in str(err)


def test_malformed_toml_names_its_line(repo: Path) -> None:
    err = _error(repo, '[tool.factlint]\nbounds = "strict"\nfail_on = \n', "pyproject.toml")
    assert err.line == 3 and "malformed TOML" in str(err)


def test_bad_toml_value_names_its_line(repo: Path) -> None:
    text = '[project]\nname = "x"\n\n[tool.factlint]\nfail_on = "error"\nbounds = "wide"\n'
    err = _error(repo, text, "pyproject.toml")
    assert err.line == 6 and "bounds: expected" in str(err)


def test_bad_value_in_a_toml_subtable_names_its_line(repo: Path) -> None:
    text = '[tool.factlint]\nbounds = "strict"\n\n[tool.factlint.units]\nton = "long"\n'
    err = _error(repo, text, "pyproject.toml")
    assert err.line == 5 and "units.ton" in str(err)
