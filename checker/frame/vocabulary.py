"""The statement vocabulary of a lexicon, as the chunker looks it up.

Built once per lexicon from its packs (``rules/general.yaml``: verbs, link verbs, changes,
agent nouns, clause breaks...) and the small words that structure a statement: each phrase
with its chunk kind, for each first word the most words a phrase starting with it has, and
a remembered answer, per word, to whether a plain word (no phrase, no name) is part of a
measure or filler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from factlint.frame.lexicon import Lexicon
from factlint.util.bounded import BoundedMemo

#: words that structure a statement, as themselves
SMALL = {"of": "OF", "in": "IN", "with": "WITH", "to": "TO", "from": "FROM", "for": "FOR",
         "at": "AT", "as": "AS", "by": "BY", "and": "AND", "respectively": "RESP"}
#: the chunk kinds that hold a figure of the sentence (a level, a share, a rank, a multiple,
#: or a comparison no statement reads)
FIGURE_KINDS = frozenset({"NUM", "PCT", "RANK", "OTHER", "MULT"})
#: nouns that, after "the", stand for the document's own entity ("the company")
ENTITY_NOUNS = frozenset({"company", "group", "firm", "airline", "carrier",
                          "bank", "insurer", "retailer", "lender", "operator", "utility",
                          "carmaker", "automaker", "chipmaker", "drugmaker", "manufacturer",
                          "conglomerate", "miner", "refiner", "studio", "broadcaster",
                          "developer", "publisher", "housebuilder", "builder", "brewer",
                          "chain", "provider", "platform", "farmer", "broker", "haulier",
                          "processor"})

#: lower-case words that never belong to a measure noun phrase
FUNCTION = frozenset(
    "a an the some about around roughly nearly almost over under more less than just only "
    "also still even its their his her our your this that these those which who whom whose "
    "what not no nor or so such very much many most least each every all both either neither "
    "other another same record year years quarter month months week day per cent percent "
    "it they we he she there here then now when where while whereas been being be is was on "
    "were are has have had do does did will would could should may might must can up down "
    "out into onto upon within without across against among between during before after "
    "since until because if unless though although despite via like i me us them one two "
    "three four five six seven eight nine ten first second third fourth fifth largest biggest "
    "worth higher lower bigger smaller greater larger fewer top leading respectively combined "
    "together alone further below above last previous past week weeks said says say told "
    "noted stated announced means meant suggests suggested implies implied shows showed "
    "explains explained reflects reflected matters helps helped".split())
# (the verbs of a clause that speaks about a figure: "Shimano's 64% share of the global gear
# market means that ..." ends its measure at "market")



class Chunk(NamedTuple):
    """One typed piece of a sentence (offsets relative to the sentence). A named tuple: made,
    hashed and compared in C, as a sentence makes dozens and the statement memo keys on
    them."""

    kind: str  # a terminal of grammar/statement.lark, or BREAK
    start: int
    end: int
    text: str
    #: NAME: the subject's key; VERB: its measure; CHG: up/down; NUM: dimension; MEAS:
    #: "measure" when it names one, "own" when one a company reports of itself ("revenue")
    key: str = ""
    mention: int = -1  # NUM, PCT, RANK: the index of the sentence's mention


@dataclass(frozen=True)
class Vocabulary:
    """The statement words of a lexicon: phrase -> (chunk kind, key), and for each first
    word the most words a phrase starting with it has."""

    kinds: dict[str, tuple[str, str]]
    longest: dict[str, int]
    entity_words: re.Pattern[str]  # a sentence may name the document's entity ("it")
    place_words: re.Pattern[str]  # a sentence may name the paragraph's place ("the country")
    #: a plain word (lower case first, no phrase starts with it, not "the") -> whether it
    #: is a measure's word (else filler)
    plain: BoundedMemo[str, bool] = field(default_factory=lambda: BoundedMemo(1 << 16))


_VOCABULARIES: dict[int, tuple[Lexicon, Vocabulary]] = {}


def words_regex(phrases: object) -> re.Pattern[str]:
    """Any of ``phrases`` as whole words, case-insensitive (never matches when empty)."""
    words = sorted(phrases, key=len, reverse=True)  # type: ignore[call-overload]
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"\b(?:{alternatives})\b" if words else "(?!)", re.IGNORECASE)


def vocabulary(lex: Lexicon) -> Vocabulary:
    """Built once per lexicon (a run has one)."""
    found = _VOCABULARIES.get(id(lex))
    if found is not None and found[0] is lex:
        return found[1]
    kinds: dict[str, tuple[str, str]] = {}
    # later tables win: a small word over a verb, a verb over a change...
    for table, kind in ((lex.place_pronouns, "PLACE"), (lex.region_pronouns, "REGION"),
                        (lex.entity_pronouns, "PRON"),
                        (lex.clause_breaks, "BREAK"),
                        (lex.agent_nouns, "AGENT"), (lex.follow_words, "FOLLOW"),
                        (lex.link_verbs, "BE"), (lex.change_verbs, "CHG"),
                        (lex.verb_measures, "VERB"), (SMALL, ""),
                        (lex.measure_phrases, "WORD")):
        for phrase in table:
            key = table[phrase] if isinstance(table, dict) else ""
            kinds[phrase] = (kind or key, "") if kind == "" else (kind, key)
    longest: dict[str, int] = {}
    for phrase in kinds:
        words = phrase.split()
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    entity = sorted({*lex.entity_pronouns, *lex.agent_nouns, *ENTITY_NOUNS}, key=len,
                    reverse=True)
    vocab = Vocabulary(kinds, longest, words_regex(entity), words_regex(
        lex.place_pronouns | lex.region_pronouns))
    _VOCABULARIES.clear()
    _VOCABULARIES[id(lex)] = (lex, vocab)
    return vocab


def kind_of(lex: Lexicon, phrase: str) -> str:
    """The chunk kind the statement vocabulary gives ``phrase`` (lower case), "" if none."""
    found = vocabulary(lex).kinds.get(phrase)
    return found[0] if found is not None else ""
