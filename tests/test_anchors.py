"""Where the parser looks: the candidate test of a sentence and the start positions in it.

These are the parser's fast paths (issue 5): a sentence with no candidate is skipped after
one regex search, and lexing starts only where an anchor is. A fast path that missed a case
would silently drop a mention, so each is checked against the lexicon and the grammar.
"""

from __future__ import annotations

import pytest

from factlint.parse import lalr
from factlint.parse.anchors import (
    CORE_TERMINALS,
    anchor_regex,
    candidate_regex,
    padded_anchor_regex,
    padded_lower,
)
from factlint.parse.mentions import _state, find_mentions
from factlint.parse.tokens import LOWER

_Walker = type(_state().walker)


def test_every_accepting_parse_holds_a_core_terminal() -> None:
    """Walk the LALR tables over every terminal but the core ones: nothing may accept."""
    walker = _state().walker
    declared = [line.split()[1:] for line in lalr.grammar_text().splitlines()
                if line.startswith("%declare")]
    terminals = {t for names in declared for t in names}
    assert CORE_TERMINALS.issubset(terminals) and terminals != CORE_TERMINALS
    others = sorted(terminals - CORE_TERMINALS)
    seen = {0}
    todo = [0]
    while todo:
        state = todo.pop()
        for terminal in others:
            result, nxt = walker.step(state, terminal)
            assert result != _Walker.ACCEPTS, f"accepts without a core terminal: {terminal}"
            if result == _Walker.VIABLE and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert len(seen) > 3  # the walk did go somewhere (QUAL, CUR, BETWEEN ...)


def test_candidate_test_finds_every_core_word_in_any_case() -> None:
    candidate = candidate_regex()
    for word, terminal in LOWER.items():
        if terminal not in CORE_TERMINALS:
            continue
        forms = [word, word.capitalize(), word.upper()] if word.isascii() else [word]
        for form in forms:
            assert candidate.search(padded_lower(f"Yes, {form}, no")) is not None, form


@pytest.mark.parametrize("sentence", [
    "Analysts said the policy reflects a broader push to secure supply chains.",
    "Some say it is over, and about time too.",  # start words, but no number after them
    "China's export controls, explained",
    "稀土霸权:中国如何将资源优势转化为战略武器?",
    "",
])
def test_a_sentence_with_no_candidate_has_no_mention(sentence: str) -> None:
    assert candidate_regex().search(padded_lower(sentence)) is None
    assert find_mentions(sentence) == []


def test_padded_anchor_finds_every_start_word_in_any_case() -> None:
    starts = lalr.start_terminals()
    anchor = padded_anchor_regex(starts)
    for word, terminal in LOWER.items():
        if terminal in starts and word.isascii() and word[:1].isalpha():
            for form in (word, word.capitalize(), word.upper()):
                m = anchor.search(padded_lower(f"x {form} 5"))
                assert m is not None and m.start() == 2 and m.end() - m.start() > 1, form


@pytest.mark.parametrize("text", ["US$5", "A$5", "HK$5", "$5", "€5", "£5", "¥5", "5", "约5",
                                  "三成", "百分之五", ">5"])
def test_padded_anchor_finds_start_characters(text: str) -> None:
    anchor = padded_anchor_regex(lalr.start_terminals())
    m = anchor.search(padded_lower(text))
    assert m is not None
    start = m.start() - 1 if m.end() - m.start() == 1 else m.start()
    assert start == 0
    assert anchor_regex(lalr.start_terminals()).search(text).start() == 0  # type: ignore[union-attr]


def test_citation_markers_and_digit_groups_are_no_start() -> None:
    anchor = padded_anchor_regex(lalr.start_terminals())
    text = "[12] 1.5 and 2,000"
    assert [m.start() - 1 for m in anchor.finditer(padded_lower(text))] == [5, 13]


def test_padded_text_keeps_positions() -> None:
    text = "İstanbul ships 5 TEU"  # 'İ'.lower() is two characters
    padded = padded_lower(text)
    assert len(padded) == len(text) + 1
    (m,) = find_mentions(text)
    assert m.text == "5 TEU" and text[m.start:m.end] == "5 TEU"


def test_a_start_character_right_before_a_start_word_is_not_lost() -> None:
    # "$" starts a token right before the start word "over"; both are tried, in order
    assert [m.text for m in find_mentions("fell 5%over 90% of cases")] == ["5%", "over 90%"]


def test_the_same_figure_gives_the_same_mention_every_time() -> None:
    text = "China holds 69% of output; Brazil holds 69% of reserves."
    first, second = find_mentions(text)
    again = find_mentions(text)
    assert (first.value, first.text) == (second.value, second.text)
    assert again == [first, second]
