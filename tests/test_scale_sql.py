"""docs/scale.md's SQL gives FC101's conflicts: the documented DuckDB query, run on the
claims table (``factlint claims --format jsonl``) of each corpus, finds exactly the pairs of
claims, with their severities, that FC101 reports; the query also reads as Spark SQL."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import pytest
import sqlglot
import yaml
from conftest import run_cli
from sqlglot import exp

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "scale.md"
SHARED = REPO.parent / "shared" / "benchmarks" / "consistency"
BLIND = REPO / "tests" / "bench" / "consistency"

#: a claim as both sides can name it: path, the place of its text, and what it says (FC101's
#: JSON findings name a claim so; the table's ids are mapped to it)
Key = tuple[object, ...]
Pair = tuple[frozenset[Key], str]


def _rule_cases() -> list[Any]:
    """The tiny corpora of FC101's rule cases (tests/rules/FC101.yaml) and of this test's
    own (tests/data/fc101_sql_cases.yaml): each branch of FC101, and what the SQL must get
    exactly (titles, bare $, projections, a clipped share, one place framed twice)."""
    out = []
    for name in ("rules/FC101.yaml", "data/fc101_sql_cases.yaml"):
        data = yaml.safe_load((REPO / "tests" / name).read_text("utf-8"))
        out += [pytest.param(case["files"], id=case["name"]) for case in data["cases"]]
    return out


def _corpora() -> list[Any]:
    found: list[Any] = [pytest.param(REPO / "seeds", id="seeds"),
                        pytest.param(REPO / "tests" / "corpora", id="tests-corpora")]
    found += [pytest.param(d / "corpus", id=f"blind-{d.name}")
              for d in sorted(BLIND.iterdir()) if (d / "corpus").is_dir()]
    if SHARED.is_dir():
        found += [pytest.param(d / "corpus", id=f"shared-{d.name}")
                  for d in sorted(SHARED.iterdir()) if (d / "corpus").is_dir()]
    return found


def documented_sql() -> dict[str, str]:
    """The SQL blocks of docs/scale.md, by the name on their first line (``-- scale.md: x``)."""
    blocks = re.findall(r"```sql\n(.*?)```", DOC.read_text("utf-8"), re.DOTALL)
    named = {}
    for block in blocks:
        first = block.split("\n", 1)[0]
        m = re.fullmatch(r"-- scale\.md: (\w+).*", first)
        assert m, f"docs/scale.md: a sql block without a name: {first!r}"
        named[m.group(1)] = block
    assert set(named) == {"load", "claims", "fc101"}, sorted(named)
    return named


def _key(place: dict[str, Any], claim: dict[str, Any]) -> Key:
    """Not the subject: FC101 names it as unified over the run ("Ryanair Holdings" beside
    "Ryanair" is Ryanair), the table as the file framed it."""
    return (place["path"], place["line"], place["column"], place["end_line"],
            place["end_column"], claim["text"], claim["measure"], claim["kind"],
            claim["period"])


def _table(path: Path, tmp: Path, shards: int = 1, cwd: Path = REPO,
           ) -> tuple[list[str], dict[str, Key]]:
    """``factlint claims --format jsonl`` of ``path`` as files ``tmp/claims*.jsonl`` (one
    run per shard of its files, when ``shards`` > 1), and each claim's key by its id."""
    parts: list[list[Path]] = [[path]]
    if shards > 1:
        files = sorted(p for p in path.rglob("*") if p.suffix in (".md", ".txt")
                       and p.is_file())
        parts = [files[i::shards] for i in range(shards)]
    lines: list[str] = []
    for n, part in enumerate(parts):
        code, out, err = run_cli(["claims", "--format", "jsonl", "--no-cache",
                                  *map(str, part)], cwd)
        assert code == 0, err
        (tmp / f"claims-{n:02}.jsonl").write_text(out, encoding="utf-8")
        lines += out.splitlines()
    ids: dict[str, Key] = {}
    for line in lines:
        mention = json.loads(line)
        for claim in mention["claims"]:
            assert claim["id"] not in ids, f"two claims of id {claim['id']}"
            # two claims that read alike at one place are one for FC101's output too
            ids[claim["id"]] = _key({"path": mention["path"], **claim["location"]}, claim)
    return lines, ids


def sql_pairs(tmp: Path, ids: dict[str, Key], monkeypatch: pytest.MonkeyPatch) -> set[Pair]:
    """The documented blocks, run in DuckDB in the folder of the shards."""
    sql = documented_sql()
    monkeypatch.chdir(tmp)
    con = duckdb.connect()
    try:
        con.execute(sql["load"])
        con.execute(sql["claims"])
        rows = con.execute(sql["fc101"]).fetchall()
    finally:
        con.close()
    assert len({(a, b) for a, b, _ in rows}) == len(rows), "the query gave a pair twice"
    return {(frozenset({ids[a], ids[b]}), severity) for a, b, severity in rows}


def fc101_pairs(path: Path, cwd: Path = REPO) -> set[Pair]:
    """The pairs of claims FC101 reports, with their severity.

    Each conflict gives a finding at each claim of either side, naming (first among its
    related places) the other side's first claim: the findings that name one claim are
    the side opposite it."""
    code, out, err = run_cli(["--format", "json", "--select", "FC101", "--no-cache",
                              str(path)], cwd)
    assert code in (0, 1), err
    sides: dict[str, dict[Key, set[Key]]] = defaultdict(lambda: defaultdict(set))
    severity: dict[str, str] = {}
    for f in json.loads(out)["findings"]:
        assert f["rule"] == "FC101"
        other = f["related"][0]
        assert other["role"] == "conflicts"
        sides[f["conflict_id"]][_key(other, other["claim"])].add(
            _key(f["location"], f["location"]["claim"]))
        assert severity.setdefault(f["conflict_id"], f["severity"]) == f["severity"]
    pairs: set[Pair] = set()
    for conflict, by_first in sides.items():
        assert len(by_first) == 2, f"conflict {conflict}: {len(by_first)} sides"
        (first_b, side_a), (first_a, side_b) = by_first.items()
        assert first_a in side_a and first_b in side_b
        pairs |= {(frozenset({a, b}), severity[conflict]) for a in side_a for b in side_b}
    return pairs


def _show(pairs: Iterable[Pair]) -> str:
    return "\n".join(f"  {sev}: " + " <> ".join(f"{k[0]}:{k[1]} {k[5]!r}" for k in sorted(
        pair, key=str)) for pair, sev in sorted(pairs, key=str))


@pytest.mark.parametrize("path", _corpora())
def test_the_documented_query_finds_what_fc101_finds(
        path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, ids = _table(path, tmp_path)
    got = sql_pairs(tmp_path, ids, monkeypatch)
    want = fc101_pairs(path)
    assert got == want, (f"only the query:\n{_show(got - want)}\n"
                         f"only FC101:\n{_show(want - got)}")


@pytest.mark.parametrize("files", _rule_cases())
def test_the_documented_query_finds_what_fc101_finds_in_each_case(
        files: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    for name, text in files.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / ".git").mkdir()
    _, ids = _table(Path("."), tmp_path, cwd=corpus)
    got = sql_pairs(tmp_path, ids, monkeypatch)
    want = fc101_pairs(Path("."), cwd=corpus)
    assert got == want, (f"only the query:\n{_show(got - want)}\n"
                         f"only FC101:\n{_show(want - got)}")


@pytest.mark.parametrize("path", [REPO / "seeds", REPO / "tests" / "corpora"],
                         ids=["seeds", "tests-corpora"])
def test_shards_give_the_table_and_the_conflicts_of_one_run(
        path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction run on three shards of the files: concatenated, the same lines as one
    run; loaded as three files, the same conflicts as FC101 over the whole corpus."""
    whole = tmp_path / "whole"
    sharded = tmp_path / "sharded"
    whole.mkdir()
    sharded.mkdir()
    one, _ = _table(path, whole)
    parts, ids = _table(path, sharded, shards=3)
    assert len(list(sharded.glob("claims*.jsonl"))) == 3
    assert sorted(parts) == sorted(one)
    assert sql_pairs(sharded, ids, monkeypatch) == fc101_pairs(path)


def test_the_query_reads_as_spark_sql() -> None:
    """Transpiled to Spark by sqlglot, the portable blocks parse as Spark SQL, and every
    function in them is one Spark has (sqlglot keeps an unknown one as written)."""
    sql = documented_sql()
    for name in ("claims", "fc101"):
        (spark,) = sqlglot.transpile(sql[name], read="duckdb", write="spark")
        tree = sqlglot.parse_one(spark, read="spark")
        unknown = sorted({node.name for node in tree.find_all(exp.Anonymous)})
        assert not unknown, f"{name}: functions Spark may not have: {unknown}"
        assert "LATERAL VIEW EXPLODE" in spark or name != "claims", spark
