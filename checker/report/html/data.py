"""What the HTML report shows, as plain data: counts, the sections of conflicting keys, the
rows of their charts and the charts that fit a rule.

Nothing here writes HTML or SVG, and no text is escaped here: every string is document text
or built from it, and :mod:`.page` and :mod:`.svg` escape all of it where it is written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from factlint.hookspecs import KeyClaims, RunInfo
from factlint.hookspecs import claim_place as place_of
from factlint.model import Claim, Finding, Interval, format_number

#: Keys drawn as charts; the rest are listed with their findings, without charts.
MAX_CHARTS = 200
#: Rules whose conflicts get a chart of their own besides the key's chart.
RULE_CHARTS = {"FC201": "rank", "FC202": "shares", "FC203": "part", "FC301": "growth",
               "FC302": "comparison"}
_KIND = {"share": "share of", "level": "", "rank": "rank in", "change": "change in",
         "rate": "rate of"}
_TOTALS = {"world", "global", "total", "worldwide"}

Place = tuple[str, int, int, int, int, str]


@dataclass(frozen=True)
class Row:
    """One place that states a figure: a row of a chart."""

    value: str  # the value as written ("approximately 60%")
    text: str  # the statement as written
    subject: str
    path: str
    line: int
    column: int
    interval: Interval | None  # the speaker's reading; None: nothing to draw
    period: str
    side: int = -1  # -1: no side (agrees with every other); 0, 1, ...: a conflicting side
    flagged: bool = False  # a finding stands at this place
    year: int = 0  # the first year of its period, 0 when undated

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.path else ""


@dataclass(frozen=True)
class RuleChart:
    """A chart that fits one conflict of FC201, FC202, FC203, FC301 or FC302."""

    rule: str
    anchor: str  # the chart's id in the page
    shape: str  # rank, shares, part, growth, comparison
    title: str
    rows: tuple[Row, ...]  # the figures the rule read; the finding's own claim first
    claim: Row  # the statement the finding is about
    rank: int = 0  # FC201: the claimed rank
    largest: bool = True
    unit: str = ""
    #: FC301: the band the stated rate draws from the first figure, as (year, low, high)
    path: tuple[tuple[float, float, float], ...] = ()


@dataclass(frozen=True)
class Section:
    """One conflicting key: its findings, the places that state it, and fitting charts."""

    anchor: str
    title: str
    unit: str
    rows: tuple[Row, ...]
    findings: tuple[Finding, ...]
    sides: tuple[tuple[str, ...], ...]  # the values written on each conflicting side
    rule_charts: tuple[RuleChart, ...]
    charted: bool  # False past MAX_CHARTS: listed without charts
    #: (rule, anchor) of rule charts of this key's conflicts drawn in another section
    rule_links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Report:
    """The whole page's data."""

    sections: tuple[Section, ...]
    others: tuple[Finding, ...]  # findings of no key (FC9xx, a rule without a claim)
    counts: tuple[tuple[str, int, int], ...]  # rule, errors, warnings
    rules: tuple[str, ...]
    files: tuple[str, ...]
    suppressed: int
    baselined: int


def interval_of(claim: Claim) -> Interval | None:
    """The claim's value in the speaker's reading; a bare rank is exact."""
    value = claim.mention.value
    if value is not None:
        return value.speaker
    if claim.mention.rank is not None:
        r = Fraction(claim.mention.rank)
        return Interval(r, r, False, False)
    return None


def unit_of(claims: Sequence[Claim]) -> str:
    for c in claims:
        if c.mention.value is not None:
            return c.mention.value.unit
        if c.mention.rank is not None:
            return "rank"
    return ""


def row_of(claim: Claim, side: int = -1, flagged: bool = False) -> Row:
    loc = claim.location
    return Row(" ".join(claim.mention.text.split()), " ".join(claim.text.split()),
               claim.subject, loc.path, loc.line, loc.column, interval_of(claim),
               claim.period.label(), side, flagged, min(claim.period.years, default=0))


def key_title(key: KeyClaims) -> str:
    """``China · share of rare earth mining · 2024–2025``."""
    what = f"{_KIND.get(key.kind, key.kind)} {key.measure}".strip()
    return f"{key.subject} · {what} · {key.period.label()}"


def _class(claim: Claim) -> tuple[object, ...]:
    iv = interval_of(claim)
    unit = claim.mention.value.unit if claim.mention.value is not None else "rank"
    return (None if iv is None else (iv.low, iv.high, iv.low_open, iv.high_open), unit)


def _sides(claims: Sequence[Claim], findings: Sequence[Finding]) -> dict[tuple[object, ...], int]:
    """Each value class's side: classes that conflict get different sides (a greedy
    colouring of the conflicts the findings name); a class with a finding but no conflict
    inside the key (an arithmetic rule's) gets a side of its own; the rest none."""
    here = {place_of(c): _class(c) for c in claims}
    edges: dict[tuple[object, ...], set[tuple[object, ...]]] = {}
    flagged: list[tuple[object, ...]] = []
    for f in findings:
        if f.claim is None or place_of(f.claim) not in here:
            continue
        a = here[place_of(f.claim)]
        flagged.append(a)
        for r in f.related:
            if r.role == "conflicts" and r.claim is not None and place_of(r.claim) in here:
                b = here[place_of(r.claim)]
                if a != b:
                    edges.setdefault(a, set()).add(b)
                    edges.setdefault(b, set()).add(a)
    order = list(dict.fromkeys(_class(c) for c in claims))
    sides: dict[tuple[object, ...], int] = {}
    for cls in order:
        if cls in edges:
            used = {sides[n] for n in edges[cls] if n in sides}
            sides[cls] = next(i for i in range(len(order) + 1) if i not in used)
    lone = max(sides.values(), default=-1) + 1
    for cls in dict.fromkeys(flagged):
        sides.setdefault(cls, lone)
    return sides


def _section(n: int, key: KeyClaims, findings: Sequence[Finding], charted: bool,
             drawn: dict[str, str]) -> Section:
    """The key's section; ``drawn`` maps the conflicts whose rule chart an earlier section
    holds to its anchor (a sum of shares touches one key per share: drawn once)."""
    anchor = f"key-{n}"
    sides = _sides(key.claims, findings)
    at = {place_of(f.claim) for f in findings if f.claim is not None}
    rows = tuple(row_of(c, sides.get(_class(c), -1), place_of(c) in at) for c in key.claims)
    written: dict[int, list[str]] = {}
    for row in rows:
        if row.side >= 0 and row.value not in written.setdefault(row.side, []):
            written[row.side].append(row.value)
    side_values = tuple(tuple(written.get(i, ())) for i in range(max(written, default=-1) + 1))
    charts: list[RuleChart] = []
    links: list[tuple[str, str]] = []
    for f in findings:
        ident = f"{f.rule}:{f.conflict_id or f.fingerprint}"
        if f.rule not in RULE_CHARTS or f.claim is None:
            continue
        if ident in drawn:
            if (f.rule, drawn[ident]) not in links and not drawn[ident].startswith(anchor + "-"):
                links.append((f.rule, drawn[ident]))
            continue
        if charted:
            drawn[ident] = f"{anchor}-r{len(charts) + 1}"
            charts.append(rule_chart(f, drawn[ident]))
    return Section(anchor, key_title(key), unit_of(key.claims), rows, tuple(findings),
                   side_values, tuple(charts), charted, tuple(links))


def rule_chart(f: Finding, anchor: str) -> RuleChart:
    """The chart that fits a finding of FC201, FC202, FC203, FC301 or FC302."""
    assert f.claim is not None
    shape = RULE_CHARTS[f.rule]
    claim = row_of(f.claim, 0, True)
    evidence = [r.claim for r in f.related if r.claim is not None]
    mine = f.claim.subject
    rows = [row_of(c, 0 if c.subject == mine else -1) for c in evidence]
    title = {"rank": "The ranked figures, with the rank the text claims",
             "shares": "The shares stacked against 100%",
             "part": "The part and the total",
             "growth": "The growth path the stated rate gives, between the stated figures",
             "comparison": "The figures compared, and what the comparison says"}[shape]
    if shape == "shares":  # every share, in order of place, each a side of its own
        everyone = sorted({place_of(c): c for c in [f.claim, *evidence]}.values(),
                          key=lambda c: (c.path, c.location.line, c.location.column))
        rows = [row_of(c, i, c is f.claim) for i, c in enumerate(everyone)]
    elif shape == "part":
        rows = [row_of(c, 0 if c.subject == mine else
                       1 if c.subject.casefold() in _TOTALS else -1) for c in evidence]
    elif shape == "growth":
        rows = sorted(rows, key=lambda r: r.year)
    elif shape == "comparison":
        rows = [row_of(c, 0 if c.subject == mine else 1) for c in evidence]
        said = _said(f.claim, evidence)
        if said is not None:
            rows.append(said)
    unit = unit_of(evidence) if evidence else unit_of([f.claim])
    path = growth_path(f.claim, evidence) if shape == "growth" else ()
    return RuleChart(f.rule, anchor, shape, title, tuple(rows), claim,
                     f.claim.mention.rank or 0, f.claim.mention.rank_order != "smallest", unit,
                     path)


def _said(claim: Claim, evidence: Sequence[Claim]) -> Row | None:
    """FC302: where the comparison puts its subject's figure, given the other figure (more
    than it, less than a tenth of it, about twice it), as a row with no place."""
    comp = claim.mention.comparison
    other = next((c for c in evidence if c.subject != claim.subject), None)
    iv = interval_of(other) if other is not None else None
    if comp is None or other is None or iv is None or iv.low is None or iv.high is None:
        return None
    lo_f = comp.factor.low if comp.factor is not None and comp.factor.low is not None else 1
    hi_f = comp.factor.high if comp.factor is not None and comp.factor.high is not None else 1
    low, high = iv.low * lo_f, iv.high * hi_f
    if comp.op in ("gt", "ge", "slightly_above"):
        said = Interval(low, None, comp.op != "ge", True)
    elif comp.op in ("lt", "le", "slightly_below"):
        said = Interval(None, high, True, comp.op != "le")
    else:
        said = Interval(low, high, False, True)
    text = f"{row_of(claim).value} {row_of(other).value} (what the text says)"
    return Row(text, " ".join(claim.text.split()), claim.subject, "", 0, 0, said,
               claim.period.label(), 0, True)


def growth_path(claim: Claim, evidence: Sequence[Claim]) -> tuple[tuple[float, float, float],
                                                                    ...]:
    """The values the stated change or rate gives, year by year, from the first stated
    figure's interval to the last one's year (read as FC301 reads the statement)."""
    from factlint.rules import fc301_growth_arithmetic as fc301

    dated = sorted((c for c in evidence if c.period.years and c.mention.value is not None),
                   key=lambda c: min(c.period.years))
    value = claim.mention.value
    mode = fc301._mode(claim)
    if len(dated) < 2 or value is None or mode is None:
        return ()
    start, end = dated[0], dated[-1]
    rate = fc301._signed(value.speaker, claim)
    first = interval_of(start)
    if rate.low is None or rate.high is None or first is None or first.low is None \
            or first.high is None:
        return ()
    y0, y1 = min(start.period.years), min(end.period.years)
    lo0, hi0, r_lo, r_hi = float(first.low), float(first.high), float(rate.low), float(rate.high)
    out = [(float(y0), lo0, hi0)]
    for year in range(y0 + 1, y1 + 1):
        n = year - y0
        if mode in ("cagr", "average"):
            band = (lo0 * (1 + r_lo / 100) ** n, hi0 * (1 + r_hi / 100) ** n)
        elif year < y1:
            continue  # a change over the span: only its end
        elif mode == "percent":
            band = (lo0 * (1 + r_lo / 100), hi0 * (1 + r_hi / 100))
        elif mode == "times":
            band = (lo0 * r_lo, hi0 * r_hi)
        else:  # percentage points
            band = (lo0 + r_lo, hi0 + r_hi)
        out.append((float(year), min(band), max(band)))
    return tuple(out)


def build(findings: Sequence[Finding], run: RunInfo) -> Report:
    """The report's data from the run's findings and the claims of their keys."""
    owner: dict[Place, int] = {}
    for n, key in enumerate(run.keys):
        for c in key.claims:
            owner.setdefault(place_of(c), n)
    by_key: dict[int, list[Finding]] = {}
    others: list[Finding] = []
    for f in sorted(findings, key=Finding.sort_key):
        at = owner.get(place_of(f.claim)) if f.claim is not None else None
        if at is None:
            others.append(f)
        else:
            by_key.setdefault(at, []).append(f)
    order = sorted(by_key, key=lambda i: (all(f.severity != "error" for f in by_key[i]),
                                          key_title(run.keys[i])))  # errors first
    drawn: dict[str, str] = {}
    sections = tuple(_section(n, run.keys[i], by_key[i], n <= MAX_CHARTS, drawn)
                     for n, i in enumerate(order, start=1))
    errors = Counter(f.rule for f in findings if f.severity == "error")
    warnings = Counter(f.rule for f in findings if f.severity == "warning")
    rules = tuple(sorted({f.rule for f in findings}))
    counts = tuple((r, errors[r], warnings[r]) for r in rules)
    files = tuple(sorted({f.location.path for f in findings if f.location.path}))
    return Report(sections, tuple(others), counts, rules, files, run.suppressed,
                  run.baselined)


def number(x: Fraction | float, unit: str = "") -> str:
    """A tick or a computed amount, short: ``44M``, ``68.5``, ``1.2k``."""
    v = float(x)
    if unit == "percent":
        return f"{v:g}%"
    for size, word in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= size:
            return f"{v / size:.3g}{word}"
    if isinstance(x, Fraction):
        return format_number(x) if len(format_number(x)) < 9 else f"{v:.4g}"
    return f"{v:.4g}"
