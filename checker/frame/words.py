"""Words of a measure phrase folded to one form: lower case, hyphens and curly quotes folded,
plurals singular ("Refined-copper Outputs" -> "refined copper output"). The lexicon, its
measure keys and the framing all compare phrases in this form.
"""

from __future__ import annotations

import functools

from factlint.util.bounded import BoundedMemo

_CACHE_SIZE = 1 << 16  # entries of each memo below before it is emptied (keeps memory bounded)

# plurals that are their own measure and must not be folded
_KEEP_PLURAL = frozenset({"reserves", "imports", "exports", "sales", "earnings", "emissions",
                          "deposits", "resources", "shipments", "savings", "assets", "goods",
                          "services", "chips", "semiconductors", "cases", "deaths", "measles",
                          "mumps", "diabetes", "rabies", "news", "series", "species",
                          "economics", "statistics", "renewables", "sources"})


def _singular_of(word: str) -> str:
    if word in _KEEP_PLURAL or len(word) < 4 or word.endswith("'s"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_SINGULAR: BoundedMemo[str, str] = BoundedMemo(_CACHE_SIZE)  # word -> its singular


def _singular(word: str) -> str:
    found = _SINGULAR.get(word)
    return _SINGULAR.remember(word, _singular_of(word)) if found is None else found


def _normal_words(text: str) -> list[str]:
    """The words of :func:`normalise_phrase` (for long texts, which are not memoised)."""
    get = _SINGULAR.get
    return [get(w) or _singular(w)
            for w in text.lower().replace("’", "'").replace("-", " ").split()]


@functools.lru_cache(maxsize=_CACHE_SIZE)
def normalise_phrase(text: str) -> str:
    """Lower-case, hyphens and curly quotes folded, plurals singular, spaces collapsed."""
    return " ".join(_normal_words(text))
