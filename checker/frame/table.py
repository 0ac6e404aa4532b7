"""Frame a Markdown table cell: the row names the subject, the column header the measure.

A header that is a year or quarter is the period, and the measure comes from the nearest
heading or caption; a unit in the header (``Reserves (Mt)``, ``$bn``, ``Share of world``)
applies to bare numbers in its cells; rows named World / Total / Global are totals.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction

from factlint import interval, periods
from factlint.frame import patterns as P
from factlint.frame.context import DocContext
from factlint.frame.lexicon import Lexicon, normalise_phrase
from factlint.frame.names import clean_name
from factlint.frame.titles import title_place
from factlint.model import Claim, ClaimKind, Location, Mention, Period, Sentence, Value
from factlint.parse.units import surface_unit, unit_info
from factlint.util.lazyre import lazy_compile

_YEAR_HEADER = lazy_compile(globals(), "_YEAR_HEADER", r"^\s*(?:FY\s*)?(?P<y>(?:19|20)\d\d)\s*$")
#: what a year row may add to its year: "2025 (forecast)", "2025e", "2025f"
_FORECAST_ROW = lazy_compile(globals(), "_FORECAST_ROW",
                             r"(?<=\d)[efp]\b|\s*\((?:forecast|estimated?|projected|target)\)",
                             re.IGNORECASE)
_QUARTER_HEADER = lazy_compile(
    globals(), "_QUARTER_HEADER", r"^\s*Q(?P<q>[1-4])\s*(?P<y>(?:19|20)\d\d)\s*$")
_PAREN = lazy_compile(globals(), "_PAREN", r"\(([^)]*)\)")
_SCALES = {"k": 10**3, "000": 10**3, "thousand": 10**3, "thousands": 10**3, "m": 10**6, "mn": 10**6,
           "million": 10**6, "millions": 10**6, "bn": 10**9, "b": 10**9, "billion": 10**9,
           "billions": 10**9, "tn": 10**12, "trillion": 10**12, "万": 10**4, "亿": 10**8}
_CURRENCIES = {"$": "dollar", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
               "gbp": "GBP", "a$": "AUD", "aud": "AUD", "c$": "CAD", "cad": "CAD", "¥": "JPY",
               "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "美元": "USD"}
_SHARE_HEADER = lazy_compile(
    globals(), "_SHARE_HEADER", r"\b(?:share|percent|per\s+cent)\b|%", re.IGNORECASE)
_MARKUP = lazy_compile(globals(), "_MARKUP", r"[*_`]+")
_PER = lazy_compile(
    globals(), "_PER", r"\b(?:by|per)\s+(?:year|country|region|quarter|month)\b", re.IGNORECASE)
_YEAR_WORDS = lazy_compile(globals(), "_YEAR_WORDS", r"\b(?:in|of)?\s*(?:19|20)\d\d\b")
#: a day of a month ("30 June", "June 30", "end-June"): when, never what
_DAY_WORDS = lazy_compile(
    globals(), "_DAY_WORDS",
    r"\b(?:(?:at\s+)?(?:end[- ]|\d{1,2}\s+)" + periods.MONTH + "|" + periods.MONTH +
    r"\s+\d{1,2})\b", re.IGNORECASE)
#: words of a header or caption that make a table a market's, not a company's own
_MARKET_WORDS = lazy_compile(globals(), "_MARKET_WORDS",
                             r"\b(?:market|industry|sector|national)\b",  # (not "Country", "by
                             # country": the rows, not what is measured)
                             re.IGNORECASE)
#: a share of each row's own price: "Total tax share of price" (a price is no total that
#: rows split)
_RATIO_HEADER = lazy_compile(
    globals(), "_RATIO_HEADER",
    r"\b[Ss]hare\s+of\s+(?:the\s+|its\s+|their\s+)?(?:(?:retail|pack|selling|consumer)\s+)?"
    r"prices?\b")
#: a share column of a company's own total ("Share of group volume", "% of our revenue")
_OWN_TOTAL = lazy_compile(globals(), "_OWN_TOTAL", r"\b(?:group|our|company|total)\b",
                          re.IGNORECASE)
#: of those, one that says "share of" its own whole ("Share of group"), whatever the rows
#: are ("total" left out: "Share of total" may be a market's)
_GROUP_SHARE = lazy_compile(globals(), "_GROUP_SHARE",
                            r"\bshare\s+of\s+(?:the\s+)?(?:group|company|our)\b",
                            re.IGNORECASE)
#: a column of market shares ("Share of UK pet food sales", "Market share")
_MARKET_SHARE_HEADER = lazy_compile(globals(), "_MARKET_SHARE_HEADER",
                                    r"\bmarket\s+share\b|\bshare\s+of\b|^\s*share\b",
                                    re.IGNORECASE)
_SHARE_WORDS = lazy_compile(
    globals(), "_SHARE_WORDS", r"\b(?:share|percent|per cent)\s+of\b|\bshare\b|%", re.IGNORECASE)
_GENERIC = lazy_compile(
    globals(), "_GENERIC", r"^\s*(?:share(?:\s+of\s+(?:the\s+)?(?:world|global|total))?|value|"
                      r"values|figure|amount|%|total)\s*$", re.IGNORECASE)


def _strip_markup(text: str) -> str:
    return _MARKUP.sub("", text).strip()


def _header_unit(header: str) -> tuple[str, Fraction] | None:
    """(unit name, scale) declared by a header, or None: a unit in brackets first ("Shipments
    by vendor (million units) and share of 2024 shipments" counts units), else a share."""
    tail = header.rstrip(" :.").rsplit(",", 1)  # "..., million units": a caption's unit
    for inner in [*_PAREN.findall(header), *(tail[1:] if len(tail[-1]) < 30 else [])]:
        tokens = re.findall(r"US\$|A\$|C\$|[$€£¥]|[A-Za-z]+/[A-Za-z]+|[A-Za-z0-9]+|"
                            r"[\u4e00-\u9fff]+", inner)
        unit, scale = "", Fraction(1)
        for tok in tokens:
            low = tok.lower()
            if low in _CURRENCIES:
                unit = _CURRENCIES[low]
            elif low in _SCALES and not unit.endswith("tonne") and (
                    not unit or unit in _CURRENCIES.values()):
                scale *= _SCALES[low]
            else:
                name = surface_unit(tok)
                if name is not None:
                    unit = name
        if unit:
            return unit, scale
        if scale != 1:
            return "", scale
    if _SHARE_HEADER.search(header):
        return "percent", Fraction(1)
    return None


def _cell_value(mention: Mention, header: str, ton: str, caption: str = "") -> Value | None:
    """The value of a cell under ``header`` (and, for a column headed by a year alone, the
    table's ``caption``: "International students by host country")."""
    value = mention.value
    if value is None or mention.kind not in ("quantity", "range"):
        return None
    if value.dimension != "count":
        return value
    declared = _header_unit(header)
    if declared is None:
        # a count of what the header names in the plural ("Screens, end-2024", "Deliveries
        # 2024"): the number as it stands; a header of no plural noun counts nothing known
        named = _header_words(header) or _header_words(caption)
        return value if _COUNT_HEADER.search(named) else None
    unit, scale = declared
    info = unit_info(unit, ton) if unit else None
    factor = scale * (info.factor if info else 1)
    speaker = interval.scale(value.speaker, factor)
    strict = interval.scale(value.strict, factor)
    if info is not None and info.dimension == "share":
        if speaker.low is not None and speaker.low > 100:
            return None  # "232.1" under a share's header: the header misread, no share
        speaker, strict = interval.clip_share(speaker), interval.clip_share(strict)
    return Value(speaker, strict, info.name if info else "", info.dimension if info else "count")


#: a header whose last word is a plural noun: what its cells count ("Screens", "Vehicles sold"
#: ends in a participle after it)
_COUNT_HEADER = lazy_compile(
    globals(), "_COUNT_HEADER",
    r"\b[A-Za-z]{3,}(?<![su]s)(?<!ss)s(?:\s+(?:sold|delivered|registered|shipped|built|"
    r"made|opened|closed|carried|served|handled))?"
    r"(?:\s+(?:per|a|an|each)\s+(?:day|night|week|month|year|hour))?$", re.IGNORECASE)
#: first-column headers that say the rows are measures, not subjects
_MEASURE_ROWS = frozenset({"measure", "metric", "item", "indicator", "key figures", "figure",
                           "line", "kpi", ""})
_CHANGE_HEADER = lazy_compile(
    globals(), "_CHANGE_HEADER", r"\b(?:change|growth|y/y|yoy|year-on-year|increase)\b",
    re.IGNORECASE)
_BY_WHOM = lazy_compile(  # "by vendor", "by host country": a breakdown, no measure
    globals(), "_BY_WHOM", r"\bby\s+[a-z-]+(?:\s+[a-z-]+){0,2}(?=\s*(?:[,(:]|$))",
    re.IGNORECASE)
_FORECAST_HEADER = lazy_compile(
    globals(), "_FORECAST_HEADER",
    r"\b(?:19|20)\d\d(?:/\d\d)?[fpe]\b|\b(?:forecast|projected|projection|outlook|"
    r"estimated?|target)\b", re.IGNORECASE)
_SLASH_UNIT = lazy_compile(globals(), "_SLASH_UNIT", r"[A-Za-z]+/[A-Za-z]+")


_BARE_YEAR = lazy_compile(globals(), "_BARE_YEAR", r"(?<![\d.,])((?:19|20)\d\d)(?![\d,.%])")


#: a unit per person: "Beer (litres per head)" counts what each one drinks, not the total
_PER_CAPITA = lazy_compile(
    globals(), "_PER_CAPITA", r"\b(?:per|a)\s+(?:head|capita|person|inhabitant|resident)\b",
    re.IGNORECASE)


def _header_words(header: str) -> str:
    """The words of a header that can name a measure (no unit, period, share or change); a
    unit per person makes it a measure per capita."""
    if _PER_CAPITA.search(header):
        return f"{_header_words(_PER_CAPITA.sub(' ', header))} per capita".strip()
    text = _PAREN.sub("", header)
    text = _PER.sub("", text)
    text = _BY_WHOM.sub("", text)
    text = re.sub(r"\b(?:19|20)\d\d/\d\d\w?\b|\bQ[1-4]\b|\bH[12]\b|\bFY\b|\bend-?", " ",
                  text)  # seasons first: "2023/24" is one period, not a year and "/24"
    text = _YEAR_WORDS.sub("", _DAY_WORDS.sub(" ", text))
    text = _SHARE_WORDS.sub("", text)
    text = _CHANGE_HEADER.sub("", text)
    text = re.sub(r"\b(?:of\s+)?(?:the\s+)?(?:world|global|total)\b", " ", text,
                  flags=re.IGNORECASE)
    words = text.replace(",", " ").split()
    return " ".join(w for w in words if w.lower() not in _SCALES).strip(" :-,")  # "million"


def _table_measure(cell_headers: tuple[str, ...], own: int) -> str:
    """The measure another column of the table names ("Output 2023/24 (kt)" for a column
    headed "Share of world"), when exactly one does."""
    found = {w for n, h in enumerate(cell_headers) if n and n != own
             for w in [_header_words(_strip_markup(h))]
             if w and not _NO_MEASURE.fullmatch(w.strip())}
    return found.pop() if len(found) == 1 else ""


#: header words that name no measure of their own ("Market share" and "Annual growth" leave
#: "market" and "Annual"): a share or a change of another column's
_NO_MEASURE = lazy_compile(
    globals(), "_NO_MEASURE",
    r"(?:annual|yearly|year[- ]on[- ]year|market|total|overall)?\s*(?:share|growth|change)?",
    re.IGNORECASE)


def measure_from_prose(cells: Sequence[Sentence], prose: Sequence[Claim], ton: str) -> str:
    """The measure of a table whose headers name none, from its document's prose: the one
    measure of the level claims whose values are written as a cell of the table is ("a
    combined 422.9 million international tourist arrivals" and a Total row's "422.9" under
    "2024 (m)"), the title's where the title and the body name it differently; "" when none
    or several. Values of fewer than three digits never anchor."""
    values = {}
    for cell in cells:
        if cell.table is None or len(cell.mentions) != 1 or \
                sum(ch.isdigit() for ch in cell.mentions[0].text) < 3:
            continue
        value = _cell_value(cell.mentions[0], _strip_markup(cell.table.header), ton)
        if value is not None and _middle(value) is not None:
            values[(_middle(value), value.unit)] = value
    matching = [c for c in prose
                if c.kind == "level" and c.mention.value is not None and "[" not in c.measure
                and (_middle(c.mention.value), c.mention.value.unit) in values]
    found = {c.measure for c in matching}
    if len(found) > 1:  # "Solar additions reach 590 GW" over "The world installed 590
        found = {c.measure for c in matching if c.in_title}  # GW of capacity": the title's
    return found.pop() if len(found) == 1 else ""


def region_of(rows: set[str], cell: Sentence, title: str, lexicon: Lexicon) -> str:
    """The region a table of places is about, when its headers, caption or document title
    name one and every place row is in it ("| Germany | ... | Share of EU output |" under
    "EU cement in 2024"): its Total row is that region's, not the world's; "" otherwise."""
    table = cell.table
    said = " ".join((*table.headers, table.caption, title)) if table is not None else title
    places = {p for r in rows if (p := lexicon.place(_strip_markup(r)))}
    return lexicon.region_holding(said, places) if len(places) >= 2 else ""


def partial_total(rows: set[str], cell: Sentence) -> bool:
    """Whether a table's "Total" row totals only its rows, not the world: no row of the
    rest ("Others", "Rest of world") and no header or caption that says world or global
    ("Europe's seven most-visited countries" and their Total are not the world's)."""
    names = {_strip_markup(r).casefold() for r in rows}
    if "total" not in names or names & {"world", "global", "world total"}:
        return False
    if any(_REST_ROW.match(n) for n in names):
        return False
    table = cell.table
    said = " ".join((*table.headers, table.caption)) if table is not None else ""
    return not _WORLD_WORDS.search(said)


#: rows that make a table's rows the whole: "Others", "Rest of world", "All other"
_REST_ROW = lazy_compile(globals(), "_REST_ROW",
                         r"(?:others?|rest(?:\s+of\s+(?:the\s+)?world)?|all\s+others?)\b")
_WORLD_WORDS = lazy_compile(globals(), "_WORLD_WORDS", r"\b(?:world|global|worldwide)\b",
                            re.IGNORECASE)


def _middle(value: Value) -> Fraction | None:
    """The number as written, scaled: "30.50" under "($bn)" and "$30.5 billion" are one
    (None for an open interval: "more than 30")."""
    low, high = value.speaker.low, value.speaker.high
    return None if low is None or high is None else (low + high) / 2


def frame_cell(
    sentence: Sentence, ctx: DocContext, lexicon: Lexicon, locate: Callable[[int, int], Location],
    ton: str = "metric", entity: str = "", borrowed: str = "",
    aliases: Mapping[str, str] | None = None, only_rows: bool = False, region: str = "",
) -> list[Claim]:
    """The claims of one table cell (usually one, or none); ``borrowed`` is the measure the
    document's prose gives a table whose headers name none (:func:`measure_from_prose`),
    ``aliases`` the names the document shortens ("Qilin Biopharma" -> "Qilin"); with
    ``only_rows`` (:func:`partial_total`) a Total row is the rule ``table_total``: a total of
    the rows, checked inside its document and never compared with another's; with ``region``
    (:func:`region_of`) it is that region's total."""
    cell = sentence.table
    if cell is None or not cell.row_subject or len(sentence.mentions) != 1:
        return []
    if _strip_markup(sentence.text) == _strip_markup(cell.row_subject):
        return []  # the subject cell itself
    mention = sentence.mentions[0]
    header = _strip_markup(cell.header)
    headers = cell.headers
    first = _strip_markup(headers[0]) if headers else ""
    own = headers.index(cell.header) if cell.header in headers else -1
    row = _strip_markup(cell.row_subject)
    rows_are_measures = first.lower() in _MEASURE_ROWS and bool(entity)
    year_row = bool(_YEAR_HEADER.match(row) or _QUARTER_HEADER.match(row) or
                    _YEAR_HEADER.match(_FORECAST_ROW.sub("", row)))  # "2025 (forecast)"
    if year_row and not entity:
        return []  # "| 2024 | 1.0 |": a year is no subject, and the document names none
    if cell.is_total_row and ctx.doc.entity and not rows_are_measures:
        return []  # a company's own table (its front matter names it): its Total is the
        # company's, not the world's, and whether its rows are segments or competitors
        # the table does not say
    # when: the header's period, else the row's (a table of years), else the caption's
    period: Period | None = None
    for text in (header, row) if year_row else (header, cell.caption):
        stated = {p[2] for p in periods.stated_periods(text, ctx.doc.date)}
        if not stated and text is header and len(years := _BARE_YEAR.findall(header)) == 1:
            # "2023 average price (£)": a header's one year is its period (in prose "its
            # 2019 average" is a reference, not when)
            stated = {Period(frozenset({int(years[0])}), stated=True)}
        if len(stated) == 1:
            period = stated.pop()
            break
    if period is None:  # "Annual growth" beside "Q3 2024 sales": the table's one period
        stated = {p[2] for h in headers for p in periods.stated_periods(h, ctx.doc.date)}
        period = stated.pop() if len(stated) == 1 else periods.as_of(ctx.doc.date)
    if _FORECAST_HEADER.search(header) or (year_row and _FORECAST_HEADER.search(row)):
        # "2024/25f", "2025 (forecast)", as a column or as a row: a projection
        period = Period(period.years, period.granularity, period.part, True, True)
    # what: the header's words, else the first column's (a measure down the rows), else
    # another column's, else the caption's; an agent noun heading the first column
    # ("Producer", "Exporter") names the verb of the measure
    agent = lexicon.agent_nouns.get(normalise_phrase(first).split()[-1] if first else "", "")
    words = _header_words(header)
    unit_source = header
    if rows_are_measures:
        words, unit_source = _header_words(row), f"{row} {header}"
    if not words and not rows_are_measures and not agent and any(
            w in lexicon.measure_nouns for w in normalise_phrase(_header_words(first)).split()):
        words, unit_source = _header_words(first), f"{first} {header}"
    if all(w in lexicon.scope_words for w in normalise_phrase(words).split()):
        words = ""  # "Annual growth": growth of the measure another column names
    bare = normalise_phrase(words)
    if not words or (_SHARE_HEADER.search(header) and
                     lexicon.synonyms.get(bare, bare) == "market"):
        words = _table_measure(headers, own) or words  # ("Market share" beside "ETF
        # assets, end-2024 (€bn)": a share of the ETF assets)
    if not words and len(cell.caption.split()) <= 10:  # a caption, not a whole paragraph
        words = _header_words(cell.caption)
    elif words and len(cell.caption.split()) <= 10 and \
            lexicon.measure_key(words, "", "") == "revenue":
        said = _header_words(cell.caption)  # "Sales ($bn)" under "Global sportswear sales
        if said.lower().endswith(" " + words.lower()):  # by brand, 2024": sportswear's
            words = said
    value = _cell_value(mention, unit_source if _header_unit(unit_source) else
                        (cell.caption if _header_unit(cell.caption) else header), ton,
                        cell.caption if len(cell.caption.split()) <= 10 else "")
    if value is None:
        return []
    key = lexicon.measure_key(words, agent, ctx.topic) if (words or agent) else None
    if key is None and not agent and not rows_are_measures:
        what, _, _head = borrowed.rpartition(" ")
        own_words = normalise_phrase(words).split()
        if own_words and what and not _SCOPED.search(borrowed) and "market" not in own_words \
                and all(w in lexicon.measure_nouns or w in lexicon.measure_heads
                        for w in own_words):
            # a bare measure noun of its own ("Production 2024" beside "Exports 2024", under
            # prose on tyre exports): tyre production, of what the prose's measure counts
            if what.split()[-1:] == own_words[:1]:  # "Mine output" under prose on gold
                own_words = own_words[1:]  # mine production: one "mine"
            key = lexicon.measure_key(f"{what} {' '.join(own_words)}", "", ctx.topic)
        key = key or borrowed or None  # (words a caption gave that name no measure: no matter)
    if key is None and value.dimension == "share" and not year_row and \
            lexicon.place(row) is None and (market := title_market(lexicon, ctx.doc.title)):
        key = market  # "| Kuriex | 11% |" under "Market shares by volume" in "Germany's
        # parcel market in 2024": shares of German parcels
    if key is None:
        return []
    if value.dimension == "share" and _RATIO_HEADER.search(header) and \
            not P.WORLD_WORDS.search(header) and not _MARKET_WORDS.search(header):
        return []  # "Total tax share of price": each row's part of its own price, no share
        # of one total the rows split
    if value.dimension == "share" and ctx.doc.entity and _GROUP_SHARE.search(header):
        return []  # "Share of group" beside a company's mines: parts of its own output, no
        # share of a market
    if rows_are_measures or year_row:
        subject_text, subject = entity, entity
    else:
        subject_text = row
        subject = (region or "World") if cell.is_total_row else (
            lexicon.place(row) or clean_name(row, lexicon))  # ("Airbnb, Inc.": Airbnb)
        subject = (aliases or {}).get(subject, subject)  # the document's short form of it
        if entity and ctx.doc.entity and subject in lexicon.places and \
                not lexicon.is_total(subject) and " in " not in f" {key} " and not \
                _MARKET_WORDS.search(" ".join((*headers, cell.caption))):
            # "Revenue by region" in a company's own results (its front matter names it):
            # the company's revenue in Europe, not Europe's
            if value.dimension == "share" and _OWN_TOTAL.search(header):
                return []  # "Share of group volume": a part of the company's own total, no
                # share of the place's market
            subject_text, subject, key = entity, entity, f"{key} in {subject}"
    kind: ClaimKind = "share" if value.dimension == "share" else "level"
    if " in " not in f" {key} " and subject not in lexicon.places and any(
            _MARKET_SHARE_HEADER.search(h) for h in headers) and \
            not P.WORLD_WORDS.search(" ".join((*headers, cell.caption, ctx.doc.title))) and \
            (home := title_place(lexicon, ctx.doc.title)):
        key += f" in {home}"  # a market-share table under "UK pet food market": its sellers'
        # sales are their UK sales (not their group revenue), their shares the UK market's
    if _CHANGE_HEADER.search(header):
        if value.dimension != "share":
            return []
        kind = "change"
    mention = Mention(mention.start, mention.end, mention.text, mention.kind, value,
                      mention.qualifier, location=mention.location)
    if kind == "change" and sentence.text[:mention.start - sentence.start].rstrip().endswith(
            ("-", "\u2212", "\u2013")):
        mention = P.signed(mention, True)  # "| -2.9% |": a fall
    return [Claim(
        mention=mention, location=locate(mention.start, mention.end),
        text=f"{subject_text} | {cell.header.strip()} | {mention.text}",
        subject=subject, measure=lexicon.with_unit_material(key, value), kind=kind,
        period=period, doc_index=ctx.doc.index,
        modality="projection" if period.projection else "fact",
        subject_text=subject_text, measure_text=words,
        shape="table_total" if cell.is_total_row and only_rows else "table_row",
    )]


#: a measure scoped to a place, a destination or a source ("revenue in United Kingdom")
_SCOPED = lazy_compile(globals(), "_SCOPED", r"\s(?:in|to|from)\s")


def title_market(lexicon: Lexicon, title: str) -> str:
    """The market a title names with its place ("Germany's parcel market in 2024", "UK pet
    food market review") as a measure key ("parcel in Germany"), "" if it names none or
    no place."""
    m = _TITLE_MARKET.search(title)
    if m is None:
        return ""
    place = lexicon.place(m.group("place")) or lexicon.demonyms.get(m.group("place").lower())
    key = lexicon.measure_key(m.group("what"), "", "") if place else None
    if not place or not key or lexicon.is_total(place):
        return ""
    return f"{key} in {place}"


_TITLE_MARKET = lazy_compile(
    globals(), "_TITLE_MARKET",
    r"\b(?:the\s+)?(?P<place>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})(?:['’]s)?\s+"
    r"(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s+market\b")
