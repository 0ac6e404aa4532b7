"""``--format junit``: valid XML a CI test report can read, one testcase per finding."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from conftest import CLEAN, CONFLICT, run_cli
from reporter_data import ERROR, INTERNAL, MIRROR, STATS, WARNING

from factlint.model import Finding, Location, Stats
from factlint.report import junit_reporter

Corpus = Callable[[Mapping[str, str]], Path]


def _parse(findings: list[Finding], stats: Stats = STATS) -> ET.Element:
    out = io.StringIO()
    junit_reporter.write(findings, stats, out)
    text = out.getvalue()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def test_one_testcase_per_finding_with_unique_names() -> None:
    twin = replace(ERROR, message="60% here, but 70% in c/001.txt:2")  # same place
    root = _parse([ERROR, twin, MIRROR, WARNING, INTERNAL])
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "5" and suite.get("failures") == "5"
    cases = suite.findall("testcase")
    names = [c.get("name") for c in cases]
    assert len(set(names)) == 5
    assert "FC101 b/003.txt:10:11" in names and "FC101 b/003.txt:10:11 (2)" in names
    case = next(c for c in cases if c.get("name") == "FC101 a/000.txt:8:5")
    assert case.get("classname") == "a/000.txt"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == MIRROR.message
    assert failure.get("type") == "FC101 value-conflict (error)"
    assert "b/003.txt:10:11: (conflicts) approximately 60%" in (failure.text or "")


def test_hostile_text_still_parses() -> None:
    hostile = Finding("FC101", "value-conflict", "warning",
                      'a <tag> & "quote" \x00\x1b ]]> \ud800 end',
                      Location("dir/<x>&'y'.md", 1, 2, 1, 3))
    case = _parse([hostile]).find("testsuite/testcase")
    assert case is not None and case.get("classname") == "dir/<x>&'y'.md"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == 'a <tag> & "quote" \ufffd\ufffd ]]> \ufffd end'


def test_no_findings_gives_one_passing_testcase() -> None:
    suite = _parse([], Stats(files=3, claims=7)).find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == 1 and cases[0].find("failure") is None
    assert suite.get("failures") == "0"


def test_cli_junit_on_a_corpus(corpus: Corpus) -> None:
    root = corpus({**CONFLICT, **CLEAN})
    code, out, _ = run_cli(["--format", "junit", "."], root)
    assert code == 1
    cases = ET.fromstring(out.encode("utf-8")).findall("testsuite/testcase")
    assert sorted(c.get("classname") or "" for c in cases) == ["a.md", "b.md"]
