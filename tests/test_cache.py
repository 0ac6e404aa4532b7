"""The claim cache: exact JSON round trip, reuse, invalidation, corruption, concurrency."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import CLEAN, CONFLICT, run_cli, write_corpus

from factlint.model import Claim, Interval, Period, Sentence, Settings
from factlint.run.engine import run
from factlint.run.plugins import load_plugins
from factlint.util.codec import from_jsonable, to_jsonable

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _json(out: str) -> dict[str, object]:
    data = json.loads(out)
    data["stats"].pop("seconds")
    return data


def test_model_objects_round_trip_exactly_through_json() -> None:
    result = run([SEEDS], Settings(), SEEDS.parent, load_plugins(entry_points=False))
    claims = result.claims
    sentences = tuple(s for _, s in result.sentences)
    assert claims and any(s.mentions for s in sentences)
    text = json.dumps(to_jsonable(claims))
    assert from_jsonable(tuple[Claim, ...], json.loads(text)) == claims
    assert from_jsonable(tuple[Sentence, ...], json.loads(json.dumps(
        to_jsonable(sentences)))) == sentences
    odd = Period(frozenset({2023, 2024}), "quarter", "Q4", True, True)
    assert from_jsonable(Period, json.loads(json.dumps(to_jsonable(odd)))) == odd
    third = Interval(Fraction(1, 3), None, True, False)
    assert to_jsonable(third) == ["1/3", None, True, False]
    assert from_jsonable(Interval, to_jsonable(third)) == third


def test_second_run_reuses_the_cache_and_reports_the_same(tmp_path: Path) -> None:
    root = write_corpus(tmp_path, {**CONFLICT, **CLEAN})
    (root / ".git").mkdir()
    first = run_cli(["--format", "json", "."], root)
    assert (root / ".factlint_cache" / ".gitignore").read_text().strip().endswith("*")
    second = run_cli(["--format", "json", "."], root)
    assert first[0] == second[0] == 1
    assert _json(first[1]) == _json(second[1]) and second[2] == ""
    cold = run_cli(["--format", "json", "--no-cache", "."], root)
    assert _json(cold[1]) == _json(first[1])


def test_engine_takes_unchanged_files_from_the_cache(tmp_path: Path) -> None:
    from factlint.run.cache import environment_key, open_cache

    root = write_corpus(tmp_path, {**CONFLICT, **CLEAN})
    plugins = load_plugins(entry_points=False)
    env = environment_key(Settings(), plugins.packs, None)

    def lint() -> tuple[int, int]:
        cache = open_cache(root, env)
        assert cache is not None
        try:
            result = run([root], Settings(), root, plugins, cache=cache, with_sentences=False)
        finally:
            cache.close()
        return result.cached, len(result.findings)

    assert lint() == (0, 2)
    assert lint() == (3, 2)
    (root / "b.md").write_text(CONFLICT["b.md"].replace("52%", "71%"), encoding="utf-8")
    assert lint() == (2, 0)  # the edited file is framed again; the conflict is gone


def test_a_corrupt_cache_is_rebuilt_with_a_warning(tmp_path: Path) -> None:
    root = write_corpus(tmp_path, CONFLICT)
    (root / ".git").mkdir()
    expected = _json(run_cli(["--format", "json", "."], root)[1])
    db = root / ".factlint_cache" / "claims.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    code, out, err = run_cli(["--format", "json", "."], root)
    assert code == 1 and _json(out) == expected
    assert "corrupt" in err and "rebuilding" in err
    assert run_cli(["--format", "json", "."], root)[2] == ""  # rebuilt: quiet again


def test_a_foreign_sqlite_file_is_not_used(tmp_path: Path) -> None:
    root = write_corpus(tmp_path, CONFLICT)
    (root / ".git").mkdir()
    (root / ".factlint_cache").mkdir()
    foreign = sqlite3.connect(root / ".factlint_cache" / "claims.sqlite3")
    foreign.execute("CREATE TABLE files (x)")
    foreign.commit()
    foreign.close()
    code, _, err = run_cli(["."], root)
    assert code == 1 and "not factlint's" in err


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    root = write_corpus(tmp_path, CONFLICT)
    (root / ".git").mkdir()
    assert run_cli(["--no-cache", "."], root)[0] == 1
    assert not (root / ".factlint_cache").exists()


def test_a_changed_config_invalidates_the_cache(tmp_path: Path) -> None:
    root = write_corpus(tmp_path, CONFLICT)
    (root / ".git").mkdir()
    assert run_cli(["."], root)[0] == 1
    (root / ".factlint.yaml").write_text("max_bytes: 20\n", encoding="utf-8")
    code, out, _ = run_cli(["."], root)
    assert code == 0 and "FC903" in out  # read again under the new limit: too large


@pytest.mark.parametrize("runs", [3])
def test_two_runs_at_once_do_not_corrupt_it(tmp_path: Path, runs: int) -> None:
    files = {f"n{i:03d}.md": f"---\ntitle: Note {i}\ndate: 2024-01-01\n---\n\n"
                             f"Chile accounts for {20 + i % 3}% of global copper mining.\n"
             for i in range(60)}
    root = write_corpus(tmp_path, files)
    (root / ".git").mkdir()
    cmd = [sys.executable, "-m", "factlint", "--format", "json", "."]
    procs = [subprocess.Popen(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(runs)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(err == b"" for _, err in outs), [err for _, err in outs]
    results = [_json(out.decode()) for out, _ in outs]
    assert all(r == results[0] for r in results)
    db = sqlite3.connect(root / ".factlint_cache" / "claims.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM files").fetchone()[0] == 60
    db.close()
    again = subprocess.run(cmd, cwd=root, capture_output=True, timeout=120, check=False)
    assert again.stderr == b"" and _json(again.stdout.decode()) == results[0]


def _located(out: str, path: str) -> list[object]:
    return [f for f in _json(out)["findings"]  # type: ignore[attr-defined]
            if f["location"]["path"] == path]


def test_a_pre_commit_run_on_a_new_measure_reports_what_a_full_run_does(
        tmp_path: Path) -> None:
    """The edited file's new claims decide which cached claims are read, not its old row."""
    root = write_corpus(tmp_path, {**CONFLICT, **CLEAN})
    (root / ".git").mkdir()
    assert run_cli(["--format", "json", "."], root)[0] == 1  # warm: c.md's row is nickel only
    with (root / "c.md").open("a", encoding="utf-8") as handle:
        handle.write("\nThe DRC accounts for 30% of global cobalt mining.\n")
    hook = run_cli(["--format", "json", "--against-corpus", "c.md"], root)
    full = run_cli(["--format", "json", "--no-cache", "."], root)
    assert _located(hook[1], "c.md") == _located(full[1], "c.md") != []
    again = run_cli(["--format", "json", "--against-corpus", "c.md"], root)  # from the cache
    assert _json(again[1]) == _json(hook[1])


def test_a_rule_that_does_not_name_its_measures_sees_every_claim(tmp_path: Path) -> None:
    """A third-party rule reading other measures than the reported file's stays correct."""
    from factlint.hookspecs import Rule
    from factlint.model import Finding

    root = write_corpus(tmp_path, {**CONFLICT, **CLEAN})
    plugins = load_plugins(entry_points=False)

    def count_all(index: object, settings: Settings) -> list[Finding]:
        claims = index.claims  # type: ignore[attr-defined]
        at = next(c for c in claims if c.path == "c.md")
        return [Finding("XX001", "count", "warning", f"{len(claims)} claims", at.location)]

    mine = Rule("XX001", "count", "warning", "", count_all)
    plugins = type(plugins)((*plugins.rules, mine), plugins.origins, plugins.reporters,
                            plugins.packs)
    from factlint.run.cache import environment_key, open_cache

    env = environment_key(Settings(), plugins.packs, None)
    for only in (None, frozenset({"c.md"}), frozenset({"c.md"})):  # cold, then warm twice
        cache = open_cache(root, env)
        assert cache is not None
        try:
            result = run([root], Settings(), root, plugins, only, cache=cache,
                         with_sentences=False)
        finally:
            cache.close()
        assert [f.message for f in result.findings if f.rule == "XX001"] == ["3 claims"]


def test_unused_suppressions_are_found_from_the_cache_too(tmp_path: Path) -> None:
    marked = {"d.md": "Cobalt\n\nNothing here. <!-- factlint: ignore FC101 -->\n"}
    root = write_corpus(tmp_path, {**CONFLICT, **CLEAN, **marked})
    (root / ".git").mkdir()
    runs = [run_cli(["--format", "json", "."], root) for _ in range(3)]  # cold, warm, memo
    rules = [[f["rule"] for f in _json(out)["findings"]]  # type: ignore[attr-defined]
             for _, out, _ in runs]
    assert rules[0] == rules[1] == rules[2] and "FC902" in rules[0]
