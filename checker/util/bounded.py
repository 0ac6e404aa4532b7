"""A memo of a pure function whose memory stays bounded: emptied whenever it is full.

Emptying at once (rather than evicting the least recently used entry) keeps a lookup a plain
``dict`` lookup, which is what the hot paths that use it (one call per word, figure or
sentence) can afford; a corpus re-fills it with what recurs.
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedMemo(dict[K, V]):
    """A dict of remembered answers that holds at most ``size`` of them."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def remember(self, key: K, value: V) -> V:
        """Store ``value`` for ``key`` (emptying the memo first when it is full); return it."""
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value
