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

from factlint.model import Finding, Settings, Severity, Stats

if TYPE_CHECKING:
    from factlint.index import ClaimIndex

PROJECT = "factlint"
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
class RunInfo:
    """What a reporter may know of the run besides its findings and stats (since 0.3).

    ``rules``: every rule the run had, built-in and from plugins (a SARIF log describes
    them all, whether or not they found anything). Fields may be added in later versions,
    always with a default, so a reporter written today keeps working.
    """

    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class Reporter:
    """An output format: ``write(findings, stats, out)`` writes the whole report to ``out``.

    ``write_run`` (since 0.3), when given, is called instead of ``write`` with a
    :class:`RunInfo` as fourth argument; ``write`` stays the form for callers that have no
    run (tests, other tools) and for reporters written before 0.3.
    """

    name: str
    write: Callable[[list[Finding], Stats, TextIO], None]
    write_run: Callable[[list[Finding], Stats, TextIO, RunInfo], None] | None = None


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
