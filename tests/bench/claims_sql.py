"""How fast docs/scale.md's FC101 query runs in DuckDB on a table of 10 million claims.

Not part of the pytest run (it takes minutes and gigabytes); run it by hand:

    python tests/bench/claims_sql.py                     # 10 million claims
    python tests/bench/claims_sql.py --claims 1000000 --threads 2

The table is made of the claims of the shared consistency corpora
(``../shared/benchmarks/consistency/*/corpus``, or the folders given), read with
``factlint claims --format jsonl`` and loaded by the documented ``load`` and ``claims`` blocks.
Each of their keys (subject, measure, kind, dimension) is a *group*; the big table is made of
copies of groups drawn at random, each copy a key of its own (its subject, paths, documents
and ids suffixed with the copy's number), until it holds the number of claims asked for. So
the key-group sizes of the big table follow those of the corpora, and so do the readings,
periods, titles and modalities inside a group, hence the share of pairs that conflict.

It prints the time to load the corpora's JSONL repeated to ``--load-mb`` MB with the
documented blocks (the step before the query), the time to build the big table (not part
of either figure), then the SQL step: the documented ``fc101`` query run over the table
into a result table, its seconds, claims per second (wall clock, and per CPU second: the
machine may be shared) and the conflicting pairs it found, and the process's peak
resident memory.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "benchmarks" / "consistency"


def _documented_sql() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("scale_sql", REPO / "tests" /
                                                  "test_scale_sql.py")
    assert spec is not None and spec.loader is not None
    sys.path.insert(0, str(REPO / "tests"))  # test_scale_sql imports conftest
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sql: dict[str, str] = module.documented_sql()
    return sql


def _cpu() -> float:
    """CPU seconds of this process, DuckDB's threads included."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _extract(corpora: list[Path], folder: Path) -> None:
    """One shard a corpus, as a user would run them."""
    for n, corpus in enumerate(corpora):
        out = folder / f"claims-{n:02}.jsonl"
        subprocess.run([sys.executable, "-m", "factlint", "claims", "--format", "jsonl",
                        "--no-cache", "-o", str(out), str(corpus)], check=True, cwd=REPO)


#: the columns of the documented ``claims`` view that name a place, a key or a document:
#: a copy suffixes them with its number, so that each copy is a key of its own
_SUFFIXED = ("id", "path", "document", "subject", "subject_base", "subject_full")


def build(con: duckdb.DuckDBPyConnection, n_claims: int, seed: float) -> tuple[int, int]:
    """Replace the view ``claims`` (of the corpora) with a table of ``n_claims`` copies."""
    con.execute("""
        CREATE TABLE seed AS
        SELECT *, DENSE_RANK() OVER (ORDER BY lower(subject), measure, kind,
                  CASE WHEN dimension = 'dollar' THEN 'USD' ELSE dimension END) AS g
        FROM claims""")
    groups, claims = con.execute("SELECT max(g), count(*) FROM seed").fetchone() or (0, 0)
    copies = int(n_claims / (claims / groups) * 1.05) + 1
    columns = [r[0] for r in con.execute("DESCRIBE claims").fetchall()]
    select = ", ".join(
        f"s.{c} || '~' || c.copy AS {c}" if c in _SUFFIXED
        else f"list_transform(s.{c}, lambda x: x || '~' || c.copy) AS {c}"
        if c == "subject_initials"
        else f"s.{c}" for c in columns)
    con.execute(f"SELECT setseed({seed})")
    con.execute(f"""
        CREATE TABLE copies AS
        SELECT i AS copy, 1 + CAST(floor(random() * {groups}) AS INTEGER) AS g
        FROM range({copies}) AS t(i)""")
    con.execute("DROP VIEW claims")
    con.execute(f"""
        CREATE TABLE claims AS
        SELECT {select} FROM copies AS c JOIN seed AS s USING (g)
        ORDER BY c.copy, s.id LIMIT {n_claims}""")
    return groups, claims


def time_load(folder: Path, sql: dict[str, str], megabytes: float, threads: int) -> None:
    """The documented ``load`` and ``claims`` blocks on the corpora's lines repeated to about
    ``megabytes`` of JSONL: the step before the query, timed apart."""
    lines = b"".join(p.read_bytes() for p in sorted(folder.glob("claims-*.jsonl")))
    copies = max(1, round(megabytes * 1e6 / len(lines)))
    big = folder / "big"
    big.mkdir()
    with (big / "claims-big.jsonl").open("wb") as out:
        for _ in range(copies):
            out.write(lines)
    size = (big / "claims-big.jsonl").stat().st_size
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    old = Path.cwd()
    os.chdir(big)
    try:
        t0, cpu0 = time.perf_counter(), _cpu()
        con.execute(sql["load"])
        con.execute(sql["claims"])
        con.execute("CREATE TABLE flat AS SELECT * FROM claims")  # every column, parsed
        n = (con.execute("SELECT count(*) FROM flat").fetchone() or (0,))[0]
        seconds, cpu = time.perf_counter() - t0, _cpu() - cpu0
    finally:
        os.chdir(old)
        con.close()
    print(f"load: {size / 1e6:.0f} MB of JSONL, {n:,} claims: {seconds:.1f} s "
          f"({cpu:.1f} s of CPU), {size / 1e6 / seconds:.0f} MB/s, {n / seconds:,.0f} claims/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", nargs="*", type=Path,
                        help="corpus folders (default: ../shared/benchmarks/consistency/*/corpus)")
    parser.add_argument("--claims", type=int, default=10_000_000)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=float, default=0.5, help="for DuckDB's random()")
    parser.add_argument("--load-mb", type=float, default=200.0,
                        help="also time loading this many MB of JSONL (0: do not)")
    args = parser.parse_args()
    corpora = args.corpora or sorted(p / "corpus" for p in SHARED.iterdir()
                                     if (p / "corpus").is_dir())
    sql = _documented_sql()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _extract(corpora, folder)
        if args.load_mb > 0:
            time_load(folder, sql, args.load_mb, args.threads)
        con = duckdb.connect(str(folder / "bench.duckdb"))
        con.execute(f"SET threads = {args.threads}")
        con.execute(f"SET temp_directory = '{folder / 'spill'}'")
        old = Path.cwd()
        os.chdir(folder)
        try:
            con.execute(sql["load"])
            con.execute(sql["claims"])
        finally:
            os.chdir(old)
        t0 = time.perf_counter()
        groups, seed_claims = build(con, args.claims, args.seed)
        n = (con.execute("SELECT count(*) FROM claims").fetchone() or (0,))[0]
        sizes = con.execute("""
            SELECT quantile_cont(n, [0.5, 0.9, 0.99]), max(n) FROM (
              SELECT count(*) AS n FROM claims
              GROUP BY lower(subject), measure, kind, dimension)""").fetchone()
        print(f"corpora: {len(corpora)}, {seed_claims} claims in {groups} keys; table of {n:,} "
              f"claims built in {time.perf_counter() - t0:.1f} s; claims a key: median, "
              f"p90, p99 {sizes[0] if sizes else '?'}, max {sizes[1] if sizes else '?'}")
        query = sql["fc101"].strip().rstrip(";")
        t0, cpu0 = time.perf_counter(), _cpu()
        con.execute(f"CREATE TABLE conflicts AS {query}")
        seconds, cpu = time.perf_counter() - t0, _cpu() - cpu0
        pairs = con.execute("SELECT severity, count(*) FROM conflicts GROUP BY 1 ORDER BY 1"
                            ).fetchall()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB on Linux
        print(f"fc101 query: {seconds:.1f} s, {n / seconds:,.0f} claims/s, "
              f"{args.threads} threads ({cpu:.1f} s of CPU, {n / cpu:,.0f} claims per CPU "
              f"second); pairs: {dict(pairs)}; peak RSS of this process (table build "
              f"included) {peak:.1f} GiB; load average {os.getloadavg()[0]:.1f}")
        con.close()


if __name__ == "__main__":
    main()
