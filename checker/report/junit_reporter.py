"""The JUnit XML format (``--format junit``), for GitLab, Jenkins and other CI test reports.

One ``<testsuite name="factlint">``; one ``<testcase>`` per finding, named by rule, path,
line and column (made unique with `` (2)``, `` (3)`` when one place has several findings),
with ``classname`` = the path and a ``<failure>`` carrying the message and the rule. With
no findings there is one passing testcase, so CI tools still show the suite. The XML is
built with :mod:`xml.etree.ElementTree`; characters XML 1.0 cannot hold are replaced.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from factlint.hookspecs import Reporter
from factlint.model import Finding, Stats
from factlint.report.text_reporter import format_related

SUITE = "factlint"
# control characters, surrogates and non-characters that XML 1.0 forbids
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _case_name(finding: Finding) -> str:
    loc = finding.location
    where = f"{loc.path}:{loc.line}:{loc.column}" if loc.path else "factlint"
    return f"{finding.rule} {where}"


def junit_tree(findings: list[Finding], stats: Stats) -> ET.Element:
    """The ``<testsuites>`` element of a report."""
    ordered = sorted(findings, key=Finding.sort_key)
    root = ET.Element("testsuites", name=SUITE, tests=str(max(len(ordered), 1)),
                      failures=str(len(ordered)), errors="0", time=f"{stats.seconds:.3f}")
    suite = ET.SubElement(root, "testsuite", name=SUITE, tests=str(max(len(ordered), 1)),
                          failures=str(len(ordered)), errors="0", skipped="0",
                          time=f"{stats.seconds:.3f}")
    if not ordered:
        ET.SubElement(suite, "testcase", name=f"factlint: {stats.files} files, "
                      f"{stats.claims} claims, no findings", classname=SUITE, time="0")
    seen: dict[str, int] = {}
    for f in ordered:
        name = _case_name(f)
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name} ({seen[name]})"
        case = ET.SubElement(suite, "testcase", name=_clean(name),
                             classname=_clean(f.location.path or SUITE), time="0")
        failure = ET.SubElement(case, "failure", message=_clean(f.message),
                                type=_clean(f"{f.rule} {f.name} ({f.severity})"))
        details = [f"{f.rule} [{f.severity}] {f.message}"]
        details += [format_related(r).strip() for r in f.related]
        failure.text = _clean("\n".join(details))
    return root


def write(findings: list[Finding], stats: Stats, out: TextIO) -> None:
    """Write the report as JUnit XML (UTF-8, with an XML declaration)."""
    tree = ET.ElementTree(junit_tree(findings, stats))
    ET.indent(tree)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    tree.write(out, encoding="unicode", xml_declaration=False)
    out.write("\n")


REPORTER = Reporter("junit", write)
