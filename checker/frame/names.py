"""Who a document names: the aliases it introduces, its own entity's candidates, the
organisations a paragraph names before "the company".

Read with regular expressions over the document's text, not the chunker: an alias
introduced in brackets ("the International Energy Agency (IEA)") or a name written in full
and then short ("Samsung Electronics Co. ... Samsung") holds for the whole document, and the
organisations a paragraph names are read only when a sentence says "it" or "the company".
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from factlint.frame.lexicon import Lexicon, normalise_phrase
from factlint.parse.units import surface_unit
from factlint.util.lazyre import lazy_compile

_ALIAS = lazy_compile(
    globals(), "_ALIAS",
    r"((?:[A-Z][\w&.'’-]*\s+){0,6}[A-Z][\w&.'’-]*)\s*\(\s*([A-Z][A-Za-z0-9&]{1,9})\s*\)")
_ABBREVIATION = lazy_compile(globals(), "_ABBREVIATION", r"\(\s*[A-Z][A-Za-z0-9&]{1,9}\s*\)")
_LOWER = lazy_compile(globals(), "_LOWER", r"\b[a-z][a-z'-]+\b")
#: a news dateline opening a paragraph ("ZURICH - ", "AUSTIN, Texas - ")
_DATELINE = lazy_compile(globals(), "_DATELINE",
                         r"^[A-Z][A-Z.' -]+(?:,\s*[A-Z][\w .'-]{0,30})?\s+[-—–]\s+")

#: possessive determiners: a capitalised word after one names what is owned, not who owns
OWNERS = frozenset({"its", "their", "our", "his", "her"})

#: capitalised words that are not names when they start a sentence or a name
NOT_NAMES = frozenset(
    "The A An In On At Of For From By With As And Or But So This That These Those It Its "
    "Their There Here He She They We Our Your Who What Which When Where While Whereas After "
    "Before Since Although Though Despite Meanwhile However Globally Overall Together Also "
    "According Analysts Including Excluding Among Between During Over Under About Around Some "
    "Most Many All Both Each Every Only Just Even Still Yet Then Now Today Last Next First "
    "Second Third Total Group Core Viewpoint Insights Key Points Market Sales Revenue "
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Q1 Q2 Q3 Q4 H1 H2 FY "
    # words a headline opens with: a question, an auxiliary, a preposition of place
    "Why How Whose Whom Is Are Was Were Can Could Should Would Does Do Did Has Have Inside "
    "Behind Beyond Without Within Against Through Across Amid Towards Average Median "
    "Typical".split())
@dataclass
class DocNames:
    """What a document says about its names: aliases it introduces, words it writes in
    lower case (so a capitalised one at a sentence's start is no name), its own entity."""

    aliases: dict[str, str] = field(default_factory=dict)  # "IEA" -> "International Energy..."
    text: str = ""  # the document's text, read for the two word sets below when needed
    entity: str = ""
    place: str = ""  # the last place a statement of the document was about ("the country")
    region: str = ""  # the one place the title names ("in the region")

    @functools.cached_property
    def lower_words(self) -> frozenset[str]:
        """Words the document writes in lower case."""
        return frozenset(_LOWER.findall(self.text))

    @contextlib.contextmanager
    def speaking_for(self, entity: str) -> Iterator[None]:
        """The document read, for a while, as speaking for ``entity`` ("the company", "it",
        a bare measure), or for nobody with ""."""
        saved, self.entity = self.entity, entity
        try:
            yield
        finally:
            self.entity = saved

    def ordinary(self, word: str) -> bool:
        """Whether a capitalised ``word`` is an ordinary word here, not a name: the document
        writes it in lower case elsewhere ("Prices rose ..." beside "prices")."""
        return word.lower() in self.lower_words  # (one set, read once: a substring search
        # of the text for every word was quadratic on a long document)


def aliases_in(text: str, title: str, lex: Lexicon) -> dict[str, str]:
    """The aliases a document introduces: a short form in brackets after a name ("the
    International Energy Agency (IEA)"), and a name written in full, then by its first word
    (see :func:`_short_forms`); each maps to the form other documents write too."""
    aliases: dict[str, str] = {}
    for bracket in _ABBREVIATION.finditer(text):  # "(IEA)": then read the name before it
        m = _ALIAS.search(text, max(0, bracket.start() - 120), bracket.end())
        if m is None or m.end() != bracket.end():
            continue
        full = clean_name(m.group(1), lex)
        if normalise_phrase(full) in lex.materials:
            continue  # "Asian spot LNG (JKM)": a price of a material, not its other name
        if full and full != m.group(2):  # both forms name one subject, keyed by the short
            short = lex.place(full) or m.group(2)  # one other documents write too
            aliases[m.group(2)] = aliases[full] = short
    for full, short in _short_forms(text.replace(title, " ", 1) if title else text, lex):
        aliases.setdefault(full, short)
    return aliases


def _short_forms(text: str, lex: Lexicon) -> list[tuple[str, str]]:
    """Names a document introduces in full and then writes by their first word ("Samsung
    Electronics Co. ... Samsung"): the full name, keyed by that word. Only where the word
    first appears in that one name, and no other name begins with it (a "Geely Holding
    Group" beside a "Geely Automobile Holdings" is not "Geely")."""
    firsts: dict[str, set[str]] = {}
    first_seen: dict[str, int] = {}
    alone: dict[str, int] = {}
    for m in _NAME_RUN.finditer(text):
        run = m.group()
        if " " not in run:  # one word: the name alone
            alone.setdefault(run.removesuffix("'s").removesuffix("’s").rstrip("."), m.start())
            continue
        full = clean_name(run, lex)  # "Nutrien Ltd" is Nutrien alone
        head = full.split()[0] if full else ""
        if " " not in full:
            alone.setdefault(head, m.start())
            continue
        firsts.setdefault(head, set()).add(full)
        first_seen.setdefault(head, m.start())
    return [(next(iter(fulls)), head) for head, fulls in firsts.items()
            if len(fulls) == 1 and head in alone and first_seen[head] < alone[head]
            and head not in NOT_NAMES and head.lower() not in lex.demonyms
            and lex.place(head) is None and normalise_phrase(head) not in lex.materials]


#: a run of capitalised words (a name), not after a sentence's end
_NAME_RUN = lazy_compile(globals(), "_NAME_RUN",
                         r"(?<![.!?]\s)(?<!^)\b[A-Z][\w&'’-]+(?:\s+[A-Z][\w&'’.-]+)*")

def clean_name(name: str, lex: Lexicon) -> str:
    """A name without "the", possessive and legal forms: "Yara International ASA" ->
    "Yara International"; "Geely Holding Group" keeps Group."""
    words = name.replace("’", "'").removesuffix("'s").split()
    while words and words[0] in ("The", "the"):
        words.pop(0)
    while len(words) > 1 and (words[-1] in lex.legal_forms or words[-1].rstrip(",") in
                              lex.legal_forms or words[-1] in PERIOD_WORDS):
        words.pop()  # (and "Delta Air Lines Q4": a period, no part of the name)
    if words and words[-1].endswith(".") and words[-1].count(".") == 1 and \
            len(words[-1]) > 3:
        words[-1] = words[-1][:-1]  # "... is SwiftDrop." ends a sentence ("Co." stays)
    return " ".join(words).rstrip(",")


#: words of a period that may close a run of capitalised words ("Delta Air Lines Q4")
PERIOD_WORDS = frozenset(
    "Q1 Q2 Q3 Q4 H1 H2 FY January February March April May June July August September "
    "October November December".split())


def organisations(text: str, lex: Lexicon, names: DocNames) -> list[str]:
    """The organisations ``text`` (a paragraph's start) names: runs of capitalised words,
    without legal forms and keyed by the document's aliases, that are no place, no demonym,
    no material and no ordinary word opening a sentence ("Apple and Xiaomi gained" names
    two). A regular expression, not the chunker: it runs for every sentence that says "the
    company" in a document without an entity of its own."""
    text = _DATELINE.sub(lambda m: " " * len(m.group()), text)  # "ZURICH - ": a place
    found = []
    for m in _CAPITALISED_RUN.finditer(text):
        words = [w for w in m.group().split() if w not in NOT_NAMES]
        if not words or (len(words) == 1 and (
                names.ordinary(words[0]) or hyphened_title(words[0]) or
                _measure_acronym(words[0].rstrip("."), names.text) or
                surface_unit(words[0].rstrip(".")) is not None)):
            continue  # ("Ready-to-eat cereal ... is in worse shape", "a quarter of GMV"
            # after "gross merchandise value (GMV)", "98.6 Mt": no name)
        name = clean_name(" ".join(words), lex)
        key = names.aliases.get(name, name)
        if key and lex.place(key) is None and key.lower() not in lex.demonyms and \
                key not in lex.legal_forms and normalise_phrase(key) not in lex.materials:
            found.append(key)
    return found


def _measure_acronym(word: str, text: str) -> bool:
    """Whether ``word`` is the abbreviation of a measure the document introduces in
    brackets after lower-case words ("gross merchandise value (GMV)")."""
    return word.isupper() and re.search(rf"\b[a-z]+\s+\({re.escape(word)}\)", text) is not None


def hyphened_title(word: str) -> bool:
    """A capitalised word hyphened to lower-case ones ("Recorded-music", "Ready-to-eat",
    "E-commerce"): an ordinary word opening a sentence, never a name ("Rolls-Royce",
    "Coca-Cola")."""
    return _HYPHENED_TITLE.fullmatch(word) is not None


_HYPHENED_TITLE = lazy_compile(globals(), "_HYPHENED_TITLE", r"[A-Z][a-z]*(?:-[a-z]+)+")
#: a run of capitalised words, with "&" or "of" inside ("Procter & Gamble")
_CAPITALISED_RUN = lazy_compile(
    globals(), "_CAPITALISED_RUN",
    r"\b[A-Z][\w'’.-]*(?:\s+(?:&\s+|of\s+|de\s+)?[A-Z][\w'’.-]*)*")




def may_stand_for(name: str, written: str, noun: str) -> bool:
    """Whether ``noun`` ("carmaker", "airline", "group") may stand for ``name`` as
    ``written`` before: a group ("Emirates Group", "Ryanair Holdings") only as a word any
    company is ("the group", "the company"), not as what one of its parts is ("the
    airline")."""
    group = re.search(rf"{re.escape(name)}\s+(?:Group|Holdings?)\b", written) is not None
    return not group or noun in ANY_COMPANY


#: nouns that stand for any organisation
ANY_COMPANY = frozenset({"group", "company", "firm", "business", "conglomerate"})


#: how far back, in characters, an antecedent is looked for (a paragraph may be one 15 MB
#: line: its last few sentences only)
ANTECEDENT_REACH = 1500


def antecedent(lex: Lexicon, names: DocNames, before: str, previous: str, said: str) -> str:
    """The one organisation the paragraph names ``before`` a sentence, if exactly one
    ("Samsung Electronics Co. led ... The South Korean company shipped ..."); where it
    names none, the one the ``previous`` paragraph names ("Tesla Inc. delivered ... || For
    the full year the electric-car maker delivered ..."), unless ``said`` (the words that
    stand for it) calls it something its name says it is not ("The Emirates Group ... ||
    The airline itself earned ...": the group is no airline); "" otherwise."""
    found = set(organisations(before[-ANTECEDENT_REACH:], lex, names))
    if not found and previous:
        text = previous[-ANTECEDENT_REACH:]
        found = set(organisations(text, lex, names))
        noun = said.lower().split()[-1] if said.split() else ""
        if len(found) == 1 and not may_stand_for(next(iter(found)), text, noun):
            return ""
    return found.pop() if len(found) == 1 else ""
