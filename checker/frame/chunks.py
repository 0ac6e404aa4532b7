"""Chunk a sentence: the typed pieces the statement grammar reads, and nothing else.

A sentence that holds a quantity becomes a short sequence of :class:`Chunk` s, the terminals
of ``grammar/statement.lark``: the quantities the parse stage found (``NUM`` a level, ``PCT``
a share, ``RANK``), names (a gazetteer place, any proper-noun phrase, an alias the document
introduced in brackets), measure noun phrases (``MEAS``), verbs (``VERB`` names its measure,
``BE`` links, ``CHG`` changes), agent nouns, the document's own entity (``PRON``), and the
small words that carry structure (of, in, with, to, from, by, and, comma, brackets,
"followed by"). Every other word is filler and is dropped; a word that ends a clause
("while", "but", a semicolon) becomes ``BREAK``, where the grammar's windows stop. Periods
are dropped too: :mod:`factlint.periods` reads them from the sentence.

Which word is which comes from the lexicon (``rules/general.yaml`` and the gazetteer), so a
new phrasing of a known structure is a pack line. Names need no list: a capitalised word is
a name unless it only starts the sentence and the document writes it in lower case
elsewhere, or it is a function word ("The", "In", "According").
"""

from __future__ import annotations

import re

from factlint.frame.lexicon import Lexicon, normalise_phrase
from factlint.frame.measure_keys import UNKNOWN_PLACE
from factlint.frame.names import NOT_NAMES, OWNERS, DocNames, clean_name, hyphened_title
from factlint.frame.noun_phrases import merge_measures
from factlint.frame.rows import PARTICIPLE_ASIDE, tidy
from factlint.frame.vocabulary import ENTITY_NOUNS as _ENTITY_NOUNS
from factlint.frame.vocabulary import FUNCTION as _FUNCTION
from factlint.frame.vocabulary import SMALL as _SMALL
from factlint.frame.vocabulary import Chunk, Vocabulary
from factlint.frame.vocabulary import kind_of as _kind
from factlint.frame.vocabulary import vocabulary as _vocabulary
from factlint.model import Mention
from factlint.parse.tokens import COPULAS
from factlint.util.bounded import BoundedMemo
from factlint.util.lazyre import lazy_compile

#: one token: a word (with inner dots, hyphens, apostrophes, ampersands), or punctuation
_TOKEN = lazy_compile(
    globals(), "_TOKEN",
    r"(?P<w>[^\W\d_](?:[\w&/+]|[.'’-](?=\w))*(?:\.['’]s\b|\.)?)|(?P<p>[,;:()\[\]—–]| - )")
#: ("Caldera Bay Airport Co.'s sales": a legal form's dot, then the possessive)
#: a capitalised word (of a name, of a title)
CAPITALISED = lazy_compile(globals(), "CAPITALISED", r"\b[A-Z][\w'’-]*")
_CJK = lazy_compile(globals(), "_CJK", r"[\u3400-\u9fff]")
_MODEL = lazy_compile(globals(), "_MODEL",
                      r"\s+([A-Za-z-]*\d[\w-]*[A-Za-z][\w-]*|[A-Z]+-?\d+\w*)\b")
_COMPARED = lazy_compile(globals(), "_COMPARED",
                         r"\s+(fewer|more|less|higher|lower|greater|bigger|smaller|above|"
                         r"below)\b(?!\s+(?:of|than\s+\d))")
#: what follows a sentence's first word when it is a name in apposition: "Rotterdam,
#: Europe's busiest container port, handled ...", "Brightway, the UK's second-largest
#: grocer", "Orsino, North America's second-largest", "Lloyd, owned by Havells, had 9.5%",
#: "Mingyang, now the world's third-largest supplier,"
_APPOSITION = lazy_compile(globals(), "_APPOSITION",
                           r"\s+(?:(?:now|still|currently|again|also|once|long)\s+)?"
                           r"(?:(?:the|a|an)\s+(?:[A-Z][\w.-]*(?:'s|’s)?\s+)?[a-z]|"
                           r"(?:[A-Z][\w-]+\s+){0,2}[A-Z][\w.-]*(?:'s|’s)\s|(?:which|who|whose)\s|"
                           + PARTICIPLE_ASIDE + ")")
#: a capitalised adjective made with a hyphen: "Saskatoon-based", "US-listed", "China-made"
_DESCRIBED = lazy_compile(globals(), "_DESCRIBED", r"-(?:[a-z]+ed|made|led|run|built)$")
#: an adjective that may open a sentence before a place: "Neighbouring Ghana"
_OPENING_ADJECTIVE = lazy_compile(globals(), "_OPENING_ADJECTIVE", r"[A-Z][a-z]+(?:ing|ed)")
#: what makes a verb's measure a capacity: "can produce", "has the capacity to refine"
_CAN = lazy_compile(globals(), "_CAN", r"\b(?:can|capacity\s+to|able\s+to)\s+$")
_FEWER = frozenset({"fewer", "less", "lower", "smaller", "below"})
#: adverbs between a subject and its verb: "Taihang now ships", "Acme also sold"
_ADVERBS = frozenset({"now", "also", "still", "then", "again", "already", "alone", "only",
                      "reportedly", "currently", "once", "even", "just", "typically"})
#: what a comparison is made with when it is a change: the same thing at an earlier time
_THAN_BEFORE = lazy_compile(
    globals(), "_THAN_BEFORE",
    r"\s+(?:than\s+)?(?:(?:in|during)\s+(?:(?:the\s+)?(?:fiscal\s+|calendar\s+)?(?:19|20)\d\d"
    r"(?:/\d\d)?|the\s+same\s+(?:period|quarter|month)|the\s+(?:previous|prior|preceding)"
    r"\s+(?:year|quarter))|a\s+year\s+(?:earlier|ago|before)|last\s+year|"
    r"the\s+(?:previous|prior|preceding)\s+year|the\s+year\s+before)\b",
    re.IGNORECASE)
_REST = lazy_compile(
    globals(), "_REST",
    r"\b(?:with\s+)?(?:the\s+)?(?:remaining|rest(?:\s+of\s+the\s+(?:world|market))?|others?)"
    r"(?:\s+(?:brands|vendors|makers|producers|companies|countries|players))?"
    r"\s+(?:with\s+|at\s+|(?:a\s+)?further\s+|another\s+)?$", re.IGNORECASE)
_EACH = lazy_compile(globals(), "_EACH", r"\s+(each)\b")
#: a verb in the past tense: after a capitalised word that opens a sentence, a name
#: ("Ridera completed 1.55 billion trips", "Tuktuq closed 2024 with ...", "Samsung led the
#: first quarter", "Apple brought in $201bn"): regular, or one of English's irregular pasts
_PAST_VERB = lazy_compile(
    globals(), "_PAST_VERB",
    r"[a-z]{2,}ed|led|brought|bought|took|made|held|won|lost|kept|gave|got|paid|spent|built|"
    r"sold|grew|fell|rose|cut|ran|drew|began|became|came|went|found|left|sent|shed|stood|"
    r"sank|shrank|swung|slid|wrote|overtook|beat|hit|set|put|saw|told|said|thought|met")
#: a place in a ranking after a name: "Brightlink came second with 17.9%"
_PLACED = lazy_compile(globals(), "_PLACED",
                       rf"(?:came|comes|finished|placed|ranked|ranks|{'|'.join(COPULAS)})\s+"
                       r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                       r"\d+(?:st|nd|rd|th))\b")
#: what dates a value as the earlier level a change is from: "of 2024", "a year earlier"
_EARLIER_TIME = lazy_compile(
    globals(), "_EARLIER_TIME",
    r"\s+(?:(?:of|in|for|during)\s+(?:(?:fiscal|the\s+year)\s+)?(?:19|20)\d\d\b|"
    r"a\s+year\s+(?:earlier|before|ago)|(?:last|the\s+(?:previous|prior|year\s+before))"
    r"\s*(?:year)?\b)", re.IGNORECASE)
#: "than the 224.5 million of 2024" after "6% more": the level the change is from
_THAN_VALUE = lazy_compile(globals(), "_THAN_VALUE",
                           r"\s+(than)\s+(?:the\s+|its\s+|their\s+)?", re.IGNORECASE)
#: sentences remembered with their chunks (a corpus repeats titles and stock phrases)
_MEMO: BoundedMemo[tuple[object, ...], tuple[tuple[Chunk, ...],
                                              tuple[tuple[str, bool], ...]]] = \
    BoundedMemo(32768)


def chunk(text: str, mentions: tuple[tuple[int, int, Mention], ...], lex: Lexicon,
          names: DocNames) -> tuple[Chunk, ...]:
    """The chunks of ``text``; ``mentions`` are (start, end, mention) relative to ``text``,
    in order (their index in this tuple is the chunk's ``mention``). A sentence chunked
    before gets the same tuple again."""
    if _CJK.search(text):
        return ()  # Chinese statements are framed through the lexicon (frame.claims)
    # what the document's names decide for this sentence is part of the key; whether a
    # capitalised word is an ordinary one is asked of the document only when a chunking
    # asks it, and a remembered chunking is reused only where the answers are the same
    caps = tuple(sorted({w for w in CAPITALISED.findall(text) if w in names.aliases})) \
        if names.aliases else ()
    vocab = _vocabulary(lex)
    place = f"{names.place}|{names.region}" if (names.place or names.region) and \
        vocab.place_words.search(text) else ""
    entity = names.entity if names.entity and vocab.entity_words.search(text) else ""
    key = (text, id(lex), tuple((s, e, m.kind, m.value is not None and m.value.dimension)
                                for s, e, m in mentions),
           entity, place, tuple(names.aliases[w] for w in caps))
    found = _MEMO.get(key)
    if found is not None and all(names.ordinary(w) == answer for w, answer in found[1]):
        return found[0]
    asked: list[tuple[str, bool]] = []
    chunks = tuple(_chunk(text, mentions, lex, names, asked))
    _MEMO.remember(key, (chunks, tuple(asked)))
    return chunks


#: "more than 60% of them", "half of which": a share of the figure before, not of a whole
OF_THEM = lazy_compile(globals(), "OF_THEM",
                       r"\s+of\s+(?:them|it|those|these|which|whom|this|that)\b")


#: "of the combined ...": a fraction of several others' figures added up, no share of a whole
_OF_COMBINED = lazy_compile(globals(), "_OF_COMBINED",
                            r"\s+of\s+(?:the|their|its)\s+combined\b", re.IGNORECASE)


#: "of which 17,800", "of whom 5,300": a part of the figure before
_OF_WHICH_BEFORE = lazy_compile(globals(), "_OF_WHICH_BEFORE",
                                r"\bof\s+(?:which|whom)\s+(?:(?:about|around|some|roughly|"
                                r"nearly|almost|just|over)\s+)?$")


def may_name_entity(text: str, lex: Lexicon) -> bool:
    """Whether ``text`` may stand for an entity named elsewhere ("it", "the company")."""
    return _vocabulary(lex).entity_words.search(text) is not None


def chunk_words(text: str, lex: Lexicon, names: DocNames) -> list[Chunk]:
    """The chunks of ``text`` read with no quantity in it (a title's names)."""
    return _chunk(text, (), lex, names, [])


def _chunk(text: str, mentions: tuple[tuple[int, int, Mention], ...], lex: Lexicon,
           names: DocNames, asked: list[tuple[str, bool]]) -> list[Chunk]:
    places = {start: (end, name) for start, end, name in lex.find_places(text)}
    vocab = _vocabulary(lex)
    tokens: list[tuple[int, int, str, bool]] = []  # start, end, text, is punctuation
    spans = [(s, e) for s, e, _ in mentions]
    pos = 0
    for s, e in [*spans, (len(text), len(text))]:
        for m in _TOKEN.finditer(text, pos, s):
            word = m.group()
            a, b = m.span()
            if m.lastgroup == "p":
                tokens.append((a, b, word, True))
            elif word[-1] == "s" and len(word) > 2 and word[-2] in "'’":
                tokens.append((a, b - 2, word[:-2], False))
                tokens.append((b - 2, b, "'s", False))
            elif word[-1] == "." and not _abbrev(word):  # a full stop ends a clause
                tokens.append((a, b - 1, word[:-1], False))
                tokens.append((b - 1, b, ".", True))
            else:
                tokens.append((a, b, word, False))
                if word[-1] == "s" and text[b:b + 1] in ("'", "’") and \
                        (b + 1 == len(text) or text[b + 1].isspace()):
                    tokens.append((b, b + 1, "'s", False))  # "Kestrel Homes' sales"
        tokens.append((s, e, "", False))  # the mention's own slot
        pos = e
    tokens.pop()  # the end sentinel
    out: list[Chunk] = []
    mention_at = {s: i for i, (s, _, _) in enumerate(mentions)}
    shares = {s: e for s, e, m in mentions if m.value is not None and
              m.value.dimension == "share"}
    i = 0
    n = len(tokens)
    while i < n:
        start, end, word, punct = tokens[i]
        if not word:  # a mention's slot
            k = mention_at[start]
            rest = _REST.search(text, max(0, start - 48), start)
            if rest is not None:  # "with the remaining 19%": the others' share
                while out and (out[-1].end > rest.start() or out[-1].kind == "WITH"):
                    out.pop()
                words = rest.group().rstrip()
                out.append(Chunk("NAME", rest.start(), rest.start() + len(words), words,
                                 "Others"))
            out.append(_value_chunk(mentions[k][2], start, end, k))
            if out[-1].kind == "PCT" and _OF_COMBINED.match(text, end):
                out[-1] = Chunk("OTHER", start, end, out[-1].text, mention=k)  # "less than a
                # fifth of the combined Australian and Russian total": of others' figures
            if out[-1].kind in ("PCT", "NUM") and (OF_THEM.match(text, end) or (
                    _OF_WHICH_BEFORE.search(text, max(0, start - 24), start))):
                # ("38,600 excavators, of which 17,800, or 46%, went to North America": parts
                # of the figure before, and their share of it)
                out[-1] = Chunk("OTHER", start, end, out[-1].text, mention=k)  # "60% of them"
            than = _COMPARED.match(text, end)
            base = _THAN_VALUE.match(text, than.end()) if than is not None and \
                out[-1].kind == "PCT" and k + 1 < len(mentions) else None
            if base is not None and (base.end() != mentions[k + 1][0] or not _EARLIER_TIME.match(
                    text, mentions[k + 1][1])):
                base = None  # (not "1.1% fewer than the 5.7 million Kestrel shipped")
            if than is not None and out[-1].kind == "PCT" and (
                    base is not None or _THAN_BEFORE.match(text, than.end())):
                # "10% more than in 2023", "11.2% more than a year earlier", "6% more than
                # the 224.5 million of 2024": a change (from the value that follows)
                word = than.group(1).lower()
                out.insert(-1, Chunk("CHG", start, start, than.group(1),  # (before the value)
                                     "down" if word in _FEWER else "up"))
                if base is not None:
                    out.append(Chunk("FROM", base.start(1), base.end(1), base.group(1)))
                    i += 1
                    while i < n and tokens[i][0] < base.end():
                        i += 1
                    continue
            elif than is not None:  # "1.1% fewer than ...": a comparison, no share
                out[-1] = Chunk("OTHER", start, end, out[-1].text, mention=k)
            each = _EACH.match(text, end)
            if each is not None:  # "for 8% each"
                out.append(Chunk("EACH", each.start(1), each.end(1), "each"))
            if out[-1].kind == "PCT" and _FRACTION_WORDS.fullmatch(mentions[k][2].text) and \
                    (_OF_OWNERS_OWN.match(text, end) or _AS_MANY.match(text, end)):
                out[-1] = out[-1]._replace(kind="MULT")  # "less than a quarter of Côte
                # d'Ivoire's", "about half as many members as": a fraction of another's
            elif out[-1].kind == "PCT" and _FRACTION_WORDS.fullmatch(mentions[k][2].text) and \
                    _OWNERS_NOUN.match(text, end):
                out[-1] = out[-1]._replace(kind="OTHER")  # "less than half TME's count": a
                # fraction of another's figure, no share of a total
            elif out[-1].kind == "MULT" and mentions[k][2].kind == "comparison" and \
                    not _OWNERS_OWN.match(text, end):
                out[-1] = out[-1]._replace(kind="OTHER")  # "a quarter of China's imports":
                # a share of another's total, not a comparison with its own
            as_many = _AS_MANY.match(text, end) if out[-1].kind == "MULT" else None
            if as_many is not None:  # "twice as many app customers as": what it counts
                out.append(Chunk("ASMANY", as_many.start("as"), as_many.end("as"),
                                 as_many.group("as")))
                if as_many.group("np"):
                    out.append(Chunk("MEAS", as_many.start("np"), as_many.end("np"),
                                     as_many.group("np")))
                i += 1
                while i < n and tokens[i][0] < as_many.end():
                    i += 1
                continue
            model = _MODEL.match(text, end)
            if model is not None and out[-1].kind == "NUM":  # "265 737s": what it counts
                out.append(Chunk("MEAS", model.start(1), model.end(1), model.group(1)))
            i += 1
            continue
        if punct:
            out.append(Chunk(_PUNCT.get(word.strip(), "BREAK"), start, end, word))
            i += 1
            continue
        if start in places:
            p_end, name = places[start]
            owned = i > 0 and tokens[i - 1][2].lower() in OWNERS
            while i < n and tokens[i][0] < p_end:
                i += 1
            if owned:  # "its US sales came to $6.2bn": where the owner's sales are made
                out.append(Chunk("WORD", start, p_end, text[start:p_end]))
                continue
            poss = text[start:p_end].endswith(("'s", "’s"))
            n_end = p_end - 2 if poss else p_end
            if lex.is_total(name):
                after = tokens[i][2].lower() if i < n else ""
                if not poss and text[start:p_end].lower().startswith("the ") and (
                        _kind(lex, after) in ("VERB", "BE", "CHG")):
                    out.append(Chunk("NAME", start, p_end, text[start:p_end], name))  # "The
                    continue  # world installed 590 GW": the world's figure
                out.append(Chunk("MEAS", start, p_end, text[start:p_end]))  # "global"
                continue
            if not poss and _where_a_company_is(tokens, i, text, start):
                i += 1  # "the Gothenburg haulier", "the Swiss bank": a company based there,
                continue  # never the place (who it is, the entity pronouns decide)
            company = None if poss else _named_after_place(tokens, i, text, lex, names, start,
                                                                    p_end)
            if company is not None:  # "China Mobile", "India Post": a company, not the place
                i += company[0]
                out.append(company[1])
                continue
            out.append(Chunk("NAME", start, n_end, text[start:n_end], name))
            if poss:
                out.append(Chunk("POSS", n_end, p_end, text[n_end:p_end]))
            continue
        if out and out[-1].kind in ("NAME", "PRON") and out[-1].end + 1 == start and \
                _unknown_verb(tokens, i, lex, text, shares):
            out.append(Chunk("BE", start, end, word))  # "Castlegate wrote 16% of all new
            i += 1  # mortgage lending": a verb the lexicon does not know links its subject
            continue  # to a share of a whole
        plain = vocab.plain.get(word)
        if plain is not None:  # a word that is no phrase's, no name and not "the"
            if plain:
                out.append(Chunk("WORD", start, end, word))
            i += 1
            continue
        step = _phrase(tokens, i, text, lex, names, asked, vocab, shares)
        if step is not None:
            consumed, found = step
            if found is not None:
                out.append(found)
            i += consumed
            continue
        i += 1  # filler
    return tidy(merge_measures(_place_agents(out, lex), text, lex), text, lex)


def _place_agents(out: list[Chunk], lex: Lexicon) -> list[Chunk]:
    """A place's own agents doing what their noun says ("US refiners processed 16.2 million
    b/d", "China's miners produced ..."): the place, whose verb names the measure. Not
    sellers of a kind ("US carmakers made up 6% of sales" are a group of companies), and
    only right before a verb of their own."""
    k = 1
    while k + 1 < len(out):
        agent, verb = out[k], out[k + 1]
        if agent.kind == "AGENT" and verb.kind == "VERB" and agent.text.lower().endswith("s") \
                and agent.text.lower() not in _SELLERS:
            j = k - 1 if out[k - 1].kind == "POSS" and out[k - 1].end == agent.start - 1 \
                else k
            name = out[j - 1] if j >= 1 else None
            if name is not None and name.kind == "NAME" and name.key and \
                    out[j].start - (name.end if j == k else out[j].end) <= 1 and \
                    lex.place(name.key) is not None and not lex.is_total(name.key):
                del out[j:k + 1]
                k = j
                continue
        k += 1
    return out


def _named_after_place(tokens: list[tuple[int, int, str, bool]], i: int, text: str,
                       lex: Lexicon, names: DocNames, p_start: int, p_end: int
                       ) -> tuple[int, Chunk] | None:
    """A place that opens a company's name ("China Mobile", "China Telecom spent", "India
    Post"): the place, then up to three capitalised words, one space apart, that are no
    place, no verb and no sentence word; (tokens taken after the place, the company's NAME
    chunk) or None. Never in a headline's capitalised words ("China Overtakes Japan")."""
    j, end = i, p_end
    while j < len(tokens) and j - i < 3 and not tokens[j][3] and tokens[j][2] and \
            tokens[j][0] == end + 1 and text[end] == " ":
        word = tokens[j][2]
        if not _is_capitalised(word) or word in NOT_NAMES or lex.place(word) is not None \
                or word.lower() in lex.demonyms or normalise_phrase(word) in lex.materials \
                or _kind(lex, word.lower()) in ("VERB", "BE", "CHG"):
            break
        end = tokens[j][1]
        j += 1
    if j == i or _title_case(text) or (j < len(tokens) and tokens[j][2][:1].isupper()):
        return None  # ("China Overtakes Japan": a headline's words, no company)
    raw = text[p_start:end]
    return j - i, Chunk("NAME", p_start, end, raw, names.aliases.get(raw) or clean_name(raw, lex))


#: verbs before a share that state none of a whole: what changed, was bought, aimed at or
#: lost ("cut 16% of its staff", "bought 12% of", "targets 20% of the market")
_NOT_LINKING = frozenset(
    "cut cuts slashed trimmed lost loses lose shed sheds added adds gained gains bought buys "
    "acquired acquires sold sells raised raises targets targeted wants needs plans planned "
    "seeks sought aims aimed hopes expects expected forecast forecasts projects projected "
    "estimates estimated predicts predicted sees saw missed misses offered offers proposed "
    "proposes bid bids asks asked closed closes opened opens".split())
#: after a share: the whole it is of, named ("of all new mortgage lending", "of the market"),
#: not the subject's own ("of its stores": a part of its own, cut, closed or sold)
_OF_WHOLE = lazy_compile(globals(), "_OF_WHOLE",
                         r"\s+of\s+(?!its\b|their\b|our\b|his\b|her\b|them\b|which\b|"
                         r"those\b|these\b|it\b)", re.IGNORECASE)


def _unknown_verb(tokens: list[tuple[int, int, str, bool]], k: int, lex: Lexicon, text: str,
                  shares: dict[int, int]) -> bool:
    """Whether token ``k`` is a verb the lexicon does not know, right before a share of a
    named whole ("Castlegate wrote 16% of all new mortgage lending")."""
    if k + 1 >= len(tokens) or tokens[k][3]:
        return False
    word = tokens[k][2]
    start = tokens[k + 1][0]
    if tokens[k + 1][2] != "" or start != tokens[k][1] + 1 or start not in shares or \
            not _OF_WHOLE.match(text, shares[start]):
        return False
    folded = normalise_phrase(word)
    return word.isalpha() and word.islower() and word not in _NOT_LINKING and \
        word not in _FUNCTION and word not in _SMALL and word not in _ADVERBS and \
        not _kind(lex, word) and folded not in lex.measure_heads and \
        folded not in lex.measure_nouns and word not in lex.agent_nouns


def _title_case(text: str) -> bool:
    """Whether ``text`` capitalises most of its words, as a headline does."""
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _place_apposition(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether a place and a comma follow ``pos`` ("Baytown, Texas, refines"): where the name
    before them is."""
    for start, end, name in lex.find_places(text[pos:pos + 40]):
        return not text[pos:pos + start].strip() and not lex.is_total(name) and \
            text[pos + end:pos + end + 1] == ","
    return False


def shouted(text: str) -> bool:
    """A title's words in capitals ("SCREEN & SOUND BRIEFING"), not an acronym's ("CMA CGM",
    "BYD"): several words in capitals, one of them longer than an acronym."""
    words = text.split()
    return text.isupper() and len(words) > 1 and any(len(w) > 4 for w in words)


def _is_capitalised(word: str) -> bool:
    """A name's word: capitalised, or a brand with a capital inside ("easyJet", "iPhone")."""
    first = word[0]
    return first.isupper() or (first.islower() and not word.islower() and any(
        ch.isupper() for ch in word[1:]))


def _where_a_company_is(tokens: list[tuple[int, int, str, bool]], after: int, text: str,
                        start: int, opens_with_the: bool = False) -> bool:
    """Whether the name starting at ``start`` (its tokens end before ``after``) only says
    where a company is: "the" before it (or opening it) and an entity noun after it ("the
    Gothenburg haulier", "The US business")."""
    return after < len(tokens) and tokens[after][2].lower() in _ENTITY_NOUNS | _PART_NOUNS and (
        opens_with_the or _THE_BEFORE.search(text, max(0, start - 5), start) is not None)


#: after a multiple: "as many <what it counts> as", "as much as"
_AS_MANY = lazy_compile(globals(), "_AS_MANY",
    r"\s+(?P<as>as\s+(?:many|much|large|big|high|great|long))"
    r"(?:\s+(?P<np>(?!as\b)[^\W\d][\w'’-]*(?:\s+(?!as\b)[\w'’-]+){0,4}))?(?=\s+as\b)",
    re.IGNORECASE)
_OWNERS_OWN_TAIL = (r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z]|d['’])[\w'’.-]*){0,3}['’]s"
                    r"(?=\s*(?:[.,;:)]|$))")
#: a fraction in words ("less than a quarter", "about a third"), not a percentage
_FRACTION_WORDS = lazy_compile(globals(), "_FRACTION_WORDS",
    r"(?:[a-z]+\s+){0,3}(?:(?:a|one|two|three)[\s-]+)?(?:half|thirds?|quarters?|fifths?|"
    r"tenths?)", re.IGNORECASE)
#: "of Côte d'Ivoire's", the noun left out: the same measure of another subject
_OF_OWNERS_OWN = lazy_compile(globals(), "_OF_OWNERS_OWN",
    r"\s+of\s+" + _OWNERS_OWN_TAIL)
#: "TME's count" right after a fraction: another's figure, its noun written
_OWNERS_NOUN = lazy_compile(globals(), "_OWNERS_NOUN",
                            r"\s+(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}['’]s\s+[a-z]")
#: "Côte d'Ivoire's", "the West End's" and no noun after it
_OWNERS_OWN = lazy_compile(globals(), "_OWNERS_OWN", r"\s+" + _OWNERS_OWN_TAIL)
_THE_BEFORE = lazy_compile(globals(), "_THE_BEFORE", r"\bthe\s+$", re.IGNORECASE)
#: entity nouns that, with a word before them, name a part of the company: "the US business"
_PART_NOUNS = frozenset({"business"})


def _titled(word: str) -> bool:
    """A word written as an ordinary word opening a sentence: "Revenue", "Recorded-music"."""
    return word.istitle() or hyphened_title(word)


_QUARTERS = frozenset(f"{n}-quarter" for n in ("first", "second", "third", "fourth"))
#: words after which an -ing or -ed word is a noun ("its ceiling", "a 5 MW building")
_ARTICLES = frozenset({"the", "a", "an"}) | OWNERS
_PUNCT = {",": "COMMA", "(": "LPAR", ")": "RPAR", "[": "BREAK", "]": "BREAK", ":": "COLON"}


def _abbrev(word: str) -> bool:
    return "." in word[:-1] or word in ("Co.", "Corp.", "Inc.", "Ltd.", "St.")


def _value_chunk(mention: Mention, start: int, end: int, index: int) -> Chunk:
    if mention.kind == "rank":
        kind = "RANK"
    elif mention.value is not None and mention.value.dimension == "share":
        kind = "PCT"
    elif mention.kind in ("quantity", "range") and mention.value is not None:
        kind = "NUM"
    elif mention.kind == "multiple" or (mention.kind == "comparison" and mention.comparison
                                         is not None and mention.comparison.factor is not None):
        kind = "MULT"  # "twice", "less than a quarter of": a comparison statement's
    else:
        kind = "OTHER"  # a bare comparison ("more than"): FC302's business, not a statement's
    dimension = mention.value.dimension if mention.value is not None else ""
    return Chunk(kind, start, end, mention.text, dimension, mention=index)


def _phrase(tokens: list[tuple[int, int, str, bool]], i: int, text: str, lex: Lexicon,
            names: DocNames, asked: list[tuple[str, bool]], vocab: Vocabulary,
            shares: dict[int, int]) -> tuple[int, Chunk | None] | None:
    """The chunk that starts at token ``i`` (a word) and how many tokens it takes; None: one
    filler word. ``shares``: where each share of the sentence starts and ends."""
    start, end, word, _ = tokens[i]
    if word == "'s":
        return 1, Chunk("POSS", start, end, word)
    lower = word.lower()
    # the longest phrase of the vocabulary that starts here: "followed by", "amounted to"
    for size in range(vocab.longest.get(lower, 0), 0, -1):
        if size == 1:
            phrase = lower  # token i is a word
        elif i + size > len(tokens) or any(t[3] or t[2] == "" for t in tokens[i:i + size]):
            continue
        else:
            phrase = " ".join(t[2].lower() for t in tokens[i:i + size])
        found = vocab.kinds.get(phrase)
        if found is not None:
            kind, key = found
            if kind == "PLACE":  # "the country": the place the paragraph is about
                kind, key = "NAME", names.place
            elif kind == "REGION":  # "in the region": the place the title names, else a
                kind, key = "NAME", names.region or UNKNOWN_PLACE  # place no figure is
                # keyed by; only as where a figure is ("the region's fastest-growing": none)
                if not i or tokens[i - 1][2].lower() not in ("in", "across", "within"):
                    return size, None
            elif kind == "PRON":
                key = names.entity
            elif kind == "BE" and i and tokens[i - 1][2].lower() in _ARTICLES | {"'s", "’s"}:
                kind = "WORD"  # "The average household bill was": no verb after "the"
            if kind in ("NAME", "PRON") and not key:
                return size, None
            if kind == "VERB" and key and _CAN.search(text, max(0, start - 16), start):
                key = f"{key} capacity"  # "which can produce 4.9 Mt of ammonia a year"
            return size, Chunk(kind, start, tokens[i + size - 1][1],
                               text[start:tokens[i + size - 1][1]], key)
    if lower == "the" and names.entity:  # "The low-cost carrier flew ...": the entity
        k = i + 1
        while k < min(len(tokens), i + 4) and not tokens[k][3] and (
                tokens[k][2][:1].islower() or _DESCRIBED.search(tokens[k][2]) or any(
                    " ".join(t[2] for t in tokens[a:b]).lower() in lex.demonyms
                    for a, b in ((k, k + 1), (k, k + 2), (k - 1, k + 1)))
                or (k == i + 1 and tokens[k][2][:1].isupper() and k + 1 < len(tokens)
                    and tokens[k + 1][2].lower() in _ENTITY_NOUNS)):
            # "the South Korean company", "the German carmaker", "the Stockholm-based company",
            # "the Warsaw developer"
            if (tokens[k][2].lower() in lex.agent_nouns or tokens[k][2].lower() in _ENTITY_NOUNS
                    ) and not (k > i + 1 and tokens[k][2].lower() in _PART_NOUNS):
                return k - i + 1, Chunk("PRON", start, tokens[k][1], text[start:tokens[k][1]],
                                        names.entity)  # (not "the US business": a part)
            k += 1
    if _is_capitalised(word) or word in names.aliases:
        named = _name(tokens, i, text, lex, names, asked, shares)
        if named is not None and named[1] is not None and named[1].kind == "NAME" and \
                _where_a_company_is(tokens, i + named[0], text, start, lower == "the"):
            return named[0], None  # "the Gothenburg haulier", "the Bergen firm": where a
            # company is, never the subject (the entity pronouns say who it is)
        if named is not None and (named[1] is not None or named[0] != 1 or not (
                _titled(word)) or not names.ordinary(word)):
            return named
        # "Operating profit was ...", "Batteries installed in ...": an ordinary word that
        # only opens the sentence is read as the word it is
    if lower in _QUARTERS:  # "fourth-quarter shipments": a period, read by periods
        return None
    if _verb_form(lower, lex):  # "coming", "installed": a verb form, not a measure's word,
        # but "operating profit", "its ceiling", "a 5 MW building": a measure's own word
        noun = (i + 1 < len(tokens) and normalise_phrase(tokens[i + 1][2]) in lex.measure_heads
                ) or (i > 0 and (tokens[i - 1][2] == "" or tokens[i - 1][2].lower() in _ARTICLES
                                 or tokens[i - 1][2] in ("'s", "’s")))  # ("ESA's funding")
        return (1, Chunk("WORD", start, end, word)) if noun else None
    measure_word = _measure_word(word, lower, lex)
    if word[0].islower() and lower != "the" and lower not in vocab.longest:
        # the same answer wherever the word is (no alias starts in lower case): remembered
        vocab.plain.remember(word, measure_word)
    return (1, Chunk("WORD", start, end, word)) if measure_word else None


def _verb_form(lower: str, lex: Lexicon) -> bool:
    """An -ing or -ed word that no pack names: a verb form unless its neighbours say it is a
    noun (so whether it is part of a measure is never remembered per word)."""
    return lower.endswith(("ing", "ed")) and not lower.endswith("eed") and \
        lower not in lex.measure_nouns and lower not in lex.measure_heads and \
        lower not in lex.materials and lower not in _FUNCTION and lower.isalpha()


#: words before a name that make it name a kind of thing, one of many ("the average Pulse
#: club", "each Kestrel store", "a typical Tesla buyer"); adjectives that may follow them
_ONE_OF = frozenset({"average", "typical", "median", "each", "every"})
_AGED = frozenset({"new", "old", "older", "newer", "mature", "large", "small", "single"})


def _one_of_many(tokens: list[tuple[int, int, str, bool]], i: int, j: int) -> bool:
    """Whether the name of tokens ``i:j`` only says whose kind of thing the noun after it
    is: "the average new Pulse club", "each Kestrel store"."""
    k = i - 1
    while k >= 0 and tokens[k][2].lower() in _AGED:
        k -= 1
    return k >= 0 and tokens[k][2].lower() in _ONE_OF and j < len(tokens) and \
        not tokens[j][3] and tokens[j][2][:1].islower() and tokens[j][2].isalpha()


def _people(word: str, lex: Lexicon) -> str | None:
    """The country of a demonym in the plural, its people ("Czechs", "Germans",
    "Americans"), else None."""
    lower = word.lower()
    if not lower.endswith("s") or lower in lex.demonyms:
        return None
    return lex.demonyms.get(lower[:-1])


def _sellers(word: str, lex: Lexicon) -> bool:
    """Whether ``word`` names those who do something, many of them ("carmakers",
    "suppliers", "customers"): "Chinese carmakers made up 6% of sales" are a group of
    buyers, never China."""
    lower = word.lower()
    return lower.endswith("s") and (lower in lex.agent_nouns or lower[:-1] in _ENTITY_NOUNS
                                    or lower in _SELLERS)


#: groups of companies (not of people: "British holidaymakers" are Britain's)
_SELLERS = frozenset({"carmakers", "automakers", "chipmakers", "drugmakers", "customers",
                      "companies", "firms", "brands", "suppliers", "manufacturers"})


def _measure_word(word: str, lower: str, lex: Lexicon) -> bool:
    """Whether a plain word (no phrase of the vocabulary, no name, no verb form) may be part
    of a measure noun phrase; else it is filler."""
    return not (lower in _FUNCTION or lower.endswith("ly") or (
        not word.isalpha() and "-" not in word))


def _name(tokens: list[tuple[int, int, str, bool]], i: int, text: str, lex: Lexicon,
          names: DocNames, asked: list[tuple[str, bool]], shares: dict[int, int]
          ) -> tuple[int, Chunk | None] | None:
    """A proper-noun phrase from token ``i``: capitalised words (and "of", "&", "de" between
    them), legal forms dropped; the document's aliases resolved."""
    i0 = j = i
    words: list[str] = []
    while j < len(tokens) and not tokens[j][3] and tokens[j][2]:
        w = tokens[j][2]
        if _is_capitalised(w) or (words and w in ("&", "and") and j + 1 < len(tokens)
                              and tokens[j + 1][2][:1].isupper() and w == "&"):
            words.append(w)
            j += 1
            continue
        if words and w.lower() in ("of", "de", "du", "la", "van", "von", "der", "del") \
                and j + 1 < len(tokens) and tokens[j + 1][2][:1].isupper() \
                and not tokens[j + 1][3]:
            words.append(w)
            j += 1
            continue
        break
    if words and j + 1 < len(tokens) and tokens[j][2] == "," and \
            tokens[j + 1][2] in lex.legal_forms:
        j += 2  # "Airbnb, Inc. grew revenue": the name, its legal form after a comma
    if len(words) == 1 and words[0] in lex.legal_forms:
        return j - i0, None  # ("Inc." alone names no one)
    while words and (words[0] in NOT_NAMES or _DESCRIBED.search(words[0]) or (
            i == 0 and len(words) > 1 and _OPENING_ADJECTIVE.fullmatch(words[0])
            and lex.place(" ".join(words[1:])) is not None)):
        # "Saskatoon-based", "Neighbouring Ghana" (opening a sentence): no part of the name
        words.pop(0)
        i += 1
    if not words:
        word = tokens[i0][2]
        if j - i0 == 1 and (normalise_phrase(word) in lex.measure_heads or
                            normalise_phrase(word) in lex.measure_nouns):
            return 1, Chunk("WORD", tokens[i0][0], tokens[i0][1], word)  # "Revenue rose"
        return max(1, j - i0), None
    if len(words) == 1 and not words[0].isupper() and lex.place(words[0]) is None and \
            words[0][1:].islower() and \
            words[0].lower() not in lex.demonyms and not _people(words[0], lex):
        # ("Brazilian soybean output": Brazil's; "Czechs drink ...": the Czech Republic's)
        if j - i0 == 1 and i0 == 0 and normalise_phrase(words[0]) in lex.own_measures:
            return 1, Chunk("MEAS", tokens[i0][0], tokens[i0][1], words[0], "own")
            # "Membership was 310,000": a measure a company reports, opening its sentence
        answer = names.ordinary(words[0])
        asked.append((words[0], answer))
        if answer:
            return j - i0, None  # "Production", "Analysts": an ordinary word
        k = j + (j < len(tokens) and tokens[j][2] in lex.legal_forms)  # "easyJet plc flew"
        after = tokens[k][2].lower() if k < len(tokens) else ""
        while after in _ADVERBS and k + 1 < len(tokens):  # "Taihang now ships": its verb
            k += 1
            after = tokens[k][2].lower()
        if after == "can" and k + 1 < len(tokens):  # "Ruwais can produce": its verb
            after = tokens[k + 1][2].lower()
        if i0 == 0 and after != "'s" and _kind(lex, after) not in ("VERB", "BE", "CHG") and \
                not (k < len(tokens) and _PLACED.match(text, tokens[k][0])) and \
                not _unknown_verb(tokens, k, lex, text, shares) and \
                not (after == ":" and k + 1 < len(tokens) and tokens[k + 1][2] == "") and \
                not (_PAST_VERB.fullmatch(after) and not words[0].endswith("s")) and \
                not (after in (",", "—", "–", " - ") and _APPOSITION.match(text, tokens[k][1])) \
                and not (after == "," and _place_apposition(text, tokens[k][1], lex)):
            # "Freight rates were ...": opens a sentence, not as a subject; the word it is
            return j - i0, (Chunk("WORD", tokens[i][0], tokens[i][1], tokens[i][2])
                            if j - i0 == 1 and _titled(words[0]) else None)
    first = tokens[i][0]
    last = tokens[i + len(words) - 1][1]
    raw = text[first:last]
    if i and (tokens[i - 1][2].lower() in OWNERS or tokens[i - 1][2] in ("'s", "’s")) and \
            j < len(tokens) and tokens[j][2][:1].islower():
        # "its GLP-1 sales", "Hollis & Crane's Crane Select range": what it sells or owns
        return j - i0, Chunk("WORD", first, last, raw)
    if _one_of_many(tokens, i, j):  # "The average new Pulse club opens with 2,400
        return j - i0, Chunk("WORD", first, last, raw)  # members": one club, not Pulse
    cleaned = clean_name(raw, lex)
    key = names.aliases.get(raw) or names.aliases.get(cleaned) or cleaned
    taken = j - i0
    folded = normalise_phrase(key) if key else ""
    if not key or folded in lex.materials or folded in lex.measure_nouns or \
            folded in lex.measure_heads or (
                key.split()[-1].isupper() and folded.split()[-1] in lex.measure_heads):
        return taken, Chunk("WORD", first, last, raw)  # "LNG", "Crude", "Adjusted EBITDA":
        # part of a measure
    place = lex.place(key)
    if place is not None and lex.is_total(place):
        return taken, Chunk("MEAS", first, last, raw)
    people = _people(key, lex) if len(words) == 1 else None
    if people is not None:  # "Czechs drink twice as much beer as Germans": the people of a
        return taken, Chunk("NAME", first, last, raw, people)  # country, its figures
    if key.lower() in lex.demonyms:  # "Norwegian gas exports": Norway's
        nxt = tokens[j][2] if j < len(tokens) else ""
        before = tokens[i0 - 1][2].lower() if i0 else ""
        if len(words) == 1 and nxt[:1].islower() and nxt.lower() not in _FUNCTION and \
                before not in _SMALL and before not in ("'s", "its", "their", "the") and \
                not _sellers(nxt, lex):
            return taken, Chunk("NAME", first, last, raw, lex.demonyms[key.lower()])
        return taken, Chunk("WORD", first, last, raw)
    return taken, Chunk("NAME", first, last, raw, place or key)

