"""The HTML report as a user sees it: rendered by a real headless Chromium (Debian's
``chromium``, driven over its DevTools protocol by tests/cdp.py).

The page of ``seeds/`` must render without a console error (a script error or a
Content-Security-Policy violation counts), show one chart per conflicting key, not be
blank in a screenshot, fit a phone-width window, print with its charts (and without the
filter), and its filter must work. A page of hostile file names must run no script but
its own. Under ``CI=true`` a browser that cannot
be started fails these tests (``.ci/run`` installs one); elsewhere they are skipped.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import cdp
import pytest
from conftest import CONFLICT, run_cli

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"
Corpus = Callable[[Mapping[str, str]], Path]


def _unavailable(why: str) -> None:
    message = f"headless Chromium is needed to see the HTML report: {why}"
    if IN_CI:
        pytest.fail(message + " (.ci/run installs Debian's chromium)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[cdp.Browser]:
    executable = cdp.find_browser()
    if executable is None:
        _unavailable("no chromium on PATH (apt-get install chromium)")
    assert executable is not None
    try:
        started = cdp.Browser(executable)
    except cdp.BrowserError as exc:
        _unavailable(str(exc))
        raise
    yield started
    started.close()


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    root = tmp_path_factory.mktemp("seeds-browser")
    (root / ".git").mkdir()
    shutil.copytree(REPO / "seeds", root / "seeds")
    code, _, err = run_cli(["--format", "html", "-o", "report.html", "--no-cache", "seeds"],
                           root)
    assert code == 1, err
    code, out, _ = run_cli(["--format", "json", "--no-cache", "seeds"], root)
    report = json.loads(out)
    keys: dict[tuple[str, str, str], set[int]] = {}
    for f in report["findings"]:
        c = f["location"]["claim"]
        keys.setdefault((c["subject"], c["measure"], c["kind"]), set()).update(
            _years(c["period"]))
    code, out, _ = run_cli(["claims", "--format", "json", "--no-cache", "seeds"], root)
    places = [c for m in json.loads(out)["mentions"] for c in m["claims"]]
    # what a user should see: a section per key, a row per place that states a figure of
    # it in a period that compares (the seeds' 69% of 2023 is another key's)
    drawn = sum(1 for c in places if _years(c["period"]) & keys.get(
        (c["subject"], c["measure"], c["kind"]), set()))
    return root / "report.html", {"keys": set(keys), "places": drawn}


def _years(label: str) -> set[int]:
    """The years of a period label: ``2024``, ``2024–2025``, ``Q4 2024``."""
    found = [int(y) for y in re.findall(r"\d{4}", label)]
    return set(range(min(found), max(found) + 1)) if found else set()


def test_seeds_report_renders_with_one_chart_per_key_and_no_console_error(
        browser: cdp.Browser, seeds_report: tuple[Path, dict[str, object]],
        tmp_path: Path) -> None:
    report, findings = seeds_report
    page = browser.page(report.as_uri(), width=1000)
    assert page.errors == []
    keys = findings["keys"]
    assert isinstance(keys, set)
    shown = page.evaluate("""({
        sections: document.querySelectorAll("section.key").length,
        keyCharts: Array.from(document.querySelectorAll("section.key")).map(
            s => s.querySelectorAll("svg[data-chart=key]").length),
        scripts: document.scripts.length,
        filterShown: !document.getElementById("filter").hidden,
        count: document.getElementById("f-count").textContent,
        drawnRows: document.querySelectorAll("svg[data-chart=key] a.place").length
    })""")
    assert shown["sections"] == len(keys) == 5
    assert shown["keyCharts"] == [1] * len(keys)  # one chart per conflicting key
    assert shown["scripts"] == 1 and shown["filterShown"]  # the page's script ran
    assert shown["count"] == "5 of 5 keys shown"
    assert shown["drawnRows"] == findings["places"]  # the agreeing places too
    png = page.screenshot()
    (tmp_path / "seeds-report.png").write_bytes(png)
    seen = cdp.ink(browser, png)
    assert seen["width"] == 1000 and seen["height"] > 2000  # the whole page, not a window
    assert 0.03 < seen["ink"] < 0.6, seen  # not blank, not a black box
    assert seen["colours"] >= 8, seen  # text, links and the sides' colours


def test_the_filter_shows_the_keys_of_one_rule_severity_and_file(
        browser: cdp.Browser, seeds_report: tuple[Path, dict[str, object]]) -> None:
    report, _ = seeds_report
    page = browser.page(report.as_uri())
    pick = """(function (id, value) {
        var s = document.getElementById(id); s.value = value;
        s.dispatchEvent(new Event("change"));
        return Array.from(document.querySelectorAll("section.key:not([hidden]) h2")).map(
            h => h.textContent);
    })"""
    fc203 = page.evaluate(pick + '("f-rule", "FC203")')
    assert fc203 == ["United States · share of rare earth reserves · 2024–2025"]
    page.evaluate(pick + '("f-rule", "")')
    warnings = page.evaluate(pick + '("f-severity", "warning")')
    assert "Australia · rank in rare earth reserves · 2024–2025" in warnings
    assert not any("mining" in title for title in warnings)  # its findings are all errors
    page.evaluate(pick + '("f-severity", "")')
    in_004 = page.evaluate(pick + '("f-file", "seeds/004_0a7b5797604bb1f2.txt")')
    assert len(in_004) == 2  # China's mining share and the US imports from China
    assert page.evaluate('document.getElementById("f-count").textContent') == \
        "2 of 5 keys shown"
    assert page.errors == []


def test_the_report_fits_a_phone_width_window(
        browser: cdp.Browser, seeds_report: tuple[Path, dict[str, object]]) -> None:
    report, _ = seeds_report
    page = browser.page(report.as_uri(), width=375, height=700)
    widths = page.evaluate("""({page: document.documentElement.scrollWidth,
        charts: Math.max(...Array.from(document.querySelectorAll("svg[data-chart]")).map(
            s => s.getBoundingClientRect().right))})""")
    assert widths["page"] <= 375 and widths["charts"] <= 375, widths
    assert page.errors == []


def test_hostile_file_names_run_no_script(browser: cdp.Browser, corpus: Corpus) -> None:
    files = {'a "onload=alert(1) <script>window.pwned=1</script>.md': CONFLICT["a.md"],
             "b <svg onload=window.pwned=2>.md": CONFLICT["b.md"]
             + "\n<script>window.pwned=3</script></svg>\"onload=window.pwned=4\n"}
    root = corpus(files)
    code, _, err = run_cli(["--format", "html", "-o", "r.html", "--no-cache", "."], root)
    assert code == 1, err
    page = browser.page((root / "r.html").as_uri())
    assert page.errors == []
    state = page.evaluate("""({pwned: window.pwned === undefined ? null : window.pwned,
        scripts: document.scripts.length, text: document.body.innerText,
        charts: document.querySelectorAll("svg[data-chart=key]").length})""")
    assert state["pwned"] is None and state["scripts"] == 1
    assert "<script>window.pwned=1</script>" in state["text"]  # shown, as text
    assert state["charts"] == 1


def test_the_report_prints_with_its_charts_and_without_the_filter(
        browser: cdp.Browser, seeds_report: tuple[Path, dict[str, object]]) -> None:
    report, findings = seeds_report
    page = browser.page(report.as_uri(), width=800)
    browser.call("Emulation.setEmulatedMedia", page.session, media="print")
    shown = page.evaluate("""({
        filter: getComputedStyle(document.getElementById("filter")).display,
        charts: Array.from(document.querySelectorAll("svg[data-chart=key]")).filter(
            s => s.getBoundingClientRect().height > 50).length})""")
    assert shown == {"filter": "none", "charts": len(findings["keys"])}  # type: ignore[arg-type]
    pdf = base64.b64decode(browser.call("Page.printToPDF", page.session)["data"])
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= 2  # pages, not one clipped
    assert page.errors == []
