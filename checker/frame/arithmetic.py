"""Frame the arithmetic of one sentence: figures that must agree with each other, whoever
the subject is (or with no subject at all).

Four shapes, each read by one rule:

- a part, its share and the total, in the orders prose writes them: "produced 0.9 Mt, some
  40% of the world's 3.6 Mt", "28,400 homes out of a total of 36,900, or 71%" (FC203), in
  :mod:`.portion`;
- a change and its own endpoints: "rose 40% to 700 units in 2024 from 400 units in 2023",
  "doubled from 3 Mt in 2022 to 9 Mt in 2024", "from 400 to 700 units, up 40%", "was $170
  million, up 40% from $100 million" (FC301);
- a multiple or a fraction between two figures: "300 Mt, three times as much as India's
  150 Mt", "roughly double the 100 units", "40 Mt, a third of Acme's 90 Mt" (FC302);
- one list of shares: "Acme 48%, Borlak 30%, Cintex 25% and Dovra 6% of the market" (FC202).

The claims take the subject the statement framing found for the figure, else
:data:`NO_SUBJECT`, and a measure key of this sentence alone
(:func:`~factlint.frame.local.local_key`): so they are compared with each other only, never
across sentences or documents (no FC101 or FC201 finding holds one). A shape whose figures
the statement framing already framed under one subject and measure is left to it (the rules
check those claims across the corpus). The change shapes are here; the part/share/total
shapes in :mod:`.portion`, the multiple and list shapes in :mod:`.multiples`; the claims are
built by :class:`~factlint.frame.local.SentenceFigures`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from factlint.frame.local import (
    NOUN,
    WHEN,
    YEAR,
    SentenceFigures,
    all_or_none,
    is_level,
    is_percent,
    same_dimension,
)
from factlint.frame.multiples import multiple_of, share_list
from factlint.frame.portion import portion_claims
from factlint.model import Claim, Mention, Sentence
from factlint.util.lazyre import lazy_compile

if TYPE_CHECKING:
    from factlint.frame.claims import Framer
    from factlint.frame.context import DocContext

# changes and their endpoints
_CHANGE_VERB = lazy_compile(globals(), "_CHANGE_VERB",
    r"\b(?:rose|risen|rises|rise|grew|grown|grows|increased|increases|climbed|jumped|surged|"
    r"soared|gained|expanded|fell|fallen|falls|dropped|declined|decreased|slumped|shrank|"
    r"(?:was|were|is|are)\s+(?:up|down)|up|down)\s+(?:by\s+)?(?:some\s+|about\s+|around\s+)?$",
    re.IGNORECASE)
_MULT_VERB = lazy_compile(globals(), "_MULT_VERB",
    r"(?:doubled|tripled|trebled|quadrupled|fold)$|^(?:(?:rose|grew|increased|jumped|"
    r"expanded)\s+)?\S*\s*(?:three|four|five|six|seven|eight|nine|ten|\d+)\s*-?fold$", re.I)
_TO_FROM = lazy_compile(globals(), "_TO_FROM", r"^\s+to\s+$")
_END_FROM = lazy_compile(globals(), "_END_FROM",
    rf"^{NOUN}(?:\s*,?\s*(?:in|by)\s+(?P<y>{YEAR}))?\s*,?\s+(?:up\s+|down\s+)?from\s+$")
_FROM = lazy_compile(globals(), "_FROM", r"^\s+from\s+$")
_START_TO = lazy_compile(globals(), "_START_TO",
                        rf"^{NOUN}(?:\s*,?\s*(?:in|by)\s+(?P<y>{YEAR}))?\s+to\s+$")
_VERB_FROM = lazy_compile(globals(), "_VERB_FROM",
    r"\b(?:rose|risen|grew|grown|increased|climbed|jumped|surged|expanded|fell|fallen|"
    r"dropped|declined|decreased|shrank|went|gone)\s+from\s+$", re.IGNORECASE)
_THEN_CHANGE = lazy_compile(globals(), "_THEN_CHANGE",
    rf"^{NOUN}(?:\s*,?\s*(?:in|by)\s+(?P<y>{YEAR}))?\s*[,;(—–]\s*(?:(?:up|down)\s+|an?\s+"
    r"(?:rise|increase|jump|gain|growth|fall|drop|decline|decrease)\s+of\s+)$", re.IGNORECASE)
# "$170 million in 2024, up 40% from $100 million": the end, its change, then the start
_END_CHANGE = lazy_compile(globals(), "_END_CHANGE",
    rf"^{NOUN}" + WHEN + r"\s*[,;(—–]\s*(?P<conn>(?:up|down)\s+(?:by\s+)?|an?\s+"
    r"(?:rise|increase|jump|gain|fall|drop|decline|decrease)\s+of\s+)$", re.IGNORECASE)
#: what states the end figure itself ("was $170 million", "fell to $60 million"): not a figure
#: of something else ("delivered 766 aircraft to 150 customers in 2024, up 4% from 735")
_STATES_END = lazy_compile(globals(), "_STATES_END",
    r"\b(?:was|were|is|are|reached|reaching|total(?:l?ed)?|hit|stood\s+at|came\s+in\s+at|"
    r"amounted\s+to|of|at|(?:rose|risen|fell|fallen|grew|grown|climbed|increased|decreased|"
    r"declined|dropped|jumped|slipped|edged\s+(?:up|down))\s+to)\s+$", re.IGNORECASE)
_CHANGE_START = lazy_compile(globals(), "_CHANGE_START",
    r"^\s+(?:from|on|over|compared\s+with)\s+$", re.IGNORECASE)


# --------------------------------------------------------------------- FC301
def _change_endpoints(s: SentenceFigures) -> Iterator[Claim]:
    ms, base = s.sentence.mentions, s.base
    for i in range(len(ms) - 2):
        a, b, c = ms[i], ms[i + 1], ms[i + 2]
        found = _change_first(s, a, b, c) or _change_last(s, a, b, c) or \
            _change_middle(s, a, b, c)
        if found is None:
            continue
        change, start, end, y_start, y_end, anchor = found
        if s.covered([(change, "change"), (start, "level"), (end, "level")]):
            continue
        if y_end is None:
            y_end = s.year if y_start is None else y_start + 1
        if y_start is None and y_end is not None:
            y_start = y_end - 1
        if y_start is None or y_end is None or y_end <= y_start:
            continue
        who, key = s.who(change, end, start), s.key(s.label(change, end, start))
        last = max(change.end, start.end, end.end) - base
        years = [y_start, y_end]
        yield from all_or_none(
            s.claim(start, "level", who, key, s.rel(start), [y_start]),
            s.claim(end, "level", who, key, s.rel(end), [y_end]),
            s.claim(change, "change", who, key, (anchor, last), years))
        return


_Change = tuple[Mention, Mention, Mention, int | None, int | None, int]


def _is_change(s: SentenceFigures, m: Mention) -> int | None:
    """Where the change statement of ``m`` starts: its verb ("rose 40%", "doubled")."""
    lo, _ = s.rel(m)
    if is_percent(m) and any(ch.isdigit() for ch in m.text):
        verb = _CHANGE_VERB.search(s.text, max(0, lo - 40), lo)
        return verb.start() if verb else None
    if m.kind == "multiple" and _MULT_VERB.search(" ".join(m.text.split())):
        return lo
    return None


def _change_first(s: SentenceFigures, a: Mention, b: Mention, c: Mention) -> _Change | None:
    """"rose 40% to 700 units in 2024 from 400 units in 2023", "doubled from 3 Mt to 9 Mt"."""
    anchor = _is_change(s, a)
    if anchor is None or not (is_level(b) and is_level(c) and same_dimension(b, c)):
        return None
    gap1, gap2 = (s.text[a.end - s.base:b.start - s.base],
                  s.text[b.end - s.base:c.start - s.base])
    if _TO_FROM.match(gap1) and (m := _END_FROM.match(gap2)):  # to END from START
        y_end = int(m.group("y")) if m.group("y") else None
        return a, c, b, s.year_after(c), y_end, anchor
    if _FROM.match(gap1) and (m := _START_TO.match(gap2)):  # from START to END
        y_start = int(m.group("y")) if m.group("y") else None
        return a, b, c, y_start, s.year_after(c), anchor
    return None


def _change_middle(s: SentenceFigures, a: Mention, b: Mention, c: Mention) -> _Change | None:
    """"$170 million in 2024, up 40% from $100 million in 2023", "700 units, an increase of
    40% from 400 units a year earlier"."""
    if not (is_level(a) and is_level(c) and same_dimension(a, c)) or \
            not (is_percent(b) and any(ch.isdigit() for ch in b.text)):
        return None
    gap1, gap2 = s.text[a.end - s.base:b.start - s.base], s.text[b.end - s.base:c.start - s.base]
    m1 = _END_CHANGE.match(gap1)
    if m1 is None or not _CHANGE_START.match(gap2):
        return None
    lo = a.start - s.base
    if not _STATES_END.search(s.text, max(0, lo - 24), lo):
        return None
    return b, c, a, s.year_after(c), s.year_after(a), a.end - s.base + m1.start("conn")


def _change_last(s: SentenceFigures, a: Mention, b: Mention, c: Mention) -> _Change | None:
    """"rose from 400 units in 2023 to 700 units in 2024, up 40%"."""
    if not (is_level(a) and is_level(b) and same_dimension(a, b)) or \
            not (is_percent(c) and any(ch.isdigit() for ch in c.text)):
        return None
    lo = a.start - s.base
    verb = _VERB_FROM.search(s.text, max(0, lo - 30), lo)
    gap1, gap2 = s.text[a.end - s.base:b.start - s.base], s.text[b.end - s.base:c.start - s.base]
    m1, m2 = _START_TO.match(gap1), _THEN_CHANGE.match(gap2)
    if verb is None or m1 is None or m2 is None:
        return None
    y_start = int(m1.group("y")) if m1.group("y") else None
    y_end = int(m2.group("y")) if m2.group("y") else None
    return c, a, b, y_start, y_end, verb.start()



def arithmetic_claims(framer: Framer, sentence: Sentence, ctx: DocContext,
                      claims: Sequence[Claim], previous: Sentence | None = None) -> list[Claim]:
    """The claims of the arithmetic shapes of ``sentence`` that the statement framing
    (``claims``) has not framed into checkable claims already; ``previous`` is the sentence
    before it in its paragraph, if any."""
    if sentence.table is not None or len(sentence.mentions) < 2:
        return []
    framed: dict[int, Claim] = {}
    for c in claims:
        framed.setdefault(c.mention.start, c)
    s = SentenceFigures(framer, sentence, ctx, framed)
    out = portion_claims(s, previous)
    for shape in (_change_endpoints, multiple_of, share_list):
        out.extend(shape(s))
    return out
