"""The GitHub Actions format (``--format github``): one workflow command per finding.

::

    ::error file=a.md,line=8,endLine=8,col=5,endColumn=8,title=FC101 value-conflict::message

A warning is ``::warning``. Values are escaped as the runner expects: in the message ``%``,
CR and LF become ``%25``, ``%0D``, ``%0A``; in properties ``:`` and ``,`` also become
``%3A`` and ``%2C``. GitHub shows only ten annotations of each type per step, so when
``$GITHUB_STEP_SUMMARY`` names a file, a Markdown table of *all* findings is appended to it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from factlint.hookspecs import Reporter
from factlint.model import Finding, Stats
from factlint.report.text_reporter import summary

SUMMARY_ENV = "GITHUB_STEP_SUMMARY"


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    """The workflow command of one finding (no trailing newline)."""
    loc = finding.location
    props: list[tuple[str, str]] = []
    if loc.path:
        props += [("file", loc.path), ("line", str(loc.line)), ("endLine", str(loc.end_line)),
                  ("col", str(loc.column))]
        if (loc.end_line, loc.end_column) > (loc.line, loc.column):
            props.append(("endColumn", str(loc.end_column)))
    props.append(("title", f"{finding.rule} {finding.name}"))
    message = finding.message
    for rel in finding.related:
        text = f" {rel.claim.text}" if rel.claim is not None else ""
        message += f"\n{rel.role}: {rel.location.path}:{rel.location.line}:" \
                   f"{rel.location.column}{text}"
    kind = "error" if finding.severity == "error" else "warning"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{kind} {joined}::{escape_data(message)}"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no HTML, no links, no pipes, one line."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("[", "\\[")
    return " ".join(text.split())


def markdown_summary(findings: list[Finding], stats: Stats) -> str:
    """A Markdown section listing every finding, for the job summary page."""
    lines = ["## factlint", "", _cell(summary(findings, stats)), ""]
    if findings:
        lines += ["| | rule | where | message |", "|---|---|---|---|"]
        for f in findings:
            icon = ":x:" if f.severity == "error" else ":warning:"
            where = f"{f.location.path}:{f.location.line}:{f.location.column}" \
                if f.location.path else ""
            lines.append(f"| {icon} | {f.rule} {_cell(f.name)} | `{_code(where)}` | "
                         f"{_cell(f.message)} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    """Text inside a code span of a table cell (no backticks, no pipes)."""
    return " ".join(text.replace("`", "'").replace("|", "\\|").split())


def write(findings: list[Finding], stats: Stats, out: TextIO) -> None:
    """Write one workflow command per finding; append the summary to $GITHUB_STEP_SUMMARY."""
    ordered = sorted(findings, key=Finding.sort_key)
    for finding in ordered:
        out.write(command(finding) + "\n")
    target = os.environ.get(SUMMARY_ENV)
    if target:
        try:
            with Path(target).open("a", encoding="utf-8") as handle:
                handle.write(markdown_summary(ordered, stats))
        except OSError as exc:
            note = escape_data(f"cannot write the step summary: {exc}")
            out.write(f"::warning title=factlint::{note}\n")


REPORTER = Reporter("github", write)
