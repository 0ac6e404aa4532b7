"""The SARIF 2.1.0 format (``--format sarif``), as GitHub code scanning reads it.

One run: ``tool.driver`` lists every rule (id, name, short and full description, help from
the rule's docstring), each finding is a result with its rule, level, location and the other
side of a conflict as ``relatedLocations``, linked from the message (``[path:line](1)``).
URIs are relative to the project root (GitHub resolves them against the repository) and
percent-encoded; columns count Unicode code points (``columnKind: unicodeCodePoints``).
``partialFingerprints["factlint/v1"]`` identifies the conflict *and the side* (a hash of
the finding's fingerprint, path and claim text), so the two findings of one conflict stay
two alerts and each survives moved lines. FC999 (an internal error, which has no place in a
file) becomes a tool execution notification, not a result.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from factlint import __version__
from factlint.hookspecs import Reporter, Rule, RunInfo
from factlint.model import Finding, Location, Stats, fingerprint_of
from factlint.report.json_reporter import dumps

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/factlint/"
FINGERPRINT_KEY = "factlint/v1"

#: Codes that are not rules but that the engine itself reports (DESIGN.md, "Rules").
PROBLEMS = {
    "FC901": ("not-text", "warning", "A binary or undecodable file (skipped, or decoded "
              "with replacement: the message says which)."),
    "FC902": ("unused-suppression", "warning", "A `factlint: ignore` marker that silenced "
              "nothing; remove it."),
    "FC903": ("too-large", "warning", "A file over the size limit (`max_bytes`), skipped."),
    "FC904": ("bad-front-matter", "warning", "Front matter that does not parse; the body is "
              "still linted."),
    "FC905": ("unreadable", "warning", "A file that cannot be read, or a symlink loop."),
    "FC999": ("internal-error", "error", "A rule, loader or reporter raised; it is named and "
              "the rest ran."),
}


def _builtin_rules() -> list[Rule]:
    """The built-in rules, for a caller that does not say which rules the run had."""
    from factlint.rules import factlint_rules

    return factlint_rules()


def _short(code: str, doc: str) -> str:
    first = doc.strip().splitlines()[0] if doc.strip() else code
    head, sep, tail = first.partition(": ")
    return tail.strip() if sep and head.startswith(code) else first.strip()


def _descriptor(code: str, name: str, level: str, doc: str) -> dict[str, Any]:
    text = doc.strip() or name
    short = _short(code, text)
    body = text.split("\n\n")[1:2]  # the paragraph after the title line, if any
    full = " ".join(f"{short} {body[0] if body else ''}".split())
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": text, "markdown": text},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["factlint"], "problem.severity": level},
    }


def rule_descriptors(findings: list[Finding], rules: list[Rule]) -> list[dict[str, Any]]:
    """Descriptors of every known rule, the engine's FC9xx codes, and any other code found."""
    out: dict[str, dict[str, Any]] = {}
    for rule in rules:
        out[rule.code] = _descriptor(rule.code, rule.name, rule.severity, rule.doc)
    for code, (name, level, doc) in PROBLEMS.items():
        if code != "FC999":
            out.setdefault(code, _descriptor(code, name, level, doc))
    for f in findings:  # a rule from a rules_dir this process did not load
        if f.rule != "FC999":
            out.setdefault(f.rule, _descriptor(f.rule, f.name, f.severity, f.name))
    return [out[code] for code in sorted(out)]


def artifact_uri(path: str) -> str:
    """A project-relative path as a relative URI reference; an absolute one as a file URI."""
    if path.startswith("/"):
        return PurePosixPath(path).as_uri()
    return quote(path, safe="/")


def _escape(text: str) -> str:
    """Plain-text SARIF messages: a literal ``\\``, ``[`` or ``]`` is escaped with ``\\``."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _physical(loc: Location) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": max(loc.line, 1), "startColumn": max(loc.column, 1)}
    if (loc.end_line, loc.end_column) > (loc.line, loc.column):
        region.update(endLine=loc.end_line, endColumn=loc.end_column)
    artifact = {"uri": artifact_uri(loc.path)}
    if not loc.path.startswith("/"):
        artifact["uriBaseId"] = "%SRCROOT%"
    return {"artifactLocation": artifact, "region": region}


def _message(finding: Finding) -> str:
    """The message with each related place linked: ``... in [a.md:8](1)``."""
    text = _escape(finding.message)
    for i, rel in enumerate(finding.related, start=1):
        place = _escape(f"{rel.location.path}:{rel.location.line}")
        if place in text:
            text = text.replace(place, f"[{place}]({i})", 1)
        else:
            text += f" ([{rel.role}: {place}]({i}))"
    return text


def _partial_fingerprint(finding: Finding) -> str:
    claim = finding.claim.text if finding.claim is not None else ""
    parts = (fingerprint_of(finding), finding.location.path, " ".join(claim.casefold().split()))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    """One SARIF result."""
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index[finding.rule],
        "level": finding.severity,
        "message": {"text": _message(finding)},
        "locations": [{"physicalLocation": _physical(finding.location)}],
        "partialFingerprints": {FINGERPRINT_KEY: _partial_fingerprint(finding)},
        "properties": {"fingerprint": fingerprint_of(finding)},
    }
    if finding.conflict_id:
        out["properties"]["conflictId"] = finding.conflict_id
    if finding.related:
        out["relatedLocations"] = [
            {"id": i, "physicalLocation": _physical(rel.location),
             "message": {"text": _escape(rel.claim.text if rel.claim else rel.role)}}
            for i, rel in enumerate(finding.related, start=1)
        ]
    return out


def sarif_log(findings: list[Finding], stats: Stats, rules: list[Rule]) -> dict[str, Any]:
    """The whole SARIF log as plain data."""
    ordered = sorted(findings, key=Finding.sort_key)
    descriptors = rule_descriptors(ordered, rules)
    rule_index = {d["id"]: i for i, d in enumerate(descriptors)}
    internal = [f for f in ordered if f.rule == "FC999"]
    invocation: dict[str, Any] = {"executionSuccessful": not internal}
    if internal:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": f.message}, "descriptor": {"id": f.rule}}
            for f in internal
        ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "factlint", "version": __version__,
                                "semanticVersion": __version__,
                                "informationUri": INFORMATION_URI, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation],
            "results": [result(f, rule_index) for f in ordered if f.rule != "FC999"],
            "properties": {"stats": {"files": stats.files, "documents": stats.documents,
                                     "claims": stats.claims, "seconds": stats.seconds}},
        }],
    }


def write(findings: list[Finding], stats: Stats, out: TextIO) -> None:
    """Write the report as SARIF 2.1.0 (UTF-8 JSON, indent 2), describing the built-in
    rules (a run describes the rules it had through :func:`write_run`)."""
    out.write(dumps(sarif_log(findings, stats, _builtin_rules())) + "\n")


def write_run(findings: list[Finding], stats: Stats, out: TextIO, run: RunInfo) -> None:
    """Write the report as SARIF 2.1.0, describing every rule of the run."""
    out.write(dumps(sarif_log(findings, stats, list(run.rules))) + "\n")


REPORTER = Reporter("sarif", write, write_run)
