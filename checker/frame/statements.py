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

from collections.abc import Iterator, Sequence

from factlint.frame.reader import OWN as _OWN
from factlint.frame.reader import TOTAL_WORDS as _TOTAL_WORDS
from factlint.frame.reader import Framed, Reader, ratio_measure, walker
from factlint.frame.rows import object_which
from factlint.frame.vocabulary import FIGURE_KINDS, Chunk
from factlint.parse import lalr
from factlint.util.bounded import BoundedMemo

#: chunks where a statement can start
_STARTS = frozenset({"NAME", "PRON", "MEAS"})
#: prefixes the walker may remember before it starts afresh (bounded memory)
_MAX_STATES = 100_000
#: the longest window fed to the parser, in chunks
_MAX_WINDOW = 40



#: chunk rows remembered with their statements (pure: the result depends on the row only),
#: by identity: the chunker hands out the row it remembers for a sentence, the same object
#: each time, so the key needs no hash of the row (the entry keeps the row alive)
_MEMO: BoundedMemo[tuple[int, str, tuple[str, str, str]],
                   tuple[tuple[Chunk, ...], tuple[Framed, ...]]] = \
    BoundedMemo(32768)


def statements(chunks: Sequence[Chunk], entity: str = "",
               carried: tuple[str, str, str] = ("", "", "")) -> list[Framed]:
    """Every value the statements of ``chunks`` frame, in order; ``entity`` is the document's
    own (the subject of "Net income was $4bn" in its results release), "" if none;
    ``carried`` the measure phrase, verb measure and subject of the paragraph's last share,
    which another subject's share that names no total of its own is of ("Voltas sold ...
    19.8% of the market. LG came second with 14.5%")."""
    row = chunks if isinstance(chunks, tuple) else tuple(chunks)
    key = (id(row), entity, carried)
    found = _MEMO.get(key)
    if found is None or found[0] is not row:
        found = _MEMO.remember(key, (row, tuple(_statements(list(row), entity, carried))))
    return list(found[1])


def _statements(chunks: list[Chunk], doc_entity: str,
                carried: tuple[str, str, str] = ("", "", "")) -> list[Framed]:
    out: list[Framed] = []
    owner: Chunk | None = None  # the last subject named: whose "its revenue" is
    before: list[Chunk] = []  # the clause before
    for clause, orphan, opener in _clauses(chunks):
        entity = doc_entity
        if orphan:  # "driven by its pulp arm, where sales rose 11%": the arm's sales, of
            owner, entity = None, ""  # no one named
        elif opener == "," and clause[0].kind == "MEAS" and clause[1:2] and \
                clause[1].kind == "OF" and _apposition_only(before):
            entity = ""  # "Corella, our largest coking coal mine, achieved saleable output of
            # 5.1 Mt": the measure of whoever the apposition describes, never a label's
        before = clause
        if owner is not None and owner.kind == "NAME" and _on_its(clause, chunks):
            # "... reported pre-tax profit of £131m for 2024 on turnover of £215m": the
            # owner's turnover, read as "<owner>'s turnover of £215m"
            clause = [owner, Chunk("POSS", clause[0].start, clause[0].start, "'s"),
                      *clause[:3]]  # (", down from £36m in 2023" after it is the first
            # figure's as likely as the turnover's: not read)
        i = 0
        fronted = _fronted(clause)
        objects = _objects(clause)
        while i < len(clause):
            n = _longest(clause, i) if clause[i].kind in _STARTS and i not in objects and \
                not _last_of_names(clause, i) and (
                i == 0 or (clause[i].kind != "MEAS" and clause[i - 1].kind not in _BEFORE_OBJECT
                           and clause[i - 1].kind != "NAME")
                or (clause[i].kind == "MEAS" and clause[i - 1].kind in ("VERB", "AND", "COMMA")
                    and _TOTAL_WORDS.intersection(clause[i].text.lower().split()))
                # ("..., pushing the global load factor up from ...": the world's)
                or (clause[i].kind == "MEAS" and clause[i - 1].kind == "AND" and owner
                    is not None and _OWN.match(clause[i].text) is not None)
                or (clause[i].kind == "MEAS" and clause[i - 1].kind == "AND" and entity
                    and i + 1 < len(clause) and clause[i + 1].kind in ("BE", "CHG"))
                # ("..., and gross merchandise value was US$41.6 billion": in a document
                # that speaks for one company, a clause of the company's own)
                or (clause[i].kind == "MEAS" and clause[i].key == "own" and owner is not None
                    and clause[i - 1].kind == "AND" and i + 1 < len(clause)
                    and clause[i + 1].kind in ("BE", "CHG"))
                # ("Ryanair carried 200.2 million passengers, and profit after tax slid 16%":
                # the clause's subject's own measure)
                # ("AWS controlled 30% of the market, and its sales grew 19%": AWS's)
                or (i == 1 and clause[0].kind == "IN")  # "In the United States, refiners ran"
            ) else 0
            if not n and i == 0 and clause[0].kind in ("NAME", "PRON") and clause[0].key:
                owner = clause[0]  # "Nordhavn Foods, the group, said | its sales ..."
                if len(clause) > 1 and clause[1].kind == "NAME" and clause[1].key and \
                        clause[0].kind == "NAME" and clause[1].start - clause[0].end > 2:
                    owner = clause[1]  # "Arizona installer Norvind Installations raised
                    # ...": the name after a role word, not the place before it
                # "Royal Caribbean Cruises Ltd., which trades as ... and owns Celebrity and
                # Silversea, carried 8.7 million guests": an aside with no figure, then the
                # predicate of the name that opened the clause
                k = _predicate_comma(clause, 1)
                if clause[1:2] and clause[1].kind == "COMMA" and k > 1 and not any(
                        c.kind in FIGURE_KINDS for c in clause[1:k]):
                    window = _with_subject(clause[0], clause, k)
                    if window:
                        out.extend(Reader(window, entity, owner, fronted).read())
                        i = k + len(window)
                        continue
            if n and clause[i].kind == "MEAS" and clause[i + 1].kind == "OF" and \
                    i + n < len(clause) and clause[i + n].kind not in ("COMMA", "LPAR"):
                n = 0  # "Sales of £3bn would be a record", "Capital expenditure of €498
                # million included ...": a subject, no label ("- Revenue of £2.41 billion,
                # up 9%" is one)
            if not n:
                i += 1
                continue
            reader = Reader(clause[i:i + n], entity, owner, fronted)
            share = next((f for f in reversed(out) if f.kind == "share"), None)
            if share is not None and not ratio_measure(share.measure_text):
                # ", and Mastercard held 38%", "; Panasonic had 8.2%": of the total the
                # statement before named (another subject's share only, but for ", and")
                reader.carried = (share.measure_text, share.verb_measure,
                                  "" if i > 1 and clause[i - 1].kind == "AND" and
                                  clause[i - 2].kind == "COMMA" else share.subject)
            elif not out:
                reader.carried = carried  # (the paragraph's, where the sentence names none)
            out.extend(reader.read())
            owner = reader.subject or owner
            subject, i = clause[i], i + n
            # "CATL, which supplied 40% of ..., sold 475 GWh": a later predicate after a
            # comma has the same subject
            while subject.kind in ("NAME", "PRON"):
                k = _predicate_comma(clause, i)
                subject = next((clause[j + 1] for j in range(max(i, 1), k - 1)
                                if clause[j - 1].kind == "COMMA" and clause[j].kind == "AND"
                                and clause[j + 1].kind == "NAME" and clause[j + 1].key
                                and j + 1 not in objects), subject)
                # ("Meridian remained the largest operator, and Albion, in second place,
                # carried 268 million": Albion's)
                window = _with_subject(subject, clause, k) if k >= 0 else []
                if not window:
                    break
                out.extend(Reader(window, entity, owner).read())
                i = k + len(window)
    return out


def _last_of_names(clause: list[Chunk], i: int) -> bool:
    """Whether the name at ``i`` ends a list of names ("France, the UK, Germany, Spain and
    Italy sold 543.6 million", "Visa and Mastercard handled ..."): what the list states is
    all of theirs, never the last one's alone."""
    if clause[i].kind != "NAME" or i < 2 or clause[i - 1].kind != "AND":
        return False
    before = clause[i - 2]
    return before.kind == "NAME" or (before.kind == "COMMA" and i >= 3
                                     and clause[i - 3].kind == "NAME")


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
    if len(clause) < 3 or clause[0].kind != "OF" or not (clause[1].kind == "MEAS" or (
            clause[1].kind == "NAME" and clause[2].kind == "POSS")):
        return ""  # ("Of Norway's salmon export value in 2024, the EU took 68%, ...")
    end = next((k for k, c in enumerate(clause) if c.kind == "COMMA"), -1)
    if end < 0 or any(c.kind not in ("MEAS", "IN", "TO", "NAME", "OF", "POSS")
                      for c in clause[1:end]):
        return ""
    return " ".join(c.text for c in clause[1:end]).replace(" '", "'").replace(" ’", "’")


def _on_its(clause: list[Chunk], chunks: list[Chunk]) -> bool:
    """Whether ``clause`` is "on <measure> of <figure>" after a figure of its sentence's
    subject: the subject's own measure."""
    if len(clause) < 3 or [c.kind for c in clause[:3]] != ["MEAS", "OF", "NUM"]:
        return False
    k = chunks.index(clause[0])
    return k > 0 and chunks[k - 1].kind == "BREAK" and chunks[k - 1].text.lower() in (
        "on", "after")  # ("raised its dividend after 2024 sales of $284 million": its sales)


def _apposition_only(clause: list[Chunk]) -> bool:
    """Whether ``clause`` is a subject and its apposition, with no figure: "Corella, our
    largest coking coal mine"."""
    return any(c.kind == "COMMA" for c in clause) and clause[-1].kind in ("MEAS", "AGENT") \
        and not any(c.kind in ("NUM", "PCT") for c in clause)


def _clauses(chunks: list[Chunk]) -> Iterator[tuple[list[Chunk], bool, str]]:
    """Each clause, whether it opens "<a noun>, whose ..." ("PalletLink is a small part
    of its parent, whose revenue was £2.84bn": the parent's, not the sentence subject's),
    and the break that opened it ("" for the first)."""
    clause: list[Chunk] = []
    orphan = False
    opener = ""
    for c in chunks:
        if c.kind == "BREAK":
            if clause:
                yield clause, orphan, opener
            opener = c.text.lower()
            orphan = (c.text.lower() == "whose" and len(clause) > 1 and
                      clause[-1].kind == "COMMA" and clause[-2].kind == "MEAS") or (
                c.text.lower() in ("which", "where") and object_which(clause))
            clause = []
        else:
            clause.append(c)
    if clause:
        yield clause, orphan, opener


def _longest(clause: list[Chunk], i: int) -> int:
    """The length of the longest window from ``i`` that the grammar accepts (0: none)."""
    shapes = walker()
    if len(shapes) > _MAX_STATES:
        walker.cache_clear()
        shapes = walker()
    state, best = 0, 0
    for j in range(i, min(len(clause), i + _MAX_WINDOW)):
        result, state = shapes.step(state, clause[j].kind)
        if result == lalr.Walker.DEAD:
            break
        if result == lalr.Walker.ACCEPTS:
            best = j - i + 1
    return best
