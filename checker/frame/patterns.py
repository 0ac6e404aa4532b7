"""The statement patterns of framing: the bounded regular expressions and small pure helpers
that :mod:`factlint.frame.claims` tries around each mention.

Every pattern is searched in a bounded window (``WINDOW`` characters before a value), so
framing stays linear in the text. Each pattern is motivated by sentences in
``tests/data/frame_cases.yaml``.
"""

from __future__ import annotations

import dataclasses
import re

from factlint.frame import names
from factlint.interval import clip_share, reading
from factlint.model import Comparison, Interval, Mention, Value
from factlint.periods import MONTH
from factlint.util.lazyre import lazy_compile

WINDOW = 200  # how far back a pattern may look, in characters (keeps every search bounded)
WORD = lazy_compile(globals(), "WORD", r"[A-Za-z]+")
GAP_WINDOW = 70  # between a subject's name and its value: "'s, which currently accounts for"

VERBS = (
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
ADVERBS = (
    r"(?:currently|still|now|alone|also|already|reportedly|together|collectively|"
    r"today|presently|globally|itself|only|just)"
)
# the gap between a subject's name and its value, "<name>'s, which currently accounts for ",
# in two anchored pieces (a single `$`-anchored search over the window is ~50x slower): the
# verb and what follows it up to the value, matched at the verb; and what may stand between
# the subject's name and the verb
VERB_TAIL = lazy_compile(
    globals(), "VERB_TAIL", rf"(?P<verb>{VERBS})\s+(?:(?:some|only|just|a|the)\s+)?$",
    re.IGNORECASE)
GAP_HEAD = lazy_compile(globals(), "GAP_HEAD",
    rf"(?:['’]s)?\s*,?\s*(?:(?:which|that|who)\s+)?(?:{ADVERBS}\s+)*$", re.IGNORECASE
)


def first_words(alternation: str) -> frozenset[str]:
    """The first word of every alternative, with and without an optional last letter."""
    words: set[str] = set()
    for alt in alternation.split("|"):
        m = re.match(r"\(?(?:\?:)?([a-z]+)(\?)?", alt)
        if m:
            words.add(m.group(1))
            if m.group(2):
                words.add(m.group(1)[:-1])
    return frozenset(words)


VERB_WORDS = first_words(VERBS) | {
    "process",
    "processes",
    "possess",
    "possesses",
    "dominate",
    "dominates",
    "dominating",
    "dominated",
    "is",
}

SPACES = lazy_compile(globals(), "SPACES", r"\s+")

RISE = (
    r"rose|rises|risen|increased|increases|grew|grows|jumped|climbed|soared|surged|"
    r"expanded|gained"
)
FALL = (
    r"fell|falls|fallen|dropped|drops|declined|declines|decreased|decreases|slipped|"
    r"plunged|shrank|shrunk|contracted|slid|tumbled|lost"
)
CHANGE = lazy_compile(globals(), "CHANGE",
    rf"(?P<gap>(?P<poss>['’]s)?\s+(?P<np>(?:[A-Za-z0-9][\w-]*\s+){{0,4}}?[A-Za-z0-9][\w-]*)\s+"
    rf"(?:(?:has|have|had)\s+)?(?P<verb>{RISE}|{FALL}|(?:was|were)\s+(?:up|down))\s+"
    rf"(?:by\s+)?(?:(?:some|about|around|roughly|nearly|almost|over|more\s+than)\s+)?)$"
)
FALL_RE = lazy_compile(globals(), "FALL_RE", rf"^(?:{FALL}|(?:was|were)\s+down)$")
VERB_CHANGE_WORDS = first_words(f"{RISE}|{FALL}") | {"up", "down"}


def negate(iv: Interval) -> Interval:
    return Interval(
        None if iv.high is None else -iv.high,
        None if iv.low is None else -iv.low,
        iv.high_open,
        iv.low_open,
    )


def signed(mention: Mention, negative: bool) -> Mention:
    """A change's value with its sign: "fell 5%" is -5%."""
    value = mention.value
    if not negative or value is None:
        return mention
    signed = Value(negate(value.speaker), negate(value.strict), value.unit, value.dimension)
    return dataclasses.replace(mention, value=signed)


COORD_GAP = lazy_compile(globals(), "COORD_GAP",
    rf"^\s*,?\s*(?:and|but|while|as\s+well\s+as|plus|with)?\s*(?:{ADVERBS}\s+)*"
    rf"(?:(?P<verb>{VERBS})\s+)?(?:(?:some|only|just)\s+)?$",
    re.IGNORECASE,
)
AT_GAP = lazy_compile(
    globals(), "AT_GAP", r"^\s*,?\s*(?:at|of|totall?ing|amounting\s+to)\s+$", re.IGNORECASE)
RANK_GAP = lazy_compile(globals(), "RANK_GAP",
    r"(?P<gap>\s*,?\s*(?:(?:which|that)\s+)?(?:is|was|are|were|being|remains|remained|became|"
    r"becomes|as|holding|holds|has|having|had|with|despite\s+having|boasting|possessing|"
    r"ranks|ranked)?\s*(?:the\s+)?(?:world['’]s\s+|globe['’]s\s+)?)$",
    re.IGNORECASE,
)
LINK = (
    r"of|at|is|was|were|are|totall?ed|reached|stood\s+at|stands\s+at|amounted\s+to|"
    r"hit|came\s+to|came\s+in\s+at|of\s+about|of\s+around|(?:rose|fell|climbed|grew|"
    r"dropped|increased|decreased|declined|jumped|slipped|edged\s+up|edged\s+down)\s+to"
)
POSSESSIVE = lazy_compile(globals(), "POSSESSIVE",
    rf"['’]s\s+(?P<np>(?:[A-Za-z0-9][\w-]*\s+){{0,5}}?[A-Za-z0-9][\w-]*)\s+(?:{LINK})\s+"
    rf"(?:(?:only|just|some)\s+)?$"
)
ACTION = lazy_compile(globals(), "ACTION",
    rf"(?P<gap>\s+(?:{ADVERBS}\s+)*(?:plans?|planned|expects?|expected|targets?|targeted|"
    r"reported|reports|posted|posts|recorded|records|announced|announces|budgeted|budgets|"
    r"sets?|sees|forecasts?|guided|approved|approves|has|had|have|boasts)\s+"
    r"(?:(?:a|an|its|their|total)\s+)?"
    r"(?P<np>(?:[a-z][\w-]*\s+){0,4}?[a-z][\w-]*)\s+(?:of|at)\s+)$"
)
SPEND = lazy_compile(globals(), "SPEND",
    r"(?P<gap>\s+(?:will\s+|plans?\s+to\s+|expects?\s+to\s+|aims?\s+to\s+)?"
    r"(?:spend|spent|spends|invest|invested|invests)\s+)$"
)
ON_NP = lazy_compile(
    globals(), "ON_NP", r"\s*on\s+(?P<np>(?:[A-Za-z0-9][A-Za-z0-9-]*(?:\s+|$|(?=[^\w\s]))){1,6})")
RELIANCE = lazy_compile(globals(), "RELIANCE",
    r"\b(?:relies|rely|relied|relying|reliance|depends|depend|depended|depending|dependence|"
    r"dependent)\s+(?:heavily\s+|largely\s+|mostly\s+)?on\s+(?P<src>[^,;]{1,60}?)\s+for\s+$",
    re.IGNORECASE,
)
OF_NP = lazy_compile(globals(), "OF_NP",
    r"\s*(?:of)\s+(?P<np>(?:(?:the|its|their|this|global|world['’]s|worldwide|total)\s+)*"
    r"(?:[A-Za-z][A-Za-z0-9-]*(?:['’]s)?(?:\s+|$|(?=[^\w\s])))"
    r"(?:[A-Za-z0-9][A-Za-z0-9-]*(?:['’]s)?(?:\s+|$|(?=[^\w\s]))){0,5})",
)
NP_STOP = frozenset(
    "and or but which that while in to for from with by at on as is are was were has have "
    "had compared than according since during between among leading making giving used "
    "being per via this these those it its their whose who where when after before over "
    "under across around about nearly almost more less up down into despite due so today now "
    "currently globally worldwide annually alone last next year".split()
)
TAIL_PP = lazy_compile(globals(), "TAIL_PP",
    r"\s+(?P<prep>from|for|in)\s+(?P<obj>(?:the\s+)?(?:[A-Za-z][\w.-]*)(?:\s+(?!and\b|or\b|"
    r"which\b|that\b|while\b|but\b|to\b|by\b|as\b|with\b|in\b|at\b|on\b|for\b|from\b|of\b|"
    r"since\b|during\b|than\b|over\b|under\b)[a-z][\w-]*){0,4})"
)
YEARISH = lazy_compile(globals(), "YEARISH",
    r"(?:the\s+)?(?:19|20)\d\d|(?:the\s+)?(?:first|second|third|fourth|last|"
    r"past|next|same|short|long|coming)\b|" + MONTH + r"\b",
    re.IGNORECASE,
)
NAME = lazy_compile(
    globals(), "NAME", r"(?:\b[A-Z][\w&.’'-]*(?:\s+(?:[A-Z][\w&.’'-]*|of|de|and))*)$")
NOT_NAMES = frozenset(
    "Currently Insights Points Summary Also Yet If".split()) | names.NOT_NAMES
CLAUSE_BREAK = lazy_compile(globals(), "CLAUSE_BREAK",
    r";|\s[-–—]\s|:\s|,\s*(?:while|whereas|but|although|though|where|which|as|since|because|"
    r"after|when)\s"
    # ", and said it expects further growth in 2025": what the speaker said next
    r"|,\s*and\s+(?:(?:it|they|he|she|the\s+(?:company|group|firm))\s+)?"
    r"(?:said|says|added|adds|noted|warned)\s"
    # "... rose 14% to $2.4bn and the platform guided to $2.8bn for 2025": a plan's clause
    r"|,?\s+and\s+(?:(?:it|they|the\s+[a-z]+)\s+)?(?:guided|guides|expects|expected|"
    r"forecast|forecasts|targets|plans)\s"
    # "1.1% fewer than the 1,808,581 it delivered in 2023": the other side of a comparison
    r"|\sthan\s+(?=(?:the|its|their|that|those|in|at|last|a\s+year)\b)"
)
#: between a year and the figure it dates: "2024 sales of $1.31 billion", "2023 revenue of"
YEAR_MEASURE_OF = lazy_compile(globals(), "YEAR_MEASURE_OF",
                               r"\s+[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}\s+of\s+"
                               r"(?:(?:about|around|some|roughly|nearly|almost)\s+)?")
FINITE = lazy_compile(globals(), "FINITE",
    r"\s+(?:currently\s+|still\s+|now\s+|also\s+)?(?:dominates|dominated|holds|held|controls|"
    r"controlled|plays|played|leads|led|remains|remained|is|was|has|had|produces|produced|"
    r"accounts|accounted)\b"
)
SCOPE = lazy_compile(globals(), "SCOPE",
    r"\b(?:[Ii]n|[Ww]ithin|[Aa]cross|[Aa]mong|[Ii]nside)\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})"
)
#: a possessive determiner right before a name: "its GLP-1", "their iPhone"
OWNER_BEFORE = lazy_compile(globals(), "OWNER_BEFORE",
                            rf"\b(?:{'|'.join(sorted(names.OWNERS))})\s+$", re.IGNORECASE)
#: what a change is measured in, after it: "6% in dollars", "4% at constant currency"
CHANGE_TERMS = lazy_compile(
    globals(), "CHANGE_TERMS",
    r"\s+(?:in|at|on\s+an?)\s+((?:US\s+)?dollars?(?:\s+terms)?|euros?(?:\s+terms)?|yuan|"
    r"renminbi|rupees?(?:\s+terms)?|yen|pounds?|sterling|won|local[- ]currenc(?:y|ies)"
    r"(?:\s+terms)?|constant[- ]currenc(?:y|ies)(?:\s+terms)?|(?:real|nominal|volume|value|"
    r"organic|like-for-like)\s+(?:terms|basis))\b", re.IGNORECASE)
_PLACE_POSSESSIVE = r"(?P<place>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})['’]s\s+"
#: a measure a place owns: "Spain's international arrivals"
PLACE_OWNER = lazy_compile(globals(), "PLACE_OWNER", _PLACE_POSSESSIVE + r"(?P<rest>.+)")
#: a place that owns the figure right after it: "Africa's largest producer"
PLACE_OWNS = lazy_compile(globals(), "PLACE_OWNS", _PLACE_POSSESSIVE + r"$")
APPOSITION = lazy_compile(globals(), "APPOSITION",
    r",\s+(?:now\s+|still\s+|already\s+)?(?:the|a|an|which|who|once|long)\b"
    r"[^,;]{1,70}$"
)
WHOSE = lazy_compile(globals(), "WHOSE",
    rf"(?:,\s+whose|\bwhere\s+(?:the|its)?)\s+(?P<np>(?:[A-Za-z0-9][\w-]*\s+){{0,5}}?"
    rf"[A-Za-z0-9][\w-]*)\s+(?:{LINK})\s+(?:(?:only|just|some)\s+)?$"
)
SET_TO = lazy_compile(globals(), "SET_TO",
    r"(?P<gap>\s+(?:cut|cuts|reduced|reduces|lowered|lowers|raised|raises|lifted|lifts|"
    r"increased|increases|brought|brings|trimmed|trims|narrowed|narrows|widened|widens)\s+"
    r"(?:its|their)\s+(?P<np>(?:[A-Za-z0-9][\w-]*\s+){0,4}?[A-Za-z0-9][\w-]*)\s+to\s+"
    r"(?:(?:about|around|roughly|nearly|almost|just)\s+)?)$"
)
PREPOSITION_BEFORE = lazy_compile(globals(), "PREPOSITION_BEFORE",
    r"\b(?:of|to|from|for|by|on|at|into|than)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*\s*(?:,|\band\b)\s*)*$"  # "from X and Y"
)
#: a gap that opens a relative clause about the name before it: ", which supplies"
RELATIVE_GAP = lazy_compile(globals(), "RELATIVE_GAP", r"\s*,\s*(?:which|who)\b")
SHARE_DIMS = frozenset({"share"})
# small patterns of the frames in :mod:`factlint.frame.claims`, compiled once
BEING_AS = lazy_compile(globals(), "BEING_AS", r"\s*,\s*(?:being|as)\b")
RANK_NP = lazy_compile(globals(), "RANK_NP", r"\s*(?P<np>(?:[a-z][a-z-]*\s+){0,4}[a-z][a-z-]*)")
WITH_END = lazy_compile(globals(), "WITH_END", r"\s*,?\s*with\s+$")
WITH_NEXT = lazy_compile(globals(), "WITH_NEXT", r"\s*,?\s*with\s")
WITH_GAP = lazy_compile(globals(), "WITH_GAP", r"^\s*,?\s*with\s+$")
ITS_THEIR_START = lazy_compile(globals(), "ITS_THEIR_START", r"^(?:its|their)\s+")
ITS_THEIR = lazy_compile(globals(), "ITS_THEIR", r"(?:its|their)\b", re.IGNORECASE)
#: a sentence that opens with the part of a market it speaks of ("In skincare, China is the
#: largest market, with sales of $27 billion"): its measures are of that part; not a
#: connective ("In total,", "In contrast,") nor a period or a place (capitalised, or digits)
FRONTED_SCOPE = lazy_compile(
    globals(), "FRONTED_SCOPE",
    r"\s*In\s+(?!(?:total|short|contrast|addition|particular|practice|fact|turn|general|"
    r"summary|sum|brief|effect|theory|comparison|response|return|all|other|value|volume|"
    r"real|nominal|dollar|euro|local|constant|absolute|aggregate|percentage|recent|each|both|"
    r"this|that|these|those|its|their|our|my|his|her)\b)([a-z][a-z-]+(?:\s+[a-z][a-z-]+)?),\s"
    # "Onshore, Europe installed 13.8 GW": a word of where or how, before the clause, that
    # makes each figure of it a part's
    r"|\s*(?i:(onshore|offshore|online|offline|overseas|abroad|domestically|organically|"
    r"upstream|downstream)),\s")
#: the speaker's own ("half of our international students"): never the world's total
OUR = lazy_compile(globals(), "OUR", r"(?:our|my)\b", re.IGNORECASE)
#: a part that owns the measure after it ("The retail division's operating profit")
PART_OWNS = lazy_compile(
    globals(), "PART_OWNS",
    r"\b(?:division|unit|arm|segment|business|subsidiary|brand|range|plant|mine|factory)"
    r"['’]s\s+(?:[a-z][\w-]*\s+){0,3}?(?:revenue|sales|profit|income|earnings|margin|"
    r"output|production|volume|capacity|spending|investment|costs?|turnover)\b", re.IGNORECASE)
#: a measure of one quarter: "quarterly adjusted EBITDA"
QUARTERLY = lazy_compile(
    globals(), "QUARTERLY",
    r"\bquarterly\b|\b(?:for|in|during|over)\s+the\s+(?:latest\s+|last\s+)?quarter\b"
    r"(?!\s+(?:of|to|ended|ending)\b)|\bthe\s+quarter['’]s\b", re.IGNORECASE)
#: the words that set a value against an earlier one ("from $22.9bn", "compared with"):
#: FROM_BEFORE here, and the totals (frame.portion) and multiples (frame.multiples) that
#: are never such a value
EARLIER_WORDS = r"from|versus|vs\.?|compared\s+(?:with|to)"
#: "from" (and a qualifier) just before a value: an earlier period's value
FROM_BEFORE = lazy_compile(
    globals(), "FROM_BEFORE", rf"\b(?:{EARLIER_WORDS}|against|"
                              r"short\s+of|below|above|than|on)\s+(?:the\s+)?"
                              r"(?:(?:about|around|roughly|nearly|almost|some|just)\s+)?$")
#: a sentence that pairs a list of names with a list of values in order
RESPECTIVELY = lazy_compile(globals(), "RESPECTIVELY", r"\brespectively\b", re.IGNORECASE)
#: a statement about where visitors, students or buyers come from: its subject is their origin
#: ("the largest source market", "China remained the largest source with 41,000 students")
SOURCE_MARKET = lazy_compile(globals(), "SOURCE_MARKET",
                             r"\b(?:largest|biggest|main|top|leading|second|third)\s+source\b"
                             r"(?!\s+of\b)|"  # (not "the largest source of rare earths")
                             r"\bsource\s+(?:markets?|countr(?:y|ies))\b", re.IGNORECASE)
#: after an earlier level: its period is the statement's, a year before
YEAR_EARLIER = lazy_compile(
    globals(), "YEAR_EARLIER",
    r"\s*(?:(?:in|for|during)\s+)?(?:a\s+year\s+(?:earlier|ago|before)|the\s+(?:previous|prior|"
    r"preceding)\s+year|the\s+year\s+(?:before|earlier)|(?:twelve|12)\s+months\s+(?:earlier|"
    r"before)|(?:in\s+)?the\s+year-?(?:earlier|ago)\s+(?:period|quarter))\b",
    re.IGNORECASE)
#: words that make a share one of a world total, never of a place's
WORLD_WORDS = lazy_compile(globals(), "WORLD_WORDS", r"\b(?:global|world(?:wide|'s|’s)?|"
                           r"international|internationally)\b", re.IGNORECASE)
#: the words of a share's whole that make it a market's, shared by every seller in it
MARKET_WORDS = lazy_compile(globals(), "MARKET_WORDS", r"\b(?:market|industry|sector|segment)\b",
                            re.IGNORECASE)
#: a paragraph's or list item's label: "**United Kingdom.** Revenue rose ..." (the bold
#: marks read as spaces), "North America: revenue was ..."
PARAGRAPH_LABEL = lazy_compile(globals(), "PARAGRAPH_LABEL",
                               r"\s*([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})[.:]\s+(?=[A-Z])")
#: right after a figure, the year it is of: "€3.05 billion; that is the 2023 figure"
THAT_IS_YEAR = lazy_compile(globals(), "THAT_IS_YEAR",
                            r"\s*[;,]\s*(?:that|this|which)\s+(?:is|was)\s+(?:the|its)\s+"
                            r"(?P<year>(?:19|20)\d\d)\s+(?:figure|number|total|level|result)\b",
                            re.IGNORECASE)
#: before a year a change is measured against: "down 3% on 2023", "up 5% versus 2022"
#: right after a value: it held for a part of the year only ("averaged 14.4% for most of the
#: year and were raised to 20.56% in August"), never the year's figure
#: a figure written as a bound ("below 40 hp", "drops below 1.9bn tonnes", "fewer than
#: 300"): where a figure lies, never an amount (no part of a total, no change by it)
BOUND = lazy_compile(
    globals(), "BOUND",
    r"(?:below|above|under|over|beneath|less\s+than|more\s+than|fewer\s+than)\b",
    re.IGNORECASE)
PART_OF_YEAR = lazy_compile(
    globals(), "PART_OF_YEAR",
    r"[^.;,]{0,24}?\bfor\s+(?:most|much|part|parts|the\s+rest)\s+of\s+(?:the|that|this|last)"
    r"\s+year\b", re.IGNORECASE)
#: an amount of one of several after a level ("spent €6.10 each", "790 members each"): no
#: level of what it names
EACH_AFTER = lazy_compile(globals(), "EACH_AFTER",
                          r"(?:\s+(?:in|of))?(?:\s+[a-z-]+){0,3}?"  # ("$1.9 million in annual
                          # sales each", "790 members each": an amount of one of several)
                          r"\s+(?:each|apiece|a\s+head|per\s+head|per\s+person)\b"
                          r"(?!\s+(?:year|month|quarter|week|day|season)\b)")
#: a rate of one month ("reached 92% in December"): no year's rate, and no month is a period
IN_MONTH = lazy_compile(globals(), "IN_MONTH", r"\s+(?:in|during|for)\s+" + MONTH + r"\b")
#: what a change is measured against ("down 3% on 2023", "16% more than in FY2024"), not
#: the year of the sentence
BASE_YEAR = lazy_compile(globals(), "BASE_YEAR",
                         r"(?:(?:%|per\s?cent|points?)\s+(?:on|versus|vs\.?|against)\s+"
                         r"(?:the\s+)?(?:previous\s+year,?\s+|same\s+(?:quarter|period|month|half)"
                         r"\s+(?:of|in)\s+)?|\b(?:more|less|higher|lower|"
                         r"fewer|greater|bigger|smaller)\s+than\s+(?:in\s+)?)$", re.IGNORECASE)
#: verbs that make their pack's measure only where the figure names none (see
#: PatternFrames.verb_measure_for): "accounted for 45% of card transactions" is of the
#: transactions
SHARE_VERB = lazy_compile(globals(), "SHARE_VERB", r"\baccount(?:s|ed|ing)?\s+for\b",
                          re.IGNORECASE)
#: an earlier year's figure in brackets after this year's, "£74.3bn (2023: £71.4bn)": the
#: bracket's opening up to its colon, right before the earlier figure (YEAR_COLON) or
#: right after this year's (BRACKET_YEAR)
_BRACKET_YEAR = r"\(\s*(?:FY\s*)?((?:19|20)\d\d)\s*:"
YEAR_COLON = lazy_compile(globals(), "YEAR_COLON", _BRACKET_YEAR + r"\s*$", re.IGNORECASE)
BRACKET_YEAR = lazy_compile(globals(), "BRACKET_YEAR", r"\s?" + _BRACKET_YEAR, re.IGNORECASE)
#: "there" after a noun, standing for a place said before ("Our revenue there rose"), not
#: the "there" of "there were"
THERE_BEFORE = lazy_compile(
    globals(), "THERE_BEFORE",
    r"(?<=[a-z]) there (?!(?:is|are|was|were|will|would|have|has|had|be|being|been)\b)[a-z]")
#: a year after an owner's "its", as its noun's adjective ("and narrowed its 2024 capital
#: spending guidance"): that noun's period; but "in its 2024 fiscal year" is the figure's
OWNED_YEAR_BEFORE = lazy_compile(globals(), "OWNED_YEAR_BEFORE",
                                 r"(?:^|\b(\w+)\s+)(?:its|their|our)\s+$", re.IGNORECASE)
#: a verb of passing another, right before the one passed ("overtaking Vietnam as the
#: third-largest producer"): the one passed holds no rank it is said to have lost
PASSING = lazy_compile(
    globals(), "PASSING",
    r"\b(?:overt(?:aking|ook|aken|akes)|overtake|pass(?:ing|ed|es)|surpass(?:ing|ed|es)?|"
    r"displac(?:ing|ed|es)|replac(?:ing|ed|es)|unseat(?:ing|ed|s)?|dethron(?:ing|ed|es)|"
    r"edg(?:ing|ed)\s+out|push(?:ing|ed)\s+aside)\s+(?:the\s+)?$", re.IGNORECASE)
#: "there" right after a figure and what it counts ("We have 420 million unit cases there,"
#: "sold 1.2 million cars there last year"): of a place said before
THERE_AFTER = lazy_compile(
    globals(), "THERE_AFTER",
    r"(?:\s+[a-z][\w-]*){0,3}\s+there(?=\s*[,.;:)]|\s*$|\s+(?:in|last|this|during|by|alone)\b)")
#: what a change is measured against, after it: "a third more than in 2019" (the year)
THAN_YEAR = lazy_compile(globals(), "THAN_YEAR",
                         r"\s+(?:more|less|higher|lower|fewer|above|below|up|down)\s+"
                         r"(?:than|on|from)\s+(?:in\s+|at\s+the\s+end\s+of\s+)?((?:19|20)\d\d)\b",
                         re.IGNORECASE)
#: a clause that says what happened at the time named right before it ("2023, when")
WHEN_GAP = lazy_compile(globals(), "WHEN_GAP", r"[\s,]*when\s*", re.IGNORECASE)
SHARE_OF_START = lazy_compile(
    globals(), "SHARE_OF_START", r"^(?:market\s+)?(?:share|portion|part)\s+of\s+(?:the\s+)?")
IN_PLACE_END = lazy_compile(
    globals(), "IN_PLACE_END", r"\b[Ii]n\s+(?P<place>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}),?\s*$")
CJK = lazy_compile(globals(), "CJK", r"[\u4e00-\u9fff]")
ZH_SHARE = lazy_compile(globals(), "ZH_SHARE",
    r"(?P<head>[\u4e00-\u9fff（）()]{1,20}?)占(?:据)?(?:全球|世界|全世界)(?:总)?(?:的)?"
    r"(?:份额的?|比重的?)?(?:约|近|超过|逾)?$"
)
LEVEL_DIMS_SKIP = frozenset({"time", "ratio", "count", "points"})


def clause_breaks(text: str) -> list[tuple[int, int]]:
    """The spans of the clause breaks of a sentence (scan it once, ask :func:`bounds_in`)."""
    return [m.span() for m in CLAUSE_BREAK.finditer(text)]


def bounds_in(breaks: list[tuple[int, int]], length: int, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end) of a sentence of ``length`` with those ``breaks``."""
    lo, hi = 0, length
    for b_start, b_end in breaks:
        if b_end <= start:
            lo = b_end
        elif b_start >= end:
            hi = b_start
            break
    return lo, hi


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``text`` around [start, end): between the clause breaks either side."""
    return bounds_in(clause_breaks(text), len(text), start, end)


NP_WORD = lazy_compile(globals(), "NP_WORD", r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def measure_np(text: str, pos: int, prep: re.Pattern[str] | None = None) -> tuple[str, int] | None:
    """The noun phrase after ``of`` (or ``prep``) at ``pos``: (phrase, end index), or None."""
    m = (prep or OF_NP).match(text, pos)
    if m is None:
        return None
    words: list[str] = []
    end = m.start("np")
    for w in NP_WORD.finditer(text[m.start("np") : m.end("np")]):
        if not words and w.group().lower() in ("the", "its", "their", "this"):
            words.append(w.group())
            continue
        if w.group().lower() in NP_STOP:
            break
        words.append(w.group())
        end = m.start("np") + w.end()
    if not words:
        return None
    # a trailing "from <source>", "for <use>", "in <segment>" changes what is counted
    tail = TAIL_PP.match(text, end)
    if tail and not YEARISH.match(tail.group("obj")):
        words += [tail.group("prep").lower(), tail.group("obj")]
        end = tail.end()
    return " ".join(words), end


POSSESSIVE_NP = lazy_compile(
    globals(), "POSSESSIVE_NP", r"\s*[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s\s+[a-z]")
OP_QUALIFIER = {"eq": "", "gt": "over", "ge": "at_least", "lt": "under", "le": "up_to"}


def share_of_possessive(mention: Mention, text: str, me: int) -> Mention | None:
    """``roughly half of China's soybean imports``: a share, not a comparison with China.

    The grammar reads "<fraction> of X's" as a comparison (as in "less than one-tenth of
    China's"); when X's is followed by a noun phrase, it is a share of X's M.
    """
    comp = mention.comparison
    if comp is None or comp.factor is None or comp.op not in OP_QUALIFIER:
        return None
    if not mention.text.rstrip().endswith(" of") or not POSSESSIVE_NP.match(text, me):
        return None
    low, high = comp.factor.low, comp.factor.high
    if low is None or high is None:
        return None
    x, h = (low + high) * 50, (high - low) * 50
    qualifier = OP_QUALIFIER[comp.op]
    value = Value(
        clip_share(reading(x, h, qualifier, "speaker")),
        clip_share(reading(x, h, qualifier, "strict")),
        "percent",
        "share",
    )
    written = mention.text.rstrip()[:-3].rstrip()
    return dataclasses.replace(
        mention,
        end=mention.start + len(written),
        text=written,
        kind="quantity",
        value=value,
        comparison=None,
        qualifier=mention.qualifier or qualifier,
    )


TARGET = lazy_compile(globals(), "TARGET",
    r"\s*(?:that\s+of\s+|those\s+of\s+)?(?P<target>(?:the\s+)?[A-Z][\w.&-]*"
    r"(?:\s+[A-Z][\w.&-]*)*['’]s)(?![\w-])"
)
#: "... twice as many parcels as ParcelLine": the counted noun phrase and the other side
AS_MANY = lazy_compile(globals(), "AS_MANY",
    r"\s+as\s+(?:many|much)\s+(?P<np>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)\s+as\s+"
    r"(?:that\s+of\s+|those\s+of\s+)?(?:the\s+)?(?P<target>[A-Z][\w.&'’-]*"
    r"(?:\s+[A-Z][\w.&'’-]*){0,3})(?!['’]s)")
#: the verb right before a multiple: "delivers twice as many", "booked three times as much"
VERB_BEFORE = lazy_compile(globals(), "VERB_BEFORE",
    r"(?<![\w-])(?P<verb>[a-z]+(?:ed|es|s)|has|had|have|sold|made|won|took|built|grew|ran|"
    r"flew|spent)\s+$")
COMPARED = lazy_compile(globals(), "COMPARED",
    r"['’]s\s+(?P<np>(?:[A-Za-z0-9][\w-]*\s+){0,5}?[A-Za-z0-9][\w-]*)\s+"
    r"(?:(?:is|was|are|were|remains|remained|stands|stood)\s+(?:now\s+|still\s+|only\s+)?)?$"
)


def multiple_as_comparison(mention: Mention, text: str, me: int) -> Mention | None:
    """``twice Germany's``, ``three times Peru's``: a comparison with a factor."""
    target = TARGET.match(text, me)
    if target is None or mention.value is None:
        return None
    comparison = Comparison("eq", mention.value.speaker, target.group("target"))
    return dataclasses.replace(mention, kind="comparison", comparison=comparison)


#: a rank that its own verb states: "ranked second", "came third", "finishes first"
RANK_VERB = lazy_compile(globals(), "RANK_VERB",
                         r"(?:rank(?:s|ed|ing)?|came|comes|finish(?:ed|es)|placed)\b",
                         re.IGNORECASE)
#: what stands between a rank and its figure: "ranked second with 7.6 million"
WITH_GAP = lazy_compile(globals(), "WITH_GAP",
                        r"\s+with\s+(?:(?:about|around|roughly|some|nearly|almost|just)\s+)?",
                        re.IGNORECASE)
#: a verb of having right before a rank: "has the world's busiest stations"
HAS_BEFORE = lazy_compile(globals(), "HAS_BEFORE", r"\b(?:has|have|had|owns?|runs?|operates?)\s+$",
                          re.IGNORECASE)
#: a superlative of how each one is, not of how many or how much ("busiest", "richest")
NOT_SIZE = lazy_compile(globals(), "NOT_SIZE", r"\b(?:busiest|richest|wealthiest)\b",
                        re.IGNORECASE)
#: a place right after a figure: "more than 70% in the Netherlands"
IN_PLACE_AFTER = lazy_compile(globals(), "IN_PLACE_AFTER",
                              r"\s+in\s+(?:the\s+)?([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})")
#: a place named only as "the country" after a figure: "completed 720 million trips in the
#: country that year" (whose, when no place is known, nobody can say)
IN_THE_PLACE = lazy_compile(globals(), "IN_THE_PLACE",
                            r"[^.;]{0,40}?\bin\s+the\s+(?:country|region|city|state|province|"
                            r"nation)\b")
