"""The hooks through which factlint finds rules, reporters, loaders and packs.

Built-in rules and reporters are registered through these same hooks. Every hook takes
and returns factlint's own frozen dataclasses (see :mod:`factlint.model`), never lark
or pint objects. Each hook is called once per run, never per document or statement.

A plugin is any module or object with ``@hookimpl``-decorated functions of these names;
it is found in the built-in ``factlint.rules`` package, in the ``factlint`` entry-point
group of installed distributions, or in the ``rules_dir`` of a repository's config.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

import pluggy

from factlint.model import Claim, Finding, Period, Settings, Severity, Stats

if TYPE_CHECKING:
    from factlint.index import ClaimIndex

PROJECT = "factlint"
#: The version of this plugin API. Each class and hook below says since which version it
#: is there; a plugin that uses a newer feature can check ``API_VERSION >= (0, 4)``. An API
#: version only adds (fields with defaults, new hooks): a plugin written against an older
#: one keeps working unchanged.
API_VERSION = (0, 4)
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@dataclass(frozen=True)
class Rule:
    """A rule: its code, name, default severity, documentation and check function.

    ``check`` receives the claim index of the whole corpus and the settings, and yields
    findings. It must not print. If it raises, the run reports FC999 naming the rule and
    the other rules still run. ``doc`` is what ``factlint --explain CODE`` prints.

    Focus (since 0.2): when only some files are reported (pre-commit, ``--corpus``),
    ``index.report_only`` names them and only findings located in them are kept, so a
    rule may skip the work of every group and pair in which no claim is in a reported
    file (``index.wants(path)``). ``measures``, when given, says which measures a rule
    reads to judge a claim of measure ``m`` (e.g. ``lambda m: (m,)`` for a rule that
    compares claims of one measure): a pre-commit run then decodes only the cached claims
    of those measures. ``None`` (the default, right for any rule) means any measure: the
    whole corpus is decoded for it.
    """

    code: str
    name: str
    severity: Severity
    doc: str
    check: Callable[[ClaimIndex, Settings], Iterable[Finding]]
    measures: Callable[[str], Iterable[str]] | None = None


@dataclass(frozen=True)
class KeyClaims:
    """Every claim of one key that has findings (since 0.4).

    A key is what DESIGN.md compares: one subject, measure and kind (and value dimension),
    and periods that compare. ``claims`` are all the places that state a figure of that key,
    the agreeing ones too, sorted by path, line and column: the claims of one index group
    (:func:`factlint.index.claim_key`) joined when their periods are comparable
    (:func:`factlint.periods.comparable`), directly or through another claim of the group.
    ``period`` spans them: the union of their years, with their granularity and part.
    ``subject``, ``measure`` and ``kind`` are as the first claim states them; ``dimension``
    is the group's value dimension (``"rank"`` for ranks).
    """

    subject: str
    measure: str
    kind: str
    dimension: str
    period: Period
    claims: tuple[Claim, ...]


def claim_place(claim: Claim) -> tuple[str, int, int, int, int, str]:
    """A claim's identity across the cache and processes (since 0.4): its location and text.

    The claim of a finding and the same claim in ``RunInfo.keys`` may be two equal objects
    rather than one; compare them by this.
    """
    loc = claim.location
    return (loc.path, loc.line, loc.column, loc.end_line, loc.end_column, claim.text)


@dataclass(frozen=True)
class RunInfo:
    """What a reporter may know of the run besides its findings and stats (since 0.3).

    ``rules``: every rule the run had, built-in and from plugins (a SARIF log describes
    them all, whether or not they found anything). Fields may be added in later versions,
    always with a default, so a reporter written today keeps working.

    Since 0.4:

    - ``keys``: for a reporter that sets ``Reporter.wants_claims``, the claims of every key
      that has a finding (the key of a finding's claim and of each of its related places),
      as :class:`KeyClaims` in key order; empty for other reporters. A finding lists at most
      a few related places; these are all the places of its keys.
    - ``suppressed``: findings the run found but did not report because a ``factlint:
      ignore`` marker, the config's ``ignore:`` list or a per-path override silenced them.
    - ``baselined``: findings left out because their fingerprint is in the baseline.
    """

    rules: tuple[Rule, ...] = ()
    keys: tuple[KeyClaims, ...] = ()
    suppressed: int = 0
    baselined: int = 0


@dataclass(frozen=True)
class Reporter:
    """An output format: ``write(findings, stats, out)`` writes the whole report to ``out``.

    ``write_run`` (since 0.3), when given, is called instead of ``write`` with a
    :class:`RunInfo` as fourth argument; ``write`` stays the form for callers that have no
    run (tests, other tools) and for reporters written before 0.3.

    ``wants_claims`` (since 0.4): when True, the run keeps every claim until the report and
    passes the claims of the keys that have findings in ``RunInfo.keys`` (a chart of every
    place that states a figure). It costs the whole-run memo of a warm run, so it is off by
    default, and a reporter that leaves it off gets an empty ``RunInfo.keys``.
    """

    name: str
    write: Callable[[list[Finding], Stats, TextIO], None]
    write_run: Callable[[list[Finding], Stats, TextIO, RunInfo], None] | None = None
    wants_claims: bool = False


class FactlintSpec:
    """Hook specifications (pluggy). All hooks return lists; results are concatenated."""

    @hookspec
    def factlint_rules(self) -> list[Rule]:  # type: ignore[empty-body]
        """Return the rules this plugin provides (since 0.1).

        Codes must be unique across all plugins; a duplicate is a usage error.
        """

    @hookspec
    def factlint_reporters(self) -> list[Reporter]:  # type: ignore[empty-body]
        """Return the output formats this plugin provides, by ``--format`` name (since 0.1)."""

    @hookspec
    def factlint_packs(self) -> list[str]:  # type: ignore[empty-body]
        """Return paths of YAML lexicon packs (aliases, measure synonyms) to load (since 0.1).

        Packs hold facts, not settings; they are read with ``yaml.safe_load`` only.
        """
