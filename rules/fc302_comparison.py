"""FC302 comparison: "A exceeds B", "slightly above", "less than one-tenth of B's" vs the values.

A comparative statement about subject A's measure ("India's production capacity is less than
one-tenth of China's", "Chile's output exceeds Peru's", "twice Germany's") is checked against
the values the corpus states for A and for B (the compared subject, resolved through the
gazetteer) of the same measure, kind, dimension and a compatible period. "exceeds", "more
than", "above" fail when A is at most factor x B for every reading of the numbers as written;
"less than", "below" fail when A is at least factor x B; "twice", "fivefold" fail when A and
factor x B cannot meet; "slightly above" (below) also fails when A is more than a quarter
above (below) B. If any pair of stated values agrees, nothing is reported. Error when the
strict reading of the bounds fails too, warning when only the speaker's does; at most a
warning for estimates and undated statements. Two figures of one sentence and the multiple
or fraction between them ("300 Mt, three times as much as India's 150 Mt", "roughly double
the 100 units", "40 Mt, a third of Acme's 90 Mt") are checked whoever the subjects are, or
with none (a fraction of a whole, "a third of the 90 Mt", is a share: FC203). Multiplier
words are read with 10% either side ("roughly double" is 1.8 to 2.2 times, "more than three
times" more than 3), fraction words with 5% ("about a quarter" is 23.75% to 26.25%, so 26
of 100 is about a quarter).

Anti-pattern: "India's capacity is less than one-tenth of China's" beside stated capacities of
India 30,000 tons and China 210,000 tons (a seventh).
Best practice: print the two figures the comparison rests on.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from factlint.frame.words import normalise_phrase
from factlint.hookspecs import Rule
from factlint.index import ClaimIndex, SubjectGroups, subject_groups, without_suffixes
from factlint.model import Claim, Comparison, Finding, Interval, Settings, Severity
from factlint.rules._common import (
    cap,
    compatible,
    describe,
    findings,
    is_local,
    norm,
    num,
    same_measure,
    speaker,
    strict,
    wanted,
    where,
    written,
)

CODE = "FC302"
NAME = "comparison"
_SLIGHT = Fraction(5, 4)  # "slightly" above: at most a quarter above
_PHRASE = {"gt": "more than", "ge": "at least", "lt": "less than", "le": "at most",
           "eq": "equal to", "slightly_above": "slightly above",
           "slightly_below": "slightly below"}

Range = tuple[Fraction, Fraction]


def _range(iv: Interval | None) -> Range | None:
    """The closed hull of an interval (the numbers as written allow at least these)."""
    if iv is None or iv.low is None or iv.high is None:
        return None
    return iv.low, iv.high


def fails(op: str, a: Range, b: Range, factor: Range) -> bool:
    """True when no value of ``a`` and ``b`` in their ranges satisfies ``a op factor x b``."""
    fb = (factor[0] * b[0], factor[1] * b[1])
    if op in ("gt", "slightly_above"):
        if a[1] <= fb[0]:
            return True
        return op == "slightly_above" and a[0] > _SLIGHT * fb[1]
    if op == "ge":
        return a[1] < fb[0]
    if op in ("lt", "slightly_below"):
        if a[0] >= fb[1]:
            return True
        return op == "slightly_below" and a[1] * _SLIGHT < fb[0]
    if op == "le":
        return a[0] > fb[1]
    if op == "eq":
        return a[1] < fb[0] or fb[1] < a[0]
    return False


def _target(comparison: Comparison, index: ClaimIndex) -> str:
    text = comparison.target_text.strip()
    place = index.lexicon.place(text)
    if place is not None:
        return place.casefold()
    text = text.removesuffix("'s").removesuffix("’s").strip()
    text = text[4:] if text.lower().startswith("the ") else text
    return norm(text)


def _values(table: SubjectGroups, subject: str, c: Claim) -> list[Claim]:
    """The figures of ``subject`` a comparison ``c`` weighs: of its measure, levels (a
    sentence's own multiple, "three times as much as", is a ratio of two levels), else
    shares ("4% of cloud spending, less than one-tenth of AWS's share")."""
    wants = ("level",) if is_local(c) else ("level", "share") if c.kind == "rate" \
        else (c.kind,)
    for want in wants:
        out = [v for v in table.get((subject, c.measure, want), ())
               if v is not c and v.mention.value is not None and compatible(v, [c])]
        if out:
            return out
    return []


#: words that say nothing of what is measured: never the word two measures share
_EMPTY_WORDS = frozenset("of in the a an and per by for to on from at as with total number "
                         "share level figure".split())


def _words(text: str) -> frozenset[str]:
    """The words of a measure that say what it counts (not where: " in <place>" dropped)."""
    return frozenset(normalise_phrase(text).split(" in ")[0].split()) - _EMPTY_WORDS


def _scope(measure: str) -> str:
    return measure.partition(" in ")[2]


def _kin_values(c: Claim, a: str, b: str, table: SubjectGroups
                ) -> tuple[list[Claim], list[Claim]]:
    """Both sides' figures of the one other measure the comparison may mean, when neither
    its own measure has figures for both ("Harbour has twice as many app customers as
    Northmere" beside a table of mobile-banking users): the one measure both subjects have
    figures of that shares a word with the comparison's measure, or, sharing none, the one
    such measure whose figures the comparison's own document states for both. ([], []) when
    none or several are left."""
    wants = ("level",) if c.kind == "rate" else (c.kind,)  # (shares only by their name)
    counted = " as many " in f" {c.text.lower()} "  # ("twice as many eye tests": a count,
    # never the revenue both sides state)
    kin: dict[str, tuple[list[Claim], list[Claim]]] = {}
    for (subject, measure, kind), claims in table.items():
        if subject != a or kind not in wants or measure == c.measure or measure in kin or \
                _scope(measure) != _scope(c.measure):
            continue  # (US sales never stand for US outlets)
        pick = [v for v in claims if v.mention.value is not None and compatible(v, [c])
                and (not counted or v.mention.value.dimension == "count")]
        other = [v for v in table.get((b, measure, kind), ())
                 if v.mention.value is not None and compatible(v, [c])]
        if pick and other:
            kin[measure] = (pick, other)
    said = _words(c.measure) | _words(c.measure_text)
    near = [m for m in kin if _words(m) & said]
    if len(near) == 1:
        return kin[near[0]]
    here = [m for m, (xs, ys) in kin.items()
            if any(x.path == c.path for x in xs) and any(y.path == c.path for y in ys)]
    if not near and len(here) == 1:
        return tuple(  # type: ignore[return-value]
            [v for v in side if v.path == c.path] for side in kin[here[0]])
    return [], []


def _short_named(target: str, c: Claim, index: ClaimIndex) -> list[str]:
    """The subjects of ``c``'s measure that ``target`` names short ("Ryanair" for "Ryanair
    Holdings", "Royal Caribbean Group" for "Royal Caribbean Cruises" and "Royal Caribbean"):
    the same name without its suffix, and the one name it begins; [] when it begins several."""
    suffixes = frozenset(w.casefold() for w in index.lexicon.name_suffixes)
    want = without_suffixes(target, suffixes)
    named = {subj for (subj, measure, _kind, _dim) in index.groups
             if measure == c.measure and subj not in (c.subject.casefold(), target)}
    same = {s for s in named if without_suffixes(s, suffixes) == want or s == want}
    longer = {s for s in named - same if s.startswith(want + " ")}
    return [] if len(longer) > 1 else sorted(same | longer)


def _judge(c: Claim, table: SubjectGroups, index: ClaimIndex,
           settings: Settings) -> Iterator[Finding]:
    comp = c.mention.comparison
    if comp is None or not comp.target_text:
        return
    target = _target(comp, index)
    if not target or target == c.subject.casefold():
        return
    factor = _range(comp.factor) or (Fraction(1), Fraction(1))
    a_values = _values(table, c.subject.casefold(), c)
    b_values = _values(table, target, c) or [
        v for name in _short_named(target, c, index) for v in _values(table, name, c)]
    if not (a_values and b_values) and not is_local(c):
        a_values, b_values = _kin_values(c, c.subject.casefold(), target, table)
    verdict: tuple[Severity, Claim, Claim] | None = None
    for a in a_values:
        for b in b_values:
            assert a.mention.value is not None and b.mention.value is not None
            if a.mention.value.dimension != b.mention.value.dimension or not compatible(a, [b]):
                continue
            ranges = [(_range(speaker(a, settings)), _range(speaker(b, settings))),
                      (_range(strict(a)), _range(strict(b)))]
            results = [ra is not None and rb is not None and fails(comp.op, ra, rb, factor)
                       for ra, rb in ranges]
            if not results[0]:
                return  # a pair of stated values agrees with the comparison
            if verdict is None:
                verdict = ("error" if results[1] else "warning", a, b)
    if verdict is None:
        return
    severity, a, b = verdict
    factor_text = ("" if comp.factor is None
                   else f" {num(factor[0], 3)} times" if factor[0] == factor[1]
                   else f" {num(factor[0], 3)} to {num(factor[1], 3)} times")
    ratio = ""
    ra, rb = _range(speaker(a, settings)), _range(speaker(b, settings))
    if ra is not None and rb is not None and rb[0] > 0:
        lo, hi = ra[0] / rb[1], ra[1] / rb[0]
        ratio = f"; {c.subject}'s figure is {num(lo, 3)} to {num(hi, 3)} times the other"
    if is_local(c) and ra is not None and rb is not None and rb[0] > 0:
        # one sentence's two figures: "300 Mt, three times as much as India's 150 Mt"
        said = "" if comp.op == "eq" else " " + _PHRASE.get(comp.op, comp.op)
        if factor[0] == factor[1]:  # "more than three times": more than 3 times
            factor_text = f" {num(factor[0], 3)} times"
        message = (f"{describe(c)}: '{written(c)}' here, but {written(a)} ({where(a)}) is "
                   f"{num(ra[0] / rb[1], 3)} to {num(ra[1] / rb[0], 3)} times {written(b)} "
                   f"({where(b)}), not{said}{factor_text}")
    else:
        message = (f"{describe(c)}: '{written(c)}' here says {c.subject} is "
                   f"{_PHRASE.get(comp.op, comp.op)}{factor_text} {comp.target_text.strip()}, "
                   f"but {c.subject} {written(a)} ({where(a)}) against {written(b)} "
                   f"({where(b)}){ratio}")
    if wanted(index, [c, a, b]):
        yield from findings(CODE, NAME, cap(severity, [c, a, b]), message, [c], [a, b],
                            (c.subject, c.measure, c.kind, target, comp.op))


def check(index: ClaimIndex, settings: Settings) -> Iterator[Finding]:
    """Check every comparative claim against the stated values of both sides."""
    table: SubjectGroups | None = None  # read on the first comparison (most runs have none)
    for _key, claims in index:
        for c in claims:  # a finding is located at c: in focus mode, only reported ones
            if c.mention.comparison is not None and index.wants(c.path):
                table = table if table is not None else subject_groups(index)
                yield from _judge(c, table, index, settings)


RULE = Rule(code=CODE, name=NAME, severity="error", doc=__doc__ or "", check=check,
            measures=same_measure)
