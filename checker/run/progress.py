"""A progress bar on stderr for long runs in a terminal, and nowhere else.

Shown only when the report is text on a terminal (stdout and stderr are both TTYs, no
``--output``) and the run has more than :data:`MIN_FILES` files; machine formats and pipes
never see it. The bar is erased when the run ends, so the report starts on a clean line.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

MIN_FILES = 300
WIDTH = 30
INTERVAL = 0.1  # seconds between redraws

Tick = Callable[[int], None]


def wanted(report_format: str, to_file: bool, stdout: TextIO | None = None,
           stderr: TextIO | None = None) -> bool:
    """Whether a bar may be drawn at all for this run."""
    out = sys.stdout if stdout is None else stdout
    err = sys.stderr if stderr is None else stderr
    if report_format != "text" or to_file:
        return False
    return _isatty(out) and _isatty(err)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Bar:
    """``[#####.....]  512/10000 files``, redrawn at most every :data:`INTERVAL` seconds."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self._last = 0.0

    def __call__(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if now - self._last >= INTERVAL or self.done >= self.total:
            self._last = now
            self.draw()
        if self.done >= self.total:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def draw(self) -> None:
        """Write the bar, overwriting the previous one."""
        filled = WIDTH * self.done // max(self.total, 1)
        bar = "#" * filled + "." * (WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} files")
        self.stream.flush()


def progress_for(report_format: str, to_file: bool) -> Callable[[int], Tick] | None:
    """What ``engine.run(progress=...)`` takes: None when no bar may be drawn."""
    if not wanted(report_format, to_file):
        return None

    def start(total: int) -> Tick:
        if total <= MIN_FILES:
            return _nothing
        return Bar(total, sys.stderr)

    return start


def _nothing(n: int) -> None:
    return None
