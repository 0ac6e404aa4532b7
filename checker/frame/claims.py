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

import bisect
import dataclasses
import re
from collections.abc import Callable

from factlint import periods
from factlint.frame import modality
from factlint.frame import patterns as P
from factlint.frame.arithmetic import arithmetic_claims
from factlint.frame.chunks import OF_THEM, chunk, may_name_entity
from factlint.frame.compare import compared, comparisons_after
from factlint.frame.context import DocContext, Frame, LazyPeriods
from factlint.frame.discourse import (
    Discourse,
    as_plans,
    beside_earlier,
    in_section,
    section_periods,
    under_plans,
)
from factlint.frame.growth import growth_claims
from factlint.frame.home import home_scope, market_of
from factlint.frame.lexicon import Lexicon, normalise_phrase
from factlint.frame.measure_keys import (
    UNKNOWN_PLACE,
    composition_key,
    is_own_measure,
    names_its_own,
    opens_own_measure,
    own_whole,
    spent_on,
)
from factlint.frame.names import ANTECEDENT_REACH, DocNames, antecedent, organisations
from factlint.frame.noun_phrases import IRREGULAR_PARTICIPLES
from factlint.frame.pattern_frames import PatternFrames
from factlint.frame.reader import MARKET, Framed, ratio_measure
from factlint.frame.statements import statements
from factlint.frame.titles import doc_names, title_place
from factlint.model import (
    Claim,
    ClaimKind,
    Document,
    Location,
    Mention,
    Period,
    Segment,
    Sentence,
    is_money,
)
from factlint.util.bounded import BoundedMemo
from factlint.util.lazyre import lazy_compile

#: whether the value at (start, end) of a sentence is asserted (a corpus repeats sentences)
_ASSERTED: BoundedMemo[tuple[str, int, int], bool] = BoundedMemo(32768)


#: the entity a sentence is chunked with to see whether it refers to one at all
_SOMEONE = "\x00someone"
#: a reporting verb: "X said (on Thursday) that it ..." makes X what "it" stands for
_REPORTED = lazy_compile(
    globals(), "_REPORTED", r"\b(?:said|says|announced|announces|reported|reports|told|"
    r"stated|confirmed|confirms|added|adds)\b")


#: what follows an organisation that is the subject of its sentence or owns what follows
_SPEAKS = lazy_compile(
    globals(), "_SPEAKS",
    r"['’]s\b|\s+(?:says|said|reported|reports|announced|announces|told|expects|plans|has|had|"
    r"is|was)\b")
#: words before "its 2024 ..." that make the year the figure's ("in its 2024 fiscal year")
_PREPOSITIONS = frozenset({"in", "for", "of", "during", "over", "through", "across", "by"})
#: the first person: a company speaking of itself
_WE = lazy_compile(globals(), "_WE", r"\b(?:[Ww]e|[Oo]ur|us)\b")


#: a paragraph opening with a part of the document's entity: "Terminals, the group's port
#: business, had a record year."
_SEGMENT = lazy_compile(
    globals(), "_SEGMENT",
    r"([A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,3})(?:,|\s+(?:is|was|remains|remained|became)"
    r"(?:\s+(?:now|again|still))?)\s+(?:the\s+(?:group|company|firm)['’]s|its|our)"
    r"\s+(?:[\w-]+\s+){0,4}?(?:business|arm|unit|division|segment|subsidiary|operations?)\b")



class Framer(PatternFrames):
    """Frames the mentions of one document's sentences into claims."""

    def __init__(self, lexicon: Lexicon, locate: Callable[[int, int], Location]) -> None:
        self.lex = lexicon
        self.locate = locate
        self._names: tuple[Document, DocNames] | None = None
        self._title_period: tuple[Document, Period | None] | None = None
        self._starts: tuple[Document, list[int]] | None = None  # each segment's start
        self._sections: tuple[Document, list[tuple[int, Period | None]]] | None = None
        self._why: dict[int, str] = {}  # mention start -> why it was not framed
        self._discourse = Discourse()  # what a sentence takes from the ones before it
        #: the last statement's paragraph, subject and measure key ("Output rose 2%" goes on)
        self._last: tuple[int, str, str] | None = None
        #: the paragraph of the last share framed, its measure phrase, verb measure, subject
        self._last_share: tuple[int, str, str, str] | None = None

    def names(self, doc: Document) -> DocNames:
        """What ``doc`` says about its names (aliases, its own entity), read once."""
        if self._names is None or self._names[0] is not doc:
            text = " ".join(s.text for s in doc.segments)
            heading = next((s.text for s in doc.segments if s.role == "heading"), "")
            self._names = (doc, doc_names(text, doc.title, doc.entity, self.lex, heading))
        return self._names[1]

    def title_period(self, doc: Document) -> Period | None:
        """The one period shorter than a year that ``doc``'s title states ("results for the
        half year to 30 June 2025", "Seatwise posts record third quarter"): what its figures
        of no stated period are of, rather than a year; None for any other title."""
        if self._title_period is None or self._title_period[0] is not doc:
            found = {p for _s, _e, p in periods.stated_periods(doc.title, doc.date)}
            one = found.pop() if len(found) == 1 else None
            self._title_period = (doc, dataclasses.replace(one, stated=False) if one is not None
                                  and one.granularity != "year" and not one.projection else None)
        return self._title_period[1]

    # ------------------------------------------------------------- subjects
    def frame(self, sentence: Sentence, ctx: DocContext) -> tuple[list[Claim], Sentence]:
        """The claims of ``sentence``, and the sentence with the reason each mention that
        no claim frames stayed unframed (:data:`factlint.model.UNFRAMED_REASONS`)."""
        self._why = {}
        claims = beside_earlier(self.frame_sentence(sentence, ctx), self._why)
        if self._discourse.in_part_of_year(ctx.doc, sentence):
            # "Samsung shipped 60.6 million in the first quarter; global shipments rose 1.5%":
            # the quarter's figures most likely, never a year's
            for c in claims:
                if not c.period.stated:
                    self._why[c.mention.start] = "no-period"
            claims = [c for c in claims if c.period.stated]
        k = self._segment_index(ctx.doc, sentence.start)
        if claims and k >= 0:  # under "Fourth quarter 2024 highlights": the quarter's
            if self._sections is None or self._sections[0] is not ctx.doc:
                self._sections = (ctx.doc, section_periods(ctx.doc))
            claims = in_section(self._sections[1], k, claims)
        if sentence.role == "list_item" and claims and under_plans(ctx.doc, k):
            claims = as_plans(claims, self._why)  # "The company expects: - revenue of ..."
        para = ctx.doc.segments[k].start if k >= 0 else -1
        claims = self._discourse.after_semicolon(ctx.doc, sentence, para, claims)
        self._discourse.after(ctx.doc, sentence, para, claims, self.lex.places)
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
        paragraph = self._paragraph(ctx.doc, sentence)
        claims, handled = growth_claims(self, sentence, ctx)
        if len(handled) < len(sentence.mentions):  # the statement grammar first
            claims.extend(self._statement_claims(sentence, ctx, stated, set(handled),
                                                 paragraph))
            handled = handled | {c.mention.start for c in claims}
        prev: Frame | None = None
        # (a sentence of "respectively" pairs names and values in order: the grammar's
        # shape reads it, or nothing does; a pattern would give one name every value)
        respectively = P.RESPECTIVELY.search(text) is not None
        for mention in sentence.mentions:  # then the patterns, for what it left
            if mention.start in handled or respectively:
                prev = None
                continue
            ms, me = mention.start - sentence.start, mention.end - sentence.start
            if OF_THEM.match(text, me):  # "Guinea supplied nearly 100 Mt of that":
                self._why.setdefault(mention.start, "no-statement")  # a part of the figure
                prev = None  # before, whose measure the pattern cannot see
                continue
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
        handled = handled | {c.mention.start for c in claims}  # "..., twice as many as B"
        claims.extend(comparisons_after(sentence, claims, handled, self.lex))
        previous = self._discourse.previous(ctx.doc, sentence,
                                            paragraph.start if paragraph else -1)
        # figures checking figures
        claims.extend(arithmetic_claims(self, sentence, ctx, claims, previous))
        claims.sort(key=lambda c: c.mention.start)  # stable: a rank before its level
        return claims

    def _statement_claims(self, sentence: Sentence, ctx: DocContext, stated: LazyPeriods,
                          framed: set[int], paragraph: Segment | None) -> list[Claim]:
        """Claims of the statement grammar, for the mentions not in ``framed``; ``paragraph``
        is the segment that holds ``sentence``."""
        text = sentence.text
        spans = tuple((m.start - sentence.start, m.end - sentence.start, m)
                      for m in sentence.mentions)
        para = paragraph.start if paragraph is not None else -1
        found, topic = self._read(sentence, spans, ctx, paragraph)
        out: list[Claim] = []
        before = set(framed)  # framed by growth statements
        each: set[tuple[int, str]] = set()  # "Russia and Saudi Arabia for 8% each": both
        fronted = P.FRONTED_SCOPE.match(text)  # "In skincare, ...": of that part, each figure
        fronted_in = fronted.group(1) if fronted is not None else None  # ("In skincare,"
        # scopes a named measure only; "Onshore," a verb's too)
        market: str | None = None  # whose a figure no one is named for is (once a sentence)
        for f in found:
            mention = sentence.mentions[f.mention]
            whole = f.subject == MARKET
            if whole:  # "Foldable phone shipments reached 19.8 million units"
                if f.kind != "level" or mention.value is None or \
                        mention.value.dimension != "count":  # a count only: not a share
                    # ("Contactless payments made up 81% of card transactions": a part's),
                    # nor a price or rate ("Freight rates for the route were quoted near $8
                    # a tonne": of one route), nor a change of either
                    self._why.setdefault(mention.start, "no-statement")
                    continue
                if market is None:
                    market = market_of(self.lex, self.names(ctx.doc), ctx.doc.title,
                                       sentence, paragraph, f.start)
                if not market:
                    self._why.setdefault(mention.start, "no-statement")
                    continue
                f = dataclasses.replace(f, subject=market)
            if mention.start in before or (mention.start, f.subject) in each or (
                    mention.start in framed and f.shape != "list_item"):
                continue
            each.add((mention.start, f.subject))
            # "up from 38 million in 2023 / a year earlier": the earlier level's own period
            shift = self._earlier(text, mention.end - sentence.start, stated) \
                if f.shape == "earlier_level" else 0
            colon = P.YEAR_COLON.search(text, 0, mention.start - sentence.start) \
                if f.shape == "earlier_bracket" else None  # "(2023: £71.4bn)": that year's
            if f.shape == "earlier_bracket" and colon is None:
                continue  # (no year before its colon: of no period it says)
            if f.part and not f.composition and own_whole(self.lex, f.measure_text) and \
                    normalise_phrase(f.part) != normalise_phrase(f.measure_text):
                f = dataclasses.replace(  # "food and paper costs were 30.8% of sales": a
                    f, measure_text=f"{f.part} share of {f.measure_text}", composition=True)
                # ratio inside the company, never its share of a market
            if f.composition:  # "Coal accounted for 35% of Poland's power"
                key = composition_key(self.lex, f.measure_text)
                if key is not None and shift <= 0:
                    key += self._scope(text, mention.start - sentence.start, f.subject, stated)
                    frame = Frame(f.subject, f.subject_text, "", key, f.measure_text, f.end,
                                  shape=f.shape)
                    claim = self._claim(mention, "share", frame, text, f.start, f.end, stated,
                                        ctx, sentence, shift)
                    if claim is not None:
                        out.append(claim)
                        framed.add(mention.start)
                continue
            phrase = P.SHARE_OF_START.sub("", f.measure_text.strip())
            if f.kind == "change" and phrase != f.measure_text.strip():
                self._why.setdefault(mention.start, "no-measure")  # "The US share of China's
                continue  # soybean imports fell 12.5%": the share's change, not the imports'
            if f.kind == "share" and P.OUR.match(phrase):
                self._why.setdefault(mention.start, "no-measure")  # "more than half of our
                continue  # international students": of the speaker's own total
            if P.ITS_THEIR.match(phrase):
                if " from " not in phrase and f.kind == "share":  # of the subject's own total
                    self._why.setdefault(mention.start, "no-measure")
                    continue
                phrase = phrase.split(None, 1)[1]  # "its imports from China", "its revenue"
            first, *rest = phrase.split() or [""]
            if any(w.lower() in self.lex.verb_measures for w in rest):
                # "batteries installed", "PCs shipped worldwide": the participle's measure
                phrase = " ".join([first, *(
                    self.lex.verb_measures.get(w.lower(), w) if w.lower().endswith("ed")
                    or w.lower() in IRREGULAR_PARTICIPLES else w for w in rest)])
            if phrase and f.verb_measure in self.lex.spent_measures and (
                    f.kind == "share" or f.shape == "coordinated"):
                self._why.setdefault(mention.start, "no-measure")  # "spent 27% of net sales
                continue  # on advertising, about $4.3 billion": money spent, measured against
                # the sales, which are neither
            part = (fronted.group(1) or fronted.group(2).lower()) if fronted is not None else ""
            if part and (phrase or part != fronted_in) and part not in phrase.lower():
                phrase = f"{part} {phrase}".strip()  # "In skincare, ... sales of $27bn";
                # "Onshore, Europe installed 13.8 GW": onshore installations
            on = spent_on(text, mention.end - sentence.start) \
                if not phrase and f.verb_measure in self.lex.spent_measures else ""
            # ("spends about $40 million a year on esports": esports spending)
            verb = self.verb_measure_for(f.verb_measure, text, f.start,
                                         mention.start - sentence.start, phrase, topic)
            key = self.lex.measure_key(on or phrase, verb, topic)
            if key is None and self._last is not None and self._last[0] == para:
                # "Lenovo took 26% of shipments": of what the paragraph is measuring
                key = self.lex.measure_key(phrase, f.verb_measure,
                                           self.lex.main_material(self._last[2])[0] or topic)
            if f.shape == "comparison_statement":  # "twice Indonesia's": a ratio, FC302's
                as_compared = compared(mention, f.target, f.subject,
                                       text[mention.end - sentence.start:])
                if as_compared is None:
                    continue
                mention = as_compared
                key = key or "figure"  # (FC302 finds what both sides state in common)
            if key is None or not f.subject or f.subject == UNKNOWN_PLACE or (
                    not phrase and f.kind == "level" and f.verb_measure and names_its_own(
                        self.lex, text, mention.end - sentence.start, f.verb_measure)) or (
                    not phrase and f.verb_measure in self.lex.counted_measures and
                    mention.value is not None and is_money(mention.value.dimension)):
                self._why.setdefault(mention.start, "no-measure")  # (or "earned €85m in
                continue  # UEFA prize money": of a part its verb does not measure; or
                # "made £13.2bn": money its verb never counts)
            if f.kind == "rank" and P.HAS_BEFORE.search(text, 0, mention.start - sentence.start) \
                    and P.NOT_SIZE.search(mention.text):
                self._why.setdefault(mention.start, "no-measure")  # "has the world's busiest
                continue  # stations": how busy each one is, no rank of the subject's count
            if " in " not in f" {key} " and not self.names(ctx.doc).place and \
                    P.IN_THE_PLACE.match(text, mention.end - sentence.start):
                self._why.setdefault(mention.start, "no-measure")  # "720 million trips in the
                continue  # country": of a place the text does not name here
            if f.shape == "coordinated" and (there := P.IN_PLACE_AFTER.match(
                    text, mention.end - sentence.start)) is not None and \
                    (place := self.lex.place(there.group(1).rstrip("."))) is not None and \
                    place != f.subject and place not in key:
                self._why.setdefault(mention.start, "no-measure")  # "58% of German restaurant
                continue  # delivery and more than 70% in the Netherlands": another place's
            if f.kind == "rank" and f.shape == "rank_statement" and \
                    f.subject not in self.lex.places and _ranked_with_level(sentence, mention):
                self._why.setdefault(mention.start, "no-measure")  # "Port Canaveral ranked
                continue  # second with 7.6 million passengers": among ports, cruise lines?
            who = (f.subject, f.subject_text)
            holder = self._region_of_own(f, text, ctx, para)
            if holder:  # "By region, North America net sales were $3.1 billion" in a
                who = (holder, holder)  # company's release: its sales there
                key = f"{key} in {f.subject}"
            if f.subject in self.lex.places and P.SOURCE_MARKET.search(text):
                # "China was the largest source market with 6.7 million visitors": visitors
                # from China to the place the document is about; a rank of origins is no
                # rank of the subject's own, and without a destination nothing is framed
                owner = P.PLACE_OWNER.match(f.measure_text)  # "16% of Spain's arrivals"
                where = (self.lex.place(owner.group("place")) or "") if owner is not None \
                    else title_place(self.lex, ctx.doc.title)
                if owner is not None and where:
                    key = self.lex.measure_key(owner.group("rest"), f.verb_measure, topic) or key
                if f.kind == "rank" or not where or where == f.subject:
                    self._why.setdefault(mention.start, "no-measure")
                    continue
                key, who = f"{key} from {f.subject}", (where, where)
            head, to, where = key.partition(" to ")
            if head.endswith(" shipments") and f.subject in self.lex.places and \
                    not self.lex.is_total(f.subject) and not whole:
                key = head[:-len("shipments")] + "exports" + to + where  # what a country
                # ships, it exports (not "shipments reached 1.8 million" in its market)
            if f.kind == "share" and f.subject in self.lex.places and \
                    not self.lex.is_total(f.subject) and " of " not in f" {key} " and \
                    not P.MARKET_WORDS.search(f.measure_text) and \
                    not P.WORLD_WORDS.search(text) and \
                    is_own_measure(self.lex, normalise_phrase(f.measure_text).split()):
                whose = self.names(ctx.doc).entity or self._discourse.only_said(para)
                if not whose:  # "China accounted for 35% of revenue": whose revenue?
                    self._why.setdefault(mention.start, "no-measure")
                    continue
                key = f"{key} of {whose}"  # in a release of Lam's, China's share of Lam's
                # revenue (not of another company's, nor a market's)
            # (a place named between the subject and its figure is the aside's: "Alibaba
            # Cloud, whose business is in China, held 4%")
            ms = mention.start - sentence.start
            named = text.rfind(f.subject_text, 0, ms) if f.subject_text else -1
            within = self.lex.place(f.within) if f.within else None
            if f.within and (within is None or within == f.subject):
                self._why.setdefault(mention.start, "no-measure")  # "Scotch's second-largest
                continue  # export market": a rank among what a name has, no place's
            scope = (f" in {within}" if within and not self.lex.is_total(within) else "") or \
                (f.kind == "rank" and self._owner_scope(text, ms, f.subject)) or \
                self._scope(text, named if named >= 0 else ms, f.subject, stated) or \
                (f" in {region}" if f.kind == "rank" and f.subject in self.lex.places and (
                    region := self.lex.region_holding(ctx.doc.title, {f.subject})) else "")
            # ("Germany remains the largest producer" under "EU cement in 2024": in the EU)
            if not scope and paragraph is not None and f.subject == self.names(ctx.doc).entity \
                    and " in " not in f" {key} ":
                scope = self._label_scope(paragraph, sentence)  # "- **United Kingdom.**
                # Revenue rose 8.4% to £1,030m": the region's revenue, not the group's
            if not scope:  # the place the title names (frame.home)
                scope = home_scope(self.lex, ctx.doc.title, f, key, mention, text, sentence,
                                   paragraph)
            at = f" {key.lower()} ".find(scope.lower()) if scope else -1
            if at >= 0:  # "... registered in Europe", "sales in the United States": said
                key = key[:max(0, at - 1)] + key[at - 1 + len(scope):] + scope  # already
            else:
                key += scope
            if f.kind == "change":
                mention = P.signed(mention, f.down)
                terms = P.CHANGE_TERMS.match(text, mention.end - sentence.start)
                if terms is not None:  # "rose 6% in dollars and 6.8% in rupees": two changes
                    key += " in " + " ".join(terms.group(1).lower().split())
                elif key.split(" in ")[0].rpartition(" ")[2] in _VOLUME_OR_VALUE and any(
                        g.kind == "level" and g.subject == f.subject and
                         g.measure_text == f.measure_text and g.start == f.start and
                         (v := sentence.mentions[g.mention].value) is not None and
                         is_money(v.dimension) for g in found):
                    key += " by value"  # "worth $6.3 billion, up 3% from $6.1 billion": the
                    # change in money, not in tonnes ("shipped 1.21 Mt, 10% more than ...")
            if shift > 0:  # an earlier level that states no period of its own
                self._why.setdefault(mention.start, "no-period")
                continue
            kind: ClaimKind = f.kind  # type: ignore[assignment]
            frame = Frame(who[0], who[1], f.verb_measure, key, f.measure_text, f.end,
                          shape=f.shape)
            claim = self._claim(mention, kind, frame, text, f.start, f.end, stated, ctx, sentence,
                                shift)
            if claim is not None and colon is not None:
                claim = dataclasses.replace(claim, period=Period(
                    frozenset({int(colon.group(1))}), stated=True))
            after = P.BRACKET_YEAR.match(text, mention.end - sentence.start) \
                if claim is not None and not claim.period.years else None
            if claim is not None and after is not None:  # "Revenue: £1.14bn (2023: £1.02bn)":
                claim = dataclasses.replace(claim, period=Period(  # the year after the one
                    frozenset({int(after.group(1)) + 1}), stated=True))  # it is set against
            if claim is not None:
                out.append(claim)
                framed.add(mention.start)
                if f.subject in self.lex.places and not self.lex.is_total(f.subject):
                    self.names(ctx.doc).place = f.subject  # what "the country" stands for next
                self._last = (para, f.subject, key)
                if kind == "share" and f.measure_text and not ratio_measure(f.measure_text):
                    self._last_share = (para, f.measure_text, f.verb_measure, f.subject)
        return out

    def _read(self, sentence: Sentence, spans: tuple[tuple[int, int, Mention], ...],
              ctx: DocContext, paragraph: Segment | None) -> tuple[list[Framed], str]:
        """The statements of ``sentence`` and the material a bare measure takes. Where the
        document has no entity of its own, "the company" is the one organisation the
        paragraph named before; a sentence opening with a bare measure ("Output was up
        2.3%") goes on with the subject and material of the paragraph's last statement."""
        text, names = sentence.text, self.names(ctx.doc)
        para = paragraph.start if paragraph is not None else -1
        carried = self._last_share[1:] if self._last_share is not None and \
            self._last_share[0] == para >= 0 else ("", "", "")
        own = self._reporter(text, names)  # "Airbus SE said that it ...": Airbus
        if names.entity and not own:  # a bare measure is the entity's, or its segment's
            # the paragraph is about ("Terminals, the group's port business, had a record
            # year. Revenue rose 10% ...": the Terminals segment's revenue); not a title's
            # entity in a paragraph about another company ("IHG ... lifted RevPAR 1.8%.
            # Revenue came to $4.92 billion" under a title naming Marriott): nobody's
            whose = self._segment(paragraph) or names.entity
            if (not ctx.doc.entity and whose == names.entity and (
                    self._discourse.others_said(para, names.entity) or
                    self._names_another(sentence, names, paragraph))) or \
                    P.PART_OWNS.search(text):
                # (nor "The retail division's operating profit was £214 million": a part's)
                with names.speaking_for(""):  # (nor is its "the company")
                    return statements(chunk(text, spans, self.lex, names), "",
                                      carried), ctx.topic
            return statements(chunk(text, spans, self.lex, names), whose, carried), ctx.topic
        entity, topic = own, ctx.topic
        if not entity and (may_name_entity(text, self.lex) or P.ITS_THEIR.match(text)):
            # "The South Korean company shipped ...", "Its GLP-1 sales rose ...": read with
            with names.speaking_for(_SOMEONE):  # a stand-in; who it is only if the row
                stand_in = chunk(text, spans, self.lex, names)  # needs one
            pron = next((c for c in stand_in if c.kind == "PRON"), None)
            if pron is None and stand_in and stand_in[0].kind == "MEAS" and \
                    P.ITS_THEIR.match(stand_in[0].text):
                pron = stand_in[0]
            at = stand_in.index(pron) if pron is not None else -1
            if at >= 2 and stand_in[at - 1].kind == "COMMA" and \
                    stand_in[at - 2].kind == "NAME" and stand_in[at - 2].key and \
                    at + 1 < len(stand_in) and stand_in[at + 1].kind in ("COMMA", "WITH"):
                entity = stand_in[at - 2].key  # "Nordvik, the Gothenburg haulier with ...":
                # the name the description stands beside
            elif pron is not None:
                entity = self._antecedent(sentence, names, paragraph, ctx.doc,
                                          pron.text if pron.kind == "PRON" else "the company")
                if not entity and (pron.kind == "MEAS" or pron.text.lower() in ("it", "its")) \
                        and self._last is not None and self._last[0] == para and \
                        self.lex.place(self._last[1]) is not None:
                    entity = self._last[1]  # "Ecuador ... shipped 1.21 Mt. Its shrimp
                    # exports were worth $6.3 billion", "In 2023/24 it harvested ...": the
                    # place the paragraph is about
        if not entity:
            chunks = chunk(text, spans, self.lex, names)
            if chunks and chunks[0].kind == "MEAS" and self._last is not None and \
                    self._last[0] == para and self.lex.measure_key(chunks[0].text) is None:
                material = self.lex.main_material(self._last[2])[0]
                # the same measure only: "Output" after production, not "Prices"
                if material and self.lex.measure_key(chunks[0].text, "", material) == \
                        self._last[2].split(" [")[0]:
                    entity, topic = self._last[1], material
            if not entity and chunks and chunks[0].kind == "MEAS" and \
                    opens_own_measure(self.lex, chunks):
                # "Northmere reported ... . Operating costs were flat at £2.2bn": a measure
                # a company reports of itself, in a paragraph of that company's only
                said = self._discourse.only_said(para)
                if said and self.lex.place(said) is None and not self.lex.is_total(said):
                    entity = said
            if not entity:
                return statements(chunks, "", carried), topic
        with names.speaking_for(entity):
            return statements(chunk(text, spans, self.lex, names), entity, carried), topic

    def _region_of_own(self, f: Framed, text: str, ctx: DocContext, para: int) -> str:
        """The organisation whose figure in a place a statement opening "<place> <measure a
        company reports>" gives ("North America net sales were $3.1 billion"), when the
        document or the paragraph speaks of one organisation only; "" otherwise."""
        if f.subject not in self.lex.places or self.lex.is_total(f.subject) or \
                not f.subject_text or not f.measure_text or " in " in f" {f.measure_text} ":
            return ""
        found = text.find(f.subject_text + " " + f.measure_text)
        if found < 0 or found > f.end or \
                not is_own_measure(self.lex, normalise_phrase(f.measure_text).split()):
            return ""
        owner = self.names(ctx.doc).entity or self._discourse.only_said(para)
        return owner if owner and self.lex.place(owner) is None else ""

    @staticmethod
    def _segment(paragraph: Segment | None) -> str:
        """The part of the document's entity ``paragraph`` opens with ("Terminals, the
        group's port business, ..."), or ""."""
        if paragraph is None:
            return ""
        m = _SEGMENT.match(paragraph.text)
        return m.group(1) if m is not None else ""

    def _reporter(self, text: str, names: DocNames) -> str:
        """The one organisation a sentence names before a reporting verb that a pronoun
        follows ("Airbus SE said on Thursday that it delivered ..."), else ""."""
        said = _REPORTED.search(text)
        if said is None or not may_name_entity(text[said.end():], self.lex):
            return ""
        own = set(organisations(text[:said.start()], self.lex, names))
        return own.pop() if len(own) == 1 else ""

    def _paragraph(self, doc: Document, sentence: Sentence) -> Segment | None:
        """The paragraph (segment) of ``sentence``, None if none holds it."""
        k = self._segment_index(doc, sentence.start)
        return doc.segments[k] if k >= 0 else None

    def _segment_index(self, doc: Document, offset: int) -> int:
        """The index in ``doc.segments`` of the segment that holds ``offset``, -1 if none
        (a search in the segments' starts, read once a document: a document of thousands of
        paragraphs is not scanned again for each sentence)."""
        if self._starts is None or self._starts[0] is not doc:
            self._starts = (doc, [seg.start for seg in doc.segments])
        starts = self._starts[1]
        k = bisect.bisect_right(starts, offset) - 1
        if k >= 0 and offset < starts[k] + len(doc.segments[k].text):
            return k
        return -1

    def _antecedent(self, sentence: Sentence, names: DocNames, paragraph: Segment | None,
                    doc: Document, said: str) -> str:
        """The one organisation ``paragraph`` names before ``sentence`` (else the paragraph
        before it), see :func:`~factlint.frame.names.antecedent`."""
        if paragraph is None:
            return ""
        k = self._segment_index(doc, paragraph.start)
        return antecedent(self.lex, names, paragraph.text[:sentence.start - paragraph.start],
                          doc.segments[k - 1].text if k > 0 else "", said)

    @staticmethod
    def _owned_year(text: str, start: int, end: int) -> bool:
        """Whether the period at [start, end) is an adjective after "its" of a noun of its
        own ("narrowed its 2024 capital spending guidance"), not after a preposition."""
        owner = P.OWNED_YEAR_BEFORE.search(text, max(0, start - 24), start)
        return owner is not None and (owner.group(1) or "").lower() not in _PREPOSITIONS \
            and text[end:end + 2].strip()[:1].islower()

    def _names_another(self, sentence: Sentence, names: DocNames,
                       paragraph: Segment | None) -> bool:
        """Whether the paragraph, before ``sentence``, names organisations and not the
        title's entity: "Intel says 18A is ready ... The company's foundry unit lost $13.4
        billion" in an article titled after TSMC is not TSMC's."""
        if paragraph is None or not (may_name_entity(sentence.text, self.lex) or
                                     P.ITS_THEIR.match(sentence.text)) or \
                _WE.search(sentence.text):  # ("we": whoever speaks, the entity)
            return False
        before = paragraph.text[:sentence.start - paragraph.start][-ANTECEDENT_REACH:]
        if not before.strip() or names.entity.split()[0] in \
                paragraph.text[:sentence.start + len(sentence.text) - paragraph.start]:
            return False  # (not where the paragraph names the entity too)
        return any(_SPEAKS.match(before, m.end()) for o in organisations(before, self.lex, names)
                   for m in re.finditer(re.escape(o), before))  # ("Intel says", "Intel's")

    def _label_scope(self, paragraph: Segment, sentence: Sentence) -> str:
        """`` in <place>`` when the paragraph opens with a place as its label ("United
        Kingdom. Revenue rose ..."), and ``sentence`` comes after it."""
        label = P.PARAGRAPH_LABEL.match(paragraph.text)
        if label is None or sentence.start < paragraph.start + label.end():
            return ""
        place = self.lex.place(label.group(1)) or next(  # ("Continental Europe.": Europe's
            (name for _, _, name in self.lex.find_places(label.group(1))), None)  # part)
        return f" in {place}" if place is not None and not self.lex.is_total(place) else ""

    def _dated_after(self, doc: Document, sentence: Sentence, end: int) -> int:
        """The year the clause after a figure ending at ``end`` says it is of ("€3.05
        billion; that is the 2023 figure"), read in the paragraph (the clause after a ";"
        is a sentence of its own); 0 if none."""
        if sentence.text[end:end + 3].strip()[:1] not in (";", ","):
            return 0
        k = self._segment_index(doc, sentence.start)
        if k < 0:
            return 0
        seg = doc.segments[k]
        named = P.THAT_IS_YEAR.match(seg.text, sentence.start - seg.start + end)
        return int(named.group("year")) if named is not None else 0

    @staticmethod
    def _earlier(text: str, end: int, stated: LazyPeriods) -> int:
        """The period of an earlier level ending at ``end``: 0 when its own period follows
        it ("from 38 million in 2023"), -1 for "a year earlier" (the statement's year
        before), 1 when it states none (then it is not framed)."""
        if any(end <= s <= end + 4 for s, _, _ in stated.get()):
            return 0
        return -1 if P.YEAR_EARLIER.match(text, end) else 1

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
        end: int, stated: LazyPeriods, ctx: DocContext, sentence: Sentence, shift: int = 0,
    ) -> Claim | None:
        ms, me = mention.start - sentence.start, mention.end - sentence.start
        if kind == "rank" and not frame.verb_measure and set(frame.measure.split(" in ")[0].split(
                )) <= self.lex.role_nouns | self.lex.scope_words:
            self._why.setdefault(mention.start, "no-measure")  # "the largest operator": by
            return None  # clubs, by revenue? (a rank by what it never says)
        clause_lo, clause_hi = stated.bounds(ms, me)
        reading = modality.modality(text, clause_lo, ms, me)
        if reading == "none":
            self._why[mention.start] = "not-asserted"
            return None
        if P.PART_OF_YEAR.match(text, me) or (
                mention.value is not None and mention.value.unit == "percent" and
                P.IN_MONTH.match(text, me)):  # "averaged 14.4% for most of the year",
            # "averaged 88.5% in 2024 and reached 92% in December"
            self._why[mention.start] = "no-period"
            return None
        if P.THERE_BEFORE.search(text, clause_lo, ms) or P.THERE_AFTER.match(text, me):
            self._why[mention.start] = "no-measure"  # "Our revenue there rose about 30%":
            return None  # of a place said before, not the whole company's
        if kind == "level" and frame.shape != "list_item" and P.EACH_AFTER.match(text, me):
            self._why[mention.start] = "no-measure"  # "Passengers at Eastmoor spent €6.10
            return None  # each", "Its studios hold around 790 members each": an amount of
            # one of them, no level of the whole (but "A and B mined 10 Mt each" is theirs)
        every = [p for p in stated.get() if not periods.labels_other(text, p[0], p[1], ms)
                 and not (P.BRACKET_YEAR.match(text, max(0, p[0] - 2), p[1] + 2)
                          and not 0 <= ms - p[1] <= 4)  # ("£342m (2023: £296m)": the
                 # bracket's year is its own value's, not the figure's before it)
                 and not (p[2].projection and p[0] >= me and modality.plans_between(
                     text, me, p[0]) and any(me <= m.start - sentence.start and
                                             m.end - sentence.start <= p[0]
                                             for m in sentence.mentions))]
        # ("handled 402,000 tonnes and is targeting half a million tonnes by 2030": the
        # target's year, not the 402,000's; but "will rise 5% to $3bn by 2027" is one plan)
        every = [p for p in every if not (p[0] >= me and self._owned_year(text, p[0], p[1]))]
        # ("and narrowed its 2024 capital spending guidance": that noun's year)
        found = [p for p in every if not P.BASE_YEAR.search(text, max(0, p[0] - 40), p[0])]
        # ("down 3% on 2023": what the change is measured against, not when)
        own = [p for p in found if p[1] <= ms and P.YEAR_MEASURE_OF.fullmatch(text, p[1], ms)]
        if own and any(p[2].granularity != "year" and 0 <= p[0] - me <= 12 for p in found):
            own = []  # ("opened 2024 with revenue of $1.98 billion in the first quarter": the
            # quarter said right after the figure)
        if own:  # "reported 2024 sales of $1.31 billion and said it expects ... in 2025":
            found = own[-1:]  # the year of the measure the figure is of
        clause_lo = next((s for s, e, _ in found  # "a difficult 2023, when revenue grew
                          if e <= clause_lo and P.WHEN_GAP.fullmatch(text, e, clause_lo)),
                         clause_lo)  # just 3%": the clause of that year
        # a period after an earlier value ("from 1.2 Mt in 2023") is that value's; after a
        # value the statement goes on to ("rose 6.3% to 316 million in Q3 2024") it is the
        # whole statement's
        others = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions
                  if m.start != mention.start and P.FROM_BEFORE.search(
                      text, max(0, m.start - sentence.start - 24), m.start - sentence.start)
                  ] if found else []  # only a stated period needs them
        values = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions
                  if m.start != mention.start and m.value is not None] if found else []
        period = periods.period_for(found, ms, me, clause_lo, clause_hi, ctx.doc.date, others,
                                    values)
        if not shift and not [p for p in found if not any(
                0 <= p[0] - o[1] <= 12 for o in others)]:  # no period said here (only an
            # earlier value's, "from $3.87 billion in the third quarter of 2024"): the
            period = self.title_period(ctx.doc) or period  # title's, if it is a quarter's
            # or a half-year's
        if kind in ("change", "level") and period is not None and not period.stated and others:
            # "up 4% from 147 Mt in 2022": a change on the year after the earlier one's, and
            # "was $11.1 billion, down 19% from $13.7 billion in 2023" a level of that year
            base = [p for s, _, p in found if ms < s and p.years
                    and p.granularity == "year" and not p.projection
                    and any(me <= o[0] and 0 <= s - o[1] <= 12 for o in others)]  # ("from
                    # 820,000, and operated 231 clubs on 31 December": the later clause's)
            if base:
                period = dataclasses.replace(base[0], years=frozenset(
                    y + 1 for y in base[0].years))
        if shift:  # "a year earlier": the year before that of the statement it follows
            before = [p for s, e, p in found if clause_lo <= s and e <= ms]
            period = dataclasses.replace(
                before[-1], years=frozenset(y + shift for y in before[-1].years)) \
                if before and before[-1].years else None
        if kind == "change" and (period is None or not period.stated) and len(every) > len(found):
            base = [p for s, e, p in every if clause_lo <= s and (s, e, p) not in found
                    and p.granularity == "year" and p.years and ms < s]
            if base:  # "down 3% on 2023": the change of 2024
                period = dataclasses.replace(base[0], years=frozenset(
                    y + 1 for y in base[0].years))
        than = P.THAN_YEAR.match(text, me) if kind == "change" else None
        if than is not None and period is not None and \
                int(than.group(1)) + 1 not in period.years:
            self._why[mention.start] = "no-period"  # "up 8.7% on 2023 and a third more than
            return None  # in 2019": a change over five years, no year's change
        quarterly = P.QUARTERLY.search(text, max(clause_lo, ms - 40), ms)
        if period is not None and period.granularity == "year" and quarterly is not None \
                and not any(quarterly.end() <= s < ms for s, _e, _p in stated.get()):
            # (not "its quarterly dividend after 2024 sales of $284 million": a period said
            # between them)
            quarters = list(dict.fromkeys(p for _s, _e, p in found if p.granularity == "quarter"))
            if len(quarters) != 1:  # "quarterly adjusted EBITDA slipped to $188 million",
                # "revenue for the quarter reached $4.5bn":
                self._why[mention.start] = "no-period"  # a quarter's, never the year's
                return None
            period = quarters[0]
        named = self._dated_after(ctx.doc, sentence, me)
        if named:  # "still show revenue at €3.05 billion; that is the 2023 figure"
            period = Period(frozenset({named}), stated=True)
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
            measure=self.lex.with_unit_material(
                frame.measure.removesuffix(f" in {frame.subject}"), mention.value),
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


#: measures written both in quantities and in money ("exports of 1.21 Mt", "exports worth
#: $6.3bn"): a change stated with a level in money is a change in value
_VOLUME_OR_VALUE = frozenset({"exports", "imports", "shipments", "production", "output",
                              "trade", "consumption", "demand"})


def _ranked_with_level(sentence: Sentence, rank: Mention) -> bool:
    """Whether a rank its verb states is followed by "with" and a level ("ranked second with
    7.6 million passengers"), whose measure says what is counted but not among whom; a share
    ("came second with 14.5%") says of what total."""
    nxt = next((m for m in sentence.mentions if m.start >= rank.end), None)
    return nxt is not None and P.RANK_VERB.match(rank.text) is not None and \
        P.WITH_GAP.fullmatch(sentence.text, rank.end - sentence.start,
                             nxt.start - sentence.start) is not None and \
        not (nxt.value is not None and nxt.value.unit == "percent")
