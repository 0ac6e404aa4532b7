"""Frame: turn a sentence's mentions into claims - who (subject), what (measure, kind), when.

A claim is built only from a recognised statement; every other mention stays unframed
(``factlint claims`` lists it, with the reason). For each sentence the :class:`Framer` tries,
in order: growth statements (:mod:`.growth`), the statement grammar over chunks
(:mod:`.chunks`, ``grammar/statement.lark``, :mod:`.statements`), then the regular-expression
frames of :mod:`.pattern_frames` for what those left. The measure key comes from
:meth:`Lexicon.measure_key`; periods from :mod:`factlint.periods`; modality from
:mod:`.modality`. Table cells are framed in :mod:`.table`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from factlint import periods
from factlint.frame import modality
from factlint.frame import patterns as P
from factlint.frame.chunks import DocNames, chunk, doc_names
from factlint.frame.context import DocContext, Frame, LazyPeriods
from factlint.frame.growth import growth_claims
from factlint.frame.lexicon import Lexicon
from factlint.frame.pattern_frames import PatternFrames
from factlint.frame.statements import statements
from factlint.model import (
    Claim,
    ClaimKind,
    Document,
    Location,
    Mention,
    Period,
    Sentence,
)
from factlint.util.bounded import BoundedMemo

#: whether the value at (start, end) of a sentence is asserted (a corpus repeats sentences)
_ASSERTED: BoundedMemo[tuple[str, int, int], bool] = BoundedMemo(32768)


class Framer(PatternFrames):
    """Frames the mentions of one document's sentences into claims."""

    def __init__(self, lexicon: Lexicon, locate: Callable[[int, int], Location]) -> None:
        self.lex = lexicon
        self.locate = locate
        self._names: tuple[Document, DocNames] | None = None
        self._why: dict[int, str] = {}  # mention start -> why it was not framed

    def names(self, doc: Document) -> DocNames:
        """What ``doc`` says about its names (aliases, its own entity), read once."""
        if self._names is None or self._names[0] is not doc:
            text = " ".join(s.text for s in doc.segments)
            self._names = (doc, doc_names(text, doc.title, "", self.lex))
        return self._names[1]

    # ------------------------------------------------------------- subjects
    def frame(self, sentence: Sentence, ctx: DocContext) -> tuple[list[Claim], Sentence]:
        """The claims of ``sentence``, and the sentence with the reason each mention that
        no claim frames stayed unframed (:data:`factlint.model.UNFRAMED_REASONS`)."""
        self._why = {}
        claims = self.frame_sentence(sentence, ctx)
        framed = {c.mention.start for c in claims}
        why = tuple((m.start, self._why.get(m.start) or self._unframed(sentence, m))
                    for m in sentence.mentions if m.start not in framed)
        return claims, dataclasses.replace(sentence, unframed=why)

    @staticmethod
    def _unframed(sentence: Sentence, mention: Mention) -> str:
        """Why no shape framed ``mention``, when no framing step said it."""
        if mention.kind in ("comparison", "multiple"):
            return "comparison"
        ms, me = mention.start - sentence.start, mention.end - sentence.start
        key = (sentence.text, ms, me)
        found = _ASSERTED.get(key)
        if found is None:
            lo, _ = P.clause_bounds(sentence.text, ms, me)
            found = _ASSERTED.remember(
                key, modality.modality(sentence.text, lo, ms, me) != "none")
        return "no-statement" if found else "not-asserted"

    def frame_sentence(self, sentence: Sentence, ctx: DocContext) -> list[Claim]:
        if sentence.table is not None:
            return []
        if not sentence.mentions:
            return []
        text = sentence.text
        stated = LazyPeriods(text, ctx)
        claims, handled = growth_claims(self, sentence, ctx)
        if len(handled) < len(sentence.mentions):  # the statement grammar first
            claims.extend(self._statement_claims(sentence, ctx, stated, set(handled)))
            handled = handled | {c.mention.start for c in claims}
        prev: Frame | None = None
        for mention in sentence.mentions:  # then the patterns, for what it left
            if mention.start in handled:
                prev = None
                continue
            ms, me = mention.start - sentence.start, mention.end - sentence.start
            claim, frame = self._frame_mention(text, ms, me, mention, prev, stated, ctx, sentence)
            if claim is not None:
                claims.append(claim)
                rank = frame.pending_rank if frame is not None else None
                if (frame is not None and rank is not None and prev is not None
                        and prev.pending_rank is rank):
                    rank_claim = self._claim(rank, "rank", frame, text,
                                             rank.start - sentence.start, frame.end, stated,
                                             ctx, sentence)
                    if rank_claim is not None:
                        claims.insert(len(claims) - 1, rank_claim)
                    frame.pending_rank = None
            prev = frame if frame is not None else (prev if claim is None and
                                                    mention.kind == "rank" else None)
        claims.sort(key=lambda c: c.mention.start)  # stable: a rank before its level
        return claims

    def _statement_claims(self, sentence: Sentence, ctx: DocContext, stated: LazyPeriods,
                          framed: set[int]) -> list[Claim]:
        """Claims of the statement grammar, for the mentions not in ``framed``."""
        text = sentence.text
        spans = tuple((m.start - sentence.start, m.end - sentence.start, m)
                      for m in sentence.mentions)
        names = self.names(ctx.doc)
        chunks = chunk(text, spans, self.lex, names)
        out: list[Claim] = []
        for f in statements(chunks, names.entity):
            mention = sentence.mentions[f.mention]
            if mention.start in framed:
                continue
            phrase = P.SHARE_OF_START.sub("", f.measure_text.strip())
            if P.ITS_THEIR.match(phrase):
                if " from " not in phrase and f.kind == "share":  # of the subject's own total
                    self._why.setdefault(mention.start, "no-measure")
                    continue
                phrase = phrase.split(None, 1)[1]  # "its imports from China", "its revenue"
            *head, last = phrase.split() or [""]
            if head and last.lower() in self.lex.verb_measures:  # "batteries installed"
                phrase = " ".join([*head, self.lex.verb_measures[last.lower()]])
            key = self.lex.measure_key(phrase, f.verb_measure, ctx.topic)
            if key is None or not f.subject:
                self._why.setdefault(mention.start, "no-measure")
                continue
            key += self._scope(text, mention.start - sentence.start, f.subject, stated)
            if f.kind == "change":
                mention = P.signed(mention, f.down)
            kind: ClaimKind = f.kind  # type: ignore[assignment]
            frame = Frame(f.subject, f.subject_text, f.verb_measure, key, f.measure_text, f.end,
                           shape=f.shape)
            claim = self._claim(mention, kind, frame, text, f.start, f.end, stated, ctx, sentence)
            if claim is not None:
                out.append(claim)
                framed.add(mention.start)
                if f.subject in self.lex.places and not self.lex.is_total(f.subject):
                    names.place = f.subject  # what "the country" stands for next
        return out

    def subject_before(self, text: str, end: int) -> tuple[str, str] | None:
        """The subject whose name ends at ``end`` (for the other framing modules)."""
        return self._subject_before(text, end)

    def make_claim(
        self, mention: Mention, kind: ClaimKind, subject: tuple[str, str], measure: str,
        text: str, start: int, end: int, ctx: DocContext, sentence: Sentence, *years: int,
    ) -> Claim | None:
        """A claim whose period the statement itself fixes (``from 10 GWh in 2024 to ...``)."""
        ms, me = mention.start - sentence.start, mention.end - sentence.start
        lo, _ = P.clause_bounds(text, ms, me)
        if modality.modality(text, lo, ms, me) == "none":
            return None
        today = ctx.doc.date.year if ctx.doc.date is not None else None
        projection = today is not None and max(years) > today
        period = Period(frozenset(years), stated=True, projection=projection)
        return Claim(
            mention=mention, location=self.locate(sentence.start + start, sentence.start + end),
            text=" ".join(text[start:end].split()), subject=subject[0], measure=measure,
            kind=kind, period=period, doc_index=ctx.doc.index,
            modality="projection" if projection else "fact",
            in_title=sentence.role == "title", subject_text=subject[1], measure_text=measure,
            shape="growth",
        )

    def _claim(
        self, mention: Mention, kind: ClaimKind, frame: Frame, text: str, start: int,
        end: int, stated: LazyPeriods, ctx: DocContext, sentence: Sentence,
    ) -> Claim | None:
        ms, me = mention.start - sentence.start, mention.end - sentence.start
        clause_lo, clause_hi = stated.bounds(ms, me)
        reading = modality.modality(text, clause_lo, ms, me)
        if reading == "none":
            self._why[mention.start] = "not-asserted"
            return None
        found = stated.get()
        # a period after an earlier value ("from 1.2 Mt in 2023") is that value's; after a
        # value the statement goes on to ("rose 6.3% to 316 million in Q3 2024") it is the
        # whole statement's
        others = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions
                  if m.start != mention.start and P.FROM_BEFORE.search(
                      text, max(0, m.start - sentence.start - 24), m.start - sentence.start)
                  ] if found else []  # only a stated period needs them
        period = periods.period_for(found, ms, me, clause_lo, clause_hi, ctx.doc.date, others)
        if period is None:
            self._why[mention.start] = "no-period"
            return None
        if reading == "projection" and not period.projection:
            if not period.stated:
                self._why[mention.start] = "no-period"
                return None  # a plan with no year: nothing to compare it with
            period = Period(period.years, period.granularity, period.part, True, True)
        start = min(start, ms)
        claim_text = " ".join(text[start:end].split())  # a claim may span wrapped lines
        return Claim(
            mention=mention,
            location=self.locate(sentence.start + start, sentence.start + end),
            text=claim_text,
            subject=frame.subject,
            measure=frame.measure,
            kind=kind,
            period=period,
            doc_index=ctx.doc.index,
            modality="projection" if period.projection else
            ("estimate" if reading == "estimate" else "fact"),
            in_title=sentence.role == "title",
            subject_text=frame.subject_text,
            measure_text=frame.measure_text,
            shape=frame.shape,
        )
