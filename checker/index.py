"""The claim index: claims grouped by key, so rules compare only what speaks of one thing.

Claims are grouped by (subject, measure, kind, value dimension); inside a group a rule
compares only claims whose periods are compatible (:func:`factlint.periods.comparable`).
Building the index is linear in the number of claims.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from factlint.frame.lexicon import Lexicon
from factlint.model import Claim, Settings, dollar_as_usd
from factlint.periods import comparable

Key = tuple[str, str, str, str]  # subject, measure, kind, dimension


def claim_key(claim: Claim) -> Key:
    dimension = claim.mention.value.dimension if claim.mention.value is not None else "rank"
    # (a bare $ agrees with US$ figures, at most at warning level)
    return (claim.subject.casefold(), claim.measure, claim.kind, dollar_as_usd(dimension))


@dataclass(frozen=True)
class ClaimIndex:
    """All claims of a run, grouped by key. Rules read it; nobody mutates it."""

    claims: tuple[Claim, ...]
    groups: dict[Key, tuple[Claim, ...]]
    lexicon: Lexicon
    settings: Settings
    report_only: frozenset[str] | None = None  # paths whose findings are reported (pre-commit)

    def __iter__(self) -> Iterator[tuple[Key, tuple[Claim, ...]]]:
        return iter(sorted(self.groups.items()))

    def wants(self, path: str) -> bool:
        return self.report_only is None or path in self.report_only


def unify_subjects(claims: Sequence[Claim], lexicon: Lexicon) -> list[Claim]:
    """Claims whose subject is another subject of the same measure with a corporate suffix
    ("Ryanair Holdings" beside "Ryanair", "Boeing Company" beside "Boeing"), or goes on from
    a one-word subject ("Caledon Connect Railways" beside "Caledon", see
    :func:`_first_words`), or whose initials another subject is ("Mediterranean Shipping
    Company" beside "MSC"), keyed by the shorter name, unless another name of that measure
    goes on from the shorter one with other words ("Geely Holding Group" beside "Geely
    Automobile Holdings": "Geely" is neither). Decided within each measure, so that a run
    that loads only some measures' claims (pre-commit) decides the same."""
    suffixes = lexicon.name_suffixes
    if not suffixes:
        return list(claims)
    subjects: dict[tuple[str, str], set[str]] = defaultdict(set)
    kinds: dict[str, set[str]] = defaultdict(set)  # the kinds a measure is stated in
    stated: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        subjects[(claim.measure, claim.kind)].add(claim.subject)
        kinds[claim.measure].add(claim.kind)
        stated[(claim.measure, claim.kind, claim.subject)].append(claim)
    renames: dict[tuple[str, str, str], str] = {}
    for (measure, kind, full), short in _declared(claims).items():
        if full in subjects[(measure, kind)]:  # "Suez Canal" where a document wrote "Suez
            renames[(measure, kind, full)] = short  # Canal ... Suez" for it

    def rename(measure: str, full: str, short: str) -> None:
        """``full`` is ``short`` in every kind of the measure that states it, unless a
        document tells the two apart."""
        for kind in kinds[measure]:
            if full in subjects[(measure, kind)] and \
                    not _told_apart(stated[(measure, kind, full)], stated[(measure, kind, short)]):
                renames[(measure, kind, full)] = short

    # the names of one measure, whatever its kinds: "Clearview" of a multiple ("twice as many
    # eye tests as Brightsight") is the "Clearview Opticians" of the levels of eye tests
    for measure, measure_kinds in kinds.items():
        names = set().union(*(subjects[(measure, kind)] for kind in measure_kinds))
        if len(names) < 2:
            continue
        for short, full in _acronyms(names, suffixes):  # "MSC" beside "Mediterranean
            rename(measure, full, short)  # Shipping Company"
        for short, longer in _first_words(names, lexicon):  # "Caledon" beside "Caledon
            for full in longer:  # Connect Railways"
                rename(measure, full, short)
        for name in names:
            base = without_suffixes(name, suffixes)
            if base == name or base not in names:
                continue
            if all(other == name or not other.startswith(base + " ")
                   or without_suffixes(other, suffixes) == base for other in names):
                rename(measure, name, base)
    if not renames:
        return list(claims)
    first = dict(renames)
    for (measure, kind, name), short in first.items():
        for _ in range(2):  # "Apex Leisure Group" -> "Apex Leisure" -> "Apex": a rename's
            # target renamed in turn, up to two more steps (docs/scale.md's SQL does the same)
            further = first.get((measure, kind, short))
            if further is None or further == name:
                break
            short = further
        renames[(measure, kind, name)] = short
    return [replace(c, subject=renames[(c.measure, c.kind, c.subject)])
            if (c.measure, c.kind, c.subject) in renames else c for c in claims]


def _first_words(names: set[str], lexicon: Lexicon) -> list[tuple[str, list[str]]]:
    """(short name, the longer names it opens) among one measure's subjects: a one-word name
    ("Caledon") and the names that go on from it, each from the one before ("Caledon Connect",
    "Caledon Connect Railways"), as a writer shortens a name after its first use; none where
    two longer names go on differently ("Samsung SDI" beside "Samsung Electronics") or the
    short name is a place ("China" beside "China Mobile")."""
    out = []
    for short in names:
        if not may_shorten(short, lexicon):
            continue
        longer = sorted((n for n in names if n.startswith(short + " ")), key=len)
        if longer and all(b.startswith(a + " ") for a, b in itertools.pairwise(longer)):
            out.append((short, longer))
    return out


def may_shorten(name: str, lexicon: Lexicon) -> bool:
    """Whether ``name`` may be a longer name shortened to its first word: one word, no
    acronym, no place, not the world."""
    return " " not in name and not is_acronym(name) and lexicon.place(name) is None and \
        not lexicon.is_total(name)


def _declared(claims: Sequence[Claim]) -> dict[tuple[str, str, str], str]:
    """The short names documents gave full ones, per measure: a claim written "Suez Canal
    revenue plunged" but keyed "Suez" (its document writes the full name, then the short):
    other documents' "Suez Canal" of that measure is "Suez" too, where that is the one
    short name given."""
    given: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for c in claims:
        written = declared_name(c)
        if written is not None:
            given[(c.measure, c.kind, written)].add(c.subject)
    return {k: next(iter(v)) for k, v in given.items() if len(v) == 1}


def declared_name(c: Claim) -> str | None:
    """The full name the claim's text writes for its shorter subject ("Suez Canal" for
    "Suez"), None when it writes none."""
    written = c.subject_text.removeprefix("The ").removeprefix("the ").strip()
    for tail in ("'s", "’s"):
        written = written.removesuffix(tail)
    if written != c.subject and written.startswith(c.subject + " "):
        return written
    return None


def is_acronym(name: str) -> bool:
    """2 to 6 capital letters ("MSC", "AWS")."""
    return 2 <= len(name) <= 6 and name.isalpha() and name.isupper()


def _acronyms(names: set[str], suffixes: frozenset[str]) -> list[tuple[str, str]]:
    """(acronym, full name) pairs among one measure's subjects: "MSC" and "Mediterranean
    Shipping Company", "AWS" and "Amazon Web Services" (initials of the name's capitalised
    words, with or without its suffix), where exactly one name has those initials."""
    shorts = [n for n in names if is_acronym(n)]
    if not shorts:
        return []
    having: dict[str, list[str]] = defaultdict(list)  # initials -> the names with them
    for name in names:
        if " " in name:
            for letters in initials(name, suffixes):
                having[letters].append(name)
    return [(short, having[short][0]) for short in shorts if len(having[short]) == 1]


def initials(name: str, suffixes: frozenset[str]) -> set[str]:
    """The initials of the name's capitalised words, with and without its suffixes."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    core = without_suffixes(" ".join(words), suffixes).split()
    return {"".join(w[0] for w in words).upper(), "".join(w[0] for w in core).upper()}


def _told_apart(named: list[Claim], base: list[Claim]) -> bool:
    """Whether one document gives the two names different values of one period ("The
    Emirates Group reported revenue of $39.6 billion" beside the airline's $34.2 billion):
    then they are two subjects, whatever other documents write."""
    for a in named:
        for b in base:
            if a.path == b.path and a.doc_index == b.doc_index and \
                    a.mention.value is not None and b.mention.value is not None and \
                    comparable(a.period, b.period) and \
                    not a.mention.value.speaker.intersects(b.mention.value.speaker):
                return True
    return False


def without_suffixes(name: str, suffixes: frozenset[str]) -> str:
    """The name without its last corporate suffix ("Ryanair Holdings" -> "Ryanair",
    "Norvik Cement Group" -> "Norvik Cement"); a one-word name, or one that ends in none,
    stays as it is."""
    words = name.split()
    if len(words) > 1 and words[-1] in suffixes:
        words.pop()
    return " ".join(words)


def build_index(
    claims: Sequence[Claim], lexicon: Lexicon, settings: Settings,
    report_only: frozenset[str] | None = None,
) -> ClaimIndex:
    groups: dict[Key, list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[claim_key(claim)].append(claim)
    return ClaimIndex(
        tuple(claims), {k: tuple(v) for k, v in groups.items()}, lexicon, settings, report_only
    )


#: claims by (subject, measure, kind), every dimension together
SubjectGroups = dict[tuple[str, str, str], list[Claim]]


def subject_groups(index: ClaimIndex) -> SubjectGroups:
    """Claims by (case-folded subject, measure, kind), every dimension together: what a
    rule looks a subject's figures of one measure up in (FC301's endpoints, FC302's sides)."""
    out: SubjectGroups = {}
    for (subject, measure, kind, _dim), claims in index:
        out.setdefault((subject, measure, kind), []).extend(claims)
    return out


MeasureKey = tuple[str, str, str]  # measure, kind, dimension


def measure_groups(index: ClaimIndex) -> dict[MeasureKey, tuple[Claim, ...]]:
    """Claims grouped by (measure, kind, dimension) across subjects, in index order.

    Rules that compare subjects with each other (ranks, sums of shares, parts of a total)
    read these groups; like :func:`build_index`, building them is linear in the claims.
    """
    groups: dict[MeasureKey, list[Claim]] = defaultdict(list)
    for (_subject, measure, kind, dimension), claims in index:
        groups[(measure, kind, dimension)].extend(claims)
    return {k: tuple(v) for k, v in groups.items()}
