"""Measure noun phrases: runs of content words in a chunk row made one ``MEAS`` chunk.

A run of words becomes a measure noun phrase when it names a measure or a material, follows
"of" or a value, or is the class a rank ranks ("the UK's second-largest motor insurer"); a
participle after a measure stays in it ("the batteries installed in EVs"); modifiers joined
by "and" before one measure noun are one phrase ("onboard and other revenue"); a dropped word
that begins a clause ("that", "can") ends it. Other runs are dropped. :mod:`.rows` then makes
the row the statement grammar reads.
"""

from __future__ import annotations

import re

from factlint.frame.lexicon import Lexicon, normalise_phrase
from factlint.frame.measure_keys import is_own_measure
from factlint.frame.vocabulary import FUNCTION as _FUNCTION
from factlint.frame.vocabulary import Chunk
from factlint.frame.vocabulary import kind_of as _kind
from factlint.util.lazyre import lazy_compile

#: past participles that do not end in -ed ("the cars sold in Norway")
IRREGULAR_PARTICIPLES = ("sold", "grown", "made", "built", "spent", "held", "won", "spread",
                         "split")
_PARTICIPLE = lazy_compile(globals(), "_PARTICIPLE",
                           rf"\s+([a-z]{{3,}}(?:ed|ing)|{'|'.join(IRREGULAR_PARTICIPLES)})\b")
_OWN = lazy_compile(globals(), "_OWN", r"\b(?:its|their|our)\s+$", re.IGNORECASE)
#: a verb without an ending between two words of a noun phrase is a noun: "the global ship
#: orderbook", "the export market"
_UNINFLECTED = lazy_compile(globals(), "_UNINFLECTED", r"[a-z]+(?<!ed)(?<!s)(?<!ing)")
_PAST = frozenset("grew sold made ran flew spent built won held drew bought took brought laid "
                  "fell rose".split())


def _verb_after(chunks: list[Chunk], k: int) -> bool:
    """Whether a verb follows chunk ``k`` in its clause."""
    for c in chunks[k:]:
        if c.kind == "BREAK":
            return False
        if c.kind in ("VERB", "BE", "CHG"):
            return True
    return False


_AND_OTHER = lazy_compile(globals(), "_AND_OTHER", r"\s+and\s+(?:other\s+)?")
#: "by value", "by volume" after a measure: how it is counted, part of the measure
_BY_HOW = frozenset({"value", "volume"})
#: words the chunker drops that begin a clause: never inside one measure's words
_CLAUSE_GAP = lazy_compile(
    globals(), "_CLAUSE_GAP",
    r"\b(?:that|which|who|whom|can|could|will|would|should|may|might|must|is|are|was|were|"
    r"has|have|had|does|do|did)\b", re.IGNORECASE)


def _modifiers(word: Chunk, after: list[Chunk], text: str, lex: Lexicon) -> bool:
    """Whether "and" joins two modifiers of one measure noun ("onboard and other revenue",
    "parts and service sales"): a lower-case word that is no measure, "and", then words up to
    a measure noun."""
    lower = normalise_phrase(word.text)
    if word.kind != "WORD" or not word.text.islower() or lower in lex.measure_heads or \
            lower in lex.measure_nouns or lower in lex.own_measures or not after or \
            not _AND_OTHER.fullmatch(text, word.end, after[0].start):
        return False
    for c in after:
        if c.kind not in ("WORD", "MEAS"):
            return False
        if not lex.measure_heads.isdisjoint(normalise_phrase(c.text).split()):
            return True
    return False


#: link verbs that say what a measure is, not what an owner holds ("Its studios hold 790
#: members": the studios' members, not a measure called studios)
_COPULAS = frozenset(
    "is was were are be been reached reaches totalled totaled totals stood stands averaged "
    "averages hit remained remains".split()) | frozenset(
    {"amounted to", "amounts to", "came to", "comes to", "stood at", "stands at", "came in at",
     "ended at", "ended the year at"})
#: adjectives of a thing's size after a value ("35 miles long")
_DIMENSIONS = frozenset({"long", "wide", "high", "tall", "deep", "thick", "old", "away"})
#: what may stand before a clause's subject
_CLAUSE_OPENS = frozenset({"", "BREAK", "COMMA", "AND", "POSS", "COLON"})


def _subject_of_value(chunks: list[Chunk], k: int, before: str, run: list[Chunk],
                      out: list[Chunk]) -> bool:
    """Whether a run of content words opens its clause and a link or change verb and a
    value follow it ("Full-game net bookings were $1.67 billion", "Transits fell 29% to
    9,944"): the subject of a figure, so a measure even where no measure word says so."""
    if before == "AND" and (len(out) < 2 or out[-2].kind not in ("NUM", "PCT", "RPAR",
                                                                  "COMMA")):
        return False  # ("the bill for water and wastewater services was": no clause opens)
    if k + 3 < len(chunks) and chunks[k].kind in ("AT", "IN") and chunks[k + 1].kind == "NAME":
        k += 2  # "The average basket at Pelham Foods edged up to £31.40": its measure there
    elif k + 2 < len(chunks) and chunks[k].kind in ("FOR", "IN") and \
            chunks[k + 1].kind in ("BE", "CHG"):
        k += 1  # "ESA's funding for 2024 totalled €779 million": its period between
    if before not in _CLAUSE_OPENS or k + 1 >= len(chunks) or not (
            chunks[k].kind == "CHG" or (chunks[k].kind == "BE" and " ".join(
                chunks[k].text.lower().split()) in _COPULAS)) or not all(c.text[:1].islower() or (
                n == 0 and c.text[:1].isupper()) for n, c in enumerate(run)):
        return False
    follow = chunks[k + 1:k + 4]
    if follow and follow[0].kind in ("TO", "BY", "AT"):
        follow = follow[1:]
    return bool(follow) and follow[0].kind in ("NUM", "PCT") and not (
        len(follow) > 1 and (follow[1].kind == "OF" or follow[1].text.lower() in _DIMENSIONS))
    # (not "Hotels were 6% of our nights", "Live commerce was $7.5bn of GMV": a part of
    # another measure; nor "The new road is 35 miles long": the size of a thing)


def _scoped_subject(chunks: list[Chunk], kinds: list[str], at: int, lex: Lexicon) -> bool:
    """Whether "in" at ``at`` scopes a measure that opens a clause by a few common nouns
    before its verb ("Sales in travel retail fell", "Revenue in skincare rose"), not by a
    place or a time."""
    last = normalise_phrase(chunks[at - 1].text).split()[-1:] if at else []
    if not last or last[0] not in lex.measure_heads:
        return False
    j = at + 1
    while j < len(chunks) and kinds[j] == "WORD" and chunks[j].text[:1].islower():
        j += 1
    return 1 < j - at <= 3 and j < len(chunks) and kinds[j] in ("VERB", "BE", "CHG") and \
        (at == 1 or kinds[at - 2] in ("COMMA", "BREAK", "COLON", "POSS"))


def merge_measures(chunks: list[Chunk], text: str, lex: Lexicon) -> list[Chunk]:
    """Runs of content words become one ``MEAS`` when they name a measure or a material, or
    follow "of" or a value ("12.9 million barrels of crude oil"); other runs are dropped."""
    out: list[Chunk] = []
    run: list[Chunk] = []

    def flush() -> None:
        if not run:
            return
        phrase = " ".join(c.text for c in run)
        words = normalise_phrase(phrase).split()
        before = out[-1].kind if out else ""
        if before == "NUM" and out[-1].key != "count" and (
                text[out[-1].end:run[0].start].strip() or not run[0].text.islower()):
            before = ""  # "72 dollars a tonne": words after a unit are not what is counted
            # (but "its 8.98 million b/d ceiling": a noun right after it is what it is)
        after = chunks[k_next].kind if k_next < len(chunks) else ""
        if before == "PCT" and (run[0].text.lower().endswith("ed") or run[0].text.lower() in
                                IRREGULAR_PARTICIPLES):
            before = ""  # "the remaining 19% spread across smaller brands": not what it is of
        ranked = before == "RANK" or (before == "NAME" and len(out) > 1 and out[-2].kind == "RANK")
        ranked = ranked or (before == "BY" and any(c.kind == "RANK" for c in out[-5:]))
        # ("the second-largest hotel group by rooms": what the rank is by)
        # ("the UK's second-largest motor insurer": the class a rank ranks, kept as its measure)
        subject = False  # the subject of a value, a measure whatever its words
        if after == "AGENT" or before in ("OF", "NUM", "PCT") or run[0].kind == "MEAS" or \
                ranked or (subject := _subject_of_value(chunks, k_next, before, run, out)) or \
                not lex.measure_nouns.isdisjoint(words) or \
                not lex.measure_heads.isdisjoint(words) or lex.materials_in(phrase):
            start = run[0].start
            own = _OWN.search(text, max(0, start - 8), start)
            if own is not None:  # "its rare earth imports": a share of the subject's own total
                start = own.start()
            end = run[-1].end
            tail = _PARTICIPLE.match(text, end)
            follows = chunks[k_next] if k_next < len(chunks) else None
            if tail is not None and tail.group(1).lower() not in _FUNCTION and \
                    _kind(lex, tail.group(1).lower()) in ("", "VERB") and not (
                        follows is not None and follows.start == tail.start(1)
                        and " " in follows.text) and (  # "accounted for": a verb of its own
                        (out and out[-1].kind not in ("COMMA", "COLON", "BREAK"))
                        or _verb_after(chunks, k_next + 1)):
                # (opening a clause, "Wind farms supplied 58%" is the clause's verb unless
                # another follows: "Batteries installed in EVs rose 27%")
                # "the sugar traded internationally", "the batteries installed in EVs": a
                # participle changes what is counted; its measure if we know the verb, else
                # the word itself, so that the key names what was written
                end = tail.end()
            if out and out[-1].kind == "MEAS" and not text[out[-1].end:start].strip():
                start = out.pop().start  # "the PCs shipped | worldwide": one phrase
            named = not (lex.measure_nouns.isdisjoint(words) and lex.measure_heads.isdisjoint(
                words))  # the phrase names a measure ("hotel capacity"), not only a thing
            reported = named and is_own_measure(lex, words)  # a company's own measure
            only_ranked = ranked and not named and not lex.materials_in(phrase) and \
                after != "AGENT"  # ("motor insurer": a class, which no later figure measures)
            out.append(Chunk("MEAS", start, end, text[start:end],
                             "own" if reported else "measure" if named or subject else
                             "class" if only_ranked else ""))
        run.clear()

    k_next = 0
    kinds = [c.kind for c in chunks]
    last = len(chunks) - 1
    owned: set[int] = set()  # "share of | Australia 's | wine exports": one measure
    for k, c in enumerate(chunks):
        kind = c.kind
        if k in owned:
            run.append(c)
            continue
        if kind == "BY" and run and k < last and kinds[k + 1] in ("WORD", "MEAS") and \
                chunks[k + 1].text.lower() in _BY_HOW and not (
                    lex.measure_heads.isdisjoint(words := normalise_phrase(run[-1].text).split())
                    and lex.measure_nouns.isdisjoint(words)):
            run.append(c)  # "wine exports by value": the exports' value
            continue
        if kind == "WORD" or kind == "MEAS":
            if run and _CLAUSE_GAP.search(text, run[-1].end, c.start):
                k_next = k  # "64% share of the global gear market | means that most
                flush()  # dealers": a clause begins, the measure has ended
            run.append(c)
            continue
        if kind == "IN" and run and _scoped_subject(chunks, kinds, k, lex):
            run.append(c)  # "Sales in travel retail fell 9%": that channel's sales, no more
            continue
        if kind == "AND" and run and _modifiers(run[-1], chunks[k + 1:k + 4], text, lex):
            run.append(c)  # "onboard and other revenue": one measure, a part of revenue
            continue
        if kind == "OF" or kind == "VERB" or kind == "NAME":
            nxt = kinds[k + 1] if k < last else ""
            prev = run[-1].kind if run else (out[-1].kind if out else "")
            if kind == "OF" and run and (nxt in ("WORD", "MEAS") or (
                    nxt == "NAME" and lex.place(chunks[k + 1].key) is None) or (
                    nxt == "NAME" and kinds[k + 2:k + 4] in (["POSS", "WORD"],
                                                             ["POSS", "MEAS"]))) and \
                    normalise_phrase(run[-1].text).split()[-1:] in (
                        ["share"], ["portion"], ["proportion"]):
                run.append(c)  # "share of NAND revenue": one measure; "share of
                if nxt == "NAME" and lex.place(chunks[k + 1].key) is not None:  # Australia's
                    owned.update((k + 1, k + 2))  # wine exports": of the place's exports
                continue
            if kind == "VERB" and ((nxt in ("WORD", "MEAS") and (
                    prev == "OF" or (run and c.text.lower().endswith("ing")) or (
                        run and _UNINFLECTED.fullmatch(c.text.lower())
                        and c.text.lower() not in _PAST))) or (
                    run and normalise_phrase(c.text) in lex.measure_nouns)):
                run.append(c)  # "27% of mined copper", "rare earth processing capacity"
                continue
            if kind == "NAME" and nxt in ("WORD", "MEAS") and lex.place(c.key) is None and (
                    prev in ("OF", "POSS", "NUM", "PCT") or (run and c.text.isupper())):
                run.append(c)  # "12% of NAND revenue", "Micron's DRAM sales"
                continue
        if run:
            k_next = k
            flush()
        if out and out[-1].kind == "MEAS" and c.start < out[-1].end:
            continue  # the participle a measure took in ("the batteries installed")
        out.append(c)
    k_next = len(chunks)
    flush()
    return out
