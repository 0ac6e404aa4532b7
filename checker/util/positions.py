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
from itertools import accumulate

from factlint.model import Location

_NEWLINE = re.compile(r"\r\n|\r|\n")
#: One int object per line or column number below its length, shared by every location:
#: CPython caches only ints up to 256, and a run keeps two locations per claim (hundreds of
#: thousands at 100k articles), most of their columns above 256 (a paragraph is one line).
_SHARED = tuple(range(4096))
_SHARED_LEN = len(_SHARED)


def line_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each line of ``text``, without its line ending.

    A text ending in a line break has no empty last line; ``""`` has one empty line.
    """
    if "\r" not in text:  # the usual case: lines split in C
        lengths = [len(line) for line in text.split("\n")]
        if len(lengths) > 1 and lengths[-1] == 0:
            lengths.pop()  # the line break ends the text: no empty last line
        starts = list(accumulate([n + 1 for n in lengths], initial=0))
        starts.pop()  # where a line after the last would start
        return zip(starts, [start + n for start, n in zip(starts, lengths, strict=True)],
                   strict=True)
    return _line_spans_cr(text)


def _line_spans_cr(text: str) -> Iterator[tuple[int, int]]:
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
        if "\r" not in text:  # the usual case: line lengths from a split in C
            starts = list(accumulate([len(line) + 1 for line in text.split("\n")], initial=0))
            starts.pop()  # where a line after the text would start
        else:
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
        starts, length, shared, n = self._starts, self._length, _SHARED, _SHARED_LEN
        first = start if 0 <= start <= length else max(0, min(start, length))
        i = bisect_right(starts, first) - 1
        line, column = i + 1, first - starts[i] + 1
        if line < n:
            line = shared[line]
        if column < n:
            column = shared[column]
        if end <= start:
            return Location(path, line, column, line, column)
        last = end - 1 if 0 < end <= length + 1 else max(0, min(end - 1, length))
        if i + 1 < len(starts) and last >= starts[i + 1]:
            i = bisect_right(starts, last) - 1  # the span runs on to a later line
            end_line = i + 1 if i + 1 >= n else shared[i + 1]
        else:
            end_line = line
        end_column = last - starts[i] + 2
        if end_column < n:
            end_column = shared[end_column]
        return Location(path, line, column, end_line, end_column)

    def offset(self, line: int, column: int = 1) -> int:
        """The offset of 1-based ``line`` and ``column``; the inverse of :meth:`location`.

        Raises ``ValueError`` for a line that the text does not have.
        """
        if not 1 <= line <= len(self._starts):
            raise ValueError(f"line {line} out of range 1..{len(self._starts)}")
        return min(self._starts[line - 1] + max(column, 1) - 1, self._length)
