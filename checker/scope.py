"""What a lint run reads and what it reports, and running the engine with cache and jobs.

The corpus is always read whole, so a changed file is compared with everything else; the
*reported* files narrow to:

- ``--corpus DIR PATHS`` / ``--against-corpus PATHS`` (the pre-commit hook): the PATHS,
  against DIR or the configured corpus (config ``corpus:``, else the project root);
- ``--changed-since REV``: the files git reports changed or added since REV;
- ``--stdin-filename NAME``: standard input, linted as the file NAME.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factlint.discover import discover
from factlint.errors import UsageError
from factlint.model import Settings, Stats
from factlint.root import display_path

if TYPE_CHECKING:
    from factlint.engine import RunResult
    from factlint.plugins import Plugins


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
    if given and (args.corpus or args.against_corpus):
        files = discover(given, settings.extensions, excludes)
        return [*corpus, *given], frozenset(display_path(f, root) for f in files)
    return given or default, None


def _changed(rev: str, corpus: list[Path], settings: Settings, root: Path,
             excludes: Sequence[str], args: argparse.Namespace,
             ) -> tuple[list[Path], frozenset[str] | None]:
    from factlint.changed import changed_since

    top, changes = changed_since(rev, Path.cwd())
    if not args.no_cache and changes.gone:
        from factlint.cache import open_cache

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
               config_file: Path | None = None) -> RunResult:
    """``engine.run`` with the claim cache (unless ``--no-cache``), jobs, stdin, progress."""
    from factlint import engine
    from factlint.progress import progress_for

    if not paths:  # --changed-since with nothing changed: nothing to read
        return engine.RunResult((), Stats(), (), ())
    cache = None
    if not args.no_cache:
        from factlint.cache import environment_key, open_cache
        from factlint.config import find_config

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
                          with_sentences=with_sentences,
                          progress=progress_for(args.format, args.output is not None))
    finally:
        if cache is not None:
            cache.close()
