"""Splitting a segment into sentences, in linear time.

One regex of single characters finds the candidate boundaries; each candidate is then
decided from a few characters around it (never a backtracking pattern over the text), so a
15 MB line splits in about a second. Boundaries:

- ``.`` ``!`` ``?`` followed by whitespace (closing quotes and brackets stay with the
  sentence), unless the word before is an abbreviation (``U.S.``, ``e.g.``, ``Inc.``,
  ``No.``, ``approx.``, ...) or a single capital letter (``J.``), or the next word starts
  with a lowercase letter;
- ``。`` ``！`` ``？`` ``；`` and ``;`` always;
- the digests' bullets: `` - `` after a citation marker or a sentence end
  (``... [4] - Light rare earths``), or after a short label
  (``Core Insights - The ...``, ``Group 1: China's Export Controls - China ...``);
- before ``Group N`` and after a citation marker followed by a capitalised word
  (``... faced by the U.S. [1] Group 1: ...``);
- before a line that opens with a short capitalised label and a colon (a results release's
  ``Adjusted EBITDA: £342m (2023: £296m)`` lines, written without full stops).

Citation markers (``[1][3]``) stay inside their sentence.
"""

from __future__ import annotations

import re

from factlint.model import Segment
from factlint.util.lazyre import lazy_compile

ABBREVIATIONS = frozenset({
    "Inc.", "Co.", "Corp.", "Ltd.", "No.", "Nos.", "vs.", "approx.", "Mr.", "Mrs.", "Ms.",
    "Dr.", "Prof.", "St.", "Jr.", "Sr.", "Gov.", "Sen.", "Rep.", "Gen.", "Fig.", "fig.",
    "al.", "cf.", "ca.", "est.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.",
    "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Mt.", "Dept.", "Univ.", "Bros.",
})
#: A label before a digest bullet (``Core Insights``) is at most this long.
LABEL_MAX_CHARS = 60

_CLOSERS = "\"'”’)」』）》"
_CLOSERS_CLASS = "[" + re.escape(_CLOSERS) + "]*"
#: Where an abbreviation or an initial may end (a superset: ``_abbreviation`` decides): the
#: stem right after a non-word character, then the dot. One lookbehind per length (a
#: lookbehind has a fixed width), not one per abbreviation: ``re`` tries them at every dot.
_BY_LENGTH: dict[int, list[str]] = {}
for _a in sorted(ABBREVIATIONS):
    _BY_LENGTH.setdefault(len(_a), []).append(re.escape(_a[:-1]))
_MAYBE_ABBREVIATION = "|".join(
    [r"(?<=\b[A-Za-z]\.)"]
    + [rf"(?<=\b(?:{'|'.join(stems)})\.)" for _, stems in sorted(_BY_LENGTH.items())])
#: The candidate boundaries, one character class first (``re`` skips to the next one in C),
#: then which it was; a ``.`` ``!`` ``?`` is matched only where it ends a sentence unless it
#: ends an abbreviation (group ``abbr``: a word ``_abbreviation`` looks at), with its closers.
#: A bullet `` - `` is found at its dash, ``Group N`` at its ``G``.
_CANDIDATE = lazy_compile(globals(), "_CANDIDATE",
    r"[.!?。！？；;\-\]G\n](?:"
    rf"(?<=[.!?])(?P<abbr>(?<=\.)(?:{_MAYBE_ABBREVIATION}))?{_CLOSERS_CLASS}(?!\S|\s*[a-z])"
    rf"|(?<=[。！？；;]){_CLOSERS_CLASS}"
    r"|(?<= -)(?= )"
    r"|(?<=\])(?=\s)"
    r"|(?<=\sG)(?=roup \d+(?::|\s+[-A-Z]))"  # a digest's "Group 1:", "Group 1 - ..."; never
    # a company's "Vireo Music Group 21.4%"
    r"|(?<=\n)(?=[A-Z][^\n:.;!?]{0,60}:[ \t]+\S)"  # a line of "Label: value" lines
    r")"
)
_GROUP_LEN = len("Group 1")
_SENTENCE_END = ".!?。！？；;\"”)"
_PROSE = lazy_compile(globals(), "_PROSE", r"[^\W_]")  # a letter or digit, in any script
_INITIALS = lazy_compile(globals(), "_INITIALS", r"(?:[A-Za-z]\.)+")
_WORD_BACK = 20  # how far back an abbreviation is looked for
_MARKER_BACK = 10  # how far back the '[' of a citation marker is looked for


def sentences(segment: Segment) -> list[tuple[int, str]]:
    """(file offset, sentence text) for each sentence of the segment, in order.

    The sentences cover the segment's prose; each is whitespace-trimmed, and a leading
    bullet dash is not part of it. Spans with no letter or digit are dropped.
    """
    text = segment.text
    base = segment.start
    out: list[tuple[int, str]] = []
    last = 0
    taken = 0  # where the previous boundary's own characters end (" - ", "Group 1")
    for m in _CANDIDATE.finditer(text):
        a = m.start()
        ch = text[a]
        if ch == "-":  # a bullet " - ", found at its dash
            a -= 1
            if a < taken:
                continue
            b = taken = a + 3
            if a >= last and _bullet(text, a, b, last):
                _append(out, base, text, last, a)
                last = b
        elif ch == "G":  # "Group N"
            if a < taken:
                continue
            taken = a + _GROUP_LEN
            if a >= last:
                _append(out, base, text, last, a)
                last = a
        elif a < last:
            continue
        elif ch == "\n":  # a line of a block of "Label: value" lines ("Adjusted EBITDA: £342m")
            _append(out, base, text, last, a)
            last = a + 1
        elif ch == "]":
            if _citation_marker(text, a) and _starts_sentence(_next_char(text, a + 1)):
                _append(out, base, text, last, a + 1)
                last = a + 1
        elif m.group("abbr") is None or not _abbreviation(text, a):  # . ! ? and 。 ！ ？ ； ;
            end = m.end()
            _append(out, base, text, last, end)
            last = end
    _append(out, base, text, last, len(text))
    return out


def _append(out: list[tuple[int, str]], base: int, text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = chunk.find(stripped[0])
    if stripped.startswith("- "):  # a bullet dash at the start of a segment
        rest = stripped[2:].lstrip()
        lead += len(stripped) - len(rest)
        stripped = rest
    if stripped[0].isalnum() or _PROSE.search(stripped):  # isalnum: [^\W_], one character
        out.append((base + start + lead, stripped))


def _next_char(text: str, pos: int) -> str:
    """The first character at or after ``pos`` that is not whitespace ("" at the end)."""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    return text[pos] if pos < n else ""


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the ``.`` at ``dot`` ends an abbreviation or an initial rather than a sentence."""
    start = dot
    floor = max(0, dot - _WORD_BACK)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    word = text[start : dot + 1].lstrip("(\"'“‘[")
    if word in ABBREVIATIONS:
        # "shipping 32.3 Mt. That ...": after a number, Mt is megatonnes, not "Mount"
        return not (word == "Mt." and text[max(0, start - 2):start].rstrip()[-1:].isdigit())
    return _INITIALS.fullmatch(word) is not None and (len(word) > 2 or word[0].isupper())


def _bullet(text: str, a: int, b: int, last: int) -> bool:
    """Whether the `` - `` at ``[a, b)`` starts a digest list item."""
    before = text[a - 1] if a > 0 else ""
    nxt = _next_char(text, b)
    if not nxt or (before.isdigit() and nxt.isdigit()):
        return False  # "2 - 3 kg" is a range
    if before in _SENTENCE_END or before == "]":
        return True
    if a - last > 4 * LABEL_MAX_CHARS:  # never slice a long run (keeps the split linear)
        return False
    label = text[last:a].strip()
    return bool(label) and len(label) <= LABEL_MAX_CHARS and _starts_sentence(nxt)


def _citation_marker(text: str, close: int) -> bool:
    """Whether the ``]`` at ``close`` ends a marker like ``[12]`` or ``[1, 3]``."""
    k = close - 1
    floor = max(0, close - _MARKER_BACK)
    while k > floor and (text[k].isdigit() or text[k] in ", -–"):
        k -= 1
    return k < close - 1 and text[k] == "[" and text[k + 1].isdigit()


def _starts_sentence(ch: str) -> bool:
    return bool(ch) and (ch.isupper() or ch.isdigit() or ch in "\"“'‘"
                         or "\u3400" <= ch <= "\u9fff")
