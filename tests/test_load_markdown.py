"""Markdown: front matter, titles, prose segments with true offsets, masking, tables."""

from __future__ import annotations

import datetime as dt

import pytest

from factlint.load.markdown import load, mask_inline, split_row
from factlint.model import Document, Segment, TableCell


def _doc(text: str) -> Document:
    (doc,), problems = load(text, "a.md")
    assert problems == ()
    _true_offsets(text, doc)
    return doc


def _true_offsets(text: str, doc: Document) -> None:
    """Every segment has the file's length at its offset, and its prose is the file's."""
    for seg in doc.segments:
        original = text[seg.start : seg.start + len(seg.text)]
        assert len(original) == len(seg.text)
        for a, b in zip(original, seg.text, strict=True):
            assert b == a or b == " ", (seg, original)


def _texts(doc: Document, role: str | None = None) -> list[str]:
    return [" ".join(s.text.split()) for s in doc.segments if role in (None, s.role)]


def _find(doc: Document, needle: str) -> Segment:
    return next(s for s in doc.segments if needle in s.text)


def test_emphasis_and_link_targets_are_masked_in_place() -> None:
    text = "Intro.\n\nChina has **69%** of [output](http://x.example/69) today.\n"
    seg = _find(_doc(text), "output")
    assert seg.text.split() == ["China", "has", "69%", "of", "output", "today."]
    assert text[seg.start + seg.text.index("69%") :].startswith("69%")
    assert text[seg.start + seg.text.index("output") :].startswith("output")
    assert "http" not in seg.text


@pytest.mark.parametrize(("source", "kept", "gone"), [
    ("Use `x = 12` here.", "Use", "12"),
    ("See <https://a.example/50> or <me@a.example>.", "See", "50"),
    ("Visit https://a.example/v2/70. Next.", "Next.", "70"),
    ("Logo ![chart 90%](img/90.png) shown.", "shown.", "90"),
    ("Bold <b>text</b> and <!-- factlint: ignore FC101 --> 5%.", "5%.", "factlint"),
    ("A [ref link][src] too.", "ref link", "src"),
    ("A [src] too.", "A  src  too.", "["),
])
def test_non_prose_is_replaced_by_spaces(source: str, kept: str, gone: str) -> None:
    doc = _doc(f"{source}\n\n[src]: https://example.com/\n")
    (seg,) = doc.segments
    assert kept in seg.text
    assert gone not in seg.text


def test_citation_markers_and_undefined_brackets_are_kept() -> None:
    (seg,) = _doc("China holds 44 million tons [1][6] and [note] more.\n").segments
    assert seg.text == "China holds 44 million tons [1][6] and [note] more."


def test_snake_case_and_arithmetic_stars_are_kept() -> None:
    assert mask_inline("a snake_case_word, 5 * 3 and _em_ \\*x") == \
        "a snake_case_word, 5 * 3 and  em    x"


def test_code_blocks_and_html_blocks_are_not_prose() -> None:
    doc = _doc("Para 1.\n\n```\nfenced 69%\n```\n\n    indented 70%\n\n<div>\nhtml 71%\n</div>\n")
    assert _texts(doc) == ["Para 1."]


def test_front_matter_is_metadata_and_never_prose() -> None:
    text = ("---\ntitle: 'Rare earths: 2024 outlook'\ndate: 2024-05-01\n"
            "tags: [rare-earths, china]\nsummary: China holds 69%\n---\n\nBody 70%.\n")
    doc = _doc(text)
    assert doc.title == "Rare earths: 2024 outlook"
    assert doc.date == dt.date(2024, 5, 1)
    assert doc.topic == "rare-earths"
    assert doc.title_start == text.index("Rare earths")
    assert [(s.role, s.text) for s in doc.segments] == [
        ("title", "Rare earths: 2024 outlook"), ("paragraph", "Body 70%.")]


@pytest.mark.parametrize(("meta", "date", "topic"), [
    ("date: '2024-05-01T10:00:00'\ntopic: cobalt\ntags: [x]", dt.date(2024, 5, 1), "cobalt"),
    ("date: 2024-05-01 10:00:00\ncategory: lithium, markets", dt.date(2024, 5, 1), "lithium"),
    ("date: not a date", None, ""),
])
def test_front_matter_dates_and_topics(meta: str, date: dt.date | None, topic: str) -> None:
    doc = _doc(f"---\n{meta}\n---\n# Heading\n")
    assert (doc.date, doc.topic) == (date, topic)


def test_bad_front_matter_is_reported_and_the_body_still_linted() -> None:
    text = "---\ntitle: ok\nbad: [unclosed\nmore: x\n---\n# Title here\n\nBody 69%.\n"
    (doc,), problems = load(text, "a.md")
    (problem,) = problems
    assert problem.code == "FC904"
    assert problem.line == 4
    assert problem.message.startswith("front matter does not parse: ")
    assert doc.title == "Title here"
    assert _texts(doc) == ["Title here", "Body 69%."]


def test_first_h1_is_the_title_and_a_heading_segment() -> None:
    text = "Intro para.\n\n## Sub\n\n# First *top* heading #\n\n# Second\n"
    doc = _doc(text)
    assert doc.title == "First  top  heading"
    assert doc.title_start == text.index("First")
    assert _texts(doc, "heading") == ["Sub", "First top heading", "Second"]


def test_setext_heading_and_no_title() -> None:
    doc = _doc("Big news\n========\n\nText.\n")
    assert doc.title == "Big news"
    assert _texts(doc) == ["Big news", "Text."]
    assert _doc("Only text.\n").title == ""


def test_lists_and_quotes_lose_their_markers() -> None:
    text = "- first 5%\n  continued\n- **second**\n\n1. numbered 7%\n\n> quoted 8%\n> more\n"
    doc = _doc(text)
    assert _texts(doc, "list_item") == ["first 5% continued", "second", "numbered 7%"]
    assert _texts(doc, "paragraph") == ["quoted 8% more"]
    assert _find(doc, "quoted").start == text.index("quoted")


def test_crlf_offsets() -> None:
    text = "# T\r\n\r\nOne **69%**\r\nline two.\r\n"
    doc = _doc(text)
    assert _find(doc, "69%").text == "One   69%  \r\nline two."


TABLE = """# Rare earth reserves

Reserves by country, 2024:

| Country | Reserves (Mt) | Share |
|:--|--:|---|
| China | 44 | 49% |
| _Brazil_ | 21 \\| est. | 23% |
| **World total** | 110 | 100% |
"""


def test_table_cells_have_their_row_header_and_caption() -> None:
    doc = _doc(TABLE)
    cells = [s for s in doc.segments if s.role == "table_cell"]
    caption = "Reserves by country, 2024:"
    assert cells[0].table == TableCell("", "Country", caption, False)
    china_44 = next(c for c in cells if c.text == "44")
    headers = ("Country", "Reserves (Mt)", "Share")
    assert china_44.table == TableCell("China", "Reserves (Mt)", caption, False, headers)
    assert china_44.start == TABLE.index("44")
    assert _find(doc, "21").text == "21  | est."
    world = [c for c in cells if c.table and c.table.row_subject == "World total"]
    assert [c.text for c in world] == ["World total", "110", "100%"]
    assert all(c.table is not None and c.table.is_total_row for c in world)
    assert len(cells) == 3 * 4


def test_table_caption_is_the_nearest_heading_without_a_caption_paragraph() -> None:
    text = "## Share of mining\n\nSome text.\n\n| Country | Share |\n|---|---|\n| Global | 100% |\n"
    doc = _doc(text)
    cell = _find(doc, "100%")
    assert cell.table == TableCell("Global", "Share", "Share of mining", True,
                                   ("Country", "Share"))
    table_para = _doc("Table 2 - shares\n\n| A | B |\n|---|---|\n| x | 1 |\n")
    assert _find(table_para, "1").table == TableCell("x", "B", "Table 2 - shares", False,
                                                     ("A", "B"))


def test_split_row_on_unescaped_pipes() -> None:
    row = "| a | b \\| c | `d` |"
    assert [row[s:e] for s, e in split_row(row, 0, len(row))] == [" a ", " b \\| c ", " `d` "]
    bare = "a|b"
    assert [bare[s:e] for s, e in split_row(bare, 0, 3)] == ["a", "b"]
