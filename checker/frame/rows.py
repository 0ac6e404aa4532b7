"""A chunk row made readable: the small words and asides around its measure noun phrases.

:mod:`.chunks` turns a sentence into a row of typed chunks and :mod:`.noun_phrases` merges its
measure noun phrases; this module makes the row the statement grammar reads. A small word
whose next word was dropped is dropped too ("in 2023"); a comma before words nobody reads
ends the clause; an aside in brackets with no figure goes; a name after a small word and
adjectives is an object ("demand for its newest iPhones").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factlint.frame.lexicon import Lexicon, normalise_phrase
from factlint.frame.patterns import PASSING
from factlint.frame.vocabulary import FIGURE_KINDS, Chunk
from factlint.util.lazyre import lazy_compile

_WORDS = lazy_compile(globals(), "_WORDS", r"[^\W_]+")

_ADJECTIVES = lazy_compile(globals(), "_ADJECTIVES", r"(?:\s+[a-z][a-z'-]*)+\s+")
#: words of a time phrase: "In the third quarter Orvane shipped" opens with no object
_TIME_WORDS = lazy_compile(globals(), "_TIME_WORDS",
                           r"\b(?:quarter|year|half|month|week|season|period|decade)s?\b")

_OR = lazy_compile(globals(), "_OR",
                   r"\s*or\s+(?:(?:some|about|around|roughly|nearly|almost|just)\s+)?")

#: words a gap between two chunks may hold without hiding structure ("of the world's")
_TRANSPARENT = frozenset(
    "the a an some about around roughly nearly almost its their his her our this that these "
    "those also still just only even all both each record alone together combined "
    "respectively which who now currently already again once can".split())
#: what may stand between a value and the "of" of what it counts: "$6.3 billion worth of"
_WORTH = lazy_compile(globals(), "_WORTH", r"\s+(?:worth|in\s+(?:sales|value))\s+")
#: relative words that open a clause about the name before them
_RELATIVE = frozenset({"where"})
#: nouns of a role a subject plays ("the market leader with a 32% share")
_ROLES = frozenset({"leader", "player", "brand", "vendor", "supplier", "seller", "company",
                    "firm", "group", "carrier", "airline", "destination", "market", "operator"})
#: "on" between a value (and its period) and a measure noun phrase: "£31m in 2024 on
#: turnover of £612m"
_ON_GAP = lazy_compile(globals(), "_ON_GAP", r"(?:\s+(?:in|for)\s+(?:fiscal\s+|the\s+)?"
                                             r"[\w/-]+(?:\s+[\w/-]+)?)?"
                                             r"\s+on\s+(?:(?:the|its|their|a|an)\s+)?")
#: small words that mean nothing once the words after them are dropped ("in 2023")
_DANGLING = frozenset({"IN", "FROM", "TO", "BY", "FOR", "AT", "OF", "AS", "WITH", "AND"})


def _hides(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, between two chunks, holds a word that is not transparent:
    dropped words there hide structure the chunks do not show."""
    if end - start < 2:  # a space or nothing: not even a one-letter word with room around it
        return end > start and text[start].isalnum() and text[start].lower() not in _TRANSPARENT
    return any(w.lower() not in _TRANSPARENT for w in _WORDS.findall(text, start, end))


def _same_subject(lex: Lexicon) -> frozenset[str]:
    """Words after "and" that go on with the same subject ("and the country shipped")."""
    return lex.place_pronouns | lex.entity_pronouns


_ASIDE_WORDS = frozenset({"MEAS", "IN", "OF", "FOR", "WITH", "TO", "FROM", "BY", "AT", "AND",
                          "NAME", "POSS", "AGENT"})


def _aside_start(out: list[Chunk]) -> int:
    """Where an aside after a name starts in ``out`` (the comma that opened it, read as a
    clause break since words we do not read follow it), if it holds only words of a noun
    phrase: no figure, no verb; -1 if none."""
    for j in range(len(out) - 1, max(0, len(out) - 9), -1):
        c = out[j]
        if c.kind == "BREAK" and c.text == "," and out[j - 1].kind in ("NAME", "PRON"):
            # (the name of a subject, not an object: "the mine in Saskatchewan, operated by")
            return j if j < 2 or out[j - 2].kind not in _DANGLING else -1
        if c.kind not in _ASIDE_WORDS:
            return -1
    return -1


def _aside_end(chunks: list[Chunk], k: int) -> int:
    """The comma that closes a relative aside opened at ``k`` ("whose business is in
    China,"), when a predicate follows it; -1 if none. An aside opened by "which" or "who"
    holds no figure (its figures are the name's: "which grew 5%", "who made up 16% of"); one
    opened by "whose" may ("whose crude accounts for most of its 303.2 billion barrels,"):
    the figures in it are left unframed."""
    figures = chunks[k].text.lower() not in ("which", "who")
    for j in range(k + 1, min(len(chunks) - 1, k + 16)):
        c = chunks[j]
        if c.kind == "BREAK" or (c.kind in FIGURE_KINDS and not figures):
            return -1
        if c.kind == "COMMA":
            if chunks[j + 1].kind in ("NAME", "AND"):
                continue  # a list inside it: "which owns A, B and C, carried"
            return j if chunks[j + 1].kind in ("VERB", "BE", "CHG", "WITH") else -1
            # ("whose full name is EasyFit Leisure Ltd, ended the year with 860,000
            # members": a verb factlint does not read, then the figure with its noun)
    return -1


_PREPOSITIONS = frozenset({"FROM", "OF", "IN", "TO", "BY", "FOR", "WITH", "AT"})


def _object_before(out: list[Chunk]) -> bool:
    """Whether ``out`` ends with names a preposition governs ("from New Mexico and Utah")."""
    j = len(out) - 1
    if j < 1 or out[j].kind != "NAME":
        return False
    while j > 0 and out[j].kind in ("NAME", "AND", "COMMA"):
        j -= 1
    return out[j].kind in _PREPOSITIONS


def _capacity_verb(chunks: list[Chunk], k: int) -> bool:
    """Whether chunks from ``k`` are "(the capacity) to <verb of capacity>"."""
    if k < len(chunks) and chunks[k].kind == "MEAS" and \
            normalise_phrase(chunks[k].text).split()[-1:] == ["capacity"]:
        k += 1
    return k + 1 < len(chunks) and chunks[k].kind == "TO" and chunks[k + 1].kind == "VERB" \
        and chunks[k + 1].key.endswith(" capacity")


def _restated(text: str, chunks: list[Chunk], k: int) -> bool:
    """Whether a level after ", or" ends where chunk ``k`` starts: the same figure restated
    (", or roughly 1.25 billion litres"), not another one qualified by the words after it
    (", or 826 after cancellations")."""
    if k >= len(chunks):
        return True
    after = chunks[k]
    return not _hides(text, chunks[k - 1].end, after.start) and not (
        after.kind == "BREAK" and after.text[:1].isalpha())


def _asides(chunks: list[Chunk]) -> list[Chunk]:
    """Without brackets that hold no figure ("(pipeline and LNG combined)"): an aside."""
    if not any(c.kind == "LPAR" for c in chunks):
        return chunks
    out: list[Chunk] = []
    k = 0
    while k < len(chunks):
        c = chunks[k]
        if c.kind == "LPAR":
            close = next((j for j in range(k + 1, len(chunks))
                          if chunks[j].kind in ("RPAR", "LPAR", "BREAK")), -1)
            if close > 0 and chunks[close].kind == "RPAR" and not any(
                    x.kind in FIGURE_KINDS for x in chunks[k + 1:close]):
                k = close + 1
                continue
        out.append(c)
        k += 1
    return out


#: a capitalised word: a named part ("Gigafactory Shanghai", "Crane Select")
_NAMED = lazy_compile(globals(), "_NAMED", r"(?<![\w'’])[A-Z][\w&-]*")
#: one word of a verb we do not read, between a comma and a share (", absorbed 60% of ...")
_VERB_WORD = lazy_compile(globals(), "_VERB_WORD", r"\s+[a-z]+(?:ed|s)\s+")


def _share_of_named(chunks: Sequence[Chunk], k: int) -> bool:
    """Whether ``chunks[k:]`` opens with a share of a named measure ("60% of the world's
    plug-in sales")."""
    return len(chunks) > k + 2 and chunks[k].kind == "PCT" and chunks[k + 1].kind == "OF" \
        and chunks[k + 2].kind == "MEAS"


#: words that make a possessed noun phrase a few of the owner's: "Europe's seven
#: most-visited countries", "America's top five banks", "China's biggest carmakers"
_SUBSET = lazy_compile(
    globals(), "_SUBSET",
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|dozen|"
    r"\d+|top|biggest|largest|leading|main|major|most|several|many|some|few|other)\b",
    re.IGNORECASE)


def object_which(before: list[Chunk]) -> bool:
    """Whether a "which" after ``before`` (ending in a comma) speaks of the object noun the
    clause ended with, not of its subject or its figure: the clause has stated a figure, and
    the words before the comma are neither a name nor a figure."""
    return len(before) > 1 and before[-1].kind == "COMMA" and \
        before[-2].kind not in ("NAME", "PRON", "NUM", "PCT", "COMMA") and \
        any(c.kind in ("NUM", "PCT") for c in before[:-2])


_WHICH = lazy_compile(globals(), "_WHICH", r"\s*which\b")
#: chunks after which a name is an object: its relative clause ("which had") is its own
_NAME_AS_OBJECT = frozenset({"FOLLOW", "AS", "OF", "TO", "FROM", "BY", "WITH", "FOR", "AT"})
_DASHES = frozenset({"—", "–", " - "})


def _joint(out: list[Chunk], name: Chunk, text: str) -> Chunk:
    """``name`` after "and" at the start of a clause, joined with the name before the "and"
    (popped from ``out``, or read from the text when the chunker dropped it: "Apple and
    Xiaomi shipped"); ``name`` itself when "and" goes on from something else."""
    before = len(out) - 2  # the chunk before the "and"
    if before >= 0 and out[before].kind == "NAME" and (
            before == 0 or out[before - 1].kind in ("BREAK", "COLON")):
        first = out[before]
        del out[before:]
        return Chunk("NAME", first.start, name.end, text[first.start:name.end],
                     f"{first.key} and {name.key}")
    if before >= 0 and out[before].kind not in ("BREAK", "COLON"):
        return name
    lead = _CAPITALISED_END.search(text, out[before].end if before >= 0 else 0, out[-1].start)
    if lead is None:
        return name
    del out[-1:]
    return Chunk("NAME", lead.start(), name.end, text[lead.start():name.end],
                 f"{lead.group().strip()} and {name.key}")


#: a capitalised name that ends right before an "and": "Apple and"
_CAPITALISED_END = re.compile(r"[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*\s*$")


def _dash_asides(chunks: list[Chunk]) -> list[Chunk]:
    """Dashes around an aside after a name read as the commas they stand for, when a verb
    follows the closing one: "BYD Co. — whose cars are kept out of the US — sold a third"."""
    if not any(c.kind == "BREAK" and c.text in _DASHES for c in chunks):
        return chunks
    out = list(chunks)
    for k in range(1, len(out) - 2):
        if out[k].kind != "BREAK" or out[k].text not in _DASHES or out[k - 1].kind != "NAME":
            continue
        close = next((j for j in range(k + 1, len(out) - 1)
                      if out[j].kind == "BREAK" and out[j].text in _DASHES | {".", ";"}), -1)
        if close > k + 1 and out[close].text in _DASHES and \
                out[close + 1].kind in ("VERB", "BE", "CHG"):
            opened, closed = out[k], out[close]
            out[k] = Chunk("COMMA", opened.start, opened.end, ",")
            out[close] = Chunk("COMMA", closed.start, closed.end, ",")
    return out


#: a verb of saying or thinking and its "that": what follows has a subject of its own
_THAT_CLAUSE = lazy_compile(
    globals(), "_THAT_CLAUSE",
    r"\b(?:estimates?|estimated|says?|said|believes?|believed|thinks?|thought|expects?|"
    r"expected|reckons?|reckoned|argues?|argued|notes?|noted|calculates?|calculated|"
    r"reports?|reported|claims?|claimed|found|finds?)\s+that\b"
    r"(?!\s+(?:it|its|they|their|we|our|he|she|his|her)\b)", re.IGNORECASE)
#: what a comma-bounded aside between a subject and its verb says: who reports the figure
#: ("the statistics bureau confirmed", "according to Cochilco") or how the sentence links to
#: the one before ("meanwhile", "however")
_ASIDE = lazy_compile(
    globals(), "_ASIDE",
    r"\s*(?:(?:the\s+|its\s+|our\s+)?[\w'’&.-]+(?:\s+[\w'’&.-]+){0,3}\s+(?:said|says|"
    r"confirmed|confirms|estimated|estimates|reported|reports|noted|notes|added|adds|wrote)|"
    r"according\s+to\s+[^,]{1,40}|meanwhile|however|in\s+turn|by\s+contrast|for\s+its\s+part|"
    r"in\s+other\s+words|for\s+example|as\s+a\s+result|it\s+seems)\s*", re.IGNORECASE)


def _comma_asides(chunks: list[Chunk], text: str) -> list[Chunk]:
    """Without an aside in commas between a subject and its verb: "China's 2024 production,
    the statistics bureau confirmed, was 43.1 Mt", "Milk output, meanwhile, reached ..."."""
    out = list(chunks)
    k = 1
    while k + 2 < len(out):
        if out[k].text == "," and out[k - 1].kind in ("MEAS", "NAME", "PRON"):
            close = next((j for j in range(k + 1, min(len(out) - 1, k + 8))
                          if out[j].text == ","), -1)
            if close > 0 and out[close + 1].kind in ("VERB", "BE", "CHG") and \
                    not any(x.kind in FIGURE_KINDS for x in out[k + 1:close]) and \
                    _ASIDE.fullmatch(text, out[k].end, out[close].start):
                del out[k:close + 1]
        k += 1
    return out


#: an aside after a name that says who owns it or where it is ("Lloyd, owned by Havells,")
PARTICIPLE_ASIDE = r"(?:owned|controlled|based|headquartered|listed|founded|run)\s+(?:by|in)\s"
_PARTICIPLE_ASIDE = lazy_compile(globals(), "_PARTICIPLE_ASIDE", r"\s*" + PARTICIPLE_ASIDE)
#: a clause's word that makes its figure the whole world's
_WORLDWIDE = lazy_compile(globals(), "_WORLDWIDE",
                          r"\b(?:worldwide|globally|(?:around|across)\s+the\s+world)\b")


def _clause_end(chunks: Sequence[Chunk], k: int, text: str) -> int:
    """Where the clause of ``chunks[k]`` ends in ``text``: its next break, or the end."""
    return next((c.start for c in chunks[k + 1:] if c.kind == "BREAK"), len(text))


#: an interview's answer or question label before its colon: "A", "**Q**"
_ANSWER = re.compile(r"[\s*_]*[AQ][\s*_]*")


def tidy(chunks: list[Chunk], text: str, lex: Lexicon) -> list[Chunk]:
    """Drop a small word whose next word was dropped ("in 2023", "from a year earlier"); read
    a verb of change that governs "N% of ..." as the verb that names its measure ("grew 41%
    of the world's robusta") and any other as a change."""
    out: list[Chunk] = []
    chunks = _dash_asides(_asides(_comma_asides(chunks, text)))
    objects: set[int] = set()  # names that follow a small word: objects, never subjects
    skip_to = -1
    again: dict[int, Chunk] = {}  # a closing comma -> the name its predicate speaks of
    for k, c in enumerate(chunks):
        nxt = chunks[k + 1] if k + 1 < len(chunks) else None
        if c.kind == "COLON" and k == 0 and _ANSWER.fullmatch(text, 0, c.start):
            continue  # "A: Our revenue was ...": an interview's answer (but "Farming:
            # revenue of NOK 7.3 billion" is a segment's label, never the whole's)
        if c.kind == "AGENT" and (not out or out[-1].kind == "BREAK") and nxt is not None \
                and nxt.kind in ("VERB", "BE", "CHG") and c.text.lower().endswith("s") and \
                _WORLDWIDE.search(text, c.end, _clause_end(chunks, k, text)):
            c = Chunk("NAME", c.start, c.end, c.text, "World")  # "Makers shipped 238 million
            # room air conditioners worldwide": all of the world's makers, the world's figure
        if c.kind == "AND" and nxt is not None and nxt.kind in ("VERB", "BE", "CHG") and \
                _hides(text, c.end, nxt.start) and (" ".join(
                    text[c.end:nxt.start].lower().split()) not in _same_subject(lex) or (
                    len(chunks) > 2 and [x.kind for x in chunks[:3]] == ["NAME", "POSS", "MEAS"])):
            # (", and it completed 720 million trips" after "Ridera's Indian gross bookings
            # were ...": "it" is Ridera, not its bookings; a clause we do not read)
            c = Chunk("BREAK", c.start, c.end, c.text)  # ", and the top seven lines control
            # almost three-quarters": a new subject we do not read, not the list's
        elif c.kind == "WITH" and nxt is not None and nxt.kind in ("VERB", "BE", "CHG") and \
                _hides(text, c.end, nxt.start) and out and out[-1].kind == "COMMA":
            c = Chunk("BREAK", c.start, c.end, c.text)  # ", with publishing making up almost
            # three-quarters": a subject of its own we do not read, not the sentence's
        elif c.kind in _DANGLING and (nxt is None or _hides(text, c.end, nxt.start)) and \
                not (c.kind == "AND" and nxt is not None and nxt.kind == "MEAS") and \
                not (c.kind == "AS" and nxt is not None and nxt.kind == "NAME" and
                     any(o.kind == "ASMANY" for o in out[-2:]) and
                     _ADJECTIVES.fullmatch(text, c.end, nxt.start)):
            # (but "as much as neighbouring Ghana": the other side of a multiple)
            # (an "and" before a measure stays: "turnover of £468m and its first operating
            # profit, £22m" is two figures, never "£468m operating profit")
            if nxt is not None and nxt.kind == "NAME" and c.kind not in ("AND", "AS", "BY") \
                    and _ADJECTIVES.fullmatch(text, c.end, nxt.start) and \
                    not _TIME_WORDS.search(text, c.end, nxt.start):
                objects.add(k + 1)  # "demand for its newest iPhones": an object
            continue
        if c.kind == "OF" and out and out[-1].kind in ("NUM", "PCT") and \
                _hides(text, out[-1].end, c.start) and not _WORTH.fullmatch(
                    text, out[-1].end, c.start):
            c = Chunk("BREAK", c.start, c.end, c.text)  # "$21.6bn and its first full year of
            # positive adjusted EBITDA": what the dropped words are of, not the value's
        if c.kind in ("VERB", "BE", "CHG") and out and out[-1].kind in ("NAME", "PRON") and \
                _THAT_CLAUSE.search(text, out[-1].end, c.start):
            out.append(Chunk("BREAK", out[-1].end, c.start, "that"))  # "we estimate that a
            # single customer accounted for 22%": the clause's own subject, not the speaker
        if c.kind == "NAME" and PASSING.search(text, max(0, c.start - 24), c.start):
            continue  # "overtaking Vietnam as the third-largest producer": who was passed,
            # never who holds the rank
        if k in objects or (c.kind == "NAME" and out and out[-1].kind == "NUM" and
                            not text[out[-1].end:c.start].strip() and lex.place(c.key) is None):
            c = Chunk("MEAS", c.start, c.end, c.text)  # "55.6 million iPhones": what is counted
        if c.kind == "MEAS" and out and out[-1].kind in ("NUM", "PCT") and \
                _ON_GAP.fullmatch(text, out[-1].end, c.start):
            # "an operating profit of £31m on turnover of £612m": what the figure was made on,
            # another figure's measure, never this one's
            out.append(Chunk("BREAK", out[-1].end, c.start, "on"))
        if c.kind == "NAME" and out and out[-1].kind == "AND" and nxt is not None and \
                nxt.kind in ("VERB", "BE", "CHG") and not any(
                    r.kind == "RESP" for r in chunks[k + 1:]):
            c = _joint(out, c, text)  # "Bluewater and Kestrel together reported A$1.2
            # billion": the two together, neither alone (but "A and B sold 1.2 million and
            # 0.9 million respectively": each its own)
        if c.kind == "BREAK" and c.text.lower() == "but" and nxt is not None and \
                nxt.kind in ("NUM", "PCT"):
            c = Chunk("AND", c.start, c.end, c.text)  # "15% of reserves but only 3% of ..."
        if c.kind == "COMMA" and nxt is not None and _hides(text, c.end, nxt.start) and not (
                nxt.kind in ("NUM", "PCT") and _OR.fullmatch(text, c.end, nxt.start) and (
                    nxt.kind == "PCT" or _restated(text, chunks, k + 2))) and not (
                _share_of_named(chunks, k + 1) and _VERB_WORD.fullmatch(text, c.end, nxt.start)):
            # (", absorbed almost two-thirds of the world's plug-in sales": a share of the
            # measure it names, whatever the verb, kept)
            # (", or 12% of the total": the same figure restated, kept; not ", or 826 after
            # cancellations", another figure)
            c = Chunk("BREAK", c.start, c.end, c.text)  # ", employs 9,000": words we do not read
        if c.kind == "COMMA" and out and out[-1].kind == "COMMA":
            continue  # "Saudi Arabia, by contrast, pumped": the aside between them dropped
        if skip_to > k:
            continue  # inside an aside ("whose business is overwhelmingly in China")
        if k in again:
            out.append(Chunk("BREAK", c.start, c.end, c.text))
            out.append(again[k])
            continue
        if c.kind == "NAME" and len(out) > 1 and out[-1].kind == "COMMA" and \
                out[-2].kind == "NAME" and lex.place(out[-2].key) is None and \
                lex.place(c.key) is not None and nxt is not None and \
                nxt.kind in ("COMMA", "BREAK") and nxt.text == ",":
            out.pop()  # "Donaldsonville, Louisiana, which": where the name is, not another
            continue
        if c.kind == "RANK" and len(out) > 3 and out[-1].kind == "POSS" and \
                out[-2].kind == "NAME" and lex.place(out[-2].key) is not None and \
                out[-3].kind == "COMMA" and out[-4].kind == "NAME" and \
                not text[out[-1].end:c.start].strip():
            del out[-2:]  # "Ethiopia, Africa's largest producer,": a rank within the place
        if c.kind == "BE" and _capacity_verb(chunks, k + 1):
            skip_to = next(j for j in range(k + 1, len(chunks)) if chunks[j].kind == "VERB")
            continue  # "has the capacity to produce", "is able to produce": the verb says it
        if c.kind == "COMMA" and nxt is not None and nxt.kind in ("VERB", "BE") and \
                _object_before(out):
            c = Chunk("BREAK", c.start, c.end, c.text)  # "shipments from New Mexico and
            # Utah, accounted for 39%": an object is no subject of the verb after it
        if c.kind == "COMMA" and nxt is not None and nxt.kind in ("VERB", "BE", "CHG"):
            opened = _aside_start(out)
            if opened >= 0:  # "Chevron Corp., its closest rival there, produced", "Apple
                del out[opened:]  # Inc., helped by early demand for its iPhones, shipped"
                continue
        if c.text == "," and out and out[-1].kind == "NAME" and \
                _PARTICIPLE_ASIDE.match(text, c.end):
            close = next((j for j in range(k + 1, min(len(chunks) - 1, k + 8))
                          if chunks[j].text == "," or chunks[j].kind in FIGURE_KINDS), -1)
            if close > 0 and chunks[close].text == "," and \
                    chunks[close + 1].kind in ("VERB", "BE", "CHG", "WITH"):
                skip_to = close + 1  # "Lloyd, owned by Havells, had 9.5%": who owns it is
                continue  # no statement of the name's
        if c.kind == "BREAK" and c.text.lower() in ("whose", "who", "which") and \
                len(out) > 1 and out[-1].kind == "COMMA" and out[-2].kind in ("NAME", "PRON"):
            close = _aside_end(chunks, k)
            if close > 0 and not any(x.kind in FIGURE_KINDS
                                     for x in chunks[k:close]):
                skip_to = close + 1  # "Alibaba Cloud, whose business is in China, held 4%"
                if out[-2].kind == "PRON":
                    out.pop()  # "The Leeds-based carrier, which began life ..., handled"
                continue
            if close > 0:  # "Venezuela, whose crude accounts for most of its 303.2 billion
                again[close] = out[-2]  # barrels, sat on": the aside read as it is, and
                # the name again after it for the predicate
            if c.text.lower() == "whose" and nxt is not None and nxt.kind == "MEAS":
                out.append(c)  # "ahead of Saudi Arabia, whose shipments fell to 86 Mt": the
                out.append(out[-3])  # name owns what the clause measures, nobody before it
                continue
        after = next((x for x in chunks[k + 1:] if x.kind != "POSS"), None)
        if c.kind == "BE" and after is not None and after.kind == "COMMA" and \
                _hides(text, c.end, after.start):
            continue  # "Vietnam was the region's star performer, with 17.6 million ...": the
            # words after the verb are dropped, so "with" speaks of the subject
        if c.kind == "BE" and nxt is not None and (nxt.kind in ("VERB", "CHG") or (
                nxt.kind == "MEAS" and any(x.kind == "WITH" for x in chunks[k + 2:k + 4])
                and normalise_phrase(nxt.text).split()[-1] in _ROLES)):
            continue  # "had shipped": an auxiliary; "remained the market leader with a 32%
            # share": the role named before "with" says nothing the figure does not
        if c.kind == "BREAK" and c.text.lower() in ("which", "where") and object_which(out):
            out.append(c)  # "held 34% of the members of the budget segment, which had 4.2
            continue  # million members", "driven by its pulp arm, where sales rose 11%": the
            # segment's, the arm's, not the subject's (no subject)
        if c.kind == "BREAK" and c.text.lower() in ("which", "who") and len(out) > 2 and \
                out[-1].kind == "COMMA" and out[-2].kind == "NAME" and \
                out[-3].kind in _NAME_AS_OBJECT:
            out.append(c)  # "third, behind Kuaile Fit, which had 2,300 clubs", "three times
            out.append(out[-3])  # as many as Orsino, which sold 24,600": the other's figure,
            continue  # not the subject's
        if c.kind == "BREAK" and c.text.lower() in ("which", "who"):
            continue  # an aside not skipped above ("which ranked second among ..., reported",
            # "who made up 16% of ..."): its words are the name's, read as they stand
        if c.kind == "BREAK" and c.text.lower() in _RELATIVE and len(out) > 1 and \
                out[-1].kind == "COMMA" and out[-2].kind == "NAME" and (
                    lex.place(out[-2].key) is not None
                    or (len(out) > 2 and out[-3].kind in ("IN", "AT"))) and \
                (len(out) < 3 or out[-3].kind not in ("NAME", "OF", "AND")):
            out.pop()  # "the Permian, where output ...", "In Dublin, where capacity
            continue  # reached 1.2 GW": the name is what the clause speaks of
        if c.kind == "POSS" and (not out or _hides(text, out[-1].end, c.start)):
            continue  # "the country's": its owner was dropped
        if c.kind == "POSS" and out and out[-1].kind == "NAME" and nxt is not None and \
                nxt.kind in ("VERB", "BE", "CHG") and _SUBSET.search(text, c.end, nxt.start):
            name = out.pop()  # "Europe's seven most-visited countries welcomed": a few of
            # the place's, a subject of their own, not the place
            whole = " ".join(text[name.start:nxt.start].split())
            out.append(Chunk("NAME", name.start, nxt.start, whole, whole))
            continue
        if c.kind == "POSS" and out and out[-1].kind == "NAME" and nxt is not None and \
                (nxt.kind == "NUM" or (nxt.kind == "PCT" and k + 2 < len(chunks)
                                       and chunks[k + 2].kind == "OF")) and \
                (len(out) == 1 or out[-2].kind == "BREAK"):
            out.append(c)  # "India's 8.9 Mt of ethylene capacity": the owner's figure,
            continue  # opening its clause (in a list, "South Korea's 26%", an item's; "Orrin's
            # 64% share of the gear market" names its measure as a verbless statement does)
        if c.kind == "POSS" and out and out[-1].kind == "NAME" and nxt is not None and (
                nxt.kind in ("NUM", "PCT") or (nxt.kind in ("VERB", "BE", "CHG")
                                               and _hides(text, c.end, nxt.start)
                                               and not _NAMED.search(text, c.end, nxt.start))):
            continue  # "China's yards hold 71%, South Korea's 26%": the name's own (but
            # "Tesla's Gigafactory Shanghai delivered", "H&C's Crane Select range sold": a
            # named part's, not the name's)
        if c.kind == "POSS" and out and out[-1].kind == "NAME" and nxt is not None and \
                nxt.kind == "COMMA" and _hides(text, c.end, nxt.start) and \
                _WHICH.match(text, nxt.end):
            continue  # "America's charging network, which had 1.95 million ports": the name's
        if c.kind == "LPAR" and nxt is not None and nxt.kind == "RPAR":
            continue  # "(b/d)": nothing kept inside
        if c.kind == "RPAR" and k and chunks[k - 1].kind == "LPAR":
            continue
        if c.kind == "VERB" and c.text.lower() in lex.change_verbs and not (
                nxt is not None and nxt.kind in ("NUM", "PCT") and k + 2 < len(chunks)
                and chunks[k + 2].kind == "OF"):
            c = Chunk("CHG", c.start, c.end, c.text, lex.change_verbs[c.text.lower()])
        out.append(c)
    return out
