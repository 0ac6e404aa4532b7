"""FC301 growth-arithmetic: a stated change or growth rate that its own endpoints do not give.

A change ("rose 7% in 2023", "fell 10%", "doubled", "fivefold", "up 5 percentage points")
or a compound annual growth rate ("a CAGR of 76.3%") of a subject's measure is recomputed
from the figures the corpus states for that subject and measure at the start and the end of
its period (for a single year, the year before and that year; for "from 2024 to 2030", 2024
and 2030). The check is exact and keeps the precision of every number as written: the
stated rate's interval, raised to the number of years for a CAGR, must meet end / start
computed from the endpoints' intervals; percentage points are compared with end - start of
two shares. If any pair of stated endpoints agrees, nothing is reported. Error when the
strict reading of the bounds conflicts too, warning when only the speaker's does; at most a
warning for estimates and undated statements. The message prints the computed change. A
change and its endpoints in one sentence are checked whoever the subject is, or with none:
"rose 40% to 700 units in 2024 from 400 units in 2023", "doubled from 3 Mt to 9 Mt", "from
$100 million to $170 million, up 40%", a CAGR with its two endpoints; a forecast's own
endpoints and rate too, never figures the text disputes.

Anti-pattern: "capacity rose from 10 GWh in 2024 to 300 GWh in 2030, a CAGR of 90%" (the
endpoints give 73.9% to 78.9% a year).
Best practice: compute the rate from the endpoints you print, and say which years.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal, localcontext
from fractions import Fraction

from factlint.hookspecs import Rule
from factlint.index import ClaimIndex, SubjectGroups, subject_groups
from factlint.model import Claim, Finding, Interval, Settings, Severity
from factlint.rules._common import (
    cap,
    describe,
    findings,
    num,
    speaker,
    strict,
    wanted,
    where,
    written,
)

CODE = "FC301"
NAME = "growth-arithmetic"
_HUNDRED = Fraction(100)
_CAGR = re.compile(r"\bCAGR\b|compound(?:ed)?\s+annual(?:\s+growth)?|annuali[sz]ed", re.I)
_AVERAGE = re.compile(r"average\s+annual\s+(?:growth|increase|rate)|a\s+year\b|per\s+year|"
                      r"annual\s+growth", re.I)
_RATE_WORDS = re.compile(r"\b(?:cagr|compound(?:ed)?|annual|annuali[sz]ed|average|growth|rate)\b")
_FALL = re.compile(r"\b(?:fell|fall(?:s|en|ing)?|declin\w*|drop\w*|decreas\w*|reduc\w*|down|"
                   r"lower\w*|cut|shr[aiu]nk\w*|slump\w*|plung\w*|contract\w*)\b", re.I)


def _signed(iv: Interval, claim: Claim) -> Interval:
    """A fall written as a positive number ("fell 10%") is a change of -10%."""
    if iv.low is not None and iv.low >= 0 and _FALL.search(claim.text):
        return Interval(None if iv.high is None else -iv.high, -iv.low, iv.high_open,
                        iv.low_open)
    return iv


def _years(c: Claim) -> tuple[int, int] | None:
    ys = sorted(c.period.years)
    if len(ys) == 1:
        return ys[0] - 1, ys[0]
    if len(ys) == 2 and c.period.stated:
        return ys[0], ys[1]
    return None


def _base_measure(c: Claim) -> str:
    if c.kind == "change":
        return c.measure
    return _strip_rate(c.measure)


def _strip_rate(measure: str) -> str:
    return " ".join(w for w in measure.split() if not _RATE_WORDS.fullmatch(w))


def measures(measure: str) -> tuple[str, ...]:
    """The measures read to judge a claim of ``measure``: its own, and its endpoints'."""
    return (measure, _strip_rate(measure))


def _endpoint(table: SubjectGroups, c: Claim, measure: str, kind: str, year: int) -> list[Claim]:
    claims = table.get((c.subject.casefold(), measure, kind), [])
    return [e for e in claims if e.period.years == frozenset({year}) and e is not c
            and e.period.granularity == "year"
            and not (e.in_title and (e.path, e.doc_index) != (c.path, c.doc_index))]


def _ratio(start: Interval, end: Interval) -> tuple[Fraction, Fraction] | None:
    if None in (start.low, start.high, end.low, end.high):
        return None
    s_lo, s_hi = start.low, start.high
    e_lo, e_hi = end.low, end.high
    assert s_lo is not None and s_hi is not None and e_lo is not None and e_hi is not None
    if s_lo <= 0 or e_lo < 0:
        return None
    return e_lo / s_hi, e_hi / s_lo


def _stated_ratio(c: Claim, iv: Interval, n: int, mode: str) -> list[tuple[Fraction, Fraction]]:
    """The end/start ratios the stated value allows (several readings: all must fail)."""
    lo, hi = iv.low, iv.high
    if lo is None or hi is None:
        return []  # open-ended: anything above a bound; not checked
    if mode == "times":
        return [(lo, hi)]
    g_lo, g_hi = 1 + lo / _HUNDRED, 1 + hi / _HUNDRED
    if mode == "percent":
        return [(g_lo, g_hi)]
    if g_lo < 0:
        return []
    compound = (g_lo ** n, g_hi ** n)
    if mode == "cagr":
        return [compound]
    return [compound, (1 + n * lo / _HUNDRED, 1 + n * hi / _HUNDRED)]  # average: either


def _meets(a: tuple[Fraction, Fraction], b: tuple[Fraction, Fraction]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _root(x: Fraction, n: int) -> str:
    """``x ** (1/n) - 1`` as a percentage for the message (display only, 28 digits)."""
    with localcontext() as ctx:
        ctx.prec = 28
        value = (Decimal(x.numerator) / Decimal(x.denominator)) ** (Decimal(1) / Decimal(n))
        pct = (value - 1) * 100
        return f"{pct.quantize(Decimal('0.1'))}"


def _mode(c: Claim) -> str | None:
    unit = c.mention.value.unit if c.mention.value else ""
    if c.kind == "change":
        return {"percent": "percent", "times": "times", "": "times",
                "percentage_point": "pp"}.get(unit)
    if c.kind == "rate" and unit == "percent":
        if _CAGR.search(c.text):
            return "cagr"
        if _AVERAGE.search(c.text):
            return "average"
    return None


def _judge(c: Claim, table: SubjectGroups, index: ClaimIndex,
           settings: Settings) -> Iterator[Finding]:
    mode, span = _mode(c), _years(c)
    if mode is None or span is None or c.mention.value is None or \
            c.period.granularity != "year":
        return  # (a quarter's change is never judged by the years' levels)
    s_year, e_year = span
    n = e_year - s_year
    if n < 1 or (mode in ("cagr", "average") and len(c.period.years) != 2):
        return
    kind = "share" if mode == "pp" else "level"
    measure = _base_measure(c)
    starts = _endpoint(table, c, measure, kind, s_year)
    ends = _endpoint(table, c, measure, kind, e_year)
    pairs = [(s, e) for s in starts for e in ends
             if s.mention.value and e.mention.value
             and s.mention.value.dimension == e.mention.value.dimension]
    if not pairs:
        return
    verdicts: list[tuple[str, Claim, Claim, tuple[Fraction, Fraction]]] = []
    for s, e in pairs:
        levels: list[bool] = []
        computed: tuple[Fraction, Fraction] | None = None
        for reading in ("speaker", "strict"):
            sv = speaker(s, settings) if reading == "speaker" else strict(s)
            ev = speaker(e, settings) if reading == "speaker" else strict(e)
            cv = speaker(c, settings) if reading == "speaker" else strict(c)
            assert sv is not None and ev is not None and cv is not None
            cv = _signed(cv, c)
            if mode == "pp":
                if None in (sv.low, sv.high, ev.low, ev.high, cv.low, cv.high):
                    levels.append(True)
                    continue
                got = (ev.low - sv.high, ev.high - sv.low)  # type: ignore[operator]
                levels.append(_meets(got, (cv.low, cv.high)))  # type: ignore[arg-type]
                computed = got
                continue
            ratio = _ratio(sv, ev)
            allowed = _stated_ratio(c, cv, n, mode)
            if ratio is None or not allowed:
                levels.append(True)
                continue
            levels.append(any(_meets(ratio, a) for a in allowed))
            computed = ratio
        if levels[0] or computed is None:
            return  # one pair of endpoints agrees: nothing to report
        verdicts.append(("warning" if levels[1] else "error", s, e, computed))
    severity_text, s, e, got = verdicts[0]
    if mode == "pp":
        result = f"a change of {num(got[0], 2)} to {num(got[1], 2)} percentage points"
    elif mode in ("cagr", "average"):
        result = (f"a compound annual growth rate of {_root(got[0], n)}% to "
                  f"{_root(got[1], n)}% over {n} years")
    elif mode == "times":
        result = f"a multiple of {num(got[0], 3)} to {num(got[1], 3)}"
    else:
        result = f"a change of {num((got[0] - 1) * 100, 2)}% to {num((got[1] - 1) * 100, 2)}%"
    message = (f"{describe(c)}: '{written(c)}' here, but {written(s)} in {s_year} "
               f"({where(s)}) to {written(e)} in {e_year} ({where(e)}) is {result}")
    evidence: Sequence[Claim] = [s, e]
    if wanted(index, [c, *evidence]):
        severity: Severity = "error" if severity_text == "error" else "warning"
        yield from findings(CODE, NAME, cap(severity, [c, *evidence]), message, [c], evidence,
                            (c.subject, c.measure, c.kind, str(s_year), str(e_year)))


def check(index: ClaimIndex, settings: Settings) -> Iterator[Finding]:
    """Recompute every change and growth-rate claim from its stated endpoints."""
    table = subject_groups(index)
    for _key, claims in index:
        for c in claims:  # a finding is located at c: in focus mode, only reported ones
            if c.kind in ("change", "rate") and index.wants(c.path) and \
                    c.mention.comparison is None:  # a ratio of two figures is FC302's
                yield from _judge(c, table, index, settings)


RULE = Rule(code=CODE, name=NAME, severity="error", doc=__doc__ or "", check=check,
            measures=measures)
