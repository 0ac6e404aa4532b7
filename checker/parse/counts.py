"""Counts in words: "eight changes", "two mosques", "Twenty-three players".

A number word that no quantity expression holds counts things. The statement grammar
would frame such a figure like any other ("Airbus made eight changes" is no aircraft
production), so :func:`find_counts` returns them apart from the sentence's mentions: they
are listed by ``factlint claims`` (unframed, reason ``count``) and never framed or
compared. :func:`counted_noun` names what a bare count counts, for a count in words and
for one in digits ("1,200 ships") alike.

Not counts: ``one`` as a pronoun ("one of the", "no one", "the longer one", "one obtains"),
a capitalised number word inside a sentence (a name: Formula One, the Big Four), a number
word that starts a hyphenated word ("two-day" is read by the grammar when it is a unit),
``net zero``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from fractions import Fraction

from factlint import interval as iv
from factlint.model import Interval, Location, Mention, Value
from factlint.parse.anchors import padded_lower
from factlint.parse.numbers import ENGLISH_NUMBERS, cardinal_at, written_half_width
from factlint.parse.tokens import QUALIFIERS
from factlint.util.lazyre import lazy_compile

Locate = Callable[[int, int], Location]

_ONES = "one|two|three|four|five|six|seven|eight|nine"
_WORDS = "|".join(sorted(ENGLISH_NUMBERS, key=len, reverse=True))
#: a number word, searched in :func:`factlint.parse.anchors.padded_lower` text (one character
#: class first, so ``re`` skips in C to the next non-letter)
_NUMBER_WORD = lazy_compile(
    globals(), "_NUMBER_WORD",
    rf"[^a-z'’-](?:(?:{_WORDS})(?:-(?:{_ONES}))?|an?\s+(?:hundred|thousand|million|billion|"
    rf"trillion|dozen))(?![a-z'’-])")

#: words that end a noun phrase, or stand where a counted noun would
_FUNCTION_WORDS = frozenset("""
a an the this that these those its their his her our your my of and or nor but to in on at
for with by from as than which who whom whose were was is are be been being has have had
will would can could may might must should shall do does did not per into over under after
before since until about between among each more less fewer times another other others if
when while so such up down out off only just also even still
said says say told paid made took gave got saw won sold bought built held led met ran rose
fell grew came went became began kept brought spent""".split())  # and verbs that end a phrase
#: plurals that do not end in s (a word ending in ss, us or is is no plural: class, status)
_PLURALS = frozenset(
    "people children men women aircraft staff police cattle sheep fish data media personnel "
    "feet teeth mice geese deer offspring crew".split())
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "'s", "’s")
_NOUN_WINDOW = 6
_WORD = lazy_compile(globals(), "_WORD", r"\s*([A-Za-z][A-Za-z0-9'’-]*)")

#: "one" as a pronoun: after a determiner ("no one", "the one", "any one of") ...
_ONE_DETERMINER_BEFORE = lazy_compile(
    globals(), "_ONE_DETERMINER_BEFORE",
    r"(?<![A-Za-z])(?:the|that|this|any|each|every|no|which|some|at|in)\s+$", re.IGNORECASE)
_NET_BEFORE = lazy_compile(globals(), "_NET_BEFORE", r"(?<![A-Za-z])net\s+$", re.IGNORECASE)


def counted_noun(text: str, end: int, one: bool = False) -> str | None:
    """The noun a bare count ending at ``end`` counts: the first plural in the words after
    it before a function word or a punctuation mark ("four FA Cup finals" -> finals), else
    the last of those words that is no verb in -ed or -ing ("seven new aircraft", "one
    reimbursement"); None when a function word, a mark or such a verb follows the number
    ("forty stayed"). A count of ``one`` counts a singular: the word before a plural-looking
    one is its noun ("One entry stands" -> entry)."""
    words: list[str] = []
    pos = end
    while len(words) < _NOUN_WINDOW:
        m = _WORD.match(text, pos)
        if m is None:
            break
        word = m.group(1)
        if word.lower() in _FUNCTION_WORDS:
            break
        if _plural(word):
            if one and words:
                break  # "one entry stands": a singular count's noun comes before its verb
            return _bare(word)
        words.append(word)
        pos = m.end()
    while words and words[-1].lower().endswith(("ed", "ing")):
        words.pop()  # "forty stayed", "two remaining": a verb or participle, no noun
    return _bare(words[-1]) if words else None


def _plural(word: str) -> bool:
    low = word.lower()
    return low in _PLURALS or (low.endswith("s") and not low.endswith(_NOT_PLURAL_ENDINGS)
                               and len(low) > 3)


def _bare(word: str) -> str:
    """The word without a possessive ending (companies' -> companies)."""
    return word.rstrip("'’").removesuffix("'s").removesuffix("’s")


def _is_pronoun_one(text: str, start: int, end: int) -> bool:
    """Whether ``one`` at ``[start, end)`` is a pronoun, not a count."""
    if _ONE_DETERMINER_BEFORE.search(text, max(0, start - 12), start):
        return True
    m = _WORD.match(text, end)
    if m is None or m.start(1) != end + 1:  # a mark or the end after it: "the longer one."
        return True
    word = m.group(1).lower()
    return word in _FUNCTION_WORDS or _plural(word)  # one of, one another, one obtains


def _is_count(text: str, start: int, end: int) -> bool:
    word = text[start:end]
    if word[0].isupper() and text[:start].strip() and not text[:start].rstrip().endswith(
            (".", ":", ";", "(", "\"", "“")):
        return False  # Formula One, the Big Four: a capitalised word inside a sentence
    low = word.lower()
    if low == "one":
        return not _is_pronoun_one(text, start, end)
    if low == "zero":
        return not _NET_BEFORE.search(text, max(0, start - 6), start)
    return True


_QUALIFIER_BEFORE = lazy_compile(
    globals(), "_QUALIFIER_BEFORE",
    r"(?<![A-Za-z])(?P<q>" + "|".join(
        sorted((k.replace(" ", r"\s+") for k in QUALIFIERS if k.replace(" ", "").isalpha()
                and k.isascii()), key=len, reverse=True)) + r")\s+$", re.IGNORECASE)
_BETWEEN_BEFORE = lazy_compile(globals(), "_BETWEEN_BEFORE", r"(?<![A-Za-z])between\s+$",
                               re.IGNORECASE)
_FROM_BEFORE = lazy_compile(globals(), "_FROM_BEFORE", r"(?<![A-Za-z])from\s+$", re.IGNORECASE)
_TO_GAP = lazy_compile(globals(), "_TO_GAP", r"\s*(?:-|–|\s+to\s+)\s*$", re.IGNORECASE)
_AND_GAP = lazy_compile(globals(), "_AND_GAP", r"\s+and\s+$", re.IGNORECASE)
_Read = tuple[int, int, Fraction, Fraction]  # start, end, value, half-width


_Count = tuple[int, int, Interval, Interval, str, tuple[Fraction, ...]]


def _ranges(text: str, reads: list[_Read]) -> list[_Count]:
    """Counts and ranges of counts ("between five and seven", "five to seven"), each with
    its qualifier ("nearly thirty"): (start, end, speaker's and strict readings, qualifier,
    numbers as written)."""
    out: list[_Count] = []
    k = 0
    while k < len(reads):
        start, end, x, h = reads[k]
        if k + 1 < len(reads):
            s2, e2, x2, _ = reads[k + 1]
            gap = text[end:s2]
            between = _BETWEEN_BEFORE.search(text, max(0, start - 10), start)
            if x < x2 and ((between is not None and _AND_GAP.fullmatch(gap)) or (
                    _TO_GAP.fullmatch(gap) and not _FROM_BEFORE.search(
                        text, max(0, start - 6), start))):
                lo = between.start() if between is not None else start
                span = iv.span(x, x2)
                out.append((lo, e2, span, span, "", (x, x2)))
                k += 2
                continue
        qualifier = ""
        m = _QUALIFIER_BEFORE.search(text, max(0, start - 20), start)
        if m is not None:
            qualifier = QUALIFIERS[" ".join(m.group("q").lower().split())]
            start = m.start()
        out.append((start, end, iv.reading(x, h, qualifier),
                    iv.reading(x, h, qualifier, "strict"), qualifier, (x,)))
        k += 1
    return out


def find_counts(text: str, offset: int, mentions: Sequence[Mention],
                locate: Locate | None = None) -> list[Mention]:
    """The counts in words of one sentence that none of its ``mentions`` holds, as
    mentions of kind quantity (a count) or range (of counts) with a bare count's value
    (``offset`` as in :func:`factlint.parse.mentions.find_mentions`)."""
    taken = [(m.start - offset, m.end - offset) for m in mentions]
    reads: list[_Read] = []
    done = 0
    for m in _NUMBER_WORD.finditer(padded_lower(text)):
        start, end = m.start(), m.end() - 1  # the padded text is one character ahead
        if start < done or any(s < end and start < e for s, e in taken) or \
                not _is_count(text, start, end):
            continue
        cardinal = cardinal_at(text, start)
        if cardinal is None:
            continue
        end, number = cardinal[0], cardinal[1]
        if any(s < end and start < e for s, e in taken):
            continue
        done = end
        x = Fraction(number)
        reads.append((start, end, x, written_half_width(x, str(number))))
    out: list[Mention] = []
    for start, end, speaker, strict, qualifier, stated in _ranges(text, reads):
        value = Value(speaker, strict, "", "count", stated, "")
        out.append(Mention(offset + start, offset + end, text[start:end],
                           "range" if len(stated) == 2 else "quantity", value, qualifier,
                           location=None if locate is None else
                           locate(offset + start, offset + end)))
    return out
