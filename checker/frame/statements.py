"""Statements: the chunks of a sentence parsed by ``grammar/statement.lark``.

Each clause's chunks (between ``BREAK`` s) are fed to the statement grammar's LALR parser
from every chunk where a subject can start, keeping the longest prefix that accepts (the
walker of :mod:`factlint.parse.lalr` remembers every prefix of chunk types it has seen, so a
shape is fed to lark once per process). The parse tree of an accepted window says, for each
value in it, who states it (the subject, or the subject before it in a list), what it
measures (its own measure noun phrase, else the one its statement names, else its verb's or
agent's) and what kind of figure it is. What leaves is a :class:`Framed` per value, named
by the statement shape (the grammar rule) that framed it; :mod:`factlint.frame.claims`
makes claims of them with the period and modality of the sentence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from factlint.frame.vocabulary import Chunk
from factlint.parse import lalr
from factlint.parse.lalr import Token, Tree
from factlint.util.bounded import BoundedMemo

#: chunks where a statement can start
_STARTS = frozenset({"NAME", "PRON", "MEAS"})
#: the longest window fed to the parser, in chunks
_MAX_WINDOW = 40
#: prefixes the walker may remember before it starts afresh (bounded memory)
_MAX_STATES = 100_000
#: words of a measure phrase that make its subject the world ("global output")
_TOTAL_WORDS = frozenset({"global", "world", "world's", "worldwide"})
#: words that say only whose total it is
_SCOPE_ONLY = frozenset({"the", "total", "of", "supply", "market", "figure", "output"})


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


@functools.lru_cache(maxsize=1)
def _walker() -> lalr.Walker:
    return lalr.Walker(lalr.statement_parser())


#: the leaves of each subtree of a template tree (which the entry keeps alive), as indices
_LEAVES: dict[int, tuple[Tree[Token], tuple[int, ...]]] = {}

#: chunk rows remembered with their statements (pure: the result depends on the row only),
#: by identity: the chunker hands out the row it remembers for a sentence, the same object
#: each time, so the key needs no hash of the row (the entry keeps the row alive)
_MEMO: BoundedMemo[tuple[int, str], tuple[tuple[Chunk, ...], tuple[Framed, ...]]] = \
    BoundedMemo(32768)


def statements(chunks: Sequence[Chunk], entity: str = "") -> list[Framed]:
    """Every value the statements of ``chunks`` frame, in order; ``entity`` is the document's
    own (the subject of "Net income was $4bn" in its results release), "" if none."""
    row = chunks if isinstance(chunks, tuple) else tuple(chunks)
    key = (id(row), entity)
    found = _MEMO.get(key)
    if found is None or found[0] is not row:
        found = _MEMO.remember(key, (row, tuple(_statements(list(row), entity))))
    return list(found[1])


def _statements(chunks: list[Chunk], entity: str) -> list[Framed]:
    out: list[Framed] = []
    owner: Chunk | None = None  # the last subject named: whose "its revenue" is
    for clause in _clauses(chunks):
        i = 0
        fronted = _fronted(clause)
        objects = _objects(clause)
        while i < len(clause):
            n = _longest(clause, i) if clause[i].kind in _STARTS and i not in objects and (
                i == 0 or (clause[i].kind != "MEAS" and clause[i - 1].kind not in _BEFORE_OBJECT
                           and clause[i - 1].kind != "NAME")
                or (clause[i].kind == "MEAS" and clause[i - 1].kind in ("VERB", "AND", "COMMA")
                    and _TOTAL_WORDS.intersection(clause[i].text.lower().split()))
                # ("..., pushing the global load factor up from ...": the world's)
                or (i == 1 and clause[0].kind == "IN")  # "In the United States, refiners ran"
            ) else 0
            if not n and i == 0 and clause[0].kind in ("NAME", "PRON") and clause[0].key:
                owner = clause[0]  # "Nordhavn Foods, the group, said | its sales ..."
                # "Royal Caribbean Cruises Ltd., which trades as ... and owns Celebrity and
                # Silversea, carried 8.7 million guests": an aside with no figure, then the
                # predicate of the name that opened the clause
                k = _predicate_comma(clause, 1)
                if clause[1:2] and clause[1].kind == "COMMA" and k > 1 and not any(
                        c.kind in ("NUM", "PCT", "RANK", "OTHER") for c in clause[1:k]):
                    window = _with_subject(clause[0], clause, k)
                    if window:
                        out.extend(_Reader(window, entity, owner, fronted).read())
                        i = k + len(window)
                        continue
            if not n:
                i += 1
                continue
            reader = _Reader(clause[i:i + n], entity, owner, fronted)
            out.extend(reader.read())
            owner = reader.subject or owner
            subject, i = clause[i], i + n
            # "CATL, which supplied 40% of ..., sold 475 GWh": a later predicate after a
            # comma has the same subject
            while subject.kind in ("NAME", "PRON"):
                k = _predicate_comma(clause, i)
                window = _with_subject(subject, clause, k) if k >= 0 else []
                if not window:
                    break
                out.extend(_Reader(window, entity, owner).read())
                i = k + len(window)
    return out


def _predicate_comma(clause: list[Chunk], start: int) -> int:
    """The first comma from ``start`` that a predicate follows (-1: none)."""
    return next((k for k in range(start, len(clause) - 1) if clause[k].kind == "COMMA"
                 and clause[k + 1].kind in _PREDICATES), -1)


def _with_subject(subject: Chunk, clause: list[Chunk], comma: int) -> list[Chunk]:
    """``subject`` and the predicate after ``comma``, as far as the grammar accepts them
    ([] when it accepts no predicate)."""
    rest = [subject, *clause[comma + 1:]]
    n = _longest(rest, 0)
    return rest[:n] if n >= 2 else []


_OWN = re.compile(r"^(?:its|their)\s+", re.IGNORECASE)
#: small words after which a name is an object, never a statement's subject ("of China's")
_BEFORE_OBJECT = frozenset({"OF", "FROM", "TO", "IN", "BY", "FOR", "WITH", "AT", "AS", "POSS"})
#: chunks a predicate starts with
_PREDICATES = frozenset({"VERB", "BE", "CHG", "WITH"})


def _objects(clause: list[Chunk]) -> set[int]:
    """The names of a clause that are objects, never a statement's subject: after a small
    word ("from Carnival Cruise Line"), and the rest of a list they open ("... to AIDA,
    Costa and P&O Cruises")."""
    out: set[int] = set()
    for k, c in enumerate(clause):
        if c.kind != "NAME" or not k or (k == 1 and clause[0].kind == "IN"):
            continue  # ("In India, refiners ran ...": the place the clause is about)
        before = clause[k - 1].kind
        after = clause[k + 1].kind if k + 1 < len(clause) else ""
        if before in _BEFORE_OBJECT or (k - 2 in out and (
                before == "AND" or (before == "COMMA" and after in ("COMMA", "AND")))):
            out.add(k)
    return out


def _fronted(clause: list[Chunk]) -> str:
    """The measure a clause puts first ("Of the batteries fitted to new EVs in Europe, CATL
    supplied 39%, LGES 31% ..."): what its shares are of, "" if none."""
    if len(clause) > 2 and clause[1].kind == "COLON":  # "Europe: of the batteries ..."
        clause = clause[2:]
    if len(clause) > 3 and clause[1].kind == "NUM" and clause[2].kind == "OF":
        clause = clause[2:]  # "Of the roughly 230 million tonnes of phosphate rock mined"
    if len(clause) < 3 or clause[0].kind != "OF" or clause[1].kind != "MEAS":
        return ""
    end = next((k for k, c in enumerate(clause) if c.kind == "COMMA"), -1)
    if end < 0 or any(c.kind not in ("MEAS", "IN", "TO", "NAME", "OF") for c in clause[1:end]):
        return ""
    return " ".join(c.text for c in clause[1:end])


def _clauses(chunks: list[Chunk]) -> Iterator[list[Chunk]]:
    clause: list[Chunk] = []
    for c in chunks:
        if c.kind == "BREAK":
            if clause:
                yield clause
            clause = []
        else:
            clause.append(c)
    if clause:
        yield clause


def _longest(clause: list[Chunk], i: int) -> int:
    """The length of the longest window from ``i`` that the grammar accepts (0: none)."""
    walker = _walker()
    if len(walker) > _MAX_STATES:
        _walker.cache_clear()
        walker = _walker()
    state, best = 0, 0
    for j in range(i, min(len(clause), i + _MAX_WINDOW)):
        result, state = walker.step(state, clause[j].kind)
        if result == lalr.Walker.DEAD:
            break
        if result == lalr.Walker.ACCEPTS:
            best = j - i + 1
    return best


class _Reader:
    """Reads the parse tree of one accepted window into :class:`Framed` values."""

    def __init__(self, window: list[Chunk], entity: str = "",
                 owner: Chunk | None = None, fronted: str = "") -> None:
        self.w = window
        self.entity = entity
        self.owner = owner
        self.tree = _walker().template(tuple(c.kind for c in window))
        self.out: list[Framed] = []
        self.subject: Chunk | None = None
        self.subject_measure = ""  # "Micron's NAND revenue": the subject's own measure
        #: the subject names its measure itself ("Lisbon's hotel capacity reached 60,000
        #: rooms"): a noun after the value is what it is counted in, not another measure
        self.counted_in = False
        #: shares read before any measure was named: (value, shape, subject, down)
        self.unmeasured: list[tuple[Chunk, str, Chunk, bool]] = []
        self.measure = fronted  # the last measure phrase a figure named (lists inherit it)
        self.fronted = fronted  # "Of the 55 Mt of salt traded, A supplied 38%": what it is of
        self.verb = ""  # the measure of the last verb or agent noun
        self.start = window[0].start  # where the claim's text starts: its verb, if any
        self.part: Chunk | None = None  # a subject that is a part of a place's whole
        self.composition: tuple[Chunk, str] | None = None  # that place, "<part> share of .."

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
             subject: Chunk | None = None, down: bool = False) -> None:
        who = subject or self.subject
        composition = shape == "composition"
        if who is None and self.composition is not None and kind != "change":
            who, measure = self.composition  # ", up from 82.4% a year earlier": the same
            composition = True
        if who is None or value.mention < 0:
            return
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
                               shape, start, self.end_of(value), down, composition))

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
            label, _, figure = self.tree.children
            if self.entity:
                first = self.chunk(label)  # type: ignore[arg-type]
                self.subject = Chunk("NAME", first.start, first.start, "", self.entity)
                self.subject_measure = first.text
                assert isinstance(figure, Tree)
                self.read_figure(figure, "label_statement")
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
        for item in predicates.children:
            if isinstance(item, Tree):
                self.read_predicate(item)
        waiting, self.unmeasured = self.unmeasured, []
        if self.measure and waiting and self.out and \
                waiting[-1][0].mention < max(f.mention for f in self.out):
            for value, shape, who, down in waiting:  # the list's last item named it
                self.emit(value, "share", shape, self.measure, who, down)
            self.out.sort(key=lambda f: f.mention)
        return self.out

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
        elif rule == "subject_measure_of":
            self.subject, self.subject_measure = parts[2], parts[0].text
            self.counted_in = True
        elif rule == "subject_measure":
            if len(parts) > 1:  # "Production of sustainable aviation fuel": one phrase
                parts = [Chunk("MEAS", parts[0].start, parts[-1].end,
                               " ".join(c.text for c in parts))]
            words = parts[0].text.lower().replace("’", "'").split()
            if _TOTAL_WORDS.intersection(words):
                self.subject = Chunk("NAME", parts[0].start, parts[0].end, parts[0].text,
                                     "World")
                self.subject_measure = parts[0].text
            elif _OWN.match(parts[0].text):  # "its potash sales volumes reached 13.2 Mt"
                whose = self.owner or (Chunk("NAME", parts[0].start, parts[0].start, "",
                                             self.entity) if self.entity else None)
                if whose is not None:
                    self.subject = whose
                    self.subject_measure = _OWN.sub("", parts[0].text)
            elif self.owner is not None:  # "Barry Callebaut AG, ..., said revenue rose"
                self.subject, self.subject_measure = self.owner, parts[0].text
            elif self.entity:  # "Capital expenditure was $13.2 billion": the document's own
                self.subject = Chunk("NAME", parts[0].start, parts[0].start, "", self.entity)
                self.subject_measure = parts[0].text
            else:  # "Coal accounted for 35% of power generation in Poland": a part, whose
                self.part = parts[0]  # share of a place's whole the figure may state
        elif rule == "subject_named_measure":  # "US nameplate capacity", "Tesla deliveries"
            self.subject, self.subject_measure = parts[0], _OWN.sub("", parts[1].text)
        elif rule == "subject_described":  # "Shanghai, the world's busiest port,"
            self.subject = parts[0]
        elif rule == "subject_place_agent":  # "In China, farmers harvested 700 Mt"
            self.subject, self.verb = parts[0], parts[2].key
        elif rule == "subject_apposition":
            self.subject = parts[0]
            rank_np = tree.children[2]
            assert isinstance(rank_np, Tree)
            self.read_rank_np(self.leaves(rank_np), "rank_apposition")

    def read_rank_np(self, parts: list[Chunk], shape: str, inherit: bool = False) -> None:
        """``the world's second-largest crude producer``: a rank, and the measure (the agent
        noun's) that later values of the statement inherit."""
        scoped = parts[0].kind == "NAME"  # "Russia's largest potash producer": a national
        parts = [c for c in parts if c.kind != "POSS"][1:] if scoped else parts  # rank
        rank = parts[0]
        measure = " ".join(c.text for c in parts[1:] if c.kind == "MEAS")
        if set(measure.lower().replace("’", "'").split()) <= _TOTAL_WORDS | _SCOPE_ONLY:
            measure = ""  # "ranking second worldwide": where, not what
        agent = next((c for c in parts if c.kind == "AGENT"), None)
        if agent is not None:
            self.verb = agent.key
        if measure and (agent is not None or shape != "rank_apposition"):
            self.measure = measure  # "Peru, the second-largest copper producer, mined": copper;
            # not "Shanghai, the world's busiest container port, handled": a kind of place
        if (agent is not None or measure) and not scoped:  # (ranks compare world-wide)
            self.emit(rank, "rank", shape, measure)
        elif inherit and not scoped and (self.measure or self.verb):
            # "Xiaomi shipped 42.3 million smartphones, ranking second worldwide": a rank in
            # the measure its statement named
            self.emit(rank, "rank", shape)

    def read_predicate(self, tree: Tree[Token]) -> None:
        rule = tree.data
        head = tree.children[0]
        first = self.chunk(head) if isinstance(head, Token) else None
        if first is not None and first.kind in ("VERB", "BE", "CHG"):
            self.start = first.start  # "holds nearly 90% of ...", as the patterns quote it
        if first is not None and first.kind == "VERB":
            self.verb = first.key
        if rule == "verbless_statement":  # "the United States 21% of global LNG exports"
            value = self.chunk(tree.children[0])  # type: ignore[arg-type]
            if self.subject is not None and not any(  # not "In Japan, 21% of cars ..."
                    c.kind != "NAME" and self.subject.end <= c.start < value.start
                    for c in self.w):
                self.read_figure(tree, rule)
            return
        if rule in ("verb_statement", "copula_statement", "with_statement"):
            tokens = [c for c in tree.children if isinstance(c, Token)] + [
                c for sub in tree.children if isinstance(sub, Tree) and sub.data == "with_figure"
                for c in sub.children if isinstance(c, Token)]  # "with a capacity of 4 Mt"
            own = "".join(self.chunk(c).text for c in tokens if self.chunk(c).kind == "MEAS")
            if own:
                self.measure = own
            for sub in tree.iter_subtrees_topdown():  # type: ignore[no-untyped-call]
                if sub.data == "figure":
                    self.read_figure(sub, rule)
                    break
        elif rule == "change_statement":
            down = first is not None and (first.key == "down" or (
                first.kind == "BE" and self.chunk(tree.children[1]).key == "down"))  # type: ignore[arg-type]
            change = tree.children[-1]
            assert isinstance(change, Tree)
            earlier = False
            for c in self.leaves(change):
                if c.kind == "FROM":
                    earlier = True  # "from 12.1 Mt": an earlier period's level
                elif c.kind == "TO" and change.data == "change_from_to":
                    earlier = False  # "up from 82.2% to a record 83.5%": the level now
                elif earlier:
                    self.emit(c, "auto", "earlier_level")
                elif change.data == "change_from_to":
                    self.emit(c, "auto", rule)
                elif c.kind == "PCT":
                    self.emit(c, "change", rule, down=down)
                elif c.kind == "NUM":
                    self.emit(c, "level", rule)
        elif rule == "rank_statement":
            parts = self.leaves(tree)
            rank_at = next(k for k, c in enumerate(parts) if c.kind == "RANK")
            if rank_at == 0 and any(c.kind == "IN" for c in parts):
                return  # "..., and ranked third in Europe": a rank among the region's only
            self.read_rank_np([c for c in parts[rank_at:] if c.kind in ("RANK", "MEAS", "AGENT")
                               and c.start < (self.with_start(parts) or 10**9)], rule,
                              inherit=rank_at == 0)
            for sub in tree.iter_subtrees_topdown():  # type: ignore[no-untyped-call]
                if sub.data == "figure":
                    self.read_figure(sub, rule)
                    break
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
        elif rule == "coordinated":
            figure = tree.children[0]
            assert isinstance(figure, Tree)
            self.read_figure(figure, rule)

    def place_of(self, part: Tree[Token] | Token) -> Chunk | None:
        """The name whose whole ``part`` measures: "of new cars sold in Norway", "of
        Germany's electricity"."""
        if isinstance(part, Tree) and part.data in ("measure_of_place", "measure_of_owner"):
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
                    whole = self.leaves(part)[-1 if part.data == "measure_of_owner" else 1]
                    self.emit(value, "share", "composition",
                              f"{self.part.text} share of {whole.text}", subject=place)
                return
            if isinstance(part, Tree) and part.data == "measure_of_place":
                parts = self.leaves(part)  # "35% of new cars sold in Norway"
                own = f"{parts[1].text} in {parts[3].text}"
            if isinstance(part, Tree) and part.data == "measure_of_owner":
                parts = self.leaves(part)  # "71% of China's soybean imports"
                own = f"{parts[1].text}'s {parts[3].text}"
            if isinstance(part, Tree) and part.data in ("measure_of", "measure_of_total",
                                                        "measure_of_source"):
                parts = self.leaves(part)
                if shape == "copula_statement" and self.counted_in and len(parts) == 1 and \
                        any(c.kind == "MEAS" and c.key == "measure" and
                            c.text == self.subject_measure for c in self.w):
                    continue  # "hotel capacity reached 60,000 rooms": what it counts in
                own = " ".join(c.text for c in parts if c.kind == "MEAS")
                if part.data == "measure_of_source":  # "90% of its imports from China"
                    own = f"{own} from {parts[-1].key}"
                if part.data == "measure_of_total":
                    total = next((c for c in parts if c.kind == "NUM"), None)
        words = own.lower().replace("’", "'").split()
        of_total = bool(_TOTAL_WORDS.intersection(words))
        if own and set(words) <= _TOTAL_WORDS | _SCOPE_ONLY:
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
