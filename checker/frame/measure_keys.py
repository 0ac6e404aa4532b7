"""Measure keys: a measure phrase as written ("sales of electric cars", "the UK grocery
market", "2024 turnover") to the key claims are compared under ("electric vehicle revenue",
"grocery market in United Kingdom", "revenue"). :meth:`Lexicon.measure_key` remembers what
:func:`measure_key` gives.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from factlint.frame.words import normalise_phrase
from factlint.model import Claim
from factlint.util.lazyre import lazy_compile

if TYPE_CHECKING:
    from factlint.frame.lexicon import Lexicon
    from factlint.frame.vocabulary import Chunk


#: the place "the region" stands for when the title names none (no figure is keyed there)
UNKNOWN_PLACE = "?"


def measure_key(lex: Lexicon, phrase: str, verb_measure: str, topic: str) -> str | None:
    """The key of a measure as written (:meth:`Lexicon.measure_key`, which remembers it)."""
    head, sep, where = phrase.partition(" to ")
    if sep and lex.place(where) is not None:  # "crude oil to China": what goes there
        key = lex.measure_key(head, verb_measure, topic)
        return None if key is None else f"{key} to {lex.place(where)}"
    head, sep, source = phrase.partition(" from ")
    if sep:  # "electricity from renewables": the head's key, from the source
        key = lex.measure_key(head, verb_measure, topic)
        src = lex.place(source) or " ".join(
            w for w in normalise_phrase(source).split()
            if w not in lex.generic_heads and w not in lex.scope_words)
        return None if key is None or not src else f"{key} from {src}"
    head, sep, where = phrase.rpartition(" in ")
    if sep and where == UNKNOWN_PLACE:
        return None  # "sold 12,400 machines in the region" of no region named: where?
    if sep and lex.place(where) is not None and not lex.is_total(lex.place(where) or ""):
        key = lex.measure_key(head, verb_measure, topic)  # "the market in the UK"
        return None if key is None else f"{key} in {lex.place(where)}"
    place, rest_phrase = _leading_place(lex, phrase)
    if place:  # "the UK grocery market", "India's wireless subscribers": in the place
        key = lex.measure_key(rest_phrase, verb_measure, topic)
        return None if key is None else f"{key} in {place}"
    words = _participle_first(lex, _of_inverted(
        lex, _without_noise(lex, normalise_phrase(phrase)).split()))
    material, rest = lex.main_material(" ".join(w for w in words if w not in lex.scope_words))
    kept = [w for w in rest.split() if w not in lex.generic_heads]
    if material or not kept or any(w not in lex.measure_heads for w in kept):
        rest = " ".join(kept)  # "rare earth elements", "cloud infrastructure services
        # spending"; but "service sales", "product revenue" are a part of the revenue
    rest = lex.synonyms.get(rest) or " ".join(lex.synonyms.get(w, w) for w in rest.split())
    rest_words = rest.split()
    if verb_measure and (verb_measure in lex.added_measures or not any(
            w in lex.measure_nouns or w in lex.measure_heads for w in rest_words)):
        # "produces 60% of the world's (refined) cobalt": (refined) cobalt production
        verb = lex.synonyms.get(normalise_phrase(verb_measure), verb_measure)
        rest = f"{rest} {verb}".strip()
    if not rest:
        return None  # "60% of the world's cobalt": cobalt what?
    rest = lex.synonyms.get(rest, rest)
    if not material and rest in lex.anaphoric_measures:
        return None  # "31% of that value", "38% of the value": the whole named before
    if not material and all(w in lex.measure_nouns for w in rest.split()):
        if not topic or rest == "market":
            return None  # "20% of the market": which market? not comparable
        material = topic  # a bare measure ("69% of production") is about the topic
    key = f"{material} {rest}".strip()
    return lex.synonyms.get(key, key)

def _leading_place(lex: Lexicon, phrase: str) -> tuple[str, str]:
    """(place, the rest) of a measure phrase that opens with a place or its demonym ("the UK
    grocery market", "India's wireless subscribers", "US crude production", "German car
    sales"); ("", phrase) when
    none does, or the place is the world's."""
    lead = _LEADING_THE.match(phrase)
    start = lead.end() if lead else 0
    for a, b, name in lex.find_places(phrase[start:]):
        if a or lex.is_total(name):
            break
        rest = phrase[start + b:]
        rest = _POSSESSIVE.sub("", rest, count=1).strip()
        if not rest or rest[:1] in ",;(":
            break
        return name, rest
    first, _, rest = phrase[start:].partition(" ")
    place = lex.demonyms.get(first.lower()) if first[:1].isupper() and rest else None
    if place is not None and not lex.is_total(place):  # "European ETF assets", "German
        return place, rest  # car sales": in Europe, in Germany
    return "", phrase

def _of_inverted(lex: Lexicon, words: list[str]) -> list[str]:
    """``words`` with a measure's "of" turned round: "sales of electric cars" is
    "electric car sales", "share of the market" "market share"; a trailing "of" goes."""
    while words and words[-1] == "of":
        words = words[:-1]
    if "of" not in words:
        return words
    at = words.index("of")
    head = [w for w in words[:at] if w not in lex.scope_words]
    tail = words[at + 1:]
    if not head or not tail or not all(
            w in lex.measure_nouns or w in lex.measure_heads for w in head):
        return words
    return [*tail, *head]

def _participle_first(lex: Lexicon, words: list[str]) -> list[str]:
    """``words`` with a participle that follows its noun put before it, as a measure is
    also written: "gross premiums written" is "gross written premiums", "tonnes lifted"
    "lifted tonnes"."""
    if len(words) < 2 or words[-1] in lex.measure_heads or words[-1] in lex.measure_nouns:
        return words
    last = words[-1]
    if not (last.endswith(("ed", "en")) or last in _IRREGULAR) or len(last) < 5 or \
            words[-2].endswith(("ed", "en")):
        return words
    return [*words[:-2], last, words[-2]]


#: participles that end in neither -ed nor -en
_IRREGULAR = frozenset({"sold", "grown", "made", "built", "spent", "held", "won", "paid",
                        "bought", "brought", "caught", "kept", "lent"})


def _without_noise(lex: Lexicon, words: str) -> str:
    """``words`` (normalised) without the phrases that never say what is counted ("full
    year revenue", "its latest estimated reserves", "November production", "2024
    turnover": a period is the claim's, never its measure's)."""
    words = _PER_PERSON.sub("per person", _PERIOD_WORD.sub(" ", words))
    if not lex.measure_noise:
        return " ".join(words.split())
    padded = f" {words} "
    for noise in lex.measure_noise:
        if f" {noise} " in padded:
            padded = padded.replace(f" {noise} ", " ")
    return " ".join(padded.split())


_LEADING_THE = lazy_compile(globals(), "_LEADING_THE", r"\s*the\s+", re.IGNORECASE)
_POSSESSIVE = lazy_compile(globals(), "_POSSESSIVE", r"^['’]s?\b")
#: one person, however written: "per capita", "per head", "per inhabitant"
_PER_PERSON = lazy_compile(globals(), "_PER_PERSON",
                           r"\bper (?:capita|head|inhabitant|resident|person)\b")
#: a year or fiscal year inside a measure phrase: "2024 turnover", "fy2024 revenue"
_PERIOD_WORD = lazy_compile(globals(), "_PERIOD_WORD",
                            r"(?<!\S)(?:fy\s?)?(?:19|20)\d\d(?:/\d\d)?(?!\S)")


#: what a figure was made in or from, named after it: "earned €85m in UEFA prize money"
_IN_WHAT = lazy_compile(globals(), "_IN_WHAT",
                        r"\s+(?:in|from)\s+(?:the\s+|its\s+|their\s+)?"
                        r"(?P<np>[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,3})")
#: first words of a period or a scope, not of what is counted: "in the first half", "in
#: fiscal 2024", "in March", "in total"
_WHEN_WORDS = frozenset(
    "the first second third fourth last next past fiscal financial calendar year years "
    "quarter quarters half month months week weeks total all q1 q2 q3 q4 h1 h2 fy january "
    "february march april may june july august september october november december "
    "annual sales revenue revenues turnover".split())


def names_its_own(lex: Lexicon, text: str, end: int, verb_measure: str) -> bool:
    """Whether the figure ending at ``end``, measured only by its verb ("earned", "spent"),
    is of something the words after it name ("earned around €85m in UEFA prize money",
    "made $2bn from advertising"): not the verb's whole measure. A place ("sold 1.2 million
    cars in Europe"), a period ("in the first half") or the verb's own measure ("earned
    $5bn in revenue") is none."""
    found = _IN_WHAT.match(text, end)
    if found is None:
        return False
    words = found.group("np")
    first = words.split()[0].lower()
    if first in _WHEN_WORDS or first[:2] in ("19", "20") or lex.place(words.split()[0]):
        return False
    if any(a == 0 for a, _, _ in lex.find_places(words)):
        return False
    return lex.measure_key(words, "", "") not in (None, verb_measure) and \
        lex.measure_key(words, verb_measure, "") != verb_measure


def composition_key(lex: Lexicon, measure_text: str) -> str | None:
    """"<part> share of <whole>": each side by the one material it names ("fully electric
    cars" -> electric vehicles; "new cars registered" -> cars), else its own words."""
    part, _, whole = measure_text.partition(" share of ")
    sides = []
    for side in (part, whole):
        words = [w for w in normalise_phrase(side).split()
                 if w not in lex.scope_words and not w.endswith("ly")]
        material, _ = lex.main_material(" ".join(words))
        if not (material or words):
            return None
        sides.append(material or " ".join(words))
    return f"{sides[0]} share of {sides[1]}"


def opens_own_measure(lex: Lexicon, chunks: Sequence[Chunk]) -> bool:
    """Whether a clause opens with a measure a company reports of itself ("Operating
    costs", "Net interest income", not "Industry revenue") and names nobody before its
    first value."""
    if not is_own_measure(lex, normalise_phrase(chunks[0].text).split()):
        return False
    for c in chunks[1:]:
        if c.kind in ("NAME", "PRON", "BREAK", "COMMA"):
            return False
        if c.kind in ("NUM", "PCT"):
            return True
    return False


def is_own_measure(lex: Lexicon, words: list[str]) -> bool:
    """Whether a measure phrase (normalised words) is one a company reports of itself: its
    head ("operating cost", "profit after tax") is an own measure and no word makes it a
    whole market's ("industry revenue")."""
    phrase = " ".join(words)
    for tail in lex.measure_phrases:
        if phrase.endswith(f" {tail}"):
            phrase = phrase[:-len(tail) - 1]
    head = phrase.split()
    return bool(head) and head[-1] in lex.own_measures and lex.market_words.isdisjoint(words)


#: what money went on, named after the figure: "spends about $40 million a year on esports"
_ON_WHAT = lazy_compile(globals(), "_ON_WHAT",
                        r"\s+(?:a\s+year\s+|per\s+year\s+|annually\s+|each\s+year\s+)?on\s+"
                        r"(?:the\s+|its\s+|their\s+)?"
                        r"(?P<np>[a-z][\w'’-]*(?:\s+(?:and\s+)?[a-z][\w'’-]*){0,3})")


def spent_on(text: str, end: int) -> str:
    """What the money of a figure ending at ``end`` went on, as written ("esports",
    "research and development"), "" if its words do not say."""
    found = _ON_WHAT.match(text, end)
    if found is None:
        return ""
    words = found.group("np").split()
    while words and words[-1] in ("in", "and", "of", "for", "to", "at", "its", "the"):
        words.pop()
    return " ".join(words)


def own_whole(lex: Lexicon, phrase: str) -> bool:
    """Whether a share's whole is a company's own measure and nothing more ("of sales", "of
    group revenue"), not a market's ("of US EV sales", "of the grocery market")."""
    words = [w for w in normalise_phrase(phrase).split() if w not in lex.scope_words]
    return len(words) == 1 and words[0] in lex.own_measures


def net_as_gross(claims: list[Claim], lex: Lexicon) -> list[Claim]:
    """One document's claims with each net measure keyed as the measure it nets ("net
    revenue" as revenue), unless the document states both of one subject, kind and period
    with different values ("Revenue ($bn) 18.6" above "Net revenue ($bn) 16.9": two
    measures there; "Net revenue rose to $1.27 billion in Q2 ... Revenue for the first half
    came to $2.43 billion": one)."""
    if not lex.net_measures:
        return claims
    stated: dict[tuple[str, str, str, str], list[Claim]] = {}
    for c in claims:
        stated.setdefault((c.subject, c.measure, c.kind, c.period.label()), []).append(c)
    out = []
    for c in claims:
        for net, gross in lex.net_measures.items():
            if f" {net} " in f" {c.measure} ":
                other = f" {c.measure} ".replace(f" {net} ", f" {gross} ").strip()
                if not any(_disjoint(c, g) for g in stated.get(
                        (c.subject, other, c.kind, c.period.label()), ())):
                    c = dataclasses.replace(c, measure=other)
                break
        out.append(c)
    return out


def _disjoint(a: Claim, b: Claim) -> bool:
    """Whether two claims' values cannot be the same figure."""
    va, vb = a.mention.value, b.mention.value
    return va is not None and vb is not None and va.unit == vb.unit and \
        not va.speaker.intersects(vb.speaker)
