"""Offsets to 1-based line/column: LF, CRLF and lone CR end lines; columns count code points."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factlint.model import Location
from factlint.util.positions import LineIndex, line_spans

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_the_design_example_positions_in_the_seeds() -> None:
    text = (SEEDS / "003_019cb405469e32cd.txt").read_text(encoding="utf-8")
    claim = "approximately 60% of global rare earth mining"
    start = text.index(claim)
    assert LineIndex(text).location("p", start, start + len(claim)) == Location(
        "p", 10, 201, 10, 246)


def test_first_line_first_column() -> None:
    assert LineIndex("abc").location("f", 0, 3) == Location("f", 1, 1, 1, 4)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_newline_style_ends_a_line(newline: str) -> None:
    text = f"one{newline}two 69%{newline}three"
    start = text.index("69%")
    loc = LineIndex(text).location("f", start, start + 3)
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (2, 5, 2, 8)


def test_columns_count_code_points_not_bytes() -> None:
    text = "稀土联盟 69% 🙂 70%"
    idx = LineIndex(text)
    assert idx.location("f", text.index("69%"), text.index("69%") + 3).column == 6
    assert idx.location("f", text.index("70%"), text.index("70%") + 3).column == 12


def test_span_ending_with_the_line_ends_one_past_it_on_that_line() -> None:
    text = "ab\ncd\n"
    assert LineIndex(text).location("f", 0, 3) == Location("f", 1, 1, 1, 4)
    assert LineIndex(text).location("f", 0, 5) == Location("f", 1, 1, 2, 3)


def test_other_line_separators_are_not_line_breaks() -> None:
    text = "a\x0cb\u2028c\nd"
    assert LineIndex(text).location("f", 6, 7).line == 2
    assert LineIndex(text).location("f", 4, 5) == Location("f", 1, 5, 1, 6)


def test_offset_is_the_inverse_and_rejects_missing_lines() -> None:
    text = "one\r\ntwo\rthree"
    idx = LineIndex(text)
    assert idx.offset(2, 1) == text.index("two")
    assert idx.offset(3, 3) == text.index("ree")
    with pytest.raises(ValueError):
        idx.offset(4)


def test_line_spans_exclude_line_endings() -> None:
    text = "a\r\nbb\r\rc\n"
    assert [text[s:e] for s, e in line_spans(text)] == ["a", "bb", "", "c"]


@given(st.text(alphabet=st.sampled_from("ab\r\n稀"), max_size=40), st.data())
def test_location_agrees_with_a_naive_count(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    # count lines the slow way, on the original text
    before = text[:offset]
    crlf_split = before.endswith("\r") and text[offset : offset + 1] == "\n"
    line = before.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    if crlf_split:  # an offset between \r and \n is still on the \r's line
        line -= 1
    loc = LineIndex(text).location("f", offset, offset)
    assert loc.line == line
    assert normal.count("\n") + 1 == LineIndex(text).line_count
    assert LineIndex(text).offset(loc.line, loc.column) == offset


def _naive(starts: list[int], length: int, offset: int) -> tuple[int, int]:
    offset = max(0, min(offset, length))
    line = max(i for i, s in enumerate(starts) if s <= offset)
    return line + 1, offset - starts[line] + 1


@given(st.text(alphabet=st.sampled_from("ab\r\n\u2028\f稀"), max_size=40), st.data())
def test_split_fast_path_agrees_with_the_regex_reading(text: str, data: st.DataObject) -> None:
    """Texts without a carriage return are split in C; the answers are those of the
    newline regex, for line spans, line starts and every span's location."""
    for sample in (text, text.replace("\r", "")):
        pos, want = 0, []
        for m in re.finditer(r"\r\n|\r|\n", sample):
            want.append((pos, m.start()))
            pos = m.end()
        if pos < len(sample) or pos == 0:
            want.append((pos, len(sample)))
        assert list(line_spans(sample)) == want
        index = LineIndex(sample)
        starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", sample)]
        assert index.line_count == len(starts)
        start = data.draw(st.integers(-2, len(sample) + 2))
        end = data.draw(st.integers(-2, len(sample) + 2))

        line, column = _naive(starts, len(sample), start)
        if end <= start:
            assert index.location("f", start, end) == Location("f", line, column, line, column)
        else:
            end_line, last = _naive(starts, len(sample), end - 1)
            assert index.location("f", start, end) == Location("f", line, column, end_line,
                                                               last + 1)
