"""A figure no statement frames, written again where its document framed it: the same claim.

Writers state a figure more than once: a headline, a Chinese title, a summary line, a table
and the paragraph under it ("# Boeing deliveries slump to 348" over "Boeing handed over 348
jets"; "去年出口8430万吨" over "shipping 84.3 million tonnes"; "rose 27% to 894.4
gigawatt-hours" beside the table's "| 894.4 |"). When a figure's own sentence names no
statement factlint reads, but its document frames one claim whose value it restates, the
figure is that claim again (shape ``restatement``), and is compared with other documents as
the claim is.

A restatement must be unmistakable: the figure is written with at least three significant
digits ("348", "8430万", "1.79 million"; never "25%" or "1.0 million"), its unit is the
claim's, the claim's number rounds to the figure's ("1.79 million" restates 1,789,226, but
"14.8%" never restates "15%"), every framed claim it meets has one key, the year the figure
states ("31.7 million in 2023"), or else a year its sentence states, is the claim's, and
a count counts the claim's noun or none ("412 dockers" never restates "412 ships"). A claim
of one sentence's own arithmetic (no subject, a measure keyed to its sentence) is never
restated.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from factlint.frame import patterns as P
from factlint.frame.lexicon import normalise_phrase
from factlint.frame.local import NO_SUBJECT, YEAR, local_base
from factlint.model import Claim, Interval, Mention, Sentence, Value, dollar_as_usd
from factlint.parse.counts import counted_noun
from factlint.util.lazyre import lazy_compile

#: unframed reasons a restatement may replace: nothing else in the sentence said what it is
RESTATABLE = frozenset({"no-statement", "no-measure"})
#: the fewest significant digits of a figure that restates another
MIN_DIGITS = 3

_YEAR = lazy_compile(globals(), "_YEAR", rf"(?<!\d){YEAR}(?!\d)")
#: the year a figure states for itself, right after it: "31.7 million in 2023", "$20.3
#: billion in Q3 2023"
_OWN_YEAR = lazy_compile(globals(), "_OWN_YEAR",
                         rf"(?:\s+[a-z]+){{0,4}}?\s+(?:in|for|during)\s+(?:(?:Q[1-4]|H[12]|"
                         rf"fiscal|FY)\s*)?(?P<y>{YEAR})(?!\d)")


def significant_digits(text: str) -> int:
    """How many significant digits ``text`` writes ("8430万吨" 3, "$1,789,226" 7, "1.0
    million" 1): leading and trailing zeros never count."""
    digits = "".join(ch for ch in text if (ch.isdigit() and ch.isascii()) or "０" <= ch <= "９")
    return len(digits.strip("0０"))


def restatements(
    sentences: Sequence[Sentence], found_at: Mapping[int, Sequence[Claim]]
) -> tuple[dict[int, list[Claim]], dict[int, Sentence]]:
    """The claims that unframed figures of one document restate, by sentence index, and the
    sentences whose unframed reasons lose the figures now framed."""
    framed = [(c, _noun(sentences[k], c.mention)) for k, found in found_at.items()
              for c in found
              if c.modality in ("fact", "estimate") and c.mention.value is not None
              and c.subject != NO_SUBJECT and local_base(c.measure) is None]
    added: dict[int, list[Claim]] = {}
    updated: dict[int, Sentence] = {}
    if not framed:
        return added, updated
    for k, sent in enumerate(sentences):
        if not sent.unframed:
            continue
        why = dict(sent.unframed)
        years: set[int] | None = None
        for mention in sent.mentions:
            if why.get(mention.start) not in RESTATABLE or not _distinct(mention):
                continue
            if years is None:
                years = {int(y) for y in _YEAR.findall(sent.text)}
            own = _OWN_YEAR.match(sent.text, mention.end - sent.start)
            claim = _restated(mention, _noun(sent, mention), framed,
                              {int(own.group("y"))} if own else years)
            if claim is None:
                continue
            added.setdefault(k, []).append(dataclasses.replace(
                claim, mention=mention, location=mention.location or claim.location,
                text=mention.text, in_title=sent.role == "title", shape="restatement"))
            del why[mention.start]
        for change in _changes_beside(sent, added.get(k, ()), why):
            added[k].append(change)
            del why[change.mention.start]
        if k in added:
            updated[k] = dataclasses.replace(sent, unframed=tuple(why.items()))
    return added, updated


def _changes_beside(sentence: Sentence, restated: Sequence[Claim],
                    why: Mapping[int, str]) -> list[Claim]:
    """The changes a Chinese headline writes beside a level it restates: "销量139万辆，同比增长
    四成以上" (sales of 1.39 million, up more than 40% on the year), "营收增长6%至396亿美元"
    (revenue up 6% to $39.6 billion): the change of the level's claim, in its period."""
    out: list[Claim] = []
    if not restated or not P.CJK.search(sentence.text):
        return out
    text, base, mentions = sentence.text, sentence.start, sentence.mentions
    starts = [m.start for m in mentions]
    for claim in restated:
        if claim.kind != "level" or claim.mention.start not in starts:
            continue
        level = claim.mention
        at = starts.index(level.start)
        if at + 1 < len(mentions) and _changeable(after := mentions[at + 1], why):
            # "销量139万辆，同比增长四成以上": the change after the level
            said = _CHANGE_AFTER.fullmatch(text, level.end - base, after.start - base)
            if said is not None:
                out.append(_change_of(claim, after, said.group("verb")))
        if at > 0 and _changeable(before := mentions[at - 1], why) and \
                _CHANGE_BEFORE.fullmatch(text, before.end - base, level.start - base):
            # "营收增长6%至396亿美元": the change before the level it rose to
            said = _CHANGE_VERB_END.search(text, 0, before.start - base)
            if said is not None:
                out.append(_change_of(claim, before, said.group("verb")))
    return out


def _changeable(mention: Mention, why: Mapping[int, str]) -> bool:
    """A percentage no statement framed: one a headline's change may be."""
    return why.get(mention.start) in RESTATABLE and mention.value is not None and \
        mention.value.dimension == "share"


def _change_of(level: Claim, change: Mention, verb: str) -> Claim:
    return dataclasses.replace(level, mention=P.signed(change, verb in _ZH_FALL), kind="change",
                               location=change.location or level.location, text=change.text)


_ZH_RISE = "增长|上升|上涨|提升|增加|增产|回升"
_ZH_FALL = frozenset("下降 下滑 减少 减产 回落 下跌".split())
#: a change verb, on the year before it or not: "同比增长", "较上年下降"
_ZH_CHANGE = (rf"(?:(?:同比|较上年|比上年|较去年)\s*)?(?P<verb>{_ZH_RISE}|{'|'.join(_ZH_FALL)})"
              r"(?:了)?\s*")
#: between a level (and its counted noun) and its change: "辆，同比增长"
_CHANGE_AFTER = lazy_compile(globals(), "_CHANGE_AFTER",
                             rf"[辆台部个件架艘只头家座套块张份人次]{{0,2}}[\s,，、]*{_ZH_CHANGE}")
#: between a change and the level it led to: "增长6%至396亿美元"
_CHANGE_BEFORE = lazy_compile(globals(), "_CHANGE_BEFORE", r"\s*(?:至|到)\s*")
#: the change verb right before a change's figure
_CHANGE_VERB_END = lazy_compile(globals(), "_CHANGE_VERB_END", rf"{_ZH_CHANGE}$")


def _distinct(mention: Mention) -> bool:
    """A figure written plainly or approximately, with enough digits to be unmistakable
    ("at least £12.80" restates nothing: its reading has no upper end)."""
    value = mention.value
    return (mention.kind == "quantity" and value is not None
            and mention.qualifier in ("", "approx")
            and value.strict.low is not None and value.strict.high is not None
            and significant_digits(mention.text) >= MIN_DIGITS)


def _rounds_to(claimed: Value, written: Value) -> bool:
    """Whether the claim's number, rounded as ``written`` is, is the number written: "1.79
    million" restates 1,789,226, but "14.8%" never restates a "15%" (nor "12.2" "about 12")."""
    low, high = claimed.strict.low, claimed.strict.high
    if low is None or high is None:
        return False
    middle = (low + high) / 2
    return Interval(middle, middle, high_open=False).intersects(written.strict)


def _noun(sentence: Sentence, mention: Mention) -> str | None:
    """What a bare count counts, singular ("412 dockers" -> docker); None if not a count or
    no noun follows it."""
    value = mention.value
    if value is None or value.dimension != "count" or not sentence.start <= mention.end:
        return None
    noun = counted_noun(sentence.text, mention.end - sentence.start)
    return normalise_phrase(noun) if noun else None


def _restated(mention: Mention, noun: str | None, framed: Sequence[tuple[Claim, str | None]],
              years: set[int]) -> Claim | None:
    """The one claim of ``framed`` (each with the noun its count counts) that ``mention``
    writes again, or None."""
    value = mention.value
    assert value is not None
    found: list[Claim] = []
    for claim, counts in framed:
        other = claim.mention.value
        assert other is not None
        if dollar_as_usd(other.unit) != dollar_as_usd(value.unit) or \
                not _rounds_to(other, value):
            continue
        if noun and noun != counts and noun not in claim.measure.split():
            continue  # "412 dockers" never restates "412 ships"
        if years and claim.period.years and not years & claim.period.years:
            continue  # "348 in 2023" never restates 2024's 348, nor "$22.1 billion in Q3
            # 2024, compared with $20.3 billion in Q3 2023" Q3 2024's $20.3 billion (a figure
            # that states its own year is judged by it; else by the years of its sentence)
        found.append(claim)
    if not found or len({c.key() for c in found}) != 1:
        return None
    return found[0]


__all__ = ["MIN_DIGITS", "RESTATABLE", "restatements", "significant_digits"]
