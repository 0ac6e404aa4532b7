"""``--format html``: the report of the seeds checked against their findings, hostile text,
the keys handed to reporters (plugin API 0.4), and the page past 200 keys.

The browser's view of the same pages is in test_html_browser.py.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Callable, Mapping
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import CONFLICT, run_cli
from html_page import parse
from reporter_data import STATS, claim, mention

from factlint.hookspecs import RunInfo
from factlint.model import Claim, Finding, Period, Related
from factlint.report import html
from factlint.report.html.data import MAX_CHARTS
from factlint.run.keyclaims import key_claims, period_clusters

REPO = Path(__file__).resolve().parent.parent
Corpus = Callable[[Mapping[str, str]], Path]
HOSTILE = ("<script>", "</svg>", '"onload=')
#: The only elements a report has: anything else came from a document.
TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "b",
        "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "form", "label",
        "select", "option", "output", "main", "section", "ul", "li", "a", "span", "figure",
        "figcaption", "details", "summary", "footer", "script", "svg", "desc", "circle",
        "rect", "polygon", "line", "text", "tspan"}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, object], Path]:
    """The seeds' HTML report and JSON report, from a copy of seeds/ (a git root)."""
    root = tmp_path_factory.mktemp("seeds-report")
    (root / ".git").mkdir()
    shutil.copytree(REPO / "seeds", root / "seeds")
    code, _, err = run_cli(["--format", "html", "-o", "report.html", "--no-cache", "seeds"],
                           root)
    assert code == 1, err  # findings: exit code as in every format
    code, out, err = run_cli(["--format", "json", "--no-cache", "seeds"], root)
    assert code == 1, err
    return (root / "report.html").read_text("utf-8"), json.loads(out), root


def _finding_keys(report: dict[str, object]) -> set[tuple[str, str, str]]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return {(f["location"]["claim"]["subject"], f["location"]["claim"]["measure"],
             f["location"]["claim"]["kind"]) for f in findings if f["location"]["claim"]}


def test_every_conflicting_key_has_one_section_and_one_chart(seeds: tuple) -> None:
    page_html, report, _ = seeds
    page = parse(page_html)
    keys = _finding_keys(report)
    assert len(keys) == 5  # the seeds: 3 FC101 keys, an FC201 rank, an FC203 share
    # no key of the seeds is split by period, so a key is its subject, measure and kind
    assert len(page.sections) == len(keys)
    for subject, measure, _kind in keys:
        assert any(subject in title and measure in title for title in page.sections.values()), \
            (subject, measure)
    key_charts = [section for section, kind in page.charts if kind == "key"]
    assert sorted(key_charts) == sorted(page.sections)  # exactly one per section
    # FC201 and FC203 get the chart that fits them besides
    assert len([kind for _, kind in page.charts if kind == "rule"]) == 2


def test_every_finding_is_listed_with_its_message_and_linked_to_its_place(seeds: tuple) -> None:
    page_html, report, _ = seeds
    page = parse(page_html)
    listed = {(link.target(), link.text) for link in page.links if not link.chart}
    text = "".join(page.texts)
    for f in report["findings"]:
        loc = f["location"]
        place = f"{loc['path']}:{loc['line']}:{loc['column']}"
        assert ((loc["path"], loc["line"]), place) in listed
        assert f["message"] in text


def test_every_link_points_at_its_place(seeds: tuple) -> None:
    """A chart row's link opens the file at the line where its value is written."""
    page_html, _, root = seeds
    page = parse(page_html)
    rows = [link for link in page.links if link.chart]
    assert len(rows) >= 20
    for link in rows:
        path, line = link.target()
        assert link.place == f"{path}:{line}"
        label = re.sub(r" \([^)]*\)$", "", link.text.split(" · ")[0])  # no " (2024)"
        words = label.split(". ", 1)[-1].split()  # rank rows: "1. China 44 million tons"
        figure = next((w for w in words if any(ch.isdigit() for ch in w)), words[-1])
        source = (root / path).read_text("utf-8").splitlines()[line - 1]
        assert figure in source, (link, figure)


def test_a_key_chart_draws_the_agreeing_places_no_finding_names(seeds: tuple) -> None:
    page_html, report, _ = seeds
    page = parse(page_html)
    named = {(f["location"]["path"], f["location"]["line"]) for f in report["findings"]}
    named |= {(r["path"], r["line"]) for f in report["findings"] for r in f["related"]}
    drawn = {link.target() for link in page.links if link.chart == "key"}
    assert named <= drawn | {(f["location"]["path"], f["location"]["line"])
                             for f in report["findings"] if f["rule"] != "FC101"}
    # the refining key: '90%' in seeds/001 line 23 agrees with every side, so no finding
    # names it, yet it states a figure of the key and is drawn (grey, no side)
    extra = drawn - named
    assert extra, "no agreeing place drawn"
    assert any(p.startswith("seeds/001_") for p, _ in extra)


def test_hostile_text_is_escaped(corpus: Corpus) -> None:
    """File names and text holding <script>, </svg> and "onload= stay text. (A file name
    cannot hold '</svg>'; the table row's subject keeps '"onload=', Markdown drops tags.)"""
    table = ("| Miner | Share of global cobalt mining |\n|---|---|\n"
             '| DRC </svg><script>alert(1)</script>"onload=x | 52% |\n')
    files = {'a "onload=alert(1) <script>.md': CONFLICT["a.md"]
             + "<script>window.pwned=1</script> </svg>\n",
             "b <svg onload=alert(2)>.md": CONFLICT["b.md"] + '"onload=alert(3) </svg>\n\n'
             + table}
    root = corpus(files)
    code, _, err = run_cli(["--format", "html", "-o", "r.html", "--no-cache", "."], root)
    assert code == 1, err
    _check_hostile((root / "r.html").read_text("utf-8"), ("<script>", '"onload=', "<svg "))


def _check_hostile(text: str, shown_as_text: tuple[str, ...] = HOSTILE) -> None:
    page = parse(text)
    assert set(page.tags) <= TAGS, set(page.tags) - TAGS
    assert page.tags.count("script") == 1 and page.ends.count("script") == 1
    assert page.tags.count("svg") == page.ends.count("svg")
    assert not [a for a in page.attrs if a[1].startswith("on")]
    assert not [a for a in page.attrs if a[1] == "href" and a[2] and ":" in a[2].split("#")[0]
                and not a[2].startswith("file://")]
    shown = "".join(page.texts)
    for hostile in shown_as_text:
        assert hostile in shown  # shown as text, where the document had it


def test_hostile_claims_in_every_field_are_escaped() -> None:
    """Subject, measure, statement, value and path, each hostile, through the reporter."""
    bad = '</svg><script>alert(1)</script>"onload=x'
    m1 = mention(f"about 70% {bad}", Fraction(133, 2), Fraction(147, 2), 0, f"{bad}.md", 3)
    m2 = mention("52%", Fraction(103, 2), Fraction(105, 2), 4, "b.md", 2)
    assert m1.location is not None and m2.location is not None
    c1 = Claim(m1, m1.location, f"says {bad}", bad, f"mining {bad}", "share",
               Period(frozenset({2024})))
    c2 = Claim(m2, m2.location, "holds 52%", bad, f"mining {bad}", "share",
               Period(frozenset({2024})))
    findings = [Finding("FC101", "value-conflict", "error", f"{bad} here", c1.location, c1,
                        (Related(c2.location, "conflicts", c2),), "c", "f"),
                Finding("FC203", "derived-share", "error", bad, c2.location, c2,
                        (Related(c1.location, "evidence", c1),), "d", "g")]
    out = io.StringIO()
    html.REPORTER.write(findings, STATS, out)
    _check_hostile(out.getvalue())


def test_old_reporters_keep_working_and_only_a_reporter_that_asks_gets_keys(
        corpus: Corpus) -> None:
    """Reporters written against plugin API 0.1 and 0.3 run unchanged; ``wants_claims``
    (0.4) brings the claims of the keys, the agreeing places too."""
    plugin = '''
from factlint.hookspecs import Reporter, hookimpl


def old(findings, stats, out):
    out.write(f"old {len(findings)}\\n")


def run(findings, stats, out, info):
    places = sorted(f"{c.path}:{c.location.line}" for k in info.keys for c in k.claims)
    out.write(f"{len(findings)} keys={len(info.keys)} {' '.join(places)}\\n")


@hookimpl
def factlint_reporters():
    return [Reporter("old", old), Reporter("run", old, run),
            Reporter("keys", old, run, wants_claims=True)]
'''
    files = {**CONFLICT, "c.md": "---\ntitle: Cobalt range\ndate: 2024-05-01\n---\n\n"
             "The DRC accounts for 50% to 75% of global cobalt mining.\n",
             "local/rep.py": plugin, ".factlint.yaml": "rules_dir: local\n"}
    root = corpus(files)
    assert run_cli(["--format", "old", "."], root)[:2] == (1, "old 2\n")
    assert run_cli(["--format", "run", "."], root)[:2] == (1, "2 keys=0 \n")
    code, out, _ = run_cli(["--format", "keys", "."], root)
    assert (code, out) == (1, "2 keys=1 a.md:6 b.md:6 c.md:6\n")  # c.md agrees with both
    # a warm run (the whole-run memo) gives the keys too
    assert run_cli(["--format", "keys", "."], root)[:2] == (1, out)


def _claim(path: str, line: int, years: set[int], value: int = 50, stated: bool = True,
           granularity: str = "year", projection: bool = False) -> Claim:
    m = mention(f"{value}%", Fraction(value), Fraction(value + 1), 0, path, line)
    c = claim(m, f"holds {value}%")
    period = Period(frozenset(years), granularity, "Q1" if granularity == "quarter" else "",  # type: ignore[arg-type]
                    stated, projection)
    return Claim(c.mention, c.location, c.text, c.subject, c.measure, c.kind, period)


def test_periods_cut_a_key_where_the_rules_would_not_compare() -> None:
    a = _claim("a.md", 1, {2023, 2024}, stated=False)  # undated: as of its document
    b = _claim("b.md", 1, {2024})
    c = _claim("c.md", 1, {2021})
    d = _claim("d.md", 1, set(), stated=False)  # no date at all: compares with any year
    q = _claim("e.md", 1, {2024}, granularity="quarter")
    p = _claim("f.md", 1, {2030}, projection=True)
    p2 = _claim("g.md", 1, {2031}, projection=True)
    clusters = period_clusters([a, b, c, q, p, p2])
    assert [[x.path for x in cl] for cl in clusters] == [
        ["a.md", "b.md"], ["c.md"], ["e.md"], ["f.md"], ["g.md"]]
    joined = period_clusters([a, b, c, d])
    assert [[x.path for x in cl] for cl in joined] == [["a.md", "b.md", "c.md", "d.md"]]
    # only the cluster a finding touches is handed on, with the span of its periods
    found = Finding("FC101", "value-conflict", "error", "m", c.location, c, (), "x", "y")
    keys = key_claims([found], [a, b, c, q])
    assert [[x.path for x in k.claims] for k in keys] == [["c.md"]]
    keys = key_claims([found], [a, b, c, d])
    assert keys[0].period.years == frozenset({2021, 2023, 2024})


def test_past_200_keys_the_rest_are_listed_without_charts() -> None:
    findings = []
    for i in range(MAX_CHARTS + 7):
        m1 = mention("60%", Fraction(59), Fraction(61), 0, f"d{i}.md", 1)
        m2 = mention("70%", Fraction(69), Fraction(71), 0, f"e{i}.md", 1)
        c1, c2 = (claim(m, f"holds {m.text}", subject=f"Land{i:03}") for m in (m1, m2))
        findings.append(Finding("FC101", "value-conflict", "error", f"key {i}", c1.location,
                                c1, (Related(c2.location, "conflicts", c2),), f"c{i}", f"f{i}"))
    out = io.StringIO()
    html.write_run(findings, STATS, out, RunInfo(keys=html.keys_of_findings(findings)))
    page = parse(out.getvalue())
    assert len(page.sections) == MAX_CHARTS + 7
    assert len([1 for _, kind in page.charts if kind == "key"]) == MAX_CHARTS
    assert "7 more keys, listed without charts" in "".join(page.texts)
    assert all(f"key {i}" in "".join(page.texts) for i in range(MAX_CHARTS + 7))


def test_suppressed_and_baselined_findings_are_counted_not_shown(corpus: Corpus) -> None:
    files = {**CONFLICT}
    files["a.md"] = files["a.md"].replace("mining.", "mining. <!-- factlint: ignore FC101 -->")
    root = corpus(files)
    code, _, err = run_cli(["--format", "html", "-o", "r.html", "."], root)
    assert code == 1, err
    text = "".join(parse((root / "r.html").read_text("utf-8")).texts)
    assert "Not shown: 1 suppressed finding, 0 findings in the baseline." in text
    assert run_cli(["baseline", "base.json", "."], root)[0] == 0
    code, _, _ = run_cli(["--format", "html", "-o", "r.html", "--baseline", "base.json", "."],
                         root)
    assert code == 0  # nothing new: exit codes as in every format
    text = "".join(parse((root / "r.html").read_text("utf-8")).texts)
    assert "Not shown: 1 suppressed finding, 1 finding in the baseline." in text
    assert "No findings." in text


def _case(code: str, name: str) -> dict[str, str]:
    import yaml

    cases = yaml.safe_load((REPO / "tests" / "rules" / f"{code}.yaml").read_text("utf-8"))
    case = next(c for c in cases["cases"] if c["name"].startswith(name))
    return {f"{code}-{path}": text for path, text in case["files"].items()}


def test_rule_charts_fit_their_conflicts_and_are_drawn_once(corpus: Corpus) -> None:
    files = {**_case("FC202", "shares of one total in one article"),
             **_case("FC302", "less than one-tenth of"), **_case("FC301", "a CAGR its endpoints")}
    root = corpus(files)
    code, _, err = run_cli(["--format", "html", "-o", "r.html", "."], root)
    assert code == 1, err
    text = (root / "r.html").read_text("utf-8")
    page = parse(text)
    code, out, _ = run_cli(["--format", "json", "."], root)
    findings = json.loads(out)["findings"]
    conflicts = {(f["rule"], f["conflict_id"]) for f in findings}
    assert {rule for rule, _ in conflicts} == {"FC202", "FC301", "FC302"}
    # one chart per conflict: FC202's three shares are three keys, its chart is drawn once
    assert len([kind for _, kind in page.charts if kind == "rule"]) == len(conflicts)
    assert len([kind for _, kind in page.charts if kind == "key"]) == len(page.sections) == 5
    assert text.count("The FC202 chart of this conflict is drawn") == 2
    # each rule chart's rows link to the places its finding names as evidence
    for f in findings:
        drawn = {link.target() for link in page.links if link.chart == "rule"}
        assert {(r["path"], r["line"]) for r in f["related"]} <= drawn
    shown = "".join(page.texts)
    assert "less than one-tenth of 210,000 tonnes (what the text says)" in shown
    assert "FC202: The shares stacked against 100%" in shown
    assert "FC301: The growth path the stated rate gives" in shown
    assert '<polygon points="' in text.split("FC301: The growth path")[1]  # its band
