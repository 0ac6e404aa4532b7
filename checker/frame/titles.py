"""A document's own names: the aliases it introduces ("the International Energy Agency
(IEA)") and its own entity, the organisation a bare "the company" or a bare measure speaks
of: the front matter's ``entity:``, else the one organisation its title names.
"""

from __future__ import annotations

import re

from factlint.frame.chunks import CAPITALISED, chunk_words, shouted
from factlint.frame.lexicon import Lexicon, normalise_phrase
from factlint.frame.names import NOT_NAMES, DocNames, aliases_in, clean_name
from factlint.frame.patterns import CJK
from factlint.frame.vocabulary import Chunk, kind_of
from factlint.util.bounded import BoundedMemo


def doc_names(text: str, title: str, entity: str, lex: Lexicon, heading: str = "") -> DocNames:
    """Read a document's aliases ("the International Energy Agency (IEA)"), vocabulary and
    own entity (``entity`` if given, else the one organisation its title names; under a
    title in Chinese, the one its first ``heading`` names)."""
    aliases = aliases_in(text, title, lex)
    names = DocNames(aliases, text)
    if entity:
        names.entity = clean_name(entity, lex)
    else:
        for said in (title, heading if CJK.search(title) else ""):
            if said:
                names.entity = _shouted_company(said, lex) or _shouted_name(said, text, lex) \
                    or _title_entity(_unquoted(said), tuple(sorted(aliases.items())), lex, names)
            if names.entity:
                break
        if not names.entity and CJK.search(title) and not heading:
            body = text[len(title):] if text.startswith(title) else text
            names.entity = _lead_entity(body, lex, names)  # a Chinese headline over an
            # English body: the organisation the body's lead opens with
    names.entity = aliases.get(names.entity, names.entity)  # keyed by its short form
    names.region = title_place(lex, title)  # "North American excavator market": what "the
    # region" is
    return names


def _lead_entity(text: str, lex: Lexicon, names: DocNames) -> str:
    """The organisation an English lead under a headline in Chinese opens with ("Core
    Viewpoint - Samsung Electronics' third-quarter earnings confirmed ...", "Xiaomi
    Corporation posted record revenue ..."): the lead's subject, when it is a name and not a
    place; "" for any other lead ("The U.S. is attempting ...")."""
    lead = _LEAD.match(text)
    if lead is None:
        return ""
    words = chunk_words(lead.group("lead"), lex, names)
    if len(words) < 2 or words[0].kind != "NAME" or words[0].start or not words[0].key or \
            (words[1].kind not in _LEAD_NEXT and words[1].text != ",") or \
            lex.place(words[0].key) is not None or lex.is_total(words[0].key):
        return ""
    if words[1].kind == "POSS" and (len(words) < 3 or words[2].kind != "MEAS" or
                                    words[2].key not in ("measure", "own")):
        return ""  # "Tesla's Gigafactory Shanghai delivered ...": of a part of it
    return clean_name(words[0].key, lex)


#: a lead: its first sentence, after a digest's section label ("Core Viewpoint - ")
_LEAD = re.compile(r"\s*(?:[A-Z][\w ]{0,30}?\d?\s+[-–—]\s+)?(?P<lead>.{8,300})", re.DOTALL)
#: what follows a lead's subject: its possessive, its verb, an apposition
_LEAD_NEXT = frozenset({"POSS", "VERB", "BE", "CHG", "COMMA", "LPAR"})


def _shouted_company(title: str, lex: Lexicon) -> str:
    """A title that is a company's name in capitals with its legal form ("BRIGHTMOOR GROUP
    PLC" heading a results release): that company, as its body writes it ("Brightmoor
    Group"); "" for any other title."""
    words = title.split()
    if len(words) < 2 or not title.isupper():
        return ""
    said = next((k for k, w in enumerate(words) if w in _RELEASE_VERBS), 0)
    if 0 < said <= 4:  # "BRIGHTWELL TOYS REPORTS FOURTH QUARTER ... RESULTS": a release's
        words = words[:said]  # company, before its verb (its legal form, if any, dropped)
        if words[-1].rstrip(".,").upper() in _legal_forms(lex):
            words = words[:-1]
        return " ".join(w.rstrip(",").capitalize() for w in words)
    if words[-1].rstrip(".").upper() not in _legal_forms(lex):
        return ""
    return " ".join(w.capitalize() for w in words[:-1])


def _shouted_name(title: str, text: str, lex: Lexicon) -> str:
    """A title in capitals that opens with a name the body writes ("ACCELL GROUP AFTER THE
    RESCUE: ..." over a body naming "Accell Group"): that name as the body writes it, the
    longest such; "" for any other title."""
    if not shouted(title):
        return ""
    head = " ".join(title.split())
    found = ""
    for name in {m.group().rstrip(".,'’") for m in _NAME_RUN.finditer(text[:4000])}:
        upper = " ".join(name.split()).upper()
        if len(name.split()) < 2 or name.isupper() or len(upper) <= len(found) or \
                name.split()[-1].lower() in _OCCASION_WORDS | _PUBLICATION_WORDS or \
                not head.startswith(upper) \
                or head[len(upper):len(upper) + 1] not in ("", " ", ":", ",") \
                or lex.place(name) is not None:
            continue
        found = name
    return clean_name(found, lex) if found else ""


_NAME_RUN = re.compile(r"\b[A-Z][\w'’.&-]*(?:[ \t]+(?:&[ \t]+|of[ \t]+)?[A-Z][\w'’.&-]*)+")


#: words a publication's name ends with ("Toy Trade Briefing", "Dairy Wire"): no company
_PUBLICATION_WORDS = frozenset("briefing digest wire weekly monthly daily monitor tracker "
                               "news bulletin journal newsletter".split())


def _unquoted(title: str) -> str:
    """A title without what it quotes ('"Shoppers are not wrong to be angry": an interview
    with Brightfield's Marisa Okafor'): a quotation's capitalised words name no one."""
    return _QUOTED.sub(" ", title)


_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|(?<!\w)'[^']*'(?!\w)|‘[^’]*’")


def _before_verb(name: Chunk) -> Chunk:
    """A headline's name up to its release verb: "Halcyon Cruise Group Reports Record Fourth
    Quarter" (all capitalised, read as one name) is Halcyon Cruise Group."""
    words = name.key.split()
    said = next((k for k, w in enumerate(words) if k and w.upper() in _RELEASE_VERBS), 0)
    if not said:
        return name
    key = " ".join(words[:said])
    return name._replace(key=key, text=key)


#: what a press release's capitalised headline says its company did
_RELEASE_VERBS = frozenset({"REPORTS", "ANNOUNCES", "POSTS", "DELIVERS", "REPORT", "ANNOUNCE"})


def _legal_forms(lex: Lexicon) -> frozenset[str]:
    return frozenset(w.rstrip(".").upper() for w in lex.legal_forms)


_TITLES: BoundedMemo[tuple[object, ...], tuple[frozenset[str], frozenset[str]]] = \
    BoundedMemo(4096)


def _title_entity(title: str, aliases: tuple[tuple[str, str], ...], lex: Lexicon,
                  names: DocNames) -> str:
    """The one organisation a title names, or "". A title capitalises every word: only names
    of several words or in capitals count, and a single word the document never writes in
    lower case ("Nutrien", not "Potash")."""
    key = (title, aliases, id(lex))
    found = _TITLES.get(key)
    if found is None:
        words = chunk_words(title, lex, DocNames(dict(aliases)))
        chunks = [_before_verb(c) for k, c in enumerate(words)
                  if c.kind == "NAME" and lex.place(c.key) is None
                  and not (k and words[k - 1].kind == "POSS")]  # ("Kestrel Homes' Daniel
        # Okafor": its chief, not another organisation)
        sure = frozenset(c.key for c in chunks if (c.text.isupper() or " " in c.text)
                         and not shouted(c.text) and not any(ch.isdigit() for ch in c.key)
                         and not _occasion(c.key))
        # (a name with a digit is a product's, a model's or a disease's: "GLP-1", "COVID-19")
        in_sure = {w for name in sure for w in name.split()}
        single = frozenset(w for w in (c.removesuffix("'s").removesuffix("’s").rstrip("'’")
                                       for c in CAPITALISED.findall(title))
                           if len(w) > 1 and w not in NOT_NAMES and w not in in_sure
                           and not _occasion(w) and w not in lex.name_suffixes
                           and not (w.endswith("ing") and len(w) > 5)  # ("Plugging in the
                           # bin lorry": a verb opening the headline, no name)
                           # ("Bank results": a word companies are named with, alone no name)
                           and not any(ch.isdigit() for ch in w)
                           and lex.place(w) is None and w.lower() not in lex.materials
                           and w.lower() not in lex.demonyms  # ("German beer sales fall")
                           and normalise_phrase(w) not in lex.materials
                           and normalise_phrase(w) not in lex.measure_heads
                           and normalise_phrase(w) not in lex.measure_nouns)
        found = _TITLES.remember(key, (sure, single))
    sure, single = found
    # a single capitalised word names the entity when the body writes it, never in lower
    # case, and is not the whole title ("Notes", "Outlook": a heading, not a name)
    candidates = {w for w in sure if " " in w or _acts(w, names.text, lex)} | {
        w for w in single if w in names.text and not names.ordinary(w) and w != title.strip()
        and _alone(w, names.text, lex)}
    if len(candidates) > 1:  # "Eastmoor bets €780m on Pier D ...": the headline's subject,
        candidates = _headline_subject(title, candidates)  # when the rest are its objects
    return next(iter(candidates)) if len(candidates) == 1 else ""


def _headline_subject(title: str, candidates: set[str]) -> set[str]:
    """Of several names a title gives, the one that opens it (after a label such as
    "Interview:") when every other one stands in a phrase a preposition opens after it (an
    object: "on Pier D", "from Fincantieri", "on fees, sport and catching Stagecraft"); all
    of them otherwise."""
    at = {c: m.start() for c in candidates if (m := re.search(rf"\b{re.escape(c)}", title))}
    if len(at) != len(candidates):
        return candidates
    first = min(at, key=lambda c: at[c])
    lead = title[:at[first]].strip()
    if lead and not (lead.endswith(":") and len(lead.split()) <= 2):
        return candidates
    after = at[first] + len(first)
    prep = _PREPOSITION.search(title, after)
    if prep is None or any(at[c] < prep.end() for c in candidates if c != first):
        return candidates
    return {first}


_PREPOSITION = re.compile(
    r"\b(?:on|for|in|at|to|from|with|by|of|over|against|into|behind|after|before)\s")


#: words a title names an occasion or a period with, never an organisation ("Fourth Quarter",
#: "Full Year Results", "Earnings Call", "Annual Report")
_OCCASION_WORDS = frozenset(
    "first second third fourth quarter quarterly half year annual fiscal full results earnings "
    "call conference report review outlook update transcript excerpt interview briefing "
    "statement presentation season".split())


def _alone(word: str, text: str, lex: Lexicon) -> bool:
    """Whether the body writes ``word`` as a name of its own somewhere (legal form aside),
    not only inside a longer one ("Pizza" of a title "Pizza chains" over a body that names
    "Brevik Pizza")."""
    for m in re.finditer(rf"\b{re.escape(word)}\b", text):
        before = _LAST_WORD.search(text, max(0, m.start() - 40), m.start())
        after = _NEXT_WORD.match(text, m.end())
        if (before is None or not before.group(1)[:1].isupper() or
                _SENTENCE_END.search(text, max(0, m.start() - 40), m.start())) and \
                (after is None or after.group(1) in lex.legal_forms or
                 not after.group(1)[:1].isupper()):
            return True
    return False


_LAST_WORD = re.compile(r"([\w&'’.-]+)\s+$")
_NEXT_WORD = re.compile(r"\s+([\w&'’.-]+)")
_SENTENCE_END = re.compile(r"(?:^|[.!?:]\s+|\n\s*)$")


def _occasion(name: str) -> bool:
    """Whether a title's capitalised phrase only names an occasion ("Fourth Quarter")."""
    return all(w.lower() in _OCCASION_WORDS for w in name.split())


def _acts(acronym: str, text: str, lex: Lexicon) -> bool:
    """Whether a title's acronym is somewhere in the body what does something or owns
    something ("BYD sold", "CATL's share", "MSC, the largest line"), not only a word that
    qualifies a noun ("RSV vaccines", "EV sales"). A body that never writes it: as the
    title says."""
    after = [m.group(1) for m in re.finditer(rf"\b{re.escape(acronym)}\b(['’]s|,|\s+\w+)?",
                                             text)]
    return not after or any(a in ("'s", "’s", ",") or (a and kind_of(lex, a.strip().lower())
                                                       in ("VERB", "BE", "CHG")) for a in after)


def title_place(lex: Lexicon, title: str) -> str:
    """The one place a document's title names ("Japan welcomes a record 36.9 million
    visitors"), "" if none or several."""
    found = {name for _, _, name in lex.find_places(title) if not lex.is_total(name)}
    return found.pop() if len(found) == 1 else ""
