"""The project root: where paths in reports are relative to, and where config search stops.

The root is the folder of the config file, else the git root (the nearest folder above the
working directory holding ``.git``; found by walking up, no subprocess), else the working
directory. This module imports nothing heavy: the CLI uses it before the engine loads.
"""

from __future__ import annotations

import functools
import os
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
    try:
        resolved = _resolve(path)
    except (RuntimeError, OSError):  # a symlink loop: its own name is all it has
        resolved = Path(os.path.abspath(path))
    try:
        return resolved.relative_to(_real_folder(os.path.abspath(root))).as_posix()
    except ValueError:
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
        except ValueError:
            return resolved.as_posix()
