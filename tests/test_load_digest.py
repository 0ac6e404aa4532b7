"""The seeds' digest format: one Document per article, header topic tags, glued headers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factlint.load import digest as load_digest
from factlint.model import Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed(prefix: str) -> tuple[str, tuple[Document, ...]]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    return text, load_digest.load(text, f"seeds/{path.name}")


def _true_offsets(text: str, docs: tuple[Document, ...]) -> None:
    for doc in docs:
        assert text[doc.title_start : doc.title_start + len(doc.title)] == doc.title
        for seg in doc.segments:
            assert text[seg.start : seg.start + len(seg.text)] == seg.text


@pytest.mark.parametrize(("prefix", "count", "topic"), [
    ("000", 2, "去中国化战略"), ("001", 10, "中美稀土博弈"), ("002", 10, "去风险化"),
    ("003", 2, "稀土联盟"), ("004", 2, "稀土威胁论"),
])
def test_every_seed_is_a_digest_of_articles(prefix: str, count: int, topic: str) -> None:
    text, docs = _seed(prefix)
    assert load_digest.looks_like_digest(text)
    assert [d.index for d in docs] == list(range(count))
    assert {d.topic for d in docs} == {topic}
    assert all(d.path.startswith("seeds/") for d in docs)
    _true_offsets(text, docs)


def test_article_metadata_and_segments_of_seed_003() -> None:
    text, docs = _seed("003")
    first = docs[0]
    assert first.title == "四国在美牵手,建立稀土联盟,转头却发现:特朗普又对中国让步了"
    assert first.date == dt.date(2025, 7, 5)
    assert first.publisher == "Sou Hu Cai Jing"
    assert [s.role for s in first.segments] == ["title", "paragraph"]
    assert first.segments[0].start == first.title_start == text.index("四国在美牵手")
    assert first.segments[1].text.startswith("Group 1 - The U.S. is attempting")
    assert first.segments[1].text.endswith("will ultimately harm the initiators [8]")
    assert "Sou Hu Cai Jing" not in first.segments[1].text
    assert "四国在美牵手,建立“稀土联盟”" not in first.segments[1].text
    assert docs[1].segments[1].text.startswith("Group 1 - The core objective of the QUAD")


def test_chinese_and_other_publishers() -> None:
    _, docs = _seed("002")
    assert [d.publisher for d in docs][2:10] == [
        "Huan Qiu Shi Bao", "Sou Hu Cai Jing", "Sou Hu Cai Jing", "高工锂电", "制裁名单",
        "Sou Hu Cai Jing", "Huan Qiu Shi Bao", "Huan Qiu Wang"]
    assert docs[5].title == "当AI数据中心扩张,撞上锂电出口管制"
    assert docs[5].date == dt.date(2025, 10, 22)


GLUED = (
    "Workflow\n稀土联盟\nicon\nSearch documents\n"
    "第一篇\nSou Hu Cai Jing· 2025-07-05 02:33\n"
    "Core Insights - China holds 69% of production [1] - The geopolitical landscape [10]Workflow\n"
    "去风险化\nicon\nSearch documents\n"
    "第二篇\n高工锂电·2025-10-22 10:48\n"
    "Group 1 - Australia is the fourth-largest producer [6]\n"
    "A second body line [7]\n"
)


def test_a_header_glued_to_a_body_line_is_cut_and_sets_the_next_topic() -> None:
    docs = load_digest.load(GLUED, "g.txt")
    assert [(d.title, d.topic, d.publisher) for d in docs] == [
        ("第一篇", "稀土联盟", "Sou Hu Cai Jing"), ("第二篇", "去风险化", "高工锂电")]
    assert docs[0].segments[-1].text.endswith("The geopolitical landscape [10]")
    assert all("Workflow" not in s.text and "icon" not in s.text
               for d in docs for s in d.segments)
    assert [s.text for s in docs[1].segments[1:]] == [
        "Group 1 - Australia is the fourth-largest producer [6]", "A second body line [7]"]
    _true_offsets(GLUED, docs)


def test_a_glued_topic_tag_without_workflow() -> None:
    text = ("去中国化战略\nSearch documents\nA\nSou Hu Cai Jing· 2025-10-20 04:32\n"
            "Body one [10]中美稀土博弈\nSearch documents\nB\nSou Hu Cai Jing· 2025-10-21 04:32\n"
            "Body two [1]\n")
    docs = load_digest.load(text, "g.txt")
    assert [(d.topic, d.segments[-1].text) for d in docs] == [
        ("去中国化战略", "Body one [10]"), ("中美稀土博弈", "Body two [1]")]


def test_crlf_line_endings() -> None:
    text = GLUED.replace("\n", "\r\n")
    docs = load_digest.load(text, "g.txt")
    assert [d.title for d in docs] == ["第一篇", "第二篇"]
    _true_offsets(text, docs)


@pytest.mark.parametrize("text", [
    "Just a note about rare earths.\n\nChina holds 69%.\n",
    "Sou Hu Cai Jing· 2025-10-20 04:32\nBody without a title\n",
    "# Title\n\nWritten by Jane · 2025 edition\n",
])
def test_other_text_is_not_a_digest(text: str) -> None:
    assert not load_digest.looks_like_digest(text)
