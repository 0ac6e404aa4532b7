"""Offsets to 1-based lines and columns, computed once per file.

A file's text is indexed once (the offsets where its lines start); each lookup is then a
binary search. ``\\n``, ``\\r\\n`` and a lone ``\\r`` end a line, as in SARIF; no other
character does (``str.splitlines`` would also break on form feeds and U+2028, which would
put our lines out of step with every editor's). Columns count Unicode code points.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from factlint.model import Location

_NEWLINE = re.compile(r"\r\n|\r|\n")


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each line of ``text``, without its line ending.

    A text ending in a line break has no empty last line; ``""`` has one empty line.
    """
    pos = 0
    for m in _NEWLINE.finditer(text):
        yield pos, m.start()
        pos = m.end()
    if pos < len(text) or pos == 0:
        yield pos, len(text)


class LineIndex:
    """Line starts of one text; maps offsets to :class:`Location` and back."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        starts = [0]
        starts.extend(m.end() for m in _NEWLINE.finditer(text))
        self._starts = starts

    @property
    def line_count(self) -> int:
        """Number of lines (a final line break starts one more, empty, line)."""
        return len(self._starts)

    def _line_col(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self._length))
        i = bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def location(self, path: str, start: int, end: int) -> Location:
        """1-based line and column of offsets ``[start, end)`` in the text.

        Columns count code points; ``end_column`` is the column after the last character
        (so a span that ends with its line's last character ends one past it, on that line).
        """
        line, column = self._line_col(start)
        if end <= start:
            return Location(path, line, column, line, column)
        end_line, last_column = self._line_col(end - 1)
        return Location(path, line, column, end_line, last_column + 1)

    def offset(self, line: int, column: int = 1) -> int:
        """The offset of 1-based ``line`` and ``column``; the inverse of :meth:`location`.

        Raises ``ValueError`` for a line that the text does not have.
        """
        if not 1 <= line <= len(self._starts):
            raise ValueError(f"line {line} out of range 1..{len(self._starts)}")
        return min(self._starts[line - 1] + max(column, 1) - 1, self._length)
