"""Reading a rule pack or a facts file: YAML, safely; the plugins' packs cached as JSON.

A pack is a YAML mapping of sections (places, materials, synonyms...). The plugins' own
packs (shipped as code is) are read with libyaml's C loader, and what it read is kept as
JSON in the user's cache directory (next to the parser of :mod:`factlint.parse.lalr`), under a
hash of the pack's bytes, of the installed PyYAML and of the cache format: a run whose packs
are unchanged reads that JSON and does not import ``yaml`` at all. A pack whose content
JSON cannot hold exactly (a date, a key that is not a string) is not cached. Users' facts
files are read with the Python loader every time (a hostile file nested some 30,000 levels
deep crashes the C loader; the Python one turns it into an error).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from factlint.errors import UsageError
from factlint.util.atomic import write_text_atomic

_FORMAT = 1  # bump when the cached form changes
_LIST_SECTIONS = frozenset({"places", "materials", "synonyms", "generic_heads", "scope_words",
                            "measure_nouns", "reference", "aliases", "link_verbs",
                            "follow_words", "entity_pronouns", "legal_forms", "clause_breaks",
                            "measure_heads", "place_pronouns", "region_pronouns", "measure_noise",
                            "added_measures", "counted_measures", "name_suffixes",
                            "own_measures", "market_words", "measure_phrases",
                            "spent_measures", "anaphoric_measures", "role_nouns",
                            "unranked_words"})


def read_pack(path: str | Path, *, trusted: bool = False,
              cache_dir: Path | None = None) -> dict[str, Any]:
    """Read one YAML pack safely; a pack that does not parse is a usage error.

    ``trusted`` packs (the plugins' own) are read with libyaml's C loader, ten times faster,
    and cached (``cache_dir``, default the user's cache directory); a user's facts file with
    the Python loader, uncached.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}:1: cannot read this facts file: {exc.strerror or exc}") from exc
    try:
        cached_at = _cache_path(raw, cache_dir) if trusted else None
    except (OSError, RuntimeError):  # no home folder to find the cache in: read the YAML
        cached_at = None
    data = _read_cached(cached_at) if cached_at is not None else None
    if data is None:
        data = _parse(path, raw, trusted)
        if cached_at is not None and _json_exact(data):
            write_text_atomic(cached_at, json.dumps(data, ensure_ascii=False), ".pack-")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}:1: a facts file must be a mapping of sections")
    for section in _LIST_SECTIONS & data.keys():
        if not isinstance(data[section], list | type(None)):
            raise UsageError(f"{path}:1: `{section}` must be a list")
    return data


def _parse(path: str | Path, raw: bytes, trusted: bool) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if trusted else yaml.SafeLoader
    text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text
    try:
        return yaml.load(text, Loader=loader)
    except RecursionError as exc:
        raise UsageError(f"{path}:1: facts file does not parse: nested too deeply") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise UsageError(f"{path}:{line}: facts file does not parse: {problem}") from exc


def _cache_path(raw: bytes, directory: Path | None) -> Path:
    from factlint.util.usercache import module_stamp, user_cache_dir

    h = hashlib.sha256(f"pack {_FORMAT}\n{module_stamp('yaml')}\n".encode())
    h.update(raw)
    folder = user_cache_dir() if directory is None else directory
    return folder / f"pack-{h.hexdigest()[:24]}.json"


def _read_cached(path: Path) -> dict[str, Any] | None:
    """The cached content of a pack, or None (absent, unreadable or not a pack's JSON)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _json_exact(data: Any) -> bool:
    """Whether JSON gives ``data`` back exactly: only dicts with string keys, lists, strings,
    integers, booleans, finite floats and None (YAML may also give dates, or keys that are
    numbers)."""
    if data is None or isinstance(data, str | bool | int):
        return True
    if isinstance(data, float):
        return data == data and data not in (float("inf"), float("-inf"))
    if isinstance(data, list):
        return all(_json_exact(v) for v in data)
    if isinstance(data, dict):
        return all(isinstance(k, str) and _json_exact(v) for k, v in data.items())
    return False
