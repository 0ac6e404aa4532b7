"""What framing carries from a document into each sentence, and a framed statement.

:class:`DocContext` is the document a sentence belongs to and its one material;
:class:`Frame` is who and what a statement was found to be about, before its claim is made;
:class:`LazyPeriods` reads a sentence's stated periods and clause breaks once, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass

from factlint import periods
from factlint.frame import patterns as P
from factlint.model import Document, Mention, Period


@dataclass(frozen=True)
class DocContext:
    """What framing needs to know of the document a sentence belongs to."""

    doc: Document
    topic: str  # the document's one material, "" if none or several


@dataclass
class Frame:
    subject: str
    subject_text: str
    verb_measure: str
    measure: str
    measure_text: str
    end: int  # sentence index where the framed statement ends
    pending_rank: Mention | None = None  # "ranks third with <value> of <M>": M comes later
    shape: str = "pattern"  # what framed it: a regex pattern, or a statement-grammar rule


class LazyPeriods:
    """What framing reads of a whole sentence - the periods it states, its clause breaks -
    each scanned once, on first use (most sentences frame nothing)."""

    __slots__ = ("_breaks", "_found", "ascii", "ctx", "text")

    def __init__(self, text: str, ctx: DocContext) -> None:
        self.text, self.ctx = text, ctx
        self.ascii = text.isascii()  # then no Chinese frame
        self._found: list[tuple[int, int, Period]] | None = None
        self._breaks: list[tuple[int, int]] | None = None

    def get(self) -> list[tuple[int, int, Period]]:
        if self._found is None:
            self._found = periods.stated_periods(self.text, self.ctx.doc.date)
        return self._found

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The clause around [start, end) (as :func:`patterns.clause_bounds`)."""
        if self._breaks is None:
            self._breaks = P.clause_breaks(self.text)
        return P.bounds_in(self._breaks, len(self.text), start, end)
