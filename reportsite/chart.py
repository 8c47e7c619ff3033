"""Inline SVG charts, drawn at build time: no script, no library, no request; readable without CSS.

`small_multiples(series, years)` draws one small line chart per series on a shared year axis,
each with its own vertical scale (an agency's items published and its lawsuits differ by four
orders of magnitude). Every chart has a <title> and a <desc> that states every value in words,
and the page shows the same numbers in a table. Colours come from classes in theme/stats.css,
with presentation attributes as the fallback: no `style=` attribute (CSP `style-src 'self'`).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 320, 170
LEFT, RIGHT, TOP, BOTTOM = 46, 12, 30, 26


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    exact: bool = True  # False: a lower bound, an approximation or a rounded figure (drawn hollow)
    label: str = ""  # the value as shown in the text alternative


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    points: tuple[Point, ...]


def compact(value: float) -> str:
    """An axis label: 39000 → 3.9万, 1200 → 1200, 2.5 → 2.5."""
    if abs(value) >= 10000:
        text = f"{value / 10000:.1f}".rstrip("0").rstrip(".")
        return f"{text}万"
    if value == int(value):
        return str(int(value))
    return f"{value:.1f}"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value:
            return float(top)
    return float(10 * magnitude)


def _a(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def panel(series: Series, years: list[int], ident: str) -> str:
    """One chart as an <svg> element."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = _nice_max(max((p.value for p in series.points), default=0))
    span = max(len(years) - 1, 1)

    def x(year: int) -> float:
        return LEFT + (years.index(year) * plot_w / span if len(years) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h - value / top * plot_h

    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    described = "；".join(f"{p.year}年 {p.label or compact(p.value)}" for p in series.points) or "没有数字"
    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img"'
           f' aria-labelledby="{title_id} {desc_id}" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{title_id}">{escape(series.label)}</title>',
           f'<desc id="{desc_id}">{escape(series.label)}，按年份：{escape(described)}。空心点为约数或下限（“余”“约”“万”）。</desc>',
           f'<text class="chart-title" x="{LEFT}" y="16" font-size="13" fill="currentColor">{escape(series.label)}</text>']
    for fraction in (0, 0.5, 1):
        gy = y(top * fraction)
        out.append(f'<line class="chart-grid" x1="{LEFT}" y1="{_a(gy)}" x2="{WIDTH - RIGHT}" y2="{_a(gy)}" stroke="#999" stroke-width="0.5"/>')
        out.append(f'<text class="chart-axis" x="{LEFT - 4}" y="{_a(gy + 4)}" font-size="10" text-anchor="end" fill="currentColor">'
                   f'{escape(compact(top * fraction))}</text>')
    every = max(1, -(-len(years) // 8))
    for i, year in enumerate(years):
        last = len(years) - 1
        if (i % every == 0 and last - i >= max(every, 2)) or i == last or (i == 0 and last < 2):
            out.append(f'<text class="chart-axis" x="{_a(x(year))}" y="{HEIGHT - 8}" font-size="10" text-anchor="middle"'
                       f' fill="currentColor">{year}</text>')
    by_year = {p.year: p for p in series.points}
    run: list[Point] = []
    runs: list[list[Point]] = []
    for year in years:  # a line joins consecutive years only: a missing year breaks it
        if year in by_year:
            run.append(by_year[year])
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    for run in runs:
        if len(run) > 1:
            coords = " ".join(f"{_a(x(p.year))},{_a(y(p.value))}" for p in run)
            out.append(f'<polyline class="chart-line" points="{coords}" fill="none" stroke="#8b1e1e" stroke-width="2"/>')
    for p in series.points:
        cls = "chart-point" if p.exact else "chart-point chart-point-inexact"
        fill = "#8b1e1e" if p.exact else "#ffffff"
        out.append(f'<circle class="{cls}" cx="{_a(x(p.year))}" cy="{_a(y(p.value))}" r="3.5" fill="{fill}"'
                   f' stroke="#8b1e1e" stroke-width="1.5"><title>{p.year}年：{escape(p.label or compact(p.value))}</title></circle>')
    out.append("</svg>")
    return "".join(out)


def small_multiples(series: list[Series], years: list[int], ident: str = "chart") -> str:
    """Charts for every series that has a value, side by side (wrapping), as HTML."""
    drawn = [s for s in series if s.points]
    if not drawn or not years:
        return ""
    return "".join(f'<div class="chart-cell">{panel(s, years, f"{ident}-{i}")}</div>' for i, s in enumerate(drawn, 1))
