"""Module-level regexes compiled on first use, and their compiled form kept across runs.

Compiling the pipeline's ~120 module-level regexes costs about 70 ms of CPU a process (the
``re`` module parses and compiles a pattern in Python), and a pre-commit run over one changed
file uses about half of them. Two things make that nearly free:

- ``NAME = lazy_compile(globals(), "NAME", pattern, flags)`` puts a stand-in in the module;
  its first use compiles the pattern and puts the compiled pattern in its place in the
  module, so that every later use is the plain ``re.Pattern`` (no indirection). A reference
  taken before that first use keeps working through the stand-in.
- On CPython, what ``re`` compiles a pattern to (the regex engine's code words, its groups)
  is kept in the user's cache directory as JSON (``regex-<key>.json``, next to the parser of
  :mod:`factlint.parse.lalr`), keyed by the exact interpreter build and the engine's version; the
  next process hands it to the engine directly, as ``re`` itself does after compiling
  (``_sre.compile``, which checks the code it is given). Anything unexpected - another
  interpreter, a file that does not read back, an engine that refuses the code - means
  compiling with ``re.compile``, as without the cache.
"""

from __future__ import annotations

import array
import atexit
import base64
import hashlib
import importlib
import json
import re
import sys
from pathlib import Path
from typing import Any, cast

_FORMAT = 1  # bump when the cached form changes
_MAX_ENTRIES = 2000  # the file starts over past this (~120 patterns make a run)


class _Lazy:
    """Stands for a compiled regex until its first use (see the module)."""

    __slots__ = ("_args", "_compiled", "_name", "_namespace")

    def __init__(self, namespace: dict[str, Any], name: str, pattern: str, flags: int) -> None:
        self._namespace = namespace
        self._name = name
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, attr: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = _CODES.compile(*self._args)
            if self._namespace.get(self._name) is self:
                self._namespace[self._name] = compiled
        return getattr(compiled, attr)

    def __repr__(self) -> str:
        return f"lazy_compile({self._args[0]!r}, {self._args[1]!r})"


def lazy_compile(namespace: dict[str, Any], name: str, pattern: str,
                 flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """A stand-in for ``re.compile(pattern, flags)`` bound as ``name`` in ``namespace`` (a
    module's ``globals()``): compiled, and put in its place, on first use."""
    return cast("re.Pattern[str]", _Lazy(namespace, name, pattern, int(flags)))


def compile_cached(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, through the compiled-code cache (see the module): for
    a regex built at run time (from the grammar's terminals, from the packs)."""
    return _CODES.compile(pattern, int(flags))


# -------------------------------------------------------------- the compiled-code cache

#: One entry: flags as compiled, number of groups - 1, group names -> numbers, numbers ->
#: names, the code words (base64 of 32-bit words, native order: the file is per machine).
_Entry = tuple[int, int, dict[str, int], tuple[str | None, ...], str]


class _CodeCache:
    """The compiled form of regexes, kept in the user's cache directory (see the module)."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.entries: dict[str, Any] | None = None  # None: not read yet
        self.new: dict[str, _Entry] = {}
        self.enabled = _ENGINE is not None

    def compile(self, pattern: str, flags: int) -> re.Pattern[str]:
        """``re.compile(pattern, flags)``, from the cache when it holds the pattern."""
        if not self.enabled:
            return re.compile(pattern, flags)
        key = f"{flags}:{pattern}"
        try:
            found = self._read().get(key)
            if found is not None:
                try:
                    return _build(pattern, found)
                except Exception:  # a damaged entry: compiled again, and replaced, below
                    pass
            entry = _entry(pattern, flags)
            compiled = _build(pattern, entry)
        except Exception:  # an unexpected engine or file: what re itself makes
            return re.compile(pattern, flags)
        if not self.new:
            atexit.register(self.save)
        self.new[key] = entry
        return compiled

    def _read(self) -> dict[str, Any]:
        if self.entries is None:
            self.entries = {}
            self.path = _cache_path()
            try:
                raw = json.loads(self.path.read_text("utf-8"))
            except (OSError, ValueError):
                raw = None
            if isinstance(raw, dict) and raw.get("format") == _FORMAT \
                    and isinstance(raw.get("regexes"), dict):
                self.entries = raw["regexes"]
        return self.entries

    def save(self) -> None:
        """Add the patterns compiled in this process to the file (at exit)."""
        from factlint.util.atomic import write_text_atomic

        if not self.new or self.path is None:
            return
        try:
            current = json.loads(self.path.read_text("utf-8"))
            merged = current["regexes"] if current.get("format") == _FORMAT else {}
            if not isinstance(merged, dict):
                merged = {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            merged = {}
        if len(merged) + len(self.new) > _MAX_ENTRIES:  # patterns made from old facts files
            merged = {}
        merged.update(self.new)
        self.new = {}
        write_text_atomic(self.path, json.dumps({"format": _FORMAT, "regexes": merged},
                                                ensure_ascii=False), ".regex-")


def _engine() -> tuple[Any, Any, Any] | None:
    """CPython's regex engine and the ``re`` internals that compile for it, or None."""
    if sys.implementation.name != "cpython" or array.array("I").itemsize != 4:
        return None
    try:
        sre, parser, compiler = (importlib.import_module(name)
                                 for name in ("_sre", "re._parser", "re._compiler"))
    except ImportError:
        return None
    if getattr(sre, "CODESIZE", 0) != 4 or not all(
            hasattr(m, a) for m, a in ((sre, "compile"), (sre, "MAGIC"), (parser, "parse"),
                                       (compiler, "_code"))):
        return None
    return sre, parser, compiler


def _cache_path() -> Path:
    from factlint.util.usercache import user_cache_dir

    assert _ENGINE is not None
    key = hashlib.sha256(f"regex {_FORMAT}\n{sys.version}\n{sys.implementation.cache_tag}\n"
                         f"{_ENGINE[0].MAGIC}\n{sys.byteorder}".encode()).hexdigest()
    return user_cache_dir() / f"regex-{key[:24]}.json"


def _entry(pattern: str, flags: int) -> _Entry:
    """What ``re`` compiles ``pattern`` to (as ``re._compiler.compile`` computes it)."""
    assert _ENGINE is not None
    _, parser, compiler = _ENGINE
    parsed = parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    words = base64.b64encode(array.array("I", code).tobytes()).decode("ascii")
    return (flags | parsed.state.flags, parsed.state.groups - 1, groupindex,
            tuple(indexgroup), words)


def _build(pattern: str, entry: Any) -> re.Pattern[str]:
    """The pattern made from a cached entry (the engine checks the code it is given)."""
    assert _ENGINE is not None
    final_flags, groups, groupindex, indexgroup, words = entry
    code = array.array("I")
    code.frombytes(base64.b64decode(words, validate=True))
    compiled = _ENGINE[0].compile(pattern, int(final_flags), code.tolist(), int(groups),
                                  dict(groupindex), tuple(indexgroup))
    return cast("re.Pattern[str]", compiled)


_ENGINE = _engine()
_CODES = _CodeCache()
