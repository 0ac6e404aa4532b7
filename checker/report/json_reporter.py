"""The JSON format (``--format json``): the contract of DESIGN.md "Contracts / JSON".

Keys are stable and always present (``claim`` is ``null`` when a finding has none), findings
come sorted by path, line, column and rule, values are exact decimal strings (``null`` for an
infinite bound). The schema ships as ``factlint/schema/findings.schema.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from factlint.hookspecs import Reporter
from factlint.model import Claim, Finding, Location, Mention, Stats, format_number
from factlint.report.indented import Raw, dumps

VERSION = 1


def value_fields(mention: Mention) -> tuple[str | None, str | None, str]:
    """``(low, high, unit)`` of a mention in the speaker's reading; a bare rank is exact."""
    value = mention.value
    if value is None:
        rank = None if mention.rank is None else str(mention.rank)
        return rank, rank, "rank" if rank is not None else ""
    iv = value.speaker
    low = None if iv.low is None else format_number(iv.low)
    high = None if iv.high is None else format_number(iv.high)
    return low, high, value.unit


def location_dict(loc: Location) -> dict[str, Any]:
    """``path``, ``line``, ``column``, ``end_line``, ``end_column``."""
    return {"path": loc.path, "line": loc.line, "column": loc.column,
            "end_line": loc.end_line, "end_column": loc.end_column}


def claim_dict(claim: Claim | None) -> dict[str, Any] | None:
    """A claim as the contract shows it: what was said, its key and its value."""
    if claim is None:
        return None
    low, high, unit = value_fields(claim.mention)
    return {"text": claim.text, "value_text": claim.mention.text, "subject": claim.subject,
            "measure": claim.measure, "kind": claim.kind, "period": claim.period.label(),
            "low": low, "high": high, "unit": unit}


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding with its location, claim and related places."""
    return _finding_data(finding, claim_dict)


def _finding_data(finding: Finding,
                  related_claim: Callable[[Claim | None], object]) -> dict[str, Any]:
    """The finding's dict; ``related_claim`` gives each related place's claim."""
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity,
        "message": finding.message,
        "location": {**location_dict(finding.location), "claim": claim_dict(finding.claim)},
        "related": [
            {**location_dict(r.location), "role": r.role, "claim": related_claim(r.claim)}
            for r in finding.related
        ],
        "conflict_id": finding.conflict_id,
        "fingerprint": finding.fingerprint,
    }


def report_dict(findings: list[Finding], stats: Stats) -> dict[str, Any]:
    """The whole report as plain data."""
    return {
        "version": VERSION,
        "findings": [finding_dict(f) for f in sorted(findings, key=Finding.sort_key)],
        "stats": _stats_dict(stats),
    }


def _stats_dict(stats: Stats) -> dict[str, Any]:
    return {"files": stats.files, "documents": stats.documents, "mentions": stats.mentions,
            "claims": stats.claims, "unframed": stats.unframed, "seconds": stats.seconds}


def dump(data: object, out: TextIO) -> None:
    """JSON as every factlint report writes it: UTF-8 text, indent 2, trailing newline."""
    out.write(dumps(data) + "\n")


def write(findings: list[Finding], stats: Stats, out: TextIO) -> None:
    """Write the report as JSON: the bytes of ``dump(report_dict(...))``, written one finding
    at a time so that a report of a million findings never sits in memory as text.

    A claim that many findings name as related (one figure against a value stated in a
    thousand places) is encoded once, at the depth where related claims sit.
    """
    ordered = sorted(findings, key=Finding.sort_key)
    if not ordered:
        dump(report_dict([], stats), out)
        return
    out.write(f'{{\n  "version": {VERSION},\n  "findings": [\n    ')
    keys: dict[str, str] = {}
    related: dict[int, Raw] = {}  # the findings are alive: their claims' ids are stable

    def related_claim(c: Claim | None) -> Raw | None:
        if c is None:
            return None
        text = related.get(id(c))
        if text is None:  # findings at level 2, related at 4, their dicts' keys at 5
            text = related[id(c)] = Raw(dumps(claim_dict(c), _RELATED_CLAIM_LEVEL, keys))
        return text

    for i, finding in enumerate(ordered):
        if i:
            out.write(",\n    ")
        out.write(dumps(_finding_data(finding, related_claim), 2, keys))
    stats_text = dumps({"stats": _stats_dict(stats)})[1:-2]  # its lines, without the braces
    out.write(f"\n  ],{stats_text}\n}}\n")


#: how deep a related place's claim sits in the report (its own keys one deeper)
_RELATED_CLAIM_LEVEL = 5


REPORTER = Reporter("json", write)
