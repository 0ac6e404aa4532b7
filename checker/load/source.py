"""Reading one file: size limit, decoding, and dispatch to the right loader.

``read_source`` never raises for bad content: a file it cannot use becomes a
:class:`~factlint.model.Problem` (FC901 not text, FC903 too large, FC905 unreadable) and
no documents. Markdown goes to :mod:`factlint.load.markdown`, the seeds' digest format to
:mod:`factlint.load.digest`, anything else is plain text: one document of paragraphs.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import stat
from pathlib import Path

from factlint.model import Document, Problem, Segment, Settings, SourceFile
from factlint.util.lazyre import lazy_compile
from factlint.util.positions import LineIndex, line_spans

MARKDOWN_SUFFIXES = (".md", ".markdown")
TITLE_MAX_CHARS = 120
#: Bad bytes allowed before a file is "not text": under 1% of its bytes.
BAD_BYTES_PERCENT = 1

_ESCAPED = re.compile("[\udc80-\udcff]+")


def read_source(path: Path, rel: str, settings: Settings) -> SourceFile:
    """Read, decode and split one file into Documents; never raises for bad content.

    ``rel`` is the project-relative path used in documents and problems. Offsets in the
    documents' segments index ``SourceFile.text`` (the decoded text, BOM removed).
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            return _skipped(rel, "FC905", f"not a regular file ({_kind(info.st_mode)}); "
                                          "skipped")
        size = info.st_size
        if size > settings.max_bytes:
            return _skipped(rel, "FC903", f"file is {size} bytes, over the limit of "
                                          f"{settings.max_bytes}; skipped")
        with path.open("rb") as handle:
            raw = handle.read(settings.max_bytes + 1)
    except (OSError, RuntimeError) as exc:
        return _skipped(rel, "FC905", f"cannot read file: {_reason(exc)}")
    if len(raw) > settings.max_bytes:  # grew between stat and read
        return _skipped(rel, "FC903", f"file is over the limit of {settings.max_bytes} "
                                      "bytes; skipped")
    return load_bytes(raw, rel, is_markdown=path.suffix.lower() in MARKDOWN_SUFFIXES)


def load_bytes(raw: bytes, rel: str, is_markdown: bool = False) -> SourceFile:
    """Decode ``raw`` and split it into Documents (``--stdin-filename`` uses this too)."""
    sha = hashlib.sha256(raw).hexdigest()
    text, problem = decode(raw, rel)
    if text is None:
        assert problem is not None
        return SourceFile(rel, "", (), (problem,), sha)
    problems = [problem] if problem else []
    # each loader is imported when a file needs it: a run over changed Markdown files does
    # not import the digest loader, nor one over text files markdown-it
    if is_markdown:
        from factlint.load import markdown as load_markdown

        documents, md_problems = load_markdown.load(text, rel)
        problems.extend(md_problems)
    else:
        from factlint.load import digest as load_digest

        if load_digest.looks_like_digest(text):
            documents = load_digest.load(text, rel)
        else:
            documents = load_plain(text, rel)
    return SourceFile(rel, text, documents, tuple(problems), sha)


def decode(raw: bytes, rel: str) -> tuple[str | None, Problem | None]:
    """The text of ``raw`` (``None`` when it is not text) and the problem met, if any."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            text = raw.decode("utf-16", "replace")
            return text, Problem("FC901", f"invalid UTF-16 at byte offset {exc.start}; "
                                          "decoded with replacement", rel)
    nul = raw.find(b"\x00")
    if nul >= 0:
        return None, Problem("FC901", f"not a text document (NUL byte at offset {nul}); "
                                      "skipped", rel)
    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    body = raw[bom:]
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first = exc.start + bom
    # Each bad byte becomes one lone surrogate U+DC80..U+DCFF: count them in one pass.
    escaped = body.decode("utf-8", "surrogateescape")
    bad = sum(m.end() - m.start() for m in _ESCAPED.finditer(escaped))
    if bad * 100 >= len(raw) * BAD_BYTES_PERCENT:
        return None, Problem("FC901", f"invalid UTF-8 at byte offset {first}; skipped", rel)
    text = _ESCAPED.sub(lambda m: "\ufffd" * (m.end() - m.start()), escaped)
    at = _char_index(body, first - bom)
    where = LineIndex(text).location(rel, at, at + 1)
    return text, Problem("FC901", f"invalid UTF-8 at byte offset {first}; decoded with "
                                  "replacement", rel, where.line, where.column)


def _char_index(body: bytes, byte_offset: int) -> int:
    """Character offset of the first bad byte (everything before it is valid UTF-8)."""
    return len(body[:byte_offset].decode("utf-8"))


def _skipped(rel: str, code: str, message: str) -> SourceFile:
    return SourceFile(rel, "", (), (Problem(code, message, rel),), "")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def load_plain(text: str, rel: str) -> tuple[Document, ...]:
    """A plain-text file: one Document whose segments are its paragraphs; a file of dated
    items ("2024-04-24 | Pulsewave first quarter", "[2025-01-14] ROTTERDAM GROWS AGAIN"),
    one Document per item after the file's own (its title and lead), each item dated and
    titled by its line.

    The first non-empty line is the title when it is short (at most 120 characters, no
    final period) and more text follows it; it becomes a segment of role "title".
    """
    items = [(e, m, date) for s, e in line_spans(text)
             if (m := _DATED_ITEM.fullmatch(text, s, e)) is not None
             and (date := _iso(m)) is not None]
    if len(items) < 2:
        return (_plain(text, 0, len(text), rel, 0),)
    head = _plain(text, 0, items[0][1].start(), rel, 0)
    documents = [head] if any(seg.role == "paragraph" for seg in head.segments) else []
    for k, (line_end, m, date) in enumerate(items):
        body_end = items[k + 1][1].start() if k + 1 < len(items) else len(text)
        title = m.group("title").strip()
        segments = (Segment(m.start("title"), title, "title"),
                    *_paragraphs(text, _skip_newline(text, line_end), body_end))
        documents.append(Document(rel, len(documents), title, date, "", "", segments,
                                  m.start("title")))
    return tuple(documents)


#: a line that opens a dated item: its date, then its headline
_DATED_ITEM = lazy_compile(
    globals(), "_DATED_ITEM",
    r"[ \t]*\[?(?P<iso>\d{4}-\d{2}-\d{2})\]?[ \t]*(?:[|:\u2014\u2013-][ \t]*)?"
    r"(?P<title>[^\s|][^\n]*?)\s*")


def _iso(m: re.Match[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(m.group("iso"))
    except ValueError:
        return None


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the blank-line separated blocks of ``text[start:end]``."""
    blocks: list[tuple[int, int]] = []
    block_start = block_end = -1
    for s, e in line_spans(text[start:end]):
        s, e = s + start, e + start
        if text[s:e].strip():
            if block_start < 0:
                block_start = s
            block_end = e
        elif block_start >= 0:
            blocks.append((block_start, block_end))
            block_start = -1
    if block_start >= 0:
        blocks.append((block_start, block_end))
    return blocks


def _paragraphs(text: str, start: int, end: int) -> list[Segment]:
    return [seg for block in _blocks(text, start, end) for part in _apart(text, *block)
            if (seg := _paragraph(text, *part)) is not None]


def _apart(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A block's pieces: its headline apart, and each item of a bulleted list."""
    return [item for part in _headline_apart(text, start, end)
            for item in _bullets_apart(text, *part)]


def _bullets_apart(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A block of two or more bulleted lines ("- Net sales of $24.7 billion" / "- Net income
    of $1.41 billion") as one piece per item, its bullet left out, and the lines before the
    first item as one more; any other block whole (a single line that opens with a dash is
    more likely a wrapped clause: "... channels\n- some 41% of the total")."""
    lines = [(s + start, e + start) for s, e in line_spans(text[start:end])]
    marks = [(s, m.end()) for s, e in lines if (m := _BULLET.match(text, s, e)) is not None]
    if len(marks) < 2:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    if marks[0][0] > start:
        pieces.append((start, marks[0][0]))
    for n, (_line, item_start) in enumerate(marks):
        pieces.append((item_start, marks[n + 1][0] if n + 1 < len(marks) else end))
    return pieces


_BULLET = re.compile(r"[ \t]*[-*•–][ \t]+")


def _plain(text: str, start: int, end: int, rel: str, index: int) -> Document:
    """``text[start:end]`` as one Document (see :func:`load_plain`)."""
    blocks = _blocks(text, start, end)
    segments: list[Segment] = []
    title, title_start = "", -1
    if blocks:
        first_start, first_end = blocks[0]
        line_end = next(iter(line_spans(text[first_start:first_end])))[1] + first_start
        candidate = text[first_start:line_end].strip()
        more = line_end < first_end or len(blocks) > 1
        if more and len(candidate) <= TITLE_MAX_CHARS and not candidate.endswith("."):
            title = candidate
            title_start = first_start + _lead(text[first_start:line_end])
            segments.append(Segment(title_start, title, "title"))
            rest = _skip_newline(text, line_end)
            blocks[0] = (rest, first_end)
    date = None
    for s, e in [part for block in blocks for part in _apart(text, *block)]:
        segment = _paragraph(text, s, e)
        if segment is not None:
            if date is None and len(segments) <= 1:  # a dateline under the title
                date = dateline(segment.text.split("\n", 1)[0])
            segments.append(segment)
    return Document(rel, index, title, date, "", "", tuple(segments), title_start)


_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_DATELINE = lazy_compile(
    globals(), "_DATELINE",
    r"(?:[A-Z][\w .'-]{0,40},\s*){0,2}(?:(?P<m1>[A-Z][a-z]+)\.?\s+(?P<d1>\d{1,2}),?\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\s+(?P<m2>[A-Z][a-z]+)\.?,?\s+(?P<y2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))\s*")


#: a byline that ends with the date: "By <name>, <role> — <date>", "By <name> | <date>"
_BYLINE = lazy_compile(globals(), "_BYLINE", r"By\s+[^—–|·\n]{1,80}?\s*[—–|·]\s*(.{6,30})$")


def dateline(line: str) -> dt.date | None:
    """The date of a line that holds only a date, maybe after a place ("Oslo, 3 January
    2025", "January 2, 2025", "2025-01-02"), that opens with one and a dash, or a byline that
    ends with one; None for any other line."""
    byline = _BYLINE.match(line.strip())
    if byline is not None:  # "By Marcus Ellery, retail correspondent — 7 August 2025"
        line = byline.group(1)
    m = _DATELINE.match(line.strip())
    if m is None or not (m.end() == len(line.strip()) or line.strip()[m.end()] in "—–-"):
        return None  # ("Geneva, 30 January 2025 — Global demand ...": a dateline too)
    try:
        if m.group("iso"):
            return dt.date.fromisoformat(m.group("iso"))
        month = (m.group("m1") or m.group("m2")).lower()
        months = [n for n, name in enumerate(_MONTHS, 1)
                  if month == name or month in (name[:3], name[:4])]
        if not months:
            return None
        return dt.date(int(m.group("y1") or m.group("y2")), months[0],
                       int(m.group("d1") or m.group("d2")))
    except ValueError:
        return None


def _lead(s: str) -> int:
    return len(s) - len(s.lstrip())


def _skip_newline(text: str, pos: int) -> int:
    if text.startswith("\r\n", pos):
        return pos + 2
    return pos + 1 if pos < len(text) else pos


def _headline_apart(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A block whose first line is a headline in capitals ("[2025-01-14] ROTTERDAM GROWS
    AGAIN") as two: the headline, then the text under it (else the headline's words would
    open the first sentence: "ROTTERDAM GROWS AGAIN Rotterdam's volumes ...")."""
    line_end = text.find("\n", start, end)
    if line_end < 0:
        return [(start, end)]
    words = _BRACKETED.sub("", text[start:line_end])
    if len(words) > TITLE_MAX_CHARS or not any(c.isalpha() for c in words) or \
            words.upper() != words or words.rstrip().endswith("."):
        return [(start, end)]
    return [(start, line_end), (_skip_newline(text, line_end), end)]


_BRACKETED = re.compile(r"\[[^\]]*\]")


def _paragraph(text: str, start: int, end: int) -> Segment | None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    lead = _lead(chunk)
    return Segment(start + lead, stripped, "paragraph")
