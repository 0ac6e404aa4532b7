"""The pipeline, end to end: files -> documents -> sentences -> mentions -> claims -> findings.

Each stage lives in its own module; this one only wires them together, times them, and
isolates rules (a rule that raises becomes an FC999 finding; the others still run).

The unit of work is one file: :func:`~factlint.run.process.process_file` reads it and frames
its claims into a
:class:`~factlint.run.cache.FileResult`. Results come from the claim cache when the file and the
environment are unchanged, else from this process or from ``jobs`` worker processes (in file
order, so the output is the same whatever ``jobs`` is). Only then are the claims of all
files indexed by key and handed to the rules.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from factlint.errors import UsageError
from factlint.frame.lexicon import Lexicon, load_lexicon
from factlint.index import build_index, unify_subjects
from factlint.load.discover import discover
from factlint.model import (
    Claim,
    Finding,
    Location,
    Sentence,
    Settings,
    Stats,
)
from factlint.run import memo
from factlint.run.cache import SEP, ClaimCache, FileResult, Stamp
from factlint.run.plugins import Plugins
from factlint.run.process import (
    STAGES,
    RunResult,
    load_and_process,
    problem_finding,
    warm,
)
from factlint.util.root import display_path, display_paths

#: Files handed to a worker at a time (large enough to amortise the pipe, small enough to
#: keep both cores busy to the end).
CHUNK = 16
#: A file modified this recently keeps no (mtime, size) stamp: it is hashed next time, so
#: an edit within the file system's timestamp granularity is never missed.
RACY_SECONDS = 2.0

Progress = Callable[[int], None]
def _compute(jobs_list: list[tuple[Path, str]], settings: Settings, lexicon: Lexicon,
             packs: tuple[str, ...], jobs: int, clock: dict[str, float],
             raw: dict[str, bytes], keep_sentences: bool = True) -> Iterator[FileResult]:
    """Results of the files in ``jobs_list``, in order, computed in ``jobs`` processes
    (``keep_sentences=False``: sentences are dropped, the caller does not need them)."""
    if jobs <= 1 or len(jobs_list) < 2 * CHUNK:
        for path, rel in jobs_list:
            yield load_and_process(path, rel, settings, lexicon, clock, raw.get(rel))
        return
    from factlint.run import workers

    def one(path: Path, rel: str, stage_clock: dict[str, float]) -> FileResult:
        result = load_and_process(path, rel, settings, lexicon, stage_clock, raw.get(rel))
        return result if keep_sentences else dataclasses.replace(result, sentences=None)

    if workers.can_fork():
        warm(settings.ton)
        yield from workers.forked(jobs_list, one, jobs, CHUNK, clock)
        return
    for (path, rel), result in zip(jobs_list, workers.spawned(
            jobs_list, settings, packs, jobs, CHUNK, clock, keep_sentences), strict=True):
        if rel in raw:  # standard input: never read from disk
            result = load_and_process(path, rel, settings, lexicon, clock, raw[rel])
        yield result


# ---------------------------------------------------------------------------- the run


def run(
    paths: Sequence[Path], settings: Settings, root: Path, plugins: Plugins,
    report_only: frozenset[str] | None = None, excludes: Sequence[str] = (), *,
    cache: ClaimCache | None = None, jobs: int = 1, stdin: tuple[str, bytes] | None = None,
    with_sentences: bool = True, progress: Callable[[int], Progress] | None = None,
    keep_claims: bool = False, unify: bool = True,
) -> RunResult:
    """Lint the files under ``paths``; paths in the result are relative to ``root``.

    ``report_only`` keeps the findings of those paths only (the corpus is still read);
    ``cache`` reuses and stores per-file results; ``jobs`` > 1 frames files in that many
    processes; ``stdin`` is ``(name, bytes)``: that file's content instead of the disk's
    (added to the files when the paths do not hold it); ``with_sentences=False`` leaves
    ``RunResult.sentences`` empty (lint needs only claims and counts); ``progress`` is
    called with the number of files and returns a function told of each file done;
    ``keep_claims`` makes sure ``RunResult.claims`` holds every claim the rules read (a
    reporter that draws every place of a key): the whole-run memo, which keeps only the
    findings' claims, is then neither read nor written; ``unify=False`` leaves each
    claim's subject as its file framed it, not unified across the run
    (:func:`factlint.index.unify_subjects`; the claims table, whose shards must concatenate
    into one run's table, unifies in its query), and leaves the memo alone too.

    With a cache, a run whose files, environment, settings and rules are all unchanged
    returns the stored result of the last such run; with ``report_only`` too, only the
    claims on the measures of the reported files are decoded, read from the cache's
    per-measure rows (rules compare claims of one measure, so the others cannot touch a
    reported finding).
    """
    started = time.perf_counter()
    clock = dict.fromkeys(STAGES, 0.0)
    files = discover(paths, settings.extensions, excludes)
    rels = display_paths(files, root)
    raw: dict[str, bytes] = {}
    if stdin is not None:
        name = display_path(Path(stdin[0]), root)
        raw[name] = stdin[1]
        if name not in rels:
            files.append(Path(stdin[0]))
            rels.append(name)
    clock["discover"] = time.perf_counter() - started
    tick = progress(len(files)) if progress is not None else None

    t0 = time.perf_counter()
    known = cache.stamps() if cache is not None else {}
    shas: list[str | None] = []
    stamps: list[tuple[int, int] | None] = []
    for path, rel in zip(files, rels, strict=True):
        sha, stamp = (None, None) if cache is None or rel in raw else _sha(path, known.get(rel))
        shas.append(sha)
        stamps.append(stamp)
    memo_key = ""
    if cache is not None and not raw and not keep_claims and unify and all(shas):
        memo_key = memo.memo_key(cache.env, settings, plugins, report_only, rels, shas,
                                 with_sentences)
        stored = cache.get_run(memo_key)
        if stored is not None:
            clock["cache"] += time.perf_counter() - t0
            return memo.from_memo(stored, clock, started)
    results: list[FileResult | None] = [None] * len(files)
    misses = [i for i, sha in enumerate(shas) if cache is None or sha is None]
    clock["cache"] += time.perf_counter() - t0

    lexicon = load_lexicon(plugins.packs, settings.facts_files)
    now = time.time()
    keep = with_sentences or cache is not None  # the cache stores sentences

    def frame(indices: list[int]) -> None:
        todo = [(files[i], rels[i]) for i in indices]
        for i, result in zip(indices, _compute(todo, settings, lexicon, plugins.packs, jobs,
                                               clock, raw, keep), strict=True):
            stamp = stamps[i]
            if cache is not None and stamp is not None and result.sha256 and rels[i] not in raw:
                t1 = time.perf_counter()
                mtime_ns, size = stamp
                if now - mtime_ns / 1e9 < RACY_SECONDS:
                    mtime_ns = 0
                cache.put(result, mtime_ns, size)
                clock["cache"] += time.perf_counter() - t1
            if rels[i] in raw:  # standard input: suppressions are read from the file on disk
                result = dataclasses.replace(result, marked=True)
            if not with_sentences and result.sentences is not None:
                result = dataclasses.replace(result, sentences=None)
            results[i] = result
            if tick is not None:
                tick(1)

    frame(misses)  # first: a changed file's claims say which cached claims the rules need
    if cache is not None:
        t0 = time.perf_counter()
        wanted: frozenset[str] | None = None
        if report_only is not None and not with_sentences:
            wanted = _focus_measures(plugins, report_only, rels, results, known)
        late: list[int] = []
        focused = cache.measure_claims(wanted) if wanted is not None else {}
        for i, rel in enumerate(rels):
            sha = shas[i]
            if sha is None:
                continue
            row = known.get(rel)
            hit: FileResult | None = None
            if row is not None and wanted is not None and report_only is not None \
                    and rel not in report_only:
                mine = focused.get(rel)
                if mine is not None and mine[0] == sha:  # only its claims of those measures
                    hit = cache.summary(rel, row, mine[1])
                elif not row.measure_text or wanted.isdisjoint(row.measure_text.split(SEP)):
                    hit = cache.summary(rel, row)
            if hit is None:
                hit = cache.get(rel, sha, with_sentences)
            if hit is not None and row is not None and row.mtime_ns != (stamps[i] or (0,))[0]:
                _refresh(cache, rel, sha, stamps[i])
            results[i] = hit
            if hit is None:  # the row went away meanwhile
                late.append(i)
            elif tick is not None:
                tick(1)
        clock["cache"] += time.perf_counter() - t0
        frame(late)
        misses += late
    if cache is not None:
        t1 = time.perf_counter()
        cache.flush()
        clock["cache"] += time.perf_counter() - t1
    done = [r for r in results if r is not None]
    outcome = _finish(done, settings, lexicon, plugins, report_only, paths, clock, started,
                      len(files) - len(misses), unify)
    if cache is not None and not raw and not with_sentences and not keep_claims and unify:
        if not memo_key:  # the files just framed now have their hashes
            hashes = [r.sha256 for r in done]
            if all(hashes) and len(hashes) == len(rels):
                memo_key = memo.memo_key(cache.env, settings, plugins, report_only, rels,
                                         hashes, with_sentences)
        if memo_key:
            cache.put_run(memo_key, memo.dumps_memo(outcome))
    return outcome


def _focus_measures(plugins: Plugins, report_only: frozenset[str], rels: Sequence[str],
                    results: Sequence[FileResult | None],
                    known: dict[str, Stamp]) -> frozenset[str] | None:
    """The measures whose cached claims the rules need for the reported files' findings.

    None (decode everything) when a rule does not say which measures it reads.
    """
    mine: set[str] = set()
    for rel, result in zip(rels, results, strict=True):
        if rel not in report_only:
            continue
        if result is not None:  # framed in this run: a changed file
            mine.update(c.measure for c in result.claims)
        elif rel in known:
            mine.update(known[rel].measures)
    wanted: set[str] = set()
    for rule in plugins.rules:
        if rule.measures is None:
            return None
        for measure in mine:
            wanted.update(rule.measures(measure))
    return frozenset(wanted)


def _sha(path: Path, known: Stamp | None) -> tuple[str | None, tuple[int, int] | None]:
    """The content hash of a file when the cache can vouch for it, and its stamp."""
    try:
        st = os.stat(path)
    except OSError:
        return None, None
    stamp = (st.st_mtime_ns, st.st_size)
    if known is None or known.size != st.st_size:
        return None, stamp
    if known.mtime_ns == st.st_mtime_ns:
        return known.sha, stamp
    try:  # touched, maybe unchanged: the content hash decides
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None, stamp
    return (sha if sha == known.sha else None), stamp


def _refresh(cache: ClaimCache, rel: str, sha: str, stamp: tuple[int, int] | None) -> None:
    full = cache.get(rel, sha, True)
    if full is not None and stamp is not None:
        racy = time.time() - stamp[0] / 1e9 < RACY_SECONDS
        cache.put(full, 0 if racy else stamp[0], stamp[1])


def _finish(results: list[FileResult], settings: Settings, lexicon: Lexicon,
            plugins: Plugins, report_only: frozenset[str] | None, paths: Sequence[Path],
            clock: dict[str, float], started: float, cached: int,
            unify: bool = True) -> RunResult:
    findings: list[Finding] = []
    claims: list[Claim] = []
    sentences: list[tuple[str, Sentence]] = []
    for r in results:
        findings.extend(problem_finding(p) for p in r.problems)
        claims.extend(r.claims)
        if r.sentences is not None:
            sentences.extend((r.path, s) for s in r.sentences)
    documents = sum(r.documents for r in results)
    if documents == 0 and not findings:
        raise UsageError("no documents found in " + ", ".join(str(p) for p in paths))

    t0 = time.perf_counter()
    if unify:
        claims = unify_subjects(claims, lexicon)
    index = build_index(claims, lexicon, settings, report_only)
    t1 = time.perf_counter()
    clock["index"] += t1 - t0
    findings.extend(_run_rules(plugins, index, settings))
    clock["rules"] += time.perf_counter() - t1
    findings = [f for f in findings if _selected(f.rule, settings)]
    if report_only is not None:
        findings = [f for f in findings if f.location.path in report_only]
    findings.sort(key=Finding.sort_key)
    mentions = sum(r.mentions for r in results)
    stats = Stats(
        files=len(results), documents=documents, mentions=mentions,
        claims=sum(r.claims_total for r in results),
        unframed=sum(r.unframed for r in results),
        skipped_sentences=sum(r.skipped for r in results),
        seconds=round(time.perf_counter() - started, 3),
    )
    timings = tuple((stage, round(clock[stage], 4)) for stage in STAGES)
    return RunResult(tuple(findings), stats, tuple(sentences), tuple(claims),
                     tuple(r.path for r in results), timings, cached,
                     frozenset(r.path for r in results if not r.marked))


def _run_rules(plugins: Plugins, index: object, settings: Settings) -> list[Finding]:
    findings: list[Finding] = []
    for rule in plugins.rules:
        try:
            findings.extend(rule.check(index, settings))  # type: ignore[arg-type]
        except Exception as exc:  # isolate and name a broken rule
            origin = plugins.origins.get(rule.code, "?")
            where = traceback.extract_tb(exc.__traceback__)[-1]
            message = (f"rule {rule.code} ({rule.name}, from {origin}) raised "
                       f"{type(exc).__name__}: {exc} at "
                       f"{Path(where.filename).name}:{where.lineno}; the other rules ran")
            findings.append(Finding("FC999", "internal-error", "error", message,
                                    Location("", 1, 1, 1, 1)))
    return findings


def _selected(code: str, settings: Settings) -> bool:
    if code == "FC999":
        return True
    if settings.select and not any(code.startswith(s) for s in settings.select):
        return False
    return not any(code.startswith(s) for s in settings.ignore)
