"""What a lint run reads and what it reports, and running the engine with cache and jobs.

The corpus is always read whole, so a changed file is compared with everything else; the
*reported* files narrow to:

- ``--corpus DIR PATHS``: the PATHS, against DIR;
- ``--against-corpus PATHS`` (the pre-commit hook, which may pass the changed files in
  several batches): those of the PATHS that belong to the configured corpus (config
  ``corpus:``, else the project root), against all of it;
- ``--changed-since REV``: the files git reports changed or added since REV;
- ``--stdin-filename NAME``: standard input, linted as the file NAME.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factlint.errors import UsageError
from factlint.load.discover import discover
from factlint.model import Settings, Stats
from factlint.util.root import display_path

if TYPE_CHECKING:
    from factlint.run.plugins import Plugins
    from factlint.run.process import RunResult


def lint_scope(given: list[Path], default: list[Path], settings: Settings, root: Path,
               excludes: Sequence[str], args: argparse.Namespace,
               ) -> tuple[list[Path], frozenset[str] | None]:
    """The paths to read and the project-relative paths to report (None: all)."""
    corpus: list[Path] = args.corpus or default
    if args.stdin_filename is not None:
        name = display_path(Path(args.stdin_filename), root)
        return [*(given or corpus)], frozenset({name})
    if args.changed_since is not None:
        return _changed(args.changed_since, given or corpus, settings, root, excludes, args)
    if given and args.corpus:  # the given files against DIR, wherever they are
        files = discover(given, settings.extensions, excludes)
        return [*corpus, *given], frozenset(display_path(f, root) for f in files)
    if given and args.against_corpus:
        return _against_corpus(given, corpus, settings, root, excludes)
    return given or default, None


def _against_corpus(given: list[Path], corpus: list[Path], settings: Settings, root: Path,
                    excludes: Sequence[str]) -> tuple[list[Path], frozenset[str]]:
    """The pre-commit hook: the corpus to read, and the given files under it to report.

    A given file outside the corpus (a README beside ``corpus: [articles]``) is not linted,
    as with ``--changed-since``; when no given file is under it, nothing is read. One
    under it that the corpus walk leaves out (an excluded draft) is not read either, so it
    has no findings. The corpus is walked once, by the engine.
    """
    bases = [os.path.abspath(c) for c in corpus]
    mine = [f for f in discover(given, settings.extensions, excludes)
            if _under(os.path.abspath(f), bases)]
    return (corpus if mine else []), frozenset(display_path(f, root) for f in mine)


def _under(path: str, bases: Sequence[str]) -> bool:
    return any(path == base or path.startswith(base.rstrip(os.sep) + os.sep)
               for base in bases)


def _changed(rev: str, corpus: list[Path], settings: Settings, root: Path,
             excludes: Sequence[str], args: argparse.Namespace,
             ) -> tuple[list[Path], frozenset[str] | None]:
    from factlint.load.changed import changed_since

    top, changes = changed_since(rev, Path.cwd())
    if not args.no_cache and changes.gone:
        from factlint.run.cache import open_cache

        cache = open_cache(root, "")
        if cache is not None:
            cache.forget(display_path(top / p, root) for p in changes.gone)
            cache.close()
    wanted = tuple(e.lower() for e in settings.extensions)
    in_corpus = {display_path(f, root) for f in discover(corpus, settings.extensions, excludes)}
    report = frozenset(
        rel for rel in (display_path(top / p, root) for p in changes.changed
                        if p.lower().endswith(wanted))
        if rel in in_corpus)
    return (corpus if report else []), report


def run_engine(paths: list[Path], settings: Settings, root: Path, plugins: Plugins,
               report_only: frozenset[str] | None, excludes: Sequence[str],
               args: argparse.Namespace, *, with_sentences: bool,
               config_file: Path | None = None, keep_claims: bool = False,
               unify: bool = True) -> RunResult:
    """``engine.run`` with the claim cache (unless ``--no-cache``), jobs, stdin, progress."""
    from factlint.run import engine
    from factlint.run.process import RunResult
    from factlint.run.progress import progress_for

    if not paths:  # --changed-since with nothing changed: nothing to read
        return RunResult((), Stats(), (), ())
    cache = None
    if not args.no_cache:
        from factlint.run.cache import environment_key, open_cache
        from factlint.run.config import find_config

        config = config_file or args.config or find_config(Path.cwd())
        cache = open_cache(root, environment_key(settings, plugins.packs, config))
    stdin = None
    if args.stdin_filename is not None:
        stdin = (args.stdin_filename, sys.stdin.buffer.read())
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs: expected a positive number")
    try:
        return engine.run(paths, settings, root, plugins, report_only, excludes,
                          cache=cache, jobs=args.jobs or 1, stdin=stdin,
                          with_sentences=with_sentences, keep_claims=keep_claims,
                          unify=unify,
                          progress=progress_for(args.format, args.output is not None))
    finally:
        if cache is not None:
            cache.close()
