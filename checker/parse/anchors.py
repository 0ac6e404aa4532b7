"""Where a mention can be: the quick test for a sentence and the start positions in it.

Built from the lexicon of :mod:`factlint.parse.tokens` and the grammar's start terminals, once per
process:

- :func:`candidate_regex`: whether a sentence can hold a mention at all (a digit, a Chinese
  numeral, or a number, fraction, ordinal, superlative, comparative or multiple word);
- :func:`padded_anchor_regex`: every position where a start terminal can begin, searched in
  :func:`padded_lower` (so start words match in any case);
- :func:`start_char_regex`: whether a start character (not a word) stands at a position;
- :func:`anchor_regex`: the same starts as one case-sensitive regex, for tests and tools.

Python's ``re`` scans fast only for a pattern that begins with one character class (it then
skips to the next such character in C); a branch of classes, a lookbehind first, or a long
alternation of words is tried at every position. The patterns here are shaped for that:
one class first, then which alternative it was; words as a prefix trie.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from factlint.parse.chinese import CN_START_CHARS
from factlint.parse.numbers import ENGLISH_NUMBERS
from factlint.parse.tokens import CURRENCY_SIGNS, EXACT, LOWER

#: Terminals one of which every accepting parse holds (a number, a fraction, an ordinal, a
#: superlative, a comparative or a multiple word): a sentence with none holds no mention.
#: ``tests/test_grammar.py`` checks this against the grammar's LALR tables.
CORE_TERMINALS = frozenset(
    {"NUM", "NUMWORD", "CNNUM", "CNBIG", "FRAC", "ORD", "SUP", "CMP", "MULTW"})
# words that never stand for a core phrase alone ("a third", "is greater than")
_GLUE_WORDS = frozenset({"a", "an", "is", "than"})
_ASCII_WORD = re.compile(r"[a-z]+")


def core_words(core: frozenset[str] = CORE_TERMINALS) -> frozenset[str]:
    """Lowercase English words at least one of which every core lexeme holds."""
    words: set[str] = set()
    for key, terminal in LOWER.items():
        if terminal in core and key.isascii():
            parts = _ASCII_WORD.findall(key)
            kept = [w for w in parts if w not in _GLUE_WORDS] or parts
            words.update(kept)
    words.update(ENGLISH_NUMBERS)  # the parts of twenty-five
    return frozenset(words)


@functools.lru_cache(maxsize=4)
def candidate_regex(core: frozenset[str] = CORE_TERMINALS) -> re.Pattern[str]:
    """The test that a sentence may hold a mention, searched in ``" " + text.lower()``.

    It finds a digit, a character that can start a Chinese core lexeme, or a core word
    (:func:`core_words`) standing alone. The pattern starts with one character class (the
    alternatives come after it), so ``re`` skips letters in C: a sentence with no candidate
    costs one quick scan.
    """
    chars = set(CN_START_CHARS)
    for key, terminal in LOWER.items():
        if terminal in core and not key.isascii():
            chars.add(key[0])
    cls = "".join(re.escape(c) for c in sorted(chars))
    trie = _trie_regex(sorted(core_words(core)))
    return re.compile(rf"[^a-z](?:(?<=[\d{cls}])|(?:{trie})(?![a-z]))")


# ------------------------------------------------------------------ the anchor


_SYMBOL_STARTS = frozenset(("QUAL",))
_Trie = dict[str, "_Trie"]


def _trie_regex(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (a space matches any run of spaces), as a trie."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: _Trie) -> str:
        alts = []
        optional = False
        for ch in sorted(node):
            if ch == "":
                optional = True
                continue
            child = node[ch]
            alts.append((r"\s*" if ch == " " else re.escape(ch)) + render(child))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if optional:
            return "(?:" + body + ")?"
        return body

    return render(trie)


def _anchor_parts(start_terminals: frozenset[str]) -> tuple[set[str], set[str]]:
    """(characters, words) that can start a token of one of ``start_terminals``; the words
    as the lexicon writes them (lower case, or exact for currency codes)."""
    words: set[str] = set()
    chars: set[str] = set()
    for table in (LOWER, EXACT):
        for key, terminal in table.items():
            if terminal not in start_terminals:
                continue
            if key[:1].isascii() and key[:1].isalpha():  # world's and world’s
                words.add(key)
            elif not key.isascii() and "\u3400" <= key[0] <= "\u9fff":
                chars.add(key[0])
            elif len(key) == 1 and not key.isalnum() and terminal in _SYMBOL_STARTS:
                chars.add(key)  # >, <, ≥: one character, matched like a Chinese start
    if "CNNUM" in start_terminals:
        chars.update(CN_START_CHARS)
    if "CUR" in start_terminals:
        chars.update(CURRENCY_SIGNS)
    return chars, words


_DIGIT_START = r"\d(?<![\d.\[]\d)(?<!\d,\d)"  # a number's first digit, not a marker [1]


@functools.lru_cache(maxsize=8)
def anchor_regex(start_terminals: frozenset[str]) -> re.Pattern[str]:
    """Where a token of one of ``start_terminals`` can begin: digits, symbols, a word trie.

    Words and phrases are matched whole ("a third", never a bare "a"), in lower case and
    Capitalised, case-sensitively. (The parser uses the faster :func:`padded_anchor_regex`;
    this one serves tests and tools.)
    """
    chars, words = _anchor_parts(start_terminals)
    cased = {w for key in words for w in (key, key[:1].upper() + key[1:])
             if key in LOWER or w == key}
    alts = []
    if chars:
        alts.append("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")
    if "NUM" in start_terminals or "ORD" in start_terminals:
        alts.append(_DIGIT_START)
    if cased:
        alts.append(r"(?<![A-Za-z])(?:" + _trie_regex(cased) + r")(?![A-Za-z])")
    return re.compile("|".join(alts))


@functools.lru_cache(maxsize=8)
def start_char_regex(start_terminals: frozenset[str]) -> re.Pattern[str]:
    """A start character (not a word) at a position, for ``match``: a digit that starts a
    number, a currency symbol, a Chinese start character, ``>``."""
    chars, _ = _anchor_parts(start_terminals)
    alts = []
    if chars:
        alts.append("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")
    if "NUM" in start_terminals or "ORD" in start_terminals:
        alts.append(_DIGIT_START)
    return re.compile("|".join(alts) or "(?!)")


@functools.lru_cache(maxsize=8)
def padded_anchor_regex(start_terminals: frozenset[str]) -> re.Pattern[str]:
    """Where a token of one of ``start_terminals`` can begin, searched in the padded text
    of :func:`padded_lower` (index ``i`` there is the character before ``text[i]``).

    A match of length 1 at ``i`` is a start character at ``text[i - 1]`` (a digit that
    starts a number, a currency symbol, a Chinese start character, ``>``); a longer match
    at ``i`` is a start word or phrase at ``text[i]``, whole (``a third``, never a bare
    ``a``), in any case. At one position the word is tried first: the caller checks
    whether the character before it starts a token too. The pattern begins with one
    character class, so ``re`` skips over letters in C and tries the rest only where a
    word begins or a non-letter stands.
    """
    chars, words = _anchor_parts(start_terminals)
    cls = "".join(re.escape(c) for c in sorted(chars))
    alts = []
    lowered = {w.lower() for w in words}
    if lowered:
        alts.append("(?:" + _trie_regex(lowered) + ")(?![a-z])")
    if cls:
        alts.append(f"(?<=[{cls}])")
    if "NUM" in start_terminals or "ORD" in start_terminals:
        alts.append(r"(?<=\d)(?<![\d.\[]\d)(?<!\d,\d)")
    return re.compile("[^a-z](?:" + "|".join(alts) + ")" if alts else "(?!)")


def padded_lower(text: str) -> str:
    """``" " + text.lower()``, one character per character of ``text`` (a character whose
    lower case is longer, like ``İ``, is kept as it is), for :func:`padded_anchor_regex` and
    :func:`candidate_regex`."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return " " + low
