"""The claim cache: per file, what the frame stage made of it, in SQLite, as JSON.

The cache lives in ``<project root>/.factlint_cache/claims.sqlite3`` (the folder holds its
own ``.gitignore``). A row is keyed by the file's project-relative path and valid only for
the file's content hash and the *environment key*: a hash of the tool version, factlint's
own code, the grammar and unit definitions, the rule packs, the facts files and the config.
A file's (mtime, size) is checked first, so an unchanged file is not even read. The small
columns of a row (its stamp: hash, counts, measures) are read for every file in one query;
the claims and sentences live in a table apart, and the claims once more grouped by measure
(with their places in the file), so a pre-commit run decodes only the claims of the
measures the changed files speak of.

Writes are transactions in WAL mode, so two runs at once never corrupt the file; a corrupt
or foreign file is moved aside and rebuilt with a warning on stderr. Nothing is pickled.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from factlint import __version__
from factlint.model import Claim, Problem, Sentence, Settings
from factlint.util.codec import decoder_for, from_jsonable, to_jsonable

CACHE_DIR = ".factlint_cache"
DB_NAME = "claims.sqlite3"
SCHEMA = 7  # 7: a mention's value keeps the number and unit as written
SEP = "\x1f"  # between the measures of a file
RUNS_KEPT = 8
APPLICATION_ID = 0x46434C54  # "FCLT": tells our file from a foreign SQLite file

_CREATE = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    env TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    sha TEXT NOT NULL,
    documents INTEGER NOT NULL,
    problems TEXT NOT NULL,
    counts TEXT NOT NULL,
    measures TEXT NOT NULL,
    marked INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS payloads (  -- apart: reading the stamps does not walk them
    path TEXT PRIMARY KEY,
    claims TEXT NOT NULL,
    sentences TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS measure_claims (
    measure TEXT NOT NULL,
    path TEXT NOT NULL,
    sha TEXT NOT NULL,
    positions TEXT NOT NULL,
    claims TEXT NOT NULL,
    PRIMARY KEY (measure, path)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS measure_claims_path ON measure_claims (path);
CREATE TABLE IF NOT EXISTS runs (
    key TEXT PRIMARY KEY,
    created REAL NOT NULL,
    result TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class FileResult:
    """What the pipeline made of one file up to the claims: the unit the cache stores."""

    path: str
    sha256: str
    documents: int
    problems: tuple[Problem, ...]
    claims: tuple[Claim, ...]
    sentences: tuple[Sentence, ...] | None  # None: not decoded (only counts were needed)
    mentions: int
    unframed: int
    skipped: int
    claim_count: int = -1  # len(claims) unless the claims were left undecoded
    marked: bool = True  # its text may hold a suppression marker (``factlint:``)

    @property
    def claims_total(self) -> int:
        return len(self.claims) if self.claim_count < 0 else self.claim_count


class Stamp(NamedTuple):
    """What the cache knows of a file without decoding it (one per file: a light tuple)."""

    mtime_ns: int
    size: int
    sha: str
    measure_text: str  # the measures of its claims, joined by SEP
    documents: int = 0
    problems: str = "[]"  # as stored (JSON)
    counts: str = "[0, 0, 0, 0]"  # mentions, unframed, skipped, claims (JSON)
    marked: bool = True

    @property
    def measures(self) -> frozenset[str]:
        """The measures of the file's claims."""
        return frozenset(self.measure_text.split(SEP)) if self.measure_text else frozenset()


def environment_key(settings: Settings, packs: Sequence[str],
                    config_file: Path | None) -> str:
    """Hash of everything besides a file's bytes that the cached results depend on."""
    h = hashlib.sha256(f"factlint {__version__} schema {SCHEMA}\n".encode())
    h.update(f"ton={settings.ton} max_bytes={settings.max_bytes}\n".encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):  # the pipeline's own code
        _hash_file(h, path)
    grammar = resources.files("factlint.grammar")
    for entry in sorted(grammar.iterdir(), key=lambda e: e.name):
        if entry.is_file() and not entry.name.endswith((".pyc", ".py")):
            h.update(entry.name.encode())
            h.update(entry.read_bytes())
    for name in (*packs, *settings.facts_files):
        _hash_file(h, Path(name))
    if config_file is not None:
        _hash_file(h, config_file)
    return h.hexdigest()


def _hash_file(h: hashlib._Hash, path: Path) -> None:
    h.update(str(path).encode("utf-8", "surrogateescape"))
    try:
        h.update(path.read_bytes())
    except OSError:
        h.update(b"<unreadable>")


def _warn(message: str) -> None:
    print(f"factlint: warning: {message}", file=sys.stderr)


class ClaimCache:
    """An open claim cache. Use :func:`open_cache`; close it when done."""

    def __init__(self, db: sqlite3.Connection, env: str) -> None:
        self._db = db
        self.env = env
        self._pending: list[tuple[object, ...]] = []
        self._pending_measures: list[tuple[str, str, str, str, str]] = []
        self._pending_payloads: list[tuple[str, str, str]] = []
        self._broken = False

    def _failed(self, exc: sqlite3.DatabaseError) -> None:
        if isinstance(exc, sqlite3.OperationalError):  # busy, disk full: not corrupt
            _warn(f"claim cache not used for some files ({exc})")
            return
        if not self._broken:
            _warn(f"the claim cache is unusable ({exc}); it will be rebuilt next run")
        self._broken = True

    # ---------------------------------------------------------------------- reading

    def stamps(self) -> dict[str, Stamp]:
        """path -> its :class:`Stamp`, for every row valid for this environment (one query)."""
        try:
            rows = self._db.execute(
                "SELECT path, mtime_ns, size, sha, measures, documents, problems, counts, "
                "marked FROM files WHERE env = ?", (self.env,))
            return {row[0]: Stamp._make(row[1:]) for row in rows}
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return {}

    def get(self, path: str, sha: str, with_sentences: bool = False,
            with_claims: bool = True) -> FileResult | None:
        """The cached result of ``path`` with content hash ``sha``, if there is one.

        ``with_claims=False`` leaves the claims undecoded (only their number is given).
        """
        column = "p.sentences" if with_sentences else "NULL"
        claims_column = "p.claims" if with_claims else "'[]'"
        try:
            row = self._db.execute(
                f"SELECT f.documents, f.problems, {claims_column}, {column}, f.counts, f.marked "
                "FROM files AS f JOIN payloads AS p ON p.path = f.path "
                "WHERE f.path = ? AND f.env = ? AND f.sha = ?", (path, self.env, sha)).fetchone()
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return None
        if row is None:
            return None
        documents, problems, claims, sentences, counts, marked = row
        mentions, unframed, skipped, claim_count = json.loads(counts)
        return FileResult(
            path, sha, documents,
            from_jsonable(tuple[Problem, ...], json.loads(problems)),
            from_jsonable(tuple[Claim, ...], json.loads(claims)),
            None if sentences is None
            else from_jsonable(tuple[Sentence, ...], json.loads(sentences)),
            mentions, unframed, skipped, -1 if with_claims else claim_count, bool(marked),
        )

    def measure_claims(self, measures: Collection[str]) -> dict[str, tuple[str, list[Claim]]]:
        """path -> (content hash, its claims of ``measures`` in file order), for every file
        with such claims (one query; the caller checks the hash against the file's)."""
        if not measures:
            return {}
        wanted = sorted(measures)
        try:
            rows = self._db.execute(
                "SELECT path, sha, positions, claims FROM measure_claims WHERE measure IN "
                f"({', '.join('?' * len(wanted))})", wanted).fetchall()
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return {}
        decode = decoder_for(tuple[Claim, ...])
        # all rows' JSON in one parse each (thousands of rows: one call, not one per row)
        all_positions = json.loads(f"[{','.join([row[2] for row in rows])}]")
        all_claims = json.loads(f"[{','.join([row[3] for row in rows])}]")
        found: dict[str, tuple[str, list[tuple[int, Claim]]]] = {}
        for (path, sha, _, _), positions, claims in zip(rows, all_positions, all_claims,
                                                        strict=True):
            entry = found.setdefault(path, (sha, []))
            if entry[0] != sha:  # rows of two versions (cannot happen): match no file
                found[path] = ("", [])
                continue
            entry[1].extend(zip(positions, decode(claims), strict=True))
        return {path: (sha, [claim for _, claim in sorted(pairs, key=_first)])
                for path, (sha, pairs) in found.items()}

    def summary(self, path: str, stamp: Stamp, claims: Sequence[Claim] = ()) -> FileResult:
        """The cached result of ``path`` without its sentences and with only ``claims`` of
        its claims (its counts count them all), from its stamp: no query (a pre-commit run
        needs no more of most files)."""
        mentions, unframed, skipped, claim_count = _counts(stamp.counts)
        problems = () if stamp.problems == "[]" else from_jsonable(
            tuple[Problem, ...], json.loads(stamp.problems))
        return FileResult(path, stamp.sha, stamp.documents, problems, tuple(claims), None,
                          mentions, unframed, skipped, claim_count, bool(stamp.marked))

    # ---------------------------------------------------------------------- writing

    def put(self, result: FileResult, mtime_ns: int, size: int) -> None:
        """Queue ``result`` for writing (see :meth:`flush`); sentences must be present."""
        assert result.sentences is not None
        claims = to_jsonable(result.claims)
        assert isinstance(claims, list)
        self._pending.append((
            result.path, self.env, mtime_ns, size, result.sha256, result.documents,
            _dumps(result.problems),
            _dumps([result.mentions, result.unframed, result.skipped, len(result.claims)]),
            SEP.join(sorted({c.measure for c in result.claims})), int(result.marked),
        ))
        self._pending_payloads.append((result.path, _json(claims), _dumps(result.sentences)))
        by_measure: dict[str, list[int]] = {}
        for i, claim in enumerate(result.claims):
            by_measure.setdefault(claim.measure, []).append(i)
        self._pending_measures.extend(
            (measure, result.path, result.sha256, _json(places), _json([claims[i] for i in places]))
            for measure, places in by_measure.items())
        if len(self._pending) >= 500:
            self.flush()

    def flush(self) -> None:
        """Write the queued results in one transaction."""
        if not self._pending or self._broken:
            self._pending, self._pending_measures, self._pending_payloads = [], [], []
            return
        rows, self._pending = self._pending, []
        measure_rows, self._pending_measures = self._pending_measures, []
        payloads, self._pending_payloads = self._pending_payloads, []
        try:
            with self._db:
                self._db.executemany("DELETE FROM measure_claims WHERE path = ?",
                                     [(row[0],) for row in rows])
                self._db.executemany(
                    f"INSERT OR REPLACE INTO files VALUES ({', '.join('?' * 10)})", rows)
                self._db.executemany("INSERT OR REPLACE INTO payloads VALUES (?, ?, ?)",
                                     payloads)
                self._db.executemany(
                    "INSERT OR REPLACE INTO measure_claims VALUES (?, ?, ?, ?, ?)",
                    measure_rows)
        except sqlite3.DatabaseError as exc:
            self._failed(exc)

    def get_run(self, key: str) -> str | None:
        """The stored result of a whole run with this key (see ``engine``), if any."""
        try:
            row = self._db.execute("SELECT result FROM runs WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            self._failed(exc)
            return None
        return None if row is None else str(row[0])

    def put_run(self, key: str, result: str) -> None:
        """Store a run's result; only the :data:`RUNS_KEPT` newest are kept."""
        if self._broken:
            return
        try:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?)",
                                 (key, time.time(), result))
                self._db.execute("DELETE FROM runs WHERE key NOT IN (SELECT key FROM runs "
                                 "ORDER BY created DESC LIMIT ?)", (RUNS_KEPT,))
        except sqlite3.DatabaseError as exc:
            self._failed(exc)

    def forget(self, paths: Iterable[str]) -> None:
        """Drop the rows of ``paths`` (deleted or renamed files)."""
        try:
            gone = [(p,) for p in paths]
            with self._db:
                self._db.executemany("DELETE FROM files WHERE path = ?", gone)
                self._db.executemany("DELETE FROM payloads WHERE path = ?", gone)
                self._db.executemany("DELETE FROM measure_claims WHERE path = ?", gone)
        except sqlite3.DatabaseError as exc:
            self._failed(exc)

    def close(self) -> None:
        """Write what is queued and close the database."""
        self.flush()
        path = self._db.execute("PRAGMA database_list").fetchone()[2]
        self._db.close()
        if self._broken and path:
            for name in (path, path + "-wal", path + "-shm"):
                with contextlib.suppress(OSError):
                    os.remove(name)


def _dumps(obj: object) -> str:
    return _json(to_jsonable(obj))


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _counts(text: str) -> list[int]:
    """The stored counts ``[mentions, unframed, skipped, claims]`` (JSON of four integers)."""
    return [int(n) for n in text.strip("[]").split(",")]


def _first(pair: tuple[int, Claim]) -> int:
    return pair[0]


def cache_dir(root: Path) -> Path:
    """The cache folder of the project at ``root``."""
    return root / CACHE_DIR


def open_cache(root: Path, env: str) -> ClaimCache | None:
    """Open (creating or rebuilding as needed) the cache of the project at ``root``.

    Returns None, after a warning, when the folder cannot be written.
    """
    folder = cache_dir(root)
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by factlint: the claim cache is not versioned\n*\n",
                              encoding="utf-8")
    except OSError as exc:
        _warn(f"cannot create the claim cache in {folder}: {exc.strerror}; running "
              "without it")
        return None
    path = folder / DB_NAME
    try:
        return ClaimCache(_connect(path), env)
    except sqlite3.DatabaseError as exc:
        _warn(f"the claim cache {path} is corrupt or not factlint's ({exc}); rebuilding it")
    with contextlib.suppress(OSError):
        os.replace(path, path.with_suffix(".corrupt"))
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.remove(str(path) + suffix)
    try:
        return ClaimCache(_connect(path), env)
    except sqlite3.DatabaseError as exc:
        _warn(f"cannot rebuild the claim cache {path} ({exc}); running without it")
        return None


def _connect(path: Path) -> sqlite3.Connection:
    """Open the cache file, creating its tables; a file another run is creating or
    converting to WAL at this moment ("database is locked") is tried again, not rebuilt."""
    for _ in range(100):
        try:
            return _connect_once(path)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            time.sleep(0.05)
    return _connect_once(path)


def _connect_once(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        # tables first: once they show, the ids written in the same transaction show too
        has_tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        if has_tables and app_id != APPLICATION_ID:
            raise sqlite3.DatabaseError("not a factlint cache")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        if not has_tables:
            _create(db)
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
            raise sqlite3.DatabaseError("a cache of another factlint version")
        db.isolation_level = "DEFERRED"  # `with db:` makes a transaction
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _create(db: sqlite3.Connection) -> None:
    """Create the tables and stamp the file, in one transaction (the statements would each
    commit on their own otherwise, and a run starting at that moment see half a cache)."""
    db.execute("BEGIN IMMEDIATE")  # two runs creating at once: the second waits, then sees
    try:
        if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            for statement in _CREATE.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version={SCHEMA}")
        db.execute("COMMIT")
    except sqlite3.DatabaseError:
        db.execute("ROLLBACK")
        raise
