"""A report's text on its way out: kept in memory while small, in a temporary file past a
limit, then copied to its destination in chunks.

The whole report is written before any of it is shown, so a reporter that fails halfway can
be replaced by the text report. Held in an ``io.StringIO``, a report of 160,000 findings
(300 MB of JSON at 100k articles) cost about three times its size at its peak (the buffer,
``getvalue()``'s copy, the encoded bytes); a spool costs at most :data:`LIMIT` characters
of memory whatever the report's size, and writes the same characters.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TextIO

#: Characters kept in memory before the spool moves to a temporary file.
LIMIT = 1 << 20
#: Characters copied to the destination at a time.
CHUNK = 1 << 20


class Spool(io.TextIOBase, TextIO):
    """A write-only text stream that holds what is written until :meth:`copy_to`."""

    def __init__(self, limit: int | None = None) -> None:
        super().__init__()
        self._memory: io.StringIO | None = io.StringIO()
        self._size = 0
        self._limit = LIMIT if limit is None else limit
        self._file: TextIO | None = None

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        """Append ``text``; return its length."""
        if self._memory is None:
            if self._file is None:
                raise ValueError("write to a closed spool")
            return self._file.write(text)
        self._size += self._memory.write(text)  # a TypeError for what is not a str
        if self._size > self._limit:
            import tempfile  # only for a large report: not on every run's start-up path

            # any str round-trips (surrogatepass), and no newline is translated on the way
            self._file = tempfile.TemporaryFile(  # noqa: SIM115 - closed by close()
                "w+", encoding="utf-8", errors="surrogatepass", newline="")
            self._file.write(self._memory.getvalue())
            self._memory = None
        return len(text)

    def getvalue(self) -> str:
        """Everything written so far (the whole report in memory: for small reports)."""
        if self._memory is not None:
            return self._memory.getvalue()
        out = io.StringIO()
        self.copy_to(out)
        return out.getvalue()

    def copy_to(self, out: TextIO) -> None:
        """Write everything written so far to ``out``, a chunk at a time."""
        if self._memory is not None:
            out.write(self._memory.getvalue())
            return
        if self._file is None:
            raise ValueError("copy of a closed spool")
        self._file.flush()
        self._file.seek(0)
        while chunk := self._file.read(CHUNK):
            out.write(chunk)
        self._file.seek(0, io.SEEK_END)

    def close(self) -> None:
        """Drop what was written (and the temporary file)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._memory = None
        super().close()


def deliver(spool: Spool, output: Path | None, stdout: TextIO) -> None:
    """Copy the spool to ``output`` (UTF-8, as ``Path.write_text`` writes) or to ``stdout``
    (then flushed), and close it. ``OSError`` from opening or writing ``output`` propagates."""
    try:
        if output is None:
            spool.copy_to(stdout)
            stdout.flush()
            return
        with output.open("w", encoding="utf-8") as f:
            spool.copy_to(f)
    finally:
        spool.close()
