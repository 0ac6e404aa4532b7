"""The HTML page: header with counts and the filter, one section per conflicting key, the
findings of no key, and the one inline script, allowed by its hash in a Content-Security-
Policy that allows nothing else (no network, no other script, no plugin, no form target).

Every piece of document text goes through :func:`~.svg.esc`; the script reads the page's
``data-`` attributes and sets only ``hidden`` and ``textContent``.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator, Sequence

from factlint import __version__
from factlint.model import Finding, Stats
from factlint.report.html import svg
from factlint.report.html.data import Report, Row, RuleChart, Section
from factlint.report.html.svg import esc, href, legend_marker
from factlint.report.text_reporter import plural, summary

CSS = """
:root { color-scheme: light; --ink: #111; --muted: #555; --line: #ccc; }
* { box-sizing: border-box; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  background: #fff; margin: 0 auto; max-width: 62rem; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 0 0 .5rem; overflow-wrap: anywhere; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
a { color: #0b57a4; }
.muted { color: var(--muted); }
table { border-collapse: collapse; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .2rem .5rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
td.n { text-align: right; }
.scroll { overflow-x: auto; max-width: 100%; }
form { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: 1rem 0; padding: .5rem;
  border: 1px solid var(--line); border-radius: 4px; }
form[hidden] { display: none; }
label { display: flex; flex-direction: column; font-size: .85rem; }
select { font: inherit; max-width: 100%; }
section.key, section.list { border-top: 2px solid var(--ink); padding: .75rem 0 1rem; }
section[hidden], li[hidden] { display: none; }
ul.findings { padding-left: 1.1rem; margin: .25rem 0 .75rem; }
ul.findings li { overflow-wrap: anywhere; margin: .2rem 0; }
.sev { font-weight: bold; border: 1px solid; border-radius: 3px; padding: 0 .25rem;
  font-size: .8rem; }
.sev.error { color: #a00020; }
.sev.warning { color: #7a4f00; }
figure { margin: .5rem 0 1rem; }
figure svg[role=img] { display: block; width: 100%; height: auto; max-width: 34rem; }
figcaption { font-size: .88rem; }
.legend { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap;
  gap: .25rem 1rem; }
svg.mark { vertical-align: -2px; margin-right: .25rem; }
details { margin-top: .25rem; }
@media print {
  form, nav { display: none; }
  section.key { break-inside: avoid-page; }
  a { color: inherit; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("filter");
  var pick = function (id) { return document.getElementById(id); };
  var rule = pick("f-rule"), sev = pick("f-severity"), file = pick("f-file");
  var groups = document.querySelectorAll("[data-group]");
  function apply() {
    var shown = 0;
    document.querySelectorAll("[data-finding]").forEach(function (li) {
      li.hidden = !((!rule.value || li.dataset.rule === rule.value) &&
                    (!sev.value || li.dataset.severity === sev.value) &&
                    (!file.value || li.dataset.file === file.value));
    });
    groups.forEach(function (group) {
      var any = group.querySelector("[data-finding]:not([hidden])") !== null;
      group.hidden = !any;
      if (any && group.classList.contains("key")) { shown += 1; }
    });
    pick("f-count").textContent = shown + " of " + form.dataset.keys + " keys shown";
  }
  [rule, sev, file].forEach(function (s) { s.addEventListener("change", apply); });
  form.hidden = false;
  apply();
})();
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


#: Nothing from the network, no plugin, no form target, no <base>: only this page's own
#: style sheet and script, by their hashes.
CSP = (f"default-src 'none'; style-src {_hash(CSS)}; script-src {_hash(SCRIPT)}; "
       "img-src 'none'; base-uri 'none'; form-action 'none'")


def _place(f: Finding) -> str:
    loc = f.location
    text = f"{loc.path}:{loc.line}:{loc.column}" if loc.path else "factlint"
    if not loc.path:
        return esc(text)
    return f'<a href="{esc(href(loc.path, loc.line))}">{esc(text)}</a>'


def finding_item(f: Finding) -> str:
    """A finding as the text format prints its first line, with its place linked."""
    level = f' <span class="sev {esc(f.severity)}">{esc(f.severity)}</span>'
    return (f'<li data-finding data-rule="{esc(f.rule)}" data-severity="{esc(f.severity)}" '
            f'data-file="{esc(f.location.path)}">{_place(f)}: <b>{esc(f.rule)}</b>{level} '
            f'{esc(f.message)}</li>')


def _rows_table(rows: Sequence[Row], unit: str) -> str:
    body = "".join(
        f"<tr><td>{legend_marker(r.side)}{esc(_side_name(r.side))}</td><td>{esc(r.value)}</td>"
        f"<td>{esc(r.interval.text() if r.interval is not None else '')} {esc(unit)}</td>"
        f"<td>{esc(r.period)}</td><td>"
        + (f'<a href="{esc(href(r.path, r.line))}">{esc(r.where)}</a>' if r.path else "")
        + f"</td><td>{esc(r.text)}</td></tr>"
        for r in rows)
    return ('<details><summary>The chart as a table</summary><div class="scroll"><table>'
            "<thead><tr><th>side</th><th>written</th><th>interval</th><th>period</th>"
            f"<th>place</th><th>statement</th></tr></thead><tbody>{body}</tbody></table>"
            "</div></details>")


def _side_name(side: int) -> str:
    return "none (agrees)" if side < 0 else f"side {chr(65 + side % 26)}"


def _legend(section: Section) -> str:
    items = [f"<li>{legend_marker(i)}{esc(_side_name(i))}: {esc(', '.join(values))}</li>"
             for i, values in enumerate(section.sides) if values]
    if any(r.side < 0 for r in section.rows):
        items.append(f"<li>{legend_marker(-1)}grey: agrees with every other figure</li>")
    items.append("<li>● filled end: included · ○ hollow end: excluded · ▶ arrow: "
                 "no bound</li>")
    return f'<ul class="legend">{"".join(items)}</ul>'


def key_figure(section: Section) -> str:
    """The key's chart: every place that states a figure of it, on one axis."""
    chart = svg.interval_chart(f"{section.anchor}-c", f"Every place that states {section.title}",
                               section.rows, section.unit)
    caption = (f"<figcaption>{plural(len(section.rows), 'place')} that state a figure of this "
               f"key, each value as its interval; each row links to its place."
               f"{_legend(section)}</figcaption>")
    return f"<figure>{chart}{caption}{_rows_table(section.rows, section.unit)}</figure>"


def rule_figure(chart: RuleChart) -> str:
    """The chart that fits a conflict of FC201, FC202, FC203, FC301 or FC302."""
    ident = chart.anchor
    if chart.shape == "rank":
        drawn = svg.rank_chart(ident, chart)
    elif chart.shape == "shares":
        drawn = svg.shares_chart(ident, chart)
    elif chart.shape == "part":
        drawn = svg.part_chart(ident, chart)
    elif chart.shape == "growth":
        drawn = svg.growth_chart(ident, chart, list(chart.path))
    else:
        rows = [chart.claim, *chart.rows]
        drawn = svg.interval_chart(ident, chart.title, rows, chart.unit, "rule")
    head = f'<h3 id="{esc(ident)}">{esc(chart.rule)}: {esc(chart.title)}</h3>'
    caption = (f"<figcaption>{esc(chart.rule)} on '{esc(chart.claim.value)}' at "
               f'<a href="{esc(href(chart.claim.path, chart.claim.line))}">'
               f"{esc(chart.claim.where)}</a>.</figcaption>")
    return (f"{head}<figure>{drawn}{caption}"
            f"{_rows_table([chart.claim, *chart.rows], chart.unit)}</figure>")


def section_html(section: Section) -> str:
    items = "".join(finding_item(f) for f in section.findings)
    out = [f'<section class="key" id="{esc(section.anchor)}" data-group>',
           f"<h2>{esc(section.title)}</h2>", f'<ul class="findings">{items}</ul>']
    if section.charted:
        out.append(key_figure(section))
        out.extend(rule_figure(c) for c in section.rule_charts)
        out.extend(f'<p>The {esc(rule)} chart of this conflict is drawn '
                   f'<a href="#{esc(anchor)}">with another of its keys</a>.</p>'
                   for rule, anchor in section.rule_links)
    out.append("</section>")
    return "".join(out)


def _header(report: Report, findings: Sequence[Finding], stats: Stats) -> str:
    rows = "".join(f"<tr><td>{esc(rule)}</td><td class=n>{e}</td><td class=n>{w}</td></tr>"
                   for rule, e, w in report.counts)
    errors = sum(e for _, e, _ in report.counts)
    warnings = sum(w for _, _, w in report.counts)
    rows += f"<tr><th>all</th><th class=n>{errors}</th><th class=n>{warnings}</th></tr>"
    hidden = (f"Not shown: {plural(report.suppressed, 'suppressed finding')}, "
              f"{plural(report.baselined, 'finding')} in the baseline.")

    def options(values: Sequence[str]) -> str:
        return '<option value="">all</option>' + "".join(
            f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)

    keys = len(report.sections)
    return (
        "<header><h1>factlint report</h1>"
        f'<p><b>{esc(summary(list(findings), stats))}</b>; '
        f"{plural(keys, 'conflicting key')}.</p><p class=muted>{esc(hidden)}</p>"
        '<div class="scroll"><table><caption>Findings by rule and severity</caption>'
        f"<thead><tr><th>rule</th><th>errors</th><th>warnings</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
        f'<form id="filter" hidden data-keys="{keys}">'
        f'<label>Rule <select id="f-rule">{options(report.rules)}</select></label>'
        '<label>Severity <select id="f-severity">'
        f'{options(("error", "warning"))}</select></label>'
        f'<label>File <select id="f-file">{options(report.files)}</select></label>'
        '<output id="f-count" aria-live="polite"></output></form></header>')


def render(report: Report, findings: Sequence[Finding], stats: Stats) -> Iterator[str]:
    """The whole page, a section at a time (a report of 20,000 findings is tens of MB)."""
    title = f"factlint report: {summary(list(findings), stats)}"
    yield ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           '<meta name="viewport" content="width=device-width, initial-scale=1">'
           f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">'
           '<meta name="referrer" content="no-referrer">'
           f"<title>{esc(title)}</title><style>{CSS}</style></head><body>")
    charted = [s for s in report.sections if s.charted]
    rest = [s for s in report.sections if not s.charted]
    yield _header(report, findings, stats) + "<main>"
    yield from (section_html(s) for s in charted)
    if rest:
        yield (f'<section class="list" id="more"><h2>{plural(len(rest), "more key")}, '
               f"listed without charts (charts are drawn for the first "
               f"{len(charted)})</h2></section>")
        yield from (section_html(s) for s in rest)
    if report.others:
        items = "".join(finding_item(f) for f in report.others)
        yield (f'<section class="list" id="others" data-group><h2>'
               f"{plural(len(report.others), 'finding')} of no key</h2>"
               f'<ul class="findings">{items}</ul></section>')
    if not findings:
        yield "<p>No findings.</p>"
    yield (f"</main><footer class=muted><p>factlint {esc(__version__)}</p></footer>"
           f"<script>{SCRIPT}</script></body></html>\n")
