"""factlint's folder in the user's cache directory, where per-user caches live.

The parser (:mod:`factlint.parse.lalr`), the unit table (:mod:`factlint.parse.units`) and the
read rule packs (:mod:`factlint.frame.lexicon`) are cached there, never in a repository or a
shared temp directory. This module imports nothing heavy, so that any of them can find the folder.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path


def user_cache_dir() -> Path:
    """factlint's folder in the user's cache directory (not created here):
    ``$XDG_CACHE_HOME/factlint``, ``~/.cache/factlint``, ``~/Library/Caches/factlint`` on
    macOS, ``%LOCALAPPDATA%\\factlint`` on Windows."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "factlint"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "factlint"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base_dir = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base_dir / "factlint"


def module_stamp(name: str) -> str:
    """Which copy of module ``name`` is installed (its file, modification time and size),
    found without importing it: part of the key of a cache made with its help."""
    spec = importlib.util.find_spec(name)
    origin = spec.origin if spec is not None else None
    if origin is None:
        return f"no {name}"
    try:
        st = os.stat(origin)
    except OSError:
        return origin
    return f"{origin}:{st.st_mtime_ns}:{st.st_size}"
