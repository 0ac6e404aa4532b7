"""A comparison that names its other side, right after the figure it compares (FC302).

"Carnival carried 13.5 million guests in 2024, roughly twice as many as Royal Caribbean
Group"; "easyJet flew 89.7 million passengers, less than a third of Ryanair's tally";
"Alibaba Cloud held 4% of cloud spending, less than one-tenth of AWS's share"; "Its capacity
of roughly 10 million tonnes a year is more than twice that of Norway's Yara International".
The figure before the comparison is a claim the sentence framed; the comparison says how that
subject's figure stands against the named one's, for the same measure, kind and period. It
becomes a claim of the figure's subject and measure, of kind ``rate`` (a ratio between two
subjects: never compared with either's figure as a value), whose mention is a comparison with
that target (shape ``comparison_after``); FC302 checks it against the values the corpus
states for both.

Only when unmistakable: the comparison follows the framed figure in the same clause (a comma,
or "is"/"was" between them, no other figure), and a capitalised name follows it ("as many as
B", "that of B", "B's").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from factlint.frame import multiples
from factlint.frame.lexicon import Lexicon
from factlint.frame.names import clean_name
from factlint.model import Claim, Comparison, Mention, Sentence
from factlint.util.lazyre import lazy_compile

#: between the compared figure and the comparison: its measure words, a comma or a verb "be"
_GAP = lazy_compile(globals(), "_GAP",
    r"^[^;:.!?()]{0,70}?(?:,\s*(?:which\s+(?:is|was)\s+|or\s+)?|\s+(?:is|was|are|were)\s+)"
    r"(?:(?:more|less|fewer|greater)\s+than\s+)?$")
_NAME = (r"(?:(?:the|neighbouring|neighboring|rival)\s+)?"
         r"(?P<name>[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|de|&))*)")
#: the other side, after a multiple: "as many as B", "that of B", "B's"
_TARGET = lazy_compile(globals(), "_TARGET",
    r"\s+(?:as\s+(?:many|much|large|big|high|great)(?:\s+\w+){0,3}?\s+as\s+(?:that\s+of\s+)?"
    r"|(?:that|those)\s+of\s+|)" + _NAME)
#: after a multiple, the other side's own figure: "twice as many as Parcelway's 1,900"
_OTHERS_FIGURE = lazy_compile(globals(), "_OTHERS_FIGURE",
    r"^[^.;:!?]{0,60}?[A-Z][\w&.'’-]*(?:['’]s)?\s+[$€£¥]?\d")


_CLAIMED = ("level", "share")


def comparisons_after(sentence: Sentence, claims: Sequence[Claim], handled: set[int],
                      lex: Lexicon) -> list[Claim]:
    """The comparison claims of ``sentence``: one for each multiple or comparison no claim
    frames that follows one of ``claims`` and names its other side."""
    out: list[Claim] = []
    text, base = sentence.text, sentence.start
    for k, m in enumerate(sentence.mentions):
        if m.start in handled or m.kind not in ("multiple", "comparison"):
            continue
        start, op = m.start, ""
        if k and _bare_comparison(sentence.mentions[k - 1]) and m.kind == "multiple" and \
                not text[sentence.mentions[k - 1].end - base:m.start - base].strip():
            # "is more than twice that of B": the parser's "is more than", then "twice"
            start, op = sentence.mentions[k - 1].start, sentence.mentions[k - 1].comparison.op  # type: ignore[union-attr]
        elif _bare_comparison(m):
            continue
        before = [c for c in claims if c.kind in _CLAIMED and c.mention.end <= start
                  and c.mention.value is not None and c.modality in ("fact", "estimate")]
        if not before:
            continue
        c = max(before, key=lambda c: c.mention.end)
        if any(c.mention.end <= o.start < start for o in sentence.mentions[:k]) or \
                not _GAP.match(text[c.mention.end - base:(m.start if op else start) - base]):
            continue
        if op:
            m = dataclasses.replace(m, qualifier="over" if op == "gt" else "under")
        comparison = _comparison(m, text[m.end - base:], lex)
        if comparison is None or comparison.target_text.casefold() == c.subject.casefold() \
                or _OTHERS_FIGURE.match(text[m.end - base:]):
            continue
        mention = dataclasses.replace(m, kind="comparison", comparison=comparison)
        out.append(dataclasses.replace(c, mention=mention, location=m.location or c.location,
                                       text=text[c.mention.start - base:m.end - base],
                                       kind="rate", shape="comparison_after"))
    return out


def _bare_comparison(m: Mention) -> bool:
    """A comparison word with no factor and no target ("is more than")."""
    return m.kind == "comparison" and m.comparison is not None and \
        m.comparison.factor is None and not m.comparison.target_text


def _comparison(m: Mention, after: str, lex: Lexicon) -> Comparison | None:
    """The comparison ``m`` makes, with the name after it (``after``) as its other side."""
    written = m.comparison.target_text if m.comparison is not None else ""
    found = _TARGET.match((written and " " + written) or after)
    if found is None:
        return None
    name = found.group("name")
    name = name.rsplit("'s ", 1)[-1].rsplit("’s ", 1)[-1]  # "Norway's Yara International"
    name = name.rstrip(".").removesuffix("'s").removesuffix("’s").strip()
    target = lex.place(name) or clean_name(name, lex)
    if not target:
        return None
    if m.comparison is not None:
        if m.comparison.factor is None and m.comparison.op not in ("gt", "lt"):
            return None
        return Comparison(m.comparison.op, m.comparison.factor, target)
    if m.kind != "multiple" or m.value is None:
        return None
    return multiples.comparison_with(m, target)


def compared(m: Mention, target: str, subject: str, after: str) -> Mention | None:
    """The multiple or fraction ``m`` of a comparison statement ("Vietnam's exports were
    twice Indonesia's") as a comparison of ``subject``'s figure with ``target``'s; None when
    it names no other side, or when ``after`` (the text after it) states that side's figure
    ("twice as many as Parcelway's 1,900": the sentence's own two figures, weighed where
    they stand)."""
    if not target or target.casefold() == subject.casefold() or _OTHERS_FIGURE.match(after):
        return None
    if m.kind == "multiple" and m.value is not None:
        comparison = multiples.comparison_with(m, target)
    elif m.comparison is not None and m.comparison.factor is not None:
        comparison = Comparison(m.comparison.op, m.comparison.factor, target)
    elif m.value is not None and m.value.dimension == "share":
        factor = multiples.percent_factor(m)  # "less than a quarter of Côte d'Ivoire's"
        if factor is None:
            return None
        found = multiples.as_comparison(m, factor, m.qualifier).comparison
        assert found is not None
        comparison = Comparison(found.op, found.factor, target)
    else:
        return None
    return dataclasses.replace(m, kind="comparison", comparison=comparison)
