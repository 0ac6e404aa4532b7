"""Frame: turn mentions into claims - who (subject), what (measure, kind), when (period).

A claim is built only from a recognised statement pattern; every other mention stays
unframed (``factlint claims`` lists it). The patterns, tried for each mention:

* **verb**: ``<Subject> holds / controls / accounts for / produces ... <value> of <M>``
  (``produces`` makes the measure "M production", ``holds`` adds nothing);
* **coordination**: ``... 69% of production and over 90% of refining`` - the second value
  inherits the subject (and verb) of the first; so does ``, controlling 69% of ...``;
* **apposition**: ``... reserves at 44 million tons`` - a level of the measure just named;
* **possessive**: ``<Subject>'s <M> (is|was|of|at|reached ...) <value>``;
* **reliance**: ``<X> relies on <Y> for N% of its <M>`` - subject X, measure "M from Y";
* **rank**: ``<Subject>, the fifth-largest <M>`` / ``<Subject> ranks third with ...``;
* **Chinese titles**: ``<地名><材料><量词>占全球<value>`` through the lexicon only.

The measure key comes from :meth:`Lexicon.measure_key`; periods from :mod:`periods`;
modality from :mod:`modality`. Table cells are framed in :mod:`frame_table`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from factlint import modality, periods
from factlint.interval import clip_share, reading
from factlint.lexicon import Lexicon
from factlint.model import (
    Claim,
    ClaimKind,
    Document,
    Interval,
    Location,
    Mention,
    Period,
    Sentence,
    Value,
)

WINDOW = 200  # how far back a pattern may look, in characters (keeps every search bounded)
GAP_WINDOW = 70  # between a subject's name and its value: "'s, which currently accounts for"

_VERBS = (
    r"holds?|holding|held|controls?|controlling|controlled|accounts?\s+for|accounting\s+for|"
    r"accounted\s+for|has|have|having|had|commands?|commanding|commanded|represents?|"
    r"representing|represented|makes?\s+up|making\s+up|made\s+up|contributes?|contributing|"
    r"contributed|captures?|capturing|captured|owns?|owning|owned|possess(?:es)?|possessing|"
    r"possessed|boasts?|boasting|sits?\s+on|(?:is|was)\s+responsible\s+for|"
    r"produces?|producing|produced|supplies|supplying|supplied|supply|mines?|mined|"
    r"refines?|refining|refined|process(?:es)?|processing|processed|exports?|exporting|"
    r"exported|imports?|importing|imported|consumes?|consuming|consumed|generates?|"
    r"generating|generated|dominates?\s+with|dominating\s+with|dominated\s+with|"
    r"handled|handles|shipped|ships|delivered|delivers|installed|installs|emitted|emits|"
    r"moved|moves|carried|carries|added|adds"
)
_ADVERBS = r"(?:currently|still|now|alone|also|already|reportedly|together|collectively|" \
           r"today|presently|globally|itself|only|just)"
_VERB_GAP = re.compile(
    rf"(?P<gap>(?:['’]s)?\s*,?\s*(?:(?:which|that|who)\s+)?(?:{_ADVERBS}\s+)*(?P<verb>{_VERBS})\s+"
    rf"(?:(?:some|only|just|a|the)\s+)?)$",
    re.IGNORECASE,
)
def _first_words(alternation: str) -> frozenset[str]:
    """The first word of every alternative, with and without an optional last letter."""
    words: set[str] = set()
    for alt in alternation.split("|"):
        m = re.match(r"\(?(?:\?:)?([a-z]+)(\?)?", alt)
        if m:
            words.add(m.group(1))
            if m.group(2):
                words.add(m.group(1)[:-1])
    return frozenset(words)


_VERB_WORDS = _first_words(_VERBS) | {"process", "processes", "possess", "possesses",
                                      "dominate", "dominates", "dominating", "dominated", "is"}

_RISE = (r"rose|rises|risen|increased|increases|grew|grows|jumped|climbed|soared|surged|"
         r"expanded|gained")
_FALL = (r"fell|falls|fallen|dropped|drops|declined|declines|decreased|decreases|slipped|"
         r"plunged|shrank|shrunk|contracted|slid|tumbled|lost")
_CHANGE = re.compile(
    rf"(?P<gap>(?P<poss>['’]s)?\s+(?P<np>(?:[A-Za-z0-9][\w-]*\s+){{0,4}}?[A-Za-z0-9][\w-]*)\s+"
    rf"(?:(?:has|have|had)\s+)?(?P<verb>{_RISE}|{_FALL}|(?:was|were)\s+(?:up|down))\s+"
    rf"(?:by\s+)?(?:(?:some|about|around|roughly|nearly|almost|over|more\s+than)\s+)?)$"
)
_FALL_RE = re.compile(rf"^(?:{_FALL}|(?:was|were)\s+down)$")
_VERB_CHANGE_WORDS = _first_words(f"{_RISE}|{_FALL}") | {"up", "down"}


def _negate(iv: Interval) -> Interval:
    return Interval(None if iv.high is None else -iv.high, None if iv.low is None else -iv.low,
                    iv.high_open, iv.low_open)


def _signed(mention: Mention, negative: bool) -> Mention:
    """A change's value with its sign: "fell 5%" is -5%."""
    value = mention.value
    if not negative or value is None:
        return mention
    signed = Value(_negate(value.speaker), _negate(value.strict), value.unit, value.dimension)
    return dataclasses.replace(mention, value=signed)
_COORD_GAP = re.compile(
    rf"^\s*,?\s*(?:and|but|while|as\s+well\s+as|plus|with)?\s*(?:{_ADVERBS}\s+)*"
    rf"(?:(?P<verb>{_VERBS})\s+)?(?:(?:some|only|just)\s+)?$",
    re.IGNORECASE,
)
_AT_GAP = re.compile(r"^\s*,?\s*(?:at|of|totall?ing|amounting\s+to)\s+$", re.IGNORECASE)
_RANK_GAP = re.compile(
    r"(?P<gap>\s*,?\s*(?:(?:which|that)\s+)?(?:is|was|are|were|being|remains|remained|became|"
    r"becomes|as|holding|holds|has|having|had|with|despite\s+having|boasting|possessing|"
    r"ranks|ranked)?\s*(?:the\s+)?(?:world['’]s\s+|globe['’]s\s+)?)$",
    re.IGNORECASE,
)
_LINK = (r"of|at|is|was|were|are|totall?ed|reached|stood\s+at|stands\s+at|amounted\s+to|"
         r"hit|came\s+to|came\s+in\s+at|of\s+about|of\s+around|(?:rose|fell|climbed|grew|"
         r"dropped|increased|decreased|declined|jumped|slipped|edged\s+up|edged\s+down)\s+to")
_POSSESSIVE = re.compile(
    rf"['’]s\s+(?P<np>(?:[A-Za-z0-9][\w-]*\s+){{0,5}}?[A-Za-z0-9][\w-]*)\s+(?:{_LINK})\s+"
    rf"(?:(?:only|just|some)\s+)?$"
)
_ACTION = re.compile(
    rf"(?P<gap>\s+(?:{_ADVERBS}\s+)*(?:plans?|planned|expects?|expected|targets?|targeted|"
    r"reported|reports|posted|posts|recorded|records|announced|announces|budgeted|budgets|"
    r"sets?|sees|forecasts?|guided|approved|approves)\s+(?:(?:a|an|its|their|total)\s+)?"
    r"(?P<np>(?:[a-z][\w-]*\s+){0,4}?[a-z][\w-]*)\s+(?:of|at)\s+)$"
)
_SPEND = re.compile(
    r"(?P<gap>\s+(?:will\s+|plans?\s+to\s+|expects?\s+to\s+|aims?\s+to\s+)?"
    r"(?:spend|spent|spends|invest|invested|invests)\s+)$"
)
_ON_NP = re.compile(
    r"\s*on\s+(?P<np>(?:[A-Za-z0-9][A-Za-z0-9-]*(?:\s+|$|(?=[^\w\s]))){1,6})"
)
_RELIANCE = re.compile(
    r"\b(?:relies|rely|relied|relying|reliance|depends|depend|depended|depending|dependence|"
    r"dependent)\s+(?:heavily\s+|largely\s+|mostly\s+)?on\s+(?P<src>[^,;]{1,60}?)\s+for\s+$",
    re.IGNORECASE,
)
_SOURCE_GAP = re.compile(r"^\s+(?:comes?|came|coming)\s+from\s+", re.IGNORECASE)
_OF_NP = re.compile(
    r"\s*(?:of)\s+(?P<np>(?:(?:the|its|their|this|global|world['’]s|worldwide|total)\s+)*"
    r"(?:[A-Za-z][A-Za-z0-9-]*(?:['’]s)?(?:\s+|$|(?=[^\w\s])))"
    r"(?:[A-Za-z0-9][A-Za-z0-9-]*(?:['’]s)?(?:\s+|$|(?=[^\w\s]))){0,5})",
)
_NP_STOP = frozenset(
    "and or but which that while in to for from with by at on as is are was were has have "
    "had compared than according since during between among leading making giving used "
    "being per via this these those it its their whose who where when after before over "
    "under across around about nearly almost more less up down into despite due so today now "
    "currently globally worldwide annually alone last next year".split()
)
_TAIL_PP = re.compile(
    r"\s+(?P<prep>from|for|in)\s+(?P<obj>(?:the\s+)?(?:[A-Za-z][\w.-]*)(?:\s+(?!and\b|or\b|"
    r"which\b|that\b|while\b|but\b|to\b|by\b|as\b|with\b|in\b|at\b|on\b|for\b|from\b|of\b|"
    r"since\b|during\b|than\b|over\b|under\b)[a-z][\w-]*){0,4})"
)
_YEARISH = re.compile(r"(?:the\s+)?(?:19|20)\d\d|(?:the\s+)?(?:first|second|third|fourth|last|"
                      r"past|next|same|short|long|coming)\b|(?:January|February|March|April|May|"
                      r"June|July|August|September|October|November|December)\b", re.IGNORECASE)
_NAME = re.compile(r"(?:\b[A-Z][\w&.’'-]*(?:\s+(?:[A-Z][\w&.’'-]*|of|de|and))*)$")
_NOT_NAMES = frozenset(
    "The This That These Those It Its In On At For With By From As And But Or While "
    "However Despite Although Meanwhile Currently Today Group Core Insights Viewpoint "
    "Points Summary According Overall Globally Also Yet If When Where Which Who "
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
_CLAUSE_BREAK = re.compile(
    r";|\s[-–—]\s|:\s|,\s*(?:while|whereas|but|although|though|where|which|as|since|because|"
    r"after|when)\s"
)
_FINITE = re.compile(
    r"\s+(?:currently\s+|still\s+|now\s+|also\s+)?(?:dominates|dominated|holds|held|controls|"
    r"controlled|plays|played|leads|led|remains|remained|is|was|has|had|produces|produced|"
    r"accounts|accounted)\b"
)
_SCOPE = re.compile(
    r"\b(?:[Ii]n|[Ww]ithin|[Aa]cross|[Aa]mong|[Ii]nside)\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})"
)
_APPOSITION = re.compile(r",\s+(?:now\s+|still\s+|already\s+)?(?:the|a|an|which|who|once|long)\b"
                         r"[^,;]{1,70}$")
_WHOSE = re.compile(
    rf"(?:,\s+whose|\bwhere\s+(?:the|its)?)\s+(?P<np>(?:[A-Za-z0-9][\w-]*\s+){{0,5}}?"
    rf"[A-Za-z0-9][\w-]*)\s+(?:{_LINK})\s+(?:(?:only|just|some)\s+)?$"
)
_SET_TO = re.compile(
    r"(?P<gap>\s+(?:cut|cuts|reduced|reduces|lowered|lowers|raised|raises|lifted|lifts|"
    r"increased|increases|brought|brings|trimmed|trims|narrowed|narrows|widened|widens)\s+"
    r"(?:its|their)\s+(?P<np>(?:[A-Za-z0-9][\w-]*\s+){0,4}?[A-Za-z0-9][\w-]*)\s+to\s+"
    r"(?:(?:about|around|roughly|nearly|almost|just)\s+)?)$"
)
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|to|from|for|by|on|at|into|than)\s+(?:the\s+)?$",
                                 re.IGNORECASE)
_SHARE_DIMS = frozenset({"share"})
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ZH_SHARE = re.compile(
    r"(?P<head>[\u4e00-\u9fff（）()]{1,20}?)占(?:据)?(?:全球|世界|全世界)(?:总)?(?:的)?"
    r"(?:份额的?|比重的?)?(?:约|近|超过|逾)?$"
)
_LEVEL_DIMS_SKIP = frozenset({"time", "ratio", "count", "points"})


@dataclass(frozen=True)
class DocContext:
    """What framing needs to know of the document a sentence belongs to."""

    doc: Document
    topic: str  # the document's one material, "" if none or several


@dataclass
class _Frame:
    subject: str
    subject_text: str
    verb_measure: str
    measure: str
    measure_text: str
    end: int  # sentence index where the framed statement ends
    pending_rank: Mention | None = None  # "ranks third with <value> of <M>": M comes later


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def _measure_np(text: str, pos: int, prep: re.Pattern[str] | None = None) -> tuple[str, int] | None:
    """The noun phrase after ``of`` (or ``prep``) at ``pos``: (phrase, end index), or None."""
    m = (prep or _OF_NP).match(text, pos)
    if m is None:
        return None
    words: list[str] = []
    end = m.start("np")
    for w in re.finditer(r"[A-Za-z0-9][A-Za-z0-9'’-]*", text[m.start("np"):m.end("np")]):
        if not words and w.group().lower() in ("the", "its", "their", "this"):
            words.append(w.group())
            continue
        if w.group().lower() in _NP_STOP:
            break
        words.append(w.group())
        end = m.start("np") + w.end()
    if not words:
        return None
    # a trailing "from <source>", "for <use>", "in <segment>" changes what is counted
    tail = _TAIL_PP.match(text, end)
    if tail and not _YEARISH.match(tail.group("obj")):
        words += [tail.group("prep").lower(), tail.group("obj")]
        end = tail.end()
    return " ".join(words), end


_POSSESSIVE_NP = re.compile(r"\s*[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s\s+[a-z]")
_OP_QUALIFIER = {"eq": "", "gt": "over", "ge": "at_least", "lt": "under", "le": "up_to"}


def _share_of_possessive(mention: Mention, text: str, me: int) -> Mention | None:
    """``roughly half of China's soybean imports``: a share, not a comparison with China.

    The grammar reads "<fraction> of X's" as a comparison (as in "less than one-tenth of
    China's"); when X's is followed by a noun phrase, it is a share of X's M.
    """
    comp = mention.comparison
    if comp is None or comp.factor is None or comp.op not in _OP_QUALIFIER:
        return None
    if not mention.text.rstrip().endswith(" of") or not _POSSESSIVE_NP.match(text, me):
        return None
    low, high = comp.factor.low, comp.factor.high
    if low is None or high is None:
        return None
    x, h = (low + high) * 50, (high - low) * 50
    qualifier = _OP_QUALIFIER[comp.op]
    value = Value(clip_share(reading(x, h, qualifier, "speaker")),
                  clip_share(reading(x, h, qualifier, "strict")), "percent", "share")
    written = mention.text.rstrip()[:-3].rstrip()
    return dataclasses.replace(mention, end=mention.start + len(written), text=written,
                               kind="quantity", value=value, comparison=None,
                               qualifier=mention.qualifier or qualifier)


class _LazyPeriods:
    """The periods a sentence states, computed on first use (most sentences frame nothing)."""

    def __init__(self, text: str, ctx: DocContext) -> None:
        self.text, self.ctx = text, ctx
        self._found: list[tuple[int, int, Period]] | None = None

    def get(self) -> list[tuple[int, int, Period]]:
        if self._found is None:
            self._found = periods.stated_periods(self.text, self.ctx.doc.date)
        return self._found


class Framer:
    """Frames the mentions of one document's sentences into claims."""

    def __init__(self, lexicon: Lexicon, locate: Callable[[int, int], Location]) -> None:
        self.lex = lexicon
        self.locate = locate

    # ------------------------------------------------------------- subjects
    def _subject_before(
        self, text: str, end: int, demonym: bool = False
    ) -> tuple[str, str] | None:
        """The subject whose name ends exactly at ``end``: (key, as written).

        With ``demonym``, "German" names Germany (as in "German GDP shrank").
        """
        for start, stop, name in reversed(self.lex.find_places(text[max(0, end - 80):end])):
            if stop + max(0, end - 80) == end:
                if self.lex.is_total(name):
                    return None  # "global" is whose total, never who
                return name, text[start + max(0, end - 80):end]
            break
        m = _NAME.search(text[max(0, end - 60):end])
        if m is None:
            return None
        name = m.group().strip()
        words = name.split()
        while words and words[0] in _NOT_NAMES:
            words.pop(0)
        if not words or words[-1] in ("and", "of", "de"):
            return None
        name = " ".join(words)
        if demonym and name.lower() in self.lex.demonyms:
            return self.lex.demonyms[name.lower()], name
        if self.lex.demonyms.get(name.lower()) or self.lex.materials.get(name.lower()):
            return None
        place = self.lex.place(name)
        return (place or name), name

    def _verb_frame(self, text: str, ms: int) -> tuple[str, str, str, int] | None:
        lo = max(0, ms - GAP_WINDOW)
        if _VERB_WORDS.isdisjoint(text[lo:ms].lower().split()):
            return None  # cheap test before the regex: no verb of a frame near the value
        m = _VERB_GAP.search(text, lo, ms)
        if m is None:
            return None
        subject = self._subject_before(text, m.start("gap"))
        if subject is None and m.group("gap").lstrip().startswith(","):
            apposition = _APPOSITION.search(text, max(0, m.start("gap") - 80), m.start("gap"))
            if apposition is not None:
                subject = self._subject_before(text, apposition.start())
        verb = re.sub(r"\s+", " ", m.group("verb").lower())
        if subject is None and verb.split()[0].endswith("ing") and \
                m.group("gap").lstrip().startswith(","):
            subject = self._clause_subject(text, m.start("gap"))
        if subject is None:
            return None
        measure = self.lex.verb_measures.get(verb, self.lex.verb_measures.get(verb.split()[0], ""))
        return subject[0], subject[1], measure, m.start("verb")

    # --------------------------------------------------------------- claims
    def frame_sentence(self, sentence: Sentence, ctx: DocContext) -> list[Claim]:
        if sentence.table is not None:
            return []
        if not sentence.mentions:
            return []
        text = sentence.text
        stated = _LazyPeriods(text, ctx)
        claims: list[Claim] = []
        prev: _Frame | None = None
        for mention in sentence.mentions:
            ms, me = mention.start - sentence.start, mention.end - sentence.start
            claim, frame = self._frame_mention(text, ms, me, mention, prev, stated, ctx, sentence)
            if claim is not None:
                claims.append(claim)
                rank = frame.pending_rank if frame is not None else None
                if (frame is not None and rank is not None and prev is not None
                        and prev.pending_rank is rank):
                    rank_claim = self._claim(rank, "rank", frame, text,
                                             rank.start - sentence.start, frame.end, stated,
                                             ctx, sentence)
                    if rank_claim is not None:
                        claims.insert(len(claims) - 1, rank_claim)
                    frame.pending_rank = None
            prev = frame if frame is not None else (prev if claim is None and
                                                    mention.kind == "rank" else None)
        return claims

    def _frame_mention(
        self, text: str, ms: int, me: int, mention: Mention, prev: _Frame | None,
        stated: _LazyPeriods, ctx: DocContext, sentence: Sentence,
    ) -> tuple[Claim | None, _Frame | None]:
        if mention.kind == "comparison":
            share = _share_of_possessive(mention, text, me)
            if share is None:
                return None, None
            mention = dataclasses.replace(share, location=self.locate(share.start, share.end))
            me = share.end - (mention.start - ms)
        value = mention.value
        if mention.kind in ("comparison", "multiple"):
            return None, None
        if mention.kind != "rank" and (value is None or value.dimension in _LEVEL_DIMS_SKIP):
            return None, None
        kind: ClaimKind
        if mention.kind == "rank":
            kind = "rank"
        elif value is not None and value.dimension in _SHARE_DIMS:
            kind = "share"
        else:
            kind = "level"

        subject: tuple[str, str] | None = None
        verb_measure = ""
        measure_np: tuple[str, int] | None = None
        gap_prev = text[prev.end:ms] if prev is not None and prev.end <= ms else None

        if kind == "rank":
            m = _RANK_GAP.search(text, max(0, ms - WINDOW), ms)
            if m is not None:
                before = text[:m.start("gap")]
                if not before.endswith(("'s", "’s")):
                    subject = self._subject_before(text, m.start("gap"))
                if subject is None and re.match(r"\s*,\s*(?:being|as)\b", m.group("gap")):
                    subject = self._clause_subject(text, m.start("gap"))
            np_match = re.match(r"\s*(?P<np>(?:[a-z][a-z-]*\s+){0,4}[a-z][a-z-]*)", text[me:])
            if subject is None or np_match is None:
                return None, None
            words = []
            for w in np_match.group("np").split():
                if w in _NP_STOP or w in ("globally", "worldwide"):
                    break
                words.append(w)
            end = me + len(text[me:]) - len(text[me:].lstrip())
            for w in words:
                end = text.index(w, end) + len(w)
            if not words:
                if re.match(r"\s*,?\s*with\s+$", text[me:me + 8] + " ") or \
                        re.match(r"\s*,?\s*with\s", text[me:]):
                    return None, _Frame(subject[0], subject[1], "", "", "", me, mention)
                return None, None
            last = words[-1]
            agent = self.lex.agent_nouns.get(last)
            phrase = " ".join(words[:-1]) if agent else " ".join(words)
            key = self.lex.measure_key(phrase, agent or "", ctx.topic)
            if key is None:
                return None, None
            frame = _Frame(subject[0], subject[1], agent or "", key, " ".join(words), end)
            return self._claim(mention, kind, frame, text, ms, end, stated, ctx, sentence), frame

        if kind == "share" and _CJK.search(text[max(0, ms - 20):ms]):
            zh = self._zh_frame(text, ms, ctx)
            if zh is None:
                return None, None
            return self._claim(mention, kind, zh, text, zh.end, me, stated, ctx, sentence), zh

        # subject: verb pattern, reliance, coordination, apposition, possessive
        claim_start = ms  # the claim's text starts at its verb when it has one
        reliance = _RELIANCE.search(text, max(0, ms - WINDOW), ms) if kind == "share" else None
        verb = self._verb_frame(text, ms)
        if reliance is not None:
            src = self.lex.place(reliance.group("src")) or reliance.group("src").strip()
            subject = self._subject_before_verb(text, reliance.start())
            np = _measure_np(text, me)
            if subject is None or np is None:
                return None, None
            phrase = re.sub(r"^(?:its|their)\s+", "", np[0])
            key = self.lex.measure_key(phrase, "", ctx.topic)
            if key is None:
                return None, None
            frame = _Frame(subject[0], subject[1], "", f"{key} from {src}", np[0], np[1])
            return self._claim(mention, kind, frame, text, ms, np[1], stated, ctx,
                               sentence), frame
        if verb is not None:
            subject = (verb[0], verb[1])
            verb_measure = verb[2]
            claim_start = verb[3]
        elif prev is not None and prev.pending_rank is not None and gap_prev is not None:
            if re.match(r"^\s*,?\s*with\s+$", gap_prev):
                subject = (prev.subject, prev.subject_text)
        elif prev is not None and gap_prev is not None:
            coord = _COORD_GAP.match(gap_prev)
            if coord is not None and kind == "share":
                subject = (prev.subject, prev.subject_text)
                v = coord.group("verb")
                if v:
                    claim_start = prev.end + coord.start("verb")
                verb_measure = (self.lex.verb_measures.get(v.split()[0].lower(), "")
                                if v else prev.verb_measure)
            elif _AT_GAP.match(gap_prev) and kind == "level":
                frame = _Frame(prev.subject, prev.subject_text, prev.verb_measure,
                               prev.measure, prev.measure_text, me)
                return self._claim(mention, kind, frame, text, ms, me, stated, ctx,
                                   sentence), frame
        if subject is None and value is not None:
            change = self._change_frame(text, ms, me, mention, ctx)
            if change is not None:
                frame, changed, start = change
                return self._claim(changed, "change", frame, text, start, me, stated, ctx,
                                   sentence), frame
        if subject is None:
            whose = self._whose_frame(text, ms, me, ctx)
            if whose is not None:
                return self._claim(mention, kind, whose, text, ms, me, stated, ctx,
                                   sentence), whose
        if subject is None and kind == "level":
            action = self._action_frame(text, ms, me, ctx)
            if action is not None:
                return self._claim(mention, kind, action, text, ms, action.end, stated, ctx,
                                   sentence), action
        if subject is None:
            poss = _POSSESSIVE.search(text, max(0, ms - WINDOW), ms)
            if poss is not None:
                subj = self._subject_before(text, poss.start())
                if subj is not None and self._after_preposition(text,
                                                                poss.start() - len(subj[1])):
                    subj = None
                np_text = re.sub(r"^(?:market\s+)?(?:share|portion|part)\s+of\s+(?:the\s+)?", "",
                                 poss.group("np"))
                key = self.lex.measure_key(np_text, "", ctx.topic)
                if subj is not None and key is not None:
                    frame = _Frame(subj[0], subj[1], "", key, poss.group("np"), me)
                    return self._claim(mention, kind, frame, text, poss.start() - len(subj[1]),
                                       me, stated, ctx, sentence), frame
        if subject is None:
            return None, None
        measure_np = _measure_np(text, me)
        if measure_np is None and kind == "level" and verb_measure:
            # "Shanghai handled 51.5 million TEU in 2024": the verb names the measure
            key = self.lex.measure_key("", verb_measure, ctx.topic)
            if key is None:
                return None, None
            frame = _Frame(subject[0], subject[1], verb_measure, key, verb_measure, me)
            return self._claim(mention, kind, frame, text, claim_start, me, stated, ctx,
                               sentence), frame
        if measure_np is None:
            return None, None
        phrase = measure_np[0]
        if re.match(r"(?:its|their)\b", phrase, re.IGNORECASE):
            if " from " not in phrase:
                return None, None  # a share of the subject's own total: not comparable here
            phrase = phrase.split(None, 1)[1]  # "52% of its electricity from renewables"
        key = self.lex.measure_key(phrase, verb_measure, ctx.topic)
        if key is None:
            return None, None
        key += self._scope(text, ms, subject[0])
        frame = _Frame(subject[0], subject[1], verb_measure, key, phrase, measure_np[1])
        if prev is not None and prev.pending_rank is not None and prev.subject == subject[0]:
            frame.pending_rank = prev.pending_rank  # frame_sentence adds the rank claim
        return self._claim(mention, kind, frame, text, claim_start, measure_np[1], stated, ctx,
                           sentence), frame

    def _scope(self, text: str, ms: int, subject: str) -> str:
        """`` in <place>`` when the clause says whose total it is ("In Europe, X holds 30%")."""
        lo, _ = _clause_bounds(text, ms, ms)
        for m in _SCOPE.finditer(text, max(lo, ms - WINDOW), ms):
            place = self.lex.place(m.group("place"))
            if place is not None and place != subject and not self.lex.is_total(place):
                return f" in {place}"
        return ""

    @staticmethod
    def _after_preposition(text: str, start: int) -> bool:
        """A name right after "of", "to", "from"... is not the subject of the clause."""
        return _PREPOSITION_BEFORE.search(text, max(0, start - 20), start) is not None

    def _whose_frame(self, text: str, ms: int, me: int, ctx: DocContext) -> _Frame | None:
        """``Italy, whose M was N`` / ``In France, where the M was N`` / ``X cut its M to N``."""
        lo = max(0, ms - WINDOW)
        m = _WHOSE.search(text, lo, ms)
        if m is not None:
            before = text[max(0, m.start() - 80):m.start()]
            where = re.search(r"\b[Ii]n\s+(?P<place>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}),?\s*$",
                              before)
            subject = (self._subject_before(text, m.start()) if where is None else
                       (self.lex.place(where.group("place")) and
                        (self.lex.place(where.group("place")) or "", where.group("place"))))
            key = self.lex.measure_key(m.group("np"), "", ctx.topic)
            if subject and key is not None:
                return _Frame(subject[0], subject[1], "", key, m.group("np"), me)
        m = _SET_TO.search(text, max(0, ms - GAP_WINDOW), ms)
        if m is not None:
            subject = self._subject_before(text, m.start("gap"))
            key = self.lex.measure_key(m.group("np"), "", ctx.topic)
            if subject is not None and key is not None:
                return _Frame(subject[0], subject[1], "", key, m.group("np"), me)
        return None

    def _change_frame(
        self, text: str, ms: int, me: int, mention: Mention, ctx: DocContext
    ) -> tuple[_Frame, Mention, int] | None:
        """``<S>'s <M> rose 7%`` / ``<S> <M> fell by 2 million tons``: a change, signed."""
        lo = max(0, ms - GAP_WINDOW)
        if _VERB_CHANGE_WORDS.isdisjoint(text[lo:ms].lower().split()):
            return None
        m = _CHANGE.search(text, lo, ms)
        if m is None:
            return None
        subject = self._subject_before(text, m.start("gap"), demonym=m.group("poss") is None)
        if subject is None or self._after_preposition(text, m.start("gap") - len(subject[1])):
            return None  # "the US share of China's imports fell": China is not the subject
        key = self.lex.measure_key(m.group("np"), "", ctx.topic)
        if key is None:
            return None
        return (_Frame(subject[0], subject[1], "", key, m.group("np"), me),
                _signed(mention, _FALL_RE.match(m.group("verb")) is not None),
                m.start("gap") - len(subject[1]))

    def _action_frame(self, text: str, ms: int, me: int, ctx: DocContext) -> _Frame | None:
        """``<S> plans capital spending of <value>`` / ``<S> will spend <value> on <M>``."""
        lo = max(0, ms - WINDOW)
        m = _ACTION.search(text, lo, ms)
        if m is not None:
            subject = self._subject_before(text, m.start("gap"))
            key = self.lex.measure_key(m.group("np"), "", ctx.topic)
            if subject is not None and key is not None:
                return _Frame(subject[0], subject[1], "", key, m.group("np"), me)
        m = _SPEND.search(text, lo, ms)
        on = _measure_np(text, me, _ON_NP)
        if m is not None and on is not None:
            subject = self._subject_before(text, m.start("gap"))
            key = self.lex.measure_key(on[0], "", ctx.topic)
            if subject is not None and key is not None:
                return _Frame(subject[0], subject[1], "", key, on[0], on[1])
        return None

    def _zh_frame(self, text: str, ms: int, ctx: DocContext) -> _Frame | None:
        """``<地名><材料><量词>占全球<value>``: subject and measure only through the lexicon."""
        m = _ZH_SHARE.search(text, max(0, ms - 40), ms)
        if m is None:
            return None
        head = m.group("head")
        for zh in sorted(self.lex.place_zh, key=len, reverse=True):
            idx = head.rfind(zh)
            if idx < 0:
                continue
            rest = head[idx + len(zh):]
            material = next((mat for mz, mat in self.lex.material_zh.items()
                             if rest.startswith(mz)), "")
            rest_measure = rest[len(next((mz for mz in self.lex.material_zh
                                          if rest.startswith(mz)), "")):]
            measure = self.lex.zh_measures.get(rest_measure)
            if measure is None:
                return None
            key = self.lex.measure_key(measure, "", material or ctx.topic)
            if key is None:
                return None
            start = m.start("head") + idx
            return _Frame(self.lex.place_zh[zh], zh, "", key, rest, start)
        return None

    def _subject_before_verb(self, text: str, pos: int) -> tuple[str, str] | None:
        """The subject of a reliance phrase: the last place or name before it in the clause."""
        left = text[max(0, pos - WINDOW):pos]
        places = [p for p in self.lex.find_places(left) if not self.lex.is_total(p[2])]
        if places:
            return places[-1][2], left[places[-1][0]:places[-1][1]]
        return None

    def _clause_subject(self, text: str, pos: int) -> tuple[str, str] | None:
        """The subject of the finite verb a participle (", controlling ...") attaches to.

        The last ``<Subject> <verb>`` before ``pos`` in the sentence, where the verb is a
        finite verb (``dominates``, ``holds``, ``plays``); None if there is none.
        """
        best: tuple[str, str] | None = None
        for m in _FINITE.finditer(text, max(0, pos - WINDOW), pos):
            subject = self._subject_before(text, m.start())
            if subject is not None:
                best = subject
        return best

    def _claim(
        self, mention: Mention, kind: ClaimKind, frame: _Frame, text: str, start: int,
        end: int, stated: _LazyPeriods, ctx: DocContext, sentence: Sentence,
    ) -> Claim | None:
        ms, me = mention.start - sentence.start, mention.end - sentence.start
        clause_lo, clause_hi = _clause_bounds(text, ms, me)
        reading = modality.modality(text, clause_lo, ms, me)
        if reading == "none":
            return None
        others = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions
                  if m.start != mention.start]
        period = periods.period_for(stated.get(), ms, me, clause_lo, clause_hi, ctx.doc.date,
                                    others)
        if period is None:
            return None
        if reading == "projection" and not period.projection:
            if not period.stated:
                return None  # a plan with no year: nothing to compare it with
            period = Period(period.years, period.granularity, period.part, True, True)
        start = min(start, ms)
        claim_text = " ".join(text[start:end].split())  # a claim may span wrapped lines
        return Claim(
            mention=mention,
            location=self.locate(sentence.start + start, sentence.start + end),
            text=claim_text,
            subject=frame.subject,
            measure=frame.measure,
            kind=kind,
            period=period,
            doc_index=ctx.doc.index,
            modality="projection" if period.projection else
            ("estimate" if reading == "estimate" else "fact"),
            in_title=sentence.role == "title",
            subject_text=frame.subject_text,
            measure_text=frame.measure_text,
        )
