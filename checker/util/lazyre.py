"""Module-level regexes compiled on first use.

Compiling the pipeline's ~120 module-level regexes costs about 70 ms of CPU a process (the
``re`` module parses and compiles a pattern in Python), and a pre-commit run over one changed
file uses about half of them. ``NAME = lazy_compile(globals(), "NAME", pattern, flags)`` puts
a stand-in in the module; its first use compiles the pattern with ``re.compile`` and puts the
compiled pattern in its place in the module, so that every later use is the plain
``re.Pattern`` (no indirection). A reference taken before that first use keeps working
through the stand-in.
"""

from __future__ import annotations

import re
from typing import Any, cast


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
            compiled = self._compiled = re.compile(*self._args)
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
