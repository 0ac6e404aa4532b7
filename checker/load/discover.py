"""Which files to lint: explicit files as given, folders walked for the configured extensions."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase
from pathlib import Path

from factlint.errors import UsageError

#: Folder names never walked into (hidden folders are skipped too, and virtualenvs).
SKIPPED_DIRS = frozenset({".git", "node_modules", "__pycache__", "site-packages"})


def discover(
    paths: Sequence[Path], extensions: tuple[str, ...], excludes: Sequence[str] = ()
) -> list[Path]:
    """Files to lint, sorted and deduplicated.

    Explicit files are always kept, whatever their extension. Folders are walked for files
    whose extension is in ``extensions`` (case-insensitive); hidden folders, ``.git``,
    ``node_modules``, ``__pycache__`` and virtualenvs (a folder holding ``pyvenv.cfg``) are
    skipped; ``excludes`` are globs matched against the path relative to the given folder
    (``drafts``, ``drafts/*``, ``*.draft.md``, ``**/old/**``); symlinked folders are not
    followed, so a link loop cannot trap the walk. A path that does not exist raises
    :class:`~factlint.errors.UsageError`.
    """
    wanted = tuple(e.lower() for e in extensions)
    patterns = [_clean_pattern(p) for p in excludes if _clean_pattern(p)]
    found: dict[str, Path] = {}
    for path in paths:
        if not os.path.lexists(path):
            raise UsageError(f"path does not exist: {path}")
        if path.is_dir():
            for key, file in _walk(path, wanted, patterns):
                found.setdefault(key, file)
        else:  # a file, or a broken link / loop that read_source reports as unreadable
            found.setdefault(_key(path), path)
    return [found[k] for k in sorted(found)]


def _key(path: Path) -> str:
    return os.path.normpath(os.path.abspath(path))


def _clean_pattern(pattern: str) -> str:
    p = pattern.strip().replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return p.strip("/")


def _walk(root: Path, extensions: tuple[str, ...],
          patterns: list[str]) -> Iterable[tuple[str, Path]]:
    """The files under ``root`` to lint, each with its :func:`_key` (from its folder's)."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(root).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir
        keep = []
        for name in sorted(dirnames):
            sub = here / name
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if name.startswith(".") or name in SKIPPED_DIRS or sub.is_symlink():
                continue
            if (sub / "pyvenv.cfg").exists() or excluded(rel, patterns):
                continue
            keep.append(name)
        dirnames[:] = keep
        folder = os.path.join(_key(here), "")
        for name in filenames:
            if not name.lower().endswith(extensions):
                continue
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if not (patterns and excluded(rel, patterns)):
                yield folder + name, here / name


def excluded(rel: str, patterns: Sequence[str]) -> bool:
    """Whether the ``/``-separated relative path ``rel`` matches one of the globs.

    A pattern matches the whole path (``drafts/*.md``; ``*`` also crosses ``/``), any
    folder above it (``drafts`` excludes everything under ``drafts/``), or, when it has no
    ``/``, any single part of the path (``*.draft.md``, ``archive``).
    """
    parts = rel.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    for pattern in patterns:
        if pattern.startswith("**/"):
            tail = pattern[3:]
            if any(fnmatchcase("/".join(parts[i:]), tail) for i in range(len(parts))):
                return True
        if any(fnmatchcase(p, pattern) for p in prefixes):
            return True
        if "/" not in pattern and any(fnmatchcase(part, pattern) for part in parts):
            return True
    return False
