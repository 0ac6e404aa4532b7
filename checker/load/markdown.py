"""Markdown files: front matter as metadata; headings, paragraphs, list items, table cells as prose.

markdown-it-py finds the blocks and their lines; each block's source lines are then taken
from the file as they are, and whatever is not prose inside them (inline code, link targets,
URLs, images, HTML, emphasis and container markers) is replaced by spaces of the same
length, so an offset in a segment is an offset in the file. Code blocks and HTML blocks are
not prose. Table cells are split from their row's source line on unescaped ``|``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

from factlint.model import Document, Problem, Segment, TableCell
from factlint.util.lazyre import lazy_compile
from factlint.util.positions import line_spans

Blank = Callable[[int, int], None]
Role = Literal["title", "heading", "paragraph", "list_item", "table_cell"]

TOTAL_ROWS = frozenset({"world", "total", "global", "world total"})
#: a row labelled as a total of what the table counts: "Total demand", "Grand total"
_TOTAL_LABEL = re.compile(r"[*_ ]*(?:grand\s+)?total\b(?![-'’])", re.IGNORECASE)
#: CommonMark: a link label holds at most 999 characters.
_LABEL_MAX_CHARS = 999
_LINK_SCAN_LIMIT = 2000  # how far a link target or reference label may run

_FRONT_OPEN = "---"
_FRONT_CLOSE = ("---", "...")
_TITLE_LINE = lazy_compile(globals(), "_TITLE_LINE", r"title[ \t]*:[ \t]*(\S.*?)[ \t]*$")
_QUOTE_PREFIX = lazy_compile(globals(), "_QUOTE_PREFIX", r"[ \t]*(?:>[ \t]?[ \t]*)*")
_LIST_MARKER = lazy_compile(
    globals(), "_LIST_MARKER", r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))+")
_ATX_OPEN = lazy_compile(globals(), "_ATX_OPEN", r"[ \t]*#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = lazy_compile(globals(), "_ATX_CLOSE", r"(?:[ \t]+#+)?[ \t]*$")
_BACKTICKS = lazy_compile(globals(), "_BACKTICKS", r"`+")
_AUTOLINK = lazy_compile(
    globals(), "_AUTOLINK", r"<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>")
_HTML_TAG = lazy_compile(
    globals(), "_HTML_TAG", r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]{0,1000})?/?>")
_BARE_URL = lazy_compile(
    globals(), "_BARE_URL",
    r"(?:https?|ftp)://[^\s<>\[\]]+|www\.[^\s<>\[\]]+\.[^\s<>\[\]]+")
_URL_TRAILING = ".,;:!?'\")"
_EMPHASIS = lazy_compile(globals(), "_EMPHASIS", r"\*+|_+|~~+")
_BRACKET = lazy_compile(globals(), "_BRACKET", r"\\.|[\[\]]", re.DOTALL)
_ESCAPE = lazy_compile(globals(), "_ESCAPE", r"\\(?=[!-/:-@\[-`{-~\n])")
#: Any character or string that starts some inline markup masked below.
_MARKUP = lazy_compile(globals(), "_MARKUP", r"[`<\[\]*_~\\]|://|www\.")

# Only the block structure is used: the inline phase (most of markdown-it's time) is off.
_PARSER = MarkdownIt("commonmark").enable("table").disable("inline")


def load(text: str, rel: str) -> tuple[tuple[Document, ...], tuple[Problem, ...]]:
    """The one Document of a Markdown file, and FC904 if its front matter does not parse."""
    lines = list(line_spans(text))
    meta, front_end, problems, fm_title = _front_matter(text, lines, rel)
    body = _blank(text, 0, front_end) if front_end else text
    env: dict[str, Any] = {}
    tokens = _PARSER.parse(body, env)
    refs = set(env.get("references", {}))
    walker = _Walker(text, lines, refs)
    walker.walk(tokens)
    segments = walker.segments
    title = _text(meta.get("title"))
    title_start = -1
    if title and fm_title is not None:
        segments.insert(0, fm_title)
        title_start = fm_title.start
    elif not title and walker.h1 is not None:
        title, title_start = walker.h1.text, walker.h1.start
    topic = _text(meta.get("topic")) or _first(meta.get("tags")) or _first(meta.get("category"))
    publisher = _text(meta.get("publisher")) or _text(meta.get("author"))
    doc = Document(rel, 0, title, _date(meta.get("date")), publisher, topic,
                   tuple(sorted(segments, key=lambda s: s.start)), title_start,
                   _text(meta.get("entity")))
    return (doc,), tuple(problems)


# ------------------------------------------------------------------ front matter


def _front_matter(
    text: str, lines: list[tuple[int, int]], rel: str
) -> tuple[dict[str, Any], int, list[Problem], Segment | None]:
    """Metadata, the offset where the body starts (0: no front matter), problems, title segment."""
    if not lines or text[lines[0][0] : lines[0][1]].rstrip() != _FRONT_OPEN:
        return {}, 0, [], None
    close = next((i for i in range(1, len(lines))
                  if text[lines[i][0] : lines[i][1]].rstrip() in _FRONT_CLOSE), -1)
    if close < 0:  # no closing line: a thematic break, not front matter
        return {}, 0, [], None
    yaml_start = lines[1][0] if close > 1 else lines[close][0]
    source = text[yaml_start : lines[close][0]]
    end = lines[close][1]
    import yaml  # imported here: text and digest files never need it

    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        column = mark.column + 1 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problem = Problem("FC904", f"front matter does not parse: {reason}", rel, line, column)
        return {}, end, [problem], None
    except (ValueError, OverflowError, RecursionError) as exc:  # 2024-13-45; [[[...]]]
        reason = "nested too deeply" if isinstance(exc, RecursionError) else (
            str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        problem = Problem("FC904", f"front matter does not parse: {reason}", rel, 2)
        return {}, end, [problem], None
    if data is None:
        return {}, end, [], None
    if not isinstance(data, dict):
        problem = Problem("FC904", "front matter is not a mapping of keys to values", rel, 2)
        return {}, end, [problem], None
    return data, end, [], _title_segment(text, lines[1:close], _text(data.get("title")))


def _title_segment(text: str, lines: Sequence[tuple[int, int]], title: str) -> Segment | None:
    if not title:
        return None
    for start, end in lines:
        m = _TITLE_LINE.match(text, start, end)
        if m is None:
            continue
        a, b = m.span(1)
        value = text[a:b]
        if len(value) >= 2 and value[0] in "'\"" and value[-1] == value[0]:
            a, b = a + 1, b - 1
        if value[:1] in ("|", ">") or a >= b:
            return None  # a block scalar: the title is not on this line
        return Segment(a, text[a:b], "title")
    return None


def _text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _first(value: object) -> str:
    if isinstance(value, list):
        return next((t for t in map(_text, value) if t), "")
    return _text(value).split(",")[0].strip()


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        s = value.strip()
        for parse in (dt.date.fromisoformat, lambda v: dt.datetime.fromisoformat(v).date()):
            try:
                return parse(s)
            except ValueError:
                continue
    return None


def _blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` turned to spaces, line breaks kept."""
    return text[:start] + re.sub(r"[^\r\n]", " ", text[start:end]) + text[end:]


# ------------------------------------------------------------------ blocks


class _Walker:
    """Turns markdown-it block tokens into segments with true offsets."""

    def __init__(self, text: str, lines: list[tuple[int, int]], refs: set[str]) -> None:
        self.text = text
        self.lines = lines
        self.refs = refs
        self.segments: list[Segment] = []
        self.h1: Segment | None = None
        self.heading = ""  # text of the nearest heading above
        self.previous = ""  # text of the paragraph right above, "" if the last block was not one

    def walk(self, tokens: Sequence[Token]) -> None:
        quote = items = 0
        item_first_line = -1
        header: list[str] = []
        caption = ""
        for i, tok in enumerate(tokens):
            kind = tok.type
            if kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind == "list_item_open":
                items += 1
                item_first_line = tok.map[0] if tok.map else -1
            elif kind == "list_item_close":
                items -= 1
            elif kind in ("paragraph_open", "heading_open") and i + 1 < len(tokens):
                inline = tokens[i + 1]
                if inline.map is None:
                    continue
                first, last = inline.map
                marker = items > 0 and first == item_first_line
                if kind == "heading_open":
                    self._heading(tok, first, quote > 0 or items > 0, marker)
                else:
                    role: Role = "list_item" if items else "paragraph"
                    self._paragraph(first, last, role, quote > 0 or items > 0, marker)
            elif kind == "table_open":
                caption = self.previous if _is_caption(self.previous) else self.heading
                header = []
            elif kind == "tr_open" and tok.map is not None:
                header = self._row(tok.map[0], header, caption)
            elif kind in ("fence", "code_block", "html_block", "hr"):
                self.previous = ""

    def _prefix_end(self, start: int, end: int, nested: bool, marker: bool) -> int:
        """Offset after the container markers at the start of a line."""
        pos = start
        if nested and (quoted := _QUOTE_PREFIX.match(self.text, pos, end)):
            pos = quoted.end()
        if marker and (listed := _LIST_MARKER.match(self.text, pos, end)):
            pos = listed.end()
        return pos

    def _masked(self, first: int, last: int, nested: bool, marker: bool) -> tuple[int, str]:
        start = self.lines[first][0]
        parts: list[str] = []
        for n in range(first, last):
            a, b = self.lines[n]
            prose = self._prefix_end(a, b, nested, marker and n == first)
            parts.append(" " * (prose - a) + self.text[prose:b])
            if n + 1 < last:
                parts.append(self.text[b : self.lines[n + 1][0]])
        return start, mask_inline("".join(parts), self.refs)

    def _paragraph(self, first: int, last: int, role: Role, nested: bool, marker: bool) -> None:
        start, masked = self._masked(first, last, nested, marker)
        seg = self._segment_from(start, masked, role)
        self.previous = " ".join(seg.text.split()) if seg else ""
        raw = self.text[self.lines[first][0]:self.lines[last - 1][1]].strip()
        if len(raw) > 2 and raw[0] == raw[-1] and raw[0] in "*_" and "\n" not in raw:
            # a line in italics or bold on its own: a table's caption when a table follows
            self.previous = f"{' '.join(raw.strip('*_ ').split())}:"

    def _heading(self, tok: Token, line: int, nested: bool, marker: bool) -> None:
        start, masked = self._masked(line, line + 1, nested, marker)
        if tok.markup.startswith("#"):
            opened = _ATX_OPEN.match(masked)
            head = opened.end() if opened else 0
            tail = _ATX_CLOSE.search(masked, head)
            cut = tail.start() if tail else len(masked)
            masked = " " * head + masked[head:cut] + " " * (len(masked) - cut)
        seg = self._segment_from(start, masked, "heading")
        if seg is not None:
            self.heading = " ".join(seg.text.split())
            if tok.tag == "h1" and self.h1 is None:
                self.h1 = seg
        self.previous = ""

    def _segment_from(self, start: int, masked: str, role: Role,
                      table: TableCell | None = None) -> Segment | None:
        stripped = masked.strip()
        if not stripped:
            return None
        seg = Segment(start + len(masked) - len(masked.lstrip()), stripped, role, table)
        self.segments.append(seg)
        return seg

    def _row(self, line: int, header: list[str], caption: str) -> list[str]:
        """Segments for one table row; returns the header cells (taken from the first row)."""
        a, b = self.lines[line]
        pos = self._prefix_end(a, b, True, False)
        cells = [(s, mask_inline(self.text[s:e], self.refs)) for s, e in
                 split_row(self.text, pos, b)]
        texts = [" ".join(c.split()) for _, c in cells]
        if not header:  # the header row
            for (s, masked), name in zip(cells, texts, strict=True):
                self._segment_from(s, masked, "table_cell", TableCell("", name, caption, False))
            self.previous = ""
            return texts
        subject = texts[0] if texts else ""
        if len(texts) > 1 and _RANK_COLUMN.fullmatch(header[0].strip(" *_")):
            subject = texts[1]  # "| Rank | Country | ... |": the row is the country's
        total = subject.casefold() in TOTAL_ROWS or _TOTAL_LABEL.match(subject) is not None
        headers = tuple(header)
        for n, (s, masked) in enumerate(cells[: len(header)]):
            self._segment_from(s, masked, "table_cell",
                               TableCell(subject, header[n], caption, total, headers))
        return header


#: a first column that numbers the rows ("Rank", "#", "No."): the subject is the next one
_RANK_COLUMN = lazy_compile(globals(), "_RANK_COLUMN", r"(?i)rank(?:ing)?|#|no\.?|pos(?:ition|\.)?")


def _is_caption(paragraph: str) -> bool:
    return paragraph.endswith(":") or paragraph.startswith("Table")


def split_row(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each cell of the table row ``text[start:end]``.

    Cells are split on ``|`` not escaped by a backslash; the optional leading and trailing
    pipes do not make empty cells.
    """
    bounds = [start - 1]
    backslashes = 0
    for i in range(start, end):
        ch = text[i]
        if ch == "|" and backslashes % 2 == 0:
            bounds.append(i)
        backslashes = backslashes + 1 if ch == "\\" else 0
    bounds.append(end)
    cells = [(bounds[k] + 1, bounds[k + 1]) for k in range(len(bounds) - 1)]
    if cells and not text[cells[0][0] : cells[0][1]].strip() and len(bounds) > 2:
        cells = cells[1:]
    if cells and not text[cells[-1][0] : cells[-1][1]].strip() and len(bounds) > 2:
        cells = cells[:-1]
    return cells


# ------------------------------------------------------------------ inline


def mask_inline(s: str, refs: set[str] | frozenset[str] = frozenset()) -> str:
    """``s`` with everything that is not prose replaced by spaces (line breaks are kept).

    Masked: code spans, HTML comments and tags, autolinks, images, link brackets and
    targets (``[text](url)``, ``[text][ref]`` and ``[ref]`` when ``ref`` is one of the
    normalised reference labels ``refs``), bare URLs, emphasis markers and backslashes of
    escapes. So ``**69%** of [output](http://x)`` keeps ``69%`` and ``output`` in place.
    """
    if _MARKUP.search(s) is None:
        return s  # plain prose: nothing to mask
    chars = list(s)

    def blank(a: int, b: int) -> None:
        for k in range(a, b):
            if chars[k] not in "\r\n":
                chars[k] = " "

    _mask_code(s, blank)
    s = "".join(chars)
    pos = s.find("<!--")
    while pos >= 0:
        close = s.find("-->", pos + 4)
        if close < 0:
            break
        blank(pos, close + 3)
        pos = s.find("<!--", close + 3)
    for pattern in (_AUTOLINK, _HTML_TAG):
        s = "".join(chars)
        for m in pattern.finditer(s):
            blank(*m.span())
    s = "".join(chars)
    _mask_links(s, refs, blank)
    s = "".join(chars)
    for m in _BARE_URL.finditer(s):
        url = m.group().rstrip(_URL_TRAILING)
        blank(m.start(), m.start() + len(url))
    s = "".join(chars)
    for m in _EMPHASIS.finditer(s):
        a, b = m.span()
        before = s[a - 1] if a else " "
        after = s[b] if b < len(s) else " "
        if m.group()[0] == "_" and before.isalnum() and after.isalnum():
            continue  # snake_case, not emphasis
        if not before.isspace() or not after.isspace():
            blank(a, b)
    for m in _ESCAPE.finditer(s):
        blank(m.start(), m.start() + 1)
    return "".join(chars)


def _mask_code(s: str, blank: Blank) -> None:
    """Blank code spans: a backtick run up to the next run of the same length."""
    runs: dict[int, list[int]] = {}
    order = [(m.start(), m.end() - m.start()) for m in _BACKTICKS.finditer(s)]
    for start, length in order:
        runs.setdefault(length, []).append(start)
    cursor = {length: 0 for length in runs}
    done = -1
    for start, length in order:
        if start < done:
            continue
        same = runs[length]
        k = cursor[length]
        while k < len(same) and same[k] <= start:
            k += 1
        cursor[length] = k
        if k < len(same):
            close = same[k]
            blank(start, close + length)
            done = close + length


def _mask_links(s: str, refs: set[str] | frozenset[str], blank: Blank) -> None:
    """Blank link and image syntax, keeping link text (image alt text is not prose)."""
    openers: list[int] = []
    resume = 0
    for m in _BRACKET.finditer(s):
        i = m.start()
        if i < resume or m.group()[0] == "\\":
            continue
        if m.group() == "[":
            openers.append(i)
        elif openers:
            opener = openers.pop()
            end = _link_end(s, opener, i, refs)
            if end > 0:
                if opener > 0 and s[opener - 1] == "!":  # an image
                    blank(opener - 1, end)
                else:
                    blank(opener, opener + 1)
                    blank(i, end)
                openers.clear()  # links do not nest
                resume = end


def _link_end(s: str, opener: int, close: int, refs: set[str] | frozenset[str]) -> int:
    """End of the link whose text is ``s[opener+1:close]``, or -1 when it is not a link."""
    nxt = s[close + 1 : close + 2]
    if nxt == "(":
        depth, limit = 0, min(len(s), close + 1 + _LINK_SCAN_LIMIT)
        for k in range(close + 1, limit):
            if s[k] == "(":
                depth += 1
            elif s[k] == ")":
                depth -= 1
                if depth == 0:
                    return k + 1
            elif s[k] in "\r\n" and s[k + 1 : k + 2] in ("\r", "\n"):
                return -1
        return -1
    if not refs:
        return -1
    if nxt == "[":
        end = s.find("]", close + 2, close + 2 + _LINK_SCAN_LIMIT)
        if end >= 0:
            label = s[close + 2 : end] or s[opener + 1 : close]
            if _is_ref(label, refs):
                return end + 1
    if _is_ref(s[opener + 1 : close], refs):
        return close + 1
    return -1


def _is_ref(label: str, refs: set[str] | frozenset[str]) -> bool:
    """Whether ``label`` names a reference; labels over 999 characters never do (CommonMark),
    which keeps a run of thousands of nested brackets linear."""
    return len(label) <= _LABEL_MAX_CHARS and normalizeReference(label) in refs
