"""``--jobs N``: files framed in several processes, results in file order.

On Linux the parent builds the parser, the unit registry and the lexicon, then forks
``N - 1`` workers; the parent is the N-th worker. All take chunks of files from one shared
counter, so a slow chunk never leaves a core idle, and only the workers' results travel
through a pipe. A worker that dies (killed, out of memory) costs no result: whatever it
did not deliver is framed by the parent. Elsewhere (no safe fork) a pool of ``N`` spawned
workers, each building its own parser, frames the files.

The output is the same whatever ``N`` is: results are handed on in file order, and each
file's result does not depend on which process framed it.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import queue
import signal
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from factlint.run.process import STAGES, load_and_process

if TYPE_CHECKING:
    from multiprocessing.queues import Queue
    from multiprocessing.sharedctypes import Synchronized

    from factlint.model import Settings
    from factlint.run.cache import FileResult

Job = tuple[Path, str]
#: Frames one file: (path, project-relative name, stage clock) -> its result.
Compute = Callable[[Path, str, dict[str, float]], "FileResult"]
#: What a worker sends: (chunk number, its results, the worker's stage seconds).
Delivery = tuple[int, list["FileResult"], dict[str, float]]
#: How long the parent waits for a delivery before checking that workers are alive.
POLL_SECONDS = 0.5


def forked(jobs_list: list[Job], compute: Compute, jobs: int, chunk: int,
           clock: dict[str, float]) -> Iterator[FileResult]:
    """Results of ``compute`` over ``jobs_list`` in order, from this process and
    ``jobs - 1`` forked workers (Linux only)."""
    context = multiprocessing.get_context("fork")
    chunks = (len(jobs_list) + chunk - 1) // chunk
    counter: Synchronized[int] = context.Value("i", 0)
    pipe: Queue[Delivery] = context.Queue()
    workers = [context.Process(target=_drain, daemon=True,
                               args=(counter, pipe, jobs_list, compute, chunk, chunks))
               for _ in range(jobs - 1)]
    for worker in workers:
        worker.start()
    done: dict[int, list[FileResult]] = {}
    handed = 0  # chunks already handed on, in order

    def ready() -> Iterator[FileResult]:
        nonlocal handed
        while handed in done:
            yield from done.pop(handed)
            handed += 1

    def receive(block: bool) -> None:
        while True:
            try:
                k, results, seconds = pipe.get(block, POLL_SECONDS) if block else pipe.get(False)
            except queue.Empty:
                return
            done[k] = results
            for stage, value in seconds.items():
                clock[stage] += value
            block = False  # after one delivery, take only what is already there

    try:
        while (k := _take(counter, chunks)) is not None:
            done[k] = [compute(path, rel, clock) for path, rel in _slice(jobs_list, k, chunk)]
            receive(block=False)
            yield from ready()
        while handed < chunks:
            if handed in done:
                yield from ready()
                continue
            receive(block=True)
            if handed not in done and not any(w.is_alive() for w in workers) \
                    and pipe.empty():  # a worker died holding chunks: frame them here
                for k in range(handed, chunks):
                    if k not in done:
                        done[k] = [compute(path, rel, clock)
                                   for path, rel in _slice(jobs_list, k, chunk)]
            yield from ready()
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
        pipe.close()


def _take(counter: Synchronized[int], chunks: int) -> int | None:
    with counter.get_lock():
        k = counter.value
        if k >= chunks:
            return None
        counter.value = k + 1
    return k


def _slice(jobs_list: list[Job], k: int, chunk: int) -> list[Job]:
    return jobs_list[k * chunk : (k + 1) * chunk]


def _drain(counter: Synchronized[int], pipe: Queue[Delivery], jobs_list: list[Job],
           compute: Compute, chunk: int, chunks: int) -> None:
    """A worker: frame chunks until none is left, sending each chunk's results."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while (k := _take(counter, chunks)) is not None:
        clock: defaultdict[str, float] = defaultdict(float)
        results = [compute(path, rel, clock) for path, rel in _slice(jobs_list, k, chunk)]
        pipe.put((k, results, dict(clock)))
    pipe.close()
    pipe.join_thread()


# ------------------------------------------------------------- spawned pool (not Linux)

_WORKER: dict[str, object] = {}  # per spawned worker: its settings, lexicon and options


def spawned(jobs_list: list[Job], settings: Settings, packs: tuple[str, ...], jobs: int,
            chunk: int, clock: dict[str, float], keep_sentences: bool) -> Iterator[FileResult]:
    """Results over ``jobs_list`` in order, from a pool of ``jobs`` spawned workers."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, _init_worker, (settings, packs, keep_sentences)) as pool:
        work = [(str(p), r) for p, r in jobs_list]
        for result, seconds in pool.imap(_work, work, chunk):
            for stage, value in seconds.items():
                clock[stage] += value
            yield result


def _init_worker(settings: Settings, packs: tuple[str, ...], keep_sentences: bool) -> None:
    from factlint.frame.lexicon import load_lexicon

    _WORKER["settings"] = settings
    _WORKER["lexicon"] = load_lexicon(packs, settings.facts_files)
    _WORKER["keep_sentences"] = keep_sentences


def _work(job: tuple[str, str]) -> tuple[FileResult, dict[str, float]]:
    clock = dict.fromkeys(STAGES, 0.0)
    settings, lexicon = _WORKER["settings"], _WORKER["lexicon"]
    result = load_and_process(Path(job[0]), job[1], settings,  # type: ignore[arg-type]
                               lexicon, clock)  # type: ignore[arg-type]
    if not _WORKER["keep_sentences"]:  # not needed: do not send them through the pipe
        result = dataclasses.replace(result, sentences=None)
    return result, clock


def can_fork() -> bool:
    """Whether workers are forked (Linux) rather than spawned."""
    return sys.platform.startswith("linux")
