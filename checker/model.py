"""The plain data passed between pipeline stages.

files -load-> SourceFile/Document -segment-> Sentence -parse-> Mention -frame-> Claim
-index-> ClaimIndex -rules-> Finding -report-> text/json/...

Every class here is a frozen dataclass with slots (no ``__dict__`` per instance: a 100k
article run holds hundreds of thousands of claims, mentions and locations) holding only
builtins, ``Fraction`` and other classes of this module: never a lark tree or a pint
quantity. Offsets are indexes into ``SourceFile.text`` (the decoded file with any BOM
removed), in Unicode code points.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

Severity = Literal["error", "warning"]
ClaimKind = Literal["level", "share", "change", "rate", "rank"]
Modality = Literal["fact", "projection", "estimate"]

SEVERITY_ORDER: dict[str, int] = {"warning": 1, "error": 2}


# --------------------------------------------------------------------------- load


@dataclass(frozen=True, slots=True)
class Location:
    """A span of a file, 1-based; ``end_column`` is the column after the last character."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class TableCell:
    """Context of a Markdown table cell: its row's subject and its column's header."""

    row_subject: str  # the first cell of the row, as written
    header: str  # the column header, as written ("Reserves (Mt)", "2023", "Share")
    caption: str  # the nearest heading or caption above the table ("" if none)
    is_total_row: bool  # row named World / Total / Global
    headers: tuple[str, ...] = ()  # every header of the table, the first column's first


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of prose inside a document.

    ``text`` has exactly the length of ``SourceFile.text[start:start + len(text)]``:
    what is not prose (inline code, URLs, link targets, markup) is replaced by spaces,
    so an offset inside ``text`` plus ``start`` is an offset in the file.
    """

    start: int
    text: str
    role: Literal["title", "heading", "paragraph", "list_item", "table_cell", "text"]
    table: TableCell | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One article. A digest file holds several; a Markdown or text file holds one."""

    path: str  # project-relative, with "/"
    index: int  # 0-based ordinal of the article inside its file
    title: str
    date: _dt.date | None
    publisher: str
    topic: str  # topic tag (digest header) or front matter "topic"/"tags"; "" if none
    segments: tuple[Segment, ...]
    title_start: int = -1  # offset of the title in the file, -1 if the title is metadata only
    entity: str = ""  # front matter "entity": who the document speaks for ("we", "the company")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the loader could not do well; becomes an FC9xx finding."""

    code: str  # FC901, FC903, FC904, FC905
    message: str
    path: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str
    text: str  # decoded, BOM removed; "" when the file was skipped
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...] = ()
    sha256: str = ""


# -------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class Interval:
    """A set of real numbers between two bounds; ``None`` is an infinite bound.

    The default is half-open, ``[low, high)``.
    """

    low: Fraction | None
    high: Fraction | None
    low_open: bool = False
    high_open: bool = True

    def intersects(self, other: Interval) -> bool:
        # low side: the larger low bound; high side: the smaller high bound
        lo, lo_open = _max_low(self, other)
        hi, hi_open = _min_high(self, other)
        if lo is None or hi is None:
            return True
        if lo < hi:
            return True
        return lo == hi and not lo_open and not hi_open

    def text(self) -> str:
        """``[57, 63)`` - the interval as the messages print it."""
        left = "(" if self.low_open or self.low is None else "["
        right = ")" if self.high_open or self.high is None else "]"
        lo = "-inf" if self.low is None else format_number(self.low)
        hi = "inf" if self.high is None else format_number(self.high)
        return f"{left}{lo}, {hi}{right}"


def _max_low(a: Interval, b: Interval) -> tuple[Fraction | None, bool]:
    if a.low is None:
        return b.low, b.low_open
    if b.low is None:
        return a.low, a.low_open
    if a.low > b.low:
        return a.low, a.low_open
    if b.low > a.low:
        return b.low, b.low_open
    return a.low, a.low_open or b.low_open


def _min_high(a: Interval, b: Interval) -> tuple[Fraction | None, bool]:
    if a.high is None:
        return b.high, b.high_open
    if b.high is None:
        return a.high, a.high_open
    if a.high < b.high:
        return a.high, a.high_open
    if b.high < a.high:
        return b.high, b.high_open
    return a.high, a.high_open or b.high_open


def format_number(x: Fraction) -> str:
    """Exact decimal text of ``x`` when it has one (``57``, ``68.5``), else 6 significant digits."""
    if x.denominator == 1:
        return str(x.numerator)
    d = x.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d == 1:
        places = max(twos, fives)
        scaled = x * 10**places
        sign = "-" if scaled < 0 else ""
        digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
        return f"{sign}{digits[:-places]}.{digits[-places:]}"
    return f"{float(x):.6g}"


@dataclass(frozen=True, slots=True)
class Value:
    """A quantity read as its writer meant it, in the canonical unit of its dimension.

    ``speaker`` is the default reading ("over 80%" = (80, 88]); ``strict`` the literal one
    ("over 80%" = (80, inf)). ``unit`` is the canonical unit's name in the definitions file
    ("percent", "percentage_point", "tonne", "USD", "dollar", "" for a bare count);
    ``dimension`` groups units that convert into each other.

    ``stated`` is the number as written, scale words applied, in the unit as written
    (``stated_unit``, a unit name of the definitions file: "gigawatt_hour", "mile",
    "dollar", "" for a bare count): one number for a figure ("$800 million" -> 800000000),
    a range's two ends ("10-12 Mt" -> 10, 12). The parser fills both; a value a framer
    derives (a table cell scaled by its header, a fall read as negative) may leave them
    empty.
    """

    speaker: Interval
    strict: Interval
    unit: str
    dimension: str
    stated: tuple[Fraction, ...] = ()
    stated_unit: str = ""


@dataclass(frozen=True, slots=True)
class Comparison:
    """A comparative statement: ``less than one-tenth of China's``, ``exceeds``, ``twice``."""

    op: Literal["gt", "lt", "ge", "le", "eq", "slightly_above", "slightly_below"]
    factor: Interval | None  # one-tenth -> [0.095, 0.105); None when no factor is written
    target_text: str  # the compared thing as written ("China's"), "" if not found


# ------------------------------------------------------------------------ mentions


@dataclass(frozen=True, slots=True)
class Mention:
    """A quantity, rank or comparison expression recognised by the grammar."""

    start: int
    end: int
    text: str  # as written
    kind: Literal["quantity", "range", "rank", "comparison", "multiple"]
    value: Value | None  # None for a bare rank or a comparison without a number
    qualifier: str = ""  # normalised: "", approx, nearly, over, at_least, up_to, under
    rank: int | None = None  # "third-largest" -> 3; "the world's largest" -> 1
    rank_order: Literal["largest", "smallest", ""] = ""
    comparison: Comparison | None = None
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one segment, with the mentions found in it."""

    start: int  # offset in the file
    text: str
    role: str  # the segment's role
    mentions: tuple[Mention, ...]
    table: TableCell | None = None
    skipped_digits: bool = False  # has a digit that is not a mention and not a known non-quantity
    #: why a mention was not framed: (its start, one of :data:`UNFRAMED_REASONS`)
    unframed: tuple[tuple[int, str], ...] = ()
    #: counts in words ("eight changes") no mention holds: listed, never framed
    counts: tuple[Mention, ...] = ()


#: Why a mention stays unframed, as ``factlint claims`` says it (a closed set).
UNFRAMED_REASONS = {
    "no-statement": "no statement shape around it names who states it",
    "no-measure": "its statement names who, but not what is measured",
    "not-asserted": "a threat, condition, question, offer, or a figure the text disputes",
    "no-period": "a plan with no year, or a clause that states several periods",
    "comparison": "a comparison or multiple whose other side is not named",
    "table-cell": "a table cell whose headers name no measure or no unit",
    "count": "a number word counting things (eight changes): listed, never compared",
}


# -------------------------------------------------------------------------- claims


@dataclass(frozen=True, slots=True)
class Period:
    """When a claim holds.

    ``granularity`` is "year" for annual or undated statements, "quarter" / "months" for
    shorter ones; claims of different granularity are never compared. ``years`` empty means
    unknown (a document with no date and no stated period): comparable with anything, at
    warning level at most.
    """

    years: frozenset[int]
    granularity: Literal["year", "quarter", "months"] = "year"
    part: str = ""  # "Q4", "Jan-Aug" for sub-annual periods
    stated: bool = False  # the text says the period (vs. taken from the document date)
    projection: bool = False  # "by 2030", a target or a forecast

    def label(self) -> str:
        if not self.years:
            return "undated"
        ys = sorted(self.years)
        span = str(ys[0]) if len(ys) == 1 else f"{ys[0]}\u2013{ys[-1]}"
        return f"{self.part} {span}".strip()


@dataclass(frozen=True, slots=True)
class Claim:
    """Who (subject), what (measure, kind), when (period) and the value of one statement."""

    mention: Mention
    location: Location  # the claim's text
    text: str  # the statement as written ("approximately 60% of global rare earth mining")
    subject: str  # normalised key ("China")
    measure: str  # normalised measure key ("rare earth mining")
    kind: ClaimKind
    period: Period
    doc_index: int = 0
    modality: Modality = "fact"
    in_title: bool = False
    subject_text: str = ""
    measure_text: str = ""
    total: str = ""  # whose total a share is of ("world" unless stated otherwise)
    shape: str = ""  # the statement shape that framed it (grammar/statement.lark rule, ...)

    @property
    def path(self) -> str:
        return self.location.path

    def key(self) -> tuple[str, str, str]:
        return (self.subject, self.measure, self.kind)


# ------------------------------------------------------------------------ findings


@dataclass(frozen=True, slots=True)
class Related:
    location: Location
    role: Literal["conflicts", "evidence"]
    claim: Claim | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # "FC101"
    name: str  # "value-conflict"
    severity: Severity
    message: str
    location: Location
    claim: Claim | None = None
    related: tuple[Related, ...] = ()
    conflict_id: str = ""
    fingerprint: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule, self.message)


@dataclass(frozen=True, slots=True)
class Stats:
    files: int = 0
    documents: int = 0
    mentions: int = 0
    claims: int = 0
    unframed: int = 0
    skipped_sentences: int = 0
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What ``factlint rules`` lists and ``--explain`` prints for one rule."""

    code: str
    name: str
    severity: Severity
    origin: str  # "builtin", the distribution name, or the rules_dir path
    doc: str


@dataclass(frozen=True, slots=True)
class Settings:
    """Tool settings after config and CLI are merged (facts are kept in facts files)."""

    bounds: Literal["speaker", "strict"] = "speaker"
    ton: Literal["metric", "short"] = "metric"
    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    fail_on: Severity = "error"
    max_bytes: int = 10 * 1024 * 1024
    extensions: tuple[str, ...] = (".md", ".markdown", ".txt")
    facts_files: tuple[str, ...] = ()
    ignored_fingerprints: frozenset[str] = frozenset()
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def is_money(dimension: str) -> bool:
    """Whether a dimension (or unit) is a currency: "dollar" (a bare $) or a code ("GBP")."""
    return dimension == "dollar" or dimension.isupper()


def dollar_as_usd(dimension: str) -> str:
    """The dimension (or unit) a figure is compared in: a bare $ as a US dollar ("dollar"
    and "USD" are one, "$27.6 billion" and "276亿美元" one figure)."""
    return "USD" if dimension in ("dollar", "USD") else dimension


def fingerprint_of(finding: Finding) -> str:
    """The finding's fingerprint; for a finding without one (FC9xx), a hash of rule, path, message.

    Problem findings (a binary file, bad front matter) carry no line in their identity
    beyond what their message says, which is as stable as they get.
    """
    if finding.fingerprint:
        return finding.fingerprint
    text = "\x1f".join((finding.rule, finding.location.path, finding.message))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
