"""The lexicon: places (gazetteer), materials and measure synonyms, from YAML packs.

Packs are facts, never settings: the built-in gazetteer, the general pack of plain economic
English, domain packs such as ``rules/rare-earths.yaml``, and the user's facts files. They
are read with YAML's safe loaders only (:mod:`factlint.frame.packs`). This module also turns a
measure phrase as written into its key (:meth:`Lexicon.measure_key`): that is where "what
is counted" is decided.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factlint.frame import measure_keys
from factlint.frame.packs import read_pack as read_pack  # a pack, read (and cached) as data
from factlint.frame.words import _singular
from factlint.frame.words import normalise_phrase as normalise_phrase  # (where most import it)
from factlint.model import Value
from factlint.util.bounded import BoundedMemo
from factlint.util.lazyre import lazy_compile

_WORD = lazy_compile(
    globals(), "_WORD", r"[A-Za-z][A-Za-z0-9]*(?:[’'.&-][A-Za-z0-9]+)*\.?|[\u4e00-\u9fff（）()]+")
_CJK = lazy_compile(globals(), "_CJK", r"[\u4e00-\u9fff]")
MAX_NAME_WORDS = 6

_NOT_ALNUM = lazy_compile(globals(), "_NOT_ALNUM", r"[^A-Za-z0-9 -]")
# for an ASCII text: letters lower-cased, digits kept, every other byte a space
_ALNUM_LOWER = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256)).lower()
_CACHE_SIZE = 1 << 16  # entries of each memo below before it is emptied (keeps memory bounded)


@dataclass(frozen=True)
class Place:
    name: str
    part_of: frozenset[str] = frozenset()
    total: bool = False


@dataclass
class Lexicon:
    """Lookups built from packs; build once per run with :func:`load_lexicon`."""

    places: dict[str, Place] = field(default_factory=dict)  # canonical name -> Place
    place_names: dict[str, str] = field(default_factory=dict)  # folded alias -> canonical
    place_names_cased: dict[str, str] = field(default_factory=dict)  # short uppercase aliases
    place_zh: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    materials: dict[str, str] = field(default_factory=dict)  # normalised alias -> material
    material_zh: dict[str, str] = field(default_factory=dict)
    synonyms: dict[str, str] = field(default_factory=dict)  # normalised phrase -> canonical
    verb_measures: dict[str, str] = field(default_factory=dict)
    agent_nouns: dict[str, str] = field(default_factory=dict)
    generic_heads: frozenset[str] = frozenset()
    scope_words: frozenset[str] = frozenset()
    unit_materials: dict[str, str] = field(default_factory=dict)  # unit -> what it counts
    #: a net measure -> the measure it is, unless one document states both ("net revenue")
    net_measures: dict[str, str] = field(default_factory=dict)
    added_measures: frozenset[str] = frozenset()  # a verb's measure that is always kept
    counted_measures: frozenset[str] = frozenset()  # a verb's measure that is never money
    own_measures: frozenset[str] = frozenset()  # what a company reports of itself
    market_words: frozenset[str] = frozenset()  # words of a whole market's measure
    measure_phrases: frozenset[str] = frozenset()  # "after tax": a measure's words, no break
    spent_measures: frozenset[str] = frozenset()  # "spent $2bn on R&D": R&D spending
    anaphoric_measures: frozenset[str] = frozenset()  # "of the value": the whole before
    role_nouns: frozenset[str] = frozenset()  # "the second-largest insurer": who, not what
    unranked_words: frozenset[str] = frozenset()  # "price": no "largest" is by it
    measure_noise: tuple[str, ...] = ()  # normalised phrases that never say what is counted
    zh_measures: dict[str, str] = field(default_factory=dict)
    measure_nouns: frozenset[str] = frozenset()
    measure_heads: frozenset[str] = frozenset()  # nouns that make a phrase a measure
    # the statement grammar's words (see general.yaml): phrase -> what it is
    link_verbs: frozenset[str] = frozenset()
    change_verbs: dict[str, str] = field(default_factory=dict)  # phrase -> "up" / "down"
    follow_words: frozenset[str] = frozenset()
    entity_pronouns: frozenset[str] = frozenset()
    place_pronouns: frozenset[str] = frozenset()
    region_pronouns: frozenset[str] = frozenset()  # "the region": the title's region
    legal_forms: frozenset[str] = frozenset()
    name_suffixes: frozenset[str] = frozenset()  # "Group", "Holdings": kept, but see index
    clause_breaks: frozenset[str] = frozenset()
    # derived lookups and memos of pure functions of the packs: built on first use, emptied
    # whenever a pack is added (see :meth:`forget`)
    _index: _Index | None = field(default=None, init=False, repr=False, compare=False)
    _memo_place: BoundedMemo[str, str | None] = field(
        default_factory=lambda: BoundedMemo(_CACHE_SIZE), init=False, repr=False,
        compare=False)
    _memo_key: BoundedMemo[tuple[str, str, str], str | None] = field(
        default_factory=lambda: BoundedMemo(_CACHE_SIZE), init=False, repr=False,
        compare=False)
    _memo_places: BoundedMemo[str, tuple[tuple[int, int, str], ...]] = field(
        default_factory=lambda: BoundedMemo(_CACHE_SIZE), init=False, repr=False,
        compare=False)
    _memo_materials: BoundedMemo[str, frozenset[str]] = field(
        default_factory=lambda: BoundedMemo(_CACHE_SIZE), init=False, repr=False,
        compare=False)
    _memo_ancestors: BoundedMemo[str, frozenset[str]] = field(
        default_factory=lambda: BoundedMemo(_CACHE_SIZE), init=False, repr=False,
        compare=False)

    def forget(self) -> None:
        """Drop the derived lookups and memos (after the packs changed)."""
        self._index = None
        self._memo_place.clear()
        self._memo_key.clear()
        self._memo_places.clear()
        self._memo_materials.clear()
        self._memo_ancestors.clear()

    def _lookups(self) -> _Index:
        if self._index is None:
            self._index = _Index.build(self)
        return self._index

    # ------------------------------------------------------------------ places
    def place(self, text: str) -> str | None:
        """The canonical place a name denotes (``"U.S."`` -> ``"United States"``), or None."""
        memo = self._memo_place
        if text in memo:
            return memo[text]
        return memo.remember(text, self._place(text))

    def _place(self, text: str) -> str | None:
        text = text.strip().removesuffix("'s").removesuffix("’s").strip()
        if text in self.place_names_cased:
            return self.place_names_cased[text]
        if _CJK.search(text):
            return self.place_zh.get(text)
        return self.place_names.get(_fold_name(text))

    def find_places(self, text: str) -> list[tuple[int, int, str]]:
        """Every place name in ``text`` as (start, end, canonical), longest match first."""
        found = self._memo_places.get(text)
        if found is None:
            found = self._memo_places.remember(text, tuple(self._find_places(text)))
        return list(found)

    def _find_places(self, text: str) -> list[tuple[int, int, str]]:
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        index = self._lookups()
        prefixes, names = index.place_prefixes, index.place_folded
        place = self.place
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(words):
            hit = None
            first = words[i][2]
            folded = first.lower().replace("’", "'")
            if folded not in prefixes:
                # no alias starts with this word; it is one itself only with a possessive
                # or a full stop taken off
                if not first.endswith(_TRIMMED):
                    i += 1
                    continue
                longest = 1
            else:
                longest = _longest_prefix(text, words, i, prefixes)
            for n in range(longest, 0, -1):
                if n == 1 and folded not in names and not first.endswith(_TRIMMED):
                    break  # the word as it is, folded, is no alias
                start, end = words[i][0], words[i + n - 1][1]
                name = place(text[start:end])
                if name is None and text[start:end].endswith("."):
                    name = place(text[start:end - 1])
                    end -= 0 if name is None else 1
                if name is not None:
                    hit = (start, end, name, n)
                    break
            if hit is None:
                i += 1
                continue
            found.append(hit[:3])
            i += hit[3]
        return found

    def is_part(self, a: str, b: str) -> bool:
        """True if place ``a`` lies inside place ``b`` (transitively)."""
        found = self._memo_ancestors.get(a)
        if found is None:
            found = self._memo_ancestors.remember(a, self._ancestors(a))
        return b in found

    def _ancestors(self, a: str) -> frozenset[str]:
        """Every place ``a`` lies inside, following ``part_of`` (the rules ask often)."""
        seen: set[str] = set()
        todo = [a]
        while todo:
            place = self.places.get(todo.pop())
            if place is None:
                continue
            for parent in place.part_of:
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return frozenset(seen)

    def region_holding(self, text: str, places: set[str]) -> str:
        """The narrowest region ``text`` names that holds every one of ``places`` ("EU
        cement in 2024" for Germany; "EU output" under "Europe's cement": the EU); "" when
        it names none, or two that do not nest."""
        holding = {name for _, _, name in self.find_places(text)
                   if name not in places and not self.is_total(name)
                   and all(self.is_part(p, name) for p in places)}
        narrowest = [r for r in holding if all(r == o or self.is_part(r, o) for o in holding)]
        return narrowest[0] if len(narrowest) == 1 else ""

    def is_total(self, name: str) -> bool:
        place = self.places.get(name)
        return bool(place and place.total)

    # --------------------------------------------------------------- materials
    def materials_in(self, text: str) -> set[str]:
        """Materials named in a title, heading or topic tag."""
        found = self._memo_materials.get(text)
        if found is None:
            found = self._memo_materials.remember(text, frozenset(self._materials_in(text)))
        return set(found)

    def _materials_in(self, text: str) -> set[str]:
        index = self._lookups()
        found: set[str] = set()
        ascii_text = text.isascii()
        if (index.material_zh_re is not None and not (ascii_text and index.material_zh_non_ascii)
                and index.material_zh_re.search(text)):
            found = {m for zh, m in self.material_zh.items() if zh in text}
        if ascii_text:  # the same words as below, by one translation of the bytes
            raw = text.encode("ascii").translate(_ALNUM_LOWER).decode("ascii").split()
        else:
            raw = _NOT_ALNUM.sub(" ", text).lower().replace("-", " ").split()
        if not raw:  # only an empty alias matches an empty text
            return found | {m for alias, m in self.materials.items() if not alias}
        starts = index.material_first_forms.intersection(raw)
        if not starts:
            return found  # no word of the text is the first word of an alias, in any number
        # an alias matches where its words (singular) are a run of the text's words
        materials, longest = self.materials, index.material_words
        for i, word in enumerate(raw):
            if word in starts:
                run = [_singular(w) for w in raw[i:i + longest]]
                for n in range(1, len(run) + 1):
                    material = materials.get(" ".join(run[:n]))
                    if material is not None:
                        found.add(material)
        return found

    # ----------------------------------------------------------------- measures
    def main_material(self, text: str) -> tuple[str, str]:
        """The material the longest alias in ``text`` (normalised) names, and the rest of
        the words: "refined cobalt output" -> ("cobalt", "refined output"); ("", text)."""
        padded = f" {text} "
        for alias in self._lookups().materials_by_length:
            if f" {alias} " in padded:
                return self.materials[alias], " ".join(padded.replace(f" {alias} ", " ", 1).split())
        return "", text

    def measure_key(self, phrase: str, verb_measure: str = "", topic: str = "") -> str | None:
        """The key of a measure as written; None when it cannot say what is counted.

        ``phrase`` is the noun phrase after "of" ("global rare earth mining"); ``verb_measure``
        the measure a verb makes ("produces" -> "production"); ``topic`` the document's one
        material, used when the phrase names none.
        """
        memo = self._memo_key
        args = (phrase, verb_measure, topic)
        if args in memo:
            return memo[args]
        return memo.remember(args, self._measure_key(phrase, verb_measure, topic))

    def _measure_key(self, phrase: str, verb_measure: str, topic: str) -> str | None:
        return measure_keys.measure_key(self, phrase, verb_measure, topic)

    def with_unit_material(self, key: str, value: Value | None) -> str:
        """``key`` with the material its value's unit counts, when it names none ("handled
        51.5 million TEU": container throughput; the pack's ``unit_materials``)."""
        if value is None or not self.unit_materials:
            return key
        material = self.unit_materials.get(value.stated_unit or "") or \
            self.unit_materials.get(value.unit)
        if not material or self.main_material(key)[0] or \
                set(material.split()) <= set(key.split()):
            return key
        return f"{material} {key}"

@dataclass(frozen=True)
class _Index:
    """Lookups derived from a lexicon's packs, so that a search need not try every alias."""

    place_prefixes: frozenset[str]  # every prefix of a place alias, folded
    place_folded: frozenset[str]  # every place alias, folded as a word is by find_places
    materials_by_length: tuple[str, ...]  # longest alias first (ties: in pack order)
    material_first_forms: frozenset[str]  # every word whose singular begins a material alias
    material_words: int  # the most words in a material alias
    material_zh_re: re.Pattern[str] | None  # any Chinese material name
    material_zh_non_ascii: bool  # no Chinese material name is found in an ASCII text

    @classmethod
    def build(cls, lex: Lexicon) -> _Index:
        # every prefix of every alias, folded: a name starting with word w is an alias only
        # if w (folded) is such a prefix
        every = (*lex.place_names, *lex.place_names_cased, *lex.place_zh)
        folded = {name.lower().replace("’", "'") for name in every}
        folded |= {_fold_name(name) for name in every}  # whatever spaces an alias has
        prefixes = {name[:n] for name in folded for n in range(1, len(name) + 1)}
        aliases = list(lex.materials)
        zh = sorted(lex.material_zh, key=len, reverse=True)
        firsts = {a.split()[0] for a in aliases if a}
        return cls(
            place_prefixes=frozenset(prefixes),
            place_folded=frozenset(folded),
            materials_by_length=tuple(sorted(aliases, key=len, reverse=True)),
            material_first_forms=frozenset(
                form for f in firsts for form in _plurals(f) if _singular(form) == f),
            material_words=max((len(a.split()) for a in aliases), default=0),
            material_zh_re=re.compile("|".join(map(re.escape, zh))) if zh else None,
            material_zh_non_ascii=all(not name.isascii() for name in zh),
        )


#: endings :meth:`Lexicon.place` takes off a name (a possessive) or tries without (".")
_TRIMMED = ("'s", "’s", ".")


def _longest_prefix(text: str, words: list[tuple[int, int, str]], i: int,
                    prefixes: frozenset[str]) -> int:
    """How many words from ``words[i]`` (whose folded form begins some alias) may make a
    place name: a run of n words is one only if the text from its first word to the first
    letter of its last, folded, begins an alias (to its last but one word when the last is
    an "s" whose possessive :meth:`Lexicon.place` may take off with the apostrophe before
    it). ASCII runs only: elsewhere folding a longer text may change the case of what a
    shorter one ends with (a final sigma), so every length up to ``MAX_NAME_WORDS`` stays a
    candidate."""
    left = min(MAX_NAME_WORDS, len(words) - i)
    start = words[i][0]
    for n in range(2, left + 1):
        last = words[i + n - 1]
        run = text[start:words[i + n - 2][1] if last[2] in ("s", "s.") else last[0] + 1]
        if not run.isascii():
            return left
        if " ".join(run.lower().split()) not in prefixes:
            return n - 1
    return left


def _plurals(word: str) -> tuple[str, ...]:
    """Every word that :func:`_singular` could turn into ``word`` (and some it does not)."""
    return (word, f"{word}s", f"{word}es", f"{word[:-1]}ies" if word.endswith("y") else word)


def _fold_name(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


#: the pack sections that are sets of normalised phrases, merged pack by pack
_PHRASE_SETS = ("added_measures", "counted_measures", "own_measures", "market_words",
                "anaphoric_measures", "spent_measures", "role_nouns", "unranked_words")


def _add_pack(lex: Lexicon, data: dict[str, Any]) -> None:
    lex.forget()
    for entry in data.get("places", []) or []:
        name = str(entry["name"])
        lex.places[name] = Place(name, frozenset(_as_list(entry.get("part_of"))),
                                 bool(entry.get("total", False)))
        for alias in [name, *_as_list(entry.get("aliases"))]:
            if alias.isupper() and len(alias.replace(".", "")) <= 4:
                lex.place_names_cased[alias] = name
                lex.place_names_cased[f"the {alias}"] = name
            else:
                lex.place_names[_fold_name(alias)] = name
        for alias in _as_list(entry.get("demonyms")):
            lex.demonyms[_fold_name(alias)] = name
        for alias in _as_list(entry.get("zh")):
            lex.place_zh[alias] = name
    for entry in data.get("materials", []) or []:
        name = normalise_phrase(str(entry["name"]))
        for alias in [entry["name"], *_as_list(entry.get("aliases"))]:
            lex.materials[normalise_phrase(str(alias))] = name
        for alias in _as_list(entry.get("zh")):
            lex.material_zh[alias] = name
    for group in data.get("synonyms", []) or []:
        canonical = normalise_phrase(str(group[0]))
        for phrase in group:
            lex.synonyms[normalise_phrase(str(phrase))] = canonical
    for key, attr in (("verb_measures", "verb_measures"), ("agent_nouns", "agent_nouns")):
        for word, measure in (data.get(key) or {}).items():
            getattr(lex, attr)[str(word).lower()] = normalise_phrase(str(measure))
    for word, measure in (data.get("zh_measures") or {}).items():
        lex.zh_measures[str(word)] = normalise_phrase(str(measure))
    lex.generic_heads = lex.generic_heads | {
        normalise_phrase(w) for w in data.get("generic_heads", []) or []}
    lex.measure_nouns = lex.measure_nouns | {
        w for phrase in data.get("measure_nouns", []) or []
        for w in normalise_phrase(phrase).split()}
    lex.measure_heads = lex.measure_heads | {
        w for phrase in data.get("measure_heads", []) or []
        for w in normalise_phrase(phrase).split()}
    lex.scope_words = lex.scope_words | {
        str(w).lower() for w in data.get("scope_words", []) or []}
    for unit, material in (data.get("unit_materials") or {}).items():
        lex.unit_materials[str(unit)] = normalise_phrase(str(material))
    for net, gross in (data.get("net_measures") or {}).items():
        lex.net_measures[normalise_phrase(str(net))] = normalise_phrase(str(gross))
    for section in _PHRASE_SETS:  # "added_measures: [additions]": normalised phrases
        setattr(lex, section, getattr(lex, section) | {
            normalise_phrase(str(w)) for w in data.get(section, []) or []})
    lex.measure_phrases = lex.measure_phrases | {
        " ".join(str(w).lower().split()) for w in data.get("measure_phrases", []) or []}
    lex.measure_noise = tuple(sorted(
        set(lex.measure_noise) | {normalise_phrase(str(w)) for w in data.get("measure_noise", [])
                                  or []}, key=lambda w: (-len(w), w)))  # longest first
    for key in ("link_verbs", "follow_words", "entity_pronouns", "clause_breaks",
                "place_pronouns", "region_pronouns"):
        words = {" ".join(str(w).lower().split()) for w in data.get(key, []) or []}
        setattr(lex, key, getattr(lex, key) | words)
    lex.legal_forms = lex.legal_forms | {str(w) for w in data.get("legal_forms", []) or []}
    lex.name_suffixes = lex.name_suffixes | {str(w) for w in data.get("name_suffixes", []) or []}
    for direction, words in (data.get("change_verbs") or {}).items():
        for w in words or []:
            lex.change_verbs[" ".join(str(w).lower().split())] = str(direction)


def load_lexicon(packs: Iterable[str | Path], facts_files: Iterable[str | Path] = ()) -> Lexicon:
    """Build a Lexicon from the plugins' packs, then the user's facts files, in order."""
    lex = Lexicon()
    for path in packs:
        _add_pack(lex, read_pack(path, trusted=True))
    for path in facts_files:
        _add_pack(lex, read_pack(path))
    return lex
