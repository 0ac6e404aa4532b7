"""Hostile text: random and adversarial strings never make a stage raise, and the work grows
linearly (checked by the ratio of CPU time between inputs of size n and 4n, generous slack:
a quadratic stage gives about 16x, a linear one about 4x; the bound is 8x)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlint.load.source import load_bytes
from factlint.model import Segment
from factlint.parse import segment
from factlint.parse.mentions import find_mentions, has_unexplained_digit
from factlint.util.positions import LineIndex

#: Pieces that stress the tokenizer, grammar, normaliser and splitter when repeated.
PIECES = [
    "about ", "nearly ", "more than ", "over ", "at least ", "约", "近", "以上", "超过",
    "69%", "70", "1,000,000", "1.5", "$", "US$", "€", "亿", "万", "美元", "三成", "七成以上",
    "billion ", "million ", "tons ", "kg", "percentage points", "half", "two-thirds",
    "2-3 kg", "10–20", "$28 billion to $32 billion", "60%-90%", "second-largest",
    "ranks third", "fivefold", "twice", "by 2030", "Q4 2023", "in 2024", "[1][6][21]",
    "F-35", "Section 301", "Group 2:", "1. ", "U.S. ", "e.g. ", "Inc. ", " - ", "。", "；",
    "(", ")", "[", "]", "{", "}", "**", "`", "<", ">", "|", "#", "---\n", "\n", "\r\n", "\r",
    "\u200b", "\u200e", "\u200f", "\u202e", "\ufeff", "１２３", "％", "٣", "߀", "𝟗", "\ufffd",
    "China holds ", "accounts for ", " of global cobalt mining", "the world's largest",
    "\u00a0", "\t", "0" * 40, "9" * 300, ".", ",", "'", "\"", "“", "”", "中国", "稀土",
]
hostile = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map("".join)
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(hostile)
def test_find_mentions_never_raises(text: str) -> None:
    mentions = find_mentions(text, 7)
    for m in mentions:
        assert 7 <= m.start <= m.end <= 7 + len(text)
    has_unexplained_digit(text, mentions)


@FAST
@given(hostile)
def test_sentences_never_raise_and_stay_inside(text: str) -> None:
    for offset, sentence in segment.sentences(Segment(100, text, "paragraph")):
        assert text[offset - 100 : offset - 100 + len(sentence)] == sentence


@FAST
@given(hostile, st.booleans())
def test_loaders_never_raise(text: str, markdown: bool) -> None:
    for raw in (text.encode("utf-8", "surrogatepass"), text.encode("utf-16"),
                b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")):
        source = load_bytes(raw, "x.md" if markdown else "x.txt", is_markdown=markdown)
        for doc in source.documents:
            for seg in doc.segments:
                assert 0 <= seg.start <= len(source.text)


@FAST
@given(st.binary(max_size=200))
def test_loaders_take_any_bytes(raw: bytes) -> None:
    for markdown in (False, True):
        source = load_bytes(raw, "x", is_markdown=markdown)
        assert source.documents or source.problems or not raw.strip()


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(hostile, min_size=1, max_size=3))
def test_whole_engine_never_crashes(tmp_path_factory: pytest.TempPathFactory,
                                    texts: list[str]) -> None:
    root: Path = tmp_path_factory.mktemp("h")
    (root / ".git").mkdir()
    for i, text in enumerate(texts):
        suffix = ".md" if i % 2 else ".txt"
        (root / f"d{i}{suffix}").write_bytes(text.encode("utf-8", "surrogatepass"))
    code, _, err = run_cli([".", "--no-cache", "--format", "json"], root)
    assert code in (0, 1, 2), err  # 2: every file empty, "no documents found"
    assert "Traceback" not in err


# --------------------------------------------------------------------------- linearity


def _cpu(fn: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best


def _ratio(run: Callable[[str], Any], make: Callable[[int], str], n: int) -> float:
    """CPU time at 4n over CPU time at n, each the best of three (noise only adds time).

    Linear work gives about 4; quadratic 16. The tests' bound of 8 leaves room for noise,
    garbage collection and cache effects without letting quadratic work through."""
    small, big = make(n), make(4 * n)
    run(small)  # warm caches (grammar, regexes)
    best_big = min(_cpu(lambda: run(big)) for _ in range(3))
    best_small = min(_cpu(lambda: run(small)) for _ in range(3))
    return best_big / max(best_small, 1e-3)


def _mentions(text: str) -> Any:
    return find_mentions(text)


def _split(text: str) -> Any:
    return segment.sentences(Segment(0, text, "paragraph"))


def _markdown(text: str) -> Any:
    return load_bytes(text.encode(), "x.md", is_markdown=True)


def _plain(text: str) -> Any:
    return load_bytes(text.encode(), "x.txt")


LINEAR = [
    ("digit run", _mentions, lambda n: "9" * n, 20_000),
    ("qualifiers", _mentions, lambda n: "about " * n + "5%", 4_000),
    ("scale words", _mentions, lambda n: "5 " + "million " * n, 4_000),
    ("brackets", _mentions, lambda n: "(" * n + "5%" + ")" * n, 10_000),
    ("mixed scripts", _mentions, lambda n: "中国约占69%的稀土 about ７０％ ٣ " * n, 1_000),
    ("abbreviations", _split, lambda n: "U.S. e.g. Inc. J. " * n, 5_000),
    ("bullets", _split, lambda n: "[1] - Label - " * n, 5_000),
    ("open brackets", _markdown, lambda n: "[" * n + "x" + "]" * n, 5_000),
    ("nested list", _markdown, lambda n: "- " * n + "5%\n", 2_000),
    ("backticks", _markdown, lambda n: "`a`` " * n, 5_000),
    ("tags", _markdown, lambda n: "<a " * n, 5_000),
    ("emphasis", _markdown, lambda n: "*_" * n, 5_000),
    ("line breaks", _plain, lambda n: "\r\n\r" * n, 20_000),
]


@pytest.mark.parametrize(("run", "make", "n"), [c[1:] for c in LINEAR],
                         ids=[c[0] for c in LINEAR])
def test_work_grows_linearly(run: Callable[[str], Any], make: Callable[[int], str],
                             n: int) -> None:
    assert _ratio(run, make, n) < 8


def test_many_numbers_in_one_sentence_are_linear() -> None:
    """Was quadratic: every digit run was compared with every mention of the sentence."""
    def run(text: str) -> Any:
        return has_unexplained_digit(text, find_mentions(text))

    assert _ratio(run, lambda n: "amet 12 lorem " * n, 1_500) < 8


def test_line_index_is_linear() -> None:
    assert _ratio(LineIndex, lambda n: "a\r\n\r" * n, 50_000) < 8
