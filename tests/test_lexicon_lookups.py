"""The lexicon's fast lookups give what the plain definitions give, and forget on a new pack.

``materials_in``, ``find_places`` and ``measure_key`` use derived indexes and memos; each is
checked here against the straightforward definition it replaces.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from factlint.frame.lexicon import Lexicon, _add_pack, _fold_name, load_lexicon, normalise_phrase
from factlint.run.plugins import load_plugins

TEXTS = [
    "",
    "   ",
    "Rare earths: China's grip on rare-earth magnets",
    "RARE EARTH ELEMENTS and Lithium-ion batteries",
    "cobalts, lithiums and graphites",
    "稀土 and 钴 prices; 锂 output",
    "Ａntimony ſupply in Kazakhstan — İstanbul",
    "The U.S. and the US, the USA; U.S.A. imports",
    "People's Republic of China and mainland China",
    "Western Australia's lithium mining and Northern Territory",
    "South Africa’s manganese refining, Viet Nam",
    "Chinese demand for American soybeans",
    "withholds 5% of global cobalt",
]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(load_plugins(entry_points=False).packs)


def _materials_plain(lex: Lexicon, text: str) -> set[str]:
    """The definition: every alias found as whole words of the normalised text."""
    import re

    found = {m for zh, m in lex.material_zh.items() if zh in text}
    folded = f" {normalise_phrase(re.sub(r'[^A-Za-z0-9 -]', ' ', text))} "
    return found | {m for alias, m in lex.materials.items() if f" {alias} " in folded}


def _places_plain(lex: Lexicon, text: str) -> list[tuple[int, int, str]]:
    """The definition: greedy, longest name first, trying every run of up to 6 words."""
    from factlint.frame.lexicon import _WORD, MAX_NAME_WORDS

    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + n - 1][1]
            name = lex._place(text[start:end])
            if name is None and text[start:end].endswith("."):
                name = lex._place(text[start:end - 1])
                end -= 0 if name is None else 1
            if name is not None:
                found.append((start, end, name))
                i += n
                break
        else:
            i += 1
    return found


def _windows(text: str) -> list[str]:
    return [text[a:b] for a, b in itertools.combinations(range(0, len(text) + 1, 3), 2)]


@pytest.mark.parametrize("text", TEXTS)
def test_materials_in_is_the_plain_definition(lexicon: Lexicon, text: str) -> None:
    for window in [text, *_windows(text)]:
        assert lexicon.materials_in(window) == _materials_plain(lexicon, window), window


@pytest.mark.parametrize("text", TEXTS)
def test_find_places_is_the_plain_definition(lexicon: Lexicon, text: str) -> None:
    for window in [text, *_windows(text)]:
        assert lexicon.find_places(window) == _places_plain(lexicon, window), window
        assert lexicon.find_places(window) == _places_plain(lexicon, window)  # memoised


def test_a_memoised_result_cannot_be_changed_by_its_caller(lexicon: Lexicon) -> None:
    first = lexicon.find_places("China and India")
    first.clear()
    assert [p[2] for p in lexicon.find_places("China and India")] == ["China", "India"]


def test_measure_key_memo_gives_the_same_key(lexicon: Lexicon) -> None:
    phrases = ["global rare earth mining", "refined cobalt output", "electricity from renewables",
               "production", "the market", "heavy rare earth separation"]
    first = [lexicon.measure_key(p, v, t) for p in phrases for v in ("", "production")
             for t in ("", "cobalt")]
    fresh = load_lexicon(load_plugins(entry_points=False).packs)
    again = [fresh.measure_key(p, v, t) for p in phrases for v in ("", "production")
             for t in ("", "cobalt")]
    assert first == again
    assert first == [lexicon.measure_key(p, v, t) for p in phrases for v in ("", "production")
                     for t in ("", "cobalt")]


def test_adding_a_pack_forgets_what_was_looked_up() -> None:
    lex = load_lexicon(load_plugins(entry_points=False).packs)
    assert lex.materials_in("unobtainium supply") == set()
    assert lex.place("Atlantis") is None
    assert lex.find_places("Atlantis Republic holds 5%") == []
    assert lex.measure_key("unobtainium mining") == "unobtainium mining"
    pack: dict[str, Any] = {
        "materials": [{"name": "unobtainium", "aliases": ["unob"]}],
        "places": [{"name": "Atlantis", "aliases": ["Atlantis Republic"]}],
    }
    _add_pack(lex, pack)
    assert lex.materials_in("unobtainium supply") == {"unobtainium"}
    assert lex.place("Atlantis") == "Atlantis"
    assert lex.find_places("Atlantis Republic holds 5%") == [(0, 17, "Atlantis")]
    assert lex.measure_key("unob mining", "", "") == "unobtainium mining"


def test_fold_name_and_normalise_phrase_are_pure(lexicon: Lexicon) -> None:
    assert normalise_phrase("Rare-Earth  Magnets’") == normalise_phrase("Rare-Earth  Magnets’")
    assert normalise_phrase("Rare-Earth Magnets") == "rare earth magnet"
    assert _fold_name("The  U.S.’s") == "the u.s.'s"


@pytest.mark.parametrize(("one", "other", "key"), [
    # a place that opens a measure phrase is where it is measured, however written
    ("US crude production", "America's crude output", "oil production in United States"),
    ("the UK grocery market", "the grocery market in the UK", "grocery market in United Kingdom"),
    # "of" turned round: the same measure
    ("sales of electric cars", "electric car sales", "electric vehicle revenue"),
    ("production of copper", "copper production", "copper production"),
])
def test_one_measure_written_two_ways_has_one_key(lexicon: Lexicon, one: str, other: str,
                                                  key: str) -> None:
    assert lexicon.measure_key(one) == lexicon.measure_key(other) == key


def test_a_place_opening_a_measure_keeps_places_apart(lexicon: Lexicon) -> None:
    assert lexicon.measure_key("India's wireless subscribers") != \
        lexicon.measure_key("Brazil's wireless subscribers")
