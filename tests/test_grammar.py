"""The quantity grammar as data: each sentence must yield exactly the listed mentions.

Plus the parser cache (user cache dir, JSON, no pickle, rebuilt when corrupt) and the
anchor that finds where an expression can start.
"""

from __future__ import annotations

import json
import pickletools
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.model import Location, Mention, format_number
from factlint.parse import lalr
from factlint.parse.anchors import anchor_regex
from factlint.parse.mentions import find_mentions, has_unexplained_digit
from factlint.parse.tokens import LOWER, tokenize

CASES: list[dict[str, Any]] = [
    case for name in ("grammar_cases.yaml", "grammar_cases_zh.yaml")
    for case in yaml.safe_load((Path(__file__).parent / "data" / name).read_text("utf-8"))]


def _describe(m: Mention) -> dict[str, Any]:
    d: dict[str, Any] = {"text": m.text, "kind": m.kind}
    if m.value is not None:
        assert m.value.speaker.low is not None and m.value.speaker.high is not None
        d["low"] = format_number(m.value.speaker.low)
        d["high"] = format_number(m.value.speaker.high)
        d["unit"] = m.value.unit
    if m.qualifier:
        d["qualifier"] = m.qualifier
    if m.rank is not None:
        d["rank"] = m.rank
        d["order"] = m.rank_order
    if m.comparison is not None:
        d["op"] = m.comparison.op
        d["target"] = m.comparison.target_text
    return d


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 130
    assert sum(1 for c in CASES if not c["mentions"]) >= 10


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["sentence"][:50])
def test_sentence(case: dict[str, Any]) -> None:
    sentence = case["sentence"]
    mentions = find_mentions(sentence, 0)
    expected = [{k: v for k, v in m.items() if k not in ("interval", "strict")}
                for m in case["mentions"]]
    assert [_describe(m) for m in mentions] == expected
    for m, want in zip(mentions, case["mentions"], strict=True):
        assert sentence[m.start:m.end] == m.text
        if "interval" in want:
            assert m.value is not None
            assert m.value.speaker.text() == want["interval"]
            assert m.value.strict.text() == want["strict"]
    assert has_unexplained_digit(sentence, mentions) == case.get("unexplained", False)


def test_offsets_are_added_and_location_left_empty() -> None:
    text = "China controls over 90% of refining"
    (m,) = find_mentions(text, offset=1000)
    assert (m.start, m.end) == (1000 + text.index("over"), 1000 + len(text) - len(" of refining"))
    assert m.location is None
    assert has_unexplained_digit(text, [m]) is False


def test_locate_fills_the_location() -> None:
    text = "China controls over 90% of refining"
    (m,) = find_mentions(text, offset=1000, locate=lambda s, e: Location("a.md", 3, s, 3, e))
    assert m.location == Location("a.md", 3, m.start, 3, m.end)
    assert m.start == 1000 + text.index("over")


def test_a_sentence_seen_again_gets_its_own_offsets_and_locations() -> None:
    """Sentences are remembered per process: a repeat is not parsed again, but its
    mentions still carry the new offset and location, and the same answers."""
    text = "Group 2: output rose 12% in 2024 to about 417 kg [3]"
    first = find_mentions(text, offset=10, locate=lambda s, e: Location("a.md", 1, s, 1, e))
    again = find_mentions(text, offset=500, locate=lambda s, e: Location("b.md", 9, s, 9, e))
    bare = find_mentions(text, offset=500)
    assert [m.text for m in first] == [m.text for m in again] == ["12%", "about 417 kg"]
    for a, b, c in zip(first, again, bare, strict=True):
        assert (b.start - a.start, b.end - a.end) == (490, 490)
        assert b.location == Location("b.md", 9, b.start, 9, b.end)
        assert c.location is None and (c.start, c.end) == (b.start, b.end)
        assert (a.value, a.kind, a.qualifier) == (b.value, b.kind, b.qualifier)
    assert has_unexplained_digit(text, first) is has_unexplained_digit(text, again) is False
    assert has_unexplained_digit(text, []) is True  # the answer follows the mentions given


def test_a_sentence_seen_with_another_tonnage_is_read_again() -> None:
    (metric,) = find_mentions("They shipped 101 tons")
    (short,) = find_mentions("They shipped 101 tons", ton="short")
    assert metric.value != short.value


def test_short_tons_when_configured() -> None:
    (metric,) = find_mentions("It mined 101 tons", ton="metric")
    (short,) = find_mentions("It mined 101 tons", ton="short")
    assert metric.value is not None and short.value is not None
    assert metric.value.speaker.low == Fraction(201, 2)
    assert short.value.speaker.low == Fraction(201, 2) * Fraction("0.90718474")
    assert short.value.unit == metric.value.unit == "tonne"


def test_percent_and_points_are_different_dimensions() -> None:
    a, b = find_mentions("up 5% or 5 percentage points")
    assert a.value is not None and b.value is not None
    assert a.value.dimension != b.value.dimension


def test_every_currency_is_its_own_dimension() -> None:
    text = "$1 billion, US$1 billion, €1 billion, £1 billion, A$1 billion, 10亿元"
    dims = [m.value.dimension for m in find_mentions(text) if m.value is not None]
    assert dims == ["dollar", "USD", "EUR", "GBP", "AUD", "CNY"]


def test_anchor_finds_every_start_word() -> None:
    starts = lalr.start_terminals()
    anchor = anchor_regex(starts)
    for word, terminal in LOWER.items():
        if terminal in starts and word.isascii() and word[:1].isalpha():
            for form in (word, word[:1].upper() + word[1:]):
                text = f"x {form} 5"
                m = anchor.search(text)
                assert m is not None and m.start() == 2, form
    for text in ("US$5", "A$5", "HK$5", "$5", "€5", "£5", "¥5", "5", "约5", "三成", "百分之五"):
        assert anchor.search(text) is not None and anchor.search(text).start() == 0, text  # type: ignore[union-attr]


def test_tokens_carry_positions() -> None:
    toks = list(tokenize("over 90% of", 0))
    assert [(t.type, str(t), t.start_pos, t.end_pos) for t in toks[:3]] == [
        ("QUAL", "over", 0, 4), ("NUM", "90", 5, 7), ("UNIT", "%", 7, 8)]


# ------------------------------------------------------------------------ the cache


def test_cache_is_written_then_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    real_build = lalr._build
    monkeypatch.setattr(lalr, "_build", lambda text: built.append(text) or real_build(text))
    first = lalr.load_parser(tmp_path)
    path = lalr.cache_path(tmp_path)
    assert path.is_file() and path.parent == tmp_path
    assert len(built) == 1
    second = lalr.load_parser(tmp_path)
    assert len(built) == 1  # read from the file, not built again
    assert set(first.parse_interactive().choices()) == set(second.parse_interactive().choices())
    assert list(tmp_path.iterdir()) == [path]  # no temp file left behind


def test_cache_is_json_not_pickle(tmp_path: Path) -> None:
    lalr.load_parser(tmp_path)
    raw = lalr.cache_path(tmp_path).read_bytes()
    assert json.loads(raw)["format"] >= 1
    with pytest.raises(Exception):  # noqa: B017 - any failure means "not a pickle"
        list(pickletools.genops(raw))


def test_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    path = lalr.cache_path(tmp_path)
    tmp_path.mkdir(exist_ok=True)
    path.write_text('{"format": 1, "data": [1, 2', "utf-8")
    parser = lalr.load_parser(tmp_path)
    assert "NUM" in parser.parse_interactive().choices()
    assert json.loads(path.read_text("utf-8"))["format"] >= 1


def test_cached_parser_parses_like_a_fresh_one(tmp_path: Path) -> None:
    lalr.load_parser(tmp_path)
    cached = lalr.load_parser(tmp_path)
    fresh = lalr.load_parser(use_cache=False)
    for parser in (cached, fresh):
        ip = parser.parse_interactive()
        for tok in tokenize("more than 80%", 0):
            ip.feed_token(tok)
        assert ip.feed_eof().data == "start"


def test_unwritable_cache_dir_builds_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", "utf-8")
    parser = lalr.load_parser(blocker / "sub")
    assert "NUM" in parser.parse_interactive().choices()


def test_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(lalr.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert lalr.user_cache_dir() == tmp_path / "factlint"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert lalr.user_cache_dir() == Path.home() / ".cache" / "factlint"


def test_cache_key_changes_with_the_grammar() -> None:
    text = lalr.grammar_text()
    assert lalr.cache_key(text) != lalr.cache_key(text + "\n// changed\n")


# ------------------------------------------------------------------ any text at all

_ALPHABET = "0123456789 ,.-–%$€£¥[]:/abctonsmilrdhfxyzABCDNQUS万亿成约近以上吨美元第大"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_any_text_gives_ordered_mentions_that_are_its_slices(text: str) -> None:
    mentions = find_mentions(text, 7)
    end = 7
    for m in mentions:
        assert m.start >= end and m.end > m.start
        assert text[m.start - 7:m.end - 7] == m.text
        end = m.end
    has_unexplained_digit(text, mentions)


def test_long_input_stays_linear() -> None:
    import time

    small = "China holds 69% of output and F-35s use 417 kg [1]. " * 200
    t0 = time.perf_counter()
    find_mentions(small)
    has_unexplained_digit(small, [])
    t1 = time.perf_counter()
    find_mentions(small * 8)
    has_unexplained_digit(small * 8, [])
    t2 = time.perf_counter()
    assert (t2 - t1) < 30 * (t1 - t0) + 0.5
    word = "a" * 50_000
    t3 = time.perf_counter()
    has_unexplained_digit(word + " 7/8", [])
    find_mentions(word + " 7")
    assert time.perf_counter() - t3 < 2.0
