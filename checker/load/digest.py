"""The seeds' digest format: a header, then articles of title, publisher line and body.

::

    Workflow                                  <- file header: "Workflow", a topic tag,
    稀土联盟                                      "icon", "Search documents" (the topic tag
    icon                                          is metadata, the rest is ignored)
    Search documents
    四国在美牵手,建立稀土联盟,...              <- title: the line just before the publisher line
    Sou Hu Cai Jing· 2025-07-05 02:33         <- publisher line (publisher may be Chinese)
    Group 1 - The U.S. is attempting ...      <- body, up to the line before the next title

A header block can reappear later in a file, glued to the end of a body line
(``...landscape [10]Workflow`` then ``去风险化``, ``icon``, ``Search documents``): it is
cut from the body and its topic tag applies to the articles after it.
"""

from __future__ import annotations

import datetime as dt

from factlint.model import Document, Segment
from factlint.util.lazyre import lazy_compile
from factlint.util.positions import line_spans

HEADER_WORDS = frozenset({"Workflow", "icon", "Search documents"})
#: A topic tag is a short line; anything longer is body text.
TOPIC_MAX_CHARS = 40

_PUBLISHER = lazy_compile(globals(), "_PUBLISHER",
    r"(?P<pub>[^\n\r·]{1,100})·[ \t]?(?P<date>\d{4}-\d{2}-\d{2})(?:[ \t]+\d{1,2}:\d{2})?[ \t]*"
)
# A topic tag glued to a body line after its last citation marker or full stop.
_GLUED_TAG = lazy_compile(
    globals(), "_GLUED_TAG", r"(?<=[\]。.!?！？])\s*([\u3400-\u9fff\uf900-\ufaff]{1,20})\s*$")


def looks_like_digest(text: str) -> bool:
    """Whether ``text`` has a publisher line (``Publisher· YYYY-MM-DD HH:MM``) after a title."""
    previous = ""
    for start, end in line_spans(text):
        line = text[start:end].strip()
        if previous and "·" in line and _PUBLISHER.fullmatch(line):
            return True
        previous = line
    return False


class _Line:
    __slots__ = ("end", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self.text = text[start:end]

    @property
    def stripped(self) -> str:
        return self.text.strip()


def load(text: str, rel: str) -> tuple[Document, ...]:
    """One Document per article of a digest file, in order (``index`` 0, 1, ...)."""
    lines = [_Line(text, s, e) for s, e in line_spans(text)]
    publishers = [i for i, ln in enumerate(lines)
                  if i > 0 and lines[i - 1].stripped and _PUBLISHER.fullmatch(ln.stripped)]
    if not publishers:
        return ()
    topic = _topic([ln.stripped for ln in lines[: publishers[0] - 1]])
    documents: list[Document] = []
    for k, p in enumerate(publishers):
        body_end = publishers[k + 1] - 1 if k + 1 < len(publishers) else len(lines)
        body, next_topic = _split_header(lines[p + 1 : body_end])
        documents.append(_article(rel, k, lines[p - 1], lines[p], body, topic))
        topic = next_topic or topic
    return tuple(documents)


def _topic(header: list[str]) -> str:
    return next((line for line in header if line not in HEADER_WORDS and _is_tag(line)), "")


def _is_tag(line: str) -> bool:
    """A topic tag: a short line, not a piece of body text (no citation marker, no full stop)."""
    return 0 < len(line) <= TOPIC_MAX_CHARS and "[" not in line and line[-1] not in ".。"


def _split_header(body: list[_Line]) -> tuple[list[tuple[int, str]], str]:
    """The body as (offset, text) pieces and the topic tag of a header block ending it."""
    pieces = [(ln.start, ln.text) for ln in body]
    last = max((i for i, ln in enumerate(body) if ln.stripped in ("Search documents", "icon")),
               default=-1)
    if last < 0:
        return pieces, ""
    first, tags = last, 0  # walk back over the header lines above "Search documents"
    while first > 0:
        above = body[first - 1].stripped
        if above and above not in HEADER_WORDS:
            tags += 1
            if tags > 1 or not _is_tag(above) or above.endswith("Workflow"):
                break
        first -= 1
    header = [ln.stripped for ln in body[first : last + 1]]
    tag = _topic(header)
    pieces = pieces[:first]
    if pieces:  # the header may start glued to the end of the last body line
        start, line = pieces[-1]
        cut = line.rstrip()
        if cut.endswith("Workflow"):
            cut = cut[: -len("Workflow")]
        elif not tag and "Workflow" not in header and (m := _GLUED_TAG.search(cut)):
            tag, cut = m.group(1), cut[: m.start()]
        pieces[-1] = (start, cut)
    return pieces, tag


def _article(rel: str, index: int, title_line: _Line, pub_line: _Line,
             body: list[tuple[int, str]], topic: str) -> Document:
    match = _PUBLISHER.fullmatch(pub_line.stripped)
    assert match is not None
    try:
        date: dt.date | None = dt.date.fromisoformat(match.group("date"))
    except ValueError:
        date = None
    title = title_line.stripped
    title_start = title_line.start + len(title_line.text) - len(title_line.text.lstrip())
    segments = [Segment(title_start, title, "title")]
    for start, line in body:
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            segments.append(Segment(start + lead, stripped, "paragraph"))
    return Document(rel, index, title, date, match.group("pub").strip(), topic,
                     tuple(segments), title_start)
