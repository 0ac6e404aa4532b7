"""The JSON format (``--format json``): the contract of DESIGN.md "Contracts / JSON".

Keys are stable and always present (``claim`` is ``null`` when a finding has none), findings
come sorted by path, line, column and rule, values are exact decimal strings (``null`` for an
infinite bound). The schema ships as ``factlint/schema/findings.schema.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

import orjson

from factlint.hookspecs import Reporter
from factlint.model import Claim, Finding, Location, Mention, Stats, format_number

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


def dumps(obj: object, level: int = 0) -> str:
    """``obj`` as ``json.dumps(obj, ensure_ascii=False, indent=2)`` writes it, indented as if
    it sat ``level`` levels deep in a larger document.

    orjson writes the same bytes for the plain data of a report (strings, ints, floats,
    lists, dicts with string keys) about as fast as the hand-written encoder it replaced;
    the standard library's pure-Python indenting encoder made a warm 10k-article JSON report
    take 0.32 s instead of 0.24-0.26 s. What orjson refuses (a lone surrogate from an
    undecodable file name, an int past 64 bits) goes to the standard library, which decides.
    """
    try:
        text = orjson.dumps(obj, option=orjson.OPT_INDENT_2).decode("utf-8")
    except (TypeError, orjson.JSONEncodeError):
        text = json.dumps(obj, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + "  " * level) if level else text


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
    def related_claim(c: Claim | None) -> dict[str, Any] | None:
        return None if c is None else claim_dict(c)

    for i, finding in enumerate(ordered):
        if i:
            out.write(",\n    ")
        out.write(dumps(_finding_data(finding, related_claim), 2))
    stats_text = dumps({"stats": _stats_dict(stats)})[1:-2]  # its lines, without the braces
    out.write(f"\n  ],{stats_text}\n}}\n")



REPORTER = Reporter("json", write)
