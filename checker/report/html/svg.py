"""The report's charts, as inline SVG written here (no library, no script, no style
attribute: presentation attributes only, which a Content-Security-Policy does not govern).

Every chart is ``role="img"`` with a ``<title>`` and a ``<desc>`` and shares one look: a
conflicting side has a colour *and* a shape (circle, square, triangle, diamond, ...) and a
dash pattern of its own, so it reads in grey print and to colour-blind eyes; a place that
agrees with every other is grey with a bar of its own. Closed interval ends are filled
dots, open ends hollow ones, an infinite end an arrow. Every string is escaped here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from urllib.parse import quote

from factlint.model import Interval
from factlint.report.html.data import Row, RuleChart, number

WIDTH = 480
LEFT, RIGHT = 14, 14
ROW = 48
#: Okabe-Ito colours (distinct to colour-blind eyes), one per side; grey: no side
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
SHAPES = ("circle", "square", "triangle", "diamond", "cross", "bar")
DASHES = ("", "7 3", "2 3", "9 3 2 3", "4 4", "1 2")
GREY = "#6b6b6b"
LABEL_MAX = 50


def esc(text: str) -> str:
    """Text or an attribute value, escaped (``<``, ``>``, ``&``, both quotes)."""
    return escape(text, quote=True)


def href(path: str, line: int) -> str:
    """The link of a place: the project-relative path, percent-encoded (so no scheme such
    as ``javascript:`` can be read from a file name), with ``#L<line>``."""
    if not path:
        return ""
    if path.startswith("/"):
        return "file://" + quote(path, safe="/") + f"#L{line}"
    return "./" + quote(path, safe="/") + f"#L{line}"


def colour(side: int) -> str:
    return GREY if side < 0 else COLOURS[side % len(COLOURS)]


def shape_name(side: int) -> str:
    return "dash" if side < 0 else SHAPES[side % len(SHAPES)]


def marker(side: int, x: float, y: float, size: float = 6) -> str:
    """The side's shape, filled with its colour, centred on (x, y)."""
    c = colour(side)
    name = shape_name(side)
    s = size
    if name == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s:.1f}" fill="{c}"/>'
    if name == "square":
        return (f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" '
                f'height="{2 * s:.1f}" fill="{c}"/>')
    if name == "triangle":
        pts = f"{x:.1f},{y - s:.1f} {x + s:.1f},{y + s:.1f} {x - s:.1f},{y + s:.1f}"
    elif name == "diamond":
        pts = f"{x:.1f},{y - s:.1f} {x + s:.1f},{y:.1f} {x:.1f},{y + s:.1f} {x - s:.1f},{y:.1f}"
    elif name == "cross":
        t = s / 2.5
        pts = " ".join(f"{x + a:.1f},{y + b:.1f}" for a, b in (
            (-t, -s), (t, -s), (t, -t), (s, -t), (s, t), (t, t), (t, s), (-t, s), (-t, t),
            (-s, t), (-s, -t), (-t, -t)))
    elif name == "bar":
        return (f'<rect x="{x - s:.1f}" y="{y - s / 3:.1f}" width="{2 * s:.1f}" '
                f'height="{2 * s / 3:.1f}" fill="{c}"/>')
    else:  # a dash: no side
        return (f'<rect x="{x - s:.1f}" y="{y - 1.5:.1f}" width="{2 * s:.1f}" height="3" '
                f'fill="{c}"/>')
    return f'<polygon points="{pts}" fill="{c}"/>'


def legend_marker(side: int) -> str:
    """A small stand-alone SVG of a side's shape, for a legend or a list in HTML."""
    return (f'<svg class="mark" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
            f'{marker(side, 7, 7, 5.5)}</svg>')


class Axis:
    """A linear scale from values to x, with tidy ticks."""

    def __init__(self, low: float, high: float, left: float = LEFT,
                 right: float = WIDTH - RIGHT) -> None:
        if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
            low, high = (low - 1, low + 1) if math.isfinite(low) else (0.0, 1.0)
        pad = (high - low) * 0.06
        self.low, self.high = low - pad, high + pad
        self.left, self.right = left, right

    def x(self, v: float) -> float:
        v = min(max(v, self.low), self.high)
        return self.left + (v - self.low) / (self.high - self.low) * (self.right - self.left)

    def ticks(self, count: int = 5) -> list[float]:
        raw = (self.high - self.low) / count
        step = 10 ** math.floor(math.log10(raw))
        for m in (1, 2, 5, 10):
            if raw <= m * step:
                step *= m
                break
        first = math.ceil(self.low / step) * step
        return [first + i * step for i in range(count + 2) if first + i * step <= self.high]


def extent(intervals: Sequence[Interval | None], floor: float | None = None) -> Axis:
    """The axis that shows every finite bound of ``intervals``."""
    values = [float(b) for iv in intervals if iv is not None
              for b in (iv.low, iv.high) if b is not None]
    if floor is not None:
        values.append(floor)
    return Axis(min(values, default=0.0), max(values, default=1.0))


def _axis(axis: Axis, y: float, unit: str) -> str:
    out = [f'<line x1="{axis.left:.1f}" x2="{axis.right:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
           f'stroke="#333" stroke-width="1"/>']
    for t in axis.ticks():
        if unit == "rank" and t != int(t):
            continue  # ranks are whole numbers
        x = axis.x(t)
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y:.1f}" y2="{y + 5:.1f}" '
                   f'stroke="#333"/><text x="{x:.1f}" y="{y + 18:.1f}" font-size="13" '
                   f'text-anchor="middle" fill="#222">{esc(number(t, unit))}</text>')
    if unit and unit != "percent":
        out.append(f'<text x="{axis.right:.1f}" y="{y + 34:.1f}" font-size="13" '
                   f'text-anchor="end" fill="#222">{esc(unit.replace("_", " "))}</text>')
    return "".join(out)


def _end(x: float, y: float, closed: bool, side: int) -> str:
    c = colour(side)
    if closed:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{c}"/>'
    return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#fff" stroke="{c}" '
            f'stroke-width="2"/>')


def _arrow(x: float, y: float, direction: int, side: int) -> str:
    d = 8 * direction
    return (f'<polygon points="{x + d:.1f},{y:.1f} {x:.1f},{y - 5:.1f} {x:.1f},{y + 5:.1f}" '
            f'fill="{colour(side)}"/>')


def interval_bar(iv: Interval, axis: Axis, y: float, side: int) -> str:
    """One value as its interval: a bar with its ends (filled: closed, hollow: open)."""
    lo = axis.low if iv.low is None else float(iv.low)
    hi = axis.high if iv.high is None else float(iv.high)
    x1, x2 = axis.x(lo), axis.x(hi)
    dash = DASHES[side % len(DASHES)] if side >= 0 else ""
    out = [f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
           f'stroke="{colour(side)}" stroke-width="5" stroke-linecap="butt"'
           + (f' stroke-dasharray="{dash}"' if dash else "") + "/>"]
    out.append(_arrow(x1 - 8, y, -1, side) if iv.low is None
               else _end(x1, y, not iv.low_open, side))
    out.append(_arrow(x2 + 8, y, 1, side) if iv.high is None
               else _end(x2, y, not iv.high_open, side))
    return "".join(out)


def _short(text: str, limit: int = LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fit(value: str, where: str, room: float) -> tuple[str, str]:
    """The value and the place shortened to fit ``room`` units (bold 15 and plain 12.5
    units high: about 8.6 and 6.9 a character); the place keeps its file name and line."""
    value = _short(value, int(room * 0.72 / 8.6))
    left = room - len(value) * 8.6 - 20
    keep = max(12, int(left / 6.9))
    if len(where) > keep:
        where = "…" + where[-(keep - 1):]
    return value, where


def _label(row: Row, y: float, prefix: str = "", period: bool = False) -> str:
    """The row's marker, its written value (bold when a finding stands there) and its
    place, linked to ``path:line``."""
    weight = ' font-weight="bold"' if row.flagged else ""
    when = f" ({row.period})" if period else ""
    value, where = _fit(f"{prefix}{row.value}{when}", row.where, WIDTH - LEFT - RIGHT - 18)
    place = (f'<tspan font-size="12.5" font-weight="normal" fill="#333"> · {esc(where)}'
             "</tspan>") if row.path else ""
    body = (f'{marker(row.side, LEFT + 6, y - 5, 6)}<text x="{LEFT + 18}" y="{y:.1f}" '
            f'font-size="15" fill="#111"{weight}><title>{esc(row.text)}</title>'
            f"{esc(value)}{place}</text>")
    if not row.path:
        return body
    return (f'<a href="{esc(href(row.path, row.line))}" class="place" '
            f'data-place="{esc(row.where)}">{body}</a>')


def _svg(ident: str, title: str, desc: str, height: float, body: str, kind: str) -> str:
    return (f'<svg role="img" aria-labelledby="{ident}-t {ident}-d" data-chart="{kind}" '
            f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" '
            f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">'
            f'<title id="{ident}-t">{esc(title)}</title><desc id="{ident}-d">{esc(desc)}</desc>'
            f'{body}</svg>')


def describe_rows(rows: Sequence[Row], unit: str) -> str:
    """The text alternative of a chart: every row's value, interval and place."""
    parts = []
    for r in rows:
        iv = r.interval.text() if r.interval is not None else "no interval"
        side = "no side" if r.side < 0 else f"side {chr(65 + r.side % 26)}"
        parts.append(f"{r.value} {iv} {unit} ({side}) at {r.where}".replace("  ", " "))
    return "; ".join(parts)


def interval_chart(ident: str, title: str, rows: Sequence[Row], unit: str,
                   kind: str = "key") -> str:
    """One row per place: its label, then its interval on the axis that all rows share."""
    axis = extent([r.interval for r in rows])
    periods = len({r.period for r in rows}) > 1
    body = []
    y = 20.0
    for r in rows:
        body.append(_label(r, y, period=periods))
        if r.interval is not None:
            body.append(interval_bar(r.interval, axis, y + 16, r.side))
        y += ROW
    if any(r.interval is not None for r in rows):
        body.append(_axis(axis, y - 14, unit))
    else:
        body.append(f'<text x="{LEFT}" y="{y - 8:.1f}" font-size="13" fill="#555">'
                    "no figure to draw: a comparison states none of its own</text>")
    return _svg(ident, title, describe_rows(rows, unit), y + 30, "".join(body), kind)


def _value_bar(iv: Interval | None, axis: Axis, y: float, side: int) -> str:
    """A bar from zero to the interval's middle, with the interval as a whisker."""
    if iv is None:
        return ""
    lo = float(iv.low) if iv.low is not None else 0.0
    hi = float(iv.high) if iv.high is not None else lo
    mid = (lo + hi) / 2
    x0, xm = axis.x(0), axis.x(mid)
    bar = (f'<rect x="{min(x0, xm):.1f}" y="{y - 7:.1f}" width="{abs(xm - x0):.1f}" '
           f'height="14" fill="{colour(side)}" fill-opacity="0.35" stroke="{colour(side)}"/>')
    return bar + interval_bar(iv, axis, y, side)


def rank_chart(ident: str, chart: RuleChart) -> str:
    """FC201: the ranked figures as bars, in rank order, with the claimed rank marked."""
    rows = sorted(chart.rows, key=lambda r: _middle(r.interval), reverse=chart.largest)
    axis = extent([r.interval for r in rows], floor=0.0)
    body, y = [], 20.0
    for n, r in enumerate(rows, start=1):
        if n == chart.rank:
            body.append(_claimed(y, chart))
            y += 26
        body.append(_label(r, y, prefix=f"{n}. {r.subject} "))
        body.append(_value_bar(r.interval, axis, y + 16, r.side))
        y += ROW
    if chart.rank > len(rows) or chart.rank < 1:
        body.append(_claimed(y, chart))
        y += 26
    body.append(_axis(axis, y - 14, chart.unit))
    desc = (f"{chart.claim.subject}: '{chart.claim.value}' at {chart.claim.where} claims rank "
            f"{chart.rank}; the figures in rank order: {describe_rows(rows, chart.unit)}")
    return _svg(ident, chart.title, desc, y + 30, "".join(body), "rule")


def _claimed(y: float, chart: RuleChart) -> str:
    """A line across the chart where the claimed rank stands, saying who claims it."""
    text = f"▶ {chart.claim.subject} claimed {ordinal(chart.rank)}: '{chart.claim.value}'"
    return (f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y + 6:.1f}" y2="{y + 6:.1f}" '
            f'stroke="#111" stroke-width="1.5" stroke-dasharray="4 3"/>'
            f'<text x="{LEFT}" y="{y:.1f}" font-size="13" font-weight="bold" fill="#111">'
            f"{esc(_short(text, 60))}</text>")


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _middle(iv: Interval | None) -> float:
    if iv is None:
        return 0.0
    lo = float(iv.low) if iv.low is not None else None
    hi = float(iv.high) if iv.high is not None else None
    if lo is None:
        return hi or 0.0
    return lo if hi is None else (lo + hi) / 2


def _low(iv: Interval | None) -> float:
    return float(iv.low) if iv is not None and iv.low is not None else 0.0


def shares_chart(ident: str, chart: RuleChart) -> str:
    """FC202: the shares' lower bounds stacked in one bar against a line at 100%."""
    total = sum(_low(r.interval) for r in chart.rows)
    axis = Axis(0.0, max(100.0, total))
    body, x = [], axis.x(0)
    for r in chart.rows:
        w = axis.x(axis.low + _low(r.interval) - 0) - axis.x(axis.low)
        body.append(f'<rect x="{x:.1f}" y="12" width="{max(w, 0):.1f}" height="22" '
                    f'fill="{colour(r.side)}" stroke="#fff" stroke-width="1.5"/>')
        x += w
    hundred = axis.x(100.0)
    body.append(f'<line x1="{hundred:.1f}" x2="{hundred:.1f}" y1="4" y2="44" stroke="#111" '
                f'stroke-width="2.5" stroke-dasharray="5 2"/><text x="{hundred - 4:.1f}" '
                f'y="56" font-size="13" text-anchor="end" font-weight="bold" fill="#111">'
                f'100%</text><text x="{LEFT:.1f}" y="56" font-size="13" fill="#111">'
                f'{esc(f"lower bounds add up to {number(total, chart.unit)}")}</text>')
    y = 84.0
    for r in chart.rows:
        body.append(_label(r, y, prefix=f"{r.subject} "))
        y += 24
    body.append(_axis(axis, y, "percent"))
    desc = (f"The shares' lower bounds add up to {number(total, 'percent')}: "
            f"{describe_rows(chart.rows, 'percent')}")
    return _svg(ident, chart.title, desc, y + 34, "".join(body), "rule")


def part_chart(ident: str, chart: RuleChart) -> str:
    """FC203: the stated parts stacked into the total they make (the subject's own part in
    its colour), a stated total beside them, and where the stated share would put the part."""
    parts = [r for r in chart.rows if r.side != 1]
    totals = [r for r in chart.rows if r.side == 1]
    summed = sum(_middle(r.interval) for r in parts)
    whole = max([summed, *(_middle(r.interval) for r in totals)])
    axis = Axis(0.0, whole)
    body, y = [], 30.0
    x = axis.x(0)
    body.append(f'<text x="{LEFT}" y="16" font-size="13" fill="#111">'
                f'{esc("the stated parts, added up: " + number(summed, chart.unit))}</text>')
    for r in parts:
        w = axis.x(axis.low + _middle(r.interval)) - axis.x(axis.low)
        body.append(f'<rect x="{x:.1f}" y="{y - 8:.1f}" width="{max(w, 0):.1f}" height="16" '
                    f'fill="{colour(r.side)}" fill-opacity="{1 if r.side == 0 else 0.45}" '
                    f'stroke="#fff"/>')
        x += w
    share = chart.claim.interval
    if share is not None and summed > 0:
        at = axis.x(_middle(share) / 100 * (max(summed, whole)))
        body.append(f'<line x1="{at:.1f}" x2="{at:.1f}" y1="{y - 16:.1f}" y2="{y + 16:.1f}" '
                    f'stroke="#111" stroke-width="2.5" stroke-dasharray="4 2"/>'
                    f'<text x="{at + 4:.1f}" y="{y + 28:.1f}" font-size="13" fill="#111">'
                    f'{esc(_short(f"{chart.claim.value} of the total", 44))}</text>')
    y += 56
    for r in [*totals, *parts]:
        body.append(_label(r, y, prefix=f"{r.subject} "))
        if r in totals:
            body.append(_value_bar(r.interval, axis, y + 14, 1))
            y += ROW
        else:
            y += 24
    body.append(_axis(axis, y, chart.unit))
    desc = (f"{chart.claim.subject}: '{chart.claim.value}' at {chart.claim.where}; the parts "
            f"add up to {number(summed, chart.unit)}: {describe_rows(chart.rows, chart.unit)}")
    return _svg(ident, chart.title, desc, y + 40, "".join(body), "rule")


def growth_chart(ident: str, chart: RuleChart, path: list[tuple[float, float, float]]) -> str:
    """FC301: the stated figures at their years, and the band the stated rate draws from the
    first one (``path``: year, low, high of the computed band)."""
    rows = chart.rows
    values = [v for r in rows for v in (_low(r.interval), _middle(r.interval))]
    values += [v for _, lo, hi in path for v in (lo, hi)]
    vaxis = Axis(min([0.0, *values]), max([*values, 1.0]))
    top, bottom = 28.0, 200.0

    def vy(v: float) -> float:
        return bottom - (v - vaxis.low) / (vaxis.high - vaxis.low) * (bottom - top)

    years = [r.year for r in rows]
    xaxis = Axis(min([*years, *(y for y, _, _ in path)], default=0),
                 max([*years, *(y for y, _, _ in path)], default=1), LEFT + 50,
                 WIDTH - RIGHT - 40)
    body = [f'<line x1="{xaxis.left:.1f}" x2="{xaxis.right:.1f}" y1="{bottom:.1f}" '
            f'y2="{bottom:.1f}" stroke="#333"/><line x1="{xaxis.left - 20:.1f}" '
            f'x2="{xaxis.left - 20:.1f}" y1="{top:.1f}" y2="{bottom:.1f}" stroke="#333"/>']
    if chart.unit and chart.unit != "percent":
        body.append(f'<text x="{LEFT}" y="{top - 10:.1f}" font-size="13" '
                    f'fill="#222">{esc(chart.unit.replace("_", " "))}</text>')
    for t in vaxis.ticks(4):
        body.append(f'<text x="{xaxis.left - 24:.1f}" y="{vy(t) + 4:.1f}" font-size="13" '
                    f'text-anchor="end" fill="#222">{esc(number(t, chart.unit))}</text>'
                    f'<line x1="{xaxis.left - 20:.1f}" x2="{xaxis.right:.1f}" y1="{vy(t):.1f}" '
                    f'y2="{vy(t):.1f}" stroke="#ddd"/>')
    if len(path) >= 2:
        upper = " ".join(f"{xaxis.x(y):.1f},{vy(hi):.1f}" for y, _, hi in path)
        lower = " ".join(f"{xaxis.x(y):.1f},{vy(lo):.1f}" for y, lo, _ in reversed(path))
        body.append(f'<polygon points="{upper} {lower}" fill="{COLOURS[1]}" fill-opacity="0.25"'
                    f' stroke="{COLOURS[1]}" stroke-dasharray="6 3"/>')
        y_end, _, hi_end = path[-1]
        body.append(f'<text x="{xaxis.x(y_end) + 6:.1f}" y="{vy(hi_end) - 4:.1f}" '
                    f'font-size="13" fill="#111" text-anchor="end">'
                    f'{esc(_short("at " + chart.claim.value, 30))}</text>')
    for r, year in zip(rows, years, strict=False):
        if r.interval is None:
            continue
        x = xaxis.x(year)
        lo, hi = _low(r.interval), (float(r.interval.high) if r.interval.high is not None
                                     else _low(r.interval))
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{vy(lo):.1f}" y2="{vy(hi):.1f}" '
                    f'stroke="{colour(r.side)}" stroke-width="5"/>'
                    + marker(r.side, x, vy(_middle(r.interval)), 6))
        body.append(f'<text x="{x:.1f}" y="{bottom + 18:.1f}" font-size="13" '
                    f'text-anchor="middle" fill="#222">{year}</text>')
    y = bottom + 46
    for r in rows:
        body.append(_label(r, y, prefix=f"{r.period}: "))
        y += 24
    desc = (f"'{chart.claim.value}' at {chart.claim.where}, against the stated figures: "
            f"{describe_rows(rows, chart.unit)}")
    return _svg(ident, chart.title, desc, y + 6, "".join(body), "rule")
