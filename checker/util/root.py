"""The project root: where paths in reports are relative to, and where config search stops.

The root is the folder of the config file, else the git root (the nearest folder above the
working directory holding ``.git``; found by walking up, no subprocess), else the working
directory. This module imports nothing heavy: the CLI uses it before the engine loads.
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path


def find_git_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder or a file), if any."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def project_root(config_file: Path | None, cwd: Path) -> Path:
    """The folder of the config file, else the git root above ``cwd``, else ``cwd``."""
    if config_file is not None:
        return config_file.resolve().parent
    return find_git_root(cwd) or cwd.resolve()


@functools.lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    """A folder's real path, resolved once per run (a corpus has few folders, many files)."""
    return os.path.realpath(folder)


def _resolve(path: Path) -> Path:
    absolute = os.path.abspath(path)
    if os.path.islink(absolute):
        return Path(os.path.realpath(absolute, strict=True))
    folder, name = os.path.split(absolute)
    return Path(_real_folder(folder), name)


def display_path(path: Path, root: Path) -> str:
    """``path`` as reports show it: relative to ``root`` with ``/``, else absolute."""
    if os.sep != "/" or os.altsep:  # Windows: Path compares the parts case-insensitively
        return _display_path_parts(path, root)
    absolute = os.path.abspath(path)
    try:
        if os.path.islink(absolute):
            resolved = os.path.realpath(absolute, strict=True)
        else:
            folder, name = os.path.split(absolute)
            resolved = os.path.join(_real_folder(folder), name)
    except (RuntimeError, OSError):  # a symlink loop: its own name is all it has
        resolved = absolute
    base = os.path.abspath(root)
    rel = _relative(resolved, _real_folder(base))
    if rel is None:
        rel = _relative(absolute, base)
    return resolved if rel is None else rel


def display_paths(paths: Iterable[Path], root: Path) -> list[str]:
    """:func:`display_path` of each of ``paths`` (the files of one walk share few folders:
    each folder is resolved once, each file only checked for being a link)."""
    if os.sep != "/" or os.altsep:
        return [display_path(p, root) for p in paths]
    base = os.path.abspath(root)
    real_base = _real_folder(base)
    given = list(paths)
    split = [os.path.split(os.fspath(path)) for path in given]
    many = Counter(folder for folder, _name in split)
    folders: dict[str, str | None] = {}  # folder as given -> its display path, if under root
    links: dict[str, frozenset[str] | None] = {}  # folder -> names of its links (None: ask)
    out: list[str] = []
    for path, (folder, name) in zip(given, split, strict=True):
        rel = folders.get(folder, "")
        if rel == "":
            absolute = os.path.abspath(folder) if folder else os.getcwd()
            rel = folders[folder] = _relative(_real_folder(absolute), real_base)
            links[folder] = _links_in(folder) if many[folder] >= LIST_FOLDER_FROM else None
        if rel is None or name in ("", ".", ".."):
            out.append(display_path(path, root))
            continue
        known = links[folder]
        if os.path.islink(path) if known is None else name in known:
            out.append(display_path(path, root))
        else:
            out.append(name if rel == "." else f"{rel}/{name}")
    return out


#: A folder holding at least this many of the paths is listed once to learn which of its
#: entries are links (one directory read instead of one ``lstat`` per file).
LIST_FOLDER_FROM = 16


def _links_in(folder: str) -> frozenset[str] | None:
    """The names of the symbolic links in ``folder`` (None if it cannot be listed)."""
    try:
        with os.scandir(folder or ".") as entries:
            return frozenset(entry.name for entry in entries if entry.is_symlink())
    except OSError:
        return None


def _relative(path: str, base: str) -> str | None:
    """``path`` relative to the folder ``base`` (both absolute and normal), if under it."""
    if path == base:
        return "."
    prefix = base if base.endswith("/") else base + "/"
    return path[len(prefix):] if path.startswith(prefix) else None


def _display_path_parts(path: Path, root: Path) -> str:
    try:
        resolved = _resolve(path)
    except (RuntimeError, OSError):
        resolved = Path(os.path.abspath(path))
    try:
        return resolved.relative_to(_real_folder(os.path.abspath(root))).as_posix()
    except ValueError:
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
        except ValueError:
            return resolved.as_posix()
