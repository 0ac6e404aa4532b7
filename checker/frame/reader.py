"""The reading of one accepted window of a statement: its parse tree into :class:`Framed`
values, one per figure, each with who states it, what it measures and which shape said so.

:mod:`factlint.frame.statements` finds the windows (clauses, their longest accepted
prefixes); this module reads each window's tree, rule by rule of ``grammar/statement.lark``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from factlint.frame import patterns as P
from factlint.frame.vocabulary import Chunk
from factlint.parse import lalr
from factlint.parse.lalr import Token, Tree

#: subtrees whose leaves are remembered before the memo starts afresh (bounded memory)
_MAX_STATES = 100_000
#: words of a measure phrase that make its subject the world ("global output")
TOTAL_WORDS = frozenset({"global", "world", "world's", "worldwide"})
#: words that say only whose total it is
_SCOPE_ONLY = frozenset({"the", "total", "of", "supply", "market", "figure", "output"})
#: the scope words that name what is made, and the verb measures that make it
_OUTPUT = frozenset({"output", "supply"})
_MADE = frozenset({"production", "mining", "refining", "processing", "generation"})
OWN = re.compile(r"^(?:its|their)\s+", re.IGNORECASE)
_OUR = re.compile(r"^our\s+", re.IGNORECASE)
_SHARE_END = re.compile(r"(?<=\w)\s+share$", re.IGNORECASE)
#: nouns of a ratio of the measure named before them (", a margin of 16.2%": its margin)
RATIOS = frozenset({"margin", "ratio", "yield"})
#: the last words of a ratio of a subject's own: no total another's share could be of
_OWN_RATIOS = RATIOS | {"rate", "occupancy"}


def ratio_measure(phrase: str) -> bool:
    """Whether ``phrase`` names a ratio of its subject's own ("EBITDA margin", "occupancy
    rate"), no total that another subject's share could be of."""
    words = phrase.lower().split()
    return bool(words) and words[-1] in _OWN_RATIOS


#: nouns after a count that only say it counts things
_UNITS = frozenset({"units", "unit", "pieces", "items"})
#: the subject of a measure no one is named for ("Foldable phone shipments reached ..."):
#: a market's whole, whose place the claims stage decides
MARKET = "<market>"
#: a measure phrase that points at an owner named elsewhere ("their", "this")
_THE_OWN = re.compile(r"(?:this|that|these|those|their|his|her)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Framed:
    """One value of a parsed statement: who, what, which kind, and the shape that said so."""

    mention: int  # the sentence's mention
    kind: str  # level, share, change, rank
    subject: str  # the subject's key
    subject_text: str
    measure_text: str  # the measure noun phrase as written ("" if none)
    verb_measure: str  # the measure its verb or agent noun makes ("" if none)
    shape: str  # the grammar rule: verb_statement, list_item, ...
    start: int  # the statement's text, relative to the sentence
    end: int
    down: bool = False  # a change downwards ("fell 3%")
    composition: bool = False  # measure_text is "<part> share of <whole>", of the subject
    target: str = ""  # a comparison's other side ("twice Indonesia's": Indonesia)
    part: str = ""  # a share's subject's own measure, when the share is of another one
    # ("food and paper costs were 30.8% of sales": costs)
    within: str = ""  # a rank among a name's ("the UK's second-largest", "the largest US"):
    # that name's key (a rank only where it is a place)


@functools.lru_cache(maxsize=1)
def walker() -> lalr.Walker:
    return lalr.Walker(lalr.statement_parser())


#: the keys of a MEAS chunk that names a measure ("own": one a company reports of itself)
_NAMES_A_MEASURE = frozenset({"measure", "own"})
#: the words of a with-figure that say it is a share, not what a rank is by
_SHARE_WORDS = frozenset({"share", "shares", "market", "stake", "a"})
#: what "by <word>" ranks by when it names no measure, only how it is counted ("by value",
#: "by volume"): the measure of the class the rank names
_BY_SIZE = frozenset({"value", "volume", "volumes", "units", "number", "size", "quantity"})
#: nouns of a company's parts: "the largest division by revenue" ranks its parts only
_PARTS = frozenset({"division", "divisions", "segment", "segments", "unit", "units", "arm",
                    "subsidiary", "subsidiaries", "business", "businesses"})
#: the leaves of each subtree of a template tree (which the entry keeps alive), as indices
_LEAVES: dict[int, tuple[Tree[Token], tuple[int, ...]]] = {}

class Reader:
    """Reads the parse tree of one accepted window into :class:`Framed` values."""

    def __init__(self, window: list[Chunk], entity: str = "",
                 owner: Chunk | None = None, fronted: str = "") -> None:
        self.w = window
        self.entity = entity
        self.owner = owner
        self.tree = walker().template(tuple(c.kind for c in window))
        self.out: list[Framed] = []
        self.subject: Chunk | None = None
        self.subject_end = -1  # where the subject's words end ("China, the biggest market,")
        self.subject_measure = ""  # "Micron's NAND revenue": the subject's own measure
        #: the subject names its measure itself ("Lisbon's hotel capacity reached 60,000
        #: rooms"): a noun after the value is what it is counted in, not another measure
        self.counted_in = False
        #: shares read before any measure was named: (value, shape, subject, down)
        self.unmeasured: list[tuple[Chunk, str, Chunk, bool]] = []
        self.measure = fronted  # the last measure phrase a figure named (lists inherit it)
        self.fronted = fronted  # "Of the 55 Mt of salt traded, A supplied 38%": what it is of
        #: the share measure (phrase, verb measure) of the statement before, if any, and
        #: whose share that was ("" where any subject takes it)
        self.carried: tuple[str, str, str] = ("", "", "")
        self.verb = ""  # the measure of the last verb or agent noun
        self.start = window[0].start  # where the claim's text starts: its verb, if any
        self.part: Chunk | None = None  # a subject that is a part of a place's whole
        self.composition: tuple[Chunk, str] | None = None  # that place, "<part> share of .."
        self.owned = False  # the subject is an owner's measure: "Kestrel's sales"
        self.first_item = True  # the predicate read is the first after the subject

    # -------------------------------------------------------------------- helpers
    def chunk(self, leaf: Token) -> Chunk:
        return self.w[int(leaf.value)]

    def leaves(self, tree: Tree[Token] | Token) -> list[Chunk]:
        if isinstance(tree, Token):
            return [self.chunk(tree)]
        found = _LEAVES.get(id(tree))
        if found is None or found[0] is not tree:
            if len(_LEAVES) >= _MAX_STATES:
                _LEAVES.clear()
            found = _LEAVES[id(tree)] = (tree, tuple(
                int(t.value) for t in tree.scan_values(lambda v: isinstance(v, Token))))
        w = self.w
        return [w[k] for k in found[1]]

    def emit(self, value: Chunk, kind: str, shape: str, measure: str = "",
             subject: Chunk | None = None, down: bool = False, target: str = "",
             within: str = "") -> None:
        who = subject or self.subject
        composition = shape == "composition"
        if who is None and self.composition is not None and kind != "change":
            who, measure = self.composition  # ", up from 82.4% a year earlier": the same
            composition = True
        if who is None or value.mention < 0:
            return
        if kind == "auto" and shape == "coordinated" and value.kind == "PCT" and not measure \
                and self.out and self.out[-1].kind == "change":
            kind, down = "change", self.out[-1].down  # "rose 6% in dollars and 6.8% in
            # rupees": another reading of the change, not a share
        if kind == "auto":
            kind = "share" if value.kind == "PCT" else "level"
        if value.kind == "RANK":
            kind = "rank"
        phrase = measure or self.measure or self.subject_measure
        if kind == "share" and not phrase:
            # "Canada supplied 38%": of what total the sentence does not say here, unless a
            # later item of its list does ("MSC held 20%, Maersk 14% and CMA CGM 12% of the
            # fleet")
            self.unmeasured.append((value, shape, who, down))
            return
        start = value.start if kind == "rank" else (
            self.start if subject is None else min(subject.start, value.start))
        if composition:
            self.composition = (who, phrase)
        verb = "" if phrase and phrase == self.fronted else self.verb  # it names the measure
        self.out.append(Framed(value.mention, kind, who.key, who.text, phrase, verb,
                               shape, start, self.end_of(value), down, composition, target,
                               self.subject_measure if kind == "share" and measure and
                               self.subject_measure != measure else "", within))

    def end_of(self, value: Chunk) -> int:
        """Where the statement of ``value`` ends: after its own measure phrase, if any."""
        k = self.w.index(value)
        end = value.end
        rest = self.w[k + 1:k + 5]
        for n, c in enumerate(rest):
            if c.kind in ("OF", "MEAS") or (c.kind == "NAME" and n and rest[n - 1].kind == "FROM"):
                end = c.end
            elif c.kind != "FROM" or n + 1 >= len(rest) or rest[n + 1].kind != "NAME":
                break
        return end

    # -------------------------------------------------------------------- reading
    def read(self) -> list[Framed]:
        if self.tree.data == "label_statement":  # "Capital expenditure: $13.2 billion"
            children = list(self.tree.children)
            place = self.chunk(children.pop(0)) if self.chunk(  # type: ignore[arg-type]
                children[0]).kind == "NAME" else None  # type: ignore[arg-type]
            label, _, figure, *ratio = children
            if isinstance(figure, Token):  # "The operating margin, 7.9%, is ...": the value
                figure, ratio = Tree("figure", [figure]), []  # in commas is the label's
            if self.entity:
                first = self.chunk(label)  # type: ignore[arg-type]
                self.subject = Chunk("NAME", first.start, first.start, "", self.entity)
                text = first.text
                if self.chunk(figure.children[0]).kind == "PCT":  # type: ignore[arg-type]
                    text = _SHARE_END.sub("", text)  # "UK grocery market share: 26.9%": a
                    # share of the UK grocery market
                self.subject_measure = text if place is None else \
                    f"{text} in {place.key or place.text}"
                assert isinstance(figure, Tree)
                self.read_figure(figure, "label_statement")
                if ratio:
                    self.read_ratio([self.chunk(c) for c in ratio  # type: ignore[arg-type]
                                     ][1:], "label_statement")
            return self.out
        if self.tree.data == "apposition_with":  # "Calder, the second-largest operator in
            self.subject = self.chunk(self.tree.children[0])  # type: ignore[arg-type]
            subs = [c for c in self.tree.children if isinstance(c, Tree)]  # Australia with
            self.read_ranked_with(self.leaves(subs[0]), subs[-1], "rank_apposition")  # 4,100
            return self.out  # beds,"
        if self.tree.data == "respectively":  # "A and B had revenue of $3bn and $2bn
            self.read_respectively()  # respectively"
            return self.out
        if self.tree.data in ("possessive_value", "label_value"):  # "India's 8.9 Mt of
            # ethylene capacity is ...", "- Microsoft: 23%, or $24.7 billion": the name's
            children = list(self.tree.children)  # figure, then items
            if self.tree.data == "label_value" and any(
                    isinstance(item, Tree) and any(isinstance(sub, Tree) and sub.data ==
                                                   "change_to" for sub in item.children)
                    for item in children[3:]):
                return []  # "- Vienna: 3.2% of the net room price, rising to 5% in 2025":
                # a level to come, whose year is no year of the first
            self.subject = self.chunk(children[0])  # type: ignore[arg-type]
            if not self.subject.key:
                return []
            figure = children[2]
            assert isinstance(figure, Tree)
            if self.chunk(figure.children[0]).key != "count":  # type: ignore[arg-type]
                figure = Tree("figure", [c for c in figure.children if not (
                    isinstance(c, Tree) and c.data == "measure_of" and
                    self.chunk(c.children[0]).kind == "MEAS")])  # type: ignore[arg-type]
                # ("ArcelorMittal's 57.9 Mt put it second": a word after a unit is no noun
                # the figure counts; "Airbus's 766 aircraft" are)
            self.read_figure(figure, self.tree.data)
            for item in children[3:]:
                if isinstance(item, Tree):
                    self.first_item = False
                    self.read_predicate(item)
            return self.out
        if self.tree.data == "apposition_only":  # "Qatar, the world's largest LNG exporter,"
            self.subject = self.chunk(self.tree.children[0])  # type: ignore[arg-type]
            rank_np = self.tree.children[2]
            assert isinstance(rank_np, Tree)
            self.read_rank_np(self.leaves(rank_np), "rank_apposition")
            return self.out
        subject, predicates = self.tree.children
        self.read_subject(subject)
        if self.subject is None and self.part is None:
            return []
        assert isinstance(predicates, Tree)
        measure = self.measure
        self.read_predicates(predicates)
        if not self.out and self.part is not None and self.subject is None and \
                len(self.part.text.split()) > 1 and not _THE_OWN.match(self.part.text):
            # "Foldable phone shipments reached 19.8 million units": no one's named, a
            # market's whole (the claims stage decides whose: the title's place or the
            # world's, and none where the paragraph names an organisation)
            self.subject = Chunk("NAME", self.part.start, self.part.start, "", MARKET)
            self.subject_measure, self.counted_in, self.part = self.part.text, True, None
            self.measure, self.unmeasured = measure, []
            self.read_predicates(predicates)
        waiting, self.unmeasured = self.unmeasured, []
        last = max(self.out, key=lambda f: f.mention) if self.out else None
        if self.measure and waiting and last is not None and \
                waiting[-1][0].mention < last.mention and last.kind == "share":
            # (a share's list; not "held 44% of a smaller market, with sales of $16.2
            # billion": sales in that market, of which 44% is no share)
            for value, shape, who, down in waiting:  # the list's last item named it
                self.emit(value, "share", shape, self.measure, who, down)
            self.out.sort(key=lambda f: f.mention)
        elif waiting and self.carried[0]:  # "Visa held 58% of Polish card transactions,
            verb, self.verb = self.verb, self.verb or self.carried[1]  # and Mastercard held
            for value, shape, who, down in waiting:  # 38%": the total of the share before
                if who.key != self.carried[2]:  # (of another: "it was 76%" after "we
                    self.emit(value, "share", shape, self.carried[0], who, down)  # averaged
            self.verb = verb  # 96% occupancy" is no share of the same total)
        return self.out

    def read_predicates(self, predicates: Tree[Token]) -> None:
        for n, item in enumerate(predicates.children):
            head = self._copula_with(item)
            if isinstance(item, Tree) and not (head in ("AT", "OF") and n) and \
                    not (head == "OF" and not self.owned):
                self.first_item = n == 0
                self.read_predicate(item)  # (", at $24.1 billion," only right after the
                # subject: "62% of world output, which X puts at 226 million" is not its;
                # "of £3.86bn" only after an owner's measure, "Kestrel's sales", never after
                # a place's word before one, "on US sales of $15.4 billion")

    def _copula_with(self, tree: Tree[Token] | Token) -> str:
        """The kind of the small word a copula predicate opens with (", at $24.1 billion",
        "of £3.86bn"), "" for any other predicate."""
        if not isinstance(tree, Tree) or tree.data not in ("copula_statement",
                                                            "copula_comparison"):
            return ""
        head = tree.children[0]
        return self.chunk(head).kind if isinstance(head, Token) else ""

    def read_respectively(self) -> None:
        """``A and B had revenue of $39.5bn and $31.0bn respectively, or 32% and 25% of the
        market``: the n-th value of each list is the n-th name's, in the measure the verb's
        object or the list's own "of ..." names; a list of another length frames nothing."""
        names = [c for c in self.leaves(self.tree.children[0]) if c.kind == "NAME"]
        measure = ""
        for child in self.tree.children[1:]:
            if isinstance(child, Token):
                c = self.chunk(child)
                if c.kind == "VERB":
                    self.verb = c.key
                if c.kind in ("VERB", "BE"):
                    self.start = c.start
                elif c.kind in ("MEAS", "NAME"):
                    measure = c.text  # "had GMV of ..."
                continue
            values = [self.chunk(v) for v in child.children
                      if isinstance(v, Token) and self.chunk(v).kind in ("NUM", "PCT")]
            own = " ".join(c.text for sub in child.children if isinstance(sub, Tree)
                           for c in self.leaves(sub) if c.kind == "MEAS")
            if set(own.lower().replace("’", "'").split()) <= TOTAL_WORDS | _SCOPE_ONLY:
                own = ""  # "or 32% and 25% of the market": of the measure already named
            measure = own or measure
            if len(values) != len(names) or not measure:
                return
            for name, value in zip(names, values, strict=True):
                if name.key:
                    self.emit(value, "auto", "respectively", measure, subject=name)

    def read_subject(self, tree: Tree[Token] | Token) -> None:
        if isinstance(tree, Token):  # pragma: no cover - the grammar names every subject
            return
        parts = self.leaves(tree)
        rule = tree.data
        if rule == "subject_name":
            self.subject = parts[0] if parts[0].key else None
        elif rule == "subject_possessive":
            self.subject = parts[0] if parts[0].key else None
            self.subject_measure, self.counted_in = parts[2].text, True
            self.owned = True
        elif rule == "subject_measure_of" and self.entity and parts[0].key == "own" and \
                parts[1].kind == "IN":  # "Sales in the United States came to $15.4bn" in a
            self.subject = Chunk("NAME", parts[0].start, parts[0].start, "", self.entity)
            self.subject_measure = f"{parts[0].text} in {parts[2].text}"  # company's release
            self.counted_in = True
        elif rule == "subject_measure_of":
            self.subject, self.subject_measure = parts[2], parts[0].text
            self.counted_in = True
        elif rule == "subject_measure":
            if len(parts) > 1:  # "Production of sustainable aviation fuel": one phrase
                parts = [Chunk("MEAS", parts[0].start, parts[-1].end,
                               " ".join(c.text for c in parts))]
            words = parts[0].text.lower().replace("’", "'").split()
            if TOTAL_WORDS.intersection(words):
                self.subject = Chunk("NAME", parts[0].start, parts[0].end, parts[0].text,
                                     "World")
                self.subject_measure = parts[0].text
            elif OWN.match(parts[0].text):  # "its potash sales volumes reached 13.2 Mt"
                whose = self.owner or (Chunk("NAME", parts[0].start, parts[0].start, "",
                                             self.entity) if self.entity else None)
                if whose is not None:
                    self.subject = whose
                    self.subject_measure = OWN.sub("", parts[0].text)
                    self.counted_in = True  # ("Its pipeline stood at 9,800 rooms")
            elif _OUR.match(parts[0].text):  # "..., and our revenue was £1.21 billion": the
                if self.entity:  # speaker's, the document's own, never the last name's
                    self.subject = Chunk("NAME", parts[0].start, parts[0].start, "",
                                         self.entity)
                    self.subject_measure = _OUR.sub("", parts[0].text)
                    self.counted_in = True
            elif self.owner is not None:  # "Barry Callebaut AG, ..., said revenue rose"
                self.subject, self.subject_measure = self.owner, parts[0].text
            elif self.entity:  # "Capital expenditure was $13.2 billion": the document's own
                self.subject = Chunk("NAME", parts[0].start, parts[0].start, "", self.entity)
                self.subject_measure = parts[0].text
                self.counted_in = True
            else:  # "Coal accounted for 35% of power generation in Poland": a part, whose
                self.part = parts[0]  # share of a place's whole the figure may state
        elif rule == "subject_named_measure":  # "US nameplate capacity", "Tesla deliveries"
            self.subject, self.subject_measure = parts[0], OWN.sub("", parts[1].text)
        elif rule == "subject_described":  # "Shanghai, the world's busiest port,"
            self.subject = parts[0]
        elif rule == "subject_place_agent":  # "In China, farmers harvested 700 Mt"
            self.subject, self.verb = parts[0], parts[2].key
        elif rule == "subject_apposition":
            self.subject = parts[0]
            self.subject_end = parts[-1].end  # "China, the biggest market, 60% of ..."
            rank_np = tree.children[2]
            assert isinstance(rank_np, Tree)
            self.read_rank_np(self.leaves(rank_np), "rank_apposition")

    def read_rank_np(self, parts: list[Chunk], shape: str, inherit: bool = False) -> None:
        """``the world's second-largest crude producer``: a rank, and the measure (the agent
        noun's) that later values of the statement inherit. "Russia's largest potash
        producer", "the second-largest US box maker": a rank within Russia, the US; "by
        revenue": what it is ranked by."""
        within = ""
        if parts[0].kind == "NAME":  # "the UK's second-largest"
            within, parts = parts[0].key, [c for c in parts if c.kind != "POSS"][1:]
        if len(parts) > 2 and parts[-2].kind == "IN" and parts[-1].kind == "NAME":
            within, parts = within or parts[-1].key, parts[:-2]  # "the second-largest toy
            # retailer in the United States": within the US
        by = next((k for k, c in enumerate(parts) if c.kind == "BY"), len(parts))
        ranked_by = " ".join(c.text for c in parts[by + 1:])  # "by number of clubs"
        if ranked_by.lower() in _BY_SIZE:  # "among the world's bicycle exporters by value":
            ranked_by = ""  # by the class's own measure (exports), in money
        parts = parts[:by]
        if len(parts) > 1 and parts[1].kind == "NAME":  # "the largest US box maker"
            within = within or parts[1].key
        rank = parts[0]
        measure = " ".join(c.text for c in parts[1:] if c.kind == "MEAS")
        if set(measure.lower().replace("’", "'").split()) <= TOTAL_WORDS | _SCOPE_ONLY:
            measure = ""  # "ranking second worldwide": where, not what
        agent = next((c for c in parts if c.kind == "AGENT"), None)
        if agent is not None and not ranked_by:
            self.verb = agent.key
        classes = all(c.key == "class" for c in parts[1:] if c.kind == "MEAS")
        if measure and (agent is not None or shape != "rank_apposition") and not classes:
            self.measure = measure  # "Peru, the second-largest copper producer, mined": copper;
            # not "Shanghai, the world's busiest container port, handled": a kind of place,
            # nor "the largest operator by number of clubs, with 112": a class
        if ranked_by:  # "the second-largest gym operator by revenue": ranked by revenue,
            # among gym operators (not "the largest by revenue": among what? nor "the largest
            # division by revenue": among a company's parts)
            if (agent is not None or measure) and _PARTS.isdisjoint(measure.lower().split()):
                self.emit(rank, "rank", shape, ranked_by, within=within)
        elif agent is not None or measure:
            self.emit(rank, "rank", shape, measure, within=within)
        elif inherit and not within and (self.measure or self.verb):
            # "Xiaomi shipped 42.3 million smartphones, ranking second worldwide": a rank in
            # the measure its statement named
            self.emit(rank, "rank", shape)

    def read_ranked_with(self, rank_np: list[Chunk], with_figure: Tree[Token],
                         shape: str) -> None:
        """``the second-richest club with revenue of €765m``: a rank by what its figure
        measures (not by the role: "club", "operator"), and the figure."""
        leaves = self.leaves(with_figure)
        measure = " ".join(c.text for c in leaves if c.kind == "MEAS")
        if not measure and self.carried[0] and any(c.kind == "PCT" for c in leaves) and \
                (self.subject is None or self.subject.key != self.carried[2]):
            measure, self.verb = self.carried[0], self.verb or self.carried[1]  # "LG came
            # second with 14.5%" after "Voltas sold ..., or 19.8% of the market": by that
        if set(measure.lower().split()) <= _SHARE_WORDS:  # "the largest vendor with an 18.7%
            cut = self.with_start(rank_np) or 10**9  # share": by what the share is of
            self.read_rank_np([c for c in rank_np if c.kind in ("RANK", "MEAS", "AGENT")
                               and c.start < cut], shape)
        else:
            agent = next((c for c in rank_np if c.kind == "AGENT"), None)
            if agent is not None:
                self.verb = agent.key  # (keyed as the agent's other statements are)
            if rank_np[0].kind != "NAME":  # (a national rank: "Russia's largest")
                self.measure = measure
                self.emit(next(c for c in rank_np if c.kind == "RANK"), "rank", shape, measure)
        self.read_first_figure(with_figure, shape)

    def read_first_figure(self, tree: Tree[Token], shape: str) -> None:
        """The first figure of ``tree`` (its value, measure and bracket)."""
        for sub in tree.iter_subtrees_topdown():  # type: ignore[no-untyped-call]
            if sub.data == "figure":
                self.read_figure(sub, shape)
                break

    def read_predicate(self, tree: Tree[Token]) -> None:
        rule = tree.data
        head = tree.children[0]
        first = self.chunk(head) if isinstance(head, Token) else None
        if first is not None and first.kind in ("VERB", "BE", "CHG"):
            self.start = first.start  # "holds nearly 90% of ...", as the patterns quote it
        if first is not None and first.kind == "VERB":
            if self.out and not self.out[-1].verb_measure and first.key and \
                    not any(c.kind == "MEAS" for c in self.leaves(tree)):
                self.measure = ""  # "which holds 303 billion barrels of oil reserves,
                # pumped 0.8 million barrels a day": what the new verb counts, not the
                # measure a link verb's noun named before it
            self.verb = first.key
        if rule == "verbless_statement":  # "the United States 21% of global LNG exports"
            value = self.chunk(tree.children[0])  # type: ignore[arg-type]
            if self.subject is not None and not any(  # not "In Japan, 21% of cars ..."
                    c.kind != "NAME" and max(self.subject.end, self.subject_end) <= c.start
                    < value.start
                    for c in self.w):
                self.read_figure(tree, rule)
            return
        if rule == "copula_statement" and self.verb and first is not None and \
                first.kind == "BE" and first.text.lower() in ("had", "has", "have") and \
                not any(c.kind == "MEAS" for c in self.leaves(tree)):
            return  # "delivered 21 Rafales in 2024 and had 220 on order": what it holds, not
            # what the verb before counts
        if rule == "with_statement" and self.unmeasured:
            return  # "held 44% of a smaller market, with sales of $16.2 billion": its sales in
            # a market the share does not name, not all of its sales
        if rule in ("verb_statement", "copula_statement", "with_statement"):
            tokens = [c for c in tree.children if isinstance(c, Token)] + [
                c for sub in tree.children if isinstance(sub, Tree) and sub.data == "with_figure"
                for c in sub.children if isinstance(c, Token)]  # "with a capacity of 4 Mt"
            own = "".join(self.chunk(c).text for c in tokens if self.chunk(c).kind == "MEAS")
            if own:
                self.measure = own
            if own.lower().split()[-1:] and own.lower().split()[-1] in RATIOS | {"rate"}:
                self.emit(next(  # "is a take rate of
                    c for c in self.leaves(tree) if c.kind in ("NUM", "PCT")), "auto", rule,
                    own)  # 12.7% of GMV": the rate, whatever it is of
                return
            self.read_first_figure(tree, rule)
        elif rule == "change_statement":
            down = first is not None and (first.key == "down" or (
                first.kind == "BE" and self.chunk(tree.children[1]).key == "down"))  # type: ignore[arg-type]
            change = tree.children[-1]
            assert isinstance(change, Tree)
            named_np = next((self.chunk(c) for c in tree.children
                             if isinstance(c, Token) and self.chunk(c).kind == "MEAS"), None)
            if named_np is not None and not any(c.kind in ("FROM", "TO")
                                                for c in self.leaves(change)):
                return  # ("we grew revenue by 11%": only where it names the levels)
            if named_np is not None:  # "grew its revenue from ...": the measure it names
                self.measure = named_np.text
            earlier = by = False
            # "down $1.5 billion over the year", "rose 1.2 Mt to 14 Mt": a first level right
            # after the verb is by how much, no level of its own
            lead = self.leaves(change)[0]
            by = change.data == "change" and lead.kind == "NUM" and not P.BOUND.match(lead.text)
            # (but "drops below 1.9bn tonnes": where it is now)
            now = False  # after "to": the level now
            for c in self.leaves(change):
                if c.kind == "FROM":
                    earlier = True  # "from 12.1 Mt": an earlier period's level
                elif c.kind == "BY":
                    by = True  # "declined by 1.5 basis points": how much, no level
                elif c.kind == "TO":
                    by, now = False, True
                    if change.data == "change_from_to":
                        earlier = False  # "up from 82.2% to a record 83.5%": the level now
                elif by and c.kind == "NUM":
                    continue
                elif earlier:
                    self.emit(c, "auto", "earlier_level")
                elif change.data == "change_from_to" or now:
                    self.emit(c, "auto", rule)  # ("fell to 63.8%": a ratio's level)
                elif c.kind == "PCT":
                    self.emit(c, "change", rule, down=down)
                elif c.kind == "NUM":
                    self.emit(c, "level", rule)
        elif rule == "nominal_change":  # "reported a 15% rise in net profit, to ¥50.7bn"
            parts = self.leaves(tree)
            verb = next(c for c in parts if c.kind == "CHG")
            self.measure = next(c for c in parts if c.kind == "MEAS").text
            for c in parts:
                if c.kind == "PCT":
                    self.emit(c, "change", rule, down=verb.key == "down")
                elif c.kind == "NUM":
                    self.emit(c, "level", rule)
        elif rule == "rank_statement":
            parts = self.leaves(tree)
            rank_at = next(k for k, c in enumerate(parts) if c.kind == "RANK")
            if rank_at == 0 and any(c.kind == "IN" for c in parts):
                return  # "..., and ranked third in Europe": a rank among the region's only
            with_figure = next((sub for sub in tree.children if isinstance(sub, Tree)
                                and sub.data == "with_figure"), None)
            at = self.w.index(parts[rank_at])
            if rank_at == 0 and not self.first_item and at >= 2 and \
                    self.w[at - 1].kind == "COMMA" and self.w[at - 2].kind == "NAME" and \
                    self.w[at - 2] is not self.subject:
                return  # "twice as many vets as CareVets, the second-largest group": the
                # rank of the name before the comma, not of the subject
            if rank_at == 0 and self.first_item and not P.RANK_VERB.match(parts[0].text) and \
                    (with_figure is None or self.subject is None or
                     self.subject.kind != "NAME"):
                return  # "leaving it the fourth-largest grocer": no verb says it ranks so
                # (but "Brazil holding the second-largest reserves at 21 million tons")
            if with_figure is not None:  # "is the largest supplier with 6.8 million accounts"
                value = next(c for c in self.leaves(with_figure) if c.kind in ("NUM", "PCT"))
                if rank_at == 0:  # "India ranks third with 6.9 million tons": the figure's
                    self.start = value.start  # words
                self.read_ranked_with(parts[rank_at:], with_figure, rule)
                return
            owned = rank_at >= 2 and parts[rank_at - 1].kind == "POSS"  # "is the UK's ..."
            self.read_rank_np([c for c in parts[rank_at - 2 * owned:] if c.kind in (
                "RANK", "MEAS", "AGENT", "NAME", "POSS", "BY", "OF", "IN") and c.start < (
                    self.with_start(parts) or 10**9)], rule, inherit=rank_at == 0)
            self.read_first_figure(tree, rule)
        elif rule in ("followed_by", "list_item"):  # the next subject, the same measure
            parts = self.leaves(tree)
            named = [c.text for sub in tree.children if isinstance(sub, Tree)
                     and sub.data == "measure_of" for c in self.leaves(sub) if c.kind == "MEAS"]
            if named:  # "..., Maersk 14% and CMA CGM 12% of the fleet": the list's measure
                self.measure = " ".join(named)
            each = parts[-1].kind == "EACH"  # "Russia and Saudi Arabia for 8% each"
            for name in [c for c in parts if c.kind == "NAME"][:2 if each else 1]:
                for c in parts:
                    if c.kind in ("NUM", "PCT"):
                        self.emit(c, "auto", rule, subject=name)
        elif rule == "copula_comparison":  # "X's fleet of 30,000 bikes is three times the
            figure = tree.children[1]  # size of Y's": the level, then the comparison
            assert isinstance(figure, Tree)
            self.read_figure(figure, "copula_statement")
            self.read_comparison(tree, self.chunk(tree.children[-3]))  # type: ignore[arg-type]
        elif rule == "comparison_statement":
            self.read_comparison(tree, first)
        elif rule == "apposed_measure":
            self.read_ratio(self.leaves(tree), rule)
        elif rule == "part_statement":  # "of which net interest income was £3.9bn"
            parts = self.leaves(tree)
            noun = next(c for c in parts if c.kind == "MEAS")
            self.emit(next(c for c in parts if c.kind in ("NUM", "PCT")), "auto", rule,
                      noun.text)
        elif rule == "earlier_item":  # ", from 35.8 million in 2023" after a figure of
            value = self.leaves(tree)[-1]  # the same kind (a level, a share)
            if self.out and self.out[-1].kind == ("share" if value.kind == "PCT" else "level"):
                self.emit(value, "auto", "earlier_level")
        elif rule == "coordinated":
            figure = tree.children[0]
            assert isinstance(figure, Tree)
            self.read_figure(figure, rule)

    def read_ratio(self, parts: list[Chunk], shape: str) -> None:
        """", a margin of 16.2%" after a level: the ratio of the measure before (its
        EBITDA margin); "and EBIT of DKK11.2bn": another measure of the same subject."""
        noun, value = parts[0], parts[-1]
        base = self.measure or self.subject_measure
        head = noun.text.lower().split()[-1]
        if head not in RATIOS:  # "reported revenue of DKK 74.6bn and EBIT of DKK11.2bn,
            self.measure = noun.text  # up 5.7%": a measure of its own, and what a change
            self.emit(value, "auto", shape, noun.text)  # after it is of
        elif base and head not in base.lower().split():
            self.emit(value, "auto", shape, f"{base} {noun.text.split()[-1]}")

    def read_comparison(self, tree: Tree[Token], first: Chunk | None) -> None:
        """A multiple of another's figure: "Harbour has twice as many app customers as
        Northmere" (``first``: the verb before the multiple, if any)."""
        rule = "comparison_statement"
        comparand = tree.children[-1]  # a ratio of the subject's figure to the other side's,
        assert isinstance(comparand, Tree)  # of one measure
        parts = self.leaves(comparand)
        other = [c for c in parts if c.kind == "NAME"][-1]
        measure = " ".join(c.text for c in parts if c.kind == "MEAS")
        if measure and parts[0].kind == "NAME" and not self.subject_measure and (
                first is None or first.kind != "BE"):
            return  # "Northlight paid about 1.7 times Kestrel's revenue": what it paid
            # (a verb the chunker drops), not its revenue; "had three times Germany's
            # bed density", "Jio's base is twice Airtel's" are
        value = next(self.chunk(c) for c in tree.children if isinstance(c, Token)
                     and self.chunk(c).kind == "MULT")
        before = len(self.out)
        self.emit(value, "rate", rule, measure, target=other.key or other.text)
        if len(self.out) > before:  # the statement's text runs to its other side
            self.out[-1] = dataclasses.replace(self.out[-1], end=parts[-1].end)

    def place_of(self, part: Tree[Token] | Token) -> Chunk | None:
        """The name whose whole ``part`` measures: "of new cars sold in Norway", "of
        Germany's electricity"."""
        if isinstance(part, Tree) and part.data in ("measure_of_place", "measure_of_owner",
                                                    "measure_of_named"):
            return next(c for c in self.leaves(part) if c.kind == "NAME")
        return None

    @staticmethod
    def with_start(parts: list[Chunk]) -> int | None:
        return next((c.start for c in parts if c.kind == "WITH"), None)

    def read_figure(self, tree: Tree[Token], shape: str) -> None:
        value = self.chunk(tree.children[0])  # type: ignore[arg-type]
        own, total = "", None
        for part in tree.children[1:]:
            place = self.place_of(part)
            if place is not None and self.part is not None and isinstance(part, Tree):
                if value.kind == "PCT" and self.subject is None:  # a part of a place's whole
                    whole = self.leaves(part)[
                        -1 if part.data in ("measure_of_owner", "measure_of_named") else 1]
                    self.emit(value, "share", "composition",
                              f"{self.part.text} share of {whole.text}", subject=place)
                return
            if isinstance(part, Tree) and part.data == "measure_of_place":
                parts = self.leaves(part)  # "35% of new cars sold in Norway"
                own = f"{parts[1].text} in {parts[3].text}"
            if isinstance(part, Tree) and part.data == "measure_in_place":
                parts = self.leaves(part)  # "12,400 machines in North America"
                own = f"{parts[0].text} in {parts[2].key or parts[2].text}"
            if isinstance(part, Tree) and part.data == "measure_of_owner":
                parts = self.leaves(part)  # "71% of China's soybean imports"
                own = f"{parts[1].text}'s {parts[3].text}"
            if isinstance(part, Tree) and part.data == "measure_of_named":
                parts = self.leaves(part)  # "24% of the UK aggregates market"
                own = f"{parts[1].text} {parts[2].text}"
            if isinstance(part, Tree) and part.data in ("measure_of", "measure_of_total",
                                                        "measure_of_source",
                                                        "measure_of_origin",
                                                        "measure_of_destination",
                                                        "measure_of_in"):
                # ("earned $1.4 billion from coffee exports": what the money is of)
                parts = self.leaves(part)
                if shape == "copula_statement" and self.counted_in and len(parts) == 1 and \
                        any(c.kind == "MEAS" and c.key in _NAMES_A_MEASURE and
                            _OUR.sub("", OWN.sub("", c.text)) == self.subject_measure
                            for c in self.w):
                    continue  # "hotel capacity reached 60,000 rooms": what it counts in
                if self.counted_in and len(parts) == 1 and parts[0].kind == "MEAS" and \
                        parts[0].text.lower() in _UNITS:
                    continue  # "Foldable phone shipments reached 19.8 million units"
                own = " ".join(c.text for c in parts if c.kind == "MEAS")
                if part.data == "measure_of_source":  # "90% of its imports from China"
                    own = f"{own} from {parts[-1].key}"
                if part.data == "measure_of_in" and parts[-1].key not in _NAMES_A_MEASURE:
                    continue  # "earned $1.9 billion in operating income", not "5% in value"
                if part.data == "measure_of_destination":  # "107 Mt of crude oil to China"
                    own = f"{own} to {parts[-1].key}"
                if part.data == "measure_of_total":
                    total = next((c for c in parts if c.kind == "NUM"), None)
        words = own.lower().replace("’", "'").split()
        of_total = bool(TOTAL_WORDS.intersection(words))
        if own and set(words) <= TOTAL_WORDS | _SCOPE_ONLY:
            if value.kind == "PCT" and not of_total and _OUTPUT.intersection(words) and \
                    self.verb and self.verb not in _MADE:
                return  # "consumed 870,000 tonnes, about 18% of output": what it used
                # against what it made, a ratio of two measures, no share of either
            own = ""  # "16% of the global total": a share of the measure already named
        if own:
            self.measure = own
        self.emit(value, "auto", shape, own)
        if total is not None and of_total:  # "40% of global refined output of 26 Mt"
            world = Chunk("NAME", total.start, total.end, "world", "World")
            self.emit(total, "level", "part_of_total", own, subject=world)
        for part in tree.children[1:]:
            if isinstance(part, Tree) and part.data == "bracket":
                # "2.6 Mt (12%)": the same measure, another kind
                self.emit(self.leaves(part)[1], "auto", "parenthetical", own)
            if isinstance(part, Tree) and part.data == "earlier_bracket":
                # "£74.3bn (2023: £71.4bn)": the same measure, the year before the colon
                self.emit(self.leaves(part)[2], "auto", "earlier_bracket", own)
