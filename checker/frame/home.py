"""Whose a figure is when its sentence names no place: the place the document is about.

A document's title may name one place ("India's smartphone market stalls"). A figure whose
statement names no owner ("Foldable phone shipments reached 19.8 million units") is that
place's market's, or the world's where the title names none; a share of no named whole is a
share of that place's market; an organisation's count, in a paragraph that speaks of the
place, is its count there. Each reading holds only where nothing else in the text says whose
the figure is: :mod:`factlint.frame.claims` asks these questions after its statement
framing has found the subject and the measure.
"""

from __future__ import annotations

import re

from factlint.frame import patterns as P
from factlint.frame.lexicon import Lexicon
from factlint.frame.names import DocNames, organisations
from factlint.frame.reader import Framed, ratio_measure
from factlint.frame.titles import title_place
from factlint.model import Mention, Segment, Sentence
from factlint.util.lazyre import lazy_compile

#: an owner's word: a measure after it is someone's ("The company's cereal sales")
_OWNED = lazy_compile(globals(), "_OWNED", r"['’]s\b|\b(?:its|their|his|her|our|my)\b",
                      re.IGNORECASE)
#: a share's whole that is the subject's own ("its sales", "their revenue"): no market's
_OWN_WHOLE = lazy_compile(globals(), "_OWN_WHOLE", r"\s*(?:its|their|our|his|her)\b",
                          re.IGNORECASE)
#: a place a paragraph speaks of without naming it
_THE_COUNTRY = lazy_compile(globals(), "_THE_COUNTRY", r"\bthe\s+(?:country|nation)\b",
                            re.IGNORECASE)


def market_of(lex: Lexicon, names: DocNames, title: str, sentence: Sentence,
              paragraph: Segment | None, end: int) -> str:
    """Whose a measure no one is named for is: the place the title names, else the
    world's; "" in a document that speaks for an organisation, after an owner's word, where
    the paragraph up to ``end`` of ``sentence`` names an organisation (its sales, not the
    market's), or where the title names no place but the document has spoken of one."""
    if names.entity or _OWNED.search(sentence.text, 0, end):
        return ""  # ("The company's cereal sales fell": someone's, unresolved)
    rest = sentence.text[:end].split(None, 1)[1:]  # (its first word opens the measure)
    upto = (paragraph.text[:max(0, sentence.start - paragraph.start)]
            if paragraph is not None else "") + " " + " ".join(rest)
    if organisations(upto, lex, names):
        return ""
    home = title_place(lex, title)
    return home or ("" if names.place else "World")


def home_scope(lex: Lexicon, title: str, f: Framed, key: str, mention: Mention, text: str,
               sentence: Sentence, paragraph: Segment | None) -> str:
    """" in <place>" for an organisation's figure whose sentence names no place, when the
    title names one: a share of no named whole ("Jio held 41% of the mobile market" under
    "India's telecoms in 2024"; not a share of its own, "31% of its sales online", nor a
    ratio, "its operating margin was 3.1%"), or a count in a paragraph that names the place
    or says "the country" ("Apple had its best year yet in the country. It shipped about
    11.2 million iPhones"); "" otherwise."""
    if " in " in f" {key} " or f.subject in lex.places or P.WORLD_WORDS.search(text):
        return ""
    home = title_place(lex, title)
    if not home:
        return ""
    if f.kind == "share" and not _OWN_WHOLE.match(f.measure_text) and \
            not ratio_measure(f.measure_text):
        return f" in {home}"
    if f.kind == "level" and mention.value is not None and \
            mention.value.dimension == "count" and paragraph is not None:
        before = paragraph.text[:max(0, sentence.start - paragraph.start)]
        if _THE_COUNTRY.search(before) is not None or any(
                name == home for _, _, name in lex.find_places(before)):
            return f" in {home}"
    return ""
