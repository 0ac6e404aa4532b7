"""Framing as data: each sentence must yield exactly the listed claims (subject, measure, kind)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from factlint.frame.claims import Framer
from factlint.frame.context import DocContext
from factlint.frame.lexicon import load_lexicon
from factlint.model import Document, Location, Segment, Sentence
from factlint.parse.mentions import find_mentions
from factlint.run.plugins import load_plugins
from factlint.run.process import _topic

CASES = yaml.safe_load((Path(__file__).parent / "data" / "frame_cases.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def lexicon() -> Any:
    return load_lexicon(load_plugins(entry_points=False).packs)


def _claims(sentence: str, title: str, lexicon: Any) -> list[tuple[str, str, str, str]]:
    doc = Document("a.txt", 0, title, dt.date(2025, 10, 6), "", "",
                   (Segment(0, sentence, "paragraph"),))
    ctx = DocContext(doc, _topic(doc, lexicon))
    framer = Framer(lexicon, lambda s, e: Location("a.txt", 1, s + 1, 1, e + 1))
    sent = Sentence(0, sentence, "paragraph", tuple(find_mentions(sentence, 0)))
    return [(c.subject, c.measure, c.kind, c.mention.text)
            for c in framer.frame_sentence(sent, ctx)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["sentence"][:60])
def test_frame(case: dict[str, Any], lexicon: Any) -> None:
    expected = [(c["subject"], c["measure"], c["kind"], c["value"]) for c in case["claims"]]
    assert _claims(case["sentence"], case["title"], lexicon) == expected


def test_a_claim_is_a_frozen_dataclass(lexicon: Any) -> None:
    case = CASES[0]
    doc = Document("a.txt", 0, case["title"], None, "", "", ())
    framer = Framer(lexicon, lambda s, e: Location("a.txt", 1, s + 1, 1, e + 1))
    sent = Sentence(0, case["sentence"], "paragraph",
                    tuple(find_mentions(case["sentence"], 0)))
    claim = framer.frame_sentence(sent, DocContext(doc, "rare earth"))[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.subject = "x"  # type: ignore[misc]
    assert not claim.period.years  # undated document, no stated period: comparable with any


@pytest.mark.parametrize(("title", "topic"), [
    ("Who ships the world's bicycles: the 2024 trade tables", ""),  # a verb before "the"
    ("Ships and shipyards in 2024", "ship"),
    ("Copper mines in 2024", "copper"),
    ("Boat makers ship 212 million units", ""),  # a verb before a number
])
def test_a_title_names_the_documents_material_not_a_verb(title: str, topic: str,
                                                       lexicon: Any) -> None:
    doc = Document("a.txt", 0, title, dt.date(2025, 10, 6), "", "", ())
    assert _topic(doc, lexicon) == topic


@pytest.mark.parametrize(("title", "body", "topic"), [
    ("World propylene capacity passes 130 million tonnes", "New propylene plants opened.",
     "propylene"),  # a noun before a measure noun, no pack's material
    ("Kettle makers ship 90 million units", "Most kettles are sold online.", "kettle"),
    ("World lamp trade 2024: Asia ahead", "Exports of lamps rose 4%.", "lamp"),
    ("Acme revenue rises", "Revenue rose 5%.", ""),  # a name: never in lower case
    ("Where the world's lamps are made: production by country", "Lamps are made in China.", ""),
])
def test_a_title_names_what_its_tables_count_when_no_pack_does(
        title: str, body: str, topic: str, lexicon: Any) -> None:
    doc = Document("a.txt", 0, title, dt.date(2025, 10, 6), "", "",
                   (Segment(0, body, "paragraph"),))
    assert _topic(doc, lexicon) == topic
