"""Frame the arithmetic of one sentence: figures that must agree with each other, whoever
the subject is (or with no subject at all).

Four shapes, each read by one rule:

- a part, its share and the total: "produced 0.9 Mt, some 40% of the world's 3.6 Mt", "40 Mt,
  a third of the 90 Mt" (FC203); or a part and its share of a total the document states
  elsewhere ("... some 40% of world nickel output" beside "World nickel output was 3.6 Mt",
  a table's Total row);
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
check those claims across the corpus).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from factlint.frame import modality
from factlint.frame import patterns as P
from factlint.frame.local import NO_SUBJECT, local_base, local_key
from factlint.model import Claim, ClaimKind, Comparison, Interval, Mention, Period, Sentence, Value
from factlint.util.lazyre import lazy_compile

if TYPE_CHECKING:
    from factlint.frame.claims import Framer
    from factlint.frame.context import DocContext

#: the subject of the other side of a comparison that names none ("double the 100 units")
OTHER = "(other figure)"
_NON_LEVEL = ("percent", "percentage_point", "times")
_YEAR = r"(?:19|20)\d\d"
#: the noun a bare count counts ("700 units", "300 cars sold"): up to two lower-case words
_NOUN = r"(?:\s+(?!(?:in|to|from|by|during|for|of|or|and|up|down|as|the|a|an)\b)[a-z][\w-]*){0,2}"
_YEAR_AFTER = lazy_compile(globals(), "_YEAR_AFTER",
                           rf"{_NOUN}\s*,?\s*(?:in|during|by|for)\s+(?:fiscal\s+)?(?P<y>{_YEAR})\b")
_YEARS = lazy_compile(globals(), "_YEARS", rf"\b{_YEAR}\b")
#: when a figure holds, said after it: "in 2024", "last year"
_WHEN = (r"(?:\s*,?\s*(?:(?:in|during)\s+" + _YEAR + r"|last\s+year|this\s+year|"
         r"a\s+year\s+earlier))?")
# part -> share: "0.9 Mt of nickel in 2024, some 40%", "0.9 Mt (40%", "0.9 Mt, or 40%"
_PART_SHARE = lazy_compile(globals(), "_PART_SHARE",
    r"^" + _NOUN + r"(?:\s+of\s+[a-z][a-z -]{0,30}?)?" + _WHEN +
    r"\s*(?:,|\(|—|–|\s-)\s*(?:(?:or|which\s+(?:is|was)|accounting\s+for|representing|"
    r"equal\s+to|making\s+up|around|about|some|roughly|nearly|almost|just)\s+)*$",
    re.IGNORECASE)
# share -> total: "of the world's", "of a total of", "of the region's combined"
_SHARE_TOTAL = lazy_compile(globals(), "_SHARE_TOTAL",
    r"^\s+of\s+(?:(?:the|a|an|its|their|world|global|worldwide|total|combined|overall|"
    r"estimated|national|annual|entire|whole|[A-Za-z]+['’]s?)\s+){0,4}(?:of\s+)?$")
_SCOPE = lazy_compile(globals(), "_SCOPE", r"\b(?:world|global|worldwide|total)\b", re.I)
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
    rf"^{_NOUN}(?:\s*,?\s*(?:in|by)\s+(?P<y>{_YEAR}))?\s*,?\s+(?:up\s+|down\s+)?from\s+$")
_FROM = lazy_compile(globals(), "_FROM", r"^\s+from\s+$")
_START_TO = lazy_compile(globals(), "_START_TO",
                        rf"^{_NOUN}(?:\s*,?\s*(?:in|by)\s+(?P<y>{_YEAR}))?\s+to\s+$")
_VERB_FROM = lazy_compile(globals(), "_VERB_FROM",
    r"\b(?:rose|risen|grew|grown|increased|climbed|jumped|surged|expanded|fell|fallen|"
    r"dropped|declined|decreased|shrank|went)\s+from\s+$", re.IGNORECASE)
_THEN_CHANGE = lazy_compile(globals(), "_THEN_CHANGE",
    rf"^{_NOUN}(?:\s*,?\s*(?:in|by)\s+(?P<y>{_YEAR}))?\s*[,;(—–]\s*(?:(?:up|down)\s+|an?\s+"
    r"(?:rise|increase|jump|gain|growth|fall|drop|decline|decrease)\s+of\s+)$", re.IGNORECASE)
# "$170 million in 2024, up 40% from $100 million": the end, its change, then the start
_END_CHANGE = lazy_compile(globals(), "_END_CHANGE",
    rf"^{_NOUN}" + _WHEN + r"\s*[,;(—–]\s*(?P<conn>(?:up|down)\s+(?:by\s+)?|an?\s+"
    r"(?:rise|increase|jump|gain|fall|drop|decline|decrease)\s+of\s+)$", re.IGNORECASE)
#: what states the end figure itself ("was $170 million", "fell to $60 million"): not a figure
#: of something else ("delivered 766 aircraft to 150 customers in 2024, up 4% from 735")
_STATES_END = lazy_compile(globals(), "_STATES_END",
    r"\b(?:was|were|is|are|reached|reaching|total(?:l?ed)?|hit|stood\s+at|came\s+in\s+at|"
    r"amounted\s+to|of|at|(?:rose|risen|fell|fallen|grew|grown|climbed|increased|decreased|"
    r"declined|dropped|jumped|slipped|edged\s+(?:up|down))\s+to)\s+$", re.IGNORECASE)
_CHANGE_START = lazy_compile(globals(), "_CHANGE_START",
    r"^\s+(?:from|on|over|compared\s+with)\s+$", re.IGNORECASE)
# a multiple or a fraction between two figures
_A_MULT = lazy_compile(globals(), "_A_MULT",
    r"^" + _NOUN + r"(?:\s+of\s+[a-z][a-z -]{0,30}?)?" + _WHEN +
    r"\s*(?:,|—|–|\s-)?\s*(?:(?:or|which\s+(?:is|was)|that\s+(?:is|was)|is|was|are|were|"
    r"some|about|around|roughly|nearly|almost|more\s+than|over|less\s+than|under|just)\s+)*$",
    re.IGNORECASE)
_MULT_B = lazy_compile(globals(), "_MULT_B",
    r"^\s+(?:as\s+(?:much|many|large|big|high|great)\s+as\s+|(?:that\s+of\s+)?)"
    r"(?:the\s+|its\s+|their\s+|(?P<owner>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s?\s+)?$")
#: a fraction of another's figure ("a third of India's 90 Mt"); of a whole, it is a share
_FRACTION_B = lazy_compile(globals(), "_FRACTION_B",
    r"^\s+of\s+(?P<owner>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s?\s+$")
#: whose figure a comparison names ("less than one-tenth of China's 30,000 tonnes")
_OWNER = lazy_compile(globals(), "_OWNER",
    r"^\s+(?:the\s+)?(?P<owner>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s?\s+$")
_FRACTION = lazy_compile(globals(), "_FRACTION",
    r"^(?:(?:about|around|roughly|nearly|almost|some|just|over|more\s+than|less\s+than|"
    r"under|close\s+to)\s+)*(?:a|one|two|three|four|half)?[\s-]*(?:half|third|thirds|quarter|quarters|"
    r"fifth|fifths|tenth|tenths)$", re.IGNORECASE)
_WORD_MULT = lazy_compile(globals(), "_WORD_MULT",
    _NOUN + r"(?:\s*,?\s*(?:in|during)\s+" + _YEAR + r")?"
    r"\s*,?\s*(?:(?:which|that)\s+(?:is|was)\s+|or\s+|is\s+|was\s+)?(?P<q>(?:roughly|about|"
    r"around|almost|nearly|more\s+than|over|just\s+over)\s+)?(?P<w>double|triple|quadruple)"
    r"\s+", re.IGNORECASE)
_MULT_WORDS = {"double": 2, "triple": 3, "quadruple": 4}
_QUALIFIERS = {"roughly": "approx", "about": "approx", "around": "approx", "almost": "nearly",
               "nearly": "nearly", "more than": "over", "over": "over", "just over": "over"}
# a list of shares: "Acme held 48%, Borlak 30%, Cintex 25% and Dovra 6%"
_NAME = r"[A-Z][\w&.’'-]*(?:\s+(?:[A-Z][\w&.’'-]*|of|de|&)){0,3}(?:['’]s\s+[a-z]+)?"
_FIRST_ITEM = lazy_compile(globals(), "_FIRST_ITEM",
    rf"(?:^|[,;:]\s+|\b(?:with|while|as|gives|gave|puts|put|shows|showed)\s+)(?P<name>{_NAME})\s+(?:(?:held|holds|has|had|took|"
    r"takes|controls|controlled|captured|commands|commanded|accounted\s+for|accounts\s+for|"
    r"was\s+on|was\s+at|had\s+a\s+share\s+of|with|at|on)\s+)?(?:a\s+share\s+of\s+)?$")
_NEXT_ITEM = lazy_compile(globals(), "_NEXT_ITEM",
    rf"^\s*(?:,\s*(?:and\s+)?|;\s*|\s+and\s+)(?P<name>{_NAME})\s+(?:with\s+|at\s+|on\s+)?$")
_SHARE_CUE = lazy_compile(globals(), "_SHARE_CUE",
    r"\b(?:shares?|market|held|holds|controls?|controlled|captured|commands?|accounted|"
    r"accounts|took|of\s+(?:the\s+)?(?:global|world|total))\b", re.IGNORECASE)
_NOT_SHARE = lazy_compile(globals(), "_NOT_SHARE",
    r"\b(?:rose|risen|grew|grown|increased?|fell|fallen|declined?|dropped|growth|up|down|"
    r"gains?|rates?|margins?|tariffs?|dut(?:y|ies)|tax(?:es)?|yields?|stakes?|interest|"
    r"inflation|returns?|discounts?|premiums?|probability|chance|likely|turnout|change|"
    r"respective(?:ly)?|own|home|domestic|each|approval|ratings?|"
    r"year[- ]on[- ]year|percentage\s+points?)\b", re.IGNORECASE)
_NOT_NAME = lazy_compile(globals(), "_NOT_NAME",
    r"^(?:The|A|An|In|On|At|And|But|Or|By|For|Of|To|From|With|Q[1-4]|H[12]|FY\d*|Jan\w*|"
    r"Feb\w*|Mar\w*|Apr\w*|May|Jun\w*|Jul\w*|Aug\w*|Sep\w*|Oct\w*|Nov\w*|Dec\w*|Monday|"
    r"Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Up|Down|About|Some|Only)\b")


class _Shape:
    """Builds the claims of one shape in one sentence."""

    def __init__(self, framer: Framer, sentence: Sentence, ctx: DocContext,
                 framed: dict[int, Claim]) -> None:
        self.framer, self.sentence, self.ctx, self.framed = framer, sentence, ctx, framed
        self.text = sentence.text
        self.base = sentence.start
        stated = sorted({int(y) for y in _YEARS.findall(self.text)})
        doc_year = ctx.doc.date.year if ctx.doc.date is not None else None
        #: the one year the sentence states, else the document's; None: no year to give
        self.year = stated[0] if len(stated) == 1 else (doc_year if not stated else None)
        self.today = doc_year

    def rel(self, m: Mention) -> tuple[int, int]:
        return m.start - self.base, m.end - self.base

    def year_after(self, m: Mention) -> int | None:
        found = _YEAR_AFTER.match(self.text, m.end - self.base)
        return int(found.group("y")) if found else None

    def who(self, *ms: Mention) -> tuple[str, str]:
        """The subject the statement framing gave the first of ``ms`` it framed, if any."""
        for m in ms:
            c = self.framed.get(m.start)
            if c is not None and not self.framer.lex.is_total(c.subject) and \
                    c.subject != NO_SUBJECT:
                return c.subject, c.subject_text
        return NO_SUBJECT, ""

    def label(self, *ms: Mention) -> str:
        """The measure the framing gave the figures (without scope), else ``figure``."""
        for m in ms:
            c = self.framed.get(m.start)
            if c is not None:
                return local_base(c.measure) or c.measure
        return "figure"

    def covered(self, roles: Sequence[tuple[Mention, str]], one_subject: bool = True) -> bool:
        """The statement framing framed every figure as its role's kind under one measure,
        the parts under one subject (``one_subject``) and the totals as totals: the rules
        check its claims already."""
        claims = [self.framed.get(m.start) for m, _ in roles]
        if any(c is None or c.kind != role for c, (_, role) in zip(claims, roles, strict=True)):
            return False
        real = [c for c in claims if c is not None]
        if len({c.measure for c in real}) != 1:
            return False
        parts = {c.subject for c in real if not self.framer.lex.is_total(c.subject)}
        return NO_SUBJECT not in parts and (len(parts) == 1 or not one_subject)

    def claim(self, mention: Mention, kind: ClaimKind, who: tuple[str, str], key: str,
              span: tuple[int, int], years: Sequence[int], total: str = "") -> Claim | None:
        """A claim of this sentence, unless the text does not assert the figure."""
        ms, me = self.rel(mention)
        lo, _ = P.clause_bounds(self.text, ms, me)
        reading = modality.modality(self.text, lo, ms, me)
        if reading == "none":
            return None  # disputed, a threat, a condition, a question
        projection = bool(years) and self.today is not None and max(years) > self.today
        period = Period(frozenset(years), stated=bool(years), projection=projection)
        start, end = span
        return Claim(
            mention=mention, location=self.framer.locate(self.base + start, self.base + end),
            text=" ".join(self.text[start:end].split()), subject=who[0], measure=key,
            kind=kind, period=period, doc_index=self.ctx.doc.index,
            modality="projection" if projection else
            ("estimate" if reading == "estimate" else "fact"),
            in_title=self.sentence.role == "title", subject_text=who[1],
            measure_text=local_base(key) or key, total=total, shape="arithmetic")

    def key(self, label: str) -> str:
        return local_key(label, self.ctx.doc.path, self.text)


def _is_level(m: Mention) -> bool:
    return m.kind == "quantity" and m.value is not None and m.value.unit not in _NON_LEVEL


def _is_percent(m: Mention) -> bool:
    return m.kind == "quantity" and m.value is not None and m.value.unit == "percent"


def _same_dimension(a: Mention, b: Mention) -> bool:
    return a.value is not None and b.value is not None and a.value.dimension == b.value.dimension


def _all(*claims: Claim | None) -> list[Claim]:
    """The claims, or none of them when one is missing (a shape needs every figure)."""
    return [c for c in claims if c is not None] if None not in claims else []


# --------------------------------------------------------------------- FC203
def _part_share_total(s: _Shape) -> Iterator[Claim]:
    ms = s.sentence.mentions
    for i in range(1, len(ms)):
        part, share = ms[i - 1], ms[i]
        if not (_is_level(part) and _is_percent(share)):
            continue
        if not _PART_SHARE.match(s.text[part.end - s.base:share.start - s.base]):
            continue
        total = ms[i + 1] if i + 1 < len(ms) else None
        if not any(ch.isdigit() for ch in share.text) and (
                not _FRACTION.match(share.text.strip()) or total is None or _FRACTION_B.match(
                    s.text[share.end - s.base:total.start - s.base])):
            continue  # a fraction word of a whole is a share; of another's figure, FC302's
        years = [s.year] if s.year is not None else []
        if total is not None and _is_level(total) and _same_dimension(part, total) and \
                _SHARE_TOTAL.match(s.text[share.end - s.base:total.start - s.base]):
            if s.covered([(part, "level"), (share, "share"), (total, "level")]):
                continue
            who, key = s.who(part, share), s.key(s.label(part, share, total))
            where = "World"
            yield from _all(
                s.claim(part, "level", who, key, s.rel(part), years),
                s.claim(share, "share", who, key, (s.rel(share)[0], s.rel(total)[1]), years,
                        total=where),
                s.claim(total, "level", (where, ""), key, s.rel(total), years))
            continue
        # no total here: the share of a measure whose total the document states elsewhere
        np = P.measure_np(s.text, share.end - s.base)
        if np is None or not _SCOPE.search(np[0]) or s.covered([(part, "level"),
                                                                   (share, "share")]):
            continue
        measure = s.framer.lex.measure_key(np[0], "", s.ctx.topic)
        if measure is None:
            continue
        who, key = s.who(part, share), s.key(measure)
        yield from _all(
            s.claim(part, "level", who, key, s.rel(part), years),
            s.claim(share, "share", who, key, (s.rel(share)[0], np[1]), years, total="World"))


# --------------------------------------------------------------------- FC301
def _change_endpoints(s: _Shape) -> Iterator[Claim]:
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
        yield from _all(
            s.claim(start, "level", who, key, s.rel(start), [y_start]),
            s.claim(end, "level", who, key, s.rel(end), [y_end]),
            s.claim(change, "change", who, key, (anchor, last), years))
        return


_Change = tuple[Mention, Mention, Mention, int | None, int | None, int]


def _is_change(s: _Shape, m: Mention) -> int | None:
    """Where the change statement of ``m`` starts: its verb ("rose 40%", "doubled")."""
    lo, _ = s.rel(m)
    if _is_percent(m) and any(ch.isdigit() for ch in m.text):
        verb = _CHANGE_VERB.search(s.text, max(0, lo - 40), lo)
        return verb.start() if verb else None
    if m.kind == "multiple" and _MULT_VERB.search(" ".join(m.text.split())):
        return lo
    return None


def _change_first(s: _Shape, a: Mention, b: Mention, c: Mention) -> _Change | None:
    """"rose 40% to 700 units in 2024 from 400 units in 2023", "doubled from 3 Mt to 9 Mt"."""
    anchor = _is_change(s, a)
    if anchor is None or not (_is_level(b) and _is_level(c) and _same_dimension(b, c)):
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


def _change_middle(s: _Shape, a: Mention, b: Mention, c: Mention) -> _Change | None:
    """"$170 million in 2024, up 40% from $100 million in 2023", "700 units, an increase of
    40% from 400 units a year earlier"."""
    if not (_is_level(a) and _is_level(c) and _same_dimension(a, c)) or \
            not (_is_percent(b) and any(ch.isdigit() for ch in b.text)):
        return None
    gap1, gap2 = s.text[a.end - s.base:b.start - s.base], s.text[b.end - s.base:c.start - s.base]
    m1 = _END_CHANGE.match(gap1)
    if m1 is None or not _CHANGE_START.match(gap2):
        return None
    lo = a.start - s.base
    if not _STATES_END.search(s.text, max(0, lo - 24), lo):
        return None
    return b, c, a, s.year_after(c), s.year_after(a), a.end - s.base + m1.start("conn")


def _change_last(s: _Shape, a: Mention, b: Mention, c: Mention) -> _Change | None:
    """"rose from 400 units in 2023 to 700 units in 2024, up 40%"."""
    if not (_is_level(a) and _is_level(b) and _same_dimension(a, b)) or \
            not (_is_percent(c) and any(ch.isdigit() for ch in c.text)):
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


# --------------------------------------------------------------------- FC302
def _multiple_of(s: _Shape) -> Iterator[Claim]:
    ms = s.sentence.mentions
    for i in range(len(ms) - 1):
        a = ms[i]
        if not _is_level(a):
            continue
        found = _factor_after(s, a, ms[i + 1:])
        if found is None:
            continue
        factor_mention, b, owner = found
        if not _same_dimension(a, b):
            continue
        who = s.who(a)
        other = (s.framer.lex.place(owner) or owner) if owner else OTHER
        if other.casefold() == who[0].casefold():
            other = OTHER
        key = s.key(s.label(a, b))
        years = [s.year] if s.year is not None else []
        assert factor_mention.comparison is not None
        factor_mention = _with_target(factor_mention, other)
        yield from _all(
            s.claim(a, "level", who, key, s.rel(a), years),
            s.claim(b, "level", (other, owner), key, s.rel(b), years),
            s.claim(factor_mention, "rate", who, key,
                    (s.rel(factor_mention)[0], s.rel(b)[1]), years))


def _with_target(m: Mention, target: str) -> Mention:
    assert m.comparison is not None
    comparison = Comparison(m.comparison.op, m.comparison.factor, target)
    return Mention(m.start, m.end, m.text, m.kind, m.value, m.qualifier, comparison=comparison,
                   location=m.location)


def _factor_after(s: _Shape, a: Mention,
                  rest: Sequence[Mention]) -> tuple[Mention, Mention, str] | None:
    """The multiple or fraction after figure ``a``, the figure it relates ``a`` to, and whose
    that figure is ("India"), as a comparison mention (the factor as DESIGN reads it)."""
    a_end = a.end - s.base
    if len(rest) >= 2:
        m, b = rest[0], rest[1]
        gap = s.text[a_end:m.start - s.base]
        after = s.text[m.end - s.base:b.start - s.base]
        if m.kind == "multiple" and m.value is not None and _A_MULT.match(gap) and \
                (found := _MULT_B.match(after)) and _is_level(b):
            return _as_comparison(m, m.value.speaker, m.qualifier), b, found.group("owner") or ""
        if m.kind == "comparison" and m.comparison is not None and \
                m.comparison.factor is not None and _A_MULT.match(gap) and \
                (found := _OWNER.match(after)) and _is_level(b):
            return m, b, found.group("owner")  # "a third of Acme's 90 Mt"
        if _is_percent(m) and m.value is not None and _FRACTION.match(m.text.strip()) and \
                _A_MULT.match(gap) and (found := _FRACTION_B.match(after)) and _is_level(b):
            hundred = Fraction(100)
            iv = m.value.speaker
            if iv.low is None or iv.high is None:
                return None
            factor = Interval(iv.low / hundred, iv.high / hundred, iv.low_open, iv.high_open)
            return _as_comparison(m, factor, m.qualifier), b, found.group("owner")
    if rest:  # "roughly double the 100 units": a multiplier word the parser leaves as text
        b = rest[0]
        word = _WORD_MULT.match(s.text, a_end)
        if word is None or not _is_level(b):
            return None
        if not _MULT_B.match(s.text[word.end() - 1:b.start - s.base]):
            return None
        x = Fraction(_MULT_WORDS[word.group("w").lower()])
        qualifier = _QUALIFIERS.get(" ".join((word.group("q") or "").lower().split()), "")
        iv = multiplier(x, qualifier)
        value = Value(iv, iv, "times", "ratio", (x,), "times")
        start = s.base + (word.start("q") if word.group("q") else word.start("w"))
        mention = Mention(start, s.base + word.end("w"), s.text[start - s.base:word.end("w")],
                          "multiple", value, qualifier)
        owner = _MULT_B.match(s.text[word.end() - 1:b.start - s.base])
        return (_as_comparison(mention, iv, qualifier), b,
                owner.group("owner") or "" if owner else "")
    return None


def multiplier(x: Fraction, qualifier: str) -> Interval:
    """A multiplier word as DESIGN.md reads it: h = 10% of the value; "roughly double" is
    [1.8, 2.2), "more than five times" (5, 6], "nearly three times" [2.4, 3)."""
    h = x / 10
    if qualifier == "over":
        return Interval(x, x + 2 * h, True, False)
    if qualifier == "nearly":
        return Interval(x - 2 * h, x)
    return Interval(x - h, x + h)


def _as_comparison(m: Mention, factor: Interval, qualifier: str) -> Mention:
    """The mention as a comparison: "more than three times" is more than 3x, "nearly" less
    than; a bare or approximate multiple meets its interval."""
    comparison = Comparison("eq", factor, "")
    if qualifier in ("over", "at_least") and factor.low is not None:
        comparison = Comparison("gt", Interval(factor.low, factor.low, False, False), "")
    elif qualifier in ("nearly", "under", "up_to") and factor.high is not None:
        comparison = Comparison("lt", Interval(factor.high, factor.high, False, False), "")
    return Mention(m.start, m.end, m.text, m.kind, m.value, m.qualifier,
                   comparison=comparison, location=m.location)


# --------------------------------------------------------------------- FC202
def _share_list(s: _Shape) -> Iterator[Claim]:
    items: list[tuple[str, Mention]] = []
    for m in s.sentence.mentions:
        if not (_is_percent(m) and any(ch.isdigit() for ch in m.text)):
            if len(items) >= 2:
                break
            items = []  # another figure between two shares ends the list
            continue
        lo = m.start - s.base
        found = _NEXT_ITEM.match(s.text[items[-1][1].end - s.base:lo]) if items else None
        if found is None:
            if len(items) >= 2:
                break
            items = []
            found = _FIRST_ITEM.search(s.text, max(0, lo - 80), lo)
        if found is None or _NOT_NAME.match(found.group("name")):
            items = []
            continue
        items.append((" ".join(found.group("name").split()), m))
    if len(items) < 2 or len({name.casefold() for name, _ in items}) < len(items):
        return
    end = items[-1][1].end - s.base
    if not _SHARE_CUE.search(s.text) or _NOT_SHARE.search(s.text[:end]):
        return
    if any(s.text[m.end - s.base:].lstrip().startswith("of ") for _, m in items[:-1]):
        return  # "A 48% of X, B 30% of Y": shares of several totals
    if s.covered([(m, "share") for _, m in items], one_subject=False):
        return
    np = P.measure_np(s.text, end)
    label = (s.framer.lex.measure_key(np[0], "", s.ctx.topic) if np else None) or \
        s.label(*(m for _, m in items)) or "share"
    key = s.key(label if label != "figure" else "share")
    years = [s.year] if s.year is not None else []
    for name, m in items:
        subject = s.framer.lex.place(name) or name
        claim = s.claim(m, "share", (subject, name), key, s.rel(m), years, total="World")
        if claim is not None:
            yield claim


def arithmetic_claims(framer: Framer, sentence: Sentence, ctx: DocContext,
                      claims: Sequence[Claim]) -> list[Claim]:
    """The claims of the arithmetic shapes of ``sentence`` that the statement framing
    (``claims``) has not framed into checkable claims already."""
    if sentence.table is not None or len(sentence.mentions) < 2:
        return []
    framed: dict[int, Claim] = {}
    for c in claims:
        framed.setdefault(c.mention.start, c)
    s = _Shape(framer, sentence, ctx, framed)
    out: list[Claim] = []
    for shape in (_part_share_total, _change_endpoints, _multiple_of, _share_list):
        out.extend(shape(s))
    return out
