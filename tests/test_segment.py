"""Sentence splitting: seeds' digest bullets, abbreviations, Chinese punctuation, Markdown."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from factlint.load.digest import load as load_digest
from factlint.load.markdown import load as load_markdown
from factlint.model import Segment
from factlint.parse.segment import sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _split(text: str, start: int = 0) -> list[str]:
    seg = Segment(start, text, "paragraph")
    out = sentences(seg)
    for offset, sentence in out:  # offsets are true
        assert text[offset - start :].startswith(sentence)
    return [s for _, s in out]


def _seed_body(prefix: str, article: int) -> tuple[str, Segment]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    return text, load_digest(text, path.name)[article].segments[1]


def test_seed_000_first_article() -> None:
    text, body = _seed_body("000", 0)
    out = sentences(body)
    for offset, sentence in out:
        assert text[offset : offset + len(sentence)] == sentence
    assert [s for _, s in out][:5] == [
        "Core Viewpoint",
        "China's recent export controls on critical materials, including rare earths and "
        "lithium batteries, have significantly impacted the U.S. and are seen as a strategic "
        "move to accelerate decoupling from the U.S. amid ongoing tensions [1][3].",
        "Group 1: China's Export Controls",
        "China announced export controls on key materials, which has caused a strong reaction "
        "from the U.S., particularly from former President Trump, who expressed outrage and "
        "threatened to impose 100% tariffs on China [1].",
        "The decision to implement these controls is rooted in China's realization that the "
        "U.S. has no intention of making substantial concessions in trade negotiations, "
        "leading to a strategic shift towards decoupling [3].",
    ]
    assert len(out) == 11


def test_seed_000_bullets_after_citation_markers() -> None:
    _, body = _seed_body("000", 1)
    got = [s for _, s in sentences(body)]
    assert got[:3] == [
        "Core Insights",
        "The global rare earth market is characterized by concentrated reserves, with China "
        "holding nearly half of the world's total reserves at 44 million tons, controlling 69% "
        "of production and over 90% of refining capacity, which grants it significant influence "
        "in the high-tech manufacturing and renewable energy sectors [1][6][21]",
        "Traditional industrial powers like the US, EU, and Japan are accelerating their "
        "\"de-China\" strategies to reduce dependency on China and reshape the geopolitical "
        "landscape of rare earth supply chains [1][3][21]",
    ]
    assert "India ranks third with 6.9 million tons of reserves and is increasing its " \
           "production through infrastructure investments [9]" in got


def test_seed_001_group_after_a_marker_and_ranges_kept() -> None:
    _, body = _seed_body("001", 0)
    got = [s for _, s in sentences(body)]
    assert "Group 1: Importance of Rare Earths" in got
    assert "Electric vehicles require 2-3 kg of neodymium-iron-boron per vehicle [4]" in got
    assert "eVTOL aircraft will require 10-20 kg each, with an annual compound growth rate " \
           "of 40% [4]" in got
    assert "Military applications: An F-35 uses 417 kg of rare earths, while a nuclear " \
           "submarine requires 4 tons [4]" in got


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S. Department of Commerce acted. It was late.",
     ["The U.S. Department of Commerce acted.", "It was late."]),
    ("Firms, e.g. Lynas Ltd. and MP Materials Inc. grew. Prices fell.",
     ["Firms, e.g. Lynas Ltd. and MP Materials Inc. grew.", "Prices fell."]),
    ("Donald J. Trump spoke. Mr. Bessent replied.", ["Donald J. Trump spoke.",
                                                      "Mr. Bessent replied."]),
    ("It holds approx. 60% vs. 70% for No. 2 in 2023. Then 1.4 billion more.",
     ["It holds approx. 60% vs. 70% for No. 2 in 2023.", "Then 1.4 billion more."]),
    ("He said \"it is over.\" Then he left! Why? Because.",
     ["He said \"it is over.\"", "Then he left!", "Why?", "Because."]),
    ("Output rose 7%; exports fell.", ["Output rose 7%;", "exports fell."]),
    ("about 5 p.m. today it closed", ["about 5 p.m. today it closed"]),
    # after a number Mt is megatonnes; before a name it is Mount
    ("Chile shipped 5.1 Mt. Peru followed.", ["Chile shipped 5.1 Mt.", "Peru followed."]),
    ("They climbed Mt. Kenya in 2023.", ["They climbed Mt. Kenya in 2023."]),
    # a company's "Group" before its figure is no digest's "Group 1:"
    ("Shares were: Vireo Music Group 21.4% and Halberd 17.2%.",
     ["Shares were: Vireo Music Group 21.4% and Halberd 17.2%."]),
    # a results release's "Label: value" lines, written without full stops, are one each
    ("Revenue: £1.14bn (2023: £1.02bn)\nAdjusted EBITDA: £342m (2023: £296m)\nMargin: 30%",
     ["Revenue: £1.14bn (2023: £1.02bn)", "Adjusted EBITDA: £342m (2023: £296m)",
      "Margin: 30%"]),
    # ... but prose wrapped over lines stays one sentence
    ("Revenue rose to £1.14bn as\nbrokers placed more cover: 2.7 million policies.",
     ["Revenue rose to £1.14bn as\nbrokers placed more cover: 2.7 million policies."]),
])
def test_english_boundaries(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_chinese_punctuation_always_ends_a_sentence() -> None:
    assert _split("中国控制了69%的产量。美国仅约15%！真的吗？是的；没错") == [
        "中国控制了69%的产量。", "美国仅约15%！", "真的吗？", "是的；", "没错"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Group 1 - The U.S. is attempting it [1] - Australia lacks capacity [3]",
     ["Group 1", "The U.S. is attempting it [1]", "Australia lacks capacity [3]"]),
    ("it needs 2 - 3 kg each", ["it needs 2 - 3 kg each"]),
    ("a long sentence that keeps going past any label length we allow here - so the dash "
     "stays", None),
    ("faced by the U.S. [1] Group 1: Importance of Rare Earths - Rare earths are metals [2]",
     ["faced by the U.S. [1]", "Group 1: Importance of Rare Earths",
      "Rare earths are metals [2]"]),
    ("- Light rare earths are abundant [3] - Heavy ones are scarce [3]",
     ["Light rare earths are abundant [3]", "Heavy ones are scarce [3]"]),
])
def test_digest_bullets(text: str, expected: list[str] | None) -> None:
    assert _split(text) == (expected if expected is not None else [text])


def test_offsets_are_file_offsets() -> None:
    out = sentences(Segment(100, "  One.  Two [1].", "paragraph"))
    assert out == [(102, "One."), (108, "Two [1].")]


def test_markdown_paragraph_sentences_keep_true_offsets() -> None:
    text = ("# Rare earths\n\nChina has **69%** of [output](http://x.example/a.b). "
            "It refines *over 90%* of the U.S. supply.\n")
    (doc,), _ = load_markdown(text, "a.md")
    para = doc.segments[1]
    out = sentences(para)
    assert [" ".join(s.split()) for _, s in out] == [
        "China has 69% of output .", "It refines over 90% of the U.S. supply."]
    for offset, sentence in out:
        assert text[offset] == sentence[0]
    assert text[out[0][0] + out[0][1].index("69%") :].startswith("69%")


def test_a_long_line_splits_in_linear_time() -> None:
    _, body = _seed_body("001", 0)
    big = (body.text + " ") * (3_000_000 // (len(body.text) + 1))
    dashes = "x - " * 250_000  # each dash a candidate; must not rescan the text
    started = time.perf_counter()
    assert len(sentences(Segment(0, big, "paragraph"))) > 10_000
    assert len(sentences(Segment(0, dashes, "paragraph"))) == 1
    assert time.perf_counter() - started < 5
