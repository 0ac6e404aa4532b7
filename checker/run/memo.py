"""The whole-run memo: a run whose files, environment, settings and rules are all unchanged
returns the stored result of the last such run (kept in the claim cache's ``runs`` table).

The key hashes everything the result depends on; the stored form keeps each claim once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from factlint.model import Claim, Finding, Location, Related, Settings, Stats
from factlint.run.plugins import Plugins
from factlint.run.process import STAGES, RunResult
from factlint.util.codec import decoder_for, from_jsonable, to_jsonable


def memo_key(env: str, settings: Settings, plugins: Plugins,
             report_only: frozenset[str] | None, rels: Sequence[str],
             shas: Sequence[str | None], with_sentences: bool) -> str:
    """The key of a run: the environment, settings, focus, the rules (and their code), and
    every file's path and content hash."""
    h = hashlib.sha256(env.encode())
    h.update(json.dumps([to_jsonable(settings), sorted(report_only or ()),
                         report_only is None, with_sentences]).encode())
    for rule in plugins.rules:
        h.update(f"{rule.code} {rule.name} {rule.severity} "
                 f"{plugins.origins.get(rule.code)}".encode())
        module = sys.modules.get(getattr(rule.check, "__module__", "") or "")
        source = getattr(module, "__file__", None)
        if source:
            try:
                h.update(Path(source).read_bytes())
            except OSError:
                h.update(b"?")
    for rel, sha in zip(rels, shas, strict=True):
        h.update(f"{rel}\0{sha}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def dumps_memo(result: RunResult) -> str:
    """A run's result as stored in the cache: a header line, then each claim once, then a
    line per finding pointing into the claims.

    A claim named by many findings (a conflict's sides) is stored once. One line per item,
    ASCII-escaped, keeps both writing and reading it to about the size of the text: no
    nested lists of the whole run, no string widened to two bytes a character by one
    en dash.
    """
    table: dict[int, int] = {}
    claim_lines: list[str] = []

    def ref(claim: Claim | None) -> int | None:
        if claim is None:
            return None
        at = table.get(id(claim))
        if at is None:
            at = table[id(claim)] = len(claim_lines)
            claim_lines.append(_line(to_jsonable(claim)))
        return at

    rows = [_line([f.rule, f.name, f.severity, f.message, to_jsonable(f.location),
                   ref(f.claim),
                   [[to_jsonable(r.location), r.role, ref(r.claim)] for r in f.related],
                   f.conflict_id, f.fingerprint]) for f in result.findings]
    header = _line([to_jsonable(result.stats), result.files, sorted(result.unmarked),
                    len(claim_lines)])
    return "\n".join([header, *claim_lines, *rows])


def _line(data: object) -> str:
    return json.dumps(data, separators=(",", ":"))


def from_memo(stored: str, clock: dict[str, float], started: float) -> RunResult:
    """The stored result of a run (see :func:`dumps_memo`), timed as a run just finished."""

    lines = _lines(stored)
    stats, files, unmarked, count = json.loads(next(lines))
    claim = decoder_for(Claim)
    claims = [claim(json.loads(next(lines))) for _ in range(count)]
    location = decoder_for(Location)
    findings = []
    for line in lines:
        rule, name, severity, message, loc, at, related, conflict_id, fingerprint = \
            json.loads(line)
        findings.append(Finding(
            rule, name, severity, message, location(loc), None if at is None else claims[at],
            tuple([Related(location(where), role, None if c is None else claims[c])
                   for where, role, c in related]), conflict_id, fingerprint))
    stats = dataclasses.replace(from_jsonable(Stats, stats),
                                seconds=round(time.perf_counter() - started, 3))
    timings = tuple((stage, round(clock[stage], 4)) for stage in STAGES)
    return RunResult(tuple(findings), stats, (), (), tuple(files), timings, len(files),
                     frozenset(unmarked))


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, one slice at a time (no list of them all)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield text[start:end]
        start = end + 1
