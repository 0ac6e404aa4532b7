"""The HTML format (``--format html``): one self-contained page an editor can look at.

A header counts the findings by rule and severity and filters them by rule, severity and
file; each conflicting key (subject, measure, kind, period) gets one section with its
findings, as the text format words them, and a chart of every place that states a figure
of it, the agreeing places too, each value drawn as its interval; conflicts of FC201,
FC202, FC203, FC301 and FC302 get the chart that fits them besides. Past
:data:`~.data.MAX_CHARTS` keys the rest are listed without charts. No network: the style
sheet, the charts (inline SVG drawn by :mod:`.svg`) and the one small script are in the
page, and its Content-Security-Policy allows nothing else. See docs/html-report.md.

The modules: :mod:`.data` (what to show), :mod:`.svg` (the charts), :mod:`.page` (the page).
"""

from __future__ import annotations

from typing import TextIO

from factlint.hookspecs import KeyClaims, Reporter, RunInfo
from factlint.hookspecs import claim_place as place_of
from factlint.index import claim_key
from factlint.model import Claim, Finding, Stats
from factlint.report.html import data, page


def write_run(findings: list[Finding], stats: Stats, out: TextIO, run: RunInfo) -> None:
    """Write the page; ``run.keys`` gives the places of every key (without them, a key's
    chart shows the places its findings name)."""
    for chunk in page.render(data.build(findings, run), findings, stats):
        out.write(chunk)


def write(findings: list[Finding], stats: Stats, out: TextIO) -> None:
    """Write the page for findings without a run: each key's places are the findings'."""
    write_run(findings, stats, out, RunInfo(keys=keys_of_findings(findings)))


def keys_of_findings(findings: list[Finding]) -> tuple[KeyClaims, ...]:
    """Keys built from the claims the findings name, for a caller with no run."""
    groups: dict[tuple[str, ...], dict[object, Claim]] = {}
    for f in findings:
        for c in [f.claim, *(r.claim for r in f.related)]:
            if c is not None:
                groups.setdefault(claim_key(c), {})[place_of(c)] = c
    out = []
    for key, claims in sorted(groups.items()):
        ordered = tuple(sorted(claims.values(), key=lambda c: (c.path, c.location.line,
                                                                c.location.column)))
        head = ordered[0]
        out.append(KeyClaims(head.subject, head.measure, head.kind, key[3], head.period,
                             ordered))
    return tuple(out)


REPORTER = Reporter("html", write, write_run, wants_claims=True)
