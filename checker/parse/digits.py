"""Digits a sentence holds outside its mentions that are not known non-quantities.

:func:`has_unexplained_digit` says whether a sentence has such a digit (it is counted:
``Stats.skipped_sentences``): a digit run that no mention covers and that is no citation
marker ``[1][6]``, date, time, year, model name ``F-35``, label ``Section 301`` /
``Group 2:`` or list number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factlint.model import Mention
from factlint.util.bounded import BoundedMemo
from factlint.util.lazyre import lazy_compile

_EXPLAINED = lazy_compile(globals(), "_EXPLAINED",
    r"\[\d+(?:\s*[-–,]\s*\d+)*\]"  # citation markers [1][6][21], [3-5]
    r"|\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}"  # dates
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?"
    r"|\d{1,2}:\d{2}(?::\d{2})?"  # times
    r"|\d+(?:\.\d+){2,}"  # version numbers
    r"|(?<![\d.,])(?:19|20)\d\d(?![\d,.]\d)"  # years
    r"|(?<![A-Za-z])(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2}(?!\d)"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)"
    r"|(?<![A-Za-z])[A-Za-z]+[-/.]?\d[\w-]*"  # model names F-35, A380, Q4, COVID-19, v2
    r"|(?<!\d)\d+[A-Za-z][\w-]*"  # 5G, 3D, 1990s, 21st
    r"|(?<![A-Za-z])(?:Section|Sections|Group|Article|Chapter|Part|Phase|Figure|Fig\.|"
    r"Table|Item|Step|Tier|Round|Title|Page|Annex|Appendix|Clause|No\.|#)\s*\d+"
    r"(?:\.\d+)*",
    re.IGNORECASE,
)
_LIST_NUMBER = lazy_compile(globals(), "_LIST_NUMBER", r"^\s*(?:[-*•]\s*)?\d+[.)]")
_DIGITS = lazy_compile(globals(), "_DIGITS", r"\d+")


def _mention_spans(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Spans of the mentions in ``text`` (their offsets include the sentence's offset)."""
    if not mentions:
        return []
    first = mentions[0]
    i = text.find(first.text)
    if i >= 0:  # the usual case: the first occurrence is the mention
        offset = first.start - i
        if all(text[m.start - offset:m.end - offset] == m.text for m in mentions):
            return [(m.start - offset, m.end - offset) for m in mentions]
    candidates = [first.start - i for i in _find_all(text, first.text)] or [0]
    for offset in candidates:
        if all(text[m.start - offset:m.end - offset] == m.text for m in mentions):
            return [(m.start - offset, m.end - offset) for m in mentions]
    return [(i, i + len(m.text)) for m in mentions for i in _find_all(text, m.text)]


def _find_all(text: str, needle: str) -> list[int]:
    out: list[int] = []
    i = text.find(needle) if needle else -1
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def has_unexplained_digit(text: str, mentions: Sequence[Mention]) -> bool:
    """True if the sentence has a digit outside every mention that is not a deliberate
    non-quantity (citation marker [1][6], a date, a time, a year, F-35, Section 301,
    Group 2:, list numbering).

    Cheap on purpose (it runs on every sentence): first one pass in C takes out the
    mentions, citation markers, years and labels and looks for a digit left (the usual
    answer is no); only then is each digit run that no mention covers looked at, the regex
    of non-quantities tried in a small window around it.
    """
    if _DIGIT.search(text) is None:
        return False  # no digit at all (a sentence with only number words, or none)
    if not mentions:
        key: tuple[str, tuple[tuple[int, int, str], ...]] = (text, ())
    else:
        first = mentions[0].start
        key = (text, tuple([(m.start - first, m.end - first, m.text) for m in mentions]))
    known = _SEEN.get(key)
    return _SEEN.remember(key, _unexplained(text, mentions)) if known is None else known


#: Answers remembered per process, by sentence and the mentions' spans relative to the
#: first (the answer depends on nothing else): boilerplate sentences recur.
_SEEN: BoundedMemo[tuple[str, tuple[tuple[int, int, str], ...]], bool] = BoundedMemo(16384)


def _unexplained(text: str, mentions: Sequence[Mention]) -> bool:
    covered = _mention_spans(text, mentions)
    if not _has_other_digit(text, covered):
        return False  # every digit is in a mention, a citation marker, a year or a label
    first = _DIGITS.search(text)
    if first is None:
        return False
    lst = _LIST_NUMBER.match(text)
    list_end = lst.end() if lst is not None else -1
    n = len(text)
    for run in _DIGITS.finditer(text, first.start()):
        s, e = run.span()
        if e <= list_end or any(cs <= s and e <= ce for cs, ce in covered):
            continue
        before = text[s - 1] if s else ""
        after = text[e] if e < n else ""
        if before in "[,–-" and after in "],–-" and "[" in text[max(0, s - 12):s]:
            continue  # [1][6][21], [3-5]
        if e - s == 4 and text[s:s + 2] in ("19", "20") and before not in ".," and not (
                after in ",." and text[e + 1:e + 2].isdigit()):
            continue  # a year
        if not any(m.start() <= s and e <= m.end()
                   for m in _EXPLAINED.finditer(text, max(0, s - _WINDOW), min(n, e + _WINDOW))):
            return True
    return False


_WINDOW = 40  # the longest non-quantity around a digit run: "September 12", "Section 301.2"
# The commonest non-quantities, removed in one pass: citation markers, years, Group 2,
# Section 301, 12 June. One character class first, what it was after (lookbehinds): ``re`` skips
# to the next "[" or digit in C.
_COMMON_EXPLAINED = lazy_compile(globals(), "_COMMON_EXPLAINED",
    r"[\[\d](?:"
    r"(?<=\[)\d+(?:\s*[-–,]\s*\d+)*\]"  # [1], [3-5], [1, 6]
    r"|(?<=1)9\d\d(?<![\d.,]\d{4})(?![\d,.]\d)|(?<=2)0\d\d(?<![\d.,]\d{4})(?![\d,.]\d)"
    r"|(?<=[Gg]roup \d)(?<![A-Za-z][Gg]roup \d)\d*"
    r"|(?<=[Ss]ection \d)(?<![A-Za-z][Ss]ection \d)\d*"
    r"|(?<!\d\d)\d?(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December))")  # 3 March, 12 June
_DIGIT = lazy_compile(globals(), "_DIGIT", r"\d")


def _has_other_digit(text: str, covered: Sequence[tuple[int, int]]) -> bool:
    """Whether a digit is left once the mentions, citation markers and years are taken
    out (all in C: the usual sentence needs no loop over its digit runs). True does not
    mean unexplained: the caller then looks at each run."""
    if covered:
        pieces = []
        last = 0
        for s, e in sorted(covered):
            if s > last:
                pieces.append(text[last:s])
            last = max(last, e)
        pieces.append(text[last:])
        text = "\0".join(pieces)
    return _DIGIT.search(_COMMON_EXPLAINED.sub("", text)) is not None
