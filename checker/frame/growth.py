"""Frame a growth statement: ``X's M is projected to rise from V1 in Y1 to V2 in Y2, a
compound annual growth rate of R%``.

It gives three claims: the level of M at Y1, the level at Y2, and a ``rate`` claim whose
period is {Y1, Y2}, so FC301 can recompute the rate from its own endpoints.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from factlint.model import Claim, Sentence
from factlint.util.lazyre import lazy_compile

if TYPE_CHECKING:
    from factlint.frame.claims import Framer
    from factlint.frame.context import DocContext

_YEAR = r"(?P<{name}>(?:19|20)\d\d)"
_SUBJECT = lazy_compile(globals(), "_SUBJECT",
    r"['’]s\s+(?P<np>(?:[A-Za-z][\w-]*\s+){0,5}?[A-Za-z][\w-]*)\s+(?:(?:is|are|was|were|will|"
    r"would|could|has|have|had)\s+)?(?:(?:been\s+)?(?:projected|expected|forecast|set|likely|"
    r"estimated|poised|going)\s+to\s+)?(?:rise|grow|increase|climb|expand|jump|surge|fall|"
    r"decline|drop|rose|grew|increased|climbed|expanded|jumped|surged|fell|declined|dropped|"
    r"go|went|gone)\w*\s+from\s+$"
)
_BETWEEN = lazy_compile(
    globals(), "_BETWEEN", r"\s+(?:in|by)\s+" + _YEAR.format(name="y1") + r"\s+to\s+$")
_AFTER_END = lazy_compile(globals(), "_AFTER_END", r"\s+(?:in|by)\s+" + _YEAR.format(name="y2") +
                        r",?\s+(?:a|an|at\s+a|with\s+a|representing\s+a|or\s+a)\s+"
                        r"(?:CAGR|compound\s+annual\s+growth(?:\s+rate)?|average\s+annual\s+"
                        r"growth(?:\s+rate)?)\s+of\s+$", re.IGNORECASE)


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
        if subject_m is None or between is None or after is None:
            continue
        if rate.value is None or rate.value.unit != "percent":
            continue
        subject = framer.subject_before(text, subject_m.start())
        key = framer.lex.measure_key(subject_m.group("np"), "", ctx.topic)
        if subject is None or key is None:
            continue
        y1, y2 = int(between.group("y1")), int(after.group("y2"))
        start = subject_m.start() - len(subject[1])
        claims = [
            framer.make_claim(first, "level", subject, key, text, f0, f1, ctx, sentence, y1),
            framer.make_claim(second, "level", subject, key, text, s0, s1, ctx, sentence, y2),
            framer.make_claim(rate, "rate", subject, key, text, start, rate.end - base, ctx,
                              sentence, y1, y2),
        ]
        return [c for c in claims if c is not None], {first.start, second.start, rate.start}
    return [], set()
