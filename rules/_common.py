"""Helpers shared by the rules that compare more than two claims (FC2xx, FC3xx, FC401).

Nothing here decides whether statements conflict; it says how a claim is written, read,
located and fingerprinted, so that every rule prints the same kind of message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction

from factlint.frame.lexicon import Lexicon
from factlint.frame.local import NO_SUBJECT, local_base
from factlint.index import ClaimIndex
from factlint.model import (
    Claim,
    Finding,
    Interval,
    Period,
    Related,
    Settings,
    Severity,
    format_number,
)
from factlint.periods import comparable

# words that say a share is of a common (world) total, not of the subject's own
_SCOPE = ("global", "world", "worldwide", "international")


def digest(*parts: str) -> str:
    """A short stable hash of the parts (conflict ids and fingerprints)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def norm(text: str) -> str:
    """Case-folded text with whitespace collapsed."""
    return " ".join(text.casefold().split())


def place(c: Claim) -> tuple[str, int, int]:
    """Where a claim stands, as a sort key: path, line, column."""
    return (c.path, c.location.line, c.location.column)


def where(c: Claim) -> str:
    """``path:line`` of a claim."""
    return f"{c.path}:{c.location.line}"


def written(c: Claim) -> str:
    """The claim's value as written, on one line."""
    return " ".join(c.mention.text.split())


def owner(subject: str) -> str:
    """``China's``, ``the United States'``."""
    return f"{subject}'" if subject.endswith("s") else f"{subject}'s"


def is_local(c: Claim) -> bool:
    """The claim holds for its own sentence only (:mod:`factlint.frame.arithmetic`)."""
    return local_base(c.measure) is not None


def measure_name(c: Claim) -> str:
    """The claim's measure as messages print it: a sentence's own key without its digest;
    "" for the figures of a sentence that names no measure."""
    base = local_base(c.measure)
    if base is None:
        return c.measure
    return "" if base in ("figure", "share") else base


def describe(c: Claim) -> str:
    """``Australia's rank in rare earth reserves (2024–2025)``; ``(no subject): share of
    nickel production (2024)`` for a figure whose statement names no subject."""
    kind = {"share": "share of", "level": "", "rank": "rank in", "change": "change in",
            "rate": "rate of"}[c.kind]
    if c.mention.comparison is not None:  # a comparison is about its subject's figure
        kind = ""
    measure = measure_name(c)
    if not measure:
        kind = {"share": "share", "level": "figure", "rank": "rank", "change": "change",
                "rate": "rate"}[c.kind] if c.mention.comparison is None else "figure"
    if c.subject == NO_SUBJECT:
        return f"{NO_SUBJECT}: {kind} {measure}".strip() + f" ({c.period.label()})"
    return f"{owner(c.subject)} {kind} {measure}".replace("  ", " ").rstrip() + \
        f" ({c.period.label()})"


def speaker(c: Claim, settings: Settings) -> Interval | None:
    """The claim's interval in the configured reading (speaker's unless ``bounds: strict``)."""
    if c.mention.value is None:
        return None
    return c.mention.value.strict if settings.bounds == "strict" else c.mention.value.speaker


def strict(c: Claim) -> Interval | None:
    """The claim's interval in the strict (literal) reading of its bounds."""
    return None if c.mention.value is None else c.mention.value.strict


def above(a: Interval, b: Interval) -> bool:
    """Every number of ``a`` is larger than every number of ``b``."""
    if a.low is None or b.high is None:
        return False
    if a.low > b.high:
        return True
    return a.low == b.high and (a.low_open or b.high_open)


def lies_above(iv: Interval, bound: Fraction) -> bool:
    """Every number of ``iv`` is larger than ``bound``."""
    if iv.low is None:
        return False
    return iv.low > bound or (iv.low == bound and iv.low_open)


def figure(c: Claim) -> str:
    """``China 44 million tons (seeds/000_....txt:8)`` - a figure used as evidence; a
    sentence's own total is ``the stated total 3.6 Mt``, a figure with no subject has none."""
    if c.subject == NO_SUBJECT:
        return f"{written(c)} ({where(c)})"
    if is_local(c) and c.subject == "World":
        return f"the stated total {written(c)} ({where(c)})"
    return f"{c.subject} {written(c)} ({where(c)})"


def num(x: Fraction, places: int = 3) -> str:
    """A computed number for a message: exact when short, else rounded to ``places`` decimals."""
    text = format_number(x)
    if len(text.split(".", 1)[-1]) <= places or "." not in text:
        return text
    q = round(x, places)
    return format_number(Fraction(q))


def doc_bound(c: Claim) -> bool:
    """Whether ``c`` is compared inside its own document only."""
    return c.in_title or c.shape == "table_total"


def may_compare(a: Claim, b: Claim) -> bool:
    """A title, and the Total of a table of a few rows (rule ``table_total``), is compared
    with its own document only; a claim is never compared with itself."""
    if (doc_bound(a) or doc_bound(b)) and (a.path, a.doc_index) != (b.path, b.doc_index):
        return False
    return a is not b and not (a.path == b.path and a.location == b.location)


class ByPeriod(Sequence[Claim]):
    """A group of claims with their periods indexed: ``near(p)`` holds every claim whose
    period may be comparable with ``p`` (same projection, granularity and part; a year in
    common, or undated), in the group's order, found without a pass over the whole group.
    Rules that look for a figure's comparable peers stay near-linear in a corpus of many
    years."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        self._claims = tuple(claims)
        self._shape: dict[tuple[object, ...], list[int]] = {}
        self._undated: dict[tuple[object, ...], list[int]] = {}
        self._year: dict[tuple[object, ...], list[int]] = {}
        for i, c in enumerate(self._claims):
            p = c.period
            shape = (p.projection, p.granularity, p.part)
            self._shape.setdefault(shape, []).append(i)
            if not p.years:
                self._undated.setdefault(shape, []).append(i)
            for year in p.years:
                self._year.setdefault((*shape, year), []).append(i)

    def __len__(self) -> int:
        return len(self._claims)

    def __getitem__(self, i):  # type: ignore[no-untyped-def]  # (int and slice, as tuple)
        return self._claims[i]

    def __iter__(self) -> Iterator[Claim]:
        return iter(self._claims)

    def near(self, p: Period) -> Sequence[Claim]:
        """The claims whose periods may be comparable with ``p`` (a superset of those that
        are: ``comparable`` still decides)."""
        shape = (p.projection, p.granularity, p.part)
        if not p.years:
            return () if p.projection else [self._claims[i] for i in self._shape.get(shape, ())]
        hits: set[int] = set() if p.projection else set(self._undated.get(shape, ()))
        for year in p.years:
            hits.update(self._year.get((*shape, year), ()))
        return [self._claims[i] for i in sorted(hits)]


def near(group: Sequence[Claim], p: Period) -> Sequence[Claim]:
    """The claims of ``group`` whose periods may be comparable with ``p``: all of them unless
    the group is a ``ByPeriod``."""
    return group.near(p) if isinstance(group, ByPeriod) else group


def compatible(c: Claim, others: Iterable[Claim]) -> bool:
    """``c`` may be compared with every one of ``others`` (periods and titles)."""
    return all(comparable(c.period, o.period) and may_compare(c, o) for o in others)


def cap(severity: Severity, claims: Iterable[Claim]) -> Severity:
    """At most a warning when a side is an attributed estimate or undated."""
    for c in claims:
        if c.modality == "estimate" or not c.period.years:
            return "warning"
    return severity


def common_total(c: Claim, lexicon: Lexicon) -> str | None:
    """Whose total a share is of, when it is one many subjects share; None for own totals.

    "42% of world nickel reserves" and "69% of production" are shares of the world's total;
    "52% of its electricity from renewables" and "93% coverage" are shares of each subject's
    own total and never add up across subjects.
    """
    if c.total:
        return "World" if lexicon.is_total(c.total) or c.total.casefold() == "world" else c.total
    if " from " in f" {c.measure} ":
        return None
    _, scoped, name = c.measure.rpartition(" in ")
    place = lexicon.place(name) if scoped else None
    if place is not None:  # "... in European Union": the Union's
        return place
    text = c.text.casefold()
    if any(w in text for w in _SCOPE):
        return "World"
    words = c.measure.split()
    if words and words[-1] in lexicon.measure_nouns:
        return "World"
    return None


def is_place(subject: str, lexicon: Lexicon) -> bool:
    """The subject is in the gazetteer (a country, region or bloc), not a company."""
    return subject in lexicon.places


def overlaps(a: str, b: str, lexicon: Lexicon) -> bool:
    """Two subjects may count the same things: equal, or one a part of the other."""
    if a.casefold() == b.casefold():
        return True
    return lexicon.is_part(a, b) or lexicon.is_part(b, a)


def same_measure(measure: str) -> tuple[str, ...]:
    """A rule's ``measures`` (see ``Rule``): it compares claims of one measure only."""
    return (measure,)


def wanted(index: ClaimIndex, claims: Iterable[Claim]) -> bool:
    """Some of the claims are in files whose findings are reported (pre-commit mode)."""
    return any(index.wants(c.path) for c in claims)


def findings(
    code: str, name: str, severity: Severity, message: str, at: Sequence[Claim],
    evidence: Sequence[Claim], key: Sequence[str],
) -> Iterator[Finding]:
    """One finding at each claim of ``at``, each with the others as evidence, one conflict id."""
    everyone = sorted({id(c): c for c in [*at, *evidence]}.values(), key=place)
    texts = [norm(c.text) for c in everyone]
    paths = sorted({c.path for c in everyone})
    fingerprint = digest(code, *key, *texts, *paths)
    conflict_id = digest(fingerprint, *(str(c.location.line) for c in everyone))
    for here in at:
        related = tuple(Related(c.location, "evidence", c) for c in everyone if c is not here)
        yield Finding(rule=code, name=name, severity=severity, message=message,
                      location=here.location, claim=here, related=related,
                      conflict_id=conflict_id, fingerprint=fingerprint)


def interval_key(iv: Interval) -> tuple[object, ...]:
    """A key equal for equal intervals, of plain ints (hashing a ``Fraction`` is slow)."""
    lo, hi = iv.low, iv.high
    return (None if lo is None else (lo.numerator, lo.denominator),
            None if hi is None else (hi.numerator, hi.denominator), iv.low_open, iv.high_open)


def period_key(p: Period) -> tuple[object, ...]:
    """A key equal for equal periods (a tuple hashes faster than the dataclass)."""
    return (p.years, p.granularity, p.part, p.stated, p.projection)


def class_key(c: Claim) -> tuple[object, ...]:
    """Claims with equal keys read the same: one of them stands for all in a computation."""
    value = c.mention.value
    title_doc = (c.path, c.doc_index) if doc_bound(c) else None
    return (c.subject, c.measure, c.kind, c.mention.rank, c.mention.rank_order,
            None if value is None else (interval_key(value.speaker), interval_key(value.strict),
                                        value.unit),
            period_key(c.period), c.modality, title_doc)


def representatives(claims: Iterable[Claim]) -> list[Claim]:
    """The first claim of each reading class, in order (keeps rules linear in repeated text)."""
    seen: dict[tuple[object, ...], Claim] = {}
    for c in claims:
        seen.setdefault(class_key(c), c)
    return list(seen.values())
