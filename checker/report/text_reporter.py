"""The text format: one line per finding, the places it relates to, and a summary line.

::

    seeds/003.txt:10:201: FC101 China's share of rare earth mining (2024–2025): ...
        seeds/000.txt:8:170: (conflicts) controlling 69% of production
    2 errors, 0 warnings in 5 files (26 documents, 40 claims)

A warning carries its severity after the code: ``FC101 [warning] ...``. No colour.
"""

from __future__ import annotations

from typing import TextIO

from factlint.hookspecs import Reporter
from factlint.model import Finding, Location, Related, Stats


def _place(loc: Location) -> str:
    return f"{loc.path}:{loc.line}:{loc.column}" if loc.path else "factlint"


def plural(n: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def format_finding(finding: Finding) -> str:
    """The finding's first line: ``path:line:col: CODE [warning] message``."""
    level = " [warning]" if finding.severity == "warning" else ""
    return f"{_place(finding.location)}: {finding.rule}{level} {finding.message}"


def format_related(related: Related) -> str:
    """An indented line for one related place: ``    path:line:col: (role) claim text``."""
    text = f" {related.claim.text}" if related.claim is not None else ""
    return f"    {_place(related.location)}: ({related.role}){text}"


def summary(findings: list[Finding], stats: Stats) -> str:
    """``N errors, M warnings in F files (D documents, C claims)``."""
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    return (f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in "
            f"{plural(stats.files, 'file')} ({plural(stats.documents, 'document')}, "
            f"{plural(stats.claims, 'claim')})")


def write(findings: list[Finding], stats: Stats, out: TextIO, *, quiet: bool = False) -> None:
    """Write every finding, then the summary line (left out when ``quiet``)."""
    for finding in findings:
        out.write(format_finding(finding) + "\n")
        for related in finding.related:
            out.write(format_related(related) + "\n")
    if not quiet:
        out.write(summary(findings, stats) + "\n")


REPORTER = Reporter("text", write)
