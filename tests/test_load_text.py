"""read_source: size limit, unreadable files, decoding, dispatch, and plain-text documents."""

from __future__ import annotations

import codecs
import hashlib
import os
from pathlib import Path

import pytest

from factlint.load.source import read_source
from factlint.model import Settings, SourceFile
from factlint.util.positions import LineIndex

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _read(tmp_path: Path, name: str, data: bytes, max_bytes: int = 1 << 20) -> SourceFile:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return read_source(path, name, Settings(max_bytes=max_bytes))


def _codes(source: SourceFile) -> list[str]:
    return [p.code for p in source.problems]


def test_a_file_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    source = _read(tmp_path, "big.txt", b"x" * 101, max_bytes=100)
    assert source.documents == ()
    assert [p.message for p in source.problems] == [
        "file is 101 bytes, over the limit of 100; skipped"]
    assert _codes(source) == ["FC903"]


def test_a_directory_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "dir.md").mkdir()
    source = read_source(tmp_path / "dir.md", "dir.md", Settings())
    assert _codes(source) == ["FC905"]
    assert "directory" in source.problems[0].message.lower()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_broken_links_and_loops_are_unreadable(tmp_path: Path) -> None:
    (tmp_path / "gone.md").symlink_to(tmp_path / "missing.md")
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    gone = read_source(tmp_path / "gone.md", "gone.md", Settings())
    loop = read_source(tmp_path / "loop.md", "loop.md", Settings())
    assert _codes(gone) == _codes(loop) == ["FC905"]
    assert "No such file" in gone.problems[0].message
    assert "symbolic links" in loop.problems[0].message
    assert gone.documents == loop.documents == ()


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root reads anything")
def test_a_file_without_permission_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("hidden\n", encoding="utf-8")
    path.chmod(0)
    try:
        source = read_source(path, "secret.txt", Settings())
    finally:
        path.chmod(0o600)
    assert _codes(source) == ["FC905"]
    assert "Permission denied" in source.problems[0].message


def test_a_nul_byte_means_not_text(tmp_path: Path) -> None:
    source = _read(tmp_path, "image.txt", b"GIF89a\x00\x01")
    assert source.documents == ()
    assert [p.message for p in source.problems] == [
        "not a text document (NUL byte at offset 6); skipped"]


def test_a_utf8_bom_is_not_a_column(tmp_path: Path) -> None:
    source = _read(tmp_path, "bom.txt", codecs.BOM_UTF8 + b"China holds 69%.\n")
    assert source.text == "China holds 69%.\n"
    seg = source.documents[0].segments[0]
    assert LineIndex(source.text).location("bom.txt", seg.start, seg.start + 5).column == 1


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_decoded(tmp_path: Path, encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    text = "稀土 title\n\nChina holds 69% of production.\n"
    source = _read(tmp_path, "u16.txt", bom + text.encode(encoding))
    assert source.problems == ()
    assert source.text == text
    assert source.documents[0].title == "稀土 title"


def test_a_few_bad_bytes_are_replaced_and_reported(tmp_path: Path) -> None:
    data = b"Title\n\n" + b"a" * 300 + b"\n69% \xff of production\n"
    source = _read(tmp_path, "bad.txt", data)
    assert [p.message for p in source.problems] == [
        "invalid UTF-8 at byte offset 312; decoded with replacement"]
    assert (source.problems[0].line, source.problems[0].column) == (4, 5)
    assert "\ufffd of production" in source.text
    assert source.documents[0].segments[-1].text.endswith("\n69% \ufffd of production")


def test_many_bad_bytes_mean_not_text(tmp_path: Path) -> None:
    source = _read(tmp_path, "latin1.txt", "Société générale à Genève\n".encode("latin-1"))
    assert [p.message for p in source.problems] == [
        "invalid UTF-8 at byte offset 4; skipped"]
    assert source.documents == ()


def test_sha256_is_of_the_raw_bytes(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + b"Some text.\r\n"
    assert _read(tmp_path, "a.txt", data).sha256 == hashlib.sha256(data).hexdigest()


def test_plain_text_title_and_paragraphs_with_true_offsets(tmp_path: Path) -> None:
    text = "Rare earth outlook\r\nChina holds 69% of production.\r\nIt refines more.\r\n\r\n\r\n" \
           "  Australia ranks fourth.  \r\n"
    source = _read(tmp_path, "notes/a.txt", text.encode())
    (doc,) = source.documents
    assert doc.path == "notes/a.txt"
    assert doc.title == "Rare earth outlook"
    assert doc.title_start == 0
    assert [(s.role, s.text) for s in doc.segments] == [
        ("title", "Rare earth outlook"),
        ("paragraph", "China holds 69% of production.\r\nIt refines more."),
        ("paragraph", "Australia ranks fourth."),
    ]
    for seg in doc.segments:
        assert source.text[seg.start : seg.start + len(seg.text)] == seg.text


@pytest.mark.parametrize("text", [
    "China holds 69% of production.\n\nMore text.\n",  # ends with a period
    "Only one line\n",  # nothing follows
    "x" * 121 + "\n\nMore text.\n",  # too long
])
def test_no_title_when_the_first_line_does_not_look_like_one(tmp_path: Path, text: str) -> None:
    (doc,) = _read(tmp_path, "a.txt", text.encode()).documents
    assert doc.title == ""
    assert doc.title_start == -1
    assert all(s.role == "paragraph" for s in doc.segments)


def test_dispatch_digest_markdown_and_text(tmp_path: Path) -> None:
    digest = read_source(SEEDS / "003_019cb405469e32cd.txt", "seeds/003.txt", Settings())
    assert len(digest.documents) == 2
    assert digest.documents[0].topic == "稀土联盟"
    md = _read(tmp_path, "a.md", b"# Heading\n\nText with `69%` code.\n")
    assert [s.role for s in md.documents[0].segments] == ["heading", "paragraph"]
    assert "69%" not in md.documents[0].segments[1].text
    txt = _read(tmp_path, "a.txt", b"# Heading\n\nText with `69%` code.\n")
    assert "69%" in txt.documents[0].segments[-1].text


def test_empty_file_has_one_empty_document(tmp_path: Path) -> None:
    source = _read(tmp_path, "empty.txt", b"")
    assert source.problems == ()
    assert [d.segments for d in source.documents] == [()]


@pytest.mark.parametrize(("line", "date"), [
    ("January 2, 2025", "2025-01-02"),
    ("Oslo, 3 January 2025", "2025-01-03"),
    ("Tampa, Florida, 26 February 2025", "2025-02-26"),  # a city and its state
    ("Sept. 4, 2024", "2024-09-04"),
    ("2025-01-02", "2025-01-02"),
    ("Geneva, 30 January 2025 — Global air passenger demand hit a record.", "2025-01-30"),
    ("Revenue rose 5% in 2024.", None),  # a sentence, not a dateline
    ("By Marcus Ellery, retail correspondent — 7 August 2025", "2025-08-07"),  # a byline
    ("By Jane Roe | March 3, 2025", "2025-03-03"),
    ("By the way, sales rose — 5%", None),
    ("Mayday 3 2024", None),
])
def test_a_dateline_under_the_title_dates_a_plain_text_article(line: str, date: str | None
                                                                ) -> None:
    from factlint.load.source import load_plain

    (doc,) = load_plain(f"Tractor sales slip\n{line}\n\nHelsa sold 41,200 tractors.\n", "a.txt")
    assert (doc.date.isoformat() if doc.date else None) == date


def test_a_headline_in_capitals_over_its_text_is_a_segment_of_its_own(tmp_path: Path) -> None:
    # "[2025-01-14] ROTTERDAM GROWS AGAIN" above its item: not the first words of its sentence
    text = ("PORTS DIGEST\n\n[2025-01-14] ROTTERDAM GROWS AGAIN\n"
            "Rotterdam's volumes climbed to 14.6 million TEU in 2024.\n\n"
            "A quiet line\nthat wraps onto a second line.\n")
    source = _read(tmp_path, "digest.txt", text.encode())
    segments = [(s.role, s.text) for s in source.documents[0].segments]
    assert ("paragraph", "[2025-01-14] ROTTERDAM GROWS AGAIN") in segments
    assert ("paragraph", "Rotterdam's volumes climbed to 14.6 million TEU in 2024.") in segments
    assert ("paragraph", "A quiet line\nthat wraps onto a second line.") in segments


def test_a_file_of_dated_items_is_one_document_per_item(tmp_path: Path) -> None:
    # "2024-04-24 | Pulsewave first quarter": each item has its own date and headline, so
    # "the first quarter" in one is that year's and its figures are its own
    text = ("SCREEN BRIEFING - selected items\nCompiled by the desk.\n\n"
            "2024-04-24 | Orvane first quarter\nOrvane said revenue rose 20% to EUR 3.6bn.\n\n"
            "[2025-01-14] ROTTERDAM GROWS AGAIN\nRotterdam's volumes climbed to 14.6 million "
            "TEU in 2024.\n")
    source = _read(tmp_path, "digest.txt", text.encode())
    items = [(d.date.isoformat() if d.date else None, d.title) for d in source.documents]
    assert items == [(None, "SCREEN BRIEFING - selected items"),
                     ("2024-04-24", "Orvane first quarter"),
                     ("2025-01-14", "ROTTERDAM GROWS AGAIN")]
    assert source.documents[1].segments[-1].text == "Orvane said revenue rose 20% to EUR 3.6bn."


def test_a_bulleted_list_in_plain_text_is_one_segment_per_item(tmp_path: Path) -> None:
    """A press release's highlights ("- Net sales of $24.7 billion" ...) are items, each read
    on its own, not one run-on sentence; a single line that opens with a dash inside a
    wrapped paragraph stays in its paragraph."""
    text = ("Baytree Chemical Corporation Reports Full-Year 2024 Results\n\n"
            "Highlights for 2024\n- Net sales of $24.7 billion\n- Net income of $1.41 billion\n"
            "- Capital expenditures of $3.2 billion, including $1.9 billion\n  for the cracker\n\n"
            "Of the $98bn spent on beauty, $31bn went through online channels\n"
            "- some 41% of the total.\n")
    source = _read(tmp_path, "release.txt", text.encode())
    segments = [s.text for d in source.documents for s in d.segments]
    assert "Net sales of $24.7 billion" in segments
    assert "Net income of $1.41 billion" in segments
    assert any(s.startswith("Capital expenditures") and s.endswith("for the cracker")
               for s in segments)
    assert any(s.endswith("- some 41% of the total.") for s in segments)
