"""Frame a growth statement: ``X's M is projected to rise from V1 in Y1 to V2 in Y2, a
compound annual growth rate of R%``.

It gives three claims: the level of M at Y1, the level at Y2, and a ``rate`` claim whose
period is {Y1, Y2}, so FC301 can recompute the rate from its own endpoints.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from factlint.frame.local import NO_SUBJECT, local_key
from factlint.model import Claim, Sentence
from factlint.util.lazyre import lazy_compile

if TYPE_CHECKING:
    from factlint.frame.claims import Framer
    from factlint.frame.context import DocContext

__all__ = ["NO_SUBJECT", "growth_claims"]  # NO_SUBJECT: checked within its sentence only
_YEAR = r"(?P<{name}>(?:19|20)\d\d)"
_SUBJECT = lazy_compile(globals(), "_SUBJECT",
    r"['’]s\s+(?P<np>(?:[A-Za-z][\w-]*\s+){0,5}?[A-Za-z][\w-]*)\s+(?:(?:is|are|was|were|will|"
    r"would|could|has|have|had)\s+)?(?:(?:been\s+)?(?:projected|expected|forecast|set|likely|"
    r"estimated|poised|going)\s+to\s+)?(?:rise|grow|increase|climb|expand|jump|surge|fall|"
    r"decline|drop|rose|grew|increased|climbed|expanded|jumped|surged|fell|declined|dropped|"
    r"go|went|gone)\w*\s+from\s+$"
)
#: the same statement without a possessive subject: "exports rose from", "has grown from"
_VERB_FROM = lazy_compile(globals(), "_VERB_FROM",
    r"(?P<np>(?:[A-Za-z][\w-]*\s+){0,4}?[A-Za-z][\w-]*)\s+(?:(?:has|have|had)\s+)?"
    r"(?:(?:roughly|nearly|almost|more\s+than)\s+)?(?:risen|rose|grown|grew|increased|climbed|"
    r"expanded|jumped|surged|doubled|tripled|fallen|fell|declined|dropped|gone|went|"
    r"(?:to\s+)?(?:rise|grow|increase|climb|expand|fall|decline|go))\s+from\s+$"  # ("expects
    # the market to grow from")
    r"|(?P<bare>[:;,—–]\s*)from\s+$"  # "...: from 245 Mt in 2015 to 411 Mt last year, a CAGR"
    r"|(?P<going>\b(?:[Gg]oing|[Gg]rowing|[Rr]ising|[Mm]oving))\s+from\s+$")  # "Going from"
#: what a value counts and a rate's time after it ("28.4 million units in 2020", "12.4
#: million tonnes a year in 2019", "93 EB per month at the end of 2020")
_PER = (r"(?:\s+(?!in\b|by\b|at\b|to\b)[a-z][\w-]*){0,2}"
        r"(?:\s+(?:a|per)\s+(?:year|annum|day|month|week))?")
#: the name of a compound rate: "a compound annual growth rate (CAGR) of", "a compound annual
#: rate of", "an average annual growth rate of"
_RATE = (r"(?:CAGR|compound(?:ed)?\s+annual(?:\s+growth)?(?:\s+rate)?|average\s+annual\s+"
         r"growth(?:\s+rate)?)(?:\s+\(CAGR\))?")
#: how a year follows a value: "in 2020", "by 2028", "at the end of 2020" (a year-end count)
_AT = r"(?:in|by|at\s+the\s+end\s+of)"
_BETWEEN = lazy_compile(
    globals(), "_BETWEEN", _PER + r"\s+" + _AT + r"\s+(?:fiscal\s+(?:year\s+)?|FY\s*)?" +
    _YEAR.format(name="y1") + r"\s+to\s+$")
_AFTER_END = lazy_compile(globals(), "_AFTER_END", _PER + r"\s+(?:" + _AT + r"\s+"
                          r"(?:fiscal\s+(?:year\s+)?|FY\s*)?" + _YEAR.format(name="y2")
                        + r"|(?P<last>last\s+year))"
                        r",?\s+(?:(?:is|was|means|meant|represents|represented|equals|"
                        r"implies|gives)\s+)?(?:a|an|at\s+a|with\s+a|representing\s+a|or\s+a)\s+"
                        + _RATE + r"\s+of\s+$", re.IGNORECASE)

#: the other order: "34.5 Mt in 2024, up from 28.0 Mt in 2019, a compound annual growth
#: rate of 7.5%" (the end first, then where it came from)
_IN_YEAR = r"(?:\s+(?!in\b|by\b)[a-z][\w-]*){0,2}\s+(?:in|by)\s+(?:fiscal\s+(?:year\s+)?|FY\s*)?"
_UP_FROM = lazy_compile(globals(), "_UP_FROM", _IN_YEAR + _YEAR.format(name="y2") +
                        r",?\s+(?:up|down|rising|falling|growing)"
                        r"\s+from\s+(?:(?:about|around|roughly|some)\s+)?$", re.IGNORECASE)
_AFTER_START = lazy_compile(globals(), "_AFTER_START", _IN_YEAR + _YEAR.format(name="y1") +
                            r",?\s+(?:(?:is|was|means|meant|represents|represented|equals|"
                            r"implies|gives)\s+)?(?:a|an|at\s+a|with\s+a|representing\s+a|or\s+a)"
                            r"\s+" + _RATE + r"\s+of\s+$", re.IGNORECASE)


def growth_claims(
    framer: Framer, sentence: Sentence, ctx: DocContext
) -> tuple[list[Claim], set[int]]:
    """The claims of a from-to growth statement, and the starts of the mentions they use."""
    text, base = sentence.text, sentence.start
    ms = sentence.mentions
    for i in range(len(ms) - 2):
        first, second, rate = ms[i], ms[i + 1], ms[i + 2]
        f0, f1 = first.start - base, first.end - base
        s0, s1 = second.start - base, second.end - base
        r0 = rate.start - base
        subject_m = _SUBJECT.search(text, max(0, f0 - 160), f0)
        between = _BETWEEN.match(text[f1:s0])
        after = _AFTER_END.match(text[s1:r0])
        if between is None or after is None:
            continue
        if rate.value is None or rate.value.unit != "percent":
            continue
        subject = key = None
        anchor = f0
        if subject_m is not None:
            anchor = subject_m.start()
            subject = framer.subject_before(text, anchor)
            key = framer.lex.measure_key(subject_m.group("np"), "", ctx.topic)
        if subject is None or key is None:
            # no subject named: the statement is still checked against its own figures,
            # under a key of this sentence alone, so it is never compared with another
            verb_m = _VERB_FROM.search(text, max(0, f0 - 120), f0)
            if verb_m is None:
                continue
            anchor = verb_m.start()
            subject = (NO_SUBJECT, "")
            what = " ".join((verb_m.group("np") or "figure").lower().split())
            key = local_key(what, ctx.doc.path, text)
        if after.group("last"):
            if ctx.doc.date is None:
                continue
            y2 = ctx.doc.date.year - 1
        else:
            y2 = int(after.group("y2"))
        y1 = int(between.group("y1"))
        start = anchor - len(subject[1])
        claims = [
            framer.make_claim(first, "level", subject, key, text, f0, f1, ctx, sentence, y1),
            framer.make_claim(second, "level", subject, key, text, s0, s1, ctx, sentence, y2),
            framer.make_claim(rate, "rate", subject, key, text, start, rate.end - base, ctx,
                              sentence, y1, y2),
        ]
        return [c for c in claims if c is not None], {first.start, second.start, rate.start}
    return _end_first(framer, sentence, ctx)


def _end_first(framer: Framer, sentence: Sentence, ctx: DocContext
               ) -> tuple[list[Claim], set[int]]:
    """"X in 2024, up from Y in 2019, a compound annual growth rate of R": the rate and its
    two ends under a key of this sentence alone (FC301 checks it against them); the ends
    stay the statement grammar's to frame as well, so only the rate is taken."""
    text, base = sentence.text, sentence.start
    ms = sentence.mentions
    for i in range(len(ms) - 2):
        end, start, rate = ms[i], ms[i + 1], ms[i + 2]
        up = _UP_FROM.match(text[end.end - base:start.start - base])
        after = _AFTER_START.match(text[start.end - base:rate.start - base])
        if up is None or after is None or rate.value is None or rate.value.unit != "percent":
            continue
        y1, y2 = int(after.group("y1")), int(up.group("y2"))
        subject = (NO_SUBJECT, "")
        key = local_key("figure", ctx.doc.path, text)
        e0, s0 = end.start - base, start.start - base
        claims = [
            framer.make_claim(start, "level", subject, key, text, s0, start.end - base, ctx,
                              sentence, y1),
            framer.make_claim(end, "level", subject, key, text, e0, end.end - base, ctx,
                              sentence, y2),
            framer.make_claim(rate, "rate", subject, key, text, e0, rate.end - base, ctx,
                              sentence, y1, y2),
        ]
        return [c for c in claims if c is not None], {rate.start}
    return [], set()
