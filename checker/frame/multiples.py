"""Frame two arithmetic shapes of one sentence (see :mod:`.arithmetic`): a multiple or a
fraction between two figures ("300 Mt, three times as much as India's 150 Mt", "roughly
double the 100 units", "40 Mt, a third of Acme's 90 Mt"; FC302), and one list of shares
("Acme held 48%, Borlak 30%, Cintex 25% and Dovra 6% of the market"; FC202).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from fractions import Fraction

from factlint.frame import patterns as P
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
from factlint.model import Claim, Comparison, Interval, Mention, Value
from factlint.util.lazyre import lazy_compile

#: the subject of the other side of a comparison that names none ("double the 100 units")
OTHER = "(other figure)"
# a multiple or a fraction between two figures
_A_MULT = lazy_compile(globals(), "_A_MULT",
    r"^" + NOUN + r"(?:\s+of\s+[a-z][a-z -]{0,30}?)?"
    r"(?:\s+in\s+(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)?" + WHEN +  # ("in the UK")
    r"\s*(?:,|—|–|\s-)?\s*(?:(?:or|which\s+(?:is|was)|that\s+(?:is|was)|is|was|are|were|"
    r"some|about|around|roughly|nearly|almost|more\s+than|over|less\s+than|under|just)\s+)*$",
    re.IGNORECASE)
_MULT_B = lazy_compile(globals(), "_MULT_B",
    r"^\s+(?:as\s+(?:much|many|large|big|high|great)\s+as\s+|(?:that\s+of\s+)?)"
    r"(?:the\s+|its\s+|their\s+|(?P<owner>[A-Z][\w.&-]*(?:\s+(?:&\s+)?[A-Z][\w.&-]*){0,3})"
    r"['’]s?\s+)?$")  # ("three times Chapter & Verse's 37 million")
#: a fraction of another's figure ("a third of India's 90 Mt"); of a whole, it is a share
FRACTION_OF_OWNER = lazy_compile(globals(), "FRACTION_OF_OWNER",
    r"^\s+of\s+(?P<owner>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s?\s+$")
#: whose figure a comparison names ("less than one-tenth of China's 30,000 tonnes")
_OWNER = lazy_compile(globals(), "_OWNER",
    r"^\s+(?:the\s+)?(?P<owner>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s?\s+$")
FRACTION = lazy_compile(globals(), "FRACTION",
    r"^(?:(?:about|around|roughly|nearly|almost|some|just|over|more\s+than|less\s+than|"
    r"under|close\s+to)\s+)*(?:a|one|two|three|four|half)?[\s-]*(?:half|third|thirds|quarter|quarters|"
    r"fifth|fifths|tenth|tenths)$", re.IGNORECASE)
_WORD_MULT = lazy_compile(globals(), "_WORD_MULT",
    NOUN + r"(?:\s*,?\s*(?:in|during)\s+" + YEAR + r")?"
    r"\s*,?\s*(?:(?:which|that)\s+(?:is|was)\s+|or\s+|is\s+|was\s+)?(?P<q>(?:roughly|about|"
    r"around|almost|nearly|more\s+than|over|just\s+over)\s+)?(?P<w>double|triple|quadruple)"
    r"\s+", re.IGNORECASE)
_MULT_WORDS = {"double": 2, "triple": 3, "quadruple": 4}
_QUALIFIERS = {"roughly": "approx", "about": "approx", "around": "approx", "almost": "nearly",
               "nearly": "nearly", "more than": "over", "over": "over", "just over": "over"}
# a list of shares: "Acme held 48%, Borlak 30%, Cintex 25% and Dovra 6%"
_OF = lazy_compile(globals(), "_OF", r"\s*of\s")
#: a whole named before the list: "Of the clubs' combined revenue in 2024, broadcasting ..."
_FRONTED_WHOLE = lazy_compile(globals(), "_FRONTED_WHOLE", r"\s*Of\s+(?:the\s+)?[^,;:]{3,80},")
_OF_OWN = lazy_compile(globals(), "_OF_OWN", r"\s*of\s+(?:its|their|his|her)\s", re.IGNORECASE)
#: a plain word of a noun phrase: no small word and no verb of a share
_WORD = (r"(?!(?:for|with|at|on|of|by|to|in|and|or|the|a|an|accounted|accounts|account|held|holds|"
         r"took|takes|had|has|was|were|is|are|earned|earns|made|makes|represented|"
         r"represents|supplied|supplies|provided|provides|generated|generates|contributed|"
         r"contributes|carried|carries|handled|handles|processed|processes|won|wins|while|"
         r"whereas|but|compared|against|versus|than|from)\b)[a-z][a-z-]+")  # (", compared
# with 78% for the market": another's figure beside it, no item of the list)
_NAME = (r"(?:[A-Z][\w&.’'-]*(?:\s+(?:[A-Z][\w&.’'-]*|of|de|&)){0,3}(?:['’]s\s+[a-z]+)?"
         # a brand that opens with a digit: "9mobile", "3M", "7-Eleven"
         r"|\d[\w&-]*[A-Za-z][\w&-]*"
         # or a plain noun phrase: "hospitals accounted for 41%, retail pharmacies for 52%"
         r"|(?:(?:[Ii]ts|[Tt]heir|[Tt]he)\s+)?(?:[A-Z][a-z-]+\s+(?:and\s+)?)?" + _WORD +
         r"(?:\s+(?:and\s+)?" + _WORD + r"){0,4}"
         # one item named by words in a series: "ear, nose and throat surgery"
         r"|" + _WORD + r"(?:,\s+" + _WORD + r"){1,2}\s+and\s+" + _WORD +
         r"(?:\s+" + _WORD + r")?)")
_FIRST_ITEM = lazy_compile(globals(), "_FIRST_ITEM",
    rf"(?:^|[,;:]\s+|\b(?:with|while|as|gives|gave|puts|put|shows|showed|of\s+which|"
    r"of\s+whom|(?:[Ii]n|[Dd]uring)\s+(?:19|20)\d\d,?|(?:[Ll]ast|[Tt]his)\s+year,?)\s+)"
    rf"(?P<name>{_NAME})\s+(?:(?:held|holds|has|had|took|"
    r"takes|controls|controlled|captured|commands|commanded|accounted\s+for|accounts\s+for|"
    r"earned|earns|made\s+up|make\s+up|makes\s+up|represented|represents|supplied|supplies|"
    r"provided|provides|generated|generates|contributed|contributes|carried|carries|"
    r"handled|handles|processed|processes|won|wins|"
    r"was\s+on|was\s+at|had\s+a\s+share\s+of|with|at|on)\s+)?(?:a\s+share\s+of\s+)?$")
_NEXT_ITEM = lazy_compile(globals(), "_NEXT_ITEM",
    r"^(?:\s+of\s+(?:the\s+|its\s+|their\s+)?[\w'’\s-]{1,40}?)?"  # "41% of the total, ..."
    rf"\s*(?:,\s*(?:and\s+)?|;\s*|\s+and\s+)(?P<name>{_NAME})\s+"
    r"(?:with\s+|at\s+|on\s+|for\s+)?$")
_SHARE_CUE = lazy_compile(globals(), "_SHARE_CUE",
    r"\b(?:shares?|market|held|holds|controls?|controlled|captured|commands?|accounted|"
    r"accounts|took|earned|made\s+up|represented|supplied|supplies|provided|provides|"
    r"generated|generates|contributed|contributes|carried|handled|processed|won|"
    r"of\s+(?:the\s+)?(?:global|world|total))\b",
    re.IGNORECASE)
_NOT_SHARE = lazy_compile(globals(), "_NOT_SHARE",
    r"\b(?:rose|risen|grew|grown|increased?|fell|fallen|declined?|dropped|growth|up|down|"
    r"gains?|rates?|margins?|tariffs?|dut(?:y|ies)|tax(?:es)?|yields?|stakes?|interest|"
    r"inflation|returns?|discounts?|premiums?|probability|chance|likely|turnout|change|"
    r"respective(?:ly)?|own(?!-)|home|domestic|each|approval|ratings?|"
    r"year[- ]on[- ]year|percentage\s+points?)\b", re.IGNORECASE)
_MADE_UP = lazy_compile(globals(), "_MADE_UP", r"\b(?:made|makes?|making)\s+up\b",
                        re.IGNORECASE)
_NOT_NAME = lazy_compile(globals(), "_NOT_NAME",
    r"^(?:The|A|An|In|On|At|And|But|Or|By|For|Of|To|From|With|Q[1-4]|H[12]|FY\d*|"
    # a month, never a name that begins like one ("Deccan Cement", "Novo", "Marlow's")
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Monday|"
    r"Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Up|Down|About|Some|Only)\b")


# --------------------------------------------------------------------- FC302
_PER_BEFORE = lazy_compile(globals(), "_PER_BEFORE", r"\b(?:per|every|each)\s+$",
                           re.IGNORECASE)


#: an earlier value's words: "down from a spring peak of", "compared with"
_EARLIER_BEFORE = lazy_compile(
    globals(), "_EARLIER_BEFORE",
    rf"\b(?:{P.EARLIER_WORDS})\s+(?:(?:an?|the|its|their)\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:of\s+)?$", re.IGNORECASE)


def multiple_of(s: SentenceFigures) -> Iterator[Claim]:
    ms = s.sentence.mentions
    for i in range(len(ms) - 1):
        a = ms[i]
        if not is_level(a) or _PER_BEFORE.search(s.text, max(0, a.start - s.base - 8),
                                                 a.start - s.base):
            continue  # "219 deaths per 100,000 people, almost twice": a rate's base
        if _EARLIER_BEFORE.search(s.text, max(0, a.start - s.base - 40), a.start - s.base):
            continue  # "$2.95, down from a spring peak of $3.40 but still double the $1.47":
            # the figure before is the earlier one, the multiple is the statement's
        found = _factor_after(s, a, ms[i + 1:])
        if found is None:
            continue
        factor_mention, b, owner = found
        if not same_dimension(a, b):
            continue
        who = s.who(a)
        other = (s.framer.lex.place(owner) or owner) if owner else OTHER
        if other.casefold() == who[0].casefold():
            other = OTHER
        key = s.key(s.label(a, b))
        years = s.years
        assert factor_mention.comparison is not None
        factor_mention = _with_target(factor_mention, other)
        yield from all_or_none(
            s.claim(a, "level", who, key, s.rel(a), years),
            s.claim(b, "level", (other, owner), key, s.rel(b), years),
            s.claim(factor_mention, "rate", who, key,
                    (s.rel(factor_mention)[0], s.rel(b)[1]), years))


def _with_target(m: Mention, target: str) -> Mention:
    assert m.comparison is not None
    comparison = Comparison(m.comparison.op, m.comparison.factor, target)
    return Mention(m.start, m.end, m.text, m.kind, m.value, m.qualifier, comparison=comparison,
                   location=m.location)


def _factor_after(s: SentenceFigures, a: Mention,
                  rest: Sequence[Mention]) -> tuple[Mention, Mention, str] | None:
    """The multiple or fraction after figure ``a``, the figure it relates ``a`` to, and whose
    that figure is ("India"), as a comparison mention (the factor as DESIGN reads it)."""
    a_end = a.end - s.base
    if len(rest) >= 2:
        m, b = rest[0], rest[1]
        gap = s.text[a_end:m.start - s.base]
        after = s.text[m.end - s.base:b.start - s.base]
        if m.kind == "multiple" and m.value is not None and _A_MULT.match(gap) and \
                (found := _MULT_B.match(after)) and is_level(b):
            return as_comparison(m, m.value.speaker, m.qualifier), b, found.group("owner") or ""
        if m.kind == "comparison" and m.comparison is not None and \
                m.comparison.factor is not None and _A_MULT.match(gap) and \
                (found := _OWNER.match(after)) and is_level(b):
            return m, b, found.group("owner")  # "a third of Acme's 90 Mt"
        if is_percent(m) and m.value is not None and FRACTION.match(m.text.strip()) and \
                _A_MULT.match(gap) and (found := FRACTION_OF_OWNER.match(after)) and is_level(b):
            factor = percent_factor(m)
            if factor is None:
                return None
            return as_comparison(m, factor, m.qualifier), b, found.group("owner")
    if rest:  # "roughly double the 100 units": a multiplier word the parser leaves as text
        b = rest[0]
        word = _WORD_MULT.match(s.text, a_end)
        if word is None or not is_level(b):
            return None
        if not _MULT_B.match(s.text[word.end() - 1:b.start - s.base]):
            return None
        x = Fraction(_MULT_WORDS[word.group("w").lower()])
        qualifier = _QUALIFIERS.get(" ".join((word.group("q") or "").lower().split()), "")
        iv = multiplier(x, qualifier)
        value = Value(iv, iv, "times", "ratio", (x,), "times")
        start = s.base + (word.start("q") if word.group("q") else word.start("w"))
        end = s.base + word.end("w")
        mention = Mention(start, end, s.text[start - s.base:word.end("w")], "multiple", value,
                          qualifier, location=s.framer.locate(start, end))  # (a word the
        # quantity grammar reads as no mention: located here, for reports and baselines)
        owner = _MULT_B.match(s.text[word.end() - 1:b.start - s.base])
        return (as_comparison(mention, iv, qualifier), b,
                owner.group("owner") or "" if owner else "")
    return None


def percent_factor(m: Mention) -> Interval | None:
    """A fraction written as a share ("a third", "less than a quarter": percent) as the
    factor it is of another figure (1/3, below 1/4); None for an open interval."""
    if m.value is None:
        return None
    iv = m.value.speaker
    low, high = iv.low, iv.high
    if low is None or high is None:
        return None
    hundred = Fraction(100)
    return Interval(low / hundred, high / hundred, iv.low_open, iv.high_open)


def multiplier(x: Fraction, qualifier: str) -> Interval:
    """A multiplier word as DESIGN.md reads it: h = 10% of the value; "roughly double" is
    [1.8, 2.2), "more than five times" (5, 6], "nearly three times" [2.4, 3)."""
    h = x / 10
    if qualifier == "over":
        return Interval(x, x + 2 * h, True, False)
    if qualifier == "nearly":
        return Interval(x - 2 * h, x)
    return Interval(x - h, x + h)


def comparison_with(m: Mention, target: str) -> Comparison:
    """The comparison a multiple ``m`` ("twice", "more than three times") makes with
    ``target``: its factor as DESIGN reads a multiplier word ("more than twice" is more than
    2, not more than 1.8)."""
    assert m.value is not None
    factor = multiplier(m.value.stated[0], m.qualifier) if len(m.value.stated) == 1 \
        else m.value.speaker
    found = as_comparison(m, factor, m.qualifier).comparison
    assert found is not None
    return Comparison(found.op, found.factor, target)


def as_comparison(m: Mention, factor: Interval, qualifier: str) -> Mention:
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
#: an item that names a group of the sellers by rank: "the top ten suppliers", "top 5"
_GROUP_OF_SOME = lazy_compile(globals(), "_GROUP_OF_SOME",
    r"\b(?:top|largest|biggest|leading)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|"
    r"ten|twenty|fifty|hundred)\b", re.IGNORECASE)


def share_list(s: SentenceFigures) -> Iterator[Claim]:
    items: list[tuple[str, Mention]] = []
    for m in s.sentence.mentions:
        if not (is_percent(m) and any(ch.isdigit() for ch in m.text)):
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
    if len(items) < 2 or len({name.casefold() for name, _ in items}) < len(items) or \
            any(_GROUP_OF_SOME.search(name) for name, _ in items):
        return  # ("the top ten suppliers took 93% of the market, and Chinese makers 67%":
        # groups that hold each other's members, never parts of one whole)
    end = items[-1][1].end - s.base
    said = s.text[:end]
    for name, _ in items:  # (an item named "domestic schemes" is no cue of home totals)
        if name.split()[0].lower() in ("domestic", "home"):
            said = said.replace(name, " ")
    said = _MADE_UP.sub(" ", said)  # ("made up 46%": a share's verb, not "up 4%")
    if not _SHARE_CUE.search(s.text) or _NOT_SHARE.search(said):
        return
    if any(_OF_OWN.match(s.text, m.end - s.base) for _, m in items):
        return  # "Denmark generated 61% of its electricity from wind, Ireland 35%": each
        # one's own total
    totals = [k for k, (_, m) in enumerate(items) if _OF.match(s.text, m.end - s.base)]
    if len(totals) > 1 or (totals and 0 < totals[0] < len(items) - 1):
        return  # "A 48% of X, B 30% of Y": shares of several totals (one total named once,
        # first or last, is the list's: "hospitals accounted for 41% of the total, ...")
    if any(name[:1].islower() for name, _ in items) and not totals and \
            not _FRONTED_WHOLE.match(s.text):
        return  # plain nouns sum only where the list names its total
    if s.covered([(m, "share") for _, m in items], one_subject=False):
        return
    np = P.measure_np(s.text, end)
    label = (s.framer.lex.measure_key(np[0], "", s.ctx.topic) if np else None) or \
        s.label(*(m for _, m in items)) or "share"
    key = s.key(label if label != "figure" else "share")
    years = s.years
    for name, m in items:
        subject = s.framer.lex.place(name) or name
        claim = s.claim(m, "share", (subject, name), key, s.rel(m), years, total="World")
        if claim is not None:
            yield claim

