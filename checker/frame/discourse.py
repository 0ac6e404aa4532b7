"""What a sentence takes from the sentences before it in its paragraph and document.

- A sentence after a ``;`` that followed a part of a year ("Samsung shipped 60.6 million in
  the first quarter of 2025; global shipments rose 1.5% to 304.9 million") states no year:
  its figures of no stated period are the quarter's most likely, never a year's.
- A section heading of a part of a year ("Fourth quarter 2024 highlights", "## Q3 2024"):
  the figures under it of no stated period are that part's (:func:`section_periods`).
- A figure of no period beside its own earlier level of a stated year ("38%, up from 36% in
  2019", in a document of no date) is of some later period: not framed (no-period).
- A list's lead-in: the items of a list under "The company expects:" or a heading "Outlook"
  are plans (:func:`under_plans`).
- A change of no stated period after a ";" is of the one period the clause before it
  states.
- The sentence just before, in the same paragraph: a share "of the total" may take its total
  from it (:mod:`.portion`).
- The organisations a paragraph's claims so far are of: a title's entity is no bare
  measure's, nor its "the company", where the paragraph speaks of another ("IHG ... lifted
  RevPAR 1.8%. Revenue came to $4.92 billion" under a title naming Marriott); where they
  are one, a sentence opening with a measure a company reports of itself is that one's
  ("Northmere reported ... . Operating costs were flat at £2.2bn").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence

from factlint import periods
from factlint.frame.local import NO_SUBJECT
from factlint.frame.modality import introduces_plans
from factlint.model import Claim, Document, Period, Sentence


class Discourse:
    """The memory of one framer across the sentences of its documents, in order."""

    def __init__(self) -> None:
        #: a sentence that ended with ";" in a part of a year: (document, its end)
        self._part_of: tuple[Document, int] | None = None
        #: the organisations a paragraph's claims so far are of: (paragraph start, names)
        self._said: tuple[int, set[str]] | None = None
        #: the last sentence framed: (its document, its paragraph's start, the sentence, the
        #: periods it states if it ends with ";", else None)
        self._last: tuple[Document, int, Sentence, frozenset[Period] | None] | None = None

    def previous(self, doc: Document, sentence: Sentence, paragraph: int) -> Sentence | None:
        """The sentence right before ``sentence`` in its paragraph, if it holds figures."""
        if self._last is None or paragraph < 0:
            return None
        last_doc, last_paragraph, last, _ = self._last
        gap = sentence.start - (last.start + len(last.text))
        return last if last_doc is doc and last_paragraph == paragraph and 0 <= gap <= 2 \
            else None

    def in_part_of_year(self, doc: Document, sentence: Sentence) -> bool:
        """Whether ``sentence`` goes on, after a ";", from a part of a year."""
        return self._part_of is not None and self._part_of[0] is doc and \
            0 <= sentence.start - self._part_of[1] <= 2

    def after_semicolon(self, doc: Document, sentence: Sentence, paragraph: int,
                        claims: list[Claim]) -> list[Claim]:
        """``claims`` with the changes of no stated period given the one period of the
        clause before a ";" ("Rents rose 7.0% in the year to May 2025; London rents rose
        8.1%": 2025's too)."""
        if self._last is None or self.previous(doc, sentence, paragraph) is None:
            return claims
        said = self._last[3]  # (read when that sentence was remembered)
        if said is None or len(said) != 1 or not any(
                c.kind == "change" and not c.period.stated for c in claims):
            return claims
        (period,) = said
        return [dataclasses.replace(c, period=period)
                if c.kind == "change" and not c.period.stated else c for c in claims]

    def others_said(self, paragraph: int, entity: str) -> bool:
        """Whether the paragraph's claims so far are of an organisation other than
        ``entity``."""
        return self._said is not None and self._said[0] == paragraph and \
            bool(self._said[1] - {entity})

    def only_said(self, paragraph: int) -> str:
        """The one organisation the paragraph's claims so far are of, "" if none or several."""
        if self._said is None or self._said[0] != paragraph or len(self._said[1]) != 1:
            return ""
        return next(iter(self._said[1]))

    def after(self, doc: Document, sentence: Sentence, paragraph: int,
              claims: Sequence[Claim], places: Collection[str]) -> None:
        """Remember what ``sentence`` (of the paragraph starting at ``paragraph``, framed
        into ``claims``) says to the sentences after it."""
        text = sentence.text.rstrip()
        part_of = None
        said = None
        if text.endswith(";"):
            stated = periods.stated_periods(text, doc.date)
            if any(p.granularity != "year" for _, _, p in stated) or (
                    not stated and self.in_part_of_year(doc, sentence)):
                part_of = (doc, sentence.start + len(text))
            said = frozenset(p for _, _, p in stated if not p.projection)
        self._part_of = part_of
        self._last = (doc, paragraph, sentence, said)
        if self._said is None or self._said[0] != paragraph:
            self._said = (paragraph, set())
        self._said[1].update(c.subject for c in claims if c.subject not in places
                             and c.subject != NO_SUBJECT and c.shape != "restatement")


def under_plans(doc: Document, k: int) -> bool:
    """Whether the list item ``doc.segments[k]`` is one of a list of plans or forecasts: the
    segment before its list ends "... expects:" (or a heading over it says "Outlook"), or
    no words stand between the list and such a heading."""
    while k >= 0 and doc.segments[k].role == "list_item":
        k -= 1
    for j in (k, k - 1):
        if j < 0:
            return False
        lead = doc.segments[j]
        if introduces_plans(lead.text, lead.role):
            return True
        if lead.role == "heading" or not lead.text.rstrip().endswith(":"):
            return False
    return False


#: a section heading's last characters: never a sentence's end
_SENTENCE_END = frozenset(".!?:;,")


def _heading_like(doc: Document, k: int) -> bool:
    """A heading, or a short line of its own in plain text ("Fourth quarter 2024
    highlights"): a few words, no sentence's end, no figure."""
    seg = doc.segments[k]
    if seg.role == "heading":
        return True
    text = seg.text.strip()
    return seg.role == "paragraph" and 0 < len(text.split()) <= 8 and \
        text[-1] not in _SENTENCE_END and "\n" not in text


def section_periods(doc: Document) -> list[tuple[int, Period | None]]:
    """Each heading of ``doc`` (index of its segment) and the part of a year it states, if
    one ("## Q3 2024", "Fourth quarter 2024 highlights"): the figures under it of no stated
    period are that quarter's, never the year's (a heading of a year, or of no period, ends
    such a section)."""
    out: list[tuple[int, Period | None]] = []
    for k in range(len(doc.segments)):
        if not _heading_like(doc, k):
            continue
        stated = {p for _, _, p in periods.stated_periods(doc.segments[k].text, doc.date)
                  if not p.projection}
        part = next(iter(stated)) if len(stated) == 1 else None
        out.append((k, part if part is not None and part.granularity != "year" else None))
    return out


def in_section(sections: Sequence[tuple[int, Period | None]], k: int,
               claims: Sequence[Claim]) -> list[Claim]:
    """``claims`` of segment ``k``, those of no stated period given the part of a year of the
    section heading above them (:func:`section_periods`)."""
    period = None
    for j, part in sections:
        if j >= k:
            break
        period = part
    if period is None:
        return list(claims)
    return [dataclasses.replace(c, period=period) if not c.period.stated else c
            for c in claims]


def beside_earlier(claims: Sequence[Claim], why: dict[int, str]) -> list[Claim]:
    """``claims`` without a figure of no period whose statement gives its earlier level a
    year ("38% of commuters, up from 36% in 2019", in a document of no date): of some later
    period no one states, never comparable with that year's (``why``: no-period)."""
    earlier = {(c.subject, c.measure, c.kind) for c in claims
               if c.shape == "earlier_level" and c.period.years}
    if not earlier:
        return list(claims)
    out = []
    for c in claims:
        if (c.subject, c.measure, c.kind) in earlier and c.shape != "earlier_level" and \
                not c.period.years:
            why[c.mention.start] = "no-period"
            continue
        out.append(c)
    return out


def as_plans(claims: Sequence[Claim], why: dict[int, str]) -> list[Claim]:
    """The claims of a list item of plans (:func:`under_plans`) as projections of their
    stated years; one of no stated year is a plan with no year (``why``: no-period)."""
    for c in claims:
        if not c.period.stated:
            why[c.mention.start] = "no-period"
    return [dataclasses.replace(c, modality="projection", period=dataclasses.replace(
        c.period, projection=True)) for c in claims if c.period.stated]

