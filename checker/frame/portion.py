"""A part, its share and the total it is a share of, in the orders prose writes them (FC203).

The figures of one sentence, or of a sentence and the one before it in its paragraph, that
must agree with each other whoever the subject is:

- part, share, total: "produced 0.9 Mt, some 40% of the world's 3.6 Mt"; "its 1.26 billion
  parcels gave it 31% of the 5.8 billion parcels delivered"; or a part and its share of a
  total the document states elsewhere ("... some 40% of world nickel output" beside "World
  nickel output was 3.6 Mt", a table's Total row);
- part, total, share: "lost 412 Ml a day out of the 1,650 Ml it supplied, or 31%"; "started
  28,400 homes out of a total of 36,900, or 71%"; "handled 4.6 million of the 11.8 million
  admissions in 2023-24, or 46% of the total";
- total, part, share: "income was £420m, of which £95m came from industry - roughly a third
  of the total";
- the total in the sentence before: "Exports rose to $24.1bn. China bought $5.2bn worth, or
  29% of the total"; "Pharmacies dispensed 1.16 billion items. Generics filled 905 million of
  them - 86% of all items"; or earlier in the same sentence, when the part points back to it:
  "fintechs raised £3.4bn; payments firms raised £1.1bn of that, 45% of the total", or
  opens with it ("Of the £184 million, sponsorship contributed £31 million, or 27%"). The
  total is the one figure of the part's dimension there, larger than the part; a change's
  starting point ("from $22.9bn"), a rate ("3.2 million every day") and a figure that is
  itself a share ("71% of the bill, or A$192 billion") are none. With two such figures
  ("Europe contributed €355m and Asia €185m") nothing is framed, nor when the part names a
  whole of its own ("€290m of group revenue").

Each shape's claims are keyed under the sentence's own measure key (:mod:`.local`), so they
are compared with each other only.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from factlint.frame import patterns as P
from factlint.frame.local import (
    NOUN,
    WHEN,
    SentenceFigures,
    all_or_none,
    is_level,
    is_percent,
    same_dimension,
)
from factlint.frame.multiples import FRACTION, FRACTION_OF_OWNER
from factlint.model import Claim, Mention, Sentence
from factlint.util.lazyre import lazy_compile

#: the words between a figure and the share of it: "or", "representing", "some", "gave it"
_LEAD = (r"(?:or|which\s+(?:is|was)|that\s+is|accounting\s+for|representing|equal\s+to|"
         r"equivalent\s+to|making\s+up|around|about|some|roughly|nearly|almost|just)")
#: a verb that gives a part its share, with no punctuation between: "gave it 31%", "made up"
_GIVES = (r"(?:g[ai]ve\s+(?:it|them)|giv(?:es|ing)\s+(?:it|them)|represent(?:s|ed)?|"
          r"account(?:s|ed)?\s+for|ma(?:de|kes?)\s+up|amount(?:s|ed)?\s+to|"
          r"(?:is|was|are|were)\s+(?:equal|equivalent)\s+to)")
# part -> share: "0.9 Mt of nickel in 2024, some 40%", "0.9 Mt (40%", "0.9 Mt, or 40%",
# "1.26 billion parcels gave it 31%"
_PART_SHARE = lazy_compile(globals(), "_PART_SHARE",
    r"^" + NOUN + r"(?:\s+of\s+[a-z][a-z -]{0,30}?)?" + WHEN +
    r"(?:\s*(?:,|\(|—|–|\s-)\s*(?:" + _LEAD + r"\s+)*|\s+" + _GIVES + r"\s+(?:" + _LEAD +
    r"\s+)*)$", re.IGNORECASE)
# share -> total: "of the world's", "of a total of", "of the region's combined"
_SHARE_TOTAL = lazy_compile(globals(), "_SHARE_TOTAL",
    r"^\s+of\s+(?:(?:(?:the|a|an|its|their|world|global|worldwide|total|combined|overall|"
    r"estimated|national|annual|entire|whole|[A-Za-z]+['’]s?)\s+){0,4}(?:of\s+)?|"
    r"(?:[a-z][a-z-]*\s+){1,3}of\s+)$")  # ("34% of group sales of €9.75 billion")
_SCOPE = lazy_compile(globals(), "_SCOPE", r"\b(?:world|global|worldwide|total)\b", re.I)
# part -> total: "412 Ml a day through leaking pipes, out of the", "28,400 homes out of a
# total of"
_OUT_OF = lazy_compile(globals(), "_OUT_OF",
    r"^(?:[^;:\d]{0,80}?\b(?:out\s+of(?:\s+a\s+total\s+of)?|of\s+a\s+total\s+of)|\s+of)\s+"
    r"(?:(?:the|an?|its|their|some|about|around|estimated)\s+)*"
    r"(?:[A-Za-z][\w&.-]*(?:\s+[A-Za-z][\w&.-]*){0,3}['’]s?\s+)?$")  # ("£310m of
# Brightsight's £925m revenue, or 42% of the total", "1.1 Mt of the group's 4.2 Mt, or 34%":
# the owner's total)
# total -> part: "£420m, of which", "36,900 homes (of which"
_OF_WHICH = lazy_compile(globals(), "_OF_WHICH",
    r"^" + NOUN + WHEN + r"\s*[,(—–]?\s*of\s+(?:which|whom)\s+(?:(?:about|around|some|"
    r"roughly|nearly|almost|just)\s+)*$", re.IGNORECASE)
# a figure, a short clause, then its share: " it put into supply, or ", " came from industry — "
_THEN_SHARE = lazy_compile(globals(), "_THEN_SHARE",
    r"^[^;:]{0,60}?(?:(?:,|\(|—|–|\s-)\s*(?:(?:now|together|jointly)\s+)?(?:" + _GIVES +
    r"\s+)?|\s+and\s+" + _GIVES + r"\s+)(?:" + _LEAD + r"\s+)*$", re.IGNORECASE)
# (" total, now account for roughly half of the estate", " total and make up a third")
# what may follow a share whose total is named before it: nothing, "of the total", "of all
# the water it treated"
_SHARE_END = lazy_compile(globals(), "_SHARE_END",
    r"^(?:\s+of\s+(?:(?:the|all|its|their|it|them|this|that)\b[^,;:.\d()]{0,50}|"
    r"[a-z]+(?:\s+[a-z]+){0,2}))?\s*(?:[,;.)—–]|$)", re.IGNORECASE)
# (" or 47% of output": of the total just stated)
# a share of a whole the sentence does not state: "of the total", "of all items", "of them"
_OF_WHOLE = lazy_compile(globals(), "_OF_WHOLE",
    r"^\s+of\s+(?:(?:the|that|this)\s+total\b|the\s+whole\b|all\s+(?:the\s+)?[a-z]+|them\b)",
    re.IGNORECASE)
# a part's own whole, named after it: "£290 million of group revenue" (not "of them")
_OWN_WHOLE = lazy_compile(globals(), "_OWN_WHOLE",
    r"^\s+of\s+(?!them\b|those\b|these\b|it\b|that\b|this\b)[a-z]", re.IGNORECASE)
# a total a sentence opens with: "Of the £184 million, sponsorship contributed £31 million,
# or 27% of the total"
_FRONTED_OF = lazy_compile(globals(), "_FRONTED_OF",
    r"^\s*of\s+(?:(?:the|its|their|this|that|these|those|some|about|around)\s+)*$",
    re.IGNORECASE)
# a sentence that opens with the total of the sentence before: "Of that, $1.9 billion went on"
_OF_THAT = lazy_compile(globals(), "_OF_THAT", r"\s*of\s+(?:that|this|it|these|those)\s*,",
                        re.IGNORECASE)
# a part that points back to a total its sentence wrote before it: "£1.1bn of that"
_BACK = lazy_compile(globals(), "_BACK", r"^\s+of\s+(?:that|this|it|those|these)\b",
                     re.IGNORECASE)
# a share, then the figure it is: "71% of the bill, or A$192 billion"
_SHARE_THEN = lazy_compile(globals(), "_SHARE_THEN",
    r"\s+of\s+[^\d;:.]{0,40}?(?:,|\(|—|–)\s*(?:or\s+)?(?:about\s+|some\s+|roughly\s+)?",
    re.IGNORECASE)
# a rate in time, not an amount: "3.2 million every day", "9,000 tonnes a week"
_PER_TIME = lazy_compile(globals(), "_PER_TIME",
    r"(?:\s+[a-z]+)?\s+(?:a|an|per|every|each)\s+(?:day|week|month|year|hour|minute)\b",
    re.IGNORECASE)
# a change's starting point, an earlier figure than the sentence's: "from $22.9bn"
_FROM = lazy_compile(globals(), "_FROM",
                     rf"\b(?:{P.EARLIER_WORDS}|than)\s+(?:the\s+)?"
                     r"(?:about\s+|around\s+|some\s+)?$", re.IGNORECASE)
#: after a percent, what makes it a change: "542.7 Mt, 14.4% more than ..."
_CHANGE_AFTER = lazy_compile(globals(), "_CHANGE_AFTER",
                             r"\s+(?:more|less|higher|lower|up|down|above|below)\b",
                             re.IGNORECASE)


def _is_share(m: Mention) -> bool:
    """A percentage in digits, or a fraction word ("roughly a third")."""
    return is_percent(m) and (any(ch.isdigit() for ch in m.text) or
                              bool(FRACTION.match(m.text.strip())))


def _gap(s: SentenceFigures, a: Mention, b: Mention) -> str:
    return s.text[a.end - s.base:b.start - s.base]


def _after(s: SentenceFigures, m: Mention) -> str:
    return s.text[m.end - s.base:]


def _three(s: SentenceFigures, part: Mention, share: Mention, total: Mention) -> list[Claim]:
    """The claims of one part, its share and its total, all in the sentence."""
    if s.covered([(part, "level"), (share, "share"), (total, "level")]):
        return []
    years = s.years
    who, key = s.who(part, share), s.key(s.label(part, share, total))
    first, last = min(share.start, total.start), max(share.end, total.end)
    return all_or_none(
        s.claim(part, "level", who, key, s.rel(part), years),
        s.claim(share, "share", who, key, (first - s.base, last - s.base), years, total="World"),
        s.claim(total, "level", ("World", ""), key, s.rel(total), years))


def _part_share_total(s: SentenceFigures) -> Iterator[Claim]:
    """part, share, total: "0.9 Mt, some 40% of the world's 3.6 Mt"; or the total stated
    elsewhere in the document, "0.9 Mt, some 40% of world nickel output"."""
    ms = s.sentence.mentions
    for i in range(1, len(ms)):
        part, share = ms[i - 1], ms[i]
        if not (is_level(part) and is_percent(share)):
            continue
        if not _PART_SHARE.match(_gap(s, part, share)):
            continue
        total = ms[i + 1] if i + 1 < len(ms) else None
        if not any(ch.isdigit() for ch in share.text) and (
                not FRACTION.match(share.text.strip()) or total is None or FRACTION_OF_OWNER.match(
                    _gap(s, share, total))):
            continue  # a fraction word of a whole is a share; of another's figure, FC302's
        if total is not None and is_level(total) and same_dimension(part, total) and \
                _SHARE_TOTAL.match(_gap(s, share, total)):
            yield from _three(s, part, share, total)
            continue
        # no total here: the share of a measure whose total the document states elsewhere
        np = P.measure_np(s.text, share.end - s.base)
        if np is None or not _SCOPE.search(np[0]) or s.covered([(part, "level"),
                                                                   (share, "share")]):
            continue
        measure = s.framer.lex.measure_key(np[0], "", s.ctx.topic)
        if measure is None:
            continue
        years = s.years
        who, key = s.who(part, share), s.key(measure)
        yield from all_or_none(
            s.claim(part, "level", who, key, s.rel(part), years),
            s.claim(share, "share", who, key, (s.rel(share)[0], np[1]), years, total="World"))


def _total_between(s: SentenceFigures) -> Iterator[Claim]:
    """part, total, share ("412 Ml out of the 1,650 Ml it supplied, or 31%") and total,
    part, share ("£420m, of which £95m came from industry - a third of the total")."""
    ms = s.sentence.mentions
    for a, b, c in zip(ms, ms[1:], ms[2:], strict=False):
        if not (is_level(a) and is_level(b) and same_dimension(a, b) and _is_share(c)):
            continue
        if not (_THEN_SHARE.match(_gap(s, b, c)) and _SHARE_END.match(_after(s, c))):
            continue
        if _OUT_OF.match(_gap(s, a, b)):
            yield from _three(s, a, c, b)
        elif _OF_WHICH.match(_gap(s, a, b)):
            yield from _three(s, b, c, a)


def _totals(fig: SentenceFigures, part: Mention, upto: int) -> list[Mention]:
    """The figures of ``fig``'s sentence ending by ``upto`` that may be ``part``'s total: of
    its kind, and neither a change's starting point ("from $22.9bn", "than the 474 Mt"), nor
    a rate in time ("3.2 million every day"), nor itself a share of something ("paid 71% of
    the bill, or A$192 billion")."""
    text, base, ms = fig.text, fig.base, fig.sentence.mentions
    return [t for k, t in enumerate(ms) if t.end <= upto and is_level(t)
            and same_dimension(t, part) and not _FROM.search(text, 0, t.start - base)
            and not _PER_TIME.match(text, t.end - base)
            and not (k > 0 and is_percent(ms[k - 1]) and _SHARE_THEN.fullmatch(
                text, ms[k - 1].end - base, t.start - base))
            and not (k + 1 < len(ms) and is_percent(ms[k + 1]) and _THEN_SHARE.match(
                text[t.end - base:ms[k + 1].start - base])
                and not _CHANGE_AFTER.match(text, ms[k + 1].end - base))]
    # (neither a comparison's base, "14.4% more than the 474.4 Mt of 2023", whose figure
    # before, "542.7 Mt, 14.4% more than", is no share of anything)


def _total_before(s: SentenceFigures, previous: Sentence | None) -> Iterator[Claim]:
    """A part and its share "of the total" whose total is written before them: in the
    sentence before ("Exports rose to $24.1bn. China bought $5.2bn worth, or 29% of the
    total"), or earlier in the same sentence when the part points back to it ("fintechs
    raised £3.4bn; payments firms raised £1.1bn of that, 45% of the total")."""
    ms = s.sentence.mentions
    for i in range(1, len(ms)):
        part, share = ms[i - 1], ms[i]
        if not (is_level(part) and _is_share(share) and part.value is not None) or \
                P.BOUND.match(part.text):
            continue  # ("171,000 were below 40 hp, about 65% of the total": a bound is no part)
        fronted = [t for t in _totals(s, part, part.start)
                   if _FRONTED_OF.match(s.text, 0, t.start - s.base)]
        whole = bool(_OF_WHOLE.match(_after(s, share))) or bool(
            fronted and _SHARE_END.match(_after(s, share)))
        gap = _gap(s, part, share)
        opened = bool(fronted) or bool(_OF_THAT.match(s.text))
        if not (whole and (_PART_SHARE.match(gap) or (opened and _THEN_SHARE.match(gap)))):
            continue  # ("Of the £412m paid, flood claims made up £173m, or 52%, with ...");
            # a clause may come between part and share when the sentence opens with their
            # total ("Of the $98bn ..., $31bn went through online channels - some 41%", "Of
            # that, $1.9 billion went on new rides, lands and attractions, about 75%")
        if s.covered([(part, "level"), (share, "share")]):
            return
        back = bool(_BACK.match(_after(s, part)))  # "£1.1bn of that": a total before it
        fig, totals = s, (_totals(s, part, part.start) if back else fronted)
        if not totals:
            if _OWN_WHOLE.match(_after(s, part)) or previous is None or \
                    previous.table is not None:
                return  # "£290 million of group revenue": a whole of its own, not stated
            fig = SentenceFigures(s.framer, previous, s.ctx, {})
            totals = _totals(fig, part, previous.start + len(previous.text))
        if len(totals) != 1:
            return  # "Europe contributed €355m and Asia €185m": parts, not a total
        total = totals[0]
        low, high = total.value.speaker.low if total.value else None, part.value.speaker.high
        if low is None or high is None or low <= high:
            return
        years = s.years
        who, key = s.who(part, share), s.key(s.label(part, share))
        yield from all_or_none(
            s.claim(part, "level", who, key, s.rel(part), years),
            s.claim(share, "share", who, key, s.rel(share), years, total="World"),
            fig.claim(total, "level", ("World", ""), key, fig.rel(total), years))
        return


def portion_claims(s: SentenceFigures, previous: Sentence | None) -> list[Claim]:
    """The part/share/total claims of the sentence of ``s`` (and ``previous``, the sentence
    before it in its paragraph, if any)."""
    out = [*_part_share_total(s), *_total_between(s)]
    if not any(c.kind == "share" for c in out):
        out.extend(_total_before(s, previous))
    return out
