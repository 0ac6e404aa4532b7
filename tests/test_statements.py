"""The statement grammar as data (tests/data/statement_cases.yaml): each sentence yields
exactly the listed claims with the shape that framed them, and the listed reasons for the
mentions it leaves unframed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from factlint.frame.claims import Framer
from factlint.frame.context import DocContext
from factlint.frame.lexicon import load_lexicon
from factlint.model import UNFRAMED_REASONS, Document, Location, Segment, Sentence
from factlint.parse.mentions import find_mentions
from factlint.run.plugins import load_plugins
from factlint.run.process import _topic

CASES = yaml.safe_load(
    (Path(__file__).parent / "data" / "statement_cases.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def lexicon() -> Any:
    return load_lexicon(load_plugins(entry_points=False).packs)


def _frame(sentence: str, title: str, lexicon: Any, before: str = "",
           paragraph_before: str = "", entity: str = "", heading: str = ""
           ) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Frame ``sentence`` as the end of a paragraph that starts with ``before``, after a
    paragraph ``paragraph_before`` (if any), under a ``heading`` (if any)."""
    top = len(heading) + 2 if heading else 0
    shift = top + (len(paragraph_before) + 2 if paragraph_before else 0)
    start = shift + (len(before) + 1 if before else 0)
    paragraph = f"{before} {sentence}" if before else sentence
    segments = ((Segment(0, heading, "heading"),) if heading else ()) + \
        ((Segment(top, paragraph_before, "paragraph"),) if paragraph_before else ()) + \
        (Segment(shift, paragraph, "paragraph"),)
    doc = Document("a.txt", 0, title, dt.date(2025, 3, 1), "", "", segments, entity=entity)
    ctx = DocContext(doc, _topic(doc, lexicon))
    framer = Framer(lexicon, lambda s, e: Location("a.txt", 1, s + 1, 1, e + 1))
    if paragraph_before:  # earlier text is framed first, as a run would
        framer.frame(Sentence(top, paragraph_before, "paragraph",
                              tuple(find_mentions(paragraph_before, top))), ctx)
    if before:
        framer.frame(Sentence(shift, before, "paragraph",
                              tuple(find_mentions(before, shift))), ctx)
    mentions = tuple(find_mentions(sentence, start))
    claims, framed = framer.frame(Sentence(start, sentence, "paragraph", mentions), ctx)
    texts = {m.start: m.text for m in mentions}
    return ([{"subject": c.subject, "measure": c.measure, "kind": c.kind,
              "value": c.mention.text, "shape": c.shape, "period": c.period.label(),
              "modality": c.modality} for c in claims],
            {texts[at]: why for at, why in framed.unframed})


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["sentence"][:60])
def test_statement(case: dict[str, Any], lexicon: Any) -> None:
    claims, unframed = _frame(case["sentence"], case["title"], lexicon, case.get("before", ""),
                              case.get("paragraph_before", ""), case.get("entity", ""),
                              case.get("heading", ""))
    # a case's claim names its period (or modality) only where that is what the case is about
    left = list(claims)
    for want in case["claims"]:
        match = next((got for got in left if all(got[k] == v for k, v in want.items())), None)
        assert match is not None, f"{want} not in {left}"
        left.remove(match)
    assert not left, f"unexpected claims: {left}"
    for text, why in (case.get("unframed") or {}).items():
        assert unframed.get(text) == why


def test_every_unframed_reason_is_documented(lexicon: Any) -> None:
    reasons = {why for case in CASES
               for why in _frame(case["sentence"], case["title"], lexicon)[1].values()}
    assert reasons <= set(UNFRAMED_REASONS)
